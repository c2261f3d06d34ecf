"""Issue 18, point 3: every common mbox form is read message by message; nothing is
merged or dropped silently, and each guess is reported by its byte position."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backend_conformance import TZ
from followthrough.backends.local.account import LocalAccount
from followthrough.config.storage import LocalSettings
from followthrough.model import MailRecord, Skipped


def mail(n: int, body: str) -> bytes:
    return (
        f"From: Bob <bob@example.org>\nTo: alex@example.org\nSubject: message {n}\n"
        f"Date: Mon, 2 Nov 2026 10:{n:02d}:00 +0100\nMessage-ID: <m{n}@example.org>\n\n{body}"
    ).encode()


ENVELOPE = b"From bob@example.org Mon Nov  2 10:00:00 2026\n"
BODIES = [
    "Hi,\n\nCould you review the deck?\n",
    "First line.\n\nFrom Russia with love,\nBob\n",  # an unescaped "From " body line
    "Quoted:\n>From the archive, mboxrd style.\n",
    "Last one.\n",
]


def read(tmp_path: Path, data: bytes) -> tuple[list[MailRecord], list[Skipped]]:
    box = tmp_path / "inbox.mbox"
    box.write_bytes(data)
    empty = tmp_path / "sent.mbox"
    empty.write_bytes(b"")
    settings = LocalSettings(
        sent=empty, inbox=box, drafts=tmp_path / "Drafts", calendar=tmp_path / "cal.ics"
    )
    skipped: list[Skipped] = []
    records = list(LocalAccount(settings, TZ).read_mail("inbox", None, skipped.append).records)
    return records, skipped


def ids(records: list[MailRecord]) -> list[str]:
    return [r.message_id for r in records]


EXPECTED = [f"m{n}@example.org" for n in range(len(BODIES))]


def test_mboxo(tmp_path: Path) -> None:
    data = b"".join(ENVELOPE + mail(n, b) + b"\n" for n, b in enumerate(BODIES))
    records, skipped = read(tmp_path, data)
    assert ids(records) == EXPECTED
    assert "From Russia with love," in records[1].text
    # the unescaped body line was a guess, said by its position
    [note] = skipped
    assert note.where.endswith(f"mbox:{data.index(b'From Russia')}")


def test_mboxrd_unquotes_one_level(tmp_path: Path) -> None:
    data = b"".join(
        ENVELOPE
        + mail(n, b.replace("\nFrom ", "\n>From ").replace(">From the", ">>From the"))
        + b"\n"
        for n, b in enumerate(BODIES)
    )
    records, skipped = read(tmp_path, data)
    assert ids(records) == EXPECTED
    assert "\nFrom Russia with love," in records[1].text
    assert "\n>From the archive" in records[2].text
    assert skipped == []


@pytest.mark.parametrize("separator", [b"\n", b""], ids=["blank-line", "no-blank-line"])
def test_mboxcl2_content_length_with_raw_from_lines(tmp_path: Path, separator: bytes) -> None:
    """mboxcl2: bodies are not escaped at all; Content-Length says where each ends, and
    the next message may start right after it (29 messages were once read as 19)."""
    parts = []
    for n in range(29):
        body = f"Body {n}\nFrom bob@example.org Mon Nov  2 10:00:00 2026\nFrom here on.\n"
        head, _, text = mail(n, body).partition(b"\n\n")
        head += f"\nContent-Length: {len(text)}".encode()
        parts.append(ENVELOPE + head + b"\n\n" + text + separator)
    records, skipped = read(tmp_path, b"".join(parts))
    assert ids(records) == [f"m{n}@example.org" for n in range(29)]
    assert all("From here on." in r.text for r in records)
    assert skipped == []


def test_mboxcl_with_quoted_from_lines(tmp_path: Path) -> None:
    parts = []
    for n, b in enumerate(BODIES):
        head, _, text = mail(n, b.replace("\nFrom ", "\n>From ")).partition(b"\n\n")
        head += f"\nContent-Length: {len(text)}".encode()
        parts.append(ENVELOPE + head + b"\n\n" + text + b"\n")
    records, skipped = read(tmp_path, b"".join(parts))
    assert ids(records) == EXPECTED
    assert skipped == []


def test_a_wrong_content_length_is_reported_and_nothing_is_lost(tmp_path: Path) -> None:
    head, _, text = mail(0, BODIES[0]).partition(b"\n\n")
    first = ENVELOPE + head + b"\nContent-Length: 99999\n\n" + text + b"\n"
    data = first + ENVELOPE + mail(1, BODIES[3]) + b"\n"
    records, skipped = read(tmp_path, data)
    assert ids(records) == [*EXPECTED[:1], "m1@example.org"]
    assert [s.where.rsplit(":", 1)[1] for s in skipped] == ["0"]
    assert "Content-Length" in skipped[0].why


def test_an_envelope_line_with_no_blank_line_before_it_starts_a_message(tmp_path: Path) -> None:
    data = ENVELOPE + mail(0, "No blank line after me.\n") + ENVELOPE + mail(1, "Second.\n")
    records, skipped = read(tmp_path, data)
    assert ids(records) == ["m0@example.org", "m1@example.org"]
    [note] = skipped
    assert note.where.endswith(f"mbox:{data.index(ENVELOPE, 1)}")
    assert "no blank line" in note.why


def test_a_leading_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    records, skipped = read(tmp_path, b"\xef\xbb\xbf" + ENVELOPE + mail(0, "Hi\n"))
    assert ids(records) == ["m0@example.org"] and skipped == []
    # a bare message (no envelope line) with a BOM, as one file
    records, skipped = read(tmp_path, b"\xef\xbb\xbf" + mail(1, "Hi\n"))
    assert ids(records) == ["m1@example.org"] and skipped == []
