"""Deadlines a user writes, with the exact due time followthrough will use."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from followthrough.detect import parse_deadline

BERLIN = ZoneInfo("Europe/Berlin")
BASE = datetime(2026, 11, 18, 10, 30, tzinfo=BERLIN)  # a Wednesday


def at(y: int, mo: int, d: int, h: int = 17, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=BERLIN)


TABLE = [
    ("Could you review the deck by Friday?", at(2026, 11, 20), "by Friday"),
    ("Send it over by Wednesday please", at(2026, 11, 25), "by Wednesday"),
    ("Can you do this tomorrow?", at(2026, 11, 19), "tomorrow"),
    ("I need it today", at(2026, 11, 18), "today"),
    ("please send it by EOD", at(2026, 11, 18), "by EOD"),
    ("EOD tomorrow works", at(2026, 11, 19), "EOD tomorrow"),
    ("tomorrow EOD is fine", at(2026, 11, 19), "tomorrow EOD"),
    ("by end of the week", at(2026, 11, 20), "by end of the week"),
    ("by the end of next week", at(2026, 11, 27), "by the end of next week"),
    ("before the end of the month", at(2026, 11, 29), "before the end of the month"),
    ("end of the month is fine", at(2026, 11, 30), "end of the month"),
    ("by end of next month", at(2026, 12, 31), "by end of next month"),
    ("by the 5th", at(2026, 12, 5), "by the 5th"),
    ("by the 18th", at(2026, 11, 18), "by the 18th"),
    ("by the 31st", at(2026, 12, 31), "by the 31st"),
    ("due Dec 5", at(2026, 12, 5), "due Dec 5"),
    ("by December 5th, 2026", at(2026, 12, 5), "by December 5th, 2026"),
    ("by 5 December", at(2026, 12, 5), "by 5 December"),
    ("on the 5th of December", at(2026, 12, 5), "5th of December"),
    ("by Jan 8", at(2027, 1, 8), "by Jan 8"),
    ("by 12/5", at(2026, 12, 5), "by 12/5"),
    ("by 1/8", at(2027, 1, 8), "by 1/8"),
    ("by 12/5/2026", at(2026, 12, 5), "by 12/5/2026"),
    ("by 2026-12-05", at(2026, 12, 5), "by 2026-12-05"),
    ("in two weeks", at(2026, 12, 2), "in two weeks"),
    ("in 3 days", at(2026, 11, 21), "in 3 days"),
    ("within 2 business days", at(2026, 11, 20), "within 2 business days"),
    ("in a couple of days", at(2026, 11, 20), "in a couple of days"),
    ("next Tuesday", at(2026, 11, 24), "next Tuesday"),
    ("next Friday", at(2026, 11, 27), "next Friday"),
    ("this Friday", at(2026, 11, 20), "this Friday"),
    ("before our meeting on Tuesday", at(2026, 11, 24, 9), "before our meeting on Tuesday"),
    ("before Friday", at(2026, 11, 19), "before Friday"),
    ("by 3pm", at(2026, 11, 18, 15), "by 3pm"),
    ("by 9am", at(2026, 11, 19, 9), "by 9am"),
    ("Friday at 3:30 pm", at(2026, 11, 20, 15, 30), "Friday at 3:30 pm"),
    ("by 3pm Friday", at(2026, 11, 20, 15), "by 3pm Friday"),
    ("by tomorrow morning", at(2026, 11, 19, 9), "by tomorrow morning"),
    ("tonight", at(2026, 11, 18, 20), "tonight"),
    ("by Monday 7 December", at(2026, 12, 7), "by Monday 7 December"),
    ("next week", at(2026, 11, 27), "next week"),
    ("by Feb 29", at(2028, 2, 29), "by Feb 29"),
    ("by end of Q4", at(2026, 12, 31), "by end of Q4"),
    ("by the end of next quarter", at(2027, 3, 31), "by the end of next quarter"),
    ("within 48 hours", at(2026, 11, 20, 10, 30), "within 48 hours"),  # to the minute
    ("in 2 hours", at(2026, 11, 18, 12, 30), "in 2 hours"),
    ("within the next few days", at(2026, 11, 21), "within the next few days"),
    ("a week from today", at(2026, 11, 25), "a week from today"),
    ("before Christmas", at(2026, 12, 24), "before Christmas"),
    ("before the holidays", at(2026, 12, 23), "before the holidays"),
    ("by Thanksgiving", at(2026, 11, 26), "by Thanksgiving"),
    ("after Thanksgiving", at(2026, 11, 27), "after Thanksgiving"),
    ("by mid-December", at(2026, 12, 15), "by mid-December"),
    ("by early January", at(2027, 1, 7), "by early January"),
    ("by end of January", at(2027, 1, 31), "by end of January"),
    ("by early next week", at(2026, 11, 24), "by early next week"),
    ("late next week", at(2026, 11, 27), "late next week"),
    ("over the weekend", at(2026, 11, 22), "over the weekend"),
    ("by 30/11", at(2026, 11, 30), "by 30/11"),  # no month 30: day first, whatever the setting
]


@pytest.mark.parametrize(("text", "due", "phrase"), TABLE)
def test_deadline_table(text: str, due: datetime, phrase: str) -> None:
    found = parse_deadline(text, BASE)
    assert found is not None
    assert (found.due, found.phrase, found.kind) == (due, phrase, "date")
    assert found.due is not None and found.due.tzinfo is BERLIN


def test_friday_on_a_friday_is_next_week() -> None:
    friday = datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)
    found = parse_deadline("by Friday", friday)
    assert found is not None and found.due == at(2026, 11, 27)


def test_year_wraps_at_new_year() -> None:
    late = datetime(2026, 12, 30, 9, 0, tzinfo=BERLIN)
    assert (d := parse_deadline("in 3 days", late)) is not None and d.due == at(2027, 1, 2)
    assert (d := parse_deadline("by the 2nd", late)) is not None and d.due == at(2027, 1, 2)
    assert (d := parse_deadline("end of next month", late)) is not None and d.due == at(2027, 1, 31)


def test_day_first() -> None:
    found = parse_deadline("by 5/12", BASE, day_first=True)
    assert found is not None and found.due == at(2026, 12, 5)
    found = parse_deadline("by 5/12", BASE)
    assert found is not None and found.due == at(2027, 5, 12)


def test_other_time_zone_is_kept() -> None:
    ny = ZoneInfo("America/New_York")
    found = parse_deadline("by Friday", datetime(2026, 11, 18, 22, 0, tzinfo=ny))
    assert found is not None and found.due == datetime(2026, 11, 20, 17, 0, tzinfo=ny)


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("Please send it ASAP", "asap", "ASAP"),
        ("as soon as possible, thanks", "asap", "as soon as possible"),
        ("at your earliest convenience", "asap", "at your earliest convenience"),
        ("No rush on this one", "none", "No rush"),
        ("whenever you can", "none", "whenever you can"),
        ("when you get a chance", "none", "when you get a chance"),
    ],
)
def test_undated_kinds(text: str, kind: str, phrase: str) -> None:
    found = parse_deadline(text, BASE)
    assert found is not None
    assert (found.due, found.kind, found.phrase) == (None, kind, phrase)


def test_a_date_beats_asap() -> None:
    found = parse_deadline("ASAP, ideally by Friday", BASE)
    assert found is not None and found.kind == "date" and found.due == at(2026, 11, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your help with the review.",
        "Call me at 713-661-6096.",
        "About 3/4 of the team agreed.",
        "I sat down with Bob.",
        "The meeting is at 3pm.",
        "",
        "ï¿½ï¿½ mojibake ï¿½",
    ],
)
def test_no_deadline(text: str) -> None:
    assert parse_deadline(text, BASE) is None


@pytest.mark.parametrize("text", ["Enjoy the holidays!", "Merry Christmas!", "Happy Thanksgiving"])
def test_a_holiday_is_a_deadline_only_after_by_or_before(text: str) -> None:
    assert parse_deadline(text, BASE) is None


def test_each_day_form_runs_only_when_its_words_are_there() -> None:
    """The words (or digit) checked before a day pattern runs are implied by every match
    (a speed shortcut: it must never hide a day)."""
    import re

    from tests.unit.test_detect_issue17 import DEADLINES

    from followthrough.detect.dayforms import _DAY_PATTERNS, _DAY_TRIGGERS, _WORD

    texts = [t for t, *_ in TABLE] + [b for b, *_ in DEADLINES]
    texts += [
        "mid-December",
        "late next week",
        "the day after tomorrow",
        "two weeks from today",
        "end of Q3",
        "over the weekend",
        "New Year's Eve",
        "this afternoon",
        "EOM",
        "within 48 hours",
        "Thurs.",
    ]
    matched = 0
    for text in texts:
        words = set(_WORD.findall(text.lower()))
        for name, pattern in _DAY_PATTERNS:
            for m in pattern.finditer(text):
                matched += 1
                trigger = _DAY_TRIGGERS[name]
                seen = set(_WORD.findall(m.group(0).lower()))
                if trigger is None:
                    assert re.search(r"\d", m.group(0)), (name, text)
                else:
                    assert not trigger.isdisjoint(seen), (name, m.group(0))
                    assert not trigger.isdisjoint(words)
    assert matched > 100
