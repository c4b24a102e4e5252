"""Rewrites made to read drafts faster give exactly what the plain versions gave.

Each test keeps the plain reference (the form a function had before it was made
faster) and compares it with the fast one on random inputs built from the characters
and fragments that matter to it: quote markers, reply headers, signature lines, slot
markers, line breaks of every kind, tabs, non-ASCII letters and lone surrogates.
"""

from __future__ import annotations

import bisect
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from draftlint.draft import Mask, Slot
from draftlint.sources import _quotes, directives, template

# Whole lines and pieces of lines that make the quote and signature finders fire, or
# nearly fire. "ſ" (long s) and "K" (Kelvin) fold into "s" and "k" under IGNORECASE.
_MAIL_BITS = [
    "", " ", "  ", "\t", ">", "> ", " >", "|>", ":", "-", "--", "-- ", "—", "__", "_", "-----", "=====",
    "On Tue, Mar 3, 2026 at 9:14 AM Dana <dana@example.com> wrote:", "On Tue, Mar 3, 2026",
    "Dana <dana@example.com> wrote:", "26.06.2014, 14:41, \"Al\" <abc@example.com>:",
    "From: Dana", "Sent: Monday", "To: me", "Date: today", "Subject: hi",
    "-----Original Message-----", "Begin forwarded message:", "________________________",
    "Best,", "best", "Thanks,", "Thank you!", "Kind regards", "Sincerely,", "Cheers", "Warmly,",
    "Sent from my iPhone", "sent from my phone", "ſent from my phone", "Envoyé de mon iPhone",
    "Gesendet von meinem", "via mobile", "sent via my Android", "Bilal Costa", "-Bilal Costa",
    "Product Manager", "dana@example.com", "https://example.com", "(773) 555-0137", "www.x.io",
    "Hello Nadia,", "I enjoyed our talk.", "é", "’", "K", "ſ", "\ud800", "\x00", "!!!!!!!!!!!!!!!!!!!!",
    "x" * 30,
]
_BREAKS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n"]
mail_texts = st.lists(
    st.tuples(st.lists(st.sampled_from(_MAIL_BITS), max_size=3).map("".join), st.sampled_from(_BREAKS)),
    max_size=14,
).map(lambda pairs: "".join(line + brk for line, brk in pairs))
mail_texts = st.one_of(mail_texts, mail_texts.map(lambda t: t.rstrip("\r\n")), st.text(max_size=60))

# Pieces of every placeholder style, the characters that open them, and the words the
# gates of find_slots look for, whole and cut short.
_SLOT_BITS = [
    "{", "}", "{{", "}}", "${", "$", "\\", "`", "[", "]", "<", ">", "%", "_", "___", "X", "XXX", " ", "\t",
    "\n", "\r\n", "\r", "a", "é", "’", "\ud800", ".", "(", ")", "=", "/", "@", "7", "[1]", "[sic]",
    "{first_name}", "{{ name }}", "${name}", "`{user_id}`", "%NAME%", "%", "<Company Name>", "<b>",
    "[Interviewer Name]", "[insert topic]", "<name@example.com>", "job.get('x')", "name", "Name", "ame",
    "your", "Your", "YOUR", "full ", "Full ", " here", "Mr", "Mrs", "Ms", "Mx", "Dr", "Miss", "M", "D",
    ". ", "Hiring Manager", "Hiring", "Interviewer", "Recruiter", "Last Name", "Last", "Surname",
    "So-and-so", "So-and-", "NAME", "NA", "COMPANY", "POSITION", "JOB TITLE", "EMPLOYER", "INTERVIEWER",
    "HIRING MANAGER", "HIRING", "N", "C", "J", "H", "I",
]
slot_texts = st.lists(st.sampled_from(_SLOT_BITS), max_size=30).map("".join)
# Runs near the length limits, of characters one to four bytes long in UTF-8, split by
# ASCII and Unicode whitespace; "\u2005", "\xa0", "Å" and "à" hold the bytes 0x85 and
# 0xA0, which are whitespace as characters but not as parts of a UTF-8 sequence.
_RUN_CHARS = ["x", "!", "'s", "’s", "_", ":", "é", "à", "Å", "日", "😀", "\ud800", "\x00"]
_GAPS = [" ", "\n", "\t", "\r\n", "\x0b", "\x1c", "\x1f", "\xa0", "\x85", "\u2005", "\u3000"]
run_texts = st.lists(
    st.tuples(st.sampled_from(_RUN_CHARS), st.sampled_from([1, 2, 5, 8, 15, 16, 17, 18, 40, 1030]),
              st.sampled_from(_GAPS)),
    max_size=6,
).map(lambda runs: "".join(char * count + gap for char, count, gap in runs))
# Directives whole and in pieces, in both spellings and any case.
_DIRECTIVE_BITS = [
    "<!--", "-->", "<!-- draftlint: disable DL201 -->", "{#", "#}", "{# draftlint: disable=DL201 #}",
    "{#- draftlint: enable -#}", "draftlint:", "DraftLint:", " disable", " disable-next-line", " ENABLE",
    " disable-file", " DL201, impatience", " -- a reason", "<", "{", "-", "#", " ", "\n", "\r", "é", "\ud800",
]
directive_texts = st.lists(st.sampled_from(_DIRECTIVE_BITS), max_size=12).map("".join)


