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


@pytest.mark.parametrize("version", [4, 5, 6])
def test_a_followup_recorded_before_migration_7_survives_it(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        db.executescript(step)
    at = "2026-11-02T10:00:00+01:00"
    db.execute(
        "INSERT INTO asks(id, source_kind, source_key, what, helpers, asked_at, state, state_at)"
        " VALUES ('abcde', 'mail', 'm1@x', 'review the deck', '[]', ?, 'open', ?)",
        (at, at),
    )
    db.execute(
        "INSERT INTO followups(id, ask_id, kind, seq, due_at, state, message_id, recipients, "
        "subject, created_at, updated_at) VALUES ('abcde-nudge', 'abcde', 'nudge', 1, ?, "
        "'drafted', 'd1@x', '[\"bob@x\"]', 'Re: deck', ?, ?)",
        (at, at, at),
    )
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 7
    [followup] = ledger.followups("abcde")
    assert (followup.id, followup.state, followup.message_id) == ("abcde-nudge", "drafted", "d1@x")
    assert ledger.draft_text("abcde-nudge") is None  # drafted before texts were kept
    with ledger.transaction():
        ledger.record_draft_text("abcde-nudge", "Hi Bob")
    assert ledger.draft_text("abcde-nudge") == "Hi Bob"
