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

import bisect
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field, replace

import regex

from archive.aliases import AliasStore, roman_key
from archive.arabic import arabic_share
from archive.ingest import marks, speakers
from archive.ingest.capture import SYNTHETIC, MappedText
from archive.ingest.dates import find_dates, find_header_dates, find_relative_days, numeric_order
from archive.ingest.layout import Layout
from archive.models import Entity

CUE_WORDS = {
    "said", "says", "saying", "say", "stated", "states", "read", "reads", "told", "tells", "telling", "added",
    "adding", "wrote", "writes", "declared", "declaring", "announced", "announcing", "called",
    "calling", "described", "describing", "branded", "branding", "predicted", "predicting",
    "warned", "warning", "claimed", "claiming", "hailed", "hailing", "offered", "offering",
    "concluded", "concluding", "continued", "insisted", "vowed", "vowing", "threatened",
    "threatening", "urged", "urging", "demanded", "praised", "praising", "accused", "accusing",
    "denounced", "condemned", "promised", "promising", "stressed", "stressing", "noted", "asserted",
    "affirmed", "pledged", "labeled", "labelled", "dubbed", "termed", "statement", "statements",
    "message", "communique", "communiqué", "post", "tweet", "tweeted", "speech", "interview",
    "remarks", "declaration", "thanked", "thanking", "explained", "argued", "asked",
    "replied", "replying", "answered", "responded", "responding", "retorted", "insisting",
    "insists", "confirmed", "denied", "acknowledged", "commented", "emphasized", "emphasised",
    "emphasizing", "posted", "posting", "quipped", "boasted", "complained", "admitted", "maintained",
    "alleged", "revealed", "echoed", "recalled", "cautioned", "reiterated", "repeated", "charged",
    "countered", "conceded", "observed", "remarked", "adds", "tweeting",
    "according", "writing", "urges", "criticizing", "criticising", "quoted", "quoting", "cited",
    "accuse", "warn", "call", "describe", "brand", "deny", "vow", "threaten", "urge", "praise",
    "condemn", "promise", "dismiss", "reject", "insist", "claim", "declare", "stress", "demand",
    "emphasising", "arguing", "noting", "asserting", "affirming", "explaining", "reiterating",
    "underlining", "underscoring",
    # agency English ("considered the pressure as “…”", "pointed out that", "pointing out:")
    "warns", "calls", "stresses", "demands", "closes", "concludes",  # the present, as summaries write it
    "pointed", "pointing", "highlighted", "highlighting", "underlined",
    "underscored", "indicated", "indicating", "clarified", "reaffirmed", "reaffirming",
}  # fmt: skip
CUE_WINDOW = 16  # words between a cue and the quotation mark
# "said in a statement on its Telegram channel on Tuesday that …": how far the verb's "that" may be
THAT_AFTER_VERB = 20
CONTINUES_STATEMENT = regex.compile(
    r"^\s*the\s+(?:first|second|third|fourth|fifth|last|final|next|other)\s*,"  # "The second, which translates as"
    r"|^\s*(?:the|this|that|its|his|her|their|a|an)\s+(?:\w+\s+){0,2}"
    # "The first line of the post"
    r"(?:(?:line|lines|part|paragraph|sentence|section|rest|end|opening|close)\s+of\s+(?:the|its|this|that)\s+)?"
    r"(?:statement|message|post|speech|communiqu[eé]|text|point|item|clause|article|paragraph|translation|"
    r"passage|excerpt|wording)\b"
    r"|^\s*(?:it|he|she|they)\b",
    regex.IGNORECASE,
)
_PRONOUN_RE = regex.compile(r"^\s*(?:he|she|they)\b", regex.IGNORECASE)
_ACCORDING_RE = regex.compile(r"\baccording\s+to\b(?!.*\baccording\s+to\b)", regex.IGNORECASE)
_TERM_BEFORE_RE = regex.compile(
    r"\b(?:about|of|on|over|for|with|against|from|into|in|at)\s+(?:the|a|an|this|that|its|their|his)\s*$"
    r"|\bso-called\s*$"
    # a self-designation, the way a group names itself in general: "They call themselves “the
    # resistance” and describe their alliance with Tehran as an “axis”"
    r"|\b(?:call|calls|called)\s+(?:themselves|itself)\s*$"
    r"|\b(?:describe|describes)\s+(?:their|its)\s+[^.;:“”\"]{1,60}?\s+as\s+(?:an?\s+|the\s+)?$"
    r"|\b(?:been|being|was|were|is|are)\s+(?:\w+ly\s+)?(?:dubbed|called|described\s+as|labell?ed|termed|branded)"
    r"\s+(?:as\s+)?(?:a|an|the)?\s*$",
    regex.IGNORECASE,
)
# parties whose words are not the armed groups' statements this archive collects
_OUTSIDER_RE = speakers.OUTSIDER_RE
_DETERMINER_END_RE = regex.compile(r"\b(?:a|an|the|this|that|its|their|his|her|our)\s*$|\b[A-Z][\w\-]*['’]s\s*$", regex.IGNORECASE)  # "Trump's “maximum pressure” campaign"
# a quote that modifies the noun after it ("a “wait and see” strategy") names a thing, it is not said
_NOUN_AFTER_RE = regex.compile(r"\s+(?!(?:and|or|but|that|which|who|as|to|in|on|of|for|from|with|by|at|is|was|were|are|will|would)\b)[a-z]{3,}\b")
_IT_RE = regex.compile(r"^\s*(?:it|its)\b", regex.IGNORECASE)
# verbs that go on with a statement already quoted
_CONTINUING_RE = regex.compile(r"\b(?:concluded|concluding|continued|added|adding|went on|ended|closed)\b", regex.I)
_ROLES = (
    r"spokesman|spokeswoman|spokesperson|secretary[- ]general|leader|commander|chief|head|official|deputy"
)
# compiled with the standard `re`: the same pattern scans a long paragraph 2-3x faster than with `regex`
_ROLE_RE = re.compile(
    rf"(?P<owner>\b(?:[Ii]ts|[Tt]he group['’]s|[A-Z][\w'’\-]{{0,40}}['’]s)\s+)?(?P<role>{_ROLES})\s*,?\s+"
    r"(?P<name>(?:Abu|Umm|Sheikh|[A-Z][\w'’\-]{0,40})(?:\s+(?:al-[\w'’\-]{1,40}|[A-Z][\w'’\-]{0,40}|bin|ibn)){1,4})"
)
_ROLE_MENTION_RE = regex.compile(
    rf"\b(?:the|its|the group['’]s)\s+(?:\w+\s+)?(?P<role>{speakers.ROLES})\b", regex.IGNORECASE
)
_STATEMENT_NOUN_RE = regex.compile(r"\b(?:statement|message|post|speech|communiqu[eé])\b", regex.IGNORECASE)
WALK_BACK_SENTENCES = 4
# a sentence ends at its mark, after closing quotes and brackets and footnote markers ("….[3] The")
# a sentence's end, with its note markers: "[3]", or a report's bare note number after the closing
# mark ('… or not."2 The statement')
_SENTENCE_END_RE = regex.compile(r"[.!?…❖][\"”’)\]]*(?:\[\d{1,3}\]|(?<=[\"”’])\d{1,3})*\s+(?=[\"“(\[]?[A-Z0-9])")
_ABBREVIATIONS = regex.compile(
    r"(?:\b[A-Z]\.|\bU\.S\.|\bU\.K\.|\bDr\.|\bMr\.|\bMs\.|\bMrs\.|\bSt\.|\be\.g\.|\bi\.e\.|"
    r"\b(?:Brig|Gen|Col|Maj|Lt|Capt|Sgt|Adm|Gov|Sen|Rep|Prof|Jr|Sr|Inc|Co|Corp|No|vs|Sheikh)\.)$"
)
_FIGURE_CITED_RE = regex.compile(r"\(\s*Fig(?:ure|\.)?\s*(\d{1,4})\s*\)", regex.IGNORECASE)  # "(Figure 1)"
_FIGURE_AFTER_RE = regex.compile(r"^[\s,;]*\(?\s*Fig(?:ure|\.)?\s*(\d{1,4})(?!\d)", regex.IGNORECASE)
_FIGURE_IN_RE = regex.compile(r"\(\s*Fig(?:ure|\.)?\s*(\d{1,4})(?!\d)", regex.IGNORECASE)
_CONNECTOR_RE = regex.compile(
    r"^[\s,;]*(?:(?:and|or|but|as|a|an|the|then|also|it|them|him|her)\s*,?\s*){0,4}$", regex.I
)
# ", the secretary-general of KSS,", ", who spoke from Baghdad,", ", dominated by Badr,": who or
# what the name before is; a predicate (", wrote on X that…,") is not one
_APPOSITIVE_RE = regex.compile(
    r",\s+(?:the|a|an|who|which|whose|one|its|his|her|their|dominated|including|led|backed|based|known|"
    r"also|once|now|formerly|former|long|newly|widely|seen|considered|himself|itself|speaking|talking|"
    r"[a-z]+ed)\b[^,]*,"
)
# ", KH's security official," after a name: who he is, not who speaks
_ROLE_APPOSITIVE_RE = regex.compile(rf"(,)\s+[^,“”\"]{{0,60}}\b(?:{speakers.ROLES})\b[^,“”\"]{{0,60}},")
_COORDINATED_CUE_RE = regex.compile(
    r"^[\s,;”\"’]*(?:but|and|while|then|before)\s+(?:also\s+|then\s+|later\s+|again\s+)?(?P<verb>[a-z]+)\b"
)
_CORRESPONDENT_RE = regex.compile(r",\s+(?:reporting|speaking)\s+from\s+[^,“”\"]{1,60},\s*(?:\w+\s+){0,2}(?:said|says|added|adds)\b")
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
_PREPOSITIONS = {"of", "to", "in", "on", "for", "with", "by", "at", "from"}
_ARTICLES = {"the", "a", "an"}
# a sentence's end, also with an endnote's number after it ('… who defeated Daesh."9')
_FINAL_RE = regex.compile(r"(?:[.!?:❖]|[.!?][\"”’)\]]+|\p{L}[.!?][\"”’)\]]*\d{1,3})\s*$")


@dataclass(slots=True)
class Paragraph:
    text: MappedText
    blocks: list[int]
    broken_words: list[tuple[int, int]] = field(default_factory=list)  # words rejoined across a line end


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
    channel: str | None = None  # where it was said: "al-Ahd TV", "Telegram"
    outsider: bool = False  # said by someone the archive does not collect (an analyst, a U.S. official)
    weak: bool = False  # the speaker was carried over from another sentence, not named with the cue
    unnamed: bool = False  # an unnamed member of its group ("an official of the group"): its own occasion
    told_author: bool = False  # said to the article's own author ("A KSS official I spoke to"): channel = publisher


# --- paragraphs ------------------------------------------------------------------------------------


EARLIER_SENTENCES = 8  # sentences of a paragraph before a quote that attribution reads back over
REJOIN_WINDOW = 6  # fragments either side where a column cut's continuation may be printed
DUPLICATE_WINDOW = 12
DUPLICATE_MIN_WORDS = 5


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
    # a fragment a column layout printed twice: a sentence's worth of text found again, whole,
    # in a longer block near it (a one-word heading inside a paragraph is no repetition)
    duplicates = [
        i for k, i in enumerate(ids)
        if len(texts[i].split()) >= DUPLICATE_MIN_WORDS
        and any(j != i and len(texts[j]) > len(texts[i]) and texts[i] in texts[j]
                for j in ids[max(0, k - DUPLICATE_WINDOW) : k + DUPLICATE_WINDOW + 1])
    ]  # fmt: skip
    dropped = set(duplicates)
    ids = [i for i in ids if i not in dropped]
    links = _rejoin(ids, texts)
    is_continuation = set(links.values())
    vocabulary = _vocabulary(texts.values())
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
        joined, broken = _dehyphenate(mapped, vocabulary)
        paragraph = Paragraph(joined, chain, broken)
        if len(chain) == 1 and (_looks_like_heading(texts[i]) or chain[0] in layout.subheads):
            headings.append(paragraph)
        else:
            paragraphs.append(paragraph)
    return Body(paragraphs, headings, duplicates)


_WORD_RE = regex.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BROKEN_WORD_RE = regex.compile(r"(?<=\p{L}\p{Ll})-(?= \p{Ll})")  # "politi- cal", "Au- gust": the hyphen and the line's end
_BROKEN_PIECES_RE = regex.compile(r"[^\W\d_]*\p{Ll}- \p{Ll}[^\W\d_]*")
_MAX_VOCABULARY_TEXT = 2_000_000  # characters read for the page's own words (a damaged capture can be bigger)


def _vocabulary(texts) -> frozenset[str]:
    """The page's own words, lowercased, hyphenated compounds whole and in parts: the evidence for
    reading a word broken at a line's end."""
    words: set[str] = set()
    read = 0
    for text in texts:
        read += len(text)
        if read > _MAX_VOCABULARY_TEXT:
            break
        whole = _BROKEN_PIECES_RE.sub(" ", text.lower())  # a broken word's halves are no evidence of themselves
        for m in _WORD_RE.finditer(whole):
            words.add(m.group())
    return frozenset(words)


def _dehyphenate(mapped: MappedText, vocabulary: frozenset[str]) -> tuple[MappedText, list[tuple[int, int]]]:
    """A paragraph with the words a typesetter broke at a line's end rejoined ("politi-" / "cal" →
    "political"), each character still at its offset in the file (the hyphen and the line break are
    left out, so the word reads back from two exact runs). A compound broken at its own hyphen
    ("Iran-" / "backed", "state-" / "sanctioned") keeps it: both halves are words of the page, or the
    page prints the compound whole, and the joined form is not one of its words. Also returns
    where each rejoined word now stands, for the repairs ingest reports."""
    text = mapped.text
    if "- " not in text:
        return mapped, []
    cut: list[tuple[int, bool]] = []  # (hyphen position, keep the hyphen)
    words: list[tuple[int, int]] = []  # each broken word, start to end, before the cut
    for m in _BROKEN_WORD_RE.finditer(text):
        at = m.start()
        if mapped.offsets[at + 1] != SYNTHETIC:
            continue  # a hyphen and a space the page itself printed ("pro- and anti-government")
        left = regex.search(r"[^\W\d_]+$", text[:at]).group().lower()
        right_m = regex.match(r"[^\W\d_]+", text[at + 2 :])
        if right_m is None:
            continue
        right = right_m.group().lower()
        joined = left + right
        compound = f"{left}-{right}" in vocabulary or (
            left in vocabulary and right in vocabulary and joined not in vocabulary
        )
        cut.append((at, compound))
        words.append((at - len(left), at + 2 + len(right)))
    if not cut:
        return mapped, []
    chars, offsets, last = [], [], 0
    for at, keep_hyphen in cut:
        end = at + 1 if keep_hyphen else at
        chars.append(text[last:end])
        offsets.extend(mapped.offsets[last:end])
        last = at + 2  # past the hyphen and the synthetic space
    chars.append(text[last:])
    offsets.extend(mapped.offsets[last:])
    removed = [(at, 1 if keep else 2) for at, keep in cut]

    def shift(position: int) -> int:
        gone = 0
        for at, n in removed:
            first = at + 2 - n  # the first character left out: the space (hyphen kept) or the hyphen
            gone += n if position >= first + n else max(0, position - first)
        return position - gone

    links = [(shift(a), shift(b), u) for a, b, u in mapped.links]
    emphasis = [(shift(a), shift(b)) for a, b in mapped.emphasis]
    return MappedText("".join(chars), offsets, links, emphasis), [(shift(a), shift(b)) for a, b in words]


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 10
        and not _QA_LABEL_RE.match(text)  # an interview's "Q: Why?" is no heading (but "A. A Truce" is)
        and text[:1].isupper()
        and not text.rstrip().endswith((".", ",", ";", "❖"))
        and not (text.rstrip().endswith(":") and len(words) > 3)  # "Key Takeaways:" heads a list
        and not marks.quotations(text)
        and words[-1].lower() not in _FUNCTION_WORDS
    )


def _rejoin(ids: list[int], texts: dict[int, str]) -> dict[int, int]:
    """Which fragment continues which: best evidence first, each fragment used once each way;
    a continuation is looked for among the six fragments either side (linear in the body)."""
    candidates = []
    for k, a in enumerate(ids):
        if _FINAL_RE.search(texts[a]) or texts[a].isupper():
            continue  # a sentence's end; or a heading in capitals ("4. NUJABA AND KATAIB SAYYID AL-SHUHADA")
        open_parens = texts[a].count("(") - texts[a].count(")")
        for b in ids[max(0, k - REJOIN_WINDOW) : k + REJOIN_WINDOW + 1]:
            if b == a:
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
            if last_word in _FUNCTION_WORDS and first_word in _FUNCTION_WORDS and not (
                last_word in _PREPOSITIONS and first_word in _ARTICLES
            ):
                score -= 2  # "…Badr and | or Tansiqiya…": no reader joins two function words ("on | the" one does)
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
    """Whether a ")" comes before its "(" (the clause starts inside a parenthesis)."""
    close = text.find(")")
    if close < 0:
        return False
    if text.find("(", 0, close) < 0:
        return True
    return min(itertools.accumulate(map(_PAREN_STEP.__getitem__, _PAREN_RE.findall(text)))) < 0


