"""Side-by-side benchmark: draftlint against proselint on the same drafts.

    python bench/bench_peers.py [--drafts N] [--seed S] [--lengths 100,1000,10000,100000]
                                [--rounds R] [--venv DIR] [--proselint SPEC] [--json OUT]

proselint is installed from PyPI into its own virtual environment (created once under
``$XDG_CACHE_HOME/draftlint-bench/``, or ``--venv DIR``; never in the checkout), so the
two tools never share an interpreter. Both run in fresh child processes with the same
protocol on the same generated drafts (bench/bench.py's generator, a fixed seed):

* warm latency: after a warm-up on other drafts, each of N drafts is linted once and
  timed; nearest-rank p50 and p95. Both tools get the text alone; draftlint is also
  timed with each draft's ``Context`` (interviewer, company, stage), which switches on
  its name checks;
* throughput: the same N drafts one after another (drafts/s), and for draftlint also
  ``lint_drafts`` over all N at once (its default: one worker process per core for
  batches of 400 or more, copy-paste across drafts included);
* growth with draft length: one draft of 100, 1,000, 10,000 and 100,000 words (the
  generated notes' paragraphs joined), timed per word; flat means linear;
* CLI cold start: median of alternating runs of each command on one draft, and of
  ``python -c "import spacy"`` (draftlint's floor and its budget's unit);
* peak RSS of each child process.

The two tools' children run in turn, ``--rounds`` times each (3 by default), so that a
change in the machine's speed touches both alike: latencies are pooled over the rounds,
throughputs are the median round (each round's figure is printed too), a long draft
takes its best round. Each throughput ratio is also taken round by round (draftlint's
round against the proselint round that follows it, a few seconds apart) and the
median of those is printed: on a machine whose speed drifts, it is the steadier
figure. The throughput goal is judged met only when both ratios reach it.

Everything is printed as one table, with ratios (proselint / draftlint for times, so
above 1 means draftlint is faster), the machine, the date and the load average.
With ``--json OUT`` the figures are also written to OUT. The exit code is 0 unless a
tool fails to run: the script measures, it does not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import make_drafts  # noqa: E402  (the same generator as bench.py)

WARMUP = 64
COLD_RUNS = 5
GOAL_THROUGHPUT_RATIO = 5.0
BUDGET_COLD_RATIO = 1.3
BUDGET_P95_MS = 3.0
BUDGET_PEAK_MB = 250.0

# One child script serves both tools; it runs under each tool's own interpreter and
# prints one JSON object. argv: tool, drafts file, lengths file.
CHILD = r'''
import json, resource, sys, time

tool, drafts_path, lengths_path = sys.argv[1], sys.argv[2], sys.argv[3]
with open(drafts_path, encoding="utf-8") as fh:
    data = json.load(fh)
with open(lengths_path, encoding="utf-8") as fh:
    long_drafts = json.load(fh)
warmup, measured = data["warmup"], data["measured"]

t0 = time.perf_counter()
if tool == "draftlint":
    from draftlint import Context, lint_draft, lint_drafts

    def contexts(items):
        return [(text, Context(interviewers=[c["interviewer"]], company=c["company"], stage=c["stage"]))
                for text, c in items]

    def lint(item):
        return len(lint_draft(item[0], context=item[1]).findings)

    def batch(items):
        return sum(len(r.findings) for r in lint_drafts([text for text, _ in items]).reports)

    version = __import__("draftlint").__version__
else:
    import proselint
    try:  # proselint >= 0.16: a registry of checks and a LintFile per text
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(__register__)

        def lint(item):
            return len(LintFile("<draft>", item[0]).lint(DEFAULT))
    except ImportError:  # older releases: one function
        from proselint.tools import lint as _lint

        def lint(item):
            return len(_lint(item[0]))

    def contexts(items):
        return [(text, None) for text, _ in items]

    batch = None
    try:
        from importlib.metadata import version as _version
        version = _version("proselint")
    except Exception:
        version = getattr(proselint, "__version__", "unknown")
import_s = time.perf_counter() - t0

warm_items, items = contexts(warmup), contexts(measured)
t0 = time.perf_counter()
lint(warm_items[0])
first_s = time.perf_counter() - t0
for item in warm_items[1:]:
    lint(item)

clock = time.perf_counter
# The same input for both tools: the text alone.
bare = [(text, None) for text, _ in items]
times, findings = [], 0
for item in bare:
    start = clock()
    findings += lint(item)
    times.append(clock() - start)
# draftlint also takes who the note is for, which switches its name checks on.
context_times = []
if tool == "draftlint":
    for item in items:
        start = clock()
        lint(item)
        context_times.append(clock() - start)
t0 = clock()
for item in bare:
    lint(item)
loop_s = clock() - t0
batch_s = None
if batch is not None:
    t0 = clock()
    batch(bare)
    batch_s = clock() - t0

def rss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux

peak_drafts = rss_mb()  # before the long drafts: the figure the memory budget is about
growth = []
context = None
for text in long_drafts:
    words = len(text.split())
    best = float("inf")
    for _ in range(max(1, min(20, 20000 // max(words, 1)))):  # best of a few for short ones
        start = clock()
        lint((text, context))
        best = min(best, clock() - start)
    growth.append({"words": words, "seconds": best})
print(json.dumps({
    "version": version, "import_s": import_s, "first_lint_s": first_s, "latencies_s": times,
    "context_latencies_s": context_times,
    "findings": findings, "loop_s": loop_s, "batch_s": batch_s, "growth": growth,
    "peak_mb": peak_drafts, "peak_mb_with_growth": rss_mb(),
}))
'''


def _verdict(*ratios: float) -> str:
    return "met" if min(ratios) >= GOAL_THROUGHPUT_RATIO else "NOT MET"


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))]


def default_venv() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "draftlint-bench" / "proselint-venv"


def _venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_proselint(folder: Path, spec: str) -> Path:
    """A virtual environment with proselint in it (created and installed if needed)."""
    python = _venv_python(folder)
    ok = python.exists() and subprocess.run(
        [str(python), "-c", "import proselint"], capture_output=True, check=False
    ).returncode == 0
    if not ok:
        print(f"installing {spec} from PyPI into {folder} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", spec],
                       check=True)
    return python


def long_drafts(lengths: list[int], seed: int) -> list[str]:
    """One draft per length: generated notes' paragraphs, joined until the body has
    that many words (the last paragraph cut), under one greeting and one sign-off."""
    pool = [text for text, _ in make_drafts(max(60, max(lengths) // 100 + 10), seed + 1)]
    paragraphs = [p for text in pool for p in text.split("\n\n")[1:-1]]
    out = []
    for target in lengths:
        body: list[str] = []
        count, k = 0, 0
        while count < target:
            words = paragraphs[k % len(paragraphs)].split()
            take = words[: target - count]
            body.append(" ".join(take))
            count += len(take)
            k += 1
        out.append("Dear Ms. Okafor,\n\n" + "\n\n".join(body) + "\n\nBest regards,\nSam Lee\n")
    return out


def run_child(python: str, tool: str, drafts_file: Path, lengths_file: Path, env: dict[str, str]) -> dict:
    proc = subprocess.run([python, "-c", CHILD, tool, str(drafts_file), str(lengths_file)],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{tool} child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def combined(runs: list[dict]) -> dict:
    """One child result from several rounds: latencies pooled (percentiles over all of
    them), the median loop and batch times and start-up, the best time per long draft,
    the largest peak memory."""
    first = runs[0]
    out = dict(first)
    out["latencies_s"] = [t for r in runs for t in r["latencies_s"]]
    out["context_latencies_s"] = [t for r in runs for t in r["context_latencies_s"]]
    for key in ("loop_s", "import_s", "first_lint_s"):
        out[key] = statistics.median(r[key] for r in runs)
    out["batch_s"] = statistics.median(r["batch_s"] for r in runs) if first["batch_s"] is not None else None
    out["growth"] = [
        {"words": g["words"], "seconds": min(r["growth"][i]["seconds"] for r in runs)} for i, g in enumerate(first["growth"])
    ]
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    out["peak_mb_with_growth"] = max(r["peak_mb_with_growth"] for r in runs)
    out["loop_per_round"] = [len(r["latencies_s"]) / r["loop_s"] for r in runs]
    out["batch_per_round"] = [len(r["latencies_s"]) / r["batch_s"] for r in runs if r["batch_s"]]
    return out


def _wall(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1 means findings for both tools
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return elapsed


def cold_starts(
    sample: Path, proselint_python: Path, env: dict[str, str], peer_env: dict[str, str], cwd: str
) -> dict[str, float]:
    commands = {
        "draftlint": ([sys.executable, "-m", "draftlint", str(sample)], env),
        "import spacy": ([sys.executable, "-c", "import spacy"], env),
        "proselint": ([str(proselint_python), "-m", "proselint", "check", str(sample)], peer_env),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd, cmd_env in commands.values():  # warm the page cache first
        _wall(cmd, cmd_env, cwd)
    for _ in range(COLD_RUNS):  # interleaved, so drift hits all alike
        for name, (cmd, cmd_env) in commands.items():
            times[name].append(_wall(cmd, cmd_env, cwd))
    return {name: statistics.median(v) for name, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--drafts", type=int, default=1000, help="measured drafts (default 1000, at least 1000)")
    ap.add_argument("--seed", type=int, default=20260302)
    ap.add_argument("--lengths", default="100,1000,10000,100000", help="words per draft for the growth rows")
    ap.add_argument("--venv", type=Path, default=None, help="proselint's virtual environment (created if missing)")
    ap.add_argument("--proselint", default="proselint", help="pip requirement to install (default: latest)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating runs of each tool (default 3): medians, pooled latencies")
    ap.add_argument("--json", type=Path, metavar="OUT")
    args = ap.parse_args(argv)
    if args.drafts < 1000:
        ap.error("--drafts must be at least 1000")
    lengths = [int(x) for x in args.lengths.split(",") if x]

    load_before = _loadavg()
    env = dict(os.environ)
    src = HERE.parent / "src"
    if (src / "draftlint").is_dir():  # from a checkout: lint with this tree
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    proselint_python = ensure_proselint(args.venv or default_venv(), args.proselint)
    # proselint reads a user configuration if there is one; give it a clean home.
    peer_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}

    drafts = make_drafts(WARMUP + args.drafts, args.seed)
    words = [len(text.split()) for text, _ in drafts[WARMUP:]]
    with tempfile.TemporaryDirectory(prefix="draftlint-peers-") as tmp:
        peer_env["HOME"] = peer_env["XDG_CONFIG_HOME"] = tmp
        drafts_file = Path(tmp) / "drafts.json"
        drafts_file.write_text(json.dumps({"warmup": drafts[:WARMUP], "measured": drafts[WARMUP:]}), encoding="utf-8")
        lengths_file = Path(tmp) / "lengths.json"
        lengths_file.write_text(json.dumps(long_drafts(lengths, args.seed)), encoding="utf-8")
        sample = Path(tmp) / "draft.txt"
        sample.write_text(drafts[WARMUP][0], encoding="utf-8")
        ours_runs, peer_runs = [], []
        for _ in range(max(1, args.rounds)):  # alternating, so that drift touches both tools alike
            ours_runs.append(run_child(sys.executable, "draftlint", drafts_file, lengths_file, env))
            peer_runs.append(run_child(str(proselint_python), "proselint", drafts_file, lengths_file, peer_env))
        ours, peer = combined(ours_runs), combined(peer_runs)
        cold = cold_starts(sample, proselint_python, env, peer_env, tmp)
    load_after = _loadavg()

    n = args.drafts
    figures: dict = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "load_before": load_before, "load_after": load_after,
        "drafts": n, "seed": args.seed, "words_mean": statistics.mean(words),
        "versions": {"draftlint": ours["version"], "proselint": peer["version"]},
        "findings": {"draftlint": ours["findings"], "proselint": peer["findings"]},
    }
    for name, res in (("draftlint", ours), ("proselint", peer)):
        ms = [t * 1000 for t in res["latencies_s"]]
        figures[name] = {
            "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
            "loop_per_s": n / res["loop_s"],
            "batch_per_s": n / res["batch_s"] if res["batch_s"] else None,
            "peak_mb": res["peak_mb"], "peak_mb_with_growth": res["peak_mb_with_growth"],
            "import_s": res["import_s"], "cold_s": cold[name],
            "growth": res["growth"],
            "loop_per_round": res["loop_per_round"], "batch_per_round": res["batch_per_round"],
        }
    d, p = figures["draftlint"], figures["proselint"]
    with_context = [t * 1000 for t in ours["context_latencies_s"]]
    d["context_p50_ms"], d["context_p95_ms"] = percentile(with_context, 50), percentile(with_context, 95)
    base = next((g for g in d["growth"] if g["words"] >= 1000), d["growth"][0]) if d["growth"] else None
    for g in d["growth"]:
        g["us_per_word"] = g["seconds"] / g["words"] * 1e6
        g["vs_1000"] = g["us_per_word"] / (base["seconds"] / base["words"] * 1e6) if base else None
    for g in p["growth"]:
        g["us_per_word"] = g["seconds"] / g["words"] * 1e6
    figures["cold_import_spacy_s"] = cold["import spacy"]
    # Each draftlint round ran just before a proselint round: the ratio within a pair is
    # measured at nearly the same machine speed, so its median drifts least.
    paired_loop = [a / b for a, b in zip(d["loop_per_round"], p["loop_per_round"])]
    paired_batch = [a / b for a, b in zip(d["batch_per_round"], p["loop_per_round"])]
    figures["paired_ratios"] = {"loop": paired_loop, "batch": paired_batch}
    figures["ratios"] = {
        "p50": p["p50_ms"] / d["p50_ms"], "p95": p["p95_ms"] / d["p95_ms"],
        "loop_throughput": d["loop_per_s"] / p["loop_per_s"],
        "batch_throughput": (d["batch_per_s"] or d["loop_per_s"]) / p["loop_per_s"],
        "loop_paired": statistics.median(paired_loop),
        "batch_paired": statistics.median(paired_batch) if paired_batch else None,
        "cold_vs_proselint": d["cold_s"] / p["cold_s"], "cold_vs_import_spacy": d["cold_s"] / cold["import spacy"],
        "peak_mb": d["peak_mb"] / p["peak_mb"],
    }
    # Short drafts carry a fixed cost per draft, so only longer ones tell about growth.
    worst = max((g["vs_1000"] for g in d["growth"] if g.get("vs_1000") and base and g["words"] > base["words"]),
                default=None)
    figures["growth_worst_vs_1000"] = worst

    r = figures["ratios"]
    print(f"draftlint {ours['version']} vs proselint {peer['version']} — {figures['date']}")
    print(f"machine: {figures['machine']}, Python {figures['python']}; load {load_before or 0:.2f} before, "
          f"{load_after or 0:.2f} after (above the core count, other work competed for the CPU)")
    print(f"drafts: {n} measured after {WARMUP} warm-up, seed {args.seed}, {figures['words_mean']:.0f} words on "
          f"average; findings: draftlint {ours['findings']}, proselint {peer['findings']}")
    print()
    rows = [
        ("warm latency p50", f"{d['p50_ms']:.3f} ms", f"{p['p50_ms']:.3f} ms", f"{r['p50']:.1f}x faster", ""),
        ("warm latency p95", f"{d['p95_ms']:.3f} ms", f"{p['p95_ms']:.3f} ms", f"{r['p95']:.1f}x faster",
         f"p95 <= {BUDGET_P95_MS} ms: {'met' if d['p95_ms'] <= BUDGET_P95_MS else 'NOT MET'}"),
        ("same, with a Context", f"{d['context_p50_ms']:.3f} / {d['context_p95_ms']:.3f} ms", "-", "",
         "p50 / p95; interviewer, company and stage given: name checks run"),
        ("throughput, one by one", f"{d['loop_per_s']:,.0f} /s", f"{p['loop_per_s']:,.0f} /s",
         f"{r['loop_throughput']:.1f}x", f"paired rounds: median {r['loop_paired']:.1f}x; goal >= "
         f"{GOAL_THROUGHPUT_RATIO:.0f}x on both: {_verdict(r['loop_throughput'], r['loop_paired'])}"),
        ("throughput, batch", f"{d['batch_per_s']:,.0f} /s" if d["batch_per_s"] else "-", f"{p['loop_per_s']:,.0f} /s",
         f"{r['batch_throughput']:.1f}x", "draftlint: lint_drafts (a worker per core), copy-paste included; proselint: "
         f"one by one; paired rounds: median {r['batch_paired'] or 0:.1f}x; goal on both: "
         f"{_verdict(r['batch_throughput'], r['batch_paired'] or 0)}"),
        ("CLI cold start, one draft", f"{d['cold_s']:.2f} s", f"{p['cold_s']:.2f} s", f"{r['cold_vs_proselint']:.1f}x slower",
         f"vs import spacy {cold['import spacy']:.2f} s: {r['cold_vs_import_spacy']:.2f}x "
         f"(budget {BUDGET_COLD_RATIO}x: {'met' if r['cold_vs_import_spacy'] <= BUDGET_COLD_RATIO else 'NOT MET'})"),
        ("peak RSS, drafts", f"{d['peak_mb']:.0f} MB", f"{p['peak_mb']:.0f} MB", f"{r['peak_mb']:.1f}x",
         f"budget {BUDGET_PEAK_MB:.0f} MB: {'met' if d['peak_mb'] <= BUDGET_PEAK_MB else 'NOT MET'}"),
        ("peak RSS, after long drafts", f"{d['peak_mb_with_growth']:.0f} MB", f"{p['peak_mb_with_growth']:.0f} MB",
         f"{d['peak_mb_with_growth'] / p['peak_mb_with_growth']:.1f}x", f"with the {max(lengths):,}-word draft"),
    ]
    for gd, gp in zip(d["growth"], p["growth"]):
        rows.append((
            f"one draft of {gd['words']:,} words", f"{gd['seconds'] * 1000:,.1f} ms ({gd['us_per_word']:.1f} us/word)",
            f"{gp['seconds'] * 1000:,.1f} ms ({gp['us_per_word']:.1f} us/word)",
            f"{gp['seconds'] / gd['seconds']:.1f}x faster",
            f"per word vs 1,000 words: {gd['vs_1000']:.2f}" if gd.get("vs_1000") else "",
        ))
    header = ("figure", "draftlint", "proselint", "proselint/draftlint", "notes")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    rounds = ", ".join(f"{x:,.0f}" for x in d["loop_per_round"])
    print(f"\nthroughput per round (drafts/s), in turn: draftlint one by one {rounds}; "
          f"batch {', '.join(f'{x:,.0f}' for x in d['batch_per_round'])}; "
          f"proselint {', '.join(f'{x:,.0f}' for x in p['loop_per_round'])}")
    print(f"ratio per round (draftlint / the proselint round after it): one by one "
          f"{', '.join(f'{x:.2f}' for x in paired_loop)}; batch {', '.join(f'{x:.2f}' for x in paired_batch)}")
    print()
    if worst is not None:
        verdict = "close to linear" if worst <= 2 else "NOT linear: look for a quadratic corner"
        print(f"growth: past 1,000 words, draftlint's cost per word is at most {worst:.2f}x its cost at "
              f"1,000 words ({verdict})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
