"""Signing in to Microsoft 365: `followthrough login` (device code, the interactive
fallback), the token cache (encrypted under a keyring key, else a 0600 file with a
warning), AADSTS errors in one sentence, and `followthrough doctor`. MSAL itself is
replaced by a stand-in at the ``make_app`` seam: no network, no Microsoft account."""

from __future__ import annotations

import io
import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import keyring
import pytest
from keyring.backend import KeyringBackend

from followthrough.backends.graph import auth as graphauth
from followthrough.backends.graph.auth import SCOPES, explain_aadsts
from followthrough.cli.main import main
from followthrough.errors import BackendError
from integration.fake_graph import FakeGraph
from integration.graph_support import InjectedTokens, config_text, plug_in

REFRESH = "rt-0.AVEA-leak-canary-refresh-token"


class MemoryKeyring(KeyringBackend):
    priority = -1  # never chosen by itself: only where a test sets it

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class FakeCache:
    """What MSAL's SerializableTokenCache offers the provider."""

    def __init__(self, text: str | None) -> None:
        self.data: dict[str, Any] = json.loads(text) if text else {}
        self.has_state_changed = False

    def serialize(self) -> str:
        return json.dumps(self.data)


class FakeMsal:
    """A stand-in for msal.PublicClientApplication, answering as MSAL documents."""

    device_blocked = False
    silent_error: dict[str, Any] | None = None
    calls: ClassVar[list[tuple[str, Any]]] = []

    def __init__(self, user: str, cache_text: str | None) -> None:
        self.user = user
        self.token_cache = FakeCache(cache_text)

    def _signed_in(self) -> dict[str, Any]:
        self.token_cache.data = {"RefreshToken": {"x": {"secret": REFRESH}}, "user": self.user}
        self.token_cache.has_state_changed = True
        return {
            "access_token": "token-1",
            "id_token_claims": {"preferred_username": self.user.upper()},
        }

    def get_accounts(self, username: str | None = None) -> list[dict[str, str]]:
        who = self.token_cache.data.get("user")
        if who is None or (username is not None and username != who):
            return []
        return [{"username": who}]

    def initiate_device_flow(self, scopes: list[str]) -> dict[str, Any]:
        FakeMsal.calls.append(("device", scopes))
        return {
            "user_code": "ABCD-EFGH",
            "verification_uri": "https://microsoft.com/devicelogin",
            "message": "To sign in, use a web browser to open the page "
            "https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate.",
        }

    def acquire_token_by_device_flow(self, flow: dict[str, Any]) -> dict[str, Any]:
        if FakeMsal.device_blocked:
            return {
                "error": "invalid_grant",
                "error_description": "AADSTS53003: Access has been blocked by Conditional "
                "Access policies. The access policy does not allow token issuance.",
            }
        return self._signed_in()

    def acquire_token_interactive(self, scopes: list[str], **kwargs: Any) -> dict[str, Any]:
        FakeMsal.calls.append(("interactive", scopes))
        return self._signed_in()

    def acquire_token_silent_with_error(
        self, scopes: list[str], account: Any, force_refresh: bool = False
    ) -> dict[str, Any] | None:
        FakeMsal.calls.append(("silent", force_refresh))
        if FakeMsal.silent_error is not None:
            return FakeMsal.silent_error
        return {"access_token": "token-2" if force_refresh else "token-1"}


