"""Who speaks: the people an article introduces, and the subject of a speech cue.

Articles introduce the people they quote once and refer back to them briefly: "Ali al-Husseini,
KH's security official, said…" and later "Husseini concluded", "the official added", "he
insisted". A reader learns the person from the apposition (name, role, group) and resolves the
later mentions to him. `learn_people` does the same, giving each person an article-local entity
whose variants are the short forms (surname, "Abu X" kunya), so the alias machinery finds them.

The speaker of a quote is the *subject* of its speech verb, not what follows the verb (the
addressee, the channel: "told al-Ahd TV") nor the object of another verb in the clause ("X
accused AAH of…, saying"). `subject` reads a clause that way: names are grouped into noun phrases
("AAH leader Qais al-Khazali" is one, headed by the person), phrases governed by a preposition or
an object-taking verb are set aside, and of the rest the one nearest before a finite verb wins; for
a participle ("…, saying") the sentence's first subject does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from archive.aliases import AliasStore, Mention
from archive.ingest.marks import PARAGRAPHS_CACHED
from archive.models import Entity

ROLES = (
    r"(?i:spokesman|spokeswoman|spokesperson|secretary[- ]general|leader|commander|chief|head|official|"
    r"deputy|member|lawmaker|MP|cleric|politician|representative|envoy|minister|adviser|advisor|aide|"
    r"figure|founder|emir|director|chairman|president|officer|cofounder|co-founder|candidate|nominee|"
    # other parties' people, learned too so that their words are told apart
    r"researcher|analyst|professor|expert|journalist|scholar|fellow|diplomat|ambassador|speaks\s+for)"
)
_HONORIFIC_RE = regex.compile(r"^(?:Sheikh|Shaykh|Sayyid|Sayed|Haji|Hajji|Mullah|Dr\.)\s+")
_ROLE_WORD_RE = regex.compile(rf"^(?:{ROLES})$", regex.IGNORECASE)
_PERSON = (
    r"(?:(?:Abu|Umm|Sheikh|Shaykh|Sayyid|Sayed|Haji|Hajji|Mullah|Dr\.)\s+)?"
    # an ayn written as an apostrophe may open a word (MEMRI's "Abu 'Ali Al-'Askari")
    r"['’ʿ]?[A-Z][a-z’'\-]{1,40}(?:\s+(?:al-|el-|al\s+|bin\s+|ibn\s+|abu\s+|Abu\s+)?['’ʿ]?[A-Z][\w’'\-]{1,40}){1,3}"
)
PERSON = _PERSON  # a person's printed name, as the apposition patterns read it
# "Ali al-Husseini, KH's security official," / "Husseini, the group's spokesman,"
# compiled with the standard `re`: the same pattern scans a long paragraph 2-3x faster than with `regex`
_APPOSITION_AFTER_RE = re.compile(
    rf"(?P<name>{_PERSON}),\s+(?P<desc>(?:(?:the|a|an|its|his|their)\s+)?[^,;:“”\"()]{{0,80}}?\b(?:{ROLES})\b[^,;:“”\"()]{{0,60}})(?:,|\.(?=\s|$)|$|\s\()"  # "… militia Kata'ib Hizbullah (KH), posted"
)
# "KH spokesman Ali al-Husseini" / "the group's spokesman, Ali al-Husseini" / "its leader Qais al-Khazali"
_APPOSITION_BEFORE_RE = re.compile(
    rf"(?P<desc>(?:[Ii]ts|[Ww]hose|[Tt]he(?:\s+group['’]s)?|[A-Z][\w'’\-]{{0,40}}(?:['’]s)?(?:\s+\([A-Z]{{2,6}}\))?)\s+(?:[a-z\-'’]{{1,40}}\s+){{0,2}}(?:{ROLES}))"
    rf",?\s+(?P<name>{_PERSON})"
    # "A senior commander in the group, Hassan Fadhil al-Rubaie,"
    rf"|(?P<desc2>\b(?:[Aa]n?|[Tt]he|[Ii]ts)\s+[^,;:“”\"()]{{0,40}}?\b(?:{ROLES})\b[^,;:“”\"()]{{0,60}}),\s+(?P<name2>{_PERSON}),"
)
NAME_WORD_STOP = {
    "The", "This", "That", "These", "Those", "On", "In", "At", "But", "And", "Yet", "When", "While",
    "After", "Before", "Since", "As", "If", "For", "From", "With", "Its", "His", "Her", "Their", "It",
    "He", "She", "They", "We", "A", "An", "Iraq", "Iraqi", "Iran", "Iranian", "Syria", "Israel",
    "U.S.", "US", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Figure", "According", "Speaking", "Asked", "Meanwhile",
}  # fmt: skip
PARTICLES = ("al-", "el-", "Al-", "El-")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase naming someone: its head entity, and where it stands in the clause."""

    start: int
    end: int
    entity: Entity
    org: str | None
    unnamed: bool = False  # "an unnamed AAH commander": someone of the group, not the group itself


