"""English renderings: the statements an article quotes, with who said them, when, and where shown.

A careful reader tells a rendering from the authors' own scare quotes by the words that introduce
it: a speech cue ("The statement read", "told al-Ahd TV:", "branded the dialogue") close before the
quotation mark, or a colon. Quotes that share a sentence and a cue ("hailing the news as a “…” and
a “…”") are fragments of one rendering.

The speaker is the nearest named group or person before the cue, skipping appositives
(", the secretary-general of KSS,") and parentheses; a sentence with no name ("The statement
concluded:") continues the statement of the previous rendering in the paragraph, or names the
subject of the sentence before. Dates and figure numbers are read the same way. What cannot be
read stays None.

Before quotes are read, paragraphs that a column layout split apart are joined again, using the
evidence a reader uses: a fragment that does not end a sentence, one that opens with a lowercase
word, parentheses left open in one and closed in the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from archive.aliases import AliasStore, Mention
from archive.ingest.capture import MappedText
from archive.ingest.dates import find_dates
from archive.ingest.layout import Layout
from archive.models import Entity

CUE_WORDS = {
    "said", "says", "saying", "say", "stated", "states", "read", "reads", "told", "tells", "added",
    "adding", "wrote", "writes", "declared", "declaring", "announced", "announcing", "called",
    "calling", "described", "describing", "branded", "branding", "predicted", "predicting",
    "warned", "warning", "claimed", "claiming", "hailed", "hailing", "offered", "offering",
    "concluded", "concluding", "continued", "insisted", "vowed", "vowing", "threatened",
    "threatening", "urged", "urging", "demanded", "praised", "praising", "accused", "accusing",
    "denounced", "condemned", "promised", "promising", "stressed", "stressing", "noted", "asserted",
    "affirmed", "pledged", "labeled", "labelled", "dubbed", "termed", "statement", "statements",
    "message", "communique", "communiqué", "post", "tweet", "tweeted", "speech", "interview",
    "remarks", "declaration", "thanked", "thanking", "explained", "argued", "asked",
}  # fmt: skip
CUE_WINDOW = 8  # words between a cue and the quotation mark
CONTINUES_STATEMENT = regex.compile(
    r"^\s*(?:the|this|that|its|his|her|their)\s+(?:\w+\s+)?"
    r"(?:statement|message|post|speech|communiqu[eé]|text|point|item|clause|article|paragraph)\b"
    r"|^\s*(?:it|he|she|they)\b",
    regex.IGNORECASE,
)
_PRONOUN_RE = regex.compile(r"^\s*(?:he|she|they)\b", regex.IGNORECASE)
_ROLES = (
    r"spokesman|spokeswoman|spokesperson|secretary[- ]general|leader|commander|chief|head|official|deputy"
)
_ROLE_RE = regex.compile(
    rf"(?P<owner>\b(?:[Ii]ts|[Tt]he group['’]s|[A-Z][\w'’\-]*['’]s)\s+)?(?P<role>{_ROLES})\s*,?\s+"
    r"(?P<name>(?:Abu|Umm|Sheikh|[A-Z][\w'’\-]*)(?:\s+(?:al-[\w'’\-]+|[A-Z][\w'’\-]*|bin|ibn)){1,4})"
)
_ROLE_MENTION_RE = regex.compile(rf"\b(?:the|its|the group['’]s)\s+(?P<role>{_ROLES})\b", regex.IGNORECASE)
_STATEMENT_NOUN_RE = regex.compile(r"\b(?:statement|message|post|speech|communiqu[eé])\b", regex.IGNORECASE)
SPEAKERLESS_MIN_WORDS = 6
WALK_BACK_SENTENCES = 4
_QUOTE_RE = regex.compile(r"“(?P<c>[^“”]*)”|\"(?P<s>[^\"\n]*)\"")
_SENTENCE_END_RE = regex.compile(r"[.!?…❖][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
_ABBREVIATIONS = regex.compile(
    r"(?:\b[A-Z]\.|\bU\.S\.|\bU\.K\.|\bDr\.|\bMr\.|\bMs\.|\bSt\.|\be\.g\.|\bi\.e\.)$"
)
_FIGURE_AFTER_RE = regex.compile(r"^[\s,;]*\(?\s*Fig(?:ure|\.)?\s*(\d+)", regex.IGNORECASE)
_FIGURE_IN_RE = regex.compile(r"\(\s*Fig(?:ure|\.)?\s*(\d+)", regex.IGNORECASE)
_CONNECTOR_RE = regex.compile(
    r"^[\s,;]*(?:(?:and|or|but|as|a|an|the|then|also|it|them|him|her)\s*,?\s*){0,4}$", regex.I
)
_APPOSITIVE_RE = regex.compile(r",\s+[a-z][^,]*,")
_PAREN_RE = regex.compile(r"\([^()]*\)")
_INSERTION_RE = regex.compile(r"\[[^\]]+\]")
_ELLIPSIS_RE = regex.compile(r"\.\.\.|…")
_NAME_BEFORE_CUE_RE = regex.compile(r"((?:(?:[A-Z][\w'’\-]+|al-\w+|bin|ibn|abu|Abu)\s+){1,4})$")
_NOT_NAMES = {
    "on",
    "also",
    "later",
    "then",
    "meanwhile",
    "separately",
    "earlier",
    "again",
    "the",
    "this",
    "that",
    "these",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "in",
    "at",
    "when",
    "yet",
    "but",
    "and",
}
_FUNCTION_WORDS = {
    "and",
    "or",
    "but",
    "nor",
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "as",
    "at",
    "from",
    "that",
    "which",
}
_FINAL_RE = regex.compile(r"(?:[.!?:❖]|[.!?][\"”’)\]]+)\s*$")


@dataclass(slots=True)
class Paragraph:
    text: MappedText
    blocks: list[int]


@dataclass(slots=True)
class RenderingDraft:
    fragments: list[tuple[int, int]]  # clean offsets inside the paragraph
    paragraph: Paragraph
    cue: str | None
    speaker: Entity | None = None
    speaker_name: str | None = None
    date: dt.date | None = None
    figure: int | None = None
    speaker_org: str | None = None
    parent: RenderingDraft | None = None  # the rendering whose statement this one continues


# --- paragraphs ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Body:
    paragraphs: list[Paragraph]
    headings: list[Paragraph]
    duplicates: list[int]  # blocks dropped because another block already says the same


def read_body(layout: Layout) -> Body:
    """Body text blocks joined back into paragraphs, repeated fragments dropped, headings told
    apart: a short line that nothing continues and that does not end a sentence."""
    ids = [
        i for i in range(len(layout.blocks)) if layout.in_body(i) and layout.kinds[i] in ("prose", "short")
    ]
    texts = {i: layout.blocks[i].text for i in ids}
    duplicates = [
        i for i in ids if any(j != i and len(texts[j]) > len(texts[i]) and texts[i] in texts[j] for j in ids)
    ]
    ids = [i for i in ids if i not in duplicates]
    links = _rejoin(ids, texts)
    is_continuation = set(links.values())
    paragraphs, headings = [], []
    for i in ids:
        if i in is_continuation:
            continue
        chain = [i]
        while chain[-1] in links:
            chain.append(links[chain[-1]])
        mapped = layout.blocks[chain[0]].mapped()
        for j in chain[1:]:
            mapped = mapped.join(layout.blocks[j].mapped())
        paragraph = Paragraph(mapped, chain)
        if len(chain) == 1 and _looks_like_heading(texts[i]):
            headings.append(paragraph)
        else:
            paragraphs.append(paragraph)
    return Body(paragraphs, headings, duplicates)


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 10
        and text[:1].isupper()
        and not text.rstrip().endswith((".", ",", ":", ";", "❖"))
        and not _QUOTE_RE.search(text)
        and words[-1].lower() not in _FUNCTION_WORDS
    )


def _rejoin(ids: list[int], texts: dict[int, str]) -> dict[int, int]:
    """Which fragment continues which: best evidence first, each fragment used once each way."""
    candidates = []
    for a in ids:
        if _FINAL_RE.search(texts[a]):
            continue
        open_parens = texts[a].count("(") - texts[a].count(")")
        for b in ids:
            if b == a or abs(ids.index(b) - ids.index(a)) > 6:
                continue
            head = texts[b]
            closes_first = _closes_before_opening(head)
            score = 0.0
            if open_parens > 0 and closes_first:
                score += 2
            elif closes_first:
                score -= 2
            tail = texts[a].rstrip()[-1:]
            if head[:1].islower():
                score += 2 if tail.isalnum() else 1  # a sentence broken between two words
            last_word = texts[a].split()[-1].lower() if texts[a].split() else ""
            first_word = head.split()[0].lower() if head.split() else ""
            if last_word in _FUNCTION_WORDS and first_word in _FUNCTION_WORDS:
                score -= 2  # "…Badr and | or Tansiqiya…": no reader joins two function words
            if head.startswith("(") and _FIGURE_AFTER_RE.match(head):
                score += 2 if tail in '"”' else 1  # the figure reference that ends a quotation
            if score >= 1:
                candidates.append((-score, abs(b - a), a, b))
    links: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, a, b in sorted(candidates):
        if a in links or b in taken or _reaches(links, b, a):
            continue
        links[a] = b
        taken.add(b)
    return links


def _closes_before_opening(text: str) -> bool:
    depth = 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return True
    return False


def _reaches(links: dict[int, int], start: int, target: int) -> bool:
    while start in links:
        start = links[start]
        if start == target:
            return True
    return start == target


# --- quotes ----------------------------------------------------------------------------------------


def find_renderings(
    paragraphs: list[Paragraph], aliases: AliasStore, article_date: dt.date | None
) -> list[RenderingDraft]:
    """Renderings of the whole body, read in order: a statement introduced in one paragraph can be
    continued in the next ("The third point asked…", "He said…")."""
    paragraphs = _merge_continued_quotes(paragraphs)
    ctx = _Context(aliases, article_date, _roles(paragraphs, aliases))
    drafts: list[RenderingDraft] = []
    for paragraph in paragraphs:
        drafts.extend(_paragraph_renderings(paragraph, ctx))
    return drafts


@dataclass(slots=True)
class _Context:
    aliases: AliasStore
    ref: dt.date | None
    roles: dict[str, tuple[str, str | None]]  # "spokesman" -> (person, organization)
    earlier: list[str] = field(default_factory=list)  # sentences of the paragraphs read so far
    previous: RenderingDraft | None = None


def _merge_continued_quotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A quotation over several paragraphs opens each with “ and closes only at its end; such
    paragraphs are read as one, without the repeated opening mark."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if out and _opens_more_than_closes(out[-1].text.text) and paragraph.text.text.startswith("“"):
            last = out.pop()
            rest = paragraph.text.slice(1, len(paragraph.text))
            out.append(Paragraph(last.text.join(rest), last.blocks + paragraph.blocks))
        else:
            out.append(paragraph)
    return out


def _opens_more_than_closes(text: str) -> bool:
    return text.count("“") > text.count("”")


def _roles(paragraphs: list[Paragraph], aliases: AliasStore) -> dict[str, tuple[str, str | None]]:
    """Titles the article gives people ("Its spokesman, Abu Hadi al-Tajribi"), so that a later
    "the spokesman said" names him."""
    roles: dict[str, tuple[str, str | None]] = {}
    for paragraph in paragraphs:
        text = paragraph.text.text
        for m in _ROLE_RE.finditer(text):
            role = m.group("role").lower()
            if role in roles:
                continue
            owner = (m.group("owner") or "").strip()
            org = None
            if owner.lower() in ("its", "the group's", "the group’s"):
                found = _speaker(text[: m.start()], aliases, subject=True)
                org = found[1] if found else None
            elif owner:
                entity = aliases.by_name(regex.sub(r"['’]s$", "", owner))
                org = entity.en if entity else None
            roles[role] = (m.group("name").strip(), org)
    return roles


def _sentence_starts(text: str, quotes: list[tuple[int, int]]) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END_RE.finditer(text):
        if any(a < m.start() < b - 1 for a, b in quotes):
            continue
        if _ABBREVIATIONS.search(text[: m.start() + 1]):
            continue
        starts.append(m.end())
    return starts


def _paragraph_renderings(paragraph: Paragraph, ctx: _Context) -> list[RenderingDraft]:
    text = paragraph.text.text
    quotes = []
    for m in _QUOTE_RE.finditer(text):
        group = "c" if m.group("c") is not None else "s"
        if m.group(group).strip():
            quotes.append((m.start(), m.end(), m.start(group), m.end(group)))
    starts = _sentence_starts(text, [(a, b) for a, b, _, _ in quotes])
    drafts: list[RenderingDraft] = []
    last: RenderingDraft | None = None
    last_end = -1
    for q_start, q_end, inner_start, inner_end in quotes:
        sent_start = max(s for s in starts if s <= q_start)
        if last is not None and last_end >= sent_start and _CONNECTOR_RE.match(text[last_end:q_start]):
            last.fragments.append((inner_start, inner_end))
            last_end = q_end
            continue
        pre = text[max(sent_start, last_end if last_end >= sent_start else sent_start) : q_start]
        cue = _cue(pre)
        if cue is None:
            continue
        draft = RenderingDraft([(inner_start, inner_end)], paragraph, cue)
        earlier = [text[a:b] for a, b in zip(starts, starts[1:]) if b <= sent_start]
        _attribute(draft, text[sent_start:q_start], earlier, ctx)
        if draft.speaker_name is None and len(text[inner_start:inner_end].split()) < SPEAKERLESS_MIN_WORDS:
            continue  # a short quote nobody can be named for is the authors' or an onlooker's word
        drafts.append(draft)
        last, last_end = draft, q_end
        ctx.previous = draft
    for draft in drafts:
        quote_end = draft.fragments[-1][1] + 1
        sentence_end = min([s for s in starts if s > quote_end] or [len(text)])
        m = _FIGURE_IN_RE.search(text, quote_end, sentence_end)
        if m:
            draft.figure = int(m.group(1))
        elif draft.parent is not None:
            draft.figure = draft.parent.figure
    ctx.earlier.extend(text[a:b] for a, b in zip(starts, [*starts[1:], len(text)]))
    return drafts


def _cue(pre: str) -> str | None:
    stripped = pre.rstrip()
    words = regex.findall(r"[\w’'\-]+|:", stripped)
    tail = words[-CUE_WINDOW:]
    for k in range(len(tail) - 1, -1, -1):
        if tail[k].lower() in CUE_WORDS:
            # the cue phrase runs from the cue word to the quotation mark
            at = _nth_word_start(stripped, len(words) - len(tail) + k)
            return stripped[at:].strip() or None
    if stripped.endswith(":"):
        return " ".join(stripped.split()[-4:])
    return None


def _nth_word_start(text: str, n: int) -> int:
    for i, m in enumerate(regex.finditer(r"[\w’'\-]+|:", text)):
        if i == n:
            return m.start()
    return 0


def _attribute(draft: RenderingDraft, pre: str, earlier_here: list[str], ctx: _Context) -> None:
    """Who said it and when: named before the cue; else a title the article gave someone; else
    the statement the sentence continues ("The statement concluded:", "It added"); else the
    subject of the nearest sentence before that names one."""
    dates = find_dates(pre)
    speaker = _speaker(pre, ctx.aliases) or _role_speaker(pre, ctx)
    continues = CONTINUES_STATEMENT.match(pre) is not None
    source_sentence = None
    if speaker is None and continues and _PRONOUN_RE.match(pre):
        # "He said…": the person of the sentence just before, if it names one
        previous_sentence = (earlier_here or ctx.earlier)[-1:] if (earlier_here or ctx.earlier) else []
        for sentence in previous_sentence:
            speaker = _speaker(sentence, ctx.aliases, subject=True) or _role_speaker(sentence, ctx)
            source_sentence = sentence if speaker else None
    if speaker is None and continues and ctx.previous is not None:
        previous = ctx.previous
        draft.speaker, draft.speaker_name, draft.speaker_org = (
            previous.speaker,
            previous.speaker_name,
            previous.speaker_org,
        )
        draft.parent = previous
        draft.date = dates[-1].first(ctx.ref) if dates else previous.date
        return
    if speaker is None:
        speaker = _name_before_cue(pre)
    if speaker is None and (continues or not _has_own_subject(pre)):
        # "The statement read:" looks back first for the sentence that introduced a statement
        noun = _STATEMENT_NOUN_RE.search(pre) if continues else None
        candidates = [*reversed(earlier_here), *reversed(ctx.earlier)][:WALK_BACK_SENTENCES]
        if noun is not None:
            word = noun.group().lower()
            candidates = [c for c in candidates if word in c.lower()] + candidates
        for sentence in candidates:
            speaker = _speaker(sentence, ctx.aliases, subject=True) or _role_speaker(sentence, ctx)
            if speaker is not None:
                source_sentence = sentence
                break
    if speaker is not None:
        draft.speaker, draft.speaker_name = speaker[0], speaker[1]
        draft.speaker_org = speaker[2] if len(speaker) > 2 else None
    if dates:
        draft.date = dates[-1].first(ctx.ref)
    else:
        for sentence in [*reversed(earlier_here), *([source_sentence] if source_sentence else [])]:
            found = find_dates(sentence)
            if found:
                draft.date = found[-1].first(ctx.ref)
                break


def _has_own_subject(pre: str) -> bool:
    """Whether words before the cue name someone else ("Analysts called it…"), so that the quote
    is theirs and not a statement's from an earlier sentence."""
    clause = regex.split(r"[.;:]\s", pre)[-1]
    for date in find_dates(clause):
        clause = clause[: date.start] + " " * (date.end - date.start) + clause[date.end :]
    words = regex.findall(r"[\w'’\-]+", clause)
    for k, word in enumerate(words):
        if word.lower() in CUE_WORDS:
            before = [
                w for w in words[:k] if w.lower() not in _NOT_NAMES and w.lower() not in _FUNCTION_WORDS
            ]
            return bool(before)
    return False


