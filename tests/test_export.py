"""Exports through the CLI, each read back by a real parser or validator: lxml against the TMX
1.4b DTD, an HTML parser, python-docx, bibtexparser and citeproc-py."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import lxml.html
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from archive.cite import CSL_DIR
from archive.export import PDI, RLI
from tests.test_search_cli import run

DTD = Path(__file__).parent / "data" / "standards" / "tmx14.dtd"
KH_ARABIC = "الشكر والتقدير للإخوة في الإطار التنسيقي"
KH_NOTE = "Kataib Hezbollah, statement, July 29, 2021, https://kataibhezbollah.me/news/3173, quoted in"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(built, tmp_path, fmt, *query, name=None):
    out = tmp_path / (name or f"export.{fmt}")
    result = run("export", "--format", fmt, *query, "-o", str(out), index=built)
    assert result.exit_code == 0, result.stderr
    return out


def test_tmx_is_valid_against_the_tmx_14b_dtd_with_one_unit_per_pair(built, tmp_path):
    out = export(built, tmp_path, "tmx")
    tree = etree.parse(str(out))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    units = tree.findall(".//tu")
    assert units and all([t.get(XML_LANG) for t in tu.findall("tuv")] == ["ar", "en"] for tu in units)
    kh = next(tu for tu in units if KH_ARABIC in tu.findtext("tuv/seg"))
    props = {p.get("type"): p.text for p in kh.findall("prop")}
    assert props == {"x-id": kh.get("tuid"), "x-speaker": "Kataib Hezbollah", "x-date": "2021-07-29",
                     "x-figure": "5", "x-article": "001_4ebd5f294456587a", "x-status": "suggested"}  # fmt: skip
    assert kh.findtext("note").startswith(KH_NOTE)


def test_tbx_has_a_concept_per_alias_with_arabic_and_english_terms(built, tmp_path):
    out = export(built, tmp_path, "tbx")
    root = etree.parse(str(out)).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall(".//termEntry")
    corpus_entities = (Path(__file__).parent.parent / "corpus" / "aliases.jsonl").read_text(encoding="utf-8")
    assert len(entries) >= len(corpus_entities.strip().splitlines())
    terms = {
        tuple(sorted((ls.get(XML_LANG), t.text) for ls in e.findall("langSet") for t in ls.iter("term")))
        for e in entries
    }
    assert any(
        ("ar", "كتائب حزب الله") in t and ("en", "Kataib Hezbollah") in t and ("en", "KH") in t for t in terms
    )
    assert any(("ar-Latn", "muqawama") in t and ("en", "resistance") in t for t in terms)


def test_html_blocks_put_the_arabic_first_right_to_left_with_the_note_below(built, tmp_path):
    page = lxml.html.parse(str(export(built, tmp_path, "html"))).getroot()
    blocks = page.findall(".//article")
    assert blocks and all(b.get("class") == "quote" for b in blocks)
    kh = next(b for b in blocks if KH_ARABIC in b.text_content())
    quotes = kh.findall("blockquote")
    assert [(q.get("lang"), q.get("dir")) for q in quotes] == [("ar", "rtl"), ("en", "ltr")]
    assert kh.find("p").text.startswith(KH_NOTE)
    one_sided = [b for b in blocks if len(b.findall("blockquote")) == 1]  # a source or a rendering alone
    assert {b.get("id")[:2] for b in one_sided} == {"ar", "en"}
    assert all(b.find("blockquote").get("lang") == b.get("id")[:2] for b in one_sided)


def test_markdown_isolates_the_arabic_and_follows_each_quote_with_its_note(built, tmp_path):
    text = export(built, tmp_path, "md", "framework").read_text(encoding="utf-8")
    arabic_lines = [line for line in text.splitlines() if KH_ARABIC in line]
    assert arabic_lines and all(line.startswith(f"> {RLI}") and line.endswith(PDI) for line in arabic_lines)
    assert text.index(KH_ARABIC) < text.index("thanks and appreciation") < text.index(KH_NOTE)


def test_docx_opens_and_marks_arabic_paragraphs_right_to_left(built, tmp_path):
    document = Document(str(export(built, tmp_path, "docx")))
    arabic = [p for p in document.paragraphs if KH_ARABIC in p.text]
    assert arabic
    for paragraph in arabic:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None
        assert all(run._r.rPr.find(qn("w:rtl")) is not None for run in paragraph.runs)
    assert any(p.text.startswith(KH_NOTE) for p in document.paragraphs)


def test_csl_json_of_many_results_renders_with_citeproc(built, tmp_path):
    items = json.loads(export(built, tmp_path, "csl-json").read_text(encoding="utf-8"))
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) and "malik2021muqawama" in ids and "malik2024muqawama" in ids
    style = CitationStylesStyle(str(CSL_DIR / "chicago-notes-bibliography-17th-edition.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citations = [Citation([CitationItem(i)]) for i in ids]
    for citation in citations:
        bibliography.register(citation)
    assert all(str(bibliography.cite(c, lambda item: None)) for c in citations)


def test_bibtex_of_many_results_parses_with_unique_ascii_keys(built, tmp_path):
    library = bibtexparser.parse_string(export(built, tmp_path, "bibtex").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys)) and all(k.isascii() and k.isalnum() for k in keys)
    assert {"malik2021muqawama", "malik2024muqawama", "kataibhezbollah2021fig5"} <= set(keys)


def test_a_query_exports_only_what_it_finds(built, tmp_path):
    everything = etree.parse(str(export(built, tmp_path, "tmx", name="all.tmx"))).findall(".//tu")
    found = etree.parse(str(export(built, tmp_path, "tmx", "الإطار التنسيقي", name="some.tmx"))).findall(
        ".//tu"
    )
    assert 0 < len(found) <= len(everything)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "unknown export format 'pdf'"),
        (("--format", "docx"), "give -o FILE"),
        (("--format", "tmx", "-o", "missing-folder/x.tmx"), "folder missing-folder does not exist"),
        (("--format", "tbx", "framework"), "give no query"),
        (("--format", "md", '"unclosed'), "unclosed quotation mark"),
    ],
)
def test_bad_export_input_gives_one_line_exit_2_and_no_file(built, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run("export", *args, index=built)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_failed_export_leaves_an_existing_file_as_it_was(built, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("yesterday's report", encoding="utf-8")
    result = run("export", "--format", "md", '"unclosed', "-o", str(target), index=built)
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "yesterday's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
