"""The foundation scenario on local files, driven through the CLI at several --now times."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from integration import scenario as sc
from integration.scenario import LocalWorkspace


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    return sc.local_scenario(tmp_path)


def test_foundation_scenario(ws: LocalWorkspace) -> None:
    # T1, Monday evening: asks found, the calendar ask with an outcome gets its note
    summary = ws.cli("scan", now=sc.T1)
    assert "9 new asks" in summary
    asks = ws.asks()
    assert set(asks) == sc.EXPECTED_ASKS
    assert asks["a2@example.org"]["due"] is None
    assert asks["a1@example.org"]["due"].startswith("2026-11-06")
    assert asks["a9@example.org"]["due"].startswith("2026-11-13")
    assert asks["a6@tests"]["due"].startswith("2026-11-20")
    assert asks["a6@tests"]["helpers"] == ["grace@example.org"]
    assert asks["a7@tests"]["helpers"] == ["heidi@example.org"]
    assert asks["a7@tests"]["state"] == "delivered"
    assert asks["a1@example.org"]["source"] == {"kind": "mail", "key": "a1@example.org"}
    assert set(ws.draft_files()) == sc.expected_ids(asks, sc.DRAFTS_AFTER[sc.T1])
    ws.cli("cancel", asks["a12@example.org"]["id"], now=sc.T1)

    # replies arrive; the user thanks Frank themselves
    ws.deliver(ws.inbox, sc.inbox_by_wednesday())
    ws.deliver(ws.sent, sc.sent_by_wednesday())

    # T2, Wednesday: delivered -> thanks; declined -> thanks; already thanked -> none
    ws.cli("scan", now=sc.T2)
    asks = ws.asks()
    assert asks["a3@example.org"]["state"] == "delivered"
    assert asks["a4@example.org"]["state"] == "declined"
    assert asks["a5@example.org"]["state"] == "delivered"
    assert asks["a9@example.org"]["state"] == "acknowledged"
    want = sc.DRAFTS_AFTER[sc.T1] | sc.DRAFTS_AFTER[sc.T2]
    assert set(ws.draft_files()) == sc.expected_ids(asks, want)
    thanks = ws.draft_files()[f"{asks['a3@example.org']['id']}-thanks"]
    assert thanks["In-Reply-To"] == "<a3@example.org>"
    assert thanks["To"].addresses[0].addr_spec == "dave@example.org"
    # nothing in the draft tells the recipient a tool wrote it
    assert not [k for k in thanks if k.lower().startswith("x-")]
    assert "followthrough" not in str(thanks["Message-ID"]).lower()
    assert "onboarding checklist" in thanks.get_content()
    declined = ws.draft_files()[f"{asks['a4@example.org']['id']}-thanks"]
    assert "considering" in declined.get_content()

    # running the same scan again changes nothing
    before = {p.name for p in (ws.drafts / "cur").iterdir()}
    again = ws.cli("scan", now=sc.T2)
    assert "0 drafts written" in again
    assert {p.name for p in (ws.drafts / "cur").iterdir()} == before

    # the user sends Dave's thank-you as is, deletes Erin's, records A3's outcome
    drafts = json.loads(ws.cli("drafts", "--json"))
    by_id = {d["id"]: d for d in drafts}
    a3_thanks = by_id[f"{asks['a3@example.org']['id']}-thanks"]
    a4_thanks = by_id[f"{asks['a4@example.org']['id']}-thanks"]
    assert Path(a3_thanks["path"]).is_file()
    shutil.move(a3_thanks["path"], ws.sent / "cur" / "sent-thanks:2,S")
    Path(a4_thanks["path"]).unlink()
    ws.cli(
        "outcome",
        asks["a3@example.org"]["id"],
        "the",
        "new",
        "hires",
        "started",
        "smoothly",
        now=sc.T2,
    )

    # T3, the next Monday: nudge past due, check-ins, the outcome note; no redraft for Erin
    ws.cli("scan", now=sc.T3)
    asks = ws.asks()
    want = (want - sc.DRAFTS_AFTER[sc.T2]) | sc.DRAFTS_AFTER[sc.T3]
    assert set(ws.draft_files()) == sc.expected_ids(asks, want)
    all_followups = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert all_followups[a3_thanks["id"]]["state"] == "sent"
    assert all_followups[a4_thanks["id"]]["state"] == "deleted"
    assert asks["a12@example.org"]["state"] == "cancelled"
    outcome = ws.draft_files()[f"{asks['a3@example.org']['id']}-outcome"]
    assert "the new hires started smoothly" in outcome.get_content()

    # T4: the calendar ask's half-way check-in
    ws.cli("scan", now=sc.T4)
    want |= sc.DRAFTS_AFTER[sc.T4]
    assert set(ws.draft_files()) == sc.expected_ids(asks, want)
    assert "0 drafts written" in ws.cli("scan", now=sc.T4)

    # show explains the timeline and what comes next
    shown = ws.cli("show", asks["a1@example.org"]["id"], now=sc.T4)
    assert "Could you review the Q3 deck by Friday?" in shown
    assert "waiting for you" in shown
    shown = ws.cli("show", asks["a4@example.org"]["id"], now=sc.T4)
    assert "declined" in shown and "Sorry, I can't" in shown


def test_bad_items_are_reported_and_the_rest_is_kept(ws: LocalWorkspace) -> None:
    (ws.root / "calendar" / "broken.ics").write_text("BEGIN:VCALENDAR\r\nthis is not ics\r\n")
    (ws.sent / "cur" / "empty:2,S").write_bytes(b"")
    out = ws.cli("scan", now=sc.T1)
    assert "9 new asks" in out
    assert "broken.ics" in out
    assert "empty" in out
    assert "2 bad items skipped" in out
