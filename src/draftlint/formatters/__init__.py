"""Output formats for the CLI: each turns reports into text for a stream."""

from __future__ import annotations

from .json import format_json
from .text import format_text

__all__ = ["FORMATTERS", "format_json", "format_text"]

FORMATTERS = {"text": format_text, "json": format_json}
