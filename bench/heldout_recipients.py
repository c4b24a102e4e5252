"""Score draftlint's recipient-aware checks on held-out cases their authors never saw.

Reads bench/heldout/recipients.yaml (items with `text`, `context` and five boolean
labels), builds a ``draftlint.Context`` from each item's `context` mapping, lints the text
with ``draftlint.lint_draft(text, context=ctx)`` (a plain string is a draft, so
placeholders count) and maps finding categories onto the labels:

    misspelled-name -> misspelled_name
    wrong-name      -> wrong_name
    name-drop       -> name_drop
    group-note      -> group_note
    placeholder     -> placeholder

Prints item-level precision / recall / F1 per label and lists every false positive and
false negative with the rule ids that fired and the first 100 characters of the text.
With ``--json OUT`` the same figures and error lists are also written to OUT.

Usage: python bench/heldout_recipients.py [path/to/cases.yaml] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

import draftlint

LABELS: dict[str, frozenset[str]] = {
    "misspelled_name": frozenset({"misspelled-name"}),
    "wrong_name": frozenset({"wrong-name"}),
    "name_drop": frozenset({"name-drop"}),
    "group_note": frozenset({"group-note"}),
    "placeholder": frozenset({"placeholder"}),
}

DEFAULT_CASES = Path(__file__).resolve().parent / "heldout" / "recipients.yaml"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _snippet(text: str, width: int = 100) -> str:
    return text[:width].replace("\n", "\\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--json", dest="json_out", type=Path, metavar="OUT",
                        help="also write the figures and error lists to OUT")
    args = parser.parse_args(argv)

    items = yaml.safe_load(args.cases.read_text(encoding="utf-8"))["items"]

    results = []  # (index, item, {label: [hits]}, [all rule ids])
    for i, item in enumerate(items, 1):
        ctx = draftlint.Context.model_validate(item.get("context") or {})
        report = draftlint.lint_draft(item["text"], context=ctx)
        fired: dict[str, list[str]] = {label: [] for label in LABELS}
        for f in report.findings:
            for label, cats in LABELS.items():
                if f.category in cats:
                    fired[label].append(f"{f.rule_id}({f.excerpt!r})")
        failures = [f"{c.rule_id}: {c.error}" for c in report.failures]
        other = sorted({f.rule_id for f in report.findings})
        results.append((i, item, fired, other, failures))

    print(f"cases: {args.cases.name}  items: {len(items)}\n")
    print(f"{'label':<17}{'pos':>5}{'neg':>5}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}"
          f"{'prec':>8}{'recall':>8}{'F1':>8}")
    summary: dict[str, dict] = {}
    for label in LABELS:
        tp = fp = fn = tn = 0
        errs: dict[str, list[dict]] = {"FP": [], "FN": []}
        for i, item, fired, other, _ in results:
            gold = bool(item[label])
            pred = bool(fired[label])
            entry = {"item": i, "text": _snippet(item["text"]), "fired": fired[label],
                     "rule_ids": other}
            if gold and pred:
                tp += 1
            elif pred:
                fp += 1
                errs["FP"].append(entry)
            elif gold:
                fn += 1
                errs["FN"].append(entry)
            else:
                tn += 1
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = 2 * p * r / (p + r) if p and r else None
        print(f"{label:<17}{tp + fn:>5}{fp + tn:>5}{tp:>5}{fp:>5}{fn:>5}{tn:>5}"
              f"{_fmt(p):>8}{_fmt(r):>8}{_fmt(f1):>8}")
        summary[label] = {"positives": tp + fn, "negatives": fp + tn, "tp": tp, "fp": fp,
                          "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": f1,
                          "errors": errs}

    for label, figures in summary.items():
        for kind in ("FP", "FN"):
            errs = figures["errors"][kind]
            print(f"\n=== {label}: {kind} ({len(errs)}) ===")
            for e in errs:
                print(f"[{e['item']}] {e['text']}")
                if e["fired"]:
                    print(f"     fired: {', '.join(e['fired'])}")
                print(f"     all rule ids on item: {', '.join(e['rule_ids']) or '-'}")

    crashed = [(i, fl) for i, _, _, _, fl in results if fl]
    if crashed:
        print(f"\n=== check failures ({len(crashed)} items) ===")
        for i, fl in crashed:
            print(f"[{i}] {'; '.join(fl)}")

    if args.json_out:
        payload = {
            "cases": args.cases.name,
            "items": len(items),
            "tool_version": getattr(draftlint, "__version__", ""),
            "labels": summary,
            "check_failures": [{"item": i, "failures": fl} for i, fl in crashed],
        }
        args.json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
