"""A calendar title's words: whether a title starts with a verb phrase ("review Q3
budget") or names a thing ("mock interview"), and the articles titles leave out ("slides
from offsite" -> "slides from the offsite", "sign NDA" -> "sign the NDA").

Also the shapes a title asks in: a question put to the helper about the title's thing
("Food bank shift — can Ahmed cover?", ``_asked_of``) and what is needed on it ("vendor
eval – need Leah's pick", ``_needed``).

Pure: no I/O. Used by ``followthrough.detect.calendar``.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.nounphrase import _with_article
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _base_of,
    _lemmas,
    _only_verb,
    _set,
    is_verb,
)

# verbs that are nouns too, but start most titles they begin as a request
_ASK_VERBS: Final = _set("review check update draft edit print share email fix test sign proof")


def _verb_title(title: str) -> bool:
    """Whether a cleaned title starts with a verb phrase ("review Q3 budget") rather than a
    noun phrase ("mock interview", "review of the plan")."""
    words = title.split()
    nxt = words[1] if len(words) > 1 else ""
    if words and not _lemmas(words[0].lower()) and nxt.lower() in _DETS | _set("my your our"):
        return True  # "redline the sublease", "MC the all-hands": a word before "the" is a verb
    if words and "-" in words[0] and is_verb(words[0].rsplit("-", 1)[1]) and nxt:
        return not _lemmas(words[0].lower())  # "pet-sit Mochi": a compound verb
    if not words or not is_verb(words[0]) or (words[0][:1].isupper() and len(words) == 1):
        return False
    if len(words) == 2 and words[0].islower() and nxt[:1].isupper() and nxt[1:].islower():
        return True  # "walk Biscuit", "call Maria": a verb and whom it is done to
    if _only_verb(words[0]):
        return True
    low = nxt.lower()
    if low in ("of", "for", "on", "session", "request"):
        return False
    last = words[-1].lower()
    if (
        words[0].lower() in _ASK_VERBS
        and len(words) >= 3
        and all(w[:1].islower() and w.lower() not in _PREPS for w in words[1:])
        and last.endswith("s")
        and (last[:-1] in _lemmas(last).get("NOUN", ()) or not _lemmas(last))
    ):
        return True  # "review contract redlines": a noun phrase would not end in a plural
    return (
        low in _DETS
        or low in _OBJ_PRONOUNS
        or low in _PARTICLES
        or bool(re.match(r"^(?:[A-Z]{1,4}\d|[A-Z]{2,}|\d)", nxt))
        or (
            is_verb(words[0])
            and bool(_lemmas(nxt))
            and "NOUN" not in _lemmas(nxt)
            and not nxt[:1].isupper()
            and "ADJ" not in _lemmas(nxt)
        )
    )


# after a preposition in a title, these go without an article ("slides for review")
_NO_ARTICLE: Final = _set(
    "review approval feedback comment comments discussion reference input now later example "
    "instance sale hire rent free lunch dinner coffee breakfast work home school support intent "
    "reference recommendation someone anyone somebody anybody everyone something anything"
)


def _in_title(np: str) -> str:
    """A title's noun phrase with the articles titles leave out after a preposition:
    "slides from offsite" -> "slides from the offsite", "decision on vendor shortlist"
    -> "decision on the vendor shortlist"; names, dates, -ing words and pronouns stay."""
    words = np.split()
    out: list[str] = []
    for i, w in enumerate(words):
        out.append(w)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", nxt)) and after[:1].islower()
        if (
            i > 0
            and w.lower() in ("on", "from", "for", "of", "about", "with")
            and (nxt[:1].islower() or acronym)  # "for SSO work": for the SSO work
            and nxt.lower() not in _DETS | _OBJ_PRONOUNS | _PREPS
            and not nxt.lower().endswith("ing")
            and nxt.lower() not in _NO_ARTICLE
            and set(_lemmas(nxt.lower())) != {"ADJ"}
        ):
            out.append("the")
    return " ".join(out)


def _articled_object(words: list[str]) -> list[str]:
    """ "Q3 budget" -> ["the", "Q3", "budget"] after a title's verb; "me the" stays."""
    i = 0
    while i < len(words) and words[i].lower() in _OBJ_PRONOUNS | _PARTICLES:
        if words[i].lower() in ("this", "that", "these", "those", "it"):
            return words
        i += 1
    if i >= len(words):
        return words
    head = words[i]
    if head.lower() in _DETS or head.lower() in _PREPS:
        return words
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if head.isupper() and len(head) > 1 and head.isalpha() and not nxt:
        return [*words[:i], "the", *words[i:]]  # "sign NDA": the NDA
    if head[:1].isupper() and (not nxt or nxt.lower() in _PREPS or re.match(r"^#?\d", nxt)):
        return words  # a name: "intro to Jane", "Jane at Initech", "PO 8812"
    if len(words) - i <= 4 and re.match(r"^#?\d[\d.,/–-]*$", words[-1]):
        return words  # a numbered name: "headcount req #4412", "ticket 4471"
    return [*words[:i], "the", *words[i:]]


def _asked_of(part: str) -> str:
    """The verb of a short question put to the helper about a title's thing ("can cover?",
    "covering?", "OK?" -> "approve"); "" when the part is no such question."""
    m = re.fullmatch(r"(?:(?:can|could|will|would)\s+)?([a-z][\w-]*)\s*\?", part.strip(), re.I)
    if m is None:
        return ""
    word = m.group(1).lower()
    if word in ("ok", "okay", "yes", "approved", "approve"):
        return "approve"
    if word.endswith("ing") and is_verb(_base_of(word)) and _base_of(word) != word:
        return _base_of(word)
    return (
        word
        if _only_verb(word)
        or (is_verb(word) and part.lower().startswith(("can", "could", "will", "would")))
        else ""
    )


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
    "decision": "decide on",
    "choice": "decide on",
    "go/no-go": "decide on",
    "go-ahead": "approve",
}


def _needed(parts: list[str]) -> str:
    """The ask of a title that names a thing and what is needed on it ("vendor eval –
    need Leah's pick" -> "decide on the vendor"); "" when no part says what is needed."""
    for k, part in enumerate(parts):
        on = re.match(
            r"^(?:need|needs|needed|want|get)\s+(?:your\s+|the\s+|an?\s+)?([\w/-]+)\s+(?:on|for|of)"
            r"\s+(\S.+)$",
            part,
            re.I,
        )
        if on is not None and on.group(1).lower() in _NEEDED:
            # "need Ólafur's go/no-go on Sunday's DNS cutover": decide on the DNS cutover
            thing = re.sub(
                r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day's\s+", "the ", on.group(2)
            )
            return f"{_NEEDED[on.group(1).lower()]} {_with_article(thing)}"
        m = re.match(r"^(?:need|needs|needed|want|get)\s+(?:your\s+|the\s+)?([\w-]+)$", part, re.I)
        others = parts[:k] + parts[k + 1 :]
        if m is None or m.group(1).lower() not in _NEEDED or not others:
            continue
        thing = re.sub(
            r"\s+(?:review|eval|evaluation|discussion|decision|sign-?off|approval)$",
            "",
            others[0],
            flags=re.I,
        )
        thing = thing[0].lower() + thing[1:] if thing[1:2].islower() else thing
        return f"{_NEEDED[m.group(1).lower()]} {_with_article(thing)}"
    return ""
