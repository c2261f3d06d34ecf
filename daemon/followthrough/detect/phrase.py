"""Say the ask back: the forms a draft needs, made once when an ask is recorded.

From the sentence that asked ("Could you review the Q3 deck by Friday?") or a tagged
calendar entry ("Ask: Grace — mock interview #ask"), ``decide_phrase`` and
``decide_calendar_phrase`` make an ``AskPhrase``: the kind of ask, its base-form verb
phrase ("review the Q3 deck"), the -ing form ("reviewing the Q3 deck"), a short topic
("the Q3 deck") and the original sentence. Templates pick the form their sentence needs;
an empty form means "no good phrase": the template says something plainer instead.

Pure: no I/O. One sentence's words are read by ``followthrough.detect.sentence``;
a calendar entry by ``followthrough.detect.calendar``; this module adds the soundness
check, long forms shortened, and the entry point the rest of followthrough calls.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect.antecedent import resolve_object
from followthrough.detect.calendar import _description_request, decide_calendar_phrase
from followthrough.detect.kind import decide_kind
from followthrough.detect.sentence import decide_phrase
from followthrough.detect.title import clean_calendar_title
from followthrough.detect.topic import _topic_for, meeting_topic
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _ON_VERBS,
    _PREPS,
    _SUBORDINATORS,
    _WH,
    _base_of,
    _lemmas,
    _only_verb,
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
PHRASE_MODEL: Final = 7

_log = logging.getLogger(__name__)


def helper_names(helpers: Iterable[Address]) -> list[str]:
    """The helpers' names, or a name read from the address when there is none
    ("grace.hopper@example.org" -> "Grace Hopper")."""
    out = []
    for h in helpers:
        name = h.name.strip()
        if not name:
            local = h.email.partition("@")[0]
            name = " ".join(p.capitalize() for p in re.split(r"[._-]+", local) if p.isalpha())
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
    if words[0].lower() in ("or", "and", "but", "nor"):
        return False  # "or 12": what is left of a list whose first half went
    clause = any(w.lower() in _WH | {"whether", "if", "that"} for w in words)
    if words[-1].lower() in ("is", "are", "was", "were", "be") and not clause:
        return False  # "the door is": a clause cut before what it says
    if len(words) > 16 or re.search(r"[:;]|\s[-\u2013\u2014]\s|\(\S*$|^\S*\)", phrase):
        return False
    if re.search(r"\?\s+\S", phrase):
        return False  # two sentences run together: "… in the hall? ask Pastor"
    if phrase.count("(") != phrase.count(")") or phrase.count('"') % 2:
        return False
    last = words[-1].lower().strip(".,!?")
    stranded = last in _PREPS and any(w.lower() in _WH for w in words)  # "who to send it to"
    # a particle after its verb's pronoun object: "made it through", "passing it along"
    particle = len(words) > 2 and words[-2].lower() in ("it", "them", "this", "that")
    if (
        last in _DANGLING
        and last not in ("in", "on", "up", "over", "out", "back", "down", "before", "after")
        and not stranded
        and not (particle and last in ("through", "along", "around", "off", "away"))
    ):
        return False
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        second = words[1]
        low = second.lower()
        acronym = second.isupper() and len(second) > 1 and low not in _OBJ_PRONOUNS  # "the OR …"
        if not acronym and (low in _DANGLING or low in _SUBORDINATORS or low in _OBJ_PRONOUNS):
            return False
        forms = _lemmas(low)
        if len(words) == 2 and low.endswith("ed") and "NOUN" not in forms and "ADJ" not in forms:
            return False  # "the overnighted": a participle, not a thing
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
# "a way to limit X": the noun says nothing without what follows it
_VAGUE_NOUNS: Final = _set(
    "way means time chance ability opportunity need access permission day days hour minutes "
    "minute moment slot date"
)


def shorten(form: str, limit: int) -> str:
    """A form of more than ``limit`` words cut where a careful writer would end it: before a
    clause ("the address of the HR website where I can see my pay stubs"), else before a
    purpose ("to boot them"), else before a prepositional phrase; never mid-phrase, and ""
    when no such place leaves a sound phrase (the draft then says something plainer)."""
    words = form.split()
    if len(words) <= limit:
        return form
    for tier in ("clause", "purpose", "prep"):
        for i in range(min(limit, len(words) - 1), 2, -1):
            w = words[i].lower()
            before = words[i - 1]
            nxt = words[i + 1] if i + 1 < len(words) else ""  # i may be the last word
            if tier == "clause":
                hit = (
                    w in _CLAUSE_CUT
                    or before.endswith(",")
                    or (w == "that" and not is_verb(before.lower()))
                    or (w == "or" and nxt.lower() in ("whether", "if"))  # a second question
                )
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
                    and (named or ("NOUN" in forms and "VERB" not in forms))
                    and before.lower() not in _VAGUE_NOUNS
                )
            elif w in ("and", "or"):
                after = nxt
                hit = not any(x.endswith(",") for x in words[max(0, i - 3) : i]) and (
                    after.lower() in _PREPS | _DETS
                    or _only_verb(after)
                    or (after.endswith("ing") and form.split()[0].endswith("ing"))
                )
            else:
                hit = w in _PREP_CUT or (w == "to" and not is_verb(nxt))
            if not hit or (i < 5 and form.startswith("letting me know")):
                continue
            end = i - 1 if before.lower() in _COMPOUND_PREP and w in ("to", "of", "from") else i
            if w in ("to", "of") and " ".join(words[max(0, i - 2) : i]).lower() in _TWO_WORD_PREP:
                end = i - 2  # "with respect to", "in terms of": never cut in half
            cut = " ".join(words[:end]).rstrip(",")  # never "… relative" of "relative to X"
            if is_sound(cut) and _ends_well(cut):
                return cut
    return ""


def _ends_well(form: str) -> bool:
    """Whether a shortened form ends on a word a phrase can end on: not "whether we need",
    "the status of your looking", "letting me know when"."""
    last = form.split()[-1].lower().strip(",.")
    before = form.split()[-2].lower() if len(form.split()) > 1 else ""
    if before in ("and", "or") and last.endswith("ing"):
        return False  # "sending the plan and working"
    if last in ("you", "them", "us", "me") and before in _PREPS:
        return True  # "faxing it to you"
    if last in _DANGLING | _WH | _set("whether that to i we you they he she"):
        return False
    if before in _set("i we you they he she can could will would should may might must to") and (
        is_verb(last)
    ):
        return False  # "suggesting that he meet", "how I can check"
    forms = _lemmas(last)
    if before in _set("i we you they he she") and last not in forms.get("VERB", (last,)):
        return True  # "the points you created": a clause said whole
    if "AUX" in forms:
        return False
    if last.endswith("ing") and last not in forms.get("NOUN", ()):
        return False
    return not ("VERB" in forms and "NOUN" not in forms and "ADJ" not in forms)


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


def _name_words(names: Iterable[str]) -> tuple[str, ...]:
    """The words of the helpers' names that would show in a form ("Dr. Ada Obi" -> Ada, Obi)."""
    words = (w for n in names for w in re.findall(r"[A-ZÀ-Þ][\w'’-]+", n))
    return tuple(dict.fromkeys(w for w in words if w.lower().rstrip(".") not in _TITLES))


