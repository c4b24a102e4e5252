"""Precision and recall of each category on the project's own case files.

Usage: python bench/accuracy_cases.py [CASE_DIR]

Reads ``tests/cases/*.yaml`` (the same files the test suite checks) and counts, per
category, findings that match an expected (rule, excerpt) as true positives, other
findings of the file's categories as false positives, and expected findings not
produced as false negatives. A case file's drafts are written by hand, in the
project's own words; hard negatives expect nothing.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import srsly

from draftlint import Context, lint_draft


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "tests" / "cases"
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    cases: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    for path in sorted(folder.glob("*.yaml")):
        data = srsly.read_yaml(path)
        categories = set(data.get("categories") or [data["category"]])
        label = "+".join(sorted(categories))
        for case in data["cases"]:
            context = Context.model_validate(case["context"]) if case.get("context") else None
            report = lint_draft(case["draft"], context=context, kind=case.get("kind", "auto"))
            got = Counter((f.rule_id, f.excerpt) for f in report.findings if f.category in categories)
            want = Counter((e["rule"], e["excerpt"]) for e in case.get("expect") or [])
            cases[label] += 1
            negatives[label] += not want
            tp[label] += sum((got & want).values())
            fp[label] += sum((got - want).values())
            fn[label] += sum((want - got).values())
    print(f"{'case file':32} {'cases':>5} {'neg':>4} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6}")
    for label in sorted(cases):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 1.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 1.0
        print(f"{label:32} {cases[label]:5} {negatives[label]:4} {tp[label]:4} {fp[label]:4} {fn[label]:4} {p:6.2f} {r:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
