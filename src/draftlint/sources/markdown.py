"""Read Markdown with optional YAML front matter into a draft.

The front matter (between ``---`` lines at the very top) is parsed with srsly's safe
YAML 1.2 loader and feeds the context; it is masked, not removed, so line numbers in
findings match the file. Fenced code, HTML comments and link targets are masked too.
"""

from __future__ import annotations

import re
from typing import Any

import srsly
from pydantic import ValidationError

from ..draft import Draft, DraftPart, Mask
from ..models import Context
from ._quotes import find_masks

__all__ = ["context_from_mapping", "markdown_masks", "read_markdown", "split_front_matter"]

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]*>")
_MAX_FRONT_MATTER = 64 * 1024

# Front-matter keys that name context fields under another spelling.
_ALIASES = {
    "interviewer": "interviewers",
    "interviewer_names": "interviewers",
    "company_name": "company",
    "date": "interview_date",
    "interviewed": "interview_date",
    "decision": "decision_date",
    "from": "sender",
}


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """Return (front matter mapping, end offset of the front matter block)."""
    match = _FRONT.match(text)
    if not match or len(match.group(1)) > _MAX_FRONT_MATTER:
        return {}, 0
    try:
        data = srsly.yaml_loads(match.group(1))
    except Exception:  # noqa: BLE001 - front matter that is not YAML gives no context
        return {}, match.end()
    return (data if isinstance(data, dict) else {}), match.end()


def context_from_mapping(data: dict[str, Any]) -> Context | None:
    """Build a context from front-matter keys, ignoring keys and values it cannot use."""
    values: dict[str, Any] = {}
    fields = Context.model_fields
    for key, value in data.items():
        name = _ALIASES.get(str(key).replace("-", "_"), str(key).replace("-", "_"))
        if name in fields:
            values[name] = value
    if not values:
        return None
    try:
        return Context(**values)
    except ValidationError:
        usable = {}
        for name, value in values.items():
            try:
                Context(**{name: value})
            except ValidationError:
                continue
            usable[name] = value
        return Context(**usable) if usable else None


def markdown_masks(text: str, start: int = 0) -> list[Mask]:
    """Masks for fenced code, HTML comments, link targets and autolinks."""
    return [
        Mask(m.start(), m.end(), "markup")
        for pattern in (_FENCE, _COMMENT, _LINK_TARGET, _AUTOLINK)
        for m in pattern.finditer(text, start)
    ]


def read_markdown(text: str, origin: str = "<string>") -> Draft:
    """Parse a Markdown draft; front matter becomes context and is masked."""
    front, end = split_front_matter(text)
    masks = [Mask(0, end, "front-matter")] if end else []
    masks.extend(markdown_masks(text, end))
    rest = text[end:]
    masks.extend(Mask(m.start + end, m.end + end, m.kind) for m in find_masks(rest))
    body = DraftPart("body", text, tuple(sorted(masks, key=lambda m: (m.start, m.end))))
    return Draft(parts={"body": body}, kind="markdown", origin=origin, context=context_from_mapping(front))
