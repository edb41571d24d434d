"""`archive analyze`: the analysis of a text as a table a translator can read."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from archive import arabic
from archive.aliases import load_aliases


def analyze_text(text: str, corpus: Path) -> list[dict]:
    """Each word of `text` with the forms the index stores for it, using the corpus's names as the
    protected words (what the next `archive build` will use)."""
    store = load_aliases(corpus / "aliases.jsonl")
    protected = arabic.protected_words(name for e in store.entities for name in e.arabic_names)
    stops = arabic.stopwords()
    return [
        {
            "start": t.start,
            "end": t.end,
            "original": t.surface,
            "script": t.script,
            "normalized": t.norm,
            "stem": t.stem if t.script == "ar" else None,
            "protected": t.protected,
            "stopword": t.norm in stops,
        }
        for t in arabic.tokenize(text, protected)
    ]


def print_analysis(console: Console, text: str, tokens: list[dict]) -> None:
    table = Table("span", "original", "search form", "stem", "notes")
    for t in tokens:
        notes = [n for n, on in (("protected name", t["protected"]), ("stopword", t["stopword"])) if on]
        table.add_row(
            f"{t['start']}-{t['end']}", t["original"], t["normalized"], t["stem"] or "", ", ".join(notes)
        )
    console.print(table)
