"""The ``draftlint`` command, run in-process through :func:`draftlint.cli.main`.

Exit codes: 0 when nothing reaches ``--fail-on`` (default warning), 1 when something
does, 2 for usage, configuration and input errors (one line naming the file, never a
traceback).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from draftlint import Report, __version__
from draftlint.cli import main
from draftlint.engine import get_linter

from samples import BAD, BAD_LINE, CLEAN, IMPATIENT, OTHER  # noqa: E402


from helpers import run  # noqa: E402


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    return {"clean": clean, "bad": bad}


# -- exit codes ------------------------------------------------------------------------


def test_clean_file_exits_0(files: dict[str, Path]) -> None:
    result = run(files["clean"])
    assert result.code == 0, result
    assert "0 findings" in result.out
    assert result.err == ""


def test_findings_exit_1(files: dict[str, Path]) -> None:
    result = run(files["bad"])
    assert result.code == 1
    assert IMPATIENT in result.out


def test_fail_on_error_and_never(files: dict[str, Path]) -> None:
    # The impatience finding is a warning: below "error", so exit 0; "never" always 0.
    assert run("--fail-on", "error", files["bad"]).code == 0
    assert run("--fail-on", "never", files["bad"]).code == 0
    assert run("--fail-on", "info", files["bad"]).code == 1
    assert run("--fail-on", "warning", files["bad"]).code == 1


def test_fail_on_from_config_file(files: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "draftlint.toml"
    config.write_text('fail-on = "never"\n', encoding="utf-8")
    assert run("--config", config, files["bad"]).code == 0
    assert run("--config", config, "--fail-on", "warning", files["bad"]).code == 1


def test_missing_file_exits_2_and_other_files_are_still_linted(files: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run(files["bad"], missing, files["clean"])
    assert result.code == 2
    both = result.out + result.err
    assert "Traceback" not in both
    naming = [line for line in both.splitlines() if str(missing) in line]
    assert len(naming) == 1, both
    assert IMPATIENT in result.out  # bad.txt was linted and reported
    assert f"{files['bad']}:{BAD_LINE}:1" in result.out


def test_missing_file_in_json_mode(files: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("--format", "json", files["bad"], missing)
    assert result.code == 2
    payload = json.loads(result.out)
    assert [e["origin"] for e in payload["errors"]] == [str(missing)]
    assert [r["origin"] for r in payload["reports"]] == [str(files["bad"])]
    assert str(missing) in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    "argv",
    [[], ["--bogus-option", "x.txt"], ["--format", "xml", "x.txt"], ["--fail-on", "sometimes", "x.txt"], ["explain"]],
    ids=["no-paths", "bad-option", "bad-format", "bad-fail-on", "explain-without-id"],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 2
    assert result.err.startswith("draftlint: ")
    assert "Traceback" not in result.err
    assert result.out == ""


def test_bad_config_exits_2_naming_key_and_file(files: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "draftlint.toml"
    config.write_text('fail-on = "warning"\nsevirity = "error"\n', encoding="utf-8")
    result = run("--config", config, files["bad"])
    assert result.code == 2
    assert "sevirity" in result.err and str(config) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_config_that_is_not_toml_exits_2(files: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "draftlint.toml"
    config.write_text("fail-on = [unclosed\n", encoding="utf-8")
    result = run("--config", config, files["bad"])
    assert result.code == 2 and str(config) in result.err


def test_missing_config_file_exits_2(files: dict[str, Path], tmp_path: Path) -> None:
    result = run("--config", tmp_path / "nope.toml", files["bad"])
    assert result.code == 2 and "nope.toml" in result.err


# -- output ----------------------------------------------------------------------------


def test_json_format_parses_and_each_report_validates(files: dict[str, Path], tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    result = run("--format", "json", files["bad"], other)
    assert result.code == 1
    payload = json.loads(result.out)
    assert payload["schema_version"] == 1
    assert payload["tool_version"] == __version__
    reports = [Report.model_validate(r) for r in payload["reports"]]
    assert [r.origin for r in reports] == [str(files["bad"]), str(other)]
    assert [f.excerpt for f in reports[0].findings if f.category == "impatience"] == [IMPATIENT]
    assert reports[1].findings == ()
    assert payload["errors"] == []


def test_text_format_shows_location_caret_and_suggestion(files: dict[str, Path]) -> None:
    result = run(files["bad"])
    lines = result.out.splitlines()
    (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{files['bad']}:{BAD_LINE}:1:")]
    header = lines[index]
    assert re.search(r": warning DL1\d\d impatience\.[a-z-]+: ", header), header
    assert lines[index + 1].rstrip().endswith(f"{IMPATIENT} about next steps.")
    caret = lines[index + 2]
    gutter = lines[index + 1].index(IMPATIENT)
    assert caret[gutter:].rstrip() == "^" * len(IMPATIENT)
    assert any("suggestion" in line for line in lines[index + 3 : index + 5])
    headers = [line for line in lines if line.startswith(f"{files['bad']}:")]
    assert re.fullmatch(rf"{len(headers)} findings? \(.*\) in 1 file", lines[-1]), lines[-1]


def test_quiet_omits_source_and_caret(files: dict[str, Path]) -> None:
    result = run("--quiet", files["bad"])
    assert result.code == 1
    assert f"{files['bad']}:{BAD_LINE}:1:" in result.out
    assert "^" not in result.out
    assert "suggestion" not in result.out


def test_context_flags(files: dict[str, Path]) -> None:
    result = run(
        "--interviewer", "Katherine O'Neil", "--interviewer", "Sam Ortiz",
        "--company", "Brightwave Analytics", "--stage", "thank-you", "--format", "json", files["bad"],
    )
    assert result.code == 1
    (report,) = json.loads(result.out)["reports"]
    assert [f["excerpt"] for f in report["findings"] if f["category"] == "impatience"] == [IMPATIENT]
    bad_stage = run("--stage", "whenever", files["bad"])
    assert bad_stage.code == 2 and "whenever" in bad_stage.err


def test_context_file(files: dict[str, Path], tmp_path: Path) -> None:
    context = tmp_path / "context.yaml"
    context.write_text("interviewers: [Katherine O'Neil]\ncompany: Brightwave Analytics\nstage: follow-up\n")
    result = run("--context", context, files["bad"])
    assert result.code == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text("stage: whenever\n")
    result = run("--context", broken, files["bad"])
    assert result.code == 2
    assert str(broken) in result.err and "stage" in result.err
    assert "Traceback" not in result.err


def test_bad_interview_date_flag_exits_2(files: dict[str, Path]) -> None:
    result = run("--interview-date", "sometime in May", files["bad"])
    assert result.code == 2
    assert "interview_date" in result.err or "interview-date" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_stdin(files: dict[str, Path]) -> None:
    result = run("-", stdin=BAD.encode("utf-8"))
    assert result.code == 1
    assert f"<stdin>:{BAD_LINE}:1:" in result.out
    assert run("-", stdin=CLEAN.encode("utf-8")).code == 0


def test_stdin_mail(files: dict[str, Path]) -> None:
    mail = (
        "From: Leo <leo@example.net>\nTo: Pat Doe <pat@example.com>\nSubject: Thanks\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + BAD
    ).encode("utf-8")
    result = run("--format", "json", "-", stdin=mail)
    (report,) = json.loads(result.out)["reports"]
    assert report["kind"] == "eml" and report["origin"] == "<stdin>"
    assert result.code == 1


def test_directories_expand_to_drafts(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(BAD, encoding="utf-8")
    (folder / "nested" / "b.md").write_text(CLEAN, encoding="utf-8")
    (folder / "c.eml").write_bytes(
        ("From: Leo <leo@example.net>\nTo: Pat <pat@example.com>\nSubject: Hi\n\n" + CLEAN).encode()
    )
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 " + IMPATIENT.encode())
    (folder / "script.py").write_text(f"# {IMPATIENT}\n", encoding="utf-8")
    result = run("--format", "json", folder)
    origins = sorted(r["origin"] for r in json.loads(result.out)["reports"])
    assert origins == sorted(str(p) for p in (folder / "a.txt", folder / "nested" / "b.md", folder / "c.eml"))
    assert result.code == 1


def test_select_and_ignore(files: dict[str, Path]) -> None:
    rule_id = json.loads(run("--format", "json", files["bad"]).out)["reports"][0]["findings"][0]["rule_id"]
    others = [r.id for r in get_linter().catalogue.rules if r.id != rule_id]

    ignored = run("--ignore", rule_id, "--format", "json", files["bad"])
    assert rule_id not in [f["rule_id"] for f in json.loads(ignored.out)["reports"][0]["findings"]]

    selected = run("--select", rule_id, "--format", "json", files["bad"])
    assert {f["rule_id"] for f in json.loads(selected.out)["reports"][0]["findings"]} == {rule_id}
    assert selected.code == 1

    if others:
        elsewhere = run("--select", others[0], "--fail-on", "info", files["bad"])
        assert rule_id not in elsewhere.out

    unknown = run("--select", "ZZ999", files["bad"])
    assert unknown.code == 2 and "ZZ999" in unknown.err


# -- subcommands -----------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.code == 0
    listed = [line.split()[0] for line in result.out.splitlines() if line.strip()]
    assert listed == [r.id for r in get_linter().catalogue.rules]
    as_json = json.loads(run("rules", "--format", "json").out)
    assert [r["id"] for r in as_json] == listed


def test_explain_prints_explanation_and_advice() -> None:
    rule = get_linter().catalogue.rules[0]
    result = run("explain", rule.id)
    assert result.code == 0
    assert result.out.startswith(f"{rule.id} {rule.name}")
    assert " ".join(rule.explanation.split()) in " ".join(result.out.split())
    for source in rule.sources:
        assert source in result.out
    by_name = run("explain", rule.name)
    assert by_name.code == 0 and by_name.out == result.out
    assert run("explain", rule.id.lower()).out == result.out


def test_explain_unknown_rule_exits_2() -> None:
    result = run("explain", "NOPE")
    assert result.code == 2
    assert "NOPE" in result.err
    assert result.out == ""


def test_version() -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"draftlint {__version__}"


def test_help() -> None:
    result = run("--help")
    assert result.code == 0
    assert "--fail-on" in result.out


def test_python_dash_m_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "draftlint", "--version"], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"draftlint {__version__}"


def test_progress_bar_shows_on_a_terminal_for_long_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import draftlint.cli as cli

    monkeypatch.setattr(cli, "PROGRESS_FROM", 3)
    for i in range(4):
        (tmp_path / f"n{i}.txt").write_text(f"Thank you for the chat about project {i}.\n", encoding="utf-8")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    cli.main(["--no-config", "--no-color", str(tmp_path)], stdout=io.StringIO(), stderr=err)
    assert "linting" in err.getvalue()
    quiet = io.StringIO()
    cli.main(["--no-config", str(tmp_path)], stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""


# -- standard input and --fix in a batch -----------------------------------------------


class _Endless(io.RawIOBase):
    """A byte stream far longer than any limit, counting the bytes it hands out."""

    def __init__(self, total: int) -> None:
        self.left = total
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        count = min(len(buffer), self.left)
        buffer[:count] = b"a" * count
        self.left -= count
        self.served += count
        return count


def test_stdin_over_the_limit_is_read_only_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_MAX_BYTES", "1000")
    stream = _Endless(64 * 1024 * 1024)
    out, err = io.StringIO(), io.StringIO()
    code = main(["-"], stdout=out, stderr=err, stdin=io.TextIOWrapper(io.BufferedReader(stream)))
    assert code == 2
    assert err.getvalue().splitlines() == [
        "draftlint: error: <stdin>: input is over the 1,000-byte limit "
        "(set --max-bytes, max-bytes in the config or DRAFTLINT_MAX_BYTES to change it)"
    ]
    assert stream.served < 1000 + 64 * 1024  # the limit and one buffer, not 64 MiB


def test_stdin_input_error_does_not_stop_the_other_files(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_MAX_BYTES", "500")
    result = run("--format", "json", files["bad"], "-", stdin=BAD.encode() * 10)
    assert result.code == 2
    payload = json.loads(result.out)
    assert [r["origin"] for r in payload["reports"]] == [str(files["bad"])]
    assert [e["origin"] for e in payload["errors"]] == ["<stdin>"]
    assert payload["errors"][0]["message"].startswith("input is over the 500-byte limit")
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("draftlint: error: <stdin>: input is over"), result.err
    text = run("-", files["bad"], stdin=BAD.encode() * 10)
    assert text.code == 2 and f"{files['bad']}:{BAD_LINE}:1:" in text.out  # linted and reported


MISSPELLED = "Dear Kathrine,\n\nThank you for meeting me on Tuesday.\n"
NAMES = ("--interviewer", "Katherine O'Neil")


def test_a_failed_fix_write_does_not_stop_the_fixes_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path in (first, second):
        path.write_text(MISSPELLED, encoding="utf-8")
    replace = os.replace

    def failing_for_first(source: str, target: str | Path) -> None:
        if Path(target) == first:
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", failing_for_first)
    result = run(*NAMES, "--fix", first, second)
    assert result.code == 2
    assert first.read_text(encoding="utf-8") == MISSPELLED  # left as it was
    assert second.read_text(encoding="utf-8") == MISSPELLED.replace("Kathrine", "Katherine")
    assert "Traceback" not in result.out + result.err
    errors = [line for line in result.err.splitlines() if line.startswith("draftlint: error:")]
    assert errors == [f"draftlint: error: {first}: cannot write the fixes, file left unchanged: No space left on device"]
    assert "applied 1 safe fix" in result.err
    assert f"{first}:1:6:" in result.out  # what is left is still reported