# --- the plain forms -------------------------------------------------------------------


def _plain_find_masks(text: str) -> list[Mask]:
    """``find_masks`` trying every line, with the plain signature finder."""
    masks: list[Mask] = _quotes.long_run_masks(text)
    lines = _quotes._lines(text)
    cut = len(text)
    skip_to = 0
    interleaved: list[bool] | None = None
    colon = [":" in content for _, _, content in lines] + [False, False]
    for index, (start, end, content) in enumerate(lines):
        if start >= cut:
            break
        if index < skip_to:
            continue
        if not (colon[index] or colon[index + 1] or colon[index + 2] or "--" in content or "__" in content):
            continue
        header = _quotes._REPLY_HEADER.match(content) is not None
        last = index
        if not header and _quotes._REPLY_HEADER_START.match(content):
            for extra in (1, 2):
                if index + extra < len(lines):
                    joined = " ".join(c for _, _, c in lines[index : index + extra + 1])
                    if _quotes._REPLY_HEADER.match(joined):
                        header, last = True, index + extra
                        break
        if not header and _quotes._ADDRESS_COLON.match(content):
            below = index + 1
            while below < len(lines) and not lines[below][2].strip():
                below += 1
            header = below < len(lines) and _quotes._QUOTED_LINE.match(lines[below][2]) is not None
        separator = _quotes._SEPARATOR.match(text, start)
        if header or separator and separator.end() <= end + 1:
            if interleaved is None:
                interleaved = _quotes._interleaved(lines)
            if interleaved[last]:
                masks.append(Mask(start, lines[last][1], "quote"))
                skip_to = last + 1
                continue
            cut = _quotes._rule_above(lines, index)
            break
    for start, end, content in lines:
        if start >= cut:
            break
        if ">" in content and _quotes._QUOTED_LINE.match(content):
            masks.append(Mask(start, end, "quote"))
    sig = _plain_signature_start(lines, cut, masks)
    if sig is not None and sig < cut:
        masks.append(Mask(sig, cut, "signature"))
    if cut < len(text):
        masks.append(Mask(cut, len(text), "quote"))
    return _quotes._merge(masks)


