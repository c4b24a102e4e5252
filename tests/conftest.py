"""Shared fixtures and hypothesis profiles.

Profiles: ``dev`` (default, hypothesis defaults), ``ci`` (derandomised, no deadline
because the first spaCy call is slow, 200 examples) and ``fuzz`` (many more examples,
for a separate run). The ``fuzz`` marker is excluded from the default run; run it as its
own job with ``pytest -m fuzz`` (``DRAFTLINT_FUZZ_EXAMPLES`` sets the example budget).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", deadline=None)
settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", deadline=None, max_examples=5000, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
