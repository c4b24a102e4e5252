"""Score draftlint's tone checks on held-out cases its rule authors never saw.

Reads bench/heldout/tone.yaml (items with `text`, `impatience`, `call_me_back`), lints each
text with ``draftlint.lint_draft`` and maps finding categories onto the two labels:

    impatience, rudeness -> impatience
    call-me-back         -> call_me_back

Prints item-level precision / recall / F1 per label and lists every false positive and
false negative with the rule ids that fired.

Usage: python bench/heldout_score.py [path/to/cases.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

import draftlint

LABELS: dict[str, frozenset[str]] = {
    "impatience": frozenset({"impatience", "rudeness"}),
    "call_me_back": frozenset({"call-me-back"}),
}

DEFAULT_CASES = Path(__file__).resolve().parent / "heldout" / "tone.yaml"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CASES
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]

    results = []  # (index, item, {label: [rule ids]}, {label: all ids for context})
    for i, item in enumerate(items, 1):
        report = draftlint.lint_draft(item["text"])
        fired: dict[str, list[str]] = {label: [] for label in LABELS}
        for f in report.findings:
            for label, cats in LABELS.items():
                if f.category in cats:
                    fired[label].append(f"{f.rule_id}({f.category}: {f.excerpt!r})")
        other = sorted({f.rule_id for f in report.findings})
        results.append((i, item, fired, other))

    print(f"cases: {path}  items: {len(items)}\n")
    print(f"{'label':<14}{'pos':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'prec':>8}{'recall':>8}{'F1':>8}")
    errors: dict[str, dict[str, list]] = {}
    for label in LABELS:
        tp = fp = fn = tn = 0
        errs = {"FP": [], "FN": []}
        for i, item, fired, other in results:
            gold = bool(item[label])
            pred = bool(fired[label])
            if gold and pred:
                tp += 1
            elif pred:
                fp += 1
                errs["FP"].append((i, item["text"], fired[label], other))
            elif gold:
                fn += 1
                errs["FN"].append((i, item["text"], fired[label], other))
            else:
                tn += 1
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = 2 * p * r / (p + r) if p and r else None
        print(f"{label:<14}{tp + fn:>5}{tp:>5}{fp:>5}{fn:>5}{tn:>5}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f1):>8}")
        errors[label] = errs

    for label, errs in errors.items():
        for kind in ("FP", "FN"):
            print(f"\n=== {label}: {kind} ({len(errs[kind])}) ===")
            for i, text, hits, other in errs[kind]:
                print(f"[{i}] {text!r}")
                if hits:
                    print(f"     fired: {', '.join(hits)}")
                print(f"     all rule ids on item: {', '.join(other) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