_GROUP_NAMED_RE = regex.compile(
    r"\b(?:for|of|in|with)\s+(?P<org>(?:Kataib|Kata’ib|Saraya|Harakat|Asaib|Liwa|Ansar|Jund|Hezbollah|Hizballah|Hizbullah)"
    r"(?:\s+(?:al-|al\s+)?[A-Z][\w’'\-]{1,40}){1,3})"
)


@lru_cache(maxsize=PARAGRAPHS_CACHED)
def _appositions(text: str) -> tuple[regex.Match, ...]:
    """The appositions of a paragraph ("Karrar al-Shammari, a KH spokesman"), read once: roles,
    people and outsiders are all learned from them."""
    return (*_APPOSITION_AFTER_RE.finditer(text), *_APPOSITION_BEFORE_RE.finditer(text))


def learn_roles(texts: list[str], aliases: AliasStore) -> dict[str, tuple[str, str | None]]:
    """Each role the article gives a person ("Karrar al-Shammari, a KH spokesman"), first one first:
    what "the spokesman added" refers back to."""
    roles: dict[str, tuple[int, int, str, str | None]] = {}
    for t, text in enumerate(texts):
        earlier = "\n".join(texts[max(0, t - 2) : t]) + "\n"  # "its", "the movement's": the group just named
        for m in _appositions(text):
            name = _clean_name(_group(m, "name"))
            role = regex.search(rf"\b(?:{ROLES})\b", _group(m, "desc"), regex.IGNORECASE)
            if name is None or role is None:
                continue
            key = role.group().lower().replace(" ", "-")
            at = (t, m.start())
            if key not in roles or at < roles[key][:2]:
                known = aliases.by_name(name)
                org = _org_in(_group(m, "desc"), earlier + text[: m.start()], aliases) or (known.org if known else None)
                roles[key] = (*at, known.en if known else name, org)
    return {k: (v[2], v[3]) for k, v in roles.items()}


def learn_people(texts: list[str], aliases: AliasStore) -> list[Entity]:
    """People the article introduces with a role, as article-local entities with short forms."""
    found: dict[str, Entity] = {}
    for t, text in enumerate(texts):
        earlier = "\n".join(texts[max(0, t - 2) : t]) + "\n"  # "its", "the movement's": the group just named
        for m in _appositions(text):
            printed = _clean_name(_group(m, "name"))
            if printed is None:
                continue
            name = _HONORIFIC_RE.sub("", printed)  # "Sheikh Qais al-Khazali": a title, not the name
            if len(name.split()) < 2:
                name = printed
            known = aliases.by_name(name) or resolved_name(name, aliases)
            if known is not None and known.kind != "person":
                continue
            org = _org_in(_group(m, "desc"), earlier + text[: m.start()], aliases)
            key = name.casefold()
            if key in found:
                if found[key].org is None and org:
                    found[key] = found[key].model_copy(update={"org": org})
                continue
            base = known or Entity(kind="person", en=romanized_particles(name), org=org)
            if base.org is None and org:
                base = base.model_copy(update={"org": org})
            spellings = [n for n in dict.fromkeys((name, printed)) if n != base.en]  # "Abu Alaa al Walai" for Abu Ala al-Walai
            found[key] = base.model_copy(
                update={"variants": [*base.variants, *spellings, *short_forms(base.en), *short_forms(name)]}
            )
    for entity in aliases.entities:  # known people: their surnames once the article names them
        if entity.kind == "person" and entity.en.casefold() not in found:
            if any(entity.en in text for text in texts):
                found[entity.en.casefold()] = entity.model_copy(
                    update={"variants": [*entity.variants, *short_forms(entity.en)]}
                )
    return list(found.values())


_SPACED_PARTICLE_RE = regex.compile(r"(?<=\S\s)(?:Al|El)\s+(?=[A-Z][a-z])")


