"""Page layout: which blocks are header, body and chrome, and what the header says of the article.

A think-tank page puts the title, byline, dateline, author bios and series links above the body,
and share buttons, series lists, recommended articles and topic lists below it. The body runs from
the first paragraph of prose after the header to the end mark (❖) or, without one, to the first
chrome heading. Evidence is read from the capture's structure, never from line numbers.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import regex
from pydantic import BaseModel, ConfigDict, ValidationError

from archive.arabic import arabic_share
from archive.errors import ArchiveError
from archive.ingest.capture import Block
from archive.ingest.dates import parse_full_date

CHROME_HEADINGS = {
    "about the authors", "part of a series", "recommended", "topics", "regions & countries",
    "share", "email alerts", "stay up to date", "sign up for email alerts", "sign up", "to top",
    "view/print page as pdf", "also available in", "related", "more by", "related content",
}  # fmt: skip
END_MARKS = ("❖",)
KIND_LABELS = {
    "brief analysis", "policy analysis", "articles & testimony", "policywatch", "policy notes",
    "policy focus", "research notes", "op-ed", "commentary", "analysis", "report", "interview",
}  # fmt: skip
_CAPTION_RE = regex.compile(r"^Fig(?:ure|\.)\s*(?P<n>\d+)\s*[:.\-–—]\s*(?P<caption>.*)$", regex.IGNORECASE)
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

    def in_body(self, index: int) -> bool:
        if self.allowed is not None and index not in self.allowed:
            return False
        return self.body_start is not None and self.body_start <= index <= (self.body_end or -1)


def caption_match(text: str) -> regex.Match[str] | None:
    return _CAPTION_RE.match(text)


def block_kind(block: Block) -> str:
    text = block.text
    if caption_match(text):
        return "caption"
    if _URL_RE.match(text) or _is_link_only(block):
        return "url"
    if arabic_share(text) >= 0.5:
        return "arabic"
    if text.strip().casefold().rstrip(":") in CHROME_HEADINGS:
        return "chrome"
    words = _WORD_RE.findall(text)
    if len(words) >= 8 and any(c.islower() for c in text):
        return "prose"
    return "short"


def _is_link_only(block: Block) -> bool:
    """A line that is a link with no text of its own, such as `[\\(/policy-analysis/x\\)](#)`."""
    line = block.lines[0].clean
    return len(block.lines) == 1 and not line.text.strip() and any(url for _, _, url in line.links)


def link_urls(block: Block) -> list[str]:
    return [url for line in block.lines for _, _, url in line.clean.links if url]


def analyse(blocks: list[Block], hints=None) -> Layout:
    """The page's parts. `hints` (from an HTML page's structure) win over what the text suggests."""
    kinds = [block_kind(b) for b in blocks]
    allowed = hints.body if hints is not None else None
    texts = [b.text for b in blocks]
    header: dict[str, object] = {}

    def first(pred, start: int = 0, stop: int | None = None) -> int | None:
        for i in range(start, len(blocks) if stop is None else min(stop, len(blocks))):
            if pred(i):
                return i
        return None

    i_by = first(lambda i: texts[i].lower().startswith("by ") and len(texts[i]) < 300, stop=20)
    i_date = first(lambda i: parse_full_date(texts[i]) is not None, stop=30)
    i_series = first(lambda i: texts[i].lower().startswith("part of a series"))
    i_part1 = first(lambda i: texts[i].lower().startswith("or see part"))
    i_about = first(lambda i: texts[i].casefold() == "about the authors", stop=30)

    # Title: the block right above the byline, else the first one that is not a breadcrumb.
    if i_by is not None and i_by > 0:
        header["title"] = texts[i_by - 1]
    else:
        i_title = first(lambda i: kinds[i] in ("short", "prose") and not texts[i].endswith("/"))
        header["title"] = texts[i_title] if i_title is not None else None
    if i_by is not None:
        header["authors"] = _authors(blocks[i_by])
    if i_date is not None:
        header["date"] = parse_full_date(texts[i_date])
    if i_series is not None:
        header["series"] = texts[i_series].split(":", 1)[-1].strip() or None
        kind_line = texts[i_series - 1] if i_series > 0 else ""
        if kinds[i_series - 1] == "short" and len(kind_line.split()) <= 4 and kind_line[:1].isupper():
            header["kind"] = kind_line
    if "kind" not in header:
        # a known label printed above the title or byline ("Brief Analysis")
        i_kind = first(lambda i: texts[i].casefold() in KIND_LABELS, stop=i_by if i_by is not None else 10)
        if i_kind is not None:
            header["kind"] = texts[i_kind]

    markers = [i for i in (i_by, i_date, i_series, i_part1) if i is not None]
    after = max(markers) + 1 if markers else 0
    authors = [a.casefold() for a in header.get("authors", [])]  # type: ignore[union-attr]

    def is_bio(i: int) -> bool:
        lead = texts[i].casefold().removeprefix("dr. ")
        return i_about is not None and i > i_about and any(lead.startswith(a) for a in authors)

    def allowed_prose(i: int) -> bool:
        return kinds[i] == "prose" and not is_bio(i) and (allowed is None or i in allowed)

    body_start = (
        first(allowed_prose, start=after) if allowed is None or after <= min(allowed, default=0) else None
    )
    if body_start is None:
        body_start = first(allowed_prose, start=after) or first(allowed_prose)
    body_end = None
    if body_start is not None:
        body_end = first(lambda i: any(m in texts[i] for m in END_MARKS), start=body_start)
        if body_end is None and allowed:
            body_end = max(allowed)
        elif body_end is None:
            chrome = first(lambda i: kinds[i] == "chrome", start=body_start + 1)
            body_end = (chrome - 1) if chrome is not None else len(blocks) - 1
    header["topics"] = _listed_after(blocks, kinds, "topics")
    header["regions"] = _listed_after(blocks, kinds, "regions & countries")
    header["also_available_in"] = _listed_after(blocks, kinds, "also available in")
    layout = Layout(blocks, kinds, body_start, body_end, header, allowed)
    header["url"] = _own_url(layout, header.get("title"))  # type: ignore[arg-type]
    if hints is not None:
        layout.figure_of = hints.figure_of
        header.update(hints.meta)
    return layout


def _authors(block: Block) -> list[str]:
    line = block.lines[0].clean
    linked = [line.text[a:b].strip() for a, b, _ in line.links if line.text[a:b].strip()]
    if linked:
        return linked
    names = regex.split(r",\s*|\s+and\s+", block.text[3:].strip())
    return [n.strip() for n in names if n.strip()]


def _listed_after(blocks: list[Block], kinds: list[str], heading: str) -> list[str]:
    """Items listed under a chrome heading such as TOPICS: short blocks up to the next heading."""
    items: list[str] = []
    for i, block in enumerate(blocks):
        if block.text.casefold() != heading:
            continue
        for j in range(i + 1, len(blocks)):
            if kinds[j] != "short" or blocks[j].text.isupper():
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
    if target is None:
        return None
    if urlsplit(target).scheme:
        return target
    section = "/" + target.strip("/").split("/")[0] + "/"
    hosts = sorted(
        {
            f"{p.scheme}://{p.netloc}"
            for b in blocks
            for u in link_urls(b)
            if (p := urlsplit(u)).scheme in ("http", "https") and p.path.startswith(section)
        }
    )
    return hosts[0] + target if len(hosts) == 1 else None


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
    """A known publisher whose host the page links to under its own sections, or whose name it prints."""
    hosts = {urlsplit(u).netloc.removeprefix("www.") for u in urls if urlsplit(u).netloc}
    flat = " ".join(page_text.split()).casefold()
    for publisher in publishers:
        if hosts & {h.removeprefix("www.") for h in publisher.hosts}:
            return publisher.name
    for publisher in publishers:
        if any(n.casefold() in flat for n in [publisher.name, *publisher.names]):
            return publisher.name
    return None


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
