"""`followthrough run` as a real subprocess on a demo workspace: passes, signals, status,
the single-instance lock, the notify protocol, back-off after failures."""

from __future__ import annotations

import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path

import pytest

from draft_ids import followup_of
from followthrough.cli.demo import build_demo
from followthrough.cli.main import main
from followthrough.service.lock import PassLock

NOW = "2026-11-18T10:00:00+00:00"  # a Wednesday, in working hours: drafts fall due
INTERVAL = "0.3"


def wait_for(what: str, check: Callable[[], object], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def demo(tmp_path: Path) -> Path:
    config = build_demo(tmp_path / "ws", datetime.fromisoformat(NOW))
    # room for the drafts these tests add on top of the demo's
    config.write_text(config.read_text() + "\n[policy]\ndaily_cap = 100\n")
    return config


class Daemon:
    """A running `followthrough run`, its stderr in a file."""

    def __init__(self, config: Path, env: dict[str, str] | None = None) -> None:
        self.config = config
        self.log = config.parent / "daemon.log"
        self.errfile = self.log.open("wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "followthrough",
                "--config",
                str(config),
                "--now",
                NOW,
                "run",
                "--interval-seconds",
                INTERVAL,
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.errfile,
            env={**os.environ, **(env or {})},
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def passes(self, result: str = "ok") -> int:
        db = self.config.parent / "state" / "ledger.sqlite3"
        if not db.exists():
            return 0
        with sqlite3.connect(db, timeout=10) as conn:
            try:
                row = conn.execute("SELECT count(*) FROM passes WHERE result = ?", (result,))
            except sqlite3.OperationalError:  # created, not yet migrated
                return 0
            return int(row.fetchone()[0])

    def wait_passes(self, more_than: int, result: str = "ok") -> None:
        wait_for(f"more than {more_than} {result} passes", lambda: self.passes(result) > more_than)

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> tuple[int, float]:
        started = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=15)
        self.errfile.close()
        return code, time.monotonic() - started

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.errfile.close()


@pytest.fixture
def daemons() -> Iterator[list[Daemon]]:
    started: list[Daemon] = []
    yield started
    for d in started:
        d.kill()


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stderr(err):
        code = main(list(args), out=out)
    return code, out.getvalue(), err.getvalue()


def drafts(config: Path) -> dict[str, str]:
    """Follow-up drafts in the demo's Drafts Maildir: follow-up id -> subject (each id
    once). The daily digest, a draft to the user, is not one of them."""
    found: dict[str, str] = {}
    for sub in ("cur", "new"):
        folder = config.parent / "Mail" / ".Drafts" / sub
        for path in folder.iterdir() if folder.is_dir() else ():
            headers = BytesHeaderParser().parsebytes(path.read_bytes())
            if headers["X-Followthrough-Ask"] == "digest":
                continue
            known = followup_of(config.parent / "state" / "ledger.sqlite3", headers["Message-ID"])
            assert known is not None, f"{path.name} is no follow-up's draft"
            followup = known[0]
            assert followup not in found, f"two drafts for {followup}"
            found[followup] = str(headers["Subject"])
    return found


def test_runs_passes_reloads_on_sighup_and_stops_on_sigterm(
    tmp_path: Path, daemons: list[Daemon]
) -> None:
    config = demo(tmp_path)
    d = Daemon(config)
    daemons.append(d)
    d.wait_passes(1)
    first = drafts(config)  # the demo's due follow-ups, each written once
    assert len(first) >= 4 and {k.split("-")[1] for k in first} >= {"thanks", "outcome"}
    assert "pass ok: read 5 sent, 2 inbox, 2 calendar entries; 6 new asks" in d.text()

    # a new config with the user's own thank-you template, then a new delivered ask
    templates = config.parent / "tpl"
    templates.mkdir()
    (templates / "thanks.txt.j2").write_text(
        "{% block subject %}THANKS-V2: {{ what }}{% endblock %}"
        "{% block body %}Thank you, {{ helper_name }}!{% endblock %}\n"
    )
    good = config.read_text() + '\n[templates]\ndir = "tpl"\n'
    config.write_text(good)
    d.proc.send_signal(signal.SIGHUP)
    wait_for("the reload", lambda: "config reloaded from" in d.text())
    (config.parent / "calendar" / "slides.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:slides@test\r\nDTSTAMP:20261117T090000Z\r\nDTSTART:20261117T090000Z\r\n"
        "DTEND:20261117T100000Z\r\nSUMMARY:Ask: Heidi - review my slides #ask #done\r\n"
        "ATTENDEE;CN=Heidi Ito:mailto:heidi@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    wait_for("a draft from the new template", lambda: len(drafts(config)) == len(first) + 1)
    new = [s for s in drafts(config).values() if s.startswith("THANKS-V2")]
    assert new == ["THANKS-V2: Heidi - review my slides"]

    # a broken config is rejected; the daemon keeps running on the one it has
    config.write_text(good + "\n[daemon]\ninterval_minutes = -1\nintervall = 3\n")
    d.proc.send_signal(signal.SIGHUP)
    wait_for("the rejection", lambda: "config not reloaded" in d.text())
    log = d.text()
    assert "[daemon].interval_minutes: expected a number > 0" in log
    assert "[daemon].intervall: unknown key" in log
    before = d.passes()
    d.wait_passes(before + 1)  # still passing, on the old config
    assert d.proc.poll() is None

    code, seconds = d.stop(signal.SIGTERM)
    assert code == 0
    assert seconds < 10
    assert "stopped" in d.text()
    assert len(drafts(config)) == len(first) + 1  # nothing written twice along the way
    with sqlite3.connect(config.parent / "state" / "ledger.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        running = conn.execute("SELECT count(*) FROM passes WHERE result = 'running'")
        assert running.fetchone()[0] == 0


def test_sigint_stops_cleanly_too(tmp_path: Path, daemons: list[Daemon]) -> None:
    d = Daemon(demo(tmp_path))
    daemons.append(d)
    d.wait_passes(0)
    code, seconds = d.stop(signal.SIGINT)
    assert (code, seconds < 10) == (0, True)


def test_one_daemon_one_pass_at_a_time_and_status(
    tmp_path: Path, daemons: list[Daemon], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = demo(tmp_path)
    state = config.parent / "state"
    d = Daemon(config)
    daemons.append(d)
    d.wait_passes(0)

    # a second daemon on the same ledger exits at once, naming the first
    second = subprocess.run(
        [sys.executable, "-m", "followthrough", "--config", str(config), "run"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert second.returncode == 7
    assert f"process {d.proc.pid} is already running as the followthrough service" in (
        second.stderr
    )

    # a manual scan runs between the daemon's passes: it waits for the one in progress
    code, out, _ = cli("--config", str(config), "--now", NOW, "scan")
    assert code == 0 and "0 drafts written" in out

    wait_for("the status file", lambda: (state / "status.json").exists())
    assert (state / "status.json").stat().st_mode & 0o777 == 0o600
    code, out, _ = cli("--config", str(config), "status")
    assert code == 0
    assert f"daemon:     running (pid {d.proc.pid}" in out
    assert "last pass:  Wed 18 Nov 2026 10:00:00 UTC  ok" in out
    assert "next pass:  " in out and "next pass:  -" not in out
    assert f"drafts:     {len(drafts(config))} waiting for your approval" in out

    # while another process runs a long pass, the daemon puts its passes off, and a
    # manual scan waits a few seconds, then says who is in the way
    with PassLock(state).acquire(10):
        before = d.passes()
        wait_for("a pass put off", lambda: "pass put off" in d.text())
        assert f"process {os.getpid()} is running a pass on this ledger" in d.text()
        code, out, _ = cli("--config", str(config), "status")
        assert f"now:        process {os.getpid()} is running a pass" in out
        assert d.passes() == before
        monkeypatch.setattr("followthrough.service.runner.SCAN_LOCK_WAIT", 0.5)
        code, _, err = cli("--config", str(config), "scan")
        assert code == 7
        assert f"followthrough scan: process {os.getpid()} is running a pass" in err
        assert "(waited 0.5s)" in err
    d.wait_passes(before)  # and goes on once it is free

    assert d.stop()[0] == 0
    code, out, _ = cli("--config", str(config), "status")
    assert "daemon:     not running" in out
    assert "next pass:" not in out  # no schedule line once the daemon is gone


def test_backend_failure_backs_off_and_recovers(tmp_path: Path, daemons: list[Daemon]) -> None:
    config = demo(tmp_path)
    config.write_text(
        config.read_text().replace('inbox = "Mail"', 'inbox = "Inbox2"')
        + "\n[daemon]\nbackoff_max_minutes = 0.02\n"
    )
    d = Daemon(config)
    daemons.append(d)
    d.wait_passes(3, "failed")
    log = d.text()
    assert "pass failed (1 in a row)" in log and "no such Maildir" in log
    # exponential back-off from the interval, capped at backoff_max_minutes (1.2 s)
    assert "(1 in a row)" in log and "retrying in 0.3s" in log
    assert "(2 in a row)" in log and "retrying in 0.6s" in log
    assert "(4 in a row)" in log
    assert log.count("retrying in 1.2s") >= 2 and "retrying in 2.4s" not in log
    _, out, _ = cli("--config", str(config), "status")
    assert "failed" in out and "Inbox2: no such Maildir or mbox file" in out
    assert "pass(es) in a row failed" in out
    assert d.proc.poll() is None  # the daemon stays up

    for sub in ("cur", "new", "tmp"):
        (config.parent / "Inbox2" / sub).mkdir(parents=True)
    d.wait_passes(0)  # the next retry works
    wait_for(
        "the failure count to reset",
        lambda: "pass(es) in a row" not in cli("--config", str(config), "status")[1],
    )
    assert d.stop()[0] == 0


def test_notify_ready_and_status_under_systemd(tmp_path: Path, daemons: list[Daemon]) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as short:
        path = Path(short) / "notify"
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.bind(str(path))
            sock.settimeout(15)
            d = Daemon(demo(tmp_path), env={"NOTIFY_SOCKET": str(path)})
            daemons.append(d)
            messages = []
            while not any(m.startswith("STATUS=last pass") for m in messages):
                messages += sock.recv(4096).decode().split("\n")
            assert messages[0] == "READY=1"
            line = next(m for m in messages if m.startswith("STATUS=last pass"))
            assert line.startswith("STATUS=last pass 2026-11-18 10:00: read 5 sent, 2 inbox")
            d.proc.send_signal(signal.SIGTERM)
            while "STOPPING=1" not in messages:
                messages += sock.recv(4096).decode().split("\n")
            assert d.proc.wait(timeout=10) == 0
