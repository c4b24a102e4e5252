"""The SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One log, one run. ``tool.driver.rules`` describes every rule of the catalogue (help text
with the suggestion and the advice it enforces); each finding becomes a result with its
rule index, level, a physical location in the file, a ``draftlintFingerprint/v1``
partial fingerprint and, for copy-paste findings, related locations in the other file.
Inputs that could not be read become tool execution notifications, and the invocation is
then marked unsuccessful.

Positions: columns and character offsets count Unicode code points
(``run.columnKind`` is ``unicodeCodePoints``), as draftlint's own offsets do. Findings
in the body of a plain, Markdown or template file are located exactly. A mail file's
findings index its *decoded* body or subject, so they are mapped back onto the file
when that text appears verbatim in it; otherwise the location names the file only and
the result's ``partLine``/``partColumn`` properties keep the position within the part.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .._version import __version__
from ..models import Finding, Report, Severity

__all__ = ["SARIF_SCHEMA", "SARIF_VERSION", "SourceMap", "Span", "artifact_uri", "format_sarif"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: The key of draftlint's fingerprint in ``result.partialFingerprints``.
FINGERPRINT_KEY = "draftlintFingerprint/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SUBJECT = re.compile(r"^subject:[ \t]*", re.IGNORECASE | re.MULTILINE)


# -- positions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A region of a file: 1-based lines and columns, the end column exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    char_offset: int
    char_length: int

    def region(self) -> dict[str, int]:
        """The SARIF ``region`` object for this span."""
        return {
            "startLine": self.start_line,
            "startColumn": self.start_column,
            "endLine": self.end_line,
            "endColumn": self.end_column,
            "charOffset": self.char_offset,
            "charLength": self.char_length,
        }


def end_position(line: int, column: int, excerpt: str) -> tuple[int, int]:
    """The (line, exclusive column) just after ``excerpt`` when it starts at (line, column)."""
    pieces = _BREAK.split(excerpt)
    if len(pieces) == 1:
        return line, column + len(excerpt)
    return line + len(pieces) - 1, len(pieces[-1]) + 1


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


class SourceMap:
    """Maps finding positions, which index the linted part, onto the file they came from.

    The body of a plain, Markdown or template file is the file's text, so its positions
    are used as they are. The body and subject of a mail file are decoded text: they are
    looked up verbatim in the file (the whole part first, then the excerpt alone when it
    occurs exactly once); when neither is found, :meth:`span` returns ``None``.
    """

    def __init__(self, reports: Sequence[Report], texts: Mapping[tuple[str, str], str] | None = None) -> None:
        self._kinds = {r.origin: r.kind for r in reports}
        self._texts = dict(texts or {})
        self._files: dict[str, tuple[str, list[int]] | None] = {}

    def exact(self, origin: str, part: str) -> bool:
        """Whether positions in this part are positions in the file as they stand."""
        return part == "body" and self._kinds.get(origin) != "eml"

    def _file(self, origin: str) -> tuple[str, list[int]] | None:
        if origin not in self._files:
            content = None
            if not (origin.startswith("<") and origin.endswith(">")):
                from ..sources import decode

                try:
                    content = decode(Path(origin).read_bytes())
                except OSError:
                    content = None
            self._files[origin] = (content, _line_starts(content)) if content is not None else None
        return self._files[origin]

    def span(
        self, origin: str, part: str, start: int, end: int, line: int, column: int, excerpt: str | None = None
    ) -> Span | None:
        """The file region of ``[start, end)`` of ``part`` (at ``line``:``column``), or ``None``."""
        if excerpt is None:
            text = self._texts.get((origin, part))
            excerpt = text[start:end] if text is not None else None
        if self.exact(origin, part):
            if excerpt is None:
                return Span(line, column, line, column + (end - start), start, end - start)
            end_line, end_column = end_position(line, column, excerpt)
            return Span(line, column, end_line, end_column, start, end - start)
        found = self._file(origin)
        if found is None:
            return None
        content, starts = found
        base = -1
        part_text = self._texts.get((origin, part))
        if part_text:
            if part == "subject":
                header = _SUBJECT.search(content)
                if header and content.startswith(part_text, header.end()):
                    base = header.end()
            else:
                base = content.rfind(part_text)  # the body follows the headers
        if base >= 0:
            first, last = base + start, base + end
        elif excerpt and content.count(excerpt) == 1:
            first = content.find(excerpt)
            last = first + len(excerpt)
        else:
            return None
        start_line, start_column = _position(starts, first)
        end_line, end_column = _position(starts, last)
        return Span(start_line, start_column, end_line, end_column, first, last - first)


def artifact_uri(origin: str) -> str:
    """The URI of an input: the path as given with forward slashes (percent-encoded), or a
    ``file:`` URI for an absolute path."""
    path = Path(origin)
    if path.is_absolute():
        return path.as_uri()
    return quote(origin.replace("\\", "/"), safe="/")


# -- text helpers ----------------------------------------------------------------------


def _message(text: str) -> dict[str, str]:
    """A SARIF message object; literal braces are doubled (SARIF §3.11.5)."""
    return {"text": text.replace("{", "{{").replace("}", "}}")}


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- rules -----------------------------------------------------------------------------


def _default_catalogue() -> Any:
    """The catalogue of the built-in rules and installed rule packs, or ``None``."""
    try:
        from ..plugins import rule_pack_dirs
        from ..rules.loader import builtin_rules_dir, load_catalogue

        return load_catalogue([builtin_rules_dir(), *(folder for _, folder in rule_pack_dirs())])
    except Exception:  # noqa: BLE001 - rule metadata is an extra; results still come out
        return None


def _precision(confidence: float) -> str:
    if confidence >= 0.95:
        return "very-high"
    if confidence >= 0.8:
        return "high"
    if confidence >= 0.6:
        return "medium"
    return "low"


def _help(
    rule_id: str,
    name: str,
    explanation: str,
    suggestion: str | None,
    sources: Sequence[str],
    advice: Mapping[str, Any],
    bad: Sequence[str] = (),
    good: Sequence[str] = (),
) -> dict[str, str]:
    titled = [(a, getattr(advice.get(a), "title", "")) for a in sources]
    text = [_flat(explanation)]
    markdown = [f"**{rule_id} {name}**", "", _flat(explanation)]
    if suggestion:
        text.append(f"Instead: {_flat(suggestion)}")
        markdown += ["", f"**Instead:** {_flat(suggestion)}"]
    if titled:
        text.append("Advice: " + "; ".join(f"{a} {t}".strip() for a, t in titled) + ".")
        markdown += ["", "**Advice:**", ""] + [f"- {a}" + (f" — {t}" if t else "") for a, t in titled]
    if bad:
        markdown += ["", "**Flagged:**", ""] + [f"- ✗ {_flat(e)}" for e in bad[:3]]
    if good:
        markdown += ["", "**Fine:**", ""] + [f"- ✓ {_flat(e)}" for e in good[:3]]
    markdown += ["", f"Run `draftlint explain {rule_id}` for more."]
    return {"text": "\n\n".join(text), "markdown": "\n".join(markdown)}


def _descriptor(rule: Any, advice: Mapping[str, Any]) -> dict[str, Any]:
    """A SARIF reportingDescriptor for a catalogue rule (a RuleMeta)."""
    title = rule.title
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": title[:1].upper() + title[1:]},
        "fullDescription": {"text": _flat(rule.explanation)},
        "help": _help(
            rule.id, rule.name, rule.explanation, rule.suggestion, rule.sources, advice,
            rule.examples.bad, rule.examples.good,
        ),
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "advice": list(rule.sources),
            "tags": ["draftlint", rule.category],
            "precision": _precision(rule.confidence),
        },
    }
    if rule.references:
        descriptor["helpUri"] = rule.references[0].url
    if rule.aliases:
        descriptor["deprecatedNames"] = list(rule.aliases)
    return descriptor


def _descriptor_from_finding(f: Finding) -> dict[str, Any]:
    """A descriptor for a rule the catalogue does not know (a config rule folder)."""
    title = f.rule_name.split(".", 1)[-1].replace("-", " ")
    return {
        "id": f.rule_id,
        "name": f.rule_name,
        "shortDescription": {"text": title[:1].upper() + title[1:]},
        "fullDescription": {"text": _flat(f.explanation)},
        "help": _help(f.rule_id, f.rule_name, f.explanation, f.suggestion, f.sources, {}),
        "defaultConfiguration": {"level": _LEVELS[f.severity]},
        "properties": {
            "category": f.category,
            "advice": list(f.sources),
            "tags": ["draftlint", f.category],
            "precision": _precision(f.confidence),
        },
    }


def _tool_info() -> dict[str, str]:
    """informationUri from the installed distribution's project URLs, when it has any."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("draftlint")
    except (ImportError, PackageNotFoundError):
        return {}
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for key in ("homepage", "documentation", "source", "repository"):
        if urls.get(key):
            return {"informationUri": urls[key]}
    home = meta.get("Home-page")
    return {"informationUri": home} if home and home.upper() != "UNKNOWN" else {}


