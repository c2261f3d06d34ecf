"""Find the ask in a sent message: which sentence asks, what for, by when, and of whom.

Sentences are taken only from the new text of the message (``segment``); each is gated
on "addressed to the reader" (``gate``: closers, offers and social lines are
``boilerplate``) before the intent model (``intent``) scores it, the user's learned
``corrections`` move its confidence, the best one wins, and its deadline, summary and
addressee are read off its words. The names other modules use from the split-out
modules are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Final

from followthrough.detect import rx
from followthrough.detect.boilerplate import _BARE_QUESTIONS, _CONTACT
from followthrough.detect.choice import ANSWERABLE, SETTLED, is_context
from followthrough.detect.corrections import (
    adjusted,
)
from followthrough.detect.deadline import Deadline
from followthrough.detect.duedate import _HEADERISH as _HEADERISH
from followthrough.detect.duedate import _HEADERISH_WORDS as _HEADERISH_WORDS
from followthrough.detect.duedate import _TIED as _TIED
from followthrough.detect.duedate import _tied as _tied
from followthrough.detect.duedate import decide_deadline
from followthrough.detect.features import (
    Parts,
    gate_parts,
    model_features,
    sentence_parts,
    tokens_of,
    trigger_mask,
)
from followthrough.detect.gate import (
    TRACK_CAP,
    _gate,
    is_mass_mail,
    may_be_addressed,
    reported_speech,
)
from followthrough.detect.intent import (
    _model,
    _probability,
)
from followthrough.detect.junk import drop_tail_junk
from followthrough.detect.prefilter import may_ask_without_question_mark
from followthrough.detect.rhetoric import (
    argued_questions,
    may_permit,
    not_the_writers,
    permitted_instructions,
)
from followthrough.detect.segment import segment_text
from followthrough.detect.words import _set
from followthrough.model import Address, is_automatic

FLOOR: Final = 0.2


@dataclass(frozen=True, slots=True)
class RequestHit:
    """The sentence of a message that asks, and what was read from it."""

    sentence: str
    rules: tuple[str, ...]  # e.g. ("modal-you:could you", "deadline:by Friday")
    confidence: float  # 0..1
    what: str  # "review the Q3 deck": no "could you", no deadline words, no "?"
    deadline: Deadline | None
    addressees: tuple[str, ...]  # ("Bob",) in "Bob, could you…"; ("Bob", "Ann") in "Bob and Ann, …"


# ---- sentences ---------------------------------------------------------------------

# (searched only where no word of seven letters or more ends the text: none is one of these)
_ABBREV: Final = re.compile(
    r"(?:\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|e\.g|i\.e|approx|inc|ltd|co|no|fig|ca|re)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)
# "by Thurs. 11/19", "the Dec. 5 draft": a day or month cut short before a number
_DAY_ABBREV: Final = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|mon|tues?|wed|thu|thurs?|fri)\.$",
    re.IGNORECASE,
)
# A sentence ends after a ".", "!" or "?" (and any closing quote or bracket) followed by
# space and a capital, a digit, an opening quote or an *emphasis*. The match takes in the
# mark itself (so the search skips from mark to mark); the mark stays with its sentence
# (``_split_at_boundaries``).
_BOUNDARY: Final = re.compile(
    r"[.!?](?:[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9@]|\*\w+\*)"
    # a question ends its sentence even when the writer goes on in lower case ("… or
    # overspending? there are many who …", "… from the mix?... leaving the rest")
    r"|(?<=\?)(?:\.{2,}|\?+)?\s+(?=[a-z]))"
)


def _split_at_boundaries(chunk: str) -> list[str]:
    """The sentences of ``chunk`` at each ``_BOUNDARY``, each keeping its end mark."""
    pieces: list[str] = []
    at = 0
    for m in _BOUNDARY.finditer(chunk):
        pieces.append(chunk[at : m.start() + 1])
        at = m.end()
    pieces.append(chunk[at:])
    return pieces


# A tag on its own ("right?", "no?", "correct?") belongs to the sentence before it.
_TAG: Final = re.compile(
    r"(?i:right|correct|no|yes|ok|okay|eh|true|agreed|yeah|huh|isn't it|don't you think)\s*\?+$"
)
_BULLET: Final = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_BULLET_FIRST: Final = frozenset("-*•·")
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


def _sentences(text: str, limit: int | None = None) -> list[tuple[str, int]]:
    """(sentence, paragraph number) of plain text. Whitespace is normalised first (tabs,
    no-break spaces, runs of spaces); a line is joined to the one before it only when that
    one was wrapped: it does not end a sentence and is not a short line followed by a
    capital ("Any ideas" / "Thanks" stay apart). With ``limit``, at least the first
    ``limit`` sentences (the rest of the text is not read)."""
    out: list[tuple[str, int]] = []
    for number, para in enumerate(_PARAGRAPH.split(text)):
        if limit is not None and len(out) >= limit:
            break
        lines = [" ".join(ln.split()) for ln in para.split("\n")]
        chunks: list[str] = []
        last_len = 0
        for ln in lines:
            if not ln:
                continue
            # (``ln`` has no leading space: a bullet starts with its mark or a digit)
            bullet = (ln[0] in _BULLET_FIRST or ln[0].isdigit()) and _BULLET.match(ln) is not None
            if chunks and len(ln) < 20 and chunks[-1].endswith((".", "!")) and _TAG.match(ln):
                chunks[-1] += " " + ln  # "… should be KM_NOFS." / "right?"
            elif (
                chunks
                and not chunks[-1].endswith((".", "?", "!", ":"))
                and not (
                    last_len < _SHORT_LINE and ln[:1].isupper() and not chunks[-1].endswith(",")
                )
                and not bullet
                and not (len(chunks[-1]) < 60 and _GREETING_LINE.match(chunks[-1]))
            ):
                chunks[-1] += " " + ln
            else:
                chunks.append(_BULLET.sub("", ln) if bullet else ln)
            last_len = len(ln)
        for chunk in chunks:
            if "." not in chunk and "?" not in chunk and "!" not in chunk:
                piece = chunk.strip()  # no sentence boundary: one sentence
                if piece:
                    out.append((piece, number))
                continue
            pieces = _split_at_boundaries(chunk)
            merged: list[str] = []
            for piece in pieces:
                if merged and (
                    (
                        merged[-1].endswith(".")
                        and (len(merged[-1]) < 8 or not merged[-1][-8:-1].isalnum())
                        and _ABBREV.search(merged[-1], max(0, len(merged[-1]) - 12))
                    )
                    or (piece[:1].isdigit() and _DAY_ABBREV.search(merged[-1]))
                    or (len(piece) < 20 and _TAG.match(piece) and merged[-1][-1:] in ".!")
                ):
                    merged[-1] += " " + piece
                else:
                    merged.append(piece)
            out.extend((p, number) for p in map(str.strip, merged) if p)
    return out


# ---- what, addressees ----------------------------------------------------------------

# Not names: fillers, days and months ("Monday, October 8, 2001 Dear Ken:"), question words
# and contractions ("How's Tues, or Wed, for dinner?").
_NOT_NAMES: Final = _set(
    "also so however please yes no ok okay hi hey hello well guys folks all team everyone "
    "thanks thank sorry and but or then now today tomorrow again dear fyi note ps btw anyway "
    "first second finally plus meanwhile otherwise actually great sure good cool unfortunately "
    "hopefully ideally alternatively additionally monday tuesday wednesday thursday friday "
    "saturday sunday january february march july august september october november december "
    "how what where when why who which whose is are was were do does did can could would will "
    "shall should may might must let here there it that this"
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
_SPACES: Final = re.compile(r"\s\s+")  # (as "\s{2,}", but led by a class: skips to each space)
_DEADLINE_WORD: Final = re.compile(
    r"(?:by|before|until|till|no later than|not later than|due|eod|cob|end of|in|within)\b",
    re.IGNORECASE,
)


def _bare(word: str) -> str:
    """The word without a contracted "'s" ("How's" -> "How")."""
    return word[:-2] if word.endswith(("'s", "'S")) else word


def _addressees(sentence: str) -> tuple[str, ...]:
    """The people the sentence speaks to by name: "Bob, …", "Bob and Ann, …", "…, Bob?",
    "@Bob"."""
    m = _LEAD_NAMES.match(sentence)
    if m is not None:
        names = tuple(rx.split(r"\s*(?:,|\band\b|&)\s*", m.group(1)))
        names = tuple(n for n in names if n and _bare(n).lower() not in _NOT_NAMES)
        if len(names) > 1:
            return names
    for pattern in (_LEAD_NAME, _TAIL_NAME):
        found = pattern.search(sentence)
        if found is not None and _bare(found.group(1)).lower() not in _NOT_NAMES:
            return (found.group(1),)
    if "@" not in sentence:
        return ()  # (no mention without its "@")
    return tuple(dict.fromkeys(_MENTION.findall(sentence)))


def _summarize(sentence: str, deadline: Deadline | None, addressees: tuple[str, ...]) -> str:
    s = sentence.strip()
    if addressees:
        for lead in (_LEAD_NAMES, _LEAD_NAME):
            if lead.match(s):
                s = lead.sub("", s, count=1)
                break
        s = rx.sub(rf",\s*{re.escape(addressees[0])}\s*([?.!]*)\s*$", r"\1", s)
        s = _MENTION.sub("", s).strip().lstrip(",:;–- ")
    if deadline is not None and deadline.phrase and deadline.phrase in s:
        at = s.index(deadline.phrase)
        tail = s[at + len(deadline.phrase) :].strip(" ?.!,")
        moved_to = rx.search(r"\bto\s*$", s[:at]) is not None  # "move our 1:1 to Wednesday"
        if not moved_to and (
            _DEADLINE_WORD.match(deadline.phrase) or not tail or deadline.kind != "date"
        ):
            # "join the call on Thursday": the weekday goes, and so does its "on"
            head = rx.sub(r"\s+(?:on|this|this coming|coming)\s*$", "", s[:at], flags=re.I)
            s = head + " " + s[at + len(deadline.phrase) :]
    opening = _ASK_LEAD.match(s)  # (anchored: its only match is at the start)
    if opening is not None:
        s = s[opening.end() :]
    s = _SPACES.sub(" ", s)
    prev = None
    while prev != s:
        prev = s
        s = drop_tail_junk(s).strip()
    if s[:1].isupper() and not s[:2].isupper() and not rx.match(r"I\b", s):
        s = s[0].lower() + s[1:]
    if len(s) > 80:
        cut = s[:80].rsplit(" ", 1)[0]
        s = cut.rstrip(",;:-") + "…"
    return s


# ---- the whole message ---------------------------------------------------------------

MAX_SENTENCES: Final = 60  # an ask is in the first sixty sentences of what was written


def candidate_sentences(text: str) -> list[str]:
    """The sentences of a message body searched for an ask: its new text only."""
    return [s for s, _ in _candidates(segment_text(text).new)]


def _candidates(new: str) -> list[tuple[str, int]]:
    return [(s, n) for s, n in _sentences(new, MAX_SENTENCES)[:MAX_SENTENCES] if len(s) <= 600]


@lru_cache(maxsize=4096)
def _addressed(sentence: str) -> tuple[float, float, Parts] | None:
    """The floor and cap of ``sentence``'s confidence (``_gate``) and what the gate read
    of it (``gate_parts``), or None when it is not addressed to the reader. Cached: list
    footers, greetings and sign-offs repeat from message to message."""
    lower = sentence.lower()
    toks = tokens_of(lower)
    tokens = set(toks)
    if not may_be_addressed(sentence, toks, tokens):
        return None
    mask = trigger_mask(lower, tokens)  # (the rules' trigger words, found once)
    if "?" not in sentence and not may_ask_without_question_mark(lower, toks, tokens, mask):
        return None  # (a statement the gate cannot find addressed: not worth reading)
    cheap = gate_parts(sentence, lower, toks, tokens, mask)
    gate, floor, cap = _gate(sentence, lower, cheap.shape, cheap.hits, cheap.tokens)
    return (floor, cap, cheap) if gate == "addressed" else None


def _not_asks(new: str, sentences: list[tuple[str, int]]) -> tuple[frozenset[int], frozenset[int]]:
    """The sentences (by index) of the new text ``new`` that are never its ask (reported
    speech, a permitted instruction, not the writer's), and those at most suggested (an
    argument's questions)."""
    quoted = reported_speech(sentences) if '"' in new or "\u201c" in new else frozenset()
    if may_permit(new):  # "Feel free to forward it. Please forward it whole."
        quoted = quoted | permitted_instructions(sentences)
    quoted = quoted | not_the_writers(new, sentences)  # "Is it up? Yes.", an article
    argued = argued_questions(sentences) if "?" in new else frozenset()
    return quoted, argued


def detect_request(
    text: str,
    sent_at: datetime,
    *,
    day_first: bool = False,
    adjust: Mapping[str, float] | None = None,
    kind: str = "",
    sender: str = "",
) -> RequestHit | None:
    """The best ask in the new text of a message body (quoted text, signature and
    disclaimer are ignored), or None when no sentence addressed to the reader scores at
    least 0.2 (a sentence that is not addressed, or is boilerplate, is never an ask).
    ``adjust`` is the user's learned adjustment (``learn_adjustment``), applied on top of
    the model. ``kind`` is the backend's ``MailRecord.auto`` and ``sender`` the From
    address: a machine's message (an auto-reply, a bounce) asks nothing, and the best ask
    of mass mail (``is_mass_mail``: a newsletter, a web service's notice) is at most
    suggested (``TRACK_CAP``)."""
    if is_automatic(kind):
        return None
    seg = segment_text(text)
    sentences = _candidates(seg.new)
    best: tuple[float, int, list[tuple[str, str]]] | None = None
    plain = best  # the best sentence that is not context (``choice``)
    context = False  # the best so far is context below ``SETTLED``: a plain one may win
    # The sentences that are not the writer's own ask, read when the first sentence the gate
    # finds addressed comes (none does in about half of all mail); after that, a sentence
    # among them is skipped before the gate.
    skipped: tuple[frozenset[int], frozenset[int]] | None = None
    for i, (sentence, _) in enumerate(sentences):
        if skipped is not None and i in skipped[0]:
            continue  # never suggested: not worth the model's (or the gate's) time
        if (gated := _addressed(sentence)) is None:
            continue
        if skipped is None:
            skipped = _not_asks(seg.new, sentences)
            if i in skipped[0]:
                continue
        argued = skipped[1]
        floor, cap, cheap = gated
        if i in argued:
            cap = min(cap, TRACK_CAP)  # "So, are you saying …? Is there a way …?"
        if (
            best is not None
            and cap <= best[0]
            and not adjust
            and (not context or (plain is not None and cap <= plain[0]))
        ):
            continue  # it cannot beat the best so far (nor the best plain one, ``choice``)
        if i and _BARE_QUESTIONS.match(sentences[i - 1][0]) and _CONTACT.search(cheap.lower):
            continue  # "Questions? Give me a call."
        parts = sentence_parts(sentence, cheap)
        feats = model_features(sentence, parts)
        confidence = min(max(_probability(feats), floor), cap)
        if adjust:
            confidence = adjusted(
                confidence, [f for f in feats if f.startswith(("b:", "fb:", "r:"))], adjust
            )
        if best is None or confidence > best[0]:
            best = (confidence, i, parts.hits)
            context = is_context(sentence, cheap.lower, parts.hits)
            if not context:
                plain = best
            context = context and confidence < SETTLED
        elif (
            context
            and (plain is None or confidence > plain[0])
            and not is_context(sentence, cheap.lower, parts.hits)
        ):
            plain = (confidence, i, parts.hits)  # (read only while context leads)
    if context and plain is not None and plain[0] >= ANSWERABLE:
        best = plain  # the message's real ask wins over advice, an aside, an introduction
    if best is None or best[0] < FLOOR:
        return None
    confidence, index, hits = best
    sentence = sentences[index][0]
    weights = _model()[0]
    rules = tuple(f"{rid}:{words}" for rid, words in hits if weights.get("r:" + rid, 0.0) > 0)
    if confidence > TRACK_CAP and is_mass_mail(text, kind, sender, seg.new):
        confidence = TRACK_CAP
        rules = (*rules, "mass-mail:at most suggested")
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
    parts = rx.split(r"[\s._+-]+", value.strip().lower())
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
