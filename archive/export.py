"""Exports of many quotes at once: for translators' tools (TMX, TBX), for reports (Markdown,
HTML, Word) and for reference managers (CSL-JSON, BibTeX).

Every quote carries its provenance: the Chicago note of `archive.cite` under each quote block,
`<prop>`s in TMX. XML and HTML are built with lxml and Word files with python-docx, so escaping
and structure are theirs. A file is written whole or not at all (`write_atomically`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from archive.cite import Citable, bibtex, citable, cite, csl_items
from archive.errors import ArchiveError
from archive.files import replace_file
from archive.models import SearchHit

FORMATS = ("tmx", "tbx", "md", "html", "docx", "csl-json", "bibtex")
BINARY = {"docx"}
PAGE = 200
# Unicode isolates keep an Arabic line's direction inside a left-to-right Markdown page
RLI, PDI = "\u2067", "\u2069"


@dataclass(frozen=True)
class Quote:
    hit: SearchHit
    citable: Citable

    @property
    def arabic(self) -> str | None:
        return self.hit.source.original if self.hit.source else None

    @property
    def english(self) -> str | None:
        return self.hit.rendering.text if self.hit.rendering else None

    @property
    def note(self) -> str:
        return cite(self.citable, "chicago-note")


def quotes(archive, query: str | None) -> list[Quote]:
    """The quotes a query finds (every page), or every quote in the archive: pairs, then Arabic
    sources and English renderings that have no pair."""
    hits: list[SearchHit] = []
    if query:
        page = 1
        while True:
            result = archive.search(query, limit=PAGE, page=page)
            hits.extend(result.hits)
            if len(result.hits) < PAGE:
                break
            page += 1
    else:
        hits = [archive.hit(record_id) for _, record_id in archive.store.quotes()]
    return [Quote(hit, citable(archive, hit.id)) for hit in hits]


def render(archive, fmt: str, query: str | None) -> str | bytes:
    if fmt not in FORMATS:
        raise ArchiveError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "tbx":
        if query:
            raise ArchiveError("tbx exports the whole alias store and glossary: give no query")
        return tbx(archive.aliases.entities)
    found = quotes(archive, query)
    writers: dict[str, Callable[[list[Quote]], str | bytes]] = {
        "tmx": tmx,
        "md": markdown,
        "html": html,
        "docx": docx,
        "csl-json": lambda qs: json.dumps(_unique_items(qs), ensure_ascii=False, indent=2) + "\n",
        "bibtex": lambda qs: bibtex(_works(qs)),
    }
    return writers[fmt](found)


def write_atomically(path: Path, data: str | bytes) -> None:
    """The whole file or nothing, with a one-line error that names the file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ArchiveError(f"cannot write {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ArchiveError(f"cannot write {path}: folder {folder} is not writable")
    if path.is_dir():
        raise ArchiveError(f"cannot write {path}: it is a folder")
    try:
        replace_file(path, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:
        raise ArchiveError(f"cannot write {path}: {exc.strerror or exc}") from None


def _tool_version() -> str:
    try:
        return version("quote-archive")
    except PackageNotFoundError:
        return "0"


# --- TMX, TBX ----------------------------------------------------------------------------------


def tmx(found: list[Quote]) -> str:
    """TMX 1.4b: one <tu> per pair, Arabic then English, with the quote's facts as <prop>s and
    its Chicago note as a <note>. Quotes with one side only are not translation units."""
    from lxml import etree

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="quote-archive", creationtoolversion=_tool_version(),
                     segtype="block", **{"o-tmf": "quote-archive"}, adminlang="en", srclang="ar",
                     datatype="plaintext", creationdate=dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))  # fmt: skip
    body = etree.SubElement(root, "body")
    for quote in found:
        hit = quote.hit
        if hit.pair is None or not quote.arabic or not quote.english:
            continue
        tu = etree.SubElement(body, "tu", tuid=hit.pair.id, srclang="ar")
        etree.SubElement(tu, "note").text = quote.note
        props = {
            "x-id": hit.pair.id,
            "x-speaker": hit.speaker,
            "x-date": hit.date.isoformat() if hit.date else None,
            "x-figure": str(hit.provenance.figure) if hit.provenance.figure is not None else None,
            "x-article": hit.provenance.article_id,
            "x-status": hit.pair.status,
        }
        for kind, value in props.items():
            if value:  # an unknown fact is left out, not written as "unknown"
                etree.SubElement(tu, "prop", type=kind).text = value
        for lang, text in (("ar", quote.arabic), ("en", quote.english)):
            tuv = etree.SubElement(tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
            etree.SubElement(tuv, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">').decode("utf-8")  # fmt: skip


def tbx(entities) -> str:
    """TBX-Basic: one concept per entity of the alias store (names and glossary terms), its
    English names, romanized forms and Arabic names as terms of their languages."""
    from lxml import etree

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = etree.Element("martif", {"type": "TBX-Basic", xml_lang: "en"})
    header = etree.SubElement(root, "martifHeader")
    desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(desc, "p").text = "Alias store and glossary of the quote archive"
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for n, entity in enumerate(entities, start=1):
        entry = etree.SubElement(body, "termEntry", id=f"c{n}")
        etree.SubElement(entry, "descrip", type="subjectField").text = entity.kind
        if entity.found_in:
            etree.SubElement(entry, "note").text = f"learned from {entity.found_in}"
        terms = {
            "en": [(entity.en, "fullForm"), (entity.abbr, "acronym"), (entity.short, "shortForm")]
            + [(v, "variant") for v in entity.variants],
            "ar-Latn": [(entity.translit, "transliteratedForm")],
            "ar": [(entity.ar, "fullForm"), (entity.ar_short, "shortForm")],
        }
        for lang, forms in terms.items():
            forms = [(t, kind) for t, kind in forms if t]
            if not forms:
                continue
            lang_set = etree.SubElement(entry, "langSet", {xml_lang: lang})
            for text, kind in forms:
                tig = etree.SubElement(lang_set, "tig")
                etree.SubElement(tig, "term").text = text
                etree.SubElement(tig, "termNote", type="termType").text = kind
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


# --- Reports: Markdown, HTML, Word -------------------------------------------------------------


def _heading(quote: Quote) -> str:
    hit = quote.hit
    who = hit.speaker or "Unknown speaker"
    when = hit.date.isoformat() if hit.date else "date unknown"
    return f"{who}, {when}"


def _md_escape(text: str) -> str:
    out = text
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def markdown(found: list[Quote]) -> str:
    """A block per quote: the Arabic (inside Unicode isolates, so it reads right to left in
    any Markdown viewer), the English rendering, and the Chicago note."""
    lines = ["# Quotes", ""]
    for quote in found:
        lines += [f"## {_md_escape(_heading(quote))}", ""]
        if quote.arabic:
            lines += [
                f"> {RLI}{_md_escape(line)}{PDI}" if line.strip() else ">"
                for line in quote.arabic.splitlines()
            ]
            lines.append("")
        if quote.english:
            lines += [f"> {_md_escape(quote.english)}", ""]
        lines += [_md_escape(quote.note), "", f"<sub>{quote.hit.id}</sub>", ""]
    return "\n".join(lines)


def html(found: list[Quote]) -> str:
    from lxml import etree
    from lxml.html import builder as E

    blocks = []
    for quote in found:
        parts = [E.H2(_heading(quote))]
        if quote.arabic:
            parts.append(E.BLOCKQUOTE(quote.arabic, lang="ar", dir="rtl"))
        if quote.english:
            parts.append(E.BLOCKQUOTE(quote.english, lang="en", dir="ltr"))
        parts.append(E.P(quote.note, E.CLASS("citation")))
        blocks.append(E.E.article(*parts, id=quote.hit.id, **{"class": "quote"}))
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE("Quotes")),
        E.BODY(E.H1("Quotes"), *blocks),
        lang="en",
    )
    return "<!DOCTYPE html>\n" + etree.tostring(page, encoding="unicode", method="html", pretty_print=True)


