"""Run draftlint over other email-parsing projects' test mail and score its masking.

    python bench/peer_email.py [--fixtures DIR] [--json OUT] [--show] [--timeout S]

The fixtures are real test inputs from the suites of email-reply-parser, talon, flanker
and mail-parser, with their assertions in ``expected.jsonl`` (see ``SOURCES.md`` next to
them). They are not part of this project: by default they are looked for in
the folder given with ``--fixtures`` or ``DRAFTLINT_PEER_FIXTURES``, and when they are
missing the script says so and exits 0. Nothing from them is copied here; they are read
at run time only.

The script does three things:

1. Robustness. It reads and lints EVERY fixture file (``.eml`` as mail; other files
   as bytes, with HTML converted by ``draftlint.sources.html.html_to_text`` and linted as
   text, everything else through ``draftlint.sources.read`` auto-detection) and counts
   crashes (any exception but ``draftlint.InputError``), input errors, timeouts and
   the time per file. Files run one by one in a worker process; a file that takes more
   than ``--timeout`` seconds gets its worker killed and is counted, not fatal.
2. Masking. For each ``expected.jsonl`` row that says what is the visible reply, what is
   quoted or what is the signature, it checks that draftlint leaves the writer's words
   unmasked and masks the quoted and signature text (details in ``evaluate_row``).
3. Findings. It counts the findings and how many lie in text the fixtures call quoted or
   signature (that number should be 0).

Uses only the standard library and draftlint. The exit code is 0 whatever the scores:
it measures, it does not gate.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = Path(os.environ.get("DRAFTLINT_PEER_FIXTURES", "peer-email-fixtures"))
DEFAULT_TIMEOUT = 10.0
READY_TIMEOUT = 300.0
# Files in the fixture folder that are not fixtures: licences, notices, documentation.
NOT_FIXTURES = re.compile(r"(?:LICEN[CS]E|NOTICE|COPYING)(?:\.\w+)?|SOURCES\.md|expected\.jsonl|README(?:\.\w+)?")
MASK_KINDS = ("visible_reply", "quotation_start", "signature")


# --------------------------------------------------------------------------------------
# Worker: reads and lints one file per request, in its own process.
# --------------------------------------------------------------------------------------

_MAIL_FIRST_LINE = re.compile(rb"\A[!-9;-~]+:")


def _looks_html(data: bytes) -> bool:
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        return True
    return (b"<html" in head or b"<div" in head) and not _MAIL_FIRST_LINE.match(head)


def _reader_for(path: Path) -> str:
    """How a fixture is read: ``eml``, ``html`` (converted, then linted as text) or ``auto``."""
    if path.suffix.lower() == ".eml":
        return "eml"
    try:
        with path.open("rb") as fh:
            return "html" if _looks_html(fh.read(65536)) else "auto"
    except OSError:
        return "auto"  # the reader will report it


def _read_fixture(path: Path, reader: str) -> Any:
    from draftlint import sources
    from draftlint.sources.html import html_to_text

    if reader == "eml":
        return sources.read_path(path, kind="eml")
    data = path.read_bytes()
    if reader == "html":
        return sources.read(html_to_text(sources.decode(data)), kind="text", origin=str(path))
    return sources.read(data, origin=str(path))


def _lint_one(path: Path) -> dict[str, Any]:
    import draftlint

    result: dict[str, Any] = {"status": "ok"}
    started = time.perf_counter()
    try:
        result["reader"] = reader = _reader_for(path)
        draft = _read_fixture(path, reader)
        report = draftlint.lint_draft(draft)
    except draftlint.InputError as exc:
        result.update(status="input_error", error=" ".join(str(exc).split()))
    except BaseException as exc:  # everything else is what we count as a crash
        if isinstance(exc, KeyboardInterrupt):
            raise
        package = str(Path(draftlint.__file__).parent)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(package)]
        where = f"{Path(frames[-1].filename).relative_to(package)}:{frames[-1].lineno}" if frames else "?"
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        result.update(status="crash", error=message[:300], where=where)
    result["seconds"] = time.perf_counter() - started
    if result["status"] != "ok":
        return result
    body = draft.body
    result.update(
        draft_kind=draft.kind,
        body=body.text,
        analysis=body.analysis,
        masks=[[m.start, m.end, m.kind] for m in body.masks],
        findings=[[f.part, f.start, f.end, f.rule_id] for f in report.findings],
        failures=[f"{f.rule_id}: {f.error}"[:200] for f in report.failures],
    )
    return result


def worker() -> int:
    """Serve requests on stdin; answer one JSON line each on the original stdout."""
    out = os.fdopen(os.dup(1), "w", encoding="ascii")
    os.dup2(2, 1)  # anything else printing to stdout goes to stderr instead
    sys.stdout = sys.stderr
    import draftlint

    draftlint.lint_draft("Hi Sam,\n\nThank you for the interview on Tuesday.\n\nBest,\nAlex\n")  # warm up
    out.write(json.dumps({"ready": True, "version": draftlint.__version__}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        out.write(json.dumps(_lint_one(Path(request["path"]))) + "\n")
        out.flush()
    return 0


class Worker:
    """A worker process and a thread that reads its answers."""

    def __init__(self, env: dict[str, str], stderr_path: Path) -> None:
        self.stderr = open(stderr_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, env=env,
        )
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        ready = self.get(READY_TIMEOUT)
        if not ready or not ready.get("ready"):
            self.stop()
            raise RuntimeError(f"the worker did not start; see {stderr_path}")
        self.version = ready.get("version", "?")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.answers.put(json.loads(line))
        self.answers.put(None)

    def get(self, timeout: float) -> dict[str, Any] | None | str:
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            return "timeout"

    def ask(self, path: Path, timeout: float) -> dict[str, Any] | None | str:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps({"path": str(path)}) + "\n").encode())
            self.proc.stdin.flush()
        except OSError:
            return None
        return self.get(timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()  # our own child, by its handle
        self.proc.wait()
        self.stderr.close()


def run_all(files: list[Path], root: Path, timeout: float, env: dict[str, str]) -> tuple[dict[str, dict[str, Any]], str]:
    results: dict[str, dict[str, Any]] = {}
    stderr_path = Path(tempfile.mkstemp(prefix="peer_email_worker_", suffix=".log")[1])
    current: Worker | None = None
    version = "?"
    try:
        for path in files:
            rel = path.relative_to(root).as_posix()
            if current is None:
                current = Worker(env, stderr_path)
                version = current.version
            answer = current.ask(path, timeout)
            reader = _reader_for(path)
            if answer == "timeout":
                results[rel] = {"status": "timeout", "seconds": timeout, "reader": reader,
                                "error": f"no answer within {timeout:g} s; worker killed"}
                current.stop()
                current = None
            elif answer is None:
                code = current.proc.poll()
                current.stop()
                current = None
                results[rel] = {"status": "crash", "seconds": float("nan"), "reader": reader,
                                "error": f"worker process died (exit code {code}); see {stderr_path}"}
            else:
                results[rel] = answer  # type: ignore[assignment]
    finally:
        if current is not None:
            current.stop()
    if stderr_path.exists() and stderr_path.stat().st_size == 0:
        stderr_path.unlink()
    return results, version


# --------------------------------------------------------------------------------------
# A body with its masks: what is masked, where a text is.
# --------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def nonws(text: str) -> str:
    return _WS.sub("", text)


class Body:
    def __init__(self, text: str, analysis: str, masks: list[list[Any]]) -> None:
        self.text = text
        self.analysis = analysis
        self.masks = [(int(s), int(e), str(k)) for s, e, k in masks]
        self.covered = bytearray(len(text))
        for s, e, _ in self.masks:
            self.covered[s:e] = b"\x01" * (e - s)
        self._index: tuple[str, list[int]] | None = None

    @property
    def index(self) -> tuple[str, list[int]]:
        """The body without whitespace, and where each of its characters is in the body."""
        if self._index is None:
            pos = [i for i, c in enumerate(self.text) if not c.isspace()]
            self._index = ("".join(self.text[i] for i in pos), pos)
        return self._index

    def find_all(self, needle: str, ignore_ws: bool = True, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Spans of ``needle`` in the body (whitespace-insensitive by default) within [lo, hi)."""
        hi = len(self.text) if hi is None else hi
        spans = []
        if ignore_ws:
            ns, pos = self.index
            want = nonws(needle)
            if not want:
                return []
            i = ns.find(want)
            while i != -1:
                s, e = pos[i], pos[i + len(want) - 1] + 1
                if lo <= s and e <= hi:
                    spans.append((s, e))
                i = ns.find(want, i + 1)
        else:
            i = self.text.find(needle, lo, hi)
            while i != -1 and needle:
                spans.append((i, i + len(needle)))
                i = self.text.find(needle, i + 1, hi)
        return spans

    def count(self, s: int, e: int) -> tuple[int, int]:
        """(masked, total) non-whitespace characters in [s, e)."""
        total = masked = 0
        for i in range(s, e):
            if not self.text[i].isspace():
                total += 1
                masked += self.covered[i]
        return masked, total

    def kinds(self, s: int, e: int) -> list[str]:
        return sorted({k for ms, me, k in self.masks if ms < e and s < me})

    def state(self, s: int, e: int) -> str:
        masked, total = self.count(s, e)
        kinds = "/".join(self.kinds(s, e))
        if total == 0:
            return "blank"
        if masked == 0:
            return "unmasked"
        if masked == total:
            return f"masked ({kinds})"
        return f"partly masked {masked}/{total} ({kinds})"

    def fully(self, s: int, e: int, masked: bool) -> bool:
        m, total = self.count(s, e)
        return m == total if masked else m == 0

    def unmasked_inside(self, s: int, e: int) -> str:
        """The unmasked words of [s, e), as a short sample."""
        return self.unmasked_outside(0, 0, within=(s, e))[2]

    def unmasked_outside(self, s: int, e: int, within: tuple[int, int] | None = None) -> tuple[int, int, str]:
        """Unmasked and total non-whitespace characters outside [s, e), and a sample."""
        unmasked = total = 0
        sample: list[str] = []
        lo, hi = within or (0, len(self.text))
        for i in range(lo, hi):
            c = self.text[i]
            if s <= i < e or c.isspace():
                continue
            total += 1
            if not self.covered[i]:
                unmasked += 1
                if len(sample) < 60:
                    if sample and i - 1 >= 0 and self.text[i - 1].isspace():
                        sample.append(" ")
                    sample.append(c)
        return unmasked, total, "".join(sample)


