"""The account sections of the config: [exchange], and [account.imap], [account.caldav],
[account.smtp] (one account, three protocols). Parsed with ``configreader.Reader``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from followthrough.config.reader import Reader, non_negative, positive
from followthrough.config.secrets import SecretRef, credential_name

EXCHANGE_AUTH = ("ntlm", "basic", "oauth2-client", "oauth2-code")


@dataclass(frozen=True, slots=True)
class ExchangeSettings:
    """[exchange]: a Microsoft Exchange mailbox over EWS (exchangelib).

    Secrets are never here: they come from the keyring or $CREDENTIALS_DIRECTORY."""

    email: str  # the mailbox's primary SMTP address
    ews_url: str | None  # https://host/EWS/Exchange.asmx; None: autodiscover (cached)
    auth: str  # one of EXCHANGE_AUTH
    username: str  # NTLM/basic login (DOMAIN\\user or user@domain); defaults to email
    tenant_id: str | None = None  # OAuth2 (Exchange Online)
    client_id: str | None = None  # OAuth2 (Exchange Online)
    verify_tls: bool = True  # off only for a loopback host
    lookback_days: int | None = None  # first sync reach; None: [detect].lookback_days
    max_wait: int = 120  # seconds to back off for throttling before the pass gives up


TlsMode = str  # "implicit" (TLS from the first byte), "starttls", or "none" (loopback only)
TLS_MODES = ("implicit", "starttls", "none")


@dataclass(frozen=True, slots=True)
class ImapSettings:
    """[account.imap]: a mail server spoken to over IMAP. The password is a secret."""

    SERVICE: ClassVar[str] = "imap"

    host: str
    username: str
    port: int = 993
    tls: TlsMode = "implicit"
    ca_file: Path | None = None  # trust this CA (a private server) besides the system's
    inbox: str = "INBOX"
    sent: str | None = None  # folder names; None: found through SPECIAL-USE (\Sent, \Drafts)
    drafts: str | None = None
    flag_keyword: str | None = None  # an IMAP keyword that marks an ask, like \Flagged
    timeout: float = 60.0

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


@dataclass(frozen=True, slots=True)
class SendmailSettings:
    """[account.sendmail]: approved drafts go to a sendmail-compatible command (sendmail,
    msmtp, the Postfix or OpenSMTPD one) that reads the message on stdin."""

    command: tuple[str, ...]  # e.g. ("/usr/sbin/sendmail", "-t", "-oi")
    timeout: float = 60.0


@dataclass(frozen=True, slots=True)
class CaldavSettings:
    """[account.caldav]: a calendar server spoken to over CalDAV."""

    SERVICE: ClassVar[str] = "caldav"

    url: str  # the server, the principal, or the calendar collection itself
    username: str
    calendar: str | None = None  # a calendar's URL or display name; None: the first one
    ca_file: Path | None = None
    timeout: float = 60.0

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).hostname or ""

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """[account.smtp]: where approved drafts are sent from."""

    SERVICE: ClassVar[str] = "smtp"

    host: str
    username: str
    port: int = 465
    tls: TlsMode = "implicit"
    ca_file: Path | None = None
    timeout: float = 60.0
    auth: bool = True  # False: a relay that takes mail without a login (no password)

    @property
    def secret(self) -> SecretRef:
        return _server_secret(self.SERVICE, self.username, self.host)


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
    """Whether ``host`` is this machine (the only place a plain connection is allowed)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_fields(
    r: Reader,
    table: str,
    data: Mapping[str, Any],
    default_ports: dict[str, int],
    *,
    needs_login: bool = True,
) -> dict[str, Any]:
    """host, username, port, tls, ca_file, timeout of an [account.imap|smtp] table."""
    host = r.get(table, data, "host", str, "", check=lambda v: None if v else "expected a name")
    if "host" not in data:
        r.problems.append(f"[{table}].host: required (the server name, e.g. mail.example.org)")
    username = r.get(table, data, "username", str, "")
    if not username and needs_login:
        r.problems.append(
            f"[{table}].username: required (the login name, often your address)"
            + (
                "; or auth = false for a relay that takes mail without a login"
                if table.endswith("smtp")
                else ""
            )
        )
    tls = r.get(
        table,
        data,
        "tls",
        str,
        "implicit",
        check=lambda v: None if v in TLS_MODES else "expected one of: " + ", ".join(TLS_MODES),
    )
    if tls == "none" and host and not is_loopback(host):
        r.problems.append(
            f'[{table}].tls: "none" sends your password in the clear; it is only allowed for '
            f'a server on this machine (127.0.0.1, ::1, localhost), not {host!r}. Use "implicit" '
            'or "starttls"'
        )
    port = r.get(
        table,
        data,
        "port",
        int,
        default_ports[tls],
        check=lambda v: None if 0 < v < 65536 else "expected a port number",
    )
    ca_file = r.path_value(table, data, "ca_file")
    if ca_file is not None and not ca_file.is_file():
        r.problems.append(f"[{table}].ca_file: no such file: {ca_file}")
    timeout = float(r.get(table, data, "timeout", (int, float), 60.0, check=positive))
    return {
        "host": host,
        "username": username,
        "port": port,
        "tls": tls,
        "ca_file": ca_file,
        "timeout": timeout,
    }


