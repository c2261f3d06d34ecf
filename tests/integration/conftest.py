"""Fixtures shared by the Exchange tests: the fake EWS endpoint and a harness over it.

(Other test files define their own ``harness`` for their backend; theirs wins there.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from integration.ews_support import EwsHarness
    from integration.fake_ews import FakeEws


@pytest.fixture
def fake() -> Iterator[FakeEws]:
    """A fake EWS endpoint on 127.0.0.1, stopped afterwards."""
    from integration.fake_ews import FakeEws

    with FakeEws() as server:
        yield server


@pytest.fixture
def harness(fake: FakeEws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EwsHarness:
    """The conformance harness over the fake, its clock frozen at ``EWS_NOW``."""
    from integration.ews_support import EWS_NOW, EWS_TZ, EwsHarness, prepare_state
    from workspace import fixed_clock

    prepare_state(fake, tmp_path / "state", tmp_path / "creds")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
    return EwsHarness(fake, tmp_path / "state", EWS_TZ, fixed_clock(EWS_NOW))
