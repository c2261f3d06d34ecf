"""Sentences that read like asks but are not the writer's ask of the reader.

Rhetoric ("can you believe …", "would you really believe …", "wouldn't you like …"),
the writer steering their own text ("Let me guess, …", "Let me start with …"), idioms
("Give me a break."), marketing openers ("Did you know …?"), a list's sponsor footer,
someone else's words (quoted speech, a question reported after "he said", a quotation
passed on across sentences: ``reported_speech``), a request to do nothing ("Please do not
reply"), sarcasm and reproach ("Could you be any more wrong?", "How could you not …?",
"Can you say monopoly?"), and what is at most a suggestion: a wish ("it would be nice if
…"), advice as a question ("couldn't you just …?"), an offer to whoever is interested, a
hypothetical ("Would you rather …?") and an opinion poll of a list ("Does anyone really
think …?"). ``gate`` uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from followthrough.detect.pasted import pasted_sentences
from followthrough.detect.words import Needs

_RHETORICAL: Final = Needs(
    "believe|imagine|n't|let me ask",
    r"\b(?:can|could|would) (?:you|u) (?:also |really |even |ever )?(?:believe|imagine)\b"
    r"|\b(?:wouldn't|won't|don't) (?:you|u) (?:\*?you\*? )?(?:like|want|agree|say|think)\b"
    r"|^\W*let me ask (?:you|u)\b",
)
# Sarcasm, reproach and disbelief: "Could you be any more wrong?", "How can you not see
# it?", "How could anyone possibly defend that?", "Is anyone surprised?", "Please tell me
# you're kidding.", "Can you say monopoly?" (``sarcasm``).
_SARCASM: Final = re.compile(
    r"\b(?:could|can) (?:you|u|it|this|that|they|he|she|things) (?:possibly )?be any"
    r" (?:more|less|worse|better)\b"
    r"|\bhow (?:could|can|would|dare) (?:you|u|anyone|anybody|one|people|they) (?:possibly"
    r" |really |even )?(?:not\b|possibly\b)"
    r"|\bhow dare (?:you|u)\b"
    # disbelief: "Please tell me you're kidding.", "Someone tell me this is a joke."
    r"|\btell me (?:that )?(?:you(?:'re| are) (?:kidding|joking|not serious)|(?:this|that|it)"
    r"(?:'s| is) (?:a joke|a hoax|not true|not real|a typo)|(?:this|that|it) (?:isn't|is not"
    r"|ain't|wasn't) (?:true|real|so|serious|happening))"
    # "Can you say monopoly?", "Can anyone spell hypocrisy?": a word held up, not asked for
    r"|^\W*(?:[a-z'-]+,? )?can (?:you|u|anyone|anybody|everyone|we) (?:say|spell) (?!(?:that|it"
    r"|this|those|these|something|anything|a|an|the|more|your|my|his|her|their|our|why|what"
    r"|how|whether|when|who|where|if|hello|hi|goodbye|yes|no|thanks|thank|sorry|again|for)\b)"
    r"[\"'\w-]+(?: [\"'\w-]+){0,2}\W*(?:,\s*(?:boys and girls|ladies and gentlemen|folks|kids"
    r"|people|everyone|everybody|children)\W*)?\?\W*$"
    r"|^\W*(?:(?:so|and|but|well|now),? )?(?:is|was|are|were) (?:anyone|anybody|anyone else"
    r"|anybody else|everyone|you|u)(?: really| at all| even)? (?:surprised|shocked|amazed"
    r"|astonished)\W*$"
)
_REACTIONS: Final = frozenset(("surprised", "shocked", "amazed", "astonished"))
_DISBELIEF: Final = frozenset(
    ("kidding", "joking", "serious", "joke", "hoax", "true", "real", "typo", "so", "happening")
)


def sarcasm(lower: str, tokens: set[str]) -> bool:
    """Sarcasm, reproach or disbelief in a request's or a question's form: asks nothing.
    Each form's words are looked for before the pattern runs."""
    may = (
        ("be" in tokens and "any" in tokens)
        or ("how" in tokens and ("not" in tokens or "possibly" in tokens or "dare" in tokens))
        or ("tell" in tokens and not _DISBELIEF.isdisjoint(tokens))
        or ("can" in tokens and ("say" in tokens or "spell" in tokens))
        or not _REACTIONS.isdisjoint(tokens)
    )
    return may and _SARCASM.search(lower) is not None


