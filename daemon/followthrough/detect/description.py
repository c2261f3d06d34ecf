"""A tagged calendar entry's description read for the request it holds: "Ask Sam to send
the plan", "Kwame – would you be the second reviewer?", "Action for Ro: pull the audit",
"Frank will send the numbers". An agenda, a join block (Zoom, Teams, Meet), a note to self
("Bring the one-pager") or a plain statement ("Script v2 is in the shared drive") asks
nothing; a bare imperative counts only under a title that is a meeting's name.
``followthrough.detect.calendar`` says the entry back with it.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.article import _in_title
from followthrough.detect.forms import _trim
from followthrough.detect.question import _info, _info_topic
from followthrough.detect.sentence import _LET_KNOW, _from_vp, decide_phrase
from followthrough.detect.shorthand import expand_shorthand
from followthrough.detect.title import _strip_names
from followthrough.detect.topic import _topic_for, _with_article
from followthrough.detect.words import _DETS, _base_of, _lemmas, _set, ing, is_verb
from followthrough.model import AskPhrase


def _description_request(
    description: str, names: Iterable[str], *, bare: bool = False
) -> AskPhrase | None:
    """A request written in the entry's description (see ``_request_in``); an introduction
    that names no one is to the person the description says the helper knows ("She knows
    the curator at the museum — ask if she'd introduce me")."""
    found = _request_in(description, names, bare=bare)
    if found is None or found.kind != "intro" or found.base not in _BARE_INTROS:
        return found
    known = rx.search(
        r"\b(?:knows|has worked with|worked with|is friends with)\s+"
        r"((?:the|an?|his|her|their)\s+[^.,;:!?—–-]+)",
        description,
    )
    if known is None:
        return found
    who = _to_helper(" ".join(known.group(1).split()))
    verb = found.base.removesuffix(" me").strip()
    joint = "to" if verb == "introduce" else "with"
    base = f"{found.base} {joint} {who}"
    topic = f"the introduction to {who}"
    if len(topic.split()) > 10:  # a long one: the person, said whole, is what it was about
        topic = who
    return AskPhrase("intro", base, ing(base), topic, found.sentence)


# introductions said with no one to be introduced to
_BARE_INTROS: Final = frozenset(["introduce me", "connect me", "put me in touch"])


def _request_in(description: str, names: Iterable[str], *, bare: bool = False) -> AskPhrase | None:
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
        action = rx.match(r"^action(?:\s+items?)?\s*(?:for\s+\S+\s*)?:\s*(?:to\s+)?", line, re.I)
        if action is not None:  # "Action for Rutendo: reconcile the October invoices"
            found = _from_vp(
                _to_helper(line[action.end() :]), "base", " ".join(description.split())
            )
            if found is not None:
                return found
        said = rx.match(
            r"^(?:(?i:he|she|they)\s+|(?i:he|she|they)(?=['’]ll)|(?!I\b)[A-Z][\w'-]*\s+)?"
            r"(?:will|['’]ll|agreed to|offered to|promised to"
            r"|is going to|said (?:she|he|they)(?:'d| would))\s+(?!be\b)"
            # what the helper must do, their name taken out: "(Mina) needs to approve X"
            r"|^(?:(?i:he|she)\s+)?(?i:needs|has)\s+to\s+(?!be\b)",
            line,
        )  # not "Recording will be posted": a statement
        if said is not None:  # "Frank will send the Q4 numbers by Nov 29": what was agreed
            found = _from_vp(_to_helper(line[said.end() :]), "base", " ".join(description.split()))
            if found is not None:
                return found
        can = rx.match(r"^(?:can|could|would|will)\s+(?:she|he|they)\s+(?:please\s+)?", line, re.I)
        if can is not None:  # "can he fill in sections 4-6 of the form?"
            found = _from_vp(_to_helper(line[can.end() :]), "base", " ".join(description.split()))
            if found is not None:
                return found
        m = rx.match(r"^(?:ask|asked)\b[\s:]*(?:(?:him|her|them)\b\s*)?(?:to\s+)?", line, re.I)
        if m is not None:
            rest = _to_helper(line[m.end() :])
            if rest.split() and is_verb(rest.split()[0].lower()):
                rest = rx.sub(r"\s+(?:once|as soon as)\s+\S.*$", "", rest)  # when, not what
            rest = rx.sub(
                r"^(?:roughly|exactly|approximately|briefly)\s+(?=(?:how|what)\b)", "", rest
            )
            wh = rx.match(r"^(?:what|which|who|where|when|how|why)\b", rest, re.I)
            if wh is not None:  # "ask which plumber she used": which plumber you used
                return _info(_said_to_you(_trim(rest)), " ".join(description.split()))
            intro = rx.match(r"^for\s+(?:an?\s+)?(?:intro|introduction)\s+to\s+", rest, re.I)
            if intro is not None:
                base = "introduce me to " + _trim(rest[intro.end() :])
                return AskPhrase(
                    "intro",
                    base,
                    ing(base),
                    _topic_for("intro", base, ing(base)),
                    " ".join(description.split()),
                )
            if rx.match(r"^(?:for|about)\s+", rest, re.I):
                # "Ask about a referral for the PM opening", "ask for the final count"
                what = rest.split(None, 1)[1] if len(rest.split()) > 1 else ""
                found = _asked_for(what, " ".join(description.split()))
                if found is not None and (rest[:3].lower() == "for" or found.kind == "intro"):
                    return found
                thing = _with_article(_trim(what))
                if thing:  # "ask about the Denver role": telling me about it
                    base = f"tell me about {thing}"
                    return AskPhrase("info", base, ing(base), thing, " ".join(description.split()))
            other = rx.match(r"^(?:whether|if)\s+(?!(?:she|he|they|you)\b)(\S.*)$", rest, re.I)
            if other is not None:  # "ask Ola whether the Q3 budget is final"
                whether = "whether " + _trim(other.group(1)).rstrip("?. ")
                return _info(whether, " ".join(description.split()))
            m2 = rx.match(
                r"^(?:whether|if)\s+(?:she|he|they)(?:'d|'ll| would| could| can| will)?\s+(be\s+)?",
                rest,
                re.I,
            )
            knows = rx.match(r"^(?:whether|if)\s+(?:she|he|they)\s+(\w+s)\b\s*(.*)$", rest, re.I)
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
                found = _referral(
                    _from_vp(_to_helper(rest[m2.end() :]), "base", " ".join(description.split()))
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
_RIDE: Final = re.compile(r"^(?:an?\s+|the\s+)?(ride|lift)\b\s*(.*)$", re.IGNORECASE)
_OPENER: Final = re.compile(
    r"^(?:(?:note to self|nb|n\.b\.|also|then|and|todo|to do|reminder|remember to|don't forget"
    r" to)\b\s*[:,]?\s*)+",
    re.I,
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
        if _AGENDA.match(line):  # an agenda asks nothing, but "… ask Ro to pull X" in it does
            asked = rx.search(r"\b(?:ask|action(?:\s+items?)?)\b.*$", line, re.I)
            line = asked.group(0) if asked is not None else ""
        if not line or _JOIN_BLOCK.search(line):
            continue
        line = rx.sub(r"\s*\([^()]*\)", "", line) or line  # "(too noisy)": an aside
        # "She'll play the panel, I do the pitch": a new clause after a comma ends the ask
        line = rx.split(r",\s+(?=(?:I|we|you|he|she|they)\s+\w)", line)[0]
        # "cover the Year 3 changes, 15 min + questions": how long, not what
        line = rx.sub(
            r",\s+(?:~?\d+|an?|half an?)\s*(?:min|mins|minutes|hours?|hrs?)\b.*$", "", line
        )
        line = _addressed(line, names)
        line = expand_shorthand(_strip_names(line, names).strip())
        if line:
            out.append(line)
    return out


def _addressed(line: str, names: Iterable[str]) -> str:
    """A line that starts with the helper's name and a colon ("Mbali: backfill the March
    events", an agenda's action item) said as the ask it is ("ask to backfill …")."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if not rx.may_hold(line, name):
            continue
        m = rx.match(rf"^@?{re.escape(name)}\s*:\s+(?:please\s+|pls\s+)?(\S.*)$", line, re.I)
        words = m.group(1).split() if m is not None else []
        if m is not None and (
            is_verb(words[0].lower())
            or (  # "backfill the March events": a verb the dictionary lacks, before its object
                words[0].islower()
                and not _lemmas(words[0])
                and len(words) > 1
                and words[1].lower() in _DETS
            )
        ):
            return f"ask to {m.group(1)}"
    return line


def _to_reader(line: str, *, bare: bool) -> bool:
    """Whether a description's line asks its reader: it speaks to them ("you", "please"),
    asks a question; or, when ``bare``, is an imperative that is no errand of the user's."""
    if rx.match(r"^(?:i\s+)?(?:need|want|would like)\s+to\s+(?:know|find out|hear)\b", line, re.I):
        return True  # "Need to know whether the engineer answered RFI 112"
    if rx.search(r"\b(?:you|your|yours|please)\b", line, re.I) or line.rstrip().endswith("?"):
        return not rx.match(r"^(?:i|we)\b", line, re.I)  # "I'll bring you the deck"
    first = line.split()[0].lower() if line.split() else ""
    return bare and is_verb(first) and first not in _OWN_ERRANDS


def _asked_for(what: str, sentence: str) -> AskPhrase | None:
    """ "Ask Sam for the Q4 numbers" -> sending me the Q4 numbers; "for feedback on X" ->
    giving me feedback on X."""
    np = _trim(what)
    if not np:
        return None
    ride = _RIDE.match(np)
    if ride is not None:  # "ask Nina for a ride to the airport": giving me a ride there
        base = f"give me a {ride.group(1).lower()} {ride.group(2)}".strip()
        return AskPhrase(
            "favour",
            base,
            ing(base),
            f"the {ride.group(1).lower()} {ride.group(2)}".strip(),
            sentence,
        )
    referral = rx.match(r"^(?:an?\s+|the\s+)?referral\s+(for|to)\s+(\S.*)$", np, re.I)
    if referral is not None:  # "a referral for the PM opening": referring me for it
        base = f"refer me {referral.group(1).lower()} {referral.group(2)}"
        topic = f"the referral {referral.group(1).lower()} {referral.group(2)}"
        return AskPhrase("intro", base, ing(base), topic, sentence)
    words = np.split()
    acronym = rx.fullmatch(r"[A-Z][A-Z0-9]{1,5}", words[0]) is not None and (
        len(words) > 1 and words[1][:1].islower()
    )  # "API keys": the API keys
    if words[0].lower() not in _DETS | {"my", "your", "our"} and (np[:1].islower() or acronym):
        np = _in_title(_with_article(np))  # "for final lunch count": the final lunch count
    base = (
        "give me " + rx.sub(r"^(?:the|a|an)\s+", "", np)
        if rx.match(r"^(?:the |an? )?(?:feedback|advice|input)\b", np, re.I)
        else "send me " + np
    )
    head = rx.split(r"\s+(?:on|of|for|to|at|in|with)\s+", np)[0].split()[-1].lower()
    if head in _ACTS and np.split()[0].lower() in ("a", "an", "the"):
        base = "do " + np  # "for a design QA pass on the checkout flow": doing one
    return AskPhrase("action", base, ing(base), _with_article(np), sentence)


# things asked for that are work done, not things sent ("a QA pass", "a security review")
_ACTS: Final = _set("pass review audit check run-through read-through walkthrough walk-through")


def _referral(found: AskPhrase | None) -> AskPhrase | None:
    """ "refer me for the analyst role": its topic is the referral ("the referral for the
    analyst role"), not the doing."""
    m = rx.match(r"^refer me (for|to) (\S.*)$", found.base) if found is not None else None
    if found is None or m is None:
        return found
    topic = f"the referral {m.group(1)} {m.group(2)}"
    return AskPhrase(found.kind, found.base, found.gerund, topic, found.sentence)


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
    vp = rx.sub(r"\b(?:his|their)\b(?=\s+\w)", "your", vp, flags=re.I)
    vp = rx.sub(
        r"\bher\b(?=\s+(?!(?:the|a|an|to|and|about|that|know|up|in|on|a call)\b)\w)",
        "your",
        vp,
        flags=re.I,
    )
    return rx.sub(r"\b(?:himself|herself|themselves)\b", "yourself", vp, flags=re.I)
