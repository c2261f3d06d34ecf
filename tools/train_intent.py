"""Train the sentence intent model shipped in ``followthrough/detect/intent_weights.json``.

Pure Python (no numpy): logistic regression with L2, trained by AdaGrad over the
features of ``followthrough.detect.features.sentence_features`` (words, word pairs,
first/last word, length bucket, hand-written rule ids, and since format 2 the sentence's
shape: first meaningful word, imperative/question/self start, URL, e-mail, phone,
mojibake, negation, capitals).

    .venv/bin/python tools/train_intent.py [/work/shared/data/asks/intent-train.tsv]

writes the weights file. ``bench/detect.py`` imports ``train`` from here to report
5-fold cross-validated figures (never the training fit).
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "daemon"))

from followthrough.detect.features import sentence_features  # noqa: E402

DEFAULT_DATA = Path("/work/shared/data/asks/intent-train.tsv")
OUT = ROOT / "daemon" / "followthrough" / "detect" / "intent_weights.json"
FORMAT_VERSION = 3  # must match followthrough.detect.intent.WEIGHTS_FORMAT

# Hyper-parameters, chosen by 5-fold cross-validation on the training file (bench/DETECT.md).
EPOCHS = 5
RATE = 0.05
L2 = 0.0
MIN_COUNT = 1
SEED = 7


def load_tsv(path: Path, limit: int | None = None) -> list[tuple[bool, str]]:
    """``Yes``/``No`` TAB sentence lines; undecodable bytes replaced, malformed lines skipped."""
    rows: list[tuple[bool, str]] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            label, sep, sentence = line.rstrip("\r\n").partition("\t")
            if not sep or label not in ("Yes", "No"):
                continue
            rows.append((label == "Yes", sentence))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def featurize(sentence: str) -> list[str]:
    return sorted(set(sentence_features(sentence)[0]))


def train(rows: Sequence[tuple[bool, str]]) -> tuple[dict[str, float], float]:
    """Weights and bias of a logistic regression fitted to ``rows``."""
    data = [(y, featurize(s)) for y, s in rows]
    counts: Counter[str] = Counter(f for _, fs in data for f in fs)
    keep = {f for f, c in counts.items() if c >= MIN_COUNT or f.startswith("r:")}
    data = [(y, [f for f in fs if f in keep]) for y, fs in data]
    w: dict[str, float] = dict.fromkeys(keep, 0.0)
    g2: dict[str, float] = dict.fromkeys(keep, 1e-8)
    bias, bias_g2 = 0.0, 1e-8
    rng = random.Random(SEED)
    order = list(range(len(data)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            y, fs = data[i]
            z = bias + sum(w[f] for f in fs)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - (1.0 if y else 0.0)
            for f in fs:
                g = err + L2 * w[f]
                g2[f] += g * g
                w[f] -= RATE * g / math.sqrt(g2[f])
            bias_g2 += err * err
            bias -= RATE * err / math.sqrt(bias_g2)
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= 1e-3}, round(bias, 4)


def probability(weights: dict[str, float], bias: float, sentence: str) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in featurize(sentence))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def folds(n: int, k: int = 5, seed: int = SEED) -> list[list[int]]:
    """``k`` disjoint index lists covering ``range(n)``, shuffled with a fixed seed."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    return [idx[i::k] for i in range(k)]


def cross_validate(
    rows: Sequence[tuple[bool, str]], k: int = 5, threshold: float = 0.5
) -> tuple[float, float, float]:
    """Precision, recall, F1 of models scored only on the fold they did not see."""
    tp = fp = fn = 0
    for test_idx in folds(len(rows), k):
        test = set(test_idx)
        weights, bias = train([r for i, r in enumerate(rows) if i not in test])
        for i in test_idx:
            y, s = rows[i]
            guess = probability(weights, bias, s) >= threshold
            tp += guess and y
            fp += guess and not y
            fn += (not guess) and y
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: Sequence[str] = ()) -> int:
    path = Path(argv[0]) if argv else DEFAULT_DATA
    rows = load_tsv(path)
    weights, bias = train(rows)
    OUT.write_text(
        json.dumps(
            {
                "format": FORMAT_VERSION,
                "trained_on": f"{path.name} ({len(rows)} sentences)",
                "features": "words, word pairs, first/last, length, rules, shape (features.py)",
                "hyper": {"epochs": EPOCHS, "rate": RATE, "l2": L2, "min_count": MIN_COUNT},
                "bias": bias,
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
            sort_keys=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT} ({len(weights)} weights, {OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
