"""The words right next to a day that say it is no deadline, for ``deadline``: a day in
the past ("from today", "the deck we presented on Monday"), the writer away, back, free or
promising ("I'm out next week", "Sue is back on Tuesday", "I'm free Tuesday", "I'll call
you tomorrow"), a range's start, a recurring, named or social day ("every Monday",
"Thursday mornings", "the 20th of each month", "Super Saturday", "have a great weekend"),
a slot accepted ("Saturday works for me"), a scene ("But for today, …"). Each is looked
for a bounded way back, so the parse stays linear.
"""

from __future__ import annotations

import re
from typing import Final

_PAST: Final = re.compile(
    # "of" but not "ahead of", "the end of", "the week of", "the night of"
    r"\b(?:from|since|(?<!ahead )(?<!end )(?<!week )(?<!night )(?<!morning )(?<!evening )of"
    r"|last|ago|yesterday's)\s+"
    r"(?:(?:the|your|my|our|his|her|their|this|that)\s+)?$",
    re.IGNORECASE,
)
# "the deck we presented on Monday", "the file you sent Friday": a day something was done
_DONE: Final = re.compile(
    r"\b(?:i|we|you|he|she|they|it|(?-i:[A-Z][a-z]+))\s+(?:already\s+|just\s+)?"
    r"(?:[a-z]*[a-df-z]ed|met|sent|said|told|spoke|wrote|saw|had|did|was|were|went|came|gave"
    r"|got|made|took|left|heard|paid|brought|bought|forgot|spent|lost|found)\s+"
    r"(?:(?:it|this|that|them|him|her|us|you|me)\s+)?"
    # "the numbers Jim asked for on Monday", "what we talked about on Monday"
    r"(?:(?:about|for|with|to|over)\s+(?:(?:it|this|that|them|him|her|us|you|me)\s+)?)?"
    r"(?:on\s+|last\s+)?$"
    # "as discussed on Monday", "great seeing you on Tuesday", "sorry I missed you on Tuesday"
    r"|\bas\s+(?:discussed|agreed|mentioned|promised|requested|planned|noted|arranged"
    r"|announced|explained|outlined|decided)\s+(?:(?:on|at|in|during)\s+)?$"
    r"|\b(?:great|nice|good|lovely|wonderful|a pleasure|fun|glad|sorry|thanks for)\s+(?:to\s+)?"
    r"(?:seeing|see|meeting|meet|talking|talk|speaking|speak|chatting|chat|catching up"
    r"|missed|missing|miss)(?:\s+(?:with\s+)?(?:you|everyone|all of you|y'all))?"
    r"(?:\s+(?:again|earlier))?\s+(?:(?:on|at|last)\s+)?$",
    re.IGNORECASE,
)
# "I'm out all next week", "away until Monday": when the writer is gone, not when it is due
_ABSENT: Final = re.compile(
    r"\b(?:i'm|i am|i'll be|i will be|we're|we are)\s+(?:out|away|off|on (?:vacation|holiday"
    r"|leave)|travell?ing)(?: of (?:the )?office)?(?:\s+(?:all|for|the whole|until|till"
    r"|through|from))?"
    # "I will be out at the law conference for the rest of the day and tomorrow"
    r"(?:\s+(?!(?:so|but|please|could|can|would|will|you|your|by|before|due|need|and you)\b)"
    r"[\w'-]+){0,12}\s+$",
    re.IGNORECASE,
)
# "Sue is going to be back on Tuesday", "when I'm back Monday": a return, not a deadline
_BACK: Final = re.compile(
    r"\b(?:be|is|am|are|i'm|we're|he's|she's|they're|gets?|comes?|coming|got)\s+back"
    r"(?:\s+(?:in|at|to) (?:the )?(?:office|town|work|my desk))?\s+(?:on\s+|from\s+)?$",
    re.IGNORECASE,
)
# "I'm free Tuesday or Wednesday", "I can meet Friday": the writer's offered slot
_OFFERED: Final = re.compile(
    r"\b(?:i'm|i am|i'll be|i will be|we're|we are|i'd be|we'd be)\s+(?:also\s+)?(?:free"
    r"|available|around|open|in (?:the office|town)|here)\b(?:\s+(?:on|at|all|any ?time|from"
    r"|after|until|till|through|most of))*\s+$"
    r"|\bi (?:can|could) (?:meet|do|talk|call|come|make it|be there)\b(?:\s+(?:on|at|around"
    r"|any ?time|after))*\s+$",
    re.IGNORECASE,
)
# "Saturday, March 25 works for me": a slot accepted or offered, not a deadline
_WORKS_FOR_ME: Final = re.compile(
    r"[\s,]+(?:works|is good|is fine|is ok|is okay|would work|is better|suits)"
    r" (?:for )?(?:me|us)\b",
    re.IGNORECASE,
)
# "on Thursday mornings", "every Monday night": a recurring time, not one deadline
_EVERY: Final = re.compile(r"\b(?:every|each)\s+(?:other\s+)?$", re.IGNORECASE)
_PLURAL_PART: Final = re.compile(r"\s+(?:mornings|afternoons|evenings|nights)\b", re.IGNORECASE)
# "the Super Saturday", "Black Friday": a day that is a name
_NAMED_DAY: Final = re.compile(
    r"\b(?:super|black|good|ash|easter|holy|cyber|casual|fat|palm|maundy|shrove|blue|happy"
    r"|giving|small business)\s+$",
    re.IGNORECASE,
)
# "by the 20th of each month": a recurring date
_OF_EACH: Final = re.compile(r"\s+of (?:each|every) (?:month|week|year)\b", re.IGNORECASE)
# "between May 6 and May 24": a range's first day is not when it ends
_RANGE_START: Final = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "I'll give you my comments tomorrow", "I shall call you Friday": the writer's own
# promise, not when the reader's part is due ("I'll need it by Friday" is one)
_OWN_PROMISE: Final = re.compile(
    r"\bi(?:['’]ll|\s+will|\s+shall|['’]m going to|\s+am going to|['’]m planning to|\s+plan to)\s+"
    r"(?!(?:be|need|want|expect|require|like|love|have to|ask|also need|still need|wait"
    r"|look forward|await|hope|assume|trust|suppose|guess|take it)\b)"
    r"(?:(?!(?:so|and you|you can|for you|if you|once you|when you|please)\b)[\w'-]+,?\s+){0,10}$",
    re.IGNORECASE,
)

