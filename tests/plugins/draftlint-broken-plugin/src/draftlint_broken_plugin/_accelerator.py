"""Stands in for a compiled extension that was never built."""

raise ImportError("the draftlint_broken_plugin accelerator extension is not built")
