"""Measure the "shape" checks: length, structure and timing (issue 5).

    python bench/accuracy_shape.py [--corpus CORPUS.jsonl]  (or DRAFTLINT_CORPUS) [--latency]

Prints, in one run:

* ``length``: precision and recall against the corpus ``excess_length`` labels, with
  truncated items left out (the issue's bar) and with them in (what ``score.py`` does);
* false alarms on good notes, per category (``length``, ``structure``, ``timing``):
  corpus good notes (every label false, kind sample or template) linted the way
  ``score.py`` lints them (no stage), then again with the stage declared as
  ``thank-you`` (whole notes only: fragments left out), and our own good notes below;
* recall of the structure rules on our own notes with one element removed, and of the
  timing rules on our own scenarios with one date moved;
* with ``--latency``: warm ``lint_draft`` p50/p95 on the benchmark's 150-word drafts
  with and without the rules of this issue (they are switched off by configuration;
  the statistics in ``compute_stats`` run in both).

The notes and scenarios here are written for draftlint; the case files
``tests/cases/structure.yaml`` and ``tests/cases/timing.yaml`` use a selection of them.
The script measures; it exits 0 whatever the figures.
"""

from __future__ import annotations

import os

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from draftlint import Context, lint_draft
from draftlint.config import Config

DEFAULT_CORPUS = Path(os.environ.get("DRAFTLINT_CORPUS", "corpus.jsonl"))
SHAPE = ("length", "structure", "timing")
ISSUE_RULES = ["DL150", "DL151", "DL152", "DL153", "DL154", "DL155", "DL5", "DL6", "DL7"]

# --------------------------------------------------------------------------------------
# Our own notes, element by element. A thank-you note has: an opening that thanks them
# (A17), why the writer fits (A18), continued interest, a stated follow-up time and
# thanks again (A19). Removing one element should make exactly its rule fire.
# --------------------------------------------------------------------------------------

THANK_YOU_RULE = {
    "open": "DL601",
    "fit": "DL602",
    "interest": "DL603",
    "follow": "DL604",
    "thanks": "DL605",
}
CHECK_IN_RULE = {"pleasantry": "DL611", "recall": "DL612", "value": "DL613"}

