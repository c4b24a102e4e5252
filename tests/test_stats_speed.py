"""Statistics rewritten for speed, and the tone check, give what plain versions give.

Each test keeps a straightforward reference written token by token (or word by word)
and compares it with the module's fast form on random text, including characters that
are easy to get wrong: other white space, full-width and inverted question marks,
zero-width and byte-order marks, symbols, emoji and combining marks.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint import Context
from draftlint.checks import tone
from draftlint.checks.base import Analysis, Hit
from draftlint.engine import get_linter
from draftlint.sources import read
from draftlint import stats
from draftlint.stats import WORD, _sentences_and_questions, _words, _wrap, readability_grade, syllables

NLP = get_linter().nlp

# Pieces that move sentence boundaries, punctuation and white space around.
_PIECES = [
    *"ab Z7.?!,;:\n\t'-()\"", "\r\n", "\n\n", "  ", "\u00a0", "\u3000", "\u2029", "\x1c", "\u200b", "\ufeff",
    "？", "¿", "…", "—", "$", "€", "😀", "e\u0301", "İ", "K", "Hi", "what", "Dr.", "e.g.", "U.S.", "?!", "?)",
    "\"?\"", "'?'", "http://x.io/a?b", "...", ". . .",
]
texts = st.one_of(st.lists(st.sampled_from(_PIECES), max_size=50).map("".join), st.text(max_size=80))


def _reference_sentences_and_questions(doc) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Group tokens into sentences at each sentence start, then read the tokens."""
    groups: list[list] = []  # type: ignore[type-arg]
    for token in doc:
        if not groups or token.is_sent_start:
            groups.append([])
        groups[-1].append(token)
    sentences = questions = 0
    for group in groups:
        if any(not (t.is_space or t.is_punct) for t in group):
            sentences += 1
            last = [t for t in group if not t.is_space][-1]
            questions += last.text.endswith("?")
    return sentences, questions


@settings(max_examples=400)
@given(texts)
@example("")
@example("Is it?\n\n  \n")
@example("What？ Really¿ Done?\u200b Ok?\ufeff")
@example("Why (really)?)\n\n?")
def test_sentences_and_questions_match_a_token_by_token_count(text: str) -> None:
    doc = NLP(text)
    assert _sentences_and_questions(doc, doc.text) == _reference_sentences_and_questions(doc)


# -- words ---------------------------------------------------------------------------------

_WORD_PIECES = [
    *"aZ7 _'’.-,;:!?()\"\t\n", "\u00a0", "\u3000", "\u2028", "\x1c", "\x85", "\u200b", "\ufeff", "İ", "ǅ", "ß",
    "²", "½", "Ⅻ", "٣", "e\u0301", "\u0301", "😀", "—", "K", "Σ", "ΑΣ", "you,", "Dana:", "e.g.", "O'Neil",
    "co-op", "--", "..", "'s", "a_b", "x.", "x-", "x'", "x’y",
]
word_texts = st.one_of(st.lists(st.sampled_from(_WORD_PIECES), max_size=40).map("".join), st.text(max_size=80))


def test_no_letter_or_digit_is_white_space() -> None:
    # Splitting at white space before matching words relies on this.
    assert not [c for c in map(chr, range(0x110000)) if c.isspace() and c.isalnum()]


@settings(max_examples=500)
@given(word_texts)
@example("Hi Dana, it's a co-op (e.g. 2½ days)... İstanbul_office ΑΣ. x’y- z.")
def test_words_are_the_matches_of_the_word_pattern(text: str) -> None:
    assert _words.__wrapped__(text) == tuple(WORD.findall(text.lower()))


# -- readability -----------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(["a", "the", "extraordinary", "e.g", "co-op", "2½", "naïve", "x"]),
                          st.text(min_size=1, max_size=12)), max_size=30), st.integers(0, 5), st.booleans())
def test_readability_grade_matches_the_formula(words: list[str], sentences: int, small: bool) -> None:
    words = [w.lower() for w in words]
    with pytest.MonkeyPatch.context() as patch:
        if small:  # the word memo is emptied when it fills up
            patch.setattr(stats, "_MAX_SYLLABLE_COUNTS", 3)
        grade = readability_grade(words, sentences)
    if not words:
        assert grade is None
        return
    total = sum(syllables(w) for w in words)
    assert grade == round(0.39 * (len(words) / max(sentences, 1)) + 11.8 * (total / len(words)) - 15.59, 1)


# -- phone rows ------------------------------------------------------------------------------


