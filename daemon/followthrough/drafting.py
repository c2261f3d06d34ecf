"""The drafting half of a pass: what became of the drafts already written, which
follow-up each ask needs next, which of those the schedule allows today, and writing
them (crash-safe) into the Drafts folder. Mixed into ``followthrough.scan.Pass``."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followthrough.compose import Composer, build_draft
from followthrough.config import Settings
from followthrough.contacts import Contact, load_contacts
from followthrough.errors import TemplateError
from followthrough.ledger import Ledger
from followthrough.model import ACTIVE_STATES, Account, Address, Ask, Followup, Skipped
from followthrough.outbox import can_delete_drafts, remove_draft
from followthrough.policy import (
    Candidate,
    Planned,
    Sent,
    decide_next_followup,
    decide_schedule,
)

if TYPE_CHECKING:
    from followthrough.scan import ScanSummary

log = logging.getLogger(__name__)

TEMPLATE_FOR = {
    "checkin": "checkin.txt.j2",
    "nudge": "nudge.txt.j2",
    "thanks": "thanks.txt.j2",
    "outcome": "outcome.txt.j2",
    "praise": "praise.txt.j2",
}


class DraftSteps:
    """The drafting steps of a pass; ``Pass`` provides the state below."""

    settings: Settings
    ledger: Ledger
    account: Account
    composer: Composer
    now: datetime
    tz: ZoneInfo
    me: str
    summary: ScanSummary
    _contacts: dict[str, Contact] | None
    _draft_ids: set[str] | None
    sent_ids: set[str]  # Message-IDs read from Sent in this pass

    def checkpoint(self) -> None:
        """Stop between two committed steps when the pass is asked to (see ``Pass``)."""

    def track_drafts(self) -> None:
        self.reconcile_drafts()
        with self.ledger.transaction():
            for followup in self.ledger.followups(states=("drafted",)):
                if followup.draft_ref is None:
                    continue
                state = self.account.draft_state(followup.draft_ref)
                if state == "gone":
                    # Not found in Sent (that would have matched above): deleted unsent.
                    self.ledger.record_followup_state(followup.id, "deleted", self.now)
                    self.summary.counts["drafts_deleted"] += 1
                elif state == "sent":
                    self.ledger.record_followup_state(followup.id, "sent", self.now)

    def reconcile_drafts(self) -> None:
        """Settle follow-ups a killed pass left "drafting": saved as a draft, or not at all.

        The draft's Message-ID is recorded (and committed) before the draft is saved, so
        the backend can tell which: found, it is recorded as drafted; not found, the
        follow-up is forgotten and the policy drafts it again, with the same Message-ID.
        """
        for followup in self.ledger.followups(states=("drafting",)):
            ref = self.account.find_draft(followup.message_id) if followup.message_id else None
            with self.ledger.transaction():
                if ref is None:
                    self.ledger.forget_followup(followup.id)
                    log.info(
                        "follow-up %s: its draft was never saved; drafting it again", followup.id
                    )
                else:
                    self.record_draft_saved(followup.id, ref)
                    log.info("follow-up %s: found its draft from an interrupted pass", followup.id)

    def already_written(
        self,
        ask: Ask,
        plan: Planned,
        fid: str,
        message_id: str,
        to: tuple[Address, ...],
        cc: tuple[Address, ...],
        subject: str,
    ) -> bool:
        recipients = [a.email for a in (*to, *cc)]
        return _already(self, ask, plan, fid, message_id, recipients, subject)

    def draft_ids(self) -> set[str]:
        """The Message-IDs in the Drafts folder, read once per pass (looking each one up
        with find_draft read the whole folder per draft: quadratic in a busy pass)."""
        if self._draft_ids is None:
            batch = self.account.read_mail("drafts", None, self.skip)
            self._draft_ids = {r.message_id.strip().strip("<>") for r in batch.records}
        return self._draft_ids

    def skip(self, item: Skipped) -> None:
        """Report an item that could not be read (see ``Pass.skip``)."""

    def record_draft_saved(self, followup_id: str, ref: str) -> None:
        path = getattr(self.account, "draft_path", None)
        draft_path = str(path(ref)) if callable(path) and path(ref) is not None else None
        self.ledger.record_draft_saved(followup_id, ref, draft_path, self.now)

    @property
    def contacts(self) -> dict[str, Contact]:
        if self._contacts is None:
            self._contacts = load_contacts(self.settings.contacts_path)
        return self._contacts

    def managers_of(self, ask: Ask) -> tuple[Address, ...]:
        return managers_of(ask, self.contacts, self.me)

    def recipients(
        self, ask: Ask, plan: Planned
    ) -> tuple[tuple[Address, ...], tuple[Address, ...]]:
        """(To, Cc) of a follow-up: the helpers; for praise, their managers, copying them."""
        if plan.kind == "praise":
            return self.managers_of(ask), ask.helpers
        return ask.helpers, ()

    def plan_for(self, ask: Ask, followups: list[Followup]) -> Planned | None:
        return decide_next_followup(
            ask,
            followups,
            self.now,
            self.settings.policy,
            self.tz,
            manager_known=ask.praise and bool(self.managers_of(ask)),
        )

    def draft_followups(self) -> None:
        """Plan every ask's next step; record skips; draft what the schedule allows."""
        candidates: list[Candidate] = []
        asks: dict[str, Ask] = {}
        stale: dict[str, Followup] = {}  # ask id -> its unsent draft the new step replaces
        for ask in self.ledger.asks():
            self.checkpoint()
            for _ in range(4):  # a skipped step lets the next one be planned at once
                followups = self.ledger.followups(ask.id)
                obsolete = self.obsolete_draft(ask, followups)
                if obsolete is not None:  # a check-in/nudge after delivery, decline, cancel
                    self.retire_draft(obsolete)
                    continue
                old = self.stale_draft(ask, followups)
                if old is not None:
                    stale[ask.id] = old
                    followups = [f for f in followups if f.id != old.id]
                elif any(f.state in ("drafting", "drafted") for f in followups):
                    break  # never two pending drafts for one ask
                plan = self.plan_for(ask, followups)
                if plan is None or plan.due_at > self.now:
                    break
                if plan.skip:
                    self.write_followup(ask, plan)
                    continue
                to, cc = self.recipients(ask, plan)
                asks[ask.id] = ask
                candidates.append(Candidate(ask.id, plan, frozenset(a.email for a in (*to, *cc))))
                break
        history = [
            Sent(f.created_at, frozenset(f.recipients))
            for f in self.ledger.followups_since(
                self.now - timedelta(days=14 + 2 * self.settings.policy.cooldown_days)
            )
            if f.state not in ("skipped", "replaced")
            and f.id not in {o.id for o in stale.values()}  # never sent: no cooldown
        ]
        schedule = decide_schedule(candidates, history, self.now, self.settings.policy, self.tz)
        for candidate, why in schedule.waiting:
            log.info("ask %s: %s waits (%s)", candidate.ask_id, candidate.plan.kind, why)
            self.summary.counts["waiting"] += 1
        for candidate in schedule.now:
            self.checkpoint()
            ask = asks[candidate.ask_id]
            if ask.id in stale:
                self.retire_draft(stale[ask.id])
            try:
                self.write_followup(ask, candidate.plan)
            except TemplateError as exc:
                log.error("ask %s: %s", ask.id, exc)
                self.summary.errors.append(f"ask {ask.id}: {exc}")

    def stale_draft(self, ask: Ask, followups: list[Followup]) -> Followup | None:
        """The ask's unsent check-in or nudge draft, when the policy — asked as if that
        draft were not there — now plans a different or later step, due after the draft
        was written (a nudge falls due while the check-in still waits). Thank-you, outcome
        and praise drafts are never replaced; nor are drafts the backend cannot delete."""
        if any(f.state == "drafting" for f in followups):
            return None
        pending = [f for f in followups if f.state == "drafted"]
        if len(pending) != 1 or not can_delete_drafts(self.account):
            return None
        old = pending[0]
        if old.kind not in ("checkin", "nudge") or not old.draft_ref:
            return None
        plan = self.plan_for(ask, [f for f in followups if f.id != old.id])
        if plan is None or plan.due_at > self.now or old.created_at >= plan.due_at:
            return None
        if plan.kind == old.kind and plan.seq <= old.seq:
            return None
        return old

    def obsolete_draft(self, ask: Ask, followups: list[Followup]) -> Followup | None:
        """An unsent check-in or nudge draft of an ask that is no longer under way
        (delivered, declined, closed or cancelled): it must not be sent any more. Where
        the backend cannot remove drafts, it is retired in the ledger and the user told to
        delete it, so it never blocks the thank-you."""
        if ask.state in ACTIVE_STATES:
            return None
        for f in followups:
            if f.state == "drafted" and f.kind in ("checkin", "nudge") and f.draft_ref:
                return f
        return None

    def retire_draft(self, old: Followup) -> None:
        """Remove a stale draft from Drafts; its step is "replaced" (never drafted again)."""
        if old.draft_ref and not can_delete_drafts(self.account):
            log.warning(
                "follow-up %s is no longer needed: delete its draft (%r) from your Drafts "
                "folder; followthrough cannot remove drafts from this account",
                old.id,
                old.subject,
            )
        elif old.draft_ref:
            remove_draft(self.account, old.draft_ref)
        with self.ledger.transaction():
            self.ledger.record_followup_state(old.id, "replaced", self.now)
        self.summary.counts["drafts_replaced"] += 1
        log.info("follow-up %s: its unsent draft was replaced by a newer step", old.id)

    def write_followup(self, ask: Ask, plan: Planned) -> None:
        fid = f"{ask.id}-{plan.kind}{plan.seq if plan.seq > 1 else ''}"
        if plan.skip:
            with self.ledger.transaction():
                self.ledger.record_followup(
                    ask_id=ask.id,
                    kind=plan.kind,
                    seq=plan.seq,
                    due_at=plan.due_at,
                    state="skipped",
                    now=self.now,
                    subject=plan.skip,
                )
            return
        to, cc = self.recipients(ask, plan)
        if not to:
            return
        rendered = self.composer.render(TEMPLATE_FOR[plan.kind], render_context(self, ask, plan))
        domain = self.me.rpartition("@")[2]
        digest = hashlib.sha256(f"{self.me}\0{fid}".encode()).hexdigest()[:16]
        message_id = f"{fid}.{digest}.followthrough@{domain}"
        draft = build_draft(
            sender=self.settings.user,
            to=to,
            cc=cc,
            rendered=rendered,
            ask_id=ask.id,
            followup_id=fid,
            now=self.now,
            in_reply_to=ask.thread_root,
            references=(ask.thread_root,) if ask.thread_root else (),
            message_id=message_id,
        )
        if self.already_written(ask, plan, fid, message_id, to, cc, rendered.subject):
            return
        log.debug("follow-up %s: drafting", fid)
        # Crash safety: commit the intent ("drafting", with the draft's Message-ID) first,
        # then save the draft, then record where it went. A pass killed in between leaves
        # "drafting", which reconcile_drafts settles by looking for that Message-ID.
        with self.ledger.transaction():
            self.ledger.record_followup(
                ask_id=ask.id,
                kind=plan.kind,
                seq=plan.seq,
                due_at=plan.due_at,
                state="drafting",
                now=self.now,
                message_id=message_id,
                recipients=[a.email for a in (*to, *cc)],
                subject=rendered.subject,
            )
        ref = self.account.save_draft(draft, None)
        with self.ledger.transaction():
            self.record_draft_saved(fid, ref)
        self.summary.counts["drafts"] += 1
        self.summary.drafts.append(fid)