# -- the log ---------------------------------------------------------------------------


def build_sarif(
    reports: Sequence[Report],
    errors: Sequence[tuple[str, str]],
    *,
    texts: Mapping[tuple[str, str], str] | None = None,
    catalogue: Any = None,
) -> dict[str, Any]:
    """The SARIF log as a dict (see :func:`format_sarif`)."""
    catalogue = catalogue if catalogue is not None else _default_catalogue()
    advice = getattr(catalogue, "advice", {}) or {}
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in getattr(catalogue, "rules", ()) or ():
        index[rule.id] = len(rules)
        rules.append(_descriptor(rule, advice))
    for report in reports:
        for f in report.findings:
            if f.rule_id not in index:
                index[f.rule_id] = len(rules)
                rules.append(_descriptor_from_finding(f))

    source_map = SourceMap(reports, texts)
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}

    def artifact(origin: str) -> dict[str, Any]:
        uri = artifact_uri(origin)
        if origin not in artifact_index:
            artifact_index[origin] = len(artifacts)
            artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"]})
        return {"uri": uri, "index": artifact_index[origin]}

    def physical(origin: str, span: Span | None) -> dict[str, Any]:
        location: dict[str, Any] = {"artifactLocation": artifact(origin)}
        if span is not None:
            location["region"] = span.region()
        return location

    for report in reports:
        artifact(report.origin)

    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        kind = report.kind
        for f in report.findings:
            span = source_map.span(report.origin, f.part, f.start, f.end, f.line, f.column, f.excerpt)
            properties: dict[str, Any] = {"confidence": f.confidence, "category": f.category, "part": f.part}
            if f.suggestion:
                properties["suggestion"] = _flat(f.suggestion)
            if f.sources:
                properties["advice"] = list(f.sources)
            if not source_map.exact(report.origin, f.part):
                properties.update(partLine=f.line, partColumn=f.column, kind=kind)
            message = f.message
            related = []
            for number, rel in enumerate(f.related, start=1):
                rel_span = source_map.span(rel.origin, rel.part, rel.start, rel.end, rel.line, rel.column)
                related.append(
                    {
                        "id": number,
                        "physicalLocation": physical(rel.origin, rel_span),
                        "message": _message(rel.message or f"the other copy, in {rel.origin}"),
                    }
                )
                if rel.origin in message and not set(rel.origin) & set("[]()\\"):
                    message = message.replace(rel.origin, f"\x00{number}\x00", 1)
            text = _message(message)["text"]
            for number, rel in enumerate(f.related, start=1):
                text = text.replace(f"\x00{number}\x00", f"[{rel.origin}]({number})")
            result: dict[str, Any] = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": _LEVELS[f.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": physical(report.origin, span)}],
            }
            if f.fingerprint:
                result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            if related:
                result["relatedLocations"] = related
            if f.fix is not None and span is not None:
                result["fixes"] = [
                    {
                        "description": _message(f"Replace “{f.excerpt}” with “{f.fix.replacement}”"),
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": artifact_uri(report.origin)},
                                "replacements": [
                                    {"deletedRegion": span.region(), "insertedContent": {"text": f.fix.replacement}}
                                ],
                            }
                        ],
                        "properties": {"safe": f.fix.safe},
                    }
                ]
            result["properties"] = properties
            results.append(result)
        for failure in report.failures:
            notifications.append(
                {
                    "level": "error",
                    "message": _message(f"check {failure.rule_id} from {failure.plugin} failed: {failure.error}"),
                    "descriptor": {"id": "check-failure"},
                    "associatedRule": {"id": failure.rule_id, **({"index": index[failure.rule_id]} if failure.rule_id in index else {})},
                    "locations": [{"physicalLocation": physical(report.origin, None)}],
                }
            )
    for origin, message in errors:
        notifications.append(
            {
                "level": "error",
                "message": _message(f"{origin}: {message}"),
                "descriptor": {"id": "input-error"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(origin)}}}],
            }
        )

    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {
        "name": "draftlint",
        "version": __version__,
        "semanticVersion": __version__,
        **_tool_info(),
        "rules": rules,
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def format_sarif(
    reports: Sequence[Report],
    errors: Sequence[tuple[str, str]],
    *,
    texts: Mapping[tuple[str, str], str] | None = None,
    catalogue: Any = None,
    **_: object,
) -> str:
    """Render a run as a SARIF 2.1.0 log.

    ``catalogue`` (the linter's :class:`~draftlint.rules.loader.Catalogue`) supplies the
    rule metadata; without it the built-in rules and installed rule packs are loaded,
    and any other rule that has a finding is described from the finding itself.
    """
    log = build_sarif(reports, errors, texts=texts, catalogue=catalogue)
    text = json.dumps(log, indent=2, ensure_ascii=False)
    # Lone surrogates of the caller's text stay JSON escapes, so the output encodes.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
