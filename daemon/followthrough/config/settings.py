"""Typed configuration, loaded from one TOML file.

The file's tables are declared once, as section dataclasses whose fields carry their
type, default and help (`ConfigFile` lists them in order; ``reader.Reader`` reads them;
``example`` writes config.example.toml from them). Every problem in a file is collected
and reported at once, naming the file and the dotted key. Unknown keys are errors: in a
daemon a typo silently changes behaviour.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.config.accounts import (
    AccountSection,
    CaldavSettings,
    ImapSettings,
    SendmailSettings,
    SmtpSettings,
    check_account,
)
from followthrough.config.behaviour import (
    DaemonSettings,
    DetectSettings,
    PolicySettings,
    RelationSettings,
)
from followthrough.config.microsoft import (
    ExchangeSection,
    ExchangeSettings,
    MicrosoftSettings,
    exchange_settings,
    microsoft_settings,
)
from followthrough.config.reader import Reader, key
from followthrough.config.secrets import SecretStore
from followthrough.config.storage import (
    ContactsSection,
    LimitsSettings,
    LocalSettings,
    SecretsSection,
    StateSection,
)
from followthrough.config.user import TemplatesSection, UserSection, VoiceSettings, first_name
from followthrough.errors import ConfigError
from followthrough.model import Address

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
    return Reader(path, data).path_value(value)


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


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The tables of the config file, in the order config.example.toml shows them. A
    table typed ``X | None`` is only for some backends (shown commented out there)."""

    user: UserSection = field(default_factory=UserSection, metadata=key(""))
    account: AccountSection = field(default_factory=AccountSection, metadata=key(""))
    microsoft: MicrosoftSettings | None = field(
        default=None,
        metadata=key(
            "--- Microsoft 365 (Exchange Online) through Microsoft Graph --- Set backend = "
            "\"microsoft\" above, `pip install 'followthrough[microsoft]'`, uncomment this "
            "table, then `followthrough login` (sign in; no password is stored here) and "
            '`followthrough doctor`. The README\'s "Microsoft 365" section explains the app '
            "registration."
        ),
    )
    exchange: ExchangeSection | None = field(
        default=None,
        metadata=key(
            "--- Microsoft Exchange over EWS (an on-premises server) --- Set backend = "
            '"exchange" above and uncomment this table; the password comes from '
            "`followthrough login`."
        ),
    )
    local: LocalSettings | None = field(
        default=None,
        metadata=key('Mail and calendar in local files (backend = "local").'),
    )
    detect: DetectSettings = field(default_factory=DetectSettings, metadata=key(""))
    policy: PolicySettings = field(default_factory=PolicySettings, metadata=key(""))
    contacts: ContactsSection = field(default_factory=ContactsSection, metadata=key(""))
    relations: RelationSettings = field(default_factory=RelationSettings, metadata=key(""))
    templates: TemplatesSection = field(default_factory=TemplatesSection, metadata=key(""))
    state: StateSection = field(default_factory=StateSection, metadata=key(""))
    secrets: SecretsSection = field(default_factory=SecretsSection, metadata=key(""))
    limits: LimitsSettings = field(
        default_factory=LimitsSettings,
        metadata=key(
            "Mail anyone can send you is read within these bounds. An item past one of them "
            "is skipped with a warning (in the log and the pass summary) instead of being "
            "read whole."
        ),
    )
    daemon: DaemonSettings = field(
        default_factory=DaemonSettings,
        metadata=key(
            "How `followthrough run` (the service) schedules its work. The ledger, not the "
            "schedule, decides what is due, so a stopped or restarted service loses nothing."
        ),
    )