def _already(
    p: DraftSteps,
    ask: Ask,
    plan: Planned,
    fid: str,
    message_id: str,
    recipients: list[str],
    subject: str,
) -> bool:
    """Whether this follow-up's message (its Message-ID is derived from the follow-up, so
    it is the same every time) is already in Sent or in Drafts — a ledger restored from an
    old backup, or lost, must not make followthrough write the same mail twice. (A ledger
    started over reads all of Sent in its first pass, the one that plans these again.)"""
    in_sent = message_id in p.sent_ids
    ref = None
    if not in_sent and message_id in p.draft_ids():
        ref = p.account.find_draft(message_id)
    if not in_sent and ref is None:
        return False
    with p.ledger.transaction():
        p.ledger.record_followup(
            ask_id=ask.id,
            kind=plan.kind,
            seq=plan.seq,
            due_at=plan.due_at,
            state="sent" if in_sent else "drafting",
            now=p.now,
            message_id=message_id,
            recipients=recipients,
            subject=subject,
        )
        if ref is not None:
            p.record_draft_saved(fid, ref)
    log.warning(
        "follow-up %s: its message is already in your %s folder; not written again",
        fid,
        "Sent" if in_sent else "Drafts",
    )
    return True


def managers_of(ask: Ask, contacts: dict[str, Contact], me: str) -> tuple[Address, ...]:
    """The managers of the ask's helpers, from contacts.toml (praise goes to them)."""
    found: dict[str, Address] = {}
    for helper in ask.helpers:
        contact = contacts.get(helper.email)
        if contact is not None and contact.manager and contact.manager != me:
            boss = contacts.get(contact.manager)
            found[contact.manager] = Address(contact.manager, boss.name if boss else "")
    return tuple(found.values())


