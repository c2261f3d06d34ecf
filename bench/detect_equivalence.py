"""Equivalence check for speed work on ``detect_request``: run it over every SpamAssassin
ham message (with the message's kind and sender as bench/heldout.py passes them, and
without) and write one line per result (sentence, rules, confidence to 6 places, due,
deadline, what, addressees, helpers) to a file. Run before and after a change and compare:

    .venv/bin/python bench/detect_equivalence.py /tmp/before.txt
    .venv/bin/python bench/detect_equivalence.py /tmp/after.txt --compare /tmp/before.txt
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout
from followthrough.detect import decide_helpers, detect_request


def digest_lines() -> list[str]:
    data = heldout.corpus_dir()
    names = sorted(str(p.relative_to(data)) for d in heldout.HAM for p in (data / d).glob("*.txt"))
    out: list[str] = []
    for name in names:
        rec = heldout.read_record(data, name)
        sender = rec.sender.email if rec.sender else ""
        for mode, kw in (("plain", {}), ("kind", {"kind": rec.auto, "sender": sender})):
            hit = detect_request(rec.text, rec.date, **kw)  # type: ignore[arg-type]
            if hit is None:
                out.append(f"{name}\t{mode}\tNone")
                continue
            due = hit.deadline.due.isoformat() if hit.deadline and hit.deadline.due else "-"
            helpers = [a.email for a in decide_helpers(hit, rec.to, rec.cc)]
            out.append(
                "\t".join(
                    [
                        name,
                        mode,
                        repr(hit.sentence),
                        repr(hit.rules),
                        f"{hit.confidence:.6f}",
                        due,
                        repr(hit.deadline),
                        repr(hit.what),
                        repr(hit.addressees),
                        repr(helpers),
                    ]
                )
            )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--compare", type=Path, help="an earlier output: report any difference")
    args = ap.parse_args()
    lines = digest_lines()
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    hits = sum(not line.endswith("\tNone") for line in lines)
    sha = hashlib.sha256(text.encode()).hexdigest()[:16]
    print(f"{len(lines)} results ({hits} hits), sha256 {sha}")
    if args.compare:
        old = args.compare.read_text(encoding="utf-8").splitlines()
        diff = [(a, b) for a, b in zip(old, lines, strict=False) if a != b]
        if len(old) != len(lines) or diff:
            print(f"DIFFERENT: {len(diff)} lines differ ({len(old)} vs {len(lines)} lines)")
            for a, b in diff[:5]:
                print(f"- {a}\n+ {b}")
            return 1
        print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
