"""Read a follow-up template: placeholders become slots, template syntax is checked.

Recognised placeholder styles (the same recognition serves draft mode, where a leftover
placeholder is a mistake, and template mode, where it is a slot to fill):

- Jinja: ``{{ interviewer_name }}`` (a slot), ``{% … %}`` statements and ``{# … #}``
  comments (masked);
- ``{first_name}``, ``[Interviewer Name]``, ``[insert topic]``, ``<Company Name>``,
  ``%NAME%``, and blanks such as ``____`` or ``XXX``.

Left alone: ``[sic]``, ``[1]``, Markdown links, ``<name@example.com>``, URLs, HTML
tags and emoticons. Syntax problems (an unclosed ``{{``, an ``{% if %}`` without its
``{% endif %}``, a variable the front matter does not declare) are recorded on the
draft as :class:`~draftlint.draft.TemplateError` and reported by a rule; reading never
fails on them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, Literal

from ..draft import Draft, DraftPart, Mask, Slot, TemplateError
from ._quotes import find_masks
from .directives import find_directives
from .markdown import context_from_mapping, front_matter_suppress, markdown_masks, split_front_matter

__all__ = [
    "Rendered", "find_slots", "looks_like_template", "read_template", "render_template", "template_syntax",
    "with_placeholders",
]

_MAX_TAG = 2000  # a tag longer than this is not a tag but an unclosed opener
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"\{[{%#]")
_IDENT = re.compile(r"[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*")
_BLOCKS = {"if", "for", "block", "macro", "with", "raw", "filter", "call", "set_block", "autoescape", "trans"}
_MIDDLE = {"elif", "else", "pluralize"}
_STATEMENT = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.S)

_PLACEHOLDER_WORDS = (
    "name|first|last|full|company|organi[sz]ation|employer|firm|title|position|role|job|"
    "date|day|time|number|phone|email|address|interviewer|recruiter|manager|hiring|contact|"
    "team|department|school|university|degree|topic|skill|skills|project|detail|details|"
    "insert|your|their|his|her|city|location|salary|link|url|field|industry|product|"
    "achievement|reason|example|specific|something|person|mutual|reference"
)
_KEYWORD = re.compile(rf"\b(?:{_PLACEHOLDER_WORDS})\b", re.IGNORECASE)
_NOT_SLOTS = re.compile(
    r"^(?:sic|redacted|[\w ]* redacted|name redacted|emphasis (?:added|mine)|sic\.?|"
    r"citation needed|note:.*|edit:.*|ed\.?|\.\.\.|…|x|X| )$",
    re.IGNORECASE,
)
_HTML_TAGS = frozenset(
    "a abbr b blockquote body br code dd del div dl dt em font h1 h2 h3 h4 h5 h6 head hr html "
    "i img ins li link meta ol p pre q s small span strong style sub sup table tbody td th "
    "thead title tr tt u ul center section article header footer nav main figure label".split()
)
# NOTE: the patterns that find_slots runs over every note open with a literal character
# (or a set of them), and any lookbehind comes after it: then re jumps from one "{" to
# the next in C. A pattern that opens with a lookbehind, "^" or "\b" is tried at every
# position of the text instead, which cost a library linter several times more.
# "(?<![{$\\]\{)" right after a "{" is the lookbehind "(?<![{$\\])" before it.
_BRACE = re.compile(r"\{(?<![{$\\]\{)\s*([A-Za-z_][\w .'’-]{0,40}?)\s*\}(?!\})")
_BRACKET = re.compile(r"\[([^\[\]\n]{1,60})\](?![(\[:])")
_ANGLE = re.compile(r"<([^<>\n@/]{1,60})>")
_PERCENT = re.compile(r"%([A-Z][A-Z0-9_]{1,30})%")
# Opens with a lookbehind, so it runs only over a note holding "___" or "XXX".
_BLANK = re.compile(r"(?<![\w_])(?:_{3,}|X{3,})(?![\w_])")
_INLINE_CODE = re.compile(r"`[^`\n]{1,200}`")
_DOLLAR = re.compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*\}")
# Code left in a note by a script that built it: "{job.get('role', 'Engineer')}".
_CODE = re.compile(r"\{(?<![{$\\]\{)\s*([A-Za-z_][\w.]*(?:\[[^\[\]{}\n]{1,40}\]|\([^(){}\n]{0,80}\)))\s*\}(?!\})")
# Upper-case stand-ins typed into a sample note: "Dear NAME," "COMPANY NAME is …".
_CAPS = re.compile(
    r"(?<![\w'’])(?:(?:YOUR|FIRST|LAST|FULL|COMPANY|HIRING|INTERVIEWER(?:'S|’S)?|JOB) )?"
    r"(?:NAME|COMPANY|POSITION|JOB TITLE|EMPLOYER|INTERVIEWER|HIRING MANAGER)(?![\w'’])"
)
# Every _CAPS match holds one of these words; _CAPS runs only over a note that has one
# (str.find looks for a word in C faster than one regex tries them all at every letter).
_CAPS_WORDS = ("NAME", "COMPANY", "POSITION", "JOB TITLE", "EMPLOYER", "INTERVIEWER", "HIRING MANAGER")
# A stand-in the writer never replaced: "Your Name" alone on a line, or "Mrs. Hiring
# Manager" ("M(?<!\wM)" is "\bM" with the letter first; see the NOTE above). A line of
# the first kind never holds a title, so the two never overlap.
_STAND_IN_LINE = re.compile(
    r"^[ \t]*(?:your|Your|YOUR)[ \t]+(?:(?:full|Full)[ \t]+)?(?:name|Name)(?:[ \t]+here)?[ \t]*$", re.MULTILINE
)
_STAND_IN_TITLE = re.compile(
    r"(?:M(?<!\wM)(?:r|rs|s|x|iss)|D(?<!\wD)r)\.?[ \t]+"
    r"(?:Hiring[ \t]+Manager|Interviewer|Recruiter|Last[ \t]?[Nn]ame|Surname|So-and-[Ss]o)\b"
)
# Each stand-in pattern with words one of which every match holds, as written: a note
# without any of them is not scanned.
_STAND_INS = (
    (_STAND_IN_LINE, ("name", "Name")),  # not "ame": a third of notes say "same" or "came"
    (_STAND_IN_TITLE, ("Hiring", "Interviewer", "Recruiter", "Last", "Surname", "So-and-")),
)
_WORDY = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'’/_&-]*$")


_NOT_NAME = re.compile(r"[^a-z0-9.]+")
_NAME = re.compile(r"[A-Za-z_]\w*")
_SNAKE = re.compile(r"[a-z_][a-z0-9_]*")


def _norm(name: str) -> str:
    return _NOT_NAME.sub("_", name.strip().lower()).strip("_") or "slot"


def _tags(text: str, start: int = 0) -> tuple[list[tuple[int, int, str]], list[TemplateError]]:
    """Every well-formed Jinja tag (start, end, opener) and every unclosed opener."""
    tags: list[tuple[int, int, str]] = []
    errors: list[TemplateError] = []
    pos = start
    while True:
        match = _OPENER.search(text, pos)
        if match is None:
            break
        opener = match.group()
        closer = _OPENERS[opener]
        end = text.find(closer, match.end(), match.end() + _MAX_TAG)
        nxt = _OPENER.search(text, match.end())
        if end == -1 or (nxt is not None and nxt.start() < end):
            line_end = text.find("\n", match.start())
            line_end = len(text) if line_end == -1 else line_end
            errors.append(TemplateError(match.start(), max(line_end, match.end()), "unbalanced",
                                        f"'{opener}' is never closed with '{closer}'"))
            pos = match.end()
            continue
        tags.append((match.start(), end + len(closer), opener))
        pos = end + len(closer)
    return tags, errors


def template_syntax(text: str, tags: list[tuple[int, int, str]], declared: Iterable[str] | None) -> list[TemplateError]:
    """Unclosed or stray block tags, and expressions using undeclared variables."""
    errors: list[TemplateError] = []
    stack: list[tuple[str, int, int]] = []
    known: set[str] = set(declared or ())
    check_names = declared is not None and bool(known)
    for start, end, opener in tags:
        if opener == "{%":
            match = _STATEMENT.match(text, start, end)
            if not match:
                continue
            word, rest = match.group(1), match.group(2)
            if word == "set":
                name = _IDENT.search(rest)
                if name:
                    known.add(name.group().split(".")[0])
                if "=" not in rest:
                    stack.append(("set_block", start, end))
            elif word == "for":
                for name in _NAME.findall(rest.split(" in ", 1)[0]):
                    known.add(name)
                stack.append((word, start, end))
            elif word == "macro":
                known.update(_NAME.findall(rest))
                stack.append((word, start, end))
            elif word in _BLOCKS:
                stack.append((word, start, end))
            elif word.startswith("end"):
                wanted = word[3:] if word != "endset" else "set_block"
                if stack and stack[-1][0] == wanted:
                    stack.pop()
                else:
                    errors.append(TemplateError(start, end, "stray-end", f"'{word}' has no open '{wanted}' block"))
        elif opener == "{{" and check_names:
            name = _IDENT.search(text, start + 2, end - 2)
            if name and name.group().split(".")[0] not in known and name.group() not in known:
                errors.append(TemplateError(start, end, "undeclared",
                                            f"variable '{name.group()}' is not declared in the front matter"))
    for word, start, end in stack:
        shown = "set" if word == "set_block" else word
        errors.append(TemplateError(start, end, "unclosed-block", f"'{shown}' block is never closed with 'end{shown}'"))
    return errors


def _slot_like(content: str) -> bool:
    content = content.strip()
    if not content or _NOT_SLOTS.match(content) or not _WORDY.match(content):
        return False
    words = content.split()
    if len(words) > 7:
        return False
    if _KEYWORD.search(content):
        return True
    # "[Company]", "<Hiring Manager>", "[TEAM]": every word capitalised.
    return all(w[:1].isupper() for w in words if w[:1].isalpha())


def _holds(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``words``: the gate of a pattern whose every match
    holds one (``in`` looks in C; patterns that open with a look-behind or with one of
    many capitals are tried at nearly every position).

    A word's first character is looked for before the word: ``in`` finds one character
    with memchr, several times faster than it looks for a longer word.
    """
    return any(word[0] in text and word in text for word in words)


