"""The in-memory backend passes the backend conformance class, like every backend."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from backend_conformance import ASK, CALENDAR, TZ, WINDOW, BackendConformance, read_all
from followthrough.backends.memory import MemoryAccount
from followthrough.model import Folder, Skipped


class MemoryHarness:
    """A BackendHarness over one MemoryAccount (the harness and the pass share it)."""

    def __init__(self) -> None:
        self.memory = MemoryAccount(TZ)

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.memory.add_message(folder, raw, flagged=flagged)

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        self.memory.set_flagged(folder, message_id, flagged)

    def add_calendar(self, name: str, ics: bytes) -> None:
        self.memory.add_calendar(name, ics)

    def delete_draft(self, ref: str) -> None:
        assert self.memory.delete_draft(ref)

    def account(self) -> MemoryAccount:
        return self.memory


class TestMemoryBackend(BackendConformance):
    @pytest.fixture
    def harness(self) -> MemoryHarness:
        return MemoryHarness()


def test_a_broken_message_and_calendar_are_skipped_by_name() -> None:
    account = MemoryAccount(TZ)
    bad = account.add_message("inbox", b"\x00\x01 not mail at all")
    account.add_message("inbox", ASK)
    account.add_calendar("broken.ics", b"BEGIN:VCALENDAR\r\nthis is not iCalendar")
    account.add_calendar("good.ics", CALENDAR)
    skips: list[Skipped] = []
    records, _ = read_all(account.read_mail("inbox", None, skips.append))
    assert [r.message_id for r in records] == ["ask-1@example.org"]
    events, _ = read_all(account.read_calendar(WINDOW, None, skips.append))
    assert {e.uid for e in events} == {"ask-event-1@example.org", "weekly-1@example.org"}
    assert [s.where for s in skips] == [f"memory:inbox:{bad}", "memory:calendar:broken.ics"]


def test_a_draft_sent_from_the_mail_client_moves_to_sent() -> None:
    account = MemoryAccount(TZ)
    draft = EmailMessage()
    draft["Message-ID"] = "<d1@followthrough.invalid>"
    draft["Subject"] = "Thanks"
    draft.set_content("Thank you!\n")
    ref = account.save_draft(draft, None)
    assert account.find_draft("<d1@followthrough.invalid>") == ref
    assert account.fetch_draft(ref) == draft.as_bytes()
    account.send_draft(ref)
    assert account.draft_state(ref) == "gone" and account.fetch_draft(ref) is None
    [sent], _ = read_all(account.read_mail("sent", None, lambda s: None))
    assert sent.message_id == "d1@followthrough.invalid"
