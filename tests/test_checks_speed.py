"""Note-shape checks rewritten for speed give what their plain forms give.

Each test keeps the plain form of a function as it read before it was made faster,
and compares the two on random notes built from the fragments that matter to it:
greetings ("Dear all,", "Hi team"), names, sign-offs, blank lines, CR/LF, tabs,
no-break spaces, long words, question marks and non-ASCII text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint import Context
from draftlint.checks import length, people, structure
from draftlint.checks.base import Analysis, Hit
from draftlint.sources import read
from draftlint import stats
from draftlint.stats import WORD, all_words, layout, word_count

_FRAGMENTS = [
    "Dear all,", "Hi team", "Hello Dana,", "Dear Ms. Okafor:", "Hi Jake, Jill, and Maria,", "Good morning Sam!",
    "To whom it may concern,", "Best regards,", "Thanks,", "Sincerely,", "Dana Reyes", "Sam", "you", "all", "both",
    "of", "thanks", "thank", "to", "team", "everyone", "guys", "y'all", "y’all", "two", "Thank you all for your time.",
    "It was great meeting each of you.", "the", "meeting", "?", ".", ",", "!", "-", "'", "’", " ", " ", " ", "  ", "\n",
    "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2003", "\u200b", "\ufeff", "é", "İ", "😀", "—", "…",
    "Supercalifragilisticexpialidociousness", "a" * 50, "e.g.", "co-op", "O'Neil",
]
notes = st.one_of(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map(" ".join),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map("".join),
    st.text(max_size=120),
)


def _analysis(text: str) -> Analysis:
    return Analysis(draft=read(text, kind="text"), context=Context(), docs={})


# -- plural address --------------------------------------------------------------------

_PLURAL_PAIRS = tuple(
    f" {pair} "
    for pair in (
        "you all", "you both", "you two", "of you", "y'all", "y’all", "you everyone", "you everybody", "you team",
        "you guys", "you folks", "thanks all", "thanks everyone", "thanks everybody", "thanks team", "thanks guys",
        "thanks folks", "thanks both", "thanks to",
    )
)


def _plain_plural_address(analysis: Analysis) -> Iterable[Hit]:
    """A substring test for each word pair, then the pattern."""
    part = analysis.draft.body
    words = " " + " ".join(all_words(part)) + " "
    if not any(pair in words for pair in _PLURAL_PAIRS):
        return
    found = people._PLURAL_ADDRESS.search(part.nlp_text)
    if found:
        yield Hit("body", found.start(), found.end())


# Few words, so that the word pairs looked for come up often.
_PAIR_WORDS = ["you", "all", "thanks to", "of you", "everyone", "thank you", "both", "y’all", ",", ".", "\n\n", "team", "to"]
pair_notes = st.lists(st.sampled_from(_PAIR_WORDS), max_size=6).map(" ".join)


@settings(max_examples=600)
@given(st.one_of(pair_notes, notes))
@example("Hi team,\n\nThank you all for your time.\n\nBest,\nSam")
@example("Thanks, to you both: y’all were great")
def test_plural_address_matches_a_test_for_each_pair(text: str) -> None:
    analysis = _analysis(text)
    assert list(people.plural_address(analysis, {})) == list(_plain_plural_address(analysis))


# -- the close of a note ---------------------------------------------------------------


def _plain_closing(note: structure._Note) -> tuple[int, int]:
    """The close as it was found for every note: the last paragraph, or the last three
    sentences (searched for in the last 700 characters) if that is shorter."""
    text, start, end = note.text, note.start, note.end
    last_break = text.rfind("\n\n", start, end)
    tail = max(start, end - 700)
    ends = [found.end() for found in structure._SENTENCE_END.finditer(text, tail, end) if found.end() < end]
    if text[ends[-1] if ends else tail : end].strip():
        ends.append(end)
    three = ends[-4] if len(ends) >= 4 else tail
    return (min(three, last_break) if last_break >= start else three), end


@settings(max_examples=400)
@given(notes)
@example("Hi Dana,\n\nThanks for the interview. I liked it! Really?\n\nI hope so. Thank you.\n\nBest,\nSam")
@example("Dear all,\r\n\r\nOne. Two. Three. Four. Five.\r\n\r\nSincerely,\r\nSam")
def test_closing_is_found_as_it_was_for_every_note(text: str) -> None:
    note = structure._note_of(read(text, kind="text").body)
    if note is not None:
        assert structure._closing(note) == _plain_closing(note)


# -- lines of a note -------------------------------------------------------------------

_LINE_PIECES = ["Hi", "Dana", ",", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u00a0", "\u3000", "\u2028", "\x85",
                "\x0b", "\x1c", "\u200b", "\ufeff", "é", "😀"]
line_texts = st.one_of(st.lists(st.sampled_from(_LINE_PIECES), max_size=30).map("".join), st.text(max_size=80))


@settings(max_examples=500)
@given(line_texts)
@example(" \u3000Hi Dana,\x85\n\x0b\nBest\u2028 \n")
@example("\ufeffHi\r\nBest,\rSam\u200b")
def test_stripped_lines_are_the_matches_of_the_line_pattern(text: str) -> None:
    assert stats._stripped_lines(text) == [m.span() for m in stats._STRIPPED_LINE.finditer(text)]


# -- long paragraphs -------------------------------------------------------------------


def _plain_long_paragraph(analysis: Analysis, limit: int) -> Iterable[Hit]:
    """Every paragraph looked at, whatever its length."""
    part = analysis.draft.body
    if word_count(part) <= limit:
        return
    shape = layout(part)
    text = part.analysis
    for start, end in length._paragraphs(text, shape.start, shape.end):
        if text.count(" ", start, end) + text.count("\n", start, end) + text.count("\t", start, end) < limit:
            continue
        count = len(WORD.findall(text, start, end))
        if count > limit:
            first = WORD.search(text, start, end)
            last_end = [found.end() for found in WORD.finditer(text, start, end)][-1]
            assert first is not None
            yield Hit("body", first.start(), last_end + length._tail(text, last_end, end),
                      args={"words": count, "limit": limit})


@settings(max_examples=500)
@given(notes, st.integers(1, 12))
@example("Hi all,\n\none two three four\n\nfive six seven eight nine\n\nBest,\nSam", 4)
@example("a b c d e f g h i j k l " * 12 + "\r\n" + "x" * 120 + " y z", 10)
def test_long_paragraph_matches_a_look_at_every_paragraph(text: str, limit: int) -> None:
    analysis = _analysis(text)
    found = list(length.long_paragraph(analysis, {"max_words": limit}))
    assert found == list(_plain_long_paragraph(analysis, limit))


# -- the name-drop gate ----------------------------------------------------------------

# The words of every title branch, in several cases, and what sits between them.
_GATE_WORDS = (
    "assistant vice president presidents avp a partner partners owner owners at of in there an executive executives "
    "summary search coach producer board chair members member director directors ceo cfo cxo chro ciso cso cho chief "
    "financial officer staff co-founder cofounder co founder founders founding chairman chairwoman chairperson the "
    "department head evp svp vp vps v.p. general manager higher ups higher-ups up managing one your senior leaders "
    "leader leadership top boss team supervisor Vice-President CEO Head Board YOUR The Executive"
).split()
_GATE_JOINERS = [" ", "  ", "\n", "-", ".", ",", "", "’", "\u00a0"]
_GATE_ODDITIES = ["é", "É", "—", "“", "\u0130", "\u0131", "\u017f", "\u212a", "\udc80", "😀", "x", "S", "K"]
gate_texts = st.lists(
    st.one_of(st.sampled_from(_GATE_WORDS), st.sampled_from(_GATE_JOINERS), st.sampled_from(_GATE_ODDITIES),
              st.text(max_size=4), st.sampled_from(_GATE_WORDS).map(lambda w: w.replace("s", "\u017f")),
              st.sampled_from(_GATE_WORDS).map(lambda w: w.replace("i", "\u0131").replace("I", "\u0130"))),
    max_size=30,
).map("".join) | st.lists(st.sampled_from(_GATE_WORDS), max_size=12).map(" ".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [found.span() for found in pattern.finditer(text)]


@settings(max_examples=1500)
@given(gate_texts)
@example("the senior vice president and an executive summary, one of the partners at board of directors")
@example("senior leadership; the executive team; co-founder; chief of staff; chief people officer")
def test_titles_grouped_by_letter_find_what_the_titles_find(text: str) -> None:
    # The plain form, as the lower-case gate read before its branches were grouped.
    plain = re.compile(rf"(?=[a-z])\b(?:{people._TITLE})", re.VERBOSE)
    seniors = people._compile(())
    assert seniors.lower_gate is not None
    lowered = text.lower()
    assert _spans(seniors.lower_gate, lowered) == _spans(plain, lowered)


@settings(max_examples=1500)
@given(gate_texts)
@example("Your CEO’s friend — the \u212aing’s chairman")
@example("our pre\u017fident’s d\u0131rector")
@example("the Executive Team\u00a0and Co-Founder")
def test_title_gate_on_ascii_lowered_text_finds_what_the_case_blind_gate_finds(text: str) -> None:
    seniors = people._compile(())
    lowered = people._ascii_lowered(text)
    if lowered is None:
        assert any(c in text for c in people._FOLDS_TO_ASCII)
        return
    assert len(lowered) == len(text)
    assert seniors.lower_gate is not None
    assert _spans(seniors.lower_gate, lowered) == _spans(seniors.gate, text)


def test_only_the_listed_characters_fold_to_an_ascii_letter() -> None:
    # _ascii_lowered leaves every other character alone: no other one may match a
    # lower-case ASCII letter under IGNORECASE.
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = [chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))]
    assert "".join(folding) == people._FOLDS_TO_ASCII


# -- the name-drop cues ----------------------------------------------------------------

_CUE_FRAGMENTS = [
    "your CEO", "Marketing Director Jennifer Smith", "Dana Reyes", "Ms. Reyes", "the VP of Sales", "our founder",
    "she", "he", "her", "my mentor", "recommended me", "suggested I apply", "told me to reach out to you",
    "can vouch for me", "would be happy to speak to my work", "put in a good word", "has my back",
    "is an old friend of mine", "and I are close", "and I go way back", "assured me I would be given every consideration",
    "mentioned my name", "has spoken with you about my candidacy", "is keen on my application", "wants me on the team",
    "asked me to mention", "gave me her blessing", "knows my work well", "is familiar with my background",
    "I had coffee with", "we talked about my application", "I know", "personally", "a close friend of", "at the suggestion of",
    "and", "the", "really", "Mr.", "I", "you", ".", ",", ";", " ", "\n", "\n\n",
]
cue_texts = st.lists(st.sampled_from(_CUE_FRAGMENTS), max_size=25).map(" ".join)


@settings(max_examples=400)
@given(cue_texts, st.sampled_from([(), ("Dana Reyes", "Reyes", "Ms. Reyes")]), st.integers(0, 40), st.integers(0, 40))
@example("your CEO recommended me. Dana Reyes can vouch for me", ("Dana Reyes",), 0, 0)
@example("Marketing Director Jennifer Smith, who assured me I would be given every consideration", (), 0, 0)
def test_a_window_the_screen_rules_out_holds_no_cue(text: str, names: tuple[str, ...], cut_start: int,
                                                    cut_end: int) -> None:
    # A cue pattern that opens with the senior person runs only in windows where the
    # rest of it matches; where the rest finds nothing, the whole pattern finds nothing.
    seniors = people._compile(names)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    screened = 0
    for family in ("connection", "referral", "vouch", "lobbying"):
        for cue in seniors.family(family):
            if cue.screen is not None:
                screened += 1
                if cue.screen.search(text, start, end) is None:
                    assert cue.pattern.search(text, start, end) is None
    assert screened == 20