# --------------------------------------------------------------------------------------
# Fragments in the sense of email-reply-parser, to map its ``fragments[k]`` rows.
#
# Our own approximation of how that library documents its split: the text is read from
# the bottom up, line by line; a run of ">" lines (with the blank lines and the
# "On ... wrote:" line above it) is one quoted fragment; a run of "From:/Sent:/To:/
# Subject:" lines is a header fragment; a run of other lines is a text fragment, and a
# blank line above a fragment whose top line starts with "--", "__", "-<letter>" or
# "Sent from my" closes that fragment as a signature. An "On ... wrote:" header wrapped
# over several lines counts as one line. A mapping is only used for a file if it
# reproduces every fragments[*] flag list the peer's tests give for that file.
# --------------------------------------------------------------------------------------

_ERP_QUOTE_HEADER = re.compile(r"On.*wrote:$")
_ERP_QUOTED = re.compile(r">+")
_ERP_HEADER = re.compile(r"\*?(?:From|Sent|To|Subject):\*? .+")
_ERP_SIG = re.compile(r"--|__|-\w|Sent from my (?:\w+\s*){1,3}")
_ERP_RULE = re.compile(r" ?[_-]{7,}")
_ERP_ON = re.compile(r"On\s")


@dataclass
class Fragment:
    quoted: bool
    headers: bool
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # bottom-up order
    signature: bool = False
    hidden: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return min(s for s, _, _ in self.lines), max(e for _, e, _ in self.lines)

    @property
    def content(self) -> str:
        return "\n".join(c for _, _, c in reversed(self.lines)).strip()


