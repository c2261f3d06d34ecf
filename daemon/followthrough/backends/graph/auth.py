"""Signing in to Microsoft 365 for the Graph backend: MSAL (the only importer of msal and
of cryptography), behind the :class:`TokenProvider` seam the backend uses.

followthrough is a *public client*: there is no client secret. ``followthrough login``
runs the device-code flow (a code to type at microsoft.com/devicelogin, from any
browser), or the interactive flow (a browser on this machine, answered on a loopback
port) when ``[microsoft].login = "interactive"`` or when the tenant blocks device codes.
The scopes are ``Mail.ReadWrite`` and ``Calendars.Read``; MSAL adds ``openid``,
``profile`` and ``offline_access`` itself (and refuses them when passed). No
``Mail.Send``: nothing here can send.

MSAL's token cache (it holds the refresh token) is the only secret. It is kept in
``<state>/microsoft-token.bin``, encrypted (Fernet) under a random key held by the
system keyring or a systemd credential named ``<email>.graph-cache-key``; where no
secure keyring exists it is a plain file, mode 0600, and a warning says so each time.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import secrets as pysecrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from followthrough.config.microsoft import MicrosoftSettings
from followthrough.config.secrets import SecretRef, fetch_secret, record_secret
from followthrough.errors import BackendError, ConfigError

log = logging.getLogger(__name__)

SCOPES = ("Mail.ReadWrite", "Calendars.Read")
LOGIN_AUTHORITY = "https://login.microsoftonline.com"
ENCRYPTED_CACHE = "microsoft-token.bin"
PLAIN_CACHE = "microsoft-token.json"
KEY_KIND = "graph-cache-key"


class TokenProvider(Protocol):
    """Hands the backend an access token for Graph."""

    def token(self, *, refresh: bool = False) -> str:
        """A valid access token; ``refresh=True`` after Graph refused the last one (401):
        a new one, not the cached one."""
        ...


# --- AADSTS errors, one sentence each -----------------------------------------------------

_AADSTS: dict[str, str] = {
    "50020": "this account is not a member of the tenant in [microsoft].tenant; set it to "
    'your own organisation\'s domain or to "organizations".',
    "50034": "Microsoft does not know this account name; check the address you signed in with.",
    "50053": "the account is locked after too many failed sign-ins; wait, or ask your "
    "administrator to unlock it.",
    "50055": "your password has expired; change it at https://portal.office.com, then run "
    "`followthrough login` again.",
    "50057": "the account is disabled; ask your administrator.",
    "50058": "no one is signed in yet; run `followthrough login`.",
    "50076": "your organisation wants multi-factor authentication again; run "
    "`followthrough login` and complete it.",
    "50079": "your organisation now requires multi-factor authentication; run "
    "`followthrough login` and set it up.",
    "50126": "wrong user name or password; run `followthrough login` again.",
    "50173": "the sign-in was revoked (a password change or an administrator); run "
    "`followthrough login` again.",
    "50133": "the sign-in was revoked because the password changed; run `followthrough login` "
    "again.",
    "50011": "the app registration lacks the redirect URI http://localhost; add it under "
    'Authentication > "Mobile and desktop applications".',
    "500113": "the app registration has no redirect URI; add http://localhost under "
    'Authentication > "Mobile and desktop applications".',
    "53003": "a Conditional Access policy of your organisation blocked this sign-in (device "
    'code sign-in is often blocked); try login = "interactive" in [microsoft], or ask '
    "your administrator.",
    "530033": "a Conditional Access policy blocked this sign-in from this device; ask your "
    "administrator.",
    "65001": "the app has not been granted Mail.ReadWrite and Calendars.Read; sign in again "
    "and accept, or ask an administrator to grant consent for the organisation.",
    "65004": "you declined the permissions the app asked for; run `followthrough login` "
    "again and accept Mail.ReadWrite and Calendars.Read.",
    "70000": "the sign-in grant is invalid or was used up; run `followthrough login` again.",
    "70020": "the device code expired before the sign-in was finished; run "
    "`followthrough login` again and finish within 15 minutes.",
    "700016": "no app with [microsoft].client_id exists in this tenant; check the client id "
    "and the tenant.",
    "7000218": 'the app registration does not allow public client flows; turn on "Allow '
    'public client flows" under Authentication in Microsoft Entra ID.',
    "700082": "the sign-in expired after 90 days without use; run `followthrough login` again.",
    "700084": "the sign-in expired (single-page-app tokens last 24 hours); run "
    "`followthrough login` again.",
    "90002": "the tenant in [microsoft].tenant does not exist; check the spelling of the "
    "domain or id.",
    "90094": "an administrator must approve this app for your organisation; ask them to "
    "grant admin consent for Mail.ReadWrite and Calendars.Read.",
    "90095": "an administrator must approve this app for your organisation; ask them to "
    "grant admin consent for Mail.ReadWrite and Calendars.Read.",
}


def explain_aadsts(text: str) -> str | None:
    """One sentence for the first AADSTS code in ``text``, or None when it names none."""
    for code in re.findall(r"AADSTS(\d+)", text or ""):
        if code in _AADSTS:
            return f"AADSTS{code}: {_AADSTS[code]}"
        return f"AADSTS{code}: Microsoft refused the sign-in ({_first_line(text)[:160]})."
    return None


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def describe_result(result: dict[str, Any] | None, what: str) -> str:
    """One sentence for MSAL's error answer ``result``."""
    if not result:
        return f"{what}: no one is signed in yet; run `followthrough login`."
    text = str(result.get("error_description") or result.get("error") or "")
    return f"{what}: " + (explain_aadsts(text) or _first_line(text)[:200] or "sign-in failed.")


