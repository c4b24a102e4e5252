"""The spaCy pipeline and the compiled phrase and token matchers.

The default pipeline is ``spacy.blank("en")`` plus a sentencizer: tokenizer-level
attributes only, no model download, the same result on every machine. It is built once
per process. :class:`RuleMatcher` compiles every pattern rule of a catalogue into
phrase matchers (on ``NORM``, which folds case and contractions, and on ``LOWER``) and
one token Matcher for what phrases cannot express, validating every pattern when built
so that a bad pattern fails at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.attrs import LOWER, NORM
from spacy.tokens import Doc

from .errors import RuleFileError
from .rules.schema import RuleMeta

__all__ = ["Match", "RuleMatcher", "get_pipeline"]

_EXCEPTION = "!x"
_MAX_CHARS = 100_000_000


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """The shared pipeline: blank English with a sentencizer, or a named installed model."""
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
        if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # The blank pipeline has no parser or NER, whose memory is what max_length guards;
    # input size is bounded by the readers instead.
    nlp.max_length = _MAX_CHARS
    return nlp


@dataclass(frozen=True, slots=True)
class Match:
    """A raw match of one rule: character offsets into the analysed text."""

    rule_id: str
    start: int
    end: int


_PHRASE_ATTRS = ("NORM", "LOWER")
#: A token pattern whose alternatives multiply out to at most this many word sequences
#: is compiled into the phrase matchers instead of the token Matcher.
_MAX_EXPANSION = 2000


def _anchor(pattern: Sequence[dict[str, Any]]) -> frozenset[str] | None:
    """Lower-cased words one of which must occur for the pattern to match, if known."""
    for token in pattern:
        op = token.get("OP")
        if op in ("?", "*", "!"):
            continue
        for key in ("NORM", "LOWER", "ORTH", "TEXT"):
            value = token.get(key)
            if isinstance(value, str):
                return frozenset({value.lower()})
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                return frozenset(v.lower() for v in value["IN"])
        # The first required token has no literal: no cheap anchor.
        return None
    return None


def _expand(pattern: Sequence[dict[str, Any]]) -> tuple[str, list[tuple[str, ...]]] | None:
    """Multiply a literal-only pattern out into word sequences, or ``None`` if it is not one.

    A pattern qualifies when every token is a NORM (or every token a LOWER) literal or
    ``IN`` list, optionally with ``OP: "?"``. Such patterns are matched by a
    PhraseMatcher, which costs microseconds where the token Matcher costs about ten
    per pattern per draft.
    """
    attr = None
    sequences: list[tuple[str, ...]] = [()]
    for token in pattern:
        keys = set(token) - {"OP"}
        op = token.get("OP")
        if len(keys) != 1 or op not in (None, "?"):
            return None
        key = keys.pop()
        if key not in _PHRASE_ATTRS or attr not in (None, key):
            return None
        attr = key
        value = token[key]
        if isinstance(value, str):
            options = [value.lower()]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            options = [v.lower() for v in value["IN"]]
        else:
            return None
        grown = [s + (o,) for s in sequences for o in options]
        if op == "?":
            grown += sequences
        sequences = grown
        if len(sequences) > _MAX_EXPANSION:
            return None
    sequences = [s for s in sequences if s]
    return (attr, sequences) if attr and sequences else None


class RuleMatcher:
    """Every pattern rule of a catalogue, compiled for one pipeline.

    Phrases and literal-only token patterns go into two PhraseMatchers (on NORM and on
    LOWER); the remaining token patterns share one validating Matcher, which runs only
    when a draft contains one of their anchor words.
    """

    def __init__(self, nlp: Language, rules: Iterable[RuleMeta], files: dict[str, Any] | None = None) -> None:
        self.nlp = nlp
        vocab = nlp.vocab
        self.phrases = {attr: PhraseMatcher(vocab, attr=attr) for attr in _PHRASE_ATTRS}
        self.tokens = Matcher(vocab, validate=True)
        self.anchors: set[int] | None = set()  # None: some pattern has no anchor, always run
        self.has_tokens = False
        files = files or {}
        for rule in rules:
            if rule.kind != "pattern":
                continue
            where = f"{files.get(rule.id, rule.id)}: rule {rule.id}"
            try:
                self._add_phrases(rule.id, rule.phrases)
                self._add_phrases(rule.id + _EXCEPTION, rule.exceptions.phrases)
                self._add_patterns(rule.id, rule.patterns)
                self._add_patterns(rule.id + _EXCEPTION, rule.exceptions.patterns)
            except Exception as exc:  # noqa: BLE001 - spaCy raises several error types here
                detail = " ".join(str(exc).split())
                raise RuleFileError(f"{where}: invalid pattern: {detail[:300]}") from None

    def _add_phrases(self, key: str, phrases: Sequence[str]) -> None:
        if phrases:
            self.phrases["NORM"].add(key, [self.nlp.make_doc(p) for p in phrases])

    def _add_patterns(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        for pattern in patterns:
            specs = [dict(t) for t in pattern]
            # Validate every pattern, even those compiled to phrases, so typos fail here.
            Matcher(self.nlp.vocab, validate=True).add(key, [specs])
            expanded = _expand(specs)
            if expanded is not None:
                attr, sequences = expanded
                docs = []
                for words in sequences:
                    doc = Doc(self.nlp.vocab, words=list(words))
                    if attr == "NORM":
                        for token, word in zip(doc, words):
                            token.norm_ = word
                    docs.append(doc)
                self.phrases[attr].add(key, docs)
                continue
            self.tokens.add(key, [specs])
            self.has_tokens = True
            anchor = _anchor(specs)
            if anchor is None or self.anchors is None:
                self.anchors = None
            else:
                self.anchors.update(self.nlp.vocab.strings.add(word) for word in anchor)

    def __call__(self, doc: Doc) -> tuple[list[Match], list[Match]]:
        """Return (matches, exception matches) in ``doc``, as character spans."""
        strings = self.nlp.vocab.strings
        found: list[tuple[int, int, int]] = []
        for matcher in self.phrases.values():
            if len(matcher):
                found.extend(matcher(doc))
        if self.has_tokens:
            run = self.anchors is None
            if not run:
                present = set(doc.to_array(NORM).tolist()) | set(doc.to_array(LOWER).tolist())
                run = not self.anchors.isdisjoint(present)
            if run:
                found.extend(self.tokens(doc))
        matches: list[Match] = []
        exceptions: list[Match] = []
        for match_id, start, end in found:
            key = strings[match_id]
            span = doc[start:end]
            if key.endswith(_EXCEPTION):
                exceptions.append(Match(key[: -len(_EXCEPTION)], span.start_char, span.end_char))
            else:
                matches.append(Match(key, span.start_char, span.end_char))
        return matches, exceptions
