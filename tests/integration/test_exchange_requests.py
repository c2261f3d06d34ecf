"""How many EWS requests the backend makes (the same figures bench/ews_requests.py prints)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from integration.ews_support import measure_requests, prepare_state
from integration.fake_ews import FakeEws

pytestmark = pytest.mark.external_service


def test_request_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEws() as fake:
        prepare_state(fake, tmp_path / "state", tmp_path / "creds")
        monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
        figures = measure_requests(fake, tmp_path / "state", datetime(2026, 11, 2, tzinfo=UTC))
        # 2 SyncFolderItems pages (512 + 488 ids) + 10 GetItem batches of 100
        assert figures["first sync, 1000 sent items"] == 12
        assert figures["pass with no changes (sent, inbox, calendar)"] == 3  # one per folder
        # 3 syncs + one GetItem for the 10 new inbox messages
        assert figures["pass with 10 new messages"] == 4
        assert set(fake.calls) <= {"SyncFolderItems", "GetItem", "FindItem"}
