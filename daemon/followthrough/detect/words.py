"""The words the phrase model reads with: small closed word lists (determiners, object
pronouns, particles, prepositions, auxiliaries) and the English inflection of verbs
("review" -> "reviewing", "sent" -> "send"), coordinated verbs included.

Pure: no I/O. Inflection is lemminflect's dictionary (no model, nothing downloaded),
imported on first use; only this module imports it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The characters that a case-insensitive pattern matches to an ASCII letter but that
# ``str.lower`` does not turn into it ("İ", "ı" match "i"; "ſ" matches "s").
_CASE_ODD: Final = ("\u0130", "\u0131", "\u017f")


def has_case_odd(text: str) -> bool:
    """Whether ``text`` has a letter that a case-insensitive pattern matches to an ASCII
    letter but that ``str.lower`` does not turn into it (``_CASE_ODD``)."""
    return not text.isascii() and any(c in text for c in _CASE_ODD)


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """A cheap necessary condition for a case-insensitive pattern that needs one of
    ``words`` (lower-case ASCII) to match somewhere in ``text``."""
    if has_case_odd(text):
        return True
    lower = text.lower()
    return any(map(lower.__contains__, words))


class Needs:
    """A pattern searched only in text where it can match: a case-sensitive pattern and
    the words (plain substrings, separated by "|"; a word may start with a space: " me")
    one of which every match of it contains, looked for before the pattern runs. A speed
    shortcut: a pattern that starts with ``\\b``, as most of the gate's do, is tried at
    every position of the text, which costs far more than a few substring tests
    (tests/unit/test_detect_speed7.py checks each one's words on real sentences)."""

    __slots__ = ("pattern", "words")

    def __init__(self, words: str, pattern: str) -> None:
        self.words = tuple(words.split("|"))
        self.pattern = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, or None at once when none of the words is in ``text``."""
        if any(map(text.__contains__, self.words)):
            return self.pattern.search(text)
        return None


MAX_SENTENCE: Final = 600  # longer text is not one sentence a person wrote
MAX_DESCRIPTION: Final = 4000  # a calendar description is read this far for a request
KINDS: Final = ("action", "info", "meeting", "intro", "approval", "favour")

_DETS: Final = _set(
    "the a an my your our his her their its this that these those some any all each "
    "every both one two three four five six seven eight nine ten another more"
)
_OBJ_PRONOUNS: Final = _set("me us him her them it this that these those you")
_PARTICLES: Final = _set("off up out over in back down through around along away")
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
    """A base-form verb in the dictionary ("send", "e-mail"; not "sent", not "the"), or a
    compound of a prefix and one ("co-present", "pet-sit", "double-check")."""
    lemmas = _lemmas(word).get("VERB", ())
    if word.lower() in lemmas or _compound_verb(word) != "":
        return True
    verb, hyphen, particle = word.lower().partition("-")  # "call-in", "sign-off"
    return bool(hyphen) and particle in _PARTICLES and verb in _lemmas(verb).get("VERB", ())


# the first halves of hyphenated verbs ("co-present", "re-send", "double-check", "pet-sit",
# "second-mark"): prefixes and the words that make a verb of a verb
_VERB_PREFIXES: Final = _set(
    "co re pre de un mis over under out cross double triple fact spot proof baby pet house "
    "dog second fine dry sub back hand test spell speed deep hard soft"
)


def _compound_verb(word: str) -> str:
    """The verb at the end of a hyphenated compound verb ("co-present" -> "present"), or ""
    when the word is none (a dictionary word, "year-end", "follow-up")."""
    head, hyphen, verb = word.lower().rpartition("-")
    if not hyphen or head not in _VERB_PREFIXES or word.lower() in _lemmas_raw(word):
        return ""
    return verb if verb in _lemmas(verb).get("VERB", ()) else ""


def _lemmas_raw(word: str) -> tuple[str, ...]:
    """Every lemma the dictionary has for the word itself, of any part of speech."""
    return tuple(lemma for forms in _lemmas(word).values() for lemma in forms)


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


_MODALS: Final = _set("can could will would should shall may might must")
# verbs whose "on" at the end is their particle: "switch the lights on", "log on"
_ON_VERBS: Final = _set("switch turn log carry pass hand keep hold move try put sign")


def _base_of(word: str) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(word.lower(), "VERB")
    return lemmas[0] if lemmas else word


def ing(verb_phrase: str) -> str:
    """The -ing form of a base-form verb phrase, every conjunct inflected: "save these and
    print them" -> "saving these and printing them", "print, sign and return it" ->
    "printing, signing and returning it", "email or fax it" -> "emailing or faxing it";
    "come explain it" -> "coming to explain it", "start buying X" -> "starting to buy X"."""
    words = verb_phrase.split()
    if not words:
        return ""
    first = words[0].lower()
    causative = first in ("have", "make", "help") and (
        len(words) < 2
        or words[1].lower()
        not in ("contact", "sure", "certain", "a", "an", "time", "room", "arrangements")
    )  # "have the IT group order and install"; not "make contact with X and set a time"
    if len(words) > 1 and first in ("come", "go") and _bare_verb_after(words, 1):
        words.insert(1, "to")  # "come explain this": coming to explain this
    elif (
        len(words) > 1
        and first in ("start", "begin", "continue")
        and words[1].lower().endswith("ing")
        and is_verb(_base_of(words[1]))
    ):
        words[1:2] = ["to", _base_of(words[1])]  # "start buying X": starting to buy X
    words[0] = _ing_word(words[0])
    # the verbs in a series at the head: "print, review, sign and return", "email or fax"
    i = 0
    while i + 1 < len(words):
        if words[i].endswith(",") and is_verb(words[i + 1].strip(",")):
            words[i + 1] = _ing_word(words[i + 1])
            i += 1
        elif (
            words[i + 1].lower() in ("and", "or", "&")
            and i + 3 < len(words)
            and words[i + 2].lower() == "then"
            and is_verb(words[i + 3].strip(","))
        ):
            words[i + 3] = _ing_word(words[i + 3])  # "print and then file it"
            i += 3
        elif (
            words[i + 1].lower() in ("and", "or", "&")
            and i + 2 < len(words)
            and not words[i + 2][:1].isupper()
            and (
                is_verb(words[i + 2].strip(","))
                or (  # "email or courier the contract": a noun used as a verb, before its object
                    i == 0
                    and i + 3 < len(words)
                    and words[i + 3].lower() in _DETS | _OBJ_PRONOUNS | {"my", "your", "our"}
                    and "NOUN" in _lemmas(words[i + 2])
                )
            )
        ):
            words[i + 2] = _ing_word(words[i + 2])
            i += 2
        else:
            break
    # a question inside says its modal's verbs: "let me know whether we should call or meet
    # you" (not "check whether it works and call me": a second ask)
    end = next((k for k in range(1, len(words)) if words[k].lower() in _CLAUSE_WORDS), len(words))
    for j in range(i + 1, len(words) - 1):
        if j > end and any(w.lower() in _MODALS for w in words[end:j]):
            break
        if words[j].lower() not in ("and", "or", "&") or not _coordinated_verb(words, j + 1):
            continue
        if causative and (
            first != "make" or (is_verb(words[j - 1]) and words[j - 2].lower() not in _DETS)
        ):
            continue  # "have the IT group order and install X": their verbs, not the helper's
        words[j + 1] = _ing_word(words[j + 1])
    return " ".join(words)


_CLAUSE_WORDS: Final = _set("whether if what where when who which how why")


def _bare_verb_after(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a bare verb after "come"/"go" ("come see me", "go get the
    mail"), not a particle or a place ("come back", "go home")."""
    word = words[i].lower()
    if word in _PARTICLES or word in _PREPS | _NOT_BARE or not is_verb(word):
        return False
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return (
        _only_verb(word)
        or nxt in _DETS | _OBJ_PRONOUNS | _PARTICLES | _WH_WORDS
        or nxt in ("whether", "if", "on")
    )  # "go check whether …", "come pick up the monitor"


# what follows "come"/"go" as a place or a manner, not a verb ("go home", "come live here")
_NOT_BARE: Final = _set("home ahead together live public abroad missing bust")
_WH_WORDS: Final = _set("what where when who which how why")


def _ing_word(word: str) -> str:
    stripped = word.rstrip(",")
    tail = word[len(stripped) :]
    verb, hyphen, particle = stripped.partition("-")
    if hyphen and particle.lower() in _PARTICLES and is_verb(verb):
        return f"{_inflect(verb, 'VBG')} {particle}{tail}"  # "call-in": calling in
    compound = _compound_verb(stripped)
    if compound:
        return f"{stripped[: -len(compound)]}{_inflect(compound, 'VBG')}{tail}"
    if not is_verb(stripped):
        return word if stripped.lower().endswith("ing") else _inflect(stripped, "VBG") + tail
    return _inflect(stripped, "VBG") + tail


# verbs that are nouns too, read as verbs when their preposition follows ("or wait for X")
_PREP_VERBS: Final = frozenset(
    [(v, "for") for v in ("wait", "ask", "look", "apply", "pay", "vote", "call", "shop")]
    + [(v, "to") for v in ("reply", "respond", "talk", "speak", "write", "report", "return")]
    + [(v, "on") for v in ("vote", "report", "comment", "follow", "work")]
    + [(v, "about") for v in ("talk", "ask", "think", "write", "call")]
)


# verbs whose object is the person reached ("email Mark", "call Dana", "remind Jo")
_ADDRESS_VERBS: Final = _set("email e-mail call phone text ping fax message cc remind thank invite")


def _coordinated_verb(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` (after "and") starts a second verb phrase: a base verb
    followed by an object or a particle ("and print them", "and get back to me")."""
    if not is_verb(words[i]) or words[i][:1].isupper() or words[i].lower() in _MODALS:
        return False  # "I may or may not": a modal is never a verb phrase's head
    if i == len(words) - 1:
        return True  # "follow up with them and schedule": a verb at the end
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if nxt == "with" and words[i].lower() in ("work", "meet", "check", "talk", "speak", "deal"):
        return True  # "and work with Janette"
    if (words[i].lower(), nxt) in _PREP_VERBS:
        return True  # "or wait for the quote", "and reply to the client"
    if words[i].lower() in _ADDRESS_VERBS and words[i + 1][:1].isupper():
        return True  # "and email Mark": a verb of reaching a person, before the person
    k = i + 1
    while k < len(words) - 1 and "ADJ" in _lemmas(words[k]) and not is_verb(words[k]):
        k += 1  # "and archive old builds": the adjectives of its object
    if (
        _plural_noun(words[k] if k < len(words) else "")
        and not words[i].lower().endswith("s")
        and not any(w.lower() in _PREPS for w in words[1:i])
    ):
        # "make that change and run executables": a verb and its plural object; after a
        # preposition the "and" goes on with its noun ("to the email and index postings")
        return True
    return _only_verb(words[i]) or nxt in _DETS or nxt in _OBJ_PRONOUNS or nxt in _PARTICLES


def _plural_noun(word: str) -> bool:
    """A noun in its plural, never a base verb ("executables", "slides"; not "notes" the
    verb's -s form either: "notes" is no base verb, so it counts)."""
    nouns = _lemmas(word).get("NOUN", ())
    return bool(nouns) and word.lower() not in nouns and not is_verb(word)


# Abbreviations whose dot ends no sentence: titles before a name ("Sr. Jacoby"), Latin
# and clock abbreviations ("e.g.", "etc.", "a.m."). While a sentence is read their dots
# are masked (``masked``), so no rule cuts a form inside one; ``unmasked`` puts them back.
_ABBREVIATION: Final = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Dr|Sr|Jr|St|Prof|Gen|Col|Capt|Lt|Sgt|Rev|Hon|Mt|Ft|Ave|Blvd"
    r"|approx|dept|etc|vs|incl|Inc|Corp|Ltd|Bros)\.(?=[\s,;)]|$)"
    r"|(?:No|Nos|fig|vol)\.(?=\s*\d)"
    r"|(?:e\.g|i\.e|a\.m|p\.m|U\.S|U\.K|cf|viz)\.?(?![\w]))",
)
_MASK: Final = "\u2024"  # ONE DOT LEADER: no rule reads it as a full stop
# the ones masked: not "e.g." and "i.e." (an aside the forms cut before) nor "a.m." and
# "p.m." (a time the forms drop whole)
# and only before more words: a last "etc." ends the sentence too, as does one before a
# capital ("… etc. Please send it"); a title is followed by its name
_MASKED: Final = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Dr|Sr|Jr|St|Prof|Gen|Col|Capt|Lt|Sgt|Rev|Hon|Mt|Ft)\.(?=\s+\w)"
    r"|(?:Ave|Blvd|approx|dept|etc|vs|incl|Inc|Corp|Ltd|Bros)\.(?=[\s,;)]+[a-z0-9])"
    r"|(?:No|Nos|fig|vol)\.(?=\s*\d))"
)


def masked(text: str) -> str:
    """The text with the dots of its abbreviations masked ("Sr. Jacoby" -> "Sr\u2024 Jacoby")."""
    if "." not in text:
        return text
    return _MASKED.sub(lambda m: m.group(0).replace(".", _MASK), text)


def unmasked(text: str) -> str:
    """The text with its masked dots put back."""
    return text.replace(_MASK, ".")


def ends_in_abbreviation(form: str) -> bool:
    """Whether a form ends in an abbreviation or what is left of one ("with Sr", "e.g"):
    it was cut inside a name or an aside."""
    words = form.split()
    if not words:
        return False
    last = words[-1].rstrip(",;:")
    if last.rstrip(".") in ("Inc", "Corp", "Ltd", "Bros"):
        return False  # "Acme Inc.": a name, whole
    return _ABBREVIATION.fullmatch(last) is not None or (
        _ABBREVIATION.fullmatch(last + ".") is not None and last.lower() != "st"
    )
