"""The drafting half of a pass: what became of the drafts already written, which
follow-up each ask needs next, which of those the schedule allows today, and writing
them (crash-safe) into the Drafts folder. Mixed into ``followthrough.engine.scan.Pass``."""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from followthrough.config.contacts import Contact, load_contacts
from followthrough.config.settings import Settings
from followthrough.config.voice import decide_locale, format_day
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.detect.topic import is_social, meeting_itself
from followthrough.engine import wording
from followthrough.engine.compose import (
    Composer,
    build_draft,
    draft_message_id,
    reply_subject,
    strip_subject_prefixes,
)
from followthrough.engine.planner import Planner, managers_of
from followthrough.engine.policy import Planned
from followthrough.engine.wording import first_name, full_name, greeting, reports_back
from followthrough.errors import TemplateError
from followthrough.ledger import Ledger
from followthrough.model import Account, Address, Ask, AskPhrase, Followup, Skipped

log = logging.getLogger(__name__)

TEMPLATE_FOR = {
    "checkin": "checkin.txt.j2",
    "nudge": "nudge.txt.j2",
    "thanks": "thanks.txt.j2",
    "outcome": "outcome.txt.j2",
    "praise": "praise.txt.j2",
}


class Tally(Protocol):
    """What a step of the pass adds to its summary (``scan.ScanSummary`` is one); a
    protocol, so the steps mixed into ``scan.Pass`` never import ``scan``, which imports
    them."""

    counts: Counter[str]
    errors: list[str]
    drafts: list[str]  # follow-up ids drafted this pass


class DraftSteps:
    """The drafting steps of a pass; ``Pass`` provides the state below."""

    settings: Settings
    ledger: Ledger
    account: Account
    composer: Composer
    now: datetime
    tz: ZoneInfo
    me: str
    summary: Tally
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
        path = self.account.draft_path(ref)
        draft_path = str(path) if path is not None else None
        self.ledger.record_draft_saved(followup_id, ref, draft_path, self.now)

    @property
    def contacts(self) -> dict[str, Contact]:
        if self._contacts is None:
            self._contacts = load_contacts(self.settings.contacts_path)
        return self._contacts

    def managers_of(self, ask: Ask) -> tuple[Address, ...]:
        return managers_of(ask, self.contacts, self.me)

    def planner(self) -> Planner:
        return Planner(self.ledger, self.settings, self.now, self.contacts)

    def draft_followups(self) -> None:
        """Carry out the planner's steps: retire obsolete drafts, record skips, draft what
        the schedule allows (the same answer `show` and `status` give)."""
        plan = self.planner().plan_all()
        for step in plan.steps.values():
            self.checkpoint()
            if step.obsolete is not None:  # a check-in/nudge after delivery, decline, cancel
                self.retire_draft(step.obsolete)
            for skipped in step.skips:
                self.write_followup(step.ask, skipped)
        for step in plan.by_action("waits"):
            assert step.plan is not None
            log.info("ask %s: %s waits (%s)", step.ask.id, step.plan.kind, step.why)
            self.summary.counts["waiting"] += 1
        for step in plan.by_action("draft"):
            self.checkpoint()
            assert step.plan is not None
            if step.stale is not None:
                self.retire_draft(step.stale)
            try:
                self.write_followup(step.ask, step.plan)
            except TemplateError as exc:
                log.error("ask %s: %s", step.ask.id, exc)
                self.summary.errors.append(f"ask {step.ask.id}: {exc}")

    def retire_draft(self, old: Followup) -> None:
        """Remove a stale draft from Drafts; its step is "replaced" (never drafted again)."""
        if old.draft_ref:
            self.account.delete_draft(old.draft_ref)
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
        to, cc = self.planner().recipients(ask, plan)
        if not to:
            return
        rendered = self.composer.render(TEMPLATE_FOR[plan.kind], render_context(self, ask, plan))
        message_id = draft_message_id(self.me, fid)
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
            markers=self.settings.marker_headers,
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
            self.ledger.record_draft_text(fid, rendered.body)
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


def first_names(helpers: tuple[Address, ...]) -> str:
    names = [first_name(h) for h in helpers]  # "Doe, Jane" -> Jane; "Dr. Ada Obi" -> Dr. Obi
    if len(names) <= 1:
        return "".join(names) or "there"
    return ", ".join(names[:-1]) + " and " + names[-1]


def render_context(p: DraftSteps, ask: Ask, plan: Planned) -> dict[str, object]:
    followups = p.ledger.followups(ask.id)
    thanked = ask.thanked_at is not None or any(
        f.kind == "thanks" and f.state in ("drafted", "sent", "edited") for f in followups
    )
    return draft_context(
        ask,
        plan.kind,
        plan.seq,
        reason=plan.reason,
        settings=p.settings,
        tz=p.tz,
        now=p.now,
        thanked=thanked,
        managers=p.managers_of(ask) if plan.kind == "praise" else (),
    )


