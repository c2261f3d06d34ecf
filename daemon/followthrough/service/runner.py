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

import json
import logging
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

from followthrough.backends.registry import open_account
from followthrough.config.settings import LEDGER_FILE, Settings, load_settings
from followthrough.engine.compose import Composer
from followthrough.engine.drafting import TEMPLATE_FOR
from followthrough.engine.planner import Plan, Planner
from followthrough.engine.scan import Pass, PassInterruptedError, ScanSummary
from followthrough.errors import ConfigError, FollowthroughError, LockedError
from followthrough.ledger.db import Ledger
from followthrough.model import Skipped
from followthrough.service.lock import DAEMON_LOCK_NAME, PassLock, daemon_pid, holder_pid
from followthrough.service.notify import (
    notify_ready,
    notify_reloading,
    notify_status,
    notify_stopping,
)

log = logging.getLogger(__name__)

STATUS_NAME = "status.json"
SCAN_LOCK_WAIT = 5.0  # seconds a manual scan waits for the pass lock
PASS_LOCK_WAIT = 2.0  # seconds the daemon waits for it before putting its pass off
MISFIRE_GRACE = 24 * 3600  # a run missed (sleep, suspend) by up to a day still runs, once
Clock = Callable[[], datetime]


# --- one pass: the same code for `scan` and the daemon -----------------------------------


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


# --- the status file ----------------------------------------------------------------------


def status_path(state_dir: Path) -> Path:
    return state_dir / STATUS_NAME


def read_status(state_dir: Path) -> dict[str, Any]:
    """The daemon's last written status, or {} when there is none (or it is unreadable)."""
    try:
        data = json.loads(status_path(state_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_status(state_dir: Path, data: dict[str, Any]) -> None:
    """Replace the status file atomically; it is created 0600 (it names folders)."""
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = status_path(state_dir)
    tmp = target.with_name(f".{STATUS_NAME}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def summary_line(summary: dict[str, Any]) -> str:
    """The one-line summary of a pass, rebuilt from what the ledger stored of it."""
    counts = summary.get("counts", {})
    s = ScanSummary(
        counts=Counter({str(k): int(v) for k, v in counts.items()}),
        skipped=[Skipped("", "")] * int(summary.get("skipped", 0)),
        errors=[str(e) for e in summary.get("errors", [])],
        seconds=float(summary.get("seconds", 0.0)),
    )
    return s.line()


def collect_status(
    state_dir: Path, now: datetime, settings: Settings | None = None
) -> dict[str, Any]:
    """What `followthrough status` shows: daemon, last pass, next run, drafts waiting,
    and (with ``settings``: the config is readable) the planner's follow-ups to come."""
    pid = daemon_pid(state_dir)
    in_pass = holder_pid(state_dir)  # whoever runs a pass right now
    saved = read_status(state_dir)
    daemon_running = pid is not None
    info: dict[str, Any] = {
        "daemon": {
            "running": daemon_running,
            "pid": pid,
            "since": saved.get("started") if daemon_running else None,
        },
        "pass_running": in_pass,
        "last_pass": None,
        "next_pass": saved.get("next_pass") if daemon_running else None,
        "next_digest": saved.get("next_digest") if daemon_running else None,
        "failures": int(saved.get("failures", 0)),
        "last_error": saved.get("last_error"),
        "drafts_waiting": 0,
    }
    ledger_path = state_dir / LEDGER_FILE
    if ledger_path.exists():
        ledger = Ledger(ledger_path)
        try:
            last = ledger.last_pass()
            info["drafts_waiting"] = len(ledger.followups(states=("drafted",)))
            info["skipped"] = [
                {
                    "source": source,
                    "why": why,
                    "first_seen": first.isoformat(),
                    "last_seen": last.isoformat(),
                }
                for source, why, first, last in ledger.skipped_items()
            ]
            if settings is not None:
                info["coming"] = _coming(Planner(ledger, settings, now).plan_all())
        finally:
            ledger.close()
        if last is not None:
            result = last["result"]
            if result == "running" and in_pass is None:
                result = "interrupted"  # its process died mid-pass; the next pass goes on
            info["last_pass"] = {
                "started": last["started"],
                "result": result,
                "summary": summary_line(last),
                "errors": list(last.get("errors", [])),
            }
    return info


def _coming(plan: Plan) -> dict[str, Any]:
    """The planner's answer in short: due at the next pass, held back, the next one later."""
    later = sorted(
        (s for s in plan.by_action("later") if s.plan is not None),
        key=lambda s: (s.plan.due_at if s.plan else plan.now, s.ask.id),
    )
    first = later[0] if later else None
    return {
        "due": len(plan.by_action("draft")),
        "waiting": len(plan.by_action("waits")),
        "next": None
        if first is None or first.plan is None
        else {"ask": first.ask.id, "kind": first.plan.kind, "at": first.plan.due_at.isoformat()},
    }


# --- logging ------------------------------------------------------------------------------


class _JournalFormatter(logging.Formatter):
    """``<N>LEVEL name: message``: journald reads the <N> as the syslog priority."""

    PRIORITY: ClassVar[dict[str, int]] = {
        "DEBUG": 7,
        "INFO": 6,
        "WARNING": 4,
        "ERROR": 3,
        "CRITICAL": 2,
    }

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        prio = self.PRIORITY.get(record.levelname, 6)
        return "\n".join(f"<{prio}>{line}" for line in text.splitlines())


def _stderr_is_journal() -> bool:
    """$JOURNAL_STREAM names stderr itself (a terminal may inherit it from the session)."""
    device, _, inode = os.environ.get("JOURNAL_STREAM", "").partition(":")
    try:
        st = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return f"{st.st_dev}:{st.st_ino}" == f"{device}:{inode}"


class OwnLogsOnly(logging.Filter):
    """Lines from followthrough's own loggers; a library's only with -vv."""

    def __init__(self, verbose: int) -> None:
        super().__init__()
        self.verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        return self.verbose > 1 or record.name.split(".")[0] == "followthrough"


class _LocalTimeFormatter(logging.Formatter):
    """Timestamps in the configured time zone, with the offset (as `status` shows)."""

    def __init__(self, fmt: str, tz: tzinfo | None) -> None:
        super().__init__(fmt)
        self.tz = tz

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, self.tz or UTC)
        if self.tz is None:
            moment = moment.astimezone()  # the system's zone
        return moment.isoformat(timespec="seconds")


def configure_logging(verbose: int, tz: tzinfo | None = None) -> None:
    """Stderr, one line per event; timestamps (local, with the offset) only outside
    journald (which adds its own). Only followthrough's own lines unless -vv."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    fmt = "%(levelname)s %(name)s: %(message)s"
    if _stderr_is_journal():
        handler.setFormatter(_JournalFormatter(fmt))
    else:
        handler.setFormatter(_LocalTimeFormatter("%(asctime)s " + fmt, tz))
    handler.addFilter(OwnLogsOnly(verbose))
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    # APScheduler logs every job run at INFO; our own pass line says what matters
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose > 2 else logging.WARNING)
    # httpx (Microsoft Graph) logs every request at INFO: the pass summary says enough
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose > 2 else logging.WARNING)


# --- the daemon ---------------------------------------------------------------------------


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
