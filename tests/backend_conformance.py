"""One conformance test class every backend runs (vdirsyncer's ``StorageTests``).

A backend's test module subclasses :class:`BackendConformance` and provides a
``harness`` fixture returning an object that implements :class:`BackendHarness` for its
server (or directory). The tests only use the public ``Account`` protocol to read.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from followthrough.model import Account, Batch, Folder, Skipped, Window

TZ = ZoneInfo("Europe/Berlin")
WINDOW = Window(datetime(2025, 3, 1, tzinfo=TZ), datetime(2025, 4, 1, tzinfo=TZ))


class BackendHarness(Protocol):
    """What a backend's test setup can do to the account behind the backend."""

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None: ...

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None: ...

    def add_calendar(self, name: str, ics: bytes) -> None:
        """Create or replace the calendar object ``name`` (a file, a CalDAV resource)."""
        ...

    def delete_draft(self, ref: str) -> None: ...

    def account(self) -> Account: ...


ASK = b"""\
From: Ann Asker <ann@example.org>
To: Bob Helper <bob@example.com>, carol@example.com
Cc: "Dan, the manager" <dan@example.com>
Subject: Could you review the Q3 deck?
Date: Mon, 03 Mar 2025 09:15:00 +0100
Message-ID: <ask-1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Bob, could you review the Q3 deck by Friday?
Thanks, Ann
"""

REPLY = b"""\
From: Bob Helper <bob@example.com>
To: Ann Asker <ann@example.org>
Subject: Re: Could you review the Q3 deck?
Date: Tue, 04 Mar 2025 16:00:00 +0000
Message-ID: <reply-1@example.com>
In-Reply-To: <ask-1@example.org>
References: <root-0@example.org> <ask-1@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Here it is, with my comments. Gr=FC=DFe, Bob
--BOUNDARY
Content-Type: application/pdf
Content-Disposition: attachment; filename="q3-review.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--BOUNDARY--
"""

LATER = b"""\
From: Carol <carol@example.com>
To: ann@example.org
Subject: Re: Could you review the Q3 deck?
Date: Wed, 05 Mar 2025 10:00:00 +0100
Message-ID: <reply-2@example.com>
In-Reply-To: <ask-1@example.org>

Sorry, I can't this week.
"""

CALENDAR = b"""\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//followthrough//conformance//EN
BEGIN:VEVENT
UID:ask-event-1@example.org
DTSTAMP:20250301T000000Z
DTSTART;TZID=Europe/Berlin:20250310T100000
DTEND;TZID=Europe/Berlin:20250310T110000
SUMMARY:Ask: Bob - intro to Acme CTO #ask
DESCRIPTION:Bob offered to introduce me.
CATEGORIES:Ask,Work
ORGANIZER;CN=Ann Asker:mailto:ann@example.org
ATTENDEE;CN=Bob Helper:mailto:Bob@Example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly-1@example.org
DTSTAMP:20250301T000000Z
DTSTART;TZID=Europe/Berlin:20250303T090000
DTEND;TZID=Europe/Berlin:20250303T093000
RRULE:FREQ=WEEKLY;COUNT=10
SUMMARY:Standup
END:VEVENT
END:VCALENDAR
"""


R = TypeVar("R")


def read_all(batch: Batch[R]) -> tuple[list[R], str]:
    records = list(batch.records)
    return records, batch.cursor()


