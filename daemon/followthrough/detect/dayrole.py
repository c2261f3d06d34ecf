"""The part a day plays in its sentence, for ``deadline``: when the ask is due, or only
what the ask is about.

A day that is a deadline is framed as one ("by Friday", "no later than noon", "before
our call on Tuesday", "due the 5th"), or sits in the ask's own verb phrase ("call me
Tuesday afternoon"), or is the slot of a meeting the ask sets up ("can we meet
tomorrow?"). These read a day as content instead (unless it is framed as a deadline):

* a question for information, where the day is part of what is asked ("what time are
  you arriving on Friday?", "do you know if we meet on Monday?", "is there an agenda for
  the meeting on the 5th?", "are you planning to go up this week?"), also when it is
  reported inside a request ("let me know where the party is on Saturday");
* an event or a document the day names, when the ask is about it rather than for it
  ("a note regarding the meeting next Thursday", "your thoughts on the May 1 launch");
  "ready for the May 1 launch", "copies for the 10:00 meeting", "at the meeting on
  Sunday" are due then;
* the writer's own clause ("I'm sending the final version on Friday", "we shipped it on
  Monday", "I have a class from 1 to 2 today", "Thursday sounds great");
* a date an event is moved or extended to ("move my lunch with Bob to March 28th",
  "extend the contracts until October 11th"), unless it is a meeting with the reader
  ("can we move our call to Wednesday at 3?");
* the date of a booking ("book me on the 6pm flight on Friday", "reserve the room for
  Thursday afternoon").

Each test looks back only within the day's clause, a bounded window, so the parse stays
linear in the text's length.
"""

from __future__ import annotations

import re
from typing import Final

_REACH: Final = 160  # how far back a clause is searched for its start

# where a clause starts: a sentence or clause stop (not the dot of "a.m." or "3.30")
_CLAUSE_STOP: Final = re.compile(
    r"[;!?\n]|(?<!\d):(?!\d)|--|\s[-–—]\s|—|(?<![.\s][a-z])(?<!\b[ap]\.m)\.(?=\s+[A-Z])"
)
# a name, a greeting or a filler word in front of the clause ("Eldon, are you …")
_LEAD: Final = re.compile(
    r"(?:\s|[\"'(*])*(?:(?i:hi|hey|hello|dear|ok|okay|so|and|but|also|oh|btw|by the way"
    r"|quick question|just curious|one more thing|one question|question)\b[\s,:]*"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*[,:]\s+)*",
)
# a question for information: the day is part of what is asked
_INFO_QUESTION: Final = re.compile(
    # "what time are you arriving", "where is the party", "when does it start"
    r"(?:what|which|where|when|why|who|whose|how(?: long| late| early| much| many)?)"
    r"(?:\s+(?!(?:is|are|was|were|do|does|did)\b)[\w'-]+)?"
    r"\s+(?:is|are|was|were|do|does|did|has|have|had)\b"
    r"|(?:what|where|when|who)['’]s\b"
    # "do you know if we are meeting", "does anyone remember when", "you by chance know"
    r"|(?:(?:do|does|did) )?(?:you|anyone|anybody|someone|somebody|everyone|y'all)"
    r"(?:\s+(?:by (?:any )?chance|happen to|still|already))*\s+(?:know|remember|recall)"
    r"\s+(?:if|whether|what|where|when|who|which|how)\b"
    # "is there one for this week?", "are there seats on Friday?"
    r"|(?:is|are|was|were) there\b"
    # "did you get it on Monday?", "have you booked the room for Friday?"
    r"|(?:did|have|has|had) (?:you|we|they|he|she|it|everyone|anyone)\b"
    # "are you and Bob planning to go up this week?", "is Sue coming on Friday?"
    r"|(?:are|is|was|were) (?:you|we|they|he|she|it|[A-Z][a-z]+)(?: and [A-Z]?[a-z]+)?"
    r"(?:\s+(?:still|really|already|actually|all))?\s+(?!(?:willing|going to be able)\b)"
    r"[a-z]+ing\b"
    # "do we have a call tomorrow?", "does the train leave at 5?"
    r"|(?:do|does) (?:we|they|he|she|it|the \w+)\b(?!\s+(?:need|have to|want|still need)\b)",
    re.IGNORECASE,
)
# "are you free", "when can we meet": a slot the ask sets up, not a question about facts
_SLOT: Final = re.compile(
    r"\b(?:free|available|around|open|in the office|can|could|would|will|shall|should"
    r"|['’]d|['’]ll|works?|suits?|convenient|best|good for you|time for|join|meet|make it"
    r"|want|wants|like|prefer|need|chance|way|possibility|possible|got time|have time"
    r"|a minute|a moment|a few minutes|a sec|a second|going to)\b",
    re.IGNORECASE,
)
# a question reported inside a request: "let me know where the party is on Saturday"
_REPORTED: Final = re.compile(
    r"\b(?:know|tell (?:me|us)|find out|check|confirm|ask(?: \w+)?|wondering|wonder"
    r"|curious|sure|remind (?:me|us)|figure out|see|advise(?: me| us)?|clarify|understand"
    r"|summari[sz]e|explain|describe|recap|write up|look into|investigate|report|note down)"
    r"(?: (?:on|about))? (?:what|where|when|which|who|why|how|whether|if)\b(?P<rest>[^;]*)$",
    re.IGNORECASE,
)
# what the reported question says of the reader: their own act or slot ("if you can
# come", "when you are free"), not a fact asked about
_READER_ACTS: Final = re.compile(
    r"^\s*(?:\w+\s+)?(?:you|y'all|you all|everyone|all of you|u)\b"
    r"(?!\s+(?:\w+\s+)?(?:are|were|did|have|had|got|went)\b(?!\s+(?:free|available|around|able)))"
    r"|\b(?:can|could|would|will|shall|['’]d|['’]ll|works?|suits?|is (?:good|best"
    r"|convenient)|are (?:free|available))\b",
    re.IGNORECASE,
)

