"""The people behind the relationship commands, read from the ledger and the contacts:
a person from what the user typed, their next standing check-in, the requests made of
the user in the order to answer them, and who else could help with an ask (Plan B).
`note`, `requests`, `planb` and `show` call these; the decisions themselves are
``engine.relations`` (pure)."""

from __future__ import annotations

from datetime import datetime

from followthrough.config.contacts import load_contacts
from followthrough.config.settings import Settings
from followthrough.engine.policy import Calendar
from followthrough.engine.relations import (
    Alternative,
    decide_plan_b,
    last_helped,
    order_requests,
    plan_b_reason,
)
from followthrough.errors import UsageError
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Occurrence, Request
from followthrough.model import Ask, Followup


def resolve_person(ledger: Ledger, settings: Settings, who: str) -> str:
    """An email from what the user typed: an address, or a name (first or full) of
    someone in a check-in, contacts.toml or an ask."""
    who = who.strip()
    if "@" in who:
        if " " in who or who.count("@") != 1:
            raise UsageError(f"note: {who!r} is not an email address")
        return who.lower()
    known: dict[str, str] = {}
    for o in ledger.occurrences():
        for p in o.people:
            known.setdefault(p.email, p.name)
    for email, c in load_contacts(settings.contacts_path).items():
        known[email] = c.name or known.get(email, "")
    for a in ledger.asks():
        for h in a.helpers:
            known.setdefault(h.email, h.name)
    want = who.lower()
    matches = sorted(
        e
        for e, name in known.items()
        if name.lower() == want
        or (name.split() and name.split()[0].lower() == want)
        or e.split("@")[0] == want
    )
    if not matches:
        raise UsageError(f"note: no one called {who!r} is known; give their email address")
    if len(matches) > 1:
        raise UsageError(f"note: {who!r} could be {', '.join(matches)}; give the email address")
    return matches[0]


def next_checkin(ledger: Ledger, person: str, now: datetime) -> Occurrence | None:
    """The next standing check-in (a calendar entry tagged for it) with ``person`` alone."""
    upcoming = [
        o for o in ledger.occurrences() if o.start > now and [p.email for p in o.people] == [person]
    ]
    return upcoming[0] if upcoming else None


def ordered_requests(
    ledger: Ledger, settings: Settings, now: datetime, *, all_: bool
) -> list[Request]:
    """The requests made of the user (``all_``: the done ones too), the people who
    helped the user recently first."""
    states = None if all_ else ("open", "answered")
    return order_requests(
        ledger.requests(states=states),
        last_helped(ledger.asks()),
        now,
        settings.relations.recent_help_days,
    )


def alternatives_for(
    ask: Ask, followups: list[Followup], ledger: Ledger, settings: Settings, now: datetime
) -> tuple[str | None, list[Alternative]]:
    """(why a Plan B is needed or None, the alternatives) — what `show` and `planb`
    both say."""
    cal = Calendar.of(settings.policy, settings.timezone)
    reason = plan_b_reason(ask, followups, now, settings.policy, cal)
    if reason is None or any(e.kind == "planb" for e in ledger.events(ask.id)):
        return None, []
    found = decide_plan_b(
        ask,
        ledger.asks(),
        load_contacts(settings.contacts_path),
        now,
        me=settings.user.email,
        limit=settings.relations.plan_b_max,
        busy_threshold=settings.policy.busy_threshold,
        cal=cal,
    )
    return reason, found
