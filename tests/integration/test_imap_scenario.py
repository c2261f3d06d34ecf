"""The foundation scenario through `followthrough scan`, against Dovecot + Radicale.

Same data and the same expected asks and drafts as on local files
(tests/integration/test_scenario.py); drafts land in the IMAP Drafts folder.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterable, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import cast

import pytest
from caldav.davclient import DAVClient
from imapclient import IMAPClient

from draft_ids import followup_of
from followthrough.cli.main import main
from followthrough.config.secrets import credential_name
from integration import scenario as sc
from integration.servers import (
    PASSWORD,
    USER,
    Dovecot,
    DroppingProxy,
    Radicale,
    dovecot,
    radicale,
)
from workspace import Mail, Workspace

pytestmark = pytest.mark.external_service
__all__ = ["dovecot", "radicale"]  # fixtures


class ServerWorkspace(Workspace):
    """A config pointing at a fresh Dovecot user and Radicale calendar; the CLI on it."""

    def __init__(
        self, root: Path, dovecot: Dovecot, radicale: Radicale, *, imap_port: int | None = None
    ) -> None:
        self.dovecot = dovecot
        self.user = dovecot.add_user()
        self.calendar_url = radicale.add_calendar()
        self.radicale = radicale
        if imap_port is None:
            imap = (
                f'host = "127.0.0.1"\nport = {dovecot.tls_port}\ntls = "implicit"\n'
                f'ca_file = "{dovecot.cert}"'
            )
        else:  # through a proxy on loopback, plain IMAP (explicitly allowed there)
            imap = f'host = "127.0.0.1"\nport = {imap_port}\ntls = "none"'
        super().__init__(
            root,
            f"""
[user]
email = "alex@example.org"
name = "Alex Morgan"
timezone = "Europe/Berlin"

[account]
backend = "imap"

[account.imap]
{imap}
username = "{self.user}"

[account.caldav]
url = "{radicale.url}"
username = "{USER}"
calendar = "{self.calendar_url}"

