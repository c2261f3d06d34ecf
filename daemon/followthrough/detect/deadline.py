"""Find the deadline in a sentence or message: "by Friday", "EOD tomorrow", "12/5", "ASAP".

Everything is relative to ``base`` (the message's send time, timezone-aware) and lands in
``base``'s time zone; a day before ``base`` is no deadline ("today" said after 17:00 is the
end of that day). Conventions (documented in bench/DETECT.md too):

* a known day without a time is due at 17:00 that day ("EOD" is 17:00);
* "Friday" / "by Friday" / "this Friday": the next Friday strictly after base's day (on a
  Friday it is next week's); "next Friday": the Friday of the week after base's week;
* "before Friday": 17:00 the day before; "before our meeting on Tuesday", "before
  tomorrow's hearing": that day at 09:00 (before the event; at its time when it has one:
  "ahead of Tuesday's 2:00 board meeting"); "after Friday": 17:00 the day after;
* "end of the week": Friday of base's week (next Friday on a weekend); "next week" and
  "end of next week": Friday of next week; "end of the month": its last day;
* "by the 5th": the next 5th on or after base's day; "Dec 5" / "12/5": on or after base's
  day, else next year; "12/5" is month/day unless ``day_first``;
* "in 3 days" / "in two weeks" / "a week from today": that many days after base's day;
  "within 48 hours", "in the next hour", "in 30 minutes": that long after base, to the
  minute;
* "early / mid / late next week": its Tuesday / Wednesday / Friday; "over the weekend",
  "this weekend": its Sunday ("next weekend" a week on), but "by the weekend" is before it
  starts, so its Friday; "in the next month" / "within the next week": a month / week on;
  "early / mid / end of December": the 7th / 15th / last day ("during December" its
  last); "end of Q1" /
  "end of the quarter": the quarter's last day; Christmas (Eve), New Year('s Eve), "the
  holidays" (24 December), Thanksgiving (fourth Thursday of November);
* "30/11" is read day first whatever ``day_first`` says, as no month 30 exists;
* a time alone ("by 3pm") is today at that time, or tomorrow when that has passed; "at
  3pm" alone only in a sentence that asks to meet or talk ("are you free at 3pm?");
  "after 2pm" never (when it may start); a part of the day alone never ("Good morning"),
  but "first thing in the morning" is the next morning;
* a weekday naming the send day is next week's, unless a time still ahead that day comes
  with it ("by Wednesday night", sent on a Wednesday morning, is tonight); a weekday with
  a date means the date the weekday agrees with ("Monday the 16th", sent on the 18th, is
  the past 16th: no deadline);
* with alternatives the later day ("today or tomorrow"); a range ends on its last day
  ("between May 6 and May 24"); a rate is none ("twice in a week");
* not deadlines: a possessive or plural naming an event ("tomorrow's activities", "the
  Wednesday calls"), a recurring time ("every Friday", "Thursday mornings"), a return
  ("Sue is back on Tuesday"), a named day ("Super Saturday"), the writer's own promise
  ("I'll send my comments tomorrow") or offered / accepted slot ("I'm free Tuesday",
  "Saturday works for me"), an aside in brackets ("(Saturday)"), a heading dated the send
  day ("Monday, October 8, 2001 Dear Ken"); with "when you get a chance", a date with no
  "by" / "on" is content ("a volume for the 25th"); a day that is only what the ask is
  about (``dayrole``: a question for information, an event or document it names, the
  writer's own clause, a date something is moved to or booked for);
* which day wins: one in the request's own clause over one in a statement or a condition
  ("the venue needs it no later than Friday; please ship ours today" is today); then one
  framed by "by" / "before" / "until" / "due"; then "for" / "on" / an event's over a bare
  day; an aside in brackets last; alternatives, times and all, take the later;
* "by then" / "before then" point at the day (or, with none, the clock time) said before
  them, whatever it was said of ("I'm out Friday, so bring the checks before then" is
  Thursday), but not at a day that happened or recurs;
* the writer away on one day and the reader asked to stand in ("I'm out Friday, can you
  run the 9:00 standup for me?") is that day's work, at the event's time when it has one;
  a period ("while I'm away next week") is none;
* a time said with a recurring day recurs too ("every Friday by noon" is none);
* shorthand and hurried spellings: "b4 fri", "2nite", "nxt wk", "nxt tues", "thrusday",
  "wensday"; times in words: "half past two", "quarter to five", "at half 9";
* a time without am/pm is read in working hours: "at 3:00" is 15:00, "at 9:30" 09:30
  (1:00 to 6:59 are afternoon times), and so is a bare hour after "at" however the clause
  goes on ("Thursday at 2 about the split", "Monday at 8 so the nurses …" is 08:00); a
  clock time naming an event ("the 7:30 am rounds tomorrow", "at Monday's 10:00 meeting")
  gives the day its time; "3 a.m.", "7.00 pm", "900am", "at 200 CST" are
  clock times; a time "at" a few words from the sentence's only day, in the same clause,
  is that day's ("meet at 2:00 in my office tomorrow", "the 10:00 call tomorrow");
* morning 09:00, noon/lunch 12:00, afternoon/EOD/COB 17:00, evening/night/tonight 20:00,
  midnight 23:59; "tonight at 7:30" is 19:30, "first thing Monday" 09:00;
* "ASAP", "urgent", "at your earliest convenience" -> kind "asap";
  "no rush", "whenever", "when you get a chance" -> kind "none". A date beats both
  (but see "when you get a chance" above).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final, Literal

from followthrough.detect.clock import (
    _GAP,
    _LONGEST_TIME,
    _attach_time,
    _next_at,
    find_times,
    names_event,
)
from followthrough.detect.dayhint import said_none, said_past_or_recurring
from followthrough.detect.dayrole import (
    asked_at,
    asks_about,
    booked,
    clause_weight,
    event_role,
    held_back,
    moved,
    own_clause,
)
from followthrough.detect.days import (
    _Day,
    _find_days,
    _merge_alternatives,
    _merge_named_dates,
    _weeks_of,
    text_words,
)
from followthrough.detect.daytie import away_on, stand_in_due, then_due

DeadlineKind = Literal["date", "asap", "none"]


@dataclass(frozen=True, slots=True)
class Deadline:
    """When an ask is due, and the exact words that said so."""

    due: datetime | None  # aware, in base's time zone; None for kinds "asap" and "none"
    phrase: str
    kind: DeadlineKind


_PREFIX: Final = re.compile(
    r"(?:\b(by|before|b4|until|till|til|no later than|not later than|due|deadline is|for|on"
    r"|prior to|ahead of|after)\s+(?:the end of\s+)?)$",
    re.IGNORECASE,
)
# "the 9/22 draft", "Tuesday's meeting notes": a date naming a document or an event
_NAMES_A_THING: Final = re.compile(
    r"(?:'s)?\s+(?:draft|version|memo|minutes|notes|email|e-mail|letter|report|release|edition"
    r"|contract|agreement|presentation|conversation|discussion|message|note|update|issue"
    r"|newsletter|invoice|order|article|post|posting|call|meeting|session|announcement|filing"
    r"|proposal|revision|deck|spreadsheet|numbers|figures|schedule|agenda)s?\b"
    # "tomorrow's activities", "Friday's game": a possessive names an event or a thing
    # ("Friday's fine", "tomorrow's too late" are "is", not possessives)
    r"|['’]s\s+(?!(?:fine|good|ok|okay|better|best|great|perfect|free|open|too|the|a|an|when"
    r"|all|no|not|probably|also|still|really|even|going|gonna|looking|out|booked|busy|bad"
    r"|tough|tight|difficult|impossible|possible|likely|unlikely)\b)[a-z]",
    re.IGNORECASE,
)
# "before tomorrow's hearing", "ahead of Tuesday's 10:00 board meeting": an event on that day
_POSSESSIVE_EVENT: Final = re.compile(
    r"['’]s\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?\s+)?)?[a-z]", re.IGNORECASE
)
# A part of the day said of days in general: "woken up in the morning", "every evening".
_ANY_DAY: Final = re.compile(r"\b(?:in|of|every|all|each|during)\s+(?:the\s+)?$", re.IGNORECASE)
# "first thing in the morning": the next morning
_FIRST_THING: Final = re.compile(r"\bfirst thing (?:in )?(?:the )?$", re.IGNORECASE)
_BEFORE_EVENT: Final = re.compile(
    r"\b(?:before|prior to|ahead of) (?:our|the|my|your|his|her|their|this|next|that)\b"
    r"[^.?!;]{0,40}?(?:\b(?:on|this|next))?\s+$",  # "before our call (on) Thursday"
    re.IGNORECASE,
)
_ASAP: Final = re.compile(
    r"(?=[auriw])"  # (its words' first letters: a class to fail on at once)
    r"\b(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|you can|you are able|you're able)"
    # "urgent" but not "urgent calls", "urgent matters": a kind of thing, not when it is due
    r"|urgently|urgent(?!\s+[a-z]+s\b)|right away|immediately|at your earliest convenience"
    r"|without delay|as quickly as possible|at the earliest)\b",
    re.IGNORECASE,
)
_NO_RUSH: Final = re.compile(
    r"\b(?:no rush|no hurry|no urgency|not urgent|no deadline"
    r"|when(?:ever)? you (?:get|have) (?:a )?(?:chance|moment|minute|time)|whenever(?: you can)?"
    r"|in your own time|at your leisure|no pressure)\b",
    re.IGNORECASE,
)

# the words without one of which _ASAP and _NO_RUSH cannot match (looked for first)
_ASAP_WORDS: Final = frozenset(
    ["asap", "a", "soon", "urgent", "urgently", "right", "immediately", "earliest", "delay",
     "quickly"]
)  # fmt: skip
_RUSH_WORDS: Final = frozenset(
    ["rush", "hurry", "urgency", "urgent", "deadline", "whenever", "when", "own", "leisure",
     "pressure"]
)  # fmt: skip
# "more than one in a day", "twice in a week": a rate, not a deadline
_RATE: Final = re.compile(
    r"\b(?:once|twice|times|one|two|three|four|five|\d+|more|many|much)\s+$", re.IGNORECASE
)
# A time with no day is a deadline after "by", "before", "until"…; after "at" only when
# the sentence asks to meet or talk then ("are you available at 3 PM?", "how about 3:30?")
_AT: Final = re.compile(r"(?:\b(?:at|around)|@)(?:\s+(?:about|around))?\s*$", re.IGNORECASE)
_MEETING: Final = re.compile(
    r"\b(?:are you|r u|would you be|will you be|is (?:he|she|everyone|anyone|everybody)"
    r"|(?:^|(?<=[,:]\s))(?:you|u)"  # "Jim: you available to talk at 9:30?"
    r"|are (?:you all|you guys|y'all|we all))\s+(?:\w+\s+)?(?:available|free|around|able to"
    r" (?:meet|talk|call|join))\b"
    r"|\b(?:can|could|shall|should|would|do) (?:we|you|i)\s+(?:\w+\s+)?(?:meet|talk|chat"
    r"|speak|call|get together|discuss|join|come|stop by|swing by|drop by|hop on|catch up"
    r"|dial in|dial into|jump on|log on|be on)\b"
    r"|\b(?:how|what) about\b|\b(?:call|ring|meet|join|see) (?:me|us)\b"
    r"|\bworks? (?:for|with) you\b|\blet'?s (?:meet|talk|chat|speak|discuss|aim|plan"
    r"|get together|grab|catch up)\b",
    re.IGNORECASE,
)
# part-of-day words that alone name no deadline ("Good morning", "in the afternoon")
_PARTS_ALONE: Final = frozenset(
    ["morning", "afternoon", "evening", "night", "noon", "midday", "lunch", "lunchtime",
     "lunch time"]
)  # fmt: skip


# The words before a date that say what it is ("by", "since", "I'm out") are looked for
# only this far back (their longest form, with room for extra spaces): searching from the
# start of the text for every date made a text full of dates take quadratic time.
_UNTIL_WORDS: Final = (
    "by", "until", "till", "til", "no later than", "not later than", "due", "before", "prior to",
)  # fmt: skip
_LOOKBEHIND: Final = {
    p.pattern: reach
    for p, reach in (
        (_PREFIX, 48), (_RATE, 16), (_AT, 20), (_FIRST_THING, 24),
    )
}  # fmt: skip


def _before(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) ending exactly at ``at``, in a bounded window."""
    return pattern.search(text, max(0, at - _LOOKBEHIND[pattern.pattern]), at)


