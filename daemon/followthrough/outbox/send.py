"""Approve and send: the only module that hands a message to ``smtp.deliver``.

Every send goes through ``send_approved``, which refuses unless the ledger holds the
user's approval for exactly the bytes about to be sent (their sha256). The order is:

1. ``approve`` (``outbox.approval``) records the approval in its own committed transaction;
2. ``send_approved`` commits a "sending" mark, hands the message over, then records
   ``sent_at`` and the result (and the follow-up becomes "sent" or "edited");
3. ``finish_sent`` files a copy in Sent and removes the draft, where the backend can.

A crash between 1 and 2 leaves an unsent approval: approving again and sending is
safe. A crash inside 2 leaves "sending": the message may have left, so the next
attempt refuses unless the user says ``resend`` — and the message keeps the draft's
Message-ID either way, so a server or a reader can tell a duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from typing import Protocol

from followthrough.config.accounts import SendmailSettings, SmtpSettings
from followthrough.config.settings import Settings
from followthrough.errors import BackendError, ConfigError, LedgerError
from followthrough.ledger import Ledger
from followthrough.model import Account, Followup, FollowupState
from followthrough.outbox import smtp as smtp
from followthrough.outbox.approval import (
    Change,
    SendRefusedError,
    approve,
    check_changes_seen,
    check_sendable,
    digest,
    raw_header,
    wire_bytes,
)

log = logging.getLogger(__name__)


def smtp_missing(settings: Settings) -> ConfigError:
    return ConfigError(
        "sending needs an SMTP server or a sendmail command, and none is configured",
        [
            f"add an [account.smtp] section to {settings.path} (host, username, port, tls; "
            "auth = false for a relay without login), then `followthrough login`",
            'or an [account.sendmail] section: command = "sendmail -t -oi" (or "msmtp -t")',
            "meanwhile you can skip or delete drafts here, or send them from your mail client",
        ],
    )


# --- transports ---------------------------------------------------------------------------


class Transport(Protocol):
    """Something that can hand a message to the world: SMTP, a sendmail command. Only
    ``send_approved`` uses one."""

    @property
    def name(self) -> str: ...

    def deliver(self, message: EmailMessage) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class SmtpTransport:
    settings: SmtpSettings
    password: str = field(repr=False)

    @property
    def name(self) -> str:
        return f"smtp:{self.settings.host}:{self.settings.port}"

    def deliver(self, message: EmailMessage) -> list[str]:
        return smtp.deliver(message, self.settings, self.password)


@dataclass(frozen=True, slots=True)
class SendmailTransport:
    settings: SendmailSettings

    @property
    def name(self) -> str:
        return f"sendmail:{' '.join(self.settings.command)}"

    def deliver(self, message: EmailMessage) -> list[str]:
        return smtp.deliver_command(message, self.settings)


def open_transport(settings: Settings) -> Transport:
    """The configured way to send: SMTP (with its password from the keyring or a systemd
    credential, unless the relay takes mail without a login) or a sendmail command."""
    from followthrough.config.secrets import fetch_secret

    if settings.sendmail is not None:
        return SendmailTransport(settings.sendmail)
    if settings.smtp is None:
        raise smtp_missing(settings)
    if not settings.smtp.auth:
        return SmtpTransport(settings.smtp, "")
    return SmtpTransport(settings.smtp, fetch_secret(settings.smtp.secret, settings.secret_store))


# --- the draft as the backend holds it -----------------------------------------------------


def load_draft(account: Account, followup: Followup) -> EmailMessage:
    """The draft of ``followup`` as it is in the Drafts folder now."""
    data = account.fetch_draft(followup.draft_ref) if followup.draft_ref else None
    if data is None:
        raise SendRefusedError(
            f"the draft of {followup.id} is no longer in your Drafts folder",
            ["it was sent or deleted from your mail client; the next scan records which"],
        )
    return BytesParser(policy=SMTP).parsebytes(data)


# --- sending ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SendReport:
    followup_id: str
    accepted: tuple[str, ...]
    already_sent: bool = False
    problems: tuple[str, ...] = ()  # what went wrong after the message left (warnings)


def send_approved(
    ledger: Ledger,
    followup_id: str,
    message: EmailMessage,
    transport: Transport,
    now: datetime,
    *,
    resend: bool = False,
) -> SendReport:
    """Send ``message`` for ``followup_id`` if, and only if, the user approved these bytes.

    ``resend``: the user knows an earlier attempt was interrupted and wants it sent anyway.
    """
    if ledger.in_transaction:
        raise LedgerError("send_approved must not run inside a ledger transaction")
    approval = ledger.approval(followup_id)
    if approval is None:
        raise SendRefusedError(f"{followup_id} was not approved; nothing was sent")
    if approval.sha256 != digest(message):
        raise SendRefusedError(
            f"the message for {followup_id} is not the one you approved; nothing was sent"
        )
    if approval.sent_at is not None:
        return SendReport(followup_id, (), already_sent=True)
    if approval.result == "sending" and not resend:
        raise SendRefusedError(
            f"an earlier attempt to send {followup_id} was interrupted; it may have gone out",
            [
                f"look for Message-ID {raw_header(message, 'Message-ID') or '?'} in your "
                "Sent folder or ask the recipient",
                f"to send it anyway: `followthrough send {followup_id} --resend`",
            ],
        )
    followup = ledger.get_followup(followup_id)
    check_sendable(ledger, followup, message)
    ledger.record_send_attempt(followup_id, transport.name)
    state: FollowupState = "edited" if approval.how.endswith("edit") else "sent"
    try:
        accepted = transport.deliver(message)
    except smtp.PartialDeliveryError as exc:
        ledger.record_send_result(
            followup_id, now, f"partly accepted: {exc}", sent=True, state=state
        )
        return SendReport(followup_id, (), problems=(exc.message, *exc.problems))
    except BackendError as exc:
        ledger.record_send_result(followup_id, now, f"failed: {exc}", sent=False)
        raise
    ledger.record_send_result(
        followup_id, now, f"accepted for {', '.join(accepted)}", sent=True, state=state
    )
    log.info("sent %s over %s", followup_id, transport.name)
    return SendReport(followup_id, tuple(accepted))


def finish_sent(account: Account, followup: Followup, message: EmailMessage) -> list[str]:
    """After a send: file a copy in Sent and remove the draft. Returns warnings."""
    problems: list[str] = []
    try:
        account.save_sent(wire_bytes(message))
    except BackendError as exc:
        problems.append(f"sent, but no copy could be filed in Sent: {exc.message}")
    if followup.draft_ref:
        try:
            account.delete_draft(followup.draft_ref)
        except BackendError as exc:
            problems.append(f"sent, but the draft could not be removed: {exc.message}")
    return problems


def approve_and_send(
    ledger: Ledger,
    account: Account,
    followup: Followup,
    message: EmailMessage,
    *,
    how: str,
    transport: Transport,
    now: datetime,
    resend: bool = False,
    user: str | None = None,
    seen: Sequence[Change] = (),
) -> SendReport:
    """The user's action "send this": approve exactly ``message``, send it, tidy up.

    ``user``: the address the draft was written from; ``seen``: the changes since it was
    written that the user was shown and accepted. Any other change refuses the send."""
    followup = ledger.get_followup(followup.id)  # a pass may have moved it meanwhile
    check_sendable(ledger, followup, message)
    check_changes_seen(followup.id, message, user, seen)
    approve(ledger, followup.id, message, how, now)
    report = send_approved(ledger, followup.id, message, transport, now, resend=resend)
    if report.already_sent:
        return report
    problems = finish_sent(account, followup, message)
    return SendReport(report.followup_id, report.accepted, problems=(*report.problems, *problems))


def delete_draft(ledger: Ledger, account: Account, followup: Followup, now: datetime) -> bool:
    """Remove the draft from the Drafts folder and mark the follow-up deleted (never
    drafted again). Every backend can (``model.DraftStore``)."""
    followup = ledger.get_followup(followup.id)
    if followup.state != "drafted":
        raise SendRefusedError(f"{followup.id} is {followup.state} now; nothing deleted")
    if followup.draft_ref:
        account.delete_draft(followup.draft_ref)
    with ledger.transaction():
        ledger.record_followup_state(followup.id, "deleted", now)
    return True
