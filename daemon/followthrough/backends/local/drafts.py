"""Drafts in a local Maildir: saved (0600, ``:2,DS``), found by Message-ID, fetched and
deleted; and copies of sent mail filed in the Sent Maildir."""

from __future__ import annotations

import os
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from followthrough.backends.local.files import LocalFiles
from followthrough.backends.local.maildir import DRAFT_FLAGS, key_and_flags, write_maildir
from followthrough.errors import BackendError
from followthrough.model import (
    DraftState,
    MailRecord,
)

_HEADER_LIMIT = 64 * 1024
_HEADERS = BytesHeaderParser(policy=compat32)


class DraftMaildir(LocalFiles):
    """The drafts part of :class:`LocalAccount`."""

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Write ``draft`` into the drafts Maildir (tmp/ then cur/ with ``:2,DS``), 0600."""
        root = self.settings.drafts
        try:
            for sub in ("cur", "new", "tmp"):
                (root / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
            return write_maildir(root, draft.as_bytes(), DRAFT_FLAGS)
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
                    return key_and_flags(name)[0]
        return None

    def draft_state(self, ref: str) -> DraftState:
        """ "pending" while the draft file is there and not trashed; else "gone"."""
        path = self.draft_path(ref)
        if path is None or "T" in key_and_flags(path.name)[1]:
            return "gone"
        return "pending"

    def fetch_draft(self, ref: str) -> bytes | None:
        """The bytes of the draft ``ref`` as it is now (the user may have edited it)."""
        path = self.draft_path(ref)
        if path is None or "T" in key_and_flags(path.name)[1]:
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
            return write_maildir(root, data, "S")
        except OSError as exc:
            raise BackendError(
                f"{root}: could not file the sent message: {exc.strerror or exc}", transient=True
            ) from exc
