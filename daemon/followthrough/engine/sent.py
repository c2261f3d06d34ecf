"""What a message in Sent means: one of our drafts, sent as is or edited (by its
Message-ID, its marker header, or its thread, recipients and text), the user's reply in
an ask's thread, or a new ask (flagged, or a request in its wording). Mixed into
``followthrough.engine.scan.Pass``."""

from __future__ import annotations

import difflib
import re
from datetime import timedelta

from followthrough import detect
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.engine.compose import strip_subject_prefixes
from followthrough.engine.replies import ReplySteps
from followthrough.model import Followup, MailRecord

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


class SentSteps(ReplySteps):
    """The sent side of reading mail; ``Pass`` provides the state (declared in
    ``ReplySteps``, and below)."""

    _adjust: dict[str, float] | None  # the user's corrections, read once a pass
    sent_ids: set[str]  # Message-IDs read from Sent in this pass

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
