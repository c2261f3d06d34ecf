"""The ledger: SQLite in WAL mode, the single source of truth.

Schema changes are numbered migrations recorded in ``PRAGMA user_version``; the
ledger is never deleted and rebuilt. Only this module imports sqlite3.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from followthrough.detect.phrase import decide_ask_phrase
from followthrough.errors import LedgerError, LockedError, UsageError
from followthrough.ledger.relations import RelationLedger
from followthrough.ledger.schema import (
    APPROVAL_COLUMNS,
    ASK_COLUMNS,
    FOLLOWUP_COLUMNS,
    MIGRATIONS,
    PHRASE_VERSION,
    TRANSITIONS,
    Approval,
    approval_from_row,
    ask_from_row,
    filter_rows,
    followup_from_row,
    from_iso,
    make_ask_id,
    to_iso,
)
from followthrough.model import (
    ACTIVE_STATES,
    Address,
    Ask,
    AskEvent,
    AskPhrase,
    AskState,
    EarlyReply,
    Followup,
    FollowupKind,
    FollowupState,
    IncomingAsk,
    SourceKind,
)

# what the database itself can raise past the ledger's own checks (damaged pages found
# mid-query, a full disk): the CLI turns these into one line, as it does LedgerError
LEDGER_FAILURES: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)

# the schema names callers reach through the ledger
__all__ = ["LEDGER_FAILURES", "MIGRATIONS", "TRANSITIONS", "Approval", "Ledger", "make_ask_id"]


def like_prefix(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching what starts with ``text`` literally:
    ``show %`` must not match every ask."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def refuse_unknown_ledger(path: Path) -> None:
    """An existing ledger file that is empty or not SQLite is never taken for a new one:
    starting over would draft every follow-up again, those already sent included."""
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise LedgerError(f"{path}: the ledger cannot be read: {exc.strerror}") from None
    if not head:
        raise LedgerError(
            f"{path}: the ledger cannot be opened: the file is empty (0 bytes); restore it "
            "from a backup, or delete it to start over (every follow-up is drafted again)"
        )
    if head != b"SQLite format 3\x00":
        raise LedgerError(
            f"{path}: the ledger cannot be opened: it is not an SQLite database; "
            "restore it from a backup, or move it away to start over"
        )


class Ledger(RelationLedger):
    """One open ledger. Use ``with ledger.transaction():`` around each pass step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            if not path.exists():
                self._create(path)
            refuse_unknown_ledger(path)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{path}: the ledger cannot be opened: {exc}") from None
        self._in_tx = False

    @classmethod
    def snapshot(cls, source: Path, target: Path) -> Ledger:
        """A private copy of the ledger at ``source`` (empty when there is none yet),
        opened at ``target``: a preview works on it and the real one is never written."""
        if source.exists():  # else the new ledger is made whole by ``_create``
            fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            os.close(fd)
            try:
                src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
                dst = sqlite3.connect(target)
                try:
                    src.backup(dst)
                finally:
                    dst.close()
                    src.close()
            except sqlite3.DatabaseError as exc:
                raise LedgerError(f"{source}: the ledger cannot be read: {exc}") from None
        return cls(target)

    def _create(self, path: Path) -> None:
        """A new ledger appears whole: built (0600) under a temporary name, then linked
        into place. So an empty or half-written file at ``path`` is never one of ours
        being born, and is refused instead of being taken for a new ledger."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            self.db = sqlite3.connect(tmp, isolation_level=None)
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self._migrate()
            finally:
                self.db.close()
            with contextlib.suppress(FileExistsError):  # another process made it: use theirs
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    # --- plumbing ---------------------------------------------------------------------

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version == 0 and self._one("SELECT count(*) FROM sqlite_master"):
            raise LedgerError(
                f"{self.path}: this SQLite file is not a followthrough ledger (it has tables "
                "but no followthrough schema version); point [state].dir elsewhere"
            )
        if version > len(MIGRATIONS):
            raise LedgerError(
                f"{self.path}: the ledger has schema version {version}, newer than this "
                f"followthrough knows ({len(MIGRATIONS)}); upgrade followthrough"
            )
        for number in range(version, len(MIGRATIONS)):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                if number + 1 == PHRASE_VERSION:
                    self._fill_phrases()
                self.db.execute(f"PRAGMA user_version = {number + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _fill_phrases(self) -> None:
        """Make the phrase model of every ask recorded before it existed, from the sentence
        (or calendar title) its "asked" event kept."""
        rows = self.db.execute(
            "SELECT a.id, a.source_kind, a.what, a.helpers, "
            "(SELECT e.evidence FROM ask_events e WHERE e.ask_id = a.id AND e.kind = 'asked' "
            "ORDER BY e.seq LIMIT 1) FROM asks a WHERE a.phrase_kind IS NULL"
        ).fetchall()
        for ask_id, source_kind, what, helpers_json, evidence in rows:
            people = [Address(h["email"], h.get("name", "")) for h in json.loads(helpers_json)]
            phrase = decide_ask_phrase(source_kind, evidence or what, "", people)
            self._store_phrase(ask_id, phrase)

    def _store_phrase(self, ask_id: str, phrase: AskPhrase) -> None:
        self.db.execute(
            "UPDATE asks SET phrase_kind = ?, phrase_base = ?, phrase_gerund = ?, "
            "phrase_topic = ?, phrase_sentence = ? WHERE id = ?",
            (phrase.kind, phrase.base, phrase.gerund, phrase.topic, phrase.sentence, ask_id),
        )

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic step: everything inside is committed together or not at all."""
        if self._in_tx:
            yield
            return
        self._begin()
        self._in_tx = True
        try:
            yield
        except BaseException:
            if self.db.in_transaction:  # commit_progress may have failed to begin again
                self.db.execute("ROLLBACK")
            raise
        else:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        finally:
            self._in_tx = False

    def commit_progress(self) -> None:
        """Inside a long step: commit what is recorded so far and go on in a new
        transaction, so a killed pass keeps it and short commands get the lock."""
        if not self._in_tx:
            return
        self.db.execute("COMMIT")
        self._in_tx = False
        self._begin()
        self._in_tx = True

    def _begin(self) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LockedError(
                    f"{self.path}: the ledger is busy (another followthrough is writing it) "
                    "and stayed so for 30 seconds; try again in a minute"
                ) from None
            raise LedgerError(f"{self.path}: the ledger cannot be written: {exc}") from None

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (sending must never happen inside one)."""
        return self._in_tx

    def close(self) -> None:
        self.db.close()

    def _one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, args).fetchone()
        return None if row is None else row[0]

    # --- cursors ----------------------------------------------------------------------

    def cursor(self, stream: str) -> str | None:
        return cast(
            "str | None", self._one("SELECT cursor FROM cursors WHERE stream = ?", (stream,))
        )

    def record_cursor(self, stream: str, cursor: str) -> None:
        self.db.execute(
            "INSERT INTO cursors(stream, cursor) VALUES (?, ?) "
            "ON CONFLICT(stream) DO UPDATE SET cursor = excluded.cursor",
            (stream, cursor),
        )

    def forget_cursors(self, prefix: str) -> None:
        self.db.execute(
            "DELETE FROM cursors WHERE stream LIKE ? ESCAPE '\\'", (like_prefix(prefix),)
        )

    def forget_cursor(self, stream: str) -> None:
        self.db.execute("DELETE FROM cursors WHERE stream = ?", (stream,))

    # --- asks -------------------------------------------------------------------------

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

    # --- the user's corrections of ask detection (migration 6) ------------------------

    def record_detect_label(
        self, ask_id: str, label: bool, sentence: str, at: datetime, how: str
    ) -> None:
        """A correction: the ask's sentence is (``label``) or is not an ask. The per-user
        adjustment is learned again from every label, in the same transaction."""
        self.db.execute(
            "INSERT INTO detect_labels (ask_id, label, sentence, at, how) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(ask_id) DO UPDATE SET label = excluded.label, at = excluded.at,"
            " how = excluded.how",
            (ask_id, int(label), sentence, to_iso(at), how),
        )
        from followthrough.detect.request import learn_adjustment

        weights = learn_adjustment([(s, y) for s, y, _ in self.detect_labels()])
        self.db.execute("DELETE FROM detect_adjust")
        self.db.executemany(
            "INSERT INTO detect_adjust (feature, weight) VALUES (?, ?)", sorted(weights.items())
        )

    def detect_labels(self) -> list[tuple[str, bool, str]]:
        """(sentence, is an ask, how) of every correction, oldest first."""
        rows = self.db.execute(
            "SELECT sentence, label, how FROM detect_labels ORDER BY at, ask_id"
        ).fetchall()
        return [(str(r[0]), bool(r[1]), str(r[2])) for r in rows]

    def detect_adjustment(self) -> dict[str, float]:
        """The per-user adjustment: feature -> weight added to an ask's log-odds."""
        rows = self.db.execute("SELECT feature, weight FROM detect_adjust").fetchall()
        return {str(f): float(w) for f, w in rows}

    def reset_detect_adjustment(self) -> int:
        """Forget every correction and the adjustment; returns how many labels went."""
        n = int(self.db.execute("SELECT COUNT(*) FROM detect_labels").fetchone()[0])
        self.db.execute("DELETE FROM detect_labels")
        self.db.execute("DELETE FROM detect_adjust")
        return n

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

    @property
    def changes(self) -> int:
        """Rows written through this connection so far: any write bumps it (a cache key)."""
        return self.db.total_changes

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

    # --- threads and events -----------------------------------------------------------

    def record_thread(self, ask_id: str, message_id: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO thread(message_id, ask_id) VALUES (?, ?)", (message_id, ask_id)
        )

    def record_orphan(
        self, message_id: str, parents: Iterable[str], at: datetime, thanks: str | None
    ) -> None:
        """Remember the user's reply to messages not in any thread yet."""
        self.db.executemany(
            "INSERT OR IGNORE INTO orphans(message_id, parent, at, thanks) VALUES (?, ?, ?, ?)",
            [(message_id, p, to_iso(at), thanks) for p in dict.fromkeys(parents) if p],
        )

    def adopt_orphans(self, parent: str) -> list[tuple[str, datetime, str | None]]:
        """The user's replies to ``parent``, removed from the orphans: (id, at, thanks)."""
        rows = self.db.execute(
            "SELECT message_id, at, thanks FROM orphans WHERE parent = ?", (parent,)
        ).fetchall()
        if rows:
            self.db.executemany("DELETE FROM orphans WHERE message_id = ?", [(r[0],) for r in rows])
        return [(r[0], datetime.fromisoformat(r[1]), r[2]) for r in rows]

    def forget_orphans(self, before: datetime) -> None:
        self.db.execute("DELETE FROM orphans WHERE at < ?", (to_iso(before),))
        self.db.execute("DELETE FROM early_replies WHERE at < ?", (to_iso(before),))

    def user_replied_to(self, parent: str) -> datetime | None:
        """When the user first replied to ``parent`` in a message not in any thread."""
        row = self.db.execute("SELECT MIN(at) FROM orphans WHERE parent = ?", (parent,)).fetchone()
        return None if row is None or row[0] is None else datetime.fromisoformat(row[0])

    def record_early_reply(self, reply: EarlyReply, parents: Iterable[str]) -> None:
        """Remember a reply read before the message it answers (see ``adopt_early_replies``)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO early_replies(message_id, parent, sender, mailing_list, at, "
            "kind, rule, evidence, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    reply.message_id,
                    p,
                    reply.sender,
                    reply.mailing_list,
                    to_iso(reply.at),
                    reply.kind,
                    reply.rule,
                    reply.evidence,
                    to_iso(reply.until),
                )
                for p in dict.fromkeys(parents)
                if p
            ],
        )

    def adopt_early_replies(self, parent: str) -> list[EarlyReply]:
        """The replies to ``parent`` read before it, removed from the store."""
        rows = self.db.execute(
            "SELECT message_id, sender, mailing_list, at, kind, rule, evidence, until "
            "FROM early_replies WHERE parent = ? ORDER BY at, message_id",
            (parent,),
        ).fetchall()
        if rows:
            self.db.executemany(
                "DELETE FROM early_replies WHERE message_id = ?", [(r[0],) for r in rows]
            )
        return [
            EarlyReply(
                r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5], r[6], from_iso(r[7])
            )
            for r in rows
        ]

    def record_draft_text(self, followup_id: str, body: str) -> None:
        self.db.execute(
            "INSERT INTO draft_texts(followup_id, body) VALUES (?, ?) "
            "ON CONFLICT(followup_id) DO UPDATE SET body = excluded.body",
            (followup_id, body),
        )

    def draft_text(self, followup_id: str) -> str | None:
        row = self.db.execute(
            "SELECT body FROM draft_texts WHERE followup_id = ?", (followup_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def ask_for_thread(self, message_ids: Iterable[str]) -> str | None:
        ids = [m for m in message_ids if m]
        if not ids:
            return None
        row = self.db.execute(
            f"SELECT ask_id FROM thread WHERE message_id IN ({', '.join('?' * len(ids))}) LIMIT 1",  # noqa: S608
            ids,
        ).fetchone()
        return None if row is None else str(row[0])

    def record_event(
        self,
        ask_id: str,
        at: datetime,
        kind: str,
        detail: str,
        *,
        rule: str = "",
        evidence: str = "",
        source: str = "",
    ) -> bool:
        """Append an event; the same (ask, kind, source) is recorded once. True if new."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO ask_events(ask_id, at, kind, detail, rule, evidence, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (ask_id, to_iso(at), kind, detail, rule, evidence, source),
        )
        return cur.rowcount > 0

    def events(self, ask_id: str) -> list[AskEvent]:
        rows = self.db.execute(
            "SELECT at, kind, detail, rule, evidence, source FROM ask_events "
            "WHERE ask_id = ? ORDER BY at, seq",
            (ask_id,),
        )
        return [AskEvent(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]

    # --- follow-ups -------------------------------------------------------------------

    def followups(
        self, ask_id: str | None = None, *, states: Iterable[str] | None = None
    ) -> list[Followup]:
        where, args = filter_rows({"ask_id": ask_id}, states)
        sql = f"SELECT {FOLLOWUP_COLUMNS} FROM followups{where} ORDER BY created_at, id"  # noqa: S608
        return [followup_from_row(r) for r in self.db.execute(sql, args)]

    def followups_since(self, since: datetime) -> list[Followup]:
        """Follow-ups created at or after ``since`` (for cooldowns and the daily cap)."""
        rows = self.db.execute(
            f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE created_at >= ?",  # noqa: S608
            (to_iso(since),),
        )
        return [followup_from_row(r) for r in rows]

    def followup_by_message_id(self, message_id: str) -> Followup | None:
        row = self.db.execute(
            f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE message_id = ?",  # noqa: S608
            (message_id,),
        ).fetchone()
        return None if row is None else followup_from_row(row)

    def record_followup(
        self,
        *,
        ask_id: str,
        kind: FollowupKind,
        seq: int,
        due_at: datetime,
        state: FollowupState,
        now: datetime,
        draft_ref: str | None = None,
        draft_path: str | None = None,
        message_id: str | None = None,
        recipients: Iterable[str] = (),
        subject: str = "",
    ) -> Followup:
        fid = f"{ask_id}-{kind}{seq if seq > 1 else ''}"
        self.db.execute(
            f"INSERT INTO followups({FOLLOWUP_COLUMNS}) VALUES "  # noqa: S608
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                fid,
                ask_id,
                kind,
                seq,
                to_iso(due_at),
                state,
                draft_ref,
                draft_path,
                message_id,
                json.dumps(list(recipients)),
                subject,
                to_iso(now),
                to_iso(now),
            ),
        )
        if message_id:
            self.record_thread(ask_id, message_id)
        if state != "drafting":  # the timeline says "drafted" once the draft is saved
            self.record_event(
                ask_id, now, f"followup:{state}", f"{kind} #{seq}", rule="policy", source=fid
            )
        return followup_from_row(
            self.db.execute(
                f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE id = ?",  # noqa: S608
                (fid,),
            ).fetchone()
        )

    def record_draft_saved(
        self, followup_id: str, draft_ref: str, draft_path: str | None, now: datetime
    ) -> None:
        """A "drafting" follow-up's draft is saved: it is "drafted", at ``draft_ref``."""
        row = self.db.execute(
            "SELECT ask_id, kind, seq FROM followups WHERE id = ? AND state = 'drafting'",
            (followup_id,),
        ).fetchone()
        if row is None:
            return
        self.db.execute(
            "UPDATE followups SET state = 'drafted', draft_ref = ?, draft_path = ?, "
            "updated_at = ? WHERE id = ?",
            (draft_ref, draft_path, to_iso(now), followup_id),
        )
        self.record_event(
            row[0],
            now,
            "followup:drafted",
            f"{row[1]} #{row[2]}",
            rule="policy",
            source=followup_id,
        )

    def forget_followup(self, followup_id: str) -> bool:
        """Remove a "drafting" follow-up whose draft was never saved. True if removed."""
        cur = self.db.execute(
            "DELETE FROM followups WHERE id = ? AND state = 'drafting'", (followup_id,)
        )
        return cur.rowcount > 0

    def record_followup_state(self, followup_id: str, state: FollowupState, now: datetime) -> None:
        row = self.db.execute(
            "SELECT ask_id, state FROM followups WHERE id = ?", (followup_id,)
        ).fetchone()
        if row is None or row[1] == state:
            return
        self.db.execute(
            "UPDATE followups SET state = ?, updated_at = ? WHERE id = ?",
            (state, to_iso(now), followup_id),
        )
        self.record_event(
            row[0], now, f"followup:{state}", followup_id, rule="draft tracking", source=followup_id
        )

    def get_followup(self, followup_id: str) -> Followup:
        """The follow-up with id ``followup_id`` (like ``abcde-nudge``)."""
        row = self.db.execute(
            f"SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE id = ?",  # noqa: S608
            (followup_id.strip().lower(),),
        ).fetchone()
        if row is None:
            raise UsageError(
                f"no follow-up with id {followup_id!r}; `followthrough drafts` lists them"
            )
        return followup_from_row(row)

    # --- approvals: nothing is sent without one -----------------------------------------

    def approval(self, followup_id: str) -> Approval | None:
        row = self.db.execute(
            f"SELECT {APPROVAL_COLUMNS} FROM approvals WHERE followup_id = ?",  # noqa: S608
            (followup_id,),
        ).fetchone()
        return None if row is None else approval_from_row(row)

    def approvals(self) -> list[Approval]:
        rows = self.db.execute(
            f"SELECT {APPROVAL_COLUMNS} FROM approvals ORDER BY approved_at, followup_id"  # noqa: S608
        )
        return [approval_from_row(r) for r in rows]

    def record_approval(self, followup_id: str, at: datetime, how: str, sha256: str) -> Approval:
        """The user approved sending exactly the bytes whose hash is ``sha256``.

        A later approval of the same follow-up (after an edit, or a failed send) replaces
        the earlier one; one that was sent can never be approved again. An interrupted
        send keeps its "sending" mark, so the next attempt knows it may have gone out.
        """
        with self.transaction():
            old = self.approval(followup_id)
            if old is not None and old.sent_at is not None:
                raise UsageError(f"follow-up {followup_id} was already sent ({old.sent_at:%c})")
            if old is None:
                self.db.execute(
                    "INSERT INTO approvals(followup_id, approved_at, how, sha256) "
                    "VALUES (?, ?, ?, ?)",
                    (followup_id, to_iso(at), how, sha256),
                )
            else:
                self.db.execute(
                    "UPDATE approvals SET approved_at = ?, how = ?, sha256 = ?, "
                    "result = CASE WHEN result = 'sending' THEN result END "
                    "WHERE followup_id = ?",
                    (to_iso(at), how, sha256, followup_id),
                )
            ask_id = self._one("SELECT ask_id FROM followups WHERE id = ?", (followup_id,))
            if ask_id is not None:
                self.record_event(
                    ask_id,
                    at,
                    "followup:approved",
                    f"{followup_id} approved ({how})",
                    rule="your approval",
                    evidence=f"sha256 {sha256[:16]}",
                    source=f"approval:{followup_id}:{sha256}",
                )
        found = self.approval(followup_id)
        assert found is not None
        return found

    def record_send_attempt(self, followup_id: str, transport: str) -> None:
        """Committed right before handing the message over: a crash after this point
        leaves "sending", and the next attempt refuses to send blindly a second time."""
        with self.transaction():
            self.db.execute(
                "UPDATE approvals SET result = 'sending', transport = ? "
                "WHERE followup_id = ? AND sent_at IS NULL",
                (transport, followup_id),
            )

    def record_send_result(
        self,
        followup_id: str,
        at: datetime,
        result: str,
        *,
        sent: bool,
        state: FollowupState = "sent",
    ) -> None:
        """How the send went. ``sent``: the message left (the follow-up becomes ``state``)."""
        with self.transaction():
            self.db.execute(
                "UPDATE approvals SET sent_at = ?, result = ? WHERE followup_id = ?",
                (to_iso(at) if sent else None, result[:500], followup_id),
            )
            if sent:
                self.record_followup_state(followup_id, state, at)

    # --- asks others made of the user ---------------------------------------------------

    def record_incoming(
        self,
        *,
        message_id: str,
        sender: Address,
        subject: str,
        what: str,
        asked_at: datetime,
        due: datetime | None,
        evidence: str,
    ) -> bool:
        cur = self.db.execute(
            "INSERT OR IGNORE INTO incoming(message_id, sender, sender_name, subject, what, "
            "asked_at, due, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                message_id,
                sender.email,
                sender.name,
                subject,
                what,
                to_iso(asked_at),
                to_iso(due),
                evidence,
            ),
        )
        return cur.rowcount > 0

    def record_incoming_answered(self, message_id: str, at: datetime) -> None:
        """The user replied to request ``message_id`` at ``at`` (the earliest reply wins,
        whichever was read first); an open request becomes answered then."""
        at_iso = to_iso(at)
        self.db.execute(
            "UPDATE incoming SET answered_at = ? WHERE message_id = ? "
            "AND (answered_at IS NULL OR answered_at > ?)",
            (at_iso, message_id, at_iso),
        )
        self.db.execute(
            "UPDATE incoming SET state = 'answered', state_at = answered_at "
            "WHERE message_id = ? AND state = 'open' AND answered_at IS NOT NULL",
            (message_id,),
        )

    def incoming(self, *, open_only: bool = True) -> list[IncomingAsk]:
        sql = (
            "SELECT message_id, sender, sender_name, subject, what, asked_at, due, evidence, "
            "answered_at FROM incoming"
        )
        if open_only:
            sql += " WHERE answered_at IS NULL"
        rows = self.db.execute(sql + " ORDER BY asked_at")
        return [
            IncomingAsk(
                r[0],
                Address(r[1], r[2]),
                r[3],
                r[4],
                datetime.fromisoformat(r[5]),
                from_iso(r[6]),
                r[7],
                from_iso(r[8]),
            )
            for r in rows
        ]

    # --- passes -----------------------------------------------------------------------

    def record_pass_start(self, started: datetime) -> int:
        cur = self.db.execute(
            "INSERT INTO passes(started, result) VALUES (?, 'running')", (to_iso(started),)
        )
        return int(cur.lastrowid or 0)

    def record_pass_end(
        self, pass_id: int, finished: datetime, result: str, summary: dict[str, Any]
    ) -> None:
        self.db.execute(
            "UPDATE passes SET finished = ?, result = ?, summary = ? WHERE seq = ?",
            (to_iso(finished), result, json.dumps(summary, sort_keys=True), pass_id),
        )

    def record_skipped(self, source: str, why: str, now: datetime) -> bool:
        """Remember a bad item; True when it is new (not reported before)."""
        known = self.db.execute(
            "SELECT 1 FROM skipped WHERE source = ? AND why = ?", (source, why)
        ).fetchone()
        self.db.execute(
            "INSERT INTO skipped(source, why, first_seen, last_seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source, why) DO UPDATE SET last_seen = excluded.last_seen",
            (source, why, to_iso(now), to_iso(now)),
        )
        return known is None

    def skipped_items(self, limit: int = 50) -> list[tuple[str, str, datetime, datetime]]:
        """(source, why, first seen, last seen) of bad items, the latest seen first."""
        rows = self.db.execute(
            "SELECT source, why, first_seen, last_seen FROM skipped "
            "ORDER BY last_seen DESC, source LIMIT ?",
            (limit,),
        )
        return [
            (r[0], r[1], datetime.fromisoformat(r[2]), datetime.fromisoformat(r[3])) for r in rows
        ]

    def last_pass(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT started, finished, result, summary FROM passes ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return {"started": row[0], "finished": row[1], "result": row[2], **json.loads(row[3])}

    def integrity_ok(self) -> bool:
        return bool(self._one("PRAGMA integrity_check") == "ok")
