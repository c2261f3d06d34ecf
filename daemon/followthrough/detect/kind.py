"""The kind of an ask: what the helper is asked to give, which decides the wording of every
draft ("thanks for letting me know" for an answer, "thanks for making time" for a meeting).

- **intro**: an introduction or a referral to someone ("intro to Acme's CTO", "put me in
  touch with", "refer me to").
- **approval**: a yes/no decision or permission that only the reader can give ("do you
  have a problem with me leaving early", "let me know if it meets with your approval",
  "can I extend the contract", "sign off on the plan").
- **favour**: a personal or standing kindness, done for the writer rather than for the work
  ("copy me on future e-mails", "promise me you won't tell", "keep me posted", "cover my
  shift", "water the plants", "attend the meeting for me").
- **meeting**: time together with the writer ("do you have time to sit and discuss",
  "would you like to join us for dinner", "give me a call to discuss X", "are you free").
  A call or a meeting the reader only *arranges*, or holds with someone else, is an action
  ("set up this meeting for me", "call him to discuss").
- **info**: an answer the reader has ("did you get the tickets?", "what is the status of
  X?", "let me know what you think", "any ideas?").
- **action**: anything else the reader is asked to do ("review the deck", "send me the
  invoice").

``decide_kind`` reads the whole sentence, not only the verb phrase the phrase model found
(often none, for a question or a long sentence), and falls back to the kind that phrase
structure gave (``proposed``). ``kind_of_vp`` is the kind a bare verb phrase has, used by
the phrase model while it reads a sentence.

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.sharing import SHARED
from followthrough.detect.words import _set, is_verb

KINDS: Final = ("action", "info", "meeting", "intro", "approval", "favour")
MAX_TEXT: Final = 4000  # a calendar description is read this far (as the phrase model reads it)

# What each kind means, as `show` says it.
KIND_MEANING: Final = {
    "action": "something to do",
    "info": "an answer or information",
    "meeting": "time together: a call or a meeting",
    "intro": "an introduction or referral",
    "approval": "a decision or permission",
    "favour": "a personal or standing favour",
}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# ---- a bare verb phrase ("review the deck", "call me") ----------------------------------

_INTRO_VERB: Final = frozenset(["introduce", "connect", "refer", "intro"])
_APPROVAL_VERB: Final = frozenset(["approve", "authorize", "authorise", "decide", "okay", "ok"])
_FAVOUR_VP: Final = _rx(
    r"^(?:keep (?:me|us) (?:posted|updated|informed|in the loop)|cover|mentor|sponsor|water"
    r"|feed|babysit|pet-?sit|house-?sit|look after|help me move|keep an eye|lend|loan"
    r"|mc|emcee|be my (?:mentor|sponsor|reference)|promise)\b"
)
_MEETING_VP: Final = _rx(
    r"^(?:give (?:me |us )?a (?:call|ring|buzz)|call (?:me|us)|phone me|ring me"
    r"|meet|get together|join\b|have (?:lunch|coffee|dinner)"
    r"|grab (?:lunch|coffee|dinner|a coffee)|catch up|chat|speak with|talk|sit down"
    r"|walk (?:me|us) through|attend(?! to)|be there|see (?:me|us)"
    r"|do (?:lunch|coffee|dinner|drinks))\b"
)
_MEETING_VERB: Final = _set(
    "meet get together talk chat discuss call catch grab have join speak sit go come "
    "lunch pair walk visit phone set schedule arrange"
)
_INFO_VP: Final = _rx(
    r"^(?:(?:tell|let) (?:me|us)|advise|confirm|explain|suggest|recommend)\b"
    # what the reader knows, passed on: "share any data", "share some clear examples"
    rf"|^share (?:any|some|your) (?:[\w-]+ ){{0,3}}?(?:{'|'.join(SHARED.split())})\b"
)


def kind_of_vp(base: str, frame: str) -> str:
    """The kind of a bare verb phrase, given how it was asked (``frame``: "base" for "could
    you …", "we" for "let's …" / "we should …")."""
    low = base.lower()
    verb = low.split()[0] if low else ""
    if verb in _INTRO_VERB or rx.match(r"^(?:put|get) (?:me|us) in touch\b", low):
        return "intro"
    if verb in _APPROVAL_VERB or rx.match(
        r"^(?:sign off|give (?:me|us) the go-ahead|okay|ok)\b", low
    ):
        return "approval"
    if _FAVOUR_VP.match(low):
        return "favour"
    if _MEETING_VP.match(low):
        return "meeting"
    if frame in ("we", "may we") and verb in _MEETING_VERB:
        return "meeting"
    if _INFO_VP.match(low):
        return "info"
    return "action"


# ---- the whole sentence ------------------------------------------------------------------

_INTRO: Final = _rx(
    r"\b(?:introduce (?:me|us|yourself)|introductions?\b|intros?\b|put (?:me|us) in touch"
    r"|connect (?:me|us)\b|refer (?:me|us)\b|referrals?\b|referred to)"
)

# The writer asks which of their own moves the reader prefers: an answer, not a meeting.
_PREFERENCE: Final = _rx(
    r"\b(?:would you (?:like|prefer|rather) (?:me|that i|i|we)\b|do you want me|should i|shall i"
    r"|(?:should|shall) we(?! (?:meet|talk|speak|chat|get together|catch up|have (?:lunch|dinner"
    r"|coffee|breakfast|drinks))\b)|do you prefer)\b[^?]*\bor\b"
)
_ADVICE: Final = _rx(r"^(?:\W*[\w.'-]+[,:]\s*)?(?:do|does) (?:we|i) (?:really )?need to\b")

_APPROVAL: Final = _rx(
    r"\b(?:approv(?:e|es|al|ed)|sign[- ]?off|sign off on|go-?ahead|green ?light|permission"
    r"|authori[sz]\w*|your (?:blessing|ok|okay|consent)|(?:\w+'s|your|their|his|her) pick"
    r"|(?:have|has|see|foresee|be) (?:a|any) (?:problem|issue|objection|concern)s? with"
    r" (?:me|us|my|our|that|this|it|him|her)\b"
    r"|any objections?|(?:is|would) (?:it|that) be (?:ok|okay|alright|all right|fine)"
    r"|(?:is|would) it (?:be )?(?:ok|okay|alright|all right|fine)(?: with you)? (?:if|for|to)\b"
    r"|(?:are|would) you (?:be )?(?:ok|okay|fine) with"
    r"|(?:(?:do|would) )?(?:you )?mind if (?:i|we)\b|^(?:is it |is that )?ok(?:ay)? (?:to|if)\b"
    r"|(?:can|may|should|shall) (?:i|we) (?:still )?(?:proceed|go ahead)\b"
    r"|(?:whether|if) (?:i|we) (?:can|may|should) (?:still )?(?:proceed|go ahead)\b"
    r"|decision on|decide (?:on|whether|if|between))"
)
# "Can I extend the contract?": leave to do something (not "can I get the rates", which
# asks for a thing, nor "can I call you", a meeting)
_LEAVE: Final = _rx(
    r"(?:^|[,;:!?.]\s+|\b(?:so|but|and|also)\s+)(?:can|could|may|might|should|shall) (?:i|we)"
    r"(?: please| possibly| at least| still| just| also)*\s+"
    r"(?!(?:please|possibly|at|still|just|also|get)\b|have\b|ask\b|call\b"
    r"|give\b|meet\b|talk\b|speak\b|chat\b|schedule\b|set\b|grab\b|see\b|help\b|come\b"
    r"|stop\b|drop\b|swing\b|catch\b|sit\b|discuss\b|go\b(?! ahead)|start\b|find\b|do\b"
    r"|buy\b|borrow\b"
    r"|order\b|send\b|try\b|check\b|learn\b|turn\b|make\b|access\b|run\b|post\b)[a-z]+"
)

_FAVOUR: Final = _rx(
    r"\b(?:do (?:me|us) a (?:\w+ )?favou?r|(?<!in )favou?r\b(?! of)"
    r"|keep (?:me|us) (?:posted|updated|informed|in the loop)|loop (?:me|us) in"
    r"|promise (?:me|us)\b|(?:can|could|will|would) you promise|won't tell"
    r"|(?:do not|don't) tell anyone|keep (?:it|this) (?:between us|quiet|to yourself)"
    r"|(?:copy|cc|include) (?:me|my name)\b[^.?!]{0,30}\b(?:all|any|future)\b"
    r"|(?:in the future|going forward|from now on|as (?:[\w-]+ ){0,2}(?:come|comes|arise|arises)"
    r"(?: up)?)[^.?!]{0,30}\b(?:copy|cc|include|send)\b"
    # the writer will be away, and the reader stands in: "take the class while I'm on leave"
    r"|\b(?:please|pls|kindly|could you|can you|would you)\b[^.?!]*\b(?:in (?:the )?future"
    r"|going forward|from now on)\b"
    r"|while (?:i'm|i am|i'll be|i will be) (?:away|out|off|on (?:leave|vacation|holiday)"
    r"|travell?ing|abroad)\b|take over\b[^.?!]{0,40}\bwhile\b"
    # a hand with the writer's family: "teach my brother to …", "pick up the kids"
    r"|(?:help|teach|drive|take|tutor|watch|mind) (?:my|our) (?:little )?(?:brother|sister|mom"
    r"|mum|dad|mother|father|parents|kids|children|son|daughter|nephew|niece)\b"
    r"|(?:pick up|drop off|collect) (?:the|my|our) (?:kids|children|boys|girls)\b"
    r"|(?:attend|go|stand in|fill in|sit in|step in|speak|present|cover|be there)\b[^.?!]{0,40}"
    r"\b(?:for me|on my behalf|in my place)\b"
    r"|cover (?:for (?:me|us)|my|our|(?:the )?(?:standups?|shifts?|on-call)"
    r"|(?:the|a) (?:[\w-]+ ){1,2}"
    r"(?:visit|shift|meeting|call|class|session))"
    r"|mentor\b|sponsor (?:me|my)\b|babysit|pet-?sit|dog-?sit|cat-?sit|house-?sit"
    r"|water (?:the|my) plants|feed (?:the|my) \w+|look after|keep an eye on"
    r"|help (?:me |us )?mov(?:e|ing)|help (?:me|us) with (?:this|the|my) (?:matter|move)"
    r"|(?:a )?(?:ride|lift) (?:to|from|home)|give (?:me|us) a (?:ride|lift)"
    r"|borrow|lend (?:me|us)|loan (?:me|us)|(?:give|lend) (?:me|us) a hand|pick up my"
    r"|pick (?:me|us) up|(?:grab|get|bring|pick up) (?:me|us) (?:a|an|some) (?:coffee|sandwich"
    r"|lunch|tea|drink|snack|bagel|salad)|help (?:me|us) (?:carry|move|pack|lift|paint|unpack)"
    r"|\bmc\b|emcee"
    r"|host (?:the|a|our|my) (?:[\w-]+ )?"
    r"(?:dinner|party|lunch|event|offsite|meetup|visitors?|guests?|workshop|session)"
    r"|any help you (?:can|could) give)"
)

# Time together with the writer.
_MEETING: Final = _rx(
    r"\b(?:give (?:me|us) a (?:call|ring|buzz|shout)|give a call|call (?:me|us)\b"
    r"|phone (?:me|us)\b|ring (?:me|us)\b|(?:^|please,? )call\b(?!\s+(?:him|her|them|\w+ \w+)\b)"
    r"|you (?:folks |guys |all )?(?:will |can |could )?call me"
    r"|(?<!available )(?<!ready )(?:to|and|so (?:that )?(?:we|i) (?:can|could|may|shall))"
    r" (?:discuss|talk|chat|go over)\b"
    r"|(?:let's|lets|let us|we (?:can|could|should|need to|must|will need to|might)"
    r"|we(?:'ll| will| shall| are going to|'re going to))(?: you and (?:i|me))?(?: \w+)?"
    r" (?:discuss|talk|chat|meet|get together|catch up|sit down|have lunch)\b"
    r"|\bwe (?:still )?meeting\b"
    r"|discuss (?:it|this|that|things)? ?with (?:you|me|us)|talk (?:to|with) (?:you|me|us)\b"
    r"|speak (?:to|with) (?:you|me|us)\b|sit (?:down )?with (?:you|me|us)|sit and discuss"
    r"|meet (?:with )?(?:you|me|us)\b|meet (?:by|at|for|up|somewhere|this|next|today"
    r"|tomorrow)\b|meeting with (?:you|me|us)\b|request a meeting|(?:time|minutes?) for a"
    r" (?:quick |short |brief )?(?:meeting|call|chat)|get together|catch up|(?:a|quick) chat"
    r"|(?:are|r|were) you (?:\w+ )?(?:free|available)\b|(?:whether|if) you(?:'re| are| will be"
    r"|'ll be| would be|'d be) (?:still )?(?:free|available)\b|be available|have (?:some|any|a few)"
    r" (?:time|minutes)|(?:find|carve out|have) (?:a|some|the|an?) ?(?:half )?"
    r"(?:hour|time|minutes?)"
    r" to (?:discuss|talk|meet|chat)|(?:\d+|a few|ten|five|fifteen|thirty)(?:-\d+)?"
    r" ?min(?:ute)?s?\b[^.?!]{0,25}\b(?:call|chat|talk|walk|discuss)"
    r"|time-?slots?|(?:time|date|day|slot|afternoon|morning|evening|week|\w+day|tomorrow|today"
    r"|tonight|am|pm|a\.m|p\.m|\d(?::\d\d)?)\b[^.?!]{0,25}\b(?:works?|suits?|would work"
    r"|(?:is|be|are) (?:good|better|best|ok|okay|fine|convenient))(?: best| better)? (?:for )?you\b"
    r"|\b(?:would you (?:like|care)|do you want|wanna|be able|can you|could you|will you)(?: to)?"
    r" (?:come|go|make it)(?: over| along| out)? to (?:the|my|our|this|tonight's|[\w-]+'s)\s"
    r"|make it (?:over )?to (?:the|my|our|this|tonight's|[\w-]+'s)\s"
    r"|(?:do|would|will) you have (?:an?|half an|some|any|a few)(?: free| spare| few)? (?:hour"
    r"|minutes?|moment|time)\b(?! to (?!discuss|talk|meet|chat|catch up|go over|sit)\w)"
    r"|join (?:me|us)\b|see (?:me|us)\b|grab (?:me|us)\b(?! (?:a|an|some|the)\b)"
    r"|catch (?:you|me|us) up\b|come (?:and |to )?(?:see|explain|talk|show|visit|meet)\b"
    r"|(?:come|coming|go|going) (?:[\w-]+ ){0,2}with (?:\w+ and )?(?:me|us)\b"
    r"|call (?:back )?to (?:discuss|talk|de-?brief|go over|catch up|chat)\b"
    r"|(?:do|have|grab) (?:lunch|coffee|dinner|breakfast|drinks|a drink|a pint|a beer)\b(?! for)"
    r"|(?:please|pls|you should|can you|could you|will you|(?:want|need|like|ask) you to"
    r"|calendars? to|plan to) (?:\w+ )?(?:attend(?! to)|be there)\b"
    r"|drop by|come by|stop by|swing by|come up here|visit (?:us|me)\b|address the group"
    r"|(?:get|be|participate|dial) (?:on|in(?:to| to)?) (?:the|a|our) (?:\w+ )?call"
    r"|call-in or attend|conference call|walk (?:me|us) through|be interviewed"
    r"|(?:your|their) availability"
    r"|(?:(?:a|the) )?(?:good|convenient|best|better) time to (?:call|meet|talk|chat)"
    r"|(?:i|we) (?:\w+ ){0,2}call you\b"
    r"|(?:schedule|set up|arrange|have|hold) (?:a |an |the |our )?(?:[\w-]+ ){0,2}"
    r"(?:meeting|call)\b)"
)
# An occasion the writer shares with the reader; its name counts only where no task of
# another kind is asked ("order lunch for the team", "book the room for the panel").
_MEETING_EVENT: Final = _rx(
    r"\b(?:(?:lunch|dinner|breakfast|coffee|drinks?)\b(?! (?:room|order))|panel\b|podcast"
    r"|facilitate|(?:mock|practice) (?:[\w-]+ )?interview|interview prep|pairing session"
    r"|brainstorm|diving\b|dry run|rehearsal|walk-?through|war room|(?:guest |practice )?lecture"
    r"|practice (?:talk|pitch|session|round)|mock (?:[\w-]+)|1:1|one-on-one|\w+ presenting\b"
    r"|(?<!check )(?<!confirm )(?<!ask )\bw/ ?\w|(?:\+|&|/) ?me\b"
    r"|(?:speak|talk|present) (?:at|to) (?:my|our|the) (?:[\w-]+ )?"
    r"(?:class|team|group|students|meetup|event|conference|company|staff|offsite|all-hands|qbr)"
    r"|present\b[^.?!]{0,40}?\b(?:at|to) (?:our|the|a)\b)"
)
# The reader is only asked to arrange a meeting or to call someone else: an action.
_ARRANGE: Final = _rx(
    r"^(?:set up|setup|schedule|arrange|organi[sz]e|book|plan(?! to| on)|coordinate|invite|reserve"
    r"|make (?:a )?(?:reservation|booking)|send|forward|leave|confirm|prepare|follow up"
    r"|make contact|contact)\b"
)
_CALL_OTHER: Final = re.compile(
    r"^(?:[Pp]lease |[Pp]ls )?(?:call|phone|ring|give|talk to|speak (?:to|with)|meet(?: with)?)"
    r" (?:him|her|them|[A-Z][a-z]+)\b"
)

# An answer the reader has.
_INFO: Final = _rx(
    r"(?:^|[,;:!?.]\s+|\b(?:so|but|and|also|please)\s+)(?:let (?:me|us) know|tell (?:me|us)"
    r"|advise (?:me|us)?)\b"
    r"|\b(?:(?:(?:give|send) (?:me|us)|provide(?: me| us)?)(?: with)? (?:the |some |any |more )?"
    r"(?:particulars|details|information|info|specifics|rates|prices|pricing)"
    # a fact the reader already knows, not a thing they make: "your home address", "the Meta ID"
    r"|\b(?:give|send|e-?mail|text|tell|forward) (?:me|us) (?:the |your |that |this )?"
    r"(?:(?!an?\b)[\w#'-]+ ){0,2}?(?:address|(?:phone |cell |mobile )?number|id|insight|views?"
    r"|opinion|estimate|contact info|name|names)\b"
    r"|(?:your|any|some) (?:[\w-]+ ){0,2}?(?:thoughts|input|views|opinion|ideas|clues|suggestions"
    r"|advice"
    r"|hints?|pointers|tips)\b|(?:a|any) (?:brief |quick )?(?:hint|clue|idea)s?\b"
    r"|what you think|i (?:need|want|wanted|would like|'d like) to know"
    r"|\b(?:explain|clarify)(?: to (?:me|us))?(?: more| again)? (?:why|what|how)\b"
    r"|status of|where (?:it|things|we) stands?|help me (?:find out|understand|figure out)"
    r"|(?:drop|send|shoot) (?:me|us) a (?:quick )?(?:line|note)|ping (?:me|us) (?:when|if|once)"
    r"|rsvp)"
)
# The same, said by the sentence's form: "were you able to …?", "is it possible to …?"
_INFO_FORM: Final = _rx(
    r"\b(?:(?:any|some|your)(?: [\w-]+)? help(?:/\w+)?(?: on this| with this| here)?"
    r" (?:would be |is )?(?:much |greatly |really )?appreciated|help (?:me|us) (?:with |on )?how to"
    r"|were you able to|did you (?:get|receive|see|hear|manage|find)"
    r"|(?:anyone|anybody|someone|somebody) (?:know|knows|have|has|seen|tried|else)"
    r"|(?:has|have) (?:anyone|anybody)|are other people|if someone has"
    r"|(?<!let me )(?<!let us )(?:know|knows) (?:of )?(?:anyone|anybody|someone|somebody|a good"
    r"|any good)"
    r"|(?:can|could|may) i (?:get|have) (?:the |some |your |any )?(?:rates|prices|pricing|pics"
    r"|pictures|photos|details|particulars|information|info|specs))"
    r"|^(?:\W*[\w.'-]+[,:]\s*)?(?:is|was) (?:it|there) (?:\w+ )?(?:possible|a way|any way)"
    r"(?! (?:for you )?to (?:get|have|receive|obtain)\b)"
)
_AUX_WORDS: Final = (
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|has|have|had|may|might"
    r"|works?|'s|'re)\b"
)
_WH_QUESTION: Final = _rx(
    rf"^(?:\W*[\w.'-]+[,:]\s*)?(?:(?:what|which|whose|how much|how many)(?: [\w'-]+){{0,2}}"
    rf"|where|when|who|whom|why|how) {_AUX_WORDS}"
)
_YES_NO_QUESTION: Final = _rx(
    r"^(?:\W*\w+[,:]\s*)?(?:did|do|does|is|are|was|were|has|have|had)\s+"
    r"(?:you|we|they|it|there|this|that|the|your|anyone|anybody|someone|other)\b"
)
_REQUEST_QUESTION: Final = _rx(
    r"\b(?:can|could|would|will) you\b|\bwould you mind\b|\bplease\b|\bpls\b|\bkindly\b"
)


# "When would you like to go over X?", "what would be a good time to meet?": a question of
# when to meet is the meeting asked for, not information
_WHEN_TO_MEET: Final = _rx(
    r"^(?:\W*[\w.'-]+[,:]\s*)?(?:when|what would be (?:a |the )?(?:good |convenient |best )?"
    r"time)\b[^.?!]*?\b(?:meet|discuss|go over|talk|chat|catch up|get together|have (?:a |an )?"
    r"(?:lunch|dinner|coffee|breakfast|drinks?|pint))\b"
)


# A time or day offered for meeting: "how about 3:30 tomorrow?", "Thursday, usual time?",
# "is Friday better for you?", "can we try Monday at 10 am?"
_DAY: Final = (
    r"(?:(?:this|next) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow"
    r"|today|tonight|noon|\d{1,2}(?::\d\d ?(?:am|pm|a\.m\.|p\.m\.)?| ?(?:am|pm|a\.m\.|p\.m\.))"
)
_TIME_OFFERED: Final = _rx(
    rf"(?:^|[,;:]\s*|\bso\s+)(?:how|what) about (?:{_DAY})(?!\w)"
    rf"|^(?:\W*[\w.'-]+[,:]\s*)?(?:{_DAY})(?!\w)(?:,? (?:at |around )?(?:the )?(?:usual|same)"
    rf" (?:time|place)|,? (?:at|around) [\w:.]+)?\s*\?"
    rf"|\b(?:can|could|shall|should) we (?:try|do|say|make it|go with|aim for) (?:{_DAY})(?!\w)"
    rf"|\bis (?:{_DAY}) (?:\w+ )?(?:better|good|ok|okay|fine|convenient)\b"
)
# Whether the reader will be at an event is an answer ("let me know if you can attend"),
# not time asked of them.
_ATTENDANCE: Final = _rx(
    r"\b(?:let(?:ting)? (?:me|us) know|tell (?:me|us)|confirm|advise)\b[^.?!]{0,20}?"
    r"\b(?:whether|if) (?:you|your \w+)(?:'ll| will| can| could| plan to| would|'d| are going to)?"
    r"(?: be (?:able|available) to)? (?:attend|make it|be there)\b"
)
# A request for the reader's opinion after the task it is about: "read it through and let
# me know what you think" asks for the opinion.
_OPINION_TOO: Final = _rx(
    r"\b(?:and|then) (?:let (?:me|us) know|tell (?:me|us)|give (?:me|us)) (?:what you think"
    r"|your (?:thoughts|opinion|views|impressions?)|how you feel)"
)


# An answer asked of "anyone" on a list: what they know, or whether a thing can be done
# ("can anyone access the server?"); not a task done for the writer ("can someone
# translate this for me?").
_ANYONE: Final = _rx(
    r"\b(?:can|could|would|will) (?:anyone|anybody|someone|somebody)(?: \w+){0,4}?"
    r" (?:tell|explain|clarify|advise|suggest|recommend|point|confirm|shed|enlighten|help)\b"
    r"|\b(?:can|could|does|do) (?:anyone|anybody|someone|somebody)\b(?![^.?!]*\bfor (?:me|us)\b)"
    # "Anybody?", "Anyone care to guess what's up?"; not an invitation ("anyone want to go")
    r"|^\W*(?:anyone|anybody|someone|somebody)\b(?! (?:want|wanna|fancy|up for)\b)[^.!]*\?"
)
# What the writer says in passing after the ask: "so that we can discuss", "so I can get
# final approval". Its words name the writer's own plans, not the kind of the ask.
_PURPOSE: Final = _rx(
    r"\s(?:so (?:that )?(?:i|we|he|she|they|it) (?:can|could|may|will|would|might|shall)"
    r"|in order to)\b.*$"
)
# The reader may reply with comments: the answer is the point, not the call.
_COMMENTS: Final = _rx(
    r"\b(?:call|email|e-mail|ping|phone|contact|ring) (?:me|us) if you have (?:any )?"
    r"(?:comments|thoughts|feedback|input|changes|corrections)"
)
# "Ask Sam about the Denver role", "ask carmen re budget numbers": a question to put.
_ASK_ABOUT: Final = _rx(r"\bask(?: [\w'-]+){0,2}? (?:about|re:?|regarding)\s")
_CONFIRM: Final = _rx(
    r"\b(?:want|wanted|need|needed|like) to (?:confirm|check|verify|make sure|find out)"
    r" (?:that|whether|if|with you)\b"
)
_REQUEST_START: Final = _rx(
    r"^(?:\W*[\w.'-]+[,:]\s*)?(?:can|could|would|will) you(?: please| also| just| kindly)*"
    r" [a-z]"
)
# Verbs a reader uses to make time with the writer, or to arrange it: after them a
# meeting word anywhere in the sentence speaks of the ask itself.
_TIME_VERBS: Final = _set(
    "meet talk chat discuss call catch grab join speak sit come drop stop swing phone ring set "
    "setup schedule arrange plan find carve consider request participate attend dial walk "
    "present facilitate address entertain"
)


def _normal(text: str) -> str:
    s = " ".join(text.replace("\u2019", "'").split())
    s = rx.sub(r"https?://\S+|<?[^\s@<]{1,64}@[^\s@]+\.\w+>?", "", s)  # bounded: linear
    s = rx.sub(r"(?:^|\s)#\w+", " ", s)  # "#ask"
    s = rx.sub(r"\blet;s\b", "let's", s, flags=re.I)  # a typo for "let's"
    return " ".join(s.split())


def decide_kind(sentence: str, base: str = "", proposed: str = "action") -> str:
    """The kind of an ask, from the sentence that asked (for a calendar entry: the request
    in its description, else its title) and the verb phrase found in it (``base``, "" when
    none was), falling back to ``proposed``, the kind the phrase structure gave."""
    fallback = proposed if proposed in KINDS else "action"
    whole = _normal(sentence[:MAX_TEXT])
    vp = _normal(base[:MAX_TEXT])
    if not whole:
        return fallback
    s = _PURPOSE.sub("", whole) or whole
    # "Can you e-mail a copy?" is a request, not a question (said back as "let me know
    # whether you can e-mail a copy"); "would you rather do lunch?" is a question
    request = rx.match(r"^let (?:me|us) know whether you (?:can|could|would|will) (\w.*)$", vp)
    if (
        request is not None
        and _REQUEST_START.search(s)
        and is_verb(request.group(1).split()[0])
        and request.group(1).split()[0].lower() not in ("rather", "like", "prefer", "want")
    ):
        vp = request.group(1)
        fallback = kind_of_vp(vp, "base")
    if _INTRO.search(s):
        return "intro"
    if _PREFERENCE.search(s) or _ADVICE.search(s):
        return "info"
    if _APPROVAL.search(s) or (_LEAVE.search(s) and not _INFO_FORM.search(s)):
        return "approval"
    if _ASK_ABOUT.search(s):
        return "info"
    if _favour_is_aside(vp):
        fallback = "action" if fallback == "favour" else fallback
    elif _FAVOUR.search(s):
        return "favour"
    if _COMMENTS.search(s) or _CONFIRM.search(s) or _ANYONE.search(s) or _INFO_FORM.search(s):
        return "info"
    if _ATTENDANCE.search(s):
        return "info"
    if _WHEN_TO_MEET.search(s) or _TIME_OFFERED.search(s):
        return "meeting"
    asked = _asked_words(s, vp)
    if _WH_QUESTION.search(s) and not rx.search(
        r"^(?:\W*\w+[,:]\s*)?(?:how|what) about\b|^(?:\W*\w+[,:]\s*)?why (?:don't|not)\b"
        r"|^(?:\W*\w+[,:]\s*)?(?:when|where) (?:can|could|shall|should) we\b",
        s,
        re.I,
    ):
        return "info"
    arranged = _arranged_only(vp, s)
    if asked is vp:  # "redraft the invoice and call me": the first thing asked decides
        asked = rx.split(r",|\s(?:and|then)\s", vp, maxsplit=1)[0]
    # "You coming to dinner with us?" is said back as "let me know whether …": its own words
    # say whether time together is asked
    said_back = rx.match(r"let (?:me|us) know (?:whether|if) ", vp, re.I) and not rx.search(
        r"\b(?:let|letting) (?:me|us) know\b", s, re.I
    )
    meeting = (
        _MEETING.search(asked) is not None
        or bool(said_back and _MEETING.search(s))
        or (asked is s and _MEETING_EVENT.search(s) is not None)
        or bool(vp and _MEETING_VP.match(vp))
    )
    if meeting and not arranged:
        return "meeting"
    if arranged and fallback == "meeting":
        fallback = "action"
    if _INFO.search(asked) or (vp and _OPINION_TOO.search(s)):
        return "info"
    if vp:
        if vp.lower().startswith(("let me know", "let us know")):
            return "info"
        return kind_of_vp(vp, "base") if fallback == "info" else fallback
    if _REQUEST_START.search(s):
        return "action"
    if _YES_NO_QUESTION.search(s) or ("?" in s and not _REQUEST_QUESTION.search(s)):
        return "info"
    return fallback


def _asked_words(s: str, vp: str) -> str:
    """Where the cues of a meeting or a question are looked for: the whole sentence, unless
    the verb phrase asked for is a task of its own ("redraft the invoice", "let me know
    which companies …"), when only its words are."""
    if not vp:
        return s
    verb = vp.split()[0].lower()
    if verb in _TIME_VERBS or vp.lower().startswith(("let's", "lets")):
        return s
    said = rx.search(
        r"\blet (?:me|us) know\b[^.!?;]*?(?=\s+(?:and|so|but|then|maybe) (?:i|we)\b|[.!?;]|$)",
        s,
        re.I,
    )
    if said is not None and vp.lower().startswith(("let me know", "let us know")):
        return said.group(0)  # its own words, not the clause trimmed of "tomorrow morning"
    return vp


def _favour_is_aside(vp: str) -> bool:
    """ "Keep me in the loop and get MKM's group in": the favour is said in passing, and
    the ask is the action after it."""
    m = rx.match(r"^keep (?:me|us) (?:posted|updated|informed|in the loop) and (\w+)", vp, re.I)
    return m is not None and m.group(1).lower() not in ("let", "tell")


def _arranged_only(vp: str, s: str) -> bool:
    """Whether the reader is only asked to arrange a meeting, or to meet or call someone
    else ("set up this meeting for me", "call him to discuss", "talk to Bill"); not when
    the writer arranges it with them ("can we schedule a call")."""
    if not vp or rx.search(
        r"\b(?:be available|with (?:me|us)|and me|availability|good time to)\b", vp, re.I
    ):
        return False
    verb = re.escape(vp.split()[0])
    if rx.search(rf"\b(?:we|let's|lets|let us|i)\b(?: [\w']+){{0,4}}? {verb}\b", s, re.I):
        return False
    if _CALL_OTHER.match(vp) and not rx.match(r"^(?:call|give|phone|ring) (?:me|us)\b", vp, re.I):
        return True
    if rx.match(r"^(?:find|get|book|pick)\b[^.?!]*\bfor (?:me|us) to\b", vp, re.I):
        return True  # "find a time with Lew for me to have dinner": arranged for the writer
    return _ARRANGE.match(vp) is not None
