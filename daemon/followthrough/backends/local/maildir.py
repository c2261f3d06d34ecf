"""Maildir: reading a folder incrementally (by directory mtimes and file ctimes), flags and
Dovecot keywords as marks, and delivering a message the Maildir way."""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from followthrough.backends import load_cursor
from followthrough.backends.local.files import LocalFiles
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.model import (
    Batch,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    batch_of,
)

log = logging.getLogger(__name__)

FLAG_MARKS = {"F": "flagged", "S": "seen", "R": "replied", "D": "draft", "T": "trashed"}
DRAFT_FLAGS = "DS"


def key_and_flags(name: str) -> tuple[str, str]:
    key, sep, info = name.partition(":")
    return key, info[2:] if sep and info.startswith("2,") else ""


@dataclass(slots=True)
class MaildirScan:
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


class MaildirReading(LocalFiles):
    """The Maildir part of :class:`LocalAccount`."""

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
        scan = MaildirScan(mtimes[0], mtimes[1], since, set(at))
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            skip(Skipped(str(path), "not a Maildir (no cur/ or new/); nothing read"))
        return Batch(self._maildir_records(path, folder, since, at, scan, skip), scan.dump)

    def _maildir_records(
        self,
        path: Path,
        folder: Folder,
        since: int,
        at: set[str],
        scan: MaildirScan,
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
                    key, flags = key_and_flags(entry.name)
                    marks = {FLAG_MARKS[f] for f in flags if f in FLAG_MARKS}
                    if any("a" <= f <= "z" for f in flags):
                        if keywords is None:
                            keywords = dovecot_keywords(path)
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


def dovecot_keywords(path: Path) -> list[str]:
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


def write_maildir(root: Path, data: bytes, flags: str) -> str:
    """Deliver ``data`` into Maildir ``root`` the Maildir way: written and synced in tmp/,
    then renamed into cur/ with ``flags``, mode 0600. Returns the new key."""
    key = new_key()
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


def new_key() -> str:
    """A unique Maildir file name (time, random, pid, host)."""
    host = socket.gethostname().replace("/", "\\057").replace(":", "\\072") or "localhost"
    now = time.time_ns()
    return (
        f"{now // 1_000_000_000}.M{now % 1_000_000_000}R{secrets.token_hex(8)}P{os.getpid()}.{host}"
    )
