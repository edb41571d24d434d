"""Reading a capture: the bytes checked, the markup stripped, every character mapped to the file.

The capture format is plain text as a page-saving tool writes it: `[text (url)](#)` or `[text](#)`
links (parentheses inside escaped as `\\(`), `<url>` autolinks and `*emphasis*`. Stripping that
markup would lose where each character came from, so `MappedText` keeps, for every character of
the clean text, its offset in the decoded file. Spans in records are computed from that map.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from html.entities import html5 as _HTML5
from pathlib import Path

import regex

from archive.errors import ArchiveError
from archive.models import Span

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SYNTHETIC = -1  # offset of a character the archive inserted (the space that rejoins a paragraph)

_LINK_RE = regex.compile(
    r"\[(?P<body>(?:\\.|[^\]\\])*)\]\(#\)"  # [text (url)](#) or [text](#)
    r"|<(?P<auto>https?://[^>\s]+)>"  # <https://...>
    # markdown (what web clippers save): a heading's or a block quote's marker opening the line,
    # images (no text: "[![logo](img)](url)", "![alt](img)"), links with their URL, strong and
    # emphasis with * or _, and a backslash escape (the character itself)
    r"|(?P<lead>^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+))"
    r"|(?P<image>\[!\[[^\]\n]*\]\([^)\s]*\)\]\([^)\s]*\)|!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\))"
    r"|\[(?P<md>(?:\\.|[^\]\\\n])*)\]\((?P<mdurl>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"\n]*\")?\)"
    r"|(?<![\w*])\*\*(?P<strong>[^*\n]+?)\*\*(?![\w*])|(?<![\w_])__(?P<strong2>[^_\n]+?)__(?![\w_])"
    r"|(?<![\w*])\*(?P<em>[^*\n]+?)\*(?![\w*])"  # *emphasis*
    r"|(?<![\w_\\])_(?P<em2>[^_\n]+?)_(?![\w_])"
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!>|~])"
)
# the link's target in escaped parentheses, as page-saving tools write it, or bare ones when it is
# plainly a URL or a site path ("[Name (/experts/name)](#)")
_LINK_BODY_RE = regex.compile(
    r"^(?P<text>.*?)\s*(?:\\\((?P<url>[^()\s]*)\\\)|\((?P<bare>(?:https?://|/)[^()\s]*)\))\s*$", regex.DOTALL
)
_ESCAPE_RE = regex.compile(r"\\(.)")
_LEAD_MARKER_RE = regex.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+)[ \t]*")
_IMAGE_TARGET_RE = regex.compile(r"!\[[^\]\n]*\]\(([^)\s]*)")
_LINE_END_RE = regex.compile(r"\r\n|\n|\r")


@dataclass(frozen=True, slots=True)
class Capture:
    path: Path
    text: str
    sha256: str
    lines: LineIndex

    @property
    def is_html(self) -> bool:
        return looks_like_html(self.path, self.text)


def looks_like_html(path: Path, text: str) -> bool:
    """An HTML page by its name or, whatever its name, by how it begins."""
    head = text.lstrip()[:200].lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith(("<!doctype html", "<html"))


def read_capture(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Capture:
    """Read a capture, or say in one line what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArchiveError(f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ArchiveError(f"{path}: the file is empty")
    nul = data.find(b"\x00")
    if nul != -1:
        raise ArchiveError(f"{path}: binary file (NUL byte at byte offset {nul}), not a text capture")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start})"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # offsets count from after a BOM, as every editor shows them
    return Capture(path, text, hashlib.sha256(data).hexdigest(), LineIndex(text, html=looks_like_html(path, text)))


