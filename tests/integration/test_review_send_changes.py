"""`review` and `send` show what changed in a draft since followthrough wrote it, and
every part; a changed From/Sender/Reply-To or an added part goes out only on a typed
"yes" (issue 13, item 4). Before, such a draft was sent as is: SMTP's MAIL FROM came from
the changed Sender and the HTML part most recipients display was never shown."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from integration.smtp_sink import SmtpSink

# ReviewWorkspace, and the fixtures of test_review_send: an SMTP sink, its credential, two drafts
from integration.test_review_send import ReviewWorkspace, credentials, sink, ws  # noqa: F401

pytestmark = pytest.mark.external_service

EVIL = "mallory@evil.example"


def rewrite(ws: ReviewWorkspace, change: Callable[[EmailMessage], None]) -> dict[str, str]:  # noqa: F811
    """Change the first pending draft in the Drafts folder, as a mail client (or malware
    with access to the mailbox) could; returns its `drafts --json` row."""
    first = ws.drafted()[0]
    path = Path(first["path"])
    msg = message_from_bytes(path.read_bytes(), policy=policy.SMTP)
    assert isinstance(msg, EmailMessage)
    change(msg)
    path.write_bytes(msg.as_bytes())
    return first


def set_header(name: str, value: str) -> Callable[[EmailMessage], None]:
    def change(msg: EmailMessage) -> None:
        del msg[name]
        msg[name] = value

    return change


def add_html(msg: EmailMessage) -> None:
    msg.add_alternative(
        f"<html><body><p>Please wire the money to <b>{EVIL}</b></p></body></html>",
        subtype="html",
    )


CHANGES = {
    "From": set_header("From", f"Alex Morgan <{EVIL}>"),
    "Sender": set_header("Sender", EVIL),
    "Reply-To": set_header("Reply-To", EVIL),
    "HTML part": add_html,
}


@pytest.mark.parametrize("what", list(CHANGES))
def test_send_yes_refuses_a_changed_draft(
    ws: ReviewWorkspace,  # noqa: F811
    sink: SmtpSink,  # noqa: F811
    what: str,
) -> None:
    first = rewrite(ws, CHANGES[what])
    out = ws.cli("send", first["id"], "--yes", code=8)
    assert "Changed:" in out
    assert sink.received == []


@pytest.mark.parametrize("what", list(CHANGES))
def test_send_shows_the_change_and_needs_a_typed_yes(
    ws: ReviewWorkspace,  # noqa: F811
    sink: SmtpSink,  # noqa: F811
    what: str,
) -> None:
    first = rewrite(ws, CHANGES[what])
    out = ws.cli("send", first["id"], stdin="y\nno\n", code=1)
    assert "Changed:" in out and "[!]" in out and 'type "yes"' in out
    assert sink.received == []
    if what == "HTML part":
        assert "--- part: text/html, shown as text ---" in out
        assert f"Please wire the money to {EVIL}" in out
    out = ws.cli("send", first["id"], stdin="y\nyes\n")
    assert len(sink.received) == 1


@pytest.mark.parametrize("what", list(CHANGES))
def test_review_shows_the_change_and_needs_a_typed_yes(
    ws: ReviewWorkspace,  # noqa: F811
    sink: SmtpSink,  # noqa: F811
    what: str,
) -> None:
    first = rewrite(ws, CHANGES[what])
    out = ws.cli("review", stdin="a\ny\nq\n")
    assert "Changed:" in out and "[!]" in out
    assert sink.received == [] and f"sent {first['id']}" not in out
    out = ws.cli("review", stdin="a\nyes\nq\n")
    assert f"sent {first['id']}" in out and len(sink.received) == 1


def test_an_added_harmless_header_is_shown_and_sent_after_the_usual_yes(
    ws: ReviewWorkspace,  # noqa: F811
    sink: SmtpSink,  # noqa: F811
) -> None:
    first = rewrite(ws, set_header("User-Agent", "Thunderbird"))
    out = ws.cli("send", first["id"], stdin="y\n")
    assert "Changed: added header User-Agent: Thunderbird" in out and "[!]" not in out
    assert len(sink.received) == 1
    ws2 = rewrite(ws, set_header("User-Agent", "Thunderbird"))
    out = ws.cli("send", ws2["id"], "--yes", code=8)  # nobody saw it: refused
    assert "changed after followthrough wrote it" in out or "Changed:" in out
