"""Statistics and tone code rewritten for speed give what plain versions give.

Each test keeps a straightforward reference written token by token (or word by word)
and compares it with the module's fast form on random text, including characters that
are easy to get wrong: other white space, full-width and inverted question marks,
zero-width and byte-order marks, symbols, emoji and combining marks.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint.engine import get_linter
from draftlint.stats import _sentences_and_questions

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
