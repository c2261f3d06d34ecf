"""Clock times in a text, for ``deadline``: the forms a time is written in ("3pm",
"3:30 p.m.", "7.00 pm", "900am", "noon", "EOD", a bare hour after "at" or "by"), read in
working hours when no am/pm is said ("at 3:00" is 15:00), and the time said next to a
day ("Friday at 4", "tomorrow morning at 10", "tonight at 7:30", "today between 9 a.m.
and 9 p.m.").
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Final

from followthrough.detect.dayforms import _WD
from followthrough.detect.days import _PART_TIMES, _Day

_TIME: Final = re.compile(
    # "3pm", "3:30 p.m.", "7.00 pm", "900am" (minutes after a colon, a dot or nothing)
    r"\b(?:(\d{1,2})(?:[:.]?(\d{2}))? ?(am|pm|a\.m\.?|p\.m\.?)"
    r"|(\d{1,2}):(\d{2})(?! ?[ap]\.?m)"
    r"|(noon|midday|midnight|lunch ?time|lunch|morning|afternoon|evening|night|eod|cob|eob"
    r"|end of (?:the )?(?:business )?day|close of (?:business|play)|end of business)"
    # a bare hour after "at", before the end of the clause or a day word ("Thursday at 3")
    rf"|(?:(?<=\bat )|(?<=\baround )|(?<=\babout )|(?<=\bsay ))(\d{{1,2}})"
    rf"(?=\s*(?:[.,;:!?)]|$|on\b|tomorrow\b|today\b|this\b|next\b"
    rf"|sharp\b|o'?clock\b|{_WD}\b|in (?:the|my|your|our|room|conference)\b|for (?:an?|the)\b"
    r"|with\b|to (?:talk|meet|discuss|chat|go over|review|catch up)\b"
    r"|works?\b|suits?\b|would\b|is\b|if\b|and\b|or\b|please\b|instead\b|again\b|then\b"
    # "Thursday at 2 about the split", "at 1 so we can walk over", "at 8 to open up"
    r"|about\b|so\b|to (?!\d)|for\b|when\b|because\b|before\b|after\b|until\b|tonight\b"
    r"|at (?:the|my|your|our)\b|sharp\b|latest\b|unless\b|but\b))"
    # or after "by" before a day word ("by 10 tomorrow morning")
    r"|(?:(?<=\bby )|(?<=\bbefore ))(\d{1,2})"
    rf"(?=\s+(?:tomorrow|today|tonight|this|on|{_WD}|at the (?:very )?latest|latest|sharp)\b"
    r"|\s*(?:[.!?;]|,\s*(?:please|thanks|if|so|and|or)\b|$))"
    # or hours and minutes run together before a time zone ("at 200 CST", "at 1130 ET")
    r"|(?<=\bat )(\d{1,2})(\d{2})(?=\s*(?:[cemp][sd]?t|gmt|utc|houston time|central time"
    r"|eastern time|pacific time)\b)"
    # or the first of a range of bare hours ("from 1 to 3": working hours, its start)
    r"|(?<=\bfrom )(\d{1,2})(?=\s*(?:-|–|to|until|till)\s*\d{1,2}\b(?![:.]?\d)"
    r"(?!\s*(?:%|percent|(?![ap]\.?m\b)[a-z])))"
    # or "5 o'clock", "five o'clock"
    r"|\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*o['’]?clock"
    # or "half past two", "quarter to five", "at half 9" (half past nine)
    r"|\b(half past|quarter past|quarter after|quarter to|quarter of|(?<=\bat )half)\s+"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
    r"(?!\w)",
    re.IGNORECASE,
)
_LONGEST_TIME: Final = 40  # "end of the business day" and its neighbours: no match is longer


_HOURS: Final = {
    **{str(n): n for n in range(1, 13)}, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _clock(m: re.Match[str]) -> time | None:
    (
        hour_s, minute_s, ampm, hour24, minute24, part, bare, by_hour, zoned_h, zoned_m, from_h,
        oc, quarter, q_hour,
    ) = m.groups()  # fmt: skip
    if quarter:  # "half past two" is 14:30, "quarter to five" 16:45 (working hours)
        h = _HOURS.get(q_hour.lower()) or int(q_hour)
        if not 1 <= h <= 12:
            return None
        h = h + 12 if h <= 6 else h
        kind = quarter.lower()
        if kind.startswith("half"):
            return time(h, 30)
        if kind in ("quarter to", "quarter of"):
            return time(h - 1, 45)
        return time(h, 15)
    bare = bare or by_hour or from_h or (str(_HOURS[oc.lower()]) if oc else None)
    if zoned_h:  # "at 200 CST": working hours, as "at 2:00"
        hour24, minute24 = zoned_h, zoned_m
    if bare:  # "at 3": working hours, as "at 3:00"
        h = int(bare)
        if not 1 <= h <= 12:
            return None
        return time(h + 12 if h <= 6 else h)
    if part:
        word = part.lower()
        return _PART_TIMES.get(word, time(17))
    if hour24:
        h, mi = int(hour24), int(minute24)
        if 1 <= h <= 6:  # "Thursday at 3:00" with no am/pm: working hours, so 15:00
            h += 12
    else:
        h, mi = int(hour_s), int(minute_s or 0)
        if not 1 <= h <= 12:
            return None
        suffix = ampm.lower().replace(".", "")
        h = h % 12 + (12 if suffix == "pm" else 0)
    return time(h, mi) if h < 24 and mi < 60 else None


_GAP: Final = 10  # "this afternoon, around 5:45"
_GAP_WORDS: Final = re.compile(
    r"[\s,]*(?:(?:[cemp][sd]?t|gmt|utc)\b)?[\s,]*(?:at|by|before|around|@|on|from|between)?"
    r"[\s,]*",
    re.IGNORECASE,
)  # "at 200 CST on Sunday", "Thursday, June 7 from 2:00"
# "raise the limit by 5", "a 2 by 4": an amount, not "by 5 o'clock"
_AMOUNT: Final = re.compile(
    r"(?:\b(?:increase|decrease|reduce|raise|cut|grow|drop|lower|multiply|divide"
    r"|offset|exceed|beat|win|lose|rise|fall|shrink|expand|extend|delay"
    r"|push|move|shift|adjust|change|inflate|discount)\w*\b[^.;!?]*|\d\s+|[x×]\s*)by\s+$",
    re.IGNORECASE,
)
_BETWEEN: Final = re.compile(r"[\s,]*\bbetween\s+|\bbetween\s+$", re.IGNORECASE)
_TO_TIME: Final = re.compile(r"\s*(?:and|to|-|–|until|till)\s*", re.IGNORECASE)


# the words without one of which (or a digit) _TIME cannot match
_TIME_WORDS: Final = frozenset(
    ["noon", "midday", "midnight", "lunch", "lunchtime", "morning", "afternoon", "evening",
     "night", "eod", "cob", "eob", "end", "close", "clock", "oclock", "one", "two", "three",
     "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "half",
     "quarter"]
)  # fmt: skip


def find_times(text: str, said: tuple[frozenset[str], bool]) -> list[tuple[re.Match[str], time]]:
    """The clock times ``text`` says, in order (not "by 5" after an amount: "raise it by
    5"); ``said`` is its words and whether it has a digit (``days.text_words``)."""
    words, digits = said
    if not digits and _TIME_WORDS.isdisjoint(words):
        return []  # most sentences say no time at all
    return [
        (m, t)
        for m in _TIME.finditer(text)
        if (t := _clock(m)) is not None and not (m.group(8) and _amount(text, m.start()))
    ]


# "push the hotfix to staging by 3": a destination, so "by 3" is when, not how much
_DESTINATION: Final = re.compile(
    r"\b(?:to|at|off|with)\s+(?:the\s+)?(?!least\b|most\b|all\b)[a-z]", re.IGNORECASE
)


def _amount(text: str, at: int) -> bool:
    """The "by" before ``at`` says how much ("raise the limit by 5"), not when."""
    found = _AMOUNT.search(text, max(0, at - 48), at)
    return found is not None and _DESTINATION.search(found.group(0)) is None


def _near(text: str, a_end: int, b_start: int) -> bool:
    gap = text[a_end:b_start]
    return a_end <= b_start and len(gap) <= _GAP and _GAP_WORDS.fullmatch(gap) is not None


def _attach_time(
    text: str,
    d: _Day,
    times: list[tuple[re.Match[str], time]],
    span: tuple[int, int],
    used: set[int],
) -> tuple[int, int, time | None]:
    """The start, end and clock time of day ``d`` with the time said next to it (times
    ``span`` are the candidates): a clock time beats a part of the day ("lunch tomorrow
    at 1"), follows its part ("tomorrow morning at 10"; "tonight at 7:30" is in the
    evening), and a range ends at its end ("today between 9 a.m. and 9 p.m.")."""
    start, end = d.start, d.end
    chosen = -1
    for i in range(*span):
        m = times[i][0]
        near = (m.start() >= end and _near(text, end, m.start())) or (
            m.end() <= start and _near(text, m.end(), start)
        )
        if near and (chosen < 0 or (times[chosen][0].group(6) and not m.group(6))):
            chosen = i
    if chosen < 0:
        return start, end, d.at
    m, at = times[chosen]
    start, end = min(start, m.start()), max(end, m.end())
    used.add(chosen)
    evening = d.at is not None and d.at >= time(17)
    clock, nxt = m, chosen + 1
    if m.group(6):
        evening = evening or at >= time(17)
        if (
            nxt < len(times)
            and not times[nxt][0].group(6)
            and _near(text, m.end(), times[nxt][0].start())
        ):
            clock, at = times[nxt]
            end = clock.end()
            used.add(nxt)
            nxt += 1
    if evening and not clock.group(6) and not clock.group(3) and at < time(12):
        at = at.replace(hour=at.hour + 12)
    between = _BETWEEN.search(text, max(0, start - 12), start)
    to = _TO_TIME.match(text, end)
    if to is not None and nxt < len(times) and (between or clock.start() >= d.end):
        m2, t2 = times[nxt]
        if m2.start() == to.end() and (_BETWEEN.match(text, d.end) or between):
            end, at = m2.end(), t2
            used.add(nxt)
    return start, end, at


def _next_at(today: date, t: time, base: datetime) -> datetime:
    """``t`` today, or tomorrow when it has passed."""
    due = datetime.combine(today, t, tzinfo=base.tzinfo)
    return due + timedelta(days=1) if due <= base else due


_EVENT_AFTER: Final = re.compile(
    r"\s+(?:conference call|call|meeting|session|appointment|interview)\b", re.IGNORECASE
)  # "the 10:00 call tomorrow"
# "the 7:30 am rounds tomorrow", "Monday's 10:00 leadership meeting": a clock time that
# names an event (a determiner before it, a noun after) is when that event starts
_TIME_NAMES_EVENT: Final = re.compile(
    r"(?:\b(?:the|our|your|my|his|her|their|this|that|tomorrow['’]s|today['’]s)|['’]s)\s+$",
    re.IGNORECASE,
)
_NOUN_AFTER: Final = re.compile(
    r"\s+(?!(?:on|at|in|by|to|for|or|and|tomorrow|today|tonight|this|next|sharp|please)\b)"
    r"[a-z][\w-]*",
    re.IGNORECASE,
)


def names_event(text: str, m: re.Match[str]) -> bool:
    """The clock time ``m`` names an event: "the 10:00 call", "the 9:00 standup"."""
    return _EVENT_AFTER.match(text, m.end()) is not None or (
        _TIME_NAMES_EVENT.search(text, max(0, m.start() - 12), m.start()) is not None
        and _NOUN_AFTER.match(text, m.end()) is not None
    )


def event_time(
    text: str, times: list[tuple[re.Match[str], time]], after: int, used: set[int]
) -> tuple[time | None, int]:
    """The first clock time after ``after`` that names an event ("the 9:00 standup"), and
    its index in ``times`` (-1 when there is none)."""
    for i, (m, t) in enumerate(times):
        if i not in used and m.start() >= after and m.group(6) is None and names_event(text, m):
            return t, i
    return None, -1
