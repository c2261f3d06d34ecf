"""A calendar entry's shorthand said in words, and a title's direct question said as an
indirect one: "put us in touch w/ the district therapist" -> "… with …", "head of ops @
Acme" -> "… at Acme", "sit in + grill me" -> "sit in and grill me", "Q3 conf" -> "Q3
conference", "3-yr deal" -> "3-year deal"; "when does new pricing go live in EMEA?" ->
"when the new pricing goes live in EMEA", "has the recall reached 4 West?" -> "whether
the recall has reached 4 West". ``followthrough.detect.calendar`` and ``title`` use them.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PREPS,
    _WH,
    _inflect,
    _lemmas,
    _set,
    is_verb,
)

# abbreviations people type in calendar entries, said in full (whole words only)
_WORDS: Final = {
    "mtg": "meeting",
    "mtgs": "meetings",
    "conf": "conference",
    "dept": "department",
    "depts": "departments",
    "mgmt": "management",
    "mgr": "manager",
    "govt": "government",
    "approx": "approximately",
    "pls": "please",
    "plz": "please",
    "b/c": "because",
    "w/o": "without",
    "w/": "with",
}
_NUMBERED: Final = {"yr": "year", "yrs": "years", "wk": "week", "wks": "weeks", "mo": "month"}
# units of measure written after a number and before the noun they measure ("40ft containers")
_UNITS: Final = {
    "ft": "foot",
    "in": "inch",
    "lb": "pound",
    "kg": "kilogram",
    "km": "kilometer",
    "cm": "centimeter",
    "mm": "millimeter",
    "oz": "ounce",
    "gal": "gallon",
}


def expand_shorthand(text: str) -> str:
    """The text with a calendar's shorthand in words; names ("Hollis & Crane", "P&T") and
    codes are left as they are."""
    s = rx.sub(r"(?<![\w/])w/(?=\s|[A-Za-z])\s*", "with ", text, flags=re.I)
    s = rx.sub(r"(?<![\w/])w/o\b\s*", "without ", s, flags=re.I)

    def word(m: re.Match[str]) -> str:
        low = m.group(0).lower()
        return _WORDS.get(low, m.group(0)) if m.group(0).islower() else m.group(0)

    s = rx.sub(
        r"(?<![\w/])(?:mtgs?|conf|depts?|mgmt|mgr|govt|approx|pls|plz|b/c)(?![\w/])", word, s
    )
    # "3-yr deal", "2 wks": a unit after a number
    s = rx.sub(
        r"\b(\d+)(\s*-\s*|\s+)(yrs?|wks?|mo)\b",
        lambda m: f"{m.group(1)}{'-' if '-' in m.group(2) else ' '}{_NUMBERED[m.group(3).lower()]}",
        s,
    )
    # "40ft containers", "6ft table": a measure before its noun, said with a hyphen
    s = rx.sub(
        r"\b(\d+)(?:\s*-?\s*(ft|lb|kg|km|cm|mm|oz|gal)|-?(in))\.?(?=\s+[a-z])"
        r"(?!\s+(?:of|in|on|at|to|for|and|or|per|each|long|wide|high|tall|deep|total)\b)",
        lambda m: f"{m.group(1)}-{_UNITS[(m.group(2) or m.group(3)).lower()]}",
        s,
        flags=re.I,
    )
    s = school_years(s)
    s = rx.sub(r"(?<=\w)\s+@\s+(?=[A-Za-z])", " at ", s)  # "head of ops @ Acme"; not "@Bashir"
    s = rx.sub(r"(?<=\w)\s+re:\s+(?=\w)", " about ", s, flags=re.I)  # "… re: the piece"
    # "sit in + grill me", "slides & notes": joined by a sign, said with "and"; not between
    # names ("Hollis & Crane", "P&T") nor "+ me" after a name
    s = rx.sub(r"(?<=[a-z0-9)])\s+[+&]\s+(?=[a-z])(?!me\b)", " and ", s)
    return " ".join(s.split())


def school_years(text: str) -> str:
    """School years and grades in words: "Y7", "Yr 11", "Gr 4" -> "Year 7", "Grade 4"."""
    s = rx.sub(r"\b(?:Y|Yr|Yrs)\.?\s?(\d{1,2})\b", r"Year \1", text)
    return rx.sub(r"\b(?:Gr|Grd)\.?\s?(\d{1,2})\b", r"Grade \1", s)


# the auxiliaries a direct question starts with, and the form of the main verb each asks
_DO: Final = {"do": "", "does": "VBZ", "did": "VBD"}
_HAVE: Final = _set("has have had")
_BE: Final = _set("is are was were")
_MODAL: Final = _set("can could will would should")
_AUX_WORDS: Final = frozenset(_DO) | _HAVE | _BE | _MODAL
# an adjective-free start of a noun phrase that titles write without its article
_BARE_SUBJECT_SKIP: Final = _DETS | _OBJ_PRONOUNS | _set("i we you he she they my your our")


def indirect_question(question: str) -> str:
    """A title's direct question as an indirect one, or "" when it is not one this reads:
    "when does new pricing go live in EMEA?" -> "when the new pricing goes live in EMEA",
    "what discount did Pinecrest get on the deal?" -> "what discount Pinecrest got on the
    deal", "has the recall reached 4 West?" -> "whether the recall has reached 4 West",
    "is the venue booked?" -> "whether the venue is booked"."""
    words = question.strip().rstrip("?!. ").split()
    if len(words) > 3 and words[-1].lower() in ("yet", "already"):
        words = words[:-1]  # "is the formulary out yet?": the asker's hurry, not the question
    if len(words) < 3:
        return ""
    wh: list[str] = []
    i = 0
    if words[0].lower() in _WH:
        wh.append(words[0].lower())
        i = 1
        # "what discount did …", "how long does …", "which vendor will …"
        while i < len(words) - 2 and words[i].lower() not in _AUX_WORDS:
            if len(wh) > 2 or words[i].lower() in _PREPS:
                return ""
            wh.append(words[i])
            i += 1
    if i >= len(words) - 1:
        return ""
    aux = words[i].lower()
    if aux not in _AUX_WORDS:
        return ""
    rest = words[i + 1 :]
    verb_at = _main_verb(rest, aux)
    if verb_at is None or verb_at == 0:
        return ""
    subject, verb, tail = rest[:verb_at], rest[verb_at], rest[verb_at + 1 :]
    adverbs: list[str] = []
    while len(subject) > 1 and subject[-1].lower() in _ADVERBS:
        adverbs.insert(0, subject.pop())  # "is the offsite still on": still goes after "is"
    if subject[0].lower() == "you":
        return ""  # a question to the helper about themselves is read by the sentence rules
    subject = _articled(subject)
    lead = " ".join(wh) if wh else "whether"
    if aux in _DO:
        said = [_inflect(verb, _DO[aux]) if _DO[aux] else verb.lower()]
        if aux == "does" and subject[-1].lower().endswith("s") and not _mass(subject[-1]):
            said = [verb.lower()]  # a plural subject: "when do the new prices go live"
    else:
        said = [aux, *adverbs, verb]
        adverbs = []
    if adverbs:
        said = [*adverbs, *said]
    return " ".join([lead, *subject, *said, *tail])


def _main_verb(rest: list[str], aux: str) -> int | None:
    """Where the main verb stands after the subject: a base form after "do" or a modal, a
    past participle after "have", a participle, adjective or noun after "be"."""
    for k, w in enumerate(rest):
        low = w.lower()
        if low in _ADVERBS:
            continue
        if aux in _BE and k > 0 and low in _BE_PARTICLES and rest[k - 1].lower() in _ADVERBS:
            return k  # "is the offsite still on for the 14th"
        if k == 0 or w[:1].isupper() or low in _PREPS or low in _DETS:
            continue
        if rest[k - 1].lower() in _ARTICLES:
            continue  # "is the new formulary out": a word after "the" is in the subject
        forms = _lemmas(low)
        if aux in _DO or aux in _MODAL:
            nxt = rest[k + 1].lower() if k + 1 < len(rest) else ""
            before = _lemmas(rest[k - 1].lower())
            if is_verb(low) and (
                "NOUN" not in forms
                or not nxt
                or nxt in _PARTICLE_AFTER | _DETS | _PREPS
                or ("NOUN" in before and "ADJ" not in before)  # "will the caterer take cards"
            ):
                return k
        elif aux in _HAVE:
            if low.endswith(("ed", "en", "wn", "ne")) and "VERB" in forms:
                return k
        elif (
            (low.endswith(("ed", "ing")) and "VERB" in forms)
            or ("ADJ" in forms and "NOUN" not in forms)  # "are the boards ready"
            or low in _PARTICLE_AFTER  # "is the staging DB back up"
        ) and not _modifies(rest, k):
            return k
    return None


def _modifies(rest: list[str], k: int) -> bool:
    """Whether the word at ``k`` modifies the noun after it ("the staging DB", "the updated
    plan") rather than saying what the subject is."""
    nxt = rest[k + 1] if k + 1 < len(rest) else ""
    if not nxt or nxt.lower() in _PREPS or nxt.lower() in _PARTICLE_AFTER:
        return False
    return nxt[:1].isupper() or "NOUN" in _lemmas(nxt.lower())


_ARTICLES: Final = _set("the a an my your our their its his")
_ADVERBS: Final = _set("still already really actually now yet also definitely ever even")
_BE_PARTICLES: Final = _set("on off in out up down back over")
_PARTICLE_AFTER: Final = _set("live up out in off over back down through ahead")


def _mass(word: str) -> bool:
    """ "pricing", "news": an -s or -ing word that is not a plural."""
    return word.lower().endswith(("ss", "ics", "news", "us"))


def _articled(subject: list[str]) -> list[str]:
    """A title's subject with the article titles leave out: "new pricing" -> "the new
    pricing"; a name, a pronoun, a number, a determiner or one bare word ("finance", a
    team's name) stays."""
    first = subject[0]
    if len(subject) < 2 or first.lower() in _BARE_SUBJECT_SKIP or not first[:1].islower():
        return subject
    return ["the", *subject]
