"""Batches read and linted in forked worker processes (``jobs`` > 1).

The result never depends on ``jobs``; the workers apply the same size limit as this
process; and what linting builds lazily on first use is built once, in the parent,
before the workers fork, rather than once in every worker.
"""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from draftlint import Config, Context, lint_paths
from draftlint.checks import people

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked; elsewhere jobs has no effect"
)

FILES = 120  # enough for two workers (one per 50 files)
NOTE = "Hi Pat,\n\nThank you for Tuesday. I still haven't heard back about note {i}.\n\nBest regards,\nLeo\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    for i in range(FILES):
        (tmp_path / f"note{i:03}.txt").write_text(NOTE.format(i=i), encoding="utf-8")
    (tmp_path / "note050.txt").write_text(NOTE.format(i=50) * 40, encoding="utf-8")  # about 3,500 bytes
    return tmp_path


def _summary(batch: object) -> tuple[list[str], list[tuple[str, str]], list[list[str]]]:
    return (
        [f.origin for f in batch.failures],  # type: ignore[attr-defined]
        [(f.origin, f.message) for f in batch.failures],  # type: ignore[attr-defined]
        [[x.rule_id for x in r.findings] for r in batch.reports],  # type: ignore[attr-defined]
    )


def test_workers_refuse_files_over_the_configured_limit(library: Path) -> None:
    config = Config(max_bytes=2000)
    parallel = lint_paths([library], config=config, jobs=2)
    assert [f.origin for f in parallel.failures] == [str(library / "note050.txt")]
    assert "over the 2,000-byte limit" in parallel.failures[0].message
    assert len(parallel.reports) == FILES - 1
    assert _summary(parallel) == _summary(lint_paths([library], config=config, jobs=1))


def test_the_parent_builds_the_name_drop_gate_before_the_workers_fork(library: Path) -> None:
    # Compiled on first use: built in the parent before the fork, every worker inherits
    # the gate instead of compiling its own (the cue patterns behind it wait for a
    # document that names someone senior).
    context = Context(interviewers=["Pat Doe"], senior_people=["Dana Whitfield"])
    people._compile.cache_clear()
    batch = lint_paths([library], context=context, jobs=2)
    assert len(batch.reports) == FILES
    assert people._compile.cache_info().currsize >= 1


WORDS = ("release plan budget team launch design review pricing partners roadmap hiring data support "
         "mobile search billing security onboarding metrics travel warehouse clinic studio").split()


def _drafts() -> list[tuple[str, str]]:
    """Notes in memory, each on its own topics, and a copy of one with the name swapped."""
    rng = random.Random(7)
    notes = []
    for i in range(FILES):
        topics = " ".join(f"We talked about {rng.choice(WORDS)} and {rng.choice(WORDS)} for {rng.choice(WORDS)}."
                          for _ in range(6))
        notes.append((f"note {i}", f"Hi Pat,\n\nThank you for Tuesday. {topics}\n\nBest regards,\nLeo\n"))
    return notes + [("copy of note 7", notes[7][1].replace("Pat", "Kim"))]


def test_lint_drafts_gives_the_same_batch_with_workers() -> None:
    from draftlint import lint_drafts

    one = lint_drafts(_drafts(), jobs=1)
    two = lint_drafts(_drafts(), jobs=2)
    assert two.model_dump() == one.model_dump()
    assert [r.origin for r in two.reports] == [name for name, _ in _drafts()]
    copies = [(r.origin, f.rule_id) for r in two.reports for f in r.findings if f.category == "copy-paste"]
    assert ("copy of note 7", "DL430") in copies


def test_lint_drafts_with_workers_names_a_draft_it_cannot_read() -> None:
    from draftlint import InputError, lint_drafts

    drafts = _drafts()
    drafts[60] = ("huge", "x" * 2000)
    with pytest.raises(InputError, match="^huge: .*2,?000"):
        lint_drafts(drafts, config=Config(max_bytes=1000), jobs=2)


def test_lint_drafts_with_workers_takes_every_input_lint_draft_takes() -> None:
    """Byte buffers and parsed messages do not all survive the trip to a worker:
    they are turned into bytes or read first, and a message too deep to read is still
    the documented InputError."""
    import email.message

    from draftlint import InputError, lint_drafts

    drafts: list[tuple[str, object]] = list(_drafts())
    note = drafts[3][1]
    message = email.message.EmailMessage()
    message["To"] = "Pat Doe <pat@example.com>"
    message.set_content(str(note))
    drafts += [("buffer", memoryview(str(note).encode())), ("array", bytearray(str(note).encode())),
               ("message", message)]
    two = lint_drafts(drafts, jobs=2)  # type: ignore[arg-type]
    one = lint_drafts(drafts, jobs=1)  # type: ignore[arg-type]
    assert two.model_dump() == one.model_dump()
    deep = email.message.Message()
    inner = deep
    for _ in range(2000):
        child = email.message.Message()
        inner.set_payload([child])
        inner = child
    with pytest.raises(InputError, match="^deep: "):
        lint_drafts([*_drafts(), ("deep", deep)], jobs=2)  # type: ignore[list-item]


