"""The words a follow-up does not repeat, found in a verb phrase: adjuncts ("so I can …",
"when you get a chance", "prior to the meeting"), days and times ("by Friday", "for Friday
or Monday", "20-23 Dec"), phone numbers; and "send to me the X" said "send me the X".
``followthrough.detect.forms`` trims a verb phrase with them.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.words import _OBJ_PRONOUNS, _ON_VERBS, _set

# Where an adjunct starts that a follow-up does not repeat ("so I can…", "when you can").
_ADJUNCT: Final = re.compile(
    r"(?<=\S)\s*(?:,\s*)?\b(?:so that|so (?:i|we|you|that)|in order to|because|since|as i "
    r"|as we |as soon as possible|asap|if possible|if available|if you can|if you could"
    r"|when\b|whenever\b|at your (?:earliest )?convenience|once you"
    r"|before\b(?=\s+\S)|prior to\b"
    r"|thanks|thank you|if not|or not\b|pls|please|including"
    r"|(?<!\bget )(?<!\bgetting )(?<!\bgot )together with"
    r"|(?:and|or|&) (?:then )?(?:i|we)(?:'ll| will| shall| can| could| would| need| want| have to)"
    r"|(?:and|or|&) (?:then )?(?:it|they|he|she)(?:'ll| will| can| could| would| should| be"
    r"| is| are| gets?| goes)\b"  # "update POP and it be back to normal": a clause of its own
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
    r"(?:,? \d{4})?|the \d{1,2}(?:st|nd|rd|th)"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:\s*[–-]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,? \d{4})?)\b(?!')"
    r"(?:\s*\([^)]*\))?"
)
# A time phrase: after "by/on/before…" anywhere, bare at the end, or a word that is
# never anything else ("today", "tonight", "asap"). A day before a noun goes too ("the
# Friday package" is this Friday's, wrong in a later mail); a day in a name stays ("the
# Super Saturday").
_TIME: Final = re.compile(
    r"\s*,?\s*\b(?:by|before|until|no later than|on|this|next|for|sometime|early|late|either)\s+"
    + _WHEN
    + r"(?:\s*,?\s*(?:or|and|&|/)\s*(?:on\s+)?"  # "for Friday or Monday": both go
    + _WHEN
    + r")*"
    + r"|\s*,?\s*\b"
    + _WHEN
    + r"(?=\s+(?:to|and|so|at|in|or|with|for|about|re|while|when|during)\b|\s*[,.?!]|\s*$)"
    + r"|\s*,?\s*\b(?:today|tonight|yesterday|last (?:week|night|month)|earlier today"
    + r"|tomorrow(?: (?:morning|afternoon|evening|night))?|asap"
    + r"|(?:(?:during|over|within)\s+)?(?:a couple(?: of)? days )?(?:next|this|the)"
    + r" (?:week|month|weekend)"
    + r"|(?:this|tomorrow) (?:morning|afternoon|evening)|later today|right now"
    + r"|(?:one|some) (?:night|day|evening|morning|afternoon)(?= (?:this|next) (?:week|month)\b))"
    + r"\b(?!')"
    + r"|\s*,?\s*\bin (?:early |late |mid-?)?(?:january|february|march|april|may|june|july"
    + r"|august|september|october|november|december)\b",
    re.IGNORECASE,
)
# "send to me the file": said "send me the file" (verbs of giving only; not "explain to
# me the process")
_DATIVE: Final = re.compile(
    r"\b(send|email|e-mail|fax|mail|forward|give|hand|pass|bring|show|lend|ship|courier"
    r"|overnight)((?:\s+(?:or|and)\s+[a-z-]+)?)\s+to\s+(me|us)\s+"
    r"(?=(?:the|a|an|your|his|her|their|our|my|this|these|those|that|any|some|all)\b)",
    re.IGNORECASE,
)
_WEEKDAY: Final = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)", re.I)
_PHONE: Final = re.compile(r"\s*(?:\bat\s+|\bon\s+)?\(?\+?\d[\d\s().x-]{6,}\d", re.IGNORECASE)


def _end_prep(m: re.Match[str]) -> str:
    """A preposition at the end goes (its day or time went before it), unless a question
    strands it ("who it belongs to", "what server it is on") or it is the verb's particle
    ("switch the lights on")."""
    before = m.string[: m.start()].split()
    prep = m.group(0).strip().lower()
    if any(w.lower() in ("who", "what", "which", "where", "whom") for w in before[1:]):
        return m.group(0)
    if prep == "on" and before and before[0].lower() in _ON_VERBS:
        return m.group(0)
    return ""


# verbs and words after which "when …" is the thing asked ("let me know when you can",
# "find out when you're back"), not when to do it
_WHEN_ASKED: Final = _set(
    "know out ask decide tell sure check see wonder idea remember confirm advise clarify say "
    "show remind"
)


# "when you get a chance to discuss X": the time goes, the talk is what the call is for
_CHANCE_TO_TALK: Final = re.compile(
    r"^\s*,?\s*(?:when|whenever|once) you (?:get|have|find) (?:a |the |some )?(?:free )?"
    r"(?:chance|minute|moment|sec|second|time)s? (to (?:discuss|talk|go over|chat|catch up"
    r"|debrief|de-brief)\b.*)$",
    re.IGNORECASE,
)


# verbs whose "if …" is a question they take, not a condition ("see if you can", "find out
# if it works", "ask if she'd help")
_IF_ASKED: Final = _set("see check out ask know wonder determine confirm verify decide learn")


def _adjunct(m: re.Match[str]) -> str:
    """An adjunct a follow-up does not repeat goes ("call me when you're free"); a "when"
    clause that is what is asked stays ("let me know when you're back")."""
    before = m.string[: m.start()].split()
    talk = _CHANCE_TO_TALK.match(m.group(0))
    if talk is not None:
        return " " + talk.group(1)  # "call me when you get a chance to discuss X": to discuss X
    if (
        rx.match(r"if (?:you|there|we|i|it|they)\b", m.group(0).strip(" ,"), re.I)
        and before
        and before[-1].lower().strip(",") in _IF_ASKED
    ):
        # "see if you can get hold of it (so we can …)": the question is the thing; an
        # adjunct after it still goes
        head = rx.match(r"\s*,?\s*if \S+", m.group(0), re.I)
        end = head.end() if head is not None else 0
        return m.group(0)[:end] + _ADJUNCT.sub(_adjunct, m.group(0)[end:])
    if m.group(0).strip(" ,").lower().startswith("when") and before:
        last = [w.lower().strip(",") for w in before[-2:]]
        if last[-1] in _WHEN_ASKED or (
            len(last) == 2 and last[1] in _OBJ_PRONOUNS and last[0] in _WHEN_ASKED
        ):
            return m.group(0)  # "find out when", "tell me when"
    return ""
