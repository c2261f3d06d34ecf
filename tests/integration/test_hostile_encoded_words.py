"""Header injection through RFC 2047 encoded words (issue 13, item 1).

The email package decodes an encoded word when a header is set; one whose decoded text
holds CR LF used to come out as real header lines (CVE-2024-6923 on older Pythons, and
followthrough must not rely on the standard library stopping it). The text reaches a
draft's headers through a calendar title, an attendee's CN, the Subject of the user's
sent ask and a display name: each is tried here, through a real scan, and the draft files
are checked line by line.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from followthrough.engine import compose as compose
from followthrough.engine.compose import Rendered, build_draft, check_flattened, clean_line
from followthrough.errors import TemplateError
from followthrough.model import Address
from integration import scenario as sc
from integration.test_hostile_headers import EVIL, check_draft, drafts, raw_message

INJECT = f"x\r\nReply-To: {EVIL}\r\nBcc: spy@attacker.example"
WORD = "=?utf-8?q?" + "".join(f"={b:02X}" for b in INJECT.encode()) + "?="


def b64(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def tagged_entry(summary: str, attendee: str) -> str:
    """A tagged entry the user organised, done, with an outcome: drafted at once."""
    return sc.ics(
        "inj@tests",
        "2026-11-02T09:00",
        summary,
        "Outcome: it went well #done",
        f"ORGANIZER;CN=Alex Morgan:mailto:alex@example.org\r\n{attendee}",
    )


def scan_calendar(tmp_path: Path, entry: str) -> list[bytes]:
    ws = sc.LocalWorkspace(tmp_path)
    (ws.root / "calendar" / "inj.ics").write_text(entry)
    ws.cli("scan", now=sc.T1)
    return drafts(ws)


def test_injection_through_a_calendar_title(tmp_path: Path) -> None:
    found = scan_calendar(
        tmp_path,
        tagged_entry(f"Budget {WORD} #ask", "ATTENDEE;CN=Grace Lee:mailto:grace@example.org\r\n"),
    )
    assert len(found) == 1, "the outcome mail was not drafted"
    check_draft(found[0], "grace@example.org")
    assert not any(
        line.lower().startswith((b"reply-to:", b"bcc:")) for line in found[0].splitlines()
    )


def test_injection_through_an_attendee_cn(tmp_path: Path) -> None:
    found = scan_calendar(
        tmp_path,
        tagged_entry("Budget review #ask", f'ATTENDEE;CN="{WORD}":mailto:grace@example.org\r\n'),
    )
    assert len(found) == 1
    check_draft(found[0], "grace@example.org")


def sent_ask(ws: sc.LocalWorkspace, *, subject: str, to: str) -> None:
    (ws.sent / "cur" / "ask:2,S").write_bytes(
        raw_message(
            sender="Alex Morgan <alex@example.org>",
            to=to,
            subject=subject,
            message_id="<ask1@example.org>",
            date="Mon, 02 Nov 2026 10:00:00 +0100",
            body="Hi Bob,\r\n\r\nCould you review the Q3 deck by Friday?\r\n\r\nAlex\r\n",
        )
    )


@pytest.mark.parametrize(
    "subject",
    [
        f"Budget {b64(WORD)}",  # an encoded word that decodes to an encoded word
        f"Budget {b64('Deck ' + b64(b64(INJECT)))}",  # three deep
        f"Budget {b64('=?utf-8?q?x=0D=0ABcc:_' + EVIL + '?=')}",
    ],
)
def test_injection_through_the_subject_of_a_sent_ask(tmp_path: Path, subject: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent_ask(ws, subject=subject, to="Bob Chen <bob@example.org>")
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    found = drafts(ws)
    assert len(found) == 1, "the nudge was not drafted"
    check_draft(found[0], "bob@example.org")


def test_injection_through_a_display_name(tmp_path: Path) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    sent_ask(ws, subject="Q3 deck", to=f"{b64(WORD)} <bob@example.org>")
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    found = drafts(ws)
    assert len(found) == 1
    check_draft(found[0], "bob@example.org")


def test_clean_line_leaves_no_encoded_word_and_keeps_real_text() -> None:
    assert clean_line(f"Budget {WORD}") == (f"Budget x Reply-To: {EVIL} Bcc: spy@attacker.example")
    assert "=?" not in clean_line(b64(b64(b64(b64(b64(b64(INJECT)))))))
    assert clean_line("Caf=?iso-8859-1?q?=E9?= and Café") == "Café and Café"
    assert clean_line("Bob \u202eFIXME\u2066 Chen") == "Bob FIXME Chen"


def test_a_header_broken_after_flattening_is_refused_naming_the_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Defence in depth: were the cleaning to miss something, the written-out draft is
    checked and refused, with the ask named."""
    monkeypatch.setattr(compose, "clean_line", lambda text, limit=200: text)
    with pytest.raises(TemplateError, match="ask a7"):
        build_draft(
            sender=Address("alex@example.org", "Alex"),
            to=[Address("bob@example.org", "Bob")],
            rendered=Rendered(f"Following up: {WORD}", "Hi\n", "nudge.txt.j2"),
            ask_id="a7",
            followup_id="a7-nudge",
            now=datetime(2026, 11, 9, 9, tzinfo=UTC),
        )


def test_the_flattened_check_sees_an_extra_header_line() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["To"] = "bob@example.org"
    msg["Subject"] = f"Budget {WORD}"  # set raw: the email package decodes it
    with pytest.raises(TemplateError, match="ask a1"):
        check_flattened(msg, "a1")
