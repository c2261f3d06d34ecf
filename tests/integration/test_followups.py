"""Issue 3's practices end to end on local files: replies that are not replies, praise,
holidays, cooldowns, the daily cap, the digest and the people view."""

from __future__ import annotations

import json
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from integration.scenario import BOB, CAROL, ME, LocalWorkspace, message
from shared_data import SHARED_DATA, needs_shared_data
from workspace import Mail

BOUNCES = sorted((SHARED_DATA / "mail" / "flanker" / "bounce").glob("*.eml"))
AUTOMATIC = [
    *BOUNCES,
    SHARED_DATA / "mail" / "flanker" / "disposition-notification.eml",
    *sorted((SHARED_DATA / "mail" / "flanker" / "complaints").glob("*.eml")),
]


def ask_mail(key: str = "ask1", to: tuple[str, str] = BOB, due: str = "by Friday") -> Mail:
    return Mail(
        key,
        message(
            sender=ME,
            to=to,
            subject="Q3 deck",
            date="2026-11-02T10:00",
            message_id=f"{key}@example.org",
            body=f"Hi,\n\nCould you review the Q3 deck {due}?\n\nAlex\n",
        ),
    )


def reply_mail(
    key: str,
    body: str,
    date: str,
    *,
    sender: tuple[str, str] = BOB,
    to: tuple[str, str] = ME,
    parent: str = "ask1@example.org",
    attachment: str | None = None,
) -> Mail:
    """A message ``key``@example.org in the thread of ``parent`` (the Q3 deck by default)."""
    extra = {"attachment": attachment} if attachment else {}
    raw = message(
        sender=sender,
        to=to,
        subject="Re: Q3 deck",
        date=date,
        message_id=f"{key}@example.org",
        in_reply_to=parent,
        body=body,
        **extra,
    )
    return Mail(key, raw)


def into_thread(raw: bytes, parent: str, sender: str) -> bytes:
    """A real message, re-addressed as if the helper's server sent it into the thread."""
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        head, sep, body = raw.partition(b"\r\n\r\n")
    lines = [
        line
        for line in re.split(rb"\r?\n(?![ \t])", head)
        if not line.lower().startswith((b"from:", b"in-reply-to:", b"references:"))
    ]
    lines += [f"From: {sender}".encode(), f"In-Reply-To: <{parent}>".encode()]
    return b"\n".join(lines) + b"\n\n" + body


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    return LocalWorkspace(tmp_path)


@needs_shared_data
@pytest.mark.parametrize("path", AUTOMATIC, ids=lambda p: p.name)
def test_real_bounces_and_auto_replies_are_not_answers(ws: LocalWorkspace, path: Path) -> None:
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    raw = into_thread(path.read_bytes(), "ask1@example.org", f"Bob Chen <{BOB[1]}>")
    (ws.inbox / "cur" / "auto:2,S").write_bytes(raw)
    ws.cli("scan", now="2026-11-03T10:00")
    ask = next(iter(ws.asks().values()))
    assert ask["state"] == "open", f"{path.name} was taken for Bob's answer"
    shown = ws.cli("show", ask["id"], now="2026-11-03T10:00")
    assert "auto-reply" in shown
    assert not ws.draft_files()  # no thank-you for a bounce


