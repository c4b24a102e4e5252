"""Hypothesis properties of ``lint_draft``: offsets, robustness, determinism, round trips.

The strategies mix arbitrary Unicode (lone surrogates included: hypothesis's default
``st.text()`` never draws category Cs), NULs, every newline style, zero-width and
right-to-left marks into realistic drafts that carry known bad phrases, so that the
properties are checked on reports that actually have findings.
"""

from __future__ import annotations

import warnings
from collections import Counter

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftlint import Report, lint_draft
from draftlint.models import CATEGORIES
from draftlint.sources import read

# When a property fails, hypothesis imports hypothesis.extra._patching (and libcst) to
# suggest a patch. Under this project's ``filterwarnings = ["error"]`` libcst's
# import-time DeprecationWarning (from mypy_extensions) then turns the failure into a
# pytest INTERNALERROR that ends the whole session. Import it once here, warning silenced.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import hypothesis.extra._patching  # noqa: F401
    except Exception:  # noqa: BLE001 - libcst is optional; hypothesis copes without it
        pass

# -- strategies ------------------------------------------------------------------------

ODD = ["\x00", "\r", "\r\n", "\n", "\u200b", "\u200d", "\ufeff", "\u200f", "\u202e"]
ODD_NO_CR = [c for c in ODD if "\r" not in c]

#: Phrases the built-in rules must flag (impatience, call-me-back, a last-email dig).
BAD = ["I still haven't heard back", "Please call me back", "per my last email"]
FILLER = [
    "Thank you for taking the time to meet with me on Tuesday",
    "I enjoyed learning about the new billing platform",
    "Our talk about onboarding stuck with me",
    "I am excited about the chance to join the support team",
    "My experience with payroll audits seems relevant",
    "Hope your week is going well",
    "It was great to meet Dana and the rest of the group",
    "Let me know if you need anything else from me",
]
ENDINGS = [".", "!", "?", ",", ";", ""]

any_char = st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(ODD))
#: Arbitrary Unicode including lone surrogates and the awkward characters above.
any_text = st.lists(any_char, max_size=400).map("".join)
#: The same without surrogates (they cannot be encoded to UTF-8 bytes).
encodable_text = st.lists(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(ODD)), max_size=400
).map("".join)


@st.composite
def drafts(
    draw: st.DrawFn,
    newlines: tuple[str, ...] = ("\n", "\r\n", "\r"),
    odd: tuple[str, ...] = tuple(ODD),
    surrogates: bool = True,
) -> str:
    """A plausible follow-up note: filler sentences, known bad phrases, odd characters."""
    pieces: list[str] = []
    if draw(st.booleans()):
        pieces.append("Hi Pat," + draw(st.sampled_from(newlines)) * draw(st.integers(1, 2)))
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["filler", "filler", "bad", "odd", "noise"]))
        if kind == "filler":
            pieces.append(draw(st.sampled_from(FILLER)) + draw(st.sampled_from(ENDINGS)))
        elif kind == "bad":
            phrase = draw(st.sampled_from(BAD))
            if draw(st.booleans()):
                phrase = phrase[0].lower() + phrase[1:]
            pieces.append(phrase + draw(st.sampled_from(ENDINGS)))
        elif kind == "odd":
            pieces.append(draw(st.sampled_from(odd)))
        else:
            alphabet = any_char if surrogates else st.characters(exclude_categories=["Cs"])
            noise = draw(st.lists(alphabet, max_size=12))
            pieces.append("".join(c for c in noise if "\r" not in c and "\n" not in c) or "ok")
        pieces.append(draw(st.sampled_from([" ", " ", *newlines, newlines[0] * 2])))
    if draw(st.booleans()):
        pieces.append("Best regards," + newlines[0] + "Leo" + newlines[0])
    return "".join(pieces)


texts = st.one_of(any_text, drafts())
lf_texts = st.one_of(
    st.lists(st.one_of(st.characters(exclude_characters="\r"), st.sampled_from(ODD_NO_CR)), max_size=400).map("".join),
    drafts(newlines=("\n",), odd=tuple(ODD_NO_CR)),
)

_PART_ORDER = {"body": 0, "subject": 1}


# -- helpers ---------------------------------------------------------------------------


from helpers import expected_position as _expected_position  # noqa: E402


