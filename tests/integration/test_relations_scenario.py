"""Four weeks beyond single asks, on local files through the CLI: a weekly 1:1 with Bob
(tagged #checkin), a lapsed contact (Carol, keep_in_touch = "4w"), a declined ask with
two plausible alternatives (Dave and Frank helped with budget work; Gina did not), and
requests to the user from a helper (Bob) and from someone else (Heidi).

The right drafts appear at the right moments, and nothing else.
User: Alex <alex@example.org>, Europe/Berlin. Monday 2 November 2026 onwards.
"""

from __future__ import annotations

import json
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest

from integration import scenario as sc
from integration.scenario import LocalWorkspace, message
from workspace import Mail

BOB = ("Bob Chen", "bob@example.org")
CAROL = ("Carol Diaz", "carol@example.org")
DAVE = ("Dave Evans", "dave@example.org")
ERIN = ("Erin Fox", "erin@example.org")
FRANK = ("Frank Green", "frank@example.org")
GINA = ("Gina Hall", "gina@example.org")
HEIDI = ("Heidi Ives", "heidi@example.org")
ME = sc.ME

CONTACTS = """
[[contact]]
email = "carol@example.org"
name = "Carol Diaz"
keep_in_touch = "4w"
"""


def ask_and_thanks(key: str, who: tuple[str, str], day: str, body: str) -> list[Mail]:
    """A past ask (on ``day``) the helper delivered the next day, and the user thanked
    them for in the thread that evening."""
    thanked = f"{day[:8]}{int(day[8:]) + 1:02d}"
    return [
        Mail(
            key,
            message(
                sender=ME,
                to=who,
                subject=body,
                date=f"{day}T09:00",
                message_id=f"{key}@example.org",
                body=f"Hi,\n\nCould you {body} by Friday?\n\nAlex\n",
            ),
        ),
        Mail(
            f"{key}-thx",
            message(
                sender=ME,
                to=who,
                subject=f"Re: {body}",
                date=f"{thanked}T17:00",
                message_id=f"{key}-thx@example.org",
                in_reply_to=f"{key}-r@example.org",
                body="Thanks so much! That's exactly what I needed.\n\nAlex\n",
            ),
        ),
    ]


def delivered(key: str, who: tuple[str, str], date: str, subject: str) -> Mail:
    return Mail(
        f"{key}-r",
        message(
            sender=who,
            to=ME,
            subject=f"Re: {subject}",
            date=date,
            message_id=f"{key}-r@example.org",
            in_reply_to=f"{key}@example.org",
            body="Here it is, attached.\n",
            attachment="notes.pdf",
        ),
    )


def history() -> tuple[list[Mail], list[Mail]]:
    """(sent, inbox) from before the first scan: Dave and Frank helped with budget work,
    Gina with something else; Carol last wrote on 11 October."""
    sent = [
        *ask_and_thanks("h-dave", DAVE, "2026-10-19", "review the Q2 budget deck"),
        *ask_and_thanks("h-frank", FRANK, "2026-10-20", "check the budget forecast"),
        *ask_and_thanks("h-gina", GINA, "2026-10-21", "send the onboarding checklist"),
        Mail(
            "q-bob",
            message(
                sender=ME,
                to=BOB,
                subject="Hiring numbers",
                date="2026-11-02T09:00",
                message_id="q-bob@example.org",
                body="Hi Bob,\n\nCould you share the Q4 hiring numbers by Friday?\n\nAlex\n",
            ),
        ),
        Mail(
            "q-erin",
            message(
                sender=ME,
                to=ERIN,
                subject="Q3 budget deck",
                date="2026-11-02T09:30",
                message_id="q-erin@example.org",
                body="Hi Erin,\n\nCould you review the Q3 budget deck by Friday?\n\nAlex\n",
            ),
        ),
    ]
    inbox = [
        delivered("h-dave", DAVE, "2026-10-20T15:00", "review the Q2 budget deck"),
        delivered("h-frank", FRANK, "2026-10-21T15:00", "check the budget forecast"),
        delivered("h-gina", GINA, "2026-10-22T15:00", "send the onboarding checklist"),
        Mail(
            "carol-hello",
            message(
                sender=CAROL,
                to=ME,
                subject="Great to see you",
                date="2026-10-11T18:00",
                message_id="carol-hello@example.org",
                body="Lovely to catch up at the meetup!\n\nCarol\n",
            ),
        ),
    ]
    return sent, inbox