def test_out_of_office_postpones_the_next_follow_up(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    ooo = message(
        sender=BOB,
        to=ME,
        subject="Automatic reply: Q3 deck",
        date="2026-11-02T10:01",
        message_id="ooo@example.org",
        in_reply_to="ask1@example.org",
        body="I am out of the office and will be back on Monday 16 November.",
    )
    ooo = ooo.replace(b"Subject:", b"Auto-Submitted: auto-replied\nSubject:", 1)
    ws.deliver(ws.inbox, [Mail("ooo", ooo)])
    ws.cli("scan", now="2026-11-03T10:00")
    ask = next(iter(ws.asks().values()))
    assert ask["state"] == "open"
    # the nudge would fall due Monday 9 November; Bob is away until the 16th
    ws.cli("scan", now="2026-11-09T10:00")
    assert not ws.draft_files()
    shown = ws.cli("show", ask["id"], now="2026-11-09T10:00")
    assert "away until" in shown
    ws.cli("scan", now="2026-11-16T10:00")
    assert set(ws.draft_files()) == {f"{ask['id']}-nudge"}


def test_the_users_own_message_is_never_the_helpers_reply(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    mine = reply_mail(
        "mine",
        "Here it is, attached: the latest version of the deck.\n\nAlex\n",
        "2026-11-03T09:00",
        sender=ME,
        to=BOB,
        attachment="deck.pdf",
    )
    # in the inbox too, as clients that copy your own mail there do
    ws.deliver(ws.inbox, [mine])
    ws.deliver(ws.sent, [mine])
    ws.cli("scan", now="2026-11-03T10:00")
    assert next(iter(ws.asks().values()))["state"] == "open"


def test_declined_reply_is_recorded_with_its_words_and_can_be_corrected(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    no = reply_mail("no", "I'm afraid I won't be able to this week.\n\nBob\n", "2026-11-03T09:00")
    ws.deliver(ws.inbox, [no])
    ws.cli("scan", now="2026-11-03T10:00")
    ask = next(iter(ws.asks().values()))
    assert ask["state"] == "declined"
    shown = ws.cli("show", ask["id"], now="2026-11-03T10:00")
    assert "I won't" in shown and "declined:wording" in shown
    ws.cli("state", ask["id"], "acknowledged", now="2026-11-03T10:05")
    assert next(iter(ws.asks().values()))["state"] == "acknowledged"
    assert "you corrected it to acknowledged" in ws.cli("show", ask["id"], now="2026-11-03T10:06")


def test_praise_goes_to_the_manager_copying_the_helper(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.toml"
    contacts.write_text(
        '[[contact]]\nemail = "bob@example.org"\nname = "Bob Chen"\nmanager = "dana@example.org"\n'
        '[[contact]]\nemail = "dana@example.org"\nname = "Dana Park"\n'
    )
    ws = LocalWorkspace(tmp_path, f'\n[contacts]\nfile = "{contacts}"\n')
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    ask_id = next(iter(ws.asks().values()))["id"]
    assert "a praise note to Dana Park <dana@example.org>" in ws.cli("praise", ask_id)
    delivered = reply_mail(
        "done",
        "Done, comments attached.\n\nBob\n",
        "2026-11-04T11:00",
        attachment="deck-comments.pdf",
    )
    ws.deliver(ws.inbox, [delivered])
    ws.cli("scan", now="2026-11-04T12:00")  # thank-you first
    drafts = json.loads(ws.cli("drafts", "--json"))
    assert [d["id"] for d in drafts] == [f"{ask_id}-thanks"]
    Path(drafts[0]["path"]).rename(ws.sent / "cur" / "thanks-sent:2,S")
    # the cooldown holds the praise note (Bob is copied) for 2 business days
    ws.cli("scan", now="2026-11-05T12:00")
    assert not json.loads(ws.cli("drafts", "--json"))
    ws.cli("scan", now="2026-11-06T12:00")
    drafts = json.loads(ws.cli("drafts", "--json"))
    assert [d["id"] for d in drafts] == [f"{ask_id}-praise"]
    msg = message_from_bytes(Path(drafts[0]["path"]).read_bytes(), policy=policy.default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["dana@example.org"]
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["bob@example.org"]
    body = msg.get_content()
    assert "Hi Dana," in body and "Bob Chen" in body and "review the Q3 deck" in body


def test_public_holidays_are_not_business_days(tmp_path: Path) -> None:
    ws = LocalWorkspace(tmp_path, '\n[policy]\nholidays = "DE"\n')
    mail = Mail(
        "xmas",
        message(
            sender=ME,
            to=BOB,
            subject="Year-end numbers",
            date="2026-12-21T10:00",
            message_id="xmas@example.org",
            body="Hi Bob,\n\nCould you send the year-end numbers by December 23?\n\nAlex\n",
        ),
    )
    ws.deliver(ws.sent, [mail])
    ws.cli("scan", now="2026-12-21T17:00")
    ask_id = next(iter(ws.asks().values()))["id"]
    # due Wed 23 Dec; Thu 24 is a working day in DE law, 25 and 26 are holidays
    assert "next: nudge on Thu 24 Dec 2026 09:00" in ws.cli("show", ask_id, now="2026-12-21T17:00")
    (tmp_path / "us").mkdir()
    (tmp_path / "de2").mkdir()
    ws2 = LocalWorkspace(tmp_path / "us", '\n[policy]\nholidays = "US"\n')
    ws2.deliver(ws2.sent, [mail])
    ws2.cli("scan", now="2026-12-21T17:00")
    assert "next: nudge on Thu 24 Dec 2026 09:00" in ws2.cli("show", ask_id, now="2026-12-21T17:00")
    ws3 = LocalWorkspace(tmp_path / "de2", '\n[policy]\nholidays = "DE"\n')
    late = Mail(
        "xmas2",
        message(
            sender=ME,
            to=BOB,
            subject="Numbers",
            date="2026-12-21T10:00",
            message_id="xmas2@example.org",
            body="Hi Bob,\n\nCould you send the numbers by December 24?\n\nAlex\n",
        ),
    )
    ws3.deliver(ws3.sent, [late])
    ws3.cli("scan", now="2026-12-21T17:00")
    ask3 = next(iter(ws3.asks().values()))["id"]
    # due Thu 24 Dec; 25 and 26 (Sat) are off, 27 is Sunday: the nudge waits until Mon 28
    assert "next: nudge on Mon 28 Dec 2026 09:00" in ws3.cli("show", ask3, now="2026-12-21T17:00")


def test_quiet_hours_and_weekends(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])
    ws.cli("scan", now="2026-11-02T17:00")
    # the nudge falls due Monday 9 Nov 09:00: not on Sunday evening, nor Monday 07:00
    ws.cli("scan", now="2026-11-08T20:00")
    ws.cli("scan", now="2026-11-09T07:00")
    assert not ws.draft_files()
    ws.cli("scan", now="2026-11-09T09:00")
    assert len(ws.draft_files()) == 1


def test_cooldown_and_daily_cap(tmp_path: Path) -> None:
    ws = LocalWorkspace(tmp_path, "\n[policy]\ndaily_cap = 3\ncooldown_days = 2\n")
    helpers = [(f"Helper {i}", f"h{i}@example.org") for i in range(5)]
    mails = [ask_mail(f"p{i}", to=helpers[i], due="by November 4") for i in range(5)]
    # and two more asks of Bob, due at the same time
    mails += [ask_mail(f"b{i}", to=BOB, due="by November 4") for i in range(2)]
    ws.deliver(ws.sent, mails)
    ws.cli("scan", now="2026-11-02T17:00")
    ws.cli("scan", now="2026-11-05T10:00")  # all seven nudges fall due now
    first = set(ws.draft_files())
    assert len(first) == 3  # the daily cap
    ws.cli("scan", now="2026-11-05T15:00")
    assert set(ws.draft_files()) == first  # still the same day
    ws.cli("scan", now="2026-11-06T10:00")
    second = set(ws.draft_files()) - first
    assert len(second) == 3
    recipients: dict[str, list[str]] = {}
    for m in ws.draft_files().values():
        for a in m["To"].addresses:
            recipients.setdefault(a.addr_spec, []).append(str(m["Date"]))
    assert len(recipients["bob@example.org"]) == 1  # never two to Bob within the cooldown
    ws.cli("scan", now="2026-11-09T10:00")
    ws.cli("scan", now="2026-11-10T10:00")
    bob = [
        m for m in ws.draft_files().values() if m["To"].addresses[0].addr_spec == "bob@example.org"
    ]
    assert len(bob) == 2
    dates = sorted(str(m["Date"]) for m in bob)
    assert dates[0] != dates[1]


def test_digest_and_people(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail("a"), ask_mail("b", to=CAROL, due="")])
    their_ask = message(
        sender=CAROL,
        to=ME,
        subject="Budget review",
        date="2026-11-03T09:00",
        message_id="carol-asks@example.org",
        body="Hi Alex,\n\nCould you review my budget proposal by Friday?\n\nCarol\n",
    )
    delivered = reply_mail(
        "carol-done",
        "Here it is, attached.\n\nCarol\n",
        "2026-11-03T11:00",
        sender=CAROL,
        parent="b@example.org",
        attachment="deck.pdf",
    )
    ws.deliver(ws.inbox, [Mail("carol-asks", their_ask), delivered])
    ws.cli("scan", now="2026-11-03T17:00")
    digest = ws.cli("digest", now="2026-11-24T10:00")
    assert "Open asks by due date" in digest and "review the Q3 deck" in digest
    assert "Drafts waiting for your approval" in digest
    assert "Outcomes to record" in digest  # Carol delivered three weeks ago
    assert "Return the favour" in digest and "review my budget proposal" in digest
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert people["bob@example.org"]["open_asks"]
    assert people["carol@example.org"]["delivered"] == 1
    assert people["carol@example.org"]["their_open_asks"][0]["what"].startswith("review my budget")
    # answering Carol's ask takes it off the list
    reply = message(
        sender=ME,
        to=CAROL,
        subject="Re: Budget review",
        date="2026-11-24T11:00",
        message_id="answer@example.org",
        in_reply_to="carol-asks@example.org",
        body="Done, comments inline.\n\nAlex\n",
    )
    ws.deliver(ws.sent, [Mail("answer", reply)])
    ws.cli("scan", now="2026-11-24T12:00")
    people = {p["email"]: p for p in json.loads(ws.cli("people", "--json"))}
    assert people["carol@example.org"]["their_open_asks"] == []
    assert "Carol" in ws.cli("people")
    # asks lists the outcome prompt
    assert "[outcome?]" in ws.cli("asks", now="2026-11-24T12:00")
    # the digest as a draft to the user only, once a day
    assert "digest draft written" in ws.cli("digest", "--draft", now="2026-11-24T12:00")
    assert "no digest draft" in ws.cli("digest", "--draft", now="2026-11-24T13:00")
    digests = [m for m in ws.draft_files().values() if m["X-Followthrough-Ask"] == "digest"]
    assert len(digests) == 1
    assert [a.addr_spec for a in digests[0]["To"].addresses] == ["alex@example.org"]


def test_recurring_tagged_entry_becomes_an_ask_when_each_occurrence_starts(
    ws: LocalWorkspace,
) -> None:
    (ws.root / "calendar" / "weekly.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:weekly@tests\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:20261102T100000\r\nDURATION:PT30M\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Weekly report from Bob #ask\r\n"
        "ATTENDEE:mailto:bob@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    ws.cli("scan", now="2026-11-02T11:00")
    assert len(ws.asks()) == 1
    ws.cli("scan", now="2026-11-05T11:00")  # nothing changed, no new occurrence yet
    assert len(ws.asks()) == 1
    ws.cli("scan", now="2026-11-09T10:30")  # the second occurrence has started
    keys = sorted(ws.asks())
    assert len(keys) == 2 and all(k.startswith("weekly@tests@") for k in keys)


def test_a_pending_nudge_is_withdrawn_when_the_ask_is_cancelled_or_delivered(
    ws: LocalWorkspace,
) -> None:
    ws.deliver(ws.sent, [ask_mail("a"), ask_mail("b", to=CAROL)])
    ws.cli("scan", now="2026-11-02T17:00")
    ws.cli("scan", now="2026-11-09T10:00")  # both nudges drafted
    assert len(ws.draft_files()) == 2
    asks = ws.asks()
    ws.cli("cancel", asks["a@example.org"]["id"], now="2026-11-09T11:00")
    done = reply_mail(
        "carol-done",
        "Here it is, attached.\n\nCarol\n",
        "2026-11-09T12:00",
        sender=CAROL,
        parent="b@example.org",
        attachment="deck.pdf",
    )
    ws.deliver(ws.inbox, [done])
    ws.cli("scan", now="2026-11-09T13:00")
    left = set(ws.draft_files())
    b = asks["b@example.org"]["id"]
    assert left == {f"{b}-thanks"}  # the nudges are gone; Carol gets her thank-you


def test_a_tagged_entry_repeating_every_minute_does_not_flood_the_ledger(
    ws: LocalWorkspace,
) -> None:
    (ws.root / "calendar" / "flood.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:flood@tests\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART:20261001T080000Z\r\nDURATION:PT1M\r\n"
        "RRULE:FREQ=MINUTELY;INTERVAL=30\r\nSUMMARY:Status from Bob #ask\r\n"
        "ATTENDEE:mailto:bob@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    ws.cli("scan", now="2026-11-02T11:00")
    first = ws.asks()
    # a week of history before the series was first seen, one ask a day, and today's
    assert 1 <= len(first) <= 8
    ws.cli("scan", now="2026-11-03T11:00")
    assert len(ws.asks()) == len(first) + 1


def test_a_suggested_ask_waits_until_the_user_tracks_it(ws: LocalWorkspace) -> None:
    body = "Bob, I wonder if you might have time to share the slides from the offsite.\n\nAlex\n"
    raw = message(
        sender=ME,
        to=BOB,
        subject="Slides",
        date="2026-11-02T10:00",
        message_id="slides@example.org",
        body=body,
    )
    ws.deliver(ws.sent, [Mail("slides", raw)])
    ws.cli("scan", now="2026-11-02T17:00")
    assert "share the slides" not in ws.cli("asks")  # suggested, not among the open asks
    suggested = json.loads(ws.cli("asks", "--suggested", "--json"))
    assert [a["what"] for a in suggested] == ["share the slides from the offsite"]
    ask_id = suggested[0]["id"]
    shown = ws.cli("show", ask_id)
    assert "open (suggested)" in shown
    assert "request wording, confidence 0.50 (suggested at >= 0.45)" in shown
    assert f"next: nothing until you track it (followthrough track {ask_id})" in shown
    # no follow-up is drafted for a suggestion, however long it waits
    ws.cli("scan", now="2026-11-20T10:00")
    assert ws.draft_files() == {}
    ws.cli("track", ask_id)
    assert ws.asks()["slides@example.org"]["status"] == "tracked"
    ws.cli("scan", now="2026-11-20T10:00")
    assert [f.split("-")[1] for f in ws.draft_files()] == ["checkin"]


def test_a_question_back_holds_follow_ups_until_the_user_answers(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])  # Mon 2 Nov, due Fri 6 Nov
    ws.cli("scan", now="2026-11-02T17:00")
    question = reply_mail(
        "q", "Happy to. Which version should I review, v2 or v3?\n\nBob\n", "2026-11-03T09:00"
    )
    ws.deliver(ws.inbox, [question])
    ws.cli("scan", now="2026-11-03T10:00")
    ask = next(iter(ws.asks().values()))
    assert ask["state"] == "acknowledged"
    shown = ws.cli("show", ask["id"], now="2026-11-12T10:00")
    assert "question reply from" in shown and "question:ends-with-?" in shown
    assert "next: nothing until you answer their question of Tue 03 Nov 2026" in shown
    ws.cli("scan", now="2026-11-12T10:00")  # well past the due date: still no nudge
    assert ws.draft_files() == {}
    digest = ws.cli("digest", now="2026-11-12T10:05")
    assert "They asked you something back" in digest
    assert f"review the Q3 deck — Bob Chen [{ask['id']}, asked Tuesday, 3 November]" in digest
    answer = reply_mail(
        "a", "v3, please.\n\nAlex\n", "2026-11-12T11:00", sender=ME, to=BOB, parent="q@example.org"
    )
    ws.deliver(ws.sent, [answer])
    ws.cli("scan", now="2026-11-12T12:00")
    assert ws.draft_files() == {}  # they just got the answer
    shown = ws.cli("show", ask["id"], now="2026-11-12T12:00")
    assert "after you answered their question (Thu 12 Nov)" in shown
    ws.cli("scan", now="2026-11-13T12:00")
    assert [f.split("-")[1] for f in ws.draft_files()] == ["nudge"]


def test_a_question_the_helper_settles_alone_no_longer_holds_follow_ups(ws: LocalWorkspace) -> None:
    ws.deliver(ws.sent, [ask_mail()])  # Mon 2 Nov, due Fri 6 Nov
    ws.cli("scan", now="2026-11-02T17:00")
    ws.deliver(ws.inbox, [reply_mail("q", "Which version, v2 or v3?\n\nBob\n", "2026-11-03T09:00")])
    ws.cli("scan", now="2026-11-03T10:00")
    later = reply_mail(
        "q2",
        "Never mind, I found v3. Will do.\n\nBob\n",
        "2026-11-03T15:00",
        parent="q@example.org",
    )
    ws.deliver(ws.inbox, [later])
    ws.cli("scan", now="2026-11-03T16:00")
    ask = next(iter(ws.asks().values()))
    assert "until you answer" not in ws.cli("show", ask["id"], now="2026-11-03T16:00")
    ws.cli("scan", now="2026-11-10T10:00")  # past the due date: the nudge comes as usual
    assert [f.split("-")[1] for f in ws.draft_files()] == ["nudge"]
