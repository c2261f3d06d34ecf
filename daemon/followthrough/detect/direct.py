"""Request frames put straight to the reader (issue 17, fifth round).

``clear_frame``: a request frame that a person reads as one whatever the model learned
("Kindly advise what I did wrong.", "If it still fails, can you send me the log"); ``gate``
lets it be tracked.

The same round also tracked a direct question about the reader's own situation ("Are you
using SASL?", "Did you get the tickets?") at this floor. On the blind sample 5 that rule
tracked two more wrong asks (a list member's "Where do you find …?" in a debate, "So do
you know my public key?") and no right one, so it was taken out: such a question is
suggested, for the user to confirm (bench/DETECT.md, fifth round).
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.words import Needs, _set

# What may open a sentence before its question: a vocative ("Bob, …"), a short label ("One
# more thing: …", "Last thing - …") and fillers.
_LEAD: Final = (
    r"(?:[a-z'-]+[,:] |[a-z'-]+(?: [a-z'-]+){1,2}(?::| -+| –) )?"
    r"(?:(?:and|so|but|also|ok|okay|btw|well|oh|then|now|anyway|hmm|just"
    r"|precisely|exactly),? )*"
)


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


# A request frame a person reads as one: "Please/Kindly VERB …" opening the sentence, or
# "can/could/would/will you (please) VERB …" opening it or a clause ("If it still fails,
# can you send me the log"). Not a wish or an opinion asked ("would you like …", "would
# you believe …") and not "would you …" after an "if" (a hypothetical: "If you had the
# choice, would you run it?").
_PLEASE_DO: Final = re.compile(r"^" + _LEAD + r"(?:please|kindly|pls|plz),? (?P<verb>[a-z]+)\b")
_MODAL_DO: Final = Needs(
    "can you|can u|could you|could u|would you|would u|will you|will u",
    r"(?:^" + _LEAD + r"|[,;:]\s+(?:(?:but|so|and|then),? )?|\b(?:but|so) )"
    r"(?P<modal>can|could|would|will) (?:you|u)(?: please| kindly| just| also)? (?P<verb>[a-z]+)\b",
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