def tuesday_inbox() -> list[Mail]:
    return [
        Mail(
            "bob-numbers",
            message(
                sender=BOB,
                to=ME,
                subject="Re: Hiring numbers",
                date="2026-11-03T11:00",
                message_id="bob-numbers@example.org",
                in_reply_to="q-bob@example.org",
                body="Here are the numbers, attached.\n\nBob\n",
                attachment="hiring.xlsx",
            ),
        ),
        Mail(
            "erin-no",
            message(
                sender=ERIN,
                to=ME,
                subject="Re: Q3 budget deck",
                date="2026-11-03T12:00",
                message_id="erin-no@example.org",
                in_reply_to="q-erin@example.org",
                body="Sorry, I can't take this on right now, I'm swamped.\n\nErin\n",
            ),
        ),
        Mail(
            "heidi-ask",
            message(
                sender=HEIDI,
                to=ME,
                subject="Offsite",
                date="2026-11-02T15:00",
                message_id="heidi-ask@example.org",
                body="Hi Alex,\n\nCould you send me the offsite agenda?\n\nHeidi\n",
            ),
        ),
        Mail(
            "bob-ask",
            message(
                sender=BOB,
                to=ME,
                subject="Talk proposal",
                date="2026-11-03T14:00",
                message_id="bob-ask@example.org",
                body="Hi Alex,\n\nCould you review my conference talk proposal by Friday?\n\nBob\n",
            ),
        ),
    ]


def weekly_one_to_one() -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followthrough//tests//EN\r\n"
        "BEGIN:VEVENT\r\nUID:bob-1on1@tests\r\nDTSTAMP:20261101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:20261105T100000\r\n"
        "DTEND;TZID=Europe/Berlin:20261105T103000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Bob / Alex 1:1 #checkin\r\n"
        f"ORGANIZER;CN={ME[0]}:mailto:{ME[1]}\r\n"
        f"ATTENDEE;CN={BOB[0]}:mailto:{BOB[1]}\r\n"
        f"ATTENDEE;CN={ME[0]}:mailto:{ME[1]}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    w = LocalWorkspace(tmp_path, extra_config='\n[contacts]\nfile = "contacts.toml"\n')
    (tmp_path / "contacts.toml").write_text(CONTACTS)
    sent, inbox = history()
    w.deliver(w.sent, sent)
    w.deliver(w.inbox, inbox)
    (tmp_path / "calendar" / "bob.ics").write_text(weekly_one_to_one())
    return w


def drafts(ws: LocalWorkspace) -> dict[str, EmailMessage]:
    return ws.draft_files()  # type: ignore[no-any-return]


def new_drafts(ws: LocalWorkspace, before: set[str]) -> dict[str, EmailMessage]:
    return {k: v for k, v in drafts(ws).items() if k not in before}


def body(msg: EmailMessage) -> str:
    return str(msg.get_content()).replace("\r\n", "\n")


