"""The wheel ships the rules and lints correctly when installed normally (not editable).

Builds the wheel from this checkout, installs it with ``--no-deps --no-index`` into a
virtual environment made with ``--system-site-packages`` (so spaCy and the other
dependencies come from the running interpreter and nothing is downloaded), and runs
that environment's Python from a temporary directory. The test proves that the copy of
draftlint in use is the one inside the environment, not the checkout.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

import draftlint

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


from helpers import make_venv, run_process as _run, venv_bin as _bin  # noqa: E402


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)], cwd=out
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("draftlint-*.whl")
    return built


def test_wheel_contains_the_package_and_the_rules(wheel: Path) -> None:
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    assert "draftlint/__init__.py" in names
    assert "draftlint/py.typed" in names
    assert "draftlint/_rules/ADVICE.md" in names
    assert rule_files, "the checkout has no rule files"
    missing = [f for f in rule_files if f"draftlint/_rules/{f}" not in names]
    assert not missing, f"rule files missing from the wheel: {missing}"
    assert "draftlint = draftlint.cli:main" in scripts
    assert not any(n.startswith(("tests/", "src/")) for n in names)


def test_installed_wheel_lints_from_its_own_copy(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = make_venv(venv)
    done = _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr

    snippet = (
        "import json, draftlint\n"
        "from draftlint.rules.loader import builtin_rules_dir\n"
        "report = draftlint.lint_draft(\"I still haven't heard back from you.\")\n"
        "print(json.dumps({'file': draftlint.__file__, 'rules': str(builtin_rules_dir()),\n"
        "    'version': draftlint.__version__,\n"
        "    'findings': [[f.rule_id, f.category, f.excerpt] for f in report.findings]}))\n"
    )
    done = _run([str(python), "-c", snippet], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    installed = Path(result["file"]).resolve()
    assert installed.is_relative_to(venv.resolve()), f"imported {installed}, not the wheel in {venv}"
    assert not installed.is_relative_to(ROOT)
    assert Path(result["rules"]).resolve().is_relative_to(venv.resolve())
    assert result["version"] == draftlint.__version__
    assert ["impatience", "I still haven't heard back"] in [f[1:] for f in result["findings"]]

    version = _run([str(_bin(venv, "draftlint")), "--version"], cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"draftlint {draftlint.__version__}"

    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Pat,\n\nI still haven't heard back from you.\n", encoding="utf-8")
    linted = _run([str(_bin(venv, "draftlint")), str(draft)], cwd=tmp_path)
    assert linted.returncode == 1, linted.stdout + linted.stderr
    assert f"{draft}:3:1:" in linted.stdout
