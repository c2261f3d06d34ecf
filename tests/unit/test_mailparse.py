"""parse_message: what a user would notice if real-world mail were misread."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.mail.body import html_to_text
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.model import MailRecord
from shared_data import SHARED_DATA, needs_shared_data

TZ = ZoneInfo("America/New_York")
FLANKER = SHARED_DATA / "mail" / "flanker"


def parse(raw: bytes, **kwargs: object) -> MailRecord:
    return parse_message(raw, ref="r1", folder="inbox", marks=frozenset(), tz=TZ, **kwargs)  # type: ignore[arg-type]


def msg(headers: str, body: str = "Hello\n") -> bytes:
    return (headers.strip("\n") + "\n\n" + body).encode("utf-8")


BASIC = (
    "From: a@example.com\nTo: b@example.com\nMessage-ID: <m1@x>\n"
    "Date: Mon, 3 Mar 2025 10:00:00 +0000"
)


def test_encoded_word_subject_and_name() -> None:
    record = parse(
        msg(
            BASIC.replace(
                "From: a@example.com", "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <JM@Example.COM>"
            )
            + "\nSubject: =?iso-8859-1?q?Gr=FC=DFe?= =?utf-8?b?YXVzIEvDtmxu?="
        )
    )
    assert record.subject == "Grüßeaus Köln"  # adjacent encoded words join without space
    assert record.sender is not None
    assert (record.sender.email, record.sender.name) == ("jm@example.com", "Jürgen Müller")


def test_names_lose_cr_lf_and_unicode_line_separators() -> None:
    record = parse(
        msg(
            BASIC
            + "\nCc: =?utf-8?q?Eve=0D=0ABcc=3A_x=40evil=2Ecom?= <eve@example.com>,"
            + " =?utf-8?b?4oCoTWFsbG9yeeKAqQ==?= <m@example.com>"
            + "\nSubject: =?utf-8?q?hi=0Athere=E2=80=A8you?="
        )
    )
    assert [a.email for a in record.cc] == ["eve@example.com", "m@example.com"]
    for text in [*(a.name for a in record.cc), record.subject]:
        assert not any(c in text for c in "\r\n\u2028\u2029\x00")
    assert record.cc[0].name == "Eve Bcc: x@evil.com"
    assert record.subject == "hi there you"


def test_comma_in_quoted_or_encoded_name_does_not_add_recipients() -> None:
    record = parse(
        msg(
            BASIC.replace(
                "To: b@example.com",
                'To: "Bob, <evil@attacker.com>" <bob@example.com>,'
                " =?utf-8?q?x=40attacker=2Ecom=2C_y=40attacker=2Ecom?= <carol@example.com>",
            )
        )
    )
    assert [a.email for a in record.to] == ["bob@example.com", "carol@example.com"]


def test_invalid_addresses_are_dropped() -> None:
    record = parse(
        msg(
            BASIC.replace(
                "To: b@example.com",
                "To: undisclosed-recipients:;, not an address, <x@>, ok@Example.org",
            )
        )
    )
    assert [a.email for a in record.to] == ["ok@example.org"]


def test_missing_message_id_is_synthesised_stably() -> None:
    raw = msg("From: a@example.com\nSubject: no id")
    first, second = parse(raw), parse(raw)
    assert first.message_id == second.message_id
    assert first.message_id.startswith("synth-") and "<" not in first.message_id
    assert parse(raw + b"x").message_id != first.message_id


def test_ids_without_brackets_and_references_in_order() -> None:
    record = parse(
        msg(BASIC + "\nIn-Reply-To: <p2@x> (comment)\nReferences: <p0@x>\n <p1@x> <p2@x> <p1@x>")
    )
    assert record.message_id == "m1@x"
    assert record.in_reply_to == "p2@x"
    assert record.references == ("p0@x", "p1@x", "p2@x")


def test_dates_missing_naive_and_absurd() -> None:
    assert parse(msg("From: a@example.com")).date == datetime(1970, 1, 1, tzinfo=UTC)
    fallback = datetime(2025, 1, 2, tzinfo=UTC)
    assert parse(msg("From: a@example.com\nDate: garbage"), default_date=fallback).date == fallback
    naive = parse(msg("From: a@example.com\nDate: Mon, 3 Mar 2025 10:00:00 -0000")).date
    assert naive.tzinfo is not None and naive.utcoffset() == TZ.utcoffset(
        naive.replace(tzinfo=None)
    )
    assert parse(msg("From: a@example.com\nDate: Mon, 3 Mar 9999 10:00:00 +0000")).date.year == 2100


def test_html_only_body_keeps_quotes() -> None:
    html = (
        "<html><head><style>p{}</style></head><body><p>Done &amp; attached.</p>"
        "<blockquote><p>Could you send the report?</p></blockquote></body></html>"
    )
    record = parse(msg(BASIC + "\nContent-Type: text/html; charset=utf-8", html))
    assert record.text == "Done & attached.\n> Could you send the report?"
    assert html_to_text("<div>a<br>b</div><script>x()</script>") == "a\nb"


def test_plain_preferred_over_html_and_charset_decoded() -> None:
    body = (
        (
            b"--B\nContent-Type: text/html\n\n<p>html</p>\n"
            b"--B\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
        )
        + "Привет\n".encode("koi8-r")
        + b"--B--\n"
    )
    raw = (
        msg(
            BASIC + '\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="B"', ""
        ).rstrip(b"\n")
        + b"\n"
        + body
    )
    assert parse(raw).text.strip() == "Привет"


def test_attachments_named_and_unnamed() -> None:
    body = (
        "--B\nContent-Type: text/plain\n\nSee attached\n"
        "--B\nContent-Type: application/pdf\nContent-Disposition: attachment;"
        ' filename="=?utf-8?q?Bericht_=C3=BC.pdf?="\n\nJVBE\n'
        '--B\nContent-Type: image/png; name="../../etc/pic.png"\n\nx\n'
        "--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment\n\nx\n"
        "--B--\n"
    )
    record = parse(msg(BASIC + '\nContent-Type: multipart/mixed; boundary="B"', body))
    assert record.attachments == ("Bericht ü.pdf", "pic.png", "unnamed.octet-stream")
    assert record.text.strip() == "See attached"


@pytest.mark.parametrize(
    "headers, kind",
    [
        ("Subject: Out of Office: back Monday", "out-of-office"),
        ("Subject: Automatic reply: Q3 deck", "out-of-office"),
        ("Subject: Abwesenheitsnotiz: Re: Q3", "out-of-office"),
        ("Subject: Re: hi\nX-Autoreply: yes", "out-of-office"),
        ("Subject: Re: hi\nAuto-Submitted: auto-replied", "auto-reply"),
        ("Subject: Re: hi\nAuto-Submitted: no", ""),
        ("Subject: Digest\nPrecedence: bulk", "bulk"),
        ("Subject: Digest\nPrecedence: list", "list"),
        ("Subject: Re: Q3\nList-Id: <team.lists.example.org>", "list"),
        ("Subject: Re: Q3\nPrecedence: bulk\nX-Mailman-Version: 2.1", "list"),
        ("Subject: Re: Q3\nSender: team-bounces@lists.example.org", "list"),
        ("Subject: News\nList-Unsubscribe: <mailto:u@news.example.com>", "bulk"),
        ("Subject: Re: Q3\nList-Id: <t.example.org>\nAuto-Submitted: auto-replied", "auto-reply"),
        ("Subject: Re: hi\nPrecedence: auto_reply", "auto-reply"),
        ("Subject: Re: your out of office plan?", ""),  # a person asking about one
        ("Subject: Re: [ILUG] Dermot is out of the office", ""),
        ("Subject: [team] Out of Office: Q3", "out-of-office"),
        ("Subject: away from my mail\nPrecedence: junk", "out-of-office"),
        ("Subject: Re: Q3\nPrecedence: junk", "auto-reply"),
        ("Subject: Re: Q3 deck", ""),
    ],
)
def test_auto_kinds_from_headers(headers: str, kind: str) -> None:
    assert parse(msg(BASIC + "\n" + headers)).auto == kind


def test_bounce_from_mailer_daemon_subject() -> None:
    raw = msg(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@example.com>\n"
        "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <b@x>"
    )
    assert parse(raw).auto == "bounce"
    # An ordinary mail from postmaster is not a bounce.
    assert parse(msg("From: postmaster@example.com\nSubject: Server maintenance")).auto == ""


@needs_shared_data
@pytest.mark.parametrize(
    "name",
    [
        "bounce/gmail-invalid-address.eml",
        "bounce/gmail-no-dns.eml",
        "bounce/mailbox-full.eml",
        "bounce/office365.eml",
        "bounce/zed.eml",
        "bounce/broken-mime.eml",
        "bounce/delayed.eml",
    ],
)
def test_real_bounces(name: str) -> None:
    assert parse((FLANKER / name).read_bytes()).auto == "bounce"


@needs_shared_data
def test_real_read_receipt_and_plain_mail() -> None:
    assert parse((FLANKER / "disposition-notification.eml").read_bytes()).auto == "auto-reply"
    assert parse((FLANKER / "text-only.eml").read_bytes()).auto == ""


def test_ask_header_sanitised() -> None:
    record = parse(msg(BASIC + "\nX-Followthrough-Ask: abc123\n\tdef"))
    assert record.ask_header == "abc123 def"
    assert parse(msg(BASIC)).ask_header is None


@pytest.mark.parametrize(
    "raw", [b"", b"\n\n  \r\n", b"\x00\x01\x02\xff\xfe" * 50, b"<html><p>hi</p></html>"]
)
def test_not_mail_raises_message_parse_error(raw: bytes) -> None:
    with pytest.raises(MessageParseError):
        parse(raw)


def test_8bit_headers_and_bad_charset_never_crash() -> None:
    raw = (
        b"From: J\xfcrgen <j@example.com>\nSubject: =?x-unknown?q?caf=E9?= \xe4\n"
        b"Content-Type: text/plain; charset=no-such-charset\n\nbody \xff\n"
    )
    record = parse(raw)
    assert record.sender is not None and record.sender.name == "Jürgen"
    assert record.text.startswith("body ")


def test_a_message_starting_with_a_byte_order_mark_is_read() -> None:
    record = parse(b"\xef\xbb\xbf" + msg(BASIC + "\nSubject: Q3"))
    assert record.message_id == "m1@x" and record.subject == "Q3"
    assert record.text.strip() == "Hello"
