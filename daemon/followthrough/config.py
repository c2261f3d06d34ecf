"""Typed configuration, loaded from one TOML file.

Every problem in a file is collected and reported at once, naming the file and the
dotted key. Unknown keys are errors: in a daemon a typo silently changes behaviour.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
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


EXCHANGE_AUTH = ("ntlm", "basic", "oauth2-client", "oauth2-code")


@dataclass(frozen=True, slots=True)
class ExchangeSettings:
    """[exchange]: a Microsoft Exchange mailbox over EWS (exchangelib).

    Secrets are never here: they come from the keyring or $CREDENTIALS_DIRECTORY."""

    email: str  # the mailbox's primary SMTP address
    ews_url: str | None  # https://host/EWS/Exchange.asmx; None: autodiscover (cached)
    auth: str  # one of EXCHANGE_AUTH
    username: str  # NTLM/basic login (DOMAIN\\user or user@domain); defaults to email
    tenant_id: str | None = None  # OAuth2 (Exchange Online)
    client_id: str | None = None  # OAuth2 (Exchange Online)
    verify_tls: bool = True  # off only for a loopback host
    lookback_days: int | None = None  # first sync reach; None: [detect].lookback_days
    max_wait: int = 120  # seconds to back off for throttling before the pass gives up


TlsMode = str  # "implicit" (TLS from the first byte), "starttls", or "none" (loopback only)
TLS_MODES = ("implicit", "starttls", "none")


@dataclass(frozen=True, slots=True)
class ImapSettings:
    """[account.imap]: a mail server spoken to over IMAP. The password is a secret."""

    host: str
    username: str
    port: int = 993
    tls: TlsMode = "implicit"
    ca_file: Path | None = None  # trust this CA (a private server) besides the system's
    inbox: str = "INBOX"
    sent: str | None = None  # folder names; None: found through SPECIAL-USE (\Sent, \Drafts)
    drafts: str | None = None
    flag_keyword: str | None = None  # an IMAP keyword that marks an ask, like \Flagged
    timeout: float = 60.0

    @property
    def secret_name(self) -> str:
        return f"{self.username}@{self.host}"


@dataclass(frozen=True, slots=True)
class CaldavSettings:
    """[account.caldav]: a calendar server spoken to over CalDAV."""

    url: str  # the server, the principal, or the calendar collection itself
    username: str
    calendar: str | None = None  # a calendar's URL or display name; None: the first one
    ca_file: Path | None = None
    timeout: float = 60.0

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).hostname or ""

    @property
    def secret_name(self) -> str:
        return f"{self.username}@{self.host}"


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """[account.smtp]: where approved drafts are sent from."""

    host: str
    username: str
    port: int = 465
    tls: TlsMode = "implicit"
    ca_file: Path | None = None
    timeout: float = 60.0

    @property
    def secret_name(self) -> str:
        return f"{self.username}@{self.host}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (the only place a plain connection is allowed)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
    quiet_after: time = time(18, 0)  # no follow-up falls due after this local time
    holidays: str = ""  # a country code ("DE", "US", "GB-SCT"): its public holidays are off
    cooldown_days: int = 2  # at most one follow-up to the same person every N business days
    daily_cap: int = 5  # at most this many new drafts a day; the rest wait, most urgent first
    checkin_recent_days: int = 2  # no check-in within N business days of the helper writing
    outcome_prompt_days: int = 14  # delivered with no outcome after N days: remind the user
    busy_threshold: int = 3  # a helper carrying this many of your open asks is flagged


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    """[daemon]: how `followthrough run` schedules passes and the digest."""

    interval_minutes: float = 15.0  # a pass every this many minutes
    jitter_seconds: float = 30.0  # each pass starts up to this much later, at random
    digest_time: time = time(8, 0)  # local time of the daily digest
    backoff_max_minutes: float = 60.0  # failed passes are retried sooner, doubling up to this


@dataclass(frozen=True, slots=True)
class LimitsSettings:
    """[limits]: an item past one of these is skipped with a warning, never read whole."""

    max_message_bytes: int = 25 * 1024 * 1024  # a whole message, attachments included
    max_header_bytes: int = 512 * 1024  # the header section of one message
    max_calendar_bytes: int = 50 * 1024 * 1024  # one .ics file
    max_calendar_events: int = 20_000  # VEVENTs in one .ics file
    max_occurrences: int = 5_000  # occurrences of one recurring event in the scan window


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
    imap: ImapSettings | None = None
    caldav: CaldavSettings | None = None
    smtp: SmtpSettings | None = None
    exchange: ExchangeSettings | None = None
    contacts_path: Path | None = None
    limits: LimitsSettings = field(default_factory=LimitsSettings)

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


TOP_LEVEL = {
    "user",
    "account",
    "local",
    "exchange",
    "detect",
    "policy",
    "templates",
    "state",
    "daemon",
    "contacts",
    "limits",
}


BACKENDS = {"local", "imap", "exchange"}


def load_settings(path: Path | None = None) -> Settings:
    """Load and validate the config file; raise ConfigError listing every problem."""
    path = path or default_config_path()
    try:
        with path.open("rb") as f:
            _check_mode(path, os.fstat(f.fileno()).st_mode)
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


def _check_mode(path: Path, mode: int) -> None:
    """Refuse a config others may write: it decides who drafts go to and where the
    password is sent, so whoever can change it can steer both."""
    if mode & 0o022:
        who = "anyone on this machine" if mode & 0o002 else "your group"
        raise ConfigError(
            f"{path}: the config file can be changed by {who} (mode {mode & 0o777:o}); "
            "it decides where your mail and password go, so it is not read",
            [f"fix it with: chmod go-w {path}"],
        )


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

    account_t = r.table("account", {"backend", "imap", "caldav", "smtp"})
    backend = r.get(
        "account",
        account_t,
        "backend",
        str,
        "local",
        check=lambda v: (
            None if v in BACKENDS else "expected one of: " + ", ".join(sorted(BACKENDS))
        ),
    )
    imap, caldav, smtp = _standard_settings(r, account_t, backend)

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

    exchange_t = r.table(
        "exchange",
        {
            "email",
            "server",
            "ews_url",
            "auth",
            "username",
            "tenant_id",
            "client_id",
            "verify_tls",
            "lookback_days",
            "max_wait",
        },
    )
    exchange = _exchange_settings(r, exchange_t, email) if backend == "exchange" else None

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
            "quiet_after",
            "holidays",
            "cooldown_days",
            "daily_cap",
            "checkin_recent_days",
            "outcome_prompt_days",
            "busy_threshold",
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
    draft_time = _time_value(r, pol_t, "draft_time", p.draft_time)
    quiet_after = _time_value(r, pol_t, "quiet_after", p.quiet_after)
    if quiet_after <= draft_time:
        r.problems.append("[policy].quiet_after: must be later in the day than draft_time")
    holidays = r.get("policy", pol_t, "holidays", str, p.holidays).strip().upper()
    if holidays and (why := _check_holidays(holidays)):
        r.problems.append(f"[policy].holidays: {why}")
        holidays = ""
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
        quiet_after=quiet_after,
        holidays=holidays,
        cooldown_days=r.get(
            "policy", pol_t, "cooldown_days", int, p.cooldown_days, check=_non_negative
        ),
        daily_cap=r.get("policy", pol_t, "daily_cap", int, p.daily_cap, check=_positive),
        checkin_recent_days=r.get(
            "policy", pol_t, "checkin_recent_days", int, p.checkin_recent_days, check=_non_negative
        ),
        outcome_prompt_days=r.get(
            "policy", pol_t, "outcome_prompt_days", int, p.outcome_prompt_days, check=_positive
        ),
        busy_threshold=r.get(
            "policy", pol_t, "busy_threshold", int, p.busy_threshold, check=_positive
        ),
    )
    contacts_t = r.table("contacts", {"file"})
    contacts_path = r.path_value("contacts", contacts_t, "file")
    if contacts_path is None:
        contacts_path = default_config_path().parent / "contacts.toml"

    daemon = _daemon_settings(r)
    lim = LimitsSettings()
    limit_keys = [f.name for f in dataclass_fields(LimitsSettings)]
    lim_t = r.table("limits", set(limit_keys))
    limits = LimitsSettings(
        **{
            key: r.get("limits", lim_t, key, int, getattr(lim, key), check=_positive)
            for key in limit_keys
        }
    )

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
        exchange=exchange,
        imap=imap,
        caldav=caldav,
        smtp=smtp,
        contacts_path=contacts_path,
        limits=limits,
    )


def _time_value(r: _Reader, table: Mapping[str, Any], key: str, default: time) -> time:
    if key not in table:
        return default
    raw = table[key]
    parsed = raw if isinstance(raw, time) else _parse_time(raw) if isinstance(raw, str) else None
    if parsed is None:
        r.problems.append(f'[policy].{key}: expected a local time like "09:00", got {raw!r}')
        return default
    return parsed


def _check_holidays(code: str) -> str | None:
    """None if ``code`` ("DE", "GB-SCT") names a country the holidays package knows."""
    import holidays

    country, _, subdiv = code.partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError:
        return f"unknown country code {country!r} (use ISO 3166 codes like DE, US, GB)"
    except Exception as exc:  # the package raises various errors for bad subdivisions
        return f"unknown subdivision {subdiv!r} of {country}: {exc}"
    return None


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


def _server_fields(
    r: _Reader, table: str, data: Mapping[str, Any], default_ports: dict[str, int]
) -> dict[str, Any]:
    """host, username, port, tls, ca_file, timeout of an [account.imap|smtp] table."""
    host = r.get(table, data, "host", str, "", check=lambda v: None if v else "expected a name")
    if "host" not in data:
        r.problems.append(f"[{table}].host: required (the server name, e.g. mail.example.org)")
    username = r.get(table, data, "username", str, "")
    if not username:
        r.problems.append(f"[{table}].username: required (the login name, often your address)")
    tls = r.get(
        table,
        data,
        "tls",
        str,
        "implicit",
        check=lambda v: None if v in TLS_MODES else "expected one of: " + ", ".join(TLS_MODES),
    )
    if tls == "none" and host and not is_loopback(host):
        r.problems.append(
            f'[{table}].tls: "none" sends your password in the clear; it is only allowed for '
            f'a server on this machine (127.0.0.1, ::1, localhost), not {host!r}. Use "implicit" '
            'or "starttls"'
        )
    port = r.get(
        table,
        data,
        "port",
        int,
        default_ports[tls],
        check=lambda v: None if 0 < v < 65536 else "expected a port number",
    )
    ca_file = r.path_value(table, data, "ca_file")
    if ca_file is not None and not ca_file.is_file():
        r.problems.append(f"[{table}].ca_file: no such file: {ca_file}")
    timeout = float(r.get(table, data, "timeout", (int, float), 60.0, check=_positive))
    return {
        "host": host,
        "username": username,
        "port": port,
        "tls": tls,
        "ca_file": ca_file,
        "timeout": timeout,
    }


def _standard_settings(
    r: _Reader, account_t: Mapping[str, Any], backend: str
) -> tuple[ImapSettings | None, CaldavSettings | None, SmtpSettings | None]:
    """[account.imap], [account.caldav] and [account.smtp]: one account, three protocols."""
    server_keys = {"host", "port", "username", "tls", "ca_file", "timeout"}
    imap: ImapSettings | None = None
    caldav: CaldavSettings | None = None
    smtp: SmtpSettings | None = None
    sub: dict[str, Mapping[str, Any]] = {}
    known = {
        "imap": server_keys | {"inbox", "sent", "drafts", "flag_keyword"},
        "caldav": {"url", "username", "calendar", "ca_file", "timeout"},
        "smtp": server_keys,
    }
    for name, keys in known.items():
        value = account_t.get(name, {})
        if not isinstance(value, dict):
            r.problems.append(f"[account.{name}]: expected a table, got {type(value).__name__}")
            value = {}
        for key in sorted(set(value) - keys):
            r.problems.append(
                f"[account.{name}].{key}: unknown key (allowed: {', '.join(sorted(keys))})"
            )
        sub[name] = value
    if backend == "imap" and "imap" not in account_t:
        r.problems.append('[account.imap]: required when [account].backend = "imap"')
    if "imap" in account_t:
        t, data = "account.imap", sub["imap"]
        fields = _server_fields(r, t, data, {"implicit": 993, "starttls": 143, "none": 143})
        folders = {
            k: r.get(t, data, k, str, None, check=lambda v: None if v else "expected a name")
            for k in ("sent", "drafts", "flag_keyword")
        }
        imap = ImapSettings(
            **fields,
            inbox=r.get(t, data, "inbox", str, "INBOX"),
            sent=folders["sent"],
            drafts=folders["drafts"],
            flag_keyword=folders["flag_keyword"],
        )
    if "caldav" in account_t:
        t, data = "account.caldav", sub["caldav"]
        url = r.get(t, data, "url", str, "")
        if not url.startswith(("https://", "http://")):
            r.problems.append(f"[{t}].url: expected an https:// URL, got {url!r}")
        elif url.startswith("http://") and not is_loopback(urlsplit_host(url)):
            r.problems.append(
                f"[{t}].url: http:// sends your password in the clear; only a server on this "
                "machine may use it. Use https://"
            )
        username = r.get(t, data, "username", str, "")
        if not username:
            r.problems.append(f"[{t}].username: required (the login name)")
        ca_file = r.path_value(t, data, "ca_file")
        if ca_file is not None and not ca_file.is_file():
            r.problems.append(f"[{t}].ca_file: no such file: {ca_file}")
        caldav = CaldavSettings(
            url=url,
            username=username,
            calendar=r.get(t, data, "calendar", str, None) or None,
            ca_file=ca_file,
            timeout=float(r.get(t, data, "timeout", (int, float), 60.0, check=_positive)),
        )
    if "smtp" in account_t:
        fields = _server_fields(
            r, "account.smtp", sub["smtp"], {"implicit": 465, "starttls": 587, "none": 25}
        )
        smtp = SmtpSettings(**fields)
    return imap, caldav, smtp


def urlsplit_host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _is_loopback(host: str) -> bool:
    return is_loopback(host)  # not startswith("127."): 127.0.0.1.evil.example is a name


def _exchange_settings(
    r: _Reader, t: Mapping[str, Any], user_email: str
) -> ExchangeSettings | None:
    """[exchange], checked: an https endpoint (plain http or no TLS check only on loopback)."""
    from urllib.parse import urlsplit

    before = len(r.problems)
    email = r.get("exchange", t, "email", str, user_email).strip()
    if "@" not in email or any(c.isspace() for c in email):
        r.problems.append(f"[exchange].email: expected the mailbox's SMTP address, got {email!r}")
    auth = r.get(
        "exchange",
        t,
        "auth",
        str,
        "ntlm",
        check=lambda v: (
            None if v in EXCHANGE_AUTH else "expected one of: " + ", ".join(EXCHANGE_AUTH)
        ),
    )
    server = r.get("exchange", t, "server", str, "").strip()
    ews_url = r.get("exchange", t, "ews_url", str, "").strip()
    if server and ews_url:
        r.problems.append("[exchange].server: give either server or ews_url, not both")
    if server:
        if "/" in server or any(c.isspace() for c in server):
            r.problems.append(
                f"[exchange].server: expected a host name like mail.example.org, got {server!r}"
            )
        ews_url = f"https://{server}/EWS/Exchange.asmx"
    verify_tls = r.get("exchange", t, "verify_tls", bool, True)
    if ews_url:
        parts = urlsplit(ews_url)
        host = parts.hostname or ""
        if parts.scheme not in ("https", "http") or not host:
            r.problems.append(
                "[exchange].ews_url: expected a URL like "
                f"https://mail.example.org/EWS/Exchange.asmx, got {ews_url!r}"
            )
        elif parts.scheme == "http" and not _is_loopback(host):
            r.problems.append(
                f"[exchange].ews_url: plain http is refused for {host} (the password would "
                "cross the network unencrypted); use https"
            )
        if not verify_tls and not _is_loopback(host):
            r.problems.append(
                f"[exchange].verify_tls: turning certificate checks off is refused for {host}; "
                "point REQUESTS_CA_BUNDLE at your company's CA file instead"
            )
    elif not verify_tls:
        r.problems.append("[exchange].verify_tls: cannot be off with autodiscover")
    tenant_id = r.get("exchange", t, "tenant_id", str, "").strip() or None
    client_id = r.get("exchange", t, "client_id", str, "").strip() or None
    if auth.startswith("oauth2"):
        for key, value in (("tenant_id", tenant_id), ("client_id", client_id)):
            if value is None:
                r.problems.append(
                    f"[exchange].{key}: required for auth = {auth!r} "
                    "(from the app registration in Microsoft Entra ID)"
                )
    username = r.get("exchange", t, "username", str, "").strip() or email
    lookback = r.get("exchange", t, "lookback_days", int, None, check=_positive)
    max_wait = r.get("exchange", t, "max_wait", int, 120, check=_non_negative)
    if len(r.problems) > before:
        return None
    return ExchangeSettings(
        email=email.lower(),
        ews_url=ews_url or None,
        auth=auth,
        username=username,
        tenant_id=tenant_id,
        client_id=client_id,
        verify_tls=verify_tls,
        lookback_days=lookback,
        max_wait=max_wait,
    )
