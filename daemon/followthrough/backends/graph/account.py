"""The Microsoft 365 backend: Exchange Online through Microsoft Graph v1.0, over httpx
(imported only in :mod:`followthrough.backends.graph.http`). Sign-in is in
:mod:`followthrough.backends.graph.auth`; the calendar in :mod:`.calendar`.

Reading is incremental with delta queries. A mail folder's cursor is
``{"k": "graph", "d": <deltaLink>}``: the first call lists the look-back only
(``$filter=receivedDateTime ge …``), selects just the fields a record needs and asks
for text bodies; the pages are followed to the delta link, which is the cursor. A pass
with no change costs one request per folder. ``@removed`` entries drop what they name;
an expired delta link (410, ``syncStateNotFound``) means one full re-read, logged.

The calendar is watched with ``/me/calendarView/delta`` over the scan window
(``{"k": "graph-cal", "d": …, "w": [start, end]}``): nothing changed costs one request;
any change (or a new window) reads the whole window again, as the other backends do.
Recurring series keep the series' iCalendar UID (the master's ``iCalUId``), so asks
match the ones the Exchange (EWS) backend recorded.

Every request says ``Prefer: IdType="ImmutableId"``: an item keeps its id when Outlook
moves it (a draft deleted to Deleted Items, a draft sent). 429 and 503 are retried
after ``Retry-After`` within ``[microsoft].max_wait``; a 401 refreshes the token once.

Drafts are saved in Drafts and never sent: a reply is ``createReply`` on the original,
then one PATCH (body, recipients — a reply to your own Sent item is re-addressed to
the helper —, Message-ID, category, and the ``X-Followthrough-Ask`` single-value
extended property, the same named property the EWS backend sets); a fresh mail is
``POST /me/messages`` with the draft's MIME, then the same PATCH of the marks. Nothing
in this package calls ``send``, ``sendMail``, ``reply`` or ``replyAll``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.message import Message as RawMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followthrough.backends import load_cursor
from followthrough.backends.graph.calendar import GraphCalendar
from followthrough.backends.graph.delta import PAGE
from followthrough.backends.graph.drafts import (
    ASK_HEADER,
    ASK_PROP,
    TEXT_BODY,
    GraphDrafts,
    odata_string,
    quote_id,
)
from followthrough.backends.graph.http import (
    GraphClient,
    make_http,
)
from followthrough.backends.graph.values import (
    as_dict,
    extended_props,
    header_address,
    to_address,
    to_addresses,
    utc_time,
)
from followthrough.backends.mail.body import html_to_text
from followthrough.backends.mail.headers import clean_line
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.config.microsoft import MicrosoftSettings
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    Check,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    batch_of,
)

log = logging.getLogger(__name__)

IN_REPLY_TO_PROP = "String 0x1042"  # PidTagInReplyToId
REFERENCES_PROP = "String 0x1039"  # PidTagInternetReferences
WELL_KNOWN = {"sent": "sentitems", "inbox": "inbox", "drafts": "drafts"}
MAIL_FIELDS = (
    "id",
    "internetMessageId",
    "subject",
    "from",
    "sender",
    "toRecipients",
    "ccRecipients",
    "sentDateTime",
    "receivedDateTime",
    "conversationId",
    "categories",
    "isRead",
    "isDraft",
    "flag",
    "hasAttachments",
    "body",
)
_AUTO_HEADERS = {
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "content-type",
    "in-reply-to",
    "references",
    "list-id",
    "list-unsubscribe",
    "x-followthrough-ask",
}


class GraphAccount(GraphCalendar, GraphDrafts):
    """A Microsoft 365 mailbox: Sent Items, Inbox, Calendar read; drafts saved, never sent."""

    def __init__(
        self,
        client: GraphClient,
        *,
        email: str,
        tz: ZoneInfo,
        lookback_days: int,
        tag: str = "ask",
        name: str = "microsoft",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.email = email
        self.tz = tz
        self.lookback = timedelta(days=lookback_days)
        self.tag = tag.lower()
        self.name = name
        self.clock = clock
        self.where = f"Microsoft 365 {email}"
        client.where = self.where
        self._deleted_folder: str | None = None

    # ---- mail -------------------------------------------------------------------------

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Messages of ``folder`` created or changed since ``cursor`` (the look-back when
        None). Drafts are listed whole (a handful), with their marks."""
        if folder == "drafts":
            return batch_of(self._read_drafts(skip), json.dumps({"k": "graph-drafts"}))
        data = load_cursor(cursor, "graph")
        link = str(data["d"]) if data is not None and isinstance(data.get("d"), str) else None
        done: list[str] = []

        def records() -> Iterator[MailRecord]:
            since = (self.clock() - self.lookback).astimezone(UTC)
            fields = list(MAIL_FIELDS)
            if folder == "inbox":
                fields.append("internetMessageHeaders")
            params = {
                "$select": ",".join(fields),
                # In-Reply-To, References and our X-Followthrough-Ask: MAPI properties
                # every message has, sent items included (they carry no transport headers)
                "$expand": self._expand_props(),
                "$filter": f"receivedDateTime ge {since:%Y-%m-%dT%H:%M:%SZ}",
                # a dated delta returns at most 5,000 messages: the newest ones
                "$orderby": "receivedDateTime desc",
            }
            delta, _ = self._delta(
                f"/me/mailFolders/{WELL_KNOWN[folder]}/messages/delta",
                params,
                link,
                f"read {folder}",
            )
            found = sorted(
                delta.items.values(),
                key=lambda i: (
                    utc_time(i.get("receivedDateTime")) or datetime.min.replace(tzinfo=UTC)
                ),
            )
            for item in found:
                record = self._convert(item, folder, skip)
                if record is not None:
                    yield record
            done.append(json.dumps({"k": "graph", "d": delta.link}))

        def cursor_after() -> str:
            if not done:
                raise RuntimeError("cursor() called before the records were consumed")
            return done[0]

        return Batch(records(), cursor_after)

    def _read_drafts(self, skip: SkipSink) -> Iterator[MailRecord]:
        url: str | None = "/me/mailFolders/drafts/messages"
        params: dict[str, str] | None = {
            "$select": ",".join(MAIL_FIELDS),
            "$expand": self._expand_props(),
            "$top": str(PAGE),
        }
        while url:
            data = self.client.json(
                "GET", url, what="read drafts", params=params, prefer=(TEXT_BODY,)
            )
            for item in data.get("value") or ():
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    record = self._convert(item, "drafts", skip)
                    if record is not None:
                        yield record
            url, params = data.get("@odata.nextLink"), None

    @staticmethod
    def _expand_props() -> str:
        ids = " or ".join(
            f"id eq {odata_string(p)}" for p in (ASK_PROP, IN_REPLY_TO_PROP, REFERENCES_PROP)
        )
        return f"singleValueExtendedProperties($filter={ids})"

    def _convert(self, item: dict[str, Any], folder: Folder, skip: SkipSink) -> MailRecord | None:
        try:
            return self._mail_record(item, folder)
        except MessageParseError as exc:
            skip(Skipped(f"{folder}:{item['id']}", exc.why))
        except Exception as exc:  # one bad item never stops a pass
            log.debug("could not convert %s", item.get("id"), exc_info=True)
            skip(Skipped(f"{folder}:{item['id']}", f"{type(exc).__name__}: {exc}"[:300]))
        return None

    def _mail_record(self, item: dict[str, Any], folder: Folder) -> MailRecord:
        """Headers rebuilt from the item's fields, read by the shared mail parser."""
        msg = RawMessage()
        for header in item.get("internetMessageHeaders") or ():
            if not isinstance(header, dict):
                continue
            name = str(header.get("name") or "")
            if name.lower() in _AUTO_HEADERS and header.get("value"):
                msg[name] = clean_line(str(header["value"]))
        props = extended_props(item)
        for key, prop in (
            ("In-Reply-To", IN_REPLY_TO_PROP),
            ("References", REFERENCES_PROP),
            (ASK_HEADER, ASK_PROP),
        ):
            if props.get(prop.lower()) and key not in msg:
                msg[key] = clean_line(props[prop.lower()])
        author = to_address(item.get("from")) or to_address(item.get("sender"))
        if author is not None:
            msg["From"] = header_address(author)
        for key, field in (("To", "toRecipients"), ("Cc", "ccRecipients")):
            found = to_addresses(item.get(field))
            if found:
                msg[key] = ", ".join(header_address(a) for a in found)
        msg["Subject"] = clean_line(str(item.get("subject") or ""))
        date = (
            utc_time(item.get("sentDateTime"))
            or utc_time(item.get("receivedDateTime"))
            or self.clock()
        ).astimezone(self.tz)
        msg["Date"] = format_datetime(date)
        if item.get("internetMessageId"):
            msg["Message-ID"] = clean_line(str(item["internetMessageId"]))
        if not str(msg.get("Content-Type", "")).lower().startswith("multipart/"):
            del msg["Content-Type"]
            msg["Content-Type"] = "text/plain; charset=utf-8"
        record = parse_message(
            msg.as_bytes(),
            ref=str(item["id"]),
            folder=folder,
            marks=frozenset(),
            tz=self.tz,
            default_date=date,
        )
        body = as_dict(item.get("body"))
        text = str(body.get("content") or "")
        if str(body.get("contentType", "text")).lower() == "html":
            text = html_to_text(text)
        categories = frozenset(
            clean_line(str(c)).lower() for c in item.get("categories") or () if c
        )
        marks = set(categories)
        if item.get("isRead"):
            marks.add("seen")
        if folder == "drafts" or item.get("isDraft"):
            marks.add("draft")
        flag = as_dict(item.get("flag"))
        if flag.get("flagStatus") == "flagged" or self.tag in categories:
            marks.add("flagged")
        ref = str(item["id"])
        attachments: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
        if item.get("hasAttachments"):
            attachments = lambda: self._attachment_names(ref)  # noqa: E731 - read when asked
        conversation = item.get("conversationId")
        return record.replace(
            date=date,
            text=text.replace("\r\n", "\n"),
            attachments=attachments,
            marks=frozenset(marks),
            conversation=str(conversation) if conversation else None,
        )

    def _attachment_names(self, ref: str) -> tuple[str, ...]:
        """The names of a message's attachments (not inline images): one request, made
        only when the pass reads them (a reply in an ask's thread)."""
        data = self.client.json(
            "GET",
            f"/me/messages/{quote_id(ref)}/attachments",
            what="list attachments",
            params={"$select": "name,isInline"},
        )
        return tuple(
            clean_line(str(a.get("name")))[:255] or "unnamed"
            for a in data.get("value") or ()
            if isinstance(a, dict) and a.get("name") is not None and not a.get("isInline")
        )

    def close(self) -> None:
        self.client.close()


