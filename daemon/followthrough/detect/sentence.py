"""The words of one ask sentence: its request frame, its verb phrase, the -ing form and
the thing asked for ("Could you review the Q3 deck by Friday?" -> "reviewing the Q3 deck",
"the Q3 deck"). Used by ``followthrough.detect.phrase``, which also reads calendar
entries and is what the rest of followthrough calls.

The parts: ``words`` (word lists, inflection: the only lemminflect user), ``clean`` (the
sentence cleaned of greetings, openers and typos), ``forms`` (the
verb phrase trimmed, its object), ``topic`` (the thing a follow-up names), ``question``
(questions and "let me know" asks); this module finds the request frame and puts them
together.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.clean import _clean
from followthrough.detect.forms import _trim
from followthrough.detect.kind import _MEETING_VERB, kind_of_vp
from followthrough.detect.question import _info, _info_topic, _let_know, _question
from followthrough.detect.questionform import asked_clause, plain_question
from followthrough.detect.topic import _topic_for
from followthrough.detect.wanted import _appreciated, _asked_leave, _conditional_ask, _needed
from followthrough.detect.words import (
    _AUX,
    _DETS,
    _OBJ_PRONOUNS,
    _PREPS,
    _SUBORDINATORS,
    _base_of,
    _lemmas,
    _set,
    ing,
    is_verb,
    masked,
    unmasked,
)
from followthrough.model import AskPhrase

# the kind of a bare verb phrase (``followthrough.detect.kind``), by the name its readers use
_kind_of_vp: Final = kind_of_vp

MAX_SENTENCE: Final = 600  # longer text is not one sentence a person wrote
MAX_DESCRIPTION: Final = 4000  # a calendar description is read this far for a request

_FRAMES: Final = (
    # "will you be able to make it?" asks the reader to make it, as "would you" does
    (r"(?:would|will) you (?:still )?be (?:able|willing) to", "base"),
    (r"(?:can|could|may) i (?:ask|trouble|bother) you to", "base"),
    (r"(?:would|do) you (?:like|want|care) to|(?:do )?you (?:want|wanna) to", "base"),
    (r"(?:would|do) you rather|why (?:don't|do not) (?:you|ya|u)", "base"),
    (r"(?:what|how) about", "ing"),
    (
        r"it (?:would|'d) be (?:very |really |so |most |extremely )?(?:great|good|helpful|nice"
        r"|wonderful|ideal|useful|appreciated) if you "
        r"(?:could|would|can)(?: please| also)*",
        "base",
    ),
    (r"(?:i )?hope (?:that )?you (?:can|could|will|would)", "base"),
    (r"(?:can|could|may|should|shall) i\b", "i"),
    # (pattern, how the verb phrase after it is given: "base" or "ing")
    # "would you be interested in joining us?", "I wanted to see if you might be interested
    # in getting together": an invitation, its doing said as asked
    (
        r"(?:(?:i|we) (?:wanted|want|was|were) to (?:see|ask|find out) |(?:i was |i'm |i am )?"
        r"wondering )?(?:if|whether) you (?:might|would|'d|may|are|were) (?:also )?(?:be )?"
        r"interested in|(?:would|might) you (?:also )?be interested in|are you (?:at all |also )?"
        r"interested in",
        "ing",
    ),
    (r"would you mind(?: (?:please|also|just))*", "ing"),
    (r"(?:is there )?(?:any|a) chance of", "ing"),
    (r"(?:is there )?any chance (?:that )?you (?:could|can|would|might)", "base"),
    (
        r"(?:i was |i'm |i am )?wondering (?:if|whether) you (?:could|would"
        r"|might|can|had a chance to)",
        "base",
    ),
    (
        r"(?:(?:i|we) (?:also |just )?(?:wanted|want) to (?:see|ask|check) (?:if|whether) we"
        r"|(?:i was |i'm |i am )?wondering (?:if|whether) we) (?:could|can|might)"
        r"|it (?:would|'d) be (?:very |really |so )?(?:great|good|nice|helpful|wonderful|ideal"
        r"|useful) if we (?:could|can)",
        "we",
    ),
    # "I would like to invite you and a guest to join me for the gala": the doing invited to
    (r"(?:i|we) (?:would|'d) (?:like|love) to invite (?:you|u)(?: and (?:a|your) \w+)? to", "base"),
    (
        r"(?:i was |i'm |i am )?wondering (?:if|whether) it (?:might|would|could) be possible"
        r" (?:for you )?to",
        "base",
    ),
    (
        r"(?:i|we) (?:would|'d) (?:really |greatly |very much "
        r"|so )?(?:appreciate(?: it)?|be (?:most |very "
        r"|eternally |so )?grateful|love it|like it) if you (?:could|would|can|might)",
        "base",
    ),
    (r"(?:would|could|will) it be possible (?:for you )?to", "base"),
    (r"(?:i|we) (?:would |'d )?(?:suggest|recommend|propose) (?:that )?you", "base"),
    (
        r"(?:you|u) (?:might|may|could)(?: want to| wish to)?"
        r"(?=\s+(?:tell|let|ask|send|call|check|email|forward)\b)",
        "base",
    ),
    (
        r"(?:i|we) (?:would|'d) (?:like|love|welcome|appreciate|value) (?:the|an) (?:opportunity"
        r"|chance) to",
        "we",
    ),
    # "Is it possible to get a copy of the report?": the writer gets it, so it is sent to them
    (
        r"(?:is it|would it be) (?:at all )?possible (?:for (?:me|us) )?to"
        r"(?= (?:get|receive|obtain))",
        "i",
    ),
    (r"is it possible (?:for you )?to", "base"),
    (
        r"(?:do you think )?(?:you )?(?:could|can|would|will|might) (?:you or (?:someone (?:on|in"
        r"|from) your \w+|somebody|anyone|one of your \w+|someone)|(?:both|either|one|any|each"
        r"|all) of you|(?:you|u)(?: two| both| all| guys)?)"
        r"(?: please| possibly| also| kindly| just| maybe| perhaps"
        r"| still)*",
        "base",
    ),
    (  # "so perhaps someone can point me to the docs?"
        r"(?:perhaps |maybe )?(?:someone|somebody|anyone|anybody) (?:can|could)(?: please| just)*",
        "base",
    ),
    (
        r"(?:could|can|would|will) (?:someone|somebody|anyone|anybody)(?: (?:who|that) (?:is|are)"
        r" (?:interested|able|around|familiar with [\w-]+))?(?: please| kindly)*",
        "base",
    ),
    (r"(?:are|were) you (?:able|willing) to", "base"),
    (
        r"(?:i|we) (?:need|want|would like|'d like) (?:you|u)(?: and (?:a|your|the) \w+)? to",
        "base",
    ),
    (r"if you (?:could|can|would)(?: please| also| just)*", "base"),
    (r"(?:just )?a (?:quick |friendly |gentle )?reminder to", "base"),
    # "I assume you're going to report this to them?": a question that asks it done
    (
        r"(?:i (?:assume|take it|trust|guess) (?:that )?)(?:you're|you are) (?:going to|gonna)",
        "base",
    ),
    (r"(?:please )?(?:don't|do not) forget to", "base"),
    (r"(?:please )?remember to", "base"),
    (r"(?:please )?(?:try|be sure) (?:and|to)", "base"),
    (r"(?:can|could|may) we(?: please| maybe| also)*", "may we"),
    (r"(?:shall|should) we(?: please| maybe| also)*", "shall we"),
    (r"(?:shall|should) i(?: please| maybe| also)*", "we"),
    (
        # the subject is left out after "and": "I'll be in town and would like to meet"; a
        # wish to meet said as what would be good: "It would be great to meet in person"
        r"(?:(?:(?:i|we)(?: would|'d)?|would) (?:really |also )?(?:like|want|love|need) to"
        r"|it (?:would|'d) be (?:really |very |so )?(?:great|good|nice|wonderful|helpful|useful"
        r"|lovely) to)"
        r"(?=\s+(?:discuss|talk|go over|see (?:you|u)\b|visit|meet|chat|catch up|get caught up"
        r"|get together|sit down|speak"
        r"|have (?:lunch|coffee|dinner|(?:a|the) (?:call|meeting|conference call|chat))))",
        "we",
    ),
    (r"(?:let's|lets|let us)", "we"),
    (
        r"(?:maybe |perhaps )?we (?:can|could|should|need to|have to|must|will need to"
        r"|'ll need to|might)(?: also| probably)*",
        "we",
    ),
    (r"(?:the (?:two|three|four) of us|we all)(?: probably| should| need to| must)*", "we"),
    # "please do send it" (emphatic do), but "please do this": do is the verb
    (
        r"(?:please|pls|kindly)(?: (?:also|just))*(?: do(?= (?!(?:this|that|it|so|the|a|an|me|us"
        r"|these|those|what|all|some|any)\b)[a-z]))?",
        "base",
    ),
    (
        r"(?:you|u) (?:(?:will |would |might |may )?(?:need|have|want) to|should|ought to)"
        r"(?: (?:also|just|probably|really))*(?!\s+(?:be|know|get (?:a|an|the|it)|see)\b)"
        r"(?!\s+have\s+(?!(?:them|him|her|someone|somebody|the|your|a|an|it)\b))",
        "base",
    ),
)
_FRAME_RE: Final = [
    (
        re.compile(
            rf"(?:^|[,;:!(–—-]\s*|\b(?:so|but|and|then|also|that)\s+)(?:{p})\s+", re.IGNORECASE
        ),
        how,
    )
    for p, how in _FRAMES
]
_LET_KNOW: Final = re.compile(
    r"(?:^|[,;:–—-]\s*|\b(?:and|so|please|pls|just)\s+)(?:please\s+)?"
    r"(?:let (?:me|us) know|tell me|advise(?: me)?|give me (?:your|some"
    r"|any) thoughts|(?:(?:i|we) )?(?:just |also |really )?(?:need|want|wanted|would like"
    r"|'d like) to know)\b"
    r"\s*",
    re.IGNORECASE,
)
_DETS_OF_TIME: Final = _set("tomorrow today tonight monday tuesday wednesday thursday friday")
_MEETING_WORDS: Final = re.compile(
    r"\b(?:meet(?:ing)?|get together|call|chat|coffee|breakfast|lunch|dinner|drinks?|catch up"
    r"|talk|speak|discuss|"
    r"session|interview|walk ?through|walkthrough|1:1|one-on-one|sync|pairing|brainstorm|panel"
    r"|conference|demo|workshop|visit|see (?:me|us))\b",
    re.IGNORECASE,
)
# Verbs that always take a thing: said without one, the thing is "it" ("Could you re-send?")
_NEEDS_OBJECT: Final = _set(
    "forward send resend re-send share review print sign email e-mail fax post file approve "
    "handle read proofread edit translate circulate distribute submit finalize update schedule "
    "pass hand discuss "
    "rewrite redo revise"
)


def _from_vp(vp: str, how: str, sentence: str) -> AskPhrase | None:
    if how == "i":
        return _asked_leave(vp, sentence)
    if how == "shall we":
        # "Shall we meet at yours or mine?": a choice the reader answers, said back whole
        options = _trim(rx.sub(r"\?.*$", "", vp))
        if "?" in sentence and rx.search(r"\bor\b", options) and is_verb(options.split()[0]):
            clause = "whether we should " + options.replace(",", "")
            topic = ing(options.replace(",", ""))  # "meeting at yours or mine": the choice
            return AskPhrase(
                "info", "let me know " + clause, ing("let me know " + clause), topic, sentence
            )
        how = "we"
    choice = rx.match(
        r"^(prefer|rather)\b([^?.!]+\bor\b[^?.!]+|(?<=prefer) (?:that|to|if|we|i|it)\b[^?.!]+)",
        vp.strip(),
        re.I,
    )
    if choice is not None:
        # "Would you prefer to keep it, or split it?", "would you prefer that everyone
        # chip in?": a question of what the reader prefers, said back as one
        said = "you'd prefer" if choice.group(1).lower() == "prefer" else "you'd rather"
        return _info(f"whether {said}{choice.group(2).replace(',', '')}".strip(), sentence)
    vp = _trim(vp)
    vp = rx.sub(
        r"^help (me|us) (?:with )?how to (?=\w)", r"help \1 ", vp, flags=re.I
    )  # "help me how to X"
    if not rx.search(r"\bI\b", vp):
        vp = rx.sub(r"\bmyself\b", "me", vp)  # "reply to Kay and myself": no "I" it goes back to
    if rx.match(r"^(?:see|check|find out|ask|determine|verify|confirm)\s+if\b", vp, re.I) is None:
        vp = rx.sub(r"\s+if\s+(?:you|there|we|i|it|they)\b.*$", "", vp, flags=re.I)  # a condition
    words = vp.split()
    if not words:
        return None
    first = words[0]
    if first[:1].isupper() and first[1:].islower():
        first = words[0] = first.lower()  # "Give me a call…" at the start of a sentence
    if how == "ing" and not first.lower().endswith("ing"):
        # "How about lunch?": time together is had; any other thing is no verb phrase
        if first.lower() in _DETS_OF_TIME:
            return None
        if _MEETING_WORDS.search(vp) is None:  # "What about the budget?": tell me about it
            clause = "about " + " ".join(words)
            return AskPhrase(
                "info",
                "let me know " + clause,
                "letting me know " + clause,
                _info_topic(clause),
                sentence,
            )
        words.insert(0, "have")
    elif how == "ing":
        words[0] = _base_of(first)
    elif not is_verb(first.rstrip(",")) and not _verb_by_place(words, how):
        return None  # "print, sign and return it": a series of verbs
    # "print and then file X": the verbs share the object that follows the last of them
    second = (
        words[3 if len(words) > 3 and words[2].lower() == "then" else 2] if len(words) > 2 else ""
    )
    after = words[words.index(second) + 1 :] if second else []
    shared = (
        words[1:2] in (["and"], ["or"])
        and second.lower() in _NEEDS_OBJECT
        and after[:1] not in (["me"], ["us"])  # "review and send me your notes": review it
    )
    if shared and words[-1] is second:
        words.append("it")  # "please print and sign": print and sign it
    if (
        words[0].lower() in _NEEDS_OBJECT
        and (len(words) == 1 or words[1].lower() in ("to", "with", "and", "for"))
        and not shared
    ):
        words.insert(1, "it")  # "please forward to Jeff": forward it to Jeff
    elif (
        words[0].lower() in _NEEDS_OBJECT
        and len(words) > 1
        and words[1].lower() in ("out", "up", "off", "over", "along", "back", "on")
        and (len(words) == 2 or words[2].lower() in ("to", "with", "and", "for", "from", "by"))
    ):
        words.insert(2, "it")  # "print out for Steve": print it out… said as "print out it"
        words[1], words[2] = words[2], words[1]
    offer = rx.match(r"^(?:like|want) (?:me|us) to (\S+ .+)$", " ".join(words), re.I)
    if offer is not None and is_verb(offer.group(1).split()[0]):
        # "Would you like me to fax it?": the question is whether I should
        rest = rx.sub(r"^(fax|send|email|e-mail|mail|forward) to\b", r"\1 it to", offer.group(1))
        clause = f"whether you'd like me to {rest}"
        return _info(clause, sentence)
    if [w.lower() for w in words] in (["call"], ["help"]):
        words.append("me")  # "Please call.": call me; "Help!": help me
    base = " ".join(words)
    if base.lower().startswith("you ") or rx.fullmatch(r"let (?:me|us) know", base, re.I):
        return None  # "let me know" of nothing: no phrase is better than a broken one
    kind = _kind_of_vp(base, how)
    if how == "may we" and kind != "meeting" and words[0].lower() not in _MEETING_VERB:
        # "Can we invite them to the dinner?": the user asks leave, or a decision
        clause = "whether we can " + base
        return AskPhrase(
            "approval", "let me know " + clause, "letting me know " + clause, ing(base), sentence
        )
    if how == "we":  # "I'd like to discuss the plan with you": the helper does it with me
        base = rx.sub(r"\b(with|to) you\b", r"\1 me", base)
        base = rx.sub(r"^(meet|see|visit) you\b", r"\1 me", base)  # "to meet you": meeting me
    if how in ("we", "may we") and kind != "meeting":
        if _MEETING_WORDS.search(base) is None:
            return None  # "we need to discuss X" is a meeting; "we should remain silent" no ask
        kind = "meeting"
    gerund = ing(base)
    topic = asked_clause(base) or _topic_for(kind, base, gerund)
    return AskPhrase(kind, base, gerund, topic, sentence)


def _verb_by_place(words: list[str], how: str) -> bool:
    """Whether the first word after "could you …" is a verb the dictionary lacks, by where
    it stands: a request frame is followed by a verb, and a word that the dictionary gives no
    verb, adjective or adverb for, followed by its object or by "and" and another verb, is
    one ("could you path those deals", "MC the all-hands", a typo: "atach and send")."""
    if how != "base" or len(words) < 2 or not words[0].isalpha() or not words[0].islower():
        return False
    forms = _lemmas(words[0])
    if forms.keys() - {"NOUN"} or words[0] in _AUX | _SUBORDINATORS | _PREPS | _DETS:
        return False
    nxt = words[1].lower()
    if forms:  # a noun the dictionary knows: only before a determiner ("path those deals")
        return nxt in _DETS - {"one", "two", "three", "more"} | {"my", "your", "our"}
    return nxt in _DETS | _OBJ_PRONOUNS | {"my", "your", "our"} or (
        nxt in ("and", "or") and len(words) > 2 and is_verb(words[2])
    )


_A_AN: Final = _set("a an another")


# Where one sentence ends and the next starts in a pasted passage ("… on December 7.
# Please, go ahead …"); not after a title ("Mr. Heffner") or an initial.
_SENTENCE_END: Final = re.compile(
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\b[A-Z]\.)(?<=[.!?])\s+"
    r"(?=[A-Z\"'])"
)


def _request_first(sentences: list[str]) -> list[str]:
    """The sentences of a passage, the ones that ask first: a question, "please", a request
    frame or "let me know" before statements around them."""

    def asks(text: str) -> bool:
        return (
            text.rstrip().endswith("?")
            or rx.search(r"\b(?:please|pls|kindly)\b", text, re.I) is not None
            or _LET_KNOW.search(text) is not None
            or any(p.search(text) for p, _ in _FRAME_RE)
        )

    return [t for t in sentences if asks(t)] + [t for t in sentences if not asks(t)]


# what the main clause after "if you could X," says when X is the ask: it would help
_IF_ASKS: Final = re.compile(
    r"^(?:(?:that|it|this)(?:'d|'ll| would| will)? (?:be|help|make|mean|save)|i(?:'d|'ll| would"
    r"| will| shall)? (?:be|appreciate|owe|love)|thanks?\b|please\b)",
    re.I,
)


def _asks_if(m: re.Match[str], s: str) -> bool:
    """Whether a frame asks: "if you can X, that would be great" asks X; in "if you can fit
    it in, Jo and I would like to meet you" the main clause asks, not the condition."""
    if rx.match(r"^[\W]*(?:(?:but|and|so|then|also|that)\s+)?if you\b", m.group(0), re.I) is None:
        return True  # "it would be nice if you could …": the frame is the whole sentence
    _, comma, after = s[m.end() :].partition(",")
    return not comma or _IF_ASKS.match(after.strip()) is not None


