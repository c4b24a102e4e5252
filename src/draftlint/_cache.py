"""Start-up caches: data that is slow to derive and fixed for given inputs, and a
pause of the garbage collector for code that builds many long-lived objects.

The command line starts a fresh process for every run, so whatever a run derives from
files that never change between runs (a hyphenation dictionary, compiled rule files)
is worth keeping. Values are stored as JSON, which loads fast and runs no code, in the
folder of the rule-catalogue cache (:func:`draftlint.rules.loader.cache_dir`, with
the same ``DRAFTLINT_NO_CACHE`` / ``DRAFTLINT_CACHE_DIR`` switches), one file per
name and key; a missing, stale or unreadable file only means the value is rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["collector_paused", "load", "short_lived_process", "started", "store"]


_SHORT_LIVED = False


def short_lived_process() -> bool:
    """Declare this process the command line, and pause the collector for start-up.

    A run of the command imports spaCy, builds the linter and exits: hundreds of
    thousands of objects, none of them garbage, which the collector would walk
    again and again while they are made (a tenth of the start-up time). The collector
    stays off until :func:`started`; from then on, each paused stretch (below) ends
    by freezing what it built instead of handing it back to the collector.

    Returns:
        True if this call declared it, False if the process already was.
    """
    global _SHORT_LIVED
    if _SHORT_LIVED:
        return False
    _SHORT_LIVED = True
    gc.disable()
    return True


def started() -> None:
    """The command line has loaded what it needs: freeze all of it, out of the
    collector's reach, and turn the collector back on for the linting itself."""
    if _SHORT_LIVED:
        gc.freeze()
        gc.enable()


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building long-lived objects.

    Code that allocates many objects which all stay alive (rule indexes, parsed
    dictionaries, a batch's reports) triggers generational collections that re-scan
    everything already alive, spaCy's vocabulary included: building the linter took
    a quarter longer with the collector running. With ``freeze`` (before forking
    workers), the objects that exist are also moved out of the collector's reach, so
    forked workers neither scan them nor touch their pages (copy-on-write), and what
    was made meanwhile ends in the oldest generation. The previous state is restored
    afterwards, except in a short-lived process (see :func:`short_lived_process`),
    where what was built stays frozen.
    """
    enabled = gc.isenabled()
    frozen = freeze and not _SHORT_LIVED and gc.get_freeze_count() == 0
    gc.disable()
    if frozen or (freeze and _SHORT_LIVED):
        gc.freeze()
    try:
        yield
    finally:
        if _SHORT_LIVED:
            gc.freeze()
        elif frozen:
            # The batch's results arrived while the collector slept: move them to the
            # oldest generation with everything else (freeze, then unfreeze, moves
            # lists and scans nothing). Left in the youngest, they were all scanned by
            # the first collection after this: 0.2 s after a batch of 10,000 files.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


#: Files kept per cache name; each change of the inputs writes a new one.
_KEEP = 4


def _path(name: str, key: str) -> Path | None:
    from .rules.loader import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder / f"{name}-{digest}.json"


def load(name: str, key: str) -> Any | None:
    """The value stored under ``name`` for ``key``, or ``None``."""
    path = _path(name, key)
    if path is None:
        return None
    try:
        with collector_paused():
            data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data.get("value")


def store(name: str, key: str, value: Any) -> None:
    """Store ``value`` (JSON-serialisable) under ``name`` for ``key``; never raises
    for an unwritable folder."""
    path = _path(name, key)
    if path is None:
        return
    try:
        payload = json.dumps({"key": key, "value": value}, separators=(",", ":"))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
        older = sorted(path.parent.glob(f"{name}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[_KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a read-only home is fine: the cache only saves start-up time