_EVENT: Final = (
    r"(?:meeting|mtg|conference call|call|con-?call|conference|dinner|lunch|breakfast"
    r"|party|event|workshop|session|review|launch|game|trip|flight|visit|presentation"
    r"|interview|class|seminar|webinar|training|off-?site|retreat|demo|hearing|concert"
    r"|show|ceremony|celebration|appointment|briefing|lecture|match|wedding|reception"
    r"|return|departure|arrival|release|meet-?up|summit|tour|kick-?off|all-hands"
    r"|town hall|audit|inspection|deadline|cut-?off|closing|outing|picnic|drinks"
    r"|happy hour|gathering|get-together|board|offsite|go-live|cutover|rehearsal"
    r"|stand-?up|huddle|sync|check-in|one-on-one|catch-?up|retro|retrospective|scrum"
    r"|conversation|discussion|chat|talk|phone call|visit)"
)
_THING: Final = (
    r"(?:draft|version|memo|minutes|notes|email|e-mail|letter|report|edition|contract"
    r"|agreement|conversation|discussion|message|note|update|issue|newsletter|invoice"
    r"|order|article|post|posting|announcement|filing|proposal|revision|deck|spreadsheet"
    r"|numbers|figures|schedule|agenda|package|pack|file|slides|results|statement"
    r"|forecast|budget|list|data|summary|recap|photos|pictures|recording|payroll)s?"
)
_DET: Final = r"(?:the|our|your|my|this|that|his|her|their|its|a|an|next|last)"
# "the May 1 launch", "the Friday package", "our 10:00 mtg": a day in front of its noun
_ATTRIBUTIVE_AFTER: Final = re.compile(
    rf"(?:['’]s)?\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:(?P<event>{_EVENT})(?P<plural>s)?|{_THING})\b",
    re.IGNORECASE,
)
_DET_BEFORE: Final = re.compile(rf"\b{_DET}\s+$|['’]s\s+$", re.IGNORECASE)
# "the GA meeting here in SF next Thursday", "the dinner on the 18th": an event and its day
_EVENT_BEFORE: Final = re.compile(
    rf"\b(?:{_DET}\s+(?:[\w:.-]+\s+){{0,2}}?|(?-i:[A-Z0-9][\w:.-]*\s+){{1,2}})?{_EVENT}s?\b"
    r"(?:\s+(?:here|there|in (?-i:[A-Z])\w*|with (?-i:[A-Z])\w*(?: (?-i:[A-Z])\w*)?"
    r"|at (?-i:[A-Z])\w*"
    r"|at (?:the|our|my) \w+|itself)){0,2}[\s,]*(?:(?:on|at|this|scheduled for|set for"
    r"|planned for)\s+)?$",
    re.IGNORECASE,
)
_THANKS_FOR: Final = re.compile(
    r"\b(?:thanks|thank you|thank him|thank her|thank them|grateful|congratulations|congrats"
    r"|apologies|sorry|condolences|feedback|comments|thoughts|impressions|photos|pictures"
    r"|recording|minutes|notes|summary|recap)\s+(?:\w+\s+)?(?:for|of|on|from)\s+$"
    # "further to our chat on Monday", "per our conversation on Tuesday"
    r"|\b(?:per|further to|following up on|following up from|in reply to|with reference to"
    r"|thanks to|in response to|as a follow-up to|as discussed (?:at|in|during|on))\s+$",
    re.IGNORECASE,
)
_INVITE_TO: Final = re.compile(r"\binvite\s+(?:[\w'-]+\s+){0,9}?to\s+$", re.IGNORECASE)
# what the ask does with that event: attends it, holds it, gets ready for it (then the day
# is when it is due) …
_FOR_EVENT: Final = re.compile(
    r"\b(?:at|for|before|by|ahead of|prior to|until|till|to|in time for|during|attend"
    r"|join|joining|make|hold|host|schedule|set up|arrange|organi[sz]e|run|lead|chair"
    r"|present|come|go|be|see you|meet|sit in on|cover|staff|dial in|dial into|call in"
    r"|confirm for|plan for|prepare|preparing|bring|before our|from now)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# … or only speaks about it (then the day is content)
_ABOUT_EVENT: Final = re.compile(
    r"(?:(?<!\bdo )\babout|\b(?:regarding|re:?|concerning|on|of|from|after|around|following"
    r"|since"
    r"|remind (?:\w+ )?(?:about|of)|cancel|cancelling|canceling"
    r"|postpone|move|moving|reschedule|rescheduling|send|sending|forward|share"
    r"|circulate|distribute|describe|explain|summari[sz]e|with respect to|related to"
    r"|in connection with))\s+$",
    re.IGNORECASE,
)
# the writer's own doing: "I'm sending it on Friday", "we shipped it on Monday", "I have
# a class from 1pm to 2pm today" (not "I need", "I'd like", "we expect": those ask)
_OWN_CLAUSE: Final = re.compile(
    # not after a modal or "if": "could we set up a call for Tuesday?" asks
    r"(?<!could )(?<!can )(?<!would )(?<!should )(?<!shall )(?<!will )(?<!may )(?<!might )"
    r"(?<!do )(?<!did )(?<!if )(?<!when )"
    r"(?:\b(?:i|we)(?:['’]m|['’]re|\s+am|\s+are|\s+was|\s+were)\s+(?:also\s+|still\s+|just\s+)?"
    r"(?!(?:hoping|expecting|counting|looking|waiting|asking|requesting|wondering|needing"
    r"|relying|planning on you|trying to get you|going to need)\b)[a-z]+ing\b"
    r"|\b(?:i|we)\s+(?:also\s+|already\s+|just\s+|then\s+)?(?!(?:need|needed|wanted|hoped"
    r"|wondered|asked|expected|requested|decided you|assumed|figured|thought|suggested|proposed"
    r"|preferred|liked|loved|promised you)\b)"
    r"(?:[a-z]+ed|met|sent|said|told|spoke|wrote|saw|had|did|went|came|gave|got|made|took"
    r"|left|heard|paid|brought|bought|forgot|spent|lost|found|put|set|ran|began|flew|drove"
    r"|sold|shipped|moved|booked)\b"
    r"|\b(?:i|we)(?:\s+(?:also|already))?\s+(?:have|['’]ve got)\s+(?:a|an|my|our|the|two|some)\b"
    r"(?!\s+(?:[\w-]+\s+)?(?:deadline|due date|cut-?off)\b)"  # "we have a deadline on Friday"
    r"|\b(?:i|we)(?:['’]ll|\s+will|\s+shall)\s+(?:also\s+)?(?:try|be trying|attempt|discuss"
    r"|talk about|go over)\b"
    # "I'll be getting off for another call in the next 5 minutes"
    r"|\b(?:i|we)(?:['’]ll|\s+will)\s+(?:also\s+|still\s+)?be\s+(?:out|away|off"
    r"|(?!(?:needing|expecting|looking|waiting|hoping|counting|relying)\b)[a-z]+ing)\b"
    # "I was out on Monday": the writer's past
    r"|\b(?:i|we)\s+(?:was|were)\b(?!\s+(?:hoping|wondering|going to ask|asked|told|asking"
    r"|expecting|supposed)\b))",
    re.IGNORECASE,
)
# "Thursday sounds great", "Monday is perfect": a slot accepted, not a deadline
_ACCEPTED: Final = re.compile(
    r"[\s,]+(?:(?:sounds|looks|seems) (?:great|good|fine|perfect|ok|okay|better)"
    r"|suits me)",
    re.IGNORECASE,
)
# "move my lunch with Bob to March 28th", "extend the contracts until October 11th": the
# new date of the thing moved (a meeting with the reader is due then: "can we move our
# call to Wednesday at 3?")
_MOVED_TO: Final = re.compile(
    r"(?s:.*)\b(?P<verb>set|setting|move|moved|moving|reschedule|rescheduled|push|pushed|postpone|postponed|delay"
    r"|delayed|shift|shifted|bump|bumped|extend|extended|extending|change|changed)\b"
    r"(?P<what>[^.;!?]{0,60}?)\s+(?:to|until|till|for|forward to"
    r"|back to|up to|out to|after)\s+(?:the\s+)?"
    # "until the Board meeting on October 11th": the event it is moved to, and its day
    r"(?:(?-i:[A-Z]\w*\s+)?(?:[a-z][\w-]*\s+)?(?:meeting|call|session|review|launch|event"
    r"|conference|trip|visit|dinner|lunch|party|deadline|close|closing)\s+(?:on|at)\s+)?$",
    re.IGNORECASE,
)
# the words without which _MOVED_TO and _BOOKED cannot match (looked for first: cheap)
_MOVE_WORD: Final = re.compile(
    r"\b(?:set|setting|mov|resched|push|postpon|delay|shift|bump|extend|chang)", re.IGNORECASE
)
_BOOK_WORD: Final = re.compile(r"\b(?:book|reserv|hold a|get (?:me|us) a)", re.IGNORECASE)
_DATE_WORD: Final = re.compile(r"\b(?:date|deadline|day|time)\b", re.IGNORECASE)
_COMPARATIVE: Final = re.compile(r"\s+(?:earlier|later|sooner)\b", re.IGNORECASE)
_OURS: Final = re.compile(r"\b(?:we|us|our|me)\b", re.IGNORECASE)
_MEET_WORD: Final = re.compile(
    r"\b(?:call|meeting|mtg|chat|catch-?up|1:1|one-on-one|lunch|coffee|session)\b", re.I
)
# "book me on the 6pm flight on Friday", "reserve the room for Thursday afternoon"
_BOOKED: Final = re.compile(
    r"(?s:.*)\b(?:book|booking|reserve|reserving|hold a (?:room|table|seat)|get (?:me|us) a"
    r" (?:room|table|seat|ticket|flight))\b"
    r"(?P<what>(?:[^.;!?]|(?<=\d)\.(?=\d)){0,80}?)(?:\s+(?:for|on|at|leaving"
    r"|returning|departing|arriving|from|to))?(?:\s+|\s*[-–—:]+\s*)$",
    re.IGNORECASE,
)
_BOOK_TIME: Final = re.compile(r"^\s*(?:some\s+|a\s+)?(?:time|slot|call|meeting)\b", re.I)


def clause_start(text: str, at: int) -> int:
    """Where the clause holding ``text[at]`` starts (searched a bounded way back)."""
    lo = max(0, at - _REACH)
    start = lo
    for m in _CLAUSE_STOP.finditer(text, lo, at):
        start = m.end()
    return start


def asks_about(text: str, at: int) -> bool:
    """The day at ``at`` is part of a question for information ("what time are you
    arriving on Friday?") or of one reported inside a request ("let me know where the
    party is on Saturday"), not when the answer is due."""
    cs = clause_start(text, at)
    lead = _LEAD.match(text, cs, at)
    head_at = lead.end() if lead is not None else cs
    head = text[head_at:at]
    if _INFO_QUESTION.match(head) is not None and _SLOT.search(head) is None:
        return True
    reported = _REPORTED.search(head)
    if reported is not None and (
        _READER_ACTS.search(reported.group("rest")) is not None
        or _THEN_ASKS.search(reported.group("rest")) is not None
    ):
        return False
    reported = reported or _THAT_CLAUSE.search(head) or _RELATIVE.search(head)
    if reported is None:
        return False
    # "let me know if tomorrow am works for you": a slot offered to the reader
    return _SLOT_AFTER.match(text, at, min(len(text), at + 60)) is None


# "look into why the build fails and get a fix in this week": a second request joined by
# "and" ends the reported question, and the day is that request's
_THEN_ASKS: Final = re.compile(
    r"\b(?:and|then)\s+(?:then\s+|also\s+|please\s+)?(?:get|send|have|put|make|fix|ship"
    r"|file|submit|give|bring|post|book|schedule|finish|write|update|let (?:me|us) know"
    r"|tell (?:me|us)|report back|circle back|get back)\b",
    re.IGNORECASE,
)


# a fact reported inside the request: "make sure the team knows the office is closed on
# Monday", "let the caterer know we will be 12 on Friday", "confirm that the delivery is
# scheduled for Thursday"
_THAT_CLAUSE: Final = re.compile(
    r"\b(?:knows?|aware|tell (?:\w+ )?(?:that )?|inform \w+(?: that)?|remind \w+(?: that)?"
    r"|notify \w+(?: that)?|let \w+(?: \w+)? know|confirm|check|verify|mention|say|note)"
    r"(?: that)?(?P<rest> (?!you\b|everyone\b|all\b)(?:the |our |your |his |her |their |this "
    r"|that )?[\w'-]+(?: [\w'-]+)?\s+(?:is|are|was|were|will be|will|has been|have been|['’]s"
    r"|['’]re)\b(?!\s+(?:all\s+)?(?:ready|done|finished|complete|completed|in place|submitted"
    r"|paid|sent|signed|fixed|resolved|returned|filed|approved|due)\b)[^;]*)$",
    re.IGNORECASE,
)
# a relative clause telling what the thing does then: "the permit that expires on April 30"
_RELATIVE: Final = re.compile(
    r"\b(?:that|which|who)(?P<rest> (?!you\b)(?:\w+ ){0,2}?(?:is|are|was|were|expires?|starts?"
    r"|ends?|begins?|runs?|opens?|closes?|happens?|takes place|falls?|leaves?|arrives?"
    r"|departs?|occurs?|comes up|lapses?)\b(?! due\b)[^;]*)$",
    re.IGNORECASE,
)
_SLOT_AFTER: Final = re.compile(
    r"[^.;!?]*?\b(?:works?|suits?|is (?:good|fine|ok|okay|convenient|best|better)"
    r"|would (?:work|be (?:good|fine|ok|okay|convenient|best|better)))\b",
    re.IGNORECASE,
)


# "your availability for next week", "the schedule for Friday": what the ask is about
_INFO_FOR: Final = re.compile(
    r"\b(?:the|your|my|our|his|her|their|a|any|some|its)\s+(?:[\w-]+\s+)?(?:availability"
    r"|schedule|calendar|plans?|itinerary|hours|times|slots|time-slots|timesheets?|expenses"
    r"|roster|rota|menu|forecast|numbers|figures|sales|results|shifts|weather|traffic"
    r"|attendance)\s+(?:for|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def event_role(text: str, start: int, end: int) -> str:
    """ "due" when the day names an event the ask attends or gets ready for ("for the
    May 1 launch", "at the meeting on Sunday"), "content" when it names an event or a
    document the ask only speaks about ("regarding the meeting next Thursday", "the
    Friday package"), "" when it names neither."""
    lo = max(0, start - 80)
    if _INFO_FOR.search(text, max(0, start - 60), start) is not None:
        return "content"
    after = _ATTRIBUTIVE_AFTER.match(text, end)
    det = _DET_BEFORE.search(text, max(0, start - 8), start) if after is not None else None
    if after is not None and (det is not None or text[end : end + 2] in ("'s", "’s")):
        np_start = det.start() if det is not None else start
        event = after.group("event") is not None
        if event and after.group("plural"):
            return "content"  # "the Thursday calls": a recurring event
    else:
        before = _EVENT_BEFORE.search(text, lo, start)
        if before is None:
            return ""
        np_start, event = before.start(), True
    if event and _THANKS_FOR.search(text, max(0, np_start - 40), np_start) is not None:
        return "content"  # "my thanks for the dinner on Saturday"
    if event and _INVITE_TO.search(text, max(0, np_start - 64), np_start) is not None:
        return "content"  # "invite them to the dinner on the 18th"
    if event and _FOR_EVENT.search(text, max(0, np_start - 40), np_start) is not None:
        return "due"
    if not event or _ABOUT_EVENT.search(text, max(0, np_start - 40), np_start) is not None:
        return "content"
    return ""


# an offer: "would you like me to bring copies to tomorrow's meeting?", "shall I call you
# on Friday?"
_OFFER: Final = re.compile(
    r"\b(?:would you like|do you want|want|wish) (?:me|us) to\b|\b(?:shall|should|may) i\b",
    re.IGNORECASE,
)


def own_clause(text: str, start: int, end: int) -> bool:
    """The day is in the writer's own clause ("I'm sending it on Friday", "we shipped it
    on Monday"), an offer ("shall I call you on Friday?") or a slot the writer accepts
    ("Thursday sounds great")."""
    if _ACCEPTED.match(text, end) is not None:
        return True
    cs = clause_start(text, start)
    head = text[cs:start]
    if _OFFER.search(head) is not None:
        return True
    if _NOT_TO.search(head) is not None:
        return True  # "please don't schedule anything for me on Friday"
    if _PAST_CLAUSE.search(head) is not None and _ASK_AFTER.search(head) is None:
        return True  # "what was decided at the meeting on Tuesday"
    owns = list(_OWN_CLAUSE.finditer(head))
    if not owns:
        return False
    own = owns[-1]
    # a request after the writer's clause starts the ask's own ("I'm out, so could you …")
    if _ASK_AFTER.search(head, own.end()) is not None:
        return False
    # "I'm having lunch with Dan today - want to join us?": an invitation to the writer's
    # own event is due then
    return _JOIN_AFTER.search(text, end, min(len(text), end + 80)) is None


# a request not to do something at that time
_NOT_TO: Final = re.compile(
    # the request's own "don't" ("please don't …", "could you not …"), not a condition's
    # ("if you don't hear from me, call me on Friday")
    r"(?:^\W*|\bplease\s+|\b(?:could|can|would|will) you\s+(?:please\s+)?|[,;:]\s*)"
    r"(?:don['’]t|do not|never|not)\s+"
    r"(?!(?:forget|hesitate|wait|delay|miss|be late|leave it)\b)",
    re.IGNORECASE,
)
# a passive or past clause: "what was decided at the meeting on Tuesday"
_PAST_CLAUSE: Final = re.compile(
    r"\b(?:was|were)\s+(?:\w+ed|held|made|said|done|set|sent|told|taken|given|won|lost|due"
    r"|paid|agreed|decided|discussed|shown|seen|written|brought|bought|met)\b"
    r"|\b(?:happened|occurred|took place)\b",
    re.IGNORECASE,
)
# the clause around a day: a request ("please send it by the 19th") or a condition ("if
# you can't make Thursday") — among days framed alike, the request's day wins
_REQUEST_HEAD: Final = re.compile(
    r"\b(?:please|pls|kindly|(?:could|can|would|will|won['’]t) (?:you|u|someone|anyone|everyone)"
    r"|(?:would|do) you mind|i['’]d (?:like|appreciate)|we['’]d (?:like|appreciate)"
    r"|i would (?:like|appreciate)|we would (?:like|appreciate))\b",
    re.IGNORECASE,
)
_CONDITION_HEAD: Final = re.compile(
    r"^\W*(?:(?:but|and|so)\s+)?(?:if|unless|in case|once|whether)\b", re.IGNORECASE
)


def clause_weight(text: str, start: int) -> int:
    """1 when the day's clause asks, -1 when it is a condition, else 0."""
    lo = clause_start(text, start)
    comma = text.rfind(",", lo, start)
    head = text[lo:start]
    # "if you can't make Thursday, could you do Friday?": the request follows the comma
    if _REQUEST_HEAD.search(head) is not None and (
        comma < 0 or _REQUEST_HEAD.search(text, comma, start) or not _CONDITION_HEAD.match(head)
    ):
        return 1
    if _CONDITION_HEAD.match(head) is not None:
        return -1
    return 0


# between the request and its time, a clause of its own ("could you send the file
# because the bus leaves at 4?")
_OTHER_CLAUSE: Final = re.compile(
    r"\b(?:that|which|who|because|since|as|when|where|while|if|unless|so|and then|but|after"
    r"|before|until|what|whether|is|are|was|were|leaves?|starts?|begins?|opens?|closes?"
    r"|arrives?|ends?|happened|has|have|had|why|how|every|each|last|yesterday|ago|\w+ed)\b",
    re.IGNORECASE,
)


def asked_at(text: str, at: int) -> bool:
    """The clock time at ``at`` belongs to the request's own verb phrase ("could you pick
    up the cake at 6?", "please call the client at 2")."""
    lo = clause_start(text, at)
    asks = list(_REQUEST_HEAD.finditer(text, lo, at))
    return bool(asks) and _OTHER_CLAUSE.search(text, asks[-1].end(), at) is None


_ASK_AFTER: Final = re.compile(
    r"\b(?:please|could you|can you|would you|will you|if you|when you|you|how about"
    r"|what about|let me know|does|would|could|can|shall"
    r"|if we|could we|can we|we could|we can|let['’]?s)\b",
    re.IGNORECASE,
)
_JOIN_AFTER: Final = re.compile(
    r"\b(?:join (?:me|us)|come (?:along|with|too|over)|want to come|like to come|be there"
    r"|make it|you in|care to join|tag along)\b",
    re.IGNORECASE,
)


def moved(text: str, start: int, end: int) -> bool:
    """The day is the new date of something moved or extended ("move my lunch with Bob to
    the 28th", "make the return on Sunday earlier", "set my last day after December 9"),
    and not a meeting with the reader ("can we move our call to Wednesday?")."""
    lo = max(0, start - 100)
    found = _MOVED_TO.match(text, lo, start) if _MOVE_WORD.search(text, lo, start) else None
    if found is not None:
        what = found.group("what")
        if found.group("verb").lower().startswith("set") and not _DATE_WORD.search(what):
            return False  # "set up the briefing for Tuesday" is a meeting ask
        head = text[clause_start(text, start) : found.start("what")]
        return not (_OURS.search(head) and _MEET_WORD.search(what))
    return _COMPARATIVE.match(text, end) is not None


def booked(text: str, start: int) -> bool:
    """The day is the date of a booking ("book me on the 6pm flight on Friday")."""
    lo = max(0, start - 100)
    found = _BOOKED.match(text, lo, start) if _BOOK_WORD.search(text, lo, start) else None
    return found is not None and _BOOK_TIME.match(found.group("what")) is None


# "hold off sending the invoice until Friday", "please don't send anything before Monday":
# the day something may start, not when it is due
_HOLD: Final = re.compile(
    r"\b(?:hold off|hold on|wait|don['’]t|do not|not|never|no need to)\b", re.IGNORECASE
)
_NEXT_CLAUSE: Final = re.compile(r"\b(?:and|but|so|then|because)\b", re.IGNORECASE)


def held_back(text: str, start: int) -> bool:
    """The clause before ``start`` holds something back until the day that follows."""
    found = list(_HOLD.finditer(text, max(clause_start(text, start), start - 60), start))
    return bool(found) and _NEXT_CLAUSE.search(text, found[-1].end(), start) is None
