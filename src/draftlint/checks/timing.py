"""Timing checks: is this the right moment to send the note?

Only dates the caller (or the draft's own metadata) supplies are used: ``Context``
fields ``interview_date``, ``send_date``, ``decision_date`` and
``last_follow_up_date``, filled from the caller's context, Markdown front matter or an
``.eml`` Date header. No date, no finding; in particular a missing ``send_date`` is
never replaced by today's date, so linting stays deterministic.

Dates may be ``datetime.date`` values or naive or time-zone-aware ``datetime`` values,
mixed freely:

* two aware datetimes are compared as instants;
* an aware and a naive datetime: the naive one is read in the aware one's zone (a
  naive time is the writer's local time, and the aware one is usually the mail's Date
  header in the writer's zone);
* a plain date against a datetime: the datetime's own calendar date is used and the
  comparison is in whole days.

Findings anchor on the subject line when there is one, else on the first line of the
note (normally the greeting): timing is about the whole message.

Context has no application date, so for the application follow-up window (A1) the
``interview_date`` field is read as the date the application went in when the stage is
``application``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..stats import layout, subject_span
from .base import Analysis, Hit

__all__ = [
    "application_late",
    "application_too_soon",
    "early_check_in",
    "elapsed",
    "late_thank_you",
    "repeat_too_soon",
]

DateLike = dt.date | dt.datetime


def _as_datetime(value: DateLike) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def elapsed(earlier: DateLike, later: DateLike) -> tuple[float, bool]:
    """Time from ``earlier`` to ``later``: (amount, exact).

    ``exact`` is true when both are datetimes and the amount is in hours; otherwise the
    amount is whole calendar days (each datetime reduced to its own local date).
    """
    both_times = isinstance(earlier, dt.datetime) and isinstance(later, dt.datetime)
    if not both_times:
        return float((_day(later) - _day(earlier)).days), False
    first, second = _as_datetime(earlier), _as_datetime(later)
    if (first.tzinfo is None) != (second.tzinfo is None):
        if first.tzinfo is None:
            first = first.replace(tzinfo=second.tzinfo)
        else:
            second = second.replace(tzinfo=first.tzinfo)
    try:
        seconds = (second - first).total_seconds()
    except (TypeError, OverflowError):  # pragma: no cover - defensive
        return float((_day(later) - _day(earlier)).days), False
    return seconds / 3600.0, True


def _day(value: DateLike) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _anchor(analysis: Analysis) -> Hit | None:
    span = subject_span(analysis.draft)
    if span is not None:
        return Hit("subject", *span)
    shape = layout(analysis.draft.body)
    span = shape.first_line
    if span is None:
        return None
    return Hit("body", span[0], span[1])


def _hit(analysis: Analysis, **args: Any) -> Iterable[Hit]:
    anchor = _anchor(analysis)
    if anchor is not None:
        yield Hit(anchor.part, anchor.start, anchor.end, args=args)


def _number(options: Mapping[str, Any], key: str, default: float) -> float:
    value = options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return default
    return float(value)


def _fmt(value: DateLike) -> str:
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
        return text + (value.strftime(" %z") if value.tzinfo is not None and value.utcoffset() is not None else "")
    return value.isoformat()


def _plural(amount: float, unit: str) -> str:
    whole = round(amount)
    return f"{whole} {unit}{'' if whole == 1 else 's'}"


def late_thank_you(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you sent more than 48 hours after the interview (A4).

    Needs ``interview_date`` and ``send_date``. With two datetimes the limit is
    ``max_hours``; when either is a plain date it is ``max_days`` calendar days (a note
    written two days after the interview is on time, three days is late). The stage is
    the declared one, or a thank-you read from the opening when ``infer_stage`` is on.

    Options:
        max_hours: hours allowed between interview and sending (48).
        max_days: calendar days allowed when a date has no time (2).
        infer_stage: treat an undeclared note that opens with thanks for the interview
            as a thank-you (true).
    """
    context = analysis.context
    if context.interview_date is None or context.send_date is None:
        return
    stage = context.stage
    if stage is None and options.get("infer_stage", True):
        from .structure import infer_stage

        stage = infer_stage(analysis)[0]
    if stage != "thank-you":
        return
    amount, exact = elapsed(context.interview_date, context.send_date)
    limit = _number(options, "max_hours", 48) if exact else _number(options, "max_days", 2)
    if amount <= limit:
        return
    gap = _plural(amount, "hour") if exact else _plural(amount, "day")
    if exact and amount >= 72:
        gap = f"{gap} ({_plural(amount / 24, 'day')})"
    yield from _hit(
        analysis,
        gap=gap,
        limit=_plural(limit, "hour") if exact else _plural(limit, "day"),
        interview=_fmt(context.interview_date),
        sent=_fmt(context.send_date),
    )


