from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followthrough.config.behaviour import PolicySettings
from followthrough.detect.calendar import decide_calendar_phrase
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.engine.policy import Calendar, decide_next_followup
from followthrough.model import Address, Ask, Followup

BERLIN = ZoneInfo("Europe/Berlin")
S = PolicySettings()


def at(text: str, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def ask(**kw: object) -> Ask:
    base = Ask(
        id="abcde",
        source_kind="mail",
        source_key="m1@x",
        what="review the Q3 deck",
        subject="Q3 deck",
        helpers=(Address("bob@example.org", "Bob"),),
        asked_at=at("2026-11-02T10:00"),  # Monday
        due=at("2026-11-13T17:00"),  # Friday of the next week
        due_phrase="by Nov 13",
        state="open",
        status="tracked",
        outcome=None,
        thread_root="m1@x",
        conversation=None,
        praise=False,
        last_helper_at=None,
        last_user_at=None,
        thanked_at=None,
        state_at=at("2026-11-02T10:00"),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def followup(kind: str, seq: int, created: datetime, state: str = "sent") -> Followup:
    return Followup(
        id=f"abcde-{kind}{seq}",
        ask_id="abcde",
        kind=kind,  # type: ignore[arg-type]
        seq=seq,
        due_at=created,
        state=state,  # type: ignore[arg-type]
        draft_ref=None,
        draft_path=None,
        message_id=None,
        recipients=("bob@example.org",),
        subject="",
        created_at=created,
        updated_at=created,
    )


cal = Calendar.of(S, BERLIN)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-11-02T10:00", 1, "2026-11-03T09:00"),  # Mon -> Tue
        ("2026-11-06T10:00", 1, "2026-11-09T09:00"),  # Fri -> Mon
        ("2026-11-07T10:00", 1, "2026-11-09T09:00"),  # Sat -> Mon
        ("2026-11-02T10:00", 5, "2026-11-09T09:00"),  # a working week
        ("2026-11-30T10:00", 1, "2026-12-01T09:00"),  # month end
        ("2026-12-31T10:00", 1, "2027-01-01T09:00"),  # year end (a Friday; holidays: issue 3)
        ("2026-10-23T10:00", 2, "2026-10-27T09:00"),  # across the DST change (25 Oct)
    ],
)
def test_add_business_days(start: str, n: int, expected: str) -> None:
    assert cal.add_days(at(start), n) == at(expected)


