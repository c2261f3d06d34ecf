"""The standard-protocol account: mail over IMAP, the calendar over CalDAV (optional)."""

from __future__ import annotations

from email.message import EmailMessage
from zoneinfo import ZoneInfo

from followthrough.backends.davcal import DavCalendar
from followthrough.backends.imap.mailbox import ImapMailbox
from followthrough.config.accounts import CaldavSettings, ImapSettings
from followthrough.model import (
    Batch,
    CalendarRecord,
    Check,
    DraftState,
    Folder,
    MailRecord,
    SkipSink,
    Window,
    batch_of,
)


class StandardAccount:
    """An ``Account``: IMAP for mail and drafts, CalDAV for the calendar."""

    def __init__(
        self,
        imap: ImapSettings,
        imap_password: str,
        tz: ZoneInfo,
        caldav: CaldavSettings | None = None,
        caldav_password: str = "",
    ) -> None:
        self.name = f"imap:{imap.username}@{imap.host}"
        self.mailbox = ImapMailbox(imap, imap_password, tz)
        self.calendar = DavCalendar(caldav, caldav_password, tz) if caldav else None

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        return self.mailbox.read_mail(folder, cursor, skip)

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        if self.calendar is None:
            return batch_of((), cursor or "")
        return self.calendar.read_calendar(window, cursor, skip)

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        return self.mailbox.save_draft(draft, reply_to)

    def draft_state(self, ref: str) -> DraftState:
        return self.mailbox.draft_state(ref)

    def find_draft(self, message_id: str) -> str | None:
        return self.mailbox.find_draft(message_id)

    def delete_draft(self, ref: str) -> bool:
        return self.mailbox.delete_draft(ref)

    def fetch_draft(self, ref: str) -> bytes | None:
        return self.mailbox.fetch_draft(ref)

    def draft_path(self, ref: str) -> None:
        return self.mailbox.draft_path(ref)

    def save_sent(self, data: bytes) -> str | None:
        return self.mailbox.save_sent(data)

    def diagnose(self, window: Window | None = None) -> list[Check]:
        checks = self.mailbox.diagnose()
        if self.calendar is None:
            checks.append(Check(True, "CalDAV: no [account.caldav]; mail only", ""))
        else:
            checks += self.calendar.diagnose(window)
        return checks

    def close(self) -> None:
        self.mailbox.close()
        if self.calendar is not None:
            self.calendar.close()