def test_four_weeks_of_check_ins_requests_keep_in_touch_and_plan_b(ws: LocalWorkspace) -> None:
    # Monday 2 Nov: history read; past help was thanked in the thread; nothing to draft
    ws.cli("scan", now="2026-11-02T10:00")
    assert drafts(ws) == {}
    asks = ws.asks()
    assert asks["h-dave@example.org"]["state"] == "delivered"

    # Tuesday: Bob delivers, Erin declines, Heidi and Bob ask Alex for things
    ws.deliver(ws.inbox, tuesday_inbox())
    ws.cli("scan", now="2026-11-03T16:00")
    asks = ws.asks()
    bob_ask, erin_ask = asks["q-bob@example.org"]["id"], asks["q-erin@example.org"]["id"]
    assert set(drafts(ws)) == {f"{bob_ask}-thanks", f"{erin_ask}-thanks"}

    # requests to the user: Bob helped this week, so his comes first though it is newer
    requests = json.loads(ws.cli("requests", "--json", now="2026-11-03T16:00"))
    assert [r["from"] for r in requests] == ["bob@example.org", "heidi@example.org"]
    assert [r["state"] for r in requests] == ["open", "open"]
    assert requests[0]["what"] == "review my conference talk proposal"

    # Plan B for Erin's declined ask: Dave and Frank (budget work), not Gina
    show = ws.cli("show", erin_ask, now="2026-11-03T16:00")
    assert "plan B (declined on Tue 03 Nov)" in show
    plan_lines = [
        line
        for line in show.splitlines()
        if line.startswith("  1.") or line.startswith("  2.") or line.startswith("  3.")
    ]
    assert len(plan_lines) == 2
    assert "dave@example.org" in plan_lines[0] and "frank@example.org" in plan_lines[1]
    assert "reviewing the Q2 budget deck" in plan_lines[0]
    digest = ws.cli("digest", now="2026-11-03T16:00")
    assert "Plan B" in digest and "Dave Evans" in digest and "Gina" not in digest
    assert digest.index("Bob Chen: review my conference talk proposal") < digest.index(
        "Heidi Ives: send me the offsite agenda"
    )

    # Wednesday: the agenda for Thursday's 1:1 (the working day before), with a note
    ws.cli("note", "bob", "the", "offsite", "budget", now="2026-11-04T08:00")
    before = set(drafts(ws))
    ws.cli("scan", now="2026-11-04T08:30")  # before draft_time: nothing yet
    assert set(drafts(ws)) == before
    ws.cli("scan", now="2026-11-04T09:30")
    new = new_drafts(ws, before)
    ((agenda_id, agenda),) = new.items()
    assert agenda_id.startswith("agenda-bob") and agenda_id.endswith("-2026-11-05")
    assert agenda["To"].addresses[0].addr_spec == "bob@example.org"
    assert agenda["Subject"] == "For our Bob / Alex 1:1 tomorrow"
    text = body(agenda)
    assert "sharing the Q4 hiring numbers" in text  # thanks for what he delivered
    assert "reviewing your conference talk proposal: it's on my list for Friday" in text
    assert "the offsite budget" in text
    assert "What's on your side?" in text
    assert "In-Reply-To" not in agenda

    # Alex picks Plan B #1: a new ask of Dave, its request drafted, never sent
    out = ws.cli("planb", erin_ask, "1", now="2026-11-04T09:40")
    assert "dave@example.org" in out
    asks = ws.asks()
    planb = asks[f"planb:{erin_ask}:dave@example.org"]
    assert planb["helpers"] == ["dave@example.org"] and planb["state"] == "open"
    request = drafts(ws)[f"{planb['id']}-request"]
    assert request["To"].addresses[0].addr_spec == "dave@example.org"
    assert "could you review the Q3 budget deck" in body(request)
    assert "reviewing the Q2 budget deck" in body(request)
    assert "Erin" not in body(request)
    # short notice; Europe/Berlin reads dates as en_DE
    assert "I'd hoped to have it by Friday, 6 November" in body(request)
    assert planb["due"] is None
    assert "plan B" not in ws.cli("show", erin_ask, now="2026-11-04T09:40")

    # Alex sends the agenda as is: recorded as sent, and never read as a new ask
    waiting = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json"))}
    shutil.move(waiting[agenda_id]["path"], ws.sent / "cur" / "agenda-sent:2,S")

    # Friday: Alex sends Bob the reviewed proposal: his request is done
    ws.deliver(
        ws.sent,
        [
            Mail(
                "alex-review",
                message(
                    sender=ME,
                    to=BOB,
                    subject="Re: Talk proposal",
                    date="2026-11-06T11:00",
                    message_id="alex-review@example.org",
                    in_reply_to="bob-ask@example.org",
                    body="Here are my comments, attached.\n\nAlex\n",
                    attachment="comments.pdf",
                ),
            )
        ],
    )
    before = set(drafts(ws))
    ws.cli("scan", now="2026-11-06T12:00")
    assert set(drafts(ws)) == before - {agenda_id}
    sent = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--all", "--json"))}
    assert sent[agenda_id] == "sent"
    # the agenda's "anything you need from me?" is never read as a new ask
    assert not any(key.startswith("agenda-") for key in ws.asks())
    states = {
        r["from"]: r["state"]
        for r in json.loads(ws.cli("requests", "--json", "--all", now="2026-11-06T12:00"))
    }
    assert states == {"bob@example.org": "done", "heidi@example.org": "open"}

    # Monday 9 Nov: Carol's four weeks lapsed: one friendly note that asks for nothing
    ws.cli("scan", now="2026-11-09T09:30")
    new = new_drafts(ws, before)
    assert len(new) == 1
    ((note_id, note),) = new.items()
    assert note_id.startswith("keep-carol")
    assert note["To"].addresses[0].addr_spec == "carol@example.org"
    assert "?" not in body(note).replace("No need to reply", "")
    before = set(drafts(ws))
    ws.cli("scan", now="2026-11-09T15:00")  # one a day, and never twice
    assert set(drafts(ws)) == before

    # Wednesday 11 Nov: the next agenda says what Alex delivered since last time
    ws.cli("scan", now="2026-11-11T09:30")
    new = new_drafts(ws, before)
    assert len(new) == 1
    ((agenda_id, agenda),) = new.items()
    assert agenda_id.endswith("-2026-11-12")
    text = body(agenda)
    assert "Done since last time:\n  - reviewing your conference talk proposal" in text
    assert "offsite budget" not in text  # the note went into last week's agenda
    assert "hiring numbers" not in text  # thanked last time already
    before = set(drafts(ws))

    # Wednesday 18 Nov: nothing to say to Bob: no agenda; nothing else due either. The
    # 12 Nov agenda, never sent, is out of date once its meeting began: it goes
    ws.cli("scan", now="2026-11-18T09:30")
    assert set(drafts(ws)) == before - {agenda_id}
    skipped = json.loads(ws.cli("drafts", "--all", "--json", now="2026-11-18T09:30"))
    assert any(
        d["kind"] == "agenda" and d["state"] == "skipped" and d["id"].endswith("2026-11-19")
        for d in skipped
    )

    # Dave's request deleted unsent: the Plan B ask is cancelled, nothing chases it
    waiting = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json"))}
    Path(waiting[f"{planb['id']}-request"]["path"]).unlink()
    before = set(drafts(ws))
    ws.cli("scan", now="2026-11-25T09:30")
    assert ws.asks()[f"planb:{erin_ask}:dave@example.org"]["state"] == "cancelled"
    assert set(drafts(ws)) == before  # the 26 Nov agenda has nothing to say either


def test_a_nudge_waits_when_the_agenda_to_the_same_person_goes_out(tmp_path: Path) -> None:
    """Bob's review is overdue and his 1:1 agenda falls due the same morning: one mail to
    Bob (the agenda, which already asks where the review stands), and the nudge waits for
    the cooldown — the same answer in `show`."""
    ws = LocalWorkspace(tmp_path)
    ask = message(
        sender=ME,
        to=BOB,
        subject="Q3 deck",
        date="2026-10-28T09:00",
        message_id="late-bob@example.org",
        body="Hi Bob,\n\nCould you review the Q3 deck by Friday?\n\nAlex\n",
    )
    ws.deliver(ws.sent, [Mail("late-bob", ask)])
    (tmp_path / "calendar" / "bob.ics").write_text(weekly_one_to_one())
    ws.cli("scan", now="2026-11-04T10:00")
    written = drafts(ws)
    assert len(written) == 1, sorted(written)
    [(key, agenda)] = written.items()
    assert key.startswith("agenda-") and "Q3 deck" in body(agenda)
    ask_id = ws.asks()["late-bob@example.org"]["id"]
    assert "cooldown" in ws.cli("show", ask_id, now="2026-11-04T10:00")
