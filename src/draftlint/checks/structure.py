"""Structure checks: does the note say what a thank-you or a check-in should say?

A thank-you note opens by thanking them for the meeting and their time (A17), says
why the writer fits the role (A18) and closes with continued interest, a stated time
to follow up and thanks again (A19). A later check-in opens with a pleasantry, recalls
where things stood (A21) and brings something of value (A22).

These checks look for *cue words* of each element (for example thanks plus a word for
the meeting; "experience", "skills", "bring", "contribute" for fit). Missing cues are
weak evidence, so the checks are built for precision:

* They run only when the stage is known: ``Context.stage`` (from the caller, front
  matter or the CLI), or a thank-you *clearly inferred* from an opening that thanks
  them for an interview, meeting, conversation or their time. A check-in is never
  inferred.
* With an inferred stage only the checks that good published thank-you notes almost
  always satisfy run (fit, continued interest); the stated follow-up time and the
  closing thanks, which many clean samples leave out, are asked for only when the
  writer declared the stage.
* Notes shorter than ``min_words`` (50 words with a declared stage, 80 for an inferred
  one: a two-line note after a screening call) are not asked to argue fit or to carry
  a full close, and an inferred thank-you is checked only when it ends with a sign-off
  (excerpts and notes cut short say nothing about what is missing).

Each missing element is one finding, anchored on the greeting (opening elements) or
the sign-off (closing elements), with a sentence the writer could adapt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..draft import DraftPart
from ..stats import Layout, all_words, layout, word_count
from .base import Analysis, Hit

__all__ = [
    "checkin_pleasantry",
    "checkin_recall",
    "checkin_value",
    "closing_thanks",
    "continued_interest",
    "follow_up_time",
    "infer_stage",
    "opening_thanks",
    "why_you_fit",
]

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_NUMBER = r"(?:a|an|one|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?|several|\d+)"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The plain opening characters of an alternative (a letter or an apostrophe first), up
# to a character that a quantifier makes optional ("steps?" opens with "step").
_OPENING = re.compile(r"[a-z'’]+(?![?*+{])")


def _at_word_start(*alternatives: str) -> str:
    r"""The regex ``\b(?:a|b|...)`` for alternatives that each open with plain characters,
    written so that re can skip in C to the next possible first character.

    A pattern that opens with ``\b`` is tried at every position of the text; one whose
    alternatives all open with a literal character gets a set of first characters, and
    re jumps between them without leaving C. So the word boundary moves behind each
    opening, as a look-behind over it: no word character before an opening letter, a
    word character before an opening apostrophe ("'d"). Alternatives keep their order,
    so the same match is found.
    """
    branches = []
    for alternative in alternatives:
        opening = _OPENING.match(alternative)
        if opening is None:
            raise ValueError(f"alternative does not open with plain characters: {alternative!r}")
        lead = opening.group()
        before = r"(?<!\w" if re.match(r"\w", lead) else r"(?<=\w"
        branches.append(lead + before + re.escape(lead) + ")" + alternative[len(lead) :])
    return "(?:" + "|".join(branches) + ")"


# Each element is a set of cue words (checked against the note's words: a set lookup)
# and, for cues of several words, a regex run on the lower-cased text only when no cue
# word is present. Every pattern below is matched against lower-cased text.
THANKS_WORDS = _words("thank thanks thanking thankful appreciate appreciated appreciating appreciation "
                      "appreciative grateful gratitude")
MEETING_WORDS = _words(
    "time meet meeting met interview interviews interviewing interviewed conversation conversations chat "
    "chatting chatted talk talking talked speak speaking spoke call calls discussion discussions discuss "
    "discussing discussed opportunity tour visit hosting host insight insights introduction introducing "
    "session panel inviting invitation invited office welcome welcoming hospitality consideration considering"
)
_COURTESY_WORDS = _words("pleasure enjoyed glad delighted")
# The phrase patterns that scan a whole note are built with _at_word_start (see there);
# each comment gives the pattern as first written.
# \b(?:great|nice|wonderful|lovely|good)\s+(?:to|meeting|speaking|talking|chatting)\b
_COURTESY_PHRASES = re.compile(
    _at_word_start("great", "nice", "wonderful", "lovely", "good") + r"\s+(?:to|meeting|speaking|talking|chatting)\b"
)
# \b(?:follow(?:ing)?[\s-]+up\s+on|check(?:ing)?\s+in|touch(?:ing)?\s+base|circl(?:e|ing)\s+back
# |any\s+(?:update|news|word)|status\s+of|where\s+things\s+stand|(?:have\s+not|haven't|haven’t|not\s+yet)\s+heard
# |wanted\s+to\s+see\s+if|since\s+(?:we|our|my)\s+(?:spoke|talked|met|interview|conversation))
_CHECK_IN = re.compile(
    _at_word_start(
        r"follow(?:ing)?[\s-]+up\s+on", r"check(?:ing)?\s+in", r"touch(?:ing)?\s+base", r"circl(?:e|ing)\s+back",
        r"any\s+(?:update|news|word)", r"status\s+of", r"where\s+things\s+stand", r"have\s+not\s+heard", r"haven't\s+heard",
        r"haven’t\s+heard", r"not\s+yet\s+heard", r"wanted\s+to\s+see\s+if",
        r"since\s+(?:we|our|my)\s+(?:spoke|talked|met|interview|conversation)",
    )
)
FIT_WORDS = _words(
    "experience experienced experiences skills skill skillset background expertise qualified qualification "
    "qualifications strengths strength bring bringing contribute contributing contribution contributions align "
    "aligns aligned alignment match matches matching fit fits suited asset equipped proficient proficiency "
    "attached portfolio proposal tackled transferable relevant hands-on similar"
)
FIT_PHRASES = re.compile(
    r"\b(?:track\s+record|add\s+value|valuable\s+addition|years\s+of"
    r"|in\s+my\s+(?:current|previous|last|former)\s+(?:role|job|position)|at\s+my\s+(?:current|previous|last|former)"
    r"|my\s+(?:work|time|years)\s+(?:on|at|with|in)"
    r"|(?:i|we)\s+(?:have\s+|had\s+|also\s+)?(?:led|built|managed|designed|launched|ran|run|developed|grew|delivered"
    r"|created|cut|reduced|increased|improved|halved|doubled|tripled|saved|onboarded|brought|organi[sz]ed|coordinated"
    r"|trained|taught|wrote|shipped|automated|migrated|solved|handled|streamlined|scaled|implemented|negotiated"
    r"|supervised|mentored|rebuilt|redesigned|introduced|cleared)|when\s+i\s+joined|taught\s+me|lines?\s+up"
    r"|\d+\s*(?:%|percent)|i\s+enjoy\s+the\s+kind\s+of"
    r"|help\s+(?:your|the)\s+(?:team|company|department|group|clinic|school|office)|hit\s+the\s+ground\s+running"
    r"|prepared\s+me|i\s+(?:can|could|would)\s+help|well[\s-]placed|strong\s+candidate|confident\s+(?:that\s+)?(?:i|my)"
    r"|ideas?\s+(?:for|on|about)|case\s+study|work\s+samples?)\b"
)
INTEREST_WORDS = _words(
    "excited exciting excitement interested interest enthusiastic enthusiasm enthusiastically keen eager "
    "eagerly thrilled delighted passion passionate honored honoured motivated energized energised inspired "
    "appeal appealing appeals"
)
# \b(?:look(?:ing)?\s+forward|love\s+to|(?:would|'d|’d)\s+(?:love|welcome|relish)|hop(?:e|ing)\s+to
# |(?:want|like)\s+to\s+join|join(?:ing)?\s+(?:your|the)|(?:be|become)\s+(?:a\s+)?part\s+of|opportunity\s+to
# |can(?:not|'t|’t)\s+wait|next\s+steps?)\b
INTEREST_PHRASES = re.compile(
    _at_word_start(
        r"look(?:ing)?\s+forward", r"love\s+to", r"would\s+(?:love|welcome|relish)", r"'d\s+(?:love|welcome|relish)",
        r"’d\s+(?:love|welcome|relish)", r"hop(?:e|ing)\s+to", r"want\s+to\s+join", r"like\s+to\s+join",
        r"join(?:ing)?\s+(?:your|the)", r"be\s+(?:a\s+)?part\s+of", r"become\s+(?:a\s+)?part\s+of", r"opportunity\s+to",
        r"can(?:not|'t|’t)\s+wait", r"next\s+steps?",
    )
    + r"\b"
)
_PROMISE_WORDS = _words("follow follow-up followup check touch reach contact call phone email e-mail write circle "
                        "ping send drop")
_PROMISE = re.compile(
    r"\b(?:i(?:'ll|’ll|\s+will|\s+plan\s+to|\s+intend\s+to|\s+am\s+going\s+to|'m\s+going\s+to|’m\s+going\s+to"
    r"|\s+would\s+like\s+to|'d\s+like\s+to|’d\s+like\s+to|\s+shall|\s+can|\s+may|\s+expect\s+to|\s+hope\s+to)"
    r"|let\s+me|(?:and|so|then|but)\s+(?:will|shall|plan\s+to|intend\s+to|am\s+going\s+to))\b[^.!?\n]{0,60}?"
    r"\b(?:follow(?:\s|-)?up|check\s+(?:in|back)|touch\s+base|reach\s+out|be\s+in\s+touch|get\s+in\s+touch"
    r"|contact\s+you|call\s+you|phone\s+you|e-?mail\s+you|write\s+(?:to\s+you|again|back)|circle\s+back"
    r"|ping\s+you|send\s+(?:you\s+)?a\s+(?:note|line|message)|drop\s+you\s+a\s+(?:line|note))"
)
_WHEN = re.compile(
    r"\b(?:(?:next|this|coming|following)\s+(?:week|month|" + _DAY + r")|" + _DAY
    + r"|tomorrow|(?:in|within|after)\s+(?:the\s+next\s+)?" + _NUMBER
    + r"\s+(?:business\s+|working\s+)?(?:days?|weeks?|months?)|end\s+of\s+(?:the|next|this)\s+(?:week|month)"
    r"|(?:early|mid|late|the\s+end\s+of)[\s-]+(?:next\s+)?(?:week|month|" + _MONTH + r")|mid-\w+|" + _MONTH
    + r"\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"|once\s+(?:the|you|your)"
    r"|if\s+i\s+(?:have\s+not|haven't|haven’t|do\s+not|don't|don’t)\s+heard?|after\s+(?:the|your)\s+\w+|a\s+week\s+from)\b"
)
_PLEASANTRY = re.compile(
    r"\b(?:hop(?:e|ing)\s+(?:you|your|this|all|things|the|everything|that\s+(?:you|your|all|things))"
    r"|trust\s+(?:you|this|all|your|things|the|that|everything)|happy\s+(?:monday|friday|new\s+year|holidays)|good\s+to\s+(?:see|hear)"
    r"|congratulations|congrats|how\s+(?:are|is|was|have)\s+(?:you|your|the|things)|nice\s+to\s+(?:see|hear|read)"
    r"|great\s+to\s+(?:see|hear|read)|enjoy(?:ed)?\s+(?:your|the)\s+(?:weekend|holiday|holidays|break|conference|trip|summer)"
    r"|wish(?:ing)?\s+you)\b"
)
# Any of these starts a pleasantry, a thanks or a courtesy; without one, the regexes need not run.
_PLEASANTRY_WORDS = _words(
    "hope hoping trust happy good congratulations congratulations! congrats how nice great enjoy enjoyed wish "
    "wishing thank thanks thanking appreciate appreciated grateful gratitude pleasure glad delighted wonderful lovely"
)
_RECALL = re.compile(
    r"\b(?:you\s+(?:mentioned|said|told|expected|noted|indicated|shared|hoped|were\s+hoping|planned|anticipated"
    r"|thought|estimated|explained)|when\s+we\s+(?:last\s+)?(?:spoke|talked|met|chatted)"
    r"|(?:since|after)\s+(?:we|our|my)\s+(?:last\s+)?(?:spoke|talked|met|interview\w*|conversation|call|chat|meeting|visit)"
    r"|during\s+(?:our|my)\s+(?:\w+\s+)?(?:interview|conversation|call|meeting|chat|visit)"
    r"|at\s+the\s+end\s+of\s+(?:our|my|the)\s+(?:interview|conversation|call|meeting)"
    r"|(?:our|my)\s+(?:\w+\s+)?(?:interview|conversation|call|meeting|chat)\s+(?:on|last|earlier|in|for|about)"
    r"|i\s+interviewed|we\s+agreed|decision\s+(?:date|timeline|by|around|in|within|on)"
    r"|timeline|(?:were|was)\s+(?:planning|hoping|expecting)\s+to)\b"
)
VALUE_WORDS = _words(
    "certification certificate certified course article attached attaching attach enclosed enclosing sharing "
    "portfolio sample samples link links proposal idea ideas result results figures demo prototype write-up "
    "writeup summary deck report recently completed finished earned passed published launched shipped released "
    "presented"
)
# \b(?:i\s+(?:just|have\s+since|'ve\s+since|’ve\s+since|since)|thought\s+you\s+(?:might|would|may)
# |wanted\s+to\s+share|(?:i|i've|i’ve)\s+(?:put\s+together|wrote|written|made|built|drafted|prepared|sketched)
# |new\s+(?:result|project|role|numbers)|plan\s+for|case\s+study|won\s+(?:a|an|the))\b
_MADE = r"\s+(?:put\s+together|wrote|written|made|built|drafted|prepared|sketched)"
VALUE_PHRASES = re.compile(
    _at_word_start(
        r"i\s+(?:just|have\s+since|'ve\s+since|’ve\s+since|since)", r"thought\s+you\s+(?:might|would|may)",
        r"wanted\s+to\s+share", r"i" + _MADE, r"i've" + _MADE, r"i’ve" + _MADE, r"new\s+(?:result|project|role|numbers)",
        r"plan\s+for", r"case\s+study", r"won\s+(?:a|an|the)",
    )
    + r"\b"
)
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
# The end of a sentence (end marks, closing quotes or brackets, then a space or the end)
# or a blank line: [.!?]+["'”’)\]]*(?=\s|$)|\n[ \t\r]*\n, written to open with the set
# of its first characters so that re skips in C to the next one.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=\n)[ \t\r]*\n)")
# \b(?:thank|thanks|thanking|thankful|appreciat\w*|grateful|gratitude)\b
_THANKS = re.compile(
    _at_word_start("thank", "thanks", "thanking", "thankful", r"appreciat\w*", "grateful", "gratitude") + r"\b"
)
_THANKS_SIGN_OFF = re.compile(r"[ \t]*(?:thank|thanks|thanking|many\s+thanks|with\s+(?:gratitude|thanks|appreciation)|gratefully)")


def _lower(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True, slots=True)
class _Note:
    """The regions of a note that the checks read (``text`` is lower-cased)."""

    text: str
    shape: Layout
    start: int  # after the greeting
    end: int  # before the sign-off
    opening: tuple[tuple[int, int], ...]  # sentences
    words: int
    vocabulary: tuple[str, ...]

    def has(self, words: frozenset[str], phrases: re.Pattern[str] | None = None) -> bool:
        """Whether the note (greeting to sign-off) holds a cue word or cue phrase."""
        if not words.isdisjoint(self.vocabulary):
            return True
        return bool(phrases and phrases.search(self.text, self.start, self.end))


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for found in _SENTENCE_END.finditer(text, start, end):
        if text[pos : found.end()].strip():
            spans.append((pos, found.end()))
        pos = found.end()
    if text[pos:end].strip():
        spans.append((pos, end))
    return spans


def _blank_line(text: str, start: int, end: int, *, last: bool = False) -> int:
    """Where the first (or the last) blank line in ``text[start:end]`` begins, or -1: a
    line break followed by another, each ``\\n`` or ``\\r\\n`` (a note typed on Windows)."""
    find = text.rfind if last else text.find
    found = [at for at in (find("\n\n", start, end), find("\n\r\n", start, end)) if at >= 0]
    if not found:
        return -1
    return max(found) if last else min(found)


def _note(analysis: Analysis) -> _Note | None:
    """The note's regions, found once per draft: every structure check reads them."""
    return analysis.shared("structure.note", lambda: _note_of(analysis.draft.body))


