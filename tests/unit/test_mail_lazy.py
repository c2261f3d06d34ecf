"""Header-first parsing and the lazy body of MailRecord (issue #8).

``parse_head`` must read exactly the headers the standard parser reads, and a record's
body, read on first access, must be what an eager read gives.
"""

from __future__ import annotations

import copy
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import compat32

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.backends.mail.body import read_body
from followthrough.backends.mail.headers import parse_head
from followthrough.backends.mail.parse import parse_message
from followthrough.model import Address, MailRecord

PARSER = BytesParser(policy=compat32)


def standard(raw: bytes) -> tuple[object, ...]:
    msg = PARSER.parsebytes(raw, headersonly=True)
    return (msg.get_unixfrom(), list(msg.raw_items()))


def ours(raw: bytes) -> tuple[object, ...]:
    msg = parse_head(raw)
    return (msg.get_unixfrom(), list(msg.raw_items()))


TRICKY = [
    b"",
    b"From: a@b.c\n\nbody",
    b"From someone Mon Jan 1 00:00:00 2001\nFrom: a@b.c\nSubject: x\n\nbody",
    b"From someone\r\nSubject: x\r\n folded\r\n\tagain\r\n\r\nbody\r\n",
    b" leading continuation\nSubject: x\n\nbody",
    b"Subject: x\n: no name\n continuation of nothing\nTo: a@b.c\n\n",
    b"Subject: x\nFrom middle envelope\n cont\nTo: a@b.c\n\n",
    b"Subject: x\nFrom last line",
    b"Subject: x\rTo: old mac\r\rbody",
    b"Subject: x\nnot a header line\nTo: y\n\n",
    b"Subject: caf\xc3\xa9 \xff\nTo: a@b.c",
    b"Subject:no space\nX-Empty:\nX-Tabs:\t\t v \t\n\n",
    b"Subject: x\n\x0bvertical tab\x0c\x1c\n\n",
    b"Subject: " + b"x" * 9000 + b"\r\nTo: a@b.c\r\n\r\n",
    b"Subject: split\r" + b"\n" * 1 + b"To: a@b.c\n\n",
    b"Subject: x" + b" " * 8183 + b"\r\nTo: across the parser's 8192-char chunk\n\n",
]


@pytest.mark.parametrize("raw", TRICKY)
def test_parse_head_reads_what_the_standard_parser_reads(raw: bytes) -> None:
    assert ours(raw) == standard(raw)


_LINE = st.one_of(
    st.sampled_from(
        ["From: a@b.c", "From x", "Subject: hi", " cont", "\tcont", ": x", "bad", "", "To:"]
    ),
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=30),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(_LINE, max_size=12),
    ends=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=12, max_size=12),
    tail=st.binary(max_size=20),
)
def test_parse_head_matches_on_generated_headers(
    lines: list[str], ends: list[str], tail: bytes
) -> None:
    raw = "".join(line + end for line, end in zip(lines, ends, strict=False)).encode() + tail
    assert ours(raw) == standard(raw)


def record(**kw: object) -> MailRecord:
    base: dict[str, object] = dict(
        ref="1",
        folder="inbox",
        message_id="m@x",
        in_reply_to=None,
        references=(),
        conversation=None,
        sender=Address("a@b.c"),
        to=(),
        cc=(),
        date=datetime(2026, 1, 1, tzinfo=UTC),
        subject="s",
        text="hello",
    )
    base.update(kw)
    return MailRecord(**base)  # type: ignore[arg-type]


def test_a_body_given_as_a_callable_is_read_once_on_first_access() -> None:
    calls: list[str] = []

    def load() -> str:
        calls.append("text")
        return "hello"

    lazy = record(text=load, attachments=lambda: ("a.pdf",))
    assert calls == [] and "not read yet" in repr(lazy)
    assert lazy.text == "hello" and lazy.text == "hello"
    assert calls == ["text"]
    assert lazy.attachments == ("a.pdf",)
    assert lazy == record(attachments=("a.pdf",))
    assert hash(lazy) == hash(record(attachments=("a.pdf",)))
    assert lazy != record(text="other", attachments=("a.pdf",))


def test_a_record_stays_frozen_and_replace_keeps_an_unread_body_unread() -> None:
    calls: list[int] = []

    def load() -> str:
        calls.append(1)
        return "body"

    lazy = record(text=load)
    with pytest.raises(FrozenInstanceError):
        lazy.subject = "x"
    changed = lazy.replace(subject="new", marks=frozenset({"seen"}))
    assert calls == [] and changed.subject == "new" and changed.marks == {"seen"}
    assert changed.text == "body"
    with pytest.raises(TypeError):
        lazy.replace(nope=1)
    assert copy.deepcopy(changed) == changed


HTML_ONLY = (
    b"From: Ann <ann@example.com>\nTo: pat@example.org\nSubject: hi\n"
    b"Message-ID: <h@x>\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
    b"Content-Type: text/html; charset=utf-8\n\n<p>Done &amp; <b>attached</b></p>\n--B\n"
    b"Content-Type: application/pdf; name=r.pdf\nContent-Disposition: attachment\n\nx\n--B--\n"
)


def test_parse_message_reads_the_body_only_when_asked_and_as_an_eager_read() -> None:
    rec = parse_message(HTML_ONLY, ref="1", folder="inbox", marks=frozenset(), tz=UTC)
    assert "not read yet" in repr(rec)
    assert rec.subject == "hi" and rec.sender == Address("ann@example.com", "Ann")
    assert (rec.text, rec.attachments) == read_body(HTML_ONLY) == ("Done & attached", ("r.pdf",))


def test_a_multipart_report_is_still_a_bounce_from_the_headers_alone() -> None:
    raw = (
        b"From: MAILER-DAEMON@example.com\nTo: pat@example.org\nSubject: hello\n"
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\n\n"
        b"--B\nContent-Type: text/plain\n\nfailed\n--B--\n"
    )
    rec = parse_message(raw, ref="1", folder="inbox", marks=frozenset(), tz=UTC)
    assert rec.auto == "bounce"