@pytest.fixture
def msal_stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[FakeMsal]]:
    FakeMsal.device_blocked = False
    FakeMsal.silent_error = None
    FakeMsal.calls = []
    monkeypatch.setattr(
        graphauth, "make_app", lambda settings, text: FakeMsal(settings.email, text)
    )
    yield FakeMsal


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A headless machine: keyring has no backend."""
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


def run(config: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--config", str(config), *args], out=out)
    return code, out.getvalue()


def workspace(tmp_path: Path, extra: str = "") -> tuple[Path, Path]:
    state = tmp_path / "state"
    config = tmp_path / "config.toml"
    config.write_text(config_text(state, extra))
    return config, state


def test_login_runs_the_device_code_flow_and_encrypts_the_cache(
    tmp_path: Path, msal_stand_in: type[FakeMsal], memory_keyring: MemoryKeyring
) -> None:
    config, state = workspace(tmp_path)
    code, out = run(config, "login")
    assert code == 0, out
    assert "enter the code ABCD-EFGH" in out
    assert "signed in to Microsoft 365 as alex@example.org" in out
    assert ("device", list(SCOPES)) in FakeMsal.calls
    assert SCOPES == ("Mail.ReadWrite", "Calendars.Read")  # no Mail.Send, no offline_access
    cache = state / "microsoft-token.bin"
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert REFRESH.encode() not in cache.read_bytes()  # encrypted
    assert not (state / "microsoft-token.json").exists()
    assert ("followthrough", "microsoft-alex@example.org.graph-cache-key") in memory_keyring.store
    # the pass reads it back through the same key
    from followthrough.config.settings import load_settings

    settings = load_settings(config)
    assert settings.microsoft is not None
    provider = graphauth.open_token_provider(settings.microsoft, state)
    assert provider.token() == "token-1"
    assert provider.token(refresh=True) == "token-2"


def test_login_falls_back_to_the_browser_when_device_code_is_blocked(
    tmp_path: Path, msal_stand_in: type[FakeMsal], memory_keyring: MemoryKeyring
) -> None:
    FakeMsal.device_blocked = True
    config, _ = workspace(tmp_path)
    code, out = run(config, "login")
    assert code == 0, out
    assert "blocks device code sign-in; opening a browser" in out
    assert ("interactive", list(SCOPES)) in FakeMsal.calls


def test_login_interactive_when_configured(
    tmp_path: Path, msal_stand_in: type[FakeMsal], memory_keyring: MemoryKeyring
) -> None:
    config, _ = workspace(tmp_path, 'login = "interactive"\n')
    code, out = run(config, "login")
    assert code == 0, out
    assert [c[0] for c in FakeMsal.calls] == ["interactive"]


def test_without_a_secure_keyring_the_cache_is_a_private_file_with_a_warning(
    tmp_path: Path,
    msal_stand_in: type[FakeMsal],
    no_keyring: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config, state = workspace(tmp_path)
    with caplog.at_level(logging.WARNING):
        code, out = run(config, "login")
    assert code == 0, out
    plain = state / "microsoft-token.json"
    assert stat.S_IMODE(plain.stat().st_mode) == 0o600
    assert "NOT encrypted" in out
    assert any("WITHOUT encryption" in r.getMessage() for r in caplog.records)


def test_a_pass_before_login_says_to_log_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, _ = workspace(tmp_path)
    code, _ = run(config, "scan")
    assert code == BackendError.exit_code
    assert "not signed in yet; run `followthrough login`" in capsys.readouterr().err


def test_aadsts_errors_are_one_sentence_each() -> None:
    cases = {
        "AADSTS7000218: The request body must contain client_assertion": "Allow public client",
        "AADSTS65001: The user or administrator has not consented": "Mail.ReadWrite",
        "AADSTS700016: Application with identifier 'x' was not found": "client_id",
        "AADSTS53003: Access has been blocked by Conditional Access": 'login = "interactive"',
        "AADSTS700082: The refresh token has expired due to inactivity": "90 days",
        "AADSTS50076: Due to a configuration change ... you must use MFA": "multi-factor",
        "AADSTS90002: Tenant 'contoso.con' not found": "[microsoft].tenant",
    }
    for text, needle in cases.items():
        sentence = explain_aadsts(text)
        assert sentence is not None and needle in sentence, text
        assert sentence.count(". ") == 0 and "\n" not in sentence
    assert explain_aadsts("AADSTS99999: something new") is not None
    assert explain_aadsts("no code here") is None


def test_an_expired_sign_in_is_explained_when_the_pass_asks_for_a_token(
    tmp_path: Path, msal_stand_in: type[FakeMsal], memory_keyring: MemoryKeyring
) -> None:
    config, _ = workspace(tmp_path)
    assert run(config, "login")[0] == 0
    FakeMsal.silent_error = {
        "error": "invalid_grant",
        "error_description": "AADSTS700082: The refresh token has expired due to inactivity.",
    }
    code, out = run(config, "doctor")
    assert code == 1
    assert "BAD  sign-in" in out
    assert "expired after 90 days without use; run `followthrough login` again" in out


def test_doctor_checks_token_mailbox_and_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeGraph(user="alex@example.org")
    fake.add_message(
        "inbox", b"From: b@example.com\nSubject: x\nDate: Mon, 3 Mar 2025 09:00 +0000\n\nhi\n"
    )
    plug_in(monkeypatch, fake, InjectedTokens())
    config, _ = workspace(tmp_path)
    code, out = run(config, "doctor")
    assert code == 0, out
    assert "ok   token: valid" in out
    assert "ok   mailbox: Inbox (1 items), Sent Items (0 items), Drafts (0 items)" in out
    assert "ok   calendar: Calendar" in out
    assert "drafts by followthrough waiting in Drafts: 0" in out


def test_doctor_explains_missing_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeGraph(user="alex@example.org")
    fake.fail_next(403, code="ErrorAccessDenied")
    plug_in(monkeypatch, fake, InjectedTokens())
    config, _ = workspace(tmp_path)
    code, out = run(config, "doctor")
    assert code == 1
    assert "BAD  mailbox" in out and "Mail.ReadWrite and Calendars.Read" in out
