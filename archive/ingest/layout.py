"""Page layout: which blocks are header, body and chrome, and what the header says of the article.

A think-tank page puts the title, byline, dateline, author bios and series links above the body,
and share buttons, series lists, recommended articles and topic lists below it. The body runs from
the first paragraph of prose after the header to the end mark (❖) or, without one, to the first
chrome heading. Evidence is read from the capture's structure, never from line numbers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import email.parser
import email.policy
import email.utils
import html as html_lib
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import regex
from pydantic import BaseModel, ConfigDict, ValidationError

from archive.arabic import arabic_share
from archive.errors import ArchiveError
from archive.ingest.capture import Block
from archive.ingest.dates import dateline_date, find_dates, find_header_dates, numeric_order

CHROME_HEADINGS = {
    "about the authors", "part of a series", "recommended", "topics", "regions & countries",
    "share", "email alerts", "stay up to date", "sign up for email alerts", "sign up", "to top",
    "view/print page as pdf", "also available in", "related", "more by", "related content",
    "attachments", "disclaimer", "related news", "related articles", "related stories", "latest news",
    "latest videos", "more stories", "you may also like", "comments", "tags", "endnotes", "notes",
    "footnotes", "references",
    "our standards: the thomson reuters trust principles.",
}  # fmt: skip
END_MARKS = ("❖",)
KIND_LABELS = {
    "brief analysis", "policy analysis", "articles & testimony", "policywatch", "policy notes",
    "policy focus", "research notes", "op-ed", "commentary", "analysis", "report", "interview",
}  # fmt: skip
_CAPTION_RE = regex.compile(r"^Fig(?:ure|\.)\s*(?P<n>\d{1,4})\s*[:.\-–—]\s*(?P<caption>.*)$", regex.IGNORECASE)
_URL_RE = regex.compile(r"^<?https?://\S+>?$")
_WORD_RE = regex.compile(r"\w+")


@dataclass(slots=True)
class Layout:
    blocks: list[Block]
    kinds: list[str]  # caption, url, arabic, chrome, prose, short
    body_start: int | None
    body_end: int | None  # inclusive
    header: dict[str, object] = field(default_factory=dict)
    allowed: set[int] | None = None  # from an HTML page's structure: blocks of the article proper
    figure_of: dict[int, int] = field(default_factory=dict)  # from an HTML page: <figure> members
    # body blocks the page sets as section headings although a heading test on the text alone
    # would refuse them: a quoted phrase on its own line between paragraphs ("'A blatant assassination'")
    subheads: set[int] = field(default_factory=set)

    def in_body(self, index: int) -> bool:
        if self.allowed is not None and index not in self.allowed:
            return False
        return self.body_start is not None and self.body_start <= index <= (self.body_end or -1)


HEADER_BLOCKS = 400


def caption_match(text: str) -> regex.Match[str] | None:
    return _CAPTION_RE.match(text)


SHAPE_WINDOW = 4000  # characters a block's shape is read from: a banner or a caption is told by its start


# languages as a site's menu names them, in their own script
_LANGUAGE_NAMES = {
    "العربية", "عربي", "عربى", "فارسی", "فارسي", "کوردی", "كوردي", "سۆرانی", "اردو", "English",
    "Français", "Türkçe", "Kurdî", "·", "-", "/", "|",
}  # fmt: skip


def block_kind(block: Block) -> str:
    """What a block is by its shape alone (caption, url, arabic, chrome, prose, short): worked out
    once per block, as the HTML reader and the layout both ask."""
    if block.shape is None:
        block.shape = _block_kind(block)
    return block.shape


def _block_kind(block: Block) -> str:
    text = block.text
    if caption_match(text):
        return "caption"
    if _URL_RE.match(text) or _is_link_only(block):
        return "url"
    if arabic_share(text if len(text) <= 4 * SHAPE_WINDOW else text[: 2 * SHAPE_WINDOW] + text[-2 * SHAPE_WINDOW :]) >= 0.5:
        if len(text) < 80 and all(w in _LANGUAGE_NAMES for w in text.replace("|", " ").split()):
            return "chrome"  # "فارسی / العربية": the site's language menu, no one's words
        return "arabic"
    if text.strip().casefold().rstrip(":") in CHROME_HEADINGS:
        return "chrome"
    words = _WORD_RE.findall(text[:SHAPE_WINDOW])
    if len(words) >= 8 and any(c.islower() for c in text) and not _is_timestamp(text):
        return "prose"
    return "short"


def _is_link_only(block: Block) -> bool:
    """A line that is a link with no text of its own, such as `[\\(/policy-analysis/x\\)](#)`."""
    line = block.lines[0].clean
    return len(block.lines) == 1 and not line.text.strip() and any(url for _, _, url in line.links)


def link_urls(block: Block) -> list[str]:
    return [url for line in block.lines for _, _, url in line.clean.links if url]


def analyse(blocks: list[Block], hints=None) -> Layout:
    """The page's parts. `hints` (from an HTML page's structure) win over what the text suggests,
    except where the page itself shows them to be the mirror's, not the article's (a banner)."""
    try:
        return _analyse(blocks, hints)
    except Exception:  # noqa: BLE001 - a page this reader does not understand still gets a layout
        kinds = [block_kind(b) for b in blocks]
        return Layout(blocks, kinds, None, None, {}, hints.body if hints is not None else None)


def _analyse(blocks: list[Block], hints=None) -> Layout:
    kinds = [block_kind(b) for b in blocks]
    mail, mail_blocks = _mail_headers(blocks) if hints is None else ({}, 0)
    for i in range(mail_blocks):
        kinds[i] = "chrome"  # a newsletter saved from a mail program: its headers say the facts
    for i in getattr(hints, "photos", ()):
        kinds[i] = "aside"  # a news photo's caption (from the page's <figure>): not the article's prose
    allowed = hints.body if hints is not None else None
    texts = [b.text for b in blocks]
    header: dict[str, object] = {}
    order = numeric_order("\n".join(texts))
    toolbar, archived_url = web_archive_toolbar(texts)
    for i in range(toolbar):
        kinds[i] = "aside"  # the web archive's own lines: its capture time is not the article's date
    _mark_chrome(blocks, kinds, texts)

    def first(pred, start: int = 0, stop: int | None = None) -> int | None:
        for i in range(start, len(blocks) if stop is None else min(stop, len(blocks))):
            if pred(i):
                return i
        return None

    # the header is what stands above the third paragraph of prose (bios and a standfirst included)
    prose_seen = [i for i, k in enumerate(kinds) if k == "prose"]
    # (at most HEADER_BLOCKS blocks: a damaged page of ten thousand table cells and no prose has no
    # header ten thousand blocks long)
    header_stop = min(prose_seen[2] if len(prose_seen) > 2 else len(blocks), HEADER_BLOCKS)
    bylines = {}

    def is_byline(i: int) -> bool:
        if kinds[i] not in ("short", "prose"):
            return False
        found = read_byline(blocks[i], order)
        if found is not None:
            bylines[i] = found
        return found is not None

    # the site's name and menu at the top of the page ("The Midland Courier" / Subscribe / News / …)
    masthead = _masthead(blocks, kinds, texts)
    nav: set[int] = set(masthead[1]) if masthead is not None else set()
    i_by = first(is_byline, stop=max(20, header_stop))
    i_date = first(
        lambda i: kinds[i] in ("short", "prose") and dateline_date(texts[i], order) is not None,
        stop=max(30, header_stop),
    )
    if i_by is None and i_date is not None:
        # no "By": a line that only lists people's names next to the dateline, or one name with
        # the reporter's @handle under it
        i_by = _unmarked_byline(blocks, kinds, texts, i_date, bylines)
    i_series = first(lambda i: texts[i].lower().startswith("part of a series"))
    i_part1 = first(lambda i: texts[i].lower().startswith("or see part"))
    i_about = first(lambda i: texts[i].casefold().rstrip(":") in ("about the authors", "about the author"), stop=30)
    banner = _banner(texts, order)

    # Title: the headline right above the byline (or the dateline), else the first headline of the page.
    anchor = i_by if i_by is not None else i_date
    site = _site_name(texts[masthead[0]], "\n".join(texts)) if masthead is not None else None
    if masthead is not None and masthead[0] + 1 < len(texts) and spells_out(texts[masthead[0]], texts[masthead[0] + 1]):
        site = " ".join(texts[masthead[0] + 1].split())  # "SNA" over "Shiraz News Agency": the logo and its name
    names = {n.casefold() for n in (banner.org, copyright_owner("\n".join(texts[-12:])), site) if n}
    if masthead is not None:
        names.add(" ".join(texts[masthead[0]].split()).casefold())
    meta_title = str(hints.meta.get("title") or "").casefold() if hints is not None else ""

    menu_items = {" ".join(texts[j].split()).casefold() for j in nav}  # "West Asia" again over the headline: its section

    def headline(i: int, strict: bool = True) -> bool:
        return (
            texts[i].strip().casefold() not in names
            and i not in nav
            and " ".join(texts[i].split()).casefold() not in menu_items
            and i != i_by  # the byline is never the headline
            and _ITEM_ID_RE.match(texts[i].strip()) is None
            and (masthead is None or i != masthead[0])
            and (allowed is None or i in allowed or not allowed)
            and _headline_shaped(texts[i], kinds[i], order, strict=strict)
        )

    i_title = first(lambda i: bool(meta_title) and " ".join(texts[i].split()).casefold() == meta_title)
    if i_title is None:  # an aggregator prints the headline twice, the card's and the story's
        i_title = first(
            lambda i: i + 1 < len(texts) and texts[i].strip() == texts[i + 1].strip() and i not in nav
            and (i + 2 >= len(texts) or texts[i + 2].strip() != texts[i].strip())  # twice, not a run
            and not _FINAL_STOP_RE.search(texts[i].strip())
            and _headline_shaped(texts[i], block_kind(blocks[i]), order, strict=True),
            stop=min(30, header_stop or 30),
        )
    if i_title is None and anchor is not None:
        i_title = _title_above(blocks, kinds, texts, anchor, order, names)
    if i_title is None:  # below a mirror's banner, else the first headline of the page
        banners = [i for i in range(min(header_stop, len(blocks))) if kinds[i] == "aside" and is_banner(texts[i])]
        start = banners[0] + 1 if banners else toolbar
        i_title = first(headline, start=start, stop=max(30, header_stop))
        if i_title is None and start:
            i_title = first(headline, stop=max(30, header_stop))
    if i_title is None:
        i_title = first(lambda i: headline(i, strict=False), stop=max(30, header_stop))
    numbered = _NUMBERED_SERIES_RE.match(texts[i_title].strip()) if i_title is not None else None
    if numbered is not None and i_title + 1 < len(texts) and _headline_shaped(
        texts[i_title + 1], block_kind(blocks[i_title + 1]), order, strict=True
    ):  # "Statements in Translation No. 14" over the headline: the series and its number
        header["series"] = numbered.group("series")
        i_title += 1
    header["title"] = texts[i_title] if i_title is not None else None
    authors: list[str] = []
    by_date = None
    if i_by is not None:
        authors, by_date = bylines[i_by]
    elif i_about is not None:
        authors = _bio_names(texts, kinds, i_about)
    if authors:
        header["authors"] = authors
    if by_date is not None:
        header["date"] = by_date
    elif i_date is not None:
        header["date"] = dateline_date(texts[i_date], order)
    elif banner.date is not None:
        header["date"] = banner.date
    if i_series is not None:
        header["series"] = _strip_path(texts[i_series].split(":", 1)[-1].strip()) or None
        kind_line = texts[i_series - 1] if i_series > 0 else ""
        if kinds[i_series - 1] == "short" and len(kind_line.split()) <= 4 and kind_line[:1].isupper():
            header["kind"] = kind_line
    if "kind" not in header:
        # a numbered report's label on its cover ("Middle East Report N°247"): the kind is the label
        i_report = first(lambda i: i != i_title and bool(_REPORT_LABEL_RE.match(" ".join(texts[i].split()))),
                         stop=min(header_stop, 15))  # fmt: skip
        if i_report is not None:
            header["kind"] = _REPORT_LABEL_RE.match(" ".join(texts[i_report].split()))["kind"]
    if "kind" not in header:
        # a known label printed in the header ("Brief Analysis", a kicker "ANALYSIS"), not the
        # site's menu item of that name nor a label listed under "Recommended" at the foot
        top = max((i for i in (i_title, i_by, i_date) if i is not None), default=None)
        folded_authors = [a.casefold() for a in authors]
        stop = 10 if top is None else first(
            lambda i: kinds[i] == "prose" and not any(texts[i].casefold().startswith(a) for a in folded_authors),
            start=top + 1,
        )  # the header ends at the first paragraph that is not an author's bio
        i_kind = _kind_label(kinds, texts, i_title, nav, stop if stop is not None else len(blocks))
        if i_kind is not None:
            header["kind"] = _label_case(texts[i_kind].strip())
    if "series" not in header:
        series = _breadcrumb_series(blocks, kinds, texts, i_title, header_stop)
        if series is None and i_title is not None:
            series = _issue_series(texts, i_title, order)
        if series is not None:
            header["series"] = series

    markers = [i for i in (i_by, i_date, i_series, i_part1) if i is not None]
    after = max(markers) + 1 if markers else 0
    if i_title is not None and i_title + 1 > after and i_title < header_stop:
        after = i_title + 1
    if ("kind" in header or "series" in header) and markers and max(markers) in (i_by, i_date) and max(
        markers
    ) not in (i_series, i_part1):
        # a think-tank page's summary: one sentence right under the byline or dateline, above the
        # prose (on a news page the first paragraph is often one sentence too, so only there)
        # (the authors' bios under "About the Authors" and the kind label again may stand between)
        nxt = first(lambda i: kinds[i] not in ("aside", "url") and not _header_bio(texts[i], authors), start=after)
        if nxt is not None and _standfirst(blocks[nxt], texts[nxt]) and nxt + 1 < len(blocks):
            later = first(lambda i: kinds[i] == "prose", start=nxt + 1)
            if later is not None:
                after = nxt + 1
    # above the body: a series' boilerplate ("The Iran Update follows …") and an editor's notice
    for _ in range(3):
        nxt = first(lambda i: kinds[i] not in ("aside", "url"), start=after)
        if nxt is None or not (
            _series_blurb(texts[nxt], header.get("series")) or _NOTICE_RE.match(texts[nxt].strip())
        ):
            break
        if first(lambda i: kinds[i] == "prose", start=nxt + 1) is None:
            break
        after = nxt + 1
    folded = [a.casefold() for a in authors]

    def is_bio(i: int) -> bool:
        lead = texts[i].casefold().removeprefix("dr. ")
        return i_about is not None and i > i_about and any(lead.startswith(a) for a in folded)

    def allowed_prose(i: int) -> bool:
        return kinds[i] == "prose" and not is_bio(i) and (allowed is None or i in allowed)

    def _more_headings(h: int) -> bool:
        """Whether the body goes on to print other section headings like the one at `h`."""
        for j in range(h + 2, len(blocks)):
            if kinds[j] == "chrome":
                return False
            if kinds[j] == "short" and j + 1 < len(blocks) and kinds[j + 1] == "prose" and _opening_heading(texts[j], order):
                return True
        return False

    body_start = (
        first(allowed_prose, start=after) if allowed is None or after <= min(allowed, default=0) else None
    )
    if body_start is None:
        body_start = first(allowed_prose, start=after) or first(allowed_prose)
    # a news page's summary bullets under the byline: lines shaped as headlines (no sentence ends)
    # standing above the first paragraph
    for _ in range(3):
        if body_start is None or not markers or not _summary_bullet(blocks, kinds, texts, body_start, order):
            break
        sentence = first(lambda i: allowed_prose(i) and bool(_FINAL_STOP_RE.search(texts[i].strip())), start=body_start + 1)
        if sentence is None:
            break
        body_start = first(allowed_prose, start=body_start + 1)
        after = max(after, body_start)
    if (
        body_start is not None and body_start > 0 and after <= body_start - 1 and kinds[body_start - 1] == "short"
        and _place_dateline(texts[body_start - 1], names)
    ):  # fmt: skip
        # a news agency's dateline on its own line ("Baghdad-INA") opens the story; it is no heading
        body_start -= 1
        kinds[body_start] = "aside"
    elif body_start is not None and after <= body_start - 1 and body_start - 1 not in nav:
        # a section heading right above the first paragraph ("Key Takeaways:") opens the body
        h = body_start - 1
        listed = h > 0 and kinds[h - 1] in ("short", "chrome", "aside") and (
            blocks[h - 1].lines[-1].number + 1 == blocks[h].lines[0].number
        )  # the last item of a list (share buttons one per line) is no heading
        if (
            kinds[h] == "short"
            and not listed
            and h != i_title
            and (allowed is None or h in allowed)
            and texts[h].strip().casefold() not in names
            and (
                (_opening_heading(texts[h], order) and (texts[h].rstrip().endswith(":") or _more_headings(h)))
                or _day_heading(blocks, kinds, texts, h, order)
            )
        ):
            body_start = h
            # a higher heading right above it ("III. The Factions…" over "A. A Truce…") opens it too
            while (
                h - 1 >= after and kinds[h - 1] == "short" and h - 1 != i_title and h - 1 not in nav
                and _numbered_heading(texts[h - 1]) and _numbered_heading(texts[h])
            ):  # fmt: skip
                h -= 1
                body_start = h
    body_end = None
    if body_start is not None:
        body_end = first(lambda i: any(m in texts[i] for m in END_MARKS), start=body_start)
        if body_end is None and allowed:
            chrome = first(lambda i: kinds[i] == "chrome", start=body_start + 1)
            inside = [i for i in allowed if i >= body_start and (chrome is None or i < chrome)]
            body_end = max(inside) if inside else max(allowed)
        elif body_end is None:
            chrome = first(lambda i: kinds[i] == "chrome", start=body_start + 1)
            while chrome is not None and _box_inside_body(blocks, kinds, texts, chrome):
                chrome = first(lambda i: kinds[i] == "chrome", start=chrome + 1)
            body_end = (chrome - 1) if chrome is not None else len(blocks) - 1
        # what closes an article without being its prose: credits, share bars, the authors' bios
        marked = any(m in texts[body_end] for m in END_MARKS)
        while body_end > body_start and (
            kinds[body_end] == "aside"
            or (allowed is not None and body_end not in allowed)
            or _is_bio_line(texts[body_end], authors)
            or _site_blurb(texts[body_end], names)
            # short lines after the last paragraph head nothing: a sign-off ("Baghdad/Brussels,
            # 27 June 2024"), the publisher's name and address
            or (kinds[body_end] == "short" and not marked and allowed is None)
        ):
            body_end -= 1
    header["topics"] = _listed_after(blocks, kinds, "topics")
    header["regions"] = _listed_after(blocks, kinds, "regions & countries") or _listed_after(blocks, kinds, "regions")
    header["also_available_in"] = _listed_after(blocks, kinds, "also available in")
    layout = Layout(blocks, kinds, body_start, body_end, header, allowed)
    if body_start is not None and body_end is not None:
        layout.subheads = {
            i for i in range(body_start + 1, body_end)
            if kinds[i] == "short" and kinds[i - 1] == "prose" and kinds[i + 1] == "prose" and _quoted_subhead(texts[i])
        }  # fmt: skip
    header["url"] = (
        _own_url(layout, header.get("title")) or _shared_url(texts) or _labelled_url(blocks, kinds)  # type: ignore[arg-type]
        or archived_url
    )
    if not header["topics"]:
        header["topics"] = _tag_line(blocks) or _listed_after(blocks, kinds, "tags") or _tag_links(blocks)
    if site is None and banner.org is None:
        # a logo line over the site's slogan ("Al-Monitor" / "The Pulse of the Middle East"), else
        # the organization over its address at the back ("International Crisis Group" / "Headquarters")
        site = _logo_name(blocks, kinds, texts, i_title, order) or _imprint_org(texts, kinds)
    if site is not None and banner.org is None:
        header["publisher"] = site  # the masthead: the site that published the page
    if hints is not None:
        layout.figure_of = hints.figure_of
        _merge_meta(header, dict(hints.meta))
    elif mail:
        _merge_meta(header, mail)
    if banner.org is not None:
        # a mirror: the page's own name (og:site_name, its footer) is the mirror's, not the publisher's;
        # the publisher is the one the banner names (resolved against the known ones by find_publisher)
        header["publisher"] = None
        original = _original_link(blocks)
        if original is not None:
            header["url"] = original
    return layout


_REPORT_LABEL_RE = regex.compile(
    r"^(?P<kind>(?:\p{Lu}[\p{L}&'’-]*\s+){0,4}(?:Report|Briefing|Brief|Paper|Memo|Backgrounder))\s*"
    r"(?:N[°º]|No\.?|Nr\.?|Number|#)\s*\d{1,5}$"
)


def _header_bio(text: str, authors: list[str]) -> bool:
    """The authors' bios between the byline and the summary: "About the Authors", an author's
    name on its own, "X is a fellow at …", and the kind label printed again."""
    t = " ".join(text.split())
    folded = t.casefold().rstrip(":")
    if folded in ("about the authors", "about the author") or folded in KIND_LABELS:
        return True
    return any(folded == a.casefold() or _is_bio_line(t, [a]) for a in authors)


def _summary_bullet(blocks: list[Block], kinds: list[str], texts: list[str], i: int, order) -> bool:
    """A summary bullet under a news page's byline ("Government says all armed groups must respect
    the decisions of the state"): one line, prose-length, shaped as a headline (it ends no sentence),
    with a capitalized line after it (not a sentence the capture broke in two)."""
    t = texts[i].strip()
    if kinds[i] != "prose" or len(blocks[i].lines) != 1 or _FINAL_STOP_RE.search(t) or t.endswith((":", ",", ";")):
        return False
    if not _headline_shaped(t, kinds[i], order) or not t[:1].isupper():
        return False
    nxt = next((j for j in range(i + 1, len(blocks)) if kinds[j] not in ("aside", "url")), None)
    return nxt is not None and texts[nxt].strip()[:1].isupper() or (nxt is not None and texts[nxt].strip()[:1] in "“\"'‘")


_PLACE_DATELINE_RE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{L}'’.]+(?:[\s/]\p{Lu}[\p{L}'’.]+){0,2})\s*(?:[-–—]\s*(?P<agency>[\w.'’ ]{2,30}?)|"
    r"\(\s*(?P<paren>[\w.'’ ]{2,30}?)\s*\))\s*[-–—:]?$"
)


def _place_dateline(text: str, names: set[str] | frozenset = frozenset()) -> bool:
    """A news agency's dateline on its own line: the place and the agency ("Baghdad-INA",
    "BAGHDAD (Reuters) -"). The agency is a known one, the site's name, or an acronym."""
    m = _PLACE_DATELINE_RE.match(" ".join(text.split()))
    if not m:
        return False
    agency = (m["agency"] or m["paren"] or "").strip()
    return is_agency(agency) or agency.casefold() in names or bool(regex.fullmatch(r"\p{Lu}{2,6}", agency))