_TAIL = 700  # characters searched for the last three sentences of a note


def _note_of(part: DraftPart) -> _Note | None:
    """The regions of a body part that the structure checks read."""
    shape = layout(part)
    if not shape.lines:
        return None
    text = _lower(part.analysis)
    start = shape.greeting[1] if shape.greeting else shape.start
    end = shape.sign_off[0] if shape.sign_off else shape.end
    if end <= start or not text[start:end].strip():
        return None
    # Opening: the sentences of the first paragraph (at most three), or the first two.
    opening: list[tuple[int, int]] = []
    first_break = _blank_line(text, start, end)
    pos = start
    for found in _SENTENCE_END.finditer(text, start, end):
        if text[pos : found.end()].strip():
            if len(opening) >= 2 and (first_break != -1 and pos >= first_break):
                break
            opening.append((pos, found.end()))
            if len(opening) == 3:
                break
        pos = found.end()
    else:
        if len(opening) < 3 and text[pos:end].strip():
            opening.append((pos, end))
    return _Note(text, shape, start, end, tuple(opening), word_count(part), all_words(part))


def _closing(note: _Note) -> tuple[int, int]:
    """The close of a note: its last paragraph, or its last three sentences if that is shorter.

    Found only when asked for: one check reads it, and only for a thank-you note that is
    declared or inferred, so most drafts never need it.
    """
    text, start, end = note.text, note.start, note.end
    last_break = _blank_line(text, start, end, last=True)
    tail = max(start, end - _TAIL)
    ends = [found.end() for found in _SENTENCE_END.finditer(text, tail, end) if found.end() < end]
    if text[ends[-1] if ends else tail : end].strip():
        ends.append(end)  # the last sentence has no end mark
    three = ends[-4] if len(ends) >= 4 else tail
    closing = min(three, last_break) if last_break >= start else three
    return closing, end


