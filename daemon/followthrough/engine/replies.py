"""Messages in an ask's thread, in whichever order they are read: the helpers' replies
(acknowledged, delivered, declined, a question back, away), the user's own replies
(thanks), replies kept until the message they answer is read, and requests someone
made of the user. Mixed into ``followthrough.engine.scan.Pass``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followthrough import detect
from followthrough.config.settings import Settings
from followthrough.engine.budget import MessageBudget
from followthrough.engine.compose import thread_key
from followthrough.engine.drafting import Tally
from followthrough.engine.relating import RelationSteps
from followthrough.ledger import Ledger
from followthrough.model import (
    ACTIVE_STATES,
    Account,
    AskState,
    EarlyReply,
    MailRecord,
    Skipped,
    is_automatic,
)


def normalize_subject(subject: str) -> str:
    return thread_key(subject)


class ReplySteps(MessageBudget, RelationSteps):
    """The inbox side of reading mail; ``Pass`` provides the state below."""

    settings: Settings
    ledger: Ledger
    account: Account
    now: datetime
    tz: ZoneInfo
    me: str
    summary: Tally
    _subjects: tuple[int, dict[str, list[str]]] | None  # see subject_index

    if TYPE_CHECKING:  # provided by ``Pass``

        def checkpoint(self) -> None: ...

        def skip(self, item: Skipped) -> None: ...

    def thread_of(self, record: MailRecord) -> str | None:
        ids = [record.in_reply_to or "", *record.references]
        ask_id = self.ledger.ask_for_thread(ids)
        if ask_id is None and record.conversation:
            ask_id = self.ledger.ask_for_thread([f"conversation:{record.conversation}"])
        return ask_id

    def record_user_reply(
        self, ask_id: str, message_id: str, at: datetime, thanks: str | None
    ) -> None:
        """The user's own message in an ask's thread: never the helper's answer."""
        self.ledger.record_user_activity(ask_id, at, thanked=thanks is not None)
        self.ledger.record_thread(ask_id, message_id)
        self.adopt_early_replies(ask_id, message_id)
        if thanks is not None:
            self.ledger.record_event(
                ask_id,
                at,
                "thanked",
                "you thanked them in the thread",
                rule="thanks wording",
                evidence=thanks,
                source=f"sent:{message_id}",
            )

    def join_thread(self, ask_id: str, message_id: str) -> None:
        """Add a message to an ask's thread, with any of the user's replies to it and any
        reply to it read before it."""
        self.ledger.record_thread(ask_id, message_id)
        for child, at, thanks in self.ledger.adopt_orphans(message_id):
            self.record_user_reply(ask_id, child, at, thanks)
        self.adopt_early_replies(ask_id, message_id)

    def adopt_early_replies(self, ask_id: str, message_id: str) -> None:
        """Replies to ``message_id`` read before it (a later pass, or earlier in the same
        mbox): now in the ask's thread, each is what it would have been if read after."""
        for reply in self.ledger.adopt_early_replies(message_id):
            # read first, a reply that asks ("Are you using the March draft?") was taken
            # for a request made of the user; read after the ask it is never one
            self.ledger.forget_incoming(reply.message_id)
            self.join_thread(ask_id, reply.message_id)
            self.apply_reply(ask_id, reply)

    def record_incoming(self, record: MailRecord) -> None:
        ask_id = self.thread_of(record)
        if ask_id is None:
            ask_id = self.match_by_subject(record)
            if ask_id is None:
                self.remember_early_reply(record)
                self.detect_incoming_ask(record)
                return
        self.join_thread(ask_id, record.message_id)
        self.apply_reply(ask_id, self.read_reply(record))

    def read_reply(self, record: MailRecord) -> EarlyReply:
        """What a message says as a reply: kept whole, so a reply read before the message
        it answers can be applied when that message turns up."""
        auto = record.auto if is_automatic(record.auto) else ""  # a list post is a person's
        text = self.text_of(record)  # bounded: [limits].max_text_chars
        reply = detect.classify_reply(text, record.attachments, auto)
        self.within_budget()
        until = None
        if reply.kind == "auto":
            until = detect.detect_ooo_return(text, record.date) or record.auto_until
        return EarlyReply(
            message_id=record.message_id,
            sender=record.sender.email if record.sender else "",
            mailing_list=record.mailing_list,
            at=record.date,
            kind=reply.kind,
            rule=reply.rule,
            evidence=reply.evidence,
            until=until,
        )

    def remember_early_reply(self, record: MailRecord) -> None:
        """A reply in no known thread: kept (for the lookback window) in case the message
        it answers is read later — mail is not read in the order it was written."""
        parents = [record.in_reply_to or "", *record.references[-5:]]
        if (
            not any(parents)
            or record.sender is None
            or record.auto == "bulk"
            or record.date < self.now - timedelta(days=self.settings.detect.lookback_days)
        ):
            return
        self.ledger.record_early_reply(self.read_reply(record), parents)

    def apply_reply(self, ask_id: str, reply: EarlyReply) -> None:
        """A message in an ask's thread from someone other than the user."""
        ask = self.ledger.get_ask(ask_id)
        helpers = {h.email for h in ask.helpers}
        if reply.sender not in helpers and not (
            reply.mailing_list and reply.mailing_list in helpers
        ):
            return  # someone else in the thread: not the helper's answer (unless asked of
            # a whole list: then anyone answering through it is)
        source = f"inbox:{reply.message_id}"
        if reply.kind == "auto":
            detail = "automatic reply (not an answer)"
            if reply.until is not None and reply.until > reply.at:
                self.ledger.record_pause(ask_id, reply.until)
                detail += f"; away until {reply.until.astimezone(self.tz):%a %d %b}"
            self.ledger.record_event(
                ask_id,
                reply.at,
                "auto-reply",
                detail,
                rule=reply.rule,
                evidence=reply.evidence,
                source=source,
            )
            return
        self.summary.counts["replies"] += 1
        self.ledger.record_helper_activity(ask_id, reply.at)
        if reply.kind == "question":
            self.ledger.record_question(ask_id, reply.at)
        else:
            self.ledger.clear_question(ask_id, reply.at)
        self.ledger.record_event(
            ask_id,
            reply.at,
            "reply",
            f"{reply.kind} reply from {reply.sender}",
            rule=reply.rule,
            evidence=reply.evidence,
            source=source,
        )
        target: AskState = {"delivered": "delivered", "declined": "declined"}.get(  # type: ignore[assignment]
            reply.kind, "acknowledged"
        )
        # The helper's latest word decides between delivered and declined, whichever
        # order their replies are read in.
        later = (
            ask.state in ("delivered", "declined")
            and target in ("delivered", "declined")
            and ask.state != target
            and reply.at > ask.state_at
        )
        if ask.state == target:
            self.ledger.record_state_since(ask_id, reply.at)
        elif self.ledger.record_state(
            ask_id,
            target,
            reply.at,
            rule=f"reply: {reply.rule}",
            evidence=reply.evidence,
            source=source,
            force=later,
        ):
            self.summary.counts["state_changes"] += 1

    def detect_incoming_ask(self, record: MailRecord) -> None:
        """A request someone made of the user (help given, for `people` and the digest)."""
        if (
            record.auto
            or record.sender is None
            or record.date < self.now - timedelta(days=self.settings.detect.lookback_days)
            or self.me not in {a.email for a in record.to}
        ):
            return
        d = self.settings.detect
        hit = detect.detect_request(self.text_of(record), record.date, day_first=d.day_first)
        self.within_budget()
        if hit is None or hit.confidence < d.track_threshold:
            return
        due = hit.deadline.due if hit.deadline is not None else None
        if self.ledger.record_incoming(
            message_id=record.message_id,
            sender=record.sender,
            subject=record.subject[:250],
            what=(hit.what or record.subject)[:200],
            asked_at=record.date,
            due=due,
            evidence=hit.sentence[:500],
        ):
            self.summary.counts["incoming_asks"] += 1
            answered = self.ledger.user_replied_to(record.message_id)
            if answered is not None:  # the user's answer was read first (Sent comes first)
                self.ledger.record_incoming_answered(record.message_id, answered)
                self.apply_early_reply(record.message_id)

    def match_by_subject(self, record: MailRecord) -> str | None:
        """Last resort: same subject from a helper of an active mail ask."""
        if record.sender is None or not record.subject:
            return None
        subject = normalize_subject(record.subject)
        if not subject:
            return None
        for ask_id in self.subject_index().get(subject, ()):
            ask = self.ledger.get_ask(ask_id)
            if (
                record.sender.email in {h.email for h in ask.helpers}
                and record.date >= ask.asked_at
            ):
                return ask.id
        return None

    def subject_index(self) -> dict[str, list[str]]:
        """Active tracked mail asks by normalized subject, oldest first. Built once and
        rebuilt after any write to the asks, so it answers as a fresh query would —
        without loading every ask for every inbox message."""
        key = self.ledger.asks_written
        if self._subjects is None or self._subjects[0] != key:
            index: dict[str, list[str]] = {}
            for ask_id, subject in self.ledger.ask_subjects(
                source_kind="mail", states=ACTIVE_STATES
            ):
                index.setdefault(normalize_subject(subject), []).append(ask_id)
            self._subjects = (key, index)
        return self._subjects[1]
