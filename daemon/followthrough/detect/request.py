"""Find the ask in a sent message: which sentence asks, what for, by when, and of whom.

``score_sentence`` is a small logistic regression (weights in ``intent_weights.json``,
rebuilt by ``tools/train_intent.py``) over words, word pairs and the hand-written rules
of ``features``; it says how likely one sentence is a request or intent. The rest is
plain rules: sentences are taken only from the new text of the message, a sentence that
asks nothing of the reader (proposals, the writer's own commitments, conditional offers,
marketing) keeps only half its score and a plain request form to the reader keeps at
least 0.5 (``_ask_confidence``), the best one wins, and its deadline, summary and
addressee are read off its words.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Final, Literal

from followthrough.detect.deadline import Deadline, parse_deadline
from followthrough.detect.features import (
    _IMPERATIVE,
    _TOKEN,
    gate_parts,
    model_features,
    sentence_features,
    sentence_parts,
)
from followthrough.detect.segment import segment_text
from followthrough.errors import FollowthroughError
from followthrough.model import Address

FLOOR: Final = 0.2
WEIGHTS_FILE: Final = "intent_weights.json"
WEIGHTS_FORMAT: Final = 3  # tools/train_intent.py FORMAT_VERSION


@dataclass(frozen=True, slots=True)
class RequestHit:
    """The sentence of a message that asks, and what was read from it."""

    sentence: str
    rules: tuple[str, ...]  # e.g. ("modal-you:could you", "deadline:by Friday")
    confidence: float  # 0..1
    what: str  # "review the Q3 deck": no "could you", no deadline words, no "?"
    deadline: Deadline | None
    addressees: tuple[str, ...]  # ("Bob",) in "Bob, could you…"; ("Bob", "Ann") in "Bob and Ann, …"


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    raw = resources.files("followthrough.detect").joinpath(WEIGHTS_FILE).read_text("utf-8")
    data = json.loads(raw)
    if data.get("format") != WEIGHTS_FORMAT:
        raise FollowthroughError(
            f"{WEIGHTS_FILE}: format {data.get('format')!r}, expected {WEIGHTS_FORMAT}",
            ["rebuild it with tools/train_intent.py"],
        )
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"])


def _probability(feats: list[str]) -> float:
    weights, bias = _model()
    z = bias + sum(map(weights.get, set(feats), repeat(0.0)))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def _score(sentence: str) -> tuple[float, list[str], list[tuple[str, str]]]:
    """The model's probability, the features and every rule hit (id, matched words)."""
    feats, hits = sentence_features(sentence)
    return _probability(feats), feats, hits


def score_sentence(sentence: str) -> tuple[float, tuple[str, ...]]:
    """How likely ``sentence`` asks for (or proposes) something, 0..1, and the rules that
    fired ("rule-id:matched words"; only rules the model counts in favour)."""
    p, _, hits = _score(sentence)
    weights = _model()[0]
    rules = tuple(f"{rid}:{words}" for rid, words in hits if weights.get("r:" + rid, 0.0) > 0)
    return p, rules


# ---- sentences ---------------------------------------------------------------------

