"""The functions most callers need: lint a string, bytes, a parsed draft or a file."""

from __future__ import annotations

import email.message
import fnmatch
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal, Union

from ._version import __version__
from .config import Config
from .draft import Draft
from .engine import Inline, get_linter
from .errors import InputError
from .models import BatchReport, Context, InputFailure, Report
from .sources import check_kind, read, read_path

__all__ = ["DEFAULT_EXCLUDE", "DEFAULT_INCLUDE", "lint_draft", "lint_drafts", "lint_file", "lint_paths"]

#: The files a folder walk picks up when no ``include`` globs are given.
DEFAULT_INCLUDE = (
    "*.txt", "*.text", "*.eml", "*.md", "*.markdown",
    "*.j2", "*.jinja", "*.jinja2", "*.tmpl", "*.tpl", "*.template",
)

#: Files a folder walk skips unless ``exclude`` is given: a library's own docs.
DEFAULT_EXCLUDE = ("README*", "CHANGELOG*", "CONTRIBUTING*", "LICENSE*", "CODE_OF_CONDUCT*")

Kind = Literal["auto", "text", "eml", "markdown", "template"]
DraftInput = Union[str, bytes, Draft, email.message.Message]


def lint_draft(
    draft: str | bytes | Draft | email.message.Message,
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Kind = "auto",
    origin: str | None = None,
) -> Report:
    """Lint one draft and return its report.

    Args:
        draft: the text of the draft, raw bytes (plain text or an RFC 5322 message), a
            parsed :class:`email.message.Message`, or a :class:`Draft`.
        context: who the note is for and when; fields it leaves unset are taken from
            the draft itself (mail headers, front matter).
        config: which rules run and how; defaults to every rule at its default severity.
        kind: ``auto`` to sniff the input, or ``text``, ``eml``, ``markdown`` or
            ``template`` (placeholders are slots to fill, not mistakes).
        origin: a name for the draft in the report (a file name); ``<string>`` by default.

    Returns:
        A frozen :class:`Report`. Offsets index the text of each finding's part.

    Raises:
        ConfigError, RuleFileError, PluginError: the configuration (or
            ``DRAFTLINT_MAX_BYTES``), a rule file or a plugin is invalid (raised on
            first use, never because of the draft's text).
        InputError: the input cannot be read: a string, bytes or message is over the
            size limit (the config's ``max_bytes``, else ``DRAFTLINT_MAX_BYTES``, else
            5 MiB; characters for a string, bytes otherwise), a message nests MIME
            parts more than 50 levels deep or cannot be written out, or ``kind`` is
            unknown; one line, naming ``origin`` when the input is at fault. A
            :class:`Draft` is never refused (it has been read already).
    """
    linter = get_linter(config)
    parsed = (
        draft if isinstance(draft, Draft)
        else read(draft, kind=kind, origin=origin, max_bytes=linter.config.max_bytes)
    )
    return linter.lint(parsed, context)


def lint_file(
    path: str | os.PathLike[str],
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Kind = "auto",
) -> Report:
    """Read a file (``.txt``, ``.eml``, ``.md``, …) and lint it.

    Raises:
        InputError: the file cannot be read, is not text or is over the size limit
            (as for :func:`lint_draft`).
    """
    linter = get_linter(config)
    return linter.lint(read_path(path, kind=kind, max_bytes=linter.config.max_bytes), context)


