"""Faults and safety: endpoint down, 503 + Retry-After, ErrorServerBusy, 401; never send."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from backend_conformance import ASK, REPLY, TZ, read_all
from followthrough.backends.exchange import ExchangeAccount, connect
from followthrough.errors import BackendError
from integration.ews_support import EwsHarness, exchange_settings, fixed_clock, prepare_state
from integration.fake_ews import ASK_URI, FakeEws

NOW = datetime(2025, 3, 20, 12, tzinfo=TZ)
pytestmark = pytest.mark.external_service


@pytest.fixture
def fake() -> Iterator[FakeEws]:
    with FakeEws() as server:
        yield server


@pytest.fixture
def harness(fake: FakeEws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EwsHarness:
    prepare_state(fake, tmp_path / "state", tmp_path / "creds")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    return EwsHarness(fake, tmp_path / "state", TZ, fixed_clock(NOW))


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
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    fake = FakeEws()  # not started: only its settings are used
    fake.server.server_close()
    url = f"http://127.0.0.1:{port}/EWS/Exchange.asmx"
    settings = exchange_settings(fake, ews_url=url)
    (tmp_path / "creds").mkdir()
    (tmp_path / "creds" / f"{fake.user}.password").write_text("x")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    account = ExchangeAccount(
        connect(settings, tmp_path / "state", TZ), tz=TZ, lookback_days=60, clock=fixed_clock(NOW)
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