def _check_offsets(report: Report, part_texts: dict[str, str]) -> None:
    for f in report.findings:
        assert f.part in part_texts, f"finding in unknown part {f.part}"
        text = part_texts[f.part]
        assert 0 <= f.start < f.end <= len(text), (f.start, f.end, len(text))
        assert text[f.start : f.end] == f.excerpt
        assert (f.line, f.column) == _expected_position(text, f.start), (f.rule_id, f.start)


def _ids(report: Report) -> Counter[str]:
    return Counter(f.rule_id for f in report.findings)


def _key(report: Report) -> list[tuple[str, str, int, int]]:
    return [(f.rule_id, f.part, f.start, f.end) for f in report.findings]


# -- properties ------------------------------------------------------------------------


@given(texts)
def test_offsets_slice_the_text(text: str) -> None:
    report = lint_draft(text, kind="text")
    hypothesis.target(float(len(report.findings)), label="findings")
    _check_offsets(report, {"body": text})


@given(texts, st.sampled_from(["auto", "text", "markdown", "eml"]))
def test_never_raises_and_offsets_index_each_part(text: str, kind: str) -> None:
    report = lint_draft(text, kind=kind)  # type: ignore[arg-type]
    assert report.failures == (), report.failures
    draft = read(text, kind=kind)  # type: ignore[arg-type]
    if draft.kind in ("text", "markdown"):
        # Readers never delete characters: the body is the caller's text.
        assert draft.body.text == text
    _check_offsets(report, {name: part.text for name, part in draft.parts.items()})
    for f in report.findings:
        assert f.category in CATEGORIES


@given(st.binary(max_size=600))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    report = lint_draft(data)
    assert report.failures == ()


