"""Plain records every backend speaks, and the Account protocol they implement.

Nothing right of the backends ever knows where mail came from: they only see these
records. Datetimes are always timezone-aware.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

Folder = Literal["sent", "inbox", "drafts"]
DraftState = Literal["pending", "sent", "gone"]
# What an automatic message is, decided by the backend from its headers:
# "" (a person wrote it), "auto-reply", "out-of-office", "bounce" (a machine answered),
# "list" (a person's post relayed by a list server), "bulk" (newsletters, mass mail).
AutoKind = str
AUTOMATIC_KINDS = frozenset(("auto-reply", "out-of-office", "bounce"))


def is_automatic(kind: AutoKind) -> bool:
    """Whether a message's kind says a machine wrote it: never a helper's answer. A
    list post ("list") or mass mail ("bulk") was written by a person, but neither is
    ever someone asking the user for something."""
    return kind in AUTOMATIC_KINDS


R = TypeVar("R")


# MailRecord's fields, in constructor order (the bodies are read through properties).
_MAIL_FIELDS = (
    "ref",
    "folder",
    "message_id",
    "in_reply_to",
    "references",
    "conversation",
    "sender",
    "to",
    "cc",
    "date",
    "subject",
    "_text",
    "_attachments",
    "marks",
    "auto",
    "ask_header",
    "auto_until",
    "mailing_list",
)


@dataclass(frozen=True, slots=True)
class Address:
    """A validated mailbox. ``email`` is stored lower-cased; ``name`` has no control chars."""

    email: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class MailRecord:
    """One message, as any backend sees it.

    ``text`` (the plain-text body, whole, HTML converted to text) and ``attachments``
    (the attachment names) may be given as values or as zero-argument callables: a
    callable is called once, on first access, and its result kept. A backend passes
    callables when the body costs work to read (MIME walk, charset decoding, HTML to
    text) — the pass reads the body of few messages. Otherwise a frozen record: equal
    when every field (bodies included) is equal.
    """

    __slots__ = (
        "_attachments",
        "_text",
        "ask_header",
        "auto",
        "auto_until",
        "cc",
        "conversation",
        "date",
        "folder",
        "in_reply_to",
        "mailing_list",
        "marks",
        "message_id",
        "ref",
        "references",
        "sender",
        "subject",
        "to",
    )

    ref: str  # backend's own id (Maildir key, mbox offset, IMAP UID, EWS item id)
    folder: Folder
    message_id: str  # without angle brackets; synthesised by the backend when missing
    in_reply_to: str | None
    references: tuple[str, ...]
    conversation: str | None  # Exchange conversation id, when there is one
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime
    subject: str
    _text: str | Callable[[], str]
    _attachments: tuple[str, ...] | Callable[[], tuple[str, ...]]
    marks: frozenset[str]  # "flagged", "draft", "seen", keywords, categories
    auto: AutoKind
    ask_header: str | None  # X-Followthrough-Ask, when present (our own drafts)
    auto_until: datetime | None  # out-of-office return date, when the backend saw one
    mailing_list: str | None  # the list's posting address, when a list relayed it

    def __init__(
        self,
        ref: str,
        folder: Folder,
        message_id: str,
        in_reply_to: str | None,
        references: tuple[str, ...],
        conversation: str | None,
        sender: Address | None,
        to: tuple[Address, ...],
        cc: tuple[Address, ...],
        date: datetime,
        subject: str,
        text: str | Callable[[], str],
        attachments: tuple[str, ...] | Callable[[], tuple[str, ...]] = (),
        marks: frozenset[str] = frozenset(),
        auto: AutoKind = "",
        ask_header: str | None = None,
        auto_until: datetime | None = None,
        mailing_list: str | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "ref", ref)
        init(self, "folder", folder)
        init(self, "message_id", message_id)
        init(self, "in_reply_to", in_reply_to)
        init(self, "references", references)
        init(self, "conversation", conversation)
        init(self, "sender", sender)
        init(self, "to", to)
        init(self, "cc", cc)
        init(self, "date", date)
        init(self, "subject", subject)
        init(self, "_text", text)
        init(self, "_attachments", attachments)
        init(self, "marks", marks)
        init(self, "auto", auto)
        init(self, "ask_header", ask_header)
        init(self, "auto_until", auto_until)
        init(self, "mailing_list", mailing_list)

    @property
    def text(self) -> str:
        """The plain-text body, whole (HTML converted to text); read on first access."""
        text = self._text
        if not isinstance(text, str):
            text = text()
            object.__setattr__(self, "_text", text)
        return text

    @property
    def attachments(self) -> tuple[str, ...]:
        """The attachments' file names; read on first access."""
        attachments = self._attachments
        if not isinstance(attachments, tuple):
            attachments = attachments()
            object.__setattr__(self, "_attachments", attachments)
        return attachments

    def replace(self, **changes: Any) -> MailRecord:
        """A copy with ``changes`` (field names as in the constructor), like
        ``dataclasses.replace``; a body not read yet stays unread."""
        values: dict[str, Any] = {
            name.lstrip("_"): object.__getattribute__(self, name) for name in _MAIL_FIELDS
        }
        unknown = changes.keys() - values.keys()
        if unknown:
            raise TypeError(f"MailRecord has no field {', '.join(sorted(unknown))}")
        values.update(changes)
        return MailRecord(**values)

    __replace__ = replace  # copy.replace (Python 3.13)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name.lstrip("_")) for name in _MAIL_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MailRecord):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        # Equal records have equal headers: the bodies need not be read to hash.
        return hash((self.ref, self.folder, self.message_id, self.date, self.subject))

    def __repr__(self) -> str:
        parts = []
        for name in _MAIL_FIELDS:
            value = object.__getattribute__(self, name)
            if callable(value):
                parts.append(f"{name.lstrip('_')}=<not read yet>")
            else:
                parts.append(f"{name.lstrip('_')}={value!r}")
        return f"MailRecord({', '.join(parts)})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[MailRecord], tuple[object, ...]]:
        return (MailRecord, self._values())  # bodies read: a loader may not pickle


