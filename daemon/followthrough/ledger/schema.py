"""The ledger's schema: numbered migrations, the state machine, and how rows become
records. No I/O here; ``followthrough.ledger.db`` owns the database."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followthrough.model import Address, Ask, AskPhrase, Followup

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
    # 5: the ask said back in the forms drafts need (followthrough.detect.phrase). The
    # ledger fills these for asks recorded before, in the same transaction (PHRASE_VERSION).
    """
    ALTER TABLE asks ADD COLUMN phrase_kind TEXT;
    ALTER TABLE asks ADD COLUMN phrase_base TEXT;
    ALTER TABLE asks ADD COLUMN phrase_gerund TEXT;
    ALTER TABLE asks ADD COLUMN phrase_topic TEXT;
    ALTER TABLE asks ADD COLUMN phrase_sentence TEXT;
    """,
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
    # 7: the text of each draft (its sent copy is recognised by thread, recipients and a
    # close match of the text when the mail client gave it a new Message-ID), and
    # replies read before the message they answer (linked when that message is read).
    """
    CREATE TABLE draft_texts (
        followup_id TEXT PRIMARY KEY REFERENCES followups(id) ON DELETE CASCADE,
        body TEXT NOT NULL
    );
    CREATE TABLE early_replies (
        message_id TEXT NOT NULL,
        parent TEXT NOT NULL,
        sender TEXT NOT NULL,
        mailing_list TEXT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        rule TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        until TEXT,
        PRIMARY KEY (message_id, parent)
    );
    CREATE INDEX early_replies_parent ON early_replies(parent);
    """,
    # 8: standing check-ins, keep-in-touch notes, asks to the user with their own states
    # (open / answered / done), notes for the next check-in, and when each person was
    # last written to or heard from.
    """
    CREATE TABLE touches (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        person TEXT NOT NULL,
        occasion TEXT NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL,
        draft_ref TEXT,
        draft_path TEXT,
        message_id TEXT,
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (kind, person, occasion)
    );
    CREATE INDEX touches_message ON touches(message_id);
    CREATE TABLE standing (
        key TEXT PRIMARY KEY,
        uid TEXT NOT NULL,
        start TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        people TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX standing_uid ON standing(uid, start);
    CREATE TABLE person_notes (
        seq INTEGER PRIMARY KEY,
        person TEXT NOT NULL,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL,
        used_in TEXT
    );
    CREATE TABLE contact_seen (
        email TEXT PRIMARY KEY,
        last_sent TEXT,
        last_heard TEXT
    );
    ALTER TABLE incoming ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
    ALTER TABLE incoming ADD COLUMN state_at TEXT;
    UPDATE incoming SET state = 'answered', state_at = answered_at WHERE answered_at IS NOT NULL
    """,
    # 9: empty (the number was reserved while 0.2 was developed; kept so the ladder stays one)
    "",
    # 10: bad items already reported (each is warned about once, then listed by `status`)
    """
    CREATE TABLE skipped (
        source TEXT NOT NULL,
        why TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (source, why)
    );
    """,
)
# The schema version whose step adds the phrase columns: the ledger fills them for the
# asks already recorded right after it (a Python step in the same transaction).
PHRASE_VERSION = 5

ASK_COLUMNS = (
    "id, source_kind, source_key, what, subject, helpers, asked_at, due, due_phrase, state, "
    "status, outcome, thread_root, conversation, praise, last_helper_at, last_user_at, "
    "thanked_at, state_at, paused_until, question_at, phrase_kind, phrase_base, phrase_gerund, "
    "phrase_topic, phrase_sentence"
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
        phrase=None if row[21] is None else AskPhrase(row[21], row[22], row[23], row[24], row[25]),
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


def filter_rows(
    equal: Mapping[str, object | None], states: Iterable[str] | None = None
) -> tuple[str, list[Any]]:
    """A WHERE clause (or "") and its arguments: each column of ``equal`` whose value is not
    None must equal it, and ``state`` must be one of ``states`` when they are given.
    Column names come from the caller's code, never from input."""
    where: list[str] = []
    args: list[Any] = []
    for column, value in equal.items():
        if value is not None:
            where.append(f"{column} = ?")
            args.append(value)
    if states is not None:
        wanted = list(states)
        where.append(f"state IN ({', '.join('?' * len(wanted))})")
        args += wanted
    return (" WHERE " + " AND ".join(where) if where else ""), args