def _lint_in_a_daemon(count: int) -> int:
    from draftlint import lint_drafts

    return len(lint_drafts(_drafts()[:count], jobs=2).reports)


def test_lint_drafts_inside_a_pool_worker_stays_in_its_process() -> None:
    """A daemonic process (a task of another pool) may not start children: the batch
    is linted in that process instead of failing."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_lint_in_a_daemon, (FILES,)) == FILES


@pytest.mark.parametrize("count", [0, 1, 7, 50, 399, 1000, 10_007])
@pytest.mark.parametrize("jobs", [1, 2, 8])
def test_chunks_cover_every_file_once_and_shrink_towards_the_end(count: int, jobs: int) -> None:
    from draftlint.engine import _chunk_bounds

    bounds = _chunk_bounds(count, jobs)
    assert [i for start, end in bounds for i in range(start, end)] == list(range(count))
    sizes = [end - start for start, end in bounds]
    assert all(size <= 64 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the workers finish together
    if count >= 64 * 4 * jobs:  # a quarter of each worker's share is a full chunk
        assert sizes[0] == 64
    if count:
        assert sizes[-1] <= 8


def _inline_targets(count: int) -> list[tuple[object, str]]:
    from draftlint.engine import Inline

    return [(Inline(name, text), "auto") for name, text in _drafts()[:count]]


def test_workers_report_every_file_once_and_tick_progress_per_chunk() -> None:
    from draftlint.engine import get_linter

    ticks: list[int] = []
    linter = get_linter()
    drafts, reports, failed, words = linter.read_and_lint(_inline_targets(FILES), jobs=2, progress=ticks.append)
    assert sum(ticks) == FILES and len(ticks) > 2
    assert [d.origin for d in drafts] == [name for name, _ in _drafts()[:FILES]]
    assert len(reports) == len(words) == FILES and not failed
    assert not multiprocessing.active_children()


class _Unpicklable(Exception):
    def __reduce__(self) -> object:
        raise TypeError("not this one")


def _failing_at(monkeypatch: pytest.MonkeyPatch, step: str, fail: object) -> None:
    """Make the workers' ``step`` (reading or linting) call ``fail()`` on every chunk
    (the workers fork with the patched module). This process may lint chunks too, as
    usual, but never a worker's first: the worker takes it as soon as it has read."""
    import os

    from draftlint import engine

    plain = getattr(engine, step)
    parent = os.getpid()

    def failing(chunk: object, *args: object) -> object:
        if os.getpid() != parent:
            fail()  # type: ignore[operator]
        return plain(chunk, *args)

    monkeypatch.setattr(engine, step, failing)


@pytest.mark.parametrize("step", ["_read_chunk", "_lint_chunk"])
@pytest.mark.parametrize(
    ("failure", "expected"),
    [(ValueError("broken check"), ValueError), (_Unpicklable("odd"), RuntimeError)],
)
def test_an_error_in_a_worker_reaches_the_caller(
    monkeypatch: pytest.MonkeyPatch, step: str, failure: Exception, expected: type[Exception]
) -> None:
    from draftlint import lint_drafts

    def fail() -> None:
        raise failure

    _failing_at(monkeypatch, step, fail)
    with pytest.raises(expected, match="broken check|odd"):
        lint_drafts(_drafts(), jobs=2)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("step", ["_read_chunk", "_lint_chunk"])