THANK_YOUS: list[dict[str, str]] = [
    {
        "greet": "Hi Noor,",
        "open": "Thank you for taking the time to meet with me on Monday about the operations coordinator role. "
        "I enjoyed hearing how your team plans the spring intake.",
        "fit": "My four years scheduling crews at Halvard Events have prepared me well for the rota work you "
        "described. I rebuilt our booking sheet so that double bookings dropped to almost none.",
        "interest": "I'm excited about the chance to join Westbrook.",
        "follow": "I will follow up next Friday if I haven't heard from you before then.",
        "thanks": "Thank you again for your time.",
        "sign": "Best regards,\nCallum Reyes",
    },
    {
        "greet": "Dear Ms. Okafor,",
        "open": "Thank you for meeting with me yesterday to discuss the credit analyst position. "
        "Your account of how the risk team reviews new lenders was especially useful.",
        "fit": "At Harbor Trust I reviewed around forty small-business applications a month, and I built the "
        "cash-flow template my team still uses. That background matches the portfolio work you outlined.",
        "interest": "I remain very interested in the role and in joining your team.",
        "follow": "If I have not heard by the end of next week, I will check in then.",
        "thanks": "Thanks again for a generous and candid conversation.",
        "sign": "Kind regards,\nLiam Chen",
    },
    {
        "greet": "Hello Marcus,",
        "open": "Thanks so much for the video call this morning about the site reliability opening. "
        "I appreciated the time you spent walking me through last year's outage review.",
        "fit": "In my current role I run the on-call rota for twelve engineers, and I led the work that cut our "
        "paging noise by half. The alert clean-up you mentioned is exactly the kind of project I enjoy.",
        "interest": "I would love to be part of the platform group.",
        "follow": "I'll be in touch on Thursday in case any other questions come up.",
        "thanks": "Thank you once more for your time and openness.",
        "sign": "Cheers,\nAna Silva",
    },
    {
        "greet": "Dear Dr. Whitaker,",
        "open": "Thank you for interviewing me on Tuesday for the clinical research coordinator post. "
        "Meeting the study nurses made the role feel very real.",
        "fit": "At St. Aldric's I coordinated two diabetes trials and raised our monthly enrolment from two "
        "patients to eight. I am confident that experience would help your team with the recruitment slowdown.",
        "interest": "I am keen to join your unit.",
        "follow": "I will contact you in two weeks if the panel needs more time.",
        "thanks": "I am grateful for the time you and the panel gave me.",
        "sign": "Sincerely,\nAmaka Eze",
    },
    {
        "greet": "Hi Priya,",
        "open": "Thank you for the conversation on Wednesday about the product designer role. "
        "Seeing the early sketches for the checkout flow was a highlight of my week.",
        "fit": "For the last three years I have designed payment screens for a mid-sized retailer, and I "
        "reduced abandoned baskets by 18 percent with a simpler address form. I would bring the same "
        "habit of testing small changes with real customers.",
        "interest": "The more I think about the role, the more enthusiastic I am.",
        "follow": "I'll follow up by email next Wednesday, as you suggested.",
        "thanks": "Many thanks again for your time.",
        "sign": "Warm regards,\nJordan Blake",
    },
    {
        "greet": "Dear Mr. Papadakis,",
        "open": "Thank you for your time this afternoon and for showing me around the Piraeus depot. "
        "I came away with a clear picture of the evening shift.",
        "fit": "I have managed a team of nine warehouse operatives for two years, and I introduced the handheld "
        "scanners that cut our picking errors by a third. Those skills fit the changes you are planning.",
        "interest": "I would welcome the opportunity to work with you.",
        "follow": "I will call you next Monday to see whether you need anything further.",
        "thanks": "Thank you again for a very useful visit.",
        "sign": "Yours sincerely,\nEleni Markou",
    },
    {
        "greet": "Hi Sam,",
        "open": "Thank you for chatting with me on Friday about the junior accountant opening. "
        "Your description of month-end at a fast-growing company was refreshingly honest.",
        "fit": "During my placement at Fenwick & Co. I prepared the monthly bank reconciliations for six "
        "clients and automated the VAT summary in Excel. I think that experience would let me help with "
        "the close from early on.",
        "interest": "I am genuinely eager to join the finance team.",
        "follow": "I plan to check in at the start of next week.",
        "thanks": "Thanks again for your time and advice.",
        "sign": "Best,\nTomasz Nowak",
    },
    {
        "greet": "Dear Ms. Lindqvist,",
        "open": "I appreciated the time you took on Thursday to interview me for the teaching assistant post. "
        "The visit to the reading corner was lovely.",
        "fit": "I have supported small reading groups at Hollins Primary for two years and trained three new "
        "volunteers in phonics games. My background with early readers matches the support your classes need.",
        "interest": "I look forward to the possibility of working at your school.",
        "follow": "I will get in touch after the half-term break if I have not heard from you.",
        "thanks": "Thank you again for welcoming me.",
        "sign": "Kind regards,\nHannah Moore",
    },
    {
        "greet": "Hello Dana,",
        "open": "Thank you for meeting me at the studio on Monday to talk about the copywriter role. "
        "Hearing how the team plans each catalogue was fascinating.",
        "fit": "I have written product copy for outdoor brands for five years and cut our editing rounds from "
        "three to one by building a shared style sheet. That skill set lines up with the catalogue work "
        "you described.",
        "interest": "I would be thrilled to join the studio.",
        "follow": "I'll drop you a note on Friday in case you need more samples.",
        "thanks": "Thank you again for the tour and the coffee.",
        "sign": "All the best,\nRui Costa",
    },
    {
        "greet": "Dear Mr. Haddad,",
        "open": "Thank you for taking the time to speak with me on the phone yesterday about the sales "
        "coordinator vacancy. I enjoyed hearing how your distributors place their orders.",
        "fit": "At Orchard Wholesale I handled order intake for sixty retail accounts and set up the weekly "
        "report that flagged late payers. I am confident I could contribute to your order desk quickly.",
        "interest": "The role appeals to me a great deal.",
        "follow": "I will follow up in a few days to see whether the hiring team needs anything else.",
        "thanks": "Thank you again for your consideration.",
        "sign": "Regards,\nFarah Mirza",
    },
]

