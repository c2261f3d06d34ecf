"""Is a sentence addressed to the reader, and the least confidence its form earns.

The intent model learned a broad "intent" (proposals, the writer's own plans, marketing
calls to action count). An ask needs the reader to act; ``_gate`` decides that from the
sentence's rules and form, and ``may_be_addressed`` is its cheap necessary condition, run
before anything else (most sentences of real mail fail it).
"""

from __future__ import annotations

import re
from typing import Final, Literal

from followthrough.detect.boilerplate import courtesy_after_advice, is_boilerplate
from followthrough.detect.direct import _shouted, clear_frame
from followthrough.detect.features import _IMPERATIVE, _TOKEN, gate_parts
from followthrough.detect.group import (
    _ANY_WAY,
    _HELP_WISH,
    _NOUN_ASK,
    _SOMEONE_DO,
    _TAIL_NOUN_ASK,
    _TELL_HELPS,
    _THERE_ASK,
    _bare_verb,
    _group_ask,
    group_if_ask,
    thing_wished,
    yours_awaited,
)
from followthrough.detect.mass import is_mass_mail, sales_words
from followthrough.detect.rhetoric import (
    _DONT_REPLY,
    _IDIOM,
    _IF_YOU_WISH,
    _INTERESTED,
    _JUST_YOU,
    _LET_ME_SAY,
    _MARKETING,
    _NICE_WISH,
    _RHETORICAL,
    _SAID,
    _SAID_COLON,
    _SPEECH,
    _SPONSOR,
    argued_or_courtesy,
    group_poll,
    not_pressing,
    reported_speech,
    sarcasm,
)
from followthrough.detect.words import Needs


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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
    r"\b(?:please|pls|kindly) (?:note|find|see attached"
    r"|be (?:advised|assured|aware|informed|notified)|refer"
    r"|ignore|disregard|keep this|retain this|maintain confidentiality|consider the environment"
    r"|excuse|forgive|pardon|accept (?:my|our)|(?:realize|realise|understand) that"
    r"|add (?:us |me |this (?:\w+ )?)?to (?:your )?(?:white ?list|safe[- ]?senders?|approved"
    r" senders|contacts|address book)|join (?:me|us) in (?:welcoming|congratulating|thanking"
    r"|wishing)"
    r"|allow (?:up to |at least |about )?(?:\d+|a few|several|a couple of|one|two|three|four|five"
    r"|six|seven|eight|nine|ten)[ -](?:\w+ )?(?:minutes?|hours?|days?|weeks?|months?))\b"
)
# Requests without "you", to a group, and questions without "?" (issue 17): a person reads
# each as an ask.
_NO_YOU_ASK: Final = re.compile(
    r"(?=[aeiswy])"  # (its branches' first letters: a class the search skips to)
    r"(?:\b(?:your|any|some) (?:[a-z'-]+ ){0,3}(?:comments?|feedback|input|thoughts|help"
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
    r"|\byour (?:[a-z'-]+ ){0,2}(?:authori[sz]ation|approval|attention|response|reply|input"
    r"|signature|presence|attendance|participation|confirmation|decision|vote) (?:is|are)"
    r" (?:kindly |urgently |hereby )?(?:requested|required|needed|requested)\b"
    r"|\b(?:i|we|and)(?:'d| would)? (?:strongly |really |also )?(?:encourage|urge|invite)"
    r" (?:you|everyone|everybody|folks|people|all|anyone|y'all|each)(?: of you)? to\b)"
)
# One word that only echoes or exclaims ("Really?", "Huh?", "Why?"): no question to answer.
_ECHO: Final = _words(
    "really huh eh what why how seriously no yes ok okay hmm right sorry pardon so and excuse"
    " me who when where wtf"
)
# Emoticons and asides after the "?" ("… for it? ;)", "… right? *grin*").
_TRAILER: Final = re.compile(r"(?:\s*(?:[;:8]-?[()pPdD/\\|]+|\*\w+\*|\(\w+\)|[.!]+))+\s*$")
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
_LINK_INTRO: Final = Needs(
    ":",
    r"\b(?:link|page|below|here|address|site|browser|at|url|visit|topic)\W*:\s*$",
)
_US_TOO: Final = re.compile(r"(?:can|could|shall|should) (?:we|i)\b")
UNADDRESSED: Final = 0.44  # confidence factor for a sentence that asks nothing of the reader
BOILERPLATE: Final = 0.3  # closers, offers, social lines and sign-offs: never even suggested
# The rules whose words are a request to the reader on their own ("could you", "I was
# wondering if you could", "any chance you could", "I'd appreciate it if"): a sentence
# with one, not blocked, is at least suggested (config.example.toml suggest_threshold).
_PLAIN_ASK: Final = frozenset(("modal-you", "indirect", "appreciate-if", "you-should", "wish-ask"))
PLAIN_ASK_FLOOR: Final = 0.5
CLEAR_ASK_FLOOR: Final = 0.8  # "your comments would be appreciated", "does anyone know…"
# The most a sentence that may not be meant as an ask earns (a plain question, advice,
# directions, "you should", "can we"): under the shipped track threshold (0.75), so it is
# suggested, never tracked on its own; the user's corrections may still lift it.
TRACK_CAP: Final = 0.7
_OFFER_ME: Final = Needs(
    "let |me to|shall i|should i",
    r"\b(?:you|u) (?:could|can|might|may) (?:just |always )?let (?:me|us) (?!know\b)"
    r"|\b(?:want|like) me to\b|\b(?:shall|should) i\b",
)
_MEET_WORDS: Final = frozenset(
    ("meet", "meeting", "lunch", "dinner", "breakfast", "coffee", "join", "attend", "discuss")
)
_PERSONAL: Final = frozenset(("you", "do-you", "modal-we"))
# "I'm just wondering why the filter catches it": a question put as the writer's state of
# mind (not "I wonder if …", which as often muses): at least suggested.
_WONDERING: Final = re.compile(
    r"\b(?:i|we)(?:'m| am| are|'re| was| were) (?:just |really |also |still )?wondering (?:about"
    r"|why|how|what|whether|if|where|when|who|which)\b"
)
# "Can I use a wildcard here?", "Vipul, could I post my question on this list?": the writer
# asks the reader's leave or knowledge for what they want to do; the reader answers. Not
# the writer steering their own text ("may I suggest", "can I just say").
_CAN_I: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:and|so|also|but|ok|then|btw|now),? )?(?:can|could|may) i"
    r" (?!(?:just |also |only |even )?(?:say|suggest|add|point|remind|mention|note|stress"
    r"|emphasi[sz]e|be (?:honest|frank|blunt|clear)|ask (?:you )?(?:a|one|something|why)"
    r"|believe|trust|help|offer|get you)\b)[a-z]"
)
# The request rules that make a sentence trackable ("you should" is advice).
_STRONG_ASK: Final = _YOU_ASK - {"you-should"}
# "Please see the FAQ", "please contact your vendor", "please don't reply": directions
# to something or someone else, not a request the writer waits on.
_DIRECTION: Final = Needs(
    "please|pls|kindly",
    r"\b(?:please|pls|kindly)\W+(?:do not|don't|dont|never|see|visit|refer|read|go to|click|tap"
    r"|follow|consult|check out|look at|direct|address|forward (?:it|this|them) to"
    r"|(?:contact|call|e-?mail|write to|ask) (?!me\b|us\b|him\b|her\b|them\b)(?:your|the|a|an"
    r"|their|our|[a-z]+ (?:at|on|directly)\b))",
)
# A real question: an interrogative at the start of the sentence or of its last clause
# ("It looks like you're running procmail -- what are the permissions?", "If it breaks,
# will it work with the .src.rpm?"), or a tag question ("…, didn't you?", "…, right?").
_INTERROGATIVE: Final = re.compile(
    r"(?:^(?:[a-z'-]+[,:] )?|[,;:(]\s*|\s-+\s*|\b(?:but|and|or|so)\s)"
    r"(?:(?:and|so|also|but|ok|or|then|btw|well|hmm|oh),? )*(?:how|what|where|when|why|which"
    r"|who|whom|whose|do|does|did|don't|doesn't|didn't|can|could|would|will|won't|is|isn't"
    r"|are|aren't|am|has|hasn't|have|haven't|was|wasn't|were|should|shall|may|might|any ?way"
    r"|anything|any|is there|are there)\b[^?,;]{4,}\?\s*$"
    r"|,\s*(?:right|correct|no|yes|ok|okay|eh|(?:is|are|do|did|does|can|will|have|has|was"
    r"|were|should|could|would)(?:n't)? (?:you|it|they|we|he|she|i|there|that))\s*\?\s*$"
)
_WHEN_WORDS: Final = _words(
    "today tonight tomorrow asap eod cob monday tuesday wednesday thursday friday "
    "saturday sunday week weekend noon deadline"
)
_DUE_WORDS: Final = Needs(
    "by |before |until |later than ",
    r"\b(?:by|before|until|no later than) (?:the )?\d",
)


