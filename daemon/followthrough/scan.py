"""One idempotent pass: read → detect → record → decide → compose → draft.

Each step commits what it read together with the cursor it read it with, so a crash
at any point never skips or double-counts a message. Running a pass twice on
unchanged input changes nothing and writes no second draft.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followthrough import detect
from followthrough.compose import Composer
from followthrough.config import Settings
from followthrough.contacts import Contact
from followthrough.drafting import DraftSteps
from followthrough.errors import FollowthroughError
from followthrough.ledger import Ledger
from followthrough.model import (
    ACTIVE_STATES,
    Account,
    Address,
    Ask,
    AskState,
    CalendarRecord,
    MailRecord,
    Skipped,
    Window,
)

log = logging.getLogger(__name__)

_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.I)
_ASK_PREFIX = re.compile(r"^\s*ask\s*[:\-–—]\s*", re.I)
_OUTCOME_LINE = re.compile(r"^\s*outcome\s*:\s*(.+?)\s*$", re.I | re.M)


@dataclass(slots=True)
class ScanSummary:
    """What one pass did, for the one-line summary and `status`."""

    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # follow-up ids drafted this pass
    seconds: float = 0.0

    def line(self) -> str:
        c = self.counts
        parts = [
            f"read {c['sent']} sent, {c['inbox']} inbox, {c['calendar']} calendar entries",
            f"{c['asks_new']} new asks",
        ]
        if c["suggested_new"]:
            parts.append(f"{c['suggested_new']} suggested")
        parts += [
            f"{c['replies']} replies",
            f"{c['drafts']} drafts written",
            f"{len(self.skipped)} bad items skipped",
        ]
        if self.errors:
            parts.append(f"{len(self.errors)} errors")
        return "; ".join(parts) + f" ({self.seconds:.2f}s)"

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": dict(self.counts),
            "skipped": len(self.skipped),
            "errors": list(self.errors),
            "drafts": list(self.drafts),
            "seconds": round(self.seconds, 3),
        }


class PassInterruptedError(FollowthroughError):
    """The pass was asked to stop (the daemon is shutting down); raised between steps."""


def normalize_subject(subject: str) -> str:
    return _SUBJECT_PREFIX.sub("", subject).strip().lower()


# "send it over", "look at this": what is asked only makes sense with the subject
_VAGUE = re.compile(
    r"^(?:\w+ ){1,2}(?:it|this|that|these|those|them)(?: (?:over|back|through|on|out|along))?$",
    re.I,
)


def _with_subject(what: str, subject: str) -> str:
    """The summary of the request, with the subject when it names nothing by itself."""
    if not what:
        return subject
    if subject and _VAGUE.match(what):
        return f"{what} ({subject})"
    return what


def _wording(hit: detect.RequestHit, why: str) -> str:
    """The event's rule for a detected ask: its confidence, the threshold, the rules."""
    return f"request wording, confidence {hit.confidence:.2f} ({why}): " + ", ".join(hit.rules)