_OUTLINE_RE = regex.compile(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+\p{Lu}")


def _numbered_heading(text: str) -> bool:
    """A heading numbered as an outline ("III. The Factions and the Government", "A. A Truce…", "2.1 Scope")."""
    t = " ".join(text.split())
    return bool(_OUTLINE_RE.match(t)) and len(_WORD_RE.findall(t)) <= 12 and not _FINAL_STOP_RE.search(t)


_QUOTED_RE = regex.compile(r"^(?:'[^']+'|‘[^‘’]+’|\"[^\"]+\"|“[^“”]+”)$")


def _quoted_subhead(text: str) -> bool:
    """A section heading that quotes a phrase from the section ("'A blatant assassination'"): one
    short line that is a quotation and nothing else, capitalized, ending no sentence."""
    t = " ".join(text.split())
    label = _SUBHEAD_LABEL_RE.match(t)  # 'Kataib Hezbollah: "Not Part of Any Negotiation"'
    if label is not None:
        t = t[label.end() :]
    inner = t[1:-1].strip()
    return (
        bool(_QUOTED_RE.match(t)) and 1 <= len(_WORD_RE.findall(inner)) <= 8 and inner[:1].isupper()
        and not regex.search(r"[.,;:]$", inner)
    )  # fmt: skip


# the section's subject before the quoted phrase: a name of one to five capitalized words and a colon
_SUBHEAD_LABEL_RE = regex.compile(r"^(?:[A-Z][\w’'\-]*|al-[\w’'\-]+|of|the)(?:\s+(?:[A-Z][\w’'\-]*|al-[\w’'\-]+|of|the)){0,4}:\s+(?=\S)")


def _site_blurb(text: str, names: set[str] | frozenset) -> bool:
    """The site's description of itself after an article ("Middle East Eye is an independent news
    organisation covering …"): a short paragraph that opens with the site's name and "is"."""
    t = " ".join(text.split())
    if len(t) > 400:
        return False
    folded = t.casefold()
    return any(
        folded.startswith(n + " ") and regex.match(r"^\s+(?:is|are)\s+(?:an?|the)\b", t[len(n) :], regex.I)
        for n in names if n
    )


def _standfirst(block: Block, text: str) -> bool:
    """A summary line under the byline: one sentence of at most 35 words (or a line all in bold)."""
    words = _WORD_RE.findall(text)
    line = block.lines[0].clean
    bold = len(block.lines) == 1 and any(b - a >= 0.9 * len(line.text.strip()) for a, b in line.emphasis)
    one_sentence = not regex.search(r"[.!?][\"”’')\]]*\s+[A-Z“\"]", text.strip())
    return bold or (one_sentence and 8 <= len(words) <= 35)


_MAIL_HEADER_RE = regex.compile(r"^(?P<name>[A-Za-z][A-Za-z-]{1,30}):\s*(?P<value>.*)$")
_MAIL_NAMES = {"from", "to", "date", "subject", "cc", "reply-to", "sender", "message-id", "mime-version", "content-type"}


def _mail_headers(blocks: list[Block]) -> tuple[dict[str, object], int]:
    """A newsletter saved as a mail (RFC 5322 headers "From:", "Date:", "Subject:" on the first
    lines): the Subject is the issue's title, the Date its date, the sender's display name its
    publisher; and how many blocks the headers take. Read with the standard library's mail
    parser, not by hand."""
    lines: list[str] = []
    count = 0
    for block in blocks[:12]:
        texts = [line.text for line in block.lines if line.text.strip()]
        found = [_MAIL_HEADER_RE.match(t) for t in texts]
        if not texts or not all(m is not None and m["name"].lower() in _MAIL_NAMES for m in found):
            break
        lines.extend(texts)
        count += 1
    if not lines:
        return {}, 0
    parsed = email.parser.HeaderParser(policy=email.policy.default).parsestr("\n".join(lines) + "\n\n")
    if not parsed.get("subject") or not (parsed.get("from") or parsed.get("date")):
        return {}, 0
    out: dict[str, object] = {"title": " ".join(str(parsed["subject"]).split())}
    try:
        when = email.utils.parsedate_to_datetime(str(parsed["date"])) if parsed.get("date") else None
    except (TypeError, ValueError, IndexError):
        when = None
    if when is not None:
        out["date"] = when.date()
    try:
        sender = parsed["from"].addresses[0].display_name if parsed.get("from") else ""
    except (AttributeError, IndexError, TypeError):
        sender = ""
    if sender:
        out["publisher"] = sender
    return out, count


def _merge_meta(header: dict[str, object], meta: dict[str, object]) -> None:
    """An HTML page's metadata wins over the text, except authors that are an organization (a
    mirror's `author` meta) when the visible byline names people."""
    meta_authors = meta.pop("authors", None)
    header.update(meta)
    people = [a for a in (meta_authors or []) if _person_name(a)]  # type: ignore[union-attr]
    if people:
        header["authors"] = people
    elif meta_authors and not header.get("authors"):
        header["authors"] = meta_authors


# --- chrome: what the page shows around the article ---------------------------------------------

_BANNER_RE = regex.compile(
    r"\bpublished this content on\b|\bis solely responsible for the information contained\b|"
    r"\bDistributed (?:by|via) Public\b|\bunedited and unaltered\b|^\S+\s*\|\s*Press release\s*\|",
    regex.IGNORECASE,
)
_BANNER_ORG_RE = regex.compile(
    r"(?:^|(?<=[.:]\s))(?P<org>[^.:|]{3,120}?(?:\b(?:Inc|Ltd|Co|Corp|LLC|plc)\.?)?)\s+published this content on\s+"
    r"(?P<when>[^,]{4,40}?(?:,\s*\d{4})?),?\s+and is solely responsible",
    regex.IGNORECASE,
)
_CORPORATE_RE = regex.compile(r",?\s+(?:Inc|Ltd|Limited|Co|Corp|Corporation|LLC|plc|GmbH|S\.A)\.?$", regex.IGNORECASE)
_CREDIT = r"(?:REUTERS|Reuters|AFP|AP|EPA(?:-EFE)?|Getty Images|Anadolu(?: Agency)?|Xinhua|SANA|IRNA|WANA|AA|File Photo|FILE PHOTO)"
_PHOTO_RES = [
    regex.compile(r"^(?:FILE\s+PHOTO|PHOTO|Photo(?:graph)?|Image|Picture|Pictured|Credit|Photo credit|Caption)\s*[:：]"),
    regex.compile(r"^FILE\s+PHOTO\b"),
    regex.compile(rf"\b{_CREDIT}(?:\s*/\s*[^/\n]{{1,60}})+\s*\)?\.?$"),
    regex.compile(rf"\(\s*(?:{_CREDIT}|Photo|Image)(?:\s+(?:Photo|photo|file|File))?(?:\s*[:/][^)]{{0,60}})?\s*\)\.?$"),
    regex.compile(rf"[.!?]\s+{_CREDIT}\.?$"),
    regex.compile(r"(?:via|/)\s*Getty Images\.?$"),
    # a caption that ends in its credit: "… in Baghdad on September 19, 2024. Photo: Badr media office"
    regex.compile(r"[.!?]\s+(?:Photo(?:graph)?|Image|Picture|Photo credit|Credit)\s*[:：]\s*[^.!?:]{2,80}\.?$"),
]
_INLINE_CHROME_RE = regex.compile(
    r"^(?:Advertisement|ADVERTISEMENT|Sponsored|Scroll to continue|Continue reading|"
    r"(?:Read more|READ MORE|Read More|Also read|ALSO READ|Read also|See also|Related|RELATED)\s*[:：].*|"
    r"Share this (?:article|page|story)\b.*|Share on \w+|Copy link|"
    r"(?:Sign up|Subscribe)\b.{0,120}|Would you like to comment.*|Please read our Comment Policy.*|"
    r"(?:Stay up to date|Stay informed|Keep up to date|Get the latest|Join our (?:mailing list|newsletter)|"
    r"Follow us)\b.{0,100}|"
    # a wire's credit line; "Compiled by" / "Edited by" only in its parentheses (under a headline,
    # unbracketed, they are the piece's byline: "Compiled by Omar Tahir and Jana Weiss")
    r"\(?(?:Reporting|Writing|Editing|Additional reporting) by\b.*|\((?:Compiled|Edited) by\b.*|With (?:Reuters|AFP|AP|agencies|wires)\.?|"
    r"\d+\s+min(?:ute)?s?\s+read|A\+\s*A-|A-\s*A\+|Listen to (?:this )?article.*|Original document|Permalink|Attachments|"
    r"(?i:Skip to (?:main )?(?:content|navigation|article)|Jump to (?:main )?content|Skip navigation|Skip links)|"
    r"(?:Support|Please support|Help (?:us )?support|Donate to)\b.{0,160}\b(?:donat\w*|journalism|reporting)\b.{0,40}|"
    r"@\w{2,30}|"
    r"Print|Email|End of live (?:updates|coverage)\b.*|(?:Facebook|X|Twitter|WhatsApp|Telegram|LinkedIn|Email|Print)"
    r"(?:\s*[|·,]?\s*(?:Facebook|X|Twitter|WhatsApp|Telegram|LinkedIn|Email|Print|Copy link))+)$"
)
_COOKIE_RE = regex.compile(r"\b(?:we use cookies|use of cookies|cookie (?:settings|policy|preferences)|accept all)\b", regex.I)
_LIST_HEADINGS = {"most read", "most popular", "read more", "also read", "trending", "popular", "latest",
                  "more from", "recommended for you", "editor's picks", "top stories"}  # fmt: skip
_END_HEADING_RE = regex.compile(r"^(?:More (?:from|on|in) .{2,60}|Tags\s*:.*|Topics\s*:.*|Our Standards\s*:.*)$")


# The toolbar a web archive prints above the page it saved, as its lines copy: archive.today's
# ("archive.today" / "webpage capture" / "Saved from" / URL / "search" / "12 Jun 2024 06:14:51 UTC" /
# "All snapshots from host …" / "Webpage" "Screenshot" / "share download .zip report bug or abuse")
# and the Wayback Machine's ("The Wayback Machine - https://web.archive.org/web/2024…/URL", "N captures").
_ARCHIVE_NAME_RE = regex.compile(
    r"^(?:archive\.(?:today|ph|is|li|vn|md|fo)(?:\s+webpage\s+capture)?|webpage\s+capture|"
    r"The\s+Wayback\s+Machine\b.*|Wayback\s+Machine)$",
    regex.I,
)
_ARCHIVE_LINE_RE = regex.compile(
    r"^(?:saved\s+from\b.*|search|webpage|screenshot|webpage\s+screenshot|share|download\s+\.zip|"
    r"report\s+bug\s+or\s+abuse|buy\s+me\s+a\s+coffee|(?:share\s+)?download\s+\.zip\s+report\s+bug\s+or\s+abuse|"
    r"all\s+snapshots\s+from\s+host\s+\S+|no\s+other\s+snapshots\s+from\s+this\s+url|"
    r"\d[\d,]*\s+captures?|about\s+this\s+capture|collected\s+by|https?://\S+|"
    r"\d{1,2}\s+\w{3}\s+\d{4}(?:\s+\d\d:\d\d(?::\d\d)?\s*(?:UTC|GMT)?)?(?:\s*-\s*\d{1,2}\s+\w{3}\s+\d{4})?|"
    r"[\s|·•]+)$",
    regex.I,
)
_SAVED_FROM_RE = regex.compile(r"^saved\s+from\s*:?\s*(?P<url>https?://\S+)?$", regex.I)
_WAYBACK_URL_RE = regex.compile(r"https?://web\.archive\.org/web/\d{4,14}[a-z_]*/(?P<url>https?://\S+)", regex.I)
TOOLBAR_LINES = 20  # a web archive's toolbar is at most this many lines at the top


def web_archive_toolbar(texts: list[str]) -> tuple[int, str | None]:
    """How many blocks at the top are a web archive's toolbar (0 when there is none), and the URL
    of the page it saved ("Saved from https://…", or the original inside a Wayback address)."""
    first = next((i for i, t in enumerate(texts[:5]) if _ARCHIVE_NAME_RE.match(" ".join(t.split()))), None)
    if first is None:
        return 0, None
    end, url, saved = first + 1, None, False
    wayback = _WAYBACK_URL_RE.search(texts[first])
    if wayback is not None:
        url = wayback["url"]
    for i in range(first + 1, min(len(texts), first + TOOLBAR_LINES)):
        t = " ".join(texts[i].split())
        if not _ARCHIVE_NAME_RE.match(t) and not _ARCHIVE_LINE_RE.match(t):
            break
        m = _SAVED_FROM_RE.match(t)
        if m is not None:
            saved, url = True, m["url"] or url
        elif saved and url is None and regex.match(r"https?://\S+$", t):
            url = t  # the address on the line under "Saved from"
        end = i + 1
    return end, url


def is_banner(text: str) -> bool:
    """A mirror's banner or disclaimer ("X published this content on … and is solely responsible …")."""
    return bool(_BANNER_RE.search(text[:SHAPE_WINDOW]))


def is_photo_caption(text: str) -> bool:
    """A photo's caption or credit ("FILE PHOTO: …", "… REUTERS/Name", "Image: Name/Getty Images", "(AFP)").
    A "Figure N:" caption is the article's own, not this."""
    text = text.strip()
    return bool(text) and len(text) < 600 and any(r.search(text) for r in _PHOTO_RES)


_FOOTER_RE = regex.compile(
    r"^(?:(?:©|\(c\)|Copyright\b)\s*(?:©\s*)?(?:\d{4}|[A-Z][^.]{0,60}\d{4}).{0,120}|"
    r"[A-Z][\w .&'’-]{1,60}\s*©\s*\d{4}.{0,40}|.{0,120}\bAll rights reserved\b.{0,60})$",
    regex.I,
)
_LEGAL = (
    r"(?:Terms(?: of (?:Use|Service)| and Conditions| & Conditions)?|Privacy(?: Policy| Notice)?|"
    r"Cookie (?:Policy|Settings)|Contact(?: Us)?|About(?: Us)?|Accessibility|Sitemap|Careers|Advertise)"
)
_LEGAL_ROW_RE = regex.compile(rf"^{_LEGAL}(?:\s*[|·•,/]\s*{_LEGAL})+$", regex.I)
_ENDNOTE_LINE_RE = regex.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s*.{0,200}?(?:https?://|www\.)\S+")


def is_footer(text: str) -> bool:
    """The site's footer: a copyright line ("© 2024 The Midland Courier", "Copyright 2024 The
    Associated Press. All rights reserved.") or a row of legal links ("Terms of Use | Privacy Policy")."""
    text = " ".join(text.split())
    if not text or len(text) > 200:
        return False
    if _LEGAL_ROW_RE.match(text) and regex.search(r"\b(?:Terms|Privacy|Cookie)\b", text, regex.I):
        return True
    return bool(_FOOTER_RE.match(text)) and not regex.search(r"\b(?:Photo|Image|Picture|Getty)\b|/", text)


def is_endnotes(block: Block) -> bool:
    """A list of endnotes: every line a bracketed or numbered note that cites a URL ("[3] https://…")."""
    lines = [line.text for line in block.lines if line.text.strip()]
    return bool(lines) and all(_ENDNOTE_LINE_RE.match(t) for t in lines)


def is_inline_chrome(text: str) -> bool:
    text = text.strip()
    return (
        bool(_INLINE_CHROME_RE.match(text))
        or (len(text) < 400 and bool(_COOKIE_RE.search(text)))
        or is_credit_line(text)
    )


_CREDIT_SENTENCE_RE = regex.compile(
    r"^(?:[A-Z][\w'’.-]*(?:\s+(?:and\s+)?[A-Z][\w'’.-]*){0,5}\s+(?:reported|wrote|filed) from\s+[A-Z][^.]{1,60}|"
    r"(?:(?:[A-Z][\w'’.-]*|and|in|writers?|reporters?|correspondents?|staff),?\s+){1,16}"
    r"contributed (?:to )?(?:this |the )?(?:report|reporting|story|article)"
    r"(?:\s+from\s+[A-Z][^.]{1,40})?)\.?$"
)


_CREDIT_WORD_RE = regex.compile(r"\b(?:contributed|reported from|wrote from|filed from)\b")


def is_credit_line(text: str) -> bool:
    """A wire story's closing credits: "Briggs reported from Washington. Associated Press writer
    Tom Keller in Washington contributed to this report." Every sentence of the line is a credit."""
    text = " ".join(text.split())
    if not text or len(text) > 300:
        return False
    if not _CREDIT_WORD_RE.search(text):
        return False  # the one cheap test first: most lines are no credits
    sentences = [x for x in regex.split(r"(?<=\.)\s+(?=[A-Z])", text) if x.strip()]
    return all(_CREDIT_SENTENCE_RE.match(x) for x in sentences)


def _mark_chrome(blocks: list[Block], kinds: list[str], texts: list[str]) -> None:
    """Mark chrome that is not a heading ending the article as "aside": banners, photo captions and
    credits, inline chrome (share bars, "Read more: …", "Advertisement"), and the link lists under
    a "Most read" heading. A heading that ends the article ("Related", "More from …") is "chrome"."""
    i = 0
    while i < len(blocks):
        text = texts[i].strip()
        folded = text.casefold().rstrip(":").strip()
        if kinds[i] in ("prose", "short"):
            if _END_HEADING_RE.match(text) and len(text) < 200:
                kinds[i] = "chrome"
            elif is_banner(text) or is_photo_caption(text) or is_inline_chrome(text):
                kinds[i] = "aside"
            elif is_footer(text) or is_endnotes(blocks[i]):
                kinds[i] = "chrome"  # the site's footer, the endnote list: the article is over
            elif folded in _LIST_HEADINGS:
                kinds[i] = "aside"
                j = i + 1
                while j < len(blocks) and _list_item(blocks[j], kinds[j], texts[j]):
                    kinds[j] = "aside"
                    j += 1
                i = j
                continue
        i += 1
    for i in _running_headers(texts):
        kinds[i] = "aside"


_BOX_HEADINGS = {"related", "related news", "related articles", "related stories", "read more", "also read",
                 "read also", "see also", "more on this", "more on this story", "recommended"}  # fmt: skip
_SPEECH_RE = regex.compile(r"\b(?:said|says|told|added|according\s+to|wrote|stated)\b")
BOX_ITEMS = 12  # blocks a related-links box inside a story holds at most (headlines and their dates)


def _box_inside_body(blocks: list[Block], kinds: list[str], texts: list[str], at: int) -> bool:
    """Whether the chrome heading at `at` opens a related-links box set inside the story ("RELATED"
    / headlines and dates / the story goes on): the box is marked aside and the body goes on past
    it. The story goes on when at least two paragraphs follow the box before any other chrome,
    one of them reporting speech; a box at the story's end has comments, tags or a footer after it."""
    if texts[at].strip().casefold().rstrip(":").strip() not in _BOX_HEADINGS:
        return False
    j = at + 1
    while j < len(blocks) and j - at <= BOX_ITEMS and kinds[j] != "chrome" and _list_item(blocks[j], kinds[j], texts[j]):
        j += 1
    if j - at < 2 or j - at > BOX_ITEMS:
        return False
    after = []
    for k in range(j, len(blocks)):
        if kinds[k] == "chrome":
            break
        if kinds[k] == "prose":
            after.append(k)
    if len(after) < 2 or not any(_SPEECH_RE.search(texts[k]) for k in after):
        return False
    for k in range(at, j):
        kinds[k] = "aside"
    return True


_TIMESTAMP_RE = regex.compile(
    r"^(?:Last\s+updated|Updated|Last\s+modified|Modified|First\s+published|Published|Posted)(?:\s+on)?\s*[:：]?\s*"
    r"(?=.{0,40}\d)(?:[A-Za-z]{3,9}\.?,?\s+)?[\d/.\-:,\s]{4,40}(?:[A-Za-z]{3,9}\.?\s+[\d,\s]{4,10})?"
    r"(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|AST|EST|CET)(?:\s*[+\-]\s*\d{1,2}(?::?\d\d)?)?)?\s*$",
    regex.IGNORECASE,
)


def _is_timestamp(text: str) -> bool:
    """A page's time stamp on its own line ("Last updated: Mon 10/03/2025 - 16:30 GMT+4"): header
    chrome, however many of its "words" are digits."""
    return len(text) <= 100 and _TIMESTAMP_RE.match(text.strip()) is not None


def _list_item(block: Block, kind: str, text: str) -> bool:
    """An item of a link list ("Read more", "Most read"): a short line, a URL, or a related
    article's headline (one line of at most 25 words that ends no sentence)."""
    if _FINAL_STOP_RE.search(text):
        return False
    if kind in ("short", "url"):
        return True
    return kind == "prose" and len(block.lines) == 1 and len(_WORD_RE.findall(text)) <= 25


_PAGE_OF_RE = regex.compile(r"^\s*(?:Page|p\.)\s*\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*$", regex.IGNORECASE)  # "Page 1 of 5"
_PAGE_NUMBER_RE = regex.compile(
    r"^(?:(?:Page|p\.)\s*)?\d{1,4}\s+(?=\S)|\s*(?:[|·•–—-]\s*)?(?:(?:Page|p\.)\s*)?\d{1,4}$"
)


def _running_headers(texts: list[str]) -> list[int]:
    """A printed report's page furniture, which a PDF export leaves at every page break: running
    headers or footers that carry a page number ("Crisis Group Middle East Report N°247, 27 June
    2024 Page 9", "©2024 Institute for the Study of War 2"), printed again with another number on
    another page, and the lines repeated beside them at each break (the report's running title,
    "TITLE | AUTHORS | JUNE 2024"). They are no body text and do not end the article."""
    numbered: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        flat = " ".join(text.split())
        if len(flat) > 200:
            continue
        lead = _PAGE_NUMBER_RE.sub("", flat)
        if lead != flat and len(lead.split()) >= 4:
            numbered[lead.casefold()].append(i)
    furniture = {i for found in numbered.values() if len(found) >= 2 for i in found}
    furniture |= {i for i, text in enumerate(texts) if len(text) < 40 and _PAGE_OF_RE.match(text)}
    repeated: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        flat = " ".join(text.split())
        if i in furniture or len(flat) > 200 or len(flat.split()) < 4 or _FINAL_STOP_RE.search(flat):
            continue
        repeated[flat.casefold()].append(i)
    near = sorted(furniture)
    for found in repeated.values():
        if len(found) >= 2 and all(_within(near, i, 2) for i in found):
            furniture.update(found)
    return sorted(furniture)


def _within(sorted_positions: list[int], i: int, distance: int) -> bool:
    k = bisect.bisect_left(sorted_positions, i - distance)
    return k < len(sorted_positions) and sorted_positions[k] <= i + distance


_FINAL_STOP_RE = regex.compile(r"[.!?][\"”’')\]]*$")


@dataclass(slots=True)
class Banner:
    org: str | None = None
    date: dt.date | None = None


def _banner(texts: list[str], order: bool | None) -> Banner:
    for text in texts:
        if not is_banner(text):
            continue
        m = _BANNER_ORG_RE.search(" ".join(text.split()))
        if m:
            found = find_header_dates(m["when"], order)
            return Banner(banner_org(m["org"]), found[0].date if found else None)
    return Banner()


def banner_org(name: str) -> str:
    """The organization a banner names, as a reader cites it ("… Policy Inc." → "… Policy")."""
    return _CORPORATE_RE.sub("", " ".join(name.split()).strip(" ,.")).strip() or name.strip()


def _original_link(blocks: list[Block]) -> str | None:
    """On a mirror, the link the page labels as the original ("Permalink", "Original article")."""
    for block in blocks:
        if block.text.strip().casefold().rstrip(":") in ("permalink", "original article", "original story",
                                                          "view original", "source article"):  # fmt: skip
            for url in link_urls(block):
                if _safe_split(url) is not None and _safe_split(url).scheme in ("http", "https"):
                    return url
    return None


# --- bylines ------------------------------------------------------------------------------------

_BY_WORK = r"(?:written|words|story|reporting|interview|interviewed|translated|compiled|edited|annotated|prepared)"
# "By", "Written by", "Translated and annotated by", "Compiled by": the people who made the piece
_BY_START_RE = regex.compile(rf"^(?:{_BY_WORK}(?:\s+and\s+{_BY_WORK})?\s+)?by\b[:\s]+(?=\S)", regex.IGNORECASE)
# a live blog's contributor line: "From CNN's Mohammed Tawfeeq and Jen Deaton"
_FROM_OUTLET_RE = regex.compile(r"^From\s+(?:[A-Z][\w&.\-]*\s+){0,2}[A-Z][\w&.\-]*['’]s\s+(?=[A-Z])")
_BY_INSIDE_RE = regex.compile(r"(?:^|(?<=[\s|·•–—-]))(?:(?:Written|Compiled|Edited|Reported)\s+[Bb]y|By)\s+(?=[A-Z\[]|the\s)")
_SEPARATOR_RE = regex.compile(r"\s*[|·•]\s*|\s+[–—-]\s+|\s*/\s+")
_AND_RE = regex.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*")
AGENCIES = {
    "reuters", "afp", "ap", "associated press", "the associated press", "agence france-presse",
    "agence france presse", "bloomberg", "xinhua", "anadolu", "anadolu agency", "dpa", "efe", "ani",
    "pti", "ians", "upi", "tass", "sputnik", "irna", "sana", "wam", "spa", "mena", "kuna", "ina",
    "shafaq news", "rudaw", "agencies", "wires", "news agencies", "staff", "staff writer",
    "staff reporter", "our correspondent", "news desk", "web desk", "newsroom", "the new arab staff",
}  # fmt: skip
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "del", "della", "di", "du", "van", "von", "der",
              "den", "la", "le", "y", "abu", "ul", "ben", "dos", "das", "st."}  # fmt: skip
_NOT_NAME_WORDS = {
    "published", "updated", "posted", "press", "release", "news", "home", "share", "the", "this", "that",
    "analysis", "policy", "brief", "contrast", "comparison", "contact", "email", "follow", "read", "more",
    "minutes", "min", "photo", "image", "file", "reporting", "editing", "writing", "institute", "center",
    "centre", "university", "foundation", "council", "agency", "ministry", "department", "office",
    "middle", "east", "africa", "asia", "europe", "world", "region", "gulf", "politics", "economy",
    "opinion", "security", "business", "sports", "live", "video", "podcast", "podcasts", "events",
    "url", "link", "links", "short", "search", "menu", "login", "subscribe", "newsletter",
} | {m for m in ("january february march april may june july august september october november december "
                 "monday tuesday wednesday thursday friday saturday sunday").split()}  # fmt: skip


# news sites whose name can pass for a person's ("Ismaeel Naar, Al Arabiya English")
_OUTLET_NAME_RE = regex.compile(
    r"^(?:the\s+)?(?:al[- ](?:arabiya|jazeera|mayadeen|monitor|sumaria|iraqiya|ahd|hadath)|asharq\s+al-awsat|middle\s+east\s+eye|"
    r"new\s+arab|national|arab\s+news|kurdistan\s?24|baghdad\s+today|amwaj\.media)(?:\s+english)?$"
    r"|^.+\s(?:english|news|tv|television|network|media|times|post|monitor|online)$",
)


def is_agency(text: str) -> bool:
    if len(text) > 120:
        return False  # an agency's or outlet's name is a few words
    t = text.strip().strip("()").casefold()
    return (t in AGENCIES or t.endswith((" staff", " staff writer", " staff reporter", " desk", " newsroom"))
            or bool(_OUTLET_NAME_RE.match(t)))  # fmt: skip


def _person_name(text: str) -> bool:
    """Whether `text` is shaped as a person's name: two to six capitalized words (particles like
    "al-", "bin", "de" allowed), no digits, no word a name never has ("Published", a month)."""
    text = text.strip().strip(",")
    if not text or any(c.isdigit() for c in text) or is_agency(text) or len(text) > 60:
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return False
    capital = 0
    for token in tokens:
        core = token.strip(".,'’\"()")
        if not core:
            return False
        low = core.casefold()
        if low in _NOT_NAME_WORDS:
            return False
        if core[0].isupper():
            capital += 1
        elif not (low in _PARTICLES or regex.match(r"^(?:al|el|ad|an|ar|as|ash|at|az|ul|bin|ibn|abu)[-‑’']\w", low)):
            return False
    return capital >= 1 and tokens[0].strip(".,'’\"()")[:1].isupper() or (
        capital >= 1 and tokens[0].casefold().startswith(("al-", "el-"))
    )


def _strip_path(text: str) -> str:
    """A link text as some captures print it, "Name (/experts/name)": the name without the path."""
    return regex.sub(r"\s*\\?\((?:https?://|/)[^)\s]*\\?\)\s*$", "", text).strip()


def read_byline(block: Block, day_first: bool | None = None) -> tuple[list[str], dt.date | None] | None:
    """A byline's authors and date, if `block` is a byline; None if it is not one.

    Read: "By X", "by X, Y", "By X and Y", "Written by X", "By X · Published 13/02/2024 18:40",
    "By X | Reuters", "By X, Reuters", "X | 5 March 2024", "22 April 2024 - 10:59 By X", and a line
    that is only a link to an author page. Authors are people's names only: an agency, a date, a
    "Published…" label are left out; a byline that names only an agency or the site's staff ("By
    Reuters Staff") gives no author (a citation then falls back to the publisher), but is a byline."""
    try:
        return _read_byline(block, day_first)
    except Exception:  # noqa: BLE001
        return None


def _trailing_date_apart(segment: str, day_first: bool | None) -> list[str]:
    """'Rudaw 13/12/2016' as 'Rudaw' and '13/12/2016': a byline's name and date with no separator."""
    found = find_header_dates(segment, day_first)
    if found and found[-1].start > 0 and not segment[found[-1].end :].strip(" .,") and segment[: found[-1].start].strip():
        return [segment[: found[-1].start].strip(" ,"), segment[found[-1].start :]]
    return [segment]


def _read_byline(block: Block, day_first: bool | None) -> tuple[list[str], dt.date | None] | None:
    text = " ".join(block.text.split())
    if not text or len(text) >= 300 or is_banner(text) or is_photo_caption(text):
        return None
    date = None
    m = _BY_START_RE.match(text) or _FROM_OUTLET_RE.match(text)
    explicit = m is not None
    if m:
        rest = text[m.end():]
    else:
        inside = _BY_INSIDE_RE.search(text)
        if inside and inside.start() > 0 and dateline_date(text[: inside.start()], day_first):
            date = dateline_date(text[: inside.start()], day_first)
            rest, explicit = text[inside.end():], True
        else:
            rest = text
    line = block.lines[0].clean
    linked = [_strip_path(line.text[a:b].strip()) for a, b, _ in line.links if line.text[a:b].strip()]
    if not explicit:
        # no "By": people's names and then the dateline, run together on one line by the capture
        # ("Annika Ross, Dana Whitcombe, and Omar Haddad October 21, 2024, 6:10 pm ET")
        dates = find_header_dates(text, day_first)
        if dates and dateline_date(text[dates[0].start :], day_first) is not None:
            listed = _name_list(text[: dates[0].start].strip(" ,|·•–—-"))
            if listed:
                return listed, dates[0].date
        # a line that is only links to author pages, or "Name | date"
        urls = [u for _, _, u in line.links]
        if linked and len(block.lines) == 1 and regex.fullmatch(r"[\s,&and|·•]*", _without(line.text, line.links)):
            if any(regex.search(r"/(?:authors?|experts?|people|staff|profile|writers?)/", u or "") for u in urls) and all(
                _person_name(n) for n in linked
            ):
                return linked, None
            return None
    authors: list[str] = []
    agencies: list[str] = []
    segments = [part for s in _SEPARATOR_RE.split(rest) if s.strip()
                for part in (_trailing_date_apart(s, day_first) if explicit else [s])]  # fmt: skip
    saw_date = False
    for k, segment in enumerate(segments):
        segment = segment.strip()
        when = dateline_date(segment, day_first)
        if when is not None or regex.match(r"^(?:Published|Updated|Posted|Last updated)\b", segment, regex.I):
            saw_date = True
            if when is not None and date is None and not regex.match(r"^(?:Updated|Last updated)\b", segment, regex.I):
                date = when
            elif when is not None and date is None:
                date = when
            continue
        names = [_strip_path(n) for n in _AND_RE.split(segment) if n.strip()]
        for name in names:
            name = regex.sub(r"\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?$", "", name).strip()  # "X in Baghdad"
            if is_agency(name) or is_agency(name.removeprefix("The ").strip()):
                agencies.append(name)
            elif _person_name(name):
                authors.append(name)
            elif k == 0 and not authors:
                if not explicit:
                    return None
                if not (linked and all(_person_name(n) for n in linked)):
                    return None
            # a trailing role or place ("Senior correspondent") is not an author
    if linked and explicit and all(_person_name(n) for n in linked):
        authors = [n for n in linked if not is_agency(n)] or authors
    if not explicit and not (saw_date and authors):
        return None
    if not authors and agencies:
        return [], date  # "By Reuters Staff", "By Al Jazeera Staff": a byline, but no person wrote it
    if not authors:
        return None
    return [_name_case(a) for a in authors], date


def _without(text: str, links) -> str:
    out, pos = [], 0
    for a, b, _ in sorted(links):
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _bio_names(texts: list[str], kinds: list[str], i_about: int) -> list[str]:
    """Authors named by the bios under "About the author(s)" when the page prints no byline:
    "Layla Haddad is a fellow at …" names Layla Haddad."""
    names = []
    for j in range(i_about + 1, min(i_about + 8, len(texts))):
        if kinds[j] == "chrome" or texts[j].casefold() in KIND_LABELS or texts[j].lower().startswith("part of a series"):
            break
        m = regex.match(r"^(?:Dr\.\s+)?(?P<name>[^,]{3,60}?)\s+(?:is|was|has been|serves as)\s+(?:a|an|the)\b", texts[j])
        if m and _person_name(m["name"]):
            names.append(m["name"])
    return names


def _is_bio_line(text: str, authors: list[str]) -> bool:
    """A closing line that introduces the authors ("X is a fellow at …. Y is …")."""
    lead = text.casefold().removeprefix("dr. ")
    return any(
        lead.startswith(a.casefold()) and regex.match(r"^\s+(?:is|was|has been)\b", text[len(a) :] if text.casefold().startswith(a.casefold()) else "")
        for a in authors
    )


# --- the page's own furniture: masthead and menu, kind labels, series, notices -------------------

_NAV_ROW_RE = regex.compile(r"^[^|›»]{1,30}(?:\s[|›»]\s[^|›»]{1,30}){2,}$")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                "to", "with", "&"}  # fmt: skip
_NOTICE_RE = regex.compile(r"^(?:Note|Editor[’']?s\s+[Nn]ote|Programming note|Publication note)\s*[:：]\s*\S")


