"""Rewrites made for speed give exactly what the plain versions they replaced gave.

Each test keeps the simple reference (an earlier, slower form of a pattern or function)
and compares it with the fast one on random inputs drawn from the characters and
fragments that matter to it.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.lib.stride_tricks import sliding_window_view

from draftlint import draft
from draftlint.checks import duplicates
from draftlint.draft import DraftPart, Slot
from draftlint.sources import _quotes, markdown, template

# Fragments that make the slot patterns fire, or nearly fire.
_SLOT_BITS = [
    "{", "}", "{{", "$", "\\", "_", "X", "XXX", "___", " ", "\t", "\n", "a", "Z", "é", "’", "'", ".", "(", ")",
    "[", "]", "name", "Name", "your", "Your", "YOUR", "full ", "Full ", " here", "Mr", "Mrs", "Ms", "Mx", "Dr",
    "Miss", ". ", "Hiring Manager", "Interviewer", "Recruiter", "Last Name", "Surname", "So-and-so", "NAME",
    "COMPANY", "JOB TITLE", "HIRING MANAGER", "YOUR ", "first_name", "job.get('x')", "x", "7",
]
slot_texts = st.lists(st.sampled_from(_SLOT_BITS), max_size=40).map("".join)
# Near-misses and hits built piece by piece, so that the rare arrangements (a letter
# right before "Mr", a "$" before "{") come up often.
_EDGE = st.sampled_from(["", "x", "é", "_", "7", " ", "\t", "\n", "{", "$", "\\", "s", "'"])
_BRACE_PIECE = st.tuples(
    _EDGE, st.sampled_from(["{", "{{", "${"]), st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["name", "first_name", "x.y", "job.get('a')", "row[1]", "a b", "7", ""]),
    st.sampled_from(["", " ", "\n"]), st.sampled_from(["}", "}}", ""]), _EDGE,
).map("".join)
_STAND_IN_PIECE = st.tuples(
    st.sampled_from(["", "x", "é", "_", " ", "\n"]), st.sampled_from(["Mr", "Mrs", "Ms", "Mx", "Dr", "Miss", "M", "D", "your", "Your", "YOUR", ""]),
    st.sampled_from(["", ".", ". ", " ", "\t", "  "]), st.sampled_from(["", "full ", "Full ", " "]),
    st.sampled_from(["Hiring Manager", "Hiring\tManager", "Interviewer", "Recruiter", "Last Name", "Lastname",
                     "Surname", "So-and-So", "name", "Name", "name here", ""]),
    _EDGE,
).map("".join)
brace_texts = st.lists(_BRACE_PIECE, max_size=4).map("".join)
stand_in_texts = st.lists(_STAND_IN_PIECE, max_size=4).map("".join)

_OLD_BRACE = re.compile(r"(?<![{$\\])\{\s*([A-Za-z_][\w .'’-]{0,40}?)\s*\}(?!\})")
_OLD_CODE = re.compile(
    r"(?<![{$\\])\{\s*([A-Za-z_][\w.]*(?:\[[^\[\]{}\n]{1,40}\]|\([^(){}\n]{0,80}\)))\s*\}(?!\})"
)
_OLD_STAND_IN = re.compile(
    r"^[ \t]*(?:your|Your|YOUR)[ \t]+(?:(?:full|Full)[ \t]+)?(?:name|Name)(?:[ \t]+here)?[ \t]*$"
    r"|\b(?:Mr|Mrs|Ms|Mx|Dr|Miss)\.?[ \t]+(?:Hiring[ \t]+Manager|Interviewer|Recruiter|Last[ \t]?[Nn]ame|Surname|So-and-[Ss]o)\b",
    re.MULTILINE,
)


def _spans(pattern: re.Pattern[str], text: str, start: int = 0) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pattern.finditer(text, start)]


@settings(max_examples=600)
@given(st.one_of(slot_texts, brace_texts, stand_in_texts), st.integers(0, 5))
@example("xMr. Recruiter Mrs Surname", 0)
@example("{a} ${b} \\{c} {{d}} {e}}", 0)
@example("  Your full Name here \nyour name\n", 1)
def test_slot_patterns_with_the_letter_first_match_as_before(text: str, start: int) -> None:
    start = min(start, len(text))
    assert _spans(template._BRACE, text, start) == _spans(_OLD_BRACE, text, start)
    assert _spans(template._CODE, text, start) == _spans(_OLD_CODE, text, start)
    stand_ins = sorted(_spans(template._STAND_IN_LINE, text, start) + _spans(template._STAND_IN_TITLE, text, start))
    assert stand_ins == _spans(_OLD_STAND_IN, text, start)


@settings(max_examples=400)
@given(st.one_of(slot_texts, stand_in_texts), st.integers(0, 5))
@example("Dear Mrs. Hiring Manager, Your Name\nyour name\n", 0)
def test_guards_only_skip_patterns_that_cannot_match(text: str, start: int) -> None:
    start = min(start, len(text))
    if template._CAPS.search(text, start):
        assert any(text.find(word, start) >= 0 for word in template._CAPS_WORDS)
    if template._BLANK.search(text, start):
        assert "___" in text or "XXX" in text
    for pattern, needs in template._STAND_INS:
        if pattern.search(text, start):
            assert any(text.find(word, start) >= 0 for word in needs)


# -- copy-paste hashing ------------------------------------------------------------------

_U64 = st.integers(0, 2**64 - 1)
# Values at and around the multiples of 2**61 - 1, where the folded remainder needs its
# final subtraction, and the largest and smallest words.
_EDGY_U64 = st.one_of(_U64, st.sampled_from([k * (2**61 - 1) + d for k in range(9) for d in (-1, 0, 1, 7)]
                                            + [2**64 - 1, 2**32 - 1, 2**32, 0]).filter(lambda v: 0 <= v < 2**64))


def _old_run_hashes(ids: np.ndarray, size: int) -> np.ndarray:
    width = min(size, len(ids))
    if not width:
        return np.zeros(0, dtype=np.uint64)
    count = len(ids) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        hashes = hashes * duplicates._MIX + ids[k : k + count]
    hashes ^= hashes >> np.uint64(31)
    hashes *= duplicates._FINAL
    hashes ^= hashes >> np.uint64(29)
    return hashes


@settings(max_examples=300)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=60), st.integers(1, 12), st.integers(1, 9))
def test_run_hashes_and_fingerprints_match_the_plain_forms(ids: list[int], size: int, window: int) -> None:
    array = np.array(ids, dtype=np.uint64)
    hashes = duplicates._run_hashes(array, size)
    assert hashes.tolist() == _old_run_hashes(array, size).tolist()
    if len(hashes) > window:
        assert duplicates._window_min(hashes, window).tolist() == sliding_window_view(hashes, window).min(axis=1).tolist()


@given(st.lists(st.integers(0, 5), max_size=20))
def test_unique_is_numpys(values: list[int]) -> None:
    array = np.array(values, dtype=np.uint64)
    assert duplicates._unique(array).tolist() == np.unique(array).tolist()


@settings(max_examples=300)
@given(st.lists(_EDGY_U64, min_size=1, max_size=40), st.sampled_from([1, 2, 16, 64, 128]))
def test_signature_matches_the_plain_modulo(shingles: list[int], num_perm: int) -> None:
    values = np.array(shingles, dtype=np.uint64)
    a, b = duplicates._permutations(num_perm)
    plain = ((((values & duplicates._MAX32)[:, None] * a + b) % duplicates._MERSENNE) & duplicates._MAX32)
    assert duplicates._signature(values, num_perm).tolist() == plain.min(axis=0).astype(np.uint32).tolist()


@settings(max_examples=300)
@given(st.lists(_EDGY_U64, min_size=1, max_size=40))
def test_mersenne_fold_is_the_remainder(values: list[int]) -> None:
    folded = duplicates._mod_mersenne(np.array(values, dtype=np.uint64))
    assert folded.tolist() == [v % (2**61 - 1) for v in values]


@settings(max_examples=300)
@given(st.lists(st.integers(0, 3), max_size=40), st.lists(st.integers(0, 3), max_size=40), st.integers(1, 12))
def test_run_keys_never_miss_a_shared_run(first: list[int], second: list[int], size: int) -> None:
    # find_copies drops a passage candidate whose run keys are disjoint: that must
    # mean no run of `size` tokens is shared (a small alphabet makes shared runs common).
    keys = [duplicates._run_keys(np.array(ids, dtype=np.uint64), size) for ids in (first, second)]
    runs = [{tuple(ids[i : i + size]) for i in range(len(ids) - size + 1)} for ids in (first, second)]
    assert len(keys[0]) <= len(runs[0])
    if runs[0] & runs[1]:
        assert keys[0] & keys[1]
    for run in runs[0] & runs[1]:  # the same run has the same key in both
        ids = np.array(run, dtype=np.uint64)
        assert duplicates._run_keys(ids, size) <= keys[0] & keys[1]


# -- front matter --------------------------------------------------------------------------

_YAML_BITS = ["stage: thank-you\n", "variables:\n", "  name: Sam\n", "  - a\n", "- b\n", "when: 2024-03-05\n",
              "n: 7\n", "ok: yes\n", "on: true\n", "x: &a [1, 2]\n", "y: *a\n", "z: {k: v}\n", "'q': \"w\"\n",
              "bad: [\n", ": :\n", "#c\n", "tab:\t1\n",
              "deep:\n  - {k: [1, {m: n}]}\n", "s: !!set {a, b}\n", "t: 2024-03-05T10:00:00Z\n"]


def _clear_everything(value: object) -> None:
    """Empty every container inside ``value``, depth first (a caller mutating its copy)."""
    if isinstance(value, dict):
        for item in value.values():
            _clear_everything(item)
    elif isinstance(value, list):
        for item in value:
            _clear_everything(item)
    if isinstance(value, (dict, list, set)):
        value.clear()


@settings(max_examples=200)
@given(st.lists(st.sampled_from(_YAML_BITS), max_size=8).map("".join))
def test_remembered_front_matter_is_a_fresh_parse_every_time(source: str) -> None:
    def parse() -> object:
        try:
            return markdown.load_front_matter(source)
        except Exception as exc:  # noqa: BLE001 - the same error every time
            return type(exc)
    markdown._remembered_front_matter.cache_clear()
    first = parse()
    if isinstance(first, dict):
        first["mutated"] = True  # a caller changing its mapping
        _clear_everything(first)
    again = parse()
    markdown._remembered_front_matter.cache_clear()
    fresh = parse()
    assert again == fresh


# -- copy-paste words ----------------------------------------------------------------------

_OLD_OPENS = re.compile(r"[.!?:;\n][^\w\n]*")


def _old_comparable_words(part: DraftPart, names: list[str]) -> tuple[list[str], list[int], list[int]]:
    """comparable_words as it was: one loop step per word."""
    known = {w.lower() for name in names for w in duplicates._WORD.findall(name)}
    slots = [(s.start, s.end) for s in part.slots]
    text = part.analysis
    openers = {m.end() for m in _OLD_OPENS.finditer(text)}
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    slot_index = 0
    for match in duplicates._WORD.finditer(text):
        start, end = match.span()
        if slots:
            while slot_index < len(slots) and slots[slot_index][1] <= start:
                slot_index += 1
            if slot_index < len(slots) and slots[slot_index][0] <= start:
                if tokens and tokens[-1] == "<slot>" and ends[-1] >= slots[slot_index][0]:
                    continue
                tokens.append("<slot>")
                starts.append(start)
                ends.append(end)
                continue
        token, lower, kind = duplicates._CLASSES.get(match.group()) or duplicates._classify(match.group())
        if kind != duplicates._FIXED and (
            (known and lower in known) or (kind == duplicates._CAPITAL and starts and start not in openers)
        ):
            token = "<name>"
        tokens.append(token)
        starts.append(start)
        ends.append(end)
    return tokens, starts, ends


_PROSE_BITS = [
    "Sam", "Ana", "sam", "I", "i", "Monday", "june", "May", "the", "Team", "don't", "O’Neil", "3rd", "42", "x2",
    "é", "Émile", "_", "__init", " ", "  ", "\n", "\n\n", "\r\n", ".", ". ", "!", "?", ":", ";", ",", "—", "\"", "'",
    "’", "(", ")", "“", "”", "-", "\t", "{{ a }}", "[Name]", "\ufffd",
]


@st.composite
def _parts(draw: st.DrawFn) -> tuple[DraftPart, list[str]]:
    text = "".join(draw(st.lists(st.sampled_from(_PROSE_BITS), max_size=40)))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(-3, 12)), max_size=5))
    slots = [Slot(s, max(0, min(len(text), s + n)), "x", "brace") for s, n in spans]
    # As readers give them: in order, none inside out.
    part = DraftPart("body", text, slots=tuple(sorted((Slot(x.start, max(x.start, x.end), "x", "brace") for x in slots),
                                                      key=lambda x: x.start)))
    if draw(st.booleans()):  # anything goes (on the same analysis text)
        part = DraftPart("body", text, analysis=part.analysis, slots=tuple(slots))
    names = draw(st.lists(st.sampled_from(["Sam", "Ana Ruiz", "O’Neil", "may", "", "3rd"]), max_size=3))
    return part, names


def _odd_slots(text: str, *spans: tuple[int, int]) -> tuple[DraftPart, list[str]]:
    """A part whose slots are out of order or inside out (readers never make them)."""
    return DraftPart("body", text, analysis=text, slots=tuple(Slot(s, e, "x", "brace") for s, e in spans)), []


@settings(max_examples=600)
@given(_parts())
@example(_odd_slots("aa bb cc dd", (7, 2), (0, 11)))  # an inside-out slot before one holding "bb"
@example(_odd_slots("aa bb cc", (0, 1), (4, 6), (1, 8)))  # "bb" kept as a word between two slots
@example(_odd_slots("aa b cc dd", (7, 1), (6, 4), (0, 10)))  # "cc" past an inside-out slot's end
def test_comparable_words_match_the_word_by_word_loop(case: tuple[DraftPart, list[str]]) -> None:
    part, names = case
    words = duplicates.comparable_words(part, names)
    tokens, starts, ends = _old_comparable_words(part, names)
    assert (words.tokens, words.starts, words.ends) == (tokens, array("l", starts), array("l", ends))


# -- quoted replies and signatures -----------------------------------------------------------

_OLD_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _old_lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for match in _OLD_LINE.finditer(text):
        if match.start() == len(text) and out:
            break
        content = match.group().rstrip("\r\n")
        out.append((match.start(), match.start() + len(content), content))
        if match.end() >= len(text):
            break
    return out


_MAIL_BITS = [
    "On Tue, Mar 3, 2026 at 9:14 AM Dana <dana@example.com> wrote:", "On Tue, Mar 3, 2026 at 9:14 AM", "Dana wrote:",
    "Dana <d@x.io> wrote:", "26.06.2014, 14:41, \"Alexander L\" <abc@example.com>:", "> quoted", ">", "|> old",
    "-----Original Message-----", "-- Forwarded message --", "Begin forwarded message:", "_" * 22, "__", "--", "-- ",
    "From: Dana", "*From:* Dana", "Sent: Monday", "Date: today", "Subject: hi", "To: Leo", "a@b.co", ":", "wrote",
    "Best regards,", "Thanks", "Sent from my iPhone", "via mobile", "Leo", "-Leo Kona", "(555) 555-1234", "www.x.io",
    "=====", " ", "\t", "Hi Pat,", "Thank you for Tuesday.", "\n", "\n", "\n\n", "\r\n", "\r",
]
mail_texts = st.lists(st.sampled_from(_MAIL_BITS), max_size=30).map("".join)


@settings(max_examples=500)
@given(st.one_of(mail_texts, st.text(st.sampled_from("ab:\r\n- >"), max_size=12)))
def test_lines_split_as_the_line_pattern_did(text: str) -> None:
    assert _quotes._lines(text) == _old_lines(text)


@settings(max_examples=500)
@given(mail_texts)
def test_lines_passed_over_in_find_masks_never_match(text: str) -> None:
    # find_masks tries the header and separator patterns only on lines holding ":"
    # (or with one in the two lines below), "--" or "__", and the quote pattern only
    # on lines holding ">".
    lines = _quotes._lines(text)
    for index, (start, end, content) in enumerate(lines):
        near = " ".join(c for _, _, c in lines[index : index + 3])
        separator = _quotes._SEPARATOR.match(text, start)
        if (_quotes._REPLY_HEADER.match(content) or _quotes._ADDRESS_COLON.match(content)
                or _quotes._REPLY_HEADER.match(near)):
            assert ":" in near
        if separator and separator.end() <= end + 1:
            assert ":" in content or "--" in content or "__" in content
        if _quotes._QUOTED_LINE.match(content):
            assert ">" in content


@settings(max_examples=300)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=25), min_size=2, max_size=8), st.data())
def test_shared_counts_are_set_intersections(documents: list[list[int]], data: st.DataObject) -> None:
    shingles = [np.unique(np.array(doc, dtype=np.uint64)) for doc in documents]
    everything = [(a, b) for a in range(len(documents)) for b in range(len(documents)) if a != b]
    pairs = sorted(data.draw(st.lists(st.sampled_from(everything), unique=True)))
    expected = [len(set(documents[a]) & set(documents[b])) for a, b in pairs]
    assert duplicates._shared_counts(shingles, pairs) == expected


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["```", "~~~", "``", "~~", "\n", "code", " ", "<!-- c -->", "](x)", "<http://x>", "py"]),
                max_size=12).map("".join))
def test_fences_need_their_three_marks(text: str) -> None:
    # markdown_masks runs _FENCE only over text holding ``` or ~~~.
    if markdown._FENCE.search(text):
        assert "```" in text or "~~~" in text


# -- draft parts ---------------------------------------------------------------------------

_PART_TEXT = st.lists(
    st.sampled_from(list("ab X\r\n\t\x00é") + ["\ud800", "\udfff", "\u2028", "{{ n }}"]), max_size=40
).map("".join)


@given(_PART_TEXT)
def test_blank_keeps_only_line_breaks(text: str) -> None:
    assert draft.blank(text) == re.sub(r"[^\r\n]", " ", text)


@given(_PART_TEXT)
def test_clean_for_nlp_replaces_exactly_surrogates_and_nul(text: str) -> None:
    expected = "".join(" " if c == "\x00" else "\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    assert draft.clean_for_nlp(text) == expected


@given(_PART_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=5))
def test_fill_slots_is_one_word_per_slot_with_line_breaks_kept(text: str, spans: list[tuple[int, int]]) -> None:
    slots = [draft.Slot(min(a, len(text)), min(a + n, len(text)), "x", "jinja") for a, n in spans]
    expected, pos = [], 0
    for slot in sorted(slots, key=lambda s: s.start):
        if slot.start < pos:
            continue
        raw = text[slot.start : slot.end]
        word = "X" + "x" * (len(raw) - 1)
        expected += [text[pos : slot.start], "".join(c if c in "\r\n" else w for c, w in zip(raw, word))]
        pos = slot.end
    expected.append(text[pos:])
    assert draft.fill_slots(text, slots) == "".join(expected)


@settings(max_examples=600)
@given(st.lists(st.sampled_from(["a", " ", "  ", "\n", "\n\n", " \n", "\u00a0", "\x0c", "é"]), max_size=30).map("".join))
@example("  \nabc")
@example("a   \nb")
@example("a\n   \nb")
@example("\n")
def test_lone_newlines_join_as_the_break_pattern_joins_them(text: str) -> None:
    assert draft._join_lone_newlines(text) == draft._BREAK_RUN.sub(draft._join_lone_break, text)
    part = DraftPart("body", text)
    assert part.nlp_text == draft._BREAK_RUN.sub(draft._join_lone_break, part.analysis)


# -- messages ------------------------------------------------------------------------------

_FORMAT_BITS = ["{match}", "{other}", "{missing}", "{0}", "{}", "{match!r}", "{similarity:.0%}", "{match:>6}",
                "{match.upper}", "{match[0]}", "{{", "}}", "{", "}", "{match:{width}}", "text ", "é", "\n  "]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_FORMAT_BITS), max_size=8).map("".join),
       st.fixed_dictionaries({"match": st.text(max_size=5), "similarity": st.floats(0, 1), "width": st.integers(0, 9)}))
def test_messages_render_as_the_python_formatter_renders_them(template: str, args: dict[str, object]) -> None:
    import string

    from draftlint.engine import _Blank, _render

    try:
        text = string.Formatter().vformat(template, (), _Blank(args))
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        text = template
    assert _render(template, args) == " ".join(text.split())


@settings(max_examples=500)
@given(st.lists(st.integers(0, 4), max_size=40), st.lists(st.integers(0, 4), max_size=40))
@example([1, 2, 3, 4, 5, 1, 2, 3, 4], [9, 1, 2, 3, 4, 1, 2, 3, 4, 5])
def test_longest_common_run_is_difflibs_longest_match(first: list[int], second: list[int]) -> None:
    # A small alphabet makes repeats, ties and runs shorter than four tokens common.
    import difflib

    a, b = np.array(first, dtype=np.uint64), np.array(second, dtype=np.uint64)
    expected = difflib.SequenceMatcher(None, first, second, autojunk=False).find_longest_match(0, len(first), 0, len(second))
    assert tuple(duplicates._longest_common_run(a, b)) == tuple(expected)


@settings(max_examples=500)
@given(st.lists(st.integers(0, 60), min_size=4, max_size=60), st.data())
@example([1, 2, 3, 4, 5, 6, 7, 8], None)
def test_longest_common_run_of_an_edited_copy_is_difflibs(first: list[int], data: st.DataObject | None) -> None:
    # A note and an edited copy of it, over many words: runs of four rarely repeat
    # within a note, the case answered without the per-position table.
    import difflib

    second = list(first)
    if data is None:
        second[3] = 99
    else:
        for _ in range(data.draw(st.integers(0, 4))):
            at = data.draw(st.integers(0, len(second)))
            edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
            if edit == "insert" or not second:
                second.insert(at, data.draw(st.integers(0, 60)))
            elif edit == "delete":
                del second[min(at, len(second) - 1)]
            else:
                second[min(at, len(second) - 1)] = data.draw(st.integers(0, 60))
    a, b = np.array(first, dtype=np.uint64), np.array(second, dtype=np.uint64)
    expected = difflib.SequenceMatcher(None, first, second, autojunk=False).find_longest_match(0, len(first), 0, len(second))
    assert tuple(duplicates._longest_common_run(a, b)) == tuple(expected)
    assert tuple(duplicates._longest_common_run(b, a)) == tuple(
        difflib.SequenceMatcher(None, second, first, autojunk=False).find_longest_match(0, len(second), 0, len(first))
    )


def _phrase_index():  # type: ignore[no-untyped-def]
    from draftlint.engine import get_linter

    return get_linter().matcher.phrases["NORM"]


@lru_cache(maxsize=1)
def _crowded_paths() -> list[list[int]]:
    """Token sequences that walk the built-in rules' crowded openings, two per sequence."""
    index = _phrase_index()
    entries = [e for prefix, group in index.index.items() if len(prefix) == 2 and len(group) >= 8 for e in group]
    paths = []
    for steps, *_ in sorted(entries, key=lambda e: e[3]):
        paths.append([min(allowed) for allowed, optional in steps if not optional])
        paths.append([max(allowed) for allowed, _ in steps])
    return paths


