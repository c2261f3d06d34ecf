"""A fake Exchange Web Services endpoint: a real HTTP server on 127.0.0.1.

It answers the SOAP operations the Exchange backend uses, shaped like Exchange's
documented responses (learn.microsoft.com, "EWS operations"): GetFolder,
SyncFolderItems, GetItem, FindItem (a calendar view, or a lookup by
InternetMessageId), CreateItem (SaveOnly: a Message or a ReplyToItem, with fields or
with its MimeContent) and UpdateItem. GetItem answers MimeContent built from the fields.
Any other operation, and any CreateItem that would send, is answered with an error
and recorded in :attr:`FakeEws.refused`, so a test can prove the backend never sends.

The mailbox lives in memory. Every change gets a number from one counter; a sync state
is ``"<folder>:<number>"``. Requests are counted per operation in :attr:`FakeEws.calls`.
Faults are injected with :meth:`FakeEws.fail_next`.
"""

from __future__ import annotations

import base64
import itertools
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape, quoteattr

S = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
FOLDERS = ("sentitems", "inbox", "drafts", "calendar", "deleteditems", "root")
SEND_DISPOSITIONS = ("SendOnly", "SendAndSaveCopy")

Mbox = tuple[str, str]  # (name, email)


def _t(tag: str) -> str:
    return f"{{{T}}}{tag}"


def _m(tag: str) -> str:
    return f"{{{M}}}{tag}"


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


@dataclass
class Item:
    """One item in the fake mailbox: a Message or a CalendarItem (one occurrence)."""

    id: str
    folder: str
    kind: str = "Message"
    subject: str = ""
    author: Mbox | None = None
    to: list[Mbox] = field(default_factory=list)
    cc: list[Mbox] = field(default_factory=list)
    sent: datetime | None = None
    received: datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: str = ""
    conversation: str = ""
    categories: list[str] = field(default_factory=list)
    is_read: bool = True
    text: str = ""
    attachments: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    item_class: str = "IPM.Note"
    is_draft: bool = False
    ext: dict[tuple[tuple[str, str], ...], str] = field(default_factory=dict)
    mime: bytes | None = None  # the MIME it was created from, if any
    # calendar
    uid: str = ""
    start: datetime | None = None
    end: datetime | None = None
    all_day: bool = False
    item_type: str = "Single"
    original_start: datetime | None = None
    organizer: Mbox | None = None
    attendees: list[Mbox] = field(default_factory=list)
    # change tracking
    created: int = 0
    version: int = 0
    changekey: int = 0


FLAG_URI = (("PropertyTag", "0x1090"), ("PropertyType", "Integer"))
MESSAGE_FLAGS_URI = (("PropertyTag", "0xe07"), ("PropertyType", "Integer"))
ASK_URI = (
    ("DistinguishedPropertySetId", "InternetHeaders"),
    ("PropertyName", "X-Followthrough-Ask"),
    ("PropertyType", "String"),
)