@st.composite
def mails(draw: st.DrawFn) -> bytes:
    subject = draw(drafts(newlines=(" ",), odd=("\u200b", "\u200f", "\u202e", "\ufeff"), surrogates=False))
    body = draw(drafts(newlines=("\n", "\r\n"), surrogates=False))
    head = (
        "From: Leo Martens <leo@example.net>\r\n"
        "To: Pat Doe <pat@example.com>\r\n"
        f"Subject: {' '.join(subject.split()) or 'Hello'}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return (head + body).encode("utf-8")


@given(mails())
def test_mail_offsets_index_the_decoded_parts(data: bytes) -> None:
    report = lint_draft(data)
    hypothesis.target(float(len(report.findings)), label="findings")
    assert report.kind == "eml"
    assert report.failures == ()
    draft = read(data)
    _check_offsets(report, {name: part.text for name, part in draft.parts.items()})


@given(st.one_of(texts, mails()))
def test_deterministic_and_sorted(data: str | bytes) -> None:
    first = lint_draft(data)
    second = lint_draft(data)
    assert first == second
    keys = [(_PART_ORDER[f.part], f.start, f.rule_id) for f in first.findings]
    assert keys == sorted(keys)


@given(st.one_of(drafts(surrogates=False), encodable_text, mails()))
def test_json_round_trip(data: str | bytes) -> None:
    report = lint_draft(data)
    hypothesis.target(float(len(report.findings)), label="findings")
    assert Report.model_validate_json(report.to_json()) == report
    assert Report.model_validate_json(report.to_json(indent=None)) == report


@given(drafts())
def test_json_round_trip_with_lone_surrogates(text: str) -> None:
    report = lint_draft(text)
    assert Report.model_validate_json(report.to_json()) == report


@pytest.mark.parametrize(
    "surrogates", ["\ud800", "\udc00", "\ud800\udc00", "\udc00\ud800"], ids=["high", "low", "high-low", "low-high"]
)
def test_json_round_trip_when_an_excerpt_holds_lone_surrogates(surrogates: str) -> None:
    # Surrogates inside a flagged span end up in the excerpt and the message, which the
    # JSON report must still carry exactly (the sentence-level tone check flags the
    # whole sentence, surrogates included). A high surrogate followed by a low one is
    # still two code points in a Python string and must not come back as one.
    text = f"Thank you for Tuesday. Your recruiters were rude, careless and insulting {surrogates} the whole time."
    report = lint_draft(text)
    assert any(surrogates in f.excerpt for f in report.findings), [f.excerpt for f in report.findings]
    back = Report.model_validate_json(report.to_json())
    assert [f.excerpt for f in back.findings] == [f.excerpt for f in report.findings]
    assert back == report


@given(lf_texts)
def test_lf_and_crlf_give_the_same_rule_ids(text: str) -> None:
    lf = lint_draft(text, kind="text")
    crlf = lint_draft(text.replace("\n", "\r\n"), kind="text")
    hypothesis.target(float(len(lf.findings)), label="findings")
    assert _ids(lf) == _ids(crlf)


@given(st.one_of(encodable_text, drafts(surrogates=False)))
def test_bytes_give_the_same_findings_as_str(text: str) -> None:
    as_str = lint_draft(text)
    as_bytes = lint_draft(text.encode("utf-8"))
    hypothesis.target(float(len(as_str.findings)), label="findings")
    assert _ids(as_bytes) == _ids(as_str)

    # A leading U+FEFF becomes a UTF-8 byte order mark, which decoding drops.
    def excerpts(report: Report) -> list[tuple[str, str]]:
        return sorted((f.rule_id, f.excerpt.removeprefix("\ufeff") if f.start == 0 else f.excerpt) for f in report.findings)

    assert excerpts(as_bytes) == excerpts(as_str)


QUOTE_HEADER = "\n\nOn Mon, Jan 5, 2026 at 9:00 AM Pat Doe <pat@example.com> wrote:\n> "


@given(drafts(newlines=("\n", "\r\n")), st.sampled_from(BAD))
def test_quoted_text_is_never_linted(text: str, phrase: str) -> None:
    base = lint_draft(text, kind="text")
    quoted = text + QUOTE_HEADER + phrase + "."
    with_quote = lint_draft(quoted, kind="text")
    assert _key(with_quote) == _key(base)
    assert all(f.end <= len(text) for f in with_quote.findings)


# -- the strategies do exercise the rules ----------------------------------------------


@pytest.mark.parametrize("phrase", BAD)
def test_each_planted_phrase_is_flagged(phrase: str) -> None:
    text = f"{FILLER[0]}.\n\n{phrase}.\n\n{FILLER[1]}.\n"
    report = lint_draft(text)
    start = text.index(phrase)
    covering = [f for f in report.findings if f.start <= start + 1 and f.end >= start + len(phrase) - 1]
    assert covering, f"{phrase!r} not flagged: {[(f.rule_id, f.excerpt) for f in report.findings]}"


def test_planted_phrases_survive_odd_characters_and_newlines() -> None:
    text = "Hi Pat,\r\rThanks \u200b for Tuesday.\r\nI still haven't heard back.\x00 \u202e Please call me back!\r"
    report = lint_draft(text)
    assert {"I still haven't heard back", "Please call me back"} <= {f.excerpt for f in report.findings}
    _check_offsets(report, {"body": text})


def test_quoted_phrase_would_be_flagged_outside_the_quote() -> None:
    # The control for test_quoted_text_is_never_linted: the same phrase unquoted counts.
    base = "Thank you for Tuesday."
    for phrase in BAD:
        plain = lint_draft(base + "\n\n" + phrase + ".")
        assert any(f.start >= len(base) for f in plain.findings), phrase
        quoted = lint_draft(base + QUOTE_HEADER + phrase + ".")
        assert _key(quoted) == _key(lint_draft(base)), phrase


header_value = st.binary(max_size=60).map(lambda b: b.replace(b"\r", b" ").replace(b"\n", b" "))


@given(header_value, header_value, header_value, header_value, st.sampled_from(["utf-8", "iso-8859-1", "x-unknown"]))
def test_never_raises_on_mail_with_odd_headers(to: bytes, cc: bytes, subject: bytes, date: bytes, charset: str) -> None:
    data = (
        b"From: Leo <leo@example.net>\r\nTo: " + to + b" <pat@example.com>\r\nCc: " + cc + b"\r\nSubject: " + subject
        + b"\r\nDate: " + date + b"\r\nContent-Type: text/plain; charset=" + charset.encode()
        + b"\r\n\r\nHi Pat,\r\nI still haven't heard back.\r\n"
    )
    report = lint_draft(data)
    assert report.kind == "eml"
    assert report.failures == ()
    assert "I still haven't heard back" in [f.excerpt for f in report.findings]
