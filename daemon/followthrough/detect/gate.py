"""Is a sentence addressed to the reader, and the least confidence its form earns.

The intent model learned a broad "intent" (proposals, the writer's own plans, marketing
calls to action count). An ask needs the reader to act; ``_gate`` decides that from the
sentence's rules and form, and ``may_be_addressed`` is its cheap necessary condition, run
before anything else (most sentences of real mail fail it).
"""

from __future__ import annotations

import re
from typing import Final, Literal

from followthrough.detect.boilerplate import is_boilerplate
from followthrough.detect.features import _IMPERATIVE

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
