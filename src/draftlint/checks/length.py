"""Length checks: word budgets by stage, the phone-screen test, paragraphs, subject lines,
and notes too short to be more than a ping.

Everything is counted on the analysis text, where quoted replies, signatures, markup
and front matter are blanked, so they never count. Counting starts at the greeting when
a letter heading (address, date, ``Subject:`` lines) sits above it: an emailed note
drops that block, and the reader does not weigh it as part of the message.

A length finding over a budget starts at the first word past the budget and runs to
the last unmasked non-space character of the body, so an editor highlights exactly what
would have to go; its message carries the figures (words, budget, phone lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any, Literal

from ..stats import PHONE_LINE_CHARS, WORD, Layout, layout, phone_rows, subject_span, word_count
from .base import Analysis, Hit

__all__ = [
    "far_too_long",
    "long_paragraph",
    "long_subject",
    "needs_scrolling",
    "too_long",
    "too_short",
    "word_budget",
]

#: Default word budgets: (warn past, err past) by stage. ``None`` reads as a thank-you.
DEFAULT_BUDGETS = {"thank-you": 200, "follow-up": 125, "application": 125, "default": 200}
DEFAULT_HARD_BUDGETS = {"thank-you": 300, "follow-up": 200, "application": 200, "default": 300}
_STAGE_NOUN = {
    "thank-you": "a thank-you note",
    "follow-up": "a check-in",
    "application": "an application follow-up",
    "default": "a note read as a thank-you",
}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SUBJECT_LINE = re.compile(r"[ \t]*(?:subject|re)[ \t]*:[ \t]*", re.IGNORECASE)
_LONG_LINE = 100


def word_budget(stage: str | None, budgets: Mapping[str, Any], fallback: Mapping[str, int]) -> int:
    """The budget for ``stage``: the option's value for it, else the built-in one.

    A stage missing from the option keeps its built-in budget; ``default`` is the budget
    for a draft with no stage.
    """
    key = stage or "default"
    tables = [t for t in (budgets, fallback) if isinstance(t, Mapping)]
    for lookup in (key, "default"):
        for table in tables:
            value = table.get(lookup)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
                return int(value)
    return 200


def _over(analysis: Analysis, budget: int, line_chars: int) -> Hit | None:
    part = analysis.draft.body
    shape = layout(part)
    if not shape.lines:
        return None
    count = word_count(part)
    if count <= budget:
        return None
    found = next(islice(WORD.finditer(part.analysis, shape.start), budget, None), None)
    if found is None:
        return None
    first = found.span()
    return Hit(
        "body",
        first[0],
        max(shape.end, first[1]),
        args={
            "words": count,
            "budget": budget,
            "over": count - budget,
            "lines": len(phone_rows(part, line_chars)),
            "stage": _STAGE_NOUN.get(analysis.context.stage or "default", "a note"),
        },
    )


def _line_chars(options: Mapping[str, Any]) -> int:
    value = options.get("line_chars", PHONE_LINE_CHARS)
    return int(value) if isinstance(value, (int, float)) and value >= 8 else PHONE_LINE_CHARS


def too_long(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Warn when the note runs past its stage's word budget (A20).

    Options:
        budgets: words allowed by stage (``thank-you``, ``follow-up``, ``application``,
            ``default`` for no stage): 200, 125, 125, 200.
        hard_budgets: the error rule's budgets; past these this rule stands down so the
            draft gets one length finding, not two (keep them in step with DL502).
        line_chars: characters in a phone-screen line for the figure in the message (35).
    """
    stage = analysis.context.stage
    budget = word_budget(stage, options.get("budgets") or {}, DEFAULT_BUDGETS)
    hard = word_budget(stage, options.get("hard_budgets") or {}, DEFAULT_HARD_BUDGETS)
    hit = _over(analysis, budget, _line_chars(options))
    if hit is not None and hit.args["words"] <= max(hard, budget):
        yield hit


