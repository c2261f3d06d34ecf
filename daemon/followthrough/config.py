"""Typed configuration, loaded from one TOML file.

Every problem in a file is collected and reported at once, naming the file and the
dotted key. Unknown keys are errors: in a daemon a typo silently changes behaviour.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followthrough.errors import ConfigError
from followthrough.model import Address


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "followthrough" / "config.toml"


def default_state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "followthrough"


@dataclass(frozen=True, slots=True)
class LocalSettings:
    """[local]: mail and calendar in local files."""

    sent: (
        Path  # a Maildir (cur/new/tmp; Maildir++ subfolder like ~/Mail/.Sent works) or an mbox file
    )
    inbox: Path  # same
    drafts: Path  # a Maildir; created when missing
    calendar: Path | None  # one .ics file or a directory of .ics files (a vdir), or None


@dataclass(frozen=True, slots=True)
class DetectSettings:
    """[detect]: how asks are found."""

    tag: str = "ask"
    requests: bool = True  # look for requests in sent mail that is not flagged
    track_threshold: float = 0.75
    suggest_threshold: float = 0.45
    day_first: bool = False
    default_due_days: int = 5  # calendar asks in the past with no "by" date
    lookback_days: int = 60  # how far back a first scan and the calendar window reach
    lookahead_days: int = 90


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """[policy]: when follow-ups fall due. Counted in business days."""

    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday=0
    draft_time: time = time(9, 0)  # local time a follow-up becomes due on its day
    checkin_min_days: int = 4  # a half-way check-in only if it lands >= this after the ask
    checkin_quiet_days: int = 5  # no due date: check in after this much silence
    nudge_after_days: int = 1
    nudge_every_days: int = 5
    nudge_max: int = 2
    thank_declined: bool = True


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    """[daemon]: how `followthrough run` schedules passes and the digest."""

    interval_minutes: float = 15.0  # a pass every this many minutes
    jitter_seconds: float = 30.0  # each pass starts up to this much later, at random
    digest_time: time = time(8, 0)  # local time of the daily digest
    backoff_max_minutes: float = 60.0  # failed passes are retried sooner, doubling up to this


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole configuration, as loaded from ``path``."""

    path: Path
    user: Address
    timezone: ZoneInfo
    backend: str
    local: LocalSettings | None
    state_dir: Path
    templates_dir: Path | None
    detect: DetectSettings = field(default_factory=DetectSettings)
    policy: PolicySettings = field(default_factory=PolicySettings)
    daemon: DaemonSettings = field(default_factory=DaemonSettings)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def ledger_path(self) -> Path:
        return self.state_dir / "ledger.sqlite3"


class _Reader:
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


def _non_negative(v: Any) -> str | None:
    return "expected a number >= 0" if v < 0 else None


def _positive(v: Any) -> str | None:
    return "expected a number > 0" if v <= 0 else None


def _fraction(v: Any) -> str | None:
    return "expected a number between 0 and 1" if not 0 <= v <= 1 else None


def _parse_time(v: str) -> time | None:
    try:
        return time.fromisoformat(v)
    except ValueError:
        return None


TOP_LEVEL = {"user", "account", "local", "detect", "policy", "templates", "state", "daemon"}


def load_settings(path: Path | None = None) -> Settings:
    """Load and validate the config file; raise ConfigError listing every problem."""
    path = path or default_config_path()
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no config file. Run `followthrough demo` for a working example, "
            "or copy config.example.toml there."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    return settings_from_dict(path, data)