def draft_context(
    ask: Ask,
    kind: str,
    seq: int,
    *,
    settings: Settings,
    tz: ZoneInfo,
    now: datetime,
    thanked: bool = False,
    managers: tuple[Address, ...] = (),
    reason: str = "",
    environ: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Everything a follow-up template may use (README "Templates")."""
    voice = settings.voice
    locale = decide_locale(voice.locale, tz, os.environ if environ is None else environ)
    today = now.astimezone(tz).date()

    def day(dt: datetime | None) -> str | None:
        return None if dt is None else format_day(dt.astimezone(tz), locale, today=today)

    phrase = ask.phrase or decide_ask_phrase(ask.source_kind, ask.what, "", ask.helpers)
    words = say_ask(phrase, ask)
    # a slot the helper is in: a calendar meeting, or a mail meeting they said yes to for a date
    meeting = phrase.kind == "meeting" and (
        ask.source_kind == "calendar"
        or (ask.due is not None and ask.state in ("acknowledged", "delivered", "closed"))
    )
    return {
        "kind": kind,
        "seq": seq,
        "what": ask.what,
        "ask": {
            "kind": phrase.kind,
            "base": phrase.base,
            "gerund": phrase.gerund,
            "topic": phrase.topic,
            "sentence": phrase.sentence,
        },
        "ask_kind": phrase.kind,
        "thanks_for": words["thanks_for"],
        "about": words["about"],
        "could_you": words["could_you"],
        "asked_to": words["asked_to"],
        "short_topic": words["short_topic"],
        "topic_for_others": words["topic_for_others"],
        "update_on": words["update_on"],
        "state": ask.state,
        "replied": ask.last_helper_at is not None,
        "agreed": ask.state in ("acknowledged", "delivered", "closed"),
        "meeting": meeting,
        # "met" / "spoke" when the topic is the meeting itself ("our call", "lunch")
        "meeting_itself": meeting_itself(phrase.topic) if phrase.kind == "meeting" else "",
        "social": phrase.kind == "meeting" and is_social(phrase.topic),
        "met": meeting and ask.due is not None and ask.due <= now,
        "thanked": thanked,
        # "I'll let you know how it turns out": after help with a result, not an errand
        "report_back": reports_back(phrase.kind, phrase.base),
        "subject": ask.subject,
        "reply_subject": reply_subject(ask.subject),
        "helper_name": first_names(ask.helpers),
        # "Hi Grace" / "Hi all" / "Hello": to the manager in a praise, else to the helpers
        "greeting": greeting(
            managers if kind == "praise" and managers else ask.helpers,
            f"{phrase.sentence}\n{ask.what}",
        ),
        "helpers": [str(h) for h in ask.helpers],
        "asked_on": day(ask.asked_at),
        "due": day(ask.due),
        "due_phrase": ask.due_phrase,
        "due_on": ask.due is not None and wording.due_is_the_day(phrase.kind, ask.due_phrase),
        "declined": ask.state == "declined",
        "outcome": (ask.outcome or "").strip().rstrip("."),
        "me": voice.signoff or settings.user.name or settings.user.email,
        "full_name": settings.user.name or settings.user.email,
        "signature": voice.signature,
        "tone": voice.tone,
        "locale": locale,
        "ask_id": ask.id,
        "reason": reason,
        "delivered_on": day(ask.state_at) if ask.state in ("delivered", "closed") else None,
        "helper_full_names": full_names(ask.helpers),
        "manager_name": first_names(managers) if managers else "",
    }


# "Checking in on …" when no topic fits a subject line ("what we talked about" is for prose)
_SUBJECT_NOUN = {
    "intro": "the introduction",
    "approval": "the approval",
    "info": "my question",
    "meeting": "our meeting",
}

LONG_PHRASE = 90  # a longer phrase is not repeated in a draft: a plainer sentence is used


def say_ask(phrase: AskPhrase, ask: Ask) -> dict[str, str]:
    """The slots templates fill, each with a plain fallback when the phrase model found no
    good words: "Thank you for {thanks_for}", "Following up on {about}", "Could you still
    {could_you}?", "I asked Sam to {asked_to}", "Checking in on {short_topic}"."""
    topic = phrase.topic if len(phrase.topic) <= LONG_PHRASE else ""
    phrase = AskPhrase(
        phrase.kind,
        phrase.base if len(phrase.base) <= LONG_PHRASE else "",
        phrase.gerund if len(phrase.gerund) <= LONG_PHRASE else "",
        topic,
        phrase.sentence,
    )
    subject = strip_subject_prefixes(ask.subject)[0]
    subject = subject if len(subject) <= 48 else ""
    # Mail drafts reply in the ask's own thread, so "my request" is clear there; a subject
    # line is no noun phrase to build on ("my note about Quick question", "… about Can you
    # help?"), so it names only a fresh mail's subject (short_topic, below).
    plain = "my request" if ask.source_kind == "mail" else "what we talked about"
    if phrase.kind == "info":
        about = f"my question about {topic}" if topic else "my question"
        thanks_for = given(phrase.gerund) or "getting back to me"
    elif phrase.kind == "meeting" and not (topic or phrase.gerund):
        about = "our meeting"  # "Are you free for a chat?": the meeting is the thing asked
        thanks_for = "making the time"
    elif phrase.kind == "meeting" and (free := _FREE_TO.match(phrase.gerund)) is not None:
        about = topic or phrase.gerund  # "whether you're free to discuss the transaction"
        thanks_for = f"making the time{' ' + free.group(1) if free.group(1) else ''}"
    elif phrase.kind == "meeting" and topic and not phrase.gerund:
        about = topic  # "our catch-up": once met, the help was the time
        thanks_for = f"making the time for {topic}"
    else:
        about = topic or phrase.gerund or plain
        thanks_for = given(phrase.gerund) or (f"your help with {topic}" if topic else "your help")
    could_you = phrase.base
    # "I asked Sam to …" goes to Sam's manager: a "you" or "your" the ask said to Sam would
    # read as the manager there ("to let me know whether you're available"), and an "it" only
    # the thread explains ("discuss it") points at nothing there, so those words give way to
    # a plainer clause.
    others = topic if topic and not says_you(topic) and len(topic) <= 48 else ""
    if phrase.base and not says_you(phrase.base) and not points_back(phrase.base):
        asked_to = phrase.base
    elif phrase.kind == "info":
        asked_to = f"answer a question of mine about {others}" if others else "answer a question"
    elif phrase.kind == "meeting":
        asked_to = "make some time for me"  # "…, and we met on Friday": the time is the help
    else:
        asked_to = f"help me with {others}" if others else "help me"
    # a fresh subject: the topic, else the thread's subject, else what kind of thing it was
    short = (
        topic
        if topic and len(topic) <= 64
        else (subject or _SUBJECT_NOUN.get(phrase.kind, "my request"))
    )
    return {
        "update_on": about if phrase.kind == "info" else (topic or about),
        "thanks_for": thanks_for,
        "about": about,
        "could_you": could_you,
        "asked_to": asked_to,
        "short_topic": short,
        "topic_for_others": others,
    }


# A meeting asked as a question of time ("let me know if you are available to discuss
# this"): once met, the help was the time ("Thank you for making the time to discuss this").
_FREE_TO = re.compile(
    r"^letting me know (?:whether|if) you(?:'re| are) (?:available|free)"
    r"(?:\s+((?:to|for)\s+.+))?$"
)

# What a reader shares when asked for "any": once it has come, it is theirs ("Thanks for
# sharing your hints", not "… sharing any hints").
_ANY_GIVEN = re.compile(
    r"^(\w+ing(?: (?:me|us))?) any (?=(?:\w+ )?(?:hints?|tips?|pointers?|suggestions?|ideas?"
    r"|thoughts?|comments?|feedback|input|advice|insights?|recommendations?|help|info"
    r"|information|guidance)\b)"
)


def given(gerund: str) -> str:
    """The -ing form as said once the help has come: "sharing any hints" becomes "sharing
    your hints" (what was asked for with "any" was given); any other form as it is."""
    return _ANY_GIVEN.sub(r"\1 your ", gerund)


# A pronoun object ("discuss it", "forward this to Jeff") points into the ask's own thread;
# the praise goes to someone who never saw it.
_POINTS_BACK = re.compile(
    r"\b(?:it|this|that|these|those|them)\b"
    r"(?=\s*$|\s+(?:to|with|for|over|back|on|by|in|out|up|along|around)\b)",
    re.I,
)


def points_back(words: str) -> bool:
    """Whether the words' object is a pronoun only the ask's own thread explains ("discuss
    it", "send that back to me"): they cannot be repeated to someone else as they stand."""
    return _POINTS_BACK.search(words) is not None


_SECOND_PERSON = re.compile(r"\byou(?:r|rs|rself|rselves|'re|'ve|'ll|'d)?\b", re.I)


def says_you(words: str) -> bool:
    """Whether the words speak to the helper ("your deck", "whether you're free"): they
    cannot be repeated to someone else as they stand."""
    return _SECOND_PERSON.search(words.replace("\u2019", "'")) is not None


def full_names(people: tuple[Address, ...]) -> str:
    names = [full_name(p) for p in people]  # "Grace Hopper"; "jo.reyes@" -> "Jo Reyes"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
