"""contacts.toml: who people are, and who their manager is (for praise notes).

```toml
[[contact]]
email = "bob@example.org"
name = "Bob Chen"
manager = "dana@example.org"   # optional
notes = "runs the data platform"   # optional, yours only
keep_in_touch = "6w"   # optional: a friendly note after six weeks apart ("never": none)
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from followthrough.config.reader import parse_cadence
from followthrough.errors import ConfigError

_EMAIL = re.compile(r"^[^@\s<>,;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


@dataclass(frozen=True, slots=True)
class Contact:
    email: str
    name: str = ""
    manager: str | None = None
    notes: str = ""
    # days between keep-in-touch notes; 0: never (overrides the default); None: the default
    keep_in_touch: int | None = None


def load_contacts(path: Path | None) -> dict[str, Contact]:
    """Contacts by lower-cased email; {} when the file does not exist."""
    if path is None or not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    problems: list[str] = []
    for key in sorted(set(data) - {"contact"}):
        problems.append(f"{key}: unknown key (write each person as a [[contact]] table)")
    entries = data.get("contact", [])
    if not isinstance(entries, list):
        problems.append("contact: expected [[contact]] tables")
        entries = []
    contacts: dict[str, Contact] = {}
    known = {"email", "name", "manager", "notes", "keep_in_touch"}
    for i, entry in enumerate(entries, 1):
        where = f"[[contact]] #{i}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a table")
            continue
        for key in sorted(set(entry) - known):
            problems.append(f"{where}.{key}: unknown key (allowed: {', '.join(sorted(known))})")
        email = entry.get("email")
        if not isinstance(email, str) or not _EMAIL.match(email.strip()):
            problems.append(f"{where}.email: expected an email address, got {email!r}")
            continue
        manager = entry.get("manager")
        if manager is not None and (not isinstance(manager, str) or not _EMAIL.match(manager)):
            problems.append(f"{where}.manager: expected an email address, got {manager!r}")
            manager = None
        name = entry.get("name", "")
        notes = entry.get("notes", "")
        if not isinstance(name, str) or not isinstance(notes, str):
            problems.append(f"{where}: name and notes must be strings")
            continue
        cadence: int | None = None
        raw = entry.get("keep_in_touch")
        if raw is not None:
            if isinstance(raw, str) and raw.strip().lower() in ("never", "off", "no"):
                cadence = 0
            elif isinstance(raw, str) and parse_cadence(raw) is not None:
                cadence = parse_cadence(raw)
            else:
                problems.append(
                    f'{where}.keep_in_touch: expected a cadence like "6w", "30d", "3m" or '
                    f'"never", got {raw!r}'
                )
        contacts[email.strip().lower()] = Contact(
            email.strip().lower(), name, manager.lower() if manager else None, notes, cadence
        )
    if problems:
        raise ConfigError(f"{path}: {len(problems)} problem(s) in the contacts file", problems)
    return contacts
