"""Calendar titles that name a thing rather than say a request, said as one: a doing named
by its noun ("Gutter cleaning" -> "clean the gutters" / "the gutter cleaning"), a question
without a verb ("ETA on the replacement compressor?", "OK on the new vendor?", "which room
for the training?"), the helper's part in an event ("Stroke clinic (Hina coaching)" ->
"coach the stroke clinic"), a need a description states ("Need her sign-off on the Q3
budget") and the person an introduction is asked to ("he knows the planning officer at the
council — ask for an intro"). ``followthrough.detect.calendar`` asks these before it falls
back on "helping me with <the title>".

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.article import _in_title, _title_article
from followthrough.detect.forms import _trim
from followthrough.detect.topic import _with_article
from followthrough.detect.words import (
    _DETS,
    _PREPS,
    _base_of,
    _inflect,
    _lemmas,
    _only_verb,
    _set,
    is_verb,
)

# things that come in sets, said in the plural once the doing is a verb again ("gutter
# cleaning" -> "clean the gutters"; "lawn mowing" -> "mow the lawn")
_MANY: Final = _set(
    "gutter window carpet drain vent filter tile ticket invitation flyer poster chair table "
    "dish leaf bin light blind curtain shelf cupboard drawer pipe tyre tire brake sign label"
)
# verbs that, written first, start a request whose -ing word is a noun ("update pricing",
# "confirm catering", "book parking"), never a doing named by its thing
_FIRST_VERBS: Final = _set(
    "review check update draft edit print share email fix test sign proof pick choose order "
    "book finalize finalise confirm chase schedule source price reschedule cost scope estimate "
    "compile prep prepare return ship collect post file sort arrange organise organize plan"
)


def doing_of_title(title: str) -> tuple[str, str]:
    """ "Gutter cleaning" -> ("clean the gutters", "the gutter cleaning"), "Science fair
    judging" -> ("judge the science fair", "the science fair judging"): a title of one to
    three nouns and the doing on them, said as a verb phrase and a topic; ("", "") for any
    other title ("update pricing" is a request; "party planning" names a planning)."""
    words = title.rstrip("?!. ").split()
    if not 2 <= len(words) <= 4 or any(w.lower() in _DETS | _PREPS for w in words):
        return "", ""
    doing = words[-1].lower()
    verb = _base_of(doing) if doing.endswith("ing") else ""
    things = words[:-1]
    if not verb or verb == doing or not is_verb(verb):
        return "", ""
    if "NOUN" in _lemmas(doing) and things[-1].lower() not in _MANY:
        return "", ""  # "party planning", "staff training": a noun of its own
    first = things[0].lower()
    if first in _FIRST_VERBS or _only_verb(first) or "NOUN" not in _lemmas(first):
        return "", ""
    if any(w[1:] != w[1:].lower() or not w.isalpha() for w in things):
        return "", ""  # "SSO testing", "Q3 planning": a name or code, not a plain noun
    head = things[-1].lower()
    if head in _MANY:
        head = _inflect(head, "NNS")
    thing = " ".join([*(w.lower() for w in things[:-1]), head])
    return f"{verb} the {thing}", "the " + " ".join(w.lower() for w in words)


# a question that names a thing and asks for it: "ETA on X?", "status of X?"
_ASKED_NOUNS: Final = _set("eta status update timeline turnaround tat estimate word news")
_APPROVAL_NOUNS: Final = r"(?:ok|okay|go-ahead|green\s+light|sign[- ]?off|approval|blessing)"


def noun_question(question: str) -> tuple[str, str, str] | None:
    """A title's question without a verb, said as (kind, base, topic): "OK on the new
    vendor for scaffolding?" -> approving the new vendor; "which room for the training on
    12/9?" -> letting me know the room for the training; "what's the wifi password for the
    clubhouse?" and "ETA on the replacement compressor?" -> letting me know the ETA on it.
    None for any other title."""
    q = " ".join(question.rstrip("?! ").split())
    if not question.rstrip().endswith("?") or not q:
        return None
    ok = rx.match(
        rf"^(?:(?:the|your|an?)\s+)?(?:\w+\s+)?{_APPROVAL_NOUNS}\s+(?:on|for)\s+(.+)$", q, re.I
    )
    if ok is not None:  # "legal OK on the logo use?": approving the logo use
        thing = _in_title(_title_article(_trim(ok.group(1))))
        return "approval", f"approve {thing}", thing
    where = rx.match(
        r"^(which|what)\s+([a-z][\w-]*)\s+(is|are|was|were)\s+((?:the|my|our|your)\s+.+?)"
        r"\s+(in|at|on|from|for)$",
        q,
        re.I,
    )
    if where is not None:  # "which room is the Year 11 mock exam in?": which room it is in
        wh, noun, be, subject, prep = where.groups()
        clause = f"{wh.lower()} {noun} {subject} {be} {prep}"
        return "info", f"let me know {clause}", clause
    which = rx.match(r"^(?:which|what)\s+([a-z][\w-]*)\s+((?:for|of|on|at|in)\s+.+)$", q, re.I)
    if which is not None and not is_verb(which.group(2).split()[1].lower()):
        thing = _in_title(f"the {which.group(1).lower()} {which.group(2)}")
        return "info", f"let me know {thing}", thing
    what = rx.match(r"^what(?:'s|’s|\s+is)\s+((?:the|your|our)\s+.+)$", q, re.I)
    if what is not None and not rx.search(r"\b(?:is|are|was|were|do|does|did)\b", what.group(1)):
        thing = _in_title(what.group(1))
        return "info", f"let me know {thing}", thing
    errand = rx.match(
        r"^((?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){0,2}(?:pickup|pick-up|drop-off|dropoff|school run"
        r"|shift|lift|ride|babysitting|delivery|collection))\b(.*?)"
        r"(?:\s+on\s+(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\w*\.?)?$",
        q,
        re.I,
    )
    if errand is not None:
        # "school pickup for Mia on Weds?": doing the school pickup, not "letting me know" it
        thing = _in_title(_title_article(_lower(errand.group(1)) + errand.group(2)))
        return "favour", f"do {thing}", thing
    asked = rx.match(r"^([A-Za-z]+)\s+((?:on|for|of)\s+.+)$", q)
    if asked is not None and asked.group(1).lower() in _ASKED_NOUNS:
        head = asked.group(1) if asked.group(1).isupper() else asked.group(1).lower()
        thing = _in_title(f"the {head} {asked.group(2)}")
        return "info", f"let me know {thing}", thing
    return None


# the head of a verb phrase that settles the kind whatever else the title says: the title
# named an approval or an introduction asked of the helper ("OK on the new vendor?")
_SETTLED: Final = re.compile(r"^(?:approve|sign off on|introduce me to|refer me to|do the)\b")


def settled_kind(made: str, base: str, read: str, title: str = "") -> str:
    """The kind of a calendar title's ask: the one the title's words were read as
    (``read``), unless the verb phrase made from the title (``base``, of kind ``made``) is
    an approval, an introduction or an errand ("school pickup for Mia?"), or the title is
    a verb phrase asked as a question
    ("Paulina → chaperone the Grade 6 trip?"): a question mark does not make either a
    question to answer."""
    if _SETTLED.match(base) and made in ("approval", "intro", "favour"):
        return made
    asked = rx.search(r"(?:^|[:–—→-]\s*)([a-z][\w-]*)\s[^?]*\?", title)
    if (
        read == "info"
        and made in ("favour", "action")
        and asked is not None
        and base.split()[:1] == [asked.group(1)]
    ):
        return made  # the title's question starts with the verb the ask is said with
    return read


def said_in_full(title: str) -> str:
    """A cleaned title's clipped words said in full: "repro the login loop" -> "reproduce
    the login loop", "sec 3" -> "section 3", "the wifi pw" -> "the wifi password"."""
    title = rx.sub(r"^repro\b(?=\s+(?:the|a|an|this|that|my|our|your)\b)", "reproduce", title)
    title = rx.sub(r"\bsecs?\.?(?=\s+\d)", "section", title)
    return rx.sub(r"\b(?:pw|pwd)\b(?=\s+(?:for|to|of|on)\b|\?|$)", "password", title)


