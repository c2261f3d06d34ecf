"""Exchange credentials: the secrets each kind of login needs, NTLM/basic passwords, and
OAuth2 (client credentials, or an authorization-code refresh token kept up to date in
the state directory, mode 0600)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from exchangelib import (
    DELEGATE,
    IMPERSONATION,
    OAUTH2,
    Credentials,
    Identity,
    OAuth2AuthorizationCodeCredentials,
    OAuth2Credentials,
)
from exchangelib.transport import BASIC, NTLM

from followthrough.config.microsoft import ExchangeSettings
from followthrough.config.secrets import (
    SecretRef,
    SecretStore,
    credential_name,
    fetch_secret,
    find_secret,
)

TOKEN_FILE = "exchange-token.json"  # noqa: S105 - a file name. OAuth2 tokens refreshed by exchangelib, mode 0600


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_private(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON, created 0600, replaced atomically."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)


class _PersistedTokenCredentials(OAuth2AuthorizationCodeCredentials):  # type: ignore[misc]
    """Authorization-code credentials whose refreshed tokens are saved, mode 0600."""

    token_path: Path

    def on_token_auto_refreshed(self, access_token: Any) -> None:
        super().on_token_auto_refreshed(access_token)
        write_private(self.token_path, dict(access_token))


def exchange_secrets(settings: ExchangeSettings) -> dict[str, SecretRef]:
    """The secrets ``settings.auth`` uses, by role: "password" (NTLM/basic),
    "client-secret" (OAuth2; optional for a public client with a refresh token),
    "refresh-token" (OAuth2 authorization code)."""
    email = settings.email

    def ref(kind: str, what: str, legacy: str) -> SecretRef:
        return SecretRef("exchange", email, kind, what, legacy=credential_name(legacy))

    if settings.auth in ("ntlm", "basic"):
        return {"password": ref("password", f"Exchange password of {settings.username}", email)}
    client = ref("client-secret", "Exchange OAuth2 client secret", f"{email}-client-secret")
    if settings.auth == "oauth2-client":
        return {"client-secret": client}
    token = ref(
        "refresh-token",
        "Exchange OAuth2 refresh token (authorization code flow)",
        f"{email}-refresh-token",
    )
    return {"refresh-token": token, "client-secret": client}


def secret_names(settings: ExchangeSettings) -> list[SecretRef]:
    """What `followthrough login` asks for (a public client needs no client secret)."""
    refs = exchange_secrets(settings)
    return [refs["refresh-token"]] if "refresh-token" in refs else list(refs.values())


def load_credentials(
    settings: ExchangeSettings, state_dir: Path, store: SecretStore | None = None
) -> tuple[Any, str, str]:
    """(credentials, exchangelib auth type, access type) for ``settings.auth``."""
    refs = exchange_secrets(settings)
    if settings.auth in ("ntlm", "basic"):
        password = fetch_secret(refs["password"], store)
        auth = NTLM if settings.auth == "ntlm" else BASIC
        return Credentials(settings.username, password), auth, DELEGATE
    if settings.auth == "oauth2-client":
        creds = OAuth2Credentials(
            client_id=settings.client_id,
            client_secret=fetch_secret(refs["client-secret"], store),
            tenant_id=settings.tenant_id,
            identity=Identity(primary_smtp_address=settings.email),
        )
        return creds, OAUTH2, IMPERSONATION
    token_path = state_dir / TOKEN_FILE
    token = read_json(token_path)
    if not token.get("refresh_token"):
        token = {
            "refresh_token": fetch_secret(refs["refresh-token"], store),
            "access_token": "",
            "token_type": "Bearer",
            "expires_at": 0,
        }
    # a public client has no client secret: the refresh token alone is enough
    secret = find_secret(refs["client-secret"], store)
    code_creds = _PersistedTokenCredentials(
        client_id=settings.client_id,
        client_secret=secret,
        tenant_id=settings.tenant_id,
        access_token=token,
    )
    code_creds.token_path = token_path
    return code_creds, OAUTH2, DELEGATE
