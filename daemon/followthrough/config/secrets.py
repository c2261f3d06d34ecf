"""Secrets: a systemd credential for the service, the system keyring on a desktop, or —
only when the user turns it on — a private file store.

Never the config file, and never keyrings.alt's plaintext file as a silent default.
Only this module imports keyring.

A secret is keyed by the service it opens (imap, caldav, smtp, exchange), then the
account (user and host): Dovecot and Radicale on one host with one user name have two
passwords. Its name is the same everywhere — the keyring entry, the systemd credential
(``LoadCredential=NAME:/path``) and the file in the file store::

    imap-you@example.org@mail.example.org.password
    exchange-you@example.org.refresh-token
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from followthrough.errors import ConfigError

SERVICE = "followthrough"


def credential_name(account: str, kind: str = "password") -> str:
    """The name secrets had before they were keyed by service (``user@host.password``):
    still read, so an existing setup keeps working until `followthrough login`."""
    safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in account)
    return f"{safe}.{kind}"


@dataclass(frozen=True, slots=True)
class SecretRef:
    """Which secret: for ``service`` ("imap", "caldav", "smtp", "exchange"), of
    ``account`` ("user@host", or the mailbox address), of ``kind``."""

    service: str
    account: str
    kind: str = "password"  # "password", "client-secret", "refresh-token"
    what: str = ""  # how `login` and `doctor` call it: "IMAP password"
    legacy: str = ""  # the name it had before (see ``credential_name``), still read

    @property
    def name(self) -> str:
        return credential_name(f"{self.service}-{self.account}", self.kind)

    @property
    def names(self) -> tuple[str, ...]:
        """Its name, then the old one it may still be stored under."""
        old = self.legacy
        return (self.name, old) if old and old != self.name else (self.name,)


@dataclass(frozen=True, slots=True)
class SecretStore:
    """Where `login` writes: the keyring, or the private file store in ``file_dir``."""

    file_dir: Path | None = None  # set: the user turned the file store on

    def where(self) -> str:
        return f"the file store {self.file_dir}" if self.file_dir else "the system keyring"


def find_secret(ref: SecretRef, store: SecretStore | None = None) -> str | None:
    """The secret, or None when it is stored nowhere: $CREDENTIALS_DIRECTORY first (the
    service), then the file store (if on), then the keyring."""
    store = store or SecretStore()
    dirs = [os.environ.get("CREDENTIALS_DIRECTORY", "")]
    if store.file_dir is not None:
        dirs.append(str(store.file_dir))
    for name in ref.names:
        for directory in dirs:
            if directory and (path := Path(directory) / name).is_file():
                return path.read_text(encoding="utf-8").rstrip("\r\n")
    if store.file_dir is not None:
        return None  # the user chose files over the keyring
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    for name in ref.names:
        try:
            value: str | None = keyring.get_password(SERVICE, name)
        except KeyringError as exc:
            raise ConfigError(
                f"the system keyring could not be read for {name}: {exc}. {headless_advice(ref)}"
            ) from None
        except RuntimeError:  # keyring's fail backend: "No recommended backend was available"
            return None
        if value is not None:
            return value
    return None


def fetch_secret(ref: SecretRef, store: SecretStore | None = None) -> str:
    """The secret; ConfigError naming it (and how to provide it) when it is nowhere."""
    value = find_secret(ref, store)
    if value is None:
        raise ConfigError(
            f"no {ref.what or ref.kind} stored for {ref.service} {ref.account} "
            f"(secret {ref.name!r}). Run `followthrough login`, or give the service a "
            f"credential named {ref.name!r} (LoadCredential= in the systemd unit; outside "
            "systemd, a file of that name in the directory $CREDENTIALS_DIRECTORY names)"
        )
    return value


def headless_advice(*refs: SecretRef) -> str:
    """The two ways that work without a keyring, in one sentence."""
    names = [r.name for r in refs] or ["NAME"]
    each = " ".join(f"LoadCredential={n}:/path/to/a/0600/file" for n in names)
    return (
        f"Without a keyring, either give the service each secret as a systemd credential "
        f"({each}), or turn on the private file store "
        'with [secrets] store = "file" in the config and run `followthrough login` again.'
    )


def check_store(store: SecretStore, *refs: SecretRef) -> None:
    """Raise ConfigError, before any password is asked for, when ``store`` cannot keep a
    secret safely (no keyring, or only keyrings.alt's plaintext one)."""
    if store.file_dir is not None:
        return
    import keyring

    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or "fail" in module.lower() or "null" in module.lower():
        raise ConfigError(
            f"no secure system keyring is available here (found {type(backend).__name__}). "
            + headless_advice(*refs)
        )


def record_secret(ref: SecretRef, secret: str, store: SecretStore | None = None) -> str:
    """Store ``secret`` under ``ref.name``: in the file store (a 0600 file in a 0700
    directory) when it is on, else the system keyring. Returns where."""
    store = store or SecretStore()
    check_store(store)
    if store.file_dir is not None:
        store.file_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        store.file_dir.chmod(0o700)
        path = store.file_dir / ref.name
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(secret + "\n")
        os.replace(tmp, path)
        return str(path)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, ref.name, secret)
    except KeyringError as exc:
        raise ConfigError(f"the system keyring refused the secret: {exc}") from None
    return f"the system keyring ({ref.name})"
