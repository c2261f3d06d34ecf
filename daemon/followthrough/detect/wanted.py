"""Asks said as what the writer wants, needs or thanks for in advance, not in a request
frame: "Any help on this would be appreciated", "I'd appreciate your review of X", "I need
your signed form", "May I get the invoices", "If your kids can come, let me know", "if
anyone has a better way, please share". Used by ``followthrough.detect.sentence``.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.forms import _trim
from followthrough.detect.kind import kind_of_vp
from followthrough.detect.question import _info
from followthrough.detect.sharing import shared_ask
from followthrough.detect.topic import _topic_for, _with_article
from followthrough.detect.words import _AUX, _SUBORDINATORS, _base_of, _set, ing, is_verb
from followthrough.model import AskPhrase

_kind_of_vp: Final = kind_of_vp

# "your review of X" asks the helper to review X: the noun said as its verb
_NOUN_ASK: Final = {
    "review": "review",
    "help": "help me with",
    "feedback": "give me your feedback on",
    "input": "give me your input on",
    "thoughts": "give me your thoughts on",
    "comments": "give me your comments on",
    "advice": "give me your advice on",
    "signature": "sign",
    "approval": "approve",
}
_HELP_NOUNS: Final = _set("help advice input feedback thoughts comments")


def _appreciated(s: str, sentence: str) -> AskPhrase | None:
    """Asks said as thanks in advance: "Any help on this would be appreciated" -> "helping
    me with this"; "Any help you can give Kevin would be much appreciated" -> "helping
    Kevin"; "I'd appreciate your review of Section 4" -> "reviewing Section 4"."""
    m = rx.match(
        r"^(?:any|your|some)(?: (?!(?:help|would|is|will)\b)[a-z][\w-]*){0,2}? ((?:help|advice"
        r"|input|feedback|thoughts|comments|info|information|examples|details?|hints|tips"
        r"|pointers|suggestions|ideas)(?:/\w+)?)(?: (?:you can|you could|you might) (?:give"
        r"|offer|provide) ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?|me|us))?"
        r"(?: (on|with|about|of|for) (.{1,80}?))?,? (?:would be |is |will be )?(?:much |greatly "
        r"|really |very much |most )?(?:appreciated|welcome)(?:\W*$|[\s,]+(?:as|since|because)\b"
        r"|\s*[,;.!]+\s+\S)",  # "…, maybe I'm missing something": another clause after it
        s,
        re.I,
    )
    if m is not None:
        noun, who, prep, what = m.group(1).lower(), m.group(2), m.group(3), m.group(4)
        if (
            noun.split("/")[0] not in _HELP_NOUNS
        ):  # "any info would be appreciated": sharing any info
            said = s[: m.end(1)].lower()  # "some more detail", as written
            if what and (prep or "").lower() not in ("of", "for"):
                prep = "on"  # "with X", "about X": said as hints "on" X
            asked = f"{said} {prep.lower()} {what}" if what and prep else said
            shared = shared_ask(asked, sentence)
            if shared is not None:  # "Any last gasp ideas would be welcome"
                return shared
            base = f"share {asked}"
            topic = _with_article(what) if what else rx.sub(r"^(?:any|some)\s+", "", said)
            return AskPhrase("info", base, ing(base), topic, sentence)
        noun = noun.split("/")[0]  # "any help/examples": help
        if what and prep.lower() not in ("on", "with", "about"):
            return None  # "any help for X": not said as help with X
        if noun == "help":
            if who and who.lower() not in ("me", "us"):
                base = f"help {who}" + (f" with {what}" if what else "")
            else:
                base = f"help me with {what or 'this'}"
        else:
            base = f"give me your {noun} on {what or 'this'}"
        topic = _with_article(what) if what and what.lower() not in ("this", "it") else "this"
        if who and who.lower() not in ("me", "us"):
            topic = ing(base)
        return AskPhrase(_kind_of_vp(base, "base"), base, ing(base), topic, sentence)
    m = rx.match(
        r"^(?:i|we)(?: would|'d)? (?:really |greatly |very much |truly )?appreciate"
        r" (?:any|your) help(?: (?:you|you all|anyone) (?:can|could|might)"
        r" (?:give|offer|provide) (?:me|us))?\W*$",
        s,
        re.I,
    )
    if m is not None:  # "I would appreciate any help you all can give me"
        base = "help me with this"
        return AskPhrase(_kind_of_vp(base, "base"), base, ing(base), "this", sentence)
    m = rx.match(
        r"^(?:i|we)(?: would|'d)? (?:really |greatly |very much |truly )?appreciate (?:your|any)"
        r" (review|help|feedback|input|thoughts|comments|advice|signature|approval)"
        r" (?:of|on|with|for|in) (.+)$",
        s,
        re.I,
    )
    if m is not None:
        what = _trim(rx.sub(r",\s*(?:given|since|as|because)\b.*$", "", m.group(2)))
        what = rx.sub(r"\s+in particular$", "", what)
        doing = what.split()[0].lower() if what else ""
        if doing.endswith("ing") and m.group(1).lower() == "help" and is_verb(_base_of(doing)):
            base = f"help me {_base_of(doing)} {' '.join(what.split()[1:])}".strip()
            # "your help in resolving this issue": helping me resolve this issue
            topic = _topic_for("action", base, ing(base))
            return AskPhrase(_kind_of_vp(base, "base"), base, ing(base), topic, sentence)
        if what:
            base = f"{_NOUN_ASK[m.group(1).lower()]} {what}"
            gerund = ing(base)
            return AskPhrase(
                _kind_of_vp(base, "base"),
                base,
                gerund,
                _topic_for("action", base, gerund),
                sentence,
            )
    return None


