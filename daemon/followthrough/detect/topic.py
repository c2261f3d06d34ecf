"""The topic a follow-up names ("Following up on …"): the thing an ask is about, as a
later mail names it ("send me a copy of the complete response to the RFP" -> "the complete
response to the RFP"; "add Tricia Spence to this email" -> the action itself; "give me a
call to discuss the offer" -> "our call about the offer").

Pure: no I/O. The object is read by ``followthrough.detect.forms``.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.forms import _object_np, _pronoun_head, _trim
from followthrough.detect.nounphrase import _given_thing, _nominal, _thing
from followthrough.detect.nounphrase import _with_article as _with_article  # sentence.py's
from followthrough.detect.words import (
    _DETS,
    _OBJ_PRONOUNS,
    _PARTICLES,
    _PREPS,
    _base_of,
    _coordinated_verb,
    _lemmas,
    _only_verb,
    _set,
    ing,
    is_verb,
)

# verbs whose object is not known yet: "recommend a good accountant" (said in "my question
# about a good accountant")
_FINDING: Final = _set("recommend suggest")
_PEOPLE: Final = _set("guys folks people team teams gang everyone everybody")


def _person_only(np: str, base: str) -> bool:
    """Whether the object is only a person ("add Carey Metz to the sheet", "call him"):
    then the thing is the action, not the person."""
    np = rx.sub(
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
            and all(
                (w[:1].isupper() and w[1:].islower() and "'" not in w)
                or rx.fullmatch(r"[A-Z]\.", w) is not None  # an initial: "Jeff A."
                for w in names
            )
            and words[0].lower() not in _DETS
            and len(base.split()) > len(words) + 1
        )
    )


def _topic_for(kind: str, base: str, gerund: str) -> str:
    """The topic a follow-up names, quoted titles kept whole ("the "thanks, but no thanks"
    letter")."""
    quoted: list[str] = []

    def keep(m: re.Match[str]) -> str:
        quoted.append(m.group(0))
        return f"⟦{len(quoted) - 1}⟧"

    topic = _topic_of(kind, rx.sub(r'"[^"]{1,60}"', keep, base), gerund)
    return rx.sub(r"⟦(\d+)⟧", lambda m: quoted[int(m.group(1))], topic)


def _topic_of(kind: str, base: str, gerund: str) -> str:
    if not base:
        return ""
    # shorthand said in words: "in touch w/ her editor", "head of ops @ Acme"
    base = rx.sub(r"(?<!\S)w/\s*(?=\S)", "with ", base)
    base = rx.sub(r"\s@\s", " at ", base)
    # "the dates for that OpRisk seminar": after a preposition "that" is a determiner, and a
    # follow-up days later says "the"
    base = rx.sub(
        r"\b(for|of|on|about|in|at|from) that (?=([A-Za-z][\w-]*))",
        lambda m: f"{m.group(1)} the " if _nominal(m.group(2)) else m.group(0),
        base,
    )
    particle = rx.match(r"^([a-z]+)-(off|up|out|in|over|back|down)\b", base)
    if particle is not None and is_verb(particle.group(1)):
        base = f"{particle.group(1)} {base[particle.end(1) + 1 :]}"  # "sign-off on X": sign off
    if base.split()[0].lower() == "be":
        present = rx.match(r"^be (?:at|up for) ((?:the|my|our|your|this|an?) .+)$", base, re.I)
        if present is not None:  # "be at my dinner": my dinner
            return _thing(_object_np("attend " + present.group(1)))
        return gerund  # "be my mentor": being my mentor is the thing
    event = rx.match(
        r"^(?:make it|come|go)(?: over| along)? to ((?:the|my|our|this|[\w-]+'s) .+)$", base
    )
    if event is not None:  # "make it to the quiz night": the quiz night
        return _thing(_object_np("attend " + event.group(1)))
    meal = rx.fullmatch(
        rf"(?:have |grab |get )?({_MEAL}(?: or {_MEAL})?|drinks)(?: one day| sometime| soon)?",
        base,
        re.I,
    )
    if meal is not None:
        return meal.group(1).lower()  # "how about lunch?": lunch; "coffee or lunch" both
    if rx.fullmatch(r"join(?: (?:us|me))?", base, re.I):
        return "joining " + (base.split()[1].lower() if len(base.split()) > 1 else "us")
    relayed = rx.match(
        r"^(?:ask|tell|get|have) (?:[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}|him|her|them) to "
        r"(\S+ .+)$",
        base,
    )
    if relayed is not None and is_verb(relayed.group(1).split()[0]):
        inner = relayed.group(1)  # "ask Joseph to reserve the room": the room
        thing = _topic_of(kind, inner, ing(inner))
        if thing and thing != ing(inner):
            return thing  # ("get Ravi to sign off" names no thing: the action is said)
    told = rx.match(
        r"^(?:let|tell) (?:[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}|him|her|them|everyone) know "
        r"((?:where|when|what|who|which|how|whether|if)\b.+)$",
        base,
    )
    if told is not None:  # "let Lisa know where we will be meeting": where we will be meeting
        return rx.sub(r"^if\b", "whether", told.group(1))
    slot = rx.match(
        r"^(?:(?:find|make|take|set aside|carve out|schedule|book|block|set up) (?:a |an |some "
        r"|the )?(?:half )?(?:time|day|hour|half hour|minute|minutes|moment|slot|date)"
        r"|(?:drop|stop|come|swing) (?:by|over))(?: for (?:me|us))? (?:to|for|and) (\S+ .+)$",
        base,
        re.I,
    )
    if slot is not None and is_verb(slot.group(1).split()[0]):
        inner = slot.group(1)  # "find a day to meet Rob": meeting Rob is the thing
        talk = rx.match(
            r"^(?:discuss|talk about|talk through|go over|review|walk (?:me|us) through)\s+(.+)$",
            inner,
        )
        if talk is not None:  # "find a half hour to discuss your role": your role
            if talk.group(1).split()[0].lower() in _OBJ_PRONOUNS:
                return discussed_thing(inner) or meeting_topic(inner)  # "… this with X"
            return _with_article(talk.group(1))
        return _topic_of(kind, inner, ing(inner)) if kind != "meeting" else ing(inner)
    helped = rx.match(r"^help (?:me|us) (?:to )?(\S+ .+)$", base, re.I)
    if helped is not None and is_verb(helped.group(1).split()[0]):
        inner = helped.group(1)  # "help me find out if X": what is found out
        return _topic_of(kind, inner, ing(inner))
    causative = rx.match(
        r"^(?:have|get|let) (?:the|your|our|my) (?:\S+ ){1,3}?(\S+) (?:and|or) (\S+ .+)$", base
    )
    if (
        causative is not None
        and is_verb(causative.group(1))
        and is_verb(causative.group(2).split()[0])
    ):  # "have the IT group order and install X": what they install
        return _topic_of(kind, causative.group(2), ing(causative.group(2)))
    serial = rx.match(r"^(?:come|go) (\S+ .+)$", base)
    if (
        serial is not None
        and is_verb(serial.group(1).split()[0])
        and serial.group(1).split()[0].lower() not in _PARTICLES | _PREPS
    ):
        inner = serial.group(1)  # "come explain the rota": what is explained
        thing = _topic_of(kind, inner, ing(inner))
        if thing and thing.split()[0] == ing(inner).split()[0]:
            return rx.sub(r"\s+when\b.*$", "", gerund)  # the action: "coming to see me"
        return thing
    spare = rx.match(
        r"^(?:have|find|make|get) (?:the |some |any )?(?:time|a moment|a minute|an hour) for "
        r"((?:an?|the|our|my|your) .+)$",
        base,
    )
    if spare is not None:  # "have time for a short planning meeting": the meeting
        return _thing(_object_np("have " + spare.group(1)))
    verb = base.split()[0].lower()
    if kind == "intro":
        m = rx.search(r"\b(?:to|with)\s+(.+)$", base)
        if m:
            noun = "referral" if verb == "refer" else "introduction"
            whom = m.group(1)
            if whom.split()[0].lower() not in _DETS | {"my", "your", "our", "his", "their"}:
                whom = _with_article(whom)  # "intro to head of ops": to the head of ops
            return f"the {noun} to {whom}"
        pair = rx.match(
            r"^\S+ ([A-Z][\w'-]*(?: [A-Z][\w'-]*)? (?:and|&) [A-Z][\w'-]*(?: [A-Z][\w'-]*)?)$", base
        )
        if pair is not None:
            return gerund  # "connect Tom and Nancy": the introduction is the action
    # "delete me from your list", "take him off the rota": the thing is where from
    away = rx.match(
        r"^\S+ (?:me|us|him|her|them|[A-Z][\w'-]*(?: [A-Z][\w'-]*)?) (?:from|off(?: of)?) "
        r"((?:the|your|my|our|this|that|his|her|their) .+)$",
        base,
    )
    if away is not None:
        thing = _thing(away.group(1))
        if thing:
            return thing
    dest = rx.match(r"^(?:add|include) (\S+(?: \S+){0,3}?) (?:to|on|in|onto|into) (.+)$", base)
    if (
        dest is not None
        and not _person_only(dest.group(1), base)
        and not {w.lower() for w in dest.group(1).split()} & (_OBJ_PRONOUNS | _CLAUSE_WORDS)
        and dest.group(2).split()[0].lower() in ("the", "our", "my", "this")
    ):
        # "add NGW to the bidweek postings": the thing a follow-up names is what was changed
        return _thing(_object_np("change " + dest.group(2)))
    contact = rx.match(
        r"^(?:reach out to|contact|get in touch with|call|email|e-mail|phone|ping) (.+?) and "
        r"(\S+ .+)$",
        base,
    )
    if contact is not None and _coordinated_verb(
        base.split(), len(base.split(" and ")[0].split()) + 1
    ):
        # "reach out to the caterer and confirm the numbers": the numbers are the thing
        second = contact.group(2)
        thing = _topic_of(kind, second, ing(second))
        if thing and thing != ing(second):
            return thing
    given = _given_thing(base)
    light = _LIGHT.match(base)
    if given:
        np = given
    elif light is not None:  # "make contact with the broker and set a time": the broker
        np = _object_np("review " + next(g for g in light.groups() if g))
    else:
        np = _object_np(base)
    if rx.match(r"^(?:an? |the )?(?:line|ring|buzz|shout|holler)$", np, re.I):
        np = ""  # "drop a line to Maureen", "give me a ring": no thing named
    if np and is_verb(np.split()[0]) and rx.search(rf"\bto {re.escape(np)}", base):
        np = ""  # "join us to talk it over": a purpose, not a thing
    lead = rx.match(
        r"^take (?:the )?(?:lead|initiative|charge) (?:in|on|with) (\w+ing) (.+)$", base
    )
    if lead is not None and is_verb(_base_of(lead.group(1))):
        inner = f"{_base_of(lead.group(1))} {lead.group(2)}"  # "take the lead in proposing X"
        thing = _topic_of(kind, inner, ing(inner))
        if thing and thing != ing(inner):
            return thing
    aspect = rx.match(r"^(?:start|begin|keep|continue|resume|finish|stop) (\w+ing\b.*)$", base)
    if aspect is not None and is_verb(_base_of(aspect.group(1).split()[0])):
        doing = aspect.group(1).split()
        np = _object_np(" ".join([_base_of(doing[0]), *doing[1:]]))
        first = np.split()[0] if np else ""
        if (
            first.lower() in _DETS | {"my", "your", "our", "his", "her", "their"}
            or first[:1].isupper()
            or "NOUN" in _lemmas(first.lower())
        ) and not _pronoun_head(np.split()):
            return f"{doing[0]} {np}"  # "start filing the receipts": filing the receipts
    if not np or _pronoun_head(np.split()):
        # "review it and send me your comments": the thing named is in the second verb's
        words = base.split()
        for i in range(1, len(words) - 1):
            if (
                words[i].lower() in ("and", "or")
                and _coordinated_verb(words, i + 1)
                and words[i + 1].lower() not in ("let", "have", "help")
                and " ".join(words[i + 1 : i + 3]).lower() != "make sure"
            ):
                second = _object_np(" ".join(words[i + 1 :]))
                if (
                    second
                    and not _pronoun_head(second.split())
                    and not rx.match(r"^an? (?:call|ring|line|buzz|look)\b", second)
                ):
                    np = second
                break
    if np.lower().startswith("any ") and len(np.split()) > 1:
        np = "the " + np.split(None, 1)[1]  # "make any final changes": the final changes
    if verb in _FINDING and rx.match(r"^an? \w", np) and not _person_only(np, base):
        return np  # "recommend a good tax accountant": one not yet known, not "the" one
    at = rx.match(r"^(?:speak|present|talk)\s+at\s+(.+)$", base, re.I)
    if kind == "meeting" and at is not None:
        return _with_article(at.group(1))  # "speak at our meetup": our meetup
    if kind == "meeting":
        about = rx.search(
            r"\b(?:(?:to|and) (?:discuss|go over|talk about|review|talk through|finalize)"
            r"|about|re:?)\s+(.+)$",
            base,
        )
        if about is not None and about.group(1).lower() in _OBJ_PRONOUNS:
            return meeting_topic(base)  # "join us to discuss it": our discussion
        if about is not None and about.group(1).split()[0].lower() not in _PREPS:
            thing = _with_article(about.group(1))
            if rx.search(r"\b(?:call|ring|phone)\b", base.split(" about ")[0], re.I):
                return f"our call about {thing}"  # "is it still on?" is said of the call
            return thing
    if kind == "meeting" and (
        not np
        or np.lower() in _OBJ_PRONOUNS
        or rx.match(r"^an? (?:call|ring|buzz)\b", np, re.I)
        or _person_only(np, base + " x x")
    ):
        return meeting_topic(base)
    demonstrative = rx.fullmatch(
        r"(\S+)(?: (?:up|out|over|through|to|with|at))? (this|that)(?: (?:up|out|over))?"
        r"(?: for (?:me|us))?",
        base,
        re.I,
    )
    if demonstrative is not None and is_verb(demonstrative.group(1)):
        # "clear this up for me", "attend to this": the thread's "this" is all it names
        return demonstrative.group(2).lower()
    if not np or _pronoun_head(np.split()) or _person_only(np, base):
        # "add Tricia Spence to the email", "call him to discuss": the action is the thing
        said = rx.sub(r"\s+to (?:discuss|talk|chat)(?: (?:it|this|that))?$", "", gerund)
        asked = rx.search(
            r"\bto (?:determine|find out|see|confirm|verify|check|establish|learn|make sure)"
            r" (?:if|whether) (.+)$",
            said,
        )
        if asked is not None:  # "check with measurement to determine if X is correct"
            return "whether " + asked.group(1)
        purpose = rx.search(r"\s+(?:in order )?to (\S+)\b.*$", said)
        if (
            purpose is not None
            and _only_verb(purpose.group(1))
            and said.split()[1:2] != ["to"]
            and _base_of(said.split()[0]) not in _OBJECT_INFINITIVE
        ):
            said = said[: purpose.start()]  # "checking in with her to get a briefing"
        return said
    if np.lower().startswith("when ") and (
        verb not in _KNOWING or rx.search(r"\b(?:me|us|him|her|them) when\b", base)
    ):
        return rx.sub(r"\s+when\b.*$", "", gerund)  # "come see me when you get a minute"
    if np.lower().startswith(("what ", "whether ", "which ", "how ", "who ", "where ", "when ")):
        return np
    sent = rx.match(r"^(.+?) to ((?:(?:Mr|Mrs|Ms|Dr)\.? )?[A-Z][\w-]*(?: [A-Z][\w-]*){0,2})$", np)
    if (
        sent is not None
        and verb in _SENDING
        and not sent.group(2).isupper()
        and not rx.match(r"^(?:the|an?) (?:call|ring|buzz|line)\b", sent.group(1))
    ):
        thing = _thing(sent.group(1), verb)  # "e-mail your additions to Janette"
        return f"{thing} for {sent.group(2)}" if thing else thing
    copy = rx.match(r"^(?:an? |the |one )?cop(?:y|ies)(?: of (.+))?$", np, re.I)
    if copy is not None:
        # "forward a copy of the memo to Ms Cantrell": the memo for Ms Cantrell
        to = _RECIPIENT.search(base)
        thing = _thing(copy.group(1), verb) if copy.group(1) else "the copy"
        return f"{thing} for {to.group(1)}" if to is not None and thing else thing
    if verb in _REMOVING:
        np = rx.split(r"\s+from\s+", np)[0]  # "remove gentoo 0.11.29 from the mirror": gentoo
    return _thing(np, verb)


# verbs that take a thing away: "from Y" is where it was, not part of it
_REMOVING: Final = _set("remove delete pull drop erase purge strip exclude unsubscribe")


_CLAUSE_WORDS: Final = _set("that which who whom when where while if because")
# verbs whose object's infinitive is what is asked, not why ("get Lucio to respond")
_OBJECT_INFINITIVE: Final = _set(
    "get ask tell have want need help allow persuade remind encourage invite urge force let "
    "expect convince push nudge"
)
# verbs whose object may be a "when" question ("let me know when", "decide when to meet")
_KNOWING: Final = _set("know tell decide ask confirm check find figure say see let advise")


# verbs that send a thing to someone: what is sent "to Janette" is the thing for her
_SENDING: Final = _set("send email e-mail forward fax mail give pass hand deliver return courier")

# Light verbs: the object says how, not what ("take a look at the draft", "make contact with
# the broker", "refresh my memory on what I owe"): the thing is what follows the preposition.
_LIGHT: Final = re.compile(
    r"^(?:make|establish|get|get in|be in|keep in|put (?:me|us|him|her|them) in) (?:contact|touch)"
    r" with (.+)$"
    r"|^(?:have|take) (?:a |another )?(?:quick |closer |good |brief )?look (?:in|at|into|over"
    r"|through) (.+)$"
    r"|^make (?:the |some |any )?arrangements? for (.+)$"
    r"|^refresh (?:my|our) memory (?:on|about|of|as to) (.+)$"
    r"|^(?:give|lend) (?:me|us|\w+) a hand with (.+)$"
    r"|^give (.+?) an? (?:quick |final |last )?(?:once-over|look|read|glance|skim|review)\b"
    r"|^(?:ask|chase|nudge|pester|press|push) (?:\S+ ){0,3}?(?:for|about) (.+)$"
    r"|^(?:ping|email|e-mail|call|phone|text|message|remind|loop in|tell|warn|brief|update)"
    r" (?:\S+ ){1,3}?(?:about|on|regarding) (.+)$"
    r"|^take (?:the |some )?notes (?:at|in|during|for|on) (.+)$"
    r"|^(?:give|share|provide|offer|shed) (?:me |us )?(?:some |any |your )?(?:insight|insights"
    r"|light|guidance|clarity|background) (?:as to|on|into|about|regarding|concerning) (.+)$"
    r"|^(?:look after|keep an eye on|watch over|be up for) (.+)$",
    re.I,
)
# whom a copy is for: "to Ken Lay", "to Ms Cantrell", "to the group" (not "to me")
_RECIPIENT: Final = re.compile(
    r"(?<!relative )(?<!according )(?<!prior )(?<!due )\bto ((?:(?:Mr|Mrs|Ms|Dr)\.? )?"
    r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}|the (?:group|team|board|committee|client|list|others))"
    r"(?![\w'’-])"
)

