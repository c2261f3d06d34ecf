"""mbox: reading a file incrementally (appended messages only, by size and a digest of its
tail), every common mbox form, and the Status/X-Status flags as marks."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from followthrough.backends import load_cursor
from followthrough.backends.local.files import LocalFiles
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    batch_of,
)

log = logging.getLogger(__name__)

_STATUS = re.compile(rb"^(X-)?Status:[ \t]*([A-Za-z]*)", re.I | re.M)
_TAIL = 4096


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


class MboxReading(LocalFiles):
    """The mbox part of :class:`LocalAccount`."""

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