def erp_fragments(text: str) -> list[Fragment]:
    phys = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        phys.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    phys.append((pos, len(text), text[pos:]))

    # The last "On\s" that a "wrote:" follows starts a header that may wrap over lines.
    flat = "\n".join(c for _, _, c in phys)
    last_wrote = flat.rfind("wrote:")
    join = None
    if last_wrote != -1:
        ons = [m.start() for m in _ERP_ON.finditer(flat) if m.start() + 4 <= last_wrote]
        if ons:
            first = ons[-1]
            end = flat.find("wrote:", first + 4) + len("wrote:")
            join = (flat.count("\n", 0, first), flat.count("\n", 0, end))
    lines: list[tuple[int, int, str]] = []
    i = 0
    while i < len(phys):
        if join and i == join[0] and join[1] > join[0]:
            group = phys[join[0] : join[1] + 1]
            lines.append((group[0][0], group[-1][1], "".join(c for _, _, c in group)))
            i = join[1] + 1
            continue
        lines.append(phys[i])
        i += 1

    # Outlook replies right above a rule line get a blank line first (at most 8 times).
    fixed: list[tuple[int, int, str]] = []
    inserted = 0
    for line in lines:
        if inserted < 8 and fixed and fixed[-1][2] and _ERP_RULE.match(line[2]):
            fixed.append((line[0], line[0], ""))
            inserted += 1
        fixed.append(line)

    fragments: list[Fragment] = []
    current: Fragment | None = None
    found_visible = False

    def finish() -> None:
        nonlocal current, found_visible
        if current is None:
            return
        if current.headers:
            found_visible = False
            for f in fragments:
                f.hidden = True
        if not found_visible:
            if current.quoted or current.headers or current.signature or not current.content:
                current.hidden = True
            else:
                found_visible = True
        fragments.append(current)
        current = None

    for line in reversed(fixed):
        content = line[2]
        is_quote_header = bool(_ERP_QUOTE_HEADER.match(content))
        is_quoted = bool(_ERP_QUOTED.match(content))
        is_header = is_quote_header or bool(_ERP_HEADER.match(content))
        blank = not content.strip()
        if current is not None and blank and _ERP_SIG.match(current.lines[-1][2].strip()):
            current.signature = True
            finish()
        if current is not None and (
            (current.headers == is_header and current.quoted == is_quoted)
            or (current.quoted and (is_quote_header or blank))
        ):
            current.lines.append(line)
        else:
            finish()
            current = Fragment(quoted=is_quoted, headers=is_header, lines=[line])
    finish()
    fragments.reverse()
    return fragments


