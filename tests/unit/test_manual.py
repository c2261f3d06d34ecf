"""What the user says of an ask by hand (engine/manual.py): the state set, the ask
tracked, praise, outcome, and the corrections they teach detection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followthrough.engine import manual
from followthrough.errors import UsageError
from followthrough.ledger import Ledger
from followthrough.model import Address, SourceKind

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
LATER = T0 + timedelta(days=2)
SENTENCE = "Could you send me the slides for Thursday's review?"


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    led = Ledger(tmp_path / "ledger.sqlite3")
    yield led
    led.close()


def add_ask(
    ledger: Ledger,
    key: str,
    *,
    kind: SourceKind = "mail",
    status: str = "tracked",
    detected: bool = True,
) -> str:
    """An ask as the pass records it: a mail ask found by its wording keeps its sentence."""
    with ledger.transaction():
        ask, _ = ledger.record_ask(
            source_kind=kind,
            source_key=key,
            what="send me the slides",
            subject="slides",
            helpers=[Address("bob@example.org", "Bob")],
            asked_at=T0,
            due=None,
            due_phrase="",
            thread_root=key if kind == "mail" else None,
            conversation=None,
            status=status,
            rule="request wording, confidence 0.91 (tracked): polite-request"
            if detected
            else "calendar tag",
            evidence=SENTENCE if detected else "",
        )
    return ask.id


def test_cancelling_an_open_detected_ask_teaches_that_it_was_none(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    change = manual.set_state(ledger, ask_id[:3], "cancelled", LATER, rule="you said: cancel")
    assert (change.ask.id, change.ask.state, change.changed, change.learned) == (
        ask_id,
        "open",
        True,
        True,
    )
    assert ledger.get_ask(ask_id).state == "cancelled"
    assert ledger.detect_labels() == [(SENTENCE, False, "cancel")]
    assert ledger.detect_adjustment()  # learned again from the label, in the same step


def test_cancelling_after_the_helper_answered_teaches_nothing(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    with ledger.transaction():
        ledger.record_state(ask_id, "acknowledged", T0 + timedelta(hours=3), rule="reply")
    change = manual.set_state(ledger, ask_id, "cancelled", LATER, rule="you said: cancel")
    assert change.changed and not change.learned
    assert ledger.detect_labels() == []


def test_not_an_ask_on_an_acknowledged_ask_is_still_a_label(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    with ledger.transaction():
        ledger.record_state(ask_id, "acknowledged", T0 + timedelta(hours=3), rule="reply")
    change = manual.set_state(
        ledger, ask_id, "cancelled", LATER, rule="you said: not an ask", not_an_ask=True
    )
    assert change.learned
    assert ledger.detect_labels() == [(SENTENCE, False, "not-an-ask")]


def test_a_calendar_ask_has_no_sentence_to_learn_from(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "uid-1@cal", kind="calendar", detected=False)
    change = manual.set_state(
        ledger, ask_id, "cancelled", LATER, rule="you said: not an ask", not_an_ask=True
    )
    assert change.changed and not change.learned
    assert manual.detected_sentence(ledger, ledger.get_ask(ask_id)) is None
    assert ledger.detect_labels() == []


def test_a_state_set_twice_changes_nothing_the_second_time(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    first = manual.set_state(ledger, ask_id, "delivered", LATER, rule="you said: done")
    again = manual.set_state(ledger, ask_id, "delivered", LATER, rule="you said: done")
    assert first.changed and not again.changed
    assert again.ask.state == "delivered"
    kinds = [e.kind for e in ledger.events(ask_id)]
    assert kinds.count("state:delivered") == 1


def test_the_user_may_move_an_ask_back(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    manual.set_state(ledger, ask_id, "delivered", LATER, rule="you said: done")
    change = manual.set_state(
        ledger, ask_id, "open", LATER + timedelta(hours=1), rule="you corrected it to open"
    )
    assert change.changed and ledger.get_ask(ask_id).state == "open"


def test_an_unknown_id_is_a_usage_error_and_writes_nothing(ledger: Ledger) -> None:
    add_ask(ledger, "m1@x")
    with pytest.raises(UsageError, match="no ask with id 'zzzzz'"):
        manual.set_state(ledger, "zzzzz", "delivered", LATER, rule="you said: done")
    with pytest.raises(UsageError):
        manual.track(ledger, "zzzzz", LATER)
    assert ledger.detect_labels() == []


def test_tracking_a_suggestion_labels_it_an_ask(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x", status="suggested")
    before = manual.track(ledger, ask_id, LATER)
    assert before.status == "suggested"
    assert ledger.get_ask(ask_id).status == "tracked"
    assert ledger.detect_labels() == [(SENTENCE, True, "track")]
    assert "tracked" in [e.kind for e in ledger.events(ask_id)]


def test_tracking_a_tracked_ask_teaches_nothing(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    manual.track(ledger, ask_id, LATER)
    assert ledger.get_ask(ask_id).status == "tracked"
    assert ledger.detect_labels() == []


def test_praise_on_and_off(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    manual.set_praise(ledger, ask_id, True, LATER)
    assert ledger.get_ask(ask_id).praise
    manual.set_praise(ledger, ask_id, False, LATER + timedelta(minutes=1))
    assert not ledger.get_ask(ask_id).praise
    details = [e.detail for e in ledger.events(ask_id) if e.kind == "praise"]
    assert details == ["on", "off"]


def test_an_outcome_delivers_an_active_ask(ledger: Ledger) -> None:
    ask_id = add_ask(ledger, "m1@x")
    manual.record_outcome(ledger, ask_id, "got the job", LATER)
    ask = ledger.get_ask(ask_id)
    assert (ask.outcome, ask.state) == ("got the job", "delivered")
