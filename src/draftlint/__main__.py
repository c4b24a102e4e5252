"""``python -m draftlint``: the same as the ``draftlint`` command."""

import sys

from .cli import main

sys.exit(main())
