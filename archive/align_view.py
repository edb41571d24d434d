"""`archive align`: two files of lines in, line pairs out."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from archive.align import align_lines
from archive.embed import Embedder
from archive.errors import ArchiveError


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"{path}: not UTF-8 text (invalid byte at byte offset {exc.start})") from None
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ArchiveError(f"{path}: no lines to align")
    return lines


def align_files(ar_file: Path, en_file: Path) -> dict:
    """Line numbers are 1-based, as editors show them; blank lines are kept out of the alignment."""
    ar, en = _lines(ar_file), _lines(en_file)
    ar_idx = [n for n, line in enumerate(ar) if line.strip()]
    en_idx = [n for n, line in enumerate(en) if line.strip()]
    result = align_lines([ar[n] for n in ar_idx], [en[n] for n in en_idx], Embedder())
    return {
        "pairs": [
            {
                "ar_line": ar_idx[p.ar] + 1,
                "en_line": en_idx[p.en] + 1,
                "confidence": p.confidence,
                "cosine": p.cosine,
                "margin": p.margin,
                "ar": ar[ar_idx[p.ar]],
                "en": en[en_idx[p.en]],
            }
            for p in result.pairs
        ],  # fmt: skip
        "unpaired_ar": [{"line": ar_idx[i] + 1, "text": ar[ar_idx[i]]} for i in result.unpaired_ar],
        "unpaired_en": [{"line": en_idx[j] + 1, "text": en[en_idx[j]]} for j in result.unpaired_en],
    }


def print_alignment(console: Console, result: dict) -> None:
    table = Table("AR line", "EN line", "confidence", "Arabic", "English")
    for p in result["pairs"]:
        table.add_row(
            str(p["ar_line"]), str(p["en_line"]), f"{p['confidence']:.2f}", p["ar"][:60], p["en"][:60]
        )
    console.print(table)
    for side in ("ar", "en"):
        lines = result[f"unpaired_{side}"]
        if lines:
            label = "Arabic" if side == "ar" else "English"
            console.print(
                f"unpaired {label} lines: " + ", ".join(str(x["line"]) for x in lines), highlight=False
            )
