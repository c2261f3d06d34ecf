"""Real servers for integration tests: Dovecot (IMAP), Radicale (CalDAV), a TCP proxy.

Each server runs on a free 127.0.0.1 port with everything (config, mail, calendars,
logs) in a temporary directory, and is stopped by ``stop()``. Dovecot runs from
Debian's ``dovecot-imapd`` with a minimal config written here; its mail processes run
as an unprivileged user (``nobody`` when the tests run as root, else the current user).
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import pytest

DOVECOT = shutil.which("dovecot") or next(
    (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.path.exists(p)), None
)
USER = "ann"
PASSWORD = "correct horse"
MAX_USERS = 500  # only ever a throwaway test server's password


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def make_certificate(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    """A self-signed certificate for ``host`` and 127.0.0.1: (cert.pem, key.pem)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={host}",
            "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _mail_owner() -> tuple[str, int, int, str]:
    """(user name, uid, gid, group name) the mail processes run as."""
    if os.geteuid() == 0:
        pw = pwd.getpwnam("nobody")
    else:
        pw = pwd.getpwuid(os.getuid())
    return pw.pw_name, pw.pw_uid, pw.pw_gid, grp.getgrgid(pw.pw_gid).gr_name


@dataclass
class Dovecot:
    """A Dovecot IMAP server: plain IMAP (loopback) on ``port``, IMAPS on ``tls_port``."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ft-dovecot-")))
    port: int = 0
    tls_port: int = 0
    condstore: bool = True
    proc: subprocess.Popen[bytes] | None = None

    @property
    def cert(self) -> Path:
        return self.root / "cert.pem"

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / USER

    def start(self) -> Dovecot:
        if DOVECOT is None:
            raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
        self.port, self.tls_port = free_port(), free_port()
        user, uid, gid, group = _mail_owner()
        self.root.chmod(0o755)
        make_certificate(self.root)
        (self.root / "key.pem").chmod(0o600)
        mail = self.root / "mail"
        mail.mkdir()
        os.chown(mail, uid, gid)
        # Users are created up front: Dovecot may not notice a passwd-file changed twice
        # within one second.
        users = [USER] + [f"user{i}" for i in range(1, MAX_USERS + 1)]
        (self.root / "passwd").write_text(
            "".join(f"{u}:{{PLAIN}}{PASSWORD}::::::\n" for u in users)
        )
        capability = (
            ""
            if self.condstore
            else "imap_capability = IMAP4rev1 SASL-IR LITERAL+ ENABLE IDLE UIDPLUS "
            "SPECIAL-USE LIST-EXTENDED NAMESPACE UNSELECT CHILDREN ESEARCH\n"
        )
        (self.root / "dovecot.conf").write_text(
            f"""\
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.root}/cert.pem
ssl_key = <{self.root}/key.pem
ssl_dh =
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 0
first_valid_gid = 0
mail_uid = {uid}
mail_gid = {gid}
mail_location = maildir:{mail}/%u
{capability}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
"""
        )
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.port)
            wait_for_port(self.tls_port)
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"dovecot did not start:\n{self.log()}") from None
        return self

    _users = count(1)

    def add_user(self) -> str:
        """A fresh user, with empty folders."""
        number = next(self._users)
        assert number <= MAX_USERS, "raise servers.MAX_USERS"
        return f"user{number}"

    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        stop_server(self.proc, self.root)
        self.proc = None


@dataclass
class Radicale:
    """A Radicale CalDAV server in a subprocess, htpasswd plain auth, storage in tmp."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ft-radicale-")))
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def calendar_url(self, name: str = "work") -> str:
        return f"{self.url}{USER}/{name}/"

    _calendars = count(1)

    def add_calendar(self, display_name: str = "Work") -> str:
        """A fresh calendar collection of USER; returns its URL."""
        from caldav.davclient import DAVClient

        cal_id = f"cal{next(self._calendars)}"
        with DAVClient(url=self.url, username=USER, password=PASSWORD, require_tls=False) as c:
            c.principal().make_calendar(name=display_name, cal_id=cal_id)
        return self.calendar_url(cal_id)

    def start(self) -> Radicale:
        import sys

        self.port = free_port()
        (self.root / "users").write_text(f"{USER}:{PASSWORD}\n")
        (self.root / "config").write_text(
            f"""\
[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {self.root}/users
htpasswd_encryption = plain
delay = 0
[storage]
filesystem_folder = {self.root}/collections
[rights]
type = owner_only
[logging]
level = warning
"""
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.root / "config")],
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "radicale.log", "wb"),  # noqa: SIM115 -- lives with proc
        )
        try:
            wait_for_port(self.port)
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        stop_server(self.proc, self.root)
        self.proc = None


def stop_server(proc: subprocess.Popen[bytes] | None, root: Path) -> None:
    """Stop a server process (politely, then not) and remove its directory."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc is not None and proc.stderr is not None:
        proc.stderr.close()
    shutil.rmtree(root, ignore_errors=True)


def hang_up(*socks: socket.socket) -> None:
    """Shut down and close both ends of a proxied connection, whatever state they are in."""
    for s in socks:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()


class DroppingProxy:
    """A TCP proxy to 127.0.0.1:``target`` that counts connections and can cut them.

    ``drop_after`` (bytes from the server) closes both sides once that many bytes
    went through, to simulate a server that drops the connection mid-pass.
    """

    def __init__(self, target: int) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.connections = 0
        self.drop_after: int | None = None
        self._closed = False
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)
        self._accept.start()

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            server = socket.create_connection(("127.0.0.1", self.target))
            limit = self.drop_after
            for src, dst, cap in ((client, server, None), (server, client, limit)):
                t = threading.Thread(target=self._pipe, args=(src, dst, cap), daemon=True)
                t.start()
                self._threads.append(t)

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, cap: int | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if cap is not None and sent + len(data) > cap:
                    dst.sendall(data[: max(0, cap - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        hang_up(src, dst)

    def close(self) -> None:
        self._closed = True
        self.listener.close()


# Test modules import these fixtures; pytest then sees one fixture per module, so the
# servers themselves are shared here and stopped when the last module is done.
_shared: dict[str, Any] = {}
_users: dict[str, int] = {}


def _acquire(key: str, make: Any) -> Any:
    if key not in _shared:
        _shared[key] = make().start()
    _users[key] = _users.get(key, 0) + 1
    return _shared[key]


def _release(key: str) -> None:
    _users[key] -= 1
    if _users[key] == 0:
        _shared.pop(key).stop()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """One Dovecot for the session; each test takes a fresh user (``add_user``)."""
    if DOVECOT is None:
        pytest.skip("dovecot binary not found (Debian: apt-get install dovecot-imapd)")
    yield _acquire("dovecot", Dovecot)
    _release("dovecot")


@pytest.fixture(scope="session")
def radicale() -> Iterator[Radicale]:
    """One Radicale for the session; each test takes a fresh calendar (``add_calendar``)."""
    yield _acquire("radicale", Radicale)
    _release("radicale")