_PAREN_RE = regex.compile(r"[()]")
_PAREN_STEP = {"(": 1, ")": -1}


def _reaches(links: dict[int, int], start: int, target: int) -> bool:
    while start in links:
        start = links[start]
        if start == target:
            return True
    return start == target


# --- quotes ----------------------------------------------------------------------------------------


def find_renderings(
    paragraphs: list[Paragraph], aliases: AliasStore, article_date: dt.date | None,
    entry_days: dict[int, dt.date] | None = None, originals: set[int] = frozenset(),  # type: ignore[assignment]
    day_first: bool | None = None,
) -> list[RenderingDraft]:
    """Renderings of the whole body, read in order: a statement introduced in one paragraph can be
    continued in the next ("The third point asked…", "He said…").

    `entry_days` (a live blog's day headings, by the first block each covers): a paragraph's
    "on Monday" counts from its entry's day, and a quote the entry gives no day is of that day."""
    paragraphs = _merge_continued_answers(_merge_continued_quotes(paragraphs))
    texts = [fold_hyphens(p.text.text) for p in paragraphs]
    roles = speakers.learn_roles(texts, aliases)
    roles.update(_roles(paragraphs, aliases))
    ctx = _Context(aliases, article_date, roles, originals=set(originals))
    # the page's own order of numeric dates, from all of it (its header's "14/4/2024" says how the
    # body's "3/4/2024" reads)
    ctx.day_first = day_first if day_first is not None else numeric_order("\n".join(p.text.text for p in paragraphs))
    ctx.outsiders = speakers.outsiders([e for e in aliases.entities if e.kind == "person"], texts, aliases)
    ctx.outsiders |= speakers.titled_outsiders(texts, aliases)
    drafts: list[RenderingDraft] = []
    starts = sorted(entry_days or {})
    seen = 0
    for n, (before, paragraph) in enumerate(zip([None, *paragraphs], paragraphs)):
        following = _sentences(paragraphs[n + 1].text.text) if n + 1 < len(paragraphs) else []
        ctx.next_first = following[0][:SENTENCE_WINDOW] if following else None
        if seen >= MAX_QUOTES_PER_CAPTURE:
            break  # reported by `quotations_beyond_limit`
        seen += len(marks.quotations(paragraph.text.text))
        k = bisect.bisect_right(starts, min(paragraph.blocks, default=-1)) - 1
        entry_day = entry_days[starts[k]] if k >= 0 and entry_days else None
        if entry_day is not None and entry_day != ctx.ref:
            ctx.ref, ctx.last_date, ctx.previous = entry_day, None, None  # a new entry: a new day
            ctx.occasion_floor = len(ctx.drafts)
        answer = _interview_answer(paragraph, ctx)
        if answer is not None:
            drafts.append(answer)
            continue
        block_quote = _block_quote(before, paragraph, ctx)
        found = [block_quote] if block_quote is not None else _paragraph_renderings(paragraph, ctx)
        colon = _colon_quote(paragraph, ctx) if block_quote is None else None
        if colon is not None:
            found.append(colon)
        if block_quote is not None:
            ctx.earlier.extend(t[-SENTENCE_WINDOW:] for t in _sentences(paragraph.text.text))
        for draft in found:
            draft.date = draft.date or entry_day
        drafts.extend(found)
        ctx.previous_paragraph = paragraph
    _leaders_named(drafts, texts, ctx)
    _lead_channel(drafts, paragraphs)
    return drafts


def _lead_channel(drafts: list[RenderingDraft], paragraphs: list[Paragraph]) -> None:
    """A news lead quotes a statement the next paragraph places ("Kataib Hezbollah on Tuesday
    warned against “any foreign role” …" / "In a statement published on its Telegram channel, the
    group said …"): the lead's quotes with no channel of their own take that statement's channel."""
    if len(paragraphs) < 2:
        return
    lead, second = paragraphs[0], paragraphs[1]
    placed = next(
        (d for d in drafts if d.paragraph is second and d.channel and _STATEMENT_NOUN_RE.search(
            second.text.text[: d.fragments[0][0]])), None,
    )  # fmt: skip
    if placed is None:
        return
    for d in drafts:
        if d.paragraph is lead and d.channel is None and d.speaker_name == placed.speaker_name and (
            d.date is None or placed.date is None or d.date == placed.date
        ):
            d.channel = placed.channel


# "The secretary-general of Iraq's Islamic Resistance Movement al-Nujaba, in a statement, …": the
# one holder of a group's top post, unnamed in the sentence
_LEADER_OF_RE = regex.compile(
    r"\b[Tt]he\s+(?:secretary[- ]general|leader|head|chief|founder)\s+of\s+(?=\S)", regex.IGNORECASE
)
LEADER_TEXT_CHARS = 200_000  # how much of the article is read for the people it names


def _leaders_named(drafts: list[RenderingDraft], texts: list[str], ctx: _Context) -> None:
    """A quote the sentence gives to a group's secretary-general, leader or head ("The
    Secretary-General of al-Nujaba … said that the enemies “…”") is that person's when the article
    names exactly one person of that group: the group itself did not say it."""
    candidates = [
        d for d in drafts
        if d.speaker is not None and d.speaker.kind == "organization" and d.speaker_name == d.speaker.en
    ]  # fmt: skip
    if not candidates:
        return
    people: dict[str, dict] = {}  # group -> its people the article names, by name
    read = 0
    for text in texts:
        read += len(text)
        if read > LEADER_TEXT_CHARS:
            break
        for m in ctx.aliases.mentions(text):
            if m.entity.kind == "person" and m.entity.org:
                people.setdefault(m.entity.org, {})[m.entity.en] = m.entity
    for d in candidates:
        text = d.paragraph.text.text
        start = d.fragments[0][0]
        before = text[max(0, start - SENTENCE_WINDOW) : start]  # a reader looks within the sentence, not a megabyte back
        sentence = _sentences(before)[-1] if before.strip() else ""
        role = _LEADER_OF_RE.search(sentence)
        if role is None or d.speaker.en not in {m.entity.en for m in ctx.aliases.mentions(sentence[role.end() :])}:
            continue
        holders = people.get(d.speaker.en, {})
        if len(holders) == 1:
            (person,) = holders.values()
            d.speaker, d.speaker_name, d.speaker_org = person, person.en, person.org


BLOCK_QUOTE_MIN_WORDS = 8


# a transcript's labels: the interviewer's ("Q:", "Interviewer:", "Host:"), and the answer's ("A:",
# or the speaker's own name: "Qais Al-Khazali: We are a political movement …")
_QUESTION_RE = regex.compile(r"^\s*(?:Q|Question|Interviewer|Host|Anchor|Presenter|Moderator)\s*[:.：]\s+\S")
_ANSWER_RE = regex.compile(
    r"^\s*(?:A|Answer|(?P<name>[A-Z][\w’'\-]+(?:\s+(?:[Aa]l-|bin\s+|ibn\s+)?[A-Z][\w’'\-]+){1,4}))\s*[:：]\s+(?=\S)"
)
_QA_LABEL_RE = regex.compile(r"^\s*(?:Q|A|Question|Answer)\s*[:：]\s")
_INTERVIEWER_RE = regex.compile(
    r"\b(?:sat\s+down|spoke|talked)\s+(?:to|with)\s+(?P<outlet>[A-Z0-9][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})"
)
_INTERVIEW_RE = regex.compile(r"\b(?:interview\w*|sat\s+down|spoke\s+(?:to|with)|talked\s+(?:to|with)|in\s+conversation)\b", regex.I)


def _interview_answer(paragraph: Paragraph, ctx: _Context) -> RenderingDraft | None:
    """An interview printed as questions and answers ("Q: …" / "A: …"): each answer is the
    interviewee's words, unmarked. The interviewee is the person the introduction says was
    interviewed ("Firas al-Yasiri, the spokesman of …, sat down with 964 in Baghdad on Saturday"),
    with that day; a question is the interviewer's, never a rendering."""
    text = paragraph.text.text
    if _QUESTION_RE.match(text):
        if ctx.interviewee is None:
            for sentence in reversed(ctx.earlier[-12:]):
                if _INTERVIEW_RE.search(sentence):
                    found = _speaker(sentence, ctx.aliases, subject=True)
                    if found is not None and found[0] is not None and found[0].kind == "person":
                        outlet = _INTERVIEWER_RE.search(sentence)
                        channel = _channel(sentence, ctx.aliases) or (
                            outlet.group("outlet") if outlet and ctx.aliases.by_name(outlet.group("outlet")) is None else None
                        )  # "sat down with 964": the outlet that interviewed him
                        ctx.interviewee = (found, _date_of(sentence, ctx), channel)
                        break
        ctx.in_interview = ctx.interviewee is not None
        if ctx.interviewee is not None and ctx.interviewee[1] is not None:
            ctx.ref = ctx.interviewee[1]  # "said yesterday", asked on air: the day before the broadcast
        return None  # the interviewer's words; a quote inside them is read as any other
    label = _ANSWER_RE.match(text)
    if label is None or not ctx.in_interview or ctx.interviewee is None:
        return None
    (entity, name, *rest), day, channel = ctx.interviewee
    if label.group("name"):  # the answer's own label names who answers: the interviewee, or no answer
        labelled = ctx.aliases.by_name(label.group("name"))
        same = (labelled is not None and labelled is entity) or roman_key(label.group("name")) == roman_key(name or "")
        if not same:
            return None
    draft = RenderingDraft([(label.end(), len(text.rstrip()))], paragraph, label.group().strip())
    draft.speaker, draft.speaker_name = entity, name
    draft.speaker_org = rest[0] if rest else (entity.org if entity is not None else None)
    draft.date, draft.channel = day, channel
    ctx.drafts.append(draft)
    ctx.previous = draft
    ctx.earlier.extend(t[-SENTENCE_WINDOW:] for t in _sentences(text))
    return draft


def _block_quote(before: Paragraph | None, paragraph: Paragraph, ctx: _Context) -> RenderingDraft | None:
    """A paragraph set off as a quotation without marks (a blockquote, a translated passage): the
    paragraph printed right before it introduces it with a speech cue and a colon ("In a
    statement on its Telegram channel, KSS … framed the appointment as proof of cohesion:")."""
    if before is None or not before.blocks or not paragraph.blocks:
        return None
    between = range(before.blocks[-1] + 1, paragraph.blocks[0])
    if any(i not in ctx.originals for i in between):
        return None  # printed right after the intro, or after the Arabic original the intro presents
    intro, text = before.text.text.rstrip(), paragraph.text.text
    if not intro.endswith(":") or marks.ends_inside_quote(intro):
        return None
    lead, end = len(text) - len(text.lstrip()), len(text.rstrip())
    quoted = marks.quotations(text)
    if quoted:  # the translation given whole in quotation marks
        if len(quoted) != 1 or quoted[0].start != lead or quoted[0].end != end:
            return None
        lead, end = quoted[0].inner_start, quoted[0].inner_end
    if len(text.split()) < BLOCK_QUOTE_MIN_WORDS or regex.match(r"\s*(?:\d{1,2}[.)]|[-•*—–])\s", text):
        return None  # a list, or an embed's attribution line ("— أبو آلاء الولائي (@…) October 4, 2025")
    if arabic_share(text) >= 0.3:
        return None  # the Arabic original itself, or its signature: no English rendering
    pre = _sentences(intro)[-1]
    words = {w.lower() for w in regex.findall(r"[\w’'\-]+", pre)}
    if not words & CUE_WORDS:
        return None  # "In our view, the Iraqi muqawama:" introduces the authors' own points
    draft = RenderingDraft([(lead, end)], paragraph, _cue(pre) or pre.strip())
    return _unmarked(draft, pre, _sentences(intro)[:-1], ctx)


def _unmarked(draft: RenderingDraft, pre: str, earlier: list[str], ctx: _Context) -> RenderingDraft | None:
    """An unmarked rendering, its cue `pre`: attributed as a quotation is, kept only when someone
    of the archive's says it."""
    draft.channel = _channel(pre, ctx.aliases)
    _attribute(draft, pre, earlier, ctx)
    _context(draft, earlier, [], ctx)
    if draft.outsider or draft.speaker_name in ctx.outsiders or (draft.speaker_name is None and draft.speaker_org is None):
        return None
    ctx.drafts.append(draft)
    ctx.previous = draft
    ctx.last_date = draft.date or ctx.last_date
    if _STATEMENT_NOUN_RE.search(pre):
        ctx.statement = draft
    if draft.speaker is not None and draft.speaker.kind == "person":
        ctx.last_person = (draft.speaker, draft.speaker_name, draft.speaker_org)
    return draft


_SMALL_TITLE_WORDS = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "for", "at", "by", "with", "from", "as"}


def _headline_case(inner: str) -> bool:
    """Whether quoted words are set as a title is ("The Weapon Is Not A Commodity", "Al-Silah Laysa
    Bida'a"): every word capitalized but the small ones, and three or more capitalized words that are
    not small; nobody's words are printed so ("Death to America" has two)."""
    words = regex.findall(r"[^\W\d_][\w’'\-]*", inner)
    if len(words) < 3 or len(words) > 16:
        return False
    if any(not w[:1].isupper() and w.lower() not in _SMALL_TITLE_WORDS for w in words):
        return False
    capitalized = [w for w in words if w[:1].isupper() and w.lower() not in _SMALL_TITLE_WORDS]
    return len(capitalized) >= 3 and any(len(w) >= 4 for w in capitalized)


def _quoted_name(inner: str, ctx: _Context) -> bool:
    """Whether a quotation holds only the name of a person or group the archive or the article knows
    (agency English quotes names: the secretary-general, Hujjat al-Islam "Akram al-Kaabi")."""
    inner = inner.strip(" ,.;:")
    if not inner or len(inner.split()) > 6 or not inner[:1].isupper():
        return False
    entity = ctx.aliases.by_name(inner)
    return entity is not None and entity.kind in ("person", "organization")


_COLON_OPENS_RE = regex.compile(r":\s+(?=[A-Z])")


def _colon_quote(paragraph: Paragraph, ctx: _Context) -> RenderingDraft | None:
    """The rest of a paragraph after a speech cue and its colon, in no quotation marks: how agency
    English gives a statement's words ("Al-Kaabi at the end pointed out: The Iraqi parliament is …",
    "wrote in his statement: The Americans who …"). Only when nothing after the colon is quoted
    (quoted words are read as quotations) and the cue's clause is the sentence's last."""
    text = paragraph.text.text
    m = _COLON_OPENS_RE.search(text)
    if m is None or marks.ends_inside_quote(text[: m.start()]):
        return None
    rest_start, end = m.end(), len(text.rstrip())
    rest = text[rest_start:end]
    if marks.quotations(rest) or len(rest.split()) < BLOCK_QUOTE_MIN_WORDS or arabic_share(rest) >= 0.3:
        return None
    *earlier, pre = _sentences(text[: m.start() + 1])
    words = regex.findall(r"[\w’'\-]+", pre)
    if not words or not {w.lower() for w in words[-CUE_WINDOW:]} & CUE_WORDS:
        return None  # "Translator's note:", "Background:": a label, no one speaking
    for d in reversed(ctx.drafts):  # this paragraph's quotes were read last
        if d.paragraph is not paragraph:
            break
        if d.fragments[-1][0] >= rest_start:
            return None
    draft = RenderingDraft([(rest_start, end)], paragraph, _cue(pre) or pre.strip())
    return _unmarked(draft, pre, earlier, ctx)


def _sentences(text: str) -> list[str]:
    starts = _sentence_starts(text, [q.span for q in marks.quotations(text)])
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]