CHECK_INS: list[dict[str, str]] = [
    {
        "greet": "Hi Farah,",
        "pleasantry": "I hope the product launch went smoothly last week.",
        "recall": "When we spoke on May 3, you mentioned the team hoped to decide by the end of the month, "
        "so I wanted to check in.",
        "value": "Since then I finished the Tableau certification and attached a short dashboard I built with it.",
        "close": "I remain very keen on the analyst role and will follow up again in two weeks.",
        "sign": "Best regards,\nIvo Petrov",
    },
    {
        "greet": "Dear Mr. Obi,",
        "pleasantry": "I hope you had a restful weekend.",
        "recall": "At the end of my interview on the 12th you expected the panel to meet again early this month.",
        "value": "I wanted to share a one-page plan I put together for the volunteer rota we discussed, in case "
        "it is useful to the panel.",
        "close": "I am still very interested in the coordinator post and will check in again after the panel meets.",
        "sign": "Kind regards,\nGrace Mwangi",
    },
    {
        "greet": "Hello Tomasz,",
        "pleasantry": "I trust the quarter-end rush has eased a little.",
        "recall": "During our conversation on March 4 you said a decision on the QA lead role would come in about "
        "three weeks.",
        "value": "I have recently automated the regression suite at my current job, cutting its run time from "
        "four hours to forty minutes.",
        "close": "I remain excited about the role and will be in touch in a couple of weeks.",
        "sign": "Best,\nLena Vogel",
    },
    {
        "greet": "Dear Ms. Ferreira,",
        "pleasantry": "Congratulations on the new Porto office opening, which I read about on Monday.",
        "recall": "You mentioned when we met that interviews would wrap up by the middle of April.",
        "value": "I also came across an article on hospital rostering that I thought you might enjoy; the link is "
        "below.",
        "close": "I am still keen on the scheduling role and will follow up at the end of the month.",
        "sign": "With best wishes,\nBeatriz Lopes",
    },
    {
        "greet": "Hi Jamal,",
        "pleasantry": "I hope your week is off to a good start.",
        "recall": "Since my interview on the 2nd, you said the team expected to decide within a fortnight, "
        "so I thought I would check in.",
        "value": "I have since published the case study on warehouse slotting that I described, and the results "
        "held up well in a second store.",
        "close": "I am very interested in joining the team and will write again next week.",
        "sign": "Regards,\nSofia Rahman",
    },
    {
        "greet": "Dear Dr. Novak,",
        "pleasantry": "I hope the conference in Vienna went well.",
        "recall": "When we last spoke, you explained that the grant decision would shape the timeline for the "
        "postdoc position.",
        "value": "In the meantime my paper on soil microbes was accepted, and I have attached the final version.",
        "close": "I remain enthusiastic about joining your lab and will check back in three weeks.",
        "sign": "Best wishes,\nMateus Barros",
    },
]


def thank_you(note: dict[str, str], drop: str | None = None) -> str:
    """A thank-you note from its elements, with ``drop`` left out."""
    keep = {k: v for k, v in note.items() if k != drop}
    closing = " ".join(keep[k] for k in ("interest", "follow", "thanks") if k in keep)
    paragraphs = [keep.get("open"), keep.get("fit"), closing]
    body = "\n\n".join(p for p in paragraphs if p)
    return f"{note['greet']}\n\n{body}\n\n{note['sign']}\n"


