"""`followthrough scan` end to end against the fake EWS endpoint."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from followthrough.cli.main import main
from integration import scenario as sc
from integration.ews_support import prepare_state
from integration.fake_ews import ASK_URI, FakeEws

pytestmark = pytest.mark.external_service


def test_scan_drafts_a_threaded_thank_you_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeEws(user="alex@example.org") as fake:
        prepare_state(fake, tmp_path / "state", tmp_path / "creds")
        monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path / "creds"))
        config = tmp_path / "config.toml"
        config.write_text(
            '[user]\nemail = "alex@example.org"\nname = "Alex Morgan"\n'
            'timezone = "Europe/Berlin"\n[account]\nbackend = "exchange"\n'
            f'[exchange]\news_url = "{fake.url}"\nauth = "basic"\n'
            f'[state]\ndir = "{tmp_path / "state"}"\n'
        )

        def cli(*args: str, now: str) -> str:
            out = io.StringIO()
            code = main(["--config", str(config), "--now", now, *args], out=out)
            assert code == 0, out.getvalue()
            return out.getvalue()

        a3 = next(m for m in sc.sent_at_start() if m.key == "a3")
        fake.add_message("sentitems", a3.raw)
        cli("scan", now=sc.T1)
        r3 = next(m for m in sc.inbox_by_wednesday() if m.key == "r3")
        fake.add_message("inbox", r3.raw)
        summary = cli("scan", now=sc.T2)
        assert "1 drafts written" in summary
        [draft] = fake.in_folder("drafts")
        original = fake.in_folder("sentitems")[0]
        assert draft.conversation == original.conversation  # a ReplyToItem: threaded
        assert draft.in_reply_to == "<a3@example.org>"
        assert draft.categories == ["followthrough"]
        asks = json.loads(cli("asks", "--json", "--all", now=sc.T2))
        assert ASK_URI not in draft.ext  # no marker header reaches the recipient
        assert asks[0]["state"] == "delivered"
        assert "0 drafts written" in cli("scan", now=sc.T2)
        assert len(fake.in_folder("drafts")) == 1
        assert fake.refused == []
