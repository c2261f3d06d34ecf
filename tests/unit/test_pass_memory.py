"""The pass, end to end, on the in-memory backend: no files, no servers, no CLI.

Each test plays a few days of one user's mail and calendar into a MemoryAccount and
runs ``Pass`` at chosen moments (the clock is passed in), with the shipped settings
and templates. User: Alex, Europe/Berlin; Monday 2 November 2026 is the first day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.memory import MemoryAccount
from followthrough.cli.demo import build_message
from followthrough.config.settings import Settings
from followthrough.engine.compose import Composer
from followthrough.engine.scan import Pass, ScanSummary
from followthrough.ledger import Ledger
from followthrough.model import Address, Ask, Folder

TZ = ZoneInfo("Europe/Berlin")
ME = ("Alex Morgan", "alex@example.org")
BOB = ("Bob Chen", "bob@example.org")
CAROL = ("Carol Diaz", "carol@example.org")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@dataclass
class World:
    """One user's account in memory, their ledger, and the shipped templates."""

    account: MemoryAccount
    ledger: Ledger
    settings: Settings
    composer: Composer

    def scan(self, now: str) -> ScanSummary:
        return Pass(self.settings, self.ledger, self.account, self.composer, at(now)).run()

    def send(self, folder: Folder, **fields: Any) -> str:
        """A message in ``folder`` ("sent": Alex wrote it; "inbox": someone else did)."""
        fields.setdefault("sender", ME if folder == "sent" else BOB)
        fields.setdefault("to", BOB if folder == "sent" else ME)
        fields.setdefault("subject", "Q3 deck")
        flagged = fields.pop("flagged", False)
        raw = build_message(date=at(fields.pop("date")), **fields)
        return self.account.add_message(folder, raw, flagged=flagged)

    def only_ask(self) -> Ask:
        [ask] = self.ledger.asks()
        return ask

    def drafts(self) -> list[EmailMessage]:
        return [
            message_from_bytes(raw, policy=policy.default)
            for raw in self.account.messages("drafts")
        ]

    def draft_refs(self) -> list[str]:
        return list(self.account.folders["drafts"])

    def followups(self, ask_id: str) -> list[tuple[str, int, str]]:
        return [(f.kind, f.seq, f.state) for f in self.ledger.followups(ask_id)]


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    settings = Settings(
        path=tmp_path / "config.toml",
        user=Address(ME[1], ME[0]),
        timezone=TZ,
        backend="memory",
        local=None,
        state_dir=tmp_path / "state",
        templates_dir=None,
    )
    ledger = Ledger(settings.ledger_path)
    yield World(MemoryAccount(TZ), ledger, settings, Composer(None))
    ledger.close()


def ask_bob(world: World, body: str = "Could you review the Q3 deck by Friday?") -> None:
    world.send(
        "sent",
        date="2026-11-02T10:00",
        message_id="a1@example.org",
        body=f"Hi Bob,\n\n{body}\n\nThanks,\nAlex\n",
    )


def test_an_ask_is_found_in_sent_mail(world: World) -> None:
    ask_bob(world)
    world.send(
        "sent",
        to=CAROL,
        subject="Office",
        date="2026-11-02T11:00",
        message_id="fyi@example.org",
        body="FYI: the office is closed on Friday.\n",
    )
    summary = world.scan("2026-11-02T17:00")
    assert (summary.counts["sent"], summary.counts["asks_new"]) == (2, 1)
    ask = world.only_ask()
    assert (ask.what, ask.state, ask.source_kind) == ("review the Q3 deck", "open", "mail")
    assert ask.helpers == (Address(BOB[1], BOB[0]),)
    assert ask.due == at("2026-11-06T17:00")  # "by Friday", at the end of the working day
    assert world.drafts() == [] and summary.drafts == []


def test_the_helpers_reply_acknowledges_the_ask(world: World) -> None:
    ask_bob(world)
    world.scan("2026-11-02T17:00")
    world.send(
        "inbox",
        subject="Re: Q3 deck",
        date="2026-11-03T09:12",
        message_id="r1@example.org",
        in_reply_to="a1@example.org",
        body="Sure, I'll take a look tomorrow.\n",
    )
    summary = world.scan("2026-11-03T10:00")
    ask = world.only_ask()
    assert ask.state == "acknowledged"
    assert summary.counts["inbox"] == 1
    moved = [e for e in world.ledger.events(ask.id) if e.kind == "state:acknowledged"]
    assert len(moved) == 1 and "r1@example.org" in moved[0].source
    assert world.drafts() == []


def test_delivery_drafts_one_thank_you_to_the_helper(world: World) -> None:
    ask_bob(world)
    world.scan("2026-11-02T17:00")
    world.send(
        "inbox",
        subject="Re: Q3 deck",
        date="2026-11-04T15:00",
        message_id="r2@example.org",
        in_reply_to="a1@example.org",
        body="Here it is, with my comments.\n\nBob\n",
        attachment="q3-review.pdf",
    )
    summary = world.scan("2026-11-04T16:00")
    ask = world.only_ask()
    assert ask.state == "delivered"
    assert summary.drafts == [f"{ask.id}-thanks"]
    [draft] = world.drafts()
    assert draft["To"] == "Bob Chen <bob@example.org>"
    assert draft["In-Reply-To"] == "<a1@example.org>"  # in the ask's thread
    assert "X-Followthrough-Ask" not in draft  # nothing tells Bob a tool drafted it
    [followup] = world.ledger.followups(ask.id)
    assert draft["Message-ID"].strip("<>") == followup.message_id  # how it is found again
    assert draft["Subject"].startswith("Re: ") or "Q3" in draft["Subject"]
    body = draft.get_content()
    assert "Bob" in body and "thank" in body.lower()
    assert world.followups(ask.id) == [("thanks", 1, "drafted")]


