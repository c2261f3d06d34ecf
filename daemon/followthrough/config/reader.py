"""The generic config reader: a TOML table read into a frozen section dataclass.

Each key of the config is written once, as a dataclass field: its type is the field's
annotation, its default the field's default, and its help text, constraints and parser
the field's metadata (``field(default=..., metadata=key("help", ...))``). `Reader.section`
walks `dataclasses.fields` and `typing.get_type_hints` and collects every problem with
its TOML path (``[policy].checkin_min_days: expected int, got 'soon'``) instead of
failing at the first; the caller raises one ConfigError for all of them.
"""

from __future__ import annotations

import dataclasses
import math
import os
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

T = TypeVar("T")

Check = Callable[[Any], "str | None"]
"""The converted value -> why it is wrong ("expected a number > 0"), or None."""
Parse = Callable[[Any], Any]
"""The raw TOML value -> the field's value; raises ValueError with the whole reason."""


@dataclass(frozen=True, slots=True)
class Key:
    """What the config file knows about one key besides its type and default."""

    help: str
    check: Check | None = None
    parse: Parse | None = None
    choices: tuple[str, ...] = ()  # for a str field that holds one of a few words
    required: str = ""  # absent or "": "required (<this>)"
    example: str = ""  # TOML text config.example.toml shows instead of the default
    default_text: str = ""  # TOML text of the default, when it cannot be written from it


def key(
    help: str,
    *,
    check: Check | None = None,
    parse: Parse | None = None,
    choices: tuple[str, ...] = (),
    required: str = "",
    example: str = "",
    default_text: str = "",
) -> dict[str, Key]:
    """The metadata of a config field: ``field(default=..., metadata=key("help"))``."""
    return {"key": Key(help, check, parse, choices, required, example, default_text)}


def key_of(f: dataclasses.Field[Any]) -> Key:
    found = f.metadata.get("key")
    if not isinstance(found, Key):
        raise TypeError(f"config field {f.name} has no key(...) metadata")
    return found


class Reader:
    """Reads the tables of one config file into section dataclasses, collecting problems."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data
        self.base = path.parent  # relative paths are read from the config's directory
        self.problems: list[str] = []
        self._given: dict[str, frozenset[str]] = {}

    def given(self, where: str) -> frozenset[str]:
        """The keys the file gave in the table ``where`` ("account.imap") of a section read."""
        return self._given.get(where, frozenset())

    def problem(self, where: str, name: str, text: str) -> None:
        self.problems.append(f"[{where}].{name}: {text}")

    def unknown_keys(self, where: str, table: Mapping[str, Any], known: set[str]) -> None:
        for name in sorted(set(table) - known):
            self.problem(where, name, f"unknown key (allowed: {', '.join(sorted(known))})")

    def table(self, where: str, value: object) -> Mapping[str, Any]:
        """``value`` as a table ({} when absent); a problem when it is something else."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problems.append(f"[{where}]: expected a table, got {type(value).__name__}")
            return {}
        return value

    def section(self, cls: type[T], where: str, value: object = None) -> T:
        """The table ``value`` (None: absent) at TOML path ``where`` read into ``cls``.
        A key with a problem keeps its default (or an empty placeholder when it has none)
        so the rest is still checked; the problems make the load fail."""
        table = self.table(where, value)
        broken = value is not None and not isinstance(value, dict)  # said once, above
        fields = dataclasses.fields(cast(Any, cls))
        names = {f.name for f in fields}
        self.unknown_keys(where, table, names)
        self._given[where] = frozenset(set(table) & names)
        hints = get_type_hints(cls)
        values: dict[str, object] = {}
        for f in fields:
            meta, hint = key_of(f), hints[f.name]
            inner, optional = unwrap_optional(hint)
            if dataclasses.is_dataclass(inner) and isinstance(inner, type):
                path = f"{where}.{f.name}"
                if f.name in table:
                    values[f.name] = self.section(inner, path, table[f.name])
                else:
                    values[f.name] = None if optional else self.section(inner, path)
                continue
            raw = table.get(f.name)
            if raw is None or (meta.required and raw == ""):
                if meta.required and not broken:
                    self.problem(where, f.name, f"required ({meta.required})")
                values[f.name] = _default(f, hint)
                continue
            try:
                values[f.name] = self._value(inner, optional, meta, raw, _default(f, hint))
            except ValueError as exc:
                self.problem(where, f.name, str(exc))
                values[f.name] = _default(f, hint)
        return cls(**values)

    def _value(self, hint: Any, optional: bool, meta: Key, raw: object, default: object) -> Any:
        if meta.parse is not None:
            value = meta.parse(raw)
        else:
            value = self._convert(hint, optional, raw, default)
        if meta.choices and value not in meta.choices:
            raise ValueError(f"expected one of: {', '.join(meta.choices)}, got {raw!r}")
        if meta.check is not None and (why := meta.check(value)):
            raise ValueError(f"{why}, got {raw!r}")
        return value

    def _convert(self, hint: Any, optional: bool, raw: object, default: object) -> Any:
        origin = get_origin(hint)
        if origin is Literal:
            if raw not in get_args(hint):
                words = ", ".join(str(a) for a in get_args(hint))
                raise ValueError(f"expected one of: {words}, got {raw!r}")
            return raw
        if origin is tuple:
            item = get_args(hint)[0]
            if not isinstance(raw, list):
                raise ValueError(f"expected a list, got {raw!r}")
            return tuple(self._convert(item, False, x, None) for x in raw)
        if hint is bool:
            if not isinstance(raw, bool):
                raise ValueError(f"expected bool, got {raw!r}")
            return raw
        if hint is int:
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise ValueError(f"expected int, got {raw!r}")
            return raw
        if hint is float:
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise ValueError(f"expected int or float, got {raw!r}")
            return float(raw)
        if hint is str:
            if not isinstance(raw, str):
                raise ValueError(f"expected str, got {raw!r}")
            return raw
        if hint is Path:
            if not isinstance(raw, str):
                raise ValueError(f"expected a path, got {raw!r}")
            return self.path_value(raw) if raw or not optional else None
        if hint is time:
            like = f"{default:%H:%M}" if isinstance(default, time) else "09:00"
            parsed = raw if isinstance(raw, time) else parse_time(raw)
            if parsed is None:
                raise ValueError(f'expected a local time like "{like}", got {raw!r}')
            return parsed
        if hint is ZoneInfo:
            return parse_zone(raw)
        raise TypeError(f"the config reader cannot read {hint!r}")  # a mistake in a schema

    def path_value(self, text: str) -> Path:
        """A configured path: ~ and $VARS expanded, relative to the config's directory."""
        p = Path(os.path.expandvars(text)).expanduser()
        return p if p.is_absolute() else (self.base / p)


def unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """(X, True) for ``X | None``; (hint, False) otherwise."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _default(f: dataclasses.Field[Any], hint: Any) -> object:
    """The field's default, or an empty value of its type when it has none (the load
    fails on the problem that brought it here, so the placeholder is never used)."""
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    inner, optional = unwrap_optional(hint)
    if optional:
        return None
    origin = get_origin(inner)
    if origin is Literal:
        return get_args(inner)[0]
    if origin is tuple:
        return ()
    empty: dict[Any, object] = {str: "", int: 0, float: 0.0, bool: False, Path: Path()}
    return empty.get(inner)


# ---- constraints and parsers the schemas name in their metadata -----------------------


def non_negative(v: float) -> str | None:
    if not math.isfinite(v):
        return "expected a finite number >= 0"
    return "expected a number >= 0" if v < 0 else None


def positive(v: float) -> str | None:
    if not math.isfinite(v):
        return "expected a finite number > 0"
    return "expected a number > 0" if v <= 0 else None


def minutes(v: float) -> str | None:
    """A number of minutes a schedule can wait: more than 0, at most a week."""
    if why := positive(v):
        return why
    return "expected at most 10080 minutes (a week)" if v > 7 * 24 * 60 else None


def seconds(v: float) -> str | None:
    """A number of seconds to wait: 0 or more, at most a day."""
    if why := non_negative(v):
        return why
    return "expected at most 86400 seconds (a day)" if v > 24 * 60 * 60 else None


def fraction(v: float) -> str | None:
    return "expected a number between 0 and 1" if not 0 <= v <= 1 else None


def port_number(v: int) -> str | None:
    return None if 0 < v < 65536 else "expected a port number"


def a_name(v: str | None) -> str | None:
    return None if v else "expected a name"


def parse_time(v: object) -> time | None:
    if not isinstance(v, str):
        return None
    try:
        return time.fromisoformat(v)
    except ValueError:
        return None


def parse_zone(v: object) -> ZoneInfo:
    try:
        if isinstance(v, str) and v:
            return ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise ValueError(f"expected an IANA zone like Europe/Berlin, got {v!r}")


_CADENCE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_cadence(text: str) -> int | None:
    """Days in a cadence like "6w", "10d", "3m" (30 days), "1y"; None if not one."""
    value = text.strip().lower().replace(" ", "")
    if len(value) < 2 or value[-1] not in _CADENCE_UNITS or not value[:-1].isdigit():
        return None
    days = int(value[:-1]) * _CADENCE_UNITS[value[-1]]
    return days if days > 0 else None
