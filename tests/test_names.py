"""Names and placeholders as a user meets them: misspellings, fixes, mail headers, modes.

Case files (``tests/cases/misspelled-name.yaml`` and friends) hold the wording cases;
this module covers what needs code: generated misspellings, the ``--fix`` round trip,
names read from mail headers and front matter, and template mode.
"""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draftlint import Config, Context, lint_draft, lint_file
from draftlint.cli import main

PEOPLE = (
    "Katherine Moreau", "Tomasz Kowalczyk", "Amara Okafor", "Hannah McAllister", "Zoë Lindqvist",
    "Oluwaseun Adeyemi", "Rafael Dominguez", "Siobhan Gallagher", "Noor Haddad", "Ingrid Solberg",
    "Liam O'Neil", "José Ortega", "Mei-Ling Tanaka", "Darnell Price", "Beatriz Santos",
)
NOTE = "{greeting},\n\nThank you for meeting with me on Tuesday about the analyst role.\n\nBest regards,\nDana Osei\n"


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _name_words() -> list[tuple[str, str, str]]:
    """(full name, greeting template, the word it greets with) for every person above."""
    out = []
    for full in PEOPLE:
        first, last = full.split(" ", 1)
        out.append((full, "Dear {}", first))
        out.append((full, "Dear Ms. {}", last))
    return [item for item in out if len(_plain(item[2]).replace("'", "").replace("-", "")) >= 4]


WORDS = _name_words()


def _misspelled(report) -> list[tuple[str, str]]:
    return [(f.rule_id, f.excerpt) for f in report.findings if f.category == "misspelled-name"]


@st.composite
def single_edits(draw) -> tuple[str, str, str, str]:
    """A name, and the same name with one deletion, insertion, substitution or swap."""
    full, greeting, word = draw(st.sampled_from(WORDS))
    plain = _plain(word)
    letters = [i for i, c in enumerate(plain) if c.isalpha()]
    kind = draw(st.sampled_from(["delete", "insert", "substitute", "swap"]))
    i = draw(st.sampled_from(letters[1:] if kind in ("delete", "swap") else letters))
    c = draw(st.sampled_from(string.ascii_lowercase))
    if kind == "delete":
        edited = plain[:i] + plain[i + 1 :]
    elif kind == "insert":
        edited = plain[: i + 1] + c + plain[i + 1 :]
    elif kind == "substitute":
        edited = plain[:i] + (c.upper() if plain[i].isupper() else c) + plain[i + 1 :]
    else:
        edited = plain[: i - 1] + plain[i] + plain[i - 1] + plain[i + 1 :]
    edited = edited[:1].upper() + edited[1:]
    return full, greeting, word, edited


@settings(max_examples=150, deadline=None)
@given(single_edits())
def test_one_edit_or_one_swap_from_an_interviewer_name_is_flagged(case: tuple[str, str, str, str]) -> None:
    full, greeting, word, edited = case
    same = edited.casefold().replace("'", "").replace("-", "") == _plain(word).casefold().replace("'", "").replace("-", "")
    report = lint_draft(NOTE.format(greeting=greeting.format(edited)), context=Context(interviewers=[full]))
    if same:  # the edit rebuilt the name (a swap of equal letters, or an apostrophe dropped)
        assert _misspelled(report) == []
    else:
        assert [excerpt for _, excerpt in _misspelled(report)] == [edited]


@pytest.mark.parametrize(("full", "greeting", "word"), WORDS)
def test_correctly_spelled_names_draw_nothing_in_any_form(full: str, greeting: str, word: str) -> None:
    context = Context(interviewers=[full], company="Brightwave Analytics")
    forms = {word, word.upper(), _plain(word), word.replace("'", "’"), word.replace("'", "")}
    for form in forms:
        text = NOTE.format(greeting=greeting.format(form)) + f"\nI enjoyed {form}'s demo of the Brightwave dashboards.\n"
        assert _misspelled(lint_draft(text, context=context)) == []


def test_the_fix_writes_the_correct_spelling_and_keeps_the_possessive(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ninterviewers: [Katherine Moreau]\ncompany: Halvorsen Logistics\n---\n"
        "Dear Ms. MOREUA,\n\nThank you for the tour. Kathrine's plan for Halvorson Logistics impressed me.\n",
        encoding="utf-8",
    )
    assert main([str(path), "--fix"]) == 0
    assert path.read_text(encoding="utf-8").endswith(
        "Dear Ms. MOREAU,\n\nThank you for the tour. Katherine's plan for Halvorsen Logistics impressed me.\n"
    )


def test_names_come_from_the_mail_headers(tmp_path: Path) -> None:
    path = tmp_path / "note.eml"
    path.write_bytes(
        b"From: Dana Osei <dana@example.com>\r\nTo: Siobhan Gallagher <siobhan@example.com>\r\n"
        b"Subject: Thank you, Siobahn\r\n\r\nDear Siobhan,\r\n\r\nThank you for the interview on Monday.\r\n"
        b"\r\nBest,\r\nDana\r\n"
    )
    report = lint_file(path)
    assert [(f.part, f.excerpt) for f in report.findings if f.category == "misspelled-name"] == [("subject", "Siobahn")]


