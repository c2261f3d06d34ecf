"""What every command gets (``Context``: parsed options, the clock, the config read on
first use) and the clock rules: ``--now`` parsed, the wall clock, the preview."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, TextIO

from followthrough.config.settings import Settings, default_config_path, load_settings
from followthrough.errors import ConfigError, UsageError
from followthrough.ledger import Ledger

PREVIEW_SLACK = timedelta(minutes=1)


@dataclass(slots=True)
class Context:
    """What every command gets: parsed options, the clock, and lazily the config."""

    args: argparse.Namespace
    now: datetime
    out: TextIO
    _settings: Settings | None = None

    @property
    def config_path(self) -> Path:
        # absolute: paths the ledger records (draft files) must not depend on the cwd
        return (
            Path(self.args.config).expanduser().absolute()
            if self.args.config
            else (default_config_path())
        )

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    @contextmanager
    def ledger(self) -> Iterator[Ledger]:
        ledger = Ledger(self.settings.ledger_path)
        try:
            yield ledger
        finally:
            ledger.close()


Handler = Callable[[Context], int]


def parse_now(text: str | None, tz: Any = None) -> datetime:
    if not text:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--now: expected an ISO date-time like 2026-12-01T09:30, got {text!r}"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz or UTC)
    if not 1970 <= value.year <= 2999:  # lookbacks and due dates must fit in a datetime
        raise UsageError(f"--now: expected a date between 1970 and 2999, got {text!r}")
    return value


def wall_clock() -> datetime:
    """The real time (a test pins it)."""
    return datetime.now(UTC)


def is_preview(ctx: Context) -> bool:
    """``--now`` in the future without ``--apply``: show what would happen, write nothing."""
    return bool(ctx.args.now) and not ctx.args.apply and ctx.now > wall_clock() + PREVIEW_SLACK


def local_zone(ctx: Context) -> tzinfo | None:
    """The configured time zone; the system's when the config cannot be read."""
    try:
        return ctx.settings.timezone
    except ConfigError:
        return None


def prompt(ctx: Context) -> Callable[[str], str]:
    """Ask on ctx.out, read a line from stdin ("" at the end of input)."""

    def ask(question: str) -> str:
        ctx.out.write(question)
        ctx.out.flush()
        line = sys.stdin.readline()
        if not line:
            ctx.print()
        return line.strip()

    return ask
