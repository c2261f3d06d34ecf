"""The cross-ask schedule: per-helper cooldown and the daily cap always hold."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.config.behaviour import PolicySettings
from followthrough.engine.policy import Calendar, Candidate, Planned, Sent, decide_schedule

TZ = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 2, 9, tzinfo=TZ)
PEOPLE = [f"p{i}@example.org" for i in range(6)]


def cand(ask: str, who: set[str], due: datetime) -> Candidate:
    return Candidate(ask, Planned("nudge", 1, due, "test"), frozenset(who))


def test_cooldown_holds_a_second_follow_up_to_the_same_person() -> None:
    s = PolicySettings(cooldown_days=2, daily_cap=10)
    now = START + timedelta(days=2)
    sched = decide_schedule(
        [cand("a", {"bob@x.org"}, START), cand("b", {"bob@x.org"}, START)], [], now, s, TZ
    )
    assert [c.ask_id for c in sched.now] == ["a"]
    assert sched.waiting[0][1].startswith("cooldown: you wrote to bob@x.org")


def test_daily_cap_counts_what_was_drafted_today_and_takes_the_most_overdue() -> None:
    s = PolicySettings(cooldown_days=0, daily_cap=2)
    now = START + timedelta(days=3, hours=3)
    history = [Sent(now - timedelta(hours=1), frozenset({"x@x.org"}))]
    cands = [
        cand("late", {"a@x.org"}, START),
        cand("later", {"b@x.org"}, START + timedelta(days=1)),
        cand("latest", {"c@x.org"}, START + timedelta(days=2)),
    ]
    sched = decide_schedule(cands, history, now, s, TZ)
    assert [c.ask_id for c in sched.now] == ["late"]
    assert all("daily cap" in why for _, why in sched.waiting)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 20),  # day offset of the pass
            st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(0, 3)), max_size=8),
        ),
        max_size=12,
    ),
    st.integers(0, 4),
    st.integers(1, 5),
)
def test_cooldown_and_cap_always_hold(
    passes: list[tuple[int, list[tuple[str, int]]]], cooldown: int, cap: int
) -> None:
    """Simulate passes on increasing days; whatever is due, what gets drafted obeys both."""
    s = PolicySettings(cooldown_days=cooldown, daily_cap=cap)
    cal = Calendar.of(s, TZ)
    history: list[Sent] = []
    for n, (offset, wanted) in enumerate(sorted(passes, key=lambda p: p[0])):
        now = cal.working_moment(START + timedelta(days=offset, minutes=n))
        cands = [
            cand(f"{n}-{i}", {who}, now - timedelta(days=late))
            for i, (who, late) in enumerate(wanted)
        ]
        sched = decide_schedule(cands, history, now, s, TZ)
        history += [Sent(now, c.recipients) for c in sched.now]
        assert len(sched.now) + len(sched.waiting) == len(cands)
    by_day: dict[object, int] = {}
    for h in history:
        day = h.created_at.date()
        by_day[day] = by_day.get(day, 0) + 1
    assert all(count <= cap for count in by_day.values())
    for person in PEOPLE:
        times = sorted(h.created_at for h in history if person in h.recipients)
        for a, b in itertools.pairwise(times):
            assert b >= cal.add_days(a, cooldown) or cooldown == 0
