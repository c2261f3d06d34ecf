"""sd_notify, checked against a unix datagram socket the test listens on."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from followthrough.service.notify import (
    notify,
    notify_ready,
    notify_reloading,
    notify_status,
    notify_stopping,
)


@pytest.fixture
def listener(monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    # a short directory: unix socket paths are limited to ~108 bytes
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        path = Path(tmp) / "notify"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(str(path))
        sock.settimeout(2)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        try:
            yield sock
        finally:
            sock.close()


def receive(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode().split("\n")


def test_ready_and_status_arrive_as_one_datagram(listener: socket.socket) -> None:
    assert notify_ready("running; first pass now")
    assert receive(listener) == ["READY=1", "STATUS=running; first pass now"]
    assert notify_status("last pass 10:00: read 3 sent")
    assert receive(listener) == ["STATUS=last pass 10:00: read 3 sent"]


def test_a_newline_in_a_status_cannot_start_another_field(listener: socket.socket) -> None:
    notify_status("error: x\nREADY=1")
    assert receive(listener) == ["STATUS=error: x READY=1"]


def test_reloading_and_stopping(listener: socket.socket) -> None:
    notify_reloading()
    fields = receive(listener)
    assert fields[0] == "RELOADING=1"
    assert fields[1].startswith("MONOTONIC_USEC=") and int(fields[1].split("=")[1]) > 0
    notify_stopping()
    assert receive(listener) == ["STOPPING=1", "STATUS=stopping"]


def test_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"followthrough-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(2)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("READY=1")
        assert sock.recv(100) == b"READY=1"


def test_without_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify_ready() is False
    monkeypatch.setenv("NOTIFY_SOCKET", "/nonexistent/notify")
    assert notify_ready() is False  # a vanished socket is not an error
    monkeypatch.setenv("NOTIFY_SOCKET", "relative/path")
    assert notify_ready() is False
