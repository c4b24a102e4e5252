"""The advice page (``ADVICE.md`` shipped with the rules): ids, titles and text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleFileError

__all__ = ["Advice", "load_advice"]

_HEADING = re.compile(r"^### (A\d+) — (.+)$", re.M)


@dataclass(frozen=True)
class Advice:
    """One point of the advice."""

    id: str
    title: str
    text: str


def load_advice(path: Path) -> dict[str, Advice]:
    """Parse the advice page into a mapping from id to :class:`Advice`.

    Raises:
        RuleFileError: the page is missing or has no advice headings.
    """
    try:
        page = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read the advice page: {exc.strerror or exc}") from None
    headings = list(_HEADING.finditer(page))
    if not headings:
        raise RuleFileError(f"{path}: no advice headings of the form '### A1 — title'")
    advice = {}
    for index, match in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(page)
        text = page[match.end() : end].split("\n## ", 1)[0].strip()
        advice[match.group(1)] = Advice(match.group(1), match.group(2).strip(), text)
    return advice
