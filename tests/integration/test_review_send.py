"""`followthrough review` and `followthrough send` against a real SMTP server (aiosmtpd).

Local Maildir account; the user's answers come on stdin and $EDITOR is a small script,
so the CLI runs exactly as a user would run it.
"""

from __future__ import annotations

import json
import stat
import sys
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, cast

import pytest

from followthrough.config.secrets import credential_name
from followthrough.config.settings import load_settings
from followthrough.ledger import Ledger
from followthrough.outbox import approval as approving
from followthrough.outbox import send as outbox
from integration import scenario as sc
from integration.smtp_sink import PASSWORD, USER, SmtpSink

pytestmark = pytest.mark.external_service

T_DRAFTS = "2026-11-09T10:00"  # a1's nudge and a2's check-in are due


class ReviewWorkspace(sc.LocalWorkspace):
    """A local Maildir account (no calendar) that sends through ``sink``; the user's
    answers come on ``stdin``."""

    def __init__(self, root: Path, sink: SmtpSink | None) -> None:
        super().__init__(root, sink.config() if sink else "", calendar=False)

    def cli(self, *args: str, stdin: str = "", now: str | None = T_DRAFTS, code: int = 0) -> str:
        got, out = self.run(*args, now=now, stdin=stdin)
        assert got == code, out
        return out

    def ledger(self) -> Ledger:
        return Ledger(self.ledger_path)

    def drafted(self) -> list[dict[str, Any]]:
        return cast(list[dict[str, Any]], json.loads(self.cli("drafts", "--json")))

    def draft_message(self, path: str) -> EmailMessage:
        return message_from_bytes(Path(path).read_bytes(), policy=policy.SMTP)  # type: ignore[return-value]

    def sent_files(self) -> list[Path]:
        return sorted((self.sent / "cur").iterdir())


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture
def credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SMTP password as a systemd credential (never in the config file)."""
    creds = tmp_path / "credentials"
    creds.mkdir()
    (creds / credential_name(f"{USER}@127.0.0.1")).write_text(PASSWORD + "\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))


def make_ws(root: Path, sink: SmtpSink | None) -> ReviewWorkspace:
    ws = ReviewWorkspace(root, sink)
    for m in sc.sent_at_start()[:2]:  # a1: request due Friday; a2: flagged, no date
        (ws.sent / "cur" / f"{m.key}:2,{'FS' if m.flagged else 'S'}").write_bytes(m.raw)
    ws.cli("scan", now="2026-11-02T17:00")
    ws.cli("scan")
    return ws


@pytest.fixture
def ws(tmp_path: Path, sink: SmtpSink, credentials: None) -> ReviewWorkspace:
    w = make_ws(tmp_path, sink)
    assert len(w.drafted()) == 2, w.drafted()
    return w


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, python: str) -> None:
    """$EDITOR: a script that runs ``python`` on the file's text (variable ``text``)."""
    script = tmp_path / "editor.py"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\n"
        "path = Path(sys.argv[1])\ntext = path.read_text()\n"
        f"{python}\npath.write_text(text)\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))


def test_approve_delivers_exactly_the_reviewed_message(ws: ReviewWorkspace, sink: SmtpSink) -> None:
    first = ws.drafted()[0]
    draft = ws.draft_message(first["path"])
    out = ws.cli("review", stdin="a\nq\n")

    assert f"Subject: {draft['Subject']}" in out
    assert "Why:" in out and first["kind"].replace("checkin", "check-in") in out
    assert f"sent {first['id']}" in out
    assert len(sink.received) == 1
    got = sink.received[0]
    assert sink.logins == [USER]
    assert got.message["Message-ID"] == draft["Message-ID"]
    assert got.message["Subject"] == draft["Subject"]
    assert [a.addr_spec for a in got.message["To"].addresses] == first["to"]
    assert sorted(got.rcpt_tos) == sorted(first["to"])
    assert got.body == approving.body_text(draft).replace("\r\n", "\n")
    assert got.message["Bcc"] is None

    ledger = ws.ledger()
    approval = ledger.approval(first["id"])
    assert approval is not None and approval.how == "review"
    assert approval.sha256 == got.sha256  # the approved bytes are the bytes that arrived
    assert approval.sent_at is not None and approval.result and "accepted" in approval.result
    assert ledger.get_followup(first["id"]).state == "sent"
    ledger.close()

    # the draft left Drafts; a copy sits in Sent, seen, and the next scan is not fooled
    assert not Path(first["path"]).exists()
    copies = [p for p in ws.sent_files() if p.name.endswith(":2,S") and "." in p.name[:12]]
    filed = [message_from_bytes(p.read_bytes()) for p in copies]
    assert [m["Message-ID"] for m in filed if m["Message-ID"] == draft["Message-ID"]]
    ws.cli("scan", now="2026-11-09T11:00")
    states = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert states[first["id"]] == "sent"
    assert len(sink.received) == 1


