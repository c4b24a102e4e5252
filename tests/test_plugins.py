"""Plugins found through entry points, installed for real into throwaway venvs.

``tests/plugins/draftlint-demo-plugin`` ships a rule pack (``draftlint.rules``) holding
the YAML of rule DX901 and its Python check (``draftlint.checks``), which flags runs of
exclamation marks. ``tests/plugins/draftlint-broken-plugin`` declares a check whose
module raises ImportError. Each is installed with ``--no-deps --no-build-isolation
--no-index`` into its own ``--system-site-packages`` venv, so draftlint itself comes
from the running interpreter and nothing is downloaded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PLUGINS = Path(__file__).resolve().parent / "plugins"


from helpers import make_venv, run_process as _run  # noqa: E402


def _install(plugin: str, tmp_path: Path) -> Path:
    """A fresh venv with ``plugin`` installed (built from a copy); returns its python."""
    python = make_venv(tmp_path / "venv")
    source = tmp_path / plugin
    shutil.copytree(PLUGINS / plugin, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    done = _run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", str(source)],
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return python


LINT = """\
import json
from draftlint import lint_draft
out = {}
for name, text in [
    ("demo", "Thanks so much!!! See you"),
    ("normal", "Thanks so much!!! I still haven't heard back from you."),
    ("quoted", "Thanks.\\n\\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com> wrote:\\n> Wow!!!!\\n"),
    ("single", "Thanks so much! See you"),
]:
    report = lint_draft(text)
    out[name] = {
        "findings": [[f.rule_id, f.category, f.excerpt, f.start, f.end, f.message] for f in report.findings],
        "failures": [f.error for f in report.failures],
    }
print(json.dumps(out))
"""


def test_demo_plugin_adds_its_rule(tmp_path: Path) -> None:
    python = _install("draftlint-demo-plugin", tmp_path)
    done = _run([str(python), "-c", LINT], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)

    demo = result["demo"]
    assert demo["failures"] == []
    dx = [f for f in demo["findings"] if f[0] == "DX901"]
    assert [(f[1], f[2], f[3], f[4]) for f in dx] == [("impatience", "!!!", 14, 17)]
    assert "3 exclamation marks" in dx[0][5]

    # Normal behaviour carries on alongside the plugin.
    normal = result["normal"]
    ids = [f[0] for f in normal["findings"]]
    assert "DX901" in ids
    assert ["impatience", "I still haven't heard back"] in [f[1:3] for f in normal["findings"] if f[0] != "DX901"]
    # Quoted text is masked for plugin checks too, and a single "!" is fine.
    assert [f for f in result["quoted"]["findings"] if f[0] == "DX901"] == []
    assert [f for f in result["single"]["findings"] if f[0] == "DX901"] == []
    assert result["quoted"]["failures"] == result["single"]["failures"] == []

    listed = _run([str(python), "-m", "draftlint", "rules"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert any(line.split()[:2] == ["DX901", "impatience.demo-exclamations"] for line in listed.stdout.splitlines())

    explained = _run([str(python), "-m", "draftlint", "explain", "DX901"], cwd=tmp_path)
    assert explained.returncode == 0, explained.stderr
    assert "A7" in explained.stdout

    draft = tmp_path / "note.txt"
    draft.write_text("Hi Pat,\n\nThanks so much!!! See you Friday.\n", encoding="utf-8")
    cli = _run([str(python), "-m", "draftlint", "--select", "DX901", str(draft)], cwd=tmp_path)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert f"{draft}:3:15:" in cli.stdout and "DX901" in cli.stdout


BROKEN = """\
from draftlint import PluginError, lint_draft
try:
    lint_draft("Thanks so much! See you")
except PluginError as exc:
    print("PluginError:", exc)
else:
    print("no error")
"""


def test_broken_plugin_fails_with_a_clear_plugin_error(tmp_path: Path) -> None:
    python = _install("draftlint-broken-plugin", tmp_path)
    done = _run([str(python), "-c", BROKEN], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    message = done.stdout.strip()
    assert message.startswith("PluginError:"), message
    assert "DX902" in message
    assert "draftlint_broken_plugin.checks" in message
    assert "draftlint-broken-plugin" in message
    assert "ImportError" in message

    draft = tmp_path / "note.txt"
    draft.write_text("Thanks so much! See you Friday.\n", encoding="utf-8")
    cli = _run([str(python), "-m", "draftlint", str(draft)], cwd=tmp_path)
    assert cli.returncode == 2
    assert "Traceback" not in cli.stderr
    lines = cli.stderr.strip().splitlines()
    assert len(lines) == 1, cli.stderr
    assert "DX902" in lines[0] and "draftlint-broken-plugin" in lines[0]
