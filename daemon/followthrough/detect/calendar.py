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

from followthrough.detect.forms import _trim
from followthrough.detect.question import _info, _info_topic
from followthrough.detect.sentence import (
    _LET_KNOW,
    _MEETING_WORDS,
    MAX_DESCRIPTION,
    MAX_SENTENCE,
    _from_vp,
    _kind_of_vp,
    decide_phrase,
)
from followthrough.detect.shorthand import expand_shorthand, indirect_question
from followthrough.detect.title import (
    _CAL_PREFIX,
    _articled_object,
    _in_title,
    _lower_first,
    _strip_names,
    _verb_title,
    clean_calendar_title,
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

_MEETING_TITLE: Final = re.compile(
    r"^(?:1:1|one[- ]on[- ]one|sync|catch[- ]?up|coffee|lunch|dinner|call|chat|meeting|check[- ]?in"
    r"|quarterly check-in|weekly|monthly|touch ?base)\b.*$",
    re.IGNORECASE,
)
# noun-phrase titles: head noun -> (kind, verb for the base form)
_NOUN_VERB: Final = (
    (r"(?:intro|introduction)s?\s+to\b", "intro", "introduce me to"),
    (r"referral\s+to\b", "intro", "refer me to"),
    (r"(?:feedback|advice|input|thoughts)\b", "action", "give me"),
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
        r"|redlines|statements|spreadsheet)\b",
        "action",
        "send me",
    ),
    (
        r"(?:mock\s+interview|interview\s+prep|pairing\s+session|session|walkthrough|walk-through"
        r"|brainstorm|demo|workshop|panel|talk|mentoring|dry\s+run|rehearsal|run-?through"
        r"|pitch)\b",
        "meeting",
        "do",
    ),
    (r"(?:voice-?over|narration)\b", "action", "record"),
    (r"help\s+(?:with\s+)?", "favour", "help me with"),
)


