"""The command line as a user meets it: help, errors, the demo."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough.cli.main import build_parser, main


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


# What each command's help must say it does: words a user scanning `--help` looks for.
PURPOSE = {
    "demo": "demo workspace",
    "scan": "one pass",
    "run": "service",
    "status": "last and next pass",
    "asks": "asks",
    "drafts": "drafts waiting",
    "show": "timeline",
    "done": "delivered",
    "declined": "declined",
    "cancel": "no more follow-ups",
    "track": "suggested ask",
    "praise": "manager",
    "digest": "digest",
    "people": "per person",
    "state": "correct",
    "outcome": "turned out",
    "login": "keyring",
    "doctor": "check the account",
    "review": "approve and send",
    "send": "send one drafted follow-up",
}


def flat(text: str) -> str:
    return " ".join(text.split())


def command_help(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What `followthrough NAME --help` prints."""
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"], out=io.StringIO())
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {c.dest: c.help for c in sub._choices_actions}  # type: ignore[attr-defined]
    summary = helps.get(name) or ""
    assert len(summary.split()) >= 3, f"`followthrough {name}` has no one-line help"
    text = command_help(name, capsys)
    assert text.startswith(f"usage: followthrough {name}")
    assert flat(summary) in flat(text), "the command's purpose is not in its --help"
    # every argument the command takes is named in its help, with what it is for
    command = sub.choices[name]  # type: ignore[index]
    for action in command._actions:
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        if action.option_strings:
            assert action.option_strings[-1] in text, (name, action.option_strings)
        elif action.choices:
            assert all(str(c) in text for c in action.choices), (name, action.dest)
        else:
            assert (action.metavar or action.dest) in text, (name, action.dest)
        assert action.help or action.choices, f"`{name}`: {action.dest} is not explained"
        if action.help:
            assert flat(action.help.replace("%(default)s", str(action.default))) in flat(text)
    if name in PURPOSE:
        assert PURPOSE[name] in flat(text).lower(), f"`{name} --help` does not say what it does"


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"], out=io.StringIO())
    text = capsys.readouterr().out
    for name in commands():
        assert f"    {name} " in text or f"    {name}\n" in text, f"`{name}` missing from --help"
    for option in ("--config", "--now", "--verbose", "--version"):
        assert option in text


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in commands():
        assert f"| `{name}" in readme or f", `{name}" in readme, f"README: no `{name}` row"


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

    from followthrough.cli.demo import build_demo

    config = build_demo(tmp_path / "w", datetime(2026, 11, 18, 10, tzinfo=UTC))
    code = main(["--config", str(config), "--now", "next tuesday", "asks"], out=io.StringIO())
    assert code == 6
    assert "--now: expected an ISO date-time" in capsys.readouterr().err


def test_unknown_ask_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from followthrough.cli.demo import build_demo

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
