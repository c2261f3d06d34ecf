"""Beyond single asks: standing check-ins, asks made of you, keeping in touch, Plan B.

Pure decisions, like ``followthrough.engine.policy``: no I/O, ``now`` is an argument. The pass
(``followthrough.engine.relating``), `show`, the digest and the CLI all call these, so they
never disagree about what is due and why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followthrough.config.behaviour import PolicySettings, RelationSettings
from followthrough.config.contacts import Contact
from followthrough.engine.policy import Calendar
from followthrough.engine.wording import phrase_of, topic_words
from followthrough.ledger.relations import Occurrence, PersonNote, Request, Touch
from followthrough.model import ACTIVE_STATES, Address, Ask, Followup

# --- standing check-ins -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaDue:
    """An occurrence of a standing check-in whose agenda is due."""

    occurrence: Occurrence
    person: Address
    due_at: datetime
    since: datetime  # "since last time": the previous occurrence, or two weeks back


def agenda_due_at(start: datetime, days_before: int, cal: Calendar) -> datetime:
    """The start of the working day ``days_before`` business days before ``start``'s day."""
    day = start.astimezone(cal.tz).date()
    taken = 0
    while taken < days_before:
        day -= timedelta(days=1)
        if not cal.workdays or cal.is_workday(day):
            taken += 1
    return cal.at_start(day)


def decide_agendas(
    occurrences: Sequence[Occurrence],
    touches: Iterable[Touch],
    now: datetime,
    settings: RelationSettings,
    cal: Calendar,
) -> tuple[list[AgendaDue], list[str]]:
    """The agendas due now (the next occurrence of each 1:1 series, once), and why other
    series get none (group meetings)."""
    done = {(t.person, t.occasion) for t in touches if t.kind == "agenda"}
    by_uid: dict[str, list[Occurrence]] = {}
    for o in sorted(occurrences, key=lambda o: o.start):
        by_uid.setdefault(o.uid, []).append(o)
    due: list[AgendaDue] = []
    notes: list[str] = []
    for uid, series in sorted(by_uid.items()):
        upcoming = [o for o in series if o.start > now]
        if not upcoming:
            continue
        nxt = upcoming[0]
        if len(nxt.people) != 1:
            notes.append(
                f"check-in {nxt.summary!r} ({uid}): {len(nxt.people)} other attendees; "
                "agendas are drafted for one-to-one check-ins only"
            )
            continue
        person = nxt.people[0]
        if (person.email, nxt.key) in done:
            continue
        at = agenda_due_at(nxt.start, settings.agenda_days_before, cal)
        if now < at:
            continue
        earlier = [o for o in series if o.start < nxt.start]
        since = earlier[-1].start if earlier else nxt.start - timedelta(days=14)
        due.append(AgendaDue(nxt, person, at, since))
    return due, notes


@dataclass(frozen=True, slots=True)
class Agenda:
    """What one agenda says: empty lists are left out of the draft."""

    mine: list[Ask]  # my open asks of them
    thanks: list[Ask]  # what they delivered since last time
    theirs: list[Request]  # their open or answered asks of me
    delivered: list[Request]  # what I delivered since last time
    notes: list[PersonNote]

    @property
    def empty(self) -> bool:
        return not (self.mine or self.thanks or self.theirs or self.delivered or self.notes)


def decide_agenda(
    person: str,
    asks: Iterable[Ask],
    requests: Iterable[Request],
    notes: Iterable[PersonNote],
    since: datetime,
    now: datetime,
) -> Agenda:
    """What to put on the agenda for ``person`` (email)."""
    mine: list[Ask] = []
    thanks: list[Ask] = []
    for ask in asks:
        if ask.status != "tracked" or person not in {h.email for h in ask.helpers}:
            continue
        if ask.state in ACTIVE_STATES:
            mine.append(ask)
        elif ask.state in ("delivered", "closed") and since <= ask.state_at <= now:
            thanks.append(ask)
    theirs: list[Request] = []
    delivered: list[Request] = []
    for r in requests:
        if r.sender.email != person:
            continue
        if r.state in ("open", "answered"):
            theirs.append(r)
        elif r.state == "done" and since <= r.state_at <= now:
            delivered.append(r)
    mine.sort(key=lambda a: (a.due is None, a.due or a.asked_at, a.id))
    theirs.sort(key=lambda r: (r.due is None, r.due or r.asked_at, r.id))
    return Agenda(mine, thanks, theirs, delivered, [n for n in notes if n.person == person])


# --- asks made of the user ----------------------------------------------------------------


def last_helped(asks: Iterable[Ask]) -> dict[str, datetime]:
    """When each person last delivered an ask of yours."""
    found: dict[str, datetime] = {}
    for ask in asks:
        if ask.state in ("delivered", "closed"):
            for h in ask.helpers:
                if h.email not in found or ask.state_at > found[h.email]:
                    found[h.email] = ask.state_at
    return found


