"""How the ledger's rows become records, and the small SQL helpers the ledger's parts
share: column lists, ISO datetimes, ask ids, WHERE clauses, LIKE prefixes. No I/O."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from followthrough.model import Address, Approval, Ask, AskPhrase, Followup

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


def like_prefix(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching what starts with ``text`` literally:
    ``show %`` must not match every ask."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