def check_in(note: dict[str, str], drop: str | None = None) -> str:
    """A check-in from its elements, with ``drop`` left out."""
    first = " ".join(note[k] for k in ("pleasantry", "recall") if k != drop)
    second = " ".join(note[k] for k in ("value", "close") if k != drop)
    return f"{note['greet']}\n\n{first}\n\n{second}\n\n{note['sign']}\n"


# --------------------------------------------------------------------------------------
# Timing scenarios: (name, stage, dates that are on time, the date to move, moved value,
# the rule the move should trigger). Dates are ISO strings as a caller or front matter
# gives them.
# --------------------------------------------------------------------------------------

TIMING_TEXT = {
    "thank-you": "Hi Ana,\n\nThank you for meeting with me about the analyst role. I enjoyed hearing about the churn "
    "model, and I will follow up next week.\n\nBest,\nSam\n",
    "follow-up": "Hi Ana,\n\nI hope your week is going well. You mentioned a decision by the 13th, so I wanted to "
    "check in; I have since finished the SQL course we talked about.\n\nBest,\nSam\n",
    "application": "Hi Ana,\n\nI applied for the data analyst opening recently and wanted to confirm my application "
    "arrived. I have just finished a forecasting project that matches the posting.\n\nBest regards,\nSam\n",
}

TIMING_SCENARIOS: list[tuple[str, str, dict[str, str], str, str, str]] = [
    ("ty-next-day", "thank-you", {"interview_date": "2026-03-02", "send_date": "2026-03-03"},
     "send_date", "2026-03-06", "DL701"),
    ("ty-same-day", "thank-you", {"interview_date": "2026-03-02", "send_date": "2026-03-02"},
     "send_date", "2026-03-09", "DL701"),
    ("ty-two-days", "thank-you", {"interview_date": "2026-03-02", "send_date": "2026-03-04"},
     "interview_date", "2026-02-27", "DL701"),
    ("ty-hours", "thank-you", {"interview_date": "2026-03-02T15:00:00+01:00", "send_date": "2026-03-04T13:00:00+01:00"},
     "send_date", "2026-03-04T16:30:00+01:00", "DL701"),
    ("ty-zones", "thank-you", {"interview_date": "2026-03-02T09:00:00-05:00", "send_date": "2026-03-04T13:30:00+00:00"},
     "send_date", "2026-03-05T09:00:00+00:00", "DL701"),
    ("ty-naive-and-aware", "thank-you", {"interview_date": "2026-03-02T10:00:00", "send_date": "2026-03-03T18:00:00+00:00"},
     "send_date", "2026-03-05T18:00:00+00:00", "DL701"),
    ("ty-date-and-datetime", "thank-you", {"interview_date": "2026-03-02", "send_date": "2026-03-04T23:30:00+00:00"},
     "send_date", "2026-03-05T08:00:00+00:00", "DL701"),
    ("ci-after-slack", "follow-up", {"decision_date": "2026-03-13", "send_date": "2026-03-17"},
     "send_date", "2026-03-16", "DL702"),
    ("ci-week-after", "follow-up", {"decision_date": "2026-03-13", "send_date": "2026-03-20"},
     "send_date", "2026-03-11", "DL702"),
    ("ci-weekend-slack", "follow-up", {"decision_date": "2026-03-19", "send_date": "2026-03-23"},
     "decision_date", "2026-03-25", "DL702"),
    ("ci-datetime-decision", "follow-up", {"decision_date": "2026-03-13T17:00:00+00:00", "send_date": "2026-03-18"},
     "send_date", "2026-03-13", "DL702"),
    ("repeat-after-a-week", "follow-up", {"last_follow_up_date": "2026-03-10", "send_date": "2026-03-17"},
     "send_date", "2026-03-12", "DL703"),
    ("repeat-after-ten-days", "follow-up", {"last_follow_up_date": "2026-03-10", "send_date": "2026-03-20"},
     "last_follow_up_date", "2026-03-16", "DL703"),
    ("repeat-datetimes", "follow-up", {"last_follow_up_date": "2026-03-10T09:00:00+00:00", "send_date": "2026-03-17T10:00:00+00:00"},
     "send_date", "2026-03-17T08:00:00+00:00", "DL703"),
    ("application-ten-days", "application", {"interview_date": "2026-03-02", "send_date": "2026-03-12"},
     "send_date", "2026-03-04", "DL704"),
    ("application-one-week", "application", {"interview_date": "2026-03-02", "send_date": "2026-03-09"},
     "send_date", "2026-03-06", "DL704"),
    ("application-two-weeks", "application", {"interview_date": "2026-03-02", "send_date": "2026-03-16"},
     "send_date", "2026-03-24", "DL705"),
    ("application-late-move", "application", {"interview_date": "2026-03-02", "send_date": "2026-03-11"},
     "interview_date", "2026-02-10", "DL705"),
]


