"""Issue 18, point 1: a person's reply through a mailing list is an answer; a machine's
reply (it says so) never is; newsletters and list traffic never count as someone
asking the user for something."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration.scenario import BOB, CAROL, ME, LocalWorkspace, message
from workspace import Mail


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    return LocalWorkspace(tmp_path)


def ask(to: tuple[str, str] = BOB) -> Mail:
    return Mail(
        "ask1",
        message(
            sender=ME,
            to=to,
            cc=("Team", "team@lists.example.org") if to == BOB else None,
            subject="Q3 deck",
            date="2026-11-02T10:00",
            message_id="ask1@example.org",
            body="Hi Bob,\n\nCould you review the Q3 deck by Friday?\n\nAlex\n",
        ),
    )


def with_headers(raw: bytes, headers: str) -> bytes:
    return headers.encode() + b"\n" + raw


def reply(key: str, body: str, *, sender: tuple[str, str] = BOB) -> bytes:
    return message(
        sender=sender,
        to=("Team", "team@lists.example.org"),
        subject="Re: [team] Q3 deck",
        date="2026-11-03T09:00",
        message_id=f"{key}@example.org",
        in_reply_to="ask1@example.org",
        body=body,
    )


MAILMAN = (
    "List-Id: Team <team.lists.example.org>\nPrecedence: list\n"
    "List-Post: <mailto:team@lists.example.org>\nX-Mailman-Version: 2.1.39\n"
    "List-Unsubscribe: <mailto:team-request@lists.example.org?subject=unsubscribe>"
)
GOOGLE_GROUPS = (
    "Mailing-list: list team@googlegroups.com; contact team+owners@googlegroups.com\n"
    "List-ID: <team.googlegroups.com>\nX-Google-Group-Id: 123456\nPrecedence: list"
)
SYMPA = "X-Sympa-To: team@sympa.example.org\nList-Id: <team.sympa.example.org>\nPrecedence: bulk"


@pytest.mark.parametrize(
    "headers", [MAILMAN, GOOGLE_GROUPS, SYMPA], ids=["mailman", "groups", "sympa"]
)
def test_a_reply_through_a_list_is_the_helpers_answer(ws: LocalWorkspace, headers: str) -> None:
    ws.deliver(ws.sent, [ask()])
    ws.cli("scan", now="2026-11-02T17:00")
    raw = reply("r1", "Sure, I'll have a look tomorrow.\n\nBob\n")
    ws.deliver(ws.inbox, [Mail("r1", with_headers(raw, headers))])
    ws.cli("scan", now="2026-11-03T10:00")
    [found] = ws.asks().values()
    assert found["state"] == "acknowledged"


def test_an_ask_of_a_whole_list_is_answered_by_anyone_through_it(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask(to=("Team", "team@lists.example.org"))])
    ws.cli("scan", now="2026-11-02T17:00")
    raw = reply("r1", "Sure, I'll have a look.\n\nCarol\n", sender=CAROL)
    ws.deliver(ws.inbox, [Mail("r1", with_headers(raw, MAILMAN))])
    ws.cli("scan", now="2026-11-03T10:00")
    [found] = ws.asks().values()
    assert found["state"] == "acknowledged"


def test_a_list_rewritten_from_is_read_as_the_person_behind_it(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask()])
    ws.cli("scan", now="2026-11-02T17:00")
    raw = reply(
        "r1",
        "Sure, I'll have a look.\n\nBob\n",
        sender=("Bob Chen via team", "team@lists.example.org"),
    )
    raw = with_headers(raw, MAILMAN + f"\nReply-To: Bob Chen <{BOB[1]}>")
    ws.deliver(ws.inbox, [Mail("r1", raw)])
    ws.cli("scan", now="2026-11-03T10:00")
    [found] = ws.asks().values()
    assert found["state"] == "acknowledged"


@pytest.mark.parametrize(
    "headers",
    [
        "Auto-Submitted: auto-replied",
        "X-Autoreply: yes",
        "Auto-Submitted: auto-generated\n" + MAILMAN,
    ],
)
def test_an_automatic_reply_says_so_and_is_never_an_answer(
    ws: LocalWorkspace, headers: str
) -> None:
    ws.deliver(ws.sent, [ask()])
    ws.cli("scan", now="2026-11-02T17:00")
    raw = reply("r1", "Thanks for your message. It has been received.\n")
    ws.deliver(ws.inbox, [Mail("r1", with_headers(raw, headers))])
    ws.cli("scan", now="2026-11-03T10:00")
    [found] = ws.asks().values()
    assert found["state"] == "open"


@pytest.mark.parametrize(
    "headers",
    [
        "List-Unsubscribe: <https://news.example.com/u/123>",  # a newsletter, no Precedence
        "Precedence: bulk",
        MAILMAN,  # a question on the team list is to everyone, not an ask of the user
    ],
    ids=["newsletter", "bulk", "list"],
)
def test_newsletters_and_lists_never_count_as_they_asked_you(
    ws: LocalWorkspace, headers: str
) -> None:
    raw = message(
        sender=CAROL,
        to=ME,
        subject="Budget review",
        date="2026-11-03T09:00",
        message_id="carol-asks@example.org",
        body="Hi Alex,\n\nCould you review my budget proposal by Friday?\n\nCarol\n",
    )
    ws.deliver(ws.inbox, [Mail("carol", with_headers(raw, headers))])
    ws.cli("scan", now="2026-11-03T17:00")
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert not people.get("carol@example.org", {}).get("their_open_asks")
    # the same mail from a person does count
    ws.deliver(ws.inbox, [Mail("carol2", raw.replace(b"carol-asks@", b"carol-asks2@"))])
    ws.cli("scan", now="2026-11-03T18:00")
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert len(people["carol@example.org"]["their_open_asks"]) == 1


def test_a_broken_calendar_event_is_named_once_not_at_every_scan(ws: LocalWorkspace) -> None:
    (ws.root / "calendar" / "work.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:zone\r\nDTSTART;TZID=Nowhere/Middle:20261104T090000\r\n"
        b"SUMMARY:Ask: Bob - review #ask\r\nDESCRIPTION:bob@example.org\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:alarm\r\nDTSTART:20261104T090000Z\r\nSUMMARY:Alarm\r\n"
        b"BEGIN:VALARM\r\nTRIGGER:PT-2H\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    first = ws.cli("scan", now="2026-11-04T17:00")
    assert "2 bad items skipped" in first
    assert "event zone: unknown time zone 'Nowhere/Middle'" in first
    assert "event alarm:" in first and "PT-2H" in first
    # the next day the window slides and the file is read again: nothing new to say
    second = ws.cli("scan", now="2026-11-05T17:00")
    assert "2 bad items skipped (0 new;" in second  # counted, not named again
    assert not any(line.startswith("  skipped ") for line in second.splitlines())
    # the event itself was read, in the user's zone
    [ask] = ws.asks().values()
    assert ask["asked_at"] == "2026-11-04T09:00:00+01:00"
