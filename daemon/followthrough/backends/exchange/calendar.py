"""Reading the calendar: when anything changed, every occurrence in the window through a
calendar view (the server expands recurring series)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from exchangelib import (
    EWSDateTime,
)

from followthrough.backends.exchange.errors import ews_errors
from followthrough.backends.exchange.items import (
    EwsFolders,
    address,
    addresses,
    dump_state,
    load_state,
    utc,
)
from followthrough.backends.mail.body import html_to_text
from followthrough.backends.mail.headers import clean_line
from followthrough.model import (
    Batch,
    CalendarRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)

CALENDAR_FIELDS = (
    "uid",
    "subject",
    "start",
    "end",
    "is_all_day",
    "type",
    "original_start",
    "categories",
    "organizer",
    "required_attendees",
    "optional_attendees",
)


class CalendarReading(EwsFolders):
    """The calendar part of :class:`ExchangeAccount`."""

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when the calendar changed since ``cursor``."""
        state = load_state(cursor, "ews-cal")
        calendar = self.ews.calendar
        changed, new_state = self._sync(calendar, state, [])
        new_cursor = dump_state("ews-cal", new_state)
        if state is not None and not changed:
            return batch_of((), new_cursor)
        return batch_of(self._occurrences(calendar, window, skip), new_cursor)

    def _occurrences(self, calendar: Any, window: Window, skip: SkipSink) -> list[CalendarRecord]:
        start = EWSDateTime.from_datetime(window.start.astimezone(UTC))
        end = EWSDateTime.from_datetime(window.end.astimezone(UTC))
        fields = [*CALENDAR_FIELDS, "text_body" if self._has_text_body() else "body"]
        with ews_errors(f"{self.where}: read calendar"):
            items = list(calendar.view(start=start, end=end).only(*fields))
        records = []
        for item in items:
            if isinstance(item, Exception):
                skip(Skipped(f"calendar:{self.where}", f"{type(item).__name__}: {item}"[:300]))
                continue
            try:
                records.append(self._calendar_record(item))
            except Exception as exc:  # one bad entry never stops a pass
                skip(Skipped(f"calendar:{item.id}", f"{type(exc).__name__}: {exc}"[:300]))
        return records

    def _calendar_record(self, item: Any) -> CalendarRecord:
        start, end = utc(item.start), utc(item.end)
        if start is None or end is None:
            raise ValueError("no start or end")
        if item.is_all_day:
            start = start.astimezone(self.tz)
            end = end.astimezone(self.tz)
        recurring = item.type in ("Occurrence", "Exception")
        text = getattr(item, "text_body", None)
        if text is None and getattr(item, "body", None) is not None:
            text = html_to_text(str(item.body))
        return CalendarRecord(
            uid=item.uid or item.id,
            recurrence_id=utc(item.original_start) if recurring else None,
            start=start,
            end=end,
            summary=clean_line(item.subject or ""),
            description=(text or "").replace("\r\n", "\n"),
            categories=frozenset(clean_line(c).lower() for c in item.categories or () if c),
            organizer=address(item.organizer),
            attendees=addresses(
                [*(item.required_attendees or ()), *(item.optional_attendees or ())]
            ),
            source=f"exchange calendar: {clean_line(item.subject or '')[:80]!r}",
            all_day=bool(item.is_all_day),
        )
