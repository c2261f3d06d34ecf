"""Reading Sent Items and the Inbox: changed items found by sync, fetched in batches with
just the fields a record needs, and read by the shared mail parser."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message as RawMessage
from email.utils import format_datetime
from typing import Any

from exchangelib.errors import (
    ErrorItemNotFound,
)

from followthrough.backends.exchange.errors import ews_errors
from followthrough.backends.exchange.items import (
    BATCH,
    FLAGGED,
    EwsFolders,
    address,
    addresses,
    dump_state,
    header_address,
    load_state,
    utc,
)
from followthrough.backends.mail.auto import LIST_HEADERS
from followthrough.backends.mail.body import html_to_text
from followthrough.backends.mail.headers import clean_line
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.model import (
    Batch,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
)

log = logging.getLogger(__name__)

_AUTO_HEADERS = {
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "content-type",
    # list and newsletter headers (see mail.auto._detect_mass)
    *LIST_HEADERS,
    "list-unsubscribe",
    "sender",
    "x-original-from",
    "x-original-sender",
}
MAIL_FIELDS = (
    "subject",
    "author",
    "to_recipients",
    "cc_recipients",
    "datetime_sent",
    "datetime_received",
    "message_id",
    "in_reply_to",
    "references",
    "conversation_id",
    "categories",
    "is_read",
    "attachments",
    "headers",
    "item_class",
    "ft_ask",
    "ft_flag",
)


class MailReading(EwsFolders):
    """The mail part of :class:`ExchangeAccount`."""

    _folders: dict[str, Any]

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Items of ``folder`` created or changed since ``cursor`` (the look-back when None)."""
        ews_folder = self._folders[folder]
        state = load_state(cursor, "ews")
        done: list[str] = []

        def records() -> Iterator[MailRecord]:
            changed, new_state = self._sync(ews_folder, state, ["datetime_received"])
            if state is None:
                cutoff = self.clock() - self.lookback
                changed = [c for c in changed if (utc(c[2]) or cutoff) >= cutoff]
            changed.sort(key=lambda c: utc(c[2]) or datetime.min.replace(tzinfo=UTC))
            yield from self._fetch_mail(folder, ews_folder, [(i, k) for i, k, _ in changed], skip)
            done.append(dump_state("ews", new_state))

        def cursor_after() -> str:
            if not done:
                raise RuntimeError("cursor() called before the records were consumed")
            return done[0]

        return Batch(records(), cursor_after)

    def _fetch_mail(
        self, folder: Folder, ews_folder: Any, ids: list[tuple[str, str]], skip: SkipSink
    ) -> Iterator[MailRecord]:
        if not ids:
            return
        fields = list(MAIL_FIELDS)
        fields.append("text_body" if self._has_text_body() else "body")
        with ews_errors(f"{self.where}: read {folder}"):
            items = list(
                self.ews.fetch(ids=ids, folder=ews_folder, only_fields=fields, chunk_size=BATCH)
            )
        for (item_id, _), item in zip(ids, items, strict=False):
            if isinstance(item, ErrorItemNotFound):
                continue  # deleted between the sync and the fetch
            if isinstance(item, Exception):
                skip(Skipped(f"{folder}:{item_id}", f"{type(item).__name__}: {item}"[:300]))
                continue
            try:
                yield self._mail_record(item, folder)
            except MessageParseError as exc:
                skip(Skipped(f"{folder}:{item_id}", exc.why))
            except Exception as exc:  # one bad item never stops a pass
                log.debug("could not convert %s", item_id, exc_info=True)
                skip(Skipped(f"{folder}:{item_id}", f"{type(exc).__name__}: {exc}"[:300]))

    def _mail_record(self, item: Any, folder: Folder) -> MailRecord:
        """Headers rebuilt from the item's fields, read by the shared mail parser."""
        msg = RawMessage()
        for header in item.headers or ():
            name = str(getattr(header, "name", "") or "")
            if name.lower() in _AUTO_HEADERS and getattr(header, "value", None):
                msg[name] = clean_line(str(header.value))
        author = address(item.author)
        if author is not None:
            msg["From"] = header_address(author)
        for key, mailboxes in (("To", item.to_recipients), ("Cc", item.cc_recipients)):
            found = addresses(mailboxes)
            if found:
                msg[key] = ", ".join(header_address(a) for a in found)
        msg["Subject"] = clean_line(item.subject or "")
        # EWS gives UTC only; a Date header carries the writer's offset, and deadlines
        # ("by Friday") are read in the date's zone: show it in the user's zone, as the
        # Date header of the user's own mail has it.
        date = (utc(item.datetime_sent) or utc(item.datetime_received) or self.clock()).astimezone(
            self.tz
        )
        msg["Date"] = format_datetime(date)
        for key, value in (
            ("Message-ID", item.message_id),
            ("In-Reply-To", item.in_reply_to),
            ("References", item.references),
        ):
            if value:
                msg[key] = clean_line(str(value))
        if not msg.get("Content-Type", "").lower().startswith("multipart/"):
            msg["Content-Type"] = "text/plain; charset=utf-8"
        raw = msg.as_bytes()
        record = parse_message(
            raw, ref=item.id, folder=folder, marks=frozenset(), tz=self.tz, default_date=date
        )
        text = getattr(item, "text_body", None)
        if text is None and getattr(item, "body", None) is not None:
            body = item.body
            text = html_to_text(str(body)) if type(body).__name__ == "HTMLBody" else str(body)
        categories = frozenset(clean_line(c).lower() for c in item.categories or () if c)
        marks = set(categories)
        if item.is_read:
            marks.add("seen")
        if folder == "drafts":
            marks.add("draft")
        if item.ft_flag == FLAGGED or self.tag in categories:
            marks.add("flagged")
        auto = record.auto
        item_class = (item.item_class or "").lower()
        if item_class.startswith("report.") and ".ndr" in item_class:
            auto = "bounce"
        elif "ooftemplate" in item_class:
            auto = "out-of-office"
        attachments = tuple(
            clean_line(a.name)[:255] or "unnamed"
            for a in item.attachments or ()
            if getattr(a, "name", None) is not None and not getattr(a, "is_inline", False)
        )
        conversation = getattr(item.conversation_id, "id", None)
        ask = clean_line(item.ft_ask)[:200] if item.ft_ask else None
        return record.replace(
            date=date,
            text=(text or "").replace("\r\n", "\n"),
            attachments=attachments,
            marks=frozenset(marks),
            auto=auto,
            conversation=conversation,
            ask_header=ask or None,
        )
