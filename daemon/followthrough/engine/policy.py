"""What follow-up an ask needs next, and when. Pure: no I/O, ``now`` is an argument.

The rules are DESIGN.md's follow-up table, counted in business days in the user's
time zone. A follow-up step that exists in the ledger in any state (drafted, sent,
edited, deleted, skipped) is never planned again.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from followthrough.config.behaviour import PolicySettings
from followthrough.model import ACTIVE_STATES, Ask, Followup, FollowupKind

MEETING_LENGTH = timedelta(hours=1)  # a thank-you is due no sooner than this after the start


@dataclass(frozen=True, slots=True)
class Planned:
    """The next follow-up for an ask: what, when, and why then."""

    kind: FollowupKind
    seq: int
    due_at: datetime
    reason: str
    skip: str = ""  # non-empty: record this step as skipped, with this reason, instead of drafting


@dataclass(frozen=True, slots=True)
class Calendar:
    """Business days in the user's zone: working weekdays that are not public holidays,
    and working hours from ``start`` to ``end`` (quiet hours outside them)."""

    tz: ZoneInfo
    workdays: frozenset[int]
    start: time
    end: time = time(18, 0)
    off: Container[date] = frozenset()

    @classmethod
    def of(cls, settings: PolicySettings, tz: ZoneInfo) -> Calendar:
        return cls(
            tz,
            frozenset(settings.workdays),
            settings.draft_time,
            settings.quiet_after,
            public_holidays(settings.holidays),
        )

    def is_workday(self, day: date) -> bool:
        return day.weekday() in self.workdays and day not in self.off

    def add_days(self, moment: datetime, n: int) -> datetime:
        """The start of the working day ``n`` business days after ``moment``'s day."""
        day = moment.astimezone(self.tz).date()
        if not self.workdays:
            return self.at_start(day + timedelta(days=n))
        added = 0
        while added < n:
            day += timedelta(days=1)
            if self.is_workday(day):
                added += 1
        while not self.is_workday(day):
            day += timedelta(days=1)
        return self.at_start(day)

    def days_between(self, a: datetime, b: datetime) -> int:
        """Business days from ``a``'s day to ``b``'s day (0 on the same day; never negative)."""
        da, db = a.astimezone(self.tz).date(), b.astimezone(self.tz).date()
        count = 0
        while da < db:
            da += timedelta(days=1)
            if self.is_workday(da):
                count += 1
        return count

    def at_start(self, day: date) -> datetime:
        return datetime.combine(day, self.start, tzinfo=self.tz)

    def working_moment(self, moment: datetime) -> datetime:
        """``moment`` if it falls in working hours, else the next start of a working day."""
        local = moment.astimezone(self.tz)
        day = local.date()
        if self.is_workday(day):
            if local.time() < self.start:
                return self.at_start(day)
            if local.time() < self.end:
                return local
        day += timedelta(days=1)
        while self.workdays and not self.is_workday(day):
            day += timedelta(days=1)
        return self.at_start(day)


@lru_cache(maxsize=8)
def public_holidays(code: str) -> Container[date]:
    """The public holidays of ``code`` ("DE", "GB-SCT"), or none for "". Computed lazily
    per year by the holidays package (pure computation, no I/O)."""
    if not code:
        return frozenset()
    import holidays

    country, _, subdiv = code.partition("-")
    result: Container[date] = holidays.country_holidays(country, subdiv=subdiv or None)
    return result


def decide_next_followup(
    ask: Ask,
    followups: Sequence[Followup],
    now: datetime,
    settings: PolicySettings,
    tz: ZoneInfo,
    *,
    manager_known: bool = False,
) -> Planned | None:
    """The next follow-up step for ``ask`` (due now or later), or None when nothing is left.

    ``manager_known``: a praise note is possible (the ask opted in and contacts.toml
    names a helper's manager)."""
    if ask.status != "tracked" or ask.state == "cancelled":
        return None
    cal = Calendar.of(settings, tz)
    done: set[tuple[str, int]] = {(f.kind, f.seq) for f in followups}

    def later(at: datetime) -> datetime:
        if ask.paused_until is not None and at < ask.paused_until:
            return cal.working_moment(ask.paused_until)
        return at

    if ask.state in ACTIVE_STATES:
        if waiting_for_user(ask):
            return None  # they asked you something: no chasing until you answer
        return _plan_active(ask, followups, done, cal, settings, later, now)

    # delivered, declined or closed: say thank you, then tell them how it turned out
    wants_thanks = ask.state != "declined" or settings.thank_declined
    if ("thanks", 1) not in done and wants_thanks:
        if ask.thanked_at is not None and ask.thanked_at >= _helped_at(ask):
            return Planned(
                "thanks",
                1,
                ask.thanked_at,
                "you already thanked them in the thread",
                skip="already thanked in the thread",
            )
        elif ask.outcome and ask.state != "declined":
            return Planned(
                "thanks",
                1,
                cal.working_moment(ask.state_at),
                "the outcome note thanks them too",
                skip="covered by the outcome note",
            )
        else:
            why = (
                "they declined: thank them for considering it"
                if ask.state == "declined"
                else ("help arrived: say thank you while it is fresh")
            )
            return Planned("thanks", 1, cal.working_moment(ask.state_at), why)
    if ask.praise and manager_known and ask.state != "declined" and ("praise", 1) not in done:
        return Planned(
            "praise",
            1,
            cal.working_moment(ask.state_at),
            "you chose to recognise their help in front of their manager",
        )
    if ask.outcome and ("outcome", 1) not in done:
        return Planned(
            "outcome",
            1,
            cal.working_moment(ask.state_at),
            "you recorded an outcome: tell them how their help turned out",
        )
    return None


