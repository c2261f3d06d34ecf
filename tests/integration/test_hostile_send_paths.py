"""Never send without approval: every code path that can send is enumerated here.

The package's source is read (AST) for every call that can hand mail to the world:
smtplib, ``send_message``/``sendmail``, exchangelib's ``send``/``send_and_save``/
``SendItem``/``reply``/``forward``, our own ``deliver``/``send_approved``/
``approve_and_send``. The set found must equal the table below, in which each entry
says why it needs an approval. A new sending call fails this test until it is proved
and added. The proofs that the guarded functions really refuse follow.
"""

from __future__ import annotations

import ast
import io
import json
import sys
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest

import followthrough
from followthrough.cli.main import main
from followthrough.config.settings import load_settings
from followthrough.ledger import Ledger
from followthrough.outbox import approval
from followthrough.outbox import send as outbox
from followthrough.outbox.approval import SendRefusedError
from integration import scenario as sc

PACKAGE = Path(followthrough.__file__).parent

# Calls (by the called name) that send, or lead to a send.
SENDING = {
    "SMTP",
    "SMTP_SSL",
    "LMTP",
    "send_message",
    "sendmail",
    "send",
    "send_and_save",
    "SendItem",
    "reply",
    "reply_all",
    "forward",
    "create_forward",
    "deliver",
    "deliver_command",
    "send_approved",
    "approve_and_send",
}

# (module, function, called name) -> why it can only run with an approval.
EXPECTED = {
    ("outbox.smtp", "_connect", "SMTP_SSL"): "opens a session only; used by deliver and diagnose",
    ("outbox.smtp", "_connect", "SMTP"): "opens a session only; used by deliver and diagnose",
    ("outbox.smtp", "deliver", "send_message"): "only SmtpTransport.deliver calls smtp.deliver",
    ("outbox.send", "SmtpTransport.deliver", "deliver"): "only send_approved calls a transport",
    ("outbox.send", "SendmailTransport.deliver", "deliver_command"): "only send_approved calls it",
    ("outbox.send", "send_approved", "deliver"): "refuses without an approval of these bytes",
    ("outbox.send", "approve_and_send", "send_approved"): "the user's own 'send this' action",
    ("cli.drafts", "cmd_send", "approve_and_send"): "after the user's 'y' (or --yes)",
    ("outbox.review", "Review.send", "approve_and_send"): "after the user's (a)pprove or (e)dit",
    ("outbox.review", "Review.review_one", "send"): "Review.send, on the user's 'a' or 'e' answer",
}


@dataclass
class _Finder(ast.NodeVisitor):
    module: str
    found: set[tuple[str, str, str]] = field(default_factory=set)
    stack: list[str] = field(default_factory=list)

    def _scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = _scope
    visit_AsyncFunctionDef = _scope
    visit_ClassDef = _scope

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in SENDING:
            self.found.add((self.module, ".".join(self.stack) or "<module>", name))
        self.generic_visit(node)


def sending_calls() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        finder = _Finder(module)
        finder.visit(ast.parse(path.read_text(), str(path)))
        found |= finder.found
    return found


def test_every_code_path_that_can_send_is_known() -> None:
    found = sending_calls()
    unknown = sorted(found - set(EXPECTED))
    assert not unknown, (
        "a new code path can send mail: prove it needs the user's approval, then add it "
        f"to EXPECTED in {__file__}: {unknown}"
    )
    gone = sorted(set(EXPECTED) - found)
    assert not gone, f"EXPECTED lists calls that no longer exist (update the table): {gone}"


def test_only_smtp_imports_smtplib_and_exchange_never_names_a_send_method() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n.split(".")[0] == "smtplib" for n in names):
                assert relative == "outbox/smtp.py", f"{path} imports smtplib"
            if isinstance(node, ast.Attribute) and node.attr in (
                "send",
                "send_and_save",
                "reply",
                "reply_all",
                "forward",
                "create_forward",
            ):
                assert path.relative_to(PACKAGE).parts[0] != "backends", (
                    f"{path}:{node.lineno} names .{node.attr}"
                )


class _Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def deliver(self, message: EmailMessage) -> list[str]:
        self.sent.append(message)
        return ["bob@example.org"]


def _drafted(tmp_path: Path) -> tuple[sc.LocalWorkspace, Ledger, str, EmailMessage]:
    ws = sc.LocalWorkspace(tmp_path)
    ws.deliver(ws.sent, [m for m in sc.sent_at_start() if m.key == "a1"])
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    drafts = json.loads(ws.cli("drafts", "--json", now=sc.T3))
    assert len(drafts) == 1
    ledger = Ledger(load_settings(ws.config).ledger_path)
    followup = ledger.get_followup(drafts[0]["id"])
    assert followup.draft_path is not None
    from email import message_from_bytes
    from email.policy import SMTP

    draft = message_from_bytes(Path(followup.draft_path).read_bytes(), policy=SMTP)
    assert isinstance(draft, EmailMessage)
    return ws, ledger, followup.id, draft


def test_send_approved_refuses_without_an_approval_or_for_other_bytes(tmp_path: Path) -> None:
    _ws, ledger, fid, draft = _drafted(tmp_path)
    transport = _Recorder()
    now = sc.at(sc.T3)
    with pytest.raises(SendRefusedError, match="not approved"):
        outbox.send_approved(ledger, fid, draft, transport, now)
    approval.approve(ledger, fid, draft, "test", now)
    changed = approval.ready_to_send(draft, now)
    del changed["Subject"]
    changed["Subject"] = "something else"
    with pytest.raises(SendRefusedError, match="not the one you approved"):
        outbox.send_approved(ledger, fid, changed, transport, now)
    assert transport.sent == []
    report = outbox.send_approved(ledger, fid, draft, transport, now)
    assert report.accepted == ("bob@example.org",) and len(transport.sent) == 1
    # the same approval never sends twice
    assert outbox.send_approved(ledger, fid, draft, transport, now).already_sent
    assert len(transport.sent) == 1
    ledger.close()


def test_scans_and_the_daemon_never_send(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scans, digest drafts and every read-only command run with a transport that fails
    the test if used: only `send` and `review` may reach it."""

    def forbidden(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("something tried to send without the user's approval")

    monkeypatch.setattr("followthrough.outbox.smtp.deliver", forbidden)
    monkeypatch.setattr(outbox.SmtpTransport, "deliver", forbidden)
    ws = sc.local_scenario(tmp_path)
    for now in (sc.T1, sc.T2, sc.T3, sc.T4):
        ws.cli("scan", now=now)
    for command in (["asks"], ["drafts"], ["people"], ["status"], ["digest", "--draft"]):
        ws.cli(*command, now=sc.T4)
    # review answering skip/quit, and send answering no, send nothing either
    drafts = json.loads(ws.cli("drafts", "--json", now=sc.T4))
    assert drafts
    old = sys.stdin
    try:
        sys.stdin = io.StringIO("s\nq\n")
        assert main(["--config", str(ws.config), "--now", sc.T4, "review"], out=io.StringIO()) == 0
        sys.stdin = io.StringIO("n\n")
        code = main(["--config", str(ws.config), "--now", sc.T4, "send", drafts[0]["id"]])
        assert code != 0
    finally:
        sys.stdin = old
