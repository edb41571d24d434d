"""Saved HTML pages, read into the same blocks as a text capture.

BeautifulSoup (with Python's own html.parser) gives the page's structure: which elements are
paragraphs, headings, figures and captions, which sit inside the article and which inside page
chrome (nav, aside, footer, share bars), and the page's metadata (<h1>, <time datetime>, canonical
link, meta tags, JSON-LD). Every text node is then found in the raw file: a second pass of the same
tokenizer records where each run of text between tags starts, so every character keeps its offset
in the HTML file and spans stay exact, entities included (an entity's characters map to its `&`).

Which blocks are the article's body is trafilatura's reading when it has one (`extract.py`): our
blocks whose text is one of its lines. Figures, captions and Arabic blocks inside the article stay
in the body by our structure (trafilatura drops captions). Without a usable reading (none, an error,
or one covering under a third of our prose) the body is our own: the <article> or <main> holding
the most paragraph text, outside chrome.

A figure's <figcaption> without "Figure N" gets that label (as characters the archive inserted, at
no file offset), numbered by the figure's place in the article, so captions read the same as in a
text capture.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial

import regex
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import PreformattedString

from archive.errors import ArchiveError
from archive.ingest import extract as extract_mod
from archive.ingest.capture import SYNTHETIC, Block, Capture, Line, MappedText, read_reference
from archive.ingest.dates import parse_full_date
from archive.ingest.layout import is_photo_caption

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "blockquote", "dt", "dd", "td", "th",
               "pre", "address", "caption", "div", "time", "section", "header", "footer", "aside", "nav", "article",
               "main", "figure", "ul", "ol", "table", "tr", "tbody", "thead", "form", "span", "a"}  # fmt: skip
_INLINE = {"span", "a", "time"}
_BLOCKISH = _BLOCK_TAGS - _INLINE  # an element holding one of these is a container, read by its parts
_KIND_CLASS_RE = regex.compile(
    r"kicker|eyebrow|article-type|content-type|category-label|overline", regex.IGNORECASE
)
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "button", "input", "select")
_CHROME_TAGS = {"nav", "footer", "aside", "form"}
# page chrome by a word of its class, id or role ("share-bar", "relatedArticles", "rightsidebar"),
# never by a substring of a word ("commentary", "biography")
_CHROME_WORD_RE = regex.compile(
    r"(?:share|social|newsletter|related|recommend|sidebar|comment(?!ar)|cookie|subscri|breadcrumb|menu|"
    r"promo|signup|alert|masthead|pager|paginat)\w*|\w*(?:sidebar|share|menu)|bios?"
)
_CHROME_PAIRS = {("sign", "up"), ("site", "header"), ("site", "footer"), ("tags", "list"), ("author", "bio")}
_WORD_SPLIT_RE = regex.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")
_BIG_SHARE = 0.5  # a "sidebar" or <form> holding half the page's prose is the page's layout, not chrome
_MIN_COVER = 0.3  # trafilatura's body must cover this share of our own body's prose to be used
_EMPHASIS = {"em", "i"}
_ARABIC_LETTER_RE = regex.compile(r"[\u0600-\u06FF]")
# what a statement's caption says (figures.STATEMENT_CAPTION_RE, less the words a photo's caption uses too)
_STATEMENT_WORDS_RE = regex.compile(
    r"\b(?:statements?|communiqu[eé]s?|posts?|posted|tweets?|speech(?:es)?|interviews?|messages?|letter|"
    r"sermon|announcement|claim(?:ed|s)?|screenshot|leaflet|poster|banner|video)\b",
    regex.IGNORECASE,
)


_FILE_PHOTO_RE = regex.compile(r"\s*FILE\s+PHOTO\b", regex.IGNORECASE)


def _statement_figure(figure: Tag) -> bool:
    """Whether a <figure> shows a statement (the page labels it "Figure N", it holds Arabic text,
    or its caption speaks of a statement, post or speech) rather than a news photo ("Mourners
    carry …  AFP", "FILE PHOTO: …"), which is no figure of the archive's."""
    caption_tag, images = None, []
    for node in figure.descendants:  # one walk (bs4's find costs a tenth of a millisecond a call)
        if isinstance(node, Tag):
            if node.name == "figcaption" and caption_tag is None:
                caption_tag = node
            elif node.name == "img":
                images.append(node)
    caption = " ".join(caption_tag.get_text(" ").split()) if caption_tag is not None else ""
    if _FIGURE_LABEL_RE.match(caption) or _ARABIC_LETTER_RE.search(figure.get_text(" ")):
        return True
    alt = " ".join(str(img.get("alt") or "") for img in images)
    if _ARABIC_LETTER_RE.search(alt):
        return True
    if _FILE_PHOTO_RE.match(caption) or is_photo_caption(caption):
        return False  # "A poster of … on a Baghdad street. Photo: Anadolu via Getty Images": a news photo
    return bool(_STATEMENT_WORDS_RE.search(caption) or _STATEMENT_WORDS_RE.search(alt))


_FIGURE_LABEL_RE = regex.compile(r"^\s*Fig(?:ure|\.)\s*\d+", regex.IGNORECASE)
_IMAGE_RE = regex.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?$", regex.IGNORECASE)
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"


@dataclass
class HtmlHints:
    """What the page's structure says, for the layout stage to prefer over text heuristics."""

    meta: dict[str, object] = field(default_factory=dict)
    body: set[int] | None = None  # blocks of the article's body
    figure_of: dict[int, int] = field(default_factory=dict)  # block -> figure number (<figure> members)
    photos: set[int] = field(default_factory=set)  # blocks of <figure>s that are news photos, not statements
    cells: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # block -> its cell's (table, row, column, rows spanned)
    body_from: str | None = None  # "trafilatura" or "structure": who chose `body`
    layout: object | None = None  # the page's Layout read with exactly these hints, when already read
    unclosed_comments: list[int] = field(default_factory=list)  # file offsets of `<!--` never closed


@dataclass(slots=True)
class _Piece:
    """What becomes one block: an element read whole, an image, or a run of a container's own
    text and inline children between its block children (`nodes`)."""

    element: Tag
    nodes: list
    figure: Tag | None = None  # the <figure> it belongs to
    image: bool = False


def html_blocks(capture: Capture, use_extractor: bool = True) -> tuple[list[Block], HtmlHints]:
    runs = _TextRuns(capture.text)
    soup = BeautifulSoup(capture.text, builder=_RecordingBuilder(runs))
    ld = _json_ld(soup)  # read before the page's scripts go
    drop, comments = [], []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in _DROP:
                drop.append(node)
        elif isinstance(node, Comment):
            comments.append(node)
    for comment in comments:
        comment.extract()
    for tag in drop:
        if not tag.decomposed:  # not inside one already gone
            tag.decompose()
    root = soup.body or soup
    reader = _Reader(capture, runs)
    blocks: list[Block] = []
    pieces: list[_Piece] = []
    figure_of: dict[int, int] = {}
    photos: set[int] = set()
    figure_number = 0
    positions = _cell_positions(root)
    statement_figure: dict[int, bool] = {}
    cells: dict[int, tuple[int, int, int, int]] = {}
    for piece in _pieces(root):
        element, figure = piece.element, piece.figure
        if piece.image:
            made = reader.image_block(element, str(element.get("src") or ""))
        else:
            made = reader.text_block(element, piece.nodes)
        if made is None:
            continue
        if figure is not None and id(figure) not in statement_figure:
            statement_figure[id(figure)] = _statement_figure(figure)  # once per figure, not per piece of it
        if figure is not None and not statement_figure[id(figure)]:
            photos.add(len(blocks))  # a news photo and its caption: no statement of anyone's
        elif figure is not None:
            if element.name == "figcaption" or not figure.get("data-archive-figure"):
                if not figure.get("data-archive-figure"):
                    figure_number += 1
                    figure["data-archive-figure"] = str(figure_number)
            number = int(figure["data-archive-figure"])
            if element.name == "figcaption" and not _FIGURE_LABEL_RE.match(made.text):
                made = _labelled(made, number)
            figure_of[len(blocks)] = number
        if element.name in ("td", "th") and id(element) in positions:
            cells[len(blocks)] = positions[id(element)]
        blocks.append(made)
        pieces.append(piece)
    if not any(len(b.text.split()) >= 8 for b in blocks):
        raise ArchiveError(f"{capture.path}: no article found in this HTML page (no paragraphs of prose)")
    prose = _prose_by_element(blocks, pieces)
    article = _choose_article(soup, prose)
    hints = HtmlHints(meta=_meta(soup, article, ld), figure_of=figure_of, photos=photos, cells=cells)
    hints.unclosed_comments = runs.unfinished
    chrome = _Chrome(article, prose)
    within = {id(article), *(id(d) for d in article.descendants)} if article is not None else set()  # one walk
    ours = {i for i, p in enumerate(pieces) if id(p.element) in within and not chrome(p.element)}
    if article is not None:
        hints.body, hints.body_from = ours, "structure"
    from archive.ingest.layout import block_kind

    kinds = [block_kind(b) for b in blocks]
    found = extract_mod.extract(capture.text, sum(len(b.text) for b in blocks)) if use_extractor else None
    if found is not None:
        _extracted_body(found, blocks, kinds, ours if article is not None else None, chrome, pieces, hints)
    blocks, hints = _without_inner_chrome(blocks, kinds, hints)
    if use_extractor:
        _fallback_meta(capture, soup, blocks, hints)
    return blocks, hints


def _cell_positions(root: Tag) -> dict[int, tuple[int, int, int, int]]:
    """Each table cell's (table, row, column, rows it spans), columns counted as a reader lines them up: a cell
    that spans rows (`rowspan`) holds its column in the rows under it, one that spans columns
    (`colspan`) takes their places."""
    out: dict[int, tuple[int, int, int, int]] = {}
    for t, table in enumerate(root.find_all("table")):
        held: dict[int, int] = {}  # column -> rows still covered by a cell above
        rows = _rows_of(table)
        for r, tr in enumerate(rows):
            col = 0
            for cell in [c for c in tr.contents if isinstance(c, Tag) and c.name in ("td", "th")]:
                while held.get(col, 0) > 0:
                    col += 1
                if col >= MAX_COLUMNS:
                    break  # no reader lines up a table this wide: its cells are read as prose only
                span = _span(cell.get("colspan"))
                down = _span(cell.get("rowspan"))
                out[id(cell)] = (t, r, col, down)
                for c in range(col, min(col + span, MAX_COLUMNS)):
                    if down > 1:
                        held[c] = down  # counted down below, this row included
                col += span
            held = {c: n - 1 for c, n in held.items() if n - 1 > 0}
    return out


MAX_SPAN = 100  # rows or columns one cell may span: a table no reader lines up past that is damage
MAX_COLUMNS = 200


def _rows_of(table: Tag) -> list[Tag]:
    """The table's own rows in document order, not those of a table inside it: one walk of the
    table (rows left unclosed nest inside each other; asking each row for its table would walk
    that nesting again for every row)."""
    rows: list[Tag] = []
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag) or node.name == "table":
            continue
        if node.name == "tr":
            rows.append(node)
        stack.extend(reversed(node.contents))
    return rows