def _helped_at(ask: Ask) -> datetime:
    """When the helper's answer came in (for 'already thanked?' comparisons)."""
    return ask.last_helper_at or ask.asked_at


def waiting_for_user(ask: Ask) -> bool:
    """The helper's last question back has had no message from the user since."""
    return ask.question_at is not None and (
        ask.last_user_at is None or ask.last_user_at < ask.question_at
    )


def _plan_active(
    ask: Ask,
    followups: Sequence[Followup],
    done: set[tuple[str, int]],
    cal: Calendar,
    settings: PolicySettings,
    later: Callable[[datetime], datetime],
    now: datetime,
) -> Planned | None:
    quiet_since = max(t for t in (ask.asked_at, ask.last_helper_at, ask.last_user_at) if t)
    if is_meeting_ask(ask):
        return _plan_meeting(ask, done, cal, later)
    if ask.due is not None:
        # a check-in is only for work under way: once the due date passed, nudge instead
        if ("checkin", 1) not in done and not _any(followups, "nudge") and now < ask.due:
            midpoint = ask.asked_at + (ask.due - ask.asked_at) / 2
            if cal.days_between(ask.asked_at, midpoint) >= settings.checkin_min_days:
                at = cal.working_moment(midpoint)
                if ask.last_helper_at is not None:
                    at = max(at, cal.add_days(ask.last_helper_at, settings.checkin_recent_days))
                at = later(at)
                if at < ask.due:
                    return Planned(
                        "checkin",
                        1,
                        at,
                        f"half-way from the ask ({_day(ask.asked_at, cal)}) to the due date "
                        f"({_day(ask.due, cal)})",
                    )
        nudges = sorted(f.seq for f in followups if f.kind == "nudge")
        seq = (nudges[-1] + 1) if nudges else 1
        if seq > settings.nudge_max:
            return None
        if seq == 1:
            at = cal.add_days(ask.due, settings.nudge_after_days)
            why = (
                f"{settings.nudge_after_days} business day(s) after the due date "
                f"({_day(ask.due, cal)}) with no delivery"
            )
        else:
            previous = max(f.created_at for f in followups if f.kind == "nudge")
            at = cal.add_days(previous, settings.nudge_every_days)
            why = f"{settings.nudge_every_days} business days after nudge #{seq - 1}"
        if ask.last_helper_at is not None and ask.last_helper_at > ask.due:
            at = max(at, cal.add_days(ask.last_helper_at, settings.nudge_after_days))
        if ask.question_at is not None and ask.last_user_at is not None:
            # you answered their question: give them time to use the answer
            answered = cal.add_days(ask.last_user_at, settings.nudge_after_days)
            if answered > at:
                at = answered
                why = (
                    f"{settings.nudge_after_days} business day(s) after you answered their"
                    f" question ({_day(ask.last_user_at, cal)}), still no delivery"
                )
        return Planned("nudge", seq, later(at), why)
    return _plan_undated(ask, followups, done, cal, settings, later, quiet_since)


