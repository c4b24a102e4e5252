"""Apply safe fixes to files: ``--fix`` writes them, ``--diff`` previews them.

Only findings whose fix is marked safe are applied, and only where the offsets index
the file's own text (plain text, Markdown and templates; not the decoded body of a
mail file). Overlapping fixes keep the earliest. Nothing else in the file changes:
the text is re-encoded as it was read (UTF-8, with its byte-order mark if it had one),
line endings included, and written (and flushed to disk) to a temporary file in the
same folder that replaces the original in one rename, so an interrupted run leaves the
old file intact and no temporary file behind. Only the named file is ever written: a
symbolic link is not written through, and a file in UTF-16 or UTF-32 is left alone.
Applying the fixes twice changes nothing the second time.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
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


def _utf8(raw: bytes) -> bool:
    """Whether the fixes can be written back as the file was read: UTF-8 (with or
    without a byte-order mark), not UTF-16 or UTF-32."""
    from .sources import _utf16_without_bom

    wide = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    return not raw.startswith(wide) and _utf16_without_bom(raw) is None


def apply_fixes(report: Report, *, write: bool) -> tuple[int, str]:
    """Fix one file; return (fixes applied, unified diff). ``write=False`` only previews.

    Only the named file is written, through a temporary file in its folder renamed
    over it; a symbolic link is left alone (writing through it would change a file
    that was not named), and so is a file not in UTF-8.

    Raises:
        InputError: the file cannot be read or the fixed file cannot be written; the
            file is then as it was.
    """
    findings = fixable(report)
    if not findings:
        return 0, ""
    path = Path(report.origin)
    try:
        if path.is_symlink() or not path.is_file():
            return 0, ""
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file to fix: {exc.strerror or exc}") from None
    if not _utf8(raw):
        return 0, ""
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
        _write_atomically(path, bom + fixed.encode("utf-8", errors="surrogateescape"))
    return len(findings), diff


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; on any failure (or an interrupt)
    the temporary file is removed and ``path`` keeps its old content."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".draftlint")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the fixes: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write the fixes, file left unchanged: {exc.strerror or exc}") from None
        raise