class LineIndex:
    """Offsets to 1-based line numbers, over the decoded text (kept: spans are cut against it)."""

    def __init__(self, text: str, html: bool = False):
        self.text = text
        self.html = html
        # a line ends at \n, \r\n or a lone \r (old Mac files), as `blocks.blocks_of` reads them
        self._starts = [0] + [m.end() for m in _LINE_END_RE.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        """The offset of 1-based `line`, 0-based `column` (as HTML parsers report positions)."""
        return self._starts[min(max(line, 1), len(self._starts)) - 1] + column

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(
            start=start, end=end, line=self.line_of(start), end_line=self.line_of(max(start, end - 1))
        )


@dataclass(slots=True)
class MappedText:
    """Clean text whose every character knows its offset in the file (or SYNTHETIC)."""

    text: str
    offsets: list[int]
    links: list[tuple[int, int, str | None]] = field(default_factory=list)  # clean start, end, url
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # clean ranges shown in *italics*

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> MappedText:
        links = [(a - start, b - start, u) for a, b, u in self.links if a >= start and b <= end]
        emphasis = [(a - start, b - start) for a, b in self.emphasis if a >= start and b <= end]
        return MappedText(self.text[start:end], self.offsets[start:end], links, emphasis)

    def strip(self) -> MappedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def join(self, other: MappedText, sep: str = " ") -> MappedText:
        shift = len(self.text) + len(sep)
        return MappedText(
            self.text + sep + other.text,
            self.offsets + [SYNTHETIC] * len(sep) + other.offsets,
            self.links + [(a + shift, b + shift, u) for a, b, u in other.links],
            self.emphasis + [(a + shift, b + shift) for a, b in other.emphasis],
        )

    def file_ranges(
        self, start: int = 0, end: int | None = None, lines: LineIndex | None = None
    ) -> list[tuple[int, int]]:
        """The file ranges that clean characters `start:end` came from, one per unbroken run.

        A run goes on over what the reader dropped between two characters when that is only
        markup of the capture (`](#)`, `*`, a link's `\\(url\\)`; in HTML the rest of an entity
        such as `&rdquo;`, or white space folded to one space), so each range, read back through
        the same markup rules, gives exactly its characters; anything else (a tag, a caption
        between the two halves of a rejoined paragraph) starts a new range."""
        end = len(self.text) if end is None else end
        offsets = self.offsets
        ranges: list[tuple[int, int]] = []
        last = None
        i = start
        while i < end:
            offset = offsets[i]
            i += 1
            if offset == SYNTHETIC or (offset == last and ranges):
                continue  # an inserted space; or the second character an entity decoded to
            end_at = _char_end(lines, offset)
            if ranges and last is not None and offset > last and _glued(lines, last, offset):
                ranges[-1] = (ranges[-1][0], end_at)
            else:
                ranges.append((offset, end_at))
            last = offset
            run = _consecutive(offsets, i, end, offset)
            if run:  # characters copied one for one: neighbours, so one range (a megabyte line at C speed)
                last = offset + run
                ranges[-1] = (ranges[-1][0], _char_end(lines, last))
                i += run
        return ranges

    def spans(self, lines: LineIndex, start: int = 0, end: int | None = None) -> list[Span]:
        return [lines.span(a, b) for a, b in self.file_ranges(start, end, lines)]


_TEXT_MARKUP_GAP_RE = regex.compile(  # <> of an autolink; markdown's _, #, > and (url "title")
    r"(?:\s|[\[\]*<>_#]|\]\(#\)|\\\([^()\s]*\\\)|\((?:https?://|/|#|mailto:)[^()\s]*(?:\s+\"[^\"\n]*\")?\)|\\)*"
)
_HTML_NUMERIC_RE = regex.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);?")
_HTML_NAME_RE = regex.compile(r"&([A-Za-z][-.A-Za-z0-9]*)(;?)")  # html.parser's entity name


def read_reference(name: str, semicolon: bool) -> tuple[str, int]:
    """A named character reference in text, as HTML5 (and so a browser) reads it: its characters
    and how many characters after the `&` it takes; ("", 0) when it is not a reference.

    `&ldquo;` is a quotation mark; `&amp` without its ';' is still '&' (one of the legacy names a
    browser accepts bare); `&notit` reads '¬it' (the longest legacy name that begins it); `&ldquo`
    without ';' is no reference and stays as written. BeautifulSoup decodes the last and keeps the
    third, the opposite: the archive reads what the page's reader saw."""
    if semicolon and name + ";" in _HTML5:
        return _HTML5[name + ";"], len(name) + 1
    for k in range(len(name), 1, -1):
        if name[:k] in _HTML5:  # only the legacy names are listed without ';'
            return _HTML5[name[:k]], k
    return "", 0


def _reference_end(raw: str, offset: int) -> int | None:
    """Where the character reference at `offset` ends, as the page's reader decoded it (`&notit`
    reads '¬' for `&not` and leaves 'it'); None when there is none."""
    numeric = _HTML_NUMERIC_RE.match(raw, offset)
    if numeric is not None:
        return numeric.end()
    named = _HTML_NAME_RE.match(raw, offset)
    if named is None:
        return None
    chars, used = read_reference(named[1], bool(named[2]))
    return offset + 1 + used if chars else None


def _char_end(lines: LineIndex | None, offset: int) -> int:
    """Where the file character(s) behind clean character at `offset` end: after the whole entity
    (`&hellip;`) when an HTML page wrote it as one."""
    if lines is not None and lines.html and lines.text[offset : offset + 1] == "&":
        end = _reference_end(lines.text, offset)
        if end is not None:
            return end
    return offset + 1


def _consecutive(offsets: list[int], i: int, end: int, offset: int) -> int:
    """How many of offsets[i:end] go on one by one from `offset` (offset + 1, offset + 2, …),
    compared a slice at a time with steps that double while they match."""
    run, step = 0, 8
    while step:
        if i + run + step <= end and offsets[i + run : i + run + step] == list(
            range(offset + run + 1, offset + run + step + 1)
        ):
            run += step
            step *= 2
        else:
            step //= 2
    return run


