"""A verb phrase made ready to be said back, and the forms made from it: the phrase
without deadline words and adjuncts ("review the deck by Friday so I can send it" ->
"review the deck"), its object noun phrase ("the deck"), and the topic a follow-up names.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _ROLE,
    _WH,
    _coordinated_verb,
    _inflect,
    _lemmas,
    _only_verb,
    _set,
    ing,
    is_verb,
)

# Where an adjunct starts that a follow-up does not repeat ("so I can…", "when you can").
_ADJUNCT: Final = re.compile(
    r"\s*(?:,\s*)?\b(?:so that|so (?:i|we|you|that)|in order to|because|since|as i |as we "
    r"|as soon as possible|asap|if possible|if you can|if you could|when you (?:get|have|can)"
    r"|whenever you|at your (?:earliest )?convenience|once you|before\b"
    r"|thanks|thank you|if not|or not\b|pls|please|including|(?<!\bget )together with"
    r"|(?:and|or|&) (?:i|we)(?:'ll| will| shall| can| could| would| need| want| have to)"
    r"|and (?:get|come) back (?:to|with) (?:me|us)"
    r"|and let (?:me|us) know)\b.*$",
    re.IGNORECASE,
)
_WHEN: Final = (
    r"(?:(?:the\s+)?end of (?:the )?(?:day|week|month)|eod|eow|cob|tomorrow"
    r"(?: morning| afternoon| evening)?|this (?:week|afternoon|morning|evening)|next week"
    r"|first thing(?: in the (?:am|morning))?|(?:mon|tues|tue|wednes|wed"
    r"|thurs|thur|thu|fri|satur|sat|sun)"
    r"(?:day)?s?\.?(?: (?:morning|afternoon|evening|night)s?| (?:a\.?m\.?|p\.?m\.?))?"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:\s*[–-]\s*(?:[a-z]{3,9}\.? )?\d{1,2})?"
    r"(?:,? \d{4})?|the \d{1,2}(?:st|nd|rd|th))\b(?!')"
    r"(?:\s*\([^)]*\))?"
)
# A time phrase: after "by/on/before…" anywhere, bare at the end, or a word that is
# never anything else ("today", "tonight", "asap"). "the Friday package" keeps its Friday.
_TIME: Final = re.compile(
    r"\s*,?\s*\b(?:by|before|until|no later than|on|this|next|for|sometime|early|late)\s+"
    + _WHEN
    + r"|\s*,?\s*\b"
    + _WHEN
    + r"(?=\s+(?:to|and|so|at|in)\b|\s*[,.?!]|\s*$)"
    + r"|\s*,?\s*\b(?:today|tonight|tomorrow(?: (?:morning|afternoon|evening|night))?|asap"
    + r"|(?:a couple(?: of)? days )?(?:next|this|that|the) (?:week|month|weekend)"
    + r"|(?:this|tomorrow|that) (?:morning|afternoon|evening)|later today|right now)\b(?!')"
    + r"|\s*,?\s*\bin (?:early |late |mid-?)?(?:january|february|march|april|may|june|july"
    + r"|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_PHONE: Final = re.compile(r"\s*(?:\bat\s+|\bon\s+)?\(?\+?\d[\d\s().x-]{6,}\d", re.IGNORECASE)


def _trim(vp: str) -> str:
    """The verb phrase without deadline words, adjuncts and closing punctuation."""
    vp = re.split(
        r"\s*(?:[?!]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.(?:\s|$)|;|\s[–—]\s|\s-\s|\s--\s|\(\s*(?:ie|e\.g|eg|i\.e)\b|\s\((?![^()]*\)))",
        vp,
    )[0]
    vp = _PHONE.sub("", vp)
    vp = re.sub(r"\s&\s(?=(?:i|we)\b)", " and ", vp, flags=re.I)  # "call & I can give you…"
    vp = re.sub(
        r"\s*,?\s*\b(?:at|around|about|by) (?:around |about )?\d{1,2}:\d\d\b"
        r"(?!\s*(?:am|pm|a\.m|p\.m))",
        "",
        vp,
        flags=re.I,
    )  # "around 5:45": a time of day said elsewhere
    # "the Super Saturday": a day after a capitalized word is part of a name, kept whole
    names: list[str] = []

    def keep(m: re.Match[str]) -> str:
        names.append(m.group(0))
        return f"⟦{len(names) - 1}⟧"

    vp = re.sub(r"(?<=\s)[A-Z][a-z]+ (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", keep, vp)
    vp = re.sub(r'"[^"]{1,60}"', keep, vp)  # a quoted title is a name: "thanks, but no thanks"
    vp = re.sub(r"^(?:go ahead and|try and|try to|be sure to|make sure to)\s+", "", vp, flags=re.I)
    vp = re.sub(
        r"^(?:take|spend) (?:a |some |the )?(?:few )?(?:moment|minute|second|time)s? (?:to|and) ",
        "",
        vp,
        flags=re.I,
    )
    vp = re.sub(r"^(\S+) (?:further|briefly|quickly)\b", r"\1", vp, flags=re.I)
    vp = re.sub(r"\s+directly\b", "", vp, flags=re.I)  # "forward this directly to Pat"
    vp = re.sub(r",\s*(?:which|who)\b.*$", "", vp, flags=re.I)  # an aside on what was named
    vp = re.sub(r"\s+in (?:further |more |greater |great )?detail\b", "", vp, flags=re.I)
    vp = re.sub(r"\s*,?\s*\bif (?:at all )?possible\b,?(?=\s+\w)", "", vp, flags=re.I)
    vp = re.split(r",?\s+(?:i\.e\.?|e\.g\.?|ie|eg)(?:,|\s|$)", vp)[0]  # "after, i.e. the 9th"
    vp = re.sub(
        r"\s+for (?:about |around |roughly |maybe |at least )?(?:\d+(?:\s*[-–]\s*\d+)?|a few"
        r"|an?|half an?|one|two|three)\s*(?:minutes?|mins?|hours?|hrs?)\b",
        "",
        vp,
        flags=re.I,
    )  # "meet for about 30-40 minutes": how long is said elsewhere, if at all
    vp = re.sub(r",?\s+or (?:sooner|later|earlier|so)\b", "", vp, flags=re.I)
    vp = re.sub(r"\band try (?:to|and) (?=[a-z])", "and ", vp)  # "and try to schedule"
    vp = re.sub(
        r"\bas well as (?=(\w+))", lambda m: "and " if is_verb(m.group(1)) else m.group(0), vp
    )  # "nominate a delegate as well as send us his ideas"
    vp = re.sub(
        r"\s+(?:over|in|within|during) the (?:next|coming|following) (?:couple (?:of )?|few )?"
        r"(?:days|weeks|months)\b",
        "",
        vp,
        flags=re.I,
    )
    vp = re.sub(
        r"\bso (?:that )?(?:we|i) (?:can|could) (discuss|talk about|talk through|go over)\b",
        r"to \1",
        vp,
        flags=re.I,
    )
    vp = re.sub(r"^give an? (call|ring|buzz)\b", r"give me a \1", vp, flags=re.I)
    # "give Ann Lee a call or Bo Ng": give Ann Lee or Bo Ng a call
    vp = re.sub(
        r"^[Gg]ive ((?:[A-Z][\w'-]+ ?){1,3}) a (call|ring) (or|and) ((?:[A-Z][\w'-]+ ?){1,3}"
        r"(?:(?:in|at|from) [A-Z][\w'-]+ ?)?)",
        lambda m: f"give {m.group(1).strip()} {m.group(3)} {m.group(4).strip()} a {m.group(2)} ",
        vp,
    ).strip()
    vp = re.sub(
        r"^(?:make|be) sure (?:that )?you (?=[a-z])|^ensure (?:that )?you (?=[a-z])", "", vp
    )
    vp = re.sub(r"\b(?:tomorrow|today|tonight|yesterday)'s\b", "the", vp, flags=re.I)
    prev = None
    while prev != vp:
        prev = vp
        vp = re.sub(r"[,\s]+(?:and|or|but|too|or something|or so)$", "", vp, flags=re.I)
        vp = re.sub(r"\s+(?:at|on|by|for)\s*(?=[,.?!]|$)", "", vp, flags=re.I)
        vp = _ADJUNCT.sub("", vp).strip(" ,.:;!")
        vp = _TIME.sub("", vp).strip(" ,.:;!")
        vp = re.sub(
            r"\s+(?:as well|too|also|again please|for now|directly|right away|soon"
            r"|sometime|at all|please|pls|as necessary|if necessary|instead|somehow)$",
            "",
            vp,
            flags=re.I,
        )
        vp = re.sub(r"\s+(?:on|at|by|before|after|for|to|until)$", "", vp, flags=re.I)
    vp = re.sub(r"⟦(\d+)⟧", lambda m: names[int(m.group(1))], vp)
    # what points into the sent mail means nothing in a later one: "the following
    # addresses", "the list below", "this email"
    vp = re.sub(r"\b(?:the )?following (?=[\w\"'])", "the ", vp)
    vp = re.sub(r"(?<=\w)\s+(?:below|above)\b(?!\s+(?:the|a|an|\d)\b)", "", vp)
    vp = re.sub(r"\bthis (e-?mail|thread|message|note|list)\b", r"the \1", vp, flags=re.I)
    return vp.strip(" ,")


def _object_np(vp: str) -> str:
    """The object noun phrase of a verb phrase ("send me the deck by Friday" -> "the deck")."""
    words = vp.split()[1:]
    if (
        vp.split()[0].lower() in ("have", "get", "let")
        and len(words) > 2
        and words[0][:1].isupper()
        and is_verb(words[1])
    ):
        return _object_np(" ".join(words[1:]))  # "have Matt email the reports": the reports
    i = 0
    while (
        i < len(words)
        and words[i].lower() in _PARTICLES | {"me", "us", "him", "her", "them"}
        and not (i + 1 < len(words) and words[i].lower() in ("her",))
    ):
        i += 1
        if words[i - 1].lower() in ("me", "us") and [w.lower() for w in words[i : i + 1]] == [
            "and"
        ]:
            i += 2  # "provide me and Twanda with the particulars"
    if (
        i == 0
        and len(words) > 2
        and vp.split()[0].lower() in _GIVING
        and words[0][:1].isupper()
        and words[1].lower() in _DETS
    ):
        if words[1].lower() == "a" and words[2].lower().strip(".,") in ("call", "ring"):
            return f"the call to {words[0]}"  # "give Sam a call"
        i = 1  # "send Sam the slides": the slides
    if (
        i < len(words)
        and words[i].lower() in ("with",)
        and words[i - 1 : i]
        and words[i - 1].lower() in ("me", "us")
    ):
        i += 1  # "provide me with the particulars"
    if i < len(words) and words[i].lower() in ("posted", "updated", "informed", "together"):
        i += 1  # "keep me posted on X", "get together"
    elif i > 0 and [w.lower() for w in words[i - 1 : i + 2]] == ["in", "the", "loop"]:
        i += 2  # "keep me in the loop on the reorg" (the "in" went as a particle)
    if i < len(words) and _participle(words[i]):
        return ""  # "get involved", "have overnighted": no thing named
    if i < len(words) and words[i].lower() in _PREPS:
        if (
            i == 0
            and (vp.split()[0].lower(), words[0].lower()) in _VERB_PREPS
            and len(words) > 1
            and words[1].lower() in _DETS | {"my", "your", "our"}
        ):
            pass  # "check on the status of X": the thing is the status
        elif i == 0 or words[i].lower() not in ("on", "to", "with", "about"):
            return ""  # "meet to go over the budget", "check with Vance": no object
        i += 1  # "sign off on the plan", "keep me posted on the decision"
        if words[i - 1].lower() == "to" and i < len(words) and _only_verb(words[i]):
            return ""  # "call me to discuss": an infinitive, no thing
    rest = words[i:]
    callee = re.match(
        r"^((?:[A-Z][\w'-]+|or|and|&)(?: (?:[A-Z][\w'-]+|or|and|&)){0,6})"
        r"(?: (?:in|at|from) [A-Z][\w'-]+)? a (?:call|ring)\b",
        " ".join(rest),
    )
    if callee is not None and i == 0 and vp.split()[0].lower() == "give":
        return f"the call to {callee.group(1)}"  # "give Ann Lee or Bo Ng a call"
    look = re.match(
        r"^(?:a |another )?(?:quick |closer )?(?:look|stab) (?:at|over) ", " ".join(rest)
    )
    if look is not None:
        rest = " ".join(rest)[look.end() :].split()
    if not rest or rest[0].lower() in ("sure", "certain", "that", "again", "too", "also"):
        return ""
    if vp.split()[0].lower() == "let" and rest[0].lower() == "know":  # "let them know X"
        return ""  # "make sure that…": no thing to name
    if rest[0].lower() in _WH | {"whether", "if"}:
        # "discuss how to adjust the risk", "find out if she got it": the question is the thing
        clause = re.sub(r"^if\b", "whether", " ".join(rest))
        return re.sub(
            r"\bdid (?!not\b|n't)([a-z]+)\b", lambda m: _inflect(m.group(1), "VBD"), clause
        )
    out: list[str] = []
    for j, w in enumerate(rest):
        lw = w.lower().strip(",")
        after = rest[j + 1].lower() if j + 1 < len(rest) else ""
        if j > 0 and lw in ("up", "out", "back", "off", "down") and (not after or after in _PREPS):
            continue  # "set the meeting up with Alan": the particle is the verb's
        if lw in ("and", "or") and j > 0 and _coordinated_verb(rest, j + 1):
            break
        if j > 0 and _participle(w.strip(",")) and out and out[-1].lower() not in _DETS:
            break  # "the slides suggested in the agenda": the slides
        if j > 0 and lw in _AFTER_NOUN_ING:
            break  # "the e-mails pertaining to meetings": the e-mails
        if j > 0 and lw in ("again", "too", "also", "back"):
            break
        if lw == "and" and j > 0 and j + 1 < len(rest):
            out.append(w)
            continue
        if (
            lw == "to"
            and out
            and out[-1].lower().strip(",") in _TO_NOUNS
            and j + 1 < len(rest)
            and not is_verb(rest[j + 1])
            and rest[j + 1].lower().strip(",.") not in _OBJ_PRONOUNS
        ):
            out.append(w)  # "the response to the RFP": what the response is about
            continue
        if j > 0 and lw in (
            "to",
            "so",
            "because",
            "and",
            "in",
            "into",
            "by",
            "before",
            "from",
            "when",
            "if",
            "until",
            "as",
            "with",
            "for",
            "at",
            "directly",
            "that",
            "while",
            "once",
            "on",
            "about",
            "over",
            "past",
            "again",
            "earlier",
            "later",
            "sooner",
            "here",
        ):
            if (
                lw in ("for", "at", "from", "in", "with", "on", "about")
                and len(out) <= 3
                and not _pronoun_head(out)
                and not (
                    j + 1 < len(rest) and rest[j + 1].lower().strip(",.") in ("me", "us", "you")
                )
            ):
                # "a quote for the kitchen", "notes from the visit": part of the thing
                out.append(w)
                continue
            break
        out.append(w)
        if w.endswith(",") and not _list_goes_on(rest[j + 1 :]):
            break
    if out and out[0].lower() in _OBJ_PRONOUNS and len(out) <= 3:
        out = out[:1]  # "test this out", "get it scheduled": the thing is "this"
    np = " ".join(out).strip(" ,")
    return np


_AFTER_NOUN_ING: Final = _set(
    "pertaining regarding concerning relating including involving related"
)
# verbs whose thing follows a preposition: "check on the status", "get on the call",
# "look into the error", "deal with the backlog"
_VERB_PREPS: Final = frozenset(
    [(v, "on") for v in ("check", "get", "comment", "report", "work", "decide", "weigh")]
    + [(v, "about") for v in ("check", "report", "decide")]
    + [("look", "into"), ("look", "at"), ("deal", "with"), ("work", "through")]
)

_GIVING: Final = frozenset(
    [
        "give",
        "send",
        "show",
        "tell",
        "get",
        "bring",
        "hand",
        "lend",
        "pass",
        "email",
        "e-mail",
        "offer",
        "forward",
    ]
)


def _participle(word: str) -> bool:
    """A past participle that is no noun: "involved", "overnighted" (not "the red")."""
    low = word.lower()
    forms = _lemmas(low)
    return (
        low.endswith("ed") and "VERB" in forms and low not in forms["VERB"] and "NOUN" not in forms
    )


def _list_goes_on(words: list[str]) -> bool:
    """Whether the words after a comma end a list of names: "Alan, Dan and me"."""
    for k, w in enumerate(words[:4]):
        if w.lower() in ("and", "&"):
            return k > 0
        if not (w[:1].isupper() or w.lower() in ("me", "us")) or (w.endswith(",") and k > 1):
            return False
    return False


_PEOPLE: Final = _set("guys folks people team teams gang everyone everybody")


def _person_only(np: str, base: str) -> bool:
    """Whether the object is only a person ("add Carey Metz to the sheet", "call him"):
    then the thing is the action, not the person."""
    np = re.sub(
        r"\s+(?:in|at|from|of) [A-Z][\w&'-]*(?: [A-Z][\w&'-]*)*$", "", np
    )  # "Rob in Calgary"
    words = np.replace(",", " ").split()
    names = [w for w in words if w.lower() not in ("and", "or", "&", "me", "us")]
    if len(names) == 2 and names[0].lower() in _DETS and names[1].lower() in _PEOPLE:
        return True  # "follow up with these guys"
    return bool(names) and (
        all(w.lower() in ("him", "her", "them") for w in names)
        or (
            len(names) <= 6
            and all(w[:1].isupper() and w[1:].islower() and "'" not in w for w in names)
            and words[0].lower() not in _DETS
            and len(base.split()) > len(words) + 1
        )
    )


def _pronoun_head(words: list[str]) -> bool:
    return len(words) == 1 and words[0].lower() in _OBJ_PRONOUNS


# Nouns that take what they are about with "to": "the response to the RFP", "the link to
# the dashboard", "the changes to the contract" (elsewhere "to" is where a thing goes).
_TO_NOUNS: Final = _set(
    "response responses reply replies answer answers link links change changes edit edits "
    "revision revisions amendment amendments addition additions access key keys directions "
    "invitation invite introduction introductions update updates fix fixes improvements "
    "improvement approach solution solutions"
)
_RELATIVE_DAY: Final = re.compile(
    r"^(?:tomorrow|today|tonight|yesterday|this week|next week|this weekend|next weekend)'s\s+",
    re.IGNORECASE,
)


def _the_thing(np: str) -> str:
    """The thing an object noun phrase names, as a later mail names it: "a copy of the
    complete response" -> "the complete response", "a few minor changes" -> "the minor
    changes", "the following addresses" -> "the addresses", "this email" -> "the email",
    "tomorrow's meeting" -> "the meeting" (the draft is sent days later, with no list below)."""
    np = _RELATIVE_DAY.sub("the ", np)
    np = re.sub(
        r"^(?:(?:an? |one |extra |some |the )?(?:copy|copies|printout|scan) of "
        r"(?:all |each )?(?:of )?)"
        r"(?=(?:the|your|my|our|his|her|their|this|these|those|that)\b|[A-Z0-9])",
        "",
        np,
        flags=re.I,
    )
    np = re.sub(r"^(?:all|each|both) (?:of )?(?=the |these |those |your |my |our )", "", np)
    np = re.sub(r"^(?:a few|a couple of|a couple|an?|one|some|any|several) (?=\w)", "", np)
    np = re.sub(r"^(?:this|these)\s+(?=[\w\"'])(?!(?:is|are|was|were|and|or)\b)", "the ", np)
    np = re.sub(r"\b(?:the )?(?:following|above|below-mentioned) (?=\S)", "the ", np)
    np = re.sub(r"\bthe the\b", "the", np)
    np = re.sub(r"\s+(?:below|above|here)$", "", np)
    return np.strip()


def _with_article(np: str) -> str:
    """ "Q3 budget" -> "the Q3 budget"; "my portfolio", "Jane", "feedback" stay."""
    np = _the_thing(np)
    if not np:
        return np
    first = np.split()[0]
    low = first.lower()
    if low in _DETS or low in _OBJ_PRONOUNS or low.endswith("'s"):
        return np
    words = np.split()
    if first[:1].isupper() and len(words) == 1:
        return "the " + np if first.isupper() and len(first) > 1 else np  # "the PR"; "Jane"
    if first[:1].isupper() and words[1].lower() in _PREPS:
        return np  # "Jane at Initech"
    if first[:1].isupper() and first[1:].islower() and re.match(r"^#?\d", words[1]):
        return np  # "Section 4.14", "Room 12": a numbered name
    if (
        len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in _ROLE
        and not any(c.isdigit() for c in np)
    ):
        return np  # "Bill Bradford", "Acme Corp"
    if low in ("feedback", "help", "advice", "access", "information", "info", "input", "details"):
        return np
    if low in ("lunch", "dinner", "breakfast", "coffee", "drinks") and len(words) == 1:
        return np  # "following up on lunch"
    if low in ("anything", "something", "everything", "nothing", "anyone", "someone"):
        return np
    return "the " + np


def _topic_for(kind: str, base: str, gerund: str) -> str:
    """The topic a follow-up names, quoted titles kept whole ("the "thanks, but no thanks"
    letter")."""
    quoted: list[str] = []

    def keep(m: re.Match[str]) -> str:
        quoted.append(m.group(0))
        return f"⟦{len(quoted) - 1}⟧"

    topic = _topic_of(kind, re.sub(r'"[^"]{1,60}"', keep, base), gerund)
    return re.sub(r"⟦(\d+)⟧", lambda m: quoted[int(m.group(1))], topic)


def _topic_of(kind: str, base: str, gerund: str) -> str:
    if not base:
        return ""
    if base.split()[0].lower() == "be":
        return gerund  # "be my mentor": being my mentor is the thing
    slot = re.match(
        r"^(?:find|make|take|set aside|carve out) (?:a |an |some |the )?(?:half )?(?:time|day|hour"
        r"|half hour|minute|minutes|moment|slot|date) (?:to|for) (\S+ .+)$",
        base,
        re.I,
    )
    if slot is not None and is_verb(slot.group(1).split()[0]):
        inner = slot.group(1)  # "find a day to meet Rob": meeting Rob is the thing
        talk = re.match(r"^(?:discuss|talk about|talk through|go over|review)\s+(.+)$", inner)
        if talk is not None:  # "find a half hour to discuss your role": your role
            return _with_article(talk.group(1))
        return _topic_of(kind, inner, ing(inner)) if kind != "meeting" else ing(inner)
    helped = re.match(r"^help (?:me|us) (?:to )?(\S+ .+)$", base, re.I)
    if helped is not None and is_verb(helped.group(1).split()[0]):
        inner = helped.group(1)  # "help me find out if X": what is found out
        return _topic_of(kind, inner, ing(inner))
    verb = base.split()[0].lower()
    if kind == "intro":
        m = re.search(r"\b(?:to|with)\s+(.+)$", base)
        if m:
            noun = "referral" if verb == "refer" else "introduction"
            return f"the {noun} to {m.group(1)}"
    np = _object_np(base)
    if not np or _pronoun_head(np.split()):
        # "review it and send me your comments": the thing named is in the second verb's
        words = base.split()
        for i in range(1, len(words) - 1):
            if (
                words[i].lower() in ("and", "or")
                and _coordinated_verb(words, i + 1)
                and words[i + 1].lower() not in ("let", "make", "have", "help")
            ):
                second = _object_np(" ".join(words[i + 1 :]))
                if second and not _pronoun_head(second.split()):
                    np = second
                break
    if np.lower().startswith("any ") and len(np.split()) > 1:
        np = "the " + np.split(None, 1)[1]  # "make any final changes": the final changes
    at = re.match(r"^(?:speak|present|talk)\s+at\s+(.+)$", base, re.I)
    if kind == "meeting" and at is not None:
        return _with_article(at.group(1))  # "speak at our meetup": our meetup
    if kind == "meeting":
        about = re.search(
            r"\b(?:(?:to|and) (?:discuss|go over|talk about|review|talk through|finalize)"
            r"|about|re:?)\s+(.+)$",
            base,
        )
        if about is not None and about.group(1).split()[0].lower() not in _PREPS:
            thing = _with_article(about.group(1))
            if re.search(r"\b(?:call|ring|phone)\b", base.split(" about ")[0], re.I):
                return f"our call about {thing}"  # "is it still on?" is said of the call
            return thing
    if kind == "meeting" and (
        not np
        or np.lower() in _OBJ_PRONOUNS
        or np.lower().startswith("a call")
        or _person_only(np, base + " x x")
    ):
        if verb in ("call", "phone", "ring") or "call" in base.lower():
            return "our call"
        if "lunch" in base.lower():
            return "lunch"
        return "our meeting"
    if not np or _pronoun_head(np.split()) or _person_only(np, base):
        # "add Tricia Spence to the email", "call him to discuss": the action is the thing
        return re.sub(r"\s+to (?:discuss|talk|chat)(?: (?:it|this|that))?$", "", gerund)
    if np.lower().startswith(("what ", "whether ", "which ", "how ", "who ", "where ", "when ")):
        return np
    return _with_article(np)
