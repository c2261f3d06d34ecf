"""`deliver` against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from followthrough.config.accounts import SmtpSettings
from followthrough.errors import BackendError, ConfigError
from followthrough.outbox.smtp import deliver, diagnose_smtp
from integration.servers import free_port, make_certificate

pytestmark = pytest.mark.external_service


class Inbox:
    """An aiosmtpd handler that keeps what it received."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], bytes]] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(
            (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
        )
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            user, password = data.login.decode(), data.password.decode()
            self.logins.append((user, password))
            ok = (user, password) == ("ann", "s3cret")
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("smtp-cert"))


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=_server_context(certificate),
        require_starttls=True,
        authenticator=inbox.authenticate,
        auth_required=True,
    )
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def implicit_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        ssl_context=_server_context(certificate),
        authenticator=inbox.authenticate,
        auth_required=True,
        auth_require_tls=False,  # aiosmtpd only counts STARTTLS as TLS; this is TLS throughout
    )
    controller.start()
    yield inbox, port
    controller.stop()


def approved() -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Ann Asker <ann@example.org>"
    msg["To"] = "Bob Helper <bob@example.com>"
    msg["Cc"] = "carol@example.com"
    msg["Bcc"] = "archive@example.org"
    msg["Subject"] = "Thank you!"
    msg["Message-ID"] = "<thanks-1@followthrough.invalid>"
    msg.set_content("Thank you, Bob — that helped a lot.\n")
    return msg


def settings(port: int, ca: Path | None, **changes: Any) -> SmtpSettings:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": port,
        "username": "ann",
        "tls": "starttls",
        "ca_file": ca,
        "timeout": 10.0,
    }
    values.update(changes)
    return SmtpSettings(**values)


def test_starttls_delivers_exactly_the_message(
    starttls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = starttls_server
    accepted = deliver(approved(), settings(port, certificate[0]), "s3cret")
    assert accepted == ["bob@example.com", "carol@example.com", "archive@example.org"]
    [(sender, rcpts, data)] = inbox.envelopes
    assert sender == "ann@example.org"
    assert rcpts == accepted
    received = message_from_bytes(data, policy=policy.default)
    assert received["Bcc"] is None  # never shown to the other recipients
    assert received["Message-ID"] == "<thanks-1@followthrough.invalid>"
    assert received["Subject"] == "Thank you!"
    assert received.get_content().replace("\r\n", "\n") == approved().get_content()
    assert inbox.logins == [("ann", "s3cret")]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls(implicit_server: tuple[Inbox, int], certificate: tuple[Path, Path]) -> None:
    inbox, port = implicit_server
    deliver(approved(), settings(port, certificate[0], tls="implicit"), "s3cret")
    assert len(inbox.envelopes) == 1


def test_untrusted_certificate_sends_nothing(starttls_server: tuple[Inbox, int]) -> None:
    inbox, port = starttls_server
    with pytest.raises(BackendError) as caught:
        deliver(approved(), settings(port, None), "s3cret")
    assert "certificate" in str(caught.value) and "ca_file" in str(caught.value)
    assert inbox.envelopes == [] and inbox.logins == []


def test_wrong_password_sends_nothing(
    starttls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = starttls_server
    with pytest.raises(BackendError, match="refused the login") as caught:
        deliver(approved(), settings(port, certificate[0]), "wrong")
    assert not caught.value.transient
    assert inbox.envelopes == []
    assert len(inbox.logins) == 1


def test_plain_smtp_only_on_loopback_when_configured() -> None:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        deliver(approved(), settings(port, None, tls="none", username=""), "")
        assert len(inbox.envelopes) == 1
        # a server without STARTTLS is refused unless "none" was configured
        with pytest.raises(BackendError, match="does not offer STARTTLS"):
            deliver(approved(), settings(port, None, username=""), "")
        assert len(inbox.envelopes) == 1
    finally:
        controller.stop()
    with pytest.raises(ConfigError, match="only allowed for a server on this machine"):
        deliver(approved(), settings(25, None, host="smtp.example.org", tls="none"), "pw")


def test_diagnose_logs_in_without_sending(
    starttls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = starttls_server
    [check] = diagnose_smtp(settings(port, certificate[0]), "s3cret")
    assert check.ok and "nothing sent" in check.what
    [bad] = diagnose_smtp(settings(port, certificate[0]), "nope")
    assert not bad.ok and "followthrough login" in bad.advice
    assert inbox.envelopes == []