def _nav_run(blocks: list[Block], kinds: list[str], texts: list[str], start: int) -> list[int]:
    """The blocks of a site menu starting at `start`: at least three one-line items of at most
    three words on consecutive lines (no blank line between them; "Subscribe" and other chrome
    among them), or one row "Home | Iraq | Gulf"."""
    if start < len(blocks) and _NAV_ROW_RE.match(texts[start].strip()):
        return [start]
    run: list[int] = []
    last_line = None
    j = start
    while j < len(blocks):
        t = texts[j].strip()
        number = blocks[j].lines[0].number
        if last_line is not None and number != last_line + 1:
            break
        short = len(_WORD_RE.findall(t)) <= 3 and len(t) <= 40 and not _FINAL_STOP_RE.search(t)
        if not (short and kinds[j] in ("short", "aside", "arabic") and dateline_date(t) is None) or _BY_START_RE.match(t):
            break
        run.append(j)
        last_line = blocks[j].lines[-1].number
        j += 1
    items = [j for j in run if kinds[j] != "aside"]
    return run if len(items) >= 3 else []


def _masthead(blocks: list[Block], kinds: list[str], texts: list[str]) -> tuple[int, list[int]] | None:
    """The site's name at the top of the page, over its menu: (index of the name, the menu's blocks).
    The name is the first line of the page (a skip link may stand above it), shaped as a name:
    at most seven words, no sentence, label, date or byline."""
    i = next((j for j in range(min(3, len(blocks))) if kinds[j] != "aside"), None)
    if i is None or kinds[i] != "short" or len(blocks[i].lines) != 1:
        return None
    t = " ".join(texts[i].split())
    words = _WORD_RE.findall(t)
    if not 1 <= len(words) <= 7 or len(t) > 60 or t.endswith((".", "!", "?", ":", ",", "/")):
        return None
    if t.casefold() in KIND_LABELS or dateline_date(t) is not None or _BY_START_RE.match(t) or is_banner(t):
        return None
    if _NAV_ROW_RE.match(t) or not any(c.isalpha() for c in t):
        return None
    nav = _nav_run(blocks, kinds, texts, i + 1)
    return (i, nav) if nav else None