# what the user asks for themselves: time off, expenses ("approve PTO" -> "approve my PTO")
_OWN: Final = r"(?:PTO|time off|annual leave|leave|vacation|holiday request|expenses?|timesheet)"


def own_request(base: str) -> str:
    """An approval of the user's own request said as theirs, with its dates after "for":
    "approve PTO request 12/22–12/29" -> "approve my PTO request for 12/22–12/29"."""
    mine = rx.match(rf"^(approve|sign off on|okay|ok)\s+(?:the\s+)?({_OWN}\b.*)$", base)
    if mine is None:
        return base
    thing = rx.sub(
        r"(?<=[a-z])\s+(?=\d{1,2}/\d{1,2}\s*[–-]\s*\d{1,2}/\d{1,2}$)", " for ", mine.group(2)
    )
    return f"{mine.group(1)} my {thing}"


# doings that are a part in an event, not the event itself ("(Hina coaching)")
_NOT_PARTS: Final = _set("meeting morning evening during including regarding following")


def part_in_event(
    title: str, names: tuple[str, ...], event: str, *, described: bool = False
) -> tuple[str, str]:
    """The helper's part in the event a title names, said after their name as a doing:
    "Stroke clinic for the U12s (Hina coaching)" -> ("coach the stroke clinic for the
    U12s", "the stroke clinic for the U12s"); "Confirmation retreat – Sr. Bernadette leading
    the morning session" -> ("lead the morning session at the confirmation retreat", "the
    morning session at the confirmation retreat"). ``event`` is the title cleaned of the
    helper's names; ("", "") when the title says no part, or only "presenting" and the
    description (``described``) says what is presented."""
    if not event or not names:
        return "", ""
    named = {*names, *(n.split()[-1] for n in names if len(n.split()) > 1)}  # "Rev. Adeyemi"
    who = "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
    m = rx.search(rf"(?<![\w-])(?:{who})\s+([a-z]+ing)\b([^()–—|?#]*)", title, re.I)
    if m is None:
        return "", ""
    doing = m.group(1).lower()
    verb = _base_of(doing)
    if doing in _NOT_PARTS or verb == doing or not is_verb(verb):
        return "", ""
    thing = _in_title(_with_article(_lower(event.rstrip("?! "))))
    words = [
        w for w in m.group(2).split() if not rx.match(r"^\d|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)", w)
    ]
    if words:  # "leading the morning session": at the retreat
        what = _in_title(_with_article(" ".join(words)))
        topic = f"{what} at {thing}"
        return f"{verb} {topic}", topic
    if verb in ("present", "speak", "talk", "sing", "play", "perform", "volunteer", "help"):
        # "(Kirra presenting)": presenting at it, unless the description says what
        return ("", "") if described else (f"{verb} at {thing}", thing)
    return f"{verb} {thing}", thing


