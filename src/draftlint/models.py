"""The value objects of draftlint's public API.

Everything here is a frozen pydantic model: a :class:`Report` can be shared, hashed for
caching, serialised with :meth:`Report.to_json` and read back with
``Report.model_validate_json``. Offsets follow one contract: ``start``/``end`` are
half-open code-point offsets into the text of ``part`` exactly as the caller gave it, so
``text[start:end] == finding.excerpt``; ``line`` and ``column`` are 1-based.
"""

from __future__ import annotations

import datetime as dt
import json
import json.scanner
import re
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "BatchReport",
    "CATEGORIES",
    "InputFailure",
    "Category",
    "CheckFailure",
    "Company",
    "Context",
    "DraftStats",
    "Finding",
    "Fix",
    "Part",
    "Person",
    "RelatedLocation",
    "Report",
    "SCHEMA_VERSION",
    "Severity",
    "Stage",
]

#: Version of the JSON report format; bumped on any incompatible change.
SCHEMA_VERSION = 1

Category = Literal[
    "impatience",
    "rudeness",
    "gimmick",
    "call-me-back",
    "misspelled-name",
    "wrong-name",
    "name-drop",
    "group-note",
    "placeholder",
    "copy-paste",
    "template-syntax",
    "length",
    "structure",
    "timing",
]
#: Every category a finding can have, in catalogue order.
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

Part = Literal["body", "subject"]
Stage = Literal["thank-you", "follow-up", "application"]


class Severity(str, Enum):
    """How serious a finding is. Compare with :attr:`rank`, not with ``<`` on strings."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_STRING_CHUNK = re.compile(r'(.*?)(["\\\x00-\x1f])', re.S)
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _scan_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
    """A JSON string scanner that keeps every ``\\uXXXX`` escape as one code point.

    The standard scanner joins a high and a low surrogate escape into one astral
    character. Our writer emits astral characters as themselves and uses escapes only
    for surrogate code points of the caller's text, which must come back one for one
    to keep ``text[start:end] == excerpt`` after a round trip.
    """
    chunks = []
    begin = end - 1
    while True:
        match = _STRING_CHUNK.match(s, end)
        if match is None:
            raise json.JSONDecodeError("Unterminated string starting at", s, begin)
        end = match.end()
        content, terminator = match.groups()
        if content:
            chunks.append(content)
        if terminator == '"':
            return "".join(chunks), end
        if terminator != "\\":
            if strict:
                raise json.JSONDecodeError("Invalid control character at", s, end - 1)
            chunks.append(terminator)
            continue
        escape = s[end : end + 1]
        if escape == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", s[end + 1 : end + 5]):
            chunks.append(chr(int(s[end + 1 : end + 5], 16)))
            end += 5
        elif escape in _ESCAPES:
            chunks.append(_ESCAPES[escape])
            end += 1
        else:
            raise json.JSONDecodeError("Invalid \\escape", s, end)


class _ExactDecoder(json.JSONDecoder):
    def __init__(self) -> None:
        super().__init__()
        self.parse_string = _scan_string
        # The C scanner ignores parse_string; the pure-Python one honours it.
        self.scan_once = json.scanner.py_make_scanner(self)
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Person(_Frozen):
    """Someone the draft may name: an interviewer, the sender, a person met.

    Anywhere a ``Person`` is expected a plain string is accepted as its name.
    """

    name: str = Field(min_length=1)
    title: str | None = None
    email: str | None = None
    aliases: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Company(_Frozen):
    """The employer: its name and any other spellings it goes by."""

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


def _listify(value: Any) -> Any:
    if value is None:
        return ()
    if isinstance(value, (str, dict, Person, Company)):
        return (value,)
    return value


class Context(_Frozen):
    """What draftlint cannot guess about a draft: who it is for and when.

    Every field is optional. Interviewers, people met and senior people accept plain
    name strings or :class:`Person` records; the company accepts a name or a
    :class:`Company`. Dates accept ISO strings.
    """

    interviewers: tuple[Person, ...] = ()
    company: Company | None = None
    sender: Person | None = None
    role: str | None = None
    stage: Stage | None = None
    interview_date: dt.date | dt.datetime | None = None
    send_date: dt.date | dt.datetime | None = None
    decision_date: dt.date | dt.datetime | None = None
    last_follow_up_date: dt.date | dt.datetime | None = None
    application_date: dt.date | dt.datetime | None = None
    met: tuple[Person, ...] = ()
    senior_people: tuple[Person, ...] = ()
    other_companies: tuple[Company, ...] = ()
    recipients: tuple[Person, ...] = ()
    referral_requested: bool = False

    _lists = field_validator(
        "interviewers", "met", "senior_people", "other_companies", "recipients", mode="before"
    )(classmethod(lambda cls, v: _listify(v)))

    def merged_with(self, fallback: Context | None) -> Context:
        """Return this context with every unset field taken from ``fallback``."""
        if fallback is None or not fallback.model_fields_set:
            # Nothing to take: a draft read without front matter or headers has an
            # all-default context, and a caller's context met it for every draft.
            return self
        if not self.model_fields_set:
            # Every default is unset (None, (), False): the fallback is the answer, and
            # linting without a context takes this path for every draft.
            return fallback
        values = {}
        for name in type(self).model_fields:
            mine = getattr(self, name)
            values[name] = mine if mine not in (None, (), False) else getattr(fallback, name)
        return Context(**values)


class Fix(_Frozen):
    """A mechanically safe edit: replace the finding's span with ``replacement``."""

    replacement: str
    safe: bool = True


