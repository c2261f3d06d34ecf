"""The asks others made of the user (migration 3), and when the user answered them.
Their states beyond "answered" (done) are ``RelationLedger``'s. A mixin of ``Ledger``."""

from __future__ import annotations

from datetime import datetime

from followthrough.ledger.base import LedgerBase
from followthrough.ledger.rows import from_iso, to_iso
from followthrough.model import Address, IncomingAsk


class IncomingLedger(LedgerBase):
    """Requests made of the user."""

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

    def forget_incoming(self, message_id: str) -> None:
        """``message_id`` turned out to answer one of the user's own asks (it was read
        before the ask): it is that ask's reply, not a request made of the user. A request
        the user already marked (done, declined, …) is kept."""
        self.db.execute(
            "DELETE FROM incoming WHERE message_id = ? AND state IN ('open', 'answered')",
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
