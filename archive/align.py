"""Pairing: which English rendering renders which Arabic source, and how sure we are.

The evidence is what a translator checks first:
- figure: both sides belong to the same figure (the article quotes the statement it shows);
- point order: numbered points are rendered in order, and a rendering introduced as the statement's
  conclusion renders its last point;
- shared names: a name or term on the English side whose Arabic form (from the alias store) is in
  the Arabic ("coordination framework" / الإطار التنسيقي);
- length: English renderings run about 1.4 words per Arabic word.

Each signal is in [0, 1]; the confidence is their weighted sum, and every suggestion keeps its
signals as evidence. Pairs are one-to-one, best first. Religious formulae are never paired: the
articles do not translate them, and a basmala "paired" with a quote would mislead.
"""

from __future__ import annotations

import math

import regex

from archive.aliases import AliasStore
from archive.arabic import tokenize
from archive.models import IngestResult, Pair, Rendering, SourceText

METHOD = "evidence-v1"
THRESHOLD = 0.5
WEIGHTS = {"same_figure": 0.45, "point_order": 0.2, "shared_names": 0.2, "length_ratio": 0.15}
EN_PER_AR_WORD = 1.4
_CONCLUDING_RE = regex.compile(r"\b(?:conclud\w*|ended|ends|final(?:ly)?|clos(?:ed|ing))\b", regex.I)


def suggest_pairs(result: IngestResult, aliases: AliasStore) -> list[Pair]:
    sources = [s for s in result.sources if s.kind == "statement"]
    renderings = result.renderings
    candidates = []
    for source in sources:
        for rendering in renderings:
            evidence = _evidence(source, rendering, sources, renderings, aliases)
            confidence = round(sum(WEIGHTS[k] * v for k, v in evidence.items()), 3)
            if confidence >= THRESHOLD:
                candidates.append((confidence, source.id, rendering.id, evidence))
    pairs: list[Pair] = []
    used_sources: set[str] = set()
    used_renderings: set[str] = set()
    for confidence, source_id, rendering_id, evidence in sorted(
        candidates, key=lambda c: (-c[0], c[1], c[2])
    ):
        if source_id in used_sources or rendering_id in used_renderings:
            continue
        used_sources.add(source_id)
        used_renderings.add(rendering_id)
        pairs.append(
            Pair(
                id=pair_id(source_id, rendering_id),
                source=source_id,
                rendering=rendering_id,
                confidence=min(1.0, confidence),
                status="suggested",
                method=METHOD,
                evidence=evidence,
            )  # fmt: skip
        )
    return sorted(pairs, key=lambda p: p.id)


def pair_id(source_id: str, rendering_id: str) -> str:
    return f"pair-{source_id.removeprefix('ar-')[:6]}{rendering_id.removeprefix('en-')[:6]}"


def _evidence(
    source: SourceText,
    rendering: Rendering,
    sources: list[SourceText],
    renderings: list[Rendering],
    aliases: AliasStore,
) -> dict[str, float]:
    if source.figure is not None and source.figure == rendering.figure:
        same_figure = 1.0
    elif source.figure is None or rendering.figure is None:
        same_figure = 0.3 if source.figure is not None or rendering.figure is not None else 0.0
    else:
        same_figure = 0.0
    return {
        "same_figure": same_figure,
        "point_order": _point_order(source, rendering, sources, renderings),
        "shared_names": _shared_names(source, rendering, aliases),
        "length_ratio": _length_ratio(source, rendering),
    }


def _point_order(source, rendering, sources, renderings) -> float:
    """1 when the rendering's place among its figure's renderings matches the source's place among
    the figure's points; 0 when it contradicts it or nothing places either."""
    if source.figure is None or source.figure != rendering.figure:
        return 0.0
    points = sorted(
        (s for s in sources if s.figure == source.figure), key=lambda s: (s.point or 0, s.span.start)
    )
    quoted = [r for r in renderings if r.figure == rendering.figure]
    if len(points) == 1 and len(quoted) == 1:
        return 1.0
    s_rank = points.index(source)
    if rendering.cue and _CONCLUDING_RE.search(rendering.cue):
        return 1.0 if s_rank == len(points) - 1 else 0.0
    # the other renderings follow the points in order, from the first
    ordinary = [r for r in quoted if not (r.cue and _CONCLUDING_RE.search(r.cue))]
    return 1.0 if rendering in ordinary and ordinary.index(rendering) == s_rank else 0.0


def _shared_names(source: SourceText, rendering: Rendering, aliases: AliasStore) -> float:
    arabic = " ".join(t.norm for t in tokenize(source.original))
    shared = 0
    for mention in aliases.mentions(rendering.text):
        for name in mention.entity.arabic_names:
            form = " ".join(t.norm for t in tokenize(name))
            if form and f" {form} " in f" {arabic} ":
                shared += 1
                break
    return min(1.0, shared / 2)


def _length_ratio(source: SourceText, rendering: Rendering) -> float:
    ar_words = sum(1 for t in tokenize(source.original) if t.script == "ar")
    en_words = sum(1 for t in tokenize(rendering.text) if t.script == "latin")
    if not ar_words or not en_words:
        return 0.0
    return round(math.exp(-abs(math.log(en_words / ar_words / EN_PER_AR_WORD))), 3)