def _add_business_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _applied(context: Any) -> Any:
    """For an application follow-up (stage ``application``), when the application went
    in: ``application_date``, else the ``interview_date`` field (the older convention)."""
    if context.stage != "application":
        return None
    return context.application_date if context.application_date is not None else context.interview_date


def early_check_in(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A check-in sent before the decision date they named, plus some slack (A5, A3).

    Needs stage ``follow-up``, ``decision_date`` and ``send_date``. The earliest
    sensible day is the decision date plus ``slack_business_days`` working days
    (Saturday and Sunday skipped); a check-in sent before that day is early.

    Options:
        slack_business_days: working days to allow after the decision date (2).
    """
    context = analysis.context
    if context.stage != "follow-up" or context.decision_date is None or context.send_date is None:
        return
    slack = int(_number(options, "slack_business_days", 2))
    decision = _day(context.decision_date)
    earliest = _add_business_days(decision, slack)
    sent = _day(context.send_date)
    if sent >= earliest:
        return
    yield from _hit(
        analysis,
        sent=sent.isoformat(),
        decision=decision.isoformat(),
        earliest=earliest.isoformat(),
        slack=_plural(slack, "working day"),
        early=_plural((earliest - sent).days, "day"),
    )


def repeat_too_soon(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Another follow-up less than a week after the last unanswered one (A6, A11).

    Needs ``last_follow_up_date`` (the previous message that got no answer) and
    ``send_date``. Applies to any stage but a thank-you.

    Options:
        min_days: days to wait after the last follow-up (7).
    """
    context = analysis.context
    if context.last_follow_up_date is None or context.send_date is None or context.stage == "thank-you":
        return
    minimum = _number(options, "min_days", 7)
    amount, exact = elapsed(context.last_follow_up_date, context.send_date)
    days = amount / 24 if exact else amount
    if days < 0 or days >= minimum:
        return
    yield from _hit(
        analysis,
        gap=_plural(int(days), "day"),
        min_days=_plural(minimum, "day"),
        last=_fmt(context.last_follow_up_date),
        sent=_fmt(context.send_date),
    )


def _application_days(analysis: Analysis) -> tuple[float, Any] | None:
    context = analysis.context
    applied = _applied(context)
    if applied is None or context.send_date is None:
        return None
    days = float((_day(context.send_date) - _day(applied)).days)
    return (days, context) if days >= 0 else None


def application_too_soon(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """An application follow-up sent less than a week after applying (A1).

    Needs stage ``application``, ``send_date`` and the application date, read from
    ``interview_date`` (Context has no application date of its own).

    Options:
        min_days: the earliest day after applying (7).
    """
    found = _application_days(analysis)
    low = _number(options, "min_days", 7)
    if found is None or found[0] >= low:
        return
    days, context = found
    yield from _hit(analysis, gap=_plural(days, "day"), min_days=_plural(low, "day"),
                    applied=_fmt(_applied(context)), sent=_fmt(context.send_date))


def application_late(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """An application follow-up sent more than two weeks after applying (A1).

    Needs stage ``application``, ``send_date`` and the application date, read from
    ``interview_date``.

    Options:
        max_days: the latest day after applying (14).
    """
    found = _application_days(analysis)
    high = _number(options, "max_days", 14)
    if found is None or found[0] <= high:
        return
    days, context = found
    yield from _hit(analysis, gap=_plural(days, "day"), max_days=_plural(high, "day"),
                    applied=_fmt(_applied(context)), sent=_fmt(context.send_date))
