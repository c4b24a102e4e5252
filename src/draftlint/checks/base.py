"""What a check sees and what it returns.

A check is a pure function ``check(analysis, options) -> Iterable[Hit]``: it reads the
draft and its spaCy docs, and says *where* and *what* with :class:`Hit`. It never sets
severity, rule identity or wording: the engine stamps those from the rule file and the
configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from spacy.tokens import Doc

from ..draft import Draft, DraftPart
from ..models import Context, RelatedLocation

__all__ = ["Analysis", "CheckFunction", "Hit"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Hit:
    """A place a check found, before the engine turns it into a finding.

    Attributes:
        part: ``body`` or ``subject``.
        start: half-open code-point offset into the part's original text.
        end: end offset (exclusive).
        args: values for the rule's message template (``{match}`` is always filled).
        suggestion: replaces the rule's default suggestion for this hit.
        replacement: a mechanically safe fix: text to put in place of the span.
        confidence: overrides the rule's default confidence.
        related: other places the finding refers to (another document's copy).
    """

    part: Literal["body", "subject"]
    start: int
    end: int
    args: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    replacement: str | None = None
    confidence: float | None = None
    related: tuple[RelatedLocation, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """A parsed draft, its spaCy docs (one per part) and the merged context.

    Several checks often need the same derived facts (the sentences of the body, the
    greeting line, word counts). :meth:`shared` computes such a fact once per draft
    and hands the same value to every check that asks for it by the same key.
    """

    draft: Draft
    context: Context
    docs: Mapping[str, Doc]
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def part(self, name: str) -> DraftPart:
        """The named part of the draft."""
        return self.draft.parts[name]

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """Return ``compute()``, computed once per draft for each ``key``.

        Keys are module-qualified by convention (``"structure.note"``); the value must
        be treated as read-only, since other checks receive the same object.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value


CheckFunction = Callable[[Analysis, Mapping[str, Any]], Iterable[Hit]]
