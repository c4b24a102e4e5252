"""Benchmark draftlint against the budgets in DESIGN.md.

    python bench/bench.py [--drafts N] [--seed S] [--json OUT]

Uses only the standard library and draftlint. Each measured phase lints N fresh drafts
(default 600) that it has not seen before, built from a fixed seed; see bench/README.md
for what every figure means.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Budgets from DESIGN.md ("Budgets (checked by benchmarks, not by timed unit tests)").
BUDGET_P50_MS = 0.5
BUDGET_P95_MS = 3.0
BUDGET_COLD_RATIO = 1.3
BUDGET_PEAK_MB = 250.0

WARMUP_DRAFTS = 64
COLD_RUNS = 5

# --------------------------------------------------------------------------------------
# Draft generator
#
# Drafts are assembled from sentence fragments with slots filled from pools of names,
# companies, roles, tools, topics, figures and dates, so that consecutive drafts share
# structure but little exact wording (as real mail does). A fixed seed makes every run
# lint the same drafts.
# --------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Aaliyah", "Abebe", "Adrian", "Agnieszka", "Aiko", "Alejandro", "Amara", "Anders",
    "Anika", "Arjun", "Beatriz", "Bilal", "Bronwyn", "Callum", "Carmen", "Chidi",
    "Chloe", "Dalia", "Darius", "Deepa", "Desmond", "Dmitri", "Eamon", "Elif", "Emeka",
    "Esther", "Farah", "Felix", "Fiona", "Gabriel", "Giulia", "Hamza", "Hannah",
    "Haruto", "Ingrid", "Isaac", "Ivana", "Jamal", "Javier", "Jia", "Joaquin", "Kalani",
    "Kavya", "Keanu", "Kenji", "Lars", "Leila", "Lorenzo", "Lucia", "Magnus", "Mai",
    "Malik", "Margot", "Mateus", "Mei", "Mehmet", "Mira", "Nadia", "Naveen", "Niamh",
    "Nikolai", "Noor", "Obinna", "Olga", "Omar", "Paloma", "Pavel", "Quinn", "Rafael",
    "Rania", "Rhys", "Rohan", "Saanvi", "Salma", "Sebastian", "Shira", "Siddharth",
    "Sofia", "Soren", "Tariq", "Thandiwe", "Theo", "Tomasz", "Valentina", "Vikram",
    "Wanjiru", "Xavier", "Yara", "Yusuf", "Zainab", "Zoltan",
]

LAST_NAMES = [
    "Abernathy", "Achebe", "Albrecht", "Alvarez", "Amundsen", "Banerjee", "Barros",
    "Beaumont", "Bergstrom", "Boateng", "Brennan", "Castellano", "Chaudhry", "Cho",
    "Costa", "Dalton", "Delacroix", "Dimitriou", "Eriksen", "Esposito", "Fairweather",
    "Farouk", "Fitzgerald", "Gallagher", "Ganguly", "Grünewald", "Haddad", "Halloran",
    "Hashimoto", "Ibrahim", "Iwasaki", "Jablonski", "Johansson", "Kaczmarek", "Kapoor",
    "Kiplagat", "Kowalczyk", "Lindqvist", "Lombardi", "Madsen", "Mahlangu", "Marchetti",
    "McAllister", "Mendoza", "Mirza", "Moreau", "Nakamura", "Ndlovu", "Novak", "Nyberg",
    "Obi", "Okafor", "Oyelaran", "Papadakis", "Petrov", "Quinlan", "Rahman",
    "Rasmussen", "Reyes", "Rosenthal", "Sadeghi", "Santoro", "Schneider", "Sörensen",
    "Takahashi", "Thorne", "Toledo", "Umarov", "Valdez", "Vasquez", "Wainwright",
    "Whitaker", "Yamamoto", "Yilmaz", "Zeller", "Zhou",
]

COMPANY_HEADS = [
    "Alder", "Amberline", "Anchorpoint", "Ashgrove", "Baytree", "Beacon", "Birchfield",
    "Blackwater", "Bluefin", "Brightwave", "Cedarline", "Cobalt", "Copperleaf",
    "Crestview", "Driftwood", "Ember", "Evergreen", "Fairhaven", "Fernhollow",
    "Foxglove", "Granite", "Greystone", "Harborview", "Hawthorn", "Highmark",
    "Ironbridge", "Juniper", "Keystone", "Lakeshore", "Larkspur", "Lodestar", "Maple",
    "Meridian", "Moonstone", "Northgate", "Oakridge", "Orchard", "Palisade",
    "Pinecrest", "Quarry", "Redwood", "Riverbend", "Saltmarsh", "Silverline",
    "Stonebridge", "Summit", "Sunfield", "Thistle", "Tidewell", "Timberline",
    "Trillium", "Westbrook", "Willowmere", "Windward",
]

COMPANY_TAILS = [
    "Analytics", "Logistics", "Health", "Capital", "Labs", "Software", "Partners",
    "Systems", "Foods", "Energy", "Robotics", "Insurance", "Media", "Bank", "Biosciences",
    "Studios", "Freight", "Outfitters", "Networks", "Group", "& Co.", "Holdings",
    "Dental", "Learning", "Mobility", "Pharma", "Retail", "Security", "Telecom", "Works",
]

ROLES = [
    "data engineer", "product designer", "backend developer", "financial analyst",
    "customer success manager", "operations coordinator", "marketing lead",
    "UX researcher", "site reliability engineer", "account executive", "HR generalist",
    "supply chain analyst", "clinical data manager", "content strategist",
    "machine learning engineer", "project manager", "QA engineer", "sales development rep",
    "solutions architect", "brand manager", "payroll specialist", "mobile developer",
    "business intelligence analyst", "technical writer", "security analyst",
    "product manager", "field service technician", "procurement specialist",
    "community manager", "frontend engineer", "risk analyst", "data scientist",
]

TOPICS = [
    "the migration to a new billing platform", "how your team plans quarterly roadmaps",
    "the redesign of the onboarding flow", "your approach to incident reviews",
    "the expansion into the Nordic market", "the warehouse automation pilot",
    "how you measure customer health", "the move from monoliths to services",
    "the spring product launch", "your mentoring programme for new hires",
    "the shift to usage-based pricing", "the cleanup of legacy reports",
    "the partnership with regional clinics", "your experiments with dynamic routing",
    "the accessibility audit of the mobile app", "your plans for the data warehouse",
    "the rollout of the new CRM", "how the support team triages tickets",
    "the carbon reporting project", "the push to shorten release cycles",
    "the loyalty programme relaunch", "your work on fraud detection models",
    "the consolidation of vendor contracts", "the hiring plan for the Lisbon office",
    "how design and engineering share a backlog", "the forecasting model for seasonal demand",
    "the internal analytics training", "the recent security certification",
    "the API you are opening to partners", "the move to a four-day sprint review cadence",
]

TOOLS = [
    "Kafka", "dbt", "Snowflake", "Figma", "Salesforce", "Tableau", "Kubernetes", "Terraform",
    "Airflow", "Looker", "HubSpot", "Workday", "Power BI", "PostgreSQL", "React", "Swift",
    "Spark", "Jira", "Zendesk", "SAP", "Excel", "Python", "Go", "Rust", "Datadog",
    "Gainsight", "Marketo", "NetSuite", "Qualtrics", "Amplitude", "Segment", "Grafana",
]

ACHIEVEMENTS = [
    "cut {metric} by {pct}%", "raised {metric2} by {pct}%", "brought {metric} down from {a} to {b} days",
    "increased {metric2} by {pct} percent in {n} months", "saved roughly ${k}k a year",
    "halved {metric}", "reduced {metric} by {pct}% across {n} teams",
    "shipped {n} releases without a rollback", "onboarded {n} new clients in one quarter",
]
METRICS = [
    "report turnaround", "ticket backlog", "page load time", "invoice errors",
    "month-end close time", "churn", "on-call pages", "shipping delays", "query latency",
    "manual data entry", "support escalations", "build times", "stockouts",
]
METRICS2 = [
    "trial conversions", "renewal rates", "customer satisfaction scores", "weekly active users",
    "pipeline coverage", "first-contact resolution", "email open rates", "test coverage",
    "on-time deliveries", "referral sign-ups",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "September", "October"]
PAST_WHEN = ["yesterday", "this morning", "on {day}", "earlier today", "on {day} afternoon"]

GREETINGS = [
    "Hi {first},", "Dear {first},", "Hello {first},", "Dear Ms. {last},", "Dear Mr. {last},",
    "Good morning {first},", "Dear Dr. {last},", "Hi {first} —", "Dear {first} {last},",
]

THANKS = [
    "Thank you for meeting with me {when} to talk about the {role} role at {company}.",
    "Thanks so much for taking the time {when} to discuss the {role} position at {company}.",
    "I really appreciated the chance to speak with you {when} about the {role} opening at {company}.",
    "Thank you for the thoughtful conversation {when} about joining {company} as a {role}.",
    "Many thanks for interviewing me {when} for the {role} job on your team at {company}.",
    "I am grateful for the time you spent with me {when} discussing the {role} role at {company}.",
    "Thank you for having me at the {company} office {when}; I enjoyed learning about the {role} role.",
]

TOPIC_LINES = [
    "I especially enjoyed hearing about {topic}.",
    "Our discussion of {topic} was the highlight of the day for me.",
    "It was great to learn more about {topic} and where it is heading next.",
    "I keep thinking about what you said regarding {topic}.",
    "Learning about {topic} gave me a much clearer picture of the team's priorities.",
    "Your explanation of {topic} made the challenges of the role very concrete.",
    "I left excited about {topic} and the people working on it.",
]

FIT_LINES = [
    "At {prev}, I {ach} using {tool}, which feels close to what your team needs right now.",
    "In my current role at {prev} I {ach} with {tool}, and I would love to bring that experience to {company}.",
    "My background in {tool} and {tool2} lines up well with the work you described.",
    "Over the last {n} years I have {ach} while working with {tool}, so I understand the trade-offs you mentioned.",
    "I led a similar effort at {prev}, where we {ach} after moving our reporting onto {tool2}.",
    "The problems you outlined are ones I have tackled before: at {prev} we {ach}.",
    "I think my mix of {tool} experience and close work with {team} would help from the first week.",
    "When I joined {prev}, the team had the same bottleneck, and within {n} months we {ach}.",
    "I enjoy the kind of cross-functional work you described, especially with {team}.",
    "Working with {team} at {prev} taught me how to turn rough requests into clear plans.",
]

VALUE_LINES = [
    "Since we spoke, I have finished a short course on {tool2} that touched on several of your questions.",
    "I put together a one-page outline of how I would approach {topic}, and I am happy to share it.",
    "After our talk I read the {month} case study on your blog and found it really useful.",
    "I also came across a recent article on {topic} that I thought you might enjoy.",
    "I have attached a short sample of my work with {tool}, in case it is useful.",
    "I also wanted to mention that I recently earned a certification in {tool2}.",
]

CHECKIN_OPENERS = [
    "I hope your week is going well.", "I hope you had a restful weekend.",
    "I hope the {month} rush has been kind to you.", "I hope all is well at {company}.",
    "I hope the launch went smoothly.", "I hope you are having a good {day}.",
]

CHECKIN_RECALL = [
    "When we spoke on {month} {date} about the {role} role, you mentioned a decision around the end of the month.",
    "You mentioned during our interview on {month} {date} that the team hoped to decide within a few weeks.",
    "When we last talked, you expected to wrap up interviews for the {role} position by mid-{month}.",
    "During my interview for the {role} opening, you said the panel would meet again in {month}.",
]

INTEREST_LINES = [
    "I remain very interested in the role and in joining {company}.",
    "I am more excited than ever about the chance to work with you and {team}.",
    "This conversation confirmed how much I would like to join your team.",
    "I am still very keen on the {role} position.",
    "I would be thrilled to contribute to {company} as your next {role}.",
]

NEXT_STEP_LINES = [
    "I will follow up next {day} in case you need anything else from me.",
    "I will check in again in a couple of weeks.",
    "Please let me know if there is anything else I can send you.",
    "I will touch base at the end of next week, as you suggested.",
    "If it helps, the best number to reach me is ({area}) 555-{four}.",
    "I'll be in touch after the {month} holiday, as we discussed.",
]

CLOSING_THANKS = [
    "Thank you again for your time.", "Thanks again for a great conversation.",
    "Thank you once more for your time and insight.", "Many thanks again.",
    "Thanks again, and have a great week.",
]

SIGNOFFS = ["Best regards,", "Kind regards,", "Best,", "Warm regards,", "Thank you,", "Sincerely,", "Cheers,"]

TEAMS = [
    "the analytics group", "the platform team", "customer support", "the design studio",
    "finance", "the sales team", "product marketing", "the clinical operations team",
    "the data science group", "regional managers", "the security team", "the growth squad",
]

# Problem phrases: what the rules are written to catch. Roughly one draft in four
# carries one, as a pre-send check would see in real use.
IMPATIENT = [
    "I still haven't heard back from anyone about the {role} role.",
    "It has been {n} weeks and I still have not heard back, which is frustrating.",
    "I need an answer by {day} because I am weighing another offer.",
    "Just bumping this to the top of your inbox.",
    "Not sure if you saw my last email, so I am sending it again.",
    "Any update? It has been {n} weeks since my interview.",
    "Per my last email, I am still waiting on a decision.",
    "Please get back to me ASAP about next steps.",
]
CALL_ME_BACK = [
    "Please call me back at your earliest convenience.",
    "Can you call me back when you get a chance?",
    "Could you give me a call back on {day}?",
    "Please call me at ({area}) 555-{four} to discuss.",
]
RUDE = [
    "Honestly, this process has been a waste of my time.",
    "It is disappointing that nobody had the courtesy to reply.",
]


def _fill(rng: random.Random, template: str, slots: dict[str, str]) -> str:
    """Fill a template; achievement slots get their own nested fill."""
    local = dict(slots)
    local["ach"] = rng.choice(ACHIEVEMENTS).format(
        metric=rng.choice(METRICS), metric2=rng.choice(METRICS2), pct=rng.randint(12, 68),
        a=rng.randint(6, 15), b=rng.randint(1, 5), n=rng.randint(2, 11), k=rng.randint(20, 400),
    )
    local["tool"], local["tool2"] = rng.sample(TOOLS, 2)
    local["topic"] = rng.choice(TOPICS)
    local["team"] = rng.choice(TEAMS)
    local["day"] = rng.choice(DAYS)
    local["month"] = rng.choice(MONTHS)
    local["date"] = str(rng.randint(2, 27))
    local["n"] = str(rng.randint(2, 6))
    local["area"] = str(rng.randint(201, 989))
    local["four"] = f"{rng.randint(100, 199):04d}"
    local["when"] = rng.choice(PAST_WHEN).format(day=local["day"])
    return template.format(**local)


def _company(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)}"


def make_draft(rng: random.Random) -> tuple[str, dict[str, str]]:
    """One draft of about 150 words, and the context a caller would pass with it."""
    slots = {
        "first": rng.choice(FIRST_NAMES),
        "last": rng.choice(LAST_NAMES),
        "company": _company(rng),
        "prev": _company(rng),
        "role": rng.choice(ROLES),
    }
    stage = "thank-you" if rng.random() < 0.7 else "follow-up"

    def line(pool: list[str]) -> str:
        return _fill(rng, rng.choice(pool), slots)

    if stage == "thank-you":
        opening = [line(THANKS), line(TOPIC_LINES)]
    else:
        opening = [line(CHECKIN_OPENERS), line(CHECKIN_RECALL)]
    fit = [line(FIT_LINES) for _ in range(2)]
    extra = [line(VALUE_LINES), line(TOPIC_LINES), line(FIT_LINES)]
    closing = [line(INTEREST_LINES), line(NEXT_STEP_LINES), line(CLOSING_THANKS)]

    roll = rng.random()
    if roll < 0.15:
        closing.insert(1, line(IMPATIENT))
    elif roll < 0.25:
        closing.insert(1, line(CALL_ME_BACK))
    elif roll < 0.28:
        fit.append(line(RUDE))

    # Add optional sentences until the body is about 150 words.
    def count() -> int:
        return sum(len(s.split()) for s in opening + fit + closing)

    while extra and count() < 140:
        fit.append(extra.pop(0))
    while count() < 140:
        fit.append(line(FIT_LINES))

    greeting = line(GREETINGS)
    signer = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    paragraphs = [greeting, " ".join(opening), " ".join(fit), " ".join(closing),
                  f"{rng.choice(SIGNOFFS)}\n{signer}"]
    context = {
        "interviewer": f"{slots['first']} {slots['last']}",
        "company": slots["company"],
        "stage": stage,
    }
    return "\n\n".join(paragraphs) + "\n", context


def make_drafts(n: int, seed: int) -> list[tuple[str, dict[str, str]]]:
    """n distinct drafts, each with its context, always the same for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[tuple[str, dict[str, str]]] = []
    while len(out) < n:
        text, context = make_draft(rng)
        if text not in seen:
            seen.add(text)
            out.append((text, context))
    return out


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[k]


