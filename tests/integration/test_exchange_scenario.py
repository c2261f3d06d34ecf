"""The foundation scenario through `followthrough scan`, against the fake EWS endpoint.

The same data and the same expected asks and drafts as on local files
(tests/integration/test_scenario.py). Both runs are driven by one script and compared
at every step: the asks (ids, source keys, states, due dates, helpers) and the
follow-ups (ids, kinds, states, recipients, subjects) must be identical. On Exchange the
drafts are items in the Drafts folder; the user sends one by moving it to Sent Items
(what Outlook does) and deletes one by moving it to Deleted Items.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from integration import scenario as sc
from integration.ews_support import ExchangeWorkspace, add_calendar
from integration.fake_ews import FakeEws
from workspace import Workspace

pytestmark = pytest.mark.external_service

Snapshot = dict[str, Any]


def snapshot(box: Workspace, at: str) -> Snapshot:
    """Asks and follow-ups as the CLI reports them, plus the drafts in the mailbox."""
    followups = json.loads(box.cli("drafts", "--json", "--all"))
    for f in followups:
        f.pop("path")  # a file on local Maildir, None on Exchange
    return {
        "at": at,
        "asks": box.asks(),
        "followups": sorted(followups, key=lambda f: str(f["id"])),
        "drafts": sorted(box.draft_ids()),
    }


def run_scenario(box: Workspace) -> list[Snapshot]:
    """The foundation scenario, checked against DRAFTS_AFTER; a snapshot after each step."""
    shots: list[Snapshot] = []
    summary = box.cli("scan", now=sc.T1)
    assert "9 new asks" in summary
    asks = box.asks()
    assert set(asks) == sc.EXPECTED_ASKS
    assert asks["a2@example.org"]["due"] is None
    assert asks["a1@example.org"]["due"].startswith("2026-11-06")
    assert asks["a9@example.org"]["due"].startswith("2026-11-13")
    assert asks["a6@tests"]["due"].startswith("2026-11-20")
    assert asks["a6@tests"]["helpers"] == ["grace@example.org"]
    assert asks["a7@tests"]["helpers"] == ["heidi@example.org"]
    assert asks["a7@tests"]["state"] == "delivered"
    assert box.draft_ids() == sc.expected_ids(asks, sc.DRAFTS_AFTER[sc.T1])
    assert "0 drafts written" in box.cli("scan", now=sc.T1)
    box.cli("cancel", asks["a12@example.org"]["id"], now=sc.T1)
    shots.append(snapshot(box, sc.T1))

    sc.deliver_wednesday(box)
    box.cli("scan", now=sc.T2)
    asks = box.asks()
    assert asks["a3@example.org"]["state"] == "delivered"
    assert asks["a4@example.org"]["state"] == "declined"
    assert asks["a5@example.org"]["state"] == "delivered"
    assert asks["a9@example.org"]["state"] == "acknowledged"
    want = sc.DRAFTS_AFTER[sc.T1] | sc.DRAFTS_AFTER[sc.T2]
    assert box.draft_ids() == sc.expected_ids(asks, want)
    a3_thanks = f"{asks['a3@example.org']['id']}-thanks"
    a4_thanks = f"{asks['a4@example.org']['id']}-thanks"
    assert "onboarding checklist" in box.draft_text(a3_thanks)
    assert "considering" in box.draft_text(a4_thanks)
    again = box.cli("scan", now=sc.T2)
    assert "0 new asks" in again and "0 drafts written" in again
    assert box.draft_ids() == sc.expected_ids(asks, want)
    shots.append(snapshot(box, sc.T2))

    box.send_draft(a3_thanks)
    box.delete_draft(a4_thanks)
    box.cli("outcome", asks["a3@example.org"]["id"], "the new hires started smoothly", now=sc.T2)

    box.cli("scan", now=sc.T3)
    asks = box.asks()
    want = (want - sc.DRAFTS_AFTER[sc.T2]) | sc.DRAFTS_AFTER[sc.T3]
    assert box.draft_ids() == sc.expected_ids(asks, want)
    states = {d["id"]: d["state"] for d in json.loads(box.cli("drafts", "--json", "--all"))}
    assert states[a3_thanks] == "sent"
    assert states[a4_thanks] == "deleted"
    assert asks["a12@example.org"]["state"] == "cancelled"
    outcome = f"{asks['a3@example.org']['id']}-outcome"
    assert "the new hires started smoothly" in box.draft_text(outcome)
    again = box.cli("scan", now=sc.T3)
    assert "0 new asks" in again and "0 drafts written" in again
    shots.append(snapshot(box, sc.T3))

    box.cli("scan", now=sc.T4)
    want |= sc.DRAFTS_AFTER[sc.T4]
    assert box.draft_ids() == sc.expected_ids(asks, want)
    again = box.cli("scan", now=sc.T4)
    assert "0 new asks" in again and "0 drafts written" in again
    assert box.draft_ids() == sc.expected_ids(asks, want)
    shots.append(snapshot(box, sc.T4))
    return shots


@pytest.fixture
def fake() -> Iterator[FakeEws]:
    with FakeEws(user="alex@example.org") as server:
        yield server


def test_foundation_scenario_on_exchange_matches_local_files(
    tmp_path: Path, fake: FakeEws, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "local").mkdir()
    local = run_scenario(sc.local_scenario(tmp_path / "local"))

    box = ExchangeWorkspace(tmp_path / "ews", fake)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(box.creds))
    remote = run_scenario(box)

    for want, got in zip(local, remote, strict=True):
        assert got["asks"] == want["asks"], f"asks differ after {want['at']}"
        assert got["followups"] == want["followups"], f"follow-ups differ after {want['at']}"
        assert got["drafts"] == want["drafts"], f"drafts differ after {want['at']}"

    # Exchange specifics: replies threaded by Outlook, tagged, and nothing ever sent
    asks = remote[-1]["asks"]
    drafts = box.drafts()
    outcome = drafts[f"{asks['a3@example.org']['id']}-outcome"]
    [a3] = [i for i in fake.in_folder("sentitems") if i.message_id == "<a3@example.org>"]
    assert outcome.conversation == a3.conversation
    assert outcome.in_reply_to == "<a3@example.org>"
    assert outcome.to == [("Dave Evans", "dave@example.org")]
    assert fake.refused == []
    for body in fake.requests:
        assert b"SendOnly" not in body and b"SendAndSaveCopy" not in body


def test_calendar_items_carry_what_the_ics_said(fake: FakeEws) -> None:
    """The seeding itself: calendar items shaped as Exchange stores them."""
    for name, text in sc.calendar().items():
        add_calendar(fake, name, text.encode(), sc.TZ)
    by_uid = {i.uid: i for i in fake.in_folder("calendar")}
    assert set(by_uid) == {"a6@tests", "a7@tests", "standup@tests"}
    assert by_uid["a7@tests"].categories == ["Ask"]
    assert ("Grace Lee", "grace@example.org") in by_uid["a6@tests"].attendees
    assert "Outcome: I got the job" in by_uid["a7@tests"].text


def test_send_from_review_on_exchange_goes_over_smtp_and_files_in_sent_items(
    tmp_path: Path, fake: FakeEws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 1 on Exchange: the draft is handed back (its MIME), sent over the
    configured SMTP, filed in Sent Items as sent (never an EWS send), the draft removed."""
    from integration.smtp_sink import PASSWORD as SMTP_PASSWORD
    from integration.smtp_sink import USER as SMTP_USER
    from integration.smtp_sink import SmtpSink

    box = ExchangeWorkspace(tmp_path / "ews", fake)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(box.creds))
    sink = SmtpSink().start()
    try:
        box.config.write_text(box.config.read_text() + sink.config())
        (box.creds / f"smtp-{SMTP_USER}@127.0.0.1.password").write_text(SMTP_PASSWORD)
        box.cli("scan", now=sc.T1)
        fid = sorted(box.draft_ids())[0]
        draft = box.drafts()[fid]
        out = box.cli("send", fid, "--yes", now=sc.T1)
        assert f"sent {fid}" in out, out
        [received] = sink.received
        assert received.message["Message-ID"] == draft.message_id
        assert received.message["From"].addresses[0].addr_spec == "alex@example.org"
        assert fid not in box.draft_ids()
        [copy] = [i for i in fake.in_folder("sentitems") if i.message_id == draft.message_id]
        assert not copy.is_draft and copy.is_read
        assert fake.refused == []  # nothing was sent through EWS
        box.cli("scan", now=sc.T1)
        rows = {d["id"]: d for d in json.loads(box.cli("drafts", "--json", "--all", now=sc.T1))}
        assert rows[fid]["state"] == "sent"
    finally:
        sink.stop()
