"""The Exchange backend: a mailbox over EWS, through exchangelib (the only importer of it).

Reading is incremental with ``SyncFolderItems``: the cursor of a mail folder is
``{"k": "ews", "s": <sync state>}``. A pass with no changes costs one request per
folder. New or changed items are listed with their ids and receive time only, then
fetched in batches of :data:`BATCH` with just the fields a record needs (no MIME, so
attachment bytes are never downloaded). The first sync lists the whole folder but
fetches only what arrived within the look-back.

The calendar is watched the same way (``{"k": "ews-cal", "s": ...}``); when anything
changed, every occurrence in the window is read through a calendar view, which
expands recurring series on the server.

Drafts are saved with ``CreateItem`` and ``MessageDisposition="SaveOnly"`` only:
a reply to the original (``ReplyToItem``, threaded by Outlook like any reply) when
the original is in Sent Items or the Inbox, otherwise a new message. Both carry the
category ``followthrough`` and the ``X-Followthrough-Ask`` internet header. Nothing
in this module can send: it never calls ``send``, ``send_and_save``, ``reply`` or
``SendItem``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.message import Message as RawMessage
from email.utils import format_datetime, formataddr, getaddresses
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import requests.exceptions
from exchangelib import (
    DELEGATE,
    IMPERSONATION,
    OAUTH2,
    Body,
    Build,
    Configuration,
    Credentials,
    EWSDateTime,
    ExtendedProperty,
    FaultTolerance,
    Identity,
    Mailbox,
    Message,
    OAuth2AuthorizationCodeCredentials,
    OAuth2Credentials,
    Version,
)
from exchangelib import (
    Account as EwsAccount,
)
from exchangelib.errors import (
    CASError,
    ErrorAccessDenied,
    ErrorFolderNotFound,
    ErrorInvalidSyncStateData,
    ErrorItemNotFound,
    ErrorNonExistentMailbox,
    ErrorTimeoutExpired,
    EWSError,
    MalformedResponseError,
    RateLimitError,
    TransportError,
    UnauthorizedError,
)
from exchangelib.folders import Calendar, DistinguishedFolderId, Drafts, Inbox, Root, SentItems
from exchangelib.folders.collections import FolderCollection
from exchangelib.protocol import BaseProtocol, NoVerifyHTTPAdapter
from exchangelib.transport import BASIC, NTLM
from exchangelib.version import EXCHANGE_2013

from followthrough.backends import load_cursor
from followthrough.backends.mailparse import (
    LIST_HEADERS,
    MessageParseError,
    clean_line,
    html_to_text,
    parse_address,
    parse_message,
)
from followthrough.config.secrets import (
    SecretRef,
    SecretStore,
    credential_name,
    fetch_secret,
    find_secret,
)
from followthrough.config.settings import ExchangeSettings, is_loopback
from followthrough.errors import BackendError, ConfigError
from followthrough.model import (
    Address,
    Batch,
    CalendarRecord,
    Check,
    DraftState,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)

log = logging.getLogger(__name__)
_VERIFYING_ADAPTER = BaseProtocol.HTTP_ADAPTER_CLS  # exchangelib's default: verifies

BATCH = 100  # items per GetItem request
SYNC_PAGE = 512  # the most SyncFolderItems returns per request
DRAFT_CATEGORY = "followthrough"
ASK_HEADER = "X-Followthrough-Ask"
EXCHANGE_ONLINE = "https://outlook.office365.com/EWS/Exchange.asmx"
CACHE_FILE = "exchange.json"  # autodiscovered endpoint and server version, per mailbox
TOKEN_FILE = "exchange-token.json"  # noqa: S105 - a file name. OAuth2 tokens refreshed by exchangelib, mode 0600
_AUTO_HEADERS = {
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "content-type",
    # list and newsletter headers (see mailparse._detect_mass)
    *LIST_HEADERS,
    "list-unsubscribe",
    "sender",
    "x-original-from",
    "x-original-sender",
}
_FLAGGED = 2  # PidTagFlagStatus: 2 = flagged for follow-up, 1 = completed


class AskHeader(ExtendedProperty):  # type: ignore[misc]
    """The X-Followthrough-Ask internet header, as a named property Exchange sends out."""

    distinguished_property_set_id = "InternetHeaders"
    property_name = ASK_HEADER
    property_type = "String"


class FlagStatus(ExtendedProperty):  # type: ignore[misc]
    """PidTagFlagStatus: Outlook's follow-up flag (no EWS field for it before 2013)."""

    property_tag = 0x1090
    property_type = "Integer"


