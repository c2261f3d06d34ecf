"""The open connection every part of the ledger works on, and its transactions.

The base of the ``Ledger`` mixins (as Radicale's storage parts share ``StorageBase``):
each part declares its tables' methods on ``self.db``; ``followthrough.ledger.db``
opens the file and joins the parts into one ``Ledger``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from followthrough.errors import LedgerError, LockedError


class LedgerBase:
    """The connection (``db``), the file it is (``path``) and one-step transactions."""

    path: Path
    db: sqlite3.Connection
    _in_tx: bool
    _asks_written: int

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

    @property
    def changes(self) -> int:
        """Rows written through this connection so far: any write bumps it (a cache key)."""
        return self.db.total_changes

    @property
    def asks_written(self) -> int:
        """Rows of ``asks`` written through this connection so far (a cache key for what
        is read from that table alone: a pass writes other tables once per message)."""
        return self._asks_written

    def _watch_asks(self) -> None:
        """Count the writes to ``asks`` (``asks_written``) with TEMP triggers: every
        writer is seen, present and future, and the file's schema is not touched."""
        self._asks_written = 0

        def written() -> None:
            self._asks_written += 1

        self.db.create_function("ft_ask_written", 0, written)
        for op in ("INSERT", "UPDATE", "DELETE"):
            self.db.execute(
                f"CREATE TEMP TRIGGER ft_ask_{op.lower()} AFTER {op} ON main.asks"
                " BEGIN SELECT ft_ask_written(); END"
            )
