"""Property tests: real messages and calendars, mutated, through the parsers.

Mutations: truncation, flipped and inserted bytes, dropped MIME boundaries, wrong
charsets, absurd dates, recurrence rules that never end. Whatever comes in, the parser
returns a record or raises its own parse error (which the backends report as a skip),
within a per-example time budget, and the records keep their invariants.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.backends.ics.parse import CalendarParseError, parse_calendar
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.model import CalendarRecord, MailRecord, Skipped, Window
from shared_data import SHARED_DATA, needs_shared_data
from timebox import budget

TZ = ZoneInfo("Europe/Berlin")
WINDOW = Window(datetime(2000, 1, 1, tzinfo=TZ), datetime(2030, 1, 1, tzinfo=TZ))
PER_EXAMPLE_SECONDS = 5
MAIL = sorted(
    p for p in (SHARED_DATA / "mail").rglob("*") if p.is_file() and 0 < p.stat().st_size < 200_000
)
ICS = sorted(
    p
    for p in (SHARED_DATA / "ics").rglob("*.ics")
    if p.is_file() and 0 < p.stat().st_size < 100_000
)
FUZZ = settings(
    max_examples=300,
    deadline=None,  # the alarm below is the per-example budget; CI machines vary
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
UNSAFE = re.compile("[\r\n\x00\u2028\u2029\x85]")


@needs_shared_data
def test_there_is_material_to_mutate() -> None:
    assert len(MAIL) > 100 and len(ICS) > 150, SHARED_DATA


@st.composite
def mutated(draw: st.DrawFn, files: list[Path]) -> bytes:
    raw = draw(st.sampled_from(files)).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["truncate", "flip", "insert", "boundary", "charset", "date", "dup", "rrule"]
            )
        )
        if kind == "truncate" and raw:
            raw = raw[: draw(st.integers(0, len(raw)))]
        elif kind == "flip" and raw:
            i = draw(st.integers(0, len(raw) - 1))
            raw = raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1 :]
        elif kind == "insert":
            i = draw(st.integers(0, len(raw)))
            junk = draw(
                st.sampled_from(
                    [b"\r", b"\n", b"\x00", b"\r\n\r\n", b"=?", b"?=", b"<>", b"\xff\xfe", b"--"]
                )
                | st.binary(max_size=40)
            )
            raw = raw[:i] + junk + raw[i:]
        elif kind == "boundary":
            raw = re.sub(rb'boundary="?[^";\r\n]+"?', b"", raw, count=1, flags=re.I)
            raw = re.sub(rb"\n--[^\r\n]*", b"\n", raw, count=draw(st.integers(0, 5)))
        elif kind == "charset":
            cs = draw(st.sampled_from([b"utf-7", b"bogus-8", b"utf-16", b"x-unknown", b"gb2312"]))
            raw = re.sub(rb"charset=\"?[A-Za-z0-9_-]+\"?", b"charset=" + cs, raw, flags=re.I)
        elif kind == "date":
            value = draw(
                st.sampled_from(
                    [
                        b"Mon, 31 Feb 99999 25:61:61 +9999",
                        b"0",
                        b"Thu, 01 Jan 0001 00:00:00 -2400",
                        b"20261301T250000Z",
                        b"99991231T235959",
                        b"19000229",
                    ]
                )
            )
            raw = re.sub(rb"(?m)^(Date|DTSTART|DTEND)([;:][^\r\n]*)?:", rb"\1:", raw, count=1)
            raw = re.sub(rb"(?m)^(Date|DTSTART|DTEND):[^\r\n]*", rb"\1:" + value, raw, count=1)
        elif kind == "dup" and raw:
            raw = raw + raw[: draw(st.integers(0, min(len(raw), 5000)))]
        elif kind == "rrule":
            rule = draw(
                st.sampled_from(
                    [
                        b"RRULE:FREQ=SECONDLY",
                        b"RRULE:FREQ=MINUTELY;INTERVAL=1",
                        b"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                        b"RRULE:FREQ=DAILY;COUNT=999999999",
                        b"RRULE:FREQ=HOURLY;BYSECOND=0,1,2,3,4,5,6,7,8,9",
                        b"RRULE:FREQ=WEEKLY;UNTIL=99991231T000000Z",
                        b"RRULE:FREQ=BOGUS",
                        b"RRULE:FREQ=DAILY;INTERVAL=0",
                        b"RRULE:FREQ=YEARLY;INTERVAL=-1",
                    ]
                )
            )
            raw = re.sub(rb"(?m)^DTSTART", rule + b"\r\nDTSTART", raw, count=1)
            if draw(st.booleans()):  # into every component, time zones included
                raw = re.sub(rb"(?m)^RRULE:[^\r\n]*", rule, raw)
    return raw


def check_mail(record: MailRecord) -> None:
    assert record.date.tzinfo is not None
    for text in (record.subject, record.message_id, *record.references, record.in_reply_to or ""):
        assert not UNSAFE.search(text), text
    for address in (*record.to, *record.cc, *([record.sender] if record.sender else [])):
        assert not UNSAFE.search(address.name) and not UNSAFE.search(address.email)
        assert "@" in address.email and "," not in address.email
    assert record.message_id


def check_event(record: CalendarRecord) -> None:
    assert record.start.tzinfo is not None and record.end.tzinfo is not None
    assert record.end >= record.start
    assert not UNSAFE.search(record.summary) and not UNSAFE.search(record.uid)


@needs_shared_data
@FUZZ
@given(raw=mutated(MAIL))
def test_mutated_mail_parses_or_is_refused(raw: bytes) -> None:
    with budget(PER_EXAMPLE_SECONDS):
        try:
            record = parse_message(raw, ref="x", folder="inbox", marks=frozenset(), tz=TZ)
        except MessageParseError as exc:
            assert exc.why
            return
    check_mail(record)


@needs_shared_data
@FUZZ
@given(raw=mutated(ICS))
def test_mutated_calendars_parse_or_are_refused(raw: bytes) -> None:
    skips: list[Skipped] = []
    started = time.process_time()
    with budget(3 * PER_EXAMPLE_SECONDS):
        try:
            records = list(
                parse_calendar(raw, window=WINDOW, tz=TZ, source="f.ics", skip=skips.append)
            )
        except CalendarParseError as exc:
            assert exc.why
            return
    assert time.process_time() - started < 3 * PER_EXAMPLE_SECONDS
    for record in records[:200]:
        check_event(record)
    assert all(s.where.startswith("f.ics") and s.why for s in skips)


@FUZZ
@given(
    head=st.lists(
        st.tuples(
            st.sampled_from(["From", "To", "Cc", "Subject", "Message-ID", "References", "Date"]),
            st.text(max_size=200),
        ),
        max_size=8,
    ),
    body=st.binary(max_size=500),
)
def test_arbitrary_header_text_never_escapes(head: list[tuple[str, str]], body: bytes) -> None:
    raw = b"".join(f"{k}: {v}\r\n".encode("utf-8", "surrogatepass") for k, v in head)
    raw = b"X-A: 1\r\n" + raw + b"\r\n" + body
    with budget(PER_EXAMPLE_SECONDS):
        try:
            record = parse_message(raw, ref="x", folder="inbox", marks=frozenset(), tz=TZ)
        except MessageParseError:
            return
    check_mail(record)
