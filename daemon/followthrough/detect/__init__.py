"""Pure detection: asks in sent mail, deadlines, reply kinds, thanks, out-of-office dates.

No I/O at run time except reading the small intent model shipped in this package.
"""

from __future__ import annotations

from followthrough.detect.deadline import Deadline, parse_deadline
from followthrough.detect.reply import ReplyClass, classify_reply, detect_ooo_return, detect_thanks
from followthrough.detect.request import (
    RequestHit,
    decide_helpers,
    detect_request,
    score_sentence,
    split_sentences,
)
from followthrough.detect.segment import Segments, segment_text

__all__ = [
    "Deadline",
    "ReplyClass",
    "RequestHit",
    "Segments",
    "classify_reply",
    "decide_helpers",
    "detect_ooo_return",
    "detect_request",
    "detect_thanks",
    "parse_deadline",
    "score_sentence",
    "segment_text",
    "split_sentences",
]