@dataclass(slots=True)
class _Context:
    aliases: AliasStore
    ref: dt.date | None
    roles: dict[str, tuple[str, str | None]]  # "spokesman" -> (person, organization)
    earlier: list[str] = field(default_factory=list)  # sentences of the paragraphs read so far
    previous: RenderingDraft | None = None
    statement: RenderingDraft | None = None  # the last statement quoted: what "the statement" means
    drafts: list[RenderingDraft] = field(default_factory=list)  # every rendering read so far
    occasion_floor: int = 0  # drafts before this index are another day's (a live blog's earlier entry)
    day_first: bool | None = None  # how this page orders numeric dates, if it shows
    last_date: dt.date | None = None  # the day of the statement quoted last: what "the next day" follows
    later_base: dict[str, dt.date | None] = field(default_factory=dict)  # "the next day" of each mention
    outsiders: set[str] = field(default_factory=set)  # people of other parties (an MP, a researcher)
    last_person: tuple | None = None  # (entity, name, org) of the last person quoted: "he"
    originals: set[int] = field(default_factory=set)  # blocks of Arabic originals printed in the body
    interviewee: tuple | None = None  # (speaker, day, channel) of a Q&A interview's answers
    in_interview: bool = False
    statements_by_speaker: dict[str, tuple[int, RenderingDraft]] = field(default_factory=dict)  # the last of each
    unnamed: dict[str, RenderingDraft] = field(default_factory=dict)  # "an official of the group": what "the official" is
    next_first: str | None = None  # the first sentence of the next paragraph (a page of one-sentence paragraphs)
    previous_paragraph: Paragraph | None = None  # the paragraph read just before this one
    indexed: int = 0  # how many of `drafts` statements_by_speaker has seen


def _merge_continued_quotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A quotation over several paragraphs opens each with “ and closes only at its end; such
    paragraphs are read as one, without the repeated opening mark."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if out and marks.ends_inside_quote(out[-1].text.text) and marks.opens_with_quote(paragraph.text.text):
            last = out.pop()
            lead = len(paragraph.text.text) - len(paragraph.text.text.lstrip())
            rest = paragraph.text.slice(lead + 1, len(paragraph.text))
            out.append(Paragraph(last.text.join(rest), last.blocks + paragraph.blocks))
        else:
            out.append(paragraph)
    return out


def _merge_continued_answers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """An interview's answer that runs over several paragraphs ("A: There is one room …" / "Even
    when …" / "Q: …"): the unlabelled paragraphs between an answer and the next question are the
    same answer, read as one. After the last answer an unlabelled paragraph is the article's own
    prose again, so only paragraphs that a question or answer follows are joined."""
    out: list[Paragraph] = []
    answering = False
    for k, paragraph in enumerate(paragraphs):
        text = paragraph.text.text
        labelled = _QUESTION_RE.match(text) or _ANSWER_RE.match(text)
        following = paragraphs[k + 1].text.text if k + 1 < len(paragraphs) else ""
        if (
            answering and not labelled and not marks.quotations(text)
            and (_QUESTION_RE.match(following) or _ANSWER_RE.match(following))
        ):  # fmt: skip
            last = out.pop()
            out.append(Paragraph(last.text.join(paragraph.text.strip()), last.blocks + paragraph.blocks))
            continue
        answering = bool(_ANSWER_RE.match(text))
        out.append(paragraph)
    return out


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
                if found is not None:
                    entity = found[0]
                    org = (entity.org if entity.kind == "person" else entity.en) if entity else found[2]
            elif owner:
                entity = aliases.by_name(regex.sub(r"['’]s$", "", owner))
                org = entity.en if entity else None
            roles[role] = (m.group("name").strip(), org)
    return roles


# a list item's label, the group or party the item is about ("- Kataib Hezbollah (reported): …",
# "- US government: …"): after the item's marker, six words or fewer before the first colon, with
# no speech verb among them
_ITEM_LABEL_RE = regex.compile(r"^\s*[-•*–]\s+(?P<label>[A-Z][^:.;“”\"\n]{1,60}?)(?:\s*\([^()\n]{1,30}\))?:\s+(?=\S)")


def _sentence_starts(text: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Where each sentence of `text` begins (linear: quotes are looked up by bisection)."""
    starts = [0]
    label = _ITEM_LABEL_RE.match(text)
    label_words = regex.findall(r"[\w’'\-]+", label.group("label")) if label is not None else []
    if label is not None and len(label_words) <= 6 and not {w.lower() for w in label_words} & CUE_WORDS:
        starts.append(label.end())  # "- Kataib Hezbollah (reported): A KH commander … said": the item's label
    opens = [a for a, _ in quotes]
    for m in _SENTENCE_END_RE.finditer(text):
        at = m.start()
        k = bisect.bisect_left(opens, at) - 1  # the last quotation opened before this mark
        a, b = quotes[k] if k >= 0 else (-1, -1)
        inside = a < at < b - 1
        closes = at == b - 2  # “…No.” He: the quote ends the sentence
        if inside and not (closes and not _FIGURE_AFTER_RE.match(text[m.end() : m.end() + 40])):
            continue
        if _ABBREVIATIONS.search(text, max(0, at - 12), at + 1):
            continue
        starts.append(m.end())
    return starts


# A paragraph of prose quotes a few times; one with thousands of quotations is no prose (a list
# dumped on one line, a damaged capture), and reading each of them would take minutes. The first
# ones are read and the capture is reported (see `crowded_paragraphs`).
MAX_QUOTES_PER_PARAGRAPH = 300
MAX_QUOTES_PER_CAPTURE = 1000  # an article quotes tens of times; a list of thousands is read in part
TRAILING_DAY = 30  # characters after a quote in which its sentence may still name its day
SENTENCE_WINDOW = 1500  # characters on either side of a quote in which its cue and occasion are read


def quotations_beyond_limit(paragraphs: list[Paragraph]) -> int | None:
    """How many quotations the body holds, when that is more than are read."""
    total = sum(len(marks.quotations(p.text.text)) for p in paragraphs)
    return total if total > MAX_QUOTES_PER_CAPTURE else None


def crowded_paragraphs(paragraphs: list[Paragraph]) -> list[tuple[Paragraph, int]]:
    """Paragraphs holding more quotations than are read, with how many they hold."""
    out = []
    for paragraph in paragraphs:
        count = len(marks.quotations(paragraph.text.text))
        if count > MAX_QUOTES_PER_PARAGRAPH:
            out.append((paragraph, count))
    return out


def _continuing(of: RenderingDraft, span: tuple[int, int], paragraph: Paragraph, **changes) -> RenderingDraft:
    """A quotation that goes on with `of`: its speaker, cue, date, figure and channel, but for what
    `changes` says (a quote that follows is never another party's, so `outsider` stays False)."""
    return replace(of, fragments=[span], paragraph=paragraph, **changes)


def _paragraph_renderings(paragraph: Paragraph, ctx: _Context) -> list[RenderingDraft]:
    text = paragraph.text.text
    quotes = [(q.start, q.end, q.inner_start, q.inner_end) for q in marks.quotations(text)]
    quotes = quotes[:MAX_QUOTES_PER_PARAGRAPH]
    starts = _sentence_starts(text, [(a, b) for a, b, _, _ in quotes])
    drafts: list[RenderingDraft] = []
    last: RenderingDraft | None = None
    last_end = previous_end = -1
    opens = [a for a, _, _, _ in quotes]
    for q_start, q_end, inner_start, inner_end in quotes:
        if _quoted_name(text[inner_start:inner_end], ctx) or _headline_case(text[inner_start:inner_end]):
            continue  # Hujjat al-Islam "Akram al-Kaabi": a name; "The Weapon Is Not A Commodity": a title
        # a reader looks for the cue within the sentence; a 'sentence' of thousands of characters is
        # none (a damaged capture), so the evidence is read within a bounded window of the quote
        sent_start = max(starts[bisect.bisect_right(starts, q_start) - 1], q_start - SENTENCE_WINDOW)
        if last is not None and last_end < previous_end:
            last = None  # the quote just before was not taken (an outsider's, a term): nothing to continue
        previous_end = q_end
        if last is not None and last_end >= sent_start and _CONNECTOR_RE.match(text[last_end:q_start]):
            last.fragments.append((inner_start, inner_end))
            last_end = q_end
            continue
        pre = text[max(sent_start, last_end if last_end >= sent_start else sent_start) : q_start]
        cue = _cue(pre)
        if cue is None and _NTH_POINT_RE.match(pre) and (ctx.statement or ctx.previous) is not None:
            cue = pre.strip()  # "The first point is the real precondition: there will be “…”"
        k = bisect.bisect_right(starts, q_end)
        sentence_end = min(starts[k] if k < len(starts) else len(text), q_end + SENTENCE_WINDOW)
        k = bisect.bisect_left(opens, q_end)
        next_quote = opens[k] if k < len(opens) else len(text)
        post = _post_cue(text[q_end : min(sentence_end, next_quote)], text[inner_start:inner_end])
        coordinated = _COORDINATED_CUE_RE.match(text[last_end:q_start]) if last is not None and last_end >= sent_start else None
        if coordinated is None and last is not None and last_end >= sent_start:
            # '…,” the statement added, insisting that “…”': the post cue's speaker goes on
            after_cue = _POST_CUE_RE.match(_mask(text[last_end:q_start]))
            if after_cue is not None:
                coordinated = _PARTICIPLE_CUE_RE.fullmatch(text, last_end + after_cue.end(), q_start)
        if coordinated is not None and coordinated.group("verb").lower() in CUE_WORDS:
            # "would “respect the result,” but warned against … “to pass the agenda”": the same
            # speaker, a verb of its own with no subject of its own
            twin = _continuing(last, (inner_start, inner_end), paragraph, cue=cue, parent=None, weak=False, unnamed=False)
            drafts.append(twin)
            ctx.drafts.append(twin)
            last, last_end = twin, q_end
            continue
        if cue is None and post is None and last is not None and last_end >= sent_start and not _TERM_BEFORE_RE.search(pre):
            # "claimed that it struck “a vital target” in Eilat and two “military sites”": the same
            # cue governs the sentence's next quote, which is quoted on its own
            twin = _continuing(last, (inner_start, inner_end), paragraph, weak=False, unnamed=False)
            drafts.append(twin)
            ctx.drafts.append(twin)
            last, last_end = twin, q_end
            continue
        if (
            cue is None and post is None and last is not None and last_end <= sent_start
            and not text[sent_start:q_start].strip() and not text[q_end:sentence_end].strip()
            and sent_start - last_end <= POST_CUE_SPAN and _POST_CUE_END_RE.match(text, last_end, sent_start)
        ):  # fmt: skip
            # '“We want it to be an operation …,” al-Walae said. “It will be a qualitative …”': a
            # sentence that is only a quotation, right after the speaker's, goes on with the speaker
            twin = _continuing(last, (inner_start, inner_end), paragraph, parent=last.parent or last, weak=True)
            drafts.append(twin)
            ctx.drafts.append(twin)
            last, last_end = twin, q_end
            continue
        previous = ctx.previous
        if (
            cue is None and post is None and last is None and previous is not None
            and previous.paragraph is not paragraph and ctx.previous_paragraph is not None
            and (previous.paragraph is ctx.previous_paragraph or _names_speaker(ctx.previous_paragraph.text.text, previous))
            and not text[:q_start].strip() and not text[q_end:].strip(" .")
        ):  # fmt: skip
            # a paragraph that is one quotation, right after a quoted speaker's: the same speaker
            # goes on (“We will be the first to stand with the state …”)
            twin = _continuing(previous, (inner_start, inner_end), paragraph, parent=previous, weak=True)
            drafts.append(twin)
            ctx.drafts.append(twin)
            last, last_end = twin, q_end
            continue
        if cue is None and post is None:
            continue
        draft = RenderingDraft([(inner_start, inner_end)], paragraph, cue or post.group().strip(" ,—–"))
        here = bisect.bisect_right(starts, q_start) - 1  # this sentence's index; a reader looks a few back
        earlier = [
            text[max(starts[i], starts[i + 1] - SENTENCE_WINDOW) : starts[i + 1]]
            for i in range(max(0, here - EARLIER_SENTENCES), here)
        ]
        # the sentence around the quote, its words stood for by an empty quotation (read for the
        # channel and the statement noun, never inside the quote; a 1 MB quote costs nothing then)
        sentence = text[sent_start:q_start] + "“”" + text[q_end:sentence_end]
        draft.channel = _channel(sentence, ctx.aliases)
        draft.told_author = bool(_TOLD_AUTHOR_RE.search(sentence))
        if cue is None:
            _attribute_after(draft, post, text[sent_start:q_start], earlier, ctx)
        else:
            _attribute(draft, text[sent_start:q_start], earlier, ctx)
        occasion = _TRAILING_OCCASION_RE.match(text, q_end, min(sentence_end, next_quote))
        if occasion is not None and cue is not None:
            # "has warned that the truce «has an expiry date», in a post published yesterday on X by
            # its secretary-general, Abu Ala al-Walai": the post's day, channel and author
            rest = occasion.group("rest")
            draft.date = draft.date or _date_of(rest, ctx)
            draft.channel = _channel(rest, ctx.aliases) or draft.channel
            author = regex.search(r"\bby\s+(?P<who>.+)$", rest)
            found = _speaker(author["who"], ctx.aliases, subject=True) if author else None
            if found is not None and found[1] is not None and (found[2] == draft.speaker_name or draft.speaker_name is None):
                draft.speaker, draft.speaker_name, draft.speaker_org = found[0], found[1], found[2] if len(found) > 2 else None
        if cue is None and draft.date is None:  # "…,” X wrote on X on Monday, in what read as…"
            tail = text[q_end:sentence_end]
            draft.date = _date_of(tail, ctx)  # which blanks the quotes itself
            draft.channel = draft.channel or _channel(tail, ctx.aliases)
        elif draft.date is None:  # "accused the ruling parties of “…” on Monday.": the day right after it
            draft.date = _date_of(text[q_end : min(q_end + TRAILING_DAY, sentence_end, next_quote)], ctx)
        m = _FIGURE_IN_RE.search(text, q_end, sentence_end) or _FIGURE_IN_RE.search(text, sent_start, q_start)
        if m:
            draft.figure = int(m.group(1))
        elif draft.parent is not None:
            draft.figure = draft.parent.figure
        if draft.figure is None and earlier:
            # "KH issued a three-point statement (Figure 1). The third point … warned that “…”";
            # "Askari posted an image (Figure 2): … The government, he wrote, “…”": the sentence just
            # before cites the figure of the statement this one goes on quoting
            cited = _FIGURE_IN_RE.search(earlier[-1])
            if cited and (draft.weak or _CONTINUES_FIGURE_RE.match(pre) or _names_speaker(earlier[-1], draft)):
                draft.figure = int(cited.group(1))
        inner = text[inner_start:inner_end]
        if arabic_share(inner) > 0.5:
            gloss = _PAREN_TRANSLATION_RE.match(text, q_end)
            if gloss is None or arabic_share(gloss.group("en")) > 0.1 or len(gloss.group("en").split()) < PAREN_TRANSLATION_WORDS:
                continue  # «يجب ألا يتحول العراق …»: the Arabic original quoted in the prose, no English rendering
            # «السلاح الذي حرّر العراق …». (The weapons that liberated Iraq …): its English in
            # parentheses right after it, unmarked: the rendering, said by whoever said the Arabic
            draft.fragments = [(gloss.start("en"), gloss.end("en"))]
            inner = gloss.group("en")
        if draft.speaker_name is None and draft.speaker_org is None:
            if draft.outsider:
                _remember_outsider(post.group() if cue is None else pre, ctx)
            continue  # words no group or person can be named for ("the directorate said") are no group's statement
        if len(inner.split()) <= 4 and (
            (_TERM_BEFORE_RE.search(pre) and len(inner.split()) <= 3)
            or (_DETERMINER_END_RE.search(pre) and _NOUN_AFTER_RE.match(text[q_end:]))
        ):
            continue  # "said nothing about the “pause”", "a “wait and see” strategy": a term, not words said
        if _CORRESPONDENT_RE.search(pre):
            continue  # "Al Jazeera's X, reporting from Baghdad, said": the page's own reporter
        if (
            draft.outsider or draft.speaker_name in ctx.outsiders
            or _OUTSIDER_RE.search(draft.speaker_name or "") or _OUTSIDER_RE.search(draft.speaker_org or "")
        ):  # fmt: skip
            _remember_outsider(post.group() if cue is None else pre, ctx)
            continue  # a U.S. official's, an analyst's, another party's words: not a group's statement
        _name_the_unnamed(draft, ctx)
        previous = _last_by(draft.speaker_name, ctx)
        if previous is not None:
            draft.speaker_org = draft.speaker_org or previous.speaker_org  # the same person's group
            # the same person again, with no new occasion given: the same interview or statement,
            # even after another party's words were quoted in between ("Asked whether …, Zaidi said:")
            if draft.date is None or draft.date == previous.date:
                draft.channel = draft.channel or previous.channel
            draft.date = draft.date or previous.date
        k = bisect.bisect_left(starts, sentence_end)
        later = (
            [text[starts[k] : min(starts[k + 1] if k + 1 < len(starts) else len(text), starts[k] + SENTENCE_WINDOW)]]
            if k < len(starts)
            else [ctx.next_first] if ctx.next_first else []  # "Khazali spoke in a televised address on
        )  # Wednesday night": a page of one-sentence paragraphs tells the occasion in the next one
        _asked_for_comment(draft, earlier, ctx)
        _context(draft, earlier, later, ctx)
        drafts.append(draft)
        ctx.drafts.append(draft)
        ctx.last_date = draft.date or ctx.last_date
        last, last_end = draft, q_end
        ctx.previous = draft
        if _STATEMENT_NOUN_RE.search(_mask_quotes(sentence)):
            ctx.statement = draft
        if draft.speaker is not None and draft.speaker.kind == "person" or (
            draft.speaker is None and draft.speaker_name is not None
        ):
            ctx.last_person = (draft.speaker, draft.speaker_name, draft.speaker_org)
    for draft in drafts:
        quote_end = draft.fragments[-1][1] + 1
        k = bisect.bisect_right(starts, quote_end)
        sentence_end = starts[k] if k < len(starts) else len(text)
        m = _FIGURE_IN_RE.search(text, quote_end, sentence_end)
        if m:
            draft.figure = int(m.group(1))
        elif draft.figure is None and draft.parent is not None:
            draft.figure = draft.parent.figure
        if draft.parent is not None and draft.date is None:
            draft.date = draft.parent.date
        if draft.parent is not None and draft.parent.figure is None and draft.figure is not None:
            draft.parent.figure = draft.figure  # "…” He then closed with “…” (Figure 1): one post
    ctx.earlier.extend(text[max(a, b - SENTENCE_WINDOW) : b] for a, b in zip(starts, [*starts[1:], len(text)]))
    return drafts


_LATER_RE = regex.compile(
    r"\b(?:(?P<next>the\s+next|the\s+following)\s+day|(?P<same>the\s+same\s+day)|"
    r"(?P<prev>the\s+previous\s+day|the\s+day\s+before(?!\s+(?:the|his|her|its|their|[A-Z])))|"
    r"(?P<n>a|one|two|three|four|five|six)\s+days?\s+later)\b",
    regex.IGNORECASE,
)
_DAY_MONTH_RE = regex.compile(
    r"\b(?P<d>\d{1,2})\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!,?\s+\d{4})"
)
_MONTH_NUMBERS = {m: i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), start=1)}


