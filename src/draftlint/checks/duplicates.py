"""Copy-paste across documents: the same note sent to several people, templates that
duplicate each other, or a paragraph lifted from one note into another.

Each document's unmasked words are normalised so that what legitimately differs
between copies does not hide them: names (capitalised words inside a sentence, and
every name in the context), placeholders and slots, numbers and dates all become
tokens such as ``<name>``. Word shingles are hashed into MinHash signatures and a
banded locality-sensitive hash index proposes candidate pairs in close to linear time;
every candidate is then verified with the exact Jaccard similarity of its shingle sets,
and the longest shared passage is located in both documents.

MinHash and LSH follow datasketch (its "legacy" hash family, seed 1, and its choice of
bands and rows), vectorised with numpy over the whole batch: importing datasketch pulls
in SciPy (about 0.6 s in every process) and its index updates a dictionary per
document and band, which together took about a fifth of a 10,000-template run.
"""

from __future__ import annotations

import difflib
import re
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, groupby
from operator import itemgetter
from typing import Any

import numpy as np

from ..draft import DraftPart

__all__ = ["ALL_PAIRS_UP_TO", "COPY_OPTIONS", "CopyPair", "Features", "Words", "comparable_words", "find_copies", "prepare"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # keeps the words between the gaps
# Where a word opens a sentence or a line: after . ! ? : ; or a line break, and any
# closing quotes, brackets or spaces (the end of the gap between two words).
_OPENS_GAP = re.compile(r"[.!?:;\n][^\w\n]*\Z")
#: Batches up to this size are compared pair by pair; larger ones go through MinHash LSH.
ALL_PAIRS_UP_TO = 100
#: The rule options :func:`find_copies` takes (all but ``threshold`` also shape :func:`prepare`).
COPY_OPTIONS = ("threshold", "passage_words", "shingle", "min_words", "num_perm")
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec morning afternoon evening week".split()
)


@dataclass(frozen=True)
class CopyPair:
    """Two documents that are the same note; spans are the longest shared passage."""

    first: int
    second: int
    similarity: float
    first_span: tuple[int, int]
    second_span: tuple[int, int]
    shared_words: int = 0


class Words:
    """A document's normalised words and where each one lies in the part's text.

    Kept as a list of strings and two integer arrays rather than a tuple per word:
    a library of 10,000 templates holds about 1.5 million of them.
    """

    __slots__ = ("ends", "features", "starts", "tokens")

    def __init__(self, tokens: list[str], starts: array, ends: array) -> None:
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
        self.features: Features | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> tuple[str, int, int]:
        return self.tokens[index], self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        return zip(self.tokens, self.starts, self.ends)

    def __getstate__(self) -> tuple[Any, ...]:
        # Sent from lint workers to the parent: once features exist, the words
        # themselves are not needed there, only their ids and offsets. The offsets go
        # as raw bytes, which pickle several times faster than arrays.
        tokens = None if self.features is not None else self.tokens
        return (tokens, self.starts.typecode, self.starts.tobytes(), self.ends.tobytes(), self.features)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.tokens, typecode, starts, ends, self.features = state
        self.starts, self.ends = array(typecode), array(typecode)
        self.starts.frombytes(starts)
        self.ends.frombytes(ends)


_FIXED, _CAPITAL, _PLAIN = 0, 1, 2
_TOKEN = itemgetter(0)
# word -> (its token when it is not a name, its lower case, its kind): a library
# repeats a small vocabulary, so each word is classified once per process.
_CLASSES: dict[str, tuple[str, str, int]] = {}


def _classify(word: str) -> tuple[str, str, int]:
    lower = word.lower()
    if lower in _DATE_WORDS:
        info = ("<date>", lower, _FIXED)
    elif not word.isalpha() and any(c.isdigit() for c in word):
        info = ("<num>", lower, _FIXED)
    else:
        info = (lower.replace("’", "'"), lower, _CAPITAL if word[0].isupper() and lower != "i" else _PLAIN)
    if len(_CLASSES) > 200_000:
        _CLASSES.clear()
    _CLASSES[word] = info
    return info


