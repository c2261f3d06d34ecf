"""The Exchange account: a mailbox over EWS (mail, calendar and drafts parts in their own
modules), how it is opened, and what `followthrough doctor` reports of it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from exchangelib import (
    Account as EwsAccount,
)
from exchangelib.errors import (
    ErrorFolderNotFound,
)

from followthrough.backends.exchange.auth import load_credentials
from followthrough.backends.exchange.calendar import CalendarReading
from followthrough.backends.exchange.connect import connect, probe_endpoint, remember_version
from followthrough.backends.exchange.drafts import DraftSaving
from followthrough.backends.exchange.errors import ews_errors
from followthrough.backends.exchange.mail import MailReading
from followthrough.config.microsoft import ExchangeSettings
from followthrough.config.secrets import SecretStore
from followthrough.errors import BackendError, ConfigError
from followthrough.model import (
    Check,
)


class ExchangeAccount(MailReading, CalendarReading, DraftSaving):
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

    def close(self) -> None:
        if self.state_dir is not None:
            remember_version(self.ews, self.state_dir)
        with contextlib.suppress(Exception):
            self.ews.protocol.close()


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
        load_credentials(settings, state_dir, store)
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
        with ews_errors(account.where):
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
        with ews_errors(account.where):
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
