"""Reading the calendar: a calendar-view delta over the scan window; recurring series
keep the master's iCalendar UID."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from followthrough.backends import load_cursor
from followthrough.backends.graph.delta import Delta, GraphDelta
from followthrough.backends.graph.drafts import (
    quote_id,
)
from followthrough.backends.graph.values import (
    as_dict,
    to_address,
    to_addresses,
    utc_time,
    zoned_time,
)
from followthrough.backends.mail.body import html_to_text
from followthrough.backends.mail.headers import clean_line
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    CalendarRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)


class GraphCalendar(GraphDelta):
    """The calendar part of :class:`GraphAccount`."""

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when the calendar changed since ``cursor``.

        The delta runs over the window widened to whole UTC days, so the windows of the
        passes of one day (each a few minutes later) share one delta link."""
        start = window.start.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        end = window.end.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        end += timedelta(days=1)
        span = [start.isoformat(), end.isoformat()]
        data = load_cursor(cursor, "graph-cal")
        first = "/me/calendarView/delta"
        params = {
            "startDateTime": f"{start:%Y-%m-%dT%H:%M:%SZ}",
            "endDateTime": f"{end:%Y-%m-%dT%H:%M:%SZ}",
        }
        masters: dict[str, str] = {}
        full: Delta | None = None
        if data is not None and data.get("w") == span and isinstance(data.get("d"), str):
            if isinstance(data.get("m"), dict):
                masters = {str(k): str(v) for k, v in data["m"].items()}
            changes, restarted = self._delta(first, params, str(data["d"]), "read calendar")
            if not restarted and not changes.items and not changes.removed:
                cursor_out = {"k": "graph-cal", "d": changes.link, "w": span, "m": masters}
                return batch_of((), json.dumps(cursor_out))
            full = changes if restarted else None
        if full is None:  # something changed: every occurrence in the window, afresh
            full, _ = self._delta(first, params, None, "read calendar")
        records = []
        for item in full.items.values():
            if item.get("type") == "seriesMaster" or item.get("isCancelled"):
                continue
            try:
                record = self._calendar_record(item, masters)
            except BackendError:
                raise
            except Exception as exc:  # one bad entry never stops a pass
                skip(Skipped(f"calendar:{item.get('id')}", f"{type(exc).__name__}: {exc}"[:300]))
                continue
            if record.start < window.end and record.end > window.start:
                records.append(record)
        records.sort(key=lambda r: (r.start, r.uid))
        cursor_out = {"k": "graph-cal", "d": full.link, "w": span, "m": masters}
        return batch_of(records, json.dumps(cursor_out))

    def _series_uid(self, master_id: str, masters: dict[str, str]) -> str:
        """The iCalendar UID of a recurring series: the master's ``iCalUId`` (an
        occurrence's own differs per occurrence). One request per series, remembered."""
        if master_id not in masters:
            data = self.client.json(
                "GET",
                f"/me/events/{quote_id(master_id)}",
                what="read a recurring series",
                params={"$select": "iCalUId"},
            )
            masters[master_id] = str(data.get("iCalUId") or master_id)
        return masters[master_id]

    def _calendar_record(self, item: dict[str, Any], masters: dict[str, str]) -> CalendarRecord:
        start, end = zoned_time(item.get("start")), zoned_time(item.get("end"))
        if start is None or end is None:
            raise ValueError("no start or end")
        all_day = bool(item.get("isAllDay"))
        if all_day:  # a date, not an instant: midnight where the user lives
            start = datetime.combine(start.date(), datetime.min.time(), self.tz)
            end = datetime.combine(end.date(), datetime.min.time(), self.tz)
        kind = item.get("type")
        recurring = kind in ("occurrence", "exception") and item.get("seriesMasterId")
        uid = str(item.get("iCalUId") or item["id"])
        recurrence_id = None
        if recurring:
            uid = self._series_uid(str(item["seriesMasterId"]), masters)
            recurrence_id = utc_time(item.get("originalStart")) or start
        body = as_dict(item.get("body"))
        text = str(body.get("content") or "")
        if str(body.get("contentType", "text")).lower() == "html":
            text = html_to_text(text)
        organizer = to_address(item.get("organizer"))
        subject = clean_line(str(item.get("subject") or ""))
        return CalendarRecord(
            uid=uid,
            recurrence_id=recurrence_id,
            start=start,
            end=end,
            summary=subject,
            description=text.replace("\r\n", "\n"),
            categories=frozenset(
                clean_line(str(c)).lower() for c in item.get("categories") or () if c
            ),
            organizer=organizer,
            attendees=tuple(
                a
                for a in to_addresses(item.get("attendees"))
                if organizer is None or a != organizer
            ),
            source=f"Microsoft 365 calendar: {subject[:80]!r}",
            all_day=all_day,
        )
