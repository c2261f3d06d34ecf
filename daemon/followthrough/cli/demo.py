"""`followthrough demo`: a small, realistic workspace to try followthrough on.

It writes a Maildir (Sent, Inbox, Drafts) with asks and replies dated relative to
``now``, a calendar with tagged entries, and a config pointing at them.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.errors import UsageError

ME = ("Alex Morgan", "alex@example.org")
TZ = "UTC"


def local_config(
    email: str, name: str, timezone: str, *, calendar: bool = True, header: str = ""
) -> str:
    """config.toml for a workspace of local Maildirs (Mail, Mail/.Sent, Mail/.Drafts), a
    vdir ``calendar`` unless ``calendar`` is false, and ``state``, all relative to it."""
    head = f"{header}\n" if header else ""
    cal = 'calendar = "calendar"\n' if calendar else ""
    return (
        f'{head}[user]\nemail = "{email}"\nname = "{name}"\ntimezone = "{timezone}"\n\n'
        '[account]\nbackend = "local"\n\n'
        '[local]\nsent = "Mail/.Sent"\ninbox = "Mail"\ndrafts = "Mail/.Drafts"\n'
        f'{cal}\n[state]\ndir = "state"\n'
    )


def _maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def build_message(
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    date: datetime,
    message_id: str,
    in_reply_to: str | None = None,
    attachment: str | None = None,
    cc: tuple[str, str] | None = None,
) -> bytes:
    """A plain RFC 5322 message (name, address pairs), as a mail client would send it."""
    msg = EmailMessage()
    msg["From"] = f"{sender[0]} <{sender[1]}>"
    msg["To"] = f"{to[0]} <{to[1]}>"
    if cc:
        msg["Cc"] = f"{cc[0]} <{cc[1]}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<{message_id}>"
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    msg.set_content(body)
    if attachment:
        msg.add_attachment(
            b"%PDF-1.4 demo\n", maintype="application", subtype="pdf", filename=attachment
        )
    return msg.as_bytes()


def _put(folder: Path, key: str, raw: bytes, flags: str = "S") -> None:
    (folder / "cur" / f"{key}:2,{flags}").write_bytes(raw)


DEMO_MARKER = ".followthrough-demo"
_MARKER_TEXT = (
    "This directory was made by `followthrough demo`; running the demo again here\n"
    "replaces its Mail, calendar and state.\n"
)


def _is_demo_marker(marker: Path) -> bool:
    """The demo's own marker file (a plain file with its text, not a link to one)."""
    try:
        return not marker.is_symlink() and marker.read_text() == _MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def build_demo(workspace: Path, now: datetime) -> Path:
    """Create the demo workspace under ``workspace``; return the config path."""
    marker = workspace / DEMO_MARKER
    if workspace.is_symlink() or (workspace.exists() and not workspace.is_dir()):
        raise UsageError(f"{workspace} is not a directory; choose another --dir")
    if workspace.exists() and any(workspace.iterdir()) and not _is_demo_marker(marker):
        raise UsageError(
            f"{workspace} is not empty and was not made by `followthrough demo`; the demo "
            "writes only into an empty directory or its own: choose another --dir"
        )
    workspace.mkdir(parents=True, exist_ok=True)
    marker.write_text(_MARKER_TEXT)
    for sub in ("Mail", "calendar", "state"):  # a re-run starts from a clean demo
        shutil.rmtree(workspace / sub, ignore_errors=True)
    tz = ZoneInfo(TZ)
    now = now.astimezone(tz)
    mail = workspace / "Mail"
    inbox = _maildir(mail)
    sent = _maildir(mail / ".Sent")
    drafts = _maildir(mail / ".Drafts")
    bob = ("Bob Chen", "bob@example.org")
    carol = ("Carol Diaz", "carol@example.org")
    dave = ("Dave Evans", "dave@example.org")
    erin = ("Erin Fox", "erin@example.org")

    def ago(days: float) -> datetime:
        return now - timedelta(days=days)

    due_q3 = ago(4)
    _put(
        sent,
        "ask-q3",
        build_message(
            sender=ME,
            to=bob,
            subject="Q3 deck",
            body=f"Hi Bob,\n\nCould you review the Q3 deck by {due_q3:%B} {due_q3.day}? "
            "The board meets the week after.\n\nThanks,\nAlex\n",
            date=ago(14),
            message_id="ask-q3@example.org",
        ),
    )
    due_intro = now + timedelta(days=14)
    _put(
        sent,
        "ask-intro",
        build_message(
            sender=ME,
            to=carol,
            subject="Intro to Acme's CTO?",
            body=f"Hi Carol,\n\nWould you introduce me to Acme's CTO by {due_intro:%B} "
            f"{due_intro.day}? I'd like to ask about their data platform.\n\nAlex\n",
            date=ago(8),
            message_id="ask-intro@example.org",
        ),
        flags="FS",
    )
    _put(
        sent,
        "ask-checklist",
        build_message(
            sender=ME,
            to=dave,
            subject="Onboarding checklist",
            body="Hi Dave,\n\nCan you send me the onboarding checklist for new hires?\n\nAlex\n",
            date=ago(6),
            message_id="ask-checklist@example.org",
        ),
    )
    _put(
        inbox,
        "reply-checklist",
        build_message(
            sender=dave,
            to=ME,
            subject="Re: Onboarding checklist",
            body="Here it is, attached. Shout if anything is missing.\n\nDave\n",
            date=ago(2),
            message_id="reply-checklist@example.org",
            in_reply_to="ask-checklist@example.org",
            attachment="onboarding-checklist.pdf",
        ),
    )
    _put(
        sent,
        "ask-allhands",
        build_message(
            sender=ME,
            to=erin,
            subject="Present at the all-hands?",
            body="Hi Erin,\n\nCould you present the customer survey results at the "
            "all-hands next week?\n\nAlex\n",
            date=ago(5),
            message_id="ask-allhands@example.org",
        ),
    )
    _put(
        inbox,
        "reply-allhands",
        build_message(
            sender=erin,
            to=ME,
            subject="Re: Present at the all-hands?",
            body="Sorry, I can't take this one on: I'm at the customer summit all month, "
            "and I don't know the survey well enough.\n\nErin\n",
            date=ago(3),
            message_id="reply-allhands@example.org",
            in_reply_to="ask-allhands@example.org",
        ),
    )
    _put(
        sent,
        "fyi",
        build_message(
            sender=ME,
            to=bob,
            subject="FYI: notes from today",
            body="Hi Bob,\n\nFYI, the notes from today's planning meeting are in the "
            "wiki.\n\nAlex\n",
            date=ago(1),
            message_id="fyi@example.org",
        ),
    )

    calendar = workspace / "calendar"
    calendar.mkdir(exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")

    def event(uid: str, start: datetime, summary: str, description: str, extra: str = "") -> str:
        s = start.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
        e = (start + timedelta(hours=1)).astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
        desc = description.replace("\n", "\\n")
        return (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followthrough//demo//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{stamp}\r\nDTSTART:{s}\r\nDTEND:{e}\r\n"
            f"SUMMARY:{summary}\r\nDESCRIPTION:{desc}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
        )

    budget_due = ago(2)
    (calendar / "budget.ics").write_text(
        event(
            "budget@demo",
            ago(9),
            "Budget sync with Frank #ask",
            f"Frank will send the Q4 budget numbers by {budget_due:%B} {budget_due.day}.",
            "ATTENDEE;CN=Frank Green:mailto:frank@example.org\r\n"
            f"ATTENDEE;CN={ME[0]}:mailto:{ME[1]}\r\n",
        ),
        encoding="utf-8",
    )
    (calendar / "mentor.ics").write_text(
        event(
            "mentor@demo",
            ago(20),
            "Ask: Grace — mock interview #done",
            "grace@example.org ran a mock interview for me.\nOutcome: I got the job at Acme",
            "CATEGORIES:ask\r\n",
        ),
        encoding="utf-8",
    )

    config = workspace / "config.toml"
    config.write_text(
        local_config(
            ME[1], ME[0], TZ, header="# followthrough demo config: see config.example.toml"
        ),
        encoding="utf-8",
    )
    os.chmod(config, 0o600)
    del drafts
    return config
