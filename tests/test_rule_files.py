"""The rule catalogue: structure of the shipped rule files, and load-time failures.

The first half walks every built-in rule file and checks the conventions that
``rules/README.md`` promises (ids, names, folders, examples, advice ids). The second
half writes broken rule files into a temporary folder and checks that each one stops
draftlint at load time with a :class:`~draftlint.RuleFileError` naming the file and
the rule, both through the loader and through a :class:`~draftlint.engine.Linter`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import srsly

from draftlint import Config, RuleFileError, lint_draft
from draftlint.engine import Linter, get_linter
from draftlint.models import CATEGORIES
from draftlint.nlp import get_pipeline
from draftlint.rules.loader import builtin_rules_dir, load_catalogue
from draftlint.sources import read

RULES_DIR = builtin_rules_dir()
ADVICE_PAGE = RULES_DIR / "ADVICE.md"
CATALOGUE = get_linter().catalogue
RULE_PATHS = sorted(
    p for p in RULES_DIR.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and p.name != "presets.yaml"
)
ADVICE_IDS = set(re.findall(r"^### (A\d+) — ", ADVICE_PAGE.read_text(encoding="utf-8"), re.M))
RULE_PARAMS = [pytest.param(rule, id=rule.id) for rule in CATALOGUE.rules]
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")


# -- the shipped catalogue -------------------------------------------------------------


def test_the_builtin_rules_folder_is_the_checkout_rules_folder_or_the_packaged_copy() -> None:
    assert ADVICE_PAGE.is_file()
    assert RULE_PATHS, "no rule files found under the built-in rules folder"


def test_advice_page_has_a1_to_a24() -> None:
    assert {f"A{i}" for i in range(1, 25)} <= ADVICE_IDS
    assert {f"A{i}" for i in range(1, 25)} <= set(CATALOGUE.advice)


def test_every_rule_file_is_in_the_catalogue_exactly_once() -> None:
    ids = [rule.id for rule in CATALOGUE.rules]
    assert len(ids) == len(set(ids))
    assert len(RULE_PATHS) == len(ids)
    assert sorted(Path(p).resolve() for p in CATALOGUE.files.values()) == sorted(p.resolve() for p in RULE_PATHS)


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in CATALOGUE.rules]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", RULE_PATHS, ids=[p.name for p in RULE_PATHS])
def test_file_name_matches_its_id_and_folder_its_category(path: Path) -> None:
    data = srsly.read_yaml(path)
    rule_id = data["id"]
    assert re.fullmatch(r"DL\d{3}", rule_id), f"{path.name}: built-in ids are DL + 3 digits"
    assert re.fullmatch(rf"{rule_id}-[a-z0-9]+(?:-[a-z0-9]+)*\.yaml", path.name), path.name
    assert path.parent.name == data["category"], f"{path.name} is in {path.parent.name}/, not {data['category']}/"
    assert path.parent.parent.resolve() == RULES_DIR.resolve()


@pytest.mark.parametrize("rule", RULE_PARAMS)
def test_rule_identity(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.category in CATEGORIES
    assert NAME.fullmatch(rule.name), rule.name
    assert rule.name.split(".", 1)[0] == rule.category
    family = {
        "impatience": "1", "rudeness": "1", "gimmick": "1", "call-me-back": "2",
        "misspelled-name": "3", "wrong-name": "3", "name-drop": "3", "group-note": "4",
        "placeholder": "4", "copy-paste": "4", "template-syntax": "4", "length": "5",
        "structure": "6", "timing": "7",
    }[rule.category]
    assert rule.id[2] == family, f"{rule.id} is outside the {family}xx family of {rule.category}"


@pytest.mark.parametrize("rule", RULE_PARAMS)
def test_rule_has_examples_and_cites_advice(rule) -> None:  # type: ignore[no-untyped-def]
    assert len(rule.examples.bad) >= 1
    assert len(rule.examples.good) >= 1
    assert all(e.strip() for e in (*rule.examples.bad, *rule.examples.good))
    assert rule.sources, f"{rule.id} cites no advice"
    assert set(rule.sources) <= ADVICE_IDS, f"{rule.id} cites {set(rule.sources) - ADVICE_IDS}"
    assert rule.message.strip() and "\n" not in rule.message
    assert rule.explanation.strip()


@pytest.mark.parametrize("rule", RULE_PARAMS)
def test_every_phrase_tokenises(rule) -> None:  # type: ignore[no-untyped-def]
    nlp = get_pipeline()
    for phrase in (*rule.phrases, *rule.exceptions.phrases):
        tokens = [t for t in nlp.make_doc(phrase) if not t.is_space]
        assert tokens, f"{rule.id}: phrase {phrase!r} has no tokens"


@pytest.mark.parametrize("rule", RULE_PARAMS)
def test_pattern_rules_have_something_to_match(rule) -> None:  # type: ignore[no-untyped-def]
    if rule.kind == "pattern":
        assert rule.phrases or rule.patterns
        assert rule.impl is None
    else:
        assert rule.impl and ":" in rule.impl
        assert not rule.phrases and not rule.patterns


# -- load-time failures ----------------------------------------------------------------

GOOD_RULE = """\
id: {id}
name: {name}
category: impatience
kind: pattern
message: "“{{match}}” sounds impatient."
explanation: "Test rule; complaining about the wait reads as pressure (A10)."
sources: [{source}]
suggestion: "Say you are still keen."
patterns:
  - {pattern}
examples:
  bad: ["I am twiddling my thumbs here."]
  good: ["I am happy to wait."]
