"""Backends: read mail and calendars from accounts and save drafts, speaking only model records."""

from __future__ import annotations

import json
from typing import Any


def load_cursor(cursor: str | None, kind: str) -> dict[str, Any] | None:
    """A backend's own JSON cursor ``{"k": kind, …}``, or None when there is none or it
    is not ours (another backend's, or damaged): the caller then reads from scratch."""
    if not cursor:
        return None
    try:
        data = json.loads(cursor)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("k") == kind else None