_ABBREV: Final = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|e\.g|i\.e|approx|inc|ltd|co|no|fig|ca|re)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)
_BOUNDARY: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9@])")
_BULLET: Final = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_PARAGRAPH: Final = re.compile(r"\n[ \t\u00a0]*\n")
_GREETING_LINE: Final = re.compile(
    r"^\s*(?:hi|hey|hello|dear|good (?:morning|afternoon|evening)|greetings)\b"
    r"[^.?!]{0,40}[,!:]?\s*$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text: paragraphs and bullets apart, wrapped lines joined."""
    return [s for s, _ in _sentences(text)]


_SHORT_LINE: Final = 40  # a line this short that ends without punctuation was not wrapped


def _sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, paragraph number) of plain text. Whitespace is normalised first (tabs,
    no-break spaces, runs of spaces); a line is joined to the one before it only when that
    one was wrapped: it does not end a sentence and is not a short line followed by a
    capital ("Any ideas" / "Thanks" stay apart)."""
    out: list[tuple[str, int]] = []
    for number, para in enumerate(_PARAGRAPH.split(text)):
        lines = [" ".join(ln.split()) for ln in para.split("\n")]
        chunks: list[str] = []
        last_len = 0
        for ln in lines:
            if not ln:
                continue
            if (
                chunks
                and not chunks[-1].endswith((".", "?", "!", ":"))
                and not (
                    last_len < _SHORT_LINE and ln[:1].isupper() and not chunks[-1].endswith(",")
                )
                and not _BULLET.match(ln)
                and not (len(chunks[-1]) < 60 and _GREETING_LINE.match(chunks[-1]))
            ):
                chunks[-1] += " " + ln
            else:
                chunks.append(_BULLET.sub("", ln))
            last_len = len(ln)
        for chunk in chunks:
            pieces = _BOUNDARY.split(chunk)
            merged: list[str] = []
            for piece in pieces:
                if merged and _ABBREV.search(merged[-1], max(0, len(merged[-1]) - 12)):
                    merged[-1] += " " + piece
                else:
                    merged.append(piece)
            out.extend((p.strip(), number) for p in merged if p.strip())
    return out


# ---- what, addressees ----------------------------------------------------------------

_NOT_NAMES: Final = frozenset(
    [
        "also",
        "so",
        "however",
        "please",
        "yes",
        "no",
        "ok",
        "okay",
        "hi",
        "hey",
        "hello",
        "well",
        "guys",
        "folks",
        "all",
        "team",
        "everyone",
        "thanks",
        "thank",
        "sorry",
        "and",
        "but",
        "or",
        "then",
        "now",
        "today",
        "tomorrow",
        "again",
        "dear",
        "fyi",
        "note",
        "ps",
        "btw",
        "anyway",
        "first",
        "second",
        "finally",
        "plus",
        "meanwhile",
        "otherwise",
        "actually",
        "great",
        "sure",
        "good",
        "cool",
        "unfortunately",
        "hopefully",
        "ideally",
        "alternatively",
        "additionally",
    ]
)
_LEAD_NAME: Final = re.compile(
    r"^\s*(?:(?i:hi|hey|hello|dear)\s+)?([A-Z][a-zA-Z'-]+)(?:\s+[A-Z][a-zA-Z'-]+)?\s*[,:–-]\s+"
)
# "Bob and Ann, …", "Bob, Ann & Carl: …"
_LEAD_NAMES: Final = re.compile(
    r"^\s*(?:(?i:hi|hey|hello|dear)\s+)?((?:[A-Z][a-zA-Z'-]+\s*,\s*)*[A-Z][a-zA-Z'-]+"
    r"\s+(?:and|&)\s+[A-Z][a-zA-Z'-]+)\s*[,:–-]\s+"
)
_MENTION: Final = re.compile(r"(?<![\w.])@([A-Z][a-zA-Z'-]+)\b")
_TAIL_NAME: Final = re.compile(r",\s*([A-Z][a-zA-Z'-]+)\s*[?.!]*\s*$")
_ASK_LEAD: Final = re.compile(
    r"^(?:(?:and|also|so|but|ok|okay|hi|hey|btw|ps|p\.s\.)\b\s*[,—–-]?\s+)*"
    r"(?:(?:quick|one|small|last) (?:one|question|thing|request|favou?r|more thing)\s*[:,–-]\s*)?"
    r"(?:(?:when|whenever|if) (?:you|u) (?:get|have|find) (?:a|the|some) (?:chance|moment|minute"
    r"|sec|second|time)\s*,?\s+)?"
    r"(?:(?:i was|i am|i'm|we were|we are|we're|just|i|we)\s+)?"
    r"(?:(?:wondering|hoping|wonder|hope)\s+(?:if|whether|that)\s+(?:you|u)\s+"
    r"(?:could|can|would|might)"
    r"|(?:would it be|is it) possible (?:for (?:you|u) )?to"
    r"|(?:wanted|want|am writing|would like|need) to (?:ask|know|check|see|inquire|find out)"
    r" (?:if|whether) (?:you|u) (?:could|can|would|might|will)?"
    r"|(?:you|u) (?:should|might want to|may want to|need to)"
    r"|(?:is there )?any chance (?:(?:you|u) (?:could|can|would|might)|of (?:you|u))"
    r"|(?:i|we)(?:'d| would)\s+(?:really\s+)?(?:appreciate|love|like)\s+(?:it\s+)?"
    r"(?:if\s+)?(?:you\s+)?(?:could\s+|would\s+|can\s+|to\s+)?"
    r"|(?:i|we)\s+(?:need|want)\s+(?:you\s+)?(?:to\s+)?"
    r"|(?:would|do)\s+you\s+mind"
    r"|(?:do you think|is there any (?:chance|way))\s+(?:you\s+)?(?:could|can|would)"
    r"|(?:could|can|would|will|might)\s+(?:you|u|someone|somebody|anyone)"
    r"(?:\s+(?:two|both|all|guys|folks))?"
    r"(?:\s+(?:from|on|in) (?:your|the|our) (?:team|side|group|end))?"
    r"|(?:would|'d) (?:really )?(?:love|appreciate)(?= your\b)"
    r"|(?:(?:a |just a )?(?:gentle|friendly|quick) )?reminder to"
    r"|mind(?= \w+ing\b)"
    r"|do (?:you|u) have (?:a (?:few|couple of) |some |\d+ |a )?(?:minutes?|mins?|time|sec"
    r"|second|moment)(?: (?:today|tomorrow|this week))?(?: to)?"
    r"|it would be (?:great|helpful|nice|good) if you could"
    r"|if (?:you|u) (?:could|can|would)"
    r"|(?:please|pls|plz|kindly))"
    r"(?:\s+(?:please|kindly|possibly|quickly|maybe|perhaps|also|just))*"
    r"(?:\s+(?:be able|be willing|have time|find time|manage) to)?\s*",
    re.IGNORECASE,
)
_TAIL_JUNK: Final = re.compile(
    r"(?:[\s,;:-]+(?:please|pls|thanks|thank you|thx|for me|if possible|if you can"
    r"|when you (?:get|have) a (?:chance|moment|minute|sec|second)|as well|too|at the latest"
    r"|(?:that|it|this)(?: would|'d) be (?:great|helpful|wonderful|amazing|perfect|a big help)"
    r"|(?:that|it|this) would help))+[\s?.!]*$"
    r"|[\s?.!,;:]+$",
    re.IGNORECASE,
)


_DEADLINE_WORD: Final = re.compile(
    r"(?:by|before|until|till|no later than|not later than|due|eod|cob|end of|in|within)\b",
    re.IGNORECASE,
)


def _addressees(sentence: str) -> tuple[str, ...]:
    """The people the sentence speaks to by name: "Bob, …", "Bob and Ann, …", "…, Bob?",
    "@Bob"."""
    m = _LEAD_NAMES.match(sentence)
    if m is not None:
        names = tuple(re.split(r"\s*(?:,|\band\b|&)\s*", m.group(1)))
        names = tuple(n for n in names if n and n.lower() not in _NOT_NAMES)
        if len(names) > 1:
            return names
    for pattern in (_LEAD_NAME, _TAIL_NAME):
        found = pattern.search(sentence)
        if found is not None and found.group(1).lower() not in _NOT_NAMES:
            return (found.group(1),)
    return tuple(dict.fromkeys(_MENTION.findall(sentence)))


def _summarize(sentence: str, deadline: Deadline | None, addressees: tuple[str, ...]) -> str:
    s = sentence.strip()
    if addressees:
        for lead in (_LEAD_NAMES, _LEAD_NAME):
            if lead.match(s):
                s = lead.sub("", s, count=1)
                break
        s = re.sub(rf",\s*{re.escape(addressees[0])}\s*([?.!]*)\s*$", r"\1", s)
        s = _MENTION.sub("", s).strip().lstrip(",:;–- ")
    if deadline is not None and deadline.phrase and deadline.phrase in s:
        at = s.index(deadline.phrase)
        tail = s[at + len(deadline.phrase) :].strip(" ?.!,")
        moved_to = re.search(r"\bto\s*$", s[:at]) is not None  # "move our 1:1 to Wednesday"
        if not moved_to and (
            _DEADLINE_WORD.match(deadline.phrase) or not tail or deadline.kind != "date"
        ):
            # "join the call on Thursday": the weekday goes, and so does its "on"
            head = re.sub(r"\s+(?:on|this|this coming|coming)\s*$", "", s[:at], flags=re.I)
            s = head + " " + s[at + len(deadline.phrase) :]
    s = _ASK_LEAD.sub("", s, count=1)
    s = re.sub(r"\s{2,}", " ", s)
    prev = None
    while prev != s:
        prev = s
        s = _TAIL_JUNK.sub("", s).strip()
    if s[:1].isupper() and not s[:2].isupper() and not re.match(r"I\b", s):
        s = s[0].lower() + s[1:]
    if len(s) > 80:
        cut = s[:80].rsplit(" ", 1)[0]
        s = cut.rstrip(",;:-") + "…"
    return s


# ---- the whole message ---------------------------------------------------------------

_SELF: Final = re.compile(r"^\W*(?:i|we)(?:'ll| will| am going to| shall)\b", re.IGNORECASE)
_YOU_ASK: Final = frozenset(
    (
        "modal-you",
        "please",
        "let-me-know",
        "want-you",
        "appreciate-if",
        "call-me",
        "wondering",
        "indirect",
        "you-should",
        "wish-ask",
    )
)
_PLEASE_FYI: Final = re.compile(
    r"\b(?:please|pls|kindly) (?:note|find|see attached|be (?:advised|assured|aware)|refer"
    r"|ignore|disregard|keep this|retain this|maintain confidentiality|consider the environment"
    r"|excuse|forgive|pardon|accept (?:my|our))\b"
)
# Conditional offers: a condition on the reader's needs, questions, problems or interest
# ("if you have any questions", "should you need anything", "in case there are problems",
# "if I can be of any help", "if you'd like a copy"); with a way to reach the writer
# ("let me know", "call me", "feel free", "don't hesitate") they offer, they do not ask.
_OFFER_IF: Final = re.compile(
    r"\b(?:if|should|in case|whenever|when|once)\b[^.?!;]{0,30}?"
    r"(?:\b(?:you|u)(?:'d| would| do| should| ever)? (?:like|want|wish|prefer|care|be interested"
    r"|are interested|'re interested|are ever|'re ever|get stuck|run into|come across|hit"
    r"|encounter|see any|find any|notice any|spot any|experience|require|need)\b"
    r"|\b(?:questions?|concerns?|comments?|thoughts|feedback|suggestions?|problems?|issues?"
    r"|trouble|difficult\w*|anything"
    r"|something|assistance|further|clarification|interest(?:ed)?)\b"
    r"|\bi can (?:be of )?(?:any |some )?(?:help|assist|further|more)"
    r"|\b(?:any|further|more|additional) (?:help|info|information|details|assistance)\b)"
    r"|\b(?:for|with) (?:any|more|further|additional) (?:questions|information|info|help|support"
    r"|details|assistance|comments|concerns)\b"
    r"|\b(?:any|questions or) (?:questions|comments|concerns)\b"
)
_CONTACT: Final = re.compile(
    r"\blet (?:me|us|him|her|them) know\b|\b(?:give|gimme) (?:me|us) a (?:call|ring|shout|buzz"
    r"|holler|bell)\b|\b(?:call|contact|e-?mail|ping|phone|ring|text|reach|write|ask) (?:me|us)\b"
    r"|\bdrop (?:me|us) a (?:line|note)\b|\bget in touch\b|\breach out\b|\bfeel free\b"
    r"|\b(?:don't|do not|dont) hesitate\b|\bi(?:'m| am| will be| would be|'d be|'ll be)"
    r" (?:happy|glad|available|around|pleased)\b|\bhappy to (?:help|discuss|answer|chat|talk)"
    r"|\bcome (?:see|find|talk to) (?:me|us)\b|\bjust ask\b|\bsend (?:them|it) (?:my|our) way\b"
    r"|\b(?:i|we) can be reached\b|\bsee (?:me|us)\b|\bgive (?:me|us) a (?:shout|yell)\b"
    r"|\b(?:questions|comments)\b[^.?!]{0,20}\b(?:welcome|appreciated)\b"
    r"|\bsend (?:me|us) (?:an? )?(?:e-?mail|note|message|line|word)\b"
    r"|\b(?:please )?(?:contact|call|e-?mail|ask|talk to|speak to|speak with|phone) (?:[a-z]+ )?"
    r"(?:at|on|via|directly)\b|\bplease (?:contact|call|e-?mail|ask|talk to|speak to|see)\b"
)
# A request of another kind beside the offer ("could you review it and let me know if you
# have questions"): then the sentence is an ask after all.
_OTHER_ASK: Final = re.compile(
    r"\b(?:could|can|would|will) (?:you|u|someone|anyone)(?: please| kindly| also| just)?"
    r" (?!(?:let|call|contact|give|feel|e-?mail|ping|reach|drop|ask|get back|write|text|also let)"
    r"\b)[a-z]+"
    r"|(?:^|[,;:] )(?:please |kindly )?(?:review|send(?! (?:me|us) (?:an? )?(?:e-?mail|note"
    r"|message|line|word))|sign|approve|confirm|check|forward|update"
    r"|fill|complete|return|submit|book|schedule|read|look|print|fax|prepare|draft|reply|answer"
    r"|respond|decide|pick|choose|bring)\b"
)
# Social lines and sign-offs, in their common forms: thanks, wishes, greetings, "talk to
# you Monday", "hope this helps", "how are you?", "see you there".
_SOCIAL: Final = re.compile(
    r"^\W*(?:(?:and |but |so |ok,? |p\.?s\.? )?(?:thanks|thank you|thx|ty|tia|many thanks|cheers"
    r"|regards|best|sincerely|yours|love|take care|all the best|best wishes|kind regards"
    r"|warm regards|have (?:a|an) (?:\w+ )?(?:day|weekend|week|trip|flight|time|holiday|vacation"
    r"|evening|night|one|christmas|thanksgiving|summer|break)|have fun|enjoy|good luck"
    r"|best of luck|congrat\w*|happy (?:birthday|holidays|new year|thanksgiving|easter"
    r"|friday|monday|hunting)|merry|welcome (?:back|aboard|to)|safe travels|get well"
    r"|(?:i |we )?hope (?:this|that|it|you|all|everything|your|things|the|u)\b"
    r"|hope (?:this|that) helps|(?:talk|speak|chat) (?:to|with) (?:you|u|ya)|ttyl"
    r"|see (?:you|ya|u)\b|(?:i |we )?look(?:ing)? forward to|(?:it was |it's )?(?:nice|good|great)"
    r" (?:to (?:see|meet|hear|talk|chat|catch)|seeing|meeting|talking|hearing|catching)"
    r"|glad (?:to hear|you|it)|sorry (?:for|about|to hear|i|we|it|that)|my apologies"
    r"|apologies for|keep up the good work|well done|nice work|great (?:job|work)"
    r"|say (?:hi|hello) to|give my (?:best|regards|love) to|how (?:are|r) (?:you|u|things"
    r"|ya)|how (?:have you been|was (?:your|the)|is (?:the family|everyone|life|your)"
    r"|are things|is it going|'s it going|did (?:it|the) go|goes it)|what's up|long time no"
    r"|let(?:'s| us) (?:keep|stay) in touch|(?:we|you) should (?:get together|catch up|grab)"
    r"|let me know how (?:it|things|the|your) (?:goes|went|go)|bye|later|ciao|xo))\b"
)
_SIGN_OFF_NAME: Final = re.compile(r"^\W*(?:thanks|regards|cheers|best)\W+[A-Z]?[a-z'.-]+\W*$")
# Contact details on their own: "call me anytime", "you can reach me at 713-555-0100".
_CONTACT_ONLY: Final = re.compile(
    r"^\W*(?:(?:please |just |feel free to )?(?:call|ring|phone|text|email|e-mail|ping) (?:me|us)"
    r" (?:anytime|any time|whenever|on|at)\b|(?:you|u) (?:can|may|could) (?:reach|call|contact"
    r"|email|e-mail|find) (?:me|us)\b|(?:i|we) (?:can|may) be (?:reached|contacted|found)\b"
    r"|(?:questions|any questions|comments|any comments)\W*$|(?:my|our) (?:cell|mobile|phone"
    r"|number|direct line|email) is\b|drop (?:me|us) a line (?:if|when|whenever)"
    r"|if (?:you're|you are) ever in\b)"
)
# Requests without "you", to a group, and questions without "?" (issue 17): a person reads
# each as an ask.
_NO_YOU_ASK: Final = re.compile(
    r"\b(?:your|any|some) (?:[a-z'-]+ ){0,3}(?:comments?|feedback|input|thoughts|help"
    r"|assistance|advice|suggestions?|ideas?|views?|opinions?|responses?|reply|replies|answers?"
    r"|insights?|guidance|pointers?|hints?|tips?|recommendations?|confirmation|approval|support"
    r"|corrections?|reactions?|review)\b[^.?!]{0,40}?\b(?:would|will|is|are|'d|be)"
    r"(?: be| also| very| much| greatly| really| most| all)* (?:appreciated|welcome[d]?"
    r"|helpful|useful|invaluable|great|gratefully received)\b"
    r"|\bwould be (?:much |greatly |very much |most |really |hugely )?appreciated\b"
    r"|\b(?:i|we)(?:'d| would| will| do)? (?:really |very much |much |greatly |always )?"
    r"(?:welcome|appreciate|value) (?:your|any|some)\b"
    r"|\b(?:i|we)(?:'d| would| am| are|'m|'re)(?: be)?(?: very| really| most| particularly)?"
    r" (?:interested in|keen to (?:hear|know|get)|eager to (?:hear|know)|curious to (?:hear|know)"
    r"|grateful for) (?:your|any|hearing|what you|how you)\b"
    r"|\b(?:we|i)(?: are| am|'re|'m)? (?:asking|requesting|request|ask) (?:that |all of |each of )?"
    r"(?:you|all|everyone|each|every)\b"
    r"|\b(?:you are|you're|all (?:staff|employees) are|everyone is) (?:kindly |hereby )?"
    r"(?:requested|asked|reminded|required) to\b"
)
_GROUP_ASK: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:and |so |also |but |ok,? )?(?:does|did|has|have|is|are|was|were|can"
    r"|could|would|will|may|might|should) (?:anyone|anybody|someone|somebody|everyone|everybody"
    r"|people|folks|you all|y'all|you guys|any of you|one of you|all of you|others|other people"
    r"|the list|list members|anyone else)\b"
    r"|\b(?:anyone|anybody) (?:out there|here|else|on (?:this|the) list|know|knows|have|has|got"
    r"|seen|tried|care|want|wants|interested|able|willing|up for|fancy|familiar|recommend"
    r"|using|running|use|run|heard|had|done|come|figured|managed|succeeded|experienced)\b"
    r"|^(?:anyone|anybody)\b(?! who\b| that\b| with\b| in\b| at\b| on\b| from\b| else who\b)"
)
_NOUN_ASK: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:so,? |ok,? |and )?(?:any|some) (?:ideas|suggestions|thoughts"
    r"|hints|tips|pointers|advice|help|takers|volunteers|feedback|comments|input|clues"
    r"|recommendations|insights?|opinions|idea|suggestion|workarounds?|solutions?|answers?"
    r"|news|update|luck|word|progress)\b"
    r"|^(?:[a-z'-]+[,:] )?(?:so,? |and |also,? )?(?:is|are) there (?:any|a|an|some) (?:\w+ )?(?:way"
    r"|chance|tool|program|option|setting|trick|fix|workaround|solution|docs|documentation"
    r"|faq|howto|patch|package|rpm|version)s?\b"
    r"|^(?:thoughts|ideas|comments|suggestions|opinions|objections|volunteers|takers"
    r"|anyone|anybody|help)\W*$"
)
# A question without its "?": an inverted auxiliary or a question word with a person after
# it ("How do I go about getting it removed.", "Can someone translate this for me.").
_QUESTION_FORM: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:and|so|also|but|ok|then),? )?(?:(?:how|what|where|when|why|which"
    r"|who)(?:'s| is| are| do| does| did| can| could| should| would| will| else| exactly)?"
    r" (?:do |can |could |should |would |will )?(?:i|we|you|one|anyone|someone)\b"
    r"|(?:do|does|did|can|could|would|will|is|are|has|have|was|were|should) (?:you|u|anyone"
    r"|anybody|someone|somebody|there (?:a|any|an|some))\b"
    r"|(?:is|are) there (?:a|any|an|some)\b|any ?way (?:to|of)\b"
    r"|(?:what|which)(?:'s| is| are) (?:the|a) (?:best|right|easiest|correct|proper|recommended"
    r"|simplest|quickest|preferred|usual) (?:way|tool|place|option|approach|program|method)\b)"
)
_BARE_QUESTIONS: Final = re.compile(r"^\W*(?:any )?(?:questions|comments)\W*$", re.IGNORECASE)
_LINK_INTRO: Final = re.compile(r"(?:link|page|below|here|address|site|browser)\W*:\s*$")
_RHETORICAL: Final = re.compile(r"\b(?:can|could) (?:you|u) (?:believe|imagine)\b")
_US_TOO: Final = re.compile(r"(?:can|could|shall|should) (?:we|i)\b")
UNADDRESSED: Final = 0.44  # confidence factor for a sentence that asks nothing of the reader
BOILERPLATE: Final = 0.3  # closers, offers, social lines and sign-offs: never even suggested
# The rules whose words are a request to the reader on their own ("could you", "I was
# wondering if you could", "any chance you could", "I'd appreciate it if"): a sentence
# with one, not blocked, is at least suggested (config.example.toml suggest_threshold).
_PLAIN_ASK: Final = frozenset(("modal-you", "indirect", "appreciate-if", "you-should", "wish-ask"))
PLAIN_ASK_FLOOR: Final = 0.5
CLEAR_ASK_FLOOR: Final = 0.8  # "your comments would be appreciated", "does anyone know…"


_WH: Final = re.compile(r"\b(?:what|which|who|whom|whose|where|when|why|how)\b")


def _wh_question(lower: str, words: dict[str, str]) -> bool:
    """A "will you" after a question word ("which product will you get?") asks nothing."""
    modal = words.get("modal-you")
    if modal is None or words.keys() & (_PLAIN_ASK - {"modal-you"}):
        return False
    clause = re.split(r"[,;:]", lower[: lower.find(modal)])[-1]
    return _WH.search(clause) is not None


def is_boilerplate(sentence: str) -> bool:
    """A closer, conditional offer, social line or sign-off, in any common form: "let me
    know if you have any questions", "should you need anything, please call me", "talk to
    you Monday", "thanks in advance", "hope this helps" — unless it also asks for something
    else ("could you review it and let me know if you have questions")."""
    lower = sentence.lower()
    if _SIGN_OFF_NAME.match(sentence) and len(sentence) < 40:
        return True
    social = _SOCIAL.match(lower) is not None
    contact_only = _CONTACT_ONLY.match(lower) is not None
    offer = _OFFER_IF.search(lower) is not None and _CONTACT.search(lower) is not None
    if not (social or contact_only or offer):
        return False
    return _OTHER_ASK.search(lower) is None


Gate = Literal["rhetorical", "boilerplate", "unaddressed", "addressed"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words without which a pattern cannot match (checked before running it, as features.py does)
_NO_YOU_WORDS: Final = frozenset(
    [
        "appreciated",
        "welcome",
        "welcomed",
        "helpful",
        "useful",
        "invaluable",
        "great",
        "received",
        "appreciate",
        "value",
        "interested",
        "keen",
        "eager",
        "curious",
        "grateful",
        "asking",
        "requesting",
        "request",
        "ask",
        "requested",
        "asked",
        "reminded",
        "required",
    ]
)
_GROUP_WORDS: Final = frozenset(
    [
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "people",
        "folks",
        "y'all",
        "guys",
        "you",
        "others",
        "list",
    ]
)


_MAY_WORDS: Final = frozenset(
    (
        *_NO_YOU_WORDS,
        *_GROUP_WORDS - {"you"},
        *_words(
            "please pls plz kindly know posted wonder wondering hoping hope chance possible way"
            " reminder mind love i'd we'd want need would if time thoughts ideas comments"
            " suggestions"
            " opinions objections volunteers takers help about don't anyway"
        ),
    )
)
_MODAL_WORDS: Final = _words("could can would will wouldn't couldn't can't won't might")
_SOMEONE_WORDS: Final = _words("you u ya y'all someone somebody anyone")
_CALL_WORDS: Final = _words("call email e mail ping text contact fax send forward back")
_SHOULD_WORDS: Final = _words("should might may ought need must")
_ASK_WORDS: Final = _words("ask know inquire request check see find confirm")
_US_WORDS: Final = _words("could can should shall would may")
_OPENERS: Final = _words(
    "how what where when why which who do does did can could would will is are has have was"
    " were should any some"
)
_CLAUSE_MARKS: Final = (",", ";", "–", " - ")


def may_be_addressed(sentence: str, toks: list[str], tokens: set[str]) -> bool:
    """A cheap necessary condition for ``_gate`` to find ``sentence`` addressed to the
    reader (tests/unit/test_request.py checks it on every sentence it has): a question,
    a request word, an imperative near the start or after a comma, "can we"."""
    if "?" in sentence or not _MAY_WORDS.isdisjoint(tokens):
        return True
    if not _OPENERS.isdisjoint(toks[:3]) or not _IMPERATIVE.isdisjoint(toks[:6]):
        return True
    if not _IMPERATIVE.isdisjoint(tokens) and any(m in sentence for m in _CLAUSE_MARKS):
        return True
    if "'" in sentence:  # "you're", "i'll": the rules see the parts of a contraction too
        tokens = tokens | {w for t in tokens if "'" in t for w in t.split("'")}
    return (
        (not _MODAL_WORDS.isdisjoint(tokens) and not _SOMEONE_WORDS.isdisjoint(tokens))
        or (("me" in tokens or "us" in tokens) and not _CALL_WORDS.isdisjoint(tokens))
        or (("you" in tokens or "u" in tokens) and not _SHOULD_WORDS.isdisjoint(tokens))
        or (("i" in tokens or "we" in tokens) and not _ASK_WORDS.isdisjoint(tokens))
        or (("i" in tokens or "we" in tokens) and not _US_WORDS.isdisjoint(tokens))
    )


def _gate(
    sentence: str,
    lower: str,
    feats: list[str],
    hits: list[tuple[str, str]],
    tokens: set[str] | None = None,
) -> tuple[Gate, float]:
    """Is ``sentence`` addressed to the reader, and the least confidence its form earns
    (see ``_ask_confidence``). ``feats`` needs only the shape features (``x:…``)."""
    if tokens is None:
        tokens = set(re.findall(r"[a-z0-9$]+(?:'[a-z]+)?", lower))
    words = dict(hits)
    question = sentence.rstrip().endswith("?")
    clear = (
        (not _NO_YOU_WORDS.isdisjoint(tokens) and _NO_YOU_ASK.search(lower) is not None)
        or (not _GROUP_WORDS.isdisjoint(tokens) and _GROUP_ASK.search(lower) is not None)
        or (_NOUN_ASK.match(lower) is not None and (question or len(lower) < 40))
    )
    asked = question
    if not question and _QUESTION_FORM.match(lower) and not _SELF.match(lower):
        asked = True  # "How do I go about getting it removed."
    you_ask = words.keys() & _YOU_ASK
    fyi = "please" in you_ask and _PLEASE_FYI.search(lower) is not None
    if fyi:  # "please find attached", "please note": the verb is no request either
        you_ask = you_ask - {"please"}
    addressed = clear or bool(you_ask) or (("x:imper" in feats or "x:imper2" in feats) and not fyi)
    if "modal-we" in words and _US_TOO.match(words["modal-we"]):
        addressed = True
    if asked and ("you" in words or "do-you" in words or "x:qword" in feats):
        addressed = True
    if not addressed:
        return "unaddressed", 0.0
    if ("believe" in tokens or "imagine" in tokens) and _RHETORICAL.search(lower):
        return "rhetorical", 0.0  # "can you believe it's December?" asks nothing at all
    if is_boilerplate(sentence):
        return "boilerplate", 0.0
    blocked = "spam" in words or "x:url" in feats or _LINK_INTRO.search(lower) is not None
    if _SELF.match(sentence) and not words.keys() & _YOU_ASK and not clear:
        blocked = True  # "I will send it tomorrow": the user's own commitment
    if blocked:
        return "unaddressed", 0.0
    if clear:
        return "addressed", CLEAR_ASK_FLOOR
    if words.keys() & _PLAIN_ASK and not fyi and not _wh_question(lower, words):
        # "I wonder if you might…", "any chance you could…": a request form a person
        # reads as one, whatever the model learned from too few examples of it
        return "addressed", PLAIN_ASK_FLOOR
    if asked and not question:
        return "addressed", PLAIN_ASK_FLOOR
    return "addressed", 0.0


def _ask_confidence(
    sentence: str, p: float, feats: list[str], hits: list[tuple[str, str]]
) -> float:
    """``p`` (the model's intent probability) gated on "addressed to the recipient".

    The model learned a broad "intent" (proposals, the writer's own plans, marketing calls
    to action count). An ask needs the reader to act: a you-request rule (could you,
    please, let me know, I'd like you to…), an imperative first word, "can we"/"should I",
    or a question to them. Closers, conditional offers, social lines and sign-offs
    (``is_boilerplate``) keep ``BOILERPLATE`` of their score; other sentences that ask
    nothing of the reader (boilerplate "please note", links and marketing words, "I will…"
    commitments) keep ``UNADDRESSED``: neither is ever suggested. A sentence that is
    addressed and has a plain request form (``_PLAIN_ASK``: "could you", "any chance you
    could", "you should", "I wanted to ask whether you…", a question without its "?")
    scores at least ``PLAIN_ASK_FLOOR``, and a clear request without "you" or to a group
    ("your comments would be appreciated", "does anyone know…", "any ideas?") at least
    ``CLEAR_ASK_FLOOR``; "can you believe…" scores 0."""
    gate, floor = _gate(sentence, sentence.lower(), feats, hits)
    if gate == "addressed":
        return max(p, floor)
    if gate == "boilerplate":
        return p * BOILERPLATE
    if gate == "unaddressed":
        return p * UNADDRESSED
    return 0.0


MAX_SENTENCES: Final = 60  # an ask is in the first sixty sentences of what was written


def candidate_sentences(text: str) -> list[str]:
    """The sentences of a message body searched for an ask: its new text only."""
    return [s for s, _ in _candidates(segment_text(text).new)]


def _candidates(new: str) -> list[tuple[str, int]]:
    return [(s, n) for s, n in _sentences(new)[:MAX_SENTENCES] if len(s) <= 600]


def sentence_confidence(sentence: str) -> float:
    """The shipped model's gated confidence that ``sentence`` alone asks the reader."""
    p, feats, hits = _score(sentence)
    return _ask_confidence(sentence, p, feats, hits)


# ---- the user's corrections ---------------------------------------------------------------
# A small per-user adjustment on top of the shipped model: weights on a sentence's word
# pairs, first two words and rules, added to the log-odds of its gated confidence. Learned
# from the asks the user tracked (an ask) or dismissed as not an ask (``learn_adjustment``).


def adjust_features(sentence: str) -> list[str]:
    """The features a correction may weigh: word pairs, the first two words, the rules."""
    feats, _ = sentence_features(sentence)
    return sorted({f for f in feats if f.startswith(("b:", "fb:", "r:"))})


def _logit(c: float) -> float:
    c = min(max(c, 1e-4), 1 - 1e-4)
    return math.log(c / (1 - c))


def _sigmoid(z: float) -> float:
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def adjusted(confidence: float, feats: list[str], adjust: Mapping[str, float]) -> float:
    """``confidence`` moved by the user's adjustment for a sentence with ``feats``."""
    shift = sum(adjust.get(f, 0.0) for f in feats)
    if not shift:
        return confidence
    return _sigmoid(_logit(confidence) + shift)


def learn_adjustment(
    labels: Sequence[tuple[str, bool]], track: float = 0.75, epochs: int = 60
) -> dict[str, float]:
    """Weights that put each labelled sentence on its side of ``track`` (an ask above it,
    not an ask below it) with as little change as possible: logistic steps on top of the
    shipped confidence, shrunk a little each round, capped at ±3."""
    data = [(adjust_features(s), _logit(sentence_confidence(s)), y) for s, y in labels]
    weights: dict[str, float] = {}
    low, high = _logit(track) - 0.7, _logit(track) + 0.7
    for _ in range(epochs):
        settled = True
        for feats, z0, y in data:
            if not feats:
                continue
            z = z0 + sum(weights.get(f, 0.0) for f in feats)
            if (y and z >= high) or (not y and z <= low):
                continue
            settled = False
            step = 0.5 * ((1.0 if y else 0.0) - _sigmoid(z)) / math.sqrt(len(feats))
            for f in feats:
                weights[f] = max(-3.0, min(3.0, weights.get(f, 0.0) + step))
        if settled:
            break
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 0.005}


def explain_adjustment(sentence: str, adjust: Mapping[str, float]) -> list[tuple[str, float]]:
    """The adjustment weights that apply to ``sentence``, largest first."""
    feats = adjust_features(sentence)
    used = [(f, adjust[f]) for f in feats if f in adjust]
    return sorted(used, key=lambda fw: -abs(fw[1]))


# ---- deadlines that belong to the ask ----------------------------------------------------

# Quoted header lines that a sentence may still carry ("Sent: Thursday, August 08, 2002
# 4:45 PM", "On Mon, Jan 7, 2002 at 10:45 AM, Bob wrote:", Lotus Notes' "12/07/2000
# 10:45 AM"): their dates are when something was written, never when it is due.
_HEADERISH: Final = re.compile(
    r"\b(?:sent|date|datum|gesendet|envoy[ée]|received)\s*:\s*[^:]{0,80}?\d{1,2}:\d{2}"
    r"(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[+-]\d{4})?"
    r"|\b(?:on|am|le|el)\b[^.?!]{0,90}?\b(?:wrote|writes|a écrit|schrieb|escribió)\s*:?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?m\.?"
    r"|\bin a message dated\b[^,]{0,60}",
    re.IGNORECASE,
)
# A date in a neighbouring sentence belongs to the ask only when it says so: "by then:
# Friday", "the deadline is the 5th", "I need it by Monday", "ideally before noon".
_TIED: Final = re.compile(
    r"^\W*(?:(?:ideally|preferably|hopefully|latest|at the latest|and|but|if possible|ideally"
    r" by)\W+)*(?:by|before|no later than|not later than|until|due|deadline)\b"
    r"|\b(?:deadline|due date|due)\b|\bby then\b|\bneed (?:it|them|this|that|these|those|the \w+)"
    r" (?:by|before|back by|no later than)\b",
    re.IGNORECASE,
)


_FAR: Final = timedelta(days=300)  # a yearless date this far ahead was in the past
_YEAR: Final = re.compile(r"\b\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2}\b|\b(?:next|this) year\b", re.I)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _deadline_of(sentence: str, sent_at: datetime, day_first: bool) -> Deadline | None:
    """The deadline said in ``sentence``, if it is not before the message was sent."""
    text = _blank(sentence, _HEADERISH) if any(c.isdigit() for c in sentence) else sentence
    found = parse_deadline(text, sent_at, day_first=day_first)
    if found is None or found.due is None:
        return found
    if found.due - sent_at > _FAR and not _YEAR.search(found.phrase):
        return None  # "the report you promised on 11/12", sent on the 18th: a past date
    if found.due >= sent_at:
        return found
    if found.due.date() == sent_at.date() and not any(c.isdigit() for c in found.phrase):
        # "can you do it today?" sent at six: by the end of that day
        return Deadline(found.due.replace(hour=23, minute=59), found.phrase, "date")
    return None  # a date before the message was sent is not when anything is due


def decide_deadline(
    sentences: Sequence[tuple[str, int]], index: int, sent_at: datetime, day_first: bool
) -> Deadline | None:
    """The ask's deadline: from its own sentence, else from the sentence just before or
    after it in the same paragraph when that one ties its date to the ask ("by then:
    Friday", "The deadline is Monday"). Never from another paragraph, quoted text or a
    signature (they are not in the sentences)."""
    sentence, para = sentences[index]
    own = _deadline_of(sentence, sent_at, day_first)
    if own is not None:
        return own
    for j in (index + 1, index - 1):
        if not 0 <= j < len(sentences) or sentences[j][1] != para:
            continue
        other = sentences[j][0]
        short = len(other.split()) <= 6  # "No rush.", "ASAP please!"
        if not (
            short or _TIED.search(other) or (j == index + 1 and sentence.rstrip().endswith(":"))
        ):
            continue
        found = _deadline_of(other, sent_at, day_first)
        lead = j == index + 1 and sentence.rstrip().endswith(":")
        if found is not None and (found.kind != "date" or not short or lead or _TIED.search(other)):
            return found
    return None


def detect_request(
    text: str,
    sent_at: datetime,
    *,
    day_first: bool = False,
    adjust: Mapping[str, float] | None = None,
) -> RequestHit | None:
    """The best ask in the new text of a message body (quoted text, signature and
    disclaimer are ignored), or None when no sentence addressed to the reader scores at
    least 0.2 (a sentence that is not addressed, or is boilerplate, is never an ask). ``adjust`` is
    the user's learned adjustment (``learn_adjustment``), applied on top of the model."""
    seg = segment_text(text)
    sentences = _candidates(seg.new)
    best: tuple[float, int, list[tuple[str, str]]] | None = None
    for i, (sentence, _) in enumerate(sentences):
        lower = sentence.lower()
        toks = _TOKEN.findall(lower)
        if not may_be_addressed(sentence, toks, set(toks)):
            continue
        cheap = gate_parts(sentence)
        gate, floor = _gate(sentence, cheap.lower, cheap.shape, cheap.hits, cheap.tokens)
        if gate != "addressed":
            continue  # never suggested: not worth the model's time
        if i and _BARE_QUESTIONS.match(sentences[i - 1][0]) and _CONTACT.search(cheap.lower):
            continue  # "Questions? Give me a call."
        parts = sentence_parts(sentence)
        feats = model_features(sentence, parts)
        confidence = max(_probability(feats), floor)
        if adjust:
            confidence = adjusted(
                confidence, [f for f in feats if f.startswith(("b:", "fb:", "r:"))], adjust
            )
        if best is None or confidence > best[0]:
            best = (confidence, i, parts.hits)
    if best is None or best[0] < FLOOR:
        return None
    confidence, index, hits = best
    sentence = sentences[index][0]
    weights = _model()[0]
    rules = tuple(f"{rid}:{words}" for rid, words in hits if weights.get("r:" + rid, 0.0) > 0)
    deadline = decide_deadline(sentences, index, sent_at, day_first)
    if deadline is not None:
        rules = (*rules, f"deadline:{deadline.phrase}")
    addressees = _addressees(sentence)
    return RequestHit(
        sentence=sentence,
        rules=rules,
        confidence=round(confidence, 4),
        what=_summarize(sentence, deadline, addressees),
        deadline=deadline,
        addressees=addressees,
    )


def _first_token(value: str) -> str:
    parts = re.split(r"[\s._+-]+", value.strip().lower())
    return parts[0] if parts else ""


def decide_helpers(
    hit: RequestHit, to: tuple[Address, ...], cc: tuple[Address, ...]
) -> tuple[Address, ...]:
    """Who was asked: the To or Cc recipients the sentence names ("Bob, could you…", "Bob
    and Ann, …", "@Ann"), matched by first name or mailbox local part; otherwise every To
    recipient."""
    named: list[Address] = []
    for name in hit.addressees:
        want = name.lower()
        for addr in (*to, *cc):
            local = addr.email.split("@", 1)[0].lower()
            if want in (_first_token(addr.name), _first_token(local), local):
                if addr not in named:
                    named.append(addr)
                break
    return tuple(named) if named else to
