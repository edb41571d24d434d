"""Where a reader finds a quote's figure and occasion when the sentence does not say it: the
endnote its marker cites, the figure printed beside its paragraph; and what is no body text: a
report's page furniture. Each case is a small capture; the people not in the alias store and all
quotes are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.build import corpus_context
from archive.ingest import ingest_file, notes
from archive.ingest.quotes import MAX_QUOTES_PER_CAPTURE, MAX_QUOTES_PER_PARAGRAPH
from tests.conftest import REPO

HEADER = "Militias Answer the Talks\n\nBy Jane Example\n\nJune 27, 2024\n\n"


@pytest.fixture(scope="module")
def ctx():
    return corpus_context(REPO / "corpus")


def _ingest(tmp_path, ctx, body: str):
    path = Path(tmp_path) / "capture.txt"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    return ingest_file(path, ctx)


@pytest.mark.parametrize(
    ("prose", "note_lines", "quote_end", "number"),
    [
        ('He said it "has a ceiling."5 Others disagreed.', [], 'He said it "has a ceiling."', 5),
        ("It was “a tactical decision”.32 Nothing more.", [], "It was “a tactical decision”", 32),
        ('They gave "a last chance" and said "patience has a ceiling."5', [], 'They gave "a last chance"', 5),
        ("The budget grew 1.5 percent in “a good year”.", [], "The budget grew 1.5 percent in “a good year”", None),
        ('He said "no." 2024 was hard.', [], 'He said "no."', None),
        ('It would remain "in the hands of its sons."[1] The statement added more.', [], 'It would remain "in the hands of its sons."', 1),
        ('It was "never at the table"[a] and "in the hands of its sons."[2]', [], 'It was "never at the table"', 2),
    ],
    ids=["after a closing mark", "after British punctuation", "a sentence's marker covers its quotes",
         "a decimal is no marker", "a year after a space is no marker", "a document export's bracketed marker",
         "a reviewer's lettered comment is no marker"],
)  # fmt: skip
def test_a_quote_cites_the_note_whose_marker_closes_its_sentence(prose, note_lines, quote_end, number):
    assert notes.note_after(prose, len(quote_end)) == number


def test_ibid_repeats_the_note_printed_before_and_a_numbered_list_above_is_no_note():
    printed = [
        ["1. a fixed timetable for the withdrawal;", "2. an end to strikes."],  # a list in the body
        ["1 Kadhim al-Fartousi, interview with Al-Etejah TV, 2024-06-09.", "2 Ibid."],
    ]
    found = notes.read_notes(printed)
    assert notes.cited(found, 2, block=0).text.startswith("Kadhim al-Fartousi, interview with Al-Etejah TV")
    assert notes.cited(found, 1, block=0).block == 1


def test_a_marker_before_the_quote_in_its_sentence_is_the_quote_s():
    prose = "Khazali struck a different note in a televised speech,[3] saying his movement was “with the state.”"
    assert notes.note_after(prose, len(prose), prose.index("“")) == 3


def test_a_numbered_section_heading_is_no_note_and_a_citation_field_names_the_outlet():
    printed = [["1. Context"], ["Prose under the heading, long enough to be a paragraph of the memo."],
               ["3. Asaib Ahl al-Haq: Hedging"], ["More prose."],
               ["[3] Qais al-Khazali, televised speech, Al-Ahd TV, 19 April 2025.", "[4] Ibid."]]  # fmt: skip
    found = notes.read_notes(printed)
    assert [n.number for n in found] == [3, 4]
    assert notes.occasion(found[0].text, None, lambda text: None)[1] == "Al-Ahd TV"


def test_a_memo_s_footnotes_date_its_quotes_and_the_speaker_goes_on_after_them(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx,
        "1. Asaib Ahl al-Haq\n\nAsaib Ahl al-Haq secretary-general Qais al-Khazali struck a different note in "
        "a televised speech,[3] saying his movement was “with the state in everything.” He warned, however, "
        "that “disarmament under American dictation is surrender.”\n\nTwo days later, KH security official "
        "Abu Ali al-Askari went further, writing that a faction that disarms “hands over the necks of its "
        "men.”[4]\n\nSources\n[3] Qais al-Khazali, televised speech, Al-Ahd TV, 19 June 2024.\n"
        "[4] Abu Ali al-Askari, post on X, 21 June 2024.",
    )  # fmt: skip
    got = [(r.speaker, str(r.date), r.channel) for r in result.renderings]
    assert got == [
        ("Qais al-Khazali", "2024-06-19", "Al-Ahd TV"),
        ("Qais al-Khazali", "2024-06-19", "Al-Ahd TV"),
        ("Abu Ali al-Askari", "2024-06-21", "X"),
    ]


def test_endnotes_give_the_date_and_channel_the_prose_leaves_out(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx,
        'KH spokesman Kadhim al-Fartousi said the group "will not accept any formula that keeps a single '
        'American soldier in Iraq."1 The spokesman added that any deal would be "ink on paper."2\n\n'
        'On Friday, Qais al-Khazali said the exit should be "a victory for the state, not for one faction."3\n\n'
        "ENDNOTES\n\n"
        "1 Kadhim al-Fartousi, interview with Al-Etejah TV, 2024-06-09.\n2 Ibid.\n"
        "3 Qais al-Khazali, televised speech, 2024-06-20.",
    )  # fmt: skip
    got = [(r.text[:20], str(r.date), r.channel) for r in result.renderings]
    assert got == [
        ("will not accept any ", "2024-06-09", "Al-Etejah TV"),
        ("ink on paper.", "2024-06-09", "Al-Etejah TV"),
        ("a victory for the st", "2024-06-21", None),  # "on Friday" in its own sentence wins over the note
    ]


def test_an_html_notes_list_without_numbers_is_numbered_in_order(tmp_path, ctx):
    page = (
        "<html><head><title>Kataib Hezbollah Draws Its Line</title></head><body><article>"
        "<h1>Kataib Hezbollah Draws Its Line</h1><p>By Jane Example</p><p>June 27, 2024</p>"
        "<p>Kataib Hezbollah has raised the stakes over the PMF law in Baghdad this month.</p>"
        "<p>On Saturday, the group published a short statement on its Telegram channel.<sup><a href='#fn1'>1</a></sup> "
        "Its central passage reads:</p><p>In our translation: &ldquo;The Popular Mobilization is not a file to be "
        "bargained over.&rdquo;</p>"
        "<p>KH security official Abu Ali al-Askari was less diplomatic. &ldquo;Those who hesitate today will not find "
        "a seat,&rdquo; he wrote.<sup><a href='#fn2'>2</a></sup></p>"
        "<p>A Badr Organization lawmaker we spoke with in Baghdad called it &ldquo;pressure on us as much as on the "
        "Americans.&rdquo;<sup><a href='#fn3'>3</a></sup></p>"
        "<h2>Notes</h2><ol><li id='fn1'>Kataib Hezbollah, statement on Telegram, June 22, 2024.</li>"
        "<li id='fn2'>Abu Ali al-Askari, post on X, June 23, 2024.</li>"
        "<li id='fn3'>Interview with a Badr Organization member of parliament, Baghdad, June 24, 2024.</li></ol>"
        "<p>© 2024 Northgate Forum</p></article></body></html>"
    )
    path = Path(tmp_path) / "capture.html"
    path.write_text(page, encoding="utf-8")
    got = [(r.speaker, r.speaker_org, str(r.date), r.channel) for r in ingest_file(path, ctx).renderings]
    assert got == [
        ("Kataib Hezbollah", None, "2024-06-22", "Telegram"),  # the group that published it, its occasion
        ("Abu Ali al-Askari", "Kataib Hezbollah", "2024-06-23", "X"),
        (None, "Badr Organization", "2024-06-24", "Northgate Forum"),  # told the page's own authors
    ]


def test_page_furniture_of_a_pdf_report_does_not_end_the_body(tmp_path, ctx):
    furniture = (
        "\n\n©2024 Institute for the Study of War & AEI's Critical Threats Project                 {n}\n\n"
        "MILITIAS ANSWER THE TALKS | EXAMPLE | JUNE 2024\n\n"
    )
    result = _ingest(
        tmp_path, ctx,
        "Kataib Hezbollah has set the most demanding conditions for the talks with the government."
        + furniture.format(n=1)
        + 'KH security official Abu Ali al-Askari wrote on Telegram on Tuesday that "patience has a ceiling."'
        + furniture.format(n=2)
        + "The militias will likely frame any agreement as their own victory over the coalition."
        + furniture.format(n=3),
    )  # fmt: skip
    assert [r.text for r in result.renderings] == ["patience has a ceiling."]
    text = (Path(tmp_path) / "capture.txt").read_text(encoding="utf-8")
    assert result.article.body is not None
    assert result.article.body.end >= text.index("their own victory over the coalition.")


def test_a_quote_without_a_figure_number_belongs_to_the_uncited_figure_beside_it(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx,
        'On June 20, Kataib Hezbollah issued a statement. It said that "the occupation has no place here."\n\n'
        "Figure 1: KH statement on the talks, June 20, 2024.\n\n"
        "إن الاحتلال لا مكان له هنا.\n\n"
        'Two days later, Qais al-Khazali said on al-Ahd TV that "the state decides."\n\n'
        "Figure 2: Qais al-Khazali on al-Ahd TV, June 22, 2024.\n\n"
        "الدولة هي التي تقرر.",
    )  # fmt: skip
    assert [(r.text[:14], r.figure) for r in result.renderings] == [
        ("the occupation", 1),
        ("the state deci", 2),
    ]


def test_a_paragraph_of_thousands_of_quotations_is_read_in_part_and_reported(tmp_path, ctx):
    result = _ingest(tmp_path, ctx, "Kataib Hezbollah said: " + "“we will respond” and " * 2000 + "more.")
    assert len(result.renderings) <= MAX_QUOTES_PER_PARAGRAPH
    assert any("2,000 quotations" in w and "capture.txt" in w for w in result.warnings)


def test_a_figure_cited_thousands_of_times_keeps_the_first_places_and_is_reported(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx, "Figure 1: KH statement, June 20, 2024.\n\n" + "As shown (Figure 1). " * 2000 + "\n"
    )
    figure = next(f for f in result.figures if f.number == 1)
    assert 0 < len(figure.mentions) <= 100
    assert any("Figure 1 is cited 2,000 times" in w for w in result.warnings)


def test_a_body_of_thousands_of_quoted_paragraphs_is_read_up_to_the_limit_and_reported(tmp_path, ctx):
    paragraph = "Kataib Hezbollah said on Monday: “we will act.”\n\n"
    result = _ingest(tmp_path, ctx, paragraph * 1500)
    assert 0 < len(result.renderings) <= MAX_QUOTES_PER_CAPTURE
    assert any("1,500 quotations" in w and "capture.txt" in w for w in result.warnings)


def test_a_digest_s_labelled_translation_is_a_rendering_of_the_post_above_it(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx,
        "This week's posts, as the channels published them.\n\n"
        "1. Kataib Hezbollah\n\n[28.02.24 19:05]\nنؤكد أن قرار تعليق العمليات ما زال سارياً.\n"
        "EN: We affirm that the decision to suspend operations is still in force.\n\n"
        "[02.03.24 11:40]\nعلى الحكومة أن تحدد موعداً واضحاً.\n"
        "EN: The government must set a clear date.\n\n"
        "FROM X\n\nAbu Ala al-Walai (@alwalai_office) · Mar 5, 2024 at 22:10\n"
        "لن نسمح بأن يكون العراق ساحة.\nEN: We will not allow Iraq to be an arena.\n\n"
        "2. Unknown Channel\n\n[06.03.24 10:00]\nنص بلا ترجمة معروفة المصدر.\nEN: A text whose channel nobody can name.",
    )  # fmt: skip
    got = [(r.text, r.speaker, str(r.date), r.channel) for r in result.renderings]
    assert got == [
        ("We affirm that the decision to suspend operations is still in force.", "Kataib Hezbollah", "2024-02-28", "Telegram"),
        ("The government must set a clear date.", "Kataib Hezbollah", "2024-03-02", "Telegram"),
        ("We will not allow Iraq to be an arena.", "Abu Ala al-Walai", "2024-03-05", "X"),
    ]  # fmt: skip


def test_an_interview_s_answers_are_the_interviewee_s_and_its_questions_are_not_renderings(tmp_path, ctx):
    result = _ingest(
        tmp_path, ctx,
        "Firas al-Yasiri, the spokesman of Harakat al-Nujaba's political council, sat down with 964 in "
        "Baghdad on Tuesday.\n\n"
        "Q: What is the resistance trying to achieve with its attacks on Israel?\n\n"
        "A: Our operations are a duty of support for our people in Gaza and Lebanon.\n\n"
        "Q: Qais al-Khazali said last week that “the decision of war and peace belongs to the state.” Do you agree?\n\n"
        "A: Sheikh Qais is free to say what he wants.",
    )  # fmt: skip
    got = [(r.text, r.speaker, r.channel, str(r.date)) for r in result.renderings]
    assert (
        "Our operations are a duty of support for our people in Gaza and Lebanon.",
        "Firas al-Yasiri",
        "964",
        "2024-06-25",
    ) in got
    assert ("Sheikh Qais is free to say what he wants.", "Firas al-Yasiri", "964", "2024-06-25") in got
    assert not any(text.startswith("What is the resistance") for text, *_ in got)
