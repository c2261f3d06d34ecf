"""Where followthrough reads and keeps things: [local], [state], [contacts], [secrets],
and the [limits] within which mail anyone can send is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from followthrough.config.reader import key, positive


@dataclass(frozen=True, slots=True)
class LocalSettings:
    """[local]: mail and calendar in local files."""

    sent: Path = field(
        metadata=key(
            "Maildir directories (Maildir++ subfolders such as ~/Mail/.Sent work) or mbox files.",
            required="a Maildir directory or an mbox file",
            example='"~/Mail/.Sent"',
        )
    )
    inbox: Path = field(
        metadata=key(
            "Where replies arrive: your inbox, a Maildir or an mbox file.",
            required="a Maildir directory or an mbox file",
            example='"~/Mail"',
        )
    )
    drafts: Path = field(
        metadata=key(
            "Drafts are written here (a Maildir, created when missing) with the D flag, so "
            "mutt, aerc, Thunderbird and mbsync see them.",
            required="a Maildir directory or an mbox file",
            example='"~/Mail/.Drafts"',
        )
    )
    calendar: Path | None = field(
        default=None,
        metadata=key(
            "One .ics file or a directory of .ics files (a vdir, as vdirsyncer and khal "
            "use). Leave empty for no calendar.",
            example='"~/.calendars/work"',
        ),
    )


@dataclass(frozen=True, slots=True)
class StateSection:
    """[state] as written."""

    dir: Path | None = field(
        default=None,
        metadata=key(
            "Where the ledger and other state live (mode 0700). Default: "
            "$XDG_STATE_HOME/followthrough."
        ),
    )


@dataclass(frozen=True, slots=True)
class ContactsSection:
    """[contacts] as written."""

    file: Path | None = field(
        default=None,
        metadata=key(
            "Who people are and who their manager is (for praise notes), as [[contact]] "
            'tables with email, name, manager, notes, keep_in_touch ("6w": a friendly note '
            'when you have not been in touch for six weeks; "never": none). Default: '
            "contacts.toml next to the config file."
        ),
    )


@dataclass(frozen=True, slots=True)
class SecretsSection:
    """[secrets] as written."""

    store: Literal["keyring", "file"] = field(
        default="keyring",
        metadata=key(
            'Where `followthrough login` keeps passwords and tokens: "keyring" (the system '
            'keyring) or "file" (one 0600 file per secret in `dir`, not encrypted: for a '
            "machine without a keyring). A systemd credential is always read first."
        ),
    )
    dir: Path | None = field(
        default=None,
        metadata=key('The file store\'s directory. Default: "credentials" next to this file.'),
    )


@dataclass(frozen=True, slots=True)
class LimitsSettings:
    """[limits]: an item past one of these is skipped with a warning, never read whole."""

    max_message_bytes: int = field(
        default=25 * 1024 * 1024,
        metadata=key(
            "A whole message in bytes, attachments included (25 MB, the usual server limit).",
            check=positive,
        ),
    )
    max_header_bytes: int = field(
        default=512 * 1024,
        metadata=key(
            "The header section of one message in bytes (real headers are a few KB).",
            check=positive,
        ),
    )
    max_calendar_bytes: int = field(
        default=50 * 1024 * 1024,
        metadata=key("One .ics calendar file in bytes.", check=positive),
    )
    max_calendar_events: int = field(
        default=20_000, metadata=key("Events (VEVENTs) in one .ics file.", check=positive)
    )
    max_occurrences: int = field(
        default=5_000,
        metadata=key(
            "Occurrences of one recurring event within the scan window; the rest are dropped.",
            check=positive,
        ),
    )
    max_text_chars: int = field(
        default=20_000,
        metadata=key(
            "Characters of one message's text (or a calendar entry's notes) that detection "
            "reads: the new text of a real ask is far shorter; past this, the rest is not "
            "looked at.",
            check=positive,
        ),
    )
    message_seconds: int = field(
        default=10,
        metadata=key(
            "A message that still takes longer than this many seconds to read is skipped and "
            "named in the log and the pass summary (a pass killed while reading one skips it "
            "next time).",
            check=positive,
        ),
    )
    max_new_calendar_asks: int = field(
        default=50,
        metadata=key(
            "New asks from the calendar in one pass: past this a warning names the rest, and "
            "they are recorded on later passes (a calendar of thousands of tagged entries is "
            "suspicious).",
            check=positive,
        ),
    )
