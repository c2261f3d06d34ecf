"""Limits: absurdly large input is skipped with a warning, in bounded time and memory.

A 50 MB message, a 1 MB header line, a calendar of 100,000 events and a recurrence
rule with no end go through a whole `followthrough scan` next to one ordinary ask; the
ordinary ask is still found and drafted, each oversized item is reported once by name,
and the [limits] keys move the bounds.
"""

from __future__ import annotations

import logging
import time
import tracemalloc
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.ics.parse import CalendarParseError, parse_calendar
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.config.settings import settings_from_dict
from followthrough.config.storage import LimitsSettings
from followthrough.errors import ConfigError
from integration import scenario as sc

pytestmark = pytest.mark.slow

TZ = ZoneInfo("Europe/Berlin")
MB = 1024 * 1024


def _headers(extra: bytes = b"") -> bytes:
    return (
        b"From: Bob Chen <bob@example.org>\r\nTo: alex@example.org\r\n"
        b"Subject: big\r\nDate: Tue, 03 Nov 2026 10:00:00 +0100\r\n"
        b"Message-ID: <big@example.org>\r\n" + extra
    )


def fifty_mb_message() -> bytes:
    body = (b"A" * 76 + b"\r\n") * (50 * MB // 78 + 1)
    return _headers(b"Content-Type: text/plain\r\n\r\n") + body


def one_mb_header_line() -> bytes:
    return _headers(b"X-Junk: " + b"j" * MB + b"\r\n\r\nhello\r\n")


def many_events(count: int) -> bytes:
    event = (
        "BEGIN:VEVENT\r\nUID:e{i}@x\r\nDTSTART:20261103T100000Z\r\n"
        "DTEND:20261103T110000Z\r\nSUMMARY:event {i}\r\nEND:VEVENT\r\n"
    )
    body = "".join(event.format(i=i) for i in range(count))
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def endless_rule(freq: str = "MINUTELY", since: str = "20261101T000000Z") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:endless@x\r\nDTSTART:{since}\r\nDURATION:PT1S\r\n"
        f"RRULE:FREQ={freq}\r\nSUMMARY:standup forever\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_oversized_items_skip_with_a_warning_and_the_pass_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    ws.deliver(ws.sent, [m for m in sc.sent_at_start() if m.key == "a1"])
    (ws.inbox / "cur" / "huge:2,S").write_bytes(fifty_mb_message())
    (ws.inbox / "cur" / "longheader:2,S").write_bytes(one_mb_header_line())
    (ws.root / "calendar" / "many.ics").write_bytes(many_events(100_000))
    (ws.root / "calendar" / "endless.ics").write_bytes(endless_rule())
    (ws.root / "calendar" / "since2020.ics").write_bytes(
        endless_rule("SECONDLY", "20200101T000000Z")
    )

    caplog.set_level(logging.WARNING)
    tracemalloc.start()
    started = time.process_time()  # CPU, not wall time: a busy machine must not fail it
    try:
        out = ws.cli("scan", now="2026-11-09T10:00")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.process_time() - started
    # a bound on the work (about 45 s of CPU with tracemalloc on), not a speed target:
    # an unbounded expansion or a quadratic parse would take hours
    assert seconds < 120, f"the scan used {seconds:.0f}s of CPU"
    assert peak < 200 * MB, f"the scan held {peak / MB:.0f} MB at its peak"

    skipped = [line for line in out.splitlines() if line.startswith("  skipped ")]
    by_name = {name: [s for s in skipped if name in s] for name in ("huge", "longheader")}
    assert len(by_name["huge"]) == 1 and "max_message_bytes" in by_name["huge"][0], skipped
    assert len(by_name["longheader"]) == 1 and "max_header_bytes" in by_name["longheader"][0]
    many = [s for s in skipped if "many.ics" in s]
    assert len(many) == 1 and "max_calendar_events" in many[0], skipped
    endless = [s for s in skipped if "endless.ics" in s]
    assert len(endless) == 1 and "max_occurrences" in endless[0], skipped
    since2020 = [s for s in skipped if "since2020.ics" in s]
    assert len(since2020) == 1 and "not expanded" in since2020[0], skipped
    # each skip is also a warning in the log, with the item's name
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    for name in ("huge", "longheader", "many.ics", "endless.ics", "since2020.ics"):
        assert any(name in w for w in warned), (name, warned)
    # the ordinary ask was still found and drafted
    assert "a1@example.org" in ws.asks()
    assert any(fid.endswith("-nudge") for fid in ws.draft_files()), out


def test_limits_are_configurable(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(
        tmp_path,
        "\n[limits]\nmax_message_bytes = 2000\nmax_header_bytes = 300\n"
        "max_calendar_events = 3\nmax_occurrences = 10\nmax_calendar_bytes = 100000\n",
    )
    ws.deliver(ws.sent, [m for m in sc.sent_at_start() if m.key == "a1"])
    (ws.inbox / "cur" / "medium:2,S").write_bytes(_headers(b"\r\n") + b"x" * 3000)
    (ws.inbox / "cur" / "headers:2,S").write_bytes(_headers(b"X-A: " + b"a" * 400 + b"\r\n\r\n."))
    (ws.root / "calendar" / "four.ics").write_bytes(many_events(4))
    (ws.root / "calendar" / "big.ics").write_bytes(many_events(1) + b" " * 100_001)
    out = ws.cli("scan", now="2026-11-09T10:00")
    skipped = "\n".join(line for line in out.splitlines() if line.startswith("  skipped "))
    assert "medium" in skipped and "(2,000)" in skipped
    assert "headers:2,S" in skipped and "max_header_bytes (300" in skipped
    assert "four.ics" in skipped and "max_calendar_events (3)" in skipped
    assert "big.ics" in skipped and "max_calendar_bytes" in skipped
    assert "a1@example.org" in ws.asks()  # the small sent ask is under every limit


def test_limits_config_is_checked(tmp_path: Path) -> None:
    data = {
        "user": {"email": "me@example.org"},
        "local": {"sent": "S", "inbox": "I", "drafts": "D"},
        "limits": {"max_message_bytes": 0, "max_header_byte": 5, "max_occurrences": "many"},
    }
    with pytest.raises(ConfigError) as caught:
        settings_from_dict(tmp_path / "config.toml", data)
    problems = "\n".join(caught.value.problems)
    assert "[limits].max_message_bytes: expected a number > 0" in problems
    assert "[limits].max_header_byte: unknown key" in problems
    assert "[limits].max_occurrences: expected int" in problems
    del data["limits"]
    assert settings_from_dict(tmp_path / "config.toml", data).limits == LimitsSettings()


def test_parsers_bound_their_work_directly() -> None:
    """The limits hold for every backend (IMAP and Exchange hand raw bytes to the same
    parser), and a message or calendar under them is read in bounded time."""
    with pytest.raises(MessageParseError, match="max_message_bytes"):
        parse_message(fifty_mb_message(), ref="x", folder="inbox", marks=frozenset(), tz=TZ)
    with pytest.raises(MessageParseError, match="max_header_bytes"):
        parse_message(one_mb_header_line(), ref="x", folder="inbox", marks=frozenset(), tz=TZ)
    started = time.monotonic()
    record = parse_message(
        one_mb_header_line(),
        ref="x",
        folder="inbox",
        marks=frozenset(),
        tz=TZ,
        max_header_bytes=2 * MB,
    )
    assert record.text.strip() == "hello" and time.monotonic() - started < 10
    window_ = sc.at("2026-11-01T00:00"), sc.at("2026-12-01T00:00")
    from followthrough.model import Skipped, Window

    window = Window(*window_)
    skips: list[Skipped] = []
    with pytest.raises(CalendarParseError, match="max_calendar_events"):
        list(
            parse_calendar(
                many_events(100_000), window=window, tz=TZ, source="many", skip=skips.append
            )
        )
    started = time.monotonic()
    found = list(
        parse_calendar(endless_rule(), window=window, tz=TZ, source="e", skip=skips.append)
    )
    assert len(found) == 5000 and time.monotonic() - started < 60
    assert [s.where for s in skips] == ["e: event endless@x"]
    skips.clear()
    started = time.monotonic()
    for freq in ("SECONDLY", "MINUTELY"):
        rule = endless_rule(freq, "19700101T000000Z")
        assert not list(parse_calendar(rule, window=window, tz=TZ, source=freq, skip=skips.append))
    hourly = endless_rule("HOURLY", "19700101T000000Z")  # 500,000 steps: expanded
    found = list(parse_calendar(hourly, window=window, tz=TZ, source="h", skip=skips.append))
    assert len(found) == 30 * 24
    assert time.monotonic() - started < 30
    assert [s.where for s in skips] == [f"{f}: event endless@x" for f in ("SECONDLY", "MINUTELY")]
    assert all("not expanded" in s.why for s in skips)
    assert all(r.start.tzinfo is not None for r in found[:10])
    assert datetime(2026, 11, 1, tzinfo=TZ) <= found[0].start


def test_example_config_documents_every_limit() -> None:
    import tomllib
    from dataclasses import fields

    root = Path(__file__).resolve().parents[2]
    text = (root / "config.example.toml").read_text()
    example = tomllib.loads(text)["limits"]
    assert {f.name for f in fields(LimitsSettings)} == set(example)
    for f in fields(LimitsSettings):
        assert example[f.name] == f.default, f.name  # the example shows the defaults
        line = next(i for i, x in enumerate(text.splitlines()) if x.startswith(f"{f.name} ="))
        assert text.splitlines()[line - 1].startswith("#"), f"{f.name} is not documented"


@pytest.mark.parametrize(
    "rule",
    [
        "RRULE:FREQ=DAILY;INTERVAL=0",
        "RRULE:FREQ=WEEKLY;INTERVAL=-3",
        "RRULE:FREQ=DAILY;INTER\r\n VAL=0",
    ],
)
def test_a_rule_that_never_advances_is_refused_not_looped(rule: str) -> None:
    from followthrough.model import Window

    raw = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\n"
        f"{rule}\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    window = Window(sc.at("2026-01-01T00:00"), sc.at("2026-02-01T00:00"))
    with pytest.raises(CalendarParseError, match="never advances"):
        list(parse_calendar(raw, window=window, tz=TZ, source="f", skip=lambda s: None))


@pytest.mark.parametrize("freq", ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY"])
def test_a_time_zone_that_changes_more_than_yearly_is_refused(freq: str) -> None:
    from followthrough.model import Window

    raw = (
        "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Odd/Zone\r\nBEGIN:DAYLIGHT\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nDTSTART:19810329T020000\r\n"
        f"RRULE:FREQ={freq}\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        "DTSTART;TZID=Odd/Zone:20260110T100000\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    window = Window(sc.at("2026-01-01T00:00"), sc.at("2026-02-01T00:00"))
    started = time.process_time()
    with pytest.raises(CalendarParseError, match="time zone"):
        list(parse_calendar(raw, window=window, tz=TZ, source="f", skip=lambda s: None))
    assert time.process_time() - started < 5


def test_a_daily_zone_under_a_daily_event_is_refused_not_walked() -> None:
    """Found by the fuzz test: a custom zone whose observances "recur" daily, under a
    daily event, made dateutil walk tens of millions of instants (60 s of CPU)."""
    from followthrough.model import Window

    raw = (
        b"BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:/Europe/CUSTOM\nBEGIN:DAYLIGHT\n"
        b"TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\n"
        b"RRULE:FREQ=DAILY;COUNT=999999999\r\nDTSTART:19700329T020000\n"
        b"RRULE:FREQ=DAILY;COUNT=999999999\nEND:DAYLIGHT\nBEGIN:STANDARD\n"
        b"TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nDTSTART:19701025T030000\n"
        b"RRULE:FREQ=DAILY;COUNT=999999999\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\n"
        b"UID:0cab49a0\nDTSTAMP:20221019T102950Z\nDTSTART;TZID=/Europe/CUSTOM:20221021T200000\n"
        b"DTEND;TZID=/Europe/CUSTOM:20221021T210000\nSUMMARY:Just chatting\n"
        b"RRULE:FREQ=DAILY;COUNT=999999999\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    window = Window(sc.at("2000-01-01T00:00"), sc.at("2030-01-01T00:00"))
    with pytest.raises(CalendarParseError, match="FREQ=DAILY"):
        list(parse_calendar(raw, window=window, tz=TZ, source="f", skip=lambda s: None))