def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    import os

    from draftlint import lint_drafts

    _failing_at(monkeypatch, step, lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="worker process ended"):
        lint_drafts(_drafts(), jobs=2)
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("lock", ["taken", "own"])
def test_a_worker_killed_holding_a_shared_lock_is_an_error_not_a_hang(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lock: str
) -> None:
    # One worker dies holding the lock (as a worker killed by the system at that moment
    # would); the other worker, or this process, would wait for it for ever.
    import os
    import signal

    from draftlint import engine, lint_drafts

    parent = os.getpid()
    take, next_own = engine._take, engine._next_own
    once = tmp_path / "died"

    def dying(shared: object, plain: object, now: bool) -> object:
        if os.getpid() != parent and now:
            try:
                os.close(os.open(once, os.O_CREAT | os.O_EXCL))  # the first worker here only
            except FileExistsError:
                return plain(shared)  # type: ignore[operator]
            shared.get_lock().acquire()  # type: ignore[attr-defined]
            os._exit(9)
        return plain(shared)  # type: ignore[operator]

    if lock == "taken":  # the counter of chunks taken to read, once two are
        monkeypatch.setattr(engine, "_take", lambda counter: dying(counter, take, counter.value >= 2))
    else:  # a worker's bounds of the chunks it has to lint, when it starts linting them
        monkeypatch.setattr(engine, "_next_own", lambda own: dying(own, next_own, True))

    def stuck(*_: object) -> None:
        raise TimeoutError("lint_drafts hung on a lock its dead worker held")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        with pytest.raises(RuntimeError, match="worker process ended"):
            lint_drafts(_drafts(), jobs=2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not multiprocessing.active_children()


def test_the_batch_in_one_go_is_read_and_lint_then_lint_batch(library: Path) -> None:
    """What lint_paths and lint_drafts run (copy-paste checked while the workers lint)
    gives what the command line runs (lint_batch after read_and_lint)."""
    from draftlint.engine import Inline, get_linter

    linter = get_linter(Config(max_bytes=2000))
    (library / "copy.txt").write_text(_drafts()[7][1].replace("Pat", "Kim"), encoding="utf-8")
    targets: list[tuple[object, str]] = [(str(path), "auto") for path in sorted(library.iterdir())]
    # Every note twice: each chunk holds copies, whichever is read last.
    targets += [(Inline(f"{name} {n}", text), "auto") for name, text in _drafts() for n in (1, 2)]
    drafts, reports, failed, words = linter.read_and_lint(targets, jobs=1)  # type: ignore[arg-type]
    expected = (drafts, linter.lint_batch(drafts, reports=reports, words=words), failed)
    assert any(f.category == "copy-paste" for r in expected[1] for f in r.findings)
    for jobs in (1, 2):
        ticks: list[int] = []
        found = linter.read_and_lint_batch(targets, jobs=jobs, progress=ticks.append)  # type: ignore[arg-type]
        assert [d.origin for d in found[0]] == [d.origin for d in expected[0]]
        assert [r.model_dump() for r in found[1]] == [r.model_dump() for r in expected[1]]
        assert found[2] == expected[2] and len(found[2]) == 1
        assert sum(ticks) == len(targets)


def test_this_process_lints_the_chunks_slow_workers_have_left(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    from draftlint import engine, lint_drafts

    plain = engine._lint_chunk
    parent = os.getpid()
    here: list[int] = []

    def slow(chunk: object, items: object) -> object:
        if os.getpid() == parent:
            here.append(len(chunk.files))  # type: ignore[attr-defined]
        else:
            time.sleep(0.1)
        return plain(chunk, items)  # type: ignore[arg-type]

    expected = lint_drafts(_drafts(), jobs=1).model_dump()
    monkeypatch.setattr(engine, "_lint_chunk", slow)
    assert lint_drafts(_drafts(), jobs=2).model_dump() == expected
    assert here  # and the workers linted the others
    assert sum(here) < len(_drafts())


def test_an_error_in_this_process_stops_the_workers() -> None:
    from draftlint.engine import get_linter

    class Stop(Exception):
        pass

    def progress(files: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        get_linter().read_and_lint_batch(_inline_targets(FILES), jobs=2, progress=progress)
    assert not multiprocessing.active_children()


def test_per_path_settings_hold_whoever_lints_a_chunk(tmp_path: Path) -> None:
    """A file is linted with the settings for its path in a worker and in this
    process (which lints the chunks a worker has left) alike."""
    (tmp_path / "draftlint.toml").write_text(
        '[[overrides]]\nfiles = ["archive/*"]\nignore = ["impatience"]\n', encoding="utf-8"
    )
    (tmp_path / "archive").mkdir()
    for i in range(FILES):
        folder = tmp_path / "archive" if i % 3 == 0 else tmp_path
        (folder / f"note{i:03}.txt").write_text(NOTE.format(i=i), encoding="utf-8")
    config = Config.from_file(tmp_path / "draftlint.toml")
    one, two = (lint_paths([tmp_path], config=config, jobs=jobs) for jobs in (1, 2))
    assert two.model_dump() == one.model_dump()
    impatient = {Path(r.origin).parent.name for r in two.reports if any(f.rule_id == "DL101" for f in r.findings)}
    assert impatient == {tmp_path.name}


@settings(max_examples=12, deadline=None)
@given(st.integers(100, 260), st.randoms(use_true_random=False), st.floats(0, 0.3), st.floats(0, 0.05))
def test_workers_give_what_one_process_gives(count: int, rng: random.Random, copied: float, huge: float) -> None:
    """Batches of any size, with copies (whole notes, or a paragraph lifted into
    another) and inputs over the size limit anywhere: the workers' result, with
    copy-paste detection while they lint, is the one of this process alone."""
    from draftlint.engine import Inline, get_linter

    notes = [text for _, text in _drafts()]
    texts = [rng.choice(notes) if rng.random() < copied else notes[i % len(notes)].replace("Tuesday", f"day {i}")
             for i in range(count)]
    for i in range(count):
        if rng.random() < copied / 3:  # a paragraph of another note
            texts[i] += "\n\n" + rng.choice(notes).split("\n\n")[1]
        if rng.random() < huge:
            texts[i] = "x" * 3000
    targets = [(Inline(f"<draft {i}>", text), "auto") for i, text in enumerate(texts)]
    linter = get_linter(Config(max_bytes=2500))
    one = linter.read_and_lint_batch(targets, jobs=1)  # type: ignore[arg-type]
    two = linter.read_and_lint_batch(targets, jobs=2)  # type: ignore[arg-type]
    assert [r.model_dump() for r in two[1]] == [r.model_dump() for r in one[1]]
    assert two[2] == one[2] and [d.origin for d in two[0]] == [d.origin for d in one[0]]
