"""The start-up cache gives the same results as building from scratch, and survives
missing, corrupt and unwritable cache folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftlint import _cache
from draftlint.checks import tone

WORDS = ["hyphenation", "readability", "interview", "opportunity", "thank", "appreciated", "a"]


def _fresh_syllables(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import pyphen

    from draftlint import stats

    monkeypatch.setattr(pyphen, "hdcache", {})
    stats._hyphenator.cache_clear()
    stats.syllables.cache_clear()
    try:
        return [stats.syllables(w) for w in WORDS]
    finally:
        stats._hyphenator.cache_clear()
        stats.syllables.cache_clear()


def test_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path))
    _cache.store("demo", "k1", {"a": [1, 2]})
    assert _cache.load("demo", "k1") == {"a": [1, 2]}
    assert _cache.load("demo", "k2") is None
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    assert _cache.load("demo", "k1") is None


def test_corrupt_and_unwritable_caches_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path))
    _cache.store("demo", "k", [1])
    (path,) = tmp_path.glob("demo-*.json")
    path.write_text("{not json", encoding="utf-8")
    assert _cache.load("demo", "k") is None
    path.write_text(json.dumps({"key": "other", "value": [1]}), encoding="utf-8")
    assert _cache.load("demo", "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(blocked / "below"))
    _cache.store("demo", "k", [1])  # no error
    assert _cache.load("demo", "k") is None


def test_syllables_match_with_and_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    reference = _fresh_syllables(monkeypatch)
    monkeypatch.delenv("DRAFTLINT_NO_CACHE")
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path))
    assert _fresh_syllables(monkeypatch) == reference  # builds and stores
    assert list(tmp_path.glob("hyphenation-*.json"))
    assert _fresh_syllables(monkeypatch) == reference  # read back from the cache
    for path in tmp_path.glob("hyphenation-*.json"):
        path.write_text('{"key": 1}', encoding="utf-8")
    assert _fresh_syllables(monkeypatch) == reference  # a corrupt file is rebuilt


def test_negative_words_match_with_and_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    tone._negative_words.cache_clear()
    reference = tone._negative_words(-1.5)
    monkeypatch.delenv("DRAFTLINT_NO_CACHE")
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # built and stored, then read back
        tone._negative_words.cache_clear()
        assert tone._negative_words(-1.5) == reference
    tone._negative_words.cache_clear()


def _matcher_hits(text: str) -> list[tuple[str, int, int]]:
    from draftlint.engine import get_linter
    from draftlint.nlp import RuleMatcher

    linter = get_linter()
    matcher = RuleMatcher(linter.nlp, linter.rules.values())
    matches, exceptions = matcher(linter.nlp(text))
    return sorted((m.rule_id, m.start, m.end) for m in [*matches, *exceptions])


PHRASE_DRAFT = (
    "Hi Sam, I still haven't heard back and I'm wondering what's going on. "
    "Please call me back by Friday; I need an answer. Thanks!"
)


def test_phrase_index_matches_with_and_without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTLINT_NO_CACHE", "1")
    reference = _matcher_hits(PHRASE_DRAFT)
    assert reference, "the sample should match some phrase rules"
    monkeypatch.delenv("DRAFTLINT_NO_CACHE")
    monkeypatch.setenv("DRAFTLINT_CACHE_DIR", str(tmp_path))
    assert _matcher_hits(PHRASE_DRAFT) == reference  # builds and stores
    (path,) = tmp_path.glob("phrase-norms-*.json")
    assert _matcher_hits(PHRASE_DRAFT) == reference  # loads
    data = json.loads(path.read_text(encoding="utf-8"))
    data["value"].popitem()  # a cache that lacks a phrase is rebuilt, not trusted
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _matcher_hits(PHRASE_DRAFT) == reference
