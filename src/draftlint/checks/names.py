"""Names the draft gets wrong: misspelled interviewers and companies, the wrong person.

Both checks read who the note is for from the context (the caller's, or what the
input says: mail To/Cc, front matter). Without names in the context they stay silent.

**Misspelled names.** Every interviewer's and addressee's name, split into its words
(titles such as "Dr." dropped), and every distinctive word of the company's name and
aliases (legal suffixes and generic words such as "Health" or "Systems" dropped) is a
*target*. Each capitalised word of the draft is compared with the targets after
folding case, diacritics and apostrophes, so "JOSÉ", "Jose", "O’Neil", "ONeil" and
"Katherine's" are all the correct spelling. A word is a misspelling of a target when
its edit distance (optimal string alignment, which counts a swap of two neighbouring
letters as one edit) is within a budget that grows with the target's length:

====================  ======================================================
target length         accepted distance
====================  ======================================================
1-3 letters           never (too many real names sit one edit apart)
4-5 letters           1, or 2 when both spell the same Metaphone sound
6 letters or more     1, or 2 when they sound alike or sit beside another
                      word of the same name ("Shepherd Pratt" for "Sheppard Pratt");
                      from 9 letters, 3 when they sound alike
====================  ======================================================

The budgets were chosen so that one typo or one swapped pair is always caught from
four letters up, while different names that merely look alike ("Dana"/"Data",
"Northwood"/"Northwind") need a second signal before a second edit is accepted.
``bench/accuracy_names.py`` measures them. Where the word stands matters as much as how it is
spelled, because many names are also words ("Will", "Grant", "Rose", "May"):

- a word written in lower case is never a name, except in the greeting line;
- a person's short name (five letters or fewer) counts only where it addresses them:
  the greeting, after a title ("Ms. Fields"), or after "thanks,"; this is how
  "Dear Jon," is caught for John while "Jon from finance" is left alone;
- a word that is part of another full name ("Steven Park", when the interviewer is
  Alex Stevens; "Keystone Insurance", when the company is Greystone) is someone
  else, unless its neighbour belongs to the same name;
- every spelling of every name in the context (the sender, people met, senior people,
  other companies) is correct by definition, and the sign-off and signature are the
  sender's own.

The finding carries the correct spelling as a safe fix.

**Wrong names.** The greeting names someone who is neither an addressee nor an
interviewer of this note (the classic leftover of copying a note written for someone
else), or the draft names another company the context lists among the writer's other
applications.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import jellyfish
from rapidfuzz.distance import OSA
from spacy.lang.en.stop_words import STOP_WORDS

from ..draft import DraftPart, SpanIndex
from ..models import Company, Context, Person
from ..stats import SALUTATION, layout
from .base import Analysis, Hit

__all__ = ["misspelled_company", "misspelled_person", "wrong_company", "wrong_greeting"]

TITLES = frozenset("mr mrs ms mx miss dr prof professor sir madam dame rev".split())
_LEGAL = frozenset("inc incorporated llc llp ltd limited corp corporation co plc gmbh ag sa bv pty lp".split())
# Words of a company name too common to stand for it alone ("Central Hospital").
_GENERIC = frozenset(
    """the and of for a an at in on to company companies group holdings systems system health healthcare
    services service solutions technologies technology tech international global partners bank hospital
    home homes nursing school university college center centre institute foundation labs lab studio
    studios media network networks consulting capital investments investment industries enterprises
    associates agency office business businesses family medical care clinic trust fund management
    communications software digital energy oil gas financial insurance group""".split()
)
# A name is a run of letters, with inner apostrophes or hyphens ("O'Neil", "Smith-Jones");
# company words may start with digits ("4Apps").
_WORD = re.compile(r"(?:\d+)?[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’ʼ]s?$", re.IGNORECASE)
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´-")
_SENTENCE_END = re.compile(r"[.!?:;\n\r\"“”(]\s*$")
_VOCATIVE = re.compile(r"(?:thanks|thank\s+you|cheers|hi|hello|hey)\s*,?\s*$", re.IGNORECASE)
# Greeting words that address a group or a role, not a person (group-note's business).
_NOT_A_NAME = frozenset(
    """all everyone everybody team teams folks there you both hiring manager managers committee panel
    recruiter recruiters recruiting talent acquisition sir madam sirs to whom it may concern
    interviewer interviewers board members member staff department hr human resources and or
    colleagues friends people search selection admissions company co associates partners family
    gentlemen ladies""".split()
)
# Words of greetings and sign-offs, never a name ("Dear" is one edit from Dean).
_NOT_NAMES = frozenset(
    """dear hi hiya hello hey greetings good morning afternoon evening thanks thank best regards kind
    kindest warm warmest sincerely cheers yours respectfully cordially many with and the""".split()
)
# A greeting holding one of these addresses a group, whatever else it names.
_GROUP = frozenset("all everyone everybody team teams folks committee panel board staff department colleagues".split())
# Common English diminutives: a greeting to "Bob" is fine for Robert.
_DIMINUTIVES = {
    "robert": "bob bobby rob robbie bert", "william": "will bill billy liam willy", "richard": "rick dick rich richie",
    "james": "jim jimmy jamie", "john": "jack johnny", "jonathan": "jon jonny", "joseph": "joe joey",
    "michael": "mike mikey mick", "christopher": "chris kit", "christine": "chris christy", "christina": "chris tina",
    "katherine": "kate katie kathy kat", "catherine": "cate cathy cat kate katie", "kathryn": "kate katie kathy",
    "elizabeth": "liz lizzie beth betty eliza libby", "margaret": "maggie meg peggy marge", "jennifer": "jen jenny",
    "rebecca": "becky becca", "alexander": "alex xander sasha", "alexandra": "alex lexi sasha", "alexis": "alex",
    "daniel": "dan danny", "thomas": "tom tommy", "anthony": "tony", "nicholas": "nick nicky", "samuel": "sam sammy",
    "samantha": "sam sammy", "benjamin": "ben benny", "matthew": "matt", "andrew": "andy drew", "edward": "ed eddie ted",
    "charles": "charlie chuck", "timothy": "tim timmy", "patricia": "pat patty trish", "patrick": "pat paddy",
    "stephen": "steve", "steven": "steve", "gregory": "greg", "jessica": "jess jessie", "victoria": "vicky tori",
    "deborah": "deb debbie", "susan": "sue susie", "jacqueline": "jackie", "jacob": "jake", "joshua": "josh",
    "zachary": "zach zack", "nathaniel": "nate nat", "nathan": "nate", "frederick": "fred freddie",
    "kenneth": "ken kenny", "ronald": "ron ronnie", "donald": "don donny", "gerald": "gerry jerry",
    "lawrence": "larry", "leonard": "leo len lenny", "theodore": "ted teddy theo", "abigail": "abby",
    "madeline": "maddie", "eleanor": "ellie nora", "dorothy": "dot dottie", "suzanne": "sue suzy",
    "philip": "phil", "phillip": "phil", "douglas": "doug", "raymond": "ray", "peter": "pete",
    "gabriel": "gabe", "gabriella": "gabby ella", "isabella": "bella izzy", "olivia": "liv livvy",
    "ashley": "ash", "cynthia": "cindy", "pamela": "pam", "kimberly": "kim", "melissa": "mel missy",
    "amanda": "mandy", "vincent": "vince vinny", "harold": "harry hal", "henry": "hank harry",
    "walter": "walt", "albert": "al bert", "alfred": "alf fred", "eugene": "gene", "francis": "frank fran",
    "francesca": "fran frankie", "josephine": "jo josie", "louise": "lou", "louis": "lou", "roberta": "bobbie",
    "alicia": "ali", "allison": "ali allie", "valerie": "val", "veronica": "ronnie", "caroline": "carrie",
    "carolyn": "carrie", "judith": "judy", "teresa": "terry tess", "theresa": "terry tess",
    "mohammed": "mo", "muhammad": "mo", "mohammad": "mo", "ahmed": "ahmad",
}

# The diminutives of each full name, and the full names each diminutive stands for.
_SHORT_NAMES = {full: tuple(short.split()) for full, short in _DIMINUTIVES.items()}
_FULL_NAMES: dict[str, tuple[str, ...]] = {}
for _full, _shorts in _SHORT_NAMES.items():
    for _short in _shorts:
        _FULL_NAMES[_short] = (*_FULL_NAMES.get(_short, ()), _full)
del _full, _shorts, _short


# Letters that Unicode does not decompose but that writers type without the stroke.
_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
                                "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                                "Þ": "Th", "ı": "i"})


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """A word reduced for comparison: lower case, no diacritics, apostrophes or hyphens."""
    if word.isascii():  # nothing to transliterate or decompose (most words)
        return word.translate(_APOSTROPHES).casefold()
    decomposed = unicodedata.normalize("NFKD", word.translate(_TRANSLITERATE))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_APOSTROPHES).casefold()


@lru_cache(maxsize=4096)
def _sound(key: str) -> str:
    try:
        return jellyfish.metaphone(key)
    except Exception:  # noqa: BLE001 - letters outside jellyfish's alphabet
        return key


@lru_cache(maxsize=4096)
def _keyed_words(name: str) -> tuple[tuple[str, str], ...]:
    """The words of a name as written with their :func:`fold` keys, titles and initials
    dropped ("Dr. A. O'Neil" → O'Neil). Cached per name: every draft's context is new,
    but the same names come back from draft to draft."""
    out = []
    for word in _WORD.findall(name):
        key = fold(word)
        if key in TITLES or len(key) <= 1:
            continue
        out.append((word, key))
    return tuple(out)


def _words(name: str) -> list[str]:
    """The words of a name as written, titles and initials dropped ("Dr. A. O'Neil" → O'Neil)."""
    return [word for word, _ in _keyed_words(name)]


@dataclass(frozen=True)
class Target:
    """One word of a name the draft should spell exactly: ``word`` as the context writes it."""

    word: str
    key: str
    kind: str  # "person" or "company"
    whole: str
    siblings: frozenset[str]
    generic: bool = False  # a common word ("Investments"): checked only beside the rest of the name


def _person_names(people: Iterable[Person]) -> list[str]:
    names = []
    for person in people:
        names.append(person.name)
        names.extend(person.aliases)
    return names


def _company_names(company: Company | None) -> list[str]:
    return [company.name, *company.aliases] if company else []


@lru_cache(maxsize=256)
def _targets(context: Context) -> tuple[Target, ...]:
    targets: dict[tuple[str, str], Target] = {}
    entities: list[tuple[str, list[str]]] = [
        ("person", [person.name, *person.aliases]) for person in (*context.interviewers, *context.recipients)
    ]
    entities.append(("company", _company_names(context.company)))
    for kind, names in entities:
        spelled = [_keyed_words(name) for name in names]
        # Every spelling of one person or company anchors the others ("Kestrel Bio").
        family = frozenset(key for words in spelled for _, key in words)
        for name, words in zip(names, spelled):
            for word, key in words:
                if len(key) < 3 or key in _LEGAL or (kind, key) in targets:
                    continue
                generic = kind == "company" and key in _GENERIC
                targets[kind, key] = Target(word, key, kind, name, family - {key}, generic)
            # A company written as one word or two ("BrightWave" / "Bright Wave").
            if kind == "company" and len(words) > 1:
                joined = "".join(w for w, k in words if k not in _LEGAL)
                key = fold(joined)
                if len(key) >= 6 and (kind, key) not in targets:
                    targets[kind, key] = Target(joined, key, kind, name, frozenset(k for _, k in words))
    return tuple(targets.values())


@lru_cache(maxsize=256)
def _protected(context: Context) -> frozenset[str]:
    """Every word of every name the context knows: correct by definition."""
    names: list[str] = _person_names((*context.interviewers, *context.recipients, *context.met, *context.senior_people))
    if context.sender:
        names += _person_names((context.sender,))
    names += _company_names(context.company)
    for other in context.other_companies:
        names += _company_names(other)
    keys = set()
    for name in names:
        words = _keyed_words(name)
        keys.update(key for _, key in words)
        keys.add(fold("".join(word for word, _ in words)))
    return frozenset(keys)


def _budget(target: Target, distance: int, same_sound: bool, anchored: bool) -> bool:
    """Whether ``distance`` is a plausible misspelling of ``target`` (see the module doc)."""
    length = len(target.key)
    if length < 3:
        return False
    if length == 3:
        return distance <= 1  # and only where it addresses them (see _misspellings)
    if length <= 5:
        return distance <= 1 or (distance == 2 and same_sound)
    return distance <= 1 or (distance == 2 and (same_sound or anchored)) or (
        length >= 9 and distance == 3 and same_sound
    )


class _Word(NamedTuple):
    """A word of the draft that may be a name: capitalised, or in the greeting."""

    start: int
    end: int  # possessive ending excluded
    text: str
    key: str


# Words that open with a capital or with digits and a letter ("4Apps"): the only words
# outside the greeting that can be names. Python's re has no \p{Lu}, so the capitals
# are listed (every upper-case letter below U+3000).
_CAPITALS = "".join(c for c in map(chr, range(0x3000)) if c.isupper())
# A capitalised word, or digits then letters ("4Apps"), not inside a longer word. The
# pattern opens with its first character's class (the lookbehind looks two back), so
# re skips in C to the next capital or digit instead of trying every position.
_CAP_WORD = re.compile(
    rf"[\d{re.escape(_CAPITALS)}](?<![\w'’ʼ-].)(?:(?<=\d)\d*[^\W\d_]|(?<!\d))[^\W\d_]*(?:['’ʼ-][^\W\d_]+)*"
)
# The last word before a point and what follows it, read backwards: the text before the
# point is reversed, so the word is matched at the start instead of being searched for
# at every position (re has no right-to-left search). The groups are the reversed
# non-word tail and the reversed word ((?:\d+)?[^\W\d_]+(?:['’ʼ-][^\W\d_]+)* forwards);
# greedy matching finds the longest word, the one a forward search finds first.
_PREV_WORD_REVERSED = re.compile(r"([^\w]*)((?:[^\W\d_]+['’ʼ-])*[^\W\d_]+\d*)")


def _word(text: str, start: int, end: int) -> _Word:
    """A word with its possessive ending dropped ("Katherine's" → Katherine)."""
    possessive = _POSSESSIVE.search(text)
    if possessive and len(text) - len(possessive.group()) >= 2:
        end -= len(possessive.group())
        text = text[: len(text) - len(possessive.group())]
    return _Word(start, end, text, fold(text))


def _candidates(part: DraftPart, greeting: tuple[int, int] | None = None) -> list[tuple[str, int, int]]:
    """The unmasked words of a part that may be names, slots skipped, as (text, start,
    end): capitalised ones (or starting with digits, "4Apps"), and every word of the
    greeting line. :func:`_word` makes a :class:`_Word` of one when it is needed."""
    text = part.analysis
    words = [(m.group(), m.start(), m.end()) for m in _CAP_WORD.finditer(text)]
    if greeting:
        words += [
            (m.group(), m.start(), m.end()) for m in _WORD.finditer(text, *greeting) if not _CAP_WORD.match(text, m.start())
        ]
        words.sort(key=itemgetter(1))
    if part.slots:
        slots = SpanIndex([(s.start, s.end) for s in part.slots])
        words = [w for w in words if not slots.overlaps(w[1], w[2])]
    return words


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isupper() for c in word))


