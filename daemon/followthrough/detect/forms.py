"""A verb phrase made ready to be said back, and the forms made from it: the phrase
without deadline words and adjuncts ("review the deck by Friday so I can send it" ->
"review the deck") and its object noun phrase ("the deck"); the topic a follow-up names
is made from them by ``followthrough.detect.topic``.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.adjunct import (
    _ADJUNCT,
    _DATIVE,
    _PHONE,
    _TIME,
    _WEEKDAY,
    _adjunct,
    _end_prep,
)
from followthrough.detect.spelling import verb_spelled
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _ON_VERBS,
    _PARTICLES,
    _PREPS,
    _SUBORDINATORS,
    _WH,
    _base_of,
    _coordinated_verb,
    _inflect,
    _lemmas,
    _only_verb,
    _set,
    is_verb,
)


def _time_or_thing(m: re.Match[str]) -> str:
    """A day or a time goes; an ordinal that numbers a thing stays ("for the 3rd and 4th
    rounds", "the 2nd floor"), as it is not the 3rd of a month; so does "one afternoon"
    when it is what is asked about ("whether one afternoon works")."""
    before = m.string[: m.start()].split()[-1:]
    if rx.match(r"\s*(?:one|some)\b", m.group(0)) and [w.lower() for w in before] in (
        ["if"],
        ["whether"],
        ["when"],
    ):
        return m.group(0)
    if rx.search(r"\bthe \d{1,2}(?:st|nd|rd|th)$", m.group(0)):
        after = m.string[m.end() :].split()
        nxt = after[0].lower().strip(",.") if after else ""
        if (nxt in ("and", "or", "&") and len(after) > 1 and after[1][:1].isdigit()) or (
            "NOUN" in _lemmas(nxt) and nxt not in _PREPS | {"so", "and", "or", "if", "when"}
        ):
            return m.group(0)
    return ""


# (not a weekday's name: a draft names a day only as a date, in the reader's locale; nor a
# day said from the day of writing, "next week", wrong in a draft days later: "that week"
# points back at a time named before, and stays as true)
_ONE_DAY: Final = r"that (?:week(?:end)?|month|morning|afternoon|evening|day|date)"
# a day said as the subject of a question or the object of "about" (with "or" a choice)
_ASKED_DAY: Final = (
    rf"{_ONE_DAY}(?: (?:or|and) {_ONE_DAY})?(?=\s+(?:is|are|be|better|work|works|ok|okay|too"
    r"|suit|suits|good|fine)\b|\W*$)"
)


def _trim(vp: str) -> str:
    """The verb phrase without deadline words, adjuncts and closing punctuation."""
    said = vp
    # "have you seen this before": a last "before" of the words as written is an adverb
    adverb = rx.search(r"\s(?:before|after)\W*$", vp, re.I) is not None
    # a sentence ends at its full stop; not at a title's ("Mr.") nor an initial's ("Jeff A.")
    vp = rx.split(
        r"\s*(?:[?!]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])\.(?:\s|$)|;|\s[–—]\s|\s-\s|\s--\s|\(\s*(?:ie|e\.g|eg|i\.e)\b|\s\((?![^()]*\)))",
        vp,
    )[0]
    vp = rx.split(r"\s*(?:…|\.\.\.+)", vp)[0]  # "real quick…": a trailing-off is no phrase
    # a main clause after the ask: "if you could X, it would help" -> X
    vp = rx.split(
        r",\s*(?:it|that|this|i|we|they|he|she)(?:'d|'ll|\s+(?:would|will|is|was|should|could"
        r"|can|might|may|must))\b",
        vp,
        flags=re.I,
    )[0]
    vp = _PHONE.sub("", vp)
    vp = rx.sub(r"\s&\s(?=(?:i|we)\b)", " and ", vp, flags=re.I)  # "call & I can give you…"
    vp = rx.sub(
        r"\s*,?\s*\b(?:at|around|about|by) (?:around |about )?\d{1,2}:\d\d\b"
        r"(?!\s*(?:am|pm|a\.m|p\.m))(?-i:\s+[A-Z][a-z]+ time\b|\s+[ECMP][SD]?T\b)?",
        lambda m: " at" if rx.match(r"\s+[A-Z][a-z]", m.string[m.end() :]) else "",
        vp,
        flags=re.I,
    )  # "around 5:45": a time of day said elsewhere ("at 6:30 Ruth's": at the place)
    # "the Super Saturday": a day after a capitalized word is part of a name, kept whole
    names: list[str] = []

    def keep(m: re.Match[str]) -> str:
        names.append(m.group(0))
        return f"⟦{len(names) - 1}⟧"

    vp = rx.sub(r"(?<=\s)[A-Z][a-z]+ (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", keep, vp)
    # a day that is what a question asks about is no deadline: "is that week too late",
    # "would that weekend work", "let me know about that date"
    vp = rx.sub(
        rf"(?:^(?:is|are|was|were|would|will|could|does|did|can) |(?<=\babout )){_ASKED_DAY}",
        keep,
        vp,
        flags=re.I,
    )
    vp = rx.sub(
        r"\b(the\s+|(?:this|next|last|that)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day('s)?\s+"
        r"(?=[\"']?[a-z])(?![\"']?(?:(?:morning|afternoon|evening|night)s?|noon|a\.?m|p\.?m|or|and|to"
        r"|at|by|before|after|with|for|about|re|if|so|when|please)\b)",
        lambda m: "the " if m.group(1) or m.group(2) else "",
        vp,
    )  # "the Friday package", "for Saturday's shoot": the day is said elsewhere
    vp = rx.sub(r'"[^"]{1,60}"', keep, vp)  # a quoted title is a name: "thanks, but no thanks"
    vp = rx.sub(
        r"^(?:go ahead and|try and|try to|attempt to|be sure to|make sure to|plan to)\s+",
        "",
        vp,
        flags=re.I,
    )
    # "the week of 10/8", "the week of May 12": a time said whole, not "of 10/8" left over
    vp = rx.sub(
        r"\s*,?\s*\b(?:(?:during|in|for) )?the (?:week|weekend|month) of (?:the )?"
        r"(?:\d[\d/.-]*(?:st|nd|rd|th)?|[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?)\b",
        "",
        vp,
    )
    # "please plan on meeting them": the doing planned is what is asked
    vp = rx.sub(r"^plan on (\w+ing)\b", lambda m: _base_of(m.group(1)), vp, flags=re.I)
    vp = rx.sub(r"\s+for a (?:wee |little |short )?(?:bit|while|sec|second|moment)\b", "", vp)
    vp = rx.sub(
        r"^(?:take|spend) (?:a |some |the )?(?:few )?(?:moment|minute|second|time)s? (?:to|and) ",
        "",
        vp,
        flags=re.I,
    )
    vp = rx.sub(r"^(?!(?:any|some|no)\b)(\S+) (?:further|briefly|quickly)\b", r"\1", vp, flags=re.I)
    vp = verb_spelled(vp)  # "setup the printer", "quickly review X"
    vp = rx.sub(r"\s+directly\b", "", vp, flags=re.I)  # "forward this directly to Pat"
    vp = rx.sub(r",\s*(?:which|who)\b.*$", "", vp, flags=re.I)  # an aside on what was named
    vp = rx.sub(
        r"\s+(?:of|in|to|for|on|by|from|with|about) (?:which|whom)\b(?!\s+of\b).*$",
        "",
        vp,
        flags=re.I,
    )
    vp = rx.sub(r"\s+in (?:further |more |greater |great )?detail\b", "", vp, flags=re.I)
    vp = rx.sub(r"\s*,?\s*\bif (?:at all )?possible\b,?(?=\s+\w)", "", vp, flags=re.I)
    vp = rx.split(r",?\s+(?:i\.e\.?|e\.g\.?|ie|eg)(?:,|\s|$)", vp)[0]  # "after, i.e. the 9th"
    vp = rx.sub(
        r"\s+for (?:about |around |roughly |maybe |at least )?(?:\d+(?:\s*[-–]\s*\d+)?|a few"
        r"|an?|half an?|one|two|three)\s*(?:minutes?|mins?|hours?|hrs?)\b",
        "",
        vp,
        flags=re.I,
    )  # "meet for about 30-40 minutes": how long is said elsewhere, if at all
    vp = rx.sub(r",?\s+or (?:sooner|later|earlier|so)\b", "", vp, flags=re.I)
    vp = rx.sub(r"\band try (?:to|and) (?=[a-z])", "and ", vp)  # "and try to schedule"
    vp = rx.sub(r"\s+soon(?=\s+to\b)", "", vp, flags=re.I)  # "drop by soon to give me…"
    vp = rx.sub(r"^approve of\b", "approve", vp, flags=re.I)  # "approve of these methods"
    vp = rx.sub(r"\s+or (?:something|anything)(?: (?:like that|similar|that\b.*))?$", "", vp)
    vp = rx.sub(
        r"\bas well as (?=(\w+))", lambda m: "and " if is_verb(m.group(1)) else m.group(0), vp
    )  # "nominate a delegate as well as send us his ideas"
    vp = rx.sub(
        r"\s+(?:over|in|within|during) the (?:next|coming|following) (?:couple (?:of )?|few )?"
        r"(?:days?|weeks?|months?)\b(?:\s+or so\b)?",
        "",
        vp,
        flags=re.I,
    )
    vp = rx.sub(
        r"\bso (?:that )?(?:we|i) (?:can|could) (discuss|talk about|talk through|go over)\b",
        r"to \1",
        vp,
        flags=re.I,
    )
    vp = rx.sub(r"^give an? (call|ring|buzz)\b", r"give me a \1", vp, flags=re.I)
    # "give Ann Lee a call or Bo Ng": give Ann Lee or Bo Ng a call
    vp = rx.sub(
        r"^[Gg]ive ((?:[A-Z][\w'-]+ ?){1,3}) a (call|ring) (or|and) ((?:[A-Z][\w'-]+ ?){1,3}"
        r"(?:(?:in|at|from) [A-Z][\w'-]+ ?)?)",
        lambda m: f"give {m.group(1).strip()} {m.group(3)} {m.group(4).strip()} a {m.group(2)} ",
        vp,
    ).strip()
    vp = rx.sub(
        r"^(?:make|be) sure (?:that )?you (?=[a-z])|^ensure (?:that )?you (?=[a-z])", "", vp
    )
    vp = rx.sub(r"\b(?:tomorrow|today|tonight|yesterday)'s\b", "the", vp, flags=re.I)
    vp = _DATIVE.sub(r"\1\2 \3 ", vp)  # "fax to me the decision": fax me the decision
    prev = None
    while prev != vp:
        prev = vp
        vp = rx.sub(r"[,\s]+(?:and|or|but|too|or something|or so)$", "", vp, flags=re.I)
        vp = rx.sub(r",\s*(?:ok|okay|alright|right|yes)\W*$", "", vp, flags=re.I)  # a tag question
        vp = rx.sub(r"\s+(?:at|on|by|for)\s*(?=[,.?!]|$)", _end_prep, vp, flags=re.I)
        vp = _ADJUNCT.sub(_adjunct, vp).strip(" ,.:;!")
        vp = _TIME.sub(_time_or_thing, vp).strip(" ,.:;!")
        vp = rx.sub(
            r"\s+(?:as well|too|also|again please|for now|directly|right away|soon|further"
            r"|sometime|some ?time soon|some ?time|at some point|one day|one of these days"
            r"|at all|please|pls|as necessary|if necessary|instead|somehow)$",
            "",
            vp,
            flags=re.I,
        )
        if not (adverb and said.rstrip(" ?.!").endswith(vp)):
            vp = rx.sub(r"\s+(?:on|at|by|before|after|for|to|until)$", _end_prep, vp, flags=re.I)
    # "between May 6 and May 24" with both days gone: the range goes too
    vp = rx.sub(r"\s*\b(?:between|from)\s+(?:and|to|through|[–-])(?=\s|$)", "", vp, flags=re.I)
    vp = rx.sub(r"⟦(\d+)⟧", lambda m: names[int(m.group(1))], vp)
    # what points into the sent mail means nothing in a later one: "the following
    # addresses", "the list below", "this email"
    vp = rx.sub(r"\b(?:the )?following (?=[\w\"'])", "the ", vp)
    vp = rx.sub(r"(?<=\w)\s+(?:below|above)\b(?!\s+(?:the|a|an|\d)\b)", "", vp)
    vp = rx.sub(r"\bthis (e-?mail|thread|message|note|list)\b", r"the \1", vp, flags=re.I)
    return vp.strip(" ,")


def _object_np(vp: str) -> str:
    """The object noun phrase of a verb phrase ("send me the deck by Friday" -> "the deck")."""
    last = _last_of_series(vp.split())
    if last:
        return _object_np(" ".join(vp.split()[last:]))  # "print, sign and return it": it
    said = vp.split()
    j = 1
    while j < len(said) and said[j].lower() in _PARTICLES:
        j += 1
    if j + 1 < len(said) and said[j].lower() in ("and", "or"):
        k = j + 1 + (said[j + 1].lower() == "then")
        if k < len(said) and is_verb(said[k].lower()):
            # "review and email Jo your notes", "sit in and grill me on X": two verbs share
            # what the second one names
            shared = _object_np(" ".join(said[k:]))
            if shared and shared.split()[0].lower() not in _SUBORDINATORS | _WH:
                return shared
    words = vp.split()[1:]
    if (
        vp.split()[0].lower() in ("have", "get", "let")
        and len(words) > 2
        and (words[0][:1].isupper() or words[0].lower() in ("me", "us", "him", "her", "them"))
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
        i == 0
        and len(words) > 3
        and vp.split()[0].lower() in ("show", "tell", "teach", "ask")
        and words[0][:1].isupper()
        and words[1].lower() == "how"
        and words[2].lower() == "to"
    ):
        return _object_np(" ".join(words[3:]))  # "show Beavy how to request the waivers"
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
    callee = rx.match(
        r"^((?:[A-Z][\w'-]+|or|and|&)(?: (?:[A-Z][\w'-]+|or|and|&)){0,6})"
        r"(?: (?:in|at|from) [A-Z][\w'-]+)? a (?:call|ring)\b",
        " ".join(rest),
    )
    if callee is not None and i == 0 and vp.split()[0].lower() == "give":
        return f"the call to {callee.group(1)}"  # "give Ann Lee or Bo Ng a call"
    look = rx.match(
        r"^(?:a |another )?(?:quick |closer )?(?:look|stab) (?:at|over) ", " ".join(rest)
    )
    if look is not None:
        rest = " ".join(rest)[look.end() :].split()
    # "take care of the invoices", "take charge of the rota": the thing follows "of"
    idiom = rx.match(r"^(?:care|charge|ownership|note|stock) of ", " ".join(rest))
    if idiom is not None and vp.split()[0].lower() == "take":
        rest = " ".join(rest)[idiom.end() :].split()
    if not rest or rest[0].lower() in ("sure", "certain", "that", "again", "too", "also"):
        return ""
    if vp.split()[0].lower() == "let" and rest[0].lower() == "know":  # "let them know X"
        return ""  # "make sure that…": no thing to name
    if rest[0].lower() in _WH | {"whether", "if"}:
        # "discuss how to adjust the risk", "find out if she got it": the question is the thing
        clause = rx.sub(r"^if\b", "whether", " ".join(rest))
        return rx.sub(
            r"\bdid (?!not\b|n't)([a-z]+)\b", lambda m: _inflect(m.group(1), "VBD"), clause
        )
    out: list[str] = []
    for j, w in enumerate(rest):
        lw = w.lower().strip(",")
        after = rest[j + 1].lower() if j + 1 < len(rest) else ""
        particles: tuple[str, ...] = ("up", "out", "back", "off", "down", "away")
        if vp.split()[0].lower() in _ON_VERBS:
            particles += ("on",)  # "switch the lights on": the lights
        then_verb = after in ("and", "or") and j + 2 < len(rest) and is_verb(rest[j + 2])
        if j > 0 and lw in particles and (not after or after in _PREPS or then_verb):
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
            lw in ("at", "in", "from")
            and out
            and j + 1 < len(rest)
            and rest[j + 1][:1].isupper()
            and rest[j + 1].lower() not in _DETS
            and not _WEEKDAY.match(rest[j + 1])
        ):
            out.append(w)  # "life at Enron", "the HR folks at Celgar": a place is part of it
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
    demonstrative = (
        len(out) > 1
        and out[0].lower() in ("this", "that", "these", "those")
        and "NOUN" in _lemmas(out[1].lower().strip(","))
        and out[1].lower() not in _PARTICLES
    )  # "set up this meeting": the meeting
    if out and out[0].lower() in _OBJ_PRONOUNS and len(out) <= 3 and not demonstrative:
        out = out[:1]  # "test this out", "get it scheduled": the thing is "this"
    np = " ".join(out).strip(" ,")
    return np


def _last_of_series(words: list[str]) -> int:
    """Where the last verb of a series at the head starts ("print, sign, and return it" ->
    4), or 0 when the phrase starts with no series."""
    i = 0
    while i < len(words) and words[i].endswith(",") and is_verb(words[i].rstrip(",")):
        i += 1
    if i == 0 or i >= len(words):
        return 0
    if words[i].lower() in ("and", "or"):
        i += 1
    elif i + 1 < len(words) and is_verb(words[i]) and words[i + 1].lower() in ("and", "or"):
        i += 2
    return i if i < len(words) and is_verb(words[i]) else 0


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
