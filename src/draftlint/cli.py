"""The ``draftlint`` command.

``draftlint [PATH … | -]`` lints files, folders (drafts and templates: ``*.txt``,
``*.eml``, ``*.md``, ``*.j2`` …) or standard input as one batch, so copies across the
inputs are found too; ``draftlint rules`` lists the rules; ``draftlint explain ID`` explains
one. Exit codes: 0 when nothing reaches ``--fail-on``; 1 when something does; 2 for a
usage, configuration or input error, reported as one line naming the file. One bad file
never stops the others from being linted.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._version import __version__
from .errors import DraftlintError

if TYPE_CHECKING:  # imported lazily at run time: the command starts faster without them
    from .draft import Draft
    from .engine import Linter
    from .models import Context, Report

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting and writes to a given stream."""

    stream: TextIO | None = None

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            (self.stream or sys.stdout).write(message)


def _lint_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="draftlint",
        description="Lint job-interview follow-up emails against career advice.",
        epilog="Other commands: 'draftlint rules' lists the rules; 'draftlint explain DL101' explains one; "
        "'draftlint schema' prints the JSON Schema of --format json.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint, or - for standard input")
    p.add_argument("--format", default=None, metavar="NAME", help="output format: text, json, sarif, github, junit, or one a plugin adds (default: text; github under GITHUB_ACTIONS=true)")
    p.add_argument("--interviewer", action="append", default=[], metavar="NAME", help="an interviewer's name (repeatable)")
    p.add_argument("--company", metavar="NAME", help="the company's name")
    p.add_argument("--sender", metavar="NAME", help="your own name")
    p.add_argument("--stage", choices=("thank-you", "follow-up", "application"), help="what kind of note this is")
    p.add_argument("--interview-date", metavar="DATE", help="the interview date (YYYY-MM-DD)")
    p.add_argument("--context", metavar="FILE", help="a YAML or JSON file of context fields")
    p.add_argument("--kind", choices=("auto", "text", "eml", "markdown", "template"), default="auto", help="input kind (default: by suffix or content)")
    p.add_argument("--template", dest="kind", action="store_const", const="template", help="read every input as a template (same as --kind template)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes for large batches (default 0: one per core from 400 files; 1: none)")
    p.add_argument("--max-bytes", metavar="N", help="refuse inputs larger than N bytes (default: max-bytes of the config, else DRAFTLINT_MAX_BYTES, else 5 MiB)")
    p.add_argument("--render", action="store_true", help="lint templates as rendered with their sample values")
    p.add_argument("--include", action="append", default=[], metavar="GLOB", help="files a folder walk lints (repeatable)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="files never linted (repeatable)")
    p.add_argument("--select", action="append", default=[], metavar="RULE", help="run only these rules (id, prefix, name or category)")
    p.add_argument("--ignore", action="append", default=[], metavar="RULE", help="skip these rules")
    p.add_argument("--fail-on", choices=("info", "warning", "error", "never"), help="lowest severity that exits 1 (default: warning)")
    p.add_argument("--config", metavar="FILE", help="a draftlint.toml or pyproject.toml to read (default: found upward from the first path)")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE and exit 0")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place (then report what is left)")
    p.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; change nothing")
    p.add_argument("--warn-unused-suppressions", action="store_true", help="report inline directives that silenced nothing (exit 1)")
    p.add_argument("--quiet", "-q", action="store_true", help="one line per finding, no source or suggestions")
    colour = p.add_mutually_exclusive_group()
    colour.add_argument("--color", "--colour", dest="colour", action="store_true", default=None, help="force colour")
    colour.add_argument("--no-color", "--no-colour", dest="colour", action="store_false", help="never colour")
    p.add_argument("--version", action="version", version=f"draftlint {__version__}")
    return p


