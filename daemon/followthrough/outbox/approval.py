"""What may be sent: the exact bytes of a message and the user's approval of them
(their sha256), the edit made in review, what changed since followthrough wrote the
draft, and the checks that refuse a message. Nothing here sends: that is
``outbox.send``."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.generator import BytesGenerator
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from typing import cast

from followthrough.engine.compose import clean_line
from followthrough.errors import FollowthroughError, LedgerError
from followthrough.ledger import Ledger
from followthrough.model import Approval, Followup

RECIPIENT_HEADERS = ("To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc")


class SendRefusedError(FollowthroughError):
    """followthrough will not send this message (no approval, changed, already sent…)."""

    exit_code = 8


class EditRefusedError(SendRefusedError):
    """An edit in review changed something only the draft may decide (its recipients)."""


# --- the exact bytes, and the approval of them --------------------------------------------


def wire_bytes(message: EmailMessage) -> bytes:
    """The bytes SMTP transmits for ``message`` (smtplib flattens it exactly so)."""
    buf = io.BytesIO()
    BytesGenerator(buf).flatten(message, linesep="\r\n")
    return buf.getvalue()


def digest(message: EmailMessage) -> str:
    return hashlib.sha256(wire_bytes(message)).hexdigest()


def addresses(message: EmailMessage, *headers: str) -> list[str]:
    values = [str(v) for h in headers for v in message.get_all(h, [])]
    return [addr.lower() for _, addr in getaddresses(values) if addr]


def ready_to_send(draft: EmailMessage, now: datetime) -> EmailMessage:
    """The message to approve: the draft as is, dated now."""
    message = BytesParser(policy=SMTP).parsebytes(wire_bytes(draft))
    del message["Date"]
    message["Date"] = format_datetime(now)
    return message


def approve(
    ledger: Ledger, followup_id: str, message: EmailMessage, how: str, now: datetime
) -> Approval:
    """Record the user's approval of exactly ``message``, committed before anything is sent."""
    if ledger.in_transaction:
        raise LedgerError("an approval must be committed on its own, not inside a transaction")
    return ledger.record_approval(followup_id, now, how, digest(message))


def editable_text(message: EmailMessage) -> str:
    """What the user edits in $EDITOR: the Subject line, a blank line, the body."""
    return f"Subject: {message.get('Subject', '')}\n\n{body_text(message)}"


def body_text(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    return "" if part is None else str(cast(EmailMessage, part).get_content())


def apply_edit(message: EmailMessage, text: str) -> EmailMessage:
    """``message`` with the Subject and body from ``text``; recipients never change."""
    if message.is_multipart():
        raise EditRefusedError(
            "this draft has several parts (HTML, attachments); edit it in your mail client"
        )
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    if not sep:
        head, body = text, ""
    subject: str | None = None
    for line in head.split("\n"):
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not name or " " in name:
            raise EditRefusedError(
                "the edited text must start with its Subject: line, then a blank line, "
                "then the body; nothing was sent"
            )
        if name.lower() in {h.lower() for h in RECIPIENT_HEADERS}:
            to = ", ".join(addresses(message, "To", "Cc")) or "nobody"
            raise EditRefusedError(
                f"the edit adds a {name}: header; recipients cannot be changed in review, "
                "nothing was sent",
                [
                    f"this draft goes to {to} and only to them",
                    "to write to someone else, edit the draft in your mail client",
                ],
            )
        if name.lower() != "subject":
            raise EditRefusedError(
                f"the edit adds a {name}: header; only the Subject and the body can be "
                "edited, nothing was sent"
            )
        subject = clean_line(value, 250)
    if not subject:
        raise EditRefusedError("the edited Subject is empty; nothing was sent")
    if not body.strip():
        raise EditRefusedError("the edited body is empty; nothing was sent")
    edited = BytesParser(policy=SMTP).parsebytes(wire_bytes(message))
    del edited["Subject"]
    edited["Subject"] = subject
    for name in ("Content-Type", "Content-Transfer-Encoding", "MIME-Version"):
        del edited[name]
    edited.set_content(body.rstrip("\n") + "\n")
    return edited


# --- what changed since the draft was written ----------------------------------------------

# The headers compose.build_draft writes (Date is set again when the message is approved).
WRITTEN_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "in-reply-to",
        "references",
        "x-followthrough-ask",
        "x-followthrough-followup",
        "content-type",
        "content-transfer-encoding",
        "mime-version",
    }
)
# Who the mail claims to be from, and where answers go: a change here needs a typed "yes".
_IDENTITY_HEADERS = ("from", "sender", "reply-to")


