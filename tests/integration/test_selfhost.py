"""Issue 15: setting it up and living with it as a self-hoster (local files).

`--now` previews, `status` with a broken config, and the other points that need no
server; the IMAP ones are in test_imap_scenario.py, SMTP in test_smtp.py.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from followthrough.cli import context as cli
from followthrough.cli.main import main
from followthrough.config.settings import load_settings
from followthrough.errors import ConfigError
from integration import scenario as sc
from integration.scenario import BOB, ME, LocalWorkspace, message
from integration.smtp_sink import SmtpSink
from integration.test_review_send import ReviewWorkspace
from workspace import Mail

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


def run(ws: LocalWorkspace, *args: str, now: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    argv = ["--config", str(ws.config)] + (["--now", now] if now else [])
    return main([*argv, *args], out=out), out.getvalue()


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    w = LocalWorkspace(tmp_path)
    w.deliver(w.sent, [_ask()])
    w.cli("scan", now="2026-11-02T17:00")
    return w


def _pin_clock(monkeypatch: pytest.MonkeyPatch, at: str) -> None:
    moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
    monkeypatch.setattr(cli, "wall_clock", lambda: moment)


def _ledger_view(ws: LocalWorkspace) -> tuple[str, str]:
    return ws.cli("asks", "--json", "--all"), ws.cli("drafts", "--json", "--all")


def test_now_in_the_future_previews_and_writes_nothing(
    ws: LocalWorkspace, monkeypatch: pytest.MonkeyPatch
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
    assert [fid.endswith("-nudge") for fid in ws.draft_files()] == [True]


def test_apply_writes_a_future_pass(ws: LocalWorkspace, monkeypatch: pytest.MonkeyPatch) -> None:
    _pin_clock(monkeypatch, "2026-11-03T09:00")
    code, out = run(ws, "--apply", "scan", now="2026-11-09T10:00")
    assert code == 0 and "preview" not in out and "1 drafts written" in out
    assert len(ws.draft_files()) == 1


def test_status_with_a_broken_config_still_reports(ws: LocalWorkspace) -> None:
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


# --- sending without a login, or through a sendmail command -----------------------------


def _review_ws(tmp_path: Path, sending: str) -> ReviewWorkspace:
    """Two drafts waiting (a nudge and a check-in), and ``sending`` in the config."""
    ws = ReviewWorkspace(tmp_path, None)
    ws.config.write_text(ws.config.read_text() + sending)
    for m in sc.sent_at_start()[:2]:
        (ws.sent / "cur" / f"{m.key}:2,{'FS' if m.flagged else 'S'}").write_bytes(m.raw)
    ws.cli("scan", now="2026-11-02T17:00")
    ws.cli("scan")
    assert len(ws.drafted()) == 2
    return ws


@pytest.mark.external_service
def test_smtp_relay_on_this_machine_without_a_login(tmp_path: Path) -> None:
    """A local relay (Postfix on 25) takes mail without AUTH: no username, no password."""
    sink = SmtpSink().start()
    try:
        ws = _review_ws(
            tmp_path,
            f'\n[account.smtp]\nhost = "127.0.0.1"\nport = {sink.port}\ntls = "none"\n',
        )
        first = ws.drafted()[0]
        out = ws.cli("send", first["id"], "--yes")  # no credential anywhere
        assert f"sent {first['id']}" in out
        assert len(sink.received) == 1 and sink.logins == []
        message_id = str(sink.received[0].message["Message-ID"]).encode()
        assert any(message_id in p.read_bytes() for p in ws.sent_files())  # filed in Sent
    finally:
        sink.stop()


def test_smtp_without_login_elsewhere_must_be_said(tmp_path: Path) -> None:
    base = sc.MAIL_ONLY_CONFIG.replace('dir = "state"', 'dir = "state"')
    config = tmp_path / "config.toml"
    config.write_text(base + '\n[account.smtp]\nhost = "relay.example.org"\ntls = "starttls"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    assert "auth = false" in str(err.value)
    config.write_text(
        base + '\n[account.smtp]\nhost = "relay.example.org"\ntls = "starttls"\nauth = false\n'
    )
    smtp = load_settings(config).smtp
    assert smtp is not None and smtp.auth is False and smtp.port == 587


def test_sendmail_command_sends_the_approved_message(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    fake = tmp_path / "fake-sendmail"
    fake.write_text(
        f"#!{sys.executable}\nimport sys, pathlib, json\n"
        f"d = pathlib.Path({str(spool)!r})\n"
        "n = len(list(d.glob('*.json')))\n"
        "(d / f'{n}.json').write_text(json.dumps(sys.argv[1:]))\n"
        "(d / f'{n}.eml').write_bytes(sys.stdin.buffer.read())\n"
    )
    fake.chmod(0o755)
    ws = _review_ws(tmp_path, f'\n[account.sendmail]\ncommand = "{fake} -t -oi"\n')
    first, second = ws.drafted()
    out = ws.cli("send", first["id"], "--yes")
    assert f"sent {first['id']}" in out
    assert json.loads((spool / "0.json").read_text()) == ["-t", "-oi"]
    sent = (spool / "0.eml").read_bytes()
    assert b"X-Followthrough" not in sent  # nothing tells the recipient a tool drafted it
    followup = ws.ledger().get_followup(first["id"])
    assert f"<{followup.message_id}>".encode() in sent and followup.state == "sent"
    # without -t, the recipients are given as arguments
    ws.config.write_text(ws.config.read_text().replace(" -t -oi", " -oi"))
    ws.cli("send", second["id"], "--yes")
    args = json.loads((spool / "1.json").read_text())
    assert args[:2] == ["-oi", "--"] and args[2:] == second["to"]


def test_sendmail_command_that_fails_sends_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "broken-sendmail"
    fake.write_text("#!/bin/sh\necho 'sendmail: cannot connect to relay' >&2\nexit 75\n")
    fake.chmod(0o755)
    ws = _review_ws(tmp_path, f'\n[account.sendmail]\ncommand = "{fake} -t"\n')
    first = ws.drafted()[0]
    out = ws.cli("send", first["id"], "--yes", code=3)
    assert ws.ledger().get_followup(first["id"]).state == "drafted"
    del out


# --- secrets ------------------------------------------------------------------------------


def test_login_without_a_keyring_says_what_works_before_asking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or "pw")
    ws = LocalWorkspace(tmp_path, SmtpSink().config())
    out = io.StringIO()
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    code = main(["--config", str(ws.config), "login"], out=out)
    assert code == 2 and asked == []
    message = err.getvalue()
    assert "no secure system keyring" in message
    assert "LoadCredential=smtp-alex@example.org@127.0.0.1.password:" in message
    assert '[secrets] store = "file"' in message
    assert message.count("\n") == 1  # one sentence, one line


def test_readme_secret_names_are_the_stored_names() -> None:
    """The names the README tells a self-hoster to use are the ones followthrough reads."""
    from followthrough.backends.exchange.auth import exchange_secrets
    from followthrough.config.accounts import CaldavSettings, ImapSettings
    from followthrough.config.accounts import SmtpSettings as Smtp
    from followthrough.config.microsoft import ExchangeSettings

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    host = "mail.example.org"
    names = [
        ImapSettings(host=host, username="you@example.org").secret.name,
        CaldavSettings(url=f"https://{host}/dav/", username="you@example.org").secret.name,
        Smtp(host=host, username="you@example.org").secret.name,
    ]
    for auth in ("ntlm", "oauth2-client", "oauth2-code"):
        ex = ExchangeSettings(email="you@example.org", ews_url=None, auth=auth, username="")
        names += [ref.name for ref in exchange_secrets(ex).values()]
    for name in names:
        assert f"`{name}`" in readme, name
    assert ".refresh-token.password" not in readme and "-refresh-token`" not in readme


# --- doctor ---------------------------------------------------------------------------------


def test_doctor_checks_every_local_path(ws: LocalWorkspace) -> None:
    code, out = run(ws, "doctor")
    assert code == 0 and "all good." in out, out
    assert "[local].sent: Maildir" in out and "[local].drafts: Maildir" in out
    text = ws.config.read_text()
    ws.config.write_text(text.replace("Mail/.Sent", "Mail/.Sent-typo"))
    code, out = run(ws, "doctor")
    assert code == 1, out
    assert "[local].sent: " in out and "does not exist" in out
    assert "all good" not in out


def test_doctor_on_an_exchange_host_that_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "exchange-you@example.org.password").write_text("pw\\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    config = tmp_path / "config.toml"
    config.write_text(
        '[user]\nemail = "you@example.org"\ntimezone = "Europe/Berlin"\n'
        '[account]\nbackend = "exchange"\n'
        '[exchange]\nemail = "you@example.org"\nserver = "mail.no-such-host.invalid"\n'
        'auth = "ntlm"\n[state]\ndir = "state"\n'
    )
    out = io.StringIO()
    code = main(["--config", str(config), "doctor"], out=out)
    assert code == 1
    assert "'mail.no-such-host.invalid' does not exist" in out.getvalue()
    assert "Traceback" not in out.getvalue()


# --- service life -------------------------------------------------------------------------


def test_a_stop_during_a_long_sync_rolls_back_the_step_and_loses_nothing(tmp_path: Path) -> None:
    """SIGTERM sets the daemon's stop flag; the pass checks it at every message, not only
    between steps (600 new messages took 33 s), and rolls back the message in hand
    (progress before it is committed message by message: issue 13)."""
    from followthrough.config.settings import load_settings
    from followthrough.engine.scan import PassInterruptedError
    from followthrough.ledger import Ledger
    from followthrough.service.runner import run_pass

    ws = LocalWorkspace(tmp_path)
    mails = [
        Mail(
            f"m{n}",
            message(
                sender=ME,
                to=BOB,
                subject=f"Report {n}",
                date="2026-11-02T10:00",
                message_id=f"m{n}@example.org",
                body=f"Hi Bob,\n\nCould you send me report {n} by Friday?\n\nAlex\n",
            ),
        )
        for n in range(600)
    ]
    ws.deliver(ws.sent, mails)
    settings = load_settings(ws.config)
    asked: list[bool] = []

    def should_stop() -> bool:
        asked.append(len(asked) >= 50)  # SIGTERM arrives after 50 checks
        return asked[-1]

    now = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    with pytest.raises(PassInterruptedError):
        run_pass(settings, now, should_stop=should_stop)
    assert asked.count(True) == 1  # stopped at the first check after the signal
    ledger = Ledger(settings.ledger_path)
    try:  # the message in hand was rolled back; what was read before it is kept
        kept = len(ledger.asks())
    finally:
        ledger.close()
    assert kept < 600
    summary = run_pass(settings, now)  # the next pass goes on: nothing lost, nothing twice
    assert summary.counts["asks_new"] == 600 - kept
    ledger = Ledger(settings.ledger_path)
    try:
        keys = [a.source_key for a in ledger.asks()]
    finally:
        ledger.close()
    assert sorted(keys) == sorted(f"m{n}@example.org" for n in range(600))
    summary = run_pass(settings, now)  # and once a pass finished, nothing is read twice
    assert summary.counts["sent"] == 0 and summary.counts["asks_new"] == 0
    ledger = Ledger(settings.ledger_path)
    try:
        assert ledger.cursor("local:sent") is not None  # the key the check above reads
    finally:
        ledger.close()


# --- logs ---------------------------------------------------------------------------------


def test_a_bad_item_is_warned_about_once_then_listed_by_status(
    ws: LocalWorkspace, caplog: pytest.LogCaptureFixture
) -> None:
    (ws.root / "calendar" / "lunch.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:lunch-1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261105T120000Z\r\n"
        "DTEND:20261105T130000Z\r\nSUMMARY:Lunch #ask\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    caplog.set_level(logging.INFO)
    first = ws.cli("scan", now="2026-11-03T09:00")
    assert "skipped " in first and "names no helper" in first
    warned = [r for r in caplog.records if r.levelno == logging.WARNING and "skipped" in r.msg]
    assert len(warned) == 1
    caplog.clear()
    second = ws.cli("scan", now="2026-11-04T09:00")  # a new day: the calendar is read again
    assert "1 bad items skipped (0 new; `followthrough status` lists them)" in second
    assert "names no helper" not in second
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    status = ws.cli("status", now="2026-11-04T09:05")
    assert "skipped:    1 bad item(s)" in status and "names no helper" in status


def test_log_lines_carry_local_time_with_offset_and_only_our_own_loggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zoneinfo import ZoneInfo

    from followthrough.service.logs import configure_logging

    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    for verbose in (0, 2):
        path = tmp_path / f"stderr{verbose}"
        with path.open("w") as err:
            monkeypatch.setattr(sys, "stderr", err)
            try:
                configure_logging(verbose, ZoneInfo("Europe/Berlin"))
                logging.getLogger("followthrough.service.daemon").info("pass ok")
                logging.getLogger("urllib3.connectionpool").warning("Retrying (Retry(total=0))")
            finally:
                root.handlers[:] = saved[1]
                root.setLevel(saved[0])
        lines = path.read_text().splitlines()
        assert lines[0].endswith(" INFO followthrough.service.daemon: pass ok")
        stamp = lines[0].split(" ", 1)[0]
        assert datetime.fromisoformat(stamp).utcoffset() is not None
        assert stamp.endswith(("+01:00", "+02:00"))  # Berlin, not UTC
        assert len(lines) == (1 if verbose == 0 else 2)  # a library's line only with -vv


# --- init -----------------------------------------------------------------------------------


def test_init_non_interactive_writes_config_runs_doctor_installs_the_unit(
    tmp_path: Path,
) -> None:
    (tmp_path / "ws").mkdir()
    mail = LocalWorkspace(tmp_path / "ws")  # Maildirs to point at
    out = io.StringIO()
    code = main(
        [
            "init",
            "--non-interactive",
            "--backend=local",
            "--email=alex@example.org",
            "--name=Alex Morgan",
            "--timezone=Europe/Berlin",
            f"--sent={mail.sent}",
            f"--inbox={mail.inbox}",
            f"--drafts={mail.drafts}",
            "--send=sendmail",
            "--sendmail=/bin/true -t",
        ],
        out=out,
    )
    text = out.getvalue()
    assert code == 0, text
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "followthrough" / "config.toml"
    assert config.stat().st_mode & 0o777 == 0o600
    settings = load_settings(config)
    assert settings.backend == "local" and settings.user.name == "Alex Morgan"
    assert settings.sendmail is not None and settings.sendmail.command == ("/bin/true", "-t")
    assert "doctor:" in text and "all good." in text
    unit = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user" / "followthrough.service"
    lines = unit.read_text().splitlines()
    assert f"ExecStart={sys.executable} -m followthrough run" in lines
    assert f"ReadWritePaths={mail.drafts}" in lines
    # a second init does not overwrite the config
    code = main(["init", "--non-interactive", "--backend=local"], out=io.StringIO())
    assert code == 6 and load_settings(config).user.name == "Alex Morgan"


def test_init_non_interactive_names_what_is_missing_and_writes_nothing(tmp_path: Path) -> None:
    err = io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        code = main(["init", "--non-interactive", "--backend=imap"], out=io.StringIO())
    finally:
        sys.stderr = old
    assert code == 6
    assert "--email" in err.getvalue() and "--imap-host" in err.getvalue()
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "followthrough" / "config.toml").exists()


def test_init_asks_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ws").mkdir()
    mail = LocalWorkspace(tmp_path / "ws")
    answers = [
        "",  # local
        "alex@example.org",
        "",  # no name
        "Europe/Berlin",
        str(mail.sent),
        str(mail.inbox),
        str(mail.drafts),
        "",  # no calendar
        "mail",  # not a choice: asked again
        "none",
        "",  # keyring
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    out = io.StringIO()
    code = main(["init", "--no-unit"], out=out)
    assert code == 0, out.getvalue()
    assert out.getvalue().count("Send approved drafts with") == 2
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "followthrough" / "config.toml"
    settings = load_settings(config)
    assert settings.smtp is None and settings.sendmail is None
    assert settings.local is not None and settings.local.sent == mail.sent


def test_the_service_names_plain_connections_once_at_start(tmp_path: Path) -> None:
    from followthrough.service.daemon import plain_connections

    config = tmp_path / "config.toml"
    config.write_text(
        '[user]\nemail = "me@example.org"\n[account]\nbackend = "imap"\n'
        '[account.imap]\nhost = "127.0.0.1"\nusername = "me"\ntls = "none"\nport = 1143\n'
        '[account.caldav]\nurl = "http://127.0.0.1:5232/"\nusername = "me"\n'
        '[account.smtp]\nhost = "smtp.example.org"\nusername = "me"\n'
    )
    assert plain_connections(load_settings(config)) == [
        "IMAP 127.0.0.1:1143: no TLS",
        "CalDAV 127.0.0.1: plain http",
    ]
