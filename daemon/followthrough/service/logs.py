"""Logging for the service and the CLI: one line per event on stderr, journald's
priority prefix when stderr is the journal, local timestamps otherwise; only
followthrough's own loggers unless -vv."""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime, tzinfo
from typing import ClassVar


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
