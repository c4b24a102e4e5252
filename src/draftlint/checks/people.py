"""Checks that need to know who a note is for: senior name-dropping and group notes.

Name-dropping (A16)
    A note leans on someone senior at the company when it puts a *senior person* and
    a *leverage cue* in one sentence: "a friend of your CEO", "your VP of Sales
    suggested I apply", "Dana Reyes can vouch for me", "your founder has put in a good
    word". A senior person is a title (CEO and the other chief officers, president,
    founder, VP, director, head of …, managing partner, board member, chair, "your
    boss") or a name listed in ``Context.senior_people``. Each cue family is its own
    rule, so that each finding says what kind of pressure it reads as:

    * :func:`senior_connection`: a personal tie ("I know", "a friend of", "close with",
      "Dana and I are close", "your VP, an old colleague of mine"), also through the
      writer's family ("my father golfs with your chairman");
    * :func:`senior_referral`: the senior person sent the writer ("recommended me",
      "at the suggestion of", "told me to reach out to you");
    * :func:`senior_vouch`: the senior person is offered as a backer ("can vouch",
      "feel free to ask her about me");
    * :func:`senior_lobbying`: the senior person has pushed or will push for the writer
      ("will put in a (good) word", "speak up for me", "has my back", "will back me",
      "mentioned my name", "assured me I would be given every consideration"), or the
      writer took the candidacy to them ("I spoke with your CFO about my candidacy",
      "I had coffee with your CFO. We talked about my application").

    A listed senior person counts by full name or alias, and by first name, surname or
    "Ms. Surname" unless someone else in the context shares it (then it names neither
    for sure). Names match in any case ("keith brennan"), except names made only of
    ordinary English words ("Will Grant", "Hope Banks"), which need their capitals. A
    pronoun ("ask her about me", "she said she'd speak up for me") counts when a senior
    person was named in the same or the previous sentence and no other person ("my
    mentor") came after them; the same goes for the words between a senior person and
    a cue further along the sentence.

    Leadership named without a cue ("the CEO's keynote"), thanks to an interviewer who
    happens to be a director, and meeting people during the interview are not findings:
    they carry no cue. People the writer met (``Context.interviewers``, ``Context.met``)
    are never senior contacts, by name or by their listed title. When the employer
    asked for a referral (``Context.referral_requested``), naming the referrer and
    offering them as a reference is what was asked, so the referral and vouching rules
    stay silent; the tie and lobbying rules still run.

    Seniority comes from titles and the context, never from a guess: a named person
    without a title or a ``senior_people`` entry is not treated as senior, whatever a
    trained pipeline's PERSON entities say about them (a name alone tells nothing of
    rank, and the names that matter are in the context).

Group notes (A13)
    One note for several interviewers shows in three places. Each rule reports its own
    place, whatever the others find: a draft that opens "Hi team" and thanks "you all"
    gets both findings, because each is a separate edit, and a user who turns one rule
    off (say, to allow "Dear Hiring Committee") still hears from the others:

    * the greeting (:func:`group_greeting`, :func:`no_addressee`,
      :func:`several_names`): "Dear all", "Hi team", "Dear Hiring Committee",
      "Dear Dana and Team"; "To whom it may concern", "Dear Sir or Madam"; "Hi Jake,
      Jill, and Maria". A greeting to one unknown reader ("Dear Hiring Manager",
      "Dear Sir", "Dear Recruiter") is not a group and is left alone;
    * the recipients (:func:`several_recipients`): more than one interviewer among
      ``Context.recipients`` (an ``.eml`` file's To and Cc), not counting role
      mailboxes such as ``careers@``;
    * the body (:func:`plural_address`, the weakest sign): the writer speaks to several
      readers about the meeting ("thank you all for your time", "it was great meeting
      each of you"). Thanks for something else ("thank you all for your patience"),
      "all the best", "I enjoyed meeting the whole team" and names in the body are
      left alone: they fit a one-to-one note.

All matching is on the analysis text (quotes, signatures and front matter blanked), with
the greeting found by :func:`draftlint.stats.layout`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..models import Context, Person
from ..stats import SALUTATION, WORD, all_words, layout
from .base import Analysis, Hit

__all__ = [
    "group_greeting",
    "no_addressee",
    "plural_address",
    "senior_connection",
    "senior_lobbying",
    "senior_referral",
    "senior_vouch",
    "several_names",
    "several_recipients",
]

# --------------------------------------------------------------------------------------
# Senior people
# --------------------------------------------------------------------------------------

# Titles that are senior wherever they stand ("Marketing Director Jane Roe", "CEO").
# _TITLE_BY_LETTER below restates these and _WEAK_TITLE for the lower-case gate: a
# title added here goes there too, and its words into the gate's property test.
_STRONG_TITLE = r"""
    c(?:e|f|t|o|m|i|p|r|d|x|hr|is|s)o\b
  | chief\s+(?:[a-z]+\s+){1,2}officer | chief\s+of\s+staff
  | (?:senior\s+|executive\s+|assistant\s+)?vice[\s-]+presidents? | presidents?
  | (?:co-?)?founders?
  | (?:s|e|a)?vps?\b | v\.p\.
  | directors?\b
  | head\s+of\s+(?:the\s+)?[a-z]+ | department\s+head
  | chair(?:man|woman|person)\b | board\s+chair | chair\s+of\s+the\s+board
  | board\s+members? | members?\s+of\s+(?:your|the)\s+board | board\s+of\s+directors
  | general\s+manager | managing\s+partners? | senior\s+partners? | founding\s+partners?
  | senior\s+leaders? | senior\s+leadership | higher[\s-]ups?
"""
# Words that are senior only with a determiner in front ("my partner" is a spouse,
# "product owner" a job title, "the chair" may be furniture).
_THEIR_SENIORS = r"(?:boss|owners?|partners|chair|board|executive\s+team|leadership\s+team)\b"
_NOT_AN_EXECUTIVE = r"(?!\s+(?:assistant|summary|search|coach|producer))"
_WEAK_TITLE = rf"""
    (?:your|the)\s+{_THEIR_SENIORS}
  | your\s+(?:manager|supervisor)\b
  | (?:a|one\s+of\s+(?:your|the))\s+(?:partners?|owners?)\s+(?:at|of|in|there)\b
  | owners?\s+of\s+(?:your|the)\b
  | (?:an|the|your|senior|top)\s+executives?\b{_NOT_AN_EXECUTIVE}
  | executives\b(?!\s+(?:assistant|summary|search))
"""
_TITLE = rf"(?:{_STRONG_TITLE}|{_WEAK_TITLE})"
# The same titles for the gate on lower-cased text, grouped by their first letter with
# that letter written once: re skips a group whose letter is not next in C, where each
# branch opening with a group or an optional part was entered and left one by one (the
# gate took half the time of the name-drop check). A position's letter selects one
# group, and each group keeps its branches in the order above, so the gate finds the
# same title at every position.
_TITLE_BY_LETTER = rf"""
    a(?: ssistant\s+vice[\s-]+presidents? | vps?\b | \s+(?:partners?|owners?)\s+(?:at|of|in|there)\b
       | n\s+executives?\b{_NOT_AN_EXECUTIVE} )
  | b(?: oard\s+chair | oard\s+members? | oard\s+of\s+directors )
  | c(?: (?:e|f|t|o|m|i|p|r|d|x|hr|is|s)o\b | hief\s+(?:[a-z]+\s+){{1,2}}officer | hief\s+of\s+staff | o-?founders?
       | hair(?:man|woman|person)\b | hair\s+of\s+the\s+board )
  | d(?: irectors?\b | epartment\s+head )
  | e(?: xecutive\s+vice[\s-]+presidents? | vps?\b | xecutives\b(?!\s+(?:assistant|summary|search)) )
  | f(?: ounders? | ounding\s+partners? )
  | general\s+manager
  | h(?: ead\s+of\s+(?:the\s+)?[a-z]+ | igher[\s-]ups? )
  | m(?: embers?\s+of\s+(?:your|the)\s+board | anaging\s+partners? )
  | o(?: ne\s+of\s+(?:your|the)\s+(?:partners?|owners?)\s+(?:at|of|in|there)\b | wners?\s+of\s+(?:your|the)\b )
  | presidents?
  | s(?: enior\s+vice[\s-]+presidents? | vps?\b | enior\s+partners? | enior\s+leaders? | enior\s+leadership
       | enior\s+executives?\b{_NOT_AN_EXECUTIVE} )
  | t(?: he\s+{_THEIR_SENIORS} | (?:he|op)\s+executives?\b{_NOT_AN_EXECUTIVE} )
  | v(?: ice[\s-]+presidents? | ps?\b | \.p\. )
  | y(?: our\s+{_THEIR_SENIORS} | our\s+(?:manager|supervisor)\b | our\s+executives?\b{_NOT_AN_EXECUTIVE} )
