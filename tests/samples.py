"""Drafts shared by the CLI, API and formatter tests (written for these tests)."""

IMPATIENT = "I still haven't heard back"
#: A note that follows the advice: thanks first, fit, interest, a next step, thanks.
CLEAN = """\
Hi Pat,

Thank you for meeting with me on Tuesday about the support analyst role.
I enjoyed hearing how your team is moving the help centre onto the new
billing platform, and my payroll audit work at Fernway fits the clean-up
you described.

I am very interested in the role and will check in next Friday.
Thanks again for your time.

Best regards,
Leo
"""
#: Another clean note, worded differently (one run flags near-duplicate drafts).
OTHER = """\
Dear Dr. Okafor,

Thank you for the time you spent with me on Thursday discussing the lab manager post.
Your plan to consolidate the sample freezers stayed with me, and I ran a similar
inventory move at Kestrel Labs last spring.

I remain keen on the position and will be in touch after your team meets on the 20th.
Many thanks again.

Kind regards,
Noor
"""
BAD = CLEAN.replace("I am very interested", f"{IMPATIENT} about next steps.\nI am very interested")
BAD_LINE = 8