def romanized_particles(name: str) -> str:
    """A name as the archive writes Arabic names, with the article joined by a hyphen: "Kadhim Al
    Fartousi" (as The National and Gulf papers print it) is Kadhim al-Fartousi. Only the particle's
    spelling changes; the printed form stays a variant that finds the person."""
    return _SPACED_PARTICLE_RE.sub(lambda m: m.group()[:2].lower() + "-", name)


def _group(m: regex.Match, name: str) -> str:
    """A named group of either alternative of a pattern (`name` or `name2`)."""
    value = m.group(name) if name in m.groupdict() else None
    return value if value is not None else (m.groupdict().get(name + "2") or "")


def resolved_name(name: str, aliases: AliasStore) -> Entity | None:
    """A known group or person the article spells its own way ("Abu Alaa al Walai", "Kata’ib
    Sayyid al Shuhada"): the whole name matches one entity's romanization key exactly."""
    found = aliases.resolve(name)
    if len(found) == 1 and found[0].surface == name.strip() and found[0].distance == 0:
        return found[0].entity
    return None


_NAME_RUN_RE = regex.compile(
    r"(?<![\w’'\-])(?:(?:Abu|Umm)\s+)?[A-Z][\w’'\-]{1,40}(?:\s+(?:al|el|al-|bin|ibn|Abu|of|the)?\s*[A-Z][\w’'\-]{1,40}){1,4}"
)


def learn_spellings(texts: list[str], aliases: AliasStore) -> list[Entity]:
    """Known groups and people under the spellings this article uses, as local variants, so that
    "Kata’ib Sayyid al Shuhada said" is read as Kataib Sayyid al-Shuhada."""
    extra: dict[str, Entity] = {}
    for text in texts:
        for m in _NAME_RUN_RE.finditer(text):
            name = m.group().strip()
            if aliases.by_name(name) is not None:
                continue
            entity = resolved_name(name, aliases)
            if entity is not None and entity.kind in ("organization", "person"):
                base = extra.get(entity.en, entity)
                extra[entity.en] = base.model_copy(update={"variants": [*base.variants, name, *short_forms(name)]})
    return list(extra.values())


def short_forms(name: str) -> list[str]:
    """How an article refers back to a person: surname with and without its article, the kunya."""
    words = name.split()
    if len(words) < 2:
        return []
    last = words[-1]
    bare = last
    for p in PARTICLES:
        bare = bare.removeprefix(p)
    forms = [bare, f"al-{bare}", f"Al-{bare}"] if bare != last else [last]  # "Al-Mousawi added" opens a sentence
    if len(words) >= 3 and words[-2] in ("al", "el"):  # "Sajjad al Hilfi": "Hilfi", "al Hilfi"
        forms = [last, f"{words[-2]} {last}", f"al-{last}"]
    if words[0] in ("Abu", "Umm") and len(words) >= 3:
        forms.append(" ".join(words[:2]))
    return [f for f in forms if len(f) >= 4 and f[:1].isupper() or f.startswith("al-")]


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0] in NAME_WORD_STOP:
        words = words[1:]
    if len(words) < 2 or any(_ROLE_WORD_RE.match(w) for w in words):
        return None
    return " ".join(words)


# how far back "its" / "the group's" looks for the group the text has been about: the two paragraphs
# before (a paragraph of a real article is under 2,000 characters), not all of a megabyte line
_GROUP_BEFORE_REACH = 4000


def _org_in(desc: str, before: str, aliases: AliasStore) -> str | None:
    before = before[-_GROUP_BEFORE_REACH:]
    orgs = [m.entity for m in aliases.mentions(desc) if m.entity.kind == "organization"]
    if orgs:
        return orgs[0].en
    named = _GROUP_NAMED_RE.search(desc)  # "a spokesman for Kataib Imam Ali": a group the store lacks
    if named is not None and not OUTSIDER_RE.search(named.group("org")):
        return named.group("org")
    if regex.search(r"\b(?:its|their|the\s+(?:group|movement|militia|faction|organi[sz]ation)['’]s)\b", desc, regex.IGNORECASE):
        # the group the text has been about: the last one named as a subject, else the last named
        earlier = [p for p in phrases(before, aliases) if p.entity.kind == "organization"]
        subjects = [p for p in earlier if not governed(before, p.start, p.end)]
        chosen = (subjects or earlier)[-1:]
        return chosen[0].entity.en if chosen else None
    return None


