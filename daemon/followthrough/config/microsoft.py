"""Microsoft mailboxes in the config: [exchange] (Exchange over EWS, exchangelib) and
[microsoft] (Microsoft 365 over Microsoft Graph).

Secrets are never here: they come from the keyring or $CREDENTIALS_DIRECTORY."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from followthrough.config.accounts import is_loopback
from followthrough.config.reader import Reader, key, non_negative, positive

EXCHANGE_AUTH = ("ntlm", "basic", "oauth2-client", "oauth2-code")
MICROSOFT_LOGIN = ("device-code", "interactive")

_LOOKBACK_HELP = "How far back the first sync reads, in days. Default: [detect].lookback_days."


def _mailbox(v: object) -> str:
    text = v.strip() if isinstance(v, str) else ""
    if "@" not in text or any(c.isspace() for c in text):
        raise ValueError(f"expected the mailbox's SMTP address, got {v!r}")
    return text


def _stripped(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError(f"expected str, got {v!r}")
    return v.strip()


@dataclass(frozen=True, slots=True)
class ExchangeSettings:
    """[exchange]: a Microsoft Exchange mailbox over EWS (exchangelib), as checked."""

    email: str  # the mailbox's primary SMTP address
    ews_url: str | None  # https://host/EWS/Exchange.asmx; None: autodiscover (cached)
    auth: str  # one of EXCHANGE_AUTH
    username: str  # NTLM/basic login (DOMAIN\\user or user@domain); defaults to email
    tenant_id: str | None = None  # OAuth2 (Exchange Online)
    client_id: str | None = None  # OAuth2 (Exchange Online)
    verify_tls: bool = True  # off only for a loopback host
    lookback_days: int | None = None  # first sync reach; None: [detect].lookback_days
    max_wait: int = 120  # seconds to back off for throttling before the pass gives up


@dataclass(frozen=True, slots=True)
class ExchangeSection:
    """[exchange] as written; ``exchange_settings`` checks it into `ExchangeSettings`."""

    email: str = field(
        default="",
        metadata=key(
            "The mailbox's primary SMTP address. Default: [user].email.",
            parse=_mailbox,
            example='"you@example.org"',
        ),
    )
    server: str = field(
        default="",
        metadata=key(
            "The Exchange server's host name: EWS is at https://<server>/EWS/Exchange.asmx. "
            "Give server or ews_url, or neither for autodiscover.",
            parse=_stripped,
            example='"mail.example.org"',
        ),
    )
    ews_url: str = field(
        default="",
        metadata=key(
            "The EWS endpoint's full URL, when it is not at the usual path.", parse=_stripped
        ),
    )
    auth: str = field(
        default="ntlm",
        metadata=key(
            'How to sign in: "ntlm" or "basic" (a password), "oauth2-client" or '
            '"oauth2-code" (an app registration in Microsoft Entra ID).',
            choices=EXCHANGE_AUTH,
        ),
    )
    username: str = field(
        default="",
        metadata=key(
            "The NTLM or basic login (DOMAIN\\user or user@domain). Default: the email.",
            parse=_stripped,
        ),
    )
    tenant_id: str = field(default="", metadata=key("The tenant, for oauth2-*.", parse=_stripped))
    client_id: str = field(
        default="", metadata=key("The app registration's client ID, for oauth2-*.", parse=_stripped)
    )
    verify_tls: bool = field(
        default=True,
        metadata=key(
            "Check the server's certificate. Only a server on this machine may turn it off; "
            "point REQUESTS_CA_BUNDLE at your company's CA file instead."
        ),
    )
    lookback_days: int | None = field(
        default=None, metadata=key(_LOOKBACK_HELP, check=positive, example="60")
    )
    max_wait: int = field(
        default=120,
        metadata=key(
            "Seconds to back off for throttling before a pass gives up.", check=non_negative
        ),
    )


def exchange_settings(r: Reader, t: ExchangeSection, user_email: str) -> ExchangeSettings | None:
    """[exchange], checked: an https endpoint (plain http or no TLS check only on loopback);
    None when it has a problem."""
    from urllib.parse import urlsplit

    before = len(r.problems)
    email = t.email if "email" in r.given("exchange") else user_email.strip()
    ews_url = t.ews_url
    if t.server and ews_url:
        r.problems.append("[exchange].server: give either server or ews_url, not both")
    if t.server:
        if "/" in t.server or any(c.isspace() for c in t.server):
            r.problems.append(
                f"[exchange].server: expected a host name like mail.example.org, got {t.server!r}"
            )
        ews_url = f"https://{t.server}/EWS/Exchange.asmx"
    if ews_url:
        parts = urlsplit(ews_url)
        host = parts.hostname or ""
        if parts.scheme not in ("https", "http") or not host:
            r.problems.append(
                "[exchange].ews_url: expected a URL like "
                f"https://mail.example.org/EWS/Exchange.asmx, got {ews_url!r}"
            )
        elif parts.scheme == "http" and not is_loopback(host):
            r.problems.append(
                f"[exchange].ews_url: plain http is refused for {host} (the password would "
                "cross the network unencrypted); use https"
            )
        if not t.verify_tls and not is_loopback(host):
            r.problems.append(
                f"[exchange].verify_tls: turning certificate checks off is refused for {host}; "
                "point REQUESTS_CA_BUNDLE at your company's CA file instead"
            )
    elif not t.verify_tls:
        r.problems.append("[exchange].verify_tls: cannot be off with autodiscover")
    if t.auth.startswith("oauth2"):
        for name, value in (("tenant_id", t.tenant_id), ("client_id", t.client_id)):
            if not value:
                r.problems.append(
                    f"[exchange].{name}: required for auth = {t.auth!r} "
                    "(from the app registration in Microsoft Entra ID)"
                )
    if len(r.problems) > before:
        return None
    return ExchangeSettings(
        email=email.lower(),
        ews_url=ews_url or None,
        auth=t.auth,
        username=t.username or email,
        tenant_id=t.tenant_id or None,
        client_id=t.client_id or None,
        verify_tls=t.verify_tls,
        lookback_days=t.lookback_days,
        max_wait=t.max_wait,
    )


_CLIENT_ID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_CLIENT_ID_HELP = (
    "the Application (client) ID of an app registration that allows public client flows, "
    "like 1b2c3d4e-0000-4000-8000-123456789abc"
)


def _client_id(v: object) -> str:
    text = v.strip() if isinstance(v, str) else ""
    if not _CLIENT_ID.fullmatch(text):
        raise ValueError(f"expected {_CLIENT_ID_HELP}; got {v!r}")
    return text.lower()


def _tenant(v: object) -> str:
    text = v.strip() if isinstance(v, str) else ""
    if not re.fullmatch(r"[A-Za-z0-9.-]{1,253}", text):
        raise ValueError(
            f'expected a tenant id, a domain like contoso.com, or "organizations"; got {v!r}'
        )
    return text


def _address(v: object) -> str:
    text = v.strip() if isinstance(v, str) else ""
    if "@" not in text or any(c.isspace() for c in text):
        raise ValueError(f"expected the mailbox's address, got {v!r}")
    return text.lower()


@dataclass(frozen=True, slots=True)
class MicrosoftSettings:
    """[microsoft]: a Microsoft 365 (Exchange Online) mailbox over Microsoft Graph.

    Sign-in is a public client (no secret): MSAL's token cache is the only secret, kept
    encrypted under a key in the system keyring, or in a 0600 file with a warning."""

    email: str = field(  # a token for another account is refused
        metadata=key(
            "The mailbox's address. Default: [user].email.",
            parse=_address,
            example='"you@example.org"',
        )
    )
    client_id: str = field(
        metadata=key(
            "The Application (client) ID of an app registration that allows public client "
            "flows, with the delegated permissions Mail.ReadWrite and Calendars.Read. "
            "Required.",
            parse=_client_id,
            required=_CLIENT_ID_HELP,
            example='"1b2c3d4e-0000-4000-8000-123456789abc"',
        )
    )
    tenant: str = field(
        default="organizations",
        metadata=key(
            'Your tenant: its domain or id; "organizations" accepts any work or school account.',
            parse=_tenant,
        ),
    )
    login: str = field(
        default="device-code",
        metadata=key(
            'How `followthrough login` signs in: "device-code" (a code to enter in any '
            'browser) or "interactive" (a browser on this machine; used anyway when device '
            "codes are blocked).",
            choices=MICROSOFT_LOGIN,
        ),
    )
    lookback_days: int | None = field(
        default=None, metadata=key(_LOOKBACK_HELP, check=positive, example="60")
    )
    max_wait: int = field(
        default=120,
        metadata=key(
            "Seconds to wait out throttling (HTTP 429/503 Retry-After) before a pass gives up.",
            check=non_negative,
        ),
    )


def microsoft_settings(r: Reader, value: object, user_email: str) -> MicrosoftSettings | None:
    """[microsoft], checked; None when it has a problem."""
    before = len(r.problems)
    section = r.section(MicrosoftSettings, "microsoft", value)
    if "email" not in r.given("microsoft"):
        section = dataclasses.replace(section, email=user_email.strip().lower())
    return section if len(r.problems) == before else None
