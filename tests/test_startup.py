"""What start-up does: the package imports lazily, and the command line keeps the
collector off while it loads, then freezes what it loaded and turns it back on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import draftlint


def test_every_public_name_resolves() -> None:
    for name in draftlint.__all__:
        assert getattr(draftlint, name) is not None
    assert set(draftlint.__all__) <= set(dir(draftlint))


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lint_everything'"):
        draftlint.lint_everything  # noqa: B018


def test_importing_the_package_does_not_import_spacy() -> None:
    code = "import sys, draftlint; print('spacy' in sys.modules, draftlint.__version__ != '')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_command_line_process_collects_nothing_it_loaded(tmp_path: Path) -> None:
    """Run as the command does: the collector never walks the loaded modules and the
    built linter, yet is back on for the linting."""
    draft = tmp_path / "note.txt"
    draft.write_text("Hi Sam,\n\nI still haven't heard back. Please call me back.\n\nAlex\n", encoding="utf-8")
    code = (
        "import gc, sys\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and seen.append(info['generation']))\n"
        "from draftlint.cli import main\n"
        f"sys.argv = ['draftlint', {str(draft)!r}]\n"
        "code = main()\n"
        "print('RESULT', code, gc.isenabled(), gc.get_freeze_count() > 100_000, seen.count(2))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    result = out.strip().splitlines()[-1].split()
    assert result[:2] == ["RESULT", "1"]  # the note has findings
    assert result[2:] == ["True", "True", "0"]


def test_command_line_turns_the_collector_back_on_whatever_the_outcome(tmp_path: Path) -> None:
    """main() called as the process itself but returning early (a bad config, --help,
    the rules list) still leaves the collector running for its caller."""
    code = (
        "import gc, io, sys\n"
        "from draftlint.cli import main\n"
        "results = []\n"
        f"for argv in (['draftlint', '--config', {str(tmp_path / 'missing.toml')!r}, 'x.txt'],"
        " ['draftlint', '--help'], ['draftlint', 'rules']):\n"
        "    sys.argv = argv\n"
        "    code = main(stdout=io.StringIO(), stderr=io.StringIO())\n"
        "    results.append(f'{code}:{gc.isenabled()}')\n"
        "print('RESULT', *results)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1].split() == ["RESULT", "2:True", "0:True", "0:True"]
