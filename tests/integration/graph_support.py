"""Shared set-up for the Microsoft 365 (Graph) tests and bench/graph_requests.py: the
fake Graph, tokens injected through the token-provider seam, the conformance harness and
the foundation scenario's workspace on ``backend = "microsoft"``."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from draft_ids import followup_of as followup_of_draft
from followthrough.backends.graph import account as graph
from followthrough.backends.graph import auth as graphauth
from followthrough.backends.graph.account import GraphAccount
from followthrough.backends.graph.http import GraphClient
from followthrough.backends.icsparse import parse_calendar
from followthrough.cli.main import main
from followthrough.model import Batch, CalendarRecord, Folder, MailRecord, Window
from integration import scenario as sc
from integration.fake_graph import ASK_PROP, Event, FakeGraph, Msg

FOLDER = {"sent": "sentitems", "inbox": "inbox", "drafts": "drafts"}
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


class GraphHarness:
    """The conformance harness (tests/backend_conformance.py) over the fake Graph."""

    def __init__(
        self, fake: FakeGraph, tz: ZoneInfo, clock: Callable[[], datetime], lookback: int = 60
    ) -> None:
        self.fake = fake
        self.tz = tz
        self.clock = clock
        self.lookback = lookback

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.fake.add_message(FOLDER[folder], raw, flagged=flagged)

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        self.fake.set_flagged(message_id, flagged)

    def add_calendar(self, name: str, ics: bytes) -> None:
        add_calendar(self.fake, name, ics, self.tz)

    def delete_draft(self, ref: str) -> None:
        self.fake.move(ref, "deleteditems")  # Outlook's Delete

    def account(self) -> GraphAccount:
        return graph_account(self.fake, self.tz, self.clock, lookback_days=self.lookback)


def fixed_clock(at: datetime) -> Callable[[], datetime]:
    return lambda: at


def sample_message(n: int, when: datetime, folder: str = "sent") -> bytes:
    sender, to = ("ann@example.org", f"helper{n}@example.com")
    if folder == "inbox":
        sender, to = to, sender
    return (
        f"From: {sender}\nTo: {to}\nSubject: Message {n}\n"
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
        f"Message-ID: <m{n}-{folder}@example.org>\n\nCould you look at item {n} by Friday?\n"
    ).encode()


def measure_requests(fake: FakeGraph, now: datetime) -> dict[str, int]:
    """Graph requests for: the first sync of 1,000 sent items; a pass with no change
    (sent, inbox, calendar); a pass with 10 new inbox messages."""
    tz = ZoneInfo("UTC")
    for n in range(1000):
        fake.add_message("sentitems", sample_message(n, now - timedelta(hours=n)))
    account = graph_account(fake, tz, fixed_clock(now))
    window = Window(now - timedelta(days=60), now + timedelta(days=90))
    figures: dict[str, int] = {}

    def run(folder: str, cursor: str | None) -> str:
        batch: Batch[CalendarRecord] | Batch[MailRecord]
        if folder == "calendar":
            batch = account.read_calendar(window, cursor, lambda s: None)
        else:
            batch = account.read_mail(folder, cursor, lambda s: None)  # type: ignore[arg-type]
        figures[f"records:{folder}"] = sum(1 for _ in batch.records)
        return batch.cursor()

    start = fake.total_calls()
    sent = run("sent", None)
    figures["first sync, 1000 sent items"] = fake.total_calls() - start
    assert figures["records:sent"] == 1000
    inbox, cal = run("inbox", None), run("calendar", None)
    start = fake.total_calls()
    sent, inbox, cal = run("sent", sent), run("inbox", inbox), run("calendar", cal)
    figures["pass with no change (sent, inbox, calendar)"] = fake.total_calls() - start
    for n in range(10):
        fake.add_message("inbox", sample_message(n, now, "inbox"))
    start = fake.total_calls()
    sent, inbox, cal = run("sent", sent), run("inbox", inbox), run("calendar", cal)
    figures["pass with 10 new messages"] = fake.total_calls() - start
    assert figures["records:inbox"] == 10
    account.close()
    return figures


def followup_of(m: Msg, ledger: Path) -> str:
    """The follow-up id a draft was written for, from the ledger by its Message-ID (a
    draft carries no marker header unless [templates].marker_headers asks for one)."""
    found = followup_of_draft(ledger, m.internet_id)
    assert found is not None, m.internet_id
    return found[0]


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


class GraphWorkspace:
    """The foundation scenario's mailbox (tests/integration/scenario.py) on the fake
    Graph, and the CLI on a config with ``backend = "microsoft"``."""

    def __init__(
        self, root: Path, fake: FakeGraph, monkeypatch: pytest.MonkeyPatch, extra: str = ""
    ) -> None:
        self.fake = fake
        self.state = root / "state"
        self.tokens = InjectedTokens()
        plug_in(monkeypatch, fake, self.tokens)
        self.config = root / "config.toml"
        root.mkdir(parents=True, exist_ok=True)
        self.config.write_text(config_text(self.state) + extra)
        for m in sc.sent_at_start():
            fake.add_message("sentitems", m.raw, flagged=m.flagged)
        for name, text in sc.calendar().items():
            add_calendar(fake, name, text.encode(), sc.TZ)

    def run(self, *args: str, now: str | None = None) -> tuple[int, str]:
        out = io.StringIO()
        argv = ["--config", str(self.config)] + (["--now", now] if now else [])
        code = main([*argv, *args], out=out)
        return code, out.getvalue()

    def cli(self, *args: str, now: str | None = None) -> str:
        code, out = self.run(*args, now=now)
        assert code == 0, out
        return out

    def deliver_wednesday(self) -> None:
        for m in sc.inbox_by_wednesday():
            self.fake.add_message("inbox", m.raw)
        for m in sc.sent_by_wednesday():
            self.fake.add_message("sentitems", m.raw)

    def drafts(self) -> dict[str, Msg]:
        """Drafts in Drafts, by follow-up id; each marked by category and property."""
        found: dict[str, Msg] = {}
        for m in self.fake.in_folder("drafts"):
            fid = followup_of(m, self.state / "ledger.sqlite3")
            assert fid not in found, f"two drafts for {fid}"
            assert m.is_draft and m.categories == ["followthrough"]
            assert m.ext.get(ASK_PROP) is None  # no header for the recipient to see
            found[fid] = m
        return found

    def draft_ids(self) -> set[str]:
        return set(self.drafts())

    def draft_text(self, fid: str) -> str:
        return self.drafts()[fid].text

    def send_draft(self, fid: str) -> None:
        self.fake.move(self.drafts()[fid].id, "sentitems")  # Outlook's Send

    def delete_draft(self, fid: str) -> None:
        self.fake.move(self.drafts()[fid].id, "deleteditems")  # Outlook's Delete
