"""Typed configuration, loaded from one TOML file.

Every problem in a file is collected and reported at once, naming the file and the
dotted key. Unknown keys are errors: in a daemon a typo silently changes behaviour.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followthrough.config.accounts import (
    EXCHANGE_AUTH,
    TLS_MODES,
    CaldavSettings,
    ExchangeSettings,
    ImapSettings,
    MicrosoftSettings,
    SendmailSettings,
    SmtpSettings,
    exchange_settings,
    is_loopback,
    microsoft_settings,
    sendmail_settings,
    standard_settings,
    urlsplit_host,
)
from followthrough.config.reader import (
    Reader,
    fraction,
    minutes,
    non_negative,
    parse_cadence,
    parse_time,
    positive,
    seconds,
)
from followthrough.config.secrets import SecretStore
from followthrough.errors import ConfigError
from followthrough.model import Address

# names other modules reach through the config
__all__ = [
    "EXCHANGE_AUTH",
    "LEDGER_FILE",
    "TLS_MODES",
    "CaldavSettings",
    "ExchangeSettings",
    "ImapSettings",
    "MicrosoftSettings",
    "SendmailSettings",
    "Settings",
    "SmtpSettings",
    "guess_state_dir",
    "is_loopback",
    "load_settings",
    "urlsplit_host",
]


LEDGER_FILE = "ledger.sqlite3"


def default_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "followthrough" / "config.toml"


def default_state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "followthrough"


def guess_state_dir(path: Path) -> Path:
    """Where the state of the config at ``path`` is, even when the config has errors
    (`status` must still find the service): its [state].dir if readable, else the
    default."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return default_state_dir()
    state = data.get("state")
    value = state.get("dir") if isinstance(state, dict) else None
    if not isinstance(value, str) or not value:
        return default_state_dir()
    p = Path(os.path.expandvars(value)).expanduser()
    return p if p.is_absolute() else path.parent / p


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
    undated_nudge_days: int = 10  # no due date: then a gentle nudge after this much more
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
class VoiceSettings:
    """How drafts sound like the user: [user].signoff/.signature/.locale, [templates].tone."""

    signoff: str = ""  # the name drafts are signed with ("" before loading: the first name)
    signature: str = ""  # optional lines below the sign-off
    locale: str = ""  # "en_US", "en_GB"...: date formats; "" = from the environment / zone
    tone: str = "warm"  # "warm" | "brief"


TONES = ("warm", "brief")
_LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|\d{3}))?$")


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
    max_text_chars: int = 20_000  # of one message's text (or an entry's notes) detection reads
    message_seconds: int = 10  # a message whose reading takes longer is skipped, and named
    max_new_calendar_asks: int = 50  # new asks from the calendar in one pass; the rest wait


@dataclass(frozen=True, slots=True)
class RelationSettings:
    """[relations]: standing check-ins, keeping in touch, Plan B, asks made of you."""

    checkin_tag: str = "checkin"  # a recurring calendar entry with this tag is a check-in
    agenda_days_before: int = 1  # business days before each occurrence (0: that morning)
    agenda_when_empty: bool = False  # draft an agenda even when there is nothing to say
    keep_in_touch: int | None = None  # days: default cadence for people who helped you
    decline_quiet_days: int = 30  # no keep-in-touch note this soon after they declined
    plan_b_max: int = 3  # alternatives named when an ask is declined or stalls
    recent_help_days: int = 30  # "helped you recently": their asks of you come first


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
    sendmail: SendmailSettings | None = None
    secret_store: SecretStore = field(default_factory=SecretStore)
    exchange: ExchangeSettings | None = None
    microsoft: MicrosoftSettings | None = None
    contacts_path: Path | None = None
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    marker_headers: bool = False  # [templates].marker_headers: X-Followthrough-* in drafts
    relations: RelationSettings = field(default_factory=RelationSettings)

    @property
    def ledger_path(self) -> Path:
        return self.state_dir / LEDGER_FILE


TOP_LEVEL = {
    "user",
    "account",
    "local",
    "exchange",
    "microsoft",
    "detect",
    "policy",
    "templates",
    "state",
    "daemon",
    "contacts",
    "limits",
    "secrets",
    "relations",
}


