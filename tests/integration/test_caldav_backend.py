"""The CalDAV calendar against a real Radicale: sync tokens, fallbacks, discovery, errors."""

from __future__ import annotations

import http.client
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from backend_conformance import CALENDAR, TZ, WINDOW, read_all
from followthrough.backends.davcal import DavCalendar
from followthrough.config.accounts import CaldavSettings
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


class NoSyncTokenServer:
    """An HTTP front for Radicale that behaves like a CalDAV server without RFC 6578:
    it does not know the DAV:sync-token property (a 404 propstat) and refuses the
    sync-collection REPORT. Everything else goes through to Radicale unchanged."""

    def __init__(self, radicale: Radicale) -> None:
        target = radicale.port
        self.refused: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.command == "PROPFIND" and b"sync-token" in body and b"getetag" not in body:
                    outer.refused.append("PROPFIND sync-token")
                    return self.reply(207, NOT_FOUND_SYNC_TOKEN.format(href=self.path).encode())
                if self.command == "REPORT" and b"sync-collection" in body:
                    outer.refused.append("REPORT sync-collection")
                    return self.reply(403, UNSUPPORTED_REPORT)
                upstream = http.client.HTTPConnection("127.0.0.1", target, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            def reply(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        for method in ("GET", "PUT", "DELETE", "OPTIONS", "PROPFIND", "REPORT", "MKCALENDAR"):
            setattr(Handler, f"do_{method}", Handler.relay)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, radicale_url: str) -> str:
        return radicale_url.replace(f":{urlsplit(radicale_url).port}/", f":{self.port}/", 1)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


NOT_FOUND_SYNC_TOKEN = """<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>{href}</D:href><D:propstat>
<D:prop><D:sync-token/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status>
</D:propstat></D:response></D:multistatus>"""
UNSUPPORTED_REPORT = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<D:error xmlns:D="DAV:"><D:supported-report/></D:error>'
)


@pytest.fixture
def no_sync_tokens(radicale: Radicale) -> Iterator[NoSyncTokenServer]:
    front = NoSyncTokenServer(radicale)
    yield front
    front.close()


def test_server_without_sync_tokens_compares_payloads(
    harness: ServerHarness, radicale: Radicale, no_sync_tokens: NoSyncTokenServer
) -> None:
    front = no_sync_tokens
    harness.add_calendar("c", CALENDAR)
    cal = calendar_for(
        harness, url=front.url(radicale.url), calendar=front.url(harness.calendar_url)
    )
    records, cursor = read_all(cal.read_calendar(WINDOW, None, lambda s: None))
    assert len(records) == 6
    assert front.refused == ["PROPFIND sync-token"]  # it asked, and got no token
    assert json.loads(cursor)["token"] == "" and json.loads(cursor)["digest"]
    counter = Counting(cal)
    assert read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))[0] == []
    assert "REPORT" in counter.methods  # a full read, found unchanged by its digest
    harness.add_calendar("c", CALENDAR.replace(b"#ask", b"#ask #declined"))
    records, _ = read_all(cal.read_calendar(WINDOW, cursor, lambda s: None))
    assert any("#declined" in r.summary for r in records)
    assert "REPORT sync-collection" not in front.refused  # never tried without a token
    cal.close()


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
