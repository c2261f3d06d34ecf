"""`followthrough run`: the long-running service. The only module that imports apscheduler.

A pass runs every ``[daemon].interval_minutes`` (with jitter) and the digest once a day
at ``[daemon].digest_time``. The scheduler only says *when* to look: what is due is
decided by the ledger on every pass, so the job store is kept in memory and a restart
or a missed run loses nothing (late runs coalesce into one pass). Passes and the digest
share one worker thread, so only one runs at a time; the pass lock on the state
directory keeps a manual `scan` (or `review`) from running a pass at the same time,
and ``daemon.lock``, held while the daemon runs, keeps a second daemon off the ledger.

Signals: SIGTERM/SIGINT stop after the step in progress (each step is one transaction),
SIGHUP reloads the config (a broken one is reported and the old one kept), SIGUSR1
runs a pass now. Under systemd (Type=notify) READY=1 follows the config load and
STATUS= carries the last pass summary.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from followthrough.config.settings import Settings, load_settings
from followthrough.engine.compose import Composer
from followthrough.engine.drafting import TEMPLATE_FOR
from followthrough.engine.scan import PassInterruptedError
from followthrough.errors import ConfigError, FollowthroughError, LockedError
from followthrough.service.lock import DAEMON_LOCK_NAME, PassLock
from followthrough.service.notify import (
    notify_ready,
    notify_reloading,
    notify_status,
    notify_stopping,
)
from followthrough.service.runner import run_digest, run_pass
from followthrough.service.status import read_status, write_status

log = logging.getLogger(__name__)

PASS_LOCK_WAIT = 2.0  # seconds the daemon waits for it before putting its pass off
MISFIRE_GRACE = 24 * 3600  # a run missed (sleep, suspend) by up to a day still runs, once
Clock = Callable[[], datetime]


def _span(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.3g}s"
    return f"{seconds / 60:.3g} min"


def plain_connections(settings: Settings) -> list[str]:
    """The configured connections without TLS (allowed only to this machine): the
    service says so once when it starts, `doctor` in its checks; other commands don't."""
    found = []
    if settings.imap is not None and settings.imap.tls == "none":
        found.append(f"IMAP {settings.imap.host}:{settings.imap.port}: no TLS")
    if settings.caldav is not None and settings.caldav.url.startswith("http://"):
        found.append(f"CalDAV {settings.caldav.host}: plain http")
    if settings.smtp is not None and settings.smtp.tls == "none":
        found.append(f"SMTP {settings.smtp.host}:{settings.smtp.port}: no TLS")
    return found


def check_templates(settings: Settings) -> list[str]:
    """Problems loading the user's own follow-up templates (syntax errors), as messages."""
    if settings.templates_dir is None:
        return []
    composer = Composer(settings.templates_dir)
    problems = []
    for name in TEMPLATE_FOR.values():
        if not (settings.templates_dir / name).is_file():
            continue
        try:
            composer.env.get_template(name)
        except Exception as exc:  # jinja2's errors; only compose imports jinja2
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
    return problems