"""
# An optional lead-in: "your", "the company's", "one of your", then up to three words
# naming the department or rank ("your VP of Sales", "Marketing Director", "deputy head").
_MODIFIER = (
    r"(?:(?!(?:my|our|your|his|her|their|the|a|an|i)\b)(?-i:[A-Z])[\w&-]*|senior|executive|deputy|associate|assistant|regional|global|managing|creative|technical"
    r"|medical|clinical|marketing|sales|finance|financial|operations|engineering|product|design|people|programme"
    r"|program|project|department|division|country|area|general|founding|former|new|current|company['’]s)"
)
_LEAD = rf"(?:(?:your|the|a|an|one\s+of\s+(?:your|the)|(?-i:[A-Z])[\w&-]*['’]s)\s+)?(?:{_MODIFIER}\s+){{0,3}}?"
# After a title: "of Engineering", "at Acme", "of the college", and an appositive name
# ("Dana Reyes").
_PLACE = (
    r"(?:college|company|firm|board|school|department|team|division|group|organi[sz]ation|business|practice|agency"
    r"|hospital|trust|bank|studio|lab|office|charity|foundation|university|district|store|restaurant|clinic"
    r"|branch|site|plant|region|unit|campus|chapter|subsidiary|hub|factory|warehouse|depot|location|parent\s+company)"
)
# "of Engineering", "of the board", "of your Lagos office" (a place name before the place).
_TAIL = (
    rf"(?:\s+(?:of|for|at)\s+(?:(?-i:[A-Z])[\w&-]*(?:\s+(?-i:[A-Z])[\w&-]*){{0,2}}"
    rf"|(?:the|your)\s+(?:(?-i:[A-Z])[\w&-]*\s+){{0,2}}{_PLACE}\b))?"
    r"(?:\s*,?\s*(?:Mr\.?|Ms\.?|Mrs\.?|Mx\.?|Dr\.?)?\s*(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?)?"
)
# Abbreviations whose dot does not end a sentence.
_ABBREV = r"(?:\b(?-i:Mr|Ms|Mrs|Mx|Dr|Jr|Sr|St|Inc|Co|Ltd)\.)"
_GAP = rf"(?:[^.!?\n]|{_ABBREV})"
_HONORIFICS = ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Mr", "Ms", "Mrs", "Mx", "Dr")

_KIN = (
    r"(?:friend|friends|acquaintance|neighbou?r|cousin|relative|uncle|aunt|father|mother|dad|mum|mom|brother(?:-in-law)?"
    r"|sister(?:-in-law)?|classmate|roommate|flatmate|golf(?:ing)?\s+(?:buddy|partner)|godfather|godmother|mentor)"
)
# Relatives and partners, for a tie that runs through the writer's family ("my father
# golfs with your chairman"); "partner" counts here because a spouse's tie is still one.
_FAMILY = (
    rf"(?:{_KIN}|wife|husband|spouse|partner|fianc[eé]e?|son|daughter|parents|family|grand(?:father|mother|pa|ma)"
    r"|(?:father|mother)-in-law|in-laws|best\s+friend)"
)
# What the writer may be to a senior person: "my former manager", "an old colleague of mine".
_TIE_MODIFIER = (
    r"(?:close|good|old|dear|great|best|longtime|long-time|family|personal|college|university|childhood|school|former"
    r"|previous|first|one-time|very)"
)
_TIE = (
    r"(?:friend|acquaintance|neighbou?r|cousin|relative|uncle|aunt|brother|sister|classmate|roommate|flatmate|mentor"
    r"|godfather|godmother|colleague|co-?worker|teammate|professor|teacher|tutor|lecturer|coach)"
)
# Someone the writer reported to counts only in the past ("my former manager"): "your VP,
# my future manager" is the role talking.
_PAST_BOSS = r"(?:former|previous|old|first|one-time|ex-?)\s+(?:boss|manager|supervisor|line\s+manager|team\s+lead)"
# Leverage cues, by family. ``{S}`` stands for a senior person; ``{P}`` (her/him/them)
# and ``{H}`` (she/he/they) for a pronoun that refers back to one in the same or the
# previous sentence.
_CONNECTION = (
    # "I know your CEO personally", "I've known your founder for years"
    (
        r"\bi(?:\s+(?:personally|actually|also|really|already|have|do))*(?:\s+know|\s+known|['’]ve(?:\s+(?:personally|long|always))*\s+known)\s+{S}"
        r"(?=\s*(?:personally|well|quite\s+well|very\s+well|from|through|socially|since|for\s+(?:years|a\s+long)|outside"
        r"|[.;!)]|$|\s+and\b|,\s*(?:personally|well|quite|very|from|through|socially|since|outside|and|so|but|as|who|whom"
        r"|which|we|she|he|they)\b))"
    ),
    # "a close friend of your CFO", "my neighbour, your VP of Sales,"
    (
        r"\b(?:a|an|my|our)\s+(?:(?:close|good|old|dear|longtime|long-time|family|personal|college|childhood|school|former"
        r"|mutual)\s+)*" + _KIN + r"(?:\s+of\s+|\s*,\s*|\s+and\s+|\s+)(?:mine\s*,?\s*)?{S}"
    ),
    # "my uncle is the CFO of your parent company"
    r"\b(?:my|our)\s+" + _KIN + r"\s+(?:is|was|happens\s+to\s+be)\s+{Y}",
    # "your CEO is an old friend of mine", "Dana Reyes and I go way back"
    (
        r"{S}\s*,?\s*(?:is|who\s+is|happens\s+to\s+be|has\s+been)\s+(?:a|an|my|our)\s+"
        r"(?:(?:close|good|old|dear|longtime|long-time|family|personal|college|childhood|former)\s+)*"
        r"(?:friend|acquaintance|neighbou?r|cousin|relative|uncle|aunt|brother|sister|classmate|roommate|mentor|godfather|godmother)\b"
    ),
    (
        r"{S}\s+and\s+i\s+(?:are|were|have\s+been|go|went|grew|used\s+to\s+be|worked|played)\s+"
        r"(?:(?:old|close|good|longtime|long-time)\s+)?(?:friends|classmates|roommates|neighbou?rs|colleagues|way\s+back|back|up|together)\b"
    ),
    # "I'm close with your CFO", "on first-name terms with the founder"
    (
        r"\b(?:close|(?:good\s+|old\s+)?friends|friendly|on\s+first[-\s]name\s+terms|well\s+acquainted|acquainted"
        r"|in\s+(?:regular\s+)?touch|connected)\s+with\s+{S}"
    ),
    # "Dana and I are close", "your founder and I know each other well"
    (
        r"{S}\s+and\s+i\s+(?:are|were|have\s+(?:always\s+)?been|became|got|remain|stay(?:ed)?)\s+"
        r"(?:(?:very|really|quite|pretty|so|still|always)\s+)*(?:close|tight|friendly|pals|mates|buddies)\b"
        r"(?!\s+(?:in|to|on|by|at)\b)"
    ),
    r"{S}\s+and\s+i\s+(?:know|have\s+known|knew)\s+each\s+other\b",
    (
        r"{S}\s+and\s+i\s+(?:(?:regularly|often|still|sometimes|used\s+to)\s+)?(?:play|played|golf|golfed|sail|sailed|train"
        r"|trained|climb|climbed|studied|went\s+to\s+(?:school|college|university))\b(?:\s+[\w-]+){0,2}?\s+together\b"
    ),
    # "I'm very close to your CEO"
    r"\b(?:i\s+am|i['’]m|we\s+are|we['’]re)\s+(?:(?:very|really|quite|pretty|personally)\s+)?close\s+to\s+{S}",
    # "your VP, an old colleague of mine,", "the director of your Lagos office is my former mentor"
    (
        r"{S}\s*(?:,\s*(?:(?:who\s+is|who['’]s|who\s+was)\s+)?|\s+(?:is|was|who\s+is|happens\s+to\s+be|has\s+been)\s+)"
        rf"(?:(?:my|our)\s+(?:{_TIE_MODIFIER}\s+)*(?:{_TIE}|{_PAST_BOSS})\b(?!['’]s|-)"
        rf"|(?:a|an)\s+(?:{_TIE_MODIFIER}\s+)*(?:{_TIE}|{_PAST_BOSS})\s+of\s+(?:mine|ours|my|our)\b)"
    ),
    # "my father golfs with your chairman", "my sister worked under your CTO"
    (
        r"\b(?:my|our)\s+(?:(?:close|good|old|dear|best|late|own)\s+)*" + _FAMILY + r"(?:\s+(?:regularly|often|still|also|actually"
        r"|sometimes|once))?\s+(?:(?:golfs|golfed|plays|played|sails|sailed|fishes|fished|hunts|rides|runs|cycles|lunches|dines"
        r"|trains|trained|socialis(?:es|ed)|socializ(?:es|ed)|studied|served|grew\s+up|went\s+to\s+(?:school|college|university)"
        r"|is\s+(?:close|friends|friendly|old\s+friends|good\s+friends|neighbou?rs)|was\s+(?:at\s+(?:school|college|university)"
        r"|roommates|classmates|friends)|works?|worked|used\s+to\s+work|goes\s+(?:way\s+)?back|went\s+(?:way\s+)?back)"
        r"(?:\s+[\w-]+){0,2}?\s+(?:with|alongside|under|for)\s+|(?:knows|knew|has\s+known)\s+){Y}"
    ),
    # "my mother and your founder are old friends"
    (
        r"\b(?:my|our)\s+(?:(?:close|good|old|dear|best|late|own)\s+)*" + _FAMILY + r"\s+and\s+{Y}\s+(?:are|were|have\s+been"
        r"|go|went|grew|play|played|golf|golfed|sail|sailed|used\s+to|studied|served|worked|know|knew)\b"
    ),
    # "I used to work with your CTO"
    (
        r"\bi(?:\s+(?:used\s+to|once|previously|have|also)|['’]ve)?\s+(?:work|worked|served|reported)\s+(?:closely\s+)?"
        r"(?:with|under|for|to)\s+{Y}"
    ),
)
_REFERRAL = (
    # "your CEO recommended me", "Dana Reyes suggested I apply"
    (
        r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:(?:recommended|referred|nominated)\s+(?:me|that\s+i|i\s+(?:apply|reach|contact|write|get|send))"
        r"|suggested\s+(?:that\s+)?(?:i|me)\b|put\s+me\s+(?:forward|in\s+touch|in\s+contact)|pointed\s+me\s+(?:to|toward)"
        r"|(?:encouraged|urged|asked|told|invited)\s+me\s+to\s+(?:apply|reach\s+out\s+to\s+you|contact\s+you|get\s+in\s+touch\s+with\s+you"
        r"|write\s+to\s+you|e-?mail\s+you|send\s+(?:you|my)|follow\s+up\s+with\s+you|connect\s+with\s+you)"
        r"|(?:pass|passed|forward|forwarded|send|sent|share|shared)\s+(?:along\s+|on\s+)?my\s+(?:resume|résumé|cv|name|details"
        r"|application|profile))"
    ),
    # "at the suggestion of your VP", "on the recommendation of Dana Reyes"
    r"\b(?:at|on|following)\s+the\s+(?:suggestion|recommendation|urging|advice|request|invitation|encouragement)\s+of\s+{S}",
    r"\b(?:at|on|following)\s+{S}['’]s\s+(?:suggestion|recommendation|urging|advice|request|invitation|encouragement)",
    # "I was referred by your COO"
    (
        r"\b(?:was|been|am|being)\s+(?:personally\s+)?(?:referred|recommended|nominated|sent|pointed)\s+"
        r"(?:(?:to|toward|towards|for)\s+(?:you|this|the|your)(?:\s+[\w-]+){0,2}?\s+)?by\s+{S}"
    ),
)
# A pronoun for a senior person named just before, and what they said they would do:
# "she said she'd", "he told me he would", "they offered to", "she will".
_SHE_SAID = (
    r"\b{H}(?:\s+(?:has\s+|have\s+)?(?:said|says|told\s+me|promised|insisted)\s+(?:that\s+)?(?:she|he|they))?"
    r"(?:\s*(?:would|will|['’]d|['’]ll|can|could)|\s+(?:(?:has\s+|have\s+)?(?:offered|agreed|promised)|is\s+going|plans)\s+to)?"
)
_VOUCH = (
    # "your CFO can vouch for me", "Dana would be delighted to speak to my work"
    (
        r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:(?:can|could|will|would|'ll|’ll|is|has|have)(?:\s+(?:be|been|kindly|gladly|also|certainly"
        r"|surely|always))*\s+(?:(?:more\s+than\s+)?(?:happy|glad|delighted|pleased|willing|ready)\s+to\s+|offered\s+to\s+"
        r"|agreed\s+to\s+)?|offered\s+to\s+|agreed\s+to\s+)(?:gladly\s+|happily\s+|personally\s+)?"
        r"(?:vouch|speak\s+(?:to|for|about|of|on\s+behalf\s+of)\s+(?:me|my)|attest|confirm\s+my|tell\s+you\s+(?:more\s+)?about\s+(?:me|my)"
        r"|expound|give\s+(?:you\s+)?(?:a\s+)?(?:reference|recommendation)|serve\s+as\s+(?:a\s+|my\s+)?reference"
        r"|act\s+as\s+(?:a\s+|my\s+)?reference|be\s+(?:a|my)\s+reference|recommend\s+me)"
    ),
    r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:knows|has\s+seen)\s+(?:me|my\s+work)\s+(?:well|personally|first[-\s]hand|closely|from|through)",
    (
        r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:is|has\s+been)\s+(?:very\s+|quite\s+|well\s+|closely\s+)?(?:familiar|acquainted)\s+with\s+"
        r"(?:me\b|my\s+(?:work|background|record|skills))"
    ),
    # "feel free to ask your VP about me", "please check with her about my work"
    (
        r"\b(?:ask|asking|speak\s+(?:with|to)|talk\s+(?:with|to)|check\s+with|consult|contact|call|reach\s+out\s+to)\s+{S}"
        r"\s+(?:about|regarding|for\s+(?:a\s+)?reference\s+on|on)\s+(?:me\b|my\b)"
    ),
    r"\b(?:ask|asking|speak\s+(?:with|to)|talk\s+(?:with|to)|check\s+with|consult)\s+{P}\s+(?:about|regarding|on)\s+(?:me\b|my\b)",
    # "... and she said she'd vouch for me", after a senior person
    (
        _SHE_SAID + r"\s*(?:(?:gladly|happily|also|certainly)\s+)?(?:vouch\s+for\s+me|be\s+(?:a|my)\s+reference"
        r"|act\s+as\s+(?:a|my)\s+reference|give\s+(?:you\s+)?(?:a\s+)?(?:reference|recommendation))"
    ),
)
# Pushing for the writer, in the words people use for it: "put in a (good) word", "speak
# up for me", "go to bat for me", "has my back", "will back me", "pull some strings".
_BACKING = (
    r"(?:put(?:s|ting)?\s+(?:in\s+a\s+(?:good\s+|kind\s+|positive\s+)?word|a\s+(?:good\s+|kind\s+)?word\s+in))"
    r"|(?:say|says|said|saying)\s+a\s+(?:few\s+)?(?:good|kind|nice)\s+words?\s+(?:for|about|on\s+behalf\s+of)\s+me\b"
    r"|(?:speak|speaks|spoke|spoken|speaking|stand|stands|stood|stick|sticks|stuck)\s+up\s+for\s+me\b"
    r"|(?:go|goes|going|went|gone)\s+to\s+bat\s+for\s+me\b"
    r"|(?:has|have|['’]s\s+got|['’]ve\s+got)\s+my\s+back\b"
    r"|(?:is|['’]s|are|was)\s+(?:firmly\s+|squarely\s+|very\s+much\s+|fully\s+)?in\s+my\s+corner\b"
    r"|(?:will|would|['’]ll|['’]d|to|can|could)\s+(?:(?:fully|certainly|definitely|happily|gladly|strongly|personally|also)\s+)?"
    r"(?:(?:back|champion|push\s+for|fight\s+for|advocate\s+for|lobby\s+for)\s+me\b"
    r"|(?:back|support|endorse|champion|push\s+for|fight\s+for|advocate\s+for|lobby\s+for)\s+my\s+(?:candidacy|application|hiring|case)\b"
    r"|(?:speak|talk|have\s+a\s+(?:quiet\s+)?word)\s+(?:with|to)\s+(?:you|the\s+(?:team|panel|hiring\s+\w+))\s+"
    r"(?:about|on\s+behalf\s+of|regarding)\s+(?:me\b|my\s+(?:candidacy|application|profile)))"
    r"|pull(?:s|ed|ing)?\s+(?:a\s+few\s+|some\s+|a\s+couple\s+of\s+)?strings\b"
)
# What the writer's candidacy came up as, in a talk with someone senior.
_MY_CANDIDACY = (
    r"(?:my\s+(?:candidacy|application|chances|prospects|hiring|fit\s+for\s+(?:the|this)\s+(?:role|team|job|position)"
    r"|interest\s+in\s+(?:the|this)\s+(?:role|position|job|opening))|me\s+joining)\b"
)
# A meeting outside the interview: "I had coffee with", "I caught up with", "I ran into".
_SOCIAL = (
    r"\b(?:i|we)(?:\s+(?:also|recently|actually|even|happened\s+to))?\s+(?:(?:had|grabbed|got|shared|enjoyed|went\s+(?:out\s+)?for)"
    r"\s+(?:a\s+|an\s+)?(?:(?:quick|long|lovely|nice|great|short|informal)\s+)?(?:coffee|lunch|dinner|drinks?|breakfast|beers?"
    r"|tea|meal|catch-up|chat)\s+with|caught\s+up\s+with|ran\s+into|bumped\s+into|sat\s+(?:next\s+to|beside)"
    r"|spent\s+(?:some\s+)?time\s+with)\s+{S}(?!['’])"
)
# Up to one sentence further on, within the same paragraph.
_PASSAGE = r"(?P<gap>" + _GAP + r"{0,100}?(?:[.!?;]\s+" + _GAP + r"{0,60}?)?)"
# What someone senior told the writer to expect: "every consideration", "the job is mine".
_OUTCOME = (
    r"\b(?:(?:every|special|full|serious|favou?rable|priority)\s+consideration|(?:a|an)\s+(?:offer|shoo-in|sure\s+thing"
    r"|formality|done\s+deal)\b|in\s+the\s+bag|the\s+(?:job|role|position|offer|post)\s+(?:is|was|would\s+be|will\s+be)\s+mine"
    r"|(?:would|will|['’]d|['’]ll|to)\s+(?:(?:definitely|certainly|surely)\s+)?(?:get|land|be\s+offered|receive)\s+"
    r"(?:the|this|an?)\s+(?:job|role|position|offer|post)|(?:would|will|['’]d|['’]ll)\s+(?:(?:definitely|certainly)\s+)?be\s+"
    r"(?:hired|taken\s+care\s+of|looked\s+after|fast-tracked|given\s+(?:every|special|priority|serious|favou?rable)\s+"
    r"(?:consideration|treatment|attention|look)))"
)
_LOBBYING = (
    # "your CEO said she would put in a good word", "Dana has my back"
    r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:" + _BACKING + ")",
    # "... and she said she'd speak up for me", after a senior person
    _SHE_SAID + r"\s*(?:" + _BACKING + ")",
    # "your chairman, who assured me I would be given every consideration"
    r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:assured|promised|guaranteed|reassured|told)\s+(?:me|us)\b" + _GAP + r"{0,50}?" + _OUTCOME,
    r"\b(?:was|been)\s+(?:personally\s+)?(?:assured|promised|guaranteed|told)\s+by\s+{S}" + _GAP + r"{0,50}?" + _OUTCOME,
    # "I had coffee with your CFO, and we spoke about my candidacy"
    (
        _SOCIAL + _PASSAGE + r"\b(?:we|(?:she|he|they)\s+and\s+i)\s+(?:(?:\w+ly|also|even|then)\s+)?(?:spoke|talked|chatted"
        r"|discussed|went\s+over|covered|got\s+(?:to\s+)?talking|ended\s+up\s+(?:talking|discussing|chatting))\s+"
        r"(?:[\w'’-]+\s+){0,4}?(?:about\s+|over\s+|through\s+)?" + _MY_CANDIDACY
    ),
    _SOCIAL + _PASSAGE + r"\b(?:she|he|they)\s+(?:asked|enquired|inquired)\s+(?:me\s+)?(?:about|after)\s+" + _MY_CANDIDACY,
    # "your founder and I discussed my application over lunch"
    (
        r"{S}\s+and\s+i\s+(?:(?:\w+ly|also|even)\s+)?(?:spoke|talked|chatted|discussed|went\s+over)\s+"
        r"(?:[\w'’-]+\s+){0,4}?(?:about\s+)?" + _MY_CANDIDACY
    ),
    # "I raised my application with your COO", "I let your CEO know that I had applied"
    (
        r"\bi(?:['’]ve|\s+have|\s+also|\s+already|\s+recently|\s+even)*\s+(?:discussed|raised|brought\s+up|talked\s+through"
        r"|went\s+over|mentioned)\s+" + _MY_CANDIDACY + r"\s+(?:with|to)\s+{S}"
    ),
    (
        r"(?<!\bas\s)\bi(?:\s+(?:also|even|already))?\s+(?:mentioned\s+to|told|let)\s+{Y}(?:\s+know)?" + _GAP
        + r"{0,50}?\b(?:that\s+)?i\s+(?:had\s+|have\s+|['’]d\s+|['’]ve\s+|was\s+)?(?:applied|applying|been\s+interviewing"
        r"|interviewed\s+(?:here|with\s+you)|in\s+the\s+running|up\s+for\s+(?:the|this)\s+(?:role|job|position))"
    ),
    # "Dana Reyes mentioned my name to you"
    r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:mentioned|mentions|dropped|passed\s+along|brought\s+up)\s+(?:my\s+name|me\s+to\s+you)",
    # "your VP has spoken with you about my candidacy"
    (
        r"{S}(?P<gap>" + _GAP + r"{0,60}?)\b(?:spoke|spoken|speaks|talked|talks|chatted|has\s+been\s+in\s+touch)\s+(?:with|to)\s+"
        r"(?:you|your|the|someone)" + _GAP + r"{0,30}?\babout\s+(?:me\b|my\s+(?:candidacy|application|hiring|profile))"
    ),
    # "I spoke with your CFO about my candidacy"
    (
        r"\bi(?:['’]ve|\s+have|\s+also|\s+already|\s+recently)*\s+(?:spoke|spoken|talked|chatted|discussed\s+this)\s+"
        r"(?:with|to)\s+{S}" + _GAP + r"{0,40}?\b(?:about|regarding|and\s+(?:mentioned|raised|told\s+(?:him|her|them)\s+about))\s+"
        r"(?:my\s+(?:candidacy|application|chances|prospects|hiring|interest)|me\s+joining)"
    ),
    # "your founder is keen on my application", "the COO wants me on the team"
    (
        r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:is|was|seems|seemed|has\s+been)\s+(?:very\s+|really\s+|quite\s+|so\s+)?"
        r"(?:keen|eager|enthusiastic|excited|supportive)\s+(?:about|on|of)\s+(?:me\b|my\s+(?:candidacy|application|joining|hiring))"
    ),
    (
        r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:endorsed|endorses|backs|backed|supports|championed|is\s+backing|is\s+championing"
        r"|vouched\s+for|has\s+vouched\s+for)\s+(?:me\b|my\s+(?:candidacy|application))"
    ),
    (
        r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:wants|wanted|would\s+like|would\s+love|is\s+hoping)\s+(?:me|to\s+(?:see|have)\s+me)\s+"
        r"(?:on|to\s+join|in|at|to\s+be\s+(?:on|part))\b"
    ),
    r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:asked|told)\s+me\s+to\s+(?:mention|say\s+(?:hello|hi)|pass\s+on|let\s+you\s+know)",
    r"{S}(?P<gap>" + _GAP + r"{0,40}?)\b(?:has\s+)?(?:given|gave)\s+(?:me\s+)?(?:(?:his|her|their)\s+)?(?:blessing|endorsement|seal\s+of\s+approval)",
)
_PRONOUN = r"(?:her|him|them)"
_SUBJECT_PRONOUN = r"(?:she|he|they)"
# Every pattern is written with explicit \s, so white space in the source is layout only.
_FLAGS = re.IGNORECASE | re.VERBOSE

# Ordinary English words that are also first names or surnames. A name made only of
# such words must be written with its capitals to count ("Will Grant will put in a good
# word", not "I will grant that"); any other name also matches in lower case
# ("keith brennan told me to reach out"). spaCy's stop words add "will", "may", "else" ….
_ORDINARY_WORDS = frozenset(STOP_WORDS) | frozenset(
    """
    will grant bill hope mark rose may june april august joy faith grace dawn summer autumn winter amber ruby pearl
    jade iris lily ivy holly heather daisy violet sky river rain storm chase hunter archer baker cook mason smith miller
    taylor turner walker brown green white black gray grey young long short little wood woods hill hills field fields
    bank banks rich frank earnest sterling price cash king knight bishop dean marshal major page love sunny patience
    victor guy pat sue rob bob don jack ray art bud drew gene lane dale glen clay cliff rock stone brook brooks ford
    hall wells park parks fisher fox wolf crane bird swan lamb bush reed rush moss berry nash cross lord noble bright
    best strong hardy moody wise sharp keen bliss case good hale hart hunt early penny candy robin wren jay crystal
    hazel olive willow ash rowan sage frost snow gale miles max norm duke earl prince rex rusty sandy dusty buck buddy
    sonny angel chance justice liberty destiny misty carter cooper porter butler potter fletcher tanner wright
    chandler brewer shepherd steward ward bell ball head west east north south english french scott mills small
    power powers swift bolt star honey tucker royal mercy constance prudence else kit
    """.split()
)
_HONORIFIC_WORDS = frozenset(h.rstrip(".").casefold() for h in _HONORIFICS)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _ordinary(name: str) -> bool:
    """Whether every word of a name (honorifics aside) is also an ordinary English word."""
    words = [w.casefold() for w in _NAME_WORD.findall(name) if w.casefold() not in _HONORIFIC_WORDS]
    return all(w in _ORDINARY_WORDS for w in words)


def _name_forms(person: Person) -> tuple[set[str], set[str]]:
    """The ways a draft may name a person, as (whole names, partial names): the full name
    and aliases; the first name, the last name and an honorific with the last name."""
    names = {person.name.strip(), *(a.strip() for a in person.aliases)}
    whole: set[str] = set()
    partial: set[str] = set()
    for name in filter(None, names):
        words = [w for w in name.split() if w not in _HONORIFICS]
        whole.add(name)
        if words:
            whole.add(" ".join(words))
            if len(words) > 1 and len(words[0]) >= 3:
                partial.add(words[0])
            if len(words) > 1 and len(words[-1]) >= 3:
                partial.add(words[-1])
                partial.update(f"{h} {words[-1]}" for h in ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Mr", "Ms", "Mrs", "Dr"))
    return whole, partial - whole


def _variants(person: Person) -> list[str]:
    """The ways a draft may name a person: full name, aliases, first or last name,
    and an honorific with the last name."""
    whole, partial = _name_forms(person)
    return sorted(whole | partial, key=len, reverse=True)


def _name_pattern(names: Iterable[str]) -> str:
    """An alternation of names: in any case when the name is not made of ordinary words,
    with its capitals otherwise (the caller compiles it with IGNORECASE)."""
    ordered = sorted(set(names), key=len, reverse=True)
    loose = "|".join(re.escape(n) for n in ordered if not _ordinary(n))
    strict = "|".join(re.escape(n) for n in ordered if _ordinary(n))
    parts = [p for p in (loose and f"(?:{loose})", strict and f"(?-i:{strict})") if p]
    return rf"\b(?:{'|'.join(parts)})\b" if parts else ""


def _key(person: Person) -> str:
    return " ".join(person.name.casefold().split())


_FAMILIES = {"connection": _CONNECTION, "referral": _REFERRAL, "vouch": _VOUCH, "lobbying": _LOBBYING}


@dataclass(frozen=True, slots=True)
class _Seniors:
    """The compiled patterns of one context: titles plus its senior people's names.

    The cue patterns of each family (forty-one in all, 0.2 s to compile) are compiled
    the first time a draft names someone senior; most drafts and most template
    libraries never do, and a trigger word alone ("customer success manager") only
    needs the gate.
    """

    gate: re.Pattern[str]  # a title or a senior name: without one, nothing can match
    # The title gate alone without IGNORECASE, for lower-cased ASCII text (None when
    # names join the gate: a name of ordinary words must keep its capitals).
    lower_gate: re.Pattern[str] | None
    titles: re.Pattern[str]
    senior: str  # the pattern of a senior person, for {S}
    yours: str  # of a title at this company or a senior name, for {Y}
    compiled: dict[str, tuple[_Cue, ...]]

    def family(self, name: str) -> tuple[_Cue, ...]:
        """The family's cue patterns, compiled on first use."""
        found = self.compiled.get(name)
        if found is None:
            found = self.compiled[name] = tuple(self._cue(p) for p in _FAMILIES[name])
        return found

    def _cue(self, pattern: str) -> _Cue:
        after = _after_senior(pattern)
        return _Cue(
            re.compile(_fill(pattern, self.senior, self.yours), _FLAGS),
            None if after is None else re.compile(_fill(after, self.senior, self.yours), _FLAGS),
            "{P}" in pattern or "{H}" in pattern,
        )


