"""How an ask or a request is said back in agendas, notes and Plan B reasons: its verb
phrase and -ing form ("thank you for reviewing the Q3 deck"), the words of the person
who asked, the topic words two asks share, and a person's first name. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from followthrough.model import Address

# Verbs an ask's summary starts with ("review the Q3 deck"): their -ing forms read as
# "thank you for reviewing the Q3 deck". Anything else is said as "your help with …".
_VERBS_WORDS = """
add answer approve arrange ask attend book bring build call change check chase
clarify coach comment confirm connect consider cover create do draft edit email
explain find fix forward get give go help host improve introduce join keep lead lend
let look make meet mentor move organise organize pass plan prepare present print
proofread put read recommend record reply report review run schedule send set share
show sign speak sponsor start submit take talk teach tell test translate try update
upload vouch walk write
"""
_VERBS = frozenset(_VERBS_WORDS.split())
_DOUBLE = frozenset({"get", "put", "run", "set", "plan", "stop", "chat", "sit", "ship"})
_NOT_TOPIC = frozenset({"me", "us", "over", "back", "through", "out", "along", "on"})
_SWAP = {
    "my": "your",
    "me": "you",
    "mine": "yours",
    "i": "you",
    "our": "your",
    "us": "you",
    "myself": "yourself",
}


@dataclass(frozen=True, slots=True)
class Phrase:
    """The ways a draft can say what was asked."""

    what: str  # as recorded: "review the Q3 deck", "Bob — intro to Acme CTO"
    base: str | None  # "review the Q3 deck" (None when it does not start with a verb)
    gerund: str | None  # "reviewing the Q3 deck"
    topic: str  # "the Q3 deck"; the whole summary when there is no verb


def gerund_of(verb: str) -> str:
    if verb in _DOUBLE:
        return verb + verb[-1] + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and verb != "be":
        return verb[:-1] + "ing"
    return verb + "ing"


def phrase_of(what: str) -> Phrase:
    """``what`` in the forms templates need; a plain fallback beats a broken phrase."""
    text = " ".join(what.split()).rstrip(".?!")
    words = text.split(" ")
    first = words[0].lower() if words and words[0] else ""
    if first not in _VERBS or len(words) < 2:
        return Phrase(what, None, None, text)
    rest = words[1:]
    while rest and rest[0].lower() in _NOT_TOPIC:
        rest = rest[1:]
    topic = " ".join(rest) or text
    return Phrase(what, text, " ".join([gerund_of(first), *words[1:]]), topic)


def their_words(text: str) -> str:
    """A request in the asker's words, said back to them: "review my proposal" →
    "review your proposal"."""

    def swap(m: re.Match[str]) -> str:
        return _SWAP[m.group(0).lower()]

    return re.sub(r"\b(my|me|mine|I|our|us|myself)\b", swap, text)


_STOP_WORDS = """
a an and any are as at be by can could do for from get give have help i in into is
it its me my need next of on or our please send share some that the their them this
those to up us we week what when will with would you your monday tuesday wednesday
thursday friday saturday sunday today tomorrow
"""
_STOP = frozenset(_STOP_WORDS.split())


def topic_words(*texts: str) -> frozenset[str]:
    """Content words of an ask (lower-cased, plural and -ing endings folded)."""
    found: set[str] = set()
    for text in texts:
        for word in re.findall(r"[a-z0-9][a-z0-9'-]+", text.lower()):
            word = word.strip("'-")
            short = len(word) < 3 and not any(c.isdigit() for c in word)  # "q3" counts
            if short or word in _STOP or word in _VERBS:
                continue
            for suffix in ("ings", "ing", "es", "s"):
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    word = word[: -len(suffix)]
                    break
            found.add(word)
    return frozenset(found)


_HONORIFICS = frozenset(
    ["dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "fr"]
)


def first_name(person: Address) -> str:
    """How a greeting names them: the first name ("Hi Grace"), or with a title in the
    name, the title and the family name ("Dr. Kemi Adebayo" -> "Hi Dr. Adebayo")."""
    name = person.name.strip()
    if "," in name:
        name = name.split(",", 1)[1].strip()
    words = name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        return f"{words[0]} {words[-1]}"
    return words[0] if words else person.email.split("@")[0].split(".")[0].capitalize()