# parties whose words are not the armed groups' statements this archive collects
OUTSIDER_RE = regex.compile(
    r"(?<!\w)(?:U\.S\.(?!\w)|(?:US|American|Western|British|French|European|UN|United Nations|State Department|"
    r"Pentagon|Treasury|White House|[Ee]mbassy|CENTCOM|Central Command|(?:US|U\.S\.)-led|international\s+coalition|"
    r"[Cc]oalition\s+(?:forces|spokes\w+|officials?)|[A-Z][\w\-]+['’]s\s+(?:media\s+)?office|Kurdistan Democratic"
    r"|KDP|Kurdish|Iraqi government|government spokes\w+|analysts?|researchers?|experts?|observers|"
    r"diplomats?|ambassador|journalists?|correspondents?|scholars?|(?:political\s+)?scientists?|professor|critics|commentators|"
    r"presenter|interviewer|reporters?|(?i:prime\s+minister|premier|presidency|parliamentary|ministry|"
    r"minister|adviser|advisor|police|army|operations\s+command|university|fellow|government|"
    r"commander-in-chief|security\s+media\s+cell|electoral\s+commission|judiciary|supreme\s+court|(?:supreme\s+)?judicial\s+council|federal\s+court|chief\s+justice|"
    r"central\s+bank|security\s+source)|(?:Brigadier|Major|Lieutenant)(?:\s+General)?|Colonel|"
    r"Brig\.|Gen\.|Col\.|MP|lawmakers?)\b)"
)
# whoever studies or reports on the groups speaks for none of them ("an analyst of Iraqi armed groups")
_STUDENT_RE = regex.compile(
    r"\b(?:analysts?|researchers?|professor|experts?|journalists?|scholars?|fellow|diplomats?|ambassador|"
    r"correspondents?|reporters?)\b", regex.I
)
_INSIDER_RE = regex.compile(r"\b(?:militias?|factions?|resistance|armed\s+groups?|Hashd|movement|brigades?|muqawama)\b", regex.I)


def outsiders(people: list[Entity], texts: list[str], aliases: AliasStore | None = None) -> set[str]:
    """People the article introduces as another party's (an Iraqi MP of a committee, a Kurdish
    spokesperson, a researcher): no group of the archive's, and an apposition that says so."""
    out: set[str] = set()
    for text in texts:
        for m in _appositions(text):
            name, desc = _clean_name(_group(m, "name")), _group(m, "desc")
            spelled = romanized_particles(name).casefold() if name else None
            person = next((p for p in people if name and p.en.casefold() in (name.casefold(), spelled)), None)
            if person is None:
                continue
            group = any(m.entity.kind == "organization" for m in aliases.mentions(desc)) if aliases else bool(person.org)
            if _STUDENT_RE.search(desc) or (OUTSIDER_RE.search(desc) and not _INSIDER_RE.search(desc) and not group):
                out.add(person.en)
    return out


# "Pentagon Press Secretary Maj. Gen. Pat Ryder", "US National Security Council strategic
# coordinator John Kirby": another party's title right before a name
_TITLE_WORD_RE = regex.compile(
    r"\b(?:[Ss]ecretary|[Ss]pokes(?:man|woman|person)|[Cc]oordinator|[Mm]inister|[Aa]mbassador|[Ee]nvoy|"
    r"[Aa]dviser|[Aa]dvisor|[Dd]irector|[Cc]ommander|[Oo]fficial|[Aa]nalyst|[Rr]esearcher|[Ff]ellow|"
    r"[Pp]resident|[Ss]enator|[Rr]epresentative|MP|[Ll]awmaker)\s+"
)
_NAME_AFTER_TITLE_RE = regex.compile(
    r"(?:(?:Maj|Gen|Lt|Col|Brig|Adm|Capt|Sgt|Dr|Mr|Ms|Mrs)\.?\s+){0,3}"
    r"(?P<name>[A-Z][a-z][\w’'\-]{0,40}(?:\s+[A-Z][a-z][\w’'\-]{0,40}){1,2})\b"
)
TITLE_REACH = 80  # how far before its title word another party's name for itself may begin


