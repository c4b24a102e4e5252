"""--fix and --diff: only safe fixes, byte for byte elsewhere, idempotent, atomic."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from draftlint.cli import main

ADVICE = Path(__file__).resolve().parents[1] / "rules" / "ADVICE.md"
RULE = """\
id: DX601
name: structure.demo-double-space-fix
category: structure
kind: pattern
message: "“{match}”: demo fix."
explanation: A demonstration rule with a safe fix (A20).
sources: [A20]
suggestion: Use the full word.
phrases: ["thx"]
fix: "thanks"
examples:
  bad: ["thx for your time"]
  good: ["thanks for your time"]
"""


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "team-rules"
    rules.mkdir()
    (rules / "DX601-demo.yaml").write_text(RULE, encoding="utf-8")
    shutil.copy(ADVICE, rules / "ADVICE.md")
    (tmp_path / "draftlint.toml").write_text('rule-dirs = ["team-rules"]\nselect = ["DX601", "DL101"]\n', encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_bytes("Hi Ana,\r\nthx for Tuesday — thx again.\r\nI still haven't heard back.\r\n".encode())
    return tmp_path, note


def test_diff_previews_and_changes_nothing(setup: tuple[Path, Path]) -> None:
    _, note = setup
    before = note.read_bytes()
    out = io.StringIO()
    assert main(["--diff", str(note)], stdout=out, stderr=io.StringIO()) == 0
    assert "-thx for Tuesday" in out.getvalue() and "+thanks for Tuesday — thanks again." in out.getvalue()
    assert note.read_bytes() == before


def test_fix_applies_only_safe_fixes_byte_for_byte_and_is_idempotent(setup: tuple[Path, Path]) -> None:
    _, note = setup
    out, err = io.StringIO(), io.StringIO()
    code = main(["--fix", str(note)], stdout=out, stderr=err)
    assert "applied 2 safe fixes" in err.getvalue()
    assert note.read_bytes() == "Hi Ana,\r\nthanks for Tuesday — thanks again.\r\nI still haven't heard back.\r\n".encode()
    # What is left (the impatience line has no safe fix) is still reported.
    assert code == 1 and "DL101" in out.getvalue() and "DX601" not in out.getvalue()
    again = note.read_bytes()
    main(["--fix", str(note)], stdout=io.StringIO(), stderr=io.StringIO())
    assert note.read_bytes() == again
    assert [p.name for p in note.parent.iterdir() if p.name.startswith(".note")] == []
