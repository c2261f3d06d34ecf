"""What comes next for each ask, and why: the one answer `scan`, `show`, `status` and the
digest all use, so they can never disagree.

A thin layer over ``policy``: ``policy.decide_next_followup`` says which step an ask
needs and when, ``policy.decide_schedule`` which due steps the per-helper cooldown and
the daily cap let through today. The planner adds what only the ledger knows — the
drafts already waiting, a stale check-in a nudge replaces, a draft made obsolete by
delivery, steps skipped on the way, and the history the cooldown counts — and returns
one :class:`Step` per ask. It reads the ledger and writes nothing; the pass carries out
the steps (``drafting.DraftSteps``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from followthrough.config.contacts import Contact, load_contacts
from followthrough.config.settings import Settings
from followthrough.engine.policy import (
    Candidate,
    Planned,
    Sent,
    decide_next_followup,
    decide_schedule,
    waiting_for_user,
)
from followthrough.ledger import Ledger
from followthrough.model import ACTIVE_STATES, Address, Ask, Followup

# What a step is:
#   "draft"    due now and the schedule allows it: the next pass drafts it
#   "waits"    due now, held back by the cooldown or the daily cap (``why`` says which)
#   "later"    not due yet (``plan.due_at`` says when)
#   "pending"  a draft is waiting for the user to send, edit or delete it
#   "question" the helper asked the user something: nothing until the user answers
#   "untracked" a suggested ask: nothing until the user tracks it
#   "none"     nothing more is planned
Action = Literal["draft", "waits", "later", "pending", "question", "untracked", "none"]
MAX_SKIPS = 4  # a skipped step lets the next one be planned at once


@dataclass(frozen=True, slots=True)
class Step:
    """What comes next for one ask, and why (one sentence)."""

    ask: Ask
    action: Action
    why: str
    plan: Planned | None = None
    pending: Followup | None = None  # the draft waiting for the user
    obsolete: Followup | None = None  # an unsent check-in/nudge the ask no longer needs
    stale: Followup | None = None  # an unsent check-in/nudge the planned step replaces
    skips: tuple[Planned, ...] = ()  # steps recorded as skipped on the way to ``plan``
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()

    def line(self, tz: ZoneInfo) -> str:
        """``next: …`` as `show` prints it."""
        if self.plan is None or self.action in ("pending", "question", "untracked", "none"):
            return f"next: {self.why}"
        when = self.plan.due_at.astimezone(tz).strftime("%a %d %b %Y %H:%M")
        if self.action == "draft":
            return f"next: {self.plan.kind} now (due {when}), because {self.plan.reason}"
        if self.action == "waits":
            return f"next: {self.plan.kind} due {when}, but it waits: {self.why}"
        return f"next: {self.plan.kind} on {when}, because {self.plan.reason}"

    def brief(self, tz: ZoneInfo) -> str:
        """A few words for the digest and `status`: "nudge on Thu 12 Nov"."""
        kind = KIND_WORDS.get(self.plan.kind, self.plan.kind) if self.plan else ""
        if self.action == "draft":
            return f"{kind} drafted at the next pass"
        if self.action == "waits":
            return f"{kind} waits ({self.why.partition(':')[0]})"
        if self.action == "later" and self.plan is not None:
            return f"{kind} on {self.plan.due_at.astimezone(tz):%a %-d %b}"
        if self.action == "pending":
            return "a draft is waiting for you"
        if self.action == "question":
            return "they wait for your answer"
        return ""


KIND_WORDS = {"checkin": "check-in", "thanks": "thank-you", "outcome": "outcome note"}


@dataclass(frozen=True, slots=True)
class Plan:
    """Every ask's next step, at ``now``."""

    now: datetime
    steps: dict[str, Step] = field(default_factory=dict)

    def by_action(self, *actions: Action) -> list[Step]:
        return [s for s in self.steps.values() if s.action in actions]


