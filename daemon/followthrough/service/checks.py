"""What `login` and `doctor` check for the whole installation: the account (its secrets
and servers, from the backends) and sending (the SMTP server or sendmail command, from
the outbox). The one place both layers meet, so neither imports the other."""

from __future__ import annotations

from followthrough.backends.registry import Needed, account_secrets, diagnose_account
from followthrough.config.secrets import fetch_secret
from followthrough.config.settings import Settings
from followthrough.errors import ConfigError
from followthrough.model import Check, Window
from followthrough.outbox.smtp import diagnose_sendmail, diagnose_smtp, verify_smtp


def needed_secrets(settings: Settings) -> list[Needed]:
    """Every secret the installation needs: the account's, then sending's (one per
    service, user and host)."""
    needed = account_secrets(settings)
    smtp = settings.smtp
    if smtp is not None and smtp.auth:  # sending approved drafts, whatever reads the mail
        needed.append(Needed(smtp.secret, lambda pw: verify_smtp(smtp, pw)))
    return needed


def secret_names(settings: Settings) -> list[tuple[str, str]]:
    """(secret name, what it is for) of every secret the installation needs."""
    return [(n.ref.name, n.ref.what) for n in needed_secrets(settings)]


def diagnose(settings: Settings, window: Window | None = None) -> list[Check]:
    """What `followthrough doctor` reports: the configured account, then its sending."""
    checks = diagnose_account(settings, window)
    if settings.smtp is not None:
        password = ""
        if settings.smtp.auth:
            try:
                password = fetch_secret(settings.smtp.secret, settings.secret_store)
            except ConfigError as exc:
                return [*checks, Check(False, f"SMTP: {exc.message}", "run `followthrough login`")]
        checks += diagnose_smtp(settings.smtp, password)
    elif settings.sendmail is not None:
        checks += diagnose_sendmail(settings.sendmail)
    else:
        checks.append(
            Check(
                True,
                "sending: none configured; send approved drafts from your mail client "
                "(or add [account.smtp] or [account.sendmail] to send from `review`)",
            )
        )
    return checks
