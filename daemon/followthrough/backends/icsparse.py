"""One iCalendar payload -> CalendarRecords, recurring series expanded over a window.

The only module that imports icalendar and recurring_ical_events. Events are expanded
one UID at a time, so one broken VEVENT is reported through ``skip`` while the rest of
the file still yields; only a payload that cannot be read at all raises
CalendarParseError.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component

from followthrough.backends.mailparse import clean_line, parse_address
from followthrough.errors import BackendError
from followthrough.model import Address, CalendarRecord, Skipped, SkipSink, Window

log = logging.getLogger(__name__)

MAX_OCCURRENCES = 5000  # per event and window; past it the rest is reported and dropped


class CalendarParseError(BackendError):
    """The payload is not a readable iCalendar file. The caller reports a skip."""

    def __init__(self, why: str) -> None:
        super().__init__(why, transient=False)
        self.why = why


def _text(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    # Lone CRs (old Mac exports) and blank lines confuse the line unfolder.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"


def _components(raw: bytes) -> list[Component]:
    text = _text(raw)
    if "BEGIN:" not in text.upper():
        raise CalendarParseError("not an iCalendar file (no BEGIN line)")
    try:
        with warnings.catch_warnings():  # icalendar warns about guessed TZIDs and the like
            warnings.simplefilter("ignore")
            found = Component.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError...
        raise CalendarParseError(f"unreadable iCalendar data: {exc}") from exc
    calendars: list[Component] = []
    loose = Calendar()
    for component in found:
        if component.name == "VCALENDAR":
            calendars.append(component)
        elif component.name == "VEVENT":  # a bare VEVENT without its VCALENDAR
            loose.add_component(component)
    if loose.subcomponents:
        calendars.append(loose)
    return calendars


def _as_datetime(value: date | datetime, tz: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    return datetime.combine(value, time(), tzinfo=tz)


def _prop_dt(component: Component, name: str) -> date | datetime | None:
    prop = component.get(name)
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    return value if isinstance(value, date) else None


def _categories(component: Component) -> frozenset[str]:
    raw = component.get("CATEGORIES")
    if raw is None:
        return frozenset()
    values = raw if isinstance(raw, list) else [raw]
    out: set[str] = set()
    for value in values:
        cats = getattr(value, "cats", None)
        items: Iterable[Any] = cats if cats is not None else str(value).split(",")
        for item in items:
            cat = clean_line(str(item)).lower()
            if cat:
                out.add(cat)
    return frozenset(out)


def _address(value: Any) -> Address | None:
    if value is None:
        return None
    params = getattr(value, "params", {})
    name = params.get("CN", "") if hasattr(params, "get") else ""
    return parse_address(str(value), str(name or "").strip('"'))


def _attendees(component: Component) -> tuple[Address, ...]:
    raw = component.get("ATTENDEE")
    values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
    out: list[Address] = []
    for value in values:
        address = _address(value)
        if address is not None and address not in out:
            out.append(address)
    return tuple(out)


def _record(occurrence: Component, tz: ZoneInfo, source: str, recurring: bool) -> CalendarRecord:
    start_raw = _prop_dt(occurrence, "DTSTART")
    if start_raw is None:
        raise ValueError("no DTSTART")
    all_day = not isinstance(start_raw, datetime)
    start = _as_datetime(start_raw, tz)
    end_raw = _prop_dt(occurrence, "DTEND")
    if end_raw is not None:
        end = _as_datetime(end_raw, tz)
    else:
        duration = getattr(occurrence.get("DURATION"), "dt", None)
        if isinstance(duration, timedelta):
            end = start + duration
        else:
            end = start + timedelta(days=1) if all_day else start
    end = max(end, start)
    # recurring_ical_events stamps a RECURRENCE-ID on every occurrence, even of a
    # single event: only a series (or an override of one) has a recurrence id.
    recurrence_id: datetime | None = None
    if recurring:
        recurrence_raw = _prop_dt(occurrence, "RECURRENCE-ID")
        recurrence_id = _as_datetime(recurrence_raw or start_raw, tz)
    return CalendarRecord(
        uid=clean_line(str(occurrence.get("UID", "")))[:500],
        recurrence_id=recurrence_id,
        start=start,
        end=end,
        summary=clean_line(str(occurrence.get("SUMMARY", ""))),
        description=str(occurrence.get("DESCRIPTION", ""))
        .replace("\r\n", "\n")
        .replace("\x00", ""),
        categories=_categories(occurrence),
        organizer=_address(occurrence.get("ORGANIZER")),
        attendees=_attendees(occurrence),
        source=source,
        all_day=all_day,
    )


def _groups(calendar: Component) -> Iterator[tuple[str, list[Component]]]:
    """VEVENTs grouped by UID (a series and its overrides belong together)."""
    groups: dict[str, list[Component]] = {}
    for index, component in enumerate(calendar.subcomponents):
        if component.name != "VEVENT":
            continue
        uid = clean_line(str(component.get("UID", "")))
        groups.setdefault(uid or f"#{index}", []).append(component)
    yield from groups.items()


def _expand(
    calendar: Component,
    events: list[Component],
    window: Window,
    tz: ZoneInfo,
    source: str,
    where: str,
    skip: SkipSink,
) -> list[CalendarRecord]:
    """All occurrences of one UID in the window; raises on a broken event."""
    mini = Calendar()
    for key in ("X-WR-TIMEZONE", "CALSCALE"):
        if key in calendar:
            mini[key] = calendar[key]
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            mini.add_component(component)
    for event in events:
        mini.add_component(event)
    recurring = any(key in e for e in events for key in ("RRULE", "RDATE", "RECURRENCE-ID"))
    query = recurring_ical_events.of(mini)
    records: list[CalendarRecord] = []
    for series in query.series:
        occurrences = list(islice(series.between(window.start, window.end), MAX_OCCURRENCES + 1))
        if len(occurrences) > MAX_OCCURRENCES:
            skip(
                Skipped(
                    where, f"more than {MAX_OCCURRENCES} occurrences in the window; rest ignored"
                )
            )
            occurrences = occurrences[:MAX_OCCURRENCES]
        for occurrence in occurrences:
            records.append(_record(occurrence.as_component(False), tz, source, recurring))
    return records


def parse_calendar(
    raw: bytes, *, window: Window, tz: ZoneInfo, source: str, skip: SkipSink
) -> Iterator[CalendarRecord]:
    """Every occurrence in ``window`` of every VEVENT in ``raw`` (one .ics payload).

    Floating times are taken in ``tz``; all-day entries start at 00:00 in ``tz``.
    A broken event is reported through ``skip`` and the rest still yields; an
    unreadable payload raises CalendarParseError.
    """
    for calendar in _components(raw):
        for key, events in _groups(calendar):
            where = f"{source}: event {key}"
            if any("DTSTART" not in event for event in events):
                skip(Skipped(where=where, why="VEVENT without DTSTART"))
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    records = _expand(calendar, events, window, tz, source, where, skip)
            except Exception as exc:  # anything in one event must not stop the file
                log.debug("skipping %s: %s", where, exc)
                skip(Skipped(where=where, why=f"{type(exc).__name__}: {exc}"[:300]))
                continue
            yield from records