# --------------------------------------------------------------------------------------
# Scoring the rows.
# --------------------------------------------------------------------------------------

VISIBLE_TARGETS = re.compile(
    r"reply|extract_from_plain\(.*\)|html_to_text\(extract_from_html\(html\)\)|extract_from_html\(html\)|text without signature"
)
EQUALS = ("equals", "equals_after_strip", "equals_ignoring_whitespace")


@dataclass
class RowResult:
    row: dict[str, Any]
    verdict: str  # agree, disagree, skip
    ours: str
    quoted_spans: list[tuple[int, int]] = field(default_factory=list)  # text the fixture calls quoted/signature


def _flags(expected: str) -> list[bool] | None:
    try:
        value = ast.literal_eval(expected)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, list) and all(isinstance(v, bool) for v in value) else None


def file_mapping(rows: list[dict[str, Any]], body: Body) -> tuple[list[Fragment] | None, str]:
    """Our fragments for a file, or None with the reason they do not match the peer's."""
    frags = erp_fragments(body.text)
    ours = {
        "quoted": [f.quoted for f in frags],
        "signature": [f.signature for f in frags],
        "hidden": [f.hidden for f in frags],
    }
    checked = 0
    for row in rows:
        m = re.fullmatch(r"fragments\[\*\]\.(\w+)", row["target"])
        if not m:
            continue
        want = _flags(row["expected"])
        if want is None or m.group(1) not in ours:
            return None, f"cannot read {row['target']} = {row['expected']}"
        checked += 1
        if ours[m.group(1)] != want:
            return None, f"our fragment split gives {m.group(1)} {ours[m.group(1)]}, the peer {want}"
    return frags, "verified" if checked else "unverified (no fragments[*] row for this file)"


