"""Configuration: which rules run, at what severity, with which options.

A :class:`Config` is a frozen pydantic model. It can be built in code, or read from
``[tool.draftlint]`` in ``pyproject.toml`` or from a ``draftlint.toml`` with
:meth:`Config.from_file`. Keys are kebab-case in files and snake_case in Python.
Unknown keys and bad values fail with one line naming the key and the file.
"""

from __future__ import annotations

import fnmatch
import importlib.metadata
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator
from pydantic.alias_generators import to_snake

from .errors import ConfigError
from .models import Severity

__all__ = ["PRESETS", "Config", "Override", "RuleConfig", "discover"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleConfig(BaseModel):
    """Per-rule settings: a severity override, ``enabled``, and the rule's options."""

    model_config = ConfigDict(frozen=True, extra="allow", alias_generator=_kebab, populate_by_name=True)

    severity: Severity | None = None
    enabled: StrictBool = True

    @property
    def options(self) -> dict[str, Any]:
        """Rule-specific options (every key other than severity and enabled)."""
        return {to_snake(k.replace("-", "_")): v for k, v in (self.model_extra or {}).items()}


class Override(BaseModel):
    """Settings for the files matching ``files`` (globs relative to the config file)."""

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=_kebab, populate_by_name=True)

    files: tuple[str, ...] = Field(min_length=1)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    rules: dict[str, RuleConfig] = Field(default_factory=dict)
    templates: StrictBool | None = None


PRESETS = ("recommended", "strict", "relaxed")
_PACKAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


