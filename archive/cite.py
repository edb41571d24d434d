"""Citations of an article or of a quote, in the forms report writers paste and reference
managers import.

A quote is cited in the secondary form (Chicago 14.260): who said it, what it was, when, and
the primary source's address when the archive has one, "quoted in" the article that quotes
it, with the figure that shows it. Every fact comes from the archive's records; a fact the
archive lacks (a URL, a date, a speaker) is left out, never guessed.

Notes, bibliography entries and APA references are rendered by citeproc-py from the official
CSL styles (archive/data/csl). BibTeX and RIS are written by bibtexparser and rispy. What is
written by hand here is only what no library does: the "quoted in" frame around a CSL note,
and fixes for two gaps of citeproc-py 0.11 (see `_fix_style` and `_typeset`).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import regex

from archive.errors import ArchiveError
from archive.models import Article, Pair, Rendering, SourceText

STYLES = ("chicago-note", "chicago-short", "chicago-bib", "apa", "bibtex", "biblatex", "ris", "csl-json")
CSL_DIR = Path(__file__).parent / "data" / "csl"
_CSL_FILES = {
    "chicago-note": "chicago-notes-bibliography-17th-edition.csl",
    "chicago-short": "chicago-shortened-notes-bibliography-17th-edition.csl",
    "chicago-bib": "chicago-notes-bibliography-17th-edition.csl",
    "apa": "apa.csl",
}
_PARTICLES = ("al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-", "adh-", "ath-")
# "told al-Ahd TV", "said on Al-Rabiaa TV": the outlet a person spoke to, as the article says it
_BROADCASTER = regex.compile(r"\b(?:TV|Television|television|Channel|channel|Radio|radio)\b")
_OUTLET = regex.compile(
    r"\b(?:told|said (?:to|on|in)|(?:in|during) an interview with)\s+(?P<outlet>(?:al-|Al-)?[A-Z][\w'-]*"
    r"(?:\s+(?:al-|Al-)?[A-Z][\w'-]*)*\s+(?:TV|Television|television|channel|Channel|Radio|radio))"
)


@dataclass(frozen=True)
class Primary:
    """The statement a quote comes from: what the archive knows of it, and nothing more."""

    record_id: str
    speaker: str | None
    speaker_arabic: str | None
    is_person: bool
    description: str | None  # "statement", "remarks to al-Ahd TV"; None when the article says not
    date: dt.date | None
    url: str | None  # the primary source (e.g. the group's own page), only when the article shows it
    figure: int | None


@dataclass(frozen=True)
class Citable:
    """An article, or a quote (`primary`) in it."""

    article: Article
    primary: Primary | None = None


def citable(archive, record_id: str) -> Citable:
    """What to cite for an id: an article, or a pair, source or rendering (prefixes accepted)."""
    kind, record = archive.store.resolve(record_id)
    if kind == "article":
        return Citable(record)  # type: ignore[arg-type]
    if kind == "figure":
        raise ArchiveError(f"{record_id!r} is a figure: cite one of its quotes or its article")
    source = record if isinstance(record, SourceText) else None
    rendering = record if isinstance(record, Rendering) else None
    if isinstance(record, Pair):
        source = archive.store.get(record.source)[1]
        rendering = archive.store.get(record.rendering)[1]
    anchor = source or rendering
    article = archive.store.article(anchor.article)
    number = (source.figure if source else None) or (rendering.figure if rendering else None)
    figure = archive.store.figure(article.id, number)
    speaker = (rendering.speaker if rendering else None) or (figure.speaker if figure else None)
    entity = archive.aliases.by_name(speaker) if speaker else None
    date = (rendering.date if rendering else None) or (figure.date if figure else None)
    outlet = _OUTLET.search(rendering.cue or "") if rendering else None
    channel = rendering.channel if rendering is not None else None
    if channel and _BROADCASTER.search(channel):  # the channel ingest recorded beside the speaker
        description = f"remarks to {channel}"
    elif outlet:
        description = f"remarks to {outlet.group('outlet')}"
    elif (figure is not None and figure.kind == "statement") or (
        source is not None and source.kind == "statement"
    ):
        description = "statement"
    else:
        description = None
    primary = Primary(
        record_id=getattr(record, "id", record_id),
        speaker=entity.en if entity else speaker,
        speaker_arabic=entity.arabic_names[0] if entity and entity.arabic_names else None,
        is_person=bool(entity and entity.kind == "person"),
        description=description,
        date=date,
        url=figure.source_url if figure else None,
        figure=number,
    )
    return Citable(article, primary)


def cite(item: Citable, style: str) -> str:
    if style not in STYLES:
        raise ArchiveError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    if style == "csl-json":
        return json.dumps(csl_items(item), ensure_ascii=False, indent=2)
    if style in ("bibtex", "biblatex"):
        return bibtex([item], style)
    if style == "ris":
        return ris([item])
    if style == "chicago-bib":
        return _bibliography(item.article, style)  # a quote's bibliography entry is its source's (14.260)
    if style == "apa":
        reference = _bibliography(item.article, style)
        if item.primary is None:
            return reference
        article_cite = _note(item.article, style, None).strip("()")
        year = str(item.primary.date.year) if item.primary.date else "n.d."
        who = _family(item.primary) or "Unknown speaker"
        return f"{reference}\n({who}, {year}, as cited in {article_cite})"
    note = _note(item.article, style, item.primary.figure if item.primary else None)
    if item.primary is None:
        return note
    return f"{_primary_part(item.primary, full=style == 'chicago-note')}, quoted in {note}"


def _primary_part(primary: Primary, full: bool) -> str:
    """The primary source's part of a "quoted in" note (14.260): who, what, when, where."""
    # a short note names a person by family name, as it does the authors (14.29)
    who = primary.speaker if full else _family(primary)
    parts = [who or "Unknown speaker", primary.description]
    if full:
        parts += [_long_date(primary.date) if primary.date else None, primary.url]
    return ", ".join(p for p in parts if p)


