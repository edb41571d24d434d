"""How well ingest reads an article, against a hand annotation (a "gold" file).

Used by the tests and by `scripts/gold_report` alike. Each category counts items found right
(true positives), items ingest produced that the gold does not have or has otherwise (false
positives), and gold items ingest missed or got wrong (false negatives). A fact the gold says is
unknown (null) and ingest fills in counts as a false positive: inventing is an error.

Gold files follow `tests/gold/seed-000.json`: line numbers are 1-based lines of the capture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.aliases import roman_key
from archive.models import IngestResult

METADATA_FIELDS = ("title", "authors", "date", "kind", "series", "publisher", "url", "topics", "regions")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def miss(self, what: str) -> None:
        self.fn += 1
        self.problems.append(f"missed: {what}")

    def wrong(self, what: str) -> None:
        self.fp += 1
        self.problems.append(f"wrong: {what}")


def _flat(text: str | None) -> str:
    return " ".join((text or "").replace("*", "").split())


def _name(text: str | None) -> str:
    return _flat(text).casefold().removeprefix("the ")


def evaluate(result: IngestResult, gold: dict) -> dict[str, Score]:
    scores = {
        name: fn(result, gold)
        for name, fn in (
            ("metadata", _metadata),
            ("body", _body),
            ("figures", _figures),
            ("arabic_blocks", _arabic),
            ("renderings", _renderings),
            ("not_renderings", _not_renderings),
            ("pairs", _pairs),
            ("repairs", _repairs),
            ("terms", _terms),
            ("warnings", _warnings),
        )
    }
    return scores


def _metadata(result: IngestResult, gold: dict) -> Score:
    score = Score()
    got = result.article.model_dump(mode="json")
    for key in METADATA_FIELDS:
        expected, value = gold["article"].get(key), got.get(key)
        if value == expected:
            if expected not in (None, []):
                score.tp += 1
            continue
        if value not in (None, []):
            score.wrong(f"{key} = {value!r}, gold {expected!r}")
        if expected not in (None, []):
            score.fn += 1
    return score


def _body(result: IngestResult, gold: dict) -> Score:
    score = Score()
    article = gold["article"]
    body = result.article.body
    if "body_first_line" in article:
        got = (body.line, body.end_line) if body else None
        want = (article["body_first_line"], article["body_last_line"])
        if got == want:
            score.tp += 1
        else:
            score.wrong(f"body lines {got}, gold {want}")
            score.fn += 1
    got_headings = result.article.headings
    for heading in article.get("section_headings", []):
        if heading in got_headings:
            score.tp += 1
        else:
            score.miss(f"heading {heading!r}")
    for heading in got_headings:
        if heading not in article.get("section_headings", []):
            score.wrong(f"heading {heading!r}")
    return score


def _figures(result: IngestResult, gold: dict) -> Score:
    score = Score()
    got = {f.number: f for f in result.figures}
    gold_numbers = set()
    for g in gold["figures"]:
        gold_numbers.add(g["number"])
        f = got.get(g["number"])
        if f is None:
            score.miss(f"figure {g['number']}")
            continue
        checks = {"caption": (f.caption, g.get("caption")), "speaker": (f.speaker, g.get("speaker"))}
        checks["source_url"] = (f.source_url, g.get("source_url"))
        if "image_url" in g:
            checks["image_url"] = (f.image_url, g["image_url"])
        if "date" in g:
            checks["date"] = (str(f.date) if f.date else None, g["date"])
        if "date_range" in g:
            checks["date_range"] = ([str(f.date), str(f.date_end)], g["date_range"])
        if "speaker_org" in g:
            checks["speaker_org"] = (f.speaker_org, g["speaker_org"])
        if "kind" in g:
            checks["kind"] = (f.kind, "statement" if g["kind"] == "statement" else "other")
        bad = [f"{k} {v!r} (gold {w!r})" for k, (v, w) in checks.items() if v != w]
        if bad:
            score.wrong(f"figure {g['number']}: " + "; ".join(bad))
            score.fn += 1
        else:
            score.tp += 1
    for number in got.keys() - gold_numbers:
        score.wrong(f"figure {number} is not in the gold")
    return score


def _same_person(got: str | None, want: str | None) -> bool:
    """One name in two romanizations ("Ja'far Al-Husseini", "Jaafar al-Husseini") is one person:
    the page's spelling is kept, and a reader takes it for the same man."""
    return bool(got and want) and roman_key(got).replace(" ", "") == roman_key(want).replace(" ", "")


