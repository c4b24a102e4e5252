"""Safety: no network, no code from rule files or drafts, nothing imported from the
working directory, and ``--fix`` writes only the named files, atomically.

Processes that must start clean (sockets blocked before draftlint is imported, a
working directory full of planted modules) run as child processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from draftlint import Config, RuleFileError, lint_draft

from helpers import DEMO_RULE, run  # noqa: E402

NOTE = "Dear Kathrine,\n\nThank you for meeting me at Brightwave Analytcs on Tuesday.\nI still haven't heard back.\n"
FIXED = NOTE.replace("Kathrine", "Katherine").replace("Analytcs", "Analytics")
CONTEXT = ["--interviewer", "Katherine O'Neil", "--company", "Brightwave Analytics"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(extra)
    return env


def _python(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=_env(**env), capture_output=True, text=True,
                          timeout=300, check=False)


# -- (a) no network at import or lint time ---------------------------------------------

NO_NETWORK = textwrap.dedent(
    """
    import socket, sys

    attempts = []

    # Reaching out, not merely making a socket: importing spaCy imports requests, whose
    # urllib3 binds a socket to ::1 to learn whether IPv6 is there.
    OUTBOUND = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                "socket.sendto", "socket.sendmsg", "urllib.Request", "ftplib.connect", "smtplib.connect",
                "webbrowser.open"}

    def audit(event, args):
        if event in OUTBOUND:
            attempts.append(event)
            raise PermissionError(f"network blocked by the test: {event}")

    def refuse(*args, **kwargs):
        attempts.append("call")
        raise PermissionError("network blocked by the test")

    sys.addaudithook(audit)
    socket.socket.connect = socket.socket.connect_ex = refuse
    socket.getaddrinfo = socket.gethostbyname = socket.create_connection = refuse

    import email.message
    import draftlint
    from draftlint import Context, lint_draft, lint_paths
    from draftlint.cli import main

    reports = [
        lint_draft("Hi Pat,\\n\\nThank you for Tuesday. I still haven't heard back. Please call me back "
                   "ASAP!!! Ultimately, organisational considerations notwithstanding, "
                   "I remain enthusiastic.\\n\\nBest regards,\\nLeo\\n",
                   context=Context(interviewers=["Pat Doe"], company="Brightwave")),
        lint_draft(b"From: Leo <leo@example.net>\\nTo: Pat <pat@example.com>\\nSubject: Thanks\\n"
                   b"Content-Type: text/html\\n\\n<p>I still haven't heard back.</p>"),
        lint_draft("---\\ninterviewers: [Pat Doe]\\nstage: thank-you\\n---\\nDear {{ name }}, thanks!\\n",
                   kind="template"),
    ]
    assert reports[0].stats.readability_grade is not None, reports[0].stats
    batch = lint_paths(sys.argv[1:])
    code = main(["--format", "json", *sys.argv[1:]])
    for command in (["rules"], ["explain", "DL101"], ["schema"]):
        main(command)
    print("ATTEMPTS", attempts, "CODE", code, "REPORTS", len(batch.reports), file=sys.stderr)
    """
)


def test_no_network_at_import_or_lint_time(tmp_path: Path) -> None:
    for name, text in [("a.txt", NOTE), ("b.md", "---\nstage: thank-you\n---\n" + NOTE), ("c.txt", NOTE * 3)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = _python(["-c", NO_NETWORK, "a.txt", "b.md", "c.txt"], cwd=tmp_path)
    summary = [line for line in done.stderr.splitlines() if line.startswith("ATTEMPTS")]
    assert summary == ["ATTEMPTS [] CODE 1 REPORTS 3"], done.stderr[-3000:]


# -- (b) rule files and drafts can never run code ----------------------------------------

RULE = DEMO_RULE
TAGS = {
    "apply": "!!python/object/apply:builtins.open [{marker!r}, 'w']",
    "new": "!!python/object/new:builtins.open [{marker!r}, 'w']",
    "name": "!!python/name:os.system",
    "module": "!!python/module:os",
    "object": "!!python/object:pathlib.PosixPath {{}}",
}


@pytest.mark.parametrize("tag", list(TAGS.values()), ids=list(TAGS))
def test_rule_files_with_python_tags_are_refused_at_load_time(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "PWNED"
    rules = tmp_path / "team-rules"
    rules.mkdir()
    rule = rules / "XY901-demo.yaml"
    rule.write_text(RULE + "phrases: " + tag.format(marker=str(marker)) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="could not determine a constructor") as caught:
        lint_draft("asap please", config=Config(rule_dirs=(rules,)))
    assert str(caught.value).startswith(f"{rule}: not valid YAML")
    (tmp_path / "draftlint.toml").write_text('rule-dirs = ["team-rules"]\n', encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("asap please\n", encoding="utf-8")
    result = run(note)
    assert result.code == 2 and str(rule) in result.err
    assert not marker.exists()


@pytest.mark.parametrize("tag", [TAGS["apply"], TAGS["new"]], ids=["apply", "new"])
def test_front_matter_and_context_files_never_run_code(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "PWNED"
    value = tag.format(marker=str(marker))
    draft = f"---\ninterviewers: {value}\n---\nThank you for Tuesday. I still haven't heard back.\n"
    for kind in ("markdown", "template"):
        report = lint_draft(draft, kind=kind)  # type: ignore[arg-type]
        assert "DL101" in [f.rule_id for f in report.findings]
    context = tmp_path / "context.yaml"
    context.write_text(f"interviewers: {value}\n", encoding="utf-8")
    result = run("--context", context, "-", stdin=b"Thank you for Tuesday.\n")
    assert result.code == 2 and str(context) in result.err and "Traceback" not in result.err
    assert not marker.exists()


# -- (c) nothing is imported from the working directory ----------------------------------

PLANTED = ("draftlint", "spacy", "yaml", "srsly", "pydantic", "numpy", "rich", "pyphen", "datasketch", "vaderSentiment")
#: What pip writes as the ``draftlint`` console script (the shebang aside).
CONSOLE_SCRIPT = textwrap.dedent(
    """\
    import re
    import sys
    from draftlint.cli import main
    if __name__ == "__main__":
        sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
        sys.exit(main())
    """
)


def _plant(folder: Path, modules: tuple[str, ...] = PLANTED) -> None:
    """Modules that shadow draftlint and its dependencies, and a plugin distribution,
    each leaving a marker file if imported."""
    for name in modules:
        (folder / f"{name}.py").write_text(
            f"open({str(folder / ('IMPORTED-' + name))!r}, 'w').close()\nraise SystemExit(99)\n", encoding="utf-8"
        )
    (folder / "evil_check.py").write_text(
        f"open({str(folder / 'IMPORTED-evil_check')!r}, 'w').close()\ndef check(analysis, options):\n    return []\n",
        encoding="utf-8",
    )
    info = folder / "evil-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[draftlint.checks]\nDL101 = evil_check:check\n\n[draftlint.rules]\nevil = evil_check\n", encoding="utf-8"
    )
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")


def _imported(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("IMPORTED-*"))


def _console_scripts(tmp_path: Path) -> list[Path]:
    """The installed ``draftlint`` script if there is one, and a copy of what pip writes."""
    made = tmp_path / "bin" / "draftlint"
    made.parent.mkdir()
    made.write_text(CONSOLE_SCRIPT, encoding="utf-8")
    installed = Path(sysconfig.get_path("scripts")) / "draftlint"
    return [made, installed] if installed.is_file() else [made]


def test_console_script_imports_nothing_from_the_working_directory(tmp_path: Path) -> None:
    work = tmp_path / "untrusted"
    work.mkdir()
    _plant(work)
    for script in _console_scripts(tmp_path):
        done = _python([str(script), "--format", "json", "note.txt"], cwd=work)
        assert done.returncode == 1, (script, done.stderr[-2000:])
        assert _imported(work) == [], script
        assert "DL101" in {f["rule_id"] for f in json.loads(done.stdout)["reports"][0]["findings"]}


def test_python_safe_path_module_run_imports_nothing_from_the_working_directory(tmp_path: Path) -> None:
    # ``python -m draftlint`` puts the working directory first on sys.path (Python's
    # rule, before draftlint runs); -P (PYTHONSAFEPATH) is the documented safe form.
    work = tmp_path / "untrusted"
    work.mkdir()
    _plant(work)
    for args, env in ((["-P", "-m", "draftlint", "note.txt"], {}), (["-m", "draftlint", "note.txt"], {"PYTHONSAFEPATH": "1"})):
        done = _python(args, cwd=work, **env)
        assert done.returncode == 1, done.stderr[-2000:]
        assert _imported(work) == []


def test_a_distribution_planted_in_the_working_directory_is_not_a_plugin(tmp_path: Path) -> None:
    # Even where the working directory is on sys.path (python -m, python -c), a
    # *.dist-info folder found there does not make its entry points plugins.
    work = tmp_path / "untrusted"
    work.mkdir()
    _plant(work, modules=())
    done = _python(["-m", "draftlint", "--select", "DL101", "note.txt"], cwd=work)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "DL101" in done.stdout and _imported(work) == []
    listed = _python(["-c", "from draftlint.plugins import check_plugins, rule_pack_dirs; "
                            "print(check_plugins(), rule_pack_dirs())"], cwd=work)
    assert listed.returncode == 0 and "evil" not in listed.stdout, listed.stdout + listed.stderr
    assert _imported(work) == []


# -- (d) --fix writes only the named files, atomically -----------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "drafts"
    work.mkdir()
    for name in ("note.txt", "other.txt"):
        (work / name).write_text(NOTE, encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text(NOTE, encoding="utf-8")
    (work / "link.txt").symlink_to(outside)
    return work


def _snapshot(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        out[key] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes() if path.is_file() else "dir"
    return out


def test_fix_writes_only_the_named_file(folder: Path) -> None:
    root = folder.parent
    before = _snapshot(root)
    os.chmod(folder / "note.txt", 0o640)
    result = run(*CONTEXT, "--fix", folder / "note.txt", folder / "link.txt")
    assert "applied 2 safe fixes" in result.err
    assert result.code == 1  # the impatience line has no safe fix and is still reported
    after = _snapshot(root)
    assert after.pop("drafts/note.txt") == FIXED.encode()
    before.pop("drafts/note.txt")
    # The symbolic link (named) is not written through: its target lies outside.
    assert after == before
    assert (folder / "note.txt").stat().st_mode & 0o777 == 0o640


def test_fix_leaves_a_file_in_another_encoding_alone(folder: Path) -> None:
    note = folder / "note.txt"
    note.write_bytes(NOTE.encode("utf-16"))
    result = run(*CONTEXT, "--fix", note)
    assert result.code == 1 and "applied" not in result.err
    assert note.read_bytes() == NOTE.encode("utf-16")


@pytest.mark.parametrize("failure", ["replace", "fsync", "interrupt"])
def test_interrupted_fix_keeps_the_original(folder: Path, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    note = folder / "note.txt"
    original = note.read_bytes()
    assert "Katherine" in run(*CONTEXT, "--diff", note).out  # rules loaded and cached before the failure

    def broken(*args: object, **kwargs: object) -> None:
        if failure == "interrupt":
            raise KeyboardInterrupt
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync" if failure == "fsync" else "replace", broken)
    result = run(*CONTEXT, "--fix", note)
    assert note.read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == ["link.txt", "note.txt", "other.txt"]  # no temporary left
    assert "Traceback" not in result.out + result.err
    if failure == "interrupt":
        assert result.code == 130
    else:
        assert result.code == 2
        lines = result.err.strip().splitlines()
        assert lines == [f"draftlint: error: {note}: cannot write the fixes, file left unchanged: No space left on device"]


def test_fix_then_diff_previews_nothing_more(folder: Path) -> None:
    note = folder / "note.txt"
    assert run(*CONTEXT, "--fix", note).code == 1
    preview = run(*CONTEXT, "--diff", note)
    assert preview.code == 0 and preview.out == ""
    assert note.read_bytes() == FIXED.encode()
