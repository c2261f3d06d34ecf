"""Read a helper's reply (did they agree, deliver, decline, ask back?), the user's thanks,
and the return date in an out-of-office text.

``classify_reply`` looks only at the new text of the reply. Order, first match wins:

1. ``auto`` from the backend's headers, or automatic wording ("I am out of the office",
   "automatic reply", "delivery has failed") -> "auto";
2. decline wording ("sorry, I can't", "won't be able to", "not the right person") ->
   "declined" — even with an attachment: "I can't, but here is who can" is a no; but
   a "no" that only puts it off ("I won't get to this until next month", "I can't
   before Friday") is later, not no -> "acknowledged";
3. an attachment, or delivery wording ("attached", "here it is", "done", "I've sent")
   -> "delivered", unless the delivery word is negated or future ("I'll send it
   tomorrow" is assent, "not done yet" is not delivery);
4. a question back (a sentence ending in "?" that is not a pleasantry such as "how are
   you?") -> "question";
5. assent ("sure", "will do", "happy to", "on it") -> "acknowledged";
6. anything else -> "other" (still a human reply: the caller counts it as acknowledged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final, Literal

from followthrough.detect import rx
from followthrough.detect.deadline import parse_deadline
from followthrough.detect.segment import segment_text

ReplyKind = Literal["acknowledged", "delivered", "declined", "question", "auto", "other"]


@dataclass(frozen=True, slots=True)
class ReplyClass:
    """What a reply says about the ask, and the words that decided it."""

    kind: ReplyKind
    evidence: str
    rule: str


_I = re.IGNORECASE
_AUTO: Final = re.compile(
    r"\b(?:(?:i am|i'm|i will be|i'll be) (?:currently )?(?:out of (?:the )?office|ooo|away"
    r"|on (?:annual |parental |sick |maternity |paternity )?leave|on vacation|on holiday"
    r"|travell?ing with limited)"
    r"|out of (?:the )?office(?: auto)?(?:matic)? ?reply|automatic reply|auto-?reply"
    r"|autoreply|this is an auto(?:mated|matic) (?:response|reply|message)"
    r"|delivery (?:has )?failed|undeliverable|delivery status notification"
    r"|mail delivery (?:subsystem|failed)|could not be delivered|returned mail"
    r"|delivery to the following recipients? failed|failed permanently"
    r"|do not reply to this (?:e-?mail|message)|with limited access to (?:e-?mail|my email)"
    r"|(?:i )?will not be reading my (?:e-?)?mail)",
    _I,
)
_DECLINE: Final = re.compile(
    r"\b(?:(?:sorry|afraid|unfortunately|regret)\b[^.?!]{0,40}?\b(?:can't|cannot|can not"
    r"|won't|will not|unable|not able|couldn't|wouldn't be able)"
    r"|(?:won't|will not|wouldn't|am not|i'm not) (?:be )?able to"
    r"|(?:i|we) (?:can't|cannot|can not) (?:do|help|make|take|commit|get to|manage)"
    r"|not the (?:right|best) (?:person|one|people)"
    r"|(?:i have|i've got|i'll have|i need) to (?:pass|decline|say no)"
    r"|(?:i'll|i will|i must|i have to|i'd have to|going to) (?:pass|decline)"
    r"|(?:must|have to) (?:respectfully )?decline|no longer (?:able|in a position)"
    r"|don't have (?:the )?(?:time|bandwidth|capacity)|(?:too|really) swamped"
    r"|not in a position to|can't take (?:this|it) on|unable to help)",
    _I,
)
_DELIVER: Final = re.compile(
    r"\b(?:attached|attaching|enclosed|please find|pfa|here (?:it is|you go|they are|is the"
    r"|are the|'s the)|here's the|heres the|i(?:'ve| have) (?:just )?(?:sent|shared|uploaded"
    r"|forwarded|finished|completed|done|submitted|made the intro|introduced|reviewed"
    r"|added|updated|fixed|signed|booked)|(?:i|we) (?:just )?(?:sent|shared|uploaded"
    r"|forwarded|finished|completed|submitted|introduced|reviewed|signed|booked)\b"
    r"|(?:it's|it is|all|that's|that is) (?:now )?done|^\W*done\b|see (?:the )?link"
    r"|(?:now )?(?:live|merged|published) now"
    r"|(?:^|(?<=[.!?]\s))(?:just )?sent (?:it|them|this|that|you)\b)",
    _I,
)
_DELIVER_NEGATED: Final = re.compile(
    r"\b(?:not (?:yet )?(?:done|finished|sent|attached)|haven't (?:yet )?(?:sent|finished|done)"
    r"|(?:will|i'll|going to|gonna) (?:\w+ )?(?:send|attach|forward|share|finish|do)"
    r"|(?:send|attach|share|forward) (?:it|them|this) (?:later|tomorrow|soon|next))",
    _I,
)
_ASSENT: Final = re.compile(
    r"\b(?:sure(?:thing)?|will do|happy to|glad to|on it|no problem|no worries|of course"
    r"|absolutely|ok(?:ay)?|sounds good|can do|i'll (?:do|take|get|have|send|look|check"
    r"|review|handle|make)|i will (?:do|take|get|have|send|look|check|review|handle|make)"
    r"|count me in|yes|yep|yup|definitely|my pleasure|leave it with me|consider it done"
    r"|got it|let me (?:check|look|see|have a look|take a look)|get back to you"
    r"|(?:^|(?<=[.!?]\s))will (?:do|send|get|have|look|check|review|share|forward))\b",
    _I,
)
# "I won't be able to get to this until next month": later, not no
_LATER: Final = re.compile(
    r"[^.!?]{0,40}?\b(?:until|till|before|after)\s+(?:next|this|the end|the \d|early|mid"
    r"|late|after|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|later"
    r"|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|i'm back|i get back|i return)",
    _I,
)
# "Sorry, I can't next week. Maybe next month?": a no to the date, with another offered
_COUNTER: Final = re.compile(
    r"\b(?:maybe|perhaps|how about|what about|would|could we do it|or)\s+(?:it\s+)?"
    r"(?:next (?:week|month|quarter|time)|later (?:this|next|in)|after (?:the|that|this|next)"
    r"|in (?:a|two|three|\d+) (?:weeks?|months?)|the (?:week|month) after)"
    r"|\b(?:another|some other) time\b|\brain ?check\b",
    _I,
)
_PLEASANTRY: Final = re.compile(
    r"\b(?:how are you|how are things|how's it going|how have you been|hope (?:you|all)"
    r"|how was your|what's up|right\?$|isn't it\?$|you know\?$|make sense\?$)",
    _I,
)


def _sentences(text: str) -> list[str]:
    parts = rx.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def classify_reply(text: str, attachments: tuple[str, ...], auto: str) -> ReplyClass:
    """What a helper's reply in the ask's thread says (see the module doc for the order)."""
    seg = segment_text(text)
    new = seg.new
    if auto:
        return ReplyClass("auto", auto, "auto:header")
    m = _AUTO.search(new)
    if m is not None:
        return ReplyClass("auto", m.group(0), "auto:wording")
    m = _DECLINE.search(new)
    if m is not None:
        later = _LATER.match(new, m.end())
        if later is not None:
            return ReplyClass(
                "acknowledged", m.group(0) + later.group(0), "acknowledged:later-not-no"
            )
        counter = _COUNTER.search(new, m.end())
        if counter is not None:  # a no to the date, not to the ask
            return ReplyClass(
                "acknowledged", f"{m.group(0)} … {counter.group(0)}", "acknowledged:counter-offer"
            )
        return ReplyClass("declined", m.group(0), "declined:wording")
    if attachments:
        return ReplyClass("delivered", ", ".join(attachments), "delivered:attachment")
    m = _DELIVER.search(new)
    if m is not None and _DELIVER_NEGATED.search(new) is None:
        return ReplyClass("delivered", m.group(0), "delivered:wording")
    for sentence in _sentences(new):
        if sentence.endswith("?") and _PLEASANTRY.search(sentence) is None:
            return ReplyClass("question", sentence, "question:ends-with-?")
    m = _ASSENT.search(new)
    if m is not None:
        return ReplyClass("acknowledged", m.group(0), "acknowledged:wording")
    return ReplyClass("other", "", "other")


_THANKS: Final = re.compile(
    r"\b(?:thank(?:s| you)(?: (?:so|very) much| a (?:lot|ton|million)| again| for\b[^.!?\n]{0,60})?"
    r"|many thanks|much appreciated"
    r"|(?:i|we|really) (?:really )?appreciate (?:it|this|that|your|you)"
    r"|thx|ty so much|grateful for|cheers for\b[^.!?\n]{0,40})",
    re.IGNORECASE,
)
_THANKS_AHEAD: Final = re.compile(
    r"\b(?:in advance|ahead of time|beforehand|thanks for (?:considering|your consideration"
    r"|looking|taking a look|any help|your help with this|reading))\b"
    r"|\bthank(?:s| you)\W*$",
    re.IGNORECASE,
)


def detect_thanks(text: str) -> str | None:
    """The words of thanks in the new text of the user's own message, or None.

    "Thanks in advance" (and a bare "Thanks," sign-off) thank for help not yet given, so
    they do not count."""
    seg = segment_text(text)
    body = seg.new
    if seg.signature:
        first = seg.signature.split("\n", 1)[0]
        if rx.search(r"\w", first) and not rx.match(r"\s*(?:--|sent )", first, re.IGNORECASE):
            body = body + "\n" + first
    for line in body.split("\n"):
        for m in _THANKS.finditer(line):
            rest = line[m.start() :]
            if _THANKS_AHEAD.search(rest[: len(m.group(0)) + 20]) is not None:
                continue
            return m.group(0).strip()
    return None


_RETURN: Final = re.compile(
    r"\b(?:back|return(?:ing)?|returns|in the office|be in|available(?: again)?|until"
    r"|till|through)\b[^.!?\n]{0,60}",
    re.IGNORECASE,
)


def detect_ooo_return(text: str, base: datetime) -> datetime | None:
    """The return date an out-of-office text gives, as 09:00 that day in ``base``'s time
    zone; None when it gives none. "Until Friday"/"through Friday" mean back the next
    working day."""
    for m in _RETURN.finditer(text):
        span = m.group(0)
        found = parse_deadline(span, base)
        if found is None or found.due is None:
            continue
        day: date = found.due.date()
        if rx.match(r"(?:until|till|through)\b", span, re.IGNORECASE):
            day += timedelta(days=1)
            while day.weekday() >= 5:
                day += timedelta(days=1)
        return datetime.combine(day, time(9), tzinfo=base.tzinfo)
    return None
