"""Counts over the linted text of a draft, and the shape of the draft that checks share.

Only unmasked text counts: quoted replies, signatures and markup are blanked in the
analysis text before anything is counted.

Besides :func:`compute_stats`, this module holds the measures that the length and
structure checks read, so that a report's figures and a finding's figures never
disagree:

* :func:`layout` finds the greeting line, a letter heading above it (address, date,
  ``Subject:`` lines), the sign-off line and where the writer's own text ends.
* :func:`phone_rows` estimates how the note wraps on a phone screen: about
  :data:`PHONE_LINE_CHARS` characters a line, each line of the text wrapped on its
  own (mail apps do not reflow plain text), blank lines counted, masked lines
  (quotes, signatures, front matter) and the letter heading left out.
* :func:`readability_grade` is the Flesch–Kincaid grade, computed offline with
  pyphen's hyphenation dictionary for syllables (textstat's own syllable counter
  tries a download in 0.7.13, so it is not used).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy
from spacy.tokens import Doc

from . import _cache
from .draft import DraftPart
from .models import DraftStats
from .nlp import COLUMNS, token_columns

__all__ = [
    "PHONE_LINE_CHARS",
    "subject_span",
    "WORD",
    "Layout",
    "all_words",
    "compute_stats",
    "layout",
    "phone_lines",
    "phone_rows",
    "readability_grade",
    "syllables",
    "word_count",
    "word_spans",
]

#: A word: letters or digits, with inner apostrophes, dots or hyphens ("O'Neil", "e.g").
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WORDS_PER_MINUTE = 230
#: Characters in one line of a phone mail app at its default text size.
PHONE_LINE_CHARS = 35

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NONSPACE = re.compile(r"\S+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")

# A greeting opens the note: "Dear Ms. Okafor:", "Hi Sam,", "Good morning Dana!".
_SALUTATION_WORDS = r"dear|hi|hiya|hello|hey|greetings|respected|good\s+(?:morning|afternoon|evening|day)"
_GREETING = re.compile(rf"[ \t]*(?:{_SALUTATION_WORDS}|to\s+whom\s+it\s+may\s+concern)\b", re.IGNORECASE)
#: The salutation that opens a greeting line ("Dear", "Good morning"), with the blanks
#: and comma after it: what follows is whom the note addresses.
SALUTATION = re.compile(rf"[ \t]*(?:{_SALUTATION_WORDS})\b[ \t]*,?[ \t]*", re.IGNORECASE)
# A sign-off closes it: "Best regards,", "Thanking you once again,", "Yours sincerely".
_SIGN_OFF = re.compile(
    r"""[ \t]*(?:
        (?:(?:best|kind|kindest|warm|warmest|many|with\ (?:best|kind|warm))\s+)?(?:regards|wishes)
      | best | cheers | sincerely(?:\ yours)? | (?:yours\ )?(?:sincerely|faithfully|truly|respectfully)
      | yours | respectfully(?:\ yours)? | warmly | gratefully | cordially | fondly
      | (?:thanks|thank\ you|thanking\ you|many\ thanks)(?:\ (?:again|so\ much|a\ lot|once\ again|once\ more
            |for\ your\ time(?:\ and\ consideration)?|for\ your\ consideration))?
      | with\ (?:gratitude|thanks|appreciation|best\ wishes) | all\ the\ best | take\ care
      | talk\ soon | speak\ soon | (?:somewhat|very)\ sincerely | looking\ forward(?:\ to\ hearing\ from\ you)?
    )[ \t]*+[,.!:;-]?[ \t]*+$""",
    re.IGNORECASE | re.VERBOSE,
)
_GREETING_STOP = re.compile(r"[,:!;—]|(?<=\s)[-–](?=\s)")
_MAX_GREETING_LINE = 60
_MAX_HEADING_LINE = 70
_HEADING_LINES = 14
_SIGN_OFF_LINES = 6


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the parts of a note lie in a body part (offsets into its text).

    Attributes:
        lines: ``(start, end)`` of every line holding unmasked text (in order).
        greeting: span of the greeting words ("Dear Ms. Okafor:"), or ``None``.
        start: where the writer's note begins: the greeting line when a letter
            heading (short lines of address, date or subject) sits above it, else the
            first unmasked line. Words and phone lines are counted from here.
        sign_off: span of the sign-off line ("Best regards,"), or ``None``.
        end: just after the last unmasked non-space character (0 for an empty note).
    """

    lines: tuple[tuple[int, int], ...]
    greeting: tuple[int, int] | None
    start: int
    sign_off: tuple[int, int] | None
    end: int

    @property
    def first_line(self) -> tuple[int, int] | None:
        """Span of the first line of the note proper (stripped), or ``None``."""
        for start, end in self.lines:
            if start >= self.start:
                return start, end
        return None

    @property
    def last_line(self) -> tuple[int, int] | None:
        """Span of the last unmasked line (stripped), or ``None``."""
        return self.lines[-1] if self.lines else None