@dataclass(frozen=True, slots=True)
class Change:
    """One way the message differs from the draft as followthrough wrote it."""

    text: str  # one line, for the user to read
    risky: bool  # a changed From/Sender/Reply-To or an added part: needs a typed "yes"


def changes_since_written(message: EmailMessage, user: str | None = None) -> list[Change]:
    """Headers the written draft did not have, a From that is not the user's (when
    ``user`` is given), and parts it did not have (it had one text/plain part)."""
    changes: list[Change] = []
    for key, value in message.raw_items():
        name = key.lower()
        if name not in WRITTEN_HEADERS:
            changes.append(
                Change(
                    f"added header {clean_line(key, 60)}: {clean_line(str(value), 200)}",
                    name in _IDENTITY_HEADERS,
                )
            )
    senders = addresses(message, "From")
    if user is not None and senders != [user.lower()]:
        shown = raw_header(message, "From") or "(none)"
        changes.append(Change(f"From is {clean_line(shown, 200)}, not {user}", True))
    parts = [p for p in message.walk() if not p.is_multipart()]
    kinds = [p.get_content_type() for p in parts]
    if kinds != ["text/plain"]:
        changes.append(Change(f"its parts are now: {', '.join(kinds) or 'none'}", True))
    return changes


def part_texts(message: EmailMessage) -> list[tuple[str, str]]:
    """(content type, text) of every part after the plain body: HTML as text, other parts
    by name and size, so review shows all that goes out."""
    from followthrough.backends.mail.body import html_to_text

    main = message.get_body(("plain",))
    shown: list[tuple[str, str]] = []
    for part in message.walk():
        if part.is_multipart() or part is main:
            continue
        kind = part.get_content_type()
        try:
            content = part.get_content()
        except (KeyError, LookupError, ValueError):
            content = part.get_payload(decode=True) or b""
        if kind == "text/html" and isinstance(content, str):
            shown.append((kind + ", shown as text", html_to_text(content)))
        elif isinstance(content, str):
            shown.append((kind, content))
        else:
            name = part.get_filename() or "unnamed"
            size = len(content) if isinstance(content, bytes) else 0
            shown.append((kind, f"[{clean_line(name, 100)}, {size} bytes]"))
    return shown


def check_changes_seen(
    followup_id: str, message: EmailMessage, user: str | None, seen: Sequence[Change]
) -> None:
    """Refuse a message that differs from the written draft in a way the user was not
    shown and did not accept."""
    unseen = [c for c in changes_since_written(message, user) if c not in seen]
    if unseen:
        raise SendRefusedError(
            f"the draft of {followup_id} was changed after followthrough wrote it; "
            "nothing was sent",
            [
                *(c.text for c in unseen[:5]),
                "review it with `followthrough send ID` (without --yes) or "
                "`followthrough review` to see the changes and confirm them",
            ],
        )


def raw_header(message: EmailMessage, name: str) -> str:
    """A header's value as written. The modern parser raises IndexError on some values
    (``Message-ID: <>``); a draft edited in a mail client may carry one."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return " ".join(str(value).split())
    return ""


def check_sendable(ledger: Ledger, followup: Followup, message: EmailMessage) -> None:
    """The message is the follow-up's draft, to the follow-up's people, and still pending."""
    if followup.state != "drafted":
        raise SendRefusedError(
            f"{followup.id} is {followup.state}, not a draft waiting to be sent; nothing was sent"
        )
    found = raw_header(message, "Message-ID").strip().strip("<>")
    if not followup.message_id or found != followup.message_id:
        raise SendRefusedError(
            f"the message is not the draft of {followup.id} (its Message-ID differs)"
        )
    if any(message.get_all(h) for h in RECIPIENT_HEADERS[2:]):
        raise SendRefusedError(f"{followup.id}: followthrough never sends Bcc or Resent- mail")
    ask = ledger.get_ask(followup.ask_id)
    allowed = set(followup.recipients) | {h.email for h in ask.helpers}
    people = addresses(message, "To", "Cc")
    strangers = sorted(set(people) - allowed)
    if strangers or not people:
        raise SendRefusedError(
            f"the draft of {followup.id} is addressed to someone this follow-up is not for",
            [
                f"not a helper of ask {ask.id}: {', '.join(strangers) or '(no recipient)'}",
                "it may have been changed in your mail client: send it from there",
            ],
        )
