"""The default pipeline tokenizes and splits sentences exactly as spaCy's blank English with its sentencizer does."""

from __future__ import annotations

from functools import lru_cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, NORM, ORTH, SENT_START
from spacy.language import Language

from draftlint.nlp import get_pipeline

TEXTS = [
    "Hi Sam,\n\nI don't know if you've heard back from the U.S. team, e.g. Dr. O'Neil's group.",
    "Can't wait!!! Call me at (555) 010-2030 or a@b.com :) — thanks… http://example.com/x?y=1",
    "I’m   still\twaiting.\r\nAny update?  ",
    "",
]


def test_default_pipeline_matches_spacy_blank_english() -> None:
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    ours = get_pipeline()
    attrs = [ORTH, NORM, LOWER, IS_PUNCT, IS_SPACE, IDX, SENT_START]
    for text in TEXTS:
        assert ours(text).to_array(attrs).tolist() == reference(text).to_array(attrs).tolist(), text


@lru_cache(maxsize=1)
def _reference() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_SENTENCE_BITS = st.sampled_from(
    ["Hi", " ", "  ", "\n", "\n\n", "\t", ".", "!", "?", "...", "…", "!?", "。", "؟", "।", "‼", "‽", "\"", "'", ")",
     "(", "-", ",", ":)", "e.g.", "U.S.", "Dr.", "x", "é", "3.5", "a.b", "🙂", "\u2029", ";", "]"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SENTENCE_BITS, st.text(max_size=3)), max_size=40).map("".join))
def test_sentences_are_spacys_sentencizer_sentences(text: str) -> None:
    from draftlint.nlp import _COLUMN_ATTRS, token_columns

    reference = _reference()
    text = text.encode("utf-8", "replace").decode("utf-8")  # spaCy cannot take lone surrogates
    ours, theirs = get_pipeline()(text), reference(text)
    attrs = [ORTH, IS_PUNCT, SENT_START]
    assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]
    # The columns kept for the checks are what a fresh export of the finished doc gives.
    assert token_columns(ours).tolist() == ours.to_array(_COLUMN_ATTRS).tolist()
