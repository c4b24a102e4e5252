"""Measure copy-paste detection (DL430): pair-level precision and recall, and a sweep.

    python bench/accuracy_copy_paste.py [--cases FILE] [--corpus FILE] [--show]

Prints, in one run:

* **Our cases** (``tests/cases/batches/copy-paste.yaml``): every batch is linted with
  ``draftlint.lint_drafts`` exactly as ``tests/test_copy_paste.py`` does, and every
  pair of documents in a batch is one unit: a reported pair the case lists in
  ``copies`` is a true positive, any other reported pair a false positive, a listed
  pair not reported a false negative. Pairs in negative cases count (they are where
  false positives come from), so precision is measured, not assumed.
* **The dev corpus** (a labelled corpus JSONL given with ``--corpus`` or ``DRAFTLINT_CORPUS``, optional): all items are linted as
  one batch with ``lint_drafts([(id, text), ...])``. A reported pair is a true positive
  when both items share a ``dup_group``; a reported pair within one
  ``near_dup_cluster`` (a family of templates that share wording but are labelled as
  different texts) is counted separately, neither true nor false; any other reported
  pair is a false positive. Recall is over all ``dup_group`` pairs.
* **A sweep** of ``threshold`` (0.3-0.8) and ``passage_words`` (20-40), calling
  ``draftlint.checks.duplicates.find_copies`` directly on the ``comparable_words`` of
  the parsed documents (the same inputs the engine builds), on both sets. The default
  in ``rules/copy-paste/DL430-near-duplicate.yaml`` should sit inside the region where
  both sets score precision and recall >= 0.95.

Without the corpus the corpus parts are skipped with a message. The script measures;
it exits 0 whatever the figures.
"""

from __future__ import annotations

import os

import argparse
import json
import sys
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import srsly

from draftlint import Context, lint_drafts
from draftlint.checks.duplicates import comparable_words, find_copies
from draftlint.engine import get_linter
from draftlint.sources import read

DEFAULT_CASES = HERE.parent / "tests" / "cases" / "batches" / "copy-paste.yaml"
DEFAULT_CORPUS = Path(os.environ.get("DRAFTLINT_CORPUS", "corpus.jsonl"))
RULE = "DL430"
THRESHOLDS = [round(0.3 + 0.05 * i, 2) for i in range(11)]  # 0.30 … 0.80
PASSAGES = list(range(20, 41, 2))  # 20 … 40
Pair = tuple[int, int]


# --------------------------------------------------------------------------------------
# Data sets: lists of batches (documents linted together, with the pairs that are copies)
# --------------------------------------------------------------------------------------

class Batch:
    def __init__(self, label: str, names: list[str], texts: list[str], wanted: set[Pair], neutral: set[Pair] = frozenset()):
        self.label = label
        self.names = names
        self.texts = texts
        self.wanted = wanted
        self.neutral = set(neutral)
        self._words: list | None = None

    @property
    def units(self) -> int:
        return len(self.texts) * (len(self.texts) - 1) // 2

    def words(self) -> list:
        """The normalised words of each document, built the way the engine builds them."""
        if self._words is None:
            self._words = []
            for name, text in zip(self.names, self.texts):
                draft = read(text, origin=name)
                merged = Context().merged_with(draft.context)
                people = [p.name for p in (*merged.interviewers, *merged.recipients, *merged.met)]
                people += [merged.sender.name] if merged.sender else []
                self._words.append(comparable_words(draft.body, people))
        return self._words


def load_cases(path: Path) -> list[Batch]:
    batches = []
    for case in srsly.read_yaml(path)["cases"]:
        docs = case["documents"]
        wanted = {tuple(sorted(p)) for p in case.get("copies") or []}
        batches.append(Batch(case["name"], [f"doc{i}" for i in range(len(docs))], docs, wanted))
    return batches


def load_corpus(path: Path) -> Batch:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted, neutral = set(), set()
    for a, b in combinations(range(len(items)), 2):
        ga, gb = items[a].get("dup_group"), items[b].get("dup_group")
        ca, cb = items[a].get("near_dup_cluster"), items[b].get("near_dup_cluster")
        if ga and ga == gb:
            wanted.add((a, b))
        elif ca and ca == cb:
            neutral.add((a, b))
    return Batch("dev corpus", [i["id"] for i in items], [i["text"] for i in items], wanted, neutral)


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------

