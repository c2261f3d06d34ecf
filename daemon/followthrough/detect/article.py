"""The articles a calendar title leaves out, put back: "slides from offsite" -> "slides
from the offsite", "upload Level 3 pour photos" -> "upload the Level 3 pour photos", "send
W-9" -> "send the W-9"; names, numbered names ("on lot 2217"), dates, -ing words and
pronouns stay as they are. ``followthrough.detect.title`` and ``calendar`` use them.

Pure: no I/O.
"""

from __future__ import annotations

from typing import Final

from followthrough.detect import rx
from followthrough.detect.topic import _with_article
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _base_of,
    _lemmas,
    _set,
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
        if w.lower() in _CLAUSE_START:
            return " ".join(out + words[i + 1 :])  # "while I'm on leave": a clause, said whole
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        acronym = bool(rx.fullmatch(r"[A-Z][A-Z0-9]{1,5}", nxt)) and after[:1].islower()
        acronym = acronym or (
            bool(rx.fullmatch(r"\d{4}", nxt)) and after[:1].islower()
        )  # "2027 policy"
        named = (
            nxt[:1].isupper()
            and nxt[1:].islower()
            and nxt.lower() not in _CALENDAR_NAMES
            and after[:1].islower()
            and "NOUN" in _lemmas(after.lower())
            and after.lower() not in _CALENDAR_NAMES | _set("today tomorrow tonight")
            and i + 3 >= len(words)
        )  # "for Nepal trek": for the Nepal trek; not "on Monday morning"
        if (
            i > 0
            and w.lower() in ("on", "from", "for", "of", "about", "with")
            and (nxt[:1].islower() or acronym or named)  # "for SSO work": for the SSO work
            and not rx.match(r"^#?\d", after)  # "on lot 2217": a numbered name
            and nxt.lower() not in _DETS | _OBJ_PRONOUNS | _PREPS
            and not _named_owner(nxt)  # "notes from Dad's lawyer": no "the Dad's"
            and not (nxt.lower().endswith("ing") and _base_of(nxt) != nxt.lower())  # "spring"
            and nxt.lower() not in _NO_ARTICLE
            and not (w.lower() in ("on", "in", "at") and nxt.lower() in _BARE_AFTER)
            and set(_lemmas(nxt.lower())) != {"ADJ"}
            and not _quality(words[i + 1 :])
        ):
            out.append("the")
    return " ".join(out)


_CALENDAR_NAMES: Final = _set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december morning afternoon evening night week "
    "weekend"
)
# nouns that take no article after "in", "on" or "at": "in touch", "on leave", "on call"
_BARE_AFTER: Final = _set(
    "touch leave call hold board site track time hand duty vacation holiday standby file "
    "record person charge loan sale stage air display"
)
# words that start a clause: what follows is said as written ("while I'm on leave")
_CLAUSE_START: Final = _set("while when whenever because since unless until if so once")


# prepositions the shared list leaves out; no article goes before them ("decide between")
_MORE_PREPS: Final = _set(
    "between among amongst against without under across behind beyond toward towards around "
    "through like than versus vs"
)


def _quality(words: list[str]) -> bool:
    """ "launch readiness", "brand awareness": a quality named by an -ness noun, which
    takes no article after a preposition ("sign off on launch readiness")."""
    cut = next((k for k, w in enumerate(words) if w.lower() in _PREPS), len(words))
    return 0 < cut <= 2 and words[cut - 1].lower().endswith("ness")


def _named_owner(word: str) -> bool:
    """ "Dad's", "Lumio's", "Acme’s": a name in the possessive, the determiner of what
    follows it, so no article goes before it ("the client's lawyer" is another matter)."""
    return word[:1].isupper() and rx.search(r"(?:['’]s|s['’])$", word) is not None


def _numbered_modifier(words: list[str]) -> bool:
    """ "Level 3 pour photos", "Grade 4 science trip": a numbered name before the noun it
    modifies, which takes "the" as the noun would ("Room 12" alone takes none)."""
    return (
        len(words) > 2
        and words[0][:1].isupper()
        and rx.fullmatch(r"#?\d[\w.]*", words[1]) is not None
        and words[2][:1].islower()
        and words[2].lower() not in _PREPS | _MORE_PREPS | {"and", "or"}
    )


def _form_code(words: list[str]) -> bool:
    """ "W-9", "I-9", "DS-160": a form named by its code, which takes "the"."""
    return rx.fullmatch(r"[A-Z]{1,2}-\d{1,3}", words[0]) is not None and (
        len(words) == 1 or words[1].lower() in _PREPS
    )


def _title_article(np: str) -> str:
    """A title's noun phrase with its article, numbered modifiers and form codes too; a
    quality named by an -ness noun takes none ("launch readiness")."""
    words = np.split()
    if words and (_numbered_modifier(words) or _form_code(words)):
        return "the " + np
    if len(words) <= 3 and words and words[-1].lower().endswith("ness") and np[:1].islower():
        return np
    return _with_article(np)


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
    if head.lower() in _DETS or head.lower() in _PREPS or head.lower() in _MORE_PREPS:
        return words
    if _named_owner(head):
        return words  # "go through Dad's pension forms": the name is its determiner
    if i > 0 and words[i - 1].lower() in ("her", "his", "their", "its"):
        return words  # "bring her famous lasagne": hers, not something brought to her
    if i > 0 and words[i - 1].lower() in ("in", "on", "at") and head.lower() in _BARE_AFTER:
        return words  # "put us in touch with X", "keep it on file"
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if head.isupper() and len(head) > 1 and head.isalpha() and not nxt:
        return [*words[:i], "the", *words[i:]]  # "sign NDA": the NDA
    if _numbered_modifier(words[i:]) or _form_code(words[i:]):
        return [*words[:i], "the", *words[i:]]  # "upload Level 3 pour photos", "send W-9"
    if head[:1].isupper() and (not nxt or nxt.lower() in _PREPS or rx.match(r"^#?\d", nxt)):
        return words  # a name: "intro to Jane", "Jane at Initech", "PO 8812"
    if len(words) - i <= 3 and rx.match(r"^#?\d[\d.,/–-]*$", words[-1]):
        return words  # a numbered name: "headcount req #4412", "ticket 4471"
    return [*words[:i], "the", *words[i:]]
