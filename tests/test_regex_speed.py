"""Phrase patterns rewritten for speed find exactly what they found as first written.

Each rewritten pattern is compared with its first form (kept here) on text built from
the pattern's own words, glued to spaces, punctuation, apostrophes, letters in both
cases, digits and non-ASCII characters, from any start to any end: the spans of every
match must be the same.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint.checks import structure

# The patterns as first written: each opens with \b, so re tries it at every position.
_FIRST_FORMS = {
    "_COURTESY_PHRASES": r"\b(?:great|nice|wonderful|lovely|good)\s+(?:to|meeting|speaking|talking|chatting)\b",
    "_CHECK_IN": (
        r"\b(?:follow(?:ing)?[\s-]+up\s+on|check(?:ing)?\s+in|touch(?:ing)?\s+base|circl(?:e|ing)\s+back"
        r"|any\s+(?:update|news|word)|status\s+of|where\s+things\s+stand|(?:have\s+not|haven't|haven’t|not\s+yet)\s+heard"
        r"|wanted\s+to\s+see\s+if|since\s+(?:we|our|my)\s+(?:spoke|talked|met|interview|conversation))"
    ),
    "INTEREST_PHRASES": (
        r"\b(?:look(?:ing)?\s+forward|love\s+to|(?:would|'d|’d)\s+(?:love|welcome|relish)|hop(?:e|ing)\s+to"
        r"|(?:want|like)\s+to\s+join|join(?:ing)?\s+(?:your|the)|(?:be|become)\s+(?:a\s+)?part\s+of|opportunity\s+to"
        r"|can(?:not|'t|’t)\s+wait|next\s+steps?)\b"
    ),
    "VALUE_PHRASES": (
        r"\b(?:i\s+(?:just|have\s+since|'ve\s+since|’ve\s+since|since)|thought\s+you\s+(?:might|would|may)"
        r"|wanted\s+to\s+share|(?:i|i've|i’ve)\s+(?:put\s+together|wrote|written|made|built|drafted|prepared|sketched)"
        r"|new\s+(?:result|project|role|numbers)|plan\s+for|case\s+study|won\s+(?:a|an|the))\b"
    ),
    "_THANKS": r"\b(?:thank|thanks|thanking|thankful|appreciat\w*|grateful|gratitude)\b",
}

# Pieces that sit next to the words: separators, characters that do or do not make a
# word boundary, and non-ASCII letters (one whose lower case is longer, too).
_GLUE = [" ", "  ", "\n", "\t", "-", "'", "’", ".", ",", "!", "x", "É", "é", "ß", "İ", "1", "_", "ǅ", "\u00a0"]


def _pieces(pattern: str) -> list[str]:
    words = sorted(set(re.findall(r"[a-z'’]+", pattern.replace(r"\s", " ").replace(r"\w", " ").replace(r"\b", " "))))
    return words + [w.upper() for w in words[::3]] + [w.capitalize() for w in words[1::3]] + _GLUE


def _text(pattern: str) -> st.SearchStrategy[str]:
    # Whole phrases the pattern matches (its boundaries left to the pieces around them),
    # mixed with its words and the glue.
    phrases = st.from_regex(pattern.removeprefix(r"\b").removesuffix(r"\b"), fullmatch=True)
    cased = phrases | phrases.map(str.upper) | phrases.map(str.title)
    return st.lists(cased | st.sampled_from(_pieces(pattern)), max_size=30).map("".join)


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize("name", sorted(_FIRST_FORMS))
def test_phrase_pattern_matches_as_first_written(name: str) -> None:
    first = re.compile(_FIRST_FORMS[name])
    fast = getattr(structure, name)

    @settings(max_examples=250)
    @example("i'd love to", 0, 80)
    @example("xi'd love to. Thanks for", 1, 80)
    @example("a thank you", 3, 80)
    @given(_text(first.pattern), st.integers(0, 200), st.integers(0, 200))
    def check(text: str, a: int, b: int) -> None:
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        for sample in (text, text.lower()):
            assert _spans(fast, sample, start, end) == _spans(first, sample, start, end)
            assert _spans(fast, sample, 0, len(sample)) == _spans(first, sample, 0, len(sample))
            found, expected = fast.search(sample, start), first.search(sample, start)
            assert (found and found.span()) == (expected and expected.span())

    check()


def test_alternatives_must_open_with_plain_characters() -> None:
    with pytest.raises(ValueError):
        structure._at_word_start(r"\d+\s*percent")


@settings(max_examples=500)
@example("a\r\nb\rc\n\rd")
@given(st.lists(st.sampled_from(["\r\n", "\r", "\n", "\n\r", " ", "a", "é", "\u2028", "\x0b"]), max_size=30).map("".join))
def test_lines_split_as_the_line_break_pattern_splits(block: str) -> None:
    from draftlint.checks import length

    assert length._lines(block) == re.split(r"\r\n|\r|\n", block)
