"""The exceptions draftlint raises.

Every error draftlint raises on purpose derives from :class:`DraftlintError`, and its
message is one line that names the file (and rule or plugin) at fault::

    DraftlintError
     ├── ConfigError      a config file or option is wrong
     ├── RuleFileError    a rule file is malformed (bad YAML, schema, or pattern)
     ├── PluginError      an installed plugin failed to import or is invalid
     └── InputError       an input cannot be read or decoded

Linting itself never raises because of what a draft *contains*: these errors come from
loading configuration, rules and plugins, or from reading a file that is not there.
"""

from __future__ import annotations

__all__ = ["ConfigError", "DraftlintError", "InputError", "PluginError", "RuleFileError"]


class DraftlintError(Exception):
    """Base class of every error draftlint raises on purpose."""


class ConfigError(DraftlintError):
    """A configuration file, value or option is invalid."""


class RuleFileError(DraftlintError):
    """A rule file cannot be loaded: bad YAML, a schema violation or an invalid pattern."""


class PluginError(DraftlintError):
    """An installed plugin could not be imported or does not provide what it declares."""


class InputError(DraftlintError):
    """An input could not be read or decoded."""
