"""Report statistics: phone-screen lines, readability, and the shared layout of a note."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftlint import lint_draft
from draftlint.engine import get_linter
from draftlint.sources import read
from draftlint.stats import (
    PHONE_LINE_CHARS,
    _sentences_and_questions,
    layout,
    phone_lines,
    phone_rows,
    readability_grade,
    syllables,
    word_count,
)


def _body(text: str):
    return read(text, kind="text").body


# -- phone-screen lines ------------------------------------------------------------------


def test_short_lines_and_blank_lines_count_one_each() -> None:
    assert phone_lines(_body("Hi Dana,\n\nThe call went well.\n\nSee you soon\n")) == 5


def test_long_line_wraps_at_word_boundaries() -> None:
    line = "Thank you for taking the time to discuss the project management position with me today."
    rows = phone_rows(_body(line))
    pieces = [line[a:b].strip() for a, b in zip(rows, [*rows[1:], len(line)])]
    assert all(len(p) <= PHONE_LINE_CHARS for p in pieces)
    assert " ".join(pieces) == line
    assert len(rows) == 3


def test_word_longer_than_a_line_is_broken() -> None:
    assert phone_lines(_body("x" * 80)) == 3


def test_trailing_quote_and_signature_do_not_count() -> None:
    note = "Hi Dana,\n\nThank you for your time today.\n\nBest regards,\n"
    quoted = note + "Sam Lee\nAnalyst\n\nOn Mon, 2 Mar 2026 at 10:00, Dana <d@example.com> wrote:\n> one\n> two\n> three\n"
    assert phone_lines(_body(quoted)) == phone_lines(_body(note))


def test_interleaved_quote_lines_are_not_counted_as_blank_lines() -> None:
    text = "Hi Dana,\n> when can you start?\n> and where?\nIn June, from Lisbon.\n"
    assert phone_lines(_body(text)) == 2


def test_letter_heading_above_the_greeting_is_left_out() -> None:
    heading = "Maya Osei\n14 Larch Road\nLeeds LS6 2AB\n\n3 March 2026\n\n"
    note = "Dear Mr. Halloran,\n\nThank you for your time yesterday.\n"
    assert phone_lines(_body(heading + note)) == phone_lines(_body(note))
    assert word_count(_body(heading + note)) == word_count(_body(note))


def test_report_carries_phone_lines_and_readability() -> None:
    stats = lint_draft("Thank you for your time today. I enjoyed it! Could we talk again?\n").stats
    assert stats.phone_lines == 2
    assert stats.readability_grade is not None


def test_phone_lines_match_the_scroll_rule() -> None:
    lines = "\n\n".join(f"- point number {i}" for i in range(40))
    text = f"Hi Marta,\n\nThank you for the call.\n\n{lines}\n\nThanks,\nRui\n"
    report = lint_draft(text)
    scroll = [f for f in report.findings if f.rule_id == "DL503"]
    assert scroll and f"{report.stats.phone_lines} lines" in scroll[0].message


# -- readability -----------------------------------------------------------------------


def test_readability_is_none_without_words() -> None:
    assert readability_grade([], 0) is None
    assert lint_draft("").stats.readability_grade is None
    assert lint_draft("... !!! ???").stats.readability_grade is None


def test_flesch_kincaid_formula() -> None:
    words = ["the", "cat", "sat", "on", "the", "mat"]
    expected = round(0.39 * 6 + 11.8 * sum(map(syllables, words)) / 6 - 15.59, 1)
    assert readability_grade(words, 1) == expected
    # With no sentence boundary found, the words count as one sentence.
    assert readability_grade(words, 0) == expected


def test_syllables_from_hyphenation() -> None:
    assert syllables("conversation") >= 3
    assert syllables("the") == 1
    assert syllables("2026") == 1  # not a word of letters: one syllable
    assert syllables("o'neil") == 1


def test_harder_text_grades_higher() -> None:
    easy = lint_draft("I met Sam. We had tea. It was fun. I like the team.").stats.readability_grade
    hard = lint_draft(
        "The organisational restructuring necessitates comprehensive reconsideration of "
        "interdepartmental communication methodologies and accountability frameworks."
    ).stats.readability_grade
    assert easy is not None and hard is not None and hard > easy + 5


def test_readability_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    syllables.cache_clear()
    stats = lint_draft("Extraordinary conversations sometimes illuminate unexpected opportunities.").stats
    assert stats.readability_grade is not None


# -- sentences and questions -----------------------------------------------------------


def _naive(doc) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    sentences = questions = 0
    for sent in doc.sents:
        if [t for t in sent if not (t.is_space or t.is_punct)]:
            sentences += 1
            if sent.text.rstrip().endswith("?"):
                questions += 1
    return sentences, questions


NLP = get_linter().nlp


@pytest.mark.parametrize(
    "text",
    ["", " ", "?", "Hi?\n\n?", "What? Really?!  \n\n...", "!!!", "Hello world", "Is it? ", "One. Two? Three",
     "\n\n\n", "😀 ? ok", "Why (really)?\n"],
)
def test_sentence_counts_match_token_definition(text: str) -> None:
    doc = NLP(text)
    assert _sentences_and_questions(doc, doc.text) == _naive(doc)


@given(st.lists(st.sampled_from([*"ab .?!,\n'-😀", "Hi", "what", "  ", "(", ")"]), max_size=40).map("".join))
def test_sentence_counts_match_token_definition_on_random_text(text: str) -> None:
    doc = NLP(text)
    assert _sentences_and_questions(doc, doc.text) == _naive(doc)


# -- layout ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "greeting"),
    [
        ("Dear Ms. Okafor:\n\nThank you.", "Dear Ms. Okafor:"),
        ("Hi Sam,\nThanks for today.", "Hi Sam,"),
        ("Hello Marcus, thank you for the call today about the role.", "Hello Marcus,"),
        ("Good morning Dr. Reyes!\n\nThanks.", "Good morning Dr. Reyes!"),
        ("Thank you for your time today.", None),
    ],
)
def test_greeting(text: str, greeting: str | None) -> None:
    part = _body(text)
    span = layout(part).greeting
    assert (part.text[span[0] : span[1]] if span else None) == greeting


@pytest.mark.parametrize(
    ("text", "sign_off"),
    [
        ("Hi Sam,\n\nThanks for today.\n\nBest regards,\nAna\n", "Best regards,"),
        ("Hi Sam,\n\nThanks for today.\n\nThanking you once again,\n\nYours sincerely\n\nAna", "Yours sincerely"),
        ("Hi Sam,\n\nThanks for today.\n\nAna\n", None),
    ],
)
def test_sign_off(text: str, sign_off: str | None) -> None:
    part = _body(text)
    span = layout(part).sign_off
    assert (part.text[span[0] : span[1]] if span else None) == sign_off


def test_layout_of_empty_and_blank_text() -> None:
    for text in ("", "   \n\n  \t"):
        shape = layout(_body(text))
        assert shape.lines == () and shape.greeting is None and shape.end == 0
        assert phone_lines(_body(text)) == 0


# Cross-check against textstat, the project's reference for counting: our own counter
# runs on the masked analysis text (textstat would also count quoted replies and
# signatures, and its syllable scores need a download in 0.7.13), so it must agree
# with textstat's word count on plain prose.
@pytest.mark.parametrize(
    "text",
    [
        "Thank you for meeting me on Tuesday about the analyst role. I enjoyed it!",
        "I can't wait to hear about the O'Neil project, e.g. the data-platform roadmap.",
        "Your team shipped 3 releases in 2025, and I would love to help with the 4th.",
        "Many thanks again; the tour of the lab was the highlight of my week.",
    ],
)
def test_word_count_agrees_with_textstat(text: str) -> None:
    import textstat

    from draftlint import lint_draft

    assert lint_draft(text).stats.words == textstat.lexicon_count(text)
