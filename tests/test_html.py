"""The HTML reader: which blocks are the article's body, the page's date, and exact spans."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.ingest import extract as extract_mod
from archive.ingest.capture import SYNTHETIC, read_capture, read_reference
from archive.ingest.html import html_blocks
from archive.ingest.layout import analyse

PROSE = [
    "The council met on Tuesday evening to discuss the new budget for the coming year in detail.",
    "Members argued for three hours about the cost of repairing the old bridge over the river.",
    "In the end the mayor said a decision would wait until the engineers had finished their report.",
    "Residents who attended the meeting said they were tired of waiting for the repairs to begin.",
    "A second meeting has been called for next month, when the report is expected to be ready.",
]
ARABIC = [
    "قال المتحدث باسم الوزارة إن الاجتماع سيعقد في الأسبوع المقبل لمناقشة الميزانية الجديدة للعام القادم.",
    "وأضاف أن المهندسين سيقدمون تقريرهم عن حالة الجسر القديم قبل نهاية الشهر الجاري على أقصى تقدير.",
    "وطالب السكان بالإسراع في أعمال الإصلاح بعد أشهر طويلة من الانتظار دون أي تقدم يذكر في المشروع.",
]


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>\n" for t in texts)


def _read(tmp_path, page: str, name: str = "page.html", **kwargs):
    path = tmp_path / name
    path.write_bytes(page.encode("utf-8"))
    capture = read_capture(path)
    blocks, hints = html_blocks(capture, **kwargs)
    return capture, blocks, hints, analyse(blocks, hints)


def _body(blocks, layout) -> list[str]:
    return [b.text for i, b in enumerate(blocks) if layout.in_body(i)]


@pytest.mark.parametrize("use_extractor", [False, True])
def test_a_teaser_card_article_before_the_real_one_is_not_the_body(tmp_path, use_extractor):
    teaser = (
        "<article class='card'><h3>Another story about something else entirely</h3>"
        "<p>A short summary of another story, shown as a card at the top of the page.</p>"
        "<time datetime='2021-08-31'>Aug 31, 2021</time></article>"
    )
    real = f"<article><h1>Council delays bridge decision</h1><time datetime='2019-07-25'>July 25</time>{_paragraphs(PROSE)}</article>"
    _, blocks, hints, layout = _read(tmp_path, _page(teaser + real), use_extractor=use_extractor)
    body = _body(blocks, layout)
    assert all(p in body for p in PROSE)
    assert not any("another story" in t for t in body)
    assert hints.meta["title"] == "Council delays bridge decision"
    assert hints.meta["date"] == dt.date(2019, 7, 25)


@pytest.mark.parametrize("use_extractor", [False, True])
def test_a_body_inside_a_class_naming_a_sidebar_is_not_chrome(tmp_path, use_extractor):
    page = _page(
        "<div class='sidebar-and-content-body'><div class='sticky-sidebar-relative'><main>"
        f"<h1>Council delays bridge decision</h1>{_paragraphs(PROSE)}</main>"
        "<div class='sidebar'><p>Most read: a list of other stories that readers liked this week.</p></div>"
        "</div></div>"
    )
    _, blocks, _, layout = _read(tmp_path, page, use_extractor=use_extractor)
    body = _body(blocks, layout)
    assert all(p in body for p in PROSE)
    assert not any("Most read" in t for t in body)


def test_a_class_word_only_marks_chrome_as_a_whole_word(tmp_path):
    page = _page(
        "<article><h1>Council delays bridge decision</h1>"
        f"<div class='commentary-body'>{_paragraphs(PROSE)}</div>"
        "<div class='share-bar'><p>Share this article with your friends on every network there is.</p></div>"
        "</article>"
    )
    _, blocks, hints, _ = _read(tmp_path, page, use_extractor=False)
    texts = [b.text for b in blocks]
    assert all(texts.index(p) in hints.body for p in PROSE)
    assert not any("Share this" in blocks[i].text for i in hints.body)


def test_an_unclosed_paragraph_before_a_figure_keeps_its_text(tmp_path):
    lead = "The lead paragraph of the story was never closed by the page that wrote it down"
    page = _page(
        f"<article><h1>Council delays bridge decision</h1><p>{lead}"
        "<figure><img src='/bridge.jpg'><figcaption>The old bridge, seen from the north bank.</figcaption></figure>"
        f"{_paragraphs(PROSE)}</article>"
    )
    _, blocks, hints, _ = _read(tmp_path, page, use_extractor=False)
    texts = [b.text for b in blocks]
    assert lead in texts
    caption = next(i for i, t in enumerate(texts) if "old bridge" in t)
    assert texts[caption] == "The old bridge, seen from the north bank."
    assert caption in hints.photos and caption not in hints.figure_of  # a news photo, not a statement
    assert texts.index(lead) in hints.body


@pytest.mark.parametrize(
    ("inside", "statement"),
    [
        (
            "<img src='/s.jpg'><figcaption>Kataib Hezbollah statement on the talks, June 20, 2024.</figcaption>",
            True,
        ),
        ("<img src='/s.jpg'><figcaption>Figure 3: the parade.</figcaption>", True),
        ("<p>بسم الله الرحمن الرحيم</p><figcaption>The text as posted.</figcaption>", True),
        ("<img src='/p.jpg' alt='بيان'><figcaption>As circulated on Sunday.</figcaption>", True),
        (
            "<img src='/p.jpg'><figcaption>Mourners carry coffins in Baghdad on Wednesday. AFP</figcaption>",
            False,
        ),
        (
            "<img src='/p.jpg'><figcaption>FILE PHOTO: fighters at a parade, in a video grab.</figcaption>",
            False,
        ),
    ],
    ids=[
        "statement caption",
        "the page's own label",
        "Arabic text",
        "Arabic alt text",
        "news photo",
        "file photo",
    ],
)
def test_a_figure_is_a_statement_s_not_a_news_photo_by_what_it_shows(tmp_path, inside, statement):
    page = _page(
        f"<article><h1>Council delays bridge decision</h1><figure>{inside}</figure>{_paragraphs(PROSE)}</article>"
    )
    _, blocks, hints, _ = _read(tmp_path, page, use_extractor=False)
    members = [i for i, b in enumerate(blocks) if i in hints.figure_of or i in hints.photos]
    assert members
    assert all((i in hints.figure_of) == statement and (i in hints.photos) != statement for i in members)


def test_text_written_straight_into_a_div_beside_its_paragraphs_is_read(tmp_path):
    page = _page(
        "<article><h1>Council delays bridge decision</h1><div class='body_txt'>"
        f"{PROSE[0]}<br>{PROSE[1]}<br><p>{PROSE[2]}</p>{PROSE[3]}</div></article>"
    )
    _, blocks, _, _ = _read(tmp_path, page, use_extractor=False)
    texts = [b.text for b in blocks]
    assert f"{PROSE[0]} {PROSE[1]}" in texts
    assert PROSE[2] in texts and PROSE[3] in texts
    two_lines = blocks[texts.index(f"{PROSE[0]} {PROSE[1]}")]
    assert [line.text for line in two_lines.lines] == PROSE[:2]  # <br> breaks lines, as in a capture


@pytest.mark.parametrize("use_extractor", [False, True])
def test_an_all_arabic_article_has_its_paragraphs_in_the_body_hints(tmp_path, use_extractor):
    page = _page(
        "<header><nav><a href='/'>الرئيسية</a> <a href='/news'>أخبار</a></nav></header>"
        f"<article><h1>تأجيل قرار الجسر</h1>{_paragraphs(ARABIC)}</article>"
        "<footer><p>جميع الحقوق محفوظة لهذا الموقع الإخباري التجريبي منذ سنوات طويلة جدا.</p></footer>"
    )
    _, blocks, hints, _ = _read(tmp_path, page, use_extractor=use_extractor)
    texts = [b.text for b in blocks]
    assert {texts.index(p) for p in ARABIC} <= hints.body
    assert not any("الحقوق" in texts[i] for i in hints.body)


def test_a_date_given_only_in_json_ld_is_the_pages_date(tmp_path):
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "datePublished": "2020-01-19T14:05:00-05:00", "author": {"@type": "Person", "name": "Jane Example"}}'
        "</script>"
    )
    page = _page(f"<article><h1>Council delays bridge decision</h1>{_paragraphs(PROSE)}</article>", head)
    for use_extractor in (False, True):
        _, _, hints, layout = _read(tmp_path, page, use_extractor=use_extractor)
        assert hints.meta["date"] == dt.date(2020, 1, 19)  # the day as the page wrote it, not UTC
        assert layout.header["date"] == dt.date(2020, 1, 19)
        assert hints.meta["authors"] == ["Jane Example"]


def test_a_related_box_inside_the_article_does_not_cut_the_body(tmp_path):
    page = _page(
        f"<article><h1>Council delays bridge decision</h1>{_paragraphs(PROSE[:2])}"
        "<aside class='related'><h3>Related</h3><p><a href='/x'>Another story about the river that is a link</a></p></aside>"
        f"{_paragraphs(PROSE[2:])}</article>"
    )
    for use_extractor in (False, True):
        _, blocks, _, layout = _read(tmp_path, page, use_extractor=use_extractor)
        body = _body(blocks, layout)
        assert all(p in body for p in PROSE)
        assert not any("Another story" in t for t in body)


def test_trafilatura_failing_leaves_the_body_to_our_structure(tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    page = _page(f"<article><h1>Council delays bridge decision</h1>{_paragraphs(PROSE)}</article>")
    _, blocks, hints, layout = _read(tmp_path, page)
    assert hints.body_from == "structure"
    assert all(p in _body(blocks, layout) for p in PROSE)


def test_trafilatura_lines_pick_our_blocks_each_line_once():
    lines = ["- First item of a list, long enough to count", "A paragraph of the body.", "Tail"]
    texts = [
        "A paragraph of the body.",
        "A paragraph of the body.",
        "First item of a list, long enough",
        "Tail",
    ]
    assert extract_mod.match_lines(texts, lines) == {0, 2, 3}


def test_authors_from_trafilatura_must_be_people_not_the_site():
    def person(name: str) -> bool:
        return name[:1].isupper()

    names = ["CBS News February 24, 2020", "The Economist", "Leah C Stokes", "No Author"]
    assert extract_mod.plausible_authors(names, ["Economist"], person) == ["Leah C Stokes"]
    assert extract_mod.spelled_as_on_page("Leah C Stokes", "By Leah C. Stokes, 2020") == "Leah C. Stokes"


_ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

TRICKY = (
    "<article><h1>Tom &amp; Jerry&#8217;s &ldquo;bridge&rdquo;</h1>\r\n"
    "<p>Costs rose 5 &lt; 10 percent &mdash; a&nbsp;rise,<!-- a comment --> said <a href='/m'>the <em>mayor</em></a>"
    " of the town &foo; on Tuesday &ndash which &notit is what everybody &ampx expected &ldquo to hear.</p>\r"
    "<p>A line<br>broken in two &#x2014; and a tab\there, with a dollar sign 5 < 6 written raw in the text.</p>\n"
    "<script>var s = '<p>not text</p>';</script><p>Unclosed paragraph before a box of text"
    "<div>Inside the box, a sentence that goes on long enough to be prose on its own.</div>"
    "<p>   Spaces   and\n\n newlines   fold into one as a browser shows them, in this paragraph here.</p>"
    "</article>"
)


def _token_end(raw: str, offset: int) -> int:
    """Where the file's character (or entity) at `offset` ends."""
    m = _ENTITY_RE.match(raw, offset) if raw[offset] == "&" else None
    if m is None:
        return offset + 1
    whole = html_lib.unescape(m.group())
    for end in range(offset + 2, m.end() + 1):  # the shortest reference that reads the whole (`&not` of `&notit`)
        head = raw[offset:end]
        if html_lib.unescape(head) != head and html_lib.unescape(head) + raw[end : m.end()] == whole:
            return end
    return offset + 1