TOP_LEVEL = {f.name for f in dataclass_fields(ConfigFile)}


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
    """The config ``data`` read from ``path`` (relative paths are read from its
    directory); ConfigError listing every problem."""
    r = Reader(path, data)
    for name in sorted(set(data) - TOP_LEVEL):
        r.problems.append(f"{name}: unknown key (allowed: {', '.join(sorted(TOP_LEVEL))})")
    user = r.section(UserSection, "user", data.get("user"))
    account = check_account(r, r.section(AccountSection, "account", data.get("account")))
    backend = account.backend
    local = None
    if backend == "local":
        local = _local_settings(r, data.get("local"))
    else:  # another backend: the table is not used, but a typo in it is still one
        r.unknown_keys("local", r.table("local", data.get("local")), _names(LocalSettings))
    exchange: ExchangeSettings | None = None
    if backend == "exchange":
        section = r.section(ExchangeSection, "exchange", data.get("exchange"))
        exchange = exchange_settings(r, section, user.email)
    else:
        r.unknown_keys(
            "exchange", r.table("exchange", data.get("exchange")), _names(ExchangeSection)
        )
    microsoft: MicrosoftSettings | None = None
    if backend == "microsoft":
        microsoft = microsoft_settings(r, data.get("microsoft"), user.email)
    else:
        r.unknown_keys(
            "microsoft", r.table("microsoft", data.get("microsoft")), _names(MicrosoftSettings)
        )
    detect = r.section(DetectSettings, "detect", data.get("detect"))
    if detect.suggest_threshold > detect.track_threshold:
        r.problems.append("[detect].suggest_threshold: must not be above track_threshold")
    policy = r.section(PolicySettings, "policy", data.get("policy"))
    if policy.quiet_after <= policy.draft_time:
        r.problems.append("[policy].quiet_after: must be later in the day than draft_time")
    contacts = r.section(ContactsSection, "contacts", data.get("contacts"))
    relations = r.section(RelationSettings, "relations", data.get("relations"))
    templates = r.section(TemplatesSection, "templates", data.get("templates"))
    if templates.dir is not None and not templates.dir.is_dir():
        r.problems.append(f"[templates].dir: not a directory: {templates.dir}")
    state = r.section(StateSection, "state", data.get("state"))
    secrets = r.section(SecretsSection, "secrets", data.get("secrets"))
    limits = r.section(LimitsSettings, "limits", data.get("limits"))
    daemon = r.section(DaemonSettings, "daemon", data.get("daemon"))
    if r.problems:
        raise ConfigError(f"{path}: {len(r.problems)} problem(s) in the config", r.problems)
    return Settings(
        path=path,
        user=Address(user.email.lower(), user.name),
        timezone=user.timezone,
        backend=backend,
        local=local,
        state_dir=state.dir or default_state_dir(),
        templates_dir=templates.dir,
        marker_headers=templates.marker_headers,
        detect=detect,
        policy=policy,
        daemon=daemon,
        raw=data,
        exchange=exchange,
        microsoft=microsoft,
        imap=account.imap,
        caldav=account.caldav,
        smtp=account.smtp,
        sendmail=account.sendmail,
        secret_store=SecretStore(
            (secrets.dir or path.parent / "credentials") if secrets.store == "file" else None
        ),
        contacts_path=contacts.file or path.parent / "contacts.toml",  # next to the config
        limits=limits,
        voice=VoiceSettings(
            signoff=user.signoff or first_name(user.name) or user.email.partition("@")[0],
            signature=user.signature,
            locale=user.locale,
            tone=templates.tone,
        ),
        relations=relations,
    )


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclass_fields(cls)}


def _local_settings(r: Reader, value: object) -> LocalSettings:
    """[local], with followthrough's own Drafts folder."""
    local = r.section(LocalSettings, "local", value)
    given = r.given("local")
    for name in ("sent", "inbox"):
        other = getattr(local, name)
        if {"drafts", name} <= given and same_path(local.drafts, other):
            r.problems.append(
                f"[local].drafts: the same folder as [local].{name} ({other}); drafts there "
                "would look sent (or received): give followthrough its own Drafts folder"
            )
    return local


def same_path(a: Path, b: Path) -> bool:
    """Whether two configured paths name one folder (``..``, links and ``/`` resolved)."""
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return a == b
