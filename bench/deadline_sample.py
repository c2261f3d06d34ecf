"""Draw the held-out due-date sentences of ``bench/deadlines-heldout.tsv`` (issue 17).

Standard library only. Takes the ``Yes`` sentences of the shared
``asks/intent-train.tsv`` (Apache-2.0, ParakweetLabs/EmailIntentDataSet) whose text
contains a time expression, drops every sentence whose text (whitespace collapsed, lower
case) occurs in any file under ``tests/``, in the ``bench/*.tsv`` label files there were at
commit cdbe390 (``STUDIED_BENCH``; not the two label files made from this draw: the
held-out one and ``deadlines-dev.tsv``, labelled from the candidates it does not keep) or
in ``docs/drafts.md``, shuffles with ``random.Random(1799)`` and prints the first 170 as
``dNNN<TAB>text``:

    python3 bench/deadline_sample.py > /tmp/draw.tsv

The exclusions were first read at commit cdbe390. The shuffle depends on the whole list
of candidates, so a later file that copies any candidate changes the draw:
``tests/unit/test_heldout_labels.py`` checks that it still gives the labelled sentences.
"""

import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FOLLOWTHROUGH_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
DATA = str(SHARED / "asks" / "intent-train.tsv")
MAIN = str(ROOT)
OWN_LABELS = ("deadlines-heldout.tsv", "deadlines-dev.tsv")
# The bench label files there were when the draw was made (commit cdbe390): a later label
# file (the fourth drafts set copies candidates) may not change the draw.
STUDIED_BENCH = (
    "drafts-heldout.tsv",
    "drafts-heldout-2.tsv",
    "drafts-heldout-3.tsv",
    "heldout-labels.tsv",
    "heldout2-labels.tsv",
    "heldout3-labels.tsv",
    "quoting-labels.tsv",
    "requests-sample.tsv",
    "requests-sample-2.tsv",
    "requests-sample-3.tsv",
    "threads-checked.tsv",
)
N = 170
SEED = 1799

DAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\.?"
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|couple(?: of)?|few)"
)
TIME_RE = re.compile(
    r"\b(?:"
    + r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    + r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
    + r"(?=\s*[,\d/]|\s+(?:am|pm|morning|afternoon|evening|night)\b)"
    + r"|"
    + MONTHS
    + r"\s*\d{1,2}(?:st|nd|rd|th)?\b"
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTHS
    + r"(?![a-z])"
    + r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    + r"|\d{4}-\d{2}-\d{2}"
    + r"|today|tonight|tomorrow|tommorow|tomorow|yesterday"
    + r"|(?:this|next|last)\s+"
    + r"(?:week(?:end)?|month|year|morning|afternoon|evening|night|quarter|time|"
    + DAYS
    + r")"
    + r"|end\s+of\s+(?:the\s+)?(?:day|week|month|year|quarter|business)"
    + r"|eod|cob|eow|asap|a\.s\.a\.p\.?"
    + r"|\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])"
    + r"|\d{1,2}:\d{2}"
    + r"|noon|midnight"
    + r"|(?:with)?in\s+(?:the\s+next\s+)?"
    + NUMWORD
    + r"\s+(?:minutes?|hours?|days?|weeks?|months?|business\s+days?)"
    + r"|(?:by|until|till|before|after)\s+(?:then|the\s+\d{1,2}(?:st|nd|rd|th))"
    + r"|the\s+\d{1,2}(?:st|nd|rd|th)\b"
    + r")",
    re.I,
)


def norm(s):
    return " ".join(s.split()).lower()


def studied_text():
    paths = []
    for root, _dirs, files in os.walk(os.path.join(MAIN, "tests")):
        paths.extend(os.path.join(root, f) for f in files)
    paths.extend(os.path.join(MAIN, "bench", name) for name in STUDIED_BENCH)
    paths.append(os.path.join(MAIN, "docs", "drafts.md"))
    chunks = []
    for p in sorted(paths):
        try:
            with open(p, "rb") as fh:
                chunks.append(norm(fh.read().decode("utf-8", "replace")))
        except OSError as err:  # a file left out would change the draw without a word
            sys.exit(f"deadline_sample.py: cannot read {p}: {err.strerror}")
    return "\n".join(chunks)


def main():
    seen = studied_text()
    rows = []
    with open(DATA, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" not in line:
                continue
            label, text = line.split("\t", 1)
            if label.strip() != "Yes":
                continue
            if not TIME_RE.search(text):
                continue
            if norm(text) in seen:
                continue
            rows.append(text)
    random.Random(SEED).shuffle(rows)
    print(f"# {len(rows)} candidate sentences; first {min(N, len(rows))} kept", file=sys.stderr)
    for i, text in enumerate(rows[:N], 1):
        print(f"d{i:03d}\t{text}")


if __name__ == "__main__":
    main()
