"""`followthrough review`: walk the drafts waiting for approval, one by one.

For each draft: show who it goes to, what it says, and why it was drafted; then
[a]pprove and send, [e]dit in $EDITOR then send, [s]kip, [d]elete, or [q]uit. Input,
output and the editor are injected, so tests drive the loop as a user would.
Sending goes through ``outbox.approve_and_send`` and nothing else.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.errors import BackendError, ConfigError, FollowthroughError
from followthrough.ledger import Ledger
from followthrough.model import Account, Followup
from followthrough.outbox import send as outbox
from followthrough.outbox.approval import (
    Change,
    EditRefusedError,
    SendRefusedError,
    apply_edit,
    body_text,
    changes_since_written,
    editable_text,
    part_texts,
    ready_to_send,
)

KIND_NAMES = {
    "checkin": "check-in",
    "nudge": "nudge",
    "thanks": "thank-you",
    "outcome": "outcome note",
    "praise": "praise to their manager",
    "request": "request (Plan B)",
}
CHOICES = "[a]pprove and send, [e]dit then send, [s]kip, [d]elete, [q]uit? "


def run_editor(text: str) -> str | None:
    """Open ``text`` in $VISUAL or $EDITOR (else vi); the edited text, or None if the
    editor failed. The file is private (0600) and removed afterwards."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="followthrough-") as tmp:
        path = Path(tmp) / "draft.eml"
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            done = subprocess.run([*shlex.split(command), str(path)], check=False)
        except OSError:
            return None
        if done.returncode != 0:
            return None
        return path.read_text(encoding="utf-8")


@dataclass(slots=True)
class Console:
    """How the loop talks to the user. ``ask`` returns "" at the end of input."""

    ask: Callable[[str], str]
    say: Callable[[str], None]
    edit: Callable[[str], str | None] = run_editor


@dataclass(slots=True)
class ReviewSummary:
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{len(self.sent)} sent, {len(self.deleted)} deleted, {len(self.skipped)} left waiting"
        )


def describe(
    ledger: Ledger,
    followup: Followup,
    draft: EmailMessage,
    tz: ZoneInfo,
    user: str | None = None,
) -> list[str]:
    """A draft as the user reviews it: recipients, subject, why it was drafted, what
    changed since followthrough wrote it, the body and every other part."""
    ask = ledger.get_ask(followup.ask_id)
    kind = KIND_NAMES.get(followup.kind, followup.kind)
    if followup.kind == "nudge":
        kind += f" #{followup.seq}"
    due = f", due {ask.due.astimezone(tz):%a %d %b}" if ask.due else ", no due date"
    lines = [f"To:      {', '.join(str(v) for v in draft.get_all('To', []))}"]
    if draft.get("Cc"):
        lines.append(f"Cc:      {', '.join(str(v) for v in draft.get_all('Cc', []))}")
    lines += [
        f"Subject: {draft.get('Subject', '')}",
        f"Why:     {'an' if kind[:1] in 'aeiou' else 'a'} {kind} for ask {ask.id} "
        f"({ask.state}): {ask.what!r}, "
        f"asked {ask.asked_at.astimezone(tz):%a %d %b}{due}",
    ]
    approval = ledger.approval(followup.id)
    if approval is not None and approval.result == "sending":
        lines.append(
            "Note:    an earlier attempt to send this was interrupted; it may have gone out "
            "(check your Sent folder)."
        )
    for change in changes_since_written(draft, user):
        lines.append(f"Changed: {change.text}" + ("  [!]" if change.risky else ""))
    parts = [f"--- part: {kind} ---\n{text.rstrip()}" for kind, text in part_texts(draft)]
    return [*lines, "", body_text(draft).rstrip("\n"), *parts, ""]


def confirm_changes(console_ask: Callable[[str], str], changes: list[Change]) -> bool:
    """A changed From/Sender/Reply-To or an added part: sent only on a typed "yes"."""
    if not any(c.risky for c in changes):
        return True
    answer = console_ask(
        "this draft was changed after followthrough wrote it (see Changed: [!] above); "
        'type "yes" to send it as it is now: '
    )
    return answer.strip().lower() == "yes"


TransportSource = Callable[[], outbox.Transport]
Guard = Callable[[], AbstractContextManager[object]]