def lint_drafts(
    drafts: Iterable[DraftInput | tuple[str, DraftInput]],
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Kind = "auto",
    jobs: int = 0,
) -> BatchReport:
    """Lint several drafts together, adding cross-document findings (copy-paste).

    Args:
        drafts: drafts as :func:`lint_draft` accepts them, or ``(name, draft)`` pairs
            to name them in reports (``<draft 1>``, ``<draft 2>`` … otherwise).
        context, config, kind: as for :func:`lint_draft`; one context serves every draft
            (each draft's own headers or front matter still fill in the rest).
        jobs: worker processes, as for :func:`lint_paths`: 0 (the default) uses every
            core for batches of at least ``PARALLEL_FROM`` drafts, 1 stays in this
            process. The result does not depend on it. Workers are forked (where the
            platform has ``fork``, and not from a daemonic process); a host that runs
            threads of its own, where forking is unsafe, should pass 1.

    Returns:
        A :class:`BatchReport` with one report per draft, in input order.

    Raises:
        ConfigError, RuleFileError, PluginError: as for :func:`lint_draft`.
        InputError: a draft cannot be read (over the size limit, or not a kind of
            input draftlint reads); the message names the first such draft.
    """
    linter = get_linter(config)
    check_kind(kind)  # before any work, not once per draft in the workers
    targets: list[tuple[str | Inline, str]] = []
    for number, item in enumerate(drafts, 1):
        name, data = item if isinstance(item, tuple) else (f"<draft {number}>", item)
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        elif not isinstance(data, (str, bytes, Draft)):
            # A parsed message is read here: it may not survive the trip to a worker.
            data = read(data, kind=kind, origin=name, max_bytes=linter.config.max_bytes)
        targets.append((Inline(name, data), kind))
    _, reports, failed = linter.read_and_lint_batch(targets, context, jobs=jobs)
    if failed:
        origin, message = failed[0]
        raise InputError(f"{origin}: {message}")
    return BatchReport(tool_version=__version__, reports=tuple(reports))


def expand_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
) -> list[Path]:
    """Files to lint: named files as given, folders walked in sorted order.

    In a folder, a file is taken when its name or its path relative to the folder
    matches an ``include`` glob and no ``exclude`` glob; hidden files and folders are
    skipped, and by default so are a library's own docs (``README*`` …). Named files
    are always taken (unless excluded). Symbolic links to files are taken; links to
    folders are not followed.
    """
    out: list[Path] = []
    # One compiled pattern per glob list: matching each file against each glob with
    # fnmatch took a tenth of a second per thousand files.
    wanted = _globs(tuple(include))
    unwanted = _globs(tuple(exclude))

    def excluded(rel: str, name: str) -> bool:
        return unwanted is not None and (unwanted.match(rel) is not None or unwanted.match(name) is not None)

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if not excluded(path.as_posix(), path.name):
                out.append(path)
            continue
        found = sorted(_walk(os.fspath(path), ()))
        for parts in found:
            rel = os.path.normcase("/".join(parts))
            name = os.path.normcase(parts[-1])
            if wanted is not None and (wanted.match(rel) or wanted.match(name)) and not excluded(rel, name):
                out.append(path.joinpath(*parts))
    return out


@lru_cache(maxsize=32)
def _globs(globs: tuple[str, ...]) -> re.Pattern[str] | None:
    if not globs:
        return None
    return re.compile("|".join(fnmatch.translate(os.path.normcase(g)) for g in globs))


def _walk(folder: str, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Relative paths (as parts) of the files under ``folder``, hidden ones left out."""
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, (*prefix, entry.name))
            elif entry.is_file():
                yield (*prefix, entry.name)
        except OSError:
            continue


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    context: Context | None = None,
    config: Config | None = None,
    kind: Kind = "auto",
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    jobs: int = 0,
) -> BatchReport:
    """Lint files and folders as one batch (see :func:`expand_paths` for the walk).

    A file that cannot be read becomes one entry of ``BatchReport.failures`` and the
    rest of the batch is still linted. Files matching a ``templates`` glob of the
    config are read in template mode. ``jobs`` worker processes read and lint large
    batches (0: one per core from a few hundred files up; 1: in this process); the
    result does not depend on it. Workers are forked, as for :func:`lint_drafts`. A
    file over the size limit (the config's ``max_bytes``, else ``DRAFTLINT_MAX_BYTES``,
    else 5 MiB) is one of those failures.
    """
    linter = get_linter(config)
    targets = [(str(path), kind) for path in expand_paths(paths, include=include, exclude=exclude)]
    _, reports, failed = linter.read_and_lint_batch(targets, context, jobs=jobs)
    return BatchReport(
        tool_version=__version__,
        reports=tuple(reports),
        failures=tuple(InputFailure(origin=origin, message=message) for origin, message in failed),
    )