def test_business_days_counted_in_the_users_zone() -> None:
    # 23:30 UTC on Friday is already Saturday in Berlin
    friday_night_utc = datetime(2026, 11, 6, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert cal.add_days(friday_night_utc, 1) == at("2026-11-09T09:00")
    assert cal.days_between(at("2026-11-06T10:00"), at("2026-11-09T10:00")) == 1


def test_working_moment() -> None:
    assert cal.working_moment(at("2026-11-04T07:00")) == at("2026-11-04T09:00")
    assert cal.working_moment(at("2026-11-04T11:15")) == at("2026-11-04T11:15")
    assert cal.working_moment(at("2026-11-04T20:00")) == at("2026-11-05T09:00")
    assert cal.working_moment(at("2026-11-07T11:00")) == at("2026-11-09T09:00")


def test_checkin_half_way_to_the_due_date() -> None:
    plan = decide_next_followup(ask(), [], at("2026-11-02T10:00"), S, BERLIN)
    assert plan is not None
    assert plan.kind == "checkin"
    # half-way between Mon 2 Nov 10:00 and Fri 13 Nov 17:00 is Sat 7 Nov -> Monday 9:00
    assert plan.due_at == at("2026-11-09T09:00")
    assert "half-way" in plan.reason


def test_no_checkin_when_the_due_date_is_close() -> None:
    a = ask(due=at("2026-11-05T17:00"))
    plan = decide_next_followup(a, [], at("2026-11-02T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "nudge"
    assert plan.due_at == at("2026-11-06T09:00")  # 1 business day after the due date


def test_checkin_waits_when_the_helper_wrote_recently() -> None:
    a = ask(last_helper_at=at("2026-11-06T15:00"), state="acknowledged")
    plan = decide_next_followup(a, [], at("2026-11-02T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "checkin"
    assert plan.due_at == at("2026-11-10T09:00")  # 2 business days after Fri 6 Nov


def test_nudges_at_most_twice_five_business_days_apart() -> None:
    a = ask()
    first = decide_next_followup(
        a, [followup("checkin", 1, at("2026-11-09T09:00"))], at("2026-11-16T09:00"), S, BERLIN
    )
    assert first is not None and (first.kind, first.seq) == ("nudge", 1)
    assert first.due_at == at("2026-11-16T09:00")
    history = [
        followup("checkin", 1, at("2026-11-09T09:00")),
        followup("nudge", 1, at("2026-11-16T09:30")),
    ]
    second = decide_next_followup(a, history, at("2026-11-17T09:00"), S, BERLIN)
    assert second is not None and (second.kind, second.seq) == ("nudge", 2)
    assert second.due_at == at("2026-11-23T09:00")
    history.append(followup("nudge", 2, at("2026-11-23T09:00")))
    assert decide_next_followup(a, history, at("2026-12-30T09:00"), S, BERLIN) is None


def test_no_due_date_checks_in_after_five_quiet_business_days() -> None:
    a = ask(due=None, due_phrase="")
    plan = decide_next_followup(a, [], at("2026-11-02T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "checkin"
    assert plan.due_at == at("2026-11-09T09:00")


def test_undated_ask_keeps_being_followed_on_the_cadence() -> None:
    """Check-in after 5 quiet business days, a gentle nudge after 10 more, then another
    10 later, at most nudge_max (2) nudges; then nothing."""
    a = ask(due=None, due_phrase="")  # asked Mon 2 Nov 10:00
    history = [followup("checkin", 1, at("2026-11-09T09:00"))]
    first = decide_next_followup(a, history, at("2026-11-10T10:00"), S, BERLIN)
    assert first is not None and (first.kind, first.seq) == ("nudge", 1)
    assert first.due_at == at("2026-11-23T09:00")  # 10 business days after Mon 9 Nov
    assert "no due date" in first.reason and "nudge 1 of at most 2" in first.reason
    history.append(followup("nudge", 1, at("2026-11-23T09:00")))
    second = decide_next_followup(a, history, at("2026-11-24T10:00"), S, BERLIN)
    assert second is not None and (second.kind, second.seq) == ("nudge", 2)
    assert second.due_at == at("2026-12-07T09:00")
    history.append(followup("nudge", 2, at("2026-12-07T09:00")))
    assert decide_next_followup(a, history, at("2027-02-01T10:00"), S, BERLIN) is None


def test_undated_cadence_counts_quiet_from_the_helpers_last_message() -> None:
    """A reply from the helper ("working on it") restarts the quiet spell."""
    a = ask(due=None, due_phrase="", last_helper_at=at("2026-11-18T15:00"), state="acknowledged")
    history = [followup("checkin", 1, at("2026-11-09T09:00"))]
    plan = decide_next_followup(a, history, at("2026-11-19T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "nudge"
    assert plan.due_at == at("2026-12-02T09:00")  # 10 business days after Wed 18 Nov


def test_undated_cadence_is_configurable() -> None:
    settings = replace(S, checkin_quiet_days=3, undated_nudge_days=4, nudge_max=1)
    a = ask(due=None, due_phrase="")
    plan = decide_next_followup(a, [], at("2026-11-02T10:00"), settings, BERLIN)
    assert plan is not None and plan.due_at == at("2026-11-05T09:00")
    history = [followup("checkin", 1, at("2026-11-05T09:00"))]
    nudge = decide_next_followup(a, history, at("2026-11-05T10:00"), settings, BERLIN)
    assert nudge is not None and nudge.due_at == at("2026-11-11T09:00")
    history.append(followup("nudge", 1, at("2026-11-11T09:00")))
    assert decide_next_followup(a, history, at("2026-12-30T10:00"), settings, BERLIN) is None


def test_meeting_shaped_calendar_ask_is_thanked_after_the_meeting_never_nudged() -> None:
    phrase = decide_calendar_phrase("Ask: Grace — mock interview #ask", helper_names=["Grace"])
    assert phrase.kind == "meeting"
    meeting = at("2026-11-12T14:00")
    a = ask(source_kind="calendar", due=meeting, phrase=phrase)
    before = decide_next_followup(a, [], at("2026-11-10T10:00"), S, BERLIN)
    assert before is not None and before.kind == "thanks"  # no check-in before it
    assert before.due_at == at("2026-11-12T15:00")  # after the meeting, in working hours
    after = decide_next_followup(a, [], at("2026-11-13T10:00"), S, BERLIN)
    assert after is not None and after.kind == "thanks" and "meeting took place" in after.reason
    history = [followup("thanks", 1, at("2026-11-13T09:00"))]
    assert decide_next_followup(a, history, at("2026-12-30T10:00"), S, BERLIN) is None
    closed = ask(
        source_kind="calendar", due=meeting, phrase=phrase, state="closed", outcome="hired"
    )
    outcome = decide_next_followup(closed, history, at("2026-12-01T10:00"), S, BERLIN)
    assert outcome is not None and outcome.kind == "outcome"


def test_a_meeting_asked_by_mail_and_accepted_for_a_date_is_thanked_after_not_nudged() -> None:
    phrase = decide_ask_phrase(
        "mail", "Can we meet on Friday to go over the hiring plan?", "", [Address("k@x", "Kai")]
    )
    assert phrase.kind == "meeting"
    meeting = at("2026-11-13T10:00")
    yes = ask(
        due=meeting, phrase=phrase, state="acknowledged", last_helper_at=at("2026-11-03T09:00")
    )
    after = decide_next_followup(yes, [], at("2026-11-16T10:00"), S, BERLIN)
    assert after is not None and after.kind == "thanks" and "meeting took place" in after.reason
    # no yes yet: it is still asked about (a nudge once the date passed, never a thank-you)
    unanswered = ask(due=meeting, phrase=phrase)
    plan = decide_next_followup(unanswered, [], at("2026-11-17T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "nudge"


def test_calendar_ask_for_an_action_is_still_nudged() -> None:
    phrase = decide_calendar_phrase("Ask: Priya - review Q3 budget", helper_names=["Priya"])
    a = ask(source_kind="calendar", due=at("2026-11-12T14:00"), phrase=phrase)
    plan = decide_next_followup(a, [], at("2026-11-16T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "nudge"


@pytest.mark.parametrize("state", ["delivered", "declined"])
def test_thank_you_as_soon_as_help_arrives_or_is_declined(state: str) -> None:
    a = ask(state=state, state_at=at("2026-11-04T14:00"), last_helper_at=at("2026-11-04T14:00"))
    plan = decide_next_followup(a, [], at("2026-11-04T14:05"), S, BERLIN)
    assert plan is not None and plan.kind == "thanks" and not plan.skip
    assert plan.due_at == at("2026-11-04T14:00")


def test_no_thank_you_when_the_user_already_thanked() -> None:
    a = ask(
        state="delivered",
        state_at=at("2026-11-04T14:00"),
        last_helper_at=at("2026-11-04T14:00"),
        thanked_at=at("2026-11-04T15:00"),
    )
    plan = decide_next_followup(a, [], at("2026-11-04T16:00"), S, BERLIN)
    assert plan is not None and plan.kind == "thanks" and plan.skip


def test_outcome_note_after_the_thank_you() -> None:
    a = ask(
        state="delivered", outcome="the board approved the deck", state_at=at("2026-11-20T10:00")
    )
    plan = decide_next_followup(
        a, [followup("thanks", 1, at("2026-11-05T10:00"))], at("2026-11-20T10:00"), S, BERLIN
    )
    assert plan is not None and plan.kind == "outcome"
    done = [
        followup("thanks", 1, at("2026-11-05T10:00")),
        followup("outcome", 1, at("2026-11-20T10:00")),
    ]
    assert decide_next_followup(a, done, at("2026-11-21T10:00"), S, BERLIN) is None


def test_nothing_after_cancel_or_for_suggestions() -> None:
    assert (
        decide_next_followup(ask(state="cancelled"), [], at("2026-12-01T10:00"), S, BERLIN) is None
    )
    assert (
        decide_next_followup(ask(status="suggested"), [], at("2026-12-01T10:00"), S, BERLIN) is None
    )


def test_out_of_office_postpones_the_next_follow_up() -> None:
    a = ask(paused_until=at("2026-11-25T09:00"))
    plan = decide_next_followup(
        a, [followup("checkin", 1, at("2026-11-09T09:00"))], at("2026-11-16T10:00"), S, BERLIN
    )
    assert plan is not None and plan.kind == "nudge"
    assert plan.due_at == at("2026-11-25T09:00")


def test_deleted_step_is_never_planned_again() -> None:
    a = ask(state="delivered", state_at=at("2026-11-04T14:00"))
    plan = decide_next_followup(
        a,
        [followup("thanks", 1, at("2026-11-04T14:00"), "deleted")],
        at("2026-11-05T10:00"),
        S,
        BERLIN,
    )
    assert plan is None


def test_months_and_timezones_do_not_shift_days() -> None:
    ny = ZoneInfo("America/New_York")
    c = Calendar.of(S, ny)
    assert c.add_days(datetime(2026, 2, 27, 12, tzinfo=ny), 1) == datetime(2026, 3, 2, 9, tzinfo=ny)
    assert c.add_days(datetime(2026, 3, 6, 12, tzinfo=ny), 1) == datetime(2026, 3, 9, 9, tzinfo=ny)
    delta = c.add_days(datetime(2026, 3, 6, 12, tzinfo=ny), 1) - datetime(2026, 3, 6, 12, tzinfo=ny)
    assert delta == timedelta(days=2, hours=21)  # wall-clock arithmetic across DST


def test_no_check_in_once_the_due_date_has_passed() -> None:
    # first seen after the due date (say, a first scan): nudge, do not check in
    plan = decide_next_followup(ask(), [], at("2026-11-16T10:00"), S, BERLIN)
    assert plan is not None and plan.kind == "nudge"


def test_a_question_back_waits_for_the_users_answer() -> None:
    now = at("2026-12-01T10:00")
    asked = ask(question_at=at("2026-11-04T11:00"), last_helper_at=at("2026-11-04T11:00"))
    assert decide_next_followup(asked, [], now, S, BERLIN) is None  # no chasing meanwhile
    answered = ask(
        question_at=at("2026-11-04T11:00"),
        last_helper_at=at("2026-11-04T11:00"),
        last_user_at=at("2026-11-04T15:00"),
    )
    plan = decide_next_followup(answered, [], now, S, BERLIN)
    assert plan is not None and plan.kind == "nudge"
    # once done, a question no longer holds anything back: the thank-you comes
    delivered = ask(
        state="delivered", state_at=at("2026-11-05T10:00"), question_at=at("2026-11-04T11:00")
    )
    plan = decide_next_followup(delivered, [], now, S, BERLIN)
    assert plan is not None and plan.kind == "thanks"
