"""Where the shared real-world test material lives (see ../shared/data/README.md).

Beside the checkout, ``<repo>/../shared/data``, unless FOLLOWTHROUGH_SHARED_DATA names
another directory. There is no other fallback: when the directory is absent, the tests
that read it skip with :data:`MISSING` as their reason; when it is present, a file
missing from it is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("FOLLOWTHROUGH_SHARED_DATA") or REPO.parent / "shared" / "data")
PRESENT = SHARED_DATA.is_dir()
MISSING = (
    f"the shared real-world test data is not at {SHARED_DATA} (put it beside the checkout "
    "as ../shared/data, or set FOLLOWTHROUGH_SHARED_DATA)"
)

needs_shared_data = pytest.mark.skipif(not PRESENT, reason=MISSING)
"""Mark a test (or a module, with ``pytestmark``) that reads the shared data."""


def mail_lines(folders: tuple[str, ...] = ("talon", "flanker", "cpython")) -> list[str]:
    """Every line of the shared real mail under ``mail/<folder>`` (files under 200 kB): the
    text the detector's shortcuts are checked against their long forms on."""
    lines: list[str] = []
    for folder in folders:
        for path in sorted((SHARED_DATA / "mail" / folder).rglob("*")):
            if path.is_file() and path.stat().st_size < 200_000:
                lines += path.read_bytes().decode("utf-8", "replace").splitlines()
    return lines
