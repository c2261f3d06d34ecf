"""The Exchange backend against a fake EWS endpoint on 127.0.0.1 (real HTTP, real SOAP)."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend_conformance import ASK, REPLY, TZ, BackendConformance, read_all
from integration.ews_support import EwsHarness
from integration.fake_ews import FakeEws

NOW = datetime(2025, 3, 20, 12, tzinfo=TZ)

pytestmark = pytest.mark.external_service


class TestExchangeBackend(BackendConformance):
    pass


def test_records_carry_conversation_and_item_id(harness: EwsHarness, fake: FakeEws) -> None:
    harness.add_message("sent", ASK)
    harness.add_message("inbox", REPLY)
    account = harness.account()
    [ask], _ = read_all(account.read_mail("sent", None, lambda s: None))
    [reply], _ = read_all(account.read_mail("inbox", None, lambda s: None))
    assert ask.ref == fake.in_folder("sentitems")[0].id
    assert ask.conversation and ask.conversation == reply.conversation


def test_a_draft_can_be_withdrawn_to_deleted_items(harness: EwsHarness, fake: FakeEws) -> None:
    """A no-longer-needed check-in is moved to Deleted Items; nothing is ever sent."""
    from email.message import EmailMessage

    account = harness.account()
    draft = EmailMessage()
    draft["From"] = "ann@example.org"
    draft["To"] = "bob@example.com"
    draft["Subject"] = "Checking in"
    draft["Message-ID"] = "<stale@followthrough.invalid>"
    draft.set_content("How is it going?\n")
    ref = account.save_draft(draft, None)
    assert account.draft_state(ref) == "pending"
    assert account.delete_draft(ref) is True
    assert account.draft_state(ref) == "gone"
    assert account.delete_draft(ref) is False
    assert [i.subject for i in fake.in_folder("deleteditems")] == ["Checking in"]
    assert fake.refused == []
