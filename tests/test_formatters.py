"""The machine-readable formats: ``sarif``, ``github``, ``junit`` and ``json``.

Run in-process through :func:`draftlint.cli.main`. SARIF is validated against the
official OASIS 2.1.0 schema (a copy in ``tests/data``), the JSON output against the
schema :func:`draftlint.formatters.schema.json_schema` generates, JUnit is parsed with
``xml.etree`` and the GitHub workflow commands are parsed and unescaped here.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from draftlint.formatters import FORMATTERS, available_formatters
from draftlint.formatters.github import escape_data, escape_property, format_github
from draftlint.formatters.junit import format_junit
from draftlint.formatters.sarif import (
    FINGERPRINT_KEY,
    artifact_uri,
    end_position,
    format_sarif,
)
from draftlint.formatters.schema import json_schema
from draftlint.models import Finding, Report, Severity

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

from samples import BAD, BAD_LINE, IMPATIENT, OTHER  # noqa: E402

BAD_COLUMN = 1
#: Two thank-you notes that differ only in the name and the day: a copy-paste pair.
NOTE = """\
Dear Ms. Alvarez,

Thank you for taking the time to meet with me on Tuesday about the operations analyst role at Harbourline Logistics. I especially enjoyed our conversation about the new routing dashboard, and I have been thinking about it since.

My experience building the weekly freight reports at Corrigan Supply is close to the work you described, and I would be glad to bring what I learned to your team.

I am very interested in the position and will check in next Friday. Thanks again for your time.