# One non-blank line, stripped: from its first to its last non-space character. A byte
# order mark or zero-width space counts as space (a BOM is dropped when bytes are decoded).
_STRIPPED_LINE = re.compile(r"[^\s\ufeff\u200b](?:[^\r\n]*[^\s\ufeff\u200b])?")


def _stripped_lines(analysis: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, stripped: the matches of ``_STRIPPED_LINE``."""
    if "\r" in analysis or "\ufeff" in analysis or "\u200b" in analysis:
        return [m.span() for m in _STRIPPED_LINE.finditer(analysis)]
    # Without those, lines end at "\n" only and str.strip() strips what \s matches; one
    # split and a strip a line cost less than half of the pattern, which tests each
    # character of a line against [^\r\n].
    spans = []
    pos = 0
    for line in analysis.split("\n"):
        size = len(line)
        if size:
            kept = len(line.strip())
            if kept == size:
                spans.append((pos, pos + size))
            elif kept:
                start = pos + size - len(line.lstrip())
                spans.append((start, start + kept))
        pos += size + 1
    return spans


@lru_cache(maxsize=64)
def _layout(text: str, analysis: str) -> Layout:
    lines = _stripped_lines(analysis)
    if not lines:
        return Layout((), None, 0, None, 0)
    greeting = None
    start = lines[0][0]
    for index, (line_start, line_end) in enumerate(lines[:_HEADING_LINES]):
        found = _GREETING.match(analysis, line_start, line_end)
        if found:
            content = analysis[line_start:line_end]
            if len(content) <= _MAX_GREETING_LINE and (content[-1] in ",:!;—-" or len(content.split()) <= 6):
                greeting = (line_start, line_end)
            else:
                stop = _GREETING_STOP.search(analysis, found.end(), min(line_end, line_start + _MAX_GREETING_LINE))
                if stop:
                    greeting = (line_start, stop.end())
            if greeting is not None:
                heading = lines[:index]
                if heading and all(e - s <= _MAX_HEADING_LINE for s, e in heading):
                    start = line_start
            break
        if line_end - line_start > _MAX_HEADING_LINE:
            break
    sign_off = None
    for line_start, line_end in reversed(lines[-_SIGN_OFF_LINES:]):
        if line_start < start or (greeting and line_start <= greeting[0]):
            break
        if _SIGN_OFF.match(analysis[line_start:line_end]):
            sign_off = (line_start, line_end)
            break
    return Layout(tuple(lines), greeting, start, sign_off, lines[-1][1])


def layout(part: DraftPart) -> Layout:
    """The layout of a part (cached: checks and statistics share one computation)."""
    return _layout(part.text, part.analysis)


def _wrap(analysis: str, start: int, end: int, width: int, rows: list[int]) -> None:
    """Append the start of each screen line of the (stripped) line ``analysis[start:end]``.

    Greedy word wrap: a screen line takes as many whole words as fit in ``width``
    characters; a word longer than a line is broken every ``width`` characters. Words
    are separated by spaces, tabs or no-break spaces.
    """
    # Tabs and no-break spaces are rare: a line without them is searched for spaces only
    # (three searches a screen line were half the cost of wrapping).
    others = analysis.find("\t", start, end) >= 0 or analysis.find("\xa0", start, end) >= 0
    pos = start
    while True:
        rows.append(pos)
        limit = pos + width
        if limit >= end:
            return
        if analysis[limit].isspace():
            cut = limit
        else:
            cut = analysis.rfind(" ", pos, limit)
            if others:
                cut = max(cut, analysis.rfind("\t", pos, limit), analysis.rfind("\xa0", pos, limit))
            if cut <= pos:
                pos = limit  # a word longer than a line
                continue
        pos = cut + 1
        while pos < end and analysis[pos].isspace():
            pos += 1
        if pos >= end:
            return


def _blank_rows(text: str, analysis: str, start: int, end: int, rows: list[int]) -> None:
    """Append a row for each blank line strictly between two lines of text.

    ``start`` is the end of one non-blank line and ``end`` the start of the next; every
    line break between them but the last opens a blank line. A line that is blank only
    because a mask blanked it (a quote, a signature) is not shown as the writer's, so it
    is skipped.
    """
    gap = analysis[start:end]
    if "\r" not in gap:
        if gap.count("\n") < 2:
            return
        if not text[start:end].strip():  # the common case: plain blank lines
            pos = start
            while True:
                pos = analysis.index("\n", pos, end) + 1
                if analysis.find("\n", pos, end) == -1:
                    return
                rows.append(pos)
    breaks = [m.end() for m in _LINE_BREAK.finditer(analysis, start, end)]
    if len(breaks) < 2:
        return
    masked = bool(text[start:end].strip())
    for line_start, line_end in pairwise(breaks):
        if masked and text[line_start:line_end].strip():
            continue
        rows.append(line_start)


@lru_cache(maxsize=64)
def _rows(text: str, analysis: str, start: int, width: int) -> tuple[int, ...]:
    rows: list[int] = []
    previous = None
    for line_start, line_end in _layout(text, analysis).lines:
        if line_start < start:
            continue
        if previous is not None:
            _blank_rows(text, analysis, previous, line_start, rows)
        if line_end - line_start <= width:
            rows.append(line_start)
        else:
            _wrap(analysis, line_start, line_end, width, rows)
        previous = line_end
    return tuple(rows)


@lru_cache(maxsize=64)
def _word_spans(analysis: str, start: int) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in WORD.finditer(analysis, start))


def word_spans(part: DraftPart) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every counted word, from :attr:`Layout.start` (cached)."""
    return _word_spans(part.analysis, layout(part).start)


@lru_cache(maxsize=64)
def _words(analysis: str) -> tuple[str, ...]:
    """Every word of the analysis text, lower-cased: the matches of :data:`WORD`.

    No word holds white space (no letter or digit is white space), so the text is split
    at white space first, and most pieces are a word as they stand, or a word and one
    mark after it ("you,"); only the rest go through the pattern. Scanning the whole
    text with the pattern cost half as much again.
    """
    words: list[str] = []
    add = words.append
    for piece in analysis.lower().split():
        if piece.isalnum():
            add(piece)
        elif piece[:-1].isalnum() and not piece[-1].isalnum():
            # A joining mark ("'", "-", ".") only joins when a letter or digit follows.
            add(piece[:-1])
        else:
            words.extend(WORD.findall(piece))
    return tuple(words)


def all_words(part: DraftPart) -> tuple[str, ...]:
    """Every word of the part's unmasked text, lower-cased (cached; do not mutate)."""
    return _words(part.analysis)


def word_count(part: DraftPart) -> int:
    """Number of counted words, from :attr:`Layout.start` (cached; cheaper than spans)."""
    start = layout(part).start
    total = len(_words(part.analysis))
    return total - len(WORD.findall(part.analysis, 0, start)) if start else total


def phone_rows(part: DraftPart, width: int = PHONE_LINE_CHARS) -> tuple[int, ...]:
    """Offsets where each estimated phone-screen line begins, from :attr:`Layout.start`.

    Each line of the analysis text is word-wrapped on its own at ``width`` characters;
    a blank line is one screen line; lines blanked by a mask are left out, and so is
    everything after the last unmasked non-space character.
    """
    return _rows(part.text, part.analysis, layout(part).start, max(int(width), 8))


def phone_lines(part: DraftPart, width: int = PHONE_LINE_CHARS) -> int:
    """Estimated number of phone-screen lines the note fills (see :func:`phone_rows`)."""
    return len(phone_rows(part, width))


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen

    # Parsing the hyphenation dictionary took longer than the rest of a one-draft run
    # after spaCy's import, so its patterns are kept in the start-up cache and handed
    # to pyphen through its own per-file dictionary cache (``hdcache``).
    try:
        path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
        stat = path.stat()
        key = f"{pyphen.__version__}|{path}|{stat.st_size}|{stat.st_mtime_ns}"
    except (AttributeError, KeyError, OSError):
        return pyphen.Pyphen(lang="en_US")
    with _cache.collector_paused():  # 11,000 patterns, all kept
        return _load_hyphenator(pyphen, path, key)


def _load_hyphenator(pyphen: Any, path: Any, key: str) -> Any:
    restored = path in pyphen.hdcache
    if not restored:
        saved = _cache.load("hyphenation", key)
        try:
            if saved is not None:
                hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
                hyph.patterns = {tag: (start, tuple(values)) for tag, (start, values) in saved["patterns"].items()}
                hyph.cache = {}
                hyph.maxlen = saved["maxlen"]
                pyphen.hdcache[path] = hyph
                restored = True
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    hyphenator = pyphen.Pyphen(lang="en_US")
    if not restored:
        patterns = hyphenator.hd.patterns
        if all(type(v) is int for _, values in patterns.values() for v in values):
            _cache.store("hyphenation", key, {
                "maxlen": hyphenator.hd.maxlen,
                "patterns": {tag: [start, list(values)] for tag, (start, values) in patterns.items()},
            })
    return hyphenator


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Syllables in a lower-cased word, from pyphen's hyphenation points (at least 1)."""
    if not word.isalpha():
        return 1
    return len(_hyphenator().positions(word)) + 1


# Syllables of the words met so far, read with a plain dict lookup: 150 calls through
# the cache of :func:`syllables` cost twice as much. Emptied when it grows past the
# size of that cache.
_SYLLABLE_COUNTS: dict[str, int] = {}
_MAX_SYLLABLE_COUNTS = 50_000


def readability_grade(words: Sequence[str], sentences: int) -> float | None:
    """Flesch–Kincaid grade level of lower-cased ``words`` in ``sentences`` sentences."""
    if not words:
        return None
    count = len(words)
    known = _SYLLABLE_COUNTS
    try:
        total = sum(map(known.__getitem__, words))
    except KeyError:
        if len(known) > _MAX_SYLLABLE_COUNTS:
            known.clear()
        for word in words:
            if word not in known:
                known[word] = syllables(word)
        total = sum(map(known.__getitem__, words))
    grade = 0.39 * (count / max(sentences, 1)) + 11.8 * (total / count) - 15.59
    return round(grade, 1)


def _sentences_and_questions(doc: Doc, text: str) -> tuple[int, int]:
    """Sentences with at least one word or number, and those ending in a question mark.

    A token counts as a word or number unless it is punctuation or white space; a
    sentence is a question when its last token that is not white space ends in "?".
    """
    length = len(doc)
    if not length:
        return 0, 0
    # One export of the token columns, narrowed to bytes so that each sentence is
    # scanned with bytes.find: spaCy's per-column cost and numpy's per-call cost
    # dominate on 200 tokens, and a Python object per token would cost more still.
    # SENT_START is -1, 0 or 1 (255, 0 or 1 once narrowed); a token's kind is 0 for a
    # word or number, 1 for punctuation and 2 (or 3) for white space.
    columns = token_columns(doc)
    starts = columns[:, COLUMNS["SENT_START"]].astype(numpy.uint8).tobytes()
    kinds = (columns[:, COLUMNS["IS_PUNCT"]] | (columns[:, COLUMNS["IS_SPACE"]] << 1)).astype(numpy.uint8).tobytes()
    # Most drafts ask nothing; then no sentence's last token needs reading.
    asks = "?" in text
    sentences = questions = 0
    first = 0
    while first < length:
        end = starts.find(1, first + 1)
        if end < 0:
            end = length
        if kinds.find(0, first, end) >= 0:
            sentences += 1
            if asks:
                # The last token that is not white space; creating a spaCy Token is
                # slow, but one per sentence is all that is needed.
                token = doc[max(kinds.rfind(0, first, end), kinds.rfind(1, first, end))]
                stop = token.idx + len(token)
                if text[stop - 1 : stop] == "?":
                    questions += 1
        first = end
    return sentences, questions


def subject_span(draft: Any) -> tuple[int, int] | None:
    """The subject's text without surrounding white space, or ``None`` if it is empty
    or the draft has no subject."""
    subject = draft.parts.get("subject")
    if subject is None:
        return None
    text = subject.analysis
    stripped = text.strip()
    if not stripped:
        return None
    start = len(text) - len(text.lstrip())
    return start, start + len(stripped)


def compute_stats(part: DraftPart, doc: Doc) -> DraftStats:
    """Statistics of one part from its analysis text and spaCy doc."""
    text = part.analysis
    words = _words(text)
    # The text spaCy was given; Doc.text would rebuild it token by token.
    sentences, questions = _sentences_and_questions(doc, part.nlp_text)
    paragraphs = sum(1 for block in _PARAGRAPH_BREAK.split(text) if WORD.search(block))
    return DraftStats(
        words=len(words),
        sentences=sentences,
        paragraphs=paragraphs,
        questions=questions,
        reading_time_seconds=round(len(words) * 60 / _WORDS_PER_MINUTE, 1),
        phone_lines=phone_lines(part),
        readability_grade=readability_grade(words, sentences),
    )
