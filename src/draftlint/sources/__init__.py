"""Turn raw input into a :class:`~draftlint.draft.Draft` (parsing only, no NLP).

:func:`read` accepts a string, bytes, a path or an :class:`email.message.Message` and
picks a reader by ``kind`` (``auto``, ``text``, ``eml``, ``markdown``, ``template``).
With ``auto`` it goes by file suffix (``.j2``, ``.jinja``, ``.tmpl`` … are templates),
then by sniffing: mail headers mean ``eml``, Jinja syntax (``{{ … }}``, ``{% … %}``)
in a file or under front matter means ``template`` (in a bare string it is a leftover
in a draft), a leading ``---`` block means ``markdown``, anything else is plain
text.

Size: an input over the limit is refused with an :class:`~draftlint.errors.InputError`
before it is parsed, never linted slowly: a file, a stream or bytes by their size in
bytes, a string by its length in characters, a message object by its size once written
out. The limit is ``max_bytes=`` here (the linter passes the ``max-bytes`` setting of
its config, which ``--max-bytes`` sets), else ``DRAFTLINT_MAX_BYTES`` (0: no limit),
else 5 MiB; to lint a larger string on purpose, ``read(text, max_bytes=0)`` and pass
the draft on.
Bytes are decoded by byte-order mark, else as UTF-8 with stray bytes read as
Windows-1252 (one character per byte); a file holding NULs is read as UTF-16 if it looks
like UTF-16 saved without a byte-order mark, and refused as binary otherwise.
"""

from __future__ import annotations

import codecs
import email.message
import email.policy
import os
import re
from pathlib import Path
from typing import BinaryIO, Literal

from ..draft import Draft
from ..errors import ConfigError, InputError
from .eml import read_eml
from .markdown import read_markdown
from .plain import read_plain
from .template import looks_like_template, read_template, with_placeholders

__all__ = ["DEFAULT_MAX_BYTES", "Kind", "check_kind", "decode", "read", "read_path", "read_stream", "size_limit"]

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
#: Inputs larger than this are refused with an input error rather than linted slowly:
#: files and bytes by their size in bytes, strings by their length in characters.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: The environment variable that changes the limit (a number of bytes; 0: no limit).
MAX_BYTES_ENV = "DRAFTLINT_MAX_BYTES"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_STRAY_BYTES = re.compile("[\udc80-\udcff]+")


def size_limit(max_bytes: int | None = None) -> int:
    """The input size limit (0: none): ``max_bytes`` if given (the config's
    ``max-bytes`` or ``--max-bytes``), else ``DRAFTLINT_MAX_BYTES`` if set, else
    :data:`DEFAULT_MAX_BYTES`.

    Raises:
        ConfigError: the variable is consulted and is not a whole number of bytes.
    """
    if max_bytes is not None:
        return max_bytes
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = -1
    if value < 0:
        raise ConfigError(f"{MAX_BYTES_ENV}: expected a whole number of bytes (0 for no limit), got {raw!r}")
    return value


def _check_size(name: str, what: str, size: int, unit: str, limit: int | None) -> None:
    limit = size_limit(limit)
    if limit and size > limit:
        raise _too_large(name, f"{what} is {size:,} {unit}s, over", limit, unit)


