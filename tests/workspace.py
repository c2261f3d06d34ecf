"""The one workspace harness of the integration tests: a directory with a config file,
the CLI run on it in this process, and what the ledger says.

A backend's adapter subclasses :class:`Workspace` and adds its mailbox: where mail is
delivered and where its drafts are found, sent and deleted. The adapters are
``integration.scenario.LocalWorkspace`` (Maildirs and a vdir),
``integration.ews_support.ExchangeWorkspace`` and
``integration.graph_support.GraphWorkspace`` (fake servers, through
:class:`FakeServerWorkspace`), and ``integration.test_imap_scenario.ServerWorkspace``
(Dovecot and Radicale). The scenario script (``integration.test_exchange_scenario``)
drives any of them through the methods below.
"""

from __future__ import annotations

import io
import json
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from draft_ids import followup_of
from followthrough.model import Batch, CalendarRecord, Folder, MailRecord, Window


@dataclass(frozen=True)
class Mail:
    """A message to deliver: its stable name (a Maildir key, the Message-ID's local
    part), its raw bytes, and whether the user flagged it."""

    key: str
    raw: bytes
    flagged: bool = False


class Workspace:
    """A config file in ``root`` and the CLI on it (``--config``, ``--now``)."""

    def __init__(self, root: Path, config: str) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.config = root / "config.toml"
        self.config.write_text(config)

    @property
    def ledger_path(self) -> Path:
        from followthrough.config.settings import load_settings

        return load_settings(self.config).ledger_path

    def run(self, *args: str, now: str | None = None, stdin: str | None = None) -> tuple[int, str]:
        """The exit code and the output of ``followthrough --config … [--now now] args``,
        with ``stdin`` (when given) as what the user types."""
        from followthrough.cli.main import main

        out = io.StringIO()
        argv = ["--config", str(self.config)] + (["--now", now] if now else [])
        old = sys.stdin
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            code = main([*argv, *args], out=out)
        finally:
            sys.stdin = old
        return code, out.getvalue()

    def cli(self, *args: str, now: str | None = None) -> str:
        """The output of a command that must succeed."""
        code, out = self.run(*args, now=now)
        assert code == 0, out
        return out

    def asks(self) -> dict[str, dict[str, Any]]:
        """Every ask as `asks --json --all` reports it, by its source's key."""
        rows = json.loads(self.cli("asks", "--json", "--all"))
        return {r["source"]["key"]: r for r in rows}

    def followup_ids(self) -> dict[str, str]:
        """Follow-up id by draft Message-ID, from the ledger (drafts carry no marker
        header unless [templates].marker_headers asks for one)."""
        from followthrough.ledger import Ledger

        ledger = Ledger(self.ledger_path)
        try:
            return {f.message_id: f.id for f in ledger.followups() if f.message_id}
        finally:
            ledger.close()

    def followup_of(self, message_id: object) -> str:
        """The follow-up id a draft with this Message-ID was written for."""
        known = followup_of(self.ledger_path, message_id)
        assert known is not None, f"{message_id} is no follow-up's draft"
        return known[0]

    # ---- the adapter's part: the mailbox ----------------------------------------------

    def deliver(self, folder: Folder, mails: Iterable[Mail]) -> None:
        """Put ``mails`` in the mailbox's ``folder`` ("sent" or "inbox")."""
        raise NotImplementedError(f"{type(self).__name__} has no mailbox to deliver to")

    def draft_ids(self) -> set[str]:
        """The follow-up ids of the drafts in the mailbox."""
        raise NotImplementedError(f"{type(self).__name__} has no mailbox to read drafts from")

    def draft_text(self, fid: str) -> str:
        raise NotImplementedError(f"{type(self).__name__} has no mailbox to read drafts from")

    def send_draft(self, fid: str) -> None:
        """What the user's mail client does on Send."""
        raise NotImplementedError(f"{type(self).__name__} has no mailbox to send from")

    def delete_draft(self, fid: str) -> None:
        """What the user's mail client does on Delete."""
        raise NotImplementedError(f"{type(self).__name__} has no mailbox to delete from")


