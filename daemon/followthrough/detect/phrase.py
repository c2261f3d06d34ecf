"""Say the ask back: the forms a draft needs, made once when an ask is recorded.

From the sentence that asked ("Could you review the Q3 deck by Friday?") or a tagged
calendar entry ("Ask: Grace — mock interview #ask"), ``decide_phrase`` and
``decide_calendar_phrase`` make an ``AskPhrase``: the kind of ask, its base-form verb
phrase ("review the Q3 deck"), the -ing form ("reviewing the Q3 deck"), a short topic
("the Q3 deck") and the original sentence. Templates pick the form their sentence needs;
an empty form means "no good phrase": the template says something plainer instead.

Pure: no I/O. One sentence's words are read by ``followthrough.detect.sentence``;
a calendar entry by ``followthrough.detect.calendar``; this module makes every form sound
or drops it (the checks are in ``followthrough.detect.soundness``), and is the entry point
the rest of followthrough calls.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.antecedent import resolve_object
from followthrough.detect.calendar import _description_request, decide_calendar_phrase
from followthrough.detect.kind import decide_kind
from followthrough.detect.sentence import decide_phrase
from followthrough.detect.soundness import (
    MAX_GERUND_WORDS,
    MAX_TOPIC_WORDS,
    _ends_well,
    is_sound,
    shorten,
)
from followthrough.detect.title import clean_calendar_title
from followthrough.detect.titlenoun import settled_kind
from followthrough.detect.topic import _topic_for, meeting_topic
from followthrough.detect.words import (
    _DETS,
    _ON_VERBS,
    _PREPS,
    _WH,
    _base_of,
    _lemmas,
    _set,
    is_verb,
)
from followthrough.model import Address, AskPhrase

# The version of what ``decide_ask_phrase`` says for a given ask. Bump it whenever a change
# makes it say an ask differently: on opening, the ledger remakes the phrases of the asks
# recorded with an older version (``Ledger._refresh_phrases``; 1 = before migration 11).
# 2: issue 16's second pass (frames, objects, questions, shortening).
# 3: the third pass (topics name the thing, relative days dropped, questions' things,
#    passages read for the sentence that asks, calendar "ask X to …" titles).
# 4: the third pass, second round (run-ons and "--" asides cut, "is there any chance that
#    X could", coordinated verbs with their preposition, forms that name nothing dropped).
# 5: a form that names the helper or holds a clipped day ("Wed 2-4") is dropped.
# 6: the fourth pass (one bump for both of its branches): every verb of a series inflected
#    ("printing, signing and returning it", "coming to explain"), asks ended at clause
#    boundaries ("prior to", "when …", "(ie)"), hedged frames ("I think you need to …"),
#    calendar "X to VERB" titles and questions' subjects; and topics: the topic is a noun
#    phrase (no "the" before a possessive name, a numbered code or a verb; the object ended at
#    "ready", "via", "with her"), light verbs ("take a look at X") name X, a copy is for its
#    recipient, "add X to the list" names the list, a meeting is named as its words name it
#    ("our discussion", "the quick call"), questions name the doing ("how can I get X back"
#    -> getting X back). Asks recorded before it said these words wrongly or not at all.
# 7: the fifth pass, -ing forms and kinds: direct questions said in statement order by where
#    their subject ends ("when new pricing goes live", "whether the recall has reached 4 West"),
#    a question without its "?" or behind "Or,", a name with no comma before "could you",
#    meeting wishes ("it would be great to meet", "would you be interested in joining"),
#    verbs that share one object ("print and then file X"), "see if you can X", "are you
#    available?" said as its question, a fact the reader knows (an address) asked as info.
#    Asks recorded before it were said wrongly ("when does new pricing go live") or not at all.
#    One bump for all three branches of the pass: calendar entries too (a request to the
#    helper in the description wins over the title; agendas, join blocks and notes to self
#    ask nothing; shorthand "w/", "mtg", "conf" said in words; a title's question said as an
#    indirect one) and topics: a pronoun object said as the noun phrase it stands for ("so
#    please review it": your site), "VERB me from X" names X, two objects ("get me access to
#    X"), a thing sent "to Marcus" is for him, a meeting names what it is to discuss or whom
#    it is with, an inverted question's subject ends where its verb starts ("did our HR guys
#    get"), "would it be helpful to meet X" names meeting X, the positive of a negative
#    question; topics recorded before it were said as the action or not at all.
# 8: the sixth pass (one bump for its three branches): fewer give-ups (a time's colon, an
#    initial, long forms cut after "as" or before a participle, stated needs, elided
#    questions), kinds (time together offered to suit the reader is a meeting, whether the
#    reader can attend is info, standing kindnesses are favours) and calendar titles
#    (capitals, shorthand such as "Y7" or "40ft", articles, "OK to X?", "THING: verb-ing").
# 9: the seventh pass, questions: a question to a group said as one to the reader ("has
#    anybody on the list tried it" -> "whether you've tried it", "their" -> "your"), elliptic
#    questions said whole ("Any hints?" -> "sharing any hints", "Any idea of X?", "Anyway to
#    X?"), what stands before a question dropped ("Or", "So", "On that note:", "Well boyz,",
#    quote bars, "is it just me or"), a choice in statement order ("whether this mountain is
#    limestone or granite"), "explain why X" naming why X, and no form cut inside "Sr." or
#    "etc.". Asks recorded before it were said with the group's words or not at all.
#    And calendar entries (branch c16c7): titles said as a careful
#    writer would ("Gutter cleaning" is cleaning the gutters, "ETA on X?" letting me know
#    the ETA on X, "(Hina coaching)" coaching the event, "Need her sign-off on X" signing
#    off on X, "my PTO").
# 10: the eighth pass, the asks of list mail (branch c16p8): what the reader has to hand
#    asked shared ("does anybody have some clear examples?" -> sharing some clear examples,
#    "Any suggestions of X would be appreciated", "has anyone got information on X", "if
#    anybody has any ideas, let me know"), the thing as the topic with a bare plural kept
#    bare ("UNIX cracking tools"); a question whether the reader tried a thing names the
#    thing ("has anyone run Sylpheed in Gnome 2.0" -> Sylpheed in Gnome 2.0); a bare "this"
#    object is the topic ("clear this up for me" -> this). Asks recorded before it said
#    "whether you have some clear examples" or the action as the topic.
# 11: garbles the eighth round's blind review found (branch c16f8): a day dropped from a
#    title takes its part of day ("keep the twins Fri night?" -> keeping the twins, not "the
#    twins night"), no "the" before a name in the possessive ("Dad's pension forms"), "need
#    NAME (role) to VERB X" asks VERB X, a part of a word in parentheses never glues two
#    words ("tried (dist-)upgrade"), no form ending on a bare "any"/"some"/"one" ("letting me
#    know of any"), and "awaiting NAME" is the user waiting (never "awaiting PO #7781").
PHRASE_MODEL: Final = 11

_log = logging.getLogger(__name__)


def helper_names(helpers: Iterable[Address]) -> list[str]:
    """The helpers' names, or a name read from the address when there is none
    ("grace.hopper@example.org" -> "Grace Hopper")."""
    out = []
    for h in helpers:
        name = h.name.strip()
        if not name:
            local = h.email.partition("@")[0]
            name = " ".join(p.capitalize() for p in rx.split(r"[._-]+", local) if p.isalpha())
        out.append(name)
    return out


def first_name_variants(names: Iterable[str]) -> tuple[str, ...]:
    """The ways a helper is named in a title: full name, first name ("Grace Hopper",
    "Grace"); "Doe, Jane" gives "Jane Doe" and "Jane"."""
    out: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        if "," in name:
            out.append(name)
            last, _, first = name.partition(",")
            out.append(last.strip())
            name = f"{first.strip()} {last.strip()}"
        out.append(name)
        out.append(name.split()[0])
        if len(name.split()) > 1 and name.split()[0].lower().rstrip(".") not in _TITLES:
            # "Dr. Adebayo", "Principal Okoro": a title and the last name
            last = name.split()[-1]
            out.extend(f"{t} {last}" for t in _NAME_TITLES)
    return tuple(dict.fromkeys(out))


_NAME_TITLES: Final = (
    "Dr.",
    "Dr",
    "Prof.",
    "Prof",
    "Professor",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Principal",
    "Coach",
    "Dean",
)


# a preposition whose object was dropped with a day or a time ("make the return on
# earlier" from "on Sunday", "book to with me" from "9:00 am to 2:00 pm")
_ORPHAN_PREP: Final = re.compile(
    r"\s+\b(?:on|by|at|to|from|until|before)\b"
    r"(?=\s+(?:earlier|later|instead|with|for|at|from|by)\b)"
    r"|\s+\b(?:on|by|at|to|from|until)\b\s*$"  # a last "before" is an adverb: "seen it before"
)


def _mended(form: str) -> str:
    """The form without a preposition left with no object once a day was dropped; a
    preposition a question strands stays ("who it belongs to")."""
    words = form.split()
    if not form or any(w.lower() in _WH for w in words):
        return form
    if words[-1].lower() == "on" and _base_of(words[0]) in _ON_VERBS:
        return form  # "switching the lights on"
    form = rx.sub(  # "meet on to plan the fair" (from "on the weekend to plan …")
        r"\s+\b(?:on|at)\b(?=\s+to\s+(\w+))",  # ("drop by to …": "by" a particle)
        lambda m: "" if is_verb(m.group(1)) and _base_of(words[0]) not in _ON_VERBS else m.group(0),
        form,
    )
    return _ORPHAN_PREP.sub("", form).strip()


# What a form must never hold, whatever rule made it: a day said as it was when the ask was
# written ("Wed 2-4", "Sunday's cutover": wrong by the time a draft goes out).
_DAY_WORDS: Final = re.compile(
    r"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?(?:\s*\d|\s*[–-]|$)"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day's\b)"
)
# a day named in full before a noun, as a modifier ("the Sunday service"; "the Super
# Saturday" is a name, and "Monday or Wednesday" a choice asked about)
_WEEKDAY: Final = re.compile(
    r"\b(?:the|this|next|our|your) (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
)
_TITLES: Final = _set("dr dr. prof prof. mr mr. mrs mrs. ms ms. principal coach dean")
# a form that ends on a quantifier standing for a thing the words never name ("do you know
# of any?" -> "letting me know of any", "could you send me some?"); "both" names two things
# said before, and "it", "that" a thing the thread names ("resending it")
_QUANTIFIER: Final = r"(?:any|some|one|ones)(?: more)?"


def _bare_quantifier(form: str) -> bool:
    """Whether a form ends on a quantifier that is its verb's or preposition's whole object
    ("letting me know of any", "recommending one", "sending me some"; not "this one",
    "whether there is one")."""
    m = rx.search(rf"(\S+ )?(\S+) {_QUANTIFIER}$", form, re.I)
    if m is None:
        return False
    before = m.group(2).lower()
    if before in ("is", "are", "was", "were", "be", "been"):
        return False
    aux = rx.search(r"(?:^|['’])(?:have|has|had|ve) $", (m.group(1) or "").lower())
    if before.endswith("ed") and aux is None:
        return False  # "an old mips based one": a modifier of "one"
    adjective = "ADJ" in _lemmas(before) and _base_of(before) == before
    if (m.group(1) or "").strip().lower() in _DETS or adjective:
        return False  # "the blue one": a modifier of "one"
    return before in _PREPS or before in ("me", "us") or is_verb(_base_of(before))


def _name_words(names: Iterable[str]) -> tuple[str, ...]:
    """The words of the helpers' names that would show in a form ("Dr. Ada Obi" -> Ada, Obi)."""
    words = (w for n in names for w in rx.findall(r"[A-ZÀ-Þ][\w'’-]+", n))
    return tuple(dict.fromkeys(w for w in words if w.lower().rstrip(".") not in _TITLES))


