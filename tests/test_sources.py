"""The input readers: plain text, ``.eml`` and Markdown, and what they mask.

Every input here is written for this file. Most tests lint with the built-in rules and
look at findings by category: "I still haven't heard back" is impatience and "please
call me back" is a call-me-back request. Each masking test has a control (the same
words outside the masked block are flagged), so it cannot pass just because a rule is
missing. Offsets are always checked against the text of the finding's part as the
reader produced it (for mail: the decoded body and the subject).
"""

from __future__ import annotations

import base64
import codecs
import datetime as dt
import os
from pathlib import Path

import pytest

from draftlint import Config, Context, InputError, Person, Report, lint_draft, lint_file
from draftlint.engine import get_linter
from draftlint.sources import read, read_path

IMPATIENT = "I still haven't heard back"
CALL_ME = "please call me back"
from helpers import expected_position as _position  # noqa: E402


def _check_offsets(report: Report, data: str | bytes, **kwargs: object) -> None:
    """Every finding slices the text of its part, and line/column agree with it."""
    draft = read(data, **kwargs)  # type: ignore[arg-type]
    for f in report.findings:
        text = draft.parts[f.part].text
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.excerpt
        assert (f.line, f.column) == _position(text, f.start)


def _in(report: Report, category: str) -> list[str]:
    return [f.excerpt for f in report.findings if f.category == category]


def _lint(data: str | bytes, **kwargs: object) -> Report:
    report = lint_draft(data, **kwargs)  # type: ignore[arg-type]
    _check_offsets(report, data, **{k: v for k, v in kwargs.items() if k == "kind"})
    assert report.failures == ()
    return report


def _mail(body: bytes | str, *, headers: str = "", content_type: str = "text/plain; charset=utf-8",
          encoding: str = "8bit", subject: str = "Thank you") -> bytes:
    head = (
        "From: Leo Martens <leo@example.net>\n"
        "To: Pat Doe <pat@example.com>\n"
        f"Subject: {subject}\n"
        "Date: Tue, 10 Mar 2026 10:00:00 -0400\n"
        f"{headers}"
        "MIME-Version: 1.0\n"
        f"Content-Type: {content_type}\n"
        f"Content-Transfer-Encoding: {encoding}\n\n"
    )
    return head.encode("ascii") + (body.encode("utf-8") if isinstance(body, str) else body)


# -- plain text ------------------------------------------------------------------------


def test_plain_text_offsets_index_the_text_with_every_newline_style() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["Hi Pat,", "", "Thanks again for Tuesday.", f"Sadly {IMPATIENT}.", ""])
        report = _lint(text)
        (finding,) = [f for f in report.findings if f.category == "impatience"]
        assert finding.excerpt == IMPATIENT
        assert (finding.line, finding.column) == (4, 7)
        assert finding.start == text.index(IMPATIENT)


# -- .eml ------------------------------------------------------------------------------


def test_eml_text_plain_body_is_linted_and_offsets_index_the_decoded_body() -> None:
    body = f"Hi Pat,\n\nThank you for Tuesday.\n{IMPATIENT} from the team.\n"
    data = _mail(body)
    report = _lint(data)
    assert report.kind == "eml"
    (finding,) = [f for f in report.findings if f.category == "impatience"]
    assert finding.part == "body"
    assert finding.start == body.index(IMPATIENT)
    assert (finding.line, finding.column) == (4, 1)  # lines of the body, not of the file


def test_eml_crlf_message_body_is_linted() -> None:
    body = f"Hi Pat,\r\n\r\n{IMPATIENT}.\r\n"
    data = _mail(body).replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
    report = _lint(data)
    assert _in(report, "impatience") == [IMPATIENT]
    assert [f.line for f in report.findings if f.category == "impatience"] == [3]


def test_multipart_alternative_prefers_the_plain_part() -> None:
    data = _mail(
        "--XYZ\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Hi Pat, thank you for a lovely conversation on Tuesday.\n\n"
        "--XYZ\n"
        "Content-Type: text/html; charset=utf-8\n\n"
        f"<p>Hi Pat, {IMPATIENT} and per my last email I am waiting.</p>\n"
        "--XYZ--\n",
        content_type='multipart/alternative; boundary="XYZ"',
    )
    report = _lint(data)
    assert "lovely conversation" in read(data).body.text
    assert _in(report, "impatience") == []
    # Control: the HTML part alone is flagged.
    html_only = _mail(f"<p>Hi Pat, {IMPATIENT} and nothing else.</p>\n", content_type="text/html; charset=utf-8")
    assert _in(_lint(html_only), "impatience") == [IMPATIENT]


