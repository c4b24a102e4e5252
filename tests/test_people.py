"""Recipient-aware checks: senior name-dropping (DL320–DL323) and group notes (DL401–DL405).

The case files hold the wording; these tests cover what depends on the context and the
input format: To/Cc of an .eml file, ``Context.recipients``, ``referral_requested``,
``senior_people``, the people the writer met, and one finding per group note.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from draftlint import Config, Context, lint_draft
from draftlint.models import Person

PEOPLE = ("name-drop", "group-note")


def people(text: str, context: Context | None = None, kind: str = "auto") -> list[tuple[str, str]]:
    report = lint_draft(text, context=context, kind=kind)  # type: ignore[arg-type]
    assert not report.failures
    return [(f.rule_id, f.excerpt) for f in report.findings if f.category in PEOPLE]


def eml(to: str, cc: str, body: str) -> str:
    head = f"From: Sol Rivera <sol@example.org>\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "")
    return head + "Subject: Thank you\n\n" + body


NOTE = "Hi Wanjiru,\n\nThank you for Wednesday's interview. I enjoyed the case exercise.\n\nBest,\nSol\n"


# --- group notes: recipients ----------------------------------------------------------


def test_eml_with_two_interviewers_in_to_and_cc() -> None:
    text = eml("Wanjiru Kamau <wanjiru@example.com>", "Felix Brandt <felix@example.com>", NOTE)
    report = lint_draft(text)
    found = [f for f in report.findings if f.category == "group-note"]
    assert [(f.rule_id, f.excerpt) for f in found] == [("DL404", "Hi Wanjiru,")]
    assert "2 interviewers" in found[0].message and "Felix Brandt" in found[0].message
    assert found[0].sources == ("A13", "A14") and found[0].suggestion


def test_eml_with_one_interviewer_and_a_role_mailbox() -> None:
    text = eml("Wanjiru Kamau <wanjiru@example.com>", "Talent Team <careers@example.com>", NOTE)
    assert people(text) == []


def test_eml_same_person_in_to_and_cc_counts_once() -> None:
    text = eml("Wanjiru Kamau <wanjiru@example.com>", "Wanjiru Kamau <wanjiru@example.com>", NOTE)
    assert people(text) == []


def test_caller_recipients_without_interviewers() -> None:
    context = Context(recipients=["Wanjiru Kamau", "Felix Brandt", "Ama Owusu"])
    report = lint_draft(NOTE, context=context)
    found = [f for f in report.findings if f.rule_id == "DL404"]
    assert len(found) == 1 and "3 interviewers" in found[0].message


def test_caller_interviewers_decide_who_counts_among_recipients() -> None:
    # The Cc'd recruiter is not an interviewer: one interviewer is addressed.
    context = Context(recipients=["Wanjiru Kamau", "Sam Hurst"], interviewers=["Wanjiru Kamau", "Felix Brandt"])
    assert people(NOTE, context) == []
    context = Context(recipients=["Wanjiru Kamau", "Felix Brandt"], interviewers=["Wanjiru Kamau", "Felix Brandt"])
    assert people(NOTE, context) == [("DL404", "Hi Wanjiru,")]


def test_caller_context_overrides_eml_recipients_as_interviewers() -> None:
    text = eml("Wanjiru Kamau <wanjiru@example.com>", "Sam Hurst <sam@example.com>", NOTE)
    assert people(text) == [("DL404", "Hi Wanjiru,")]
    assert people(text, Context(interviewers=["Wanjiru Kamau"])) == []


def test_interviewers_alone_are_not_recipients() -> None:
    # Meeting several people is normal; only sending them one note is a group note.
    assert people(NOTE, Context(interviewers=["Wanjiru Kamau", "Felix Brandt"])) == []


# --- group notes: each rule reports its own evidence ----------------------------------


def test_greeting_recipients_and_body_report_independently() -> None:
    # Each finding is a separate edit (the greeting, the address line, the sentence),
    # and each rule is one the user may turn off without silencing the others.
    text = "Hi team,\n\nThank you all for your time on Monday.\n\nBest,\nSol\n"
    context = Context(recipients=["Wanjiru Kamau", "Felix Brandt"])
    assert people(text, context) == [("DL401", "Hi team,"), ("DL404", "Hi team,"), ("DL405", "Thank you all")]
    assert people(text) == [("DL401", "Hi team,"), ("DL405", "Thank you all")]


def test_plural_address_survives_greeting_rules_turned_off() -> None:
    text = "Dear Hiring Committee,\n\nThank you all for your time on Monday.\n\nBest,\nSol\n"
    report = lint_draft(text, config=Config(ignore=("DL401", "DL402", "DL403", "DL404")))
    assert [(f.rule_id, f.excerpt) for f in report.findings if f.category == "group-note"] == [
        ("DL405", "Thank you all")
    ]


def test_recipients_and_body() -> None:
    text = "Hi Wanjiru,\n\nThank you both for your time on Monday.\n\nBest,\nSol\n"
    context = Context(recipients=["Wanjiru Kamau", "Felix Brandt"])
    assert people(text, context) == [("DL404", "Hi Wanjiru,"), ("DL405", "Thank you both")]
    assert people(text) == [("DL405", "Thank you both")]


def test_names_greeting_runs_on_into_the_first_sentence() -> None:
    text = "Hi Jake, Jill and Maria, thank you all for the chat today, it was fun.\n"
    assert people(text) == [("DL403", "Hi Jake, Jill and Maria,"), ("DL405", "thank you all")]
    report = lint_draft(text)
    assert "3 people" in next(f.message for f in report.findings if f.rule_id == "DL403")


def test_greeting_read_up_to_a_run_on_clause() -> None:
    # The layout may run a greeting on to the first comma; the team named after it is
    # not who the note is addressed to.
    assert people("Hi Dana just wanted to thank the whole team for Friday, it was great.\n") == []
    assert people("Hi Dana - the whole team made me welcome, thank you.\n") == []
    assert people("hey all 👋 just wanted to say thanks for having me over for the pairing day, it was fun\n") == [
        ("DL401", "hey all 👋")
    ]


def test_quoted_reply_is_not_read() -> None:
    text = (
        "Hi Wanjiru,\n\nThanks for the update.\n\nBest,\nSol\n\n"
        "On Monday, Felix wrote:\n> Hi all,\n> Thank you all for coming in.\n"
    )
    assert people(text) == []


# --- name-dropping -------------------------------------------------------------------


def test_senior_people_by_full_first_and_honorific_name() -> None:
    context = Context(senior_people=[Person(name="Margit Olsen", aliases=("Maggie",))])
    assert people("Margit Olsen recommended me for this role.", context) == [
        ("DL321", "Margit Olsen recommended me")
    ]
    assert people("Margit suggested I apply.", context) == [("DL321", "Margit suggested I")]
    assert people("Ms. Olsen can vouch for my work.", context) == [("DL322", "Ms. Olsen can vouch")]
    assert people("Maggie will put in a good word for me.", context) == [("DL323", "Maggie will put in a good word")]
    # Without the context the name says nothing about rank.
    assert people("Margit Olsen recommended me for this role.") == []


def test_names_of_ordinary_words_match_case_sensitively() -> None:
    context = Context(senior_people=["Will Grant"])
    assert people("I will put in a good word for the new intern programme.", context) == []
    assert people("I will grant that, and I will put in a good word for the intern scheme.", context) == []
    assert people("Will Grant will put in a good word for me.", context) == [
        ("DL323", "Will Grant will put in a good word")
    ]


def test_other_senior_names_match_in_lower_case() -> None:
    context = Context(senior_people=["Saoirse Delacroix"])
    assert people("saoirse delacroix suggested i apply, so here i am", context) == [
        ("DL321", "saoirse delacroix suggested i")
    ]
    assert people("delacroix and i go way back", context) == [("DL320", "delacroix and i go way back")]


def test_shared_surname_names_nobody_for_sure() -> None:
    # The interviewer and the senior person share a surname: the surname alone (or with
    # an honorific) counts for neither, the full names still tell them apart.
    context = Context(senior_people=["Keith Brennan"], interviewers=["Molly Brennan"])
    assert people("Mr. Brennan told me to reach out to you.", context) == []
    assert people("Brennan can vouch for my work.", context) == []
    assert people("keith brennan told me to reach out to you.", context) == [
        ("DL321", "keith brennan told me to reach out to you")
    ]
    assert people("Molly Brennan told me to reach out to you.", context) == []
    # Another listed person with the same first name makes the first name ambiguous.
    context = Context(senior_people=["Henrik Aalto"], met=["Henrik Olsen"])
    assert people("Henrik and I are close.", context) == []
    assert people("Aalto and I are close.", context) == [("DL320", "Aalto and I are close")]


def test_people_met_are_not_leverage() -> None:
    text = "Your VP, Ines Moreau, encouraged me to apply for the senior track too."
    assert people(text) == [("DL321", "Your VP, Ines Moreau, encouraged me to apply")]
    assert people(text, Context(met=["Ines Moreau"])) == []
    assert people(text, Context(interviewers=[Person(name="Ola Berg", title="VP, Operations")])) == []
    # A senior person who also interviewed the writer is a contact, not a name to drop.
    context = Context(senior_people=["Margit Olsen"], interviewers=["Margit Olsen"])
    assert people("Margit told me to reach out to you with my references.", context) == []


def test_referral_requested_silences_referral_and_vouch_only() -> None:
    text = (
        "As you asked, your COO referred me. Your COO can vouch for my work, "
        "and your COO said she would put in a good word.\n"
    )
    assert sorted(r for r, _ in people(text)) == ["DL321", "DL322", "DL323"]
    assert [r for r, _ in people(text, Context(referral_requested=True))] == ["DL323"]


def test_pronoun_needs_a_senior_antecedent() -> None:
    assert people("Your CEO knows my work well. Please ask her about my launch.") == [
        ("DL322", "Your CEO knows my work well"),
        ("DL322", "ask her about my"),
    ]
    assert people("My old teacher knows my work well. Please ask her about my launch.") == []


def test_subject_pronoun_needs_the_senior_person_last() -> None:
    text = "I told your VP of Sales, an old classmate of mine, that I had applied, and she said she'd speak up for me."
    assert ("DL323", "she said she'd speak up for me") in people(text)
    # Someone else came between: the pronoun is theirs.
    assert people("Your CEO gave a fine keynote. My mentor said she'd speak up for me.") == []
    assert people("Your CEO gave a fine keynote, and my sister said she would put in a good word.") == []
    # No senior person before it at all.
    assert people("I enjoyed the case study. She said she would put in a good word.") == []


def test_name_drop_findings_explain_themselves() -> None:
    report = lint_draft("Hi Ana,\n\nI know your CEO personally.\n\nBest,\nTom\n")
    (finding,) = [f for f in report.findings if f.category == "name-drop"]
    assert finding.rule_id == "DL320" and finding.excerpt == "I know your CEO"
    assert "A16" in finding.sources and "A16" in finding.explanation and finding.suggestion


# --- robustness ----------------------------------------------------------------------


_PIECES = st.sampled_from(
    [*"abcDEF ,.!\n&'’-", "CEO ", "your ", "Dear ", "all ", "and ", "Hi ", "you ", "both ", "Dana ", "I know "]
)


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_checks_never_fail(text: str) -> None:
    context = Context(senior_people=["Dana Reyes"], recipients=["Dana Reyes", "Ola Berg"], met=["Ola Berg"])
    report = lint_draft(text, context=context)
    assert not report.failures
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.excerpt


# --- titles inside joined words ------------------------------------------------------


def test_joined_titles_count_as_titles() -> None:
    """"Vice-President" and "co-CEO" are one word each, but still titles."""
    base = "Dear Sam,\n\nThank you for the interview. {} is a close friend of my family and said she would " \
           "put in a good word for me.\n\nBest,\nAlex\n"
    for title in ("Your Vice-President", "Your co-CEO"):
        assert [rule for rule, _ in people(base.format(title))] == ["DL320"], title


def test_cue_patterns_are_compiled_only_once_a_draft_names_someone_senior() -> None:
    """A trigger word alone ("manager" in a job title) needs only the cheap gate; the
    cue patterns (0.2 s to compile) wait for a draft that names someone senior."""
    from draftlint.checks import people as module

    module._compile.cache_clear()
    role = "Dear Sam,\n\nThank you for the interview for the customer success manager role.\n\nBest,\nAlex\n"
    assert people(role) == []
    assert module._compile(()).compiled == {}
    tie = "Dear Sam,\n\nThank you. Your CEO is a close friend of my family and said she would put in a good word.\n\nBest,\nAlex\n"
    assert [rule for rule, _ in people(tie)] == ["DL320"]
    assert set(module._compile(()).compiled) == {"connection", "referral", "vouch", "lobbying"}


_TITLE_WORDS = ["CEO", "ceo", "Chief", "financial", "officer", "Vice", "vice-President", "president", "co-founder",
                "SVP", "v.p.", "Director", "head", "of", "the", "board", "chair", "members", "general", "Manager",
                "managing", "partners", "senior", "leadership", "higher-ups", "your", "boss", "owners", "an",
                "executive", "executives", "assistant", "team", "one", "at", "Dana", "x", ",", ".", "\n", "-"]


@given(st.lists(st.one_of(st.sampled_from(_TITLE_WORDS), st.text(st.characters(max_codepoint=127), max_size=6)),
                max_size=30),
       st.sampled_from([" ", "  ", "\n", "-", ""]))
def test_ascii_title_gate_finds_what_the_case_blind_gate_finds(words: list[str], joiner: str) -> None:
    # On ASCII text the name-drop gate runs lower-cased without IGNORECASE; it must
    # find exactly the titles that the case-insensitive gate finds in the text itself.
    from draftlint.checks.people import _compile

    seniors = _compile(())
    text = joiner.join(words)
    assert seniors.lower_gate is not None
    assert [m.span() for m in seniors.lower_gate.finditer(text.lower())] == [m.span() for m in seniors.gate.finditer(text)]