# --- the token cache ------------------------------------------------------------------------


class CacheStore:
    """Where MSAL's serialized token cache lives: encrypted, or a 0600 file."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        self.path = path
        self.key = key

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def describe(self) -> str:
        if self.encrypted:
            return f"{self.path} (encrypted; the key is in the system keyring)"
        return f"{self.path} (NOT encrypted: no secure keyring; readable by you only, mode 0600)"

    def load(self) -> str | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ConfigError(f"{self.path}: cannot read the sign-in: {exc.strerror}") from None
        if self.key is None:
            return data.decode("utf-8", "replace")
        from cryptography.fernet import Fernet, InvalidToken

        try:
            return Fernet(self.key).decrypt(data).decode("utf-8")
        except (InvalidToken, ValueError):
            raise ConfigError(
                f"{self.path}: the sign-in cannot be decrypted with the key in the keyring "
                "(the key changed); run `followthrough login` again"
            ) from None

    def save(self, text: str) -> None:
        data = text.encode("utf-8")
        if self.key is not None:
            from cryptography.fernet import Fernet

            data = Fernet(self.key).encrypt(data)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, self.path)


def _warn_plain(path: Path) -> None:
    log.warning(
        "the Microsoft sign-in is kept in %s WITHOUT encryption (no secure system keyring); "
        "only your user can read it. Protect this file like a password",
        path,
    )


def _key_ref(settings: MicrosoftSettings) -> SecretRef:
    """The keyring entry holding the key that encrypts this mailbox's token cache."""
    return SecretRef("microsoft", settings.email, KEY_KIND, "Microsoft 365 token-cache key")


def open_cache(settings: MicrosoftSettings, state_dir: Path, *, creating: bool) -> CacheStore:
    """The cache store of this mailbox. ``creating`` (login): make a key in the keyring,
    or fall back to a plain 0600 file with a warning when there is no secure keyring."""
    encrypted = state_dir / ENCRYPTED_CACHE
    plain = state_dir / PLAIN_CACHE
    if not creating:
        if encrypted.exists():
            return CacheStore(encrypted, fetch_secret(_key_ref(settings)).encode())
        if plain.exists():
            _warn_plain(plain)
            return CacheStore(plain, None)
        raise BackendError(
            f"Microsoft 365 ({settings.email}): not signed in yet; run `followthrough login`",
            transient=False,
        )
    try:
        key = fetch_secret(_key_ref(settings)).encode()
    except ConfigError:
        key = base64.urlsafe_b64encode(pysecrets.token_bytes(32))
        try:
            record_secret(_key_ref(settings), key.decode())
        except ConfigError:
            _warn_plain(plain)
            encrypted.unlink(missing_ok=True)
            return CacheStore(plain, None)
    plain.unlink(missing_ok=True)  # never two copies
    return CacheStore(encrypted, key)


# --- MSAL -----------------------------------------------------------------------------------


