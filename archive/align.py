"""Pairing: which English rendering renders which Arabic source, and how sure we are.

The evidence is what a translator checks first:
- figure: both sides belong to the same figure (the article quotes the statement it shows);
- similarity: cross-language sentence similarity (multilingual embeddings, `archive.embed`);
- point order: numbered points are rendered in order, and a rendering introduced as the statement's
  conclusion renders its last point;
- shared names: a name or term on the English side whose Arabic form (alias store) is in the Arabic;
- speaker and date: the rendering's speaker and date agree with the figure's;
- length: English renderings run about 1.4 words per Arabic word.

Each signal is in [0, 1]; the confidence is their weighted sum, and every suggestion keeps its
signals as evidence. The weights (`WEIGHTS`):

    same figure 0.35, similarity 0.35, point order 0.05, shared names 0.10, length 0.10,
    speaker and date 0.05

Meaning comes before quote order. Point order is only a guess at meaning (articles quote a
statement's points out of order, or skip some), so where similarity is measured it is a
tie-breaker: a cosine better by about 0.05 outweighs it, and a rendering that means something else
is no longer suggested for its place alone (figure, place, speaker and length add up to 0.55 at
most, below THRESHOLD). On 242 simulated three-point statements (consecutive TICO-19 sentences as the points,
the renderings quoted shuffled; tests/fixtures/dev/120_pairing_out_of_order.txt is one), the
former split (similarity 0.25, point order 0.15) paired 82 of 726 points wrongly and left 33
unpaired; this one pairs 12 wrongly and leaves 3. Quoted in order, neither pairs any wrongly (this
one leaves 2 unpaired, the former none). With no embedder there is no similarity and point order
is all that tells a figure's points apart, so it keeps its former weight, 0.15
(`WEIGHTS_WITHOUT_SIMILARITY`): confidences without an embedder are as before.

Translators' decisions come first: a confirmed or hand-made pair is never replaced by a suggestion,
a rejected pair is never suggested again, and suggestions are made only among what is left. Pairs
are one-to-one, best first. Religious formulae are never paired.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import regex

from archive.aliases import AliasStore
from archive.arabic import search_forms
from archive.models import ClauseLink, IngestResult, Pair, Rendering, Segment, SourceText

METHOD = "evidence-v2"
THRESHOLD = 0.6
WEIGHTS = {
    "same_figure": 0.35, "similarity": 0.35, "point_order": 0.05,
    "shared_names": 0.1, "length_ratio": 0.1, "speaker_date": 0.05,
}  # fmt: skip
# no embedder, no similarity: point order is then the only signal that tells a figure's points apart
WEIGHTS_WITHOUT_SIMILARITY = {k: v for k, v in WEIGHTS.items() if k != "similarity"} | {"point_order": 0.15}
EN_PER_AR_WORD = 1.4
# cosine of USE-m3 between true Arabic-English pairs sits around 0.5-0.8, wrong ones below 0.35
COSINE_FLOOR, COSINE_FULL = 0.25, 0.6
LOW_SIMILARITY = 0.45  # below this, a rendering of 8 words or more is flagged for review
_CONCLUDING_RE = regex.compile(r"\b(?:conclud\w*|ended|ends|final(?:ly)?|clos(?:ed|ing))\b", regex.I)


def suggest_pairs(
    result: IngestResult,
    aliases: AliasStore,
    embedder=None,
    fixed: list[Pair] = (),  # type: ignore[assignment]
    rejected: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[Pair]:
    """`fixed` pairs (translators') first; then suggestions among the sources and renderings they
    leave, never one that was `rejected`."""
    taken_sources = {p.source for p in fixed if p.status != "rejected"}
    taken_renderings = {p.rendering for p in fixed if p.status != "rejected"}
    sources = [s for s in result.sources if s.kind == "statement"]
    renderings = result.renderings
    vectors = _vectors(embedder, sources, renderings)
    memo: dict = {}  # what one text alone decides, worked out once (see _once)
    for pair in fixed:  # a translator's pair still shows the evidence, for the record
        source = next((s for s in sources if s.id == pair.source), None)
        rendering = next((r for r in renderings if r.id == pair.rendering), None)
        if source is not None and rendering is not None and not pair.evidence:
            pair.evidence = _evidence(source, rendering, sources, renderings, aliases, result, vectors, memo)
    candidates = []
    for source in sources:
        if source.id in taken_sources:
            continue
        for rendering in renderings:
            if rendering.id in taken_renderings or (source.id, rendering.id) in rejected:
                continue
            evidence = _evidence(source, rendering, sources, renderings, aliases, result, vectors, memo)
            confidence = _confidence_of(evidence)
            if confidence >= THRESHOLD:
                candidates.append((confidence, source.id, rendering.id, evidence))
    pairs: list[Pair] = list(fixed)
    for confidence, source_id, rendering_id, evidence in sorted(
        candidates, key=lambda c: (-c[0], c[1], c[2])
    ):
        if source_id in taken_sources or rendering_id in taken_renderings:
            continue
        taken_sources.add(source_id)
        taken_renderings.add(rendering_id)
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
    by_id = {s.id: s for s in result.sources} | {r.id: r for r in result.renderings}
    for pair in pairs:
        if pair.status != "rejected":
            describe(pair, by_id[pair.source], by_id[pair.rendering], embedder)
    _flag_differing_renderings(pairs, by_id)
    return sorted(pairs, key=lambda p: p.id)


def _confidence_of(evidence: dict[str, float]) -> float:
    weights = WEIGHTS if "similarity" in evidence else WEIGHTS_WITHOUT_SIMILARITY
    return round(sum(weights[k] * v for k, v in evidence.items() if k in weights), 3)


def pair_id(source_id: str, rendering_id: str) -> str:
    return f"pair-{source_id.removeprefix('ar-')[:6]}{rendering_id.removeprefix('en-')[:6]}"


def _vectors(embedder, sources, renderings) -> dict[str, np.ndarray]:
    if embedder is None or not sources or not renderings:
        return {}
    texts = [s.original for s in sources] + [r.text for r in renderings]
    ids = [s.id for s in sources] + [r.id for r in renderings]
    return dict(zip(ids, embedder.embed(texts)))


def _evidence(source, rendering, sources, renderings, aliases, result, vectors, memo) -> dict[str, float]:
    if source.figure is not None and source.figure == rendering.figure:
        same_figure = 1.0
    elif source.figure is None or rendering.figure is None:
        same_figure = 0.3 if source.figure is not None or rendering.figure is not None else 0.0
        if source.figure is None and rendering.figure is None and _printed_beside(source, rendering, sources, renderings):
            same_figure = 1.0  # no figures at all: the Arabic printed right after (or before) the quote
    else:
        same_figure = 0.0
    evidence = {
        "same_figure": same_figure,
        "point_order": _point_order(source, rendering, sources, renderings, memo),
        "shared_names": _shared_names(source, rendering, aliases, memo),
        "length_ratio": _length_ratio(source, rendering, memo),
        "speaker_date": _speaker_date(source, rendering, result),
    }
    if source.id in vectors and rendering.id in vectors:
        cosine = float(vectors[source.id] @ vectors[rendering.id])
        evidence["cosine"] = round(cosine, 3)
        evidence["similarity"] = round(
            min(1.0, max(0.0, (cosine - COSINE_FLOOR) / (COSINE_FULL - COSINE_FLOOR))), 3
        )
    return evidence


BESIDE = 2000  # characters of the file between a quote and the Arabic printed beside it, markup included


def _printed_beside(source, rendering, sources, renderings) -> bool:
    """A news page without figures prints the Arabic original in a block next to the paragraph that
    quotes it ("The Arabic original reads:"): the statement source nearest to the quote, with no
    other quote between them, is shown with it."""
    if source.span is None or not rendering.fragments or not rendering.fragments[-1].spans:
        return False
    start, end = rendering.fragments[0].spans[0].start, rendering.fragments[-1].spans[-1].end
    if source.span.start >= end:
        gap = (end, source.span.start)
    elif source.span.end <= start:
        gap = (source.span.end, start)
    else:
        return False
    if gap[1] - gap[0] > BESIDE:
        return False

    def between(a: int, b: int) -> bool:
        return gap[0] <= a and b <= gap[1]

    others = [r for r in renderings if r.id != rendering.id and r.fragments and r.fragments[0].spans]
    if any(between(r.fragments[0].spans[0].start, r.fragments[-1].spans[-1].end) for r in others):
        return False
    nearer = [
        s for s in sources if s.id != source.id and s.span is not None and s.figure is None
        and between(s.span.start, s.span.end)
    ]  # fmt: skip
    return not nearer


def _speaker_date(source: SourceText, rendering: Rendering, result: IngestResult) -> float:
    figure = next((f for f in result.figures if f.number == source.figure), None)
    if figure is None:
        return 0.0
    agree = [
        a == b
        for a, b in ((figure.speaker, rendering.speaker), (figure.date, rendering.date))
        if a is not None and b is not None
    ]
    return sum(agree) / 2 if agree else 0.0


def _point_order(source, rendering, sources, renderings, memo) -> float:
    """1 when the rendering's place among its figure's renderings matches the source's place among
    the figure's points; 0 when it contradicts it or nothing places either."""
    if source.figure is None or source.figure != rendering.figure:
        return 0.0
    figure = source.figure

    def ranks() -> dict[str, int]:
        points = sorted(
            (s for s in sources if s.figure == figure),
            key=lambda s: (s.point or 0, s.span.start if s.span else 0),
        )
        return {s.id: k for k, s in enumerate(points)}

    def quoted() -> tuple[int, dict[str, int]]:
        quoted = [r for r in renderings if r.figure == figure]
        # the other renderings follow the points in order, from the first
        ordinary = [r for r in quoted if not (r.cue and _CONCLUDING_RE.search(r.cue))]
        return len(quoted), {r.id: k for k, r in enumerate(ordinary)}

    points = _once(memo, ("points", figure), ranks)
    n_quoted, ordinary = _once(memo, ("quoted", figure), quoted)
    if len(points) == 1 and n_quoted == 1:
        return 1.0
    s_rank = points[source.id]
    if rendering.cue and _CONCLUDING_RE.search(rendering.cue):
        return 1.0 if s_rank == len(points) - 1 else 0.0
    return 1.0 if ordinary.get(rendering.id) == s_rank else 0.0


def _once(memo: dict, key: tuple, compute):
    """Each source is weighed against every rendering: what depends on one text alone is worked out
    once per build of the pairs (a 1 MB Arabic block was re-tokenized for each rendering)."""
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _words(memo: dict, key: str, text: str) -> tuple[str, int, int]:
    """A text's words in search form (spaced, for finding names in it), and its counts of Arabic
    and Latin words, from one reading of it."""

    def read() -> tuple[str, int, int]:
        norms, arabic, latin = [], 0, 0
        for norm, script in search_forms(text):
            norms.append(norm)
            arabic += script == "ar"
            latin += script == "latin"
        return " " + " ".join(norms) + " ", arabic, latin

    return _once(memo, ("words", key), read)


def _shared_names(source: SourceText, rendering: Rendering, aliases: AliasStore, memo: dict) -> float:
    arabic = _words(memo, "source:" + source.id, source.original)[0]
    shared = 0
    for mention in _once(memo, ("mentions", rendering.id), lambda: aliases.mentions(rendering.text)):
        for name in mention.entity.arabic_names:
            form = _words(memo, "name:" + name, name)[0]
            if form.strip() and form in arabic:
                shared += 1
                break
    return min(1.0, shared / 2)


def _length_ratio(source: SourceText, rendering: Rendering, memo: dict) -> float:
    ar_words = _words(memo, "source:" + source.id, source.original)[1]
    en_words = _words(memo, "rendering:" + rendering.id, rendering.text)[2]
    if not ar_words or not en_words:
        return 0.0
    return round(math.exp(-abs(math.log(en_words / ar_words / EN_PER_AR_WORD))), 3)


# --- inside a pair: clauses, omissions, flags -----------------------------------------------------

_AR_CLAUSE_RE = regex.compile(r"[^.؟!،؛:]+[.؟!،؛:]*")
# English clause ends: a sentence end before a capital (not "U.S. combat"), a semicolon, an ellipsis
_EN_BOUNDARY_RE = regex.compile(r"(?<!\b[A-Z])[.?!]+[\"”’)]*\s+(?=[\"“(\[]?[A-Z])|;\s+|\.\.\.\s*|…\s*")
MIN_CLAUSE_WORDS = 3
MERGE_PENALTY = 0.1  # a 1:2 or 2:1 link must beat a 1:1 link plus an omission on its merits


def clauses(text: str, arabic: bool) -> list[Segment]:
    """Sentences and clauses (Arabic: split at . ؟ ! ، ؛ :, English: at . ? ! ; and ellipses),
    a clause of fewer than three words joined to the one before."""
    if arabic:
        pieces = [(m.start(), m.end()) for m in _AR_CLAUSE_RE.finditer(text)]
    else:
        cuts = [0, *(m.end() for m in _EN_BOUNDARY_RE.finditer(text)), len(text)]
        pieces = list(zip(cuts, cuts[1:]))
    out: list[Segment] = []
    for a, b in pieces:
        piece = text[a:b]
        if not piece.strip():
            continue
        start = a + len(piece) - len(piece.lstrip())
        end = a + len(piece.rstrip())
        if (
            out
            and len(text[start:end].split()) < MIN_CLAUSE_WORDS
            or (out and len(out[-1].text.split()) < MIN_CLAUSE_WORDS)
        ):
            start = out.pop().start
        out.append(Segment(start=start, end=end, text=text[start:end]))
    return out


def describe(pair: Pair, source: SourceText, rendering: Rendering, embedder) -> None:
    """Fill in which clause renders which, what the rendering leaves out, and flags for review."""
    original = pair.excerpt.text if pair.excerpt else source.original
    offset = pair.excerpt.start if pair.excerpt else 0
    ar = [Segment(start=c.start + offset, end=c.end + offset, text=c.text) for c in clauses(original, True)]
    en = clauses(rendering.text, False)
    if embedder is not None and ar and en:
        pair.alignment, pair.omitted = _align_clauses(ar, en, embedder)
    flags = []
    cosine = pair.evidence.get("cosine")
    if cosine is not None and cosine < LOW_SIMILARITY and len(rendering.text.split()) >= 8:
        flags.append(f"low similarity for its length ({cosine:.2f} over {len(rendering.text.split())} words)")
    if pair.omitted or rendering.has_ellipsis or len(rendering.fragments) > 1 or pair.excerpt:
        flags.append("partial rendering: " + ", ".join(
            part for part, on in (
                (f"{len(pair.omitted)} Arabic clause(s) not rendered", pair.omitted),
                ("ellipsis in the English", rendering.has_ellipsis),
                (f"{len(rendering.fragments)} quoted fragments", len(rendering.fragments) > 1),
                ("a translator narrowed the Arabic", pair.excerpt),
            ) if on
        ))  # fmt: skip
    pair.flags = [f for f in pair.flags if f.startswith("renderings differ")] + flags


def _align_clauses(ar: list[Segment], en: list[Segment], embedder) -> tuple[list[ClauseLink], list[Segment]]:
    """Monotonic alignment of clauses (1:1, 1:2, 2:1, or an Arabic clause left out), by dynamic
    programming over cross-language similarity; an Arabic clause that no English clause renders
    well enough is reported as omitted."""

    def text(segs: list[Segment]) -> str:
        return " ".join(s.text for s in segs)

    spans = {}
    for i in range(len(ar)):
        for j in range(len(en)):
            for di, dj in ((1, 1), (1, 2), (2, 1)):
                if i + di <= len(ar) and j + dj <= len(en):
                    spans[(i, j, di, dj)] = (text(ar[i : i + di]), text(en[j : j + dj]))
    keys = list(spans)
    vectors = embedder.embed([a for a, _ in spans.values()] + [e for _, e in spans.values()])
    half = len(keys)
    sim = {k: float(vectors[n] @ vectors[half + n]) for n, k in enumerate(keys)}
    bar = COSINE_FLOOR + 0.1  # a link must beat this to count; leaving a clause out scores nothing
    best: dict[tuple[int, int], tuple[float, tuple | None]] = {(0, 0): (0.0, None)}
    for i in range(len(ar) + 1):
        for j in range(len(en) + 1):
            if (i, j) not in best:
                continue
            score = best[(i, j)][0]
            moves = [((i + 1, j), 0.0, ("ar", i)), ((i, j + 1), 0.0, ("en", j))]
            moves += [((i + di, j + dj), (sim[(i, j, di, dj)] - bar) * (di + dj) / 2 - MERGE_PENALTY * (di + dj - 2),
                       ("link", i, j, di, dj))
                      for di, dj in ((1, 1), (1, 2), (2, 1)) if (i, j, di, dj) in sim]  # fmt: skip
            for target, gain, step in moves:
                if target[0] > len(ar) or target[1] > len(en):
                    continue
                total = score + gain
                if target not in best or total > best[target][0]:
                    best[target] = (total, ((i, j), step))
    links, omitted = [], []
    node = (len(ar), len(en))
    while node != (0, 0):
        previous, step = best[node][1]
        if step[0] == "link":
            _, i, j, di, dj = step
            links.append(
                ClauseLink(ar=ar[i : i + di], en=en[j : j + dj], similarity=round(sim[(i, j, di, dj)], 3))
            )
        elif step[0] == "ar":
            omitted.append(ar[step[1]])
        node = previous
    return links[::-1], omitted[::-1]


def _flag_differing_renderings(pairs: list[Pair], by_id: dict) -> None:
    texts: dict[str, set[str]] = {}
    for pair in pairs:
        if pair.status != "rejected":
            texts.setdefault(pair.source, set()).add(by_id[pair.rendering].text)
    for pair in pairs:
        if len(texts.get(pair.source, ())) > 1:
            pair.flags.append(f"renderings differ: {len(texts[pair.source])} renderings of this Arabic")


# --- aligning whole texts (`archive align`) ------------------------------------------------------

MARGIN_K = 4
MARGIN_THRESHOLD = 1.06  # chosen with scripts/measure_alignment; see README
MIN_COSINE = 0.4  # a margin alone can flatter a line that is near nothing (see README)


@dataclass(frozen=True, slots=True)
class LinePair:
    ar: int  # 0-based line numbers
    en: int
    confidence: float
    cosine: float
    margin: float


@dataclass(frozen=True, slots=True)
class LineAlignment:
    pairs: list[LinePair]
    unpaired_ar: list[int]
    unpaired_en: list[int]


def margin_scores(sim: np.ndarray, k: int = MARGIN_K) -> np.ndarray:
    """Ratio margin: each cosine over the mean of both sides' k best cosines. A true translation
    stands out from its neighbours; a generic sentence that is near everything does not."""
    if sim.size == 0:
        return sim
    k_ar = min(k, sim.shape[1])
    k_en = min(k, sim.shape[0])
    best_ar = np.sort(sim, axis=1)[:, -k_ar:].mean(axis=1)
    best_en = np.sort(sim, axis=0)[-k_en:, :].mean(axis=0)
    return sim / ((best_ar[:, None] + best_en[None, :]) / 2 + 1e-9)


def align_lines(
    ar_lines: list[str], en_lines: list[str], embedder, threshold: float = MARGIN_THRESHOLD
) -> LineAlignment:
    """Which English line renders which Arabic line, in any order, one to one; lines without a
    counterpart stay unpaired rather than being forced onto the nearest line."""
    ar_vectors = embedder.embed(ar_lines)
    en_vectors = embedder.embed(en_lines)
    sim = (
        ar_vectors @ en_vectors.T
        if len(ar_lines) and len(en_lines)
        else np.zeros((len(ar_lines), len(en_lines)))
    )
    margin = margin_scores(sim)
    order = (
        np.dstack(np.unravel_index(np.argsort(-margin, axis=None), margin.shape))[0] if margin.size else []
    )
    used_ar: set[int] = set()
    used_en: set[int] = set()
    pairs = []
    for i, j in order:
        m = float(margin[i, j])
        if m < threshold:
            break
        if i in used_ar or j in used_en or sim[i, j] < MIN_COSINE:
            continue
        used_ar.add(int(i))
        used_en.add(int(j))
        pairs.append(LinePair(int(i), int(j), _confidence(m), round(float(sim[i, j]), 4), round(m, 4)))
    pairs.sort(key=lambda p: p.ar)
    return LineAlignment(
        pairs,
        [i for i in range(len(ar_lines)) if i not in used_ar],
        [j for j in range(len(en_lines)) if j not in used_en],
    )


def _confidence(margin: float) -> float:
    """Margin mapped to [0, 1]: 0.5 at the threshold, near 1 for a margin of 1.3 and above."""
    return round(float(1 / (1 + np.exp(-(margin - MARGIN_THRESHOLD) * 20))), 3)
