"""What a calendar title says is needed of the helper on a thing: an approval, a sign-off,
a decision, comments ("Q3 roadmap review – need Jonas's comments" -> "give me your comments
on the Q3 roadmap", "Need Ravi's approval on the floor plan" -> "approve the floor plan",
"Marcus — go-ahead for the team offsite" -> "approval for the team offsite"), read before
and after ``followthrough.detect.title`` drops the helper's names.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.article import _title_article
from followthrough.detect.topic import _with_article

# "Expert witness fee cap – Judith's call": the helper's call is a decision asked of them
_THEIR_DECISION: Final = (
    r"(?:call|decision|pick|choice|ok|okay|sign-?off|approval|go-ahead|green light|signature|sig)"
)


def _decision_of(title: str, names: Iterable[str]) -> str:
    """ "X – Judith's call" said as "X – need call", before the helper's name goes; a role
    before the surname names them too ("need Councilmember Begay's signature")."""
    named = {n for n in names if n}
    named |= {n.split()[-1] for n in named if len(n.split()) > 1 and "," not in n}
    for name in sorted(named, key=len, reverse=True):
        if not rx.may_hold(title, name):
            continue
        title = rx.sub(
            rf"(?<![\w-])(?:(?:need|needs|want|get)\s+)?(?:[A-Z][\w.]+\s+)?{re.escape(name)}['’]s\s+"
            rf"({_THEIR_DECISION})\b",
            r"need \1",
            title,
            flags=re.IGNORECASE,
        )
    return title


def _lower_first(words: str) -> str:
    """ "Robotics club budget" -> "robotics club budget" (a title's capital, not a name's)."""
    first = words.split()[0] if words.split() else ""
    if len(words.split()) > 1 and rx.match(r"^#?\d", words.split()[1]):
        return words  # "Grade 4 science trip": a numbered name
    return first.lower() + words[len(first) :] if first[1:].islower() else words


# "Q3 roadmap review - need Jonas's comments": what is needed, said as the helper's act
_NEEDED: Final = {
    "comments": "give me your comments on",
    "feedback": "give me your feedback on",
    "input": "give me your input on",
    "thoughts": "give me your thoughts on",
    "review": "review",
    "sign-off": "sign off on",
    "signoff": "sign off on",
    "approval": "approve",
    "ok": "approve",
    "okay": "approve",
    "pick": "decide on",
    "call": "decide on",
    "decision": "decide on",
    "choice": "decide on",
    "go/no-go": "decide on",
    "go-ahead": "approve",
    "signature": "sign",
    "sig": "sign",
}


def _needed(parts: list[str]) -> str:
    """The ask of a title that names a thing and what is needed on it ("vendor eval –
    need Leah's pick" -> "decide on the vendor"); "" when no part says what is needed."""
    for k, part in enumerate(parts):
        on = rx.match(
            r"^(?:need|needs|needed|want|get)\s+(?:your\s+|the\s+|an?\s+)?([\w/-]+)\s+(?:on|for|of)"
            r"\s+(\S.+)$",
            part,
            re.I,
        )
        if on is not None and on.group(1).lower() in _NEEDED:
            # "need Ólafur's go/no-go on Sunday's DNS cutover": decide on the DNS cutover
            thing = rx.sub(
                r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day's\s+", "the ", on.group(2)
            )
            return f"{_NEEDED[on.group(1).lower()]} {_with_article(thing)}"
        m = rx.match(r"^(?:need|needs|needed|want|get)\s+(?:your\s+|the\s+)?([\w-]+)$", part, re.I)
        others = parts[:k] + parts[k + 1 :]
        if m is None or m.group(1).lower() not in _NEEDED or not others:
            continue
        thing = rx.sub(
            r"\s+(?:review|eval|evaluation|discussion|decision|sign-?off|approval)$",
            "",
            others[0],
            flags=re.I,
        )
        return f"{_NEEDED[m.group(1).lower()]} {_title_article(_lower_first(thing))}"
    return ""


# a go-ahead asked for by another name: "the green light for the pilot", "OK on the quote"
_GO_AHEAD: Final = r"(?:go[- ]ahead|green[- ]?light|ok|okay|o\.k\.|thumbs[- ]up|blessing)"
_WH: Final = r"(?:which|whether|who|whom|what|when|where|how)\b"


def approval_said(title: str) -> str:
    """A cleaned title's approval said in the words the approval forms are made from: "OK
    the vendor contract" -> "approve the vendor contract", "go-ahead for the team offsite"
    -> "approval for the team offsite", "sign off floor plan v3" -> "sign off on floor plan
    v3", "decision on which vendor" -> "decide which vendor" (no "the" before a question
    word)."""
    s = rx.sub(
        rf"^(?:(?:need|needs|get|want|for)\s+)?(?:the\s+|a\s+|an\s+|your\s+)?{_GO_AHEAD}"
        r"\s+(?:for|on|of)\s+",
        "approval for ",
        title,
        flags=re.I,
    )
    s = rx.sub(
        r"^(?:ok|okay|o\.k\.|green[- ]?light)\s+(?!(?:to|with|for|if|on|by|from)\b)(?=[\w'’])",
        "approve ",
        s,
        flags=re.I,
    )
    s = rx.sub(r"^sign[- ]?off\s+(?!(?:on|by|from|for)\b)(?=\w)", "sign off on ", s, flags=re.I)
    s = rx.sub(r"^(?:ok|okay|o\.k\.|green[- ]?light)$", "approve", s, flags=re.I)  # "X to OK"
    return rx.sub(
        rf"^(?:decision|call|choice)\s+(?:on|about)\s+(?={_WH})", "decide ", s, flags=re.I
    )


# a request that names its thing only by a pronoun: "approve it", "sign it off"
_ONLY_POINTS_BACK: Final = re.compile(
    r"[\w-]+(?:\s+(?:off|on|over|through|at))*\s+(?:it|this|that|them|these|those)"
    r"(?:\s+(?:off|over|through|back))?",
    re.I,
)


def points_back(base: str) -> bool:
    """Whether a description's request names its thing only by a pronoun ("approve it"):
    a title that says the thing ("Sign-off: Q3 budget") says more."""
    return _ONLY_POINTS_BACK.fullmatch(base.strip()) is not None


def with_thing(base: str, thing: str) -> str:
    """A request that points back said with the thing it points at: "approve it" + "the
    budget" -> "approve the budget", "sign it off" -> "sign off on the budget"."""
    m = rx.fullmatch(
        r"([\w-]+)\s+(?:it|this|that|them|these|those)\s+(off|over|through|back)", base
    )
    if m is not None:
        verb, particle = m.group(1), m.group(2)
        joint = " on" if (verb.lower(), particle) == ("sign", "off") else ""
        return f"{verb} {particle}{joint} {thing}"
    return rx.sub(r"\s+(?:it|this|that|them|these|those)$", f" {thing}", base)