def standard_settings(
    r: Reader, account_t: Mapping[str, Any], backend: str
) -> tuple[ImapSettings | None, CaldavSettings | None, SmtpSettings | None]:
    """[account.imap], [account.caldav] and [account.smtp]: one account, three protocols."""
    server_keys = {"host", "port", "username", "tls", "ca_file", "timeout"}
    imap: ImapSettings | None = None
    caldav: CaldavSettings | None = None
    smtp: SmtpSettings | None = None
    sub: dict[str, Mapping[str, Any]] = {}
    known = {
        "imap": server_keys | {"inbox", "sent", "drafts", "flag_keyword"},
        "caldav": {"url", "username", "calendar", "ca_file", "timeout"},
        "smtp": server_keys | {"auth"},
    }
    for name, keys in known.items():
        value = account_t.get(name, {})
        if not isinstance(value, dict):
            r.problems.append(f"[account.{name}]: expected a table, got {type(value).__name__}")
            value = {}
        for key in sorted(set(value) - keys):
            r.problems.append(
                f"[account.{name}].{key}: unknown key (allowed: {', '.join(sorted(keys))})"
            )
        sub[name] = value
    if backend == "imap" and "imap" not in account_t:
        r.problems.append('[account.imap]: required when [account].backend = "imap"')
    if "imap" in account_t:
        t, data = "account.imap", sub["imap"]
        fields = server_fields(r, t, data, {"implicit": 993, "starttls": 143, "none": 143})
        folders = {
            k: r.get(t, data, k, str, None, check=lambda v: None if v else "expected a name")
            for k in ("sent", "drafts", "flag_keyword")
        }
        inbox = r.get(t, data, "inbox", str, "INBOX")
        drafts = folders["drafts"]
        for k, other in (("sent", folders["sent"]), ("inbox", inbox)):
            if drafts and other and _folder_key(drafts) == _folder_key(other):
                r.problems.append(
                    f"[{t}].drafts: the same folder as [{t}].{k} ({other!r}); drafts there "
                    "would look sent (or received): name the account's Drafts folder"
                )
        imap = ImapSettings(
            **fields,
            inbox=inbox,
            sent=folders["sent"],
            drafts=folders["drafts"],
            flag_keyword=folders["flag_keyword"],
        )
    if "caldav" in account_t:
        t, data = "account.caldav", sub["caldav"]
        url = r.get(t, data, "url", str, "")
        if not url.startswith(("https://", "http://")):
            r.problems.append(f"[{t}].url: expected an https:// URL, got {url!r}")
        elif url.startswith("http://") and not is_loopback(urlsplit_host(url)):
            r.problems.append(
                f"[{t}].url: http:// sends your password in the clear; only a server on this "
                "machine may use it. Use https://"
            )
        username = r.get(t, data, "username", str, "")
        if not username:
            r.problems.append(f"[{t}].username: required (the login name)")
        ca_file = r.path_value(t, data, "ca_file")
        if ca_file is not None and not ca_file.is_file():
            r.problems.append(f"[{t}].ca_file: no such file: {ca_file}")
        caldav = CaldavSettings(
            url=url,
            username=username,
            calendar=r.get(t, data, "calendar", str, None) or None,
            ca_file=ca_file,
            timeout=float(r.get(t, data, "timeout", (int, float), 60.0, check=positive)),
        )
    if "smtp" in account_t:
        smtp = smtp_settings(r, sub["smtp"])
    return imap, caldav, smtp