class Config(BaseModel):
    """What to lint and how.

    Attributes:
        select: rule ids, id prefixes, names, name prefixes or categories to run
            (empty: every rule).
        ignore: the same kinds of keys, removed after ``select``.
        rules: per-rule settings keyed by id or name.
        fail_on: the lowest severity that makes the CLI exit 1 (``never``: always 0).
        rule_dirs: extra folders of YAML rule files (data only; never Python).
        model: an installed trained spaCy pipeline to use instead of the blank one.
        include: globs of files a folder walk lints (default: the known draft and
            template suffixes).
        exclude: globs of files never linted.
        templates: globs of files read in template mode (placeholders are slots).
        render_templates: lint templates as rendered with their sample values
            (offsets still index the template source).
        max_bytes: the input size limit, a positive number of bytes (characters for
            a string); larger inputs are refused with an input error. ``None`` (the
            default): ``DRAFTLINT_MAX_BYTES`` if set, else 5 MiB.
        extends: a preset the file builds on (``recommended``, ``strict``,
            ``relaxed``; see ``rules/presets``). The file's own keys win; ``rules``
            tables merge rule by rule.
        overrides: per-path settings, applied in order to files matching their globs:
            ``select`` replaces the selection, ``ignore`` adds to it, ``rules`` merge
            rule by rule with the later table winning, ``templates = true`` reads
            the files as templates. ``fail-on`` stays global.
        root: the folder globs are relative to (the config file's folder).
        source: the file the settings were read from, named in error messages.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=_kebab, populate_by_name=True)

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: dict[str, RuleConfig] = Field(default_factory=dict)
    fail_on: Literal["info", "warning", "error", "never"] = "warning"
    rule_dirs: tuple[Path, ...] = ()
    model: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    render_templates: StrictBool = False
    max_bytes: Annotated[StrictInt, Field(gt=0)] | None = None
    extends: Literal["recommended", "strict", "relaxed"] | None = None
    overrides: tuple[Override, ...] = ()
    root: Path | None = None
    source: Path | None = None

    @field_validator("model")
    @classmethod
    def _installed_pipeline(cls, value: str | None) -> str | None:
        """A trained pipeline is named by its installed package, never by a path: a
        configuration must not load models (or code) from wherever it happens to be."""
        if value is None:
            return value
        if not _PACKAGE_NAME.fullmatch(value):
            raise ValueError(f"{value!r} is not the name of a pipeline package (paths are not accepted)")
        try:
            importlib.metadata.distribution(value)
        except importlib.metadata.PackageNotFoundError:
            raise ValueError(f"no spaCy pipeline package {value!r} is installed") from None
        return value

    def cache_key(self) -> str:
        """A string that is equal for configs that lint the same way."""
        return self.model_dump_json()

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Read ``[tool.draftlint]`` from a pyproject.toml, or a whole draftlint.toml.

        Raises:
            ConfigError: the file cannot be read or parsed, or a key or value is wrong;
                the message names the file and the key.
        """
        path = Path(path)
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            tool = data.get("tool", {})
            data = tool.get("draftlint", {}) if isinstance(tool, dict) else {}
            if not isinstance(data, dict):
                raise ConfigError(f"{path}: tool.draftlint: expected a table, got {type(data).__name__}")
        base = path.parent
        if isinstance(data.get("rule-dirs"), list):
            data["rule-dirs"] = [str(base / d) if isinstance(d, str) else d for d in data["rule-dirs"]]
        for reserved in ("root", "source"):
            if reserved in data:
                raise ConfigError(f"{path}: {reserved}: not a configuration key")
        data["root"] = str(base)
        data["source"] = str(path)
        preset = data.get("extends")
        if preset is not None:
            if preset not in PRESETS:
                raise ConfigError(f"{path}: extends: unknown preset {preset!r}; choose from {', '.join(PRESETS)}")
            data = _merge_preset(_preset(preset), data)
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            key = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{path}: {key}: {first['msg']}") from None

    def kind_for(self, path: str | Path, kind: str = "auto") -> str:
        """The reader for ``path``: ``template`` when ``kind`` is ``auto`` and a
        ``templates`` glob matches the path as given, else ``kind`` unchanged."""
        if kind == "auto" and any(fnmatch.fnmatch(Path(path).as_posix(), g) for g in self.templates):
            return "template"
        return kind

    def for_path(self, path: str | Path) -> Config:
        """The settings that apply to one file, with matching ``overrides`` merged in."""
        if not self.overrides:
            return self
        target = Path(path).resolve()
        try:
            rel = target.relative_to((self.root or Path.cwd()).resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        select, ignore, rules, templates = self.select, list(self.ignore), dict(self.rules), None
        for override in self.overrides:
            if not any(fnmatch.fnmatch(rel, g) for g in override.files):
                continue
            if override.select is not None:
                select = override.select
            ignore += override.ignore
            for key, settings in override.rules.items():
                if key in rules:
                    merged = {**rules[key].model_dump(exclude_unset=True), **settings.model_dump(exclude_unset=True)}
                    rules[key] = RuleConfig.model_validate(merged)
                else:
                    rules[key] = settings
            if override.templates is not None:
                templates = override.templates
        updates: dict[str, Any] = {"select": select, "ignore": tuple(ignore), "rules": rules, "overrides": ()}
        if templates:
            updates["templates"] = ("*", *self.templates)
        return self.model_copy(update=updates)


def _read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; every failure is a one-line :class:`ConfigError` naming it.

    Besides syntax errors, the standard parser raises RecursionError on arrays nested a
    few thousand deep and ValueError on an integer of more than 4,300 digits.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _preset(name: str) -> dict[str, Any]:
    from .rules.loader import builtin_rules_dir

    return _read_toml(builtin_rules_dir() / "presets" / f"{name}.toml")


def _merge_preset(preset: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    merged = {**preset, **own}
    if not isinstance(own.get("rules", {}), dict):
        return merged  # the type error is reported when the merged settings are validated
    rules = dict(preset.get("rules", {}))
    for key, table in own.get("rules", {}).items():
        rules[key] = {**rules.get(key, {}), **table} if isinstance(table, dict) else table
    if rules:
        merged["rules"] = rules
    return merged


def discover(start: Path) -> Path | None:
    """The configuration that governs ``start``: the nearest ``draftlint.toml``, or
    ``pyproject.toml`` with a ``[tool.draftlint]`` table, in its folder or above."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / "draftlint.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file():
            tool = _read_toml(project).get("tool", {})
            if isinstance(tool, dict) and "draftlint" in tool:
                return project
    return None