def _description_request(
    description: str, names: Iterable[str], *, bare: bool = False
) -> AskPhrase | None:
    """A request written in the entry's description ("Ask Sam to send the plan", "Kwame –
    would you be the second reviewer?", "Action for Ro: pull the audit"). An agenda, a
    join block (Zoom, Teams, Meet), a note to self ("Bring the one-pager") or a plain
    statement ("Script v2 is in the shared drive") asks nothing; a bare imperative ("Send
    the staffing plan") counts only when ``bare`` (the title is only a meeting's name) and
    its verb is not one of the user's own errands."""
    lines = _description_lines(description, names)
    explicit = [line for line in lines if _EXPLICIT.match(line)]
    for line in explicit + [line for line in lines if line not in explicit]:
        asks = line in explicit
        line = _OPENER.sub("", line)
        action = re.match(r"^action(?:\s+items?)?\s*(?:for\s+\S+\s*)?:\s*(?:to\s+)?", line, re.I)
        if action is not None:  # "Action for Rutendo: reconcile the October invoices"
            found = _from_vp(
                _to_helper(line[action.end() :]), "base", " ".join(description.split())
            )
            if found is not None:
                return found
        said = re.match(
            r"^(?:(?:he|she|they)\s+|(?:he|she|they)(?=['’]ll)|(?!I\b)[A-Z][\w'-]*\s+)?"
            r"(?:will|['’]ll|agreed to|offered to|promised to"
            r"|is going to|said (?:she|he|they)(?:'d| would))\s+(?!be\b)",
            line,
        )  # not "Recording will be posted": a statement
        if said is not None:  # "Frank will send the Q4 numbers by Nov 29": what was agreed
            found = _from_vp(_to_helper(line[said.end() :]), "base", " ".join(description.split()))
            if found is not None:
                return found
        can = re.match(r"^(?:can|could|would|will)\s+(?:she|he|they)\s+(?:please\s+)?", line, re.I)
        if can is not None:  # "can he fill in sections 4-6 of the form?"
            found = _from_vp(_to_helper(line[can.end() :]), "base", " ".join(description.split()))
            if found is not None:
                return found
        m = re.match(r"^(?:ask|asked)\b[\s:]*(?:(?:him|her|them)\b\s*)?(?:to\s+)?", line, re.I)
        if m is not None:
            rest = _to_helper(line[m.end() :])
            rest = re.sub(
                r"^(?:roughly|exactly|approximately|briefly)\s+(?=(?:how|what)\b)", "", rest
            )
            wh = re.match(r"^(?:what|which|who|where|when|how|why)\b", rest, re.I)
            if wh is not None:  # "ask which plumber she used": which plumber you used
                return _info(_said_to_you(_trim(rest)), " ".join(description.split()))
            intro = re.match(r"^for\s+(?:an?\s+)?(?:intro|introduction)\s+to\s+", rest, re.I)
            if intro is not None:
                base = "introduce me to " + _trim(rest[intro.end() :])
                return AskPhrase(
                    "intro",
                    base,
                    ing(base),
                    _topic_for("intro", base, ing(base)),
                    " ".join(description.split()),
                )
            if re.match(r"^(?:for|about)\s+", rest, re.I):
                # "Ask about a referral for the PM opening", "ask for the final count"
                what = rest.split(None, 1)[1] if len(rest.split()) > 1 else ""
                found = _asked_for(what, " ".join(description.split()))
                if found is not None and (rest[:3].lower() == "for" or found.kind == "intro"):
                    return found
                thing = _with_article(_trim(what))
                if thing:  # "ask about the Denver role": telling me about it
                    base = f"tell me about {thing}"
                    return AskPhrase("info", base, ing(base), thing, " ".join(description.split()))
            m2 = re.match(
                r"^(?:whether|if)\s+(?:she|he|they)(?:'d|'ll| would| could| can| will)?\s+(be\s+)?",
                rest,
                re.I,
            )
            knows = re.match(r"^(?:whether|if)\s+(?:she|he|they)\s+(\w+s)\b\s*(.*)$", rest, re.I)
            if knows is not None and _base_of(knows.group(1)) != knows.group(1).lower():
                # "Ask Hana if she knows anyone hiring": whether you know anyone hiring
                clause = f"whether you {_base_of(knows.group(1))} {_trim(knows.group(2))}".strip()
                return AskPhrase(
                    "info",
                    "let me know " + clause,
                    "letting me know " + clause,
                    _info_topic(clause),
                    " ".join(description.split()),
                )
            if m2 is not None and m2.group(1) is None:
                found = _from_vp(
                    _to_helper(rest[m2.end() :]), "base", " ".join(description.split())
                )
                if found is not None:  # "ask if she can cover the visit": covering the visit
                    return found
            if m2 is not None:
                vp = "be " + _trim(rest[m2.end() :])
                return AskPhrase(
                    "action",
                    vp,
                    ing(vp),
                    _with_article(_trim(rest[m2.end() :])),
                    " ".join(description.split()),
                )
            found = _from_vp(rest, "base", " ".join(description.split()))
            if found is not None:
                return found
        if not asks and not _to_reader(line, bare=bare):
            continue
        found = decide_phrase(line)
        if found.base and (found.kind != "info" or "?" in line or _LET_KNOW.search(line)):
            return AskPhrase(
                found.kind, found.base, found.gerund, found.topic, " ".join(description.split())
            )
    return None


# a description's parts: lines, sentences (not after a number: "1. Carrier SLA misses"),
# the parts a dash, a rule, a semicolon or a bullet sets apart
_PARTS: Final = re.compile(
    r"\n+|(?<=[^\d\s][.!?])\s+|\s+(?:[–—]|-{2,}|_{3,}|─{3,})\s*|;\s+|(?:^|\s)[-•*]\s+"
)
_JOIN_BLOCK: Final = re.compile(
    r"\b(?:join (?:zoom|with google|by phone|on your|the meeting|on the web|microsoft)"
    r"|microsoft teams|meeting id|passcode|pin:|dial[- ]in|one tap mobile|click here"
    r"|download teams|meeting options|learn more)\b|https?://|\w\.(?:com|org|net|us)/",
    re.IGNORECASE,
)
_AGENDA: Final = re.compile(r"^(?:agenda|topics|notes|minutes)\b\s*:?", re.IGNORECASE)
_OPENER: Final = re.compile(
    r"^(?:(?:note to self|nb|n\.b\.|also|then|and|todo|to do|reminder)\b\s*[:,]?\s*)+", re.I
)
_EXPLICIT: Final = re.compile(
    rf"{_OPENER.pattern[1:]}?(?:ask|asked)\b|^action(?:\s+items?)?\b"
    r"|^(?:\S+ )?(?:will|agreed to|offered to|promised to)\b(?! be\b)"
    r"|^(?:he|she|they)['’]ll\b",
    re.I,
)
# what the user does for a meeting themselves: "Bring the one-pager", "Catch up on X"
_OWN_ERRANDS: Final = _set(
    "bring remember catch prep prepare print book take call dial join park arrive wear note "
    "thank congratulate mention discuss read reread grab buy target use check confirm "
    "remind follow lunch dinner coffee breakfast drinks meet"
)


