"""Nearest one-sided records by multilingual similarity: cross-language search.

At build time every record that has only one side (Arabic with no rendering, English with no
Arabic) gets its sentence embedding, stored as a float16 matrix beside the index; a query in one
script is compared with the records of the other. A matrix product over 200,000 rows of 512
takes a few tens of milliseconds on two cores, so no approximate index is needed at this scale.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

VECTORS = "vectors.npy"
IDS = "vectors.json"


def write_vectors(folder: Path, ids: list[str], kinds: list[str], vectors: np.ndarray) -> None:
    np.save(folder / VECTORS, vectors.astype(np.float16))
    (folder / IDS).write_text(json.dumps({"ids": ids, "kinds": kinds}), encoding="utf-8")


class VectorIndex:
    def __init__(self, folder: Path):
        self._folder = folder
        self._matrix: np.ndarray | None = None
        self._ids: list[str] = []
        self._kinds: np.ndarray | None = None

    def _load(self) -> bool:
        if self._matrix is None:
            if not (self._folder / VECTORS).exists():
                return False
            self._matrix = np.load(self._folder / VECTORS, mmap_mode="r")
            meta = json.loads((self._folder / IDS).read_text(encoding="utf-8"))
            self._ids, self._kinds = meta["ids"], np.array(meta["kinds"])
        return True

    def nearest(
        self, vector: np.ndarray, kind: str | None, k: int, minimum: float
    ) -> list[tuple[str, float]]:
        """Up to `k` records of `kind` ("source" or "rendering") with cosine at least `minimum`."""
        if not self._load() or not self._ids:
            return []
        scores = np.asarray(self._matrix @ vector.astype(np.float16), dtype=np.float32)
        if kind is not None:
            scores = np.where(self._kinds == kind, scores, -1.0)
        top = (
            np.argpartition(-scores, min(k, len(scores) - 1))[:k]
            if len(scores) > k
            else np.arange(len(scores))
        )
        ranked = sorted(((float(scores[i]), i) for i in top if scores[i] >= minimum), reverse=True)
        return [(self._ids[i], round(s, 4)) for s, i in ranked]