def _title_case(word: str) -> bool:
    """"Insurance" or "McKay", not an acronym such as "PM" (a name's word, not a label)."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def _fix(target: Target, written: str) -> str:
    if written.isupper() and len(written) > 1:
        return target.word.upper()
    return target.word


@dataclass(frozen=True)
class _Place:
    """Where a word stands in the note."""

    greeting: bool
    addressed: bool  # greeting, after a title, or after "thanks,"
    sentence_start: bool
    in_other_name: bool
    anchored: frozenset[str]  # keys of the neighbouring words


def _sentence_start(part: DraftPart, start: int) -> bool:
    before = part.analysis[max(0, start - 40) : start]
    return not before.strip() or bool(_SENTENCE_END.search(before))


def _previous_word(text: str, start: int, end: int) -> tuple[str, int, int, str] | None:
    """The last word of ``text[start:end]`` followed only by non-word characters, as
    (word, its start, its end, the characters after it), or ``None``."""
    reversed_window = text[start:end][::-1]
    found = _PREV_WORD_REVERSED.match(reversed_window)
    if found is None:
        return None
    tail, word = found.group(1), found.group(2)
    return word[::-1], end - found.end(), end - len(tail), tail[::-1]


def _neighbours(part: DraftPart, word: _Word) -> tuple[_Word | None, _Word | None]:
    """The words just before and after ``word`` when only spaces, a possessive or "&"
    stand between ("Texas Oil & Investments"), else ``None``."""
    text = part.analysis
    prev = _previous_word(text, max(0, word.start - 60), word.start)
    before = None
    if prev and not prev[3].strip(" \t.'’s&"):
        before = _word(*prev[:3])
    nxt = _WORD.search(text, word.end, min(len(text), word.end + 60))
    after = None
    if nxt and not text[word.end : nxt.start()].strip(" \t'’s&"):
        after = _word(nxt.group(), nxt.start(), nxt.end())
    return before, after


def _place(part: DraftPart, word: _Word, greeting: tuple[int, int] | None) -> _Place:
    """Where ``word`` stands (worked out only for words close to a name)."""
    before = part.analysis[max(0, word.start - 40) : word.start]
    prev, nxt = _neighbours(part, word)
    after_title = prev is not None and prev.key in TITLES
    in_greeting = bool(greeting and greeting[0] <= word.start < greeting[1])
    sentence_start = not before.strip() or bool(_SENTENCE_END.search(before))
    neighbours = frozenset(w.key for w in (prev, nxt) if w is not None)
    # Part of another full name: a capitalised neighbour that is not a title (a word
    # opening the sentence is capitalised anyway and says nothing).
    prev_counts = prev is not None and not sentence_start and not _sentence_start(part, prev.start)
    other = any(
        w is not None and counts and _title_case(w.text) and w.key not in TITLES
        for w, counts in ((prev, prev_counts), (nxt, True))
    )
    return _Place(
        greeting=in_greeting,
        addressed=in_greeting or after_title or bool(_VOCATIVE.search(before)),
        sentence_start=sentence_start,
        in_other_name=other,
        anchored=neighbours,
    )


@dataclass(frozen=True)
class _Near:
    """A word of the draft within three edits of a target, and where it stands."""

    part: str
    word: _Word
    place: _Place
    target: Target
    distance: int


def _near_misses(analysis: Analysis) -> list[_Near]:
    """Every (word, target) pair within three edits, for both name checks at once.

    The cheap tests (case, protected words, length, edit distance) come first; where
    a word stands is worked out only for the few words that come close to a name.
    """
    context = analysis.context
    targets = _targets(context)
    if not targets:
        return []
    protected = _protected(context)
    lengths = {len(t.key) for t in targets}
    low, high = min(lengths) - 3, max(lengths) + 3

    def close(text: str) -> list[tuple[Target, int]]:
        """The targets within three edits of a word as written (wherever it stands)."""
        # A plain ASCII word is its own key in lower case (no possessive, nothing to fold).
        key = text.lower() if text.isascii() and text.isalpha() else _word(text, 0, len(text)).key
        if not low <= len(key) <= high:
            return []
        if key in protected or key in _NOT_NAMES or key in TITLES or len(key) < 2:
            return []
        found = []
        for target in targets:
            if abs(len(target.key) - len(key)) > 3:
                continue
            distance = OSA.distance(key, target.key, score_cutoff=3)
            if 0 < distance <= 3:
                found.append((target, distance))
        return found

    # Names and common words recur in a note: each spelling is compared with the
    # targets once, and only the few words close to a name become _Word objects.
    seen: dict[str, list[tuple[Target, int]]] = {}
    out = []
    for part_name, part in analysis.draft.parts.items():
        shape = layout(part) if part.name == "body" else None
        greeting = shape.greeting if shape else None
        stop = shape.sign_off[0] if shape and shape.sign_off else len(part.text)
        for text, start, end in _candidates(part, greeting):
            if start >= stop:
                break  # the candidates come in order
            near = seen.get(text)
            if near is None:
                near = seen[text] = close(text)
            if near:
                word = _word(text, start, end)
                place = _place(part, word, greeting)
                out.extend(_Near(part_name, word, place, target, distance) for target, distance in near)
    return out


def _misspellings(analysis: Analysis, options: Mapping[str, Any], kind: str) -> Iterable[Hit]:
    min_length = int(options.get("min_length", 3))
    best: dict[tuple[str, int], _Near] = {}
    for near in analysis.shared("names.near", lambda: _near_misses(analysis)):
        target, place, word = near.target, near.place, near.word
        if target.kind != kind or len(target.key) < min_length:
            continue
        same_sound = _sound(word.key) == _sound(target.key)
        anchored = bool(place.anchored & target.siblings)
        if target.generic and not anchored:
            continue
        if not _budget(target, near.distance, same_sound, anchored):
            continue
        if kind == "person" and len(target.key) <= 5 and not place.addressed:
            continue
        if len(target.key) == 3 and not (place.addressed and word.key[0] == target.key[0]):
            continue  # "Dear Anne," for Ann; never "Jan" for Jon mid-sentence
        if place.in_other_name and not anchored and not place.addressed:
            continue  # "Keystone Insurance" is another firm, not Greystone
        slot = (near.part, word.start)
        if slot not in best or near.distance < best[slot].distance:
            best[slot] = near
    for near in sorted(best.values(), key=lambda n: (n.part, n.word.start)):
        part = analysis.draft.parts[near.part]
        yield Hit(
            near.part,  # type: ignore[arg-type]
            near.word.start,
            near.word.end,
            args={"name": near.target.word, "whole": near.target.whole},
            replacement=_fix(near.target, part.text[near.word.start : near.word.end]),
            confidence=0.95 if near.distance == 1 else 0.85,
        )


def misspelled_person(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Near-miss spellings of an interviewer's or addressee's name."""
    return _misspellings(analysis, options, "person")