def _day_month(m: regex.Match, reference: dt.date | None) -> dt.date | None:
    if reference is None:
        return None
    try:
        day = dt.date(reference.year, _MONTH_NUMBERS[m.group("m")], int(m.group("d")))
    except ValueError:
        return None
    return day if day <= reference else day.replace(year=reference.year - 1)


_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _date_of(text: str, ctx: _Context) -> dt.date | None:
    """The day `text` gives, the last it names: a date in any style the page uses ("July 29",
    "10/02/2024", "5 March 2024"), a weekday or "yesterday" counted back from the article's date,
    or "the next day" / "two days later" counted on from the statement quoted before. Never a day
    the quoted words name ("those who sit in ministries today")."""
    text = _mask_quotes(text)
    found: list[tuple[int, dt.date]] = []
    for phrase in find_dates(text):
        day = phrase.first(ctx.ref)
        if day is not None:
            found.append((phrase.start, day))
    taken = [start for start, _ in found]
    for header in find_header_dates(text, ctx.day_first):
        if header.start not in taken:
            found.append((header.start, header.date))
    for m in _DAY_MONTH_RE.finditer(text):  # "on 10 March": the year of the nearest date given
        day = _day_month(m, ctx.ref)
        if day is not None and m.start() not in taken:
            found.append((m.start(), day))
    for relative in find_relative_days(text):
        day = relative.resolve(ctx.ref)
        if day is not None:
            found.append((relative.start, day))
    for m in _LATER_RE.finditer(text):
        # counted from the day quoted before the phrase was first read, however often it is read
        key = " ".join([m.group().lower(), *regex.findall(r"[\w\-]+", text[m.end() :])[:2]])
        base = ctx.later_base.setdefault(key, ctx.last_date)
        if base is not None:
            days = 1 if m.group("next") else 0 if m.group("same") else -1 if m.group("prev") else _COUNTS[m.group("n").lower()]
            found.append((m.start(), base + dt.timedelta(days=days)))
    for m in _EVENT_RELATIVE_RE.finditer(text):  # "A day before Khazali's interview": that quote's day
        event = _event_day(m.group("name"), ctx)
        if event is not None:
            days = _COUNTS.get(m.group("n").lower(), 1) * (-1 if m.group("dir").lower() == "before" else 1)
            found.append((m.start(), event + dt.timedelta(days=days)))
    return max(found, key=lambda f: f[0])[1] if found else None


_EVENT_RELATIVE_RE = regex.compile(
    r"\b(?P<n>(?i:a|one|two|three|four|five|six))\s+days?\s+(?P<dir>before|after)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'\-]{1,40}(?:\s+(?:al-)?[A-Z][\w’'\-]{1,40}){0,2})['’]s?\s+"
    r"(?:interview|speech|statement|post|remarks|sermon|address|message|tweet|appearance)\b",
)


def _event_day(name: str, ctx: _Context) -> dt.date | None:
    """The day of the last quote of the person or group `name` (a surname, "Khazali") already read."""
    folded = name.casefold()
    for draft in reversed(ctx.drafts[-50:]):
        if draft.date is None or not draft.speaker_name:
            continue
        forms = {draft.speaker_name, *speakers.short_forms(draft.speaker_name)}
        if any(f.casefold() == folded for f in forms):
            return draft.date
    return None


def _cue(pre: str) -> str | None:
    found = _cue_word(pre)
    if found is not None:
        return pre.rstrip()[found[0] :].strip() or None  # from the cue word to the quotation mark
    stripped = pre.rstrip()
    if stripped.endswith(":"):
        return " ".join(stripped.split()[-4:])
    words_of = _WORDS_OF_RE.search(stripped)
    if words_of is not None:  # "in the words of the statement's closing line, “…”"
        return stripped[words_of.start() :].strip()
    translates = _TRANSLATES_RE.search(stripped)
    if translates is not None:  # "The second, which translates as “…”": the English of a text just shown
        return stripped[translates.start() :].strip()
    considered = _CONSIDERED_AS_RE.search(stripped)
    if considered is not None:  # agency English: "considered the American pressure … as “…”"
        return stripped[considered.start() :].strip()
    return None


# "considered X as “…”" (an opinion given in words of one's own), not "considered itself “…”"
_CONSIDERED_AS_RE = regex.compile(r"\bconsider(?:ed|ing|s)\s+(?!(?:it|him|her|them)sel(?:f|ves)\b)[^.;:“”\"]{1,140}?\bas\s*$")


# a translation cue; not a name's gloss ("whose name translates as “League of the Righteous”")
_TRANSLATES_RE = regex.compile(r"(?<!\bname\s)(?<!\bnames\s)(?<!\bword\s)(?<!\bterm\s)\b(?:which|that)\s+translates?\s+(?:as|to)\s*,?$", regex.IGNORECASE)


_WORDS_OF_RE = regex.compile(r"\bin\s+the\s+(?:\w+\s+)?words\s+of\s+[^.;:“”\"]{1,80}[,]?$", regex.IGNORECASE)


_CUE_NOUNS = {
    "statement", "statements", "message", "communique", "communiqué", "post", "tweet", "speech",
    "interview", "remarks", "declaration",
}  # fmt: skip


# the English of an Arabic quotation, given in parentheses right after it
_PAREN_TRANSLATION_RE = regex.compile(r"\s*[.,،:;]?\s*\((?P<en>[A-Z“\"][^()]{10,600}?)\)")
PAREN_TRANSLATION_WORDS = 5
_CUE_TOKEN_RE = regex.compile(r"[\w’'\-]+|:")
_ARABIC_WORD_RE = regex.compile(r"\p{Arabic}+")


def _cue_word(pre: str, verb: bool = False) -> tuple[int, str] | None:
    """Where the speech cue nearest before the quotation mark starts, and its word; with `verb`,
    the nearest speech verb (whose subject is the speaker), else any cue word. Arabic words count
    for nothing ('told Baghdad Today: «…», in the sense that “…”': the original quoted before its
    English is no distance between the cue and the English)."""
    stripped = pre.rstrip()
    if _ARABIC_WORD_RE.search(stripped):
        stripped = _ARABIC_WORD_RE.sub(lambda m: " " * len(m.group()), stripped)  # same offsets
    words = _CUE_TOKEN_RE.findall(stripped)
    tail = words[-CUE_WINDOW:]
    for wanted in ((True, False) if verb else (False,)):
        for k in range(len(tail) - 1, -1, -1):
            low = tail[k].lower()
            if low in CUE_WORDS and not (wanted and low in _CUE_NOUNS):
                return _nth_word_start(stripped, len(words) - len(tail) + k), tail[k]
    m = _ACCORDING_RE.search(stripped)  # "according to X, a member of …, “…”": however long X is
    if m:
        return m.start(), "according"
    # "told The Associated Press that the armed groups had agreed to give … “…”": a speech verb
    # whose reported clause ("that …") runs on to the quotation, however far
    for k in range(len(words) - len(tail) - 1, -1, -1):
        low = words[k].lower()
        if low in CUE_WORDS and low not in _CUE_NOUNS and "that" in (w.lower() for w in words[k + 1 : k + 1 + THAT_AFTER_VERB]):
            return _nth_word_start(stripped, k), words[k]
    return None


def _nth_word_start(text: str, n: int) -> int:
    for i, m in enumerate(_CUE_TOKEN_RE.finditer(text)):
        if i == n:
            return m.start()
    return 0


def _attribute(draft: RenderingDraft, pre: str, earlier_here: list[str], ctx: _Context) -> None:
    """Who said it and when: named before the cue; else a title the article gave someone; else
    the statement the sentence continues ("The statement concluded:", "It added"); else the
    subject of the nearest sentence before that names one."""
    when = _date_of(pre, ctx)
    speaker = _cue_subject(pre, ctx) or _role_speaker(pre, ctx)
    speaker = _leader_for_group(pre, speaker, earlier_here, ctx)
    # "The statement added …", also after an opening clause ("Before it turns to its weapons, the
    # statement warns against …")
    continues = CONTINUES_STATEMENT.match(pre) is not None or (
        speaker is None and CONTINUES_STATEMENT.match(_subject_clause(pre).lstrip(" ,")) is not None
    )
    if _outsider(pre, earlier_here, ctx):
        draft.outsider = True
        return
    back = _UNNAMED_BACK_OPENING_RE.match(_mask(pre)) if speaker is None else None
    if back is not None and back.group("role").lower() in ctx.unnamed:
        # "The commander said …": the one introduced before
        _goes_on_with_member(draft, ctx.unnamed[back.group("role").lower()], when)
        return
    if speaker is None or speaker[1] is None or (
        speaker[0] is not None and speaker[0].kind == "organization"
        and (_UNNAMED_NAMED_RE.match(_mask(pre)) or _WITH_MEMBER_RE.search(_mask(pre)))
    ):
        member = _unnamed_member(pre, earlier_here, ctx)
        if member is not None:  # "An official of the group, who spoke to Reuters …, said": someone of it
            draft.speaker_org, draft.date = member[1], when  # a new occasion: only the day its sentence gives
            draft.unnamed = True
            ctx.unnamed[member[0]] = draft
            return
    source_sentence = None
    previous_sentence = (earlier_here or ctx.earlier)[-1] if (earlier_here or ctx.earlier) else None
    head = _subject_head(pre)
    continues = continues or head is not None
    if speaker is None and head is not None and _PRONOUN_RE.match(head):
        # "He said…", "Asked whether…, he answered": the person the sentence before names, or
        # else the person quoted last
        speaker, source_sentence = _person_before([*reversed(earlier_here), *reversed(ctx.earlier)], ctx)
    if speaker is None and head is not None and _IT_RE.match(head) and previous_sentence is not None:
        # "It added…", "Its short text said": the subject of the sentence before, when that is a
        # group other than the one quoted last ("KSS followed with a text of its own. It…")
        found = _speaker(previous_sentence, ctx.aliases, subject=True)
        last = ctx.previous.speaker_name if ctx.previous is not None else None
        if found is not None and found[1] != last:
            speaker, source_sentence = found, previous_sentence
    group_head = _GROUP_HEAD_RE.search(_subject_clause(pre))
    if group_head is None and speaker is None:
        # "In a statement, the group argued that …, stressing that its weapons will “…”": the
        # participle's subject is the clause's, "the group"
        cue_word = _cue_word(pre, verb=True)
        if cue_word is not None and cue_word[1].lower().endswith("ing"):
            group_head = _GROUP_SUBJECT_RE.search(_mask_quotes(pre[: cue_word[0]]))
            last = ctx.previous
            if group_head is not None and last is not None and last.speaker is not None and last.speaker.kind == "organization":
                speaker, group_head = (last.speaker, last.speaker_name, None), None  # the group just quoted
    if speaker is None and group_head:
        speaker, source_sentence = _group_before(earlier_here, ctx, group_head.group()), None
        if speaker is None and "coalition" in group_head.group().lower():
            draft.outsider = True
            return
    if speaker is None and previous_sentence is not None and _ITS_OWN_STATEMENT_RE.match(_mask(pre)):
        # "KSS was blunter. A statement it issued the following day insisted …, said …": "it" is
        # the group the sentence before is about, whatever statement was quoted before
        found = _speaker(previous_sentence, ctx.aliases, subject=True)
        if found is not None and found[0] is not None and found[0].kind == "organization":
            speaker, source_sentence = found, previous_sentence
    named = _statement_owner(pre, ctx) if speaker is None else None
    intro = _introduced_statement(earlier_here, ctx, pre) if speaker is None and CONTINUES_STATEMENT.match(pre) else None
    if intro is not None:  # "Badr responded with a statement. The statement, issued …, sought …: “…”"
        speaker, source_sentence = intro
    elif named is not None:
        previous, continues = named, True
    else:
        refers = _STATEMENT_NOUN_RE.search(pre) is not None and ctx.statement is not None
        previous = ctx.statement if refers else ctx.previous
    if speaker is None and continues and previous is not None:
        draft.speaker, draft.speaker_name, draft.speaker_org = (
            previous.speaker,
            previous.speaker_name,
            previous.speaker_org,
        )
        draft.parent = previous
        draft.weak = True
        draft.date = when or previous.date
        draft.channel = draft.channel or previous.channel
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
        earlier = _earlier_statement(draft.speaker_name, pre, ctx)
        if earlier is not None:  # "Its statement promised…", "Husseini concluded…": that statement
            draft.parent = earlier
            draft.channel = draft.channel or earlier.channel
    if source_sentence is not None:
        draft.weak = True
    if draft.channel is None and source_sentence:
        draft.channel = _channel(source_sentence, ctx.aliases)  # the statement's channel, where it was introduced
        if draft.channel is None:  # "… issued a statement. It was … shared on the Telegram channels of …"
            draft.channel = _channel_told_next(source_sentence, [*ctx.earlier[-2 * WALK_BACK_SENTENCES - 2 :], *earlier_here], ctx)
    if draft.figure is None and intro is not None:
        shown = {int(n) for n in _FIGURE_CITED_RE.findall(source_sentence)}
        if len(shown) == 1:
            draft.figure = shown.pop()  # "… issued a statement (Figure 1)." / "The statement reads:"
    if when is not None:
        draft.date = when
    else:
        for sentence in [*reversed(earlier_here), *([source_sentence] if source_sentence else [])]:
            found = _date_of(sentence, ctx)
            if found is not None:
                draft.date = found
                break


_AFTER_VERBS = "|".join(sorted(w for w in CUE_WORDS if w.isalpha() and w not in {
    "statement", "statements", "message", "communique", "post", "tweet", "speech", "interview",
    "remarks", "declaration", "according"}))  # fmt: skip  ("according to X" has its own branch)
_PRONOUNS = r"he|she|they|it|the\s+group|the\s+statement|the\s+(?:\w+\s+)?(?:" + speakers.ROLES + r")"
# "…," said X. / "…," X said. / "…," he added. / "…," according to X.
_POST_CUE_RE = regex.compile(
    rf"^[\s,]*(?:[—–-]\s*)?(?:(?P<verb1>{_AFTER_VERBS})\s+(?P<who1>[^,.;:“”\"()]{{1,90}}?)(?=\s*(?:[,.;:(]|$|\s(?:on|in|at|to|of|during|after|before|when|while|who|which|that|speaking|writing|adding|noting)\b))"
    rf"|(?P<who2>(?:{_PRONOUNS})|[^,.;:“”\"()]{{1,90}}?)\s+(?P<verb2>{_AFTER_VERBS})\b"
    rf"|according\s+to\s+(?P<who3>[^,.;:“”\"()]{{1,90}}))",
    regex.IGNORECASE,
)
_SUBJECT_NOUNS = {
    "officials", "sources", "analysts", "residents", "witnesses", "observers", "critics", "experts",
    "authorities", "police", "government", "ministry", "army", "military", "spokesman", "official",
    "people", "reports", "media", "users", "commentators", "supporters", "members", "others",
}  # fmt: skip


