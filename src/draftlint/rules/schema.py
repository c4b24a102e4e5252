"""The schema of a rule file, as pydantic models (validated when rules load)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Category, Severity

__all__ = ["Examples", "Exceptions", "Reference", "RuleMeta", "TOKEN_ATTRIBUTES"]

#: Token attributes the tokenizer alone provides; trained-pipeline attributes
#: (LEMMA, POS, TAG, DEP, ENT_TYPE, MORPH) are refused because no model is assumed.
TOKEN_ATTRIBUTES = frozenset(
    "ORTH TEXT LOWER NORM SHAPE PREFIX SUFFIX LENGTH IS_ALPHA IS_ASCII IS_DIGIT IS_LOWER "
    "IS_UPPER IS_TITLE IS_PUNCT IS_SPACE IS_STOP IS_BRACKET IS_QUOTE IS_LEFT_PUNCT "
    "IS_RIGHT_PUNCT IS_CURRENCY LIKE_NUM LIKE_URL LIKE_EMAIL OP".split()
)
_STRING_ATTRIBUTES = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX"})
_FAMILY = {
    "impatience": "1", "rudeness": "1", "gimmick": "1", "call-me-back": "2",
    "misspelled-name": "3", "wrong-name": "3", "name-drop": "3", "group-note": "4",
    "placeholder": "4", "copy-paste": "4", "template-syntax": "4", "length": "5",
    "structure": "6", "timing": "7",
}
_ADVICE_ID = re.compile(r"^A\d{1,2}$")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Reference(_Strict):
    """An external page for further reading."""

    title: str
    url: str


class Examples(_Strict):
    """Drafts that must (bad) and must not (good) trigger the rule; run as tests."""

    bad: tuple[str, ...] = Field(min_length=1)
    good: tuple[str, ...] = Field(min_length=1)


TokenPattern = tuple[dict[str, Any], ...]


def _check_token_pattern(pattern: Any) -> Any:
    if not isinstance(pattern, (list, tuple)) or not pattern:
        raise ValueError("a token pattern is a non-empty list of token specs")
    for token in pattern:
        if not isinstance(token, dict):
            raise ValueError(f"token spec {token!r} is not a mapping")
        for key, value in token.items():
            if key not in TOKEN_ATTRIBUTES:
                raise ValueError(
                    f"attribute {key!r} is not available without a trained pipeline"
                    if key.upper() in {"LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "MORPH"}
                    else f"unknown token attribute {key!r}"
                )
            if key in _STRING_ATTRIBUTES:
                values = value.get("IN", value.get("NOT_IN")) if isinstance(value, dict) else [value]
                if values is None or not all(isinstance(v, str) for v in values):
                    raise ValueError(f"{key} values must be strings, got {value!r}")
    return pattern


class Exceptions(_Strict):
    """Wording that cancels a match it overlaps."""

    phrases: tuple[str, ...] = ()
    patterns: tuple[TokenPattern, ...] = ()

    @field_validator("patterns", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return [_check_token_pattern(p) for p in value or ()]


class RuleMeta(_Strict):
    """Everything a rule file declares. Field meanings are in ``rules/README.md``."""

    id: str = Field(pattern=r"^[A-Z]{2,4}\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
    category: Category
    kind: Literal["pattern", "python", "batch"]
    severity: Severity = Severity.WARNING
    confidence: float = Field(default=0.9, ge=0.0, le=1.0)
    scope: Literal["body", "subject", "any"] = "any"
    message: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    references: tuple[Reference, ...] = ()
    suggestion: str | None = None
    fix: str | None = None
    phrases: tuple[str, ...] = ()
    patterns: tuple[TokenPattern, ...] = ()
    exceptions: Exceptions = Exceptions()
    impl: str | None = None
    options: dict[str, Any] = {}
    examples: Examples
    aliases: tuple[str, ...] = ()

    @field_validator("patterns", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return [_check_token_pattern(p) for p in value or ()]

    @field_validator("message")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\n" in value.strip():
            raise ValueError("message must be one line")
        return value.strip()

    @field_validator("sources")
    @classmethod
    def _advice_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for source in value:
            if not _ADVICE_ID.match(source):
                raise ValueError(f"source {source!r} is not an advice id such as A10")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RuleMeta:
        if self.kind == "pattern" and not (self.phrases or self.patterns):
            raise ValueError("a pattern rule needs phrases or patterns")
        if self.kind in ("python", "batch") and not self.impl and self.id.startswith("DL"):
            raise ValueError(f"a built-in {self.kind} rule needs impl: module:function")
        if self.fix is not None and self.kind != "pattern":
            raise ValueError("fix: is for pattern rules; python checks return their own fixes")
        if self.kind in ("python", "batch") and (self.phrases or self.patterns):
            raise ValueError(f"a {self.kind} rule takes no phrases or patterns")
        if self.id.startswith("DL") and self.id[2] != _FAMILY[self.category]:
            raise ValueError(
                f"id {self.id} is outside the {_FAMILY[self.category]}xx range of category {self.category}"
            )
        if self.name.split(".", 1)[0] != self.category:
            raise ValueError(f"name {self.name!r} must start with its category: {self.category}.<what>")
        return self

    @property
    def title(self) -> str:
        """The one-line summary used in listings: the part of the name after the dot."""
        return self.name.split(".", 1)[1].replace("-", " ")