_WH: Final = re.compile(r"\b(?:what|which|who|whom|whose|where|when|why|how)\b")


def _wh_question(lower: str, words: dict[str, str]) -> bool:
    """A "will you" after a question word ("which product will you get?") asks nothing."""
    modal = words.get("modal-you")
    if modal is None or words.keys() & (_PLAIN_ASK - {"modal-you"}):
        return False
    clause = re.split(r"[,;:]", lower[: lower.find(modal)])[-1]
    return _WH.search(clause) is not None


Gate = Literal["rhetorical", "boilerplate", "unaddressed", "addressed"]


# Words without which a pattern cannot match (checked before running it, as features.py does)
_NO_YOU_WORDS: Final = _words(
    "appreciated welcome welcomed helpful useful invaluable great received appreciate "
    "value interested keen eager curious grateful asking requesting request ask "
    "requested asked reminded required needed encourage urge invite"
)
_GROUP_WORDS: Final = _words(
    "anyone anybody someone somebody everyone everybody people folks y'all guys you others list"
)


_MAY_WORDS: Final = frozenset(
    (
        *_NO_YOU_WORDS,
        *_GROUP_WORDS - {"you"},
        *_words(
            "please pls plz kindly know posted wonder wondering hoping hope chance possible way"
            " reminder mind love i'd we'd want need would if time thoughts ideas comments"
            " suggestions"
            " opinions objections volunteers takers help about don't anyway waiting awaiting"
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
    if not _IMPERATIVE.isdisjoint(tokens) and any(map(sentence.__contains__, _CLAUSE_MARKS)):
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


def _weak_imperative(lower: str, tokens: set[str]) -> bool:
    """An imperative or question that gives advice or directions ("have a look at the
    docs", "use your browser to …", "discuss this story at:") or only asks about something
    ("have you tried both?"), rather than asking for something for the writer ("send me
    the log") or by a time ("review it by Friday")."""
    return (
        "me" not in tokens
        and "us" not in tokens
        and _WHEN_WORDS.isdisjoint(tokens)
        and _DUE_WORDS.search(lower) is None
    )


# A parenthetical, closed or left open at the end: "… (anyone else want a go?)".
_ASIDE: Final = re.compile(r"\([^()]*\)|\([^()]*$")


def _aside_only(sentence: str) -> bool:
    """Whether what asks in ``sentence`` is only a question put in a parenthetical aside
    ("You deserve a medal... (anyone else want to do the honors?)"): the sentence without
    its asides is not addressed to the reader. An instruction in brackets ("(pls put it on
    my calendar)") is no aside."""
    asides = _ASIDE.findall(sentence)
    if not any("?" in a for a in asides):
        return False
    outside = _ASIDE.sub(" ", sentence).strip()
    if not any(c.isalpha() for c in outside):
        return True  # the whole sentence is the aside
    lower = outside.lower()
    toks = _TOKEN.findall(lower)
    cheap = gate_parts(outside, lower, toks, set(toks))
    return _gate(outside, lower, cheap.shape, cheap.hits, cheap.tokens)[0] != "addressed"


def _headline(sentence: str, lower: str, tokens: set[str]) -> bool:
    """A headline or a shout ("BROTHER, CAN YOU SPARE A JET?", "Are You Paying Too Much?"):
    the style of a newsletter or an advertisement, not of a person asking; at most
    suggested, like an aside. Not a shouted ask for the writer or by a time ("PLEASE SEND
    ME THE FIGURES BY FRIDAY")."""
    return _shouted(sentence) and _weak_imperative(lower, tokens)


# Words without which none of rhetoric's patterns can match (checked before running them).
_RHETORIC_WORDS: Final = _words(
    "believe imagine like want agree say think ask give spare tell don't go bite trust mark let"
    " waiting talking shoot pony amen witness hallelujah self"
)


def _gate(
    sentence: str,
    lower: str,
    feats: list[str],
    hits: list[tuple[str, str]],
    tokens: set[str] | None = None,
) -> tuple[Gate, float, float]:
    """Is ``sentence`` addressed to the reader, the least confidence its form earns and
    the most (see ``_ask_confidence``). ``feats`` needs only the shape features."""
    if tokens is None:
        tokens = set(re.findall(r"[a-z0-9$]+(?:'[a-z]+)?", lower))
    words = dict(hits)
    bare = sentence.rstrip()
    question = bare.endswith("?")
    if not question and "?" in bare:  # "… for it? ;)", "… right? *grin*"
        # (no match of ``_TRAILER`` has a "?": ``_TRAILER.sub("", bare).endswith("?")``)
        question = _TRAILER.match(bare, bare.rfind("?") + 1) is not None
    clear = (
        (not _NO_YOU_WORDS.isdisjoint(tokens) and _NO_YOU_ASK.search(lower) is not None)
        or yours_awaited(lower, tokens)
        or thing_wished(lower, tokens)
        or (not _GROUP_WORDS.isdisjoint(tokens) and _group_ask(lower, question))
        or ("if" in tokens and not _GROUP_WORDS.isdisjoint(tokens) and group_if_ask(lower))
        or (
            (question or (len(lower) < 40 and not lower.startswith("some ")))
            and _NOUN_ASK.match(lower) is not None
            and not lower.rstrip().endswith((":", "..."))  # "Some thoughts:" introduces
        )
        or (question and _TAIL_NOUN_ASK.search(lower) is not None)
        or (question and "way" in lower and _ANY_WAY.match(lower) is not None)
        or (question and "there" in tokens and _THERE_ASK.match(lower) is not None)
        or (("help" in tokens or "helpful" in tokens) and _TELL_HELPS.match(lower) is not None)
    )
    asked = question
    if not question and _QUESTION_FORM.match(lower) and not _SELF.match(lower):
        asked = True  # "How do I go about getting it removed."
    you_ask = words.keys() & _YOU_ASK
    fyi = "please" in you_ask and _PLEASE_FYI.search(lower) is not None
    if fyi:  # "please find attached", "please note": the verb is no request either
        you_ask = you_ask - {"please"}
    imperative = ("x:imper" in feats or "x:imper2" in feats) and not fyi
    addressed = clear or bool(you_ask) or imperative
    if "modal-we" in words and _US_TOO.match(words["modal-we"]):
        addressed = True
    if asked and ("you" in words or "do-you" in words or "x:qword" in feats):
        addressed = True
    # Any real question to the list ("What's wrong with …?", "Anyway to fix this?", "Am I
    # the only one …?") is at least a suggestion.
    # Any other sentence that ends with its "?" is a question to the reader too ("So the
    # old firewall code is not encumbered?", "Recommendations?", "Horror stories?"), unless
    # it only echoes or exclaims ("Really?", "Why?").
    bare_question = (
        question
        and not _wh_question(lower, words)  # "…, but which one will you pick?"
        and (
            _INTERROGATIVE.search(lower) is not None
            or (
                len(found := re.findall(r"[a-z][a-z']+", lower)) >= 2  # not "2.4?", "perl ?"
                and not _ECHO.issuperset(found)
            )
        )
    )
    # "it'd be a great help", "somebody fix the setting": asks without "you"
    wish = (("help" in tokens or "helpful" in tokens) and _HELP_WISH.search(lower) is not None) or (
        ("someone" in tokens or "somebody" in tokens)
        and (m := _SOMEONE_DO.search(lower)) is not None
        and _bare_verb(m.group(1))
    )
    if not wish and ("if" in tokens or "for" in tokens):
        wish = (
            ("you" in tokens or "u" in tokens)
            and "be" in tokens
            and _IF_YOU_WISH.search(lower) is not None
        )
    if wish:
        addressed = True
    if not (addressed or bare_question):
        return "unaddressed", 0.0, 1.0
    if (
        not _RHETORIC_WORDS.isdisjoint(tokens)
        and (_RHETORICAL.search(lower) or _IDIOM.match(lower) or _LET_ME_SAY.search(lower))
    ) or sarcasm(lower, tokens):
        return "rhetorical", 0.0, 1.0  # "can you believe it's December?" asks nothing at all
    if is_boilerplate(sentence):
        return "boilerplate", 0.0, 1.0
    blocked = (
        ("spam" in words and sales_words(lower))
        or "x:url" in feats
        or _LINK_INTRO.search(lower) is not None
        or _MARKETING.match(lower) is not None  # "Did you know that …?", "Have you ever …?"
        or lower.startswith(_SPEECH)  # '"Have you heard Prado is finished?': quoted speech
        or (("sponsor" in lower or "-->" in lower) and _SPONSOR.search(lower) is not None)
        or (
            (question or lower.rstrip().endswith(('"', "\u201d")))
            and ('"' in lower or "'" in lower or "\u201c" in lower or "\u2018" in lower)
            and _SAID.search(lower) is not None  # "he said 'Are you …?'"
        )
        or (":" in lower and _SAID_COLON.match(lower) is not None)  # "Bob wrote back: Please …"
        or (len(tokens) < 2 and "please" in tokens)  # "Please.)"
        or ("please" in words and _DONT_REPLY.search(lower) is not None)  # "do not reply"
    )
    if _SELF.match(sentence) and not words.keys() & _YOU_ASK and not clear:
        blocked = True  # "I will send it tomorrow": the user's own commitment
    if blocked:
        return "unaddressed", 0.0, 1.0
    # An ask made only in an aside ("… (anyone else want to do the honors?)") is said in
    # passing, often as a joke: at most suggested.
    aside = "(" in sentence and _aside_only(sentence)
    if clear:
        interested = (
            _INTERESTED.match(lower) is not None or group_poll(lower) or not_pressing(lower, tokens)
        )
        if interested or aside or _headline(sentence, lower, tokens):
            return "addressed", CLEAR_ASK_FLOOR, TRACK_CAP
        return "addressed", CLEAR_ASK_FLOOR, 1.0
    # Only a request form a person reads as one is tracked: "could you …", "please …",
    # "let me know", "I'd like you to …", "send me …", "review it by Friday". Advice,
    # directions ("please see the FAQ", "have a look at the docs"), "you should", "can
    # we", and plain questions ("Have you tried both?", "What is the weather like?") may
    # be asks, but as often are not: at most suggested.
    strong = (
        bool(you_ask & _STRONG_ASK)
        and _DIRECTION.search(lower) is None
        and not _wh_question(lower, words)  # "…, but which product will you get?"
    )
    if not strong and asked and words.keys() & _PERSONAL and not _MEET_WORDS.isdisjoint(tokens):
        strong = True  # "shall we meet at your house?", "you want to join us for lunch?"
    if not strong and question and "modal-we" in words and _CAN_I.match(lower):
        strong = True  # "Can I install a client on the box to back it up?"
    if not strong and (imperative or (asked and words.keys() & _PERSONAL)):
        # "send me the log", "review it by Friday", "do you have 10 minutes tomorrow to
        # walk me through it?", "can we move our 1:1 to Wednesday?": for the writer, or
        # by a time
        strong = not _weak_imperative(lower, tokens)
    offer = _OFFER_ME.search(lower) is not None  # "or you could let me write one for you?"
    # "it would be nice if one could …", "couldn't you just …?": a wish; "why would anyone
    # …?", "try it and let me know how it goes": argued, or a courtesy after advice
    wish_or_argued = (
        _NICE_WISH.search(lower) is not None
        or _JUST_YOU.search(lower) is not None
        or _INTERESTED.match(lower) is not None
        or argued_or_courtesy(lower)
        or not_pressing(lower, tokens)
        or group_poll(lower)
        or courtesy_after_advice(lower)
    )
    if offer or wish_or_argued:
        strong = False
    if strong and not aside:
        aside = _headline(sentence, lower, tokens)
    if strong and not aside and clear_frame(sentence, lower):
        return "addressed", CLEAR_ASK_FLOOR, 1.0  # "Kindly advise …", "…, can you send me X"
    cap = 1.0 if strong and not aside else TRACK_CAP
    if "wondering" in words and _WONDERING.search(lower):
        return "addressed", PLAIN_ASK_FLOOR, cap
    if words.keys() & _PLAIN_ASK and not fyi and not _wh_question(lower, words):
        # "I wonder if you might…", "any chance you could…": a request form a person
        # reads as one, whatever the model learned from too few examples of it
        return "addressed", PLAIN_ASK_FLOOR, cap
    if (asked and not question) or wish:
        return "addressed", PLAIN_ASK_FLOOR, cap
    if bare_question:
        return "addressed", PLAIN_ASK_FLOOR, cap
    return "addressed", 0.0, cap


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
    ``CLEAR_ASK_FLOOR``; "can you believe…" scores 0. Only a clear request form may be
    tracked: advice, directions, "you should", "can we" and plain questions score at most
    ``TRACK_CAP`` (suggested)."""
    gate, floor, cap = _gate(sentence, sentence.lower(), feats, hits)
    if gate == "addressed":
        return min(max(p, floor), cap)
    if gate == "boilerplate":
        return p * BOILERPLATE
    if gate == "unaddressed":
        return p * UNADDRESSED
    return 0.0


__all__ = ["is_mass_mail", "reported_speech"]  # re-exported: their callers know the gate
