"""`followthrough send` and `review` with the Microsoft 365 backend: the draft is read
back from Outlook's Drafts (as MIME), sent over SMTP (aiosmtpd here), then moved to
Deleted Items; or deleted in review. Graph's own send is never called."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from followthrough.cli.main import main
from followthrough.config.secrets import credential_name
from integration import scenario as sc
from integration.fake_graph import FakeGraph
from integration.graph_support import GraphWorkspace
from integration.smtp_sink import PASSWORD, USER, SmtpSink

pytestmark = pytest.mark.external_service


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


def cli(ws: GraphWorkspace, *args: str, stdin: str = "", code: int = 0) -> str:
    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        got = main(["--config", str(ws.config), "--now", sc.T1, *args], out=out)
    finally:
        sys.stdin = old
    assert got == code, out.getvalue()
    return out.getvalue()


def test_send_reads_the_draft_from_outlook_sends_by_smtp_and_removes_it(
    tmp_path: Path, sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    creds = tmp_path / "credentials"
    creds.mkdir()
    (creds / credential_name(f"{USER}@127.0.0.1")).write_text(PASSWORD + "\n")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    fake = FakeGraph(user="alex@example.org")
    ws = GraphWorkspace(tmp_path / "ws", fake, monkeypatch, extra=sink.config())
    ws.cli("scan", now=sc.T1)
    [drafted] = json.loads(ws.cli("drafts", "--json"))
    draft = ws.drafts()[drafted["id"]]
    draft.text += "PS: edited in Outlook.\n"  # the user touched it up before sending

    cli(ws, "send", drafted["id"], "--yes")
    [received] = sink.received
    assert received.message["Message-ID"] == draft.internet_id  # the draft as it was
    assert "PS: edited in Outlook." in received.body
    assert fake.messages[draft.id].folder == "deleteditems"
    assert json.loads(ws.cli("drafts", "--json", "--all"))[0]["state"] == "sent"
    assert fake.refused == []
    assert not [r for r in fake.log if r.url.path.endswith(("/send", "/sendMail"))]


def test_review_without_smtp_can_delete_a_draft_in_outlook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeGraph(user="alex@example.org")
    ws = GraphWorkspace(tmp_path, fake, monkeypatch)
    ws.cli("scan", now=sc.T1)
    [drafted] = json.loads(ws.cli("drafts", "--json"))
    ref = ws.drafts()[drafted["id"]].id
    out = cli(ws, "review", stdin="d\n")
    assert "sending needs an SMTP server" in out
    assert fake.messages[ref].folder == "deleteditems"
    assert ws.draft_ids() == set()
    out = ws.cli("scan", now=sc.T1)
    assert "0 drafts written" in out  # a deleted step is never drafted again
