"""Output formats for the CLI: each turns reports into text for a stream.

A formatter is a function ``format_x(reports, errors, *, texts, colour, quiet, **_)
-> str``: ``reports`` are the run's reports, ``errors`` (origin, message) pairs for
inputs that could not be read, ``texts`` maps (origin, part) to the linted text.
Built-in formatters are listed in :data:`FORMATTERS`; installed distributions add
more through the ``draftlint.formatters`` entry-point group (name = format name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

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


def _builtin(name: str) -> Formatter:
    # A run uses one format: each module is imported when its formatter is first
    # called, not when the command starts (XML, SARIF and GitHub support cost start-up).
    def run(*args: Any, **kwargs: Any) -> str:
        return getattr(importlib.import_module(f"{__name__}.{name}"), f"format_{name}")(*args, **kwargs)  # type: ignore[no-any-return]

    run.__name__ = run.__qualname__ = f"format_{name}"
    return run


FORMATTERS: dict[str, Formatter] = {name: _builtin(name) for name in ("text", "json", "sarif", "github", "junit")}


def __getattr__(name: str) -> Any:
    if name.startswith("format_") and name[7:] in FORMATTERS:
        return getattr(importlib.import_module(f"{__name__}.{name[7:]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def available_formatters() -> dict[str, Formatter]:
    """Built-in formatters plus those installed plugins register (loaded on use)."""
    from ..plugins import formatter_plugins

    found: dict[str, Any] = dict(FORMATTERS)
    for name, loader in formatter_plugins():
        found.setdefault(name, loader)
    return found
