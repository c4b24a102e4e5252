"""Find, read and validate rule files; build the catalogue every other part reads.

Rule files are YAML 1.2 read with srsly (so ``no`` stays a string), validated against
:class:`~draftlint.rules.schema.RuleMeta`, and checked against the advice page and each
other. Any problem raises :class:`~draftlint.errors.RuleFileError` naming the file and
rule; nothing about a rule can fail later, at lint time.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import srsly
from pydantic import ValidationError

from .._version import __version__
from ..errors import RuleFileError
from .advice import Advice, load_advice
from .schema import RuleMeta

__all__ = ["Catalogue", "builtin_rules_dir", "load_catalogue", "load_rule_file"]


def builtin_rules_dir() -> Path:
    """The folder of the rules that ship with draftlint.

    In a wheel the rules sit inside the package as ``draftlint/_rules``; in a source
    checkout (an editable install) they are the top-level ``rules/`` folder.
    """
    packaged = importlib.resources.files("draftlint") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleFileError("the built-in rules folder is missing from this installation")


@dataclass(frozen=True)
class Catalogue:
    """Every loaded rule, by id, with the advice they cite."""

    rules: tuple[RuleMeta, ...]
    advice: Mapping[str, Advice]
    files: Mapping[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.rules})

    def get(self, rule_id: str) -> RuleMeta | None:
        """The rule with this id, or ``None``."""
        return self._by_id.get(rule_id.upper())  # type: ignore[attr-defined]

    def resolve(self, key: str) -> list[RuleMeta]:
        """Rules matching an id (``DL101``), id prefix (``DL1``), name, name prefix or category."""
        key = key.strip()
        upper = key.upper()
        found = [
            r
            for r in self.rules
            if r.id == upper
            or (upper[:2].isalpha() and r.id.startswith(upper) and len(upper) < 5)
            or r.name == key
            or r.name.startswith(key.rstrip(".*") + ".")
            or r.category == key
            or key in r.aliases
        ]
        return found


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "file"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def load_rule_file(path: Path) -> RuleMeta:
    """Read and validate one rule file.

    Raises:
        RuleFileError: the YAML is malformed or the rule breaks the schema.
    """
    try:
        data = srsly.read_yaml(path)
    except Exception as exc:  # noqa: BLE001 - every YAML error becomes one line
        detail = str(exc).strip().splitlines()
        raise RuleFileError(f"{path}: not valid YAML: {detail[0] if detail else exc}") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: a rule file must be a mapping of fields")
    rule_id = data.get("id", "?")
    try:
        rule = RuleMeta.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(f"{path}: rule {rule_id}: {_describe(exc)}") from None
    if not path.name.startswith(rule.id + "-") and path.stem != rule.id:
        raise RuleFileError(f"{path}: rule {rule.id}: the file name must start with '{rule.id}-'")
    _validate_patterns(path, rule)
    return rule


def _validate_patterns(path: Path, rule: RuleMeta) -> None:
    """Compile every token pattern with spaCy's validation, so typos fail here.

    This runs when a rule file is read, not at every start: a catalogue is cached only
    after all its files passed.
    """
    patterns = [*rule.patterns, *rule.exceptions.patterns]
    if not patterns:
        return
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    matcher = Matcher(Vocab(), validate=True)
    for number, pattern in enumerate(patterns):
        try:
            matcher.add(f"{rule.id}-{number}", [[dict(token) for token in pattern]])
        except Exception as exc:  # noqa: BLE001 - spaCy raises several error types here
            detail = " ".join(str(exc).split())
            raise RuleFileError(f"{path}: rule {rule.id}: invalid pattern: {detail[:300]}") from None


def _rule_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith(".")
    )


def load_catalogue(folders: Iterable[Path]) -> Catalogue:
    """Load every rule file under ``folders``; the first folder holds ``ADVICE.md``.

    Raises:
        RuleFileError: any file is invalid, two rules share an id or a name, or a rule
            cites an advice id the advice page does not have.
    """
    return _load_catalogue(tuple(Path(f) for f in folders))


def cache_dir() -> Path | None:
    """Where compiled catalogues are cached, or ``None`` when caching is off.

    ``DRAFTLINT_NO_CACHE`` turns caching off; ``DRAFTLINT_CACHE_DIR`` moves it; the
    default is ``$XDG_CACHE_HOME/draftlint`` (``~/.cache/draftlint``).
    """
    if os.environ.get("DRAFTLINT_NO_CACHE"):
        return None
    if os.environ.get("DRAFTLINT_CACHE_DIR"):
        return Path(os.environ["DRAFTLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "draftlint"


def _digest(folder: Path) -> tuple[str, list[Path]]:
    """A hash of a folder's rule files (names and bytes) and draftlint's version, and
    the files."""
    if not folder.is_dir():
        raise RuleFileError(f"{folder}: rules folder not found")
    h = hashlib.sha256(__version__.encode())
    files = _rule_files(folder)
    for path in [folder / "ADVICE.md", *files]:
        h.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(path.read_bytes() + b"\0")
        except OSError:
            h.update(b"<missing>\0")
    return h.hexdigest()[:32], files


def _read_cache(path: Path) -> list[RuleMeta] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [RuleMeta.model_validate(rule) for rule in data["rules"]]
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None


_KEEP_CACHES = 8


def _write_cache(path: Path, rules: Iterable[RuleMeta]) -> None:
    payload = json.dumps({"rules": [r.model_dump(mode="json") for r in rules]})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".catalogue-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, path)
        # Each change of the rule files writes a new catalogue; keep only the newest few.
        older = sorted(path.parent.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[_KEEP_CACHES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home is fine: the cache only saves start-up time


def _cached_rules(cache: Path | None, count: int) -> list[RuleMeta] | None:
    if cache is None or not cache.is_file():
        return None
    cached = _read_cache(cache)
    if cached is None or len(cached) != count:
        return None
    try:
        os.utime(cache)  # in use: keep it among the newest when old caches are pruned
    except OSError:
        pass
    return cached


@lru_cache(maxsize=8)
def _load_catalogue(folders: tuple[Path, ...]) -> Catalogue:
    advice = load_advice(folders[0] / "ADVICE.md")
    where = cache_dir()
    rules: dict[str, RuleMeta] = {}
    names: dict[str, str] = {}
    files: dict[str, Path] = {}
    for folder in folders:
        digest, paths = _digest(folder)
        # Parsing YAML with srsly's pure-Python loader is the slowest part of start-up,
        # so each folder's validated rules are cached as JSON keyed by the hash of its
        # files: adding a folder of one's own rules reparses only that folder.
        cache = where / f"catalogue-{digest}.json" if where else None
        cached = _cached_rules(cache, len(paths))
        loaded = []
        for position, path in enumerate(paths):
            rule = cached[position] if cached is not None else load_rule_file(path)
            if rule.id in rules:
                raise RuleFileError(f"{path}: rule {rule.id}: id already used by {files[rule.id]}")
            if rule.name in names:
                raise RuleFileError(f"{path}: rule {rule.id}: name {rule.name} already used by {names[rule.name]}")
            unknown = [s for s in rule.sources if s not in advice]
            if unknown:
                raise RuleFileError(f"{path}: rule {rule.id}: unknown advice id {unknown[0]} in sources")
            rules[rule.id] = rule
            names[rule.name] = rule.id
            files[rule.id] = path
            loaded.append(rule)
        if cache is not None and cached is None:
            _write_cache(cache, loaded)
    ordered = tuple(sorted(rules.values(), key=lambda r: r.id))
    return Catalogue(rules=ordered, advice=advice, files=files)
