"""Draw the held-out ask sentences for ``bench/drafts.py`` (issue #16), reproducibly.

    .venv/bin/python bench/drafts_sample.py > /tmp/sample.tsv

Seed 16. Only what followthrough would record is drawn (the shipped detector's
confidence at least ``suggest_threshold``, 0.45): 240 sentences drawn at random from the
``Yes`` sentences of the shared ``asks/intent-train.tsv`` (Apache-2.0), and 85 asks from
the Apache SpamAssassin ham messages that ``bench/scan.py`` fetches (messages drawn at
random; the sentence the detector picks as the message's ask). The labels in
``bench/drafts-heldout.tsv`` were written by hand from this output before any drafting
code changed; lines that are no ask of the reader are labelled ``none`` and not scored.
"""

from __future__ import annotations

import email
import random
import sys
from datetime import UTC, datetime
from email.policy import compat32
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from followthrough.detect.request import detect_request
from scan import CACHE, SHARED, fetch_corpus

SEED = 16
FROM_INTENT = 240
FROM_CORPUS = 85
THRESHOLD = 0.45  # config.example.toml [detect] suggest_threshold


def plain_text(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and not part.is_multipart():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "latin-1", "replace")
    return ""


def main() -> None:
    rng = random.Random(SEED)
    lines = (SHARED / "asks" / "intent-train.tsv").read_text("utf-8", "replace").splitlines()
    yes = [line.split("\t", 1)[1].strip() for line in lines if line.startswith("Yes\t")]
    rng.shuffle(yes)
    base = datetime(2002, 9, 2, 9, tzinfo=UTC)
    out: list[tuple[str, str]] = []
    for sentence in yes:
        if len(out) >= FROM_INTENT:
            break
        hit = detect_request(sentence, base)
        if hit is not None and hit.confidence >= THRESHOLD:
            out.append(("intent", " ".join(sentence.split())))
    ham = [p for p in fetch_corpus(CACHE) if "ham" in p.parent.name]
    rng.shuffle(ham)
    seen: set[str] = set()
    corpus: list[tuple[str, str]] = []
    for path in ham:
        if len(corpus) >= FROM_CORPUS:
            break
        hit = detect_request(plain_text(path.read_bytes()), base)
        if hit is None or hit.confidence < THRESHOLD:
            continue
        sentence = " ".join(hit.sentence.split())
        if sentence.lower() in seen or len(sentence) > 300:
            continue
        seen.add(sentence.lower())
        corpus.append((f"sa:{path.parent.name}/{path.name[:5]}", sentence))
    out += corpus
    for n, (source, sentence) in enumerate(out, 1):
        print(f"m{n:03d}\t{source}\t{sentence}")


if __name__ == "__main__":
    main()
