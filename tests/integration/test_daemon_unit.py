"""The systemd unit, the [daemon] config table, and the daemon's schedule arithmetic."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from followthrough.config.behaviour import DaemonSettings
from followthrough.config.settings import load_settings
from followthrough.errors import ConfigError
from followthrough.service.daemon import Daemon
from followthrough.service.logs import configure_logging

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "systemd" / "followthrough.service"


def unit_settings() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


def test_the_unit_says_what_the_issue_asks() -> None:
    s = unit_settings()
    assert s["Type"] == ["notify"]
    # as shipped: pipx's place; `followthrough init` writes the one for the installation
    assert s["ExecStart"] == ["%h/.local/pipx/venvs/followthrough/bin/python -m followthrough run"]
    assert s["Restart"] == ["on-failure"]
    assert s["NoNewPrivileges"] == ["yes"]
    assert s["ProtectSystem"] == ["strict"]
    assert s["PrivateTmp"] == ["yes"]
    assert s["StateDirectory"] == ["followthrough"]
    assert s["ReadWritePaths"] == ["%S/followthrough"]  # the drafts Maildir: a drop-in
    assert s["RestartPreventExitStatus"] == ["2 7"]  # config error, already running
    text = UNIT.read_text()
    assert "LoadCredential=" in text and "ReadWritePaths=%h/Mail/.Drafts" in text


def test_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian package: systemd)")
    # the ExecStart must exist for verify: a home with pipx's venv python
    home = tmp_path / "home"
    venv_bin = home / ".local" / "pipx" / "venvs" / "followthrough" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").symlink_to(sys.executable)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    done = subprocess.run(
        [analyze, "--user", "verify", str(UNIT)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    # verify exits 0 on settings it ignores; any line about the unit is a mistake in it
    complaints = [line for line in done.stderr.splitlines() if "followthrough" in line]
    assert complaints == []


def write(tmp_path: Path, extra: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        '[user]\nemail = "me@example.org"\n[local]\nsent = "s"\ninbox = "i"\ndrafts = "d"\n' + extra
    )
    return config


def test_daemon_table_defaults_and_values(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")).daemon == DaemonSettings(15.0, 30.0, time(8), 60.0)
    settings = load_settings(
        write(
            tmp_path,
            "[daemon]\ninterval_minutes = 5\njitter_seconds = 0\n"
            'digest_time = "07:30"\nbackoff_max_minutes = 120\n',
        )
    )
    assert settings.daemon == DaemonSettings(5.0, 0.0, time(7, 30), 120.0)


def test_daemon_table_problems_are_all_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(
            write(
                tmp_path,
                '[daemon]\ninterval_minutes = 0\njitter_seconds = -1\ndigest_time = "8 am"\n'
                'backoff_max_minutes = "lots"\ninterval = 3\n',
            )
        )
    problems = info.value.problems
    assert "[daemon].interval_minutes: expected a number > 0, got 0" in problems
    assert "[daemon].jitter_seconds: expected a number >= 0, got -1" in problems
    assert "[daemon].digest_time: expected a local time like \"08:00\", got '8 am'" in problems
    assert any(
        p.startswith("[daemon].backoff_max_minutes: expected int or float") for p in problems
    )
    assert any(p.startswith("[daemon].interval: unknown key") for p in problems)


def test_backoff_doubles_from_a_minute_up_to_the_cap(tmp_path: Path) -> None:
    config = write(tmp_path, '[daemon]\nbackoff_max_minutes = 10\n[state]\ndir = "st"\n')
    daemon = Daemon(config)
    assert [daemon.backoff(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]
    fast = Daemon(config, interval_seconds=5)  # never slower than the schedule to start
    assert fast.backoff(1) == 5 and fast.backoff(2) == 10


def test_a_digest_missed_while_down_runs_at_start(tmp_path: Path) -> None:
    config = write(tmp_path, '[daemon]\ndigest_time = "08:00"\n[state]\ndir = "st"\n')
    at_nine = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    daemon = Daemon(config, clock=lambda: at_nine)
    assert not daemon.digest_missed()  # the very first start drafts no digest at once
    daemon.status["last_pass"] = {"at": "2026-11-17T09:00:00+00:00", "result": "ok"}
    assert daemon.digest_missed()
    daemon.status["last_digest"] = "2026-11-18"
    assert not daemon.digest_missed()
    early = Daemon(config, clock=lambda: at_nine.replace(hour=7))
    early.status["last_pass"] = daemon.status["last_pass"]
    assert not early.digest_missed()


def test_the_shipped_unit_is_the_default_rendering() -> None:
    from followthrough.service.unit import SHIPPED_PYTHON, render_unit

    assert UNIT.read_text() == render_unit(None, python=SHIPPED_PYTHON)


def test_the_unit_for_this_installation_and_a_custom_state_dir(tmp_path: Path) -> None:
    """ExecStart is this interpreter (pipx, a venv, the system's), not ~/.local/bin; the
    state dir and the drafts Maildir are writable under ProtectSystem=strict."""
    from followthrough.service.unit import render_unit

    config = write(tmp_path, '[state]\ndir = "/srv/ft state"\n')
    settings = load_settings(config)
    text = render_unit(settings)
    lines = text.splitlines()
    [start] = [ln for ln in lines if ln.startswith("ExecStart=")]
    assert start == f"ExecStart={sys.executable} -m followthrough --config {config} run"
    writable = [ln.split("=", 1)[1] for ln in lines if ln.startswith("ReadWritePaths=")]
    assert writable == ["%S/followthrough", '"/srv/ft state"', str((tmp_path / "d").resolve())]
    assert "ProtectSystem=strict" in lines
    analyze = shutil.which("systemd-analyze")
    if analyze is not None:  # the generated unit is valid too
        unit = tmp_path / "followthrough.service"
        unit.write_text(text)
        runtime = tmp_path / "run"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
        done = subprocess.run(
            [analyze, "--user", "verify", str(unit)], capture_output=True, text=True, env=env
        )
        complaints = [line for line in done.stderr.splitlines() if "followthrough" in line]
        assert done.returncode == 0 and complaints == [], done.stderr


@pytest.mark.parametrize("journal", [True, False])
def test_log_lines_for_journald_and_for_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal: bool
) -> None:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    with (tmp_path / "stderr").open("w") as err:
        st = os.fstat(err.fileno())
        monkeypatch.setattr(sys, "stderr", err)
        # a terminal started from a desktop session inherits the session's JOURNAL_STREAM
        stream = f"{st.st_dev}:{st.st_ino}" if journal else "1:2"
        monkeypatch.setenv("JOURNAL_STREAM", stream)
        try:
            configure_logging(0)
            log = logging.getLogger("followthrough.service.daemon")
            log.debug("not shown")
            log.info("pass ok: %s", "read 1 sent")
            log.error("pass failed")
        finally:
            root.handlers[:] = saved[1]
            root.setLevel(saved[0])
    lines = (tmp_path / "stderr").read_text().splitlines()
    if journal:  # journald adds the time; <N> is the syslog priority
        assert lines == [
            "<6>INFO followthrough.service.daemon: pass ok: read 1 sent",
            "<3>ERROR followthrough.service.daemon: pass failed",
        ]
    else:
        assert len(lines) == 2 and lines[0][:2] == "20"  # a timestamp first
        assert lines[0].endswith(" INFO followthrough.service.daemon: pass ok: read 1 sent")
