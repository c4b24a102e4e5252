"""The hooks: ``.pre-commit-hooks.yaml`` run by the real ``pre-commit`` tool, and the
recipes of ``docs/hooks.md`` and ``examples/ci/`` run as written.

In the slow test a throwaway template repository uses this project (a committed
temporary copy of the working tree, so uncommitted work is what gets tested) as a hook
repository at an exact commit. ``pre-commit`` builds its own virtual environment and
pip-installs draftlint into it from that copy, with the dependencies from the package
index, then runs the hook over every file: it must fail naming the impatient template,
and pass once the template is fixed. Deselect it with ``-m "not slow"``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
INSTALL_TIMEOUT = 1800  # seconds: the first run creates a venv and installs spaCy & co.

CLEAN = """\
---
subject: Thank you for today
variables:
  interviewer: Pat
  role: support analyst
---
Hi {{ interviewer }},

Thank you for meeting with me today about the {{ role }} role. I enjoyed hearing how
your team is moving the help centre onto the new billing platform, and my payroll audit
work at Fernway fits the clean-up you described.

I am very interested in the role and will check in next Friday.
Thanks again for your time.

Best regards,
Leo
"""
BAD_SENTENCE = "I still haven't heard back, so I wanted to check where things stand."
GOOD_SENTENCE = "I wanted to say that I remain very keen on the role."
NUDGE = """\
---
subject: Checking in
variables:
  name: Dr. Okafor
  role: lab manager
---
Dear {{ name }},

I hope your week is going well. We spoke about the {{ role }} post on the 4th, when you
mentioned that the panel would meet mid-month. SENTENCE Since we met I finished the
freezer inventory course I mentioned, which fits the consolidation you described.

I will check in again after the panel meets on the 20th.

