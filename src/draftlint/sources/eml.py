"""Read an RFC 5322 message (``.eml``) into a draft.

The stdlib parser with ``policy.default`` decodes headers and transfer encodings. The
body is the text/plain part, or the text/html part converted to text when there is no
plain one. Offsets in findings index this *decoded* body, not bytes of the file. The
Subject header is linted as its own part. To/Cc display names, From and Date fill in a
context that the caller's own context overrides field by field.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
from email.headerregistry import Address

from ..draft import Draft, DraftPart
from ..errors import InputError
from ..models import Context, Person
from ._quotes import find_masks, long_run_masks
from .directives import find_directives
from .html import html_to_text

__all__ = ["read_eml"]

_MAX_PARTS = 1000
#: MIME parts nested deeper than this make the message unreadable (an input error).
MAX_DEPTH = 50


def _clean(text: str) -> str:
    """Undo the parser's surrogate escapes of raw 8-bit header bytes (as U+FFFD)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _header(msg: email.message.Message, name: str) -> str:
    try:
        value = msg.get(name)
        return _clean(str(value)) if value is not None else ""
    except Exception:  # noqa: BLE001 - a malformed header is treated as absent
        return ""


def _text_of(part: email.message.Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except Exception:  # noqa: BLE001 - unknown charsets and broken encodings fall back
        pass
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            return payload.decode("utf-8", errors="replace")
    return payload if isinstance(payload, str) else ""


def _body(msg: email.message.Message) -> str:
    body = None
    try:
        body = msg.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        body = None
    if body is None:
        for count, part in enumerate(msg.walk()):
            if count > _MAX_PARTS:
                break
            if part.get_content_maintype() == "text" and part.get_content_subtype() in ("plain", "html"):
                disposition = part.get_content_disposition()
                if disposition != "attachment":
                    body = part
                    break
    if body is None:
        return ""
    text = _text_of(body)
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    return text


def _people(msg: email.message.Message, *names: str) -> tuple[Person, ...]:
    people: list[Person] = []
    for name in names:
        try:
            header = msg.get(name)
            addresses = getattr(header, "addresses", None)
            if addresses is None:
                pairs = email.utils.getaddresses([str(header)]) if header else []
                addresses = [Address(display_name=d, addr_spec="") for d, _ in pairs]
        except Exception:  # noqa: BLE001
            continue
        for address in addresses:
            display = _clean(address.display_name or "").strip().strip("\"'")
            if display:
                addr = _clean(getattr(address, "addr_spec", "") or "") or None
                people.append(Person(name=display, email=addr))
    return tuple(people)


def _depth(msg: email.message.Message) -> int:
    """How deeply the parts of ``msg`` nest (walked without recursion)."""
    deepest, stack = 0, [(msg, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list) and depth <= MAX_DEPTH:
            stack.extend((sub, depth + 1) for sub in payload if isinstance(sub, email.message.Message))
    return deepest


def read_eml(data: bytes, origin: str = "<string>") -> Draft:
    """Parse raw message bytes into a draft with ``body`` and ``subject`` parts.

    Raises:
        InputError: the MIME parts nest more than :data:`MAX_DEPTH` levels deep. The
            standard library parses (and walks) nested parts by recursion, so without
            this limit a hostile message would end in a RecursionError.
    """
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        too_deep = _depth(msg) > MAX_DEPTH
    except RecursionError:
        too_deep = True
    if too_deep:
        raise InputError(f"{origin}: MIME parts nested more than {MAX_DEPTH} levels deep; not a message to lint")
    body = _body(msg).replace("\r\n", "\n")
    subject = " ".join(_header(msg, "Subject").split())
    context_values: dict[str, object] = {}
    recipients = _people(msg, "To", "Cc")
    if recipients:
        context_values["recipients"] = recipients
        context_values["interviewers"] = recipients
    sender = _people(msg, "From")
    if sender:
        context_values["sender"] = sender[0]
    date = _header(msg, "Date")
    if date:
        try:
            context_values["send_date"] = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            pass
    directives, marks = find_directives(body)
    masks = sorted([*find_masks(body), *marks], key=lambda m: (m.start, m.end))
    parts = {"body": DraftPart("body", body, tuple(masks))}
    if subject:
        parts["subject"] = DraftPart("subject", subject, tuple(long_run_masks(subject)))
    return Draft(parts=parts, kind="eml", origin=origin, context=Context(**context_values), directives=tuple(directives))
