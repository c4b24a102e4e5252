"""Template checks: syntax problems the template reader recorded on the draft."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .base import Analysis, Hit

__all__ = ["syntax_errors"]


def syntax_errors(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """One hit per recorded template error of the kinds in ``options["kinds"]``."""
    kinds = set(options.get("kinds", ()))
    for error in analysis.draft.template_errors:
        if error.kind in kinds:
            yield Hit("body", error.start, error.end, args={"detail": error.detail})