def _context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from .models import Context

    values: dict[str, object] = {}
    if args.context:
        import srsly

        try:
            data = srsly.read_yaml(args.context) if not args.context.endswith(".json") else srsly.read_json(args.context)
        except Exception as exc:  # noqa: BLE001
            raise DraftlintError(f"{args.context}: cannot read the context file: {str(exc).splitlines()[0] if str(exc) else exc}") from None
        if not isinstance(data, dict):
            raise DraftlintError(f"{args.context}: a context file must be a mapping of fields")
        values.update(data)
    if args.interviewer:
        values["interviewers"] = args.interviewer
    for key in ("company", "sender", "stage", "interview_date"):
        if getattr(args, key):
            values[key] = getattr(args, key)
    if not values:
        return None
    try:
        return Context.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = args.context or "command line"
        raise DraftlintError(f"{where}: context {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .config import Config, discover

    if args.config:
        config = Config.from_file(args.config)
    elif args.no_config:
        config = Config()
    else:
        start = next((p for p in args.paths if p != "-"), ".")
        found = discover(Path(start))
        config = Config.from_file(found) if found else Config()
    updates: dict[str, object] = {}
    if args.select:
        updates["select"] = tuple(args.select)
    if args.ignore:
        updates["ignore"] = tuple(config.ignore) + tuple(args.ignore)
    if args.fail_on:
        updates["fail_on"] = args.fail_on
    if args.render:
        updates["render_templates"] = True
    if args.max_bytes is not None:
        updates["max_bytes"] = _max_bytes(args.max_bytes)
    return config.model_copy(update=updates) if updates else config


def _max_bytes(raw: str) -> int:
    """The value of ``--max-bytes``: a positive whole number of bytes, as in the config."""
    from .errors import ConfigError

    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(f"--max-bytes: expected a positive whole number of bytes, got {raw!r}")
    return value


def _error_entry(origin: str, error: DraftlintError) -> tuple[str, str]:
    """An input error as an (origin, message) pair of the run's errors, the message
    without the name it starts with (the formatters and stderr put it back)."""
    message = str(error)
    for name in (origin, str(Path(origin))):
        if message.startswith(f"{name}: "):
            return origin, message[len(name) + 2 :]
    return origin, message


def _read_stdin(stdin: TextIO, kind: str, limit: int | None) -> Draft:
    """Standard input as a draft, reading at most one byte past the size limit."""
    import io

    from .sources import read_stream, size_limit

    if hasattr(stdin, "buffer"):
        return read_stream(stdin.buffer, kind=kind, origin="<stdin>", max_bytes=limit)  # type: ignore[arg-type]
    # A text stream (an embedding caller's): no more characters than the limit allows
    # bytes, then the bytes are checked.
    most = size_limit(limit)
    text = stdin.read(most + 1) if most else stdin.read()
    data = io.BytesIO(text.encode("utf-8", "surrogateescape"))
    return read_stream(data, kind=kind, origin="<stdin>", max_bytes=limit)  # type: ignore[arg-type]


def _lint(argv: Sequence[str], stdout: TextIO, stderr: TextIO, stdin: TextIO) -> int:
    parser = _lint_parser()
    parser.stream = stdout
    args = parser.parse_args(argv)
    if not args.paths:
        raise _UsageError("no input: give files or folders, or - for standard input")
    from .api import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, expand_paths
    from .engine import get_linter
    from .errors import InputError
    from .formatters import available_formatters

    formats = available_formatters()
    chosen = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in formats else "text")
    if chosen not in formats:
        raise _UsageError(f"unknown format {chosen!r}; choose from {', '.join(sorted(formats))}")
    formatter = formats[chosen]
    config = _config(args)
    context = _context(args)
    linter = get_linter(config)  # rule files and plugins fail here, before any input is read
    _freeze_startup()
    include = tuple(args.include) or config.include or DEFAULT_INCLUDE
    exclude = tuple(config.exclude) + tuple(args.exclude) or DEFAULT_EXCLUDE
    targets: list[tuple[str, str]] = []
    for raw in args.paths:
        for path in [raw] if raw == "-" else expand_paths([raw], include=include, exclude=exclude):
            targets.append((str(path), args.kind))
    stdin_drafts: list[Draft] = []
    stdin_errors: list[tuple[str, str]] = []
    if any(name == "-" for name, _ in targets):
        # Like a bad file, unreadable input never stops the other files.
        try:
            stdin_drafts.append(_read_stdin(stdin, args.kind, config.max_bytes))
        except InputError as exc:
            stdin_errors.append(_error_entry("<stdin>", exc))
    files = [(name, kind) for name, kind in targets if name != "-"]
    with _progress(stderr, len(files)) as tick:
        drafts, reports, errors = _lint_batch(linter, files, stdin_drafts, context, args.jobs, tick)
    errors = stdin_errors + errors
    texts = _texts(drafts)
    if args.write_baseline:
        from .baseline import write_baseline

        count = write_baseline(args.write_baseline, reports)
        stderr.write(f"draftlint: recorded {count} finding{'s' if count != 1 else ''} in {args.write_baseline}\n")
        return EXIT_OK
    if args.fix or args.diff:
        from .fixes import apply_fixes

        applied = 0
        fix_errors: list[tuple[str, str]] = []
        for report in reports:
            try:
                count, diff = apply_fixes(report, write=args.fix and not args.diff)
            except InputError as exc:
                # The file is as it was; the files after it are still fixed.
                fix_errors.append(_error_entry(report.origin, exc))
                continue
            applied += count
            if args.diff:
                stdout.write(diff)
        if args.diff:
            _write_errors(stderr, errors + fix_errors)
            return EXIT_ERROR if errors or fix_errors else EXIT_OK
        if applied:
            stderr.write(f"draftlint: applied {applied} safe fix{'es' if applied != 1 else ''}\n")
            # Report what is left after fixing, from the files as they now are.
            drafts, reports, errors = _lint_batch(linter, files, stdin_drafts, context, args.jobs)
            errors = stdin_errors + errors
            texts = _texts(drafts)
        errors = errors + fix_errors
    if args.baseline:
        from .baseline import apply_baseline

        reports = apply_baseline(args.baseline, reports)
    colour = args.colour if args.colour is not None else (stdout.isatty() and "NO_COLOR" not in os.environ)
    stdout.write(formatter(reports, errors, texts=texts, colour=colour, quiet=args.quiet, catalogue=linter.catalogue))
    unused = [u for r in reports for u in r.unused_suppressions] if args.warn_unused_suppressions else []
    for location in unused:
        stderr.write(f"{location.origin}:{location.line}:{location.column}: unused suppression: {location.message}\n")
    if errors:
        _write_errors(stderr, errors)
        return EXIT_ERROR
    failed = any(r.fails(config.fail_on) for r in reports) or bool(unused)
    return EXIT_FINDINGS if failed else EXIT_OK


