"""Issue 15: setting it up and living with it as a self-hoster (local files).

`--now` previews, `status` with a broken config, and the other points that need no
server; the IMAP ones are in test_imap_scenario.py, SMTP in test_smtp.py.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from followthrough import cli
from followthrough.cli import main
from integration.scenario import BOB, ME, Mail, Workspace, message

ASKED = "2026-11-02T10:00"


def _ask() -> Mail:
    return Mail(
        "deck",
        message(
            sender=ME,
            to=BOB,
            subject="Q3 deck",
            date=ASKED,
            message_id="deck@example.org",
            body="Hi Bob,\n\nCould you review the Q3 deck by Friday 6 November?\n\nAlex\n",
        ),
    )


def run(ws: Workspace, *args: str, now: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    argv = ["--config", str(ws.config)] + (["--now", now] if now else [])
    return main([*argv, *args], out=out), out.getvalue()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path)
    w.deliver(w.sent, [_ask()])
    w.cli("scan", now="2026-11-02T17:00")
    return w


def _pin_clock(monkeypatch: pytest.MonkeyPatch, at: str) -> None:
    moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
    monkeypatch.setattr(cli, "wall_clock", lambda: moment)


def _ledger_view(ws: Workspace) -> tuple[str, str]:
    return ws.cli("asks", "--json", "--all"), ws.cli("drafts", "--json", "--all")


def test_now_in_the_future_previews_and_writes_nothing(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pin_clock(monkeypatch, "2026-11-03T09:00")
    before = _ledger_view(ws)
    ledger_file = ws.root / "state" / "ledger.sqlite3"
    code, out = run(ws, "scan", now="2026-11-09T10:00")  # the nudge would be due
    assert code == 0, out
    assert "preview" in out and "nothing is written" in out
    assert "1 drafts it would write" in out
    assert "--- would draft " in out and "-nudge ---" in out
    assert "To:      Bob" in out and "Subject:" in out
    assert "Q3 deck" in out.split("--- would draft", 1)[1]  # the body is printed
    assert not ws.draft_files()
    assert _ledger_view(ws) == before
    assert ledger_file.exists()
    # recording commands refuse a future --now instead of writing it
    code, out = run(ws, "done", json.loads(before[0])[0]["id"], now="2026-11-09T10:00")
    assert code == 6
    assert _ledger_view(ws) == before
    # the real pass when the time comes is not held back by the preview (no cooldown)
    _pin_clock(monkeypatch, "2026-11-09T10:05")
    out = ws.cli("scan", now="2026-11-09T10:00")
    assert "1 drafts written" in out
    assert [
        str(m["X-Followthrough-Followup"]).endswith("-nudge") for m in ws.draft_files().values()
    ] == [True]


def test_apply_writes_a_future_pass(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    _pin_clock(monkeypatch, "2026-11-03T09:00")
    code, out = run(ws, "--apply", "scan", now="2026-11-09T10:00")
    assert code == 0 and "preview" not in out and "1 drafts written" in out
    assert len(ws.draft_files()) == 1


def test_status_with_a_broken_config_still_reports(ws: Workspace) -> None:
    code, out = run(ws, "status")
    assert code == 0, out
    assert "follow-ups: " in out  # the planner's answer: what comes next
    ws.config.write_text(ws.config.read_text() + "\n[policy]\ncooldown_dayz = 3\n")
    code, out = run(ws, "status")
    assert code == 2, out
    assert "has errors" in out and "cooldown_dayz" in out
    assert "keeps the config it started with" in out
    assert "last pass:  " in out and "none yet" not in out  # the state was found
    code, out = run(ws, "--now", "2026-11-03T10:00", "status")
    assert code == 2 and "last pass:  " in out
