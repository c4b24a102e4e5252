"""The fuzz run: the hypothesis properties of ``test_properties.py`` and the targets of
``bench/fuzz.py`` with a large example budget.

Not part of the default run (``-m "not fuzz"`` in the pytest options); run it with::

    python -m pytest -m fuzz                              # 2,000 examples a property
    DRAFTLINT_FUZZ_EXAMPLES=20000 python -m pytest -m fuzz

Each property is the same test body as in ``test_properties.py`` (its
``hypothesis.inner_test``) under a fresh ``@given`` with the same strategies, so the
default run keeps its small budget.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_properties as props

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("DRAFTLINT_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

header = props.header_value
charsets = st.sampled_from(["utf-8", "iso-8859-1", "x-unknown"])
#: Each property of test_properties.py with the strategies its @given draws from.
PROPERTIES: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "offsets_slice_the_text": (props.test_offsets_slice_the_text, (props.texts,)),
    "never_raises_and_offsets_index_each_part": (
        props.test_never_raises_and_offsets_index_each_part,
        (props.texts, st.sampled_from(["auto", "text", "markdown", "eml"])),
    ),
    "never_raises_on_arbitrary_bytes": (props.test_never_raises_on_arbitrary_bytes, (st.binary(max_size=600),)),
    "mail_offsets_index_the_decoded_parts": (props.test_mail_offsets_index_the_decoded_parts, (props.mails(),)),
    "deterministic_and_sorted": (props.test_deterministic_and_sorted, (st.one_of(props.texts, props.mails()),)),
    "json_round_trip": (
        props.test_json_round_trip,
        (st.one_of(props.drafts(surrogates=False), props.encodable_text, props.mails()),),
    ),
    "json_round_trip_with_lone_surrogates": (props.test_json_round_trip_with_lone_surrogates, (props.drafts(),)),
    "lf_and_crlf_give_the_same_rule_ids": (props.test_lf_and_crlf_give_the_same_rule_ids, (props.lf_texts,)),
    "bytes_give_the_same_findings_as_str": (
        props.test_bytes_give_the_same_findings_as_str,
        (st.one_of(props.encodable_text, props.drafts(surrogates=False)),),
    ),
    "quoted_text_is_never_linted": (
        props.test_quoted_text_is_never_linted,
        (props.drafts(newlines=("\n", "\r\n")), st.sampled_from(props.BAD)),
    ),
    "never_raises_on_mail_with_odd_headers": (
        props.test_never_raises_on_mail_with_odd_headers,
        (header, header, header, header, charsets),
    ),
}


def test_every_property_is_fuzzed() -> None:
    defined = {name.removeprefix("test_") for name, value in vars(props).items()
               if name.startswith("test_") and hasattr(value, "hypothesis")}
    assert defined == set(PROPERTIES)


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property(name: str) -> None:
    prop, strategies = PROPERTIES[name]
    FUZZ(given(*strategies)(prop.hypothesis.inner_test))()


def _bench_fuzz() -> Any:
    path = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("draftlint_bench_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _bench_fuzz()


@pytest.mark.parametrize("target", sorted(bench.TARGETS))
def test_fuzz_target(target: str) -> None:
    examples = max(1, EXAMPLES // bench.SCALE.get(target, 1))
    tally = bench.fuzz(target, examples, seed=None, hang_seconds=10.0)
    assert tally.crash == "", tally.crash
    assert tally.hangs == 0, tally.hung
    assert tally.inputs >= examples