# These are looked for only this far back (their longest form, with room for extra
# spaces): searching from the start of the text for every date made a text full of dates
# take quadratic time.
_LOOKBEHIND: Final = {
    p.pattern: reach
    for p, reach in (
        (_PAST, 32), (_ABSENT, 120), (_DONE, 80), (_RANGE_START, 12), (_OWN_PROMISE, 110),
        (_BACK, 50), (_EVERY, 12), (_NAMED_DAY, 16), (_OFFERED, 60),
    )
}  # fmt: skip


def _before(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) ending exactly at ``at``, in a bounded window."""
    return pattern.search(text, max(0, at - _LOOKBEHIND[pattern.pattern]), at)


def said_none(text: str, start: int, end: int) -> bool:
    """The words just before or after the day say it is no deadline: a day in the past
    ("from today", "the deck we presented on Monday"), the writer away, back, free or
    promising ("I'm out next week", "Sue is back on Tuesday", "I'm free Tuesday", "I'll
    call you tomorrow"), a range's start, a recurring or named day ("every Monday",
    "Thursday mornings", "the 20th of each month", "Super Saturday"), a slot accepted
    ("Saturday works for me")."""
    return bool(
        _before(_PAST, text, start)
        or _before(_ABSENT, text, start)
        or _before(_DONE, text, start)
        or _before(_OWN_PROMISE, text, start)
        or _before(_RANGE_START, text, start)
        or _before(_BACK, text, start)
        or _before(_EVERY, text, start)
        or _before(_NAMED_DAY, text, start)
        or _PLURAL_PART.match(text, end)
        or _OF_EACH.match(text, end)
        or _before(_OFFERED, text, start)
        or _WORKS_FOR_ME.match(text, end)
        or (
            _EVERY_AFTER.match(text, end) is not None
            and _STARTING.search(text, max(0, start - 16), start) is None
        )
        or _SOCIAL.search(text, max(0, start - 40), start)
        or (
            _SCENE.search(text, max(0, start - 12), start) is not None
            and _SCENE_END.match(text, end) is not None
        )
    )


def said_absent(text: str, start: int) -> bool:
    """The writer says they are away that day ("I'm out Friday")."""
    return _before(_ABSENT, text, start) is not None


def said_past_or_recurring(text: str, start: int, end: int) -> bool:
    """The day is one that happened ("we met on Monday") or recurs ("every Monday"): no
    "by then" can point at it."""
    return bool(
        _before(_PAST, text, start)
        or _before(_DONE, text, start)
        or _before(_EVERY, text, start)
        or _PLURAL_PART.match(text, end)
        or _OF_EACH.match(text, end)
    )


# "But for today, I'd like you to …": where the request stands, not when it is due
_SCENE: Final = re.compile(r"(?:^|[.;:!?]\s*|\b(?:but|and|so)\s+)for\s+$", re.IGNORECASE)
_SCENE_END: Final = re.compile(r"\s*,")


# "my Monday slot every week": a recurring time
_EVERY_AFTER: Final = re.compile(
    r"[^.;!?]{0,30}?\b(?:every|each) (?:other )?(?:week|month|day|morning|evening|year)\b",
    re.IGNORECASE,
)
# "starting this Monday and every other week": the first one is due
_STARTING: Final = re.compile(r"\b(?:starting|beginning|commencing)(?: on)?\s+$", re.I)
# "have a great weekend", "enjoy your Friday": a wish, not a deadline
_SOCIAL: Final = re.compile(
    r"\b(?:have|had|enjoy|enjoyed|enjoying)\s+(?:a|an|the|your)\s+(?:very\s+)?(?:(?:great|good"
    r"|nice|lovely|wonderful|fantastic|relaxing|restful|happy|safe|fun|terrific|super"
    r"|productive|long|quiet|pleasant|peaceful|well-deserved)\s+)*$",
    re.IGNORECASE,
)
