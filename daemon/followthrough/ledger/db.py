"""The ledger: SQLite in WAL mode, the single source of truth.

``Ledger`` opens the file (created whole, 0600; an unknown file is refused), migrates
it, and keeps the cursors, the passes and the skipped items; the other tables are its
mixins' (``asks``, ``threads``, ``followups``, ``incoming``, ``labels``, ``relations``).
Schema changes are numbered migrations recorded in ``PRAGMA user_version``; the
ledger is never deleted and rebuilt. Only the ``followthrough.ledger`` package imports
sqlite3.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from followthrough.detect.phrase import PHRASE_MODEL, decide_ask_phrase
from followthrough.errors import LedgerError
from followthrough.ledger.asks import AskLedger
from followthrough.ledger.followups import FollowupLedger
from followthrough.ledger.incoming import IncomingLedger
from followthrough.ledger.labels import LabelLedger
from followthrough.ledger.migrations import MIGRATIONS, PHRASE_VERSION
from followthrough.ledger.relations import RelationLedger
from followthrough.ledger.rows import like_prefix, to_iso
from followthrough.model import Address

# what the database itself can raise past the ledger's own checks (damaged pages found
# mid-query, a full disk): the CLI turns these into one line, as it does LedgerError
LEDGER_FAILURES: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)


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


class Ledger(AskLedger, FollowupLedger, IncomingLedger, LabelLedger, RelationLedger):
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
            self._watch_asks()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{path}: the ledger cannot be opened: {exc}") from None
        self._in_tx = False
        self._refresh_phrases()

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

    # --- migrations ------------------------------------------------------------------

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
            self._store_phrase(ask_id, phrase, model=None)  # the model column comes at 11

    def _refresh_phrases(self) -> None:
        """Remake the phrases an older phrase model made (``PHRASE_MODEL``), so drafts for
        the asks recorded before an upgrade say them as well as for new ones. A mail ask's
        phrase is made again from the sentence its "asked" event kept, as when it was
        recorded. A calendar ask's needs the entry's description too, which the ledger does
        not keep: the pass remakes it when it reads the entry again."""
        rows = self.db.execute(
            "SELECT a.id, a.source_kind, a.what, a.helpers, "
            "(SELECT e.evidence FROM ask_events e WHERE e.ask_id = a.id AND e.kind = 'asked' "
            "ORDER BY e.seq LIMIT 1) FROM asks a "
            "WHERE a.phrase_model < ? AND a.source_kind != 'calendar'",
            (PHRASE_MODEL,),
        ).fetchall()
        if not rows:
            return
        with self.transaction():
            for ask_id, source_kind, what, helpers_json, evidence in rows:
                people = [Address(h["email"], h.get("name", "")) for h in json.loads(helpers_json)]
                phrase = decide_ask_phrase(source_kind, evidence or what, "", people)
                self._store_phrase(ask_id, phrase)

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

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
