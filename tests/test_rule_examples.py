"""Every rule's own examples run as tests: each bad one triggers the rule, no good one does."""

from __future__ import annotations

import pytest

from draftlint import lint_draft, lint_drafts
from draftlint.engine import get_linter

CATALOGUE = get_linter().catalogue
CASES = [
    pytest.param(rule.id, verdict, text, id=f"{rule.id}-{verdict}-{i}")
    for rule in CATALOGUE.rules
    for verdict in ("bad", "good")
    for i, text in enumerate(getattr(rule.examples, verdict))
]


#: Batch rules compare documents: their examples separate documents with this line.
SEPARATOR = "\n%%%%%\n"


@pytest.mark.parametrize(("rule_id", "verdict", "text"), CASES)
def test_rule_example(rule_id: str, verdict: str, text: str) -> None:
    if CATALOGUE.get(rule_id).kind == "batch":
        documents = text.split(SEPARATOR)
        assert len(documents) > 1, f"{rule_id}: a batch example needs several documents"
        found = [f for _, f in lint_drafts(documents).findings if f.rule_id == rule_id]
    else:
        found = [f for f in lint_draft(text).findings if f.rule_id == rule_id]
    if verdict == "bad":
        assert found, f"{rule_id} should flag: {text!r}"
    else:
        assert not found, f"{rule_id} should not flag {[f.excerpt for f in found]} in: {text!r}"
