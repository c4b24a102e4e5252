"""Inline suppressions, baselines and configuration discovery, as a user meets them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from draftlint import lint_draft
from draftlint.cli import main

NUDGE = "I still haven't heard back"
CALL = "Please call me back"
NOTE = (
    "Hi Dana,\n\nThank you for the conversation on Monday about the analytics role. "
    "I enjoyed hearing how your team plans the spring migration.\n"
)


def rules(text: str) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in lint_draft(text).findings if f.category in ("impatience", "call-me-back")]


def test_disable_and_enable_bound_a_region() -> None:
    text = (
        f"{NOTE}<!-- draftlint: disable impatience -- agreed with the recruiter -->\n"
        f"{NUDGE}.\n<!-- draftlint: enable -->\n{NUDGE}.\n"
    )
    found = rules(text)
    assert [rule for rule, _ in found if rule.startswith("DL1")] and all(line == 7 for _, line in found)


def test_disable_next_line_only_covers_the_next_line() -> None:
    text = f"{NOTE}{{# draftlint: disable-next-line=DL201 #}}\n{CALL}.\n{CALL}.\n"
    assert [(r, l) for r, l in rules(text) if r == "DL201"] == [("DL201", 6)]


def test_disable_file_covers_everything_for_its_keys_only() -> None:
    text = f"<!-- draftlint: disable-file call-me-back -->\n{NOTE}{CALL}.\n{NUDGE}.\n"
    found = rules(text)
    assert not [r for r, _ in found if r.startswith("DL2")]
    assert [r for r, _ in found if r.startswith("DL1")]


def test_directives_are_masked_not_linted() -> None:
    text = f"{NOTE}<!-- draftlint: disable DL201 -- {CALL} -->\n"
    assert rules(text) == []


def test_unused_suppressions_are_reported_and_fail_the_run(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"{NOTE}<!-- draftlint: disable DL201 -->\nThanks again.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--no-config", "--fail-on", "error", str(path)], stdout=out, stderr=err) == 0
    out, err = io.StringIO(), io.StringIO()
    code = main(["--no-config", "--fail-on", "error", "--warn-unused-suppressions", str(path)], stdout=out, stderr=err)
    assert code == 1
    assert f"{path}:4:1: unused suppression" in err.getvalue()


def test_baseline_hides_recorded_findings_and_survives_edits_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"{NOTE}{NUDGE}.\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert main(["--no-config", "--write-baseline", str(baseline), str(path)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    # An edit above the old finding moves it; the baseline still matches it.
    path.write_text(f"Hello again.\n\n{NOTE}{NUDGE}.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["--no-config", "--fail-on", "warning", "--baseline", str(baseline), "--select", "impatience", str(path)], stdout=out, stderr=io.StringIO()) == 0
    # A new problem is still reported.
    path.write_text(f"{NOTE}{NUDGE}.\n{NUDGE} from anyone.\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["--no-config", "--baseline", str(baseline), "--select", "impatience", str(path)], stdout=out, stderr=io.StringIO()) == 1
    assert f"{path}:5:1:" in out.getvalue()  # the second occurrence is the new one


def test_a_broken_baseline_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text("not json", encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    err = io.StringIO()
    assert main(["--no-config", "--baseline", str(bad), str(note)], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and str(bad) in err.getvalue()


@pytest.mark.parametrize("name", ["draftlint.toml", "pyproject.toml"])
def test_config_is_found_upward_from_the_linted_path(tmp_path: Path, name: str) -> None:
    body = 'ignore = ["impatience"]\n'
    (tmp_path / name).write_text(body if name == "draftlint.toml" else f"[tool.draftlint]\n{body}", encoding="utf-8")
    sub = tmp_path / "notes" / "2026"
    sub.mkdir(parents=True)
    note = sub / "a.txt"
    note.write_text(f"{NOTE}{NUDGE}.\n", encoding="utf-8")
    out = io.StringIO()
    main(["--select", "DL1", str(note)], stdout=out, stderr=io.StringIO())
    assert "impatience" not in out.getvalue()
    out = io.StringIO()
    main(["--no-config", "--select", "DL1", str(note)], stdout=out, stderr=io.StringIO())
    assert "impatience" in out.getvalue()


def test_a_bad_discovered_config_names_the_key_and_file(tmp_path: Path) -> None:
    (tmp_path / "draftlint.toml").write_text("fail_onn = 'error'\n", encoding="utf-8")
    note = tmp_path / "a.txt"
    note.write_text(NOTE, encoding="utf-8")
    err = io.StringIO()
    assert main([str(note)], stdout=io.StringIO(), stderr=err) == 2
    assert "fail_onn" in err.getvalue() and "draftlint.toml" in err.getvalue()


def test_presets_and_per_path_overrides(tmp_path: Path) -> None:
    (tmp_path / "draftlint.toml").write_text(
        'extends = "relaxed"\n'
        '[[overrides]]\nfiles = ["archive/*"]\nignore = ["impatience"]\n',
        encoding="utf-8",
    )
    (tmp_path / "archive").mkdir()
    old = tmp_path / "archive" / "old.txt"
    new = tmp_path / "new.txt"
    for path in (old, new):
        path.write_text(f"{NOTE}{NUDGE}.\n", encoding="utf-8")
    out = io.StringIO()
    # relaxed fails only on errors: the impatience warning is shown but exits 0.
    assert main([str(tmp_path)], stdout=out, stderr=io.StringIO()) == 0
    shown = out.getvalue()
    assert f"{new}:4:1: warning DL101" in shown
    # The override drops impatience for the archive only.
    assert not [line for line in shown.splitlines() if line.startswith(f"{old}:") and "DL101" in line]


def test_an_unknown_preset_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "draftlint.toml").write_text('extends = "lenient"\n', encoding="utf-8")
    note = tmp_path / "a.txt"
    note.write_text(NOTE, encoding="utf-8")
    err = io.StringIO()
    assert main([str(note)], stdout=io.StringIO(), stderr=err) == 2
    assert "extends" in err.getvalue() and "lenient" in err.getvalue()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[rules.DL501]\nbudgetz = { thank-you = 150 }\n", "rules.DL501.budgetz: unknown option; options there: budgets"),
        ("[rules.DL501]\nbudgets = 150\n", "rules.DL501.budgets: expected dict, got int"),
        ("[rules.DL101]\nmax-words = 3\n", "rules.DL101.max-words: unknown option; those rules take no options"),
    ],
)
def test_per_rule_options_are_checked_and_the_file_is_named(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "draftlint.toml").write_text(table, encoding="utf-8")
    note = tmp_path / "a.txt"
    note.write_text(NOTE, encoding="utf-8")
    err = io.StringIO()
    assert main([str(note)], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().count("\n") == 1
    assert f"draftlint.toml: {message}" in err.getvalue()


def test_an_override_that_drops_copy_paste_for_some_files_keeps_the_batch_whole(tmp_path: Path) -> None:
    (tmp_path / "draftlint.toml").write_text('[[overrides]]\nfiles = ["old/*"]\nignore = ["copy-paste"]\n', encoding="utf-8")
    (tmp_path / "old").mkdir()
    body = (
        "Thank you for walking me through the warehouse routing project on Monday. The way your "
        "team replans every route each night was impressive, and my logistics work at Tidewater "
        "fits it well. I remain keen on the role and will check in next week.\n"
    )
    (tmp_path / "old" / "a.txt").write_text("Hi Ruth,\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hi Tom,\n" + body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    main(["--format", "json", str(tmp_path)], stdout=out, stderr=err)
    assert "Traceback" not in err.getvalue()
    assert "DL430" in out.getvalue()  # b.txt still copies old/a.txt