def test_html_only_body_is_converted_and_blockquotes_are_masked() -> None:
    html = (
        "<html><head><style>p { color: red }</style><title>Hello</title></head><body>"
        "<p>Hi Pat,</p><p>Thanks &amp; see you soon. Sadly I still haven&#8217;t heard back.</p>"
        "<blockquote><p>Earlier you said: per my last email, I still haven't heard back from you.</p></blockquote>"
        "<p>Best,<br>Leo</p></body></html>\n"
    )
    data = _mail(html, content_type="text/html; charset=utf-8")
    report = _lint(data)
    body = read(data).body.text
    assert "<p>" not in body and "Thanks & see you soon." in body and "color: red" not in body
    assert _in(report, "impatience") == ["I still haven’t heard back"]
    # Control: without the blockquote the quoted sentence is the writer's and is flagged.
    unquoted = _mail(html.replace("blockquote", "div"), content_type="text/html; charset=utf-8")
    assert len(_in(_lint(unquoted), "impatience")) >= 2


def test_quoted_printable_body() -> None:
    qp = (
        b"Hi Pat, the caf=C3=A9 visit was great. Still, I still haven=E2=80=99t heard b=\n"
        b"ack from the team.\n"
    )
    data = _mail(qp, encoding="quoted-printable")
    body = read(data).body.text
    assert body == "Hi Pat, the café visit was great. Still, I still haven’t heard back from the team.\n"
    report = _lint(data)
    assert _in(report, "impatience") == ["I still haven’t heard back"]
    (finding,) = [f for f in report.findings if f.category == "impatience"]
    assert finding.start == body.index("I still haven’t")


def test_base64_body() -> None:
    text = f"Dear Zoë,\n\nThank you for Tuesday. {IMPATIENT}.\n"
    data = _mail(base64.encodebytes(text.encode("utf-8")), encoding="base64")
    assert read(data).body.text == text
    report = _lint(data)
    (finding,) = [f for f in report.findings if f.category == "impatience"]
    assert (finding.start, finding.line, finding.column) == (text.index(IMPATIENT), 3, 24)


def test_iso_8859_1_body() -> None:
    text = f"Dear Renée, the café chat was lovely. {IMPATIENT}.\n"
    data = _mail(
        text.encode("iso-8859-1"),
        content_type="text/plain; charset=iso-8859-1",
        headers="Cc: =?iso-8859-1?q?Ren=E9e_Dubois?= <renee@example.com>\n",
        subject="=?iso-8859-1?q?Caf=E9_follow-up?=",
    )
    draft = read(data)
    assert draft.body.text == text
    assert draft.parts["subject"].text == "Café follow-up"
    assert "Renée Dubois" in [p.name for p in draft.context.interviewers]  # type: ignore[union-attr]
    report = _lint(data)
    (finding,) = [f for f in report.findings if f.category == "impatience"]
    assert finding.start == text.index(IMPATIENT)


def test_raw_8bit_header_does_not_crash() -> None:
    # Some clients send unencoded Latin-1 in headers; linting must not raise on content.
    data = (
        b"From: Leo <leo@example.net>\nTo: Ren\xe9e Dubois <renee@example.com>\n"
        b"Subject: Caf\xe9\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n\n"
        b"Dear Ren\xe9e, I still haven't heard back.\n"
    )
    report = lint_draft(data)
    assert report.kind == "eml"
    assert _in(report, "impatience") == [IMPATIENT]