@dataclass(frozen=True, slots=True)
class CalendarRecord:
    """One occurrence of a calendar entry (recurring series are expanded)."""

    uid: str
    recurrence_id: datetime | None
    start: datetime
    end: datetime
    summary: str
    description: str
    categories: frozenset[str]
    organizer: Address | None
    attendees: tuple[Address, ...]
    source: str = ""  # file path or URL, for messages
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item a backend could not read: reported once, counted, never fatal."""

    where: str  # file path, "mbox:offset", URL, item id
    why: str


SkipSink = Callable[[Skipped], None]


@dataclass(slots=True)
class Batch(Generic[R]):
    """Records read from one stream, and the cursor to store once they are recorded.

    ``cursor()`` is only valid after ``records`` has been fully consumed.
    """

    records: Iterator[R]
    cursor: Callable[[], str]


def batch_of(records: Iterable[R], cursor: str) -> Batch[R]:
    """A batch whose cursor is known up front."""
    return Batch(iter(records), lambda: cursor)


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime


class DraftStore(Protocol):
    """A Drafts folder followthrough can write to, read back, clean up and watch.

    Every backend is one (local Maildir, IMAP, Exchange; a Graph backend implements it
    with its messages endpoints). `review` and `send` need all of it: they hand the
    draft as it is now (the user may have edited it) to the user, send exactly those
    bytes, then remove the draft; the pass uses ``draft_state`` to see it sent."""

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """Store ``draft`` in the Drafts folder (never send). Returns a draft ref."""
        ...

    def draft_state(self, ref: str) -> DraftState:
        """Whether a draft we saved is still waiting, was sent, or is gone."""
        ...

    def find_draft(self, message_id: str) -> str | None:
        """The ref of the draft in the Drafts folder whose Message-ID header is
        ``message_id`` (without angle brackets), or None. Lets a pass killed between
        saving a draft and recording it find that draft instead of saving it twice."""
        ...

    def fetch_draft(self, ref: str) -> bytes | None:
        """The RFC 5322 bytes of draft ``ref`` as it is now, or None when it is no longer
        a draft (sent or deleted from the mail client)."""
        ...

    def delete_draft(self, ref: str) -> bool:
        """Remove draft ``ref`` from the Drafts folder (never send it). False when it was
        not there."""
        ...

    def draft_path(self, ref: str) -> Path | None:
        """The file draft ``ref`` is in, for a backend that keeps drafts in files (the
        ledger records it for `drafts`); None for a server's Drafts folder."""
        ...


class SentStore(Protocol):
    """A Sent folder a message sent by followthrough's own transport (SMTP, a sendmail
    command) is filed in, so the user's mail client shows it and the next pass sees the
    follow-up sent."""

    def save_sent(self, data: bytes) -> str | None:
        """File ``data`` (a message just sent) in Sent, marked seen. Returns its ref, or
        None when this Sent folder is not followthrough's to write (an mbox file that the
        mail client owns)."""
        ...


