"""How often two careful people agree on an ask's forms: the ceiling of bench/drafts.py.

    .venv/bin/python bench/agreement.py bench/drafts-heldout-4.tsv bench/drafts-heldout-4b.tsv

The second file labels some rows of the first again, by another person, blind to the first.
For every row both call an ask, it asks what bench/drafts.py asks of the product: is the
second person's own form (the first listed) among the first person's forms, after
``norm()``? (And the other way round.) A product cannot be expected to match one labeller's
list more often than another careful labeller does: that share is the measure's ceiling.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from drafts import Item, norm, read_labels


def _agree(one: Item, other: Item) -> tuple[bool, bool]:
    """Is ``one``'s first -ing form among ``other``'s, and its first topic?"""
    gerund = bool(one.gerunds) and norm(one.gerunds[0]) in {norm(g) for g in other.gerunds}
    topic = bool(one.topics) and norm(one.topics[0]) in {norm(t) for t in other.topics}
    return gerund, topic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    first = {i.id: i for i in read_labels(args.first)}
    second = {i.id: i for i in read_labels(args.second)}
    shared = [k for k in second if k in first]
    if not shared:
        sys.exit(f"agreement: {args.second} labels no row of {args.first}")
    both_ask = [k for k in shared if first[k].kind != "none" and second[k].kind != "none"]
    ask_agree = sum((first[k].kind == "none") == (second[k].kind == "none") for k in shared)
    kind_agree = sum(first[k].kind == second[k].kind for k in both_ask)
    print(
        f"bench/agreement.py: {len(shared)} rows labelled twice; ask or not agrees on "
        f"{ask_agree}/{len(shared)}; {len(both_ask)} both call an ask, kind agrees on "
        f"{kind_agree}/{len(both_ask)} = {100 * kind_agree / len(both_ask):.1f} %"
    )
    for name, one, other in (
        (f"{args.second.name}'s own form in {args.first.name}'s list", second, first),
        (f"{args.first.name}'s own form in {args.second.name}'s list", first, second),
    ):
        hits = [_agree(one[k], other[k]) for k in both_ask]
        g = sum(h[0] for h in hits)
        t = sum(h[1] for h in hits)
        b = sum(h[0] and h[1] for h in hits)
        n = len(hits)
        print(
            f"  {name}: -ing form {g}/{n} = {100 * g / n:.1f} %, topic {t}/{n} = "
            f"{100 * t / n:.1f} %, both {b}/{n} = {100 * b / n:.1f} %"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
