"""A tagged calendar entry said back: "Ask: Grace — mock interview #ask" -> "doing the
mock interview with me" / "the mock interview"; a request written in the description
("Ask Sam to send the plan") wins over a title that only names the meeting. The title is
cleaned of "Ask:", "#ask", the helper's own names and the separators around them.

Pure: no I/O. Used through ``followthrough.detect.phrase``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.article import _articled_object, _in_title, _named_owner, _title_article
from followthrough.detect.description import (
    _asked_for,
    _description_request,
    _to_helper,
)
from followthrough.detect.forms import _trim
from followthrough.detect.question import _info
from followthrough.detect.sentence import (
    _MEETING_WORDS,
    MAX_DESCRIPTION,
    MAX_SENTENCE,
    _from_vp,
    _kind_of_vp,
    decide_phrase,
)
from followthrough.detect.shorthand import indirect_question
from followthrough.detect.title import (
    _CAL_PREFIX,
    _strip_names,
    _verb_title,
    clean_calendar_title,
)
from followthrough.detect.titleneed import _WH, _lower_first, points_back, with_thing
from followthrough.detect.titlenoun import (
    doing_of_title,
    intro_whom,
    named_aside,
    named_task,
    need_in,
    noun_question,
    own_request,
    part_in_event,
    said_in_full,
)
from followthrough.detect.topic import _topic_for, _with_article
from followthrough.detect.words import (
    _DETS,
    _PREPS,
    _base_of,
    _set,
    ing,
    is_verb,
)
from followthrough.model import AskPhrase

__all__ = ["_description_request", "decide_calendar_phrase"]

_MEETING_TITLE: Final = re.compile(
    r"^(?:(?:team|quick|weekly|monthly|quarterly|working|virtual|informal|friday|morning)\s+)?"
    r"(?:1:1|one[- ]on[- ]one|sync|catch[- ]?up|coffee|lunch|dinner|call|chat|meeting|check[- ]?in"
    r"|quarterly check-in|weekly|monthly|touch ?base|stand-?up|huddle|debrief|kick-?off|retro"
    r"|office hours)\b.*$",
    re.IGNORECASE,
)
# the things a meeting is for that are asks of their own ("coffee re: referral")
_ASKED_THING: Final = re.compile(
    r"^(?:an?\s+|the\s+|my\s+)?(?:warm\s+)?(?:intro|introduction|referral)\b.*$", re.I
)
# noun-phrase titles: head noun -> (kind, verb for the base form)
_NOUN_VERB: Final = (
    (r"(?:intro|introduction)s?\s+to\b", "intro", "introduce me to"),
    (r"referral\s+to\b", "intro", "refer me to"),
    (r"^(?:an?\s+|the\s+|my\s+)?referral$", "intro", "refer me"),
    (r"(?:feedback|advice|input|thoughts|(?:second\s+)?opinion)\b", "action", "give me"),
    (r"(?:decision|call)\s+on\b", "approval", "decide on"),
    (r"(?:budget\s+)?approval\s+(?:for|of|on)\b", "approval", "approve"),
    (r"sign[- ]?off\s+on\b", "approval", "sign off on"),
    (
        r"(?:reference|recommendation|support)\s+letter|letter\s+of\s+(?:recommendation|reference"
        r"|support|intent)"
        r"|reference\b",
        "action",
        "write",
    ),
    (r"(?:code\s+)?review\s+(?:of|for)\b", "action", "do"),
    (
        r"(?:quote|estimate|numbers|figures|slides|notes|report|plan|list|data|invoice|draft"
        r"|drawings|documents|docs|files|receipts|specs|minutes|photos|deck|summary|results"
        r"|redlines|statements|spreadsheet|plans)\b",
        "action",
        "send me",
    ),
    (
        r"(?:mock\s+[\w-]+|role[- ]?play|interview\s+prep|pairing\s+session|session"
        r"|walkthrough|walk-through"
        r"|brainstorm|demo|workshop|panel|talk|mentoring|dry\s+run|rehearsal|run-?through|crit"
        r"|critique"
        r"|pitch)\b",
        "meeting",
        "do",
    ),
    (r"(?:voice-?over|narration)\b", "action", "record"),
    (r"help\s+(?:with\s+)?", "favour", "help me with"),
)


def decide_calendar_phrase(
    title: str, description: str = "", *, helper_names: Iterable[str] = (), tag: str = "ask"
) -> AskPhrase:
    """The phrase model of a tagged calendar entry. A request in the description wins over
    a title that only names the meeting ("1:1 with Sam" + "Ask Sam to send the plan")."""
    names = tuple(helper_names)
    title, description = title[:MAX_SENTENCE], description[:MAX_DESCRIPTION]
    sentence = " ".join(title.split()) + (
        f" — {' '.join(description.split())}" if description else ""
    )
    cleaned = said_in_full(
        clean_calendar_title(named_aside(title, names), helper_names=names, tag=tag)
    )  # "Order form redlines (Hollis & Crane)": the Hollis & Crane order form redlines
    from_description = _description_request(description, names) if description else None
    noun_title = bool(cleaned) and not (_verb_title(cleaned) or _MEETING_TITLE.match(cleaned))
    if from_description is not None and points_back(from_description.base):
        # "Sign-off: Q3 budget" + "She needs to approve it": the title names what "it" is
        own = decide_calendar_phrase(title, helper_names=names, tag=tag)
        if own.kind == from_description.kind and not rx.match(r"(?:help me|$)", own.base):
            return AskPhrase(own.kind, own.base, own.gerund, own.topic, sentence)
        if noun_title:
            thing = _in_title(_with_article(_lower_first(cleaned)))  # "Budget" + "sign it off"
            base = with_thing(from_description.base, thing)
            return AskPhrase(_kind_of_vp(base, "base"), base, ing(base), thing, sentence)
    part, part_topic = (
        ("", "")
        if _verb_title(cleaned)  # "Lab open day – Marco hosting?": the title says it already
        else part_in_event(title, names, cleaned, described=from_description is not None)
    )
    if part and not _title_names(from_description, title):
        # "Stroke clinic (Hina coaching)" + "She'll take the butterfly group": coaching it
        return AskPhrase(_kind_of_vp(part, "base"), part, ing(part), part_topic, sentence)
    whom = intro_whom(description) if from_description is not None else ""
    if (
        whom
        and from_description is not None
        and rx.match(r"^(?:send me an? intro|introduce me|connect me)\b", from_description.base)
        and not rx.search(r"\b(?:to|with)\b", from_description.base)
    ):  # "he knows X — ask for an intro": introducing me to X
        base = f"introduce me to {whom}"
        return AskPhrase("intro", base, ing(base), f"the introduction to {whom}", sentence)
    task = named_task(description, names) if from_description is None else ""
    listed = _from_vp(_to_helper(task), "base", sentence) if task else None
    if listed is not None:  # "- Freya to call Mr. Okafor's daughter re: home oxygen"
        return listed
    thing = _lower_first(cleaned) if noun_title and not cleaned.endswith("?") else ""
    needed = need_in(description, thing) if from_description is None else None
    if needed is not None:  # "Need her sign-off on the Q3 budget": signing off on it
        kind, base, topic = needed
        return AskPhrase(kind, base, ing(base), topic, sentence)
    if from_description is not None:
        return _with_title_thing(from_description, title, cleaned, sentence)
    bare = _CAL_PREFIX.sub("", " ".join(rx.sub(r"(?:^|\s)#\w+", " ", title).split()))
    untagged = " ".join(rx.sub(r"(?:^|\s)#\w+", " ", title).split())
    ask_about = rx.search(
        r"\bask(?:ed)?\s+(?:[@\w.'-]+\s+){0,2}?about\s+(.+)$", untagged, re.I
    )  # "Ask Marco about the rate limits", "dinner – ask about the Denver role"
    if ask_about is not None:
        # "Dinner w/ Alex – ask about the Denver role": telling me about it
        said = _trim(_strip_names(ask_about.group(1), names).strip())
        doing = said.split()[0] if said.split() else ""
        if doing.endswith("ing") and is_verb(_base_of(doing)) and _base_of(doing) != doing:
            # "Ask Ravi about joining the hiring panel": would he join it
            found = _from_vp(
                _to_helper(f"{_base_of(doing)} {said[len(doing) :]}"), "base", sentence
            )
            if found is not None:
                return found
        thing = _with_article(said)
        if thing:
            base = f"tell me about {thing}"
            return AskPhrase("info", base, ing(base), thing, sentence)
    about = rx.search(r"\s(?:re:?|about|regarding|to discuss)\s+(.+)$", bare, re.I)
    asked = (
        None if about is None else _ASKED_THING.match(_strip_names(about.group(1), names).strip())
    )
    if asked is not None and _MEETING_TITLE.match(bare):
        # "coffee w/ Theo re: referral": the meeting is where the referral is asked for
        cleaned = asked.group(0)
    elif about is not None and _MEETING_TITLE.match(bare):
        # "Call with Ken re: pricing model": what the meeting is for is the ask
        said = _trim(_strip_names(about.group(1), names).strip())
        doing = said.split()[0].lower() if said.split() else ""
        after = said.split()[1].lower() if len(said.split()) > 1 else ""
        gerund_first = (
            doing.endswith("ing")
            and is_verb(_base_of(doing))
            and _base_of(doing) != doing
            and after in _DETS | _PREPS | {"my", "our", "your", "to"}
        )  # "moving to PM", "hiring a designer"; not "pricing model"
        thing = _in_title(said if gerund_first else _title_article(said))  # "moving to PM"
        advice = rx.search(
            r"\b((?:[a-z]+\s+)?(?:advice|feedback|input|thoughts))\s*$", bare[: about.start()]
        )
        if advice is not None:  # "Coffee chat w/ Florian — career advice re: moving to PM"
            base = f"give me {advice.group(1).lower()} on {thing}"
            noun = advice.group(1).split()[-1].lower()
            return AskPhrase("meeting", base, ing(base), f"your {noun} on {thing}", sentence)
        base = f"talk through {thing} with me"
        return AskPhrase("meeting", base, ing(base), thing, sentence)
    if not cleaned or (
        _MEETING_TITLE.match(cleaned) and (len(cleaned.split()) <= 2 or not _verb_title(cleaned))
    ):
        told = _description_request(description, names, bare=True) if description else None
        if told is not None:  # "1:1 with Sam" + "Send the holiday staffing plan."
            return AskPhrase(told.kind, told.base, told.gerund, told.topic, sentence)
        topic = "our " + cleaned.lower() if cleaned and len(cleaned.split()) <= 3 else "our meeting"
        return AskPhrase(
            "meeting", "", "making time to meet", topic if cleaned else "our meeting", sentence
        )
    joint = rx.match(
        r"^(pair|collaborat|brainstorm)(?:e|ing)?\s*(?::|(?:\s+with\s+me)?\s+on\b)\s*(\S.*)$",
        cleaned,
        re.I,
    )  # "Pair on flaky checkout tests" too
    if joint is not None:  # "Pairing: flaky e2e tests": pairing with me on them
        verb = {"pair": "pair", "collaborat": "collaborate"}.get(
            joint.group(1).lower(), "brainstorm"
        )
        thing = _in_title(_title_article(_trim(joint.group(2))))
        base = f"{verb} with me on {thing}"
        return AskPhrase("meeting", base, ing(base), thing, sentence)
    other = rx.match(r"^(?:if|whether)\s+(?!(?:she|he|they|you)\b)(\S.+?)\??$", cleaned, re.I)
    if other is not None:  # "Ask Paolo if the venue deposit was refunded"
        return _info("whether " + _trim(other.group(1)), sentence)
    said_of = rx.match(
        r"^(?:(?:if|whether)\s+(?:she|he|they)(?:'d|'ll|\s+can|\s+could|\s+would|\s+will)"
        r"|(?:can|could|would|will)(?:\s+(?:she|he|they))?)\s+(?:please\s+)?(\S.+?)\??$",
        cleaned,
        re.I,
    )  # "can she present the results?", "ask Mo if he can pick up the kids", "Can (Mateo)
    # introduce me to X?" (a verb right after "can": the helper's name was there)
    if said_of is not None and is_verb(said_of.group(1).split()[0]):
        # "Ask Eleni: can she present the pilot results?": the ask is presenting them
        found = _from_vp(_to_helper(said_of.group(1)), "base", sentence)
        if (
            found is not None
            and found.kind in ("favour", "action")
            and _CARED_FOR.fullmatch(found.topic)
        ):  # "can she pick up the kids?": picking them up
            return AskPhrase(found.kind, found.base, found.gerund, found.gerund, sentence)
        if found is not None:
            return found
    wants = rx.match(r"^ask(?:ed)?\s+for\s+(.+)$", cleaned, re.I) or (
        rx.match(r"^for\s+(.+)$", cleaned, re.I) if rx.search(r"\bask\b", title, re.I) else None
    )  # "Ask @Marco for the API keys": its "Ask" went with the tag words
    if wants is not None:  # "ask Mo for the final head count": sending me the head count
        found = _asked_for(wants.group(1), sentence)
        if found is not None:
            return found
    allowed = rx.match(
        r"^(?:is\s+it\s+)?(?:ok|okay|alright|all\s+right|fine)\s+(?:for\s+(us|me)\s+)?to\s+(\S.+?)\??$",
        cleaned,
        re.I,
    )  # "OK to use the fog machine in the musical?": letting us use it
    # the word after "OK to" is a verb there, even one the dictionary knows only as a noun
    # ("OK to expense the hotel?"), unless it is a determiner or preposition ("OK to the plan?")
    first = allowed.group(2).split()[0] if allowed is not None else ""
    if allowed is not None and (
        is_verb(first.lower())
        or (first.isalpha() and first.islower() and first not in _DETS | _PREPS)
    ):
        return _allowed(allowed.group(2), (allowed.group(1) or "us").lower(), sentence)
    ok = rx.match(
        r"^(.+?)\s+(?:ok|okay|good to go|approved|sign[- ]?off|approval)\?$", cleaned, re.I
    )
    if ok is not None and not _verb_title(ok.group(1)):
        # "Robotics club budget – Principal Okoro OK?": approving the robotics club budget
        thing = _in_title(_with_article(_lower_first(ok.group(1))))
        return AskPhrase("approval", f"approve {thing}", f"approving {thing}", thing, sentence)
    role = _role_asked(cleaned)
    if role:  # "Emergency contact for the Nepal trek → Marguerite?": being my emergency contact
        base = f"be my {role}"
        return AskPhrase("favour", base, ing(base), ing(base), sentence)
    if (
        cleaned.endswith("?")
        and len(cleaned.split()) > 2  # "Deploy freeze?" asks whether there is one
        and _verb_title(cleaned.rstrip("?! "))
        and cleaned.split()[0].lower() not in _AUXILIARIES
        and not rx.match(r"^(?:what|which|who|where|when|how|why)\b", cleaned, re.I)
    ):
        cleaned = cleaned.rstrip("?! ")  # "drive the van for the food run?": the ask itself
    if cleaned.endswith("?") and any(
        rx.match(pattern, cleaned, re.I) for pattern, kind, _ in _NOUN_VERB if kind == "intro"
    ):
        cleaned = cleaned.rstrip("?! ")  # "intro to Wellcome program officer?": the intro
    asked_np = noun_question(cleaned)
    if asked_np is not None:  # "ETA on the replacement compressor?": letting me know it
        kind, base, topic = asked_np
        return AskPhrase(kind, base, ing(base), topic, sentence)
    indirect = indirect_question(cleaned) if cleaned.endswith("?") else ""
    if indirect and _fits_title(indirect):
        # "when does new pricing go live in EMEA?": when the new pricing goes live in EMEA
        return _info(indirect, sentence)
    if cleaned.endswith("?"):
        found = decide_phrase(cleaned, helper_names=names)
        if found.base:
            return AskPhrase(found.kind, found.base, found.gerund, found.topic, sentence)
        np = _in_title(_with_article(cleaned.rstrip("? ")))
        return _info(np, sentence)
    asked_to = rx.search(r"\bask(?:ed)?\s+(?:[\w'-]+\s+){0,3}?to\s+([a-z][\w-]*)", title, re.I)
    cleaned = rx.sub(
        r"^(?:\d+|half an?|an?)\s*(?:min|mins|minutes|hour|hours|hr|hrs)\s+(?:to|for)\s+",
        "",
        cleaned,
        flags=re.I,
    )  # "30 min to walk through the data model": the walk-through is the ask
    cleaned = rx.sub(r"^walk(?:\s+me)?\s+through\b", "walk me through", cleaned, flags=re.I)
    cleaned = rx.sub(
        r"^borrow\s+(?:her|his|their|your)\b", "lend me your", cleaned, flags=re.I
    )  # the helper lends what the user borrows
    ride = rx.match(r"^(?:a\s+)?(ride|lift)\b\s*(.*)$", cleaned, re.I)
    if ride is not None:
        where = _trim(ride.group(2))
        base = f"give me a {ride.group(1).lower()} {where}".strip()
        return AskPhrase(
            "favour", base, ing(base), f"the {ride.group(1).lower()} {where}".strip(), sentence
        )
    named_doing, named_topic = doing_of_title(cleaned)
    if named_doing:  # "Gutter cleaning": cleaning the gutters, not "guttering the cleaning"
        kind = _kind_of_vp(named_doing, "base")
        return AskPhrase(kind, named_doing, ing(named_doing), named_topic, sentence)
    if _verb_title(cleaned) or (
        asked_to is not None
        and is_verb(asked_to.group(1))
        and cleaned.lower().startswith(asked_to.group(1).lower())
    ):  # "Ask Viktor to cover standups": what follows "to" is a verb phrase
        words = _trim(cleaned).split()
        wh = len(words) > 1 and rx.match(_WH, words[1], re.I) is not None  # "decide which …"
        rest = words[1:] if wh else _articled_object(words[1:])
        base = _in_title(" ".join([words[0].lower(), *rest]))
        base = _to_helper(base)  # "walk her dog", "connect me with his lawyer": the helper's
        kind = _kind_of_vp(base, "base")
        if (
            _MEETING_WORDS.search(base)
            and kind == "action"
            and base.split()[0] in ("walk", "run", "pair", "brainstorm", "speak", "present")
        ):
            kind = "meeting"
        base = own_request(base)  # "approve PTO 12/22–12/29": my PTO for 12/22–12/29
        gerund = ing(base)
        topic = _without_when(_topic_for(kind, base, gerund))
        if kind in ("favour", "action") and _CARED_FOR.fullmatch(topic):
            topic = _without_when(gerund)  # "walk Biscuit", "pick up the kids": the doing
        if wh and base.startswith("decide "):  # "decide which vendor": not "which vendor"
            topic = f"the decision on {base.removeprefix('decide ')}"
        if topic.lower() in _DETS and base.split()[1:2] == [topic]:
            topic = " ".join(base.split()[1:])  # "re-key the back office locks": not "the"
        return AskPhrase(kind, base, gerund, topic, sentence)
    m = rx.match(r"^help\s+(\w+ing)\b\s*(.*)$", cleaned, re.I)
    if m is not None:
        base = f"help me {_base_of(m.group(1))} {_trim(m.group(2))}".strip()
        return AskPhrase("favour", base, ing(base), "your help", sentence)
    tail = rx.match(r"^(.+?)\s+(sign[- ]?off|approval|review)$", cleaned, re.I)
    if tail is not None and len(tail.group(1).split()) <= 3:
        thing = _with_article(tail.group(1))
        verb = {"review": "review", "approval": "approve"}.get(tail.group(2).lower(), "sign off on")
        kind = "action" if verb == "review" else "approval"
        base = f"{verb} {thing}"
        return AskPhrase(kind, base, ing(base), thing, sentence)
    for pattern, kind, verb in _NOUN_VERB:
        hit = rx.search(pattern, cleaned, re.I)
        if hit is None:
            continue
        if kind == "intro":
            target = _to_helper(_with_article(cleaned[hit.end() :].strip()))  # "her officer"
            if rx.fullmatch(
                r"(?:[A-Z][\w&.'-]*\s+)+(?:[A-Z]{2,4}|Head|Director|Manager)", target
            ) and not any(map(_named_owner, target.split())):  # (not "the Lumio's CTO")
                target = "the " + target  # "Brightwater Hotels GM": the hotel's GM
            if not target:  # "coffee re: referral": the referral itself
                return AskPhrase(kind, verb, ing(verb), "the referral", sentence)
            base = f"{verb} {target}"
            return AskPhrase(kind, base, ing(base), _topic_for(kind, base, ing(base)), sentence)
        if verb in ("approve", "decide on", "sign off on") and hit.start() == 0:
            obj = cleaned[hit.end() :].strip()
            if verb == "approve" and cleaned.lower().startswith("budget"):
                obj = "the budget for " + _with_article(obj)
            base = _in_title(f"{verb} {_with_article(obj)}")
            topic = _in_title(
                "the " + cleaned if not cleaned.lower().startswith("the ") else cleaned
            )
            if verb == "sign off on":  # "Sign-off: 2027 comp policy": the policy
                topic = _in_title(_with_article(obj))
            return AskPhrase(kind, base, ing(base), topic, sentence)
        np = _in_title(_with_article(cleaned))
        if kind == "meeting":
            joins = rx.search(r"\b(?:panel|talk)\b", np) is not None
            base = f"join {np}" if joins else f"do {np} with me"
            return AskPhrase(kind, base, ing(base), np, sentence)
        if verb == "give me":
            counted = rx.match(r"^(?:second\s+)?opinion\b", cleaned, re.I) is not None
            base = f"give me {'a ' if counted else ''}{_in_title(cleaned)}"  # "a second opinion"
            return AskPhrase(kind, base, ing(base), _in_title(_with_article(cleaned)), sentence)
        if verb == "help me with":
            return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)
        said = np
        head = rx.split(r"\s+(?:for|of|on|to|from|with|in|at|about)\s+", np)[0].split()[-1]
        if verb == "send me" and np.startswith("the ") and not head.endswith("s"):
            # "Estimate for SSO work": sending me an estimate (the one sent is "the estimate")
            said = ("an " if np[4:5].lower() in "aeiou" else "a ") + np[4:]
        base = f"{verb} {said}"
        return AskPhrase(kind, base, ing(base), np, sentence)
    np = _in_title(_with_article(cleaned))
    kind = "meeting" if _MEETING_WORDS.search(cleaned) else "action"
    return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)


def _title_names(found: AskPhrase | None, title: str) -> bool:
    """Whether a request found in the description names a thing the title names too
    ("walk the new docents through the ceramics gallery" under "ceramics gallery
    walk-through"): then the description says the helper's part better than the title."""
    if found is None:
        return False
    said = {w.lower() for w in rx.findall(r"[\w'-]{4,}", title)}
    head = rx.findall(r"[\w'-]+", found.topic)[-1:]  # "the morning reflection": reflection
    return bool(head) and head[0].lower() in said


def _allowed(vp: str, who: str, sentence: str) -> AskPhrase:
    """ "OK to use the fog machine?": an approval, said as letting us do it; its topic is
    the thing ("the use of the fog machine" for a use)."""
    vp = _in_title(_trim(vp))
    base = f"let {who} {vp}"
    verb, _, rest = vp.partition(" ")
    if verb.lower() == "use" and rest:
        topic = f"the use of {_with_article(rest)}"
    else:
        topic = _topic_for("approval", vp, ing(vp))
    return AskPhrase("approval", base, ing(base), topic, sentence)


def _without_when(topic: str) -> str:
    """A topic without the user's own time clause: "being my backup approver while I'm on
    leave" -> "being my backup approver"."""
    return rx.sub(
        r"\s+(?:while|when|whilst|once|since|until)\s+(?:I|I['’]m|we|we['’]re)\b.*$", "", topic
    )


# a thing that is someone looked after, whose follow-up names the doing ("walking Biscuit")
_CARED_FOR: Final = re.compile(
    r"(?:the |my |our )?(?:kids|children|twins|boys|girls|baby|dog|dogs|cat|cats|puppy)|[A-Z][a-z]+"
    r"|(?:the|our|my) (?:[\w-]+ ){0,3}(?:student|guest|visitor|intern|exchange student)s?"
)  # "host the Brazilian exchange student": hosting them is the thing

_AUXILIARIES: Final = _set(
    "can could will would should shall may might must do does did is are was were has have had"
)


def _with_title_thing(found: AskPhrase, title: str, cleaned: str, sentence: str) -> AskPhrase:
    """A request in the description said with the thing its title names when the request
    names none ("Sync re: usability sessions" + "ask him to moderate": moderating the
    usability sessions)."""
    words = found.base.split()
    if len(words) == 1 and is_verb(words[0]) and found.kind in ("action", "favour"):
        about = rx.search(r"\s(?:re:?|about|regarding|to discuss|on)\s+(.+)$", title, re.I)
        thing = clean_calendar_title(about.group(1)) if about is not None else ""
        if not thing and cleaned and not _MEETING_TITLE.match(cleaned):
            thing = cleaned
        if thing and not _verb_title(thing):
            base = f"{words[0]} {_in_title(_with_article(_lower_first(thing)))}"
            return AskPhrase(found.kind, base, ing(base), _with_article(thing), sentence)
    doing = cleaned.split()[-1].lower() if cleaned.split() else ""
    if (
        len(words) == 3
        and words[1:] == ["with", "me"]
        and len(cleaned.split()) > 1
        and doing.endswith("ing")
        and _base_of(doing) == words[0].lower()
    ):  # "Science fair judging" + "agreed to judge with me": judging the science fair
        thing = _title_article(_lower_first(cleaned.rsplit(None, 1)[0]))
        base = f"{words[0]} {thing} with me"
        return AskPhrase(
            found.kind, base, ing(base), _title_article(_lower_first(cleaned)), sentence
        )
    return AskPhrase(found.kind, found.base, found.gerund, found.topic, sentence)


# people one asks someone to be: "Emergency contact for the trek → Marguerite?"
_ROLES: Final = _set(
    "contact reference referee mentor sponsor chaperone judge speaker volunteer driver host "
    "emcee mc witness guarantor moderator facilitator chair buddy backup godparent officiant "
    "photographer partner second proxy guardian"
)


def _role_asked(cleaned: str) -> str:
    """The role a title asks the helper to take ("emergency contact for the Nepal trek"),
    or "": a question whose noun phrase names a person's role."""
    if not cleaned.endswith("?"):
        return ""
    words = cleaned.rstrip("?! ").split()
    if words and words[0].lower() in ("the", "a", "an", "my"):
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if w.lower() in _PREPS), len(words))
    if not 0 < cut <= 3 or words[cut - 1].lower() not in _ROLES:
        return ""
    return _in_title(_lower_first(" ".join(words)))


def _fits_title(clause: str) -> bool:
    """An indirect question made of a title that reads whole: not one that ran past a
    second sentence ("… in the hall? ask Pastor")."""
    return "?" not in clause and len(clause.split()) <= 16