def _reference_wrap(analysis: str, start: int, end: int, width: int) -> list[int]:
    """Greedy wrap, searching every screen line for each of the three word separators."""
    rows = []
    pos = start
    while True:
        rows.append(pos)
        limit = pos + width
        if limit >= end:
            return rows
        if analysis[limit].isspace():
            cut = limit
        else:
            cut = max(analysis.rfind(" ", pos, limit), analysis.rfind("\t", pos, limit), analysis.rfind("\xa0", pos, limit))
            if cut <= pos:
                pos = limit
                continue
        pos = cut + 1
        while pos < end and analysis[pos].isspace():
            pos += 1
        if pos >= end:
            return rows


_LINE_PIECES = [
    "a", "word", "longerwordthanmost", "x" * 40, " ", "  ", "\t", "\xa0", "\u3000", "\u2009", "\x1c", "\u200b",
    "\ufeff", "😀", "e\u0301", "—", ",", ".",
]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=40).map("".join), st.integers(0, 4), st.integers(0, 4),
       st.integers(8, 40))
def test_wrap_matches_a_search_for_every_separator(text: str, before: int, after: int, width: int) -> None:
    start, end = min(before, len(text)), max(min(before, len(text)), len(text) - after)
    rows: list[int] = []
    _wrap(text, start, end, width, rows)
    assert rows == _reference_wrap(text, start, end, width)


# -- bitterness ----------------------------------------------------------------------------

# Strongly negative words, words aimed at the reader or the process, courteous words and
# near misses, so that every branch of the check comes up often.
_TONE_WORDS = [
    "waste", "fraud", "problems", "disappointing", "Frustrating", "HATE", "awful", "terrible", ":(", ">:(",
    "you", "You", "your", "YOUR", "y'all", "company", "process", "recruiter", "hiring", "HR",
    "thank", "Thanks", "sorry", "hope", "appreciate", "time", "my", "the", "was", "is", "a", "of",
    "not", "never", "very", "so", "truly", "but", "!", "!!", "?", ".", ",", "'", "-", "\n", "\n\n", "\r\n",
    "  ", "\u00a0", "\u2029", "\u200b", "\ufeff", "😀", "e\u0301", "wasté", "K", "İ", "Ｗaste", "waste-of", "h8",
]
tone_texts = st.one_of(
    st.lists(st.sampled_from(_TONE_WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_TONE_WORDS), max_size=40).map("".join),
    st.text(max_size=60),
)


def _reference_bitterness(analysis: Analysis, options: dict) -> list[Hit]:  # type: ignore[type-arg]
    """Score each sentence of spaCy's own sentence split, reading token objects."""
    threshold = float(options.get("threshold", -0.5))
    process_threshold = float(options.get("process_threshold", -0.6))
    negative = tone._negative_words(float(options.get("gate_valence", -1.5)))
    hits = []
    for name, doc in analysis.docs.items():
        text = analysis.part(name).nlp_text
        for sent in doc.sents:
            words = {t.lower_ for t in sent}
            if not words & negative or words & tone._COURTEOUS:
                continue
            if words & tone._READER:
                limit = threshold
            elif words & tone._PROCESS:
                limit = process_threshold
            else:
                continue
            end = len(text) if sent.end == len(doc) else doc[sent.end].idx
            sentence = text[sent.start_char : end]
            if tone._analyzer().polarity_scores(sentence)["compound"] > limit:
                continue
            begin = sent.start_char + len(sentence) - len(sentence.lstrip())
            hits.append(Hit(name, begin, begin + len(sentence.strip())))  # type: ignore[arg-type]
    return hits


@settings(max_examples=300)
@given(tone_texts, st.sampled_from([{}, {"threshold": -0.2, "process_threshold": -0.3, "gate_valence": -1.0}]))
@example("This process was a waste of your time, you fraud!", {})
@example("Thanks, but your company is awful.\n\nYou wasted my time.", {})
@example("Awful. Your process is awful, awful! I hate your company.\n\nWaste of your time, waste. Fraud", {})
def test_bitterness_matches_a_sentence_by_sentence_reading(text: str, options: dict) -> None:  # type: ignore[type-arg]
    draft = read(text, kind="text")
    docs = {name: NLP(part.nlp_text) for name, part in draft.parts.items()}
    analysis = Analysis(draft=draft, context=Context(), docs=docs)
    assert list(tone.bitterness(analysis, options)) == _reference_bitterness(analysis, options)