def order_requests(
    requests: Iterable[Request],
    helped: Mapping[str, datetime],
    now: datetime,
    recent_days: int,
) -> list[Request]:
    """Requests made of you, those from people who helped you recently first (the most
    recent helper first), then by due date and age."""
    recent = now - timedelta(days=recent_days)

    def key(r: Request) -> tuple[int, float, int, datetime, str]:
        at = helped.get(r.sender.email)
        is_recent = at is not None and at >= recent
        return (
            0 if is_recent else 1,
            -at.timestamp() if is_recent and at is not None else 0.0,
            0 if r.due is not None else 1,
            r.due or r.asked_at,
            r.id,
        )

    return sorted(requests, key=key)


# --- keep in touch -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeepInTouch:
    person: Address
    cadence_days: int
    last: datetime  # the last time you were in touch (or followthrough started watching)
    reason: str


def cadences(
    contacts: Mapping[str, Contact],
    helpers: Iterable[Address],
    default_days: int | None,
    me: str,
) -> dict[str, tuple[Address, int]]:
    """Who has a keep-in-touch cadence (days): contacts that set one, and — when a default
    is set — everyone who helped you, unless their contact entry says "never"."""
    found: dict[str, tuple[Address, int]] = {}
    if default_days:
        for h in helpers:
            if h.email != me:
                found[h.email] = (h, default_days)
    for email, c in contacts.items():
        if c.keep_in_touch == 0:
            found.pop(email, None)
        elif c.keep_in_touch is not None and email != me:
            name = c.name or (found[email][0].name if email in found else "")
            found[email] = (Address(email, name), c.keep_in_touch)
        elif email in found and c.name:
            found[email] = (Address(email, c.name), found[email][1])
    return found


def decide_keep_in_touch(
    people: Mapping[str, tuple[Address, int]],
    last_contact: Mapping[str, datetime],
    asks: Iterable[Ask],
    requests: Iterable[Request],
    touches: Iterable[Touch],
    followups: Iterable[Followup],
    watching_since: datetime,
    now: datetime,
    settings: RelationSettings,
    policy: PolicySettings,
    cal: Calendar,
) -> tuple[KeepInTouch | None, list[tuple[str, str]]]:
    """The one keep-in-touch note due now (the longest lapsed first), at most one a day
    in all, and why each other lapsed person gets none today: (email, why)."""
    touches = list(touches)
    today = now.astimezone(cal.tz).date()
    if not cal.is_workday(today) or cal.working_moment(now) != now:
        return None, []
    blocked: dict[str, str] = {}
    last = dict(last_contact)
    decline_after = now - timedelta(days=settings.decline_quiet_days)
    for ask in asks:
        for h in ask.helpers:
            e = h.email
            if ask.asked_at > last.get(e, ask.asked_at - timedelta(seconds=1)):
                last[e] = ask.asked_at
            if ask.status == "tracked" and ask.state in ACTIVE_STATES:
                blocked.setdefault(e, f"you have an open ask with them ({ask.id})")
            elif ask.state == "declined" and ask.state_at >= decline_after:
                blocked.setdefault(e, f"they declined {ask.id} recently; give it time")
    for r in requests:
        if r.state == "open":
            blocked.setdefault(r.sender.email, "they are waiting on you: do their ask first")
    for f in followups:
        for e in f.recipients:
            if f.created_at > last.get(e, f.created_at - timedelta(seconds=1)):
                last[e] = f.created_at
            if f.state in ("drafting", "drafted"):
                blocked.setdefault(e, f"a draft to them is waiting ({f.id})")
            elif f.state not in ("skipped", "replaced") and now < cal.add_days(
                f.created_at, policy.cooldown_days
            ):
                blocked.setdefault(e, "cooldown: you wrote to them very recently")
    for t in touches:
        if t.created_at > last.get(t.person, t.created_at - timedelta(seconds=1)):
            last[t.person] = t.created_at
        if t.state in ("drafting", "drafted"):
            blocked.setdefault(t.person, "a note to them is waiting in Drafts")
    if any(t.kind == "keep" and t.created_at.astimezone(cal.tz).date() == today for t in touches):
        return None, [(e, "one keep-in-touch note a day at most") for e in people]
    lapsed: list[tuple[float, KeepInTouch]] = []
    held: list[tuple[str, str]] = []
    for email, (person, days) in sorted(people.items()):
        since = last.get(email, watching_since)
        if now < since + timedelta(days=days):
            continue
        if email in blocked:
            held.append((email, blocked[email]))
            continue
        overdue = (now - since) / timedelta(days=days)
        reason = (
            f"no contact since {since.astimezone(cal.tz):%a %d %b %Y}; "
            f"your cadence with them is {days} days"
        )
        lapsed.append((overdue, KeepInTouch(person, days, since, reason)))
    if not lapsed:
        return None, held
    lapsed.sort(key=lambda x: (-x[0], x[1].person.email))
    held += [(k.person.email, "one keep-in-touch note a day at most") for _, k in lapsed[1:]]
    return lapsed[0][1], held


