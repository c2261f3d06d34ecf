"""Drafts in the mailbox: saved with ``CreateItem``/``SaveOnly`` (a reply to the original
when it is found), found, fetched, deleted, and sent copies filed. Never a send."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

from exchangelib import (
    Body,
    Mailbox,
    Message,
)
from exchangelib.folders.collections import FolderCollection

from followthrough.backends.exchange.errors import ews_errors
from followthrough.backends.exchange.items import (
    ASK_HEADER,
    DRAFT_CATEGORY,
    SENT_FLAGS,
    EwsFolders,
    header_address,
)
from followthrough.backends.mail.headers import clean_line, parse_address
from followthrough.model import (
    Address,
    DraftState,
    MailRecord,
)


class DraftSaving(EwsFolders):
    """The drafts part of :class:`ExchangeAccount`."""

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Save ``draft`` in Drafts (``SaveOnly``; never sent). Returns the item id."""
        to = mailboxes(draft.get_all("To", []))
        cc = mailboxes(draft.get_all("Cc", []))
        subject = clean_line(str(draft.get("Subject", "")))
        part = draft.get_body(("plain",))
        body = Body(part.get_content() if isinstance(part, EmailMessage) else "")
        message_id = clean_line(str(draft.get("Message-ID", ""))) or None
        ask = clean_line(str(draft.get(ASK_HEADER, ""))) or None
        parent = reply_to.message_id if reply_to is not None else None
        if parent is None and draft.get("In-Reply-To"):
            parent = clean_line(str(draft["In-Reply-To"])).strip("<>") or None
        drafts = self.ews.drafts
        with ews_errors(f"{self.where}: save draft"):
            original = self._find(parent) if parent else None
            if original is not None:
                reply = Message(account=self.ews, id=original[0], changekey=original[1])
                created = reply.create_reply(
                    subject=subject, body=body, to_recipients=to, cc_recipients=cc or None
                ).save(drafts)
                saved = Message(
                    account=self.ews, folder=drafts, id=created.id, changekey=created.changekey
                )
                saved.categories = [DRAFT_CATEGORY]
                saved.ft_ask = ask
                fields = ["categories", "ft_ask"]
                if message_id:
                    saved.message_id = message_id
                    fields.append("message_id")
                saved.save(update_fields=fields)
                return str(saved.id)
            message = Message(
                account=self.ews,
                folder=drafts,
                subject=subject,
                body=body,
                to_recipients=to,
                cc_recipients=cc or None,
                categories=[DRAFT_CATEGORY],
                message_id=message_id,
                in_reply_to=clean_line(str(draft.get("In-Reply-To", ""))) or None,
                references=clean_line(str(draft.get("References", ""))) or None,
            )
            message.ft_ask = ask
            message.save()  # CreateItem, MessageDisposition="SaveOnly"
            return str(message.id)

    def find_draft(self, message_id: str) -> str | None:
        """The id of the draft in Drafts whose Message-ID is ``message_id``, or None."""
        with ews_errors(f"{self.where}: find draft"):
            found = self._find(message_id, [self.ews.drafts])
        return found[0] if found else None

    def _find(self, message_id: str, folders: list[Any] | None = None) -> tuple[str, str] | None:
        """(id, changekey) of the message with this Message-ID, in Sent Items or the Inbox
        unless ``folders`` says otherwise. One FindItem request."""
        collection = FolderCollection(
            account=self.ews, folders=folders or [self.ews.sent, self.ews.inbox]
        )
        found = list(
            collection.filter(message_id=f"<{message_id}>").values_list("id", "changekey")[:1]
        )
        if not found:
            return None
        item_id, changekey = found[0]
        return str(item_id), str(changekey)

    def delete_draft(self, ref: str) -> bool:
        """Move our draft ``ref`` to Deleted Items (a no-longer-needed check-in or nudge,
        or the user's [d]elete in review). One DeleteItem request; never a send."""
        if self.draft_state(ref) != "pending":
            return False
        with ews_errors(f"{self.where}: delete draft"):
            [result] = self.ews.bulk_delete(ids=[(ref, None)], delete_type="MoveToDeletedItems")
        return result is True

    def fetch_draft(self, ref: str) -> bytes | None:
        """The MIME of draft ``ref`` as it is now (the user may have edited it in Outlook),
        or None once it is sent or deleted. One GetItem request."""
        with ews_errors(f"{self.where}: fetch draft"):
            [item] = list(
                self.ews.fetch(
                    ids=[(ref, None)],
                    folder=self.ews.drafts,
                    only_fields=["is_draft", "mime_content"],
                )
            )
        if isinstance(item, Exception) or not item.is_draft or not item.mime_content:
            return None
        mime = item.mime_content
        data = mime if isinstance(mime, bytes) else str(mime).encode("utf-8")
        head = data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        if not any(line.lower().startswith(b"from:") for line in head.splitlines()):
            # a saved draft's MIME may lack From (Exchange adds it when it sends)
            sender = header_address(Address(str(self.ews.primary_smtp_address)))
            data = f"From: {sender}\r\n".encode() + data
        return data

    def draft_path(self, ref: str) -> None:
        """Drafts live in the mailbox, not in a file."""
        return None

    def save_sent(self, data: bytes) -> str | None:
        """File a message followthrough sent over SMTP in Sent Items, as sent and read
        (``SaveOnly`` with its MIME: never a send). Returns the item id."""
        with ews_errors(f"{self.where}: file sent copy"):
            item = Message(account=self.ews, folder=self.ews.sent, mime_content=data)
            item.ft_msgflags = SENT_FLAGS
            item.save()  # CreateItem, MessageDisposition="SaveOnly"
        return str(item.id)

    def draft_state(self, ref: str) -> DraftState:
        """Pending while the item is still a draft; gone when sent (Exchange moves it to
        Sent Items under a new id, where the pass finds it by Message-ID) or deleted."""
        with ews_errors(f"{self.where}: check draft"):
            [item] = list(
                self.ews.fetch(ids=[(ref, None)], folder=self.ews.drafts, only_fields=["is_draft"])
            )
        if isinstance(item, Exception):
            return "gone"
        return "pending" if item.is_draft else "gone"


def mailboxes(values: list[Any]) -> list[Mailbox]:
    out = []
    for name, email in getaddresses([str(v) for v in values]):
        address = parse_address(email, name)
        if address is not None:
            out.append(Mailbox(name=address.name or None, email_address=address.email))
    return out
