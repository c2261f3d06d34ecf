"""The daily digest (to the user only) and the per-person view behind `people`.

Pure summaries of the ledger, rendered from `templates/digest.txt.j2`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from followthrough.config.contacts import load_contacts
from followthrough.config.settings import Settings
from followthrough.config.voice import decide_locale, format_day
from followthrough.engine.compose import Composer, Rendered, build_draft
from followthrough.engine.planner import Planner, Step
from followthrough.engine.policy import Calendar
from followthrough.engine.relations import (
    Alternative,
    decide_plan_b,
    last_helped,
    order_requests,
    plan_b_reason,
)
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Request
from followthrough.model import ACTIVE_STATES, Account, Address, Ask, Followup, IncomingAsk

RECENT_HELP_DAYS = 30


@dataclass(slots=True)
class Person:
    """What the ledger knows about one person you work with."""

    email: str
    name: str = ""
    open_asks: list[Ask] = field(default_factory=list)
    delivered: int = 0
    declined: int = 0
    last_helped: datetime | None = None
    last_thanked: datetime | None = None
    their_asks: list[IncomingAsk] = field(default_factory=list)  # unanswered asks of you
    requests: list[Request] = field(default_factory=list)  # their open or answered asks of you

    def as_json(self) -> dict[str, object]:
        return {
            "email": self.email,
            "name": self.name,
            "open_asks": [a.id for a in self.open_asks],
            "delivered": self.delivered,
            "declined": self.declined,
            "last_helped": self.last_helped.isoformat() if self.last_helped else None,
            "last_thanked": self.last_thanked.isoformat() if self.last_thanked else None,
            "their_open_asks": [
                {"message_id": i.message_id, "what": i.what, "asked_at": i.asked_at.isoformat()}
                for i in self.their_asks
            ],
            "requests": [
                {"id": r.id, "what": r.what, "state": r.state, "asked_at": r.asked_at.isoformat()}
                for r in self.requests
            ],
        }


def summarize_people(ledger: Ledger) -> list[Person]:
    """Everyone who helped you or asked you for help, busiest first."""
    people: dict[str, Person] = {}

    def person(addr: Address) -> Person:
        p = people.get(addr.email)
        if p is None:
            p = people[addr.email] = Person(addr.email, addr.name)
        elif addr.name and not p.name:
            p.name = addr.name
        return p

    thanks_sent: dict[str, datetime] = {}
    for f in ledger.followups(states=("sent", "edited")):
        if f.kind in ("thanks", "outcome", "praise"):
            for r in f.recipients:
                thanks_sent[r] = max(thanks_sent.get(r, f.updated_at), f.updated_at)
    for ask in ledger.asks():
        for helper in ask.helpers:
            p = person(helper)
            if ask.state in ACTIVE_STATES:
                p.open_asks.append(ask)
            elif ask.state in ("delivered", "closed"):
                p.delivered += 1
                p.last_helped = max(p.last_helped or ask.state_at, ask.state_at)
            elif ask.state == "declined":
                p.declined += 1
            if ask.thanked_at is not None:
                p.last_thanked = max(p.last_thanked or ask.thanked_at, ask.thanked_at)
    for email, at in thanks_sent.items():
        if email in people:
            p = people[email]
            p.last_thanked = max(p.last_thanked or at, at)
    for incoming in ledger.incoming(open_only=True):
        person(incoming.sender).their_asks.append(incoming)
    for request in ledger.requests():
        person(request.sender).requests.append(request)
    return sorted(people.values(), key=lambda p: (-len(p.open_asks), p.email))


@dataclass(frozen=True, slots=True)
class Digest:
    now: datetime
    open_asks: list[Ask]  # by due date, dated ones first
    undated: list[Ask]
    drafts: list[Followup]
    outcomes_to_record: list[Ask]
    busy: list[Person]
    return_favour: list[Person]
    waiting: list[Ask] = field(default_factory=list)  # they asked you something back
    steps: dict[str, Step] = field(default_factory=dict)  # each ask's next step (planner)
    # asks made of you (open or answered), people who helped you recently first
    requests: list[Request] = field(default_factory=list)
    recent_helpers: dict[str, datetime] = field(default_factory=dict)
    # declined or stalled asks, why, and who could help instead
    plan_b: list[tuple[Ask, str, list[Alternative]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.open_asks
            or self.drafts
            or self.outcomes_to_record
            or self.return_favour
            or self.requests
            or self.plan_b
        )


def decide_digest(ledger: Ledger, settings: Settings, now: datetime) -> Digest:
    policy = settings.policy
    open_asks = [a for a in ledger.asks(states=ACTIVE_STATES)]
    dated = sorted((a for a in open_asks if a.due), key=lambda a: (a.due, a.id))
    undated = [a for a in open_asks if a.due is None]
    prompt_before = now - timedelta(days=policy.outcome_prompt_days)
    outcomes = [
        a
        for a in ledger.asks(states=("delivered",))
        if not a.outcome and a.state_at <= prompt_before
    ]
    plan = Planner(ledger, settings, now).plan_all()
    people = summarize_people(ledger)
    busy = [p for p in people if len(p.open_asks) >= policy.busy_threshold]
    recent = now - timedelta(days=RECENT_HELP_DAYS)
    favour = [p for p in people if p.their_asks and p.last_helped and p.last_helped >= recent]
    all_asks = ledger.asks()
    helped = last_helped(all_asks)
    recent_help = now - timedelta(days=settings.relations.recent_help_days)
    return Digest(
        now=now,
        open_asks=dated,
        undated=undated,
        drafts=ledger.followups(states=("drafted",)),
        outcomes_to_record=outcomes,
        busy=busy,
        return_favour=favour,
        waiting=[s.ask for s in plan.steps.values() if s.action == "question"],
        steps=plan.steps,
        requests=order_requests(
            ledger.requests(), helped, now, settings.relations.recent_help_days
        ),
        recent_helpers={e: at for e, at in helped.items() if at >= recent_help},
        plan_b=decide_plan_b_list(ledger, settings, now, all_asks),
    )


def decide_plan_b_list(
    ledger: Ledger, settings: Settings, now: datetime, asks: list[Ask]
) -> list[tuple[Ask, str, list[Alternative]]]:
    """Declined or stalled asks with no Plan B chosen yet, and who could help instead.
    A declined ask is listed for ``decline_quiet_days`` after the decline."""
    cal = Calendar.of(settings.policy, settings.timezone)
    contacts = load_contacts(settings.contacts_path)
    since = now - timedelta(days=settings.relations.decline_quiet_days)
    found: list[tuple[Ask, str, list[Alternative]]] = []
    for ask in asks:
        if ask.state not in ("declined", *ACTIVE_STATES) or (
            ask.state == "declined" and ask.state_at < since
        ):
            continue
        reason = plan_b_reason(ask, ledger.followups(ask.id), now, settings.policy, cal)
        if reason is None or any(e.kind == "planb" for e in ledger.events(ask.id)):
            continue
        alternatives = decide_plan_b(
            ask,
            asks,
            contacts,
            now,
            me=settings.user.email,
            limit=settings.relations.plan_b_max,
            busy_threshold=settings.policy.busy_threshold,
            cal=cal,
        )
        found.append((ask, reason, alternatives))
    return found


def outcome_overdue(ask: Ask, settings: Settings, now: datetime) -> bool:
    """A delivered ask whose outcome is still unrecorded after the configured days."""
    return (
        ask.state == "delivered"
        and not ask.outcome
        and ask.state_at <= now - timedelta(days=settings.policy.outcome_prompt_days)
    )


def render_digest(digest: Digest, settings: Settings, composer: Composer) -> tuple[str, str]:
    tz = settings.timezone
    locale = decide_locale(settings.voice.locale, tz, os.environ)
    today = digest.now.astimezone(tz).date()

    def day(dt: datetime | None) -> str:
        return "-" if dt is None else format_day(dt.astimezone(tz), locale, today=today)

    def ask_line(a: Ask) -> dict[str, object]:
        return {
            "id": a.id,
            "what": (a.phrase.base if a.phrase is not None and a.phrase.base else a.what),
            "helpers": ", ".join(h.name or h.email for h in a.helpers),
            "due": day(a.due),
            "overdue": a.due is not None and a.due < digest.now,
            "state": a.state,
            "since": day(a.state_at),
            "next": step.brief(tz) if (step := digest.steps.get(a.id)) else "",
        }

    context = {
        "date": day(digest.now),
        "me": settings.user.name or settings.user.email,
        "open_asks": [ask_line(a) for a in digest.open_asks],
        "undated": [ask_line(a) for a in digest.undated],
        "drafts": [
            {"id": f.id, "to": ", ".join(f.recipients), "subject": f.subject} for f in digest.drafts
        ],
        "outcomes": [ask_line(a) for a in digest.outcomes_to_record],
        "waiting": [{**ask_line(a), "since": day(a.question_at)} for a in digest.waiting],
        "busy": [{"who": p.name or p.email, "count": len(p.open_asks)} for p in digest.busy],
        "favour": [
            {
                "who": p.name or p.email,
                "asks": [{"what": i.what, "since": day(i.asked_at)} for i in p.their_asks],
            }
            for p in digest.return_favour
        ],
        "empty": digest.empty,
        "requests": [
            {
                "id": r.id,
                "who": r.sender.name or r.sender.email,
                "what": r.what,
                "state": r.state,
                "since": day(r.asked_at if r.state == "open" else r.state_at),
                "due": day(r.due) if r.due else None,
                "helped": day(digest.recent_helpers[r.sender.email])
                if r.sender.email in digest.recent_helpers
                else None,
            }
            for r in digest.requests
        ],
        "plan_b": [
            {
                **ask_line(a),
                "why": why,
                "alternatives": [
                    {"who": str(alt.person), "reasons": "; ".join(alt.reasons)} for alt in alts
                ],
            }
            for a, why, alts in digest.plan_b
        ],
    }
    rendered = composer.render("digest.txt.j2", context)
    return rendered.subject, rendered.body


def build_digest_draft(
    digest: Digest, settings: Settings, composer: Composer, message_id: str
) -> EmailMessage:
    """The digest as a draft to the user only."""
    subject, body = render_digest(digest, settings, composer)
    day = digest.now.astimezone(settings.timezone).date().isoformat()
    return build_draft(
        sender=settings.user,
        to=[settings.user],
        rendered=Rendered(subject, body, "digest.txt.j2"),
        ask_id="digest",
        followup_id=f"digest-{day}",
        now=digest.now,
        message_id=message_id,
    )


def write_digest_draft(
    settings: Settings, ledger: Ledger, account: Account, composer: Composer, now: datetime
) -> str | None:
    """Save today's digest as a draft to the user, once per local day. Returns its ref,
    or None when one was already written today or there is nothing to say."""
    day = now.astimezone(settings.timezone).date().isoformat()
    key = f"digest:{day}"
    if ledger.cursor(key) is not None:
        return None
    digest = decide_digest(ledger, settings, now)
    if digest.empty:
        return None
    domain = settings.user.email.rpartition("@")[2]
    draft = build_digest_draft(digest, settings, composer, f"digest-{day}.followthrough@{domain}")
    ref = account.save_draft(draft, None)
    with ledger.transaction():
        ledger.record_cursor(key, ref)
    return ref
