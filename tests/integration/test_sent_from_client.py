"""Issue 18, point 5: drafts the user sends from their own mail client. Nothing in a
draft tells the recipient a tool wrote it; the sent copy is recognised by its
Message-ID, or by thread, recipients and text when the client gave it a new one; an
edited send is "sent (edited)", never "deleted"; a thank-you counts once sent."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from integration.scenario import BOB, ME, LocalWorkspace, message
from workspace import Mail


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    return LocalWorkspace(tmp_path)


def ask_and_delivery(ws: LocalWorkspace) -> str:
    ws.deliver(
        ws.sent,
        [
            Mail(
                "ask1",
                message(
                    sender=ME,
                    to=BOB,
                    subject="Q3 deck",
                    date="2026-11-02T10:00",
                    message_id="ask1@example.org",
                    body="Hi Bob,\n\nCould you review the Q3 deck by Friday?\n\nAlex\n",
                ),
            )
        ],
    )
    ws.cli("scan", now="2026-11-02T17:00")
    done = message(
        sender=BOB,
        to=ME,
        subject="Re: Q3 deck",
        date="2026-11-03T09:00",
        message_id="done@example.org",
        in_reply_to="ask1@example.org",
        body="Here it is, attached: my comments on the deck.\n\nBob\n",
        attachment="deck-comments.pdf",
    )
    ws.deliver(ws.inbox, [Mail("done", done)])
    ws.cli("scan", now="2026-11-03T10:00")
    [ask] = ws.asks().values()
    assert ask["state"] == "delivered"
    return str(ask["id"])


def the_draft(ws: LocalWorkspace) -> tuple[Path, EmailMessage]:
    [path] = (ws.drafts / "cur").iterdir()
    return path, message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def send_from_client(ws: LocalWorkspace, draft: EmailMessage, body: str, *, new_id: bool) -> None:
    """What a mail client puts in Sent: its own headers, maybe a new Message-ID, no
    header it does not know, and the text as the user left it (a quote under it)."""
    sent = EmailMessage()
    sent["From"] = draft["From"]
    sent["To"] = draft["To"]
    sent["Subject"] = draft["Subject"]
    sent["Date"] = "Tue, 03 Nov 2026 11:00:00 +0100"
    sent["Message-ID"] = "<client-1234@mail.example.org>" if new_id else draft["Message-ID"]
    sent["In-Reply-To"] = draft["In-Reply-To"]
    sent["References"] = draft["References"]
    sent["User-Agent"] = "SomeMailer/1.0"
    sent.set_content(body + "\nOn Tue, Bob wrote:\n> Here it is, attached.\n")
    ws.deliver(ws.sent, [Mail("sent-draft", sent.as_bytes())])


def followup_line(ws: LocalWorkspace, ask_id: str) -> str:
    shown = ws.cli("show", ask_id, now="2026-11-03T12:00")
    [line] = [x for x in shown.splitlines() if "follow-up" in x and "-thanks" in x]
    return line.partition(": ")[2].split("  ")[0]  # the state, without the draft's path


def test_a_draft_reveals_nothing_to_the_recipient(ws: LocalWorkspace) -> None:
    ask_and_delivery(ws)
    _, draft = the_draft(ws)
    assert [k for k in draft if k.lower().startswith("x-")] == []
    mid = str(draft["Message-ID"]).strip("<>")
    assert re.fullmatch(r"[0-9a-f]{32}@example\.org", mid), mid


def test_marker_headers_are_an_option(tmp_path: Path) -> None:
    ws = LocalWorkspace(tmp_path, "\n[templates]\nmarker_headers = true\n")
    ask_id = ask_and_delivery(ws)
    _, draft = the_draft(ws)
    assert draft["X-Followthrough-Ask"] == ask_id
    assert draft["X-Followthrough-Followup"] == f"{ask_id}-thanks"


@pytest.mark.parametrize("new_id", [False, True], ids=["same-id", "new-id"])
def test_a_draft_sent_unchanged_is_sent(ws: LocalWorkspace, new_id: bool) -> None:
    ask_id = ask_and_delivery(ws)
    path, draft = the_draft(ws)
    path.unlink()  # the client moved it out of Drafts when sending
    send_from_client(ws, draft, draft.get_content(), new_id=new_id)
    ws.cli("scan", now="2026-11-03T12:00")
    assert followup_line(ws, ask_id) == "sent"


def test_a_draft_edited_and_sent_with_a_new_message_id_is_sent_edited(ws: LocalWorkspace) -> None:
    ask_id = ask_and_delivery(ws)
    path, draft = the_draft(ws)
    text = draft.get_content()
    edited = text.replace("Hi Bob,", "Hi Bob!\n\nThat was quick.", 1) + "\nPS: lunch on me.\n"
    path.unlink()
    send_from_client(ws, draft, edited, new_id=True)
    ws.cli("scan", now="2026-11-03T12:00")
    assert followup_line(ws, ask_id) == "sent (edited)"
    # and it stays so: never "deleted" in a later pass
    ws.cli("scan", now="2026-11-04T12:00")
    assert followup_line(ws, ask_id) == "sent (edited)"


def test_a_sent_copy_read_after_the_draft_was_missed_is_still_sent_edited(
    ws: LocalWorkspace,
) -> None:
    """The Sent copy syncs after the pass that saw the draft gone from Drafts."""
    ask_id = ask_and_delivery(ws)
    path, draft = the_draft(ws)
    path.unlink()
    ws.cli("scan", now="2026-11-03T11:30")
    assert followup_line(ws, ask_id) == "deleted"
    send_from_client(ws, draft, draft.get_content() + "\nCheers!\n", new_id=True)
    ws.cli("scan", now="2026-11-03T12:00")
    assert followup_line(ws, ask_id) == "sent (edited)"


def test_another_mail_in_the_thread_is_not_the_draft(ws: LocalWorkspace) -> None:
    ask_id = ask_and_delivery(ws)
    _, draft = the_draft(ws)
    send_from_client(ws, draft, "Got it, will read tonight.\n\nAlex\n", new_id=True)
    ws.cli("scan", now="2026-11-03T12:00")
    assert followup_line(ws, ask_id) == "drafted"


def test_a_thank_you_counts_only_once_sent(ws: LocalWorkspace) -> None:
    import json

    ask_and_delivery(ws)
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert people["bob@example.org"]["last_thanked"] is None  # drafted, not sent
    path, draft = the_draft(ws)
    path.unlink()
    send_from_client(ws, draft, draft.get_content() + "\nCheers!\n", new_id=True)
    ws.cli("scan", now="2026-11-03T12:00")
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert people["bob@example.org"]["last_thanked"] is not None