def _thanks_for_meeting(sentence: str, courtesy: bool) -> bool:
    words = set(_TOKEN.findall(sentence))
    if words.isdisjoint(MEETING_WORDS):
        return False
    if not words.isdisjoint(THANKS_WORDS):
        return True
    return courtesy and (not words.isdisjoint(_COURTESY_WORDS) or bool(_COURTESY_PHRASES.search(sentence)))


def _opening_thanks(note: _Note, courtesy: bool = False) -> bool:
    return any(_thanks_for_meeting(note.text[s:e], courtesy) for s, e in note.opening)


def infer_stage(analysis: Analysis) -> tuple[str | None, bool]:
    """The stage the structure checks use, and whether the writer declared it.

    A declared ``Context.stage`` wins. Otherwise a note whose opening thanks them for an
    interview, meeting, conversation or their time, and does not read as a check-in
    ("following up on", "any update", "since we spoke"), is taken as a thank-you.
    """
    stage = analysis.context.stage
    if stage:
        return stage, True
    # Five checks ask for the stage of the same draft: read the opening once.
    return analysis.shared("structure.stage", lambda: _read_stage(analysis))


def _read_stage(analysis: Analysis) -> tuple[str | None, bool]:
    """The stage read from the opening of a note without a declared one (see :func:`infer_stage`)."""
    note = _note(analysis)
    if note is None or not _opening_thanks(note):
        return None, False
    opening = (note.opening[0][0], note.opening[-1][1])
    if _CHECK_IN.search(note.text, *opening):
        return None, False
    return "thank-you", False


