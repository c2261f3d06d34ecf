"""Deadlines, fourth round (issue 17, point 3): what makes a day the ask's deadline and what
makes it only what the ask is about — a question for information, an event or a document
the day names, the writer's own clause or offer, a date something is moved to or booked
for — and the forms and frames that rank one day above another; then whole messages
(quoted and forwarded headers, signatures, dates before the message was sent, a bare
"3:00").

Every row is written for this file (none is copied from a benchmark's sentences)."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.detect_helpers import (
    CHI,
    SENT,
    check_message_deadline,
    check_sentence_deadline,
    d,
)

from followthrough.detect import parse_deadline

# (sentence, due, the words it came from); due None: no deadline at all
SENTENCES: list[tuple[str, datetime | None, str | None]] = [
    # a question for information: the day is part of what is asked
    ("What time does your train get in on Friday?", None, None),
    ("Do you know whether the office is open on Monday?", None, None),
    ("Is there a shuttle to the airport on Thursday?", None, None),
    ("Are you and Priya driving up this weekend?", None, None),
    ("Could you find out where the reception is on Saturday?", None, None),
    ("So when does the new price list take effect next month?", None, None),
    # … unless the day is framed as the answer's deadline, or is the slot the ask offers
    ("Could you let me know by Friday where the reception is?", d(20), "by Friday"),
    ("Are you free on Thursday to go through the figures?", d(19), "Thursday"),
    ("Let me know if Tuesday afternoon works for you.", d(24), "Tuesday afternoon"),
    ("Do we need to send the forms to payroll by Monday?", d(23), "by Monday"),
    # an event or a document the day names: about it, or for it
    ("Could you send a reminder about the workshop on December 3?", None, None),
    ("Please send me your thoughts on the January 12 launch.", None, None),
    ("Could you circulate the Thursday agenda to the team?", None, None),
    ("Please have the handouts ready for the December 2 workshop.", d(2, month=12), None),
    ("Can you bring the sign-in sheet to the meeting on Monday?", d(23), None),
    ("Please send the slides ahead of Tuesday's board meeting.", d(24, 9), None),  # that morning
    ("Please make twenty copies for the 2:00 meeting on Friday.", d(20, 14), None),
    ("Could you join the Friday stand-ups from now on?", None, None),  # a recurring event
    ("Could we invite the auditors to the dinner on the 4th?", None, None),
    # the writer's own clause, an offer, a slot the writer accepts
    ("I'm flying to Denver on Friday, so could you cover the desk?", None, None),
    ("We mailed the samples on Monday; could you confirm they arrived?", None, None),
    ("I have a dentist appointment at 2 tomorrow, so could you take the call?", None, None),
    ("I'm having people over on Saturday - can you make it?", d(21), "Saturday"),
    ("Tuesday sounds good; could you send the agenda by Monday?", d(23), "by Monday"),
    ("Would you like me to drop the keys off on Friday?", None, None),
    # a date something is moved or extended to, or booked for
    ("Could you move my dentist appointment to December 4?", None, None),
    ("Could you extend the laptop rental until the 30th?", None, None),
    ("Can we push our call to Friday at 11?", d(20, 11), "Friday at 11"),
    ("Please book me a window seat on the Friday flight.", None, None),
    ("Could you reserve a table for six on Saturday at 7?", None, None),
    ("Could you book the boardroom for Monday's offsite?", d(23), None),
    # "by", "before", "until" outrank "for", "on" and a bare day, wherever they stand
    ("Could you send me your availability for next week by Friday?", d(20), "by Friday"),
    ("For the Monday review, please send your numbers by Friday.", d(20), "by Friday"),
    ("Give me a ring Tuesday afternoon (I'm away for the weekend).", d(24), "Tuesday afternoon"),
    # with alternatives, the later one, times and all
    ("Are you free Monday at 2:30 or Tuesday at 10?", d(24, 10), None),
    # forms: misspelt, short, counted from a day, a week named by its date
    ("Could you send it by tomorow?", d(19), "by tomorow"),
    ("Could you send it by Mon?", d(23), "by Mon"),
    ("Please complete the survey by Friday 27th.", d(27), None),
    ("Could you send me your slides a week from Friday?", d(27), None),
    ("Could you have it done by Monday after next?", d(30), None),
    ("Could you spare two people the week of December 7?", d(11, month=12), None),
    ("Could you join us for dinner on the night of December 5?", d(5, month=12), None),
    ("Could you cover my shift on Friday night (the 20th)?", d(20, 20), None),
    ("Could you call me back within the hour?", d(18, 11, 30), None),  # an hour on
    ("Whenever you have a moment this week, could you look at the draft?", d(20), "this week"),
    ("Could you send it by year end?", d(31, month=12), None),
    ("I need these back on or before Friday.", d(20), None),  # not the day before
    # clock times: the first thing, midnight, "by 5", a clock time beats a part of the day
    ("Could you send it first thing Monday?", d(23, 9), "first thing Monday"),
    ("Please submit by midnight Friday.", d(20, 23, 59), None),
    ("Please send me the agenda by 5.", d(18, 17), "by 5"),
    ("Could you raise the limit by 5?", None, None),  # an amount
    ("Would Friday at 4 work for you?", d(20, 16), None),
    ("Can we do lunch tomorrow at 1?", d(19, 13), None),
    ("Can you give me a call tomorrow morning at 10?", d(19, 10), None),
    ("Please call the hotline today between 9 a.m. and 8 p.m.", d(18, 20), None),  # its end
    ("Please bring twelve copies for the 2:00 meeting.", d(18, 14), None),
    # recurring, social, past, scene-setting, a time made earlier
    ("Could you take over my Monday morning slot every week?", None, None),
    ("Please join the review starting this Monday and every other week.", d(23), None),
    ("Have a great weekend, and could you send the report?", None, None),
    ("I was out on Monday, could you fill me in?", None, None),
    ("For today, could you keep the side door locked?", None, None),
    ("Please make the pickup on Saturday earlier.", None, None),
    # the request's own clause wins over another framed alike, and over a condition
    ("The printer needs the files by the 30th, so please send yours by the 25th.", d(25), None),
    ("If you can't make Thursday, could you do Friday?", d(20), "Friday"),
    ("The meeting is on Friday, could you send me the slides tomorrow?", d(19), "tomorrow"),
    ("We have a deadline on Friday, so could you send it today?", d(18), "today"),
    ("If you don't hear from me, call me on Friday.", d(20), None),
    ("Could you not schedule anything on Friday?", None, None),
    # a period the ask's information is about; a request not to do something then
    ("Could you send me your availability for next week?", None, None),
    ("Please don't book anything for me on Friday afternoon.", None, None),
    ("Could you summarize what was decided at the meeting on Monday?", None, None),
    ("The forms were due on Monday, so please send yours in now.", None, None),
    # the time in the request's own verb phrase; the evening's clock
    ("Could you pick up the cake at 6?", d(18, 18), "at 6"),
    ("Sam: you available to talk at 2:30?", d(18, 14, 30), "at 2:30"),
    ("Could you check why the backup failed at 3:00 last night?", None, None),
    ("Can you join us for dinner tonight at 7:30?", d(18, 19, 30), None),
    ("Can you cover the phones on Thursday from 1 to 3?", d(19, 13), None),
    # more forms
    ("Could you get this to me in a fortnight?", d(2, month=12), None),
    ("Please have the rota done by noon on the last Friday of the month.", d(27, 12), None),
    ("Please send it by the first Monday in December.", d(7, month=12), None),
    ("Please respond by five o'clock.", d(18, 17), None),
    # a fact reported inside the request, a relative clause, thanks for an event
    ("Could you look into why the server went down on Tuesday?", None, None),
    ("Can you make sure the team knows the office is closed on Monday?", None, None),
    ("Please confirm that the delivery is scheduled for Thursday.", None, None),
    ("Please confirm that you can attend on Thursday.", d(19), None),
    ("Could you let the caterer know we will be twelve on Friday?", None, None),
    ("Please make sure everything is ready for the December 1 launch.", d(1, month=12), None),
    ("Could you renew the parking permit that expires on December 31?", None, None),
    ("Could you renew the parking permit before it expires on December 31?", d(31, month=12), None),
    ("Please pass on my thanks for the dinner on Saturday.", None, None),
    ("Could you extend the trial until the review meeting on December 4?", None, None),
    # questions that ask for a slot or an act, not for information, keep their day
    ("Are you going to send the figures on Friday?", d(20), "Friday"),
    ("Is there any chance you could send it Friday?", d(20), "Friday"),
    ("Did you want to meet on Friday?", d(20), "Friday"),
    ("Have you got time on Thursday to go through it?", d(19), "Thursday"),
    ("Could we set up a call for Tuesday?", d(24), "Tuesday"),
    ("Please book two rooms for 3 nights--thu/fri/sat.", None, None),
    # a day that happened, said as a greeting or a reference
    ("Great seeing you on Tuesday - could you send the deck?", None, None),
    ("As discussed on Monday, please send the deck.", None, None),
    ("As discussed on Monday, please send the deck by Friday.", d(20), "by Friday"),
    ("Per our conversation on Tuesday, can you send the contract?", None, None),
    ("Further to our chat on Monday, could you send me the numbers?", None, None),
    ("Could you send me the numbers Jim asked for on Monday?", None, None),
    ("It was great to meet you on Thursday; could you send your CV?", None, None),
]


def test_enough_rows() -> None:
    assert len(SENTENCES) + len(MESSAGES) >= 25


@pytest.mark.parametrize(("text", "due", "words"), SENTENCES)
def test_sentence_deadline(text: str, due: datetime | None, words: str | None) -> None:
    check_sentence_deadline(text, due, words)


OUTLOOK = (
    "-----Original Message-----\nFrom: Dana Ruiz\nSent: Friday, November 20, 2026 9:14 AM\n"
    "To: Alex Kim\nSubject: form\n\nI can sign it by Friday."
)
GMAIL = "On Tue, Nov 17, 2026 at 4:05 PM Dana Ruiz <dana@example.org> wrote:\n> by Monday please"
FORWARD = (
    "---------- Forwarded message ---------\nFrom: Dana Ruiz <dana@example.org>\n"
    "Date: Mon, Nov 23, 2026 at 9:00 AM\nSubject: visit\n\nThe visit is on the 23rd."
)

MESSAGES: list[tuple[str, datetime | None, str | None]] = [
    # dates in quoted or forwarded header blocks and in their text are never the ask's
    (f"Could you send the signed form?\n\n{OUTLOOK}", None, None),
    (f"Could you send the signed form?\n\n{GMAIL}", None, None),
    (f"Could you look after the visitors?\n\n{FORWARD}", None, None),
    # a signature's dates and hours are not a deadline
    (
        "Could you review the contract?\n\nThanks,\nAlex Kim\nOut of office Nov 23-27\n"
        "Desk hours Mon-Thu 9:00-3:00\n555-0100",
        None,
        None,
    ),
    # a date before the message was sent is not when anything is due
    ("Could you resend the file you promised on 11/12?", None, None),
    ("Could you send the notes from Monday the 16th?", None, None),
    # a bare clock time is read in working hours
    ("Can you drop by my office at 3:00 tomorrow?", d(19, 15), None),
    ("Could you call me Friday at 1:30?", d(20, 13, 30), "Friday at 1:30"),
    # a neighbouring sentence gives its date only when it ties it to the ask
    ("Could you review the attached proposal? We need your sign-off by Friday.", d(20), None),
    ("Could you review the attached proposal? The conference is on Friday.", None, None),
    ("Could you check the invoices? I'm out of the office on Monday.", None, None),
]


def test_a_day_before_the_message_is_never_returned() -> None:
    # every caller (the flagged message with no ask, a calendar entry, a reply) gets no
    # deadline rather than one already past; "today" said after 17:00 is its end
    evening = datetime(2026, 11, 18, 18, 30, tzinfo=CHI)
    assert parse_deadline("Please send it by Monday the 16th.", SENT) is None
    late = parse_deadline("Can you do it today?", evening)
    assert late is not None and late.due == d(18, 23, 59)
    asap = parse_deadline("It was due on Monday the 16th, so please send it ASAP.", SENT)
    assert asap is not None and asap.kind == "asap"


@pytest.mark.parametrize(("body", "due", "words"), MESSAGES)
def test_message_deadline(body: str, due: datetime | None, words: str | None) -> None:
    check_message_deadline(body, due, words)