class MessageFlags(ExtendedProperty):  # type: ignore[misc]
    """PidTagMessageFlags, settable only when an item is created: 1 (read, and not
    unsent) files a copy of a sent message in Sent Items as sent, not as a draft."""

    property_tag = 0x0E07
    property_type = "Integer"


_SENT_FLAGS = 1  # MSGFLAG_READ; without MSGFLAG_UNSENT (8)

for _name, _cls in (("ft_ask", AskHeader), ("ft_flag", FlagStatus), ("ft_msgflags", MessageFlags)):
    if _name not in {f.name for f in Message.FIELDS}:
        Message.register(_name, _cls)

MAIL_FIELDS = (
    "subject",
    "author",
    "to_recipients",
    "cc_recipients",
    "datetime_sent",
    "datetime_received",
    "message_id",
    "in_reply_to",
    "references",
    "conversation_id",
    "categories",
    "is_read",
    "attachments",
    "headers",
    "item_class",
    "ft_ask",
    "ft_flag",
)
CALENDAR_FIELDS = (
    "uid",
    "subject",
    "start",
    "end",
    "is_all_day",
    "type",
    "original_start",
    "categories",
    "organizer",
    "required_attendees",
    "optional_attendees",
)


class _FailFastOn401(FaultTolerance):  # type: ignore[misc]
    """Back off on throttling and busy servers, up to ``max_wait``; but a 401 is a wrong
    password, not throttling: fail at once instead of retrying for an hour."""

    def raise_response_errors(self, response: Any) -> None:
        if response.status_code == 401:
            raise UnauthorizedError(f"Invalid credentials for {response.url}")
        if response.status_code == 403:
            raise ErrorAccessDenied(f"HTTP 403 from {response.url}")
        super().raise_response_errors(response)


def _load(cursor: str | None, kind: str) -> str | None:
    data = load_cursor(cursor, kind)
    return str(data["s"]) if data is not None and isinstance(data.get("s"), str) else None


def _dump(kind: str, state: str | None) -> str:
    return json.dumps({"k": kind, "s": state or ""})


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return datetime.fromtimestamp(value.timestamp(), UTC)
    return None


def _address(mailbox: Any) -> Address | None:
    if mailbox is None or not getattr(mailbox, "email_address", None):
        return None
    return parse_address(mailbox.email_address, getattr(mailbox, "name", None) or "")


def _addresses(mailboxes: Any) -> tuple[Address, ...]:
    out: list[Address] = []
    for m in mailboxes or ():
        a = _address(getattr(m, "mailbox", m))  # Attendee wraps a Mailbox
        if a is not None and a not in out:
            out.append(a)
    return tuple(out)


def _header_address(a: Address) -> str:
    return formataddr((clean_line(a.name), a.email))