def _same_channel(got: str | None, want: str | None) -> bool:
    """Channels compare by name as a reader would: "Shafaq News" is "Shafaq News Agency",
    "Al-Mayadeen" is "Al Mayadeen"; an invented channel or a missed one is wrong."""
    a, b = (_name(x).replace("-", " ") for x in (got, want))
    if not a or not b:
        return a == b
    return a in b or b in a


def _matches_text(got: str, g: dict) -> bool:
    got = _flat(got)
    if g.get("text"):
        return got == _flat(g["text"])
    if g.get("fragments"):
        return got == " … ".join(_flat(x) for x in g["fragments"])
    ok = True
    if g.get("text_starts"):
        ok = got.startswith(_flat(g["text_starts"]))
    if g.get("text_ends"):
        ok = ok and got.endswith(_flat(g["text_ends"]))
    return ok


def _arabic(result: IngestResult, gold: dict) -> Score:
    score = Score()
    matched_records: set[str] = set()
    for g in gold["arabic_blocks"]:
        records = [s for s in result.sources if _matches_text(s.original, g)]
        if not records:
            score.miss(f"Arabic block {g['id']}")
            continue
        matched_records.update(s.id for s in records)
        want_kind = "religious_formula" if "religious" in g["kind"] else "statement"
        bad = []
        for s in records:
            if s.kind != want_kind:
                bad.append(f"kind {s.kind}")
            if s.figure != g.get("figure"):
                bad.append(f"figure {s.figure}")
            if "point" in g and s.point != g["point"]:
                bad.append(f"point {s.point}")
            if "ocr_suspect" in g and s.ocr_suspect != g["ocr_suspect"]:
                bad.append(f"ocr_suspect {s.ocr_suspect}")
        if bad:
            score.wrong(f"Arabic block {g['id']}: " + ", ".join(bad))
            score.fn += 1
        else:
            score.tp += 1
    for s in result.sources:
        if s.id not in matched_records:
            score.wrong(f"Arabic text not in the gold: {s.original[:40]!r}")
    return score


def _gold_rendering(result: IngestResult, g: dict):
    return [r for r in result.renderings if _matches_text(r.text, g)]


def _renderings(result: IngestResult, gold: dict) -> Score:
    score = Score()
    matched: set[str] = set()
    for g in gold["renderings"]:
        found = _gold_rendering(result, g)
        if len(found) != 1:
            score.miss(f"rendering {g['id']} ({len(found)} candidates)")
            continue
        r = found[0]
        matched.add(r.id)
        got = (r.speaker, str(r.date) if r.date else None, r.figure)
        want = (g.get("speaker"), g.get("date"), g.get("figure"))
        bad = [
            f"{n} {a!r} (gold {b!r})" for n, a, b in zip(("speaker", "date", "figure"), got, want)
            if a != b and not (n == "speaker" and _same_person(a, b))
        ]
        if "channel" in g and not _same_channel(r.channel, g["channel"]):
            bad.append(f"channel {r.channel!r} (gold {g['channel']!r})")
        if (
            "editorial_insertions" in g
            and [x.replace("*", "") for x in g["editorial_insertions"]] != r.editorial_insertions
        ):
            bad.append(f"insertions {r.editorial_insertions}")
        if bad:
            score.wrong(f"rendering {g['id']}: " + "; ".join(bad))
            score.fn += 1
        else:
            score.tp += 1
    for r in result.renderings:
        if r.id not in matched:
            score.wrong(f"rendering not in the gold: {r.text[:50]!r}")
    return score


def _not_renderings(result: IngestResult, gold: dict) -> Score:
    score = Score()
    lines: dict[str, set[int]] = {}
    for r in result.renderings:
        lines.setdefault(_flat(r.text), set()).update(
            n for f in r.fragments for sp in f.spans for n in range(sp.line, sp.end_line + 1)
        )
    for g in gold.get("not_renderings", []):
        # where the gold says which line, the words there (a pull-quote repeating the body's quote
        # is no second rendering, but the body's own quote is one)
        found = lines.get(_flat(g["text"]))
        if found is not None and ("line" not in g or g["line"] in found):
            score.wrong(f"{g['text']!r} taken for a rendering")
            score.fn += 1
        else:
            score.tp += 1
    return score


