"""Markdown captures, as web clippers save a page (Obsidian Web Clipper, MarkDownload, pandoc): the
YAML front matter they write above it is the page's metadata as the clipper read it from the page's
tags, never text of the article; its `created` / `clipped` date is when the page was saved (the
capture's "accessed"), never the article's date.

The inline and line markup (`[text](url)`, `![alt](image)`, `**bold**`, `_em_`, `\\_`, `# `, `> `) is
read by `capture.strip_markup`, one line at a time, each kept character at its file offset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex
import yaml

from archive.ingest.dates import parse_full_date

_FRONT_MATTER_RE = regex.compile(
    r"\A\ufeff?---[ \t]*(?:\r\n|\n|\r)(?P<yaml>.*?)(?:\r\n|\n|\r)(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", regex.DOTALL
)
_MAX_FRONT_MATTER = 20_000  # characters: a clipper writes a few lines, not a document
_WIKI_LINK_RE = regex.compile(r"^\[\[(?:[^\]|]*\|)?(?P<name>[^\]]*)\]\]$")  # Obsidian's "[[Layla Hamdan]]"
_TITLE_SITE_RE = regex.compile(r"^(?P<title>.{8,}?)\s+[|–—]\s+(?P<site>[^|–—]{2,60})$")


@dataclass(slots=True)
class FrontMatter:
    end: int  # file offset just past the closing `---`
    meta: dict[str, object] = field(default_factory=dict)  # title, authors, date, url, publisher, accessed
    problem: str | None = None  # why it could not be read (said as a warning)


def front_matter(text: str) -> FrontMatter | None:
    """The YAML block that opens a markdown capture, or None when the capture has none (a text
    that merely opens with a `---` rule is no front matter: what is inside is no mapping)."""
    m = _FRONT_MATTER_RE.match(text[: _MAX_FRONT_MATTER + 200])
    if m is None:
        return None
    try:
        data = yaml.safe_load(m["yaml"])
    except yaml.YAMLError as e:
        first = " ".join(str(e).split())[:120]
        return FrontMatter(m.end(), problem=f"its front matter is not valid YAML ({first}); read as no metadata")
    except RecursionError:
        return FrontMatter(m.end(), problem="its front matter nests too deep to read; read as no metadata")
    if not isinstance(data, dict):
        return None
    return FrontMatter(m.end(), _meta(data))


def _meta(data: dict) -> dict[str, object]:
    meta: dict[str, object] = {}
    title = _text(data.get("title"))
    if title:
        split = _TITLE_SITE_RE.match(title)  # "Walai Draws a Line on the PMF Vote | Tigris Security Review"
        meta["title"] = split["title"] if split else title
        if split:
            meta["publisher"] = split["site"].strip()
    site = _text(data.get("site") or data.get("site_name") or data.get("publisher"))
    if site:
        meta["publisher"] = site
    url = _text(data.get("source") or data.get("url") or data.get("link") or data.get("canonical"))
    if url and regex.match(r"https?://\S+$", url):
        meta["url"] = url
    authors = data.get("author") or data.get("authors") or []
    names = [_person(a) for a in (authors if isinstance(authors, list) else [authors])]
    if names := [n for n in names if n]:
        meta["authors"] = names
    date = _date(data.get("published") or data.get("date"))
    if date is not None:
        meta["date"] = date
    accessed = _date(data.get("created") or data.get("clipped") or data.get("saved") or data.get("accessed"))
    if accessed is not None:
        meta["accessed"] = accessed
    return meta


def _text(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _person(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    wiki = _WIKI_LINK_RE.match(text)
    return (wiki["name"].strip() if wiki else text) or None


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    iso = regex.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    return parse_full_date(text)