def _fit(form: str, names: tuple[str, ...]) -> bool:
    """A form a draft may say to the helper: not their own name ("letting me know the
    Dr. Obi budget"), and no day clipped from when it was asked nor named on its own."""
    if _DAY_WORDS.search(form):
        return False
    if _WEEKDAY.search(form):
        return False  # "the Sunday service …": a day the draft says elsewhere, if at all
    return not any(
        rx.may_hold(form, w) and rx.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", form)
        for w in names
    )


def _without_clause(topic: str) -> str:
    """A topic whose relative clause leaves it unsound, without the clause ("a reference for
    a book which does so" -> "a reference for a book"); "" when no such cut is sound."""
    m = rx.match(r"^(\S+(?: \S+)+?),? (?:which|who|whose|that|where)\b", topic)
    return m.group(1) if m is not None and is_sound(m.group(1)) and _ends_well(m.group(1)) else ""


def _sound(phrase: AskPhrase, names: Iterable[str] = ()) -> AskPhrase:
    """The phrase with every unsound form dropped (an unsound -ing form drops the base too:
    they are the same words), and a long one shortened first. ``names`` are the helpers':
    a form that names them is dropped, so the draft says something plainer."""
    words = _name_words(names)
    base, gerund, topic = (_mended(f) for f in (phrase.base, phrase.gerund, phrase.topic))
    if len(gerund.split()) > MAX_GERUND_WORDS:
        short = shorten(gerund, MAX_GERUND_WORDS)
        n = len(short.split())
        same = len(base.split()) == len(gerund.split())
        base, gerund = (
            (" ".join(base.split()[:n]).rstrip(","), short) if short and same else ("", "")
        )
    if len(topic.split()) > MAX_TOPIC_WORDS:
        topic = shorten(topic, MAX_TOPIC_WORDS)
    # a relative clause cut after its verb: "the examples of spam which was" -> the examples
    cut = rx.match(r"^(.+?),? (?:which|who|that) (?:is|was|are|were|has|had|have)$", topic)
    if cut is not None:
        topic = cut.group(1)
    if not is_sound(gerund) or not is_sound(base) or not _fit(gerund, words):
        base = gerund = ""
    if _bare_quantifier(gerund):
        base = gerund = ""  # "letting me know of any": of any what? The draft says it plainly
    if rx.fullmatch(rf"{_QUANTIFIER}|more", topic, re.I) or _bare_quantifier(topic):
        topic = ""
    if not is_sound(topic):
        topic = _without_clause(topic)
    if not is_sound(topic) or not _fit(topic, words):
        topic = ""
    if not topic and phrase.kind == "meeting":
        # the words name no thing: the meeting is the thing, as they call it ("our call")
        topic = meeting_topic(base, phrase.sentence)
        topic = topic if _fit(topic, words) else "our meeting"
    return AskPhrase(phrase.kind, base, gerund, topic, phrase.sentence)