def _lower(words: str) -> str:
    """A title's first word in small letters unless it is a name or a code."""
    first = words.split()[0] if words.split() else ""
    return first.lower() + words[len(first) :] if first[1:].islower() else words


_NEED_VERBS: Final = {
    "sign-off": "sign off on",
    "signoff": "sign off on",
    "ok": "approve",
    "okay": "approve",
    "approval": "approve",
    "go-ahead": "approve",
    "feedback": "give me feedback on",
    "input": "give me input on",
}


def need_in(description: str, title_thing: str = "") -> tuple[str, str, str] | None:
    """A need the description states of the helper, said as (kind, base, topic): "Need her
    sign-off on the Q3 facilities budget before it goes to finance" -> signing off on the
    Q3 facilities budget; with no thing named ("Need her OK before we sign"), the thing
    the title names (``title_thing``: "Vendor contract"); None when it states none."""
    bare = rx.search(
        r"(?:^|[.;!]\s+)(?:I\s+|we\s+)?need(?:s)?\s+(?:her|his|their|your)\s+"
        r"(sign[- ]?off|ok|okay|approval|go-ahead)(?!\s+(?:on|for|of)\b)",
        description,
        re.I,
    )
    if bare is not None and title_thing:
        verb = _NEED_VERBS.get(bare.group(1).lower().replace(" ", "-"), "sign off on")
        thing = _in_title(_title_article(_trim(title_thing)))
        return "approval", f"{verb} {thing}", thing
    m = rx.search(
        r"(?:^|[.;!]\s+|\s[–—-]\s+)(?:I\s+|we\s+)?need(?:s)?\s+(?:her|his|their|your)\s+"
        r"(sign[- ]?off|ok|okay|approval|go-ahead|feedback|input)\s+(?:on|for|of)\s+([^.;!?]+)",
        description,
        re.I,
    )
    if m is None:
        return None
    what = m.group(1).lower().replace(" ", "-")
    verb = _NEED_VERBS.get(what, "sign off on")
    thing = rx.split(r"\s+(?:before|by|so|because|as|since|until|when|once)\b|,", m.group(2))[0]
    thing = _in_title(_title_article(_trim(thing.strip())))
    if not thing:
        return None
    kind = "action" if verb.startswith("give") else "approval"
    return kind, f"{verb} {thing}", thing


