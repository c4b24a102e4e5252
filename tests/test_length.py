"""Length checks: budgets by stage, spans and figures, the phone-screen test, odd input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftlint import Context, lint_draft
from draftlint.config import Config, RuleConfig

SENTENCE = "I enjoyed hearing how the team plans each week and I would like to help with it. "
LENGTH = {"DL501", "DL502", "DL503", "DL504", "DL505", "DL510"}


def words(n: int) -> str:
    """A body of exactly ``n`` words, in sentences, as paragraphs of about 60 words."""
    pool = SENTENCE.split()
    chosen = [pool[i % len(pool)] for i in range(n)]
    paragraphs = [" ".join(chosen[i : i + 60]) for i in range(0, n, 60)]
    return "\n\n".join(paragraphs)


def note(n: int) -> str:
    return f"Hi Dana,\n\n{words(n - 4)}\n\nBest regards,\nSam Lee\n"


def length_findings(text: str, **kwargs: object) -> list:
    return [f for f in lint_draft(text, **kwargs).findings if f.rule_id in LENGTH]  # type: ignore[arg-type]


def nth_word_start(text: str, n: int) -> int:
    return [m.start() for m in re.finditer(r"\w+(?:['.-]\w+)*", text)][n]


@pytest.mark.parametrize(
    ("stage", "size", "rule"),
    [
        (None, 200, None), (None, 201, "DL501"), (None, 300, "DL501"), (None, 301, "DL502"),
        ("thank-you", 201, "DL501"), ("thank-you", 301, "DL502"),
        ("follow-up", 125, None), ("follow-up", 126, "DL501"), ("follow-up", 200, "DL501"), ("follow-up", 201, "DL502"),
        ("application", 126, "DL501"), ("application", 201, "DL502"),
    ],
)
def test_budgets_by_stage(stage: str | None, size: int, rule: str | None) -> None:
    found = [f.rule_id for f in length_findings(note(size), context=Context(stage=stage))]
    assert found == ([rule] if rule else [])


def test_span_runs_from_first_word_past_budget_to_end_of_own_text() -> None:
    text = note(230)
    (finding,) = length_findings(text)
    assert finding.start == nth_word_start(text, 200)
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt.endswith("Best regards,")  # the signature name under it is masked
    assert finding.line > 1 and finding.column >= 1


def test_message_carries_the_figures() -> None:
    (finding,) = length_findings(note(230), context=Context(stage="thank-you"))
    assert "230 words" in finding.message and "200-word" in finding.message and "30 past" in finding.message
    assert "lines on a phone" in finding.message and "thank-you note" in finding.message
    assert "\n" not in finding.message


def test_quoted_reply_does_not_count() -> None:
    quote = "\nOn Mon, 2 Mar 2026 at 10:00, Dana <dana@example.com> wrote:\n" + "> many more words here\n" * 200
    assert length_findings(note(190) + quote) == []
    (finding,) = length_findings(note(230) + quote)
    assert finding.excerpt.endswith("Best regards,")


def test_budget_options_from_config() -> None:
    config = Config(rules={"DL501": RuleConfig.model_validate({"budgets": {"default": 50}})})
    assert [f.rule_id for f in length_findings(note(80), config=config)] == ["DL501"]
    # Stages the option leaves out keep their default budgets.
    assert length_findings(note(80), config=config, context=Context(stage="follow-up")) == []


def test_error_rule_replaces_warning_rule() -> None:
    found = length_findings(note(350))
    assert [f.rule_id for f in found] == ["DL502"]
    assert found[0].severity.value == "error"


def test_scroll_rule_defers_to_word_budget_unless_told() -> None:
    lines = "\n\n".join(f"- item {i}" for i in range(30))
    text = f"Hi Dana,\n\nThank you for the call.\n\n{lines}\n\nBest,\nSam\n"
    (finding,) = length_findings(text)
    assert finding.rule_id == "DL503" and finding.excerpt.startswith("item")
    assert re.search(r"about \d+ lines, more than one 45-line screen", finding.message)
    long_text = note(260)
    narrow = Config(rules={"DL503": RuleConfig.model_validate({"line-chars": 12})})
    assert {f.rule_id for f in length_findings(long_text, config=narrow)} == {"DL501"}
    both = Config(rules={"DL503": RuleConfig.model_validate({"line-chars": 12, "defer-to-word-budget": False})})
    assert {f.rule_id for f in length_findings(long_text, config=both)} == {"DL501", "DL503"}


def test_long_paragraph_span_is_the_paragraph() -> None:
    paragraph = words(160).replace("\n\n", " ") + "."
    text = f"Hi Dana,\n\n{paragraph}\n\nBest,\nSam\n"
    found = [f for f in length_findings(text) if f.rule_id == "DL504"]
    assert [f.excerpt for f in found] == [paragraph]
    assert "160 words" in found[0].message


def test_long_subject_in_mail() -> None:
    subject = "Thank you so much for taking the time to meet me on Tuesday about the senior analyst role"
    mail = f"From: a@example.com\nTo: b@example.com\nSubject: {subject}\n\nHi Dana,\n\nThank you for your time.\n"
    (finding,) = length_findings(mail.encode())
    assert finding.part == "subject" and subject.endswith(finding.excerpt)
    assert finding.start == subject.index(finding.excerpt)


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Any update?", True),
        ("Hi Dana, can you call me back? Sam", True),
        ("Thanks!", False),  # a sign-off on its own: nothing between greeting and sign-off
        ("Just following up. Thanks, Sam", True),
        ("Thank you for your time today, Dana. I enjoyed meeting the team.", False),
        ("Hi Dana, I finished the SQL course from our interview and attached the certificate. Still keen!", False),
        ("", False),
        ("   \n\n ", False),
        ("Hi Dana,\n\nBest,\nSam", False),
        (note(60), False),
    ],
)
def test_too_short(text: str, short: bool) -> None:
    found = [f for f in length_findings(text) if f.rule_id == "DL510"]
    assert bool(found) is short
    if short:
        assert found[0].excerpt == text.strip()
        assert found[0].rule_name == "length.too-short"


def test_too_short_ignores_words_from_the_context() -> None:
    ping = "Hi Tomasz, any news on the senior QA lead opening at Northwind Labs? Please let me know."
    assert not length_findings(ping)
    context = Context(role="senior QA lead", company="Northwind Labs", interviewers=["Tomasz Nowak"])
    assert [f.rule_id for f in length_findings(ping, context=context)] == ["DL510"]


@given(st.text(max_size=400))
def test_length_checks_never_fail_on_odd_input(text: str) -> None:
    report = lint_draft(text)
    assert not report.failures
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.excerpt if finding.part == "body" else True


@given(st.lists(st.sampled_from(["word", "a", "\n", "\n\n", "  ", "x" * 50, "Hi Dana,", "Best,", "-", "\r\n"]),
                max_size=300).map(" ".join))
def test_length_offsets_on_generated_layouts(text: str) -> None:
    report = lint_draft(text, kind="text")
    assert not report.failures
    for finding in report.findings:
        if finding.category == "length":
            assert text[finding.start : finding.end] == finding.excerpt
            assert finding.excerpt == finding.excerpt.strip() or finding.rule_id == "DL504"