def _fit(form: str, names: tuple[str, ...]) -> bool:
    """A form a draft may say to the helper: not their own name ("letting me know the
    Dr. Obi budget"), and no day clipped from when it was asked nor named on its own."""
    if _DAY_WORDS.search(form):
        return False
    if _WEEKDAY.search(form):
        return False  # "the Sunday service …": a day the draft says elsewhere, if at all
    return not any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", form) for w in names)


def _without_clause(topic: str) -> str:
    """A topic whose relative clause leaves it unsound, without the clause ("a reference for
    a book which does so" -> "a reference for a book"); "" when no such cut is sound."""
    m = re.match(r"^(\S+(?: \S+)+?),? (?:which|who|whose|that|where)\b", topic)
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
    cut = re.match(r"^(.+?),? (?:which|who|that) (?:is|was|are|were|has|had|have)$", topic)
    if cut is not None:
        topic = cut.group(1)
    if not is_sound(gerund) or not is_sound(base) or not _fit(gerund, words):
        base = gerund = ""
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
    title = " ".join(re.sub(r"(?:^|\s)#\w+", " ", sentence).split())
    cleaned = clean_calendar_title(sentence, helper_names=names)
    return _sound(_with_kind(found, f"{cleaned}. {title}" if cleaned else title, ""), full)


def _with_kind(phrase: AskPhrase, text: str, base: str) -> AskPhrase:
    """The phrase with the kind ``decide_kind`` reads in the words that asked; the topic
    is remade when the new kind names its thing differently ("our call", "the
    introduction to …")."""
    kind = decide_kind(text, base, phrase.kind)
    if kind == "meeting" and re.match(
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
    if phrase.base and topic == _topic_for(phrase.kind, phrase.base, phrase.gerund):
        topic = _topic_for(kind, phrase.base, phrase.gerund)
    return AskPhrase(kind, phrase.base, phrase.gerund, topic, phrase.sentence)