def _logo_name(blocks: list[Block], kinds: list[str], texts: list[str], i_title: int | None, order) -> str | None:
    """A site's name without a menu under it: the first line of the page, shaped as a name (at most
    four words), over the site's slogan ("Al-Monitor" / "The Pulse of the Middle East"), both above
    the headline."""
    i = next((j for j in range(min(3, len(blocks))) if kinds[j] != "aside"), None)
    if i is None or i_title is None or i_title <= i + 1 or kinds[i] != "short" or len(blocks[i].lines) != 1:
        return None
    name = " ".join(texts[i].split())
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return None
    if _FINAL_STOP_RE.search(name) or name.endswith((":", ",", "/")) or name.casefold() in KIND_LABELS:
        return None
    if name.casefold() in _NOT_NAME_WORDS or dateline_date(name, order) is not None or _BY_START_RE.match(name):
        return None
    slogan = " ".join(texts[i + 1].split())
    s_words = slogan.split()
    if kinds[i + 1] != "short" or not 3 <= len(s_words) <= 8 or _FINAL_STOP_RE.search(slogan):
        return None
    if s_words[0].casefold() not in ("the", "your", "news", "independent", "voice", "where") or slogan.endswith(":"):
        return None
    if dateline_date(slogan, order) is not None or slogan.casefold() in KIND_LABELS or _person_name(slogan):
        return None
    return name


