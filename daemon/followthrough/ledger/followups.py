"""The ledger's follow-ups (each drafted step of an ask: crash-safe, "drafting" until
its draft is saved) and approvals (nothing is sent without one). A mixin of ``Ledger``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from followthrough.errors import UsageError
from followthrough.ledger.rows import (
    APPROVAL_COLUMNS,
    FOLLOWUP_COLUMNS,
    approval_from_row,
    filter_rows,
    followup_from_row,
    to_iso,
)
from followthrough.ledger.threads import ThreadLedger
from followthrough.model import Approval, Followup, FollowupKind, FollowupState


class FollowupLedger(ThreadLedger):
    """Follow-ups and their approvals; each change is an event on the ask's timeline."""

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