class Pass(DraftSteps):
    """One pass over one account. Build it, call ``run()``."""

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        account: Account,
        composer: Composer,
        now: datetime,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings
        self._adjust: dict[str, float] | None = None
        self.should_stop = should_stop
        self.ledger = ledger
        self.account = account
        self.composer = composer
        self.now = now
        self.tz = settings.timezone
        self.me = settings.user.email
        self.summary = ScanSummary()
        self._contacts: dict[str, Contact] | None = None
        self._reported: set[Skipped] = set()
        self._subjects: tuple[int, dict[str, list[str]]] | None = None  # see subject_index

    # --- the pass ---------------------------------------------------------------------

    def run(self) -> ScanSummary:
        started = time.monotonic()
        with self.ledger.transaction():
            pass_id = self.ledger.record_pass_start(self.now)
        result = "ok"
        try:
            self.checkpoint()
            self.read_calendar()
            self.checkpoint()
            self.read_mail("sent")
            self.checkpoint()
            self.read_mail("inbox")
            self.checkpoint()
            self.track_drafts()
            self.draft_followups()
        except PassInterruptedError:
            result = "interrupted"
            raise
        except Exception as exc:  # OSError, timeouts, bugs: the pass failed, say so
            result = "failed"
            self.summary.errors.append(str(exc))
            raise
        finally:
            self.summary.seconds = time.monotonic() - started
            with self.ledger.transaction():
                self.ledger.record_pass_end(pass_id, self.now, result, self.summary.as_dict())
        return self.summary

    def checkpoint(self) -> None:
        """Between two committed steps: stop here if the daemon is shutting down."""
        if self.should_stop is not None and self.should_stop():
            raise PassInterruptedError("the pass was stopped between two steps")

    def skip(self, item: Skipped) -> None:
        if item in self._reported:  # every occurrence of one recurring entry: once
            return
        self._reported.add(item)
        log.warning("skipped %s: %s", item.where, item.why)
        self.summary.skipped.append(item)

    # --- calendar ---------------------------------------------------------------------

    def read_calendar(self) -> None:
        d = self.settings.detect
        window = Window(
            self.now - timedelta(days=d.lookback_days), self.now + timedelta(days=d.lookahead_days)
        )
        stream = f"{self.account.name}:calendar"
        # The backend answers "nothing changed" by its own cursor, but time moves too: the
        # window slides every day, and a future occurrence of a recurring ask becomes an
        # ask when it starts. Either forces a full re-read.
        wake_key = f"{stream}:wake"
        today = self.now.astimezone(self.tz).date().isoformat()
        cursor = self.ledger.cursor(stream)
        wake = self.ledger.cursor(wake_key)
        if wake is not None:
            day, _, next_start = wake.partition(" ")
            if day != today or (next_start and self.now >= datetime.fromisoformat(next_start)):
                cursor = None
        upcoming: list[datetime] = []
        with self.ledger.transaction():
            batch = self.account.read_calendar(window, cursor, self.skip)
            for record in batch.records:
                self.summary.counts["calendar"] += 1
                if self.is_tagged(record):
                    if record.recurrence_id is not None and record.start > self.now:
                        upcoming.append(record.start)
                    self.record_calendar_ask(record)
            self.ledger.record_cursor(stream, batch.cursor())
            if cursor is None or upcoming:
                next_start = min(upcoming).isoformat() if upcoming else ""
                self.ledger.record_cursor(wake_key, f"{today} {next_start}".strip())
            elif wake is None:
                self.ledger.record_cursor(wake_key, today)

    def is_tagged(self, record: CalendarRecord) -> bool:
        tag = self.settings.detect.tag
        if tag in record.categories:
            return True
        return re.search(rf"(^|\s)#{re.escape(tag)}\b", record.summary, re.I) is not None

    def record_calendar_ask(self, record: CalendarRecord) -> None:
        if record.recurrence_id is not None and not self.is_new_occurrence(record):
            return
        tag = self.settings.detect.tag
        what = re.sub(rf"(^|\s)#{re.escape(tag)}\b", " ", record.summary, flags=re.I)
        what = re.sub(r"(^|\s)#(done|declined|praise)\b", " ", what, flags=re.I)
        what = _ASK_PREFIX.sub("", " ".join(what.split())) or record.summary.strip()
        helpers = tuple(a for a in record.attendees if a.email != self.me)
        if not helpers:
            helpers = tuple(
                Address(e.lower())
                for e in dict.fromkeys(_EMAIL_IN_TEXT.findall(record.description))
                if e.lower() != self.me
            )
        key = record.uid + (f"@{record.recurrence_id.isoformat()}" if record.recurrence_id else "")
        where = f"{record.source}: {record.summary!r}"
        if not helpers:
            self.skip(
                Skipped(where, "tagged as an ask but names no helper (no attendee, no address)")
            )
            return
        asked_at = min(record.start, self.now)
        deadline = detect.parse_deadline(
            record.description, record.start, day_first=self.settings.detect.day_first
        )
        if deadline is not None and deadline.due is not None:
            due, phrase = deadline.due, deadline.phrase
        elif record.start > self.now:
            due, phrase = record.end if record.all_day else record.start, "the calendar entry"
        else:
            due = record.start + timedelta(days=self.settings.detect.default_due_days)
            phrase = f"the entry's date + {self.settings.detect.default_due_days} days"
        praise = re.search(r"(^|\s)#praise\b", record.summary + " " + record.description, re.I)
        ask, created = self.ledger.record_ask(
            source_kind="calendar",
            source_key=key,
            what=what,
            subject="",
            helpers=helpers,
            asked_at=asked_at,
            due=due,
            due_phrase=phrase,
            thread_root=None,
            conversation=None,
            praise=praise is not None,
            rule=f"calendar tag #{tag}",
            evidence=record.summary,
            source=where,
        )
        if created:
            self.summary.counts["asks_new"] += 1
        elif ask.what != what:
            self.ledger.update_ask_details(ask.id, what=what)
        self.apply_calendar_marks(ask, record, where)

    def is_new_occurrence(self, record: CalendarRecord) -> bool:
        """Whether an occurrence of a recurring tagged entry becomes an ask of its own.

        Occurrences become asks as they start; history from before the series was first
        seen reaches back one week only, and a series makes at most one ask per day (an
        entry repeating every minute must not flood the ledger)."""
        if record.start > self.now:
            return False  # a future occurrence is not asked yet
        series = f"calseries:{record.uid}"
        first_seen = self.ledger.cursor(series)
        if first_seen is None:
            first_seen = self.now.isoformat()
            self.ledger.record_cursor(series, first_seen)
        if record.start < datetime.fromisoformat(first_seen) - timedelta(days=7):
            return False
        day = record.start.astimezone(self.tz).date()
        key = f"{record.uid}@{record.recurrence_id.isoformat() if record.recurrence_id else ''}"
        for other_key, asked_at in self.ledger.series_asks(record.uid):
            if other_key != key and asked_at.astimezone(self.tz).date() == day:
                return False
        return True

    def apply_calendar_marks(self, ask: Ask, record: CalendarRecord, where: str) -> None:
        text = f"{record.summary}\n{record.description}"
        cats = record.categories
        at = self.now  # when the edit was seen
        marks: tuple[tuple[str, AskState], ...] = (("done", "delivered"), ("declined", "declined"))
        for mark, state in marks:
            if not (re.search(rf"(^|\s)#{mark}\b", text, re.I) or mark in cats):
                continue
            if self.ledger.record_state(
                ask.id, state, at, rule=f"calendar #{mark}", evidence=f"#{mark}", source=where
            ):
                self.summary.counts["state_changes"] += 1
        if m := _OUTCOME_LINE.search(record.description):
            outcome = m.group(1)[:500]
            if self.ledger.record_outcome(ask.id, outcome, at, source=f"{where}: Outcome"):
                self.summary.counts["outcomes"] += 1

    # --- mail -------------------------------------------------------------------------

    def read_mail(self, folder: str) -> None:
        assert folder in ("sent", "inbox")
        stream = f"{self.account.name}:{folder}"
        self._subjects = None  # others may have written the ledger since the last step
        with self.ledger.transaction():
            batch = self.account.read_mail(
                folder,  # type: ignore[arg-type]
                self.ledger.cursor(stream),
                self.skip,
            )
            for record in batch.records:
                self.summary.counts[folder] += 1
                try:
                    if folder == "sent" or self.is_mine(record):
                        self.record_sent(record)
                    else:
                        self.record_incoming(record)
                except FollowthroughError:
                    raise
                except Exception as exc:  # one bad message never stops a pass
                    log.exception("could not process message %s", record.ref)
                    self.skip(Skipped(f"{folder}:{record.ref}", f"{type(exc).__name__}: {exc}"))
            if folder == "sent":
                self.ledger.forget_orphans(
                    self.now - timedelta(days=self.settings.detect.lookback_days)
                )
            self.ledger.record_cursor(stream, batch.cursor())

    def is_mine(self, record: MailRecord) -> bool:
        return record.sender is not None and record.sender.email == self.me

    def thread_of(self, record: MailRecord) -> str | None:
        ids = [record.in_reply_to or "", *record.references]
        ask_id = self.ledger.ask_for_thread(ids)
        if ask_id is None and record.conversation:
            ask_id = self.ledger.ask_for_thread([f"conversation:{record.conversation}"])
        return ask_id

    def record_sent(self, record: MailRecord) -> None:
        if self.match_sent_draft(record):
            return
        if record.in_reply_to:
            self.ledger.record_incoming_answered(record.in_reply_to, record.date)
        ask_id = self.thread_of(record)
        if ask_id is not None:
            thanks = detect.detect_thanks(record.text)
            self.record_user_reply(ask_id, record.message_id, record.date, thanks)
            return
        if record.in_reply_to or record.references:
            # maybe a reply to a helper's message we have not read yet (inbox comes next)
            self.ledger.record_orphan(
                record.message_id,
                [record.in_reply_to or "", *record.references[-5:]],
                record.date,
                detect.detect_thanks(record.text),
            )
        if record.date < self.now - timedelta(days=self.settings.detect.lookback_days):
            return
        self.detect_mail_ask(record)

    def record_user_reply(
        self, ask_id: str, message_id: str, at: datetime, thanks: str | None
    ) -> None:
        """The user's own message in an ask's thread: never the helper's answer."""
        self.ledger.record_user_activity(ask_id, at, thanked=thanks is not None)
        self.ledger.record_thread(ask_id, message_id)
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
        """Add a message to an ask's thread, with any of the user's replies to it."""
        self.ledger.record_thread(ask_id, message_id)
        for child, at, thanks in self.ledger.adopt_orphans(message_id):
            self.record_user_reply(ask_id, child, at, thanks)

    def detect_mail_ask(self, record: MailRecord) -> None:
        recipients = tuple(a for a in record.to if a.email != self.me)
        if not recipients:
            return
        flagged = "flagged" in record.marks
        d = self.settings.detect
        if self._adjust is None:  # the user's corrections (issue 17), read once a pass
            self._adjust = self.ledger.detect_adjustment()
        hit = (
            detect.detect_request(
                record.text, record.date, day_first=d.day_first, adjust=self._adjust
            )
            if (flagged or d.requests)
            else None
        )
        subject = record.subject.strip()
        if flagged:
            status, rule = "tracked", "flagged in Sent"
        elif hit is not None and hit.confidence >= d.track_threshold:
            status, rule = "tracked", _wording(hit, f"tracked at >= {d.track_threshold}")
        elif hit is not None and hit.confidence >= d.suggest_threshold:
            status, rule = "suggested", _wording(hit, f"suggested at >= {d.suggest_threshold}")
        else:
            return
        if hit is not None:
            helpers = detect.decide_helpers(hit, recipients, record.cc) or recipients
            what = _with_subject(hit.what, _SUBJECT_PREFIX.sub("", subject)) or "your help"
            deadline = hit.deadline
            evidence = hit.sentence
        else:
            helpers = recipients
            what = _SUBJECT_PREFIX.sub("", subject) or "your help"
            new_text = detect.segment_text(record.text).new
            deadline = detect.parse_deadline(new_text, record.date, day_first=d.day_first)
            evidence = subject
        due = deadline.due if deadline is not None else None
        phrase = deadline.phrase if deadline is not None else ""
        ask, created = self.ledger.record_ask(
            source_kind="mail",
            source_key=record.message_id,
            what=what[:200],
            subject=subject[:250],
            helpers=helpers,
            asked_at=record.date,
            due=due,
            due_phrase=phrase,
            thread_root=record.message_id,
            conversation=record.conversation,
            status=status,
            rule=rule,
            evidence=evidence[:500],
            source=f"sent:{record.message_id}",
        )
        if record.conversation:
            self.ledger.record_thread(ask.id, f"conversation:{record.conversation}")
        if created:
            self.summary.counts["asks_new" if status == "tracked" else "suggested_new"] += 1
        elif flagged and ask.status != "tracked":
            self.ledger.update_ask_details(ask.id, status="tracked")
            self.ledger.record_event(
                ask.id,
                self.now,
                "tracked",
                "flagged later",
                rule="flagged in Sent",
                source=f"flag:{record.message_id}",
            )

    def match_sent_draft(self, record: MailRecord) -> bool:
        """A message in Sent that is one of our drafts, sent as is or edited."""
        followup = self.ledger.followup_by_message_id(record.message_id)
        state = "sent"
        if followup is None and record.ask_header:
            candidates = [
                f
                for f in self.ledger.followups(record.ask_header.strip().lower())
                if f.state in ("drafted", "deleted")
            ]
            followup = candidates[-1] if candidates else None
            state = "edited"
        if followup is None:
            return False
        if followup.state in ("drafting", "drafted", "deleted"):
            self.ledger.record_followup_state(followup.id, state, self.now)  # type: ignore[arg-type]
            self.summary.counts["drafts_sent"] += 1
        self.ledger.record_user_activity(
            followup.ask_id, record.date, thanked=followup.kind in ("thanks", "outcome")
        )
        self.ledger.record_thread(followup.ask_id, record.message_id)
        return True

    def record_incoming(self, record: MailRecord) -> None:
        ask_id = self.thread_of(record)
        if ask_id is None:
            ask_id = self.match_by_subject(record)
            if ask_id is None:
                self.detect_incoming_ask(record)
                return
        ask = self.ledger.get_ask(ask_id)
        self.join_thread(ask_id, record.message_id)
        sender = record.sender.email if record.sender else ""
        if sender not in {h.email for h in ask.helpers}:
            return  # someone else in the thread: not the helper's answer
        source = f"inbox:{record.message_id}"
        reply = detect.classify_reply(record.text, record.attachments, record.auto)
        if reply.kind == "auto":
            until = detect.detect_ooo_return(record.text, record.date) or record.auto_until
            detail = "automatic reply (not an answer)"
            if until is not None and until > record.date:
                self.ledger.record_pause(ask_id, until)
                detail += f"; away until {until.astimezone(self.tz):%a %d %b}"
            self.ledger.record_event(
                ask_id,
                record.date,
                "auto-reply",
                detail,
                rule=reply.rule,
                evidence=reply.evidence,
                source=source,
            )
            return
        self.summary.counts["replies"] += 1
        self.ledger.record_helper_activity(ask_id, record.date)
        if reply.kind == "question":
            self.ledger.record_question(ask_id, record.date)
        else:
            self.ledger.clear_question(ask_id, record.date)
        self.ledger.record_event(
            ask_id,
            record.date,
            "reply",
            f"{reply.kind} reply from {sender}",
            rule=reply.rule,
            evidence=reply.evidence,
            source=source,
        )
        target = {"delivered": "delivered", "declined": "declined"}.get(reply.kind, "acknowledged")
        if self.ledger.record_state(
            ask_id,
            target,  # type: ignore[arg-type]
            record.date,
            rule=f"reply: {reply.rule}",
            evidence=reply.evidence,
            source=source,
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
        hit = detect.detect_request(record.text, record.date, day_first=d.day_first)
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
        rebuilt after any ledger write, so it answers as a fresh query would — without
        loading every ask for every inbox message."""
        key = self.ledger.changes
        if self._subjects is None or self._subjects[0] != key:
            index: dict[str, list[str]] = {}
            for ask_id, subject in self.ledger.ask_subjects(
                source_kind="mail", states=ACTIVE_STATES
            ):
                index.setdefault(normalize_subject(subject), []).append(ask_id)
            self._subjects = (key, index)
        return self._subjects[1]
