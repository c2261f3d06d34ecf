"""The forms a day is written in, for ``deadline``: weekday and month names, numbers in
words, one pattern per form ("12/5", "Dec 5", "the 5th", "tomorrow", "end of Q1",
"next Friday", …) and the words without which each form cannot match.
"""

from __future__ import annotations

import re
from typing import Final

_WEEKDAYS: Final = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6, "monday": 0, "tuesday": 1, "wednesday": 2,
    "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    # the misspellings a hurried writer makes ("by thrusday", "wensday")
    "tuseday": 1, "tusday": 1, "teusday": 1, "wensday": 2, "wendsday": 2, "wednsday": 2,
    "wedensday": 2, "wednesay": 2, "thrusday": 3, "thurday": 3, "thursay": 3, "firday": 4,
    "fridy": 4, "saterday": 5, "satruday": 5,
}  # fmt: skip
_MISSPELT_WD = (
    r"|tuseday|tusday|teusday|wensday|wendsday|wednsday|wedensday|wednesay|thrusday|thurday"
    r"|thursay|firday|fridy|saterday|satruday"
)
_MONTHS: Final = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_NUMBERS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip

_WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    rf"{_MISSPELT_WD}|mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)"
)
# "sat", "sun" and "mon" alone are too often other words ("I sat down").
_WD_SAFE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    rf"{_MISSPELT_WD}|tues|tue|weds|wed|thurs|thur|thu|fri)"
)
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_ORD = r"(?:st|nd|rd|th)?"
_NUM = (
    r"(?:\d{1,3}|a couple of|a couple|couple of|a few|few|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
)
_WDPRE = rf"(?:{_WD}\.?,? (?:the )?)?"

_DAY_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (name, re.compile(p, re.IGNORECASE))
    for name, p in (
        # "the last Friday of the month", "the first Monday in April"
        (
            "weekday-of",
            rf"\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last) ({_WD_SAFE}) (?:of|in)"
            rf" (?:(?:the|this) (month)|(next) month|({_MON}))\b",
        ),
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        ("numeric", r"(?<![\d/.$-])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/%])(?! of\b)"),
        (
            "month-day",
            # "July 15, 2002", "July 15,2002", "July 15 2002"
            rf"\b{_WDPRE}({_MON})\.? (\d{{1,2}}){_ORD}(?:(?:, ?| )(\d{{4}}))?(?![\d:])\b",
        ),
        (
            "day-month",
            rf"\b{_WDPRE}(\d{{1,2}}){_ORD} (?:of )?({_MON})\b\.?(?:(?:, ?| )(\d{{4}}))?",
        ),
        # "the 16th", "Monday the 16th", "Friday 23rd"
        ("nth", rf"\b(?:{_WD}\.?,? (?:the )?|the )(\d{{1,2}})(?:st|nd|rd|th)\b"),
        # "two weeks from today", "a week from Friday"
        ("from-now", rf"\b({_NUM}) (day|week|month)s? from (today|now|tomorrow|{_WD_SAFE})\b"),
        # "Monday after next": the Monday of the week after next
        ("after-next", rf"\b({_WD_SAFE}) after next\b"),
        (
            "rel-day",
            r"\b(day after tom{1,2}or{1,3}ow|tom{1,2}or{1,3}ow|tmrw|tmr|2morrow|2moro|today"
            r"|tonight|tonite|2nite|2night)\b",
        ),
        ("part-week", r"\b(early|mid|middle of|late)[- ](next|this) week\b"),
        ("midweek", r"\b(?:mid-?week|the middle of the week)\b"),
        (
            "part-month",
            rf"\b(early|mid|middle of|late|(?:the )?end of|during(?: the month of)?)[- ]({_MON})"
            r"\b\.?",
        ),
        ("quarter", r"\b(?:(?:the )?end of (?:the |this )?(next )?(?:quarter|(q[1-4]))|(eoq))\b"),
        ("over-weekend", r"\b(over|during) the weekend\b"),
        ("weekend", r"\b(?:(next|this coming|this|the|coming) )?weekend\b"),
        (
            "holiday",
            r"\b(christmas eve|christmas|xmas|new year's eve|new years eve|new year's"
            r"|new year|the holidays|thanksgiving)\b",
        ),
        ("this-part", r"\bthis (morning|afternoon|evening)\b"),
        (
            "end-of",
            r"\b(?:(?:the )?end of (?:the |this )?(next )?(week|month|year)"
            r"|(next|nxt|this) (week|wk|month)(?:'s end)?|(eow|eom|eoy|year[- ]end)"
            r"|(?:the |this )?(weekend))\b",
        ),
        (
            "in-n",
            rf"\b(?:in|within) (?:the next )?({_NUM}) (day|week|month|business day|working day"
            r"|hour|fortnight)s?\b",
        ),
        # "within the hour", "in 30 minutes": today
        (
            "within-hour",
            r"\b(?:in|within) (?:the next |the )?(?:(?:an?|\d{1,3}|one|two|three|few|a few"
            r"|half an?|a couple of|couple of) )?(?:hour|minute|min)s?\b",
        ),
        ("weekday", rf"\b(?:(next|nxt|this|coming|this coming) )?({_WD_SAFE})\b\.?"),
        # "by Mon", "next Sat": the short names that are often other words, after a frame
        (
            "weekday",
            r"\b(?:(next|this) )?(?:(?<=\bby )|(?<=\bon )|(?<=\bbefore )|(?<=\buntil )"
            r"|(?<=\btill )|(?<=\bdue )|(?<=\bnext )|(?<=\bthis )|(?<=\bafter )|(?<=\bb4 ))"
            r"(mon|sat|sun)\b\.?",
        ),
    )
)

# Words without which a form cannot match (None: it needs a digit), checked before its
# pattern runs: most sentences name no day at all (tests/unit/test_deadline.py checks
# that every match implies them).
_MONTH_WORDS: Final = frozenset(_MONTHS)
_ORDINAL_WORDS: Final = frozenset(
    ("first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th", "last")
)
_REL_DAY_WORDS: Final = (
    "tomorrow", "tmrw", "tmr", "2morrow", "2moro", "today", "tonight", "tonite",
    "tomorow", "tommorow", "tommorrow", "tomorrrow", "tommorrrow", "2nite", "2night",
)  # fmt: skip
_DAY_TRIGGERS: Final[dict[str, frozenset[str] | None]] = {
    "iso": None,
    "numeric": None,
    "month-day": None,
    "day-month": None,
    "nth": None,
    "from-now": frozenset(("from",)),
    "after-next": frozenset(("next",)),
    "weekday-of": _ORDINAL_WORDS,
    "rel-day": frozenset(_REL_DAY_WORDS),
    "part-week": frozenset(("week",)),
    "midweek": frozenset(("midweek", "week")),
    "part-month": _MONTH_WORDS,
    "quarter": frozenset(["quarter", "q1", "q2", "q3", "q4", "eoq"]),
    "over-weekend": frozenset(("weekend",)),
    "weekend": frozenset(("weekend",)),
    "holiday": frozenset(["christmas", "xmas", "year", "years", "holidays", "thanksgiving"]),
    "this-part": frozenset(("this",)),
    "end-of": frozenset(["week", "wk", "month", "year", "eow", "eom", "eoy", "weekend"]),
    "in-n": frozenset(("in", "within")),
    "within-hour": frozenset(["hour", "hours", "minute", "minutes", "min", "mins"]),
    "weekday": frozenset(_WEEKDAYS),
}
_WORD: Final = re.compile(r"[a-z0-9]+")
