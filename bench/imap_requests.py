"""IMAP commands and CalDAV requests per pass, counted on the wire.

Starts Dovecot and Radicale (tests/integration/servers.py), seeds 1,000 messages
(700 inbox, 300 sent, 30 of them flagged) and 500 events (50 weekly series), then runs
the backend the way a pass does — a new connection and login per pass, Sent, Inbox,
then the calendar — through counting TCP proxies:

1. first sync (no cursors),
2. a pass with no changes,
3. a pass with 10 new items (5 sent + 5 inbox messages) and 10 new events,
4. a pass after 3 old Sent messages were flagged.

Run: .venv/bin/python bench/imap_requests.py   (needs dovecot-imapd installed)
"""

from __future__ import annotations

import re
import socket
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "daemon")]

from caldav.davclient import DAVClient  # noqa: E402
from imapclient import IMAPClient  # noqa: E402

from followthrough.backends.standard import StandardAccount  # noqa: E402
from followthrough.config.accounts import CaldavSettings, ImapSettings  # noqa: E402
from followthrough.model import Window  # noqa: E402
from integration.servers import PASSWORD, USER, Dovecot, Radicale, hang_up  # noqa: E402

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 2, 12, tzinfo=TZ)
WINDOW = Window(NOW - timedelta(days=60), NOW + timedelta(days=90))
IMAP_COMMAND = re.compile(rb"^[A-Za-z0-9]+ (?:UID )?([A-Za-z]+)", re.M)
HTTP_REQUEST = re.compile(
    rb"(?:^|\r\n)(GET|PUT|POST|HEAD|OPTIONS|DELETE|PROPFIND|REPORT|MKCALENDAR) /"
)

UNAUTHORIZED = re.compile(rb"(?:^|\r\n)HTTP/1\.[01] 401 ")


class CountingProxy:
    """Forwards 127.0.0.1:port to the server; counts what the client sends."""

    def __init__(self, target: int, pattern: re.Pattern[bytes]) -> None:
        self.target, self.pattern = target, pattern
        self.counts: Counter[str] = Counter()
        self.bytes_in = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while data := src.recv(65536):
                if upstream:
                    for m in self.pattern.finditer(data):
                        self.counts[m.group(1).decode().upper()] += 1
                else:
                    self.bytes_in += len(data)
                    self.counts["(401 answers)"] += len(UNAUTHORIZED.findall(data))
                dst.sendall(data)
        except OSError:
            pass
        hang_up(src, dst)

    def take(self) -> tuple[Counter[str], int]:
        time.sleep(0.2)  # let the pipes drain
        counts, size = self.counts, self.bytes_in
        self.counts, self.bytes_in = Counter(), 0
        return counts, size


def message(i: int, folder: str) -> bytes:
    day = NOW - timedelta(days=i % 50, minutes=i)
    return (
        f"From: {'alex@example.org' if folder == 'Sent' else f'p{i}@example.com'}\r\n"
        f"To: {f'p{i}@example.com' if folder == 'Sent' else 'alex@example.org'}\r\n"
        f"Subject: message {i}\r\nDate: {day:%a, %d %b %Y %H:%M:%S %z}\r\n"
        f"Message-ID: <m{i}@{folder.lower()}.example>\r\n\r\n"
        f"Could you look at item {i} by Friday?\r\n" + "Some more text.\r\n" * 40
    ).encode()


def event(i: int) -> str:
    start = (NOW + timedelta(days=(i % 120) - 40, hours=i % 8)).astimezone(ZoneInfo("UTC"))
    rrule = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if i % 10 == 0 else ""
    tag = " #ask" if i % 7 == 0 else ""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:ev{i}@bench\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start:%Y%m%dT%H%M%SZ}\r\n"
        f"DURATION:PT1H\r\n{rrule}SUMMARY:Event {i}{tag}\r\n"
        "ATTENDEE:mailto:bob@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def seed_mail(dovecot: Dovecot, user: str, start: int, count: int, flagged: int = 0) -> None:
    with IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as client:
        client.login(user, PASSWORD)
        for i in range(start, start + count):
            folder = "Sent" if i % 10 < 3 else "INBOX"
            flags = [b"\\Seen"] + ([b"\\Flagged"] if folder == "Sent" and i < flagged * 10 else [])
            client.append(folder, message(i, folder), flags)


