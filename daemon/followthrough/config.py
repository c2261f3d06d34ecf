"""Typed configuration, loaded from one TOML file. (Loader: being written by the lead.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LocalSettings:
    """[local]: mail and calendar in local files."""

    sent: Path  # a Maildir (cur/new/tmp; Maildir++ subfolder like ~/Mail/.Sent works) or an mbox file
    inbox: Path  # same
    drafts: Path  # a Maildir; created when missing
    calendar: Path | None  # one .ics file or a directory of .ics files (a vdir), or None
