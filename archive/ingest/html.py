"""Saved HTML pages, read into the same blocks as a text capture.

BeautifulSoup (with Python's own html.parser) gives the page's structure: which elements are
paragraphs, headings, figures and captions, which sit inside the <article> and which inside page
chrome (nav, aside, footer, share bars), and the page's metadata (<h1>, <time datetime>, canonical
link, meta tags). The text of each block is then matched against the raw file, segment by segment
between tags, so every character keeps its offset in the HTML file and spans stay exact, entities
included.

A figure's <figcaption> without "Figure N" gets that label (as characters the archive inserted, at
no file offset), numbered by the figure's place in the article, so captions read the same as in a
text capture.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
from dataclasses import dataclass, field

import regex
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from archive.errors import ArchiveError
from archive.ingest.capture import SYNTHETIC, Block, Capture, Line, MappedText
from archive.ingest.dates import parse_full_date

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "dt", "dd", "td", "th",
               "pre", "address", "caption", "div", "time", "section", "header", "footer", "aside", "nav", "article",
               "main", "figure", "ul", "ol", "table", "tr", "tbody", "thead", "form", "span", "a"}  # fmt: skip
_CONTAINERS = {"div", "section", "header", "footer", "aside", "nav", "article", "main", "figure", "ul", "ol", "table",
               "tr", "tbody", "thead", "form", "blockquote", "li", "span", "a", "time"}  # fmt: skip
_INLINE = {"span", "a", "time"}
_KIND_CLASS_RE = regex.compile(
    r"kicker|eyebrow|article-type|content-type|category-label|overline", regex.IGNORECASE
)
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "button", "input", "select")
_CHROME_TAGS = {"nav", "footer", "aside", "form"}
_CHROME_RE = regex.compile(
    r"share|social|newsletter|related|recommend|sidebar|comment|cookie|subscribe|breadcrumb|menu|promo|"
    r"signup|sign-up|alert|masthead|site-header|site-footer|pager|pagination|tags-list|author-bio|bio",
    regex.IGNORECASE,
)
_EMPHASIS = {"em", "i"}
_FIGURE_LABEL_RE = regex.compile(r"^\s*Fig(?:ure|\.)\s*\d+", regex.IGNORECASE)
_IMAGE_RE = regex.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$", regex.IGNORECASE)


@dataclass
class HtmlHints:
    """What the page's structure says, for the layout stage to prefer over text heuristics."""

    meta: dict[str, object] = field(default_factory=dict)
    body: set[int] | None = None  # blocks inside the article and outside chrome
    figure_of: dict[int, int] = field(default_factory=dict)  # block -> figure number (<figure> members)