Kind regards,
Noor
"""


def _git_env(home: Path) -> dict[str, str]:
    """Git with a fixed identity and no user or system config; pre-commit's cache in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV", "PYTHON"))}
    env.pop("GITHUB_ACTIONS", None)
    env.update(
        GIT_AUTHOR_NAME="draftlint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="draftlint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _project_files() -> list[Path]:
    """The working tree's files as git sees them: tracked and new, minus ignored ones."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, timeout=120, check=False,
    )
    if listed.returncode != 0:
        pytest.skip(f"{ROOT} is not a git working tree: {listed.stderr.decode(errors='replace').strip()}")
    names = [n for n in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [Path(n) for n in names if (ROOT / n).is_file()]


def _hook_repo(dest: Path, env: dict[str, str]) -> str:
    """Copy the working tree to ``dest``, commit it, and return the commit hash."""
    for name in _project_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    _git(dest, env, "init", "-q")
    _git(dest, env, "add", "-A")
    _git(dest, env, "commit", "-q", "-m", "draftlint working tree under test")
    return _git(dest, env, "rev-parse", "HEAD").strip()


def _pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False,
    )


@pytest.mark.slow
def test_pre_commit_hook_fails_on_an_impatient_template_and_passes_once_fixed(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed; pre-commit needs it")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    home = tmp_path / "home"
    home.mkdir()
    env = _git_env(home)
    hooks = tmp_path / "draftlint-src"
    hooks.mkdir()
    rev = _hook_repo(hooks, env)
    assert (hooks / ".pre-commit-hooks.yaml").is_file()

    repo = tmp_path / "templates-repo"
    (repo / "templates").mkdir(parents=True)
    (repo / "templates" / "thank-you.md").write_text(CLEAN, encoding="utf-8")
    nudge = repo / "templates" / "nudge.md"
    nudge.write_text(NUDGE.replace("SENTENCE", BAD_SENTENCE), encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: draftlint\n",
        encoding="utf-8",
    )
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")

    failed = _pre_commit(repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "draftlint" in output and "Failed" in output, output
    assert "templates/nudge.md" in output, output
    assert "DL101" in output, output
    assert "templates/thank-you.md" not in output, output  # the clean template has no findings

    nudge.write_text(NUDGE.replace("SENTENCE", GOOD_SENTENCE), encoding="utf-8")
    _git(repo, env, "add", "-A")
    passed = _pre_commit(repo, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output, output


# -- the manifest, the CI example and the documented recipes ---------------------------


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    (hook,) = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "draftlint"
    assert hook["entry"] == "draftlint" and hook["language"] == "python"
    assert hook["require_serial"] is True
    assert hook["types_or"] == ["text"]
    files = re.compile(hook["files"])
    for name in ("templates/a.md", "a.txt", "inbox/b.eml", "c.j2", "d.jinja", "e.tmpl"):
        assert files.search(name), name
    for name in ("a.py", "a.md.bak", "pyproject.toml", "a.yml"):
        assert not files.search(name), name


def test_example_workflow_uploads_sarif_before_failing() -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["draftlint"]["steps"]
    lint = next(i for i, s in enumerate(steps) if "--format sarif" in s.get("run", ""))
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    fail = next(i for i, s in enumerate(steps) if "exit 1" in s.get("run", ""))
    assert lint < upload < fail
    assert "draftlint templates/ --format sarif > draftlint.sarif" in steps[lint]["run"]
    assert "|| code=$?" in steps[lint]["run"]  # the lint step itself never fails
    assert steps[upload]["with"]["sarif_file"] == "draftlint.sarif"
    assert "always()" in steps[upload]["if"]
    assert steps[fail]["if"] == "steps.lint.outputs.exit-code != '0'"


def _doc_script(marker: str) -> str:
    text = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
    (script,) = [b for b in blocks if marker in b]
    return script


def _draftlint_shim(folder: Path) -> dict[str, str]:
    """An environment whose PATH finds a ``draftlint`` that runs this interpreter's."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "draftlint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m draftlint "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "DRAFTLINT_SKIP", "DRAFTLINT_SENDMAIL")}
    env["PATH"] = f"{folder}{os.pathsep}{env.get('PATH', '')}"
    return env


MAIL = """\
From: Noor Haddad <noor@example.net>
To: Dr. Okafor <okafor@kestrel.example.com>
Subject: Lab manager post
Date: Mon, 16 Mar 2026 09:42:17 -0400
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Dr. Okafor,

I hope your week is going well. We spoke about the lab manager post on the 4th, when you
mentioned that the panel would meet mid-month. SENTENCE Since we met I finished the
freezer inventory course I mentioned, which fits the consolidation you described.

I will check in again after the panel meets on the 20th.

Kind regards,
Noor
"""


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell")
def test_documented_sendmail_wrapper_refuses_to_send_a_bad_message(tmp_path: Path) -> None:
    wrapper = tmp_path / "draftlint-sendmail"
    wrapper.write_text(_doc_script("draftlint-sendmail:"), encoding="utf-8")
    wrapper.chmod(0o755)
    delivered = tmp_path / "delivered"
    fake = tmp_path / "fake-sendmail"
    fake.write_text(f'#!/bin/sh\necho "$@" > "{delivered}.args"\ncat > "{delivered}"\n', encoding="utf-8")
    fake.chmod(0o755)
    env = _draftlint_shim(tmp_path / "bin")
    env["DRAFTLINT_SENDMAIL"] = f"{fake} -oi"

    def send(message: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            ["sh", str(wrapper), "ana@example.com"], input=message.encode(), env={**env, **extra},
            capture_output=True, timeout=300, check=False,
        )

    bad = MAIL.replace("SENTENCE", BAD_SENTENCE)
    refused = send(bad)
    assert refused.returncode == 1, refused
    assert b"DL101" in refused.stderr and b"not sent" in refused.stderr
    assert not delivered.exists()

    good = MAIL.replace("SENTENCE", GOOD_SENTENCE)
    sent = send(good)
    assert sent.returncode == 0, sent
    assert delivered.read_bytes() == good.encode()  # handed over untouched
    assert (tmp_path / "delivered.args").read_text().split() == ["-oi", "ana@example.com"]

    forced = send(bad, DRAFTLINT_SKIP="1")
    assert forced.returncode == 0, forced
    assert delivered.read_bytes() == bad.encode()


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("sh") is None, reason="needs git and sh")
def test_documented_git_hook_blocks_a_bad_commit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**_git_env(home), "PATH": _draftlint_shim(tmp_path / "bin")["PATH"]}
    repo = tmp_path / "repo"
    (repo / "templates").mkdir(parents=True)
    _git(repo, env, "init", "-q")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(_doc_script("pre-commit: block"), encoding="utf-8")
    hook.chmod(0o755)
    nudge = repo / "templates" / "nudge.md"
    nudge.write_text(NUDGE.replace("SENTENCE", BAD_SENTENCE), encoding="utf-8")
    _git(repo, env, "add", "-A")
    blocked = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "nudge"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert blocked.returncode != 0, blocked
    assert "templates/nudge.md" in blocked.stdout + blocked.stderr
    nudge.write_text(NUDGE.replace("SENTENCE", GOOD_SENTENCE), encoding="utf-8")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "nudge")