def to_context(Context, ctx: dict[str, str]):
    return Context(interviewers=[ctx["interviewer"]], company=ctx["company"], stage=ctx["stage"])


def measure_latency(lint_draft, items: list) -> tuple[list[float], int, int]:
    """Time each lint_draft call; also count findings, to show the lint did real work."""
    times: list[float] = []
    n_findings = 0
    drafts_flagged = 0
    clock = time.perf_counter
    for text, context in items:
        t0 = clock()
        report = lint_draft(text, context=context)
        times.append((clock() - t0) * 1000.0)
        n_findings += len(report.findings)
        drafts_flagged += bool(report.findings)
    return times, n_findings, drafts_flagged


#: The checks that read who the note is for (names, groups, placeholders).
RECIPIENT_CATEGORIES = ("misspelled-name", "wrong-name", "name-drop", "group-note", "placeholder")


def measure_paired(lint_draft, items: list, config) -> tuple[list[float], list[float]]:
    """Time every draft with the default rules and with ``config``, alternating which goes first.

    Both timings of a draft are taken back to back, so load on the machine weighs on
    the two sides alike: the difference is what the rules ``config`` drops cost.
    """
    on: list[float] = []
    off: list[float] = []
    clock = time.perf_counter
    for index, (text, context) in enumerate(items):
        order = ((None, on), (config, off)) if index % 2 else ((config, off), (None, on))
        for chosen, into in order:
            t0 = clock()
            lint_draft(text, context=context, config=chosen)
            into.append((clock() - t0) * 1000.0)
    return on, off