def make_app(settings: MicrosoftSettings, cache_text: str | None) -> Any:
    """MSAL's public client with the stored cache (tests replace this function)."""
    import msal

    cache = msal.SerializableTokenCache()
    if cache_text:
        cache.deserialize(cache_text)
    return msal.PublicClientApplication(
        settings.client_id,
        authority=f"{LOGIN_AUTHORITY}/{settings.tenant}",
        token_cache=cache,
    )


class MsalTokenProvider:
    """Tokens for the signed-in mailbox from MSAL's cache; refreshed by MSAL as needed."""

    def __init__(self, settings: MicrosoftSettings, store: CacheStore, app: Any = None) -> None:
        self.settings = settings
        self.store = store
        self.app = app if app is not None else make_app(settings, store.load())

    def _save(self) -> None:
        cache = getattr(self.app, "token_cache", None)
        if cache is not None and getattr(cache, "has_state_changed", False):
            self.store.save(cache.serialize())
            cache.has_state_changed = False

    def _account(self) -> Any:
        accounts = list(self.app.get_accounts(username=self.settings.email) or [])
        if not accounts:
            everyone = list(self.app.get_accounts() or [])
            accounts = everyone if len(everyone) == 1 else []
        if not accounts:
            raise BackendError(
                f"Microsoft 365 ({self.settings.email}): not signed in as this mailbox; "
                "run `followthrough login`",
                transient=False,
            )
        return accounts[0]

    def token(self, *, refresh: bool = False) -> str:
        account = self._account()
        try:
            result = self.app.acquire_token_silent_with_error(
                list(SCOPES), account=account, force_refresh=refresh
            )
        except (OSError, ValueError) as exc:  # requests' ConnectionError is an OSError
            raise BackendError(
                f"Microsoft sign-in service unreachable ({type(exc).__name__}); the next pass "
                "will try again",
                transient=True,
            ) from exc
        self._save()
        if not result or "access_token" not in result:
            transient = bool(result) and str(result.get("error")) in (
                "temporarily_unavailable",
                "service_unavailable",
            )
            raise BackendError(
                describe_result(result, f"Microsoft 365 ({self.settings.email})"),
                transient=transient,
            )
        return str(result["access_token"])

    def login(self, say: Callable[[str], None], flow: str | None = None) -> str:
        """Run the sign-in flow; returns the account name signed in."""
        flow = flow or self.settings.login
        result: dict[str, Any] | None = None
        if flow == "device-code":
            started = self.app.initiate_device_flow(scopes=list(SCOPES))
            if "user_code" not in started:
                blocked = explain_aadsts(str(started.get("error_description", "")))
                if blocked is None or "53003" not in blocked:
                    raise BackendError(
                        describe_result(started, "device code sign-in"), transient=False
                    )
                result = started
            else:
                say(str(started.get("message") or started["verification_uri"]))
                result = self.app.acquire_token_by_device_flow(started)
            if result and "53003" in str(result.get("error_description", "")):
                say(
                    "your organisation blocks device code sign-in; opening a browser on this "
                    "machine instead"
                )
                flow = "interactive"
        if flow == "interactive":
            result = self.app.acquire_token_interactive(
                list(SCOPES), login_hint=self.settings.email, prompt="select_account"
            )
        if not result or "access_token" not in result:
            raise BackendError(describe_result(result, "sign-in"), transient=False)
        claims = result.get("id_token_claims") or {}
        who = str(claims.get("preferred_username") or claims.get("upn") or "").lower()
        self._save()
        if who and who != self.settings.email:
            say(
                f"note: signed in as {who}, but [microsoft].email is {self.settings.email}; "
                "the mailbox read is the signed-in one"
            )
        return who or self.settings.email


def open_token_provider(settings: MicrosoftSettings, state_dir: Path) -> TokenProvider:
    """The token provider a pass uses (tests replace this function)."""
    return MsalTokenProvider(settings, open_cache(settings, state_dir, creating=False))


def sign_in(settings: MicrosoftSettings, state_dir: Path, say: Callable[[str], None]) -> str:
    """`followthrough login` for Microsoft 365: the flow, then the cache stored."""
    store = open_cache(settings, state_dir, creating=True)
    say(f"the sign-in will be kept in {store.describe()}")
    return MsalTokenProvider(settings, store).login(say)
