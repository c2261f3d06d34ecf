"""The reading steps of a pass: the calendar (tagged entries become asks, ``#done`` /
``#declined`` / ``Outcome:`` move them, check-ins are remembered) and the mail folders,
Sent then the inbox, one message at a time, each within its budget. Mixed into
``followthrough.engine.scan.Pass``."""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime, timedelta

from followthrough import detect
from followthrough.detect import rx
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.engine.budget import STRIKES, MessageTooSlowError, find_killer
from followthrough.engine.sent import SentSteps
from followthrough.errors import FollowthroughError
from followthrough.model import (
    Address,
    Ask,
    AskState,
    CalendarRecord,
    MailRecord,
    Skipped,
    Window,
)

log = logging.getLogger(__name__)

# (the lookbehind starts a match only where a run of address characters starts: without
# it a long run with no "@" was scanned again from each of its characters)
_EMAIL_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_ASK_PREFIX = re.compile(r"^\s*ask\s*[:\-–—]\s*", re.I)
_OUTCOME_LINE = re.compile(r"^[ \t]*outcome[ \t]*:[ \t]*(\S.*)$", re.I | re.M)


def calendar_key(record: CalendarRecord) -> str:
    """The ledger's source key of a calendar ask: its UID, and the occurrence if recurring."""
    return record.uid + (f"@{record.recurrence_id.isoformat()}" if record.recurrence_id else "")


class ReadSteps(SentSteps):
    """The calendar, sent and inbox steps; ``Pass`` provides the state (declared in
    ``ReplySteps``, and below)."""

    _new_calendar_asks: int

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
        return rx.search(rf"(^|\s)#{re.escape(tag)}\b", record.summary, re.I) is not None

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
        what = rx.sub(rf"(^|\s)#{re.escape(tag)}\b", " ", record.summary, flags=re.I)
        what = rx.sub(r"(^|\s)#(done|declined|praise)\b", " ", what, flags=re.I)
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
        praise = rx.search(r"(^|\s)#praise\b", record.summary + " " + description, re.I)
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
            if not (rx.search(rf"(^|\s)#{mark}\b", text, re.I) or mark in cats):
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
            killer, strikes = find_killer(self.ledger.cursor(reading), self.settings)
            for record in batch.records:
                self.checkpoint()  # stopping rolls back this step: its cursor too
                self.summary.counts[folder] += 1
                where = f"{folder}:{record.ref}"
                hit = killer is not None and record.ref == killer
                if hit and strikes >= STRIKES:
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

    def is_mine(self, record: MailRecord) -> bool:
        return record.sender is not None and record.sender.email == self.me
