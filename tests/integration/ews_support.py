"""Shared set-up for the Exchange tests and bench/ews_requests.py: a fake EWS server,
the settings and secrets that point the real backend at it, and the conformance harness."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.backends.exchange.account import ExchangeAccount
from followthrough.backends.exchange.connect import CACHE_FILE, connect
from followthrough.backends.ics.parse import parse_calendar
from followthrough.config.microsoft import ExchangeSettings
from followthrough.model import Window
from integration import scenario as sc
from integration.fake_ews import ASK_URI, FakeEws, Item
from workspace import FakeServerHarness, FakeServerWorkspace, fixed_clock
from workspace import measure_requests as measure

BUILD = "15.1.2507.6"  # Exchange 2016 CU: no version probing


def exchange_settings(fake: FakeEws, **overrides: object) -> ExchangeSettings:
    base: dict[str, object] = {
        "email": fake.user,
        "ews_url": fake.url,
        "auth": "basic",
        "username": fake.user,
        "max_wait": 5,
    }
    base.update(overrides)
    return ExchangeSettings(**base)  # type: ignore[arg-type]


def prepare_state(fake: FakeEws, state_dir: Path, creds_dir: Path, password: str = "") -> None:
    """The password as a systemd credential file, and the cached server version."""
    creds_dir.mkdir(parents=True, exist_ok=True)
    (creds_dir / f"{fake.user}.password").write_text(password or fake.password)
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / CACHE_FILE).write_text(
        json.dumps(
            {"email": fake.user, "ews_url": fake.url, "build": BUILD, "api_version": "Exchange2016"}
        )
    )


def add_calendar(fake: FakeEws, name: str, ics: bytes, tz: ZoneInfo) -> None:
    """Replace calendar object ``name`` by its occurrences, as Exchange stores them."""
    for item in [i for i in fake.in_folder("calendar") if i.headers == [("x-source", name)]]:
        fake.delete(item.id)
    wide = Window(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    for record in parse_calendar(ics, window=wide, tz=tz, source=name, skip=lambda s: None):
        fake.add(
            Item(
                id=fake.new_id("AAMkCal"),
                folder="calendar",
                kind="CalendarItem",
                subject=record.summary,
                text=record.description,
                uid=record.uid,
                start=record.start,
                end=record.end,
                all_day=record.all_day,
                item_type="Occurrence" if record.recurrence_id else "Single",
                original_start=record.recurrence_id,
                categories=[c.title() for c in sorted(record.categories)],
                organizer=(record.organizer.name, record.organizer.email)
                if record.organizer
                else None,
                attendees=[(a.name, a.email) for a in record.attendees],
                headers=[("x-source", name)],
            )
        )


class EwsHarness(FakeServerHarness):
    """The conformance harness (tests/backend_conformance.py) over a fake EWS mailbox."""

    def __init__(
        self,
        fake: FakeEws,
        state_dir: Path,
        tz: ZoneInfo,
        clock: Callable[[], datetime],
        lookback_days: int = 60,
    ) -> None:
        self.fake = fake
        self.state_dir = state_dir
        self.tz = tz
        self.clock = clock
        self.lookback_days = lookback_days

    def add_calendar(self, name: str, ics: bytes) -> None:
        add_calendar(self.fake, name, ics, self.tz)

    def account(self) -> ExchangeAccount:
        settings = exchange_settings(self.fake)
        return ExchangeAccount(
            connect(settings, self.state_dir, self.tz),
            tz=self.tz,
            lookback_days=self.lookback_days,
            clock=self.clock,
            state_dir=self.state_dir,
        )


def measure_requests(fake: FakeEws, state_dir: Path, now: datetime) -> dict[str, int]:
    """EWS requests for: the first sync of 1,000 sent items; a pass with no changes
    (sent, inbox, calendar); a pass with 10 new inbox messages."""
    harness = EwsHarness(fake, state_dir, ZoneInfo("UTC"), fixed_clock(now))
    return measure(fake, harness.account, now, "pass with no changes (sent, inbox, calendar)")


class ExchangeWorkspace(FakeServerWorkspace):
    """The foundation scenario's mailbox (tests/integration/scenario.py) on a fake EWS
    server, and the CLI on a config pointing at it (``backend = "exchange"``)."""

    def __init__(self, root: Path, fake: FakeEws, *, max_wait: int | None = None) -> None:
        self.state = root / "state"
        self.creds = root / "creds"
        prepare_state(fake, self.state, self.creds)
        super().__init__(
            root,
            '[user]\nemail = "alex@example.org"\nname = "Alex Morgan"\n'
            'timezone = "Europe/Berlin"\n[account]\nbackend = "exchange"\n'
            f'[exchange]\news_url = "{fake.url}"\nauth = "basic"\n'
            + (f"max_wait = {max_wait}\n" if max_wait is not None else "")
            + f'[state]\ndir = "{self.state}"\n',
            fake,
        )
        self.fake: FakeEws = fake
        self.deliver("sent", sc.sent_at_start())  # flagged: PidTagFlagStatus
        for name, text in sc.calendar().items():
            add_calendar(fake, name, text.encode(), sc.TZ)

    def drafts(self) -> dict[str, Item]:
        """Items in Drafts, by follow-up id; each tagged and marked as a draft."""
        found: dict[str, Item] = {}
        for item in self.fake.in_folder("drafts"):
            fid = self.followup_of(item.message_id)
            assert fid not in found, f"two drafts for {fid}"
            assert item.is_draft and item.categories == ["followthrough"]
            assert ASK_URI not in item.ext  # no marker header reaches the recipient
            found[fid] = item
        return found

    def send_draft(self, fid: str) -> None:
        """Outlook's Send: the item moves to Sent Items under a new id."""
        sent = self.fake.move(self.drafts()[fid].id, "sentitems")
        sent.is_draft = False


EWS_TZ = ZoneInfo("Europe/Berlin")
EWS_NOW = datetime(2025, 3, 20, 12, tzinfo=EWS_TZ)
