"""The archive's records, as pydantic models: the one place result types live.

Every record that came from a file carries a `Span` into that file, so whatever is shown or exported
can be traced back to the exact characters it came from. Facts the capture does not give are `None`
and stay `None`: nothing here has a default that could pass for a real value.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(Record):
    """Characters `start:end` of the decoded source file (code points, not bytes).

    `line` and `end_line` are 1-based, for people; the offsets are what programs use.
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    end_line: int = Field(ge=1)


class Link(Record):
    """A link as the capture shows it: its visible text and its target, if the capture kept one."""

    text: str
    url: str | None
    span: Span


class Article(Record):
    id: str = Field(description="Stable id: the capture's file name without its extension.")
    title: str | None
    authors: list[str]
    date: dt.date | None
    publisher: str | None
    series: str | None
    kind: str | None = Field(description='The publisher\'s label, e.g. "Brief Analysis".')
    url: str | None
    accessed: dt.date | None = Field(description="When the capture was made, if known (sidecar).")
    topics: list[str]
    regions: list[str]
    headings: list[str] = Field(description="Section headings of the body, in order.")
    also_available_in: list[str] = Field(description='Languages the page links to, e.g. "Arabic".')
    source_file: str = Field(description="Path of the capture, relative to the corpus folder.")
    sha256: str = Field(description="SHA-256 of the capture's bytes.")
    body: Span | None
    facts_from_sidecar: list[str] = Field(
        description="Which fields the sidecar metadata file supplied or overrode."
    )


class Figure(Record):
    id: str
    article: str
    number: int
    caption: str | None = Field(
        description="None when the body refers to a figure whose caption the capture lacks."
    )
    caption_span: Span | None
    date: dt.date | None
    date_end: dt.date | None = Field(description="Last day when the caption gives a date range.")
    speaker: str | None
    speaker_org: str | None = Field(description="The group a speaking person belongs to, if known.")
    kind: Literal["statement", "other"] = Field(
        description="statement: it shows words someone said (quoted, or Arabic text); other: a chart, map, photo."
    )
    image_url: str | None
    source_url: str | None = Field(description="The primary source, e.g. the group's own web page.")
    mentions: list[Span] = Field(description='Where the body refers to it, e.g. "(Figure 5)".')
    described_as: str | None = Field(
        description="For a figure without caption: the body's sentence that refers to it."
    )


SourceKind = Literal["statement", "religious_formula", "other"]


class SourceText(Record):
    """An Arabic text as the capture gives it (typed from or OCR'd off a figure image)."""

    id: str
    article: str
    figure: int | None
    point: int | None = Field(description="Number of a numbered point (ثالثاً = 3), if it is one.")
    kind: SourceKind
    formula: str | None = Field(description="basmala, quran or closing, for religious formulae.")
    original: str = Field(
        description="Exactly the characters of the file at `span` (for an HTML page: their text, without tags)."
    )
    normalized: str = Field(description="The search form; derived, never shown as the quote.")
    span: Span | None = Field(description="None for text a translator typed (see typed_by).")
    spans: list[Span] = Field(
        default_factory=list,
        description="When the text is joined from several runs of the file (an HTML page's lines, a link"
        " inside them): each run, exactly; empty when `span` slices the file to `original`.",
    )
    ocr_suspect: bool
    ocr_evidence: list[str]
    typed_by: str | None = Field(
        default=None, description="Who typed it, e.g. from the figure image; None if captured."
    )


class Fragment(Record):
    text: str
    spans: list[Span] = Field(description="Usually one; several when a paragraph was rejoined.")


class Rendering(Record):
    """An English rendering of a statement, quoted in the article's prose."""

    id: str
    article: str
    text: str = Field(description="The fragments as the reader sees them, joined by ' … '.")
    fragments: list[Fragment]
    speaker: str | None
    speaker_org: str | None
    date: dt.date | None
    figure: int | None
    cue: str | None = Field(description='The words that introduce it, e.g. "The statement read".')
    channel: str | None = Field(
        default=None, description='Where it was said or posted, as the article names it: "al-Ahd TV", "Telegram".'
    )
    continues: str | None = Field(
        default=None, description="Id of the rendering whose statement this one quotes further, if any."
    )
    editorial_insertions: list[str]
    has_ellipsis: bool
    typed_by: str | None = Field(
        default=None, description="A translator's own rendering; None if the article's."
    )


PairStatus = Literal["suggested", "confirmed", "rejected"]


class Segment(Record):
    """Characters `start:end` of a source's original or a rendering's text, and what they say."""

    start: int
    end: int
    text: str


class ClauseLink(Record):
    """Arabic clauses and the English clauses that render them (1:1, 1:n or n:1)."""

    ar: list[Segment]
    en: list[Segment]
    similarity: float


class Pair(Record):
    id: str
    source: str
    rendering: str
    confidence: float = Field(ge=0.0, le=1.0)
    status: PairStatus
    method: str = Field(description="evidence-v2 (suggested by the archive) or hand (made by a translator).")
    evidence: dict[str, float] = Field(description="Each signal that went into the confidence.")
    alignment: list[ClauseLink] = Field(
        default_factory=list, description="Which Arabic clause each English clause renders."
    )
    omitted: list[Segment] = Field(
        default_factory=list, description="Arabic clauses the rendering leaves out."
    )
    excerpt: Segment | None = Field(
        default=None, description="The part of the Arabic a translator said the rendering covers."
    )
    flags: list[str] = Field(default_factory=list, description="Why a translator should look at it.")
    decisions: list[str] = Field(
        default_factory=list, description="Ids of the review decisions applied to it."
    )


