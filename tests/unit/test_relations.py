"""Pure decisions beyond single asks: saying an ask back, agendas, asks made of you,
keeping in touch and Plan B (``followthrough.engine.relations``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from followthrough.config.behaviour import PolicySettings, RelationSettings
from followthrough.config.contacts import Contact
from followthrough.engine.policy import Calendar
from followthrough.engine.relations import (
    agenda_due_at,
    cadences,
    decide_agenda,
    decide_agendas,
    decide_keep_in_touch,
    decide_plan_b,
    order_requests,
    plan_b_reason,
)
from followthrough.engine.wording import phrase_of, their_words, topic_words
from followthrough.ledger.relations import Occurrence, PersonNote, Request, Touch, request_id
from followthrough.model import Address, Ask, AskState, Followup

TZ = ZoneInfo("Europe/Berlin")
POLICY = PolicySettings()
REL = RelationSettings()
CAL = Calendar.of(POLICY, TZ)
ME = "alex@example.org"
BOB = Address("bob@example.org", "Bob Chen")
CAROL = Address("carol@example.org", "Carol Diaz")
DAVE = Address("dave@example.org", "Dave Evans")
ERIN = Address("erin@example.org", "Erin Fox")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def ask(
    aid: str,
    what: str,
    helper: Address,
    state: AskState = "open",
    *,
    asked: str = "2026-11-02T10:00",
    state_at: str | None = None,
    due: str | None = None,
) -> Ask:
    return Ask(
        id=aid,
        source_kind="mail",
        source_key=f"{aid}@x",
        what=what,
        subject="",
        helpers=(helper,),
        asked_at=at(asked),
        due=at(due) if due else None,
        due_phrase="",
        state=state,
        status="tracked",
        outcome=None,
        thread_root=None,
        conversation=None,
        praise=False,
        last_helper_at=None,
        last_user_at=None,
        thanked_at=None,
        state_at=at(state_at or asked),
    )


def request(
    mid: str,
    who: Address,
    what: str,
    state: str = "open",
    *,
    asked: str = "2026-11-03T10:00",
    state_at: str | None = None,
    due: str | None = None,
) -> Request:
    return Request(
        request_id(mid),
        mid,
        who,
        "",
        what,
        at(asked),
        at(due) if due else None,
        "",
        state,  # type: ignore[arg-type]
        at(state_at or asked),
    )


def occurrence(start: str, *people: Address, uid: str = "one") -> Occurrence:
    return Occurrence(f"{uid}@{at(start).isoformat()}", uid, at(start), "Bob / Alex 1:1", people)


def touch(kind: str, person: str, occasion: str, created: str, state: str = "drafted") -> Touch:
    return Touch(
        f"{kind}-{person}-{occasion}",
        kind,  # type: ignore[arg-type]
        person,
        occasion,
        at(created),
        state,  # type: ignore[arg-type]
        "ref",
        None,
        "mid",
        "",
        "",
        at(created),
        at(created),
    )


def followup(aid: str, kind: str, seq: int, created: str, to: str, state: str = "sent") -> Followup:
    return Followup(
        f"{aid}-{kind}{seq}",
        aid,
        kind,  # type: ignore[arg-type]
        seq,
        at(created),
        state,  # type: ignore[arg-type]
        None,
        None,
        None,
        (to,),
        "",
        at(created),
        at(created),
    )


# --- saying an ask back -------------------------------------------------------------------


def test_an_ask_starting_with_a_verb_gets_its_gerund_and_topic() -> None:
    p = phrase_of("send me the onboarding checklist")
    assert (p.base, p.gerund, p.topic) == (
        "send me the onboarding checklist",
        "sending me the onboarding checklist",
        "the onboarding checklist",
    )
    assert phrase_of("share the Q4 numbers").gerund == "sharing the Q4 numbers"
    assert phrase_of("get the keys").gerund == "getting the keys"


def test_an_ask_without_a_verb_is_said_plainly_not_broken() -> None:
    p = phrase_of("Bob — intro to Acme CTO")
    assert p.base is None and p.gerund is None
    assert p.topic == "Bob — intro to Acme CTO"


def test_their_request_is_said_back_in_their_words() -> None:
    assert their_words("review my talk proposal and send me notes") == (
        "review your talk proposal and send you notes"
    )


def test_topic_words_ignore_verbs_and_filler_and_fold_plurals() -> None:
    assert topic_words("review the Q3 budget decks by Friday") == {"q3", "budget", "deck"}


# --- standing check-ins -------------------------------------------------------------------


def test_the_agenda_is_due_the_working_day_before_or_that_morning() -> None:
    monday = at("2026-11-09T10:00")
    assert agenda_due_at(monday, 1, CAL) == at("2026-11-06T09:00")  # Friday before
    assert agenda_due_at(monday, 0, CAL) == at("2026-11-09T09:00")
    holidays = Calendar(TZ, frozenset(range(5)), POLICY.draft_time, off={at("2026-11-06").date()})
    assert agenda_due_at(monday, 1, holidays) == at("2026-11-05T09:00")


def test_only_the_next_occurrence_gets_an_agenda_once_and_not_before_it_is_due() -> None:
    occs = [occurrence(d, BOB) for d in ("2026-11-05T10:00", "2026-11-12T10:00")]
    assert decide_agendas(occs, [], at("2026-11-04T08:59"), REL, CAL) == ([], [])
    due, _ = decide_agendas(occs, [], at("2026-11-04T09:00"), REL, CAL)
    assert [(d.occurrence.start, d.person) for d in due] == [(at("2026-11-05T10:00"), BOB)]
    assert due[0].since == at("2026-10-22T10:00")  # no earlier occurrence: two weeks back
    done = [touch("agenda", BOB.email, occs[0].key, "2026-11-04T09:00")]
    assert decide_agendas(occs, done, at("2026-11-04T15:00"), REL, CAL) == ([], [])
    due, _ = decide_agendas(occs, done, at("2026-11-11T09:30"), REL, CAL)
    assert due[0].occurrence == occs[1] and due[0].since == occs[0].start


def test_a_group_meeting_tagged_checkin_gets_no_agenda_and_says_why() -> None:
    occs = [occurrence("2026-11-05T10:00", BOB, CAROL, uid="team")]
    due, why = decide_agendas(occs, [], at("2026-11-04T10:00"), REL, CAL)
    assert due == []
    assert "2 other attendees" in why[0] and "one-to-one" in why[0]


def test_the_agenda_holds_both_directions_since_last_time_and_notes_for_them_only() -> None:
    since, now = at("2026-11-05T10:00"), at("2026-11-11T09:00")
    asks = [
        ask("a1", "review the deck", BOB, "acknowledged"),
        ask("a2", "share the numbers", BOB, "delivered", state_at="2026-11-06T12:00"),
        ask("a3", "send the plan", BOB, "delivered", state_at="2026-11-01T12:00"),  # before
        ask("a4", "check the contract", CAROL),  # someone else
        ask("a5", "book the room", BOB, "cancelled"),
    ]
    requests = [
        request("r1", BOB, "read my proposal"),
        request(
            "r2",
            BOB,
            "send me the slides",
            "answered",
            asked="2026-11-04T10:00",
            state_at="2026-11-06T09:00",
        ),
        request("r3", BOB, "review my talk", "done", state_at="2026-11-09T09:00"),
        request("r4", BOB, "fix the wiki", "done", state_at="2026-10-09T09:00"),  # before
        request("r5", CAROL, "call me"),
    ]
    notes = [
        PersonNote(1, BOB.email, "the offsite", at("2026-11-06T09:00"), None),
        PersonNote(2, CAROL.email, "her promotion", at("2026-11-06T09:00"), None),
    ]
    agenda = decide_agenda(BOB.email, asks, requests, notes, since, now)
    assert [a.id for a in agenda.mine] == ["a1"]
    assert [a.id for a in agenda.thanks] == ["a2"]
    assert [r.message_id for r in agenda.theirs] == ["r1", "r2"]
    assert [r.message_id for r in agenda.delivered] == ["r3"]
    assert [n.text for n in agenda.notes] == ["the offsite"]
    assert not agenda.empty
    assert decide_agenda(BOB.email, asks[2:], [], [], since, now).empty


# --- asks made of the user ------------------------------------------------------------------


def test_requests_from_recent_helpers_come_first_then_by_due_date() -> None:
    now = at("2026-11-10T10:00")
    helped = {BOB.email: at("2026-11-06T10:00"), DAVE.email: at("2026-09-01T10:00")}
    rs = [
        request("old-helper", DAVE, "a", asked="2026-11-01T10:00"),
        request("no-date", CAROL, "b", asked="2026-11-02T10:00"),
        request("dated", ERIN, "c", asked="2026-11-09T10:00", due="2026-11-12T10:00"),
        request("recent-helper", BOB, "d", asked="2026-11-09T12:00"),
    ]
    ordered = order_requests(rs, helped, now, 30)
    assert [r.message_id for r in ordered] == ["recent-helper", "dated", "old-helper", "no-date"]


# --- keep in touch -------------------------------------------------------------------------


def test_cadence_from_contacts_or_the_default_for_helpers_and_never_means_never() -> None:
    contacts = {
        CAROL.email: Contact(CAROL.email, "Carol Diaz", keep_in_touch=42),
        DAVE.email: Contact(DAVE.email, "Dave", keep_in_touch=0),
    }
    assert cadences(contacts, [BOB, DAVE], None, ME) == {CAROL.email: (CAROL, 42)}
    with_default = cadences(contacts, [BOB, DAVE], 56, ME)
    assert with_default == {CAROL.email: (CAROL, 42), BOB.email: (BOB, 56)}


def keep(
    people: dict[str, tuple[Address, int]],
    last: dict[str, datetime],
    now: str,
    *,
    asks: list[Ask] | None = None,
    requests: list[Request] | None = None,
    touches: list[Touch] | None = None,
    followups: list[Followup] | None = None,
) -> tuple[object, list[tuple[str, str]]]:
    return decide_keep_in_touch(
        people,
        last,
        asks or [],
        requests or [],
        touches or [],
        followups or [],
        at("2026-09-01T09:00"),
        at(now),
        REL,
        POLICY,
        CAL,
    )


def test_a_lapsed_cadence_drafts_one_note_and_not_before_it_lapses() -> None:
    people = {CAROL.email: (CAROL, 28)}
    last = {CAROL.email: at("2026-10-11T18:00")}
    assert keep(people, last, "2026-11-06T10:00")[0] is None
    plan, _ = keep(people, last, "2026-11-09T09:30")
    assert plan is not None and plan.person == CAROL  # type: ignore[attr-defined]
    assert "11 Oct" in plan.reason  # type: ignore[attr-defined]
    assert keep(people, last, "2026-11-08T10:00")[0] is None  # a Sunday
    assert keep(people, last, "2026-11-09T07:00")[0] is None  # before draft_time


def test_never_to_someone_with_an_open_ask_a_recent_decline_or_waiting_on_you() -> None:
    people = {CAROL.email: (CAROL, 28)}
    last = {CAROL.email: at("2026-10-01T10:00")}
    now = "2026-11-09T10:00"
    open_ask = ask("a1", "check the contract", CAROL, asked="2026-09-20T10:00")
    plan, held = keep(people, last, now, asks=[open_ask])
    assert plan is None and "open ask" in held[0][1]
    declined = ask(
        "a2", "x", CAROL, "declined", asked="2026-09-20T10:00", state_at="2026-10-20T10:00"
    )
    plan, held = keep(people, last, now, asks=[declined])
    assert plan is None and "declined" in held[0][1]
    old_decline = ask(
        "a3", "x", CAROL, "declined", asked="2026-08-20T10:00", state_at="2026-08-21T10:00"
    )
    assert keep(people, last, now, asks=[old_decline])[0] is not None
    plan, held = keep(people, last, now, requests=[request("r", CAROL, "call me")])
    assert plan is None and "waiting on you" in held[0][1]


def test_at_most_one_note_a_day_in_all_the_longest_lapsed_first() -> None:
    people = {CAROL.email: (CAROL, 28), DAVE.email: (DAVE, 28)}
    last = {CAROL.email: at("2026-10-05T10:00"), DAVE.email: at("2026-09-20T10:00")}
    plan, held = keep(people, last, "2026-11-09T10:00")
    assert plan is not None and plan.person == DAVE  # type: ignore[attr-defined]
    assert held == [(CAROL.email, "one keep-in-touch note a day at most")]
    today = [touch("keep", DAVE.email, "2026-11-09", "2026-11-09T09:30")]
    assert keep(people, last, "2026-11-09T15:00", touches=today)[0] is None
    # the next day, Carol's turn; Dave's note (waiting in Drafts) counts as contact
    plan, _ = keep(people, last, "2026-11-10T10:00", touches=today)
    assert plan is not None and plan.person == CAROL  # type: ignore[attr-defined]


def test_a_recent_follow_up_counts_as_contact_and_a_pending_draft_blocks() -> None:
    people = {CAROL.email: (CAROL, 28)}
    last = {CAROL.email: at("2026-09-01T10:00")}
    sent = [followup("a1", "thanks", 1, "2026-10-20T10:00", CAROL.email)]
    assert keep(people, last, "2026-11-09T10:00", followups=sent)[0] is None
    pending = [followup("a1", "outcome", 1, "2026-09-10T10:00", CAROL.email, "drafted")]
    plan, held = keep(people, last, "2026-11-09T10:00", followups=pending)
    assert plan is None and "waiting" in held[0][1]


# --- Plan B ---------------------------------------------------------------------------------


def test_plan_b_is_needed_after_a_decline_or_after_the_last_nudge_went_unanswered() -> None:
    declined = ask("a1", "x", BOB, "declined", state_at="2026-11-03T12:00")
    assert plan_b_reason(declined, [], at("2026-11-03T13:00"), POLICY, CAL) == (
        "declined on Tue 03 Nov"
    )
    stalled = ask("a2", "x", BOB, due="2026-11-06T17:00")
    nudges = [
        followup("a2", "nudge", 1, "2026-11-09T09:00", BOB.email),
        followup("a2", "nudge", 2, "2026-11-16T09:00", BOB.email),
    ]
    assert plan_b_reason(stalled, nudges[:1], at("2026-12-01T10:00"), POLICY, CAL) is None
    assert plan_b_reason(stalled, nudges, at("2026-11-20T10:00"), POLICY, CAL) is None
    assert plan_b_reason(stalled, nudges, at("2026-11-23T09:00"), POLICY, CAL) == (
        "no delivery after the last nudge (Mon 16 Nov)"
    )
    delivered = ask("a3", "x", BOB, "delivered")
    assert plan_b_reason(delivered, nudges, at("2026-12-01T10:00"), POLICY, CAL) is None


def test_plan_b_ranks_similar_recent_unloaded_helpers_and_says_why() -> None:
    now = at("2026-11-04T10:00")
    target = ask("t", "review the Q3 budget deck", ERIN, "declined")
    asks = [
        target,
        ask("d1", "review the Q2 budget deck", DAVE, "delivered", state_at="2026-10-20T15:00"),
        ask("c1", "check the budget forecast", CAROL, "delivered", state_at="2026-10-21T15:00"),
        ask("c2", "send the rota", CAROL, "open"),
        ask("c3", "book the hall", CAROL, "acknowledged"),
        ask("b1", "send the onboarding checklist", BOB, "delivered", state_at="2026-10-30T15:00"),
        ask("e1", "proofread the budget memo", ERIN, "delivered", state_at="2026-10-01T15:00"),
    ]
    found = decide_plan_b(target, asks, {}, now, me=ME, limit=3, busy_threshold=3, cal=CAL)
    assert [a.person for a in found] == [DAVE, CAROL]  # not Bob (nothing similar), not Erin
    assert found[0].reasons[0] == "helped with 'reviewing the Q2 budget deck' (20 Oct 2026)"
    assert "no open asks of yours" in found[0].reasons
    assert "carries 2 open ask(s) of yours" in found[1].reasons
    assert found[0].similar is not None and found[0].similar.id == "d1"


def test_plan_b_counts_contact_notes_and_keeps_to_the_limit() -> None:
    target = ask("t", "review the budget deck", ERIN, "declined")
    contacts = {"fin@example.org": Contact("fin@example.org", "Fin", notes="owns the budget")}
    asks = [
        target,
        ask("d1", "review the budget plan", DAVE, "delivered", state_at="2026-10-20T15:00"),
    ]
    found = decide_plan_b(
        target, asks, contacts, at("2026-11-04T10:00"), me=ME, limit=1, busy_threshold=3, cal=CAL
    )
    assert [a.person.email for a in found] == [DAVE.email]
    both = decide_plan_b(
        target, asks, contacts, at("2026-11-04T10:00"), me=ME, limit=3, busy_threshold=3, cal=CAL
    )
    assert both[1].person == Address("fin@example.org", "Fin")
    assert both[1].reasons[0] == "your notes: 'owns the budget'"


def test_a_busy_helper_drops_below_a_free_one() -> None:
    target = ask("t", "review the budget deck", ERIN, "declined")
    asks = [
        target,
        ask("d1", "review the budget plan", DAVE, "delivered", state_at="2026-10-20T15:00"),
        ask("c1", "review the budget memo", CAROL, "delivered", state_at="2026-10-20T15:00"),
        *(ask(f"o{i}", "something", DAVE, "open") for i in range(3)),
    ]
    found = decide_plan_b(
        target, asks, {}, at("2026-11-04T10:00"), me=ME, limit=3, busy_threshold=3, cal=CAL
    )
    assert [a.person for a in found] == [CAROL, DAVE]
    assert "already carries 3 of your open asks" in found[1].reasons


def test_monthly_cadence_days_and_unknown_since_counts_from_the_first_pass() -> None:
    people = {CAROL.email: (CAROL, 60)}
    assert keep(people, {}, "2026-10-30T10:00")[0] is None  # watching since 1 Sep
    assert keep(people, {}, "2026-11-02T10:00")[0] is not None
    assert timedelta(days=60) == at("2026-10-31T09:00") - at("2026-09-01T09:00")