@pytest.mark.parametrize("page", [_page(TRICKY), _page(_paragraphs(PROSE) + _paragraphs(ARABIC))])
def test_every_block_character_slices_the_file_exactly(tmp_path, page):
    capture, blocks, _, _ = _read(tmp_path, page)
    raw = capture.text
    checked = 0
    for block in blocks:
        for line in block.lines:
            mt = line.clean
            assert len(mt.offsets) == len(mt.text)
            i = 0
            while i < len(mt.text):  # runs of characters that are one stretch of the file
                if mt.offsets[i] == SYNTHETIC:
                    assert mt.text[i] in "Figure 0123456789: "  # only the figure labels we add
                    i += 1
                    continue
                j, end = i + 1, _token_end(raw, mt.offsets[i])
                while (
                    j < len(mt.text)
                    and mt.offsets[j] != SYNTHETIC
                    and mt.offsets[j] in (end, mt.offsets[j - 1])
                ):
                    if mt.offsets[j] == end:
                        end = _token_end(raw, end)
                    j += 1
                piece = raw[mt.offsets[i] : end]
                assert "<" not in piece or "&lt;" in piece or " < " in piece
                assert " ".join(html_lib.unescape(piece).split()) == " ".join(mt.text[i:j].split()), piece
                checked += j - i
                i = j
    assert checked > 200


