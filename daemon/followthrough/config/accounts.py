"""[account] of the config: the backend, and one account spoken to over three protocols
([account.imap], [account.caldav], [account.smtp]) or sent through [account.sendmail].

Each key is written once, as a field of the record the backends receive; ``check_account``
adds what one key alone cannot say (defaults that depend on another key, plain
connections only to this machine, a Drafts folder that is not the Sent one)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal, TypeVar

from followthrough.config.reader import Reader, a_name, key, port_number, positive
from followthrough.config.secrets import SecretRef, credential_name

TlsMode = str  # "implicit" (TLS from the first byte), "starttls", or "none" (loopback only)
TLS_MODES = ("implicit", "starttls", "none")

_TLS_HELP = (
    '"implicit" (TLS from the first byte), "starttls", or "none": refused unless the host '
    "is this machine (127.0.0.1, ::1, localhost). Certificates are always verified."
)
_CA_HELP = "A PEM file with your server's private CA, trusted besides the system's. Optional."
_TIMEOUT_HELP = "Seconds to wait for the server."


def text_or_none(v: object) -> str | None:
    if not isinstance(v, str):
        raise ValueError(f"expected str, got {v!r}")
    return v or None


def command_words(v: object) -> tuple[str, ...]:
    """A command as a string (split like a shell does) or a list of words."""
    import shlex

    if isinstance(v, list):
        words = [str(w) for w in v]
    elif isinstance(v, str):
        try:
            words = shlex.split(v)
        except ValueError as exc:
            raise ValueError(f"cannot be split into words ({exc}), got {v!r}") from None
    else:
        raise ValueError(f"expected str or list, got {v!r}")
    if not words:
        raise ValueError(f'expected a command like "sendmail -t -oi", got {v!r}')
    return tuple(words)


@dataclass(frozen=True, slots=True)
class ImapSettings:
    """[account.imap]: a mail server spoken to over IMAP. The password is a secret."""

    SERVICE: ClassVar[str] = "imap"

    host: str = field(
        metadata=key(
            "The IMAP server. Required.",
            required="the server name, e.g. mail.example.org",
            example='"imap.example.org"',
        )
    )
    username: str = field(
        metadata=key(
            "Your login name. Required.",
            required="the login name, often your address",
            example='"you@example.org"',
        )
    )
    port: int = field(
        default=993,
        metadata=key("Default: 993 with implicit TLS, else 143.", check=port_number),
    )
    tls: TlsMode = field(default="implicit", metadata=key(_TLS_HELP, choices=TLS_MODES))
    ca_file: Path | None = field(default=None, metadata=key(_CA_HELP, example='""'))
    inbox: str = field(default="INBOX", metadata=key("The inbox folder's name."))
    sent: str | None = field(  # None: found through SPECIAL-USE (\Sent, \Drafts)
        default=None,
        metadata=key(
            "The Sent folder. Default: the one the server marks \\Sent (SPECIAL-USE).",
            check=a_name,
            example='"Sent"',
        ),
    )
    drafts: str | None = field(
        default=None,
        metadata=key(
            "The Drafts folder. Default: the one the server marks \\Drafts (SPECIAL-USE).",
            check=a_name,
            example='"Drafts"',
        ),
    )
    flag_keyword: str | None = field(  # an IMAP keyword that marks an ask, like \Flagged
        default=None,
        metadata=key(
            "An IMAP keyword that marks a sent message as an ask, like the \\Flagged flag does.",
            check=a_name,
            example='"$Ask"',
        ),
    )
    timeout: float = field(default=60.0, metadata=key(_TIMEOUT_HELP, check=positive))

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


@dataclass(frozen=True, slots=True)
class SendmailSettings:
    """[account.sendmail]: approved drafts go to a sendmail-compatible command (sendmail,
    msmtp, the Postfix or OpenSMTPD one) that reads the message on stdin."""

    command: tuple[str, ...] = field(  # e.g. ("/usr/sbin/sendmail", "-t", "-oi")
        metadata=key(
            "The command (a string split like a shell does, or a list of words). With -t "
            "it reads the recipients from the message; without, they are added as "
            'arguments. Like "msmtp -t" or "msmtp -a work -t".',
            parse=command_words,
            required='e.g. "/usr/sbin/sendmail -t -oi" or "msmtp -t"',
            example='"/usr/sbin/sendmail -t -oi"',
        )
    )
    timeout: float = field(
        default=60.0, metadata=key("Seconds the command may take.", check=positive)
    )


@dataclass(frozen=True, slots=True)
class CaldavSettings:
    """[account.caldav]: a calendar server spoken to over CalDAV."""

    SERVICE: ClassVar[str] = "caldav"

    url: str = field(  # the server, the principal, or the calendar collection itself
        metadata=key(
            "The CalDAV server (or your principal, or the calendar's own URL). https:// "
            "only, except for a server on this machine. Required.",
            required="an https:// URL",
            example='"https://dav.example.org/"',
        )
    )
    username: str = field(
        metadata=key(
            "Your login name. Required.", required="the login name", example='"you@example.org"'
        )
    )
    calendar: str | None = field(  # a calendar's URL or display name; None: the first one
        default=None,
        metadata=key(
            "A calendar's URL or display name. Default: the first calendar found.",
            parse=text_or_none,
            example='"Work"',
        ),
    )
    ca_file: Path | None = field(default=None, metadata=key(_CA_HELP, example='""'))
    timeout: float = field(default=60.0, metadata=key(_TIMEOUT_HELP, check=positive))

    @property
    def host(self) -> str:
        return urlsplit_host(self.url)

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """[account.smtp]: where approved drafts are sent from."""

    SERVICE: ClassVar[str] = "smtp"

    host: str = field(
        metadata=key(
            "Where drafts you approved are sent from (any backend). Required.",
            required="the server name, e.g. mail.example.org",
            example='"smtp.example.org"',
        )
    )
    username: str = field(
        metadata=key("Your login name. Required, unless auth = false.", example='"you@example.org"')
    )
    port: int = field(
        default=465,
        metadata=key(
            "Default: 465 with implicit TLS, 587 with starttls, 25 with none.", check=port_number
        ),
    )
    tls: TlsMode = field(default="implicit", metadata=key(_TLS_HELP, choices=TLS_MODES))
    ca_file: Path | None = field(default=None, metadata=key(_CA_HELP, example='""'))
    timeout: float = field(default=60.0, metadata=key(_TIMEOUT_HELP, check=positive))
    auth: bool = field(  # False: a relay that takes mail without a login (no password)
        default=True,
        metadata=key(
            "false: a relay that takes mail without a login (no username, no password). The "
            "default is a login, except for a server on this machine given without a "
            'username (Postfix or OpenSMTPD on 127.0.0.1:25, tls = "none").'
        ),
    )

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


@dataclass(frozen=True, slots=True)
class AccountSection:
    """[account] as written: the backend, and the servers of one account."""

    backend: Literal["exchange", "imap", "local", "microsoft"] = field(
        default="local",
        metadata=key(
            'Which backend reads your mail and calendar and stores drafts: "local", "imap" '
            '(IMAP + CalDAV + SMTP, below), "exchange" (EWS) or "microsoft" (Microsoft 365 '
            "through Microsoft Graph, below)."
        ),
    )
    imap: ImapSettings | None = field(
        default=None,
        metadata=key(
            "--- IMAP + CalDAV + SMTP (Fastmail, Gmail with an app password, Nextcloud, "
            'Dovecot…) --- Set backend = "imap" above and uncomment these tables instead of '
            "[local]. Passwords come from `followthrough login` (keyring) or a systemd "
            "credential (`followthrough doctor` names it); never from this file."
        ),
    )
    caldav: CaldavSettings | None = field(
        default=None, metadata=key("Your calendar, when it is on a CalDAV server.")
    )
    smtp: SmtpSettings | None = field(
        default=None,
        metadata=key(
            'Where drafts you approved are sent from (any backend). tls: "implicit" (465) '
            'or "starttls" (587); "none" only for a server on this machine.'
        ),
    )
    sendmail: SendmailSettings | None = field(
        default=None,
        metadata=key(
            "Instead of [account.smtp]: hand approved drafts to a sendmail-compatible "
            "command on stdin."
        ),
    )


_SERVICE_LABELS = {"imap": "IMAP", "caldav": "CalDAV", "smtp": "SMTP"}


def _server_secret(service: str, username: str, host: str) -> SecretRef:
    account = f"{username}@{host}"
    return SecretRef(
        service,
        account,
        what=f"{_SERVICE_LABELS[service]} password",
        legacy=credential_name(account),
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (the only place a plain connection is allowed);
    not startswith("127."): 127.0.0.1.evil.example is a name."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def urlsplit_host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


_PORTS = {
    "imap": {"implicit": 993, "starttls": 143, "none": 143},
    "smtp": {"implicit": 465, "starttls": 587, "none": 25},
}


def check_account(r: Reader, account: AccountSection) -> AccountSection:
    """[account] with the defaults that depend on other keys filled in, and the problems
    no single key shows reported to ``r``."""
    if account.backend == "imap" and account.imap is None:
        r.problems.append('[account.imap]: required when [account].backend = "imap"')
    imap, smtp, caldav = account.imap, account.smtp, account.caldav
    if imap is not None:
        imap = _check_server(r, "account.imap", imap)
        for name, other in (("sent", imap.sent), ("inbox", imap.inbox)):
            if imap.drafts and other and _folder_key(imap.drafts) == _folder_key(other):
                r.problems.append(
                    f"[account.imap].drafts: the same folder as [account.imap].{name} "
                    f"({other!r}); drafts there would look sent (or received): name the "
                    "account's Drafts folder"
                )
    if smtp is not None:
        if "auth" not in r.given("account.smtp"):
            # a login, unless a server on this machine is given without a username
            smtp = dataclasses.replace(smtp, auth=bool(smtp.username) or not is_loopback(smtp.host))
        if smtp.auth and not smtp.username:
            r.problems.append(
                "[account.smtp].username: required (the login name, often your address); "
                "or auth = false for a relay that takes mail without a login"
            )
        smtp = _check_server(r, "account.smtp", smtp)
    if caldav is not None:
        where = "[account.caldav]"
        if caldav.url and not caldav.url.startswith(("https://", "http://")):
            r.problems.append(f"{where}.url: expected an https:// URL, got {caldav.url!r}")
        elif caldav.url.startswith("http://") and not is_loopback(caldav.host):
            r.problems.append(
                f"{where}.url: http:// sends your password in the clear; only a server on "
                "this machine may use it. Use https://"
            )
        _check_ca_file(r, "account.caldav", caldav.ca_file)
    if smtp is not None and account.sendmail is not None:
        r.problems.append(
            "[account.sendmail]: give [account.smtp] or [account.sendmail], not both "
            "(they are two ways to send)"
        )
    return dataclasses.replace(account, imap=imap, smtp=smtp)


Server = TypeVar("Server", ImapSettings, SmtpSettings)


def _check_server(r: Reader, where: str, s: Server) -> Server:
    """The port that goes with the TLS mode when none is given; no plain connection to
    another machine; a CA file that exists."""
    if "port" not in r.given(where):
        s = dataclasses.replace(s, port=_PORTS[where.partition(".")[2]][s.tls])
    if s.tls == "none" and s.host and not is_loopback(s.host):
        r.problems.append(
            f'[{where}].tls: "none" sends your password in the clear; it is only allowed for '
            f"a server on this machine (127.0.0.1, ::1, localhost), not {s.host!r}. Use "
            '"implicit" or "starttls"'
        )
    _check_ca_file(r, where, s.ca_file)
    return s


def _check_ca_file(r: Reader, where: str, ca_file: Path | None) -> None:
    if ca_file is not None and not ca_file.is_file():
        r.problems.append(f"[{where}].ca_file: no such file: {ca_file}")


def _folder_key(name: str) -> str:
    """An IMAP folder name as the server compares it: INBOX in any case is INBOX."""
    name = name.strip().strip("/.")
    return "INBOX" if name.upper() == "INBOX" else name
