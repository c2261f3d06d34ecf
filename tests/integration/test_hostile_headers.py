"""Header injection: names, subjects, ids and addresses from mail can never add a header
or a recipient to a draft.

Crafted messages go INTO a real scan over a local Maildir: as the user's own sent ask
(hostile recipient names, subject, Message-ID) and as the helper's reply (hostile From
name, subject, ids). The assertions are on the draft files the scan writes.
"""

from __future__ import annotations

import base64
import re
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path

import pytest

from integration import scenario as sc

EVIL = "evil@attacker.example"
ALLOWED_HEADERS = {
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "x-followthrough-ask",
    "x-followthrough-followup",
    "content-type",
    "content-transfer-encoding",
    "mime-version",
}


def b64(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def q(text: str) -> str:
    return "=?utf-8?q?" + "".join(f"={b:02X}" for b in text.encode()) + "?="


# (recipient display name as written in the raw To: header, subject as written)
HOSTILE_NAMES = [
    q(f"Bob\r\nBcc: {EVIL}"),
    b64(f"Bob\r\nBcc: {EVIL}\r\n"),
    b64(f"Bob\nCc: {EVIL}"),
    b64(f"Bob\u2028Bcc: {EVIL}"),
    b64(f"Bob\u2029Bcc: {EVIL}"),
    b64(f"Bob\u0085Bcc: {EVIL}"),
    b64(f"Bob\x00Bcc: {EVIL}"),
    b64(f"Eve <{EVIL}>, Bob"),
    b64(f'"Bob" <{EVIL}>,'),
    f'"Bob, {EVIL}"',
    f'"Bob <{EVIL}>"',
    f'"Bob\\", {EVIL}, \\"x"',
    "B" * 5000,
    b64("Bob " + "\u202e" * 10 + "x" * 3000),
]
HOSTILE_SUBJECTS = [
    q(f"Deck\r\nBcc: {EVIL}"),
    b64(f"Deck\r\n\r\nInjected body\r\nBcc: {EVIL}"),
    b64(f"Deck\u2028To: {EVIL}"),
    b64(f"Deck\x00\x0bCc: {EVIL}"),
    "Deck " + "x" * 20000,
]


def raw_message(
    *,
    sender: str,
    to: str,
    subject: str,
    message_id: str,
    date: str,
    body: str,
    in_reply_to: str | None = None,
) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {date}",
        f"Message-ID: {message_id}",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode("utf-8")


def check_draft(data: bytes, helper: str) -> None:
    """The draft has only our headers, one recipient (the helper), no smuggled lines."""
    head = data.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    for line in re.split(rb"\r?\n", head):
        assert line[:1] in (b" ", b"\t") or line.split(b":", 1)[0].lower().decode() in (
            ALLOWED_HEADERS
        ), f"unexpected header line in draft: {line[:120]!r}"
    assert b"\x00" not in data and "\u2028".encode() not in head
    for pol in (policy.compat32, policy.default):
        msg = message_from_bytes(data, policy=pol)
        names = {k.lower() for k in msg}
        assert names <= ALLOWED_HEADERS, names - ALLOWED_HEADERS
        for header in ("to", "cc", "from", "subject"):
            assert len(msg.get_all(header) or []) <= 1, header
        rcpts = [a.lower() for _, a in getaddresses([str(v) for v in msg.get_all("to") or []])]
        rcpts += [a.lower() for _, a in getaddresses([str(v) for v in msg.get_all("cc") or []])]
        assert rcpts == [helper], rcpts
        assert msg.get_all("bcc") is None
        # folded (CRLF + space) is one line; text like "Bcc: x" inside it is harmless
        subject = re.sub(r"\r?\n[ \t]", " ", str(msg.get("subject", "")))
        assert "\n" not in subject and "\r" not in subject, subject


def drafts(ws: sc.LocalWorkspace) -> list[bytes]:
    return [p.read_bytes() for p in sorted((ws.drafts / "cur").iterdir())]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_recipient_name_in_the_users_own_ask(tmp_path: Path, name: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    (ws.sent / "cur" / "ask:2,S").write_bytes(
        raw_message(
            sender="Alex Morgan <alex@example.org>",
            to=f"{name} <bob@example.org>",
            subject="Q3 deck",
            message_id="<ask1@example.org>",
            date="Mon, 02 Nov 2026 10:00:00 +0100",
            body="Hi Bob,\r\n\r\nCould you review the Q3 deck by Friday?\r\n\r\nAlex\r\n",
        )
    )
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    found = drafts(ws)
    assert len(found) == 1, "the ask was not followed up"
    check_draft(found[0], "bob@example.org")


@pytest.mark.parametrize("subject", HOSTILE_SUBJECTS)
def test_hostile_subject_and_ids_in_the_users_own_ask(tmp_path: Path, subject: str) -> None:
    ws = sc.LocalWorkspace(tmp_path)
    (ws.sent / "cur" / "ask:2,FS").write_bytes(
        raw_message(
            sender="Alex Morgan <alex@example.org>",
            to="Bob Chen <bob@example.org>",
            subject=subject,
            message_id=f"<ask1@example.org>\r\n\tBcc: {EVIL}",
            date="Mon, 02 Nov 2026 10:00:00 +0100",
            body="Hi Bob,\r\n\r\nCould you review the Q3 deck by Friday?\r\n\r\nAlex\r\n",
        )
    )
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    found = drafts(ws)
    assert len(found) == 1
    check_draft(found[0], "bob@example.org")


@pytest.mark.parametrize(
    ("sender_name", "subject", "ids"),
    [
        (HOSTILE_NAMES[0], HOSTILE_SUBJECTS[0], f"<r1@example.org>\r\n Bcc: {EVIL}"),
        (HOSTILE_NAMES[7], HOSTILE_SUBJECTS[1], f"<r1@x>, <{EVIL}>"),
        (HOSTILE_NAMES[9], HOSTILE_SUBJECTS[2], "<r1@x\u2028Bcc:evil@attacker.example>"),
        (HOSTILE_NAMES[3], HOSTILE_SUBJECTS[3], "<r1@x\x00>"),
    ],
)
def test_hostile_reply_from_the_helper(
    tmp_path: Path, sender_name: str, subject: str, ids: str
) -> None:
    """The helper's reply delivers (thank-you draft): nothing in it reaches the draft's
    headers, and the reply goes to the helper of the ask, never to the reply's From."""
    ws = sc.LocalWorkspace(tmp_path)
    (ws.sent / "cur" / "ask:2,S").write_bytes(
        raw_message(
            sender="Alex Morgan <alex@example.org>",
            to="Dave Evans <dave@example.org>",
            subject="Onboarding checklist",
            message_id="<a3@example.org>",
            date="Mon, 02 Nov 2026 12:00:00 +0100",
            body="Hi Dave,\r\n\r\nCan you send me the onboarding checklist by Thursday?\r\n",
        )
    )
    ws.cli("scan", now=sc.T1)
    (ws.inbox / "cur" / "reply:2,S").write_bytes(
        raw_message(
            sender=f"{sender_name} <dave@example.org>",
            to="alex@example.org",
            subject=subject,
            message_id=ids,
            date="Wed, 04 Nov 2026 15:00:00 +0100",
            body="Hi Alex,\r\n\r\nHere it is, attached: the checklist you asked for.\r\n",
            in_reply_to=f"<a3@example.org> {ids}",
        )
    )
    ws.cli("scan", now=sc.T2)
    found = drafts(ws)
    assert found, "no thank-you drafted"
    for data in found:
        check_draft(data, "dave@example.org")


@pytest.mark.parametrize(
    "bad",
    [
        b"To: bob@example.org\r\nBcc: evil@attacker.example\r\nSubject: x\r\n\r\nbody\r\n",
        b"To: bob@example.org, evil@attacker.example\r\nSubject: x\r\n\r\nbody\r\n",
        b"To: bob@example.org\r\nSubject: x\r\nX-Evil: 1\r\n\r\nbody\r\n",
    ],
)
def test_the_draft_check_catches_an_injected_header_or_recipient(bad: bytes) -> None:
    with pytest.raises(AssertionError):
        check_draft(bad, "bob@example.org")