def _walked_everywhere(values: list[int]) -> set[tuple[str, int, int]]:
    """Every (key, start, end) found by walking every sequence from every place."""
    index = _phrase_index()
    _, entries = _sequence_words()
    found = set()
    for i in range(len(values)):
        for steps, key, *_ in entries:
            ends: set[int] = set()
            index._ends(steps, 0, i, values, ends)
            found.update((key, i, end) for end in ends if end > i)
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_crowded_openings_find_what_walking_every_sequence_finds(data: st.DataObject) -> None:
    # Drafts stitched from the sequences of the openings shared by many of them, cut
    # and shuffled at random, so that the automaton meets near-misses (a word no
    # sequence allows next, a pair at the very end) and sequences ending inside others.
    index = _phrase_index()
    paths = _crowded_paths()
    values: list[int] = []
    for _ in range(data.draw(st.integers(1, 6))):
        path = data.draw(st.sampled_from(paths))
        cut = data.draw(st.integers(2, len(path)))
        values += path[:cut]
        if data.draw(st.booleans()):
            values.append(data.draw(st.sampled_from([path[0], path[-1], 12345])))
    if data.draw(st.booleans()):
        values.reverse()
    assert set(index.find(values)) == _walked_everywhere(values)


_STEPS = st.lists(st.tuples(st.sets(st.integers(1, 4), min_size=1, max_size=3), st.booleans()), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABC"), _STEPS), min_size=1, max_size=8), st.lists(st.integers(1, 5), max_size=30))
def test_phrase_index_finds_what_walking_finds_for_any_sequences(
    sequences: list[tuple[str, list[tuple[set[int], bool]]]], values: list[int]
) -> None:
    # A few words, so that sequences share openings, end inside one another, end on
    # the same token under different keys, and skip optional steps at either end.
    from draftlint.nlp import _SequenceIndex

    index = _SequenceIndex()
    for key, steps in sequences:
        if not all(optional for _, optional in steps):  # the rule loader refuses those
            index.add(key, tuple((frozenset(allowed), optional) for allowed, optional in steps))
    plain = set()
    for i in range(len(values)):
        for steps, key, *_ in index.entries:
            ends: set[int] = set()
            index._ends(steps, 0, i, values, ends)
            plain.update((key, i, end) for end in ends if end > i)
    assert set(index.find(values)) == plain


@lru_cache(maxsize=1)
def _gate_words() -> list[str]:
    """The words the built-in token patterns' gate looks for, as written and capitalised."""
    from draftlint.engine import get_linter

    linter = get_linter()
    strings = linter.nlp.vocab.strings
    words = sorted({strings[h] for need, _ in linter.matcher.requirements for words in need for h in words})
    return words + [w.capitalize() for w in words]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["don't", "can’t", "I'm", "won't", "y'all", "gonna", "’", "\n\n", "ok", ",", "."]), max_size=40),
    st.data(),
)
def test_token_pattern_gate_never_skips_a_match(filler: list[str], data: st.DataObject) -> None:
    # The spaCy Matcher runs only when a draft holds a word (as NORM or as LOWER) of
    # every requirement of some token pattern; running it always must find no more.
    import copy

    from draftlint.engine import get_linter

    linter = get_linter()
    words = data.draw(st.lists(st.sampled_from(_gate_words()), max_size=25))
    tokens = data.draw(st.permutations([*filler, *words]))
    doc = linter.nlp(" ".join(tokens))
    ungated = copy.copy(linter.matcher)
    ungated.requirements = [((), None)]
    assert linter.matcher(doc) == ungated(doc)


