"""Apply safe fixes to files: ``--fix`` writes them, ``--diff`` previews them.

Only findings whose fix is marked safe are applied, and only where the offsets index
the file's own text (plain text, Markdown and templates; not the decoded body of a
mail file). Overlapping fixes keep the earliest. Nothing else in the file changes:
the text is re-encoded as it was read (UTF-8, with its byte-order mark if it had one),
line endings included, and written to a temporary file that replaces the original in
one rename, so an interrupted run leaves the old file intact. Applying the fixes twice
changes nothing the second time.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .models import Finding, Report

__all__ = ["apply_fixes", "fixable"]

_FIXABLE_KINDS = ("text", "markdown", "template")


def fixable(report: Report) -> list[Finding]:
    """The report's findings that ``--fix`` may apply, in file order, non-overlapping."""
    if report.kind not in _FIXABLE_KINDS or report.origin.startswith("<"):
        return []
    chosen: list[Finding] = []
    for finding in sorted(report.findings, key=lambda f: (f.start, f.end)):
        if finding.part != "body" or finding.fix is None or not finding.fix.safe:
            continue
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    return chosen


def _fixed_text(original: str, findings: Iterable[Finding]) -> str:
    pieces = []
    position = 0
    for finding in findings:
        if original[finding.start : finding.end] != finding.excerpt:
            continue  # the file changed since it was linted: leave that spot alone
        pieces.append(original[position : finding.start])
        pieces.append(finding.fix.replacement)  # type: ignore[union-attr]
        position = finding.end
    pieces.append(original[position:])
    return "".join(pieces)


def apply_fixes(report: Report, *, write: bool) -> tuple[int, str]:
    """Fix one file; return (fixes applied, unified diff). ``write=False`` only previews."""
    findings = fixable(report)
    if not findings:
        return 0, ""
    path = Path(report.origin)
    raw = path.read_bytes()
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    original = raw[len(bom) :].decode("utf-8", errors="surrogateescape")
    fixed = _fixed_text(original, findings)
    if fixed == original:
        return 0, ""
    diff = "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True), fixed.splitlines(keepends=True),
            fromfile=f"a/{report.origin}", tofile=f"b/{report.origin}",
        )
    )
    if write:
        data = bom + fixed.encode("utf-8", errors="surrogateescape")
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".draftlint")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temporary, path.stat().st_mode & 0o7777)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return len(findings), diff