def settings_from_dict(path: Path, data: Mapping[str, Any]) -> Settings:
    r = _Reader(path, data)
    for key in sorted(set(data) - TOP_LEVEL):
        r.problems.append(f"{key}: unknown key (allowed: {', '.join(sorted(TOP_LEVEL))})")

    user_t = r.table("user", {"email", "name", "timezone"})
    email = r.get("user", user_t, "email", str, "")
    if "email" not in user_t:
        r.problems.append("[user].email: required (your own address, e.g. you@example.org)")
    elif "@" not in email or any(c.isspace() for c in email):
        r.problems.append(f"[user].email: expected an email address, got {email!r}")
    name = r.get("user", user_t, "name", str, "")
    tzname = r.get("user", user_t, "timezone", str, "UTC")
    try:
        tz = ZoneInfo(tzname)
    except (ZoneInfoNotFoundError, ValueError):
        r.problems.append(
            f"[user].timezone: expected an IANA zone like Europe/Berlin, got {tzname!r}"
        )
        tz = ZoneInfo("UTC")

    account_t = r.table("account", {"backend"})
    backend = r.get(
        "account",
        account_t,
        "backend",
        str,
        "local",
        check=lambda v: None if v in {"local"} else "expected one of: local",
    )

    local: LocalSettings | None = None
    local_t = r.table("local", {"sent", "inbox", "drafts", "calendar"})
    if backend == "local":
        paths = {k: r.path_value("local", local_t, k) for k in ("sent", "inbox", "drafts")}
        for k, v in paths.items():
            if v is None:
                r.problems.append(f"[local].{k}: required (a Maildir directory or an mbox file)")
        if all(v is not None for v in paths.values()):
            local = LocalSettings(
                sent=paths["sent"],  # type: ignore[arg-type]
                inbox=paths["inbox"],  # type: ignore[arg-type]
                drafts=paths["drafts"],  # type: ignore[arg-type]
                calendar=r.path_value("local", local_t, "calendar"),
            )

    d = DetectSettings()
    det_t = r.table(
        "detect",
        {
            "tag",
            "requests",
            "track_threshold",
            "suggest_threshold",
            "day_first",
            "default_due_days",
            "lookback_days",
            "lookahead_days",
        },
    )
    num = (int, float)
    detect = DetectSettings(
        tag=r.get(
            "detect",
            det_t,
            "tag",
            str,
            d.tag,
            check=lambda v: None if v.strip() else "expected a word",
        )
        .strip()
        .lstrip("#")
        .lower(),
        requests=r.get("detect", det_t, "requests", bool, d.requests),
        track_threshold=float(
            r.get("detect", det_t, "track_threshold", num, d.track_threshold, check=_fraction)
        ),
        suggest_threshold=float(
            r.get("detect", det_t, "suggest_threshold", num, d.suggest_threshold, check=_fraction)
        ),
        day_first=r.get("detect", det_t, "day_first", bool, d.day_first),
        default_due_days=r.get(
            "detect", det_t, "default_due_days", int, d.default_due_days, check=_positive
        ),
        lookback_days=r.get(
            "detect", det_t, "lookback_days", int, d.lookback_days, check=_positive
        ),
        lookahead_days=r.get(
            "detect", det_t, "lookahead_days", int, d.lookahead_days, check=_positive
        ),
    )
    if detect.suggest_threshold > detect.track_threshold:
        r.problems.append("[detect].suggest_threshold: must not be above track_threshold")

    p = PolicySettings()
    pol_t = r.table(
        "policy",
        {
            "workdays",
            "draft_time",
            "checkin_min_days",
            "checkin_quiet_days",
            "nudge_after_days",
            "nudge_every_days",
            "nudge_max",
            "thank_declined",
        },
    )
    workdays = p.workdays
    if "workdays" in pol_t:
        names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        raw_days = pol_t["workdays"]
        if (
            isinstance(raw_days, list)
            and raw_days
            and all(isinstance(x, str) and x[:3].lower() in names for x in raw_days)
        ):
            workdays = tuple(sorted({names.index(x[:3].lower()) for x in raw_days}))
        else:
            r.problems.append(
                "[policy].workdays: expected a list of day names like "
                f'["mon", "tue"], got {raw_days!r}'
            )
    draft_time = p.draft_time
    if "draft_time" in pol_t:
        raw_t = pol_t["draft_time"]
        parsed = _parse_time(raw_t) if isinstance(raw_t, str) else None
        if isinstance(raw_t, time):
            parsed = raw_t
        if parsed is None:
            r.problems.append(
                f'[policy].draft_time: expected a local time like "09:00", got {raw_t!r}'
            )
        else:
            draft_time = parsed
    policy = PolicySettings(
        workdays=workdays,
        draft_time=draft_time,
        checkin_min_days=r.get(
            "policy", pol_t, "checkin_min_days", int, p.checkin_min_days, check=_non_negative
        ),
        checkin_quiet_days=r.get(
            "policy", pol_t, "checkin_quiet_days", int, p.checkin_quiet_days, check=_positive
        ),
        nudge_after_days=r.get(
            "policy", pol_t, "nudge_after_days", int, p.nudge_after_days, check=_non_negative
        ),
        nudge_every_days=r.get(
            "policy", pol_t, "nudge_every_days", int, p.nudge_every_days, check=_positive
        ),
        nudge_max=r.get("policy", pol_t, "nudge_max", int, p.nudge_max, check=_non_negative),
        thank_declined=r.get("policy", pol_t, "thank_declined", bool, p.thank_declined),
    )

    daemon = _daemon_settings(r)

    tpl_t = r.table("templates", {"dir"})
    templates_dir = r.path_value("templates", tpl_t, "dir")
    if templates_dir is not None and not templates_dir.is_dir():
        r.problems.append(f"[templates].dir: not a directory: {templates_dir}")
    state_t = r.table("state", {"dir"})
    state_dir = r.path_value("state", state_t, "dir") or default_state_dir()

    if r.problems:
        raise ConfigError(f"{path}: {len(r.problems)} problem(s) in the config", r.problems)
    return Settings(
        path=path,
        user=Address(email.lower(), name),
        timezone=tz,
        backend=backend,
        local=local,
        state_dir=state_dir,
        templates_dir=templates_dir,
        detect=detect,
        policy=policy,
        daemon=daemon,
        raw=data,
    )


def _daemon_settings(r: _Reader) -> DaemonSettings:
    """[daemon]: the schedule of `followthrough run`."""
    d = DaemonSettings()
    t = r.table(
        "daemon", {"interval_minutes", "jitter_seconds", "digest_time", "backoff_max_minutes"}
    )
    num = (int, float)
    digest_time = d.digest_time
    if "digest_time" in t:
        raw_t = t["digest_time"]
        parsed = raw_t if isinstance(raw_t, time) else None
        if isinstance(raw_t, str):
            parsed = _parse_time(raw_t)
        if parsed is None:
            r.problems.append(
                f'[daemon].digest_time: expected a local time like "08:00", got {raw_t!r}'
            )
        else:
            digest_time = parsed
    return DaemonSettings(
        interval_minutes=float(
            r.get("daemon", t, "interval_minutes", num, d.interval_minutes, check=_positive)
        ),
        jitter_seconds=float(
            r.get("daemon", t, "jitter_seconds", num, d.jitter_seconds, check=_non_negative)
        ),
        digest_time=digest_time,
        backoff_max_minutes=float(
            r.get("daemon", t, "backoff_max_minutes", num, d.backoff_max_minutes, check=_positive)
        ),
    )