Best regards,
Sam Patel
"""
NOTE_COPY = NOTE.replace("Ms. Alvarez", "Mr. Okafor").replace("Tuesday", "Wednesday")
FORMATS = ("text", "json", "sarif", "github", "junit")


from helpers import run  # noqa: E402


@pytest.fixture(autouse=True)
def _not_in_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests run inside GitHub Actions too; the default format must not change there.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a clean note and a bad note, another with a copy-paste pair; the
    cwd, so paths are relative as a CI job gives them."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "clean.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "notes" / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "pair").mkdir()
    (tmp_path / "pair" / "first.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "pair" / "second.txt").write_text(NOTE_COPY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def finding(
    rule_id: str = "DL101",
    severity: Severity = Severity.WARNING,
    *,
    excerpt: str = IMPATIENT,
    start: int = 0,
    line: int = 1,
    column: int = 1,
    message: str | None = None,
    part: str = "body",
    **extra: Any,
) -> Finding:
    return Finding(
        rule_id=rule_id,
        rule_name=extra.pop("rule_name", "impatience.still-not-heard"),
        category=extra.pop("category", "impatience"),
        severity=severity,
        confidence=0.9,
        part=part,  # type: ignore[arg-type]
        start=start,
        end=start + len(excerpt),
        line=line,
        column=column,
        excerpt=excerpt,
        message=message if message is not None else f"“{excerpt}” complains that they have not answered yet.",
        explanation="Patience reads as confidence (A10).",
        suggestion="Recall the timeline instead.",
        sources=("A10",),
        fingerprint=extra.pop("fingerprint", "0123456789abcdef0123"),
        **extra,
    )


def validate_sarif(log: dict[str, Any]) -> None:
    """Against the official schema, with its own dialect (draft-04) and with Draft-07."""
    for validator in (jsonschema.Draft7Validator, jsonschema.validators.validator_for(SARIF_SCHEMA)):
        validator(SARIF_SCHEMA).validate(log)


def results_by_rule(log: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    return [r for r in log["runs"][0]["results"] if r["ruleId"] == rule_id]


def region_text(path: Path, region: dict[str, int]) -> str:
    text = path.read_text(encoding="utf-8")
    return text[region["charOffset"] : region["charOffset"] + region["charLength"]]


# -- registry and exit codes -----------------------------------------------------------


def test_new_formats_are_registered() -> None:
    for name in ("sarif", "github", "junit"):
        assert name in FORMATTERS
        assert name in available_formatters()


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_are_the_same_in_every_format(work: Path, fmt: str) -> None:
    assert run("--format", fmt, "notes/clean.txt").code == 0
    bad = run("--format", fmt, "notes/bad.txt")
    assert bad.code == 1
    assert bad.err == ""
    assert run("--format", fmt, "--fail-on", "never", "notes/bad.txt").code == 0
    missing = run("--format", fmt, "notes/bad.txt", "notes/missing.txt")
    assert missing.code == 2
    assert "notes/missing.txt" in missing.err
    if fmt != "text":  # machine formats record the error in the output too
        assert "notes/missing.txt" in missing.out


def test_unknown_format_is_a_usage_error(work: Path) -> None:
    result = run("--format", "sarif2", "notes/clean.txt")
    assert result.code == 2
    assert "sarif" in result.err and "junit" in result.err and "github" in result.err


# -- SARIF -----------------------------------------------------------------------------


def test_sarif_run_is_valid_and_complete(work: Path) -> None:
    result = run("--format", "sarif", "notes", "pair", "notes/missing.txt")
    assert result.code == 2
    log = json.loads(result.out)
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "draftlint"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", driver["version"])
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)

    # Rule metadata: descriptions, help with the suggestion and the advice, level, properties.
    dl101 = next(r for r in rules if r["id"] == "DL101")
    assert dl101["name"] == "impatience.still-not-heard"
    assert dl101["shortDescription"]["text"]
    assert "heard nothing" in dl101["fullDescription"]["text"]
    assert "Instead:" in dl101["help"]["text"] and "A10" in dl101["help"]["text"]
    assert "**Instead:**" in dl101["help"]["markdown"] and "- A10" in dl101["help"]["markdown"]
    assert dl101["defaultConfiguration"]["level"] == "warning"
    assert dl101["properties"]["category"] == "impatience"
    assert "A10" in dl101["properties"]["advice"]
    levels = {r["defaultConfiguration"]["level"] for r in rules}
    assert levels <= {"error", "warning", "note"} and "note" in levels

    # The impatient line, located exactly.
    (impatient,) = results_by_rule(log, "DL101")
    assert rules[impatient["ruleIndex"]]["id"] == "DL101"
    assert impatient["level"] == "warning"
    assert IMPATIENT in impatient["message"]["text"]
    location = impatient["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "notes/bad.txt"
    region = location["region"]
    assert (region["startLine"], region["startColumn"]) == (BAD_LINE, BAD_COLUMN)
    assert (region["endLine"], region["endColumn"]) == (BAD_LINE, BAD_COLUMN + len(IMPATIENT))
    assert region_text(work / "notes" / "bad.txt", region) == IMPATIENT
    assert re.fullmatch(r"[0-9a-f]{20}", impatient["partialFingerprints"][FINGERPRINT_KEY])
    assert impatient["properties"]["category"] == "impatience"
    assert impatient["properties"]["part"] == "body"
    assert 0 < impatient["properties"]["confidence"] <= 1

    # The copy: its result points at the other note through relatedLocations.
    (copy,) = results_by_rule(log, "DL430")
    assert copy["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pair/second.txt"
    (related,) = copy["relatedLocations"]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "pair/first.txt"
    assert related["message"]["text"]
    rel_region = related["physicalLocation"]["region"]
    copied = region_text(work / "pair" / "first.txt", rel_region)
    assert "routing dashboard" in copied
    assert "[pair/first.txt](1)" in copy["message"]["text"]  # an embedded link to it
    assert rel_region["endLine"] > rel_region["startLine"]  # a multi-line region

    # The unreadable input: a notification, and the invocation failed.
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "notes/missing.txt" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes/missing.txt"

    # Every linted file is an artifact, and every artifact index is right.
    uris = [a["location"]["uri"] for a in sarif_run["artifacts"]]
    assert sorted(uris) == ["notes/bad.txt", "notes/clean.txt", "pair/first.txt", "pair/second.txt"]
    for result_ in sarif_run["results"]:
        for loc in result_["locations"] + result_.get("relatedLocations", []):
            artifact = loc["physicalLocation"]["artifactLocation"]
            assert uris[artifact["index"]] == artifact["uri"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"


def test_sarif_clean_run(work: Path) -> None:
    result = run("--format", "sarif", "notes/clean.txt")
    assert result.code == 0
    log = json.loads(result.out)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    assert log["runs"][0]["tool"]["driver"]["rules"]  # the rules are described even so


def test_sarif_levels_ends_braces_and_unknown_rules() -> None:
    text = "Line one {{ name }}\r\nx 100% sure\nhalf\ud800 done"
    report = Report(
        origin="drafts/odd name.txt",
        findings=(
            finding("DL101", Severity.ERROR, excerpt="one {{ name }}\r\nx", start=5, line=1, column=6,
                    message="has {{ braces }}"),
            finding("DL102", Severity.INFO, excerpt="half\ud800", start=33, line=3, column=1,
                    rule_name="impatience.time-elapsed"),
            finding("ZZ999", Severity.WARNING, excerpt="100%", start=23, line=2, column=3,
                    rule_name="impatience.custom-check", fingerprint=""),
        ),
    )
    out = format_sarif([report], [], texts={("drafts/odd name.txt", "body"): text})
    out.encode("utf-8")  # a lone surrogate stays an escape, so the log always encodes
    log = json.loads(out)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "note", "warning"]
    first = results[0]
    assert first["message"]["text"] == "has {{{{ braces }}}}"  # literal braces doubled (§3.11.5)
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 6, 2, 2)
    assert (region["charOffset"], region["charLength"]) == (5, len("one {{ name }}\r\nx"))
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/odd%20name.txt"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    custom = results[2]
    assert rules[custom["ruleIndex"]]["id"] == "ZZ999"  # described from the finding
    assert rules[custom["ruleIndex"]]["help"]["text"].startswith("Patience reads as confidence")
    assert "partialFingerprints" not in custom


def test_end_position() -> None:
    assert end_position(3, 5, "abc") == (3, 8)
    assert end_position(3, 5, "") == (3, 5)
    assert end_position(3, 5, "ab\ncd") == (4, 3)
    assert end_position(3, 5, "ab\r\n\r\ncdef") == (5, 5)
    assert end_position(3, 5, "ab\n") == (4, 1)


def test_artifact_uri(tmp_path: Path) -> None:
    assert artifact_uri("templates/thank-you.md") == "templates/thank-you.md"
    assert artifact_uri("a b/c#1.md") == "a%20b/c%231.md"
    assert artifact_uri(str(tmp_path / "x.md")) == (tmp_path / "x.md").as_uri()
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"


MAIL = """\
From: Sam Patel <sam@example.net>
To: Ana Alvarez <ana@harbourline.example.com>
Subject: Following up on the operations analyst interview from last Tuesday afternoon at the depot
Date: Mon, 16 Mar 2026 09:42:17 -0400
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Ana,