def test_a_template_slot_is_a_correctly_spelled_name(tmp_path: Path) -> None:
    path = tmp_path / "thanks.md.j2"
    path.write_text(
        "---\ninterviewers: [Ingrid Solberg]\nvariables: {first_name: Ingrid}\n---\n"
        "Dear {{ first_name }},\n\nThank you for your time on Tuesday.\n",
        encoding="utf-8",
    )
    report = lint_file(path)
    assert [f for f in report.findings if f.category in ("misspelled-name", "wrong-name", "placeholder")] == []


def test_a_leftover_placeholder_is_an_error_in_a_draft_and_a_slot_in_a_template(tmp_path: Path) -> None:
    text = "Dear [Interviewer Name],\n\nThank you for showing me around {company} on Monday.\n"
    draft = lint_draft(text)
    assert [(f.rule_id, f.severity.value, f.excerpt) for f in draft.findings if f.category == "placeholder"] == [
        ("DL440", "error", "[Interviewer Name]"),
        ("DL440", "error", "{company}"),
    ]
    assert [f for f in lint_draft(text, kind="template").findings if f.category == "placeholder"] == []


def test_jinja_left_in_a_string_is_a_leftover_but_a_template_file_is_a_template(tmp_path: Path) -> None:
    text = "Hi {{ first_name }},\n\nThank you for the interview today.\n"
    assert [f.excerpt for f in lint_draft(text).findings if f.category == "placeholder"] == ["{{ first_name }}"]
    path = tmp_path / "thanks.md"
    path.write_text(text, encoding="utf-8")
    assert [f for f in lint_file(path).findings if f.category == "placeholder"] == []


def test_names_checks_are_silent_without_names_in_the_context() -> None:
    text = "Dear Kathrine,\n\nThank you for the tour of Halvorson Logistics.\n"
    assert [f for f in lint_draft(text).findings if f.category in ("misspelled-name", "wrong-name")] == []


def test_the_wrong_person_greeted_names_who_the_note_is_for() -> None:
    report = lint_draft("Dear Sarah,\n\nThank you for your time today.\n", context=Context(interviewers=["Priya Raman"]))
    (finding,) = [f for f in report.findings if f.category == "wrong-name"]
    assert (finding.rule_id, finding.excerpt) == ("DL311", "Sarah")
    assert "Priya Raman" in (finding.suggestion or "")


def test_other_applications_can_be_listed_once_in_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "draftlint.toml").write_text('[rules.DL312]\nother-companies = ["Acme Robotics"]\n', encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("Hi Priya,\n\nI can't wait to start at Acme Robotics next month.\n", encoding="utf-8")
    report = lint_file(note, config=Config.from_file(tmp_path / "draftlint.toml"))
    assert [(f.rule_id, f.excerpt) for f in report.findings if f.category == "wrong-name"] == [("DL312", "Acme Robotics")]


@given(st.lists(st.sampled_from(list("aZ1٣é É-'’ʼ_.\n") + ["Ø", "ß", "ǅ", "Mc", "4Apps", "O'Neil", "—"]), max_size=30))
def test_capitalised_word_pattern_matches_the_plain_one(pieces: list[str]) -> None:
    """The fast capitalised-word pattern finds what the straightforward one finds."""
    from draftlint.checks import names

    text = "".join(pieces)
    plain = re.compile(
        rf"(?<![\w'’ʼ-])(?:\d+[^\W\d_]|[{re.escape(names._CAPITALS)}])[^\W\d_]*(?:['’ʼ-][^\W\d_]+)*"
    )
    assert [m.span() for m in names._CAP_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]


# The word before a name was found with a forward search that tried every position of
# the 60 characters before it; the fast form reads the reversed window once.
_PREVIOUS_WORD = re.compile(r"((?:\d+)?[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*)([^\w]*)\Z")
_WORD_BITS = st.sampled_from(
    list("ab Z1٣²_ .,'’ʼ-&\t\né") + ["Co. ", "O'Neil", "4Apps", "x-y", "Mc", "ß", "Ø", "—", "Ms. "]
)


@settings(max_examples=800)
@given(st.lists(_WORD_BITS, max_size=30).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_previous_word_reads_backwards_what_the_forward_search_found(text: str, a: int, b: int) -> None:
    from draftlint.checks import names

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    found = _PREVIOUS_WORD.search(text, start, end)
    expected = None if found is None else (found.group(1), found.start(1), found.end(1), found.group(2))
    assert names._previous_word(text, start, end) == expected


@given(st.lists(st.sampled_from(["Bob", "Robert", "Chris", "Kate", "Alex", "Mo", "Sue", "Ann", "Lee", "Dr. Tom",
                                 "Katherine O'Neil", "Sasha", "Fran", "Pat", "Zoë"]), max_size=4))
def test_addressee_keys_use_the_diminutives_both_ways(people: list[str]) -> None:
    from draftlint.checks import names

    expected: set[str] = set()
    for person in people:
        for word in names._words(person):
            key = names.fold(word)
            expected.add(key)
            expected.update(names._DIMINUTIVES.get(key, "").split())
            expected.update(full for full, short in names._DIMINUTIVES.items() if key in short.split())
    assert names._addressee_keys(Context(interviewers=people)) == frozenset(expected)
