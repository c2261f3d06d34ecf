"""An installed wheel carries what a checkout has: the templates and the model file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_the_templates_and_the_detection_model(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = tmp_path.glob("followthrough-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "templates").glob("*.j2")}
    assert shipped >= {"checkin.txt.j2", "nudge.txt.j2", "thanks.txt.j2", "outcome.txt.j2"}
    for name in shipped:
        assert f"followthrough/templates/{name}" in names
    assert "followthrough/detect/intent_weights.json" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