class Daemon:
    """`followthrough run`. Build it with a config path, call ``run()``; returns 0."""

    def __init__(
        self,
        config_path: Path,
        *,
        clock: Clock | None = None,
        interval_seconds: float | None = None,
    ) -> None:
        self.config_path = config_path
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.interval_override = interval_seconds
        self.settings = load_settings(config_path)
        self.lock = PassLock(self.settings.state_dir, DAEMON_LOCK_NAME)
        self.scheduler: Any = None
        self.failures = 0
        self.status: dict[str, Any] = {}
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._reload = threading.Event()
        self._scan_now = threading.Event()
        # held by the job running on the worker thread. Shutting down waits on it, not
        # in scheduler.shutdown(wait=True): that holds the job store lock while it waits,
        # and a job ending with get_job/modify_job would deadlock against it.
        self._busy = threading.Lock()
        self._status_lock = threading.Lock()

    # --- schedule ---------------------------------------------------------------------

    @property
    def interval(self) -> float:
        """Seconds between passes."""
        if self.interval_override is not None:
            return self.interval_override
        return self.settings.daemon.interval_minutes * 60

    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed passes in a row: doubling, capped."""
        base = min(60.0, self.interval)
        cap = max(self.settings.daemon.backoff_max_minutes * 60, base)
        return float(min(base * 2 ** max(failures - 1, 0), cap))

    def schedule(self) -> None:
        """(Re)create the pass and digest jobs from the current settings."""
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.date import DateTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        d = self.settings.daemon
        tz = self.settings.timezone
        jitter = min(d.jitter_seconds, self.interval / 2)
        self.scheduler.add_job(
            self.pass_job,
            IntervalTrigger(seconds=self.interval, jitter=jitter or None, timezone=tz),
            id="pass",
            name="pass",
            replace_existing=True,
            next_run_time=datetime.now(UTC),  # the first pass right away
        )
        self.scheduler.add_job(
            self.digest_job,
            CronTrigger(hour=d.digest_time.hour, minute=d.digest_time.minute, timezone=tz),
            id="digest",
            name="digest",
            replace_existing=True,
        )
        if self.digest_missed():
            self.scheduler.add_job(
                self.digest_job,
                DateTrigger(datetime.now(UTC)),
                id="digest-catch-up",
                replace_existing=True,
            )

    def digest_missed(self) -> bool:
        """Today's digest time has passed and no digest ran today (the service was down)."""
        now = self.clock().astimezone(self.settings.timezone)
        last = self.status.get("last_digest")
        if last is None and not self.status.get("last_pass"):
            return False  # the very first start: the digest comes at its time, not now
        return now.time() >= self.settings.daemon.digest_time and last != now.date().isoformat()

    # --- jobs (run on the single worker thread) -----------------------------------------

    def pass_job(self) -> None:
        with self._busy:
            if self._stop.is_set() or (lock := self.take_pass_lock("pass")) is None:
                return
            try:
                self.run_one_pass()
            finally:
                lock.release()

    def digest_job(self) -> None:
        with self._busy:
            if self._stop.is_set() or (lock := self.take_pass_lock("digest")) is None:
                return
            try:
                self.run_one_digest()
            finally:
                lock.release()

    def take_pass_lock(self, job: str) -> PassLock | None:
        """The pass lock, or None (and the job put off) while a manual pass holds it."""
        try:
            return PassLock(self.settings.state_dir).acquire(PASS_LOCK_WAIT, what=job)
        except LockedError as exc:
            retry = datetime.now(UTC) + timedelta(seconds=min(self.interval, 30.0))
            log.info("%s put off to %s: %s", job, f"{retry:%X}", exc.message.split(";")[0])
            if job == "pass":
                self.scheduler.modify_job("pass", next_run_time=retry)
            else:
                from apscheduler.triggers.date import DateTrigger

                self.scheduler.add_job(
                    self.digest_job, DateTrigger(retry), id="digest-catch-up", replace_existing=True
                )
            return None

    def run_one_pass(self) -> None:
        settings = self.settings
        now = self.clock()
        try:
            summary = run_pass(settings, now, should_stop=self._stop.is_set)
        except PassInterruptedError:
            log.info("pass stopped between two steps: shutting down")
            return
        except Exception as exc:  # the daemon stays up whatever a pass does
            self.pass_failed(exc)
            return
        self.failures = 0
        line = summary.line()
        log.info("pass ok: %s", line)
        for error in summary.errors:
            log.warning("pass error: %s", error)
        local = now.astimezone(settings.timezone)
        notify_status(f"last pass {local:%Y-%m-%d %H:%M}: {line}")
        self.status.update(
            last_pass={"at": now.isoformat(), "result": "ok", "summary": line},
            failures=0,
            last_error=None,
            retry_at=None,
        )
        self.save_status()

    def pass_failed(self, exc: BaseException) -> None:
        self.failures += 1
        delay = self.backoff(self.failures)
        retry_at = datetime.now(UTC) + timedelta(seconds=delay)
        what = str(exc) if isinstance(exc, FollowthroughError) else f"{type(exc).__name__}: {exc}"
        what = what.splitlines()[0] if what else type(exc).__name__
        if isinstance(exc, FollowthroughError | OSError | TimeoutError):
            log.error(
                "pass failed (%d in a row): %s; retrying in %s", self.failures, what, _span(delay)
            )
        else:  # a bug: keep the traceback in the journal
            log.exception("pass failed (%d in a row); retrying in %s", self.failures, _span(delay))
        try:
            self.scheduler.modify_job("pass", next_run_time=retry_at)
        except Exception:  # the scheduler is shutting down
            log.debug("could not reschedule the pass", exc_info=True)
        notify_status(f"last pass failed ({self.failures} in a row): {what}; retry {retry_at:%X}")
        self.status.update(
            last_pass={"at": self.clock().isoformat(), "result": "failed", "summary": what},
            failures=self.failures,
            last_error=what,
            retry_at=retry_at.isoformat(),
        )
        self.save_status()

    def run_one_digest(self) -> None:
        now = self.clock()
        try:
            run_digest(self.settings, now)
        except Exception:
            log.exception("digest failed")
            return
        self.status["last_digest"] = now.astimezone(self.settings.timezone).date().isoformat()
        self.save_status()

    # --- status -----------------------------------------------------------------------

    def save_status(self) -> None:
        """Write the status file (from the worker thread after a job, or the main thread)."""
        with self._status_lock:
            self.status["pid"] = os.getpid()
            self.status["config"] = str(self.settings.path.resolve())
            self.status["interval_seconds"] = self.interval
            for job_id, key in (("pass", "next_pass"), ("digest", "next_digest")):
                job = self.scheduler.get_job(job_id) if self.scheduler is not None else None
                when = getattr(job, "next_run_time", None)
                self.status[key] = when.isoformat() if when is not None else None
            try:
                write_status(self.settings.state_dir, self.status)
            except OSError as exc:
                log.warning("could not write the status file: %s", exc)

    # --- signals and the main loop ------------------------------------------------------

    def _on_stop(self, signum: int, frame: FrameType | None) -> None:
        if self._stop.is_set():  # asked twice: stop now, the ledger is atomic anyway
            os._exit(128 + signum)
        self._stop.set()
        self._wake.set()

    def _on_reload(self, signum: int, frame: FrameType | None) -> None:
        self._reload.set()
        self._wake.set()

    def _on_scan_now(self, signum: int, frame: FrameType | None) -> None:
        self._scan_now.set()
        self._wake.set()

    def reload(self) -> None:
        """SIGHUP: load the config again; keep the old one if the new one is broken."""
        notify_reloading()
        try:
            new = load_settings(self.config_path)
            if new.state_dir != self.settings.state_dir:
                raise ConfigError(
                    f"{self.config_path}: [state].dir changed from {self.settings.state_dir} "
                    f"to {new.state_dir}; restart the service to move to another ledger"
                )
        except FollowthroughError as exc:
            log.error("config not reloaded, still running on the previous one: %s", exc)
            notify_ready(f"config reload failed, running on the previous one: {exc.message}")
            return
        for problem in check_templates(new):
            log.error("template problem (its follow-ups will wait): %s", problem)
        self.settings = new
        self.schedule()
        log.info(
            "config reloaded from %s: a pass every %s, digest at %s",
            new.path,
            _span(self.interval),
            new.daemon.digest_time.strftime("%H:%M"),
        )
        self.save_status()
        notify_ready("config reloaded")

    def run(self) -> int:
        """Run until SIGTERM/SIGINT. Raises LockedError if a daemon already runs here."""
        self.lock.acquire(0, what="followthrough run")
        previous: dict[signal.Signals, Any] = {}
        try:
            for sig, handler in (
                (signal.SIGTERM, self._on_stop),
                (signal.SIGINT, self._on_stop),
                (signal.SIGHUP, self._on_reload),
                (signal.SIGUSR1, self._on_scan_now),
            ):
                previous[sig] = signal.signal(sig, handler)
            self.status = {
                k: v
                for k, v in read_status(self.settings.state_dir).items()
                if k in ("last_digest", "last_pass")
            }
            self.status["started"] = datetime.now(UTC).isoformat()
            for problem in check_templates(self.settings):
                log.error("template problem (its follow-ups will wait): %s", problem)
            for plain in plain_connections(self.settings):  # once a start, not every pass
                log.warning("%s (allowed only because it is this machine)", plain)
            # Imported here: a one-shot `followthrough scan` never needs the scheduler.
            from apscheduler.executors.pool import ThreadPoolExecutor
            from apscheduler.schedulers.background import BackgroundScheduler

            self.scheduler = BackgroundScheduler(
                timezone=self.settings.timezone,
                executors={"default": ThreadPoolExecutor(max_workers=1)},
                job_defaults={
                    "coalesce": True,
                    "max_instances": 1,
                    "misfire_grace_time": MISFIRE_GRACE,
                },
            )
            self.schedule()
            self.scheduler.start()
            self.save_status()
            log.info(
                "running: config %s, a pass every %s, digest at %s (pid %d)",
                self.settings.path,
                _span(self.interval),
                self.settings.daemon.digest_time.strftime("%H:%M"),
                os.getpid(),
            )
            notify_ready("running; first pass now")
            self.main_loop()
            log.info("stopping: finishing the step in progress")
            notify_stopping()
            with self._busy:  # the job in progress stops at its next step, or ends
                self.scheduler.shutdown(wait=False)
            log.info("stopped")
        finally:
            for sig, old in previous.items():
                signal.signal(sig, old)
            self.lock.release()
        return 0

    def main_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=60)
            self._wake.clear()
            if self._stop.is_set():
                break
            if self._reload.is_set():
                self._reload.clear()
                self.reload()
            if self._scan_now.is_set():
                self._scan_now.clear()
                log.info("SIGUSR1: a pass now")
                self.scheduler.modify_job("pass", next_run_time=datetime.now(UTC))
