from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.errors import LedgerError, UsageError
from followthrough.ledger import Ledger
from followthrough.ledger.migrations import MIGRATIONS
from followthrough.ledger.rows import make_ask_id
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


# What a followthrough at schema version v wrote, in the columns version v had. The table
# a step introduced gets its rows from that version on (1: asks, events, thread, follow-ups,
# cursors, passes; 2: orphans; 3: approvals, incoming; 4: asks.question_at).
AT = "2026-11-02T10:00:00+01:00"
LATER = "2026-11-04T16:00:00+01:00"


def build_ledger_at(path: Path, version: int) -> None:
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        db.executescript(step)
    if version >= 1:
        db.execute(
            "INSERT INTO asks(id, source_kind, source_key, what, subject, helpers, asked_at,"
            " due, due_phrase, state, status, thread_root, praise, last_helper_at, state_at)"
            " VALUES ('abcde', 'mail', 'm1@x', 'review the deck', 'Q3 deck',"
            ' \'[{"email": "bob@example.org", "name": "Bob"}]\', ?, ?, \'by Friday\','
            " 'acknowledged', 'tracked', 'm1@x', 1, ?, ?)",
            (AT, "2026-11-06T17:00:00+01:00", LATER, LATER),
        )
        db.executemany(
            "INSERT INTO ask_events(ask_id, at, kind, detail, rule, evidence, source)"
            " VALUES ('abcde', ?, ?, ?, ?, ?, ?)",
            [
                (AT, "asked", "review the deck", "modal-you", "Could you…", "sent:m1@x"),
                (LATER, "state:acknowledged", "", "reply", "Sure", "inbox:r1@y"),
            ],
        )
        db.executemany(
            "INSERT INTO thread(message_id, ask_id) VALUES (?, 'abcde')", [("m1@x",), ("r1@y",)]
        )
        db.execute(
            "INSERT INTO followups(id, ask_id, kind, seq, due_at, state, draft_ref, message_id,"
            " recipients, subject, created_at, updated_at) VALUES ('abcde-checkin', 'abcde',"
            " 'checkin', 1, ?, 'drafted', 'ref-1', 'd1@followthrough.invalid',"
            " '[\"bob@example.org\"]', 'Re: Q3 deck', ?, ?)",
            (LATER, LATER, LATER),
        )
        db.execute("INSERT INTO cursors(stream, cursor) VALUES ('local:sent', 'c-41')")
        db.execute(
            "INSERT INTO passes(started, finished, result, summary)"
            " VALUES (?, ?, 'ok', '{\"asks\": 1}')",
            (AT, AT),
        )
    if version >= 2:
        db.execute(
            "INSERT INTO orphans(message_id, parent, at, thanks)"
            " VALUES ('u1@x', 'p1@y', ?, 'thanks')",
            (AT,),
        )
    if version >= 3:
        db.execute(
            "INSERT INTO approvals(followup_id, approved_at, how, sha256)"
            " VALUES ('abcde-checkin', ?, 'review', 'f00d')",
            (LATER,),
        )
        db.execute(
            "INSERT INTO incoming(message_id, sender, sender_name, subject, what, asked_at)"
            " VALUES ('in1@z', 'carol@example.org', 'Carol', 'Help?', 'send the form', ?)",
            (AT,),
        )
    if version >= 4:
        db.execute("UPDATE asks SET question_at = ? WHERE id = 'abcde'", (LATER,))
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()


@pytest.mark.parametrize("version", range(len(MIGRATIONS) + 1))
def test_migrates_from_every_older_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / f"v{version}.db"
    build_ledger_at(path, version)
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS)
    assert ledger.integrity_ok()
    if version >= 1:
        ask = ledger.get_ask("abcde")
        assert (ask.what, ask.subject, ask.state, ask.status, ask.due_phrase) == (
            "review the deck",
            "Q3 deck",
            "acknowledged",
            "tracked",
            "by Friday",
        )
        assert ask.helpers == (Address("bob@example.org", "Bob"),)
        assert ask.asked_at == datetime.fromisoformat(AT)
        assert ask.praise and ask.last_helper_at == datetime.fromisoformat(LATER)
        assert ask.question_at == (datetime.fromisoformat(LATER) if version >= 4 else None)
        assert [(e.kind, e.source) for e in ledger.events("abcde")] == [
            ("asked", "sent:m1@x"),
            ("state:acknowledged", "inbox:r1@y"),
        ]
        assert ledger.ask_for_thread(["r1@y"]) == "abcde"
        [followup] = ledger.followups("abcde")
        assert (followup.id, followup.state, followup.draft_ref) == (
            "abcde-checkin",
            "drafted",
            "ref-1",
        )
        assert ledger.cursor("local:sent") == "c-41"
        last = ledger.last_pass()
        assert last is not None and (last["result"], last["asks"]) == ("ok", 1)
    if version >= 2:
        with ledger.transaction():
            [(message_id, _, thanks)] = ledger.adopt_orphans("p1@y")
        assert (message_id, thanks) == ("u1@x", "thanks")
    if version >= 3:
        approval = ledger.approval("abcde-checkin")
        assert approval is not None and approval.sha256 == "f00d"
        assert [i.what for i in ledger.incoming()] == ["send the form"]
    # the migrated ledger takes new data, and reopening it changes nothing
    ask_id = record(ledger, "m2@x")
    ledger.close()
    reopened = Ledger(path)
    assert reopened.schema_version == len(MIGRATIONS)
    assert reopened.get_ask(ask_id).what == "review the deck"
    assert len(reopened.asks(status=None)) == (2 if version >= 1 else 1)


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


