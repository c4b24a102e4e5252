"""draftlint: lint job-interview follow-up emails before they are sent.

>>> from draftlint import lint_draft, Context
>>> report = lint_draft("Hi Sam, I still haven't heard back. Please call me back.",
...                     context=Context(interviewers=["Sam Ortiz"]))
>>> [f.rule_id for f in report.findings]  # doctest: +SKIP

The public names are loaded on first use (PEP 562): ``import draftlint`` alone does
not import spaCy, so the command line can set up the process (see
:func:`draftlint.cli.main`) before the heavy imports run.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import lint_draft, lint_drafts, lint_file, lint_paths
    from .config import Config, RuleConfig
    from .draft import Draft
    from .errors import ConfigError, DraftlintError, InputError, PluginError, RuleFileError
    from .models import (
        BatchReport,
        Company,
        Context,
        DraftStats,
        Finding,
        Fix,
        InputFailure,
        Person,
        RelatedLocation,
        Report,
        Severity,
    )

# Public name -> the module that defines it.
_HOMES = {
    **dict.fromkeys(("lint_draft", "lint_drafts", "lint_file", "lint_paths"), "api"),
    **dict.fromkeys(("Config", "RuleConfig"), "config"),
    "Draft": "draft",
    **dict.fromkeys(("ConfigError", "DraftlintError", "InputError", "PluginError", "RuleFileError"), "errors"),
    **dict.fromkeys(
        ("BatchReport", "Company", "Context", "DraftStats", "Finding", "Fix", "InputFailure", "Person",
         "RelatedLocation", "Report", "Severity"),
        "models",
    ),
}

__all__ = sorted([*_HOMES, "__version__"])


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
