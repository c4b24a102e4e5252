"""Structure checks: stage inference, anchors, messages, options, odd input."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint import Context, lint_draft
from draftlint.checks.base import Analysis
from draftlint.checks.structure import infer_stage
from draftlint.config import Config, RuleConfig
from draftlint.engine import get_linter
from draftlint.sources import read

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from accuracy_shape import CHECK_INS, THANK_YOUS, check_in, thank_you

TY = Context(stage="thank-you")
CI = Context(stage="follow-up")


def structure(text: str, context: Context | None = None, config: Config | None = None) -> list:
    report = lint_draft(text, context=context, config=config)
    assert not report.failures
    return [f for f in report.findings if f.category == "structure"]


def stage_of(text: str, context: Context | None = None) -> tuple[str | None, bool]:
    draft = read(text)
    docs = {name: get_linter().nlp(part.analysis) for name, part in draft.parts.items()}
    return infer_stage(Analysis(draft=draft, context=context or Context(), docs=docs))


def test_declared_stage_wins() -> None:
    assert stage_of(check_in(CHECK_INS[0]), TY) == ("thank-you", True)


def test_thank_you_inferred_from_opening_thanks() -> None:
    assert stage_of(thank_you(THANK_YOUS[0])) == ("thank-you", False)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ana,\n\nFollowing up on my interview last week: thank you again for your time. Any news?\n\nBest,\nSam\n",
        "Hi Ana,\n\nI hope you are well. Is there an update on the analyst role?\n\nBest,\nSam\n",
        "Thanks for the quick reply.",
        "",
    ],
)
def test_no_thank_you_inferred(text: str) -> None:
    assert stage_of(text) == (None, False)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_opening_ends_at_the_first_blank_line_whatever_the_line_breaks(newline: str) -> None:
    # The opening is the first paragraph when it holds two sentences: thanks that only
    # come after a blank line do not make the note a thank-you, typed on Windows or not.
    text = (
        "Hi Ana,\n\nI enjoyed learning about the billing platform. I liked the team's plans.\n\n"
        "Thank you for taking the time to meet with me on Tuesday.\n\nBest regards,\nLeo\n"
    )
    assert stage_of(text.replace("\n", newline)) == (None, False)
    assert stage_of(text.replace("I liked the team's plans.", "").replace("\n", newline)) == ("thank-you", False)


def test_every_element_present_gives_nothing() -> None:
    for note in THANK_YOUS:
        assert structure(thank_you(note), TY) == []
        assert structure(thank_you(note)) == []
    for note in CHECK_INS:
        assert structure(check_in(note), CI) == []


def test_opening_elements_anchor_on_greeting_and_closing_on_sign_off() -> None:
    note = THANK_YOUS[2]
    (opening,) = structure(thank_you(note, "open"), TY)
    assert (opening.rule_id, opening.excerpt, opening.line, opening.column) == ("DL601", note["greet"], 1, 1)
    (closing,) = structure(thank_you(note, "thanks"), TY)
    assert closing.rule_id == "DL605" and closing.excerpt == note["sign"].split("\n")[0]


def test_anchor_falls_back_to_first_and_last_line() -> None:
    text = ("I am writing about the analyst role we discussed on Monday. The churn model sounded hard.\n\n"
            "At Ledgerly I rebuilt the churn dashboard and cut reporting time in half.\n\n"
            "I remain keen on the role and will follow up next week. Thank you again.\n")
    (finding,) = structure(text, TY)
    assert finding.rule_id == "DL601"
    assert finding.excerpt == text.splitlines()[0]


def test_message_names_the_stage_and_suggestion_the_role() -> None:
    note = THANK_YOUS[1]
    (declared,) = structure(thank_you(note, "fit"), Context(stage="thank-you", role="credit analyst"))
    assert declared.message.startswith("This thank-you note never says why you fit the credit analyst role")
    assert "the credit analyst role" in (declared.suggestion or "")
    long_note = dict(note, open=note["open"] + " I also liked hearing how the panel meets each Thursday to go "
                     "through new files, and how the reviews are shared across the whole team afterwards.")
    (inferred,) = structure(thank_you(long_note, "interest"))
    assert inferred.message.startswith("This note (read as a thank-you)")


def test_inferred_stage_checks_only_fit_and_interest() -> None:
    note = THANK_YOUS[0]
    for element in ("follow", "thanks"):
        assert structure(thank_you(note, element)) == []


def test_infer_stage_option_turns_inference_off() -> None:
    note = dict(THANK_YOUS[1])
    note["open"] += " I also liked hearing how the panel meets each Thursday and shares its notes afterwards."
    text = thank_you(note, "interest")
    assert [f.rule_id for f in structure(text)] == ["DL603"]
    off = Config(rules={"DL603": RuleConfig.model_validate({"infer-stage": False})})
    assert structure(text, config=off) == []


def test_min_words_gate() -> None:
    short = "Hi Grace,\n\nThank you for the call today. I enjoyed hearing about the web team.\n\nBest,\nJohn\n"
    assert [f.rule_id for f in structure(short, TY)] == []
    strict = Config(rules={name: RuleConfig.model_validate({"min-words": 0}) for name in ("DL602", "DL603")})
    assert {f.rule_id for f in structure(short, TY, strict)} == {"DL602", "DL603"}


def test_check_in_rules_need_declared_follow_up() -> None:
    text = check_in(CHECK_INS[0], "value")
    assert [f.rule_id for f in structure(text, CI)] == ["DL613"]
    assert structure(text) == []
    assert structure(text, TY) != []  # read as a thank-you it is judged as one


def test_follow_up_time_phrasings() -> None:
    base = dict(THANK_YOUS[0])
    for sentence in ("I'll check in on Thursday.", "If I haven't heard by March 20, I will follow up then.",
                     "I am keen and will be in touch in two weeks.", "Let me follow up early next week."):
        base["follow"] = sentence
        assert structure(thank_you(base), TY) == [], sentence
    for sentence in ("I look forward to hearing from you.", "I will follow up.", "Next week works for me."):
        base["follow"] = sentence
        assert [f.rule_id for f in structure(thank_you(base), TY)] == ["DL604"], sentence


@given(st.text(max_size=300))
def test_structure_never_fails_on_odd_input(text: str) -> None:
    for context in (None, TY, CI):
        report = lint_draft(text, context=context)
        assert not report.failures
        for finding in report.findings:
            if finding.category == "structure":
                assert text[finding.start : finding.end] == finding.excerpt


# The sentence-end pattern as first written; the fast form opens with the set of its
# first characters. Both must find the same ends, from any start and to any end.
_SENTENCE_END_PLAIN = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n[ \t\r]*\n")
_SENTENCE_BITS = st.sampled_from(
    [*".!?\n\r\t \"'”’)]a1é", "...", "?!", "\n\n", "\n \t\n", "\n\r\n", "\n \r \n", ". ", ".\n", "Hi", "e.g."]
)


@settings(max_examples=800)
@example("Thanks.\n\r\nBest", 0, 80)
@example("Really?!\u201d Yes.", 2, 80)
@given(st.lists(_SENTENCE_BITS, max_size=30).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_sentence_ends_are_found_as_the_plain_pattern_finds_them(text: str, a: int, b: int) -> None:
    from draftlint.checks import structure

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    fast = [m.span() for m in structure._SENTENCE_END.finditer(text, start, end)]
    assert fast == [m.span() for m in _SENTENCE_END_PLAIN.finditer(text, start, end)]
    assert [m.span() for m in structure._SENTENCE_END.finditer(text, start)] == [
        m.span() for m in _SENTENCE_END_PLAIN.finditer(text, start)
    ]