def _description_lines(description: str, names: Iterable[str]) -> list[str]:
    """The parts of a description that could ask, each without the helper's names and with
    its shorthand said in words: no agenda, no join block."""
    out = []
    for raw in _PARTS.split(description):
        line = " ".join(raw.split()).strip(" _")
        if not line or _AGENDA.match(line) or _JOIN_BLOCK.search(line):
            continue
        line = re.sub(r"\s*\([^()]*\)", "", line) or line  # "(too noisy)": an aside
        line = expand_shorthand(_strip_names(line, names).strip())
        if line:
            out.append(line)
    return out


def _to_reader(line: str, *, bare: bool) -> bool:
    """Whether a description's line asks its reader: it speaks to them ("you", "please"),
    asks a question; or, when ``bare``, is an imperative that is no errand of the user's."""
    if re.match(r"^(?:i\s+)?(?:need|want|would like)\s+to\s+(?:know|find out|hear)\b", line, re.I):
        return True  # "Need to know whether the engineer answered RFI 112"
    if re.search(r"\b(?:you|your|yours|please)\b", line, re.I) or line.rstrip().endswith("?"):
        return not re.match(r"^(?:i|we)\b", line, re.I)  # "I'll bring you the deck"
    first = line.split()[0].lower() if line.split() else ""
    return bare and is_verb(first) and first not in _OWN_ERRANDS


def _asked_for(what: str, sentence: str) -> AskPhrase | None:
    """ "Ask Sam for the Q4 numbers" -> sending me the Q4 numbers; "for feedback on X" ->
    giving me feedback on X."""
    np = _trim(what)
    if not np:
        return None
    referral = re.match(r"^(?:an?\s+|the\s+)?referral\s+(for|to)\s+(\S.*)$", np, re.I)
    if referral is not None:  # "a referral for the PM opening": referring me for it
        base = f"refer me {referral.group(1).lower()} {referral.group(2)}"
        topic = f"the referral {referral.group(1).lower()} {referral.group(2)}"
        return AskPhrase("intro", base, ing(base), topic, sentence)
    if np.split()[0].lower() not in _DETS | {"my", "your", "our"} and np[:1].islower():
        np = _in_title(_with_article(np))  # "for final lunch count": the final lunch count
    base = (
        "give me " + re.sub(r"^(?:the|a|an)\s+", "", np)
        if re.match(r"^(?:the |an? )?(?:feedback|advice|input)\b", np, re.I)
        else "send me " + np
    )
    return AskPhrase("action", base, ing(base), _with_article(np), sentence)


def _said_to_you(clause: str) -> str:
    """A question about the helper asked of them: "which plumber she used" -> "which
    plumber you used", "whether he knows X" -> "whether you know X"."""
    words = clause.split()
    for i, w in enumerate(words):
        if w.lower() in ("she", "he", "they"):
            words[i] = "you"
            if i + 1 < len(words):
                nxt = words[i + 1].lower()
                be = {"is": "are", "was": "were", "has": "have", "does": "do"}
                if nxt in be:
                    words[i + 1] = be[nxt]
                elif nxt.endswith("s") and _base_of(nxt) != nxt and is_verb(_base_of(nxt)):
                    words[i + 1] = _base_of(nxt)
            break
    return _to_helper(" ".join(words))