@dataclass(frozen=True, slots=True)
class _Cue:
    """One compiled cue pattern of a family."""

    pattern: re.Pattern[str]
    # What the pattern must match after the senior person it opens with (None when it
    # opens otherwise): a window where this finds nothing cannot hold a match.
    screen: re.Pattern[str] | None
    needs_antecedent: bool  # a pronoun stands for the senior person


_OPENING_GAP = re.compile(r"\(\?P<gap>" + re.escape(_GAP) + r"\{0,\d+\}\?\)")


def _after_senior(pattern: str) -> str | None:
    """The part of a cue pattern after its opening senior person and the gap after them,
    or ``None`` for a pattern that does not open with ``{S}``.

    Where the whole pattern matches, this part matches inside the same stretch, so it
    can rule a window out. Tried at each position of a window, the senior person
    (optional lead-in words, a title, an optional name) with a gap of up to 60
    characters after it cost milliseconds for a mail naming a director, where the cue
    alone takes microseconds.
    """
    if not pattern.startswith("{S}"):
        return None
    rest = pattern[len("{S}") :]
    gap = _OPENING_GAP.match(rest)
    return rest[gap.end() :] if gap else rest


@lru_cache(maxsize=64)
def _compile(names: tuple[str, ...]) -> _Seniors:
    named = _name_pattern(names)
    # Titles match in any case; names too, unless made of ordinary words ("Will Grant").
    who = rf"(?:{named}(?:['’]s\b)?)" if named else ""
    title = rf"\b{_LEAD}(?:{_TITLE}){_TAIL}"
    senior = f"(?:{title}|{who})" if who else title
    # {Y}: titles the writer can only mean at this company ("your CTO"), or a name.
    yours = rf"\b(?:your|(?-i:[A-Z])[\w&-]*['’]s)\s+(?:{_MODIFIER}\s+){{0,3}}?(?:{_TITLE}){_TAIL}"
    yours += rf"|\b(?:the|a|an)\s+(?:{_MODIFIER}\s+){{0,3}}?(?:{_TITLE})\s+(?:of|at|in)\s+(?:your|this)\s+(?:[\w&-]+\s+)?{_PLACE}\b"
    yours = f"(?:{yours}|{who})" if who else f"(?:{yours})"
    gate = re.compile(rf"(?:\b(?:{_TITLE})|{who})" if who else rf"\b(?:{_TITLE})", _FLAGS)
    # On text with A–Z lower-cased (see _ascii_lowered), the plain pattern finds the
    # same titles as the case-blind one, several times faster.
    lower_gate = None if who else re.compile(rf"\b(?:{_TITLE_BY_LETTER})", re.VERBOSE)
    return _Seniors(gate, lower_gate, re.compile(rf"\b(?:{_TITLE})", _FLAGS), senior, yours, {})