def _lint_batch(
    linter: Linter, files: list[tuple[str, str]], stdin_drafts: list[Draft], context: Context | None, jobs: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Draft], list[Report], list[tuple[str, str]]]:
    """Read and lint the files, lint the drafts read from standard input, and run the
    cross-document checks over them all as one batch (standard input first).

    Returns:
        (drafts, their reports, (path, message) for each file that could not be read).
    """
    drafts, reports, errors, words = linter.read_and_lint(files, context, jobs=jobs, progress=progress)
    if stdin_drafts:
        drafts = stdin_drafts + drafts
        reports = [linter.lint(d, context) for d in stdin_drafts] + reports
        words = None  # recomputed for the whole batch
    return drafts, linter.lint_batch(drafts, context, reports=reports, words=words), errors


def _texts(drafts: Sequence[Draft]) -> dict[tuple[str, str], str]:
    """Each linted part's text by (origin, part), for the formatters that show source."""
    return {(d.origin, name): part.text for d in drafts for name, part in d.parts.items()}


def _write_errors(stderr: TextIO, errors: Sequence[tuple[str, str]]) -> None:
    """Input errors also go to stderr, one line each, so scripts see them in any format."""
    for origin, message in errors:
        stderr.write(f"draftlint: error: {origin}: {message}\n")


def _freeze_startup() -> None:
    """In the command-line process (see :func:`main`), freeze what exists now and turn
    the collector, paused through start-up, back on (elsewhere, nothing)."""
    from . import _cache

    _cache.started()


