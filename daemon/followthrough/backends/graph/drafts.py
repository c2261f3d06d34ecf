"""Drafts of the Microsoft 365 backend: saved in Drafts through Microsoft Graph, found
again, their fate seen (sent, deleted), handed back and withdrawn. Never sent: nothing
here calls ``send``, ``sendMail``, ``reply`` or ``replyAll``. Mixed into
:class:`followthrough.backends.graph.account.GraphAccount`."""

from __future__ import annotations

import base64
import logging
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any
from urllib.parse import quote

from followthrough.backends.graph.http import GraphClient, GraphError
from followthrough.backends.mail.headers import clean_line, parse_address
from followthrough.errors import BackendError
from followthrough.model import Address, DraftState, MailRecord

log = logging.getLogger(__name__)

DRAFT_CATEGORY = "followthrough"
ASK_HEADER = "X-Followthrough-Ask"
# The X-Followthrough-Ask internet header as a named property (PS_INTERNET_HEADERS):
# filterable, changeable, sent out as a header, and the one the EWS backend set.
ASK_PROP = "String {00020386-0000-0000-C000-000000000046} Name X-Followthrough-Ask"
PAGE = 100
TEXT_BODY = 'outlook.body-content-type="text"'


def quote_id(ref: str) -> str:
    return quote(ref, safe="")


def odata_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _recipient(a: Address) -> dict[str, Any]:
    box: dict[str, str] = {"address": a.email}
    if a.name:
        box["name"] = a.name
    return {"emailAddress": box}