def evaluate_row(row: dict[str, Any], body: Body | None, mapping: tuple[list[Fragment] | None, str] | None) -> RowResult:
    """Score one row.

    * Whole-reply targets (``reply``, talon's extractors, "text without signature"):
      ``equals*`` agrees when the unmasked text equals the expected text, whitespace
      ignored (so the expected text is unmasked and everything else is masked; expected
      HTML is converted with html_to_text first); ``contains`` agrees when the snippet
      is in the analysis text, ``not_contains`` when it is not.
    * ``fragments[k].content`` with ``contains``/``startswith``: the snippet's
      occurrences inside our fragment k must be unmasked (row kind visible_reply) or
      masked (quotation_start, signature).
    * ``fragments[*].<flag>`` lists: True positions must be masked; a False position
      of the ``hidden`` list must be unmasked when that fragment is neither quoted nor
      a signature. Blank fragments are not judged.
    * ``len(fragments)`` = 1: nothing in the file may be masked; other counts say
      nothing about masking and are skipped.
    * talon's "extracted signature": the expected signature must be masked (the last
      occurrence); an empty expected signature means nothing may be masked.
    """
    target, match, expected = row["target"], row["match"], row["expected"]
    if body is None:
        return RowResult(row, "skip", "file was not parsed")

    m = re.fullmatch(r"fragments\[\*\]\.(\w+)", target)
    if m:
        return _list_row(row, body, mapping, m.group(1))
    m = re.fullmatch(r"fragments\[(\d+)\]\.content", target)
    if m:
        return _fragment_row(row, body, mapping, int(m.group(1)))
    if target == "len(fragments)":
        if expected.strip() != "1":
            return RowResult(row, "skip", f"a count of {expected} fragments says nothing about which text is masked")
        state = body.state(0, len(body.text))
        return RowResult(row, "agree" if state in ("unmasked", "blank") else "disagree", f"whole body {state}")
    if target.startswith("extracted signature"):
        want = expected.strip()
        if not want:
            state = body.state(0, len(body.text))
            return RowResult(row, "agree" if state in ("unmasked", "blank") else "disagree",
                             f"no signature expected; body {state}")
        spans = body.find_all(want)
        if not spans:
            return RowResult(row, "skip", "expected signature not found in the body")
        s, e = spans[-1]
        agree = body.fully(s, e, True)
        ours = f"signature {body.state(s, e)}"
        if not agree and body.count(s, e)[0]:
            ours += f"; unmasked part {body.unmasked_inside(s, e)!r}"
        return RowResult(row, "agree" if agree else "disagree", ours, [(s, e)])
    if not VISIBLE_TARGETS.fullmatch(target):
        return RowResult(row, "skip", f"target {target!r} is not about masking")

    if match in EQUALS:
        want_text = expected
        if expected.lstrip().startswith("<"):
            from draftlint.sources.html import html_to_text

            want_text = html_to_text(expected)
        spans = body.find_all(want_text)
        if not spans:
            return RowResult(row, "skip", "expected visible text not found in the body")
        s, e = min(spans, key=lambda sp: (body.count(*sp)[0], sp[0]))
        agree = nonws(body.analysis) == nonws(want_text)
        unmasked, total, sample = body.unmasked_outside(s, e)
        ours = f"expected text {body.state(s, e)}; outside it {unmasked}/{total} chars unmasked"
        if unmasked:
            ours += f" {sample!r}"
        if not agree and not unmasked and body.kinds(s, e) == ["signature"]:
            ours += " [differs only by a signature mask]"
        quoted = [sp for sp in ((0, s), (e, len(body.text))) if sp[1] > sp[0]]
        return RowResult(row, "agree" if agree else "disagree", ours, quoted)
    if match in ("contains", "startswith"):
        present = expected in body.analysis
        spans = body.find_all(expected, ignore_ws=False)
        states = sorted({body.state(*sp) for sp in spans}) or ["not in body"]
        return RowResult(row, "agree" if present else "disagree",
                         f"{'in' if present else 'not in'} analysis text; occurrences: {', '.join(states)}")
    if match == "not_contains":
        spans = body.find_all(expected, ignore_ws=False)
        present = expected in body.analysis
        ours = f"{'in' if present else 'not in'} analysis text; occurrences: " + (
            ", ".join(sorted({body.state(*sp) for sp in spans})) or "none")
        agree = not present
        if "non-empty" in row.get("note", ""):
            left = bool(nonws(body.analysis))
            agree = agree and left
            ours += "; something left unmasked" if left else "; nothing left unmasked"
        return RowResult(row, "agree" if agree else "disagree", ours, spans)
    return RowResult(row, "skip", f"match {match!r} not scored")


