"""systemd's readiness protocol (sd_notify), spoken directly: no dependency.

A service of ``Type=notify`` gets ``$NOTIFY_SOCKET``: a unix datagram socket path, or
an abstract one when it starts with ``@``. Each notification is one datagram of
``KEY=value`` lines (``READY=1``, ``STATUS=…``, ``STOPPING=1``, ``RELOADING=1``).
Outside systemd the variable is unset and every call here is a no-op.
"""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger(__name__)


def notify(*fields: str) -> bool:
    """Send ``fields`` (``"READY=1"``, ``"STATUS=…"``) as one datagram. True if sent."""
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address or not fields:
        return False
    if address[0] == "@":  # abstract namespace
        address = "\0" + address[1:]
    elif address[0] != "/":
        log.debug("NOTIFY_SOCKET %r is not a unix socket path; not notifying", address)
        return False
    data = "\n".join(_one_line(f) for f in fields).encode("utf-8", "replace")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(data)
    except OSError as exc:
        log.debug("could not notify systemd: %s", exc)
        return False
    return True


def _one_line(field: str) -> str:
    # a field is one line: a newline in a STATUS text would start a bogus field
    return " ".join(field.splitlines())


def notify_ready(status: str = "") -> bool:
    return notify("READY=1", *([f"STATUS={status}"] if status else []))


def notify_status(status: str) -> bool:
    return notify(f"STATUS={status}")


def notify_reloading() -> bool:
    # MONOTONIC_USEC lets Type=notify-reload (systemd 253+) match the reload to the signal
    usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    return notify("RELOADING=1", f"MONOTONIC_USEC={usec}")


def notify_stopping() -> bool:
    return notify("STOPPING=1", "STATUS=stopping")