def timing_context(stage: str, dates: dict[str, str]) -> Context:
    return Context(stage=stage, **dates)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------


def _findings(text: str, context: Context | None = None) -> list:
    return [f for f in lint_draft(text, context=context).findings if f.category in SHAPE]


def corpus(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _context(item: dict, **extra: object) -> Context:
    ctx = item.get("context") or {}
    names = [n for n in ctx.get("interviewer_names") or [] if n]
    return Context(interviewers=names, company=ctx.get("company") or None, **extra)  # type: ignore[arg-type]


def length_scores(items: list[dict]) -> None:
    for label, subset in (("truncated excluded", [i for i in items if not i.get("truncated")]), ("all items", items)):
        tp = fp = fn = 0
        for item in subset:
            got = any(
                f.category == "length" and "short" not in f.rule_name
                for f in lint_draft(item["text"], context=_context(item)).findings
            )
            want = bool(item["labels"]["excess_length"])
            tp += got and want
            fp += got and not want
            fn += want and not got
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"  length vs excess_length ({label}, n={len(subset)}): tp {tp} fp {fp} fn {fn}"
              f"  precision {precision:.2f} recall {recall:.2f}")


def false_alarms(notes: list[tuple[str, str, Context | None]], title: str) -> None:
    by_category: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    flagged: dict[str, list[str]] = defaultdict(list)
    for name, text, context in notes:
        found = _findings(text, context)
        for category in {f.category for f in found}:
            by_category[category] += 1
            flagged[category].append(name)
        for rule in {f.rule_id for f in found}:
            by_rule[rule] += 1
    n = len(notes)
    rates = "  ".join(f"{c} {by_category[c]}/{n} = {by_category[c] / n:.1%}" for c in SHAPE)
    print(f"  {title} (n={n}): {rates}")
    if by_rule:
        print("      by rule: " + ", ".join(f"{r} {k}" for r, k in sorted(by_rule.items())))
    for category in SHAPE:
        if flagged[category]:
            print(f"      {category}: {', '.join(flagged[category][:12])}")


def recall(cases: list[tuple[str, str, Context | None, str]], title: str) -> None:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    extra = 0
    missed = []
    for name, text, context, rule in cases:
        found = {f.rule_id for f in _findings(text, context)}
        totals[rule] += 1
        if rule in found:
            hits[rule] += 1
        else:
            missed.append(name)
        extra += bool(found - {rule})
    n, k = sum(totals.values()), sum(hits.values())
    print(f"  {title}: {k}/{n} = {k / n:.1%} (cases with another shape finding too: {extra})")
    print("      by rule: " + ", ".join(f"{r} {hits[r]}/{totals[r]}" for r in sorted(totals)))
    if missed:
        print(f"      missed: {', '.join(missed)}")