_ADDRESS_RE = regex.compile(
    r"^(?:\p{L}[\p{L}'’. -]{1,40}\s\d{1,5}[a-z]?|\d{1,5}[a-z]?\s\p{L}[\p{L}'’. -]{1,40})\s*,\s*"
    r"(?:[A-Z]{0,2}-?\d{4,5}|\d{3}\s?\d{2})?\s*\p{Lu}[\p{L}'’. -]{1,40}(?:,\s*\p{Lu}[\p{L}'’. -]{1,40})?$"
)


def _imprint_org(texts: list[str], kinds: list[str]) -> str | None:
    """The organization a report's back matter names over its address ("International Crisis Group"
    / "Headquarters" / "Avenue Louise 235, 1050 Brussels, Belgium")."""
    for i in range(len(texts) - 1, max(-1, len(texts) - 15), -1):
        if not _ADDRESS_RE.match(" ".join(texts[i].split())):
            continue
        j = i - 1
        while j >= 0 and regex.fullmatch(r"(?:Head(?:quarters| office)|Main office|Registered office|Offices?|Address)\s*:?",
                                          texts[j].strip(), regex.I):  # fmt: skip
            j -= 1
        if j < 0 or kinds[j] != "short":
            return None
        name = " ".join(texts[j].split())
        words = name.split()
        if 1 <= len(words) <= 7 and words[0][:1].isupper() and not any(c.isdigit() for c in name) and not _FINAL_STOP_RE.search(name):
            return name
        return None
    return None


