"""Timing checks: date arithmetic across zones, each rule's boundary, anchors, determinism."""

from __future__ import annotations

import datetime as dt

import pytest

from draftlint import Context, lint_draft
from draftlint.checks.timing import elapsed
from draftlint.config import Config, RuleConfig

THANKS = "Hi Ana,\n\nThank you for meeting with me about the analyst role. I enjoyed it.\n\nBest,\nSam\n"
CHECK_IN = "Hi Ana,\n\nI hope your week is going well. I wanted to check in about the analyst role.\n\nBest,\nSam\n"
UTC = dt.UTC
CET = dt.timezone(dt.timedelta(hours=1))
EST = dt.timezone(dt.timedelta(hours=-5))


def timing(text: str, config: Config | None = None, **context: object) -> list:
    report = lint_draft(text, context=Context(**context), config=config)  # type: ignore[arg-type]
    assert not report.failures
    return [f for f in report.findings if f.category == "timing"]


# -- elapsed -----------------------------------------------------------------------------


def test_elapsed_between_dates_is_in_days() -> None:
    assert elapsed(dt.date(2026, 3, 2), dt.date(2026, 3, 5)) == (3.0, False)


def test_elapsed_between_aware_datetimes_respects_zones() -> None:
    interview = dt.datetime(2026, 3, 2, 9, 0, tzinfo=EST)  # 14:00 UTC
    sent = dt.datetime(2026, 3, 4, 15, 0, tzinfo=CET)  # 14:00 UTC
    assert elapsed(interview, sent) == (48.0, True)


def test_elapsed_reads_naive_time_in_the_other_zone() -> None:
    naive = dt.datetime(2026, 3, 2, 10, 0)
    aware = dt.datetime(2026, 3, 3, 10, 0, tzinfo=CET)
    assert elapsed(naive, aware) == (24.0, True)
    assert elapsed(aware, naive) == (-24.0, True)


def test_elapsed_mixing_date_and_datetime_uses_local_dates() -> None:
    late_evening = dt.datetime(2026, 3, 4, 23, 50, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert elapsed(dt.date(2026, 3, 2), late_evening) == (2.0, False)


# -- late thank-you (A4) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interview", "sent", "late"),
    [
        ("2026-03-02", "2026-03-04", False),
        ("2026-03-02", "2026-03-05", True),
        ("2026-03-02T10:00:00+00:00", "2026-03-04T10:00:00+00:00", False),
        ("2026-03-02T10:00:00+00:00", "2026-03-04T10:01:00+00:00", True),
        ("2026-03-02T09:00:00-05:00", "2026-03-04T14:30:00+00:00", True),
        ("2026-03-02T09:00:00-05:00", "2026-03-04T13:30:00+00:00", False),
        ("2026-03-02T10:00:00", "2026-03-04T09:00:00+01:00", False),
        ("2026-03-10", "2026-03-02", False),
    ],
)
def test_late_thank_you(interview: str, sent: str, late: bool) -> None:
    found = timing(THANKS, stage="thank-you", interview_date=interview, send_date=sent)
    assert [f.rule_id for f in found] == (["DL701"] if late else [])


def test_late_thank_you_message_and_anchor() -> None:
    (finding,) = timing(THANKS, stage="thank-you", interview_date="2026-03-02T10:00:00+00:00",
                        send_date="2026-03-05T16:00:00+00:00")
    assert finding.excerpt == "Hi Ana," and (finding.line, finding.column) == (1, 1)
    assert "78 hours (3 days)" in finding.message and "48 hours" in finding.message


def test_no_send_date_means_no_finding_whatever_today_is() -> None:
    assert timing(THANKS, stage="thank-you", interview_date="2001-01-01") == []
    assert timing(THANKS, stage="thank-you") == []
    assert timing(THANKS) == []


def test_thank_you_inferred_only_when_the_note_reads_as_one() -> None:
    dates = {"interview_date": "2026-03-02", "send_date": "2026-03-09"}
    assert [f.rule_id for f in timing(THANKS, **dates)] == ["DL701"]
    assert timing(CHECK_IN, **dates) == []
    off = Config(rules={"DL701": RuleConfig.model_validate({"infer-stage": False})})
    assert timing(THANKS, config=off, **dates) == []


def test_limits_are_options() -> None:
    relaxed = Config(rules={"DL701": RuleConfig.model_validate({"max-days": 5})})
    assert timing(THANKS, config=relaxed, stage="thank-you", interview_date="2026-03-02", send_date="2026-03-06") == []


def test_mail_date_header_and_subject_anchor() -> None:
    mail = ("From: Sam <sam@example.com>\nTo: Ana <ana@example.com>\nSubject: Thank you - analyst interview\n"
            "Date: Mon, 09 Mar 2026 08:00:00 +0100\n\n" + THANKS)
    report = lint_draft(mail.encode(), context=Context(stage="thank-you", interview_date="2026-03-02"))
    (finding,) = [f for f in report.findings if f.category == "timing"]
    assert finding.part == "subject" and finding.excerpt == "Thank you - analyst interview"


# -- check-ins (A5, A6) and applications (A1) ---------------------------------------------


@pytest.mark.parametrize(
    ("decision", "sent", "early"),
    [
        ("2026-03-13", "2026-03-16", True),  # Friday decision: Monday is only one working day later
        ("2026-03-13", "2026-03-17", False),  # Tuesday: two working days
        ("2026-03-11", "2026-03-13", False),  # Wednesday decision, Friday
        ("2026-03-12", "2026-03-16", False),  # Thursday decision: Friday and Monday
        ("2026-03-13", "2026-03-01", True),
    ],
)
def test_early_check_in_counts_working_days(decision: str, sent: str, early: bool) -> None:
    found = timing(CHECK_IN, stage="follow-up", decision_date=decision, send_date=sent)
    assert [f.rule_id for f in found] == (["DL702"] if early else [])


def test_early_check_in_needs_follow_up_stage() -> None:
    assert timing(CHECK_IN, decision_date="2026-03-13", send_date="2026-03-10") == []
    assert timing(THANKS, stage="thank-you", decision_date="2026-03-13", send_date="2026-03-03") == []


@pytest.mark.parametrize(("last", "sent", "soon"), [("2026-03-10", "2026-03-16", True), ("2026-03-10", "2026-03-17", False)])
def test_repeat_follow_up_within_a_week(last: str, sent: str, soon: bool) -> None:
    found = timing(CHECK_IN, stage="follow-up", last_follow_up_date=last, send_date=sent)
    assert [f.rule_id for f in found] == (["DL703"] if soon else [])
    if soon:
        assert "Only 6 days" in found[0].message


@pytest.mark.parametrize(
    ("sent", "rule"),
    [("2026-03-04", "DL704"), ("2026-03-09", None), ("2026-03-16", None), ("2026-03-17", "DL705")],
)
def test_application_window(sent: str, rule: str | None) -> None:
    found = timing(CHECK_IN, stage="application", interview_date="2026-03-02", send_date=sent)
    assert [f.rule_id for f in found] == ([rule] if rule else [])


def test_empty_body_without_subject_gives_no_anchor_and_no_failure() -> None:
    assert timing("", stage="thank-you", interview_date="2026-03-02", send_date="2026-03-09") == []
