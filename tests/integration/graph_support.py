"""Shared set-up for the Microsoft 365 (Graph) tests and bench/graph_requests.py: the
fake Graph, tokens injected through the token-provider seam, the conformance harness and
the foundation scenario's workspace on ``backend = "microsoft"``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.graph import account as graph
from followthrough.backends.graph import auth as graphauth
from followthrough.backends.graph.account import GraphAccount
from followthrough.backends.graph.http import GraphClient
from followthrough.backends.ics.parse import parse_calendar
from followthrough.model import Window
from integration import scenario as sc
from integration.fake_graph import ASK_PROP, Event, FakeGraph, Msg
from workspace import FakeServerHarness, FakeServerWorkspace, fixed_clock
from workspace import measure_requests as measure

CLIENT_ID = "1b2c3d4e-0000-4000-8000-123456789abc"


class InjectedTokens:
    """The token-provider seam in tests: hands out ``tokens`` in turn, one more on each
    refresh (what MSAL does with its refresh token)."""

    def __init__(self, *tokens: str) -> None:
        self.tokens = list(tokens or ("token-1",))
        self.refreshes = 0

    def token(self, *, refresh: bool = False) -> str:
        if refresh:
            self.refreshes += 1
            if len(self.tokens) > 1:
                self.tokens.pop(0)
        return self.tokens[0]


class Sleeps:
    """Stands in for time.sleep: records what the backend waited."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def graph_account(
    fake: FakeGraph,
    tz: ZoneInfo,
    clock: Callable[[], datetime],
    *,
    lookback_days: int = 60,
    tokens: InjectedTokens | None = None,
    sleep: Sleeps | None = None,
    max_wait: float = 120,
) -> GraphAccount:
    client = GraphClient(
        tokens or InjectedTokens(),
        http=fake.client(),
        sleep=sleep or Sleeps(),
        max_wait=max_wait,
    )
    return GraphAccount(client, email=fake.user, tz=tz, lookback_days=lookback_days, clock=clock)


def add_calendar(fake: FakeGraph, name: str, ics: bytes, tz: ZoneInfo) -> None:
    """Replace calendar object ``name`` by events as Exchange Online stores them: a
    series master plus occurrences (whose own iCalUId differs per occurrence) for a
    recurring entry, a single instance otherwise."""
    for e in [e for e in fake.events.values() if e.source == name]:
        fake.delete_event(e.id)
    wide = Window(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    masters: dict[str, Event] = {}
    for record in parse_calendar(ics, window=wide, tz=tz, source=name, skip=lambda s: None):
        common: dict[str, Any] = {
            "subject": record.summary,
            "text": record.description,
            "all_day": record.all_day,
            "categories": [c.title() for c in sorted(record.categories)],
            "organizer": (record.organizer.name, record.organizer.email)
            if record.organizer
            else None,
            "attendees": [(a.name, a.email) for a in record.attendees],
            "source": name,
        }
        if record.recurrence_id is None:
            fake.add_event(
                Event(
                    id=fake.new_id("AAMkAGI2TG93AAA"),
                    ical_uid=record.uid,
                    kind="singleInstance",
                    start=record.start,
                    end=record.end,
                    **common,
                )
            )
            continue
        master = masters.get(record.uid)
        if master is None:
            master = fake.add_event(
                Event(
                    id=fake.new_id("AAMkAGI2TG93AAA"),
                    ical_uid=record.uid,
                    kind="seriesMaster",
                    start=record.start,
                    end=record.end,
                    **common,
                )
            )
            masters[record.uid] = master
        own = hashlib.sha256(f"{record.uid}{record.recurrence_id}".encode()).hexdigest()[:40]
        fake.add_event(
            Event(
                id=fake.new_id("AAMkAGI2TG93AAA"),
                ical_uid="040000008200E00074C5B7101A82E008" + own.upper(),
                kind="occurrence",
                start=record.start,
                end=record.end,
                master=master.id,
                original_start=record.recurrence_id,
                **common,
            )
        )


class GraphHarness(FakeServerHarness):
    """The conformance harness (tests/backend_conformance.py) over the fake Graph."""

    def __init__(
        self, fake: FakeGraph, tz: ZoneInfo, clock: Callable[[], datetime], lookback: int = 60
    ) -> None:
        self.fake = fake
        self.tz = tz
        self.clock = clock
        self.lookback = lookback

    def add_calendar(self, name: str, ics: bytes) -> None:
        add_calendar(self.fake, name, ics, self.tz)

    def account(self) -> GraphAccount:
        return graph_account(self.fake, self.tz, self.clock, lookback_days=self.lookback)


def measure_requests(fake: FakeGraph, now: datetime) -> dict[str, int]:
    """Graph requests for: the first sync of 1,000 sent items; a pass with no change
    (sent, inbox, calendar); a pass with 10 new inbox messages."""
    return measure(
        fake,
        lambda: graph_account(fake, ZoneInfo("UTC"), fixed_clock(now)),
        now,
        "pass with no change (sent, inbox, calendar)",
    )


def config_text(state: Path, extra: str = "") -> str:
    return (
        '[user]\nemail = "alex@example.org"\nname = "Alex Morgan"\n'
        'timezone = "Europe/Berlin"\n[account]\nbackend = "microsoft"\n'
        f'[microsoft]\nclient_id = "{CLIENT_ID}"\ntenant = "example.org"\n{extra}'
        f'[state]\ndir = "{state}"\n'
    )


def plug_in(monkeypatch: pytest.MonkeyPatch, fake: FakeGraph, tokens: InjectedTokens) -> None:
    """Point `followthrough` (the CLI, in this process) at the fake: the HTTP client and
    the token provider are the two seams open_graph uses."""
    monkeypatch.setattr(graph, "make_http", fake.client)
    monkeypatch.setattr(graphauth, "open_token_provider", lambda settings, state_dir: tokens)


class GraphWorkspace(FakeServerWorkspace):
    """The foundation scenario's mailbox (tests/integration/scenario.py) on the fake
    Graph, and the CLI on a config with ``backend = "microsoft"``."""

    def __init__(
        self, root: Path, fake: FakeGraph, monkeypatch: pytest.MonkeyPatch, extra: str = ""
    ) -> None:
        self.state = root / "state"
        self.tokens = InjectedTokens()
        plug_in(monkeypatch, fake, self.tokens)
        super().__init__(root, config_text(self.state) + extra, fake)
        self.fake: FakeGraph = fake
        self.deliver("sent", sc.sent_at_start())
        for name, text in sc.calendar().items():
            add_calendar(fake, name, text.encode(), sc.TZ)

    def drafts(self) -> dict[str, Msg]:
        """Drafts in Drafts, by follow-up id; each marked by category and property."""
        found: dict[str, Msg] = {}
        for m in self.fake.in_folder("drafts"):
            fid = self.followup_of(m.internet_id)
            assert fid not in found, f"two drafts for {fid}"
            assert m.is_draft and m.categories == ["followthrough"]
            assert m.ext.get(ASK_PROP) is None  # no header for the recipient to see
            found[fid] = m
        return found