class Account(DraftStore, SentStore, Protocol):
    """What every backend (local, exchange, imap+caldav) offers the pass, `review` and
    `send`. mypy checks each backend against it where ``accounts.open_account`` returns it."""

    name: str

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Messages of ``folder`` new or changed since ``cursor`` (all when None)."""
        ...

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Occurrences in ``window``. Returns every occurrence in the window when anything
        changed since ``cursor``; an empty batch when nothing did."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Check:
    """One line of `followthrough doctor`: what was checked, and what to do when it failed."""

    ok: bool
    what: str
    advice: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a text-based guess was made: the words that matched and the rule that fired."""

    rule: str
    text: str = ""
    confidence: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)


# --- the ledger's view of an ask and its follow-ups -------------------------------------

AskState = Literal["open", "acknowledged", "delivered", "declined", "closed", "cancelled"]
ASK_STATES: tuple[AskState, ...] = (
    "open",
    "acknowledged",
    "delivered",
    "declined",
    "closed",
    "cancelled",
)
ACTIVE_STATES: frozenset[str] = frozenset({"open", "acknowledged"})
SourceKind = Literal["calendar", "mail", "manual"]
# "request": the first message of a Plan B ask (`followthrough planb`), drafted at once
FollowupKind = Literal["checkin", "nudge", "thanks", "outcome", "praise", "request"]
# "drafting": recorded (with its Message-ID) before the draft is saved, "drafted" after.
FollowupState = Literal["drafting", "drafted", "sent", "edited", "deleted", "skipped", "replaced"]


@dataclass(frozen=True, slots=True)
class AskPhrase:
    """The ask said back in the forms a draft needs (``followthrough.detect.phrase``).

    An empty form means no good phrase was found: templates then say something plainer."""

    kind: str  # "action" | "info" | "meeting" | "intro" | "approval" | "favour"
    base: str  # "review the Q3 deck"
    gerund: str  # "reviewing the Q3 deck"
    topic: str  # "the Q3 deck"
    sentence: str  # the original sentence (or calendar title — description)


@dataclass(frozen=True, slots=True)
class Ask:
    id: str
    source_kind: SourceKind
    source_key: str
    what: str
    subject: str
    helpers: tuple[Address, ...]
    asked_at: datetime
    due: datetime | None
    due_phrase: str
    state: AskState
    status: str  # "tracked" | "suggested"
    outcome: str | None
    thread_root: str | None  # message-id a follow-up replies to
    conversation: str | None
    praise: bool
    last_helper_at: datetime | None  # the helper's last message in the thread
    last_user_at: datetime | None  # the user's own last message in the thread
    thanked_at: datetime | None  # the user already thanked in the thread
    state_at: datetime  # when the state last changed
    paused_until: datetime | None = None  # an out-of-office return date
    question_at: datetime | None = None  # the helper asked back: follow-ups wait for you
    phrase: AskPhrase | None = None  # None only for an ask the phrase model has not seen


@dataclass(frozen=True, slots=True)
class Followup:
    id: str
    ask_id: str
    kind: FollowupKind
    seq: int
    due_at: datetime
    state: FollowupState
    draft_ref: str | None
    draft_path: str | None
    message_id: str | None
    recipients: tuple[str, ...]
    subject: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Approval:
    """The user's approval to send one follow-up: exactly the bytes hashed to ``sha256``."""

    followup_id: str
    approved_at: datetime
    how: str  # "review", "review-edit", "send-command"
    sha256: str
    sent_at: datetime | None
    transport: str | None
    result: str | None  # None (not tried), "sending" (interrupted?), "failed: …", "accepted …"


@dataclass(frozen=True, slots=True)
class EarlyReply:
    """A reply read before the message it answers, kept until that message is read."""

    message_id: str
    sender: str
    mailing_list: str | None
    at: datetime
    kind: str  # classify_reply's kind ("auto" for an automatic reply)
    rule: str
    evidence: str
    until: datetime | None  # an out-of-office reply's return date


@dataclass(frozen=True, slots=True)
class AskEvent:
    at: datetime
    kind: str  # "asked", "state:acknowledged", "reply", "thanked", "outcome", "followup:…"
    detail: str
    rule: str
    evidence: str
    source: str


@dataclass(frozen=True, slots=True)
class IncomingAsk:
    """A request someone made of the user, found in the inbox (help given)."""

    message_id: str
    sender: Address
    subject: str
    what: str
    asked_at: datetime
    due: datetime | None
    evidence: str
    answered_at: datetime | None