def smtp_settings(r: Reader, data: Mapping[str, Any]) -> SmtpSettings:
    """[account.smtp]. A login (AUTH) unless ``auth = false``, or no username is given
    for a server on this machine (a local Postfix or OpenSMTPD relay on port 25)."""
    t = "account.smtp"
    host = data.get("host", "")
    local = isinstance(host, str) and is_loopback(host)
    auth = r.get(t, data, "auth", bool, bool(data.get("username")) or not local)
    fields = server_fields(
        r, t, data, {"implicit": 465, "starttls": 587, "none": 25}, needs_login=auth
    )
    return SmtpSettings(**fields, auth=auth)


def sendmail_settings(r: Reader, data: Mapping[str, Any]) -> SendmailSettings:
    """[account.sendmail]: ``command`` (a string, split like a shell does, or a list)."""
    import shlex

    t = "account.sendmail"
    for key in sorted(set(data) - {"command", "timeout"}):
        r.problems.append(f"[{t}].{key}: unknown key (allowed: command, timeout)")
    raw = r.get(t, data, "command", (str, list), "")
    try:
        words = shlex.split(raw) if isinstance(raw, str) else [str(w) for w in raw]
    except ValueError as exc:
        r.problems.append(f"[{t}].command: cannot be split into words ({exc}), got {raw!r}")
        words = []
    if not words and "command" in data:
        r.problems.append(f'[{t}].command: expected a command like "sendmail -t -oi", got {raw!r}')
    elif not words:
        r.problems.append(
            f'[{t}].command: required, e.g. "/usr/sbin/sendmail -t -oi" or "msmtp -t"'
        )
    timeout = float(r.get(t, data, "timeout", (int, float), 60.0, check=positive))
    return SendmailSettings(tuple(words), timeout)


def urlsplit_host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _is_loopback(host: str) -> bool:
    return is_loopback(host)  # not startswith("127."): 127.0.0.1.evil.example is a name


def exchange_settings(r: Reader, t: Mapping[str, Any], user_email: str) -> ExchangeSettings | None:
    """[exchange], checked: an https endpoint (plain http or no TLS check only on loopback)."""
    from urllib.parse import urlsplit

    before = len(r.problems)
    email = r.get("exchange", t, "email", str, user_email).strip()
    if "@" not in email or any(c.isspace() for c in email):
        r.problems.append(f"[exchange].email: expected the mailbox's SMTP address, got {email!r}")
    auth = r.get(
        "exchange",
        t,
        "auth",
        str,
        "ntlm",
        check=lambda v: (
            None if v in EXCHANGE_AUTH else "expected one of: " + ", ".join(EXCHANGE_AUTH)
        ),
    )
    server = r.get("exchange", t, "server", str, "").strip()
    ews_url = r.get("exchange", t, "ews_url", str, "").strip()
    if server and ews_url:
        r.problems.append("[exchange].server: give either server or ews_url, not both")
    if server:
        if "/" in server or any(c.isspace() for c in server):
            r.problems.append(
                f"[exchange].server: expected a host name like mail.example.org, got {server!r}"
            )
        ews_url = f"https://{server}/EWS/Exchange.asmx"
    verify_tls = r.get("exchange", t, "verify_tls", bool, True)
    if ews_url:
        parts = urlsplit(ews_url)
        host = parts.hostname or ""
        if parts.scheme not in ("https", "http") or not host:
            r.problems.append(
                "[exchange].ews_url: expected a URL like "
                f"https://mail.example.org/EWS/Exchange.asmx, got {ews_url!r}"
            )
        elif parts.scheme == "http" and not _is_loopback(host):
            r.problems.append(
                f"[exchange].ews_url: plain http is refused for {host} (the password would "
                "cross the network unencrypted); use https"
            )
        if not verify_tls and not _is_loopback(host):
            r.problems.append(
                f"[exchange].verify_tls: turning certificate checks off is refused for {host}; "
                "point REQUESTS_CA_BUNDLE at your company's CA file instead"
            )
    elif not verify_tls:
        r.problems.append("[exchange].verify_tls: cannot be off with autodiscover")
    tenant_id = r.get("exchange", t, "tenant_id", str, "").strip() or None
    client_id = r.get("exchange", t, "client_id", str, "").strip() or None
    if auth.startswith("oauth2"):
        for key, value in (("tenant_id", tenant_id), ("client_id", client_id)):
            if value is None:
                r.problems.append(
                    f"[exchange].{key}: required for auth = {auth!r} "
                    "(from the app registration in Microsoft Entra ID)"
                )
    username = r.get("exchange", t, "username", str, "").strip() or email
    lookback = r.get("exchange", t, "lookback_days", int, None, check=positive)
    max_wait = r.get("exchange", t, "max_wait", int, 120, check=non_negative)
    if len(r.problems) > before:
        return None
    return ExchangeSettings(
        email=email.lower(),
        ews_url=ews_url or None,
        auth=auth,
        username=username,
        tenant_id=tenant_id,
        client_id=client_id,
        verify_tls=verify_tls,
        lookback_days=lookback,
        max_wait=max_wait,
    )