def spells_out(acronym: str, name: str) -> bool:
    """Whether `name` is what the capitals `acronym` stand for ("SNA", "Shiraz News Agency")."""
    from archive.ingest.names import initials_match  # names reads the body, which imports this module

    acronym = acronym.strip()
    return (
        2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()
        and len(name.split()) <= 8 and initials_match(name, acronym)
    )  # fmt: skip


def _site_name(text: str, page: str) -> str:
    """The masthead's name as the site writes it: a logo set in capitals or in lower case
    ("INSTITUTE FOR THE STUDY OF WAR", "amwaj.media") is the name the page prints elsewhere in
    mixed case ("Amwaj.media"), else the capitals in title case."""
    name = " ".join(text.split())
    if not (name.isupper() or name.islower()):
        return name
    for m in regex.finditer(r"(?<![\w.])" + regex.escape(name) + r"(?![\w])", " ".join(page.split()), regex.I):
        found = m.group(0)
        if not (found.isupper() or found.islower()):
            return found
    return _title_case(name) if name.isupper() else name


def _title_case(text: str) -> str:
    """Capitals as a name is written: "INSTITUTE FOR THE STUDY OF WAR" → "Institute for the Study of War"."""
    out = []
    for k, word in enumerate(text.split()):
        low = word.lower()
        if k and low in _SMALL_WORDS:
            out.append(low)
        else:
            out.append(regex.sub(r"(?:^|(?<=[-/]))(\w)", lambda m: m[1].upper(), low))
    return " ".join(out)


def _label_case(label: str) -> str:
    """A kind label as a reader cites it: as printed, but a kicker in capitals ("ANALYSIS") in
    title case ("Analysis")."""
    return _title_case(label) if label.isupper() else label


def _kind_label(kinds: list[str], texts: list[str], i_title: int | None, nav: set[int], stop: int) -> int | None:
    """The header's kind label: the one right above the headline (a kicker), else the one
    nearest the headline outside the site's menu and not listed under a chrome heading."""
    found = [
        i for i in range(min(stop, len(texts)))
        if texts[i].strip().casefold() in KIND_LABELS and not (i > 0 and kinds[i - 1] == "chrome" and i - 1 not in nav)
    ]  # fmt: skip
    if not found:
        return None
    if i_title is not None:
        above = next((j for j in range(i_title - 1, -1, -1) if kinds[j] != "aside"), None)
        if above in found:
            return above
    outside = [i for i in found if i not in nav and not _in_menu_run(kinds, texts, i)]
    if not outside:
        return None
    return min(outside, key=lambda i: abs(i - (i_title if i_title is not None else 0)))


MENU_RUN = 6  # one- to three-word lines in a row: a site's menu ("Home / Iraq / … / Interview / …")


def _in_menu_run(kinds: list[str], texts: list[str], i: int) -> bool:
    """Whether block `i` is an item of a menu printed one item per line."""

    def item(j: int) -> bool:
        return 0 <= j < len(texts) and kinds[j] in ("short", "chrome") and len(texts[j].split()) <= 3

    if not item(i):
        return False
    lo, hi = i, i
    while item(lo - 1):
        lo -= 1
    while item(hi + 1):
        hi += 1
    return hi - lo + 1 >= MENU_RUN


def _series_shaped(text: str) -> bool:
    t = " ".join(text.split())
    words = t.split()
    return (
        1 <= len(words) <= 5 and len(t) <= 60 and not _FINAL_STOP_RE.search(t) and not t.endswith((":", ",", "/"))
        and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) and t.casefold() not in KIND_LABELS
        and dateline_date(t) is None and not any(c.isdigit() for c in t)
    )  # fmt: skip


_BREADCRUMB_RE = regex.compile(r"^(?P<kind>[^/]{3,40}?)\s*/\s*(?P<rest>[^/]*)$")


def _breadcrumb_series(blocks: list[Block], kinds: list[str], texts: list[str], i_title, stop: int) -> str | None:
    """The series a breadcrumb names under a kind ("Policy Analysis / Militia Spotlight", or the
    item on the line right under "Policy Analysis /"); the headline itself is never the series."""
    for i in range(min(stop, len(blocks))):
        m = _BREADCRUMB_RE.match(texts[i].strip())
        if not m or m["kind"].strip().casefold() not in KIND_LABELS:
            continue
        rest = m["rest"].strip()
        j = i + 1
        if not rest and j < len(blocks) and j != i_title and kinds[j] == "short":
            if blocks[j].lines[0].number == blocks[i].lines[-1].number + 1:
                rest = " ".join(texts[j].split())
        return rest if rest and _series_shaped(rest) else None
    return None


def _dated_issue(text: str, order: bool | None = None) -> str | None:
    """The name of a dated issue's title ("Iran Update, October 21, 2024" → "Iran Update"): a name
    of two or more capitalized words, then the full date, and nothing else."""
    t = " ".join(text.split())
    found = find_header_dates(t, order)
    if not found or found[-1].end != len(t.rstrip(" .")):
        return None
    name = t[: found[-1].start].rstrip(" ,:–—-|")
    words = name.split()
    if len(words) < 2 or not _series_shaped(name):
        return None
    if {w.casefold().strip(",") for w in words} & {"published", "updated", "posted", "last", "date", "dated", "on"}:
        return None
    return name


def _issue_series(texts: list[str], i_title: int, order: bool | None) -> str | None:
    """A daily or weekly issue titled by its series and date is part of that series, when the page
    prints the series' name elsewhere too (its menu, its boilerplate)."""
    name = _dated_issue(texts[i_title], order)
    if name is None:
        return None
    folded = name.casefold()
    return name if any(folded in t.casefold() for k, t in enumerate(texts) if k != i_title) else None


def _series_blurb(text: str, series: object) -> bool:
    """A series' boilerplate above the body: a paragraph that opens with the series' name."""
    if not isinstance(series, str) or not series:
        return False
    t = text.strip()
    return t.startswith((series + " ", "The " + series + " ")) and len(t) < 800


def _opening_heading(text: str, order: bool | None) -> bool:
    """A section heading that opens the body ("Key Takeaways:", "Summary"): a short label, not a
    sentence, a date, a byline, a kind label or page chrome."""
    t = " ".join(text.split())
    words = _WORD_RE.findall(t)
    if not 1 <= len(words) <= 8 or not t[:1].isupper() or t.endswith((".", ",", ";", "!", "?", "/")):
        return False
    folded = t.casefold().rstrip(":")
    if folded in KIND_LABELS or folded in CHROME_HEADINGS or folded.startswith(("part of a series", "or see part")):
        return False
    if dateline_date(t, order) is not None or find_header_dates(t, order) or _BY_START_RE.match(t):
        return False
    if is_agency(t) or (_person_name(t) and not t.endswith(":")) or _NAV_RE.search(t):
        return False
    return True


def _day_heading(blocks: list[Block], kinds: list[str], texts: list[str], h: int, order: bool | None) -> bool:
    """A live blog's day heading ("Thursday, 8 February 2024") above its first entry: a line that
    is only a date, when another such line heads later entries of the same page."""
    day = dateline_date(texts[h], order)
    if day is None or len(_WORD_RE.findall(texts[h])) > 6:
        return False
    return any(
        kinds[j] == "short" and len(_WORD_RE.findall(texts[j])) <= 6 and (d := dateline_date(texts[j], order)) is not None
        and d < day and kinds[j + 1 if j + 1 < len(blocks) else j] == "prose"
        for j in range(h + 2, len(blocks))
    )  # fmt: skip