def _mailboxes(values: list[Any]) -> list[Address]:
    out = []
    for name, email in getaddresses([str(v) for v in values]):
        address = parse_address(email, name)
        if address is not None:
            out.append(address)
    return out


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class GraphDrafts:
    """The drafts half of the Graph account; ``GraphAccount`` provides the state."""

    client: GraphClient
    where: str
    _deleted_folder: str | None

    # ---- drafts -----------------------------------------------------------------------

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Save ``draft`` in Drafts (never sent). Returns the draft's immutable id."""
        to = _mailboxes(draft.get_all("To", []))
        cc = _mailboxes(draft.get_all("Cc", []))
        subject = clean_line(str(draft.get("Subject", "")))
        part = draft.get_body(("plain",))
        text = part.get_content() if isinstance(part, EmailMessage) else ""
        message_id = clean_line(str(draft.get("Message-ID", "")))
        ask = clean_line(str(draft.get(ASK_HEADER, ""))) or None
        parent = reply_to.message_id if reply_to is not None else None
        if parent is None and draft.get("In-Reply-To"):
            parent = clean_line(str(draft["In-Reply-To"])).strip("<>") or None
        marks: dict[str, Any] = {"categories": [DRAFT_CATEGORY]}
        if ask:
            marks["singleValueExtendedProperties"] = [{"id": ASK_PROP, "value": ask}]
        original = self._find_original(parent) if parent else None
        if original is not None:
            created = self.client.json(
                "POST",
                f"/me/messages/{quote_id(original)}/createReply",
                what="save draft (createReply)",
                body={},
                prefer=(TEXT_BODY,),
            )
            # Outlook's reply quotes the original below; keep it under our text, as a
            # reply written in Outlook (and the EWS backend's) has it.
            quoted = str(_dict(created.get("body")).get("content") or "").strip("\r\n")
            changes: dict[str, Any] = {
                "subject": subject,
                "body": {
                    "contentType": "text",
                    "content": f"{text.rstrip()}\n\n{quoted}\n" if quoted else text,
                },
                # A reply to your own Sent item is addressed to you: re-address it.
                "toRecipients": [_recipient(a) for a in to],
                "ccRecipients": [_recipient(a) for a in cc],
                **marks,
            }
            if message_id:
                changes["internetMessageId"] = message_id
        else:
            created = self.client.json(
                "POST",
                "/me/messages",
                what="save draft",
                content=base64.b64encode(draft.as_bytes()),
            )
            changes = marks
        ref = str(created.get("id") or "")
        if not ref:
            raise BackendError(f"{self.where}: save draft: Graph returned no id", transient=True)
        try:
            self.client.request(
                "PATCH", f"/me/messages/{quote_id(ref)}", what="save draft (mark)", body=changes
            )
        except BackendError:
            # Half a draft (no marks, no body of ours) is worse than none: take it back.
            try:
                self.client.request(
                    "DELETE",
                    f"/me/messages/{quote_id(ref)}",
                    what="undo a half draft",
                    ok_missing=True,
                )
            except BackendError:
                log.warning("%s: could not remove the unfinished draft %s", self.where, ref)
            raise
        return ref

    def _find_original(self, message_id: str) -> str | None:
        """The id of the (non-draft) message whose Message-ID is ``message_id``."""
        data = self.client.json(
            "GET",
            "/me/messages",
            what="find the message to reply to",
            params={
                "$filter": f"internetMessageId eq {odata_string(f'<{message_id}>')}",
                "$select": "id,isDraft",
                "$top": "5",
            },
        )
        for item in data.get("value") or ():
            if isinstance(item, dict) and item.get("id") and not item.get("isDraft"):
                return str(item["id"])
        return None

    def find_draft(self, message_id: str) -> str | None:
        """The id of the draft in Drafts whose Message-ID is ``message_id``, or None."""
        data = self.client.json(
            "GET",
            "/me/mailFolders/drafts/messages",
            what="find draft",
            params={
                "$filter": f"internetMessageId eq {odata_string(f'<{message_id}>')}",
                "$select": "id",
                "$top": "1",
            },
        )
        for item in data.get("value") or ():
            if isinstance(item, dict) and item.get("id"):
                return str(item["id"])
        return None

    def find_marked_drafts(self, ask: str | None = None) -> list[str]:
        """Ids of the drafts in Drafts that carry our extended property (of ``ask``, or
        any): found with ``$filter`` on the property, as Graph allows."""
        test = f"ep/id eq {odata_string(ASK_PROP)}"
        test += f" and ep/value eq {odata_string(ask)}" if ask else " and ep/value ne ''"
        found: list[str] = []
        url: str | None = "/me/mailFolders/drafts/messages"
        params: dict[str, str] | None = {
            "$filter": f"singleValueExtendedProperties/Any(ep: {test})",
            "$select": "id",
            "$top": str(PAGE),
        }
        while url:
            data = self.client.json("GET", url, what="find our drafts", params=params)
            found += [
                str(i["id"]) for i in data.get("value") or () if isinstance(i, dict) and i.get("id")
            ]
            url, params = data.get("@odata.nextLink"), None
        return found

    def _deleted_items(self) -> str:
        if self._deleted_folder is None:
            data = self.client.json(
                "GET",
                "/me/mailFolders/deleteditems",
                what="find Deleted Items",
                params={"$select": "id"},
            )
            self._deleted_folder = str(data.get("id") or "")
        return self._deleted_folder

    def _draft(self, ref: str) -> tuple[str, dict[str, Any]] | None:
        """(Graph id, isDraft and folder) of draft ``ref``, or None when it is gone. A ref
        the EWS backend recorded (an EWS item id, before moving to Graph) is translated
        once with ``translateExchangeIds``."""
        params = {"$select": "isDraft,parentFolderId"}
        try:
            response = self.client.request(
                "GET",
                f"/me/messages/{quote_id(ref)}",
                what="check draft",
                params=params,
                ok_missing=True,
            )
        except GraphError as exc:
            if exc.status != 400:  # ErrorInvalidIdMalformed: not a Graph id
                raise
            response = None
        if response is not None:
            return ref, response.json()
        data = self.client.json(
            "POST",
            "/me/translateExchangeIds",
            what="translate an EWS draft id",
            body={
                "inputIds": [ref],
                "sourceIdType": "ewsId",
                "targetIdType": "restImmutableEntryId",
            },
        )
        for pair in data.get("value") or ():
            target = _dict(pair).get("targetId")
            if target and target != ref:
                found = self.client.request(
                    "GET",
                    f"/me/messages/{quote_id(str(target))}",
                    what="check draft",
                    params=params,
                    ok_missing=True,
                )
                if found is not None:
                    return str(target), found.json()
        return None

    def draft_state(self, ref: str) -> DraftState:
        """Pending while the item is a draft outside Deleted Items; sent once Outlook sent
        it (the id is immutable, the item is in Sent Items); gone when deleted."""
        found = self._draft(ref)
        return "gone" if found is None else self._state_of(found[1])

    def _state_of(self, item: dict[str, Any]) -> DraftState:
        if not item.get("isDraft"):
            return "sent"
        if item.get("parentFolderId") == self._deleted_items():
            return "gone"
        return "pending"

    def fetch_draft(self, ref: str) -> bytes | None:
        """The draft ``ref`` as MIME, as it is now (the user may have edited it in
        Outlook); None when it is no longer a draft waiting in Drafts."""
        found = self._draft(ref)
        if found is None or self._state_of(found[1]) != "pending":
            return None
        response = self.client.request(
            "GET", f"/me/messages/{quote_id(found[0])}/$value", what="read draft", ok_missing=True
        )
        return response.content if response is not None else None

    def delete_draft(self, ref: str) -> bool:
        """Move our draft ``ref`` to Deleted Items, as Outlook's Delete does. False when
        it is not a pending draft. Never a send."""
        found = self._draft(ref)
        if found is None or self._state_of(found[1]) != "pending":
            return False
        self.client.request(
            "POST",
            f"/me/messages/{quote_id(found[0])}/move",
            what="delete draft",
            body={"destinationId": "deleteditems"},
        )
        return True

    def draft_path(self, ref: str) -> Path | None:
        """Drafts live in the Outlook mailbox, not in files."""
        return None

    def save_sent(self, data: bytes) -> str | None:
        """Exchange Online files its own copy of mail sent through its SMTP server in Sent
        Items, so followthrough files none (and never calls Graph's send)."""
        return None
