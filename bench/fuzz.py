"""Fuzz the readers and the linter with hypothesis-generated input.

    python bench/fuzz.py [--examples N] [--seed S] [--hang-seconds T] [--target NAME ...]

Targets (each gets ``--examples`` inputs, the reader kind drawn with each):

``read-bytes``   ``draftlint.sources.read(data, kind=k)`` on arbitrary bytes, for every kind
``read-text``    the same on strings of any code point, lone surrogates included
``lint-text``    ``lint_draft`` on hostile text: fragments of mail, Markdown, Jinja, HTML,
                 quotes, signatures and directives mixed with noise, for every kind
``lint-bytes``   ``lint_draft`` on arbitrary bytes and on that text encoded several ways
``lint-mail``    ``lint_draft`` on messages: random headers, charsets, transfer
                 encodings, nested multiparts, HTML bodies
``lint-repeated`` ``lint_draft`` on a few fragments repeated hundreds or thousands of
                 times (up to about 200 KB), where work quadratic in the length shows up
                 as a hang; it gets a tenth of ``--examples``

Every input must give a ``Draft`` or ``Report`` or an ``InputError`` (the only error the
readers may raise); a report must have no check failures and its offsets must slice
its parts. Anything else is a crash. An input that takes longer than
``--hang-seconds`` is a hang (it is interrupted after four times that). Hypothesis
shrinks a crash to a small example, which is printed.

Prints, per target, how many inputs were tried, crashes, hangs and the slowest input,
then the totals. Exit code 1 if anything crashed or hung. Needs hypothesis (a test
dependency). The same targets run under pytest with ``python -m pytest -m fuzz``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if (REPO / "src" / "draftlint").is_dir() and str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from draftlint import InputError, Report, lint_draft  # noqa: E402
from draftlint.sources import read  # noqa: E402

KINDS = ("auto", "text", "eml", "markdown", "template")

#: Pieces of every syntax the readers understand, and of what breaks parsers.
FRAGMENTS = [
    # mail
    "From: Leo <leo@example.net>\n", "To: Pat Doe <pat@example.com>, =?utf-8?q?Ren=C3=A9e?= <r@x.org>\n",
    "Subject: Thanks =?utf-8?b?8J+Yig==?=\n", "Date: Tue, 3 Mar 2026 09:14:00 +0000\n", "MIME-Version: 1.0\n",
    'Content-Type: multipart/mixed; boundary="b"\n', "Content-Type: text/html; charset=iso-8859-1\n",
    "Content-Type: text/plain; charset=x-unknown\n", "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n", "--b\n", "--b--\n", "\n\n", "=E9=", "=\n",
    # replies and signatures
    "> ", "> I still haven't heard back\n", "On Mon, Jan 5, 2026 at 9:00 AM Pat <pat@example.com> wrote:\n",
    "-----Original Message-----\n", "From: Pat\nSent: Monday\nTo: Leo\n", "Begin forwarded message:\n",
    "-- \n", "Sent from my iPhone\n", "Best regards,\nLeo\n", "Leo Martens\n(555) 123-4567\nleo@example.net\n",
    # Markdown and templates
    "---\n", "interviewers: [Pat Doe]\n", "stage: thank-you\n", "suppress: [DL101]\n", "a: &a [*a]\n",
    "variables:\n  name: Pat\n", "```\n", "[link](http://x.com \"t\")", "<http://x.com>", "<!-- c -->",
    "{{ interviewer_name }}", "{{", "}}", "{% if x %}", "{% endif %}", "{% for a in b %}", "{# note #}",
    "[Interviewer Name]", "{first_name}", "<Company Name>", "%NAME%", "____", "${x}",
    "<!-- draftlint: disable DL101 -- reason -->", "<!-- draftlint: enable -->", "{# draftlint: disable-file #}",
    "<!-- draftlint: disable-next-line -->",
    # HTML
    "<p>", "</p>", "<div ", "<blockquote>", "</blockquote>", '<div class="gmail_quote">', "<br>", "<script>",
    "<![CDATA[", "]]>", "<!--", "-->", "&amp;", "&#x1F600;", "&#99999999;", "<",
    # prose, good and bad
    "Hi Pat,\n\n", "Thank you for meeting with me on Tuesday. ", "I still haven't heard back. ",
    "Please call me back ASAP!!! ", "I am very interested in the role. ", "Dear all, ", "Kathrine ",
    # noise
    "!!!!!!!!!!!!!!!!!!!!!!!!", "'s's's's's's's's's's's", "[[[[[[[[", "____________________", "\t", "\r", "\r\n",
    "\x00", "\u200b", "\u202e", "\ufeff", "\ufffd", "\ud800", "\udfff", "\U0001f600", "e\u0301", " " * 40,
]

any_char = st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(["\x00", "\r", "\n"]))
noise = st.lists(any_char, max_size=40).map("".join)
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), noise), max_size=60).map("".join)
any_text = st.one_of(hostile_text, st.lists(any_char, max_size=500).map("".join))


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    text = draw(hostile_text)
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]))
    return text.encode(codec, errors="surrogatepass" if codec.startswith("utf-8") else "replace")


@st.composite
def mails(draw: st.DrawFn) -> bytes:
    """A message: a few headers, then a body that may be multipart (nested), HTML,
    base64 or quoted-printable, in some charset."""
    lines = [draw(st.sampled_from(FRAGMENTS[:5])) for _ in range(draw(st.integers(0, 4)))]
    depth = draw(st.integers(0, 3))
    for level in range(depth):
        lines.append(f'Content-Type: multipart/{draw(st.sampled_from(["mixed", "alternative"]))}; boundary="b{level}"\n\n')
        lines.append(f"--b{level}\n")
    lines.append(draw(st.sampled_from(FRAGMENTS[5:10])))
    lines.append("\n")
    lines.append(draw(hostile_text))
    for level in range(depth - 1, -1, -1):
        if draw(st.booleans()):
            lines.append(f"\n--b{level}--\n")
    return "".join(lines).encode("utf-8", errors=draw(st.sampled_from(["surrogatepass", "replace"])))


any_bytes = st.one_of(st.binary(max_size=2000), encoded(), mails())
repeated = st.builds(
    lambda pieces, times: "".join(pieces) * times,
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), noise), min_size=1, max_size=4),
    st.integers(100, 4000),
).filter(lambda text: len(text) <= 200_000)


# -- what must hold for every input ----------------------------------------------------


class Crash(AssertionError):
    """An input broke a promise: an exception other than InputError, or a bad report."""


def check_draft(data: Any, kind: str) -> None:
    try:
        draft = read(data, kind=kind)  # type: ignore[arg-type]
    except InputError:
        return
    for name, part in draft.parts.items():
        if len(part.analysis) != len(part.text):
            raise Crash(f"part {name}: analysis text of another length")
    if isinstance(data, str) and draft.kind in ("text", "markdown") and draft.body.text != data:
        raise Crash("a reader changed the text it was given")


def check_report(data: Any, kind: str) -> None:
    try:
        report = lint_draft(data, kind=kind)  # type: ignore[arg-type]
        draft = read(data, kind=kind)  # type: ignore[arg-type]
    except InputError:
        return
    if not isinstance(report, Report) or report.failures:
        raise Crash(f"check failures: {report.failures}")
    texts = {name: part.text for name, part in draft.parts.items()}
    for f in report.findings:
        text = texts.get(f.part)
        if text is None or not 0 <= f.start < f.end <= len(text) or text[f.start : f.end] != f.excerpt:
            raise Crash(f"{f.rule_id}: offsets {f.start}-{f.end} do not slice part {f.part!r}")


TARGETS: dict[str, tuple[Any, Callable[[Any, str], None]]] = {
    "read-bytes": (any_bytes, check_draft),
    "read-text": (any_text, check_draft),
    "lint-text": (any_text, check_report),
    "lint-bytes": (any_bytes, check_report),
    "lint-mail": (mails(), check_report),
    "lint-repeated": (repeated, check_report),
}
#: Targets whose inputs are large get this fraction of the examples.
SCALE = {"lint-repeated": 10}


# -- running ---------------------------------------------------------------------------


class Hang(Exception):
    pass


@dataclass
class Tally:
    inputs: int = 0
    hangs: int = 0
    slowest: float = 0.0
    crash: str = ""
    hung: list[str] = field(default_factory=list)


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def fuzz(name: str, examples: int, seed: int | None, hang_seconds: float) -> Tally:
    """Run one target for ``examples`` inputs, each with a kind drawn from :data:`KINDS`."""
    strategy, check = TARGETS[name]
    tally = Tally()
    use_alarm = hasattr(signal, "SIGALRM")

    @settings(
        max_examples=examples, deadline=None, database=None, derandomize=seed is None,
        suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink],
    )
    @given(data=strategy, kind=st.sampled_from(KINDS))
    def run_one(data: Any, kind: str) -> None:
        tally.inputs += 1
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, hang_seconds * 4)
        started = time.perf_counter()
        try:
            check(data, kind)
        except Hang:
            tally.hangs += 1
            tally.hung.append(repr(data)[:200])
        except Crash:
            raise
        except Exception as exc:  # noqa: BLE001 - anything else escaping is a crash
            raise Crash(f"{type(exc).__name__}: {exc}") from exc
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - started
        tally.slowest = max(tally.slowest, took)
        if took > hang_seconds:
            tally.hangs += 1
            tally.hung.append(repr(data)[:200])

    if seed is not None:
        run_one = hypothesis_seed(seed)(run_one)
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    try:
        run_one()
    except Crash as exc:
        tally.crash = str(exc)
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, previous)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="inputs per target (default 1000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: derandomised, repeatable)")
    parser.add_argument("--hang-seconds", type=float, default=5.0, help="an input slower than this is a hang")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="run only these targets")
    args = parser.parse_args(argv)
    lint_draft("Warm up: thank you for Tuesday.")
    print(f"{'target':<12} {'inputs':>8} {'crashes':>8} {'hangs':>6} {'slowest':>9}")
    total = Tally()
    crashes = 0
    started = time.perf_counter()
    for name in args.target or TARGETS:
        tally = fuzz(name, max(1, args.examples // SCALE.get(name, 1)), args.seed, args.hang_seconds)
        crashed = int(bool(tally.crash))
        crashes += crashed
        total.inputs += tally.inputs
        total.hangs += tally.hangs
        total.slowest = max(total.slowest, tally.slowest)
        print(f"{name:<12} {tally.inputs:>8,} {crashed:>8} {tally.hangs:>6} {tally.slowest:>8.2f}s", flush=True)
        if tally.crash:
            print(f"  crash: {tally.crash}")
        for example in tally.hung[:3]:
            print(f"  hang: {example}")
    print(f"{'total':<12} {total.inputs:>8,} {crashes:>8} {total.hangs:>6} {total.slowest:>8.2f}s")
    print(f"{time.perf_counter() - started:.0f} s; python {sys.version.split()[0]}")
    return 1 if crashes or total.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