def _tag_links(blocks: list[Block]) -> list[str]:
    """Topics from a run of tag links ("<a href=/tags/basra>Basra</a>"): each block only a link
    to a tag or topic page."""
    out: list[str] = []
    for block in blocks:
        line = block.lines[0].clean
        links = [(a, b, u) for a, b, u in line.links if u and regex.search(r"/(?:tags?|topics?)/", u)]
        whole = (
            len(block.lines) == 1 and len(links) == 1
            and line.text[links[0][0] : links[0][1]].strip() == line.text.strip()
        )  # fmt: skip
        if whole:
            out.append(line.text.strip())
        elif out:
            break
    return out


def _unmarked_byline(blocks: list[Block], kinds: list[str], texts: list[str], i_date: int, bylines: dict) -> int | None:
    """A byline without "By" next to the dateline: a line that only lists people
    ("Annika Ross, Dana Whitcombe, Omar Haddad, and Ria Palmer"), or a reporter's name with the
    @handle on the line under it ("Dilan Sabir" / "@DilanSabir")."""

    def skip(j: int, step: int) -> int:
        while 0 <= j < len(blocks) and kinds[j] in ("aside", "caption", "url") and not texts[j].strip().startswith("@"):
            j += step
        return j

    for j in (skip(i_date - 1, -1), skip(i_date + 1, 1)):
        if not 0 <= j < len(blocks) or kinds[j] not in ("short", "prose") or len(blocks[j].lines) != 1:
            continue
        listed = _name_list(texts[j])
        if listed:
            bylines[j] = (listed, None)
            return j
        name = " ".join(texts[j].split())
        handle = texts[j + 1].strip() if j + 1 < len(blocks) else ""
        if _person_name(name) and regex.fullmatch(r"@\w{2,30}|\S+@\S+\.\w+", handle):
            bylines[j] = ([_name_case(name)], None)
            return j
    # one name on its own line right above the dateline, or above the reporter's place ("Layla
    # Kareem" / "Baghdad" / "Published date: …"), under a longer headline: the reporter
    j = i_date - 1
    while j >= 0 and kinds[j] == "aside" and not texts[j].strip().startswith("@"):
        j -= 1
    if 0 < j < len(blocks) and not _lone_name(texts[j]) and _place_line(texts[j]) and _adjacent(blocks, j - 1, j):
        j -= 1
    # the site's name again between reporter and date ("Dalia Hamdan" / "Al Arabiya English" /
    # "Published: …"): a line the page already printed above (its masthead) is no reporter
    folded = " ".join(texts[j].split()).casefold() if 0 < j < len(blocks) else ""
    if folded and any(" ".join(texts[k].split()).casefold() == folded for k in range(j)) and _adjacent(blocks, j - 1, j):
        j -= 1
    if 0 <= j < len(blocks) and kinds[j] == "short" and len(blocks[j].lines) == 1 and _lone_name(texts[j]):
        above = [k for k in range(j - 1, max(-1, j - 5), -1) if kinds[k] not in ("aside", "url", "caption")][:3]
        if any(len(_WORD_RE.findall(texts[k])) >= 6 and kinds[k] == "prose" for k in above):
            bylines[j] = ([_name_case(" ".join(texts[j].split()))], None)
            return j
    return None


def _adjacent(blocks: list[Block], a: int, b: int) -> bool:
    return blocks[a].lines[-1].number + 1 == blocks[b].lines[0].number


def _lone_name(text: str) -> bool:
    """A line that is a person's name and nothing else: two or three capitalized words."""
    t = " ".join(text.split())
    tokens = t.split()
    return (
        2 <= len(tokens) <= 3 and _person_name(t) and not is_agency(t)
        and not any(c in t for c in ",&|:;/()@")
        and all(w[:1].isupper() or w.casefold().startswith(("al-", "el-")) for w in tokens)
    )  # fmt: skip


def _place_line(text: str) -> bool:
    """A reporter's place on its own line ("Baghdad", "Erbil, Iraq")."""
    t = " ".join(text.split())
    return bool(regex.fullmatch(r"\p{Lu}[\p{L}'’-]+(?:,?\s\p{Lu}[\p{L}'’-]+)?", t)) and t.casefold() not in _NOT_NAME_WORDS


def _name_list(text: str) -> list[str] | None:
    """People's names and nothing else, two or more ("A, B, and C", "A and B")."""
    t = " ".join(text.split())
    if not t or len(t) > 200 or any(c.isdigit() for c in t) or _FINAL_STOP_RE.search(t):
        return None
    parts = [p.strip() for p in _AND_RE.split(t) if p.strip()]
    if len(parts) < 2:
        return None
    people = list(parts)
    while len(people) > 1 and is_agency(people[-1]):
        people.pop()  # "Ismaeel Naar, Al Arabiya English": the reporter, then the site
    if not all(_person_name(p) for p in people):
        return None
    return [_name_case(p) for p in people]


def _name_case(name: str) -> str:
    """A name printed in capitals, as it is written: "HAYDER SALMAN" → "Hayder Salman",
    "ALI AL-TAMIMI" → "Ali al-Tamimi", "SEAN O'BRIEN" → "Sean O'Brien"."""
    if not name.isupper():
        return name
    out = []
    for k, token in enumerate(name.split()):
        low = token.lower()
        if k and low in _PARTICLES:
            out.append(low)
            continue
        word = regex.sub(r"(?:^|(?<=[-'’]))(\w)", lambda m: m[1].upper(), low)
        m = regex.match(r"^(al|el|ad|an|ar|as|ash|at|az)-(\w.*)$", low)
        if m and k:
            word = m[1] + "-" + m[2][:1].upper() + m[2][1:]
        out.append(word)
    return " ".join(out)


# --- titles -------------------------------------------------------------------------------------

_NAV_RE = regex.compile(r"(?:\s[|›»>]\s.*){2,}|^Home\s*[|›»>/]|\s›\s")


def _headline_shaped(text: str, kind: str, order: bool | None = None, strict: bool = True) -> bool:
    """Whether a block reads as a headline: short (at most 25 words), not a sentence ending in a
    period (a question, an exclamation or a closing quote is fine, and so is "U.S."), and none of
    the page's other short lines: breadcrumbs and nav, labels, datelines, bylines, captions, banners."""
    t = text.strip()
    if not t or len(t) > 300 or kind not in ("short", "prose"):
        return False
    words = _WORD_RE.findall(t)
    if not (2 if strict else 1) <= len(words) <= 25:
        return False
    if t.endswith(".") and not regex.search(r"(?:\b[A-Z]\.){2,}$|\.\.\.$|…$", t):
        return False
    if t.endswith(("/", ":", ",")) or _NAV_RE.search(t):
        return False
    crumb = regex.match(r"^([^/]{3,40}?)\s*/\s*\S", t)
    if crumb and crumb[1].strip().casefold() in KIND_LABELS:
        return False  # a breadcrumb under a kind ("Policy Analysis / Militia Spotlight")
    folded = t.casefold()
    if folded in KIND_LABELS or folded.startswith(("part of a series", "or see part")) or folded.rstrip(":") in CHROME_HEADINGS:
        return False
    if dateline_date(t, order) is not None:
        return False
    if find_header_dates(t, order) and len(words) <= 6 and _dated_issue(t, order) is None:
        return False
    if _BY_START_RE.match(t) or is_banner(t) or is_photo_caption(t) or is_inline_chrome(t):
        return False
    if strict and (len(words) < 3 and not any(c.islower() for c in t)):
        return False  # a site name or a section in capitals
    if strict and len(words) <= 3 and is_agency(t):
        return False
    return True


# a news agency's item number above or below its headline ("News ID: 231877", "Code: 84512")
_ITEM_ID_RE = regex.compile(r"^(?:News|Story|Article|Item|Post)?\s*(?:ID|Code|No\.?|Number)\s*[:#]?\s*\d{3,}$", regex.IGNORECASE)


_NUMBERED_SERIES_RE = regex.compile(r"^(?P<series>[A-Z][^.:|]{2,60}?)\s+(?:No\.|Number|#)\s*\d{1,4}$")


def _title_above(blocks, kinds, texts, anchor: int, order, names: set[str] | frozenset = frozenset()) -> int | None:
    """The headline above the byline or dateline: the top of the run of headline-shaped blocks
    right above it (a standfirst sits between headline and byline), passing over labels, series
    lines, datelines and photo captions; a section label (three words or fewer) above a longer
    headline is not the headline. The site's name and a desk byline ("Amwaj.media Iraq Desk")
    between headline and dateline are passed over, and so is a one-paragraph standfirst."""
    run: list[int] = []
    j = anchor - 1
    passed_standfirst = False
    while j >= 0:
        t = texts[j].strip()
        folded = " ".join(t.split()).casefold()
        furniture = (
            kinds[j] in ("aside", "url", "caption")
            or folded in KIND_LABELS
            or folded.startswith(("part of a series", "or see part"))
            or dateline_date(t, order) is not None
            or folded in names
            or (is_agency(t) and not run)
            or _ITEM_ID_RE.match(t) is not None
            or not t
        )
        if furniture:
            if run:
                break
            j -= 1
            continue
        if not _headline_shaped(t, kinds[j], order, strict=True):
            if (
                not run and not passed_standfirst and j > 0 and kinds[j] == "prose" and len(blocks[j].lines) <= 2
                and _FINAL_STOP_RE.search(t) and len(_WORD_RE.findall(t)) <= 60
                and _headline_shaped(texts[j - 1].strip(), kinds[j - 1], order, strict=True)
            ):  # fmt: skip
                passed_standfirst = True  # the standfirst under the headline
                j -= 1
                continue
            break
        run.append(j)
        j -= 1
    if not run:
        return None
    run.reverse()  # top first
    while len(run) > 1 and len(_WORD_RE.findall(texts[run[0]])) <= 3 and len(_WORD_RE.findall(texts[run[1]])) > 3:
        run.pop(0)
    if len(run) > 2:
        # many headline-shaped lines over the byline (a comment box, related links): the one right
        # above it is the headline, when it is the longest of them; else none can be told
        words = [len(_WORD_RE.findall(texts[i])) for i in run]
        return run[-1] if words[-1] == max(words) and words[-1] >= 6 else None
    return run[0]


_LIST_STOPS = CHROME_HEADINGS | {"regions", "countries", "tags", "authors"}


def _listed_after(blocks: list[Block], kinds: list[str], heading: str) -> list[str]:
    """Items listed under a chrome heading such as TOPICS: short blocks up to the next heading."""
    items: list[str] = []
    for i, block in enumerate(blocks):
        if block.text.casefold() != heading:
            continue
        for j in range(i + 1, len(blocks)):
            heading = blocks[j].text.isupper() and len(blocks[j].text.strip()) > 5  # "KRG", "PMF": an item
            if kinds[j] != "short" or heading or blocks[j].text.casefold() in _LIST_STOPS:
                break
            items.extend(line.text for line in blocks[j].lines)
        break
    return items


def _own_url(layout: Layout, title: str | None) -> str | None:
    """The article's URL when the capture shows its own title as a link (as a series list does).

    A path is made absolute only with a host the page itself uses for links under the same
    section; with no such evidence the URL stays unknown.
    """
    if not title:
        return None
    blocks = layout.blocks
    target = None
    for i, block in enumerate(blocks):
        if block.text.casefold() != title.casefold():
            continue
        urls = link_urls(block)
        if not urls and i + 1 < len(blocks) and _is_link_only(blocks[i + 1]):
            urls = link_urls(blocks[i + 1])
        if urls:
            target = urls[0]
            break
    if target is None or _safe_split(target) is None:
        return None
    if _safe_split(target).scheme:  # type: ignore[union-attr]
        return target
    section = "/" + target.strip("/").split("/")[0] + "/"
    hosts = sorted(
        {
            f"{p.scheme}://{p.netloc}"
            for b in blocks
            for u in link_urls(b)
            if (p := _safe_split(u)) is not None and p.scheme in ("http", "https") and p.path.startswith(section)
        }
    )
    return hosts[0] + target if len(hosts) == 1 else None


