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
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Final

from followthrough.detect.deadline import Deadline, parse_deadline
from followthrough.detect.features import sentence_features
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


def _score(sentence: str) -> tuple[float, list[str], list[tuple[str, str]]]:
    """The model's probability, the features and every rule hit (id, matched words)."""
    weights, bias = _model()
    feats, hits = sentence_features(sentence)
    z = bias + sum(map(weights.get, set(feats), repeat(0.0)))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z)), feats, hits


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
_GREETING_LINE: Final = re.compile(
    r"^\s*(?:hi|hey|hello|dear|good (?:morning|afternoon|evening)|greetings)\b"
    r"[^.?!]{0,40}[,!:]?\s*$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text: paragraphs and bullets apart, wrapped lines joined."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        chunks: list[str] = []
        for ln in lines:
            if (
                chunks
                and not _BULLET.match(ln)
                and not _GREETING_LINE.match(chunks[-1])
                and not chunks[-1].endswith((".", "?", "!", ":"))
            ):
                chunks[-1] += " " + ln
            else:
                chunks.append(_BULLET.sub("", ln))
        for chunk in chunks:
            pieces = _BOUNDARY.split(chunk)
            merged: list[str] = []
            for piece in pieces:
                if merged and _ABBREV.search(merged[-1]):
                    merged[-1] += " " + piece
                else:
                    merged.append(piece)
            out.extend(p.strip() for p in merged if p.strip())
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
    r"|ignore|disregard|keep this|retain this|maintain confidentiality|consider the environment)\b"
)
_CONDITIONAL: Final = re.compile(
    r"\bif (?:you|u) (?:have|need|want|would like|'d like|wish|prefer|'d prefer|would prefer)\b"
    r"|\bfor (?:any|more|further|additional) (?:questions|information|info|help|support"
    r"|details|assistance)\b"
)
# "To participate, please follow this link:": instructions before a link, not an ask
_LINK_INTRO: Final = re.compile(r"(?:link|page|below|here|address|site|browser)\W*:\s*$")
_RHETORICAL: Final = re.compile(r"\b(?:can|could) (?:you|u) (?:believe|imagine)\b")
_US_TOO: Final = re.compile(r"(?:can|could|shall|should) (?:we|i)\b")
UNADDRESSED: Final = 0.5  # confidence factor for a sentence that asks nothing of the reader
# The rules whose words are a request to the reader on their own ("could you", "I was
# wondering if you could", "any chance you could", "I'd appreciate it if"): a sentence
# with one, not blocked, is at least suggested (config.example.toml suggest_threshold).
_PLAIN_ASK: Final = frozenset(("modal-you", "indirect", "appreciate-if", "you-should", "wish-ask"))
PLAIN_ASK_FLOOR: Final = 0.5


_WH: Final = re.compile(r"\b(?:what|which|who|whom|whose|where|when|why|how)\b")


def _wh_question(lower: str, words: dict[str, str]) -> bool:
    """A "will you" after a question word ("which product will you get?") asks nothing."""
    modal = words.get("modal-you")
    if modal is None or words.keys() & (_PLAIN_ASK - {"modal-you"}):
        return False
    clause = re.split(r"[,;:]", lower[: lower.find(modal)])[-1]
    return _WH.search(clause) is not None


def _ask_confidence(
    sentence: str, p: float, feats: list[str], hits: list[tuple[str, str]]
) -> float:
    """``p`` (the model's intent probability) gated on "addressed to the recipient".

    The model learned a broad "intent" (proposals, the writer's own plans, marketing calls
    to action count). An ask needs the reader to act: a you-request rule (could you,
    please, let me know, I'd like you to…), an imperative first word, "can we"/"should I",
    or a question to them. Conditional offers ("call me if you need anything"),
    boilerplate ("please note/find attached"), links and marketing words, and "I will…"
    commitments are not asks. Such sentences keep only ``UNADDRESSED`` of their score.
    A sentence that is addressed and has a plain request form (``_PLAIN_ASK``: "could you",
    "any chance you could", "you should", "I wanted to ask whether you…") scores at least
    ``PLAIN_ASK_FLOOR``, so it is at least suggested; "can you believe…" scores 0."""
    words = dict(hits)
    question = sentence.rstrip().endswith("?")
    you_ask = words.keys() & _YOU_ASK
    fyi = "please" in you_ask and _PLEASE_FYI.search(sentence.lower()) is not None
    if fyi:  # "please find attached", "please note": the verb is no request either
        you_ask = you_ask - {"please"}
    addressed = bool(you_ask) or (("x:imper" in feats or "x:imper2" in feats) and not fyi)
    if "modal-we" in words and _US_TOO.match(words["modal-we"]):
        addressed = True
    if question and ("you" in words or "do-you" in words or "x:qword" in feats):
        addressed = True
    blocked = "spam" in words or "x:url" in feats
    if not question and _CONDITIONAL.search(sentence.lower()):
        blocked = True
    if _LINK_INTRO.search(sentence.lower()):
        blocked = True
    if _RHETORICAL.search(sentence.lower()):
        return 0.0  # "can you believe it's December?" asks nothing at all
    if _SELF.match(sentence) and not words.keys() & _YOU_ASK:
        blocked = True  # "I will send it tomorrow": the user's own commitment
    if blocked or not addressed:
        return p * UNADDRESSED
    if words.keys() & _PLAIN_ASK and not fyi and not _wh_question(sentence.lower(), words):
        # "I wonder if you might…", "any chance you could…": a request form a person
        # reads as one, whatever the model learned from too few examples of it
        return max(p, PLAIN_ASK_FLOOR)
    return p


def candidate_sentences(text: str) -> list[str]:
    """The sentences of a message body searched for an ask: its new text only."""
    return [s for s in split_sentences(segment_text(text).new) if len(s) <= 600]


def detect_request(text: str, sent_at: datetime, *, day_first: bool = False) -> RequestHit | None:
    """The best ask in the new text of a message body (quoted text, signature and
    disclaimer are ignored), or None when no sentence scores at least 0.2."""
    seg = segment_text(text)
    best: tuple[float, str, list[tuple[str, str]]] | None = None
    for sentence in split_sentences(seg.new):
        if len(sentence) > 600:
            continue
        p, feats, hits = _score(sentence)
        confidence = _ask_confidence(sentence, p, feats, hits)
        if best is None or confidence > best[0]:
            best = (confidence, sentence, hits)
    if best is None or best[0] < FLOOR:
        return None
    confidence, sentence, hits = best
    weights = _model()[0]
    rules = tuple(f"{rid}:{words}" for rid, words in hits if weights.get("r:" + rid, 0.0) > 0)
    deadline = parse_deadline(sentence, sent_at, day_first=day_first)
    if deadline is None:
        deadline = parse_deadline(seg.new, sent_at, day_first=day_first)
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
