"""parse_calendar: tags, recurrences, time zones and broken events."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.ics.parse import MAX_OCCURRENCES, CalendarParseError, parse_calendar
from followthrough.model import CalendarRecord, Skipped, Window

TZ = ZoneInfo("Europe/Berlin")
WINDOW = Window(datetime(2025, 3, 1, tzinfo=TZ), datetime(2025, 4, 1, tzinfo=TZ))


def cal(*events: str, extra: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{extra}{body}END:VCALENDAR\r\n"
    return text.replace("\n ", "\n").encode()


def parse(raw: bytes, window: Window = WINDOW) -> tuple[list[CalendarRecord], list[Skipped]]:
    skips: list[Skipped] = []
    records = list(parse_calendar(raw, window=window, tz=TZ, source="t.ics", skip=skips.append))
    return sorted(records, key=lambda r: (r.uid, r.start)), skips


def event(uid: str, start: str = "DTSTART:20250310T100000Z", **props: str) -> str:
    lines = [f"UID:{uid}", "DTSTAMP:20250101T000000Z", start]
    lines += [f"{k.replace('_', '-')}:{v}" for k, v in props.items()]
    return "\r\n".join(lines)


def test_categories_lowercased_whatever_the_shape() -> None:
    raw = cal(
        event("a", CATEGORIES="Ask,Work"),
        event("b", CATEGORIES="ASK") + "\r\nCATEGORIES:Followup",
        event("c"),
    )
    records, skips = parse(raw)
    assert skips == []
    assert [r.categories for r in records] == [
        frozenset({"ask", "work"}),
        frozenset({"ask", "followup"}),
        frozenset(),
    ]


def test_ask_tag_in_summary_untouched_and_people() -> None:
    raw = cal(
        event(
            "a",
            SUMMARY="Ask: Bob — intro to Acme CTO #ask",
            ORGANIZER="mailto:Ann@Example.org",
        )
        + '\r\nATTENDEE;CN="Bob, Helper":MAILTO:bob@example.com'
        + "\r\nATTENDEE:mailto:not-an-address"
    )
    [record], _ = parse(raw)
    assert record.summary == "Ask: Bob — intro to Acme CTO #ask"
    assert record.organizer is not None and record.organizer.email == "ann@example.org"
    assert [(a.email, a.name) for a in record.attendees] == [("bob@example.com", "Bob, Helper")]
    assert record.recurrence_id is None
    assert record.end == record.start  # no DTEND, no DURATION: an instant


def test_rrule_expanded_inside_window_with_exdate_and_override() -> None:
    raw = cal(
        event(
            "s",
            "DTSTART;TZID=Europe/Berlin:20250203T090000",
            DTEND="20250203T083000Z",
            RRULE="FREQ=WEEKLY;BYDAY=MO",
            EXDATE="20250317T080000Z",
            SUMMARY="Standup",
        ),
        event(
            "s",
            "DTSTART;TZID=Europe/Berlin:20250325T150000",
            RECURRENCE_ID="20250324T080000Z",
            DTEND="20250325T143000Z",
            SUMMARY="Standup (moved) #done",
        ),
    )
    records, skips = parse(raw)
    assert skips == []
    starts = [(r.start.astimezone(TZ).strftime("%d %H:%M"), r.summary) for r in records]
    assert starts == [
        ("03 09:00", "Standup"),
        ("10 09:00", "Standup"),
        ("25 15:00", "Standup (moved) #done"),
        ("31 09:00", "Standup"),
    ]
    assert all(r.end - r.start > timedelta(0) for r in records)
    moved = records[2]
    assert moved.recurrence_id is not None
    assert moved.recurrence_id.astimezone(TZ) == datetime(2025, 3, 24, 9, tzinfo=TZ)


def test_all_day_and_floating() -> None:
    raw = cal(
        event("day", "DTSTART;VALUE=DATE:20250312"),
        event("float", "DTSTART:20250312T140000", DURATION="PT90M"),
    )
    [day, floating], _ = parse(raw)
    assert day.all_day and day.start == datetime(2025, 3, 12, tzinfo=TZ)
    assert day.end == datetime(2025, 3, 13, tzinfo=TZ)
    assert not floating.all_day
    assert floating.start == datetime(2025, 3, 12, 14, tzinfo=TZ)
    assert floating.end - floating.start == timedelta(minutes=90)


def test_broken_event_skipped_others_yield() -> None:
    raw = cal(
        event("good-1", SUMMARY="one"),
        event("bad", "DTSTART:INVALID-DATE", SUMMARY="broken"),
        "UID:nostart\r\nSUMMARY:no start",
        event("good-2", SUMMARY="two"),
    )
    records, skips = parse(raw)
    assert [r.uid for r in records] == ["good-1", "good-2"]
    assert sorted(s.where for s in skips) == ["t.ics: event bad", "t.ics: event nostart"]


def test_bom_lone_cr_and_bare_vevent() -> None:
    raw = b"\xef\xbb\xbf" + cal(event("a", SUMMARY="x")).replace(b"\r\n", b"\r")
    [record], _ = parse(raw)
    assert record.uid == "a"
    bare = f"BEGIN:VEVENT\r\n{event('b')}\r\nEND:VEVENT\r\n".encode()
    assert [r.uid for r in parse(bare)[0]] == ["b"]


def test_occurrences_bounded_and_reported() -> None:
    raw = cal(event("m", "DTSTART:20250301T000000Z", RRULE="FREQ=MINUTELY"))
    records, skips = parse(raw, Window(WINDOW.start, WINDOW.start + timedelta(days=5)))
    assert len(records) == MAX_OCCURRENCES
    assert [s.where for s in skips] == ["t.ics: event m"]


@pytest.mark.parametrize("raw", [b"", b"hello", b"BEGIN:VCALENDAR\r\nX\r\n", b"\x00\xff" * 20])
def test_unreadable_raises_calendar_parse_error(raw: bytes) -> None:
    with pytest.raises(CalendarParseError):
        parse(raw)
