"""Secrets: the system keyring on a desktop, a systemd credential for the service.

Never the config file, and never keyrings.alt's plaintext file as a silent default.
Only this module imports keyring.
"""

from __future__ import annotations

import os
from pathlib import Path

from followthrough.errors import ConfigError

SERVICE = "followthrough"


def credential_name(account: str, kind: str = "password") -> str:
    """The name of a secret: the systemd credential file name and the keyring user name."""
    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in account)
    return f"{safe}.{kind}"


def fetch_secret(account: str, kind: str = "password") -> str:
    """The secret for ``account``: $CREDENTIALS_DIRECTORY/<name> first, then the keyring."""
    name = credential_name(account, kind)
    cred_dir = os.environ.get("CREDENTIALS_DIRECTORY")
    if cred_dir:
        path = Path(cred_dir) / name
        if path.is_file():
            return path.read_text(encoding="utf-8").rstrip("\r\n")
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            value = keyring.get_password(SERVICE, name)
        except KeyringError as exc:
            raise ConfigError(
                f"the system keyring could not be read for {name}: {exc}. On a server, use a "
                f"systemd credential instead (LoadCredential={name}:/path/to/file)"
            ) from None
    except ImportError:  # pragma: no cover - keyring is a dependency
        value = None
    if value is None:
        raise ConfigError(
            f"no secret stored for {account!r} ({kind}). Run `followthrough login` to store it "
            f"in the system keyring, or give the service a credential named {name!r} "
            "(LoadCredential= in the systemd unit)"
        )
    return value


def record_secret(account: str, secret: str, kind: str = "password") -> str:
    """Store ``secret`` in the system keyring. Refuses insecure or missing keyrings."""
    import keyring
    from keyring.errors import KeyringError

    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or "fail" in module.lower() or "null" in module.lower():
        raise ConfigError(
            f"no secure system keyring is available (found {type(backend).__name__}). On a "
            "headless machine, put the secret in a file only you can read and pass it to the "
            f"service with LoadCredential={credential_name(account, kind)}:/path/to/file"
        )
    try:
        keyring.set_password(SERVICE, credential_name(account, kind), secret)
    except KeyringError as exc:
        raise ConfigError(f"the system keyring refused the secret: {exc}") from None
    return credential_name(account, kind)
