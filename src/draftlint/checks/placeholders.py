"""Leftover placeholders in a draft about to be sent.

The readers record every placeholder as a :class:`~draftlint.draft.Slot`, with the
same recognition for templates and drafts (see :mod:`draftlint.sources.template`). In
template mode a slot is a value to fill and nothing is reported; in a draft it is a
mistake the reader will see. A slot inside quoted text or markup is not the writer's;
one in the signature is (a signature that still says "[Your Name]" goes out as is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .base import Analysis, Hit

__all__ = ["leftover_placeholders"]

# What a slot stands for, by words in its name, for the suggestion.
_WHAT = (
    (("interviewer", "manager", "recruiter", "contact", "hiring", "person"), "the person's name"),
    (("your", "my", "sender"), "your own details"),
    (("company", "organisation", "organization", "employer", "firm"), "the company's name"),
    (("position", "role", "title", "job"), "the role's title"),
    (("date", "day", "time"), "the date"),
    (("name",), "the name"),
)


def _what(name: str) -> str:
    words = set(name.replace(".", "_").split("_"))
    for keys, what in _WHAT:
        if words.intersection(keys):
            return what
    return "the words you meant"


def leftover_placeholders(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """One hit per placeholder of the styles in ``options["styles"]``, in drafts only."""
    if analysis.draft.mode != "draft":
        return
    styles = set(options.get("styles", ()))
    for part_name, part in analysis.draft.parts.items():
        for slot in part.slots:
            if slot.style not in styles:
                continue
            # Indexed lookup: a draft can hold thousands of slots and masks.
            if part.mask_kinds(slot.start, slot.end) - {"signature"}:
                continue
            yield Hit(part_name, slot.start, slot.end, args={"what": _what(slot.name)})  # type: ignore[arg-type]