def test_check_in_after_five_quiet_business_days(world: World) -> None:
    world.send(
        "sent",
        to=CAROL,
        subject="Acme",
        date="2026-11-02T11:00",
        message_id="a2@example.org",
        body="Hi Carol,\n\nCould you introduce me to the Acme CTO?\n\nAlex\n",
    )
    world.scan("2026-11-02T17:00")
    ask = world.only_ask()
    assert ask.due is None
    for quiet in ("2026-11-06T17:00", "2026-11-09T08:59"):  # 4 business days; before 09:00
        assert world.scan(quiet).drafts == [], quiet
    assert world.scan("2026-11-09T09:30").drafts == [f"{ask.id}-checkin"]
    [draft] = world.drafts()
    assert draft["To"] == "Carol Diaz <carol@example.org>"
    assert "Carol" in draft.get_content()


def test_nudges_after_the_due_date_five_business_days_apart_at_most_two(world: World) -> None:
    ask_bob(world)  # due Friday 6 November; a check-in half-way would be too soon
    world.scan("2026-11-02T17:00")
    ask = world.only_ask()
    assert world.scan("2026-11-06T17:30").drafts == []  # due, not yet overdue
    assert world.scan("2026-11-09T08:00").drafts == []  # before the drafting hour
    assert world.scan("2026-11-09T09:30").drafts == [f"{ask.id}-nudge"]
    world.account.send_draft(world.draft_refs()[0])  # Alex sends it from the mail client
    assert world.scan("2026-11-09T11:00").drafts == []
    assert world.followups(ask.id) == [("nudge", 1, "sent")]
    assert world.scan("2026-11-13T09:30").drafts == []  # 4 business days later
    assert world.scan("2026-11-16T09:30").drafts == [f"{ask.id}-nudge2"]
    world.account.send_draft(world.draft_refs()[0])
    for later in ("2026-11-16T11:00", "2026-11-23T09:30", "2026-11-30T09:30"):
        assert world.scan(later).drafts == [], later
    assert world.followups(ask.id) == [("nudge", 1, "sent"), ("nudge", 2, "sent")]


CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//followthrough//tests//EN
BEGIN:VEVENT
UID:intro-1@example.org
DTSTAMP:20261101T000000Z
DTSTART;TZID=Europe/Berlin:20261110T100000
DTEND;TZID=Europe/Berlin:20261110T103000
SUMMARY:Ask: Bob - intro to Acme CTO {tag}
DESCRIPTION:Bob offered to introduce me.
ORGANIZER;CN=Alex Morgan:mailto:alex@example.org
ATTENDEE;CN=Bob Chen:mailto:bob@example.org
END:VEVENT
END:VCALENDAR
"""


def test_a_tagged_calendar_entry_is_an_ask_and_its_done_mark_thanks(world: World) -> None:
    world.account.add_calendar("work.ics", CALENDAR.format(tag="#ask").encode())
    summary = world.scan("2026-11-02T17:00")
    assert summary.counts["asks_new"] == 1
    ask = world.only_ask()
    assert (ask.source_kind, ask.state) == ("calendar", "open")
    assert ask.helpers == (Address(BOB[1], BOB[0]),)
    assert ask.due is not None and ask.due.date() == at("2026-11-10T10:00").date()
    assert "intro to Acme CTO" in ask.what
    world.account.add_calendar("work.ics", CALENDAR.format(tag="#ask #done").encode())
    summary = world.scan("2026-11-04T12:00")
    assert world.only_ask().state == "delivered"
    assert summary.drafts == [f"{ask.id}-thanks"]
    [draft] = world.drafts()
    assert draft["To"] == "Bob Chen <bob@example.org>"


def test_no_duplicate_drafts_across_passes_and_a_deleted_one_stays_deleted(
    world: World,
) -> None:
    ask_bob(world)
    world.send(
        "sent",
        to=CAROL,
        subject="Acme",
        date="2026-11-02T11:00",
        message_id="a2@example.org",
        body="Hi Carol,\n\nCould you introduce me to the Acme CTO?\n\nAlex\n",
    )
    world.scan("2026-11-02T17:00")
    first = world.scan("2026-11-09T09:30")
    assert len(first.drafts) == 2  # Bob's nudge, Carol's check-in
    refs = world.draft_refs()
    for again in ("2026-11-09T09:30", "2026-11-09T15:00", "2026-11-10T09:30", "2026-11-12T09:30"):
        assert world.scan(again).drafts == [], again
        assert world.draft_refs() == refs  # one pending draft per ask, never a second
    carol = next(a for a in world.ledger.asks() if a.helpers[0].email == CAROL[1])
    [carol_ref] = [r for r in refs if world.ledger.followups(carol.id)[0].draft_ref == r]
    world.account.delete_draft(carol_ref)  # Alex deletes Carol's check-in unsent
    world.scan("2026-11-12T10:00")
    assert world.followups(carol.id) == [("checkin", 1, "deleted")]
    for later in ("2026-11-16T09:30", "2026-11-23T09:30"):
        # the deleted check-in is never written again (the undated cadence may go on
        # to a nudge later: that is another follow-up)
        drafted = world.scan(later).drafts
        assert f"{carol.id}-checkin" not in drafted, later
    assert world.followups(carol.id)[0] == ("checkin", 1, "deleted")
