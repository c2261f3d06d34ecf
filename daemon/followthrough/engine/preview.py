"""`--now` in the future previews: a pass that writes nothing the user can see.

The pass runs as usual, on a copy of the ledger in a private temporary directory and
through :class:`PreviewAccount`, which reads from the real account and keeps every
write (drafts saved, drafts removed, copies filed in Sent) in memory. Nothing reaches
the Drafts or Sent folder or the ledger; the CLI prints the drafts it would write.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from followthrough.backends.registry import open_account
from followthrough.config.settings import Settings
from followthrough.engine.compose import Composer
from followthrough.engine.scan import Pass, ScanSummary
from followthrough.ledger import Ledger
from followthrough.model import (
    Account,
    Batch,
    CalendarRecord,
    DraftState,
    Folder,
    MailRecord,
    SkipSink,
    Window,
)

PREVIEW_REF = "preview:"


class PreviewAccount:
    """An ``Account`` that reads through to ``inner`` and keeps every write in memory."""

    def __init__(self, inner: Account) -> None:
        self.inner = inner
        self.name = f"preview of {inner.name}"
        self.drafts: dict[str, EmailMessage] = {}
        self.removed: list[str] = []

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        return self.inner.read_mail(folder, cursor, skip)

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        return self.inner.read_calendar(window, cursor, skip)

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        ref = f"{PREVIEW_REF}{len(self.drafts) + 1}"
        self.drafts[ref] = draft
        return ref

    def draft_state(self, ref: str) -> DraftState:
        if ref in self.drafts:
            return "pending"
        if ref in self.removed or ref.startswith(PREVIEW_REF):
            return "gone"
        return self.inner.draft_state(ref)

    def find_draft(self, message_id: str) -> str | None:
        wanted = message_id.strip().strip("<>")
        for ref, draft in self.drafts.items():
            if str(draft.get("Message-ID", "")).strip().strip("<>") == wanted:
                return ref
        return self.inner.find_draft(message_id)

    def fetch_draft(self, ref: str) -> bytes | None:
        if ref in self.drafts:
            return self.drafts[ref].as_bytes()
        if ref in self.removed or ref.startswith(PREVIEW_REF):
            return None
        return self.inner.fetch_draft(ref)

    def delete_draft(self, ref: str) -> bool:
        self.removed.append(ref)
        return self.drafts.pop(ref, None) is not None or not ref.startswith(PREVIEW_REF)

    def draft_path(self, ref: str) -> Path | None:
        return None

    def save_sent(self, data: bytes) -> str | None:
        return None

    def close(self) -> None:
        self.inner.close()


@dataclass(slots=True)
class Preview:
    summary: ScanSummary
    drafts: list[EmailMessage] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # refs of real drafts it would remove


def preview_pass(settings: Settings, now: datetime) -> Preview:
    """The pass ``scan`` would run at ``now``, with nothing written anywhere. Its drafts
    carry the X-Followthrough-* headers (they never leave this process), so the preview
    can say which follow-up each one is."""
    settings = replace(settings, marker_headers=True)
    with tempfile.TemporaryDirectory(prefix="followthrough-preview-") as tmp:
        ledger = Ledger.snapshot(settings.ledger_path, Path(tmp) / "ledger.sqlite3")
        try:
            account = PreviewAccount(open_account(settings, now))
            try:
                composer = Composer(settings.templates_dir)
                summary = Pass(settings, ledger, account, composer, now).run()
            finally:
                account.close()
        finally:
            ledger.close()
    return Preview(summary, list(account.drafts.values()), list(account.removed))
