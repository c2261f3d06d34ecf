"""The pass's steps for relationships beyond single asks: remembering standing check-in
occurrences and who was last in touch, following asks made of you, and drafting check-in
agendas and keep-in-touch notes (crash-safe, like follow-ups). Mixed into
``followthrough.engine.scan.Pass``; the decisions themselves are ``followthrough.engine.relations``.

The Plan B request, drafted by `followthrough planb`, is ``followthrough.engine.planb``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followthrough import detect
from followthrough.config.contacts import Contact
from followthrough.config.settings import Settings
from followthrough.config.voice import decide_locale, format_day
from followthrough.detect import rx
from followthrough.engine.compose import Composer, build_draft
from followthrough.engine.drafting import Tally
from followthrough.engine.policy import Calendar
from followthrough.engine.relations import (
    Agenda,
    AgendaDue,
    KeepInTouch,
    cadences,
    decide_agenda,
    decide_agendas,
    decide_keep_in_touch,
)
from followthrough.engine.wording import first_name, greeting, phrase_of, their_words
from followthrough.errors import TemplateError
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Occurrence, Request, RequestState, TouchKind
from followthrough.model import Account, Address, Ask, CalendarRecord, MailRecord

log = logging.getLogger(__name__)

EARLY_DONE = "request-done:"  # cursors row: your reply delivered a request not yet read

TOUCH_TEMPLATE: dict[TouchKind, str] = {"agenda": "agenda.txt.j2", "keep": "keepintouch.txt.j2"}


def local_day(dt: datetime | None, tz: ZoneInfo, loc: str) -> str | None:
    return None if dt is None else format_day(dt.astimezone(tz), loc)


def is_checkin(record: CalendarRecord, tag: str) -> bool:
    if tag in {c.lower() for c in record.categories}:
        return True
    return rx.search(rf"(^|\s)#{re.escape(tag)}\b", record.summary, re.I) is not None


def meeting_title(summary: str, tag: str) -> str:
    title = rx.sub(rf"(^|\s)#{re.escape(tag)}\b", " ", summary, flags=re.I)
    return " ".join(title.split()) or "check-in"


class RelationSteps:
    """The relationship steps of a pass; ``Pass`` provides the state below."""

    settings: Settings
    ledger: Ledger
    account: Account
    composer: Composer
    now: datetime
    tz: ZoneInfo
    me: str
    summary: Tally
    _checkins: list[Occurrence]

    if TYPE_CHECKING:  # provided by ``DraftSteps`` (``Pass`` mixes in both)

        @property
        def contacts(self) -> dict[str, Contact]: ...

    # --- reading -------------------------------------------------------------------------

    def note_checkin(self, record: CalendarRecord) -> None:
        """Remember an occurrence of a standing check-in (during the calendar step)."""
        tag = self.settings.relations.checkin_tag
        if not is_checkin(record, tag):
            return
        people = tuple(a for a in record.attendees if a.email != self.me)
        organizer = record.organizer
        if (
            organizer is not None
            and organizer.email != self.me
            and organizer.email not in {p.email for p in people}
        ):
            people = (organizer, *people)
        self._checkins.append(
            Occurrence(
                f"{record.uid}@{record.start.isoformat()}",
                record.uid,
                record.start,
                meeting_title(record.summary, tag),
                people,
            )
        )

    def record_checkins(self, *, whole: bool) -> None:
        """Store the check-in occurrences read; ``whole``: the calendar was read in full,
        so future occurrences not read again were moved or deleted."""
        if self._checkins or whole:
            self.ledger.record_occurrences(self._checkins, replace_from=self.now if whole else None)
        self._checkins = []

    def note_contact(self, record: MailRecord, folder: str) -> None:
        """When each person was last written to, or heard from (for keeping in touch)."""
        if record.auto or record.sender is None:
            return
        if folder == "sent" or record.sender.email == self.me:
            for a in (*record.to, *record.cc):
                if a.email != self.me:
                    self.ledger.record_contact_seen(a.email, record.date, sent=True)
        elif record.date <= self.now + timedelta(days=1):
            self.ledger.record_contact_seen(record.sender.email, record.date, sent=False)

    def record_request_reply(self, record: MailRecord) -> None:
        """Your reply to a request made of you: answered, or done when it delivers
        (an attachment, "here it is")."""
        if not record.in_reply_to:
            return
        reply = detect.classify_reply(
            record.text[: self.settings.limits.max_text_chars], record.attachments, ""
        )
        state: RequestState = "done" if reply.kind == "delivered" else "answered"
        if self.ledger.record_request_state(record.in_reply_to, state, record.date):
            self.summary.counts[f"requests_{state}"] += 1
        elif state == "done":  # the request may be read later: it is done from the start
            key = f"{EARLY_DONE}{record.in_reply_to}"
            if self.ledger.cursor(key) is None:
                self.ledger.record_cursor(key, record.date.isoformat())

    def apply_early_reply(self, message_id: str) -> None:
        """A request read after your reply that delivered it (mail is not read in the
        order it was written): done, as if read in order."""
        done_at = self.ledger.cursor(f"{EARLY_DONE}{message_id}")
        if done_at is not None:
            self.ledger.record_request_state(message_id, "done", datetime.fromisoformat(done_at))

    def match_sent_touch(self, record: MailRecord) -> bool:
        """A message in Sent that is one of our agendas or notes, sent as is or edited."""
        touch = self.ledger.touch_by_message_id(record.message_id)
        state = "sent"
        if touch is None and record.ask_header:
            touch = self.ledger.touch(record.ask_header.strip().lower())
            state = "edited"
        if touch is None:
            return False
        if touch.state in ("drafting", "drafted", "deleted"):
            self.ledger.record_touch_state(touch.id, state, self.now)  # type: ignore[arg-type]
            self.summary.counts["drafts_sent"] += 1
        return True

    # --- drafting ------------------------------------------------------------------------

    def settle_relations(self) -> None:
        """What became of agenda and keep-in-touch drafts; a Plan B request deleted unsent
        cancels its ask (it was never made). Runs before the follow-ups are planned."""
        for touch in self.ledger.touches(states=("drafting",)):
            ref = self.account.find_draft(touch.message_id) if touch.message_id else None
            with self.ledger.transaction():
                if ref is None:
                    self.ledger.forget_touch(touch.id)
                else:
                    self.save_touch_ref(touch.id, ref)
        self.retire_agendas()
        with self.ledger.transaction():
            for touch in self.ledger.touches(states=("drafted",)):
                if touch.draft_ref is None:
                    continue
                state = self.account.draft_state(touch.draft_ref)
                if state == "gone":
                    self.ledger.record_touch_state(touch.id, "deleted", self.now)
                    if touch.kind == "agenda":
                        self.ledger.release_notes(touch.id)
                    self.summary.counts["drafts_deleted"] += 1
                elif state == "sent":
                    self.ledger.record_touch_state(touch.id, "sent", self.now)
            for f in self.ledger.followups(states=("deleted",)):
                if f.kind != "request":
                    continue
                ask = self.ledger.get_ask(f.ask_id)
                if ask.state == "open" and self.ledger.record_state(
                    ask.id,
                    "cancelled",
                    self.now,
                    rule="you deleted the request draft unsent",
                    source=f"request-deleted:{f.id}",
                ):
                    self.summary.counts["state_changes"] += 1

    def save_touch_ref(self, touch_id: str, ref: str) -> None:
        path = getattr(self.account, "draft_path", None)
        draft_path = str(path(ref)) if callable(path) and path(ref) is not None else None
        self.ledger.record_touch_saved(touch_id, ref, draft_path, self.now)

    def draft_relations(self) -> None:
        """Draft the agendas and the keep-in-touch note due now."""
        cal = Calendar.of(self.settings.policy, self.tz)
        rel = self.settings.relations
        due, notes = decide_agendas(
            self.ledger.occurrences(), self.ledger.touches(kind="agenda"), self.now, rel, cal
        )
        for why in notes:
            log.info("%s", why)
        asks = self.ledger.asks()
        requests = self.ledger.requests(states=None)
        for item in due:
            agenda = decide_agenda(
                item.person.email,
                asks,
                requests,
                self.ledger.notes(item.person.email),
                item.since,
                self.now,
            )
            self.write_agenda(item, agenda)
        self.draft_keep_in_touch(asks, requests, cal)

    def retire_agendas(self) -> None:
        """An agenda still unsent when its meeting has begun is out of date: it goes
        from Drafts (its notes move on to the next agenda)."""
        for old in self.ledger.touches(kind="agenda", states=("drafted",)):
            start = datetime.fromisoformat(old.occasion.rpartition("@")[2])
            if start > self.now:
                continue
            if old.draft_ref:
                self.account.delete_draft(old.draft_ref)
            with self.ledger.transaction():
                self.ledger.record_touch_state(old.id, "replaced", self.now)
                self.ledger.release_notes(old.id)
            self.summary.counts["drafts_replaced"] += 1

    def write_agenda(self, item: AgendaDue, agenda: Agenda) -> None:
        occasion = item.occurrence.key
        start = item.occurrence.start.astimezone(self.tz)
        tid = touch_id("agenda", item.person.email, start)
        if self.ledger.touch(tid) is not None:  # two check-ins with them on one day
            tid += f"-{start:%H%M}"
        if agenda.empty and not self.settings.relations.agenda_when_empty:
            with self.ledger.transaction():
                self.ledger.record_touch(
                    touch_id=tid,
                    kind="agenda",
                    person=item.person.email,
                    occasion=occasion,
                    due_at=item.due_at,
                    state="skipped",
                    now=self.now,
                    detail="nothing to say: no asks either way, nothing delivered, no notes",
                )
            self.summary.counts["agendas_skipped"] += 1
            return
        context = agenda_context(agenda, item, self.settings, self.tz)
        self.write_touch(
            tid,
            "agenda",
            item.person,
            occasion,
            item.due_at,
            context,
            detail=f"agenda for {item.occurrence.summary!r} on "
            f"{item.occurrence.start.astimezone(self.tz):%a %d %b %H:%M}",
            notes=[n.seq for n in agenda.notes],
        )

    def draft_keep_in_touch(self, asks: list[Ask], requests: list[Request], cal: Calendar) -> None:
        rel = self.settings.relations
        helpers = [h for a in asks if a.state in ("delivered", "closed") for h in a.helpers]
        people = cadences(self.contacts, helpers, rel.keep_in_touch, self.me)
        if not people:
            return
        last = self.ledger.contacts_seen()
        for o in self.ledger.occurrences():  # a standing check-in that took place is contact
            if o.start <= self.now:
                for p in o.people:
                    last[p.email] = max(last.get(p.email, o.start), o.start)
        followups = self.ledger.followups_since(self.now - timedelta(days=400))
        plan, held = decide_keep_in_touch(
            people,
            last,
            asks,
            requests,
            self.ledger.touches(),
            followups,
            self.ledger.first_pass_at() or self.now,
            self.now,
            rel,
            self.settings.policy,
            cal,
        )
        for email, why in held:
            log.info("keep in touch with %s waits: %s", email, why)
        if plan is None:
            return
        day = self.now.astimezone(self.tz).date()
        context = keep_context(plan, asks, self.settings, self.tz)
        self.write_touch(
            touch_id("keep", plan.person.email, self.now.astimezone(self.tz)),
            "keep",
            plan.person,
            day.isoformat(),
            self.now,
            context,
            detail=plan.reason,
        )

    def write_touch(
        self,
        tid: str,
        kind: TouchKind,
        person: Address,
        occasion: str,
        due_at: datetime,
        context: dict[str, object],
        *,
        detail: str,
        notes: list[int] | None = None,
    ) -> None:
        try:
            rendered = self.composer.render(TOUCH_TEMPLATE[kind], context)
        except TemplateError as exc:
            log.error("%s: %s", tid, exc)
            self.summary.errors.append(f"{tid}: {exc}")
            return
        message_id = draft_message_id(self.me, tid)
        draft = build_draft(
            sender=self.settings.user,
            to=[person],
            rendered=rendered,
            ask_id=tid,
            followup_id=tid,
            now=self.now,
            message_id=message_id,
        )
        with self.ledger.transaction():
            self.ledger.record_touch(
                touch_id=tid,
                kind=kind,
                person=person.email,
                occasion=occasion,
                due_at=due_at,
                state="drafting",
                now=self.now,
                message_id=message_id,
                subject=rendered.subject,
                detail=detail,
            )
            if notes:
                self.ledger.record_notes_used(notes, tid)
        ref = self.account.save_draft(draft, None)
        with self.ledger.transaction():
            self.save_touch_ref(tid, ref)
        self.summary.counts["drafts"] += 1
        self.summary.drafts.append(tid)


def touch_id(kind: str, email: str, when: datetime) -> str:
    """A readable id: agenda-bob-2026-11-12, keep-carol-2026-12-01."""
    local = rx.sub(r"[^a-z0-9]+", "", email.split("@")[0].lower())[:12] or "someone"
    salt = hashlib.sha256(email.encode()).hexdigest()[:4]
    return f"{kind}-{local}{salt}-{when:%Y-%m-%d}"


def draft_message_id(me: str, fid: str) -> str:
    domain = me.rpartition("@")[2]
    digest = hashlib.sha256(f"{me}\0{fid}".encode()).hexdigest()[:16]
    return f"{fid}.{digest}.followthrough@{domain}"


# --- what the templates get ---------------------------------------------------------------


def ask_item(ask: Ask, now: datetime, tz: ZoneInfo, loc: str) -> dict[str, object]:
    p = phrase_of(ask.what)
    return {
        "what": ask.what,
        "base": p.base,
        "gerund": p.gerund,
        "topic": p.topic,
        "due": local_day(ask.due, tz, loc),
        "overdue": ask.due is not None and ask.due < now,
        "state": ask.state,
        "agreed": ask.state == "acknowledged",
        "outcome": (ask.outcome or "").rstrip("."),
    }


def request_item(r: Request, tz: ZoneInfo, loc: str) -> dict[str, object]:
    p = phrase_of(their_words(r.what))
    return {
        "what": their_words(r.what),
        "gerund": p.gerund,
        "topic": p.topic,
        "due": local_day(r.due, tz, loc),
        "state": r.state,
        "asked_on": local_day(r.asked_at, tz, loc),
        "since": local_day(r.state_at, tz, loc),
    }


def agenda_context(
    agenda: Agenda, item: AgendaDue, settings: Settings, tz: ZoneInfo
) -> dict[str, object]:
    loc = decide_locale(settings.voice.locale, tz, os.environ)
    start = item.occurrence.start.astimezone(tz)
    due_day = item.due_at.astimezone(tz).date()
    days = (start.date() - due_day).days
    when = "today" if days <= 0 else "tomorrow" if days == 1 else f"on {start:%A}"
    now = item.due_at
    return {
        "name": first_name(item.person),
        "greeting": greeting([item.person]),
        "title": item.occurrence.summary,
        "meeting_day": local_day(start, tz, loc),
        "meeting_when": when,
        "meeting_time": f"{start:%H:%M}",
        "mine": [ask_item(a, now, tz, loc) for a in agenda.mine],
        "thanks": [ask_item(a, now, tz, loc) for a in agenda.thanks],
        "theirs": [request_item(r, tz, loc) for r in agenda.theirs],
        "delivered": [request_item(r, tz, loc) for r in agenda.delivered],
        "notes": [n.text for n in agenda.notes],
        "empty": agenda.empty,
        "me": settings.voice.signoff or settings.user.name or settings.user.email,
        "signature": settings.voice.signature,
    }


def keep_context(
    plan: KeepInTouch, asks: list[Ask], settings: Settings, tz: ZoneInfo
) -> dict[str, object]:
    helped = [
        a
        for a in asks
        if a.state in ("delivered", "closed") and plan.person.email in {h.email for h in a.helpers}
    ]
    helped.sort(key=lambda a: a.state_at)
    last = helped[-1] if helped else None
    loc = decide_locale(settings.voice.locale, tz, os.environ)
    return {
        "name": first_name(plan.person),
        "greeting": greeting([plan.person]),
        "last_help": ask_item(last, last.state_at, tz, loc) if last else None,
        "helped_count": len(helped),
        "me": settings.voice.signoff or settings.user.name or settings.user.email,
        "signature": settings.voice.signature,
        "me_first": first_name(settings.user),
    }
