"""Secrets: after every command has run with a known password, the password is nowhere
on disk or in the logs; state is private; a config others can write is refused."""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from followthrough.cli.main import main
from followthrough.config.secrets import credential_name
from followthrough.config.settings import load_settings
from followthrough.errors import ConfigError
from integration import scenario as sc
from integration import smtp_sink
from integration.smtp_sink import USER, SmtpSink

pytestmark = pytest.mark.external_service

SECRET = "Pw-7f3c9e1d-leak-canary-Zq"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in memory (what a desktop keyring does, off disk)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    monkeypatch.setattr(smtp_sink, "PASSWORD", SECRET)
    server = SmtpSink().start()
    try:
        yield server
    finally:
        server.stop()


def forms(secret: str) -> list[bytes]:
    """The password as it could leak: plain, UTF-16, and base64 as SMTP AUTH sends it."""
    raw = secret.encode()
    return [
        raw,
        secret.encode("utf-16-le"),
        base64.b64encode(raw),
        base64.b64encode(b"\0" + USER.encode() + b"\0" + raw),
        base64.b64encode(raw)[:-4] or raw,
    ]


def test_no_command_leaves_the_password_anywhere(
    tmp_path: Path,
    sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    creds = tmp_path / "credentials"
    creds.mkdir(mode=0o700)
    (creds / credential_name(f"{USER}@127.0.0.1")).write_text(SECRET + "\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    ring = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: ring)
    monkeypatch.setattr(keyring, "set_password", ring.set_password)
    monkeypatch.setattr(keyring, "get_password", ring.get_password)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": SECRET)

    ws_root = tmp_path / "ws"
    ws_root.mkdir()
    ws = sc.local_scenario(ws_root, sink.config())
    outputs: list[str] = []

    def cli(*args: str, stdin: str = "", now: str = sc.T3) -> str:
        out = io.StringIO()
        old = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            code = main(["-vv", "--config", str(ws.config), "--now", now, *args], out=out)
        finally:
            sys.stdin = old
        outputs.append(out.getvalue())
        assert code in (0, 1), out.getvalue()
        return out.getvalue()

    monkeypatch.delenv("CREDENTIALS_DIRECTORY")  # login asks for what is missing: all
    cli("login")  # checks it against the server, then stores it
    assert ring.store == {("followthrough", credential_name(f"smtp-{USER}@127.0.0.1")): SECRET}
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    cli("scan", now=sc.T1)
    ws.deliver(ws.inbox, sc.inbox_by_wednesday())
    cli("scan", now=sc.T2)
    cli("scan")
    asks = json.loads(cli("asks", "--json", "--all"))
    drafts = json.loads(cli("drafts", "--json"))
    assert drafts, "nothing drafted: the run would prove nothing"
    for command in (["asks"], ["drafts", "--all"], ["people"], ["people", "--json"]):
        cli(*command)
    cli("status")
    cli("status", "--json")
    cli("show", asks[0]["id"])
    cli("digest")
    cli("digest", "--draft")
    cli("doctor")
    cli("review", stdin="a\nq\n")
    remaining = json.loads(cli("drafts", "--json"))
    if remaining:
        cli("send", remaining[0]["id"], "--yes")
    cli("outcome", asks[0]["id"], "it", "went", "well")
    cli("cancel", asks[-1]["id"])
    cli("scan", now="2026-11-20T10:00")
    assert sink.received, "nothing was sent: the SMTP login was never exercised"
    out = io.StringIO()
    assert main(["-vv", "demo", "--dir", str(tmp_path / "demo")], out=out) == 0
    outputs.append(out.getvalue())

    captured = capfd.readouterr()
    logs = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''}"
        for r in caplog.records
        if r.name.startswith("followthrough")
    )
    assert logs.count("\n") > 20 and "smtp" in logs.lower(), "the logs were not captured"
    texts = {"stdout": "\n".join(outputs) + captured.out, "logs": logs, "stderr": captured.err}
    for where, text in texts.items():
        for form in forms(SECRET):
            assert form.decode("latin-1") not in text, f"the password is in {where}"

    searched = 0
    for root in (ws.root, tmp_path / "demo", load_settings(ws.config).state_dir):
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                searched += 1
                for form in forms(SECRET):
                    assert form not in data, f"the password is in {path}"
    state = load_settings(ws.config).state_dir
    names = {p.name for p in state.iterdir()}
    assert {"ledger.sqlite3"} <= names, names
    assert searched > 20

    # private state: the directory 0700, every file in it 0600; drafts 0600
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    for path in state.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    for path in (ws.drafts / "cur").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666, 0o660])
def test_a_config_others_can_write_is_refused(tmp_path: Path, mode: int) -> None:
    config = tmp_path / "config.toml"
    config.write_text(sc.CONFIG)
    os.chmod(config, mode)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert str(config) in str(caught.value)
    assert f"chmod go-w {config}" in caught.value.problems[0]
    out = io.StringIO()
    assert main(["--config", str(config), "asks"], out=out) == 2


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_a_config_only_the_owner_can_write_is_read(tmp_path: Path, mode: int) -> None:
    config = tmp_path / "config.toml"
    config.write_text(sc.CONFIG)
    os.chmod(config, mode)
    assert load_settings(config).user.email == "alex@example.org"
