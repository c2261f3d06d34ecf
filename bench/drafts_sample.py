"""Draw the held-out ask sentences for ``bench/drafts.py`` (issue #16), reproducibly.

    .venv/bin/python bench/drafts_sample.py > /tmp/sample.tsv      # drafts-heldout.tsv
    .venv/bin/python bench/drafts_sample.py --seed 1616 --intent 125 --corpus 55 \
        --exclude bench/drafts-heldout.tsv --exclude tests --exclude docs/drafts.md \
        > /tmp/sample-2.tsv                                          # drafts-heldout-2.tsv

Seed 16 by default. Only what followthrough would record is drawn (the shipped detector's
confidence at least ``suggest_threshold``, 0.45): 240 sentences drawn at random from the
``Yes`` sentences of the shared ``asks/intent-train.tsv`` (Apache-2.0), and 85 asks from
the Apache SpamAssassin ham messages that ``bench/scan.py`` fetches (messages drawn at
random; the sentence the detector picks as the message's ask). The labels in
``bench/drafts-heldout.tsv`` were written by hand from this output before any drafting
code changed; lines that are no ask of the reader are labelled ``none`` and not scored.

A second, disjoint sample (``bench/drafts-heldout-2.tsv``) is drawn with another seed and
``--exclude``: a sentence is skipped when its text (whitespace collapsed, case ignored)
occurs in any excluded file (a directory stands for every text file under it), and a
SpamAssassin message is skipped when its ``sa:`` id is in an excluded label file's source
column, so neither the sentences nor the messages of the first set come back.

By the seventh set the ``Yes`` sentences the detector records were used up; ``--any-intent``
draws from all of them (an ask the user tracks from a suggestion, or tags in the calendar,
is drafted by the same phrase model). The eighth set takes its mail asks from the messages
of held-out detection sample 9 (``--heldout-sample 9``): the sentence the detector picks
in each message it would record, which is what a user meets.
"""

from __future__ import annotations

import argparse
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
TEXT_SUFFIXES = {".py", ".md", ".tsv", ".txt", ".eml", ".json", ".toml", ".ics", ".csv", ""}
THRESHOLD = 0.45  # config.example.toml [detect] suggest_threshold


def plain_text(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and not part.is_multipart():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "latin-1", "replace")
    return ""


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


def read_excluded(paths: list[Path]) -> tuple[str, set[str]]:
    """The excluded text (squashed, one blob) and the ``sa:`` message ids of label files."""
    blobs: list[str] = []
    ids: set[str] = set()
    for path in paths:
        if not path.exists():
            sys.exit(f"drafts_sample.py: --exclude {path}: no such file or directory")
        files = (
            sorted(f for f in path.rglob("*") if f.is_file() and f.suffix in TEXT_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in files:
            text = file.read_text("utf-8", "replace")
            blobs.append(squash(text))
            for line in text.splitlines():
                cols = line.split("\t")
                if len(cols) > 1 and cols[1].startswith("sa:"):
                    ids.add(cols[1])
    return "\n".join(blobs), ids


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--intent", type=int, default=FROM_INTENT, help="intent-train sentences")
    parser.add_argument("--corpus", type=int, default=FROM_CORPUS, help="SpamAssassin asks")
    parser.add_argument(
        "--any-intent",
        action="store_true",
        help="draw intent-train sentences whether or not the detector records them "
        "(an ask the user tracks from a suggestion or tags in the calendar is drafted too)",
    )
    parser.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a label file, fixture or directory whose sentences must not be drawn (repeatable)",
    )
    parser.add_argument(
        "--heldout-sample",
        type=int,
        help="draw the SpamAssassin asks from this held-out detection sample's messages, in "
        "its drawing order (bench/heldout.py), not from the whole ham shuffled",
    )
    args = parser.parse_args(argv)
    excluded, excluded_ids = read_excluded(args.exclude)
    rng = random.Random(args.seed)
    lines = (SHARED / "asks" / "intent-train.tsv").read_text("utf-8", "replace").splitlines()
    yes = [line.split("\t", 1)[1].strip() for line in lines if line.startswith("Yes\t")]
    rng.shuffle(yes)
    base = datetime(2002, 9, 2, 9, tzinfo=UTC)
    out: list[tuple[str, str]] = []
    for sentence in yes:
        if len(out) >= args.intent:
            break
        if excluded and squash(sentence) in excluded:
            continue
        hit = None if args.any_intent else detect_request(sentence, base)
        if args.any_intent or (hit is not None and hit.confidence >= THRESHOLD):
            out.append(("intent", " ".join(sentence.split())))
    ham = [p for p in fetch_corpus(CACHE) if "ham" in p.parent.name]
    rng.shuffle(ham)
    if args.heldout_sample is not None:
        import heldout

        data = heldout.corpus_dir()
        ham = [data / name for name in heldout.draw(data, args.heldout_sample)]
    seen: set[str] = set()
    corpus: list[tuple[str, str]] = []
    for path in ham:
        if len(corpus) >= args.corpus:
            break
        ident = f"sa:{path.parent.name}/{path.name[:5]}"
        if ident in excluded_ids:
            continue
        hit = detect_request(plain_text(path.read_bytes()), base)
        if hit is None or hit.confidence < THRESHOLD:
            continue
        sentence = " ".join(hit.sentence.split())
        if sentence.lower() in seen or len(sentence) > 300:
            continue
        if excluded and squash(sentence) in excluded:
            continue
        seen.add(sentence.lower())
        corpus.append((ident, sentence))
    out += corpus
    for n, (source, sentence) in enumerate(out, 1):
        print(f"m{n:03d}\t{source}\t{sentence}")


if __name__ == "__main__":
    main()
