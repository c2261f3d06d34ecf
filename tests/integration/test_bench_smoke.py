"""bench/scan.py still runs: a smoke run on a few hundred shared test messages.

The benchmark itself is never part of the test suite and nothing here asserts timings;
this only proves the script builds its mailbox, runs every measurement and reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared_data import SHARED_DATA as DATA
from shared_data import needs_shared_data

pytestmark = needs_shared_data

ROOT = Path(__file__).resolve().parents[2]


def test_scan_benchmark_smoke_run(tmp_path: Path) -> None:
    assert (DATA / "mail").is_dir(), f"the shared test mail is missing under {DATA}"
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "scan.py"),
            "--smoke",
            "--workdir",
            str(tmp_path / "work"),
            "--results",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FOLLOWTHROUGH_SHARED_DATA": str(DATA)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    for row in (
        "floor: BytesParser loop",
        "followthrough: first scan",
        "followthrough: no-change scan",
        "followthrough: scan after 100 new",
        "ledger on disk",
    ):
        assert row in proc.stdout
    # the first scan read the whole mailbox; the no-change scan read nothing
    assert "read 60 sent" in proc.stderr
    assert "read 0 sent, 0 inbox, 0 calendar entries" in proc.stderr
    report = results.read_text("utf-8")
    assert "(smoke)" in report and "| followthrough: first scan |" in report