class BackendConformance:
    """Subclasses provide a ``harness`` fixture (a :class:`BackendHarness`)."""

    # False where Sent is not followthrough's to write (an mbox file the mail client owns)
    files_sent_copies = True

    def test_reads_sent_and_inbox_records(self, harness: BackendHarness) -> None:
        harness.add_message("sent", ASK, flagged=True)
        harness.add_message("inbox", REPLY)
        account = harness.account()
        skips: list[Skipped] = []
        sent = list(account.read_mail("sent", None, skips.append).records)
        inbox = list(account.read_mail("inbox", None, skips.append).records)
        assert skips == []
        assert [r.message_id for r in sent] == ["ask-1@example.org"]
        ask = sent[0]
        assert ask.folder == "sent"
        assert ask.sender is not None and ask.sender.email == "ann@example.org"
        assert [a.email for a in ask.to] == ["bob@example.com", "carol@example.com"]
        assert ask.to[0].name == "Bob Helper"
        assert [(a.email, a.name) for a in ask.cc] == [("dan@example.com", "Dan, the manager")]
        assert ask.date == datetime(2025, 3, 3, 8, 15, tzinfo=ZoneInfo("UTC"))
        assert ask.date.tzinfo is not None
        assert ask.subject == "Could you review the Q3 deck?"
        assert "review the Q3 deck by Friday" in ask.text
        assert "flagged" in ask.marks
        assert ask.in_reply_to is None
        assert ask.auto == ""

        [reply] = inbox
        assert reply.in_reply_to == "ask-1@example.org"
        assert reply.references == ("root-0@example.org", "ask-1@example.org")
        assert "Grüße" in reply.text
        assert reply.attachments == ("q3-review.pdf",)
        assert "flagged" not in reply.marks

    def test_second_read_with_cursor_yields_nothing(self, harness: BackendHarness) -> None:
        skips: list[Skipped] = []
        harness.add_message("sent", ASK)
        account = harness.account()
        first, cursor = read_all(account.read_mail("sent", None, skips.append))
        assert len(first) == 1
        again, cursor2 = read_all(account.read_mail("sent", cursor, skips.append))
        assert again == []
        assert cursor2
        assert skips == []

    def test_new_message_after_cursor_yields_only_it(self, harness: BackendHarness) -> None:
        skips: list[Skipped] = []
        harness.add_message("inbox", REPLY)
        account = harness.account()
        _, cursor = read_all(account.read_mail("inbox", None, skips.append))
        harness.add_message("inbox", LATER)
        records, _ = read_all(account.read_mail("inbox", cursor, skips.append))
        assert [r.message_id for r in records] == ["reply-2@example.com"]
        assert skips == []

    def test_flag_added_later_is_seen(self, harness: BackendHarness) -> None:
        skips: list[Skipped] = []
        harness.add_message("sent", ASK)
        account = harness.account()
        [record], cursor = read_all(account.read_mail("sent", None, skips.append))
        assert "flagged" not in record.marks
        harness.set_flagged("sent", "ask-1@example.org", True)
        records, _ = read_all(account.read_mail("sent", cursor, skips.append))
        flagged = [r for r in records if r.message_id == "ask-1@example.org"]
        assert flagged and "flagged" in flagged[-1].marks
        assert flagged[-1].ref == record.ref
        assert skips == []

    def test_calendar_occurrences(self, harness: BackendHarness) -> None:
        harness.add_calendar("calendar.ics", CALENDAR)
        account = harness.account()
        skips: list[Skipped] = []
        batch = account.read_calendar(WINDOW, None, skips.append)
        records = list(batch.records)
        cursor = batch.cursor()
        assert skips == []
        [ask] = [r for r in records if r.uid == "ask-event-1@example.org"]
        assert ask.summary == "Ask: Bob - intro to Acme CTO #ask"
        assert ask.categories == frozenset({"ask", "work"})
        assert ask.organizer is not None and ask.organizer.email == "ann@example.org"
        assert [(a.email, a.name) for a in ask.attendees] == [("bob@example.com", "Bob Helper")]
        assert ask.start == datetime(2025, 3, 10, 10, tzinfo=TZ)
        assert ask.end - ask.start == timedelta(hours=1)
        standups = sorted(r.start for r in records if r.uid == "weekly-1@example.org")
        # weekly from March 3: 3, 10, 17, 24, 31 March fall inside the window
        assert [s.day for s in standups] == [3, 10, 17, 24, 31]
        unchanged = account.read_calendar(WINDOW, cursor, skips.append)
        assert list(unchanged.records) == []
        assert skips == []

    def test_edited_event_is_seen(self, harness: BackendHarness) -> None:
        skips: list[Skipped] = []
        harness.add_calendar("calendar.ics", CALENDAR)
        account = harness.account()
        batch = account.read_calendar(WINDOW, None, skips.append)
        list(batch.records)
        cursor = batch.cursor()
        harness.add_calendar(
            "calendar.ics", CALENDAR.replace(b"intro to Acme CTO #ask", b"intro to Acme CTO #done")
        )
        records = list(account.read_calendar(WINDOW, cursor, skips.append).records)
        [ask] = [r for r in records if r.uid == "ask-event-1@example.org"]
        assert ask.summary.endswith("#done")
        assert skips == []

    def test_draft_saved_pending_then_gone(self, harness: BackendHarness) -> None:
        account = harness.account()
        draft = EmailMessage()
        draft["From"] = "Ann Asker <ann@example.org>"
        draft["To"] = "Bob Helper <bob@example.com>"
        draft["Subject"] = "Re: Could you review the Q3 deck?"
        draft["Message-ID"] = "<draft-1@followthrough.invalid>"
        draft["In-Reply-To"] = "<reply-1@example.com>"
        draft["X-Followthrough-Ask"] = "a1b2c3"
        draft.set_content("Thank you, Bob!\n")
        ref = account.save_draft(draft, None)
        assert account.draft_state(ref) == "pending"

        skips: list[Skipped] = []
        drafts = list(account.read_mail("drafts", None, skips.append).records)
        [saved] = [d for d in drafts if d.message_id == "draft-1@followthrough.invalid"]
        assert saved.subject == "Re: Could you review the Q3 deck?"
        assert [a.email for a in saved.to] == ["bob@example.com"]
        assert saved.in_reply_to == "reply-1@example.com"
        assert saved.ask_header == "a1b2c3"
        assert saved.text.strip() == "Thank you, Bob!"
        assert skips == []

        harness.delete_draft(ref)
        assert account.draft_state(ref) == "gone"

    def test_draft_handed_back_then_deleted(self, harness: BackendHarness) -> None:
        """`review` and `send` need the draft as it is now, and to remove it after."""
        account = harness.account()
        draft = EmailMessage()
        draft["From"] = "Ann Asker <ann@example.org>"
        draft["To"] = "Bob Helper <bob@example.com>"
        draft["Subject"] = "Checking in on the Q3 deck"
        draft["Message-ID"] = "<draft-2@followthrough.invalid>"
        draft["X-Followthrough-Ask"] = "a1b2c3"
        draft.set_content("How is the deck coming along, Bob?\n")
        ref = account.save_draft(draft, None)
        data = account.fetch_draft(ref)
        assert data is not None
        back = BytesParser(policy=SMTP).parsebytes(data)
        assert str(back["Message-ID"]).strip() == "<draft-2@followthrough.invalid>"
        assert str(back["Subject"]) == "Checking in on the Q3 deck"
        assert "bob@example.com" in str(back["To"]).lower()
        body = back.get_body(("plain",))
        assert body is not None and "How is the deck coming along" in str(body.get_content())
        assert account.find_draft("draft-2@followthrough.invalid") == ref
        assert account.delete_draft(ref) is True
        assert account.fetch_draft(ref) is None
        assert account.draft_state(ref) == "gone"
        assert account.delete_draft(ref) is False

    def test_sent_copy_is_filed_in_sent(self, harness: BackendHarness) -> None:
        """A message sent over SMTP is filed in Sent, where the next pass sees it sent."""
        harness.add_message("sent", ASK)
        account = harness.account()
        skips: list[Skipped] = []
        _, cursor = read_all(account.read_mail("sent", None, skips.append))
        sent = EmailMessage()
        sent["From"] = "Ann Asker <ann@example.org>"
        sent["To"] = "Bob Helper <bob@example.com>"
        sent["Subject"] = "Thank you for the review"
        sent["Date"] = "Thu, 06 Mar 2025 10:00:00 +0100"
        sent["Message-ID"] = "<thanks-1@followthrough.invalid>"
        sent["In-Reply-To"] = "<reply-1@example.com>"
        sent.set_content("Thank you, Bob!\n")
        filed = account.save_sent(sent.as_bytes())
        records, _ = read_all(account.read_mail("sent", cursor, skips.append))
        assert skips == []
        if not self.files_sent_copies:
            assert filed is None
            assert records == []  # left alone
            return
        assert filed is not None
        [copy] = [r for r in records if r.message_id == "thanks-1@followthrough.invalid"]
        assert copy.subject == "Thank you for the review"
        assert "draft" not in copy.marks
        assert copy.in_reply_to == "reply-1@example.com"
