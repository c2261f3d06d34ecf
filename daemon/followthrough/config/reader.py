"""Reading typed values from TOML tables, collecting every problem instead of failing
at the first: the config loader's tool."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from datetime import time
from pathlib import Path
from typing import Any


class Reader:
    """Reads typed values from a TOML table, collecting problems instead of failing."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data
        self.problems: list[str] = []
        self.base = path.parent

    def table(self, name: str, known: set[str]) -> Mapping[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.problems.append(f"[{name}]: expected a table, got {type(value).__name__}")
            return {}
        for key in sorted(set(value) - known):
            self.problems.append(
                f"[{name}].{key}: unknown key (allowed: {', '.join(sorted(known))})"
            )
        return value

    def get(
        self,
        table: str,
        data: Mapping[str, Any],
        key: str,
        kind: type | tuple[type, ...],
        default: Any,
        *,
        check: Callable[[Any], str | None] | None = None,
    ) -> Any:
        if key not in data:
            return default
        value = data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            names = " or ".join(k.__name__ for k in kinds)
            self.problems.append(f"[{table}].{key}: expected {names}, got {value!r}")
            return default
        if check is not None and (why := check(value)):
            self.problems.append(f"[{table}].{key}: {why}, got {value!r}")
            return default
        return value

    def path_value(self, table: str, data: Mapping[str, Any], key: str) -> Path | None:
        value = self.get(table, data, key, str, None)
        if value is None or value == "":
            return None
        p = Path(os.path.expandvars(value)).expanduser()
        return p if p.is_absolute() else (self.base / p)


def non_negative(v: Any) -> str | None:
    if not math.isfinite(v):
        return "expected a finite number >= 0"
    return "expected a number >= 0" if v < 0 else None


def positive(v: Any) -> str | None:
    if not math.isfinite(v):
        return "expected a finite number > 0"
    return "expected a number > 0" if v <= 0 else None


def minutes(v: Any) -> str | None:
    """A number of minutes a schedule can wait: more than 0, at most a week."""
    if not math.isfinite(v):
        return "expected a finite number > 0"
    if v <= 0:
        return "expected a number > 0"
    return "expected at most 10080 minutes (a week)" if v > 7 * 24 * 60 else None


def seconds(v: Any) -> str | None:
    """A number of seconds to wait: 0 or more, at most a day."""
    if not math.isfinite(v):
        return "expected a finite number >= 0"
    if v < 0:
        return "expected a number >= 0"
    return "expected at most 86400 seconds (a day)" if v > 24 * 60 * 60 else None


def fraction(v: Any) -> str | None:
    return "expected a number between 0 and 1" if not 0 <= v <= 1 else None


def parse_time(v: str) -> time | None:
    try:
        return time.fromisoformat(v)
    except ValueError:
        return None


_CADENCE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_cadence(text: str) -> int | None:
    """Days in a cadence like "6w", "10d", "3m" (30 days), "1y"; None if not one."""
    value = text.strip().lower().replace(" ", "")
    if len(value) < 2 or value[-1] not in _CADENCE_UNITS or not value[:-1].isdigit():
        return None
    days = int(value[:-1]) * _CADENCE_UNITS[value[-1]]
    return days if days > 0 else None