# --- opening and diagnosing -----------------------------------------------------------------


def open_graph(
    settings: MicrosoftSettings,
    *,
    state_dir: Path,
    tz: ZoneInfo,
    lookback_days: int,
    tag: str,
    now: datetime | None = None,
) -> GraphAccount:
    from followthrough.backends.graph import auth as graphauth

    tokens = graphauth.open_token_provider(settings, state_dir)
    client = GraphClient(tokens, http=make_http(), max_wait=settings.max_wait)
    return GraphAccount(
        client,
        email=settings.email,
        tz=tz,
        lookback_days=settings.lookback_days or lookback_days,
        tag=tag,
        clock=(lambda: now) if now is not None else (lambda: datetime.now(UTC)),
    )


def diagnose(
    settings: MicrosoftSettings, *, state_dir: Path, tz: ZoneInfo, lookback_days: int
) -> list[Check]:
    """What `followthrough doctor` reports: the sign-in, the token, the mailbox, the
    calendar; each failure with one sentence on what to do."""
    from followthrough.backends.graph import auth as graphauth
    from followthrough.errors import ConfigError

    checks = [
        Check(
            True,
            f"config: mailbox {settings.email}, client id {settings.client_id}, "
            f"tenant {settings.tenant}, sign-in by {settings.login}",
        )
    ]
    try:
        tokens = graphauth.open_token_provider(settings, state_dir)
        tokens.token()
    except (BackendError, ConfigError) as exc:
        checks.append(Check(False, "sign-in", exc.message))
        return checks
    if isinstance(tokens, graphauth.MsalTokenProvider):
        store = tokens.store
        warning = "" if store.encrypted else " — no secure keyring here"
        checks.append(Check(True, f"token: valid; kept in {store.describe()}{warning}"))
    else:
        checks.append(Check(True, "token: valid"))
    client = GraphClient(tokens, http=make_http(), max_wait=min(settings.max_wait, 30))
    account = GraphAccount(client, email=settings.email, tz=tz, lookback_days=lookback_days)
    try:
        counts = []
        for folder in ("inbox", "sentitems", "drafts"):
            data = client.json(
                "GET",
                f"/me/mailFolders/{folder}",
                what=f"open {folder}",
                params={"$select": "displayName,totalItemCount"},
            )
            counts.append(
                f"{data.get('displayName') or folder} ({data.get('totalItemCount', '?')} items)"
            )
        checks.append(Check(True, "mailbox: " + ", ".join(counts)))
        ours = account.find_marked_drafts()
        checks.append(Check(True, f"drafts by followthrough waiting in Drafts: {len(ours)}"))
    except BackendError as exc:
        checks.append(Check(False, "mailbox", exc.message))
        client.close()
        return checks
    try:
        data = client.json(
            "GET", "/me/calendar", what="open the calendar", params={"$select": "name"}
        )
        checks.append(Check(True, f"calendar: {data.get('name') or 'Calendar'}"))
    except BackendError as exc:
        checks.append(Check(False, "calendar", exc.message))
    finally:
        client.close()
    return checks


if TYPE_CHECKING:  # mypy checks that the Graph backend is a whole Account
    from followthrough.model import Account

    def _is_account(account: GraphAccount) -> Account:
        return account
