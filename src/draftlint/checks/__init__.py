"""Python checks: rules that a token pattern cannot express.

Each function here is named by a rule file's ``impl:`` field and has the signature
``check(analysis, options) -> Iterable[Hit]`` (see :mod:`draftlint.checks.base`).
"""