# "the call on Monday at 2:00 in my office", "meet at 2:00 in my office tomorrow": a time
# "at" a few words from the text's only day, in the same clause, is that day's
_SAME_CLAUSE: Final = re.compile(r"[^.;:!?,()\n]{0,30}", re.IGNORECASE)
_PART_AFTER: Final = re.compile(
    r"\s*,?\s*(?:night|evening|afternoon|morning|eod|cob|end of (?:the )?(?:business )?day"
    r"|close of business)\b",
    re.IGNORECASE,
)
_OR_HOUR: Final = re.compile(  # "at 11:30 or 12"
    r"\s*(?:or|/)\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?![\w:/])", re.IGNORECASE
)
_ON_OR: Final = re.compile(r"\bon or\s+$", re.IGNORECASE)
_FIRST_THING_DAY: Final = re.compile(r"\bfirst thing(?: on)?\s+$", re.IGNORECASE)
_CLAUSE_WORDS: Final = re.compile(r"\b(?:so|but|and|or|then|because|if|when|until)\b", re.I)


def _in_brackets(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is inside "( … )" (looked for a bounded way each side)."""
    opened = text.rfind("(", max(0, start - 80), start)
    if opened < 0 or text.find(")", opened, start) >= 0:
        return False
    closed = text.find(")", end, end + 80)
    return closed >= 0 and text.find("(", end, closed) < 0


_OR_GAP: Final = re.compile(r"[\s,]*(?:or|/|and/or)[\s,]*(?:(?:on|maybe|perhaps)\s+)?", re.I)


def _merge_or(
    text: str, cands: list[tuple[int, int, int, Deadline, bool]]
) -> list[tuple[int, int, int, Deadline, bool]]:
    """ "Monday at 4:30 or Wednesday at 11:15": one deadline, the later one."""
    out: list[tuple[int, int, int, Deadline, bool]] = []
    for c in sorted(cands, key=lambda c: c[1]):
        if out and out[-1][2] <= c[1] and _OR_GAP.fullmatch(text, out[-1][2], c[1]):
            rank, start, _, prev, bare = out[-1]
            later = (
                c[3]
                if c[3].due is not None and (prev.due is None or c[3].due >= prev.due)
                else prev
            )
            words = text[start : c[2]].strip(" ,")
            out[-1] = (max(rank, c[0]), start, c[2], Deadline(later.due, words, "date"), bare)
        else:
            out.append(c)
    return out


def parse_deadline(text: str, base: datetime, *, day_first: bool = False) -> Deadline | None:
    """The deadline ``text`` states, relative to ``base``; None when it states none."""
    tz = base.tzinfo
    today = base.date()
    said = text_words(text)
    days = _find_days(text, today, day_first, said)
    days = _weeks_of(text, _merge_alternatives(text, _merge_named_dates(text, days)))
    times = find_times(text, said)
    in_day = bytearray(len(text))
    for d in days:
        in_day[d.start : d.end] = b"\x01" * (d.end - d.start)
    times = [(m, t) for m, t in times if in_day.find(1, m.start(), m.end()) == -1]
    time_starts = [m.start() for m, _ in times]
    if "then" in said[0]:
        tied = then_due(text, days, times, base)
        if tied is not None:
            return Deadline(
                tied[0], tied[1], "date"
            )  # "I'm out Friday, so please bring the checks before then"
    # (has deadline prefix, -position) -> candidate
    best: tuple[tuple[int, ...], Deadline] | None = None
    content = False  # the best one has no "by", "on"…, or only "for" ("a volume for the 25th")
    used_times: set[int] = set()
    cands: list[tuple[int, int, int, Deadline, bool]] = []
    away: _Day | None = None  # a single day the writer is away ("I'm out Friday")
    for d in days:
        if said_none(text, d.start, d.end):
            if away_on(text, d):
                away = d
            if said_past_or_recurring(text, d.start, d.end):  # "every Friday by noon": the
                first = bisect.bisect_left(time_starts, d.start - _GAP - _LONGEST_TIME)
                last = bisect.bisect_right(time_starts, d.end + _GAP)  # time recurs too
                _attach_time(text, d, times, (first, last), used_times)
            continue  # "the slides from today", "I'm out next week", "the deck we presented
            # on Monday", "I'll call you tomorrow", "between May 6 and …", "Sue is back on
            # Tuesday", "every Monday", "Thursday mornings", "Super Saturday": not when due
        if (
            d.form == "in-n"
            and text[d.start : d.end].lower().split()[1] in ("a", "an")
            and _before(_RATE, text, d.start)
        ):
            continue  # "more than one in a day": a rate
        # only a time within _GAP characters of the day can belong to it (see _near)
        first = bisect.bisect_left(time_starts, d.start - _GAP - _LONGEST_TIME)
        last = bisect.bisect_right(time_starts, d.end + _GAP)
        start, end, at = _attach_time(text, d, times, (first, last), used_times)
        prefix = _before(_PREFIX, text, start)
        if prefix is None and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            continue  # "since you last updated (Saturday)": an aside, not a deadline
        if prefix is None and d.dated and d.day == today:
            continue  # "Monday, October 8, 2001 Dear Ken": the day it was written
        if at is None and d.at is None and len(days) == 1:
            for i in range(bisect.bisect_left(time_starts, start - 40), len(times)):
                m, t = times[i]
                if m.start() > end + 40:
                    break
                gap = text[end : m.start()] if m.start() >= end else text[m.end() : start]
                if (
                    i not in used_times
                    and m.group(6) is None
                    and (_before(_AT, text, m.start()) is not None or names_event(text, m))
                    and _SAME_CLAUSE.fullmatch(gap) is not None
                    and _CLAUSE_WORDS.search(gap) is None
                ):
                    at = t
                    used_times.add(i)
                    break
        due_day = d.day
        if (
            d.today_named
            and at is not None
            and _PART_AFTER.match(text, d.end) is not None
            and datetime.combine(today, at, tzinfo=tz) > base
        ):  # "by Wednesday night", sent on a Wednesday morning; "Wednesday at 3:30" is
            due_day = today  # next week's, as a bare weekday is

        event = _BEFORE_EVENT.search(text, max(0, start - 60), start)
        strong = prefix is not None or event is not None
        word = (prefix.group(1) or "").lower() if prefix is not None else ""
        word = "before" if word == "b4" else word  # "need ur RSVP b4 fri"
        role = ""
        within = text.startswith("within", d.start) or text.startswith("Within", d.start)
        if event is None and word not in _UNTIL_WORDS and not within:  # "within" frames
            role = event_role(text, d.start, d.end)
            if (
                role == "content"
                or asks_about(text, start)
                or own_clause(text, start, end)
                or moved(text, start, end)
                or (role != "due" and booked(text, start))
            ):
                continue  # "regarding the meeting next Thursday", "what time are you
                # arriving on Friday?", "I'm sending it Friday", "move my lunch to the 28th"
        elif event is None and word in ("until", "till") and moved(text, start, end):
            continue  # "extend the rental until the 30th": the new end of the thing
        elif word in ("until", "till", "before") and held_back(text, start):
            continue  # "hold off sending it until Friday": when it may start, not when due
        if (
            role != "due"
            and _NAMES_A_THING.match(text, d.end)
            and (prefix is None or prefix.group(1) == "on")
        ):
            continue  # "the changes from the 9/22 draft", "the Friday meeting notes"
        if d.needs_prefix and not strong:
            continue  # "enjoy the holidays!" sets no deadline
        if d.form == "weekend" and word in _UNTIL_WORDS:
            if at is None:  # "by the weekend": before it starts, so its Friday
                due_day -= timedelta(days=2)
            start = prefix.start() if prefix is not None else start
        elif event is not None:
            start = event.start()
            if at is None:  # "before our call on Thursday": that day, before the call
                at = time(9)
        elif prefix is not None:
            if word in _UNTIL_WORDS:
                start = prefix.start()
            if (
                word in ("before", "prior to", "ahead of")
                and at is None
                and _POSSESSIVE_EVENT.match(text, d.end) is not None
            ):  # "before tomorrow's hearing": that day, before the hearing
                at = time(9)
            elif (
                word in ("before", "prior to", "ahead of")
                and at is None
                and not _ON_OR.search(text, max(0, prefix.start() - 8), prefix.start())
            ):  # "before Friday" is Thursday; "on or before Friday" is Friday
                due_day -= timedelta(days=1)
            elif word == "after":  # "after Thanksgiving": the day after it
                start = prefix.start()
                due_day += timedelta(days=1)
        early = _FIRST_THING_DAY.search(text, max(0, start - 24), start)
        if early is not None and at is None:  # "first thing Monday": its morning
            start, at = early.start(), time(9)
        if d.after is not None and at is None and due_day == d.day:
            due = base + d.after  # "in the next hour": to the minute
        else:
            due = datetime.combine(due_day, at or time(17), tzinfo=tz)
        cand = Deadline(due, text[start:end].strip(" ,"), "date")
        # "by", "before", "until" outrank "for", "on" and a day's event, which outrank a
        # bare day, which outranks an aside in brackets; among equals the first one said
        rank = 3 if event is not None or word in _UNTIL_WORDS else 2 if strong or role else 1
        if rank < 3 and _in_brackets(text, start, end):
            rank = 0  # "call me Tuesday (gone golfing for the weekend)"
        cands.append((rank, start, end, cand, event is None and word in ("", "for")))
    for rank, start, _end, cand, bare in _merge_or(text, cands):
        # a day framed by "by", "before", "until" first; then the request's own clause
        # ("the meeting is on Friday, so could you send the slides tomorrow?")
        weight = clause_weight(text, start) if len(cands) > 1 else 0
        key = (weight, int(rank >= 3), rank, -start)
        if best is None or key > best[0]:
            best, content = (key, cand), bare
    if best is None and away is not None:  # "I'm out Friday, can you run the standup for me?"
        covered = stand_in_due(text, away, times, used_times, base)
        if covered is not None:
            best = ((0, 0, 2, -away.start), Deadline(covered, text[away.start : away.end], "date"))
            content = False
    meeting: bool | None = None  # whether the text asks to meet or talk (looked up once)
    for i, (m, t) in enumerate(times):
        if i in used_times or best is not None:
            continue
        start = m.start()
        prefix = _before(_PREFIX, text, start)
        word = (prefix.group(1) or "").lower() if prefix else ""
        if word == "after":
            continue  # "any time after 2pm": when it may start, not when it is due
        part = m.group(6)
        first_thing = part is not None and _before(_FIRST_THING, text, start)
        if first_thing:
            start = first_thing.start()  # "first thing in the morning": the next one
        elif word in ("", "for", "on") and (part is None or part.lower() in _PARTS_ALONE):
            # "at 3pm" alone is a meeting time, not a deadline, unless the sentence asks
            # to meet then ("are you available at about 3 PM?"); "Good morning" is none
            at_word = _before(_AT, text, start)
            if at_word is None:
                if part is None and event_role(text, m.start(), m.end()) == "due":
                    # "copies for the 10:00 AM mtg": due when the event starts
                    due = _next_at(today, t, base)
                    best = ((0, 0, 2, -start), Deadline(due, text[start : m.end()], "date"))
                    content = False
                continue
            if meeting is None:
                meeting = _MEETING.search(text) is not None
            if not meeting and not asked_at(text, start):
                continue  # "could you pick up the cake at 6?" is due then
            start = at_word.start()
            prefix = None
        if (
            part
            and not first_thing
            and not word
            and _ANY_DAY.search(text, max(0, start - 12), start)
        ):
            continue  # "in the morning", "every evening": any day's, not a due time
        if word not in _UNTIL_WORDS and (
            asks_about(text, m.start())
            or own_clause(text, m.start(), m.end())
            or booked(text, m.start())
            or moved(text, m.start(), m.end())
        ):
            continue  # "what time does it start at 3?", "book me on the 9:15 am flight"
        if prefix is not None and word not in ("for", "on"):
            start = prefix.start()
        stop = m.end()
        other = _OR_HOUR.match(text, stop)
        if other is not None and part is None:  # "at 11:30 or 12": the later one
            h, mi = int(other.group(1)), int(other.group(2) or 0)
            if (other.group(3) or "").lower().startswith("p") and h < 12:
                h += 12
            elif not other.group(3) and 1 <= h <= 6:
                h += 12  # working hours, as a time without am/pm
            if h < 24 and mi < 60 and time(h, mi) > t:
                t, stop = time(h, mi), other.end()
        due = datetime.combine(today, t, tzinfo=tz)
        if due <= base:
            due += timedelta(days=1)
        best = (
            (0, 0, 2 if prefix is not None else 1, -start),
            Deadline(due, text[start:stop].strip(), "date"),
        )
        content = word in ("", "for")
    if best is not None and content:
        rush = _NO_RUSH.search(text) if not _RUSH_WORDS.isdisjoint(said[0]) else None
        # "when you get a chance, show a volume for the 25th": a date with no "by" is
        # content; "whenever you have a moment this week" bounds the moment
        if rush is not None and -best[0][-1] - rush.end() not in range(0, 3):
            return Deadline(None, rush.group(0), "none")
    if best is not None:
        found = best[1]
        if found.due is None or found.due >= base:
            return found
        if found.due.date() == today and not any(c.isdigit() for c in found.phrase):
            # "can you do it today?" sent at six: by the end of that day
            return Deadline(found.due.replace(hour=23, minute=59), found.phrase, "date")
        # a day before the message was sent is not when anything is due
    asap = _ASAP.search(text) if not _ASAP_WORDS.isdisjoint(said[0]) else None
    if asap is not None:
        return Deadline(None, asap.group(0), "asap")
    rush = _NO_RUSH.search(text) if not _RUSH_WORDS.isdisjoint(said[0]) else None
    if rush is not None:
        return Deadline(None, rush.group(0), "none")
    return None
