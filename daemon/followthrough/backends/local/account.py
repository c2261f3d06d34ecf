"""The local account (mail, calendar and drafts parts in their own modules), and what
`followthrough doctor` reports of its paths."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.backends.local.calendar import CalendarReading
from followthrough.backends.local.drafts import DraftMaildir
from followthrough.backends.local.maildir import MaildirReading
from followthrough.backends.local.mbox import MboxReading
from followthrough.config.storage import LimitsSettings, LocalSettings
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    Check,
    Folder,
    MailRecord,
    SkipSink,
    batch_of,
)


class LocalAccount(MaildirReading, MboxReading, CalendarReading, DraftMaildir):
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

    def close(self) -> None:
        return None


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