def _plan_undated(
    ask: Ask,
    followups: Sequence[Followup],
    done: set[tuple[str, int]],
    cal: Calendar,
    settings: PolicySettings,
    later: Callable[[datetime], datetime],
    quiet_since: datetime,
) -> Planned | None:
    """No due date: a check-in after ``checkin_quiet_days`` of quiet, then a gentle nudge
    after ``undated_nudge_days`` more quiet business days (counted from the later of the
    last follow-up and the last message in the thread), at most ``nudge_max`` nudges."""
    if ("checkin", 1) not in done and not _any(followups, "nudge"):
        at = cal.add_days(quiet_since, settings.checkin_quiet_days)
        return Planned(
            "checkin",
            1,
            later(at),
            f"no due date and {settings.checkin_quiet_days} business days of quiet since "
            f"{_day(quiet_since, cal)}",
        )
    nudges = sorted(f.seq for f in followups if f.kind == "nudge")
    seq = (nudges[-1] + 1) if nudges else 1
    if seq > settings.nudge_max:
        return None
    previous = max(
        (f.created_at for f in followups if f.kind in ("checkin", "nudge")), default=quiet_since
    )
    since = max(previous, quiet_since)
    at = cal.add_days(since, settings.undated_nudge_days)
    what = "the check-in" if seq == 1 else f"nudge #{seq - 1}"
    return Planned(
        "nudge",
        seq,
        later(at),
        f"no due date: {settings.undated_nudge_days} business days of quiet after {what} "
        f"({_day(since, cal)}); nudge {seq} of at most {settings.nudge_max}",
    )


def is_meeting_ask(ask: Ask) -> bool:
    """A meeting-shaped calendar ask (the helper is invited to a slot: a mock interview,
    a call), or a meeting asked by mail that the helper said yes to for a date. Nothing
    "comes through" from it: thank them after it, never nudge."""
    return (
        ask.phrase is not None
        and ask.phrase.kind == "meeting"
        and ask.due is not None
        and (ask.source_kind == "calendar" or ask.state == "acknowledged")
    )


def _plan_meeting(
    ask: Ask,
    done: set[tuple[str, int]],
    cal: Calendar,
    later: Callable[[datetime], datetime],
) -> Planned | None:
    """The meeting took place (its start has passed, nothing marked otherwise): a
    thank-you the next working moment after it; the outcome follows once recorded."""
    if ask.due is None or ("thanks", 1) in done:
        return None
    at = later(cal.working_moment(ask.due + MEETING_LENGTH))
    return Planned(
        "thanks",
        1,
        at,
        f"the meeting took place ({_day(ask.due, cal)}): thank them for their time",
    )


def _any(followups: Sequence[Followup], kind: str) -> bool:
    return any(f.kind == kind for f in followups)


def _day(moment: datetime, cal: Calendar) -> str:
    return moment.astimezone(cal.tz).strftime("%a %d %b")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A follow-up due now for one ask, addressed to ``recipients`` (emails)."""

    ask_id: str
    plan: Planned
    recipients: frozenset[str]


@dataclass(frozen=True, slots=True)
class Sent:
    """A follow-up already drafted (whatever became of it), for cooldown and the cap."""

    created_at: datetime
    recipients: frozenset[str]


@dataclass(frozen=True, slots=True)
class Schedule:
    now: list[Candidate]
    waiting: list[tuple[Candidate, str]]  # and why it waits


def decide_schedule(
    candidates: Sequence[Candidate],
    history: Sequence[Sent],
    now: datetime,
    settings: PolicySettings,
    tz: ZoneInfo,
) -> Schedule:
    """Which due follow-ups to draft now. Pure.

    - per-helper cooldown: at most one follow-up to the same person every
      ``cooldown_days`` business days, across all asks;
    - a daily cap: at most ``daily_cap`` new drafts per local day; the rest wait,
      most urgent (longest overdue) first.
    """
    cal = Calendar.of(settings, tz)
    today = now.astimezone(tz).date()
    drafted_today = sum(1 for h in history if h.created_at.astimezone(tz).date() == today)
    room = max(settings.daily_cap - drafted_today, 0)
    last_to: dict[str, datetime] = {}
    for h in history:
        for r in h.recipients:
            if r not in last_to or h.created_at > last_to[r]:
                last_to[r] = h.created_at
    ready: list[Candidate] = []
    waiting: list[tuple[Candidate, str]] = []
    for c in sorted(candidates, key=lambda c: (c.plan.due_at, c.ask_id)):
        busy = [
            (r, last_to[r])
            for r in sorted(c.recipients)
            if r in last_to
            and settings.cooldown_days > 0
            and now < cal.add_days(last_to[r], settings.cooldown_days)
        ]
        if busy:
            who, when = busy[0]
            waiting.append(
                (
                    c,
                    f"cooldown: you wrote to {who} on {_day(when, cal)}; next from "
                    f"{_day(cal.add_days(when, settings.cooldown_days), cal)}",
                )
            )
            continue
        if len(ready) >= room:
            waiting.append((c, f"daily cap of {settings.daily_cap} new drafts reached"))
            continue
        ready.append(c)
        for r in c.recipients:
            last_to[r] = now
    return Schedule(ready, waiting)
