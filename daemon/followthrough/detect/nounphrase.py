"""A noun phrase said as the thing a follow-up names: its article ("Q3 budget" -> "the Q3
budget"; none before a possessive name, a numbered name, a doing or a mass noun: "Pan
Energy's spreadsheet", "PO 7731", "buying the index", "feedback"), where the thing ends (not
at "available" in "have the numbers available", "via syslog", "with her"), and whether it
is a noun phrase at all ("explain some of this" is not).

Pure: no I/O. Used by ``followthrough.detect.topic`` and the readers of questions and
calendar titles; the parts of speech are lemminflect's (``followthrough.detect.words``).
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _ROLE,
    _lemmas,
    _set,
)

_RELATIVE_DAY: Final = re.compile(
    r"^(?:tomorrow|today|tonight|yesterday|this week|next week|this weekend|next weekend)'s\s+",
    re.IGNORECASE,
)


def _the_thing(np: str) -> str:
    """The thing an object noun phrase names, as a later mail names it: "a copy of the
    complete response" -> "the complete response", "a few minor changes" -> "the minor
    changes", "the following addresses" -> "the addresses", "this email" -> "the email",
    "tomorrow's meeting" -> "the meeting" (the draft is sent days later, with no list below)."""
    np = _RELATIVE_DAY.sub("the ", np)
    np = rx.sub(r"\s*\([^()]*\)(?=\s|$)", "", np)  # "the Peace letter (treatise)": an aside
    np = rx.sub(
        r"^(?:(?:an? |one |extra |some |the )?(?:copy|copies|printout|scan) of "
        r"(?:all |each )?(?:of )?)"
        r"(?=(?:the|your|my|our|his|her|their|this|these|those|that)\b|[A-Z0-9])",
        "",
        np,
        flags=re.I,
    )
    np = rx.sub(r"^(?:all|each|both) (?:of )?(?=the |these |those |your |my |our )", "", np)
    np = rx.sub(r"^(?:a few|a couple of|a couple|an?|one|some|any|several) (?=[\w\"'⟦])", "", np)
    demo = rx.match(r"^(?:this|these)\s+([\w\"'-]+)", np)
    if (
        demo is not None
        and demo.group(1).lower() not in ("one", "ones")
        and (
            demo.group(1)[:1] in "\"'"
            or (
                "NOUN" in _lemmas(demo.group(1).lower()) and demo.group(1).lower() not in _PARTICLES
            )
        )
    ):
        np = "the " + np[demo.end(1) - len(demo.group(1)) :]  # "this email": the email
    np = rx.sub(r"\b(?:the )?(?:following|above|below-mentioned) (?=\S)", "the ", np)
    np = rx.sub(r"\bthe the\b", "the", np)
    np = rx.sub(r"\s+(?:below|above|here)$", "", np)
    return np.strip()


_MONTHS: Final = _set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)


def _possessive_name(words: list[str]) -> bool:
    """Whether a noun phrase starts with a name in the possessive ("Pan Energy's
    spreadsheet", "Mr. Stubley's session"): the name is its determiner, so no "the"."""
    for k, w in enumerate(words[:4]):
        if not w[:1].isupper():
            return False
        if rx.search(r"(?:'s|s')$", w.replace("\u2019", "'")) and k + 1 < len(words):
            return True
    return False


# nouns said without an article ("feedback on the deck", "help with the move")
_MASS: Final = _set("feedback help advice access information info input details")


def _with_article(np: str) -> str:
    """ "Q3 budget" -> "the Q3 budget"; "my portfolio", "Jane", "feedback" stay."""
    np = _the_thing(np)
    if not np:
        return np
    first = np.split()[0]
    low = first.lower()
    if low in _DETS or low in _OBJ_PRONOUNS or low.endswith("'s"):
        return np
    words = np.split()
    if first[:1].isupper() and len(words) == 1:
        return "the " + np if first.isupper() and len(first) > 1 else np  # "the PR"; "Jane"
    if first[:1].isupper() and words[1].lower() in _PREPS:
        return np  # "Jane at Initech"
    if _possessive_name(words):
        return np  # "Pan Energy's spreadsheet": a name's thing takes no article
    if first[:1].isupper() and rx.match(r"^#?\d", words[1]) and low not in _MONTHS:
        return np  # "Section 4.14", "Room 12", "PO 7731": a numbered name
    head = rx.split(r"\s+(?:of|for|on|in|at|to|from|with|about)\s+", np)[0].split()
    numbered = re.compile(r"^#?\d[\d.,/–-]*$")
    if low not in _MONTHS and (
        (
            len(words) > 1
            and numbered.match(words[1])
            and (len(words) == 2 or words[2].lower() in _PREPS)
        )
        or (len(head) > 1 and numbered.match(head[-1]))
    ):
        return np  # "sections 4–6 of the form", "ticket 4471", "headcount req #4412"
    if (
        len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in _ROLE
        and not any(c.isdigit() for c in np)
    ):
        return np  # "Bill Bradford", "Acme Corp"
    if low in _MASS:
        return np
    forms = _lemmas(low)
    after = words[1] if len(words) > 1 else ""
    if (
        after
        and low.endswith("ing")
        and forms
        and set(forms) <= {"VERB", "AUX"}
        and (
            after.lower() in _DETS | _OBJ_PRONOUNS | _PARTICLES | _PREPS | _MASS
            or after[:1].isupper()
            or after[:1].isdigit()
        )
    ):
        return np  # "buying N-M citygate index", "getting help": a doing takes no article
    if low in ("lunch", "dinner", "breakfast", "coffee", "drinks") and len(words) == 1:
        return np  # "following up on lunch"
    if low in ("anything", "something", "everything", "nothing", "anyone", "someone"):
        return np
    return "the " + np


def _thing(np: str, verb: str = "") -> str:
    """An object noun phrase said as the thing: ended where the thing ends (``_chunk_end``),
    with its article (``_with_article``); "" when it is no noun phrase ("explain some of
    this", "had the boards": a verb where a noun belongs). ``verb`` is the verb whose object
    it is."""
    np = _chunk_end(np, verb)
    words = np.split()
    k = 0
    while k < len(words) - 1 and words[k].lower() in _DETS:
        k += 1
    if not words:
        return ""
    head = words[k].lower()
    forms = _lemmas(head)
    after = words[k + 1].lower() if k + 1 < len(words) else ""
    if (
        not words[k][:1].isupper()
        and forms
        and not {"NOUN", "ADJ"} & forms.keys()
        and not head.endswith("ing")
        and (not after or after in _DETS | _OBJ_PRONOUNS | _PREPS | _PARTICLES)
    ):
        return ""  # a verb where the thing's noun belongs
    return _with_article(np)


# a subject: after "and" it starts a clause of its own, not more of the thing
_SUBJECTS: Final = _set("i we you they he she it")
_WH_OPENERS: Final = _set("whether if what where when who which how why")
# a time a thing is wanted by is said elsewhere: "the drawings before the site meeting"
_WHEN: Final = _set("before until till prior")

# a meeting's noun: what follows "with" is who is in it, part of the thing
_MEETING_HEADS: Final = (
    r"(?:call|meeting|lunch|dinner|breakfast|coffee|session|chat|interview|sync|1:1|review)s?$"
)
# words that end a noun phrase's head and say how the thing is, not what it is ("have the
# numbers available", "get the pieces together", "had the boards out")
_STATE_WORDS: Final = _set("out up back down off in together aside around")
# verbs that say how their object is to be ("have the numbers ready", "keep the door open")
_COMPLEX: Final = _set("have get keep make leave want need find hold set")


def _chunk_end(np: str, verb: str = "") -> str:
    """The noun phrase ended where the thing ends: before a predicative word after its head
    ("the numbers available", "the boards out", "this one long and hard"), a means ("the log
    via syslog"), a companion ("these issues with her"); without a subject left by a cut
    relative clause ("the points you")."""
    words = np.split()
    for j in range(1, len(words)):
        w = words[j].lower().strip(",")
        nxt = words[j + 1].lower().strip(",") if j + 1 < len(words) else ""
        after = words[j + 2].lower() if j + 2 < len(words) else ""
        if (w in ("and", "or", "but") and nxt in _SUBJECTS) or (
            w in ("and", "or", "but") and nxt == "then" and after in _SUBJECTS
        ):
            words = words[:j]  # "the file and then we can discuss how": a new clause
            break
        if w in _WHEN and j >= 2:
            words = words[:j]  # "the shop drawings before the site meeting": when, not what
            break
        if (
            w == "via"
            or (
                w == "with"
                and (nxt in _OBJ_PRONOUNS or nxt in _DETS)
                and j >= 2
                and not rx.match(_MEETING_HEADS, words[j - 1], re.I)  # "the call with X"
            )
            or (w in ("on", "in") and " ".join(words[j + 1 : j + 3]).lower().endswith(" way"))
        ):
            words = words[:j]  # "the log via syslog", "the paper on your way in"
            break
        prev = words[j - 1].lower().strip(",")
        forms = _lemmas(w)
        head = (
            words[j - 1][:1].isupper()
            or prev[:1].isdigit()
            or "NOUN" in _lemmas(prev)
            or not _lemmas(prev)
        ) and prev not in _PREPS | {"and", "or", "&"}
        if prev in _DETS and not (prev == "one" and words[j - 2].lower() in _DETS):
            head = False  # "this one long and hard": "one" is the head after "this"
        if j < 2 or not head:
            continue
        predicative = w in _STATE_WORDS or (
            (verb.lower() in _COMPLEX or not verb)
            and "ADJ" in forms
            and "NOUN" not in forms
            and ("VERB" not in forms or verb.lower() in _COMPLEX)
        )
        pair = (
            "ADV" in forms
            and nxt in ("and", "or")
            and j + 2 == len(words) - 1
            and "ADV" in _lemmas(words[j + 2].lower())
        )  # "long and hard", "fast and loose"
        done = (
            (verb.lower() in _COMPLEX or not verb)
            and "VERB" in forms
            and w not in forms["VERB"]
            and not w.endswith(("s", "ing"))  # a participle: "lined", "sent", "done"
            and not {"NOUN", "ADJ"} & forms.keys()
            and ("NOUN" in _lemmas(prev) or words[j - 1][:1].isupper())
            and prev not in _SUBJECTS | _OBJ_PRONOUNS
            and words[0].lower() not in _WH_OPENERS
        )  # "get the apartment lined up", "have the contracts couriered": how it is to be
        if (predicative and (not nxt or nxt in _PREPS)) or pair or done:
            words = words[:j]
            break
    while len(words) > 1 and words[-1].lower() in ("you", "we", "they", "i", "he", "she"):
        words = words[:-1]
    return " ".join(words).rstrip(",")


# nouns that say nothing without what they give leave to do ("access to execute on EOL")
_LEAVE_NOUNS: Final = _set(
    "access ability permission authority authorization authorisation right rights chance"
)


def _given_thing(base: str) -> str:
    """The thing of a verb with two objects, when the first is whom it is for: "get me
    access to ECT Trading" -> "access to ECT Trading", "give my EOL id the ability to trade
    X" -> "the ability to trade X"; "" when the verb phrase has no such shape."""
    words = base.split()
    if len(words) < 3 or words[0].lower() not in _GIVING_VERBS:
        return ""
    rest = words[1:]
    if rest[0].lower() in ("me", "us", "him", "her", "them"):
        second = rest[1:]
    else:
        k = 1 if rest[0].lower() in _DETS | {"my", "your", "our", "his", "their"} else 0
        while (
            k < len(rest)
            and rest[k].lower() not in _DETS
            and (rest[k][:1].isupper() or "NOUN" in _lemmas(rest[k].lower()))
        ):
            k += 1
        if k < 2 or k >= len(rest) or rest[k].lower() not in ("the", "a", "an"):
            return ""  # "give my EOL id the ability …": a noun phrase, then another
        second = rest[k:]
    if not second:
        return ""
    head = (
        second[1].lower()
        if second[0].lower() in ("the", "a", "an") and len(second) > 1
        else second[0].lower()
    )
    if head not in _LEAVE_NOUNS:
        return ""
    thing = " ".join(second)
    return rx.sub(r"\s+(?:please|asap|today|now)$", "", thing)


_GIVING_VERBS: Final = _set("get give grant send provide")


def _nominal(word: str) -> bool:
    """A word that can go on a noun phrase: a noun, an adjective, a name, a word the
    dictionary lacks ("OpRisk")."""
    forms = _lemmas(word.lower())
    return word[:1].isupper() or not forms or bool({"NOUN", "ADJ"} & forms.keys())
