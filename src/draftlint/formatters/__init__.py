"""Output formats for the CLI: each turns reports into text for a stream.

A formatter is a function ``format_x(reports, errors, *, texts, colour, quiet, **_)
-> str``: ``reports`` are the run's reports, ``errors`` (origin, message) pairs for
inputs that could not be read, ``texts`` maps (origin, part) to the linted text.
Built-in formatters are listed in :data:`FORMATTERS`; installed distributions add
more through the ``draftlint.formatters`` entry-point group (name = format name).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .github import format_github
from .json import format_json
from .junit import format_junit
from .sarif import format_sarif
from .text import format_text

__all__ = [
    "FORMATTERS",
    "available_formatters",
    "format_github",
    "format_json",
    "format_junit",
    "format_sarif",
    "format_text",
]

Formatter = Callable[..., str]

FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
    "junit": format_junit,
}


def available_formatters() -> dict[str, Formatter]:
    """Built-in formatters plus those installed plugins register (loaded on use)."""
    from ..plugins import formatter_plugins

    found: dict[str, Any] = dict(FORMATTERS)
    for name, loader in formatter_plugins():
        found.setdefault(name, loader)
    return found