def test_the_tricky_page_reads_all_its_text(tmp_path):
    _, blocks, _, _ = _read(tmp_path, _page(TRICKY))
    texts = [b.text for b in blocks]
    assert "Tom & Jerry’s “bridge”" in texts
    assert any(
        t.startswith(
            "Costs rose 5 < 10 percent — a rise, said the mayor of the town &foo; on Tuesday &ndash which ¬it is what everybody &x expected &ldquo to"
        )
        for t in texts
    )
    assert "Unclosed paragraph before a box of text" in texts
    assert not any("not text" in t for t in texts)


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("&ldquo;", "“"),  # a reference
        ("&amp", "&"),  # a legacy name: a browser reads it without its ';'
        ("&ampx", "&x"),  # the longest legacy name that begins the letters, the rest as written
        ("&notit", "¬it"),
        ("&notin;", "∉"),  # with its ';' the whole name is read
        ("&notit;", "¬it;"),
        ("&ldquo", "&ldquo"),  # not a legacy name: without ';' it is no reference
        ("&foo;", "&foo;"),  # no such name
    ],
)
def test_a_named_reference_reads_as_a_browser_reads_it(tmp_path, written, reads):
    _, blocks, _, _ = _read(
        tmp_path, _page(f"<p>Before {written} after, in a sentence long enough to be a paragraph.</p>")
    )
    assert any(b.text.startswith(f"Before {reads} after") for b in blocks), [b.text for b in blocks]
    assert html_lib.unescape(written) == reads  # the standard's reading, as Python's html module has it


