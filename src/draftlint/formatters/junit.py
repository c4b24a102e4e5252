"""The JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure …).

``<testsuites>`` holds one ``<testsuite name="draftlint">`` with one ``<testcase
classname="draftlint" name="PATH">`` per linted file: a clean file passes, and every
finding at warning or above is a ``<failure type="RULE-ID">`` of its case (message and
position in the attribute, the excerpt and the suggestion in the text). Info findings
are advice only, so they go to the case's ``<system-out>``. An input that could not be
read is a case with an ``<error>``; a check that crashed is an ``<error>`` of its file's
case. The XML is built with :mod:`xml.etree.ElementTree`, so it is always escaped; text
characters XML 1.0 cannot carry (control characters, lone surrogates) become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..models import Finding, Report, Severity

__all__ = ["format_junit"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _where(origin: str, f: Finding) -> str:
    return f"{origin}:{f.line}:{f.column}" + (f" [{f.part}]" if f.part != "body" else "")


def _details(origin: str, f: Finding) -> str:
    lines = [f"{_where(origin, f)}: {f.severity.value} {f.rule_id} {f.rule_name}: {f.message}"]
    lines.append(f"  excerpt: {' '.join(f.excerpt.split())}")
    if f.suggestion:
        lines.append(f"  suggestion: {' '.join(f.suggestion.split())}")
    return "\n".join(lines)


def format_junit(reports: Sequence[Report], errors: Sequence[tuple[str, str]], **_: object) -> str:
    """Render a run as JUnit XML: one test case per file, one failure per finding at or
    above warning."""
    suites = ET.Element("testsuites", name="draftlint")
    suite = ET.SubElement(suites, "testsuite", name="draftlint")
    failures = errored = 0
    for report in reports:
        case = ET.SubElement(suite, "testcase", classname="draftlint", name=_xml(report.origin), file=_xml(report.origin))
        advice = []
        for f in report.findings:
            if f.severity.rank >= Severity.WARNING.rank:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_xml(f"{_where(report.origin, f)}: {f.rule_id} {f.rule_name}: {f.message}"),
                    type=f.rule_id,
                )
                failure.text = _xml(_details(report.origin, f))
            else:
                advice.append(_details(report.origin, f))
        for check in report.failures:
            error = ET.SubElement(
                case, "error", message=_xml(f"check {check.rule_id} from {check.plugin} failed"), type="CheckFailure"
            )
            error.text = _xml(check.error)
        if advice:
            ET.SubElement(case, "system-out").text = _xml("\n".join(advice))
        # Counts are of test cases, as JUnit readers expect, not of failure elements.
        if case.find("error") is not None:
            errored += 1
        elif case.find("failure") is not None:
            failures += 1
    for origin, message in errors:
        case = ET.SubElement(suite, "testcase", classname="draftlint", name=_xml(origin), file=_xml(origin))
        error = ET.SubElement(case, "error", message=_xml(message), type="InputError")
        error.text = _xml(f"{origin}: {message}")
        errored += 1
    tests = len(reports) + len(errors)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(errored))
    suite.set("skipped", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
