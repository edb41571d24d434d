"""`archive review` without a subcommand: suggested pairs one at a time, decided by key.

Pairs with flags come first, then the least sure. Every decision is written to
corpus/reviews.jsonl as it is made, so quitting (or a crash) loses nothing already decided.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Prompt
from rich.text import Text

from archive.display import _provenance_line
from archive.models import Pair, Rendering, SourceText
from archive.review import record
from archive.search import Archive

KEYS = {
    "c": "confirm",
    "r": "reject",
    "f": "fix",
    "a": "narrow the Arabic",
    "n": "note",
    "s": "skip",
    "q": "quit",
}


def interactive_review(console: Console, corpus: Path, index: Path, who: str | None) -> None:
    with Archive(index) as archive:
        store = archive.store
        pairs = store.pairs_to_review()
        if not pairs:
            console.print("nothing to review: no suggested pairs")
            return
        recorded = 0
        for n, pair in enumerate(pairs, start=1):
            source: SourceText = store.get(pair.source)[1]  # type: ignore[index,assignment]
            rendering: Rendering = store.get(pair.rendering)[1]  # type: ignore[index,assignment]
            _show(console, n, len(pairs), pair, source, rendering, store)
            note = None
            while True:
                key = Prompt.ask(escape(" ".join(f"[{k}]{v[1:] if v[0] == k else ' ' + v}" for k, v in KEYS.items())),
                                 choices=list(KEYS), default="s", console=console, show_choices=False)  # fmt: skip
                if key == "n":
                    note = Prompt.ask("note", console=console) or None
                    continue
                break
            if key == "q":
                break
            if key == "s":
                continue
            if key == "c":
                decisions = record(corpus, store, "confirm", pair=pair.id, note=note, who=who)
            elif key == "r":
                decisions = record(corpus, store, "reject", pair=pair.id, note=note, who=who)
            elif key == "a":
                excerpt = Prompt.ask("the Arabic the rendering covers (copy it exactly)", console=console)
                decisions = record(corpus, store, "narrow", pair=pair.id, text=excerpt, note=note, who=who)
            else:
                others = [r for r in store.renderings_of(source.article) if r.id != rendering.id]
                if not others:
                    console.print("no other rendering in this article: skipped")
                    continue
                for k, other in enumerate(others, start=1):
                    console.print(f"  {k}. {other.id}  {other.speaker or 'speaker unknown'}: {other.text[:90]}",
                                  highlight=False)  # fmt: skip
                choice = Prompt.ask("number of the rendering to use", choices=[str(k) for k in range(1, len(others) + 1)],
                                    console=console)  # fmt: skip
                decisions = record(corpus, store, "fix", pair=pair.id, rendering=others[int(choice) - 1].id,
                                   note=note, who=who)  # fmt: skip
            recorded += len(decisions)
            console.print(f"[green]recorded[/green] {', '.join(d.id for d in decisions)}")
        console.print(
            f"{recorded} decision(s) recorded in {corpus / 'reviews.jsonl'}; run `archive build` to apply"
        )


def _show(
    console: Console, n: int, total: int, pair: Pair, source: SourceText, rendering: Rendering, store
) -> None:
    arabic = Text(source.original.replace("\n", " "))
    for segment in pair.omitted:
        arabic.stylize("dim strike", segment.start, segment.end)
    body = Text()
    body.append("AR  ").append(arabic).append("\nEN  ").append(rendering.text)
    evidence = ", ".join(f"{k} {v:.2f}" for k, v in pair.evidence.items())
    body.append(f"\n\nconfidence {pair.confidence:.2f}: {evidence}", style="dim")
    for flag in pair.flags:
        body.append(f"\n! {flag}", style="yellow")
    prov = store.provenance(
        source.article, source.figure or rendering.figure, [source.span] if source.span else []
    )
    body.append(f"\n{_provenance_line(prov)}", style="dim")
    console.print(Panel(body, title=f"{n}/{total}  {pair.id}", title_align="left"))
