"""Deadlines, third round (issue 17, point 3): clock forms, a weekday naming the send day,
weekends, ranges, rates, start times, meeting times, possessives, the writer's own promises,
weekdays that disagree with their date, and a date tied to the ask from the next sentence.

Every row is written for this file (none is copied from a benchmark's sentences)."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.detect_helpers import CHI, SENT, check_sentence_deadline, d

from followthrough.detect import parse_deadline
from followthrough.detect.request import detect_request

# (sentence, due, the words it came from); due None: no deadline at all
SENTENCES: list[tuple[str, datetime | None, str | None]] = [
    # clock forms: "a.m." at the end of a clause, a dot between hour and minutes, no colon
    ("Can you have the budget to me by 11 a.m. Friday?", d(20, 11), "by 11 a.m. Friday"),
    ("Please send the quote by 4 p.m.", d(18, 16), "by 4 p.m."),
    ("Could you join us Friday 6.30 pm?", d(20, 18, 30), "Friday 6.30 pm"),
    ("Could you be there by 830am tomorrow?", d(19, 8, 30), "by 830am tomorrow"),
    ("Can you get it to me by 10 tomorrow?", d(19, 10), "by 10 tomorrow"),
    # a time earlier in the sentence does not belong to a later day
    ("I'm booked at 1:30, so can we talk tomorrow at 4?", d(19, 16), "tomorrow at 4"),
    # a weekday naming the send day, with a time still ahead that day: today
    ("Could you send your notes by Wednesday evening?", d(18, 20), "by Wednesday evening"),
    ("Could you call me Wednesday at 4?", d(25, 16), "Wednesday at 4"),  # as a bare Wednesday
    ("Could you send it Wednesday at 9am?", d(25, 9), "Wednesday at 9am"),  # passed: next week
    # weekends: this one's Sunday; "by the weekend" is before it starts
    ("Could you look at it this weekend?", d(22), "this weekend"),
    ("Can you get the draft to me by the weekend?", d(20), "by the weekend"),
    ("Could we go over it next weekend?", d(29), "next weekend"),
    # a range ends on its last day
    ("Please register between December 1 and December 11.", d(11, month=12), "December 11"),
    ("Could you cover the desk from Dec 1 to Dec 4?", d(4, month=12), "Dec 4"),
    # a rate is no deadline; "in a day" alone is one
    ("Could you check the queue more than twice in a week?", None, None),
    ("Could you finish it in a day?", d(19), "in a day"),
    ("Could you reply within the next week?", d(25), "within the next week"),
    ("Could you update the page in the next month?", d(18, month=12), "in the next month"),
    # when something may start is no deadline
    ("Let me know when you're free (any time after 3pm works).", None, None),
    # a time alone is due when the sentence asks to meet or talk then
    ("Are you available at 2 PM to go over the numbers?", d(18, 14), "at 2 PM"),
    ("Can we meet at 4:30?", d(18, 16, 30), "at 4:30"),
    ("How about meeting at 11:30 or 12?", d(18, 12), "at 11:30 or 12"),  # the later one
    ("Could you send the file? The bus leaves at 4pm.", None, None),
    # a part of the day alone is a greeting or a setting, not a deadline
    ("Good morning, could you send the report?", None, None),
    ("In the afternoon, could you phone the supplier?", None, None),
    ("Could you send it this afternoon?", d(18, 17), "this afternoon"),
    ("Could you phone the supplier by noon?", d(18, 12), "by noon"),
    # a possessive or a plural names an event or a thing; "Tomorrow's fine" is "is"
    ("Could you share Monday's photos?", None, None),
    ("Could you join the Thursday calls from now on?", None, None),
    ("Tomorrow's fine, could you send it then?", d(19), "Tomorrow"),
    # the writer's own promise is not when the reader's part is due
    ("Could you review the draft I'll send you on Monday?", None, None),
    ("Could you send it? I'll need it by Friday.", d(20), "by Friday"),
    ("I will wait to hear from you Monday morning.", d(23, 9), "Monday morning"),
    # a weekday with a date: the date the weekday agrees with
    ("Can you confirm by Tuesday the 24th?", d(24), "by Tuesday the 24th"),
    ("Could you send it by Monday the 16th?", None, None),  # the 16th agrees: before SENT
    ("Could you call me on Thursday, 21st January?", d(21, month=1, year=2027), None),
    # recurring times, returns and days that are names set no deadline
    ("Could we hold the stand-up on Tuesday mornings instead?", None, None),
    ("Could you water the plants every Friday?", None, None),
    ("Since Raj is back on Monday, could you hand the file to him?", None, None),
    ("Could you sign him up for the Super Saturday session?", None, None),
    ("Could you staff the booth on Black Friday?", None, None),
    # a long absence clause before the day
    ("Could you cover the call, as I'll be out at the dentist for most of tomorrow?", None, None),
    # a letter heading dated the send day is when it was written
    ("Wednesday, November 18, 2026 Dear Ann: could you meet me in December?", None, None),
    (
        "Wednesday, November 18, 2026 Dear Ann: could we meet during December?",
        d(31, month=12),
        None,
    ),
    # hours and minutes run together before a time zone; a time a few words after its day
    ("Can we hold the call at 130 CST on Friday?", d(20, 13, 30), "130 CST on Friday"),
    ("Could you ring the office this afternoon, around 3:15?", d(18, 15, 15), None),
    # "I'll assume", "I'll expect" are not the writer's own promise of a time
    ("I'll assume you can send the figures tomorrow?", d(19), "tomorrow"),
    # the writer's offered slot, or a slot accepted, is no deadline
    ("I'm free Tuesday or Thursday if you want to talk it through.", None, None),
    ("I can meet on Friday, if that helps you.", None, None),
    ("Saturday, November 21 works for me.", None, None),
    # with alternatives, the later one
    ("Could we talk today or tomorrow?", d(19), "today or tomorrow"),
    ("Can you do Mon, Nov 23, or Tue, Nov 24?", d(24), "Mon, Nov 23, or Tue, Nov 24"),
    # a time "from" its day, or "at" a few words from the only day in the same clause
    ("Please join us Friday, November 20 from 2:00 to 3:00.", d(20, 14), None),
    ("Can we meet at 2:00 in my office tomorrow?", d(19, 14), "tomorrow"),
    ("Could we hold the call on Monday at 10 in the small room?", d(23, 10), "Monday at 10"),
    ("I'm booked at 1:30, so could we talk tomorrow?", d(19), "tomorrow"),
    ("Could you send your comments by 5:00 pm CST Friday?", d(20, 17), None),
    ("Can you dial in to the 11:00 call tomorrow?", d(19, 11), "tomorrow"),
    ("Are you around at 4 to talk?", d(18, 16), "at 4"),
    # "over the next few weeks" is a stretch of time, often the writer's own plans (real
    # mail: "Over the next few weeks, I plan on …"); "first thing in the morning" is next
    ("Could you look it over the next few days?", None, None),
    ("Can you send it first thing in the morning?", d(19, 9), "first thing in the morning"),
    # "Wednesday next week" is that week's Wednesday; "mid-week"; "before our call Thursday"
    ("Can we go over it Wednesday next week?", d(25), "Wednesday next week"),
    ("Could we talk Monday or Tuesday next week?", d(24), "Monday or Tuesday next week"),
    ("Could you send me the file by mid-week?", d(18), "by mid-week"),
    ("Could you send the draft before our call Thursday?", d(19, 9), "before our call Thursday"),
    ("Please send your timesheet by the 20th of each month.", None, None),
    # with no hurry said, a date without "by" is what the ask is about, not when it is due
    ("When you get a chance, could you enter a volume for the 25th?", None, None),
    ("No rush, but by Friday would be great.", d(20), "by Friday"),
    ("Could you ring me when you have a minute on Tuesday afternoon?", d(24), "Tuesday afternoon"),
]


def test_enough_rows() -> None:
    assert len(SENTENCES) + len(MESSAGES) >= 40


@pytest.mark.parametrize(("text", "due", "words"), SENTENCES)
def test_sentence_deadline(text: str, due: datetime | None, words: str | None) -> None:
    check_sentence_deadline(text, due, words)


OUTLOOK_TABS = (
    "From:\tBob Chen\nSent:\tTue 11/24/2026 9:02 AM\nTo:\tAlex\nSubject:\tfigures\n\n"
    "Friday at the latest, please."
)
EUDORA = "At 09:02 AM 11/24/2026, Bob Chen wrote:\n>Please answer by Friday."
LOTUS_LINE = '"Bob Chen" <bob@example.org> on 11/24/2026 09:02:11 AM\nTo: Alex\n\nBy Friday!'

MESSAGES: list[tuple[str, datetime | None, str | None]] = [
    # a date in the next sentence that ties itself to the ask
    (
        "Please review the attached. I'd appreciate your comments by Tuesday, November 24.",
        d(24),
        "by Tuesday, November 24",
    ),
    ("Could you go through the list? Please let me know by Monday.", d(23), "by Monday"),
    ("Could you go through the list? We shipped it on Monday.", None, None),
    # a day or a month cut short before a number does not end the sentence
    ("Could you look at the Dec. 5 draft by Tuesday?", d(24), "by Tuesday"),
    ("Could you send it by Thurs. 11/19?", d(19), "by Thurs. 11/19"),
    # sent before: a weekday and a date that had passed when the message was sent
    ("Could you send it by Monday the 16th?", None, None),
    # quoted header blocks in other forms, and a signature with office hours
    (f"Could you send me the figures?\n\n{OUTLOOK_TABS}", None, None),
    (f"Could you send me the figures?\n\n{EUDORA}", None, None),
    (f"Could you send me the figures?\n\n{LOTUS_LINE}", None, None),
    (
        "Could you send me the figures?\n\nBob Chen\nDirector, Operations\n"
        "Office hours Tuesday 2-4pm\n713-555-0100",
        None,
        None,
    ),
    # times without am/pm in working hours
    ("Can you drop off the keys Friday at 4:45?", d(20, 16, 45), "Friday at 4:45"),
    ("Could you ring me tomorrow at 8:15?", d(19, 8, 15), "tomorrow at 8:15"),
]


@pytest.mark.parametrize(("body", "due", "words"), MESSAGES)
def test_message_deadline(body: str, due: datetime | None, words: str | None) -> None:
    hit = detect_request(body, SENT)
    assert hit is not None, body
    got = hit.deadline
    if due is None:
        assert got is None, got
        return
    assert got is not None and got.due == due, got
    assert words is not None and got.phrase.rstrip(".") == words.rstrip(".")
    assert got.due is not None and got.due >= SENT


def test_an_aside_in_brackets_and_a_year_after_a_bare_comma() -> None:
    late_sept = datetime(2002, 9, 24, 8, 0, tzinfo=CHI)
    # a day in brackets with no "by" is an aside about when something happened
    assert (
        parse_deadline("It changed since you last updated (Saturday), so please update.", late_sept)
        is None
    )
    found = parse_deadline("Could you send it (by Friday)?", late_sept)
    assert found is not None and found.due == datetime(2002, 9, 27, 17, 0, tzinfo=CHI)
    # "July 15,2002" keeps its year: a date before the message, so no deadline
    found = parse_deadline("Could you reread the piece of July 15,2002 by Levy?", late_sept)
    assert found is None
