"""What a pronoun object stands for: "The appearance of your site may change, so please
review it" asks about "your site"; "Once you get the original back, please send it to me"
about "the original". A follow-up says the thing, not "reviewing it": the nearest noun
phrase before the ask in the same sentence, when there is one (a grammar book's rule for
"it": its antecedent comes first, and is the closest fitting noun phrase).

Pure: no I/O. Used by ``followthrough.detect.phrase``; the parts of speech are
lemminflect's (``followthrough.detect.words``).
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.nounphrase import _with_article
from followthrough.detect.words import (
    _AUX,
    _DETS,
    _PARTICLES,
    _PREPS,
    _SUBJECT_PRONOUN,
    _lemmas,
    _set,
)

# the pronouns whose antecedent is a thing named before them ("this" and "these" often
# point at the whole mail, and a follow-up may say "this" back: they stay)
_THING_PRONOUNS: Final = _set("it them that those")
# the prepositions of a verb that takes its object after them ("look into it", "go over it")
_OBJECT_PREPS: Final = _set("into at over through on")
# nouns of a noun phrase that says when ("this morning", "last week"): no antecedent
_TIME_NOUNS: Final = _set(
    "morning afternoon evening night day week weekend month year time moment point while "
    "today tomorrow yesterday tonight quarter"
)
# words that open a noun phrase that names a known thing
_OPENERS: Final = _set("the your my our his their its this that these those")
# words that never go on a noun phrase
_NOT_IN_NP: Final = (
    _AUX
    | _PREPS
    | _set(
        "and or but so if when because while once since although however please not also "
        "then might must may shall be been being"
    )
)


def _noun_like(word: str, nxt: str = "") -> bool:
    """A word that can go on a noun phrase after its determiner: a noun, an adjective, a
    number or amount, a name or a word the dictionary does not know; a participle before
    a noun ("done deals"); not a verb alone, nor a determiner, a particle or a stop."""
    low = word.lower()
    if (
        low in _NOT_IN_NP | _DETS | _PARTICLES
        or low in _SUBJECT_PRONOUN
        or not rx.match(r"^(?:\w|\$\d)", word)
    ):
        return False
    if word[:1].isupper() or word[:1] in "0123456789$":
        return True
    forms = _lemmas(low)
    if forms and "VERB" in forms and low not in forms["VERB"] and nxt:
        return _noun_like(nxt)  # "done deals", "signed copies"
    return not forms or bool({"NOUN", "ADJ"} & forms.keys())


def _np_end(words: list[str], start: int) -> int:
    """Where the noun phrase opening at ``start`` ends (exclusive): its determiner and the
    words of a noun phrase after it, and one "of"/"in"/"for" phrase of such words ("the
    $8M Cdn in done deals"); ``start`` + 1 when no word follows the determiner."""
    end = start + 1
    while end < len(words) and _noun_like(
        words[end], words[end + 1] if end + 1 < len(words) else ""
    ):
        end += 1
    if end > start + 1 and end + 1 < len(words) and words[end].lower() in ("of", "in", "for"):
        more = end + 1
        while more < len(words) and _noun_like(
            words[more], words[more + 1] if more + 1 < len(words) else ""
        ):
            more += 1
        if more > end + 1:
            end = more
    return end


def _last_noun_phrase(text: str) -> str:
    """The last noun phrase of ``text`` that opens with a determiner and ends on a noun
    ("…of your site might be changed" -> "your site"); "" when there is none."""
    words = [w.strip(".") for w in text.split()]
    for start in range(len(words) - 1, -1, -1):
        if words[start].lower() not in _OPENERS:
            continue
        end = _np_end(words, start)
        if end == start + 1:
            continue  # "that" alone, "the" before a verb
        last = words[end - 1].lower()
        forms = _lemmas(last)
        if forms and "NOUN" not in forms and not words[end - 1][:1].isupper():
            continue  # ends on an adjective: "the same"
        if last in _TIME_NOUNS:
            continue  # "this morning", "the other day": when, not a thing
        return " ".join([words[start].lower(), *words[start + 1 : end]])  # "The" opens a sentence
    return ""


def resolve_object(topic: str, base: str, gerund: str, sentence: str) -> tuple[str, str, str]:
    """The topic, base form and -ing form with a pronoun object said as what it stands
    for: when the topic is the -ing form with "it"/"them"/"that"/"those" as the verb's
    only object ("reviewing it", "sending it to me for my files"), the nearest noun phrase
    before the ask in the sentence takes the pronoun's place in all three ("your site",
    "review your site", "reviewing your site": days later, a draft's "it" would point at
    nothing); else the three as they were."""
    thing = _antecedent(topic, base, gerund, sentence)
    if not thing:
        return topic, base, gerund
    at = _object_at(base.split())
    return thing, _replace_word(base, at, thing), _replace_word(gerund, at, thing)


def _object_at(words: list[str]) -> int:
    """Where the verb's object stands: after its preposition in "look into that"."""
    return 2 if len(words) > 2 and words[1].lower() in _OBJECT_PREPS else 1


def _replace_word(form: str, at: int, thing: str) -> str:
    """``form`` with its pronoun at ``at`` said as ``thing`` (as it was if no pronoun
    stands there)."""
    words = form.split()
    if len(words) <= at or words[at].lower() not in _THING_PRONOUNS:
        return form
    return " ".join([*words[:at], thing, *words[at + 1 :]])


def _antecedent(topic: str, base: str, gerund: str, sentence: str) -> str:
    """What the pronoun object of ``base`` stands for, or ""."""
    words = base.split()
    at = _object_at(words)
    if (
        not topic
        or topic != gerund
        or len(words) <= at
        or words[at].lower() not in _THING_PRONOUNS
        or (len(words) > at + 1 and words[at + 1].lower() not in _PREPS | {"out", "back", "over"})
    ):
        return ""
    verb = rx.search(rf"\b{re.escape(words[0])}\b(?!.*\b{re.escape(words[0])}\b)", sentence, re.I)
    if verb is None:
        return ""
    # the clause before the ask's, ended by a comma or a dash ("…, so please review it"):
    # a noun phrase right before the verb is its subject ("someone on your team rewrite")
    boundary = rx.search(
        r"(?:[,;:]|\s[-\u2013\u2014]+)\s*(?:(?:so|and|but|then|please|pls|you|we|may|might|could"
        r"|can|should|would|will|want|to|just)\s+)*$",
        sentence[: verb.start()],
        re.I,
    )
    if boundary is None:
        return ""
    clause = rx.split(r"[,;:]|\s[-\u2013\u2014]+\s", sentence[: boundary.start()])[-1]
    np = _last_noun_phrase(clause)
    if not np:
        return ""
    return _with_article(np)
