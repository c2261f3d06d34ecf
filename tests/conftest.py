from __future__ import annotations

import os
import time

import pytest

# Tests never depend on the machine's zone, nor on its locale (dates in drafts follow
# LC_ALL / LC_TIME / LANG when they name an English locale).
os.environ["TZ"] = "UTC"
time.tzset()
for _var in ("LC_ALL", "LC_TIME"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's config or state."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)


@pytest.fixture(autouse=True)
def _now_is_in_the_past(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests replay dated stories with --now: they must not turn into previews (which
    write nothing) as the real clock passes their dates. A test of the preview pins the
    wall clock itself."""
    from datetime import UTC, datetime

    from followthrough.cli import context as cli

    monkeypatch.setattr(cli, "wall_clock", lambda: datetime(2100, 1, 1, tzinfo=UTC))
