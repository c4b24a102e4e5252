"""The JSON Schema of ``--format json`` (what ``draftlint schema`` prints).

The schema is generated from the pydantic models, so it cannot drift from the output:
each element of ``reports`` is a :class:`~draftlint.models.Report` as
``Report.to_json()`` writes it. ``schema_version`` is the constant
:data:`~draftlint.models.SCHEMA_VERSION`, bumped on any incompatible change.
"""

from __future__ import annotations

from typing import Any

from ..models import SCHEMA_VERSION, Report

__all__ = ["JSON_SCHEMA_DIALECT", "json_schema"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the payload :func:`~draftlint.formatters.json.format_json` writes."""
    report = Report.model_json_schema(mode="serialization")
    definitions = dict(report.pop("$defs", {}))
    definitions["Report"] = report
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "draftlint JSON output",
        "description": (
            f"The output of 'draftlint --format json', schema version {SCHEMA_VERSION}: every report of "
            "a run, in input order, and the inputs that could not be read. Offsets are half-open "
            "code-point offsets into the linted part's text; line and column are 1-based."
        ),
        "type": "object",
        "properties": {
            "schema_version": {
                "const": SCHEMA_VERSION,
                "description": "Version of this format; bumped on any incompatible change.",
            },
            "tool_version": {"type": "string", "description": "The draftlint version that wrote the output."},
            "reports": {"type": "array", "items": {"$ref": "#/$defs/Report"}},
            "errors": {
                "type": "array",
                "description": "Inputs that could not be read (the run exits 2).",
                "items": {
                    "type": "object",
                    "properties": {
                        "origin": {"type": "string", "description": "The path as given."},
                        "message": {"type": "string", "description": "Why it could not be read."},
                    },
                    "required": ["origin", "message"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["schema_version", "tool_version", "reports", "errors"],
        "additionalProperties": False,
        "$defs": definitions,
    }