def _too_large(name: str, lead: str, limit: int, unit: str) -> InputError:
    """The one-line size error: ``NAME: LEAD the N-UNIT limit (how to change it)``."""
    return InputError(
        f"{name}: {lead} the {limit:,}-{unit} limit "
        f"(set --max-bytes, max-bytes in the config or {MAX_BYTES_ENV} to change it)"
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when bytes look like BOM-less UTF-16 text (a NUL
    in every other byte, as Latin-script text has), else ``None``."""
    sample = head[:1024]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _from_cp1252(match: re.Match[str]) -> str:
    raw = bytes(ord(c) - 0xDC00 for c in match.group())
    return raw.decode("cp1252", errors="replace")


def decode(data: bytes) -> str:
    """Decode text bytes: a byte-order mark wins, else UTF-8.

    Bytes that are not UTF-8 (a Windows-1252 "’" pasted into a UTF-8 note, or a whole
    Latin-1 file) are read as Windows-1252, one character per byte, so that offsets stay
    in step with the bytes; the five bytes that code page leaves undefined become U+FFFD.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _STRAY_BYTES.sub(_from_cp1252, data.decode("utf-8", errors="surrogateescape"))


def _looks_like_mail(data: bytes) -> bool:
    head = data[:8192]
    match = _MAIL_HEADER.match(head)
    return bool(match) and len(_KNOWN_HEADER.findall(match.group())) >= 2


def check_kind(kind: str) -> None:
    """Raise :class:`InputError` unless ``kind`` is one of :data:`KINDS`."""
    if kind not in KINDS:
        raise InputError(f"unknown input kind {kind!r}; expected one of {', '.join(KINDS)}")


def read(
    data: str | bytes | os.PathLike[str] | email.message.Message,
    *,
    kind: Kind = "auto",
    origin: str | None = None,
    max_bytes: int | None = None,
) -> Draft:
    """Parse ``data`` into a draft.

    Args:
        data: the draft text, raw bytes (decoded as UTF-8 unless a BOM says otherwise,
            or parsed as mail), a path to read, or a parsed email message.
        kind: ``auto`` to sniff, or force ``text``, ``eml``, ``markdown`` or ``template``.
        origin: the name used in reports; defaults to the path or ``<string>``.
        max_bytes: the size limit (bytes for bytes and files, characters for a
            string; 0: none); by default ``DRAFTLINT_MAX_BYTES`` or 5 MiB.

    Raises:
        InputError: the input is over the size limit, a path cannot be read, or
            ``kind`` is unknown.
    """
    check_kind(kind)
    if isinstance(data, os.PathLike):
        return read_path(data, kind=kind, origin=origin, max_bytes=max_bytes)
    name = origin or "<string>"
    if isinstance(data, email.message.Message):
        try:
            raw = data.as_bytes(policy=email.policy.default.clone(linesep="\n"))
        except RecursionError:
            raise InputError(f"{name}: the message is nested too deeply to read") from None
        except Exception as exc:  # noqa: BLE001 - a message object the generator cannot write
            raise InputError(f"{name}: cannot read the message: {type(exc).__name__}: {exc}") from None
        _check_size(name, "message", len(raw), "byte", max_bytes)
        return with_placeholders(read_eml(raw, origin=name))
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        _check_size(name, "input", len(data), "byte", max_bytes)
    elif isinstance(data, str):
        _check_size(name, "input", len(data), "character", max_bytes)
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
    max_bytes: int | None = None,
) -> Draft:
    """Read a file and parse it; the suffix chooses the reader when ``kind`` is ``auto``.

    ``max_bytes`` limits the file's size (0: no limit); by default it is
    ``DRAFTLINT_MAX_BYTES`` or 5 MiB.

    Raises:
        InputError: the file is missing, unreadable, too large or binary; the message
            names the file.
    """
    path = Path(path)
    name = origin or str(path)
    limit = size_limit(max_bytes)
    try:
        size = path.stat().st_size
        _check_size(name, "file", size, "byte", limit)
        with path.open("rb") as handle:
            # Read at most one byte past the limit: a file that grows after stat(), or
            # a device or pipe that reports no size, is still refused, never slurped.
            # Asking for what stat() reported first spares a buffer of the limit's size
            # for every small file (a quarter of the time reading a template took).
            if not limit:
                data = handle.read()
            else:
                data = handle.read(min(size, limit) + 1)
                if len(data) > size:  # it grew, or reported no size: read on to the limit
                    data += handle.read(limit + 1 - len(data))
        _check_size(name, "file", len(data), "byte", limit)
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
    wide = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    if kind != "eml" and b"\x00" in data[:8192] and not data.startswith(wide):
        # NULs in a file: UTF-16 saved without a byte-order mark, or not text at all.
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(f"{name}: looks like a binary file, not a draft")
        data = (codecs.BOM_UTF16_LE if utf16 == "utf-16-le" else codecs.BOM_UTF16_BE) + data
    if kind == "markdown" and looks_like_template(decode(data[:65536])):
        kind = "template"  # a Markdown template ("thank-you.md" with {{ name }} slots)
    return read(data, kind=kind, origin=name, max_bytes=0)


def read_stream(
    stream: BinaryIO, *, kind: Kind = "auto", origin: str = "<stdin>", max_bytes: int | None = None,
) -> Draft:
    """Read a byte stream (standard input) to its end and parse it.

    At most one byte past the size limit is read (``max_bytes``, as for :func:`read`):
    a stream that does not end, or ends too late, is refused without being held in
    memory.

    Raises:
        InputError: the stream is over the size limit or cannot be read; the message
            names ``origin``.
    """
    limit = size_limit(max_bytes)
    try:
        data = stream.read(limit + 1) if limit else stream.read()
    except OSError as exc:
        raise InputError(f"{origin}: cannot read: {exc.strerror or exc}") from None
    if limit and len(data) > limit:
        raise _too_large(origin, "input is over", limit, "byte")
    return read(data, kind=kind, origin=origin, max_bytes=0)