def far_too_long(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Err when the note runs far past its stage's budget (A20).

    Options:
        budgets: words allowed by stage before this becomes an error: 300 for a
            thank-you or no stage, 200 for a check-in or application follow-up.
        line_chars: characters in a phone-screen line for the figure in the message (35).
    """
    budget = word_budget(analysis.context.stage, options.get("budgets") or {}, DEFAULT_HARD_BUDGETS)
    hit = _over(analysis, budget, _line_chars(options))
    if hit is not None:
        yield hit


def needs_scrolling(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Flag a note that would not fit on one phone screen (A20).

    The estimate wraps each line of the note at ``line_chars`` characters and counts
    blank lines; the finding starts at the first word of the first line below the
    screen. A note already over its word budget is left to the word-budget rules, so
    this rule catches what they miss: notes made long by layout (many short lines,
    lists, spaced-out paragraphs) rather than by words.

    Options:
        screen_lines: lines on one screen (45).
        line_chars: characters in a line (35).
        word_budgets: the word budgets of DL501; when the note is past its budget this
            rule stands down (set ``defer_to_word_budget: false`` to report both).
    """
    part = analysis.draft.body
    screen = options.get("screen_lines", 45)
    screen = int(screen) if isinstance(screen, (int, float)) and screen >= 1 else 45
    width = _line_chars(options)
    rows = phone_rows(part, width)
    if len(rows) <= screen:
        return
    shape = layout(part)
    if options.get("defer_to_word_budget", True):
        budget = word_budget(analysis.context.stage, options.get("word_budgets") or {}, DEFAULT_BUDGETS)
        if word_count(part) > budget:
            return
    found = WORD.search(part.analysis, rows[screen])
    if found is None:
        return
    yield Hit(
        "body",
        found.start(),
        max(shape.end, found.end()),
        args={"lines": len(rows), "screen": screen, "words": word_count(part), "width": width},
    )


def _lines(block: str) -> list[str]:
    """The lines of ``block``, split at ``\\r\\n``, ``\\r`` or ``\\n``."""
    # Most blocks have no carriage return: a plain split gives the same lines faster.
    return block.split("\n") if "\r" not in block else _LINE_BREAK.split(block)


def _paragraphs(text: str, start: int, end: int, min_chars: int = 0) -> Iterable[tuple[int, int]]:
    """Spans of paragraphs between ``start`` and ``end``.

    Paragraphs are separated by blank lines. A block whose lines include one longer
    than a hard-wrapped line (100 characters) is not hard-wrapped: each of its lines is
    a paragraph of its own (the single-newline style many mail apps produce).

    Blocks shorter than ``min_chars`` characters are skipped, paragraphs and all.
    """
    pos = start
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text, start, end)]
    breaks.append((end, end))
    for block_end, next_start in breaks:
        if block_end - pos < min_chars:
            pos = next_start
            continue
        block = text[pos:block_end]
        lines = _lines(block)
        if len(lines) > 1 and any(len(line.strip()) > _LONG_LINE for line in lines):
            offset = pos
            for found in _LINE_BREAK.finditer(block):
                yield offset, pos + found.start()
                offset = pos + found.end()
            yield offset, block_end
        else:
            yield pos, block_end
        pos = next_start


