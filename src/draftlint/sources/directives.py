"""Inline suppression directives written in a draft or template.

Two spellings, both invisible once a note is rendered or sent as HTML::

    <!-- draftlint: disable DL201, impatience -- a reason -->
    {# draftlint: disable=DL201 #}

Actions: ``disable`` (until a matching ``enable`` or the end of the text), ``enable``,
``disable-next-line`` and ``disable-file``. Keys are rule ids, id prefixes, rule
names or categories; no key means every rule. Directives are masked, never linted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..draft import Mask

__all__ = ["Directive", "find_directives"]

Action = Literal["disable", "enable", "disable-next-line", "disable-file"]

# Keys and reason are bounded: an unclosed "<!-- draftlint: disable" must not make every
# later opener scan to the end of the text (quadratic time on hostile input).
_DIRECTIVE = re.compile(
    r"""<!--\s*draftlint:\s*(?P<a1>disable-next-line|disable-file|disable|enable)\b
            (?P<k1>(?:(?!--).){0,1000}?)(?:--(?P<r1>(?:(?!-->).){0,1000}))?\s*-->
      | \{\#-?\s*draftlint:\s*(?P<a2>disable-next-line|disable-file|disable|enable)\b
            (?P<k2>[^#]*?)(?:--(?P<r2>[^#]*))?\s*-?\#\}""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive: what it does, to which rule keys, and where it stands."""

    action: Action
    keys: tuple[str, ...]
    start: int
    end: int
    reason: str = ""


def find_directives(text: str) -> tuple[list[Directive], list[Mask]]:
    """Every directive in ``text``, and a mask for each so that it is not linted."""
    directives = []
    masks = []
    if "<" not in text and "{" not in text:
        # Every directive opens with "<!--" or "{#", and most notes hold neither "<"
        # nor "{": the IGNORECASE pattern would be tried at every position for nothing.
        return directives, masks
    for match in _DIRECTIVE.finditer(text):
        action = (match.group("a1") or match.group("a2")).lower()
        raw = (match.group("k1") or match.group("k2") or "").strip().lstrip("=").strip()
        keys = tuple(k for k in re.split(r"[\s,]+", raw) if k)
        reason = (match.group("r1") or match.group("r2") or "").strip()
        directives.append(Directive(action, keys, match.start(), match.end(), reason))  # type: ignore[arg-type]
        masks.append(Mask(match.start(), match.end(), "markup"))
    return directives, masks
