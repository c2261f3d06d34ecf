"""The words the phrase model reads with: small closed word lists (determiners, object
pronouns, particles, prepositions, auxiliaries) and the English inflection of verbs
("review" -> "reviewing", "sent" -> "send"), coordinated verbs included.

Pure: no I/O. Inflection is lemminflect's dictionary (no model, nothing downloaded),
imported on first use; only this module imports it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_SENTENCE: Final = 600  # longer text is not one sentence a person wrote
MAX_DESCRIPTION: Final = 4000  # a calendar description is read this far for a request
KINDS: Final = ("action", "info", "meeting", "intro", "approval", "favour")

_DETS: Final = _set(
    "the a an my your our his her their its this that these those some any all each "
    "every both one two three four five six seven eight nine ten another"
)
_OBJ_PRONOUNS: Final = _set("me us him her them it this that these those you")
_PARTICLES: Final = _set("off up out over in back down through around along")
_PREPS: Final = _set(
    "to for on about with from at in into of by before after until within during via per"
)
_SUBORDINATORS: Final = _set(
    "while when if as once since because though although unless whether after before until"
)
_WH: Final = _set("what where when who whom whose which how why")
_AUX: Final = _set(
    "is are was were do does did have has had can could will would should shall may might"
)
_SUBJECT_PRONOUN: Final = {
    "you": "you",
    "u": "you",
    "i": "I",
    "we": "we",
    "they": "they",
    "he": "he",
    "she": "she",
    "it": "it",
}
_ROLE: Final = _set("cto ceo cfo coo cmo vp head lead team manager director recruiter founder")


DETERMINERS: Final = _DETS
OBJECT_PRONOUNS: Final = _OBJ_PRONOUNS


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    result: dict[str, tuple[str, ...]] = getAllLemmas(word.lower())
    return result


def is_verb(word: str) -> bool:
    """A base-form verb in the dictionary ("send", "e-mail"; not "sent", not "the"), or one
    made with a verb prefix and a hyphen ("co-present", "re-run")."""
    lemmas = _lemmas(word).get("VERB", ())
    prefix, dash, rest = word.lower().partition("-")
    if dash and prefix in _VERB_PREFIXES and not lemmas and rest:
        return is_verb(rest)
    return word.lower() in lemmas


_VERB_PREFIXES: Final = _set("co re pre un de over out under mis double cross")


def only_verb(word: str) -> bool:
    """A base-form verb that is never a noun or an adjective ("send", "proofread")."""
    return _only_verb(word)


def _only_verb(word: str) -> bool:
    forms = _lemmas(word)
    return is_verb(word) and "NOUN" not in forms and "ADJ" not in forms


@lru_cache(maxsize=4096)
def _inflect(word: str, tag: str) -> str:
    from lemminflect import getInflection

    forms = getInflection(word.lower(), tag)
    if not forms:
        return word
    form: str = forms[0]
    if "-" in form and "-" not in word:
        form = form.replace("-", "")  # "resend" -> "resending", not "re-sending"
    return form


# verbs whose "on" at the end is their particle: "switch the lights on", "log on"
_ON_VERBS: Final = _set("switch turn log carry pass hand keep hold move try put sign")


def _base_of(word: str) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(word.lower(), "VERB")
    return lemmas[0] if lemmas else word


def ing(verb_phrase: str) -> str:
    """The -ing form of a base-form verb phrase, coordinated verbs included:
    "save these and print them" -> "saving these and printing them"."""
    words = verb_phrase.split()
    if not words:
        return ""
    causative = words[0].lower() in ("have", "make", "help") and (
        len(words) < 2
        or words[1].lower()
        not in ("contact", "sure", "certain", "a", "an", "time", "room", "arrangements")
    )  # "have the IT group order and install"; not "make contact with X and set a time"
    words[0] = _ing_word(words[0])
    for i in range(1 if not causative else len(words), len(words) - 1):
        if words[i].lower() in ("and", "or", "&") and _coordinated_verb(words, i + 1):
            words[i + 1] = _ing_word(words[i + 1])
    return " ".join(words)


def _ing_word(word: str) -> str:
    head, dash, last = word.rpartition("-")
    if dash and head and not is_verb(word) and is_verb(last):
        return f"{head}-{_inflect(last, 'VBG')}"  # "pet-sit" -> "pet-sitting"
    if not is_verb(word):
        return word if word.lower().endswith("ing") else _inflect(word, "VBG")
    return _inflect(word, "VBG")


# verbs that are nouns too, read as verbs when their preposition follows ("or wait for X")
_PREP_VERBS: Final = frozenset(
    [(v, "for") for v in ("wait", "ask", "look", "apply", "pay", "vote", "call", "shop")]
    + [(v, "to") for v in ("reply", "respond", "talk", "speak", "write", "report", "return")]
    + [(v, "on") for v in ("vote", "report", "comment", "follow", "work")]
    + [(v, "about") for v in ("talk", "ask", "think", "write", "call")]
)


def _coordinated_verb(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` (after "and") starts a second verb phrase: a base verb
    followed by an object or a particle ("and print them", "and get back to me")."""
    if not is_verb(words[i]) or words[i][:1].isupper():
        return False
    if i == len(words) - 1:
        return True  # "follow up with them and schedule": a verb at the end
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if nxt == "with" and words[i].lower() in ("work", "meet", "check", "talk", "speak", "deal"):
        return True  # "and work with Janette"
    if (words[i].lower(), nxt) in _PREP_VERBS:
        return True  # "or wait for the quote", "and reply to the client"
    return _only_verb(words[i]) or nxt in _DETS or nxt in _OBJ_PRONOUNS or nxt in _PARTICLES
