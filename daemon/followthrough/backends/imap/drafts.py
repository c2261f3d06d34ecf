"""Drafts on an IMAP server: APPENDed to the Drafts folder with ``\\Draft \\Seen``, found,
fetched and deleted by Message-ID; copies of sent mail filed in Sent. Never a send."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from followthrough.backends.imap.connection import ImapConnection
from followthrough.errors import BackendError
from followthrough.model import (
    DraftState,
    MailRecord,
)


class ImapDrafts(ImapConnection):
    """The drafts part of :class:`ImapMailbox`."""

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """APPEND ``draft`` to the Drafts folder with ``\\Draft \\Seen``; the ref is its
        Message-ID (without angle brackets)."""
        if not draft.get("Message-ID"):
            draft = _copy(draft)
            draft["Message-ID"] = make_msgid(domain="followthrough.invalid")
        message_id = str(draft["Message-ID"]).strip().strip("<>")
        box = self.folder_name("drafts")
        data = draft.as_bytes(policy=draft.policy.clone(linesep="\r\n"))
        client = self.connect()
        try:
            client.append(box, data, flags=(b"\\Draft", b"\\Seen"), msg_time=datetime.now(UTC))
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except IMAPClientError as exc:
            raise BackendError(
                f"the IMAP server refused the draft in {box!r}: {exc}",
                ["check that the Drafts folder exists and is not full (quota)"],
                transient=True,
            ) from exc
        except OSError as exc:
            raise self._broken(exc) from exc
        return message_id

    def draft_state(self, ref: str) -> DraftState:
        """ "pending" while a message with Message-ID ``ref`` is in Drafts and not
        deleted; else "gone" (a sent one was already matched in Sent by the pass)."""
        if not ref or any(c in ref for c in '\r\n"'):
            return "gone"
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box, readonly=True)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            self._unselect(client)
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        return "pending" if found else "gone"

    def find_draft(self, message_id: str) -> str | None:
        """The ref of the draft whose Message-ID is ``message_id``, or None."""
        ref = message_id.strip().strip("<>")
        return ref if self.draft_state(ref) == "pending" else None

    def delete_draft(self, ref: str) -> bool:
        """Remove our draft ``ref`` (its Message-ID) from Drafts: flag it \\Deleted and
        expunge only it where the server offers UIDPLUS. False if it was not there."""
        if not ref or any(c in ref for c in '\r\n"'):
            return False
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            if found:
                client.delete_messages(found)
                if b"UIDPLUS" in self.capabilities:
                    client.uid_expunge(found)
                else:
                    client.expunge()
            client.close_folder()
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except (IMAPClientError, OSError) as exc:
            raise BackendError(
                f"the IMAP server did not remove the draft from {box!r}: {exc}", transient=True
            ) from exc
        return bool(found)

    def fetch_draft(self, ref: str) -> bytes | None:
        """The bytes of our draft ``ref`` (its Message-ID) as it is in Drafts now, or None
        when it is no longer there. ``BODY.PEEK`` leaves its flags alone."""
        if not ref or any(c in ref for c in '\r\n"'):
            return None
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box, readonly=True)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            data = client.fetch(found[-1:], [b"BODY.PEEK[]"]) if found else {}
            self._unselect(client)
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        for fields in data.values():
            raw = fields.get(b"BODY[]")
            if isinstance(raw, bytes):
                return raw
        return None

    def draft_path(self, ref: str) -> None:
        """Drafts live on the server, not in a file."""
        return None

    def save_sent(self, data: bytes) -> str | None:
        """APPEND a message followthrough just sent over SMTP to the Sent folder, seen, so
        the mail client shows it and the next pass sees the follow-up sent."""
        box = self.folder_name("sent")
        client = self.connect()
        try:
            client.append(box, data, flags=(b"\\Seen",), msg_time=datetime.now(UTC))
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except IMAPClientError as exc:
            raise BackendError(
                f"the IMAP server refused the sent copy in {box!r}: {exc}", transient=True
            ) from exc
        except OSError as exc:
            raise self._broken(exc) from exc
        return box


def _copy(draft: EmailMessage) -> EmailMessage:
    import copy

    return copy.deepcopy(draft)