@pytest.fixture(scope="module")
def subject_rules(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """A one-rule pack whose rule applies to both parts (the built-in tone rules are body-only)."""
    folder = tmp_path_factory.mktemp("subject-rules")
    (folder / "impatience").mkdir()
    (folder / "impatience" / "TS101-subject-probe.yaml").write_text(
        "id: TS101\nname: impatience.subject-probe\ncategory: impatience\nkind: pattern\nscope: any\n"
        "message: \"“{match}” probes.\"\nexplanation: Test probe (A10).\nsources: [A10]\n"
        "phrases: [\"still waiting\"]\nexamples: {bad: [\"still waiting\"], good: [\"waiting\"]}\n",
        encoding="utf-8",
    )
    return Config(rule_dirs=(folder,))


def test_subject_is_its_own_part_with_offsets_into_the_subject(subject_rules: Config) -> None:
    data = _mail("Hi Pat,\n\nAre you still waiting for my references?\n", subject="Re: Still waiting on news")
    report = lint_draft(data, config=subject_rules)
    probes = [(f.part, f.start, f.end, f.line, f.column, f.excerpt) for f in report.findings if f.rule_id == "TS101"]
    body_start = len("Hi Pat,\n\nAre you ")
    assert probes == [
        ("body", body_start, body_start + len("still waiting"), 3, 9, "still waiting"),
        ("subject", 4, 4 + len("Still waiting"), 1, 5, "Still waiting"),
    ]
    _check_offsets(report, data)


SUBJECT_RULES = [
    pytest.param(rule, id=rule.id)
    for rule in get_linter().catalogue.rules
    if rule.kind == "pattern" and rule.scope in ("any", "subject")
]


@pytest.mark.parametrize("rule", SUBJECT_RULES)
def test_builtin_rules_that_apply_to_subjects_flag_them(rule) -> None:  # type: ignore[no-untyped-def]
    subject = " ".join(rule.examples.bad[0].split())
    data = _mail("Hi Pat,\n\nThank you for Tuesday.\n", subject=subject)
    report = _lint(data)
    found = [f for f in report.findings if f.rule_id == rule.id and f.part == "subject"]
    assert found, f"{rule.id} did not flag the subject {subject!r}"
    assert all(f.line == 1 and f.column == f.start + 1 for f in found)


def test_subject_is_unfolded_and_decoded() -> None:
    data = _mail("Hello.\n", subject="=?utf-8?q?Thank_you_for_Thursday=E2=80=99s?=\n interview")
    assert read(data).parts["subject"].text == "Thank you for Thursday’s interview"


def test_headers_fill_the_context_and_the_callers_context_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _mail(
        "Hi Katherine and Sam,\n\nThank you both.\n",
        headers='Cc: "Sam Ortiz" <sam@brightwave.example.com>\n',
    ).replace(b"To: Pat Doe <pat@example.com>", b"To: Katherine O'Neil <koneil@brightwave.example.com>")
    draft = read(data)
    assert draft.context is not None
    assert [p.name for p in draft.context.interviewers] == ["Katherine O'Neil", "Sam Ortiz"]
    tz = dt.timezone(dt.timedelta(hours=-4))
    assert draft.context.send_date == dt.datetime(2026, 3, 10, 10, 0, tzinfo=tz)

    # What the checks see: spy on the merged context the engine hands them.
    linter = get_linter()
    seen: list[Context] = []

    def spy(analysis, options):  # type: ignore[no-untyped-def]
        seen.append(analysis.context)
        return ()

    any_rule = next(iter(linter.rules.values()))
    monkeypatch.setattr(linter, "checks", [*linter.checks, (any_rule, "spy", spy)])

    lint_draft(data)
    assert [p.name for p in seen[-1].interviewers] == ["Katherine O'Neil", "Sam Ortiz"]
    assert seen[-1].send_date == dt.datetime(2026, 3, 10, 10, 0, tzinfo=tz)

    mine = Context(interviewers=[Person(name="Kate O'Neil")], company="Brightwave Analytics")
    lint_draft(data, context=mine)
    merged = seen[-1]
    assert [p.name for p in merged.interviewers] == ["Kate O'Neil"]  # caller wins
    assert merged.company is not None and merged.company.name == "Brightwave Analytics"
    assert merged.send_date == dt.datetime(2026, 3, 10, 10, 0, tzinfo=tz)  # header fills the gap

    lint_draft(data, context=Context(send_date="2026-03-12"))
    assert seen[-1].send_date == dt.date(2026, 3, 12)
    assert [p.name for p in seen[-1].interviewers] == ["Katherine O'Neil", "Sam Ortiz"]


# -- Markdown --------------------------------------------------------------------------

FRONT = (
    "---\n"
    "interviewers: [Katherine O'Neil]\n"
    "company: Brightwave Analytics\n"
    "stage: thank-you\n"
    f"note: \"{IMPATIENT}, per my last email\"\n"
    "---\n"
)


def test_markdown_front_matter_gives_context_and_is_masked(tmp_path: Path) -> None:
    text = FRONT + f"\nHi Katherine,\n\nThank you for your time. {IMPATIENT}.\n"
    draft = read(text)
    assert draft.kind == "markdown"
    assert draft.context is not None
    assert [p.name for p in draft.context.interviewers] == ["Katherine O'Neil"]
    assert draft.context.company is not None and draft.context.company.name == "Brightwave Analytics"
    assert draft.context.stage == "thank-you"
    report = _lint(text)
    found = [(f.excerpt, f.line, f.column) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, 10, 26)]  # counted from the file's first line, front matter included
    path = tmp_path / "note.md"
    path.write_bytes(text.encode("utf-8"))
    from_file = lint_file(path)
    assert [(f.excerpt, f.line) for f in from_file.findings if f.category == "impatience"] == [(IMPATIENT, 10)]
    assert from_file.origin == str(path)


