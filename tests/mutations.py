"""Mutations of real captures, and the span invariants every ingest result must meet.

Shared by `scripts/fuzz_ingest` (many cases, several processes) and `tests/test_ingest_fuzz.py`
(a hypothesis test), so both damage captures the same way and judge results by the same rules.

A mutation is `fn(data, rng, scale) -> bytes`: the capture's bytes in, damaged bytes out, every
choice drawn from `rng` so a case is reproduced from its seed. `scale` (0 < scale <= 1) shrinks the
huge inputs (a 1 MB line, thousands of figures) for the test suite; the fuzz script uses 1.

`find_violations(path, result)` checks spans against the file as the reader decodes it (UTF-8, a
leading BOM removed):
- every span lies within the file, start <= end, and its line numbers are the file's (a line ends
  at \n, \r\n or a lone \r);
- text capture: a source's span holds exactly its `original`; a fragment's text is its spans'
  characters with the capture's markup removed (`[text \\(url\\)](#)`, `[text](#)`, `<url>`,
  `*em*`), joined with single spaces (a line break inside a span reads as one space, as the capture
  format joins the lines of a block), or with none where a word broken at a line's end is rejoined
  ("politi-" / "cal": the hyphen between the runs is left out); no span starts or ends inside a word (a letter, digit or
  combining mark on both sides of its edge, unless the outside one is markup);
- HTML capture (a text the parser kept as written, such as a legacy entity without ';' like
  `&ampx`, also matches its span verbatim): no span holds markup (a '<' opening a tag: `<` + letter, `/`, `!` or `?`; a
  '<' the parser reads as text is text); the unescaped characters of the spans, white space
  collapsed and joined as a browser shows them (a space where white space or a block tag lies
  between two runs, none across inline markup), are the source's original / the fragment's text;
  where several runs meet at a tag, only the white space at the join may differ; no span starts
  or ends inside a word.
A text that differs only in white space is reported as `…-join-space` rather than `…-text`: its
spans break where the text has no space (`<em>not</em>, however`), which joining with single
spaces cannot reproduce.
A record with a `spans` list is checked span by span, else by its `span`.
"""

from __future__ import annotations

import bisect
import html as html_lib
import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

HUGE_LINE = 1_000_000  # characters of the "huge line" mutation at scale 1
HUGE_WORD = 100_000

Mutation = Callable[[bytes, random.Random, float], bytes]


# --- helpers ---------------------------------------------------------------------------------------


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


_ANCHOR_RE = regex.compile(r"“|”|\"|Figure|\(Figure|\[|\]\(#\)|\\\(|\*|<|>|\p{Arabic}+|\(|\)|\n\n|&|:")


def _position(text: str, rng: random.Random) -> int:
    """Where to damage: anywhere, or (half the time) at or near something ingest reads closely."""
    if not text:
        return 0
    if rng.random() < 0.5:
        anchors = [m.start() for m in _ANCHOR_RE.finditer(text)]
        if anchors:
            at = rng.choice(anchors) + rng.choice((0, 0, 1, -1, 2, rng.randint(-20, 20)))
            return min(max(at, 0), len(text))
    return rng.randint(0, len(text))


def _insert(text: str, rng: random.Random, piece: str, times: int = 1) -> str:
    for _ in range(times):
        at = _position(text, rng)
        text = text[:at] + piece + text[at:]
    return text


def _is_html(data: bytes) -> bool:
    head = data[:2000].lower()
    return b"<html" in head or b"<!doctype" in head or b"<p" in head or b"<div" in head


def _blocks(text: str) -> list[str]:
    """Paragraph blocks of a text capture (blank-line separated), or lines of an HTML page."""
    return text.split("\n\n") if "\n\n" in text else text.split("\n")


def _sep(text: str) -> str:
    return "\n\n" if "\n\n" in text else "\n"


# --- the mutations ---------------------------------------------------------------------------------


