"""The ledger's schema: numbered migrations, the state machine, and how rows become
records. No I/O here; ``followthrough.ledger`` owns the database."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followthrough.model import Address, Ask, Followup

# Each entry moves the schema from version i to i+1. Never edit a released step; add one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE asks (
        id TEXT PRIMARY KEY,
        source_kind TEXT NOT NULL,
        source_key TEXT NOT NULL,
        what TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        helpers TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        due TEXT,
        due_phrase TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'tracked',
        outcome TEXT,
        thread_root TEXT,
        conversation TEXT,
        praise INTEGER NOT NULL DEFAULT 0,
        last_helper_at TEXT,
        last_user_at TEXT,
        thanked_at TEXT,
        state_at TEXT NOT NULL,
        paused_until TEXT,
        UNIQUE (source_kind, source_key)
    );
    CREATE TABLE ask_events (
        seq INTEGER PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        rule TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        UNIQUE (ask_id, kind, source)
    );
    CREATE TABLE thread (
        message_id TEXT PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id)
    );
    CREATE INDEX thread_ask ON thread(ask_id);
    CREATE TABLE followups (
        id TEXT PRIMARY KEY,
        ask_id TEXT NOT NULL REFERENCES asks(id),
        kind TEXT NOT NULL,
        seq INTEGER NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL,
        draft_ref TEXT,
        draft_path TEXT,
        message_id TEXT,
        recipients TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (ask_id, kind, seq)
    );
    CREATE INDEX followups_message ON followups(message_id);
    CREATE TABLE cursors (
        stream TEXT PRIMARY KEY,
        cursor TEXT NOT NULL
    );
    CREATE TABLE passes (
        seq INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        result TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the user's own replies whose parent is not (yet) in an ask's thread — adopted
    # when that parent joins a thread (your "thanks!" read before the helper's reply).
    """
    CREATE TABLE orphans (
        message_id TEXT NOT NULL,
        parent TEXT NOT NULL,
        at TEXT NOT NULL,
        thanks TEXT,
        PRIMARY KEY (message_id, parent)
    );
    CREATE INDEX orphans_parent ON orphans(parent);
    """,
    # 3: approvals (nothing is sent without one) and asks others made of the user.
    """
    CREATE TABLE approvals (
        followup_id TEXT PRIMARY KEY REFERENCES followups(id),
        approved_at TEXT NOT NULL,
        how TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        sent_at TEXT,
        transport TEXT,
        result TEXT
    );
    CREATE TABLE incoming (
        message_id TEXT PRIMARY KEY,
        sender TEXT NOT NULL,
        sender_name TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        what TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        due TEXT,
        evidence TEXT NOT NULL DEFAULT '',
        answered_at TEXT
    );
    CREATE INDEX incoming_sender ON incoming(sender);
    """,
    # 4: when the helper last asked the user a question back (follow-ups wait for the answer)
    """
    ALTER TABLE asks ADD COLUMN question_at TEXT;
    """,
    # 5: placeholder: filled by issue 16
    "",
    # 6: the user's corrections of ask detection (issue 17): each `track` of a suggestion
    # and each `cancel` / `state … not-an-ask` of a tracked mail ask is a label on the
    # ask's sentence; detect_adjust holds the per-user weights learned from them, applied
    # on top of the shipped model (never written to its weights file).
    """
    CREATE TABLE detect_labels (
        ask_id TEXT PRIMARY KEY REFERENCES asks(id),
        label INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        at TEXT NOT NULL,
        how TEXT NOT NULL
    );
    CREATE TABLE detect_adjust (
        feature TEXT PRIMARY KEY,
        weight REAL NOT NULL
    );
    """,
)

ASK_COLUMNS = (
    "id, source_kind, source_key, what, subject, helpers, asked_at, due, due_phrase, state, "
    "status, outcome, thread_root, conversation, praise, last_helper_at, last_user_at, "
    "thanked_at, state_at, paused_until, question_at"
)
APPROVAL_COLUMNS = "followup_id, approved_at, how, sha256, sent_at, transport, result"
FOLLOWUP_COLUMNS = (
    "id, ask_id, kind, seq, due_at, state, draft_ref, draft_path, message_id, recipients, "
    "subject, created_at, updated_at"
)

# Which state may follow which. Manual corrections (`followthrough state`) may go anywhere.
TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"acknowledged", "delivered", "declined", "cancelled", "closed"}),
    "acknowledged": frozenset({"delivered", "declined", "cancelled", "closed"}),
    "delivered": frozenset({"closed"}),
    "declined": frozenset({"closed"}),
    "closed": frozenset(),
    "cancelled": frozenset(),
}


def to_iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError("naive datetime given to the ledger")
    return dt.isoformat()


def from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def make_ask_id(source_kind: str, source_key: str, length: int = 5) -> str:
    """A short, stable, typeable id derived from where the ask came from."""
    digest = hashlib.sha256(f"{source_kind}\0{source_key}".encode()).digest()
    text = base64.b32encode(digest).decode().lower()
    # avoid letters people misread; base32 already lacks 0/1/8/9
    return text[:length]


def ask_from_row(row: Sequence[Any]) -> Ask:
    helpers = tuple(Address(h["email"], h.get("name", "")) for h in json.loads(row[5]))
    return Ask(
        id=row[0],
        source_kind=row[1],
        source_key=row[2],
        what=row[3],
        subject=row[4],
        helpers=helpers,
        asked_at=datetime.fromisoformat(row[6]),
        due=from_iso(row[7]),
        due_phrase=row[8],
        state=row[9],
        status=row[10],
        outcome=row[11],
        thread_root=row[12],
        conversation=row[13],
        praise=bool(row[14]),
        last_helper_at=from_iso(row[15]),
        last_user_at=from_iso(row[16]),
        thanked_at=from_iso(row[17]),
        state_at=datetime.fromisoformat(row[18]),
        paused_until=from_iso(row[19]),
        question_at=from_iso(row[20]),
    )


def followup_from_row(row: Sequence[Any]) -> Followup:
    return Followup(
        id=row[0],
        ask_id=row[1],
        kind=row[2],
        seq=row[3],
        due_at=datetime.fromisoformat(row[4]),
        state=row[5],
        draft_ref=row[6],
        draft_path=row[7],
        message_id=row[8],
        recipients=tuple(json.loads(row[9])),
        subject=row[10],
        created_at=datetime.fromisoformat(row[11]),
        updated_at=datetime.fromisoformat(row[12]),
    )


@dataclass(frozen=True, slots=True)
class Approval:
    """The user's approval to send one follow-up: exactly the bytes hashed to ``sha256``."""

    followup_id: str
    approved_at: datetime
    how: str  # "review", "review-edit", "send-command"
    sha256: str
    sent_at: datetime | None
    transport: str | None
    result: str | None  # None (not tried), "sending" (interrupted?), "failed: …", "accepted …"


def approval_from_row(row: Sequence[Any]) -> Approval:
    return Approval(
        followup_id=row[0],
        approved_at=datetime.fromisoformat(row[1]),
        how=row[2],
        sha256=row[3],
        sent_at=from_iso(row[4]),
        transport=row[5],
        result=row[6],
    )
