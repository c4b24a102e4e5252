"""The human output: ``path:line:col``, the rule, the message, the line with a caret
under the words, the suggestion, and a one-line summary. Colour only when asked (the
CLI asks on a terminal)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from ..models import Report, Severity

__all__ = ["format_text", "summary_line"]

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_MAX_SOURCE = 160


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() or c == "\t" else "\ufffd" for c in text).replace("\t", " ")


def _source_lines(text: str, line: int, column: int, excerpt: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not 0 < line <= len(lines):
        return []
    source = _printable(lines[line - 1])
    first = excerpt.replace("\r\n", "\n").replace("\r", "\n").split("\n")[0]
    start = column - 1
    if len(source) > _MAX_SOURCE:
        left = max(0, start - 40)
        source = ("…" if left else "") + source[left : left + _MAX_SOURCE] + "…"
        start = start - left + (1 if left else 0)
    room = max(1, _width(source) - _width(source[:start]))
    caret = " " * _width(source[:start]) + "^" * min(room, max(1, _width(_printable(first))))
    number = str(line)
    return [f"  {number} | {source}", f"  {' ' * len(number)} | {caret}"]


def summary_line(counts: Mapping[Severity, int], files: int, unreadable: int) -> str:
    """"3 findings (1 error, 2 warnings) in 2 files; 1 could not be linted"."""
    total = sum(counts.values())
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts.get(s)
    ]
    line = f"{total} finding{'s' if total != 1 else ''}"
    if parts:
        line += f" ({', '.join(parts)})"
    line += f" in {files} file{'s' if files != 1 else ''}"
    if unreadable:
        line += f"; {unreadable} could not be linted"
    return line


def format_text(
    reports: Sequence[Report],
    errors: Sequence[tuple[str, str]],
    *,
    texts: Mapping[tuple[str, str], str] | None = None,
    colour: bool = False,
    quiet: bool = False,
    **_: object,
) -> str:
    """Render reports for a person; ``texts`` maps (origin, part) to the linted text.

    Inputs that could not be read are only counted in the summary: the CLI reports
    each on stderr, one line naming the file.
    """
    texts = texts or {}
    out: list[str] = []
    counts = {s: 0 for s in Severity}

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for report in reports:
        for f in report.findings:
            counts[f.severity] += 1
            where = f"{report.origin}:{f.line}:{f.column}" + (f" [{f.part}]" if f.part != "body" else "")
            level = paint(_COLOURS[f.severity], f.severity.value)
            out.append(f"{paint(_BOLD, where)}: {level} {f.rule_id} {f.rule_name}: {f.message}")
            if not quiet:
                text = texts.get((report.origin, f.part))
                if text is not None:
                    out.extend(_source_lines(text, f.line, f.column, f.excerpt))
                if f.suggestion:
                    out.append(paint(_DIM, f"  = suggestion: {f.suggestion}"))
        for failure in report.failures:
            out.append(f"{report.origin}: check {failure.rule_id} from {failure.plugin} failed: {failure.error}")
    if out:
        out.append("")
    out.append(summary_line(counts, len(reports), len(errors)))
    return "\n".join(out) + "\n"
