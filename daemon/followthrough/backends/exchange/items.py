"""What the mail, calendar and drafts parts share: EWS values as model values, the
extended properties followthrough reads and writes, sync cursors, and the incremental
``SyncFolderItems`` read."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import formataddr
from typing import Any
from zoneinfo import ZoneInfo

from exchangelib import (
    Account as EwsAccount,
)
from exchangelib import (
    ExtendedProperty,
    Message,
)
from exchangelib.errors import (
    ErrorInvalidSyncStateData,
)
from exchangelib.version import EXCHANGE_2013

from followthrough.backends import load_cursor
from followthrough.backends.exchange.errors import ews_errors
from followthrough.backends.mail.headers import clean_line, parse_address
from followthrough.model import (
    Address,
)

log = logging.getLogger(__name__)

BATCH = 100  # items per GetItem request
SYNC_PAGE = 512  # the most SyncFolderItems returns per request
DRAFT_CATEGORY = "followthrough"
ASK_HEADER = "X-Followthrough-Ask"
FLAGGED = 2  # PidTagFlagStatus: 2 = flagged for follow-up, 1 = completed


class AskHeader(ExtendedProperty):  # type: ignore[misc]
    """The X-Followthrough-Ask internet header, as a named property Exchange sends out."""

    distinguished_property_set_id = "InternetHeaders"
    property_name = ASK_HEADER
    property_type = "String"


class FlagStatus(ExtendedProperty):  # type: ignore[misc]
    """PidTagFlagStatus: Outlook's follow-up flag (no EWS field for it before 2013)."""

    property_tag = 0x1090
    property_type = "Integer"


class MessageFlags(ExtendedProperty):  # type: ignore[misc]
    """PidTagMessageFlags, settable only when an item is created: 1 (read, and not
    unsent) files a copy of a sent message in Sent Items as sent, not as a draft."""

    property_tag = 0x0E07
    property_type = "Integer"


SENT_FLAGS = 1  # MSGFLAG_READ; without MSGFLAG_UNSENT (8)

for _name, _cls in (("ft_ask", AskHeader), ("ft_flag", FlagStatus), ("ft_msgflags", MessageFlags)):
    if _name not in {f.name for f in Message.FIELDS}:
        Message.register(_name, _cls)


def load_state(cursor: str | None, kind: str) -> str | None:
    data = load_cursor(cursor, kind)
    return str(data["s"]) if data is not None and isinstance(data.get("s"), str) else None


def dump_state(kind: str, state: str | None) -> str:
    return json.dumps({"k": kind, "s": state or ""})


def utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return datetime.fromtimestamp(value.timestamp(), UTC)
    return None


def address(mailbox: Any) -> Address | None:
    if mailbox is None or not getattr(mailbox, "email_address", None):
        return None
    return parse_address(mailbox.email_address, getattr(mailbox, "name", None) or "")


def addresses(mailboxes: Any) -> tuple[Address, ...]:
    out: list[Address] = []
    for m in mailboxes or ():
        a = address(getattr(m, "mailbox", m))  # Attendee wraps a Mailbox
        if a is not None and a not in out:
            out.append(a)
    return tuple(out)


def header_address(a: Address) -> str:
    return formataddr((clean_line(a.name), a.email))


class EwsFolders:
    """The state an Exchange account keeps (set by :class:`ExchangeAccount`), and the
    reads its mail and calendar parts share."""

    ews: EwsAccount
    tz: ZoneInfo
    lookback: timedelta
    tag: str
    clock: Callable[[], datetime]
    where: str

    def _sync(
        self, ews_folder: Any, state: str | None, fields: list[str]
    ) -> tuple[list[tuple[str, str, Any]], str]:
        """(id, changekey, datetime_received) of created/changed items, and the new state."""
        changed: dict[str, tuple[str, str, Any]] = {}
        with ews_errors(f"{self.where}: sync {ews_folder.DISTINGUISHED_FOLDER_ID}"):
            try:
                changes = list(
                    ews_folder.sync_items(
                        sync_state=state, only_fields=fields, max_changes_returned=SYNC_PAGE
                    )
                )
            except ErrorInvalidSyncStateData:
                log.warning("sync state of %s expired; reading it again", ews_folder)
                ews_folder.item_sync_state = None
                changes = list(
                    ews_folder.sync_items(only_fields=fields, max_changes_returned=SYNC_PAGE)
                )
        for change, item in changes:
            if change in ("create", "update") and getattr(item, "id", None):
                changed[item.id] = (
                    item.id,
                    item.changekey,
                    getattr(item, "datetime_received", None),
                )
            elif change == "delete":
                changed.pop(getattr(item, "id", ""), None)
        return list(changed.values()), ews_folder.item_sync_state or ""

    def _has_text_body(self) -> bool:
        build = getattr(self.ews.version, "build", None)
        return build is None or build >= EXCHANGE_2013
