"""Deadlines, fifth round (issue 17, point 3): a bare hour read in working hours wherever
the clause goes on ("Thursday at 2 about …", "at 1 so we can …"); spans counted from the
send time to the minute ("in the next hour", "within 48 hours"); a clock time that names
an event ("the 9:00 standup", "Monday's 10:00 meeting") giving the day its time; "before"
an event due on the event's day; "by then" tied to the day said before it; office
shorthand ("b4 fri", "nxt wk", "2nite", "thrusday"); then whole messages (quoted and
forwarded headers, a signature, a date before the message was sent, a bare "3:00").

Every row is written for this file (none is copied from a benchmark's sentences)."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.detect_helpers import check_message_deadline, check_sentence_deadline, d

# SENT is Wednesday 18 November 2026, 10:30 (Chicago).
# (sentence, due, the words it came from); due None: no deadline at all
SENTENCES: list[tuple[str, datetime | None, str | None]] = [
    # a bare hour after "at" is a clock time however the clause goes on, in working hours
    ("Could we talk Friday at 2 about the budget?", d(20, 14), "Friday at 2"),
    ("Can you open the shop Saturday at 8 so the crew can get in?", d(21, 8), "Saturday at 8"),
    ("Could you meet me at the gate at 4 so we can drive over?", d(18, 16), None),
    ("Can you call me Monday at 11 before the board convenes?", d(23, 11), "Monday at 11"),
    # "push … to staging by 3": a destination, so "by 3" is when
    ("Could you move the build to production by 4?", d(18, 16), "by 4"),
    ("Could you raise the order limit by 5?", None, None),
    # a span counted from the send time, to the minute
    ("Could you ring the supplier in the next hour?", d(18, 11, 30), "in the next hour"),
    ("Please confirm the booking within 24 hours.", d(19, 10, 30), "within 24 hours"),
    ("Can you send the log over in 20 minutes?", d(18, 10, 50), "in 20 minutes"),
    ("Could you get back to me in half an hour?", d(18, 11), "in half an hour"),
    # a clock time that names an event gives the day its time
    ("Could you take the 8:15 am briefing tomorrow?", d(19, 8, 15), None),
    ("Can you read the minutes at Thursday's 11:00 staff meeting?", d(19, 11), None),
    ("Could you host our 3:30 vendor call on Monday?", d(23, 15, 30), None),
    # before an event on a day: that day, before the event (at its time when it has one)
    ("Could you print the exhibits before Friday's deposition?", d(20, 9), None),
    ("Please tidy the lab ahead of tomorrow's inspection.", d(19, 9), None),
    ("Could you check the mics before Monday's 2:00 town hall?", d(23, 14), None),
    ("Could you sign the forms before Friday?", d(19), "before Friday"),  # still the day before
    # "by then", "before then": the day or time said before it
    ("I'm away Friday, so could you file the claim before then?", d(19), None),
    ("The auditors arrive on the 30th; please have the ledgers closed by then.", d(30), None),
    ("The doors open at 5, so can you have the tables set by then?", d(18, 17), None),
    ("We spoke on Monday and by then the order had shipped; can you check it?", None, None),
    # the shorthand and misspellings every office writes
    ("pls confirm b4 thurs so i can book the van", d(18), "b4 thurs"),
    ("can u ring me 2nite after the game", d(18, 20), "2nite"),
    ("could you send the photos by wensday", d(25), "by wensday"),
    ("can you have the floor plan done nxt wk?", d(27), "nxt wk"),
    ("can we do the handover nxt tues?", d(24), "nxt tues"),
    ("Could you pay the deposit by firday?", d(20), "by firday"),
    # a time said with a recurring day recurs too
    ("Could you remind the team to log their hours every Thursday by 4?", None, None),
    ("Please water the plants each Monday morning at 9.", None, None),
    # the writer away on one day and the reader asked to stand in: that day's work
    ("I'm out Friday, could you chair the 10:00 ops review for me?", d(20, 10), None),
    ("I'm off tomorrow, so can you cover the phones?", d(19), None),
    ("I'm away all next week; can you cover for me?", None, None),  # a period, no one day
    # a time the reader is asked to join at, today when it is still ahead
    ("Could you dial in at 11:45? The vendor wants a word.", d(18, 11, 45), "at 11:45"),
    # a second request joined by "and" is not part of the reported question
    ("Can you find out why the printer jams and get it fixed by Friday?", d(20), "by Friday"),
    ("Could you check why the invoice bounced and send it again this week?", d(20), None),
    ("Could you find out where the party is on Saturday?", None, None),
    # the send day's weekday with a clock time is next week's, as a bare weekday is; with
    # a part of the day still ahead it is today
    ("Can you come in Wednesday at 2 to sign the lease?", d(25, 14), "Wednesday at 2"),
    ("Could you send the recap by Wednesday evening?", d(18, 20), "by Wednesday evening"),
    # "drop … off / at reception by 5": a place, so "by 5" is when
    ("Could you drop the keys off at the front desk by 5?", d(18, 17), "by 5"),
    # times in words and after "around", "about"
    ("Could you be at the gym by half past four?", d(18, 16, 30), "by half past four"),
    ("Can you have the van back by quarter to six?", d(18, 17, 45), "by quarter to six"),
    ("Could you meet the plumber at half 8 tomorrow?", d(19, 8, 30), None),
    ("Could you ring me tomorrow around 11?", d(19, 11), "tomorrow around 11"),
    ("Could you swing by the shop at about 2?", d(18, 14), "at about 2"),
    ("We are about 3 weeks behind; can you help out?", None, None),
    # "by 10 at the latest" is a clock time; "urgent calls" is a kind of call, not a deadline
    ("Could you have the keys at reception tomorrow, by 9 at the latest?", d(19, 9), None),
    ("Please send the rota by 4 sharp.", d(18, 16), "by 4"),
    ("While I'm away, could you forward urgent messages to Lee?", None, None),
    # a bare hour after "before" with a day (not the writer busy "until 3"); holding
    # something back until a day
    ("Could you get the sample to the lab before 3 tomorrow?", d(19, 15), None),
    ("I'm tied up until 3, so could you call me afterwards?", None, None),
    ("Could you hold off paying the invoice until Friday?", None, None),
    ("Please do not announce the merger before the 30th.", None, None),
    ("Please don't forget to file it by Friday.", d(20), None),
    # the request's own clause wins over a statement's frame
    ("The hall must be booked no later than Friday; please call them today.", d(18), "today"),
]


@pytest.mark.parametrize(("text", "due", "words"), SENTENCES)
def test_sentence_deadline(text: str, due: datetime | None, words: str | None) -> None:
    check_sentence_deadline(text, due, words)


LOTUS = (
    "Could you send me the revised schedule?\n\n\n\n"
    '"Maria Lopez" <maria@example.org> on 11/16/2026 02:10:44 PM\n'
    "To: Sam Ortiz\ncc:\nSubject: schedule\n\nWe need the schedule by Tuesday the 17th."
)
APPLE = (
    "Can you look over the lease?\n\n"
    "> On Nov 24, 2026, at 9:12 AM, Maria Lopez <maria@example.org> wrote:\n"
    ">\n> Please sign the lease by Friday."
)

MESSAGES: list[tuple[str, datetime | None, str | None]] = [
    # a date in a quoted or forwarded header, or in the quoted text, is not the ask's
    (LOTUS, None, None),
    (APPLE, None, None),
    # a signature's hours and dates are not the ask's
    (
        "Could you check the figures in the attached sheet?\n\n--\nSam Ortiz\n"
        "Front desk Mon-Fri 8:00-4:30, closed Dec 24-26\n555-0142",
        None,
        None,
    ),
    # a date before the message was sent is not when anything is due
    ("Could you resend the invoice that was due on 11/9?", None, None),
    ("Could you finish the audit by Monday the 9th?", None, None),
    # a bare "3:00" is read in working hours; "8" in the morning
    ("Could you swing by the lab at 3:00 tomorrow?", d(19, 15), None),
    ("Can you unlock the side door Friday at 8 so the movers can start?", d(20, 8), None),
    # the next sentence gives its date only when it ties it to the ask
    ("Could you proofread the brochure? The printer needs it by Thursday.", d(19), None),
    ("Could you proofread the brochure? The fair opens on Thursday.", None, None),
]


@pytest.mark.parametrize(("body", "due", "words"), MESSAGES)
def test_message_deadline(body: str, due: datetime | None, words: str | None) -> None:
    check_message_deadline(body, due, words)
