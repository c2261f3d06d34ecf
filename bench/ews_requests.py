"""Print how many EWS requests the Exchange backend makes against the fake endpoint.

.venv/bin/python bench/ews_requests.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests")]

from integration.ews_support import measure_requests, prepare_state  # noqa: E402
from integration.fake_ews import FakeEws  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, FakeEws() as fake:
        root = Path(tmp)
        prepare_state(fake, root / "state", root / "creds")
        os.environ["CREDENTIALS_DIRECTORY"] = str(root / "creds")
        figures = measure_requests(fake, root / "state", datetime.now(UTC))
        for name, count in figures.items():
            if not name.startswith("records:"):
                print(f"{name:<48} {count:>4} requests")
        print("by operation:", dict(fake.calls))


if __name__ == "__main__":
    main()
