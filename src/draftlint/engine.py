"""Run the checks over a draft and assemble the report.

The engine owns everything a check does not: rule identity and wording, severity from
the configuration, dropping hits in masked text and hits cancelled by a rule's
exceptions, keeping the longest match per rule, ordering, fingerprints and statistics.
A check that raises is recorded in ``Report.failures`` and the others still run.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import itertools
import math
import multiprocessing
import multiprocessing.connection
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from spacy.tokens import Doc

from ._cache import collector_paused as _collector_paused
from ._version import __version__
from .checks.base import Analysis, CheckFunction, Hit
from .checks.duplicates import ALL_PAIRS_UP_TO, COPY_OPTIONS, comparable_words, prepare
from .config import Config
from .draft import Draft, DraftPart, SpanIndex
from .errors import ConfigError, PluginError
from .models import CheckFailure, Context, Finding, Fix, RelatedLocation, Report, Severity
from .nlp import RuleMatcher, get_pipeline
from .plugins import check_plugins, import_builtin, rule_pack_dirs
from .rules.loader import Catalogue, builtin_rules_dir, load_catalogue
from .rules.schema import RuleMeta
from .stats import compute_stats

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Linter", "get_linter"]

_PART_ORDER = {"body": 0, "subject": 1}


def _report_order(finding: Finding) -> tuple[int, int, str, int]:
    """Where a finding sorts in a report: body first, then by offset and rule (the
    order :meth:`Linter._findings` gives its hits)."""
    return _PART_ORDER.get(finding.part, 9), finding.start, finding.rule_id, finding.end


_MAX_MATCH_IN_MESSAGE = 80


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(template: str, args: Mapping[str, Any]) -> str:
    # str.format_map is string.Formatter().vformat in C (a tenth of the time); a
    # placeholder with no value stays as written, and a template that cannot be
    # filled is shown as it stands.
    try:
        text = template.format_map(_Blank(args))
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        text = template
    return " ".join(text.split())


def _short(excerpt: str) -> str:
    text = " ".join(excerpt.split())
    return text if len(text) <= _MAX_MATCH_IN_MESSAGE else text[: _MAX_MATCH_IN_MESSAGE - 1] + "…"


@dataclass(frozen=True, slots=True)
class Inline:
    """An input of a batch given in memory (text, bytes, a mail message or a
    :class:`Draft`), read where it is linted, like a file."""

    origin: str
    data: Any


class Linter:
    """Rules, checks and pipeline loaded for one configuration; reusable and thread-safe to read.

    Building a linter loads and validates every rule file and plugin, so all load-time
    errors surface here and never during :meth:`lint`.
    """

    def __init__(self, config: Config | None = None) -> None:
        # Everything built here lives as long as the linter (see collector_paused).
        with _collector_paused():
            self._build(config)

    def _build(self, config: Config | None) -> None:
        self.config = config or Config()
        folders: list[Path] = [builtin_rules_dir()]
        folders += [folder for _, folder in rule_pack_dirs()]
        folders += [Path(p) for p in self.config.rule_dirs]
        self.catalogue: Catalogue = load_catalogue(folders)
        self.rules: dict[str, RuleMeta] = {r.id: r for r in self._selected()}
        self.severity: dict[str, Severity] = {}
        self.options: dict[str, dict[str, Any]] = {}
        for rule in self.rules.values():
            settings = self._settings(rule)
            self.severity[rule.id] = settings.severity if settings and settings.severity else rule.severity
            self.options[rule.id] = _merge_options(rule.options, settings.options if settings else {})
        self._check_option_keys()
        self.nlp = _pipeline(self.config)
        # The components, called as Language.__call__ calls them (see _doc).
        self._components = [component for _, component in self.nlp.pipeline]
        self.matcher = RuleMatcher(
            self.nlp, self.rules.values(), dict(self.catalogue.files), cache=self.config.model is None
        )
        self.checks: list[tuple[RuleMeta, str, CheckFunction]] = self._python_checks()
        self.batch_checks: list[tuple[RuleMeta, Any]] = [
            (rule, import_builtin(rule.impl)) for rule in self.rules.values() if rule.kind == "batch" and rule.impl
        ]

    # -- loading -------------------------------------------------------------------

    def _check_option_keys(self) -> None:
        """Fail on per-rule settings a rule does not have, or of the wrong type.

        A table keyed by a category or prefix covers many rules; a key there only
        needs to be an option of one of them.
        """
        where = f"{self.config.source}: " if self.config.source else ""
        for key, settings in self.config.rules.items():
            covered = self.catalogue.resolve(key)
            for option, value in settings.options.items():
                owners = [r for r in covered if option in r.options]
                if not owners:
                    known = sorted({o for r in covered for o in r.options})
                    hint = f"; options there: {', '.join(known)}" if known else "; those rules take no options"
                    raise ConfigError(f"{where}rules.{key}.{option.replace('_', '-')}: unknown option{hint}")
                default = owners[0].options[option]
                if default is not None and not _same_kind(default, value):
                    raise ConfigError(
                        f"{where}rules.{key}.{option.replace('_', '-')}: expected {type(default).__name__}, "
                        f"got {type(value).__name__}"
                    )

    def _resolve(self, keys: Iterable[str], what: str) -> set[str]:
        found: set[str] = set()
        for key in keys:
            rules = self.catalogue.resolve(key)
            if not rules:
                raise ConfigError(f"{what}: {key!r} matches no rule id, prefix, name or category")
            found.update(r.id for r in rules)
        return found

    def _selected(self) -> list[RuleMeta]:
        config = self.config
        chosen = self._resolve(config.select, "select") if config.select else {r.id for r in self.catalogue.rules}
        chosen -= self._resolve(config.ignore, "ignore")
        for key, settings in config.rules.items():
            ids = self._resolve([key], f"rules.{key}")
            if not settings.enabled:
                chosen -= ids
        return [r for r in self.catalogue.rules if r.id in chosen]

    def _settings(self, rule: RuleMeta) -> Any:
        """The config entry for a rule: by id, name or alias first, then the most
        specific prefix or category key that covers it (``DL1`` or ``impatience``)."""
        for key in (rule.id, rule.name, *rule.aliases):
            if key in self.config.rules:
                return self.config.rules[key]
        covering = [key for key in self.config.rules if rule in self.catalogue.resolve(key)]
        if not covering:
            return None
        return self.config.rules[max(covering, key=lambda k: (k != rule.category, len(k)))]

    def _python_checks(self) -> list[tuple[RuleMeta, str, CheckFunction]]:
        checks: dict[str, tuple[RuleMeta, str, CheckFunction]] = {}
        for rule in self.rules.values():
            if rule.kind == "python" and rule.impl:
                checks[rule.id] = (rule, "draftlint", import_builtin(rule.impl))
        for rule_id, who, function in check_plugins():
            rule = self.catalogue.get(rule_id)
            if rule is None:
                raise PluginError(f"{who}: no rule file declares {rule_id}; ship one with kind: python in a rule pack")
            if rule.kind != "python":
                raise PluginError(f"{who}: rule {rule_id} is a {rule.kind} rule, not kind: python")
            if rule_id in self.rules:
                checks[rule_id] = (rule, who, function)
        for rule in self.rules.values():
            if rule.kind == "python" and rule.id not in checks:
                raise PluginError(f"rule {rule.id} ({rule.name}) is kind: python but no installed check provides it")
        return [checks[k] for k in sorted(checks)]

    # -- linting -------------------------------------------------------------------

    def lint(self, draft: Draft, context: Context | None = None) -> Report:
        """Lint a parsed draft. Never raises because of the draft's content.

        With ``render_templates`` configured, a template is linted as rendered with its
        sample values (see :meth:`lint_rendered`).
        """
        if self.config.render_templates and draft.mode == "template":
            return self.lint_rendered(draft, context)
        return self._lint(draft, context)

    def _lint(self, draft: Draft, context: Context | None = None) -> Report:
        merged = (context or _NO_CONTEXT).merged_with(draft.context)
        docs: dict[str, Doc] = {name: self._doc(part.nlp_text) for name, part in draft.parts.items()}
        analysis = Analysis(draft=draft, context=merged, docs=docs)
        hits: list[tuple[RuleMeta, Hit]] = list(self._pattern_hits(draft, docs))
        failures: list[CheckFailure] = []
        for rule, who, function in self.checks:
            try:
                for hit in function(analysis, self.options[rule.id]) or ():
                    part = draft.parts.get(hit.part)
                    if part is None or not 0 <= hit.start < hit.end <= len(part.text):
                        raise ValueError(f"hit {hit.start}-{hit.end} is outside part {hit.part!r}")
                    if not _hidden(part, hit):
                        hits.append((rule, hit))
            except Exception as exc:  # noqa: BLE001 - one broken check must not stop the others
                failures.append(CheckFailure(rule_id=rule.id, plugin=who, error=f"{type(exc).__name__}: {exc}"))
        if draft.suppress:
            hidden = self._suppressed(draft.suppress)
            hits = [(rule, hit) for rule, hit in hits if rule.id not in hidden]
        unused: tuple[RelatedLocation, ...] = ()
        if draft.directives:
            hits, unused = self._apply_directives(draft, hits)
        findings = self._findings(draft, self._longest(hits))
        return Report(
            tool_version=__version__,
            origin=draft.origin,
            kind=draft.kind,
            findings=tuple(findings),
            stats=compute_stats(draft.body, docs["body"]),
            failures=tuple(failures),
            unused_suppressions=unused,
        )

    def _doc(self, text: str) -> Doc:
        """``self.nlp(text)``, without the per-component bookkeeping of ``Language.__call__``
        (error-handler lookups and type checks: about 1% of a draft's time). The
        pipeline is ours, built without custom error handlers or component settings,
        and each component returns its doc, so the result is the same."""
        doc = self.nlp.make_doc(text)
        for component in self._components:
            doc = component(doc)
        return doc

    def lint_rendered(self, template: Draft, context: Context | None = None) -> Report:
        """Lint a template as it reads once rendered with its sample values.

        Findings are mapped back to the template source: offsets, line and column and
        excerpt index the template as written; a finding inside a filled-in value
        covers the whole slot. Syntax findings come from the template itself.
        """
        from .sources.template import render_template

        rendered = render_template(template)
        body = DraftPart(
            "body", rendered.text, tuple(_masks_for(rendered.text, template)),
            slots=tuple(s for s in _slots_for(rendered, template)),
        )
        parts = {"body": body}
        draft = Draft(parts=parts, kind="template", origin=template.origin, context=template.context,
                      mode="template", template_errors=(), variables=template.variables, suppress=template.suppress)
        report = self._lint(draft, context)
        source = template.body
        mapped = []
        for finding in report.findings:
            start, end = rendered.to_source(finding.start, finding.end)
            line, column = source.position(start)
            mapped.append(finding.model_copy(update={
                "start": start, "end": end, "line": line, "column": column, "excerpt": source.text[start:end],
            }))
        syntax = self._lint(template, context).findings
        mapped += [f for f in syntax if f.category == "template-syntax"]
        mapped.sort(key=_report_order)
        return report.model_copy(update={"findings": tuple(mapped), "stats": report.stats})

    def read_and_lint(
        self,
        targets: Sequence[tuple[str | Inline, str]],
        context: Context | None = None,
        *,
        jobs: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[list[Draft], list[Report], list[tuple[str, str]], list[Any]]:
        """Read and lint files, in ``jobs`` worker processes when that pays off.

        Args:
            targets: (path, kind) pairs; a path may be an :class:`Inline` input
                instead, read with this linter's settings.
            jobs: worker processes; 0 means one per core for batches of at least
                ``PARALLEL_FROM`` files.
            progress: called with the number of files done after each chunk.

        Workers are forked, so they share the loaded rules; where fork is unavailable
        the work runs in this process. A file over the size limit (the config's
        ``max_bytes``, else ``DRAFTLINT_MAX_BYTES``, else 5 MiB) cannot be read.

        Returns:
            (drafts, their reports, (path, message) for each file that could not be read,
            and each draft's words for the copy-paste check), in input order.
            Cross-document rules are not run here (see :meth:`lint_batch`, and
            :meth:`read_and_lint_batch` for both at once).
        """
        read, linted, _ = self._read_then_lint(targets, context, jobs, progress, None)
        return _assemble(read, linted)

    def read_and_lint_batch(
        self,
        targets: Sequence[tuple[str | Inline, str]],
        context: Context | None = None,
        *,
        jobs: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> tuple[list[Draft], list[Report], list[tuple[str, str]]]:
        """:meth:`read_and_lint`, then :meth:`lint_batch` over the drafts read.

        Returns:
            (drafts, their reports with the cross-document findings, (path, message)
            for each file that could not be read), in input order.

        With workers, the cross-document rules run here while the workers lint: they
        send each chunk's drafts and copy-paste words as soon as they have read it, and
        lint their chunks afterwards; on two cores the copy-paste stage no longer runs
        alone after the linting.
        """

        def copies(read: list[Any]) -> dict[int, list[Finding]]:
            drafts, _, words = _in_order(read)
            return self._cross_findings(drafts, context, words) if len(drafts) >= 2 else {}

        read, linted, found = self._read_then_lint(targets, context, jobs, progress, copies if self.batch_checks else None)
        drafts, reports, failures, _ = _assemble(read, linted)
        return drafts, _with_findings(reports, found or {}), failures

    def _read_then_lint(
        self,
        targets: Sequence[tuple[str | Inline, str]],
        context: Context | None,
        jobs: int,
        progress: Callable[[int], None] | None,
        after_reading: Callable[[list[Any]], Any] | None,
    ) -> tuple[list[Any], list[tuple[int, Report]], Any]:
        """Read every target, then lint what was read (see :func:`_read_chunk` and
        :func:`_lint_chunk` for the items); ``after_reading`` is called with every item
        read, once all are, and its result comes last (``None`` without it)."""
        planned = self._planned(targets)
        if jobs == 0:
            jobs = (os.cpu_count() or 1) if len(targets) >= PARALLEL_FROM else 1
        jobs = max(1, min(jobs, len(targets) // 50 or 1))
        numbered = list(enumerate(planned))
        copy = self._copy_preparation(len(numbered))
        chunks = [
            _Chunk(numbered[start:end], context, copy, self.config.max_bytes)
            for start, end in _chunk_bounds(len(numbered), jobs)
        ]
        # A daemonic process (a task of another pool) may not start children.
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon:
            self._warm_up(context, {key for _, _, key in planned})
            # This process unpickles results here, and runs the cross-document rules and
            # lints a few chunks, which make no cyclic garbage either (see _worker).
            with _collector_paused(freeze=True):
                return _lint_in_workers(chunks, jobs, progress, after_reading)
        read, linted = _lint_here(chunks, progress)
        return read, linted, after_reading(read) if after_reading is not None else None

    def _planned(self, targets: Sequence[tuple[str | Inline, str]]) -> list[tuple[str | Inline, str, str]]:
        """(path or input, kind, key of the config to lint it with) for each target."""
        planned: list[tuple[str | Inline, str, str]] = []
        base_key = self.config.cache_key()
        for path, kind in targets:
            if isinstance(path, Inline):
                planned.append((path, kind, base_key))
                continue
            # Per-path overrides: each file is read and linted with the settings for it.
            own = self.config.for_path(path)
            planned.append((path, own.kind_for(path, kind), base_key if own is self.config else own.cache_key()))
        return planned

    def _warm_up(self, context: Context | None, config_keys: Iterable[str]) -> None:
        """Build, in this process, what linting builds on first use, before workers fork.

        Otherwise every forked worker builds it again for itself: the linters of
        per-path settings, the name-drop gate (compiled for the context's senior
        people) and the copy-paste word lists. The name-drop cue patterns (0.2 s) are
        left to the workers that meet a senior person, if any does.
        """
        from .sources import read

        for key in config_keys:
            _linter_for(key)
        draft = read(_WARM_UP_NOTE, kind="text", origin="<warm-up>", max_bytes=0)
        self.lint(draft, context)
        _copy_words(draft, context)

    def _copy_preparation(self, count: int) -> dict[str, Any] | None:
        """How workers prepare copy-paste features, decided by this (the base) linter.

        ``None`` when no batch rule runs. Every file gets its words, whatever the
        per-path settings of its own linter, so the batch stage sees the whole batch;
        signatures are computed when the batch is large enough for the LSH index.
        """
        if not self.batch_checks:
            return None
        rule = self.batch_checks[0][0]
        options = {k: v for k, v in self.options[rule.id].items() if k in COPY_OPTIONS and k != "threshold"}
        return {**options, "signatures": count > ALL_PAIRS_UP_TO}

    def lint_batch(
        self,
        drafts: Sequence[Draft],
        context: Context | None = None,
        *,
        reports: Sequence[Report] | None = None,
        words: Sequence[Any] | None = None,
    ) -> list[Report]:
        """Lint several drafts, then run the cross-document rules (copy-paste) over them.

        A copy-paste finding goes on the later document of a pair, spans the longest
        passage it shares with the earlier one, and names every earlier document it
        repeats as a related location.
        """
        reports = list(reports) if reports is not None else [self.lint(draft, context) for draft in drafts]
        if len(drafts) < 2 or not self.batch_checks:
            return reports
        return _with_findings(reports, self._cross_findings(drafts, context, words))

    def _cross_findings(
        self, drafts: Sequence[Draft], context: Context | None, words: Sequence[Any] | None
    ) -> dict[int, list[Finding]]:
        """The cross-document rules' findings, by the position of their draft in ``drafts``."""
        with _collector_paused():
            return self._cross_document(drafts, context, words)

    def _cross_document(
        self, drafts: Sequence[Draft], context: Context | None, words: Sequence[Any] | None
    ) -> dict[int, list[Finding]]:
        extra: dict[int, list[tuple[RuleMeta, Hit]]] = defaultdict(list)
        for rule, function in self.batch_checks:
            documents = list(words) if words is not None else [_copy_words(d, context) for d in drafts]
            options = {k: v for k, v in self.options[rule.id].items() if k in COPY_OPTIONS}
            by_second: dict[int, list[Any]] = defaultdict(list)
            for pair in function(documents, **options):
                by_second[pair.second].append(pair)
            for second, pairs in by_second.items():
                if rule.id not in self._suppressed(drafts[second].suppress):
                    extra[second].append((rule, _copy_hit(drafts, pairs)))
        return {index: self._findings(drafts[index], hits) for index, hits in extra.items()}

    def _apply_directives(
        self, draft: Draft, hits: list[tuple[RuleMeta, Hit]]
    ) -> tuple[list[tuple[RuleMeta, Hit]], tuple[RelatedLocation, ...]]:
        """Drop hits that inline directives silence; also return the unused directives.

        ``disable-file`` covers the whole draft; ``disable`` runs to the next ``enable``
        naming the same keys (or any ``enable`` without keys) or to the end;
        ``disable-next-line`` covers the line after its own.
        """
        body = draft.body
        regions: list[tuple[int, int, set[str] | None, int]] = []  # start, end, rule ids (None: all), directive
        open_: list[tuple[int, set[str] | None, tuple[str, ...], int]] = []
        line_starts = body._line_starts
        for number, directive in enumerate(draft.directives):
            ids = self._suppressed(directive.keys) if directive.keys else None
            if directive.action == "disable-file":
                regions.append((0, len(body.text), ids, number))
            elif directive.action == "disable-next-line":
                line, _ = body.position(directive.start)
                if line < len(line_starts):
                    start = line_starts[line]
                    end = line_starts[line + 1] if line + 1 < len(line_starts) else len(body.text)
                    regions.append((start, end, ids, number))
            elif directive.action == "disable":
                open_.append((directive.end, ids, directive.keys, number))
            else:  # enable
                still = []
                for start, region_ids, keys, which in open_:
                    if not directive.keys or set(keys) & set(directive.keys) or (
                        region_ids is not None and ids is not None and region_ids <= ids
                    ):
                        regions.append((start, directive.start, region_ids, which))
                    else:
                        still.append((start, region_ids, keys, which))
                open_ = still
        regions += [(start, len(body.text), ids, which) for start, ids, _, which in open_]
        used: set[int] = set()
        kept = []
        for rule, hit in hits:
            covering = [
                which for start, end, ids, which in regions
                if (ids is None or rule.id in ids)
                and (hit.part != "body" or start <= hit.start < end or (start == 0 and end == len(body.text)))
                and (hit.part == "body" or draft.directives[which].action == "disable-file")
            ]
            if covering:
                used.update(covering)
            else:
                kept.append((rule, hit))
        unused = []
        for number, directive in enumerate(draft.directives):
            if directive.action != "enable" and number not in used:
                line, column = body.position(directive.start)
                unused.append(RelatedLocation(
                    origin=draft.origin, start=directive.start, end=directive.end, line=line, column=column,
                    message=f"'{directive.action}{' ' + ', '.join(directive.keys) if directive.keys else ''}' silenced nothing",
                ))
        return kept, tuple(unused)

    def _suppressed(self, keys: Iterable[str]) -> set[str]:
        """Rule ids a document switches off for itself (unknown keys are ignored)."""
        return {rule.id for key in keys for rule in self.catalogue.resolve(str(key))}

    def _pattern_hits(self, draft: Draft, docs: Mapping[str, Doc]) -> Iterable[tuple[RuleMeta, Hit]]:
        for name, doc in docs.items():
            part = draft.parts[name]
            matches, exceptions = self.matcher(doc)
            spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for match in exceptions:
                spans[match.rule_id].append((match.start, match.end))
            # Indexed, so that many matches against many exceptions stay cheap.
            cancelled = {rule_id: SpanIndex(found) for rule_id, found in spans.items()}
            for match in matches:
                rule = self.rules.get(match.rule_id)
                if rule is None or rule.scope not in ("any", name):
                    continue
                if rule.id in cancelled and cancelled[rule.id].overlaps(match.start, match.end):
                    continue
                if part.masks and part.masked(match.start, match.end):
                    continue
                yield rule, Hit(name, match.start, match.end, replacement=rule.fix)  # type: ignore[arg-type]

    @staticmethod
    def _longest(hits: list[tuple[RuleMeta, Hit]]) -> list[tuple[RuleMeta, Hit]]:
        """Per rule and part, keep the longest of overlapping hits (other rules are untouched).

        Longest first, then leftmost: a hit is kept when it overlaps no hit kept before
        it. O(n log n) in the hits (a draft can repeat a phrase thousands of times).
        """
        hits.sort(key=lambda rh: (rh[0].id, rh[1].part, -(rh[1].end - rh[1].start), rh[1].start))
        kept: list[tuple[RuleMeta, Hit]] = []
        for _, group in itertools.groupby(hits, key=lambda rh: (rh[0].id, rh[1].part)):
            same = list(group)
            taken = _GrowingSpans([hit.start for _, hit in same])
            for rule, hit in same:
                if not taken.overlaps(hit.start, hit.end):
                    taken.add(hit.start, hit.end)
                    kept.append((rule, hit))
        return kept

    def _findings(self, draft: Draft, hits: list[tuple[RuleMeta, Hit]]) -> list[Finding]:
        hits.sort(key=lambda rh: (_PART_ORDER.get(rh[1].part, 9), rh[1].start, rh[0].id, rh[1].end))
        seen: dict[tuple[str, str, str], int] = defaultdict(int)
        findings = []
        for rule, hit in hits:
            part = draft.parts[hit.part]
            excerpt = part.text[hit.start : hit.end]
            line, column = part.position(hit.start)
            args = {"match": _short(excerpt), **hit.args}
            key = (rule.id, hit.part, " ".join(excerpt.lower().split()))
            occurrence = seen[key]
            seen[key] += 1
            digest = hashlib.sha256("\x1f".join([*key, str(occurrence)]).encode("utf-8", "surrogatepass"))
            findings.append(
                Finding(
                    rule_id=rule.id,
                    rule_name=rule.name,
                    category=rule.category,
                    severity=self.severity[rule.id],
                    confidence=hit.confidence if hit.confidence is not None else rule.confidence,
                    part=hit.part,
                    start=hit.start,
                    end=hit.end,
                    line=line,
                    column=column,
                    excerpt=excerpt,
                    message=_render(rule.message, args),
                    explanation=" ".join(rule.explanation.split()),
                    suggestion=_render(hit.suggestion or rule.suggestion, args) if (hit.suggestion or rule.suggestion) else None,
                    sources=rule.sources,
                    fix=Fix(replacement=hit.replacement) if hit.replacement is not None else None,
                    related=hit.related,
                    fingerprint=digest.hexdigest()[:20],
                )
            )
        return findings


def _masks_for(text: str, template: Draft) -> list[Any]:
    from .draft import Mask
    from .sources._quotes import find_masks
    from .sources.markdown import markdown_masks, split_front_matter

    _, end = split_front_matter(text)
    masks = [Mask(0, end, "front-matter")] if end else []
    masks += markdown_masks(text, end)
    masks += [Mask(m.start + end, m.end + end, m.kind) for m in find_masks(text[end:])]
    return masks


def _hidden(part: DraftPart, hit: Hit) -> bool:
    """Whether a check's hit starts in masked text that hides it from the report.

    A hit may start on template syntax (a broken tag) or on a placeholder left in a
    signature, but not inside a quoted reply, a signature's own words or other masked
    text.
    """
    kinds = part.mask_kinds(hit.start, hit.start + 1)  # the masks holding hit.start
    kinds.discard("template")
    if "signature" in kinds and part.is_slot(hit.start, hit.end):
        kinds.discard("signature")
    return bool(kinds)


class _GrowingSpans:
    """Spans added one at a time, asked whether any added span overlaps ``[start, end)``.

    A Fenwick tree over the starts that may be added (all known up front) keeps the
    furthest end among the spans starting at or before each position, so that both
    adding and asking take logarithmic time: the spans starting before ``end``
    overlap ``[start, end)`` exactly when the furthest of their ends lies after ``start``.
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, starts: Iterable[int]) -> None:
        self._starts = sorted(set(starts))
        self._reach: list[float] = [-math.inf] * (len(self._starts) + 1)

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)``; ``start`` must be one of the starts given at creation."""
        position = bisect.bisect_left(self._starts, start) + 1
        while position < len(self._reach):
            self._reach[position] = max(self._reach[position], end)
            position += position & -position

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some added span ``s`` has ``s.start < end`` and ``start < s.end``."""
        position = bisect.bisect_left(self._starts, end)  # the starts before ``end``
        furthest = -math.inf
        while position > 0:
            furthest = max(furthest, self._reach[position])
            position -= position & -position
        return furthest > start


def _slots_for(rendered: Any, template: Draft) -> list[Any]:
    """The template's slots that rendering left unfilled, at their rendered offsets."""
    from .draft import Slot

    out = []
    for r0, r1, s0, s1, exact in rendered.segments:
        if not exact:
            continue
        for slot in template.body.slots:
            if s0 <= slot.start and slot.end <= s1:
                out.append(Slot(r0 + slot.start - s0, r0 + slot.end - s0, slot.name, slot.style))
    return out


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, Mapping):
        return isinstance(value, Mapping)
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def _merge_options(defaults: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Rule options with config overrides; mappings merge key by key, so that
    ``budgets = { thank-you = 180 }`` keeps the other stages' defaults."""
    merged = dict(defaults)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


# Contexts are frozen, so one empty context serves every draft linted without one.
_NO_CONTEXT = Context()

#: Batches of at least this many files use every core when ``jobs`` is 0 (automatic).
PARALLEL_FROM = 400


def _chunk_bounds(count: int, jobs: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each chunk of ``count`` files for ``jobs`` workers.

    Chunks of a few dozen files keep workers busy and let a progress bar move. They
    shrink as the work runs out (a chunk is at most a quarter of each worker's share
    of what is left), so that the workers finish close together: with equal chunks,
    one worker could still be on its last chunk of 64 files while the other sat idle.
    """
    bounds = []
    start = 0
    while start < count:
        size = max(_MIN_CHUNK, min(_MAX_CHUNK, -(-(count - start) // (jobs * 4))))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


_MIN_CHUNK, _MAX_CHUNK = 8, 64


#: A note that reaches every check's first-use set-up (see ``Linter._warm_up``), the
#: name-drop gate included (it holds a trigger word, "manager"), but names no one
#: senior: the cue patterns behind the gate are compiled only where a document needs
#: them (see checks.people).
_WARM_UP_NOTE = (
    "Dear Ms. Park,\n\nThank you for the interview. I enjoyed meeting the hiring manager and the team, "
    "and I will follow up next week.\n\nBest,\nAlex\n"
)


class _Chunk(NamedTuple):
    """Files read and linted together: ``(index, (path or input, kind, config key))``
    each, and the settings of the whole batch (``max_bytes`` ``None``: the
    ``DRAFTLINT_MAX_BYTES`` or 5 MiB limit; ``copy`` ``None``: no copy-paste words)."""

    files: list[tuple[int, tuple[str | Inline, str, str]]]
    context: Context | None
    copy: dict[str, Any] | None
    max_bytes: int | None


#: What reading a file gives: its index, then the draft, ``None`` and its copy-paste
#: words, or ``None``, (origin, message) and ``None`` when it cannot be read.
_ReadItem = tuple[int, Draft | None, tuple[str, str] | None, Any]


def _lint_here(
    chunks: Sequence[_Chunk], progress: Callable[[int], None] | None
) -> tuple[list[_ReadItem], list[tuple[int, Report]]]:
    """Read and lint ``chunks`` in this process, a chunk at a time."""
    read: list[_ReadItem] = []
    linted: list[tuple[int, Report]] = []
    for chunk in chunks:
        items = _read_chunk(chunk)
        read += items
        linted += _lint_chunk(chunk, items)
        if progress is not None:
            progress(len(items))
    return read, linted


def _lint_in_workers(
    chunks: Sequence[_Chunk],
    jobs: int,
    progress: Callable[[int], None] | None,
    after_reading: Callable[[list[_ReadItem]], Any] | None,
) -> tuple[list[_ReadItem], list[tuple[int, Report]], Any]:
    """Read, then lint, ``chunks`` in ``jobs`` forked worker processes (see
    :func:`_worker` and :class:`_Collector`); what was read, the reports, and what
    ``after_reading`` gave.

    Not a ``multiprocessing.Pool``: its worker-handler thread wakes up whenever a result
    waits in the pipe, and spun on it while the result-handler thread read and unpickled
    it, a tenth of a second of the parent's CPU per thousand drafts, taken from the
    workers on two cores. Here the workers inherit the chunks (nothing is pickled on the
    way in), take the next one to read from a shared counter, and send their results on
    a pipe of their own, which this thread reads as they come in.
    """
    fork = multiprocessing.get_context("fork")
    taken = fork.Value("l", 0)
    workers: list[tuple[Any, Any, Any]] = []
    try:
        for _ in range(jobs):
            workers.append(_start_worker(fork, chunks, taken))
        collector = _Collector(chunks, progress, after_reading)
        return collector.run(workers)
    except BaseException:
        for worker, _, _ in workers:
            worker.terminate()  # stopped by an error: the other chunks are not needed
        raise
    finally:
        for worker, reader, _ in workers:
            worker.join()
            reader.close()


def _start_worker(fork: Any, chunks: Sequence[_Chunk], taken: Any) -> tuple[Any, Any, Any]:
    """A started worker process (see :func:`_worker`), the end of the pipe it sends on,
    and the shared bounds of the chunks it read and has not linted yet."""
    own = fork.Array("l", 2)  # [first, end) of the worker's chunks left to lint, in reading order
    reader, writer = fork.Pipe(duplex=False)
    worker = fork.Process(target=_worker, args=(chunks, taken, own, writer), daemon=True)
    worker.start()
    writer.close()  # the worker's copy only: the reader sees the end when the worker is gone
    return worker, reader, own


class _Collector:
    """This process's side of :func:`_lint_in_workers`: gather what the workers send,
    run ``after_reading`` once every file is read, then lint chunks too.

    A worker lints the chunks it read (it holds their drafts), first to last; once this
    process has every draft, it takes the last chunk left of the worker with the most
    left whenever no result is waiting. The workers read at the speed they happen to
    get, so one may read more than the other: without this, it went on linting its
    extra chunks alone, up to a tenth of the linting time.
    """

    def __init__(
        self,
        chunks: Sequence[_Chunk],
        progress: Callable[[int], None] | None,
        after_reading: Callable[[list[_ReadItem]], Any] | None,
    ) -> None:
        self.chunks = chunks
        self.progress = progress
        self.after_reading = after_reading
        self.read: list[_ReadItem] = []
        self.linted: list[tuple[int, Report]] = []
        self.found: Any = None
        self.items: dict[int, list[_ReadItem]] = {}  # by chunk
        self.order: dict[Any, list[int]] = {}  # by worker: the chunks it read, in order
        self.left = {"read": len(chunks), "linted": len(chunks)}

    def run(self, workers: list[tuple[Any, Any, Any]]) -> tuple[list[_ReadItem], list[tuple[int, Report]], Any]:
        """Collect from each worker, given as ``(process, reader, bounds)`` (see
        :func:`_start_worker`), until every pipe is closed."""
        bounds = {reader: own for _, reader, own in workers}
        processes = {reader: process for process, reader, _ in workers}
        waiting = list(bounds)
        while waiting:
            # Once every file is read (and this process has every draft), take chunks
            # to lint whenever no message is waiting.
            ready = multiprocessing.connection.wait(waiting, timeout=0 if bounds and not self.left["read"] else None)
            for reader in ready:
                if not self.receive(reader):
                    waiting.remove(reader)
                    _check_ended(processes[reader])
            if not ready and not self.lint_one(bounds):
                bounds = {}  # nothing left to take: only wait from now on
        if any(self.left.values()):
            raise RuntimeError("a worker process ended before its files were linted")
        return self.read, self.linted, self.found

    def receive(self, reader: Any) -> bool:
        """Take in one message from a worker; ``False`` when its pipe is closed."""
        try:
            step, index, items = reader.recv()
        except EOFError:
            return False
        if step == "error":
            raise items
        if step == "read":
            self.items[index] = items
            self.order.setdefault(reader, []).append(index)
            self.read += items
        else:
            self.linted += items
        # Files that cannot be read are done when read; the others, when linted.
        self.done(step, sum(1 for item in items if item[1] is None) if step == "read" else len(items))
        if step == "read" and not self.left["read"] and self.after_reading is not None:
            self.found = self.after_reading(self.read)
        return True

    def lint_one(self, bounds: Mapping[Any, Any]) -> bool:
        """Lint the last chunk left of the worker with the most left, if any."""
        # Read without the locks (get_obj: indexing the array itself takes its lock),
        # the counts only order the workers; taking is locked.
        for reader, own in sorted(bounds.items(), key=lambda item: item[1].get_obj()[0] - item[1].get_obj()[1]):
            lock = own.get_lock()
            # Not waited for without end: a worker killed while holding it would never
            # let go; its closed pipe then says it ended (see _check_ended).
            if not lock.acquire(timeout=0.5):
                continue
            try:
                if own[1] <= own[0]:
                    continue
                own[1] -= 1
                position = own[1]
            finally:
                lock.release()
            index = self.order[reader][position]
            self.linted += _lint_chunk(self.chunks[index], self.items[index])
            self.done("linted", len([item for item in self.items[index] if item[1] is not None]))
            return True
        return False

    def done(self, step: str, files: int) -> None:
        """Count a chunk through ``step`` (``read`` or ``linted``) and ``files`` files done."""
        self.left[step] -= 1
        if self.progress is not None and files:
            self.progress(files)


def _worker(chunks: Sequence[_Chunk], taken: Any, own: Any, results: Any) -> None:
    """A worker process: read the chunks no worker has taken yet, one at a time, sending
    ``("read", chunk index, items)`` for each; then lint the chunks it read that this
    process has not taken (see :class:`_Collector`), sending ``("linted", chunk index,
    reports)`` for each; or send ``("error", -1, exception)`` when that fails."""
    # Forked with the collector paused (see _collector_paused), and it stays paused:
    # linting makes no reference cycles, and the collections that its many short-lived
    # objects set off cost a worker about 7% of its time. Each chunk still begins by
    # collecting the young generations, so that a cycle an odd input or a plugin leaves
    # behind is freed; the parent's objects stay frozen out of the collector's reach.
    gc.disable()
    try:
        mine = []
        while (index := _take(taken)) < len(chunks):
            gc.collect(1)
            items = _read_chunk(chunks[index])
            # Kept to lint, without the copy-paste words (only this process needs those).
            mine.append((index, [(number, draft, None, None) for number, draft, _, _ in items]))
            with own.get_lock():
                own[1] += 1
            results.send(("read", index, items))
        while (position := _next_own(own)) is not None:
            index, items = mine[position]
            gc.collect(1)
            results.send(("linted", index, _lint_chunk(chunks[index], items)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            results.send(("error", -1, exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            results.send(("error", -1, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        results.close()


def _check_ended(process: Any) -> None:
    """Raise unless ``process``, whose pipe has closed, ended normally.

    A worker killed in the middle (out of memory, a signal) may have held a lock that the
    others then wait for without end; stopping here, the caller's clean-up ends them.
    """
    process.join(timeout=10)
    if process.exitcode != 0:
        state = "still running" if process.exitcode is None else f"exit code {process.exitcode}"
        raise RuntimeError(f"a worker process ended before its files were linted ({state})")


def _next_own(own: Any) -> int | None:
    """The position of the next chunk a worker read for it to lint, unless none is left."""
    with own.get_lock():
        if own[0] >= own[1]:
            return None
        own[0] += 1
        return int(own[0]) - 1


def _take(counter: Any) -> int:
    """The next chunk's index, from a counter that the workers share."""
    with counter.get_lock():
        index = int(counter.value)
        counter.value = index + 1
    return index


def _read_chunk(chunk: _Chunk) -> list[_ReadItem]:
    """Read one chunk of files, with their copy-paste words (see :data:`_ReadItem`)."""
    from .errors import InputError
    from .sources import read, read_path

    out: list[_ReadItem] = []
    for index, (path, kind, _) in chunk.files:
        origin = path.origin if isinstance(path, Inline) else path
        try:
            if not isinstance(path, Inline):
                draft = read_path(path, kind=kind, max_bytes=chunk.max_bytes)  # type: ignore[arg-type]
            elif isinstance(path.data, Draft):
                draft = path.data
            else:
                draft = read(path.data, kind=kind, origin=origin, max_bytes=chunk.max_bytes)  # type: ignore[arg-type]
        except InputError as exc:
            out.append((index, None, (origin, str(exc).removeprefix(f"{origin}: ")), None))
            continue
        # The copy-paste words are computed here too, so that workers share that cost.
        words = _copy_words(draft, chunk.context) if chunk.copy is not None else None
        out.append((index, draft, None, words))
    if chunk.copy is not None:
        prepare([words for _, _, _, words in out if words is not None], **chunk.copy)
    return out


def _lint_chunk(chunk: _Chunk, items: list[_ReadItem]) -> list[tuple[int, Report]]:
    """``(index, report)`` for each draft that :func:`_read_chunk` read from ``chunk``,
    linted with the settings for its file."""
    keys = {index: key for index, (_, _, key) in chunk.files}
    return [(index, _linter_for(keys[index]).lint(draft, chunk.context)) for index, draft, _, _ in items if draft is not None]


def _in_order(read: list[_ReadItem]) -> tuple[list[Draft], list[tuple[str, str]], list[Any]]:
    """(drafts, (origin, message) of the files that could not be read, the drafts'
    copy-paste words), in input order."""
    drafts, failures, words = [], [], []
    for _, draft, failure, copy_words in sorted(read, key=itemgetter(0)):
        if draft is None:
            failures.append(failure)
        else:
            drafts.append(draft)
            words.append(copy_words)
    return drafts, failures, words  # type: ignore[return-value]


def _assemble(
    read: list[_ReadItem], linted: list[tuple[int, Report]]
) -> tuple[list[Draft], list[Report], list[tuple[str, str]], list[Any]]:
    """:meth:`Linter.read_and_lint`'s result from what was read and linted."""
    drafts, failures, words = _in_order(read)
    reports = [report for _, report in sorted(linted, key=itemgetter(0))]
    return drafts, reports, failures, words


def _copy_hit(drafts: Sequence[Draft], pairs: list[Any]) -> Hit:
    """The hit on the later document of copy pairs that share it: over the passage it
    shares with the most similar earlier one, naming every earlier one it repeats."""
    best = max(pairs, key=lambda p: (p.similarity, -p.first))
    related = []
    for pair in sorted(pairs, key=lambda p: (-p.similarity, p.first)):
        part = drafts[pair.first].body
        line, column = part.position(pair.first_span[0])
        related.append(
            RelatedLocation(
                origin=drafts[pair.first].origin, start=pair.first_span[0], end=pair.first_span[1],
                line=line, column=column, message=f"{pair.similarity:.0%} the same as this note",
            )
        )
    return Hit(
        "body", best.second_span[0], best.second_span[1],
        args={"other": drafts[best.first].origin, "similarity": best.similarity, "shared": best.shared_words},
        related=tuple(related),
    )


def _with_findings(reports: list[Report], found: Mapping[int, list[Finding]]) -> list[Report]:
    """``reports``, with the cross-document findings by report added in order."""
    with _collector_paused():
        for index, findings in found.items():
            report = reports[index]
            merged = sorted((*report.findings, *findings), key=_report_order)
            reports[index] = report.model_copy(update={"findings": tuple(merged)})
    return reports


def _copy_words(draft: Draft, context: Context | None) -> Any:
    """A draft's normalised words for copy-paste detection (names from its context)."""
    merged = (context or _NO_CONTEXT).merged_with(draft.context)
    names = [p.name for p in (*merged.interviewers, *merged.recipients, *merged.met)]
    names += [merged.sender.name] if merged.sender else []
    return comparable_words(draft.body, names)


def _pipeline(config: Config) -> Language:
    """The spaCy pipeline ``config`` names; a model that will not load is a config error.

    The config only checks that the model's distribution is installed: its package may
    still be missing, broken or not a spaCy pipeline, and spaCy then raises OSError
    (or whatever the package's own code raises).
    """
    try:
        return get_pipeline(config.model)
    except Exception as exc:  # noqa: BLE001 - anything a broken model package raises
        if not config.model:
            raise  # the built-in blank pipeline failing is a bug, not a config error
        where = f"{config.source}: " if config.source else ""
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"{where}model: cannot load the spaCy pipeline {config.model!r}: {detail}") from None


@lru_cache(maxsize=16)
def _linter_for(key: str) -> Linter:
    return Linter(Config.model_validate_json(key))


def get_linter(config: Config | None = None) -> Linter:
    """A cached :class:`Linter` for ``config`` (built once per distinct configuration)."""
    return _linter_for(_default_key() if config is None else config.cache_key())


@lru_cache(maxsize=1)
def _default_key() -> str:
    # Serialising the default config on every call cost as much as a small check.
    return Config().cache_key()
