"""The IMAP mailbox (connection, reading and drafts parts in their own modules), and what
`followthrough doctor` reports of it."""

from __future__ import annotations

from imapclient.exceptions import IMAPClientError

from followthrough.backends.imap.drafts import ImapDrafts
from followthrough.backends.imap.reading import ImapReading
from followthrough.errors import BackendError
from followthrough.model import (
    Check,
)


class ImapMailbox(ImapReading, ImapDrafts):
    """One IMAP login; reads folders incrementally and APPENDs drafts.

    Connects lazily; a dropped connection is reported as a transient BackendError and
    the next call connects again. A refused login is remembered: this object never
    tries the same wrong password twice (no retry storm, no account lockout).
    """

    def diagnose(self) -> list[Check]:
        """What the server offers and what is wrong, one actionable sentence each."""
        s = self.settings
        checks: list[Check] = []
        try:
            self.connect()
        except BackendError as exc:
            return [Check(False, f"IMAP {self.where}: {exc.message}", " ".join(exc.problems))]
        tls = {"implicit": "IMAPS", "starttls": "STARTTLS", "none": "no TLS (loopback)"}[s.tls]
        checks.append(Check(True, f"IMAP {self.where}: logged in ({tls})", ""))
        if b"CONDSTORE" not in self.capabilities:
            checks.append(
                Check(
                    True,
                    "IMAP: no CONDSTORE; flags on Sent are checked with one SEARCH per pass",
                    "",
                )
            )
        for folder in ("inbox", "sent", "drafts"):
            try:
                box = self.folder_name(folder)
                status = self.connect().folder_status(box, [b"MESSAGES"])
            except BackendError as exc:
                checks.append(Check(False, f"IMAP {folder}: {exc.message}", " ".join(exc.problems)))
                continue
            except IMAPClientError as exc:
                checks.append(
                    Check(
                        False,
                        f"IMAP {folder}: folder {box!r} cannot be opened ({exc})",
                        f"fix [account.imap].{folder} or remove it to use the server's folder",
                    )
                )
                continue
            count = int(status[b"MESSAGES"])
            checks.append(Check(True, f"IMAP {folder}: {box!r}, {count} messages", ""))
        return checks
