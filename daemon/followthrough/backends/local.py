"""The local backend: Maildir or mbox for mail, an .ics file or a vdir for the calendar.

This is what mbsync, offlineimap, notmuch, mutt, vdirsyncer and khal users already
have on disk. Reading is incremental with small opaque JSON cursors:

- Maildir: ``{"k": "maildir", "cur": mtime_ns, "new": mtime_ns, "ctime": max ctime_ns
  seen, "at": [file names whose ctime is that max]}``. When both directory mtimes equal
  the cursor's, nothing is listed or opened. Otherwise only files whose ctime is newer
  (a new message, or a rename for a flag change) are read.
- mbox: ``{"k": "mbox", "ino": inode, "size": bytes read, "mtime": mtime_ns, "tail":
  sha256 of the 4 KiB before "size"}``. An appended mbox is read from "size" on; a
  shrunk or rewritten one is read again from the start.
- calendar: ``{"k": "ics", "digest": sha256 of every (name, mtime_ns, size)}``.

Known limit: a message written in the same clock tick as the directory stat of a
previous read is only picked up by the next change to that directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
import socket
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.backends import load_cursor
from followthrough.backends.mailparse import MessageParseError, parse_message
from followthrough.config.settings import LimitsSettings, LocalSettings
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    CalendarRecord,
    Check,
    DraftState,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)

log = logging.getLogger(__name__)

FLAG_MARKS = {"F": "flagged", "S": "seen", "R": "replied", "D": "draft", "T": "trashed"}
DRAFT_FLAGS = "DS"
_STATUS = re.compile(rb"^(X-)?Status:[ \t]*([A-Za-z]*)", re.I | re.M)
_TAIL = 4096
_HEADER_LIMIT = 64 * 1024
_HEADERS = BytesHeaderParser(policy=compat32)


def _key_and_flags(name: str) -> tuple[str, str]:
    key, sep, info = name.partition(":")
    return key, info[2:] if sep and info.startswith("2,") else ""


@dataclass(slots=True)
class _Scan:
    """State of one Maildir read, turned into the cursor once the records are consumed."""

    cur_mtime: int
    new_mtime: int
    ctime: int
    at: set[str] = field(default_factory=set)

    def see(self, name: str, ctime: int) -> None:
        if ctime > self.ctime:
            self.ctime, self.at = ctime, {name}
        elif ctime == self.ctime:
            self.at.add(name)

    def dump(self) -> str:
        return json.dumps(
            {
                "k": "maildir",
                "cur": self.cur_mtime,
                "new": self.new_mtime,
                "ctime": self.ctime,
                "at": sorted(self.at),
            }
        )


class LocalAccount:
    """Mail and calendars in local files; drafts into a local Maildir."""

    def __init__(
        self,
        settings: LocalSettings,
        tz: ZoneInfo,
        *,
        name: str = "local",
        limits: LimitsSettings | None = None,
    ) -> None:
        self.settings = settings
        self.tz = tz
        self.name = name
        self.limits = limits or LimitsSettings()

    def _too_big(self, size: int, limit: int, key: str) -> str | None:
        if size <= limit:
            return None
        return f"{size:,} bytes is larger than [limits].{key} ({limit:,}); not read"

    # ---- mail -------------------------------------------------------------------------

    def _folder_path(self, folder: Folder) -> Path:
        if folder == "sent":
            return self.settings.sent
        if folder == "inbox":
            return self.settings.inbox
        return self.settings.drafts

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Messages of ``folder`` new or changed since ``cursor`` (all when None)."""
        path = self._folder_path(folder)
        if path.is_dir():
            return self._read_maildir(path, folder, cursor, skip)
        if path.is_file():
            return self._read_mbox(path, folder, cursor, skip)
        if folder == "drafts":
            return batch_of((), cursor or "")
        raise BackendError(
            f"{path}: no such Maildir or mbox file",
            [f"[local].{folder} should name a Maildir directory or an mbox file"],
            transient=False,
        )

    def _read_maildir(
        self, path: Path, folder: Folder, cursor: str | None, skip: SkipSink
    ) -> Batch[MailRecord]:
        old = load_cursor(cursor, "maildir")
        mtimes = []
        for sub in ("cur", "new"):
            try:
                mtimes.append(os.stat(path / sub).st_mtime_ns)
            except OSError:
                mtimes.append(0)
        if old is not None and [old.get("cur"), old.get("new")] == mtimes:
            return batch_of((), cursor or "")
        since = int(old.get("ctime", -1)) if old else -1
        at = set(old.get("at", [])) if old else set()
        scan = _Scan(mtimes[0], mtimes[1], since, set(at))
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            skip(Skipped(str(path), "not a Maildir (no cur/ or new/); nothing read"))
        return Batch(self._maildir_records(path, folder, since, at, scan, skip), scan.dump)

    def _maildir_records(
        self,
        path: Path,
        folder: Folder,
        since: int,
        at: set[str],
        scan: _Scan,
        skip: SkipSink,
    ) -> Iterator[MailRecord]:
        keywords: list[str] | None = None
        for sub in ("cur", "new"):
            try:
                entries = os.scandir(path / sub)
            except OSError:
                continue
            with entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    try:
                        st = entry.stat()
                    except OSError:
                        continue  # vanished between listing and stat
                    ctime = st.st_ctime_ns
                    if ctime < since or (ctime == since and entry.name in at):
                        continue
                    if not stat.S_ISREG(st.st_mode):
                        continue
                    key, flags = _key_and_flags(entry.name)
                    marks = {FLAG_MARKS[f] for f in flags if f in FLAG_MARKS}
                    if any("a" <= f <= "z" for f in flags):
                        if keywords is None:
                            keywords = _dovecot_keywords(path)
                        for f in flags:
                            index = ord(f) - ord("a")
                            if 0 <= index < len(keywords):
                                marks.add(keywords[index].lower())
                    big = self._too_big(
                        st.st_size, self.limits.max_message_bytes, "max_message_bytes"
                    )
                    if big:
                        skip(Skipped(entry.path, big))
                        scan.see(entry.name, ctime)
                        continue
                    try:
                        with open(entry.path, "rb") as fh:
                            raw = fh.read()
                    except OSError as exc:
                        skip(Skipped(entry.path, f"unreadable: {exc.strerror or exc}"))
                        scan.see(entry.name, ctime)
                        continue
                    scan.see(entry.name, ctime)
                    try:
                        yield parse_message(
                            raw,
                            ref=key,
                            folder=folder,
                            marks=frozenset(marks),
                            tz=self.tz,
                            default_date=datetime.fromtimestamp(st.st_mtime, UTC),
                            max_bytes=self.limits.max_message_bytes,
                            max_header_bytes=self.limits.max_header_bytes,
                        )
                    except MessageParseError as exc:
                        skip(Skipped(entry.path, exc.why))
                    except Exception as exc:  # one bad message never stops a pass
                        log.debug("parse failed for %s", entry.path, exc_info=True)
                        skip(Skipped(entry.path, f"{type(exc).__name__}: {exc}"[:300]))

    def _read_mbox(
        self, path: Path, folder: Folder, cursor: str | None, skip: SkipSink
    ) -> Batch[MailRecord]:
        try:
            st = os.stat(path)
        except OSError as exc:
            raise BackendError(f"{path}: {exc.strerror}", transient=True) from exc
        old = load_cursor(cursor, "mbox")
        unchanged = old is not None and (old.get("ino"), old.get("size"), old.get("mtime")) == (
            st.st_ino,
            st.st_size,
            st.st_mtime_ns,
        )
        if unchanged:
            return batch_of((), cursor or "")
        start = 0
        size = st.st_size
        try:
            fh = open(path, "rb")  # noqa: SIM115 -- closed by the generator
        except OSError as exc:
            raise BackendError(f"{path}: {exc.strerror}", transient=True) from exc
        if old is not None and old.get("ino") == st.st_ino and 0 < int(old["size"]) < size:
            offset = int(old["size"])
            fh.seek(max(0, offset - _TAIL))
            if hashlib.sha256(fh.read(offset - max(0, offset - _TAIL))).hexdigest() == old.get(
                "tail"
            ):
                start = offset
        fh.seek(max(0, size - _TAIL))
        tail = hashlib.sha256(fh.read(size - max(0, size - _TAIL))).hexdigest()
        new_cursor = json.dumps(
            {"k": "mbox", "ino": st.st_ino, "size": size, "mtime": st.st_mtime_ns, "tail": tail}
        )
        records = self._mbox_records(fh, path, folder, start, size, skip)
        return batch_of(records, new_cursor)

    def _mbox_records(
        self, fh: Any, path: Path, folder: Folder, start: int, end: int, skip: SkipSink
    ) -> Iterator[MailRecord]:
        with fh:
            fh.seek(start)

            def report(offset: int, why: str) -> None:
                skip(Skipped(f"{path}: mbox:{offset}", why))

            for offset, raw in _mbox_messages(fh, start, end, report):
                where = f"{path}: mbox:{offset}"
                header = raw.split(b"\n\n", 1)[0]
                marks: set[str] = set()
                for found in _STATUS.finditer(header):
                    letters = found.group(2).decode("ascii", "replace").upper()
                    if found.group(1):  # X-Status
                        marks |= {
                            m for f, m in (("F", "flagged"), ("A", "replied")) if f in letters
                        }
                        marks |= {m for f, m in (("T", "draft"), ("D", "trashed")) if f in letters}
                    elif "R" in letters:
                        marks.add("seen")
                try:
                    yield parse_message(
                        raw,
                        ref=f"mbox:{offset}",
                        folder=folder,
                        marks=frozenset(marks),
                        tz=self.tz,
                        max_bytes=self.limits.max_message_bytes,
                        max_header_bytes=self.limits.max_header_bytes,
                    )
                except MessageParseError as exc:
                    skip(Skipped(where, exc.why))
                except Exception as exc:
                    log.debug("parse failed for %s", where, exc_info=True)
                    skip(Skipped(where, f"{type(exc).__name__}: {exc}"[:300]))

    # ---- calendar ---------------------------------------------------------------------

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
        from followthrough.backends.icsparse import CalendarParseError, parse_calendar

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

    # ---- drafts -----------------------------------------------------------------------

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Write ``draft`` into the drafts Maildir (tmp/ then cur/ with ``:2,DS``), 0600."""
        root = self.settings.drafts
        try:
            for sub in ("cur", "new", "tmp"):
                (root / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
            return _write_maildir(root, draft.as_bytes(), DRAFT_FLAGS)
        except OSError as exc:
            raise BackendError(
                f"{root}: could not save the draft: {exc.strerror or exc}", transient=True
            ) from exc

    def draft_path(self, ref: str) -> Path | None:
        """Where the draft with Maildir key ``ref`` is now (flags may have changed)."""
        root = self.settings.drafts
        if not ref or "/" in ref:
            return None
        direct = root / "cur" / f"{ref}:2,{DRAFT_FLAGS}"
        if direct.is_file():
            return direct
        for sub in ("cur", "new"):
            try:
                names = os.listdir(root / sub)
            except OSError:
                continue
            for name in names:
                if name == ref or name.startswith(ref + ":"):
                    return root / sub / name
        return None

    def find_draft(self, message_id: str) -> str | None:
        """The Maildir key of the draft whose Message-ID is ``message_id``, or None.

        Reads only the header of each file in the drafts Maildir (new/ and cur/; tmp/
        holds writes that never finished, which are not drafts).
        """
        root = self.settings.drafts
        wanted = message_id.strip().strip("<>").strip()
        if not wanted:
            return None
        for sub in ("cur", "new"):
            try:
                names = sorted(os.listdir(root / sub))
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise BackendError(
                    f"{root / sub}: could not list the drafts: {exc.strerror or exc}",
                    transient=True,
                ) from exc
            for name in names:
                if name.startswith("."):
                    continue
                try:
                    with open(root / sub / name, "rb") as fh:
                        head = fh.read(_HEADER_LIMIT)
                except OSError:
                    continue  # renamed or removed meanwhile
                found = _HEADERS.parsebytes(head).get("Message-ID", "")
                if str(found).strip().strip("<>").strip() == wanted:
                    return _key_and_flags(name)[0]
        return None

    def draft_state(self, ref: str) -> DraftState:
        """ "pending" while the draft file is there and not trashed; else "gone"."""
        path = self.draft_path(ref)
        if path is None or "T" in _key_and_flags(path.name)[1]:
            return "gone"
        return "pending"

    def fetch_draft(self, ref: str) -> bytes | None:
        """The bytes of the draft ``ref`` as it is now (the user may have edited it)."""
        path = self.draft_path(ref)
        if path is None or "T" in _key_and_flags(path.name)[1]:
            return None
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BackendError(f"{path}: {exc.strerror or exc}", transient=True) from exc

    def delete_draft(self, ref: str) -> bool:
        """Remove the draft ``ref`` from the drafts Maildir. False if it was not there."""
        path = self.draft_path(ref)
        if path is None:
            return False
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise BackendError(
                f"{path}: could not remove the draft: {exc.strerror or exc}", transient=True
            ) from exc
        return True

    def save_sent(self, data: bytes) -> str | None:
        """File a copy of a message we sent into the Sent Maildir, seen (``:2,S``).

        Returns its key, or None when Sent is an mbox file (left to the mail client)."""
        root = self.settings.sent
        if not root.is_dir():
            return None
        try:
            (root / "tmp").mkdir(mode=0o700, exist_ok=True)
            return _write_maildir(root, data, "S")
        except OSError as exc:
            raise BackendError(
                f"{root}: could not file the sent message: {exc.strerror or exc}", transient=True
            ) from exc

    def close(self) -> None:
        return None


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


def _dovecot_keywords(path: Path) -> list[str]:
    """Dovecot's keyword table: line "N name" means flag letter chr(ord("a") + N)."""
    words: list[str] = [""] * 26
    try:
        text = (path / "dovecot-keywords").read_text("utf-8", errors="replace")
    except OSError:
        return words
    for line in text.splitlines():
        index, _, word = line.partition(" ")
        if index.isdigit() and int(index) < 26:
            words[int(index)] = word.strip()
    return words


