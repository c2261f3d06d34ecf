"""The ledger's threads (the Message-IDs of each ask's conversation), the timeline of
events, the user's replies whose parent is not in a thread yet (orphans), replies read
before the message they answer, and the text of each draft. A mixin of ``Ledger``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from followthrough.ledger.base import LedgerBase
from followthrough.ledger.rows import from_iso, to_iso
from followthrough.model import AskEvent, EarlyReply


class ThreadLedger(LedgerBase):
    """Threads, events, orphans, early replies, draft texts."""

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
