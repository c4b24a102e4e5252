"""The spaCy pipeline and the compiled phrase and token matchers.

The default pipeline is blank English (``English()``, which tokenizes as
``spacy.blank("en")``) plus a sentencizer: tokenizer-level attributes only, no model
download, the same result on every machine. It is built once per process; its
sentencizer marks what spaCy's ``Sentencizer`` marks, and keeps the token columns it
reads for the checks (see :func:`token_columns`). :class:`RuleMatcher` compiles every
pattern rule of a catalogue into phrase indexes (on ``NORM``, which folds case and
contractions, and on ``LOWER``) and one token Matcher for what phrases cannot express,
validating every pattern when built so that a bad pattern fails at load time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, NORM, ORTH, SENT_START
from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from . import _cache
from .errors import RuleFileError
from .rules.schema import RuleMeta

__all__ = ["COLUMNS", "Match", "RuleMatcher", "get_pipeline", "token_columns"]

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
    # English() is spacy.blank("en") without resolving a config through the registry
    # (10 ms of every start-up); the tokenizer is the same.
    nlp = English()
    nlp.add_pipe(_SENTENCIZER, name="sentencizer")
    # The blank pipeline has no parser or NER, whose memory is what max_length guards;
    # input size is bounded by the readers instead.
    nlp.max_length = _MAX_CHARS
    return nlp


#: The token attributes :func:`token_columns` exports, by name: the column of each.
COLUMNS = {
    name: i for i, name in enumerate(("NORM", "LOWER", "IS_SPACE", "IDX", "SENT_START", "IS_PUNCT", "ORTH"))
}
_COLUMN_ATTRS = [NORM, LOWER, IS_SPACE, IDX, SENT_START, IS_PUNCT, ORTH]
_COLUMNS_KEY = "draftlint.token_columns"


def token_columns(doc: Doc) -> numpy.ndarray:
    """The token attributes of a finished doc that the matcher, the statistics and the
    tone check read, as one uint64 array (a column per :data:`COLUMNS` entry).

    Exported once per doc and kept in its ``user_data``: spaCy charges each export a
    fixed cost besides each column, and three consumers exported separately.
    """
    columns = doc.user_data.get(_COLUMNS_KEY)
    if columns is None:
        columns = doc.user_data[_COLUMNS_KEY] = doc.to_array(_COLUMN_ATTRS)
    return columns


_SENTENCIZER = "draftlint_sentencizer"
# The marks that end a sentence for spaCy's Sentencizer, as the hashes of token texts.
_SENTENCE_ENDS = frozenset(get_string_id(mark) for mark in Sentencizer.default_punct_chars)
_NOT_START = numpy.uint64(2**64 - 1)  # SENT_START -1 as the uint64 that columns hold


@Language.component(_SENTENCIZER)
def _split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts exactly as spaCy's ``Sentencizer`` (default marks) does.

    A sentence starts at the first token, and at the first token after one of the end
    marks ("." "!" "?" …) that is neither punctuation nor an end mark itself. spaCy's
    component reads a Python object per token; this reads the token columns the checks
    need anyway (a twentieth of a draft's time less) and keeps them in the doc for
    :func:`token_columns`. A component added after this one must not change them.
    """
    count = len(doc)
    if not count:
        return doc
    columns = doc.to_array(_COLUMN_ATTRS)
    marked = numpy.full(count, _NOT_START, dtype=numpy.uint64)
    marked[0] = 1
    orths = columns[:, COLUMNS["ORTH"]].tolist()
    ends = [i for i, orth in enumerate(orths) if orth in _SENTENCE_ENDS]
    if ends:
        # From each end mark, on to the first token that is neither punctuation nor an
        # end mark: a few tokens a sentence, rather than a Python step every token.
        punct = columns[:, COLUMNS["IS_PUNCT"]].tolist()
        opened = []
        reached = 0
        for i in ends:
            if i < reached:
                continue  # one of a run of marks ("?!"), already stepped over
            j = i + 1
            while j < count and (punct[j] or orths[j] in _SENTENCE_ENDS):
                j += 1
            if j < count:
                opened.append(j)
            reached = j
        marked[opened] = 1
    column = columns[:, COLUMNS["SENT_START"]]
    if column[1:].any():  # marks made before this component are kept, as spaCy keeps them
        kept = column != 0
        marked[kept] = column[kept]
    column[:] = marked
    doc.from_array([SENT_START], marked)
    doc.user_data[_COLUMNS_KEY] = columns
    return doc