def _asked_leave(vp: str, sentence: str) -> AskPhrase | None:
    """ "May I get a copy of the invoices" asks for a thing: sending me the invoices.
    "Can I extend the deadline." (no question mark) asks leave: letting me extend it. With a
    question mark the question reader says it ("letting me know whether I can …")."""
    vp = rx.sub(r"^(?:please|pls|also|just|still)\s+", "", vp.strip(), flags=re.I)
    thing = rx.match(
        r"^(?:get|have|receive|obtain|grab)\s+(?!to\b|a (?:call|word)\b)(.+)$", vp, re.I
    )
    if thing is not None:
        np = _trim(thing.group(1))
        if np and np.split()[0].lower() not in _SUBORDINATORS:
            base = "send me " + np
            return AskPhrase(
                "action", base, ing(base), _topic_for("action", base, ing(base)), sentence
            )
    if "?" in sentence:
        return None  # "can I use your slides?": a question for permission, read as one
    vp = _trim(vp)
    words = vp.split()
    if not words or not is_verb(words[0]) or words[0].lower() in _AUX:
        return None
    base = "let me " + vp
    return AskPhrase("approval", base, ing(base), ing(vp), sentence)


def _conditional_ask(original: str) -> AskPhrase | None:
    """ "If your kids can come, let me know" -> whether your kids can come; "if someone has a
    better way, let me know" -> a better way; "if you have any questions, let me know" offers,
    and is none."""
    cond = rx.search(
        r"(?:^|[,;]\s*|\b(?:and|also|so)\s+)if\s+([^,]{3,200}?),\s*(?:please\s+|pls\s+|just\s+)?"
        r"(?:let (?:me|us) know|tell me|share(?: it)?)"
        r"(?:\W*$|,? (?:as|because|cos|coz|since)\b.*$)",  # "… cos I'd like to use Linux more"
        original,
        re.IGNORECASE,
    )
    known = cond and rx.match(
        r"^(?:someone|anyone|somebody|anybody|any of you|you) (?:has|have|knows?(?: of)?) "
        r"((?:a|an|some|any)\s+(?!(?:question|problem|concern|comment|issue)s?\b).+)$",
        cond.group(1),
        re.I,
    )
    shared = known and shared_ask(known.group(1), original)
    if shared:  # "If anybody has any ideas, please let me know": sharing any ideas
        return shared
    if known and not known.group(1).lower().startswith("any "):
        # "If someone has a better way to do this, let me know": a better way to do it
        np = _trim(known.group(1))
        verb = "share" if rx.search(r"\bshare(?: it)?\W*$", original, re.I) else "let me know"
        return AskPhrase("info", f"{verb} {np}", ing(f"{verb} {np}"), np, original)
    if (
        cond is not None
        and not rx.match(r"(?:you|u) (?:have|need|want)\b", cond.group(1), re.I)
        and not rx.search(r"\bshare(?: it)?\W*$", original, re.I)
    ):
        # "If your kids can come, let me know." -> "let me know whether your kids can come";
        # a negated condition stays one: "if this is not feasible" (not "whether … not")
        clause = "whether " + cond.group(1)
        found = _info(clause, original)
        if rx.search(r"\b(?:not|never)\b|n't\b", cond.group(1), re.I) is not None:
            said = "if " + cond.group(1)  # the topic still says "whether …" after "on"
            return AskPhrase(
                "info", "let me know " + said, "letting me know " + said, found.topic, original
            )
        return found
    return None