def _contraction_matcher():  # type: ignore[no-untyped-def]
    """A matcher whose token patterns require words that are only a token's LOWER
    ("wo" of "won't", whose NORM is "will"), besides the built-in rules' NORM words."""
    from types import SimpleNamespace

    from draftlint.engine import get_linter
    from draftlint.nlp import RuleMatcher

    none = SimpleNamespace(phrases=(), patterns=())
    rule = SimpleNamespace(
        id="DX001", kind="pattern", phrases=(), exceptions=none,
        patterns=(
            ({"LOWER": "wo"}, {"LOWER": "n't"}, {"LIKE_NUM": True}),
            ({"ORTH": "Ca"}, {"NORM": "not"}, {"IS_TITLE": True}),
        ),
    )
    return RuleMatcher(get_linter().nlp, [rule], cache=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["won't", "Won't", "wo", "will", "can't", "Can't", "not", "5", "five", "Five", "Bob", "’", "\n\n", "ok"]
), max_size=30))
def test_token_pattern_gate_reads_words_that_are_only_lower_case_forms(words: list[str]) -> None:
    import copy

    from draftlint.engine import get_linter

    matcher = _contraction_matcher()
    ungated = copy.copy(matcher)
    ungated.requirements = [((), None)]
    doc = get_linter().nlp(" ".join(words))
    assert matcher(doc) == ungated(doc)


