"""The functions most callers need: lint a string, bytes, a parsed draft or a file."""

from __future__ import annotations

import email.message
import os
from typing import Literal

from .config import Config
from .draft import Draft
from .engine import get_linter
from .models import Context, Report
from .sources import read, read_path

__all__ = ["lint_draft", "lint_file"]


def lint_draft(
    draft: str | bytes | Draft | email.message.Message,
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Literal["auto", "text", "eml", "markdown"] = "auto",
    origin: str | None = None,
) -> Report:
    """Lint one draft and return its report.

    Args:
        draft: the text of the draft, raw bytes (plain text or an RFC 5322 message), a
            parsed :class:`email.message.Message`, or a :class:`Draft`.
        context: who the note is for and when; fields it leaves unset are taken from
            the draft itself (mail headers, front matter).
        config: which rules run and how; defaults to every rule at its default severity.
        kind: ``auto`` to sniff the input, or ``text``, ``eml`` or ``markdown``.
        origin: a name for the draft in the report (a file name); ``<string>`` by default.

    Returns:
        A frozen :class:`Report`. Offsets index the text of each finding's part.

    Raises:
        ConfigError, RuleFileError, PluginError: the configuration, a rule file or a
            plugin is invalid (raised on first use, never because of the draft's text).
    """
    linter = get_linter(config)
    parsed = draft if isinstance(draft, Draft) else read(draft, kind=kind, origin=origin)
    return linter.lint(parsed, context)


def lint_file(
    path: str | os.PathLike[str],
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Literal["auto", "text", "eml", "markdown"] = "auto",
) -> Report:
    """Read a file (``.txt``, ``.eml``, ``.md``, …) and lint it.

    Raises:
        InputError: the file cannot be read or is not text.
    """
    linter = get_linter(config)
    return linter.lint(read_path(path, kind=kind), context)
