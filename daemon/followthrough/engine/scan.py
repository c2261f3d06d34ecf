"""One idempotent pass: read → detect → record → decide → compose → draft.

Each step commits what it read together with the cursor it read it with, so a crash
at any point never skips or double-counts a message. Running a pass twice on
unchanged input changes nothing and writes no second draft.
"""

from __future__ import annotations

import difflib
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from followthrough import detect
from followthrough.config.contacts import Contact
from followthrough.config.settings import Settings
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.engine.compose import Composer, strip_subject_prefixes, thread_key
from followthrough.engine.drafting import DraftSteps
from followthrough.engine.relating import RelationSteps
from followthrough.errors import FollowthroughError
from followthrough.ledger.db import Ledger
from followthrough.ledger.relations import Occurrence
from followthrough.model import (
    ACTIVE_STATES,
    Account,
    Address,
    Ask,
    AskState,
    CalendarRecord,
    EarlyReply,
    Followup,
    MailRecord,
    Skipped,
    Window,
    is_automatic,
)

log = logging.getLogger(__name__)

# (the lookbehind starts a match only where a run of address characters starts: without
# it a long run with no "@" was scanned again from each of its characters)
_EMAIL_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_ASK_PREFIX = re.compile(r"^\s*ask\s*[:\-–—]\s*", re.I)
_OUTCOME_LINE = re.compile(r"^[ \t]*outcome[ \t]*:[ \t]*(\S.*)$", re.I | re.M)


@dataclass(slots=True)
class ScanSummary:
    """What one pass did, for the one-line summary and `status`."""

    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    new_skipped: list[Skipped] = field(default_factory=list)  # not reported by earlier passes
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
            f"{len(self.skipped)} bad items skipped"
            + (
                f" ({len(self.new_skipped)} new; `followthrough status` lists them)"
                if len(self.new_skipped) < len(self.skipped)
                else ""
            ),
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


_STRIKES = 2  # passes killed on one message (each after its budget) before it is skipped


def _killer(mark: str | None, settings: Settings) -> tuple[str | None, int]:
    """(message ref, strikes) of the message a killed pass was reading, when it was left
    unfinished for longer than ``[limits].message_seconds``; else (None, 0)."""
    if not mark:
        return None, 0
    count, _, rest = mark.partition(" ")
    started, _, ref = rest.partition(" ")
    try:
        strikes, since = int(count), time.time() - float(started)
    except ValueError:
        return None, 0
    if since < settings.limits.message_seconds:
        return None, 0  # restarted at once: not a stall
    return ref, strikes


class MessageTooSlowError(Exception):
    """One message took longer than ``[limits].message_seconds``: skip it, name it."""


class PassInterruptedError(FollowthroughError):
    """The pass was asked to stop (the daemon is shutting down); raised between steps."""


def calendar_key(record: CalendarRecord) -> str:
    """The ledger's source key of a calendar ask: its UID, and the occurrence if recurring."""
    return record.uid + (f"@{record.recurrence_id.isoformat()}" if record.recurrence_id else "")


def normalize_subject(subject: str) -> str:
    return thread_key(subject)


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


# How close a sent message's text must be to a draft's to be that draft, edited: a
# changed sentence or an added line keep well above it; another mail in the same thread
# to the same person ("Thanks, got it!") stays far below.
SENT_TEXT_MATCH = 0.6
_WORD = re.compile(r"\w+", re.UNICODE)


def text_similarity(a: str, b: str) -> float:
    """How alike two texts are, 0..1, word by word (case and spacing ignored)."""
    wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not wa or not wb:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _wording(hit: detect.RequestHit, why: str) -> str:
    """The event's rule for a detected ask: its confidence, the threshold, the rules."""
    return f"request wording, confidence {hit.confidence:.2f} ({why}): " + ", ".join(hit.rules)