[state]
dir = "state"
""",
        )
        creds = root / "credentials"
        creds.mkdir()
        for name in (f"{self.user}@127.0.0.1", f"{USER}@127.0.0.1"):
            (creds / credential_name(name)).write_text(PASSWORD + "\n")
        self.credentials = creds

    def imap(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.dovecot.port, ssl=False)
        client.login(self.user, PASSWORD)
        return client

    def deliver(self, folder: str, mails: Iterable[Mail]) -> None:
        """APPEND ``mails`` to the IMAP folder ``folder`` ("sent" and "inbox" mean Sent
        and INBOX), seen and flagged as they were."""
        folder = {"sent": "Sent", "inbox": "INBOX"}.get(folder, folder)
        with self.imap() as client:
            for m in mails:
                flags = [b"\\Seen"] + ([b"\\Flagged"] if m.flagged else [])
                client.append(folder, m.raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), flags)

    def put_calendar(self, entries: dict[str, str]) -> None:
        with DAVClient(
            url=self.radicale.url, username=USER, password=PASSWORD, require_tls=False
        ) as client:
            for name, text in entries.items():
                response = client.put(
                    self.calendar_url + name, text, {"Content-Type": "text/calendar"}
                )
                assert response.status in (201, 204)

    def drafts(self) -> dict[str, tuple[int, EmailMessage]]:
        """Messages in the IMAP Drafts folder, by X-Followthrough-Followup."""
        found: dict[str, tuple[int, EmailMessage]] = {}
        with self.imap() as client:
            client.select_folder("Drafts", readonly=True)
            uids = client.search(["NOT", "DELETED"])
            for uid, data in client.fetch(uids, [b"BODY.PEEK[]", b"FLAGS"]).items():
                msg = cast(EmailMessage, message_from_bytes(data[b"BODY[]"], policy=policy.default))
                assert b"\\Draft" in data[b"FLAGS"]
                known = followup_of(self.ledger_path, msg["Message-ID"])
                assert known is not None, f"draft {uid} is no follow-up's draft"
                fid = known[0]
                assert fid not in found, f"two drafts for {fid}"
                found[fid] = (uid, msg)
        return found

    def move_draft(self, uid: int, to: str | None) -> None:
        """The user sends the draft as is (a copy lands in Sent) or deletes it."""
        with self.imap() as client:
            client.select_folder("Drafts")
            if to is not None:
                raw = client.fetch([uid], [b"BODY.PEEK[]"])[uid][b"BODY[]"]
                client.append(to, raw, [b"\\Seen"])
            client.delete_messages([uid])
            client.expunge()


@pytest.fixture
def ws(
    tmp_path: Path, dovecot: Dovecot, radicale: Radicale, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ServerWorkspace]:
    w = ServerWorkspace(tmp_path, dovecot, radicale)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(w.credentials))
    w.deliver("Sent", sc.sent_at_start())
    w.put_calendar(sc.calendar())
    yield w


def test_foundation_scenario_on_dovecot_and_radicale(ws: ServerWorkspace) -> None:
    summary = ws.cli("scan", now=sc.T1)
    assert "9 new asks" in summary
    asks = ws.asks()
    assert set(asks) == sc.EXPECTED_ASKS
    assert asks["a2@example.org"]["due"] is None
    assert asks["a1@example.org"]["due"].startswith("2026-11-06")
    assert asks["a6@tests"]["helpers"] == ["grace@example.org"]
    assert asks["a7@tests"]["state"] == "delivered"
    assert set(ws.drafts()) == sc.expected_ids(asks, sc.DRAFTS_AFTER[sc.T1])
    ws.cli("cancel", asks["a12@example.org"]["id"], now=sc.T1)

    ws.deliver("INBOX", sc.inbox_by_wednesday())
    ws.deliver("Sent", sc.sent_by_wednesday())
    ws.cli("scan", now=sc.T2)
    asks = ws.asks()
    assert asks["a3@example.org"]["state"] == "delivered"
    assert asks["a4@example.org"]["state"] == "declined"
    assert asks["a5@example.org"]["state"] == "delivered"
    assert asks["a9@example.org"]["state"] == "acknowledged"
    want = sc.DRAFTS_AFTER[sc.T1] | sc.DRAFTS_AFTER[sc.T2]
    drafts = ws.drafts()
    assert set(drafts) == sc.expected_ids(asks, want)
    _, thanks = drafts[f"{asks['a3@example.org']['id']}-thanks"]
    assert thanks["In-Reply-To"] == "<a3@example.org>"
    assert thanks["To"].addresses[0].addr_spec == "dave@example.org"
    assert "onboarding checklist" in thanks.get_content()

    # the same scan again: nothing new, no second draft
    again = ws.cli("scan", now=sc.T2)
    assert "0 drafts written" in again
    assert set(ws.drafts()) == set(drafts)

    # Dave's thank-you sent as is, Erin's deleted, A3's outcome recorded
    ws.move_draft(drafts[f"{asks['a3@example.org']['id']}-thanks"][0], "Sent")
    ws.move_draft(drafts[f"{asks['a4@example.org']['id']}-thanks"][0], None)
    ws.cli("outcome", asks["a3@example.org"]["id"], "it", "went", "well", now=sc.T2)

    ws.cli("scan", now=sc.T3)
    want = (want - sc.DRAFTS_AFTER[sc.T2]) | sc.DRAFTS_AFTER[sc.T3]
    assert set(ws.drafts()) == sc.expected_ids(asks, want)
    states = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert states[f"{asks['a3@example.org']['id']}-thanks"] == "sent"
    assert states[f"{asks['a4@example.org']['id']}-thanks"] == "deleted"

    # the calendar ask's entry is edited to add #done: the ask is delivered
    entry = sc.calendar()["a6.ics"].replace(
        "Hiring plan review #ask", "Hiring plan review #ask #done"
    )
    ws.put_calendar({"a6.ics": entry})
    ws.cli("scan", now=sc.T3)
    assert ws.asks()["a6@tests"]["state"] == "delivered"

    # Sent and INBOX rebuilt on the server (new UIDVALIDITY): all read again, nothing doubled
    before = ws.asks()
    time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
    with ws.imap() as client:
        for box in ("Sent", "INBOX"):
            client.select_folder(box)
            uids = client.search(["ALL"])
            raws = [d[b"BODY[]"] for d in client.fetch(uids, [b"BODY.PEEK[]"]).values()]
            client.delete_messages(uids)
            client.expunge()
            client.close_folder()
            if box == "Sent":
                client.delete_folder("Sent")
                client.create_folder("Sent")
            for raw in raws:
                client.append(box, raw, [b"\\Seen"])
    out = ws.cli("scan", now=sc.T3)
    assert "0 new asks" in out and "0 drafts written" in out
    assert ws.asks() == before


def test_pass_interrupted_by_a_dropped_connection_recovers(
    tmp_path: Path, dovecot: Dovecot, radicale: Radicale, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthrough.backends.imap import reading

    monkeypatch.setattr(reading, "FETCH_BATCH", 2)
    proxy = DroppingProxy(dovecot.port)
    try:
        w = ServerWorkspace(tmp_path, dovecot, radicale, imap_port=proxy.port)
        monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(w.credentials))
        w.deliver("Sent", sc.sent_at_start())
        w.put_calendar(sc.calendar())
        proxy.drop_after = 4_000  # mid-way through reading Sent
        code, _ = w.run("scan", now=sc.T1)
        assert code == 3  # BackendError, reported
        proxy.drop_after = None
        # The calendar step committed before the drop, and so did what Sent's reading had
        # recorded by then (progress is committed message by message: issue 13).
        partial = set(w.asks())
        assert {"a6@tests", "a7@tests"} <= partial < sc.EXPECTED_ASKS
        assert f"{len(sc.EXPECTED_ASKS - partial)} new asks" in w.cli("scan", now=sc.T1)
        assert set(w.asks()) == sc.EXPECTED_ASKS
        assert "0 new asks" in w.cli("scan", now=sc.T1)
        assert len(w.drafts()) == 1  # A7's outcome note, once
    finally:
        proxy.close()


def test_doctor_reports_folders_and_calendar(ws: ServerWorkspace) -> None:
    out = ws.cli("doctor")
    assert "IMAP sent: 'Sent', 9 messages" in out
    assert "IMAP drafts: 'Drafts'" in out
    assert "sync tokens (incremental)" in out
    assert "all good." in out


def test_doctor_wrong_password(ws: ServerWorkspace) -> None:
    (ws.credentials / credential_name(f"{ws.user}@127.0.0.1")).write_text("wrong\n")
    code, out = ws.run("doctor")
    assert code == 1
    assert "refused the login" in out
    assert "followthrough login" in out


def test_send_and_review_work_on_an_imap_account(
    ws: ServerWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 1: `send` and `review` hand IMAP drafts to SMTP; the sent copy is
    filed in the IMAP Sent folder and the draft removed, and the next scan sees it sent."""
    from integration.smtp_sink import PASSWORD as SMTP_PASSWORD
    from integration.smtp_sink import USER as SMTP_USER
    from integration.smtp_sink import SmtpSink

    sink = SmtpSink().start()
    try:
        ws.config.write_text(ws.config.read_text() + sink.config())
        (ws.credentials / credential_name(f"{SMTP_USER}@127.0.0.1")).write_text(SMTP_PASSWORD)
        ws.cli("scan", now=sc.T1)
        drafts = ws.drafts()
        fid = sorted(drafts)[0]
        _, draft = drafts[fid]
        monkeypatch.setattr("sys.stdin", io.StringIO("s\n" * len(drafts)))
        code, out = ws.run("review", now=sc.T1)  # skips every draft
        assert code == 0 and "cannot hand" not in out, out
        assert f"draft 1 of {len(drafts)}" in out and "Subject: " in out
        out = ws.cli("send", fid, "--yes", now=sc.T1)
        assert f"sent {fid}" in out
        [received] = sink.received
        assert received.message["Message-ID"] == draft["Message-ID"]
        assert fid not in ws.drafts()
        with ws.imap() as client:
            client.select_folder("Sent", readonly=True)
            copies = client.search(["HEADER", "Message-ID", str(draft["Message-ID"])])
        assert len(copies) == 1
        ws.cli("scan", now=sc.T1)
        rows = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json", "--all", now=sc.T1))}
        assert rows[fid]["state"] == "sent"
    finally:
        sink.stop()