def seed_events(radicale: Radicale, url: str, start: int, count: int) -> None:
    with DAVClient(url=radicale.url, username=USER, password=PASSWORD, require_tls=False) as c:
        for i in range(start, start + count):
            c.put(f"{url}ev{i}.ics", event(i), {"Content-Type": "text/calendar"})


def main() -> None:
    dovecot, radicale = Dovecot().start(), Radicale().start()
    try:
        user = dovecot.add_user()
        cal_url = radicale.add_calendar()
        seed_mail(dovecot, user, 0, 1000, flagged=3)
        seed_events(radicale, cal_url, 0, 500)
        imap_proxy = CountingProxy(dovecot.port, IMAP_COMMAND)
        dav_proxy = CountingProxy(radicale.port, HTTP_REQUEST)
        imap = ImapSettings(
            host="127.0.0.1", port=imap_proxy.port, username=user, tls="none", timeout=30
        )
        dav = CaldavSettings(
            url=f"http://127.0.0.1:{dav_proxy.port}/",
            username=USER,
            calendar=cal_url.replace(str(radicale.port), str(dav_proxy.port)),
            timeout=30,
        )
        cursors: dict[str, str | None] = {"sent": None, "inbox": None, "calendar": None}

        def one_pass(name: str) -> None:
            started = time.monotonic()
            account = StandardAccount(imap, PASSWORD, TZ, dav, PASSWORD)
            read: Counter[str] = Counter()
            for folder in ("sent", "inbox"):
                batch = account.read_mail(folder, cursors[folder], lambda s: None)  # type: ignore[arg-type]
                read[folder] = sum(1 for _ in batch.records)
                cursors[folder] = batch.cursor()
            cal = account.read_calendar(WINDOW, cursors["calendar"], lambda s: None)
            read["occurrences"] = sum(1 for _ in cal.records)
            cursors["calendar"] = cal.cursor()
            account.close()
            seconds = time.monotonic() - started
            imap_counts, imap_bytes = imap_proxy.take()
            imap_counts.pop("(401 answers)", None)
            dav_counts, dav_bytes = dav_proxy.take()
            print(f"\n{name}  ({seconds:.2f}s)")
            print(
                f"  read: {read['sent']} sent, {read['inbox']} inbox, "
                f"{read['occurrences']} calendar occurrences"
            )
            print(
                f"  IMAP commands: {sum(imap_counts.values())}  "
                f"({', '.join(f'{k} {v}' for k, v in sorted(imap_counts.items()))}); "
                f"{imap_bytes / 1024:.0f} KiB received"
            )
            print(
                f"  CalDAV requests: {sum(dav_counts.values()) - dav_counts['(401 answers)']}  "
                f"({', '.join(f'{k} {v}' for k, v in sorted(dav_counts.items()))}); "
                f"{dav_bytes / 1024:.0f} KiB received"
            )

        print("1,000 messages (300 sent, 700 inbox), 500 events (50 weekly series)")
        one_pass("first sync")
        one_pass("no changes")
        seed_mail(dovecot, user, 1000, 10)
        seed_events(radicale, cal_url, 500, 10)
        one_pass("10 new messages + 10 new events")
        with IMAPClient("127.0.0.1", port=dovecot.port, ssl=False) as client:
            client.login(user, PASSWORD)
            client.select_folder("Sent")
            client.add_flags(client.search(["UNFLAGGED"])[:3], [b"\\Flagged"])
        one_pass("3 old Sent messages flagged")
        one_pass("no changes again")
    finally:
        dovecot.stop()
        radicale.stop()


if __name__ == "__main__":
    main()
