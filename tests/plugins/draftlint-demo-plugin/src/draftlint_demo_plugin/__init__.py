"""A demo draftlint plugin: the DX901 rule flags runs of exclamation marks."""