@given(st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,12}", fullmatch=True), st.booleans())
def test_a_reference_is_read_as_the_html5_standard_reads_it(name, semicolon):
    written = "&" + name + (";" if semicolon else "")
    chars, used = read_reference(name, semicolon)
    reading = chars + written[1 + used :] if chars else written
    assert reading == html_lib.unescape(written)


def test_a_table_of_statements_is_read_row_by_row(tmp_path):
    from archive.build import corpus_context
    from archive.ingest import ingest_file
    from tests.conftest import REPO

    rows = (
        "<tr><th>Date</th><th>Group / speaker</th><th>Statement (English translation)</th><th>Source</th></tr>"
        "<tr><td rowspan='2'><time>31 Jan 2024</time></td><td>Abu Ali al-Askari (Kataib Hezbollah)</td>"
        "<td>The suspension is a decision of the leadership, and it is not a retreat.</td><td>X</td></tr>"
        "<tr><td>Harakat Hezbollah al-Nujaba</td><td>Our operations will continue until the occupation leaves.</td>"
        "<td>Al-Nujaba TV</td></tr>"
        "<tr><td>2 Feb 2024</td><td>Iraqi government spokesman</td><td>The strikes violate Iraqi sovereignty.</td>"
        "<td>Government statement</td></tr>"
        "<tr><td>Early Feb 2024</td><td>Asaib Ahl al-Haq (Qais al-Khazali)</td><td>Khazali urged the factions "
        "to give the government “the chance to end the presence of the coalition.”</td><td>Televised speech</td></tr>"
    )
    page = _page("<article><h1>Timeline: What the Groups Said</h1>" + _paragraphs(PROSE) + f"<table>{rows}</table></article>")
    path = tmp_path / "timeline.html"
    path.write_text(page, encoding="utf-8")
    result = ingest_file(path, corpus_context(REPO / "corpus"))
    got = [(r.text, r.speaker, r.speaker_org, str(r.date) if r.date else None, r.channel) for r in result.renderings]
    assert got == [
        ("The suspension is a decision of the leadership, and it is not a retreat.", "Abu Ali al-Askari",
         "Kataib Hezbollah", "2024-01-31", "X"),
        ("Our operations will continue until the occupation leaves.", "Harakat Hezbollah al-Nujaba", None,
         "2024-01-31", "Al-Nujaba TV"),  # the date cell spans two rows
        ("the chance to end the presence of the coalition.", "Qais al-Khazali", "Asaib Ahl al-Haq", None, None),
    ]  # the government's row is another party's; a month gives no day; a cell that quotes gives its quotes