# The thing a meeting ask is about, when its words name nothing else: the meeting as its
# own words call it ("give me a ring": our call; "can we discuss this": our discussion).
# The first that matches, in the verb phrase first, then in the whole sentence.
_MEETING_NOUNS: Final = (
    (r"\b(?:meet|meeting|get together|sit down)\b", "our meeting"),
    (r"\b(?:conference call|phone call|call|ring|buzz|phone)\b(?!-)", "our call"),
    (
        r"\b((?:lunch|dinner|breakfast|brunch|coffee)"
        r"(?: or (?:lunch|dinner|breakfast|brunch|coffee))?)\b",
        "",
    ),
    (r"\b(?:drinks?|pint|beers?)\b", "a drink"),
    (r"\bdiscuss(?:ion)?\b", "our discussion"),
    (r"\bcatch(?:ing)? (?:you |me |us )?up\b|\bcatch-up\b", "our catch-up"),
    (r"\bchat\b", "our chat"),
    (r"\btalk\b", "our talk"),
    (r"\b(?:speak|conversation)\b", "our conversation"),
)


# a meeting the words name with its own article and words ("the meeting", "a quick call")
_NAMED_MEETING: Final = re.compile(
    r"\b(an?|the|this|that)\s+((?:[a-z][a-z-]*\s+){0,2}?)(conference call|meeting|call)\b(?![-'])"
)