def _plain_signature_start(lines: list[tuple[int, int, str]], cut: int, masks: list[Mask]) -> int | None:
    """``_signature_start`` sweeping every line and trying both patterns on each."""
    spans = sorted((m.start, m.end) for m in masks)
    body: list[tuple[int, int, str]] = []
    k = 0
    for s, e, c in lines:
        if s >= cut:
            break
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] <= s:
            continue
        body.append((s, e, c))
    for i, (start, _end, content) in enumerate(body):
        if _quotes._SIG_DASHES.fullmatch(content):
            return start
        if _quotes._SENT_FROM.match(content):
            if (i >= 1 and _quotes._NAME_LINE.fullmatch(body[i - 1][2]) and not _quotes._SIGN_OFF.match(body[i - 1][2])
                    and (i == 1 or not body[i - 2][2].strip())):
                return body[i - 1][0]
            return start
    nonblank = [(s, e, c) for s, e, c in body if c.strip()]
    if nonblank and _quotes._DASH_NAME.fullmatch(nonblank[-1][2]):
        i = body.index(nonblank[-1])
        if i == 0 or not body[i - 1][2].strip():
            return nonblank[-1][0]
    for back in range(1, min(len(nonblank), _quotes._MAX_SIGNATURE_LINES + 2)):
        _start, _end, content = nonblank[-back]
        if _quotes._SIGN_OFF.match(content):
            tail = nonblank[-back + 1 :] if back > 1 else []
            if tail and all(len(c.strip()) <= _quotes._MAX_SIGNATURE_LINE for _, _, c in tail):
                return tail[0][0]
            return None
    return _quotes._contact_block(body)


def _plain_find_slots(text: str, start: int = 0, taken: list[tuple[int, int]] | None = None) -> list[Slot]:
    """``find_slots`` running every pattern over every text, without the gates."""
    merged: list[list[int]] = []
    for a, b in sorted([*(taken or ()), *(m.span() for m in template._INLINE_CODE.finditer(text, start))]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    ends = [b for _, b in merged]
    slots: list[Slot] = []

    def add(s: int, e: int, name: str, style: str) -> None:
        index = bisect.bisect_left(starts, e) - 1
        if index < 0 or ends[index] <= s:
            slots.append(Slot(s, e, template._norm(name), style))
            index = bisect.bisect_left(starts, s)
            starts.insert(index, s)
            ends.insert(index, e)

    for match in template._BRACE.finditer(text, start):
        if template._slot_like(match.group(1)) or template._SNAKE.fullmatch(match.group(1)):
            add(match.start(), match.end(), match.group(1), "brace")
    for match in template._BRACKET.finditer(text, start):
        content = match.group(1)
        if content.strip().isdigit():
            continue
        if template._slot_like(content) or content.lower().startswith("insert"):
            add(match.start(), match.end(), content, "bracket")
    for match in template._ANGLE.finditer(text, start):
        content = match.group(1).strip()
        first = content.split()[0].lower() if content.split() else ""
        if "://" in content or first in template._HTML_TAGS or "=" in content:
            continue
        if template._slot_like(content) and (" " in content or "_" in content or content[:1].isupper()
                                             or template._KEYWORD.search(content)):
            add(match.start(), match.end(), content, "angle")
    for match in template._PERCENT.finditer(text, start):
        add(match.start(), match.end(), match.group(1), "percent")
    for match in template._BLANK.finditer(text, start):
        add(match.start(), match.end(), "blank", "blank")
    for match in template._DOLLAR.finditer(text, start):
        add(match.start(), match.end(), match.group(1), "dollar")
    for match in template._CODE.finditer(text, start):
        add(match.start(), match.end(), match.group(1).split("(")[0].split("[")[0], "code")
    for pattern, _needs in template._STAND_INS:
        for match in pattern.finditer(text, start):
            found = match.group()
            add(match.start() + len(found) - len(found.lstrip()), match.end() - (len(found) - len(found.rstrip())),
                found.strip(), "stand-in")
    lines: dict[int, tuple[int, int]] = {}
    for match in template._CAPS.finditer(text, start):
        if not template._shouting(text, match.start(), match.end(), lines):
            add(match.start(), match.end(), match.group(), "caps")
    return sorted(slots, key=lambda s: s.start)


def _plain_find_directives(text: str) -> tuple[list[directives.Directive], list[Mask]]:
    """``find_directives`` trying its pattern over every text."""
    found, masks = [], []
    for match in directives._DIRECTIVE.finditer(text):
        action = (match.group("a1") or match.group("a2")).lower()
        raw = (match.group("k1") or match.group("k2") or "").strip().lstrip("=").strip()
        keys = tuple(k for k in re.split(r"[\s,]+", raw) if k)
        reason = (match.group("r1") or match.group("r2") or "").strip()
        found.append(directives.Directive(action, keys, match.start(), match.end(), reason))  # type: ignore[arg-type]
        masks.append(Mask(match.start(), match.end(), "markup"))
    return found, masks


def _plain_long_run_masks(text: str) -> list[Mask]:
    """``long_run_masks`` stepping through every chunk of every text."""
    masks = []
    position = 0
    while (chunk := _quotes._LONG_CHUNK.match(text, position)) is not None:
        start, end = chunk.span(1)
        position = end
        if end - start <= _quotes.MAX_PUNCT:
            break
        masks += [Mask(m.start() + _quotes.MAX_PUNCT, m.end(), "markup")
                  for m in _quotes._PUNCT_RUN.finditer(text, start, end)]
        if end - start > _quotes.MAX_RUN:
            masks.append(Mask(start + _quotes.MAX_RUN, end, "markup"))
    return masks


# --- fast against plain ----------------------------------------------------------------


@given(mail_texts)
@example("")
@example("\n\n")
@example("Hi,\n\nThanks!\n\nBest,\nBilal\n")
@example("Hi\n  ſent from my phone")
@example("Hi\n\nBilal\n\tSent from my iPhone\n")
@example("Hi\n-- \nBilal\n")
@example("On Tue, Mar 3, 2026 at 9:14 AM Dana <dana@example.com> wrote:\n> hi\n")
@example("Hi Dana\n________________________\nold text\n")
@example("Hi Dana\n-----Original Message-----\nold text\n")
def test_find_masks_matches_the_plain_form(text: str) -> None:
    assert _quotes.find_masks(text) == _plain_find_masks(text)


@given(mail_texts, st.integers(0, 400), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=3))
def test_signature_start_matches_the_plain_form(text: str, cut: int, spans: list[tuple[int, int]]) -> None:
    lines = _quotes._lines(text)
    masks = [Mask(a, a + n, "quote") for a, n in spans]
    cut = min(cut, len(text))
    assert _quotes._signature_start(lines, cut, masks) == _plain_signature_start(lines, cut, masks)
    assert _quotes._signature_start(lines, len(text), []) == _plain_signature_start(lines, len(text), [])


