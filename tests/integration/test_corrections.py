"""Learning from the user's corrections (issue 17): `state … not-an-ask`, `cancel` and
`track` are labels; the adjustment lives in the ledger, changes later decisions, is
explained by `show` and forgotten by `corrections --reset`."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followthrough.cli.demo import ME, build_demo, build_message
from followthrough.cli.main import main

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)
BOB = ("Bob Chen", "bob@example.org")
# The user's habit: a line they end many messages with. Taken for an ask by the shipped
# model; to this user it is no ask.
HABIT = "Could you keep me in the loop on anything that comes up with the vendor?"


def run(config: Path, *args: str, now: datetime = NOW) -> str:
    out = io.StringIO()
    assert main(["--config", str(config), "--now", now.isoformat(), *args], out=out) == 0
    return out.getvalue()


def send(config: Path, key: str, body: str, at: datetime) -> None:
    raw = build_message(
        sender=ME,
        to=BOB,
        subject=f"Vendor update {key}",
        body=body,
        date=at,
        message_id=f"{key}@example.org",
    )
    sent = config.parent / "Mail" / ".Sent" / "cur"
    (sent / f"{key}:2,S").write_bytes(raw)


def tracked_ids(config: Path, now: datetime, *, suggested: bool = False) -> dict[str, str]:
    """message key ("v1") -> ask id of the tracked (or suggested) asks."""
    args = ["asks", "--json", *(["--suggested"] if suggested else [])]
    rows = json.loads(run(config, *args, now=now))
    return {r["source"]["key"].split("@")[0]: r["id"] for r in rows}


def test_not_an_ask_changes_later_decisions_and_reset_undoes_it(tmp_path: Path) -> None:
    config = build_demo(tmp_path / "w", NOW - timedelta(days=1))
    t1 = NOW + timedelta(hours=1)
    send(config, "v1", f"The vendor call went fine.\n\n{HABIT}\n\nAlex", t1)
    run(config, "scan", now=t1)
    first = tracked_ids(config, t1)
    assert "v1" in first  # the shipped model tracks it

    out = run(config, "state", first["v1"], "not-an-ask", now=t1)
    assert "cancelled" in out and "noted" in out
    assert "1 correction(s)" in run(config, "corrections", now=t1)

    # the same habit in a later message is no longer tracked…
    t2 = t1 + timedelta(days=1)
    send(config, "v2", f"Contract is signed.\n\n{HABIT}\n\nAlex", t2)
    run(config, "scan", now=t2)
    assert "v2" not in tracked_ids(config, t2)
    # …while a different, real ask in the same words' neighbourhood still is
    t3 = t2 + timedelta(days=1)
    send(config, "v3", "Could you send me the signed contract by Friday?\n\nAlex", t3)
    run(config, "scan", now=t3)
    assert "v3" in tracked_ids(config, t3)

    # the adjustment is in the ledger, not in the shipped weights file
    db = sqlite3.connect(config.parent / "state" / "ledger.sqlite3")
    try:
        assert db.execute("SELECT COUNT(*) FROM detect_adjust").fetchone()[0] > 0
        assert db.execute("PRAGMA user_version").fetchone()[0] >= 6
    finally:
        db.close()

    # reset: back to the shipped model, so the habit is tracked again
    assert "forgot 1 correction(s)" in run(config, "corrections", "--reset", now=t3)
    t4 = t3 + timedelta(days=1)
    send(config, "v4", f"Invoice paid.\n\n{HABIT}\n\nAlex", t4)
    run(config, "scan", now=t4)
    assert "v4" in tracked_ids(config, t4)


def test_show_explains_the_adjustment(tmp_path: Path) -> None:
    config = build_demo(tmp_path / "w", NOW - timedelta(days=1))
    t1 = NOW + timedelta(hours=1)
    send(config, "v1", f"Notes attached.\n\n{HABIT}\n\nAlex", t1)
    run(config, "scan", now=t1)
    ask_id = tracked_ids(config, t1)["v1"]
    run(config, "cancel", ask_id, now=t1)  # never answered: cancelling it is a label too
    out = run(config, "show", ask_id, now=t1)
    assert "your corrections:" in out and "log-odds" in out


def test_track_on_a_suggestion_is_a_label(tmp_path: Path) -> None:
    config = build_demo(tmp_path / "w", NOW - timedelta(days=1))
    t1 = NOW + timedelta(hours=1)
    line = "I wonder if you might look at the vendor's pricing sheet."  # suggested only
    send(config, "v1", f"{line}\n\nAlex", t1)
    run(config, "scan", now=t1)
    ids = tracked_ids(config, t1, suggested=True)
    assert "v1" in ids
    run(config, "track", ids["v1"], now=t1)
    assert "1 correction(s)" in run(config, "corrections", now=t1)
    t2 = t1 + timedelta(days=1)
    send(config, "v2", f"Thanks for the call.\n\n{line}\n\nAlex", t2)
    run(config, "scan", now=t2)
    assert "v2" in tracked_ids(config, t2)  # now tracked without asking