def _anchor(note: _Note, where: str) -> tuple[int, int]:
    shape = note.shape
    if where == "greeting":
        span = shape.greeting or shape.first_line
    else:
        span = shape.sign_off or shape.last_line
    assert span is not None  # a note with text always has lines
    return span


def _min_words(options: Mapping[str, Any], default: int, declared: bool = True) -> int:
    """The word gate: ``min_words`` for a declared stage, ``min_words_inferred`` otherwise."""
    key = "min_words" if declared else "min_words_inferred"
    value = options.get(key, default)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else default


def _role_phrase(role: str | None) -> str:
    if not role or not role.strip():
        return "the role"
    role = " ".join(role.split())
    if re.search(r"\b(?:role|position|job|post|opening|internship|residency|fellowship)\b", role.lower()):
        return role if role.lower().startswith(("the ", "a ", "an ", "your ")) else "the " + role
    return f"the {role} role"


def _hit(analysis: Analysis, note: _Note, where: str, declared: bool) -> Hit:
    start, end = _anchor(note, where)
    context = analysis.context
    stage = context.stage
    if stage == "thank-you":
        label = "This thank-you note"
    elif stage == "follow-up":
        label = "This check-in"
    else:
        label = "This note (read as a thank-you)" if not declared else "This note"
    names = [p.name.split()[0] for p in context.interviewers if p.name.split()]
    args = {
        "note": label,
        "role": _role_phrase(context.role),
        "company": context.company.name if context.company else "the team",
        "name": names[0] if names else "",
    }
    return Hit("body", start, end, args=args)