# --- Plan B ---------------------------------------------------------------------------------


def plan_b_reason(
    ask: Ask, followups: Sequence[Followup], now: datetime, policy: PolicySettings, cal: Calendar
) -> str | None:
    """Why this ask needs a Plan B now: declined, or no delivery after its last nudge."""
    if ask.status != "tracked":
        return None
    if ask.state == "declined":
        return f"declined on {ask.state_at.astimezone(cal.tz):%a %d %b}"
    if ask.state not in ACTIVE_STATES or policy.nudge_max < 1:
        return None
    nudges = [f for f in followups if f.kind == "nudge" and f.state not in ("skipped", "replaced")]
    if len(nudges) < policy.nudge_max:
        return None
    last = max(f.created_at for f in nudges)
    if now < cal.add_days(last, policy.nudge_every_days):
        return None
    return f"no delivery after the last nudge ({last.astimezone(cal.tz):%a %d %b})"


@dataclass(frozen=True, slots=True)
class Alternative:
    """Someone who could help instead, and why."""

    person: Address
    score: float
    reasons: tuple[str, ...]
    similar: Ask | None = None  # their closest past help, for the request draft
    load: int = 0


@dataclass(slots=True)
class _Record:
    person: Address
    helped: list[Ask] = field(default_factory=list)
    declined: list[Ask] = field(default_factory=list)
    open: int = 0


def decide_plan_b(
    ask: Ask,
    asks: Iterable[Ask],
    contacts: Mapping[str, Contact],
    now: datetime,
    *,
    me: str,
    limit: int,
    busy_threshold: int,
    cal: Calendar,
) -> list[Alternative]:
    """Up to ``limit`` people who could help with ``ask`` instead, best first: past help on
    similar asks (shared topic words; your contact notes count too), recent help, and how
    many of your open asks they already carry. Someone with no similar help is no Plan B."""
    wanted = topic_words(ask.what, ask.subject)
    if not wanted or limit < 1:
        return []
    exclude = {h.email for h in ask.helpers} | {me}
    people: dict[str, _Record] = {}
    for other in asks:
        if other.id == ask.id or other.status != "tracked":
            continue
        for h in other.helpers:
            rec = people.setdefault(h.email, _Record(h))
            if h.name and not rec.person.name:
                rec.person = h
            if other.state in ("delivered", "closed"):
                rec.helped.append(other)
            elif other.state == "declined":
                rec.declined.append(other)
            elif other.state in ACTIVE_STATES:
                rec.open += 1
    for email, c in contacts.items():
        if c.notes and topic_words(c.notes) & wanted and email not in people:
            people[email] = _Record(Address(email, c.name))
    found: list[Alternative] = []
    for email, rec in people.items():
        if email in exclude:
            continue
        person = rec.person
        if email in contacts and contacts[email].name and not person.name:
            person = Address(email, contacts[email].name)
        reasons: list[str] = []
        score = 0.0
        similar = sorted(
            ((len(topic_words(a.what, a.subject) & wanted), a) for a in rec.helped),
            key=lambda x: (-x[0], -x[1].state_at.timestamp()),
        )
        similar = [(n, a) for n, a in similar if n > 0]
        score += sum(2.0 * n / len(wanted) for n, _ in similar)
        if similar:
            best = similar[0][1]
            more = f" and {len(similar) - 1} more like it" if len(similar) > 1 else ""
            reasons.append(
                f"helped with {phrase_of(best.what).gerund or best.what!r} "
                f"({best.state_at.astimezone(cal.tz):%d %b %Y}){more}"
            )
        note = contacts.get(email)
        if note is not None and note.notes and topic_words(note.notes) & wanted:
            score += 1.0
            reasons.append(f"your notes: {note.notes!r}")
        if not reasons:
            continue
        if rec.helped:
            latest = max(a.state_at for a in rec.helped)
            age = (now - latest).days
            if age <= 90:
                score += 1.0 - age / 90
                reasons.append(f"last helped you {age} day(s) ago" if age else "helped you today")
        for d in rec.declined:
            if topic_words(d.what, d.subject) & wanted:
                score -= 1.0
                reasons.append(f"declined something similar ({d.what!r})")
                break
        if rec.open >= busy_threshold:
            score -= 2.0
            reasons.append(f"already carries {rec.open} of your open asks")
        elif rec.open:
            score -= 0.5 * rec.open
            reasons.append(f"carries {rec.open} open ask(s) of yours")
        else:
            reasons.append("no open asks of yours")
        found.append(
            Alternative(person, score, tuple(reasons), similar[0][1] if similar else None, rec.open)
        )
    found.sort(key=lambda a: (-a.score, a.person.email))
    return found[:limit]