def _publisher(name: str) -> str:
    """Chicago and APA drop an initial "The" from a publisher's name."""
    return regex.sub(r"^The\s+", "", name)


def _titled(description: str) -> str:
    """A description standing as a title ("remarks to al-Ahd TV" → "Remarks to al-Ahd TV")."""
    return description[:1].upper() + description[1:]


def _long_date(date: dt.date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


# --- CSL ---------------------------------------------------------------------------------------


def csl_items(item: Citable) -> list[dict]:
    """CSL-JSON: the article, and for a quote the statement too (with a note saying where it is
    quoted), for reference managers."""
    items = [_csl_article(item.article)]
    primary = item.primary
    if primary is not None:
        statement: dict = {"id": _primary_key(item), "type": "speech" if primary.is_person else "document"}
        if primary.speaker:
            statement["author"] = [_csl_name(primary.speaker, primary.is_person)]
        if primary.description:
            statement["genre"] = primary.description  # untitled: CSL styles describe it by genre
        if primary.date:
            statement["issued"] = {"date-parts": [[primary.date.year, primary.date.month, primary.date.day]]}
        if primary.url:
            statement["URL"] = primary.url
        statement["note"] = cite(Citable(item.article, primary), "chicago-note")
        if primary.speaker_arabic:
            statement["original-author"] = [{"literal": primary.speaker_arabic}]
        items.insert(0, statement)
    return items


def _csl_article(article: Article) -> dict:
    out: dict = {"id": article_key(article), "type": "webpage"}
    if article.title:
        out["title"] = article.title
    if article.authors:
        out["author"] = [_csl_name(a, True) for a in article.authors]
    if article.series:
        out["container-title"] = article.series
    if article.publisher:
        out["publisher"] = _publisher(article.publisher)
    if article.date:
        out["issued"] = {"date-parts": [[article.date.year, article.date.month, article.date.day]]}
    if article.url:
        out["URL"] = article.url
    if article.accessed:
        out["accessed"] = {
            "date-parts": [[article.accessed.year, article.accessed.month, article.accessed.day]]
        }
    return out


def _csl_name(name: str, person: bool) -> dict:
    """A person's name split into given and family, an Arabic article ("al-Khazali") as a
    non-dropping particle; an organization as one literal name."""
    if not person or " " not in name.strip():
        return {"literal": name}
    given, family = name.rsplit(" ", 1)
    out = {"family": family, "given": given}
    for particle in _PARTICLES:
        if family.lower().startswith(particle) and len(family) > len(particle):
            out = {
                "family": family[len(particle) :],
                "given": given,
                "non-dropping-particle": family[: len(particle)],
            }
    return out


@cache
def _style(style: str):
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(BytesIO(_fix_style(CSL_DIR / _CSL_FILES[style])), validate=False)


def _fix_style(path: Path) -> bytes:
    """citeproc-py 0.11 initializes every given name when the style sets `initialize-with`,
    even in a <name initialize="false"> ("H. Malik" where Chicago has "Hamdi Malik"). Move the
    style-wide option onto the names that do initialize, so the others keep full names."""
    from lxml import etree

    tree = etree.parse(str(path))
    root = tree.getroot()
    inherited = root.attrib.pop("initialize-with", None)
    if inherited is not None:
        for name in root.iter("{http://purl.org/net/xbiblio/csl}name"):
            if name.get("initialize") != "false" and "initialize-with" not in name.attrib:
                name.set("initialize-with", inherited)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def _render(article: Article, style: str, figure: int | None, bibliography: bool) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    data = _csl_article(article)
    if style == "apa":
        # APA cites a brief on the publisher's site: a bracketed description, no series (the
        # APA style reads a series as the website's name, after the publisher)
        data.pop("container-title", None)
        if article.kind:
            data["genre"] = article.kind
    if "title" in data and style != "apa":
        # a title set in double quotes turns its own double quotes to single ones (CMOS 13.30);
        # citeproc-py does not
        data["title"] = regex.sub(r'"([^"]*)"', "\u2018\\1\u2019", data["title"])
    elif "title" in data:
        data["title"] = regex.sub(r'"([^"]*)"', "\u201c\\1\u201d", data["title"])
    bib = CitationStylesBibliography(_style(style), CiteProcJSON([data]), formatter.plain)
    locator = {"locator": Locator("figure", str(figure))} if figure is not None else {}
    citation = Citation([CitationItem(data["id"], **locator)])
    bib.register(citation)
    if bibliography:
        return _typeset(str(bib.bibliography()[0]))
    return _typeset(str(bib.cite(citation, lambda item: None)))


def _note(article: Article, style: str, figure: int | None) -> str:
    return _render(article, style, figure, bibliography=False)


def _bibliography(article: Article, style: str) -> str:
    return _render(article, style, None, bibliography=True)


def _typeset(text: str) -> str:
    """The US English locale asks for commas and periods inside closing quotation marks
    (punctuation-in-quote), which citeproc-py 0.11 never applies; and it spaces an Arabic
    article particle off its name ("al- Khazali")."""
    text = regex.sub(r"\u201d([,.])", "\\1\u201d", text)
    text = regex.sub(r"\u2019([,.])(?=\s|$)", "\\1\u2019", text)
    return regex.sub(r"\b(" + "|".join(p[:-1] for p in _PARTICLES) + r")- (?=\w)", "\\1-", text)


# --- BibTeX, BibLaTeX, RIS ---------------------------------------------------------------------


def article_key(article: Article) -> str:
    """An ASCII key that stays the same across builds: first author's family name, year, first
    word of the title (malik2021muqawama)."""
    first = (
        _ascii(_csl_name(article.authors[0], True).get("family", article.authors[0]))
        if article.authors
        else "anon"
    )
    year = str(article.date.year) if article.date else "nd"
    words = [w for w in _ascii(article.title or "").split() if w not in ("a", "an", "the")]
    return f"{first.replace(' ', '')}{year}{words[0] if words else ''}"


def _family(primary: Primary) -> str | None:
    """A person's family name with its particle ("al-Khazali"); an organization's whole name."""
    if not primary.speaker:
        return None
    name = _csl_name(primary.speaker, primary.is_person)
    return name.get("literal") or name.get("non-dropping-particle", "") + name["family"]


def _primary_key(item: Citable) -> str:
    primary = item.primary
    assert primary is not None
    name = _csl_name(primary.speaker, primary.is_person) if primary.speaker else {"literal": "anon"}
    who = _ascii(name.get("literal") or name["family"]).replace(" ", "")
    year = str(primary.date.year) if primary.date else "nd"
    what = (
        f"fig{primary.figure}"
        if primary.figure is not None
        else _ascii(primary.description or "quote").split()[0]
    )
    return f"{who}{year}{what}"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return regex.sub(r"[^a-z0-9 ]+", "", folded.lower()).strip()


def _bib_name(name: str, person: bool) -> str:
    """BibTeX's "Family, Given"; an organization in braces so it is not split into names."""
    parts = _csl_name(name, person)
    if "literal" in parts:
        return "{" + parts["literal"] + "}"
    return f"{parts.get('non-dropping-particle', '')}{parts['family']}, {parts['given']}"


def bibtex(items: list[Citable], style: str = "bibtex") -> str:
    """@misc entries (BibTeX) or @online ones (BibLaTeX), keys made unique in order."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    seen: dict[str, int] = {}
    for item in items:
        fields = _bib_fields(item, style)
        key = _primary_key(item) if item.primary else article_key(item.article)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += chr(ord("a") + seen[key] - 2)
        library.add(
            Entry("online" if style == "biblatex" else "misc", key, [Field(k, v) for k, v in fields.items()])
        )
    return bibtexparser.write_string(library)


def _bib_fields(item: Citable, style: str) -> dict[str, str]:
    article, primary = item.article, item.primary
    out: dict[str, str] = {}
    if primary is not None:
        if primary.speaker:
            out["author"] = _bib_name(primary.speaker, primary.is_person)
        if primary.speaker_arabic:
            out["authorarabic"] = primary.speaker_arabic  # the romanized name stays in author
        name = _csl_name(primary.speaker, primary.is_person) if primary.speaker else {}
        if style == "biblatex" and "non-dropping-particle" in name:
            # sorted under the name after the article, as Chicago (8.12) and CSL's
            # demote-non-dropping-particle do: al-Khazali among the K's
            out["sortname"] = f"{name['family']}, {name['given']}"
        if primary.description:
            out["title"] = _titled(primary.description)
        date, url = primary.date, primary.url
        out["note"] = "Quoted in " + _tex_quotes(_note(article, "chicago-note", primary.figure)).rstrip(".")
    else:
        if article.authors:
            out["author"] = " and ".join(_bib_name(a, True) for a in article.authors)
        if article.title:
            out["title"] = _tex_quotes(article.title)
        if article.series:
            out["howpublished" if style == "bibtex" else "titleaddon"] = article.series
        if article.publisher:
            out["organization"] = _publisher(article.publisher)
        date, url = article.date, article.url
        if article.kind:
            out["note"] = article.kind
    if date:
        if style == "bibtex":
            out["year"], out["month"] = str(date.year), date.strftime("%B")
        else:
            out["date"] = date.isoformat()
    if url:
        out["url"] = url
    if primary is None and article.accessed and url:
        out["urldate"] = article.accessed.isoformat()
    return out


def _tex_quotes(text: str) -> str:
    text = regex.sub(r'"([^"]*)"', "``\\1''", text)
    return text.replace("\u201c", "``").replace("\u201d", "''")


def ris(items: list[Citable]) -> str:
    """RIS records (TY - ELEC) for reference managers."""
    import rispy

    return rispy.dumps(ris_entries(items), implementation=_ris_writer())


def ris_entries(items: list[Citable]) -> list[dict]:
    """The RIS records as rispy's dictionaries (what rispy reads back from the file)."""
    entries = []
    for item in items:
        article, primary = item.article, item.primary
        entry: dict = {"type_of_reference": "ELEC"}
        if primary is not None:
            if primary.speaker:
                entry["authors"] = [_bib_name(primary.speaker, primary.is_person).strip("{}")]
            if primary.description:
                entry["title"] = _titled(primary.description)
            date, url = primary.date, primary.url
            entry["notes"] = ["Quoted in " + _note(article, "chicago-note", primary.figure)]
            if primary.speaker_arabic:
                entry["notes"].append(f"Speaker in Arabic: {primary.speaker_arabic}")
        else:
            entry["authors"] = [_bib_name(a, True) for a in article.authors]
            if article.title:
                entry["title"] = article.title
            if article.series:
                entry["secondary_title"] = article.series
            if article.publisher:
                entry["publisher"] = _publisher(article.publisher)
            date, url = article.date, article.url
        if date:
            entry["year"] = str(date.year)
            entry["date"] = date.strftime("%Y/%m/%d")
        if url:
            entry["urls"] = [url]
        entry["id"] = _primary_key(item) if primary else article_key(article)
        entries.append(entry)
    return entries


def _ris_writer():
    import rispy

    class RisWriter(rispy.RisWriter):
        """rispy numbers each record ("1."), a line reference managers do not expect."""

        def set_header(self, count: int) -> str:
            return ""

    return RisWriter
