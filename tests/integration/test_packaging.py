"""An installed wheel carries what a checkout has: the templates and the model file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

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


def test_base_install_serves_local_and_imap_users_exchange_is_an_extra(tmp_path: Path) -> None:
    """Issue 15: `pipx install followthrough` brings IMAPClient and caldav; exchangelib
    comes with the [exchange] extra (and with [test], so CI tests that backend)."""
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (wheel,) = tmp_path.glob("followthrough-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        [meta] = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        requires = [
            line.split(":", 1)[1].strip()
            for line in zf.read(meta).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    base = {r.split(">")[0].split(";")[0].strip().lower() for r in requires if "extra ==" not in r}
    assert {"imapclient", "caldav", "icalendar", "keyring"} <= base
    assert "exchangelib" not in base
    extras = {r.split(";")[1].strip() for r in requires if r.startswith("exchangelib")}
    assert extras == {"extra == 'exchange'", "extra == 'test'"}


def test_exchange_without_exchangelib_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    import io

    from followthrough.cli.main import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "exchangelib" else real(name)
    )
    config = tmp_path / "config.toml"
    config.write_text(
        '[user]\nemail = "you@example.org"\ntimezone = "Europe/Berlin"\n'
        '[account]\nbackend = "exchange"\n[exchange]\nemail = "you@example.org"\n'
        'auth = "ntlm"\n[state]\ndir = "state"\n'
    )
    out = io.StringIO()
    assert main(["--config", str(config), "doctor"], out=out) == 1
    assert "pip install 'followthrough[exchange]'" in out.getvalue()
    assert "secret" not in out.getvalue()  # not blamed on the password
