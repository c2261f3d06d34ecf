"""Raw RFC 5322 bytes -> MailRecord, shared by every backend that sees raw mail.

The header block is read (the ``compat32`` way: fast, and it never raises on odd
headers); the body waits until the record's text is asked for (:mod:`.body`).
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, tzinfo

from followthrough.backends.mail.auto import detect_auto, list_address, list_author
from followthrough.backends.mail.body import LazyBody
from followthrough.backends.mail.headers import (
    addresses,
    clean_line,
    decode_words,
    first,
    head_fields,
    header_date,
    header_map,
    read_ids,
)
from followthrough.errors import BackendError
from followthrough.model import Folder, MailRecord

MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # defaults of [limits]; past them a message is skipped
MAX_HEADER_BYTES = 512 * 1024
_HEADER_END = re.compile(rb"\n\r?\n")  # the end is the match's end, less a \r before it
_HEADER_LINE = re.compile(rb"^(?:From |[!-9;-~]+[ \t]*:)")


class MessageParseError(BackendError):
    """The bytes are not mail at all (empty, or no header). The caller reports a skip."""

    def __init__(self, why: str) -> None:
        super().__init__(why, transient=False)
        self.why = why


def parse_message(
    raw: bytes,
    *,
    ref: str,
    folder: Folder,
    marks: frozenset[str],
    tz: tzinfo,
    default_date: datetime | None = None,
    max_bytes: int = MAX_MESSAGE_BYTES,
    max_header_bytes: int = MAX_HEADER_BYTES,
) -> MailRecord:
    """Turn raw message bytes into a MailRecord.

    ``default_date`` is used when the Date header is missing or unreadable (a Maildir
    file's mtime, say); without it the epoch. Raises MessageParseError only when the
    bytes are not mail at all, or past ``max_bytes`` / ``max_header_bytes`` ([limits]).
    """
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark some tools write
        raw = raw[3:]
    if len(raw) > max_bytes:
        raise MessageParseError(
            f"message of {len(raw):,} bytes is larger than [limits].max_message_bytes "
            f"({max_bytes:,}); not read"
        )
    end = _HEADER_END.search(raw, 0, max_header_bytes + 4)
    if end is not None:
        header_bytes = end.start() - (end.start() > 0 and raw[end.start() - 1] == 13)
    else:
        header_bytes = len(raw)
    if header_bytes > max_header_bytes:
        raise MessageParseError(
            f"headers larger than [limits].max_header_bytes ({max_header_bytes:,} bytes); not read"
        )
    head = raw[:4096].lstrip(b"\r\n\t ")
    if not head:
        raise MessageParseError("empty message")
    if not _HEADER_LINE.match(head):
        raise MessageParseError("no mail headers")
    # Headers only: most messages are never read past them (the pass reads the body of
    # Sent mail, replies in an ask's thread and requests to the user), so the MIME walk,
    # charset decoding and HTML to text wait until the record's text is asked for.
    _, fields = head_fields(raw[: end.end()] if end else raw)
    headers = header_map(fields)
    if not headers:
        raise MessageParseError("no mail headers")

    message_ids = read_ids(first(headers, "message-id"))
    message_id = message_ids[0] if message_ids else ""
    if not message_id:
        message_id = "synth-" + hashlib.sha256(raw).hexdigest()[:32] + "@followthrough.invalid"
    in_reply = read_ids(first(headers, "in-reply-to"))
    references = tuple(dict.fromkeys(read_ids(" ".join(headers.get("references", [])))))

    senders = addresses(headers.get("from", []))
    if not senders:
        senders = addresses(headers.get("sender", []))
    # A From with several addresses ("Dave <dave@…>, mallory@…") speaks for nobody in
    # particular: it is never taken as one helper's answer (nor as the user's own mail).
    sender = senders[0] if len(senders) == 1 else None
    auto = detect_auto(fields, headers, sender)
    mailing_list = None
    if auto == "list":
        mailing_list = list_address(headers)
        sender = list_author(headers, sender)

    body = LazyBody(raw)
    ask = headers.get("x-followthrough-ask")
    return MailRecord(
        ref=ref,
        folder=folder,
        message_id=message_id,
        in_reply_to=in_reply[0] if in_reply else None,
        references=references,
        conversation=None,
        sender=sender,
        to=addresses(headers.get("to", [])),
        cc=addresses(headers.get("cc", [])),
        date=header_date(first(headers, "date"), tz, default_date),
        subject=clean_line(decode_words(first(headers, "subject")))[:998],
        text=body.text,
        attachments=body.attachments,
        marks=marks,
        auto=auto,
        mailing_list=mailing_list,
        ask_header=clean_line(decode_words(ask[0]))[:200] if ask else None,
    )
