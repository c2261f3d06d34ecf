"""A tagged calendar entry's title cleaned and read: "Ask:", "#ask", the helper's names
(with a title before the surname: "Dr. Adebayo") and the separators around them dropped;
the part that asks chosen ("Q1 renewals — Bianca to send the forecast" -> "send the
forecast", "Food bank shift — can Ahmed cover?" -> "cover the food bank shift"); a title
in capitals lowered; whether a title starts with a verb phrase, and the articles titles
leave out. ``followthrough.detect.calendar`` says the entry back with it.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.article import (
    _title_article,
)
from followthrough.detect.shorthand import expand_shorthand, school_years
from followthrough.detect.titleneed import (
    _NEEDED,
    _decision_of,
    _lower_first,
    _needed,
    approval_said,
)
from followthrough.detect.topic import _with_article
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _base_of,
    _lemmas,
    _only_verb,
    _set,
    is_verb,
)

_CAL_PREFIX: Final = re.compile(
    r"^\s*(?:ask(?:ed)?|request|favou?r|follow[- ]?up|todo|to do|reminder)\b\s*[:\-–—|/]*\s*",
    re.IGNORECASE,
)
_SEPARATORS: Final = r"[\s:;,|/\\()\[\]–—→⇒»>-]"

# a title before a surname names the helper too: "Dr. Adebayo", "Principal Okoro"
_TITLE_WORDS: Final = (
    r"(?:dr|prof|professor|mr|mrs|ms|mx|principal|coach|dean|judge|rev|sister|father|nurse"
    r"|pastor|rabbi|imam|chef|fr|brother|aunt|auntie|uncle|officer|captain|capt|sgt|deacon"
    r"|bishop|vicar|canon|cantor|councillor|councilmember|senator|chief|director)\.?"
)


def _strip_names(title: str, names: Iterable[str]) -> str:
    s = title
    named = {n for n in names if n}
    surnames = {n.split()[-1] for n in named if len(n.split()) > 1 and "," not in n}
    # a surname of more than one word: "Mrs van der Merwe", "Dr. de la Cruz"
    surnames |= {" ".join(n.split()[1:]) for n in named if len(n.split()) > 2 and "," not in n}
    patterns = [(n, re.escape(n)) for n in sorted(named, key=len, reverse=True)]
    firsts = {n.split()[0] for n in named if len(n.split()) > 1 and "," not in n}
    # "Pastor Emmanuel", "Chef Aurelio": a title before a first name names the helper too
    patterns[:0] = [(n, rf"{_TITLE_WORDS}\s+{re.escape(n)}") for n in sorted(surnames | firsts)]
    for literal, name in patterns:
        if not rx.may_hold(s, literal):
            continue
        s = rx.sub(
            rf"(?:^|(?<={_SEPARATORS}))(?:w/|with|for|from|to|and|&|\+|via|@)?\s*{name}"
            rf"(?:'s)?(?:\s*(?:\+|x|&|/|and)\s*me\b)?(?={_SEPARATORS}|\?|$)",
            " ",
            s,
            flags=re.IGNORECASE,
        )
    return s


def clean_calendar_title(title: str, *, helper_names: Iterable[str] = (), tag: str = "ask") -> str:
    """The title without "Ask:", "#ask" (and the other marks), the helper's own names and
    the separators left around them: "Ask: Grace — mock interview #ask" -> "mock interview".
    An aside in parentheses is dropped ("(due Fri)", "(angel investor)") unless it is all
    the title says ("Ask: Theo (update release notes)")."""
    cleaned = _clean_title(title, helper_names, tag, asides=False)
    return cleaned or _clean_title(title, helper_names, tag, asides=True)


def _clean_title(title: str, helper_names: Iterable[str], tag: str, *, asides: bool) -> str:
    s = rx.sub(rf"(?:^|\s)#(?:{re.escape(tag)}|done|declined|praise)\b", " ", title, flags=re.I)
    s = rx.sub(r"^[^\w#(\"']+", "", " ".join(s.split()))  # "🎤 Ask Nadia …": a mark, not words
    s = rx.sub(r"^(?:(?:fw|fwd|re)\s*:\s*)+", "", s, flags=re.I)  # "FW: RE: …"
    s = school_years(_capitals_lowered(s))
    # "Intro → Prof. Ito", "Sign-off: the 2027 policy": the head noun and what it is of
    s = rx.sub(r"\b(intros?|introductions?|referrals?)\s*(?:→|⇒|->|:)\s*", r"\1 to ", s, flags=re.I)
    s = rx.sub(
        r"^(sign[- ]?off|approval|decision)\s*:\s*",
        lambda m: m.group(1) + (" for " if m.group(1).lower() == "approval" else " on "),
        s,
        flags=re.I,
    )
    if not asides:
        s = rx.sub(r"\s*\([^()]*\)", " ", s)  # asides: "(due Fri 9am)", "(angel investor)"
    sent = rx.search(r"\S\s*[→⇒]\s*\S", s) is not None  # "lighting plot → venue": to there
    s = rx.sub(r"\s*[→⇒»]\s*", " - ", s)  # "Beth → intro to Marcus"
    s = rx.sub(r"\s*!+$", "", s)  # "by Fri!!"
    # ", I'm at the conference", ", we're away": why the user asks, not what
    s = rx.sub(r",\s+(?:I|we)(?:['’](?:m|re|ll|ve|d)|\s+(?:am|are|will|won't|can't))\b.*$", "", s)
    s = " ".join(s.split())
    s = _decision_of(s, helper_names)
    # "PO #7781 — awaiting Rangi", "waiting on the signed lease": the user waits, for the
    # helper or on the thing; the helper awaits nothing
    for name in sorted(helper_names, key=len, reverse=True):
        if rx.may_hold(s, name):
            s = rx.sub(rf"\b{_WAITING}\s+(?={re.escape(name)}\b)", "", s, flags=re.I)
    s = rx.sub(rf"(^|[–—:|-]\s*){_WAITING}\s+(?=(?:the|my|our|a|an)\s)", r"\1", s, flags=re.I)
    prev = None
    while prev != s:
        prev = s
        s = _CAL_PREFIX.sub("", s)
        s = _QUESTION_FOR.sub("", s)
        s = _strip_names(s, helper_names)
        s = rx.sub(rf"^{_SEPARATORS}+|{_SEPARATORS}+$", "", " ".join(s.split()))
        s = rx.sub(r"^(?:w/|with|and|&|to|re:?|about|regarding)\s+", "", s, flags=re.I)
        s = _CAL_PREFIX.sub("", s)
    s = rx.sub(r"\s*([:;|/–—-])\s*(?:[:;|/–—-]\s*)+", r"\1 ", s)  # "Checking in: : x"
    first = s.split()[0] if s.split() else ""
    second = s.split()[1] if len(s.split()) > 1 else ""
    if (
        first[1:].islower()
        and not rx.match(r"^#?\d", second)  # "Level 3 pour photos": a numbered name
        and (
            _lemmas(first.lower())
            or _lemmas(first.split("-")[0].lower())  # "Month-end accruals"
            or (first.endswith("ing") and second[:1].islower())
        )
    ):  # "Onboarding docs": a doing the dictionary lacks, capitalised as a title's first word
        s = first.lower() + s[len(first) :]  # "Pairing session" -> "pairing session"
    s = rx.sub(r"\s*(?:[,;]\s*)?\b(?:due|by)\s+\w+\.?$", "", s, flags=re.I)  # ", due Thu"
    s = rx.sub(
        r"\s+(?:w/c|w/e|wk of|week of|week commencing|week ending)\s+(?:\d{1,2}(?:st|nd|rd|th)?"
        r"\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}/\d{1,2})\b",
        "",
        s,
    )  # "Locum cover w/c 9 June": which week, not what
    s = rx.sub(
        r"\s+(?:for\s+)?(?:\d+|two|three|four|a few)\s*(?:wks?|weeks?|days?|months?|nights?)"
        r"(?=\s+in\s+[A-Z]|\??$)",
        "",
        s,
    )  # "host the student 2 wks in March?": how long, not what
    s = rx.sub(
        r"\s+(?:before|ahead of|prior to)\s+(?:the\s+|our\s+)?(?:[\w&/-]+\s+){0,3}?"
        r"(?:meeting|mtg|call|review|offsite|launch|deadline|kickoff|standup)$",
        "",
        s,
        flags=re.I,
    )  # "drawings for Stair 2 before OAC mtg": when, not what
    s = rx.sub(
        rf"(?:\s+(?:before|by|until|till|on|this|next))?"
        rf"\s+{_DAY}(?:\s*(?:[/,&+–-]|\band\b)\s*{_DAY})*{_DAY_PART}$",
        "",
        s,
        flags=re.I,
    )  # "walk Rex Tue/Wed", "feed the chickens sat+sun", "re-line the pitch before Sat"
    s = rx.sub(
        rf"(?:\s+(?:on|this|next|every|each|for))?\s+{_DAY_NAME}"
        rf"(?:\s*(?:[/,&+–-]|\band\b)\s*{_DAY_NAME})*\s+{_PART_OF_DAY}",
        "",
        s,
        flags=re.I,
    )  # "keep the twins Fri night?", "bins out Tues nights while …": the day and its part
    s = rx.sub(
        rf"(?<=\s){_DAY_CAP}\s+\d{{1,2}}(?::\d\d)?(?:\s*[–-]\s*\d{{1,2}}(?::\d\d)?)?"
        r"\s*(?:am|pm)?(?=\s|$)",
        "",
        s,
    )  # "office hours Wed 2–4": a day and hours, as written the day it was asked
    s = rx.sub(
        rf"(?<=\s)(for|at|on|after|before)\s+({_DAY})\s+(?=[a-z]{{3,}})",
        lambda m: (
            m.group(0) if m.group(2).isupper() or m.group(2) == "sun" else f"{m.group(1)} the "
        ),
        s,
        flags=re.I,
    )  # "borrow her tripod for sat shoot": for the shoot; not "for SAT prep", "for sun cream"
    s = rx.sub(rf"(?<=\s){_DAY_CAP}\s+(?=[a-z])", "", s)  # "food bank Sat shift"
    s = rx.sub(r"\(\s*\)", " ", s)
    parts = [p.strip(" -–—:|,") for p in rx.split(r"\s+-{1,2}\s+|\s*[–—|:]\s+", s)]
    parts = [rx.sub(r"(?<=\?)\s+ask(?:ed)?$", "", p, flags=re.I) for p in parts]  # "…? ask"
    bare_ask = [p for p in parts if rx.fullmatch(_BARE_ASK, p, re.I)]
    parts = [p for p in parts if p and not rx.fullmatch(_BARE_ASK, p, re.I)]  # "X? – ask"
    if bare_ask and len(parts) == 1 and not _verb_title(parts[0]) and "?" not in parts[0]:
        return expand_shorthand(f"ask for {parts[0]}")  # "API keys – ask Marco": for them
    if len(parts) == 2 and rx.fullmatch(
        r"(?:pair|collaborat|brainstorm)(?:e|ing)?", parts[0], re.I
    ):
        return expand_shorthand(f"{parts[0]}: {parts[1]}")  # "Pairing: slow query": on it
    doing = _thing_then_doing(parts)
    if doing:
        return expand_shorthand(doing)
    asked = [_asked_part(p) for p in parts]
    hit = next((m for m in asked if m is not None), None)
    if len(parts) > 1 and hit is not None and is_verb(hit.split()[0]):
        vp = hit
        others = [p for p, m in zip(parts, asked, strict=True) if m is None]
        if len(others) > 1 and len(others[0].split()) == 1:
            others = others[1:]  # "Capex: new autoclave for X — to approve": a label first
        bare = len(vp.split()) == 1 or (
            len(vp.split()) == 2 and vp.split()[1].lower() in _PARTICLES | {"off"}
        )  # "lead warm-ups" has its thing already
        if bare and others and not _verb_title(others[0]):
            # "Team retro – ask Ewa to facilitate": facilitate the team retro
            thing = others[0][0].lower() + others[0][1:] if others[0][1:2].islower() else others[0]
            joint = " on " if vp.lower().endswith(" off") or vp.lower() in _ON_ONLY else " "
            vp = f"{vp}{joint}{_title_article(thing)}"
        s = vp
    elif len(parts) == 1 and rx.match(
        r"^(?:get|have|need|needs|want|ask|remind|nudge|chase|ping)\s+to\s+\S", s, re.I
    ):
        s = rx.sub(r"^\S+\s+to\s+", "", s)  # "Get (Kalani) to fix the bug": fix the bug
    elif _needed(parts):  # "need approval on the floor plan": one part says it all
        s = _needed(parts)
    elif len(parts) > 1 and parts[-1].split() and is_verb(parts[-1].split()[0]):
        s = parts[-1]  # "team lead - approve my expense report": what comes after the role
    elif len(parts) > 1 and parts[-1].endswith("?") and len(parts[-1].split()) > 2:
        s = parts[-1]  # "re: Sunday service — hearing loop in the hall? ask X": the question
    elif len(parts) == 2 and _needed_tail(parts):
        s = _needed_tail(parts)
    elif sent and len(parts) == 2 and _sent_to(parts):
        s = _sent_to(parts)
    elif len(parts) == 2 and not any(_verb_title(p) for p in parts) and _two_names(s, parts):
        s = parts[0]  # "Practice pitch – Demo Day dry run": two names of one thing
    s = rx.sub(r"\s+-{1,2}\s+|\s+[–—|]\s+", " ", " ".join(s.split()))
    # "ask Fern re: someone at the county health dept": putting me in touch with them
    s = rx.sub(
        r"^(?=(?:someone|somebody|a contact|the right person)\s+(?:at|in|from)\s)",
        "connect me with ",
        s.strip(" -–—:|,"),
        flags=re.I,
    )
    return expand_shorthand(approval_said(s))


_WAITING: Final = r"(?:awaiting|waiting\s+(?:on|for)|pending|blocked\s+on)"
# a title's part that only says whom to ask, once their name is gone ("– ask Marco",
# "– check with Arjun", "– ping Lee")
_BARE_ASK: Final = r"(?:ask(?:ed)?|check(?:\s+with)?|ping|confirm\s+with)"


def _needed_tail(parts: list[str]) -> str:
    """ "Sepsis order set v3 – P&T sign-off": what is needed, said last, on the thing said
    first ("sign off on the sepsis order set v3"); "" when the last part needs nothing."""
    last = parts[-1].split()[-1].lower() if parts[-1].split() else ""
    if last not in _NEEDED or _verb_title(parts[0]) or len(parts[-1].split()) > 3:
        return ""
    return f"{_NEEDED[last]} {_title_article(_lower_first(parts[0]))}"


# verbs that take their thing after "on": "decide on the freeze exception"
_ON_ONLY: Final = _set("decide comment vote weigh report")
# the head nouns of things one is asked for, which an arrow does not send anywhere
_ASK_NOUNS: Final = _set(
    "intro intros introduction referral approval sign-off signoff ok okay review feedback input "
    "decision call pick"
)


def _sent_to(parts: list[str]) -> str:
    """ "lighting plot → venue": a thing and where it goes, said as sending it there; "" when
    the parts are not two short noun phrases."""
    thing, place = parts
    words, where = thing.split(), place.split()
    if not words or not 0 < len(where) <= 3 or "?" in thing + place:
        return ""
    if (
        _verb_title(thing)
        or _verb_title(place)
        or (is_verb(where[0].lower()) and "NOUN" not in _lemmas(where[0].lower()))
    ):
        return ""
    if {w.lower() for w in words + where} & _ASK_NOUNS:
        return ""
    if "NOUN" not in _lemmas(words[-1].lower()) or words[-1].lower().endswith("ing"):
        return ""
    return f"send {_title_article(_lower_first(thing))} to {_with_article(_lower_first(place))}"


def _two_names(title: str, parts: list[str]) -> bool:
    """Whether a title of two parts set apart by a dash names one thing twice ("Practice
    pitch – Demo Day dry run"), not a thing and what is about it ("Lesson obs: Y9
    history", "Design review: payments retry"): a dash, and two noun phrases."""
    return bool(rx.search(r"\s[–—-]\s", title)) and all(
        p.split() and p.split()[0].lower() not in _DETS and "?" not in p for p in parts
    )


# "q for Magnus — what discount …", "Quick question: …": a label, the question follows
_QUESTION_FOR: Final = re.compile(
    r"^(?:quick\s+)?(?:q|qs|question|questions)\s*(?:[:\-–—|]+\s*|$)", re.IGNORECASE
)
_DAY: Final = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\b\.?"
# (not in a name: "Saturday Night Live", "Friday Night Lights")
_PART_OF_DAY: Final = (
    r"(?:(?:night|morning|evening|afternoon)s?|am|pm|a\.m\.|p\.m\.)"
    r"(?![\w'’])(?!\s+(?-i:[A-Z][a-z]))"
)
_DAY_PART: Final = rf"(?:\s+{_PART_OF_DAY})?"
# a day named, short or whole, maybe every week ("Fri", "Tues", "Sundays")
_DAY_NAME: Final = r"(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:days?)?\.?"
_DAY_CAP: Final = r"(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?"


def _asked_part(part: str) -> str | None:
    """The verb phrase of a title's part that asks, its helper's name already gone: "ask
    to cover standups", "(Bianca) to send the forecast", "get (Kalani) to fix the bug",
    "can (Ahmed) cover?", "(Paulo) covering?"; None for a part that names a thing."""
    m = rx.match(
        r"^(?:(?:ask(?:ed)?|remind|nudge|chase)\s+(?:to\s+)?|(?:(?:get|have|need|needs|want)\s+)?to\s+|(?:[A-Z][\w.'-]*\s+){1,3}to\s+)"
        r"(\S.*)$",
        part,
        re.I
        if part[:3].lower() in ("ask", "to ", "get", "hav", "nee", "wan", "rem", "nud", "cha")
        else 0,
    )
    if m is not None:  # "Wei to review before I leave": the clause says when
        vp = _compound_verb(m.group(1))
        vp = rx.sub(r"\s+(?:before|after|while|when|until|once)\s+(?:I|we)\b.*$", "", vp)
        return approval_said(vp)  # "Deacon Mulroney to OK": to approve it
    m = rx.match(r"^(?:can|could|would|will)\s+(?:(?:she|he|they)\s+)?([a-z][\w-]*.*?)\??$", part)
    if m is not None and is_verb(m.group(1).split()[0]):
        return m.group(1)
    m = rx.match(r"^([a-z]+ing)\?$", part)
    if m is not None and is_verb(_base_of(m.group(1))) and _base_of(m.group(1)) != m.group(1):
        return _base_of(m.group(1))
    return None


def _thing_then_doing(parts: list[str]) -> str:
    """ "Year 11 essays: second marking", "Onboarding guide: proofreading": a thing, then
    the doing asked on it, said as a verb phrase ("second-mark the Year 11 essays"); ""
    for any other title."""
    if len(parts) != 2 or _verb_title(parts[0]) or not parts[0].split():
        return ""
    words = parts[1].split()
    if not 1 <= len(words) <= 2 or not words[-1].lower().endswith("ing"):
        return ""
    base = _base_of(words[-1].lower())
    if base == words[-1].lower() or not is_verb(base):
        return ""
    if len(words) == 2:
        if words[0].lower() not in _ORDINAL_PREFIXES:
            return ""
        base = f"{words[0].lower()}-{base}"  # "second marking": second-mark
    return f"{base} {_title_article(_lower_first(parts[0]))}"


# the words that make one verb with the doing after them ("second marking", "cross checking")
_ORDINAL_PREFIXES: Final = _set("second third double cross")


def _compound_verb(vp: str) -> str:
    """ "deep clean the walk-in" -> "deep-clean the walk-in": an adjective or adverb written
    before a verb makes one verb with it ("double check", "spot check", "dry clean")."""
    words = vp.split()
    if len(words) < 2 or is_verb(words[0]) or not is_verb(words[1]):
        return vp
    forms = _lemmas(words[0].lower())
    if not forms or "NOUN" in forms or "VERB" in forms or words[0].lower().endswith("ly"):
        return vp
    return " ".join([f"{words[0]}-{words[1]}", *words[2:]])


def _capitals_lowered(title: str) -> str:
    """A title written all in capitals ("SEND W-9 TO ACCOUNTS PAYABLE") in small letters,
    codes kept ("W-9", "PO 7731")."""
    words = rx.findall(r"[A-Za-z]{2,}", title)
    if len(words) < 3 or any(not w.isupper() for w in words):
        return title

    def lower(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        small = low in _PREPS | _DETS | _OBJ_PRONOUNS | {"and", "or", "but", "if", "so"}
        if m.group(1):  # "LEVEL 3", "ROOM 12": a numbered name, said as one
            return word.capitalize() if _lemmas(low) and not small else word
        if _lemmas(low) or small:
            return low
        # a name the dictionary lacks ("PROCORE") is said as a name; a short word is a code
        # or an acronym ("IEP", "HVAC", "PO")
        return word.capitalize() if len(word) > 4 and rx.search(r"[AEIOU]", word) else word

    return rx.sub(r"(?<![\w-])[A-Z]{2,}(?![\w-])(?=(\s+#?\d)?)", lower, title)


# verbs that are nouns too, but start most titles they begin as a request
_ASK_VERBS: Final = _set("review check update draft edit print share email fix test sign proof")
# verbs that are nouns too but, written in small letters at the head of an ask ("Ayesha:
# pick booth vendor", "@Jürgen – order laptops"), are what the helper is asked to do
_INSTRUCTION_VERBS: Final = _ASK_VERBS | _set(
    "pick choose order book update finalize finalise confirm chase schedule source price "
    "reschedule cost scope estimate compile prep prepare return ship collect post file "
    "rerun redo resend resubmit retest recheck redraft rework"
)


def _verb_title(title: str) -> bool:
    """Whether a cleaned title starts with a verb phrase ("review Q3 budget") rather than a
    noun phrase ("mock interview", "review of the plan")."""
    words = title.split()
    if (
        len(words) > 2
        and (words[0].islower() or (words[0].isupper() and len(words[0]) <= 4))
        and not _lemmas(words[0])
        and words[1].lower() in _DETS | {"my", "your", "our"}
    ):
        return True  # "redline the sublease", "MC the gala": a word the dictionary lacks
    if not words or not is_verb(words[0]) or (words[0][:1].isupper() and len(words) == 1):
        return False
    nxt = words[1] if len(words) > 1 else ""
    if "-" in words[0] and nxt.lower() in ("for", "of", "on", "with"):
        return False  # "voice-over for the video", "sign-off on X": a thing
    if _only_verb(words[0]):
        return True
    low = nxt.lower()
    if low in ("of", "for", "on", "session", "request"):
        return False
    if (
        words[0] in _INSTRUCTION_VERBS  # small letters: "pick booth vendor for Q3"
        and (len(words) >= 3 or low.endswith("s"))
        and nxt[:1].islower()
        and low not in _PREPS
        and low not in _MEETING_NOUNS
        and ("NOUN" in _lemmas(low) or not _lemmas(low))
    ):
        return True
    last = words[-1].lower()
    if (
        words[0].lower() in _ASK_VERBS
        and len(words) >= 3
        and all(w[:1].islower() and w.lower() not in _PREPS for w in words[1:])
        and last.endswith("s")
        and (last[:-1] in _lemmas(last).get("NOUN", ()) or not _lemmas(last))
    ):
        return True  # "review contract redlines": a noun phrase would not end in a plural
    return (
        low in _DETS
        or low in _OBJ_PRONOUNS
        or low in _PARTICLES
        or (words[0].islower() and nxt[:1].isupper() and nxt[1:].islower())  # "walk Rex"
        or bool(rx.match(r"^(?:[A-Z]{1,4}\d|[A-Z]{2,}|\d)", nxt))
        or (
            is_verb(words[0])
            and bool(_lemmas(nxt))
            and "NOUN" not in _lemmas(nxt)
            and not nxt[:1].isupper()
            and "ADJ" not in _lemmas(nxt)
        )
    )


# nouns that make a meeting of the word before them ("review session", "update call")
_MEETING_NOUNS: Final = _set(
    "session meeting call sync request form forms slot window cycle process party meet"
)