def _thank_you(analysis: Analysis, options: Mapping[str, Any], *, inferred_ok: bool) -> tuple[_Note, bool] | None:
    stage, declared = infer_stage(analysis)
    if stage != "thank-you" or (not declared and not (inferred_ok and options.get("infer_stage", True))):
        return None
    note = _note(analysis)
    if note is None or (not declared and note.shape.sign_off is None):
        # An inferred thank-you is checked only when it is visibly complete (it ends
        # with a sign-off): excerpts and notes cut short say nothing about what is missing.
        return None
    return note, declared


def _long_enough(note: _Note, declared: bool, options: Mapping[str, Any]) -> bool:
    """Whether the note is long enough to be asked for the element (see the options)."""
    return note.words >= _min_words(options, 50 if declared else 80, declared)


def opening_thanks(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you note that does not open by thanking them for the meeting (A17).

    Runs only when the writer declared the stage (an inferred thank-you opens with
    thanks by definition). The opening is the first paragraph, or the first two or three
    sentences; "It was a pleasure meeting you" counts as thanks in spirit.

    Options:
        min_words: shorter notes are not checked (0).
    """
    found = _thank_you(analysis, options, inferred_ok=False)
    if found is None:
        return
    note, declared = found
    if note.words < _min_words(options, 0) or _opening_thanks(note, courtesy=True):
        return
    yield _hit(analysis, note, "greeting", declared)


def why_you_fit(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you note that never says why the writer fits the role (A18).

    Options:
        min_words: notes shorter than this are not asked to argue fit (50): a two-line
            note after a screening call is fine without it.
        min_words_inferred: the same for a thank-you read from the opening (80).
        infer_stage: also check notes read as thank-yous without a declared stage (true).
    """
    yield from _thank_you_lacks(analysis, options, FIT_WORDS, FIT_PHRASES, "greeting")


def continued_interest(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you note that never says the writer is still interested (A19).

    Options:
        min_words: shorter notes are not checked (50).
        min_words_inferred: the same for a thank-you read from the opening (80).
        infer_stage: also check notes read as thank-yous without a declared stage (true).
    """
    yield from _thank_you_lacks(analysis, options, INTEREST_WORDS, INTEREST_PHRASES, "sign-off")


def _thank_you_lacks(
    analysis: Analysis, options: Mapping[str, Any], words: frozenset[str], phrases: re.Pattern[str] | None, where: str
) -> Iterable[Hit]:
    """One hit at ``where`` when a long enough thank-you note holds none of the cues."""
    found = _thank_you(analysis, options, inferred_ok=True)
    if found is None:
        return
    note, declared = found
    if _long_enough(note, declared, options) and not note.has(words, phrases):
        yield _hit(analysis, note, where, declared)


def _sentence_around(note: _Note, pos: int) -> tuple[int, int]:
    """The sentence of the note holding offset ``pos`` (bounded by . ! ? and line breaks)."""
    text = note.text
    begin = max(text.rfind(c, note.start, pos) for c in ".!?\n") + 1
    stop = _SENTENCE_END.search(text, pos, note.end)
    return max(begin, note.start), stop.end() if stop else note.end


def _states_follow_up(note: _Note) -> bool:
    """Whether one sentence both promises a next contact and names a time for it."""
    verbs = _PROMISE_WORDS.intersection(note.vocabulary)
    if not verbs:
        return False
    text = note.text
    seen: set[int] = set()
    for verb in verbs:
        pos = text.find(verb, note.start, note.end)
        while pos != -1 and len(seen) < 20:
            start, end = _sentence_around(note, pos)
            if start not in seen:
                seen.add(start)
                if _PROMISE.search(text, start, end) and _WHEN.search(text, start, end):
                    return True
            pos = text.find(verb, end, note.end)
    return False


def follow_up_time(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you note that does not say when the writer will follow up (A19).

    Most published sample notes end with "I look forward to hearing from you", so
    this runs only when the writer declared the stage (``infer_stage`` is false by
    default). A sentence counts when it promises a next contact ("I'll follow up",
    "I will check in", "I'll be in touch") and names a time ("next week", "by Friday",
    "in two weeks", "if I haven't heard by…").

    Options:
        min_words: shorter notes are not checked (50).
        min_words_inferred: the same for a thank-you read from the opening (80).
        infer_stage: also check notes read as thank-yous without a declared stage (false).
    """
    found = _thank_you(analysis, {**options, "infer_stage": options.get("infer_stage", False)}, inferred_ok=True)
    if found is None:
        return
    note, declared = found
    if not _long_enough(note, declared, options) or _states_follow_up(note):
        return
    yield _hit(analysis, note, "sign-off", declared)


def closing_thanks(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A thank-you note that does not thank them again at the close (A19).

    The closing is the last paragraph (or the last three sentences); a sign-off such as
    "Thank you," or "With gratitude," counts.

    Options:
        min_words: shorter notes are not checked (50).
        min_words_inferred: the same for a thank-you read from the opening (80).
        infer_stage: also check notes read as thank-yous without a declared stage
            (false: many clean templates close with "I look forward to the next steps").
    """
    found = _thank_you(analysis, {**options, "infer_stage": options.get("infer_stage", False)}, inferred_ok=True)
    if found is None:
        return
    note, declared = found
    if not _long_enough(note, declared, options):
        return
    sign_off = note.shape.sign_off
    if sign_off and _THANKS_SIGN_OFF.match(note.text, sign_off[0], sign_off[1]):
        return
    if _THANKS.search(note.text, *_closing(note)):
        return
    yield _hit(analysis, note, "sign-off", declared)


def _check_in(analysis: Analysis, options: Mapping[str, Any], default_words: int) -> _Note | None:
    if analysis.context.stage != "follow-up":
        return None
    note = _note(analysis)
    if note is None or note.words < _min_words(options, default_words):
        return None
    return note


def checkin_pleasantry(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A check-in that does not open with a pleasantry (A21).

    Runs only for a declared check-in (stage ``follow-up``). The opening is the first
    paragraph or the first two or three sentences; "I hope your week is going well",
    "I trust the launch went smoothly" and thanks for an earlier conversation count.

    Options:
        min_words: shorter notes are not checked (0).
    """
    note = _check_in(analysis, options, 0)
    if note is None:
        return
    start, end = note.opening[0][0], note.opening[-1][1]
    words = set(note.text[start:end].split())
    cue = not _PLEASANTRY_WORDS.isdisjoint(words) or not _COURTESY_WORDS.isdisjoint(words)
    if cue and (
        _PLEASANTRY.search(note.text, start, end)
        or _THANKS.search(note.text, start, end)
        or _COURTESY_PHRASES.search(note.text, start, end)
        or not _COURTESY_WORDS.isdisjoint(_TOKEN.findall(note.text, start, end))
    ):
        return
    yield _hit(analysis, note, "greeting", True)


def checkin_recall(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A check-in that never recalls where things stood (A21).

    Looks anywhere in the note for a reference to the earlier conversation or timeline:
    "you mentioned a decision by…", "when we spoke on the 4th", "during my interview",
    "we agreed I would…".

    Options:
        min_words: shorter notes are not checked (0).
    """
    note = _check_in(analysis, options, 0)
    if note is None or _RECALL.search(note.text, note.start, note.end):
        return
    yield _hit(analysis, note, "greeting", True)


def checkin_value(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A check-in that brings nothing new: no result, course, idea or useful link (A22).

    Options:
        min_words: shorter notes are not checked (0); the too-short rule covers pings.
    """
    note = _check_in(analysis, options, 0)
    if note is None or note.has(VALUE_WORDS, VALUE_PHRASES):
        return
    yield _hit(analysis, note, "sign-off", True)
