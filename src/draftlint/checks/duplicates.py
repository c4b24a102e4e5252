"""Copy-paste across documents: the same note sent to several people, templates that
duplicate each other, or a paragraph lifted from one note into another.

Each document's unmasked words are normalised so that what legitimately differs
between copies does not hide them: names (capitalised words inside a sentence, and
every name in the context), placeholders and slots, numbers and dates all become
tokens such as ``<name>``. Word shingles are hashed into MinHash signatures
(datasketch) and a locality-sensitive hash index proposes candidate pairs in close to
linear time; every candidate is then verified with the exact Jaccard similarity of its
shingle sets, and the longest shared passage is located in both documents.
"""

from __future__ import annotations

import difflib
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from dataclasses import dataclass

from ..draft import DraftPart

__all__ = ["ALL_PAIRS_UP_TO", "COPY_OPTIONS", "CopyPair", "Features", "Words", "comparable_words", "find_copies", "prepare"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Where a word opens a sentence or a line: after . ! ? : ; or a line break, and any
# closing quotes, brackets or spaces.
_OPENS = re.compile(r"[.!?:;\n][^\w\n]*")
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
        # themselves are not needed there, only their ids and offsets.
        tokens = None if self.features is not None else self.tokens
        return (tokens, self.starts, self.ends, self.features)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.tokens, self.starts, self.ends, self.features = state


def comparable_words(part: DraftPart, names: Iterable[str] = ()) -> Words:
    """The part's unmasked words, with names, slots, numbers and dates normalised.

    Indexing the result gives (token, start, end) with offsets into the part's text.
    """
    known = {w.lower() for name in names for w in _WORD.findall(name)}
    slots = [(s.start, s.end) for s in part.slots]
    text = part.analysis
    # Word starts that open a sentence or a line: a capitalised word there is not a name.
    openers = {m.end() for m in _OPENS.finditer(text)}
    tokens: list[str] = []
    starts = array("l")
    ends = array("l")
    slot_index = 0
    first = True
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        opens = first or start in openers
        first = False
        if slots:
            while slot_index < len(slots) and slots[slot_index][1] <= start:
                slot_index += 1
            if slot_index < len(slots) and slots[slot_index][0] <= start:
                if tokens and tokens[-1] == "<slot>" and ends[-1] >= slots[slot_index][0]:
                    continue  # one token per slot
                tokens.append("<slot>")
                starts.append(start)
                ends.append(end)
                continue
        lower = word.lower()
        if lower in _DATE_WORDS:
            token = "<date>"
        elif not word.isalpha() and any(c.isdigit() for c in word):
            token = "<num>"
        elif lower in known or (not opens and word[0].isupper() and lower != "i"):
            token = "<name>"
        else:
            token = lower.replace("’", "'")
        tokens.append(token)
        starts.append(start)
        ends.append(end)
    return Words(tokens, starts, ends)


def _shingles(ids: Sequence[int], size: int) -> set[int]:
    """Hashes of every run of ``size`` token ids (the whole document if shorter).

    Hashes of tuples of ints are the same in every process (only str and bytes hashes
    are salted), which keeps results deterministic; collisions are harmless because
    every candidate pair is verified on the tokens themselves.
    """
    if len(ids) < size:
        return {hash(tuple(ids))} if ids else set()
    return {hash(tuple(ids[i : i + size])) for i in range(len(ids) - size + 1)}


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


def _fingerprints(ids: Sequence[int], size: int, window: int) -> set[int]:
    """Winnowed hashes of ``size``-token runs: the smallest hash of every ``window``
    consecutive runs. Two documents sharing a passage of ``size + window - 1`` tokens or
    more are guaranteed to share a fingerprint, at a fraction of the index size.
    """
    hashes = [hash(tuple(ids[k : k + size])) for k in range(len(ids) - size + 1)]
    if len(hashes) <= window:
        return {min(hashes)} if hashes else set()
    return {min(hashes[k : k + window]) for k in range(len(hashes) - window + 1)}


def _passage_candidates(
    fingerprints: Sequence[set[int]], usable: Sequence[int], max_df: int, min_shared: int
) -> set[tuple[int, int]]:
    """Pairs that share at least ``min_shared`` rare fingerprints (a copied passage).

    A fingerprint found in more than ``max_df`` documents is stock wording ("thank you
    for taking the time to meet with me"), not a copied passage, and is ignored; this
    also bounds the work per fingerprint.
    """
    postings: dict[int, list[int]] = {}
    for i in usable:
        for fingerprint in fingerprints[i]:
            postings.setdefault(fingerprint, []).append(i)
    counts: dict[tuple[int, int], int] = {}
    for docs in postings.values():
        if 1 < len(docs) <= max_df:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    key = (docs[a], docs[b])
                    counts[key] = counts.get(key, 0) + 1
    return {pair for pair, count in counts.items() if count >= min_shared}


class Features:
    """What :func:`find_copies` needs of one document, computed once (possibly in a
    worker process): token ids, shingle hashes, passage fingerprints and, for large
    batches, a MinHash signature."""

    __slots__ = ("_set", "fingerprints", "ids", "key", "scheme", "shingles", "signature")

    def __init__(self, key: tuple[int, ...], ids: Sequence[int], shingles: Any, fingerprints: Any) -> None:
        self.key = key
        self.ids = ids
        self.shingles = shingles
        self.fingerprints = fingerprints
        self.signature: Any = None
        self.scheme: str | None = None
        self._set: set[int] | None = shingles if isinstance(shingles, set) else None

    def shingle_set(self) -> set[int]:
        """The shingle hashes as a set (built once, on first use)."""
        if self._set is None:
            self._set = set(self.shingles)
        return self._set

    def __getstate__(self) -> tuple[Any, ...]:
        # Integer arrays pickle and unpickle far faster than sets and lists of ints,
        # which matters when thousands come back from the lint workers.
        return (
            self.key, array("l", self.ids), array("q", sorted(self.shingles)),
            array("q", sorted(self.fingerprints)), self.signature, self.scheme,
        )

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.key, self.ids, self.shingles, self.fingerprints, self.signature, self.scheme = state
        self._set = None


def _token_id(token: str) -> int:
    # crc32 is the same in every process (str hashes are salted per process).
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


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
        ids = [_token_id(t) for t in doc.tokens]
        usable = len(ids) >= min_words
        doc.features = Features(
            key, ids, _shingles(ids, shingle) if usable else set(), _fingerprints(ids, size, window) if usable else set()
        )
    if signatures:
        from datasketch import MinHash

        missing = [d for d in documents if len(d.features.shingles) and d.features.signature is None]  # type: ignore[union-attr]
        if missing:
            hashed = MinHash.bulk([sorted(d.features.shingles) for d in missing], num_perm=num_perm, hashfunc=_low32)  # type: ignore[union-attr]
            for doc, minhash in zip(missing, hashed):
                doc.features.signature = minhash.hashvalues  # type: ignore[union-attr]
                doc.features.scheme = minhash.scheme  # type: ignore[union-attr]


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
        # cheaper than importing datasketch, which pulls in SciPy (~0.5 s).
        for x, first in enumerate(usable):
            for second in usable[x + 1 :]:
                a, b = features[first].shingle_set(), features[second].shingle_set()
                if len(a & b) >= threshold * len(a | b):
                    candidates.add((first, second))
    else:
        import numpy as np
        from datasketch import LeanMinHash, MinHashLSH

        # Candidates at a slightly lower similarity than the threshold, so that hashing
        # noise rarely loses a true pair; verification below is exact.
        lsh = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=num_perm)
        matrix = np.stack([features[i].signature for i in usable])
        row_of = {doc: n for n, doc in enumerate(usable)}
        floor = threshold - 0.15
        # Each document's proposals are screened at once against the signatures, so
        # memory stays bounded by one document's neighbours, not by all proposals.
        for n, i in enumerate(usable):
            signature = LeanMinHash(seed=1, hashvalues=matrix[n], scheme=features[i].scheme)
            others = lsh.query(signature)
            if others:
                rows = np.fromiter((row_of[o] for o in others), dtype=np.intp, count=len(others))
                estimates = (matrix[rows] == matrix[n]).mean(axis=1)
                candidates.update((others[k], i) for k in np.nonzero(estimates >= floor)[0].tolist())
            lsh.insert(i, signature)
    _, _, min_shared = _passage_shape(shingle, passage_words)
    passages = _passage_candidates([f.fingerprints for f in features], usable, max_df=8, min_shared=min_shared)
    candidates |= passages
    pairs = []
    for first, second in sorted(candidates):
        a, b = features[first].shingle_set(), features[second].shingle_set()
        similarity = len(a & b) / len(a | b)
        if similarity < threshold and (first, second) not in passages:
            continue  # an LSH candidate that verification rejects: no passage to locate
        ta, tb = features[first].ids, features[second].ids
        matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        block = matcher.find_longest_match(0, len(ta), 0, len(tb))
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
