"""A draftlint plugin whose check module cannot be imported."""
