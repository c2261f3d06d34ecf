"""The seventh round's speed shortcuts give exactly what the plain forms they replace give,
on the shared real-world mail and sentences and on generated edge cases."""

from __future__ import annotations

import random

from followthrough.detect.segment import _DISCLAIMER, _disclaimer_start
from shared_data import SHARED_DATA, needs_shared_data


def _mail_lines() -> list[str]:
    lines: list[str] = []
    for folder in ("talon", "flanker", "cpython"):
        for path in sorted((SHARED_DATA / "mail" / folder).rglob("*")):
            if path.is_file() and path.stat().st_size < 200_000:
                lines += path.read_bytes().decode("utf-8", "replace").splitlines()
    return lines


# ---- the disclaimer's first line ------------------------------------------------------------


def _disclaimer_by_line(lines: list[str]) -> int | None:
    """What ``segment_text`` did before: ``_DISCLAIMER.match`` on each line after the first."""
    return next((i for i, line in enumerate(lines) if i > 0 and _DISCLAIMER.match(line)), None)


_DISCLAIMER_PIECES = [
    "This email is confidential", "this message and its attachments are privileged",
    "This e-mail is intended only for the addressee", "CONFIDENTIALITY NOTICE", "Legal note",
    "Disclaimer:", "disclaimer \u00a0:", "The information contained in this message",
    "If you are not the intended recipient", "email transmission cannot be guaranteed",
    "Please consider the environment before printing", "this message", "confidential", " ",
    "\t", "\u00a0", "\x0b", "\u2028", ".", "\u0130f you are not the recipient", "Hi Bob,", "",
    "this email\nis confidential", "intended for", "thanks", "-- ", "\u00e9",
]  # fmt: skip


def test_disclaimer_start_is_the_first_matching_line_after_the_first() -> None:
    rng = random.Random(7)
    for _ in range(30_000):
        text = "\n".join(
            "".join(rng.choice(_DISCLAIMER_PIECES) for _ in range(rng.randint(0, 4)))
            for _ in range(rng.randint(1, 6))
        )
        lines = text.split("\n")  # (as ``segment_text`` splits a body: no "\n" in a line)
        assert _disclaimer_start(lines) == _disclaimer_by_line(lines), lines


@needs_shared_data
def test_disclaimer_start_on_real_mail() -> None:
    lines = _mail_lines()
    for start in range(0, len(lines), 40):
        chunk = lines[start : start + 60]
        assert _disclaimer_start(chunk) == _disclaimer_by_line(chunk)
