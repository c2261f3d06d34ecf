"""The foundation scenario through `followthrough scan` with ``backend = "microsoft"``,
against the fake Graph: the same asks and follow-ups as on local files, step by step
(the script is the one the Exchange scenario runs). In Outlook the user sends a draft
(it moves to Sent Items, keeping its immutable id) or deletes it (to Deleted Items)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration import scenario as sc
from integration.fake_graph import FakeGraph
from integration.graph_support import GraphWorkspace
from integration.test_exchange_scenario import run_scenario


def test_foundation_scenario_on_microsoft_365_matches_local_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "local").mkdir()
    local = run_scenario(sc.local_scenario(tmp_path / "local"))

    fake = FakeGraph(user="alex@example.org")
    box = GraphWorkspace(tmp_path / "graph", fake, monkeypatch)
    remote = run_scenario(box)

    for want, got in zip(local, remote, strict=True):
        assert got["asks"] == want["asks"], f"asks differ after {want['at']}"
        assert got["followups"] == want["followups"], f"follow-ups differ after {want['at']}"
        assert got["drafts"] == want["drafts"], f"drafts differ after {want['at']}"

    # Graph specifics: replies threaded by Exchange, marked, and nothing ever sent
    asks = remote[-1]["asks"]
    drafts = box.drafts()
    outcome = drafts[f"{asks['a3@example.org']['id']}-outcome"]
    a3 = fake.by_internet_id("a3@example.org")
    assert outcome.conversation == a3.conversation
    assert outcome.in_reply_to == "<a3@example.org>"
    assert outcome.to == [("Dave Evans", "dave@example.org")]
    assert fake.refused == []
    assert all(
        r.method != "POST" or not r.url.path.endswith(("/send", "/sendMail")) for r in fake.log
    )


def test_a_scan_with_no_change_costs_one_request_per_folder_plus_one_per_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import Counter

    fake = FakeGraph(user="alex@example.org")
    box = GraphWorkspace(tmp_path, fake, monkeypatch)
    box.cli("scan", now=sc.T1)
    drafts = len(box.draft_ids())
    assert drafts >= 1
    seen = len(fake.log)
    out = box.cli("scan", now="2026-11-02T17:30")  # later the same day
    assert "0 new asks" in out and "0 drafts written" in out
    calls = Counter(f"{r.method} {r.url.path.split('/v1.0/me/')[1]}" for r in fake.log[seen:])
    deltas = {k: v for k, v in calls.items() if k.endswith("/delta")}
    assert deltas == {
        "GET mailFolders/sentitems/messages/delta": 1,
        "GET mailFolders/inbox/messages/delta": 1,
        "GET calendarView/delta": 1,
    }
    # besides: one look at each waiting draft (sent? deleted?), and where Deleted Items is
    assert sum(calls.values()) == 3 + drafts + 1, calls