def long_paragraph(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Flag a paragraph too long to read comfortably on a phone (A20).

    Options:
        max_words: words allowed in one paragraph (150).
    """
    limit = options.get("max_words", 150)
    limit = int(limit) if isinstance(limit, (int, float)) and limit >= 1 else 150
    part = analysis.draft.body
    if word_count(part) <= limit:
        return
    shape = layout(part)
    text = part.analysis
    # More than ``limit`` words take a character each and one between each two: most
    # blocks are too short to be looked at.
    for start, end in _paragraphs(text, shape.start, shape.end, 2 * limit + 1):
        if text.count(" ", start, end) + text.count("\n", start, end) + text.count("\t", start, end) < limit:
            continue  # words are separated by whitespace: too few separators for too many words
        count = len(WORD.findall(text, start, end))
        if count > limit:
            first = WORD.search(text, start, end)
            last_end = None
            for window in (200, end - start):
                for found in WORD.finditer(text, max(start, end - window), end):
                    last_end = found.end()
                if last_end is not None:
                    break
            if first is None or last_end is None:  # pragma: no cover - count > limit guarantees words
                continue
            yield Hit("body", first.start(), last_end + _tail(text, last_end, end),
                      args={"words": count, "limit": limit})


def _tail(text: str, pos: int, end: int) -> int:
    """Length of closing punctuation right after ``pos`` (so the span ends the sentence)."""
    count = 0
    while pos + count < end and not text[pos + count].isspace():
        count += 1
    return count


def _subject_hits(name: Literal["body", "subject"], text: str, start: int, end: int, max_chars: int, max_words: int) -> Hit | None:
    words = list(WORD.finditer(text, start, end))
    if not words:
        return None
    cut = None
    if len(words) > max_words:
        cut = words[max_words]
    if end - start > max_chars:
        limit = start + max_chars
        past = next((w for w in words if w.end() > limit), None)
        if past is not None and (cut is None or past.start() < cut.start()):
            cut = past
    if cut is None:
        return None
    args = {"chars": end - start, "words": len(words), "max_chars": max_chars, "max_words": max_words}
    return Hit(name, cut.start(), end, args=args)


def long_subject(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Flag a subject line longer than a phone shows (A20).

    The subject is the mail's Subject header or, in a plain draft, a ``Subject:`` line
    at the top of the body. The span starts at the first word past the limit.

    Options:
        max_chars: characters allowed (70).
        max_words: words allowed (12).
    """
    max_chars = options.get("max_chars", 70)
    max_chars = int(max_chars) if isinstance(max_chars, (int, float)) and max_chars >= 1 else 70
    max_words = options.get("max_words", 12)
    max_words = int(max_words) if isinstance(max_words, (int, float)) and max_words >= 1 else 12
    if "subject" in analysis.draft.parts:
        span = subject_span(analysis.draft)
        if span is not None:
            text = analysis.draft.parts["subject"].analysis
            hit = _subject_hits("subject", text, span[0], span[1], max_chars, max_words)
            if hit is not None:
                yield hit
        return
    part = analysis.draft.body
    shape = layout(part)
    for line_start, line_end in shape.lines[:3]:
        found = _SUBJECT_LINE.match(part.analysis, line_start, line_end)
        if found and found.end() < line_end:
            hit = _subject_hits("body", part.analysis, found.end(), line_end, max_chars, max_words)
            if hit is not None:
                yield hit
            return


# -- too short -------------------------------------------------------------------------

# Courtesy: thanks for something, appreciation, pleasure at having met.
_COURTESY = re.compile(
    r"\b(?:thank(?:s|\s+you)?(?:\s+(?:so|very)\s+much|\s+again|\s+a\s+lot)?\s+for|thanking|appreciat\w*"
    r"|grateful|gratitude|enjoyed|pleasure|glad|delighted|(?:great|nice|lovely|good)\s+(?:to|talking|speaking|meeting|chatting))\b",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
# Words a bare ping is made of: asking for news, naming the application, filler.
_PING_WORDS = frozenset(
    """
    the and but for not you your yours are was were been being have has had will would can could should
    shall may might must just still yet any some anything something all again also very really yes okay
    please hello hey dear thanks thank regards best cheers sincerely what when where why how who which
    whether out back now then soon today yesterday tomorrow week weeks day days month months last since
    ago time long know let see wanted want wanting wondering wonder hoping hope checking check following
    follow touch base reach reaching hear heard hearing news update updates word status decision decided
    decide made make call calling called email emailed emails message reply replied respond response get
    got getting application applied apply interview interviewed interviews position role job opening
    vacancy candidate candidates process open filled advise kindly asap spoke spoken talked met sent send
    inbox bump bumping taking going there's it's i've i'd i'll i'm you're that's what's know anything
    further next steps step sir madam this that these those there here with from about into over after
    before our ours they them their his her its did does doing done unfortunately quick question
    questions sure ever else more much many one two three four five six seven eight nine ten few couple
    monday tuesday wednesday thursday friday saturday sunday morning afternoon evening end still chance
    able way around forward hiring manager team company anyone somebody someone nobody phone number reached
    voicemail left leave note earlier later regarding concerning re wait waiting
    """.split()
)


def _ping_words(analysis: Analysis) -> frozenset[str]:
    extra: set[str] = set()
    context = analysis.context
    names = [p.name for p in (*context.interviewers, *context.recipients, *context.met)]
    if context.sender is not None:
        names.append(context.sender.name)
    if context.company is not None:
        names.append(context.company.name)
        names.extend(context.company.aliases)
    if context.role:
        names.append(context.role)
    for name in names:
        extra.update(w.lower() for w in WORD.findall(name))
    return _PING_WORDS | extra if extra else _PING_WORDS


def _inner(shape: Layout) -> tuple[int, int]:
    """The note between its greeting and sign-off (the whole note when either is absent)."""
    start = shape.greeting[1] if shape.greeting else shape.start
    end = shape.sign_off[0] if shape.sign_off else shape.end
    return start, max(start, end)


def too_short(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Flag a bare ping: a note too short to carry thanks or anything of substance (A9).

    A note fires when, between greeting and sign-off, it has fewer than ``max_words``
    words, says no thanks for anything (no "thank you for", "I appreciate",
    "I enjoyed", "great to meet"), and either has fewer than ``min_words`` words or
    fewer than ``min_substance`` words beyond what any status ping is made of
    (update, news, application, checking in, names from the context). The span is the
    whole note.

    Options:
        max_words: a note of this many words or more is never too short (25).
        min_words: below this many words, a note without thanks is always a ping (8).
        min_substance: content words beyond ping vocabulary that make a real note (3).
    """
    max_words = options.get("max_words", 25)
    min_words = options.get("min_words", 8)
    min_substance = options.get("min_substance", 3)
    part = analysis.draft.body
    shape = layout(part)
    if not shape.lines:
        return
    if word_count(part) >= max_words + 20:
        return  # no greeting and sign-off hold 20 words
    text = part.analysis
    start, end = _inner(shape)
    words = WORD.findall(text, start, end)
    if not words or len(words) >= max_words:
        return
    if _COURTESY.search(text, start, end):
        return
    if len(words) >= min_words:
        vocabulary = _ping_words(analysis)
        substance = {w for w in _CONTENT_WORD.findall(text[start:end].lower()) if w not in vocabulary}
        if len(substance) >= min_substance:
            return
    first = shape.lines[0][0]
    yield Hit("body", first, shape.end, args={"words": len(words), "max_words": max_words})