def test_login_keys_secrets_by_service_and_checks_each(
    ws: ServerWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15 item 2/5: IMAP and CalDAV get a secret each; a password the server
    refuses is not stored; a second login asks nothing; no more IMAP-for-CalDAV loop."""
    monkeypatch.delenv("CREDENTIALS_DIRECTORY")
    store = ws.root / "secrets"
    ws.config.write_text(ws.config.read_text() + f'\n[secrets]\nstore = "file"\ndir = "{store}"\n')
    answers = {"IMAP": ["wrong one", PASSWORD], "CalDAV": [PASSWORD]}
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers[prompt.split()[0]].pop(0)

    monkeypatch.setattr("getpass.getpass", getpass)
    out = ws.cli("login")
    assert "refused" in out and "try again" in out
    assert len(prompts) == 3 and prompts[0].startswith("IMAP password for ")
    assert prompts[2].startswith("CalDAV password for ")
    names = sorted(p.name for p in store.iterdir())
    assert names == [
        f"caldav-{USER}@127.0.0.1.password",
        f"imap-{ws.user}@127.0.0.1.password",
    ]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in store.iterdir())
    assert store.stat().st_mode & 0o777 == 0o700
    out = ws.cli("login")  # everything stored and accepted: not one question
    assert len(prompts) == 3 and out.count("already accepted by the server") == 2
    out = ws.cli("doctor")
    assert "all good." in out


def test_starttls_against_the_imaps_port_fails_fast_and_says_why(
    ws: ServerWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthrough.backends.imap import connection

    monkeypatch.setattr(connection, "GREETING_WAIT", 1.0)
    ws.config.write_text(ws.config.read_text().replace('tls = "implicit"', 'tls = "starttls"'))
    code, out = ws.run("doctor")
    assert code == 1
    assert "sent no greeting" in out and 'tls = "implicit"' in out
    assert "all good" not in out


def test_doctor_flags_a_caldav_user_without_calendars(
    ws: ServerWorkspace, radicale: Radicale
) -> None:
    text = ws.config.read_text()
    calendar_line = next(ln for ln in text.splitlines() if ln.startswith("calendar = "))
    ws.config.write_text(text.replace(calendar_line, ""))
    with (radicale.root / "users").open("a") as users:
        users.write(f"nobody:{PASSWORD}\n")  # a user with no calendar yet
    (ws.credentials / credential_name("nobody@127.0.0.1")).write_text(PASSWORD)
    ws.config.write_text(
        ws.config.read_text().replace(f'username = "{USER}"', 'username = "nobody"')
    )
    code, out = ws.run("doctor")
    assert code == 1, out
    assert "lists no calendar for this user" in out
    assert "all good" not in out


def test_init_sets_up_an_imap_and_caldav_account_end_to_end(
    dovecot: Dovecot, radicale: Radicale, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`init --non-interactive` for a self-hoster's Dovecot + Radicale: the secrets come
    from the environment, are checked against each server and stored (file store), and
    doctor ends "all good"."""
    import os

    user = dovecot.add_user()
    calendar = radicale.add_calendar()
    monkeypatch.setenv("FOLLOWTHROUGH_IMAP_PASSWORD", PASSWORD)
    monkeypatch.setenv("FOLLOWTHROUGH_CALDAV_PASSWORD", PASSWORD)
    config = tmp_path / "config.toml"
    out = io.StringIO()
    code = main(
        [
            "--config",
            str(config),
            "init",
            "--non-interactive",
            "--backend=imap",
            "--email=alex@example.org",
            "--timezone=Europe/Berlin",
            "--imap-host=127.0.0.1",
            f"--imap-user={user}",
            "--imap-tls=none",
            f"--imap-port={dovecot.port}",
            f"--caldav-url={radicale.url}",
            f"--caldav-user={USER}",
            f"--caldav-calendar={calendar}",
            "--send=none",
            "--secrets=file",
            "--no-unit",
        ],
        out=out,
    )
    text = out.getvalue()
    assert code == 0, text
    assert text.count("(the server accepted it)") == 2 and "all good." in text
    stored = sorted(p.name for p in (tmp_path / "credentials").iterdir())
    assert stored == [f"caldav-{USER}@127.0.0.1.password", f"imap-{user}@127.0.0.1.password"]
    out = io.StringIO()
    assert main(["--config", str(config), "doctor"], out=out) == 0, out.getvalue()
    assert "all good." in out.getvalue()
    assert os.stat(config).st_mode & 0o777 == 0o600
