"""Lint one follow-up draft from Python and print what draftlint found.

The draft misspells the company once and asks the interviewer to call back; the
context tells draftlint who the interviewer is and which company it is.

Run from a checkout or anywhere draftlint is installed:

    python examples/api_usage.py
"""

from draftlint import Context, lint_draft

DRAFT = """\
Dear Ms. O'Neil,

Thank you for meeting with me on Monday about the analytics engineer role at
Brightwave Analytics. I enjoyed hearing how your team is rebuilding the churn
dashboards.

I have led a similar clean-up of metric definitions before, and I would be glad to
bring that experience to Brightwave Analitics.

I am still very interested in the role. Please call me back at your earliest
convenience.

Best regards,
Leo Martens
"""


def main() -> None:
    context = Context(
        interviewers=["Katherine O'Neil"],
        company="Brightwave Analytics",
        stage="thank-you",
    )
    report = lint_draft(DRAFT, context=context)

    for finding in report.findings:
        print(f"{finding.rule_id} (line {finding.line}, column {finding.column})")
        print(f"  excerpt:    {finding.excerpt!r}")
        print(f"  message:    {finding.message}")
        if finding.suggestion:
            print(f"  suggestion: {finding.suggestion}")

    print("ok:", report.ok)
    print("stats:", report.stats)


if __name__ == "__main__":
    main()
