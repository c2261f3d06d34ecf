"""A fake Microsoft Graph v1.0 for the Microsoft 365 backend: an ``httpx.MockTransport``
handler over an in-memory mailbox and calendar.

The answers follow the JSON shapes Microsoft documents (learn.microsoft.com, "message
resource type", "event resource type", "message: delta", "event: delta", "Use delta
query", "Create message" (JSON or base64 MIME), "message: createReply", "Update
message", "message: move", "Get MIME content of a message", "Get
singleValueLegacyExtendedProperty" ($filter/$expand on extended properties),
"Throttling" (429 + Retry-After)):

- delta pages carry ``@odata.nextLink`` (with ``$skiptoken``) until the last page,
  which carries ``@odata.deltaLink`` (with ``$deltatoken``); page size follows
  ``Prefer: odata.maxpagesize``; ``$select`` limits the fields, ``$filter`` on
  ``receivedDateTime ge`` bounds the first round; a deleted or moved-away item comes
  back as ``{"id": …, "@removed": {"reason": "deleted"}}``; a delta token made before
  :meth:`FakeGraph.expire_delta_tokens` answers 410 ``SyncStateNotFound``;
- bodies are HTML unless ``Prefer: outlook.body-content-type="text"``; times are
  UTC dateTimeTimeZone; ids are immutable (a move keeps them) only under
  ``Prefer: IdType="ImmutableId"``, as in Exchange Online;
- ``internetMessageId`` can be changed only while ``isDraft``; extended properties are
  stored by their id string and found again with ``$filter`` / ``$expand``.

Requests are counted (:attr:`FakeGraph.calls`, :attr:`FakeGraph.log`); anything that
would send (``send``, ``sendMail``, ``reply``, ``replyAll``, ``forward``) is refused and
recorded in :attr:`FakeGraph.refused`. Faults are injected with
:meth:`FakeGraph.fail_next` (a status with headers) and :meth:`FakeGraph.drop_next`
(the connection drops). Tokens are checked: only those in :attr:`FakeGraph.tokens` pass.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import getaddresses, make_msgid, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import httpx

BASE = "https://graph.microsoft.com/v1.0"
FOLDERS = ("sentitems", "inbox", "drafts", "deleteditems")
FOLDER_IDS = {f: f"AQMkADAwATM0MDAAMS1{f.upper()}AAAA==" for f in FOLDERS}
FOLDER_NAMES = {
    "sentitems": "Sent Items",
    "inbox": "Inbox",
    "drafts": "Drafts",
    "deleteditems": "Deleted Items",
}
ASK_PROP = "String {00020386-0000-0000-C000-000000000046} Name X-Followthrough-Ask"
SENDING = re.compile(r"/(send|sendMail|reply|replyAll|forward)$", re.I)
PATCHABLE = {
    "subject",
    "body",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "internetMessageId",
    "categories",
    "singleValueExtendedProperties",
    "isRead",
    "flag",
    "importance",
}

Box = tuple[str, str]  # (name, address)


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zoned(dt: datetime) -> dict[str, str]:
    return {"dateTime": dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"}


def _box(b: Box) -> dict[str, Any]:
    return {"emailAddress": {"name": b[0] or b[1], "address": b[1]}}


def _unbox(value: Any) -> Box:
    inner = value["emailAddress"]
    return (str(inner.get("name") or ""), str(inner["address"]).lower())


@dataclass
class Msg:
    id: str
    folder: str
    internet_id: str
    subject: str = ""
    sender: Box | None = None
    to: list[Box] = field(default_factory=list)
    cc: list[Box] = field(default_factory=list)
    sent: datetime | None = None
    received: datetime | None = None
    conversation: str = ""
    categories: list[str] = field(default_factory=list)
    is_read: bool = False
    is_draft: bool = False
    flagged: bool = False
    text: str = ""
    attachments: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    in_reply_to: str = ""
    references: str = ""
    ext: dict[str, str] = field(default_factory=dict)
    seq: int = 0


@dataclass
class Event:
    id: str
    ical_uid: str
    kind: str  # singleInstance | occurrence | exception | seriesMaster
    subject: str
    start: datetime
    end: datetime
    all_day: bool = False
    text: str = ""
    categories: list[str] = field(default_factory=list)
    organizer: Box | None = None
    attendees: list[Box] = field(default_factory=list)
    master: str = ""
    original_start: datetime | None = None
    source: str = ""
    seq: int = 0


class FakeGraph:
    """The mailbox of ``user`` behind a fake Graph; ``transport()`` plugs it into httpx."""

    def __init__(self, user: str = "ann@example.org") -> None:
        self.user = user
        self.messages: dict[str, Msg] = {}
        self.events: dict[str, Event] = {}
        self.tombstones: list[tuple[int, str, str]] = []  # (seq, folder or "calendar", id)
        self.seq = itertools.count(1)
        self.now_seq = 0
        self.ids = itertools.count(1)
        self.lock = threading.RLock()
        self.tokens = {"token-1"}
        self.token_epoch = 0  # delta tokens made before this are expired
        self.calls: Counter[str] = Counter()
        self.log: list[httpx.Request] = []
        self.refused: list[str] = []
        self.ews_ids: dict[str, str] = {}  # EWS item id -> Graph id (translateExchangeIds)
        # (method or "" for any, status, headers, error body); status 0: drop the connection
        self.faults: list[tuple[str, int, dict[str, str], dict[str, Any]]] = []

    # ---- setting up the mailbox ------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=self.transport())

    def new_id(self, prefix: str = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A") -> str:
        return f"{prefix}{next(self.ids):06d}AAA="

    def _bump(self, obj: Msg | Event) -> None:
        self.now_seq = next(self.seq)
        obj.seq = self.now_seq

    def add_message(self, folder: str, raw: bytes, *, flagged: bool = False) -> Msg:
        """Store an RFC 5322 message as Exchange shows it through Graph (fields)."""
        msg = message_from_bytes(raw, policy=policy.default)
        part = msg.get_body(("plain",))
        text = str(part.get_content()) if part is not None else ""
        attachments = [p.get_filename() or "unnamed" for p in msg.iter_attachments()]

        def boxes(name: str) -> list[Box]:
            return [
                (n, e.lower()) for n, e in getaddresses([str(v) for v in msg.get_all(name, [])])
            ]

        date = (
            parsedate_to_datetime(str(msg["Date"])).astimezone(UTC)
            if msg["Date"]
            else datetime.now(UTC)  # a draft: created now
        )
        refs = " ".join(str(msg.get("References", "")).split())
        in_reply = str(msg.get("In-Reply-To", "")).strip()
        with self.lock:
            item = Msg(
                id=self.new_id(),
                folder=folder,
                internet_id=str(msg.get("Message-ID", "")).strip() or make_msgid(),
                subject=str(msg.get("Subject", "")),
                sender=next(iter(boxes("From")), None),
                to=boxes("To"),
                cc=boxes("Cc"),
                sent=date,
                received=date,
                conversation=self._conversation(in_reply, refs),
                text=text,
                attachments=attachments,
                # Transport headers exist on received mail only, as in Exchange Online.
                headers=[(k, str(v)) for k, v in msg.items()] if folder == "inbox" else [],
                in_reply_to=in_reply,
                references=refs,
                flagged=flagged,
                is_draft=folder == "drafts",
            )
            self.messages[item.id] = item
            self._bump(item)
        return item

    def _conversation(self, in_reply: str, refs: str) -> str:
        parents = [p for p in (in_reply, *refs.split()) if p]
        for m in self.messages.values():
            if m.internet_id in parents:
                return m.conversation
        return "AAQkADAwATM0MDAAMS1" + base64.b32encode(next(self.seq).to_bytes(4)).decode()

    def in_folder(self, folder: str) -> list[Msg]:
        return [m for m in self.messages.values() if m.folder == folder]

    def by_internet_id(self, message_id: str) -> Msg:
        [m] = [m for m in self.messages.values() if m.internet_id.strip("<>") == message_id]
        return m

    def set_flagged(self, message_id: str, flagged: bool) -> None:
        with self.lock:
            m = self.by_internet_id(message_id)
            m.flagged = flagged
            self._bump(m)

    def move(self, ref: str, folder: str) -> Msg:
        """What Outlook's Delete (to Deleted Items) or Send (to Sent Items) does; an
        immutable id stays the same."""
        with self.lock:
            m = self.messages[ref]
            self.now_seq = next(self.seq)
            self.tombstones.append((self.now_seq, m.folder, m.id))
            m.folder = folder
            if folder == "sentitems":
                m.is_draft = False
                m.sent = m.received = datetime.now(UTC)
            self._bump(m)
            return m

    def delete(self, ref: str) -> None:
        with self.lock:
            m = self.messages.pop(ref)
            self.now_seq = next(self.seq)
            self.tombstones.append((self.now_seq, m.folder, m.id))

    def add_event(self, event: Event) -> Event:
        with self.lock:
            self.events[event.id] = event
            self._bump(event)
        return event

    def delete_event(self, ref: str) -> None:
        with self.lock:
            self.events.pop(ref)
            self.now_seq = next(self.seq)
            self.tombstones.append((self.now_seq, "calendar", ref))

    def expire_delta_tokens(self) -> None:
        """Every delta link handed out so far answers 410 SyncStateNotFound."""
        self.token_epoch += 1

    def fail_next(
        self,
        status: int,
        headers: dict[str, str] | None = None,
        code: str = "",
        times: int = 1,
        method: str = "",
    ) -> None:
        """The next ``times`` requests (of ``method`` only, when given) get ``status``."""
        error = {"error": {"code": code or f"Http{status}", "message": f"fake {status}"}}
        self.faults += [(method, status, headers or {}, error)] * times

    def drop_next(self, method: str = "") -> None:
        """The next request's (of ``method``) connection drops before an answer."""
        self.faults.append((method, 0, {}, {}))

    def total_calls(self) -> int:
        return sum(self.calls.values())

    # ---- HTTP ------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.log.append(request)
            path = unquote(request.url.path)
            self.calls[f"{request.method} {_shape(path)}"] += 1
            for n, (method, status, headers, error) in enumerate(self.faults):
                if method in ("", request.method):
                    del self.faults[n]
                    if status == 0:
                        raise httpx.RemoteProtocolError(
                            "Server disconnected without sending a response."
                        )
                    return httpx.Response(status, headers=headers, json=error)
            auth = request.headers.get("Authorization", "")
            if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
                return _error(401, "InvalidAuthenticationToken", "Access token has expired.")
            if SENDING.search(path):
                self.refused.append(f"{request.method} {path}")
                return _error(403, "ErrorAccessDenied", "Access is denied (no Mail.Send).")
            if not path.startswith("/v1.0/me/"):
                return _error(400, "BadRequest", f"unsupported path {path}")
            return self.route(request, path[len("/v1.0/me") :])

    def route(self, request: httpx.Request, path: str) -> httpx.Response:
        q = {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()}
        method = request.method
        parts = [p for p in path.split("/") if p]
        prefer = request.headers.get("Prefer", "")
        if parts[:1] == ["mailFolders"] and len(parts) == 4 and parts[2:] == ["messages", "delta"]:
            return self.message_delta(parts[1], q, prefer, request)
        if parts[:1] == ["mailFolders"] and len(parts) == 3 and parts[2] == "messages":
            return self.list_messages([parts[1]], q, prefer, request)
        if parts[:1] == ["mailFolders"] and len(parts) == 2:
            f = parts[1]
            if f not in FOLDERS:
                return _error(404, "ErrorFolderNotFound", f"no folder {f}")
            return _json(
                {
                    "id": FOLDER_IDS[f],
                    "displayName": FOLDER_NAMES[f],
                    "totalItemCount": len(self.in_folder(f)),
                }
            )
        if parts == ["messages"] and method == "GET":
            return self.list_messages(list(FOLDERS), q, prefer, request)
        if parts == ["messages"] and method == "POST":
            return self.create_message(request, prefer)
        if parts[:1] == ["messages"] and len(parts) >= 2:
            m = self.messages.get(parts[1])
            if m is None:
                return _error(404, "ErrorItemNotFound", "The specified object was not found.")
            rest = parts[2:]
            if not rest and method == "GET":
                return _json(self.message_json(m, q, prefer))
            if not rest and method == "PATCH":
                return self.patch_message(m, json.loads(request.content or b"{}"), prefer, q)
            if not rest and method == "DELETE":
                self.delete(m.id)
                return httpx.Response(204)
            if rest == ["$value"] and method == "GET":
                return httpx.Response(
                    200, content=self.mime(m), headers={"Content-Type": "text/plain"}
                )
            if rest == ["attachments"] and method == "GET":
                value = [
                    {
                        "@odata.type": "#microsoft.graph.fileAttachment",
                        "id": f"att{i}",
                        "name": n,
                        "isInline": False,
                    }
                    for i, n in enumerate(m.attachments)
                ]
                return _json({"value": value})
            if rest == ["createReply"] and method == "POST":
                return self.create_reply(m, prefer)
            if rest == ["move"] and method == "POST":
                dest = json.loads(request.content or b"{}").get("destinationId", "")
                if dest not in FOLDERS:
                    return _error(400, "ErrorInvalidIdMalformed", "bad destinationId")
                moved = self.move(m.id, dest)
                if "ImmutableId" not in prefer:  # without it, a move changes the id
                    self.messages.pop(moved.id)
                    moved.id = self.new_id()
                    self.messages[moved.id] = moved
                return _json(self.message_json(moved, {}, prefer), 201)
        if parts == ["translateExchangeIds"] and method == "POST":
            body = json.loads(request.content or b"{}")
            if body.get("sourceIdType") != "ewsId":
                return _error(400, "BadRequest", "the fake translates EWS ids only")
            value = [
                {"sourceId": i, "targetId": self.ews_ids[i]}
                for i in body.get("inputIds", [])
                if i in self.ews_ids
            ]
            return _json({"value": value})
        if parts == ["calendarView", "delta"]:
            return self.event_delta(q, prefer, request)
        if parts[:1] == ["events"] and len(parts) == 2:
            e = self.events.get(parts[1])
            if e is None:
                return _error(404, "ErrorItemNotFound", "The specified object was not found.")
            return _json(self.event_json(e, prefer))
        if parts == ["calendar"]:
            return _json({"id": "AAMkCalendar", "name": "Calendar"})
        return _error(400, "BadRequest", f"{method} {path} is not something the fake knows")

    # ---- messages --------------------------------------------------------------------

    def message_json(self, m: Msg, q: dict[str, str], prefer: str) -> dict[str, Any]:
        text_body = 'outlook.body-content-type="text"' in prefer
        full: dict[str, Any] = {
            "@odata.etag": f'W/"CQAAABYAAAB{m.seq}"',
            "id": m.id,
            "createdDateTime": iso(m.received or datetime(2025, 1, 1, tzinfo=UTC)),
            "receivedDateTime": iso(m.received or datetime(2025, 1, 1, tzinfo=UTC)),
            "sentDateTime": iso(m.sent) if m.sent else None,
            "hasAttachments": bool(m.attachments),
            "internetMessageId": m.internet_id,
            "subject": m.subject,
            "bodyPreview": m.text[:255],
            "importance": "normal",
            "parentFolderId": FOLDER_IDS[m.folder],
            "conversationId": m.conversation,
            "isRead": m.is_read,
            "isDraft": m.is_draft,
            "categories": list(m.categories),
            "body": {"contentType": "text", "content": m.text}
            if text_body
            else {"contentType": "html", "content": f"<html><body><p>{m.text}</p></body></html>"},
            "sender": _box(m.sender) if m.sender else None,
            "from": _box(m.sender) if m.sender else None,
            "toRecipients": [_box(b) for b in m.to],
            "ccRecipients": [_box(b) for b in m.cc],
            "bccRecipients": [],
            "flag": {"flagStatus": "flagged" if m.flagged else "notFlagged"},
        }
        select = [s for s in q.get("$select", "").split(",") if s]
        if "internetMessageHeaders" in select:
            full["internetMessageHeaders"] = [{"name": k, "value": v} for k, v in m.headers]
        if select:
            full = {k: v for k, v in full.items() if k in select or k in ("id", "@odata.etag")}
        expand = q.get("$expand", "")
        if expand.startswith("singleValueExtendedProperties"):
            ids = re.findall(r"id eq '((?:[^']|'')*)'", expand)
            wanted = {i.replace("''", "'").lower() for i in ids}
            props = self._props(m)
            found = [
                {"id": k, "value": v} for k, v in props.items() if not wanted or k.lower() in wanted
            ]
            if found:
                full["singleValueExtendedProperties"] = found
        return full

    @staticmethod
    def _props(m: Msg) -> dict[str, str]:
        props = dict(m.ext)
        if m.in_reply_to:
            props["String 0x1042"] = m.in_reply_to
        if m.references:
            props["String 0x1039"] = m.references
        return props

    def _matches(self, m: Msg, flt: str) -> bool:
        if not flt:
            return True
        if match := re.fullmatch(r"internetMessageId eq '((?:[^']|'')*)'", flt):
            return m.internet_id == match.group(1).replace("''", "'")
        if match := re.fullmatch(
            r"singleValueExtendedProperties/Any\(ep: ep/id eq '((?:[^']|'')*)' and "
            r"ep/value (eq|ne) '((?:[^']|'')*)'\)",
            flt,
        ):
            prop, op, value = match.group(1).replace("''", "'"), match.group(2), match.group(3)
            have = m.ext.get(prop)
            if have is None:
                return False
            return (have.lower() == value.lower()) == (op == "eq")
        raise ValueError(f"the fake does not support $filter={flt!r}")

    def list_messages(
        self, folders: list[str], q: dict[str, str], prefer: str, request: httpx.Request
    ) -> httpx.Response:
        try:
            found = [
                m
                for m in self.messages.values()
                if m.folder in folders and self._matches(m, q.get("$filter", ""))
            ]
        except ValueError as exc:
            return _error(400, "ErrorInvalidUrlQueryFilter", str(exc))
        found.sort(key=lambda m: m.received or datetime.min.replace(tzinfo=UTC), reverse=True)
        top = int(q.get("$top", "10"))
        skip = int(q.get("$skip", "0"))
        page = found[skip : skip + top]
        data: dict[str, Any] = {"value": [self.message_json(m, q, prefer) for m in page]}
        if skip + top < len(found):
            data["@odata.nextLink"] = _link(request, {**q, "$skip": str(skip + top)})
        return _json(data)

    def create_message(self, request: httpx.Request, prefer: str) -> httpx.Response:
        if request.headers.get("Content-Type", "").startswith("text/plain"):
            try:
                raw = base64.b64decode(request.content, validate=True)
            except ValueError:
                return _error(
                    400,
                    "ErrorMimeContentInvalidBase64String",
                    "Invalid base64 string for MIME content.",
                )
            m = self.add_message("drafts", raw)
            m.is_draft = True
            return _json(self.message_json(m, {}, prefer), 201)
        body = json.loads(request.content or b"{}")
        with self.lock:
            m = Msg(
                id=self.new_id(),
                folder="drafts",
                internet_id=make_msgid(domain="fake.outlook"),
                is_draft=True,
            )
            self.messages[m.id] = m
            m.conversation = self._conversation("", "")
            self._apply(m, body)
            self._bump(m)
        return _json(self.message_json(m, {}, prefer), 201)

    def create_reply(self, original: Msg, prefer: str) -> httpx.Response:
        """A reply draft as Exchange makes it: "RE: " subject, addressed to the original's
        sender (you, for your own Sent item), threaded, the original quoted."""
        with self.lock:
            m = Msg(
                id=self.new_id(),
                folder="drafts",
                internet_id=make_msgid(domain="fake.outlook"),
                subject="RE: " + original.subject,
                sender=("", self.user),
                to=[original.sender] if original.sender else [],
                conversation=original.conversation,
                is_draft=True,
                in_reply_to=original.internet_id,
                references=" ".join(x for x in (original.references, original.internet_id) if x),
                text="\n\n________________________________\nFrom: "
                + (original.sender[1] if original.sender else "")
                + "\n\n"
                + original.text,
            )
            self.messages[m.id] = m
            self._bump(m)
        return _json(self.message_json(m, {}, prefer), 201)

    def patch_message(
        self, m: Msg, body: dict[str, Any], prefer: str, q: dict[str, str]
    ) -> httpx.Response:
        unknown = set(body) - PATCHABLE
        if unknown:
            return _error(400, "ErrorInvalidProperty", f"cannot update {sorted(unknown)}")
        if "internetMessageId" in body and not m.is_draft:
            return _error(
                400,
                "ErrorInvalidPropertyUpdateSentMessage",
                "Update operation is invalid for property of a sent message.",
            )
        with self.lock:
            self._apply(m, body)
            self._bump(m)
        return _json(self.message_json(m, {}, prefer))

    def _apply(self, m: Msg, body: dict[str, Any]) -> None:
        if "subject" in body:
            m.subject = str(body["subject"])
        if "body" in body:
            b = body["body"]
            content = str(b.get("content", ""))
            m.text = (
                content
                if b.get("contentType", "html").lower() == "text"
                else re.sub("<[^>]+>", "", content)
            )
        for key, attr in (("toRecipients", "to"), ("ccRecipients", "cc")):
            if key in body:
                setattr(m, attr, [_unbox(v) for v in body[key]])
        if "internetMessageId" in body:
            m.internet_id = str(body["internetMessageId"])
        if "categories" in body:
            m.categories = list(body["categories"])
        for prop in body.get("singleValueExtendedProperties") or ():
            m.ext[str(prop["id"])] = str(prop["value"])
        if "flag" in body:
            m.flagged = body["flag"].get("flagStatus") == "flagged"
        if "isRead" in body:
            m.is_read = bool(body["isRead"])

    def mime(self, m: Msg) -> bytes:
        from email.message import EmailMessage
        from email.utils import format_datetime, formataddr

        msg = EmailMessage()
        if m.sender:
            msg["From"] = formataddr(m.sender)
        if m.to:
            msg["To"] = ", ".join(formataddr(b) for b in m.to)
        if m.cc:
            msg["Cc"] = ", ".join(formataddr(b) for b in m.cc)
        msg["Subject"] = m.subject
        msg["Date"] = format_datetime(m.received or datetime.now(UTC))
        msg["Message-ID"] = m.internet_id
        if m.in_reply_to:
            msg["In-Reply-To"] = m.in_reply_to
        if m.references:
            msg["References"] = m.references
        for k, v in m.ext.items():
            if k.startswith("String {00020386-0000-0000-C000-000000000046} Name "):
                msg[k.rsplit(" ", 1)[1]] = v
        msg.set_content(m.text)
        return msg.as_bytes()

    # ---- delta -----------------------------------------------------------------------

    def _token(self, state: dict[str, Any]) -> str:
        state["e"] = self.token_epoch
        return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()

    def _untoken(self, token: str) -> dict[str, Any] | None:
        try:
            state = json.loads(base64.urlsafe_b64decode(token.encode()))
        except ValueError:
            return None
        return state if isinstance(state, dict) and state.get("e") == self.token_epoch else None

    def message_delta(
        self, folder: str, q: dict[str, str], prefer: str, request: httpx.Request
    ) -> httpx.Response:
        if folder not in FOLDERS:
            return _error(404, "ErrorFolderNotFound", folder)
        size = _page_size(prefer)
        if "$deltatoken" in q or "$skiptoken" in q:
            state = self._untoken(q.get("$deltatoken") or q["$skiptoken"])
            if state is None:
                return _error(410, "SyncStateNotFound", "The sync state is no longer valid.")
        else:
            since = 0.0
            if flt := q.get("$filter"):
                match = re.fullmatch(r"receivedDateTime ge (\S+)", flt)
                if match is None:
                    return _error(400, "ErrorInvalidUrlQueryFilter", f"delta: {flt}")
                since = datetime.fromisoformat(match.group(1).replace("Z", "+00:00")).timestamp()
            if q.get("$orderby", "receivedDateTime desc") != "receivedDateTime desc":
                return _error(400, "ErrorInvalidUrlQuery", "delta: only receivedDateTime desc")
            state = {
                "f": folder,
                "from": 0,
                "to": self.now_seq,
                "since": since,
                "sel": q.get("$select", ""),
                "exp": q.get("$expand", ""),
                "off": 0,
            }
        lo = state["from"]
        hi = state["to"] if state["to"] is not None else self.now_seq
        state["to"] = hi
        changed = [
            m
            for m in self.messages.values()
            if m.folder == folder
            and lo < m.seq <= hi
            and (m.received or datetime.max.replace(tzinfo=UTC)).timestamp() >= state["since"]
        ]
        changed.sort(key=lambda m: m.seq)
        removed = (
            []
            if lo == 0
            else [
                i
                for s, f, i in self.tombstones
                if f == folder
                and lo < s <= hi
                and not (i in self.messages and self.messages[i].folder == folder)
            ]
        )
        entries: list[dict[str, Any]] = [
            self.message_json(m, {"$select": state["sel"], "$expand": state["exp"]}, prefer)
            for m in changed
        ]
        entries += [
            {"@odata.type": "#microsoft.graph.message", "id": i, "@removed": {"reason": "deleted"}}
            for i in dict.fromkeys(removed)
        ]
        off = state["off"]
        page = entries[off : off + size]
        data: dict[str, Any] = {
            "@odata.context": f"{BASE}/$metadata#Collection(message)",
            "value": page,
        }
        base = f"{BASE}/me/mailFolders/{folder}/messages/delta"
        if off + size < len(entries):
            data["@odata.nextLink"] = (
                f"{base}?{_q({'$skiptoken': self._token({**state, 'off': off + size})})}"
            )
        else:
            nxt = {**state, "from": hi, "to": None, "off": 0}
            data["@odata.deltaLink"] = f"{base}?{_q({'$deltatoken': self._token(nxt)})}"
        return _json(data)

    # ---- calendar --------------------------------------------------------------------

    def event_json(self, e: Event, prefer: str) -> dict[str, Any]:
        text_body = 'outlook.body-content-type="text"' in prefer
        return {
            "@odata.type": "#microsoft.graph.event",
            "@odata.etag": f'W/"DwAAABYAAAB{e.seq}"',
            "id": e.id,
            "iCalUId": e.ical_uid,
            "type": e.kind,
            "seriesMasterId": e.master or None,
            "originalStart": iso(e.original_start) if e.original_start else None,
            "subject": e.subject,
            "isAllDay": e.all_day,
            "isCancelled": False,
            "start": zoned(e.start),
            "end": zoned(e.end),
            "categories": list(e.categories),
            "body": {"contentType": "text", "content": e.text}
            if text_body
            else {"contentType": "html", "content": f"<html><body>{e.text}</body></html>"},
            "organizer": _box(e.organizer) if e.organizer else None,
            "attendees": [
                {"type": "required", "status": {"response": "none"}, **_box(a)} for a in e.attendees
            ],
        }

    def event_delta(self, q: dict[str, str], prefer: str, request: httpx.Request) -> httpx.Response:
        size = _page_size(prefer)
        if "$deltatoken" in q or "$skiptoken" in q:
            state = self._untoken(q.get("$deltatoken") or q["$skiptoken"])
            if state is None:
                return _error(410, "SyncStateNotFound", "The sync state is no longer valid.")
        else:
            if "startDateTime" not in q or "endDateTime" not in q:
                return _error(
                    400, "ErrorInvalidParameter", "startDateTime and endDateTime are required"
                )
            state = {
                "s": q["startDateTime"],
                "t": q["endDateTime"],
                "from": 0,
                "to": self.now_seq,
                "off": 0,
            }
        lo = state["from"]
        hi = state["to"] if state["to"] is not None else self.now_seq
        start = datetime.fromisoformat(state["s"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(state["t"].replace("Z", "+00:00"))
        changed = [
            e
            for e in self.events.values()
            if e.kind != "seriesMaster" and lo < e.seq <= hi and e.start < end and e.end > start
        ]
        changed.sort(key=lambda e: (e.start, e.seq))
        removed = (
            []
            if lo == 0
            else [i for s, f, i in self.tombstones if f == "calendar" and lo < s <= hi]
        )
        entries = [self.event_json(e, prefer) for e in changed]
        entries += [
            {"@odata.type": "#microsoft.graph.event", "id": i, "@removed": {"reason": "deleted"}}
            for i in removed
        ]
        off = state["off"]
        state["to"] = hi
        data: dict[str, Any] = {"value": entries[off : off + size]}
        base = f"{BASE}/me/calendarView/delta"
        if off + size < len(entries):
            data["@odata.nextLink"] = (
                f"{base}?{_q({'$skiptoken': self._token({**state, 'off': off + size})})}"
            )
        else:
            nxt = self._token({**state, "from": hi, "to": None, "off": 0})
            data["@odata.deltaLink"] = f"{base}?{_q({'$deltatoken': nxt})}"
        return _json(data)


def _page_size(prefer: str) -> int:
    match = re.search(r"odata\.maxpagesize=(\d+)", prefer)
    return int(match.group(1)) if match else 10


def _shape(path: str) -> str:
    """A request path with ids replaced, for counting: /v1.0/me/messages/{id}/move."""
    return re.sub(
        r"/messages/(?!delta$)[^/]+",
        "/messages/{id}",
        re.sub(r"/events/[^/]+", "/events/{id}", path),
    )


def _link(request: httpx.Request, q: dict[str, str]) -> str:
    parts = urlsplit(str(request.url))
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{_q(q)}"


def _json(data: dict[str, Any], status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=data)


def _error(status: int, code: str, message: str) -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": message}})


def _q(query: dict[str, str]) -> str:
    """A query string as Graph writes its links: ``$skiptoken=…``, the dollar as is."""
    return urlencode(query, safe="$")
