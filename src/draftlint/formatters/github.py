"""The GitHub Actions output: one workflow command per finding, so each shows up as an
annotation on the file in the run and the pull request.

``::warning file=templates/nudge.md,line=12,col=93,endLine=12,endColumn=119,title=DL101
impatience.still-not-heard::“I still haven't heard back” complains …`` (one line);
errors become ``::error``, warnings ``::warning`` and info findings ``::notice``. Values
are escaped as the runner expects: ``%``, CR and LF in the message, and also ``:`` and
``,`` in the properties. The CLI picks this format by itself when ``GITHUB_ACTIONS`` is
``true``. Inputs that could not be read are ``::error file=…::`` lines, and a plain
summary line closes the output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..models import Report, Severity
from .sarif import SourceMap
from .text import summary_line

__all__ = ["escape_data", "escape_property", "format_github"]

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def escape_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, ``\\r`` and ``\\n``."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: Mapping[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _file(origin: str) -> dict[str, str]:
    if origin.startswith("<") and origin.endswith(">"):
        return {}
    return {"file": Path(origin).as_posix()}


def format_github(
    reports: Sequence[Report],
    errors: Sequence[tuple[str, str]],
    *,
    texts: Mapping[tuple[str, str], str] | None = None,
    quiet: bool = False,
    **_: object,
) -> str:
    """Render reports as GitHub workflow commands (one line each) and a summary line.

    Unless ``quiet``, the suggestion follows the message on a second line of the
    annotation (an escaped line break, so still one line of output).
    """
    source_map = SourceMap(reports, texts)
    out: list[str] = []
    counts = {s: 0 for s in Severity}
    for report in reports:
        for f in report.findings:
            counts[f.severity] += 1
            properties: dict[str, object] = dict(_file(report.origin))
            span = source_map.span(report.origin, f.part, f.start, f.end, f.line, f.column, f.excerpt)
            if span is not None and properties:
                properties.update(
                    line=span.start_line, col=span.start_column, endLine=span.end_line, endColumn=span.end_column
                )
            properties["title"] = f"{f.rule_id} {f.rule_name}"
            message = f.message
            if span is None or not properties.get("file"):
                message = f"{f.part} line {f.line}, column {f.column}: {message}"
            if f.suggestion and not quiet:
                message += "\nSuggestion: " + " ".join(f.suggestion.split())
            out.append(_command(_COMMANDS[f.severity], properties, message))
        for failure in report.failures:
            out.append(
                _command(
                    "error",
                    {**_file(report.origin), "title": f"{failure.rule_id} check failed"},
                    f"check {failure.rule_id} from {failure.plugin} failed: {failure.error}",
                )
            )
    for origin, message in errors:
        out.append(_command("error", {**_file(origin), "title": "draftlint could not read this file"}, f"{origin}: {message}"))
    out.append("draftlint: " + summary_line(counts, len(reports), len(errors)))
    return "\n".join(out) + "\n"