def _glued(lines: LineIndex | None, last: int, offset: int) -> bool:
    """Whether file characters `last` and `offset` (> last) read as neighbours."""
    if offset == last + 1:
        return True
    if lines is None:
        return False
    raw = lines.text
    gap = raw[last + 1 : offset]
    if lines.html:
        if raw[last] == "&" and _reference_end(raw, last) == offset:
            return True  # the character came from an entity that ends where the next begins
        return gap.isspace()  # white space a browser folds into the one space kept
    return _TEXT_MARKUP_GAP_RE.fullmatch(gap) is not None


def strip_markup(raw: str, base: int) -> MappedText:
    """Remove link and emphasis markup from one line that starts at file offset `base`."""
    chars: list[str] = []
    offsets: list[int] = []
    links: list[tuple[int, int, str | None]] = []
    emphasis: list[tuple[int, int]] = []
    pos = 0

    def keep(start: int, end: int) -> None:
        chars.extend(raw[start:end])
        offsets.extend(range(base + start, base + end))

    def keep_unescaped(start: int, end: int) -> None:
        """Keep raw[start:end] less each escaping backslash, a run at a time (not a char at a time:
        a damaged capture's link text can be a megabyte long)."""
        i = start
        while i < end:
            j = raw.find("\\", i, end)
            if j < 0 or j + 1 >= end:
                keep(i, end)
                return
            keep(i, j)
            keep(j + 1, j + 2)
            i = j + 2

    for match in _LINK_RE.finditer(raw):
        keep(pos, match.start())
        clean_start = len(chars)
        if match.group("auto") is not None:
            keep(*match.span("auto"))
            links.append((clean_start, len(chars), match.group("auto")))
        elif match.group("image") is not None:
            target = _IMAGE_TARGET_RE.search(match.group("image"))  # the image's own, not the link around it
            links.append((clean_start, clean_start, target.group(1) if target else None))  # no text, a URL
        elif match.group("lead") is not None:
            pass  # markup only: nothing of it is text
        elif match.group("md") is not None:
            keep_unescaped(*match.span("md"))
            links.append((clean_start, len(chars), _ESCAPE_RE.sub(r"\1", match.group("mdurl")) or None))
        elif match.group("esc") is not None:
            keep(*match.span("esc"))
        elif (group := next((g for g in ("em", "strong", "strong2", "em2") if match.group(g) is not None), None)):
            keep(*match.span(group))
            emphasis.append((clean_start, len(chars)))
        else:
            body_start, body_end = match.span("body")
            body = match.group("body")
            inner = _LINK_BODY_RE.match(body)
            if inner:
                text_end = body_start + inner.end("text")
                keep_unescaped(body_start, text_end)
                target = inner.group("url") if inner.group("url") is not None else inner.group("bare")
                url: str | None = _ESCAPE_RE.sub(r"\1", target) or None
            else:
                keep_unescaped(body_start, body_end)
                url = None
            text = "".join(chars[clean_start:])
            if url is None and regex.fullmatch(r"https?://\S+", text):
                url = text  # a bare URL shown as the link text: [https://...](#)
            links.append((clean_start, len(chars), url))
        pos = match.end()
    keep(pos, len(raw))
    return MappedText("".join(chars), offsets, links, emphasis)


@dataclass(slots=True)
class Line:
    number: int
    start: int  # file offset of the line's first character
    raw: str
    clean: MappedText

    @property
    def content_span(self) -> tuple[int, int]:
        """File offsets of the line without its leading and trailing white space (nor a markdown
        heading's or block quote's marker: "> الحشد الشعبي …" reads from its first letter)."""
        lead = len(self.raw) - len(self.raw.lstrip())
        marker = _LEAD_MARKER_RE.match(self.raw)
        if marker is not None and marker.end() < len(self.raw.rstrip()):
            lead = max(lead, marker.end())
        return self.start + lead, self.start + len(self.raw.rstrip())

    @property
    def text(self) -> str:
        return self.clean.text.strip()


@dataclass(slots=True)
class Block:
    """A run of non-blank lines: what the page showed as one paragraph, caption or sidebar item."""

    lines: list[Line]
    _text: str | None = field(default=None, repr=False, compare=False)
    shape: str | None = field(default=None, repr=False, compare=False)  # layout.block_kind's answer, once

    @property
    def text(self) -> str:
        """The block's visible text, its lines joined by a space (worked out once: layout rules ask it
        of every block many times)."""
        if self._text is None:
            self._text = " ".join(line.text for line in self.lines if line.text)
        return self._text

    def mapped(self) -> MappedText:
        parts = [line.clean.strip() for line in self.lines if line.text] or [self.lines[0].clean.strip()]
        out = parts[0]
        for part in parts[1:]:
            out = out.join(part)
        return out
