"""Open the account a config describes. The only place that picks a backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followthrough.config import Settings
from followthrough.errors import ConfigError
from followthrough.model import Account, Check, Window
from followthrough.secrets import fetch_secret

if TYPE_CHECKING:
    from followthrough.backends.standard import StandardAccount


def open_account(settings: Settings, now: datetime | None = None) -> Account:
    """The backend for ``settings.backend``, ready to read and save drafts.

    ``now`` is the pass's clock (the first Exchange sync reaches back from it)."""
    if settings.backend == "local":
        from followthrough.backends.local import LocalAccount

        if settings.local is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [local] is missing")
        return LocalAccount(settings.local, settings.timezone, limits=settings.limits)
    if settings.backend == "imap":
        return _open_standard(settings)
    if settings.backend == "exchange":
        from followthrough.backends.exchange import open_exchange

        if settings.exchange is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [exchange] is missing")
        return open_exchange(
            settings.exchange,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
            tag=settings.detect.tag,
            now=now,
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


def _graph_module(settings: Settings) -> Any:
    """followthrough.backends.graph, or a clear error when the [microsoft] extra is missing."""
    try:
        from followthrough.backends import graph
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
    from followthrough.backends.graphauth import sign_in as graph_sign_in

    return graph_sign_in(settings.microsoft, settings.state_dir, say)


def _open_standard(settings: Settings) -> StandardAccount:
    try:
        from followthrough.backends.standard import StandardAccount
    except ImportError as exc:  # pragma: no cover - the [imap] extra is not installed
        raise ConfigError(
            f'{settings.path}: backend = "imap" needs IMAPClient and caldav ({exc.name} is '
            "missing): pip install 'followthrough[imap]'"
        ) from None

    if settings.imap is None:  # pragma: no cover - the loader guarantees it
        raise ConfigError(f"{settings.path}: [account.imap] is missing")
    caldav = settings.caldav
    return StandardAccount(
        settings.imap,
        fetch_secret(settings.imap.secret_name),
        settings.timezone,
        caldav,
        fetch_secret(caldav.secret_name) if caldav else "",
    )


def secret_names(settings: Settings) -> list[tuple[str, str]]:
    """(secret name, what it is for) of every password the configured account needs."""
    names: dict[str, str] = {}
    if settings.backend == "imap":
        for label, server in (
            ("IMAP", settings.imap),
            ("CalDAV", settings.caldav),
            ("SMTP", settings.smtp),
        ):
            if server is not None:
                names.setdefault(server.secret_name, f"{label} password")
    if settings.backend == "exchange" and settings.exchange is not None:
        from followthrough.backends.exchange import secret_names as exchange_secrets

        names.update(exchange_secrets(settings.exchange))
    if settings.smtp is not None:  # sending approved drafts, whatever reads the mail
        names.setdefault(settings.smtp.secret_name, "SMTP password")
    return list(names.items())


def diagnose(settings: Settings, window: Window | None = None) -> list[Check]:
    """What `followthrough doctor` reports for the configured account."""
    checks: list[Check] = []
    if settings.backend == "imap":
        try:
            account = _open_standard(settings)
        except ConfigError as exc:
            return [Check(False, f"secrets: {exc.message}", "run `followthrough login`")]
        try:
            checks += account.diagnose(window)
        finally:
            account.close()
        if settings.smtp is not None:
            from followthrough.smtp import diagnose_smtp

            try:
                password = fetch_secret(settings.smtp.secret_name)
            except ConfigError as exc:
                return [*checks, Check(False, f"SMTP: {exc.message}", "run `followthrough login`")]
            checks += diagnose_smtp(settings.smtp, password)
    if settings.backend == "exchange" and settings.exchange is not None:
        from followthrough.backends.exchange import diagnose as diagnose_exchange

        checks += diagnose_exchange(
            settings.exchange,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
        )
    if settings.backend == "microsoft" and settings.microsoft is not None:
        checks += _graph_module(settings).diagnose(
            settings.microsoft,
            state_dir=settings.state_dir,
            tz=settings.timezone,
            lookback_days=settings.detect.lookback_days,
        )
        if settings.smtp is not None:
            from followthrough.smtp import diagnose_smtp

            try:
                password = fetch_secret(settings.smtp.secret_name)
            except ConfigError as exc:
                return [*checks, Check(False, f"SMTP: {exc.message}", "run `followthrough login`")]
            checks += diagnose_smtp(settings.smtp, password)
    return checks
