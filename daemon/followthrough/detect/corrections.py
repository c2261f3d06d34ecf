"""The user's corrections: a small per-user adjustment on top of the shipped model.

Weights on a sentence's word pairs, first two words and rules, added to the log-odds of
its gated confidence; learned from the asks the user tracked (an ask) or dismissed as not
an ask (``learn_adjustment``), kept in the ledger (migration 6), never in the weights file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from followthrough.detect.features import sentence_features
from followthrough.detect.intent import sentence_confidence

# ---- the user's corrections ---------------------------------------------------------------
# A small per-user adjustment on top of the shipped model: weights on a sentence's word
# pairs, first two words and rules, added to the log-odds of its gated confidence. Learned
# from the asks the user tracked (an ask) or dismissed as not an ask (``learn_adjustment``).


def adjust_features(sentence: str) -> list[str]:
    """The features a correction may weigh: word pairs, the first two words, the rules."""
    feats, _ = sentence_features(sentence)
    return sorted({f for f in feats if f.startswith(("b:", "fb:", "r:"))})


def _logit(c: float) -> float:
    c = min(max(c, 1e-4), 1 - 1e-4)
    return math.log(c / (1 - c))


def _sigmoid(z: float) -> float:
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def adjusted(confidence: float, feats: list[str], adjust: Mapping[str, float]) -> float:
    """``confidence`` moved by the user's adjustment for a sentence with ``feats``."""
    shift = sum(adjust.get(f, 0.0) for f in feats)
    if not shift:
        return confidence
    return _sigmoid(_logit(confidence) + shift)


def learn_adjustment(
    labels: Sequence[tuple[str, bool]], track: float = 0.75, epochs: int = 60
) -> dict[str, float]:
    """Weights that put each labelled sentence on its side of ``track`` (an ask above it,
    not an ask below it) with as little change as possible: logistic steps on top of the
    shipped confidence, shrunk a little each round, capped at ±3."""
    data = [(adjust_features(s), _logit(sentence_confidence(s)), y) for s, y in labels]
    weights: dict[str, float] = {}
    low, high = _logit(track) - 0.7, _logit(track) + 0.7
    for _ in range(epochs):
        settled = True
        for feats, z0, y in data:
            if not feats:
                continue
            z = z0 + sum(weights.get(f, 0.0) for f in feats)
            if (y and z >= high) or (not y and z <= low):
                continue
            settled = False
            step = 0.5 * ((1.0 if y else 0.0) - _sigmoid(z)) / math.sqrt(len(feats))
            for f in feats:
                weights[f] = max(-3.0, min(3.0, weights.get(f, 0.0) + step))
        if settled:
            break
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 0.005}


def explain_adjustment(sentence: str, adjust: Mapping[str, float]) -> list[tuple[str, float]]:
    """The adjustment weights that apply to ``sentence``, largest first."""
    feats = adjust_features(sentence)
    used = [(f, adjust[f]) for f in feats if f in adjust]
    return sorted(used, key=lambda fw: -abs(fw[1]))
