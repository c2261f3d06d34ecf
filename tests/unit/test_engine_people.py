"""The people behind the relationship commands (engine/people.py): a person from what
the user typed, their next standing check-in, and when Plan B has nothing to say."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followthrough.config.settings import Settings
from followthrough.engine import people
from followthrough.engine.gallery import example_settings
from followthrough.errors import UsageError
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Occurrence
from followthrough.model import Address

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
BOB = Address("bob@example.org", "Bob Stone")
ROBERTA = Address("bobbie@example.org", "Roberta Bloggs")
CAROL = Address("carol@example.org", "")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    led = Ledger(tmp_path / "ledger.sqlite3")
    yield led
    led.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    contacts = tmp_path / "contacts.toml"
    contacts.write_text(
        '[[contact]]\nemail = "dana@example.org"\nname = "Dana Scully"\n\n'
        '[[contact]]\nemail = "bob.stone@example.org"\nname = "Bob"\n'
    )
    return replace(example_settings(), contacts_path=contacts)


def checkin(start: datetime, *who: Address, uid: str = "c1") -> Occurrence:
    return Occurrence(f"{uid}@{start.isoformat()}", uid, start, f"1:1 ({uid})", who)


def add_ask(ledger: Ledger, key: str, helper: Address) -> str:
    with ledger.transaction():
        ask, _ = ledger.record_ask(
            source_kind="mail",
            source_key=key,
            what="send the slides",
            subject="slides",
            helpers=[helper],
            asked_at=NOW - timedelta(days=3),
            due=None,
            due_phrase="",
            thread_root=key,
            conversation=None,
        )
    return ask.id


def test_an_address_is_taken_as_it_is_lower_cased(ledger: Ledger, settings: Settings) -> None:
    assert people.resolve_person(ledger, settings, " Eve@Example.ORG ") == "eve@example.org"
    with pytest.raises(UsageError, match=r"'eve@x@y' is not an email address"):
        people.resolve_person(ledger, settings, "eve@x@y")


def test_a_name_is_found_in_contacts_check_ins_and_asks(ledger: Ledger, settings: Settings) -> None:
    add_ask(ledger, "m1@x", CAROL)
    with ledger.transaction():
        ledger.record_occurrences([checkin(NOW + timedelta(days=1), ROBERTA)], replace_from=None)
    assert people.resolve_person(ledger, settings, "dana scully") == "dana@example.org"
    assert people.resolve_person(ledger, settings, "Dana") == "dana@example.org"  # first name
    assert people.resolve_person(ledger, settings, "roberta") == "bobbie@example.org"
    assert people.resolve_person(ledger, settings, "carol") == "carol@example.org"  # local part


def test_an_ambiguous_or_unknown_name_is_refused(ledger: Ledger, settings: Settings) -> None:
    add_ask(ledger, "m1@x", BOB)
    with pytest.raises(UsageError) as ambiguous:
        people.resolve_person(ledger, settings, "bob")
    assert "'bob' could be bob.stone@example.org, bob@example.org;" in str(ambiguous.value)
    with pytest.raises(UsageError, match="no one called 'zed' is known"):
        people.resolve_person(ledger, settings, "zed")


def test_the_next_check_in_is_the_first_one_to_come_with_that_person_alone(
    ledger: Ledger,
) -> None:
    with ledger.transaction():
        ledger.record_occurrences(
            [
                checkin(NOW - timedelta(days=1), BOB, uid="past"),
                checkin(NOW + timedelta(days=1), BOB, CAROL, uid="group"),
                checkin(NOW + timedelta(days=7), BOB, uid="later"),
                checkin(NOW + timedelta(days=2), BOB, uid="next"),
            ],
            replace_from=None,
        )
    found = people.next_checkin(ledger, BOB.email, NOW)
    assert found is not None and found.uid == "next"
    assert people.next_checkin(ledger, ROBERTA.email, NOW) is None


def test_an_ask_under_way_needs_no_plan_b(ledger: Ledger, settings: Settings) -> None:
    ask_id = add_ask(ledger, "m1@x", BOB)
    ask = ledger.get_ask(ask_id)
    assert people.alternatives_for(ask, [], ledger, settings, NOW) == (None, [])
