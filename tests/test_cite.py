"""Citations of the seed articles and quotes, exactly as a report writer would paste them, and
read back by the parsers reference managers use."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import bibtexparser
import pytest
import regex
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from archive.cite import CSL_DIR, STYLES, Citable, Primary, _bib_fields, citable, cite, ris_entries
from archive.models import Article
from tests.test_search_cli import run

EXPECTED = Path(__file__).parent / "expected" / "citations"
ITEMS = {
    "article-2024": "000_c3d9ed45ed831411",
    "article-2021": "001_4ebd5f294456587a",
    "kh-figure-5": "pair-54c8363c837e",  # the KH statement of figure 5 and its rendering
    "tansiqiya-2024": "en-c79ce3a99c94",  # an English-only rendering
    "khazali-tv": "en-06492652a0ed",  # no figure
}
TITLE_2021 = "“Muqawama Struggle to Show Cohesion on ‘Withdrawal’ of U.S. Forces"
TITLE_2024 = "“Muqawama Signals De-Escalation with the U.S., Return to Cosmetic Israel Strikes"
URL_2024 = "https://www.washingtoninstitute.org/policy-analysis/muqawama-signals-de-escalation-us-return-cosmetic-israel-strikes"
NOTE_2021 = f"Hamdi Malik and Michael Knights, {TITLE_2021},” Militia Spotlight, Washington Institute for Near East Policy, August 3, 2021"
NOTE_2024 = f"Hamdi Malik and Michael Knights, {TITLE_2024},” Militia Spotlight, Washington Institute for Near East Policy, August 15, 2024"
BIB_2021 = f"Malik, Hamdi, and Michael Knights. {TITLE_2021}.” Militia Spotlight, Washington Institute for Near East Policy, August 3, 2021."
BIB_2024 = f"Malik, Hamdi, and Michael Knights. {TITLE_2024}.” Militia Spotlight, Washington Institute for Near East Policy, August 15, 2024. {URL_2024}."
APA_2021 = "Malik, H., & Knights, M. (2021, August 3). Muqawama Struggle to Show Cohesion on “Withdrawal” of U.S. Forces [Brief Analysis]. Washington Institute for Near East Policy."
APA_2024 = f"Malik, H., & Knights, M. (2024, August 15). Muqawama Signals De-Escalation with the U.S., Return to Cosmetic Israel Strikes [Brief Analysis]. Washington Institute for Near East Policy. {URL_2024}"

TEXT_STYLES = [
    ("article-2024", "chicago-note", f"{NOTE_2024}, {URL_2024}."),
    ("article-2024", "chicago-short", f"Malik and Knights, {TITLE_2024}.”"),
    ("article-2024", "chicago-bib", BIB_2024),
    ("article-2024", "apa", APA_2024),
    ("article-2021", "chicago-note", f"{NOTE_2021}."),
    ("article-2021", "chicago-short", f"Malik and Knights, {TITLE_2021}.”"),
    ("article-2021", "chicago-bib", BIB_2021),
    ("article-2021", "apa", APA_2021),
    ("kh-figure-5", "chicago-note",
     f"Kataib Hezbollah, statement, July 29, 2021, https://kataibhezbollah.me/news/3173, quoted in {NOTE_2021}, fig. 5."),
    ("kh-figure-5", "chicago-short", f"Kataib Hezbollah, statement, quoted in Malik and Knights, {TITLE_2021},” fig. 5."),
    ("kh-figure-5", "chicago-bib", BIB_2021),
    ("kh-figure-5", "apa", f"{APA_2021}\n(Kataib Hezbollah, 2021, as cited in Malik & Knights, 2021)"),
    ("tansiqiya-2024", "chicago-note",
     f"Iraqi Resistance Coordination Committee, statement, August 12, 2024, quoted in {NOTE_2024}, fig. 1, {URL_2024}."),
    ("tansiqiya-2024", "chicago-short",
     f"Iraqi Resistance Coordination Committee, statement, quoted in Malik and Knights, {TITLE_2024},” fig. 1."),
    ("tansiqiya-2024", "chicago-bib", BIB_2024),
    ("tansiqiya-2024", "apa", f"{APA_2024}\n(Iraqi Resistance Coordination Committee, 2024, as cited in Malik & Knights, 2024)"),
    ("khazali-tv", "chicago-note", f"Qais al-Khazali, remarks to al-Ahd TV, July 28, 2021, quoted in {NOTE_2021}."),
    ("khazali-tv", "chicago-short", f"al-Khazali, remarks to al-Ahd TV, quoted in Malik and Knights, {TITLE_2021}.”"),
    ("khazali-tv", "chicago-bib", BIB_2021),
    ("khazali-tv", "apa", f"{APA_2021}\n(al-Khazali, 2021, as cited in Malik & Knights, 2021)"),
]  # fmt: skip
FILE_STYLES = {"bibtex": "bib", "biblatex": "biblatex.bib", "ris": "ris", "csl-json": "json"}


@pytest.mark.parametrize(
    ("item", "style", "expected"), TEXT_STYLES, ids=[f"{i}-{s}" for i, s, _ in TEXT_STYLES]
)
def test_notes_bibliography_and_apa_read_exactly_as_the_style_says(archive, item, style, expected):
    assert cite(citable(archive, ITEMS[item]), style) == expected


@pytest.mark.parametrize("item", ITEMS)
@pytest.mark.parametrize("style", FILE_STYLES)
def test_bibtex_ris_and_csl_json_are_exactly_the_reviewed_files(archive, item, style):
    expected = (EXPECTED / f"{item}.{FILE_STYLES[style]}").read_text(encoding="utf-8")
    assert cite(citable(archive, ITEMS[item]), style) == expected


def test_every_style_is_covered_by_the_exact_strings():
    assert {s for _, s, _ in TEXT_STYLES} | set(FILE_STYLES) == set(STYLES)


@pytest.mark.parametrize("item", ITEMS)
@pytest.mark.parametrize("style", ["bibtex", "biblatex"])
def test_bibtex_parses_back_with_bibtexparser_to_the_same_facts(archive, item, style):
    c = citable(archive, ITEMS[item])
    library = bibtexparser.parse_string(cite(c, style))
    assert not library.failed_blocks
    [entry] = library.entries
    assert regex.fullmatch(r"[a-z0-9]+", entry.key)
    fields = {f.key: f.value for f in entry.fields}
    assert fields == _bib_fields(c, style)  # every field written comes back as it was
    assert entry.entry_type == ("misc" if style == "bibtex" else "online")
    url = c.primary.url if c.primary else c.article.url
    assert fields.get("url") == url  # the 2021 article and its quotes without a primary URL have none
    date = c.primary.date if c.primary else c.article.date
    if style == "biblatex":
        assert fields["date"] == date.isoformat()
    else:
        assert (fields["year"], fields["month"]) == (str(date.year), date.strftime("%B"))
    if c.primary:
        assert c.primary.speaker.split()[-1] in fields["author"]
        assert fields["authorarabic"] == c.primary.speaker_arabic
    else:
        assert fields["author"] == "Malik, Hamdi and Knights, Michael"


@pytest.mark.parametrize("item", ITEMS)
def test_ris_parses_back_with_rispy_to_the_same_facts(archive, item):
    c = citable(archive, ITEMS[item])
    [entry] = rispy.loads(cite(c, "ris"))
    assert [entry] == ris_entries([c])  # every field written comes back as it was
    assert entry["type_of_reference"] == "ELEC"
    date = c.primary.date if c.primary else c.article.date
    assert entry["date"] == date.strftime("%Y/%m/%d")
    url = c.primary.url if c.primary else c.article.url
    assert entry.get("urls") == ([url] if url else None)
    if c.primary:
        assert entry["authors"] == [c.primary.speaker if not c.primary.is_person else "al-Khazali, Qais"]
        assert entry["notes"][0].startswith("Quoted in Hamdi Malik and Michael Knights")
    else:
        assert entry["authors"] == ["Malik, Hamdi", "Knights, Michael"]
        assert entry["title"] == c.article.title


@pytest.mark.parametrize("item", ITEMS)
def test_csl_json_renders_with_citeproc(archive, item):
    items = json.loads(cite(citable(archive, ITEMS[item]), "csl-json"))
    style = CitationStylesStyle(str(CSL_DIR / "chicago-notes-bibliography-17th-edition.csl"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citations = [Citation([CitationItem(entry["id"])]) for entry in items]
    for citation in citations:
        bibliography.register(citation)
    notes = [str(bibliography.cite(citation, lambda item: None)) for citation in citations]
    assert all(notes) and "Malik" in notes[-1]
    if len(items) == 2:  # a quote: the statement's note says who, what and when
        primary = citable(archive, ITEMS[item]).primary
        assert primary.description in notes[0] and str(primary.date.year) in notes[0]
    assert any(str(entry).startswith("Malik") for entry in bibliography.bibliography())


def test_the_2021_article_has_no_url_in_any_style(archive):
    for item in ("article-2021", "khazali-tv"):
        for style in STYLES:
            text = cite(citable(archive, ITEMS[item]), style)
            assert "washingtoninstitute.org" not in text and "http" not in text, (item, style)


def test_cli_cites_and_refuses_bad_ids_and_styles_in_one_line(built):
    ok = run("cite", "pair-54c8", "--style", "chicago-short", index=built)
    assert ok.exit_code == 0 and ok.output.startswith("Kataib Hezbollah, statement, quoted in")
    for args, message in [(("cite", "nope"), "no record with id 'nope'"),
                          (("cite", "pair-54c8", "--style", "mla"), "unknown citation style 'mla'"),
                          (("cite", "001_4ebd5f294456587a/fig5"), "is a figure")]:  # fmt: skip
        result = run(*args, index=built)
        assert result.exit_code == 2, args
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _article(**changes) -> Article:
    facts = dict(id="x", title="A Title", authors=["Ḥamdī Mālik"], date=dt.date(2022, 3, 1), publisher=None,
                 series=None, kind=None, url=None, accessed=None, topics=[], regions=[], headings=[],
                 also_available_in=[], source_file="articles/x.txt", sha256="0" * 64, body=None,
                 facts_from_sidecar=[])  # fmt: skip
    return Article(**{**facts, **changes})


def _primary(**changes) -> Primary:
    facts = dict(record_id="en-x", speaker=None, speaker_arabic=None, is_person=False, description="statement",
                 date=None, url=None, figure=None)  # fmt: skip
    return Primary(**{**facts, **changes})


UNKNOWNS = [
    ("no speaker, no date", Citable(_article(), _primary()),
     "Unknown speaker, statement, quoted in Ḥamdī Mālik, “A Title,” March 1, 2022."),
    ("no description", Citable(_article(), _primary(speaker="Badr Organization", description=None, date=dt.date(2022, 2, 2))),
     "Badr Organization, February 2, 2022, quoted in Ḥamdī Mālik, “A Title,” March 1, 2022."),
    ("an article without author or date", Citable(_article(authors=[], date=None)), "“A Title.”"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "item", "expected"), UNKNOWNS, ids=[c[0] for c in UNKNOWNS])
def test_what_the_archive_does_not_know_is_left_out_not_guessed(case, item, expected):
    assert cite(item, "chicago-note") == expected
    library = bibtexparser.parse_string(cite(item, "bibtex"))
    fields = {f.key for f in library.entries[0].fields}
    assert "url" not in fields and ("year" in fields) == bool((item.primary or item.article).date)


def test_keys_are_ascii_and_an_arabic_article_sorts_under_the_name():
    item = Citable(_article(), _primary(speaker="Qais al-Khazali", is_person=True, date=dt.date(2021, 7, 28)))
    [entry] = bibtexparser.parse_string(cite(item, "biblatex")).entries
    assert entry.key == "khazali2021statement"
    assert {f.key: f.value for f in entry.fields}["sortname"] == "Khazali, Qais"
    [article] = bibtexparser.parse_string(cite(Citable(_article()), "bibtex")).entries
    assert article.key == "malik2022title"
