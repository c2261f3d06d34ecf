"""Shared set-up for the Exchange tests and bench/ews_requests.py: a fake EWS server,
the settings and secrets that point the real backend at it, and the conformance harness."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from draft_ids import followup_of as draft_followup
from followthrough.backends.exchange import CACHE_FILE, ExchangeAccount, connect
from followthrough.backends.icsparse import parse_calendar
from followthrough.cli.main import main
from followthrough.config.settings import ExchangeSettings
from followthrough.model import Batch, CalendarRecord, Folder, MailRecord, Window
from integration import scenario as sc
from integration.fake_ews import ASK_URI, FakeEws, Item

FOLDER = {"sent": "sentitems", "inbox": "inbox", "drafts": "drafts"}
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


class EwsHarness:
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

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.fake.add_message(FOLDER[folder], raw, flagged=flagged)

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        self.fake.set_flagged(message_id, flagged)

    def add_calendar(self, name: str, ics: bytes) -> None:
        add_calendar(self.fake, name, ics, self.tz)

    def delete_draft(self, ref: str) -> None:
        self.fake.move(ref, "deleteditems")  # what Outlook's Delete does

    def account(self) -> ExchangeAccount:
        settings = exchange_settings(self.fake)
        return ExchangeAccount(
            connect(settings, self.state_dir, self.tz),
            tz=self.tz,
            lookback_days=self.lookback_days,
            clock=self.clock,
            state_dir=self.state_dir,
        )


def fixed_clock(at: datetime) -> Callable[[], datetime]:
    return lambda: at


def days(n: int) -> timedelta:
    return timedelta(days=n)


def sample_message(n: int, when: datetime, folder: str = "sent") -> bytes:
    sender, to = ("ann@example.org", f"helper{n}@example.com")
    if folder == "inbox":
        sender, to = to, sender
    return (
        f"From: {sender}\nTo: {to}\nSubject: Message {n}\n"
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
        f"Message-ID: <m{n}-{folder}@example.org>\n\nCould you look at item {n} by Friday?\n"
    ).encode()


def measure_requests(fake: FakeEws, state_dir: Path, now: datetime) -> dict[str, int]:
    """EWS requests for: the first sync of 1,000 sent items; a pass with no changes
    (sent, inbox, calendar); a pass with 10 new inbox messages."""
    tz = ZoneInfo("UTC")
    for n in range(1000):
        fake.add_message("sentitems", sample_message(n, now - timedelta(hours=n)))
    harness = EwsHarness(fake, state_dir, tz, fixed_clock(now))
    account = harness.account()
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
    figures["pass with no changes (sent, inbox, calendar)"] = fake.total_calls() - start
    for n in range(10):
        fake.add_message("inbox", sample_message(n, now, "inbox"))
    start = fake.total_calls()
    sent, inbox, cal = run("sent", sent), run("inbox", inbox), run("calendar", cal)
    figures["pass with 10 new messages"] = fake.total_calls() - start
    assert figures["records:inbox"] == 10
    account.close()
    return figures


def followup_of(item: Item, ledger: Path) -> str:
    """The follow-up id a draft item was written for, by its (opaque) Message-ID."""
    known = draft_followup(ledger, item.message_id)
    assert known is not None, f"{item.message_id} is no follow-up's draft"
    return known[0]


class ExchangeWorkspace:
    """The foundation scenario's mailbox (tests/integration/scenario.py) on a fake EWS
    server, and the CLI on a config pointing at it (``backend = "exchange"``)."""

    def __init__(self, root: Path, fake: FakeEws, *, max_wait: int | None = None) -> None:
        self.fake = fake
        self.state = root / "state"
        self.creds = root / "creds"
        prepare_state(fake, self.state, self.creds)
        self.config = root / "config.toml"
        self.config.write_text(
            '[user]\nemail = "alex@example.org"\nname = "Alex Morgan"\n'
            'timezone = "Europe/Berlin"\n[account]\nbackend = "exchange"\n'
            f'[exchange]\news_url = "{fake.url}"\nauth = "basic"\n'
            + (f"max_wait = {max_wait}\n" if max_wait is not None else "")
            + f'[state]\ndir = "{self.state}"\n'
        )
        for m in sc.sent_at_start():
            fake.add_message("sentitems", m.raw, flagged=m.flagged)  # flagged: PidTagFlagStatus
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

    def drafts(self) -> dict[str, Item]:
        """Items in Drafts, by follow-up id; each tagged and marked as a draft."""
        found: dict[str, Item] = {}
        for item in self.fake.in_folder("drafts"):
            fid = followup_of(item, self.state / "ledger.sqlite3")
            assert fid not in found, f"two drafts for {fid}"
            assert item.is_draft and item.categories == ["followthrough"]
            assert ASK_URI not in item.ext  # no marker header reaches the recipient
            found[fid] = item
        return found

    def draft_ids(self) -> set[str]:
        return set(self.drafts())

    def draft_text(self, fid: str) -> str:
        return self.drafts()[fid].text

    def send_draft(self, fid: str) -> None:
        """Outlook's Send: the item moves to Sent Items under a new id."""
        sent = self.fake.move(self.drafts()[fid].id, "sentitems")
        sent.is_draft = False

    def delete_draft(self, fid: str) -> None:
        self.fake.move(self.drafts()[fid].id, "deleteditems")  # Outlook's Delete


EWS_TZ = ZoneInfo("Europe/Berlin")
EWS_NOW = datetime(2025, 3, 20, 12, tzinfo=EWS_TZ)
