"""Read Markdown with optional YAML front matter into a draft.

The front matter (between ``---`` lines at the very top) is parsed with a safe YAML
loader that keeps YAML 1.2 booleans and feeds the context; it is masked, not removed, so line numbers in
findings match the file. Fenced code, HTML comments and link targets are masked too.
"""

from __future__ import annotations

import copy
import datetime
import re
from functools import lru_cache
from typing import Any

import srsly
from pydantic import ValidationError

from ..draft import Draft, DraftPart, Mask
from ..models import Context
from ._quotes import find_masks
from .directives import find_directives

__all__ = ["context_from_mapping", "front_matter_suppress", "markdown_masks", "read_markdown", "split_front_matter"]

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# A target or autolink stops at the next "]" or "<": otherwise each "](" or "<http://"
# of a long run without a closer would scan to its end (quadratic time).
_LINK_TARGET = re.compile(r"\]\([^)\]\s]*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>")
_MAX_FRONT_MATTER = 64 * 1024

# Front-matter keys that name context fields under another spelling.
_ALIASES = {
    "interviewer": "interviewers",
    "interviewer_names": "interviewers",
    "company_name": "company",
    "date": "interview_date",
    "interviewed": "interview_date",
    "decision": "decision_date",
    "from": "sender",
    "applied": "application_date",
    "applied_on": "application_date",
}


def _yaml_loader() -> Any:
    """PyYAML's C safe loader with YAML 1.2 booleans (only true/false), or ``None``.

    Front matter is parsed for every template of a library, and srsly's pure-Python
    loader costs about 1.7 ms a document against 0.04 ms here. Rule files, read once
    and cached, keep srsly. Dropping the YAML 1.1 yes/no/on/off booleans keeps
    ``company: No Limits`` or ``answer: no`` as the strings the writer meant.
    """
    try:
        import yaml
    except ImportError:  # pragma: no cover - pyyaml is a dependency
        return None
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class FrontMatterLoader(base):  # type: ignore[misc, valid-type]
        pass

    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    FrontMatterLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return FrontMatterLoader


_LOADER = _yaml_loader()


#: Front matter nested deeper than this is not parsed (see :func:`_nesting`).
MAX_FRONT_MATTER_DEPTH = 64
#: Front matter that expands (through YAML aliases) to more values than this is ignored.
MAX_FRONT_MATTER_VALUES = 10_000
_LEADING_STRUCTURE = re.compile(r"[ \t?:-]*")
_BRACKETS = re.compile(r"[\[\]{}]")


def _nesting(source: str) -> int:
    """An upper bound of how deeply the YAML ``source`` nests.

    libyaml's composer recurses in C once per level: 30,000 nested ``[`` crash the whole
    process (a segmentation fault, not an exception) well within the 64 KiB we accept.
    A block collection one level deeper starts at least one column further right, or
    after one more ``-``/``?``/``:`` on the same line, and a flow collection after one
    more unclosed bracket, so their sum bounds the depth. Brackets inside quotes count
    too: that only errs on the safe side.
    """
    flow = deepest = 0
    for line in source.splitlines():
        block = _LEADING_STRUCTURE.match(line).end()  # type: ignore[union-attr]
        deepest = max(deepest, block + flow)
        for bracket in _BRACKETS.findall(line):
            if bracket in "[{":
                flow += 1
                deepest = max(deepest, block + flow)
            elif flow:
                flow -= 1
    return deepest


def _values(data: Any, limit: int) -> int:
    """How many values ``data`` holds, counting shared (aliased) ones each time they
    appear, up to ``limit`` + 1; a "billion laughs" document stops the count early."""
    count, stack = 0, [data]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return count


def load_front_matter(source: str) -> Any:
    """Parse front-matter YAML safely (no tags that build objects, YAML 1.2 booleans).

    The templates of a library often repeat one header (the stage, the declared
    variables), and parsing it was most of the cost of reading such a template, so
    results for short sources are remembered (the last 256, by their exact text). Each
    call returns its own deep copy: what one caller does with its mapping never reaches
    another. Errors are not remembered.

    Raises:
        ValueError: the YAML nests more than :data:`MAX_FRONT_MATTER_DEPTH` levels or
            expands to more than :data:`MAX_FRONT_MATTER_VALUES` values.
        yaml.YAMLError: it is not YAML.
    """
    if len(source) > _REMEMBERED_SOURCE:
        return _parse_front_matter(source)
    return _copied(_remembered_front_matter(source))


