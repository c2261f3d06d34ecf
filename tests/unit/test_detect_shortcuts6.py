"""The sixth round's speed shortcuts give exactly what the plain forms they replace give,
on the shared real-world sentences and on hand-made edge cases."""

from __future__ import annotations

import random

from followthrough.detect.junk import _TAIL_JUNK, drop_tail_junk
from shared_data import SHARED_DATA, needs_shared_data


def _intent_sentences() -> list[str]:
    path = SHARED_DATA / "asks" / "intent-train.tsv"
    return [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]


# ---- what is asked: the polite tail -----------------------------------------------------

_TAIL_PIECES = [
    "please", "thanks", " ", ",", "?", ".", "!", "-", ";", ":", "\n", "a", "it'd be great",
    "too", "x", "\u00a0", "thank you", "as well", "PLEASE", "\u017f", "plea\u017fe",
    "if you can", "Sec", "when you get a chance", "help", "\u212a", "send it", "'", "that",
    "That'd be helpful", "would", "for me", "at the latest", "this would help", "it", "pls",
    "if possible", "xplease", "pleasex", "'d", "d'", "thank", "1", "_", "\t", "big help",
]  # fmt: skip


@needs_shared_data
def test_dropping_the_tail_junk_gives_what_the_pattern_gives() -> None:
    rng = random.Random(6)
    texts = _intent_sentences() + [
        "".join(rng.choice(_TAIL_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(50_000)
    ]
    texts += [t.rstrip(" ?.!") for t in texts[:5000]]  # the summary's second look
    assert sum(_TAIL_JUNK.search(t) is not None for t in texts) > 10_000
    for text in texts:
        assert drop_tail_junk(text) == _TAIL_JUNK.sub("", text), repr(text)


def test_dropping_the_tail_junk_keeps_the_ask() -> None:
    assert drop_tail_junk("Could you send it over, please?") == "Could you send it over"
    assert drop_tail_junk("Send the deck - that'd be great, thanks!!") == "Send the deck"
    assert drop_tail_junk("Review it too, if you can") == "Review it"
    assert drop_tail_junk("Can you help") == "Can you help"  # no mark or comma before it
    assert drop_tail_junk("Ping me, PLEASE.") == "Ping me"
    assert drop_tail_junk("Ping me, plea\u017fe.") == "Ping me"  # (not ASCII: the pattern)
    assert drop_tail_junk("") == ""
