"""draftlint: lint job-interview follow-up emails before they are sent.

>>> from draftlint import lint_draft, Context
>>> report = lint_draft("Hi Sam, I still haven't heard back. Please call me back.",
...                     context=Context(interviewers=["Sam Ortiz"]))
>>> [f.rule_id for f in report.findings]  # doctest: +SKIP
"""

from __future__ import annotations

from ._version import __version__
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

__all__ = [
    "BatchReport",
    "Company",
    "Config",
    "ConfigError",
    "Context",
    "Draft",
    "DraftStats",
    "DraftlintError",
    "Finding",
    "Fix",
    "InputError",
    "InputFailure",
    "Person",
    "PluginError",
    "RelatedLocation",
    "Report",
    "RuleConfig",
    "RuleFileError",
    "Severity",
    "__version__",
    "lint_draft",
    "lint_drafts",
    "lint_file",
    "lint_paths",
]