Thank you again for meeting with me. I still haven't heard back about the role,
so I wanted to check in.

Best,
Sam
"""


def test_sarif_maps_mail_positions_onto_the_file(work: Path) -> None:
    (work / "mail.eml").write_text(MAIL, encoding="utf-8")
    quoted = MAIL.replace("Content-Type: text/plain; charset=utf-8\n", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n")
    quoted = quoted.replace("I still haven't heard back about the role,", "I still haven=\n't heard back about the role,")
    (work / "quoted.eml").write_text(quoted, encoding="utf-8")
    result = run("--format", "sarif", "mail.eml", "quoted.eml")
    log = json.loads(result.out)
    validate_sarif(log)
    by_file = {}
    for r in results_by_rule(log, "DL101"):
        by_file[r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]] = r
    # A plain 8-bit body appears verbatim: the region is the file's own line 10.
    plain = by_file["mail.eml"]
    region = plain["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == MAIL.splitlines().index(
        "Thank you again for meeting with me. I still haven't heard back about the role,") + 1
    assert region_text(work / "mail.eml", region) == IMPATIENT
    assert plain["properties"]["partLine"] == 3  # the line within the decoded body
    # A quoted-printable soft break hides the phrase: the file is named, the part
    # position kept in the properties.
    soft = by_file["quoted.eml"]
    assert "region" not in soft["locations"][0]["physicalLocation"]
    assert soft["properties"]["partLine"] == 3 and soft["properties"]["kind"] == "eml"
    # The over-long subject is found on the Subject header line.
    subjects = [r for r in log["runs"][0]["results"] if r["properties"]["part"] == "subject"]
    assert subjects
    for r in subjects:
        physical = r["locations"][0]["physicalLocation"]
        if physical["artifactLocation"]["uri"] == "mail.eml":
            assert physical["region"]["startLine"] == 3


def test_sarif_from_stdin(work: Path) -> None:
    result = run("--format", "sarif", "-", stdin=BAD.encode())
    assert result.code == 1
    log = json.loads(result.out)
    validate_sarif(log)
    (impatient,) = results_by_rule(log, "DL101")
    assert impatient["locations"][0]["physicalLocation"]["region"]["startLine"] == BAD_LINE


# -- GitHub workflow commands ----------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_commands(out: str) -> tuple[list[tuple[str, dict[str, str], str]], list[str]]:
    commands, plain = [], []
    for line in out.splitlines():
        match = COMMAND.match(line)
        if not match:
            plain.append(line)
            continue
        props = {}
        for item in (match.group(2) or "").split(","):
            if item:
                key, _, value = item.partition("=")
                props[key] = unescape(value)
        commands.append((match.group(1), props, unescape(match.group(3))))
    return commands, plain


def test_github_annotations(work: Path) -> None:
    result = run("--format", "github", "notes", "pair", "notes/missing.txt")
    assert result.code == 2
    commands, plain = parse_commands(result.out)
    assert len(plain) == 1 and plain[0].startswith("draftlint: ")
    assert "could not be linted" in plain[0]
    assert result.out.rstrip("\n").splitlines()[-1] == plain[0]  # the summary comes last
    impatient = [c for c in commands if c[1].get("title", "").startswith("DL101 ")]
    assert len(impatient) == 1
    level, props, message = impatient[0]
    assert level == "warning"
    assert props == {
        "file": "notes/bad.txt",
        "line": str(BAD_LINE),
        "col": str(BAD_COLUMN),
        "endLine": str(BAD_LINE),
        "endColumn": str(BAD_COLUMN + len(IMPATIENT)),
        "title": "DL101 impatience.still-not-heard",
    }
    assert IMPATIENT in message
    assert "\nSuggestion: " in message
    copy = [c for c in commands if c[1].get("title", "").startswith("DL430 ")]
    assert copy and copy[0][1]["file"] == "pair/second.txt"
    errors = [c for c in commands if c[1].get("file") == "notes/missing.txt"]
    assert len(errors) == 1 and errors[0][0] == "error" and "line" not in errors[0][1]
    # Every line is a command or the summary: messages never break a line.
    assert len(result.out.splitlines()) == len(commands) + 1


def test_github_levels_and_quiet() -> None:
    report = Report(
        origin="notes/a.txt",
        findings=(
            finding("DL101", Severity.ERROR, start=0),
            finding("DL102", Severity.INFO, start=0, rule_name="impatience.time-elapsed"),
        ),
    )
    commands, _ = parse_commands(format_github([report], [], texts={}))
    assert [c[0] for c in commands] == ["error", "notice"]
    quiet, _ = parse_commands(format_github([report], [], texts={}, quiet=True))
    assert all("Suggestion" not in c[2] for c in quiet)


def test_github_escaping(work: Path) -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert escape_data("x\ud800") == "x\ufffd"
    odd = work / "odd, name: 100%.txt"
    odd.write_text(BAD, encoding="utf-8")
    result = run("--format", "github", odd.name)
    assert result.code == 1
    line = next(l for l in result.out.splitlines() if "DL101" in l)
    assert "file=odd%2C name%3A 100%25.txt," in line
    commands, _ = parse_commands(result.out)
    assert {c[1]["file"] for c in commands} == {odd.name}
    report = Report(origin="a.txt", findings=(finding(message="multi\nline 5% message"),))
    out = format_github([report], [], texts={}, quiet=True)
    assert out.splitlines()[0].endswith("::multi%0Aline 5%25 message")


def test_github_is_the_default_in_github_actions(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("notes/bad.txt")
    assert result.code == 1
    assert result.out.startswith("::")
    assert "file=notes/bad.txt" in result.out
    assert not run("--format", "text", "notes/bad.txt").out.startswith("::")  # an explicit choice wins
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert not run("notes/bad.txt").out.startswith("::")


# -- JUnit -----------------------------------------------------------------------------


def test_junit_one_case_per_file(work: Path) -> None:
    result = run("--format", "junit", "notes", "pair", "notes/missing.txt")
    assert result.code == 2
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(result.out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "draftlint"
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert set(cases) == {"notes/bad.txt", "notes/clean.txt", "pair/first.txt", "pair/second.txt", "notes/missing.txt"}
    assert all(case.get("classname") == "draftlint" for case in cases.values())
    assert suite.get("tests") == "5"
    assert cases["notes/clean.txt"].find("failure") is None
    failures = cases["notes/bad.txt"].findall("failure")
    impatient = [f for f in failures if f.get("type") == "DL101"]
    assert len(impatient) == 1
    assert f"notes/bad.txt:{BAD_LINE}:{BAD_COLUMN}" in impatient[0].get("message", "")
    assert IMPATIENT in impatient[0].text
    assert "suggestion:" in impatient[0].text
    assert any(f.get("type") == "DL430" for f in cases["pair/second.txt"].findall("failure"))
    (error,) = cases["notes/missing.txt"].findall("error")
    assert "no such file" in error.get("message", "")
    assert suite.get("errors") == "1"
    assert int(suite.get("failures", "0")) >= 2


def test_junit_info_goes_to_system_out_and_text_is_escaped() -> None:
    report = Report(
        origin="a&b <c>.txt",
        findings=(
            finding("DL102", Severity.INFO, excerpt="x\x01y\ud800", rule_name="impatience.time-elapsed",
                    message="<b>bold</b> & \"quoted\""),
            finding("DL101", Severity.WARNING, message="]]> & <tag>"),
        ),
    )
    out = format_junit([report], [])
    root = ET.fromstring(out.encode("utf-8"))
    (case,) = root.iter("testcase")
    assert case.get("name") == "a&b <c>.txt"
    (failure,) = case.findall("failure")
    assert failure.get("type") == "DL101"
    assert "]]> & <tag>" in failure.get("message", "")
    out_text = case.findtext("system-out")
    assert "DL102" in out_text and '<b>bold</b> & "quoted"' in out_text
    assert "x\ufffdy\ufffd" in out_text  # characters XML cannot carry are replaced


# -- JSON and its schema ---------------------------------------------------------------


def test_json_output_validates_against_its_schema(work: Path) -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    result = run("--format", "json", "notes", "pair", "notes/missing.txt")
    assert result.code == 2
    payload = json.loads(result.out)
    validator.validate(payload)
    assert payload["errors"] and any(f["related"] for r in payload["reports"] for f in r["findings"])
    # The schema is strict enough to catch a broken payload.
    broken = json.loads(result.out)
    broken["reports"][0]["findings"] = [{"rule_id": "DL101"}]
    assert not validator.is_valid(broken)
    bad_severity = json.loads(result.out)
    report = next(r for r in bad_severity["reports"] if r["findings"])
    report["findings"][0]["severity"] = "fatal"
    assert not validator.is_valid(bad_severity)
    assert not validator.is_valid({**payload, "schema_version": payload["schema_version"] + 1})
    assert not validator.is_valid({**payload, "extra": 1})


def test_json_schema_is_serialisable() -> None:
    schema = json_schema()
    assert json.loads(json.dumps(schema, indent=2)) == schema
    assert schema["properties"]["reports"]["items"] == {"$ref": "#/$defs/Report"}
    assert "Finding" in schema["$defs"] and "RelatedLocation" in schema["$defs"]
