"""`followthrough init`: a short setup that writes the config.

Each answer comes from a command-line flag or, interactively, from a question with a
sensible default; without a terminal (``--non-interactive``) a missing required answer is
an error naming its flag. The config is checked by the same loader the service uses
before it is written (mode 0600). The CLI then stores the secrets, runs `doctor` and
installs the systemd user unit.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from followthrough.config.settings import Settings, settings_from_dict
from followthrough.errors import ConfigError, UsageError

Ask = Callable[[str], str]  # the question (with its default shown) -> the answer ("" = default)


@dataclass(slots=True)
class Question:
    key: str  # the flag's dest, and the answer's key
    text: str
    default: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(slots=True)
class Answers:
    values: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


class _Blank(dict[str, str]):
    """Format values where an answer not asked (another backend's) is empty."""

    def __missing__(self, key: str) -> str:
        return ""


def system_timezone() -> str:
    """The machine's IANA zone name (for the default answer), or UTC."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if "/" in tz:
        return tz
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    _, sep, name = link.partition("zoneinfo/")
    return name if sep else "UTC"


def questions(backend: str) -> list[Question]:
    """What `init` asks for ``backend`` (after the backend itself and who you are)."""
    if backend == "local":
        return [
            Question("sent", "Sent mail (a Maildir or an mbox file)", "~/Mail/.Sent"),
            Question("inbox", "Inbox (a Maildir or an mbox file)", "~/Mail"),
            Question("drafts", "Drafts Maildir (created when missing)", "~/Mail/.Drafts"),
            Question(
                "calendar",
                "Calendar: an .ics file or a vdir (empty: none)",
                "",
                required=False,
            ),
        ]
    if backend == "imap":
        return [
            Question("imap_host", "IMAP server"),
            Question("imap_user", "IMAP user name", "{email}"),
            Question("imap_tls", "IMAP TLS", "implicit", choices=("implicit", "starttls", "none")),
            Question("imap_port", "IMAP port (empty: the usual one)", "", required=False),
            Question("caldav_url", "CalDAV URL (empty: no calendar)", "", required=False),
            Question("caldav_user", "CalDAV user name", "{imap_user}", required=False),
            Question("caldav_calendar", "Calendar name or URL (empty: the first)", "", False),
        ]
    return [
        Question("exchange_server", "Exchange server (empty: autodiscover)", "", required=False),
        Question(
            "exchange_auth",
            "Exchange login",
            "ntlm",
            choices=("ntlm", "basic", "oauth2-client", "oauth2-code"),
        ),
    ]


SENDING = [
    Question("send", "Send approved drafts with", "smtp", choices=("smtp", "sendmail", "none")),
]
SMTP = [
    Question("smtp_host", "SMTP server", "{imap_host}"),
    Question("smtp_user", "SMTP user name (empty: no login, a relay)", "{email}", False),
    Question("smtp_tls", "SMTP TLS", "implicit", choices=("implicit", "starttls", "none")),
    Question("smtp_port", "SMTP port (empty: the usual one)", "", required=False),
]
SENDMAIL = [Question("sendmail", "sendmail-compatible command", "/usr/sbin/sendmail -t -oi")]


def collect(given: dict[str, str | None], ask: Ask | None) -> Answers:
    """The answers: flags first, then questions (``ask`` None: no questions; a missing
    required answer is a UsageError naming the flags)."""
    answers = Answers()
    missing: list[str] = []

    def take(q: Question) -> None:
        value = given.get(q.key)
        default = q.default.format_map(_Blank(answers.values))
        if value is None and ask is not None:
            shown = f" [{default}]" if default else ""
            pick = f" ({'/'.join(q.choices)})" if q.choices else ""
            while True:
                value = ask(f"{q.text}{pick}{shown}: ").strip() or default
                if not q.choices or value in q.choices:
                    break
        if value is None:
            value = default
        if q.choices and value not in q.choices:
            raise UsageError(f"--{q.key.replace('_', '-')}: expected one of {', '.join(q.choices)}")
        if q.required and not value:
            missing.append(f"--{q.key.replace('_', '-')}")
        answers.values[q.key] = value

    for q in (
        Question("backend", "Where is your mail", "local", choices=("local", "imap", "exchange")),
        Question("email", "Your email address"),
        Question("name", "Your name (signs the drafts)", "", required=False),
        Question("timezone", "Your time zone", system_timezone()),
    ):
        take(q)
    for q in questions(answers["backend"]):
        take(q)
    for q in SENDING:
        take(q)
    if answers["send"] == "smtp":
        for q in SMTP:
            take(q)
    elif answers["send"] == "sendmail":
        for q in SENDMAIL:
            take(q)
    take(Question("secrets", "Keep passwords in", "keyring", choices=("keyring", "file")))
    if missing:
        raise UsageError(
            "followthrough init --non-interactive needs: " + ", ".join(missing),
            ["or run `followthrough init` in a terminal to be asked"],
        )
    return answers


def _port(value: str, flag: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise UsageError(f"--{flag}: expected a port number, got {value!r}")
    return int(value)


def _s(value: str) -> str:
    """A TOML basic string."""
    return json.dumps(value, ensure_ascii=False)


def render_config(a: Answers) -> str:
    """The config file for the answers: only what differs from the defaults, commented."""
    lines = [
        "# followthrough's config, written by `followthrough init`.",
        "# Every key is documented in config.example.toml; `followthrough doctor` checks it.",
        "",
        "[user]",
        f"email = {_s(a['email'])}",
    ]
    if a["name"]:
        lines.append(f"name = {_s(a['name'])}")
    lines += [f"timezone = {_s(a['timezone'])}", "", "[account]", f"backend = {_s(a['backend'])}"]
    if a["backend"] == "imap":
        lines += [
            "",
            "[account.imap]",
            f"host = {_s(a['imap_host'])}",
            f"username = {_s(a['imap_user'])}",
            f"tls = {_s(a['imap_tls'])}",
        ]
        if a["imap_port"]:
            lines.append(f"port = {_port(a['imap_port'], 'imap-port')}")
        if a["caldav_url"]:
            lines += [
                "",
                "[account.caldav]",
                f"url = {_s(a['caldav_url'])}",
                f"username = {_s(a['caldav_user'] or a['imap_user'])}",
            ]
            if a["caldav_calendar"]:
                lines.append(f"calendar = {_s(a['caldav_calendar'])}")
    if a["send"] == "smtp":
        lines += [
            "",
            "[account.smtp]",
            f"host = {_s(a['smtp_host'])}",
            f"tls = {_s(a['smtp_tls'])}",
        ]
        if a["smtp_user"]:
            lines.append(f"username = {_s(a['smtp_user'])}")
        else:
            lines.append("auth = false   # a relay that takes mail without a login")
    elif a["send"] == "sendmail":
        lines += ["", "[account.sendmail]", f"command = {_s(a['sendmail'])}"]
    if a["backend"] == "local":
        lines += [
            "",
            "[local]",
            f"sent = {_s(a['sent'])}",
            f"inbox = {_s(a['inbox'])}",
            f"drafts = {_s(a['drafts'])}",
        ]
        if a["calendar"]:
            lines.append(f"calendar = {_s(a['calendar'])}")
    if a["backend"] == "exchange":
        lines += ["", "[exchange]", f"email = {_s(a['email'])}", f"auth = {_s(a['exchange_auth'])}"]
        if a["exchange_server"]:
            lines.append(f"server = {_s(a['exchange_server'])}")
    if a["secrets"] == "file":
        lines += [
            "",
            "[secrets]",
            'store = "file"   # one 0600 file per secret, next to this config (not encrypted)',
        ]
    return "\n".join(lines) + "\n"


def write_config(path: Path, text: str) -> Settings:
    """Check ``text`` with the real loader, then write it to ``path`` (0600, atomically).
    A ConfigError names every problem and leaves nothing behind."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - render_config's output
        raise ConfigError(f"{path}: the config init made is not valid TOML: {exc}") from None
    settings = settings_from_dict(path, data)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return settings
