"""Figures and the Arabic texts a capture shows for them.

A figure is known from its caption ("Figure 5: …") or, when the capture lost the caption, from the
body's reference to it ("(Figure 6)"). Arabic text belongs to the figure whose caption follows it,
possibly after the primary source's URL, which is how such pages print a statement image with its
link and caption; Arabic with no caption after it stays unattached rather than guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import regex

from archive.aliases import AliasStore
from archive.arabic import arabic_share, diacritic_density, has_arabic, normalize, ocr_evidence, tokenize
from archive.ingest import marks
from archive.ingest.capture import Block, LineIndex
from archive.ingest.dates import find_dates
from archive.ingest.layout import Layout, caption_match, link_urls
from archive.models import Span

_IMAGE_RE = regex.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$", regex.IGNORECASE)
_FIGURE_REF_RE = regex.compile(r"\bFig(?:ure|s?\.)?s?\s+(\d{1,4})(?!\d)((?:\s*(?:,|and|&)\s*\d{1,4}(?!\d))*)", regex.IGNORECASE)
_ORDINALS = {
    "اولا": 1, "ثانيا": 2, "ثالثا": 3, "رابعا": 4, "خامسا": 5,
    "سادسا": 6, "سابعا": 7, "ثامنا": 8, "تاسعا": 9, "عاشرا": 10,
}  # fmt: skip
_NUMBERED_RE = regex.compile(r"^\s*(\d{1,2})\s*[-.)]\s")
_BASMALA = ("بسم", "الله", "الرحمن", "الرحيم")
_CLOSING = ("صدق", "الله")
_SENTENCE_END = (".", "؟", "!", "?", ":")
# what a caption of someone's words says: "KH statement", "KSS leader brands…", "Fatah welcomes…"
STATEMENT_CAPTION_RE = regex.compile(
    r"\b(?:statements?|says?|said|calling|calls|brands?|welcomes?|warns?|claims?|threatens?|announces?|"
    r"speech(?:es)?|interviews?|posts?|posted|tweets?|messages?|leader|spokes(?:man|woman|person)|"
    r"communiqu[eé]s?|declares?|vows?|denies|rejects?|accuses?|praises?|mocks?|letter|video|sermon)\b",
    regex.IGNORECASE,
)
_LINK_WORDS = 2  # an Arabic block this short that is a link is a language switch ("عربي"), not a text


@dataclass(slots=True)
class FigureDraft:
    number: int
    caption: str | None = None
    caption_span: Span | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    caption_speaker: str | None = None
    image_url: str | None = None
    source_url: str | None = None
    mentions: list[Span] = field(default_factory=list)
    cited: int = 0  # how many times the prose cites it; the first MAX_CITATIONS keep their spans


@dataclass(slots=True)
class SourceDraft:
    figure: int | None
    point: int | None
    kind: str
    formula: str | None
    start: int
    end: int
    ocr_evidence: list[str]
    text: str  # the characters at start:end, or for an HTML page the text content of its lines
    runs: list[tuple[int, int]] = field(default_factory=list)  # HTML: the file runs `text` is read from


MAX_CITATIONS = 100
_NUMBER_RE = regex.compile(r"\d+")


def find_figures(
    layout: Layout, lines: LineIndex, aliases: AliasStore, article_date: dt.date | None
) -> dict[int, FigureDraft]:
    figures: dict[int, FigureDraft] = {}
    blocks = layout.blocks
    for i, (block, kind) in enumerate(zip(blocks, layout.kinds)):
        if kind != "caption":
            continue
        m = caption_match(block.text)
        assert m is not None
        number = int(m.group("n"))
        caption = m.group("caption").strip() or None
        fig = figures.setdefault(number, FigureDraft(number))
        if fig.caption is not None:
            continue  # a repeated caption: the first one stands
        fig.caption = caption
        fig.caption_span = block.mapped().spans(lines)[0]
        if caption:
            dates = find_dates(caption)
            if dates:
                fig.date, fig.date_end = dates[-1].first(article_date), dates[-1].last(article_date)
            speakers = [m for m in aliases.mentions(caption) if m.entity.kind in ("organization", "person")]
            if speakers and STATEMENT_CAPTION_RE.search(caption):  # a chart of IRI attacks is nobody's words
                fig.caption_speaker = speakers[0].entity.en
        _attach_urls(fig, blocks, layout.kinds, i)
    for i, block in enumerate(blocks):
        if not layout.in_body(i) or layout.kinds[i] in ("caption", "url", "arabic"):
            continue
        mapped = block.mapped()
        for m in _FIGURE_REF_RE.finditer(mapped.text):
            numbers = [int(m.group(1))] + [int(n) for n in _NUMBER_RE.findall(m.group(2))]
            for number in numbers:
                fig = figures.setdefault(number, FigureDraft(number))
                fig.cited += 1
                if fig.cited <= MAX_CITATIONS:  # a figure "cited" 90,000 times is a damaged capture
                    fig.mentions.extend(mapped.spans(lines, m.start(), m.end()))
    return dict(sorted(figures.items()))


def _attach_urls(fig: FigureDraft, blocks: list[Block], kinds: list[str], caption_at: int) -> None:
    """URLs printed with a figure: those just above its caption (among its Arabic), and an image
    link just below it that no nearer caption claims."""
    j = caption_at - 1
    while j >= 0 and kinds[j] in ("url", "arabic"):
        if kinds[j] == "url":
            for url in link_urls(blocks[j]) or [blocks[j].text.strip("<>")]:
                if _IMAGE_RE.search(url):
                    fig.image_url = fig.image_url or url
                else:
                    fig.source_url = fig.source_url or url
        j -= 1
    for j in range(caption_at + 1, min(caption_at + 4, len(blocks))):
        if kinds[j] == "caption":
            break
        if kinds[j] == "url":
            urls = [u for u in link_urls(blocks[j]) if _IMAGE_RE.search(u)]
            if urls and fig.image_url is None:
                fig.image_url = urls[0]
            break


def find_sources(
    layout: Layout, text: str, verbatim: bool = True, lines: LineIndex | None = None
) -> list[SourceDraft]:
    """Arabic texts anywhere in the capture, split into statement points and religious formulae."""
    out: list[SourceDraft] = []
    blocks, kinds = layout.blocks, layout.kinds
    for i, block in enumerate(blocks):
        if kinds[i] != "arabic":
            continue
        if len(block.text.split()) <= _LINK_WORDS and link_urls(block) or _is_link_text(block):
            continue
        figure = layout.figure_of.get(i)
        if figure is None:  # a caption below the Arabic (the usual layout), else right above it
            figure = _caption_next_to(blocks, kinds, i, +1)
        if figure is None:
            figure = _caption_next_to(blocks, kinds, i, -1)
        out.extend(_units(block, text, figure, verbatim, lines))
    return out


INLINE_ARABIC_WORDS = 3  # fewer Arabic words in quotation marks are a term, glossed, not a statement


def inline_sources(paragraphs, lines: LineIndex | None = None) -> list[SourceDraft]:
    """Arabic quoted inside English prose ('… its aggression" (بالعربية: «ستكون القواعد …»)'): the
    original of a statement a news page gives inline, beside its English, with no figure. Its runs
    are the quotation's inner characters in the file, so its span slices the original exactly."""
    out: list[SourceDraft] = []
    for paragraph in paragraphs:
        text = paragraph.text.text
        if arabic_share(text) >= 0.5:
            continue  # an Arabic block is read as a block (find_sources), not as prose
        for q in marks.quotations(text):
            inner = text[q.inner_start : q.inner_end].strip()
            if not has_arabic(inner) or arabic_share(inner) < 0.6 or len(regex.findall(r"\p{Arabic}+", inner)) < INLINE_ARABIC_WORDS:
                continue
            lead = len(text[q.inner_start : q.inner_end]) - len(text[q.inner_start : q.inner_end].lstrip())
            a = q.inner_start + lead
            runs = paragraph.text.file_ranges(a, a + len(inner), lines)
            if not runs:
                continue
            out.append(SourceDraft(figure=None, point=None, kind="statement", formula=None, start=runs[0][0],
                                   end=runs[-1][1], ocr_evidence=[], text=inner, runs=runs))  # fmt: skip
    return out