def test_markdown_front_matter_with_crlf_and_yaml_no() -> None:
    text = FRONT.replace("stage: thank-you", "role: no").replace("\n", "\r\n") + f"\r\n{IMPATIENT}.\r\n"
    draft = read(text)
    assert draft.context is not None and draft.context.role == "no"
    report = _lint(text)
    assert [(f.excerpt, f.line) for f in report.findings if f.category == "impatience"] == [(IMPATIENT, 8)]


def test_markdown_comments_and_fenced_code_are_masked() -> None:
    text = (
        "Hi Pat,\n\n"
        f"<!-- draft note: {IMPATIENT} -->\n"
        "```\n"
        f"{IMPATIENT}\n"
        "```\n\n"
        f"Sadly {IMPATIENT}, see [my notes](https://example.com/{IMPATIENT.replace(' ', '-')}).\n"
    )
    report = _lint(text, kind="markdown")
    found = [(f.excerpt, f.line) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, 8)]


# -- quoted replies --------------------------------------------------------------------

QUOTES = {
    "angle-quotes": "Thanks, Pat.\n\n> {p}\n> and more of what you wrote\n",
    "wrote-one-line": "Thanks, Pat.\n\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com> wrote:\n> {p}\n",
    "wrote-unquoted-below": "Thanks, Pat.\n\nOn Mon, Jan 5, 2026 at 9:00 AM, Pat Doe wrote:\n\n{p}\n",
    "wrote-folded": "Thanks, Pat.\n\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe\n<pat@example.com> wrote:\n\n> {p}\n",
    "wrote-folded-late": "Thanks, Pat.\n\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com>\nwrote:\n> {p}\n",
    "original-message": (
        "Thanks, Pat.\n\n-----Original Message-----\nFrom: Pat Doe\nSent: Monday, January 5, 2026 9:00 AM\n"
        "To: Leo Martens\nSubject: Interview\n\n{p}\n"
    ),
    "outlook-header": (
        "Thanks, Pat.\n\nFrom: Pat Doe <pat@example.com>\nSent: Monday, January 5, 2026 9:00 AM\n"
        "To: Leo Martens\nSubject: Interview\n\n{p}\n"
    ),
    "forwarded": (
        "Thanks, Pat.\n\n---------- Forwarded message ---------\nFrom: Pat Doe <pat@example.com>\n"
        "Date: Mon, Jan 5, 2026\nSubject: Interview\n\n{p}\n"
    ),
    "begin-forwarded": "Thanks, Pat.\n\nBegin forwarded message:\n\nFrom: Pat Doe\n\n{p}\n",
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("template", list(QUOTES.values()), ids=list(QUOTES))
def test_quoted_text_is_masked(template: str, newline: str) -> None:
    own = f"Sorry, {IMPATIENT}.\n"
    text = (own + template.format(p=f"{IMPATIENT} from you, so I wrote again.")).replace("\n", newline)
    report = _lint(text)
    found = [(f.excerpt, f.start) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, len("Sorry, "))], found


