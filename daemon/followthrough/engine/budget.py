"""The per-message budget of a pass: how long reading one message may take, and which
message passes were killed on (a stall, then a restart) so it is skipped from then on."""

from __future__ import annotations

import time

from followthrough.config.settings import Settings
from followthrough.model import MailRecord

STRIKES = 2  # passes killed on one message (each after its budget) before it is skipped


def find_killer(mark: str | None, settings: Settings) -> tuple[str | None, int]:
    """(message ref, strikes) of the message a killed pass was reading, when it was left
    unfinished for longer than ``[limits].message_seconds``; else (None, 0)."""
    if not mark:
        return None, 0
    count, _, rest = mark.partition(" ")
    started, _, ref = rest.partition(" ")
    try:
        strikes, since = int(count), time.time() - float(started)
    except ValueError:
        return None, 0
    if since < settings.limits.message_seconds:
        return None, 0  # restarted at once: not a stall
    return ref, strikes


class MessageTooSlowError(Exception):
    """One message took longer than ``[limits].message_seconds``: skip it, name it."""


class MessageBudget:
    """``text_of`` and ``within_budget`` for the reading steps; ``Pass`` sets
    ``_started`` when the pass begins and the mail step resets it for each message."""

    settings: Settings
    _started: float  # time.monotonic() when reading the current message began

    def text_of(self, record: MailRecord) -> str:
        """The message's text as detection reads it: at most ``max_text_chars``."""
        text = record.text[: self.settings.limits.max_text_chars]
        self.within_budget()
        return text

    def within_budget(self) -> None:
        """Between two steps of reading one message: give up on it when it has taken
        longer than ``message_seconds`` (it is skipped and named, nothing else stops)."""
        limit = self.settings.limits.message_seconds
        if time.monotonic() - self._started > limit:
            raise MessageTooSlowError(f"reading it took longer than {limit} s; skipped")