class Pass(DraftSteps, RelationSteps):
    """One pass over one account. Build it, call ``run()``."""

    summary: ScanSummary  # the drafting steps see it as a drafting.Tally

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
        self._draft_ids: set[str] | None = None  # see DraftSteps.draft_ids
        self.sent_ids: set[str] = set()  # Message-IDs read from Sent in this pass
        self._reported: set[Skipped] = set()
        self._started = time.monotonic()  # when reading the current message began
        self._new_calendar_asks = 0
        self._subjects: tuple[int, dict[str, list[str]]] | None = None  # see subject_index
        self._checkins: list[Occurrence] = []  # standing check-ins read this pass

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
            self.settle_relations()
            # agendas first: a follow-up to the same person then waits for the cooldown
            # (the agenda already asks where their work stands)
            self.draft_relations()
            self.checkpoint()
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
        """Report a bad item once: once a pass (every occurrence of one recurring entry)
        and once ever (a calendar is read again each day, a problem is named the first
        time only; the ledger remembers, in the transaction of the step that saw it)."""
        if item in self._reported:
            return
        self._reported.add(item)
        self.summary.skipped.append(item)
        if self.ledger.in_transaction:
            new = self.ledger.record_skipped(item.where, item.why, self.now)
        else:
            with self.ledger.transaction():
                new = self.ledger.record_skipped(item.where, item.why, self.now)
        if new:  # warned once; `followthrough status` lists the known ones
            log.warning("skipped %s: %s", item.where, item.why)
            self.summary.new_skipped.append(item)
        else:
            log.debug("skipped again %s: %s", item.where, item.why)

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
        capped: list[str] = []  # tagged entries past [limits].max_new_calendar_asks
        with self.ledger.transaction():
            batch = self.account.read_calendar(window, cursor, self.skip)
            cap = self.settings.limits.max_new_calendar_asks
            for record in batch.records:
                self.checkpoint()
                self.summary.counts["calendar"] += 1
                self.note_checkin(record)
                if self.is_tagged(record):
                    if record.recurrence_id is not None and record.start > self.now:
                        upcoming.append(record.start)
                    if self._new_calendar_asks >= cap and not self.ledger.has_ask(
                        "calendar", calendar_key(record)
                    ):
                        capped.append(record.summary)
                        continue
                    self.record_calendar_ask(record)
            if capped:
                log.warning(
                    "%d more tagged calendar entries than [limits].max_new_calendar_asks "
                    "(%d) allows in one pass (first: %r); they are recorded on later passes "
                    "- if you did not tag them, check who can write to your calendar",
                    len(capped),
                    cap,
                    capped[0][:80],
                )
                self.summary.errors.append(
                    f"{len(capped)} tagged calendar entries wait for a later pass "
                    f"(more than {cap} new calendar asks in one pass)"
                )
                cursor_after = None  # read them all again next time
            else:
                cursor_after = batch.cursor()
            if cursor_after is not None:
                self.ledger.record_cursor(stream, cursor_after)
            else:
                self.ledger.forget_cursor(stream)
            self.record_checkins(whole=cursor is None or self.summary.counts["calendar"] > 0)
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

    def is_foreign(self, record: CalendarRecord) -> bool:
        """An invitation someone else organised: its title, notes and attendees are theirs,
        so it can only ever suggest an ask, never track one or mark it done."""
        return record.organizer is not None and record.organizer.email != self.me

    def record_calendar_ask(self, record: CalendarRecord) -> None:
        if record.recurrence_id is not None and not self.is_new_occurrence(record):
            return
        foreign = self.is_foreign(record)
        description = record.description[: self.settings.limits.max_text_chars]
        tag = self.settings.detect.tag
        what = re.sub(rf"(^|\s)#{re.escape(tag)}\b", " ", record.summary, flags=re.I)
        what = re.sub(r"(^|\s)#(done|declined|praise)\b", " ", what, flags=re.I)
        what = _ASK_PREFIX.sub("", " ".join(what.split())) or record.summary.strip()
        helpers = tuple(a for a in record.attendees if a.email != self.me)
        if not helpers:
            helpers = tuple(
                Address(e.lower())
                for e in dict.fromkeys(_EMAIL_IN_TEXT.findall(description))
                if e.lower() != self.me
            )
        key = calendar_key(record)
        where = f"{record.source}: {record.summary!r}"
        if not helpers:
            self.skip(
                Skipped(where, "tagged as an ask but names no helper (no attendee, no address)")
            )
            return
        asked_at = min(record.start, self.now)
        deadline = detect.parse_deadline(
            description, record.start, day_first=self.settings.detect.day_first
        )
        if deadline is not None and deadline.due is not None:
            due, phrase = deadline.due, deadline.phrase
        elif record.start > self.now:
            due, phrase = record.end if record.all_day else record.start, "the calendar entry"
        else:
            due = record.start + timedelta(days=self.settings.detect.default_due_days)
            phrase = f"the entry's date + {self.settings.detect.default_due_days} days"
        praise = re.search(r"(^|\s)#praise\b", record.summary + " " + description, re.I)
        said = decide_ask_phrase("calendar", record.summary, description, helpers)
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
            phrase=said,
            status="suggested" if foreign else "tracked",
            rule=f"calendar tag #{tag}"
            + (
                f" (an invitation from {record.organizer.email}: a suggestion)"
                if record.organizer and foreign
                else ""
            ),
            evidence=record.summary,
            source=where,
        )
        if created:
            self._new_calendar_asks += 1
            self.summary.counts["suggested_new" if foreign else "asks_new"] += 1
        elif ask.what != what or ask.phrase != said:
            self.ledger.update_ask_details(ask.id, what=what, phrase=said)
        if not foreign:  # "#done" or "Outcome: ..." in someone else's invitation: theirs
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
        if m := _OUTCOME_LINE.search(record.description[: self.settings.limits.max_text_chars]):
            outcome = m.group(1).strip()[:500]
            if self.ledger.record_outcome(ask.id, outcome, at, source=f"{where}: Outcome"):
                self.summary.counts["outcomes"] += 1

    # --- mail -------------------------------------------------------------------------

    def read_mail(self, folder: str) -> None:
        stream = f"{self.account.name}:{folder}"
        try:
            self.read_mail_stream(folder, stream)
        except FollowthroughError:
            # The server went away, the ledger failed: not the message's fault, so it is
            # not skipped next time (only a pass killed while reading it is).
            with self.ledger.transaction():
                self.ledger.forget_cursor(f"{stream}:reading")
            raise

    def read_mail_stream(self, folder: str, stream: str) -> None:
        assert folder in ("sent", "inbox")
        self._subjects = None  # others may have written the ledger since the last step
        with self.ledger.transaction():
            batch = self.account.read_mail(
                folder,  # type: ignore[arg-type]
                self.ledger.cursor(stream),
                self.skip,
            )
            # Progress is committed before each message, naming it: a pass killed while
            # reading one keeps everything before it. A message that passes were killed on
            # twice, each time left unfinished for longer than its budget (a stall, then a
            # restart), is skipped from then on; a pass killed once, or restarted at once
            # (a reboot, `systemctl restart`), only reads that message again.
            reading = f"{stream}:reading"
            killer, strikes = _killer(self.ledger.cursor(reading), self.settings)
            for record in batch.records:
                self.checkpoint()  # stopping rolls back this step: its cursor too
                self.summary.counts[folder] += 1
                where = f"{folder}:{record.ref}"
                hit = killer is not None and record.ref == killer
                if hit and strikes >= _STRIKES:
                    self.skip(
                        Skipped(where, f"passes were killed while reading it {strikes} times")
                    )
                    continue
                mark = f"{strikes + 1 if hit else 1} {time.time():.3f} {record.ref}"
                self.ledger.record_cursor(reading, mark)
                self.ledger.commit_progress()
                self._started = time.monotonic()
                try:
                    self.note_contact(record, folder)
                    if folder == "sent" or self.is_mine(record):
                        self.record_sent(record)
                    else:
                        self.record_incoming(record)
                except FollowthroughError:
                    raise
                except MessageTooSlowError as exc:
                    self.skip(Skipped(where, str(exc)))
                except Exception as exc:  # one bad message never stops a pass
                    log.exception("could not process message %s", record.ref)
                    self.skip(Skipped(where, f"{type(exc).__name__}: {exc}"))
            self.ledger.forget_cursor(reading)
            if folder == "sent":
                self.ledger.forget_orphans(
                    self.now - timedelta(days=self.settings.detect.lookback_days)
                )
            self.ledger.record_cursor(stream, batch.cursor())

    def text_of(self, record: MailRecord) -> str:
        """The message's text as detection reads it: at most ``max_text_chars``."""
        text = record.text[: self.settings.limits.max_text_chars]
        self.within_budget()
        return text

    def within_budget(self) -> None:
        """Between two steps of reading one message: give up on it when it has taken
        longer than ``message_seconds`` (it is skipped and named, nothing else stops)."""
        limit = self.settings.limits.message_seconds
        if time.monotonic() - self._started > limit:
            raise MessageTooSlowError(f"reading it took longer than {limit} s; skipped")

    def is_mine(self, record: MailRecord) -> bool:
        return record.sender is not None and record.sender.email == self.me

    def thread_of(self, record: MailRecord) -> str | None:
        ids = [record.in_reply_to or "", *record.references]
        ask_id = self.ledger.ask_for_thread(ids)
        if ask_id is None and record.conversation:
            ask_id = self.ledger.ask_for_thread([f"conversation:{record.conversation}"])
        return ask_id

    def record_sent(self, record: MailRecord) -> None:
        self.sent_ids.add(record.message_id.strip().strip("<>"))
        if self.match_sent_draft(record) or self.match_sent_touch(record):
            return
        if record.in_reply_to:
            self.ledger.record_incoming_answered(record.in_reply_to, record.date)
            self.record_request_reply(record)
        ask_id = self.thread_of(record)
        if ask_id is not None:
            thanks = detect.detect_thanks(self.text_of(record))
            self.record_user_reply(ask_id, record.message_id, record.date, thanks)
            return
        if record.in_reply_to or record.references:
            # maybe a reply to a helper's message we have not read yet (inbox comes next)
            self.ledger.record_orphan(
                record.message_id,
                [record.in_reply_to or "", *record.references[-5:]],
                record.date,
                detect.detect_thanks(self.text_of(record)),
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
            self.join_thread(ask_id, reply.message_id)
            self.apply_reply(ask_id, reply)

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
                self.text_of(record),
                record.date,
                day_first=d.day_first,
                adjust=self._adjust,
                kind=record.auto,
                sender=record.sender.email if record.sender else "",
            )
            if (flagged or d.requests)
            else None
        )
        self.within_budget()
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
            what = _with_subject(hit.what, strip_subject_prefixes(subject)[0]) or "your help"
            deadline = hit.deadline
            evidence = hit.sentence
        else:
            helpers = recipients
            what = strip_subject_prefixes(subject)[0] or "your help"
            new_text = detect.segment_text(self.text_of(record)).new
            deadline = detect.parse_deadline(new_text, record.date, day_first=d.day_first)
            evidence = subject
        due = deadline.due if deadline is not None else None
        phrase = deadline.phrase if deadline is not None else ""
        said = decide_ask_phrase("mail", evidence, "", helpers)
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
            phrase=said,
            rule=rule,
            evidence=evidence[:500],
            source=f"sent:{record.message_id}",
        )
        if record.conversation:
            self.ledger.record_thread(ask.id, f"conversation:{record.conversation}")
        self.adopt_early_replies(ask.id, record.message_id)
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
        """A message in Sent that is one of our drafts, sent as is or edited: by its
        Message-ID (the client kept it), by the marker header (when drafts carry one), or
        by its thread, recipients and a close match of its text (a client that gives the
        sent copy a new Message-ID and drops unknown headers)."""
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
            followup, state = self.match_sent_text(record)
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

    def match_sent_text(self, record: MailRecord) -> tuple[Followup | None, str]:
        """The draft a sent message is, by thread, recipients and text: "sent" when the
        text is the draft's word for word, "edited" when it is close (SENT_TEXT_MATCH)."""
        ask_id = self.thread_of(record)
        sent_to = {a.email for a in (*record.to, *record.cc)}
        candidates = self.ledger.followups(ask_id, states=("drafting", "drafted", "deleted"))
        if ask_id is None:  # a calendar ask's draft starts a thread of its own
            candidates = [
                f for f in candidates if self.ledger.get_ask(f.ask_id).thread_root is None
            ]
        best: tuple[float, Followup] | None = None
        new_text: str | None = None
        for followup in candidates:
            if not sent_to & set(followup.recipients):
                continue
            if record.date < followup.created_at - timedelta(days=1):
                continue  # written before the draft was (a day's slack for clocks)
            body = self.ledger.draft_text(followup.id)
            if body is None:
                continue
            if new_text is None:
                new_text = detect.segment_text(self.text_of(record)).new
            score = text_similarity(body, new_text)
            if score >= SENT_TEXT_MATCH and (best is None or score > best[0]):
                best = (score, followup)
        if best is None:
            return None, ""
        return best[1], "sent" if best[0] == 1.0 else "edited"

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
