"""Configuration keys that guard the run: ``max-bytes`` (with ``--max-bytes`` and
``DRAFTLINT_MAX_BYTES``) and ``model``.

The size limit is taken from the flag, else the config, else the environment, else
5 MiB; a wrong value anywhere is one error line (exit 2). A trained pipeline named in
the config that will not load is a configuration error naming it, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from draftlint import Config, ConfigError, InputError, lint_draft, lint_drafts, lint_file, lint_paths

from helpers import run  # noqa: E402

IMPATIENT = "I still haven't heard back"
NOTE = f"Hi Pat,\n\nThank you for Tuesday. {IMPATIENT} about the role.\n\nBest regards,\nLeo\n"
LONG = NOTE * 20  # 1,700-odd bytes


@pytest.fixture
def long_note(tmp_path: Path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(LONG, encoding="utf-8")
    return path


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draftlint.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _only_error(result_err: str) -> str:
    lines = result_err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("draftlint: error: "), result_err
    return lines[0]


# -- max-bytes -------------------------------------------------------------------------


def test_the_flag_beats_the_config_which_beats_the_environment(
    tmp_path: Path, long_note: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTLINT_MAX_BYTES", "1000")
    assert run("--no-config", long_note).code == 2  # the environment beats the default
    config = _config(tmp_path, "max-bytes = 100_000\n")
    assert run("--config", config, long_note).code == 1  # linted: the config beats the environment
    assert run(long_note).code == 1  # the same config, found next to the file
    result = run("--config", config, "--max-bytes", "500", long_note)
    assert result.code == 2  # the flag beats the config
    line = _only_error(result.err)
    assert line.startswith(f"draftlint: error: {long_note}: file is ") and "over the 500-byte limit" in line
    assert run("--no-config", "--max-bytes", "100000", long_note).code == 1  # and the environment
    monkeypatch.delenv("DRAFTLINT_MAX_BYTES")
    assert run("--no-config", long_note).code == 1  # 5 MiB by default


def test_the_limit_applies_to_standard_input(tmp_path: Path, long_note: Path) -> None:
    result = run("--max-bytes", "1000", long_note, "-", stdin=NOTE.encode())
    assert result.code == 2
    assert _only_error(result.err).startswith(f"draftlint: error: {long_note}: file is ")
    assert "<stdin>:3:" in result.out  # the short note on standard input was linted
    config = _config(tmp_path, "max-bytes = 50\n")
    refused = run("--config", config, "-", stdin=NOTE.encode())
    assert refused.code == 2
    assert _only_error(refused.err).startswith("draftlint: error: <stdin>: input is over the 50-byte limit")


def test_the_config_sets_the_limit_for_every_kind_of_input(
    tmp_path: Path, long_note: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = Config(max_bytes=1000)
    with pytest.raises(InputError, match=r"<string>: input is [\d,]+ characters, over the 1,000-character limit"):
        lint_draft(LONG, config=small)
    with pytest.raises(InputError, match=r"<string>: input is [\d,]+ bytes, over the 1,000-byte limit"):
        lint_draft(LONG.encode(), config=small)
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        lint_file(long_note, config=small)
    with pytest.raises(InputError, match="<draft 1>: input is"):
        lint_drafts([LONG], config=small)
    batch = lint_paths([long_note], config=small)
    assert [f.origin for f in batch.failures] == [str(long_note)] and batch.reports == ()
    assert lint_draft(NOTE, config=small).findings  # under the limit: linted as usual
    monkeypatch.setenv("DRAFTLINT_MAX_BYTES", "10")
    roomy = Config(max_bytes=100_000)  # the config wins over the environment
    assert lint_draft(LONG, config=roomy).findings
    assert lint_file(long_note, config=roomy).findings
    assert lint_paths([long_note], config=roomy, jobs=1).failures == ()


def test_max_bytes_in_pyproject(tmp_path: Path, long_note: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.draftlint]\nmax-bytes = 1000\n", encoding="utf-8")
    result = run(long_note)
    assert result.code == 2 and "over the 1,000-byte limit" in _only_error(result.err)


@pytest.mark.parametrize("value", ["0", "-5", "1.5", '"1000"', "true"])
def test_a_bad_max_bytes_in_the_config_is_one_config_error(tmp_path: Path, long_note: Path, value: str) -> None:
    config = _config(tmp_path, f"max-bytes = {value}\n")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(config))}: max-bytes: "):
        Config.from_file(config)
    result = run("--config", config, long_note)
    assert result.code == 2 and result.out == ""
    assert _only_error(result.err).startswith(f"draftlint: error: {config}: max-bytes: ")


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1.5", ""])
def test_a_bad_max_bytes_flag_is_one_error_line(long_note: Path, value: str) -> None:
    result = run("--no-config", "--max-bytes", value, long_note)
    assert result.code == 2 and result.out == ""
    assert _only_error(result.err) == (
        f"draftlint: error: --max-bytes: expected a positive whole number of bytes, got {value!r}"
    )


# -- model -----------------------------------------------------------------------------


def _install_model(site: Path, name: str, *, package: bool) -> None:
    """A pipeline distribution in ``site``: with a package whose data is missing (a
    broken install), or with no package at all (removed by hand)."""
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    if package:
        (site / name).mkdir()
        (site / name / "__init__.py").write_text(
            "from spacy.util import load_model_from_init_py\n\n"
            "def load(**overrides):\n    return load_model_from_init_py(__file__, **overrides)\n",
            encoding="utf-8",
        )


@pytest.mark.parametrize("package", [True, False], ids=["broken", "package-missing"])
def test_a_model_that_will_not_load_is_a_config_error_naming_it(
    tmp_path: Path, long_note: Path, monkeypatch: pytest.MonkeyPatch, package: bool
) -> None:
    name = f"en_draftlint_test_{'broken' if package else 'missing'}"
    site = tmp_path / "site"
    _install_model(site, name, package=package)
    monkeypatch.syspath_prepend(str(site))
    config = _config(tmp_path, f'model = "{name}"\n')
    with pytest.raises(ConfigError) as caught:
        lint_draft(NOTE, config=Config.from_file(config))
    message = str(caught.value)
    assert message.startswith(f"{config}: model: cannot load the spaCy pipeline {name!r}: ") and "\n" not in message
    result = run("--config", config, long_note)
    assert result.code == 2 and result.out == ""
    assert "Traceback" not in result.err
    assert _only_error(result.err) == f"draftlint: error: {message}"
