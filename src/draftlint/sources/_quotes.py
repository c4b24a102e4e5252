"""Find quoted replies, forwarded messages and signatures in a mail body, and text
that is not prose at all (overlong runs without whitespace, walls of punctuation).

Nothing here deletes text: each finder returns :class:`~draftlint.draft.Mask` spans over
the original string, and the draft blanks them in its analysis text. The heuristics are
line based and linear in the length of the text, whatever the text.
"""

from __future__ import annotations

import bisect
import re

from ..draft import Mask

__all__ = ["MAX_PUNCT", "MAX_RUN", "find_masks", "long_run_masks"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

_QUOTED_LINE = re.compile(r"[ \t]*(?:>|\|>)")
# "On Tue, Mar 3, 2026 at 9:14 AM Dana <dana@example.com> wrote:", possibly folded over
# two lines, and the same header as a few other mail clients and languages write it.
_REPLY_HEADER = re.compile(
    r"""[ \t]*(?:
        (?:On|Am|Le|El|Il|Op|Em|W\ dniu)\b[^\r\n]{0,300}?
            (?:wrote|writes|schrieb|a\ écrit|escribió|ha\ scritto|schreef|escreveu|napisał)\s*:
      | [^\r\n]{0,120}<[^<>@\s]+@[^<>\s]+>\s+(?:wrote|writes|написал|написала)\s*:
      | \d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t][^\r\n@]{0,200}@[^\r\n]{0,200}?(?:wrote|написал|написала|пишет)\s*:
    )[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "26.06.2014, 14:41, "Alexander L" <abc@example.com>:" right above a ">" block.
# Possessive runs: giving characters back could never help the match, and trying it
# on a long "a.a.a.a…" domain took time quadratic in the line length.
_ADDRESS_COLON = re.compile(r"[^\r\n@]{1,200}@[\w-]++\.[\w.-]++>?[^\r\n@]{0,40}:[ \t]*$")
_REPLY_HEADER_START = re.compile(r"[ \t]*(?:(?:On|Am|Le|El)\s|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[, \t])[^\r\n]{0,200}$")
_SEPARATOR = re.compile(
    r"""[ \t]*(?:
        -{2,}\s*(?:Original\ Message|Forwarded\ message|Reply\ message|Weitergeleitete\ Nachricht)\s*-{2,}
      | Begin\ forwarded\ message:
      | _{20,}
      | \*?(?:From|De|Von|От):\*?\s[^\r\n]*+\s*$(?=[\s\S]{0,400}^[ \t]*\*?(?:Sent|Date|Envoyé|Gesendet|To|Отправлено|Дата|Кому):)
      | (?:Date|Subject|Sent):\s[^\r\n]*$(?=(?:\r?\n[ \t]*(?:Date|Subject|Sent|To|Cc):[^\r\n]*){0,3}\r?\n[ \t]*From:\s)
    )""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_RULE = re.compile(r"[ \t]*(?:-{5,}|_{5,}|={5,})[ \t]*")
# "-Abhishek Kona": a dash and a capitalised name as the last line of the reply.
_DASH_NAME = re.compile(r"[ \t]*-[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*")
_SIG_DASHES = re.compile(r"(?:-- ?|—|__)[ \t]*$")
_SENT_FROM = re.compile(
    r"[ \t]*(?:(?:Sent|Envoyé|Gesendet)\s(?:from|with|depuis|von)\s[^\r\n]{0,60}"
    r"|(?:sent\s)?via\s(?:my\s)?(?:mobile|phone|cell|iPhone|iPad|Android)\b[^\r\n]{0,30})$",
    re.IGNORECASE,
)
# The characters these two can open with (after blanks, for _SENT_FROM, whose
# IGNORECASE also folds the long s "ſ" into "s").
_SIG_DASHES_FIRST = frozenset("-—_")
_SENT_FROM_FIRST = frozenset("sSſeEgGvV")
# A name on its own line right above "Sent from my …" / "via mobile".
_NAME_LINE = re.compile(r"[ \t]*[A-Z][\w.,'’-]*(?:[ \t]+[A-Z][\w.,'’-]*){0,3}[ \t]*")
# Possessive blanks here and in _SEPARATOR: a line of spaces could otherwise be split in
# every way between two adjacent blank runs (16,000 spaces: 2.9 s for one line).
_SIGN_OFF = re.compile(
    r"""[ \t]*+(?:
        (?:best|kind|warm|warmest|many|all\ the\ best|with\ best|with\ kind)?\s*+(?:regards|wishes)
      | best | cheers | sincerely | yours(?:\ (?:sincerely|truly))? | sincerely\ yours
      | respectfully | warmly | gratefully | cordially
      | thanks(?:\ (?:again|so\ much|a\ lot))? | thank\ you(?:\ (?:again|so\ much))?
      | many\ thanks | with\ (?:gratitude|thanks|appreciation) | all\ the\ best | take\ care
      | talk\ soon | best\ wishes
    )[ \t]*+[,.!]?[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A signature block after a sign-off is a few short lines: a name, a title, a phone.
_MAX_SIGNATURE_LINES = 8
_MAX_SIGNATURE_LINE = 80
# A closing block without a sign-off: short lines, two or more of them contact details.
# NOTE: "@" is looked for first and what stands before it by lookbehind: a leading
# "[\w.+-]+@" would rescan a long run of word characters from each of its positions.
_CONTACT = re.compile(r"(?<=[\w.+-])@[\w-]+\.\w|https?://|\bwww\.|\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b")
_MAX_CONTACT_BLOCK_LINES = 12
_MAX_CONTACT_LINE_WORDS = 6
# spaCy's tokenizer takes time quadratic in the length of a chunk without whitespace
# while it keeps splitting affixes off its ends: 40,000 "!" took over two minutes, and
# runs of brackets, apostrophes, underscores or "'s's's" the same. Prose has no stretch
# of more than a few punctuation marks, so the rest of one past its first MAX_PUNCT
# characters (an "'s" counts as punctuation) is masked: never linted. That alone keeps
# every run of one or two repeated characters tried, of any length, near 5 microseconds
# a character, but a few mixes ("a:a:a:...") still grow slowly, so a run is also cut off
# after MAX_RUN characters: long enough for real links, whose length still counts
# towards the note's layout (about 11 microseconds a character at worst).
MAX_RUN = 1024
MAX_PUNCT = 16
# The next chunk of more than MAX_PUNCT characters: shorter ones are skipped possessively,
# which costs a few microseconds a kilobyte of prose.
_LONG_CHUNK = re.compile(r"\s*+(?:\S{1,%d}+\s++)*+(\S++)" % MAX_PUNCT)
_PUNCT = r"(?:[^\w\s]|_|(?<=['\u2019])[sS])"
_PUNCT_RUN = re.compile(r"%s{%d,}" % (_PUNCT, MAX_PUNCT + 1))
# A note's UTF-8 bytes with ASCII whitespace as " " and every other byte as "x": no
# byte of a multi-byte character is below 128, so a run of more than MAX_PUNCT
# characters without whitespace shows as more than MAX_PUNCT "x" in a row (and only
# a rare run of wide characters shows so without being one).
_RUN_BYTES = bytes(32 if chr(b).isspace() else 120 for b in range(128)) + b"x" * 128
_LONG_RUN_BYTES = b"x" * (MAX_PUNCT + 1)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end-without-newline, content) for each line (no empty line after a
    final line break)."""
    if "\r" not in text:
        # The usual case, without a match object per line: "\n" alone ends lines.
        out = []
        start = 0
        for content in text.split("\n"):
            out.append((start, start + len(content), content))
            start += len(content) + 1
        if len(out) > 1 and not out[-1][2]:
            out.pop()
        return out
    out = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and out:
            break
        raw = match.group()
        content = raw.rstrip("\r\n")
        out.append((match.start(), match.start() + len(content), content))
        if match.end() >= len(text):
            break
    return out


def long_run_masks(text: str) -> list[Mask]:
    """Masks for the rest of each run without whitespace past its first :data:`MAX_RUN`
    characters, and of each stretch of punctuation past its first :data:`MAX_PUNCT`
    (a pasted blob, a wall of "!!!!"): that is not prose."""
    # Most notes have no run that long: bytes.translate and a bytes search tell so in
    # about a microsecond, where _LONG_CHUNK steps through every word of the note.
    if _LONG_RUN_BYTES not in text.encode("utf-8", "surrogatepass").translate(_RUN_BYTES):
        return []
    masks = []
    position = 0
    while (chunk := _LONG_CHUNK.match(text, position)) is not None:
        start, end = chunk.span(1)
        position = end
        if end - start <= MAX_PUNCT:
            break  # the last chunk of the text, and a short one
        masks += [Mask(m.start() + MAX_PUNCT, m.end(), "markup") for m in _PUNCT_RUN.finditer(text, start, end)]
        if end - start > MAX_RUN:
            masks.append(Mask(start + MAX_RUN, end, "markup"))
    return masks


def find_masks(text: str) -> list[Mask]:
    """Masks for the quoted reply, forwarded block and signature of a mail body, and the
    :func:`long_run_masks` (the tails of overlong runs and of walls of punctuation)."""
    masks: list[Mask] = long_run_masks(text)
    lines = _lines(text)
    cut = len(text)  # everything from here on is quoted or signature

    skip_to = 0
    interleaved: list[bool] | None = None
    # Every reply header and separator below holds a ":" (a folded header, in one of
    # its three lines), "--" or "__": other lines are passed over without trying them,
    # and a note holding none of them (most do) is not gone through at all.
    headed = ":" in text or "--" in text or "__" in text
    colon = [":" in content for _, _, content in lines] + [False, False] if headed else []
    for index, (start, end, content) in enumerate(lines if headed else ()):
        if start >= cut:
            break
        if index < skip_to:
            continue
        if not (colon[index] or colon[index + 1] or colon[index + 2] or "--" in content or "__" in content):
            continue
        header = _REPLY_HEADER.match(content) is not None
        last = index  # the header's last line
        if not header and _REPLY_HEADER_START.match(content):
            # A reply header folded onto two or three lines.
            for extra in (1, 2):
                if index + extra < len(lines):
                    joined = " ".join(c for _, _, c in lines[index : index + extra + 1])
                    if _REPLY_HEADER.match(joined):
                        header, last = True, index + extra
                        break
        if not header and _ADDRESS_COLON.match(content):
            below = index + 1
            while below < len(lines) and not lines[below][2].strip():
                below += 1
            header = below < len(lines) and _QUOTED_LINE.match(lines[below][2]) is not None
        separator = _SEPARATOR.match(text, start)
        if header or separator and separator.end() <= end + 1:
            if interleaved is None:
                interleaved = _interleaved(lines)
            if interleaved[last]:
                # Only the header is masked here; the ">" lines are masked one by one below.
                masks.append(Mask(start, lines[last][1], "quote"))
                skip_to = last + 1
                continue
            cut = _rule_above(lines, index)
            break

    for start, end, content in lines if ">" in text else ():
        if start >= cut:
            break
        if ">" in content and _QUOTED_LINE.match(content):
            masks.append(Mask(start, end, "quote"))

    sig = _signature_start(lines, cut, masks)
    if sig is not None and sig < cut:
        masks.append(Mask(sig, cut, "signature"))
    if cut < len(text):
        masks.append(Mask(cut, len(text), "quote"))
    return _merge(masks)


def _interleaved(lines: list[tuple[int, int, str]]) -> list[bool]:
    """For each line: whether a ``>`` line below it is followed by the writer's own text.

    A top-posted reply quotes everything below its header. An interleaved (or
    bottom-posted) reply has unquoted lines after a ``>`` block; then only the header
    itself is masked and the ``>`` lines are masked one by one. One pass from the bottom.
    """
    flags = [False] * len(lines)
    answered_below = writer_below = False
    for index in range(len(lines) - 1, -1, -1):
        flags[index] = answered_below
        content = lines[index][2]
        if not content.strip():
            continue
        if _QUOTED_LINE.match(content):
            answered_below = answered_below or writer_below
        elif not _SIGN_OFF.match(content):
            writer_below = True
    return flags


def _rule_above(lines: list[tuple[int, int, str]], index: int) -> int:
    """The start of the separator on line ``index``, or of a rule line just above it."""
    above = index - 1
    while above >= 0 and not lines[above][2].strip():
        above -= 1
    if above >= 0 and _RULE.fullmatch(lines[above][2]):
        return lines[above][0]
    return lines[index][0]


def _signature_start(lines: list[tuple[int, int, str]], cut: int, masks: list[Mask]) -> int | None:
    if not masks:
        # The usual case: every line before the cut (line starts only ever grow, and a
        # line (s, e, c) sorts before (cut,) exactly when s < cut).
        return _signature_in(lines[: bisect.bisect_left(lines, (cut,))])
    spans = sorted((m.start, m.end) for m in masks)
    body: list[tuple[int, int, str]] = []
    k = 0
    for s, e, c in lines:  # the lines before the cut that no mask covers, in one sweep
        if s >= cut:
            break
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] <= s:
            continue
        body.append((s, e, c))
    return _signature_in(body)


def _signature_in(body: list[tuple[int, int, str]]) -> int | None:
    """Where the signature starts among ``body``, the unmasked lines before the cut."""
    for i, (start, _end, content) in enumerate(body):
        # The first character tells most lines from both patterns: two regex calls a
        # line were most of the time spent here.
        first = content[:1]
        if first in _SIG_DASHES_FIRST and _SIG_DASHES.fullmatch(content):
            return start
        if first in " \t":
            first = content.lstrip(" \t")[:1]
        if first in _SENT_FROM_FIRST and _SENT_FROM.match(content):
            if (i >= 1 and _NAME_LINE.fullmatch(body[i - 1][2]) and not _SIGN_OFF.match(body[i - 1][2])
                    and (i == 1 or not body[i - 2][2].strip())):
                return body[i - 1][0]
            return start
    # The last sign-off line followed by a short block (a name, a title, a number).
    nonblank = [line for line in body if line[2].strip()]
    if nonblank and _DASH_NAME.fullmatch(nonblank[-1][2]):
        i = body.index(nonblank[-1])
        if i == 0 or not body[i - 1][2].strip():
            return nonblank[-1][0]  # "-Name" on its own line after a blank line ends the reply
    for back in range(1, min(len(nonblank), _MAX_SIGNATURE_LINES + 2)):
        start, end, content = nonblank[-back]
        if _SIGN_OFF.match(content):
            tail = nonblank[-back + 1 :] if back > 1 else []
            if tail and all(len(c.strip()) <= _MAX_SIGNATURE_LINE for _, _, c in tail):
                return tail[0][0]
            return None
    return _contact_block(body)


def _contact_block(body: list[tuple[int, int, str]]) -> int | None:
    """Where a signature with no sign-off starts, if the reply ends with one.

    The closing lines must all be short and not sentences (at most six words, no "?" or
    "!" at the end), two or more of them must carry an address, URL or phone number,
    and they must open with a name (the last paragraph) or with a rule line ("-----")
    after a blank line.
    """
    def short(content: str) -> bool:
        return len(content.split()) <= _MAX_CONTACT_LINE_WORDS and not content.endswith(("?", "!"))

    last = len(body) - 1
    while last >= 0 and not body[last][2].strip():
        last -= 1
    # The last paragraph, opening with a name.
    first = last
    while first > 0 and body[first - 1][2].strip():
        first -= 1
    paragraph = [c.strip() for _, _, c in body[first : last + 1]]
    if (2 <= len(paragraph) <= 6 and _NAME_LINE.fullmatch(paragraph[0]) and all(map(short, paragraph))
            and sum(bool(_CONTACT.search(c)) for c in paragraph) >= 2):
        return body[first][0]
    # A rule line, then short lines to the end.
    contacts = lines = 0
    for index in range(last, -1, -1):
        content = body[index][2].strip()
        if not content:
            continue
        if _RULE.fullmatch(content):
            above_blank = index == 0 or not body[index - 1][2].strip()
            return body[index][0] if above_blank and contacts >= 2 else None
        lines += 1
        if lines > _MAX_CONTACT_BLOCK_LINES or not short(content):
            return None
        contacts += bool(_CONTACT.search(content))
    return None


def _merge(masks: list[Mask]) -> list[Mask]:
    masks.sort(key=lambda m: (m.start, m.end))
    merged: list[Mask] = []
    for mask in masks:
        if merged and mask.start <= merged[-1].end and mask.kind == merged[-1].kind:
            last = merged.pop()
            merged.append(Mask(last.start, max(last.end, mask.end), last.kind))
        else:
            merged.append(mask)
    return merged