def _needed(s: str, original: str) -> AskPhrase | None:
    """ "I need your re-submission of the plan" -> sending me it; "I would like more detail
    on X" -> giving me more detail on X; "I need to get the report signed" -> getting the
    report signed; "I'd like to get access to the wiki" -> getting me access to it."""
    done = rx.match(
        r"^(?:i|we) (?:really |still |just |also )?(?:need|want|would like|'d like) to get "
        r"((?:the|a|an|this|that|these|those|my|our|some) .+)$",
        s,
        re.I,
    )
    words = done.group(1).split() if done is not None else []
    # "I need to get a new product created": the reader is to get it done
    k = next((k for k, w in enumerate(words[:8]) if k > 0 and _participle(w.strip(".,!?"))), 0)
    if k:
        base = _trim("get " + " ".join(words))
        gerund = ing(base)
        return AskPhrase("action", base, gerund, _topic_for("action", base, gerund), original)
    got = rx.match(
        r"^(?:i|we) (?:really |still |just |also )?(?:need|want|would like|'d like) to get "
        r"(access|a copy|copies|a login|an account|a key|permission)\b(.*)$",
        s,
        re.I,
    )
    if got is not None:  # "I would like to get access to the shared drive": give it to me
        base = _trim(f"get me {got.group(1)}{got.group(2)}")
        gerund = ing(base)
        return AskPhrase("action", base, gerund, _topic_for("action", base, gerund), original)
    need = rx.match(
        r"^(?:i|we) (?:really |still |just )?(?:need|want|would like|'d like|require) "
        r"((?:your|the|a|an|some|any|more|copies of|a copy of|\d+|two|three|four|five|six)"
        r" (?!(?:help|time|input|advice|thoughts|feedback|opinion|approval|ok|okay|go-ahead"
        r"|permission|quick|look|read|word|chat|call)\b).+)$",
        s,
        re.I,
    )
    if need is not None:  # "I need your re-submission of the plan asap": send it to me
        np = _trim(need.group(1))
        if np and not rx.search(r"\b(?:to|you)$", np):
            told = rx.match(
                r"^(?:your |some |any |more |further )*(?:details?|info|information|views?|take)\b",
                np,
            )
            base = ("give me " if told else "send me ") + np  # detail is given, a file sent
            gerund = ing(base)
            return AskPhrase("action", base, gerund, _topic_for("action", base, gerund), original)
    return None


def _participle(word: str) -> bool:
    """Whether a word is a verb's past participle ("created", "signed", "done", "set")."""
    low = word.lower()
    return is_verb(_base_of(low)) and low != _base_of(low) and low.endswith(("ed", "en", "ne"))