def _list_row(row: dict[str, Any], body: Body, mapping: tuple[list[Fragment] | None, str] | None, flag: str) -> RowResult:
    frags, why = mapping if mapping else (None, "no mapping")
    if frags is None:
        return RowResult(row, "skip", f"cannot map fragments honestly: {why}")
    want = _flags(row["expected"]) or []
    bad = []
    judged = 0
    quoted_spans = []
    for i, (frag, flagged) in enumerate(zip(frags, want)):
        s, e = frag.span
        state = body.state(s, e)
        if state == "blank":
            continue
        if flagged:
            quoted_spans.append((s, e))
            judged += 1
            if not body.fully(s, e, True):
                bad.append(f"[{i}] {state}, expected masked")
        elif flag == "hidden" and not frag.quoted and not frag.signature:
            judged += 1
            if not body.fully(s, e, False):
                bad.append(f"[{i}] {state}, expected unmasked")
    if bad:
        return RowResult(row, "disagree", "; ".join(bad), quoted_spans)
    return RowResult(row, "agree", f"{judged} fragments judged, all as expected", quoted_spans)


def _fragment_row(row: dict[str, Any], body: Body, mapping: tuple[list[Fragment] | None, str] | None, k: int) -> RowResult:
    frags, why = mapping if mapping else (None, "no mapping")
    if frags is None:
        return RowResult(row, "skip", f"cannot map fragments honestly: {why}")
    if k >= len(frags):
        return RowResult(row, "skip", f"our split has only {len(frags)} fragments")
    s, e = frags[k].span
    expected = row["expected"]
    if row["match"] == "startswith":
        first = next((i for i in range(s, e) if not body.text[i].isspace()), e)
        spans = [(first, first + len(expected))] if body.text.startswith(expected, first) else []
    else:
        spans = body.find_all(expected, ignore_ws=False, lo=s, hi=e)
    if not spans:
        return RowResult(row, "skip", f"snippet not in our fragments[{k}] ({why})")
    want_masked = row["kind"] != "visible_reply"
    agree = all(body.fully(a, b, want_masked) for a, b in spans)
    states = ", ".join(sorted({body.state(a, b) for a, b in spans}))
    ours = f"in fragments[{k}] ({len(spans)}x): {states}"
    return RowResult(row, "agree" if agree else "disagree", ours, [(s, e)] if want_masked else [])


# --------------------------------------------------------------------------------------
# Report.
# --------------------------------------------------------------------------------------