_SHARE_RE = regex.compile(r"^Share this (?:page|article|story)\s*:\s*<?(https?://\S+?)>?$")


def _shared_url(texts: list[str]) -> str | None:
    """The URL a "Share this page: https://…" line prints: the page's own address."""
    for text in texts:
        m = _SHARE_RE.match(text.strip())
        if m and _safe_split(m[1]) is not None and _safe_split(m[1]).netloc:  # type: ignore[union-attr]
            return m[1]
    return None


def _tag_line(blocks: list[Block]) -> list[str]:
    """Topics from a "Tags: A, B" / "Topics: A B" line (its links' texts when it has links). Items
    the capture ran together ("Topics: Iraq Kataib Hezbollah Asaib Ahl al-Haq") are split into the
    names the page itself uses elsewhere ("Iraq", "Kataib Hezbollah", "Asaib Ahl al-Haq")."""
    for k, block in enumerate(blocks):
        m = regex.match(r"^(?:Tags\s*:|Topics\s*:|Tagged\b:?)\s*(.+)$", block.text.strip())
        if not m:
            continue
        line = block.lines[0].clean
        linked = [line.text[a:b].strip() for a, b, _ in line.links if line.text[a:b].strip()]
        if linked:
            return linked
        if len(block.lines) > 1:  # one item a line
            first_items = regex.sub(r"^(?:Tags\s*:|Topics\s*:|Tagged\b:?)\s*", "", block.lines[0].text.strip())
            items = [first_items] + [ln.text.strip() for ln in block.lines[1:]]
            return [t for t in items if t]
        items = [t.strip() for t in regex.split(r"\s*[,;|]\s*", m[1]) if t.strip()]
        if len(items) == 1:
            page = " ".join(b.text for j, b in enumerate(blocks) if j != k)
            items = _split_run_together(items[0], page) or items
        return items
    return []


def _split_run_together(text: str, page: str) -> list[str] | None:
    """Items printed with no separator between them, split into the fewest names that each occur
    elsewhere on the page as a capitalized name; None when the whole is itself such a name or no
    split covers it."""
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > 20:
        return None
    page = " ".join(page.split())
    seen: dict[str, bool] = {}

    def on_page(phrase: str) -> bool:
        if phrase not in seen:
            pat = r"(?<![\w-])" + regex.escape(phrase) + r"(?![\w-])"
            seen[phrase] = any(m.group(0)[:1].isupper() for m in regex.finditer(pat, page, regex.I))
        return seen[phrase]

    if on_page(text):
        return None
    best: list[list[str] | None] = [[]] + [None] * len(tokens)
    for end in range(1, len(tokens) + 1):
        for start in range(max(0, end - 6), end):
            prev = best[start]
            phrase = " ".join(tokens[start:end])
            if prev is not None and on_page(phrase) and (best[end] is None or len(prev) + 1 < len(best[end])):
                best[end] = prev + [phrase]
    found = best[len(tokens)]
    return found if found and len(found) > 1 else None


_URL_LABELS = ("short url", "short link", "shortlink", "short link to this article", "permalink", "share link",
               "link to this article", "article link")  # fmt: skip


_LABELLED_URL_RE = regex.compile(r"^(?P<label>[^:]{4,40}?)\s*:?\s*(?P<url><?https?://\S+?>?)?$")


def _labelled_url(blocks: list[Block], kinds: list[str]) -> str | None:
    """The page's own address under a label ("Short Url" / "https://arab.news/w8r4c"), or after it
    on the same line ("Permalink: https://…")."""
    for i, block in enumerate(blocks):
        t = " ".join(block.text.split())
        m = _LABELLED_URL_RE.match(t)
        if not m or m["label"].casefold() not in _URL_LABELS:
            continue
        url = m["url"]
        if url is None and i + 1 < len(blocks) and kinds[i + 1] == "url":
            url = blocks[i + 1].text.strip() if _URL_RE.match(blocks[i + 1].text.strip()) else (link_urls(blocks[i + 1]) or [None])[0]
        if url:
            url = url.strip("<>")
            parts = _safe_split(url)
            if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
                return url
    return None


def _safe_split(url: str):
    """`urlsplit`, or None for what is not a URL at all ('http://[::1' raises ValueError)."""
    try:
        return urlsplit(url)
    except (ValueError, TypeError, AttributeError):
        return None


# --- publishers and sidecars ---------------------------------------------------------------------


class Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    hosts: list[str] = []
    names: list[str] = []


def load_publishers(path: Path) -> list[Publisher]:
    if not path.exists():
        return []
    data = _read_toml(path)
    try:
        return [Publisher.model_validate(p) for p in data.get("publisher", [])]
    except ValidationError as exc:
        raise ArchiveError(f"{path}: {_first_error(exc)}") from None


def find_publisher(publishers: list[Publisher], page_text: str, urls: list[str]) -> str | None:
    """The article's publisher, by the evidence a reader uses, strongest first:
    - a mirror's banner naming the original ("X Inc. published this content on …"): the known
      publisher of that name, else the name as the banner prints it (corporate suffix dropped);
    - a known publisher whose host the page links to, or whose name it prints;
    - the site's own copyright line ("© 2024 Reuters", "Rafidain Post © 2024"), a known publisher's
      name when it is one.
    Nothing is guessed: a page that shows none of these has no publisher."""
    try:
        return _find_publisher(publishers, page_text or "", urls or [])
    except Exception:  # noqa: BLE001 - a publisher is a fact to find, never a reason to fail ingest
        return None


def _find_publisher(publishers: list[Publisher], page_text: str, urls: list[str]) -> str | None:
    flat = " ".join(page_text.split())
    banner = _BANNER_ORG_RE.search(html_lib.unescape(flat)) if "published this content" in flat.casefold() else None
    if banner is not None:
        org = banner_org(banner["org"])
        return _known_name(publishers, org) or org
    hosts = {p.netloc.removeprefix("www.") for u in urls if (p := _safe_split(u)) is not None and p.netloc}
    folded = flat.casefold()
    for publisher in publishers:
        if hosts & {h.removeprefix("www.") for h in publisher.hosts}:
            return publisher.name
    for publisher in publishers:
        if any(n.casefold() in folded for n in [publisher.name, *publisher.names]):
            return publisher.name
    owner = copyright_owner(html_lib.unescape(page_text))
    if owner is not None:
        return _known_name(publishers, owner) or owner
    return _outlet_dateline(page_text)


_OUTLET_WORDS = r"(?:News(?:\s+Agency)?|English|TV|Network|Agency|Media|Times|Post|Monitor|Today|24)"
# "Shafaq News - Baghdad", "Shafaq News/ Baghdad", "Kurdistan24 | Erbil": an outlet's own dateline
# on a line of its own, which news sites print over their own stories
_OUTLET_DATELINE_RE = regex.compile(
    rf"^\s*(?P<outlet>(?:[A-Z][\w'’\-]*\s+){{0,3}}{_OUTLET_WORDS}|Kurdistan24|Rudaw)\s*(?:[-–—|]|/)\s*"
    r"\p{Lu}[\p{L}'’\-]+(?:,?\s\p{Lu}[\p{L}'’\-]+)?\s*$"
)


def _outlet_dateline(page_text: str) -> str | None:
    """The outlet a page's own dateline names, among its first lines: the last evidence of who
    published it, after a banner, a known host or name, and a copyright line."""
    for line in page_text.splitlines()[:60]:
        m = _OUTLET_DATELINE_RE.match(html_lib.unescape(line))
        if m is not None:
            return m["outlet"]
    return None


def _known_name(publishers: list[Publisher], name: str) -> str | None:
    folded = banner_org(name).casefold().removeprefix("the ").strip()
    for publisher in publishers:
        for n in (publisher.name, *publisher.names):
            if banner_org(n).casefold().removeprefix("the ").strip() == folded:
                return publisher.name
    return None


_COPYRIGHT_RE = regex.compile(
    # the words are bounded: unbounded, a 100,000-letter word is re-read from each of its capitals
    r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<after>[A-Z][\w&'’.-]{0,40}(?:\s+[A-Z&][\w&'’.-]{0,40}){0,5})"
    r"|(?P<before>[A-Z][\w&'’-]{0,40}(?:\s+[A-Z&][\w&'’-]{0,40}){0,5})\s*©\s*\d{4}"
)
_COPYRIGHT_MARK_RE = regex.compile(r"©|\(c\)|Copyright")


def copyright_owner(text: str) -> str | None:
    """The name in the site's copyright line ("© 2024 Tigris Monitor. All rights reserved.")."""
    found = None
    lines = (line for line in text.splitlines() if _COPYRIGHT_MARK_RE.search(line))
    for m in (m for line in lines for m in _COPYRIGHT_RE.finditer(line)):
        name = (m["after"] or m["before"] or "").strip(" .,")
        name = regex.sub(r"\s+(?:All|Some)\b.*$|\s+(?:Media|Group|Ltd|Inc|LLC)\.?$", "", name).strip(" .,")
        if name and name.casefold() not in ("all rights reserved", "all", "copyright") and not name[0].isdigit():
            found = name  # the last one: the page's footer, not a quoted credit
    return found


class Sidecar(BaseModel):
    """`<article>.meta.toml`: facts a person supplies or corrects; they win over what ingest reads."""

    model_config = ConfigDict(extra="forbid")
    title: str | None = None
    authors: list[str] | None = None
    date: dt.date | None = None
    publisher: str | None = None
    series: str | None = None
    kind: str | None = None
    url: str | None = None
    accessed: dt.date | None = None
    topics: list[str] | None = None
    regions: list[str] | None = None


def load_sidecar(path: Path) -> Sidecar:
    if not path.exists():
        return Sidecar()
    try:
        return Sidecar.model_validate(_read_toml(path))
    except ValidationError as exc:
        raise ArchiveError(f"{path}: {_first_error(exc)}") from None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ArchiveError(f"{path}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{path}: cannot read ({exc})") from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "file"
    return f"{where}: {err['msg']}"


# --- live blogs ----------------------------------------------------------------------------------

_TIME_LINE_RE = regex.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:GMT|UTC|[A-Z]{2,4}|\(\w+\)))?$", regex.I)


_TIME_LEAD_RE = regex.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|am|pm))?\s+\S")
_WEEKDAY_LEAD_RE = regex.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+")


def entry_days(layout, blocks) -> dict[int, dt.date]:
    """A live blog's day headings ("30 Sep 2024" alone on a line, over entries timed "22:10
    GMT"), by block: each entry's quotes are of its day. Only a page with two or more such
    headings and timed entries is read so; one date line is an article's date, not a blog's day."""
    days: dict[int, dt.date] = {}
    timed = checked = 0
    reference = layout.header.get("date") if isinstance(layout.header.get("date"), dt.date) else None
    for i, block in enumerate(blocks):
        text = " ".join(block.text.split())
        if _TIME_LINE_RE.match(text):
            timed += 1
            continue
        if _TIME_LEAD_RE.match(text):
            timed += 1  # "13:20 Khazali: government must answer. …": an entry opened by its time
        if len(text.split()) > 5:
            continue
        lead = _WEEKDAY_LEAD_RE.match(text)  # "Thursday, 8 February 2024"
        found = find_header_dates(text, None)
        start = lead.end() if lead else 0
        if len(found) == 1 and found[0].start == start and found[0].end >= len(text.rstrip(" .")) - 1:
            days[i] = found[0].date
        elif lead and reference is not None and not found:
            # "Monday, April 14" over a week's statement log: the year is the page's, and the
            # weekday must agree with the day it gives
            phrases = find_dates(text[start:])
            day = phrases[0].first(reference) if len(phrases) == 1 and phrases[0].start == 0 else None
            if day is not None and day.strftime("%A").casefold() == text[: lead.end()].strip(" ,").casefold():
                days[i] = day
                checked += 1
    if len(set(days.values())) < 2 or (timed < 2 and checked < 2):
        return {}
    return days
