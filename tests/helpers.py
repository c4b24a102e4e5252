"""Helpers shared by several test modules: the in-process CLI runner, subprocesses in
a clean environment, throwaway virtual environments, and expected line/column."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from draftlint.cli import main

__all__ = ["Run", "expected_position", "make_venv", "run", "run_process", "venv_bin"]


@dataclass
class Run:
    """What one in-process CLI run gave: exit code, stdout and stderr."""

    code: int
    out: str
    err: str


def run(*argv: str | Path, stdin: bytes = b"") -> Run:
    """Run ``draftlint ARGV`` in this process, with ``stdin`` as its standard input."""
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err, stdin=io.TextIOWrapper(io.BytesIO(stdin)))
    return Run(code, out.getvalue(), err.getvalue())


def _env() -> dict[str, str]:
    """A subprocess environment in which nothing but the venv decides what is imported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_process(argv: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run a command in a clean environment, capturing text output; never raises on exit codes."""
    return subprocess.run(argv, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False)


def venv_bin(venv: Path, name: str) -> Path:
    """The path of an executable inside a venv."""
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def make_venv(path: Path) -> Path:
    """A venv that sees the running interpreter's packages; returns its python."""
    done = run_process([sys.executable, "-m", "venv", "--system-site-packages", str(path)], cwd=path.parent)
    assert done.returncode == 0, done.stderr
    python = venv_bin(path, "python")
    if sys.prefix != sys.base_prefix:
        # The tests run inside a venv themselves: its packages are not the "system" ones
        # the new venv inherits, so point at them explicitly (after the venv's own).
        purelib = run_process([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=path)
        paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
        Path(purelib.stdout.strip(), "_draftlint_test_parent.pth").write_text("\n".join(sorted(paths)) + "\n")
    return python


_BREAK = re.compile(r"\r\n|\r|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset``, with \\r\\n, \\r and \\n each ending a line."""
    line_start, line = 0, 1
    for match in _BREAK.finditer(text):
        if match.end() > offset:
            break
        line_start, line = match.end(), line + 1
    return line, offset - line_start + 1


#: A minimal valid rule file, for tests that break it one field at a time.
DEMO_RULE = """\
id: XY901
name: impatience.xy-demo
category: impatience
kind: pattern
message: "demo {match}"
explanation: A demonstration rule (A10).
sources: [A10]
examples:
  bad: ["asap please"]
  good: ["thanks"]
"""