def titled_outsiders(texts: list[str], aliases: AliasStore) -> set[str]:
    """People another party's title introduces ("Pentagon Press Secretary Maj. Gen. Pat Ryder"),
    with their short forms: "Ryder said" later is the Pentagon's, not a group's. Read from each
    title word: the name right after it, the party in the few words before it."""
    out: set[str] = set()
    for text in texts:
        for m in _TITLE_WORD_RE.finditer(text):
            named = _NAME_AFTER_TITLE_RE.match(text, m.end())
            if named is None:
                continue
            title = text[max(0, m.start() - TITLE_REACH) : m.end()]
            title = regex.split(r"[.;:,“”\"]\s", title)[-1]  # the title's own clause
            name = named.group("name")
            if not OUTSIDER_RE.search(title) or aliases.by_name(name) is not None:
                continue
            if any(x.entity.kind in ("person", "organization") for x in aliases.mentions(name)):
                continue  # a name of the archive's own (a group's leader) is never another party's
            out.update({name, *short_forms(name)})
    return out


# --- the subject of a speech cue ------------------------------------------------------------------

_GOVERNORS = {
    # prepositions: a name after one is a place, a channel, a target, never the subject
    "to", "with", "by", "of", "on", "at", "from", "against", "for", "about", "toward", "towards",
    "in", "into", "than", "between", "among", "over", "under", "behind", "like", "via", "through",
    "within", "inside", "outside", "beyond", "across", "amid", "amongst", "near", "around",
    # verbs that take the other party as their object
    "accused", "accusing", "attacked", "attacking", "insulted", "insulting", "criticized",
    "criticised", "criticizing", "criticising", "slammed", "slamming", "mocked", "mocking",
    "blamed", "blaming", "warned", "warning", "urged", "urging", "told", "telling", "thanked",
    "thanking", "praised", "praising", "hailed", "hailing", "condemned", "condemning", "denounced",
    "denouncing", "targeted", "targeting", "addressed", "addressing", "asked", "asking", "called",
    "calling", "name", "named", "naming", "mention", "mentioned", "mentioning", "branded", "branding", "labeled", "labelled", "dubbed", "described",
    "describing", "threatened", "threatening", "challenged", "challenging", "defended", "defending",
    "supported", "supporting", "rejected", "rejecting", "congratulated", "congratulating",
    "responded", "replied", "answered", "answering", "met",
    "meeting", "interviewed", "join", "joined", "whom", "versus",
}  # fmt: skip
_SKIP_BEFORE = {
    "the", "a", "an", "its", "his", "her", "their", "fellow", "rival", "former", "senior", "top",
    "security", "military", "political", "media", "deputy",
}  # fmt: skip
_SPEAKER_OBJECTS = {"quoted", "quoting", "cited", "citing", "interviewed", "interviewing"}
_PARTICIPLE_ADJECTIVES = {"unnamed", "unidentified", "alleged", "united", "armed", "banned", "named", "designated"}
_PARTICIPLE_RE = regex.compile(r"^\w+ing$", regex.IGNORECASE)
_WORD_RE = regex.compile(r"[\w'’\-\.]+")


def phrases(clause: str, aliases: AliasStore) -> list[Phrase]:
    """Names in `clause` grouped into noun phrases: an organization, role words and a person next
    to each other ("AAH leader Qais al-Khazali", "KH's Abu Ali al-Askari") name the person."""
    mentions: list[Mention] = [
        m for m in aliases.mentions(clause) if m.entity.kind in ("organization", "person")
    ]
    out: list[Phrase] = []
    for m in mentions:
        if out:
            gap = clause[out[-1].end : m.start]
            words = _WORD_RE.findall(gap.replace("’s", " ").replace("'s", " "))
            joined = all(_ROLE_WORD_RE.match(w) or w.lower() in ("senior", "security", "military",
                         "political", "media", "deputy", "top", "s") for w in words)  # fmt: skip
            if not words and "," in gap:
                joined = False  # "… bureau of Asaib Ahl al-Haq, Hassan al-Mousawi, told": a new phrase
            if joined and m.entity.kind == "person" and out[-1].entity.kind == "organization":
                prev = out.pop()
                out.append(Phrase(prev.start, m.end, m.entity, m.entity.org or prev.entity.en))
                continue
        org = m.entity.org if m.entity.kind == "person" else None
        role = _ROLE_AFTER_RE.match(clause, m.end)
        if m.entity.kind == "organization" and role and not regex.match(r"\s*,?\s*[A-Z]", clause[role.end() :]):
            out.append(Phrase(m.start, role.end(), m.entity, m.entity.en, unnamed=True))
            continue
        out.append(Phrase(m.start, m.end, m.entity, org))
    return out