# Names of languages as a page's language switch prints them ("Also available in / العربية"): a
# line that is only a language's name is a link to a translation, never an armed group's words.
_LANGUAGE = r"(?:ال)?(?:عربي(?:ة)?|بالعربي(?:ة)?|فارسی|فارسي|کوردی|كوردي|كردي|الكردية|English|Français|Türkçe|Deutsch)"
_LANGUAGE_NAME_RE = regex.compile(rf"^\W*{_LANGUAGE}(?:\s*[|·•/,]\s*{_LANGUAGE})*\W*$")  # "العربية | English"


def _is_link_text(block: Block) -> bool:
    """A short Arabic block that is all link text: a language switch or a menu item."""
    line = block.lines[0].clean
    if len(block.lines) == 1 and _LANGUAGE_NAME_RE.match(block.text.strip()):
        return True
    linked = sum(b - a for a, b, _ in line.links)
    return len(block.lines) == 1 and len(block.text.split()) <= _LINK_WORDS and linked >= len(line.text.strip()) > 0


def _caption_next_to(blocks: list[Block], kinds: list[str], i: int, step: int) -> int | None:
    """The figure whose caption is reached from block `i` in direction `step` across only Arabic
    and URL blocks (a statement's other points and its source link)."""
    for j in range(i + step, i + 8 * step, step):
        if not 0 <= j < len(blocks):
            return None
        if kinds[j] == "caption":
            m = caption_match(blocks[j].text)
            return int(m.group("n")) if m else None
        if kinds[j] not in ("arabic", "url"):
            return None
    return None


