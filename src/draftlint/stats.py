"""Counts over the linted text of a draft: words, sentences, paragraphs, reading time.

Only unmasked text counts: quoted replies, signatures and markup are blanked in the
analysis text before anything is counted.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .draft import DraftPart
from .models import DraftStats

__all__ = ["WORD", "compute_stats"]

#: A word: letters or digits, with inner apostrophes, dots or hyphens ("O'Neil", "e.g").
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WORDS_PER_MINUTE = 230


def compute_stats(part: DraftPart, doc: Doc) -> DraftStats:
    """Statistics of one part from its analysis text and spaCy doc."""
    text = part.analysis
    words = sum(1 for _ in WORD.finditer(text))
    sentences = questions = 0
    for sent in doc.sents:
        content = [t for t in sent if not (t.is_space or t.is_punct)]
        if content:
            sentences += 1
            if sent.text.rstrip().endswith("?"):
                questions += 1
    paragraphs = sum(1 for block in re.split(r"\n[ \t\r]*\n", text) if WORD.search(block))
    return DraftStats(
        words=words,
        sentences=sentences,
        paragraphs=paragraphs,
        questions=questions,
        reading_time_seconds=round(words * 60 / _WORDS_PER_MINUTE, 1),
    )