def decide_phrase(sentence: str, *, helper_names: Iterable[str] = ()) -> AskPhrase:
    """The phrase model of one ask sentence from a sent message (a passage of several
    sentences is read for the one that asks)."""
    original = " ".join(sentence[:MAX_SENTENCE].split())
    parts = [p for p in _SENTENCE_END.split(masked(original)) if p.strip()]
    found = None
    for part in _request_first(parts) if len(parts) > 1 else ():
        found = _decide_one(part, helper_names)
        if found.gerund or found.topic:
            break
    if found is None or not (found.gerund or found.topic):
        found = _decide_one(masked(original), helper_names)
    base, gerund, topic = (unmasked(f) for f in (found.base, found.gerund, found.topic))
    return AskPhrase(found.kind, base, gerund, topic, original)


def _decide_one(original: str, helper_names: Iterable[str]) -> AskPhrase:
    found = _conditional_ask(original)
    if found is not None:
        return found
    s = _clean(plain_question(original), helper_names)
    if not s:
        return AskPhrase("action", "", "", "", original)
    s = plain_question(s)
    if s.rstrip().endswith("?"):  # "You available for a call?": the auxiliary left out
        s = rx.sub(
            r"^(?:you|u) (?=(?:available|free|around|ok|okay|ready|busy|still)\b)",
            "are you ",
            s,
            flags=re.I,
        )
        s = rx.sub(r"^(?:you|u) (?=(?:have|need|want|know|mind|think)\b)", "do you ", s, flags=re.I)
        s = rx.sub(r"^(?:we|they) (?=\w+ing\b)", lambda m: f"are {m.group(0)}", s, flags=re.I)
        # "Perhaps coffee or lunch?": a proposal said as a bare noun phrase is "how about …"
        s = rx.sub(
            r"^(?:perhaps|maybe)\s+(?=[^,;:]{1,40}\?\s*$)(?!(?:you|we|i|it)\b)",
            "how about ",
            s,
            flags=re.I,
        )
        # "Could send me one each?": the "you" left out of a request
        lost = rx.match(r"^(can|could|would|will) (\w+)\b", s, re.I)
        if (
            lost is not None
            and is_verb(lost.group(2))
            and lost.group(2).lower() not in _AUX | {"be", "do", "not", "you", "u", "i", "we"}
        ):
            s = f"{lost.group(1)} you {s[lost.end(1) + 1 :]}"
    found = _appreciated(s, original)
    if found is not None:
        return found
    found = _needed(s, original)
    if found is not None:
        return found
    # "let me know …" / "tell me …" before any other frame: it is the question itself
    first_frame: tuple[int, str, str] | None = None
    for pattern, how in _FRAME_RE:
        m = pattern.search(s)
        if m is not None and not _asks_if(m, s):
            continue
        if m is not None and (first_frame is None or m.start() < first_frame[0]):
            first_frame = (m.start(), how, s[m.end() :])
    lead = s.split()[0] if s.split() else ""
    if (
        first_frame is not None
        and first_frame[0] > 0
        and first_frame[1] in ("we", "may we", "shall we")
        and is_verb(lead)
        and lead.lower() not in _SUBORDINATORS | _AUX
    ):
        first_frame = None  # "Give me a call so we can discuss Josh": the imperative asks
    lk = _LET_KNOW.search(s)
    if lk is not None and (first_frame is None or lk.start() <= first_frame[0] + 8):
        found = _let_know(s[lk.end() :], original)
        if found is not None:
            return found
    if first_frame is not None:
        _, how, rest = first_frame
        rest = rx.sub(r"^(?:please|pls|kindly|also|just)\s+", "", rest, flags=re.I)
        lk2 = _LET_KNOW.match(rest)
        if lk2 is not None:
            found = _let_know(rest[lk2.end() :], original)
            if found is not None:
                return found
        found = _from_vp(rest, how, original)
        if found is not None:
            return found
    words = s.split()
    command_have = len(words) > 2 and words[0].lower() == "have" and words[1].lower() in _A_AN
    if (
        words
        and is_verb(words[0].rstrip("!"))
        and (
            words[0].lower() not in _SUBORDINATORS | _AUX | {"please", "pls", "kindly"}
            or command_have  # "Have a look at the logs." (not "Have you …?")
        )
        and not s.rstrip().endswith("?")
    ):
        found = _from_vp(s, "base", original)  # an imperative: "Send me the deck."
        if found is not None:
            return found
    # "I'm still wondering if my email made it through": a question said as a wish to know
    wonder = rx.match(
        r"^(?:i'm|i am|i was|i've been|we're|we are|we were)?\s*(?:still |just |also )?wondering"
        r" (?:if|whether) (?!(?:you|we|u) (?:could|can|would|might)\b)(.+)$",
        s,
        re.I,
    )
    if wonder is not None and _trim(wonder.group(1)):
        return _info("whether " + _trim(wonder.group(1)), original)
    # a question written with a full stop: "Also, do you know if Skipper plans to attend."
    asked = rx.match(r"^(?:do|does) (?:you|anyone|anybody) (?:happen to )?know\b", s, re.I)
    # the subject after its auxiliary makes a question of it, full stop or not: "Did you ever
    # send CES the copies.", "Are you still available Weds or Thurs a.m."
    asked = asked or rx.match(
        r"^(?:did|do|does|are|were|is|was|have|has) (?:you|we|they|anyone|anybody|there)\b", s, re.I
    )
    if "?" in s or asked is not None:
        found = _question(s, original)
        if found is not None:
            return found
    return AskPhrase("info" if "?" in s else "action", "", "", "", original)