def html_blocks(capture: Capture) -> tuple[list[Block], HtmlHints]:
    soup = BeautifulSoup(capture.text, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    article = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"})
    hints = HtmlHints(meta=_meta(soup, article))
    reader = _Reader(capture)
    blocks: list[Block] = []
    body: set[int] = set()
    figure_number = 0
    root = soup.body or soup
    for element in _leaf_blocks(root):
        inside_article = article is not None and (element is article or article in element.parents)
        chrome = _in_chrome(element, article)
        figure = element if element.name == "figure" else element.find_parent("figure")
        if element.name == "img":
            src = element.get("src") or ""
            if not src:
                continue
            made = reader.image_block(element, str(src))
        else:
            made = reader.text_block(element)
        if made is None:
            continue
        if figure is not None:
            if element.name == "figcaption" or not figure.get("data-archive-figure"):
                if not figure.get("data-archive-figure"):
                    figure_number += 1
                    figure["data-archive-figure"] = str(figure_number)
            number = int(figure["data-archive-figure"])
            if element.name == "figcaption" and not _FIGURE_LABEL_RE.match(made.text):
                made = _labelled(made, number)
            hints.figure_of[len(blocks)] = number
        if inside_article and not chrome:
            body.add(len(blocks))
        blocks.append(made)
    if article is not None:
        hints.body = body
    if not any(len(b.text.split()) >= 8 for b in blocks):
        raise ArchiveError(f"{capture.path}: no article found in this HTML page (no paragraphs of prose)")
    return blocks, hints


def _leaf_blocks(root: Tag):
    """Elements that hold text directly (paragraphs, headings, captions, list items…) and images,
    in document order, each once: nothing inside an element already read is read again."""
    taken: set[int] = set()
    for element in root.descendants:
        if not isinstance(element, Tag) or any(id(p) in taken for p in element.parents):
            continue
        if element.name == "img":
            yield element
            continue
        if element.name not in _BLOCK_TAGS:
            continue
        if any(isinstance(d, Tag) and d.name in _BLOCK_TAGS - _INLINE for d in element.descendants):
            continue  # a container: its children are read instead
        if element.get_text(strip=True):
            taken.add(id(element))
            yield element


def _in_chrome(element: Tag, article: Tag | None) -> bool:
    for node in [element, *element.parents]:
        if node is article:
            return False
        if not isinstance(node, Tag):
            continue
        if node.name in _CHROME_TAGS:
            return True
        names = " ".join([*node.get("class", []), str(node.get("id", "")), str(node.get("role", ""))])
        if names.strip() and _CHROME_RE.search(names):
            return True
    return False


def _labelled(block: Block, number: int) -> Block:
    line = block.lines[0]
    label = f"Figure {number}: "
    clean = MappedText(label + line.clean.text, [SYNTHETIC] * len(label) + line.clean.offsets,
                       [(a + len(label), b + len(label), u) for a, b, u in line.clean.links],
                       [(a + len(label), b + len(label)) for a, b in line.clean.emphasis])  # fmt: skip
    return Block([Line(line.number, line.start, line.raw, clean), *block.lines[1:]])


def _meta(soup: BeautifulSoup, article: Tag | None) -> dict[str, object]:
    """The page's metadata: what its tags say about the article (visible <h1>, <time datetime>,
    canonical link, meta tags, JSON-LD). A fact the page does not state stays out; nothing here may
    raise on a malformed page."""
    try:
        return _read_meta(soup, article)
    except Exception:  # noqa: BLE001 - metadata is evidence, never a reason to fail ingest
        return {}


def _read_meta(soup: BeautifulSoup, article: Tag | None) -> dict[str, object]:
    from archive.ingest.layout import KIND_LABELS, _person_name, is_agency  # layout reads these pages' text

    def content(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and str(tag.get("content", "")).strip():
                return " ".join(str(tag["content"]).split())
        return None

    ld = _json_ld(soup)
    scope = article or soup
    meta: dict[str, object] = {}
    kicker = scope.find(class_=_KIND_CLASS_RE)
    if kicker is not None:
        label = kicker.get_text(" ", strip=True)
        if label.casefold() in KIND_LABELS:  # an article type; a section ("Middle East") is not one
            meta["kind"] = label
    h1 = scope.find("h1")
    meta["title"] = (h1.get_text(" ", strip=True) if h1 else None) or content("og:title", "citation_title")
    authors = [
        " ".join(str(t.get("content", "")).split())
        for t in soup.find_all("meta", attrs={"name": ["author", "citation_author"]})
    ]
    authors = [a for a in authors if a]
    if len(authors) == 1 and "," in authors[0]:
        authors = [a.strip() for a in regex.split(r",\s*|\s+and\s+", authors[0]) if a.strip()]
    ld_people = [n for kind, n in ld.get("authors", []) if kind == "Person"]
    ld_orgs = {n.casefold() for kind, n in ld.get("authors", []) if kind != "Person"}
    authors = [a for a in authors if a.casefold() not in ld_orgs]  # the "author" is an organization
    if not authors:
        authors = ld_people or _byline_people(scope, _person_name, is_agency)
    if authors:
        meta["authors"] = authors
    time = scope.find("time", attrs={"datetime": True})
    raw_date = (
        (time["datetime"] if time else None)
        or content("article:published_time", "citation_publication_date", "date")
        or ld.get("date")
    )
    if raw_date:
        iso = regex.match(r"\d{4}-\d{2}-\d{2}", str(raw_date))
        meta["date"] = _iso_date(iso.group()) if iso else parse_full_date(str(raw_date))
    canonical = soup.find("link", rel="canonical")
    meta["url"] = (str(canonical["href"]) if canonical and canonical.get("href") else None) or content(
        "og:url"
    )
    meta["publisher"] = content("og:site_name", "citation_publisher")
    tags = [str(t["content"]).strip() for t in soup.find_all("meta", attrs={"property": "article:tag"})]
    if tags:
        meta["topics"] = tags
    return {k: v for k, v in meta.items() if v}


def _json_ld(soup: BeautifulSoup) -> dict[str, object]:
    """The article's JSON-LD: its authors (with their @type) and datePublished."""
    import json

    out: dict[str, object] = {"authors": []}
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if not isinstance(item, dict) or "Article" not in str(item.get("@type", "")):
                continue
            people = item.get("author") or []
            for person in people if isinstance(people, list) else [people]:
                if isinstance(person, dict) and str(person.get("name", "")).strip():
                    out["authors"].append((str(person.get("@type", "Person")), " ".join(str(person["name"]).split())))  # type: ignore[union-attr]
            if item.get("datePublished") and "date" not in out:
                out["date"] = str(item["datePublished"])
    return out


def _byline_people(scope: Tag, person_name, is_agency) -> list[str]:
    """People named in the page's visible byline element (class "author" / "byline", rel=author)."""
    found: list[str] = []
    for tag in scope.find_all(True):
        names = " ".join([*tag.get("class", []), str(tag.get("rel", ""))]).casefold()
        if not regex.search(r"\bauthor\b|byline|__author|-author|author-name", names) or regex.search(r"bio", names):
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
        text = regex.sub(r"^(?:written\s+)?by\s+", "", text, flags=regex.IGNORECASE)
        for name in regex.split(r",\s*|\s+and\s+|\s*&\s*|\s*[|·•]\s*", text):
            if person_name(name) and not is_agency(name) and name not in found:
                found.append(name)
        if found:
            break
    return found


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class _Reader:
    """Matches an element's text against the raw HTML, giving each character its file offset."""

    def __init__(self, capture: Capture):
        self.capture = capture
        self.raw = capture.text
        self.lines = capture.lines

    def offset(self, element: Tag) -> int:
        return self.lines.offset(element.sourceline or 1, element.sourcepos or 0)

    def image_block(self, element: Tag, src: str) -> Block | None:
        start = self.offset(element)
        at = self.raw.find(src, start)
        if at == -1:
            return None
        clean = MappedText(src, list(range(at, at + len(src))), [(0, len(src), src)])
        return Block([Line(self.lines.line_of(at), at, self.raw[at : at + len(src)], clean)])

    def text_block(self, element: Tag) -> Block | None:
        chars: list[str] = []
        offsets: list[int] = []
        links: list[tuple[int, int, str | None]] = []
        emphasis: list[tuple[int, int]] = []
        breaks: list[int] = []
        cursor = self.offset(element)
        segments = self._segments(cursor)
        for node in element.descendants:
            if isinstance(node, Tag):
                if node.name == "br":
                    breaks.append(len(chars))
                continue
            if not isinstance(node, NavigableString) or isinstance(node, Comment):
                continue
            text = str(node)
            mapped = self._match(segments, text)
            start = len(chars)
            for c, o in mapped:
                chars.append(c)
                offsets.append(o)
            link = node.find_parent("a")
            if link is not None and (link is element or element in link.parents):
                links.append((start, len(chars), str(link.get("href")) if link.get("href") else None))
            if any(p.name in _EMPHASIS for p in node.parents if p is not element and element in p.parents):
                emphasis.append((start, len(chars)))
        lines = self._lines(chars, offsets, links, emphasis, breaks)
        return Block(lines) if lines else None

    def _segments(self, start: int):
        """Raw text runs after `start`, as (offset, raw text), skipping tags and comments."""
        raw, pos = self.raw, start
        while pos < len(raw):
            if raw.startswith("<!--", pos):
                end = raw.find("-->", pos)
                pos = len(raw) if end == -1 else end + 3
            elif raw[pos] == "<":
                pos = _tag_end(raw, pos)
            else:
                end = raw.find("<", pos)
                end = len(raw) if end == -1 else end
                yield pos, raw[pos:end]
                pos = end

    def _match(self, segments, text: str) -> list[tuple[str, int]]:
        for offset, segment in segments:
            if html_lib.unescape(segment) == text:
                return _decode(segment, offset)
        return [(c, SYNTHETIC) for c in text]  # not found verbatim: keep the text, claim no offset

    def _lines(self, chars, offsets, links, emphasis, breaks) -> list[Line]:
        cuts = [0, *breaks, len(chars)]
        out = []
        for a, b in zip(cuts, cuts[1:]):
            text, offs, remap = _collapse(chars[a:b], offsets[a:b])
            if not text.strip():
                continue
            mt = MappedText(
                text,
                offs,
                [(remap[x - a], remap[y - a], u) for x, y, u in links if a <= x and y <= b],
                [(remap[x - a], remap[y - a]) for x, y in emphasis if a <= x and y <= b],
            ).strip()
            real = [o for o in mt.offsets if o != SYNTHETIC]
            if not real:
                continue
            first, last = real[0], real[-1] + 1
            out.append(Line(self.lines.line_of(first), first, self.raw[first:last], mt))
        return out


def _tag_end(raw: str, pos: int) -> int:
    quote = None
    for i in range(pos + 1, len(raw)):
        c = raw[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == ">":
            return i + 1
    return len(raw)


_ENTITY_RE = regex.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _decode(segment: str, offset: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _ENTITY_RE.finditer(segment):
        out.extend((c, offset + pos + k) for k, c in enumerate(segment[pos : m.start()]))
        out.extend((c, offset + m.start()) for c in html_lib.unescape(m.group()))
        pos = m.end()
    out.extend((c, offset + pos + k) for k, c in enumerate(segment[pos:]))
    return out


def _collapse(chars: list[str], offsets: list[int]) -> tuple[str, list[int], dict[int, int]]:
    """White space folded as a browser shows it; `remap` maps old indexes to new ones."""
    text: list[str] = []
    offs: list[int] = []
    remap: dict[int, int] = {}
    for i, (c, o) in enumerate(zip(chars, offsets)):
        remap[i] = len(text)
        if c.isspace():
            if text and text[-1] == " ":
                continue
            c = " "
        text.append(c)
        offs.append(o)
    remap[len(chars)] = len(text)
    return "".join(text), offs, remap
