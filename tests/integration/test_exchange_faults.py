"""Faults and safety: endpoint down, 503 + Retry-After, ErrorServerBusy, 401; never send."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from backend_conformance import ASK, REPLY, TZ, read_all
from followthrough.backends.exchange.account import ExchangeAccount
from followthrough.backends.exchange.connect import connect
from followthrough.errors import BackendError
from integration import scenario as sc
from integration.ews_support import EwsHarness, ExchangeWorkspace, exchange_settings, prepare_state
from integration.fake_ews import ASK_URI, FakeEws
from workspace import fixed_clock

NOW = datetime(2025, 3, 20, 12, tzinfo=TZ)
pytestmark = pytest.mark.external_service


def test_wrong_password_fails_fast_without_retrying(
    fake: FakeEws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_state(fake, tmp_path / "state", tmp_path / "creds", password="wrong")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    account = EwsHarness(fake, tmp_path / "state", TZ, fixed_clock(NOW)).account()
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        list(account.read_mail("sent", None, lambda s: None).records)
    assert info.value.transient is False
    assert "wrong password" in info.value.message and "followthrough login" in info.value.message
    assert fake.total_calls() == 1  # no retry storm
    assert time.monotonic() - started < 5


def test_endpoint_down_is_transient_and_quick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeEws()  # not started: only its settings are used
    fake.server.server_close()
    with socket.socket() as s:
        # bound and never listening for the whole test: connections are refused, and no
        # server started meanwhile can take the port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/EWS/Exchange.asmx"
        settings = exchange_settings(fake, ews_url=url)
        (tmp_path / "creds").mkdir()
        (tmp_path / "creds" / f"{fake.user}.password").write_text("x")
        monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
        account = ExchangeAccount(
            connect(settings, tmp_path / "state", TZ),
            tz=TZ,
            lookback_days=60,
            clock=fixed_clock(NOW),
        )
        started = time.monotonic()
        with pytest.raises(BackendError) as info:
            list(account.read_mail("sent", None, lambda s: None).records)
    assert info.value.transient is True
    assert "unreachable" in info.value.message
    assert time.monotonic() - started < 10


def test_503_with_retry_after_is_retried(harness: EwsHarness, fake: FakeEws) -> None:
    harness.add_message("sent", ASK)
    fake.fail_next(503, headers={"Retry-After": "1"})
    started = time.monotonic()
    records, _ = read_all(harness.account().read_mail("sent", None, lambda s: None))
    assert [r.message_id for r in records] == ["ask-1@example.org"]
    assert fake.calls["SyncFolderItems"] == 2  # the refused one, then the retry
    assert time.monotonic() - started >= 0.9  # it waited as asked


def test_server_busy_backs_off_then_succeeds(harness: EwsHarness, fake: FakeEws) -> None:
    harness.add_message("inbox", REPLY)
    fake.fail_busy_next(back_off_ms=1000)
    started = time.monotonic()
    records, _ = read_all(harness.account().read_mail("inbox", None, lambda s: None))
    assert [r.message_id for r in records] == ["reply-1@example.com"]
    assert time.monotonic() - started >= 0.9


def test_server_busy_longer_than_max_wait_fails_the_pass_transiently(
    harness: EwsHarness, fake: FakeEws
) -> None:
    fake.fail_busy_next(back_off_ms=600_000)  # ten minutes; max_wait is 5 s
    started = time.monotonic()
    with pytest.raises(BackendError) as info:
        list(harness.account().read_mail("inbox", None, lambda s: None).records)
    assert info.value.transient is True
    assert "throttling" in info.value.message
    assert time.monotonic() - started < 5


def _draft(in_reply_to: str | None) -> EmailMessage:
    draft = EmailMessage()
    draft["From"] = "ann@example.org"
    draft["To"] = "Bob Helper <bob@example.com>"
    draft["Subject"] = "Re: Could you review the Q3 deck?"
    draft["Message-ID"] = "<thanks-1@followthrough.example.org>"
    if in_reply_to:
        draft["In-Reply-To"] = f"<{in_reply_to}>"
    draft["X-Followthrough-Ask"] = "a1b2c3"
    draft.set_content("Thank you, Bob!\n")
    return draft


def test_reply_draft_is_threaded_tagged_and_never_sent(harness: EwsHarness, fake: FakeEws) -> None:
    harness.add_message("sent", ASK)
    account = harness.account()
    ref = account.save_draft(_draft("ask-1@example.org"), None)
    [saved] = fake.in_folder("drafts")
    original = fake.in_folder("sentitems")[0]
    assert saved.id == ref and saved.is_draft
    assert saved.conversation == original.conversation  # threaded like any reply
    assert saved.in_reply_to == original.message_id
    assert saved.categories == ["followthrough"]
    assert saved.ext[ASK_URI] == "a1b2c3"
    assert saved.message_id == "<thanks-1@followthrough.example.org>"
    assert "Thank you, Bob!" in saved.text
    assert fake.calls["CreateItem"] == 1 and fake.calls["UpdateItem"] == 1
    assert account.find_draft("thanks-1@followthrough.example.org") == ref
    assert account.draft_state(ref) == "pending"
    # Outlook sends it: the item moves to Sent Items under a new id.
    sent = fake.move(ref, "sentitems")
    sent.is_draft = False
    assert account.draft_state(ref) == "gone"
    [record] = [
        r for r in account.read_mail("sent", None, lambda s: None).records if r.ref == sent.id
    ]
    assert record.message_id == "thanks-1@followthrough.example.org"
    assert record.ask_header == "a1b2c3"
    assert_never_sent(fake)


def test_new_draft_when_the_original_is_not_in_the_mailbox(
    harness: EwsHarness, fake: FakeEws
) -> None:
    account = harness.account()
    ref = account.save_draft(_draft("elsewhere@example.org"), None)
    [saved] = fake.in_folder("drafts")
    assert saved.id == ref
    assert saved.in_reply_to == "<elsewhere@example.org>"
    assert saved.categories == ["followthrough"] and saved.ext[ASK_URI] == "a1b2c3"
    assert fake.calls["CreateItem"] == 1 and fake.calls["UpdateItem"] == 0
    assert_never_sent(fake)


def assert_never_sent(fake: FakeEws) -> None:
    """No SendItem, and no CreateItem/UpdateItem that sends, ever reached the server."""
    assert fake.refused == []
    assert fake.calls["SendItem"] == 0
    for body in fake.requests:
        assert b"SendOnly" not in body and b"SendAndSaveCopy" not in body
        assert b"SendItem" not in body


# ---- a pass that fails half-way: the ledger keeps exactly the steps that completed ----


def ledger_rows(ws: ExchangeWorkspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the ledger, rows sorted; ``seq`` columns dropped."""
    db = sqlite3.connect(f"file:{ws.state / 'ledger.sqlite3'}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        ]
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            cursor = db.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n != "seq"]
            out[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        return out
    finally:
        db.close()


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> set[str]:
    return {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}


def asks_of(ws: ExchangeWorkspace) -> dict[str, dict[str, Any]]:
    return {r["source"]["key"]: r for r in json.loads(ws.cli("asks", "--json", "--all"))}


def cursor_of(ws: ExchangeWorkspace, folder: str) -> str | None:
    rows = dict(ledger_rows(ws)["cursors"])
    value = rows.get(f"exchange:{folder}")
    return None if value is None else str(value)


@pytest.fixture
def scenario_fake() -> Iterator[FakeEws]:
    with FakeEws(user="alex@example.org") as server:
        yield server


def test_endpoint_down_before_the_inbox_keeps_calendar_and_sent_only(
    tmp_path: Path, scenario_fake: FakeEws, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = scenario_fake
    ws = ExchangeWorkspace(tmp_path, fake, max_wait=1)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(ws.creds))
    fake.go_down_at("SyncFolderItems", "inbox", status=0)  # connection dropped, no answer
    code, _ = ws.run("scan", now=sc.T1)
    assert code == BackendError.exit_code
    rows = ledger_rows(ws)
    # The calendar and Sent steps committed: their asks and cursors are in the ledger.
    assert {r[2] for r in rows["asks"]} == sc.EXPECTED_ASKS
    assert cursor_of(ws, "calendar") is not None and cursor_of(ws, "sent") is not None
    # The inbox step did not: no cursor; nothing drafted; the pass is recorded as failed.
    assert cursor_of(ws, "inbox") is None
    assert rows["followups"] == [] and fake.in_folder("drafts") == []
    assert [r[2] for r in rows["passes"]] == ["failed"]

    fake.recover()
    out = ws.cli("scan", now=sc.T1)
    assert "0 new asks" in out and "1 drafts written" in out
    after = ledger_rows(ws)
    # what this pass added: the inbox cursor, the draft (its follow-up, event, thread entry)
    assert changed_tables(rows, after) <= {
        *("cursors", "passes", "followups", "ask_events", "thread", "draft_texts"),
    }
    assert after["asks"] == rows["asks"]  # nothing read twice, nothing doubled
    assert cursor_of(ws, "inbox") is not None
    asks = asks_of(ws)
    assert ws.draft_ids() == {f"{asks[k]['id']}-{kind}" for k, kind in sc.DRAFTS_AFTER[sc.T1]}
    again = ws.cli("scan", now=sc.T1)
    assert "0 new asks" in again and "0 drafts written" in again
    assert_never_sent(fake)


def _until_wednesday(ws: ExchangeWorkspace) -> None:
    """T1 scan, A12 cancelled, Wednesday's replies and the user's thanks delivered."""
    ws.cli("scan", now=sc.T1)
    [a12] = [
        r for r in json.loads(ws.cli("asks", "--json")) if r["source"]["key"] == "a12@example.org"
    ]
    ws.cli("cancel", a12["id"], now=sc.T1)
    sc.deliver_wednesday(ws)


def test_401_at_the_inbox_keeps_what_completed_and_the_next_pass_catches_up(
    tmp_path: Path, scenario_fake: FakeEws, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = scenario_fake
    ws = ExchangeWorkspace(tmp_path / "faulty", fake, max_wait=1)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(ws.creds))
    _until_wednesday(ws)
    before, states_before = ledger_rows(ws), asks_of(ws)
    inbox_cursor, sent_cursor = cursor_of(ws, "inbox"), cursor_of(ws, "sent")

    fake.go_down_at("SyncFolderItems", "inbox", status=401)  # the password stopped working
    started = fake.total_calls()
    code, _ = ws.run("scan", now=sc.T2)
    assert code == BackendError.exit_code
    assert fake.total_calls() - started <= 6  # calendar, Sent (sync + fetch), one 401: no storm
    failed = ledger_rows(ws)
    # Sent was read: its cursor moved, and the user's thanks to Frank (t5) joined A5's
    # thread through its Exchange conversation (on local files it waits as an orphan for
    # Frank's reply; Exchange already threads it with A5).
    assert cursor_of(ws, "sent") != sent_cursor
    # (contact_seen: when each recipient of Sent was last written to, for keeping in touch)
    assert changed_tables(before, failed) == {
        "cursors",
        "passes",
        "asks",
        "ask_events",
        "thread",
        "contact_seen",
    }
    new_events = set(failed["ask_events"]) - set(before["ask_events"])
    assert [(e[0], e[2], e[-1]) for e in new_events] == [
        (states_before["a5@example.org"]["id"], "thanked", "sent:t5@example.org")
    ]
    assert set(failed["thread"]) - set(before["thread"]) == {
        ("t5@example.org", states_before["a5@example.org"]["id"])
    }
    # The inbox was not read: same cursor, no reply recorded, no ask changed state,
    # nothing drafted.
    assert cursor_of(ws, "inbox") == inbox_cursor
    assert {k: a["state"] for k, a in asks_of(ws).items()} == {
        k: a["state"] for k, a in states_before.items()
    }
    assert failed["followups"] == before["followups"]
    assert failed["passes"][-1][2] == "failed"
    assert len(fake.in_folder("drafts")) == 1  # A7's outcome note from T1, nothing new

    fake.recover()
    ws.cli("scan", now=sc.T2)
    again = ws.cli("scan", now=sc.T2)
    assert "0 new asks" in again and "0 drafts written" in again

    # The same week without the fault: the ledger and the drafts come out identical.
    with FakeEws(user="alex@example.org") as clean_fake:
        clean = ExchangeWorkspace(tmp_path / "clean", clean_fake, max_wait=1)
        _until_wednesday(clean)
        clean.cli("scan", now=sc.T2)
        clean.cli("scan", now=sc.T2)
        want, got = ledger_rows(clean), ledger_rows(ws)
        for table in want.keys() - {"cursors", "passes", "followups"}:
            assert got[table] == want[table], f"{table} differs from a run without the fault"
        ref_column = 6  # followups.draft_ref: an Exchange item id, numbered per server
        assert [r[:ref_column] + r[ref_column + 1 :] for r in got["followups"]] == [
            r[:ref_column] + r[ref_column + 1 :] for r in want["followups"]
        ]
        assert ws.draft_ids() == clean.draft_ids()
    asks = asks_of(ws)
    assert asks["a3@example.org"]["state"] == "delivered"
    assert asks["a4@example.org"]["state"] == "declined"
    assert asks["a5@example.org"]["state"] == "delivered"
    assert asks["a9@example.org"]["state"] == "acknowledged"
    want_drafts = sc.DRAFTS_AFTER[sc.T1] | sc.DRAFTS_AFTER[sc.T2]
    assert ws.draft_ids() == {f"{asks[k]['id']}-{kind}" for k, kind in want_drafts}
    assert_never_sent(fake)
