"""Property tests: arbitrary text (and real sentences, mutated) through detection.

No exception, bounded CPU per example (regular expressions must not backtrack on
crafted input), and the results keep their invariants: aware datetimes, confidences in
[0, 1], evidence taken from the text.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followthrough.detect import classify_reply, detect_request, parse_deadline, segment_text
from shared_data import PRESENT, SHARED_DATA, needs_shared_data
from timebox import budget

pytestmark = needs_shared_data

TZ = ZoneInfo("America/New_York")
BASE = datetime(2026, 11, 2, 9, 30, tzinfo=TZ)
SENTENCES = (
    [
        line.split("\t", 1)[1]
        for line in (SHARED_DATA / "asks" / "intent-train.tsv")
        .read_text("utf-8", errors="replace")
        .splitlines()
        if "\t" in line
    ]
    if PRESENT
    else []
)
FUZZ = settings(
    max_examples=300,
    deadline=None,  # CPU budget below instead: wall time varies on busy machines
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Pieces that steer the regular expressions: deadline words, quote markers, modal verbs.
PIECES = [
    "by Friday",
    "by 31/12",
    "before the 3rd",
    "next week",
    "EOD",
    "in 2 weeks",
    "until 12:00",
    "on 2026-02-30",
    "by 99999999",
    "Could you",
    "please",
    "can you send",
    "> ",
    ">>>>>>>>>>",
    "On Mon, Bob wrote:",
    "-- \n",
    "-----Original Message-----",
    "Sent from my iPhone",
    "out of office",
    "no thanks",
    "attached",
    "\r\n",
    "\u2028",
    "\x00",
    " " * 50,
    "a" * 300,
    "1" * 40,
    ".",
    "?",
    "!",
]
text_strategy = st.one_of(
    st.text(max_size=2000),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=60).map("".join),
    st.tuples(st.sampled_from(SENTENCES), st.sampled_from(PIECES), st.integers(0, 200)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
    ),
)


def test_the_sentences_are_there() -> None:
    assert len(SENTENCES) > 3000


@FUZZ
@given(text=text_strategy, day_first=st.booleans())
@example(text="Could you review it by " + "Friday " * 2000, day_first=False)
@example(text=">" * 10000 + "\n" * 5000, day_first=True)
@example(text="by " + "1/" * 5000, day_first=True)
def test_detection_never_raises_and_stays_bounded(text: str, day_first: bool) -> None:
    with budget():
        seg = segment_text(text)
        hit = detect_request(text, BASE, day_first=day_first)
        reply = classify_reply(text, ("a.pdf",) if len(text) % 2 else (), "")
        deadline = parse_deadline(text, BASE, day_first=day_first)
    assert isinstance(seg.new, str) and isinstance(seg.quoted, str)
    if hit is not None:
        assert 0.0 <= hit.confidence <= 1.0
        assert hit.sentence and hit.what is not None
        if hit.deadline is not None and hit.deadline.due is not None:
            assert hit.deadline.due.tzinfo is not None
    assert reply.kind
    if deadline is not None and deadline.due is not None:
        assert deadline.due.tzinfo is not None
        # an explicit year may be far off ("by Dec 31, 9999"; "0000" reads as 2000), but
        # without one a deadline is within a year or so of the mail
        if not re.search(r"\d{2,}", text):
            assert BASE - timedelta(days=1) <= deadline.due <= BASE + timedelta(days=400)


@FUZZ
@given(
    text=text_strategy,
    base=st.datetimes(
        min_value=datetime(1971, 1, 1),
        max_value=datetime(2098, 12, 31),
        timezones=st.sampled_from([ZoneInfo("UTC"), ZoneInfo("Pacific/Kiritimati"), TZ]),
    ),
)
def test_deadlines_from_any_base_date(text: str, base: datetime) -> None:
    with budget():
        deadline = parse_deadline(text, base)
    if deadline is not None and deadline.due is not None:
        assert deadline.due.tzinfo is not None
