"""Network: certificates are verified everywhere by default. Turning protection off
(plain IMAP/SMTP/CalDAV, Exchange without certificate checks) needs an explicit option,
is refused for any host but this machine, and logs a warning at every start.

Real servers with untrusted certificates are refused in test_smtp.py and
test_imap_backend.py; here each setting and its refusal is checked directly.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter

from followthrough.backends.davcal import DavCalendar
from followthrough.backends.exchange.connect import connect as connect_exchange
from followthrough.backends.imap.connection import tls_context
from followthrough.backends.imap.mailbox import ImapMailbox
from followthrough.config.accounts import CaldavSettings, ImapSettings, SmtpSettings
from followthrough.config.microsoft import ExchangeSettings
from followthrough.config.secrets import credential_name
from followthrough.config.settings import settings_from_dict
from followthrough.errors import BackendError, ConfigError, FollowthroughError
from followthrough.outbox import smtp as smtp
from integration.servers import free_port

TZ = ZoneInfo("UTC")
BASE: dict[str, Any] = {
    "user": {"email": "me@example.org"},
    "local": {"sent": "S", "inbox": "I", "drafts": "D"},
}


def problems(tmp_path: Path, data: dict[str, Any]) -> str:
    with pytest.raises(ConfigError) as caught:
        settings_from_dict(tmp_path / "config.toml", {**BASE, **data})
    return "\n".join(caught.value.problems)


def test_tls_contexts_verify_certificates_and_host_names(tmp_path: Path) -> None:
    contexts = [
        tls_context(None),
        smtp._context(SmtpSettings(host="mail.example.org", username="me")),
    ]
    for context in contexts:
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.check_hostname is True
        assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
    caldav = DavCalendar(CaldavSettings(url="https://dav.example.org/", username="me"), "pw", TZ)
    assert caldav.client.ssl_verify_cert is True
    # defaults: IMAP and SMTP speak TLS from the first byte, Exchange verifies
    assert ImapSettings(host="h", username="u").tls == "implicit"
    assert SmtpSettings(host="h", username="u").tls == "implicit"
    assert ExchangeSettings(email="a@b", ews_url=None, auth="ntlm", username="a").verify_tls


@pytest.mark.parametrize("host", ["mail.example.org", "10.0.0.1", "127.0.0.1.evil.example"])
def test_turning_protection_off_is_refused_for_other_hosts(tmp_path: Path, host: str) -> None:
    account = {
        "backend": "imap",
        "imap": {"host": host, "username": "me", "tls": "none"},
        "smtp": {"host": host, "username": "me", "tls": "none"},
        "caldav": {"url": f"http://{host}/dav/", "username": "me"},
    }
    found = problems(tmp_path, {"account": account})
    assert '[account.imap].tls: "none" sends your password in the clear' in found
    assert '[account.smtp].tls: "none" sends your password in the clear' in found
    assert "[account.caldav].url: http:// sends your password in the clear" in found
    exchange_t = {"ews_url": f"https://{host}/EWS/Exchange.asmx", "verify_tls": False}
    found = problems(tmp_path, {"account": {"backend": "exchange"}, "exchange": exchange_t})
    assert "[exchange].verify_tls: turning certificate checks off is refused" in found
    found = problems(
        tmp_path, {"account": {"backend": "exchange"}, "exchange": {"verify_tls": False}}
    )
    assert "[exchange].verify_tls: cannot be off with autodiscover" in found
    # and the backends refuse it again, whatever built their settings
    with pytest.raises(ConfigError):
        ImapMailbox(ImapSettings(host=host, username="me", tls="none", port=143), "pw", TZ)
    with pytest.raises(ConfigError):
        smtp._connect(SmtpSettings(host=host, username="me", tls="none", port=25), "pw")
    with pytest.raises(ConfigError):
        DavCalendar(CaldavSettings(url=f"http://{host}/dav/", username="me"), "pw", TZ)


def test_plain_connections_to_this_machine_are_said_once_not_at_every_command(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 15: the warning was on every command. Opening a connection logs it at
    debug level; the service says it once when it starts, `doctor` lists it."""
    caplog.set_level(logging.DEBUG)
    port = free_port()  # nothing listens there
    for _ in range(2):
        ImapMailbox(ImapSettings(host="127.0.0.1", username="me", tls="none", port=port), "p", TZ)
        with pytest.raises(BackendError):
            smtp._connect(
                SmtpSettings(host="127.0.0.1", username="me", tls="none", port=port, timeout=5),
                "p",
            )
        DavCalendar(CaldavSettings(url=f"http://127.0.0.1:{port}/", username="me"), "p", TZ)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    for what in ("IMAP 127.0.0.1", "SMTP 127.0.0.1", "CalDAV 127.0.0.1"):
        assert not [w for w in warnings if w.startswith(what)], (what, warnings)
        assert sum(d.startswith(what) for d in debug) == 2, (what, debug)


def test_exchange_without_certificate_checks_warns_and_never_leaks_to_the_next_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / credential_name("me@example.org")).write_text("pw")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    monkeypatch.setattr(BaseProtocol, "HTTP_ADAPTER_CLS", BaseProtocol.HTTP_ADAPTER_CLS)
    port = free_port()

    def settings(host: str, verify: bool) -> ExchangeSettings:
        return ExchangeSettings(
            email="me@example.org",
            ews_url=f"https://{host}:{port}/EWS/Exchange.asmx",
            auth="basic",
            username="me@example.org",
            verify_tls=verify,
            max_wait=0,
        )

    with contextlib.suppress(FollowthroughError):  # nothing listens there; no matter
        connect_exchange(settings("127.0.0.1", False), tmp_path, TZ)
    assert BaseProtocol.HTTP_ADAPTER_CLS is NoVerifyHTTPAdapter
    assert any("certificate checks are OFF" in r.getMessage() for r in caplog.records)
    with contextlib.suppress(FollowthroughError):
        connect_exchange(settings("localhost", True), tmp_path, TZ)
    assert BaseProtocol.HTTP_ADAPTER_CLS is not NoVerifyHTTPAdapter
    with pytest.raises(ConfigError):
        connect_exchange(settings("mail.example.org", False), tmp_path, TZ)
    assert BaseProtocol.HTTP_ADAPTER_CLS is not NoVerifyHTTPAdapter
