"""The ledger's asks: recorded once per source, found by id or prefix, their details,
states (forward moves only, unless forced), outcomes and the activity on them. A mixin
of ``Ledger``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from followthrough.detect.phrase import decide_ask_phrase
from followthrough.errors import LedgerError, UsageError
from followthrough.ledger.migrations import TRANSITIONS
from followthrough.ledger.rows import ASK_COLUMNS, ask_from_row, like_prefix, make_ask_id, to_iso
from followthrough.ledger.threads import ThreadLedger
from followthrough.model import ACTIVE_STATES, Address, Ask, AskPhrase, AskState, SourceKind


class AskLedger(ThreadLedger):
    """Asks and their states; an ask's thread and events are ``ThreadLedger``'s."""

    def _new_id(self, source_kind: str, source_key: str) -> str:
        for length in range(5, 40):
            candidate = make_ask_id(source_kind, source_key, length)
            if self._one("SELECT 1 FROM asks WHERE id = ?", (candidate,)) is None:
                return candidate
        raise LedgerError("could not find a free ask id")  # pragma: no cover

    def ask_by_source(self, source_kind: str, source_key: str) -> Ask | None:
        row = self.db.execute(
            f"SELECT {ASK_COLUMNS} FROM asks WHERE source_kind = ? AND source_key = ?",  # noqa: S608
            (source_kind, source_key),
        ).fetchone()
        return None if row is None else ask_from_row(row)

    def record_ask(
        self,
        *,
        source_kind: SourceKind,
        source_key: str,
        what: str,
        subject: str,
        helpers: Iterable[Address],
        asked_at: datetime,
        due: datetime | None,
        due_phrase: str,
        thread_root: str | None,
        conversation: str | None,
        status: str = "tracked",
        praise: bool = False,
        phrase: AskPhrase | None = None,
        rule: str = "",
        evidence: str = "",
        source: str = "",
    ) -> tuple[Ask, bool]:
        """Insert an ask, or return the existing one for this source. (ask, created)."""
        existing = self.ask_by_source(source_kind, source_key)
        if existing is not None:
            return existing, False
        ask_id = self._new_id(source_kind, source_key)
        helpers = tuple(helpers)
        helpers_json = json.dumps([{"email": a.email, "name": a.name} for a in helpers])
        self.db.execute(
            f"INSERT INTO asks({ASK_COLUMNS}) VALUES "  # noqa: S608
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL, ?, ?, ?, NULL, NULL, NULL, ?, NULL,"
            " NULL, NULL, NULL, NULL, NULL, NULL)",
            (
                ask_id,
                source_kind,
                source_key,
                what,
                subject,
                helpers_json,
                to_iso(asked_at),
                to_iso(due),
                due_phrase,
                status,
                thread_root,
                conversation,
                int(praise),
                to_iso(asked_at),
            ),
        )
        self._store_phrase(
            ask_id,
            phrase or decide_ask_phrase(source_kind, evidence or what, "", helpers),
        )
        if thread_root:
            self.record_thread(ask_id, thread_root)
        self.record_event(
            ask_id, asked_at, "asked", what, rule=rule, evidence=evidence, source=source
        )
        ask = self.get_ask(ask_id)
        return ask, True

    def series_asks(self, uid: str) -> list[tuple[str, datetime]]:
        """(source key, asked at) of the asks made from occurrences of calendar series
        ``uid``."""
        pattern = like_prefix(uid + "@")
        rows = self.db.execute(
            "SELECT source_key, asked_at FROM asks WHERE source_kind = 'calendar' "
            "AND source_key LIKE ? ESCAPE '\\'",
            (pattern,),
        )
        return [(r[0], datetime.fromisoformat(r[1])) for r in rows]

    def update_ask_details(
        self,
        ask_id: str,
        *,
        what: str | None = None,
        due: datetime | None = None,
        due_phrase: str | None = None,
        helpers: Iterable[Address] | None = None,
        praise: bool | None = None,
        status: str | None = None,
        phrase: AskPhrase | None = None,
    ) -> None:
        sets: list[str] = []
        args: list[Any] = []
        if what is not None:
            sets.append("what = ?")
            args.append(what)
        if due_phrase is not None:
            sets += ["due = ?", "due_phrase = ?"]
            args += [to_iso(due), due_phrase]
        if helpers is not None:
            sets.append("helpers = ?")
            args.append(json.dumps([{"email": a.email, "name": a.name} for a in helpers]))
        if praise is not None:
            sets.append("praise = ?")
            args.append(int(praise))
        if status is not None:
            sets.append("status = ?")
            args.append(status)
        if phrase is not None:
            self._store_phrase(ask_id, phrase)
        if sets:
            self.db.execute(f"UPDATE asks SET {', '.join(sets)} WHERE id = ?", (*args, ask_id))  # noqa: S608

    def get_ask(self, ask_id: str) -> Ask:
        row = self.db.execute(
            f"SELECT {ASK_COLUMNS} FROM asks WHERE id = ?",  # noqa: S608
            (ask_id,),
        ).fetchone()
        if row is None:
            raise UsageError(f"no ask with id {ask_id!r}")
        return ask_from_row(row)

    def has_ask(self, source_kind: str, source_key: str) -> bool:
        return (
            self._one(
                "SELECT 1 FROM asks WHERE source_kind = ? AND source_key = ?",
                (source_kind, source_key),
            )
            is not None
        )

    def find_ask(self, prefix: str) -> Ask:
        """The ask whose id is ``prefix`` or starts with it (as git does with hashes)."""
        prefix = prefix.strip().lower()
        rows = self.db.execute(
            f"SELECT {ASK_COLUMNS} FROM asks WHERE id = ? OR id LIKE ? ESCAPE '\\' "  # noqa: S608
            "ORDER BY id",
            (prefix, like_prefix(prefix)),
        ).fetchall()
        exact = [r for r in rows if r[0] == prefix]
        if exact:
            return ask_from_row(exact[0])
        if not rows or not prefix:
            raise UsageError(f"no ask with id {prefix!r}; `followthrough asks` lists them")
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows[:10])
            raise UsageError(f"{prefix!r} matches several asks: {ids}")
        return ask_from_row(rows[0])

    def asks(
        self, *, states: Iterable[str] | None = None, status: str | None = "tracked"
    ) -> list[Ask]:
        sql = f"SELECT {ASK_COLUMNS} FROM asks"  # noqa: S608
        where: list[str] = []
        args: list[Any] = []
        if states is not None:
            wanted = list(states)
            where.append(f"state IN ({', '.join('?' * len(wanted))})")
            args += wanted
        if status is not None:
            where.append("status = ?")
            args.append(status)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY asked_at, id"
        return [ask_from_row(r) for r in self.db.execute(sql, args)]

    def active_asks(self) -> list[Ask]:
        return self.asks(states=ACTIVE_STATES | {"delivered", "declined", "closed"})

    def ask_subjects(
        self, *, source_kind: str, states: Iterable[str], status: str = "tracked"
    ) -> list[tuple[str, str]]:
        """(id, subject) of the matching asks, in the order of ``asks()``; no Ask built."""
        wanted = list(states)
        rows = self.db.execute(
            "SELECT id, subject FROM asks WHERE source_kind = ? AND status = ? AND "  # noqa: S608
            f"state IN ({', '.join('?' * len(wanted))}) ORDER BY asked_at, id",
            (source_kind, status, *wanted),
        )
        return [(str(r[0]), str(r[1])) for r in rows]

    def record_state(
        self,
        ask_id: str,
        state: AskState,
        at: datetime,
        *,
        rule: str,
        evidence: str = "",
        source: str = "",
        force: bool = False,
    ) -> bool:
        """Move an ask to ``state`` if that is a forward move (or ``force``). True if moved."""
        ask = self.get_ask(ask_id)
        if ask.state == state:
            return False
        if not force and state not in TRANSITIONS[ask.state]:
            return False
        if not self.record_event(
            ask_id,
            at,
            f"state:{state}",
            f"{ask.state} → {state}",
            rule=rule,
            evidence=evidence,
            source=source or f"{rule}:{to_iso(at)}",
        ):
            return False
        self.db.execute(
            "UPDATE asks SET state = ?, state_at = ? WHERE id = ?", (state, to_iso(at), ask_id)
        )
        return True

    def record_state_since(self, ask_id: str, at: datetime) -> None:
        """An earlier message put the ask in the state it is in (read after a later one
        did): the state dates from that message."""
        self.db.execute(
            "UPDATE asks SET state_at = ? WHERE id = ? AND state_at > ?",
            (to_iso(at), ask_id, to_iso(at)),
        )

    def record_outcome(self, ask_id: str, outcome: str, at: datetime, *, source: str) -> bool:
        ask = self.get_ask(ask_id)
        if ask.outcome == outcome:
            return False
        self.db.execute("UPDATE asks SET outcome = ? WHERE id = ?", (outcome, ask_id))
        self.record_event(ask_id, at, "outcome", outcome, rule="outcome", source=source)
        if ask.state in ACTIVE_STATES:
            self.record_state(
                ask_id, "delivered", at, rule="outcome implies delivered", source=source
            )
        return True

    def record_helper_activity(self, ask_id: str, at: datetime) -> None:
        self.db.execute(
            "UPDATE asks SET last_helper_at = ? WHERE id = ? AND "
            "(last_helper_at IS NULL OR last_helper_at < ?)",
            (to_iso(at), ask_id, to_iso(at)),
        )

    def record_user_activity(self, ask_id: str, at: datetime, *, thanked: bool) -> None:
        self.db.execute(
            "UPDATE asks SET last_user_at = ? WHERE id = ? AND "
            "(last_user_at IS NULL OR last_user_at < ?)",
            (to_iso(at), ask_id, to_iso(at)),
        )
        if thanked:
            self.db.execute(
                "UPDATE asks SET thanked_at = ? WHERE id = ? AND "
                "(thanked_at IS NULL OR thanked_at < ?)",
                (to_iso(at), ask_id, to_iso(at)),
            )

    def record_question(self, ask_id: str, at: datetime) -> None:
        """The helper asked the user something back: follow-ups wait for the answer."""
        self.db.execute(
            "UPDATE asks SET question_at = ? WHERE id = ? AND "
            "(question_at IS NULL OR question_at < ?) AND "
            "(last_helper_at IS NULL OR last_helper_at <= ?)",  # not after a later reply
            (to_iso(at), ask_id, to_iso(at), to_iso(at)),
        )

    def clear_question(self, ask_id: str, at: datetime) -> None:
        """The helper wrote again after their question without asking: not waiting now."""
        self.db.execute(
            "UPDATE asks SET question_at = NULL WHERE id = ? AND question_at < ?",
            (ask_id, to_iso(at)),
        )

    def record_pause(self, ask_id: str, until: datetime | None) -> None:
        self.db.execute("UPDATE asks SET paused_until = ? WHERE id = ?", (to_iso(until), ask_id))

    def _store_phrase(self, ask_id: str, phrase: AskPhrase) -> None:
        self.db.execute(
            "UPDATE asks SET phrase_kind = ?, phrase_base = ?, phrase_gerund = ?, "
            "phrase_topic = ?, phrase_sentence = ? WHERE id = ?",
            (phrase.kind, phrase.base, phrase.gerund, phrase.topic, phrase.sentence, ask_id),
        )
