"""Turn raw input into a :class:`~draftlint.draft.Draft` (parsing only, no NLP).

:func:`read` accepts a string, bytes, a path or an :class:`email.message.Message` and
picks a reader by ``kind`` (``auto``, ``text``, ``eml``, ``markdown``, ``template``).
With ``auto`` it goes by file suffix (``.j2``, ``.jinja``, ``.tmpl`` … are templates),
then by sniffing: mail headers mean ``eml``, Jinja syntax (``{{ … }}``, ``{% … %}``)
in a file or under front matter means ``template`` (in a bare string it is a leftover
in a draft), a leading ``---`` block means ``markdown``, anything else is plain
text.
"""

from __future__ import annotations

import codecs
import email.message
import email.policy
import os
import re
from pathlib import Path
from typing import Literal

from ..draft import Draft
from ..errors import InputError
from .eml import read_eml
from .markdown import read_markdown
from .plain import read_plain
from .template import looks_like_template, read_template, with_placeholders

__all__ = ["Kind", "decode", "read", "read_path"]

Kind = Literal["auto", "text", "eml", "markdown", "template"]
KINDS = ("auto", "text", "eml", "markdown", "template")

_SUFFIX_KIND = {
    ".eml": "eml",
    ".msg": "eml",
    ".mbox": "eml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".txt": "text",
    ".text": "text",
    ".j2": "template",
    ".jinja": "template",
    ".jinja2": "template",
    ".tmpl": "template",
    ".tpl": "template",
    ".template": "template",
}
_MAIL_HEADER = re.compile(
    rb"\A(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){2,}?", re.ASCII
)
_KNOWN_HEADER = re.compile(
    rb"^(?:from|to|subject|date|message-id|mime-version|received|return-path|content-type|cc|reply-to|delivered-to):",
    re.IGNORECASE | re.MULTILINE,
)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
#: Files larger than this are refused with an input error rather than linted slowly.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def decode(data: bytes) -> str:
    """Decode text bytes: a BOM wins, then UTF-8; undecodable bytes become U+FFFD."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec if codec != "utf-8" else "utf-8-sig", errors="replace")
    return data.decode("utf-8", errors="replace")


def _looks_like_mail(data: bytes) -> bool:
    head = data[:8192]
    match = _MAIL_HEADER.match(head)
    return bool(match) and len(_KNOWN_HEADER.findall(match.group())) >= 2


def read(
    data: str | bytes | os.PathLike[str] | email.message.Message,
    *,
    kind: Kind = "auto",
    origin: str | None = None,
) -> Draft:
    """Parse ``data`` into a draft.

    Args:
        data: the draft text, raw bytes (decoded as UTF-8 unless a BOM says otherwise,
            or parsed as mail), a path to read, or a parsed email message.
        kind: ``auto`` to sniff, or force ``text``, ``eml``, ``markdown`` or ``template``.
        origin: the name used in reports; defaults to the path or ``<string>``.

    Raises:
        InputError: a path cannot be read, or ``kind`` is unknown.
    """
    if kind not in KINDS:
        raise InputError(f"unknown input kind {kind!r}; expected one of {', '.join(KINDS)}")
    if isinstance(data, os.PathLike):
        return read_path(data, kind=kind, origin=origin)
    name = origin or "<string>"
    if isinstance(data, email.message.Message):
        return with_placeholders(read_eml(data.as_bytes(policy=email.policy.default.clone(linesep="\n")), origin=name))
    from_file = isinstance(data, bytes)
    if isinstance(data, bytes):
        if kind == "eml" or (kind == "auto" and _looks_like_mail(data)):
            return with_placeholders(read_eml(data, origin=name))
        data = decode(data)
    if not isinstance(data, str):
        raise InputError(f"{name}: cannot lint a {type(data).__name__}; pass text, bytes or a path")
    if kind == "eml" or (kind == "auto" and _looks_like_mail(data[:8192].encode("utf-8", "replace"))):
        return with_placeholders(read_eml(data.encode("utf-8", "surrogatepass"), origin=name))
    if kind == "auto" and looks_like_template(data) and not from_file and not _FRONT_MATTER.match(data):
        # A bare string handed over for linting is a note about to be sent: its Jinja
        # tags are leftovers, not slots. Files, front matter, config or the flag choose
        # template mode.
        return read_template(data, origin=name, mode="draft")
    if kind == "template" or (kind == "auto" and looks_like_template(data)):
        return read_template(data, origin=name)
    if kind == "markdown" or (kind == "auto" and _FRONT_MATTER.match(data)):
        return with_placeholders(read_markdown(data, origin=name))
    return with_placeholders(read_plain(data, origin=name))


def read_path(
    path: str | os.PathLike[str], *, kind: Kind = "auto", origin: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Draft:
    """Read a file and parse it; the suffix chooses the reader when ``kind`` is ``auto``.

    Raises:
        InputError: the file is missing, unreadable, too large or binary; the message
            names the file.
    """
    path = Path(path)
    name = origin or str(path)
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            raise InputError(f"{name}: file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if kind == "auto":
        kind = _SUFFIX_KIND.get(path.suffix.lower(), "auto")  # type: ignore[assignment]
        if kind == "markdown" and looks_like_template(decode(data[:65536])):
            kind = "template"  # a Markdown template ("thank-you.md" with {{ name }} slots)
    if kind != "eml" and b"\x00" in data[:8192] and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        raise InputError(f"{name}: looks like a binary file, not a draft")
    return read(data, kind=kind, origin=name)
