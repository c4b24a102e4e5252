"""The parsed draft that checks read: original text, analysis text and masks.

A :class:`Draft` holds one :class:`DraftPart` per linted part (``body`` and, for mail,
``subject``). Each part keeps the caller's text untouched and an *analysis text* of
exactly the same length in which everything that must not be linted (quoted replies,
signatures, markup, front matter) is blanked with spaces, newlines kept. Offsets are
therefore valid in both texts, which is the whole offset contract.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from .models import Context

__all__ = ["Draft", "DraftPart", "Mask", "MaskKind", "Slot", "SpanIndex", "TemplateError", "blank", "clean_for_nlp"]

MaskKind = Literal["quote", "signature", "markup", "front-matter", "header", "template"]

_NOT_NEWLINE_RUN = re.compile(r"[^\r\n]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters that break spaCy's tokenizer or hashing, replaced one for one.
_NLP_UNSAFE = re.compile(r"[\ud800-\udfff\x00]")


class _cached_property:
    """functools.cached_property without the lock Python 3.11 takes on every first
    access (3.12 dropped it): a draft's parts compute a few values each, once per
    lint, and the locks were about a quarter of what those first accesses cost. Two
    threads may both compute a value; it is the same value, and the last one stored
    is kept."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True, slots=True)
class Mask:
    """A half-open span of a part that is not linted, and why."""

    start: int
    end: int
    kind: MaskKind


@dataclass(frozen=True, slots=True)
class Slot:
    """A placeholder: ``{{ name }}``, ``{name}``, ``[Interviewer Name]``, ``<Company>`` …

    In template mode a slot is a value to be filled in; in a draft about to be sent it
    is a leftover. Either way the matchers see it as one capitalised word of the same
    length, so phrases around it still match and a name check can treat it as a
    correctly spelled name.

    Attributes:
        start, end: the half-open span of the whole slot, brackets included.
        name: the variable it stands for, normalised (``interviewer_name``).
        style: ``jinja``, ``brace``, ``bracket``, ``angle``, ``percent``, ``blank``.
    """

    start: int
    end: int
    name: str
    style: str


@dataclass(frozen=True, slots=True)
class TemplateError:
    """A template syntax problem found while reading (reported as a finding)."""

    start: int
    end: int
    kind: Literal["unbalanced", "unclosed-block", "stray-end", "undeclared"]
    detail: str


class SpanIndex:
    """Fixed half-open spans, indexed to answer "does any of them overlap [start, end)?"
    in logarithmic time.

    Spans may overlap or nest (a quote inside Markdown markup), so they are not merged:
    the index keeps their starts in order and, for each prefix of that order, the
    furthest end reached. A span overlaps ``[start, end)`` when it starts before
    ``end`` and ends after ``start``, so the spans starting before ``end`` overlap it
    exactly when the furthest of their ends lies after ``start``.
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``s`` has ``s.start < end`` and ``start < s.end``."""
        before = bisect.bisect_left(self._starts, end)
        return before > 0 and self._reach[before - 1] > start


def fill_slots(text: str, slots: Iterable[Slot]) -> str:
    """Replace each slot with a capitalised word of the same length ("Xxxxx")."""
    pieces = []
    pos = 0
    for slot in sorted(slots, key=lambda s: s.start):
        if slot.start < pos:
            continue
        pieces.append(text[pos : slot.start])
        raw = text[slot.start : slot.end]
        word = "X" + "x" * (len(raw) - 1) if raw else ""
        if "\n" in raw or "\r" in raw:
            # Keep line breaks where they were so line numbers still agree.
            word = "".join(c if c in "\r\n" else w for c, w in zip(raw, word))
        pieces.append(word)
        pos = slot.end
    pieces.append(text[pos:])
    return "".join(pieces)


def blank(text: str) -> str:
    """Replace every character but line breaks with a space (same length)."""
    # One replacement per line rather than one per character.
    return _NOT_NEWLINE_RUN.sub(_spaces, text)


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def clean_for_nlp(text: str) -> str:
    """Make ``text`` safe for spaCy without changing its length.

    Lone surrogates (which crash spaCy's string hashing) become U+FFFD and NUL becomes
    a space, one code point for one.
    """
    if text.isascii() and "\x00" not in text:  # no surrogate can hide in ASCII
        return text
    if not _NLP_UNSAFE.search(text):
        return text
    return _NLP_UNSAFE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", text)


def apply_masks(text: str, masks: Iterable[Mask]) -> str:
    """Return ``text`` with every mask blanked (newlines kept)."""
    pieces = []
    pos = 0
    for mask in sorted(masks, key=lambda m: m.start):
        start = max(mask.start, pos)
        if mask.end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append(blank(text[start : mask.end]))
        pos = mask.end
    pieces.append(text[pos:])
    return "".join(pieces)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Starts only where a blank run starts, and never gives back blanks: a long run of
# spaces not followed by a line break is rejected once, not once per space.
_BREAK_RUN = re.compile(r"(?<![ \t])(?:[ \t]*+(?:\r\n|\r|\n))+")


def _join_lone_break(match: re.Match[str]) -> str:
    run = match.group()
    return " " * len(run) if len(_LINE_BREAK.findall(run)) == 1 else run