def _fill(pattern: str, senior: str, yours: str) -> str:
    """A cue pattern with its placeholders ``{S}``, ``{Y}`` and ``{P}`` filled; the
    senior person is the group ``who``."""
    return (pattern.replace("{S}", f"(?P<who>{senior})").replace("{Y}", f"(?P<who>{yours})")
            .replace("{P}", _PRONOUN).replace("{H}", _SUBJECT_PRONOUN))


def _known(context: Context) -> list[Person]:
    """People the writer met: they are contacts from the interview, not leverage."""
    return [*context.interviewers, *context.met]


def _seniors(context: Context) -> list[Person]:
    """Senior people the writer did not meet."""
    met = {_key(p) for p in _known(context)}
    return [p for p in context.senior_people if _key(p) not in met]


def _others(context: Context) -> list[Person]:
    """Everyone else the context names: interviewers, people met, recipients, the sender."""
    senior = {_key(p) for p in _seniors(context)}
    people = [*context.interviewers, *context.met, *context.recipients, *([context.sender] if context.sender else [])]
    return [p for p in people if _key(p) not in senior]


@lru_cache(maxsize=256)
def _senior_names(context: Context) -> tuple[str, ...]:
    """How the draft may name a senior person. A first name, surname or "Ms. Surname"
    that someone else in the context shares says nothing about who is meant ("Brennan"
    when the interviewer is Molly Brennan and the CFO Keith Brennan), so it is left out;
    full names and aliases always count."""
    taken = {v.casefold() for p in _others(context) for v in _variants(p)}
    return _names_of(_seniors(context), taken)