def _span(value) -> int:
    try:
        return max(1, min(int(str(value)), MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def _without_inner_chrome(blocks: list[Block], kinds: list[str], hints: HtmlHints) -> tuple[list[Block], HtmlHints]:
    """Blocks without the boxes set inside the article's body that the body leaves out and that
    hold a heading such as "Related" or "Sign up": the layout ends the body at such a heading, so
    kept, one would cut the article in two. Arabic blocks and figures always stay."""
    body = hints.body
    if not body:
        return blocks, hints
    prose_after = [0] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        prose_after[i] = prose_after[i + 1] + (i in body and kinds[i] == "prose")
    drop: set[int] = set()
    i = min(body)
    while i < len(blocks):
        if i in body:
            i += 1
            continue
        j = i
        while j < len(blocks) and j not in body:
            j += 1
        run = range(i, j)
        if (
            prose_after[j] >= 2
            and any(kinds[k] == "chrome" for k in run)
            and not any(kinds[k] == "arabic" or k in hints.figure_of for k in run)
        ):
            drop.update(run)
        i = j
    if not drop:
        return blocks, hints
    new_index = {}
    kept = []
    for i, block in enumerate(blocks):
        if i not in drop:
            new_index[i] = len(kept)
            kept.append(block)
    hints.body = {new_index[i] for i in body}
    hints.figure_of = {new_index[i]: n for i, n in hints.figure_of.items() if i in new_index}
    hints.photos = {new_index[i] for i in hints.photos if i in new_index}
    hints.cells = {new_index[i]: c for i, c in hints.cells.items() if i in new_index}
    return kept, hints


def _extracted_body(found, blocks, kinds, ours, chrome, pieces, hints) -> None:
    """The body as trafilatura reads it: our blocks that are its lines, with the figures, captions
    and Arabic our structure puts between them. Kept only when it covers at least a third of the
    prose of our own body (of the page outside chrome, without an article)."""
    texts = [b.text for b in blocks]
    matched = extract_mod.match_lines(texts, found.lines, skip={i for i, k in enumerate(kinds) if k == "url"})
    if not matched:
        return
    ours_prose = ours if ours is not None else {i for i, p in enumerate(pieces) if not chrome(p.element)}
    base = sum(len(texts[i]) for i in ours_prose if kinds[i] == "prose")
    covered = sum(len(texts[i]) for i in matched if kinds[i] in ("prose", "arabic"))
    if base and covered < _MIN_COVER * base:
        return
    keep = {
        i for i in range(min(matched), max(matched) + 1)
        if (ours is None or i in ours) and not chrome(pieces[i].element)
        and (i in hints.figure_of or kinds[i] in ("arabic", "caption") or pieces[i].image)
    }  # fmt: skip
    matched = {i for i in matched if not chrome(pieces[i].element)}  # a share bar, a sidebar's teaser
    if matched:
        hints.body, hints.body_from = matched | keep, "trafilatura"


def _fallback_meta(capture, soup, blocks, hints) -> None:
    """htmldate's date when neither the page's metadata nor its text gives one; trafilatura's
    authors when neither names any (people only: not the site's name, no dates)."""
    from archive.ingest.layout import _person_name, analyse

    meta = hints.meta
    if "date" in meta and "authors" in meta:
        return
    layout = analyse(blocks, hints)
    header = layout.header  # what the page's text says (bylines, datelines)
    before = dict(meta)
    if "date" not in meta and header.get("date") is None:
        iso = extract_mod.find_date(capture.text)
        if iso:
            meta["date"] = _iso_date(iso)
    if "authors" not in meta and not header.get("authors"):
        authors, sitename = extract_mod.metadata_authors(capture.text)
        names = extract_mod.plausible_authors(authors, [str(meta.get("publisher") or ""), sitename or ""], _person_name)
        if names:
            page_text = " ".join(soup.get_text(" ").split())
            meta["authors"] = [extract_mod.spelled_as_on_page(n, page_text) for n in names]
    hints.meta = {k: v for k, v in meta.items() if v}
    if hints.meta == before:
        hints.layout = layout  # nothing added: ingest need not read the page's layout again


def _containers(root: Tag) -> set[int]:
    """ids of the elements that hold a block element somewhere inside (one pass, bottom up)."""
    tags = [root, *root.find_all(True)]
    holding: set[int] = set()
    for tag in reversed(tags):  # every element's descendants come before it
        for child in tag.children:
            if isinstance(child, Tag) and (child.name in _BLOCKISH or id(child) in holding):
                holding.add(id(tag))
                break
    return holding


def _is_text(node) -> bool:
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _pieces(root: Tag):
    """The blocks of the page, in document order, each text once: elements that hold text and no
    block element (paragraphs, headings, captions, list items…), images, and a container's own
    text between its block children (an unclosed <p> that html.parser wrapped around a <figure>,
    text written straight into a <div> beside its paragraphs). Iterative: a page nested a
    thousand deep is read, not refused."""
    holding = _containers(root)
    stack = [(root, iter(root.children), [], root if root.name == "figure" else None)]
    while stack:
        container, children, run, figure = stack[-1]
        child = next(children, None)
        if child is None:
            yield from _flush(container, run, figure)
            stack.pop()
        elif isinstance(child, Tag):
            if child.name == "img":
                yield from _flush(container, run, figure)
                if child.get("src"):
                    yield _Piece(child, [child], figure, image=True)
            elif id(child) in holding:
                yield from _flush(container, run, figure)
                stack.append((child, iter(child.children), [], child if child.name == "figure" else figure))
            elif child.name in _BLOCKISH:
                yield from _flush(container, run, figure)
                yield from _whole(child, child if child.name == "figure" else figure)
            else:
                run.append(child)
        elif _is_text(child):
            run.append(child)


def _whole(element: Tag, figure: Tag | None):
    if element.get_text(strip=True):
        yield _Piece(element, [element], figure)
    else:
        for img in element.descendants:  # a walk, not find_all: thousands of empty cells each ask
            if isinstance(img, Tag) and img.name == "img" and img.get("src") is not None:
                yield _Piece(img, [img], figure, image=True)


def _flush(container: Tag, run: list, figure: Tag | None):
    """A run of inline content: one block when the container writes text of its own there (or in a
    <b>, <em>…); links and spans side by side with nothing between them stay a block each."""
    nodes, run[:] = list(run), []
    if not nodes:
        return
    own = any(
        (_is_text(n) and n.strip()) or (isinstance(n, Tag) and n.name not in _INLINE and n.get_text(strip=True))
        for n in nodes
    )
    if own:
        yield _Piece(container, nodes, figure)
        return
    for n in nodes:
        if isinstance(n, Tag):
            yield from _whole(n, figure)


def _prose_by_element(blocks: list[Block], pieces: list[_Piece]) -> dict[int, int]:
    """Characters of prose (blocks of eight words or more) inside each element, by id, outside
    nav, aside and footer; key 0 is the page's total."""
    prose: dict[int, int] = {0: 0}
    for block, piece in zip(blocks, pieces):
        text = block.text
        if piece.image or len(text.split()) < 8:
            continue
        nodes = [piece.element, *piece.element.parents]
        if any(isinstance(n, Tag) and n.name in ("nav", "aside", "footer") for n in nodes):
            continue
        prose[0] += len(text)
        for node in nodes:
            prose[id(node)] = prose.get(id(node), 0) + len(text)
    return prose


def _choose_article(soup: BeautifulSoup, prose: dict[int, int]) -> Tag | None:
    """The <article> or <main> (or role=main) holding the most prose; of nested ones holding nearly
    as much (half), the innermost. A teaser card that comes first is not the article. None when no
    such element holds any prose."""
    candidates = [*soup.find_all(["article", "main"]), *soup.find_all(attrs={"role": "main"})]
    scored = [(prose.get(id(c), 0), c) for c in candidates]
    best = max((s for s, _ in scored), default=0)
    if best == 0:
        return None
    good = [c for s, c in scored if s >= 0.5 * best]
    choice = max(good, key=lambda c: prose.get(id(c), 0))
    while True:
        inner = [c for c in good if c is not choice and any(p is choice for p in c.parents)]
        if not inner:
            return choice
        choice = max(inner, key=lambda c: prose.get(id(c), 0))


class _Chrome:
    """Whether an element sits in page chrome: a nav, aside, footer or form, or an element whose
    class, id or role has a chrome word, between it and the article. An element holding half the
    page's prose is never chrome by its name (a "sticky-sidebar-relative" wrapper around the body)."""

    def __init__(self, article: Tag | None, prose: dict[int, int]):
        self.article = article
        self.prose = prose
        self.memo: dict[int, bool] = {}

    def __call__(self, element: Tag) -> bool:
        path = []
        node = element
        result = False
        while isinstance(node, Tag) and node is not self.article:
            if id(node) in self.memo:
                result = self.memo[id(node)]
                break
            path.append(node)
            if self._own(node):
                result = True
                break
            node = node.parent
        for n in path:
            self.memo[id(n)] = result
        return result

    def _own(self, node: Tag) -> bool:
        big = self.prose.get(id(node), 0) >= _BIG_SHARE * self.prose[0] > 0
        if node.name in _CHROME_TAGS:
            return not (big and node.name == "form")  # a page inside one <form> (ASP.NET)
        if big:
            return False
        values = [*node.get("class", []), str(node.get("id", "")), str(node.get("role", ""))]
        for value in values:
            words = [w.casefold() for w in _WORD_SPLIT_RE.split(value) if w]
            if any(_CHROME_WORD_RE.fullmatch(w) for w in words):
                return True
            if any(pair in _CHROME_PAIRS for pair in zip(words, words[1:])):
                return True
        return False


def _labelled(block: Block, number: int) -> Block:
    line = block.lines[0]
    label = f"Figure {number}: "
    clean = MappedText(label + line.clean.text, [SYNTHETIC] * len(label) + line.clean.offsets,
                       [(a + len(label), b + len(label), u) for a, b, u in line.clean.links],
                       [(a + len(label), b + len(label)) for a, b in line.clean.emphasis])  # fmt: skip
    return Block([Line(line.number, line.start, line.raw, clean), *block.lines[1:]])


def _meta(soup: BeautifulSoup, article: Tag | None, ld: dict[str, object] | None = None) -> dict[str, object]:
    """The page's metadata: what its tags say about the article (visible <h1>, <time datetime>,
    canonical link, meta tags, JSON-LD). A fact the page does not state stays out; nothing here may
    raise on a malformed page."""
    try:
        return _read_meta(soup, article, ld if ld is not None else _json_ld(soup))
    except Exception:  # noqa: BLE001 - metadata is evidence, never a reason to fail ingest
        return {}


def _read_meta(soup: BeautifulSoup, article: Tag | None, ld: dict[str, object]) -> dict[str, object]:
    from archive.ingest.layout import KIND_LABELS, _person_name, is_agency  # layout reads these pages' text

    metas = soup.find_all("meta")  # once: the page's first tag of each property, and of each name
    by_property: dict[str, Tag] = {}
    by_name: dict[str, Tag] = {}
    for tag in metas:
        for attr, seen in (("property", by_property), ("name", by_name)):
            value = tag.get(attr)
            if isinstance(value, str):
                seen.setdefault(value, tag)

    def content(*names: str) -> str | None:
        for name in names:
            tag = by_property.get(name) or by_name.get(name)
            if tag and str(tag.get("content", "")).strip():
                return " ".join(str(tag["content"]).split())
        return None

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
        for t in metas
        if t.get("name") in ("author", "citation_author")
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
    # the date as the page states it for machines, most specific first: JSON-LD datePublished,
    # the published-time meta tags, then a <time datetime> in the article (on 36 news pages the
    # first two were never wrong where present; a <time> can be a related story's)
    times = [str(t["datetime"]) for t in scope.find_all("time", attrs={"datetime": True}, limit=3)]
    stated = [ld.get("date"), content("article:published_time", "citation_publication_date", "date"), *times]
    for raw_date in stated:
        if raw_date and str(raw_date).strip():
            iso = regex.match(r"\s*(\d{4}-\d{2}-\d{2})", str(raw_date))
            meta["date"] = _iso_date(iso.group(1)) if iso else parse_full_date(str(raw_date))
            if meta["date"]:
                break
    canonical = soup.find("link", rel="canonical")
    meta["url"] = (str(canonical["href"]) if canonical and canonical.get("href") else None) or content(
        "og:url"
    )
    meta["publisher"] = content("og:site_name", "citation_publisher")
    tags = [str(t.get("content", "")).strip() for t in metas if t.get("property") == "article:tag"]
    tags = [t for t in tags if t]
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
        except (ValueError, TypeError, RecursionError):
            continue
        try:
            _read_ld(data, out)
        except Exception:  # noqa: BLE001 - a malformed graph says nothing, and stops nothing
            continue
    return out


def _read_ld(data, out: dict[str, object]) -> None:
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for item in items:
        if not isinstance(item, dict) or not regex.search(r"Article|BlogPosting", str(item.get("@type", ""))):
            continue
        people = item.get("author") or []
        for person in people if isinstance(people, list) else [people]:
            if isinstance(person, dict) and str(person.get("name", "")).strip():
                out["authors"].append((str(person.get("@type", "Person")), " ".join(str(person["name"]).split())))  # type: ignore[union-attr]
        if item.get("datePublished") and "date" not in out:
            out["date"] = str(item["datePublished"])


_BYLINE_CLASS_RE = regex.compile(r"\bauthor\b|byline|__author|-author|author-name")
_BY_RE = regex.compile(r"^(?:written\s+)?by\s+", regex.IGNORECASE)
_BYLINE_SPLIT_RE = regex.compile(r",\s*|\s+and\s+|\s*&\s*|\s*[|·•]\s*")


def _byline_people(scope: Tag, person_name, is_agency) -> list[str]:
    """People named in the page's visible byline element (class "author" / "byline", rel=author)."""
    found: list[str] = []
    for tag in scope.find_all(True):
        if not tag.attrs:
            continue
        names = " ".join([*tag.get("class", []), str(tag.get("rel", ""))]).casefold()
        if not _BYLINE_CLASS_RE.search(names) or "bio" in names:
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
        text = _BY_RE.sub("", text)
        for name in _BYLINE_SPLIT_RE.split(text):
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


class _TextRuns:
    """The runs of text between tags, as BeautifulSoup's html.parser reads them while it builds
    the tree (one pass): each run's characters decoded as BeautifulSoup decodes them, with the
    file offset of each (an entity's characters at its `&`)."""

    def __init__(self, raw: str):
        self.raw = raw
        self.newlines = [0] + [m.end() for m in regex.finditer("\n", raw)]
        self.starts: list[int] = []
        self.texts: list[str] = []
        self.offsets: list[list[int]] = []
        self._chars: list[str] = []
        self._offs: list[int] = []
        self.unfinished: list[int] = []  # offsets of `<!--` (or `<!…`) never closed, read as no text

    def at(self, line: int, column: int) -> int:
        """The offset of html.parser's position (lines counted by \\n only, as it counts them)."""
        return self.newlines[min(max(line, 1), len(self.newlines)) - 1] + column

    def end(self) -> None:
        if self._chars:
            self.starts.append(self._offs[0])
            self.texts.append("".join(self._chars))
            self.offsets.append(self._offs)
            self._chars, self._offs = [], []

    def data(self, at: int, text: str) -> None:
        self._chars.extend(text)
        self._offs.extend(range(at, at + len(text)))

    def charref(self, at: int, name: str) -> None:
        text, _, extra = BeautifulSoupHTMLParser._dereference_numeric_character_reference(name)
        self._chars.extend(text)
        self._offs.extend([at] * len(text))
        self.data(at + 2 + len(name) - len(extra), extra)

    def entityref(self, at: int, name: str, semicolon: bool) -> str:
        """Records a named reference as a browser reads it (`read_reference`) and returns that
        text: the decoded characters sit at the `&`, what stays as written at its own offsets."""
        written = "&" + name + (";" if semicolon else "")
        chars, used = read_reference(name, semicolon)
        if not chars:
            self.data(at, written)
            return written
        self._chars.extend(chars)
        self._offs.extend([at] * len(chars))
        tail = written[1 + used :]
        self.data(at + 1 + used, tail)
        return chars + tail


class _RecordingParser(BeautifulSoupHTMLParser):
    """BeautifulSoup's own html.parser, telling `runs` where each piece of text starts. A run ends
    wherever BeautifulSoup ends a string: at every tag, comment, declaration or instruction."""

    def __init__(self, *args, runs: _TextRuns, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs = runs
        self._in_ref = False
        self._closing = False

    def _at(self) -> int:
        return self.runs.at(*self.getpos())

    def handle_data(self, data: str) -> None:
        if self._closing and data.startswith("<!"):
            # html.parser (3.11) hands an unclosed `<!-- …` over as text up to the next '>' when the
            # file ends; a browser shows none of it (the comment runs to the end of the file). The
            # archive hides it up to that '>' and reads on, and says so (a damaged capture)
            self.runs.end()
            self.runs.unfinished.append(self._at())
            return
        if not self._in_ref:
            self.runs.data(self._at(), data)
        super().handle_data(data)

    def handle_charref(self, name: str) -> None:
        self.runs.charref(self._at(), name)
        self._in_ref = True
        try:
            super().handle_charref(name)
        finally:
            self._in_ref = False

    def handle_entityref(self, name: str) -> None:
        at = self._at()
        text = self.runs.entityref(at, name, self.runs.raw.startswith(";", at + 1 + len(name)))
        self._in_ref = True
        try:
            self.handle_data(text)  # as the runs read it, not as BeautifulSoup would
        finally:
            self._in_ref = False

    def handle_starttag(self, *args, **kwargs):
        self.runs.end()
        return super().handle_starttag(*args, **kwargs)

    def handle_endtag(self, *args, **kwargs):
        self.runs.end()
        return super().handle_endtag(*args, **kwargs)

    def handle_comment(self, data: str) -> None:
        self.runs.end()
        super().handle_comment(data)

    def handle_decl(self, decl: str) -> None:
        self.runs.end()
        super().handle_decl(decl)

    def unknown_decl(self, data: str) -> None:
        self.runs.end()
        super().unknown_decl(data)

    def handle_pi(self, data: str) -> None:
        self.runs.end()
        super().handle_pi(data)

    def close(self) -> None:
        self._closing = True  # what html.parser could not parse is handed over only now
        super().close()
        self.runs.end()


class _RecordingBuilder(HTMLParserTreeBuilder):
    """The "html.parser" tree builder, with the parser above (bs4 4.15's `_parser_class` hook)."""

    def __init__(self, runs: _TextRuns):
        super().__init__()
        self.runs = runs

    def feed(self, markup) -> None:
        super().feed(markup, _parser_class=partial(_RecordingParser, runs=self.runs))


class _Reader:
    """Finds each text node of the page among the raw file's runs of text, giving each character
    its file offset. Text nodes come in document order and each lies between the start tags before
    and after it, so every lookup is a bisection from there: one pass over the file, no rescans."""

    def __init__(self, capture: Capture, runs: _TextRuns):
        self.capture = capture
        self.raw = capture.text
        self.lines = capture.lines
        self.runs = runs
        self.index: dict[str, list[int]] = {}  # text -> the runs that read so, in file order
        for n, text in enumerate(runs.texts):
            self.index.setdefault(text, []).append(n)
            if not text.strip(_ASCII_SPACES):  # BeautifulSoup keeps white space alone as one character
                self.index.setdefault("\n" if "\n" in text else " ", []).append(n)
        self.cursor = 0  # the run after the last one matched
        self.unmatched = 0

    def offset(self, element: Tag) -> int:
        return self.runs.at(element.sourceline or 1, element.sourcepos or 0)

    def image_block(self, element: Tag, src: str) -> Block | None:
        if not src:
            return None
        start = self.offset(element)
        at = self.raw.find(src, start, _tag_end(self.raw, start))
        if at == -1:
            return None  # written with entities: no run of the file reads as the URL
        clean = MappedText(src, list(range(at, at + len(src))), [(0, len(src), src)])
        return Block([Line(self.lines.line_of(at), at, self.raw[at : at + len(src)], clean)])

    def text_block(self, element: Tag, nodes: list) -> Block | None:
        chars: list[str] = []
        offsets: list[int] = []
        links: list[tuple[int, int, str | None]] = []
        emphasis: list[tuple[int, int]] = []
        breaks: list[int] = []
        for top in nodes:
            for node in (top, *top.descendants) if isinstance(top, Tag) else (top,):
                if isinstance(node, Tag):
                    if node.name == "br":
                        breaks.append(len(chars))
                    continue
                if not _is_text(node):
                    continue
                start = len(chars)
                text, offs = self._match(node)
                chars.extend(text)
                offsets.extend(offs)
                link, emphasized = None, False
                for parent in node.parents:
                    if parent.name == "a" and link is None:
                        link = parent
                    if parent is element:
                        break
                    if parent.name in _EMPHASIS:
                        emphasized = True
                if link is not None:
                    links.append((start, len(chars), str(link.get("href")) if link.get("href") else None))
                if emphasized:
                    emphasis.append((start, len(chars)))
        lines = self._lines(chars, offsets, links, emphasis, breaks)
        return Block(lines) if lines else None

    def _match(self, node: NavigableString) -> tuple[str, list[int]]:
        text = str(node)
        entries = self.index.get(text)
        if entries:
            low, high = self._bounds(node)
            first = max(self.cursor, bisect.bisect_left(self.runs.starts, low))
            k = bisect.bisect_left(entries, first)
            if k < len(entries) and self.runs.starts[entries[k]] < high:
                n = entries[k]
                self.cursor = n + 1
                offsets = self.runs.offsets[n]
                if len(offsets) != len(text):  # white space that BeautifulSoup folded to one character
                    run = self.runs.texts[n]
                    offsets = [offsets[run.index(text)] if text in run else offsets[0]]
                return text[: len(offsets)], offsets[: len(text)]
        self.unmatched += 1
        return text, [SYNTHETIC] * len(text)  # not found verbatim: keep the text, claim no offset

    def _bounds(self, node: NavigableString) -> tuple[int, int]:
        """File offsets of the start tags right before and after `node` in document order."""
        low, high = 0, len(self.raw)
        prev = node.previous_element
        while prev is not None:
            if isinstance(prev, Tag) and prev.sourceline is not None:
                low = self.offset(prev)
                break
            prev = prev.previous_element
        nxt = node.next_element
        while nxt is not None:
            if isinstance(nxt, Tag) and nxt.sourceline is not None:
                high = self.offset(nxt)
                break
            nxt = nxt.next_element
        return low, high

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


# white space a browser shows otherwise than written: a run of two or more, or one that is not a
# space (the stdlib's \s is exactly str.isspace); a lone space stays as it is, so is not visited
_WHITE_RE = re.compile(r"\s{2,}|[^\S ]")


def _collapse(chars: list[str], offsets: list[int]) -> tuple[str, list[int], list[int]]:
    """White space folded as a browser shows it (each run to one space at its first character's
    offset); `remap` maps old indexes to new ones."""
    source = "".join(chars)
    text: list[str] = []
    offs: list[int] = []
    remap = [0] * (len(chars) + 1)
    pos = new = 0
    for m in _WHITE_RE.finditer(source):
        a, b = m.span()
        remap[pos:a] = range(new, new + a - pos)
        text.append(source[pos:a])
        offs.extend(offsets[pos:a])
        new += a - pos
        remap[a] = new
        remap[a + 1 : b] = [new + 1] * (b - a - 1)
        text.append(" ")
        offs.append(offsets[a])
        new += 1
        pos = b
    remap[pos : len(chars)] = range(new, new + len(chars) - pos)
    text.append(source[pos:])
    offs.extend(offsets[pos:])
    remap[len(chars)] = new + len(chars) - pos
    return "".join(text), offs, remap