def discussed_thing(text: str, things: bool = True) -> str:
    """What a meeting is to discuss, when its words say it ("I need to discuss the last
    attachment for the term sheet": the last attachment for the term sheet), or whom it is
    with ("discuss this with the East Desk": the discussion with the East Desk; "meet with
    our team": the meeting with our team); "" when they say neither."""
    m = rx.search(
        r"\b(discuss|talk (?:about|through)|go (?:over|through)|meet(?: up)?)\s+(\S.*)$", text, re.I
    )
    if m is None:
        return ""
    verb, rest = m.group(1).lower(), _trim(rx.sub(r"\s*\([^()]*\)", "", m.group(2)))
    if not rest:
        return ""
    meet = verb.startswith("meet")
    first = rest.split()[0]
    if (
        things
        and not meet
        and (first.lower() in _DETS | {"my", "your", "our", "his", "their"} or first[:1].isupper())
        and not rx.match(r"^(?:a bit|a little|a lot|this|that|it)\b", rest, re.I)
    ):  # "discuss the last attachment": not "discuss a bit", "discuss between now and …"
        thing = _thing(_object_np("review " + rest), "discuss")
        if thing and not _pronoun_head(thing.split()) and not _person_only(thing, "x x x " + thing):
            return thing
    whom = rx.match(
        r"^(?:(?:it|this|that|things) )?(?:further )?with (?:me and |me & |us and )?"
        r"(?!(?:me|you|us|him|her|them|it|this|that)\b)(\S.*)$",
        rest,
    )
    if whom is not None and not (
        rx.match(r"^\S+ (?:\S+ )?with (?:me|us) (?:and|&) (?:your|my|our|his|their)\b", rest)
    ):  # "with me and your plans in gas": a thing, not whom the meeting is with
        people = _object_np("join " + whom.group(1))
        if people.split()[:1] and people.split()[0].lower() in _DETS:
            people = _thing(people)  # "the East Desk"; "outside counsel" as it is
        noun = "meeting" if meet else "discussion"
        return f"the {noun} with {people}" if people else ""
    return ""


