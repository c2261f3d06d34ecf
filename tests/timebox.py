"""Bounding the work of one test item: a wall-clock deadline, or a CPU budget."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HangError(BaseException):
    """Not an Exception: the code under test catches those, and must not swallow this."""


@contextmanager
def deadline(seconds: int, what: object) -> Iterator[None]:
    """Fail when the block runs longer than ``seconds`` (wall clock)."""

    def hang(signum: int, frame: object) -> None:
        raise AssertionError(f"{what} took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def budget(seconds: float = 3.0) -> Iterator[None]:
    """Fail an example that uses more than ``seconds`` of CPU (CPU, not wall time: a busy
    CI machine must not fail the test). A hang is cut off by an alarm at 20x the budget
    (an exception raised from a signal handler can leave a library lock held, so the
    alarm is only the last resort)."""

    def hang(signum: int, frame: object) -> None:
        raise HangError(f"one example ran more than {20 * seconds}s: a hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, 20 * seconds)
    started = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    used = time.process_time() - started
    assert used < seconds, f"one example used {used:.1f}s of CPU (budget {seconds}s)"
