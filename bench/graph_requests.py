"""Print how many Microsoft Graph requests the Microsoft 365 backend makes against the
fake Graph (tests/integration/fake_graph.py): a first sync of 1,000 sent items, a pass
with no change, a pass with 10 new messages.

.venv/bin/python bench/graph_requests.py             # the table
.venv/bin/python bench/graph_requests.py --markdown  # the same, as the table in bench/GRAPH.md
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]

from integration.fake_graph import FakeGraph  # noqa: E402
from integration.graph_support import measure_requests  # noqa: E402

WHY = {
    "first sync, 1000 sent items": "delta pages of 100 (Prefer: odata.maxpagesize=100)",
    "pass with no change (sent, inbox, calendar)": "one delta-link request per folder",
    "pass with 10 new messages": "one delta page each; bodies come with the page",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    fake = FakeGraph(user="ann@example.org")
    figures = measure_requests(fake, datetime.now(UTC))
    rows = [(k, v) for k, v in figures.items() if not k.startswith("records:")]
    if args.markdown:
        print("| pass | Graph requests | why |\n|---|---:|---|")
        for name, count in rows:
            print(f"| {name} | {count} | {WHY.get(name, '')} |")
    else:
        for name, count in rows:
            print(f"{name:<48} {count:>4} requests")
    print("by request:", dict(fake.calls))


if __name__ == "__main__":
    main()