def comparable_words(part: DraftPart, names: Iterable[str] = ()) -> Words:
    """The part's unmasked words, with names, slots, numbers and dates normalised.

    Indexing the result gives (token, start, end) with offsets into the part's text.
    A word is ``<date>`` (weekdays, months, "yesterday"), ``<num>`` (has a digit),
    ``<name>`` (a name of the context, or capitalised where no sentence or line
    opens), ``<slot>`` (one per template slot) or itself in lower case.
    """
    # NOTE: whole-list steps (a split, maps, list comprehensions) rather than one loop
    # body per word: a library's documents hold about 150 words each, and the per-word
    # Python work was the larger part of this function's cost.
    known = {w.lower() for name in names for w in _WORD.findall(name)}
    text = part.analysis
    # Split around the words: [gap, word, gap, word, …, gap]. The running sum of the
    # pieces' lengths gives each word's start and end without a match object per word.
    pieces = _WORD_SPLIT.split(text)
    bounds = list(accumulate(map(len, pieces)))
    words = pieces[1::2]
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    infos = list(map(_CLASSES.get, words))
    if None in infos:
        infos = [info or _classify(word) for info, word in zip(infos, words)]
    tokens = list(map(_TOKEN, infos))
    if known:
        for i in [i for i, (_, lower, kind) in enumerate(infos) if kind != _FIXED and lower in known]:
            tokens[i] = "<name>"
    # A capitalised word is a name unless it is the first word or the gap before it
    # opens a sentence or a line.
    for i in [i for i, (_, _, kind) in enumerate(infos) if kind == _CAPITAL and i]:
        if not _OPENS_GAP.search(pieces[2 * i]):
            tokens[i] = "<name>"
    if part.slots:
        _one_token_per_slot(tokens, starts, ends, [(s.start, s.end) for s in part.slots])
    return Words(tokens, array("l", starts), array("l", ends))


def _one_token_per_slot(tokens: list[str], starts: list[int], ends: list[int], slots: list[tuple[int, int]]) -> None:
    """Turn the words of each slot into one ``<slot>`` token, in place.

    The first word starting inside a slot becomes ``<slot>``; a later word of the same
    slot is dropped when the token kept just before it is that ``<slot>``.
    """
    count = len(slots)
    index = 0  # the first slot that does not end before the current word
    guard = min(slots[0])  # words starting before this are clear of slots[index]
    slot_end: int | None = None  # the end of the last kept token if it is a <slot>
    dropped = []
    for i, start in enumerate(starts):
        if start < guard:
            continue  # a plain word (and so was the one before: slot_end is None)
        while index < count and slots[index][1] <= start:
            index += 1
        if index == count:
            break
        slot_start = slots[index][0]
        if slot_start > start:
            slot_end = None
        elif slot_end is not None and slot_end >= slot_start:
            dropped.append(i)
        else:
            tokens[i] = "<slot>"
            slot_end = ends[i]
        guard = min(slots[index])
    for i in reversed(dropped):
        del tokens[i], starts[i], ends[i]


# NOTE: all hashing below is over unsigned 64-bit integers with wrap-around, vectorised
# with numpy; a document's features cost tens of microseconds instead of a Python
# loop per token.
_MIX = np.uint64(0x9E3779B97F4A7C15)
_FINAL = np.uint64(0xBF58476D1CE4E5B9)
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.zeros(0, dtype=np.uint64)