class FakeEws:
    """The mailbox, the HTTP server, and the counters. Use as a context manager."""

    def __init__(self, *, user: str = "ann@example.org", password: str = "secret") -> None:  # noqa: S107
        self.user = user
        self.password = password
        self.items: dict[str, Item] = {}
        self.tombstones: list[tuple[int, str, str]] = []  # (seq, folder, id)
        self.seq = itertools.count(1)
        self.now_seq = 0
        self.ids = itertools.count(1)
        self.calls: Counter[str] = Counter()
        self.refused: list[str] = []
        self.requests: list[bytes] = []
        self.faults: list[tuple[int, dict[str, str], bytes]] = []
        self.outage: tuple[str, str, int] | None = None  # (operation, folder, status)
        self.down_status: int | None = None
        self.lock = threading.RLock()  # operations call the public helpers
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # ---- life -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/EWS/Exchange.asmx"

    def __enter__(self) -> FakeEws:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def total_calls(self) -> int:
        return sum(self.calls.values())

    def fail_next(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        """Answer the next request with this HTTP status instead of handling it."""
        self.faults.append((status, headers or {}, body))

    def go_down_at(self, operation: str, folder: str, status: int) -> None:
        """From the first ``operation`` on ``folder`` on, answer every request with HTTP
        ``status`` (401: the password stopped working) or, for 0, drop the connection
        without an answer (the endpoint went away), until :meth:`recover`."""
        self.outage = (operation, folder, status)

    def recover(self) -> None:
        self.outage = self.down_status = None

    def fail_busy_next(self, back_off_ms: int) -> None:
        """Answer the next request with the SOAP fault Exchange uses for throttling."""
        self.fail_next(500, _busy_fault(back_off_ms), {"Content-Type": "text/xml; charset=utf-8"})

    # ---- the mailbox ------------------------------------------------------------------

    def _bump(self, item: Item, *, new: bool = False) -> None:
        n = next(self.seq)
        self.now_seq = n
        item.version = n
        item.changekey += 1
        if new:
            item.created = n

    def add(self, item: Item) -> Item:
        with self.lock:
            self.items[item.id] = item
            self._bump(item, new=True)
        return item

    def new_id(self, prefix: str = "AAMk") -> str:
        return f"{prefix}{next(self.ids):06d}="

    def add_message(self, folder: str, raw: bytes, *, flagged: bool = False) -> Item:
        """Store an RFC 5322 message as Exchange would show it (fields, not MIME)."""
        from email import message_from_bytes, policy

        msg = message_from_bytes(raw, policy=policy.default)
        text_part = msg.get_body(("plain",))
        text = str(text_part.get_content()) if text_part is not None else ""
        attachments = [p.get_filename() or "unnamed" for p in msg.iter_attachments()]

        def boxes(name: str) -> list[Mbox]:
            return [
                (n, e.lower()) for n, e in getaddresses([str(v) for v in msg.get_all(name, [])])
            ]

        date = parsedate_to_datetime(str(msg["Date"])).astimezone(UTC)
        refs = str(msg.get("References", ""))
        in_reply = str(msg.get("In-Reply-To", ""))
        # Exchange threads a message into the conversation of the message it answers.
        parents = [p for p in (in_reply, *refs.split()) if p]
        known = [i.conversation for i in self.items.values() if i.message_id in parents]
        own = base64.b32encode(str(msg["Message-ID"]).encode()).decode()[:24]
        conversation = known[0] if known else f"CONV-{own}"
        item = Item(
            id=self.new_id(),
            folder=folder,
            subject=str(msg.get("Subject", "")),
            author=next(iter(boxes("From")), None),
            to=boxes("To"),
            cc=boxes("Cc"),
            sent=date,
            received=date,
            message_id=str(msg.get("Message-ID", "")),
            in_reply_to=in_reply,
            references=refs,
            conversation=conversation,
            text=text,
            attachments=attachments,
            headers=[(k, str(v)) for k, v in msg.items()] if folder == "inbox" else [],
        )
        if flagged:
            item.ext[FLAG_URI] = "2"
        return self.add(item)

    def set_flagged(self, message_id: str, flagged: bool) -> None:
        with self.lock:
            for item in self.items.values():
                if item.message_id.strip("<>") == message_id.strip("<>"):
                    if flagged:
                        item.ext[FLAG_URI] = "2"
                    else:
                        item.ext.pop(FLAG_URI, None)
                    self._bump(item)

    def delete(self, item_id: str) -> None:
        with self.lock:
            item = self.items.pop(item_id)
            self.now_seq = next(self.seq)
            self.tombstones.append((self.now_seq, item.folder, item_id))

    def move(self, item_id: str, folder: str) -> Item:
        """Move an item as Exchange does: a new id in the target folder."""
        with self.lock:
            item = self.items.pop(item_id)
            self.now_seq = next(self.seq)
            self.tombstones.append((self.now_seq, item.folder, item_id))
            item.id, item.folder = self.new_id(), folder
            self.items[item.id] = item
            self._bump(item, new=True)
        return item

    def in_folder(self, folder: str) -> list[Item]:
        return [i for i in self.items.values() if i.folder == folder]

    # ---- HTTP -------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                data = self.rfile.read(length)
                status, headers, body = fake.handle(data, self.headers.get("Authorization", ""))
                if status == 0:  # the endpoint went away mid-request
                    self.close_connection = True
                    return
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def handle(self, data: bytes, authorization: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) of the answer; status 0: close without answering."""
        with self.lock:
            self.requests.append(data)
            root = ET.fromstring(data)  # noqa: S314 - our own client, on loopback
            body = root.find(f"{{{S}}}Body")
            op = body[0] if body is not None and len(body) else None
            name = op.tag.split("}")[1] if op is not None else "?"
            self.calls[name] += 1
            if self.outage is not None and self.outage[:2] == (name, self._folder_of(op)):
                self.down_status = self.outage[2]
            if self.down_status == 401:
                return 401, {"WWW-Authenticate": 'Basic realm="fake"'}, b""
            if self.down_status is not None:
                return self.down_status, {}, b""
            if self.faults:
                return self.faults.pop(0)
            expected = "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            if authorization != expected:
                return 401, {"WWW-Authenticate": 'Basic realm="fake"'}, b""
            handler = getattr(self, f"op_{name}", None)
            if handler is None or op is None:
                self.refused.append(name)
                return 500, {"Content-Type": "text/xml"}, _fault("ErrorInvalidRequest", name)
            return 200, {"Content-Type": "text/xml; charset=utf-8"}, _envelope(handler(op))

    # ---- operations -------------------------------------------------------------------

    def _folder_of(self, elem: ET.Element | None) -> str:
        if elem is None:
            return ""
        for f in elem.iter():
            if f.tag == _t("DistinguishedFolderId"):
                return f.get("Id", "")
            if f.tag == _t("FolderId"):
                return f.get("Id", "").removeprefix("FOLDER-")
        return ""

    def op_GetFolder(self, op: ET.Element) -> str:
        out = []
        for fid in op.find(_m("FolderIds")) or []:
            name = fid.get("Id", "").removeprefix("FOLDER-")
            if name not in FOLDERS:
                out.append(_error("GetFolder", "ErrorFolderNotFound", "The folder does not exist."))
                continue
            tag = "CalendarFolder" if name == "calendar" else "Folder"
            count = len(self.in_folder(name))
            out.append(
                _ok(
                    "GetFolder",
                    f'<m:Folders><t:{tag}><t:FolderId Id="FOLDER-{name}" ChangeKey="1"/>'
                    f"<t:DisplayName>{name}</t:DisplayName><t:TotalCount>{count}</t:TotalCount>"
                    f"<t:ChildFolderCount>0</t:ChildFolderCount><t:UnreadCount>0</t:UnreadCount>"
                    f"</t:{tag}></m:Folders>",
                )
            )
        return _response("GetFolder", out)

    def op_SyncFolderItems(self, op: ET.Element) -> str:
        folder = self._folder_of(op.find(_m("SyncFolderId")))
        state = (op.findtext(_m("SyncState")) or "").strip()
        limit = int(op.findtext(_m("MaxChangesReturned")) or "100")
        since = 0
        if state:
            prefix, _, number = state.partition(":")
            if prefix != folder or not number.isdigit():
                return _response(
                    "SyncFolderItems",
                    [_error("SyncFolderItems", "ErrorInvalidSyncStateData", "Invalid sync state.")],
                )
            since = int(number)
        fields = _requested(op)
        changes: list[tuple[int, str]] = []
        for item in self.in_folder(folder):
            if item.version > since:
                kind = "Create" if item.created > since else "Update"
                changes.append((item.version, f"<t:{kind}>{_item_xml(item, fields)}</t:{kind}>"))
        for seq, where, item_id in self.tombstones:
            if where == folder and seq > since:
                changes.append(
                    (seq, f'<t:Delete><t:ItemId Id="{item_id}" ChangeKey="0"/></t:Delete>')
                )
        changes.sort()
        page = changes[:limit]
        last = len(page) == len(changes)
        new_since = self.now_seq if last else page[-1][0]
        inner = (
            f"<m:SyncState>{folder}:{new_since}</m:SyncState>"
            f"<m:IncludesLastItemInRange>{str(last).lower()}</m:IncludesLastItemInRange>"
            f"<m:Changes>{''.join(x for _, x in page)}</m:Changes>"
        )
        return _response("SyncFolderItems", [_ok("SyncFolderItems", inner)])

    def op_GetItem(self, op: ET.Element) -> str:
        fields = _requested(op)
        out = []
        for ref in op.find(_m("ItemIds")) or []:
            item = self.items.get(ref.get("Id", ""))
            if item is None:
                out.append(
                    _error(
                        "GetItem",
                        "ErrorItemNotFound",
                        "The specified object was not found in the store.",
                    )
                )
            else:
                out.append(_ok("GetItem", f"<m:Items>{_item_xml(item, fields)}</m:Items>"))
        return _response("GetItem", out)

    def op_FindItem(self, op: ET.Element) -> str:
        fields = _requested(op)
        view = op.find(_m("CalendarView"))
        out = []
        for parent in op.find(_m("ParentFolderIds")) or []:
            folder = (
                self._folder_of(parent)
                if parent.tag != _t("DistinguishedFolderId")
                else parent.get("Id", "")
            )
            items = self.in_folder(folder)
            if view is not None:
                start, end = (
                    _parse_iso(view.get("StartDate", "")),
                    _parse_iso(view.get("EndDate", "")),
                )
                items = [i for i in items if i.start and i.end and i.start < end and i.end > start]
                items.sort(key=lambda i: i.start or start)
            restriction = op.find(_m("Restriction"))
            if restriction is not None:
                wanted = _constant(restriction)
                items = [i for i in items if i.message_id == wanted]
            paging = op.find(_m("IndexedPageItemView"))
            if paging is not None:
                offset = int(paging.get("Offset", "0"))
                size = int(paging.get("MaxEntriesReturned", "1000"))
                page = items[offset : offset + size]
                last = offset + len(page) >= len(items)
                attrs = f'IndexedPagingOffset="{offset + len(page)}" '
            else:
                page, last, attrs = items, True, ""
            xml = "".join(_item_xml(i, fields) for i in page)
            out.append(
                _ok(
                    "FindItem",
                    f'<m:RootFolder {attrs}TotalItemsInView="{len(items)}" '
                    f'IncludesLastItemInRange="{str(last).lower()}"><t:Items>{xml}</t:Items></m:RootFolder>',
                )
            )
        return _response("FindItem", out)

    def op_CreateItem(self, op: ET.Element) -> str:
        disposition = op.get("MessageDisposition", "")
        if disposition in SEND_DISPOSITIONS:
            self.refused.append(f"CreateItem/{disposition}")
            return _response(
                "CreateItem", [_error("CreateItem", "ErrorInvalidRequest", "refused: would send")]
            )
        folder = self._folder_of(op.find(_m("SavedItemFolderId"))) or "drafts"
        out = []
        for elem in op.find(_m("Items")) or []:
            tag = elem.tag.split("}")[1]
            if tag == "ReplyToItem":
                item = self._reply(elem, folder)
            elif tag == "Message":
                item = Item(id=self.new_id(), folder=folder, is_draft=True, is_read=True)
                _apply(item, elem)
                item.conversation = item.conversation or "CONV-NEW-" + item.id
            else:
                self.refused.append(f"CreateItem/{tag}")
                out.append(_error("CreateItem", "ErrorInvalidRequest", f"{tag} not supported"))
                continue
            item.sent = item.received = datetime.now(UTC)
            self.items[item.id] = item
            self._bump(item, new=True)
            out.append(
                _ok(
                    "CreateItem",
                    f'<m:Items><t:Message><t:ItemId Id="{item.id}" ChangeKey="{item.changekey}"/>'
                    "</t:Message></m:Items>",
                )
            )
        return _response("CreateItem", out)

    def _reply(self, elem: ET.Element, folder: str) -> Item:
        ref = elem.find(_t("ReferenceItemId"))
        original = self.items[ref.get("Id", "")] if ref is not None else None
        if original is None:
            raise KeyError("ReplyToItem without a reference")
        item = Item(
            id=self.new_id(),
            folder=folder,
            is_draft=True,
            subject="RE: " + original.subject,
            in_reply_to=original.message_id,
            references=(original.references + " " + original.message_id).strip(),
            conversation=original.conversation,
            to=[original.author] if original.author else [],
            message_id=f"<draft-{next(self.ids)}@fake.ews>",
            author=("", self.user),
        )
        _apply(item, elem)
        new_body = elem.find(_t("NewBodyContent"))
        quoted = "\n".join("> " + line for line in original.text.splitlines())
        item.text = ((new_body.text or "") if new_body is not None else "") + "\n\n" + quoted
        return item

    def op_DeleteItem(self, op: ET.Element) -> str:
        out = []
        for ref in op.find(_m("ItemIds")) or []:
            item = self.items.get(ref.get("Id", ""))
            if item is None:
                out.append(_error("DeleteItem", "ErrorItemNotFound", "not found"))
                continue
            if op.get("DeleteType") == "MoveToDeletedItems":
                self.move(item.id, "deleteditems")
            else:
                self.delete(item.id)
            out.append(_ok("DeleteItem", ""))
        return _response("DeleteItem", out)

    def op_UpdateItem(self, op: ET.Element) -> str:
        disposition = op.get("MessageDisposition", "")
        if disposition in SEND_DISPOSITIONS:
            self.refused.append(f"UpdateItem/{disposition}")
            return _response(
                "UpdateItem", [_error("UpdateItem", "ErrorInvalidRequest", "refused: would send")]
            )
        out = []
        for change in op.find(_m("ItemChanges")) or []:
            ref = change.find(_t("ItemId"))
            item = self.items.get(ref.get("Id", "") if ref is not None else "")
            if item is None:
                out.append(_error("UpdateItem", "ErrorItemNotFound", "not found"))
                continue
            for update in change.find(_t("Updates")) or []:
                for value in update:
                    if value.tag in (_t("Message"), _t("CalendarItem")):
                        _apply(item, value)
            self._bump(item)
            out.append(
                _ok(
                    "UpdateItem",
                    f'<m:Items><t:Message><t:ItemId Id="{item.id}" ChangeKey="{item.changekey}"/>'
                    "</t:Message></m:Items><m:ConflictResults><t:Count>0</t:Count></m:ConflictResults>",
                )
            )
        return _response("UpdateItem", out)


# ---- XML helpers ------------------------------------------------------------------------


def _requested(op: ET.Element) -> set[str]:
    """The FieldURIs (and extended property keys) an ItemShape asks for."""
    shape = op.find(_m("ItemShape"))
    out: set[str] = set()
    if shape is None:
        return out
    for f in shape.iter():
        if f.tag == _t("FieldURI"):
            out.add(f.get("FieldURI", ""))
        elif f.tag == _t("ExtendedFieldURI"):
            out.add(repr(tuple(sorted(f.attrib.items()))))
    return out


def _constant(restriction: ET.Element) -> str:
    for c in restriction.iter(_t("Constant")):
        return c.get("Value", "")
    return ""


def _mailbox(box: Mbox | None) -> str:
    if box is None:
        return ""
    name, email = box
    return (
        f"<t:Mailbox><t:Name>{escape(name)}</t:Name><t:EmailAddress>{escape(email)}</t:EmailAddress>"
        "<t:RoutingType>SMTP</t:RoutingType></t:Mailbox>"
    )


def _item_xml(item: Item, fields: set[str]) -> str:
    parts = [f'<t:ItemId Id="{item.id}" ChangeKey="{item.changekey}"/>']

    def add(uri: str, xml: str) -> None:
        if uri in fields:
            parts.append(xml)

    add("item:Subject", f"<t:Subject>{escape(item.subject)}</t:Subject>")
    add("item:ItemClass", f"<t:ItemClass>{item.item_class}</t:ItemClass>")
    add("item:IsDraft", f"<t:IsDraft>{str(item.is_draft).lower()}</t:IsDraft>")
    if item.kind == "Message":
        mime = base64.b64encode(mime_of(item)).decode()
        add("item:MimeContent", f'<t:MimeContent CharacterSet="UTF-8">{mime}</t:MimeContent>')
    if item.received:
        add(
            "item:DateTimeReceived",
            f"<t:DateTimeReceived>{_iso(item.received)}</t:DateTimeReceived>",
        )
    if item.sent:
        add("item:DateTimeSent", f"<t:DateTimeSent>{_iso(item.sent)}</t:DateTimeSent>")
    cats = "".join(f"<t:String>{escape(c)}</t:String>" for c in item.categories)
    add("item:Categories", f"<t:Categories>{cats}</t:Categories>" if cats else "")
    add("item:TextBody", f'<t:TextBody BodyType="Text">{escape(item.text)}</t:TextBody>')
    add("item:Body", f'<t:Body BodyType="Text">{escape(item.text)}</t:Body>')
    if item.attachments:
        atts = "".join(
            f'<t:FileAttachment><t:AttachmentId Id="{item.id}-{n}"/><t:Name>{escape(a)}</t:Name>'
            f"<t:ContentType>application/octet-stream</t:ContentType><t:IsInline>false</t:IsInline>"
            "</t:FileAttachment>"
            for n, a in enumerate(item.attachments)
        )
        add("item:Attachments", f"<t:Attachments>{atts}</t:Attachments>")
    if item.headers:
        hdrs = "".join(
            f"<t:InternetMessageHeader HeaderName={quoteattr(k)}>{escape(v)}"
            "</t:InternetMessageHeader>"
            for k, v in item.headers
        )
        add(
            "item:InternetMessageHeaders",
            f"<t:InternetMessageHeaders>{hdrs}</t:InternetMessageHeaders>",
        )
    if item.in_reply_to:
        add("item:InReplyTo", f"<t:InReplyTo>{escape(item.in_reply_to)}</t:InReplyTo>")
    if item.conversation:
        add("item:ConversationId", f'<t:ConversationId Id="{item.conversation}"/>')
    for key, value in item.ext.items():
        if repr(tuple(sorted(key))) in fields:
            attrs = " ".join(f"{k}={quoteattr(v)}" for k, v in key)
            parts.append(
                f"<t:ExtendedProperty><t:ExtendedFieldURI {attrs}/>"
                f"<t:Value>{escape(value)}</t:Value></t:ExtendedProperty>"
            )
    if item.kind == "Message":
        add(
            "message:ToRecipients",
            f"<t:ToRecipients>{''.join(map(_mailbox, item.to))}</t:ToRecipients>",
        )
        if item.cc:
            add(
                "message:CcRecipients",
                f"<t:CcRecipients>{''.join(map(_mailbox, item.cc))}</t:CcRecipients>",
            )
        if item.author:
            add("message:From", f"<t:From>{_mailbox(item.author)}</t:From>")
        add(
            "message:InternetMessageId",
            f"<t:InternetMessageId>{escape(item.message_id)}</t:InternetMessageId>",
        )
        add("message:IsRead", f"<t:IsRead>{str(item.is_read).lower()}</t:IsRead>")
        if item.references:
            add("message:References", f"<t:References>{escape(item.references)}</t:References>")
        return f"<t:Message>{''.join(parts)}</t:Message>"
    assert item.start and item.end
    add("calendar:UID", f"<t:UID>{escape(item.uid)}</t:UID>")
    add("calendar:Start", f"<t:Start>{_iso(item.start)}</t:Start>")
    add("calendar:End", f"<t:End>{_iso(item.end)}</t:End>")
    add("calendar:IsAllDayEvent", f"<t:IsAllDayEvent>{str(item.all_day).lower()}</t:IsAllDayEvent>")
    add("calendar:CalendarItemType", f"<t:CalendarItemType>{item.item_type}</t:CalendarItemType>")
    if item.original_start:
        add(
            "calendar:OriginalStart",
            f"<t:OriginalStart>{_iso(item.original_start)}</t:OriginalStart>",
        )
    if item.organizer:
        add("calendar:Organizer", f"<t:Organizer>{_mailbox(item.organizer)}</t:Organizer>")
    attendees = "".join(f"<t:Attendee>{_mailbox(a)}</t:Attendee>" for a in item.attendees)
    if attendees:
        add("calendar:RequiredAttendees", f"<t:RequiredAttendees>{attendees}</t:RequiredAttendees>")
    return f"<t:CalendarItem>{''.join(parts)}</t:CalendarItem>"


def _boxes(elem: ET.Element | None) -> list[Mbox]:
    if elem is None:
        return []
    return [
        (m.findtext(_t("Name")) or "", (m.findtext(_t("EmailAddress")) or "").lower())
        for m in elem.iter(_t("Mailbox"))
    ]


def _apply(item: Item, elem: ET.Element) -> None:
    """Set the fields a CreateItem/UpdateItem element carries."""
    for child in elem:
        tag = child.tag.split("}")[1]
        if tag == "Subject":
            item.subject = child.text or ""
        elif tag in ("Body", "NewBodyContent"):
            item.text = child.text or ""
        elif tag == "ToRecipients":
            item.to = _boxes(child)
        elif tag == "CcRecipients":
            item.cc = _boxes(child)
        elif tag == "Categories":
            item.categories = [s.text or "" for s in child]
        elif tag == "InternetMessageId":
            item.message_id = child.text or ""
        elif tag == "InReplyTo":
            item.in_reply_to = child.text or ""
        elif tag == "References":
            item.references = child.text or ""
        elif tag == "ExtendedProperty":
            uri = child.find(_t("ExtendedFieldURI"))
            if uri is not None:
                key = tuple(sorted(uri.attrib.items()))
                item.ext[key] = child.findtext(_t("Value")) or ""
        elif tag == "From":
            item.author = next(iter(_boxes(child)), None)
        elif tag == "MimeContent":
            _apply_mime(item, base64.b64decode(child.text or ""))
    flags = item.ext.get(MESSAGE_FLAGS_URI)
    if flags is not None:  # PidTagMessageFlags, settable on create: 8 = unsent (a draft)
        item.is_draft = bool(int(flags) & 8)
        item.is_read = bool(int(flags) & 1)


def _apply_mime(item: Item, raw: bytes) -> None:
    from email import message_from_bytes, policy

    msg = message_from_bytes(raw, policy=policy.default)
    part = msg.get_body(("plain",))
    item.text = str(part.get_content()) if part is not None else ""
    item.subject = str(msg.get("Subject", ""))
    item.message_id = str(msg.get("Message-ID", ""))
    item.in_reply_to = str(msg.get("In-Reply-To", ""))
    item.references = str(msg.get("References", ""))
    item.mime = raw

    def boxes(name: str) -> list[Mbox]:
        return [(n, e.lower()) for n, e in getaddresses([str(v) for v in msg.get_all(name, [])])]

    item.to, item.cc = boxes("To"), boxes("Cc")
    item.author = next(iter(boxes("From")), None)


def mime_of(item: Item) -> bytes:
    """The item as Exchange would export it: its own MIME, else one built from fields."""
    from email.message import EmailMessage

    if item.mime is not None:
        return item.mime
    msg = EmailMessage()
    if item.author:
        msg["From"] = _header_box(item.author)
    if item.to:
        msg["To"] = ", ".join(map(_header_box, item.to))
    if item.cc:
        msg["Cc"] = ", ".join(map(_header_box, item.cc))
    msg["Subject"] = item.subject
    if item.message_id:
        msg["Message-ID"] = item.message_id
    if item.in_reply_to:
        msg["In-Reply-To"] = item.in_reply_to
    if item.references:
        msg["References"] = item.references
    for key, value in item.ext.items():
        if key == ASK_URI:
            msg["X-Followthrough-Ask"] = value
    msg.set_content(item.text)
    return msg.as_bytes()


def _header_box(box: Mbox) -> str:
    from email.utils import formataddr

    return formataddr(box)


def _envelope(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="{S}"><s:Body>{body}'
        "</s:Body></s:Envelope>"
    ).encode()


def _response(op: str, messages: list[str]) -> str:
    return (
        f'<m:{op}Response xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
        f"{''.join(messages)}</m:ResponseMessages></m:{op}Response>"
    )


def _ok(op: str, inner: str) -> str:
    return (
        f'<m:{op}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
        f"{inner}</m:{op}ResponseMessage>"
    )


def _error(op: str, code: str, text: str) -> str:
    return (
        f'<m:{op}ResponseMessage ResponseClass="Error">'
        f"<m:MessageText>{escape(text)}</m:MessageText>"
        f"<m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"
        f"</m:{op}ResponseMessage>"
    )


def _fault(code: str, text: str) -> bytes:
    return _envelope(
        f'<s:Fault><faultcode xmlns:a="{T}">a:{code}</faultcode>'
        f"<faultstring>{escape(text)}</faultstring>"
        f'<detail><e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
        f"{code}</e:ResponseCode></detail></s:Fault>"
    )


def _busy_fault(back_off_ms: int) -> bytes:
    """ErrorServerBusy as Exchange sends it when a throttling budget is spent."""
    e = "http://schemas.microsoft.com/exchange/services/2006/errors"
    return _envelope(
        f'<s:Fault><faultcode xmlns:a="{T}">a:ErrorServerBusy</faultcode>'
        "<faultstring>The server cannot service this request right now. Try again later."
        f'</faultstring><detail><e:ResponseCode xmlns:e="{e}">ErrorServerBusy</e:ResponseCode>'
        f'<e:Message xmlns:e="{e}">The server cannot service this request right now.</e:Message>'
        f'<t:MessageXml xmlns:t="{T}"><t:Value Name="BackOffMilliseconds">{back_off_ms}</t:Value>'
        "</t:MessageXml></detail></s:Fault>"
    )
