"""How an ask or a request is said back in agendas, notes and Plan B reasons: its verb
phrase and -ing form ("thank you for reviewing the Q3 deck"), the words of the person
who asked, the topic words two asks share, and a person's first name. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from followthrough.detect import rx
from followthrough.model import Address

# Verbs an ask's summary starts with ("review the Q3 deck"): their -ing forms read as
# "thank you for reviewing the Q3 deck". Anything else is said as "your help with …".
_VERBS_WORDS = """
add answer approve arrange ask attend book bring build call change check chase
clarify coach comment confirm connect consider cover create do draft edit email
explain find fix forward get give go help host improve introduce join keep lead lend
let look make meet mentor move organise organize pass plan prepare present print
proofread put read recommend record reply report review run schedule send set share
show sign speak sponsor start submit take talk teach tell test translate try update
upload vouch walk write
"""
_VERBS = frozenset(_VERBS_WORDS.split())
_DOUBLE = frozenset({"get", "put", "run", "set", "plan", "stop", "chat", "sit", "ship"})
_NOT_TOPIC = frozenset({"me", "us", "over", "back", "through", "out", "along", "on"})
_SWAP = {
    "my": "your",
    "me": "you",
    "mine": "yours",
    "i": "you",
    "our": "your",
    "us": "you",
    "myself": "yourself",
}


@dataclass(frozen=True, slots=True)
class Phrase:
    """The ways a draft can say what was asked."""

    what: str  # as recorded: "review the Q3 deck", "Bob — intro to Acme CTO"
    base: str | None  # "review the Q3 deck" (None when it does not start with a verb)
    gerund: str | None  # "reviewing the Q3 deck"
    topic: str  # "the Q3 deck"; the whole summary when there is no verb


def gerund_of(verb: str) -> str:
    if verb in _DOUBLE:
        return verb + verb[-1] + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and verb != "be":
        return verb[:-1] + "ing"
    return verb + "ing"


def phrase_of(what: str) -> Phrase:
    """``what`` in the forms templates need; a plain fallback beats a broken phrase."""
    text = " ".join(what.split()).rstrip(".?!")
    words = text.split(" ")
    first = words[0].lower() if words and words[0] else ""
    if first not in _VERBS or len(words) < 2:
        return Phrase(what, None, None, text)
    rest = words[1:]
    while rest and rest[0].lower() in _NOT_TOPIC:
        rest = rest[1:]
    topic = " ".join(rest) or text
    return Phrase(what, text, " ".join([gerund_of(first), *words[1:]]), topic)


def their_words(text: str) -> str:
    """A request in the asker's words, said back to them: "review my proposal" →
    "review your proposal"."""

    def swap(m: re.Match[str]) -> str:
        return _SWAP[m.group(0).lower()]

    return rx.sub(r"\b(my|me|mine|I|our|us|myself)\b", swap, text)


_STOP_WORDS = """
a an and any are as at be by can could do for from get give have help i in into is
it its me my need next of on or our please send share some that the their them this
those to up us we week what when will with would you your monday tuesday wednesday
thursday friday saturday sunday today tomorrow
"""
_STOP = frozenset(_STOP_WORDS.split())


def topic_words(*texts: str) -> frozenset[str]:
    """Content words of an ask (lower-cased, plural and -ing endings folded)."""
    found: set[str] = set()
    for text in texts:
        for word in rx.findall(r"[a-z0-9][a-z0-9'-]+", text.lower()):
            word = word.strip("'-")
            short = len(word) < 3 and not any(c.isdigit() for c in word)  # "q3" counts
            if short or word in _STOP or word in _VERBS:
                continue
            for suffix in ("ings", "ing", "es", "s"):
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    word = word[: -len(suffix)]
                    break
            found.add(word)
    return frozenset(found)


_HONORIFICS = frozenset(
    ["dr", "prof", "professor", "mr", "mrs", "ms", "mx", "sir", "dame", "rev", "fr"]
)
# Words of an address ("exmh-users@", "team-eng@") or a display name ("Acme Support") that
# name a group of people: a greeting says "Hi all".
_GROUP_WORDS_TEXT = """
    users user devel dev developers discuss discussion list lists listserv team teams all
    announce announcements everyone everybody staff group groups members committee board
    general community crew folks talk l
    """
_GROUP_WORDS = frozenset(_GROUP_WORDS_TEXT.split())
# ... or a role or a mailbox, not a person: "Hello", with no name.
_ROLE_WORDS_TEXT = """
    info support admin admins administrator sales noreply no-reply donotreply help helpdesk
    office contact contacts hello hi billing accounts accounting finance hr webmaster
    postmaster hostmaster enquiries enquiry inquiries inquiry marketing service services
    desk reception jobs careers press media security abuse root mailer-daemon mailer bounce
    bounces notifications notification feedback orders alerts newsletter mail email it
    customer customers care ops operations registrar bookings reservations editor editors
    """
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
# a display name may be a person's name that is also one of the words above ("Dev Patel",
# "Steve Jobs", "Elihu Root")
_NAMES_TOO = frozenset({"dev", "l", "jobs", "root", "it", "general", "talk", "hello", "hi"})


def read_name(person: Address) -> tuple[str, str]:
    """Who an address is, for a greeting: ("person", "Grace"), ("group", "") for a list or a
    team ("exmh-users@", "Sales Team"), or ("none", "") when no name can be trusted (a role
    mailbox such as "info@" or "noreply@", a local part with digits, or one word that may be a
    list as well as a name: "fork@", "jsmith@").

    A display name is trusted unless it looks like an address or names a group or a role;
    without one, only a local part of two or three words of letters ("john.smith@") names
    the person, by its first word."""
    email = person.email.strip()
    local = email.split("@")[0].lower()
    name = " ".join(person.name.split())
    if "," in name:
        name = name.split(",", 1)[1].strip()  # "Doe, Jane"
    words = [w for w in rx.split(r"[\s._+-]+", name.lower().strip("\"'")) if w]
    said = {w for w in words if w not in _NAMES_TOO}
    if name and ("@" in name or any(c.isdigit() for c in name)):
        name = ""  # "exmh-users@redhat.com", "User 42": not a name
    if name and said & _GROUP_WORDS:
        return ("group", "")
    if name and said & _ROLE_WORDS:
        return ("none", "")
    parts = name.split()
    if len(parts) > 1 and parts[0].lower().rstrip(".") in _HONORIFICS:
        return ("person", f"{parts[0]} {_cased(parts[-1])}")  # "Dr. Adebayo"
    echoed = name == email.split("@")[0]  # a display name that repeats the address: "fork"
    if parts and not echoed and parts[0].lower().rstrip(".") not in _HONORIFICS:
        first = parts[0]
        if len(first.rstrip(".")) > 1:
            return ("person", _cased(first))
    tokens = [t for t in rx.split(r"[._+-]+", local) if t]
    if any(c.isdigit() for c in local) or not tokens:
        return ("none", "")
    if set(tokens) & _GROUP_WORDS:
        return ("group", "")
    if {local, *tokens} & _ROLE_WORDS:  # "no-reply" as a whole
        return ("none", "")
    if 2 <= len(tokens) <= 3 and len(tokens[0]) > 1 and all(t.isalpha() for t in tokens):
        return ("person", tokens[0].capitalize())  # "john.smith@" -> John
    return ("none", "")


def _cased(word: str) -> str:
    """A name written in capitals said as a name ("GRACE" -> "Grace"); "McKay" as it is."""
    return word.capitalize() if word.isupper() and len(word) > 2 else word


def first_name(person: Address) -> str:
    """How a draft names them: the first name ("Grace"), or with a title in the name, the
    title and the family name ("Dr. Kemi Adebayo" -> "Dr. Adebayo"); an address that names
    no person is said in full (its display name, or the address itself)."""
    kind, name = read_name(person)
    if kind == "person":
        return name
    shown = " ".join(person.name.split())
    return shown if shown and "@" not in shown else person.email


def full_name(person: Address) -> str:
    """How a note to someone else names them in full: the display name, or the name the
    address spells ("jo.reyes@" -> "Jo Reyes"), or the address itself ("info@acme.com")."""
    shown = " ".join(person.name.split())
    if shown and "@" not in shown:
        return shown
    kind, _ = read_name(person)
    local = person.email.split("@")[0]
    if kind == "person" and not shown:
        return " ".join(t.capitalize() for t in rx.split(r"[._+-]+", local) if t)
    return person.email


def greeting(people: Sequence[Address], named_in: str = "") -> str:
    """The salutation of a draft to ``people``: "Hi Grace", "Hi Grace and Sam", "Hi all" (a
    list or a team among them, or more than three people), or "Hello" when no name can be
    trusted (see ``read_name``); helpers that name no one are left out of the names.

    ``named_in``: what the user wrote about the ask (its sentence, a calendar title). An
    address of one word ("grace@") that the user wrote as a name there ("Ask: Grace — mock
    interview") is that person."""
    read = [_named_by_user(p, named_in) or read_name(p) for p in people]
    names = list(dict.fromkeys(n for kind, n in read if kind == "person"))
    if any(kind == "group" for kind, _ in read) or len(names) > 3:
        return "Hi all"
    if not names:
        return "Hello"
    if len(names) == 1:
        return f"Hi {names[0]}"
    return "Hi " + ", ".join(names[:-1]) + " and " + names[-1]


def _named_by_user(person: Address, text: str) -> tuple[str, str] | None:
    local = person.email.split("@")[0]
    if person.name.strip() or not text or not local.isalpha() or len(local) < 2:
        return None
    if local.lower() in _ROLE_WORDS | _GROUP_WORDS:
        return None
    name = local.capitalize()
    return ("person", name) if rx.search(rf"(?<![\w@.]){name}(?![\w@])", text) else None


# Help whose result the user goes on to use in something that turns out one way or another
# (a reviewed deck, a reference letter, a word put in): after it, "I'll let you know how it
# turns out" is a promise worth making. After an errand or a hand-over ("covering my shift",
# "sending me the checklist", "restocking the crash cart") there is nothing to report.
_REPORTED_VERBS_TEXT = """
    review proofread proof read reread edit critique comment recommend refer vouch endorse
    sponsor mentor coach advise rehearse practise practice prep prepare write rewrite
    draft introduce connect approve decide
    """
_REPORTED_VERBS = frozenset(_REPORTED_VERBS_TEXT.split())
_REPORTED_OBJECTS = re.compile(
    r"^(?:give|share|offer|send)\s+(?:me\s+|us\s+)?(?:your\s+|some\s+|a\s+|any\s+)?(?:\w+\s+)?"
    r"(?:feedback|advice|input|thoughts|opinion|pointers|tips|suggestions|comments|notes"
    r"|reference|recommendation|word)\b"
    r"|^look\s+(?:over|through|at)\s+(?:my|our)\b"  # "look over my CV", not "look at this"
    r"|^look\s+(?:over|through)\s+(?!(?:it|this|that|them)\b)|^put\s+in\s+a\s+(?:good\s+)?word\b"
    r"|^(?:talk|speak)\s+to\b",
    re.I,
)


# a meeting that prepares the user for something, or advises them: "how it goes" has a
# sequel to tell ("doing the mock interview with me"); a plain meeting has none
_PREPARED = re.compile(
    r"\b(?:mock|practi[cs]e|rehears\w*|dry[- ]run|run[- ]?through|interview\w*|pitch\w*"
    r"|presentation|feedback|advice|advise|prep\w*|critique|crit|coach\w*|mentor\w*)\b",
    re.I,
)


_DECIDED = re.compile(
    r"^(?:approve|sign|decide|ok|okay|authori[sz]e|endorse|green-?light|back|support|vote)\b", re.I
)


def reports_back(kind: str, base: str) -> bool:
    """Whether a thank-you for this help may end "I'll let you know how it turns out": an
    introduction or an approval, an action whose result the user goes on to use (see
    ``_REPORTED_VERBS``), or a meeting that prepares them for something (``_PREPARED``);
    never a favour, and never an errand or a hand-over."""
    if kind == "intro":
        return True
    if kind == "approval":  # "approving the budget"; a permission ("letting us share it") no
        return _DECIDED.match(base) is not None
    if kind == "meeting":  # a mock interview, a dry run, feedback: there is a sequel
        return _PREPARED.search(base) is not None
    if kind != "action" or not base:
        return False
    verb = base.split()[0].lower()
    return verb in _REPORTED_VERBS or _REPORTED_OBJECTS.match(base) is not None


# the words of a due date that make it a deadline, not the day a favour is done
_DEADLINE_WORDS = re.compile(
    r"(?:by|before|until|till|no later|end of|eod|eow|cob|asap|within|latest)\b", re.I
)


def due_is_the_day(kind: str, due_phrase: str) -> bool:
    """Whether an ask's date is the day the help happens ("cover my shift on Saturday": a
    meeting, or a favour the user gave no "by"), not a deadline ("review the deck by
    Friday"): drafts then say "on", not "by"."""
    return kind == "meeting" or (kind == "favour" and not _DEADLINE_WORDS.match(due_phrase))
