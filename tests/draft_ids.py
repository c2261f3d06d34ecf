"""Which follow-up a draft is, from the ledger: drafts carry no marker header unless
[templates].marker_headers asks for one, so tests map them by Message-ID."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def followups_by_message_id(ledger: Path) -> dict[str, tuple[str, str]]:
    """(follow-up id, ask id) by the draft's Message-ID (without angle brackets)."""
    db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT message_id, id, ask_id FROM followups WHERE message_id IS NOT NULL"
        ).fetchall()
    finally:
        db.close()
    return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}


def followup_of(ledger: Path, message_id: object) -> tuple[str, str] | None:
    """(follow-up id, ask id) of the draft with this Message-ID header, or None."""
    key = str(message_id or "").strip().strip("<>")
    return followups_by_message_id(ledger).get(key) if ledger.exists() else None
