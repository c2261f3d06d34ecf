"""Hostile input, second round (issue 13): stalls, foreign invitations, damaged ledgers,
spoofed answers and the errors a careless user meets. Each test drives the CLI over a
local Maildir + vdir workspace, as a user would."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from followthrough import detect
from followthrough.cli.demo import build_message
from followthrough.cli.main import main
from followthrough.config.settings import load_settings
from followthrough.detect import parse_deadline
from followthrough.engine import scan as scan
from followthrough.errors import ConfigError
from integration import scenario as sc
from unit.test_linear_growth import counted

ME = sc.ME


def run(ws: sc.LocalWorkspace, *args: str, now: str | None = sc.T1) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one CLI command."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["--config", str(ws.config), *(["--now", now] if now else []), *args]
    import contextlib

    with contextlib.redirect_stderr(err):
        code = main(argv, out=out)
    return code, out.getvalue(), err.getvalue()


def sent(ws: sc.LocalWorkspace, key: str, body: str, to: tuple[str, str] = sc.BOB) -> None:
    raw = build_message(
        sender=ME,
        to=to,
        subject=f"About {key}",
        body=body,
        date=sc.at("2026-11-02T10:00"),
        message_id=f"{key}@example.org",
    )
    (ws.sent / "cur" / f"{key}:2,S").write_bytes(raw)


# --- 2. linear time, bounded text, budget, progress -----------------------------------


def review_dates(size: int) -> str:
    head = "Hi Bob,\n\nCould you please review the Q3 deck? "
    return head + "12/5 " * ((size - len(head)) // 5)


def scan_work(tmp_path: Path, text_of: str, size: int) -> int:
    (tmp_path / str(size)).mkdir()
    ws = sc.LocalWorkspace(tmp_path / str(size))
    if text_of == "mail":
        sent(ws, "big", review_dates(size))
    else:
        (ws.root / "calendar" / "big.ics").write_text(
            sc.ics(
                "big@tests",
                "2026-11-02T09:00",
                "Deck review #ask",
                review_dates(size),
                "ATTENDEE;CN=Bob Chen:mailto:bob@example.org\r\n",
            )
        )
    run(ws, "scan")  # the ledger and the imports: not part of what is measured
    for f in (ws.root / "state").glob("ledger.sqlite3*"):
        f.unlink()
    with counted(scan_modules()) as counter:
        code, _, err = run(ws, "scan")
    assert code == 0, err
    return counter[0]


def scan_modules() -> tuple[object, ...]:
    from followthrough.backends.ics import parse as ics_parse
    from followthrough.backends.ics import repair as ics_repair
    from followthrough.backends.mail import auto, body, headers, parse
    from followthrough.detect import deadline, features, reply, request, segment

    return (
        deadline,
        request,
        features,
        segment,
        reply,
        headers,
        auto,
        body,
        parse,
        ics_parse,
        ics_repair,
        scan,
    )


@pytest.mark.parametrize("text_of", ["mail", "calendar"])
def test_the_40_kb_and_400_kb_review_dates_input_scans_in_linear_time(
    tmp_path: Path, text_of: str
) -> None:
    """The issue's input ("Could you please review…?" + "12/5 " x N) took 78 s at 40 KB
    and about two hours at 400 KB; the work of a whole scan now grows no faster than the
    input (linear: ten-fold; it was a hundred-fold)."""
    small = scan_work(tmp_path, text_of, 40_000)
    large = scan_work(tmp_path, text_of, 400_000)
    assert large <= 12 * small, (small, large)


def test_detection_reads_a_bounded_amount_of_text(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path, "\n[limits]\nmax_text_chars = 5000\n")
    assert load_settings(ws.config).limits.max_text_chars == 5000
    seen: list[int] = []
    real = detect.detect_request

    def spy(text: str, *args: object, **kwargs: object) -> object:
        seen.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    sent(ws, "long", "Could you review the deck by Friday?\n\n" + "Some more words. " * 10_000)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "detect_request", spy)
        assert run(ws, "scan")[0] == 0
    assert seen and max(seen) == 5000


def test_a_message_over_its_budget_is_skipped_and_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ws = sc.LocalWorkspace(tmp_path, "\n[limits]\nmessage_seconds = 5\n")
    sent(ws, "slow", "Could you review the deck by Friday?")
    sent(ws, "fine", "Could you send me the slides by Friday?", to=sc.CAROL)
    real = detect.detect_request
    clock = [0.0]

    def slow(text: str, *args: object, **kwargs: object) -> object:
        if "deck" in text:
            clock[0] += 60  # this one "takes" a minute
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "detect_request", slow)
        mp.setattr(scan.time, "monotonic", lambda: clock[0])
        code, out, _ = run(ws, "scan")
    assert code == 0
    assert "1 bad items skipped" in out
    assert "sent:slow" in caplog.text and "longer than 5 s" in caplog.text
    keys = set(ws.asks())
    assert "fine@example.org" in keys and "slow@example.org" not in keys


def test_a_message_passes_are_killed_on_is_skipped_and_progress_is_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A pass stalls on a message and is killed (the service's watchdog, the user's
    Ctrl-C) after longer than the message's budget, twice: the next pass skips it, names
    it, and records everything else. Killed once, or restarted at once, it is read again
    (a reboot mid-pass loses no message)."""
    ws = sc.LocalWorkspace(tmp_path)
    for i in range(5):
        sent(ws, f"ask{i}", f"Could you send me report {i} by Friday?", to=sc.BOB)
    sent(ws, "killer", "Could you review the killer deck by Friday?", to=sc.CAROL)
    real = detect.detect_request
    wall = [1_000_000.0]

    def stall_on_killer(text: str, *args: object, **kwargs: object) -> object:
        if "killer" in text:
            wall[0] += 3600  # an hour later, the pass is killed
            raise KeyboardInterrupt
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    def killed_scan() -> None:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(detect, "detect_request", stall_on_killer)
            mp.setattr(scan.time, "time", lambda: wall[0])
            assert run(ws, "scan")[0] == 130

    killed_scan()
    with sqlite3.connect(ws.root / "state" / "ledger.sqlite3") as db:
        kept = {r[0] for r in db.execute("SELECT source_key FROM asks")}
        (mark,) = db.execute(
            "SELECT cursor FROM cursors WHERE stream = 'local:sent:reading'"
        ).fetchone()
    assert mark.endswith(" killer") and mark.startswith("1 ")  # committed before it
    killed_scan()  # read again (once is not enough), killed again
    with pytest.MonkeyPatch.context() as mp:  # the same message would stall it again
        mp.setattr(detect, "detect_request", stall_on_killer)
        mp.setattr(scan.time, "time", lambda: wall[0])
        code, _, err = run(ws, "scan")
    assert code == 0, err
    assert "sent:killer" in caplog.text and "killed while reading it 2 times" in caplog.text
    keys = set(ws.asks())
    assert {f"ask{i}@example.org" for i in range(5)} <= keys
    assert kept <= keys and "killer@example.org" not in keys


