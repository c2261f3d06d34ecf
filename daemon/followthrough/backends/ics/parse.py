"""One iCalendar payload -> CalendarRecords, recurring series expanded over a window.

This package is the only importer of icalendar and recurring_ical_events. Events are expanded
one UID at a time, so one broken VEVENT is reported through ``skip`` while the rest of
the file still yields; only a payload that cannot be read at all raises
CalendarParseError.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component

from followthrough.backends.ics.repair import Note, components_leniently, prepare, read_text
from followthrough.backends.mail.headers import clean_line, parse_address
from followthrough.errors import BackendError
from followthrough.model import Address, CalendarRecord, Skipped, SkipSink, Window

log = logging.getLogger(__name__)

MAX_OCCURRENCES = 5000  # per event and window; past it the rest is reported and dropped
MAX_EVENTS = 20_000  # VEVENTs per payload; past it the payload is not read ([limits])
_VEVENT = re.compile(rb"^[ \t]*BEGIN[ \t]*:[ \t]*VEVENT", re.I | re.M)
# Expanding an RRULE walks every candidate instant from DTSTART on, however far before
# the window it lies ("FREQ=SECONDLY" since 2020 is 200 million steps): past this many
# the event is reported and not expanded.
MAX_RULE_STEPS = 2_000_000
_FREQ_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 28 * 86400,
    "YEARLY": 365 * 86400,
}
# BY* parts that add instants within one period of a coarser FREQ (the rest filter).
_EXPANDS = {
    "BYSECOND": 60,
    "BYMINUTE": 3600,
    "BYHOUR": 86400,
    "BYDAY": 7 * 86400,
    "BYMONTHDAY": 28 * 86400,
    "BYYEARDAY": 365 * 86400,
    "BYWEEKNO": 365 * 86400,
    "BYMONTH": 365 * 86400,
}


_INTERVAL = re.compile(r"^(?:RRULE|EXRULE)[^:\n]*:[^\n]*?\bINTERVAL=(-?\d+)", re.I | re.M)
_VTIMEZONE = re.compile(r"^BEGIN:VTIMEZONE$.*?^END:VTIMEZONE$", re.I | re.M | re.S)
# A real zone's observances recur yearly (every VTIMEZONE in the shared calendars does).
# dateutil looks an offset up by walking the rule's instants from its start, so a zone
# that "changes" daily costs millions of steps per event: 60 s of CPU for one 30-line file.
_ZONE_FREQ = re.compile(r"\bFREQ=(?!YEARLY\b)(\w+)", re.I)


class CalendarParseError(BackendError):
    """The payload is not a readable iCalendar file. The caller reports a skip."""

    def __init__(self, why: str) -> None:
        super().__init__(why, transient=False)
        self.why = why


def _read_components(raw: bytes, tz: ZoneInfo) -> tuple[list[Component], list[Note]]:
    text = read_text(raw)
    if "BEGIN:" not in text.upper():
        raise CalendarParseError("not an iCalendar file (no BEGIN line)")
    for rule in _INTERVAL.finditer(re.sub(r"\n[ \t]", "", text)):
        if int(rule.group(1)) < 1:  # dateutil (events and time zones) would never finish
            raise CalendarParseError(
                f"a recurrence rule has INTERVAL={rule.group(1)}, which never advances"
            )
    for zone in _VTIMEZONE.findall(text):
        odd = _ZONE_FREQ.search(zone)
        if odd:
            raise CalendarParseError(
                f"a time zone's rule changes its offset FREQ={odd.group(1).upper()}; "
                "real zones change at most twice a year (FREQ=YEARLY)"
            )
    text, notes = prepare(text, tz)
    try:
        with warnings.catch_warnings():  # icalendar warns about guessed TZIDs and the like
            warnings.simplefilter("ignore")
            try:
                found = Component.from_ical(text, multiple=True)
            except Exception:  # one broken component: read the others one by one
                found, more = components_leniently(text)
                notes += more
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
    return calendars, notes


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


def _rule_steps(event: Component, end: datetime, tz: ZoneInfo) -> float:
    """About how many candidate instants expanding ``event``'s RRULEs up to ``end`` walks."""
    start_raw = _prop_dt(event, "DTSTART")
    raw = event.get("RRULE")
    if start_raw is None or raw is None:
        return 0.0
    start = _as_datetime(start_raw, tz)
    steps = 0.0
    for rule in raw if isinstance(raw, list) else [raw]:
        try:
            freq = str((rule.get("FREQ") or [""])[0]).upper()
            interval = int((rule.get("INTERVAL") or [1])[0])
            period = _FREQ_SECONDS[freq] * max(1, interval)
            stop = end
            until = (rule.get("UNTIL") or [None])[0]
            if isinstance(until, date):
                stop = min(stop, _as_datetime(until, tz))
            span = (stop - start).total_seconds()
        except (KeyError, TypeError, ValueError, OverflowError, AttributeError):
            continue  # the expander reports a rule it cannot read
        if interval < 1:  # dateutil would loop forever on the same instant
            raise CalendarParseError(f"RRULE INTERVAL={interval} never advances; not expanded")
        per_period = 1
        for part, coarser_than in _EXPANDS.items():
            if _FREQ_SECONDS[freq] >= coarser_than and rule.get(part):
                per_period *= len(rule[part])
        steps += max(0.0, span) / period * per_period
    return steps


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
    max_occurrences: int = MAX_OCCURRENCES,
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
        steps = _rule_steps(event, window.end, tz)
        if steps > MAX_RULE_STEPS:
            raise CalendarParseError(
                f"recurrence rule {event.get('RRULE')!r:.120} would walk about {steps:,.0f} "
                f"instants from DTSTART to the window (more than {MAX_RULE_STEPS:,}); "
                "not expanded"
            )
        mini.add_component(event)
    recurring = any(key in e for e in events for key in ("RRULE", "RDATE", "RECURRENCE-ID"))
    query = recurring_ical_events.of(mini)
    records: list[CalendarRecord] = []
    for series in query.series:
        occurrences = list(islice(series.between(window.start, window.end), max_occurrences + 1))
        if len(occurrences) > max_occurrences:
            skip(
                Skipped(
                    where,
                    f"more than {max_occurrences} occurrences in the window "
                    "([limits].max_occurrences); rest ignored",
                )
            )
            occurrences = occurrences[:max_occurrences]
        for occurrence in occurrences:
            records.append(_record(occurrence.as_component(False), tz, source, recurring))
    return records


