"""One pass and the daily digest: the same code for `followthrough scan` and the daemon
(``service.daemon``). The caller holds the state directory's pass lock, or
``run_locked_pass`` takes it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from followthrough.backends.registry import open_account
from followthrough.config.settings import Settings
from followthrough.engine.compose import Composer
from followthrough.engine.scan import Pass, ScanSummary
from followthrough.ledger import Ledger
from followthrough.service.lock import PassLock

log = logging.getLogger(__name__)

SCAN_LOCK_WAIT = 5.0  # seconds a manual scan waits for the pass lock


def run_pass(
    settings: Settings, now: datetime, *, should_stop: Callable[[], bool] | None = None
) -> ScanSummary:
    """One pass over the configured account. The caller holds the state dir's lock."""
    log.debug("pass starting (now %s)", now.isoformat())
    account = open_account(settings, now)
    try:
        ledger = Ledger(settings.ledger_path)
        try:
            composer = Composer(settings.templates_dir)
            return Pass(settings, ledger, account, composer, now, should_stop=should_stop).run()
        finally:
            ledger.close()
    finally:
        account.close()


def run_locked_pass(settings: Settings, now: datetime, wait: float | None = None) -> ScanSummary:
    """A manual pass: take the lock (waiting up to ``wait`` s, a few by default), run."""
    wait = SCAN_LOCK_WAIT if wait is None else wait
    with PassLock(settings.state_dir).acquire(wait, what="followthrough scan"):
        return run_pass(settings, now)


def run_digest(settings: Settings, now: datetime) -> None:
    """The daily digest job: today's digest as a draft to the user (once a day)."""
    from followthrough.engine.digest import write_digest_draft

    account = open_account(settings, now)
    try:
        ledger = Ledger(settings.ledger_path)
        try:
            ref = write_digest_draft(
                settings, ledger, account, Composer(settings.templates_dir), now
            )
        finally:
            ledger.close()
    finally:
        account.close()
    local = now.astimezone(settings.timezone)
    if ref is None:
        log.info("digest (%s): nothing new to say, or already written today", local.date())
    else:
        log.info("digest (%s): draft written", local.date())