def _post_cue(after: str, inner: str):
    """The cue after a quotation ("…," Hamidawi said), only where the quotation ends a clause:
    a comma, question or exclamation mark closes it, or a comma follows."""
    if not (inner.rstrip().endswith((",", "?", "!", "…", ".")) or after.lstrip().startswith(",")):
        return None
    return _POST_CUE_RE.match(_mask(after))


def _goes_on_with_member(draft: RenderingDraft, member: RenderingDraft, day: dt.date | None) -> None:
    """The unnamed member quoted before speaks again ("the official said"): his group, his
    occasion's channel, and the day this sentence gives, else his."""
    draft.speaker_org, draft.parent, draft.unnamed = member.speaker_org, member, True
    draft.channel = draft.channel or member.channel
    draft.date = day or member.date


_APPOSITION_AFTER_WHO_RE = regex.compile(r",\s+(?:a|an|the)\s+[^,.;“”\"]{1,80}")


def _attribute_after(draft: RenderingDraft, post, pre: str, earlier_here: list[str], ctx: _Context) -> None:
    """Speaker of a quotation whose cue follows it: the subject of that cue."""
    group = next(g for g in ("who1", "who2", "who3") if post.group(g) is not None)
    who = post.group(group).strip()
    speaker = None
    if _outsider(who, earlier_here, ctx) and _speaker(who, ctx.aliases) is None:
        draft.outsider = True
        return
    apposition = _APPOSITION_AFTER_WHO_RE.match(post.string, post.end(group))
    if apposition is not None and speakers.OUTSIDER_RE.search(apposition.group()) and _speaker(who, ctx.aliases) is None:
        draft.outsider = True  # "…,” said Aseel Kamal, a political scientist at the University of Baghdad.
        return
    back = _UNNAMED_BACK_RE.fullmatch(who)
    if back is not None and back.group("role").lower() in ctx.unnamed:
        # "…," the official said: the one just introduced
        _goes_on_with_member(draft, ctx.unnamed[back.group("role").lower()], _date_of(pre + " " + post.group(), ctx))
        return
    before = (earlier_here or ctx.earlier)[-1] if (earlier_here or ctx.earlier) else None
    member = (
        _unnamed_member(before, [], ctx, need_cue=False)
        if before is not None and regex.fullmatch(r"he|she", who, regex.IGNORECASE) and not marks.quotations(before)
        and not any(p.entity.kind == "person" for p in speakers.phrases(_mask(before), ctx.aliases))
        else None
    )  # "A Kataib Hezbollah official, Abu Mahdi al-Jabiri, was …": named, so no unnamed member
    if member is not None:
        # "A KSS official I spoke to on Sunday was blunter. “…,” he said": the member just introduced
        draft.speaker_org, draft.unnamed = member[1], True
        draft.date = _date_of(pre + " " + post.group(), ctx) or _date_of(before, ctx)
        draft.channel = draft.channel or _channel(before, ctx.aliases)
        draft.told_author = draft.told_author or bool(_TOLD_AUTHOR_RE.search(_mask_quotes(before)))
        ctx.unnamed[member[0]] = draft
        return
    if regex.fullmatch(r"he|she|they", who, regex.IGNORECASE):
        speaker, _ = _person_before([*reversed(earlier_here), *reversed(ctx.earlier)], ctx)
    elif _GROUP_HEAD_RE.fullmatch(who) and _group_before(earlier_here, ctx, who) is not None:
        speaker = _group_before(earlier_here, ctx, who)  # "…,” the group said on its Telegram channel
    elif (
        regex.fullmatch(r"it|the group|the movement", who, regex.IGNORECASE)
        and (named := _group_of_sentence_before(earlier_here, ctx)) is not None
    ):
        # "… the Kataib Hezbollah militia … vowed revenge … in a post on Telegram. “…,” it said":
        # the group the sentence before makes its subject, on that sentence's occasion
        speaker, before = named
        draft.date = _date_of(before, ctx)
        draft.channel = draft.channel or _channel(before, ctx.aliases)
    elif (by := _STATEMENT_BY_RE.match(who)) is not None and (owner := _statement_author(by.group("by"), ctx)) is not None:
        speaker = owner  # "…," according to a statement issued by the media office of Kataib Hezbollah
    elif regex.fullmatch(r"it|the group|the statement|the movement|the text", who, regex.IGNORECASE):
        intro = _introduced_statement(earlier_here, ctx)
        if intro is not None:  # "KSS said in a statement on May 13 that … “…,” the statement said"
            speaker = intro[0]
            draft.date = _date_of(intro[1], ctx)
        else:
            source = ctx.statement or ctx.previous
            speaker = (source.speaker, source.speaker_name, source.speaker_org) if source else None
            draft.parent = source
            draft.weak = True
    else:
        speaker = (
            _titled_member(who, ctx.aliases) or _speaker(who, ctx.aliases, subject=True) or _role_speaker(who, ctx)
            or _plain_name(_title_off(who))
        )
        owner = _OWNER_HEAD_RE.match(who)
        if speaker is not None and owner is not None and (len(speaker) < 3 or speaker[2] is None):
            # "the group's Secretary General Abu Hussein al-Hamidawi": a person of the group just named
            group = _group_before(earlier_here, ctx, owner.group("head"))
            speaker = (speaker[0], speaker[1], group[1] if group is not None else None)
    if speaker is not None and speaker[1] is not None:
        draft.speaker, draft.speaker_name = speaker[0], speaker[1]
        draft.speaker_org = speaker[2] if len(speaker) > 2 else None
    when = _date_of(pre + " " + post.group(), ctx)
    if when is not None:
        draft.date = when
    elif draft.date is None and draft.parent is not None:
        draft.date = draft.parent.date


# "A Badr lawmaker we spoke with", "told me", "in an interview with the author": the page's own
# interview, given to its publisher
_TOLD_AUTHOR_RE = regex.compile(
    r"\b(?:(?:I|we)\s+(?:spoke|talked)\s+(?:to|with)|(?:I|we)\s+(?:interviewed|met)|(?:told|said\s+to)\s+(?:me|us)\b|"
    r"in\s+an\s+interview\s+with\s+(?:me|us|the\s+authors?|this\s+(?:writer|author|newsletter|publication))\b)"
)


# "a statement issued by the media office of Kataib Hezbollah", "a post by KH on Telegram": whose text
_STATEMENT_BY_RE = regex.compile(
    r"(?:an?|the|its|their)\s+(?:\w+\s+){0,2}(?:statement|communiqu[eé]|post|message|text|video|tweet)\s+"
    r"(?:(?:issued|published|posted|released|put\s+out|circulated|signed)\s+)?(?:by|from|of)\s+(?P<by>.+)",
    regex.IGNORECASE,
)


def _statement_author(by: str, ctx: _Context):
    """Who issued a statement "by the media office of Kataib Hezbollah": the first group or person
    named, even as the object of "of" (an office, a council or a leader's bureau speaks for it)."""
    first = next(iter(speakers.phrases(_mask(by), ctx.aliases)), None)
    return _as_speaker(first) if first is not None else None


def _group_of_sentence_before(earlier_here: list[str], ctx: _Context):
    """(speaker, sentence) when the sentence right before names a group as its subject other than
    the one quoted last: what a following "it said" refers to."""
    before = earlier_here[-1] if earlier_here else (ctx.earlier[-1] if ctx.earlier else None)
    if before is None:
        return None
    found = _speaker(before, ctx.aliases, subject=True)
    last = ctx.previous.speaker_name if ctx.previous is not None else None
    if found is None or found[0] is None or found[0].kind != "organization" or found[1] == last:
        return None
    return found, before


_NAME_RUN_BEFORE_RE = regex.compile(r"(?P<name>[A-Z][\w’'\-]+(?:\s+(?:al-)?[A-Z][\w’'\-]+){1,3})\s*,?\s*$")


def _remember_outsider(words: str, ctx: _Context) -> None:
    """Another party's speaker, by name ("Pentagon Press Secretary Maj. Gen. Pat Ryder replied"):
    later "Ryder said" is theirs too, not a group's."""
    found = _cue_word(words, verb=True)
    before = _mask_quotes(words[: found[0]] if found is not None else words)
    m = _NAME_RUN_BEFORE_RE.search(before)
    if m is None:
        return
    name = m["name"]
    if ctx.aliases.by_name(name) is not None or _speaker(name, ctx.aliases) is not None:
        return  # a person or group of the archive's is never made another party's
    ctx.outsiders.update({name, *speakers.short_forms(name)})


_OWNER_HEAD_RE = regex.compile(r"^(?P<head>the\s+(?:group|movement|faction|militia|organi[sz]ation)|its)(?:['’]s)?\s+", regex.I)
_TITLE_WORDS_RE = regex.compile(
    rf"^(?:(?:the\s+(?:group|movement|faction|militia|organi[sz]ation)|its)(?:['’]s)?\s+)?"
    rf"(?:(?:[Dd]eputy|[Ss]enior|[Tt]op|[Ss]ecurity|[Mm]ilitary|[Pp]olitical)\s+)*(?:{speakers.ROLES})(?:\s+[Gg]eneral)?\s+"
)


_NAME_WORD = r"(?:[Aa]l-)?[A-Z][\w\-]*(?:[’'][a-rt-z]\w*)?"  # "Ja’far", not "Iraq’s"
_NAME_AT_END_RE = regex.compile(rf"(?<![\w’'])(?P<name>(?:(?:Abu|Umm)\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s*$")


def _titled_member(who: str, aliases: AliasStore) -> tuple | None:
    """"the Deputy Secretary-General of Iraq's Al-Nujaba Al-Shammari": a title of a group, the group,
    then a name the store does not know: that person, of that group."""
    if not regex.search(rf"\b(?:{speakers.ROLES})\b", who):
        return None
    groups = [p for p in speakers.phrases(who, aliases) if p.entity.kind == "organization"]
    if not groups:
        return None
    rest = who[groups[-1].end :].strip(" ,")
    m = _NAME_AT_END_RE.fullmatch(rest)
    if m is None or aliases.by_name(m["name"]) is not None or aliases.mentions(m["name"]):
        return None
    return None, m["name"], groups[-1].entity.en


def _title_off(who: str) -> str:
    """A name without the title before it ("the group's Secretary General Abu Hussein al-Hamidawi")."""
    return _TITLE_WORDS_RE.sub("", who.strip())


def _plain_name(who: str) -> tuple[None, str, None] | None:
    """A name the store does not know, as the article writes it ("Hamidawi", "Abu Fadak
    al-Mohammadawi"): capitalized words only, not a common noun ("Officials")."""
    words = who.split()
    if words and regex.search(r"['’]s$", words[-1]):
        return None  # "Sudani's office": the owner of who spoke, not a speaker's name
    if not 1 <= len(words) <= 5 or words[0].lower() in _NOT_NAMES:
        return None
    if not all(w[:1].isupper() or w.lower() in ("al-", "bin", "ibn") or w.startswith("al-") for w in words):
        return None
    if len(words) == 1 and (words[0].lower() in _SUBJECT_NOUNS or words[0] in speakers.NAME_WORD_STOP):
        return None
    return None, " ".join(words), None


# "Kataeb Hezbollah wrote on its website": the group's own site
_OWN_WEBSITE_RE = regex.compile(r"\b(?:on|via|in)\s+(?:its|their|his|the\s+group['’]s)\s+(?:official\s+)?(?P<channel>website)\b")
_CHANNEL_RE = regex.compile(
    r"\b(?i:told|to|with|on|in|via|through|by)\s+(?:the\s+|a\s+|an\s+)?(?:(?:its|his|her|their|the\s+group['’]s)\s+)?"
    r"(?:(?:official|own|verified|main)\s+)?"
    r"(?:[A-Z][\w\-]*(?:\s+[\w\-]+){0,3}['’]s\s+)?"
    r"(?P<channel>(?:[A-Za-z][\w’'\-]{0,40}\s+){0,3}(?:TV|Television|Radio|Channel)\b|"
    r"Telegram|Twitter|Facebook|Instagram|X(?![\w\-])|Reuters|AFP|AP|the\s+Associated\s+Press|"
    r"Al\s+Jazeera|Al[- ]Mayadeen|Al[- ]Arabiya(?:\s+English)?|Al[- ]Sumaria|Shafaq\s+News|Rudaw|[A-Z][\w\-]*\s+News\s+Agency)"
)


_OUTLET = r"(?:[A-Za-z][\w’'\-]{0,40}\s+){0,3}(?:TV|Television|Radio|Channel|News|Post|Times|Agency)\b"
# "Al-Ahd TV quoted X as saying", "Asked by The Euphrates Post", "in an interview with Rudaw"
_QUOTED_BY_RE = regex.compile(rf"(?P<channel>{_OUTLET})\s+(?:also\s+)?(?:quoted|cited|reported)\b")
_ASKED_BY_RE = regex.compile(
    r"\b(?:[Aa]sked\s+by|[Ss]peaking\s+to|[Tt]alking\s+to|interview\s+with|[Ii]n\s+the)\s+"
    rf"(?P<channel>(?:the\s+|The\s+)?(?:{_OUTLET}|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){{0,3}}(?=\s+interview)))"
)


# broadcasters and agencies that quote the groups, wherever the sentence names them
_KNOWN_OUTLET_RE = regex.compile(
    r"\b(?P<channel>Al[- ]Mayadeen|Al[- ]Jazeera|Al[- ]Arabiya(?:\s+English)?|Al[- ]Sumaria|Al[- ]Iraqiya|Al[- ]Ahd(?:\s+TV)?|"
    r"Dijlah(?:\s+TV)?|Kurdistan\s?24|IRNA|Tasnim|Fars\s+News|Reuters|Agence\s+France-Presse|AFP|"
    r"(?:The\s+)?Associated\s+Press|Rudaw(?:\s+English)?|Shafaq\s+News(?:\s+Agency)?)\b",
    regex.IGNORECASE,
)
_OWN_CHANNEL_RE = regex.compile(
    r"\b(?:its|his|her|their|the\s+group['’]s)\s+(?:own\s+|official\s+)?(?P<channel>Telegram|X|Twitter|Facebook|Instagram)\s+"
    r"(?:channel|account|page|feed)\b"
)
_CHANNEL_LEAD_RE = regex.compile(
    r"\b(?i:told|to|on|with|by|via|outlet|channel|broadcaster|network|interview|speaking|aired|broadcast)\b[^.;]*$"
)
# "denied a Reuters report", "claimed Reuters had attributed": the outlet's own report or words,
# which the group answers; not where the group's words were said
_OUTLET_OWN_RE = regex.compile(
    r"\s+(?:report|reports|reported|reporting|story|stories|article|investigation|claim|claims|account|"
    r"had|has|was|is|said|says|claimed|attributed|published|quoted)\b",
    regex.IGNORECASE,
)
_TOLD_RE = regex.compile(
    r"\b(?:told|spoke\s+to|speaking\s+to|talking\s+to|talked\s+to|interviewed\s+by|in\s+an\s+interview\s+with|"
    r"sat\s+down\s+with|gave\s+an\s+interview\s+to)\s+"
    r"(?:the\s+(?=[a-z]))?(?:(?!(?:in|at|on|from|with|during|after|before|that|about)\b)[a-z][\w\-]*\s+){0,3}"
    # "told Lebanese Hezbollah-affiliated outlet Al-Mayadeen"; not "told reporters in Baghdad"; "sat down with 964"
    r"(?P<channel>(?:The\s+)?(?:[A-Z][\w.\-’']*|\d+(?![\d,.:/]))(?:\s+(?:[A-Z][\w.\-’']*|of|for))*)"
)


def _channel(sentence: str, aliases: AliasStore | None = None) -> str | None:
    """Where the words were said, as the article names it ("al-Ahd TV", "Telegram"): recorded
    apart from the speaker, whom a channel never stands for. Someone a speaker "told" is a
    channel when it is an outlet, not a person or group the archive knows ("told The Associated
    Press", but not "told Khazali")."""
    masked = _mask_quotes(sentence)
    m = _CHANNEL_RE.search(masked) or _QUOTED_BY_RE.search(masked) or _ASKED_BY_RE.search(masked) or _CARRIED_BY_RE.search(masked)
    if m is None:
        m = _OWN_CHANNEL_RE.search(masked) or _OWN_WEBSITE_RE.search(masked)  # "used his Telegram channel on Monday to accuse"
    if m is None:  # a broadcaster the words went to or came through, not the page's own dateline
        m = next((k for k in _KNOWN_OUTLET_RE.finditer(masked)
                  if _CHANNEL_LEAD_RE.search(masked[max(0, k.start() - 60) : k.start()])
                  and not _OUTLET_OWN_RE.match(masked, k.end())), None)  # fmt: skip
    if m is None and aliases is not None:
        told = _TOLD_RE.search(masked)
        if told is not None and _outlet_name(told.group("channel"), aliases):
            return _trim_channel(told.group("channel"))
    if m is None:
        return None
    channel = m.group("channel").strip()
    if m.re is not _ASKED_BY_RE or channel.startswith("the "):
        channel = regex.sub(r"^(?:the|its|his|her|their)\s+", "", channel)
    channel = _CHANNEL_DESCRIPTOR_RE.sub("", channel)  # "the Iraqi channel Dijlah TV" is Dijlah TV
    if _UNNAMED_OUTLET_RE.fullmatch(channel):
        return None  # "a local Iraqi TV station": the article does not say which
    return _known_channel(channel, aliases)


