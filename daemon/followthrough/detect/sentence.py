"""The words of one ask sentence: its request frame, its verb phrase, the -ing form and
the thing asked for ("Could you review the Q3 deck by Friday?" -> "reviewing the Q3 deck",
"the Q3 deck"). Used by ``followthrough.detect.phrase``, which also reads calendar
entries and is what the rest of followthrough calls.

The parts: ``words`` (word lists, inflection: the only lemminflect user), ``forms`` (the
verb phrase trimmed, its object and topic), ``question`` (questions and "let me know"
asks); this module finds the request frame and puts them together.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect.forms import _topic_for, _trim
from followthrough.detect.kind import _MEETING_VERB, kind_of_vp
from followthrough.detect.question import _let_know, _question
from followthrough.detect.words import (
    _SUBORDINATORS,
    _base_of,
    _set,
    ing,
    is_verb,
)
from followthrough.model import AskPhrase

# the kind of a bare verb phrase (``followthrough.detect.kind``), by the name its readers use
_kind_of_vp: Final = kind_of_vp

MAX_SENTENCE: Final = 600  # longer text is not one sentence a person wrote
MAX_DESCRIPTION: Final = 4000  # a calendar description is read this far for a request

_LEAD_JUNK: Final = re.compile(
    r"^(?:(?:p\.?s\.?|fyi|note|nb|re|hi|hello|hey|ok|okay|oh|well|also|and|but|so|then|now"
    r"|anyway|finally|first|btw|by the way|just|in addition|additionally|however|alternatively"
    r"|otherwise|if so|if not|please note|one more thing|quick question|dumb question"
    r"|question)\b[\s,.:;!-]*)+",
    re.IGNORECASE,
)
_FRAMES: Final = (
    (r"would you be (?:able|willing) to", "base"),
    (r"(?:would|do) you (?:like|want|care) to", "base"),
    (r"(?:what|how) about", "ing"),
    (
        r"it (?:would|'d) be (?:great|good|helpful|nice|wonderful|ideal) if you "
        r"(?:could|would|can)(?: please| also)*",
        "base",
    ),
    (r"(?:i )?hope (?:that )?you (?:can|could|will|would)", "base"),
    (r"(?:can|could|may|should|shall) i\b", "i"),
    # (pattern, how the verb phrase after it is given: "base" or "ing")
    (r"would you mind(?: (?:please|also|just))*", "ing"),
    (r"(?:is there )?(?:any|a) chance of", "ing"),
    (r"(?:is there )?any chance (?:that )?you (?:could|can|would|might)", "base"),
    (
        r"(?:i was |i'm |i am )?wondering (?:if|whether) you (?:could|would"
        r"|might|can|had a chance to)",
        "base",
    ),
    (
        r"(?:i was |i'm |i am )?wondering (?:if|whether) it (?:might|would|could) be possible"
        r" (?:for you )?to",
        "base",
    ),
    (
        r"i (?:would|'d) (?:really |greatly |very much "
        r"|so )?(?:appreciate(?: it)?|be (?:most |very "
        r"|eternally |so )?grateful|love it|like it) if you (?:could|would|can|might)",
        "base",
    ),
    (r"(?:would|could) it be possible (?:for you )?to", "base"),
    (r"is it possible (?:for you )?to", "base"),
    (
        r"(?:do you think )?(?:you )?(?:could|can|would|will|might) (?:you|u)"
        r"(?: two| both| all| guys)?(?: please| possibly| also| kindly| just| maybe| perhaps"
        r"| still)*",
        "base",
    ),
    (
        r"(?:could|can|would|will) (?:someone|somebody|anyone|anybody)(?: please| kindly)*",
        "base",
    ),
    (r"(?:are|were) you (?:able|willing) to", "base"),
    (r"(?:i|we) (?:need|want|would like|'d like) (?:you|u) to", "base"),
    (r"if you could(?: please| also| just)*", "base"),
    (r"(?:just )?a (?:quick |friendly |gentle )?reminder to", "base"),
    (r"(?:please )?(?:don't|do not) forget to", "base"),
    (r"(?:please )?remember to", "base"),
    (r"(?:please )?(?:try|be sure) (?:and|to)", "base"),
    (r"(?:can|could|may) we(?: please| maybe| also)*", "may we"),
    (r"(?:shall|should) (?:we|i)(?: please| maybe| also)*", "we"),
    (r"i(?: would|'d)? (?:like|want) to(?=\s+(?:discuss|talk|go over|meet|chat|catch up))", "we"),
    (r"(?:let's|lets|let us)", "we"),
    (
        r"(?:maybe |perhaps )?we (?:can|could|should|need to|have to|must|will need to"
        r"|'ll need to|might)(?: also| probably)*",
        "we",
    ),
    (r"(?:the (?:two|three|four) of us|we all)(?: probably| should| need to| must)*", "we"),
    (r"(?:please|pls|kindly)(?: (?:also|just|do))*", "base"),
)
_FRAME_RE: Final = [
    (
        re.compile(rf"(?:^|[,;:!(–—-]\s*|\b(?:so|but|and|then|also)\s+)(?:{p})\s+", re.IGNORECASE),
        how,
    )
    for p, how in _FRAMES
]
_LET_KNOW: Final = re.compile(
    r"(?:^|[,;:–—-]\s*|\b(?:and|so|please|pls|just)\s+)(?:please\s+)?"
    r"(?:let (?:me|us) know|tell me|advise(?: me)?|give me (?:your|some"
    r"|any) thoughts)\b\s*(?:of\s+)?",
    re.IGNORECASE,
)
_MEETING_WORDS: Final = re.compile(
    r"\b(?:meet(?:ing)?|get together|call|chat|coffee|lunch|dinner|catch up|talk|speak|"
    r"session|interview|walk ?through|walkthrough|1:1|one-on-one|sync|pairing|brainstorm|panel"
    r"|conference|demo|workshop|visit)\b",
    re.IGNORECASE,
)
# Verbs that always take a thing: said without one, the thing is "it" ("Could you re-send?")
_NEEDS_OBJECT: Final = _set(
    "forward send resend re-send share review print sign email e-mail fax post file approve "
    "handle read proofread edit translate circulate distribute submit finalize update"
)

# ---- cleaning ------------------------------------------------------------------------


def _clean(text: str, names: Iterable[str] = ()) -> str:
    s = " ".join(text.replace("\u2019", "'").split())
    s = re.sub(r"^[\W_]*(?=[A-Za-z])", "", s)  # "^^^^ Are you…", "------- Comments…"
    s = re.sub(r"\$LINK|https?://\S+|(?:\s+at)?\s*<?\S+@\S+\.\w+>?", "", s)
    s = re.sub(r"\s+'(d|ll|s|re|ve|m)\b", r"'\1", s)  # "you 'd like" (a tokenizer's space)
    s = re.sub(r"\b(me|us) you (?=\w+s\b)", r"\1 your ", s)  # "give me you comments"
    s = re.sub(r"\b(me|us|you) rest of\b", r"\1 the rest of", s)  # "email me rest of it"
    s = re.sub(r"\s*\((?=[^()]*[A-Za-z])[^()]*\)", "", s)  # asides: "(Entergy)", "(X-36898)"
    s = re.sub(r",\s*(?:please|perhaps|maybe|possibly|kindly)\s*,", "", s, flags=re.I)
    s = re.sub(r"^(please|pls|kindly)\s*,\s*", r"\1 ", s, flags=re.I)  # "Please, call me"
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        s = re.sub(
            rf"^(?:(?:hi|hello|hey|dear)\s+)?{re.escape(name)}\b\s*[,:;–—-]+\s*",
            "",
            s,
            flags=re.IGNORECASE,
        )
        s = re.sub(rf",\s*{re.escape(name)}\s*(?=[?.!]*$)", "", s, flags=re.IGNORECASE)
    # "Twanda, would you…", "CPage: Would you…", "Julie - Please…": an addressee first
    s = (
        re.sub(
            r"^(?:(?:hi|hello|hey|dear)\s+)?[A-Z][\w.'-]*(?:\s+(?:and|&)\s+[A-Z][\w'-]*)?\s*"
            r"(?:,|:|\s[–—-])\s+(?=\w)",
            "",
            s,
        )
        if not re.match(r"^(?:please|also|and|but|so|if|when|just|ok|okay|yes|no)\b", s, re.I)
        else s
    )
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_JUNK.sub("", s).strip()
        # a leading condition: "If you get a free minute, can you…"
        m = re.match(
            r"^(?:if|when|while|once|since|as|given|after|before)\b[^,]{0,80},\s*", s, re.I
        )
        if m and not re.match(r"^if you could\b", s, re.I):
            s = s[m.end() :]
        # a leading topic: "On Garden State matters, how do you…", "Re the lease, can you…"
        m = re.match(
            r"^(?:on|regarding|re|as for|as to|with respect to|about)\b[^,]{0,60},\s*", s, re.I
        )
        if m:
            s = s[m.end() :]
    return s.strip()


def _from_vp(vp: str, how: str, sentence: str) -> AskPhrase | None:
    if how == "i":
        return None  # "can I use your slides?": a question for permission, read as one
    vp = _trim(vp)
    vp = re.sub(r"\s+if\s+(?:you|there|we|i|it|they)\b.*$", "", vp, flags=re.I)  # a condition
    words = vp.split()
    if not words:
        return None
    first = words[0]
    if how == "ing":
        words[0] = _base_of(first)
    elif not is_verb(first):
        return None
    if words[0].lower() in _NEEDS_OBJECT and (
        len(words) == 1 or words[1].lower() in ("to", "with", "and", "for")
    ):
        words.insert(1, "it")  # "please forward to Jeff": forward it to Jeff
    base = " ".join(words)
    if base.lower().startswith("you ") or re.fullmatch(r"let (?:me|us) know", base, re.I):
        return None  # "let me know" of nothing: no phrase is better than a broken one
    kind = _kind_of_vp(base, how)
    if how == "may we" and kind != "meeting" and words[0].lower() not in _MEETING_VERB:
        # "Can we invite them to the dinner?": the user asks leave, or a decision
        clause = "whether we can " + base
        return AskPhrase(
            "approval", "let me know " + clause, "letting me know " + clause, ing(base), sentence
        )
    if how == "we":  # "I'd like to discuss the plan with you": the helper does it with me
        base = re.sub(r"\bwith you\b", "with me", base)
    if how in ("we", "may we") and kind != "meeting":
        if _MEETING_WORDS.search(base) is None:
            return None  # "we need to discuss X" is a meeting; "we should remain silent" no ask
        kind = "meeting"
    gerund = ing(base)
    topic = _topic_for(kind, base, gerund)
    return AskPhrase(kind, base, gerund, topic, sentence)


def decide_phrase(sentence: str, *, helper_names: Iterable[str] = ()) -> AskPhrase:
    """The phrase model of one ask sentence from a sent message."""
    original = " ".join(sentence[:MAX_SENTENCE].split())
    cond = re.match(
        r"^(?:\W*(?:and|also|so)\s+)?if\s+(.{3,200}?),\s*(?:please\s+|pls\s+|just\s+)?"
        r"(?:let (?:me|us) know|tell me)\W*$",
        original,
        re.IGNORECASE,
    )
    if cond is not None and not re.match(r"(?:you|u) (?:have|need|want)\b", cond.group(1), re.I):
        # "If your kids can come, let me know." -> "let me know whether your kids can come"
        clause = "whether " + cond.group(1)
        return AskPhrase(
            "info", "let me know " + clause, "letting me know " + clause, clause, original
        )
    s = _clean(original, helper_names)
    if not s:
        return AskPhrase("action", "", "", "", original)
    # "let me know …" / "tell me …" before any other frame: it is the question itself
    first_frame: tuple[int, str, str] | None = None
    for pattern, how in _FRAME_RE:
        m = pattern.search(s)
        if m is not None and (first_frame is None or m.start() < first_frame[0]):
            first_frame = (m.start(), how, s[m.end() :])
    lk = _LET_KNOW.search(s)
    if lk is not None and (first_frame is None or lk.start() <= first_frame[0] + 8):
        found = _let_know(s[lk.end() :], original)
        if found is not None:
            return found
    if first_frame is not None:
        _, how, rest = first_frame
        rest = re.sub(r"^(?:please|pls|kindly|also|just)\s+", "", rest, flags=re.I)
        lk2 = _LET_KNOW.match(rest)
        if lk2 is not None:
            found = _let_know(rest[lk2.end() :], original)
            if found is not None:
                return found
        found = _from_vp(rest, how, original)
        if found is not None:
            return found
    words = s.split()
    if (
        words
        and is_verb(words[0])
        and words[0].lower() not in _SUBORDINATORS
        and not s.rstrip().endswith("?")
    ):
        found = _from_vp(s, "base", original)  # an imperative: "Send me the deck."
        if found is not None:
            return found
    if "?" in s:
        found = _question(s, original)
        if found is not None:
            return found
    return AskPhrase("info" if "?" in s else "action", "", "", "", original)
