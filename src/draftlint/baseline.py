"""Baselines: adopt draftlint on a large library without fixing everything first.

``--write-baseline FILE`` records every current finding by (file, rule, fingerprint);
``--baseline FILE`` then reports only findings that are not recorded. A finding's
fingerprint hashes its rule, part, normalised words and their occurrence number, not
its offsets, so edits elsewhere in a file keep old findings matched.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import ConfigError
from .models import Report

__all__ = ["apply_baseline", "write_baseline"]

BASELINE_VERSION = 1


def _key(origin: str) -> str:
    return Path(origin).as_posix() if origin.startswith("<") else os.path.relpath(origin).replace(os.sep, "/")


def write_baseline(path: str | os.PathLike[str], reports: Iterable[Report]) -> int:
    """Write every finding of ``reports`` to ``path``; return how many were recorded."""
    entries = sorted((_key(r.origin), f.rule_id, f.fingerprint) for r in reports for f in r.findings)
    payload = {
        "version": BASELINE_VERSION,
        "findings": [{"file": file, "rule": rule, "fingerprint": fp} for file, rule, fp in entries],
    }
    Path(path).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def apply_baseline(path: str | os.PathLike[str], reports: Sequence[Report]) -> list[Report]:
    """Remove from each report the findings recorded in the baseline at ``path``.

    Raises:
        ConfigError: the baseline cannot be read or is not a draftlint baseline.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = Counter((e["file"], e["rule"], e["fingerprint"]) for e in data["findings"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a draftlint baseline ({type(exc).__name__})") from None
    out = []
    for report in reports:
        kept = []
        for finding in report.findings:
            key = (_key(report.origin), finding.rule_id, finding.fingerprint)
            if known[key] > 0:
                known[key] -= 1
            else:
                kept.append(finding)
        out.append(report.model_copy(update={"findings": tuple(kept)}))
    return out
