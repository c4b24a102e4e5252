"""Read a plain-text draft: the body is the text; quotes and signatures are masked."""

from __future__ import annotations

from ..draft import Draft, DraftPart
from ._quotes import find_masks

__all__ = ["read_plain"]


def read_plain(text: str, origin: str = "<string>") -> Draft:
    """Wrap plain text as a draft with a single ``body`` part."""
    return Draft(parts={"body": DraftPart("body", text, tuple(find_masks(text)))}, kind="text", origin=origin)