BACKENDS = {"local", "imap", "exchange", "microsoft"}


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
    r = Reader(path, data)
    for key in sorted(set(data) - TOP_LEVEL):
        r.problems.append(f"{key}: unknown key (allowed: {', '.join(sorted(TOP_LEVEL))})")

    user_t = r.table("user", {"email", "name", "timezone", "signoff", "signature", "locale"})
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
    signoff = r.get("user", user_t, "signoff", str, "").strip()
    if "\n" in signoff or len(signoff) > 80:
        r.problems.append(f"[user].signoff: expected a short one-line name, got {signoff!r}")
    signature = r.get("user", user_t, "signature", str, "").strip("\n")
    locale_name = r.get("user", user_t, "locale", str, "").strip().replace("-", "_")
    if locale_name and not _LOCALE_RE.match(locale_name):
        r.problems.append(
            f"[user].locale: expected a locale like en_US or en_GB, got {locale_name!r}"
        )
        locale_name = ""

    account_t = r.table("account", {"backend", "imap", "caldav", "smtp", "sendmail"})
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
    imap, caldav, smtp = standard_settings(r, account_t, backend)
    sendmail: SendmailSettings | None = None
    if "sendmail" in account_t:
        value = account_t["sendmail"]
        if not isinstance(value, dict):
            r.problems.append(f"[account.sendmail]: expected a table, got {type(value).__name__}")
        elif smtp is not None:
            r.problems.append(
                "[account.sendmail]: give [account.smtp] or [account.sendmail], not both "
                "(they are two ways to send)"
            )
        else:
            sendmail = sendmail_settings(r, value)

    local: LocalSettings | None = None
    local_t = r.table("local", {"sent", "inbox", "drafts", "calendar"})
    if backend == "local":
        paths = {k: r.path_value("local", local_t, k) for k in ("sent", "inbox", "drafts")}
        for k, v in paths.items():
            if v is None:
                r.problems.append(f"[local].{k}: required (a Maildir directory or an mbox file)")
        drafts_path = paths["drafts"]
        for k in ("sent", "inbox"):
            other = paths[k]
            if drafts_path is not None and other is not None and same_path(drafts_path, other):
                r.problems.append(
                    f"[local].drafts: the same folder as [local].{k} ({other}); drafts there "
                    "would look sent (or received): give followthrough its own Drafts folder"
                )
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
    exchange = exchange_settings(r, exchange_t, email) if backend == "exchange" else None
    microsoft_t = r.table(
        "microsoft", {"email", "client_id", "tenant", "login", "lookback_days", "max_wait"}
    )
    microsoft = microsoft_settings(r, microsoft_t, email) if backend == "microsoft" else None

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
            r.get("detect", det_t, "track_threshold", num, d.track_threshold, check=fraction)
        ),
        suggest_threshold=float(
            r.get("detect", det_t, "suggest_threshold", num, d.suggest_threshold, check=fraction)
        ),
        day_first=r.get("detect", det_t, "day_first", bool, d.day_first),
        default_due_days=r.get(
            "detect", det_t, "default_due_days", int, d.default_due_days, check=positive
        ),
        lookback_days=r.get("detect", det_t, "lookback_days", int, d.lookback_days, check=positive),
        lookahead_days=r.get(
            "detect", det_t, "lookahead_days", int, d.lookahead_days, check=positive
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
            "undated_nudge_days",
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
            "policy", pol_t, "checkin_min_days", int, p.checkin_min_days, check=non_negative
        ),
        checkin_quiet_days=r.get(
            "policy", pol_t, "checkin_quiet_days", int, p.checkin_quiet_days, check=positive
        ),
        undated_nudge_days=r.get(
            "policy", pol_t, "undated_nudge_days", int, p.undated_nudge_days, check=positive
        ),
        nudge_after_days=r.get(
            "policy", pol_t, "nudge_after_days", int, p.nudge_after_days, check=non_negative
        ),
        nudge_every_days=r.get(
            "policy", pol_t, "nudge_every_days", int, p.nudge_every_days, check=positive
        ),
        nudge_max=r.get("policy", pol_t, "nudge_max", int, p.nudge_max, check=non_negative),
        thank_declined=r.get("policy", pol_t, "thank_declined", bool, p.thank_declined),
        quiet_after=quiet_after,
        holidays=holidays,
        cooldown_days=r.get(
            "policy", pol_t, "cooldown_days", int, p.cooldown_days, check=non_negative
        ),
        daily_cap=r.get("policy", pol_t, "daily_cap", int, p.daily_cap, check=positive),
        checkin_recent_days=r.get(
            "policy", pol_t, "checkin_recent_days", int, p.checkin_recent_days, check=non_negative
        ),
        outcome_prompt_days=r.get(
            "policy", pol_t, "outcome_prompt_days", int, p.outcome_prompt_days, check=positive
        ),
        busy_threshold=r.get(
            "policy", pol_t, "busy_threshold", int, p.busy_threshold, check=positive
        ),
    )
    contacts_t = r.table("contacts", {"file"})
    contacts_path = r.path_value("contacts", contacts_t, "file")
    if contacts_path is None:
        contacts_path = path.parent / "contacts.toml"  # next to the config file in use

    daemon = _daemon_settings(r)
    lim = LimitsSettings()
    limit_keys = [f.name for f in dataclass_fields(LimitsSettings)]
    lim_t = r.table("limits", set(limit_keys))
    limits = LimitsSettings(
        **{
            key: r.get("limits", lim_t, key, int, getattr(lim, key), check=positive)
            for key in limit_keys
        }
    )

    tpl_t = r.table("templates", {"dir", "tone", "marker_headers"})
    templates_dir = r.path_value("templates", tpl_t, "dir")
    tone = r.get(
        "templates",
        tpl_t,
        "tone",
        str,
        "warm",
        check=lambda v: None if v in TONES else "expected one of: " + ", ".join(TONES),
    )
    marker_headers = r.get("templates", tpl_t, "marker_headers", bool, False)
    if templates_dir is not None and not templates_dir.is_dir():
        r.problems.append(f"[templates].dir: not a directory: {templates_dir}")
    state_t = r.table("state", {"dir"})
    state_dir = r.path_value("state", state_t, "dir") or default_state_dir()
    secrets_t = r.table("secrets", {"store", "dir"})
    store = r.get(
        "secrets",
        secrets_t,
        "store",
        str,
        "keyring",
        check=lambda v: None if v in ("keyring", "file") else 'expected "keyring" or "file"',
    )
    secrets_dir = r.path_value("secrets", secrets_t, "dir") or path.parent / "credentials"
    secret_store = SecretStore(secrets_dir if store == "file" else None)

    relations = _relation_settings(r)

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
        marker_headers=marker_headers,
        detect=detect,
        policy=policy,
        daemon=daemon,
        raw=data,
        exchange=exchange,
        microsoft=microsoft,
        imap=imap,
        caldav=caldav,
        smtp=smtp,
        sendmail=sendmail,
        secret_store=secret_store,
        contacts_path=contacts_path,
        limits=limits,
        voice=VoiceSettings(
            signoff=signoff or _first_name(name) or email.partition("@")[0],
            signature=signature,
            locale=locale_name,
            tone=tone,
        ),
        relations=relations,
    )