def misspelled_company(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Near-miss spellings of the company's name or one of its aliases."""
    return _misspellings(analysis, options, "company")


def _addressee_keys(context: Context) -> frozenset[str]:
    keys: set[str] = set()
    for name in _person_names((*context.interviewers, *context.recipients)):
        for _, key in _keyed_words(name):
            keys.add(key)
            keys.update(_SHORT_NAMES.get(key, ()))
            keys.update(_FULL_NAMES.get(key, ()))
    return frozenset(keys)


def wrong_greeting(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """The greeting names someone who is not an addressee or interviewer of this note."""
    context = analysis.context
    if not (context.interviewers or context.recipients):
        return
    part = analysis.draft.body
    shape = layout(part)
    if shape.greeting is None:
        return
    start, end = shape.greeting
    salutation = SALUTATION.match(part.analysis, start, end)
    if salutation is None:
        return
    known = _addressee_keys(context)
    if not known:
        return
    slots = [(s.start, s.end) for s in part.slots]
    greeted = list(_WORD.finditer(part.analysis, salutation.end(), end))
    if any(fold(m.group()) in _GROUP for m in greeted):
        return  # "Dear Brightwave team," addresses a group: the group-note rules' business
    if any(a < end and salutation.end() < b for a, b in slots):
        return  # "Dear {{ name }}," is filled in per reader
    # A casual note greets in lower case ("hey tom!"): then lower-case words count,
    # except the small words a greeting is made of.
    casual = not any(c.isupper() for c in part.analysis[start:end])
    # Runs of name words ("Sam Lee"), split at "and", commas and other words: each run
    # is one person, fine if any of its words is an addressee's (or nearly).
    runs: list[list[tuple[int, int, str]]] = [[]]
    position = salutation.end()
    for match in greeted:
        word = match.group()
        key = fold(_POSSESSIVE.sub("", word))
        joined = not part.analysis[position : match.start()].strip(" \t.")
        position = match.end()
        name_like = _capitalised(word) or (casual and key not in STOP_WORDS)
        if key in TITLES:
            continue
        if key in _NOT_A_NAME or len(key) <= 1 or not name_like:
            runs.append([])
            continue
        if not joined and runs[-1]:
            runs.append([])
        runs[-1].append((match.start(), match.end(), key))
    people = ", ".join(p.name for p in (*context.recipients, *context.interviewers)[:3])
    for run in runs:
        if not run or any(key in known or _near(key, known) for _, _, key in run):
            continue
        yield Hit("body", run[0][0], run[-1][1], args={"people": people})


def _near(key: str, known: Iterable[str]) -> bool:
    """Whether ``key`` is a misspelling of a known name (misspelled-name reports those)."""
    return any(OSA.distance(key, other, score_cutoff=3) <= (1 if len(other) == 3 else 2)
               for other in known if len(other) >= 3)


def wrong_company(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """The draft names a company listed as one of the writer's other applications.

    The list comes from the context (``other_companies``) and from the rule's
    ``other_companies`` option, so a library's configuration can name them once. A
    mention the words around it mark as something else ("I also interviewed at …",
    "two years at …", "…'s public API") is left alone.
    """
    context = analysis.context
    others = [*context.other_companies, *(Company.model_validate(c) for c in options.get("other_companies", ()))]
    if not others:
        return
    employer = {fold(n) for n in _company_names(context.company)}
    patterns = []
    for other in others:
        for name in _company_names(other):
            if fold(name) in employer or not name.strip():
                continue
            words = [re.escape(w) for w in _words(name) if fold(w) not in _LEGAL] or [re.escape(name.strip())]
            patterns.append(r"\s?".join(words))
    if not patterns:
        return
    regex = re.compile(rf"(?<![\w])(?:{'|'.join(sorted(patterns, key=len, reverse=True))})(?![\w])", re.IGNORECASE)
    name = context.company.name if context.company else "the company you are writing to"
    for part_name, part in analysis.draft.parts.items():
        for match in regex.finditer(part.analysis):
            if not _capitalised(match.group()) or _aside(part.analysis, match.start(), match.end()):
                continue
            yield Hit(part_name, match.start(), match.end(), args={"company": name})  # type: ignore[arg-type]


# Words near a company's name that show it is mentioned as itself (another
# application, a past employer, a product), not meant as the employer.
_ASIDE = frozenset(
    """also too another other others former formerly previous previously ex past prior years months worked
    was were had left leaving quit interviewed interviewing applied applying application offer offers
    competitor competitors rival rivals like unlike such compared than versus vs internship interned
    project projects api apis sdk library dataset customer client used using""".split()
)
_CLAUSE = re.compile(r"[.!?;:\n(]")


def _aside(text: str, start: int, end: int) -> bool:
    """Whether the words just around a mention say it is not meant as the employer."""
    before = text[max(0, start - 80) : start]
    cut = max((m.end() for m in _CLAUSE.finditer(before)), default=0)
    near = re.findall(r"[a-z]+", before[cut:].lower())[-6:]
    after = re.findall(r"[a-z]+", text[end : end + 30].lower())[:2]
    return bool(_ASIDE.intersection(near + after))