class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.neutral = self.units = 0
        self.false_pos: list[tuple[str, Pair]] = []
        self.false_neg: list[tuple[str, Pair]] = []

    def add(self, batch: Batch, found: set[Pair]) -> None:
        self.units += batch.units
        for pair in found:
            if pair in batch.wanted:
                self.tp += 1
            elif pair in batch.neutral:
                self.neutral += 1
            else:
                self.fp += 1
                self.false_pos.append((batch.label, pair))
        for pair in batch.wanted - found:
            self.fn += 1
            self.false_neg.append((batch.label, pair))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def linted_pairs(batch: Batch) -> set[Pair]:
    """The (earlier, later) pairs DL430 reports when the batch is linted as a whole."""
    report = lint_drafts(list(zip(batch.names, batch.texts)))
    index = {name: i for i, name in enumerate(batch.names)}
    pairs = set()
    for origin, finding in report.findings:
        if finding.rule_id == RULE:
            for related in finding.related:
                pairs.add(tuple(sorted((index[related.origin], index[origin]))))
    return pairs


def direct_pairs(batch: Batch, options: dict) -> set[Pair]:
    return {(p.first, p.second) for p in find_copies(batch.words(), **options)}


def score(batches: Sequence[Batch], finder) -> Score:
    result = Score()
    for batch in batches:
        result.add(batch, finder(batch))
    return result


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def print_score(title: str, s: Score, batches: Sequence[Batch], names: Sequence[str] | None = None) -> None:
    wanted = sum(len(b.wanted) for b in batches)
    print(f"{title}")
    print(f"  pairs: {s.units} in {len(batches)} batch(es); {wanted} copies, {s.units - wanted} not copies")
    line = f"  DL430: TP {s.tp}  FP {s.fp}  FN {s.fn}"
    if any(b.neutral for b in batches):
        line += f"  near_dup_cluster pairs found {s.neutral} (of {sum(len(b.neutral) for b in batches)}; not scored)"
    print(line)
    print(f"  precision {s.precision:.3f}   recall {s.recall:.3f}")
    for kind, rows in (("false positive", s.false_pos), ("missed copy", s.false_neg)):
        for label, (a, b) in rows:
            batch = next(x for x in batches if x.label == label)
            print(f"    {kind}: {label}: {batch.names[a]} ~ {batch.names[b]}")


def sweep(batches: Sequence[Batch], defaults: dict) -> dict[tuple[float, int], Score]:
    base = {k: v for k, v in defaults.items() if k in ("shingle", "min_words", "num_perm")}
    return {
        (t, p): score(batches, lambda b, t=t, p=p: direct_pairs(b, {**base, "threshold": t, "passage_words": p}))
        for t in THRESHOLDS
        for p in PASSAGES
    }


def print_sweep(title: str, grid: dict[tuple[float, int], Score], defaults: dict) -> None:
    print(f"\n{title}")
    print("  cell = precision/recall; * = both >= 0.95; [ ] = the rule's default")
    print("  threshold \\ passage_words")
    print("          " + "".join(f"{p:>12d}" for p in PASSAGES))
    for t in THRESHOLDS:
        cells = []
        for p in PASSAGES:
            s = grid[(t, p)]
            mark = "*" if s.precision >= 0.95 and s.recall >= 0.95 else " "
            cell = f"{s.precision:.2f}/{s.recall:.2f}{mark}"
            if abs(t - defaults["threshold"]) < 1e-9 and p == defaults["passage_words"]:
                cell = f"[{cell}]"
            cells.append(f"{cell:>12s}")
        print(f"  {t:>6.2f}  " + "".join(cells))