def find_slots(text: str, start: int = 0, taken: Iterable[tuple[int, int]] = ()) -> list[Slot]:
    """Non-Jinja placeholders in ``text[start:]``, skipping spans already ``taken``.

    Inline code (`` `{user_id}` ``) is code the writer quotes, not a placeholder.
    """
    # Each pattern runs only over a text holding the characters it opens with (or one
    # of the words its every match holds): most notes hold few of "{[<%`$", and
    # "c in text" (memchr) costs a tenth of a pattern's search that finds nothing.
    tail = text[start:] if start else text
    code = _INLINE_CODE.finditer(text, start) if "`" in tail else ()
    # Taken spans, merged and kept sorted, so each test is a binary search: a note
    # full of placeholders must not cost the square of their number.
    merged: list[list[int]] = []
    for a, b in sorted([*taken, *(m.span() for m in code)]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    ends = [b for _, b in merged]
    slots: list[Slot] = []

    def free(s: int, e: int) -> bool:
        index = bisect.bisect_left(starts, e) - 1  # the last span starting before e
        return index < 0 or ends[index] <= s

    def add(s: int, e: int, name: str, style: str) -> None:
        if free(s, e):
            slots.append(Slot(s, e, _norm(name), style))
            index = bisect.bisect_left(starts, s)
            starts.insert(index, s)
            ends.insert(index, e)

    braces = "{" in tail
    for match in _BRACE.finditer(text, start) if braces else ():
        if _slot_like(match.group(1)) or _SNAKE.fullmatch(match.group(1)):
            add(match.start(), match.end(), match.group(1), "brace")
    for match in _BRACKET.finditer(text, start) if "[" in tail else ():
        content = match.group(1)
        if content.strip().isdigit():
            continue
        if _slot_like(content) or content.lower().startswith("insert"):
            add(match.start(), match.end(), content, "bracket")
    for match in _ANGLE.finditer(text, start) if "<" in tail else ():
        content = match.group(1).strip()
        first = content.split()[0].lower() if content.split() else ""
        if "://" in content or first in _HTML_TAGS or "=" in content:
            continue
        if _slot_like(content) and (" " in content or "_" in content or content[:1].isupper() or _KEYWORD.search(content)):
            add(match.start(), match.end(), content, "angle")
    for match in _PERCENT.finditer(text, start) if "%" in tail else ():
        add(match.start(), match.end(), match.group(1), "percent")
    if _holds(tail, ("___", "XXX")):
        for match in _BLANK.finditer(text, start):
            add(match.start(), match.end(), "blank", "blank")
    for match in _DOLLAR.finditer(text, start) if "${" in tail else ():
        add(match.start(), match.end(), match.group(1), "dollar")
    for match in _CODE.finditer(text, start) if braces else ():
        add(match.start(), match.end(), match.group(1).split("(")[0].split("[")[0], "code")
    for pattern, needs in _STAND_INS:  # they never overlap: order is free
        if not _holds(tail, needs):
            continue
        for match in pattern.finditer(text, start):
            add(match.start() + len(match.group()) - len(match.group().lstrip()), match.end() - (len(match.group()) - len(match.group().rstrip())), match.group().strip(), "stand-in")
    if _holds(tail, _CAPS_WORDS):
        lines: dict[int, tuple[int, int]] = {}
        for match in _CAPS.finditer(text, start):
            if _shouting(text, match.start(), match.end(), lines):
                continue
            add(match.start(), match.end(), match.group(), "caps")
    return sorted(slots, key=lambda s: s.start)


def _letters(text: str) -> tuple[int, int]:
    """(capital letters, letters) of ``text``."""
    return sum(c.isupper() for c in text), sum(c.isalpha() for c in text)


def _shouting(text: str, start: int, end: int, lines: dict[int, tuple[int, int]]) -> bool:
    """Whether the rest of the line around ``[start, end)`` is in capitals (a heading).

    Each line's counts are taken once (``lines`` caches them by line start), so a line
    of many stand-ins costs its length, not its length times their number.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if line_start not in lines:
        line_end = text.find("\n", end)
        lines[line_start] = _letters(text[line_start : len(text) if line_end == -1 else line_end])
    upper, letters = lines[line_start]
    match_upper, match_letters = _letters(text[start:end])
    upper, letters = upper - match_upper, letters - match_letters
    return letters >= 3 and upper > 0.5 * letters


def looks_like_template(text: str) -> bool:
    """Whether the text uses Jinja syntax: an opening ``{{`` or ``{%``, closed or not."""
    # "{" first: one character is found with memchr, several times faster than a pair.
    return "{" in text and ("{{" in text or "{%" in text)


def _declared(front: Mapping[str, Any]) -> dict[str, str]:
    declared = front.get("variables", front.get("vars"))
    if isinstance(declared, Mapping):
        return {str(k): "" if v is None else str(v) for k, v in declared.items()}
    if isinstance(declared, list):
        samples = front.get("samples") if isinstance(front.get("samples"), Mapping) else {}
        return {str(k): str(samples.get(k, "")) for k in declared if isinstance(k, (str, int))}
    return {}


def with_placeholders(draft: Draft) -> Draft:
    """Return ``draft`` with its placeholders recorded as slots, as a template would have.

    Readers of finished drafts (plain text, mail, Markdown) call this so that a leftover
    ``[Interviewer Name]`` is recognised exactly as in a template. Placeholders inside
    quoted text or markup are left alone; those in a signature count (a signature that
    still says ``[Your Name]`` goes out as written).
    """
    parts = {}
    changed = False
    for name, part in draft.parts.items():
        blocked = [(m.start, m.end) for m in part.masks if m.kind != "signature"]
        tags, _ = _tags(part.text)
        slots = [Slot(s, e, "expression", "jinja") for s, e, opener in tags
                 if opener != "{#" and not any(a < e and s < b for a, b in blocked)]
        slots += find_slots(part.text, 0, blocked + [(s.start, s.end) for s in slots])
        if slots:
            changed = True
            part = DraftPart(part.name, part.text, part.masks, slots=tuple(sorted(slots, key=lambda x: x.start)))
        parts[name] = part
    return replace(draft, parts=parts) if changed else draft


def read_template(text: str, origin: str = "<string>", mode: Literal["draft", "template"] = "template") -> Draft:
    """Parse a template: front matter, slots, masks and syntax errors.

    With ``mode="draft"`` the same text is read as a note about to be sent, in which
    the slots are leftovers rather than values to fill.
    """
    front, front_end = split_front_matter(text)
    masks = [Mask(0, front_end, "front-matter")] if front_end else []
    tags, errors = _tags(text, front_end)
    slots: list[Slot] = []
    for start, end, opener in tags:
        if opener == "{{":
            name = _IDENT.search(text, start + 2, end - 2)
            slots.append(Slot(start, end, _norm(name.group()) if name else "expression", "jinja"))
        else:
            masks.append(Mask(start, end, "template"))
    variables = _declared(front)
    errors += template_syntax(text, tags, variables.keys() if "variables" in front or "vars" in front else None)
    taken = [(s, e) for s, e, _ in tags] + [(m.start, m.end) for m in masks]
    slots += find_slots(text, front_end, taken)
    masks += [m for m in markdown_masks(text, front_end) if not any(s.start < m.end and m.start < s.end for s in slots)]
    rest = text[front_end:]
    masks += [Mask(m.start + front_end, m.end + front_end, m.kind) for m in find_masks(rest)]
    directives, marks = find_directives(text)
    masks += [m for m in marks if not any(x.start <= m.start and m.end <= x.end for x in masks)]
    body = DraftPart("body", text, tuple(sorted(masks, key=lambda m: (m.start, m.end))), slots=tuple(sorted(slots, key=lambda s: s.start)))
    return Draft(
        parts={"body": body},
        kind="template",
        origin=origin,
        context=context_from_mapping(front),
        mode=mode,
        template_errors=tuple(sorted(errors, key=lambda e: e.start)),
        variables=variables,
        suppress=front_matter_suppress(front),
        directives=tuple(directives),
    )


class Rendered:
    """A template rendered with its sample values, and the map back to the source.

    ``segments`` are (rendered start, rendered end, source start, source end, exact):
    exact segments are copied text (offsets shift one for one); the others are a sample
    value standing for a whole slot, or a removed tag.
    """

    def __init__(self, draft: Draft, text: str, segments: list[tuple[int, int, int, int, bool]]) -> None:
        self.draft = draft
        self.text = text
        self.segments = segments
        self._starts = [s[0] for s in segments]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a rendered span to the template source (a value maps to its whole slot)."""
        import bisect

        def find(offset: int) -> tuple[int, int, int, int, bool]:
            index = max(0, bisect.bisect_right(self._starts, offset) - 1)
            return self.segments[index]

        r0, r1, s0, s1, exact = find(start)
        src_start = s0 + (start - r0) if exact else s0
        r0, r1, s0, s1, exact = find(max(start, end - 1))
        src_end = s0 + (end - r0) if exact else s1
        return src_start, max(src_end, src_start + 1)


def render_template(draft: Draft) -> Rendered:
    """Fill a template's slots with its sample values and drop its tags.

    Slots without a sample value stay as written (and are still slots); front matter is
    kept so that line numbers of the rendered text stay close to the source's.
    """
    part = draft.body
    text = part.text
    samples = {_norm(k): v for k, v in draft.variables.items() if v}
    edits: list[tuple[int, int, str]] = []
    for slot in part.slots:
        if slot.style == "jinja" and samples.get(slot.name.split(".")[0]):
            edits.append((slot.start, slot.end, samples[slot.name.split(".")[0]]))
    for mask in part.masks:
        if mask.kind == "template":
            edits.append((mask.start, mask.end, ""))
    edits.sort()
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int, bool]] = []
    src = out = 0
    for start, end, value in edits:
        if start < src:
            continue
        if start > src:
            pieces.append(text[src:start])
            segments.append((out, out + start - src, src, start, True))
            out += start - src
        pieces.append(value)
        segments.append((out, out + len(value), start, end, False))
        out += len(value)
        src = end
    pieces.append(text[src:])
    segments.append((out, out + len(text) - src, src, len(text), True))
    return Rendered(draft, "".join(pieces), segments)
