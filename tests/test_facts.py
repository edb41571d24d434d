"""Article facts read from a capture's structure: dates in every style, bylines, titles, mirror
banners, photo captions and the chrome around the body. Each case is a small capture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive.build import corpus_context
from archive.ingest import ingest_file
from archive.ingest.blocks import blocks_of
from archive.ingest.capture import read_capture
from archive.ingest.dates import dateline_date, find_dates, numeric_order, relative_date
from archive.ingest.layout import analyse, find_publisher, is_photo_caption, load_publishers

REPO = Path(__file__).resolve().parent.parent
D = dt.date
PROSE = (
    "Kataib Hezbollah said in a statement on its Telegram channel that the group would keep its "
    "weapons, and that no decision on the pause had been taken by the government in Baghdad."
)
PROSE2 = (
    "The statement did not name the officials it accused, but analysts said the wording followed "
    "earlier texts issued by the group after U.S. strikes on its positions in western Iraq."
)


@pytest.fixture(scope="module")
def ctx():
    return corpus_context(REPO / "corpus")


def ingest_text(tmp_path: Path, ctx, text: str, name: str = "capture.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return ingest_file(path, ctx).article


def layout_of(tmp_path: Path, text: str):
    path = tmp_path / "capture.txt"
    path.write_text(text, encoding="utf-8")
    return analyse(blocks_of(read_capture(path)))


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("13/02/2024", D(2024, 2, 13)),
        ("13.02.2024", D(2024, 2, 13)),
        ("5 March 2024", D(2024, 3, 5)),
        ("05 Mar 2024", D(2024, 3, 5)),
        ("Tuesday 13 February 2024", D(2024, 2, 13)),
        ("Feb 13, 2024", D(2024, 2, 13)),
        ("02/13/2024", D(2024, 2, 13)),
        ("2024-02-13", D(2024, 2, 13)),
        ("2024-02-13T18:40:00Z", D(2024, 2, 13)),
        ("13/02/2024 18:40", D(2024, 2, 13)),
        ("Published 13/02/2024 18:40", D(2024, 2, 13)),
        ("Published November 19,2023", D(2023, 11, 19)),  # no space after the comma (anews.com.tr)
        ("Updated: 13 Feb 2024 10:00 GMT", D(2024, 2, 13)),
        ("December 30, 2019 / 8:06 AM / Updated 2 hours ago", D(2019, 12, 30)),
        ("22 April 2024 - 10:59", D(2024, 4, 22)),
        ("20-02-2024", D(2024, 2, 20)),
        ("October 21, 2024, 6:10 pm ET", D(2024, 10, 21)),
        ("Published August 6, 2024 at 9:52 AM EDT", D(2024, 8, 6)),
        ("March 5, 2024 11:02 PT", D(2024, 3, 5)),
        ("First published 7 February 2024, 22:15 · Last update 8 February 2024, 14:05 (GMT+3)", D(2024, 2, 7)),
        # a date and a time copied from two elements with no space between (a wire agency's page)
        ("January 14, 20254:12 PM GMT+3Updated 3 hours ago", D(2025, 1, 14)),
        ("March 3, 202411:05 AM", D(2024, 3, 3)),
        ("Published: 13 November 2025 · 2h ago", D(2025, 11, 13)),  # a news app's relative stamp beside the date
        ("2025/06/24 15:42", D(2025, 6, 24)),  # year first, with slashes: never ambiguous
    ],
)
def test_a_dateline_in_any_style_gives_its_date(line, expected):
    assert dateline_date(line) == expected


@pytest.mark.parametrize("line", ["07/01/2024", "Published 07/01/2024 18:02", "04.05.2024"])
def test_an_ambiguous_numeric_date_without_evidence_stays_unknown(line):
    assert dateline_date(line) is None
    assert numeric_order(line) is None


@pytest.mark.parametrize(
    "page, line, day_first, expected",
    [
        ("Published 13/02/2024 · see also 07/01/2024", "07/01/2024", True, D(2024, 1, 7)),
        ("Posted 02/13/2024 · see also 07/01/2024", "07/01/2024", False, D(2024, 7, 1)),
        # the same day written out beside it outweighs the site's day-month writing
        ("X published this content on 07 January 2024 … 01/07/2024", "01/07/2024", False, D(2024, 1, 7)),
        ("Written out 5 March 2024 and numeric 07/01/2024", "07/01/2024", True, D(2024, 1, 7)),
        ("Both 13/02/2024 and 02/13/2024 on one page: 07/01/2024", "07/01/2024", None, None),
    ],
)
def test_the_page_own_evidence_fixes_numeric_order(page, line, day_first, expected):
    order = numeric_order(page)
    assert order is day_first
    assert dateline_date(line, order) == expected


def test_find_dates_keeps_reading_prose_dates_as_before():
    found = find_dates("On July 28 and Aug 15, 2024, and July 23-Aug 14, 2024")
    assert [(p.month, p.day, p.year) for p in found] == [(7, 28, None), (8, 15, 2024), (7, 23, None)]
    assert find_dates("13/02/2024 and on 13.02.2024") == []  # numeric dates live in the header reader
    # prose dates day-first, as British, Gulf and Kurdish outlets write them
    found = find_dates("On 5 March 2024, on 1 March, the 3rd of April and 1-3 May")
    assert [(p.month, p.day, p.year, p.end_day) for p in found] == [(3, 5, 2024, None), (3, 1, None, None),
                                                                    (4, 3, None, None), (5, 1, None, 3)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("said on Tuesday", D(2024, 2, 13)),  # the reference is itself a Tuesday
        ("Tuesday", D(2024, 2, 13)),
        ("on Monday night", D(2024, 2, 12)),
        ("last Friday", D(2024, 2, 9)),
        ("Sunday's statement", D(2024, 2, 11)),
        ("yesterday", D(2024, 2, 12)),
        ("today", D(2024, 2, 13)),
        ("on Wednesday", D(2024, 2, 7)),  # the most recent Wednesday on or before the reference
        ("Tuesday 13 February 2024", None),  # a full date, not a relative day
        ("the Sun reported", None),
        ("no day named here", None),
    ],
)
def test_a_relative_day_resolves_against_the_article_date(text, expected):
    assert relative_date(text, D(2024, 2, 13)) == expected


def test_a_relative_day_without_a_reference_is_unknown():
    assert relative_date("on Tuesday", None) is None


# --- bylines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline, authors, date",
    [
        ("By Karim Saadoun", ["Karim Saadoun"], None),
        ("By Karim Saadoun and Layla Hassan", ["Karim Saadoun", "Layla Hassan"], None),
        ("by Daniel Marlow, Yusuf al-Hamdani", ["Daniel Marlow", "Yusuf al-Hamdani"], None),
        ("By Karim Saadoun · Published 13/02/2024 18:40", ["Karim Saadoun"], D(2024, 2, 13)),
        ("By Timour Azhari | Reuters", ["Timour Azhari"], None),
        ("By Timour Azhari, Reuters", ["Timour Azhari"], None),
        ("By Timour Azhari in Baghdad", ["Timour Azhari"], None),
        ("Karim Saadoun | 5 March 2024", ["Karim Saadoun"], D(2024, 3, 5)),
        ("22 April 2024 - 10:59 By Timour Azhari", ["Timour Azhari"], D(2024, 4, 22)),
        ("Written by Nadia Farouk", ["Nadia Farouk"], None),
        ("Interview by Mariam Saadoun", ["Mariam Saadoun"], None),  # the interviewer wrote it up
        ("Published 6 March 2024 | Compiled by the Tigris Monitor desk", [], D(2024, 3, 6)),  # a desk: no person
        ("By Rudaw 13/12/2016", [], D(2016, 12, 13)),  # the outlet and the date, with no separator
        ("From CNN's Mohammed Tawfeeq and Jen Deaton", ["Mohammed Tawfeeq", "Jen Deaton"], None),  # a live post's
        ("By Karim Saadoun 13/12/2016", ["Karim Saadoun"], D(2016, 12, 13)),
        ("By Reuters Staff", [], None),  # a byline, but no person: the citation falls back to the publisher
    ],
)
def test_a_byline_gives_people_and_the_article_date(tmp_path, ctx, byline, authors, date):
    text = f"Factions Split over the Coalition Timetable\n\n{byline}\n\n{PROSE}\n\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert article.authors == authors
    assert article.title == "Factions Split over the Coalition Timetable"
    assert article.date == date


@pytest.mark.parametrize(
    "line", ["By contrast, the group said little.", "By 2025, the factions expect to leave.", "Published 13 Feb 2024"]
)
def test_prose_and_datelines_are_not_bylines(tmp_path, ctx, line):
    article = ingest_text(tmp_path, ctx, f"Factions Split over the Timetable\n\n{line}\n\n{PROSE}\n")
    assert article.authors == []


def test_a_dateline_alone_gives_the_date_and_no_author(tmp_path, ctx):
    text = f"Factions Split over the Timetable\n\nPublished 13 Feb 2024\n\n{PROSE}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert (article.title, article.date, article.authors) == ("Factions Split over the Timetable", D(2024, 2, 13), [])


def test_a_photo_captions_date_is_not_the_article_date(tmp_path, ctx):
    text = (
        "Nujaba Says Talks Are Continuing\n\nBy Karim Saadoun · Published 13/02/2024 18:40\n\n"
        "FILE PHOTO: Fighters march in Baghdad, 26/06/2023. REUTERS/Ahmed Saad\n\n" + PROSE + "\n"
    )
    article = ingest_text(tmp_path, ctx, text)
    assert article.date == D(2024, 2, 13)
    assert "FILE PHOTO" not in (article.title or "")


# --- titles, banners, captions, chrome ------------------------------------------------------------

BANNER = (
    "The Washington Institute for Near East Policy Inc. published this content on 07 January 2024 and is "
    "solely responsible for the information contained therein. Distributed by Public, unedited and "
    "unaltered, on 07 January 2024 at 18:02 UTC."
)


def test_a_mirror_banner_is_neither_title_nor_body_and_names_the_publisher(tmp_path, ctx):
    text = (
        f"MarketNewsDesk\n\nHome | Markets | Press releases\n\n{BANNER}\n\n"
        "01/07/2024 | Press release | Distributed by Public on 01/07/2024 18:02\n\n"
        f"Baghdad Strike Exposes Rifts over Retaliation\n\n{PROSE}\n\n{PROSE2}\n"
    )
    article = ingest_text(tmp_path, ctx, text)
    assert article.title == "Baghdad Strike Exposes Rifts over Retaliation"
    assert article.publisher == "The Washington Institute for Near East Policy"
    assert article.date == D(2024, 1, 7)  # the banner's date (and 01/07 read month-first beside it)
    assert article.body is not None and article.body.line == 11  # the prose under the title


ARCHIVE_TODAY = (
    "archive.today\nwebpage capture\nSaved from\nhttps://www.example-news.com/en/iraq-factions-answer/\nsearch\n"
    "12 Jun 2024 06:14:51 UTC\nAll snapshots from host www.example-news.com\nWebpage Screenshot\n"
    "share download .zip report bug or abuse\n"
)
WAYBACK = (
    "The Wayback Machine - https://web.archive.org/web/20240612061451/https://www.example-news.com/en/iraq-factions-answer/\n"
    "14 captures\n"
)


def test_the_site_s_name_between_reporter_and_date_is_not_the_author(tmp_path, ctx):
    text = (
        "Example News\nHome\nLive\nIraqi factions weigh their answer to the government's offer\nDalia Hamdan\nExample News\n"
        f"Published: 13 November 2025 · 2h ago\n{PROSE}\n{PROSE2}\n"
    )
    article = ingest_text(tmp_path, ctx, text)
    assert article.title == "Iraqi factions weigh their answer to the government's offer"
    assert article.authors == ["Dalia Hamdan"]
    assert article.date == D(2025, 11, 13)


@pytest.mark.parametrize("toolbar", [ARCHIVE_TODAY, WAYBACK], ids=["archive.today", "wayback"])
def test_a_web_archive_toolbar_is_chrome_and_gives_the_saved_page_s_address(tmp_path, ctx, toolbar):
    text = f"{toolbar}Example News\nIraqi Factions Weigh Their Answer\nBaghdad, 11 Jun 2024 17:32\n{PROSE}\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert article.title == "Iraqi Factions Weigh Their Answer"
    assert article.date == D(2024, 6, 11)  # the page's dateline, not the day the archive saved it
    assert article.url == "https://www.example-news.com/en/iraq-factions-answer/"


@pytest.mark.parametrize(
    "caption",
    [
        "FILE PHOTO: Members of Harakat Hezbollah al-Nujaba march during a parade in Baghdad",
        "A member of Iraqi security forces at Ain al-Asad airbase. REUTERS/Thaier Al-Sudani/File Photo",
        "Photo: Fighters at a checkpoint near the Syrian border",
        "Image: Amir Levy/Getty Images",
        "People watch a live broadcast in Tel Aviv, Monday, May 12, 2025. (AP)",
        "Militia members gather for the funeral of a commander in Baghdad. AFP",
    ],
)
def test_a_photo_caption_is_chrome_never_the_title(tmp_path, ctx, caption):
    assert is_photo_caption(caption)
    text = f"{caption}\n\nIraqi Factions Weigh Their Answer\n\nBy Nour Salman\n\n{PROSE}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert article.title == "Iraqi Factions Weigh Their Answer"


@pytest.mark.parametrize("prose_like", [PROSE, "A sentence that ends with a period is no headline."])
def test_a_title_is_headline_shaped(tmp_path, ctx, prose_like):
    text = f"{prose_like}\n\nIraqi Factions Weigh Their Answer\n\nBy Nour Salman\n\n{PROSE2}\n"
    assert ingest_text(tmp_path, ctx, text).title == "Iraqi Factions Weigh Their Answer"


def test_the_headline_is_above_its_standfirst(tmp_path, ctx):
    text = (
        "Rafidain Post\n\nIraq\n\nNujaba says exit talks 'continuing but may be delayed'\n\n"
        "The movement's spokesman said a timetable would not come before the summer\n\n"
        f"By Karim Saadoun · Published 13/02/2024 18:40\n\n{PROSE}\n"
    )
    assert ingest_text(tmp_path, ctx, text).title == "Nujaba says exit talks 'continuing but may be delayed'"


def test_a_long_paragraph_is_never_the_title(tmp_path, ctx):
    long = " ".join(["Word"] * 80) + " ends here"
    article = ingest_text(tmp_path, ctx, f"{long}\n\nShort Headline About Factions\n\n{PROSE}\n")
    assert article.title == "Short Headline About Factions"


@pytest.mark.parametrize(
    "chrome",
    [
        "Advertisement",
        "Read more: Kataib Hezbollah says it is suspending operations",
        "Share this article",
        "Reporting by Omar Fahmy; Writing by Eric Knecht; Editing by Catherine Evans",
        "We use cookies to improve your experience. By clicking Accept all you agree to our use of cookies.",
    ],
)
def test_inline_chrome_is_not_body_prose(tmp_path, chrome):
    layout = layout_of(tmp_path, f"A Headline About Factions\n\nBy Nour Salman\n\n{PROSE}\n\n{chrome}\n\n{PROSE2}\n")
    index = next(i for i, b in enumerate(layout.blocks) if b.text == chrome)
    assert layout.kinds[index] == "aside"
    assert layout.in_body(index + 1)  # the article goes on after it


def test_a_most_read_list_inside_the_article_is_chrome(tmp_path):
    text = (
        f"A Headline About Factions\n\nBy Nour Salman\n\n{PROSE}\n\nMost read\n\n"
        "Dubai Metro Blue Line stations and route\n\nOil edges higher as output cuts extend\n\n"
        f"{PROSE2}\n\nOur Standards: The Thomson Reuters Trust Principles.\n"
    )
    layout = layout_of(tmp_path, text)
    read = [b.text for i, b in enumerate(layout.blocks) if layout.in_body(i) and layout.kinds[i] in ("prose", "short")]
    assert read == [PROSE, PROSE2]


def test_the_copyright_footer_names_a_news_site(tmp_path, ctx):
    text = f"A Headline About Factions\n\nBy Nour Salman\n\n{PROSE}\n\n© 2024 Tigris Monitor. All rights reserved.\n"
    assert ingest_text(tmp_path, ctx, text).publisher == "Tigris Monitor"


def test_no_publisher_url_or_date_where_the_capture_says_none(tmp_path, ctx):
    article = ingest_text(tmp_path, ctx, f"A Headline About Factions\n\n{PROSE}\n\n{PROSE2}\n")
    assert (article.publisher, article.url, article.date, article.authors) == (None, None, None, [])


@pytest.mark.parametrize("url", ["http://[::1", "https://[bad/path", "::::", ""])
def test_find_publisher_never_raises_on_bad_urls(url):
    publishers = load_publishers(REPO / "corpus" / "publishers.toml")
    assert find_publisher(publishers, "no names here", [url]) is None


def test_a_bad_link_in_a_capture_does_not_break_ingest(tmp_path, ctx):
    text = f"A Headline About Factions\n\n[A Headline About Factions](http://[::1)\n\n{PROSE}\n"
    assert ingest_text(tmp_path, ctx, text).title == "A Headline About Factions"


# --- second round: page shapes of real sites (mastheads, menus, unmarked bylines, footers) -------

MENU = "Subscribe\nLog In\nNews\nSports\nOpinion\n"


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("By HAYDER SALMAN and ELLEN BRIGGS", ["Hayder Salman", "Ellen Briggs"]),
        ("By ALI AL-TAMIMI", ["Ali al-Tamimi"]),
        ("By SEAN O'BRIEN", ["Sean O'Brien"]),
        ("By Nour Salman, Karim Haddad, and Lina Aziz", ["Nour Salman", "Karim Haddad", "Lina Aziz"]),
        ("By Caleb Whitford | March 18, 2024 | @CWhitford", ["Caleb Whitford"]),
    ],
)
def test_a_byline_in_capitals_gives_names_as_written(tmp_path, ctx, byline, authors):
    text = f"Iraqi Factions Weigh Their Answer\n\n{byline}\n\nMarch 18, 2024\n\n{PROSE}\n\n{PROSE2}\n"
    assert ingest_text(tmp_path, ctx, text).authors == authors


@pytest.mark.parametrize(
    "above, below, authors",
    [
        ("Annika Ross, Dana Whitcombe, and Omar Haddad", "", ["Annika Ross", "Dana Whitcombe", "Omar Haddad"]),
        ("Nour Salman and Karim Haddad", "", ["Nour Salman", "Karim Haddad"]),
        ("", "Dilan Sabir\n@DilanSabir", ["Dilan Sabir"]),
        ("", "Dilan Sabir\ndilan@example.org", ["Dilan Sabir"]),
        ("Middle East", "", []),  # a section label is not a name
        ("", "Dilan Sabir", []),  # one name alone could be anything: no handle, no author
    ],
)
def test_an_author_line_without_by_next_to_the_dateline(tmp_path, ctx, above, below, authors):
    head = f"{above}\n" if above else ""
    tail = f"{below}\n" if below else ""
    text = f"Iraqi Factions Weigh Their Answer\n\n{head}October 21, 2024, 6:10 pm ET\n{tail}\n{PROSE}\n\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert article.authors == authors
    assert article.date == D(2024, 10, 21)
    assert article.title == "Iraqi Factions Weigh Their Answer"
    assert not set(article.headings) & {above, "October 21, 2024, 6:10 pm ET"}


@pytest.mark.parametrize(
    "page, title",
    [
        # a skip link above the masthead
        ("Skip to main content\nTigris Monitor\nResearch\nExperts\nDonate\n\nFactions Weigh Their Answer\n\n"
         "By Nour Salman\n\nMarch 5, 2024\n", "Factions Weigh Their Answer"),
        # the menu's items and the section label are not the headline; the site's name under it is passed over
        ("Rafidain Post\nKurdistan\nIraq\nMiddle East\nWorld\nIraq\nBadr says the coalition must leave Erbil too\n"
         "Rafidain Post\n20-09-2024\n", "Badr says the coalition must leave Erbil too"),
        # a desk byline and a standfirst between headline and dateline
        ("gulfwire.example\nIran\nIraq\nInsights\nANALYSIS\nAmeri's warning exposes Framework fault lines\n"
         "The Badr chief's post has reopened an argument the coalition had hoped to postpone.\n"
         "Gulfwire Iraq Desk\n12 March 2025\n", "Ameri's warning exposes Framework fault lines"),
        # a daily issue titled by its series and date
        ("Tigris Monitor\nResearch\nIraq Update\nExperts\n\nIraq Update, October 21, 2024\n\nNour Salman and Karim Haddad\n\n"
         "October 21, 2024, 6:10 pm ET\n", "Iraq Update, October 21, 2024"),
    ],
)
def test_the_title_is_neither_site_chrome_nor_a_label(tmp_path, ctx, page, title):
    assert ingest_text(tmp_path, ctx, f"{page}\n{PROSE}\n\n{PROSE2}\n").title == title


def test_a_dated_issue_belongs_to_its_series(tmp_path, ctx):
    text = (
        "Tigris Monitor\nResearch\nIraq Update\nExperts\n\nIraq Update, October 21, 2024\n\nNour Salman and Karim Haddad\n\n"
        f"October 21, 2024, 6:10 pm ET\n\n{PROSE}\n\n{PROSE2}\n"
    )
    assert ingest_text(tmp_path, ctx, text).series == "Iraq Update"
    no_menu = f"Iraq Update, October 21, 2024\n\nBy Nour Salman\n\n{PROSE}\n"
    assert ingest_text(tmp_path, ctx, no_menu).series is None  # the page never names the series itself


@pytest.mark.parametrize(
    "top, footer, publisher",
    [
        ("The Midland Courier\n" + MENU, "© 2024 The Midland Courier\nTerms of Use | Privacy Policy | Contact Us", "The Midland Courier"),
        ("Shafaq Wire\n" + MENU, "Related News\nDrone attack targets base in Anbar\nShafaq Wire Agency © 2024", "Shafaq Wire"),
        ("TIGRIS INSTITUTE FOR THE STUDY OF IRAQ\n" + MENU, "", "Tigris Institute for the Study of Iraq"),
        ("gulfwire.media\n" + MENU, "© 2025 Gulfwire.media", "Gulfwire.media"),
        # no menu under the first line: not a masthead; the copyright line is read line by line
        ("", "Related News\nDrone attack targets base in Anbar\nShafaq Wire Agency © 2024", "Shafaq Wire Agency"),
    ],
)
def test_the_masthead_names_the_publisher(tmp_path, ctx, top, footer, publisher):
    text = f"{top}\nFactions Weigh Their Answer\n\nBy Nour Salman\n\nMarch 5, 2024\n\n{PROSE}\n\n{PROSE2}\n\n{footer}\n"
    assert ingest_text(tmp_path, ctx, text).publisher == publisher


@pytest.mark.parametrize(
    "dateline, publisher",
    [
        ("Shafaq News - Baghdad", "Shafaq News"),
        ("Shafaq News/ Baghdad", "Shafaq News"),
        ("Kurdistan24 | Erbil", "Kurdistan24"),
        ("Baghdad - Basra", None),  # two places: no outlet named
    ],
)
def test_an_outlet_dateline_names_the_publisher_when_nothing_else_does(tmp_path, ctx, dateline, publisher):
    text = f"Factions Weigh Their Answer\n\n{dateline}\n\n2025-03-04 14:22\n\n{PROSE}\n\n{PROSE2}\n"
    assert ingest_text(tmp_path, ctx, text).publisher == publisher


@pytest.mark.parametrize(
    "page, kind",
    [
        ("Tigris Monitor\nIran\nIraq\nInsights\nIraq\nANALYSIS\nFactions Weigh Their Answer\nMarch 5, 2024\n", "Analysis"),
        # the menu's "Policy Analysis" and the breadcrumb lose to the label in the header
        ("Euphrates Institute\nPolicy Analysis\nExperts\nEvents\n\nPolicy Analysis /\n\nFactions Weigh Their Answer\n\n"
         "by Nour Salman\n\nMar 5, 2024\n\nBrief Analysis\n", "Brief Analysis"),
        ("Factions Weigh Their Answer\n\nBy Nour Salman\n\nMarch 5, 2024\n\nRecommended\n\nBrief Analysis\n", None),
    ],
)
def test_the_kind_is_the_header_label_not_a_menu_item(tmp_path, ctx, page, kind):
    assert ingest_text(tmp_path, ctx, f"{page}\n{PROSE}\n\n{PROSE2}\n").kind == kind


@pytest.mark.parametrize(
    "crumb, series",
    [
        ("Policy Analysis /\nMilitia Monitor\n", "Militia Monitor"),
        ("Policy Analysis / Militia Monitor\n", "Militia Monitor"),
        ("Policy Analysis /", None),  # the headline right under the breadcrumb is not a series
    ],
)
def test_a_breadcrumb_under_a_kind_names_the_series(tmp_path, ctx, crumb, series):
    text = f"{crumb}\nFactions Weigh Their Answer\n\nby Nour Salman\n\nMar 5, 2024\n\n{PROSE}\n\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert (article.series, article.title) == (series, "Factions Weigh Their Answer")


@pytest.mark.parametrize(
    "closing",
    [
        "[1] https://t.me/example/5012; https://t.me/example/5014\n[2] https://t.me/example/5015",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "© 2024 The Midland Courier\n\nTerms of Use | Privacy Policy | Contact Us",
        "Terms of Use | Privacy Policy | Contact Us",
        "Copyright © Rudaw 2024",
        "Briggs reported from Washington. Associated Press writer Tom Keller in Washington contributed to this report.",
        "Support Tigris Monitor's independent reporting with a tax-deductible donation.",
    ],
)
def test_footers_endnotes_and_credits_close_the_body(tmp_path, closing):
    layout = layout_of(tmp_path, f"A Headline About Factions\n\nBy Nour Salman\n\n{PROSE}\n\n{PROSE2}\n\n{closing}\n")
    last = layout.blocks[layout.body_end].text
    assert last == PROSE2


def test_a_photo_caption_with_its_credit_at_the_end_is_not_body(tmp_path, ctx):
    caption = "Badr leader Hadi al-Ameri speaks at a conference in Baghdad on September 19, 2024. Photo: Badr media office"
    assert is_photo_caption(caption)
    text = f"A Headline About Factions\n20-09-2024\n{caption}\nA+ A-\n{PROSE}\n{PROSE2}\n"
    layout = layout_of(tmp_path, text)
    assert layout.blocks[layout.body_start].text == PROSE


def test_a_series_blurb_and_a_notice_stand_above_the_body(tmp_path):
    text = (
        "Iraq Update, October 21, 2024\n\nNour Salman and Karim Haddad\n\nOctober 21, 2024, 6:10 pm ET\n\n"
        "The Iraq Update follows militia activity in Iraq. We publish it every weekday. Click here for our map.\n\n"
        "Note: There will be no Iraq Update on Saturday, October 26.\n\nKey Takeaways:\n\n"
        f"Iraq: {PROSE}\n\nIraq\n\n{PROSE}\n\nLebanon\n\n{PROSE2}\n"
    )
    layout = layout_of(tmp_path, text)
    assert layout.header["series"] == "Iraq Update"
    assert layout.blocks[layout.body_start].text == "Key Takeaways:"  # the heading that opens the body


@pytest.mark.parametrize(
    "above",
    [
        "Share\nFacebook\nX\nWhatsApp",  # the last share button is no heading
        "Fighters in Baghdad",  # a short line with no heading after it in the body
    ],
)
def test_a_short_line_above_the_first_paragraph_is_not_always_a_heading(tmp_path, above):
    text = f"A Headline About Factions\n\nBy Nour Salman · Published 13/02/2024 18:40\n\n{above}\n\n{PROSE}\n\n{PROSE2}\n"
    layout = layout_of(tmp_path, text)
    assert layout.blocks[layout.body_start].text == PROSE


def test_a_live_blog_starts_at_its_first_day_heading(tmp_path):
    entry = "14:05 A defense official told reporters the strike had been necessary and proportionate to the threat."
    text = (
        "Live: Kataib Hezbollah mourns commander\n\nBy Zainab Karim\n\n"
        "First published 7 February 2024, 22:15 · Last update 8 February 2024, 14:05 (GMT+3)\n\n"
        f"Thursday, 8 February 2024\n\n{entry}\n\n{PROSE}\n\nWednesday, 7 February 2024\n\n{PROSE2}\n"
    )
    layout = layout_of(tmp_path, text)
    assert layout.header["date"] == D(2024, 2, 7)
    assert layout.blocks[layout.body_start].text == "Thursday, 8 February 2024"


def test_a_tags_list_gives_the_topics(tmp_path, ctx):
    text = (
        f"A Headline About Factions\nBy Nour Salman\n{PROSE}\n{PROSE2}\nTags\nAl-Nujaba\nAkram al-Kaabi\nUS forces\n"
        "Related News\nDrone attack targets Ain al-Asad base\n"
    )
    assert ingest_text(tmp_path, ctx, text).topics == ["Al-Nujaba", "Akram al-Kaabi", "US forces"]


# --- round 3: bylines without "By", reports, summaries, link lists, run-together tags -----------

HEADLINE = "KRG condemns drone attack near Erbil airport as armed factions claim responsibility"
STANDFIRST = "The Kurdistan Region's Ministry of Interior called the attack a terrorist act."


@pytest.mark.parametrize(
    "header, authors",
    [
        (f"{HEADLINE}\n{STANDFIRST}\nShivan Mahmoud\n03 Jan 2024 • 13:20\n", ["Shivan Mahmoud"]),
        (f"{HEADLINE}\n{STANDFIRST}\nHayder Nasrawi\nMarch 6, 2024\n", ["Hayder Nasrawi"]),
        # the reporter's place between name and dateline
        (f"{HEADLINE}\nFactions promise retaliation\nLayla Kareem\nBaghdad\nPublished date: 12 February 2024 14:37 GMT\n",
         ["Layla Kareem"]),
        # a link label or a wire agency above the dateline is no reporter
        (f"{HEADLINE}\nShort Url\nhttps://arab.news/w8r4c\nUpdated 19 March 2024\n", []),
        (f"{HEADLINE}\nReuters\nMarch 19, 2024 15:47\n", []),
        # the reporter, then the site: the site is no second author
        (f"{HEADLINE}\nIsmaeel Naar, Al Arabiya English\nPublished: 12 January 2025 ,  18:40\n", ["Ismaeel Naar"]),
    ],
)
def test_a_name_line_over_the_dateline_is_the_byline_not_the_title(tmp_path, ctx, header, authors):
    article = ingest_text(tmp_path, ctx, f"{header}\n{PROSE}\n\n{PROSE2}\n")
    assert article.title == HEADLINE
    assert article.authors == authors


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Brussels, 27 June 2024", D(2024, 6, 27)),
        ("Baghdad/Brussels, 27 June 2024", D(2024, 6, 27)),
        ("Iran Update, October 21, 2024", None),  # two words: a dated issue's title, not a place
        ("Baqubah, 11 May 2024, aired on Al-Ghadeer TV.", None),
    ],
)
def test_a_place_and_date_line_is_a_dateline(line, expected):
    assert dateline_date(line) == expected


REPORT = (
    "Iraq's Resistance Factions at the Crossroads\n\nMiddle East Report N°247\nBrussels, 27 June 2024\n\n"
    "Crisis Group Middle East Report N°247, 27 June 2024 Page 9\n\nIII. The Factions and the Government\n\n"
    f"A. A Truce with Conditions\n\n{PROSE}\n\nCrisis Group Middle East Report N°247, 27 June 2024 Page 10\n\n"
    f"B. Badr in the Middle\n\n{PROSE2}\n\nBaghdad/Brussels, 27 June 2024\n\nInternational Crisis Group\nHeadquarters\n"
    "Avenue Louise 235, 1050 Brussels, Belgium\n"
)


def test_a_report_excerpt_cover_headers_and_back_matter(tmp_path, ctx):
    article = ingest_text(tmp_path, ctx, REPORT)
    assert (article.date, article.kind, article.publisher) == (
        D(2024, 6, 27), "Middle East Report", "International Crisis Group"
    )
    layout = layout_of(tmp_path, REPORT)
    # the body opens at the chapter heading over the first section heading, and ends at the last paragraph
    assert layout.blocks[layout.body_start].text == "III. The Factions and the Government"
    assert layout.blocks[layout.body_end].text == PROSE2
    # the running page headers inside the body are not prose
    assert [layout.kinds[i] for i, b in enumerate(layout.blocks) if b.text.endswith(("Page 9", "Page 10"))] == ["aside"] * 2
    assert set(article.headings) == {"III. The Factions and the Government", "A. A Truce with Conditions",
                                     "B. Badr in the Middle"}  # fmt: skip


@pytest.mark.parametrize(
    "header, first",
    [
        # a news page's two summary bullets under the byline are not body
        ("Updated 19 March 2024\nReuters\nMarch 19, 2024 15:47\nFollow\n"
         "Abu Ali Al-Askari accuses rival faction of trading resistance for government posts\n"
         "Government says all armed groups must respect the decisions of the state\n", PROSE),
        # a think-tank summary under the authors' bios and the kind label printed again
        ("by Yasmin Qadir, Thomas Brandt\nApr 14, 2020\nAbout the Authors\nYasmin Qadir\n"
         "Yasmin Qadir is a research assistant at The Washington Institute.\nBrief Analysis\n"
         "Kataib Hezbollah and its allies are using the emergency to recast themselves as defenders of health.\n", PROSE),
        # a news agency's dateline on its own line opens the story
        ("25/03/2024 13:42\nBaghdad-INA\n", "Baghdad-INA"),
        ("March 5, 2024\nBAGHDAD (Reuters) -\n", "BAGHDAD (Reuters) -"),
    ],
)
def test_where_the_body_starts(tmp_path, ctx, header, first):
    text = f"Brief Analysis\n{HEADLINE}\n{header}{PROSE}\n{PROSE2}\n"
    layout = layout_of(tmp_path, text)
    assert layout.blocks[layout.body_start].text == first
    assert first not in ingest_text(tmp_path, ctx, text).headings


@pytest.mark.parametrize(
    "closing",
    [
        # related headlines under "Read more" are not section headings
        "Read more\nIraq's Sudani walks a tightrope between Washington and Tehran\nWhy Iraq's dollar crisis refuses to go away",
        # the site's description of itself
        "Middle East Eye is an independent news organisation covering the Middle East and North Africa.\n"
        "Read more\nIraq: Kataib Hezbollah announces suspension of attacks on US troops",
        # a sign-off and the publisher's address after the last paragraph
        "Baghdad/Brussels, 27 June 2024\n\nInternational Crisis Group\nHeadquarters",
    ],
)
def test_what_follows_the_last_paragraph_is_not_body(tmp_path, ctx, closing):
    text = f"Middle East Eye\nNews\nOpinion\nVideo\n{HEADLINE}\nBy Layla Kareem\n12 February 2024\n\n{PROSE}\n\n{PROSE2}\n\n{closing}\n"
    layout = layout_of(tmp_path, text)
    assert layout.blocks[layout.body_end].text == PROSE2
    assert ingest_text(tmp_path, ctx, text).headings == []


def test_a_quoted_phrase_between_paragraphs_is_a_subhead(tmp_path):
    text = f"{HEADLINE}\nBy Layla Kareem\n12 February 2024\n\n{PROSE}\n\n'A blatant assassination'\n{PROSE2}\n\n{PROSE}\n"
    layout = layout_of(tmp_path, text)
    assert [layout.blocks[i].text for i in layout.subheads] == ["'A blatant assassination'"]


@pytest.mark.parametrize(
    "tags, topics",
    [
        # items run together: split into the names the page uses elsewhere
        ("Topics: Iraq Kataib Hezbollah Asaib Ahl al-Haq", ["Iraq", "Kataib Hezbollah", "Asaib Ahl al-Haq"]),
        ("Topics: Iraq, Kataib Hezbollah", ["Iraq", "Kataib Hezbollah"]),
        # a name the page prints whole stays whole
        ("Tags: Popular Mobilization Forces", ["Popular Mobilization Forces"]),
        # no split covers it: kept as printed
        ("Tags: Baghdad talks", ["Baghdad talks"]),
    ],
)
def test_topics_run_together_are_split_as_the_page_names_them(tmp_path, ctx, tags, topics):
    body = (
        "Kataib Hezbollah accused Asaib Ahl Al-Haq of selling out the resistance in Iraq, a claim the "
        "Popular Mobilization Forces did not answer."
    )
    text = f"{HEADLINE}\nBy Layla Kareem\n12 February 2024\n\n{body}\n\n{PROSE2}\n\n{tags}\n"
    assert ingest_text(tmp_path, ctx, text).topics == topics


@pytest.mark.parametrize(
    "footer, regions",
    [
        ("Regions & Countries\nIraq\nStay up to date with our analysis\nGet the latest from The Washington Institute", ["Iraq"]),
        ("Regions & Countries\nIraq\nSyria\nSign up for our newsletter", ["Iraq", "Syria"]),
    ],
)
def test_newsletter_calls_are_not_regions(tmp_path, ctx, footer, regions):
    text = f"{HEADLINE}\nBy Layla Kareem\n12 February 2024\n\n{PROSE}\n\n{PROSE2}\n\n{footer}\n"
    assert ingest_text(tmp_path, ctx, text).regions == regions


@pytest.mark.parametrize(
    "top, publisher, url",
    [
        ("Al-Monitor\nThe Pulse of the Middle East\nIraq\n", "Al-Monitor", None),
        ("Arab News\nMain category\nWorld\nBusiness\n", "Arab News", None),
        ("", None, None),
    ],
)
def test_a_logo_over_its_slogan_names_the_publisher(tmp_path, ctx, top, publisher, url):
    text = f"{top}{HEADLINE}\n{STANDFIRST}\nHayder Nasrawi\nMarch 6, 2024\n\n{PROSE}\n\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert (article.publisher, article.url) == (publisher, url)


def test_a_short_url_label_gives_the_pages_address(tmp_path, ctx):
    text = f"{HEADLINE}\nShort Url\nhttps://arab.news/w8r4c\nUpdated 19 March 2024\n\n{PROSE}\n\n{PROSE2}\n"
    assert ingest_text(tmp_path, ctx, text).url == "https://arab.news/w8r4c"


def test_the_byline_is_never_the_title(tmp_path, ctx):
    # headline and standfirst run together into one paragraph: no headline, but not the byline either
    text = f"{HEADLINE}\n{STANDFIRST}\n\nHayder Nasrawi\nMarch 6, 2024\n\n{PROSE}\n\n{PROSE2}\n"
    article = ingest_text(tmp_path, ctx, text)
    assert article.authors == ["Hayder Nasrawi"]
    assert article.title != "Hayder Nasrawi"


def test_a_news_agency_page_gives_its_headline_and_its_spelled_out_name(tmp_path, ctx):
    """The acronym logo over the agency's name, its menu, a timestamp, the item's number and the
    section label (a menu item again) above the headline: none of those is the title."""
    menu = ["Home", "Iran", "Politics", "Economy", "West Asia", "Sports", "فارسی", "العربية"]
    text = "\n".join(
        ["SNA", "Shiraz News Agency", *menu, "Tue 22 July 2025 - 11:40", "News ID: 231877", "West Asia",
         "Al-Nujaba: American pressure on parliament is interference", PROSE, PROSE2]
    )  # fmt: skip
    article = ingest_text(tmp_path, ctx, text + "\n")
    assert article.title == "Al-Nujaba: American pressure on parliament is interference"
    assert article.publisher == "Shiraz News Agency"
    assert article.date == D(2025, 7, 22)


def test_a_headline_printed_twice_at_the_top_is_the_title(tmp_path, ctx):
    """An aggregator's card and its story each print the headline: the repeated line is the title."""
    headline = "Kataib Hezbollah warns against 'any foreign role' in PMF restructuring"
    text = "\n\n".join(["NewsPulse", "Home\nLatest\nWorld\nSearch\nSign in", headline, headline,
                        "Mesopotamia Now18 hours ago", PROSE, PROSE2])  # fmt: skip
    assert ingest_text(tmp_path, ctx, text + "\n").title == headline


def test_a_numbered_series_line_over_the_headline_is_the_series_not_the_title(tmp_path, ctx):
    text = "\n\n".join(["Baghdad Policy Circle", "Research | Statements in Translation | Events | About",
                        "Statements in Translation No. 14",
                        "The Tansiqiya at Six Years: Weapons, Sovereignty and a Message",
                        "Translated by Hiba al-Rawi", "7 January 2026", PROSE, PROSE2])  # fmt: skip
    article = ingest_text(tmp_path, ctx, text + "\n")
    assert (article.title, article.series) == (
        "The Tansiqiya at Six Years: Weapons, Sovereignty and a Message", "Statements in Translation")


@pytest.mark.parametrize(
    "byline", ["Compiled by Omar Tahir and Jana Weiss", "Translated and annotated by Omar Tahir and Jana Weiss"]
)
def test_a_byline_of_those_who_compiled_or_translated_the_piece_names_its_authors(tmp_path, ctx, byline):
    text = "\n".join(["Iraq Armed Groups Statement Log: April 14–20, 2025", byline, "Published April 21, 2025",
                      PROSE, PROSE2])  # fmt: skip
    assert ingest_text(tmp_path, ctx, text + "\n").authors == ["Omar Tahir", "Jana Weiss"]