def same_path(a: Path, b: Path) -> bool:
    """Whether two configured paths name one folder (``..``, links and ``/`` resolved)."""
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b


def _time_value(r: Reader, table: Mapping[str, Any], key: str, default: time) -> time:
    if key not in table:
        return default
    raw = table[key]
    parsed = raw if isinstance(raw, time) else parse_time(raw) if isinstance(raw, str) else None
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


def _daemon_settings(r: Reader) -> DaemonSettings:
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
            parsed = parse_time(raw_t)
        if parsed is None:
            r.problems.append(
                f'[daemon].digest_time: expected a local time like "08:00", got {raw_t!r}'
            )
        else:
            digest_time = parsed
    return DaemonSettings(
        interval_minutes=float(
            r.get("daemon", t, "interval_minutes", num, d.interval_minutes, check=minutes)
        ),
        jitter_seconds=float(
            r.get("daemon", t, "jitter_seconds", num, d.jitter_seconds, check=seconds)
        ),
        digest_time=digest_time,
        backoff_max_minutes=float(
            r.get("daemon", t, "backoff_max_minutes", num, d.backoff_max_minutes, check=minutes)
        ),
    )


def _first_name(name: str) -> str:
    """ "Pat Example" -> "Pat"; "Doe, Jane" -> "Jane"."""
    name = name.strip()
    if "," in name:
        name = name.split(",", 1)[1].strip()
    return name.split()[0] if name else ""


def _relation_settings(r: Reader) -> RelationSettings:
    """[relations]: standing check-ins, keeping in touch, Plan B."""
    d = RelationSettings()
    t = r.table(
        "relations",
        {
            "checkin_tag",
            "agenda_days_before",
            "agenda_when_empty",
            "keep_in_touch",
            "decline_quiet_days",
            "plan_b_max",
            "recent_help_days",
        },
    )
    tag = r.get(
        "relations",
        t,
        "checkin_tag",
        str,
        d.checkin_tag,
        check=lambda v: None if v.strip().lstrip("#") else "expected a word",
    )
    cadence = r.get(
        "relations",
        t,
        "keep_in_touch",
        str,
        "",
        check=lambda v: (
            None
            if not v.strip() or parse_cadence(v) is not None
            else 'expected a cadence like "6w", "30d", "3m" or "" (off)'
        ),
    )
    return RelationSettings(
        checkin_tag=tag.strip().lstrip("#").lower(),
        agenda_days_before=r.get(
            "relations", t, "agenda_days_before", int, d.agenda_days_before, check=non_negative
        ),
        agenda_when_empty=r.get("relations", t, "agenda_when_empty", bool, d.agenda_when_empty),
        keep_in_touch=parse_cadence(cadence) if cadence.strip() else None,
        decline_quiet_days=r.get(
            "relations", t, "decline_quiet_days", int, d.decline_quiet_days, check=non_negative
        ),
        plan_b_max=r.get("relations", t, "plan_b_max", int, d.plan_b_max, check=non_negative),
        recent_help_days=r.get(
            "relations", t, "recent_help_days", int, d.recent_help_days, check=positive
        ),
    )