@dataclass(frozen=True, slots=True)
class Match:
    """A raw match of one rule: character offsets into the analysed text."""

    rule_id: str
    start: int
    end: int


_PHRASE_ATTRS = ("NORM", "LOWER")


def _requirements(pattern: Sequence[dict[str, Any]]) -> list[frozenset[str]]:
    """For each required token with literal values, the lower-cased words it allows.

    A draft that lacks every word of any one of these sets cannot match the pattern,
    so the (costly) token Matcher need not run on it.
    """
    needed = []
    for token in pattern:
        if token.get("OP") in ("?", "*", "!") or str(token.get("OP", "")).startswith("{0"):
            continue
        for key in ("NORM", "LOWER", "ORTH", "TEXT"):
            value = token.get(key)
            if isinstance(value, str):
                needed.append(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                needed.append(frozenset(v.lower() for v in value["IN"]))
                break
    return needed


def _opening_pair(pattern: Sequence[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The lower-cased words the first two tokens allow, when both are required
    literals: a draft where no such two words stand side by side cannot match."""
    if len(pattern) < 2:
        return None
    allowed = []
    for token in pattern[:2]:
        if "OP" in token:
            return None
        words = _requirements([token])
        if len(words) != 1:
            return None
        allowed.append(words[0])
    return allowed[0], allowed[1]


def _literal_steps(pattern: Sequence[dict[str, Any]]) -> tuple[str, list[tuple[frozenset[str], bool]]] | None:
    """A literal-only pattern as (attribute, [(allowed words, optional), ...]), else ``None``.

    A pattern qualifies when every token is a NORM (or every token a LOWER) literal or
    ``IN`` list, optionally with ``OP: "?"``. Such patterns go to a
    :class:`_SequenceIndex`, which costs microseconds where the token Matcher costs
    about ten per pattern per draft.
    """
    attr = None
    steps: list[tuple[frozenset[str], bool]] = []
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
            words = frozenset({value.lower()})
        elif isinstance(value, dict) and set(value) == {"IN"}:
            words = frozenset(v.lower() for v in value["IN"])
        else:
            return None
        steps.append((words, op == "?"))
    if attr is None or all(optional for _, optional in steps):
        return None
    return attr, steps


Steps = tuple[tuple[frozenset[int], bool], ...]
# (steps, key, the word sets of its required steps past the first two, number)
Entry = tuple[Steps, str, tuple[frozenset[int], ...], int]


def _closure(steps: Steps, states: set[int]) -> set[int]:
    """``states`` (step numbers) and every step reached from them by skipping optional steps."""
    out = set(states)
    todo = list(states)
    while todo:
        k = todo.pop()
        if k < len(steps) and steps[k][1] and k + 1 not in out:
            out.add(k + 1)
            todo.append(k + 1)
    return out


class _State:
    """Where a walk through every sequence opened by one pair of tokens stands: the
    (sequence number, step) positions it may be at, the keys of the sequences it has
    completed, and the tokens that lead on (each move is worked out on first use)."""

    __slots__ = ("ahead", "keys", "moves", "positions")

    def __init__(self, positions: frozenset[tuple[int, int]], entries: list[Entry]) -> None:
        self.positions = positions
        ordered = sorted(positions)
        self.keys = tuple(entries[n][1] for n, k in ordered if k == len(entries[n][0]))
        self.ahead: frozenset[int] = frozenset().union(
            *(entries[n][0][k][0] for n, k in ordered if k < len(entries[n][0]))
        )
        self.moves: dict[int, _State] = {}


class _SequenceIndex:
    """Token-sequence lookup over one token attribute (a small, fast PhraseMatcher).

    A sequence is a list of steps, each a set of allowed attribute hashes that may be
    optional; a fixed phrase is the case of one-word, required steps. Sequences are
    indexed by every pair of hashes that can open them (or the single hash, for
    one-token matches), so matching costs a set lookup per pair of tokens. From a
    place whose pair opens sequences, all of them are followed at once, as a
    deterministic automaton built on first use (see :class:`_State`): a token or two
    past the pair, every sequence has matched or failed. spaCy's PhraseMatcher needs one
    Doc per alternative, and multiplying ``IN`` lists out took a fifth of a second at
    every start-up.
    """

    _MAX_PREFIXES = 50_000

    def __init__(self) -> None:
        self.index: dict[tuple[int, ...], list[Entry]] = {}
        self.entries: list[Entry] = []
        # The opening pairs, and the hashes that open a sequence on their own (a
        # one-word sequence, or one whose second step is optional): a place in a draft
        # is looked at only when it holds one of them.
        self.pairs: set[tuple[int, int]] = set()
        self.singles: set[int] = set()
        # Opening pair -> the state after it; positions -> the one state for them.
        self.starts: dict[tuple[int, int], _State] = {}
        self.states: dict[frozenset[tuple[int, int]], _State] = {}

    @property
    def size(self) -> int:
        """The number of sequences indexed."""
        return len(self.entries)

    @staticmethod
    def _prefixes(steps: Steps, depth: int) -> set[tuple[int, ...]]:
        out: set[tuple[int, ...]] = set()

        def walk(k: int, acc: tuple[int, ...]) -> None:
            if len(acc) == depth or k == len(steps):
                if acc:
                    out.add(acc)
                return
            allowed, optional = steps[k]
            if optional:
                walk(k + 1, acc)
            for value in allowed:
                walk(k + 1, acc + (value,))

        walk(0, ())
        return out

    def add(self, key: str, steps: Steps) -> None:
        width = 1
        for allowed, _ in steps[:2]:
            width *= len(allowed) + 1
        prefixes = self._prefixes(steps, 2 if width <= self._MAX_PREFIXES else 1)
        # The required steps past the first two: a draft lacking any word of one of
        # them cannot match, which a set test tells before a walk from a single word.
        required = tuple(allowed for allowed, optional in steps[2:] if not optional)
        entry = (steps, key, required, len(self.entries))
        self.entries.append(entry)
        for prefix in prefixes:
            self.index.setdefault(prefix, []).append(entry)
            if len(prefix) == 2:
                self.pairs.add(prefix)  # type: ignore[arg-type]
            else:
                self.singles.add(prefix[0])
        self.starts.clear()
        self.states.clear()

    def _state(self, positions: set[tuple[int, int]]) -> _State:
        """The one state for ``positions``, with optional steps skipped ahead."""
        entries = self.entries
        closed = frozenset(
            (n, reached) for n, k in positions for reached in _closure(entries[n][0], {k})
        )
        state = self.states.get(closed)
        if state is None:
            state = self.states[closed] = _State(closed, entries)
        return state

    def _advance(self, positions: Iterable[tuple[int, int]], value: int) -> set[tuple[int, int]]:
        entries = self.entries
        return {(n, k + 1) for n, k in positions if k < len(entries[n][0]) and value in entries[n][0][k][0]}

    def _start(self, pair: tuple[int, int]) -> _State:
        """The state after ``pair``, for the sequences it opens (built on first use: a
        draft meets a few dozen of the thousands of pairs)."""
        state = self._state({(entry[3], 0) for entry in self.index[pair]})
        for value in pair:
            state = self._state(self._advance(state.positions, value))
        self.starts[pair] = state
        return state

    def _move(self, state: _State, value: int) -> _State:
        moved = state.moves[value] = self._state(self._advance(state.positions, value))
        return moved

    @staticmethod
    def _ends(steps: Steps, k: int, i: int, values: list[int], out: set[int]) -> None:
        while k < len(steps):
            allowed, optional = steps[k]
            if optional:
                _SequenceIndex._ends(steps, k + 1, i, values, out)
            if i >= len(values) or values[i] not in allowed:
                return
            k += 1
            i += 1
        out.add(i)

    def find(self, values: list[int]) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        count = len(values)
        # Most places open no sequence: keep only those whose pair of tokens does, in
        # one comprehension (a common first word, "I", opens few of its pairs).
        pairs = self.pairs
        starts = self.starts
        for i, pair in [(i, pair) for i, pair in enumerate(zip(values, islice(values, 1, None))) if pair in pairs]:
            state = starts.get(pair) or self._start(pair)
            end = i + 2
            while True:
                if state.keys:
                    found.extend((key, i, end) for key in state.keys)
                if end == count:
                    break
                value = values[end]
                moved = state.moves.get(value)
                if moved is None:
                    if value not in state.ahead:
                        break
                    moved = self._move(state, value)
                state = moved
                end += 1
        # A word that opens a sequence alone (rare: no built-in phrase is one word
        # long) is walked through each sequence it opens.
        singles = self.singles
        if not singles.isdisjoint(values):
            index = self.index
            present = set(values)
            for i, value in enumerate(values):
                if value not in singles:
                    continue
                for steps, key, required, _ in index[(value,)]:
                    if all(not allowed.isdisjoint(present) for allowed in required):
                        ends: set[int] = set()
                        self._ends(steps, 0, i, values, ends)
                        found.extend((key, i, end) for end in sorted(ends) if end > i)
        return found


class RuleMatcher:
    """Every pattern rule of a catalogue, compiled for one pipeline.

    Phrases and literal-only token patterns go into two phrase indexes (on NORM and on
    LOWER); the remaining token patterns share one Matcher, which runs only when a
    draft holds a word of every required literal token of at least one of them.
    """

    def __init__(
        self, nlp: Language, rules: Iterable[RuleMeta], files: dict[str, Any] | None = None, *, cache: bool = True
    ) -> None:
        self.nlp = nlp
        vocab = nlp.vocab
        self.phrases = {attr: _SequenceIndex() for attr in _PHRASE_ATTRS}
        self.tokens = Matcher(vocab)
        # Per token pattern, the word sets a draft must touch for it to possibly match,
        # and the word pairs one of which must stand side by side (or None).
        self.requirements: list[tuple[tuple[frozenset[int], ...], frozenset[tuple[int, int]] | None]] = []
        self.has_tokens = False
        # Every word of those sets: all that a draft's words are compared with.
        self.required_words: frozenset[int] = frozenset()
        files = files or {}
        rules = [rule for rule in rules if rule.kind == "pattern"]
        norms: dict[str, list[str]] | None
        try:
            norms = self._phrase_norms(
                [phrase for rule in rules for phrase in (*rule.phrases, *rule.exceptions.phrases)], cache
            )
        except Exception:  # noqa: BLE001 - a phrase spaCy cannot take: found rule by rule below
            norms = None
        for rule in rules:
            where = f"{files.get(rule.id, rule.id)}: rule {rule.id}"
            try:
                own = norms if norms is not None else self._phrase_norms(
                    [*rule.phrases, *rule.exceptions.phrases], cache=False
                )
                self._add_phrases(rule.id, rule.phrases, own)
                self._add_phrases(rule.id + _EXCEPTION, rule.exceptions.phrases, own)
                self._add_patterns(rule.id, rule.patterns)
                self._add_patterns(rule.id + _EXCEPTION, rule.exceptions.patterns)
            except Exception as exc:  # noqa: BLE001 - spaCy raises several error types here
                detail = " ".join(str(exc).split())
                raise RuleFileError(f"{where}: invalid pattern: {detail[:300]}") from None

    def _phrase_norms(self, phrases: list[str], cache: bool = True) -> dict[str, list[str]]:
        """Each phrase's tokens as NORM strings, whitespace tokens left out.

        Tokenizing a thousand phrases was a tenth of the command's start-up, so with
        ``cache`` the result is kept in the start-up cache, keyed by the phrases and by
        what decides how they tokenize for the default pipeline: spaCy's version, the
        language and the Unicode tables. (An installed model's tokenizer can change
        without its version, so the engine turns the cache off for models.)
        """
        unique = sorted(set(phrases))
        key = "\n".join([spacy.__version__, self.nlp.lang, unicodedata.unidata_version, *unique])
        cached = _cache.load("phrase-norms", key) if cache else None
        if isinstance(cached, dict) and cached.keys() == set(unique):
            return cached
        norms = {
            phrase: [t.norm_ for t in doc if not t.is_space]
            for phrase, doc in zip(unique, self.nlp.tokenizer.pipe(unique))
        }
        if cache:
            _cache.store("phrase-norms", key, norms)
        return norms

    def _add_phrases(self, key: str, phrases: Sequence[str], norms: dict[str, list[str]]) -> None:
        index = self.phrases["NORM"]
        strings = self.nlp.vocab.strings
        for phrase in phrases:
            words = norms[phrase]
            if not words:
                raise ValueError(f"phrase {phrase!r} has no tokens")
            index.add(key, tuple((frozenset({strings.add(w)}), False) for w in words))

    def _add_patterns(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]]) -> None:
        strings = self.nlp.vocab.strings
        for pattern in patterns:
            # Patterns were validated by spaCy when their rule file was read (loader).
            specs = [dict(t) for t in pattern]
            literal = _literal_steps(specs)
            if literal is not None:
                attr, steps = literal
                hashed = tuple((frozenset(strings.add(w) for w in words), optional) for words, optional in steps)
                self.phrases[attr].add(key, hashed)
                continue
            self.tokens.add(key, [specs])
            self.has_tokens = True
            opening = _opening_pair(specs)
            pairs = (
                frozenset((strings.add(a), strings.add(b)) for a in opening[0] for b in opening[1])
                if opening else None
            )
            need = tuple(frozenset(strings.add(w) for w in words) for words in _requirements(specs))
            self.requirements.append((need, pairs))
            self.required_words = self.required_words.union(*need)

    def __call__(self, doc: Doc) -> tuple[list[Match], list[Match]]:
        """Return (matches, exception matches) in ``doc``, as character spans."""
        if not len(doc):
            return [], []
        strings = self.nlp.vocab.strings
        found: list[tuple[str, int, int]] = []
        columns = token_columns(doc)
        norm, lower = COLUMNS["NORM"], COLUMNS["LOWER"]
        # Whitespace tokens (double spaces, "\r\n" turned into two spaces) are skipped so
        # that a phrase still matches across them; ``where`` maps back to doc positions.
        spaces = columns[:, COLUMNS["IS_SPACE"]]
        if spaces.any():
            kept = numpy.flatnonzero(spaces == 0)
            rows = columns[kept]
            where: list[int] | None = kept.tolist()
        else:
            rows, where = columns, None
        norms = rows[:, norm].tolist()
        lowers = rows[:, lower].tolist() if self.phrases["LOWER"].size else None
        for index, values in ((self.phrases["NORM"], norms), (self.phrases["LOWER"], lowers)):
            if values is None or not index.size:
                continue
            matched = index.find(values)
            if where is None:
                found.extend(matched)
            else:
                found.extend((key, where[s], where[e - 1] + 1) for key, s, e in matched)
        if self.has_tokens:
            # The words of the requirements a draft holds, as NORM or as LOWER. The two
            # differ on a token in a few hundred, so LOWER is read only where they do.
            present = self.required_words.intersection(norms)
            differ = rows[:, lower] != rows[:, norm]
            if differ.any():
                present |= self.required_words.intersection(rows[differ, lower].tolist())
            adjacent: set[tuple[int, int]] | None = None
            run = False
            for need, pairs in self.requirements:
                if not all(not words.isdisjoint(present) for words in need):
                    continue
                if pairs is None:
                    run = True
                    break
                if adjacent is None:
                    if lowers is None:
                        lowers = rows[:, lower].tolist()
                    # Each of the two tokens may be matched on either attribute
                    # ("Ca" of "Can't" on LOWER, then "n't" on NORM, "not").
                    adjacent = set(zip(norms, norms[1:]))
                    adjacent.update(zip(lowers, lowers[1:]), zip(norms, lowers[1:]), zip(lowers, norms[1:]))
                if not pairs.isdisjoint(adjacent):
                    run = True
                    break
            if run:
                found.extend((strings[m], s, e) for m, s, e in self.tokens(doc))
        matches: list[Match] = []
        exceptions: list[Match] = []
        if not found:
            return matches, exceptions
        # A draft has a match or two: its tokens are read one by one, not as columns.
        for key, start, end in found:
            last = doc[end - 1]
            start_char, end_char = doc[start].idx, last.idx + len(last)
            if key.endswith(_EXCEPTION):
                exceptions.append(Match(key[: -len(_EXCEPTION)], start_char, end_char))
            else:
                matches.append(Match(key, start_char, end_char))
        return matches, exceptions