@lru_cache(maxsize=256)
def _met_names(context: Context) -> tuple[str, ...]:
    """How the draft may name someone the writer met, less the partial names that a
    senior person shares (those name neither for sure)."""
    shared = {v.casefold() for p in _seniors(context) for v in _name_forms(p)[1]}
    return _names_of(_known(context), shared)


def _names_of(people: Iterable[Person], ambiguous: set[str]) -> tuple[str, ...]:
    """Every full name and alias of ``people``, and their partial names unless
    ``ambiguous`` holds them (case-folded); longest first, for the alternation."""
    names: set[str] = set()
    for person in people:
        whole, partial = _name_forms(person)
        names.update(whole)
        names.update(v for v in partial if v.casefold() not in ambiguous)
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=64)
def _compile_names(names: tuple[str, ...]) -> re.Pattern[str] | None:
    pattern = _name_pattern(names)
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _met_mention(text: str, context: Context, titles: re.Pattern[str]) -> bool:
    """Whether a matched passage names someone the writer met, or gives a senior title
    that one of them holds ("your VP" when the interviewer is "VP, Sales")."""
    names = _compile_names(_met_names(context))
    if names is not None and names.search(text):
        return True
    lowered = text.casefold()
    for person in _known(context):
        for title in titles.finditer(person.title or ""):
            if re.search(rf"\b{re.escape(title.group().casefold())}\b", lowered):
                return True
    return False


