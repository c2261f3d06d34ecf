"""The EWS connection: the endpoint (configured, cached, or found by autodiscover and
cached), the server version cache, the retry policy, and the distinguished folders."""

from __future__ import annotations

import contextlib
import logging
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from exchangelib import (
    Account as EwsAccount,
)
from exchangelib import (
    Build,
    Configuration,
    FaultTolerance,
    Mailbox,
    Version,
)
from exchangelib.errors import (
    ErrorAccessDenied,
    UnauthorizedError,
)
from exchangelib.folders import Calendar, DistinguishedFolderId, Drafts, Inbox, Root, SentItems
from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter

from followthrough.backends.exchange.auth import load_credentials, read_json, write_private
from followthrough.backends.exchange.errors import EWS_ERRORS, ews_errors
from followthrough.config.accounts import is_loopback
from followthrough.config.microsoft import ExchangeSettings
from followthrough.config.secrets import SecretStore
from followthrough.errors import ConfigError

log = logging.getLogger(__name__)
_VERIFYING_ADAPTER = BaseProtocol.HTTP_ADAPTER_CLS  # exchangelib's default: verifies

EXCHANGE_ONLINE = "https://outlook.office365.com/EWS/Exchange.asmx"
CACHE_FILE = "exchange.json"  # autodiscovered endpoint and server version, per mailbox


class _FailFastOn401(FaultTolerance):  # type: ignore[misc]
    """Back off on throttling and busy servers, up to ``max_wait``; but a 401 is a wrong
    password, not throttling: fail at once instead of retrying for an hour."""

    def raise_response_errors(self, response: Any) -> None:
        if response.status_code == 401:
            raise UnauthorizedError(f"Invalid credentials for {response.url}")
        if response.status_code == 403:
            raise ErrorAccessDenied(f"HTTP 403 from {response.url}")
        super().raise_response_errors(response)


def probe_endpoint(url: str, timeout: float = 10.0) -> str | None:
    """Why the EWS endpoint at ``url`` cannot be reached (its host does not resolve, or
    no connection is accepted), in one sentence; None when a connection opens."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return (
            f"the host {host!r} does not exist (no DNS answer): check [exchange].server or "
            ".ews_url, or remove both to use autodiscover"
        )
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        return (
            f"no connection to {host}:{port} ({exc.strerror or type(exc).__name__}): check "
            "the network, a VPN, or [exchange].server"
        )
    return None


def _is_loopback(url: str) -> bool:
    return is_loopback(urlsplit(url).hostname or "")


def connect(
    settings: ExchangeSettings, state_dir: Path, tz: ZoneInfo, store: SecretStore | None = None
) -> EwsAccount:
    """An exchangelib Account, without a request when the endpoint and version are known.

    Autodiscover runs only when no endpoint is configured and none is cached; the
    endpoint it finds and the server version are cached in the state directory.
    """
    credentials, auth_type, access_type = load_credentials(settings, state_dir, store)
    cache_path = state_dir / CACHE_FILE
    cache = read_json(cache_path)
    if cache.get("email") != settings.email:
        cache = {}
    url = settings.ews_url or cache.get("ews_url")
    if url is None and settings.auth.startswith("oauth2"):
        url = EXCHANGE_ONLINE
    version = None
    if isinstance(cache.get("build"), str) and cache.get("ews_url") == url:
        with contextlib.suppress(ValueError, TypeError):
            version = Version(
                build=Build(*(int(p) for p in cache["build"].split("."))),
                api_version=cache.get("api_version"),
            )
    if not settings.verify_tls:
        if url is None or not _is_loopback(url):  # the config refuses it too
            raise ConfigError("[exchange].verify_tls: may only be off for a loopback host")
        log.warning("Exchange %s: certificate checks are OFF ([exchange].verify_tls = false)", url)
    # A process-wide setting in exchangelib: set it on every connect, so an account with
    # checks off never leaves them off for the next one.
    BaseProtocol.HTTP_ADAPTER_CLS = (
        _VERIFYING_ADAPTER if settings.verify_tls else NoVerifyHTTPAdapter
    )
    policy = _FailFastOn401(max_wait=settings.max_wait)
    with ews_errors(f"Exchange {url or 'autodiscover'}"):
        if url is None:
            ews = EwsAccount(
                primary_smtp_address=settings.email,
                credentials=credentials,
                autodiscover=True,
                access_type=access_type,
                config=Configuration(
                    credentials=credentials, auth_type=auth_type, retry_policy=policy
                ),
                default_timezone=None,
            )
            write_private(
                cache_path,
                {"email": settings.email, "ews_url": ews.protocol.service_endpoint},
            )
        else:
            config = Configuration(
                service_endpoint=url,
                credentials=credentials,
                auth_type=auth_type,
                version=version,
                retry_policy=policy,
                max_connections=2,
            )
            ews = EwsAccount(
                primary_smtp_address=settings.email,
                config=config,
                autodiscover=False,
                access_type=access_type,
            )
    _prime_folders(ews)
    return ews


def remember_version(ews: EwsAccount, state_dir: Path) -> None:
    """Cache the server version, so later passes never probe it."""
    try:
        version = ews.version
    except EWS_ERRORS:
        return
    if version is None or version.build is None:
        return
    path = state_dir / CACHE_FILE
    cache = read_json(path)
    data = {
        "email": ews.primary_smtp_address,
        "ews_url": ews.protocol.service_endpoint,
        "build": str(version.build),
        "api_version": version.api_version,
    }
    if {k: cache.get(k) for k in data} != data:
        with contextlib.suppress(OSError):
            write_private(path, data)


def _prime_folders(ews: EwsAccount) -> None:
    """Distinguished folders addressed by name, so using them costs no GetFolder."""
    mailbox = Mailbox(email_address=ews.primary_smtp_address)
    root = Root(account=ews, _distinguished_id=DistinguishedFolderId(id="root", mailbox=mailbox))
    ews.__dict__["root"] = root
    for attr, cls in (
        ("sent", SentItems),
        ("inbox", Inbox),
        ("drafts", Drafts),
        ("calendar", Calendar),
    ):
        ews.__dict__[attr] = cls(
            root=root,
            _distinguished_id=DistinguishedFolderId(
                id=cls.DISTINGUISHED_FOLDER_ID, mailbox=mailbox
            ),
        )
