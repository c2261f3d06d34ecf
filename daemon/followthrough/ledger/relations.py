"""The ledger's tables for relationships beyond single asks (migration 8): standing
check-in occurrences, notes for the next check-in, agenda and keep-in-touch drafts
("touches"), asks made of the user with their own states, and when each person was
last written to or heard from.

A mixin of ``followthrough.ledger.db.Ledger``: it works on ``self.db`` and never opens a
database itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from followthrough.errors import UsageError
from followthrough.ledger.base import LedgerBase
from followthrough.ledger.rows import filter_rows, from_iso, make_ask_id, to_iso
from followthrough.model import Address

TouchKind = Literal["agenda", "keep"]
TouchState = Literal["drafting", "drafted", "sent", "edited", "deleted", "skipped", "replaced"]
RequestState = Literal["open", "answered", "done"]
REQUEST_STATES: tuple[RequestState, ...] = ("open", "answered", "done")

TOUCH_COLUMNS = (
    "id, kind, person, occasion, due_at, state, draft_ref, draft_path, message_id, subject, "
    "detail, created_at, updated_at"
)
REQUEST_COLUMNS = (
    "message_id, sender, sender_name, subject, what, asked_at, due, evidence, answered_at, "
    "state, state_at"
)


@dataclass(frozen=True, slots=True)
class Touch:
    """A draft that belongs to a person rather than to one ask: a check-in agenda or a
    keep-in-touch note."""

    id: str
    kind: TouchKind
    person: str  # email
    occasion: str  # the occurrence key (agenda) or the local day (keep in touch)
    due_at: datetime
    state: TouchState
    draft_ref: str | None
    draft_path: str | None
    message_id: str | None
    subject: str
    detail: str  # why it was drafted, or why skipped
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a calendar entry tagged as a standing check-in."""

    key: str  # uid@start
    uid: str
    start: datetime
    summary: str
    people: tuple[Address, ...]  # the attendees other than the user


@dataclass(frozen=True, slots=True)
class PersonNote:
    seq: int
    person: str
    text: str
    added_at: datetime
    used_in: str | None  # the touch id of the agenda that carried it


@dataclass(frozen=True, slots=True)
class Request:
    """An ask someone made of the user, with its own state."""

    id: str  # short, stable, typeable (like an ask id)
    message_id: str
    sender: Address
    subject: str
    what: str
    asked_at: datetime
    due: datetime | None
    evidence: str
    state: RequestState
    state_at: datetime  # when the state last changed (asked_at while open)


def request_id(message_id: str) -> str:
    return make_ask_id("request", message_id, 5)


def _touch(row: Sequence[Any]) -> Touch:
    return Touch(
        id=row[0],
        kind=row[1],
        person=row[2],
        occasion=row[3],
        due_at=datetime.fromisoformat(row[4]),
        state=row[5],
        draft_ref=row[6],
        draft_path=row[7],
        message_id=row[8],
        subject=row[9],
        detail=row[10],
        created_at=datetime.fromisoformat(row[11]),
        updated_at=datetime.fromisoformat(row[12]),
    )


def _request(row: Sequence[Any]) -> Request:
    asked_at = datetime.fromisoformat(row[5])
    return Request(
        id=request_id(row[0]),
        message_id=row[0],
        sender=Address(row[1], row[2]),
        subject=row[3],
        what=row[4],
        asked_at=asked_at,
        due=from_iso(row[6]),
        evidence=row[7],
        state=row[9],
        state_at=from_iso(row[10]) or from_iso(row[8]) or asked_at,
    )