def _trim(text: str, width: int = 80) -> str:
    shown = json.dumps(text, ensure_ascii=False)[1:-1]
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    end = max(end, start + 1)
    return any(s < end and start < e for s, e in spans)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES,
                        help=f"the peer-email fixture folder (default {DEFAULT_FIXTURES})")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also save the results as JSON")
    parser.add_argument("--show", action="store_true", help="list every disagreement and skipped row")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"seconds allowed per file (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    env = dict(os.environ)
    src = REPO / "src"
    if (src / "draftlint").is_dir():  # run from a checkout without installing
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        sys.path.insert(0, str(src))
    if args.worker:
        return worker()

    root = args.fixtures.resolve()
    if not root.is_dir():
        print(f"peer-email fixtures not found at {root}; nothing to do "
              "(pass --fixtures DIR to point at them).")
        return 0
    files = sorted(p for p in root.rglob("*") if p.is_file() and not NOT_FIXTURES.fullmatch(p.name))
    rows: list[dict[str, Any]] = []
    expected_path = root / "expected.jsonl"
    if expected_path.is_file():
        with expected_path.open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]

    started = time.perf_counter()
    try:
        results, version = run_all(files, root, args.timeout, env)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    wall = time.perf_counter() - started

    # ---- 1. robustness --------------------------------------------------------------
    by_status: dict[str, list[str]] = {}
    for rel, res in results.items():
        by_status.setdefault(res["status"], []).append(rel)
    readers: dict[str, int] = {}
    for res in results.values():
        readers[res.get("reader", "?")] = readers.get(res.get("reader", "?"), 0) + 1
    timed = [(res["seconds"], rel) for rel, res in results.items() if res["seconds"] == res["seconds"]]
    median = statistics.median(s for s, _ in timed) if timed else float("nan")
    slowest = max(timed) if timed else (float("nan"), "-")
    failures = [(rel, f) for rel, res in results.items() for f in res.get("failures", [])]

    print(f"draftlint {version} on peer email fixtures: {root}")
    print(f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
          f"timeout {args.timeout:g} s per file, wall time {wall:.1f} s")
    print()
    print("1. Every fixture file read and linted")
    print(f"  files              {len(files):5d}   (read as: " +
          ", ".join(f"{k} {v}" for k, v in sorted(readers.items())) + ")")
    print(f"  completed          {len(by_status.get('ok', [])):5d}")
    for status, label in (("input_error", "InputError"), ("crash", "crashes"), ("timeout", "timeouts")):
        names = by_status.get(status, [])
        print(f"  {label:<18} {len(names):5d}")
        for rel in names:
            res = results[rel]
            where = f" [{res['where']}]" if res.get("where") else ""
            print(f"      {rel}: {res.get('error', '')}{where}")
    print(f"  check failures     {len(failures):5d}   (exceptions inside rules, kept in Report.failures)")
    for rel, f in failures:
        print(f"      {rel}: {f}")
    print(f"  seconds per file   median {median:.4f}   max {slowest[0]:.3f} ({slowest[1]})")
    for row in rows:
        if row["match"] == "max_seconds" and row["file"] in results:
            res = results[row["file"]]
            print(f"  peer time budget   {row['file']}: {res['seconds']:.3f} s "
                  f"(the peer's test allows {row['expected']} s)")

    # ---- 2. masking -----------------------------------------------------------------
    bodies: dict[str, Body | None] = {}
    for rel, res in results.items():
        bodies[rel] = Body(res["body"], res["analysis"], res["masks"]) if res["status"] == "ok" else None
    rows_by_file: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        rows_by_file.setdefault(row["file"], []).append(row)
    scored: list[RowResult] = []
    for rel, file_rows in rows_by_file.items():
        body = bodies.get(rel)
        mapping = None
        if body is not None and any(r["target"].startswith("fragments[") for r in file_rows):
            mapping = file_mapping(file_rows, body)
        for row in file_rows:
            if row["kind"] in MASK_KINDS:
                scored.append(evaluate_row(row, body, mapping))

    print()
    print("2. Masking against the peers' expectations (rows about visible, quoted and signature text)")
    print(f"  {'kind':<17}{'agree':>6}{'total':>7}{'skipped':>9}")
    totals = [0, 0, 0]
    summary: dict[str, dict[str, int]] = {}
    for kind in MASK_KINDS:
        mine = [r for r in scored if r.row["kind"] == kind]
        agree = sum(r.verdict == "agree" for r in mine)
        skipped = sum(r.verdict == "skip" for r in mine)
        judged = len(mine) - skipped
        summary[kind] = {"agree": agree, "total": judged, "skipped": skipped}
        totals = [totals[0] + agree, totals[1] + judged, totals[2] + skipped]
        print(f"  {kind:<17}{agree:>6}{judged:>7}{skipped:>9}")
    print(f"  {'all':<17}{totals[0]:>6}{totals[1]:>7}{totals[2]:>9}")
    other = [r for r in rows if r["kind"] not in MASK_KINDS]
    other_files = sorted({r["file"] for r in other})
    other_ok = [f for f in other_files if results.get(f, {}).get("status") == "ok"]
    print(f"  ({len(other)} parse_ok/malformed rows on {len(other_files)} files are about MIME structure, "
          f"not masking; draftlint completed on {len(other_ok)} of those files)")

    disagreements = [r for r in scored if r.verdict == "disagree"]
    skipped_rows = [r for r in scored if r.verdict == "skip"]
    if args.show:
        print()
        print(f"  Disagreements ({len(disagreements)}):")
        for r in disagreements:
            print(f"    {r.row['file']}  [{r.row['kind']}] {r.row['target']} {r.row['match']}")
            print(f"        expected: \"{_trim(r.row['expected'])}\"")
            print(f"        ours:     {r.ours}")
        print(f"  Skipped ({len(skipped_rows)}):")
        for r in skipped_rows:
            print(f"    {r.row['file']}  [{r.row['kind']}] {r.row['target']} = \"{_trim(r.row['expected'], 40)}\": {r.ours}")
    else:
        print(f"  {len(disagreements)} disagreements, {len(skipped_rows)} skipped rows (--show lists them)")
    only_sig = sum("[differs only by a signature mask]" in r.ours for r in disagreements)
    if only_sig:
        print(f"  {only_sig} of the disagreements differ only in that draftlint masks a signature "
              "which the peer keeps in its reply")

    # ---- 3. findings ----------------------------------------------------------------
    quoted_by_file: dict[str, list[tuple[int, int]]] = {}
    for r in scored:
        quoted_by_file.setdefault(r.row["file"], []).extend(r.quoted_spans)
    total = {"body": 0, "subject": 0}
    in_fixture_quoted: list[str] = []
    on_quote_lines: list[str] = []
    in_own_masks: list[str] = []
    for rel, res in results.items():
        body = bodies.get(rel)
        for part, start, end, rule in res.get("findings", []):
            total[part] = total.get(part, 0) + 1
            if part != "body" or body is None:
                continue
            label = f"{rel}: {rule} {body.text[start:end]!r} at {start}"
            if _overlaps(start, end, quoted_by_file.get(rel, [])):
                in_fixture_quoted.append(label)
            line_start = body.text.rfind("\n", 0, start) + 1
            if body.text[line_start:start + 1].lstrip().startswith(">"):
                on_quote_lines.append(label)
            if _overlaps(start, end, [(s, e) for s, e, _ in body.masks]):
                in_own_masks.append(label)
    print()
    print("3. Findings")
    print(f"  total findings                                   {sum(total.values()):5d}   "
          f"(body {total.get('body', 0)}, subject {total.get('subject', 0)})")
    print(f"  inside text the fixtures call quoted/signature   {len(in_fixture_quoted):5d}   (should be 0)")
    print(f"  on '>' lines of any fixture                      {len(on_quote_lines):5d}   (should be 0)")
    print(f"  overlapping draftlint's own masks                {len(in_own_masks):5d}   (0 by design)")
    if args.show:
        for label in sorted(set(in_fixture_quoted + on_quote_lines + in_own_masks)):
            print(f"      {label}")

    if args.json:
        payload = {
            "draftlint": version,
            "python": platform.python_version(),
            "fixtures": str(root),
            "timeout_seconds": args.timeout,
            "files": {rel: {k: v for k, v in res.items() if k not in ("body", "analysis")}
                      for rel, res in results.items()},
            "robustness": {
                "files": len(files),
                "completed": len(by_status.get("ok", [])),
                "input_errors": by_status.get("input_error", []),
                "crashes": by_status.get("crash", []),
                "timeouts": by_status.get("timeout", []),
                "check_failures": [f"{rel}: {f}" for rel, f in failures],
                "median_seconds": median,
                "max_seconds": slowest[0],
                "slowest_file": slowest[1],
            },
            "masking": summary,
            "rows": [{"file": r.row["file"], "test": r.row.get("test"), "kind": r.row["kind"],
                      "target": r.row["target"], "match": r.row["match"], "expected": r.row["expected"],
                      "verdict": r.verdict, "ours": r.ours} for r in scored],
            "findings": {
                "total": sum(total.values()),
                "by_part": total,
                "inside_fixture_quoted_or_signature": in_fixture_quoted,
                "on_quote_lines": on_quote_lines,
                "inside_own_masks": in_own_masks,
            },
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nresults written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
