"""Find quoted replies, forwarded messages and signatures in a mail body.

Nothing here deletes text: each finder returns :class:`~draftlint.draft.Mask` spans over
the original string, and the draft blanks them in its analysis text. The heuristics are
line based and linear in the length of the text.
"""

from __future__ import annotations

import re

from ..draft import Mask

__all__ = ["find_masks"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

_QUOTED_LINE = re.compile(r"[ \t]*(?:>|\|>)")
# "On Tue, Mar 3, 2026 at 9:14 AM Dana <dana@example.com> wrote:", possibly folded over
# two lines, and the same header as a few other mail clients and languages write it.
_REPLY_HEADER = re.compile(
    r"""[ \t]*(?:
        (?:On|Am|Le|El|Il|Op|Em|W\ dniu)\b[^\r\n]{0,300}?
            (?:wrote|writes|schrieb|a\ écrit|escribió|ha\ scritto|schreef|escreveu|napisał)\s*:
      | [^\r\n]{0,120}<[^<>@\s]+@[^<>\s]+>\s+(?:wrote|writes)\s*:
    )[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_REPLY_HEADER_START = re.compile(r"[ \t]*(?:On|Am|Le|El)\s[^\r\n]{0,200}$")
_SEPARATOR = re.compile(
    r"""[ \t]*(?:
        -{2,}\s*(?:Original\ Message|Forwarded\ message|Reply\ message|Weitergeleitete\ Nachricht)\s*-{2,}
      | Begin\ forwarded\ message:
      | _{20,}
      | (?:From|De|Von):\s[^\r\n]*\s*$(?=[\s\S]{0,400}^[ \t]*(?:Sent|Date|Envoyé|Gesendet|To):)
    )""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_SIG_DASHES = re.compile(r"(?:-- ?|—|__)[ \t]*$")
_SENT_FROM = re.compile(
    r"[ \t]*(?:Sent|Envoyé|Gesendet)\s(?:from|with|depuis|von)\s[^\r\n]{0,60}$", re.IGNORECASE
)
_SIGN_OFF = re.compile(
    r"""[ \t]*(?:
        (?:best|kind|warm|warmest|many|all\ the\ best|with\ best|with\ kind)?\s*(?:regards|wishes)
      | best | cheers | sincerely | yours(?:\ (?:sincerely|truly))? | sincerely\ yours
      | respectfully | warmly | gratefully | cordially
      | thanks(?:\ (?:again|so\ much|a\ lot))? | thank\ you(?:\ (?:again|so\ much))?
      | many\ thanks | with\ (?:gratitude|thanks|appreciation) | all\ the\ best | take\ care
      | talk\ soon | best\ wishes
    )[ \t]*[,.!]?[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A signature block after a sign-off is a few short lines: a name, a title, a phone.
_MAX_SIGNATURE_LINES = 8
_MAX_SIGNATURE_LINE = 80


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end-without-newline, content) for each line."""
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


def find_masks(text: str) -> list[Mask]:
    """Masks for the quoted reply, forwarded block and signature of a mail body."""
    masks: list[Mask] = []
    lines = _lines(text)
    cut = len(text)  # everything from here on is quoted or signature

    for index, (start, end, content) in enumerate(lines):
        if start >= cut:
            break
        header_lines = 1 if _REPLY_HEADER.match(content) else 0
        if not header_lines and index + 1 < len(lines) and _REPLY_HEADER_START.match(content):
            # A reply header folded onto two lines.
            if _REPLY_HEADER.match(content + " " + lines[index + 1][2]):
                header_lines = 2
        separator = _SEPARATOR.match(text, start)
        if header_lines or (separator and separator.end() <= end + 1):
            last = index + max(header_lines, 1) - 1
            if _interleaved(lines, last):
                # Mask the header alone; the '>' lines are masked one by one below.
                masks.append(Mask(start, lines[last][1], "quote"))
                continue
            cut = start
            break
    for start, end, content in lines:
        if start >= cut:
            break
        if _QUOTED_LINE.match(content):
            masks.append(Mask(start, end, "quote"))

    sig = _signature_start(lines, cut, masks)
    if sig is not None and sig < cut:
        masks.append(Mask(sig, cut, "signature"))
    if cut < len(text):
        masks.append(Mask(cut, len(text), "quote"))
    return _merge(masks)


def _interleaved(lines: list[tuple[int, int, str]], last: int) -> bool:
    """Whether the writer answers between ``>`` blocks below a reply header.

    A top-posted reply quotes everything below the header. An interleaved reply has
    unquoted lines of the writer's own after a ``>`` block; those must stay linted.
    """
    after = [c for _, _, c in lines[last + 1 :] if c.strip()]
    seen_quote = False
    for content in after:
        if _QUOTED_LINE.match(content):
            seen_quote = True
        elif seen_quote and not _SIGN_OFF.match(content):
            return True
    return False


def _signature_start(lines: list[tuple[int, int, str]], cut: int, masks: list[Mask]) -> int | None:
    body = [(s, e, c) for s, e, c in lines if s < cut and not any(m.start <= s < m.end for m in masks)]
    for i, (start, _end, content) in enumerate(body):
        if _SIG_DASHES.fullmatch(content) or _SENT_FROM.match(content):
            return start
    # The last sign-off line followed by a short block (a name, a title, a number).
    nonblank = [(s, e, c) for s, e, c in body if c.strip()]
    for back in range(1, min(len(nonblank), _MAX_SIGNATURE_LINES + 2)):
        start, end, content = nonblank[-back]
        if _SIGN_OFF.match(content):
            tail = nonblank[-back + 1 :] if back > 1 else []
            if tail and all(len(c.strip()) <= _MAX_SIGNATURE_LINE for _, _, c in tail):
                return tail[0][0]
            return None
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
