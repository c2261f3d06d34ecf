"""The foundation scenario: a dozen asks of different shapes over two working weeks.

Backend-neutral data (raw RFC 5322 bytes and iCalendar text) so every backend's tests
can replay it: `tests/integration/test_scenario.py` runs it on local files; the
Exchange and IMAP/CalDAV tests seed their servers with the same messages.

User: Alex <alex@example.org>, Europe/Berlin. Week of Monday 2 November 2026.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.cli.demo import build_message, local_config
from followthrough.model import Folder
from workspace import Mail, Workspace

TZ = ZoneInfo("Europe/Berlin")
ME = ("Alex Morgan", "alex@example.org")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def message(*, date: str, **fields: Any) -> bytes:
    """A message as a mail client sends it, dated ``date`` (ISO, Europe/Berlin)."""
    return build_message(date=at(date), **fields)


BOB = ("Bob Chen", "bob@example.org")
CAROL = ("Carol Diaz", "carol@example.org")
DAVE = ("Dave Evans", "dave@example.org")
ERIN = ("Erin Fox", "erin@example.org")
FRANK = ("Frank Green", "frank@example.org")
IVAN = ("Ivan Horn", "ivan@example.org")
JUDY = ("Judy Kim", "judy@example.org")


def sent_at_start() -> list[Mail]:
    """Sent mail present from the first scan (Monday 2 November)."""
    return [
        # A1: detected request with a weekday deadline -> nudge after it passes
        Mail(
            "a1",
            message(
                sender=ME,
                to=BOB,
                subject="Q3 deck",
                date="2026-11-02T10:00",
                message_id="a1@example.org",
                body="Hi Bob,\n\nCould you review the Q3 deck by Friday? "
                "The board meets next week.\n\nThanks,\nAlex\n",
            ),
        ),
        # A2: flagged, no request wording, no date -> check-in after 5 quiet business days
        Mail(
            "a2",
            message(
                sender=ME,
                to=CAROL,
                subject="Acme's CTO",
                date="2026-11-02T11:00",
                message_id="a2@example.org",
                body="Hi Carol,\n\nI'd love an intro to Acme's CTO at some point.\n\nAlex\n",
            ),
            flagged=True,
        ),
        # A3: request, delivered with an attachment -> thank-you, then outcome
        Mail(
            "a3",
            message(
                sender=ME,
                to=DAVE,
                subject="Onboarding checklist",
                date="2026-11-02T12:00",
                message_id="a3@example.org",
                body="Hi Dave,\n\nCan you send me the onboarding checklist by Thursday?\n\nAlex\n",
            ),
        ),
        # A4: request, declined -> thank-you for considering it
        Mail(
            "a4",
            message(
                sender=ME,
                to=ERIN,
                subject="All-hands",
                date="2026-11-02T12:30",
                message_id="a4@example.org",
                body="Hi Erin,\n\nCould you present the survey results at Friday's "
                "all-hands?\n\nAlex\n",
            ),
        ),
        # A5: request, delivered, user already thanked in the thread -> no thank-you draft
        Mail(
            "a5",
            message(
                sender=ME,
                to=FRANK,
                subject="Budget numbers",
                date="2026-11-02T13:00",
                message_id="a5@example.org",
                body="Hi Frank,\n\nCan you share the Q4 budget numbers by Wednesday?\n\nAlex\n",
            ),
        ),
        # A9: request with a date, acknowledged -> half-way check-in
        Mail(
            "a9",
            message(
                sender=ME,
                to=IVAN,
                subject="Contract",
                date="2026-11-02T13:00",
                message_id="a9@example.org",
                body="Hi Ivan,\n\nCould you check the supplier contract by November 13?\n\nAlex\n",
            ),
        ),
        # A12: request the user cancels -> nothing, ever
        Mail(
            "a12",
            message(
                sender=ME,
                to=JUDY,
                subject="Slides",
                date="2026-11-02T14:00",
                message_id="a12@example.org",
                body="Hi Judy,\n\nCould you send me your slides by Thursday?\n\nAlex\n",
            ),
        ),
        # not asks: an FYI, and an ask that only appears in quoted text
        Mail(
            "fyi",
            message(
                sender=ME,
                to=BOB,
                subject="FYI: planning notes",
                date="2026-11-02T15:00",
                message_id="fyi@example.org",
                body="Hi Bob,\n\nFYI, the planning notes are in the wiki now.\n\nAlex\n",
            ),
        ),
        Mail(
            "quoted",
            message(
                sender=ME,
                to=CAROL,
                subject="Re: offsite",
                date="2026-11-02T15:30",
                message_id="quoted@example.org",
                in_reply_to="offsite@example.org",
                body="Sounds good to me.\n\nAlex\n\nOn Mon, 2 Nov 2026, Carol wrote:\n"
                "> Could you book the venue by Friday?\n> Carol\n",
            ),
        ),
    ]


def inbox_by_wednesday() -> list[Mail]:
    """Replies that arrive by Wednesday 4 November."""
    return [
        Mail(
            "r3",
            message(
                sender=DAVE,
                to=ME,
                subject="Re: Onboarding checklist",
                date="2026-11-04T15:00",
                message_id="r3@example.org",
                in_reply_to="a3@example.org",
                attachment="checklist.pdf",
                body="Hi Alex,\n\nHere it is, attached.\n\nDave\n",
            ),
        ),
        Mail(
            "r4",
            message(
                sender=ERIN,
                to=ME,
                subject="Re: All-hands",
                date="2026-11-03T10:00",
                message_id="r4@example.org",
                in_reply_to="a4@example.org",
                body="Hi Alex,\n\nSorry, I can't this Friday, I'm travelling.\n\nErin\n",
            ),
        ),
        Mail(
            "r5",
            message(
                sender=FRANK,
                to=ME,
                subject="Re: Budget numbers",
                date="2026-11-03T14:00",
                message_id="r5@example.org",
                in_reply_to="a5@example.org",
                attachment="q4-budget.xlsx",
                body="Attached are the numbers.\n\nFrank\n",
            ),
        ),
        Mail(
            "r9",
            message(
                sender=IVAN,
                to=ME,
                subject="Re: Contract",
                date="2026-11-03T09:00",
                message_id="r9@example.org",
                in_reply_to="a9@example.org",
                body="Sure, will do.\n\nIvan\n",
            ),
        ),
    ]


def sent_by_wednesday() -> list[Mail]:
    """The user's own thanks in A5's thread."""
    return [
        Mail(
            "t5",
            message(
                sender=ME,
                to=FRANK,
                subject="Re: Budget numbers",
                date="2026-11-03T15:00",
                message_id="t5@example.org",
                in_reply_to="r5@example.org",
                body="Thanks so much, Frank! That's exactly what I needed.\n\nAlex\n",
            ),
        ),
    ]


def ics(uid: str, start: str, summary: str, description: str, extra: str = "") -> str:
    s = at(start).astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
    e = (
        at(start)
        .replace(hour=at(start).hour + 1)
        .astimezone(ZoneInfo("UTC"))
        .strftime("%Y%m%dT%H%M%SZ")
    )
    desc = description.replace("\n", "\\n")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followthrough//tests//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{s}\r\nDTEND:{e}\r\n"
        f"SUMMARY:{summary}\r\nDESCRIPTION:{desc}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def calendar() -> dict[str, str]:
    """Tagged calendar entries (file name -> iCalendar text)."""
    return {
        # A6: tagged by #ask in the title, helper from the attendees, date from "by …"
        "a6.ics": ics(
            "a6@tests",
            "2026-11-02T14:00",
            "Hiring plan review #ask",
            "Grace will send the hiring plan by Nov 20.",
            "ATTENDEE;CN=Grace Lee:mailto:grace@example.org\r\n"
            f"ATTENDEE;CN={ME[0]}:mailto:{ME[1]}\r\n",
        ),
        # A7: tagged by category, helper from the description, done with an outcome
        "a7.ics": ics(
            "a7@tests",
            "2026-11-02T09:00",
            "Ask: Heidi — mock interview #done",
            "heidi@example.org ran a mock interview for me.\nOutcome: I got the job at Acme",
            "CATEGORIES:ask\r\n",
        ),
        # not an ask: an untagged meeting
        "standup.ics": ics("standup@tests", "2026-11-02T09:30", "Standup", "Daily standup"),
    }


def expected_ids(asks: dict[str, dict[str, Any]], pairs: set[tuple[str, str]]) -> set[str]:
    """Follow-up ids from (source key, kind) pairs, given `asks --json` by source key."""
    return {f"{asks[key]['id']}-{kind}" for key, kind in pairs}


# What the scenario expects: follow-up ids are "<ask>-<kind>" with the ask named by its
# source key (message-id or calendar uid) here; tests map keys to ids via `asks --json`.
EXPECTED_ASKS = {
    "a1@example.org",
    "a2@example.org",
    "a3@example.org",
    "a4@example.org",
    "a5@example.org",
    "a9@example.org",
    "a12@example.org",
    "a6@tests",
    "a7@tests",
}
T1 = "2026-11-02T17:00"
T2 = "2026-11-04T16:00"
T3 = "2026-11-09T10:00"
T4 = "2026-11-11T16:00"
DRAFTS_AFTER = {
    T1: {("a7@tests", "outcome")},
    T2: {("a3@example.org", "thanks"), ("a4@example.org", "thanks")},
    T3: {
        ("a1@example.org", "nudge"),
        ("a2@example.org", "checkin"),
        ("a9@example.org", "checkin"),
        ("a3@example.org", "outcome"),
    },
    T4: {("a6@tests", "checkin")},
}


CONFIG = local_config("alex@example.org", "Alex Morgan", "Europe/Berlin")


# The user's own mail in local Maildirs, no calendar (the send and review tests).
MAIL_ONLY_CONFIG = local_config("alex@example.org", "Alex Morgan", "Europe/Berlin", calendar=False)


class LocalWorkspace(Workspace):
    """A local Maildir + vdir workspace driven through the CLI."""

    def __init__(self, root: Path, extra_config: str = "", *, calendar: bool = True) -> None:
        super().__init__(root, (CONFIG if calendar else MAIL_ONLY_CONFIG) + extra_config)
        self.inbox = self.maildir(root / "Mail")
        self.sent = self.maildir(root / "Mail" / ".Sent")
        self.drafts = self.maildir(root / "Mail" / ".Drafts")
        if calendar:
            (root / "calendar").mkdir()

    @staticmethod
    def maildir(path: Path) -> Path:
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        return path

    def deliver(self, folder: Path | Folder, mails: Iterable[Mail]) -> None:
        """Into a Maildir: ``folder`` is its path, or "sent" or "inbox"."""
        path = (
            folder if isinstance(folder, Path) else {"sent": self.sent, "inbox": self.inbox}[folder]
        )
        for m in mails:
            flags = "FS" if m.flagged else "S"
            (path / "cur" / f"{m.key}:2,{flags}").write_bytes(m.raw)

    def draft_files(self) -> dict[str, Any]:
        """Draft files in the Maildir, by follow-up id (the digest's as "digest")."""
        found: dict[str, Any] = {}
        ids = self.followup_ids()
        for path in sorted((self.drafts / "cur").iterdir()):
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            fid = ids.get(str(msg["Message-ID"]).strip().strip("<>")) or str(
                msg["X-Followthrough-Followup"]
            )
            assert fid not in found, f"two draft files for {fid}"
            found[fid] = msg
        return found

    def draft_ids(self) -> set[str]:
        return set(self.draft_files())

    def draft_text(self, fid: str) -> str:
        return str(self.draft_files()[fid].get_content())

    def _draft_path(self, fid: str) -> Path:
        [row] = [d for d in json.loads(self.cli("drafts", "--json")) if d["id"] == fid]
        return Path(row["path"])

    def send_draft(self, fid: str) -> None:
        """The mail client sends the draft: it lands in Sent."""
        shutil.move(self._draft_path(fid), self.sent / "cur" / f"sent-{fid}:2,S")

    def delete_draft(self, fid: str) -> None:
        self._draft_path(fid).unlink()


def deliver_wednesday(ws: Workspace) -> None:
    """The mail of Monday afternoon to Wednesday: replies in the inbox, more sent asks."""
    ws.deliver("inbox", inbox_by_wednesday())
    ws.deliver("sent", sent_by_wednesday())


def local_scenario(root: Path, extra_config: str = "") -> LocalWorkspace:
    """The scenario's start on local files: Monday's sent mail and the calendar."""
    ws = LocalWorkspace(root, extra_config)
    ws.deliver("sent", sent_at_start())
    for name, text in calendar().items():
        (root / "calendar" / name).write_text(text)
    return ws
