"""Open the account a config describes. The only place that picks a backend."""

from __future__ import annotations

from followthrough.config import Settings
from followthrough.errors import ConfigError
from followthrough.model import Account


def open_account(settings: Settings) -> Account:
    """The backend for ``settings.backend``, ready to read and save drafts."""
    if settings.backend == "local":
        from followthrough.backends.local import LocalAccount

        if settings.local is None:  # pragma: no cover - the loader guarantees it
            raise ConfigError(f"{settings.path}: [local] is missing")
        return LocalAccount(settings.local, settings.timezone)
    raise ConfigError(f"{settings.path}: [account].backend: unknown backend {settings.backend!r}")
