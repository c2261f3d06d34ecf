"""Faults on Microsoft Graph: 401 (one refresh), 410 (one full re-read), 429 and 503
(Retry-After honoured, bounded), a dropped connection; and a pass that fails half-way
keeps exactly the steps that completed. Nothing is ever sent."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

import pytest

from backend_conformance import ASK, LATER, REPLY, TZ, read_all
from followthrough.errors import BackendError
from integration import scenario as sc
from integration.fake_graph import FakeGraph
from integration.graph_support import GraphWorkspace, InjectedTokens, Sleeps, graph_account
from integration.test_exchange_faults import changed_tables, ledger_rows
from workspace import fixed_clock

NOW = datetime(2025, 3, 20, 12, tzinfo=TZ)


@pytest.fixture
def fake() -> FakeGraph:
    return FakeGraph(user="ann@example.org")


def test_401_refreshes_the_token_once_and_carries_on(fake: FakeGraph) -> None:
    fake.add_message("sentitems", ASK)
    fake.tokens = {"token-2"}  # token-1 expired at the server
    tokens = InjectedTokens("token-1", "token-2")
    account = graph_account(fake, TZ, fixed_clock(NOW), tokens=tokens)
    records, _ = read_all(account.read_mail("sent", None, lambda s: None))
    assert [r.message_id for r in records] == ["ask-1@example.org"]
    assert tokens.refreshes == 1
    assert [r.headers["Authorization"] for r in fake.log] == ["Bearer token-1", "Bearer token-2"]


def test_401_after_the_refresh_fails_at_once_and_says_login(fake: FakeGraph) -> None:
    fake.tokens = set()  # the sign-in was revoked
    tokens = InjectedTokens("token-1", "token-2")
    account = graph_account(fake, TZ, fixed_clock(NOW), tokens=tokens)
    with pytest.raises(BackendError) as info:
        read_all(account.read_mail("sent", None, lambda s: None))
    assert info.value.transient is False
    assert "followthrough login" in info.value.message
    assert tokens.refreshes == 1 and fake.total_calls() == 2  # no retry storm


def test_expired_delta_link_means_one_full_reread_logged(
    fake: FakeGraph, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add_message("inbox", REPLY)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    _, cursor = read_all(account.read_mail("inbox", None, lambda s: None))
    fake.add_message("inbox", LATER)
    fake.expire_delta_tokens()
    with caplog.at_level(logging.WARNING):
        records, cursor2 = read_all(account.read_mail("inbox", cursor, lambda s: None))
    # Everything in the look-back again (the ledger ignores what it already has).
    assert sorted(r.message_id for r in records) == ["reply-1@example.com", "reply-2@example.com"]
    [warning] = [r for r in caplog.records if "expired" in r.getMessage()]
    assert "SyncStateNotFound" in warning.getMessage()
    statuses = [r.url.params.get("$filter", "") for r in fake.log[-2:]]
    assert statuses[0] == "" and statuses[1].startswith("receivedDateTime ge")
    again, _ = read_all(account.read_mail("inbox", cursor2, lambda s: None))
    assert again == []


@pytest.mark.parametrize("status", [429, 503])
def test_throttling_waits_for_retry_after_then_succeeds(fake: FakeGraph, status: int) -> None:
    fake.add_message("sentitems", ASK)
    fake.fail_next(status, {"Retry-After": "7"}, code="TooManyRequests", times=2)
    sleeps = Sleeps()
    account = graph_account(fake, TZ, fixed_clock(NOW), sleep=sleeps)
    records, _ = read_all(account.read_mail("sent", None, lambda s: None))
    assert [r.message_id for r in records] == ["ask-1@example.org"]
    assert sleeps.waits == [7.0, 7.0]
    assert fake.total_calls() == 3


def test_throttling_longer_than_max_wait_fails_the_pass_transiently(fake: FakeGraph) -> None:
    fake.add_message("sentitems", ASK)
    fake.fail_next(429, {"Retry-After": "50"}, times=10)
    sleeps = Sleeps()
    account = graph_account(fake, TZ, fixed_clock(NOW), sleep=sleeps, max_wait=120)
    with pytest.raises(BackendError) as info:
        read_all(account.read_mail("sent", None, lambda s: None))
    assert info.value.transient is True
    assert "throttling" in info.value.message and "max_wait" in info.value.message
    assert sleeps.waits == [50.0, 50.0]  # a third wait would pass 120 s
    assert fake.total_calls() == 3


def test_throttling_retries_are_bounded_even_with_short_waits(fake: FakeGraph) -> None:
    fake.fail_next(503, {"Retry-After": "0"}, times=50)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    with pytest.raises(BackendError, match="throttling or busy"):
        read_all(account.read_mail("sent", None, lambda s: None))
    assert fake.total_calls() == 5


def test_dropped_connection_is_transient_and_stores_no_cursor(
    fake: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(150):
        fake.add_message("sentitems", ASK.replace(b"ask-1@", f"ask-{n}@".encode()))
    original = fake.handle

    def drop_second_page(request):  # type: ignore[no-untyped-def]
        if "$skiptoken" in str(request.url):
            fake.drop_next()  # the first page arrived; the connection drops on the second
        return original(request)

    monkeypatch.setattr(fake, "handle", drop_second_page)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    batch = account.read_mail("sent", None, lambda s: None)
    with pytest.raises(BackendError) as info:
        list(batch.records)
    assert info.value.transient is True
    assert "connection to Microsoft Graph failed" in info.value.message
    with pytest.raises(RuntimeError):
        batch.cursor()  # no cursor to store: the pass records nothing of this folder
    assert fake.total_calls() == 2


# ---- a pass that fails half-way, through the CLI ------------------------------------------


def cursor_of(ws: GraphWorkspace, folder: str) -> str | None:
    value = dict(ledger_rows(ws)["cursors"]).get(f"microsoft:{folder}")  # type: ignore[arg-type]
    return None if value is None else str(value)


def test_connection_dropped_at_the_inbox_keeps_calendar_and_sent_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeGraph(user="alex@example.org")
    ws = GraphWorkspace(tmp_path, fake, monkeypatch)

    original = fake.handle

    def drop_inbox(request):  # type: ignore[no-untyped-def]
        if "/mailFolders/inbox/" in request.url.path and fake.calls_dropped < 1:
            fake.calls_dropped += 1
            fake.drop_next()
        return original(request)

    fake.calls_dropped = 0  # type: ignore[attr-defined]
    monkeypatch.setattr(fake, "handle", drop_inbox)
    code, out = ws.run("scan", now=sc.T1)
    assert code == BackendError.exit_code, out
    rows = ledger_rows(ws)  # type: ignore[arg-type]
    assert {r[2] for r in rows["asks"]} == sc.EXPECTED_ASKS
    assert cursor_of(ws, "calendar") is not None and cursor_of(ws, "sent") is not None
    assert cursor_of(ws, "inbox") is None
    assert rows["followups"] == [] and fake.in_folder("drafts") == []
    assert [r[2] for r in rows["passes"]] == ["failed"]

    out = ws.cli("scan", now=sc.T1)
    assert "0 new asks" in out and "1 drafts written" in out
    after = ledger_rows(ws)  # type: ignore[arg-type]
    assert changed_tables(rows, after) <= {
        "cursors",
        "passes",
        "followups",
        "ask_events",
        "thread",
        "draft_texts",  # the text of the draft written, to recognise its sent copy
    }
    assert after["asks"] == rows["asks"]
    again = ws.cli("scan", now=sc.T1)
    assert "0 new asks" in again and "0 drafts written" in again
    assert fake.refused == []
    assert json.loads(ws.cli("drafts", "--json"))[0]["state"] == "drafted"


def test_expired_calendar_delta_link_reads_the_window_once(fake: FakeGraph) -> None:
    from backend_conformance import CALENDAR, WINDOW
    from integration.graph_support import add_calendar

    add_calendar(fake, "calendar.ics", CALENDAR, TZ)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    first, cursor = read_all(account.read_calendar(WINDOW, None, lambda s: None))
    fake.expire_delta_tokens()
    before = fake.total_calls()
    again, _ = read_all(account.read_calendar(WINDOW, cursor, lambda s: None))
    assert sorted((r.uid, r.start) for r in again) == sorted((r.uid, r.start) for r in first)
    assert fake.total_calls() - before == 2  # the 410, then one full read of the window