# An mbox envelope line as writers make it: "From sender ctime-date" (mutt, Postfix,
# procmail, Thunderbird's "From - Tue Nov  3 ..."), the year last or after the time.
_ENVELOPE = re.compile(
    rb"^From \S+\s+(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d{1,2})[a-z]*\s+\w{1,4}\s+"
    rb"\d{1,2}:\d{2}",
    re.I,
)
_HEADER_FIELD = re.compile(rb"^[!-9;-~]+[ \t]*:")
_CONTENT_LENGTH = re.compile(rb"^Content-Length[ \t]*:[ \t]*(\d{1,12})[ \t]*\r?$", re.I | re.M)
_BOM = b"\xef\xbb\xbf"
MboxReport = Callable[[int, str], None]


def _is_blank(line: bytes) -> bool:
    return line in (b"\n", b"\r\n")


def _mbox_messages(
    fh: Any, start: int, end: int, report: MboxReport | None = None
) -> Iterator[tuple[int, bytes]]:
    """(offset of the "From " line, message bytes) for each message in [start, end).

    Reads every common form: mboxo and mboxrd (a ">From " line loses one ">"), and
    mboxcl/mboxcl2, whose Content-Length header gives the body's length (then the body
    is taken as it is, "From " lines and all, and the next message may follow with no
    blank line). Without a Content-Length that fits, a message ends at a "From " line
    that is an envelope line (sender and date) or is followed by a header; a "From "
    line in a body ("From Russia with love") stays text. Every place where the reading
    had to guess goes to ``report(offset, why)``, so nothing is merged or dropped
    silently. A UTF-8 byte-order mark before the first line is ignored.
    """
    say: MboxReport = report if report is not None else lambda offset, why: None
    fh.seek(start)
    offset = start
    pending: bytes | None = None  # a line read ahead and not consumed yet

    def readline() -> bytes:
        nonlocal pending, offset
        if pending is not None:
            line, pending = pending, None
        else:
            if offset >= end:
                return b""
            line = fh.readline(min(end - offset, 1 << 20))
        offset += len(line)
        return line

    def unread(line: bytes) -> None:
        nonlocal pending, offset
        pending = line
        offset -= len(line)

    def peek() -> bytes:
        line = readline()
        if line:
            unread(line)
        return line

    first = readline()
    if not first:
        return
    if first.startswith(_BOM):
        first = first[len(_BOM) :]
    if not first.startswith(b"From "):
        # A bare message (no envelope line): one message up to the first envelope line.
        message_start, lines = start, [first]
    else:
        message_start, lines = start, []
    while True:
        # The header block of the message starting at message_start.
        if not lines or lines[-1].strip():
            while True:
                line = readline()
                if not line:
                    break
                lines.append(line)
                if _is_blank(line) or not (_HEADER_FIELD.match(line) or line[:1] in b" \t"):
                    break
        head = b"".join(lines)
        body_start = offset
        length = _CONTENT_LENGTH.search(head)
        if length is not None and lines and _is_blank(lines[-1]):
            size = int(length.group(1))
            if body_start + size <= end:
                fh.seek(body_start)
                body = fh.read(size)
                after = fh.read(2)
                fh.seek(body_start)
                fits = len(body) == size and (
                    body_start + size >= end
                    or after.startswith(b"\n")
                    or after.startswith(b"\r\n")
                    or _next_is_envelope(fh, body_start + size, end)
                )
                if fits:
                    pending = None
                    offset = body_start + size
                    fh.seek(offset)
                    yield message_start, head + body
                    # blank lines between messages
                    while True:
                        line = readline()
                        if not line:
                            return
                        if not _is_blank(line):
                            break
                    if not line.startswith(b"From "):
                        say(
                            offset - len(line),
                            'no "From " line after a Content-Length body; '
                            "read as the start of a message",
                        )
                    message_start, lines = offset - len(line), []
                    if not line.startswith(b"From "):
                        lines = [line]
                    continue
                fh.seek(body_start)
            say(
                message_start,
                f"Content-Length: {size} does not fit the file; the message "
                'was split at "From " lines instead',
            )
        # mboxo / mboxrd: the body runs to the next "From " line that starts a message.
        previous_blank = bool(lines) and _is_blank(lines[-1])
        while True:
            line = readline()
            if not line:
                if lines:
                    yield message_start, b"".join(lines)
                return
            if line.startswith(b"From "):
                at = offset - len(line)
                envelope = _ENVELOPE.match(line) is not None
                header_next = _HEADER_FIELD.match(peek()) is not None
                if previous_blank and (envelope or header_next):
                    break
                if envelope and header_next:
                    say(
                        at,
                        'a "From " envelope line with no blank line before it: read as '
                        "the start of a new message",
                    )
                    break
                if previous_blank:
                    say(
                        at,
                        'a body line starting "From " that is no envelope line: kept '
                        "as text of the message at " + str(message_start),
                    )
            elif line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
                line = line[1:]
            lines.append(line)
            previous_blank = _is_blank(line)
        yield message_start, b"".join(lines)
        message_start, lines = offset - len(line), []