def test_edit_sends_the_edited_text(
    ws: ReviewWorkspace, sink: SmtpSink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(
        tmp_path,
        monkeypatch,
        "head, _, body = text.partition('\\n\\n')\n"
        "text = 'Subject: Quick question about the deck\\n\\n'"
        " + 'Hi, just checking in (edited by hand).\\n\\nAlex\\n'",
    )
    first = ws.drafted()[0]
    draft = ws.draft_message(first["path"])
    out = ws.cli("review", stdin="e\nq\n")
    assert f"sent {first['id']}" in out
    assert len(sink.received) == 1
    got = sink.received[0]
    assert got.body == "Hi, just checking in (edited by hand).\n\nAlex\n"
    assert got.message["Subject"] == "Quick question about the deck"
    assert got.message["Message-ID"] == draft["Message-ID"]  # the server can dedupe
    assert got.message["In-Reply-To"] == draft["In-Reply-To"]
    assert sorted(got.rcpt_tos) == sorted(first["to"])
    ledger = ws.ledger()
    approval = ledger.approval(first["id"])
    assert approval is not None and approval.how == "review-edit"
    assert approval.sha256 == got.sha256
    assert ledger.get_followup(first["id"]).state == "edited"
    ledger.close()


@pytest.mark.parametrize("header", ["Bcc: eve@evil.example", "Cc: eve@evil.example", "To: x@y.z"])
def test_edit_that_adds_a_recipient_is_refused(
    ws: ReviewWorkspace,
    sink: SmtpSink,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    header: str,
) -> None:
    editor(tmp_path, monkeypatch, f"text = {header + chr(10)!r} + text")
    first = ws.drafted()[0]
    out = ws.cli("review", stdin="e\ns\ns\n")
    assert "refused" in out and "recipients cannot be changed" in out
    assert sink.received == []
    ledger = ws.ledger()
    assert ledger.approval(first["id"]) is None
    assert ledger.get_followup(first["id"]).state == "drafted"
    ledger.close()
    assert Path(first["path"]).exists()


def test_skip_and_delete_send_nothing(ws: ReviewWorkspace, sink: SmtpSink) -> None:
    skipped, deleted = ws.drafted()
    out = ws.cli("review", stdin="s\nd\n")
    assert f"deleted {deleted['id']}" in out
    assert "0 sent, 1 deleted, 1 left waiting" in out
    assert sink.received == []
    assert Path(skipped["path"]).exists()
    assert not Path(deleted["path"]).exists()
    ws.cli("scan", now="2026-11-10T10:00")
    states = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert states[skipped["id"]] == "drafted"
    assert states[deleted["id"]] == "deleted"  # and never drafted again
    assert len([p for p in (ws.drafts / "cur").iterdir()]) == 1
    ledger = ws.ledger()
    assert ledger.approvals() == []
    ledger.close()


def test_without_smtp_review_still_deletes_but_refuses_to_send(tmp_path: Path) -> None:
    ws = make_ws(tmp_path, None)
    first, second = ws.drafted()
    out = ws.cli("review", stdin="a\ns\nd\n")
    assert "sending needs an SMTP server" in out
    assert "[account.smtp]" in out
    assert f"deleted {second['id']}" in out
    ledger = ws.ledger()
    assert ledger.approvals() == []
    assert ledger.get_followup(first["id"]).state == "drafted"
    ledger.close()
    ws.cli("send", first["id"], "--yes", code=2)


def test_send_command_confirms_then_sends(ws: ReviewWorkspace, sink: SmtpSink) -> None:
    first, second = ws.drafted()
    out = ws.cli("send", first["id"], stdin="n\n", code=1)
    assert "nothing sent" in out and sink.received == []
    out = ws.cli("send", first["id"], stdin="y\n")
    assert len(sink.received) == 1
    out = ws.cli("send", second["id"], "--yes")
    assert len(sink.received) == 2
    ledger = ws.ledger()
    assert {a.how for a in ledger.approvals()} == {"send-command"}
    assert {ledger.get_followup(d["id"]).state for d in (first, second)} == {"sent"}
    ledger.close()
    # a sent follow-up is not sent again
    ws.cli("send", first["id"], "--yes", code=6)
    assert len(sink.received) == 2


def test_a_crash_never_leads_to_a_double_send(ws: ReviewWorkspace, sink: SmtpSink) -> None:
    first, second = ws.drafted()
    settings = load_settings(ws.config)
    ledger = ws.ledger()
    followup = ledger.get_followup(first["id"])
    message = approving.ready_to_send(ws.draft_message(first["path"]), sc.at(T_DRAFTS))

    # no approval, or an approval of other bytes: refused, nothing sent
    transport = outbox.open_transport(settings)
    with pytest.raises(approving.SendRefusedError, match="not approved"):
        outbox.send_approved(ledger, followup.id, message, transport, sc.at(T_DRAFTS))
    approving.approve(ledger, followup.id, message, "review", sc.at(T_DRAFTS))
    changed = approving.apply_edit(message, "Subject: other\n\nsomething else\n")
    with pytest.raises(approving.SendRefusedError, match="not the one you approved"):
        outbox.send_approved(ledger, followup.id, changed, transport, sc.at(T_DRAFTS))
    assert sink.received == []

    # killed after the approval was committed, before sending: the retry sends once
    ledger.close()
    ws.cli("send", first["id"], "--yes")
    assert len(sink.received) == 1
    ws.cli("send", first["id"], "--yes", code=6)  # sent_at is set: refused
    assert len(sink.received) == 1

    # killed while handing the message over ("sending" committed, no result):
    # the next attempt refuses, naming the Message-ID; --resend sends it
    ledger = ws.ledger()
    message = approving.ready_to_send(ws.draft_message(second["path"]), sc.at(T_DRAFTS))
    approving.approve(ledger, second["id"], message, "review", sc.at(T_DRAFTS))
    ledger.record_send_attempt(second["id"], "smtp:test")
    ledger.close()
    ws.cli("send", second["id"], "--yes", code=8)
    assert len(sink.received) == 1
    ws.cli("send", second["id"], "--yes", "--resend")
    assert len(sink.received) == 2
    assert sink.received[1].message["Message-ID"] == message["Message-ID"]


def test_only_the_outbox_hands_mail_to_smtp() -> None:
    root = Path(outbox.__file__).parent.parent  # the followthrough package
    callers = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if ("deliver(" in p.read_text() or "send_message(" in p.read_text())
        and p.relative_to(root).as_posix() not in ("outbox/send.py", "outbox/smtp.py")
    )
    assert callers == []
    text = Path(outbox.__file__).read_text()
    assert text.count(".deliver(") == 2  # SmtpTransport.deliver, and send_approved's one call


