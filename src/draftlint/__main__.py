"""``python -m draftlint`` and the ``draftlint`` command."""

from __future__ import annotations

import sys


def main() -> int:
    """Run the command line in this process, declared short-lived: the collector
    sleeps through start-up (see :func:`draftlint._cache.short_lived_process`)."""
    from . import _cache

    _cache.short_lived_process()
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
