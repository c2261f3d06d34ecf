"""Asks for what the reader knows or has to hand, said as sharing it: "Any hints on UNIX
cracking tools?" -> sharing any hints on UNIX cracking tools; "Does anybody have some clear
examples?" -> sharing some clear examples; "Do you have any data that might persuade us?"
-> sharing any data that might persuade us; "Any suggestions of alternative solutions would
be much appreciated" -> sharing any suggestions of alternative solutions.

A thing of this kind (hints, examples, data, documentation …) asked for with "any" or
"some" is not a yes/no question ("whether you have some clear examples") but a request to
pass it on, and what a follow-up names is the thing itself, as the writer named it: a bare
plural stays bare, since it means any such things, not known ones ("UNIX cracking tools",
not "the UNIX cracking tools"; a grammar book's generic plural).

Pure: no I/O. ``followthrough.detect.question`` reads questions with it,
``followthrough.detect.questionform`` fills in "does anybody have …", and
``followthrough.detect.wanted`` reads thanks in advance ("… would be appreciated").
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.nounphrase import _with_article
from followthrough.detect.words import _DETS, _WH, _lemmas, ing
from followthrough.model import AskPhrase

# what a reader shares when asked: advice (``questionform.ADVICE``) and what answers a
# question as it stands (examples, data, documentation)
SHARED: Final = (
    "hints suggestions ideas idea tips pointers clues clue advice thoughts comments"
    " recommendations leads experiences feedback input views examples data information info"
    " statistics stats details documentation docs references links numbers figures samples"
)
# nouns said without "any" ("has anyone got information on X"): mass nouns
MASS_SHARED: Final = ("information", "info", "data", "documentation", "advice", "feedback")
# opinions everyone has: "your thoughts", not "any thoughts"
_MINE: Final = ("thoughts", "comments", "feedback", "views", "input")

_NOUN: Final = "|".join(SHARED.split())
_ASKED: Final = re.compile(
    rf"^(any|some)((?: (?!(?:of|on|for|about|that|which|who)\b)[\w-]+){{0,3}}?)"
    rf" ((?:{_NOUN})(?:/[a-z]+| or (?:{_NOUN}))?)(?: (.+))?$",
    re.I,
)


def generic(np: str) -> str:
    """The thing after "hints on": as written when it is a bare plural ("UNIX cracking
    tools"), a doing ("packing plants") or one of a kind ("a good hotel"); else with
    its article ("the router")."""
    words = np.split()
    if not words:
        return np
    first, last = words[0].lower(), words[-1].lower().strip(".,!?")
    if first.endswith("ing") or first in ("a", "an"):
        return np
    plural = last.endswith("s") and last not in _lemmas(last).get("NOUN", (last,))
    if plural and first not in _DETS and not words[0].endswith("'s") and len(words) <= 5:
        return np
    return _with_article(np)


def shared_ask(q: str, sentence: str) -> AskPhrase | None:
    """The ask of "any/some [adjectives] THING [on X | of X | that …]" as sharing it, and
    the thing as its topic; None when ``q`` is not of that shape, or asks a question
    of its own ("any idea why X", "any idea of the date": ``question`` reads those)."""
    m = _ASKED.match(q.strip().rstrip("?!. "))
    if m is None:
        return None
    det, adjectives, noun, rest = m.group(1).lower(), m.group(2).strip(), m.group(3), m.group(4)
    noun = noun.lower() if noun.lower() == noun or noun.lower() in SHARED.split() else noun
    rest = (rest or "").strip()
    idea = noun.split("/")[0] in ("idea", "clue", "ideas", "clues") and not adjectives
    if idea and rest and not rx.match(r"^(?:on|for|about|regarding)\b", rest, re.I):
        return None  # "any idea of the date of X", "any idea why": a question
    if rest.split()[:1] and rest.split()[0].lower() in _WH | {"whether", "if", "as"}:
        return None
    said = " ".join(w for w in (adjectives, noun) if w)
    mine = noun in _MINE and not adjectives
    det = "your" if mine else det
    if not rest:
        # "your tips" (as "Any tips?" always was); "any info": no one's before it comes
        topic = said if adjectives or "/" in noun else f"your {said}"
        topic = f"any {said}" if said in MASS_SHARED else topic
        base = f"share {det} {said}"
        return AskPhrase("info", base, ing(base), topic, sentence)
    about = rx.match(
        r"^(on|about|for|regarding|concerning) (?!(?:how|what|where|whether|which|who|when|why)\b)"
        r"(.+)$",
        rest,
        re.I,
    )
    if about is not None:
        prep = "on" if about.group(1).lower() in ("regarding", "concerning") else about.group(1)
        base = f"share {det} {said} {prep.lower()} {about.group(2)}"
        thing = rx.split(r"\s+(?:that|which|who)\s+", about.group(2))[0]  # no relative clause
        return AskPhrase("info", base, ing(base), generic(thing), sentence)
    part = rx.match(
        r"^(?:of (?!(?:how|what|where|whether|which|who|when|why)\b)|(?:that|which"
        r"|who) )\S.*$",
        rest,
        re.I,
    )
    if part is not None:
        base = f"share {det} {said} {rest}"
        return AskPhrase("info", base, ing(base), f"{said} {rest}", sentence)
    return None


def shared_clause(what: str, sentence: str) -> AskPhrase | None:
    """ "whether you've got information on enabling ffs support" (a question said back) asks
    the information shared: sharing any information on enabling ffs support; None when the
    clause is no such question ("whether you have a reference": one thing, asked about)."""
    m = rx.match(
        rf"^(?:whether|if) you(?:'ve| have)? (?:got|have) ((?:any|some) .+|(?:"
        rf"{'|'.join(MASS_SHARED)}) \S.*)$",
        what,
        re.I,
    )
    if m is None:
        return None
    asked = m.group(1)
    asked = asked if asked.lower().startswith(("any ", "some ")) else "any " + asked
    return shared_ask(asked, sentence)
