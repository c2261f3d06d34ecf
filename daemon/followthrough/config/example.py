"""config.example.toml, written from the schema: every table and key in the order
`ConfigFile` declares them, each key with its help text and its default (or, where the
default cannot show how a key is written, an example value). The tables of backends
other than the default one are commented out.

Regenerate it after changing a key (a test fails until you do)::

    python -m followthrough.config.example > config.example.toml
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
from datetime import time
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo

from followthrough.config.accounts import AccountSection
from followthrough.config.reader import Key, key_of, unwrap_optional
from followthrough.config.settings import ConfigFile

WIDTH = 90
DEFAULT_BACKEND = AccountSection().backend  # its table ([local]) is shown in use

HEADER = """\
# followthrough configuration — every key, with its default.
# Copy to ~/.config/followthrough/config.toml (or pass --config PATH).
# Secrets never live here: passwords go to the system keyring (`followthrough login`)
# or a systemd credential. Unknown keys are errors, so a typo cannot go unnoticed.
# Relative paths are read relative to this file's directory.
# Written from the schema in daemon/followthrough/config/ by
# `python -m followthrough.config.example`: change the help text there."""


def render_example() -> str:
    """The text of config.example.toml."""
    lines = HEADER.splitlines()
    _table(lines, "", ConfigFile, commented=False)
    return "\n".join(lines) + "\n"


def _table(lines: list[str], where: str, cls: type, *, commented: bool) -> None:
    prefix = "# " if commented else ""
    hints = get_type_hints(cls)
    tables: list[tuple[str, type, Key, bool]] = []
    for f in dataclasses.fields(cls):
        meta, (inner, optional) = key_of(f), unwrap_optional(hints[f.name])
        if dataclasses.is_dataclass(inner) and isinstance(inner, type):
            tables.append((f.name, inner, meta, optional))
            continue
        lines.extend(_comment(meta.help, prefix))
        lines.append(f"{prefix}{f.name} = {_value_text(f, meta)}")
    for name, inner, meta, optional in tables:
        path = f"{where}.{name}" if where else name
        off = commented or (optional and path != DEFAULT_BACKEND)
        lines.append("")
        lines.extend(_comment(meta.help, ""))
        lines.append(f"{'# ' if off else ''}[{path}]")
        _table(lines, path, inner, commented=off)


def _comment(text: str, prefix: str) -> list[str]:
    width = WIDTH - len(prefix) - 2
    return (
        [f"{prefix}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False)]
        if text
        else []
    )


def _value_text(f: dataclasses.Field[Any], meta: Key) -> str:
    if meta.example or meta.default_text:
        return meta.example or meta.default_text
    text = _toml(f.default)
    if text is None:
        raise ValueError(f"config key {f.name}: give its example= (its default has no TOML form)")
    return text


def _toml(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, time):
        return f'"{value:%H:%M}"'
    if isinstance(value, ZoneInfo):
        return f'"{value.key}"'
    if isinstance(value, Path) or value is None:
        return '""' if value is None else json.dumps(str(value))
    return None


if __name__ == "__main__":
    print(render_example(), end="")