_NATIONALITY_RE = regex.compile(r"^(?:Iraqi|Lebanese|Iranian|Yemeni|Syrian|Kurdish|Saudi|Qatari|Emirati)\s+(?=\S)")


def _known_channel(channel: str, aliases: AliasStore | None) -> str:
    """A channel the alias store knows, by its name there: "the Iraqi Al-'Ahd TV" (MEMRI's
    spelling) is al-Ahd TV, so every page's quotes from it share one channel."""
    if aliases is None:
        return channel
    bare = _NATIONALITY_RE.sub("", channel)
    for found in aliases.resolve(bare):
        if found.entity.kind == "media" and found.distance == 0 and found.start == 0 and found.end >= len(bare.rstrip()):
            return found.entity.en
    return channel


# "in the statement carried by Sabereen News", "a video aired by Al-Etejah TV": the outlet that ran it
_CARRIED_BY_RE = regex.compile(
    r"\b(?:carried|published|broadcast|aired|relayed|circulated|run)\s+(?:by|on)\s+(?:the\s+)?"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b)"
    r"(?P<channel>(?:Al[- ])?[A-Z][\w\-]*(?:\s+(?:al-)?[A-Z][\w\-]*){0,3})"
)
_UNNAMED_OUTLET_RE = regex.compile(
    r"(?:(?:a|an|one|local|state|state-run|private|satellite|pan-Arab|regional|foreign|Iraqi|Iranian|Lebanese|"
    r"Kurdish|Arab|Arabic|Western|US|American|news|television)\s+)*(?:TV|Television|Radio|Channel)(?:\s+(?:station|channel))?",
)


_CHANNEL_DESCRIPTOR_RE = regex.compile(
    r"^(?:[A-Z][\w\-]*\s+)?(?:(?:satellite|television|TV|news)\s+)?(?:channel|broadcaster|station|network|outlet)\s+(?=[A-Z0-9])"
)


def channel_of(text: str, aliases: AliasStore | None = None) -> str | None:
    """The channel a sentence or a note names (public: endnotes are read by notes.py)."""
    return _channel(text, aliases)


CONTEXT_SENTENCES = 4  # how far back a reader looks for a quote's occasion


def _outlet_name(name: str, aliases: AliasStore) -> bool:
    """A name that can be an outlet: not a person or group the store or the article knows, not a
    title ("Prime Minister …"), one to four capitalized words."""
    words = name.split()
    if not 1 <= len(words) <= 5 or regex.match(r"(?i:prime|president|minister|sheikh|sayyid|dr\.?|mr\.?)$", words[0]):
        return False
    if regex.search(r"['’]s$", name):
        return False  # "told the Framework's leaders": the people told are named after the possessive
    return not any(m.entity.kind in ("person", "organization") for m in aliases.mentions(name))


def _trim_channel(name: str) -> str:
    return regex.sub(r"\s+(?:on|in|at|of|for)$", "", name.strip(" .,"))


# "964 contacted Asaib Ahl al-Haq for a response.", "Reuters asked the group for comment": the
# outlet that asked is where the answer was given
_ASKED_FOR_COMMENT_RE = regex.compile(
    r"^\s*(?P<channel>(?:The\s+)?(?:[A-Z][\w.\-’']*|\d+)(?:\s+[A-Z][\w.\-’']*){0,3})\s+"
    r"(?:contacted|reached|asked|approached|reached\s+out\s+to|sought\s+comment\s+from)\s+(?P<whom>[^.;]{2,80}?)"
    r"(?:\s+for\s+(?:a\s+|an\s+|their\s+|its\s+)?(?:comment|response|reaction|reply)|\s+to\s+(?:comment|respond))"
)


def _asked_for_comment(draft: RenderingDraft, earlier_here: list[str], ctx: _Context) -> None:
    """The channel of an answer the sentence just before asked for: an outlet that "contacted"
    the speaker's group "for a response" is where the group answered (its own page, often)."""
    if draft.channel is not None or not (draft.speaker_org or draft.speaker_name):
        return
    before = earlier_here[-1] if earlier_here else (ctx.earlier[-1] if ctx.earlier else None)
    m = _ASKED_FOR_COMMENT_RE.search(_mask_quotes(before)) if before else None
    if m is None or not _outlet_name(m.group("channel"), ctx.aliases):
        return
    whom = {mention.entity.en for mention in ctx.aliases.mentions(m.group("whom"))}
    if whom & {draft.speaker_org, draft.speaker_name} or _GROUP_HEAD_RE.search(m.group("whom")):
        draft.channel = _trim_channel(m.group("channel"))


def _name_the_unnamed(draft: RenderingDraft, ctx: _Context) -> None:
    """A news lead's unnamed member is the person the next paragraph introduces ("A senior AAH
    official accused Washington of “…”" / "Hussein al-Kanani, a member of the movement's political
    bureau, told Shafaq News, “…”"): when the rendering just before is that unnamed member's, and
    this one's speaker is a person quoted here for the first time, of the same group or given the
    same role, the two are one speaker (and, giving no occasion of his own, on the same occasion)."""
    last = ctx.previous
    if last is None or draft.unnamed or not draft.speaker_name or last.speaker_org is None:
        return
    if not (last.unnamed or last.speaker_name is None):
        return
    if draft.speaker is not None and draft.speaker.kind != "person":
        return
    if not (last.paragraph is draft.paragraph or ctx.previous_paragraph is last.paragraph):
        return
    if any(d.speaker_name == draft.speaker_name for d in ctx.drafts):
        return  # quoted before: not the one the lead left unnamed
    if (last.channel and draft.channel and last.channel != draft.channel) or (
        last.date and draft.date and last.date != draft.date
    ):
        return  # another occasion ("speaking to Reuters" / "denied on Telegram"): another man, maybe
    role = next((r for r, d in ctx.unnamed.items() if d is last), None)
    if draft.speaker_org != last.speaker_org and not (draft.speaker_org is None and role and _given_role(draft, role)):
        return
    draft.speaker_org = draft.speaker_org or last.speaker_org
    last.speaker, last.speaker_name, last.speaker_org, last.unnamed = draft.speaker, draft.speaker_name, draft.speaker_org, False


def _given_role(draft: RenderingDraft, role: str) -> bool:
    """Whether the paragraph gives the draft's speaker `role` in an apposition ("said Abbas
    al-Zaidi, the spokesperson")."""
    word = r"spokes(?:man|woman|person)" if role == "spokesman" else regex.escape(role) + "s?"
    pattern = rf"{regex.escape(draft.speaker_name or '')},\s+[^,.;“”\"]{{0,60}}?\b{word}\b"
    return regex.search(pattern, draft.paragraph.text.text, regex.IGNORECASE) is not None


SAME_OCCASION_QUOTES = 6  # how many renderings back a person's last words still set the occasion


def _last_by(name: str | None, ctx: _Context) -> RenderingDraft | None:
    """The last rendering of the person `name` among the last few, if it gave an occasion. A
    later quote of his that names none is read as the same interview or statement."""
    if not name:
        return None
    for earlier in reversed(ctx.drafts[max(ctx.occasion_floor, len(ctx.drafts) - SAME_OCCASION_QUOTES) :]):
        if earlier.speaker_name == name:
            return earlier if earlier is ctx.previous or earlier.date or earlier.channel else None
    return None


def _context(draft: RenderingDraft, earlier_here: list[str], later_here: list[str], ctx: _Context) -> None:
    """The occasion of a quote whose own sentence gives no day or channel, from the sentences
    around it that name its speaker or the speaker's group ("In the Dijlah TV interview, aired on
    Sunday, Walai was asked…"; "Saadi spoke to reporters on Monday"). Only a sentence's own
    clause counts, not what it reports ("wrote that the commission, which met on 27/01/2024, …")."""
    names = [n for n in (draft.speaker_name, draft.speaker_org) if n]
    if not names or draft.unnamed or (draft.date is not None and draft.channel is not None):
        return  # an unnamed member speaks on an occasion of its own, not on its group's
    forms = {f for n in names for f in (n, *speakers.short_forms(n))}
    pattern = _names_pattern(frozenset(forms))
    around = [*reversed(earlier_here), *reversed(ctx.earlier)][:CONTEXT_SENTENCES] + later_here[:1]
    later = set(later_here[:1])
    own_forms = {draft.speaker_name, *speakers.short_forms(draft.speaker_name)} if draft.speaker_name else set()
    own_name = _names_pattern(frozenset(own_forms)) if own_forms else None
    for sentence in around:
        masked = _mask(sentence)
        if sentence in later and (not (own_name is not None and own_name.search(masked)) or marks.quotations(sentence)):
            continue  # a sentence after the quote tells its occasion only if it names the speaker,
            # and quotes nothing of its own ("In remarks to Al Mayadeen, Khazali added that “…”": another)
        subjects = [p for p in speakers.phrases(masked, ctx.aliases) if not speakers.governed(masked, p.start, p.end)]
        named = any(p.entity.en in names and not (p.entity.kind == "person" and p.entity.en != draft.speaker_name)
                    and not (p.entity.kind == "person" and draft.speaker is not None and draft.speaker.kind == "organization")
                    for p in subjects)  # fmt: skip
        if not named and draft.speaker is not None and draft.speaker.kind == "organization" and _GROUP_ISSUED_RE.match(masked):
            named = True  # "On Saturday, the group published a short statement on its Telegram channel."
        if not named and not (draft.speaker is None and pattern.search(masked)):
            continue  # only a sentence in which the speaker is the subject tells its occasion
        own = _main_clause(sentence)
        day = _date_of(own, ctx)
        if draft.date is None or day is None or day == draft.date:  # the same occasion
            draft.channel = draft.channel or _channel(own, ctx.aliases)
        if draft.date is None:
            draft.date = day
        if draft.date is not None and draft.channel is not None:
            return


# the group, as the subject, issuing a statement: its occasion is the statement's
_GROUP_ISSUED_RE = regex.compile(
    r"^\s*(?:[^,.;]{0,60},\s*)?(?:the\s+(?:group|movement|militia|faction|organi[sz]ation)|it)\s+(?:also\s+|then\s+|later\s+)?"
    r"(?:published|issued|posted|released|put\s+out|circulated|announced)\b",
    regex.IGNORECASE,
)


@functools.lru_cache(maxsize=512)
def _names_pattern(forms: frozenset[str]) -> regex.Pattern:
    """Any of `forms` as a whole word (compiled once per set of names)."""
    return regex.compile("|".join(rf"(?<!\w){regex.escape(f)}(?!\w)" for f in sorted(forms, key=len, reverse=True)))


def _main_clause(sentence: str) -> str:
    """A sentence without the clause it reports ("… wrote on X that …") or quotes."""
    masked = _mask(_mask_quotes(sentence))
    m = regex.search(r"\b(?:that|whether)\b", masked)
    return masked[: m.start()] if m else masked


def _mask_quotes(text: str) -> str:
    """`text` with its quotations blanked (same length): what the quoted words say is no evidence
    of who said them, or when."""
    pieces, last = [], 0
    for q in marks.quotations(text):
        pieces += [text[last : q.start], " " * (q.end - q.start)]
        last = q.end
    return "".join(pieces) + text[last:] if pieces else text


def _introduced_statement(earlier_here: list[str], ctx: _Context, pre: str = ""):
    """(speaker, sentence) of a statement the sentence just before introduced without quoting it;
    at a paragraph's start, the last sentence of the paragraph before ("… publishing a statement
    on Thursday that read in part:", then the Arabic, then "“…,” the statement said")."""
    before = [s for s in (earlier_here or ctx.earlier) if s.strip()]
    if not earlier_here and before and before[-1].strip() == pre.strip():
        before = before[:-1]  # a block quote's introduction is itself the paragraph just read
    if not before:
        return None
    sentence = before[-1]
    if not _STATEMENT_NOUN_RE.search(sentence) or marks.quotations(sentence):
        return None
    if not earlier_here and not sentence.rstrip().endswith(":") and not _FIGURE_CITED_RE.search(sentence):
        # across paragraphs only an introduction that ends on its colon ("… that read in part:") or
        # shows the statement ("… issued a statement carried on Telegram (Figure 1).")
        return None
    speaker = _speaker(sentence, ctx.aliases, subject=True)
    return (speaker, sentence) if speaker is not None else None


_GROUP_HEAD_RE = regex.compile(
    r"\b[Tt]he\s+(?:group|movement|faction|militia|organi[sz]ation|coalition|alliance|committee|council|front|brigades)\s*$"
)


_MEMBER_ROLES = r"(?i:officials?|members?|commanders?|spokes(?:man|woman|person)|sources?|figures?|leaders?|fighters?|cadres?)"
# "An official of the group", "a senior commander in Kataib Hezbollah", "one of the movement's
# leaders": someone of a group, unnamed, as the subject that opens the sentence
# what follows an unnamed member as the subject: an apposition's comma, or the cue
_MEMBER_CUE_AHEAD = (
    r"(?=\s*,|\s+(?:who|whom|said|told|says|added|spoke|speaking|insisted|warned|claimed|stressed|explained|was|were|"
    r"telling|saying|adding|warning|(?:I|we)\s+(?:spoke|talked|met|interviewed))\b)"
)
_UNNAMED_MEMBER_RE = regex.compile(
    rf"^\s*(?:(?:An?|One)\s+(?:(?:senior|top|security|military|political|media|field|local|leading|prominent)\s+)?"
    rf"(?P<role>{_MEMBER_ROLES})\s+(?:of|from|in|within|with|for|close\s+to)\s+"
    rf"|One\s+of\s+(?=(?:the|its)\s+\S+['’]s\s+|[A-Z]\S*['’]s\s+))"
    r"(?P<group>(?:the|its)\s+(?:(?:political|parliamentary|military|media|armed|security|powerful|hardline|Shia|Shiite|"
    r"[A-Z]?[a-z]+-(?:backed|aligned|affiliated|allied|leaning))\s+){0,3}"
    r"(?:group|movement|faction|militia|organi[sz]ation|brigades?|bloc|party|council|office|bureau|wing)(?:['’]s)?"
    r"(?:\s+of\s+(?P<named>[A-Z][\w’'\-]+(?:\s+(?:al-|al\s+)?[A-Z][\w’'\-]+){0,4}))?"  # "the political bureau of AAH"
    r"|[A-Z][\w’'\-]+(?:\s+(?:al-|al\s+)?[A-Z][\w’'\-]+){0,4}(?:['’]s)?)"
    rf"(?:\s+(?:(?:senior|top|military|political|media|security)\s+)?(?P<role2>{_MEMBER_ROLES}))?"
    + _MEMBER_CUE_AHEAD
)
_NAMED_AFTER_RE = regex.compile(rf"\s*,\s*{speakers.PERSON}\s*,")
# "Kataib Hezbollah on Friday denied any role, with a spokesperson for the group telling Rudaw that
# …": the member after "with" is the subject of the cue that follows him
_WITH_MEMBER_RE = regex.compile(r"(?:,\s*|\s)with\s+(?=(?:an?|one)\s)", regex.IGNORECASE)
# "An Asaib Ahl al-Haq source told Reuters", "One unnamed KH commander was quoted as saying", "Two
# Nujaba officials said": the group's name set before the member's role
_UNNAMED_NAMED_RE = regex.compile(
    r"^\s*(?:An?|One|Two|Three|Several|Some|Another|Other)\s+"
    r"(?:(?:unnamed|anonymous|senior|top|security|military|political|media|field|local|leading|prominent|mid-level|high-ranking)\s+){0,3}"
    r"(?P<named>[A-Z][\w’'\-]*(?:\s+(?:al-|al\s+)?[A-Z][\w’'\-]*){0,4})\s+"
    rf"(?:(?:senior|top|military|political|media|security|field)\s+)?(?P<role>{_MEMBER_ROLES})"
    r"(?:\s+of\s+(?:the\s+(?:Iraqi\s+)?)?(?:parliament|Council\s+of\s+Representatives))?"  # "An AAH member of parliament"
    + _MEMBER_CUE_AHEAD
)
_UNNAMED_BACK_RE = regex.compile(rf"(?:the|that)\s+(?P<role>{_MEMBER_ROLES})", regex.IGNORECASE)
# "The commander said the factions had …": the unnamed member the article introduced, as a subject
_UNNAMED_BACK_OPENING_RE = regex.compile(
    rf"^\s*(?:The|the|That)\s+(?:(?:senior|same|KH|AAH|militia|group['’]s)\s+)?(?P<role>{_MEMBER_ROLES})\s+(?:also\s+)?"
    r"(?:said|says|added|told|warned|insisted|stressed|explained|noted|argued|claimed|went\s+on)\b"
)


