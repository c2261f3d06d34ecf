"""Is a sentence addressed to the reader, and the least confidence its form earns.

The intent model learned a broad "intent" (proposals, the writer's own plans, marketing
calls to action count). An ask needs the reader to act; ``_gate`` decides that from the
sentence's rules and form, and ``may_be_addressed`` is its cheap necessary condition, run
before anything else (most sentences of real mail fail it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal

from followthrough.detect.boilerplate import is_boilerplate
from followthrough.detect.features import _IMPERATIVE


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
    r"|\byour (?:[a-z'-]+ ){0,2}(?:authori[sz]ation|approval|attention|response|reply|input"
    r"|signature|presence|attendance|participation|confirmation|decision|vote) (?:is|are)"
    r" (?:kindly |urgently |hereby )?(?:requested|required|needed|requested)\b"
    r"|\b(?:i|we)(?:'d| would)? (?:strongly |really |also )?(?:encourage|urge|invite)"
    r" (?:you|everyone|everybody|folks|people|all|anyone|y'all|each)(?: of you)? to\b"
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
# "anyone" as the object or the yardstick of a statement, not the one asked: "as much as
# anyone else", "better than anybody", "without telling anyone", "a reason that anyone has
# been able to give", "neither he nor anyone else".
_GROUP_OBJECT: Final = re.compile(
    r"\b(?:than|as|nor|that|which|to|tell|telling|told|before"
    r"|without|for|from|by|with|like|of|about|against|unlike|why would|how could|can't|cannot"
    r"|won't|wouldn't|never|hardly)\W+$"
)
# A question to whoever reads it, without its verb: "So, anyone who isn't on the beta?",
# "Anyone game?", "Someone with a Mac?"
_CLAUSE_OPEN: Final = re.compile(
    r"(?:[,;:(.!?]|\s-+|\b(?:so|but|and|or|then|does|do|did|has|have|is|are|was|were|can|could"
    r"|would|will|may|might|should|please|also))\W*$"
)
_GROUP_BARE: Final = re.compile(
    r"^(?:[a-z'-]+[,:] )?(?:(?:and|so|also|but|ok|well),? )?(?:anyone|anybody|someone|somebody"
    r"|any(?: one|body) else)\b"
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
    r"|recommendations|alternatives|experiences|pointers|hints|tips|advice|clues|solutions"
    r"|workarounds|anyone|anybody|help)\W*$"
)
# The same noun question as the last clause: "I have the problem below, suggestions anyone?",
# "the build fails again - ideas, folks?"
_TAIL_NOUN_ASK: Final = re.compile(
    r"(?:[,;:]|\s-+)\s*(?:so,? |and )?(?:any )?(?:ideas|suggestions|thoughts|hints|tips|pointers"
    r"|advice|help|clues|recommendations|opinions|comments|input|feedback)"
    r"(?:,? (?:anyone|anybody|someone|folks|people|all|guys|please))?\W*\?\W*$"
)
# One word that only echoes or exclaims ("Really?", "Huh?", "Why?"): no question to answer.
_ECHO: Final = _words(
    "really huh eh what why how seriously no yes ok okay hmm right sorry pardon so and excuse"
    " me who when where wtf"
)
# Emoticons and asides after the "?" ("… for it? ;)", "… right? *grin*").
_TRAILER: Final = re.compile(r"(?:\s*(?:[;:8]-?[()pPdD/\\|]+|\*\w+\*|\(\w+\)|[.!]+))+\s*$")
# "it'd be a great help", "that would help a lot": a request without "you" (the writer's
# wish); at least suggested.
_HELP_WISH: Final = re.compile(
    r"\b(?:it|that|this)(?:'d| would) (?:be (?:a |of )?(?:great |big |huge |real |tremendous"
    r" |much |some )?help|help (?:me |us )?(?:a lot|greatly|enormously|immensely))\b"
)
# "somebody fix the posting setting", "someone please send me the link": an imperative to
# whoever reads it.
_SOMEONE_DO: Final = re.compile(
    r"(?:^|[,;:]\s*|\s-+\s*)(?:someone|somebody)(?:,)? (?:please )?([a-z]+)\b"
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
_LINK_INTRO: Final = re.compile(
    r"\b(?:link|page|below|here|address|site|browser|at|url|visit|topic)\W*:\s*$"
)
_RHETORICAL: Final = re.compile(
    r"\b(?:can|could|would) (?:you|u) (?:also |really |even |ever )?(?:believe|imagine)\b"
    r"|\b(?:wouldn't|won't|don't) (?:you|u) (?:\*?you\*? )?(?:like|want|agree|say|think)\b"
    r"|^\W*let me ask (?:you|u)\b"
)
# The writer steering their own text ("Let me guess, …", "Let me get this straight;", "Let
# me start by …", "Let me emphasize …"): "let me" with anything but "know" asks nothing.
_LET_ME_SAY: Final = re.compile(
    r"(?:^|[,;:]\s|\b(?:but|so|and|ok|now|first|well)\W+)let me (?:just |also |first |quickly )?"
    r"(?:ask|guess|get (?:this|that|it) straight|emphasi[sz]e|start|explain|say|be (?:clear"
    r"|honest|blunt|frank)|add|point out|rephrase|summari[sz]e|recap|clarify|put (?:it|this)"
    r"|play devil|quote|note|stress|repeat|reiterate|answer|reply|respond|throw|try (?:again"
    r"|to explain)|think|see if i|back up|begin|finish|conclude|comment)\b"
)
# Someone else's words reported inside the sentence: "he said 'Are you one of them?'"
_SAID: Final = re.compile(
    r"\b(?:said|says|asked|asks|asking|wrote|writes|replied|goes|went|told (?:me|us|him|her)"
    r"|tells (?:me|us|him|her)|wondered|wonders)[,:]?\s+['\"\u201c\u2018]"
)
# Idioms and slogans in the imperative: "Give me a break.", "Give me X or give me death".
_IDIOM: Final = re.compile(
    r"^\W*(?:give me a break|give me strength|spare me|tell me about it|you tell me"
    r"|don't get me started|go figure|go ahead|bite me|trust me|believe me|mark my words"
    r"|give me \w+(?: \w+)? or give me)\b"
)
# A wish about how things should be ("It would be nice if one could pick the password",
# "It would be nice to check the headers first"): may be an ask, at most suggested.
_NICE_WISH: Final = re.compile(r"\b(?:it|that|this)(?:'d| would) be nice\b")
# Advice put as a question ("Couldn't you just Google it?", "Can't you just use rsync?").
# "Would people be interested in the script?", "Is anyone interested in a copy?": an offer
# or a show of hands, at most suggested.
_INTERESTED: Final = re.compile(
    r"^\W*(?:would|is|are|will) (?:anyone|anybody|people|you|folks|you all|any of you)"
    r"(?: else)?(?: here)?(?: be)? (?:interested|keen)\b"
)
# "Please do not reply to this message", "please don't respond if you're one of them": a
# request to do nothing is nothing to follow up.
_DONT_REPLY: Final = re.compile(
    r"\b(?:please|pls|kindly)\W+(?:do not|don't|dont|never)\W+(?:attempt to |try to )?(?:reply"
    r"|respond|write back|answer|contact|call|e-?mail|forward)\b"
)
_JUST_YOU: Final = re.compile(r"\b(?:couldn't|can't|cannot|why don't|why not) (?:you|u)\b")
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
_OFFER_ME: Final = re.compile(
    r"\b(?:you|u) (?:could|can|might|may) (?:just |always )?let (?:me|us) (?!know\b)"
    r"|\b(?:want|like) me to\b|\b(?:shall|should) i\b"
)
_MEET_WORDS: Final = frozenset(
    ("meet", "meeting", "lunch", "dinner", "breakfast", "coffee", "join", "attend", "discuss")
)
_PERSONAL: Final = frozenset(("you", "do-you", "modal-we"))
# The request rules that make a sentence trackable ("you should" is advice).
_STRONG_ASK: Final = _YOU_ASK - {"you-should"}
# "Please see the FAQ", "please contact your vendor", "please don't reply": directions
# to something or someone else, not a request the writer waits on.
_DIRECTION: Final = re.compile(
    r"\b(?:please|pls|kindly)\W+(?:do not|don't|dont|never|see|visit|refer|read|go to|click"
    r"|follow|consult|check out|look at|direct|address|forward (?:it|this|them) to"
    r"|(?:contact|call|e-?mail|write to|ask) (?!me\b|us\b|him\b|her\b|them\b)(?:your|the|a|an"
    r"|their|our|[a-z]+ (?:at|on|directly)\b))"
)
# Marketing and rhetorical openers: "Did you know that …?", "Have you ever wanted to …?",
# "Are you in the market for …?", "Perhaps you've been waiting for …?".
_MARKETING: Final = re.compile(
    r"^\W*(?:(?:so|and|but|or|well),? )?(?:did you know\b|have you ever (?:wanted|wondered"
    r"|dreamed|dreamt|wished|thought about|considered)|ever (?:wonder|wish|want)(?:ed)?\b"
    r"|are you (?:tired|sick|looking for|in the market|ready (?:for|to)|still (?:paying|looking)"
    r"|one of)|perhaps you(?:'ve| have)\b|wouldn't it be (?:nice|great)|what if you\b"
    r"|how would you like\b|want to (?:learn|save|earn|make|win)\b|imagine (?:a|if|being)\b)"
)
_SPEECH: Final = ('"', "\u201c", "'")
# "This email is sponsored by: … Tired of that same old cell phone?", "Groups Sponsor -->"
_SPONSOR: Final = re.compile(r"\bsponsor(?:ed by)?\b|-->")
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
_GROUP_CONDITION: Final = re.compile(r"\b(?:in case|if|whether|unless|when|so that|for)\W*$")
_WONDER: Final = re.compile(r"\b(?:wonder|wondering|curious|ask|asking|know|see|check)\b")
_WHEN_WORDS: Final = frozenset(
    (
        "today",
        "tonight",
        "tomorrow",
        "asap",
        "eod",
        "cob",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "weekend",
        "noon",
        "deadline",
    )
)
_DUE_WORDS: Final = re.compile(r"\b(?:by|before|until|no later than) (?:the )?\d")


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
        "needed",
        "encourage",
        "urge",
        "invite",
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


# A double quote that opens (after a space, a bracket or the start, before a word) or closes
# (after anything else); one that opens a quotation of someone's words stands at the start
# of a sentence or after "…:" or "…," ("Jeff writes: "…", "In short, "…").
_QUOTE_MARK: Final = re.compile(
    r"(?P<open>(?:^|(?<=[\s(\[]))[\"\u201c](?=[\w'])|\u201c)|(?P<close>(?<=\S)[\"\u201d]|\u201d)"
)
_SPEECH_OPEN: Final = re.compile(r"(?:^|[:,]\s+)$")


def reported_speech(sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) that lie inside a quotation opened in an earlier sentence
    of the same paragraph and not yet closed: someone else's words the writer passes on
    ("He wrote: "I saw the hike is in Doolin. Will you be on it? Thanks."" asks nothing of
    the reader)."""
    inside: set[int] = set()
    depth = 0  # a title in quotes inside the quotation ("… the programme "An Tuath Nua" …")
    para = None
    for i, (sentence, number) in enumerate(sentences):
        if number != para:
            para, depth = number, 0
        depth = max(depth, 0)  # a quoted word left open does not run on
        if depth:
            inside.add(i)
        if '"' not in sentence and "\u201c" not in sentence and "\u201d" not in sentence:
            continue
        for m in _QUOTE_MARK.finditer(sentence):
            if m.group("open") is not None:
                if depth < 0:
                    continue
                if depth or _SPEECH_OPEN.search(sentence, 0, m.start()):
                    depth += 1
                else:  # a quoted word or title inside the writer's own sentence
                    depth = -1
            elif depth > 0:
                depth -= 1
            elif depth < 0:
                depth = 0
    return frozenset(inside)


