"""The shipped intent model: how likely one sentence is a request or intent.

``score_sentence`` is a small logistic regression (weights in ``intent_weights.json``,
rebuilt by ``tools/train_intent.py``) over words, word pairs and the hand-written rules
of ``features``. ``sentence_confidence`` is its probability gated on "addressed to the
reader" (``gate``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Final

from followthrough.detect.features import sentence_features
from followthrough.detect.gate import _ask_confidence
from followthrough.errors import FollowthroughError

WEIGHTS_FILE: Final = "intent_weights.json"
WEIGHTS_FORMAT: Final = 3  # tools/train_intent.py FORMAT_VERSION


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    raw = resources.files("followthrough.detect").joinpath(WEIGHTS_FILE).read_text("utf-8")
    data = json.loads(raw)
    if data.get("format") != WEIGHTS_FORMAT:
        raise FollowthroughError(
            f"{WEIGHTS_FILE}: format {data.get('format')!r}, expected {WEIGHTS_FORMAT}",
            ["rebuild it with tools/train_intent.py"],
        )
    return {str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"])


def _probability(feats: list[str]) -> float:
    weights, bias = _model()
    z = bias + sum(map(weights.get, set(feats), repeat(0.0)))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def _score(sentence: str) -> tuple[float, list[str], list[tuple[str, str]]]:
    """The model's probability, the features and every rule hit (id, matched words)."""
    feats, hits = sentence_features(sentence)
    return _probability(feats), feats, hits


def score_sentence(sentence: str) -> tuple[float, tuple[str, ...]]:
    """How likely ``sentence`` asks for (or proposes) something, 0..1, and the rules that
    fired ("rule-id:matched words"; only rules the model counts in favour)."""
    p, _, hits = _score(sentence)
    weights = _model()[0]
    rules = tuple(f"{rid}:{words}" for rid, words in hits if weights.get("r:" + rid, 0.0) > 0)
    return p, rules


def sentence_confidence(sentence: str) -> float:
    """The shipped model's gated confidence that ``sentence`` alone asks the reader."""
    p, feats, hits = _score(sentence)
    return _ask_confidence(sentence, p, feats, hits)
