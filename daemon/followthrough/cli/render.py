"""How the commands show things: moments and days in the user's zone, an ask as
drafts say it, and the rows of `--json` output."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from followthrough.ledger.relations import Touch
from followthrough.model import Ask, Followup


def moment_text(text: str | None, tz: tzinfo | None) -> str:
    """An ISO time stamp (as the status file keeps it) as a local date and time."""
    if not text:
        return "-"
    moment = datetime.fromisoformat(text).astimezone(tz)
    return f"{moment:%a %d %b %Y %H:%M:%S %Z}"


def day_text(dt: datetime | None, tz: tzinfo) -> str:
    if dt is None:
        return "-"
    return dt.astimezone(tz).strftime("%a %d %b %Y")


def said(ask: Ask) -> str:
    """The ask as drafts say it (the phrase model's verb phrase), else what was recorded."""
    return ask.phrase.base if ask.phrase is not None and ask.phrase.base else ask.what


def ask_json(ask: Ask) -> dict[str, Any]:
    return {
        "id": ask.id,
        "state": ask.state,
        "status": ask.status,
        "helpers": [h.email for h in ask.helpers],
        "what": ask.what,
        "asked_at": ask.asked_at.isoformat(),
        "due": ask.due.isoformat() if ask.due else None,
        "source": {"kind": ask.source_kind, "key": ask.source_key},
        "outcome": ask.outcome,
    }


def followup_json(f: Followup) -> dict[str, Any]:
    return {
        "id": f.id,
        "ask_id": f.ask_id,
        "kind": f.kind,
        "state": f.state,
        "to": list(f.recipients),
        "subject": f.subject,
        "path": f.draft_path,
        "created_at": f.created_at.isoformat(),
    }


def touch_json(t: Touch) -> dict[str, Any]:
    """A keep-in-touch note or agenda, in the shape of a follow-up's row."""
    return {
        "id": t.id,
        "ask_id": None,
        "kind": t.kind,
        "state": t.state,
        "to": [t.person],
        "subject": t.subject,
        "path": t.draft_path,
        "created_at": t.created_at.isoformat(),
    }
