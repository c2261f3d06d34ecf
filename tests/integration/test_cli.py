"""The command line as a user meets it: help, errors, the demo."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough.cli import build_parser, main


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {c.dest: c.help for c in sub._choices_actions}  # type: ignore[attr-defined]
    for name in commands():
        assert helps.get(name), f"`followthrough {name}` has no help text"
        text = sub.choices[name].format_help()  # type: ignore[index]
        assert helps[name] in text.replace("\n", " ") or len(text) > 40


def test_foundation_commands_exist() -> None:
    assert {
        "demo",
        "scan",
        "asks",
        "drafts",
        "show",
        "done",
        "declined",
        "outcome",
        "cancel",
        "state",
        "track",
    } <= set(commands())


def test_missing_config_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--config", str(tmp_path / "nope.toml"), "scan"], out=io.StringIO())
    err = capsys.readouterr().err
    assert code == 2
    assert "nope.toml: no config file" in err
    assert "Traceback" not in err


def test_bad_now_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from followthrough.demo import build_demo

    config = build_demo(tmp_path / "w", datetime(2026, 11, 18, 10, tzinfo=UTC))
    code = main(["--config", str(config), "--now", "next tuesday", "asks"], out=io.StringIO())
    assert code == 6
    assert "--now: expected an ISO date-time" in capsys.readouterr().err


def test_unknown_ask_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from followthrough.demo import build_demo

    config = build_demo(tmp_path / "w", datetime(2026, 11, 18, 10, tzinfo=UTC))
    assert main(["--config", str(config), "show", "zzzzz"], out=io.StringIO()) == 6
    assert "no ask with id 'zzzzz'" in capsys.readouterr().err


def test_demo_as_a_new_user_runs_it(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_STATE_HOME": str(tmp_path / "st"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "followthrough", "--now", "2026-11-18T10:00", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "demo workspace:" in out
    assert "new asks" in out
    drafts_dir = tmp_path / "followthrough-demo" / "Mail" / ".Drafts" / "cur"
    files = sorted(drafts_dir.iterdir())
    assert len(files) >= 3  # nudge, thank-you (delivered), thank-you (declined), outcome
    for f in files:
        assert str(f) in out, f"draft path {f} not shown"
        assert f.name.endswith(":2,DS")
    assert "--now" in out and "scan" in out and "config" in out
    # the demo's own config is self-contained: a second scan finds nothing new
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "followthrough",
            "--config",
            "followthrough-demo/config.toml",
            "--now",
            "2026-11-18T10:00",
            "scan",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "0 new asks" in again.stdout and "0 drafts written" in again.stdout
    assert len(list(drafts_dir.iterdir())) == len(files)
