"""The JSON output: every report of a run plus the inputs that could not be read."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .._version import __version__
from ..models import SCHEMA_VERSION, Report

__all__ = ["format_json"]


def format_json(reports: Sequence[Report], errors: Sequence[tuple[str, str]], **_: object) -> str:
    """``{"schema_version", "tool_version", "reports": [...], "errors": [...]}``.

    Each element of ``reports`` is exactly ``Report.to_json()``, so a consumer can read
    it back with ``Report.model_validate``.
    """
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "reports": [json.loads(r.to_json(indent=None)) for r in reports],
        "errors": [{"origin": origin, "message": message} for origin, message in errors],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
