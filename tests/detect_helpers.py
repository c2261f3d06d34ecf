"""What the detector tests share: a send time, the thresholds the product ships with
(read from ``DetectSettings``' defaults, never restated) and one confidence helper."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from followthrough.config.behaviour import DetectSettings
from followthrough.detect import detect_request, parse_deadline

CHI = ZoneInfo("America/Chicago")
SENT = datetime(2026, 11, 18, 10, 30, tzinfo=CHI)  # a Wednesday, 10:30
TRACK = DetectSettings().track_threshold  # what these tests call tracked
SUGGEST = DetectSettings().suggest_threshold  # ... and suggested


def d(day: int, hour: int = 17, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """A due date in Chicago, 17:00 (the end of the working day) unless a time is given."""
    return datetime(year, month, day, hour, minute, tzinfo=CHI)


def confidence(body: str, *, kind: str = "", sender: str = "") -> float:
    """The best ask's confidence in a message body sent at ``SENT``, 0 when none."""
    hit = detect_request(body, SENT, kind=kind, sender=sender)
    return hit.confidence if hit is not None else 0.0


def band_of(confidence: float) -> str:
    """What the product does with an ask this confident: "tracked", "suggested" or "not"."""
    if confidence >= TRACK:
        return "tracked"
    return "suggested" if confidence >= SUGGEST else "not"


def check_sentence_deadline(text: str, due: datetime | None, words: str | None) -> None:
    """The due date ``parse_deadline`` reads in ``text`` sent at ``SENT``: ``due`` (no
    date when None), from ``words`` when given (a trailing full stop ignored)."""
    found = parse_deadline(text, SENT)
    if due is None:
        assert found is None or found.kind != "date", found
        return
    assert found is not None and found.kind == "date", text
    assert found.due == due
    if words is not None:
        assert found.phrase.rstrip(".") == words.rstrip(".")


def check_message_deadline(body: str, due: datetime | None, words: str | None) -> None:
    """The message ``body`` sent at ``SENT`` is a tracked ask due ``due`` (no date when
    None), from ``words`` when given, never before it was sent."""
    hit = detect_request(body, SENT)
    assert hit is not None and hit.confidence >= TRACK, (body, hit)
    got = hit.deadline
    if due is None:
        assert got is None or got.kind != "date", got
        return
    assert got is not None and got.due == due, got
    if words is not None:
        assert got.phrase.rstrip(".") == words.rstrip(".")
    assert got.due >= SENT
