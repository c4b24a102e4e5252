"""The default pipeline tokenizes exactly as spaCy's blank English does."""

from __future__ import annotations

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, NORM, ORTH, SENT_START

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