class RelatedLocation(_Frozen):
    """Another place a finding refers to (for example the other half of a copy)."""

    origin: str
    part: Part = "body"
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    message: str = ""


class Finding(_Frozen):
    """One place where the draft breaks the advice, with why and what to write instead."""

    rule_id: str = Field(pattern=r"^[A-Z]{2,4}\d{3}$")
    rule_name: str
    category: Category
    severity: Severity
    confidence: float = Field(ge=0.0, le=1.0)
    part: Part
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    excerpt: str
    message: str
    explanation: str
    suggestion: str | None = None
    sources: tuple[str, ...] = ()
    fix: Fix | None = None
    related: tuple[RelatedLocation, ...] = ()
    fingerprint: str = ""


class CheckFailure(_Frozen):
    """A check that raised while linting; the other checks still ran."""

    rule_id: str
    plugin: str
    error: str


class DraftStats(_Frozen):
    """Counts over the text that is linted (quoted replies and signatures excluded)."""

    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    questions: int = 0
    reading_time_seconds: float = 0.0
    phone_lines: int = 0
    readability_grade: float | None = None


class Report(_Frozen):
    """The result of linting one draft.

    ``findings`` are sorted by part (body first), start offset and rule id.
    """

    schema_version: int = SCHEMA_VERSION
    tool_version: str = ""
    origin: str = "<string>"
    kind: str = "text"
    findings: tuple[Finding, ...] = ()
    stats: DraftStats = DraftStats()
    failures: tuple[CheckFailure, ...] = ()
    unused_suppressions: tuple[RelatedLocation, ...] = ()

    @property
    def max_severity(self) -> Severity | None:
        """The most serious severity among the findings, or ``None`` when there are none."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    @property
    def ok(self) -> bool:
        """True when nothing is at warning or above (info findings are advice only)."""
        worst = self.max_severity
        return worst is None or worst is Severity.INFO

    def fails(self, fail_on: Severity | str | None = Severity.WARNING) -> bool:
        """Whether any finding is at or above ``fail_on`` (``None`` or ``"never"``: never)."""
        if fail_on is None or fail_on == "never":
            return False
        level = Severity(fail_on).rank
        return any(f.severity.rank >= level for f in self.findings)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise the report; ``Report.model_validate_json`` reads it back exactly.

        Excerpts keep the caller's text, lone surrogates included; those are written as
        ``\\udXXX`` escapes, which JSON allows and the standard library reads back.
        """
        text = json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False)
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    @classmethod
    def model_validate_json(  # type: ignore[override]
        cls, json_data: str | bytes | bytearray, *, strict: bool | None = None, **kwargs: Any
    ) -> Report:
        """Read a report written by :meth:`to_json`, surrogate escapes included, exactly."""
        if isinstance(json_data, (bytes, bytearray)):
            json_data = json_data.decode("utf-8")
        return cls.model_validate(_ExactDecoder().decode(json_data), strict=strict, **kwargs)

    def __str__(self) -> str:
        lines = []
        for f in self.findings:
            where = f"{self.origin}:{f.line}:{f.column}"
            if f.part != "body":
                where += f" ({f.part})"
            lines.append(f"{where}: {f.severity.value} {f.rule_id} {f.rule_name}: {f.message}")
            if f.suggestion:
                lines.append(f"    suggestion: {f.suggestion}")
        count = len(self.findings)
        lines.append(f"{self.origin}: {count} finding{'s' if count != 1 else ''}")
        return "\n".join(lines)


class InputFailure(_Frozen):
    """An input of a batch that could not be read; the rest of the batch was linted."""

    origin: str
    message: str


class BatchReport(_Frozen):
    """The result of linting several drafts together.

    ``reports`` holds one report per readable input, in input order, each including the
    cross-document findings (copy-paste) that concern it; ``failures`` lists the inputs
    that could not be read.
    """

    schema_version: int = SCHEMA_VERSION
    tool_version: str = ""
    reports: tuple[Report, ...] = ()
    failures: tuple[InputFailure, ...] = ()

    @property
    def findings(self) -> tuple[tuple[str, Finding], ...]:
        """Every finding of every report, as (origin, finding)."""
        return tuple((r.origin, f) for r in self.reports for f in r.findings)

    @property
    def totals(self) -> dict[str, int]:
        """Counts: documents, failures, findings, and findings per severity."""
        counts = {"documents": len(self.reports), "failures": len(self.failures), "findings": 0}
        counts.update({s.value: 0 for s in Severity})
        for report in self.reports:
            for finding in report.findings:
                counts["findings"] += 1
                counts[finding.severity.value] += 1
        return counts

    @property
    def ok(self) -> bool:
        """True when every input was read and no report has a warning or worse."""
        return not self.failures and all(r.ok for r in self.reports)

    def fails(self, fail_on: Severity | str | None = Severity.WARNING) -> bool:
        """Whether any report has a finding at or above ``fail_on``."""
        return any(r.fails(fail_on) for r in self.reports)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise the batch; reports inside keep the single-report format."""
        payload = self.model_dump(mode="json")
        payload["totals"] = self.totals
        text = json.dumps(payload, indent=indent, ensure_ascii=False)
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