def latency(n: int = 800) -> None:
    sys.path.insert(0, str(HERE))
    import bench  # the benchmark's draft generator

    items = bench.make_drafts(n + 100, 20260302)
    drafts = [(t, bench.to_context(Context, c)) for t, c in items]
    without = Config(ignore=ISSUE_RULES)
    for text, context in drafts[:100]:
        lint_draft(text, context=context)
        lint_draft(text, context=context, config=without)
    times: dict[str, list[float]] = {"without": [], "with": []}
    for i, (text, context) in enumerate(drafts[100:]):
        order = [("with", None), ("without", without)]
        if i % 2:
            order.reverse()
        for key, config in order:
            start = time.perf_counter()
            lint_draft(text, context=context, config=config)
            times[key].append(time.perf_counter() - start)
    for key, values in times.items():
        values.sort()
        p50 = values[len(values) // 2] * 1e3
        p95 = values[int(len(values) * 0.95)] * 1e3
        print(f"  lint_draft {key:7} issue-5 rules: p50 {p50:.3f} ms  p95 {p95:.3f} ms  (n={len(values)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--latency", action="store_true", help="also time lint_draft with and without the rules")
    args = parser.parse_args(argv)

    items = corpus(args.corpus) if args.corpus.exists() else []
    good = [i for i in items if not any(i["labels"].values()) and i.get("kind") in ("sample", "template")]
    if items:
        print(f"corpus: {args.corpus} ({len(items)} items, {len(good)} good notes)")
        print("length")
        length_scores(items)
    print("false alarms on good notes (share of notes with at least one finding in the category)")
    if good:
        false_alarms([(i["id"], i["text"], _context(i)) for i in good], "corpus good notes, as scored (no stage)")
        whole = [i for i in good if not i.get("fragment")]
        false_alarms([(i["id"], i["text"], _context(i, stage="thank-you")) for i in whole],
                     "corpus good notes, stage thank-you declared (fragments left out)")
        false_alarms([(i["id"], i["text"], _context(i, stage="thank-you")) for i in whole if not i.get("truncated")],
                     "  … of which not truncated")
    own = [(f"ty{i}", thank_you(n), None) for i, n in enumerate(THANK_YOUS)]
    own += [(f"ty{i}+stage", thank_you(n), Context(stage="thank-you")) for i, n in enumerate(THANK_YOUS)]
    own += [(f"ci{i}", check_in(n), Context(stage="follow-up")) for i, n in enumerate(CHECK_INS)]
    own += [(f"ci{i}-nostage", check_in(n), None) for i, n in enumerate(CHECK_INS)]
    own += [(name, TIMING_TEXT[stage], timing_context(stage, dates)) for name, stage, dates, *_ in TIMING_SCENARIOS]
    false_alarms(own, "our good notes and on-time scenarios")
    print("recall on our cases")
    removed = [
        (f"ty{i}-no-{element}", thank_you(n, element), Context(stage="thank-you"), rule)
        for i, n in enumerate(THANK_YOUS)
        for element, rule in THANK_YOU_RULE.items()
    ]
    removed += [
        (f"ci{i}-no-{element}", check_in(n, element), Context(stage="follow-up"), rule)
        for i, n in enumerate(CHECK_INS)
        for element, rule in CHECK_IN_RULE.items()
    ]
    recall(removed, "structure, one element removed (stage declared)")
    inferred = [
        (f"ty{i}-no-{element}-nostage", thank_you(n, element), None, rule)
        for i, n in enumerate(THANK_YOUS)
        for element, rule in THANK_YOU_RULE.items()
        if element in ("fit", "interest")
    ]
    recall(inferred, "structure, fit or interest removed, no stage (inferred thank-you)")
    moved = [
        (name, TIMING_TEXT[stage], timing_context(stage, {**dates, field: value}), rule)
        for name, stage, dates, field, value, rule in TIMING_SCENARIOS
    ]
    recall(moved, "timing, one date moved")
    if args.latency:
        print("latency (150-word benchmark drafts with context)")
        latency()
    return 0


if __name__ == "__main__":
    sys.exit(main())
