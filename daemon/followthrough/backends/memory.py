"""An account held in memory: mail folders, a calendar and drafts, no files, no server.

For tests and experiments (vdirsyncer's ``MemoryStorage``): it implements every
protocol the package defines for a backend — :class:`~followthrough.model.Account`,
the draft store `review` and `send` use (``fetch_draft``, ``delete_draft``), filing a
sent copy (``save_sent``). It never sends: only ``outbox`` hands mail to a transport.
Messages are kept as raw RFC 5322 bytes and read with the same parser as the local and
IMAP backends; calendar objects as iCalendar bytes, expanded like .ics files. It runs
through the backend conformance class like every other backend.

Besides the protocols it has what a mail client or a helper does to a real account:
:meth:`MemoryAccount.add_message`, :meth:`~MemoryAccount.set_flagged`,
:meth:`~MemoryAccount.add_calendar`, :meth:`~MemoryAccount.remove_calendar` and
:meth:`~MemoryAccount.send_draft` (the user sends a draft from their mail client).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followthrough.backends import load_cursor
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.model import (
    Account,
    Batch,
    CalendarRecord,
    DraftState,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)

FOLDERS: tuple[Folder, ...] = ("sent", "inbox", "drafts")
_HEADERS = BytesHeaderParser(policy=compat32)


@dataclass(slots=True)
class _Stored:
    raw: bytes
    marks: set[str]
    changed: int  # the account's change number when it was added or its marks changed


def _message_id(raw: bytes) -> str:
    return str(_HEADERS.parsebytes(raw).get("Message-ID", "")).strip().strip("<>").strip()


@dataclass(slots=True)
class MemoryAccount:
    """Mail, a calendar and drafts in dictionaries. Cursors are change numbers."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    name: str = "memory"
    folders: dict[Folder, dict[str, _Stored]] = field(
        default_factory=lambda: {f: {} for f in FOLDERS}
    )
    calendar: dict[str, bytes] = field(default_factory=dict)
    calendar_version: int = 0
    closed: bool = False
    _changes: count[int] = field(default_factory=lambda: count(1))
    _refs: count[int] = field(default_factory=lambda: count(1))

    # ---- what the world does to the account -----------------------------------------

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> str:
        """A message arrives in (or is filed into) ``folder``; returns its ref."""
        ref = f"{folder}-{next(self._refs)}"
        marks = {"seen"} | ({"flagged"} if flagged else set())
        if folder == "drafts":
            marks.add("draft")
        self.folders[folder][ref] = _Stored(raw, marks, next(self._changes))
        return ref

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        """Flag or unflag every message of ``folder`` with this Message-ID."""
        for stored in self.folders[folder].values():
            if _message_id(stored.raw) == message_id:
                if flagged:
                    stored.marks.add("flagged")
                else:
                    stored.marks.discard("flagged")
                stored.changed = next(self._changes)

    def remove_message(self, folder: Folder, ref: str) -> bool:
        return self.folders[folder].pop(ref, None) is not None

    def add_calendar(self, name: str, ics: bytes) -> None:
        """Create or replace the calendar object ``name``."""
        self.calendar[name] = ics
        self.calendar_version += 1

    def remove_calendar(self, name: str) -> None:
        if self.calendar.pop(name, None) is not None:
            self.calendar_version += 1

    def send_draft(self, ref: str, raw: bytes | None = None) -> str:
        """The user sends draft ``ref`` from their mail client, as it is or as ``raw``
        (an edited version): it leaves Drafts and a copy lands in Sent. Returns the
        ref in Sent."""
        stored = self.folders["drafts"].pop(ref)
        return self.add_message("sent", stored.raw if raw is None else raw)

    def messages(self, folder: Folder) -> list[bytes]:
        """The raw messages of ``folder``, oldest first."""
        return [s.raw for s in self.folders[folder].values()]

    # ---- Account ----------------------------------------------------------------------

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Messages of ``folder`` added or re-marked since ``cursor`` (all when None)."""
        old = load_cursor(cursor, "memory")
        since = int(old.get("seen", 0)) if old else 0
        changed = [(ref, s) for ref, s in self.folders[folder].items() if s.changed > since]
        last = max((s.changed for _, s in changed), default=since)
        new_cursor = json.dumps({"k": "memory", "seen": last})

        def records() -> list[MailRecord]:
            out: list[MailRecord] = []
            for ref, stored in changed:
                try:
                    out.append(
                        parse_message(
                            stored.raw,
                            ref=ref,
                            folder=folder,
                            marks=frozenset(stored.marks),
                            tz=self.tz,
                        )
                    )
                except MessageParseError as exc:
                    skip(Skipped(f"{self.name}:{folder}:{ref}", exc.why))
            return out

        return batch_of(records(), new_cursor)

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when the calendar changed since ``cursor``."""
        from followthrough.backends.ics.parse import CalendarParseError, parse_calendar

        new_cursor = json.dumps({"k": "memory-calendar", "version": self.calendar_version})
        if cursor == new_cursor:
            return batch_of((), new_cursor)
        records: list[CalendarRecord] = []
        for name, ics in sorted(self.calendar.items()):
            where = f"{self.name}:calendar:{name}"
            try:
                records += parse_calendar(ics, window=window, tz=self.tz, source=where, skip=skip)
            except CalendarParseError as exc:
                skip(Skipped(where, exc.why))
        return batch_of(records, new_cursor)

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Keep ``draft`` in Drafts (never send)."""
        return self.add_message("drafts", draft.as_bytes())

    def draft_state(self, ref: str) -> DraftState:
        """ "pending" while the draft is in Drafts; else "gone" (a pass tells a sent draft
        by its copy in Sent, as with every other backend)."""
        return "pending" if ref in self.folders["drafts"] else "gone"

    def find_draft(self, message_id: str) -> str | None:
        wanted = message_id.strip().strip("<>").strip()
        if not wanted:
            return None
        for ref, stored in self.folders["drafts"].items():
            if _message_id(stored.raw) == wanted:
                return ref
        return None

    def close(self) -> None:
        self.closed = True

    # ---- draft store and sent copies ---------------------------------------------------

    def fetch_draft(self, ref: str) -> bytes | None:
        """The bytes of draft ``ref`` as they are now, or None when it is gone."""
        stored = self.folders["drafts"].get(ref)
        return None if stored is None else stored.raw

    def delete_draft(self, ref: str) -> bool:
        """Remove draft ``ref``. False if it was not there."""
        return self.remove_message("drafts", ref)

    def draft_path(self, ref: str) -> Path | None:
        """Drafts live in memory, not in files."""
        return None

    def save_sent(self, data: bytes) -> str:
        """File a copy of a message followthrough sent into Sent."""
        return self.add_message("sent", data)


if TYPE_CHECKING:  # mypy checks that the memory backend implements every protocol
    from followthrough.model import DraftStore, SentStore

    _account: Account = MemoryAccount()
    _store: DraftStore = MemoryAccount()
    _sent: SentStore = MemoryAccount()