def managers_of(ask: Ask, contacts: dict[str, Contact], me: str) -> tuple[Address, ...]:
    """The managers of the ask's helpers, from contacts.toml (praise goes to them)."""
    found: dict[str, Address] = {}
    for helper in ask.helpers:
        contact = contacts.get(helper.email)
        if contact is not None and contact.manager and contact.manager != me:
            boss = contacts.get(contact.manager)
            found[contact.manager] = Address(contact.manager, boss.name if boss else "")
    return tuple(found.values())


class Planner:
    """Answers "what comes next" from the ledger, the settings and ``now``."""

    def __init__(
        self,
        ledger: Ledger,
        settings: Settings,
        now: datetime,
        contacts: dict[str, Contact] | None = None,
    ) -> None:
        self.ledger = ledger
        self.settings = settings
        self.now = now
        self.tz = settings.timezone
        self._contacts = contacts

    @property
    def contacts(self) -> dict[str, Contact]:
        if self._contacts is None:
            self._contacts = load_contacts(self.settings.contacts_path)
        return self._contacts

    def managers_of(self, ask: Ask) -> tuple[Address, ...]:
        return managers_of(ask, self.contacts, self.settings.user.email)

    def recipients(
        self, ask: Ask, plan: Planned
    ) -> tuple[tuple[Address, ...], tuple[Address, ...]]:
        """(To, Cc) of a follow-up: the helpers; for praise, their managers, copying them."""
        if plan.kind == "praise":
            return self.managers_of(ask), ask.helpers
        return ask.helpers, ()

    def decide_plan(self, ask: Ask, followups: list[Followup]) -> Planned | None:
        return decide_next_followup(
            ask,
            followups,
            self.now,
            self.settings.policy,
            self.tz,
            manager_known=ask.praise and bool(self.managers_of(ask)),
        )

    def plan_ask(self, ask: Ask, followups: list[Followup] | None = None) -> Step:
        """The ask's own next step, before the schedule (cooldown, cap) is applied."""
        if followups is None:
            followups = self.ledger.followups(ask.id)
        obsolete = _obsolete_draft(ask, followups)
        if obsolete is not None:
            # retired by the pass (state "replaced"), which then plans the thank-you
            followups = [replace(f, state="replaced") if f is obsolete else f for f in followups]
        stale = None if obsolete is not None else self.stale_draft(ask, followups)
        if stale is not None:
            followups = [f for f in followups if f.id != stale.id]
        pending = next((f for f in followups if f.state in ("drafting", "drafted")), None)
        base = Step(ask, "none", "nothing more is planned", obsolete=obsolete, stale=stale)
        if pending is not None:
            why = f"draft {pending.id} is waiting for you to send, edit or delete it"
            return replace(base, action="pending", why=why, pending=pending)
        if ask.status == "suggested":
            why = f"nothing until you track it (followthrough track {ask.id})"
            return replace(base, action="untracked", why=why)
        if ask.state in ACTIVE_STATES and waiting_for_user(ask) and ask.question_at:
            day = ask.question_at.astimezone(self.tz).strftime("%a %d %b %Y")
            why = f"nothing until you answer their question of {day} (reply in the thread)"
            return replace(base, action="question", why=why)
        skips: list[Planned] = []
        for _ in range(MAX_SKIPS):
            plan = self.decide_plan(ask, followups)
            if plan is None:
                return replace(base, skips=tuple(skips))
            if plan.due_at > self.now:
                return replace(base, action="later", why=plan.reason, plan=plan, skips=tuple(skips))
            if not plan.skip:
                to, cc = self.recipients(ask, plan)
                return replace(
                    base,
                    action="draft",
                    why=plan.reason,
                    plan=plan,
                    skips=tuple(skips),
                    to=to,
                    cc=cc,
                )
            skips.append(plan)
            followups = [*followups, _skipped(ask, plan, self.now)]
        return replace(base, skips=tuple(skips))

    def stale_draft(self, ask: Ask, followups: list[Followup]) -> Followup | None:
        """The ask's unsent check-in or nudge draft, when the policy — asked as if that
        draft were not there — now plans a different or later step, due after the draft
        was written (a nudge falls due while the check-in still waits). Thank-you, outcome
        and praise drafts are never replaced."""
        if any(f.state == "drafting" for f in followups):
            return None
        pending = [f for f in followups if f.state == "drafted"]
        if len(pending) != 1:
            return None
        old = pending[0]
        if old.kind not in ("checkin", "nudge") or not old.draft_ref:
            return None
        plan = self.decide_plan(ask, [f for f in followups if f.id != old.id])
        if plan is None or plan.due_at > self.now or old.created_at >= plan.due_at:
            return None
        if plan.kind == old.kind and plan.seq <= old.seq:
            return None
        return old

    def history(self, retired: set[str]) -> list[Sent]:
        """The mail the cooldown and the daily cap count: every follow-up drafted lately,
        except skipped or replaced ones and drafts about to be retired (never sent), and
        every agenda or keep-in-touch note."""
        since = self.now - timedelta(days=14 + 2 * self.settings.policy.cooldown_days)
        written = [
            Sent(f.created_at, frozenset(f.recipients))
            for f in self.ledger.followups_since(since)
            if f.state not in ("skipped", "replaced") and f.id not in retired
        ]
        # agendas and keep-in-touch notes are mail to that person too
        return written + [
            Sent(t.created_at, frozenset({t.person}))
            for t in self.ledger.touches(states=("drafting", "drafted", "sent", "edited"))
            if t.created_at >= since
        ]

    def plan_all(self, asks: list[Ask] | None = None) -> Plan:
        """Every ask's next step, with the schedule applied to the steps due now."""
        steps = {a.id: self.plan_ask(a) for a in (self.ledger.asks() if asks is None else asks)}
        due = [s for s in steps.values() if s.action == "draft" and s.plan is not None]
        candidates = [
            Candidate(s.ask.id, s.plan, frozenset(a.email for a in (*s.to, *s.cc)))
            for s in due
            if s.plan is not None
        ]
        retired = {f.id for s in steps.values() for f in (s.stale, s.obsolete) if f is not None}
        schedule = decide_schedule(
            candidates, self.history(retired), self.now, self.settings.policy, self.tz
        )
        for candidate, why in schedule.waiting:
            steps[candidate.ask_id] = replace(steps[candidate.ask_id], action="waits", why=why)
        return Plan(self.now, steps)

    def step_for(self, ask: Ask) -> Step:
        """One ask's next step, the schedule applied: what the pass at ``now`` does."""
        step = self.plan_all().steps.get(ask.id)
        return step if step is not None else self.plan_ask(ask)  # a suggested ask


def _obsolete_draft(ask: Ask, followups: list[Followup]) -> Followup | None:
    """An unsent check-in or nudge draft of an ask that is no longer under way
    (delivered, declined, closed or cancelled): it must not be sent any more."""
    if ask.state in ACTIVE_STATES:
        return None
    for f in followups:
        if f.state == "drafted" and f.kind in ("checkin", "nudge") and f.draft_ref:
            return f
    return None


def _skipped(ask: Ask, plan: Planned, now: datetime) -> Followup:
    """The follow-up a skipped step becomes in the ledger (so the next is planned)."""
    return Followup(
        id=f"{ask.id}-{plan.kind}{plan.seq if plan.seq > 1 else ''}",
        ask_id=ask.id,
        kind=plan.kind,
        seq=plan.seq,
        due_at=plan.due_at,
        state="skipped",
        draft_ref=None,
        draft_path=None,
        message_id=None,
        recipients=(),
        subject="",
        created_at=now,
        updated_at=now,
    )


def plan_next(ledger: Ledger, settings: Settings, now: datetime) -> Plan:
    """Every ask's next step at ``now`` (what `scan` would do, and why)."""
    return Planner(ledger, settings, now).plan_all()