MICROSOFT_LOGIN = ("device-code", "interactive")


@dataclass(frozen=True, slots=True)
class MicrosoftSettings:
    """[microsoft]: a Microsoft 365 (Exchange Online) mailbox over Microsoft Graph.

    Sign-in is a public client (no secret): MSAL's token cache is the only secret, kept
    encrypted under a key in the system keyring, or in a 0600 file with a warning."""

    email: str  # the mailbox's address (a token for another account is refused)
    client_id: str  # the app registration's Application (client) ID
    tenant: str = "organizations"  # a tenant id or domain; "organizations": any work account
    login: str = "device-code"  # one of MICROSOFT_LOGIN
    lookback_days: int | None = None  # first sync reach; None: [detect].lookback_days
    max_wait: int = 120  # seconds to honour Retry-After (429/503) before the pass gives up


def microsoft_settings(
    r: Reader, t: Mapping[str, Any], user_email: str
) -> MicrosoftSettings | None:
    """[microsoft], checked: a client id that looks like one, a known sign-in flow."""
    import re

    before = len(r.problems)
    email = r.get("microsoft", t, "email", str, user_email).strip()
    if "@" not in email or any(c.isspace() for c in email):
        r.problems.append(f"[microsoft].email: expected the mailbox's address, got {email!r}")
    client_id = r.get("microsoft", t, "client_id", str, "").strip()
    if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", client_id):
        r.problems.append(
            "[microsoft].client_id: required: the Application (client) ID of an app "
            "registration that allows public client flows, like "
            f"1b2c3d4e-0000-4000-8000-123456789abc; got {client_id!r}"
        )
    tenant = r.get("microsoft", t, "tenant", str, "organizations").strip()
    if not re.fullmatch(r"[A-Za-z0-9.-]{1,253}", tenant):
        r.problems.append(
            "[microsoft].tenant: expected a tenant id, a domain like contoso.com, or "
            f'"organizations"; got {tenant!r}'
        )
    login = r.get(
        "microsoft",
        t,
        "login",
        str,
        "device-code",
        check=lambda v: (
            None if v in MICROSOFT_LOGIN else "expected one of: " + ", ".join(MICROSOFT_LOGIN)
        ),
    )
    lookback = r.get("microsoft", t, "lookback_days", int, None, check=positive)
    max_wait = r.get("microsoft", t, "max_wait", int, 120, check=non_negative)
    if len(r.problems) > before:
        return None
    return MicrosoftSettings(
        email=email.lower(),
        client_id=client_id.lower(),
        tenant=tenant,
        login=login,
        lookback_days=lookback,
        max_wait=max_wait,
    )


def _folder_key(name: str) -> str:
    """An IMAP folder name as the server compares it: INBOX in any case is INBOX."""
    name = name.strip().strip("/.")
    return "INBOX" if name.upper() == "INBOX" else name
