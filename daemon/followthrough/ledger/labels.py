"""The user's corrections of ask detection (migration 6): each label on an ask's
sentence, and the per-user adjustment learned from them all. A mixin of ``Ledger``."""

from __future__ import annotations

from datetime import datetime

from followthrough.ledger.base import LedgerBase
from followthrough.ledger.rows import to_iso


class LabelLedger(LedgerBase):
    """Detection labels and the adjustment learned from them."""

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
        from followthrough.detect.corrections import learn_adjustment

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