def _next_is_envelope(fh: Any, at: int, end: int) -> bool:
    """Whether an mbox envelope line starts at ``at`` (a Content-Length body's end)."""
    fh.seek(at)
    return _ENVELOPE.match(fh.readline(min(end - at, 4096))) is not None


def _write_maildir(root: Path, data: bytes, flags: str) -> str:
    """Deliver ``data`` into Maildir ``root`` the Maildir way: written and synced in tmp/,
    then renamed into cur/ with ``flags``, mode 0600. Returns the new key."""
    key = _new_key()
    tmp = root / "tmp" / key
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.rename(tmp, root / "cur" / f"{key}:2,{flags}")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(root / "cur", os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return key


def _new_key() -> str:
    """A unique Maildir file name (time, random, pid, host)."""
    host = socket.gethostname().replace("/", "\\057").replace(":", "\\072") or "localhost"
    now = time.time_ns()
    return (
        f"{now // 1_000_000_000}.M{now % 1_000_000_000}R{secrets.token_hex(8)}P{os.getpid()}.{host}"
    )


def diagnose_local(settings: LocalSettings) -> list[Check]:
    """`followthrough doctor` for local files: every configured path is what it should be."""
    checks: list[Check] = []
    for key in ("sent", "inbox"):
        path: Path = getattr(settings, key)
        if (path / "cur").is_dir():
            n = sum(1 for sub in ("cur", "new") for _ in _entries(path / sub))
            checks.append(Check(True, f"[local].{key}: Maildir {path} ({n} messages)"))
        elif path.is_file():
            checks.append(Check(True, f"[local].{key}: mbox file {path}"))
        elif path.is_dir():
            checks.append(
                Check(
                    False,
                    f"[local].{key}: {path} is a directory but not a Maildir (no cur/)",
                    f"point [local].{key} at the Maildir itself (e.g. ~/Mail/.Sent)",
                )
            )
        else:
            checks.append(
                Check(
                    False,
                    f"[local].{key}: {path} does not exist",
                    f"point [local].{key} at a Maildir directory or an mbox file",
                )
            )
    drafts = settings.drafts
    parent = drafts if drafts.exists() else drafts.parent
    if drafts.exists() and not (drafts / "cur").is_dir():
        checks.append(
            Check(
                False,
                f"[local].drafts: {drafts} exists but is not a Maildir",
                "point [local].drafts at a Maildir (or a path to create one at)",
            )
        )
    elif not parent.is_dir() or not os.access(parent, os.W_OK):
        checks.append(
            Check(
                False,
                f"[local].drafts: {drafts} cannot be written ({parent} is missing or read-only)",
                "point [local].drafts at a Maildir you can write",
            )
        )
    else:
        made = "" if drafts.exists() else " (created at the first draft)"
        checks.append(Check(True, f"[local].drafts: Maildir {drafts}{made}"))
    calendar = settings.calendar
    if calendar is None:
        checks.append(Check(True, "[local].calendar: none configured; calendar asks are not read"))
    elif calendar.is_file():
        checks.append(Check(True, f"[local].calendar: {calendar}"))
    elif calendar.is_dir():
        n = sum(1 for e in _entries(calendar) if e.name.lower().endswith(".ics"))
        inner = sorted(
            e.name
            for e in _entries(calendar)
            if e.is_dir() and any(f.name.lower().endswith(".ics") for f in _entries(Path(e)))
        )
        if n:
            checks.append(Check(True, f"[local].calendar: {calendar} ({n} .ics files)"))
        elif inner:  # vdirsyncer's storage root, not one calendar of it
            checks.append(
                Check(
                    False,
                    f"[local].calendar: {calendar} holds no .ics files, but its "
                    f"subdirectories do ({', '.join(inner[:5])})",
                    f"point it at one calendar, e.g. {calendar / inner[0]}",
                )
            )
        else:
            checks.append(Check(True, f"[local].calendar: {calendar} (no entries yet)"))
    else:
        checks.append(
            Check(
                False,
                f"[local].calendar: {calendar} does not exist",
                "point it at an .ics file or a directory of .ics files, or remove it",
            )
        )
    return checks


def _entries(path: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as it:
            return [e for e in it if not e.name.startswith(".")]
    except OSError:
        return []