def _name_drops(analysis: Analysis, family: str) -> Iterable[Hit]:
    """Sentences that pair a senior person with one family's leverage cues.

    Leadership named without a cue ("the CEO's keynote", "the director of the film")
    never matches: every pattern needs the cue next to the senior person.
    """
    found = analysis.shared("people.seniors", lambda: _find_seniors(analysis))
    if found is None:
        return
    text, seniors, windows = found
    context = analysis.context
    taken: list[tuple[int, int]] = []
    for cue in seniors.family(family):
        pattern, needs_antecedent = cue.pattern, cue.needs_antecedent
        for window_start, window_end in windows:
            if cue.screen is not None and cue.screen.search(text, window_start, window_end) is None:
                continue
            for found in pattern.finditer(text, window_start, window_end):
                start, end = found.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                passage = text[start:end]
                if needs_antecedent and not _antecedent(text, start, seniors, context):
                    continue
                if _met_mention(passage, context, seniors.titles) or re.search(r"\byou\b", _between(passage), re.IGNORECASE):
                    continue
                if "gap" in pattern.groupindex and _someone_else(found.group("gap") or ""):
                    # "your CEO gave a talk; my mentor said she'd speak up for me"
                    continue
                if "who" in pattern.groupindex and _MINE.search(text, max(0, found.start("who") - 40), found.start("who")):
                    continue
                taken.append((start, end))
                yield Hit("body", start, end)


# Words of which a draft must hold one before any regex runs: most drafts name no one
# senior, and the word list is already computed for other checks.
_TRIGGERS = frozenset(
    "ceo cfo cto coo cmo cio cpo cro cdo cxo chro ciso cso chief president presidents founder founders co-founder "
    "cofounder vp vps svp evp avp v.p director directors head chair chairman chairwoman chairperson board boss "
    "manager supervisor owner owners partner partners executive executives leaders leadership higher-ups higher-up "
    "higher".split()  # "higher ups" in two words
)


def _find_seniors(analysis: Analysis) -> tuple[str, _Seniors, list[tuple[int, int]]] | None:
    """The body's text, the compiled patterns and the windows around senior people, or
    ``None`` when the body names no one senior (shared by the four name-drop checks)."""
    part = analysis.draft.body
    names = _senior_names(analysis.context)
    words = all_words(part)
    keys = _keys(names)
    # A joined word holds a title as a part: "Vice-President", "co-CEO". The joined
    # words are split in one call, with a space between them (no word holds one).
    if keys.isdisjoint(words) and keys.isdisjoint(
        _JOINER_OR_SPACE.split(" ".join([word for word in words if not word.isalnum()]))
    ):
        return None
    seniors = _compile(names)
    text = part.nlp_text
    gate, lowered = seniors.gate, None
    if seniors.lower_gate is not None:
        lowered = _ascii_lowered(text)
        if lowered is not None:
            gate = seniors.lower_gate
    windows = _windows(text, gate, lowered)
    return (text, seniors, windows) if windows else None


# The characters other than A–Z that IGNORECASE matches to an ASCII letter: İ and ı
# to "i", ſ to "s", the Kelvin sign to "k".
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def _ascii_lowered(text: str) -> str | None:
    """``text`` with A–Z lower-cased and every other character kept, or ``None`` when it
    holds a character that IGNORECASE matches to an ASCII letter.

    Where it is not ``None``, a pattern of lower-case ASCII letters finds on it what it
    finds with IGNORECASE on ``text``, at the same offsets. Mail often holds a curly
    apostrophe or a dash; encoded, only the ASCII bytes change case.
    """
    if text.isascii():
        return text.lower()
    if any(c in text for c in _FOLDS_TO_ASCII):
        return None
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


@lru_cache(maxsize=64)
def _keys(names: tuple[str, ...]) -> frozenset[str]:
    """The trigger words, and the words (and joined parts) of the senior names."""
    words = [w for n in names for w in WORD.findall(n.lower())]
    return _TRIGGERS.union(words, (part for w in words for part in _JOINER.split(w)))


_JOINER = re.compile(r"['’.-]")
_JOINER_OR_SPACE = re.compile(r"['’. -]")


_BEFORE, _AFTER = 160, 260  # characters a cue pattern may reach before and after the senior person
_SENTENCE_END = re.compile(r"[.!?\n]")


def _windows(text: str, gate: re.Pattern[str], searched: str | None = None) -> list[tuple[int, int]]:
    """Stretches of text around each title or senior name, merged, each ending at a
    sentence end: the cue patterns run only there (most drafts name nobody senior).

    ``searched`` is the text the gate runs on when it is not ``text`` itself (its
    lower-cased form, with the same offsets).
    """
    windows: list[tuple[int, int]] = []
    for found in gate.finditer(text if searched is None else searched):
        start = max(0, found.start() - _BEFORE)
        stop = _SENTENCE_END.search(text, min(len(text), found.end() + _AFTER))
        end = stop.end() if stop else len(text)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