#: Runs with at least this many files show a progress bar when stderr is a terminal.
PROGRESS_FROM = 200


@contextlib.contextmanager
def _progress(stderr: TextIO, total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long runs on a terminal (rich), else nothing."""
    if total < PROGRESS_FROM or not getattr(stderr, "isatty", lambda: False)():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "linting", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(file=stderr), transient=True,
    ) as bar:
        task = bar.add_task("linting", total=total)
        yield lambda done: bar.advance(task, done)


def _rules(argv: Sequence[str], stdout: TextIO) -> int:
    p = _Parser(prog="draftlint rules", description="List every rule.")
    p.stream = stdout
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    from .config import Config
    from .engine import get_linter

    linter = get_linter(Config.from_file(args.config) if args.config else None)
    rules = linter.catalogue.rules
    if args.format == "json":
        stdout.write(json.dumps([r.model_dump(mode="json", exclude={"examples", "phrases", "patterns", "exceptions"}) for r in rules], indent=2) + "\n")
        return EXIT_OK
    for r in rules:
        enabled = "" if r.id in linter.rules else "  (disabled)"
        summary = " ".join(re.sub(r"\{[^{}]*\}", "…", r.message).split())
        stdout.write(f"{r.id}  {r.name:<40} {r.category:<15} {r.severity.value:<8} {summary}{enabled}\n")
    return EXIT_OK


def _explain(argv: Sequence[str], stdout: TextIO) -> int:
    p = _Parser(prog="draftlint explain", description="Explain one rule.")
    p.stream = stdout
    p.add_argument("rule", metavar="RULE", help="a rule id or name, e.g. DL101")
    args = p.parse_args(argv)
    from .engine import get_linter

    catalogue = get_linter().catalogue
    matches = catalogue.resolve(args.rule)
    rule = catalogue.get(args.rule) or (matches[0] if len(matches) == 1 else None)
    if rule is None:
        raise DraftlintError(f"no rule {args.rule!r}; 'draftlint rules' lists them")
    out = [f"{rule.id} {rule.name}", f"category: {rule.category}   severity: {rule.severity.value}", ""]
    out += [" ".join(rule.explanation.split()), ""]
    if rule.suggestion:
        out += [f"Instead: {rule.suggestion}", ""]
    out.append("Advice:")
    for source in rule.sources:
        advice = catalogue.advice[source]
        out.append(f"  {source} — {advice.title}")
    out += ["", "Flagged:"] + [f"  ✗ {' '.join(e.split())}" for e in rule.examples.bad]
    out += ["Fine:"] + [f"  ✓ {' '.join(e.split())}" for e in rule.examples.good]
    stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code instead of exiting (for tests).

    Without ``argv`` this is the ``draftlint`` process itself, which lives for one run:
    the garbage collector sleeps until the linter is built, and the objects that exist
    by then (modules, rules, the spaCy vocabulary) are frozen out of its reach, so its
    collections, including the final one at exit, do not scan them again and again
    (see :func:`draftlint._cache.short_lived_process`).
    """
    if argv is None:
        from . import _cache

        if _cache.short_lived_process():
            atexit.register(gc.freeze)
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    stdin = stdin or sys.stdin
    try:
        if argv[:1] == ["rules"]:
            return _rules(argv[1:], stdout)
        if argv[:1] == ["explain"]:
            return _explain(argv[1:], stdout)
        if argv[:1] == ["schema"]:
            from .formatters.schema import json_schema

            stdout.write(json.dumps(json_schema(), indent=2) + "\n")
            return EXIT_OK
        return _lint(argv, stdout, stderr, stdin)
    except _UsageError as exc:
        stderr.write(f"draftlint: usage error: {exc}\n(try 'draftlint --help')\n")
        return EXIT_ERROR
    except DraftlintError as exc:
        stderr.write(f"draftlint: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        stderr.write("draftlint: interrupted\n")
        return 130
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except BrokenPipeError:
        return EXIT_OK
    finally:
        # Whatever path the run took (an error, --help, rules), the collector paused
        # for start-up is back on when main() returns to a caller.
        _freeze_startup()
