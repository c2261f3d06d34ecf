from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.errors import LedgerError, UsageError
from followthrough.ledger import MIGRATIONS, Ledger, make_ask_id
from followthrough.model import Address

T0 = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("Europe/Berlin"))


def record(ledger: Ledger, key: str = "m1@x") -> str:
    with ledger.transaction():
        ask, created = ledger.record_ask(
            source_kind="mail",
            source_key=key,
            what="review the deck",
            subject="deck",
            helpers=[Address("bob@example.org", "Bob")],
            asked_at=T0,
            due=T0 + timedelta(days=5),
            due_phrase="by Saturday",
            thread_root=key,
            conversation=None,
        )
    assert created
    return ask.id


def test_file_modes_and_wal(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "state" / "ledger.sqlite3")
    assert stat.S_IMODE((tmp_path / "state").stat().st_mode) == 0o700
    assert stat.S_IMODE(ledger.path.stat().st_mode) == 0o600
    assert ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.schema_version == len(MIGRATIONS)
    assert ledger.integrity_ok()


def test_ids_are_short_stable_and_unique(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    first = record(ledger)
    assert first == make_ask_id("mail", "m1@x") and len(first) == 5
    again, created = ledger.record_ask(
        source_kind="mail",
        source_key="m1@x",
        what="x",
        subject="",
        helpers=[],
        asked_at=T0,
        due=None,
        due_phrase="",
        thread_root=None,
        conversation=None,
    )
    assert not created and again.id == first
    ids = {record(ledger, f"m{i}@x") for i in range(2, 300)}
    assert len(ids) == 298 and first not in ids


def test_find_ask_by_prefix(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    ask_id = record(ledger)
    assert ledger.find_ask(ask_id[:3]).id == ask_id
    assert ledger.find_ask(ask_id.upper()).id == ask_id
    with pytest.raises(UsageError, match="no ask with id"):
        ledger.find_ask("zzzzzzz")


def test_states_move_forward_only_unless_forced(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    ask_id = record(ledger)
    with ledger.transaction():
        assert ledger.record_state(ask_id, "delivered", T0, rule="reply", source="a")
        assert not ledger.record_state(ask_id, "acknowledged", T0, rule="reply", source="b")
        assert ledger.get_ask(ask_id).state == "delivered"
        assert ledger.record_state(ask_id, "acknowledged", T0, rule="cli", source="c", force=True)
    assert ledger.get_ask(ask_id).state == "acknowledged"
    kinds = [e.kind for e in ledger.events(ask_id)]
    assert kinds == ["asked", "state:delivered", "state:acknowledged"]


def test_events_are_recorded_once_per_source(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    ask_id = record(ledger)
    with ledger.transaction():
        assert ledger.record_event(ask_id, T0, "reply", "d", source="inbox:r1")
        assert not ledger.record_event(ask_id, T0, "reply", "d", source="inbox:r1")
    assert len(ledger.events(ask_id)) == 2


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    with pytest.raises(RuntimeError), ledger.transaction():
        ledger.record_cursor("local:sent", "c1")
        raise RuntimeError("crash")
    assert ledger.cursor("local:sent") is None


def test_thread_lookup(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    ask_id = record(ledger)
    assert ledger.ask_for_thread(["other@x", "m1@x"]) == ask_id
    assert ledger.ask_for_thread(["other@x"]) is None


def test_migrates_from_every_older_version(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 0")
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS)
    ledger.close()
    # reopening a current ledger changes nothing and keeps data
    ledger = Ledger(path)
    ask_id = record(ledger)
    ledger.close()
    assert Ledger(path).get_ask(ask_id).what == "review the deck"


def test_an_ask_recorded_before_migration_4_survives_it(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:3]:
        db.executescript(step)
    db.execute(
        "INSERT INTO asks(id, source_kind, source_key, what, helpers, asked_at, state, state_at)"
        " VALUES ('abcde', 'mail', 'm1@x', 'review the deck', '[]', ?, 'open', ?)",
        ("2026-11-02T10:00:00+01:00", "2026-11-02T10:00:00+01:00"),
    )
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 4
    ask = ledger.get_ask("abcde")
    assert (ask.what, ask.state, ask.question_at) == ("review the deck", "open", None)


def test_newer_ledger_is_refused_not_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    db.close()
    with pytest.raises(LedgerError, match="newer than this followthrough knows"):
        Ledger(path)


def test_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError, match="cannot be opened"):
        Ledger(path)


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_migration_5_fills_the_phrase_of_asks_recorded_before_it(
    tmp_path: Path, version: int
) -> None:
    """Asks recorded by an older followthrough get their phrase model from the sentence
    (or calendar title) their "asked" event kept; nothing else about them changes."""
    path = tmp_path / f"v{version}.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        db.executescript(step)
    at = "2026-11-02T10:00:00+01:00"
    rows = [
        ("abcde", "mail", "m1@x", "review the Q3 deck", '[{"email": "bob@x.org", "name": "Bob"}]'),
        (
            "fghij",
            "calendar",
            "uid-1",
            "Grace — mock interview",
            '[{"email": "grace@x.org", "name": "Grace Hopper"}]',
        ),
        ("klmno", "mail", "m2@x", "the budget", "[]"),
    ]
    for ask_id, kind, key, what, helpers in rows:
        db.execute(
            "INSERT INTO asks(id, source_kind, source_key, what, helpers, asked_at, state,"
            " state_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)",
            (ask_id, kind, key, what, helpers, at, at),
        )
    evidence = {
        "abcde": "Bob, could you review the Q3 deck by Friday?",
        "fghij": "Ask: Grace — mock interview #ask",
    }
    for ask_id, text in evidence.items():
        db.execute(
            "INSERT INTO ask_events(ask_id, at, kind, detail, evidence)"
            " VALUES (?, ?, 'asked', '', ?)",
            (ask_id, at, text),
        )
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()

    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 5
    mail = ledger.get_ask("abcde")
    assert mail.what == "review the Q3 deck" and mail.state == "open"
    assert mail.phrase is not None
    assert (mail.phrase.kind, mail.phrase.gerund, mail.phrase.topic) == (
        "action",
        "reviewing the Q3 deck",
        "the Q3 deck",
    )
    assert mail.phrase.sentence == "Bob, could you review the Q3 deck by Friday?"
    cal = ledger.get_ask("fghij")
    assert cal.phrase is not None
    assert (cal.phrase.kind, cal.phrase.topic) == ("meeting", "the mock interview")
    assert "Grace" not in cal.phrase.gerund
    bare = ledger.get_ask("klmno")  # no event: made from what was recorded
    assert bare.phrase is not None and bare.phrase.sentence == "the budget"
    ledger.close()
    # reopening fills nothing twice and changes nothing
    assert Ledger(path).get_ask("abcde").phrase == mail.phrase


def test_a_new_ask_gets_its_phrase_when_recorded(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.db")
    ask = ledger.get_ask(record(ledger))
    assert ask.phrase is not None
    assert (ask.phrase.kind, ask.phrase.gerund) == ("action", "reviewing the deck")