def _to_helper(vp: str) -> str:
    """A note about the helper said to them: "send his notes" -> "send your notes",
    "introduce me to her manager" -> "introduce me to your manager" ("me" stays me)."""
    vp = re.sub(r"\b(?:his|their)\b(?=\s+\w)", "your", vp, flags=re.I)
    vp = re.sub(
        r"\bher\b(?=\s+(?!(?:the|a|an|to|and|about|that|know|up|in|on|a call)\b)\w)",
        "your",
        vp,
        flags=re.I,
    )
    return re.sub(r"\b(?:himself|herself|themselves)\b", "yourself", vp, flags=re.I)


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
    cleaned = clean_calendar_title(title, helper_names=names, tag=tag)
    from_description = _description_request(description, names) if description else None
    if from_description is not None:
        return _with_title_thing(from_description, title, cleaned, sentence)
    bare = _CAL_PREFIX.sub("", " ".join(re.sub(r"(?:^|\s)#\w+", " ", title).split()))
    ask_about = re.search(r"\bask(?:ed)?\s+(?:\w+\s+)?about\s+(.+)$", bare, re.I)
    if ask_about is not None:
        # "Dinner w/ Alex – ask about the Denver role": telling me about it
        thing = _with_article(_trim(_strip_names(ask_about.group(1), names).strip()))
        if thing:
            base = f"tell me about {thing}"
            return AskPhrase("info", base, ing(base), thing, sentence)
    about = re.search(r"\s(?:re:?|about|regarding|to discuss)\s+(.+)$", bare, re.I)
    if about is not None and _MEETING_TITLE.match(bare):
        # "Call with Ken re: pricing model": what the meeting is for is the ask
        thing = _in_title(_with_article(_trim(_strip_names(about.group(1), names).strip())))
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
    said_of = re.match(
        r"^(?:(?:if|whether)\s+(?:she|he|they)(?:'d|'ll|\s+can|\s+could|\s+would|\s+will)"
        r"|(?:can|could|would|will)\s+(?:she|he|they))\s+(?:please\s+)?(\S.+?)\??$",
        cleaned,
        re.I,
    )  # "can she present the results?", "ask Mo if he can pick up the kids"
    if said_of is not None and is_verb(said_of.group(1).split()[0]):
        # "Ask Eleni: can she present the pilot results?": the ask is presenting them
        found = _from_vp(_to_helper(said_of.group(1)), "base", sentence)
        if found is not None:
            return found
    wants = re.match(r"^ask(?:ed)?\s+for\s+(.+)$", cleaned, re.I)
    if wants is not None:  # "ask Mo for the final head count": sending me the head count
        found = _asked_for(wants.group(1), sentence)
        if found is not None:
            return found
    ok = re.match(
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
        and _verb_title(cleaned.rstrip("?! "))
        and cleaned.split()[0].lower() not in _AUXILIARIES
    ):
        cleaned = cleaned.rstrip("?! ")  # "drive the van for the food run?": the ask itself
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
    asked_to = re.search(r"\bask(?:ed)?\s+(?:[\w'-]+\s+){0,3}?to\s+([a-z][\w-]*)", title, re.I)
    cleaned = re.sub(
        r"^(?:\d+|half an?|an?)\s*(?:min|mins|minutes|hour|hours|hr|hrs)\s+(?:to|for)\s+",
        "",
        cleaned,
        flags=re.I,
    )  # "30 min to walk through the data model": the walk-through is the ask
    cleaned = re.sub(r"^walk(?:\s+me)?\s+through\b", "walk me through", cleaned, flags=re.I)
    cleaned = re.sub(
        r"^borrow\s+(?:her|his|their|your)\b", "lend me your", cleaned, flags=re.I
    )  # the helper lends what the user borrows
    ride = re.match(r"^(?:a\s+)?(ride|lift)\b\s*(.*)$", cleaned, re.I)
    if ride is not None:
        where = _trim(ride.group(2))
        base = f"give me a {ride.group(1).lower()} {where}".strip()
        return AskPhrase(
            "favour", base, ing(base), f"the {ride.group(1).lower()} {where}".strip(), sentence
        )
    if _verb_title(cleaned) or (
        asked_to is not None
        and is_verb(asked_to.group(1))
        and cleaned.lower().startswith(asked_to.group(1).lower())
    ):  # "Ask Viktor to cover standups": what follows "to" is a verb phrase
        words = _trim(cleaned).split()
        base = _in_title(" ".join([words[0].lower(), *_articled_object(words[1:])]))
        base = re.sub(
            r"^(\S+(?: \S+)?) (?:his|her|their)\b(?= \w)",
            lambda m: f"{m.group(1)} your",
            base,
        )  # "walk her dog": the helper's dog, said to them
        kind = _kind_of_vp(base, "base")
        if (
            _MEETING_WORDS.search(base)
            and kind == "action"
            and base.split()[0] in ("walk", "run", "pair", "brainstorm", "speak", "present")
        ):
            kind = "meeting"
        gerund = ing(base)
        return AskPhrase(kind, base, gerund, _topic_for(kind, base, gerund), sentence)
    m = re.match(r"^help\s+(\w+ing)\b\s*(.*)$", cleaned, re.I)
    if m is not None:
        base = f"help me {_base_of(m.group(1))} {_trim(m.group(2))}".strip()
        return AskPhrase("favour", base, ing(base), "your help", sentence)
    tail = re.match(r"^(.+?)\s+(sign[- ]?off|approval|review)$", cleaned, re.I)
    if tail is not None and len(tail.group(1).split()) <= 3:
        thing = _with_article(tail.group(1))
        verb = {"review": "review", "approval": "approve"}.get(tail.group(2).lower(), "sign off on")
        kind = "action" if verb == "review" else "approval"
        base = f"{verb} {thing}"
        return AskPhrase(kind, base, ing(base), thing, sentence)
    for pattern, kind, verb in _NOUN_VERB:
        hit = re.search(pattern, cleaned, re.I)
        if hit is None:
            continue
        if kind == "intro":
            target = _to_helper(_with_article(cleaned[hit.end() :].strip()))  # "her officer"
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
            joins = re.search(r"\b(?:panel|talk)\b", np) is not None
            base = f"join {np}" if joins else f"do {np} with me"
            return AskPhrase(kind, base, ing(base), np, sentence)
        if verb == "give me":
            base = f"give me {_in_title(cleaned)}"
            return AskPhrase(kind, base, ing(base), _in_title(_with_article(cleaned)), sentence)
        if verb == "help me with":
            return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)
        said = np
        head = re.split(r"\s+(?:for|of|on|to|from|with|in|at|about)\s+", np)[0].split()[-1]
        if verb == "send me" and np.startswith("the ") and not head.endswith("s"):
            # "Estimate for SSO work": sending me an estimate (the one sent is "the estimate")
            said = ("an " if np[4:5].lower() in "aeiou" else "a ") + np[4:]
        base = f"{verb} {said}"
        return AskPhrase(kind, base, ing(base), np, sentence)
    np = _in_title(_with_article(cleaned))
    kind = "meeting" if _MEETING_WORDS.search(cleaned) else "action"
    return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)


_AUXILIARIES: Final = _set(
    "can could will would should shall may might must do does did is are was were has have had"
)


def _with_title_thing(found: AskPhrase, title: str, cleaned: str, sentence: str) -> AskPhrase:
    """A request in the description said with the thing its title names when the request
    names none ("Sync re: usability sessions" + "ask him to moderate": moderating the
    usability sessions)."""
    words = found.base.split()
    if len(words) == 1 and is_verb(words[0]) and found.kind in ("action", "favour"):
        about = re.search(r"\s(?:re:?|about|regarding|to discuss|on)\s+(.+)$", title, re.I)
        thing = clean_calendar_title(about.group(1)) if about is not None else ""
        if not thing and cleaned and not _MEETING_TITLE.match(cleaned):
            thing = cleaned
        if thing and not _verb_title(thing):
            base = f"{words[0]} {_in_title(_with_article(_lower_first(thing)))}"
            return AskPhrase(found.kind, base, ing(base), _with_article(thing), sentence)
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
