"""The query language, facets, paging and cross-language hits, on the real seed index."""

import json

import pytest

from tests.test_search_cli import run


def ids(archive, query, **kw):
    return [h.id for h in archive.search(query, **kw).hits]


@pytest.mark.parametrize(
    ("query", "speakers"),
    [
        ("speaker:Khazali", {"Qais al-Khazali"}),
        ('speaker:"Qais al-Khazali"', {"Qais al-Khazali"}),
        ("speaker:Tansiqiya", {"Iraqi Resistance Coordination Committee"}),
        ('org:"Kataib Hezbollah"', {"Kataib Hezbollah", "Abu Ali al-Askari"}),
        ("org:KH", {"Kataib Hezbollah", "Abu Ali al-Askari"}),
        ("org:AAH", {"Qais al-Khazali"}),
    ],
)
def test_speaker_and_org_filters_accept_any_name_the_store_knows(archive, query, speakers):
    assert {h.speaker for h in archive.search(query, limit=50).hits} == speakers


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("date:2021-07-29", {"2021-07-29"}),
        ("date:2021-07-28..2021-07-29", {"2021-07-28", "2021-07-29"}),
        ("date:2024..", {"2024-08-12"}),
        ("date:..2021-07-23", {"2021-07-23"}),
        ("date:2021-07..2021-07 lang:en status:unpaired figure:2", {"2021-07-23"}),
    ],
)
def test_date_ranges_and_other_filters(archive, query, dates):
    assert {str(h.date) for h in archive.search(query, limit=50).hits} == dates


def test_words_combine_with_filters_and_operators(archive):
    assert len(ids(archive, "coordination AND framework")) == 2
    assert len(ids(archive, "coordination NOT framework")) == 2
    assert len(ids(archive, "(theatrical OR caricature-like) date:2021-07")) == 2
    assert ids(archive, "coordinat* status:suggested") == ids(archive, "coordination status:suggested")
    assert ids(archive, '"coordination framework" lang:ar') == [ids(archive, "coordination framework")[0]]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"coordination framework', "unclosed quotation mark at position 1"),
        ("(coordination OR framework", "unclosed '('"),
        ("coordination)", "unmatched ')' at position 13"),
        ("OR framework", "joins nothing"),
        ("framework NOT", "has nothing after it"),
        ("framework AND OR coordination", "two operators in a row"),
        ("date:2021-02-30", "is not a date"),
        ("date:..", "needs at least one end"),
        ("lang:fr", "lang is ar or en"),
        ("status:pending", "status is one of"),
        ("figure:five", "figure is a number"),
    ],
)
def test_malformed_query_gets_one_line_pointing_at_the_problem(built, query, message):
    result = run("search", query, index=built)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_paging_and_date_sort(archive):
    first, second = archive.search("coordination", limit=2), archive.search("coordination", limit=2, page=2)
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    # a total is exact when every match was seen (it fits the page, or --facets counted), else flagged
    assert first.total_is_estimate and first.total >= 4
    assert (
        archive.search("coordination", limit=10).total,
        archive.search("coordination", facets=True).total,
    ) == (4, 4)
    assert not archive.search("coordination", limit=10).total_is_estimate
    by_date = [h.date for h in archive.search("coordination", limit=10, sort="date").hits]
    assert by_date == sorted(by_date, reverse=True)


def test_facets_count_the_matches(archive):
    facets = archive.search("coordination", facets=True).facets
    assert facets["year"] == {"2021": 3, "2024": 1}
    assert facets["status"] == {"unpaired": 3, "suggested": 1}
    assert sum(facets["speaker"].values()) == 4


def test_english_match_underlines_the_aligned_arabic(archive):
    hit = archive.search("appreciated delegation").hits[0]
    assert hit.kind == "pair" and hit.source_aligned
    aligned = "".join(hit.source.original[a.start : a.end] for a in hit.source_aligned)
    assert "الوفد المفاوض" in aligned


def test_arabic_query_reaches_an_english_only_statement_by_meaning(archive):
    query = "لسنا ملزمين بأي قيود إذا استهدفت القوات الأمريكية أبناءنا"
    assert archive.search(query).hits == []
    cross = archive.cross_language(query)
    assert cross and cross[0].rendering.text.startswith("The Iraqi Resistance Coordination is not bound")
    assert cross[0].cross_language and 0.35 <= cross[0].score <= 1


def test_json_lists_cross_language_hits_after_direct_ones(built):
    data = json.loads(run("search", "القوات الأمريكية لن تمنعنا القيود", "--json", index=built).output)
    assert {"hits", "cross_language_hits", "total", "page", "per_page", "sort", "facets"} <= set(data)
    assert all(h["cross_language"] for h in data["cross_language_hits"])


def test_concordance_of_an_arabic_term_shows_how_it_was_rendered(built):
    data = json.loads(run("concordance", "الإطار التنسيقي", "--json", index=built).output)
    (line,) = data["lines"]
    assert line["match"] == "الإطار التنسيقي" and line["left"].endswith("للإخوة في")
    assert "coordination framework" in line["other"]
    assert data["renderings"] == {"coordination framework": 1}


def test_concordance_of_an_english_term_counts_every_occurrence(built):
    data = json.loads(run("concordance", "coordination framework", "--json", index=built).output)
    assert len(data["lines"]) == 5  # once in the KH statement, four times in Khazali's
    assert data["renderings"]["الإطار التنسيقي"] == 1
    assert all(line["match"].lower() == "coordination framework" for line in data["lines"])


def test_concordance_groups_spellings_apart(archive):
    from archive.concordance import _rendered_as

    assert (
        _rendered_as("the Coordination Framework said", ["coordination framework"])
        == "Coordination Framework"
    )
    assert (
        _rendered_as("the coordination framework said", ["coordination framework"])
        == "coordination framework"
    )
    assert _rendered_as(None, ["x"]) == "(no rendering in the archive)"


@pytest.mark.parametrize(("query", "speaker"), [("Khazaali coordination", "Qais al-Khazali"),
                                                ("Kataeb Hizbullah framework", "Kataib Hezbollah")])  # fmt: skip
def test_a_name_and_other_words_need_both(archive, query, speaker):
    name_and_word = archive.search(query, limit=50).hits
    word_alone = archive.search(query.split()[-1], limit=50).hits
    assert name_and_word and all(h.speaker == speaker for h in name_and_word)
    assert len(word_alone) > len(name_and_word)
