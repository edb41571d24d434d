"""Translators' decisions: stored in `corpus/reviews.jsonl`, applied on every rebuild.

One decision per line, appended under an exclusive lock and synced to disk before the lock is
released, so two reviewers never interleave or lose a line and a crash leaves whole lines only.
Decisions name sources and renderings by id; ids derive from content and position, so after a
rebuild a decision still finds its records. One that does not (the article was edited or
removed) is reported by `archive build`, never dropped.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive.errors import ArchiveError
from archive.jsonl import read_jsonl
from archive.models import Decision, Fragment, Pair, Rendering, Segment, SourceText

REVIEWS = "reviews.jsonl"


def load_decisions(corpus: Path) -> list[Decision]:
    return read_jsonl(corpus / REVIEWS, Decision, "the review decisions")


def new_decision(action: str, *, source: str | None = None, rendering: str | None = None, text: str | None = None,
                 note: str | None = None, who: str | None = None) -> Decision:  # fmt: skip
    when = dt.datetime.now(dt.UTC).replace(microsecond=0)
    who = who or os.environ.get("ARCHIVE_REVIEWER") or getpass.getuser()
    digest = hashlib.sha256(
        f"{action}|{source}|{rendering}|{text}|{who}|{when.isoformat()}".encode()
    ).hexdigest()
    return Decision(id="d-" + digest[:10], action=action, source=source, rendering=rendering, text=text,  # type: ignore[arg-type]
                    who=who, when=when, note=note)  # fmt: skip


def append_decisions(corpus: Path, decisions: Iterable[Decision]) -> None:
    """Append whole lines under an exclusive lock, synced before the lock is let go."""
    path = corpus / REVIEWS
    lines = "".join(d.model_dump_json(exclude_none=True) + "\n" for d in decisions)
    try:
        with open(path, "a", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                f.write(lines)
                f.flush()
                os.fsync(f.fileno())
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot record the decision ({exc.strerror or exc})") from None


def typed_source_id(article: str, figure: int | None, text: str) -> str:
    return "ar-t" + hashlib.sha256(f"{article}|{figure}|{text}".encode()).hexdigest()[:11]


def typed_rendering_id(article: str, figure: int | None, text: str) -> str:
    return "en-t" + hashlib.sha256(f"{article}|{figure}|{text}".encode()).hexdigest()[:11]


@dataclass
class Applied:
    """What decisions do to one article: records they add, pairs they fix, pairs they reject."""

    sources: list[SourceText] = field(default_factory=list)
    renderings: list[Rendering] = field(default_factory=list)
    fixed: dict[tuple[str, str], Pair] = field(default_factory=dict)
    rejected: set[tuple[str, str]] = field(default_factory=set)
    used: set[str] = field(default_factory=set)


def apply_decisions(
    decisions: list[Decision], sources: list[SourceText], renderings: list[Rendering]
) -> Applied:
    """Decisions that concern these records, in the order they were made; the later wins."""
    from archive.align import pair_id
    from archive.arabic import normalize

    out = Applied()
    by_source = {s.id: s for s in sources}
    by_rendering = {r.id: r for r in renderings}
    for d in decisions:
        if d.action == "attach-arabic" and d.rendering in by_rendering and d.text:
            r = by_rendering[d.rendering]
            s = SourceText(id=d.source or typed_source_id(r.article, r.figure, d.text), article=r.article,
                           figure=r.figure, point=None, kind="statement", formula=None, original=d.text,
                           normalized=normalize(d.text), span=None, ocr_suspect=False, ocr_evidence=[],
                           typed_by=d.who)  # fmt: skip
            by_source[s.id] = s
            out.sources.append(s)
            _fix(out, pair_id(s.id, r.id), s.id, r.id, "confirmed", d, method="hand")
        elif d.action == "attach-english" and d.source in by_source and d.text:
            s = by_source[d.source]
            r = Rendering(id=d.rendering or typed_rendering_id(s.article, s.figure, d.text), article=s.article,
                          text=d.text, fragments=[Fragment(text=d.text, spans=[])], speaker=None, speaker_org=None,
                          date=None, figure=s.figure, cue=None, editorial_insertions=[], has_ellipsis=False,
                          typed_by=d.who)  # fmt: skip
            by_rendering[r.id] = r
            out.renderings.append(r)
            _fix(out, pair_id(s.id, r.id), s.id, r.id, "confirmed", d, method="hand")
        elif d.source in by_source and d.rendering in by_rendering:
            key = (d.source, d.rendering)
            if d.action in ("confirm", "pair"):
                _fix(out, pair_id(*key), *key, "confirmed", d, method="hand" if d.action == "pair" else None)
            elif d.action == "reject":
                out.rejected.add(key)
                _fix(out, pair_id(*key), *key, "rejected", d)
            elif d.action == "narrow" and d.text:
                original = by_source[d.source].original
                at = original.find(d.text)
                if at == -1:
                    continue  # the Arabic changed since: left unapplied, so build reports it
                pair = _fix(out, pair_id(*key), *key, "confirmed", d)
                pair.excerpt = Segment(start=at, end=at + len(d.text), text=d.text)
    for key, pair in out.fixed.items():
        if pair.status == "confirmed":
            out.rejected.discard(key)
    return out


def _fix(
    out: Applied, pid: str, source: str, rendering: str, status: str, d: Decision, method: str | None = None
) -> Pair:
    key = (source, rendering)
    pair = out.fixed.get(key)
    if pair is None:
        pair = Pair(id=pid, source=source, rendering=rendering, confidence=1.0, status=status,  # type: ignore[arg-type]
                    method=method or "reviewed", evidence={})  # fmt: skip
        out.fixed[key] = pair
    pair.status = status  # type: ignore[assignment]
    if method:
        pair.method = method
    pair.decisions.append(d.id)
    out.used.add(d.id)
    return pair


# --- recording decisions from the command line ---------------------------------------------------


def record(corpus: Path, store, action: str, *, pair: str | None = None, source: str | None = None,
           rendering: str | None = None, text: str | None = None, note: str | None = None,
           who: str | None = None) -> list[Decision]:  # fmt: skip
    """Check a decision against the built archive and append it; returns what was recorded.

    `pair` may name the pair for confirm, reject and narrow; fix is a reject of the pair plus a
    pair of its source (or rendering) with the one given.
    """
    from archive.models import Pair as PairModel

    def lookup(record_id: str, kind: type, what: str):
        kind_name, found = store.resolve(record_id)
        if not isinstance(found, kind):
            raise ArchiveError(f"{record_id} is a {kind_name}, not a {what}")
        return found

    if pair is not None:
        p = lookup(pair, PairModel, "pair")
        source, rendering = source or p.source, rendering or p.rendering
    if source is not None:
        source = lookup(source, SourceText, "source (Arabic)").id
    if rendering is not None:
        rendering = lookup(rendering, Rendering, "rendering (English)").id
    decisions: list[Decision] = []
    if action in ("confirm", "reject", "pair"):
        if source is None or rendering is None:
            raise ArchiveError(f"{action} needs a pair, or a source and a rendering")
        decisions.append(new_decision(action, source=source, rendering=rendering, note=note, who=who))
    elif action == "fix":
        p = lookup(pair, PairModel, "pair") if pair else None
        if p is None or (source == p.source and rendering == p.rendering):
            raise ArchiveError("fix needs a pair and --rendering or --source naming the one to use instead")
        decisions.append(new_decision("reject", source=p.source, rendering=p.rendering, note=note, who=who))
        decisions.append(new_decision("pair", source=source, rendering=rendering, note=note, who=who))
    elif action == "narrow":
        original = lookup(source, SourceText, "source").original if source else ""
        if not text or text not in original:
            raise ArchiveError("--arabic must be a part of the pair's Arabic, copied exactly")
        decisions.append(
            new_decision("narrow", source=source, rendering=rendering, text=text, note=note, who=who)
        )
    elif action == "attach-arabic":
        if rendering is None or not text or not text.strip():
            raise ArchiveError("attach-arabic needs a rendering id and the Arabic text")
        decisions.append(new_decision(action, rendering=rendering, text=text.strip(), note=note, who=who))
    elif action == "attach-english":
        if source is None or not text or not text.strip():
            raise ArchiveError("attach-english needs a source id and the English text")
        decisions.append(new_decision(action, source=source, text=text.strip(), note=note, who=who))
    else:
        raise ArchiveError(f"unknown review action {action!r}")
    append_decisions(corpus, decisions)
    return decisions