def first_names(helpers: tuple[Address, ...]) -> str:
    names = []
    for h in helpers:
        name = h.name.strip()
        if "," in name:  # "Doe, Jane"
            name = name.split(",", 1)[1].strip()
        first = name.split()[0] if name else h.email.split("@")[0].split(".")[0].capitalize()
        names.append(first)
    if len(names) <= 1:
        return "".join(names) or "there"
    return ", ".join(names[:-1]) + " and " + names[-1]


def render_context(p: DraftSteps, ask: Ask, plan: Planned) -> dict[str, object]:
    tz = p.tz

    def day(dt: datetime | None) -> str | None:
        return None if dt is None else dt.astimezone(tz).strftime("%A %-d %B")

    return {
        "kind": plan.kind,
        "seq": plan.seq,
        "what": ask.what,
        "subject": ask.subject,
        "helper_name": first_names(ask.helpers),
        "helpers": [str(h) for h in ask.helpers],
        "asked_on": day(ask.asked_at),
        "due": day(ask.due),
        "due_phrase": ask.due_phrase,
        "declined": ask.state == "declined",
        "outcome": (ask.outcome or "").rstrip("."),
        "me": p.settings.user.name or p.settings.user.email,
        "ask_id": ask.id,
        "reason": plan.reason,
        "delivered_on": day(ask.state_at) if ask.state in ("delivered", "closed") else None,
        "helper_full_names": full_names(ask.helpers),
        "manager_name": first_names(p.managers_of(ask)) if plan.kind == "praise" else "",
    }


def full_names(people: tuple[Address, ...]) -> str:
    names = [p.name.strip() or p.email for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
