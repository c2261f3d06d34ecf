"""Whether a form of an ask reads as a phrase a person would write (``is_sound``), and a
long form cut where a careful writer would end it (``shorten``): before a clause ("… as
I've got a hundred reviews to do"), a purpose, a prepositional phrase or a participle
that says more of its noun ("a package containing the tokenizer"); never inside a list
of names or in half a preposition of two words. Split from ``followthrough.detect.phrase``,
which re-exports both.

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
    _SUBORDINATORS,
    _WH,
    _base_of,
    _lemmas,
    _only_verb,
    _set,
    ends_in_abbreviation,
    is_verb,
)

_DANGLING: Final = _PREPS | _set(
    "the a an my your our his their its and or but if so as than because around through "
    "across toward towards like"
)
# a form of only these words names nothing ("Following up on one"); "this" and "it" do,
# in a reply in the thread
_EMPTY: Final = _set("one ones something anything everything some any")


def is_sound(phrase: str) -> bool:
    """Whether a form reads as a phrase a person would write: not "the discuss", "the dinner
    and", "this information to: Joseph A", nor a run-on. Unsound forms are dropped, so
    the drafts fall back to plainer wording."""
    words = phrase.split()
    if not words:
        return True
    if all(w.lower().strip(".,!?") in _EMPTY for w in words):
        return False
    if words[0].lower() in ("the", "a", "an") and len(words) > 1 and words[1] in ("+", "&"):
        return False  # "the + grill me on X": a title's shorthand, not a thing
    if ends_in_abbreviation(phrase):
        return False  # "with Sr" (from "with Sr. Jacoby"): cut inside a name or an aside
    if words[0].lower() in ("or", "and", "but", "nor"):
        return False  # "or 12": what is left of a list whose first half went
    clause = any(w.lower() in _WH | {"whether", "if", "that"} for w in words)
    if words[-1].lower() in ("is", "are", "was", "were", "be") and not clause:
        return False  # "the door is": a clause cut before what it says
    # a colon that opens a list or a label ("to: Joseph A"); a time's colon is none ("the
    # 10:00 AM meeting"), nor is a ratio's or a verse's ("3:1")
    if len(words) > 16 or rx.search(r"(?<!\d):(?!\d)|;|\s[-\u2013\u2014]\s|\(\S*$|^\S*\)", phrase):
        return False
    if rx.search(r"\?\s+\S", phrase):
        return False  # two sentences run together: "… in the hall? ask Pastor"
    if phrase.count("(") != phrase.count(")") or phrase.count('"') % 2:
        return False
    last = words[-1].lower().strip(".,!?")
    if rx.fullmatch(r"(?:what|who|where|how|when|that|there|it)['’]s", last):
        return False  # "what's": a clause cut after its verb
    if rx.fullmatch(r"[A-Z]\.", words[-1]) and len(words) > 1 and words[-2][:1].isupper():
        last = "initial"  # "Jeff A.": a name's initial, not the article "a"
    stranded = last in _PREPS and any(w.lower() in _WH for w in words)  # "who to send it to"
    # a particle after its verb's pronoun object: "made it through", "passing it along"
    particle = len(words) > 2 and words[-2].lower() in ("it", "them", "this", "that")
    # "why you think this is so", "if you think so": "so" says what was said before
    said_so = last == "so" and words[-2].lower() in ("is", "are", "was", "be", "think", "do")
    if (
        last in _DANGLING
        and not said_so
        and last not in ("in", "on", "up", "over", "out", "back", "down", "before", "after")
        and not stranded
        and not (particle and last in ("through", "along", "around", "off", "away"))
    ):
        return False
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        second = words[1]
        low = second.lower()
        acronym = second.isupper() and len(second) > 1 and low not in _OBJ_PRONOUNS  # "the OR …"
        if not acronym and (
            low in _DANGLING or low in _SUBORDINATORS | _WH or low in _OBJ_PRONOUNS
        ):
            return False
        forms = _lemmas(low)
        if len(words) == 2 and low.endswith("ed") and "NOUN" not in forms and "ADJ" not in forms:
            return False  # "the overnighted": a participle, not a thing
        head = _lemmas(low.split("/")[0])
        if (
            "/" in low
            and set(head) == {"VERB"}
            and low.split("/")[0] != _base_of(low.split("/")[0])
        ):
            return False  # "the seen/heard of/used some package": verbs, not a thing
        verb_only = bool(forms) and "NOUN" not in forms and "ADJ" not in forms
        noun_after = len(words) > 2 and "NOUN" in _lemmas(words[2].lower())
        if (
            verb_only
            and not second[:1].isupper()
            and (is_verb(low) or len(words) == 2)
            and not noun_after  # "the deploy pipeline"
        ):
            return False  # "the discuss", "the scheduled"; not "the hiring decision"
    return True


MAX_GERUND_WORDS: Final = 14  # "Thank you for …" says no more than this
MAX_TOPIC_WORDS: Final = 10  # "Following up on …", and a subject line

_CLAUSE_CUT: Final = _set(
    "where which who whose when while because so since although unless until including if "
    "whereas though based pertaining given concerning"
)
# the first words of prepositions of two words ("relative to", "ahead of", "apart from")
_COMPOUND_PREP: Final = _set(
    "relative prior due according next close pursuant subsequent ahead instead because "
    "regardless apart aside owing thanks contrary irrespective further"
)
# the first two words of prepositions of three ("with respect to", "in terms of")
_TWO_WORD_PREP: Final = frozenset(
    [
        "with respect",
        "with regard",
        "in regard",
        "in relation",
        "as opposed",
        "in addition",
        "in terms",
        "in front",
        "on behalf",
        "in light",
        "by means",
        "in case",
    ]
)
_PREP_CUT: Final = _set("for in on at with from about by into over during after before via")
_AS_ADVERBS: Final = _set("well soon much many long far quickly")  # "as well as", "as soon as"
# "a way to limit X": the noun says nothing without what follows it
_VAGUE_NOUNS: Final = _set(
    "way means time chance ability opportunity need access permission day days hour minutes "
    "minute moment slot date point"
)


def shorten(form: str, limit: int) -> str:
    """A form of more than ``limit`` words cut where a careful writer would end it: before a
    clause ("the address of the HR website where I can see my pay stubs"), else before a
    purpose ("to boot them"), else before a prepositional phrase; never mid-phrase, and ""
    when no such place leaves a sound phrase (the draft then says something plainer)."""
    words = form.split()
    if len(words) <= limit:
        return form
    for tier in ("clause", "purpose", "prep", "participle"):
        for i in range(min(limit, len(words) - 1), 2, -1):
            w = words[i].lower()
            before = words[i - 1]
            nxt = words[i + 1] if i + 1 < len(words) else ""  # i may be the last word
            if tier == "clause":
                hit = (
                    w in _CLAUSE_CUT
                    or (before.endswith(",") and not _list_goes_on(words, i))
                    or (w == "that" and (not is_verb(before.lower()) or _noun_at(words, i - 1)))
                    or (w == "or" and nxt.lower() in ("whether", "if"))  # a second question
                    or (w == "as" and _subject_next(nxt))  # "… as I've got a hundred to do"
                ) and not (before.lower() in _VAGUE_NOUNS and w in ("that", "which", "where"))
            elif tier == "participle":  # "a package containing X", "the letter sent to Y"
                hit = _reduced_relative(words, i)
            elif tier == "purpose":
                forms = _lemmas(before.lower())
                named = (
                    before[:1].isupper()
                    and not forms
                    and nxt.lower() not in ("be", "have")
                    and not any(
                        words[k].lower() in ("and", "or") and words[k + 1].endswith("ing")
                        for k in range(i)
                    )
                )  # "with Phillippe Bibi to discuss X"; not "for Laine to be available", nor
                # after a second verb ("send it and work with Omar to …": the first ask)
                hit = (
                    w == "to"
                    and is_verb(nxt)
                    and (
                        named or ("NOUN" in forms and "VERB" not in forms) or _noun_at(words, i - 1)
                    )
                    and before.lower() not in _VAGUE_NOUNS
                )  # "the daily call to give them a snapshot": the call, its purpose cut
            elif w in ("and", "or"):
                after = nxt
                # "whether we go with the blue logo or the green one": the choice is the
                # question, never cut in half
                choice = w == "or" and any(x.lower() == "whether" for x in words[:i])
                hit = (
                    not choice
                    and not any(x.endswith(",") for x in words[max(0, i - 3) : i])
                    and (
                        after.lower() in _PREPS | _DETS
                        or _only_verb(after)
                        or (after.endswith("ing") and form.split()[0].endswith("ing"))
                    )
                )
            else:
                hit = (
                    w in _PREP_CUT
                    or (w == "to" and not is_verb(nxt))
                    or (w == "as" and nxt.lower() not in _AS_ADVERBS)  # "as part of X"
                )
            if not hit or (i < 5 and form.startswith("letting me know")):
                continue
            end = i - 1 if before.lower() in _COMPOUND_PREP and w in ("to", "of", "from") else i
            if w in ("to", "of") and " ".join(words[max(0, i - 2) : i]).lower() in _TWO_WORD_PREP:
                end = i - 2  # "with respect to", "in terms of": never cut in half
            cut = " ".join(words[:end]).rstrip(",")  # never "… relative" of "relative to X"
            if is_sound(cut) and _ends_well(cut):
                return cut
    return ""


def _noun_at(words: list[str], k: int) -> bool:
    """Whether ``words[k]``, a word both noun and verb ("call", "package"), is a noun where
    it stands: after a determiner and at most one modifier ("some package", "the daily EES
    call"), so what follows it starts a new part of the sentence."""
    if k < 2 or "NOUN" not in _lemmas(words[k].lower()) or words[k].lower().endswith("ing"):
        return False
    dets = _DETS | {"my", "your", "our", "his", "her", "their"}
    for j in range(k - 1, max(k - 4, 0), -1):  # at most two modifiers: "the daily EES call"
        low = words[j].lower()
        if low in dets:
            return True
        if low in _PREPS | _SUBORDINATORS | _WH | {"and", "or", "to"} or words[j].endswith(","):
            return False
    return False


# subject pronouns and their contractions: what starts a clause after "as" ("as I've got")
_SUBJECT_WORDS: Final = re.compile(
    r"(?:i|we|you|they|he|she|it|there)(?:'(?:m|ve|re|s|d|ll))?$", re.I
)


def _subject_next(word: str) -> bool:
    return _SUBJECT_WORDS.match(word.replace("\u2019", "'")) is not None


def _reduced_relative(words: list[str], i: int) -> bool:
    """Whether a participle after a noun starts a relative clause said short: "a package
    containing the classifier" (that contains), "the letter sent to FERC" (that was sent)."""
    w = words[i].lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if not w.endswith(("ing", "ed", "en", "ent")) or w == _base_of(w) or not nxt:
        return False
    if "VERB" not in _lemmas(w) or w in _PREPS:
        return False
    before = words[i - 1].lower()
    if before in _OBJ_PRONOUNS or _SUBJECT_WORDS.match(before) or _causative(words, i):
        return False  # "a problem with me taking this", "have the text included"
    forms = _lemmas(before)
    noun = (
        ("NOUN" in forms and "VERB" not in forms)
        or _noun_at(words, i - 1)
        or (not forms and before.isalpha() is False and before[:1].isalnum())  # "apt.conf"
    )
    if w.endswith("ing"):  # "a package containing X": an -ing form takes its object
        return noun and nxt not in ("and", "or") and i >= 3
    return noun and (nxt in _PREPS | _DETS | {"my", "your", "our"} or nxt[:1].isupper())


def _list_goes_on(words: list[str], i: int) -> bool:
    """Whether the comma before ``words[i]`` parts the items of a list ("Lyn Maddox, Tom
    Boren and Tom King"): an "and" or "or" follows another item before any preposition or
    clause; not ", or bring copies", ", and if any": a second clause, which can go."""
    for k, w in enumerate(words[i : i + 8]):
        low = w.lower()
        if low in ("and", "or"):  # "chicken, beef, or stock": the serial comma goes on
            return k > 0 or any(x.endswith(",") for x in words[max(0, i - 4) : i - 1])
        if low in _PREPS | _CLAUSE_CUT | _WH or w.endswith((".", "?")):
            return False
    return False


_CAUSATIVE: Final = _set("have get keep make leave want need find see hear like")


def _causative(words: list[str], i: int) -> bool:
    """Whether the noun phrase before ``words[i]`` is the object of a verb whose object a
    participle completes ("having the language included", "getting it done")."""
    for j in range(i - 1, max(i - 6, -1), -1):
        low = words[j].lower()
        if low in _PREPS:
            return False
        if _base_of(low) in _CAUSATIVE:
            return j == 0 or words[j - 1].lower() not in _DETS
    return False


def _ends_well(form: str) -> bool:
    """Whether a shortened form ends on a word a phrase can end on: not "whether we need",
    "the status of your looking", "letting me know when"."""
    last = form.split()[-1].lower().strip(",.")
    before = form.split()[-2].lower() if len(form.split()) > 1 else ""
    if before in ("and", "or") and last.endswith("ing"):
        return False  # "sending the plan and working"
    if last in ("you", "them", "us", "me") and before in _PREPS:
        return True  # "faxing it to you"
    if last in _OBJ_PRONOUNS and _base_of(before) in _CAUSATIVE | _set("let ask expect help"):
        return False  # "whether you'd like me": what I am to do is cut off
    if last in _DANGLING | _WH | _set("whether that to i we you they he she"):
        return False
    if before in _set("i we you they he she can could will would should may might must to") and (
        is_verb(last)
    ):
        return False  # "suggesting that he meet", "how I can check"
    forms = _lemmas(last)
    words = form.split()
    if last.endswith(("ed", "en")) and last != _base_of(last) and _causative(words, len(words) - 1):
        return True  # "getting the number entered": the participle completes "get"
    if before in _set("i we you they he she") and last not in forms.get("VERB", (last,)):
        return True  # "the points you created": a clause said whole
    if "AUX" in forms:
        return False
    if last.endswith("ing") and last not in forms.get("NOUN", ()):
        return False
    return not ("VERB" in forms and "NOUN" not in forms and "ADJ" not in forms)
