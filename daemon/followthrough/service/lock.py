"""One pass at a time per ledger: an advisory ``flock`` on ``<state_dir>/lock``.

Whoever runs a pass (the daemon, a manual ``scan``, ``review`` sending a draft) holds
``lock`` for that pass only; the others wait a few seconds for it. The daemon also
holds ``daemon.lock`` for as long as it runs, so a second daemon exits at once. The
holder writes its pid into the file so the one who waits can say who is in the way.
The kernel drops the lock when its holder dies, however it dies, so a killed process
never leaves a stale lock behind (the pid left in the file is only a hint, and is only
believed while the file is locked).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from followthrough.errors import LockedError

LOCK_NAME = "lock"  # held during a pass
DAEMON_LOCK_NAME = "daemon.lock"  # held by the daemon for as long as it runs


def lock_path(state_dir: Path, name: str = LOCK_NAME) -> Path:
    return state_dir / name


class PassLock:
    """``with PassLock(state_dir).acquire(wait=5):`` … one pass … (released on exit)."""

    def __init__(self, state_dir: Path, name: str = LOCK_NAME) -> None:
        self.path = lock_path(state_dir, name)
        self.daemon = name == DAEMON_LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0, *, what: str = "followthrough") -> PassLock:
        """Take the lock, waiting up to ``wait`` seconds; raise LockedError if still busy."""
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    holder = read_holder(self.path)
                    message = _busy_message(self.path, holder, what, wait, self.daemon)
                    raise LockedError(message) from None
                time.sleep(0.05)
            except BaseException:
                os.close(fd)
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # no pid left behind to be misread later
        os.close(fd)  # closing drops the flock

    def __enter__(self) -> PassLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def read_holder(path: Path) -> int | None:
    """The pid written by whoever holds the lock now, or None when nobody holds it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            # locked, but the holder may not have written its pid yet
            return int(text) if text.isdigit() else 0
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def holder_pid(state_dir: Path, name: str = LOCK_NAME) -> int | None:
    """The pid holding one of ``state_dir``'s locks (0: locked, pid unknown), or None."""
    return read_holder(lock_path(state_dir, name))


def daemon_pid(state_dir: Path) -> int | None:
    """The pid of the daemon running on ``state_dir`` (0: one runs, pid unknown), or None."""
    return holder_pid(state_dir, DAEMON_LOCK_NAME)


def _busy_message(path: Path, pid: int | None, what: str, wait: float, daemon: bool) -> str:
    who = f"process {pid}" if pid else "another process"
    if daemon:
        return (
            f"{what}: {who} is already running as the followthrough service on this "
            f"ledger (lock: {path}); only one may run. `followthrough status` shows it."
        )
    waited = f" (waited {wait:g}s)" if wait else ""
    return (
        f"{what}: {who} is running a pass on this ledger{waited}; only one may run at "
        f"a time (lock: {path}). Try again in a moment; `followthrough status` shows "
        "what is running."
    )