def test_reading_a_page_opens_no_network_connection(tmp_path, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    head = "<link rel='canonical' href='https://www.example.org/news/2020/01/19/bridge'>"
    page = _page(f"<article><h1>Council delays bridge decision</h1>{_paragraphs(PROSE)}</article>", head)
    _, _, hints, _ = _read(tmp_path, page)
    assert hints.body
    extract_mod.find_date("https://www.example.org/2020/01/19/story")  # markup, never a URL to fetch
    extract_mod.extract("http://www.example.org/" + page)
    extract_mod.metadata_authors(page)
    assert attempts == []


def test_an_unclosed_comment_is_no_text_and_is_reported(tmp_path):
    """`<!--` never closed: html.parser would hand it over as text up to the next '>'; a browser
    shows none of it. It is read as no text, the page after it is still read, and ingest says so."""
    from archive.build import corpus_context
    from archive.ingest import ingest_file
    from tests.conftest import REPO

    page = _page(
        _paragraphs(PROSE[:3])
        + "<table><tr><td>نعلن <!-- تعليق عملياتنا</td><td>Telegram</td></tr></table>"
        + _paragraphs(PROSE[3:])
    )
    capture, blocks, hints, _ = _read(tmp_path, page)
    texts = [b.text for b in blocks]
    assert not any("<!--" in t or "</td>" in t for t in texts), texts
    assert "نعلن" in texts and PROSE[4] in texts
    line = page[: page.index("<!--")].count("\n") + 1
    assert [capture.lines.line_of(at) for at in hints.unclosed_comments] == [line]
    warnings = ingest_file(tmp_path / "page.html", corpus_context(REPO / "corpus", embedder=None)).warnings
    assert any(f"line {line}: a '<!' comment or declaration is never closed" in w and "page.html" in w for w in warnings)