_SCALARS = (str, int, float, bool, type(None), bytes, datetime.date, datetime.datetime)


def _copied(value: Any) -> Any:
    """A deep copy of parsed YAML: new mappings, lists and sets around the same
    immutable scalars (``copy.deepcopy`` cost a third of reading a short template)."""
    kind = type(value)
    if kind is dict:
        return {key: _copied(item) for key, item in value.items()}
    if kind is list:
        return [_copied(item) for item in value]
    if kind is set:
        return set(value)  # YAML set members are scalars
    if kind in _SCALARS:
        return value
    return copy.deepcopy(value)


_REMEMBERED_SOURCE = 4096  # characters; longer front matter is parsed every time


def _parse_front_matter(source: str) -> Any:
    if _nesting(source) > MAX_FRONT_MATTER_DEPTH:
        raise ValueError(f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} levels")
    data = _load_yaml(source)
    if _values(data, MAX_FRONT_MATTER_VALUES) > MAX_FRONT_MATTER_VALUES:
        raise ValueError(f"front matter expands to more than {MAX_FRONT_MATTER_VALUES:,} values")
    return data


_remembered_front_matter = lru_cache(maxsize=256)(_parse_front_matter)


def _load_yaml(source: str) -> Any:
    if _LOADER is None:  # pragma: no cover
        return srsly.yaml_loads(source)
    import yaml

    return yaml.load(source, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass


def split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """Return (front matter mapping, end offset of the front matter block)."""
    match = _FRONT.match(text)
    if not match or len(match.group(1)) > _MAX_FRONT_MATTER:
        return {}, 0
    try:
        data = load_front_matter(match.group(1))
    except Exception:  # noqa: BLE001 - front matter that is not YAML gives no context
        return {}, match.end()
    return (data if isinstance(data, dict) else {}), match.end()


def context_from_mapping(data: dict[str, Any]) -> Context | None:
    """Build a context from front-matter keys, ignoring keys and values it cannot use."""
    values: dict[str, Any] = {}
    fields = Context.model_fields
    for key, value in data.items():
        name = _ALIASES.get(str(key).replace("-", "_"), str(key).replace("-", "_"))
        if name in fields:
            values[name] = value
    if not values:
        return None
    try:
        return Context(**values)
    except ValidationError:
        usable = {}
        for name, value in values.items():
            try:
                Context(**{name: value})
            except ValidationError:
                continue
            usable[name] = value
        return Context(**usable) if usable else None


def markdown_masks(text: str, start: int = 0) -> list[Mask]:
    """Masks for fenced code, HTML comments, link targets and autolinks."""
    # _FENCE opens with "^", which re tries at every position: most notes hold no fence.
    fences = "```" in text or "~~~" in text
    return [
        Mask(m.start(), m.end(), "markup")
        for pattern in ((_FENCE, _COMMENT, _LINK_TARGET, _AUTOLINK) if fences else (_COMMENT, _LINK_TARGET, _AUTOLINK))
        for m in pattern.finditer(text, start)
    ]


def read_markdown(text: str, origin: str = "<string>") -> Draft:
    """Parse a Markdown draft; front matter becomes context and is masked."""
    front, end = split_front_matter(text)
    masks = [Mask(0, end, "front-matter")] if end else []
    masks.extend(markdown_masks(text, end))
    rest = text[end:]
    masks.extend(Mask(m.start + end, m.end + end, m.kind) for m in find_masks(rest))
    directives, marks = find_directives(text)
    masks.extend(marks)
    body = DraftPart("body", text, tuple(sorted(masks, key=lambda m: (m.start, m.end))))
    suppress = front_matter_suppress(front)
    return Draft(parts={"body": body}, kind="markdown", origin=origin, context=context_from_mapping(front),
                 directives=tuple(directives), suppress=suppress)


def front_matter_suppress(front: dict[str, Any]) -> tuple[str, ...]:
    """Rule keys the front matter switches off for the whole document."""
    keys = front.get("suppress") or front.get("disable") or ()
    if isinstance(keys, (str, int)):
        keys = [keys]
    return tuple(str(k) for k in keys if isinstance(k, (str, int))) if isinstance(keys, (list, tuple)) else ()