def meeting_topic(*texts: str, things: bool = True) -> str:
    """A meeting's topic from its own words when nothing else is named: the thing it is to
    discuss or the people it is with (``discussed_thing``; not when ``things`` is false:
    time asked for is said as the meeting), "our call", "lunch", "our discussion", …; else
    "our meeting"."""
    for text in texts:
        discussed = discussed_thing(text, things)
        if discussed:
            return discussed
        named = _NAMED_MEETING.search(text)
        if named is not None and all(
            {"ADJ", "NOUN"} & _lemmas(w).keys() and w not in _DETS for w in named.group(2).split()
        ):
            mods, noun = named.group(2), named.group(3).lower()
            if mods or named.group(1).lower() != "a":
                return f"the {mods}{noun}"  # "a quarterly meeting": the quarterly meeting
        found = [
            (m.start(), noun, m) for p, noun in _MEETING_NOUNS if (m := rx.search(p, text, re.I))
        ]
        if found:
            _, noun, m = min(found, key=lambda f: f[0])  # the first the words say
            return noun or m.group(1).lower()
    return "our meeting"


_MEAL: Final = r"(?:lunch|dinner|breakfast|brunch|coffee)"


def is_social(topic: str) -> bool:
    """Whether a meeting's topic is a meal or a drink ("dinner", "our lunch", "a drink"):
    time together that is thanked as company, not as help."""
    return (
        rx.fullmatch(
            rf"(?:(?:the|our) )?{_MEAL}(?: or {_MEAL})?"
            rf"(?: (?:after|before|at|with|on|in|near|downtown|together)\b.*)?|a drink",
            topic,
        )
        is not None
    )  # "the lunch after the offsite", "dinner at Luigi's": company too


def meeting_itself(topic: str) -> str:
    """How a meeting's topic that is the meeting itself is said to have happened: "spoke"
    ("our call", "our talk"), "met" ("our meeting", "lunch", "joining us"); "" when the
    topic is a thing the meeting is about ("our call about the offer", "the budget")."""
    if rx.fullmatch(r"(?:the|our) (?:[\w-]+ ){0,2}(?:call|talk|chat|conversation|catch-up)", topic):
        return "spoke"
    if rx.fullmatch(
        rf"(?:the|our) (?:[\w-]+ ){{0,2}}(?:meeting|discussion)|joining (?:us|me)|a drink"
        rf"|{_MEAL}(?: or {_MEAL})?",
        topic,
    ):
        return "met"
    return ""
