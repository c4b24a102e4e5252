"""Discover installed plugins through entry points.

Two groups are read, in sorted order so that the result never depends on install order:

``draftlint.rules``
    A rule pack: the entry point names a package (or a path) whose folder holds YAML
    rule files. Data only.
``draftlint.checks``
    A Python check: the entry point's name is the rule id (``XY101``) and its object is
    a function ``check(analysis, options) -> Iterable[Hit]``. The rule's metadata comes
    from a rule file of ``kind: python`` with that id, usually shipped in the plugin's
    own rule pack.

Plugins load only from installed distributions; nothing in the working directory is
imported. A plugin that fails to import raises :class:`~draftlint.errors.PluginError`
naming the entry point and its distribution.

The working directory: the ``draftlint`` command (a console script) runs with its own
``bin`` folder, not the working directory, at the head of ``sys.path``, so a
``yaml.py`` or ``spacy.py`` lying in the folder being linted is never imported. Python
itself puts the working directory first for ``python -m draftlint`` and ``python -c``;
use the command, or ``python -P -m draftlint`` (``PYTHONSAFEPATH=1``), in folders you
do not trust. Whatever the entry point, distributions found *in* the working directory
(a planted ``*.dist-info`` folder) are not plugins here, unless that folder is a
site-packages folder of this interpreter.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import site
import sysconfig
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import PluginError

__all__ = ["check_plugins", "rule_pack_dirs"]

RULES_GROUP = "draftlint.rules"
CHECKS_GROUP = "draftlint.checks"
FORMATTERS_GROUP = "draftlint.formatters"


def _site_folders() -> set[Path]:
    paths = sysconfig.get_paths()
    folders = {paths.get("purelib"), paths.get("platlib"), site.getusersitepackages()}
    folders.update(getattr(site, "getsitepackages", list)())
    return {Path(f).resolve() for f in folders if f}


def _installed(ep: importlib.metadata.EntryPoint) -> bool:
    """False for a distribution that lies in the working directory (not a site folder)."""
    dist = getattr(ep, "dist", None)
    if dist is None:
        return True
    try:
        where = Path(str(dist.locate_file(""))).resolve()
        return where != Path.cwd().resolve() or where in _site_folders()
    except OSError:  # the working directory is gone: nothing can be found in it
        return True


@lru_cache(maxsize=1)
def _all_entry_points() -> importlib.metadata.EntryPoints:
    # Each scan reads every installed distribution's metadata (about 4 ms); the rule
    # packs, checks and formatters are looked up in one scan.
    return importlib.metadata.entry_points()


def _entry_points(group: str) -> list[importlib.metadata.EntryPoint]:
    found = [ep for ep in _all_entry_points().select(group=group) if _installed(ep)]
    return sorted(found, key=lambda ep: (ep.name, ep.value))


def _who(ep: importlib.metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    owner = f"{dist.name} {dist.version}" if dist is not None else "unknown distribution"
    return f"plugin {ep.name!r} ({ep.value}) from {owner}"


def _load(ep: importlib.metadata.EntryPoint) -> Any:
    try:
        return ep.load()
    except Exception as exc:  # noqa: BLE001 - any import failure is reported the same way
        raise PluginError(f"{_who(ep)} failed to load: {type(exc).__name__}: {exc}") from None


@lru_cache(maxsize=1)
def rule_pack_dirs() -> tuple[tuple[str, Path], ...]:
    """(plugin description, folder) for every installed rule pack."""
    packs = []
    for ep in _entry_points(RULES_GROUP):
        target = _load(ep)
        if isinstance(target, ModuleType):
            files = getattr(target, "__file__", None)
            folder = Path(files).parent if files else Path(next(iter(target.__path__)))
        elif isinstance(target, (str, Path)):
            folder = Path(target)
        else:
            raise PluginError(f"{_who(ep)} must name a package or a folder of rule files")
        if not folder.is_dir():
            raise PluginError(f"{_who(ep)} names {folder}, which is not a folder")
        packs.append((_who(ep), folder))
    return tuple(packs)


@lru_cache(maxsize=1)
def check_plugins() -> tuple[tuple[str, str, Any], ...]:
    """(rule id, plugin description, check function) for every installed Python check."""
    checks = []
    for ep in _entry_points(CHECKS_GROUP):
        function = _load(ep)
        if not callable(function):
            raise PluginError(f"{_who(ep)} is not callable")
        checks.append((ep.name.upper(), _who(ep), function))
    return tuple(checks)


def import_builtin(impl: str) -> Any:
    """Import a built-in check named ``draftlint.module:function``."""
    module_name, _, attr = impl.partition(":")
    if not module_name.startswith("draftlint.") or not attr:
        raise PluginError(f"impl {impl!r} must name a draftlint module and function (module:function)")
    try:
        module = importlib.import_module(module_name)
        return getattr(module, attr)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"impl {impl!r} cannot be imported: {exc}") from None


def formatter_plugins() -> list[tuple[str, Any]]:
    """(format name, lazy loader) for every installed ``draftlint.formatters`` entry point.

    The loader imports the plugin only when that format is used, and raises
    :class:`PluginError` naming it if the import fails.
    """
    found = []
    for ep in _entry_points(FORMATTERS_GROUP):

        def load(*args: Any, _ep: importlib.metadata.EntryPoint = ep, **kwargs: Any) -> str:
            return _load(_ep)(*args, **kwargs)  # type: ignore[no-any-return]

        found.append((ep.name, load))
    return found