def _unnamed_member(pre: str, earlier_here: list[str], ctx: _Context, need_cue: bool = True) -> tuple[str, str] | None:
    """(role, group) when the cue's subject is an unnamed member of a named group ("An official of
    the group, who spoke to Reuters on condition of anonymity, said"): no speaker's name, the group
    as the speaker's organization."""
    masked = _mask(pre)
    m = _UNNAMED_MEMBER_RE.match(masked) or _UNNAMED_NAMED_RE.match(masked)
    offset, lead = 0, ""
    if m is None:
        for w in _WITH_MEMBER_RE.finditer(masked):
            offset, lead = w.end(), masked[: w.start()]
            rest = masked[offset:]
            m = _UNNAMED_MEMBER_RE.match(rest[:1].upper() + rest[1:])  # its pattern opens a sentence
            if m is not None:
                break
    if m is None:
        return None
    if _NAMED_AFTER_RE.match(masked, offset + m.end()):
        return None  # "A member of the political bureau of AAH, Hassan al-Mousawi, told": he is named
    found = _cue_word(pre, verb=True)
    group_end = offset + (m.end("group") if m.re is _UNNAMED_MEMBER_RE else m.end("named"))
    if need_cue and (found is None or found[0] < group_end):
        return None
    group = (m.group("named") or m.group("group")).removesuffix("'s").removesuffix("’s")
    if regex.match(r"(?:the|its)\s", group):
        # "964 contacted Asaib Ahl al-Haq for a response. A spokesman for the movement said": the one
        # group the sentence before names, subject or not; else the group the article is quoting
        before = [lead] if lead.strip() else (earlier_here or ctx.earlier)[-1:]
        named = {p.entity.en for s in before for p in speakers.phrases(_mask(s), ctx.aliases) if p.entity.kind == "organization"}
        owner = (None, named.pop()) if len(named) == 1 else _group_before(earlier_here, ctx, group)
    else:
        owner = _speaker(group, ctx.aliases)
        owner = owner if owner is not None and owner[0] is not None and owner[0].kind == "organization" else None
    if owner is None:
        return None
    role = (m.group("role") or (m.group("role2") if m.re is _UNNAMED_MEMBER_RE else None) or "member").lower().rstrip("s")
    return ("spokesman" if role.startswith("spokes") else role), owner[1]


POST_CUE_SPAN = 160  # the longest '…,” the group's leader, Qais al-Khazali, said on Monday.' read so
# what closes the sentence of a quote after its end: its post cue, or nothing, and the full stop
_POST_CUE_END_RE = regex.compile(r"[^“”\"«».!?]*[.!?]\s*$")
_NTH_POINT_RE = regex.compile(
    r"^\s*The\s+(?:first|second|third|fourth|fifth|sixth|seventh|last|final|next|\d+(?:st|nd|rd|th))\s+"
    r"(?:point|clause|item|paragraph|article|demand|condition|section)s?\b",
    regex.IGNORECASE,
)
_CONTINUES_FIGURE_RE = regex.compile(
    r"^\s*(?:The\s+(?:\w+\s+)?(?:point|clause|item|paragraph|statement|post|text|image|caption|message)\b|"
    r"(?:He|She|It|They)\b|The\s+\w+,\s+(?:he|she|it|they)\s+\w+)"
)


def _names_speaker(sentence: str, draft: RenderingDraft) -> bool:
    """Whether `sentence` names the quote's speaker (or a short form of the name)."""
    names = [n for n in (draft.speaker_name,) if n]
    forms = {f for n in names for f in (n, *speakers.short_forms(n))}
    return bool(forms) and _names_pattern(frozenset(forms)).search(sentence) is not None


_PARTICIPLE_CUE_RE = regex.compile(r"\s*,?\s*(?:and\s+)?(?P<verb>\w+ing)\b(?:\s+that)?\s*")
_GROUP_SUBJECT_RE = regex.compile(
    r"(?:^|[,;]\s+|\.\s+)(?P<head>[Tt]he\s+(?:group|movement|faction|militia|organi[sz]ation))(?=\s+(?:\w+ly\s+)?[a-z]+(?:ed|s)\b)"
)


def _subject_clause(pre: str) -> str:
    """The words right before the cue's verb, after any opening clause."""
    found = _cue_word(pre, verb=True)
    clause = _mask(_mask_quotes(pre[: found[0]] if found is not None else pre))
    parts = [p for p in regex.split(r"[,;:]\s", clause) if p.strip()]
    return parts[-1].rstrip() if parts else ""


def _group_before(earlier_here: list[str], ctx: _Context, head: str = "group"):
    """Which group "the group" is: the subject of the nearest sentence before that names one.
    "The coalition" is a group only where the article called one so ("the Islamic Resistance in
    Iraq, a coalition of militias"); else it is the U.S.-led coalition, no group of the archive's."""
    if "coalition" in head.lower() and not any(
        regex.search(r"[,—–-]\s*(?:an?\s+)?(?:\w+\s+)?coalition\s+of\b", s) for s in [*earlier_here, *ctx.earlier]
    ):
        return None
    for sentence in [*reversed(earlier_here), *reversed(ctx.earlier)][:CONTEXT_SENTENCES]:
        found = _speaker(sentence, ctx.aliases, subject=True)
        if found is not None and found[0] is not None and found[0].kind == "organization":
            return found
    return None


_OPENER_IT_RE = regex.compile(
    r"(?:In|On|At|During|Late|Early|Earlier|Later|Via|Through|After|Before)\b.{0,80}?\s(?:it|It)(?:\s+(?:also|then|later|again))?"
)


_IT_GOES_ON_RE = regex.compile(r"^\s*(?:It|The\s+(?:statement|text|communiqu[eé]|post))\s+(?:was|had\s+been|is)\b")


def _channel_told_next(source_sentence: str, sentences: list[str], ctx: _Context) -> str | None:
    """The channel the sentence right after a statement's introduction gives it ("It was signed by
    the committee and shared on the Telegram channels of its member factions")."""
    for k in range(len(sentences) - 2, -1, -1):
        if sentences[k] == source_sentence:
            following = sentences[k + 1]
            if _IT_GOES_ON_RE.match(following) and not marks.quotations(following):
                return _channel(following, ctx.aliases)
            return None
    return None


_OPENING_PRONOUN_SAID_RE = regex.compile(r"^\s*(?:He|She)\s+(?:also\s+)?(?:said|says|added|told|insisted|stressed)\b")


def _leader_for_group(pre: str, speaker, earlier_here: list[str], ctx: _Context):
    """"He said Asaib Ahl al-Haq had responded … “out of national responsibility”": the group is the
    subject of what he said, and he, its leader, speaks: when the sentence opens on "He said" and
    the person that "he" is belongs to the group the quote's clause names, the person is the speaker."""
    if speaker is None or speaker[0] is None or speaker[0].kind != "organization":
        return speaker
    if _OPENING_PRONOUN_SAID_RE.match(_mask(pre)) is None:
        return speaker
    person = _person_before([*reversed(earlier_here), *reversed(ctx.earlier)], ctx)[0]
    if person is not None and person[0] is not None and person[0].org == speaker[0].en:
        return person
    return speaker


def _subject_head(pre: str) -> str | None:
    """The pronoun that is the cue's subject ("he", "it", "its statement"), if that is what the
    words right before the cue are, after any opening clause ("Asked whether…, he answered")."""
    found = _cue_word(pre, verb=True)
    clause = _mask(_mask_quotes(pre[: found[0]] if found is not None else pre))
    parts = [p for p in regex.split(r"[,;:]\s", clause) if p.strip()]
    last = parts[-1].strip() if parts else ""
    if regex.fullmatch(r"(?i:its|their)\s+(?:\w+\s+)?(?:statement|text|post|message|communiqu[eé])", last):
        return "its"  # "Citing an expert group, its statement asserted": the group of the sentence before
    if regex.fullmatch(r"(?:[Tt]hen\s+)?(?:he|she|they|it|He|She|They|It)(?:\s+(?:also|then|later|again))?", last):
        return last.split()[-1] if last.split()[-1].lower() in ("he", "she", "they", "it") else last.split()[0]
    if _OPENER_IT_RE.fullmatch(last):
        return "it"  # "In a statement Friday night it said that …": "it" after an opening adverbial
    m = regex.match(r"^\s*(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b", clause) or regex.match(
        r"^\s*(?P<p>[Ii]ts)\s+(?:\w+\s+)?(?:statement|message|post|text|communiqu[eé]|speech)\b", clause
    )  # "Its short text said", but not "Its chief executive told reporters"
    if m:
        return m.group("p")
    if regex.match(r"^\s*[Tt]he\s+(?:group|movement|militia|faction|organi[sz]ation)\b(?!['’])", clause):
        return "it"  # "The group repeated the accusation …, saying": the group of the sentences before
    inner = speakers.SUBJECT_PRONOUN_RE.search(clause)  # "In a Telegram post he attacked …, accusing"
    if inner is not None and not regex.search(r"\b(?:that|who|which|whom)\s*$", clause[: inner.start()]):
        return inner.group().split()[0]
    return None


PRONOUN_CHAIN = 3  # sentences "he" can reach back over while each starts with "He …"


def _person_before(sentences: list[str], ctx: _Context) -> tuple[tuple | None, str | None]:
    """Whom "he" means: the person named as the subject of the nearest sentence before, reading
    back over sentences whose own subject is "he" ("Obaidi, a researcher, told … . He noted … .
    “…,” he said": Obaidi); else the person quoted last."""
    for sentence in sentences[:PRONOUN_CHAIN]:
        found = _speaker(sentence, ctx.aliases, subject=True)
        if found is not None and found[0] is not None and found[0].kind == "person":
            return found, sentence
        role = _role_speaker(sentence, ctx)
        if role is not None:
            return role, sentence
        head = _cue_word(sentence, verb=True)
        subject = regex.split(r"[,;:]\s", _mask(sentence[: head[0]]))[0].strip() if head else ""
        plain = _plain_name(subject)
        if plain is not None:
            return plain, sentence  # "Haddad noted that …. “…,” he said": a person the store does not know
        if not regex.match(r"(?i:he|she)\b", subject):
            break
    return ctx.last_person, None


def _earlier_statement(name: str | None, pre: str, ctx: _Context) -> RenderingDraft | None:
    """The speaker's statement quoted before, when the clause goes on with it ("concluded",
    "added") or points back to it ("its statement", "his speech")."""
    if name is None:
        return None
    back = _CONTINUING_RE.search(pre) or regex.search(
        r"\b(?:its|his|her|their|the|that)\s+(?:\w+\s+)?(?:statement|message|post|speech|communiqu[eé]|interview)\b",
        pre,
        regex.IGNORECASE,
    )
    if back is None:
        return None
    return next((d for d in reversed(ctx.drafts) if d.speaker_name == name), None)


def _outsider(clause: str, earlier_here: list[str], ctx: _Context) -> bool:
    """Whether the subject of the cue is another party (a U.S. official, an analyst, observers):
    named in the words right before the cue's verb ("…, which observers have dubbed"), in the
    subject with its apposition ("Sarah Whitford, a London-based analyst, called"), or through a
    pronoun for the subject of the sentence before ("The U.S. embassy … it said")."""
    found = _cue_word(clause, verb=True)
    region = _mask_quotes(clause[: found[0]] if found is not None else clause)
    parts = [part for part in regex.split(r"[,;:]\s", _mask(region)) if part.strip()]
    last = parts[-1] if parts else ""
    if _outsider_subject(last) and not _named_in(last, ctx):
        return True
    if _outsider_subject(region) and not _named_in(region, ctx) and _subject_head(clause) is None:
        return True
    first = parts[0] if parts else ""
    if found is not None and found[1].lower().endswith("ing") and len(parts) > 1 and _OUTSIDER_OPENING_RE.match(first) and not _named_in(first, ctx):
        return True  # "The US State Department on Wednesday designated four groups, among them Nujaba, saying": its subject speaks
    if _PLAIN_PRONOUN_RE.match(last):
        for before in [*reversed(earlier_here), *reversed(ctx.earlier)][:PRONOUN_CHAIN]:
            head = _cue_word(before, verb=True)
            region = _mask_quotes(before[: head[0]] if head else before[:80])
            if _named_in(region, ctx) or _outsider_subject(region):
                return not _named_in(region, ctx)
            if not regex.match(r"\s*(?i:he|she|it|they)\b", region):
                break
    return False


_OUTSIDER_OPENING_RE = regex.compile(rf"^\s*(?:The\s+|the\s+)?(?:{speakers.OUTSIDER_RE.pattern})")


def _outsider_subject(text: str) -> bool:
    """Another party named in `text` where a subject stands, not as an object ("mocked the
    government's condemnation")."""
    starts = [_phrase_start(text, m.start()) for m in _OUTSIDER_RE.finditer(text)]
    return any(not speakers.governed(text, start) or _ROLE_OF_RE.search(text[:start]) for start in starts)


_NAME_WORDS_BEFORE_RE = regex.compile(r"(?:(?:[A-Z][\w.’'\-]*|of|the)\s+)+$")


def _phrase_start(text: str, start: int) -> int:
    """Where the name a word belongs to starts: "Treasury" in "sanctioned by the US Treasury" is
    governed as the whole "the US Treasury" is."""
    m = _NAME_WORDS_BEFORE_RE.search(text[max(0, start - 80) : start])
    return start - (len(m.group()) if m else 0)


# "A spokesman for the Kurdistan Democratic Party", "an official of the Pentagon": the role speaks
_ROLE_OF_RE = regex.compile(rf"\b(?:{speakers.ROLES})\s+(?:for|of|at|from|with)\s+(?:the\s+)?$")


_PLAIN_PRONOUN_RE = regex.compile(r"\s*(?:it|she|he|they)\s*$", regex.IGNORECASE)


def _named_in(region: str, ctx: _Context) -> bool:
    """Whether a known group or person stands in `region` as a subject, not governed."""
    masked = _mask(region)
    return any(
        not speakers.governed(masked, p.start, p.end) and p.entity.en not in ctx.outsiders
        and not _OUTSIDER_RE.search(p.entity.en)  # "Kurdistan Regional Government": another party
        for p in speakers.phrases(masked, ctx.aliases)
    )


_ITS_OWN_STATEMENT_RE = regex.compile(
    r"^\s*(?:(?:In|With)\s+)?(?:[Aa]|[Tt]he|[Aa]nother)\s+(?:\w+\s+)?(?:statement|post|message|communiqu[eé]|text)\s+"
    r"(?:that\s+)?(?:it|they)\s+(?:had\s+|has\s+)?(?:issued|released|published|posted|put\s+out|sent|circulated)\b"
)


def _statement_owner(pre: str, ctx: _Context) -> RenderingDraft | None:
    """"Returning to the Tansiqiya, the statement also…": the last statement of the group the
    clause names, when it refers back to "the statement"."""
    if not regex.search(r"\b(?:the|its|that)\s+(?:\w+\s+)?(?:statement|communiqu[eé]|message|text)\b", pre, regex.I):
        return None
    masked = _mask(pre)
    names = {p.entity.en for p in speakers.phrases(masked, ctx.aliases) if not speakers.governed(masked, p.start, p.end)}
    names |= {p.entity.en for p in speakers.phrases(masked, ctx.aliases) if regex.match(r"\s*,", masked[p.end :])}
    owners = ctx.statements_by_speaker
    for k in range(ctx.indexed, len(ctx.drafts)):  # brought up to date here: linear over the article
        draft = ctx.drafts[k]
        if draft.parent is None and draft.speaker_name is not None:
            owners[draft.speaker_name] = (k, draft)
    ctx.indexed = len(ctx.drafts)
    found = [owners[name] for name in names if name in owners]
    return max(found, key=lambda kd: kd[0])[1] if found else None


def _has_own_subject(pre: str) -> bool:
    """Whether words before the cue name someone else ("Analysts called it…"), so that the quote
    is theirs and not a statement's from an earlier sentence."""
    clause = regex.split(r"[.;:]\s", pre)[-1]
    for date in find_dates(clause):
        clause = clause[: date.start] + " " * (date.end - date.start) + clause[date.end :]
    words = regex.findall(r"[\w'’\-]+", clause)
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if word.lower() in CUE_WORDS:
            before = [
                w for w in words[:k] if w.lower() not in _NOT_NAMES and w.lower() not in _FUNCTION_WORDS
            ]
            return bool(before)
    return False