@settings(max_examples=300)
@given(slot_texts, st.integers(0, 8), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=2))
@example("Dear Mrs. Hiring Manager,\nYour Name\n", 0, [])
@example("{first_name} ${x} %NAME% [Interviewer Name] <Company> ___ `{a}` COMPANY NAME", 0, [])
@example("x{name}", 1, [])
@example("Dear XXX, at [Company]", 0, [])
@example("{name}", 1, [])
def test_find_slots_matches_the_plain_form(text: str, start: int, spans: list[tuple[int, int]]) -> None:
    start = min(start, len(text))
    taken = [(a, a + n) for a, n in spans]
    assert template.find_slots(text, start, taken) == _plain_find_slots(text, start, taken)


@given(st.one_of(directive_texts, st.text(max_size=40)))
@example("<!-- draftlint: disable DL201 -- a reason -->")
@example("{# draftlint: disable=DL201 #}")
def test_find_directives_matches_the_plain_form(text: str) -> None:
    assert directives.find_directives(text) == _plain_find_directives(text)


@given(st.one_of(slot_texts, st.text(alphabet="{%#} x\n\ud800", max_size=12)))
@example("{ {%")
@example("{x{{")
def test_looks_like_template_matches_the_plain_form(text: str) -> None:
    assert template.looks_like_template(text) == ("{{" in text or "{%" in text)


@settings(max_examples=300)
@given(st.one_of(run_texts, run_texts.map(str.strip), mail_texts))
@example("!" * 17)
@example("x" * 17)
@example("é" * 17)
@example("x" * 8 + "\xa0" + "x" * 8)
@example("!" * 8 + "\u2005" + "!" * 9)
@example("x" * 16 + "\x1c" + "x")
def test_long_run_masks_match_the_plain_form(text: str) -> None:
    assert _quotes.long_run_masks(text) == _plain_long_run_masks(text)