def intro_whom(description: str) -> str:
    """Whom a description says the helper knows, for an introduction it asks ("he knows the
    planning officer at the council" -> "the planning officer at the council", "his cousin
    runs procurement at Oyo State Health" -> "your cousin at Oyo State Health"); "" when it
    names no one."""
    stop = r"[^.;,!?—–()]*?(?=\s+(?:-|—|–|who|and|but|so|if)\s|[.;,!?—–()]|$)"
    knows = rx.search(
        rf"\b(?:he|she|they)\s+knows\s+((?:the|a|an|someone|somebody)\b{stop})", description, re.I
    )
    if knows is not None:
        return knows.group(1).strip()
    kin = rx.search(
        r"\b(?:his|her|their)\s+([a-z]+)\s+(?:runs|works|is|heads|leads)\s+(?:\S+\s+){0,3}?"
        rf"(at|in)\s+([A-Z]{stop})",
        description,
    )
    if kin is not None:
        return f"your {kin.group(1)} {kin.group(2)} {kin.group(3).strip()}"
    return ""


def named_task(description: str, names: tuple[str, ...]) -> str:
    """The task a description's list gives the helper by name ("- bed 14 transport - Freya
    to call Mr. Okafor's daughter re: home oxygen setup before Thursday discharge - SNF
    referrals" -> "call Mr. Okafor's daughter about the home oxygen setup"); "" for none."""
    if not names:
        return ""
    who = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    description = rx.sub(r"\b(Mr|Mrs|Ms|Dr|St|Prof)\.", "\\1\u2042", description)  # "Mr."
    m = rx.search(
        rf"(?:^|\s[-•*]\s+|[.;:]\s+)(?:{who})\s+to\s+([a-z][\w-]*)\b([^•*.;]*?)(?=\s[-•*]\s|[.;]|$)",
        description,
    )
    if m is None or not is_verb(m.group(1)):
        return ""
    rest = rx.sub(r"\s+re:?\s+", " about ", m.group(2))
    rest = rx.split(r"\s+(?:before|by|after|so|because|when|once)\s", rest)[0]
    return _in_title(_trim(f"{m.group(1)}{rest}".strip())).replace("\u2042", ".")


_CALENDAR_WORD: Final = _set(
    "mon tue tues wed weds thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec january february march "
    "april may june july august september october november december dr mr mrs ms prof rev sr fr "
    "tbc tbd asap fyi eod eow"
)


def named_aside(title: str, names: tuple[str, ...]) -> str:
    """A title whose aside names whose the thing is, said before it: "Order form redlines
    (Hollis & Crane) — Jae-won" -> "Hollis & Crane order form redlines — Jae-won"; the
    title as it is when the aside is the helper, a day, a title or a note."""
    m = rx.match(
        r"^([^\w(]*)([A-Z][a-z][\w-]*(?:\s+[a-z][\w-]*){1,3})\s*"
        r"\(((?:[A-Z][\w.'’-]*)(?:\s+(?:&|and|[A-Z][\w.'’-]*)){0,3})\)(\s+[–—|-]\s.*|$)",
        title,
    )
    if m is None:
        return title
    prefix, thing, aside, rest = m.groups()
    said = {w.lower() for n in names for w in n.split()}
    first = aside.split()[0].lower().rstrip(".")
    if first in _CALENDAR_WORD or {w.lower() for w in aside.split()} & said:
        return title
    if any(w.lower() in _PREPS | _DETS for w in thing.split()):
        return title  # "Slides for the offsite (Acme)": said as written
    return f"{prefix}{aside} {_lower(thing)}{rest}"
