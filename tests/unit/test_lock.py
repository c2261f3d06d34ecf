"""The single-instance lock: flock on <state_dir>/lock, naming its holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from followthrough.errors import LockedError
from followthrough.service.lock import DAEMON_LOCK_NAME, PassLock, daemon_pid, holder_pid

HOLD = """
import sys, time
from pathlib import Path
from followthrough.service.lock import PassLock
PassLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(60)
"""


def hold_in_child(state: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(state)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def test_acquire_release_and_holder(tmp_path: Path) -> None:
    lock = PassLock(tmp_path / "state")
    assert holder_pid(tmp_path / "state") is None
    with lock.acquire():
        assert lock.held
        assert holder_pid(tmp_path / "state") == os.getpid()
        assert (tmp_path / "state" / "lock").stat().st_mode & 0o777 == 0o600
    assert not lock.held
    assert holder_pid(tmp_path / "state") is None


def test_a_second_holder_is_refused_naming_the_pid(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(LockedError) as info:
            PassLock(tmp_path).acquire(0.3, what="followthrough scan")
        waited = time.monotonic() - started
        assert 0.3 <= waited < 2
        message = str(info.value)
        assert f"process {child.pid}" in message
        assert "followthrough scan" in message and "waited 0.3s" in message
        assert info.value.exit_code == 7
    finally:
        child.kill()
        child.wait()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)
    assert holder_pid(tmp_path) == child.pid
    child.send_signal(signal.SIGKILL)
    child.wait()
    # the pid is still written in the file, but nobody holds the lock: not believed
    assert (tmp_path / "lock").read_text().strip() == str(child.pid)
    assert holder_pid(tmp_path) is None
    with PassLock(tmp_path).acquire():
        assert holder_pid(tmp_path) == os.getpid()


def test_waiting_succeeds_when_the_holder_lets_go(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path)
    try:
        child.terminate()  # lets go while we wait
        with PassLock(tmp_path).acquire(5):
            pass
    finally:
        child.kill()
        child.wait()


def test_the_daemon_lock_is_separate_and_says_a_service_runs(tmp_path: Path) -> None:
    with PassLock(tmp_path, DAEMON_LOCK_NAME).acquire():
        assert daemon_pid(tmp_path) == os.getpid()
        assert holder_pid(tmp_path) is None  # no pass is running
        with PassLock(tmp_path).acquire(0):  # passes can still be run
            assert holder_pid(tmp_path) == os.getpid()
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from followthrough.service.lock import *\n"
                "PassLock(Path(sys.argv[1]), DAEMON_LOCK_NAME).acquire(0, what='run')",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
        )
        assert child.returncode != 0
        assert f"run: process {os.getpid()} is already running as the followthrough service" in (
            child.stderr
        )
    assert daemon_pid(tmp_path) is None
