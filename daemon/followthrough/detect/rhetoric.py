"""Sentences that read like asks but are not the writer's ask of the reader.

Rhetoric ("can you believe …", "would you really believe …", "wouldn't you like …"),
the writer steering their own text ("Let me guess, …", "Let me start with …"), idioms
("Give me a break."), marketing openers ("Did you know …?"), a list's sponsor footer,
someone else's words (quoted speech, a question reported after "he said", a quotation
passed on across sentences: ``reported_speech``), a request to do nothing ("Please do not
reply"), and what is at most a suggestion: a wish ("it would be nice if …"), advice as a
question ("couldn't you just …?"), an offer to whoever is interested. ``gate`` uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

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
    r"|:\s+[\"\u201c]"  # "/From Tad/: "Could you tell me where …?""
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


def may_permit(text: str) -> bool:
    """A cheap test (substrings, no pattern) that ``permitted_instructions`` may find
    something: "feel free to", "you're welcome to", "you may"."""
    return any(hint in text for hint in _PERMISSION_HINTS)
