"""Issue 18, point 7: Windows time-zone names, unknown TZIDs, all-day dates that carry a
TZID, and files with one broken property (each problem named, the rest still read)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.ics.parse import parse_calendar
from followthrough.model import CalendarRecord, Skipped, Window

TZ = ZoneInfo("Europe/Berlin")
WINDOW = Window(datetime(2026, 11, 1, tzinfo=TZ), datetime(2026, 12, 1, tzinfo=TZ))
DATA = Path(__file__).resolve().parents[1] / "data" / "ics"


def calendar(*blocks: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0//EN\r\n"
        + "".join(b.strip().replace("\n", "\r\n") + "\r\n" for b in blocks)
        + "END:VCALENDAR\r\n"
    ).encode()


def parse(raw: bytes) -> tuple[dict[str, CalendarRecord], list[Skipped]]:
    skips: list[Skipped] = []
    records = parse_calendar(raw, window=WINDOW, tz=TZ, source="t.ics", skip=skips.append)
    return {r.uid: r for r in records}, skips


# Windows names as Outlook and Exchange write them, and the zone each one means.
WINDOWS = {
    "New Zealand Standard Time": "Pacific/Auckland",
    "W. Europe Standard Time": "Europe/Berlin",
    "GMT Standard Time": "Europe/London",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Mountain Standard Time": "America/Denver",
    "Pacific Standard Time": "America/Los_Angeles",
    "Tokyo Standard Time": "Asia/Tokyo",
    "India Standard Time": "Asia/Calcutta",
    "China Standard Time": "Asia/Shanghai",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "E. South America Standard Time": "America/Sao_Paulo",
}
# What Outlook sometimes exports for such a zone: a VTIMEZONE that says nothing true.
BROKEN_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:{name}
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0000
TZOFFSETTO:+0000
END:STANDARD
END:VTIMEZONE"""


@pytest.mark.parametrize("name", sorted(WINDOWS))
@pytest.mark.parametrize("with_vtimezone", [False, True], ids=["bare", "broken-vtimezone"])
def test_windows_zone_names_map_to_iana(name: str, with_vtimezone: bool) -> None:
    blocks = [BROKEN_VTIMEZONE.format(name=name)] if with_vtimezone else []
    blocks.append(
        f'BEGIN:VEVENT\nUID:e1\nDTSTART;TZID="{name}":20261110T090000\n'
        f"DTEND;TZID={name}:20261110T100000\nSUMMARY:Review #ask\nEND:VEVENT"
    )
    records, skips = parse(calendar(*blocks))
    expected = datetime(2026, 11, 10, 9, tzinfo=ZoneInfo(WINDOWS[name]))
    assert records["e1"].start == expected
    assert records["e1"].end - records["e1"].start == expected - expected.replace(hour=8)
    assert skips == []


def test_an_unknown_tzid_is_named_and_read_in_the_users_zone() -> None:
    records, skips = parse(
        calendar(
            "BEGIN:VEVENT\nUID:e1\nDTSTART;TZID=Nowhere/Middle:20261110T090000\n"
            "SUMMARY:Review\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:e2\nDTSTART;TZID=UTC+11:20261110T090000\nSUMMARY:Other\nEND:VEVENT",
        )
    )
    assert records["e1"].start == datetime(2026, 11, 10, 9, tzinfo=TZ)
    assert records["e2"].start == datetime(2026, 11, 10, 9, tzinfo=TZ)
    assert [(s.where, s.why) for s in skips] == [
        ("t.ics: event e1", "unknown time zone 'Nowhere/Middle' in DTSTART; read as Europe/Berlin"),
        ("t.ics: event e2", "unknown time zone 'UTC+11' in DTSTART; read as Europe/Berlin"),
    ]


@pytest.mark.parametrize(
    "start",
    ["DTSTART;TZID=Europe/Berlin;VALUE=DATE:20261110", "DTSTART;TZID=Europe/Berlin:20261110"],
)
def test_an_all_day_date_with_a_tzid_stays_all_day(start: str) -> None:
    records, skips = parse(
        calendar(
            f"BEGIN:VEVENT\nUID:e1\n{start}\nDTEND;TZID=Europe/Berlin:20261111\nSUMMARY:Day\nEND:VEVENT"
        )
    )
    assert records["e1"].all_day
    assert records["e1"].start == datetime(2026, 11, 10, tzinfo=TZ)
    assert skips == []


def test_one_broken_property_skips_that_property_not_the_file() -> None:
    good = "BEGIN:VEVENT\nUID:good\nDTSTART:20261112T090000Z\nSUMMARY:Fine #ask\nEND:VEVENT"
    records, skips = parse(
        calendar(
            "BEGIN:VEVENT\nUID:alarm\nDTSTART:20261110T090000Z\nSUMMARY:Alarm\n"
            "BEGIN:VALARM\nTRIGGER:PT-2H\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:two\nDTSTART:20261110T090000Z\nDTSTART:20261111T090000Z\n"
            "SUMMARY:Two\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:rdate\nDTSTART:20261110T090000Z\nRDATE;VALUE=TIME:120000\n"
            "SUMMARY:Rdate\nEND:VEVENT",
            good,
        )
    )
    assert set(records) == {"alarm", "two", "rdate", "good"}
    assert records["two"].start == datetime(2026, 11, 10, 10, tzinfo=TZ)
    why = {s.where: s.why for s in skips}
    assert set(why) == {"t.ics: event alarm", "t.ics: event two", "t.ics: event rdate"}
    assert "PT-2H" in why["t.ics: event alarm"]
    assert "second DTSTART" in why["t.ics: event two"]
    assert "RDATE" in why["t.ics: event rdate"]


def test_an_event_that_cannot_be_read_at_all_is_skipped_by_name() -> None:
    records, skips = parse(
        calendar(
            "BEGIN:VEVENT\nUID:bad\nDTSTART:20261110T090000Z\nDURATION:PT-2H\nSUMMARY:Bad\n"
            "RRULE:FREQ=NOPE\nEND:VEVENT",
            "BEGIN:VEVENT\nUID:good\nDTSTART:20261112T090000Z\nSUMMARY:Fine\nEND:VEVENT",
        )
    )
    assert "good" in records
    assert [s.where for s in skips] == ["t.ics: event bad"]
