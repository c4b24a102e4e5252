"""The spaCy pipeline and the compiled phrase and token matchers.

The default pipeline is ``spacy.blank("en")`` plus a sentencizer: tokenizer-level
attributes only, no model download, the same result on every machine. It is built once
per process. :class:`RuleMatcher` compiles every pattern rule of a catalogue into one
PhraseMatcher (on ``NORM``, which folds case and contractions) and one token Matcher
per rule, validated when built so that a bad pattern fails at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from .errors import RuleFileError
from .rules.schema import RuleMeta

__all__ = ["Match", "RuleMatcher", "get_pipeline"]

_EXCEPTION = "!x"


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
    return nlp


@dataclass(frozen=True, slots=True)
class Match:
    """A raw match of one rule: character offsets into the analysed text."""

    rule_id: str
    start: int
    end: int


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


class RuleMatcher:
    """Every pattern rule of a catalogue, compiled for one pipeline."""

    def __init__(self, nlp: Language, rules: Iterable[RuleMeta], files: dict[str, Any] | None = None) -> None:
        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        # rule id -> (anchor words or None for "always run", matcher)
        self.token_matchers: list[tuple[frozenset[str] | None, Matcher]] = []
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
            self.phrases.add(key, [self.nlp.make_doc(p) for p in phrases])

    def _add_patterns(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        for pattern in patterns:
            matcher = Matcher(self.nlp.vocab, validate=True)
            matcher.add(key, [[dict(t) for t in pattern]])
            self.token_matchers.append((_anchor(pattern), matcher))

    def __call__(self, doc: Doc) -> tuple[list[Match], list[Match]]:
        """Return (matches, exception matches) in ``doc``, as character spans."""
        strings = self.nlp.vocab.strings
        found: list[tuple[str, int, int]] = []
        for match_id, start, end in self.phrases(doc):
            found.append((strings[match_id], start, end))
        if self.token_matchers:
            words = {t.lower_ for t in doc} | {t.norm_ for t in doc}
            for anchor, matcher in self.token_matchers:
                if anchor is not None and anchor.isdisjoint(words):
                    continue
                for match_id, start, end in matcher(doc):
                    found.append((strings[match_id], start, end))
        matches: list[Match] = []
        exceptions: list[Match] = []
        for key, start, end in found:
            span = doc[start:end]
            if key.endswith(_EXCEPTION):
                exceptions.append(Match(key[: -len(_EXCEPTION)], span.start_char, span.end_char))
            else:
                matches.append(Match(key, span.start_char, span.end_char))
        return matches, exceptions