def _role_speaker(clause: str, ctx: _Context):
    """"The spokesman added": the person the article gave that title. A title followed by a name
    ("its leader Qais al-Khazali") is no back-reference, and one a verb or preposition governs
    ("aimed at its leader") is not the speaker."""
    for m in _ROLE_MENTION_RE.finditer(clause):
        if regex.match(r"\s*,?\s*[A-Z]", clause[m.end() :]) or speakers.governed(clause, m.start()):
            continue
        word = m.group("role").lower().replace(" ", "-")
        role = ctx.roles.get(word)
        if role is not None:
            return None, role[0], role[1]
        if word in _SALIENT_ROLES and m.group().lower().startswith("the ") and ctx.last_person:
            # "the cleric accused …", no one introduced as a cleric: the person the article is
            # quoting, as a reader takes it
            entity, name, org = ctx.last_person
            if name:
                return entity, name, org
    return None


# the occasion named after a quote: ", in a post published yesterday on X by its secretary-general, …"
_TRAILING_OCCASION_RE = regex.compile(
    r"\s*[,;]?\s*(?:in|on|via|through)\s+(?:an?|its|his|the)\s+(?:\w+\s+){0,2}?"
    r"(?:post|statement|message|tweet|video|speech|communiqu[eé]|note|letter|interview)\b(?P<rest>[^.;“”«»\"]{0,200})"
)


_SALIENT_ROLES = {"cleric", "leader", "secretary-general", "commander", "chief"}


def _cue_subject(pre: str, ctx: _Context):
    """The subject of the speech cue: a name before the cue word, not after it (the addressee or
    channel: "told al-Ahd TV") and not the object of another verb in the clause."""
    found = _cue_word(pre, verb=True)
    clause = pre[: found[0]] if found is not None else pre
    if found is not None and found[1].lower() == "according":  # "according to X, …": X speaks
        clause = regex.sub(r"^according\s+to\s+", "", pre[found[0] :], flags=regex.I)
        phrase = speakers.subject(_mask(clause), None, ctx.aliases)
        if phrase is None:
            named = _plain_name(_mask(clause).split(",")[0].strip())
            return named
        return phrase.entity, phrase.entity.en, phrase.org
    opening = _OPENING_PARTICIPLE_RE.match(clause)
    if opening is not None:
        clause = " " * opening.end() + clause[opening.end() :]  # "Asked whether Nujaba would …, the spokesman said"
    semicolon = _mask_quotes(clause).rfind(";")
    if semicolon >= 0 and speakers.phrases(_mask(clause[semicolon + 1 :]), ctx.aliases):
        # "KSS has said little in public; its secretary-general, Abu Ala al-Walai, limited himself to
        # calling …": the cue's clause is the last one, when it names someone
        clause = " " * (semicolon + 1) + clause[semicolon + 1 :]
    phrase = speakers.subject(_mask(clause), found[1] if found else None, ctx.aliases)
    if phrase is None:
        return None
    return _as_speaker(phrase)


# an opening participial clause: its names are not the main clause's subject
_OPENING_PARTICIPLE_RE = regex.compile(
    r"^\s*(?:Asked|Questioned|Pressed|Speaking|Writing|Responding|Replying|Reacting|Commenting|Addressing)\b[^,“”\"]{0,200},\s*"
)


def _as_speaker(phrase: speakers.Phrase) -> tuple:
    """(entity, name, organization); an unnamed member of a group has no name, only the group."""
    if phrase.unnamed:
        return None, None, phrase.org
    return phrase.entity, phrase.entity.en, phrase.org


def _speaker(clause: str, aliases: AliasStore, subject: bool = False) -> tuple[Entity | None, str] | None:
    """The named group or person that speaks in `clause`: the nearest to the cue, or with
    `subject`, the first (the subject of a sentence before the quote); never one a preposition or
    verb governs."""
    masked = _mask(clause)
    found = [p for p in speakers.phrases(masked, aliases) if not speakers.governed(masked, p.start)]
    if found:
        return _as_speaker(found[0] if subject else found[-1])
    return None


def _name_before_cue(clause: str) -> tuple[None, str] | None:
    """A capitalized name right before a speech verb ("Abu Fadak al-Mohammadawi said"), for
    speakers the alias store does not know yet."""
    words = [w.strip(",;") for w in _mask(clause).rstrip().split() if w.strip(",;")]
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower() in CUE_WORDS:
            m = _NAME_BEFORE_CUE_RE.search(" ".join(words[:k]) + " ")
            if m:
                name = [w for w in m.group(1).split() if w.lower() not in _NOT_NAMES]
                if len(name) >= 2:
                    return None, " ".join(name)
            return None
    return None


def _blank_parentheses(text: str) -> str:
    """Every matched pair of parentheses blanked with what it holds, nested ones too, in one pass
    (an unmatched bracket stays: it may be a list marker "1)" or a typo)."""
    if "(" not in text:
        return text
    depth = [0] * (len(text) + 1)
    opened: list[int] = []
    for i, c in enumerate(text):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            depth[opened.pop()] += 1
            depth[i + 1] -= 1
    if not any(depth):
        return text
    out, level = [], 0
    for i, c in enumerate(text):
        level += depth[i]
        out.append(" " if level > 0 else c)
    return "".join(out)


def _mask(clause: str) -> str:
    """The clause with parentheses and appositives blanked out (same length, so offsets hold), its
    hyphens as names are matched ("al‑Hamidawi" with a non-breaking hyphen is al-Hamidawi)."""
    out = _blank_parentheses(fold_hyphens(clause))
    kept: list[int] = []  # each apposition's closing comma, kept so that the next may open with it

    def blank(m: regex.Match) -> str:
        if _INTRODUCTORY_RE.match(out[: m.start()]):
            return m.group()  # "At around the same time Friday night, the Kataib Hezbollah militia, …": the subject
        kept.append(m.end() - 1)
        return " " * (len(m.group()) - 1) + ","

    while True:  # ", the Badr Organization, which dominates the PMF's apparatus, accusing": both
        masked = _APPOSITIVE_RE.sub(blank, out)
        if masked == out:
            break
        out = masked
    for at in kept:  # "X, a member of the council, told": the name and its verb meet again
        out = out[:at] + " " + out[at + 1 :]
    def role(m: regex.Match) -> str:
        if _INTRODUCTORY_RE.match(out[: m.start()]):
            return m.group()  # "On Saturday, PMF chairman Falih al-Fayyadh, …, said": the subject itself
        return m.group(1) + " " * (len(m.group()) - len(m.group(1)))

    return _ROLE_APPOSITIVE_RE.sub(role, out)


_ODD_HYPHEN_RE = regex.compile("[\u2010\u2011]")  # what a name's hyphen may be typed as


def fold_hyphens(text: str) -> str:
    """`text` with a name's hyphens as "-" (str.translate walks every character in Python's slow
    path for a non-ASCII table; a paragraph hardly ever has such a hyphen)."""
    return _ODD_HYPHEN_RE.sub("-", text) if _ODD_HYPHEN_RE.search(text) else text
# an opening adverbial that ends at the first comma: what follows it is the clause's subject
_INTRODUCTORY_RE = regex.compile(
    r"^\s*(?:(?:On|In|At|By|Late|Early|Earlier|Later|Last|This|Meanwhile|Yesterday|Today|Separately|"
    r"Elsewhere|Also|However|Then|Afterwards|Since|Until|During|After|Before)\b[^,]{0,40}|[A-Z][a-z]+day(?:\s+\w+){0,3}|"
    r"[A-Z][a-z]*(?:\s+[a-z]+){0,2}\s+(?:later|earlier|afterwards|before|after))\s*$"  # "Two days later,", "Shortly afterwards,"
)


def cued_quotations(paragraphs: list[Paragraph]) -> int:
    """How many quotations in `paragraphs` stand right after a speech verb: what a reader takes
    for quotes, counted to say so when none could be read."""
    count = 0
    for paragraph in paragraphs:
        text = paragraph.text.text
        for q in marks.quotations(text):
            before = regex.findall(r"[\w’'\-]+", text[max(0, q.start - 80) : q.start])[-4:]
            count += any(w.lower() in CUE_WORDS for w in before)
    return count


def rendering_texts(draft: RenderingDraft) -> list[str]:
    return [draft.paragraph.text.text[a:b] for a, b in draft.fragments]


def insertions(texts: list[str]) -> list[str]:
    return [m.group() for t in texts for m in _INSERTION_RE.finditer(t)]


def has_ellipsis(texts: list[str]) -> bool:
    return any(_ELLIPSIS_RE.search(t) for t in texts)


# --- monitoring digests --------------------------------------------------------------------------

_TRANSLATION_LABEL_RE = regex.compile(r"^\s*(?:EN|ENG|English|Translation|Translated)\s*[:：]\s*(?=\S)", regex.IGNORECASE)
_POST_STAMP_RE = regex.compile(r"^\[(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\]$")
_POST_SIGNATURE_RE = regex.compile(r"^(?P<name>[^@()]{2,60}?)\s*\(@\w{1,30}\)\s*[·•|-]\s*(?P<when>.+)$")
_FORWARDED_RE = regex.compile(r"^Forwarded from:?\s+(?P<name>.+)$", regex.IGNORECASE)
_NUMBERED_HEADING_RE = regex.compile(r"^\s*(?:\d{1,2}[.)]\s+)?(?P<name>.+?)\s*$")
LOOK_BACK_BLOCKS = 12


def labelled_translations(layout, paragraphs, aliases: AliasStore, taken: set[int]) -> list:
    """A monitoring digest prints each post as its Arabic, then its English on a line labelled
    "EN:" (or "Translation:"): that line is a rendering of the post. Its speaker is the channel the
    digest files it under (a heading that names a known group or person, or "Forwarded from: X"),
    its date the post's stamp ("[28.02.24 19:05]", Telegram's own, day first; or a post's
    signature "Name (@handle) · Mar 5, 2024", which is an X post), and an unknown stays unknown."""
    out = []
    block_of = {b: p for p in paragraphs for b in p.blocks}
    for i in range(len(layout.blocks)):
        paragraph = block_of.get(i)
        if paragraph is None or id(paragraph) in taken or len(paragraph.blocks) != 1:
            continue
        text = paragraph.text.text
        label = _TRANSLATION_LABEL_RE.match(text)
        if label is None or i == 0 or layout.kinds[i - 1] != "arabic":
            continue
        speaker = forwarded = None
        day = channel = None
        for j in range(i - 1, max(-1, i - LOOK_BACK_BLOCKS), -1):
            line = " ".join(layout.blocks[j].text.split())
            if day is None and (stamp := _POST_STAMP_RE.match(line)):
                year = int(stamp["y"]) + (2000 if len(stamp["y"]) == 2 else 0)
                try:
                    day, channel = dt.date(year, int(stamp["m"]), int(stamp["d"])), "Telegram"
                except ValueError:
                    day = None
            elif day is None and (signed := _POST_SIGNATURE_RE.match(line)):
                found = find_header_dates(signed["when"], None)
                day, channel = (found[0].date if found else None), "X"
                speaker = speaker or aliases.by_name(signed["name"].strip())
            elif forwarded is None and (fwd := _FORWARDED_RE.match(line)):
                forwarded = aliases.by_name(fwd["name"].strip())
            elif speaker is None and layout.kinds[j] != "arabic" and len(line.split()) <= 8:
                speaker = aliases.by_name(_NUMBERED_HEADING_RE.match(line)["name"])
            if speaker is not None and day is not None:
                break
        who = forwarded or speaker
        if who is None:
            continue  # a translation no channel can be named for is no group's statement
        draft = RenderingDraft([(label.end(), len(text.rstrip()))], paragraph, label.group().strip())
        draft.speaker, draft.speaker_name = who, who.en
        draft.speaker_org = who.org if who.kind == "person" else None
        draft.date, draft.channel = day, channel
        out.append(draft)
    return out


# --- statement tables ------------------------------------------------------------------------------

_STATEMENT_COLUMN_RE = regex.compile(r"\b(?:statement|quote|quotation|words|translation|english|what\s+(?:was\s+)?said)\b", regex.I)
_SPEAKER_COLUMN_RE = regex.compile(r"\b(?:group|speaker|who|actor|faction|party|said\s+by)\b", regex.I)
_DATE_COLUMN_RE = regex.compile(r"\b(?:date|day|when)\b", regex.I)
_SOURCE_COLUMN_RE = regex.compile(r"\b(?:source|channel|platform|medium|outlet|where)\b", regex.I)
_TABLE_CHANNEL_RE = regex.compile(
    r"(?:Telegram|X|Twitter|Facebook|Instagram|YouTube|website|(?:[A-Z][\w\-]*\s+){1,3}(?:TV|Television|Radio|Channel))",
)
_NAME_IN_PARENTHESES_RE = regex.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def table_statements(blocks, cells: dict, aliases: AliasStore, taken: set[int], day_first: bool | None = None) -> list:
    """A table of statements (a timeline: "Date | Group / speaker | Statement (English
    translation) | Source"): each row's statement cell is a rendering of that row's speaker, on
    the row's day (a date cell over several rows dates each) and channel. A cell that quotes is
    read by its quotations instead (its prose is the authors'); a row of another party (a
    government spokesman) is none; a month without a day leaves the day unknown."""
    tables: dict[int, dict[tuple[int, int], int]] = {}
    last_row: dict[int, int] = {}
    for t, r, _, _ in cells.values():
        last_row[t] = max(last_row.get(t, 0), r)
    for block, (t, r, c, down) in cells.items():
        grid = tables.setdefault(t, {})
        for k in range(min(down, last_row[t] - r + 1)):  # a span past the table's last row covers nothing
            grid.setdefault((r + k, c), block)
    out = []
    for grid in tables.values():
        header = {c: blocks[b].text for (r, c), b in grid.items() if r == 0}
        column = {}
        for c, text in sorted(header.items()):
            for name, pattern in (("statement", _STATEMENT_COLUMN_RE), ("speaker", _SPEAKER_COLUMN_RE),
                                  ("date", _DATE_COLUMN_RE), ("source", _SOURCE_COLUMN_RE)):  # fmt: skip
                if name not in column and pattern.search(text) and not regex.search(r"\barabic\b", text, regex.I):
                    column[name] = c
                    break
        if "statement" not in column or "speaker" not in column:
            continue
        rows = sorted({r for r, _ in grid if r > 0})
        for r in rows:
            block = grid.get((r, column["statement"]))
            who_block = grid.get((r, column["speaker"]))
            if block is None or who_block is None or block in taken:
                continue
            found = _row_speaker(blocks[who_block].text, aliases)
            if found is None:
                continue  # a row of another party's, or of no one the archive knows
            entity, name, org = found
            date_block = grid.get((r, column["date"])) if "date" in column else None
            dates = find_header_dates(blocks[date_block].text, day_first) if date_block is not None else []
            source_block = grid.get((r, column["source"])) if "source" in column else None
            channel = None
            if source_block is not None:
                m = _TABLE_CHANNEL_RE.fullmatch(" ".join(blocks[source_block].text.split()))
                channel = m.group() if m else None
            paragraph = Paragraph(blocks[block].mapped(), [block])
            text = paragraph.text.text
            quoted = marks.quotations(text)
            spans = [(q.inner_start, q.inner_end) for q in quoted] or [(len(text) - len(text.lstrip()), len(text.rstrip()))]
            for a, b in spans:
                draft = RenderingDraft([(a, b)], paragraph, blocks[who_block].text.strip())
                draft.speaker, draft.speaker_name, draft.speaker_org = entity, name, org
                draft.date = dates[0].date if dates else None
                draft.channel = channel
                out.append(draft)
    return out


def _row_speaker(text: str, aliases: AliasStore):
    """(entity, name, organization) a speaker cell names: "Abu Ali al-Askari (Kataib Hezbollah)",
    "Badr Organization (Hadi al-Ameri)", "Kataib Hezbollah"; None for another party's row."""
    text = " ".join(text.split())
    if speakers.OUTSIDER_RE.search(text):
        return None
    parts = [text]
    m = _NAME_IN_PARENTHESES_RE.match(text)
    if m is not None:
        parts = [m["outer"].strip(), m["inner"].strip()]
    found = [aliases.by_name(p) or resolved_entity(p, aliases) for p in parts]
    people = [e for e in found if e is not None and e.kind == "person"]
    groups = [e for e in found if e is not None and e.kind == "organization"]
    if people:
        person = people[0]
        return person, person.en, (groups[0].en if groups else person.org)
    if groups:
        return groups[0], groups[0].en, None
    return None


def resolved_entity(name: str, aliases: AliasStore):
    """The one known group or person a cell's whole text names (as the article spells it)."""
    mentions = [m for m in aliases.mentions(name) if m.entity.kind in ("person", "organization")]
    return mentions[0].entity if len(mentions) == 1 and len(mentions[0].surface) >= len(name) - 2 else None
