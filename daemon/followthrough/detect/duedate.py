"""The ask's due date: a date said in its own sentence, or in the sentence just before
or after it in the same paragraph when that one ties its date to the ask ("by then:
Friday"); never a quoted header's date, and never one before the message was sent. Moved
out of ``request`` (issue 17, eighth round); ``request`` re-exports its names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Final

from followthrough.detect.deadline import Deadline, parse_deadline
from followthrough.detect.words import may_contain

# Quoted header lines that a sentence may still carry ("Sent: Thursday, August 08, 2002
# 4:45 PM", "On Mon, Jan 7, 2002 at 10:45 AM, Bob wrote:", Lotus Notes' "12/07/2000
# 10:45 AM"): their dates are when something was written, never when it is due.
_HEADERISH: Final = re.compile(
    r"\b(?:sent|date|datum|gesendet|envoy[ée]|received)\s*:\s*[^:]{0,80}?\d{1,2}:\d{2}"
    r"(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[+-]\d{4})?"
    r"|\b(?:on|am|le|el)\b[^.?!]{0,90}?\b(?:wrote|writes|a écrit|schrieb|escribió)\s*:?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?m\.?"
    r"|\bin a message dated\b[^,]{0,60}",
    re.IGNORECASE,
)
# A date in a neighbouring sentence belongs to the ask only when it says so: "by then:
# Friday", "the deadline is the 5th", "I need it by Monday", "ideally before noon".
_TIED: Final = re.compile(
    r"^\W*(?:(?:ideally|preferably|hopefully|latest|at the latest|and|but|if possible|ideally"
    r" by)\W+)*(?:by|before|no later than|not later than|until|due|deadline)\b"
    r"|\b(?:deadline|due date|due)\b|\bby then\b|\bneed (?:it|them|this|that|these|those|the \w+)"
    r" (?:by|before|back by|no later than)\b"
    # "I'd appreciate your comments by Tuesday", "Please let me know by Friday"
    r"|\b(?:appreciate|grateful|please|would like|'d like|needs?|helpful|hear from you"
    r"|hear back|get back to me|let me know)\b[^.?!]{0,60}?\b(?:by|before|no later than"
    r"|not later than)\s",
    re.IGNORECASE,
)


# Words without which ``_TIED`` cannot match (one in each branch).
_TIED_WORDS: Final = ("by", "before", "later", "until", "due", "deadline")


def _tied(sentence: str) -> bool:
    """``_TIED`` finds a date tied to the ask in ``sentence`` (its words looked for first)."""
    return may_contain(sentence, _TIED_WORDS) and _TIED.search(sentence) is not None


_FAR: Final = timedelta(days=300)  # a yearless date this far ahead was in the past
_YEAR: Final = re.compile(r"\b\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2}\b|\b(?:next|this) year\b", re.I)


# Words without which ``_HEADERISH`` cannot match (one in each branch).
_HEADERISH_WORDS: Final = (
    ":",
    "wrote",
    "writes",
    "\u00e9crit",
    "schrieb",
    "escribi",
    "in a message",
)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _deadline_of(sentence: str, sent_at: datetime, day_first: bool) -> Deadline | None:
    """The deadline said in ``sentence``, if it is not before the message was sent."""
    text = sentence
    if any(map(str.isdigit, sentence)) and may_contain(sentence, _HEADERISH_WORDS):
        text = _blank(sentence, _HEADERISH)
    found = parse_deadline(text, sent_at, day_first=day_first)
    if found is None or found.due is None:
        return found
    if found.due - sent_at > _FAR and not _YEAR.search(found.phrase):
        return None  # "the report you promised on 11/12", sent on the 18th: a past date
    if found.due >= sent_at:
        return found
    if found.due.date() == sent_at.date() and not any(c.isdigit() for c in found.phrase):
        # "can you do it today?" sent at six: by the end of that day
        return Deadline(found.due.replace(hour=23, minute=59), found.phrase, "date")
    return None  # a date before the message was sent is not when anything is due


def decide_deadline(
    sentences: Sequence[tuple[str, int]], index: int, sent_at: datetime, day_first: bool
) -> Deadline | None:
    """The ask's deadline: from its own sentence, else from the sentence just before or
    after it in the same paragraph when that one ties its date to the ask ("by then:
    Friday", "The deadline is Monday"). Never from another paragraph, quoted text or a
    signature (they are not in the sentences)."""
    sentence, para = sentences[index]
    own = _deadline_of(sentence, sent_at, day_first)
    if own is not None:
        return own
    for j in (index + 1, index - 1):
        if not 0 <= j < len(sentences) or sentences[j][1] != para:
            continue
        other = sentences[j][0]
        short = len(other.split()) <= 6  # "No rush.", "ASAP please!"
        if not (short or _tied(other) or (j == index + 1 and sentence.rstrip().endswith(":"))):
            continue
        found = _deadline_of(other, sent_at, day_first)
        lead = j == index + 1 and sentence.rstrip().endswith(":")
        if found is not None and (found.kind != "date" or not short or lead or _tied(other)):
            return found
    return None