def _units(
    block: Block, text: str, figure: int | None, verbatim: bool, index: LineIndex | None = None
) -> list[SourceDraft]:
    """One block's lines grouped into units: a basmala, a verse run closed by صدق الله…, each
    numbered point, and the lines of one paragraph joined."""
    units: list[SourceDraft] = []
    pending: list = []  # lines of the statement paragraph being gathered
    verses: list = []

    def bounds(lines) -> tuple[int, int]:
        return lines[0].content_span[0], lines[-1].content_span[1]

    def reading(lines) -> str:
        start, end = bounds(lines)
        return text[start:end] if verbatim else "\n".join(ln.clean.text.strip() for ln in lines)

    def runs(lines) -> list[tuple[int, int]]:
        """Where an HTML page's text of `lines` comes from, run by run (a capture's text is its span)."""
        if verbatim:
            return []
        return [r for ln in lines for r in ln.clean.strip().file_ranges(lines=index)]

    def flush_statement() -> None:
        if not pending:
            return
        start, end = bounds(pending)
        original = reading(pending)
        evidence = ocr_evidence(original)
        if any(not ln.text.rstrip().endswith(_SENTENCE_END) for ln in pending[:-1]):
            evidence.append("line breaks inside a sentence")
        units.append(SourceDraft(figure, _point(original), "statement", None, start, end, evidence, original,
                                 runs(pending)))  # fmt: skip
        pending.clear()

    for line in block.lines:
        norms = tuple(t.norm for t in itertools.islice(tokenize(line.text), 4))
        if norms[:4] == _BASMALA:
            flush_statement()
            start, end = bounds([line])
            units.append(
                SourceDraft(figure, None, "religious_formula", "basmala", start, end, [], reading([line]), runs([line]))
            )
        elif norms[:2] == _CLOSING:
            flush_statement()
            run = [*verses, line]
            start, end = bounds(run)
            formula = "quran" if verses else "closing"
            units.append(
                SourceDraft(figure, None, "religious_formula", formula, start, end, [], reading(run), runs(run))
            )
            verses = []
        elif diacritic_density(line.text) > 0.3 and not pending:
            verses.append(line)
        else:
            if verses:  # vowelled lines with no closing formula after them: a statement after all
                pending.extend(verses)
                verses = []
            if pending and (_point(line.text) is not None or _ends_paragraph(pending[-1], line, len(pending) == 1)):
                flush_statement()
            pending.append(line)
    pending.extend(verses)
    flush_statement()
    return units


def _ends_paragraph(line, following, first: bool = False) -> bool:
    """A line that ends a sentence, followed by one as long or longer: two paragraphs printed
    one per line (a wrapped paragraph's last line is its short one). A statement's first line
    that is short, ends no sentence and has a longer line under it is its heading ("بيان صادر عن
    المكتب الإعلامي …"): a wrapped paragraph's first line is as long as the lines under it."""
    text = line.text.rstrip()
    if first and not text.endswith(_SENTENCE_END + ("،", ",")) and len(text.split()) <= _HEADING_WORDS:
        return len(text) < 0.6 * len(following.text.rstrip())
    return text.endswith((".", "؟", "!", "?")) and len(following.text) >= 0.5 * len(text)


_HEADING_WORDS = 10


