"""Open the account a config describes. The only place that picks a backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followthrough.config.accounts import CaldavSettings, ImapSettings
from followthrough.config.secrets import SecretRef, fetch_secret
from followthrough.config.settings import Settings
from followthrough.errors import ConfigError
from followthrough.model import Account, Check, Window

if TYPE_CHECKING:
    from followthrough.backends.standard import StandardAccount


def open_account(settings: Settings, now: datetime | None = None) -> Account:
    """The backend for ``settings.backend``, ready to read and save drafts.

    ``now`` is the pass's clock (the first Exchange sync reaches back from it)."""
    if settings.backend == "local":
        from followthrough.backends.local.account import LocalAccount

        if settings.local is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [local] is missing")
        return LocalAccount(settings.local, settings.timezone, limits=settings.limits)
    if settings.backend == "imap":
        return _open_standard(settings)
    if settings.backend == "exchange":
        _require_exchangelib(settings)
        from followthrough.backends.exchange.account import open_exchange

        if settings.exchange is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [exchange] is missing")
        return open_exchange(
            settings.exchange,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
            tag=settings.detect.tag,
            now=now,
            store=settings.secret_store,
        )
    if settings.backend == "microsoft":
        graph = _graph_module(settings)
        if settings.microsoft is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [microsoft] is missing")
        account: Account = graph.open_graph(
            settings.microsoft,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
            tag=settings.detect.tag,
            now=now,
        )
        return account
    raise ConfigError(f"{settings.path}: [account].backend: unknown backend {settings.backend!r}")


def _require_exchangelib(settings: Settings) -> None:
    """A ConfigError naming the extra when exchangelib is not installed (it is optional:
    `pip install 'followthrough[exchange]'`)."""
    from importlib.util import find_spec

    if find_spec("exchangelib") is None:  # only the Exchange backend imports it
        raise ConfigError(
            f'{settings.path}: backend = "exchange" needs exchangelib, which is not installed',
            [
                "install the extra: pip install 'followthrough[exchange]' "
                "(pipx: pipx install 'followthrough[exchange]', or pipx inject followthrough "
                "exchangelib)"
            ],
        )


def _graph_module(settings: Settings) -> Any:
    """The Graph account module, or a clear error when the [microsoft] extra is missing."""
    try:
        from followthrough.backends.graph import account as graph
    except ImportError as exc:  # pragma: no cover - the [microsoft] extra is not installed
        raise ConfigError(
            f'{settings.path}: backend = "microsoft" needs httpx and msal ({exc.name} is '
            "missing): pip install 'followthrough[microsoft]'"
        ) from None
    return graph


def sign_in(settings: Settings, say: Callable[[str], None]) -> str | None:
    """`followthrough login` for a backend that signs in with a browser (Microsoft 365):
    runs the flow and returns who signed in; None for backends that use passwords."""
    if settings.backend != "microsoft" or settings.microsoft is None:
        return None
    _graph_module(settings)
    from followthrough.backends.graph.auth import sign_in as graph_sign_in

    return graph_sign_in(settings.microsoft, settings.state_dir, say)


def _open_standard(settings: Settings) -> StandardAccount:
    try:
        from followthrough.backends.standard import StandardAccount
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            f'{settings.path}: backend = "imap" needs IMAPClient and caldav ({exc.name} is '
            "missing): reinstall followthrough (pip install --force-reinstall followthrough)"
        ) from None

    if settings.imap is None:  # pragma: no cover - the loader guarantees it
        raise ConfigError(f"{settings.path}: [account.imap] is missing")
    caldav = settings.caldav
    store = settings.secret_store
    return StandardAccount(
        settings.imap,
        fetch_secret(settings.imap.secret, store),
        settings.timezone,
        caldav,
        fetch_secret(caldav.secret, store) if caldav else "",
    )


@dataclass(frozen=True, slots=True)
class Needed:
    """A secret the configured account needs, and how to check it against its server."""

    ref: SecretRef
    verify: Callable[[str], None] | None  # raises BackendError when the server refuses


def account_secrets(settings: Settings) -> list[Needed]:
    """Every secret the configured account needs to read mail and the calendar (one per
    service, user and host). Sending's secret is the outbox's: see
    ``followthrough.service.checks.needed_secrets``."""
    needed: list[Needed] = []
    if settings.backend == "imap" and settings.imap is not None:
        imap = settings.imap
        needed.append(Needed(imap.secret, lambda pw: verify_imap(imap, pw, settings)))
        caldav = settings.caldav
        if caldav is not None:
            needed.append(Needed(caldav.secret, lambda pw: verify_caldav(caldav, pw, settings)))
    if settings.backend == "exchange" and settings.exchange is not None:
        _require_exchangelib(settings)
        from followthrough.backends.exchange.auth import secret_names as exchange_secrets

        needed += [Needed(ref, None) for ref in exchange_secrets(settings.exchange)]
    return needed


def verify_imap(imap: ImapSettings, password: str, settings: Settings) -> None:
    from followthrough.backends.imap.mailbox import ImapMailbox

    box = ImapMailbox(imap, password, settings.timezone)
    try:
        box.connect()
    finally:
        box.close()


def verify_caldav(caldav: CaldavSettings, password: str, settings: Settings) -> None:
    from followthrough.backends.davcal import DavCalendar

    calendar = DavCalendar(caldav, password, settings.timezone)
    try:
        calendar.calendars()
    finally:
        calendar.close()


def diagnose_account(settings: Settings, window: Window | None = None) -> list[Check]:
    """What `followthrough doctor` reports for the configured account (sending is
    checked by ``followthrough.service.checks.diagnose``)."""
    checks: list[Check] = []
    store = settings.secret_store
    if settings.backend == "local" and settings.local is not None:
        from followthrough.backends.local.account import diagnose_local

        checks += diagnose_local(settings.local)
    if settings.backend == "imap":
        try:
            account = _open_standard(settings)
        except ConfigError as exc:
            checks.append(Check(False, f"secrets: {exc.message}", "run `followthrough login`"))
        else:
            try:
                checks += account.diagnose(window)
            finally:
                account.close()
    if settings.backend == "exchange" and settings.exchange is not None:
        try:
            _require_exchangelib(settings)
        except ConfigError as exc:
            return [Check(False, exc.message, " ".join(exc.problems))]
        from followthrough.backends.exchange.account import diagnose as diagnose_exchange

        checks += diagnose_exchange(
            settings.exchange,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
            store=store,
        )
    if settings.backend == "microsoft" and settings.microsoft is not None:
        checks += _graph_module(settings).diagnose(
            settings.microsoft,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
        )
    return checks