def describe_error(exc: BaseException, where: str) -> BackendError:
    """One actionable sentence for what went wrong talking to Exchange (the server's own
    words whole, on one line)."""
    text = " ".join(str(exc).split())
    if isinstance(exc, UnauthorizedError):
        return BackendError(
            f"{where}: Exchange refused the login: wrong password or user name (or the "
            "account is locked). Run `followthrough login` to store the right password.",
            transient=False,
        )
    if isinstance(exc, TransportError) and (
        "CERTIFICATE" in text.upper() or "SSL" in text.upper() or "TLS" in text.upper()
    ):
        return BackendError(
            f"{where}: the server's TLS certificate was not accepted ({text}). If your "
            "company uses its own CA, point REQUESTS_CA_BUNDLE at its certificate file.",
            transient=False,
        )
    if isinstance(exc, ErrorAccessDenied | CASError) or "403" in text:
        return BackendError(
            f"{where}: access denied: EWS may be disabled for this mailbox or tenant "
            "(Exchange Online blocks EWS unless the app is allowed), or the account lacks "
            "permission on the mailbox.",
            transient=False,
        )
    if isinstance(exc, ErrorNonExistentMailbox):
        return BackendError(
            f"{where}: no such mailbox; check [exchange].email.",
            transient=False,
        )
    if isinstance(exc, RateLimitError):
        return BackendError(
            f"{where}: the server is throttling or busy and asked to wait longer than "
            "[exchange].max_wait; the next pass will try again.",
            transient=True,
        )
    if isinstance(
        exc,
        ErrorTimeoutExpired
        | TransportError
        | requests.exceptions.ConnectionError
        | requests.exceptions.Timeout
        | ConnectionError,
    ):
        return BackendError(
            f"{where}: the Exchange endpoint is unreachable ({text}); check the "
            "network or [exchange].ews_url. The next pass will try again.",
            transient=True,
        )
    if isinstance(exc, MalformedResponseError):
        return BackendError(
            f"{where}: the server's answer was not EWS ({text[:600]}); is [exchange].ews_url "
            "the EWS endpoint (…/EWS/Exchange.asmx)?",
            transient=True,
        )
    return BackendError(
        f"{where}: Exchange error: {type(exc).__name__}: {text[:600]}", transient=True
    )


_EWS_ERRORS = (
    EWSError,
    TransportError,
    MalformedResponseError,
    requests.exceptions.RequestException,
    ConnectionError,
)


@contextlib.contextmanager
def _ews(where: str) -> Iterator[None]:
    try:
        yield
    except BackendError:
        raise
    except _EWS_ERRORS as exc:
        raise describe_error(exc, where) from exc


