"""A day tied to the ask from elsewhere in its sentence, for ``deadline``: "by then" /
"before then" pointing back at a day (or a clock time) said of something else ("I'm out
Friday, so please bring the checks before then"), and the writer away on one day with
the reader asked to stand in ("I'm out Friday, can you run the 9:00 standup for me?").
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Final

from followthrough.detect.clock import _next_at, event_time
from followthrough.detect.dayhint import said_absent, said_past_or_recurring
from followthrough.detect.days import _Day

# "by then", "before then": the day said just before, whatever it was said of ("the grant
# is due on 4/2, so please send your part by then")
_BY_THEN: Final = re.compile(
    r"\b(by|before|until|till|no later than|not later than|prior to|ahead of) then\b",
    re.IGNORECASE,
)


def then_due(
    text: str, days: list[_Day], times: list[tuple[re.Match[str], time]], base: datetime
) -> tuple[datetime, str] | None:
    """The due time "by then" / "before then" ties to the day (or, with none, the clock
    time) said before it, and the words; None when there is no such tie."""
    tie = _BY_THEN.search(text)
    if tie is None:
        return None
    said = [d for d in days if d.end <= tie.start()]
    if not said:
        clocks = [(m, t) for m, t in times if m.end() <= tie.start() and m.group(6) is None]
        if days or not clocks:
            return None
        m, t = clocks[-1]  # "the venue opens at 6, so have the chairs out by then"
        return _next_at(base.date(), t, base), f"{m.group(0)} … {tie.group(0)}"
    d = said[-1]
    if said_past_or_recurring(text, d.start, d.end):
        return None  # "we met on Monday and by then …"
    if d.after is not None and d.at is None:
        due = base + d.after
    else:
        due = datetime.combine(d.day, d.at or time(17), tzinfo=base.tzinfo)
    if tie.group(1).lower() in ("before", "prior to", "ahead of") and d.at is None:
        due -= timedelta(days=1)
    if due < base:
        return None
    return due, f"{text[d.start : d.end]} … {tie.group(0)}"


# The writer away on one day and the reader asked to stand in: the work is that day's;
# not a period ("while I'm away next week") and not the writer's plan ("I'm back Monday").
_ONE_DAY: Final = frozenset(["weekday", "rel-day", "nth", "month-day", "day-month", "numeric"])
_STAND_IN: Final = re.compile(
    r"\b(?:(?:can|could|would|will) you|please)\b[^.;!?]{0,80}?\b(?:for me|in my place"
    r"|instead of me|on my behalf|in my absence|cover|stand in|fill in|take over|run|chair"
    r"|lead|host|handle)\b",
    re.IGNORECASE,
)


def away_on(text: str, d: _Day) -> bool:
    """The writer says they are away on the one day ``d`` ("I'm out Friday")."""
    return d.form in _ONE_DAY and said_absent(text, d.start)


def stand_in_due(
    text: str, away: _Day, times: list[tuple[re.Match[str], time]], used: set[int], base: datetime
) -> datetime | None:
    """The writer away on ``away`` and the reader asked to stand in: that day, at the time
    of the event named after it ("the 9:00 standup"; its index joins ``used``)."""
    if _STAND_IN.search(text, away.end) is None:
        return None
    at, i = event_time(text, times, away.end, used)
    if i >= 0:
        used.add(i)
    return datetime.combine(away.day, at or time(17), tzinfo=base.tzinfo)