def _join_lone_newlines(text: str) -> str:
    """``_BREAK_RUN.sub(_join_lone_break, text)`` for text without ``\r`` or tabs, a
    line at a time (the pattern opens with a look-behind, so ``re`` tried it at every
    character: 39 µs for a 1,000-character note, 4 µs here).

    A newline joins its neighbours unless a blank line (spaces only) touches it: the
    line before it (the text's first line aside) or the line after it, when another
    newline follows that one. The spaces that end the line before it are spaces already.
    """
    lines = text.split("\n")
    last = len(lines) - 1
    blank = [not line.strip(" ") for line in lines]
    pieces = []
    for index in range(last):  # the newline after lines[index]
        lone = (index == 0 or not blank[index]) and not (index + 1 < last and blank[index + 1])
        pieces += (lines[index], " " if lone else "\n")
    pieces.append(lines[last])
    return "".join(pieces)


@dataclass(frozen=True)
class DraftPart:
    """One linted part of a draft: its original text, analysis text and masks."""

    name: Literal["body", "subject"]
    text: str
    masks: tuple[Mask, ...] = ()
    analysis: str = field(default="")
    slots: tuple[Slot, ...] = ()

    def __post_init__(self) -> None:
        if not self.analysis:
            # Slots are filled before masking, so a placeholder inside a signature or a
            # quote stays blank like the text around it.
            analysis = fill_slots(self.text, self.slots) if self.slots else self.text
            analysis = apply_masks(analysis, self.masks)
            object.__setattr__(self, "analysis", clean_for_nlp(analysis))
        if len(self.analysis) != len(self.text):  # pragma: no cover - internal invariant
            raise AssertionError("analysis text must keep the original length")

    @_cached_property
    def nlp_text(self) -> str:
        """The analysis text with lone line breaks turned into spaces (same length).

        Hard-wrapped mail breaks sentences across lines, and spaCy makes every line
        break a token, which would stop phrases such as "have not received a response"
        from matching. Blank lines (paragraph breaks) are kept.
        """
        if "\n" not in self.analysis and "\r" not in self.analysis:
            return self.analysis
        if "\r" not in self.analysis and "\t" not in self.analysis:
            return _join_lone_newlines(self.analysis)
        return _BREAK_RUN.sub(_join_lone_break, self.analysis)

    @_cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a code-point offset; ``\\r\\n``, ``\\r`` and ``\\n`` end lines."""
        starts = self._line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    @_cached_property
    def _mask_index(self) -> SpanIndex:
        return SpanIndex((m.start, m.end) for m in self.masks)

    @_cached_property
    def _mask_index_by_kind(self) -> dict[str, SpanIndex]:
        spans: dict[str, list[tuple[int, int]]] = {}
        for mask in self.masks:
            spans.setdefault(mask.kind, []).append((mask.start, mask.end))
        return {kind: SpanIndex(found) for kind, found in spans.items()}

    @_cached_property
    def _slot_spans(self) -> frozenset[tuple[int, int]]:
        return frozenset((slot.start, slot.end) for slot in self.slots)

    def masked(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches any masked text (logarithmic in the masks)."""
        return bool(self.masks) and self._mask_index.overlaps(start, end)

    def mask_kinds(self, start: int, end: int) -> set[str]:
        """The kinds of the masks that touch ``[start, end)`` (empty when none do)."""
        if not self.masks:
            return set()
        return {kind for kind, index in self._mask_index_by_kind.items() if index.overlaps(start, end)}

    def is_slot(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is exactly one of the part's slots."""
        return bool(self.slots) and (start, end) in self._slot_spans

    def __getstate__(self) -> dict[str, Any]:
        # Batch workers send every draft back to the parent: the cached values above
        # are rebuilt on use there, if ever, and sending them doubled the pickle.
        return {name: getattr(self, name) for name in _PART_FIELDS}


_PART_FIELDS = tuple(f.name for f in fields(DraftPart))


@dataclass(frozen=True)
class Draft:
    """A draft ready for linting, as the source readers build it.

    Attributes:
        parts: the linted parts by name (``body`` always; ``subject`` for mail).
        kind: the reader that produced it (``text``, ``eml``, ``markdown``).
        origin: a file name or ``<string>``, used in reports.
        context: what the input itself says about the situation (mail headers, front
            matter); the caller's context takes precedence over it.
        mode: ``draft`` (about to be sent: leftover placeholders are mistakes) or
            ``template`` (placeholders are slots to fill).
        template_errors: syntax problems found while reading a template.
        variables: the variables a template declares, with their sample values.
        suppress: rule keys the document's front matter switches off for itself.
        directives: inline suppression directives of the body
            (:class:`~draftlint.sources.directives.Directive`).
    """

    parts: Mapping[str, DraftPart]
    kind: str = "text"
    origin: str = "<string>"
    context: Context | None = None
    mode: Literal["draft", "template"] = "draft"
    template_errors: tuple[TemplateError, ...] = ()
    variables: Mapping[str, str] = field(default_factory=dict)
    suppress: tuple[str, ...] = ()
    directives: tuple[Any, ...] = ()

    @property
    def body(self) -> DraftPart:
        """The body part."""
        return self.parts["body"]
