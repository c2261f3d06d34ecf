"""`followthrough scan` over every real mail and calendar file in the shared data."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from followthrough.cli.demo import local_config
from followthrough.cli.main import main
from shared_data import SHARED_DATA, needs_shared_data

pytestmark = needs_shared_data

MAIL = sorted(p for p in (SHARED_DATA / "mail").rglob("*") if p.is_file())
ICS = sorted(p for p in (SHARED_DATA / "ics").rglob("*") if p.is_file())


def test_scan_reads_every_real_file_and_reports_what_it_cannot(tmp_path: Path) -> None:
    assert len(MAIL) > 100 and len(ICS) > 200, f"shared data missing under {SHARED_DATA}"
    for folder in ("Mail", "Mail/.Sent", "Mail/.Drafts"):
        for sub in ("cur", "new", "tmp"):
            (tmp_path / folder / sub).mkdir(parents=True)
    names: dict[str, Path] = {}
    for i, path in enumerate(MAIL):
        key = f"m{i:04d}"
        names[key] = path
        # every file both as received and as sent mail
        shutil.copyfile(path, tmp_path / "Mail" / "cur" / f"{key}:2,S")
        shutil.copyfile(path, tmp_path / "Mail" / ".Sent" / "cur" / f"{key}:2,FS")
    (tmp_path / "calendar").mkdir()
    for i, path in enumerate(ICS):
        shutil.copyfile(path, tmp_path / "calendar" / f"c{i:04d}-{path.name}.ics")
    config = tmp_path / "config.toml"
    config.write_text(
        local_config("me@example.org", "", "Europe/Berlin")
        + "[detect]\nlookback_days = 20000\nlookahead_days = 3000\n"
    )
    out = io.StringIO()
    code = main(["--config", str(config), "--now", "2026-11-18T10:00", "scan"], out=out)
    text = out.getvalue()
    assert code == 0, text
    summary = text.splitlines()[0]
    assert f"read {len(MAIL)} sent" in summary or "sent" in summary
    skipped = [line for line in text.splitlines() if line.startswith("  skipped ")]
    assert f"{len(skipped)} bad items skipped" in summary
    # every skip names the file (or item in it) it came from
    for line in skipped:
        assert "/Mail/" in line or "calendar/" in line or "sent:" in line or "inbox:" in line, line
    # the files known to be unreadable (licences, empty and headerless files) are among them
    empty = [k for k, p in names.items() if p.stat().st_size == 0]
    for key in empty:
        assert any(key in line for line in skipped), f"empty file {names[key]} not reported"
    # a second scan over the same files reads nothing again and writes no more drafts
    out2 = io.StringIO()
    assert main(["--config", str(config), "--now", "2026-11-18T10:00", "scan"], out=out2) == 0
    assert out2.getvalue().startswith("read 0 sent, 0 inbox, 0 calendar entries")
    assert "0 drafts written" in out2.getvalue()


@pytest.mark.parametrize("folder", ["cpython", "flanker", "talon"])
def test_each_mail_source_is_present(folder: str) -> None:
    assert any((SHARED_DATA / "mail" / folder).iterdir())
