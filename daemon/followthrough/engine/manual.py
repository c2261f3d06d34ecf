"""What the user says of an ask by hand (`done`, `declined`, `cancel`, `state`, `track`,
`praise`, `outcome`): the ledger written in one transaction each, and what a
correction teaches ask detection.

A correction is a label on the sentence the ask was detected from: a suggestion the
user tracks is an ask; a tracked mail ask the user calls "not an ask", or cancels
before the helper ever answered, was none. Calendar entries and flagged messages
were no guess, so they teach nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followthrough.ledger import Ledger
from followthrough.model import Ask, AskState


@dataclass(frozen=True, slots=True)
class StateChange:
    """The answer of ``set_state``: the ask as it was, and what happened."""

    ask: Ask
    state: AskState
    changed: bool  # False: the ask was in that state already
    learned: bool  # the correction was recorded as a label for detection


def _by_hand(now: datetime) -> str:
    """The source of an event the user recorded (one per moment, as the ledger wants)."""
    return f"cli:{now.isoformat()}"


def detected_sentence(ledger: Ledger, ask: Ask) -> str | None:
    """The sentence of sent mail the ask was detected from (None for a calendar entry,
    a flagged message, or an ask recorded before detection kept its sentence)."""
    if ask.source_kind != "mail":
        return None
    for e in ledger.events(ask.id):
        if e.kind == "asked" and e.rule.startswith("request wording") and e.evidence:
            return e.evidence
    return None


def record_label(ledger: Ledger, ask: Ask, is_ask: bool, now: datetime, how: str) -> bool:
    """Record the user's correction of a detected ask as a label (issue 17); False when
    the ask was not detected from a sentence."""
    sentence = detected_sentence(ledger, ask)
    if sentence is None:
        return False
    ledger.record_detect_label(ask.id, is_ask, sentence, now, how)
    return True


def set_state(
    ledger: Ledger,
    ask_id: str,
    state: AskState,
    now: datetime,
    *,
    rule: str,
    not_an_ask: bool = False,
) -> StateChange:
    """The user sets the ask (an id or a unique prefix) to ``state``, whatever its state
    was. ``not_an_ask`` (with "cancelled"): it was never an ask."""
    with ledger.transaction():
        ask = ledger.find_ask(ask_id)
        # A tracked mail ask dismissed before the helper ever answered was no ask: the
        # correction teaches detection (`followthrough corrections` lists and resets them)
        dismissed = not_an_ask or (state == "cancelled" and ask.state == "open")
        learned = dismissed and record_label(
            ledger, ask, False, now, "not-an-ask" if not_an_ask else "cancel"
        )
        changed = ledger.record_state(
            ask.id, state, now, rule=rule, source=_by_hand(now), force=True
        )
    return StateChange(ask, state, changed, learned)


def track(ledger: Ledger, ask_id: str, now: datetime) -> Ask:
    """The user tracks an ask; a suggestion confirmed so is a label (issue 17)."""
    with ledger.transaction():
        ask = ledger.find_ask(ask_id)
        if ask.status == "suggested":
            record_label(ledger, ask, True, now, "track")
        ledger.update_ask_details(ask.id, status="tracked")
        ledger.record_event(
            ask.id,
            now,
            "tracked",
            "you chose to track it",
            rule="cli track",
            source=_by_hand(now),
        )
    return ask


def set_praise(ledger: Ledger, ask_id: str, on: bool, now: datetime) -> Ask:
    """On delivery, a praise note to the helpers' managers (``on``), or none."""
    with ledger.transaction():
        ask = ledger.find_ask(ask_id)
        ledger.update_ask_details(ask.id, praise=on)
        ledger.record_event(
            ask.id,
            now,
            "praise",
            "on" if on else "off",
            rule="cli praise",
            source=_by_hand(now),
        )
    return ask


def record_outcome(ledger: Ledger, ask_id: str, text: str, now: datetime) -> Ask:
    """How the help turned out, in the user's words (an active ask is delivered by it)."""
    with ledger.transaction():
        ask = ledger.find_ask(ask_id)
        ledger.record_outcome(ask.id, text, now, source=_by_hand(now))
    return ask
