"""The copy-paste check's batched steps give exactly what their plain forms gave.

Each test keeps the simple reference (one pair or one document at a time, or difflib
itself) and compares the batched version with it on random documents.
"""

from __future__ import annotations

import difflib

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint.checks import duplicates


def _difflib_longest(first: list[int], second: list[int]) -> tuple[int, int, int]:
    """The plain form: difflib's longest matching block, without junk heuristics."""
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return tuple(matcher.find_longest_match(0, len(first), 0, len(second)))  # type: ignore[return-value]


def _edited(draw: st.DrawFn, document: list[int]) -> list[int]:
    """A copy of ``document`` with a few words inserted, deleted or replaced."""
    copy = list(document)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(copy)))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        if edit == "insert" or not copy:
            copy.insert(at, draw(st.integers(0, 60)))
        elif edit == "delete":
            del copy[min(at, len(copy) - 1)]
        else:
            copy[min(at, len(copy) - 1)] = draw(st.integers(0, 60))
    return copy


@st.composite
def _batches(draw: st.DrawFn) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Documents (some short, some with repeats, some edited copies of others) and
    pairs of them in any order, repeats included."""
    alphabet = draw(st.sampled_from([3, 5, 60]))  # few words: repeats and ties are common
    words = st.lists(st.integers(0, alphabet), max_size=40)
    # Or documents made of a few phrases in any order: long shared runs, tied in length.
    phrases = draw(st.lists(st.lists(st.integers(0, 60), min_size=1, max_size=6), min_size=1, max_size=4))
    phrased = st.lists(st.sampled_from(phrases), max_size=8).map(lambda chosen: [w for p in chosen for w in p])
    documents = draw(st.lists(st.one_of(words, phrased), min_size=2, max_size=7))
    for _ in range(draw(st.integers(0, 3))):
        documents.append(_edited(draw, draw(st.sampled_from(documents))))
    everything = [(a, b) for a in range(len(documents)) for b in range(len(documents)) if a != b]
    pairs = draw(st.lists(st.sampled_from(everything), max_size=12))
    return documents, pairs


@settings(max_examples=500)
@given(_batches())
@example(([[1, 2, 3, 4, 5, 1, 2, 3, 4], [9, 1, 2, 3, 4, 1, 2, 3, 4, 5], [1, 2]], [(0, 1), (1, 0), (2, 0), (0, 1)]))
@example(([[1, 2, 3, 4, 9, 5, 6, 7, 8], [5, 6, 7, 8, 9, 1, 2, 3, 4]], [(0, 1), (1, 0)]))  # ties: earliest in a wins
def test_longest_common_runs_are_difflibs_pair_by_pair(batch: tuple[list[list[int]], list[tuple[int, int]]]) -> None:
    documents, pairs = batch
    ids = [np.array(doc, dtype=np.uint64) for doc in documents]
    found = [tuple(match) for match in duplicates._longest_common_runs(ids, pairs)]
    assert found == [_difflib_longest(documents[a], documents[b]) for a, b in pairs]


@settings(max_examples=200)
@given(batch=_batches())
def test_colliding_run_hashes_fall_back_to_difflib(batch: tuple[list[list[int]], list[tuple[int, int]]]) -> None:
    # Run hashes that collide all the time: matches of unequal runs must be caught by
    # the token check and answered by difflib, never returned.
    documents, pairs = batch
    hashes = duplicates._run_hashes

    def weak(ids: np.ndarray, size: int) -> np.ndarray:
        return hashes(ids % np.uint64(2), size)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "_run_hashes", weak)
        ids = [np.array(doc, dtype=np.uint64) for doc in documents]
        found = [tuple(match) for match in duplicates._longest_common_runs(ids, pairs)]
    assert found == [_difflib_longest(documents[a], documents[b]) for a, b in pairs]


@settings(max_examples=500)
@given(_batches(), st.integers(1, 12))
@example(([[1, 2, 3], [1, 2, 3], [4]], [(0, 1), (1, 2), (2, 0)]), 3)
def test_share_a_run_is_whether_run_keys_meet(batch: tuple[list[list[int]], list[tuple[int, int]]], size: int) -> None:
    # The plain form: a set of run keys per document, intersected per pair. A pair that
    # shares a run must be kept; with these few runs no two unequal ones collide, so the
    # answers are the same both ways.
    documents, pairs = batch
    ids = [np.array(doc, dtype=np.uint64) for doc in documents]
    keys = [duplicates._run_keys(doc, size) for doc in ids]
    runs = [{tuple(doc[i : i + size]) for i in range(len(doc) - size + 1)} for doc in documents]
    expected = [not keys[a].isdisjoint(keys[b]) for a, b in pairs]
    assert expected == [bool(runs[a] & runs[b]) for a, b in pairs]
    assert duplicates._share_a_run(ids, pairs, size) == expected