"""


def _rules_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    (folder / "impatience").mkdir(parents=True)
    shutil.copy(ADVICE_PAGE, folder / "ADVICE.md")
    return folder


def _write_rule(
    folder: Path,
    rule_id: str = "TT101",
    *,
    file_name: str | None = None,
    name: str = "impatience.twiddling-thumbs",
    source: str = "A10",
    pattern: str = "[{LOWER: twiddling}, {LOWER: my}, {LOWER: thumbs}]",
) -> Path:
    path = folder / "impatience" / (file_name or f"{rule_id}-twiddling-thumbs.yaml")
    path.write_text(GOOD_RULE.format(id=rule_id, name=name, source=source, pattern=pattern), encoding="utf-8")
    return path


def _assert_names_file_and_rule(error: RuleFileError, path: Path, rule_id: str | None) -> None:
    message = str(error)
    assert str(path) in message, message
    assert "\n" not in message.strip(), "the message should be one line"
    if rule_id is not None:
        assert rule_id in message.replace(str(path), ""), f"rule {rule_id} not named in: {message}"


def test_a_valid_temporary_rule_loads_and_lints(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    _write_rule(folder)
    catalogue = load_catalogue([folder])
    assert [r.id for r in catalogue.rules] == ["TT101"]
    linter = Linter(Config(rule_dirs=[folder]))
    report = linter.lint(read("Honestly I am twiddling my thumbs."))
    assert [(f.rule_id, f.excerpt) for f in report.findings if f.rule_id == "TT101"] == [
        ("TT101", "twiddling my thumbs")
    ]


def test_invalid_yaml(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    path = folder / "impatience" / "TT101-broken.yaml"
    path.write_text("id: TT101\nname: [unclosed\n  category: impatience\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    _assert_names_file_and_rule(info.value, path, None)
    assert "YAML" in str(info.value)


def test_misspelt_token_attribute(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, pattern="[{LOWR: twiddling}, {LOWER: my}]")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    _assert_names_file_and_rule(info.value, path, "TT101")
    assert "LOWR" in str(info.value)
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, "TT101")
    assert "LOWR" in str(info.value)


def test_trained_pipeline_attribute_is_refused(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, pattern="[{LEMMA: twiddle}, {LOWER: my}]")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    _assert_names_file_and_rule(info.value, path, "TT101")
    assert "LEMMA" in str(info.value)
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, "TT101")
    assert "LEMMA" in str(info.value)


def test_pattern_that_spacy_rejects(tmp_path: Path) -> None:
    # Passes the schema (the value is a string) but IN needs a list: spaCy's validator
    # must catch it when the linter compiles the patterns, not when a draft is linted.
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, pattern="[{LOWER: {IN: twiddling}}, {LOWER: my}]")
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, "TT101")


def test_unknown_advice_id(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, source="A99")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    _assert_names_file_and_rule(info.value, path, "TT101")
    assert "A99" in str(info.value)
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, "TT101")


def test_duplicate_id_in_one_folder(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    first = _write_rule(folder, file_name="TT101-first.yaml", name="impatience.first")
    second = _write_rule(folder, file_name="TT101-second.yaml", name="impatience.second")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    message = str(info.value)
    assert "TT101" in message.replace(str(first), "").replace(str(second), "")
    assert str(second) in message and str(first) in message


def test_duplicate_of_a_builtin_id(tmp_path: Path) -> None:
    builtin = CATALOGUE.rules[0]
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, builtin.id, name="impatience.not-the-builtin")
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, builtin.id)


def test_file_name_must_start_with_the_id(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    path = _write_rule(folder, file_name="TT102-twiddling-thumbs.yaml")
    with pytest.raises(RuleFileError) as info:
        load_catalogue([folder])
    _assert_names_file_and_rule(info.value, path, "TT101")


def test_yaml_no_stays_a_string(tmp_path: Path) -> None:
    folder = _rules_folder(tmp_path)
    _write_rule(folder, pattern="[{LOWER: no}, {LOWER: reply}, {LOWER: on}, {LOWER: 'yes'}]")
    (rule,) = load_catalogue([folder]).rules
    assert rule.patterns[0][0] == {"LOWER": "no"}
    assert rule.patterns[0][2] == {"LOWER": "on"}
    report = Linter(Config(rule_dirs=[folder])).lint(
        read("There was no reply on yes day.")
    )
    assert [f.excerpt for f in report.findings if f.rule_id == "TT101"] == ["no reply on yes"]


def test_builtin_rules_never_fail_at_lint_time_on_their_own_examples() -> None:
    # Every example of every rule lints without a check failure recorded in the report.
    for rule in CATALOGUE.rules:
        for text in (*rule.examples.bad, *rule.examples.good):
            report = lint_draft(text)
            assert report.failures == (), (rule.id, text, report.failures)


def test_a_phrase_spacy_cannot_tokenize_names_its_file_and_rule(tmp_path: Path) -> None:
    """Phrases are tokenized for the whole catalogue at once (and cached); one that
    spaCy refuses still fails as a one-line RuleFileError naming its file and rule."""
    folder = _rules_folder(tmp_path)
    path = folder / "impatience" / "TT102-lone-surrogate.yaml"
    text = GOOD_RULE.format(id="TT102", name="impatience.lone-surrogate", source="A10", pattern="[{LOWER: x}]")
    text = text.replace("patterns:\n  - [{LOWER: x}]\n", 'phrases: ["i have yet \\ud800 to hear"]\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        Linter(Config(rule_dirs=[folder]))
    _assert_names_file_and_rule(info.value, path, "TT102")