def parse_calendar(
    raw: bytes,
    *,
    window: Window,
    tz: ZoneInfo,
    source: str,
    skip: SkipSink,
    max_events: int = MAX_EVENTS,
    max_occurrences: int = MAX_OCCURRENCES,
) -> Iterator[CalendarRecord]:
    """Every occurrence in ``window`` of every VEVENT in ``raw`` (one .ics payload).

    Floating times are taken in ``tz``; all-day entries start at 00:00 in ``tz``.
    A broken event is reported through ``skip`` and the rest still yields; an
    unreadable payload raises CalendarParseError, and so does one with more than
    ``max_events`` events ([limits].max_calendar_events), before it is parsed.
    """
    events = len(_VEVENT.findall(raw))
    if events > max_events:
        raise CalendarParseError(
            f"{events:,} events, more than [limits].max_calendar_events ({max_events:,}); not read"
        )
    calendars, notes = _read_components(raw, tz)
    for key, why in dict.fromkeys(notes):
        skip(Skipped(where=f"{source}: event {key}", why=why))
    for calendar in calendars:
        for key, group in _groups(calendar):
            where = f"{source}: event {key}"
            if any("DTSTART" not in event for event in group):
                skip(Skipped(where=where, why="VEVENT without DTSTART"))
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    records = _expand(
                        calendar, group, window, tz, source, where, skip, max_occurrences
                    )
            except Exception as exc:  # anything in one event must not stop the file
                log.debug("skipping %s: %s", where, exc)
                skip(Skipped(where=where, why=f"{type(exc).__name__}: {exc}"[:300]))
                continue
            yield from records