ReviewAction = Literal["confirm", "reject", "pair", "attach-arabic", "attach-english", "narrow"]


class Decision(Record):
    """One translator decision: a line of `corpus/reviews.jsonl`. Decisions win over suggestions on
    every rebuild; a later decision on the same pair overrides an earlier one."""

    id: str
    action: ReviewAction
    source: str | None = Field(default=None, description="Source id (for attach-arabic: the id it gets).")
    rendering: str | None = Field(
        default=None, description="Rendering id (for attach-english: the id it gets)."
    )
    text: str | None = Field(
        default=None, description="Typed text (attach-*), or the covered Arabic (narrow)."
    )
    who: str
    when: dt.datetime
    note: str | None = None


class Provenance(Record):
    """Where a quote comes from, in the form every view and export shows it."""

    article_id: str
    article_title: str | None
    authors: list[str]
    article_date: dt.date | None
    publisher: str | None
    series: str | None
    article_url: str | None
    figure: int | None
    figure_caption: str | None
    source_url: str | None
    source_file: str
    sha256: str
    spans: list[Span]


class NameFinding(Record):
    """A name the article defines: an abbreviation ("Kataib Hezbollah (KH)") or a glossed term
    ("*muqawama* (resistance)"). These feed the alias store, each with the line it came from."""

    kind: Literal["abbreviation", "gloss"]
    short: str | None = Field(
        description='The abbreviation, or the short form given ("Tansiqiya for short").'
    )
    long: str | None = Field(description="The name an abbreviation stands for.")
    translit: str | None = Field(description="A romanized Arabic term.")
    gloss: str | None = Field(description="Its English gloss.")
    span: Span


class Repair(Record):
    """A change to the capture's reading order that ingest made, with the evidence for it: a paragraph
    rejoined from pieces, a duplicate dropped, a word a typesetter broke at a line's end read whole."""

    kind: Literal["rejoined", "duplicate", "dehyphenated"]
    spans: list[Span] = Field(description="The pieces, in the order they are read.")
    text: str = Field(description="The joined paragraph, the fragment that was dropped, or the word rejoined.")


class IngestResult(Record):
    """What one article yields: the shape of `archive ingest FILE --json`."""

    schema_version: int = SCHEMA_VERSION
    article: Article
    figures: list[Figure]
    sources: list[SourceText]
    renderings: list[Rendering]
    pairs: list[Pair]
    names: list[NameFinding]
    repairs: list[Repair]
    warnings: list[str] = Field(
        default_factory=list,
        description="What ingest could not read well in this capture, each naming the file and the reason.",
    )


EntityKind = Literal["organization", "person", "term", "media"]


class Entity(Record):
    """One line of the alias store (`corpus/aliases.jsonl`): a name in English, romanized and Arabic."""

    kind: EntityKind
    en: str = Field(min_length=1)
    abbr: str | None = None
    translit: str | None = None
    short: str | None = None
    ar: str | None = None
    ar_short: str | None = None
    variants: list[str] = Field(default_factory=list)
    org: str | None = Field(default=None, description="For a person: the organization they speak for.")
    found_in: str | None = Field(
        default=None, description='Set on names ingest learned from an article: "articles/x.txt:41".'
    )

    @property
    def latin_names(self) -> list[str]:
        names = [self.en, self.abbr, self.translit, self.short, *self.variants]
        return [n for n in names if n]

    @property
    def arabic_names(self) -> list[str]:
        return [n for n in (self.ar, self.ar_short) if n]


class Highlight(Record):
    """Matched words as character offsets into the text shown (the original, never a normal form)."""

    start: int
    end: int


class SearchHit(Record):
    """One result row: a pair, or the one side that exists, with provenance."""

    id: str
    kind: Literal["pair", "source", "rendering"]
    score: float
    cross_language: bool = Field(description="Reached only through a name carried to the other script.")
    matched_in: list[Literal["arabic", "english", "speaker"]] = Field(
        description="Which parts matched; a speaker match has no highlight in the quote."
    )
    source: SourceText | None
    rendering: Rendering | None
    pair: Pair | None
    source_highlights: list[Highlight]
    rendering_highlights: list[Highlight]
    source_aligned: list[Highlight] = Field(
        default_factory=list, description="Arabic clauses aligned with the English words that matched."
    )
    rendering_aligned: list[Highlight] = Field(
        default_factory=list, description="English clauses aligned with the Arabic words that matched."
    )
    speaker: str | None
    date: dt.date | None
    provenance: Provenance


class SearchResult(Record):
    """The shape of `archive search --json` (stable: fields are only ever added)."""

    query: str
    script: Literal["ar", "latin", "mixed"]
    resolved: list[str] = Field(description='How the query was read, e.g. "Tansiqiya → التنسيقية".')
    total: int = Field(description="How many records match (direct matches).")
    total_is_estimate: bool = Field(default=False, description="True unless --facets counted every match.")
    page: int
    per_page: int
    sort: Literal["relevance", "date"]
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Counts by speaker, organization, year, article, status (with --facets).",
    )


class KwicLine(Record):
    """One occurrence of a term: its context, and what stands for it on the other side."""

    id: str = Field(description="The pair, source or rendering it occurs in.")
    side: Literal["ar", "en"]
    left: str
    match: str
    right: str
    other: str | None = Field(description="The aligned text on the other side; None when there is none.")
    rendered_as: str = Field(description="How the term was rendered (or what renders it), for grouping.")
    provenance: Provenance


class Concordance(Record):
    """The shape of `archive concordance --json`."""

    term: str
    lines: list[KwicLine]
    renderings: dict[str, int] = Field(description="rendered_as values with their counts, most used first.")
