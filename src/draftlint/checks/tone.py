"""Tone checks that no fixed phrase list can express.

Bitter or hostile messages rarely share wording ("so disappointing that nobody had the
decency to reply"), so :func:`bitterness` scores whole sentences with the VADER
sentiment lexicon (shipped inside the ``vaderSentiment`` wheel, read offline) and keeps
only strongly negative sentences aimed at the reader or the hiring process. Courteous
sentences that merely contain a negative word ("I know hiring is a difficult process,
thank you for your patience") are left alone.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy

from .. import _cache
from ..nlp import COLUMNS, token_columns
from .base import Analysis, Hit

__all__ = ["bitterness"]

# The sentence must point at the reader (second person) or, with a stricter score, at
# their hiring process; not at the writer's own life ("I was sad to miss the lunch").
_READER = frozenset("you your yours yourself yourselves you're y'all u ur".split())
_PROCESS = frozenset(
    "company organisation organization process recruiter recruiters hiring interviewers "
    "rejection firm employer hr".split()
)
# Gratitude, empathy, hope and apology mark a courteous sentence even when a negative
# word occurs ("I hate to bother you again, but ...").
_COURTEOUS = frozenset(
    "thank thanks thankful grateful appreciate appreciated appreciative understand understandable "
    "hope hoping glad enjoyed enjoy pleasure congratulations sympathy condolences bother "
    "apologies apologise apologize sorry".split()
)
_WORD = re.compile(r"[a-z']+")


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4)
def _negative_words(limit: float) -> frozenset[str]:
    # Read the lexicon file itself: building the analyser costs more, and most drafts
    # never need it because no sentence passes this cheap gate. The few hundred words
    # that pass are kept in the start-up cache (reading 7,500 lines cost a one-draft
    # run about 8 ms).
    lexicon = importlib.resources.files("vaderSentiment") / "vader_lexicon.txt"
    try:
        stat = Path(str(lexicon)).stat()
        key = f"{limit!r}|{lexicon}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        key = None
    saved = _cache.load("vader-negative", key) if key else None
    if isinstance(saved, list):
        return frozenset(saved)
    words = set()
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        try:
            if len(fields) > 1 and float(fields[1]) <= limit:
                words.add(fields[0])
        except ValueError:
            continue
    if key:
        _cache.store("vader-negative", key, sorted(words))
    return frozenset(words)


def bitterness(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Flag sentences whose sentiment is strongly negative and aimed at the reader.

    Options:
        threshold: VADER compound score at or below which a sentence aimed at the reader
            ("you", "your") is bitter (-0.5).
        process_threshold: the stricter score for sentences that name only the hiring
            process or company (-0.6).
        gate_valence: a sentence is scored only if one of its words has a lexicon
            valence at or below this (-1.5); this keeps the cost to a set lookup for
            almost every sentence.
    """
    threshold = float(options.get("threshold", -0.5))
    process_threshold = float(options.get("process_threshold", -0.6))
    gate = float(options.get("gate_valence", -1.5))
    for name, doc in analysis.docs.items():
        if not len(doc):
            continue
        words = _hashes(doc.vocab, gate)
        columns = token_columns(doc)
        lowers = columns[:, COLUMNS["LOWER"]].tolist()
        negative = words.negative.intersection(lowers)
        if not negative:
            continue  # most drafts: no strongly negative word at all
        # Token attributes are read as arrays: a Python object per token cost more than
        # the whole check. Doc.text rebuilds the string token by token; the part
        # already holds it.
        starts = columns[:, COLUMNS["SENT_START"]].astype(numpy.uint8).tobytes()
        text = analysis.part(name).nlp_text
        for first, last in _sentences_holding(lowers, negative, starts):
            tokens = set(lowers[first:last])
            if not words.courteous.isdisjoint(tokens):
                continue
            if not words.reader.isdisjoint(tokens):
                limit = threshold
            elif not words.process.isdisjoint(tokens):
                limit = process_threshold
            else:
                continue
            start = int(columns[first, COLUMNS["IDX"]])
            end = int(columns[last, COLUMNS["IDX"]]) if last < len(lowers) else len(text)
            sentence = text[start:end]
            if _analyzer().polarity_scores(sentence)["compound"] > limit:
                continue
            stripped = sentence.strip()
            begin = start + (len(sentence) - len(sentence.lstrip()))
            yield Hit(name, begin, begin + len(stripped))  # type: ignore[arg-type]


class _Words:
    """The word lists of this module as spaCy LOWER hashes of one vocabulary."""

    def __init__(self, strings: Any, gate: float) -> None:
        self.negative = frozenset(strings.add(w) for w in _negative_words(gate))
        self.reader = frozenset(strings.add(w) for w in _READER)
        self.process = frozenset(strings.add(w) for w in _PROCESS)
        self.courteous = frozenset(strings.add(w) for w in _COURTEOUS)


_WORDS_BY_VOCAB: dict[tuple[int, float], _Words] = {}


def _hashes(vocab: Any, gate: float) -> _Words:
    key = (id(vocab), gate)
    if key not in _WORDS_BY_VOCAB:
        _WORDS_BY_VOCAB[key] = _Words(vocab.strings, gate)
    return _WORDS_BY_VOCAB[key]


def _sentences_holding(values: list[int], wanted: Iterable[int], starts: bytes) -> list[tuple[int, int]]:
    """Token ranges of the sentences holding one of the ``wanted`` values, in order.

    ``starts`` holds a byte per token, 1 where a sentence starts (SENT_START narrowed
    to bytes); the first sentence begins at token 0 whatever its byte. The few wanted
    tokens are looked up and their sentences found around them: a set for every
    sentence of the draft cost more than the rest of the check.
    """
    positions = []
    for value in wanted:
        pos = values.index(value)
        while True:
            positions.append(pos)
            try:
                pos = values.index(value, pos + 1)
            except ValueError:
                break
    ranges: list[tuple[int, int]] = []
    for pos in sorted(positions):
        if ranges and pos < ranges[-1][1]:
            continue  # in the sentence already taken
        last = starts.find(1, pos + 1)
        ranges.append((max(starts.rfind(1, 1, pos + 1), 0), last if last >= 0 else len(values)))
    return ranges
