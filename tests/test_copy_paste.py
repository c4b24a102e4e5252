"""Copy-paste across a batch: hand-written sets of notes with the copies they hold.

Each case in ``tests/cases/batches/*.yaml`` lists ``documents`` and the exact set of
``copies`` (pairs of 0-based document indexes) that DL430 must report, no more and no
fewer: name-swapped copies and light edits must be found, different notes on the
same theme must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from draftlint import lint_drafts

CASE_DIR = Path(__file__).parent / "cases" / "batches"


def _cases() -> list:
    params = []
    for path in sorted(CASE_DIR.glob("*.yaml")):
        for case in srsly.read_yaml(path)["cases"]:
            # A documented detector limitation: strict, so the test fails once it is fixed.
            marks = [pytest.mark.xfail(strict=True, reason="known miss, see the case")] if case.get("known_miss") else []
            params.append(pytest.param(case, id=f"{path.stem}-{case['name']}", marks=marks))
    return params


def found_pairs(documents: list[str]) -> set[tuple[int, int]]:
    """The (earlier, later) document pairs DL430 reports for a batch."""
    names = [f"doc{i}" for i in range(len(documents))]
    batch = lint_drafts(list(zip(names, documents)))
    pairs = set()
    for origin, finding in batch.findings:
        if finding.rule_id == "DL430":
            later = names.index(origin)
            for related in finding.related:
                pairs.add((names.index(related.origin), later))
    return pairs


@pytest.mark.parametrize("case", _cases())
def test_batch_case(case: dict) -> None:
    want = {tuple(sorted(pair)) for pair in case.get("copies") or []}
    assert found_pairs(case["documents"]) == want


def test_copy_finding_points_at_the_shared_passage() -> None:
    body = (
        "Thank you for showing me around the Leeds warehouse on Monday. Seeing the new "
        "sorting line run at full speed made the role feel real, and I left with three ideas "
        "for the returns process that I would be glad to sketch out. I remain keen on the "
        "operations lead role and will check in next week."
    )
    batch = lint_drafts([("a.txt", "Hi Ruth,\n" + body), ("b.txt", "Hi Tom,\n" + body.replace("Monday", "Tuesday"))])
    (report_a, report_b) = batch.reports
    assert not [f for f in report_a.findings if f.rule_id == "DL430"]
    (finding,) = [f for f in report_b.findings if f.rule_id == "DL430"]
    text = "Hi Tom,\n" + body.replace("Monday", "Tuesday")
    assert text[finding.start : finding.end] == finding.excerpt
    # Names are set aside, so the greeting is part of the shared passage.
    assert finding.excerpt.startswith("Hi Tom,\nThank you for showing me around")
    assert finding.excerpt.endswith("will check in next week")
    (related,) = finding.related
    assert related.origin == "a.txt" and (related.line, related.column) == (1, 1)
    assert "a.txt" in finding.message


def test_large_batches_use_the_lsh_index_and_still_find_copies() -> None:
    """Past the all-pairs cut-off, candidates come from MinHash LSH; results must hold."""
    import random

    from draftlint.checks import duplicates

    rng = random.Random(7)
    vocabulary = [f"{a}{b}" for a in ("bar", "cor", "del", "fen", "gal", "hov", "jun", "kel") for b in ("ad", "em", "ix", "on", "ul", "yr")]
    notes = [" ".join(rng.choice(vocabulary) for _ in range(60)) + "." for _ in range(duplicates.ALL_PAIRS_UP_TO + 20)]
    notes.append("Hi Maya, " + notes[5])
    notes[7] = "Hi Leon, " + notes[5]
    pairs = found_pairs(notes)
    assert pairs == {(5, 7), (5, len(notes) - 1), (7, len(notes) - 1)}


def test_copy_words_sent_from_a_worker_give_the_same_pairs() -> None:
    """Workers send each document's words to the parent as pickled bytes; the pairs,
    similarities and spans found from the received words must not change."""
    import pickle
    import random

    from draftlint.checks import duplicates
    from draftlint.sources import read

    rng = random.Random(11)
    vocabulary = ["alpha", "beta", "gamma", "delta", "Maya", "Leon", "on", "Monday", "the", "plan", "7", "note"]
    notes = [" ".join(rng.choice(vocabulary) for _ in range(50)) + "." for _ in range(duplicates.ALL_PAIRS_UP_TO + 10)]
    notes[9] = "Hi Leon, " + notes[3]
    words = [duplicates.comparable_words(read(text).body) for text in notes]
    duplicates.prepare(words, signatures=True)
    received = pickle.loads(pickle.dumps(words))
    assert all(w.tokens is None for w in received)  # only ids and offsets travel
    assert [(list(w.starts), list(w.ends)) for w in received] == [(list(w.starts), list(w.ends)) for w in words]
    found = duplicates.find_copies(words)
    assert found and duplicates.find_copies(received) == found
