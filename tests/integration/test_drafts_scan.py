"""Issue 16 end to end on local files: the drafts a scan writes read naturally, an
undated ask keeps being followed, a meeting-shaped calendar ask is thanked after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration.scenario import BOB, ME, LocalWorkspace, ics, message
from workspace import Mail


@pytest.fixture
def ws(tmp_path: Path) -> LocalWorkspace:
    return LocalWorkspace(tmp_path)


def body(msg: object) -> str:
    return str(msg.get_content())  # type: ignore[attr-defined]


def test_an_undated_ask_is_followed_on_the_cadence_and_show_says_so(ws: LocalWorkspace) -> None:
    ask = message(
        sender=ME,
        to=BOB,
        subject="Onboarding",
        date="2026-11-02T10:00",  # a Monday
        message_id="ask1@example.org",
        body="Hi Bob,\n\nCould you send me the onboarding checklist?\n\nAlex\n",
    )
    ws.deliver(ws.sent, [Mail("ask1", ask)])
    ws.cli("scan", now="2026-11-02T17:00")
    ask_id = next(iter(ws.asks().values()))["id"]
    shown = ws.cli("show", ask_id, now="2026-11-03T10:00")
    assert "said as: action; sending me the onboarding checklist; topic the onboarding" in shown
    assert "kind:    action (something to do)" in shown
    assert "cadence: no date, so a check-in after 5 quiet business days, then a nudge" in shown
    assert "next: checkin on Mon 09 Nov 2026 09:00" in shown

    ws.cli("scan", now="2026-11-09T10:00")
    drafts = ws.draft_files()
    checkin = drafts[f"{ask_id}-checkin"]
    assert checkin["Subject"] == "Re: Onboarding"
    assert "would you be able to send me the onboarding checklist?" in body(checkin)
    assert "Do you have a rough idea of when you could get to it?" in body(checkin)
    assert "date that would work" not in body(checkin)  # an action needs a when, not a date
    assert "we agreed" not in body(checkin) and "taking this on" not in body(checkin)
    assert body(checkin).rstrip().endswith("Alex")  # the first name, not "Alex Morgan"

    for path in (ws.drafts / "cur").iterdir():  # the user deleted it unsent
        path.unlink()
    ws.cli("scan", now="2026-11-10T10:00")
    shown = ws.cli("show", ask_id, now="2026-11-10T10:00")
    assert "next: nudge on Mon 23 Nov 2026 09:00, because no due date: 10 business days" in shown
    ws.cli("scan", now="2026-11-20T10:00")
    assert ws.draft_files() == {}
    ws.cli("scan", now="2026-11-23T10:00")
    nudge = ws.draft_files()[f"{ask_id}-nudge"]
    assert "I wanted to gently follow up: would you still be able to send me" in body(nudge)
    assert "haven't seen it come through" not in body(nudge)


def mock_interview_entry(ws: LocalWorkspace, grace: str) -> None:
    """A calendar ask "Ask: Grace — mock interview" on Thursday 5 November, 14:00, with
    ``grace`` (an ATTENDEE line) and the user invited."""
    (ws.root / "calendar" / "mock.ics").write_text(
        ics(
            "mock@tests",
            "2026-11-05T14:00",
            "Ask: Grace — mock interview #ask",
            "",
            f"{grace}\r\nATTENDEE;CN={ME[0]}:mailto:{ME[1]}\r\n",
        )
    )


def test_a_meeting_shaped_calendar_ask_is_thanked_after_the_meeting(ws: LocalWorkspace) -> None:
    mock_interview_entry(ws, "ATTENDEE;CN=Grace Lee:mailto:grace@example.org")
    ws.cli("scan", now="2026-11-02T10:00")
    (ask,) = ws.asks().values()
    shown = ws.cli("show", ask["id"], now="2026-11-02T10:00")
    assert "said as: meeting; doing the mock interview with me; topic the mock interview" in shown
    assert "kind:    meeting (time together: a call or a meeting)" in shown
    assert "next: thanks on Thu 05 Nov 2026 15:00" in shown
    ws.cli("scan", now="2026-11-04T10:00")
    assert ws.draft_files() == {}  # no check-in before the meeting
    ws.cli("scan", now="2026-11-06T10:00")
    drafts = ws.draft_files()
    assert set(drafts) == {f"{ask['id']}-thanks"}
    thanks = drafts[f"{ask['id']}-thanks"]
    assert thanks["Subject"] == "Thank you for doing the mock interview with me"
    assert "Thank you for doing the mock interview with me on Thursday, 5 November." in body(thanks)
    assert "Grace —" not in body(thanks) and "Ask:" not in body(thanks)
    ws.cli("scan", now="2026-11-30T10:00")  # weeks later: never a nudge
    assert set(ws.draft_files()) == {f"{ask['id']}-thanks"}


def test_a_helper_the_title_names_is_greeted_by_name(ws: LocalWorkspace) -> None:
    """The invitation gives only "grace@example.org"; the user's title says "Grace"."""
    mock_interview_entry(ws, "ATTENDEE:mailto:grace@example.org")  # no display name
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-06T10:00")
    (ask,) = ws.asks().values()
    thanks = ws.draft_files()[f"{ask['id']}-thanks"]
    assert body(thanks).startswith("Hi Grace,")
