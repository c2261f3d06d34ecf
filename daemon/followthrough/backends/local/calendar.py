"""The local calendar: an .ics file or a directory of them (a vdir), read again whenever
any file changed, skipping files whose every event is plainly outside the window."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from followthrough.backends.local.files import LocalFiles
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    CalendarRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)


class CalendarReading(LocalFiles):
    """The calendar part of :class:`LocalAccount`."""

    def _calendar_files(self) -> list[tuple[str, os.DirEntry[str] | Path]]:
        """(name, file) of every .ics, by name. A directory's files stay DirEntry objects
        (no Path built, stat without pathlib) until a changed calendar is read."""
        path = self.settings.calendar
        if path is None:
            return []
        if path.is_dir():
            with os.scandir(path) as entries:  # no stat per file (d_type), unlike Path
                found: list[tuple[str, os.DirEntry[str] | Path]] = [
                    (e.name, e)
                    for e in entries
                    if os.path.splitext(e.name)[1].lower() == ".ics" and e.is_file()
                ]
            found.sort(key=lambda item: item[0])
            return found
        if path.is_file():
            return [(path.name, path)]
        raise BackendError(
            f"{path}: no such calendar file or directory",
            ["[local].calendar should name an .ics file or a directory of .ics files"],
            transient=False,
        )

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when any .ics changed since ``cursor``; else none."""
        if self.settings.calendar is None:
            return batch_of((), "")
        found = self._calendar_files()
        digest = hashlib.sha256()
        for name, file in found:
            try:
                st = file.stat()
            except OSError:
                continue
            digest.update(f"{name}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
        new_cursor = json.dumps({"k": "ics", "digest": digest.hexdigest()})
        if cursor == new_cursor:
            return batch_of((), new_cursor)
        files = [Path(file) for _, file in found]
        return batch_of(self._calendar_records(files, window, skip), new_cursor)

    def _calendar_records(
        self, files: list[Path], window: Window, skip: SkipSink
    ) -> Iterator[CalendarRecord]:
        # Imported here: icalendar takes longer to import than an unchanged pass takes.
        from followthrough.backends.ics.parse import CalendarParseError, parse_calendar

        for file in files:
            try:
                size = file.stat().st_size
                big = self._too_big(size, self.limits.max_calendar_bytes, "max_calendar_bytes")
                if big:
                    skip(Skipped(str(file), big))
                    continue
                raw = file.read_bytes()
            except OSError as exc:
                skip(Skipped(str(file), f"unreadable: {exc.strerror or exc}"))
                continue
            if _surely_outside(raw, window):
                continue  # years of past entries: not one can fall in the window
            try:
                yield from parse_calendar(
                    raw,
                    window=window,
                    tz=self.tz,
                    source=str(file),
                    skip=skip,
                    max_events=self.limits.max_calendar_events,
                    max_occurrences=self.limits.max_occurrences,
                )
            except CalendarParseError as exc:
                skip(Skipped(str(file), exc.why))


_VEVENT = re.compile(rb"^BEGIN:VEVENT\r?$", re.I | re.M)
_EVENT_DATE = re.compile(
    rb"^(?:DTSTART|DTEND)(?:;[^\r\n:]*)?:(\d{8})(?:T\d{6}Z?)?\r?$", re.I | re.M
)
_DTSTART = re.compile(rb"^DTSTART[;:]", re.I | re.M)
_OPEN_ENDED = re.compile(rb"^(?:RRULE|RDATE|RECURRENCE-ID|EXDATE|DURATION)[;:]", re.I | re.M)
_SLACK = timedelta(days=2)  # more than any UTC offset, so no time zone is needed


def _surely_outside(raw: bytes, window: Window) -> bool:
    """True only when every event of an .ics payload plainly starts and ends days
    before or after ``window``: no recurrence, no DURATION, one unfolded DTSTART per
    VEVENT, every date a valid YYYYMMDD; anything else is left to the parser. Such a
    file yields no occurrence, so skipping it changes nothing recorded; the one
    difference is that damage elsewhere in it (a stray line) is not reported."""
    if _OPEN_ENDED.search(raw):
        return False
    events = len(_VEVENT.findall(raw))
    if not events or len(_DTSTART.findall(raw)) != events:
        return False
    dates = _EVENT_DATE.findall(raw)
    try:
        days = [date(int(d[:4]), int(d[4:6]), int(d[6:8])) for d in dates]
    except ValueError:
        return False
    starts = sum(1 for d in _EVENT_DATE.finditer(raw) if d.group(0)[:7].upper() == b"DTSTART")
    if starts != events:
        return False
    early = (window.start - _SLACK).date()
    late = (window.end + _SLACK).date()
    return max(days) < early or min(days) > late
