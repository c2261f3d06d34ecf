"""Where the subject of a direct question ends, so the question can be said in order.

A question puts its auxiliary before the subject ("when does new pricing go live", "has
the infusion pump recall reached 4 West"); said back inside "let me know …" it takes the
order of a statement ("when new pricing goes live", "whether the pump recall has reached
4 West"). The subject is a noun phrase; what ends it is the verb form the auxiliary
governs, as a grammar book states it: after "do"/"does"/"did" and a modal the bare verb,
after "have"/"has"/"had" the past participle. The parts of speech are lemminflect's
(``followthrough.detect.words``); no word list of the development sets.

Pure: no I/O.
"""

from __future__ import annotations

from typing import Final

from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PREPS,
    _inflect,
    _lemmas,
    _set,
    is_verb,
)

# the auxiliaries by the verb form that follows their subject
_BARE_AUX: Final = _set("do does did can could will would should shall may might must")
_PERFECT_AUX: Final = _set("have has had")
_POSSESSIVES: Final = _set("my your our his her their its")
# words that never stand inside a subject noun phrase: a clause or a predicate starts
_NOT_IN_NP: Final = _PREPS - {"of"} | _set(
    "and or but if whether that which who when where why how not never ever already still "
    "yet just really actually also there here"
)


def _participle(word: str) -> bool:
    """A past participle ("reached", "sent", "gone", "come"), by lemminflect's inflections."""
    low = word.lower()
    return any(_inflect(lemma, "VBN") == low for lemma in _lemmas(low).get("VERB", ()))


def _verb_only(word: str) -> bool:
    """A verb form that is no noun ("get", "reached"): where a verb must be, it is one."""
    forms = _lemmas(word.lower())
    return "VERB" in forms and not forms.keys() & {"NOUN", "ADJ"} and not word[:1].isupper()


def _np_word(word: str) -> bool:
    """A word a subject noun phrase can hold: a determiner, a possessive, an adjective, a
    noun (a gerund too), a number, a name, or a word the dictionary does not know."""
    low = word.lower()
    if low in _NOT_IN_NP:
        return False
    if low in _DETS | _POSSESSIVES or word[:1].isupper() or word[:1].isdigit():
        return True
    forms = _lemmas(low)
    # an -ing form after "does"/"has" and before its verb is a noun ("new pricing", "the
    # billing service"): the verb form the auxiliary governs is never one
    return not forms or "NOUN" in forms or "ADJ" in forms or low == "of" or low.endswith("ing")


def _noun_like(word: str) -> bool:
    """A word that goes on a noun phrase: a name or a noun, not a function word ("this",
    which the dictionary also lists as a noun)."""
    low = word.lower()
    if low in _NOT_IN_NP | _DETS | _POSSESSIVES | _OBJ_PRONOUNS:
        return False
    forms = _lemmas(low)
    return word[:1].isupper() or "NOUN" in forms or not forms


def subject_length(aux: str, words: list[str]) -> int:
    """How many of ``words`` (the words after a fronted ``aux``) are its subject, or 0 when
    the verb that ends it is not found where the auxiliary says it must be. "does new
    pricing go live in EMEA" (aux "does"): 2; "has the infusion pump recall reached 4 West"
    (aux "has"): 4; "did our HR guys get the apartment": 3."""
    aux = aux.lower()
    if aux not in _BARE_AUX | _PERFECT_AUX or len(words) < 2 or not _np_word(words[0]):
        return 0
    for j in range(1, min(len(words), 8)):
        word = words[j]
        low = word.lower()
        nxt = words[j + 1] if j + 1 < len(words) else ""
        # a noun that is a verb too ("pump", "team", "run") ends the subject only where no
        # noun or verb follows it: "does the infusion pump recall work", "did our team get"
        # and "has the test run finished" read on
        goes_on = "NOUN" in _lemmas(low) and bool(nxt) and (_noun_like(nxt) or _verb_only(nxt))
        if aux in _PERFECT_AUX:
            found = _participle(low) and not word[:1].isupper() and not goes_on
        else:
            found = is_verb(low) and not word[:1].isupper() and low not in _DETS and not goes_on
        if found:
            subject = words[:j]
            if subject[-1].lower() in _DETS | _POSSESSIVES | {"of"}:
                return 0  # "does the" … : no noun before the verb
            return j
        if not _np_word(word):
            return 0
    return 0