def test_migration_10_keeps_data_of_a_version_4_ledger(tmp_path: Path) -> None:
    """Placeholders 5-9 (other issues fill them) and 10 (bad items reported once)."""
    path = tmp_path / "v4.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:4]:
        db.executescript(step)
    db.execute(
        "INSERT INTO asks(id, source_kind, source_key, what, helpers, asked_at, state, state_at)"
        " VALUES ('abcde', 'mail', 'm1@x', 'review the deck', '[]', ?, 'open', ?)",
        ("2026-11-02T10:00:00+01:00", "2026-11-02T10:00:00+01:00"),
    )
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 10
    assert ledger.get_ask("abcde").what == "review the deck"
    now = datetime(2026, 11, 3, 9, tzinfo=UTC)
    with ledger.transaction():
        assert ledger.record_skipped("cal.ics", "names no helper", now) is True
        assert ledger.record_skipped("cal.ics", "names no helper", now) is False
    [(source, why, first, last)] = ledger.skipped_items()
    assert (source, why, first, last) == ("cal.ics", "names no helper", now, now)


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


def test_migration_11_remakes_the_phrases_an_older_phrase_model_made(tmp_path: Path) -> None:
    """A version-10 ledger holds phrases made by an older phrase model: on opening, mail
    asks get theirs made again from the sentence their "asked" event kept; a calendar
    ask's phrase (made with the entry's description, which the ledger does not keep) is
    left for the pass to remake when it reads the entry."""
    path = tmp_path / "v10.db"
    db = sqlite3.connect(path)
    for step in MIGRATIONS[:10]:
        db.executescript(step)
    helpers = '[{"email": "jeff@x.org", "name": "Jeff Dean"}]'
    old = ("action", "forward to Jeff", "forwarding to Jeff", "forwarding to Jeff")
    for ask_id, kind, sentence in (
        ("abcde", "mail", "Please forward to Kim."),
        ("fghij", "calendar", "1:1 with Jeff #ask"),
    ):
        db.execute(
            "INSERT INTO asks(id, source_kind, source_key, what, helpers, asked_at, state,"
            " state_at, phrase_kind, phrase_base, phrase_gerund, phrase_topic, phrase_sentence)"
            " VALUES (?, ?, ?, 'forward it', ?, ?, 'open', ?, ?, ?, ?, ?, ?)",
            (ask_id, kind, ask_id, helpers, AT, AT, *old, sentence),
        )
        db.execute(
            "INSERT INTO ask_events(ask_id, at, kind, detail, evidence)"
            " VALUES (?, ?, 'asked', '', ?)",
            (ask_id, AT, sentence),
        )
    db.execute("PRAGMA user_version = 10")
    db.commit()
    db.close()

    ledger = Ledger(path)
    assert ledger.schema_version == len(MIGRATIONS) >= 11
    mail = ledger.get_ask("abcde")
    assert mail.phrase is not None
    assert (mail.phrase.gerund, mail.phrase.sentence) == (
        "forwarding it to Kim",
        "Please forward to Kim.",
    )
    assert (mail.what, mail.state) == ("forward it", "open")
    calendar = ledger.get_ask("fghij")
    assert calendar.phrase is not None and calendar.phrase.gerund == "forwarding to Jeff"
    ledger.close()
    again = Ledger(path)  # made once: reopening changes nothing
    assert again.get_ask("abcde").phrase == mail.phrase
    count = again.db.execute("SELECT count(*) FROM asks WHERE phrase_model < 2").fetchone()[0]
    assert count == 1  # the calendar ask, until its entry is read again


def test_a_phrase_recorded_now_is_marked_with_the_current_phrase_model(tmp_path: Path) -> None:
    from followthrough.detect.phrase import PHRASE_MODEL

    ledger = Ledger(tmp_path / "l.db")
    ask_id = record(ledger)
    row = ledger.db.execute("SELECT phrase_model FROM asks WHERE id = ?", (ask_id,)).fetchone()
    assert row[0] == PHRASE_MODEL


def test_asks_written_counts_writes_to_the_asks_alone(tmp_path: Path) -> None:
    """The subject index's cache key: it moves when an ask is recorded or changes state,
    not when a pass records its progress (once per message), and starts again at each
    opening (TEMP triggers: the file's schema is not touched)."""
    ledger = Ledger(tmp_path / "l.db")
    assert ledger.asks_written == 0
    ask_id = record(ledger)
    after_record = ledger.asks_written
    assert after_record >= 1
    before = ledger.changes
    with ledger.transaction():
        ledger.record_cursor("sent", "42")
    assert ledger.changes > before and ledger.asks_written == after_record
    with ledger.transaction():
        assert ledger.record_state(ask_id, "acknowledged", T0 + timedelta(hours=1), rule="test")
    assert ledger.asks_written > after_record
    ledger.close()
    reopened = Ledger(tmp_path / "l.db")
    assert reopened.asks_written == 0
    names = {r[0] for r in reopened.db.execute("SELECT name FROM sqlite_master")}
    assert not any(n.startswith("ft_ask_") for n in names)
