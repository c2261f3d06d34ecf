"""Asks to a group and asks without "you" (issue 17).

List mail asks whoever reads it: "does anyone know …", "anyone seen this?", "suggestions
anyone?", "any ideas?", "is there a way to …", "somebody fix the setting", "it'd be a great
help". ``_group_ask`` tells such a question from a statement about people ("as much as
anyone else", "in case anyone wants it", "Anybody buying one will …"). ``gate`` uses them.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.features import _IMPERATIVE
from followthrough.detect.words import Needs


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GROUP_ASK: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:and |so |also |but |ok,? )?(?:does|did|has|have|is|are|was|were|can"
    r"|could|would|will|may|might|should) (?:anyone|anybody|someone|somebody|everyone|everybody"
    r"|people|folks|you all|y'all|you guys|any of you|one of you|all of you|others|other people"
    r"|the list|list members|anyone else)\b"
    r"|\b(?:anyone|anybody) (?:out there|here|else|on (?:this|the) list|know|knows|have|has|got"
    r"|seen|tried|care|want|wants|interested|able|willing|up for|fancy|familiar|recommend"
    r"|using|running|use|run|heard|had|done|come|figured|managed|succeeded|experienced)\b"
    r"|^(?:anyone|anybody)\b(?! who\b| that\b| with\b| in\b| at\b| on\b| from\b| else who\b)"
)
# "anyone" as the object or the yardstick of a statement, not the one asked: "as much as
# anyone else", "better than anybody", "without telling anyone", "a reason that anyone has
# been able to give", "neither he nor anyone else".
_GROUP_OBJECT: Final = re.compile(
    r"\b(?:than|as|nor|that|which|to|tell|telling|told|before"
    r"|without|for|from|by|with|like|of|about|against|unlike|why would|how could|can't|cannot"
    r"|won't|wouldn't|never|hardly)\W+$"
)
# A question to whoever reads it, without its verb: "So, anyone who isn't on the beta?",
# "Anyone game?", "Someone with a Mac?"
_CLAUSE_OPEN: Final = re.compile(
    r"(?:[,;:(.!?]|\s-+|\b(?:so|but|and|or|then|does|do|did|has|have|is|are|was|were|can|could"
    r"|would|will|may|might|should|please|also))\W*$"
)
_GROUP_BARE: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:and|so|also|but|ok|well),? )?(?:anyone|anybody|someone|somebody"
    r"|any(?: one|body) else)\b"
)
_NOUN_ASK: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:so,? |ok,? |and )?(?:any|some) (?:ideas|suggestions|thoughts"
    r"|hints|tips|pointers|advice|help|takers|volunteers|feedback|comments|input|clues"
    r"|recommendations|insights?|opinions|idea|suggestion|workarounds?|solutions?|answers?"
    r"|news|update|luck|word|progress)\b"
    r"|^(?:[a-z'-]+[,:] )?(?:so,? |and |also,? )?(?:is|are) there (?:any|a|an|some)"
    r" (?:[\w/-]+,? ){0,2}(?:way"
    r"|chance|tool|program|option|setting|trick|fix|workaround|solution|docs|documentation"
    r"|faq|howto|patch|package|rpm|version)s?\b"
    r"|^(?:thoughts|ideas|comments|suggestions|opinions|objections|volunteers|takers"
    r"|recommendations|alternatives|experiences|pointers|hints|tips|advice|clues|solutions"
    r"|workarounds|anyone|anybody|help)\W*$"
    # said without its verb: "Comments appreciated.", "Any help gratefully received!"
    r"|^(?:any |all |more )?(?:thoughts|ideas|comments|suggestions|feedback|input|help|advice"
    r"|pointers|hints|tips|corrections|opinions|reviews|testers|volunteers)(?: (?:and|or|&)"
    r" [a-z]+)? (?:(?:are|is) )?(?:(?:much|greatly|very much|most|always|very|highly) )?"
    r"(?:appreciated|welcome[d]?|gratefully received)\W*$"
)
# Whether something exists, asked of whoever knows: "Is there a GMT timezone on Windows?",
# "So the question is, is there a setting for the timeout?", "Are there any lists for C
# beginners?", "Is there anything in there hammie.py doesn't cover?". In mail such a
# question waits for the answer. Not an offer ("is there anything else I can do?"), not
# rhetoric ("is there no end to it?", "is there any doubt …", "is there anything worse
# than …?").
_THERE_ASK: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:so|and|but|also|ok|btw|well|then|now),? )*(?:(?:the|my) question"
    r" is,? )?(?:is|are) there(?:,? (?:perhaps|maybe|possibly|by any chance|still),?)? "
    r"(?![^?]*\b(?:anything|something)(?: else)? (?:(?:that )?i|we) (?:can|could|might)"
    r" (?:do|help))(?!no\b|any (?:doubt|wonder|question|hope)\b"
    # a stance adverb argues or exclaims ("Is there even one vendor that gets it right?",
    # "Is there really no way to turn it off?"): a plain question, at most suggested
    r"|(?:even|really|honestly|seriously|actually|truly)\b|(?:anything|anyone|anybody"
    r"|something) (?:more|less|worse|better|sadder|funnier|dumber|stupider)\b)[a-z]"
)
# "Any way to speed this up?": "is there any way to …?" without its verb.
_ANY_WAY: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:so|and|but|ok|also),? )?any ?way (?:to|of) [a-z]"
)
# The same noun question as the last clause: "I have the problem below, suggestions anyone?",
# "the build fails again - ideas, folks?"
_TAIL_NOUN_ASK: Final = Needs(
    "idea|suggestion|thought|hint|tip|pointer|advice|help|clue|recommendation|opinion|comment"
    "|input|feedback",
    r"(?:[,;:]|\s-+)\s*(?:so,? |and )?(?:any )?(?:ideas|suggestions|thoughts|hints|tips|pointers"
    r"|advice|help|clues|recommendations|opinions|comments|input|feedback)"
    r"(?:,? (?:anyone|anybody|someone|folks|people|all|guys|please))?\W*\?\W*$",
)
_GROUP_CONDITION: Final = re.compile(r"\b(?:in case|if|whether|unless|when|so that|for)\W*$")
_WONDER: Final = re.compile(r"\b(?:wonder|wondering|curious|ask|asking|know|see|check)\b")
# What the reader would tell or send the writer, said as the subject: "Letting us know
# your version would help", "Sending me the full log would be really helpful". A request
# in any context, like "your comments would be appreciated": tracked (``gate``).
_TELL_HELPS: Final = re.compile(
    r"^\W*(?:letting (?:me|us) know|telling (?:me|us)|sending (?:me |us )?|posting|forwarding"
    r"|pointing (?:me|us))\b[^.?!]{0,80}?\bwould (?:also |really |certainly |surely )?(?:help"
    r"|be (?:a |very |really |most |extremely )?(?:great |big |huge |real )?help(?:ful)?)\b"
)
# "it'd be a great help", "that would help a lot": a request without "you" (the writer's
# wish); at least suggested.
_HELP_WISH: Final = re.compile(
    r"\b(?:it|that|this)(?:'d| would) (?:be (?:a |of )?(?:great |big |huge |real |tremendous"
    r" |much |some )?help|help (?:me |us )?(?:a lot|greatly|enormously|immensely))\b"
    r"|" + _TELL_HELPS.pattern
)
# "somebody fix the posting setting", "someone please send me the link": an imperative to
# whoever reads it.
_SOMEONE_DO: Final = re.compile(
    r"(?:^|[,;:]\s*|\s-+\s*)(?:someone|somebody)(?:,)? (?:please )?([a-z]+)\b"
)
_NOT_VERBS: Final = _words(
    "else who whom with like that to in on from at for of and or but the a an i you we he she"
    " they it has have had is was were are am be been will would could can should might may"
    " must did does do here there out said told got made sent wrote found came went took gave"
    " saw knew thought left felt heard brought bought ran"
)


# "More accurate information will be appreciated.", "Comments on the draft would be
# welcome": a thing wished for, said as what would please the writer; not a person
# ("you'll be welcome", "they would be welcome to join") or "welcome news".
_THING_WISHED: Final = re.compile(
    r"(?:\b(?P<who>you|we|they|he|she|i)\s?|\b)(?:would|will|'d|'ll) (?:also |certainly"
    r" |surely |always )?be (?:much |greatly |very much |most |really |hugely |gratefully"
    r" |warmly |very |gladly )?(?:appreciated|welcomed?|gratefully received)"
    r"(?!-| (?:news|addition|change|relief|sight|break|guests?|to)\b)"
)
_WISHED_WORDS: Final = frozenset(("appreciated", "welcome", "welcomed", "received"))


def thing_wished(lower: str, tokens: set[str]) -> bool:
    """A thing wished for without "you" ("More details will be appreciated."), not a
    person welcome ("You will be welcome at the party")."""
    if "be" not in tokens or _WISHED_WORDS.isdisjoint(tokens):
        return False
    m = _THING_WISHED.search(lower)
    return m is not None and m.group("who") is None


# A question to the group put as a condition, with the answer asked for: "if anyone knows
# why, give me a shout", "let me know if someone has a copy", "if anybody can get past the
# login page, please tell me". A condition on a need ("if anyone has questions") is an
# offer (``boilerplate``), not this.
_GROUP_IF: Final = re.compile(
    r"\bif (?:anyone|anybody|someone|somebody|any of you|anyone else|people)(?: here| out there"
    r"| on (?:the|this) list)? (?:knows?|knew|can|could|remembers?|figures? out|finds? (?:a|the|an)"
    r"|has (?:an? |any )?(?:idea|ideas|clue|suggestions?|experience|copy|pointers?|hints?|fix"
    r"|solution|workaround|answer|link))\b"
)
_ANSWER_ASKED: Final = re.compile(
    r"\blet (?:me|us) know\b|\btell (?:me|us)\b|\bgive (?:me|us) a (?:shout|call|ring|holler"
    r"|yell|buzz)\b|\bdrop (?:me|us) a (?:line|note)\b|\b(?:e-?mail|mail|ping|contact|message"
    r"|call|write) (?:me|us)\b|\bplease\b|\bpost (?:it|them|em|'em)\b|\bpoint (?:me|us)\b"
    r"|\b(?:i|we)(?:'d| would) (?:love|like|appreciate|be grateful)\b"
)


def group_if_ask(lower: str) -> bool:
    """A question to the group put as a condition on knowing or being able, with the answer
    asked for ("if anyone knows what the problem is, give me a shout")."""
    return _GROUP_IF.search(lower) is not None and _ANSWER_ASKED.search(lower) is not None


def _bare_verb(word: str) -> bool:
    """A verb in its bare form after "someone" ("someone fix it", "somebody restart it"),
    not a third-person or past one ("someone knows", "somebody said")."""
    return word in _IMPERATIVE or (
        word not in _NOT_VERBS and not word.endswith(("s", "ed")) and len(word) > 2
    )


def _group_ask(lower: str, question: bool) -> bool:
    """A question to the group ("does anyone know", "anyone out there who can help?"), not
    a statement about one ("in case anyone wants it", "if anybody has it, fine")."""
    m = _GROUP_ASK.match(lower)  # (its first and last branches match only at the start,
    if m is None and ("anyone" in lower or "anybody" in lower):  # the middle one has these)
        m = _GROUP_ASK.search(lower, 1)
    if m is None:
        return question and _GROUP_BARE.match(lower) is not None
    before = lower[max(0, m.start() - 40) : m.start()]
    if m.start() and _GROUP_OBJECT.search(before):
        return False  # "as much as anyone else", "without telling anyone"
    if m.start() == 0 and not question and m.group(0).startswith("any") and " " not in m.group(0):
        return False  # "Anybody buying one of these will …": a statement about them
    if question or m.start() == 0 or lower[: m.start()].rstrip().endswith(":"):
        return True
    if _GROUP_CONDITION.search(before):
        return _WONDER.search(lower[: m.start()]) is not None  # "wondering if anyone knows"
    # Elsewhere in a statement, "anyone" asks only at the start of a clause ("it fails
    # here - anyone know why", "…, so anybody seen this?"), not inside one ("the spammers
    # are hurting like anyone else", "for no reason that anyone has given").
    return _CLAUSE_OPEN.search(before) is not None


# What the writer still needs or waits for from the reader ("We still need your timesheet",
# "Waiting on your sign-off for the forecast", "Awaiting your confirmation", "Need your
# approval on the PO by EOD"), or would appreciate without saying who ("… would appreciate
# info on any HOWTO"): a clear ask. Not a condition ("if we need your approval") or
# someone else's need ("they need your approval").
_AWAITED: Final = re.compile(
    r"\b(?:need|waiting (?:on|for)|awaiting) your (?:[a-z'-]+ ){0,2}(?:sign-?off|approval"
    r"|confirmation|signature|timesheets?|input|feedback|response|reply|answer|decision|go-ahead"
    r"|figures|numbers|receipts|invoice|forms?|availability|vote|rsvp|update)\b"
    r"|\bwould (?:really |greatly )?appreciate (?:any |some |more )?(?:info|information|help"
    r"|advice|pointers|tips|hints)\b"
)
# What may stand before it: nothing, or the writer ("we still", "I'm", "and I would").
_AWAITER: Final = re.compile(
    r"(?:^|[.,;:]\s*|(?<![a-z])(?:i|we)(?:'m|'re| am| are)?(?: still| really| urgently| just"
    r"| also)?\s|(?<![a-z])(?:i|we)\s)(?:still\s)?\W*$"
)
_AWAITED_WORDS: Final = frozenset(("need", "waiting", "awaiting", "appreciate"))
_CONDITION: Final = re.compile(r"\b(?:if|when|unless|once)\b")


def yours_awaited(lower: str, tokens: set[str]) -> bool:
    """What the writer still needs or waits for from the reader, or would appreciate
    ("We still need your timesheet", "… would appreciate info on any HOWTO")."""
    if _AWAITED_WORDS.isdisjoint(tokens):
        return False
    m = _AWAITED.search(lower)
    if m is None:
        return False
    before = lower[: m.start()]
    return _AWAITER.search(before) is not None and _CONDITION.search(before[-30:]) is None
