"""Which sentence of a message is its ask, when more than one may be (issue 17, eighth round).

A message often holds a question or request to the reader and, around it, sentences the
model also scores as asks: advice ("you should break them into sets", "what you need to
know is:"), the writer's own situation or plans ("Did I certify that one?", "…, I'll
probably change my mind"), a line that introduces what follows ("Tell me how easy THIS
is:") and a stock fragment ("Lesson learned?"). A careful reader takes the sentence that
wants an answer from the reader as the ask and the rest as its context: advice is the
writer's answer to someone, not a question of theirs; a colon hands over to pasted text.

``is_context`` says whether a sentence is of that kind. ``detect_request`` lets the best
sentence that is not context win over a context sentence that is not itself a confident
ask (below ``SETTLED``), when that sentence scores at least ``ANSWERABLE``. A confident
ask keeps its place whatever else the message says, so no tracked ask changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect.words import _set

SETTLED: Final = 0.75  # a sentence this confident is the ask on its own ([detect] track)
ANSWERABLE: Final = 0.45  # the least a sentence needs to take the place of context (suggest)

# Fillers and a leading condition before the advice itself: "So you should …", "If that's
# what you did, you should …", "Otherwise, you might want to …".
_LEAD: Final = (
    r"^\W*(?:(?:so|and|but|then|also|otherwise|still|now|well|anyway|hmm|ok|okay|oh|btw"
    r"|in that case|in any case|if so|if not|if [^,;:?!]{1,80}),?\s+)*"
)
# Advice to the reader: what they should, must or might do for their own sake.
_ADVICE: Final = re.compile(
    _LEAD + r"(?:(?:you|u) (?:(?:really |probably |just |also |still )?(?:should(?:n't)?|must"
    r"|might|may|ought to|need to|needn't|have to|had better|'d better|will need to|will have"
    r" to|want to make sure)\b|(?:can|could) (?:always|just|also|simply|try)\b)"
    r"|what (?:you|u) (?:need|want|have) to (?:know|do|remember|check|look at)\b"
    r"|(?:the (?:trick|solution|answer|fix|key|thing to do) is)\b"
    r"|make sure (?:you|u|that|to)\b|be sure to\b|don't forget to\b|remember to\b)"
)
# The writer's own past or state, asked of themselves: "Did I certify that one?", "Have I
# missed it again?", "Was I wrong?" ("Should I …?", "Can I …?", "Do I need …?" ask the
# reader for advice or leave, and are not context).
_OWN: Final = re.compile(_LEAD + r"(?:did|have|had|was|am) i\b")
# A question word, an auxiliary or "you" opening a question: a formed question, not a
# fragment ("Lesson learned?", "Too late?").
_FORMED: Final = _set(
    "what what's which who who's whom whose where where's when when's why how how's is are"
    " was were am do does did can could would will shall should may might must have has had"
    " isn't aren't wasn't weren't don't doesn't didn't can't couldn't wouldn't won't"
    " shouldn't haven't hasn't any anyone anybody someone somebody you your u"
)
_WORD: Final = re.compile(r"[a-z][a-z']*")
# The rules a sentence may hit with nothing asked of the reader: the writer's own plan.
_OWN_RULES: Final = frozenset(("commit",))


def is_context(sentence: str, lower: str, hits: Iterable[tuple[str, str]]) -> bool:
    """Whether ``sentence`` (``lower`` is its lower case, ``hits`` its rule hits) is the
    context of an ask rather than one: advice to the reader, the writer's own situation or
    plan, a line that introduces what follows (it ends with ":"), or a question of a word
    or two without a question word ("Lesson learned?")."""
    bare = sentence.rstrip()
    if bare.endswith(":"):
        return True
    rules = {rid for rid, _ in hits}
    if "you-should" in rules or _ADVICE.match(lower) is not None:
        return True
    if rules and rules <= _OWN_RULES:
        return True
    if bare.endswith("?"):
        if _OWN.match(lower) is not None:
            return True
        words = _WORD.findall(lower)
        return len(words) <= 2 and _FORMED.isdisjoint(words)
    return False