# "my former director", "my previous boss": the writer's own past colleagues, not
# senior people at this company.
_MINE = re.compile(r"\bmy\s+(?:(?:former|old|previous|current|last|first|ex-?|then|own)\s+)*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _between(passage: str) -> str:
    """The words between a senior person and the cue, where a "you" means the reader
    did the recommending, not the senior person."""
    cut = re.search(r"\b(?:recommended|referred|suggested|encouraged|urged|asked|told|invited|can|could|will|would"
                    r"|is|has|put|mentioned|spoke|talked)\b", passage, re.IGNORECASE)
    return passage[: cut.start()] if cut else ""


# Someone else the pronoun may point to: "my mentor", "our old coach", "a recruiter".
_OTHER_PERSON = re.compile(
    rf"\b(?:(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?(?:{_FAMILY}|{_TIE}|boss|manager|supervisor|referee|reference)s?"
    r"|(?:a|the|your)\s+recruiter)\b",
    re.IGNORECASE,
)


# An aside right after the senior person is about them: "your VP, my former mentor, …".
_APPOSITIVE = re.compile(r"\s*,\s*(?:(?:who\s+is|who['’]s)\s+)?(?:my|our|a|an)\b[^,.;!?]{0,50},", re.IGNORECASE)


def _someone_else(between: str) -> bool:
    """Whether the words after a senior person name another person ("my sister") whom
    what follows may be about, an aside about the senior person aside."""
    aside = _APPOSITIVE.match(between)
    return bool(_OTHER_PERSON.search(between, aside.end() if aside else 0))


def _antecedent(text: str, start: int, seniors: _Seniors, context: Context) -> bool:
    """Whether a pronoun at ``start`` ("ask her about me", "she said she'd speak up
    for me") refers back to a senior person: one is named in this sentence or the one
    before, nobody the writer met is, and no other person comes between."""
    sentences = _SENTENCE_BREAK.split(text[max(0, start - 300) : start])
    before = " ".join(sentences[-2:])
    last = None
    for last in seniors.gate.finditer(before):
        pass
    if last is None or _met_mention(before, context, seniors.titles):
        return False
    return not _someone_else(before[last.end() :])


def senior_connection(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A claimed personal tie to someone senior at the company (A16)."""
    yield from _name_drops(analysis, "connection")


def senior_referral(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Someone senior sent the writer; silent when the employer asked for a referral (A16)."""
    if analysis.context.referral_requested:
        return
    yield from _name_drops(analysis, "referral")


def senior_vouch(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Someone senior is offered as a backer; silent when a referral was asked for (A16)."""
    if analysis.context.referral_requested:
        return
    yield from _name_drops(analysis, "vouch")


def senior_lobbying(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """Someone senior has pushed, or will push, for the writer (A16)."""
    yield from _name_drops(analysis, "lobbying")


# --------------------------------------------------------------------------------------
# Group notes
# --------------------------------------------------------------------------------------

_NOBODY = re.compile(
    r"\bto\s+whom\s+it\s+may\s+concern\b|\bsirs?\s*(?:/|\bor\b|\band\b)\s*(?:madams?|mesdames|ma['’]?am)\b"
    r"|\b(?:madams?|ma['’]?am)\s*(?:/|\bor\b|\band\b)\s*sirs?\b",
    re.IGNORECASE,
)
# Words that make the addressee a group. "Team" followed by a role ("Team Lead") is one
# person; "Hiring Manager" and "Recruiter" in the singular are one unknown reader.
_GROUP = re.compile(
    r"\b(?:all(?!\s+the\s+(?:way|best|same)\b)|everyone|everybody|y['’]?all|folks|guys|gang|crew|people|both|colleagues|friends"
    r"|team(?!\s+(?:lead|leader|manager|member|coordinator|captain)\b)|teams|panel|panell?ists|committee|committees"
    r"|board|department|staff|interviewers|recruiters|managers|members|leaders|partners|sirs|gentlemen|ladies"
    r"|you\s+(?:all|both|two))\b",
    re.IGNORECASE,
)
# Capitalised words that are not names when they stand in a greeting.
_NOT_NAMES = frozenset(
    "company co co. inc inc. llc ltd corp corporation group hiring manager recruiter recruiting hr human resources "
    "talent acquisition department office sir madam ma'am thanks thank you hope good morning afternoon evening "
    "again there i i'm i've it just quick happy great".split()
)
# A first line that greets a group without a salutation word: "All,", "Hiring team:",
# "To the Platform team:", "To the members of the search committee,", "To all,".
_BARE_GREETING = re.compile(
    r"(?:to\s+(?=the\b|all\b|every)|to\s+the\s+members\s+of\s+)?"
    r"(?:ladies\s+and\s+gentlemen|(?:all|everyone|everybody|folks)(?:\s+(?:at|on)\s+(?:the\s+)?[\w&.'’-]+(?:\s+[\w&.'’-]+){0,2}?)?"
    r"|(?:the\s+)?(?:(?!thanks?\b|cheers\b|great\b|go\b)[\w&-]+\s+){0,2}?(?:team|panel|committee)s?"
    r"(?:\s+(?:at|of)\s+(?:the\s+)?[\w&.'’-]+(?:\s+[\w&.'’-]+){0,2}?)?)"
    r"\s*[,:!—–-]?",
    re.IGNORECASE,
)
# Emoji (with their joiners, variation selectors and skin tones) close a casual greeting.
_EMOJI = r"[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]"
# A casual opening to a group, when the line carries on: "morning all 👋 …", "hey all –
# …", "afternoon everyone! …". It needs a mark after the group word (punctuation, a
# dash, an emoji or the end of the line): "morning all went well" is not a greeting.
_CASUAL_GREETING = re.compile(
    r"(?:(?:good\s+)?(?:morning|afternoon|evening)|mornin['’]?|hey|hi|hiya|hello|howdy|greetings)\s*,?\s+"
    r"(?:all|everyone|everybody|folks|y['’]?all|guys|gang|team|people|both|you\s+(?:all|both|two))"
    rf"(?:\s*(?:[,:!.;—–]+|-(?=\s)|{_EMOJI}+)(?:\s*{_EMOJI}+)*|\s*$)",
    re.IGNORECASE,
)
# Where the addressee of a greeting ends, when the layout ran the greeting on into the
# first sentence ("Hi Dana just wanted to thank the whole team for …,"): an emoji, a
# spaced dash, or a word that starts a clause.
_ADDRESSEE_END = re.compile(
    rf"\s*{_EMOJI}|\s[-–]\s|\s+(?:i|i['’]m|i['’]ve|i['’]d|just|thanks?|wanted|want|hope|hoping|it|it['’]s|this|that|we|so"
    r"|quick|great|was|were|is|really|what|loved|enjoyed)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b)\s*", re.IGNORECASE)
_CONNECTOR = re.compile(r"(?:&|\band\b)", re.IGNORECASE)
_STOP = re.compile(r"[,:!;—]")


@dataclass(frozen=True, slots=True)
class _Greeting:
    """What the greeting says about its readers: ``kind`` is ``group``, ``nobody``,
    ``names`` (with ``count`` names) or ``one``."""

    start: int
    end: int
    kind: str
    count: int = 1


def _name_like(chunk: str, known: frozenset[str]) -> bool:
    words = [w for w in chunk.split() if w.rstrip(".") not in ("Mr", "Ms", "Mrs", "Mx", "Dr", "Prof", "Professor", "Miss")]
    if not 1 <= len(words) <= 3:
        return False
    if " ".join(words).casefold() in known or any(w.casefold() in known for w in words):
        return True
    return all(
        w[0].isupper() and w.casefold() not in _NOT_NAMES and re.fullmatch(r"[^\W\d_]+(?:['’.-][^\W\d_]*)*", w)
        for w in words
    )


def _names(addressee: str, known: frozenset[str]) -> int:
    """How many people a greeting's addressee names (0 when it is not a list of names)."""
    chunks = [c for c in _SPLIT.split(addressee.strip(" \t,:;!—-")) if c.strip()]
    if len(chunks) < 2 or not all(_name_like(c, known) for c in chunks):
        return 0
    return len(chunks)


def _classify(addressee: str, known: frozenset[str]) -> tuple[str, int]:
    if _NOBODY.search(addressee):
        return "nobody", 0
    if _GROUP.search(addressee):
        return "group", 0
    count = _names(addressee, known)
    return ("names", count) if count >= 2 else ("one", 1)


def _greeting(analysis: Analysis) -> _Greeting | None:
    """The greeting and what it says about the readers (computed once per draft)."""
    return analysis.shared("people.greeting", lambda: _read_greeting(analysis))


@lru_cache(maxsize=256)
def _addressable(context: Context) -> frozenset[str]:
    """Every way of naming the people a greeting may address, case-folded."""
    return frozenset(
        n.casefold() for p in (*context.interviewers, *context.recipients, *context.met) for n in _variants(p)
    )


def _read_greeting(analysis: Analysis) -> _Greeting | None:
    part = analysis.draft.body
    text = part.analysis
    shape = layout(part)
    known = _addressable(analysis.context)
    if shape.greeting is None:
        # A greeting with no salutation word ("All,", "Team,", "To the Platform team:"),
        # or a casual one the layout does not read as a greeting ("morning all 👋 …").
        line = shape.first_line
        if line is None:
            return None
        start, end = line
        if _BARE_GREETING.fullmatch(text, start, end):
            return _Greeting(start, end, "group")
        casual = _CASUAL_GREETING.match(text, start, end)
        if casual:
            return _Greeting(start, casual.end(), "group")
        return None
    start, end = shape.greeting
    salutation = SALUTATION.match(text, start, end)
    body = salutation.end() if salutation else start
    kind, count = _classify(text[body:end], known)
    cut = _ADDRESSEE_END.search(text, body, end) if kind != "nobody" else None
    if cut and cut.start() > body:
        # The addressee stops before a run-on clause, and so does a group greeting,
        # keeping an emoji that closes it ("hey all 👋").
        casual = _CASUAL_GREETING.match(text, start, end)
        addressee_end = casual.end() if casual else cut.start()
        kind, count = _classify(text[body:addressee_end], known)
        if kind != "one":
            end = addressee_end
    if kind == "one":
        # The layout stops a long greeting line at its first comma ("Hi Jake," of
        # "Hi Jake, Jill, and Maria, thank you ..."): read on along the line for a list.
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        limit = min(line_end, start + 80)
        for stop in _STOP.finditer(text, end, limit):
            addressee = text[body : stop.start()]
            if not _CONNECTOR.search(addressee):
                continue
            more = _names(addressee, known)
            if more >= 2:
                end, kind, count = stop.end(), "names", more
        # Trailing punctuation belongs to the greeting, as layout reports it.
    return _Greeting(start, end, kind, count)


_ROLE_MAILBOX = re.compile(
    r"^(?:careers?|jobs?|recruit\w*|talent\w*|hr|hiring|people|apply|applications?|no-?reply|info|hello|team|admin)@",
    re.IGNORECASE,
)
_ROLE_NAME = re.compile(r"\b(?:recruit\w*|talent|careers?|hr|human\s+resources|hiring\s+team|no-?reply)\b", re.IGNORECASE)


def _interviewers_addressed(context: Context) -> list[Person]:
    """Distinct people among the recipients who are interviewers (every recipient when
    no interviewer list is separate from them), role mailboxes left out."""
    recipients = []
    seen = set()
    for person in context.recipients:
        key = (person.email or "").casefold() or _key(person)
        if key in seen or _ROLE_MAILBOX.match(person.email or "") or _ROLE_NAME.search(person.name):
            continue
        seen.add(key)
        recipients.append(person)
    interviewers = {_key(p) for p in context.interviewers} | {(p.email or "").casefold() for p in context.interviewers if p.email}
    if interviewers:
        recipients = [p for p in recipients if _key(p) in interviewers or (p.email or "").casefold() in interviewers]
    return recipients


def group_greeting(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A greeting to a group: "Dear all", "Hi team", "Dear Hiring Committee" (A13)."""
    greeting = _greeting(analysis)
    if greeting is not None and greeting.kind == "group":
        yield Hit("body", greeting.start, greeting.end)


def no_addressee(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A greeting to nobody in particular: "To whom it may concern", "Dear Sir or Madam" (A13)."""
    greeting = _greeting(analysis)
    if greeting is not None and greeting.kind == "nobody":
        yield Hit("body", greeting.start, greeting.end)


def several_names(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """A greeting that names several people: "Hi Jake, Jill, and Maria" (A13)."""
    greeting = _greeting(analysis)
    if greeting is not None and greeting.kind == "names":
        yield Hit("body", greeting.start, greeting.end, args={"count": greeting.count})


def several_recipients(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """More than one interviewer among the recipients (To and Cc) (A13)."""
    people = _interviewers_addressed(analysis.context)
    if len(people) < 2:
        return
    shape = layout(analysis.draft.body)
    span = shape.greeting or shape.first_line
    if span is None:
        return
    names = ", ".join(p.name for p in people[:4]) + (", …" if len(people) > 4 else "")
    yield Hit("body", span[0], span[1], args={"count": len(people), "names": names})


# The meeting, as the object of thanks: "thank you all for your time", "… for having me".
_FOR_MEETING = (
    r"for\s+(?:(?:taking|making|finding)\b|your\s+(?:time|hospitality|insights?|questions|warm|kind|generous|thoughtful|welcome)"
    r"|the\s+(?:time|interview|interviews|conversation|conversations|chat|meeting|discussion|tour|warm|kind|opportunity"
    r"|invitation|insights?|welcome|afternoon|morning|panel)|(?:meeting|speaking|talking|chatting|interviewing|sitting"
    r"|having|hosting|welcoming|showing|including|inviting|seeing)\b|a\s+(?:great|wonderful|lovely|warm|productive|fun"
    r"|fascinating|helpful|good|really)|such\s+a|an?\s+\w+\s+(?:conversation|afternoon|morning|discussion|interview|visit))"
)
_PLURAL_YOU = (
    r"(?:you\s+all|y['’]all|you\s+both|you\s+two|all\s+of\s+you|each\s+of\s+you|both\s+of\s+you"
    r"|(?:all\s+)?the\s+(?:two|three|four|five|six)\s+of\s+you|all\s+(?:two|three|four|five|six)\s+of\s+you)"
)
_PLURAL_ADDRESS = re.compile(
    # Thanks to everyone at once, for the meeting or with nothing after it.
    r"\bthank(?:s|\s+you)\s*,?\s+(?:to\s+)?(?:you\s+)?(?:all|both|everyone|everybody|guys|folks|team|each\s+of\s+you"
    r"|all\s+of\s+you|both\s+of\s+you|(?:all\s+)?the\s+(?:two|three|four|five|six)\s+of\s+you)\b(?!\s+the\s+same)"
    rf"(?=\s*(?:[.!,;)]|$|so\s+much|very\s+much|(?:once\s+)?again|(?:so\s+much\s+|again\s+)?{_FOR_MEETING}))"
    r"|\bthank\s+(?:each|all|both)\s+of\s+you\b"
    # Meeting several readers: "it was great meeting all of you", "speaking with you both".
    r"|\b(?:meet(?:ing)?|met|speak(?:ing)?|spoke(?:n)?|talk(?:ing|ed)?|chat(?:ting|ted)?|interview(?:ing|ed)?"
    r"|getting\s+to\s+know|get\s+to\s+know|sitting\s+down|sat\s+down|visiting)\s+(?:with\s+|to\s+)?" + _PLURAL_YOU + r"\b"
    # Only several readers can be "both of you" or "each of you".
    r"|\b(?:each|both)\s+of\s+you\b|\byou\s+both\b",
    re.IGNORECASE,
)


def plural_address(analysis: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    """The body speaks to several readers about the meeting ("thank you all", "meeting
    each of you"): reported once, at the first place (A13)."""
    part = analysis.draft.body
    if not _PLURAL_PAIR.search(" " + " ".join(all_words(part)) + " "):
        return
    found = _PLURAL_ADDRESS.search(part.nlp_text)
    if found:
        yield Hit("body", found.start(), found.end())


# Word pairs of which a draft must hold one before the plural-address pattern runs,
# searched for in its words joined by single spaces: "you all", "you both", "you two",
# "of you", "y'all", "you everyone", "you team", "thanks all", "thanks to", ... One
# search, its branches shared by their first word, cost half as much as a substring
# test for each pair.
_PLURAL_PAIR = re.compile(
    r" (?:you (?:all|both|two|everyone|everybody|team|guys|folks)|of you|y['’]all"
    r"|thanks (?:all|everyone|everybody|team|guys|folks|both|to)) "
)
