"""The days a text names, resolved to dates: each form of ``dayforms`` ("Friday", "12/5",
"the 16th", "this weekend", "in 3 days", …) read against the send day, a weekday checked
against the date it comes with, and days joined when they are one ("Friday 11/20") or
alternatives ("today or tomorrow"). Which of them is the ask's deadline, and at what time,
``deadline`` decides.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Final

from followthrough.detect.dayforms import (
    _DAY_PATTERNS,
    _DAY_TRIGGERS,
    _MONTH_WORDS,
    _MONTHS,
    _NUMBERS,
    _WEEKDAYS,
    _WORD,
)
from followthrough.detect.words import has_case_odd

_PART_TIMES: Final = {
    "noon": time(12), "midday": time(12), "lunch": time(12), "lunchtime": time(12),
    "lunch time": time(12), "morning": time(9), "afternoon": time(17), "evening": time(20),
    "night": time(20), "midnight": time(23, 59),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Day:
    start: int
    end: int
    day: date
    at: time | None  # a time implied by the words themselves ("tonight", "this morning")
    needs_prefix: bool = False  # "the holidays" is a deadline only after "by", "before"…
    form: str = ""  # the day form's name ("weekday", "in-n", …)
    today_named: bool = False  # a weekday naming base's own day: next week's, unless a
    # time later that day comes with it ("Wednesday night" sent on a Wednesday morning)
    dated: bool = False  # the words name a year ("October 8, 2001", "10/8/01")
    after: timedelta | None = None  # a span from the send time itself ("within 48 hours",
    # "in the next hour"): due that long after the message, to the minute


def _add_months(d: date, months: int, day: int | None = None) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day or d.day, last))


def _on_or_after(today: date, month: int, day: int, year: int | None) -> date | None:
    if year is not None and not _YEARS[0] <= year <= _YEARS[1]:
        return None  # "by January 1, 0001": no deadline anyone means
    try:
        if year is not None:
            return date(year, month, day)
        d = date(today.year, month, day)
        return d if d >= today else date(today.year + 1, month, day)
    except ValueError:
        if year is None and month == 2 and day == 29:
            for y in range(today.year, today.year + 8):
                if calendar.isleap(y) and date(y, 2, 29) >= today:
                    return date(y, 2, 29)
        return None


_YEARS: Final = (1970, 2999)  # a year outside these states no deadline


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if len(text) <= 2 else y  # "0001" is the year 1, not 2001


def _friday_of_week(d: date, weeks: int = 0) -> date:
    return d - timedelta(days=d.weekday()) + timedelta(days=4 + 7 * weeks)


_SPAN_NUMBER: Final = re.compile(
    r"\b(half an?|an?|\d{1,3}|one|two|three|few|a few|a couple of|couple of)\s", re.IGNORECASE
)


def _span_of(words: str) -> timedelta:
    """ "within the hour", "in 30 minutes", "in half an hour": the span they say."""
    found = _SPAN_NUMBER.search(words)
    said = found.group(1).lower() if found is not None else "a"
    minutes = "min" in words.lower()
    if said.startswith("half"):
        return timedelta(minutes=30)
    n = _NUMBERS.get(said) or (int(said) if said.isdigit() else 1)
    return timedelta(minutes=n) if minutes else timedelta(hours=n)


def _resolve(name: str, m: re.Match[str], today: date, day_first: bool) -> _Day | None:
    g = m.groups()
    at: time | None = None
    d: date | None
    if name == "iso":
        try:
            d = date(int(g[0]), int(g[1]), int(g[2]))
        except ValueError:
            return None
        if not _YEARS[0] <= d.year <= _YEARS[1]:
            return None
    elif name == "numeric":
        a, b = int(g[0]), int(g[1])
        month, day = (b, a) if day_first else (a, b)
        if month > 12 and day <= 12:  # "30/11" can only be day first, whatever the setting
            month, day = day, month
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        d = _on_or_after(today, month, day, _year(g[2]))
    elif name == "month-day":
        d = _on_or_after(today, _MONTHS[g[0].lower()], int(g[1]), _year(g[2]))
    elif name == "day-month":
        d = _on_or_after(today, _MONTHS[g[1].lower()], int(g[0]), _year(g[2]))
    elif name == "nth":
        n = int(g[0])
        if not 1 <= n <= 31:
            return None
        d = None
        for k in range(3):
            first = _add_months(today.replace(day=1), k, 1)
            if n <= calendar.monthrange(first.year, first.month)[1]:
                cand = first.replace(day=n)
                if cand >= today:
                    d = cand
                    break
    elif name == "rel-day":
        word = g[0].lower()
        if word.startswith("day after"):
            d = today + timedelta(days=2)
        elif word.startswith(("tom", "tmr", "2mor")):  # "tomorrow", "tommorow", "tmrw"
            d = today + timedelta(days=1)
        else:
            d = today
            at = time(20) if word in ("tonight", "tonite", "2nite", "2night") else None
    elif name == "this-part":
        d, at = today, _PART_TIMES[g[0].lower()]
    elif name == "end-of":
        nxt = bool(g[0]) or (g[2] or "").lower() in ("next", "nxt")
        unit = (g[1] or g[3] or g[4] or g[5] or "").lower().replace("wk", "week")
        within = _WITHIN_THE.search(m.string, max(0, m.start() - 16), m.start())
        if nxt and g[2] and within is not None:
            # "in the next month", "within the next week": a month or a week on
            d = _add_months(today, 1) if unit == "month" else today + timedelta(days=7)
            return _Day(within.start(), m.end(), d, None, form=name)
        if unit in ("week", "eow", "weekend"):
            weeks = 1 if nxt else 0
            if not nxt and today.weekday() >= 5:
                weeks = 1
            d = _friday_of_week(today, weeks)
        elif unit in ("month", "eom"):
            first = _add_months(today.replace(day=1), 1 if nxt else 0, 1)
            d = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        else:
            d = date(today.year, 12, 31)
    elif name == "within-hour":  # "within the hour", "in 30 minutes": that long after sending
        return _Day(m.start(), m.end(), today, None, form=name, after=_span_of(m.group(0)))
    elif name == "weekday-of":  # "the last Friday of the month", "the first Monday in April"
        d = _weekday_of(g, today)
    elif name == "after-next":  # "Monday after next": the Monday of the week after next
        d = _friday_of_week(today, 2) - timedelta(days=4 - _WEEKDAYS[g[0].lower()])
    elif name in ("in-n", "from-now"):
        n = _NUMBERS.get(g[0].lower()) or (int(g[0]) if g[0].isdigit() else 0)
        unit = g[1].lower()
        if name == "from-now" and g[2].lower() not in ("today", "now"):
            # "a week from Friday": counted from that day
            start = g[2].lower()
            if start.startswith("tom"):
                today = today + timedelta(days=1)
            else:
                target = _WEEKDAYS[start]
                today = today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
        if unit == "hour" and name == "in-n":  # "within 48 hours": 48 hours after sending
            span = timedelta(hours=n)
            return _Day(m.start(), m.end(), today + span, None, form=name, after=span)
        if unit == "hour":
            d = today + timedelta(days=n // 24)
        elif unit == "week":
            d = today + timedelta(days=7 * n)
        elif unit == "fortnight":
            d = today + timedelta(days=14 * n)
        elif unit == "month":
            d = _add_months(today, n)
        elif unit == "day":
            d = today + timedelta(days=n)
        else:  # business/working days: skip Saturdays and Sundays
            d, left = today, n
            while left > 0:
                d += timedelta(days=1)
                if d.weekday() < 5:
                    left -= 1
    elif name == "midweek":  # this week's Wednesday, or next week's once it has passed
        d = today - timedelta(days=today.weekday()) + timedelta(days=2)
        if d < today:
            d += timedelta(days=7)
    elif name == "part-week":
        first = today - timedelta(days=today.weekday())
        if g[1].lower() == "next":
            first += timedelta(days=7)
        offset = {"early": 1, "mid": 2, "middle of": 2, "late": 4}[g[0].lower()]
        d = max(first + timedelta(days=offset), today)
    elif name == "part-month":
        month = _MONTHS[g[1].lower()]
        part = g[0].lower()
        year = today.year if month >= today.month else today.year + 1
        last = calendar.monthrange(year, month)[1]
        day = {"early": 7, "mid": 15, "middle of": 15}.get(part, last)
        d = date(year, month, day)
        if d < today:  # "by mid-November" on 20 November: that day is past, so today
            d = today
    elif name == "quarter":
        if g[1]:  # "end of Q1"
            q = int(g[1][1])
            year = today.year if q >= (today.month - 1) // 3 + 1 else today.year + 1
        else:
            q = (today.month - 1) // 3 + 1 + (1 if g[0] else 0)
            year = today.year + (q - 1) // 4
            q = (q - 1) % 4 + 1
        d = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
    elif name == "over-weekend":
        d = today + timedelta(days=(6 - today.weekday()))  # its Sunday
    elif name == "weekend":  # "this weekend": its Sunday; "next weekend": a week on
        d = today + timedelta(days=(6 - today.weekday()))
        if (g[0] or "").lower() == "next":
            d += timedelta(days=7)
    elif name == "holiday":
        word = g[0].lower().replace("'", "")
        if word == "thanksgiving":  # the fourth Thursday of November (United States)
            nov1 = date(today.year, 11, 1)
            d = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
            if d < today:
                nov1 = date(today.year + 1, 11, 1)
                d = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        else:
            month, day = {
                "christmas eve": (12, 24), "christmas": (12, 25), "xmas": (12, 25),
                "new years eve": (12, 31), "new years": (1, 1), "new year": (1, 1),
                "the holidays": (12, 24),
            }[word]  # fmt: skip
            d = _on_or_after(today, month, day, None)
    else:  # weekday
        which = (g[0] or "").lower()
        target = _WEEKDAYS[g[1].lower()]
        if which in ("next", "nxt"):
            d = _friday_of_week(today, 1) - timedelta(days=4 - target)
        else:
            d = today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
            today_named = not which and target == today.weekday()
            return _Day(m.start(), m.end(), d, None, form=name, today_named=today_named)
    if d is None:
        return None
    if name in ("month-day", "day-month", "nth"):
        d = _agreeing(m, d, today, name == "nth", g[2] if name != "nth" else None)
    dated = name == "iso" or (name in ("numeric", "month-day", "day-month") and bool(g[2]))
    return _Day(m.start(), m.end(), d, at, name == "holiday", name, dated=dated)


_LEAD_WORD: Final = re.compile(r"[a-z]+")
_WITHIN_THE: Final = re.compile(r"\b(?:in|within|over|during) the\s+$", re.IGNORECASE)


_ORDINALS: Final = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2,
                    "fourth": 3, "4th": 3, "last": -1}  # fmt: skip


def _weekday_of(g: tuple[str | None, ...], today: date) -> date | None:
    which, wd, _this_month, next_month, month_name = g
    target = _WEEKDAYS[(wd or "").lower()]
    k = _ORDINALS[(which or "").lower()]
    if month_name:
        month = _MONTHS[month_name.lower()]
        year = today.year if month >= today.month else today.year + 1
    else:
        first = _add_months(today.replace(day=1), 1 if next_month else 0, 1)
        year, month = first.year, first.month
    for _ in range(2):
        last = calendar.monthrange(year, month)[1]
        days = [date(year, month, n) for n in range(1, last + 1)]
        hits = [x for x in days if x.weekday() == target]
        d = hits[k]
        if d >= today or month_name or next_month:
            return d
        first = _add_months(date(year, month, 1), 1, 1)  # "the last Friday of the month",
        year, month = first.year, first.month  # said after it: next month's
    return None


def _agreeing(m: re.Match[str], d: date, today: date, nth: bool, year: str | None) -> date:
    """ "Monday the 16th", "Thursday, 31st January": when the weekday written with a date
    disagrees with the date chosen (the next one on or after base's day), the date is the
    one nearest base's day that the weekday agrees with, even one already past (then it is
    no deadline: "by Monday the 16th" sent on Wednesday the 18th)."""
    lead = _LEAD_WORD.match(m.group(0).lower())
    target = _WEEKDAYS.get(lead.group(0)) if lead else None
    if target is None or d.weekday() == target or year:
        return d
    candidates: list[date] = []
    if nth:  # "the 16th": in the months around base's
        for k in (-1, 0, 1, 2):
            first = _add_months(today.replace(day=1), k, 1)
            if d.day <= calendar.monthrange(first.year, first.month)[1]:
                candidates.append(first.replace(day=d.day))
    else:  # "January 31": in the years around base's
        for y in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(d.replace(year=y))
            except ValueError:
                continue
    agree = [c for c in candidates if c.weekday() == target]
    if not agree:
        return d
    return min(agree, key=lambda c: (abs((c - today).days), c < today))


_MAX_DAYS_PER_FORM: Final = 100
# The forms with a digit that also need a month's name, and what "nth" needs.
_MONTH_FORMS: Final = frozenset(("month-day", "day-month"))
_ORDINAL_DIGIT: Final = re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)
_DIGIT: Final = re.compile(r"\d")


def text_words(text: str) -> tuple[frozenset[str], bool]:
    """The lower-case words of ``text`` and whether it has a digit: what the day and time
    forms need before their patterns run."""
    return frozenset(_WORD.findall(text.lower())), _DIGIT.search(text) is not None


def _find_days(
    text: str, today: date, day_first: bool, said: tuple[frozenset[str], bool] | None = None
) -> list[_Day]:
    taken = bytearray(len(text))  # 1 where an earlier pattern's day already matched
    days: list[_Day] = []
    words, digits = said if said is not None else text_words(text)
    # (a month's name in a date, "Dec 5" or "5 December": a word of its own, unless a
    # letter that only matches one of its letters when case is ignored is in the text)
    month = digits and (not _MONTH_WORDS.isdisjoint(words) or has_case_odd(text))
    for name, pattern in _DAY_PATTERNS:
        trigger = _DAY_TRIGGERS[name]
        if (not digits) if trigger is None else trigger.isdisjoint(words):
            continue
        if name in _MONTH_FORMS and not month:
            continue
        if name == "nth" and _ORDINAL_DIGIT.search(text) is None:
            continue  # "the 16th": a digit and its ordinal ending
        kept = 0
        for m in pattern.finditer(text):
            if taken.find(1, m.start(), m.end()) != -1:
                continue
            found = _resolve(name, m, today, day_first)
            if found is not None:
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                days.append(found)
                kept += 1
                if kept >= _MAX_DAYS_PER_FORM:
                    break  # a text of a thousand dates states no one deadline
    days.sort(key=lambda x: x.start)
    return days


_WEEK: Final = re.compile(r"\bweek\b", re.IGNORECASE)


def _merge_named_dates(text: str, days: list[_Day]) -> list[_Day]:
    """ "Friday 11/20", "Monday, November 23": one day, the one its date says (so "by
    Monday 11/16", sent on the 18th, is a date in the past, not next Monday)."""
    out: list[_Day] = []
    for d in days:
        aside = _APPOSITION.fullmatch(text, out[-1].end, d.start) if out else None
        if aside is not None and not _CLOSE.match(text, d.end):
            aside = None
        if aside is not None:  # "Wednesday night (the 17th)": the date says which one
            prev = out[-1]
            part = aside.group(1)
            at = d.at or prev.at or (_PART_TIMES[part.lower()] if part else None)
            out[-1] = _Day(prev.start, d.end, d.day, at, prev.needs_prefix, d.form, dated=d.dated)
        elif out and d.start - out[-1].end <= 3 and not text[out[-1].end : d.start].strip(" ,"):
            prev = out[-1]
            at = d.at or prev.at
            day = d.day
            if prev.form == "weekday" and d.form == "end-of" and _WEEK.search(text, d.start, d.end):
                # "Wednesday next week": that week's Wednesday, not its Friday
                day = d.day + timedelta(days=prev.day.weekday() - d.day.weekday())
            out[-1] = _Day(prev.start, d.end, day, at, prev.needs_prefix, d.form, dated=d.dated)
        else:
            out.append(d)
    return out


_APPOSITION: Final = re.compile(
    r"\s*(?:(morning|afternoon|evening|night)\s*)?\(\s*(?:i\.e\.,?\s*|that is,?\s*)?", re.I
)
_CLOSE: Final = re.compile(r"\s*\)")
_WEEK_OF: Final = re.compile(r"\b(?:the )?week of\s+$", re.IGNORECASE)


def _weeks_of(text: str, days: list[_Day]) -> list[_Day]:
    """ "the week of 10/8": that week's Friday (the day names the week, not the due day)."""
    out: list[_Day] = []
    for d in days:
        week = _WEEK_OF.search(text, max(0, d.start - 16), d.start)
        if week is not None and d.form in ("numeric", "month-day", "day-month", "nth", "iso"):
            friday = _friday_of_week(d.day) if d.day.weekday() < 5 else d.day
            d = _Day(week.start(), d.end, friday, None, form="week-of", dated=d.dated)
        out.append(d)
    return out


_OR: Final = re.compile(r"[\s,]*(?:or|/|and/or)[\s,]*(?:maybe|perhaps|possibly|even)?\s*", re.I)


def _merge_alternatives(text: str, days: list[_Day]) -> list[_Day]:
    """ "today or tomorrow", "Tues, May 1, or Wed, May 2": one day, the later one (the
    latest the ask can be done by)."""
    out: list[_Day] = []
    for d in days:
        if out and d.start - out[-1].end <= 24 and _OR.fullmatch(text, out[-1].end, d.start):
            prev = out[-1]
            later = d if d.day >= prev.day else prev
            out[-1] = _Day(
                prev.start, d.end, later.day, later.at, prev.needs_prefix and d.needs_prefix,
                later.form, later.today_named, later.dated,
            )  # fmt: skip
        else:
            out.append(d)
    return out