def decide_ask_phrase(
    source_kind: str, sentence: str, description: str, helpers: Iterable[Address]
) -> AskPhrase:
    """The phrase model of an ask from where it came from: a calendar entry (title and
    description) or a sentence of a sent message (or the CLI).

    Never raises: the words are only how drafts say the ask back, so a fault in the rules
    on some odd sentence costs that ask its forms (the drafts then say something plainer),
    never the ask itself nor the pass that records it."""
    helpers = tuple(helpers)
    try:
        return _decide(source_kind, sentence, description, helpers)
    except Exception as err:  # any fault: see the docstring (a wording fault loses no ask)
        _log.warning(
            "could not phrase an ask from its %s (%s: %s); its drafts use plainer words",
            "calendar entry" if source_kind == "calendar" else "sentence",
            type(err).__name__,
            err,
        )
        return AskPhrase("action", "", "", "", sentence)


def _decide(
    source_kind: str, sentence: str, description: str, helpers: Iterable[Address]
) -> AskPhrase:
    full = helper_names(helpers)
    names = first_name_variants(full)
    if source_kind != "calendar":
        found = decide_phrase(sentence, helper_names=names)
        found = _with_kind(found, found.sentence, found.base)
        topic, base, gerund = resolve_object(found.topic, found.base, found.gerund, found.sentence)
        return _sound(AskPhrase(found.kind, base, gerund, topic, found.sentence), full)
    found = decide_calendar_phrase(sentence, description, helper_names=names)
    if description and _description_request(description, names) is not None:
        return _sound(_with_kind(found, description, found.base), full)
    # a title: its words, not the verb phrase made up from them ("send me the quote")
    title = " ".join(rx.sub(r"(?:^|\s)#\w+", " ", sentence).split())
    cleaned = clean_calendar_title(sentence, helper_names=names)
    read = _with_kind(found, f"{cleaned}. {title}" if cleaned else title, "")
    kind = settled_kind(found.kind, found.base, read.kind, title)  # "OK on the new vendor?"
    return _sound(read if kind == read.kind else found, full)


def _with_kind(phrase: AskPhrase, text: str, base: str) -> AskPhrase:
    """The phrase with the kind ``decide_kind`` reads in the words that asked; the topic
    is remade when the new kind names its thing differently ("our call", "the
    introduction to …")."""
    kind = decide_kind(text, base, phrase.kind)
    if kind == "meeting" and rx.match(
        r"let (?:me|us) know (?:whether|if) (?:you|we) (?:still )?(?:have|had|'ve got|got|can find"
        r"|could find|can spare|could spare)\b",
        phrase.base,
        re.I,
    ):
        # "Do you have half an hour next week?": not a question to answer but time asked
        # for, said as such ("Thank you for making time for me", "Following up on our call")
        topic = meeting_topic(phrase.sentence, things=False)
        return AskPhrase(kind, "make time for me", "making time for me", topic, phrase.sentence)
    if kind == phrase.kind:
        return phrase
    topic = phrase.topic
    asked = topic.startswith("whether ")  # the question asked, whatever its kind
    if phrase.base and not asked and topic == _topic_for(phrase.kind, phrase.base, phrase.gerund):
        topic = _topic_for(kind, phrase.base, phrase.gerund)
    return AskPhrase(kind, phrase.base, phrase.gerund, topic, phrase.sentence)
