"""Read a plain-text draft: the body is the text; quotes and signatures are masked."""

from __future__ import annotations

from ..draft import Draft, DraftPart
from ._quotes import find_masks
from .directives import find_directives

__all__ = ["read_plain"]


def read_plain(text: str, origin: str = "<string>") -> Draft:
    """Wrap plain text as a draft with a single ``body`` part."""
    directives, marks = find_directives(text)
    masks = tuple(sorted([*find_masks(text), *marks], key=lambda m: (m.start, m.end)))
    return Draft(parts={"body": DraftPart("body", text, masks)}, kind="text", origin=origin, directives=tuple(directives))
