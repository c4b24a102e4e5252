"""The Python check behind DX901."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from draftlint.checks.base import Analysis, Hit


def check(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Yield a hit for every run of ``min_run`` or more exclamation marks in the body.

    The body's analysis text is searched, so quoted replies and signatures (blanked
    there) are never flagged; offsets are the same in the original text.
    """
    run = re.compile("!{%d,}" % int(options.get("min_run", 3)))
    for match in run.finditer(analysis.part("body").analysis):
        yield Hit("body", match.start(), match.end(), args={"count": len(match.group())})