# The writer steering their own text ("Let me guess, …", "Let me get this straight;", "Let
# me start by …", "Let me emphasize …"): "let me" with anything but "know" asks nothing.
_LET_ME_SAY: Final = Needs(
    "let me ",
    r"(?:^|[,;:]\s|\b(?:but|so|and|ok|now|first|well)\W+)let me (?:just |also |first |quickly )?"
    r"(?:ask|guess|get (?:this|that|it) straight|emphasi[sz]e|start|explain|say|be (?:clear"
    r"|honest|blunt|frank)|add|point out|rephrase|summari[sz]e|recap|clarify|put (?:it|this)"
    r"|play devil|quote|note|stress|repeat|reiterate|answer|reply|respond|throw|try (?:again"
    r"|to explain)|think|see if i|back up|begin|finish|conclude|comment)\b",
)
# Someone else's words reported inside the sentence: "he said 'Are you one of them?'"
_SAID: Final = re.compile(
    r"(?=[sawrgt:])"  # (its branches' first characters: a class to fail on at once)
    r"(?:\b(?:said|says|asked|asks|asking|wrote|writes|replied|goes|went|told (?:me|us|him|her)"
    r"|tells (?:me|us|him|her)|wondered|wonders)[,:]?\s+['\"\u201c\u2018]"
    # "String asks friend "could you …?"", "he asked his boss, "could you …?""
    r"|\b(?:said to|says to|asked|asks|told|tells) (?:his |her |their |my |our |the |a |an )?"
    r"(?!about\b|for\b|of\b|if\b|whether\b|me\b|us\b|you\b)[a-z]+[,:]?\s+[\"\u201c]"
    r"|:\s+[\"\u201c])"  # "/From Tad/: "Could you tell me where …?""
)
# Someone else's words after a colon, without quote marks: "The vendor wrote back: Please
# confirm your address.", "Ann asked: could you resend the slides?"; not the writer's or
# the reader's own ("Re what you asked: could you check the logs?").
_SAID_COLON: Final = re.compile(
    r"^[^:.?!]{0,60}\b(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bu )(?:wrote|writes|said|says|replied"
    r"|replies|responded|answered|asked|asks"
    r"|told (?:me|us)|tells (?:me|us))(?: back| me| us| to (?:me|us))?\s*:\s+\S"
)
# Idioms and slogans in the imperative: "Give me a break.", "Give me X or give me death".
_IDIOM: Final = re.compile(
    r"^\W*(?:(?:oh|please|just|and|so|well|ok|okay)\W+)*"
    r"(?:give me a break|give me strength|spare me|tell me about it|you tell me|note to self"
    r"|don't get me started|go figure|go ahead|bite me|trust me|believe me|mark my words"
    r"|(?:so |well |now )?what (?:are|r) (?:you|u) (?:waiting for|talking about|on about)"
    r"|give me \w+(?: \w+)? or give me"
    r"|can i get an? (?:amen|witness|hallelujah)|can i have a pony"
    r"|(?:please,? )?(?:(?:some|any)(?:one|body),? )?(?:please,? )?(?:just )?shoot me)\b"
)
# A wish about how things should be ("It would be nice if one could pick the password",
# "It would be nice to check the headers first"): may be an ask, at most suggested.
_NICE_WISH: Final = Needs(
    "be nice",
    r"\b(?:it|that|this)(?:'d| would) be nice\b",
)
# What the reader might do, said as a wish of the writer's: "Jeremy, it would be
# interesting if you tried that on your data.", "It'd be useful for you to log the
# timings." An ask, but as often a musing: at least suggested, never tracked on its own.
_IF_YOU_WISH: Final = re.compile(
    r"\b(?:it|that|this)(?:'d| would) (?:also |really |certainly )?be (?:very |really |most"
    r" |quite |extremely )?(?:interesting|useful|good|cool|nice|great|helpful|wonderful|ideal"
    r"|handy|instructive|informative|fun) (?:if|for) (?:you|u)\b(?! (?:can't|cannot|don't"
    r"|didn't|won't|wouldn't|had|were|are|have|know|knew)\b)"
)
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
_JUST_YOU: Final = Needs(
    "n't|cannot|why not",
    r"\b(?:couldn't|can't|cannot|why don't|why not) (?:you|u)\b",
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
# A double quote that opens (after a space, a bracket or the start, before a word) or closes
# (after anything else); one that opens a quotation of someone's words stands at the start
# of a sentence or after "…:" or "…," ("Jeff writes: "…", "In short, "…").
_QUOTE_MARK: Final = re.compile(
    r"(?P<open>(?:^|(?<=[\s(\[]))[\"\u201c](?=[\w'])|\u201c)|(?P<close>(?<=\S)[\"\u201d]|\u201d)"
)
_SPEECH_OPEN: Final = re.compile(r"(?:^|[:,]\s+)$")


def _quote_marks(sentence: str) -> list[tuple[bool, int]]:
    """(opens, where) for each match of ``_QUOTE_MARK`` in ``sentence``, found by looking
    at each quote character and its neighbours instead of trying the pattern everywhere."""
    where: list[int] = []
    for mark in ('"', "\u201c", "\u201d"):
        i = sentence.find(mark)
        while i != -1:
            where.append(i)
            i = sentence.find(mark, i + 1)
    where.sort()
    marks: list[tuple[bool, int]] = []
    for i in where:
        c = sentence[i]
        if c == "\u201c" or (
            c == '"'
            and (i == 0 or sentence[i - 1].isspace() or sentence[i - 1] in "([")
            and i + 1 < len(sentence)
            and (sentence[i + 1].isalnum() or sentence[i + 1] in "_'")
        ):
            marks.append((True, i))
        elif c == "\u201d" or (i > 0 and not sentence[i - 1].isspace()):
            marks.append((False, i))
    return marks


def _opens_speech(sentence: str, end: int) -> bool:
    """``_SPEECH_OPEN.search(sentence, 0, end)``: the text before ``end`` is empty or ends
    with ":" or "," and a space."""
    before = sentence[:end]
    if before in ("", "\n"):
        return True
    bare = before.rstrip()
    return len(bare) < len(before) and bare[-1:] in (":", ",")


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
        for opens, at in _quote_marks(sentence):
            if opens:
                if depth < 0:
                    continue
                if depth or _opens_speech(sentence, at):
                    depth += 1
                else:  # a quoted word or title inside the writer's own sentence
                    depth = -1
            elif depth > 0:
                depth -= 1
            elif depth < 0:
                depth = 0
    return frozenset(inside)


# A permission, then how to use it: "Feel free to forward this. Please forward it in its
# entirety." The second sentence only says how to do what the reader may do: a
# conditional instruction, not a request to do the thing.
_PERMISSION: Final = re.compile(
    r"\b(?:feel free|(?:you|u)(?:'re| are) (?:welcome|free)|(?:you|u) may(?: also)?) (?:to )?"
    r"([a-z]+)",
    re.IGNORECASE,
)
_INSTRUCTION: Final = re.compile(
    r"^\W*(?:(?:but|and|so|just),? )?(?:(?:please|pls|kindly) )?(?:(?:do|also|just|only) )?"
    r"([a-z]+)\b"
)


def permitted_instructions(sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) that only say how to do what the sentence before them, in
    the same paragraph, permits ("Feel free to forward this email. Please forward it in
    its entirety."): instructions on a condition, not asks."""
    out: set[int] = set()
    for i in range(1, len(sentences)):
        before, para = sentences[i - 1]
        if para != sentences[i][1] or not may_permit(before):
            continue
        allowed = _PERMISSION.search(before)
        if allowed is None:
            continue
        m = _INSTRUCTION.match(sentences[i][0].lower())
        if m is not None and m.group(1) == allowed.group(1).lower():
            out.add(i)
    return frozenset(out)


_PERMISSION_HINTS: Final = ("free to", "welcome to", "u may", "u are free", "u're free")
# (the hints with "free" in them are looked for only in a text with "free": fewer passes)
_FREE_HINTS: Final = tuple(hint for hint in _PERMISSION_HINTS if "free" in hint)
_OTHER_HINTS: Final = tuple(hint for hint in _PERMISSION_HINTS if "free" not in hint)


def may_permit(text: str) -> bool:
    """A cheap test (substrings, no pattern) that ``permitted_instructions`` may find
    something: "feel free to", "you're welcome to", "you may"."""
    if "free" in text and any(map(text.__contains__, _FREE_HINTS)):
        return True
    return any(map(text.__contains__, _OTHER_HINTS))


# A why-question with an auxiliary argues more often than it asks ("Why would anyone run
# a mail server on that?", "What I want to know is why would someone use frames?", "why
# should I pay twice?"): at most suggested. "Any idea why?", "do you know why it fails?"
# and "can someone tell me why …" ask (no auxiliary right after "why").
_WHY_ARGUED: Final = re.compile(
    r"\bwhy(?:,? (?:oh,? why|on earth|in the world|the hell|in heaven's name),?)? (?:would|should"
    r"|could|must|might|do|does|did|is|are|was|were|can|can't|cannot|couldn't|wouldn't"
    r"|shouldn't|isn't|aren't|wasn't|doesn't|didn't|on earth|bother|else)\b[^?]*\?"
)
# Trial advice closed by a courtesy: "Experiment and let me know what works for you.",
# "Give it a go and let me know how you get on." The reader is told what to try; hearing
# back is a kindness offered, not what the writer waits on: at most suggested.
_TRIAL_COURTESY: Final = re.compile(
    r"^\W*(?:(?:so|then|just|maybe|perhaps|ok|anyway),? )*(?:try|experiment|tinker|fiddle|mess"
    r"|play|have a (?:go|play|look|fiddle)|give (?:it|this|that|them|these|the \w+) a (?:go|try"
    r"|shot|whirl|spin|test))\b[^.?!;]{0,100}?\b(?:and|then) (?:then )?let (?:me|us) know\b"
)


# A hypothetical put to the reader: how they would choose, judge or pay in an imagined case
# ("Would you rather pay twice?", "Would you trust a bank that does that?", "Would you pay
# $5 a month for it?", "Would you have wanted it in the Nasdaq in 2000?", "Would you ever
# use Perl again?"). It asks an opinion, often as rhetoric, not for something to be done:
# at most suggested. "Would you send / review / consider …" stay requests.
_HYPOTHETICAL: Final = re.compile(
    r"\b(?:can|could) (?:you|u)(?: really| honestly| seriously| ever| still)? trust\b"
    r"|\bwould (?:you|u)(?: really| honestly| seriously| even| still)? (?:rather|trust|ever"
    r"|really|honestly|seriously"
    r"|pay (?:\$|\d+|twice|more|extra|good money|money|real money|a (?:premium|monthly|fee))"
    r"|have (?:\w+ly )?(?:been|done|wanted|liked|thought|known|believed|guessed|expected"
    r"|predicted|said|bought|paid|chosen|picked|gone|taken|made|let|used|preferred))\b"
)
# A plan offered for the reader's choice ("Would you rather do lunch tomorrow?", "would
# you rather meet at 3 or at 4?"): a day, a time or a meeting makes it no hypothetical.
_PLAN: Final = re.compile(
    r"\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|week|weekend|morning|afternoon|evening|lunch|dinner|breakfast|coffee|drinks?|meet"
    r"|meeting|call|(?:at|by) \d)"
)
# An opinion poll of the list with a stance adverb or an opinion verb ("Does anyone really
# think the vendor will fix this?", "Does anybody actually read these licences?", "Does
# anyone think that applies to their code?", "Anyone else think this is a bad idea?") or
# nostalgia ("Anyone remember the old dial-up chirp?"): in
# a list debate it argues more often than it asks; at most suggested. Asking for knowledge
# ("does anyone know", "has anyone tried") is not touched.
_GROUP_POLL: Final = re.compile(
    r"(?=[abcdhisw,;:])"  # (the first characters of its branches: a class to skip to)
    r"(?:\b(?:does|do|did|has|have|is|are|will|would|can|could) (?:anyone|anybody|someone|somebody"
    r"|people|folks|everyone|everybody)(?: else)?(?: here| out there)? (?:really|actually"
    r"|seriously|honestly|truly|even|still|genuinely) [a-z]"
    r"|\b(?:does|do|did) (?:anyone|anybody|people|folks|everyone|everybody)(?: else)?"
    r"(?: here| out there)? (?:think|believe|feel|suppose|imagine|expect|reckon|buy)\b"
    r"|(?:^|[,;:]\s*|\b(?:so|and|but)\s)(?:anyone|anybody) else (?:think|thinks|believe"
    r"|believes|feel|feels|find it|finds it|reckon)\b"
    # nostalgia: "anyone remember the old dial-up chirp?", "does anybody recall when …"
    # (not "anyone remember the URL?", which asks for it)
    r"|\b(?:anyone|anybody)(?: else| here)? (?:remember|remembers|recall|recalls) (?:when|the days"
    r"|back when|the (?:old|good old|early|original)\b|those|how we used to|growing up))"
)


# "does anyone think they could cover Saturday?": a request put as an opinion asked.
_THINK_CAN: Final = re.compile(
    r"\bthinks? (?:that )?(?:they|you|he|she|someone|somebody|anyone|anybody|we|i)"
    r" (?:can|could|would|might|will)\b"
)


def group_poll(lower: str) -> bool:
    """An opinion poll of the list ("does anyone really think …?", "anyone else think this
    is a bad idea?"): at most suggested. Not a request put as one ("does anyone think they
    could cover Saturday?") or a plan (a day, a time or a meeting)."""
    if not any(w in lower for w in ("any", "some", "people", "folks", "every")):
        return False
    return (
        _GROUP_POLL.search(lower) is not None
        and _THINK_CAN.search(lower) is None
        and _PLAN.search(lower) is None
    )


# A challenge in an argument ("I encourage you to refute any part of this chain", "prove
# me wrong", "name one vendor that does"): the writer expects no one to take it up.
_CHALLENGE: Final = re.compile(
    r"\b(?:refute|disprove|rebut|debunk)\b|\bprove (?:me|us|him|her|them|it|this|that)"
    r" (?:wrong|false|otherwise)\b|\bprove otherwise\b|\bshow me where i(?:'m| am) wrong\b"
    r"|(?:^|[,;:]\s*)(?:just |go ahead and |then )?(?:name (?:me )?(?:one|a single)|show me a"
    r" single) (?!of (?:the|your|these|those)\b)[a-z]"
)
_CHALLENGE_WORDS: Final = frozenset(
    ("refute", "disprove", "rebut", "debunk", "prove", "one", "single")
)
# A condition on what the reader means to do ("if you intend to mirror the site, please
# make sure …", "if you plan to attend, please RSVP"): whoever it concerns; at most
# suggested. And "has anyone considered the fact that …", which argues.
_IF_YOU_MEAN: Final = re.compile(
    r"\bif (?:you|u)(?:'re| are)? (?:intend|intending|plan|planning|wish|mean|meaning) to\b"
    r"|\b(?:has|have) (?:anyone|anybody|you|u)(?: else)?(?: ever)? (?:considered|noticed|realized"
    r"|realised|thought about|stopped to think about) the fact that\b"
)
# A favour for the reader's next visit ("Any chance you could bring a wire-cutter the
# next time you're passing through?", "if you're ever in Dublin, look me up"): no day to
# follow it up by, and as often a joke; at most suggested.
_SOME_VISIT: Final = re.compile(
    r"\bnext time (?:you|u)(?:'re| are)? ?(?:passing|pass|come|coming|in town|around|in the area"
    r"|over|by|stop|stopping|drop|dropping|swing|swinging|visit|visiting|here|through|down"
    r"|up|in|back|out)\b"
    r"|\bif (?:you|u)(?:'re| are)? ever (?:in|around|passing|over|down|up|near|back|out|come|visit"
    r"|find yourself)\b"
    r"|\bwhen(?:ever)? (?:you|u)(?:'re| are) next (?:in|around|over|here|through|down|up|back)\b"
)


def not_pressing(lower: str, tokens: set[str]) -> bool:
    """A challenge the writer expects no one to take up ("prove me wrong") or a favour
    for the reader's next visit ("next time you're passing through"): at most
    suggested, even in a clear request's words ("I encourage you to refute …")."""
    if not _CHALLENGE_WORDS.isdisjoint(tokens) and _CHALLENGE.search(lower) is not None:
        return True
    if ("if" in tokens or "fact" in tokens) and _IF_YOU_MEAN.search(lower) is not None:
        return True
    return ("next" in tokens or "ever" in tokens) and _SOME_VISIT.search(lower) is not None


def argued_or_courtesy(lower: str) -> bool:
    """A sentence that has a request's words but argues ("why would anyone …?"), puts a
    hypothetical ("would you rather …?") or closes advice with a courtesy ("try it and let
    me know how it goes"): at most suggested."""
    if "why" in lower and _WHY_ARGUED.search(lower) is not None:
        return True
    if (
        ("would" in lower or "trust" in lower)
        and _HYPOTHETICAL.search(lower) is not None
        and _PLAN.search(lower) is None
    ):
        return True
    return "know" in lower and _TRIAL_COURTESY.match(lower) is not None


# A question the writer answers in the next sentence ("Are we going to get hit? Yup.",
# "Could it have been the cache? Sure it could have.", "does this stop me copying the
# CD? no. however …", "Why? Because …"): the writer's own device, nothing asked of the
# reader. The answer opens with the answer word and a stop, or "sure it …", "the answer
# is", or "because" after a why-question ("Can you restart it? Because it hangs." gives a
# reason); "No rush." and "No worries." after a request are not answers.
_BECAUSE: Final = re.compile(r"^\W*(?:because|'cause|cause)\b", re.IGNORECASE)
_ANSWER: Final = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|no|nope|nah|sure|of course|certainly|absolutely|definitely"
    r"|not really|not at all|simple|easy|obviously|apparently not|probably not|doubt it)\s*"
    r"(?:[.!,;:]|-+\s|$)|sure (?:it|he|she|they|i|we|you|there)\b|(?:the )?(?:short )?answer"
    r"(?: is|:))",
    re.IGNORECASE,
)


def answered_questions(sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The questions (by index) that the next sentence of the same paragraph answers:
    asked and answered by the writer, no ask of the reader."""
    out: set[int] = set()
    for i in range(len(sentences) - 1):
        question, para = sentences[i]
        answer, next_para = sentences[i + 1]
        if (
            para == next_para
            and question.rstrip().endswith("?")
            and not answer.rstrip().endswith("?")
            and (
                _ANSWER.match(answer) is not None
                or ("why" in question.lower() and _BECAUSE.match(answer) is not None)
            )
        ):
            out.add(i)
    return frozenset(out)


# A challenge put as a question in an argument: "So, are you saying that …?", "You're
# telling me that …?", "Are you suggesting …?". The other questions of its paragraph
# argue too ("Is there a standard way … that rivals Java?"): at most suggested.
_YOU_SAY: Final = re.compile(
    r"^\W*(?:(?:so|wow|hmm+|oh|and|but|then|wait)\W+)*(?:are (?:you|u)|(?:you|u)(?:'re| are))"
    r" (?:really )?(?:saying|telling me|suggesting|claiming|implying|arguing)\b",
    re.IGNORECASE,
)


def argued_questions(sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) of a paragraph that holds a challenge ("So, are you saying
    that …?"): an argument's questions, at most suggested."""
    paras = {p for s, p in sentences if "?" in s and _YOU_SAY.match(s)}
    return frozenset(i for i, (_, p) in enumerate(sentences) if p in paras)


# A byline on its own line ("By DENNIS OVERBYE", "by Bruce Sterling, Wired"): what follows
# is an article passed on, someone else's words, whatever the writer said above it.
_BYLINE: Final = re.compile(
    r"(?:by|written by)\s+[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){1,3}"
    r"(?:\s*,\s*[A-Z][\w&.' -]{0,40})?\s*",
    re.IGNORECASE,
)


def _heading(sentence: str) -> bool:
    """A title or a dateline above a byline: short, and most of its words capitalised or
    numbers ("Where Did the Bees Go?", "March 3, 2002")."""
    words = sentence.split()
    if not words or len(sentence) > 80:
        return False
    return sum(w[:1].isupper() or w[:1].isdigit() for w in words) * 10 >= len(words) * 7


def after_byline(sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) of an article passed on: after its byline, and its title
    and dateline just above it. The article's words are not the writer's."""
    for i, (sentence, _) in enumerate(sentences):
        if (
            len(sentence) < 70
            and sentence[:3].lower() in ("by ", "wri")
            and _BYLINE.fullmatch(sentence)
        ):
            start = i
            while start > 0 and i - start < 3 and _heading(sentences[start - 1][0]):
                start -= 1
            return frozenset(j for j in range(start, len(sentences)) if j != i)
    return frozenset()


def not_the_writers(new: str, sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) of the new text ``new`` that ask nothing of the reader
    for the writer: questions the writer answers (``answered_questions``), an article
    passed on after its byline (``after_byline``) and text the writer pasted
    (``pasted.pasted_sentences``). Cheap when none can be there."""
    out = pasted_sentences(new, sentences)
    if "?" in new:
        out = out | answered_questions(sentences)
    if "\nBy " in new or "\nby " in new:
        out = out | after_byline(sentences)
    return out