def measure_loop(lint_draft, items: list) -> float:
    t0 = time.perf_counter()
    for text, context in items:
        lint_draft(text, context=context)
    return len(items) / (time.perf_counter() - t0)


def measure_batch(lint_drafts, texts: list[str]) -> float:
    t0 = time.perf_counter()
    result = lint_drafts(texts)
    reports = getattr(result, "reports", result)
    if not isinstance(reports, (list, tuple)):
        list(reports)  # consume it, in case it is lazy
    return len(texts) / (time.perf_counter() - t0)


def _wall(cmd: list[str], cwd: str, env: dict[str, str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1 only means "findings"
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return elapsed, proc.returncode


def measure_cold_start(sample_file: Path, workdir: str, env: dict[str, str]) -> dict[str, float]:
    cli = [sys.executable, "-m", "draftlint", str(sample_file)]
    spacy_only = [sys.executable, "-c", "import spacy"]
    # One unmeasured run of each first, so both start from a warm page cache.
    _wall(cli, workdir, env)
    _wall(spacy_only, workdir, env)
    cli_times: list[float] = []
    spacy_times: list[float] = []
    exit_code = 0
    for _ in range(COLD_RUNS):  # interleaved, so drift hits both alike
        elapsed, exit_code = _wall(cli, workdir, env)
        cli_times.append(elapsed)
        spacy_times.append(_wall(spacy_only, workdir, env)[0])
    cli_s = statistics.median(cli_times)
    spacy_s = statistics.median(spacy_times)
    return {"cli_s": cli_s, "import_spacy_s": spacy_s, "ratio": cli_s / spacy_s,
            "cli_exit_code": exit_code}


PEAK_CHILD = r"""
import json, resource, sys
from draftlint import Context, lint_draft
with open(sys.argv[1], encoding="utf-8") as fh:
    items = json.load(fh)
for text, ctx in items:
    context = Context(interviewers=[ctx["interviewer"]], company=ctx["company"], stage=ctx["stage"])
    lint_draft(text, context=context)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak / 2**20 if sys.platform == "darwin" else peak / 2**10)  # bytes on macOS, KiB on Linux
"""


def measure_peak_mb(drafts_file: Path, workdir: str, env: dict[str, str]) -> float:
    proc = subprocess.run([sys.executable, "-c", PEAK_CHILD, str(drafts_file)], cwd=workdir,
                          env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"peak-memory child failed:\n{proc.stderr[-2000:]}")
    return float(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not available on Windows
        return None


def _mark(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=600,
                        help="drafts per measured phase (default 600, at least 500)")
    parser.add_argument("--seed", type=int, default=20260302, help="generator seed")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also save the figures as JSON")
    args = parser.parse_args(argv)
    if args.drafts < 500:
        parser.error("--drafts must be at least 500")

    started = time.perf_counter()
    load_before = _loadavg()
    env = dict(os.environ)
    src = Path(__file__).resolve().parent.parent / "src"
    if (src / "draftlint").is_dir():  # run from a checkout without installing
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        sys.path.insert(0, str(src))

    t0 = time.perf_counter()
    import draftlint
    from draftlint import Context, lint_draft
    import_s = time.perf_counter() - t0
    lint_drafts = getattr(draftlint, "lint_drafts", None)

    n = args.drafts
    # Disjoint sets (warm-up, latency, loop, batch): every phase lints text it has not seen.
    pool = make_drafts(WARMUP_DRAFTS + 3 * n, args.seed)
    warmup = pool[:WARMUP_DRAFTS]
    latency_set = pool[WARMUP_DRAFTS:WARMUP_DRAFTS + n]
    loop_set = pool[WARMUP_DRAFTS + n:WARMUP_DRAFTS + 2 * n]
    batch_texts = [text for text, _ in pool[WARMUP_DRAFTS + 2 * n:]]
    words = [len(text.split()) for text, _ in latency_set]
    sentences = {s.strip() for text, _ in latency_set for s in text.replace("\n", " ").split(". ")}

    # Contexts are built before timing: the figure is the lint, not pydantic validation.
    warmup_items = [(text, to_context(Context, ctx)) for text, ctx in warmup]
    latency_items = [(text, to_context(Context, ctx)) for text, ctx in latency_set]
    loop_items = [(text, to_context(Context, ctx)) for text, ctx in loop_set]

    t0 = time.perf_counter()
    lint_draft(warmup_items[0][0], context=warmup_items[0][1])
    first_lint_s = time.perf_counter() - t0
    for text, context in warmup_items[1:]:
        lint_draft(text, context=context)
    if lint_drafts:  # its first call may import what only batches need (e.g. MinHash)
        lint_drafts([text for text, _ in warmup])

    times, n_findings, flagged = measure_latency(lint_draft, latency_items)
    p50 = percentile(times, 50)
    p95 = percentile(times, 95)
    recipient_off = draftlint.Config(ignore=RECIPIENT_CATEGORIES)
    lint_draft(latency_items[0][0], context=latency_items[0][1], config=recipient_off)  # build that linter
    paired_on, paired_off = measure_paired(lint_draft, latency_items, recipient_off)
    loop_rate = measure_loop(lint_draft, loop_items)
    batch_rate = measure_batch(lint_drafts, batch_texts) if lint_drafts else None

    with tempfile.TemporaryDirectory(prefix="draftlint-bench-") as tmp:
        sample = Path(tmp) / "draft.txt"
        sample.write_text(latency_set[0][0], encoding="utf-8")
        drafts_file = Path(tmp) / "drafts.json"
        drafts_file.write_text(json.dumps(latency_set), encoding="utf-8")
        cold = measure_cold_start(sample, tmp, env)
        peak_mb = measure_peak_mb(drafts_file, tmp, env)

    budgets = {
        "latency_p50_ms": (BUDGET_P50_MS, p50),
        "latency_p95_ms": (BUDGET_P95_MS, p95),
        "cold_ratio": (BUDGET_COLD_RATIO, cold["ratio"]),
        "peak_rss_mb": (BUDGET_PEAK_MB, peak_mb),
    }
    figures = {
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "processor": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "draftlint_version": getattr(draftlint, "__version__", "unknown"),
        "seed": args.seed,
        "drafts_per_phase": n,
        "draft_words_mean": statistics.mean(words),
        "draft_words_min": min(words),
        "draft_words_max": max(words),
        "distinct_sentences": len(sentences),
        "findings": n_findings,
        "drafts_with_findings": flagged,
        "import_draftlint_s": import_s,
        "first_lint_s": first_lint_s,
        "latency_p50_ms": p50,
        "latency_p95_ms": p95,
        "latency_mean_ms": statistics.mean(times),
        "paired_with_recipient_checks_p50_ms": percentile(paired_on, 50),
        "paired_with_recipient_checks_p95_ms": percentile(paired_on, 95),
        "paired_without_recipient_checks_p50_ms": percentile(paired_off, 50),
        "paired_without_recipient_checks_p95_ms": percentile(paired_off, 95),
        "latency_max_ms": max(times),
        "loop_drafts_per_s": loop_rate,
        "lint_drafts_per_s": batch_rate,
        "cold_cli_s": cold["cli_s"],
        "cold_import_spacy_s": cold["import_spacy_s"],
        "cold_ratio": cold["ratio"],
        "cli_exit_code": cold["cli_exit_code"],
        "peak_rss_mb": peak_mb,
        "loadavg_1min_before": load_before,
        "loadavg_1min_after": _loadavg(),
        "budgets": {k: {"budget": b, "measured": v, "met": v <= b} for k, (b, v) in budgets.items()},
    }

    def status(key: str) -> str:
        return _mark(figures["budgets"][key]["met"])

    print(f"draftlint {figures['draftlint_version']} benchmark, {figures['date']}")
    print(f"machine: {figures['machine']} ({figures['processor']}), os.cpu_count()={figures['cpu_count']}")
    print(f"python:  {figures['python']}")
    if load_before is not None:
        print(f"load:    1-minute load average {load_before:.2f} before, "
              f"{figures['loadavg_1min_after']:.2f} after (other work on the machine skews timings)")
    print(f"drafts:  {n} per phase, seed {args.seed}; {figures['draft_words_mean']:.0f} words on average "
          f"({min(words)}-{max(words)}); {len(sentences)} distinct sentences; "
          f"{n_findings} findings in {flagged} of {n} drafts")
    print(f"import draftlint {import_s:.2f} s; first lint {first_lint_s * 1000:.0f} ms; "
          f"then {WARMUP_DRAFTS - 1} more warm-up drafts")
    print()
    rows = [
        ("warm lint_draft p50", f"{p50:.3f} ms", f"<= {BUDGET_P50_MS} ms", status("latency_p50_ms")),
        ("warm lint_draft p95", f"{p95:.3f} ms", f"<= {BUDGET_P95_MS} ms", status("latency_p95_ms")),
        ("  same drafts, recipient checks off, p50/p95",
         f"{figures['paired_without_recipient_checks_p50_ms']:.3f} / "
         f"{figures['paired_without_recipient_checks_p95_ms']:.3f} ms", "", ""),
        ("  same drafts, recipient checks on, p50/p95",
         f"{figures['paired_with_recipient_checks_p50_ms']:.3f} / "
         f"{figures['paired_with_recipient_checks_p95_ms']:.3f} ms", "", ""),
        ("throughput, lint_draft loop", f"{loop_rate:,.0f} drafts/s", "", ""),
        ("throughput, lint_drafts batch",
         f"{batch_rate:,.0f} drafts/s" if batch_rate else "no lint_drafts", "", ""),
        ("CLI cold start, median of 5", f"{cold['cli_s']:.3f} s", "", ""),
        ('python -c "import spacy", median of 5', f"{cold['import_spacy_s']:.3f} s", "", ""),
        ("CLI / import spacy", f"{cold['ratio']:.2f}x", f"<= {BUDGET_COLD_RATIO}x", status("cold_ratio")),
        ("peak RSS, child linting all drafts", f"{peak_mb:.0f} MB", f"<= {BUDGET_PEAK_MB:.0f} MB",
         status("peak_rss_mb")),
    ]
    headers = ("figure", "measured", "budget", "status")
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(4)]
    line = " | ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*headers))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(line.format(*row))
    print()
    met = sum(b["met"] for b in figures["budgets"].values())
    figures["bench_wall_s"] = time.perf_counter() - started
    print(f"budgets met: {met} of {len(budgets)}; the bench took {figures['bench_wall_s']:.0f} s")

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
