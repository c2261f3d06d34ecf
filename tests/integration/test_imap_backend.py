"""The IMAP + CalDAV backend against a real Dovecot and a real Radicale."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest
from caldav.davclient import DAVClient
from imapclient import IMAPClient

from backend_conformance import (
    ASK,
    CALENDAR,
    LATER,
    REPLY,
    TZ,
    WINDOW,
    BackendConformance,
    read_all,
)
from followthrough.backends.standard import StandardAccount
from followthrough.config.accounts import CaldavSettings, ImapSettings
from followthrough.errors import BackendError, ConfigError
from followthrough.model import Folder, Skipped
from integration.servers import (
    PASSWORD,
    USER,
    Dovecot,
    DroppingProxy,
    Radicale,
    dovecot,
    radicale,
)

pytestmark = pytest.mark.external_service
__all__ = ["dovecot", "radicale"]  # fixtures

FOLDERS = {"inbox": "INBOX", "sent": "Sent", "drafts": "Drafts"}


class ServerHarness:
    """Seeds a Dovecot user and a Radicale calendar the way a mail client would."""

    def __init__(self, dovecot: Dovecot, radicale: Radicale, *, tls: bool = True) -> None:
        self.dovecot = dovecot
        self.radicale = radicale
        self.user = dovecot.add_user()
        self.calendar_url = radicale.add_calendar()
        self.tls = tls
        self.port = dovecot.tls_port if tls else dovecot.port
        self.resources: dict[str, list[str]] = {}
        self.opened: list[StandardAccount] = []

    def imap_settings(self, **changes: Any) -> ImapSettings:
        values: dict[str, Any] = {
            "host": "127.0.0.1",
            "port": self.port,
            "username": self.user,
            "tls": "implicit" if self.tls else "none",
            "ca_file": self.dovecot.cert if self.tls else None,
            "timeout": 10.0,
        }
        values.update(changes)
        return ImapSettings(**values)

    def caldav_settings(self, **changes: Any) -> CaldavSettings:
        values: dict[str, Any] = {
            "url": self.radicale.url,
            "username": USER,
            "calendar": self.calendar_url,
            "timeout": 10.0,
        }
        values.update(changes)
        return CaldavSettings(**values)

    def imap(self) -> IMAPClient:
        client = IMAPClient("127.0.0.1", port=self.dovecot.port, ssl=False)
        client.login(self.user, PASSWORD)
        return client

    # --- BackendHarness ---------------------------------------------------------------

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        flags = [b"\\Seen"] + ([b"\\Flagged"] if flagged else [])
        with self.imap() as client:
            client.append(
                FOLDERS[folder], raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), flags
            )

    def _uids(self, client: IMAPClient, folder: str, message_id: str) -> list[int]:
        client.select_folder(folder)
        return list(client.search(["HEADER", "Message-ID", f"<{message_id}>"]))

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        with self.imap() as client:
            uids = self._uids(client, FOLDERS[folder], message_id)
            assert uids
            if flagged:
                client.add_flags(uids, [b"\\Flagged"])
            else:
                client.remove_flags(uids, [b"\\Flagged"])

    def delete_message(self, folder: Folder, message_id: str) -> None:
        with self.imap() as client:
            uids = self._uids(client, FOLDERS[folder], message_id)
            assert uids
            client.delete_messages(uids)
            client.expunge()

    def delete_draft(self, ref: str) -> None:
        self.delete_message("drafts", ref)

    def dav(self) -> DAVClient:
        return DAVClient(url=self.radicale.url, username=USER, password=PASSWORD, require_tls=False)

    def add_calendar(self, name: str, ics: bytes) -> None:
        """One CalDAV resource per UID (CalDAV's rule); replaces what ``name`` had."""
        source = icalendar.Calendar.from_ical(ics)
        by_uid: dict[str, icalendar.Calendar] = {}
        for component in source.subcomponents:
            uid = str(component.get("UID", ""))
            if component.name != "VEVENT" or not uid:
                continue
            if uid not in by_uid:
                cal = icalendar.Calendar()
                cal.add("prodid", "-//followthrough//tests//EN")
                cal.add("version", "2.0")
                by_uid[uid] = cal
            by_uid[uid].add_component(component)
        urls = []
        with self.dav() as client:
            for uid, cal in by_uid.items():
                url = f"{self.calendar_url}{name}-{uid.replace('@', '_')}.ics"
                response = client.put(
                    url, cal.to_ical().decode(), {"Content-Type": "text/calendar; charset=utf-8"}
                )
                assert response.status in (201, 204), response.status
                urls.append(url)
            for stale in set(self.resources.get(name, [])) - set(urls):
                client.delete(stale)
        self.resources[name] = urls

    def account(self, **imap_changes: Any) -> StandardAccount:
        account = StandardAccount(
            self.imap_settings(**imap_changes),
            PASSWORD,
            TZ,
            self.caldav_settings(),
            PASSWORD,
        )
        self.opened.append(account)
        return account

    def close(self) -> None:
        for account in self.opened:
            account.close()


@pytest.fixture
def harness(dovecot: Dovecot, radicale: Radicale) -> Iterator[ServerHarness]:
    h = ServerHarness(dovecot, radicale)
    yield h
    h.close()


class TestImapCaldavBackend(BackendConformance):
    """The shared conformance suite, over IMAPS (verified with the test's CA) + CalDAV."""


class TestImapPlainLoopback(BackendConformance):
    """The same suite over plain IMAP, explicitly allowed for 127.0.0.1."""

    @pytest.fixture
    def harness(self, dovecot: Dovecot, radicale: Radicale) -> Iterator[ServerHarness]:
        h = ServerHarness(dovecot, radicale, tls=False)
        yield h
        h.close()


class TestImapWithoutCondstore(BackendConformance):
    """A server without CONDSTORE: flags are compared with the cursor's flagged UIDs."""

    @pytest.fixture
    def harness(self, radicale: Radicale) -> Iterator[ServerHarness]:
        server = Dovecot(condstore=False).start()
        h = ServerHarness(server, radicale)
        yield h
        h.close()
        server.stop()

    def test_no_condstore_is_detected(self, harness: ServerHarness) -> None:
        account = harness.account()
        account.mailbox.connect()
        assert b"CONDSTORE" not in account.mailbox.capabilities


# ---- IMAP behaviour beyond the shared suite --------------------------------------------


def test_folders_found_by_special_use_and_overridable(harness: ServerHarness) -> None:
    with harness.imap() as client:
        client.create_folder("Archive/Sent 2025")
    account = harness.account()
    assert account.mailbox.folder_name("sent") == "Sent"
    assert account.mailbox.folder_name("drafts") == "Drafts"
    harness.add_message("sent", ASK)
    other = harness.account(sent="Archive/Sent 2025")
    assert other.mailbox.folder_name("sent") == "Archive/Sent 2025"
    assert list(other.read_mail("sent", None, lambda s: None).records) == []


def test_reading_never_sets_seen(harness: ServerHarness) -> None:
    with harness.imap() as client:
        client.append("INBOX", REPLY.replace(b"\n", b"\r\n"), flags=[])
    [record] = list(harness.account().read_mail("inbox", None, lambda s: None).records)
    assert "seen" not in record.marks
    with harness.imap() as client:
        client.select_folder("INBOX")
        assert client.search(["UNSEEN"]) != []


def test_uidvalidity_change_reads_the_folder_again(harness: ServerHarness) -> None:
    harness.add_message("sent", ASK)
    account = harness.account()
    [first], cursor = read_all(account.read_mail("sent", None, lambda s: None))
    # The folder is rebuilt (a restore, a server move): new UIDVALIDITY, same messages.
    time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
    with harness.imap() as client:
        client.delete_folder("Sent")
        client.create_folder("Sent")
    harness.add_message("sent", LATER)
    harness.add_message("sent", ASK)
    records, cursor2 = read_all(account.read_mail("sent", cursor, lambda s: None))
    assert [r.message_id for r in records] == ["reply-2@example.com", "ask-1@example.org"]
    assert json.loads(cursor2)["v"] != json.loads(cursor)["v"]
    assert records[1].ref != first.ref
    assert read_all(account.read_mail("sent", cursor2, lambda s: None))[0] == []


def test_message_deleted_on_the_server(harness: ServerHarness) -> None:
    harness.add_message("inbox", REPLY)
    harness.add_message("inbox", LATER)
    account = harness.account()
    _, cursor = read_all(account.read_mail("inbox", None, lambda s: None))
    harness.delete_message("inbox", "reply-1@example.com")
    records, cursor2 = read_all(account.read_mail("inbox", cursor, lambda s: None))
    assert records == []
    harness.add_message("inbox", ASK.replace(b"ask-1@", b"ask-9@"))
    records, _ = read_all(account.read_mail("inbox", cursor2, lambda s: None))
    assert [r.message_id for r in records] == ["ask-9@example.org"]


def test_flag_keyword_marks_an_ask(harness: ServerHarness) -> None:
    harness.add_message("sent", ASK)
    account = harness.account(flag_keyword="$Ask")
    [record], cursor = read_all(account.read_mail("sent", None, lambda s: None))
    assert "flagged" not in record.marks
    with harness.imap() as client:
        client.select_folder("Sent")
        client.add_flags(client.search(["ALL"]), [b"$Ask"])
    [again], _ = read_all(account.read_mail("sent", cursor, lambda s: None))
    assert {"flagged", "$ask"} <= again.marks


def test_large_folder_is_fetched_in_batches(harness: ServerHarness) -> None:
    with harness.imap() as client:
        for i in range(450):
            raw = LATER.replace(b"reply-2@", f"m{i}@".encode()).replace(b"\n", b"\r\n")
            client.append("INBOX", raw, [b"\\Seen"])
    records, cursor = read_all(harness.account().read_mail("inbox", None, lambda s: None))
    assert len({r.message_id for r in records}) == 450
    assert '"n": 451' in cursor


def test_connection_dropped_mid_pass_recovers_without_duplicates(
    harness: ServerHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthrough.backends.imap import reading

    monkeypatch.setattr(reading, "FETCH_BATCH", 10)
    with harness.imap() as client:
        for i in range(30):
            raw = LATER.replace(b"reply-2@", f"m{i}@".encode()).replace(b"\n", b"\r\n")
            client.append("INBOX", raw + b"x" * 2000, [b"\\Seen"])
    proxy = DroppingProxy(harness.dovecot.port)
    try:
        proxy.drop_after = 30_000  # bytes: after login and the first batch of 10
        account = harness.account(port=proxy.port, tls="none", ca_file=None)
        seen: list[str] = []
        with pytest.raises(BackendError) as caught:
            batch = account.read_mail("inbox", None, lambda s: None)
            for record in batch.records:
                seen.append(record.message_id)
            batch.cursor()
        assert caught.value.transient
        assert 0 < len(seen) < 30
        # The pass stored no cursor; the next pass reads from the same (empty) cursor.
        proxy.drop_after = None
        records, cursor = read_all(account.read_mail("inbox", None, lambda s: None))
        assert sorted(r.message_id for r in records) == sorted(
            f"m{i}@example.com" for i in range(30)
        )
        assert read_all(account.read_mail("inbox", cursor, lambda s: None))[0] == []
    finally:
        proxy.close()


def test_wrong_password_is_clear_and_not_retried(harness: ServerHarness) -> None:
    proxy = DroppingProxy(harness.dovecot.port)
    try:
        account = StandardAccount(
            harness.imap_settings(port=proxy.port, tls="none", ca_file=None), "wrong", TZ
        )
        with pytest.raises(BackendError) as caught:
            account.read_mail("sent", None, lambda s: None)
        assert not caught.value.transient
        assert "refused the login" in str(caught.value)
        assert "followthrough login" in str(caught.value)
        for _ in range(3):  # the rest of the pass: no new login attempts
            with pytest.raises(BackendError):
                account.read_mail("inbox", None, lambda s: None)
            with pytest.raises(BackendError):
                account.draft_state("x@y")
        assert proxy.connections == 1
    finally:
        proxy.close()


def test_certificate_not_trusted_is_a_clear_error(harness: ServerHarness) -> None:
    account = StandardAccount(harness.imap_settings(ca_file=None), PASSWORD, TZ)
    with pytest.raises(BackendError) as caught:
        account.read_mail("sent", None, lambda s: None)
    assert "certificate" in str(caught.value)
    assert "ca_file" in str(caught.value)
    assert not caught.value.transient


def test_plain_imap_refused_for_a_remote_host() -> None:
    with pytest.raises(ConfigError, match="only allowed for a server on this machine"):
        StandardAccount(
            ImapSettings(host="mail.example.org", username="ann", port=143, tls="none"), "pw", TZ
        )


def test_draft_appended_with_draft_flag(harness: ServerHarness) -> None:
    account = harness.account()
    draft = EmailMessage()
    draft["From"] = "ann@example.org"
    draft["To"] = "bob@example.com"
    draft["Subject"] = "Thanks"
    draft["Message-ID"] = "<d-9@followthrough.invalid>"
    draft.set_content("Thanks!\n")
    ref = account.save_draft(draft, None)
    assert ref == "d-9@followthrough.invalid"
    assert account.find_draft("<d-9@followthrough.invalid>") == ref
    assert account.find_draft("other@x") is None
    with harness.imap() as client:
        client.select_folder("Drafts")
        [uid] = client.search(["HEADER", "Message-ID", "<d-9@followthrough.invalid>"])
        flags = client.get_flags([uid])[uid]
    assert set(flags) - {b"\\Recent"} == {b"\\Draft", b"\\Seen"}


def test_draft_deleted_from_the_server_only_ours(harness: ServerHarness) -> None:
    account = harness.account()
    for n in (1, 2):
        draft = EmailMessage()
        draft["From"] = "ann@example.org"
        draft["To"] = "bob@example.com"
        draft["Subject"] = f"Check-in {n}"
        draft["Message-ID"] = f"<stale-{n}@followthrough.invalid>"
        draft.set_content("How is it going?\n")
        account.save_draft(draft, None)
    assert account.delete_draft("stale-1@followthrough.invalid") is True
    assert account.draft_state("stale-1@followthrough.invalid") == "gone"
    assert account.draft_state("stale-2@followthrough.invalid") == "pending"
    assert account.delete_draft("stale-1@followthrough.invalid") is False
    with harness.imap() as client:
        client.select_folder("Drafts")
        assert len(client.search(["ALL"])) == 1


def test_skips_are_reported_not_fatal(harness: ServerHarness) -> None:
    with harness.imap() as client:
        client.append("INBOX", b"\x00\x01\x02 not mail at all\r\n", [b"\\Seen"])
    harness.add_message("inbox", REPLY)
    skips: list[Skipped] = []
    records = list(harness.account().read_mail("inbox", None, skips.append).records)
    assert [r.message_id for r in records] == ["reply-1@example.com"]
    assert len(skips) == 1 and "imap:127.0.0.1/INBOX/" in skips[0].where


def test_calendar_window_only(harness: ServerHarness) -> None:
    harness.add_calendar("calendar.ics", CALENDAR)
    records = list(harness.account().read_calendar(WINDOW, None, lambda s: None).records)
    assert all(WINDOW.start <= r.start < WINDOW.end for r in records)


# ---- config ----------------------------------------------------------------------------


def _config(tmp_path: Any, account: dict[str, Any]) -> Any:
    from followthrough.config.settings import settings_from_dict

    data = {"user": {"email": "ann@example.org"}, "account": {"backend": "imap", **account}}
    return settings_from_dict(tmp_path / "config.toml", data)


def test_config_one_account_three_protocols(tmp_path: Any) -> None:
    from followthrough.service.checks import secret_names

    s = _config(
        tmp_path,
        {
            "imap": {"host": "mail.example.org", "username": "ann", "tls": "starttls"},
            "caldav": {"url": "https://dav.example.org/", "username": "ann", "calendar": "Work"},
            "smtp": {"host": "mail.example.org", "username": "ann"},
        },
    )
    assert s.imap.port == 143 and s.imap.tls == "starttls" and s.imap.sent is None
    assert s.caldav.calendar == "Work"
    assert (s.smtp.port, s.smtp.tls) == (465, "implicit")
    # one secret per service, even where IMAP and SMTP share user and host (issue 15)
    assert secret_names(s) == [
        ("imap-ann@mail.example.org.password", "IMAP password"),
        ("caldav-ann@dav.example.org.password", "CalDAV password"),
        ("smtp-ann@mail.example.org.password", "SMTP password"),
    ]


def test_config_problems_named_by_key(tmp_path: Any) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(
            tmp_path,
            {
                "imap": {"host": "mail.example.org", "username": "ann", "tls": "none", "pw": 1},
                "caldav": {"url": "http://dav.example.org/", "username": "ann"},
                "smtp": {"host": "smtp.example.org", "tls": "ssl"},
            },
        )
    text = str(caught.value)
    assert '[account.imap].tls: "none" sends your password in the clear' in text
    assert "[account.imap].pw: unknown key" in text
    assert "[account.caldav].url: http:// sends your password in the clear" in text
    assert "[account.smtp].username: required" in text
    assert "[account.smtp].tls: expected one of: implicit, starttls, none" in text
    with pytest.raises(ConfigError, match=r"\[account.imap\]: required"):
        _config(tmp_path, {})


def test_config_plain_allowed_on_loopback(tmp_path: Any) -> None:
    s = _config(tmp_path, {"imap": {"host": "::1", "username": "ann", "tls": "none"}})
    assert s.imap.tls == "none" and s.imap.port == 143