_JOINED_BITS = ["vice", "president", "co", "ceo", "head", "don't", "o'neil", "e.g", "vice-president", "co-ceo",
                "x-", "-y", "a.b.c", "it’s", "team", "well-known", "j.r", "chief", "3-4", "café-bar"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_JOINED_BITS), max_size=12), st.sets(st.sampled_from(_JOINED_BITS + ["neil", "o", "b"])))
def test_joined_words_are_searched_for_titles_in_one_split(words: list[str], keys: set[str]) -> None:
    from draftlint.checks import people

    plain = any(not frozenset(keys).isdisjoint(people._JOINER.split(w)) for w in words if not w.isalnum())
    joined = not frozenset(keys).isdisjoint(
        people._JOINER_OR_SPACE.split(" ".join([w for w in words if not w.isalnum()]))
    )
    assert joined == plain


@lru_cache(maxsize=1)
def _sequence_words() -> tuple[list[int], list[tuple]]:  # type: ignore[type-arg]
    index = _phrase_index()
    entries = list({entry[3]: entry for group in index.index.values() for entry in group}.values())
    words = sorted({word for steps, *_ in entries for allowed, _ in steps for word in allowed})
    return words, entries


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_phrase_index_finds_what_walking_every_sequence_everywhere_finds(data: st.DataObject) -> None:
    # The index looks only at places whose pair of tokens (or single token) opens a
    # sequence; walking every sequence from every place must find nothing more.
    index = _phrase_index()
    words, _ = _sequence_words()
    paths = _crowded_paths()
    values: list[int] = []
    for _ in range(data.draw(st.integers(0, 5))):
        if data.draw(st.booleans()):
            path = data.draw(st.sampled_from(paths))
            values += path[: data.draw(st.integers(1, len(path)))]
        else:
            values += data.draw(st.lists(st.sampled_from([*words[:: max(1, len(words) // 400)], *sorted(index.singles), 7]), max_size=4))
    assert set(index.find(values)) == _walked_everywhere(values)
