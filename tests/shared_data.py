"""Where the shared real-world test material lives (see ../shared/data/README.md).

Next to the checkout (``<repo>/../shared/data``) unless FOLLOWTHROUGH_SHARED_DATA says
otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
_CANDIDATES = [
    Path(os.environ["FOLLOWTHROUGH_SHARED_DATA"])
    if os.environ.get("FOLLOWTHROUGH_SHARED_DATA")
    else None,
    _REPO.parent / "shared" / "data",
    Path("/work/shared/data"),
]
SHARED_DATA = next(
    (p for p in _CANDIDATES if p is not None and p.is_dir()), _REPO.parent / "shared" / "data"
)