_NOT_VERBS: Final = _words(
    "else who whom with like that to in on from at for of and or but the a an i you we he she"
    " they it has have had is was were are am be been will would could can should might may"
    " must did does do here there out said told got made sent wrote found came went took gave"
    " saw knew thought left felt heard brought bought ran"
)


def _bare_verb(word: str) -> bool:
    """A verb in its bare form after "someone" ("someone fix it", "somebody restart it"),
    not a third-person or past one ("someone knows", "somebody said")."""
    return word in _IMPERATIVE or (
        word not in _NOT_VERBS and not word.endswith(("s", "ed")) and len(word) > 2
    )


def _group_ask(lower: str, question: bool) -> bool:
    """A question to the group ("does anyone know", "anyone out there who can help?"), not
    a statement about one ("in case anyone wants it", "if anybody has it, fine")."""
    m = _GROUP_ASK.search(lower)
    if m is None:
        return question and _GROUP_BARE.match(lower) is not None
    before = lower[max(0, m.start() - 40) : m.start()]
    if m.start() and _GROUP_OBJECT.search(before):
        return False  # "as much as anyone else", "without telling anyone"
    if m.start() == 0 and not question and m.group(0).startswith("any") and " " not in m.group(0):
        return False  # "Anybody buying one of these will …": a statement about them
    if question or m.start() == 0 or lower[: m.start()].rstrip().endswith(":"):
        return True
    if _GROUP_CONDITION.search(before):
        return _WONDER.search(lower[: m.start()]) is not None  # "wondering if anyone knows"
    # Elsewhere in a statement, "anyone" asks only at the start of a clause ("it fails
    # here - anyone know why", "…, so anybody seen this?"), not inside one ("the spammers
    # are hurting like anyone else", "for no reason that anyone has given").
    return _CLAUSE_OPEN.search(before) is not None


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
        question = _TRAILER.sub("", bare).endswith("?")
    clear = (
        (not _NO_YOU_WORDS.isdisjoint(tokens) and _NO_YOU_ASK.search(lower) is not None)
        or (not _GROUP_WORDS.isdisjoint(tokens) and _group_ask(lower, question))
        or (
            _NOUN_ASK.match(lower) is not None
            and (question or (len(lower) < 40 and not lower.startswith("some ")))
            and not lower.rstrip().endswith((":", "..."))  # "Some thoughts:" introduces
        )
        or (question and _TAIL_NOUN_ASK.search(lower) is not None)
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
    wish = ("help" in tokens and _HELP_WISH.search(lower) is not None) or (
        ("someone" in tokens or "somebody" in tokens)
        and (m := _SOMEONE_DO.search(lower)) is not None
        and _bare_verb(m.group(1))
    )
    if wish:
        addressed = True
    if not (addressed or bare_question):
        return "unaddressed", 0.0, 1.0
    if _RHETORICAL.search(lower) or _IDIOM.match(lower) or _LET_ME_SAY.search(lower):
        return "rhetorical", 0.0, 1.0  # "can you believe it's December?" asks nothing at all
    if is_boilerplate(sentence):
        return "boilerplate", 0.0, 1.0
    blocked = (
        "spam" in words
        or "x:url" in feats
        or _LINK_INTRO.search(lower) is not None
        or _MARKETING.match(lower) is not None  # "Did you know that …?", "Have you ever …?"
        or lower.startswith(_SPEECH)  # '"Have you heard Prado is finished?': quoted speech
        or _SPONSOR.search(lower) is not None  # a list's advertising footer
        or (question and _SAID.search(lower) is not None)  # "he said 'Are you …?'"
        or (len(tokens) < 2 and "please" in tokens)  # "Please.)"
        or _DONT_REPLY.search(lower) is not None  # "Please do not reply to this e-mail."
    )
    if _SELF.match(sentence) and not words.keys() & _YOU_ASK and not clear:
        blocked = True  # "I will send it tomorrow": the user's own commitment
    if blocked:
        return "unaddressed", 0.0, 1.0
    if clear:
        return "addressed", CLEAR_ASK_FLOOR, 1.0 if _INTERESTED.match(lower) is None else TRACK_CAP
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
    if not strong and (imperative or (asked and words.keys() & _PERSONAL)):
        # "send me the log", "review it by Friday", "do you have 10 minutes tomorrow to
        # walk me through it?", "can we move our 1:1 to Wednesday?": for the writer, or
        # by a time
        strong = not _weak_imperative(lower, tokens)
    if strong and _OFFER_ME.search(lower):
        strong = False  # "or you could let me write one for you?": an offer
    if strong and (_NICE_WISH.search(lower) or _JUST_YOU.search(lower) or _INTERESTED.match(lower)):
        strong = False  # "it would be nice if one could …", "couldn't you just …?": a wish
    cap = 1.0 if strong else TRACK_CAP
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


# ---- the whole message -----------------------------------------------------------------
# A newsletter, a notice from a web service or any other mass mail is nobody's request
# to the reader, however its sentences read: its best ask is at most suggested. The
# backends say "bulk" (Precedence: bulk, List-Unsubscribe without a list server); mass
# mail without those headers still shows it in its sender or its footer. A list post
# ("list") is a person's message, and its list footer says nothing about it.
_MASS_SENDER: Final = frozenset(
    (
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "mailer",
        "newsletter",
        "newsletters",
        "notification",
        "notifications",
        "notify",
        "alerts",
        "bounce",
        "bounces",
        "postmaster",
        "admin",
        "automated",
        "marketing",
        "promo",
        "promotions",
        "digest",
        "reminders",
        "updates",
        "update",
        "announce",
        "announcements",
        "news",
    )
)
# A newsletter names itself in its title line ("LIFETIME MOVIE NEWSLETTER", "Weekly News
# Digest"), whoever relays it.
_MASS_TITLE: Final = re.compile(
    r"^[^a-z\n]{0,60}\b(?:NEWSLETTER|NEWS ?LETTER|BULLETIN|DIGEST|WEEKLY UPDATE)\b[^a-z\n]{0,60}$"
    r"|^[^\n]{0,60}\b(?:[Nn]ewsletter|[Bb]ulletin)\s*$",
    re.MULTILINE,
)
_MASS_FOOTER: Final = re.compile(
    r"\bto unsubscribe\b|\bunsubscribe (?:here|at|by|link|from (?:this|our|these|the))\b"
    r"|\bclick here to\b|\byou (?:are |were )?(?:receiving|received|getting|get) this"
    r" (?:e-?mail|message|newsletter|mailing|alert|because)\b|\bto (?:be removed|stop"
    r" receiving|opt[- ]out)\b|\bmanage (?:your )?(?:subscriptions?|preferences|e-?mail"
    r" (?:settings|preferences))\b|\b(?:this|our) newsletter\b|\bprivacy (?:policy|statement)\b"
    r"|\bplease do not (?:attempt to )?reply to this (?:e-?mail|message)\b",
    re.IGNORECASE,
)


def is_mass_mail(text: str, kind: str = "", sender: str = "") -> bool:
    """Whether a message is mass mail (a newsletter, a web service's notice), from the
    backend's ``kind`` ("bulk"), its sender ("noreply@…", "…@newsletter.example.com") or,
    unless a list relayed it, its footer ("to unsubscribe", "you are receiving this
    e-mail because")."""
    if kind == "bulk":
        return True
    local, _, domain = sender.lower().partition("@")
    if not _MASS_SENDER.isdisjoint(re.split(r"[.+_#-]+", local)) or "newsletter" in domain:
        return True  # also on a list: an announcement list relays a newsletter
    if _MASS_TITLE.search(text, 0, 600) is not None:
        return True  # a newsletter's title line, even on a list
    if kind == "list":
        return False  # a person's post; the list's own footer says nothing about it
    return _MASS_FOOTER.search(text) is not None
