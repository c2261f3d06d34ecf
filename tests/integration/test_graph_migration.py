"""Moving from the Exchange (EWS) backend to Microsoft 365 (Graph) keeps the ledger.

The user ran followthrough on EWS; the tenant turns EWS off, so they switch
``backend = "exchange"`` to ``backend = "microsoft"`` and keep the state directory.
Asks are matched by Internet Message-ID and iCalendar UID (never by a backend's item
ids), so the first Graph pass finds nothing new; the drafts EWS wrote are still tracked
(their EWS ids are translated with translateExchangeIds) and never written twice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.utils import format_datetime, formataddr
from pathlib import Path

import pytest

from draft_ids import followup_of as followup_of_draft
from followthrough.backends.graph.drafts import ASK_PROP
from integration import scenario as sc
from integration.ews_support import ExchangeWorkspace
from integration.fake_ews import ASK_URI, FakeEws
from integration.fake_graph import FakeGraph
from integration.graph_support import InjectedTokens, add_calendar, config_text, plug_in

pytestmark = pytest.mark.external_service


@pytest.fixture
def ews() -> Iterator[FakeEws]:
    with FakeEws(user="alex@example.org") as server:
        yield server


def copy_mailbox(ews: FakeEws, graph: FakeGraph) -> None:
    """The same Exchange Online mailbox, seen through Graph: Sent Items, the calendar,
    and the drafts EWS saved (same Message-ID, category and X-Followthrough-Ask)."""
    for m in sc.sent_at_start():
        graph.add_message("sentitems", m.raw, flagged=m.flagged)
    for name, text in sc.calendar().items():
        add_calendar(graph, name, text.encode(), sc.TZ)
    for item in ews.in_folder("drafts"):
        raw = (
            f"From: alex@example.org\nTo: {', '.join(formataddr(t) for t in item.to)}\n"
            f"Subject: {item.subject}\nDate: {format_datetime(item.received or sc.at(sc.T1))}\n"
            f"Message-ID: {item.message_id}\n"
            + (f"In-Reply-To: {item.in_reply_to}\n" if item.in_reply_to else "")
            + f"\n{item.text}"
        ).encode()
        saved = graph.add_message("drafts", raw)
        saved.categories = list(item.categories)
        if ASK_URI in item.ext:  # only with [templates].marker_headers on
            saved.ext[ASK_PROP] = item.ext[ASK_URI]
        graph.ews_ids[item.id] = saved.id  # what translateExchangeIds answers


def test_switching_from_ews_to_graph_keeps_asks_and_drafts(
    tmp_path: Path, ews: FakeEws, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = ExchangeWorkspace(tmp_path, ews)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(old.creds))
    old.cli("scan", now=sc.T1)
    asks_before = json.loads(old.cli("asks", "--json", "--all"))
    followups_before = json.loads(old.cli("drafts", "--json", "--all"))
    drafted = [f for f in followups_before if f["state"] == "drafted"]
    assert asks_before and drafted

    graph = FakeGraph(user="alex@example.org")
    copy_mailbox(ews, graph)
    plug_in(monkeypatch, graph, InjectedTokens())
    old.config.write_text(config_text(old.state))  # backend = "microsoft", same [state].dir

    out = old.cli("scan", now=sc.T1)
    assert "0 new asks" in out and "0 drafts written" in out
    assert json.loads(old.cli("asks", "--json", "--all")) == asks_before
    followups = json.loads(old.cli("drafts", "--json", "--all"))
    assert [(f["id"], f["state"]) for f in followups] == [
        (f["id"], f["state"]) for f in followups_before
    ]
    assert len(graph.in_folder("drafts")) == len(drafted)  # none written twice
    translated = [r for r in graph.log if r.url.path.endswith("/translateExchangeIds")]
    assert translated  # the EWS draft ids were looked up, not taken for deleted drafts

    # The week goes on, on Graph alone: replies arrive, the follow-ups move on.
    for m in sc.inbox_by_wednesday():
        graph.add_message("inbox", m.raw)
    for m in sc.sent_by_wednesday():
        graph.add_message("sentitems", m.raw)
    old.cli("scan", now=sc.T2)
    asks = {a["source"]["key"]: a for a in json.loads(old.cli("asks", "--json", "--all"))}
    assert asks["a3@example.org"]["state"] == "delivered"
    assert asks["a4@example.org"]["state"] == "declined"
    ledger = old.state / "ledger.sqlite3"
    found = [followup_of_draft(ledger, m.internet_id) for m in graph.in_folder("drafts")]
    drafts = {f[0] for f in found if f is not None}
    assert len(drafts) == len(found)
    assert drafts == sc.expected_ids(asks, sc.DRAFTS_AFTER[sc.T1] | sc.DRAFTS_AFTER[sc.T2])
    assert graph.refused == []
