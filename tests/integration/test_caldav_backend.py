"""The CalDAV calendar against a real Radicale: sync tokens, fallbacks, discovery, errors."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from backend_conformance import CALENDAR, TZ, WINDOW, read_all
from followthrough.backends.davcal import DavCalendar
from followthrough.config import CaldavSettings
from followthrough.errors import BackendError, ConfigError
from followthrough.model import CalendarRecord
from integration.servers import PASSWORD, USER, Dovecot, Radicale, dovecot, radicale
from integration.test_imap_backend import ServerHarness

pytestmark = pytest.mark.external_service
__all__ = ["dovecot", "radicale"]  # fixtures


class Counting:
    """Counts the HTTP requests a DavCalendar makes."""

    def __init__(self, calendar: DavCalendar) -> None:
        self.methods: list[str] = []
        real = calendar.client.request

        def request(url: Any, method: str = "GET", *args: Any, **kwargs: Any) -> Any:
            self.methods.append(method)
            return real(url, method, *args, **kwargs)

        calendar.client.request = request


@pytest.fixture
def harness(dovecot: Dovecot, radicale: Radicale) -> Iterator[ServerHarness]:
    h = ServerHarness(dovecot, radicale)
    yield h
    h.close()


def calendar_for(h: ServerHarness, **changes: Any) -> DavCalendar:
    return DavCalendar(h.caldav_settings(**changes), PASSWORD, TZ)


def uids(records: list[CalendarRecord]) -> list[str]:
    return sorted({r.uid for r in records})


def test_unchanged_pass_costs_one_request(harness: ServerHarness) -> None:
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness)
    counter = Counting(cal)
    records, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    assert len(records) == 6  # the ask + five standups
    assert counter.methods == ["PROPFIND", "REPORT"]  # sync token, then the time range
    counter.methods.clear()
    again, cursor2 = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert again == [] and cursor2 == cursor
    assert counter.methods == ["REPORT"]  # sync-collection: nothing changed


def test_event_edited_to_done_returns_every_occurrence(harness: ServerHarness) -> None:
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness)
    _, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    harness.add_calendar("c", CALENDAR.replace(b"intro to Acme CTO #ask", b"intro #ask #done"))
    records, cursor2 = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert len(records) == 6  # the Account contract: all occurrences once anything changed
    [ask] = [r for r in records if r.uid == "ask-event-1@example.org"]
    assert "#done" in ask.summary
    assert cursor2 != cursor


def test_deleted_event_is_noticed(harness: ServerHarness) -> None:
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness)
    _, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    with harness.dav() as client:
        client.delete(harness.resources["c"][1])
    records, _ = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert uids(records) == ["ask-event-1@example.org"]


def test_expired_sync_token_falls_back_to_a_full_read(
    harness: ServerHarness, radicale: Radicale
) -> None:
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness)
    _, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    # Radicale forgets its sync tokens (cache cleared, server moved): the old one is 403.
    collection = harness.calendar_url.rstrip("/").rsplit("/", 1)[1]
    cache = radicale.root / "collections" / "collection-root" / USER / collection
    shutil.rmtree(cache / ".Radicale.cache" / "sync-token")
    harness.add_calendar("c", CALENDAR.replace(b"Standup", b"Standup (moved)"))
    counter = Counting(cal)
    records, cursor2 = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert counter.methods == ["REPORT", "PROPFIND", "REPORT"]
    assert len(records) == 6
    assert {r.summary for r in records} >= {"Standup (moved)"}
    assert read_all(cal.read_calendar(WINDOW, cursor2, lambda s: None))[0] == []


def test_server_without_sync_tokens_compares_payloads(
    harness: ServerHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DavCalendar, "_token", lambda self, cal: "")
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness)
    records, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    assert len(records) == 6
    assert read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))[0] == []
    harness.add_calendar("c", CALENDAR.replace(b"#ask", b"#ask #declined"))
    records, _ = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert any("#declined" in r.summary for r in records)


def test_calendar_discovered_by_name(harness: ServerHarness, radicale: Radicale) -> None:
    url = radicale.add_calendar("Asks and favours")
    harness.calendar_url = url
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(harness, calendar="asks and favours")
    records, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    assert len(records) == 6
    assert url in cursor
    # The next pass goes straight to the calendar the cursor remembers: no discovery.
    again = calendar_for(harness, calendar="asks and favours")
    counter = Counting(again)
    assert read_all(again.read_calendar(WINDOW, cursor, lambda s: None))[0] == []
    assert counter.methods == ["REPORT"]


def test_unknown_calendar_name_lists_the_real_ones(harness: ServerHarness) -> None:
    cal = calendar_for(harness, calendar="No such calendar")
    with pytest.raises(BackendError) as caught:
        cal.read_calendar(WINDOW, None, lambda s: None)
    assert "'Work'" in str(caught.value)
    assert not caught.value.transient


def test_wrong_password_is_a_clear_error(harness: ServerHarness) -> None:
    cal = DavCalendar(harness.caldav_settings(), "wrong", TZ)
    counter = Counting(cal)
    with pytest.raises(BackendError) as caught:
        cal.read_calendar(WINDOW, None, lambda s: None)
    assert "refused the login" in str(caught.value)
    assert "followthrough login" in str(caught.value)
    assert not caught.value.transient
    assert len(counter.methods) <= 2  # the library's one auth negotiation, no retry loop


def test_unreachable_server_is_transient() -> None:
    from integration.servers import free_port

    settings = CaldavSettings(url=f"http://127.0.0.1:{free_port()}/", username="ann", timeout=5)
    with pytest.raises(BackendError) as caught:
        DavCalendar(settings, "pw", TZ).read_calendar(WINDOW, None, lambda s: None)
    assert caught.value.transient
    assert "cannot reach" in str(caught.value)


def test_plain_http_refused_for_a_remote_server() -> None:
    settings = CaldavSettings(url="http://dav.example.org/", username="ann")
    with pytest.raises(ConfigError, match="only allowed for a server on this machine"):
        DavCalendar(settings, "pw", TZ)