def test_a_newer_step_replaces_the_stale_unsent_draft(tmp_path: Path) -> None:
    ws = ReviewWorkspace(tmp_path, None)
    ask = sc.message(
        sender=sc.ME,
        to=sc.BOB,
        subject="Budget review",
        date="2026-11-02T10:00",
        message_id="budget@example.org",
        body="Hi Bob,\n\nCould you review the budget by Friday 13 November?\n\nAlex\n",
    )
    (ws.sent / "cur" / "budget:2,FS").write_bytes(ask)
    ws.cli("scan", now="2026-11-02T12:00")
    ws.cli("scan", now="2026-11-09T10:00")  # half-way: a check-in
    (checkin,) = ws.drafted()
    assert checkin["kind"] == "checkin"
    # the check-in sits unsent past the due date: the nudge replaces it
    ws.cli("scan", now="2026-11-17T10:00")
    (nudge,) = ws.drafted()
    assert nudge["kind"] == "nudge"
    assert not Path(checkin["path"]).exists()
    assert len(list((ws.drafts / "cur").iterdir())) == 1
    states = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert states[checkin["id"]] == "replaced"
    # the nudge is not replaced by itself, and the check-in is never drafted again
    ws.cli("scan", now="2026-11-18T10:00")
    assert [d["id"] for d in ws.drafted()] == [nudge["id"]]
