"""The public Python API: names, ``lint_draft``, ``Context``, ``Report`` and ``Finding``."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import ValidationError

import draftlint
from draftlint import (
    Company,
    Config,
    Context,
    Finding,
    Person,
    Report,
    RuleConfig,
    Severity,
    lint_draft,
)
from draftlint.engine import get_linter
from draftlint.models import CATEGORIES

from samples import CLEAN, IMPATIENT  # noqa: E402

#: Easy to count by hand: 19 words, 4 sentences (one a question), 2 paragraphs.
COUNTED = "Thank you for your time today. I enjoyed it! Could we talk again?\n\nI am keen on the role.\n"
DRAFT = f"""\
Dear Ms. O'Neil,

Thank you for meeting with me on Monday about the data analyst role at Brightwave
Analytics. I enjoyed hearing how your team forecasts subscription churn.

{IMPATIENT} about the next round, and per my last email I am waiting.

Best regards,
Leo Martens
"""
CONTEXT = Context(interviewers=["Katherine O'Neil"], company="Brightwave Analytics", stage="thank-you")


# -- the package surface ---------------------------------------------------------------


def test_all_is_sorted_and_every_name_exists() -> None:
    names = draftlint.__all__
    assert names == sorted(names)
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(draftlint, name), name
    for essential in ("lint_draft", "lint_file", "Report", "Finding", "Severity", "Config", "Context", "__version__"):
        assert essential in names


def test_public_classes_are_the_same_objects_as_in_their_modules() -> None:
    from draftlint import errors, models

    assert draftlint.Report is models.Report
    assert draftlint.RuleFileError is errors.RuleFileError
    for error in ("ConfigError", "RuleFileError", "PluginError", "InputError"):
        assert issubclass(getattr(draftlint, error), draftlint.DraftlintError)


def test_version_is_a_string() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", draftlint.__version__)


# -- lint_draft ------------------------------------------------------------------------


def test_lint_draft_with_context() -> None:
    report = lint_draft(DRAFT, context=CONTEXT)
    assert isinstance(report, Report)
    assert report.origin == "<string>"
    assert report.kind == "text"
    assert report.tool_version == draftlint.__version__
    assert IMPATIENT in [f.excerpt for f in report.findings if f.category == "impatience"]
    # The same draft with the context as plain dicts gives the same report.
    as_dicts = Context.model_validate(
        {"interviewers": [{"name": "Katherine O'Neil"}], "company": {"name": "Brightwave Analytics"}, "stage": "thank-you"}
    )
    assert as_dicts == CONTEXT
    assert lint_draft(DRAFT, context=as_dicts) == report


def test_lint_draft_origin_and_keyword_only_options() -> None:
    report = lint_draft(DRAFT, origin="note.txt")
    assert report.origin == "note.txt"
    assert "note.txt:" in str(report)
    with pytest.raises(TypeError):
        lint_draft(DRAFT, CONTEXT)  # type: ignore[misc]


def test_lint_draft_accepts_a_config() -> None:
    report = lint_draft(DRAFT)
    rule_id = next(f.rule_id for f in report.findings if f.excerpt == IMPATIENT)
    ignored = lint_draft(DRAFT, config=Config(ignore=(rule_id,)))
    assert rule_id not in [f.rule_id for f in ignored.findings]
    demoted = lint_draft(DRAFT, config=Config(rules={rule_id: RuleConfig(severity=Severity.INFO)}))
    assert {f.severity for f in demoted.findings if f.rule_id == rule_id} == {Severity.INFO}


# -- Context ---------------------------------------------------------------------------


def test_context_accepts_strings_person_records_and_dicts() -> None:
    ctx = Context(
        interviewers=["Katherine O'Neil", Person(name="Sam Ortiz", title="CTO"), {"name": "Dana Wu", "email": "d@x.io"}],
        company="Brightwave Analytics",
        sender="Leo Martens",
        interview_date="2026-03-09",
    )
    assert [p.name for p in ctx.interviewers] == ["Katherine O'Neil", "Sam Ortiz", "Dana Wu"]
    assert all(isinstance(p, Person) for p in ctx.interviewers)
    assert ctx.interviewers[1].title == "CTO"
    assert ctx.interviewers[2].email == "d@x.io"
    assert ctx.company == Company(name="Brightwave Analytics")
    assert ctx.sender == Person(name="Leo Martens")
    assert ctx.interview_date == dt.date(2026, 3, 9)
    assert Context(interviewers="Pat Doe").interviewers == (Person(name="Pat Doe"),)
    assert Context(company={"name": "Brightwave", "aliases": ["BW"]}).company == Company(name="Brightwave", aliases=("BW",))


def test_context_rejects_bad_values() -> None:
    with pytest.raises(ValidationError):
        Context(stage="whenever")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Context(interviewers=[""])
    with pytest.raises(ValidationError):
        Context(colour="blue")  # type: ignore[call-arg]


# -- Report ----------------------------------------------------------------------------


def test_report_is_frozen_and_hashable() -> None:
    report = lint_draft(DRAFT)
    with pytest.raises(ValidationError):
        report.origin = "elsewhere"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        report.findings[0].start = 0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        report.findings.append(report.findings[0])  # type: ignore[attr-defined]
    assert hash(report) == hash(lint_draft(DRAFT))
    with pytest.raises(ValidationError):
        CONTEXT.stage = "follow-up"  # type: ignore[misc]


def test_clean_report() -> None:
    report = lint_draft(CLEAN)
    assert report.findings == ()
    assert report.ok is True
    assert report.max_severity is None
    assert not report.fails("info")


def test_report_with_findings() -> None:
    report = lint_draft(DRAFT)
    assert report.findings
    assert report.ok is False
    assert report.max_severity == max((f.severity for f in report.findings), key=lambda s: s.rank)
    assert report.max_severity.rank >= Severity.WARNING.rank
    assert report.fails("warning") and report.fails(Severity.INFO)
    assert not report.fails("never") and not report.fails(None)


def test_info_findings_leave_the_report_ok() -> None:
    report = lint_draft(DRAFT)
    rules = {f.rule_id: RuleConfig(severity=Severity.INFO) for f in report.findings}
    demoted = lint_draft(DRAFT, config=Config(rules=rules))
    assert demoted.findings
    assert demoted.max_severity is Severity.INFO
    assert demoted.ok is True
    assert not demoted.fails("warning") and demoted.fails("info")


def test_severity_order() -> None:
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [0, 1, 2]
    assert str(Severity.ERROR) == "error"


def test_stats() -> None:
    stats = lint_draft(COUNTED).stats
    assert stats.words == 19
    assert stats.sentences == 4
    assert stats.paragraphs == 2
    assert stats.questions == 1
    # Somewhere between 180 and 300 words a minute.
    assert 19 * 60 / 300 <= stats.reading_time_seconds <= 19 * 60 / 180


def test_stats_leave_out_quotes_and_signatures() -> None:
    quoted = COUNTED + "\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com> wrote:\n> one two three four five\n"
    signed = COUNTED + "\n-- \nLeo Martens\nAnalyst at Somewhere Else\n"
    assert lint_draft(quoted).stats == lint_draft(COUNTED).stats
    assert lint_draft(signed).stats == lint_draft(COUNTED).stats


def test_str_mentions_rule_id_and_line_and_column() -> None:
    report = lint_draft(DRAFT)
    text = str(report)
    finding = next(f for f in report.findings if f.excerpt == IMPATIENT)
    assert finding.line == 6 and finding.column == 1
    assert f"<string>:6:1: {finding.severity.value} {finding.rule_id}" in text
    assert text.splitlines()[-1] == f"<string>: {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
    assert str(lint_draft(CLEAN)) == "<string>: 0 findings"


# -- Finding ---------------------------------------------------------------------------


def _all_example_findings() -> list[Finding]:
    found = []
    for rule in get_linter().catalogue.rules:
        for text in rule.examples.bad:
            found.extend(lint_draft(text).findings)
    found.extend(lint_draft(DRAFT, context=CONTEXT).findings)
    return found


def test_findings_are_well_formed() -> None:
    findings = _all_example_findings()
    assert findings
    advice = get_linter().catalogue.advice
    for f in findings:
        assert re.fullmatch(r"DL\d{3}", f.rule_id), f.rule_id
        assert f.category in CATEGORIES
        assert f.rule_name.startswith(f.category + ".")
        assert f.message.strip() and "\n" not in f.message
        assert f.explanation.strip(), f.rule_id
        cited = set(re.findall(r"\bA\d+\b", f.explanation))
        assert cited & set(f.sources), f"{f.rule_id}: explanation cites {cited}, sources are {f.sources}"
        assert set(f.sources) <= set(advice)
        assert 0.0 <= f.confidence <= 1.0
        assert re.fullmatch(r"[0-9a-f]{8,}", f.fingerprint), f.fingerprint


def test_fingerprints_are_stable_and_distinct() -> None:
    text = f"{IMPATIENT}. Again: {IMPATIENT}.\n"
    first = lint_draft(text).findings
    same = [f for f in first if f.excerpt == IMPATIENT]
    assert len(same) == 2
    assert same[0].fingerprint != same[1].fingerprint
    # Editing text elsewhere does not change the fingerprints.
    moved = lint_draft("Hello there, Pat.\n\n" + text).findings
    assert [f.fingerprint for f in moved if f.excerpt == IMPATIENT] == [f.fingerprint for f in same]


def test_finding_validation() -> None:
    with pytest.raises(ValidationError):
        Finding(
            rule_id="bad id", rule_name="impatience.x", category="impatience", severity="warning", confidence=0.5,
            part="body", start=0, end=1, line=1, column=1, excerpt="x", message="m", explanation="e",
        )
    with pytest.raises(ValidationError):
        Finding(
            rule_id="DL101", rule_name="impatience.x", category="no-such-category", severity="warning",
            confidence=0.5, part="body", start=0, end=1, line=1, column=1, excerpt="x", message="m", explanation="e",
        )


def test_context_merge_takes_unset_fields_from_the_fallback() -> None:
    fallback = Context(company="Acme", interviewers=["Sam Ortiz"], stage="thank-you")
    assert Context().merged_with(fallback) == fallback
    assert Context(stage=None).merged_with(fallback) == fallback
    mine = Context(company="Northwind", referral_requested=True)
    merged = mine.merged_with(fallback)
    assert (merged.company.name, [p.name for p in merged.interviewers], merged.stage) == (
        "Northwind", ["Sam Ortiz"], fallback.stage
    )
    assert merged.referral_requested
    assert Context().merged_with(None) == Context()
    # An all-default fallback (a plain-text draft's own context) leaves a context as it is.
    assert mine.merged_with(Context()) == mine
    assert mine.merged_with(Context(stage=None, interviewers=())) == mine