def test_a_pass_restarted_at_once_reads_the_message_again(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "rebooted", "Could you review the deck by Friday?")
    real = detect.detect_request
    kills = [0]

    def killed_once(text: str, *args: object, **kwargs: object) -> object:
        if kills[0] < 2:
            kills[0] += 1
            raise KeyboardInterrupt  # a reboot mid-pass, twice, restarted at once
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "detect_request", killed_once)
        assert run(ws, "scan")[0] == 130
        assert run(ws, "scan")[0] == 130
        assert run(ws, "scan")[0] == 0
    assert "rebooted@example.org" in ws.asks()


def test_done_reports_a_busy_ledger_in_one_line(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Could you review the deck by Friday?")
    assert run(ws, "scan")[0] == 0
    ask_id = next(iter(ws.asks().values()))["id"]
    db = sqlite3.connect(ws.root / "state" / "ledger.sqlite3", isolation_level=None)
    db.execute("BEGIN IMMEDIATE")  # a pass holding the write lock
    try:
        with pytest.MonkeyPatch.context() as mp:
            real_connect = sqlite3.connect
            mp.setattr(
                sqlite3,
                "connect",
                lambda *a, **k: real_connect(*a, **{**k, "timeout": 0.2}),
            )
            code, _, err = run(ws, "done", ask_id)
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert code == 7
    assert err.count("\n") == 1 and "ledger is busy" in err and "Traceback" not in err


# --- 3. foreign invitations --------------------------------------------------------------


def invitation(uid: str, organizer: str, start: str = "2026-11-02T09:00") -> str:
    return sc.ics(
        uid,
        start,
        "Budget sync #ask",
        "Outcome: we wired the money to account 1234 #done",
        f"ORGANIZER;CN=Stranger:mailto:{organizer}\r\n"
        "ATTENDEE;CN=Victim:mailto:victim@example.net\r\n"
        f"ATTENDEE;CN=Alex Morgan:mailto:{ME[1]}\r\n",
    )


def test_a_foreign_invitation_is_only_a_suggestion(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    (ws.root / "calendar" / "evil.ics").write_text(invitation("evil@x", "mallory@evil.example"))
    code, out, _ = run(ws, "scan")
    assert code == 0
    assert "0 new asks" in out and "1 suggested" in out
    assert not any((ws.drafts / "cur").iterdir()), "an invitation made a draft"
    rows = json.loads(ws.cli("asks", "--json", "--all", "--suggested", now=sc.T3))
    assert [r["state"] for r in rows] == ["open"]  # its "#done" and Outcome: ignored
    ws.cli("scan", now=sc.T3)
    ws.cli("scan", now=sc.T4)
    assert not any((ws.drafts / "cur").iterdir())


def test_an_entry_the_user_organised_is_still_an_ask(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    (ws.root / "calendar" / "mine.ics").write_text(invitation("mine@x", ME[1]))
    code, out, _ = run(ws, "scan")
    assert code == 0 and "1 new asks" in out
    assert len(list((ws.drafts / "cur").iterdir())) == 1  # the outcome mail


def test_new_calendar_asks_per_pass_are_capped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ws = sc.LocalWorkspace(tmp_path, "\n[limits]\nmax_new_calendar_asks = 5\n")
    for i in range(12):
        (ws.root / "calendar" / f"e{i}.ics").write_text(
            sc.ics(
                f"e{i}@tests",
                "2026-11-02T09:00",
                f"Ask {i} #ask",
                "",
                f"ORGANIZER:mailto:{ME[1]}\r\nATTENDEE:mailto:h{i}@example.org\r\n",
            )
        )
    code, out, _ = run(ws, "scan")
    assert code == 0
    assert "5 new asks" in out and "7 more tagged calendar entries" in caplog.text
    code, out, _ = run(ws, "scan")
    assert "5 new asks" in out
    code, out, _ = run(ws, "scan")
    assert "2 new asks" in out
    assert len(ws.asks()) == 12


# --- 6. empty / foreign ledgers, drafts folder, Message-IDs -------------------------------


def ledger_file(ws: sc.LocalWorkspace) -> Path:
    path = ws.root / "state" / "ledger.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"", "empty (0 bytes)"),
        (os.urandom(8192), "not an SQLite database"),
    ],
)
def test_an_empty_or_random_ledger_is_refused(tmp_path: Path, content: bytes, why: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Could you review the deck by Friday?")
    ledger_file(ws).write_bytes(content)
    code, _, err = run(ws, "scan")
    assert code == 4
    assert why in err and err.count("\n") == 1
    assert ledger_file(ws).read_bytes() == content  # left as it was
    assert not any((ws.drafts / "cur").iterdir())


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    with sqlite3.connect(ledger_file(ws)) as db:
        db.execute("CREATE TABLE photos (id INTEGER)")
    code, _, err = run(ws, "scan")
    assert code == 4 and "not a followthrough ledger" in err


def test_a_damaged_ledger_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Could you review the deck by Friday?")
    assert run(ws, "scan")[0] == 0
    path = ledger_file(ws)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)  # the header survives, the pages do not
    path.write_bytes(bytes(data))
    code, _, err = run(ws, "asks")
    assert code == 4 and "Traceback" not in err and err.count("\n") == 1


def test_a_lost_ledger_does_not_write_a_sent_follow_up_again(tmp_path: Path) -> None:
    """The nudge was sent; the ledger is then lost (deleted: the user starts over). The
    rebuilt ledger finds the nudge's Message-ID in Sent and does not draft it again."""
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Hi Bob,\n\nCould you review the Q3 deck by Friday?\n")
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    (draft,) = list((ws.drafts / "cur").iterdir())
    draft.rename(ws.sent / "cur" / "nudge:2,S")  # sent from the mail client
    for f in (ws.root / "state").glob("ledger.sqlite3*"):
        f.unlink()
    ws.cli("scan", now=sc.T3)
    assert not any((ws.drafts / "cur").iterdir()), "the sent nudge was drafted again"
    rows = json.loads(ws.cli("drafts", "--json", "--all", now=sc.T3))
    assert [r["state"] for r in rows if r["kind"] == "nudge"] == ["sent"]


def test_a_lost_ledger_finds_the_pending_draft_instead_of_writing_another(
    tmp_path: Path,
) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Hi Bob,\n\nCould you review the Q3 deck by Friday?\n")
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    for f in (ws.root / "state").glob("ledger.sqlite3*"):
        f.unlink()
    ws.cli("scan", now=sc.T3)
    assert len(list((ws.drafts / "cur").iterdir())) == 1


@pytest.mark.parametrize("same", ["sent", "inbox"])
def test_drafts_in_the_sent_or_inbox_folder_is_a_config_error(tmp_path: Path, same: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    text = ws.config.read_text()
    target = {"sent": "Mail/.Sent/", "inbox": "Mail/.Drafts/.."}[same]  # spelt differently
    ws.config.write_text(text.replace('drafts = "Mail/.Drafts"', f'drafts = "{target}"'))
    assert target in ws.config.read_text()
    with pytest.raises(
        ConfigError, match=rf"\[local\]\.drafts: the same folder as \[local\]\.{same}"
    ):
        load_settings(ws.config)


# --- 7. spoofing, tracebacks, LIKE, bidi, year 0001 -----------------------------------------


def test_a_from_with_several_addresses_is_not_the_helpers_answer(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a4", "Hi Dave,\n\nCould you present the results on Friday?\n", to=sc.DAVE)
    ws.cli("scan", now=sc.T1)
    reply = build_message(
        sender=sc.DAVE,
        to=ME,
        subject="Re: About a4",
        body="Sorry, I can't do this, I'm travelling.\n",
        date=sc.at("2026-11-03T10:00"),
        message_id="r4@evil.example",
        in_reply_to="a4@example.org",
    ).replace(
        b"From: Dave Evans <dave@example.org>",
        b"From: Dave <dave@example.org>, mallory@evil.example",
    )
    assert b"mallory@evil.example" in reply
    (ws.inbox / "cur" / "r4:2,S").write_bytes(reply)
    ws.cli("scan", now=sc.T2)
    assert ws.asks()["a4@example.org"]["state"] == "open"


@pytest.mark.parametrize("pattern", ["%", "_", "%%", "_____"])
def test_show_with_a_like_pattern_matches_no_ask(tmp_path: Path, pattern: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Could you review the deck by Friday?")
    assert run(ws, "scan")[0] == 0
    code, _, err = run(ws, "show", pattern)
    assert code == 6 and "no ask with id" in err


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308"])
def test_interval_minutes_must_be_a_real_interval(tmp_path: Path, value: str) -> None:
    ws = sc.LocalWorkspace(tmp_path, f"\n[daemon]\ninterval_minutes = {value}\n")
    code, _, err = run(ws, "scan")
    assert code == 2 and "[daemon].interval_minutes" in err and "Traceback" not in err


@pytest.mark.parametrize("now", ["9999-12-30", "0001-01-01T00:00"])
def test_a_now_out_of_range_is_a_usage_error(tmp_path: Path, now: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    code, _, err = run(ws, "scan", now=now)
    assert code == 6 and "--now" in err and err.count("\n") == 1


def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "a1", "Could you review the deck by Friday?")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(ws.drafts))

    with pytest.MonkeyPatch.context() as mp:
        from followthrough.backends.local.account import LocalAccount

        mp.setattr(LocalAccount, "save_draft", full)
        code, _, err = run(ws, "scan", now=sc.T3)
    assert code == 10 and "No space left on device" in err and "Traceback" not in err


def test_bidi_controls_are_stripped_from_names(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent(
        ws,
        "a1",
        "Could you review the deck by Friday?",
        to=("Bob \u202eecnaniF", "bob@example.org"),
    )
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    (draft,) = list((ws.drafts / "cur").iterdir())
    from email import message_from_bytes, policy

    to = str(message_from_bytes(draft.read_bytes(), policy=policy.default)["To"])
    assert to == "Bob ecnaniF <bob@example.org>"  # decoded: the encoded word hid nothing


@pytest.mark.parametrize("text", ["by January 1, 0001", "by 0001-01-01", "by 1/1/0001"])
def test_year_0001_is_not_2001(text: str) -> None:
    found = parse_deadline(text, datetime(2026, 11, 2, 10, tzinfo=UTC))
    assert found is None or found.due is None or found.due.year != 2001
    assert found is None or found.due is None


# --- 5. demo --dir -------------------------------------------------------------------------


def demo(target: Path) -> tuple[int, str]:
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--now", "2026-11-18T10:00", "demo", "--dir", str(target)], out=io.StringIO())
    return code, err.getvalue()


def test_demo_refuses_a_directory_with_a_config_and_mail_in_it(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    (target / "Mail" / "cur").mkdir(parents=True)
    mail = target / "Mail" / "cur" / "precious:2,S"
    mail.write_bytes(b"From: a@b\r\n\r\nmy real mail\r\n")
    (target / "config.toml").write_text("# my own config\n")
    code, err = demo(target)
    assert code == 6 and "not empty and was not made by `followthrough demo`" in err
    assert mail.read_bytes() == b"From: a@b\r\n\r\nmy real mail\r\n"
    assert (target / "config.toml").read_text() == "# my own config\n"


def test_demo_writes_into_an_empty_directory_and_again_into_its_own(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    target.mkdir()
    assert demo(target)[0] == 0
    assert (target / ".followthrough-demo").is_file()
    assert demo(target)[0] == 0  # its own marker: a re-run starts a clean demo


def test_demo_is_not_fooled_by_a_marker_link(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me\n")
    elsewhere = tmp_path / "marker"
    elsewhere.write_text(
        "This directory was made by `followthrough demo`; running the demo again here\n"
        "replaces its Mail, calendar and state.\n"
    )
    (target / ".followthrough-demo").symlink_to(elsewhere)
    assert demo(target)[0] == 6
    assert (target / "notes.txt").read_text() == "keep me\n"


def test_a_backend_error_on_a_message_does_not_mark_it_as_a_killer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only a pass killed while reading a message skips it next time; a server that went
    away (an error the pass reports) leaves the message to be read again."""
    from followthrough.errors import BackendError

    ws = sc.LocalWorkspace(tmp_path)
    sent(ws, "flaky", "Could you review the deck by Friday?")
    real = detect.detect_request

    def server_gone(text: str, *args: object, **kwargs: object) -> object:
        raise BackendError("the IMAP connection dropped", transient=True)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "detect_request", server_gone)
        assert run(ws, "scan")[0] == 3
    assert real is detect.detect_request
    assert run(ws, "scan")[0] == 0
    assert "flaky@example.org" in ws.asks()
    assert "a pass stopped while reading it" not in caplog.text