class RelationLedger(LedgerBase):
    """Reads and writes of the relationship tables. Mixed into ``Ledger``."""

    # --- standing check-ins -----------------------------------------------------------

    def record_occurrences(
        self, occurrences: Iterable[Occurrence], *, replace_from: datetime | None
    ) -> None:
        """Store check-in occurrences. ``replace_from``: the calendar was read whole, so
        occurrences from then on that were not read again are gone (moved or deleted)."""
        if replace_from is not None:
            self.db.execute("DELETE FROM standing WHERE start >= ?", (to_iso(replace_from),))
        self.db.executemany(
            "INSERT INTO standing(key, uid, start, summary, people) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET summary = excluded.summary, people = excluded.people",
            [
                (
                    o.key,
                    o.uid,
                    to_iso(o.start),
                    o.summary,
                    json.dumps([{"email": a.email, "name": a.name} for a in o.people]),
                )
                for o in occurrences
            ],
        )

    def occurrences(self) -> list[Occurrence]:
        rows = self.db.execute(
            "SELECT key, uid, start, summary, people FROM standing ORDER BY start"
        )
        return [
            Occurrence(
                r[0],
                r[1],
                datetime.fromisoformat(r[2]),
                r[3],
                tuple(Address(p["email"], p.get("name", "")) for p in json.loads(r[4])),
            )
            for r in rows
        ]

    # --- notes for the next check-in --------------------------------------------------

    def record_note(self, person: str, text: str, at: datetime) -> int:
        cur = self.db.execute(
            "INSERT INTO person_notes(person, text, added_at) VALUES (?, ?, ?)",
            (person.lower(), text, to_iso(at)),
        )
        return int(cur.lastrowid or 0)

    def notes(self, person: str | None = None, *, unused: bool = True) -> list[PersonNote]:
        sql = "SELECT seq, person, text, added_at, used_in FROM person_notes"
        where: list[str] = []
        args: list[Any] = []
        if person is not None:
            where.append("person = ?")
            args.append(person.lower())
        if unused:
            where.append("used_in IS NULL")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.db.execute(sql + " ORDER BY seq", args)
        return [PersonNote(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4]) for r in rows]

    def record_notes_used(self, seqs: Iterable[int], touch_id: str) -> None:
        self.db.executemany(
            "UPDATE person_notes SET used_in = ? WHERE seq = ? AND used_in IS NULL",
            [(touch_id, s) for s in seqs],
        )

    def release_notes(self, touch_id: str) -> None:
        """An agenda was deleted unsent: its notes go into the next one."""
        self.db.execute("UPDATE person_notes SET used_in = NULL WHERE used_in = ?", (touch_id,))

    # --- touches: agenda and keep-in-touch drafts ---------------------------------------

    def touches(
        self,
        *,
        kind: str | None = None,
        person: str | None = None,
        states: Iterable[str] | None = None,
    ) -> list[Touch]:
        where, args = filter_rows({"kind": kind, "person": person}, states)
        sql = f"SELECT {TOUCH_COLUMNS} FROM touches{where} ORDER BY created_at, id"  # noqa: S608
        return [_touch(r) for r in self.db.execute(sql, args)]

    def touch(self, touch_id: str) -> Touch | None:
        row = self.db.execute(
            f"SELECT {TOUCH_COLUMNS} FROM touches WHERE id = ?",  # noqa: S608
            (touch_id,),
        ).fetchone()
        return None if row is None else _touch(row)

    def touch_by_message_id(self, message_id: str) -> Touch | None:
        row = self.db.execute(
            f"SELECT {TOUCH_COLUMNS} FROM touches WHERE message_id = ?",  # noqa: S608
            (message_id,),
        ).fetchone()
        return None if row is None else _touch(row)

    def record_touch(
        self,
        *,
        touch_id: str,
        kind: TouchKind,
        person: str,
        occasion: str,
        due_at: datetime,
        state: TouchState,
        now: datetime,
        message_id: str | None = None,
        subject: str = "",
        detail: str = "",
    ) -> None:
        self.db.execute(
            f"INSERT INTO touches({TOUCH_COLUMNS}) VALUES "  # noqa: S608
            "(?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)",
            (
                touch_id,
                kind,
                person,
                occasion,
                to_iso(due_at),
                state,
                message_id,
                subject,
                detail,
                to_iso(now),
                to_iso(now),
            ),
        )

    def record_touch_saved(
        self, touch_id: str, draft_ref: str, draft_path: str | None, now: datetime
    ) -> None:
        self.db.execute(
            "UPDATE touches SET state = 'drafted', draft_ref = ?, draft_path = ?, updated_at = ? "
            "WHERE id = ? AND state = 'drafting'",
            (draft_ref, draft_path, to_iso(now), touch_id),
        )

    def record_touch_state(self, touch_id: str, state: TouchState, now: datetime) -> None:
        self.db.execute(
            "UPDATE touches SET state = ?, updated_at = ? WHERE id = ? AND state != ?",
            (state, to_iso(now), touch_id, state),
        )

    def forget_touch(self, touch_id: str) -> None:
        """A "drafting" touch whose draft was never saved: drafted again next pass."""
        self.db.execute("DELETE FROM touches WHERE id = ? AND state = 'drafting'", (touch_id,))
        self.release_notes(touch_id)

    # --- who was last written to, or heard from -----------------------------------------

    def record_contact_seen(self, email: str, at: datetime, *, sent: bool) -> None:
        column = "last_sent" if sent else "last_heard"
        self.db.execute(
            f"INSERT INTO contact_seen(email, {column}) VALUES (?, ?) "  # noqa: S608
            f"ON CONFLICT(email) DO UPDATE SET {column} = excluded.{column} "
            f"WHERE {column} IS NULL OR {column} < excluded.{column}",
            (email.lower(), to_iso(at)),
        )

    def contacts_seen(self) -> dict[str, datetime]:
        """The last message to or from each person (either way), by email."""
        seen: dict[str, datetime] = {}
        for email, sent, heard in self.db.execute(
            "SELECT email, last_sent, last_heard FROM contact_seen"
        ):
            times = [t for t in (from_iso(sent), from_iso(heard)) if t is not None]
            if times:
                seen[email] = max(times)
        return seen

    def first_pass_at(self) -> datetime | None:
        row = self.db.execute("SELECT started FROM passes ORDER BY seq LIMIT 1").fetchone()
        return None if row is None else datetime.fromisoformat(row[0])

    def record_thread_root(self, ask_id: str, message_id: str) -> None:
        """The message a new ask's request goes out as (follow-ups reply to it)."""
        self.db.execute("UPDATE asks SET thread_root = ? WHERE id = ?", (message_id, ask_id))
        self.db.execute(
            "INSERT OR IGNORE INTO thread(message_id, ask_id) VALUES (?, ?)", (message_id, ask_id)
        )

    # --- asks made of the user ----------------------------------------------------------

    def requests(self, *, states: Iterable[str] | None = ("open", "answered")) -> list[Request]:
        sql = f"SELECT {REQUEST_COLUMNS} FROM incoming"  # noqa: S608
        args: list[Any] = []
        if states is not None:
            wanted = list(states)
            sql += f" WHERE state IN ({', '.join('?' * len(wanted))})"
            args += wanted
        return [_request(r) for r in self.db.execute(sql + " ORDER BY asked_at", args)]

    def find_request(self, prefix: str) -> Request:
        """The request whose short id is ``prefix`` or starts with it."""
        prefix = prefix.strip().lower()
        found = [r for r in self.requests(states=None) if r.id.startswith(prefix)] if prefix else []
        exact = [r for r in found if r.id == prefix]
        if exact:
            return exact[0]
        if not found:
            raise UsageError(
                f"no request to you with id {prefix!r}; `followthrough requests --all` lists them"
            )
        if len(found) > 1:
            raise UsageError(
                f"{prefix!r} matches several requests: {', '.join(r.id for r in found[:10])}"
            )
        return found[0]

    def record_request_state(
        self, message_id: str, state: RequestState, at: datetime, *, force: bool = False
    ) -> bool:
        """Move a request forward (open → answered → done), or anywhere with ``force``."""
        order = {s: i for i, s in enumerate(REQUEST_STATES)}
        row = self.db.execute(
            "SELECT state FROM incoming WHERE message_id = ?", (message_id,)
        ).fetchone()
        if row is None or row[0] == state:
            return False
        if not force and order[state] < order.get(row[0], 0):
            return False
        self.db.execute(
            "UPDATE incoming SET state = ?, state_at = ?, answered_at = CASE "
            "WHEN ? = 'open' THEN NULL ELSE COALESCE(answered_at, ?) END WHERE message_id = ?",
            (state, to_iso(at), state, to_iso(at), message_id),
        )
        return True