_ROLE_AFTER_RE = regex.compile(rf"(?:['’]s)?\s+(?:(?:senior|top|security|military|political|media|field)\s+)?(?:{ROLES})\b")


_OWNED_RE = regex.compile(r"^(?:['’]s)?\s+(?:\w+\s+)?(?:statement|message|post|communiqu[eé]|speech|text|video)\b", regex.I)
_PASSIVE_RE = regex.compile(r"^\s+(?:was|were|is|are|has been|had been|have been|being|got)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b")


def governed(clause: str, start: int, end: int | None = None) -> bool:
    """Whether the phrase at `start:end` is not the speaker: the object of a preposition or verb
    before it, or the subject of a passive ("AAH was attacked"). The owner of a statement ("a KH
    statement", "KH's message") speaks, whatever governs the phrase."""
    if end is not None:
        after = clause[end : end + 40]
        if _OWNED_RE.match(after):
            return False
        if _RELATIVE_WHO_RE.match(clause[end : end + 200]):
            return False  # "came from Abu Ala al-Walai, who published a statement …:": he speaks
        if _PASSIVE_RE.match(after):
            return True
    before = clause[:start]
    cut = max(before.rfind(c) for c in ",;:“”\"()—")  # a word past a comma or quote governs nothing here
    words = _WORD_RE.findall(before[cut + 1 :] if cut >= 0 else before)
    if len(words) >= 2 and words[-1].lower() in ("by", "from", "of") and regex.match(
        r"(?i:statements?|posts?|messages?|communiqu[eé]s?|speech|video|text)$", words[-2]
    ):
        return False  # "a statement by Harakat al-Nujaba": its owner speaks
    conjunct = False
    for word in reversed(words[-8:]):
        low = word.lower().strip(".").removesuffix("’s").removesuffix("'s")
        if low in _SKIP_BEFORE or _ROLE_WORD_RE.match(low):
            continue
        if low in ("and", "or", "nor"):
            conjunct = True  # "at AAH and its leader X": X shares what governs the first conjunct
            continue
        if conjunct and (word[:1].isupper() or low.startswith("al-")):
            continue
        # a verb right before a name takes it as its object ("taunting AAH", "backed KH")
        if low in _SPEAKER_OBJECTS or "-" in low or low in _PARTICIPLE_ADJECTIVES:
            return False  # "quoted an unnamed AAH commander", "Iran-backed KH": the name may speak
        if low in _TEMPORAL:
            # "A day before Khazali's interview, Ameri told": a phrase set off by a comma; but "two
            # days after Sudani's office said" opens a clause whose subject the name is
            # (the name's own comma, "after Kataib Hezbollah, according to …, accused", opens an aside)
            tail = clause[end:] if end is not None else regex.sub(r"^\S+(?:\s+(?:al-)?[A-Z]\S*)*", "", clause[start:])
            return bool(regex.match(r"(?:['’]s)?\s+[^,;:“”\"]{1,60},", tail))
        return low in _GOVERNORS or (word[1:].islower() and low.endswith(("ed", "ing")) and len(low) > 4)
    return False


_RELATIVE_WHO_RE = regex.compile(
    r"^(?:\s*\([^()]{0,40}\))?(?:\s*,\s+(?:the|a|an)\s+[^,“”\"]{0,80})?(?:\s*,\s+|\s{2,})who\s+(?!was\b|were\b|is\b|had\s+been\b)"
)
_TEMPORAL = {"before", "after", "since", "until", "during", "despite"}


def subject(clause: str, cue_word: str | None, aliases: AliasStore) -> Phrase | None:
    """The speaker named in `clause` (the words of the sentence before the cue word)."""
    found = [p for p in phrases(clause, aliases) if not governed(clause, p.start, p.end)]
    if not found:
        return None
    pronoun = SUBJECT_PRONOUN_RE.search(clause)
    if pronoun is not None and pronoun.start() < found[0].start:
        return None  # "In a Telegram post he attacked … the PMF's …, accusing": he speaks
    if cue_word is not None and _PARTICIPLE_RE.match(cue_word):
        return found[0]  # "X accused Y of …, saying": the sentence's subject speaks
    return found[-1]


SUBJECT_PRONOUN_RE = regex.compile(r"(?<![\w'’])(?:he|she|they)\s+[a-z]+\b")