def docx(found: list[Quote]) -> bytes:
    """The report blocks as a Word document; Arabic paragraphs are marked right-to-left (and
    their runs as complex-script Arabic), so Word lays them out and shapes them correctly."""
    from io import BytesIO

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_heading("Quotes", level=1)
    for quote in found:
        document.add_heading(_heading(quote), level=2)
        if quote.arabic:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.alignment = 2  # right
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
            run = paragraph.add_run(quote.arabic)
            rpr = run._r.get_or_add_rPr()
            rpr.append(OxmlElement("w:rtl"))
            lang = OxmlElement("w:lang")
            lang.set(qn("w:bidi"), "ar-SA")
            rpr.append(lang)
        if quote.english:
            document.add_paragraph(quote.english, style="Quote")
        document.add_paragraph(quote.note)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _works(found: list[Quote]) -> list[Citable]:
    """Each quote, then the article it is quoted in (once), as reference managers want both."""
    out: list[Citable] = []
    articles: set[str] = set()
    for quote in found:
        out.append(quote.citable)
        if quote.citable.primary is not None and quote.citable.article.id not in articles:
            articles.add(quote.citable.article.id)
            out.append(Citable(quote.citable.article))
    return out


def _unique_items(found: list[Quote]) -> list[dict]:
    """One CSL item per work: an article quoted many times appears once; two different works
    that would share a key get a, b, … after it, as BibTeX keys do."""
    items: dict[str, dict] = {}
    for quote in found:
        for item in csl_items(quote.citable):
            key, n = item["id"], 0
            while key in items and items[key] != {**item, "id": key}:
                n += 1
                key = f"{item['id']}{chr(ord('a') + n - 1)}"
            items[key] = {**item, "id": key}
    return list(items.values())