def margins(batches: Sequence[Batch], defaults: dict, count: int = 5) -> None:
    """The closest calls: copies with the least overlap, non-copies with the most."""
    import difflib

    from draftlint.checks.duplicates import _shingles

    size, min_words = defaults.get("shingle", 4), defaults.get("min_words", 20)
    rows = []
    for batch in batches:
        tokens = [[t for t, _, _ in doc] for doc in batch.words()]
        sets = [_shingles(t, size) if len(t) >= min_words else set() for t in tokens]
        for a, b in combinations(range(len(tokens)), 2):
            if not sets[a] or not sets[b] or (a, b) in batch.neutral:
                continue
            jaccard = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
            if jaccard == 0 and (a, b) not in batch.wanted:
                continue
            run = difflib.SequenceMatcher(None, tokens[a], tokens[b], autojunk=False).find_longest_match(
                0, len(tokens[a]), 0, len(tokens[b])).size
            label = batch.label if len(batches) > 1 else f"{batch.names[a]} ~ {batch.names[b]}"
            if len(batches) > 1 and len(batch.texts) > 2:
                label += f" ({a}-{b})"
            rows.append(((a, b) in batch.wanted, jaccard, run, label))
    copies = [r for r in rows if r[0]]
    others = [r for r in rows if not r[0]]
    print("  copies with the lowest similarity (J = shingle Jaccard, run = longest shared run):")
    for _, j, run, label in sorted(copies, key=lambda r: r[1])[:count]:
        print(f"    J {j:.2f}  run {run:3d}  {label}")
    print("  copies with the shortest shared run (found by similarity, if at all):")
    for _, j, run, label in sorted(copies, key=lambda r: r[2])[:count]:
        print(f"    J {j:.2f}  run {run:3d}  {label}")
    print("  non-copies with the highest similarity:")
    for _, j, run, label in sorted(others, key=lambda r: -r[1])[:count]:
        print(f"    J {j:.2f}  run {run:3d}  {label}")
    print("  non-copies with the longest shared run:")
    for _, j, run, label in sorted(others, key=lambda r: -r[2])[:count]:
        print(f"    J {j:.2f}  run {run:3d}  {label}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", action="store_true", help="print the similarity of every corpus pair DL430 reports")
    args = parser.parse_args(argv)

    defaults = dict(get_linter().options[RULE])
    print(f"DL430 options in use: {', '.join(f'{k}={v}' for k, v in sorted(defaults.items()))}\n")

    cases = load_cases(args.cases)
    positive = sum(1 for b in cases if b.wanted)
    print(f"cases: {len(cases)} batches from {args.cases.name} ({positive} with copies, {len(cases) - positive} without)")
    case_score = score(cases, linted_pairs)
    print_score("Our cases, linted with lint_drafts", case_score, cases)
    grids = [("Sweep over our cases (find_copies on comparable_words)", sweep(cases, defaults))]
    direct = grids[0][1][(defaults["threshold"], defaults["passage_words"])] if (
        defaults["threshold"] in THRESHOLDS and defaults["passage_words"] in PASSAGES) else None
    if direct is not None and (direct.tp, direct.fp, direct.fn) != (case_score.tp, case_score.fp, case_score.fn):
        print("  note: the direct call at the default settings differs from lint_drafts "
              f"(TP {direct.tp} FP {direct.fp} FN {direct.fn})")

    if args.corpus.is_file():
        corpus = load_corpus(args.corpus)
        print()
        corpus_score = Score()
        found = linted_pairs(corpus)
        corpus_score.add(corpus, found)
        print_score(f"Dev corpus ({args.corpus.name}, {len(corpus.texts)} items as one batch)", corpus_score, [corpus])
        if args.show:
            words = corpus.words()
            for a, b in sorted(found):
                kind = "dup_group" if (a, b) in corpus.wanted else "near_dup" if (a, b) in corpus.neutral else "OTHER"
                ta, tb = [w for w, _, _ in words[a]], [w for w, _, _ in words[b]]
                print(f"    found {kind:9s} {corpus.names[a]} ~ {corpus.names[b]} ({len(ta)}/{len(tb)} words)")
        grids.append((f"Sweep over the dev corpus ({len(corpus.wanted)} dup_group pairs)", sweep([corpus], defaults)))
    else:
        print(f"\n(corpus not found at {args.corpus}: skipping the corpus measurements)")

    print("\nClosest calls in our cases")
    margins(cases, defaults)
    if args.corpus.is_file():
        print("\nClosest calls in the dev corpus (near_dup_cluster pairs left out)")
        margins([corpus], defaults)
    for title, grid in grids:
        print_sweep(title, grid, defaults)
    if len(grids) == 2:
        both = [
            (t, p) for t in THRESHOLDS for p in PASSAGES
            if all(g[(t, p)].precision >= 0.95 and g[(t, p)].recall >= 0.95 for _, g in grids)
        ]
        print("\nSettings with precision and recall >= 0.95 on both sets:")
        if both:
            for t in THRESHOLDS:
                ps = [p for tt, p in both if tt == t]
                if ps:
                    print(f"  threshold {t:.2f}: passage_words {', '.join(map(str, ps))}")
        else:
            print("  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
