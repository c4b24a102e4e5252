"""Measure the misspelled-name checks on generated misspellings and hard negatives.

Usage: python bench/accuracy_names.py [--seed N] [--json OUT] [--no-sound]

Three sets, all written for draftlint (no corpus text):

1. **Single edits.** Every deletion, substitution, insertion and neighbour swap of the
   names of 30 interviewers and 12 companies (four letters and up, ASCII letters, the
   first letter kept upper case), each placed where the name stands in a real note:
   the greeting (first names), after a title (surnames), mid-sentence with a
   possessive (surnames of six letters and up), and mid-sentence for companies. Recall
   is printed per length band and position; the originals in every position must draw
   nothing.
2. **Sound-alikes.** Two-edit misspellings that sound like the name ("Stephens" for
   Stevens, "Jimmie" for Jimmy): what the Metaphone signal adds (compare a run with
   ``--no-sound``).
3. **Hard negatives.** Notes that name other people and firms near the interviewer's
   name, and ordinary words that are also names, which must draw nothing.
4. **Realistic notes.** ``bench.py``'s generated notes, each linted with its own
   interviewer and company: every name or wrong-name finding is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PEOPLE = [
    "Katherine Moreau", "Priya Raman", "Tomasz Kowalczyk", "Amara Okafor", "Liam O'Neil", "Hannah McAllister",
    "Zoë Lindqvist", "José Ortega", "Grace Whitfield", "Oluwaseun Adeyemi", "Mei Tanaka", "Rafael Dominguez",
    "Ingrid Solberg", "Darnell Price", "Siobhan Gallagher", "Noor Haddad", "Callum Reyes", "Beatriz Santos",
    "Yusuf Demir", "Elena Petrova", "Marcus Webb", "Fatima Zahra", "Anders Nilsson", "Chloe Dubois",
    "Kwame Mensah", "Sean Byrne", "Ruth Abebe", "Dmitri Volkov", "Lucia Ferrante", "Henrik Berg",
]
COMPANIES = [
    "Brightwave", "Halvorsen Logistics", "Northwind Traders", "Quillfeather", "Meridian Analytics", "Tessellate",
    "Copperleaf Bank", "Ravenscroft Health", "Lumina Robotics", "Stonebridge Capital", "Fernhill Press", "Okapi Labs",
]
SOUND_ALIKES = [
    ("Alex Stevens", "Stephens", "Dear Mr. {w},"), ("Jimmy Osei", "Jimmie", "Hi {w},"),
    ("Katherine Moreau", "Catherine", "Dear {w},"), ("Kristopher Lund", "Christopher", "Dear {w},"),
    ("Philip Ambrose", "Phillipe", "Dear {w},"), ("Jeffrey Tan", "Jeffery", "Hi {w},"),
    ("Sean Byrne", "Burne", "Dear Mr. {w},"), ("Caitlin Moore", "Katelyn", "Dear {w},"),
    ("Zachary Holt", "Zackary", "Hi {w},"), ("Ashleigh Grant", "Ashley", "Dear {w},"),
    ("Stephen Kerr", "Steven", "Dear {w},"), ("Aidan Roche", "Aiden", "Hi {w},"),
]
NOTE = (
    "{greeting}\n\nThank you for meeting with me on Tuesday about the analyst role. {middle}"
    "I would be glad to bring my reporting work to {company}.\n\nBest regards,\nDana Osei\n"
)
HARD_NEGATIVES = [
    # (interviewer, company, note body)
    ("Alex Stevens", "Brightwave", "Dear Alex,\n\nSteven Park from your data team gave a great demo."),
    ("Mark Bell", "Brightwave", "Hi Mark,\n\nI hope to make my mark on the team, and I will grant that the role is big."),
    ("Will Osei", "Brightwave", "Hi Will,\n\nI will send the samples, and I hope we may talk again."),
    ("Rose Tanaka", "Brightwave", "Dear Rose,\n\nSales rose sharply, and the bill came in under budget."),
    ("Grant Hughes", "Greystone Retail", "Dear Grant,\n\nAt Keystone Insurance I ran the claims reports."),
    ("John Park", "Brightwave", "Dear John,\n\nJoan from finance walked me through the budget."),
    ("Sarah Kim", "Brightwave", "Dear Sarah,\n\nSara Lopez, who interviewed me last year, sends her regards."),
    ("Dana Moss", "Brightwave", "Dear Dana,\n\nData quality was the theme of our talk."),
    ("Maria Silva", "Brightwave", "Dear Maria,\n\nMario in support showed me the ticket queue."),
    ("Noor Haddad", "Northwind Traders", "Dear Noor,\n\nThe Northwood office and Northwind's tools impressed me."),
    ("Ingrid Solberg", "Brightwave", "Dear Ingrid,\n\nBright waves of applicants must reach you every week."),
    ("Ruth Abebe", "Okapi Labs", "Dear Ruth,\n\nI read Truth and Beauty on the train; Okapi Labs has a fine library."),
]


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _key(word: str) -> str:
    return _plain(word).casefold().replace("'", "").replace("-", "")


def single_edits(word: str, rng: random.Random) -> list[tuple[str, str]]:
    """Every one-letter deletion, substitution and insertion, and every neighbour swap."""
    out = []
    for i in range(len(word)):
        out.append(("delete", word[:i] + word[i + 1 :]))
        c = rng.choice([x for x in string.ascii_lowercase if x != word[i].lower()])
        out.append(("substitute", word[:i] + (c.upper() if word[i].isupper() else c) + word[i + 1 :]))
        out.append(("insert", word[: i + 1] + rng.choice(string.ascii_lowercase) + word[i + 1 :]))
        if i + 1 < len(word) and word[i].lower() != word[i + 1].lower():
            out.append(("swap", word[:i] + word[i + 1] + word[i] + word[i + 2 :]))
    return [(kind, v[0].upper() + v[1:]) for kind, v in out if v and v[0].isalpha() and _key(v) != _key(word)]


def band(word: str) -> str:
    n = len(_key(word))
    return "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--json")
    parser.add_argument("--no-sound", action="store_true", help="switch the Metaphone signal off")
    parser.add_argument("--notes", type=int, default=3000, help="realistic notes for the false-alarm count")
    args = parser.parse_args(argv)

    from draftlint import Context, lint_draft
    from draftlint.checks import names

    if args.no_sound:
        names._sound = lambda key: key  # type: ignore[assignment]

    def flagged(text: str, context: Context) -> list[str]:
        return [f.excerpt for f in lint_draft(text, context=context).findings if f.category == "misspelled-name"]

    rng = random.Random(args.seed)
    hits: Counter[tuple[str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    originals = original_alarms = 0
    misses: list[str] = []
    for full in PEOPLE:
        first, last = full.split(" ", 1)
        context = Context(interviewers=[full], company="Brightwave")
        places = [("greeting", first, "Dear {w},", ""), ("after title", last, "Dear Ms. {w},", "")]
        if len(_key(last)) >= 6:
            places.append(("mid-sentence", last, f"Dear {first},", "I enjoyed {w}'s overview of the quarter. "))
        for where, word, greeting, middle in places:
            if len(_key(word)) < 4:
                continue  # the bar is for names of four letters and up
            for variant in [word, *[v for _, v in single_edits(_plain(word), rng)]]:
                text = NOTE.format(greeting=greeting.format(w=variant), middle=middle.format(w=variant), company="Brightwave")
                found = flagged(text, context)
                if variant == word:
                    originals += 1
                    original_alarms += bool(found)
                    continue
                key = (band(word), where)
                totals[key] += 1
                if found == [variant]:
                    hits[key] += 1
                else:
                    misses.append(f"{word} -> {variant} ({where}): {found}")
    for company in COMPANIES:
        context = Context(interviewers=["Priya Raman"], company=company)
        words = company.split()
        for variant in [words[0], *[v for _, v in single_edits(words[0], rng)]]:
            shown = " ".join([variant, *words[1:]])
            text = NOTE.format(greeting="Dear Priya,", middle="", company=shown)
            found = flagged(text, context)
            if variant == words[0]:
                originals += 1
                original_alarms += bool(found)
                continue
            key = (band(words[0]), "company")
            totals[key] += 1
            if found == [variant]:
                hits[key] += 1
            else:
                misses.append(f"{company} -> {shown}: {found}")

    sound_hits = 0
    for full, variant, greeting in SOUND_ALIKES:
        text = NOTE.format(greeting=greeting.format(w=variant), middle="", company="Brightwave")
        if flagged(text, Context(interviewers=[full], company="Brightwave")) == [variant]:
            sound_hits += 1
        else:
            misses.append(f"sound-alike {full} -> {variant}")
    negative_alarms = []
    for full, company, body in HARD_NEGATIVES:
        found = flagged(body + "\n\nBest regards,\nDana Osei\n", Context(interviewers=[full], company=company))
        if found:
            negative_alarms.append(f"{full}: {found}")

    # 4. Realistic notes from bench.py's generator, each with its interviewer and
    # company in the context: none misspells a name, so any finding is a false alarm.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench as generator

    realistic = generator.make_drafts(args.notes, args.seed)
    realistic_alarms = []
    for text, ctx in realistic:
        report = lint_draft(text, context=generator.to_context(Context, ctx))
        found = [f.excerpt for f in report.findings if f.category in ("misspelled-name", "wrong-name")]
        if found:
            realistic_alarms.append(f"{ctx}: {found}")

    print(f"{'band':6} {'position':13} {'cases':>6} {'caught':>7} {'recall':>7}")
    rows = []
    for key in sorted(totals):
        recall = hits[key] / totals[key]
        rows.append({"band": key[0], "position": key[1], "cases": totals[key], "caught": hits[key], "recall": recall})
        print(f"{key[0]:6} {key[1]:13} {totals[key]:6} {hits[key]:7} {recall:7.3f}")
    caught, cases = sum(hits.values()), sum(totals.values())
    print(f"single edits and swaps, 4+ letters: {caught}/{cases} = {caught / cases:.3f}")
    print(f"correct originals: {original_alarms} findings on {originals} notes")
    print(f"sound-alike two-edit misspellings: {sound_hits}/{len(SOUND_ALIKES)}"
          + (" (Metaphone off)" if args.no_sound else ""))
    print(f"hard negatives: {len(negative_alarms)} with findings of {len(HARD_NEGATIVES)}")
    print(f"realistic notes with their context: {len(realistic_alarms)} with name findings of {len(realistic)}")
    for line in [*misses[:20], *negative_alarms, *realistic_alarms[:10]]:
        print("  ", line)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "rows": rows, "recall": caught / cases, "original_alarms": original_alarms, "originals": originals,
            "sound_alikes": [sound_hits, len(SOUND_ALIKES)], "negative_alarms": negative_alarms,
            "realistic": [len(realistic_alarms), len(realistic)],
        }, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