def test_interleaved_reply_keeps_the_writers_own_lines() -> None:
    text = (
        "Hi Pat,\n\n"
        "> Could you send your references by Friday?\n"
        f"Yes, they are attached. {IMPATIENT} from the panel, though.\n"
        f"> {IMPATIENT} from the hiring manager either.\n"
        "Thanks for checking.\n"
    )
    report = _lint(text)
    found = [(f.excerpt, f.line) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, 4)]


def test_interleaved_reply_under_a_wrote_header_keeps_the_writers_own_lines() -> None:
    text = (
        "Hi Pat,\n\n"
        "On Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com> wrote:\n"
        "> Could you send your references by Friday?\n"
        f"Yes, they are attached. {IMPATIENT} from the panel, though.\n"
        f"> {IMPATIENT} from the hiring manager either.\n"
        "Thanks for checking.\n"
    )
    report = _lint(text)
    found = [(f.excerpt, f.line) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, 5)]
    analysis = read(text).body.analysis
    assert "wrote:" not in analysis, "the reply header belongs to the quote"
    assert "Yes, they are attached." in analysis


# -- signatures ------------------------------------------------------------------------

SIGNATURES = {
    "dash-dash": "Thanks again.\n\n-- \nLeo Martens\n{p}\n",
    "sent-from": "Thanks again.\n\nSent from my iPhone\n{p}\n",
    "sign-off": "Thanks again.\n\nBest regards,\nLeo Martens\n(646) 555-0100, {p} any time\n",
}


@pytest.mark.parametrize(("phrase", "category"), [(CALL_ME, "call-me-back"), (IMPATIENT, "impatience")])
@pytest.mark.parametrize("template", list(SIGNATURES.values()), ids=list(SIGNATURES))
def test_signature_is_masked(template: str, phrase: str, category: str) -> None:
    own = f"Hi Pat,\n\n{phrase.capitalize()}.\n"
    text = own + template.format(p=phrase)
    report = _lint(text)
    found = [(f.excerpt.lower(), f.line) for f in report.findings if f.category == category]
    assert found == [(phrase.lower(), 3)], found


def test_a_long_paragraph_after_a_sign_off_word_is_not_a_signature() -> None:
    text = f"Thanks,\n\n{IMPATIENT}, and I have been checking my inbox every hour since we spoke last week about it.\n"
    assert _in(_lint(text), "impatience") == [IMPATIENT]


# -- files -----------------------------------------------------------------------------


def test_read_path_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value)
    with pytest.raises(InputError, match="nowhere.txt"):
        lint_file(path)


def test_read_path_directory(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    with pytest.raises(InputError) as info:
        read_path(folder)
    assert str(folder) in str(info.value)


def test_read_path_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_files_with_a_bom_decode(tmp_path: Path, codec: str) -> None:
    text = f"Hi Zoë,\r\n\r\n{IMPATIENT}.\r\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "note.txt"
    path.write_bytes(data)
    draft = read_path(path)
    assert draft.body.text == text
    report = lint_file(path)
    found = [(f.excerpt, f.start, f.line) for f in report.findings if f.category == "impatience"]
    assert found == [(IMPATIENT, text.index(IMPATIENT), 3)]


def test_eml_file_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    path.write_bytes(_mail(f"Hi Pat,\n\n{IMPATIENT}.\n"))
    report = lint_file(path)
    assert report.kind == "eml" and report.origin == str(path)
    assert _in(report, "impatience") == [IMPATIENT]


def test_a_file_that_reports_a_smaller_size_is_still_read_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stat() says (a file that grew after it), read_path reads the whole
    file, and still refuses one over the limit."""
    note = tmp_path / "note.txt"
    note.write_text("Hi Sam,\n\nThank you for the interview on Tuesday.\n\nBest,\nAlex\n", encoding="utf-8")
    real_stat = Path.stat

    def small_stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(self, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((*result[:6], 3, *result[7:]))

    monkeypatch.setattr(Path, "stat", small_stat)
    assert read_path(note).body.text.endswith("Alex\n")
    with pytest.raises(InputError, match="note.txt"):
        read_path(note, max_bytes=20)