def _unique(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (``np.unique`` hashes first in numpy 2, which is
    several times slower on integers than sorting)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    # The first of each run of equal values (np.r_ would cost more than the sort here).
    first = np.empty(len(values), dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def _run_hashes(ids: np.ndarray, size: int) -> np.ndarray:
    """A 64-bit hash of every run of ``size`` consecutive token ids (one run of the
    whole document if it is shorter).

    The same ids give the same hashes in every process; collisions are harmless because
    every candidate pair is verified on the shingle sets and tokens.
    """
    width = min(size, len(ids))
    if not width:
        return _EMPTY
    count = len(ids) - width + 1
    # Horner's rule over the runs, updated in place: a document's arrays are short, so
    # each numpy call costs more than its arithmetic and a temporary per step adds up.
    hashes = ids[:count].copy()
    for k in range(1, width):
        hashes *= _MIX
        hashes += ids[k : k + count]
    hashes ^= hashes >> np.uint64(31)
    hashes *= _FINAL
    hashes ^= hashes >> np.uint64(29)
    return hashes


def _shingles(tokens: Sequence[str], size: int) -> set[int]:
    """The shingle hashes of a token list, as a set (for scripts that study the
    similarity of pairs; :func:`prepare` keeps them as a sorted array)."""
    return set(_run_hashes(_token_ids(tokens), size).tolist())


def _fingerprints(ids: np.ndarray, size: int, window: int) -> np.ndarray:
    """Winnowed hashes of ``size``-token runs: the smallest hash of every ``window``
    consecutive runs. Two documents sharing a passage of ``size + window - 1`` tokens or
    more are guaranteed to share a fingerprint, at a fraction of the index size.
    """
    hashes = _run_hashes(ids, size)
    if len(hashes) <= window:
        return hashes.min(keepdims=True) if len(hashes) else _EMPTY
    return _unique(_window_min(hashes, window))


def _window_min(values: np.ndarray, window: int) -> np.ndarray:
    """The minimum of every ``window`` consecutive values (``len(values) >= window``).

    Minima of runs of doubling length, then two overlapping runs per window: a few
    whole-array calls instead of ``sliding_window_view``, whose set-up alone cost more
    than the minima on a document's few hundred hashes.
    """
    span = 1
    while span * 2 <= window:  # values[i] becomes the minimum of the span starting at i
        values = np.minimum(values[:-span], values[span:])
        span *= 2
    if span < window:  # [i, i + span) and [i + window - span, i + window) cover the window
        values = np.minimum(values[: len(values) - (window - span)], values[window - span :])
    return values


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """MinHash permutations ``(a, b)``: the draws of datasketch's ``MinHash(seed=1, scheme="legacy")``."""
    generator = np.random.RandomState(1)
    pairs = [
        (generator.randint(1, _MERSENNE, dtype=np.uint64), generator.randint(0, _MERSENNE, dtype=np.uint64))
        for _ in range(num_perm)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def _signature(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes, as datasketch's legacy scheme
    computes it with the low 32 bits of each hash as the value."""
    a, b = _permutations(num_perm)
    hashed = (shingles & _MAX32)[:, None] * a
    hashed += b
    hashed = _mod_mersenne(hashed)
    hashed &= _MAX32
    return hashed.min(axis=0).astype(np.uint32)


def _mod_mersenne(values: np.ndarray) -> np.ndarray:
    """``values % (2**61 - 1)`` for unsigned 64-bit values, computed in place.

    numpy's integer remainder divides, element by element, and took half the time of a
    signature. 2**61 is 1 modulo the prime, so the bits above the 61st fold down onto
    the low ones (a sum below twice the prime), and one subtraction finishes the job,
    kept only where it does not wrap around below zero.
    """
    low = values & _MERSENNE
    values >>= np.uint64(61)
    values += low
    return np.minimum(values, values - _MERSENNE, out=values)


def _passage_candidates(
    fingerprints: Sequence[np.ndarray], usable: Sequence[int], max_df: int, min_shared: int
) -> set[tuple[int, int]]:
    """Pairs that share at least ``min_shared`` rare fingerprints (a copied passage).

    A fingerprint found in more than ``max_df`` documents is stock wording ("thank you
    for taking the time to meet with me"), not a copied passage, and is ignored; this
    also bounds the work per fingerprint.
    """
    if not usable:
        return set()
    values = np.concatenate([fingerprints[i] for i in usable])
    owners = np.repeat(np.asarray(usable, dtype=np.int64), [len(fingerprints[i]) for i in usable])
    order = np.lexsort((owners, values))
    values, owners = values[order], owners[order]
    # Each fingerprint's group of documents: its start in the sorted arrays and its size.
    opens = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    sizes = np.diff(np.r_[opens, len(values)])
    group = np.repeat(np.arange(len(opens)), sizes)
    rare = np.repeat((sizes > 1) & (sizes <= max_df), sizes)
    firsts, seconds = [], []
    for step in range(1, max_df):
        same = (group[step:] == group[:-step]) & rare[step:]
        if not same.any():
            break
        where = np.flatnonzero(same)
        firsts.append(owners[where])
        seconds.append(owners[where + step])
    if not firsts:
        return set()
    keys = np.concatenate(firsts) * (1 << 32) + np.concatenate(seconds)
    keys.sort()
    opens = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[opens, len(keys)])
    keys = keys[opens][counts >= min_shared]
    return set(zip((keys >> 32).tolist(), (keys & 0xFFFFFFFF).tolist()))


def _shared_counts(shingles: Sequence[np.ndarray], pairs: list[tuple[int, int]]) -> list[int]:
    """For each pair of documents, how many shingle hashes they share.

    ``pairs`` are sorted; each document's hashes are sorted, distinct and not empty.
    The pairs of one first document are counted together: the second documents'
    hashes, joined, are looked up in the first's with one binary search. Python sets of
    the hashes, built per document and intersected per pair, cost a large library's
    copy-paste check several times more, most of it in hashing 64-bit integers.
    """
    counts: list[int] = []
    for first, group in groupby(pairs, key=itemgetter(0)):
        own = shingles[first]
        others = [shingles[second] for _, second in group]
        joined = np.concatenate(others)
        at = np.searchsorted(own, joined)
        at[at == len(own)] = 0  # past the last hash: not there (own[0] is smaller)
        found = own[at] == joined
        offsets = np.cumsum([0] + [len(other) for other in others[:-1]])
        counts += np.add.reduceat(found, offsets, dtype=np.int64).tolist()
    return counts


def _trapezoid(f: Any, low: float, high: float) -> float:
    grid = np.linspace(low, high, 2001)
    values = f(grid)
    return float(((values[1:] + values[:-1]) * np.diff(grid)).sum() / 2)


@lru_cache(maxsize=32)
def _lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the sum of the false-positive and
    false-negative probability masses around ``threshold`` (datasketch's choice)."""
    best, shape = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            positive = _trapezoid(lambda s: 1 - (1 - s**rows) ** bands, 0.0, threshold)
            negative = _trapezoid(lambda s: (1 - s**rows) ** bands, threshold, 1.0)
            if positive + negative < best:
                best, shape = positive + negative, (bands, rows)
    return shape


def _lsh_candidates(matrix: np.ndarray, threshold: float, floor: float) -> list[tuple[int, int]]:
    """Row pairs of a MinHash signature matrix that share a band (locality-sensitive
    hashing, banded), screened by their estimated similarity (at least ``floor``).

    Buckets are found by sorting each band's keys, so the index costs a few sorts of
    the whole batch rather than a dictionary update per document and band.
    """
    count, num_perm = matrix.shape
    bands, rows = _lsh_shape(round(threshold, 6), num_perm)
    wide = matrix.astype(np.uint64)
    found = []
    for band in range(bands):
        keys = wide[:, band * rows]
        for column in range(band * rows + 1, (band + 1) * rows):
            keys = keys * _MIX + wide[:, column]
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        step = 1
        while step < count:
            where = np.flatnonzero(keys[step:] == keys[:-step])
            if not len(where):
                break
            found.append((order[where], order[where + step]))
            step += 1
    if not found:
        return []
    firsts = np.concatenate([a for a, _ in found]).astype(np.int64)
    seconds = np.concatenate([b for _, b in found]).astype(np.int64)
    low, high = np.minimum(firsts, seconds), np.maximum(firsts, seconds)
    keys = _unique(low * count + high)
    low, high = keys // count, keys % count
    kept = []
    # Bounds the memory of the screening below; chunks whose rows fit in the processor's
    # cache screened 10,000 signatures three times faster than chunks of 65,536.
    chunk = 8192
    for at in range(0, len(keys), chunk):
        a, b = low[at : at + chunk], high[at : at + chunk]
        estimates = (matrix[a] == matrix[b]).mean(axis=1)
        ok = estimates >= floor
        kept.extend(zip(a[ok].tolist(), b[ok].tolist()))
    return kept


class Features:
    """What :func:`find_copies` needs of one document, computed once (possibly in a
    worker process): token ids, sorted shingle hashes, passage fingerprints and, for
    large batches, a MinHash signature (all numpy arrays, which pickle as bytes)."""

    __slots__ = ("_set", "fingerprints", "ids", "key", "shingles", "signature")

    def __init__(self, key: tuple[int, ...], ids: np.ndarray, shingles: np.ndarray, fingerprints: np.ndarray) -> None:
        self.key = key
        self.ids = ids
        self.shingles = shingles
        self.fingerprints = fingerprints
        self.signature: np.ndarray | None = None
        self._set: set[int] | None = None

    def shingle_set(self) -> set[int]:
        """The shingle hashes as a set (built once, on first use)."""
        if self._set is None:
            self._set = set(self.shingles.tolist())
        return self._set

    def __getstate__(self) -> tuple[Any, ...]:
        # Raw bytes and a dtype per array: a numpy array costs pickle a reconstructor
        # call each way, and every document sends four of them back from the workers.
        arrays = (self.ids, self.shingles, self.fingerprints, self.signature)
        return (self.key, *(None if a is None else (a.dtype.str, a.tobytes()) for a in arrays))

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        # Read-only views of the received bytes: nothing writes to a document's arrays.
        self.key, *arrays = state
        self.ids, self.shingles, self.fingerprints, self.signature = (
            None if a is None else np.frombuffer(a[1], dtype=a[0]) for a in arrays
        )
        self._set = None


_IDS: dict[str, int] = {}


def _token_ids(tokens: Sequence[str]) -> np.ndarray:
    """crc32 of each token (the same in every process, unlike salted str hashes),
    memoised: a library repeats a small vocabulary."""
    ids = _IDS
    if len(ids) > 200_000:
        ids.clear()
    values = list(map(ids.get, tokens))
    if None in values:
        values = [_token_id(token) if value is None else value for value, token in zip(values, tokens)]
    return np.array(values, dtype=np.uint64)


def _token_id(token: str) -> int:
    value = _IDS[token] = zlib.crc32(token.encode("utf-8", "surrogatepass"))
    return value


def _run_keys(ids: np.ndarray, size: int) -> set[int]:
    """A key for every run of ``size`` consecutive ids, equal for equal runs.

    Two documents without a key in common share no run of ``size`` words, which settles
    most passage candidates without locating their longest shared passage (difflib, in
    Python, took most of the copy-paste time of a large library). Different runs may
    share a key, so a shared key only means "look closer".
    """
    if size < 1 or len(ids) < size:
        return set()
    return set(_run_key_array(ids, size).tolist())


def _run_key_array(ids: np.ndarray, size: int) -> np.ndarray:
    """The :func:`_run_keys` of every run of ``size`` ids, in order (``1 <= size <= len(ids)``).

    The keys are polynomial hashes of the runs built by doubling: runs of 1, 2, 4, …
    ids, then those joined, a dozen whole-array steps for a passage of 28 words rather
    than one per word.
    """
    runs = {1: ids}  # run length -> the hash of the run of that length at each offset
    length = 1
    while length * 2 <= size:
        half = runs[length]
        runs[length * 2] = half[:-length] * _power(length) + half[length:]
        length *= 2
    keys = runs[length]
    while length < size:
        part = max(p for p in runs if length + p <= size)  # the rest, largest part first
        # The run of `length` at i, then the run of `part` right after it.
        keys = keys[: len(keys) - part] * _power(part) + runs[part][length:]
        length += part
    return keys


def _share_a_run(ids: Sequence[np.ndarray], pairs: Sequence[tuple[int, int]], size: int) -> list[bool]:
    """For each pair of documents ``(first, second)``, whether their :func:`_run_keys`
    may meet: ``False`` means that they share no run of ``size`` ids.

    All pairs at once, as :func:`_hash_matches` looks up its runs: building a Python set
    of keys per document and intersecting them per pair cost more than finding the
    shared passages. Only the low bits of each key are compared, so a pair may be kept
    that sets of keys would drop ("look closer"), never the other way round.
    """
    shares = [False] * len(pairs)
    docs = sorted({doc for pair in pairs for doc in pair if len(ids[doc]) >= size})
    kept = [k for k, (a, b) in enumerate(pairs) if len(ids[a]) >= size and len(ids[b]) >= size]
    if size < 1 or not kept:
        return shares
    runs, run_starts, keys = _runs_end_to_end(ids, docs, size, _run_key_array)
    # The document in the top bits, the low bits of the key below (a polynomial hash
    # keeps its quality modulo any power of two; its top bits hardly see the last id):
    # sorted, each document's keys are a block in ascending order, and so are the
    # lookups of each pair.
    doc_shift = np.uint64(64 - len(docs).bit_length())
    low_bits = (np.uint64(1) << doc_shift) - np.uint64(1)
    table = np.sort((np.repeat(np.arange(len(docs), dtype=np.uint64), runs) << doc_shift) | (keys & low_bits))
    own, seconds, counts, starts = _rows_of_firsts(table, runs, run_starts, docs, [pairs[k] for k in kept])
    queries = (own & low_bits) | np.repeat(seconds << doc_shift, counts)
    at = np.searchsorted(table, queries)
    at[at == len(table)] = 0  # past the last key: not there (table[0] is smaller)
    found = np.logical_or.reduceat(table[at] == queries, starts)
    for k, share in zip(kept, found.tolist()):
        shares[k] = share
    return shares


@lru_cache(maxsize=64)
def _power(exponent: int) -> np.uint64:
    """``_MIX`` to the power ``exponent``, modulo 2**64 (as the hashes wrap around)."""
    return np.uint64(pow(int(_MIX), exponent, 1 << 64))


def _passage_shape(shingle: int, passage_words: int) -> tuple[int, int, int]:
    """(run size, winnowing window, fingerprints a shared passage must share)."""
    # A shared run of passage_words tokens holds passage_words - size + 1 runs of
    # ``size`` tokens, so winnowing with window 4 keeps at least a quarter of them.
    size = max(shingle, passage_words // 3)
    window = 4
    return size, window, max(1, (passage_words - size + 1) // window - 1)


def prepare(
    documents: Sequence[Words], *, shingle: int = 4, passage_words: int = 28, min_words: int = 20,
    num_perm: int = 64, signatures: bool = False,
) -> None:
    """Attach :class:`Features` to each document (in place) for :func:`find_copies`.

    With ``signatures``, MinHash signatures are computed too, for batches large enough
    to go through the LSH index.
    """
    size, window, _ = _passage_shape(shingle, passage_words)
    key = (shingle, passage_words, min_words)
    for doc in documents:
        if doc.features is not None and doc.features.key == key:
            continue
        if doc.tokens is None:
            raise ValueError("words received without their tokens need features prepared with the same options")
        ids = _token_ids(doc.tokens)
        if len(ids) >= min_words:
            features = Features(key, ids, _unique(_run_hashes(ids, shingle)), _fingerprints(ids, size, window))
        else:
            features = Features(key, ids, _EMPTY, _EMPTY)
        doc.features = features
    if signatures:
        for doc in documents:
            features = doc.features  # type: ignore[assignment]
            if len(features.shingles) and (features.signature is None or len(features.signature) != num_perm):
                features.signature = _signature(features.shingles, num_perm)


_RUN = 4  # tokens per run hashed by _longest_common_runs


def _longest_common_run(a: np.ndarray, b: np.ndarray) -> difflib.Match:
    """The longest run of tokens shared by two documents' token ids, as difflib's
    ``SequenceMatcher(None, a, b, autojunk=False).find_longest_match()`` gives it: the
    earliest in ``a`` among the longest, then the earliest in ``b``."""
    return _longest_common_runs([a, b], [(0, 1)])[0]


def _longest_common_runs(ids: Sequence[np.ndarray], pairs: Sequence[tuple[int, int]]) -> list[difflib.Match]:
    """:func:`_longest_common_run` of each pair of documents ``(first, second)``,
    given every document's token ids.

    difflib's walk, over hashes of 4-token runs instead of tokens: a run of ``n >= 4``
    shared tokens is ``n - 3`` shared run hashes along one diagonal, and a common word
    ("the") no longer drags in every place it occurs. All pairs are matched together,
    in a few whole-array steps (a walk per pair in Python, or numpy calls per pair,
    cost most of the copy-paste check): each document's run hashes, tagged with the
    document, are looked up in one sorted table, and the matches, sorted by pair,
    diagonal and position, fall into runs of consecutive keys.

    Only the top bits of each hash are compared (about 45 of 64 for a thousand notes),
    so unequal runs may match: a match can only be added, never lost, and the block
    found is checked token by token; difflib itself answers when the check fails or no
    4-token run is shared.
    """
    found: list[difflib.Match | None] = [None] * len(pairs)
    hashed = [k for k, (a, b) in enumerate(pairs) if len(ids[a]) >= _RUN and len(ids[b]) >= _RUN]
    if hashed:
        # Pairs in groups whose sort keys (below) fit in 63 bits: all of them, in practice.
        width = max(len(ids[doc]) for k in hashed for doc in pairs[k])
        group = max(1, (1 << 62) // ((2 * width + 1) * width))
        for at in range(0, len(hashed), group):
            _hash_matches(ids, pairs, hashed[at : at + group], found)
    matches: list[difflib.Match] = []
    for (a, b), match in zip(pairs, found):
        if match is None:
            ta, tb = ids[a].tolist(), ids[b].tolist()
            match = difflib.SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(0, len(ta), 0, len(tb))
        matches.append(match)
    return matches


def _hash_matches(
    ids: Sequence[np.ndarray], pairs: Sequence[tuple[int, int]], hashed: list[int], found: list[difflib.Match | None]
) -> None:
    """Fill ``found[k]`` for the pairs ``hashed`` whose longest shared run of run
    hashes is checked equal token by token (see :func:`_longest_common_runs`)."""
    docs = sorted({doc for k in hashed for doc in pairs[k]})
    runs, run_starts, hashes = _runs_end_to_end(ids, docs, _RUN, _run_hashes)
    total = len(hashes)
    # One sortable integer per run: its document, the top bits of its hash, then its
    # position. np.sort of these replaces an argsort, and each document's runs come
    # out in hash order, so the lookups below go in ascending order (a binary search
    # then starts where the previous one ended, several times faster than at random).
    doc_bits = len(docs).bit_length()
    at_bits = max(1, int(runs.max() - 1).bit_length())
    at_mask = np.uint64((1 << at_bits) - 1)
    hash_mask = np.uint64((1 << (64 - doc_bits)) - 1) & ~at_mask
    doc_shift = np.uint64(64 - doc_bits)
    tags = np.repeat(np.arange(len(docs), dtype=np.uint64), runs) << doc_shift
    positions = (np.arange(total) - np.repeat(run_starts, runs)).astype(np.uint64)  # in the document
    table = np.sort(tags | ((hashes >> np.uint64(doc_bits)) & hash_mask) | positions)
    # Every run of each pair's first document, with the tag of the second document.
    own, seconds, counts, _ = _rows_of_firsts(table, runs, run_starts, docs, [pairs[k] for k in hashed])
    queries = len(own)
    query_i = (own & at_mask).astype(np.int64)
    query_keys = (own & hash_mask) | np.repeat(seconds << doc_shift, counts)
    low = np.searchsorted(table, query_keys, "left")
    hits = np.searchsorted(table, query_keys | at_mask, "right") - low
    # One row per (pair, i, j) with equal tagged hashes.
    rows = int(hits.sum())
    if not rows:
        return
    which = np.repeat(np.arange(queries), hits)
    matched = table[np.repeat(low, hits) + np.arange(rows) - np.repeat(_exclusive_sum(hits), hits)]
    j = (matched & at_mask).astype(np.int64)
    i = query_i[which]
    pair = np.repeat(np.arange(len(hashed)), counts)[which]
    width = int(runs.max()) + _RUN - 1  # the longest document
    # Sorted by pair, then diagonal, then i: the next key along a diagonal is one more.
    keys = np.sort((pair * (2 * width + 1) + (j - i + width)) * width + i)
    opens = np.flatnonzero(np.r_[True, np.diff(keys) != 1])
    lengths = np.diff(np.r_[opens, len(keys)])
    keys = keys[opens]
    run_i = keys % width
    diagonal = keys // width
    run_pair = diagonal // (2 * width + 1)
    run_j = run_i + diagonal % (2 * width + 1) - width
    # difflib's choice per pair: the longest run, then the earliest in a, then in b.
    best = np.lexsort((run_j, run_i, -lengths, run_pair))
    best = best[np.r_[True, run_pair[best][1:] != run_pair[best][:-1]]]
    for k, a_at, b_at, length in zip(
        run_pair[best].tolist(), run_i[best].tolist(), run_j[best].tolist(), lengths[best].tolist()
    ):
        first, second = pairs[hashed[k]]
        size = length + _RUN - 1
        if ids[first][a_at : a_at + size].tobytes() == ids[second][b_at : b_at + size].tobytes():
            found[hashed[k]] = difflib.Match(a_at, b_at, size)


def _runs_end_to_end(
    ids: Sequence[np.ndarray], docs: list[int], size: int, hashing: Callable[[np.ndarray, int], np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(runs per document, where each document's runs start, the value ``hashing``
    gives each run of ``size`` ids) for ``docs``, none shorter than ``size``.

    The documents are hashed end to end, a few numpy calls in all rather than a few per
    document; the runs that straddle two documents are left out by the gather.
    """
    sizes = np.array([len(ids[doc]) for doc in docs], dtype=np.int64)
    runs = sizes - (size - 1)
    run_starts = _exclusive_sum(runs)
    every = hashing(np.concatenate([ids[doc] for doc in docs]), size)
    return runs, run_starts, every[np.arange(int(runs.sum())) + np.repeat(_exclusive_sum(sizes) - run_starts, runs)]


def _rows_of_firsts(
    table: np.ndarray, runs: np.ndarray, run_starts: np.ndarray, docs: list[int], pairs: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For pairs of ``docs``: the rows of ``table`` (each document's runs, a block in
    order) of every pair's first document one pair after another, each pair's second
    document as a slot number, the rows per pair and where each pair's rows start."""
    slot = {doc: s for s, doc in enumerate(docs)}
    firsts = np.array([slot[first] for first, _ in pairs], dtype=np.int64)
    seconds = np.array([slot[second] for _, second in pairs], dtype=np.uint64)
    counts = runs[firsts]
    starts = _exclusive_sum(counts)
    rows = table[np.arange(int(counts.sum())) + np.repeat(run_starts[firsts] - starts, counts)]
    return rows, seconds, counts, starts


def _exclusive_sum(values: np.ndarray) -> np.ndarray:
    """Where each of consecutive blocks of the given sizes starts."""
    sums = np.zeros(len(values), dtype=np.int64)
    np.cumsum(values[:-1], out=sums[1:])
    return sums


def find_copies(
    documents: Sequence[Words],
    *,
    threshold: float = 0.4,
    passage_words: int = 28,
    shingle: int = 4,
    min_words: int = 20,
    num_perm: int = 64,
) -> list[CopyPair]:
    """Pairs of documents that are the same note, or share a long passage verbatim.

    A pair is a copy when the Jaccard similarity of its word-shingle sets is at least
    ``threshold`` (the same note with names or a sentence changed), or when both share
    a run of at least ``passage_words`` normalised words (a paragraph lifted from one
    note into another). Candidates come from a MinHash LSH index (near-identical
    notes) and from rare winnowed fingerprints (shared passages); both grow about
    linearly with the number of documents. Every candidate is verified exactly.

    Args:
        documents: per document, the output of :func:`comparable_words` (with
            :func:`prepare` already applied, or it is applied here).
        threshold: the verified Jaccard similarity that makes a pair a copy.
        passage_words: the length of a shared run that makes a pair a copy.
        shingle: words per shingle for the similarity.
        min_words: shorter documents are not compared (too little to tell).
        num_perm: MinHash permutations.
    """
    usable_count = sum(1 for d in documents if len(d) >= min_words)
    large = usable_count > ALL_PAIRS_UP_TO
    prepare(documents, shingle=shingle, passage_words=passage_words, min_words=min_words,
            num_perm=num_perm, signatures=large)
    features: list[Features] = [d.features for d in documents]  # type: ignore[misc]
    usable = [i for i, f in enumerate(features) if len(f.shingles)]
    if len(usable) < 2:
        return []
    candidates: set[tuple[int, int]] = set()
    if not large:
        # A handful of notes (the usual pre-send batch): comparing every pair exactly is
        # cheaper than building signatures.
        for x, first in enumerate(usable):
            for second in usable[x + 1 :]:
                a, b = features[first].shingle_set(), features[second].shingle_set()
                shared = len(a & b)
                if shared >= threshold * (len(a) + len(b) - shared):
                    candidates.add((first, second))
    else:
        # Candidates at a slightly lower similarity than the threshold, so that hashing
        # noise rarely loses a true pair; verification below is exact.
        matrix = np.stack([features[i].signature for i in usable])
        for a, b in _lsh_candidates(matrix, max(0.1, threshold - 0.1), floor=threshold - 0.15):
            candidates.add((usable[a], usable[b]))
    _, _, min_shared = _passage_shape(shingle, passage_words)
    passages = _passage_candidates([f.fingerprints for f in features], usable, max_df=8, min_shared=min_shared)
    candidates |= passages
    ordered = sorted(candidates)
    shingles = [f.shingles for f in features]
    similar: dict[tuple[int, int], float] = {}  # the copies by similarity
    passing: dict[tuple[int, int], float] = {}  # passage candidates below the threshold
    for pair, shared in zip(ordered, _shared_counts(shingles, ordered)):
        similarity = shared / (len(shingles[pair[0]]) + len(shingles[pair[1]]) - shared)
        if similarity >= threshold:
            similar[pair] = similarity
        elif pair in passages:  # an LSH candidate that verification rejects has no passage to locate
            passing[pair] = similarity
    # Only a shared passage of passage_words could make a passing pair a copy.
    ids = [f.ids for f in features]
    if passage_words >= 1:
        passing = {
            pair: similarity
            for (pair, similarity), share in zip(passing.items(), _share_a_run(ids, list(passing), passage_words))
            if share
        }
    located = sorted({**similar, **passing}.items())  # the pairs whose longest shared passage is needed
    pairs = []
    blocks = _longest_common_runs(ids, [pair for pair, _ in located])
    for ((first, second), similarity), block in zip(located, blocks):
        if block.size == 0 or (similarity < threshold and block.size < passage_words):
            continue
        da, db = documents[first], documents[second]
        pairs.append(
            CopyPair(
                first=first,
                second=second,
                similarity=round(similarity, 3),
                first_span=(da.starts[block.a], da.ends[block.a + block.size - 1]),
                second_span=(db.starts[block.b], db.ends[block.b + block.size - 1]),
                shared_words=block.size,
            )
        )
    return pairs
