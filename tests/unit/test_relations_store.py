"""Migration 8 and what it stores; the [relations] settings and contacts' keep_in_touch."""

from __future__ import annotations

import sqlite3
import tomllib
from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.config.behaviour import RelationSettings
from followthrough.config.contacts import load_contacts
from followthrough.config.settings import settings_from_dict
from followthrough.errors import ConfigError, UsageError
from followthrough.ledger import Ledger
from followthrough.ledger.migrations import MIGRATIONS
from followthrough.ledger.relations import Occurrence
from followthrough.model import Address

T0 = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("Europe/Berlin"))
ROOT = Path(__file__).resolve().parents[2]


def test_a_version_4_ledger_with_requests_in_it_upgrades_keeping_them(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:4]:
        db.executescript(step)
    rows = [
        ("m-open@x", "bob@example.org", "review my talk", None),
        ("m-answered@x", "carol@example.org", "send me the slides", T0.isoformat()),
    ]
    for mid, sender, what, answered in rows:
        db.execute(
            "INSERT INTO incoming(message_id, sender, what, asked_at, answered_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (mid, sender, what, T0.isoformat(), answered),
        )
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 8
    got = {r.message_id: (r.state, r.what) for r in ledger.requests(states=None)}
    assert got == {
        "m-open@x": ("open", "review my talk"),
        "m-answered@x": ("answered", "send me the slides"),
    }
    assert ledger.touches() == [] and ledger.occurrences() == [] and ledger.notes() == []


def test_requests_move_forward_only_unless_you_say_so(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    with ledger.transaction():
        ledger.record_incoming(
            message_id="m1@x",
            sender=Address("bob@example.org", "Bob"),
            subject="talk",
            what="review my talk",
            asked_at=T0,
            due=None,
            evidence="",
        )
        assert ledger.record_request_state("m1@x", "done", T0 + timedelta(days=1))
        assert not ledger.record_request_state("m1@x", "answered", T0 + timedelta(days=2))
        assert ledger.requests() == []  # done is not waiting
        r = ledger.requests(states=None)[0]
        assert (r.state, r.state_at) == ("done", T0 + timedelta(days=1))
        assert ledger.find_request(r.id[:3]).message_id == "m1@x"
        assert ledger.record_request_state("m1@x", "open", T0, force=True)
    assert ledger.requests()[0].state == "open"
    with pytest.raises(UsageError, match="no request to you"):
        ledger.find_request("zzzzz")


def test_a_moved_occurrence_replaces_the_old_one_and_past_ones_stay(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    bob = (Address("bob@example.org", "Bob"),)

    def occ(day: int, hour: int = 10) -> Occurrence:
        start = T0.replace(day=day, hour=hour)
        return Occurrence(f"s@{start.isoformat()}", "s", start, "1:1", bob)

    with ledger.transaction():
        ledger.record_occurrences([occ(2), occ(9)], replace_from=None)
        # read again on the 5th: the 9th moved to 14:00
        ledger.record_occurrences([occ(9, 14)], replace_from=T0.replace(day=5))
    starts = [o.start.day * 100 + o.start.hour for o in ledger.occurrences()]
    assert starts == [210, 914]


def test_notes_are_used_once_and_come_back_when_their_agenda_is_deleted(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    with ledger.transaction():
        seq = ledger.record_note("Bob@Example.org", "the offsite", T0)
        ledger.record_notes_used([seq], "agenda-1")
    assert ledger.notes("bob@example.org") == []
    with ledger.transaction():
        ledger.release_notes("agenda-1")
    assert [n.text for n in ledger.notes("bob@example.org")] == ["the offsite"]


def base_config() -> dict[str, object]:
    return {
        "user": {"email": "me@example.org", "timezone": "Europe/Berlin"},
        "local": {"sent": "Sent", "inbox": "Inbox", "drafts": "Drafts"},
    }


def test_relations_settings_are_read_and_bad_ones_named(tmp_path: Path) -> None:
    data = base_config()
    data["relations"] = {"keep_in_touch": "8w", "checkin_tag": "#OneOnOne", "plan_b_max": 2}
    s = settings_from_dict(tmp_path / "c.toml", data)
    assert s.relations.keep_in_touch == 56
    assert s.relations.checkin_tag == "oneonone"
    assert s.relations.plan_b_max == 2
    data["relations"] = {"keep_in_touch": "soon", "agenda_days_before": -1, "nudge": 1}
    with pytest.raises(ConfigError) as err:
        settings_from_dict(tmp_path / "c.toml", data)
    text = "\n".join(err.value.problems)
    assert '[relations].keep_in_touch: expected a cadence like "6w"' in text
    assert "[relations].agenda_days_before: expected a number >= 0" in text
    assert "[relations].nudge: unknown key" in text


def test_every_relations_setting_is_documented_in_the_example() -> None:
    data = tomllib.loads((ROOT / "config.example.toml").read_text())
    assert {f.name for f in fields(RelationSettings)} == set(data["relations"])


def test_contacts_keep_in_touch_cadence_never_and_a_bad_value(tmp_path: Path) -> None:
    path = tmp_path / "contacts.toml"
    path.write_text(
        '[[contact]]\nemail = "carol@example.org"\nkeep_in_touch = "6w"\n'
        '[[contact]]\nemail = "dave@example.org"\nkeep_in_touch = "never"\n'
    )
    contacts = load_contacts(path)
    assert contacts["carol@example.org"].keep_in_touch == 42
    assert contacts["dave@example.org"].keep_in_touch == 0
    path.write_text('[[contact]]\nemail = "carol@example.org"\nkeep_in_touch = 6\n')
    with pytest.raises(ConfigError) as err:
        load_contacts(path)
    assert err.value.problems == [
        '[[contact]] #1.keep_in_touch: expected a cadence like "6w", "30d", "3m" or "never", got 6'
    ]
