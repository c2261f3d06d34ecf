"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it accepts.

Plain SMTP with AUTH LOGIN/PLAIN, which followthrough allows only for a loopback host
(``tls = "none"``); TLS itself is tested in ``test_smtp.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from integration.servers import free_port

USER = "alex@example.org"
PASSWORD = "sink password"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def message(self) -> EmailMessage:
        return cast(EmailMessage, message_from_bytes(self.data, policy=policy.default))

    @property
    def body(self) -> str:
        part = self.message.get_body(("plain",))
        assert part is not None
        return str(cast(EmailMessage, part).get_content()).replace("\r\n", "\n")


@dataclass
class SmtpSink:
    """Start it, read ``received``, stop it."""

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
        )
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            user, password = data.login.decode(), data.password.decode()
            self.logins.append(user)
            return AuthResult(success=(user, password) == (USER, PASSWORD), handled=False)
        return AuthResult(success=False, handled=False)

    def start(self) -> SmtpSink:
        self.controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self.authenticate,
            auth_require_tls=False,  # loopback only; followthrough refuses this elsewhere
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def config(self) -> str:
        """The [account.smtp] section that points followthrough at this server."""
        return (
            "\n[account.smtp]\n"
            f'host = "127.0.0.1"\nport = {self.port}\nusername = "{USER}"\ntls = "none"\n'
            "timeout = 10\n"
        )