def _role_speaker(clause: str, ctx: _Context):
    for m in _ROLE_MENTION_RE.finditer(clause):
        role = ctx.roles.get(m.group("role").lower())
        if role is not None:
            return None, role[0], role[1]
    return None


def _speaker(clause: str, aliases: AliasStore, subject: bool = False) -> tuple[Entity | None, str] | None:
    """The named group or person that speaks in `clause`: the nearest to the cue, or with
    `subject`, the first (the subject of a sentence before the quote)."""
    masked = _mask(clause)
    mentions: list[Mention] = [
        m for m in aliases.mentions(masked) if m.entity.kind in ("organization", "person")
    ]
    if mentions:
        chosen = mentions[0] if subject else mentions[-1]
        org = chosen.entity.org if chosen.entity.kind == "person" else None
        return chosen.entity, chosen.entity.en, org
    return None


def _name_before_cue(clause: str) -> tuple[None, str] | None:
    """A capitalized name right before a speech verb ("Abu Fadak al-Mohammadawi said"), for
    speakers the alias store does not know yet."""
    words = _mask(clause).rstrip().split()
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in CUE_WORDS:
            m = _NAME_BEFORE_CUE_RE.search(" ".join(words[:k]) + " ")
            if m:
                name = [w for w in m.group(1).split() if w.lower() not in _NOT_NAMES]
                if len(name) >= 2:
                    return None, " ".join(name)
            return None
    return None


def _mask(clause: str) -> str:
    """The clause with parentheses and appositives blanked out (same length, so offsets hold)."""
    out = clause
    while True:
        masked = _PAREN_RE.sub(lambda m: " " * len(m.group()), out)
        if masked == out:
            break
        out = masked
    return _APPOSITIVE_RE.sub(lambda m: " " * len(m.group()), out)


def rendering_texts(draft: RenderingDraft) -> list[str]:
    return [draft.paragraph.text.text[a:b] for a, b in draft.fragments]


def insertions(texts: list[str]) -> list[str]:
    return [m.group() for t in texts for m in _INSERTION_RE.finditer(t)]


def has_ellipsis(texts: list[str]) -> bool:
    return any(_ELLIPSIS_RE.search(t) for t in texts)
