"""Template mode: slots, front matter, syntax findings, suppressions and rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftlint import Config, lint_draft, lint_file, lint_paths
from draftlint.cli import main
from draftlint.sources import read
from draftlint.sources.template import find_slots

TEMPLATE = """\
---
stage: thank-you
company: Larkspur Robotics
variables:
  interviewer_name: Wen
  topic: the gripper calibration rig
---
Dear {{ interviewer_name }},

Thank you for walking me through {{ topic }} on Thursday.
{% if referral %}Thanks as well for the introduction.{% endif %}
I am keen on the controls role and will check in next week.
"""


def test_jinja_template_is_read_in_template_mode_with_slots_and_context() -> None:
    draft = read(TEMPLATE)
    assert draft.mode == "template"
    assert [draft.body.text[s.start : s.end] for s in draft.body.slots] == ["{{ interviewer_name }}", "{{ topic }}"]
    assert draft.context is not None and draft.context.company is not None
    assert draft.context.company.name == "Larkspur Robotics"
    assert draft.variables == {"interviewer_name": "Wen", "topic": "the gripper calibration rig"}
    # Tags are masked, slots become one word of the same length, offsets are untouched.
    analysis = draft.body.analysis
    assert len(analysis) == len(TEMPLATE)
    assert "{%" not in analysis
    assert "Dear X" + "x" * (len("{{ interviewer_name }}") - 1) + "," in analysis


def test_a_clean_template_has_no_syntax_findings() -> None:
    report = lint_draft(TEMPLATE)
    assert [f for f in report.findings if f.category == "template-syntax"] == []


@pytest.mark.parametrize(
    ("broken", "rule", "excerpt"),
    [
        ("Dear {{ interviewer_name,", "DL450", "{{ interviewer_name,"),
        ("{% if referral %}Thanks as well for the introduction.", "DL451", "{% if referral %}"),
        ("Thanks.{% endfor %}", "DL451", "{% endfor %}"),
        ("Dear {{ interviewr_name }},", "DL452", "{{ interviewr_name }}"),
    ],
)
def test_syntax_errors_are_findings_not_crashes(broken: str, rule: str, excerpt: str) -> None:
    text = TEMPLATE.replace("Dear {{ interviewer_name }},", broken).replace(
        "{% if referral %}Thanks as well for the introduction.{% endif %}", broken if "{%" in broken else ""
    )
    report = lint_draft(text)
    assert (rule, excerpt) in [(f.rule_id, f.excerpt) for f in report.findings]


def test_front_matter_suppression_silences_a_rule_for_that_template() -> None:
    noisy = TEMPLATE.replace("I am keen", "I still haven't heard back, but I am keen")
    assert "DL101" in [f.rule_id for f in lint_draft(noisy).findings]
    quiet = noisy.replace("stage: thank-you\n", "stage: thank-you\nsuppress: [DL101]\n")
    assert "DL101" not in [f.rule_id for f in lint_draft(quiet).findings]


def test_phrases_around_a_slot_still_match() -> None:
    report = lint_draft("Hi {{ name }}, please call me back when you can about {{ role }}.")
    assert ("DL201", "please call me back") in [(f.rule_id, f.excerpt.lower()) for f in report.findings]


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("Dear [Interviewer Name], thanks from [Your Name].", ["[Interviewer Name]", "[Your Name]"]),
        ("I loved {company}'s roadmap.", ["{company}"]),
        ("Join <Company Name> as %TITLE%, start ____.", ["<Company Name>", "%TITLE%", "____"]),
        ("[insert a detail from the interview]", ["[insert a detail from the interview]"]),
        ("As noted [sic] in [1], see [the docs](https://example.com) or <pat@example.com> <br> :-)", []),
    ],
)
def test_placeholder_recognition(text: str, slots: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_slots(text)] == slots


def test_rendered_lint_maps_findings_back_to_the_template(tmp_path: Path) -> None:
    source = TEMPLATE.replace("  topic: the gripper calibration rig", "  topic: why I still haven't heard back")
    path = tmp_path / "note.md"
    path.write_text(source, encoding="utf-8")
    plain = lint_file(path)
    assert "DL101" not in [f.rule_id for f in plain.findings]
    rendered = lint_file(path, config=Config(render_templates=True))
    (finding,) = [f for f in rendered.findings if f.rule_id == "DL101"]
    assert finding.excerpt == "{{ topic }}"
    assert source[finding.start : finding.end] == "{{ topic }}"
    assert (finding.line, finding.column) == (10, 34)


def test_template_folder_from_config_reads_brackets_as_slots(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "a.txt").write_text("Hi [Interviewer Name],\nThanks for your time today.\n", encoding="utf-8")
    config = tmp_path / "draftlint.toml"
    config.write_text(f'templates = ["{folder.as_posix()}/*"]\n', encoding="utf-8")
    assert main(["--config", str(config), "--format", "json", str(folder)], stdout=__import__("io").StringIO()) in (0, 1)
    batch = lint_paths([folder], kind="template")
    assert batch.reports[0].kind == "template"


def test_lint_paths_honours_include_and_exclude_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "keep.md").write_text("Thank you for your time today.\n", encoding="utf-8")
    (tmp_path / "skip.md").write_text("Please call me back.\n", encoding="utf-8")
    (tmp_path / "notes.log").write_text("Please call me back.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    batch = lint_paths([tmp_path], exclude=["skip.md"])
    assert sorted(Path(r.origin).name for r in batch.reports) == ["keep.md"]
    assert [Path(f.origin).name for f in batch.failures] == ["broken.txt"]
    assert "binary" in batch.failures[0].message
    assert batch.totals["documents"] == 1 and batch.totals["failures"] == 1


@pytest.mark.parametrize("value", ["101", "DL101", "[DL101, impatience]", "{DL101: true}"])
def test_any_front_matter_suppress_value_is_read_without_raising(value: str) -> None:
    text = f"---\nsuppress: {value}\n---\nHi {{{{ name }}}}, I still haven't heard back.\n"
    report = lint_draft(text)
    quiet = value != "101" and "{" not in value
    assert ("DL101" in [f.rule_id for f in report.findings]) is not quiet
