"""Questions and requests put straight to the reader about the reader (issue 17, fifth round).

A person who asks "Are you using SASL?", "Did you get the tickets?" or "Which version
were you running?" waits for the answer: a direct question about the reader's own
situation is an ask, as clear as "could you …". Its look-alikes are not: a question
with a stance adverb ("do you *really* want …?", "did you *actually* read it?"), about
the reader's opinion, wishes or perception ("do you suppose …", "do you want …", "have
you seen …"), advice put as a question ("have you tried …?"), a challenge ("are you
sure …?"), a why or how question (argued, or asked of anyone), a hypothetical ("what
would you add?"), and a negative question ("didn't you get it?"), which leads.

``clear_frame`` is the other side: a request frame that a person reads as one whatever
the model learned ("Kindly advise what I did wrong.", "If it still fails, can you send
me the log"). ``gate`` uses both.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.words import _set

# What may open a sentence before its question: a vocative ("Bob, …") and fillers.
_LEAD: Final = (
    r"(?:[a-z'-]+[,:] )?(?:(?:and|so|but|also|ok|okay|btw|well|oh|then|now|anyway|hmm|just"
    r"|precisely|exactly),? )*"
)
# A yes/no question to the reader about the reader: "Are you using SASL?", "Bob, did you
# get the tickets?", "Do you guys have a spare key?". Positive auxiliaries only: a negative
# one ("don't you have …?", "didn't you get …?") leads the reader to an answer.
_YES_NO: Final = re.compile(
    r"^" + _LEAD + r"(?:do|did|are|were|have|had) (?:you|u|ya)(?: (?:guys|all|folks|two|both))?"
    r"\b(?P<rest>[^?]*)\?"
)
# A wh-question about what the reader did, is doing or has ("what did you do to it?",
# "which version of Red Hat were you running?"), at the start of
# the sentence or of a clause ("If it worked before, what did you change?"). Not "why"
# (argued) or "how" ("how do you …" is asked of anyone), not a modal ("what would you
# add?": a hypothetical).
_WH_ABOUT_YOU: Final = re.compile(
    r"(?:^|[,;:]\s+|\s-+\s+)" + _LEAD + r"(?:(?:and|but|so) )?(?:what|which|where|when)\b"
    r"(?P<np>[^?,;]{0,40}?) (?:did|were|are|have|had|do) (?:you|u|ya)\b(?P<rest>[^?,;]*)\?"
)
# Words that make such a question something else: stance adverbs (rhetoric, a challenge),
# the reader's opinion, wishes or perception, advice ("have you tried/considered …?"),
# reported argument ("are you saying …?"), a challenge ("are you sure …?").
_NOT_ABOUT_YOU: Final = _set(
    "really actually honestly seriously truly ever even not never think suppose believe reckon"
    " imagine expect agree realise realize want wish like love care prefer feel tried try"
    " trying considered consider thought seen see saw heard hear read looked look checked"
    " sure aware serious kidding joking crazy mad saying suggesting implying claiming arguing"
    " telling going gonna stand say need dream waiting interested thinking smoking nuts insane"
    " stupid dumb blind drunk daft mind"
)
# "What do you mean by X?", "which version do you mean?" ask the reader to explain their
# own words: asking back (a helper's reply in the thread of an ask), at most suggested;
# "do you mean X or Y?" in an argument is a challenge.
_MEAN: Final = _set("mean meant")


def _about_you(rest: str) -> bool:
    words = re.findall(r"[a-z']+", rest)
    if not words or words[0] in _MEAN:
        return False  # "Do you?", "What did you?": nothing asked; "which do you mean?"
    # "do you know that the server is down?" tells, it does not ask
    return not any(w in _NOT_ABOUT_YOU for w in words) and words[:2] != ["know", "that"]


def _shouted(sentence: str) -> bool:
    """A headline or a shout ("Are You Paying Too Much?", "PLEASE TREAT THIS AS
    CONFIDENTIAL"): most words capitalised, the style of advertising, not of a person
    asking a colleague."""
    words = [w for w in sentence.split() if w[:1].isalpha() and len(w) > 2]
    if len(words) < 4:
        return False
    caps = sum(w.isupper() for w in words)
    title = sum(w[0].isupper() for w in words)
    return caps * 2 > len(words) or title * 10 >= len(words) * 7


def reader_question(sentence: str, lower: str) -> bool:
    """A direct question to the reader about the reader's own situation ("Are you using
    SASL?", "Did you get the tickets?", "Which version were you running?"): an ask the
    writer waits on. ``lower`` is the lower-cased
    ``sentence``, a question."""
    if _shouted(sentence) or "??" in lower or "?!" in lower or "!?" in lower:
        return False  # a headline; "What are you doing???": exasperation, not a question
    m = _YES_NO.search(lower)
    if m is not None and _about_you(m.group("rest")):
        return True
    m = _WH_ABOUT_YOU.search(lower)
    return (
        m is not None
        and not any(w in _NOT_ABOUT_YOU for w in re.findall(r"[a-z']+", m.group("np")))
        and _about_you(m.group("rest"))
    )


# A request frame a person reads as one: "Please/Kindly VERB …" opening the sentence, or
# "can/could/would/will you (please) VERB …" opening it or a clause ("If it still fails,
# can you send me the log"). Not a wish or an opinion asked ("would you like …", "would
# you believe …") and not "would you …" after an "if" (a hypothetical: "If you had the
# choice, would you run it?").
_PLEASE_DO: Final = re.compile(r"^" + _LEAD + r"(?:please|kindly|pls|plz),? (?P<verb>[a-z]+)\b")
_MODAL_DO: Final = re.compile(
    r"(?:^" + _LEAD + r"|[,;:]\s+(?:(?:but|so|and|then),? )?|\b(?:but|so) )"
    r"(?P<modal>can|could|would|will) (?:you|u)(?: please| kindly| just| also)? (?P<verb>[a-z]+)\b"
)
_NOT_FRAME_VERBS: Final = _set(
    "like love want care prefer believe imagine say think agree pay be not ever really even"
    " still rather"
)
_IF: Final = re.compile(r"\bif\b")
_JOIN_ME_IN: Final = re.compile(r" (?:me|us) in \w+ing\b")
_NOT_PLEASE_VERBS: Final = _set(
    "note find see be do don't not never refer ignore disregard excuse forgive pardon accept"
    " let keep consider feel realize realise understand treat welcome enjoy bear"
)


def clear_frame(sentence: str, lower: str) -> bool:
    """A request frame to the reader that is a request in any context: "Kindly advise what
    I did wrong.", "Please add Tricia to the thread.", "If that still fails, can you run
    the check and send me the log". ``gate`` lets it be tracked whatever the model says;
    its own tests (directions, "please note", offers) run first."""
    if _shouted(sentence):
        return False
    m = _PLEASE_DO.match(lower)
    if m is not None:
        verb = m.group("verb")
        if verb == "join" and _JOIN_ME_IN.match(lower, m.end()) is not None:
            return False  # "Please join me in welcoming Ana": an announcement
        return verb not in _NOT_PLEASE_VERBS and not verb.endswith(("ing", "ed"))
    m = _MODAL_DO.search(lower)
    if m is None or m.group("verb") in _NOT_FRAME_VERBS:
        return False
    return not (m.group("modal") == "would" and _IF.search(lower, 0, m.start()) is not None)
