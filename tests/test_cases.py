"""Case files (``tests/cases/*.yaml``): drafts with the findings they must produce.

Each file names the categories it covers; for every case the set of (rule id, excerpt)
findings in those categories must equal ``expect`` exactly: no misses and no extras.
Offsets and message wording are covered elsewhere, so edits to wording never break
these.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from draftlint import Context, lint_draft

CASE_DIR = Path(__file__).parent / "cases"


def _load() -> list:
    params = []
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = srsly.read_yaml(path)
        categories = data.get("categories") or [data["category"]]
        for case in data["cases"]:
            params.append(pytest.param(path.stem, set(categories), case, id=f"{path.stem}-{case['name']}"))
    return params


CASES = _load()


def test_case_names_are_unique() -> None:
    ids = [p.id for p in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("file", "categories", "case"), CASES)
def test_case(file: str, categories: set[str], case: dict) -> None:
    context = Context.model_validate(case["context"]) if case.get("context") else None
    report = lint_draft(case["draft"], context=context, kind=case.get("kind", "auto"))
    got = sorted((f.rule_id, f.excerpt) for f in report.findings if f.category in categories)
    want = sorted((e["rule"], e["excerpt"]) for e in case.get("expect") or [])
    assert got == want