# --- connection -------------------------------------------------------------------------


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_private(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON, created 0600, replaced atomically."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


class _PersistedTokenCredentials(OAuth2AuthorizationCodeCredentials):  # type: ignore[misc]
    """Authorization-code credentials whose refreshed tokens are saved, mode 0600."""

    token_path: Path

    def on_token_auto_refreshed(self, access_token: Any) -> None:
        super().on_token_auto_refreshed(access_token)
        _write_private(self.token_path, dict(access_token))


def exchange_secrets(settings: ExchangeSettings) -> dict[str, SecretRef]:
    """The secrets ``settings.auth`` uses, by role: "password" (NTLM/basic),
    "client-secret" (OAuth2; optional for a public client with a refresh token),
    "refresh-token" (OAuth2 authorization code)."""
    email = settings.email

    def ref(kind: str, what: str, legacy: str) -> SecretRef:
        return SecretRef("exchange", email, kind, what, legacy=credential_name(legacy))

    if settings.auth in ("ntlm", "basic"):
        return {"password": ref("password", f"Exchange password of {settings.username}", email)}
    client = ref("client-secret", "Exchange OAuth2 client secret", f"{email}-client-secret")
    if settings.auth == "oauth2-client":
        return {"client-secret": client}
    token = ref(
        "refresh-token",
        "Exchange OAuth2 refresh token (authorization code flow)",
        f"{email}-refresh-token",
    )
    return {"refresh-token": token, "client-secret": client}


def secret_names(settings: ExchangeSettings) -> list[SecretRef]:
    """What `followthrough login` asks for (a public client needs no client secret)."""
    refs = exchange_secrets(settings)
    return [refs["refresh-token"]] if "refresh-token" in refs else list(refs.values())


def _credentials(
    settings: ExchangeSettings, state_dir: Path, store: SecretStore | None = None
) -> tuple[Any, str, str]:
    """(credentials, exchangelib auth type, access type) for ``settings.auth``."""
    refs = exchange_secrets(settings)
    if settings.auth in ("ntlm", "basic"):
        password = fetch_secret(refs["password"], store)
        auth = NTLM if settings.auth == "ntlm" else BASIC
        return Credentials(settings.username, password), auth, DELEGATE
    if settings.auth == "oauth2-client":
        creds = OAuth2Credentials(
            client_id=settings.client_id,
            client_secret=fetch_secret(refs["client-secret"], store),
            tenant_id=settings.tenant_id,
            identity=Identity(primary_smtp_address=settings.email),
        )
        return creds, OAUTH2, IMPERSONATION
    token_path = state_dir / TOKEN_FILE
    token = _read_json(token_path)
    if not token.get("refresh_token"):
        token = {
            "refresh_token": fetch_secret(refs["refresh-token"], store),
            "access_token": "",
            "token_type": "Bearer",
            "expires_at": 0,
        }
    # a public client has no client secret: the refresh token alone is enough
    secret = find_secret(refs["client-secret"], store)
    code_creds = _PersistedTokenCredentials(
        client_id=settings.client_id,
        client_secret=secret,
        tenant_id=settings.tenant_id,
        access_token=token,
    )
    code_creds.token_path = token_path
    return code_creds, OAUTH2, DELEGATE


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
    credentials, auth_type, access_type = _credentials(settings, state_dir, store)
    cache_path = state_dir / CACHE_FILE
    cache = _read_json(cache_path)
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
    with _ews(f"Exchange {url or 'autodiscover'}"):
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
            _write_private(
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
    except _EWS_ERRORS:
        return
    if version is None or version.build is None:
        return
    path = state_dir / CACHE_FILE
    cache = _read_json(path)
    data = {
        "email": ews.primary_smtp_address,
        "ews_url": ews.protocol.service_endpoint,
        "build": str(version.build),
        "api_version": version.api_version,
    }
    if {k: cache.get(k) for k in data} != data:
        with contextlib.suppress(OSError):
            _write_private(path, data)


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


# --- the account --------------------------------------------------------------------------


class ExchangeAccount:
    """An Exchange mailbox: Sent Items, Inbox, Calendar read; drafts saved, never sent."""

    def __init__(
        self,
        ews: EwsAccount,
        *,
        tz: ZoneInfo,
        lookback_days: int,
        tag: str = "ask",
        name: str = "exchange",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        state_dir: Path | None = None,
    ) -> None:
        self.ews = ews
        self.tz = tz
        self.lookback = timedelta(days=lookback_days)
        self.tag = tag.lower()
        self.name = name
        self.clock = clock
        self.state_dir = state_dir
        self.where = f"Exchange {ews.protocol.service_endpoint}"
        self._folders: dict[str, Any] = {
            "sent": ews.sent,
            "inbox": ews.inbox,
            "drafts": ews.drafts,
        }

    # ---- mail -------------------------------------------------------------------------

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Items of ``folder`` created or changed since ``cursor`` (the look-back when None)."""
        ews_folder = self._folders[folder]
        state = _load(cursor, "ews")
        done: list[str] = []

        def records() -> Iterator[MailRecord]:
            changed, new_state = self._sync(ews_folder, state, ["datetime_received"])
            if state is None:
                cutoff = self.clock() - self.lookback
                changed = [c for c in changed if (_utc(c[2]) or cutoff) >= cutoff]
            changed.sort(key=lambda c: _utc(c[2]) or datetime.min.replace(tzinfo=UTC))
            yield from self._fetch_mail(folder, ews_folder, [(i, k) for i, k, _ in changed], skip)
            done.append(_dump("ews", new_state))

        def cursor_after() -> str:
            if not done:
                raise RuntimeError("cursor() called before the records were consumed")
            return done[0]

        return Batch(records(), cursor_after)

    def _sync(
        self, ews_folder: Any, state: str | None, fields: list[str]
    ) -> tuple[list[tuple[str, str, Any]], str]:
        """(id, changekey, datetime_received) of created/changed items, and the new state."""
        changed: dict[str, tuple[str, str, Any]] = {}
        with _ews(f"{self.where}: sync {ews_folder.DISTINGUISHED_FOLDER_ID}"):
            try:
                changes = list(
                    ews_folder.sync_items(
                        sync_state=state, only_fields=fields, max_changes_returned=SYNC_PAGE
                    )
                )
            except ErrorInvalidSyncStateData:
                log.warning("sync state of %s expired; reading it again", ews_folder)
                ews_folder.item_sync_state = None
                changes = list(
                    ews_folder.sync_items(only_fields=fields, max_changes_returned=SYNC_PAGE)
                )
        for change, item in changes:
            if change in ("create", "update") and getattr(item, "id", None):
                changed[item.id] = (
                    item.id,
                    item.changekey,
                    getattr(item, "datetime_received", None),
                )
            elif change == "delete":
                changed.pop(getattr(item, "id", ""), None)
        return list(changed.values()), ews_folder.item_sync_state or ""

    def _fetch_mail(
        self, folder: Folder, ews_folder: Any, ids: list[tuple[str, str]], skip: SkipSink
    ) -> Iterator[MailRecord]:
        if not ids:
            return
        fields = list(MAIL_FIELDS)
        fields.append("text_body" if self._has_text_body() else "body")
        with _ews(f"{self.where}: read {folder}"):
            items = list(
                self.ews.fetch(ids=ids, folder=ews_folder, only_fields=fields, chunk_size=BATCH)
            )
        for (item_id, _), item in zip(ids, items, strict=False):
            if isinstance(item, ErrorItemNotFound):
                continue  # deleted between the sync and the fetch
            if isinstance(item, Exception):
                skip(Skipped(f"{folder}:{item_id}", f"{type(item).__name__}: {item}"[:300]))
                continue
            try:
                yield self._mail_record(item, folder)
            except MessageParseError as exc:
                skip(Skipped(f"{folder}:{item_id}", exc.why))
            except Exception as exc:  # one bad item never stops a pass
                log.debug("could not convert %s", item_id, exc_info=True)
                skip(Skipped(f"{folder}:{item_id}", f"{type(exc).__name__}: {exc}"[:300]))

    def _has_text_body(self) -> bool:
        build = getattr(self.ews.version, "build", None)
        return build is None or build >= EXCHANGE_2013

    def _mail_record(self, item: Any, folder: Folder) -> MailRecord:
        """Headers rebuilt from the item's fields, read by the shared mail parser."""
        msg = RawMessage()
        for header in item.headers or ():
            name = str(getattr(header, "name", "") or "")
            if name.lower() in _AUTO_HEADERS and getattr(header, "value", None):
                msg[name] = clean_line(str(header.value))
        author = _address(item.author)
        if author is not None:
            msg["From"] = _header_address(author)
        for key, mailboxes in (("To", item.to_recipients), ("Cc", item.cc_recipients)):
            found = _addresses(mailboxes)
            if found:
                msg[key] = ", ".join(_header_address(a) for a in found)
        msg["Subject"] = clean_line(item.subject or "")
        # EWS gives UTC only; a Date header carries the writer's offset, and deadlines
        # ("by Friday") are read in the date's zone: show it in the user's zone, as the
        # Date header of the user's own mail has it.
        date = (
            _utc(item.datetime_sent) or _utc(item.datetime_received) or self.clock()
        ).astimezone(self.tz)
        msg["Date"] = format_datetime(date)
        for key, value in (
            ("Message-ID", item.message_id),
            ("In-Reply-To", item.in_reply_to),
            ("References", item.references),
        ):
            if value:
                msg[key] = clean_line(str(value))
        if not msg.get("Content-Type", "").lower().startswith("multipart/"):
            msg["Content-Type"] = "text/plain; charset=utf-8"
        raw = msg.as_bytes()
        record = parse_message(
            raw, ref=item.id, folder=folder, marks=frozenset(), tz=self.tz, default_date=date
        )
        text = getattr(item, "text_body", None)
        if text is None and getattr(item, "body", None) is not None:
            body = item.body
            text = html_to_text(str(body)) if type(body).__name__ == "HTMLBody" else str(body)
        categories = frozenset(clean_line(c).lower() for c in item.categories or () if c)
        marks = set(categories)
        if item.is_read:
            marks.add("seen")
        if folder == "drafts":
            marks.add("draft")
        if item.ft_flag == _FLAGGED or self.tag in categories:
            marks.add("flagged")
        auto = record.auto
        item_class = (item.item_class or "").lower()
        if item_class.startswith("report.") and ".ndr" in item_class:
            auto = "bounce"
        elif "ooftemplate" in item_class:
            auto = "out-of-office"
        attachments = tuple(
            clean_line(a.name)[:255] or "unnamed"
            for a in item.attachments or ()
            if getattr(a, "name", None) is not None and not getattr(a, "is_inline", False)
        )
        conversation = getattr(item.conversation_id, "id", None)
        ask = clean_line(item.ft_ask)[:200] if item.ft_ask else None
        return record.replace(
            date=date,
            text=(text or "").replace("\r\n", "\n"),
            attachments=attachments,
            marks=frozenset(marks),
            auto=auto,
            conversation=conversation,
            ask_header=ask or None,
        )

    # ---- calendar ---------------------------------------------------------------------

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when the calendar changed since ``cursor``."""
        state = _load(cursor, "ews-cal")
        calendar = self.ews.calendar
        changed, new_state = self._sync(calendar, state, [])
        new_cursor = _dump("ews-cal", new_state)
        if state is not None and not changed:
            return batch_of((), new_cursor)
        return batch_of(self._occurrences(calendar, window, skip), new_cursor)

    def _occurrences(self, calendar: Any, window: Window, skip: SkipSink) -> list[CalendarRecord]:
        start = EWSDateTime.from_datetime(window.start.astimezone(UTC))
        end = EWSDateTime.from_datetime(window.end.astimezone(UTC))
        fields = [*CALENDAR_FIELDS, "text_body" if self._has_text_body() else "body"]
        with _ews(f"{self.where}: read calendar"):
            items = list(calendar.view(start=start, end=end).only(*fields))
        records = []
        for item in items:
            if isinstance(item, Exception):
                skip(Skipped(f"calendar:{self.where}", f"{type(item).__name__}: {item}"[:300]))
                continue
            try:
                records.append(self._calendar_record(item))
            except Exception as exc:  # one bad entry never stops a pass
                skip(Skipped(f"calendar:{item.id}", f"{type(exc).__name__}: {exc}"[:300]))
        return records

    def _calendar_record(self, item: Any) -> CalendarRecord:
        start, end = _utc(item.start), _utc(item.end)
        if start is None or end is None:
            raise ValueError("no start or end")
        if item.is_all_day:
            start = start.astimezone(self.tz)
            end = end.astimezone(self.tz)
        recurring = item.type in ("Occurrence", "Exception")
        text = getattr(item, "text_body", None)
        if text is None and getattr(item, "body", None) is not None:
            text = html_to_text(str(item.body))
        return CalendarRecord(
            uid=item.uid or item.id,
            recurrence_id=_utc(item.original_start) if recurring else None,
            start=start,
            end=end,
            summary=clean_line(item.subject or ""),
            description=(text or "").replace("\r\n", "\n"),
            categories=frozenset(clean_line(c).lower() for c in item.categories or () if c),
            organizer=_address(item.organizer),
            attendees=_addresses(
                [*(item.required_attendees or ()), *(item.optional_attendees or ())]
            ),
            source=f"exchange calendar: {clean_line(item.subject or '')[:80]!r}",
            all_day=bool(item.is_all_day),
        )

    # ---- drafts -----------------------------------------------------------------------

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Save ``draft`` in Drafts (``SaveOnly``; never sent). Returns the item id."""
        to = _mailboxes(draft.get_all("To", []))
        cc = _mailboxes(draft.get_all("Cc", []))
        subject = clean_line(str(draft.get("Subject", "")))
        part = draft.get_body(("plain",))
        body = Body(part.get_content() if isinstance(part, EmailMessage) else "")
        message_id = clean_line(str(draft.get("Message-ID", ""))) or None
        ask = clean_line(str(draft.get(ASK_HEADER, ""))) or None
        parent = reply_to.message_id if reply_to is not None else None
        if parent is None and draft.get("In-Reply-To"):
            parent = clean_line(str(draft["In-Reply-To"])).strip("<>") or None
        drafts = self.ews.drafts
        with _ews(f"{self.where}: save draft"):
            original = self._find(parent) if parent else None
            if original is not None:
                reply = Message(account=self.ews, id=original[0], changekey=original[1])
                created = reply.create_reply(
                    subject=subject, body=body, to_recipients=to, cc_recipients=cc or None
                ).save(drafts)
                saved = Message(
                    account=self.ews, folder=drafts, id=created.id, changekey=created.changekey
                )
                saved.categories = [DRAFT_CATEGORY]
                saved.ft_ask = ask
                fields = ["categories", "ft_ask"]
                if message_id:
                    saved.message_id = message_id
                    fields.append("message_id")
                saved.save(update_fields=fields)
                return str(saved.id)
            message = Message(
                account=self.ews,
                folder=drafts,
                subject=subject,
                body=body,
                to_recipients=to,
                cc_recipients=cc or None,
                categories=[DRAFT_CATEGORY],
                message_id=message_id,
                in_reply_to=clean_line(str(draft.get("In-Reply-To", ""))) or None,
                references=clean_line(str(draft.get("References", ""))) or None,
            )
            message.ft_ask = ask
            message.save()  # CreateItem, MessageDisposition="SaveOnly"
            return str(message.id)

    def find_draft(self, message_id: str) -> str | None:
        """The id of the draft in Drafts whose Message-ID is ``message_id``, or None."""
        with _ews(f"{self.where}: find draft"):
            found = self._find(message_id, [self.ews.drafts])
        return found[0] if found else None

    def _find(self, message_id: str, folders: list[Any] | None = None) -> tuple[str, str] | None:
        """(id, changekey) of the message with this Message-ID, in Sent Items or the Inbox
        unless ``folders`` says otherwise. One FindItem request."""
        collection = FolderCollection(
            account=self.ews, folders=folders or [self.ews.sent, self.ews.inbox]
        )
        found = list(
            collection.filter(message_id=f"<{message_id}>").values_list("id", "changekey")[:1]
        )
        if not found:
            return None
        item_id, changekey = found[0]
        return str(item_id), str(changekey)

    def delete_draft(self, ref: str) -> bool:
        """Move our draft ``ref`` to Deleted Items (a no-longer-needed check-in or nudge,
        or the user's [d]elete in review). One DeleteItem request; never a send."""
        if self.draft_state(ref) != "pending":
            return False
        with _ews(f"{self.where}: delete draft"):
            [result] = self.ews.bulk_delete(ids=[(ref, None)], delete_type="MoveToDeletedItems")
        return result is True

    def fetch_draft(self, ref: str) -> bytes | None:
        """The MIME of draft ``ref`` as it is now (the user may have edited it in Outlook),
        or None once it is sent or deleted. One GetItem request."""
        with _ews(f"{self.where}: fetch draft"):
            [item] = list(
                self.ews.fetch(
                    ids=[(ref, None)],
                    folder=self.ews.drafts,
                    only_fields=["is_draft", "mime_content"],
                )
            )
        if isinstance(item, Exception) or not item.is_draft or not item.mime_content:
            return None
        mime = item.mime_content
        data = mime if isinstance(mime, bytes) else str(mime).encode("utf-8")
        head = data.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        if not any(line.lower().startswith(b"from:") for line in head.splitlines()):
            # a saved draft's MIME may lack From (Exchange adds it when it sends)
            sender = _header_address(Address(str(self.ews.primary_smtp_address)))
            data = f"From: {sender}\r\n".encode() + data
        return data

    def draft_path(self, ref: str) -> None:
        """Drafts live in the mailbox, not in a file."""
        return None

    def save_sent(self, data: bytes) -> str | None:
        """File a message followthrough sent over SMTP in Sent Items, as sent and read
        (``SaveOnly`` with its MIME: never a send). Returns the item id."""
        with _ews(f"{self.where}: file sent copy"):
            item = Message(account=self.ews, folder=self.ews.sent, mime_content=data)
            item.ft_msgflags = _SENT_FLAGS
            item.save()  # CreateItem, MessageDisposition="SaveOnly"
        return str(item.id)

    def draft_state(self, ref: str) -> DraftState:
        """Pending while the item is still a draft; gone when sent (Exchange moves it to
        Sent Items under a new id, where the pass finds it by Message-ID) or deleted."""
        with _ews(f"{self.where}: check draft"):
            [item] = list(
                self.ews.fetch(ids=[(ref, None)], folder=self.ews.drafts, only_fields=["is_draft"])
            )
        if isinstance(item, Exception):
            return "gone"
        return "pending" if item.is_draft else "gone"

    def close(self) -> None:
        if self.state_dir is not None:
            remember_version(self.ews, self.state_dir)
        with contextlib.suppress(Exception):
            self.ews.protocol.close()


def _mailboxes(values: list[Any]) -> list[Mailbox]:
    out = []
    for name, email in getaddresses([str(v) for v in values]):
        address = parse_address(email, name)
        if address is not None:
            out.append(Mailbox(name=address.name or None, email_address=address.email))
    return out


# --- opening and diagnosing ---------------------------------------------------------------


def open_exchange(
    settings: ExchangeSettings,
    *,
    state_dir: Path,
    tz: ZoneInfo,
    lookback_days: int,
    tag: str,
    now: datetime | None = None,
    store: SecretStore | None = None,
) -> ExchangeAccount:
    ews = connect(settings, state_dir, tz, store)
    return ExchangeAccount(
        ews,
        tz=tz,
        lookback_days=settings.lookback_days or lookback_days,
        tag=tag,
        state_dir=state_dir,
        clock=(lambda: now) if now is not None else (lambda: datetime.now(UTC)),
    )


def diagnose(
    settings: ExchangeSettings,
    *,
    state_dir: Path,
    tz: ZoneInfo,
    lookback_days: int,
    store: SecretStore | None = None,
) -> list[Check]:
    """What `followthrough doctor` reports: each step, or why it failed and what to do."""
    checks = [
        Check(
            True,
            f"config: mailbox {settings.email}, auth {settings.auth}, "
            f"endpoint {settings.ews_url or 'autodiscover'}",
        )
    ]
    try:
        _credentials(settings, state_dir, store)
    except ConfigError as exc:
        checks.append(Check(False, "credentials", exc.message))
        return checks
    checks.append(Check(True, "credentials: found"))
    try:
        ews = connect(settings, state_dir, tz, store)
    except (BackendError, ConfigError) as exc:
        checks.append(Check(False, "connection", exc.message))
        return checks
    account = ExchangeAccount(ews, tz=tz, lookback_days=settings.lookback_days or lookback_days)
    endpoint = str(ews.protocol.service_endpoint)
    unreachable = probe_endpoint(endpoint)
    if unreachable is not None:
        checks.append(Check(False, f"connection: {endpoint}", unreachable))
        with contextlib.suppress(Exception):
            ews.protocol.close()
        return checks
    try:
        with _ews(account.where):
            counts = {}
            for name in ("sent", "inbox", "drafts", "calendar"):
                try:
                    folder = getattr(ews, name)
                    folder.refresh()  # GetFolder: proves the login, the endpoint, the folder
                except ValueError:  # exchangelib: "SentItems must have an ID"
                    raise BackendError(
                        f"{account.where}: the server at {endpoint} did not hand out the "
                        f"{name} folder; is it an Exchange server with EWS, and is the "
                        "mailbox on it?",
                        transient=True,
                    ) from None
                counts[name] = folder.total_count
        checks.append(Check(True, f"connection: {ews.protocol.service_endpoint}"))
        build = getattr(ews.version, "build", None)
        checks.append(Check(True, f"server version: {build or 'unknown'}"))
        checks.append(
            Check(
                True,
                "folders found: "
                + ", ".join(f"{name} ({count} items)" for name, count in counts.items()),
            )
        )
        since = account.clock() - account.lookback
        with _ews(account.where):
            recent = ews.sent.filter(datetime_received__gte=since).count()
        checks.append(
            Check(True, f"to scan: {recent} sent items since {since:%Y-%m-%d}, the inbox likewise")
        )
        remember_version(ews, state_dir)
    except BackendError as exc:
        checks.append(Check(False, "connection", exc.message))
    except ErrorFolderNotFound as exc:
        checks.append(Check(False, "folders", f"a standard folder is missing: {exc}"))
    finally:
        with contextlib.suppress(Exception):
            ews.protocol.close()
    return checks