def byte_flip(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    out = bytearray(data)
    if not out:
        return data
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        i = rng.randrange(len(out))
        out[i] = out[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    return data[: rng.randint(0, len(data))]


def truncate_mid_utf8(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Cut inside a multi-byte UTF-8 sequence (after its lead byte or a continuation byte)."""
    inside = [i for i, b in enumerate(data) if 0x80 <= b <= 0xBF]
    return data[: rng.choice(inside)] if inside else truncate(data, rng)


def shuffle_blocks(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    blocks = _blocks(text)
    if rng.random() < 0.5:
        rng.shuffle(blocks)
    else:
        for _ in range(rng.randint(1, 4)):
            i, j = rng.randrange(len(blocks)), rng.randrange(len(blocks))
            blocks[i], blocks[j] = blocks[j], blocks[i]
    return _bytes(_sep(text).join(blocks))


def duplicate_blocks(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    blocks = _blocks(text)
    for _ in range(rng.choice((1, 2, 5, 20))):
        i = rng.randrange(len(blocks))
        j = i + 1 if rng.random() < 0.5 else rng.randint(0, len(blocks))
        blocks.insert(j, blocks[i])
    return _bytes(_sep(text).join(blocks))


def drop_blocks(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    blocks = _blocks(text)
    for _ in range(rng.randint(1, max(1, len(blocks) // 3))):
        if len(blocks) > 1:
            blocks.pop(rng.randrange(len(blocks)))
    return _bytes(_sep(text).join(blocks))


TAGS = [
    "<b>", "</b>", "<b>bold</b>", "<i>", "</i>", "<em>x</em>", "<script>", "</script>",
    "<script>var q = \"“not a quote”\";</script>", "<p", "<p class=\"x", "<p>", "</p>", "<!-- ", " -->",
    "<!-- a comment -->", "</article>", "<article>", "<br>", "<br/>", "<figure>", "</figure>",
    "<figcaption>Figure 3: injected</figcaption>", "<a href=\"http://x\">", "</a>", "<", ">", "</",
    "<style>p{}</style>", "<![CDATA[x]]>", "<?xml?>", "<span dir=\"rtl\">", "</div></div></div>",
    "<main>", "<nav>", "<h1>Injected Title</h1>", "<time datetime=\"2024-13-45\">", "<img src=\"\">",
    "<img src=\"a.png\">", "<td>", "<table>", "<li>", "<textarea>", "<title>", "<plaintext>",
]  # fmt: skip


def inject_tags(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    for _ in range(rng.choice((1, 1, 2, 3, 8))):
        text = _insert(text, rng, rng.choice(TAGS))
    return _bytes(text)


def _huge_piece(rng: random.Random, size: int) -> str:
    kind = rng.choice(("prose", "quotes", "arabic", "one-char", "figures", "link"))
    if kind == "prose":
        unit = "the militia said it would respond to any attack on its sons in Iraq and Syria, "
    elif kind == "quotes":
        unit = "The statement read: “we will respond” and “not be stopped” (Figure 1). "
    elif kind == "arabic":
        unit = "بيان المقاومة الإسلامية في العراق بسم الله الرحمن الرحيم "
    elif kind == "one-char":
        unit = rng.choice(("a", " ", "“", "(", "*", "-", "ب", "\\", "[", "."))
    elif kind == "figures":
        unit = "(Figure 9) "
    else:
        unit = "[word \\(https://example.org/x\\)](#) "
    return (unit * (size // len(unit) + 1))[:size]


def huge_line(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """A 1 MB line, as its own block or glued onto an existing line."""
    text = _text(data)
    piece = _huge_piece(rng, int(HUGE_LINE * scale))
    if rng.random() < 0.5:
        at = _position(text, rng)
        return _bytes(text[:at] + piece + text[at:])
    blocks = _blocks(text)
    if _is_html(data):
        piece = f"<p>{piece}</p>"
    blocks.insert(rng.randint(0, len(blocks)), piece)
    return _bytes(_sep(text).join(blocks))


def huge_word(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    size = int(HUGE_WORD * scale)
    unit = rng.choice(("a", "ab", "ب", "بي", "x\u0301", "Figure", "9", "al-"))
    word = (unit * (size // len(unit) + 1))[:size]
    return _bytes(_insert(_text(data), rng, word))


def nul_bytes(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    out = data
    for _ in range(rng.choice((1, 3))):
        i = rng.randint(0, len(out))
        out = out[:i] + b"\x00" + out[i:]
    return out


def crlf(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    if rng.random() < 0.7:
        return data.replace(b"\n", b"\r\n")
    return b"".join(b + (b"\r\n" if rng.random() < 0.5 else b"\n") for b in data.split(b"\n"))[:-2]


def lone_cr(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    if rng.random() < 0.6:
        return data.replace(b"\n", b"\r")
    return b"".join(b + (b"\r" if rng.random() < 0.5 else b"\n") for b in data.split(b"\n"))[:-1]


def bom(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    choice = rng.choice(("lead", "lead", "double", "middle", "lead-crlf", "ws-lead"))
    if choice == "lead":
        return b"\xef\xbb\xbf" + data
    if choice == "double":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if choice == "middle":
        return _bytes(_insert(_text(data), rng, "\ufeff", rng.randint(1, 5)))
    if choice == "ws-lead":
        return b"\n \xef\xbb\xbf" + data
    return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")


def latin1_segment(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    at = _position(text, rng)
    piece = rng.choice(("café résumé naïve", "Qur’an “quoted”", "\xa0\xe9\xff"))
    return _bytes(text[:at]) + piece.encode("latin-1", "replace") + _bytes(text[at:])


def cp1256_segment(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Arabic in Windows-1256 inside the UTF-8: an existing Arabic run re-encoded, or a new one."""
    text = _text(data)
    runs = list(regex.finditer(r"\p{Arabic}[\p{Arabic}\s]*", text))
    if runs and rng.random() < 0.6:
        m = rng.choice(runs)
        return _bytes(text[: m.start()]) + m.group().encode("cp1256", "replace") + _bytes(text[m.end() :])
    at = _position(text, rng)
    return _bytes(text[:at]) + "بيان المقاومة".encode("cp1256") + _bytes(text[at:])


def utf16(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    choice = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "segment"))
    if choice == "segment":
        at = _position(text, rng)
        return _bytes(text[:at]) + "“segment” بيان".encode("utf-16-le") + _bytes(text[at:])
    return text.encode(choice, "surrogatepass")


ODD_CHARS = [
    "\u200f", "\u200e", "\u202b", "\u202e", "\u202c", "\u2066", "\u2067", "\u2069", "\u061c",  # bidi
    "\u200d", "\u200c", "\u2060", "\u00ad",  # joiners, soft hyphen
    "\u0301", "\u0308", "\u064b", "\u064e", "\u0651", "\u0670", "\u0640",  # combining marks, tatweel
    "\ufb50", "\ufdf2", "\ufdfd", "\ufe8d", "\ufefb", "\ufef7",  # presentation forms (ﷲ, ﷽, ﻻ)
    "\u00a0", "\u2028", "\u2029", "\u0085", "\u3000", "\u2009", "\u000b", "\u000c",  # odd white space
    "\U0001f600", "\U0001d400", "\U00010000", "\ufffd", "\uffff", "\u0001",
    "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2018", "\u2019", "\u2026", "\u2756",  # quotes, ❖-like
    "\u0660\u0661\u0662", "\u06f1\u06f2", "\u0130", "\u1e9e", "\ufb01", "\u2160",  # digits, casing traps
]  # fmt: skip


def random_unicode(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    for _ in range(rng.choice((1, 2, 5, 20))):
        piece = "".join(rng.choice(ODD_CHARS) for _ in range(rng.choice((1, 1, 2, 3))))
        text = _insert(text, rng, piece)
    if rng.random() < 0.1:  # a lone surrogate as bytes (CESU-8): not UTF-8 at all
        return _bytes(text) + b"\xed\xa0\x80"
    return _bytes(text)


BROKEN_URLS = [
    "http://[::1", "https://[fe80::1%x]/", "http://[::1]:99999/", "https://[::1]x/", "http://]/",
    "https://exa mple.com/", "http://", "https:///path", "http://%zz/", "https://xn--/",
    "http://[v1.fe]/", "https://example.org:port/", "http://a\u200f.com/", "https://[fe80::1%25eth0]/x",
]  # fmt: skip


def broken_urls(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    html = _is_html(data)
    for _ in range(rng.choice((1, 1, 2, 4))):
        url = rng.choice(BROKEN_URLS)
        form = rng.choice(("bare", "link", "auto", "href", "replace"))
        if form == "replace":
            urls = list(regex.finditer(r"https?://[^\s\\)\"'<>]+", text))
            if urls:
                m = rng.choice(urls)
                text = text[: m.start()] + url + text[m.end() :]
                continue
        if html or form == "href":
            piece = (
                f'<a href="{url}">link</a>'
                if rng.random() < 0.7
                else f'<link rel="canonical" href="{url}"><img src="{url}.png">'
            )
        elif form == "link":
            piece = f"[Broken \\({url}\\)](#)" if rng.random() < 0.5 else f"[{url}](#)"
        elif form == "auto":
            piece = f"<{url}>"
        else:
            piece = f" {url} "
        if not html and rng.random() < 0.3:
            piece = "\n\n" + piece + "\n\n"  # a URL block, as a figure's source link
        text = _insert(text, rng, piece)
    return _bytes(text)


ENTITIES = [
    "&ldquo;", "&rdquo;", "&lsquo;", "&rsquo;", "&quot;", "&amp;", "&nbsp;", "&#8220;", "&#x201D;",
    "&#0;", "&#xD800;", "&#99999999;", "&#x110000;", "&lt;", "&gt;", "&hellip;", "&ampx", "&notit;",
    "&;", "&#;", "&#x;", "&ldquo", "&amp;ldquo;", "&zwj;", "&rlm;", "&shy;", "&#1576;", "&AElig",
]  # fmt: skip


def entities(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    if rng.random() < 0.3:
        text = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
    for _ in range(rng.choice((1, 2, 5))):
        text = _insert(text, rng, rng.choice(ENTITIES))
    return _bytes(text)


UNBALANCED = ["“", "”", '"', "(", ")", "[", "]", "*", "\\", "](#)", "\\(", "\\)", "((", "“(", ")”", "‘", "’"]


def unbalanced(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    for _ in range(rng.choice((1, 2, 3, 10))):
        text = _insert(text, rng, rng.choice(UNBALANCED))
    return _bytes(text)


def many_figures(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Thousands of captions and references, huge figure numbers, repeated numbers."""
    text = _text(data)
    html = _is_html(data)
    count = max(1, int(rng.choice((20, 200, 2000, 10000)) * scale))
    style = rng.choice(("same", "sequential", "huge-number", "refs", "mixed"))
    parts = []
    for k in range(count):
        if style == "same":
            number = "99999"
        elif style == "huge-number":
            number = "9" * rng.choice((20, 400, 5000))
        else:
            number = str(k + 1)
        if style == "refs" or (style == "mixed" and k % 2):
            parts.append(f"as the statement said “we will act” (Figure {number}).")
        else:
            parts.append(f"Figure {number}: statement of the group, August {k % 28 + 1}, 2024.")
    if html:
        piece = "".join(f"<figure><figcaption>{p}</figcaption></figure>\n" for p in parts)
    else:
        piece = "\n\n".join(parts)
    blocks = _blocks(text)
    blocks.insert(rng.randint(0, len(blocks)), piece)
    return _bytes(_sep(text).join(blocks))


def deep_nesting(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    text = _text(data)
    depth = max(1, int(rng.choice((50, 500, 5000, 20000)) * scale))
    if _is_html(data) or rng.random() < 0.3:
        tag = rng.choice(("div", "span", "b", "p", "blockquote", "a", "li", "figure"))
        closed = rng.random() < 0.6
        piece = f"<{tag}>" * depth + "nested “quoted words” here" + (f"</{tag}>" * depth if closed else "")
    else:
        open_, close = rng.choice((("(", ")"), ("[", "](#)"), ("“", "”"), ("*", "*"), ("\\(", "\\)")))
        piece = open_ * depth + "nested words" + close * depth
    return _bytes(_insert(text, rng, piece))


def html_head(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """Make the reader take a text capture for an HTML page (it sniffs `<!doctype html` / `<html`),
    or wrap an HTML page's body text in a second page."""
    prefix = rng.choice(("<!DOCTYPE html>\n", "<html>", "  <HTML lang=ar>\n", "<!doctype html><body><article>"))
    return prefix.encode() + data


def spanning_tables(data: bytes, rng: random.Random, scale: float = 1.0) -> bytes:
    """A table of statements: rows whose cells span rows and columns (huge, negative, garbage
    spans), a header naming the statement and speaker columns or not, unclosed rows."""
    text = _text(data)
    count = max(1, int(rng.choice((3, 50, 500, 3000)) * scale))
    header = rng.choice(("<tr><th>Date</th><th>Group / speaker</th><th>Statement</th><th>Source</th></tr>", "", "<tr><th>"))
    rows = []
    for k in range(count):
        span = rng.choice(("", " rowspan='2'", f" rowspan='{rng.randint(-5, 100000)}'", " colspan='x'",
                           f" rowspan='{rng.randint(1, 999)}' colspan='{rng.randint(1, 999)}'"))  # fmt: skip
        who = rng.choice(("Kataib Hezbollah", "Abu Ali al-Askari (Kataib Hezbollah)", "Iraqi government spokesman", ""))
        said = rng.choice(("We will act, said the text.", "“we will act”", "", "نعلن تعليق عملياتنا"))
        end = "" if rng.random() < 0.1 else "</tr>"
        rows.append(f"<tr><td{span}>{k % 28 + 1} Jan 2024</td><td>{who}</td><td{span}>{said}</td><td>Telegram</td>{end}")
    piece = "<table>" + header + "".join(rows) + "</table>"
    if not _is_html(data):
        piece = "\n\n".join(f"{k + 1} Jan 2024 | Kataib Hezbollah | We will act." for k in range(count))
    blocks = _blocks(text)
    blocks.insert(rng.randint(0, len(blocks)), piece)
    return _bytes(_sep(text).join(blocks))


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        byte_flip, truncate, truncate_mid_utf8, shuffle_blocks, duplicate_blocks, drop_blocks, inject_tags,
        huge_line, huge_word, nul_bytes, crlf, lone_cr, bom, latin1_segment, cp1256_segment, utf16,
        random_unicode, broken_urls, entities, unbalanced, many_figures, deep_nesting, html_head,
        spanning_tables,
    )
}  # fmt: skip
# How often each is drawn (relative); the huge ones are slow to ingest, so rarer.
WEIGHTS = {name: 1.0 for name in MUTATIONS} | {
    "huge_line": 0.3, "huge_word": 0.6, "many_figures": 0.6, "deep_nesting": 0.6, "nul_bytes": 0.4,
    "utf16": 0.4, "latin1_segment": 0.5, "cp1256_segment": 0.5,
}  # fmt: skip
HUGE = {"huge_line", "huge_word", "many_figures", "deep_nesting"}


def choose_kinds(rng: random.Random) -> list[str]:
    """One mutation, sometimes two or three stacked (never two huge ones)."""
    names = list(MUTATIONS)
    weights = [WEIGHTS[n] for n in names]
    count = 1 if rng.random() < 0.7 else rng.choice((2, 2, 3))
    kinds: list[str] = []
    while len(kinds) < count:
        kind = rng.choices(names, weights)[0]
        if kind in HUGE and any(k in HUGE for k in kinds):
            continue
        kinds.append(kind)
    return kinds


def mutate(data: bytes, rng: random.Random, kinds: list[str], scale: float = 1.0) -> bytes:
    for kind in kinds:
        data = MUTATIONS[kind](data, rng, scale)
    return data


def seed_captures(dirs: list[Path]) -> list[Path]:
    suffixes = (".txt", ".html", ".htm")
    return sorted(p for d in dirs if d.is_dir() for p in d.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


# --- span invariants -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Violation:
    kind: str
    record: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.record}: expected {self.expected} got {self.got}"


def decoded(path: Path) -> str:
    """The file's characters as the reader counts them: UTF-8, a leading BOM removed."""
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def read_as_html(path: Path, raw: str) -> bool:
    """The reader's own rule: by the file's name or, whatever its name, by how it begins."""
    head = raw.lstrip()[:200].lower()
    return path.suffix.lower() in (".html", ".htm") or head.startswith(("<!doctype html", "<html"))


def _short(text: str, limit: int = 100) -> str:
    return repr(text if len(text) <= limit else text[: limit // 2] + "…" + text[-limit // 2 :])


def _differ(expected: str, got: str) -> tuple[str, str]:
    """Both texts around their first difference, with its position and their lengths."""
    i = next((k for k, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    lo = max(0, i - 30)

    def show(text: str) -> str:
        return f"{'…' if lo else ''}{text[lo : i + 40]!r}{'…' if len(text) > i + 40 else ''} (len {len(text)}, differs at {i})"

    return show(expected), show(got)


def _is_word(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c).startswith("M")


def _collapse(text: str) -> str:
    return " ".join(text.split())


_TAG_RE = regex.compile(r"<[^>]*>")
_BLOCK_TAG_RE = regex.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|figure|figcaption|table|tr|td|th|header|footer|main|aside|nav|pre|dd|dt)\b",
    regex.IGNORECASE,
)


def _html_join(raw: str, spans) -> str:
    """The spans' characters as a browser shows them: two runs split by inline markup only
    (`ce<b>nested</b>rtainly`) meet without a space; white space or a block boundary between
    them (a quotation over two paragraphs, whose second opening mark the reader drops) reads as
    one space."""
    out = ""
    for k, s in enumerate(spans):
        text = html_lib.unescape(raw[s.start : s.end])
        piece = _collapse(text)
        if k:
            before = html_lib.unescape(raw[spans[k - 1].start : spans[k - 1].end])
            gap = raw[spans[k - 1].end : s.start] if spans[k - 1].end <= s.start else " "
            visible = before[-1:] + html_lib.unescape(_TAG_RE.sub("", gap)) + text[:1]
            out += " " if _BLOCK_TAG_RE.search(gap) or any(c.isspace() for c in visible) else ""
        out += piece
    return out


def _joined_alike(got: str, expected: str, spans) -> bool:
    """A text joined from several exact runs of an HTML page may meet at a tag with or without a
    space (a browser breaks a line at a block tag set inside a word, the reader may not): the runs
    are each exact, which is the invariant; only the white space at their joins may differ."""
    return len(spans) > 1 and "".join(got.split()) == "".join(expected.split())


def _text_kind(base: str, expected: str, got: str) -> str:
    """`base`-text, or `base`-join-space when the two differ only in white space: the spans break
    where the text has none (`<em>not</em>, however`), so joining them with spaces adds one."""
    return f"{base}-join-space" if "".join(expected.split()) == "".join(got.split()) else f"{base}-text"


_LINE_BREAK_RE = regex.compile(r"\s*[\r\n]\s*")
_LINE_END_RE = regex.compile(r"\r\n|\n|\r")  # a line ends at \n, \r\n or a lone \r
_MARK_LINK_RE = regex.compile(r"\[((?:\\.|[^\]\\])*)\]\(#\)")
_MARK_URL_RE = regex.compile(r"\s*\\\([^()\s]*\\\)\s*$")
_MARK_AUTO_RE = regex.compile(r"<(https?://[^>\s]+)>")
_MARK_EM_RE = regex.compile(r"(?<![\w*])\*([^*\n]+?)\*(?![\w*])")
# markdown as CommonMark writes it, in the order a reader of one line meets it (the older copy
# format's "[text](#)", autolinks and *emphasis* first, as they were read before markdown)
_MARK_MD_RE = regex.compile(
    r"(?P<link_old>\[(?:\\.|[^\]\\])*\]\(#\))"
    r"|(?P<auto><https?://[^>\s]+>)"
    r"|(?P<lead>^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+))"
    r"|(?P<image>\[!\[[^\]\n]*\]\([^)\s]*\)\]\([^)\s]*\)|!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\))"
    r"|\[(?P<md>(?:\\.|[^\]\\\n])*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)"
    r"|(?<![\w*])\*\*(?P<strong>[^*\n]+?)\*\*(?![\w*])|(?<![\w_])__(?P<strong2>[^_\n]+?)__(?![\w_])"
    r"|(?P<em>(?<![\w*])\*[^*\n]+?\*(?![\w*]))"
    r"|(?<![\w_\\])_(?P<em2>[^_\n]+?)_(?![\w_])"
    r"|(?P<esc>\\[\\`*_{}\[\]()#+\-.!>|~])"
)


class _TextMarkup:
    """Which characters of a text capture are markup (link brackets and URLs, escape backslashes,
    autolink angle brackets, emphasis stars), line by line as the format defines them."""

    def __init__(self, raw: str):
        self.raw = raw
        self.markup = bytearray(len(raw))
        pos = 0
        for m in [*_LINE_END_RE.finditer(raw), None]:
            end = m.start() if m is not None else len(raw)
            self._line(raw[pos:end], pos)
            pos = m.end() if m is not None else pos

    def _mark(self, start: int, end: int) -> None:
        self.markup[start:end] = b"\x01" * (end - start)

    def _line(self, line: str, base: int) -> None:
        taken: list[tuple[int, int]] = []
        for m in _MARK_MD_RE.finditer(line):  # markdown, where the older copy format has no link
            kind = m.lastgroup
            if kind == "link_old" or kind == "auto" or kind == "em":
                continue  # read below, as before markdown was
            taken.append(m.span())
            if kind in ("lead", "image"):
                self._mark(base + m.start(), base + m.end())  # nothing of it is text
            elif kind == "esc":
                self._mark(base + m.start(), base + m.start() + 1)  # the backslash
            elif kind == "md":
                self._mark(base + m.start(), base + m.start() + 1)  # [
                self._mark(base + m.end("md"), base + m.end())  # ](url "title")
                i = m.start("md")
                while i < m.end("md"):
                    if line[i] == "\\" and i + 1 < m.end("md"):
                        self._mark(base + i, base + i + 1)
                        i += 1
                    i += 1
            else:  # strong, emphasis with _: the marks around the words
                inner = m.span(kind)
                self._mark(base + m.start(), base + inner[0])
                self._mark(base + inner[1], base + m.end())
        for m in _MARK_LINK_RE.finditer(line):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            self._mark(base + m.start(), base + m.start() + 1)  # [
            self._mark(base + m.end(1), base + m.end())  # ](#)
            body_start, body = m.start(1), m.group(1)
            url = _MARK_URL_RE.search(body)
            text_end = body_start + (url.start() if url else len(body))
            if url:
                self._mark(base + text_end, base + m.end(1))
            i = body_start
            while i < text_end:
                if line[i] == "\\" and i + 1 < text_end:
                    self._mark(base + i, base + i + 1)
                    i += 1
                i += 1
        for pattern in (_MARK_AUTO_RE, _MARK_EM_RE):
            for m in pattern.finditer(line):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                self._mark(base + m.start(), base + m.start() + 1)
                self._mark(base + m.end() - 1, base + m.end())

    def text(self, start: int, end: int) -> str:
        markup = self.markup
        return "".join(self.raw[i] for i in range(start, end) if not markup[i])

    def is_markup(self, i: int) -> bool:
        return bool(self.markup[i])


def _spans_of(record) -> list:
    """A record's exact runs: its `spans` when it lists them (text joined from several runs),
    else its one `span` (SourceText.spans is empty when the span is exact)."""
    spans = getattr(record, "spans", None)
    if isinstance(spans, list) and spans:
        return spans
    span = getattr(record, "span", None)
    return [] if span is None else [span]


def _all_spans(result) -> Iterator[tuple[str, object]]:
    """Every Span in the result, wherever the models keep one, with a label saying where."""
    from pydantic import BaseModel

    from archive.models import Span

    def walk(value, label: str):
        if isinstance(value, Span):
            yield label, value
        elif isinstance(value, list):
            for k, item in enumerate(value):
                yield from walk(item, f"{label}[{k}]")
        elif isinstance(value, BaseModel):
            name = getattr(value, "id", None)
            base = name if isinstance(name, str) else label
            for field in type(value).model_fields:
                yield from walk(getattr(value, field), f"{base}.{field}")

    for field in ("article", "figures", "sources", "renderings", "names", "repairs"):
        yield from walk(getattr(result, field), field)


# a '<' that opens a tag, comment or declaration; any other '<' ("a < b", "<\x0cp>") is text, to
# html.parser and to a browser alike
_TAG_START_RE = regex.compile(r"<[A-Za-z/!?]")


def find_violations(path: Path, result) -> list[Violation]:
    raw = decoded(path)
    as_html = read_as_html(path, raw)
    out: list[Violation] = []
    starts = [0] + [m.end() for m in _LINE_END_RE.finditer(raw)]

    for label, span in _all_spans(result):
        if span.start > span.end:
            out.append(Violation("span-reversed", label, "start <= end", f"{span.start}:{span.end}"))
            continue
        if not 0 <= span.start <= span.end <= len(raw):
            out.append(Violation("span-outside-file", label, f"0 <= start <= end <= {len(raw)}",
                                 f"{span.start}:{span.end}"))  # fmt: skip
            continue
        line, end_line = bisect.bisect_right(starts, span.start), bisect.bisect_right(starts, max(span.start, span.end - 1))
        if (span.line, span.end_line) != (line, end_line):
            out.append(Violation("span-line-numbers", label, f"lines {line}-{end_line}",
                                 f"lines {span.line}-{span.end_line} for {span.start}:{span.end}"))  # fmt: skip

    def inside(span) -> bool:
        return 0 <= span.start <= span.end <= len(raw)

    markup = None if as_html else _TextMarkup(raw)

    def splits_word(label: str, span) -> None:
        a, b = span.start, span.end
        if a >= b:
            return
        if a > 0 and _is_word(raw[a - 1]) and _is_word(raw[a]) and not (markup and markup.is_markup(a - 1)):
            out.append(Violation("span-splits-word", label, "a span starting at a word's start",
                                 f"{a}:{b} starts inside {_short(raw[max(0, a - 15) : a + 15])}"))  # fmt: skip
        if b < len(raw) and _is_word(raw[b - 1]) and _is_word(raw[b]) and not (markup and markup.is_markup(b)):
            out.append(Violation("span-splits-word", label, "a span ending at a word's end",
                                 f"{a}:{b} ends inside {_short(raw[max(0, b - 15) : b + 15])}"))  # fmt: skip

    def no_markup(label: str, span) -> None:
        if _TAG_START_RE.search(raw, span.start, span.end):
            out.append(Violation("html-span-holds-markup", label, "no markup ('<' opening a tag) in the span",
                                 f"{span.start}:{span.end} = {_short(raw[span.start : span.end])}"))  # fmt: skip

    for source in result.sources:
        spans = [s for s in _spans_of(source) if inside(s)]
        if not spans:
            continue
        for s in spans:
            splits_word(source.id, s)
        if as_html:
            for s in spans:
                no_markup(source.id, s)
            got = _html_join(raw, spans)
            verbatim = " ".join(_collapse(raw[s.start : s.end]) for s in spans)  # "&ampx" kept as written
            if _collapse(got) != _collapse(source.original) and verbatim != _collapse(source.original) and not _joined_alike(
                got, source.original, spans
            ):
                expected = _collapse(source.original)
                out.append(Violation(_text_kind("html-source", expected, got), source.id, *_differ(expected, got)))
        else:
            if len(spans) == 1:
                got, expected = raw[spans[0].start : spans[0].end], source.original
            else:  # several pieces: compared as read, white space folded
                got = " ".join(_collapse(raw[s.start : s.end]) for s in spans)
                expected = _collapse(source.original)
            if got != expected:
                out.append(Violation(_text_kind("text-source", expected, got), source.id, *_differ(expected, got)))

    for rendering in result.renderings:
        for k, fragment in enumerate(rendering.fragments):
            label = f"{rendering.id}.fragments[{k}]"
            spans = [s for s in fragment.spans if inside(s)]
            for s in spans:
                splits_word(label, s)
            if as_html:
                for s in spans:
                    no_markup(label, s)
                got = _html_join(raw, spans)
                expected = _collapse(fragment.text)
                if got != expected and not _joined_alike(got, expected, spans):
                    out.append(Violation(_text_kind("html-fragment", expected, got), label, *_differ(expected, got)))
            else:
                assert markup is not None
                got = _text_join(raw, markup, spans)
                if got != fragment.text:
                    kind = _text_kind("text-fragment", fragment.text, got)
                    out.append(Violation(kind, label, *_differ(fragment.text, got)))
    return out


_BROKEN_AT_LINE_END_RE = regex.compile(r"^-[ \t]*(?:\r\n|\r|\n)")


def _text_join(raw: str, markup, spans) -> str:
    """A text capture's runs joined as the reader joins them: with one space, except a word a
    typesetter broke at a line's end, which meets its other half with no space, its hyphen left out
    ("politi-" / "cal") or, for a compound broken at its own hyphen, kept in the run before."""
    out = ""
    for k, s in enumerate(spans):
        piece = _LINE_BREAK_RE.sub(" ", markup.text(s.start, s.end))
        if k:
            prev = spans[k - 1]
            gap = raw[prev.end : s.start] if prev.end <= s.start else ""
            broken = _BROKEN_AT_LINE_END_RE.match(gap) or (raw[prev.end - 1 : prev.end] == "-" and gap[:1] in ("\n", "\r"))
            out += "" if broken else " "
        out += piece
    return out


def span_violations(path: Path, result) -> list[str]:
    return [str(v) for v in find_violations(path, result)]