def _point(text: str) -> int | None:
    """The number of a numbered point, read from the line's start (its first word or digits)."""
    first = next(tokenize(text), None)
    if first is not None and first.norm in _ORDINALS and text[first.end :].lstrip()[:1] in (":", "-", "،", "–"):
        return _ORDINALS[first.norm]
    m = _NUMBERED_RE.match(normalize(text[:40]))
    return int(m.group(1)) if m else None


# --- figures beside the prose ---------------------------------------------------------------------

# how many blocks of figures a paragraph reaches on each side: a brief prints a statement's image,
# caption and Arabic beside the text that quotes it, never dozens of blocks away
_BESIDE_REACH = 40


def figures_beside(drafts, figures, sources, layout, aliases: AliasStore) -> None:
    """A quote with no "(Figure N)" is read as the uncited figure printed right beside its paragraph, with
    nothing but figures between them (a heading or another paragraph ends the link), when the
    caption does not name another speaker or another day; of two such figures, the one whose
    caption agrees with the quote wins, then the one after the paragraph (briefs print the figure
    after the text that quotes it)."""
    if not figures or not layout.blocks:
        return
    starts = [b.lines[0].content_span[0] for b in layout.blocks]

    def block_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    members: dict[int, set[int]] = defaultdict(set)  # figure number -> its blocks
    for number, fig in figures.items():
        if fig.caption_span is not None:
            members[number].add(block_of(fig.caption_span.start))
    for src in sources:
        if src.figure in figures:
            members[src.figure].add(block_of(src.start))
    for block, number in layout.figure_of.items():
        if number in figures:
            members[number].add(block)
    owner = {b: n for n, blocks in members.items() for b in blocks}
    with_arabic = {src.figure for src in sources if src.figure is not None}

    def beside(paragraph) -> list[tuple[int, int]]:
        """(figure, 0 before / 1 after the paragraph) for the figures printed next to it."""
        found = []
        first, last = min(paragraph.blocks), max(paragraph.blocks)
        for step, edge, after in ((-1, first, 0), (1, last, 1)):
            i = edge + step
            while 0 <= i < len(layout.blocks) and i in owner and abs(i - edge) <= _BESIDE_REACH:
                if (owner[i], after) not in found:
                    found.append((owner[i], after))
                i += step
        return found

    def org_of(name: str | None) -> str | None:
        entity = aliases.by_name(name) if name else None
        if entity is None:
            return None
        return entity.org if entity.kind == "person" else entity.en

    # a figure the prose cites by number ("(Figure 2)") is linked by its citations only
    cited = {d.figure for d in drafts if d.figure is not None} | {n for n, f in figures.items() if f.mentions}
    for d in drafts:
        if d.figure is None and d.parent is not None:
            d.figure = d.parent.figure  # the quote continues one read as the figure's just above
        if d.figure is not None:
            continue
        scored = []
        for number, after in beside(d.paragraph):
            if number in cited:
                continue
            fig = figures[number]
            if number not in with_arabic and not (fig.caption and STATEMENT_CAPTION_RE.search(fig.caption)):
                continue  # "Figure 1: PMF personnel on the payroll (thousands)": a chart, no statement
            agree = 0
            if fig.date is not None and d.date is not None:
                if fig.date != d.date:
                    continue
                agree += 1
            if fig.caption_speaker and (d.speaker_name or d.speaker_org):
                same = fig.caption_speaker == d.speaker_name or (
                    org_of(fig.caption_speaker) is not None
                    and org_of(fig.caption_speaker) in (d.speaker_org, org_of(d.speaker_name))
                )
                if not same:
                    continue
                agree += 1
            scored.append((agree, after, number))
        if scored:
            d.figure = max(scored)[2]


def speakers_from_captions(drafts, figures, aliases: AliasStore) -> None:
    """A quote whose speaker was carried over from another sentence ("…,” the statement said
    (Figure 2)) takes the speaker its figure's caption names: the caption is the better evidence."""
    for d in drafts:
        fig = figures.get(d.figure) if d.figure is not None else None
        if not d.weak or fig is None or not fig.caption_speaker or fig.caption_speaker == d.speaker_name:
            continue
        entity = aliases.by_name(fig.caption_speaker)
        d.speaker, d.speaker_name = entity, fig.caption_speaker
        d.speaker_org = entity.org if entity is not None and entity.kind == "person" else None
        d.date = fig.date or d.date
        d.parent = None
