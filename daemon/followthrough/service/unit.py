"""The systemd user unit, written for this installation (`followthrough init`,
`followthrough unit`).

``ExecStart`` names the Python interpreter followthrough is installed in (a pipx venv, a
virtualenv, the system's), so the unit works wherever the command lives; the paths the
service writes — the state directory, a local drafts Maildir — are the only writable
ones under ``ProtectSystem=strict``. ``systemd/followthrough.service`` in the source tree
is this rendering for a default setup installed with pipx (``SHIPPED_PYTHON``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from followthrough.config.settings import Settings, default_config_path, default_state_dir

UNIT_NAME = "followthrough.service"
SHIPPED_PYTHON = "%h/.local/pipx/venvs/followthrough/bin/python"  # pipx's default place

_HEAD = """\
# followthrough as a systemd user service. Written by `followthrough init` (or
# `followthrough unit --install`) for the installation that runs it; run that again
# after moving followthrough or changing [state].dir or [local].drafts.
#
# Logs:      journalctl --user -u followthrough
# Reload:    systemctl --user reload followthrough     (re-reads the config; a broken
#            one is reported and the running config kept)
# Status:    followthrough status     (or systemctl --user status followthrough)
#
# Local changes belong in a drop-in (`systemctl --user edit followthrough`), not here:
# see "Running as a service" in the README.

[Unit]
Description=followthrough: drafts the follow-ups for the help you asked for

[Service]
# READY=1 once the config is loaded; STATUS= shows the last pass summary.
Type=notify
NotifyAccess=main
ExecStart={exec_start}
ExecReload=/bin/kill -HUP $MAINPID
# SIGTERM stops within seconds: the item in hand is finished or rolled back.
KillSignal=SIGTERM
TimeoutStopSec=30
Restart=on-failure
RestartSec=30
# 2: the config is broken; 7: another followthrough already runs on this ledger.
# Restarting cannot fix either: fix the config, then `systemctl --user restart followthrough`.
RestartPreventExitStatus=2 7

# The ledger, lock and status file live in ~/.local/state/followthrough ($XDG_STATE_HOME)
# unless [state].dir says otherwise.
StateDirectory=followthrough
StateDirectoryMode=0700
UMask=0077

# Hardening: everything is read-only except the paths the service writes.
NoNewPrivileges=yes
ProtectSystem=strict
PrivateTmp=yes
"""

_TAIL = """\
# (IMAP and Exchange accounts save drafts on the server and need nothing more here.)
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
SystemCallArchitectures=native

# Secrets never live in the config: pass each one as a credential named as
# `followthrough doctor` says (imap-you@example.org@mail.example.org.password), read
# from $CREDENTIALS_DIRECTORY. A file only you can read works; so does an encrypted one
# (systemd-creds encrypt, then LoadCredentialEncrypted=). A missing credential file
# stops the service from starting, so only the ones your account needs are listed.
{credentials}
[Install]
WantedBy=default.target
"""


def quote(word: str) -> str:
    """A word of a systemd command line: "%" doubled (a literal, not a specifier), quoted
    when it holds a space or a quote. A leading "%h" (the home directory) is kept."""
    head = "%h" if word.startswith("%h/") else ""
    word = head + word[len(head) :].replace("%", "%%")
    if word and not any(c in word for c in " \t\"\\'$;"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def exec_start(python: str | None = None, config: Path | None = None) -> str:
    """``<python> -m followthrough [--config PATH] run`` for this installation."""
    words = [python or sys.executable, "-m", "followthrough"]
    if config is not None and config.resolve() != default_config_path().resolve():
        words += ["--config", str(config.resolve())]
    return " ".join(quote(w) for w in [*words, "run"])


def writable_paths(settings: Settings | None) -> list[str]:
    """What the service writes: the state directory, and a local drafts Maildir."""
    paths = ["%S/followthrough"]
    if settings is None:
        return paths
    if settings.state_dir.resolve() != default_state_dir().resolve():
        paths.append(_unit_path(settings.state_dir))
    if settings.backend == "local" and settings.local is not None:
        paths.append(_unit_path(settings.local.drafts))
    return paths


def _unit_path(path: Path) -> str:
    """``path`` for a unit file: under the home directory as %h/…, quoted when needed."""
    text = str(path.resolve())
    home = str(Path.home().resolve())
    if text == home or text.startswith(home + os.sep):
        text = "%h" + text[len(home) :]
    return quote(text)


def render_unit(
    settings: Settings | None,
    *,
    python: str | None = None,
    credentials: Sequence[tuple[str, Path]] = (),
) -> str:
    """The unit text for ``settings`` (None: a default local setup, as shipped)."""
    config = settings.path if settings is not None else None
    text = _HEAD.format(exec_start=exec_start(python, config))
    for path in writable_paths(settings):
        text += f"ReadWritePaths={path}\n"
    if settings is None:
        text += (
            "# Drafts are written into your drafts Maildir: `followthrough init` adds it, or a\n"
            "# drop-in does, for example\n#   [Service]\n#   ReadWritePaths=%h/Mail/.Drafts\n"
        )
    lines = "".join(f"LoadCredential={name}:{_unit_path(path)}\n" for name, path in credentials)
    if not lines:
        lines = (
            "# Add them in a drop-in, for example\n#   [Service]\n#   LoadCredential="
            "imap-you@example.org@mail.example.org.password:%h/.config/followthrough/"
            "credentials/imap-you@example.org@mail.example.org.password\n"
        )
    return text + _TAIL.format(credentials=lines)


def unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def install_unit(text: str) -> Path:
    """Write the unit into ~/.config/systemd/user (replacing an older one)."""
    directory = unit_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / UNIT_NAME
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