# The fake servers' well-known folder names, by the folder a backend reads.
FAKE_FOLDERS = {"sent": "sentitems", "inbox": "inbox", "drafts": "drafts"}


class FakeServer(Protocol):
    """What the fake EWS and Graph servers share: messages in folders by well-known
    name, moved as Outlook moves them."""

    def add_message(self, folder: str, raw: bytes, *, flagged: bool = False) -> Any: ...
    def set_flagged(self, message_id: str, flagged: bool) -> None: ...
    def move(self, item_id: str, folder: str) -> Any: ...


class FakeServerHarness:
    """The mailbox part of the conformance harness (tests/backend_conformance.py) over a
    fake Exchange server (EWS or Graph); the adapter adds the calendar and the account."""

    fake: FakeServer

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.fake.add_message(FAKE_FOLDERS[folder], raw, flagged=flagged)

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        self.fake.set_flagged(message_id, flagged)

    def delete_draft(self, ref: str) -> None:
        self.fake.move(ref, "deleteditems")  # what Outlook's Delete does


class FakeServerWorkspace(Workspace, ABC):
    """A workspace whose mailbox is a fake Exchange server (EWS or Graph): mail is
    delivered to "sentitems" and "inbox", a sent draft moves to Sent Items, a deleted
    one to Deleted Items. The adapter finds the drafts (:meth:`drafts`)."""

    def __init__(self, root: Path, config: str, fake: FakeServer) -> None:
        super().__init__(root, config)
        self.fake = fake

    @abstractmethod
    def drafts(self) -> dict[str, Any]:
        """The drafts in Drafts, by follow-up id (each with an ``id`` and a ``text``)."""

    def deliver(self, folder: Folder, mails: Iterable[Mail]) -> None:
        for m in mails:
            self.fake.add_message(FAKE_FOLDERS[folder], m.raw, flagged=m.flagged)

    def draft_ids(self) -> set[str]:
        return set(self.drafts())

    def draft_text(self, fid: str) -> str:
        return str(self.drafts()[fid].text)

    def send_draft(self, fid: str) -> None:
        self.fake.move(self.drafts()[fid].id, "sentitems")  # Outlook's Send

    def delete_draft(self, fid: str) -> None:
        self.fake.move(self.drafts()[fid].id, "deleteditems")  # Outlook's Delete


# ---- request counts of a backend (bench/ews_requests.py, bench/graph_requests.py) ------


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


class CountedServer(FakeServer, Protocol):
    def total_calls(self) -> int: ...


class ReadingAccount(Protocol):
    def read_mail(self, folder: Folder, cursor: str | None, skip: Any) -> Batch[MailRecord]: ...
    def read_calendar(
        self, window: Window, cursor: str | None, skip: Any
    ) -> Batch[CalendarRecord]: ...
    def close(self) -> None: ...


def measure_requests(
    fake: CountedServer, open_account: Callable[[], ReadingAccount], now: datetime, no_change: str
) -> dict[str, int]:
    """Requests to ``fake`` for: the first sync of 1,000 sent items; a pass with no
    change (sent, inbox, calendar), reported under ``no_change``; a pass with 10 new
    inbox messages. The account is opened once the sent items are there."""
    for n in range(1000):
        fake.add_message("sentitems", sample_message(n, now - timedelta(hours=n)))
    account = open_account()
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
    figures[no_change] = fake.total_calls() - start
    for n in range(10):
        fake.add_message("inbox", sample_message(n, now, "inbox"))
    start = fake.total_calls()
    sent, inbox, cal = run("sent", sent), run("inbox", inbox), run("calendar", cal)
    figures["pass with 10 new messages"] = fake.total_calls() - start
    assert figures["records:inbox"] == 10
    account.close()
    return figures