class Review:
    """One review session. ``transport`` opens the SMTP transport on first use; it raises
    ConfigError when sending is not configured (skip and delete still work)."""

    def __init__(
        self,
        ledger: Ledger,
        account: Account,
        console: Console,
        now: datetime,
        tz: ZoneInfo,
        transport: TransportSource,
        guard: Guard = nullcontext,
        user: str | None = None,
    ) -> None:
        self.user = user  # the address drafts are written from
        self.guard = guard  # held around each send or delete (the pass lock, from the CLI)
        self.ledger = ledger
        self.account = account
        self.console = console
        self.now = now
        self.tz = tz
        self._open_transport = transport
        self._transport: outbox.Transport | None = None
        self.summary = ReviewSummary()

    def say(self, text: str = "") -> None:
        self.console.say(text)

    def run(self) -> ReviewSummary:
        pending = self.ledger.followups(states=("drafted",))
        if not pending:
            self.say("no drafts waiting for your approval.")
            return self.summary
        for number, followup in enumerate(pending, 1):
            self.say(f"--- draft {number} of {len(pending)}: {followup.id} ---")
            if not self.review_one(followup):
                rest = [f.id for f in pending[number:]]
                self.summary.skipped += rest
                break
        self.say(self.summary.line())
        return self.summary

    def transport(self) -> outbox.Transport | None:
        if self._transport is None:
            try:
                self._transport = self._open_transport()
            except ConfigError as exc:
                self.say(f"cannot send: {exc}")
                return None
        return self._transport

    def review_one(self, followup: Followup) -> bool:
        """Show one draft and act on the user's choice. False: the user quit."""
        try:
            draft = outbox.load_draft(self.account, followup)
        except (SendRefusedError, BackendError) as exc:
            self.say(str(exc))
            self.summary.skipped.append(followup.id)
            return True
        self.show(followup, draft)
        while True:
            answer = self.console.ask(CHOICES).strip().lower()[:1]
            if answer in ("", "q"):
                self.summary.skipped.append(followup.id)
                return False
            if answer == "s":
                self.summary.skipped.append(followup.id)
                return True
            if answer == "d":
                self.delete(followup)
                return True
            if answer in ("a", "e") and self.send(followup, draft, edit=answer == "e"):
                return True
            if answer not in ("a", "e"):
                self.say("please answer a, e, s, d or q.")

    def show(self, followup: Followup, draft: EmailMessage) -> None:
        for line in describe(self.ledger, followup, draft, self.tz, self.user):
            self.say(line)

    def delete(self, followup: Followup) -> None:
        try:
            with self.guard():
                removed = outbox.delete_draft(self.ledger, self.account, followup, self.now)
        except SendRefusedError as exc:
            self.say(str(exc))
            self.summary.skipped.append(followup.id)
            return
        except BackendError as exc:
            self.say(f"could not delete {followup.id}: {exc}")
            self.summary.skipped.append(followup.id)
            return
        if not removed:
            self.say(
                f"this account cannot delete drafts from here; delete {followup.id} in your "
                "mail client (the next scan notices)."
            )
            self.summary.skipped.append(followup.id)
            return
        self.say(f"deleted {followup.id}: it will not be drafted again.")
        self.summary.deleted.append(followup.id)

    def send(self, followup: Followup, draft: EmailMessage, *, edit: bool) -> bool:
        """Approve and send (after an edit, if asked). False: nothing sent, ask again."""
        transport = self.transport()
        if transport is None:
            return False
        message = ready_to_send(draft, self.now)
        how = "review"
        if edit:
            text = self.console.edit(editable_text(message))
            if text is None:
                self.say("the editor failed or was aborted; nothing was sent.")
                return False
            if text != editable_text(message):
                try:
                    message = apply_edit(message, text)
                except EditRefusedError as exc:
                    self.say(f"refused: {exc}")
                    return False
                how = "review-edit"
        changes = changes_since_written(message, self.user)
        if not confirm_changes(self.console.ask, changes):
            self.say("not sent: the changes were not confirmed.")
            return False
        try:
            with self.guard():
                report = outbox.approve_and_send(
                    self.ledger,
                    self.account,
                    followup,
                    message,
                    how=how,
                    transport=transport,
                    now=self.now,
                    user=self.user,
                    seen=changes,
                )
        except SendRefusedError as exc:
            self.say(f"not sent: {exc}")
            self.summary.skipped.append(followup.id)
            return True
        except FollowthroughError as exc:  # the server, the lock, the password: try again
            self.say(f"not sent: {exc}")
            return False
        for problem in report.problems:
            self.say(f"warning: {problem}")
        self.say(f"sent {followup.id} to {', '.join(report.accepted) or 'its recipients'}.")
        self.summary.sent.append(followup.id)
        return True