def _pairs(result: IngestResult, gold: dict) -> Score:
    score = Score()
    blocks = {b["id"]: b for b in gold["arabic_blocks"]}
    renders = {r["id"]: r for r in gold["renderings"]}
    sources = {s.id: s for s in result.sources}
    renderings = {r.id: r for r in result.renderings}
    got = {(p.source, p.rendering) for p in result.pairs}
    wanted = set()
    for g in gold["pairs"]:
        ar = [s for s in result.sources if _matches_text(s.original, blocks[g["arabic"]])]
        en = _gold_rendering(result, renders[g["english"]])
        key = (ar[0].id, en[0].id) if ar and en else None
        if key in got:
            score.tp += 1
            wanted.add(key)
        else:
            score.miss(f"pair {g['arabic']} ↔ {g['english']}")
    for key in got - wanted:
        score.wrong(f"pair {sources[key[0]].original[:30]!r} ↔ {renderings[key[1]].text[:30]!r}")
    return score


def _repairs(result: IngestResult, gold: dict) -> Score:
    score = Score()
    # a repair is named by the lines its pieces start on; a rejoined paragraph also by the line
    # where its first piece breaks off (gold for hard-wrapped text names the break: [64, 69])
    names: dict[tuple[str, tuple[int, ...]], int] = {}
    for k, r in enumerate(result.repairs):
        names[(r.kind, tuple(s.line for s in r.spans))] = k
        if r.kind == "rejoined" and r.spans:
            names[(r.kind, (r.spans[0].end_line, *(s.line for s in r.spans[1:])))] = k
        if r.kind == "dehyphenated" and r.spans:  # "Iran-" / "backed" is one span over the line break
            names[(r.kind, (r.spans[0].line, r.spans[-1].end_line))] = k
    found = set()
    for g in gold.get("text_repairs", []):
        lines = tuple(g["lines"])
        if "hyphen" in g["kind"]:  # "hyphenated line break", "line break after a hard hyphen"
            key = ("dehyphenated", lines)
        elif "split" in g["kind"] or "continues" in g["kind"]:
            key = ("rejoined", lines)
        else:
            key = ("duplicate", (lines[-1],))
        if key in names:
            score.tp += 1
            found.add(names[key])
        else:
            score.miss(f"{g['kind']} at lines {list(lines)}")
    for k, r in enumerate(result.repairs):
        if k not in found:
            score.wrong(f"{r.kind} at lines {[s.line for s in r.spans]}")
    return score


def _terms(result: IngestResult, gold: dict) -> Score:
    score = Score()
    got = {}
    for n in result.names:
        key = ("gloss", _name(n.translit)) if n.kind == "gloss" else ("abbreviation", n.short)
        got[key] = n
    wanted = set()
    for g in gold.get("glossed_terms", []):
        key = ("gloss", _name(g["translit"]))
        n = got.get(key)
        ok = n is not None and n.span.line == g["line"] and (not g.get("short") or n.short == g["short"])
        score.tp += ok
        if not ok:
            score.miss(f"gloss {g['translit']!r} line {g['line']}")
        wanted.add(key)
    for g in gold.get("abbreviations", []):
        key = ("abbreviation", g["short"])
        n = got.get(key)
        ok = n is not None and _name(n.long) == _name(g["long"]) and n.span.line == g["line"]
        score.tp += ok
        if not ok:
            score.miss(f"abbreviation {g['short']} line {g['line']}")
        wanted.add(key)
    for key in got.keys() - wanted:
        score.wrong(f"{key[0]} {key[1]!r} is not in the gold")
    return score


def _warnings(result: IngestResult, gold: dict) -> Score:
    """Each warning the gold expects (by a word of its reason) is given, and no other."""
    score = Score()
    expected = gold.get("warnings", [])
    matched = set()
    for want in expected:
        hits = [i for i, w in enumerate(result.warnings) if want.casefold() in w.casefold()]
        if hits:
            score.tp += 1
            matched.update(hits)
        else:
            score.miss(f"warning about {want!r}")
    for i, warning in enumerate(result.warnings):
        if i not in matched:
            score.wrong(f"warning not in the gold: {warning}")
    return score


def total(scores: list[dict[str, Score]]) -> dict[str, Score]:
    """Scores of several captures added up, category by category."""
    out: dict[str, Score] = {}
    for per_capture in scores:
        for name, s in per_capture.items():
            t = out.setdefault(name, Score())
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
    return out


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'category':<15} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>7}"]
    for name, s in scores.items():
        lines.append(f"{name:<15} {s.tp:>3} {s.fp:>3} {s.fn:>3} {s.precision:>9.2f} {s.recall:>7.2f}")
        lines.extend(f"    {p}" for p in s.problems)
    return "\n".join(lines)
