"""The IMAP connection: TLS (implicit or STARTTLS, never none but on this machine), the
login (a refused one is never tried again), and the folders found by SPECIAL-USE."""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from zoneinfo import ZoneInfo

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from followthrough.config.accounts import ImapSettings, is_loopback
from followthrough.errors import BackendError, ConfigError
from followthrough.model import (
    Folder,
)

log = logging.getLogger(__name__)

GREETING_WAIT = 10.0  # seconds for a plain server's greeting (see ImapMailbox.connect)
SPECIAL_USE = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
FALLBACK_NAMES = {
    "sent": ("Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "[Gmail]/Sent Mail"),
    "drafts": ("Drafts", "INBOX.Drafts", "[Gmail]/Drafts"),
}


def tls_context(ca_file: object | None) -> ssl.SSLContext:
    """Certificate and host name verification on, plus ``ca_file`` when given."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


class ImapConnection:
    """One IMAP login (reading and drafts are in :class:`ImapMailbox`'s other parts).

    Connects lazily; a dropped connection is reported as a transient BackendError and
    the next call connects again. A refused login is remembered: this object never
    tries the same wrong password twice (no retry storm, no account lockout).
    """

    def __init__(self, settings: ImapSettings, password: str, tz: ZoneInfo) -> None:
        if settings.tls == "none" and not is_loopback(settings.host):
            raise ConfigError(
                f'[account.imap].tls = "none" is only allowed for a server on this machine, '
                f"not {settings.host!r}"
            )
        if settings.tls == "none":
            log.debug(
                "IMAP %s:%s: no TLS (allowed only because it is this machine)",
                settings.host,
                settings.port,
            )
        self.settings = settings
        self._password = password
        self.tz = tz
        self._client: imapclient.IMAPClient | None = None
        self._refused: BackendError | None = None
        self._folders: dict[str, str] = {}
        self.capabilities: frozenset[bytes] = frozenset()

    @property
    def where(self) -> str:
        return f"{self.settings.username}@{self.settings.host}:{self.settings.port}"

    def connect(self) -> imapclient.IMAPClient:
        """The logged-in client, connecting (once) when needed."""
        if self._refused is not None:
            raise self._refused
        if self._client is not None:
            return self._client
        s = self.settings
        try:
            context = tls_context(s.ca_file)
            # A plain connection to a TLS port (993) gets no greeting: the server waits
            # for a TLS hello. Wait for the greeting briefly, then say so.
            greeting = s.timeout if s.tls == "implicit" else min(s.timeout, GREETING_WAIT)
            try:
                client = imapclient.IMAPClient(
                    s.host,
                    port=s.port,
                    ssl=s.tls == "implicit",
                    ssl_context=context,
                    timeout=imapclient.SocketTimeout(connect=s.timeout, read=greeting),
                )
            except TimeoutError as exc:
                if s.tls == "implicit":
                    raise
                raise BackendError(
                    f"the IMAP server {s.host}:{s.port} accepted the connection but sent no "
                    f"greeting within {greeting:g} s: the port speaks TLS from the first byte",
                    [
                        f'set [account.imap].tls = "implicit" for port {s.port} (IMAPS), or '
                        'keep tls = "starttls" with port = 143'
                    ],
                    transient=False,
                ) from exc
            client.socket().settimeout(s.timeout)
            if s.tls == "starttls":
                if b"STARTTLS" not in client.capabilities():
                    client.shutdown()
                    raise BackendError(
                        f"IMAP server {s.host}:{s.port} does not offer STARTTLS",
                        [
                            'set [account.imap].tls = "implicit" and port = 993 if it offers '
                            "IMAPS; followthrough never logs in without TLS"
                        ],
                        transient=False,
                    )
                client.starttls(context)
        except BackendError:
            raise
        except Exception as exc:
            raise connection_error("IMAP", s.host, s.port, exc, "[account.imap]") from exc
        try:
            client.login(s.username, self._password)
        except LoginError:
            client.shutdown()
            self._refused = BackendError(
                f"the IMAP server {s.host} refused the login for {s.username!r}",
                [
                    "the user name or password is wrong: run `followthrough login` to store "
                    "the right password (an app password, if your provider uses them)"
                ],
                transient=False,
            )
            raise self._refused from None
        except Exception as exc:
            raise connection_error("IMAP", s.host, s.port, exc, "[account.imap]") from exc
        self.capabilities = frozenset(client.capabilities())
        if b"CONDSTORE" in self.capabilities:
            try:
                client.enable("CONDSTORE")
            except IMAPClientError:  # pragma: no cover - advertised but refused
                self.capabilities -= {b"CONDSTORE"}
        self._client = client
        return client

    def _broken(self, exc: BaseException) -> BackendError:
        """Forget a connection that failed mid-command and describe the failure."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()
        if isinstance(exc, BackendError):
            return exc
        return BackendError(
            f"the IMAP connection to {self.settings.host} failed: {type(exc).__name__}: {exc}",
            ["nothing was lost: the next scan reads again from where this one started"],
            transient=True,
        )

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except Exception:
                with contextlib.suppress(Exception):
                    client.shutdown()

    def folder_name(self, folder: Folder) -> str:
        """The server's name for ``folder``: configured, else SPECIAL-USE, else a usual name."""
        if folder in self._folders:
            return self._folders[folder]
        s = self.settings
        configured = {"inbox": s.inbox, "sent": s.sent, "drafts": s.drafts}[folder]
        if configured:
            self._folders[folder] = configured
            return configured
        client = self.connect()
        try:
            listing = client.list_folders()
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        for flags, _, name in listing:
            for key, use in SPECIAL_USE.items():
                if use in flags and key not in self._folders and not getattr(s, key):
                    self._folders[key] = str(name)
        if folder not in self._folders:
            names = {str(name) for _, _, name in listing}
            found = next((n for n in FALLBACK_NAMES[folder] if n in names), None)
            if found is None:
                raise BackendError(
                    f"no {folder.capitalize()} folder found on {s.host}",
                    [
                        f"the server marks no folder as {SPECIAL_USE[folder].decode()}: set "
                        f'[account.imap].{folder} = "<folder name>" (folders there: '
                        + ", ".join(sorted(names)[:20])
                        + ")"
                    ],
                    transient=False,
                )
            self._folders[folder] = found
        return self._folders[folder]

    def _unselect(self, client: imapclient.IMAPClient) -> None:
        """Leave the selected folder: a server may answer STATUS for the selected folder
        from the session's stale view, hiding new mail from the next read."""
        if b"UNSELECT" in self.capabilities:
            client.unselect_folder()
        else:
            client.close_folder()  # read-only (EXAMINE): CLOSE expunges nothing


def connection_error(
    protocol: str, host: str, port: int, exc: BaseException, table: str
) -> BackendError:
    """A connection failure as one sentence the user can act on."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return BackendError(
            f"the {protocol} server {host}:{port} presented a certificate that cannot be "
            f"verified ({exc.verify_message})",
            [
                f"if the server uses a private certificate authority, set {table}.ca_file to "
                "its certificate (PEM); check that the host name matches the certificate"
            ],
            transient=False,
        )
    if isinstance(exc, ssl.SSLError):
        return BackendError(
            f"TLS with {protocol} server {host}:{port} failed ({exc.reason or exc})",
            [
                f'check {table}.port and {table}.tls: "implicit" for a TLS port (993, 465), '
                '"starttls" for a plain port that upgrades (143, 587)'
            ],
            transient=False,
        )
    if isinstance(exc, socket.gaierror):
        return BackendError(
            f"the {protocol} server name {host!r} cannot be resolved",
            [f"check {table}.host and this machine's network"],
            transient=True,
        )
    if isinstance(exc, ConnectionRefusedError):
        return BackendError(
            f"the {protocol} server {host}:{port} refused the connection",
            [f"check {table}.port, or whether the server is running"],
            transient=True,
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return BackendError(
            f"the {protocol} server {host}:{port} did not answer in time",
            ["check the network, a firewall, or the port; the next scan tries again"],
            transient=True,
        )
    return BackendError(
        f"cannot reach the {protocol} server {host}:{port}: {type(exc).__name__}: {exc}",
        ["check the network and the server settings; the next scan tries again"],
        transient=True,
    )
