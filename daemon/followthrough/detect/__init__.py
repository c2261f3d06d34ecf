"""Pure detection: asks in sent mail, deadlines, reply kinds, thanks, out-of-office dates.

No I/O at run time except reading the small intent model shipped in this package.
The submodules compile many patterns when imported, so they are imported on first use
of a name (PEP 562): a pass that reads no new message never pays for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followthrough.detect.deadline import Deadline, parse_deadline
    from followthrough.detect.intent import score_sentence
    from followthrough.detect.reply import (
        ReplyClass,
        classify_reply,
        detect_ooo_return,
        detect_thanks,
    )
    from followthrough.detect.request import (
        RequestHit,
        decide_helpers,
        detect_request,
        split_sentences,
    )
    from followthrough.detect.segment import Segments, segment_text

_WHERE = {
    "Deadline": "deadline",
    "parse_deadline": "deadline",
    "ReplyClass": "reply",
    "classify_reply": "reply",
    "detect_ooo_return": "reply",
    "detect_thanks": "reply",
    "RequestHit": "request",
    "decide_helpers": "request",
    "detect_request": "request",
    "score_sentence": "intent",
    "split_sentences": "request",
    "Segments": "segment",
    "segment_text": "segment",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once imported, a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
