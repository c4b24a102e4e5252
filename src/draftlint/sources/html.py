"""HTML mail bodies to plain text, with quoted blocks marked as ``>`` lines.

Only the stdlib parser is used. Block elements become line breaks, scripts and styles
are dropped, and the content of ``<blockquote>`` and of the quote containers that
common mail clients write (``gmail_quote``, ``moz-cite-prefix``, Outlook's
``divRplyFwdMsg``) is prefixed with ``> `` so that the plain-text quote finder masks
it. The text produced is what the report's offsets index.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tr ul".split()
)
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
_QUOTE_CLASS = re.compile(r"gmail_quote|moz-cite-prefix|yahoo_quoted|divRplyFwdMsg|OutlookMessageHeader")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Deeply nested markup (an "HTML mail bomb") must not grow our stacks without bound.
_MAX_DEPTH = 512
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.S)
_MARKED_SECTION = re.compile(r"<!\[[^<>]*>")  # Outlook's <![if !supportLists]> … <![endif]>
_UNFINISHED = re.compile(r"<(?![^<>]*>)")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.quote_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.at_line_start = True

    def _newline(self) -> None:
        self.out.append("\n")
        self.at_line_start = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        is_quote = tag == "blockquote" or any(
            name in ("class", "id") and value and _QUOTE_CLASS.search(value) for name, value in attrs
        )
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append((tag, is_quote))
            if is_quote:
                self.quote_depth += 1
        if tag in _BLOCK and not self.at_line_start:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 64), -1):
            if self.stack[i][0] == tag:
                for _, was_quote in self.stack[i:]:
                    if was_quote:
                        self.quote_depth -= 1
                del self.stack[i:]
                break
        if tag in _BLOCK and not self.at_line_start:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"[ \t\r\n\f\v]+", " ", data)
        if self.at_line_start:
            data = data.lstrip()
            if not data:
                return
            if self.quote_depth:
                self.out.append("> ")
        self.out.append(data)
        self.at_line_start = False


def _defuse(markup: str) -> str:
    """Drop comments and marked sections (CDATA keeps its text), and escape each ``<``
    that opens no complete tag.

    The stdlib parser rescans from an unfinished construct to the end of the input
    every time it resumes, which takes time quadratic in the length of a message made
    of ``<div <div <div …`` (40,000 of them: over three minutes), of unclosed comments
    or of ``<![CDATA[`` sections. What it is given here holds no unfinished construct.
    Every pass is linear: a comment or CDATA section runs to its end (or the end of the
    input, as in a browser) and the look-ahead after a ``<`` stops at the next ``<``
    or ``>``.
    """
    markup = _HTML_COMMENT.sub(" ", markup)
    markup = _CDATA.sub(lambda m: html.escape(m.group(1), quote=False), markup)
    return _UNFINISHED.sub("&lt;", _MARKED_SECTION.sub("", markup))


def html_to_text(markup: str) -> str:
    """Convert an HTML body to readable text; quoted blocks come out as ``>`` lines."""
    parser = _TextExtractor()
    markup = _defuse(markup)
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed markup falls back to stripping tags
        return html.unescape(re.sub(r"<[^<>]*>", " ", markup))
    text = "".join(parser.out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
