"""Issue 18, point 2: the ledger after a pass is the same whatever order the folders and
the messages in them are read in, and the same for two passes as for one.

A property test: Hypothesis shuffles one small mailbox (asks, acknowledgements,
deliveries, a list reply, an automatic reply, a question settled later, the user's
thanks, a request made of the user and the user's answer, a newsletter) across the
Sent and inbox mbox files, splits it between two passes at any point, and reads the
inbox before or after Sent. What the ledger records of each ask, thread, reply and
request must not change. (The timeline's intermediate state steps may: when a delivery
is read before the acknowledgement that came first, the ask goes straight to
"delivered". Follow-up drafts are decisions taken at each pass, so not compared.)
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followthrough.cli.demo import local_config
from followthrough.cli.main import main
from followthrough.engine.scan import Pass, ScanSummary
from integration.scenario import BOB, CAROL, DAVE, ERIN, ME, message

NOW = "2026-11-03T18:00"
LIST = (
    b"List-Id: Team <team.lists.example.org>\nPrecedence: list\n"
    b"List-Post: <mailto:team@lists.example.org>\n"
)


def mail(
    folder: str,
    key: str,
    date: str,
    sender: tuple[str, str],
    to: tuple[str, str],
    body: str,
    *,
    parent: str | None = None,
    subject: str = "Q3",
    extra: bytes = b"",
    attachment: str | None = None,
) -> tuple[str, str, bytes]:
    raw = message(
        sender=sender,
        to=to,
        subject=("Re: " + subject) if parent else subject,
        date=date,
        message_id=f"{key}@example.org",
        in_reply_to=f"{parent}@example.org" if parent else None,
        body=body,
        **({"attachment": attachment} if attachment else {}),
    )
    return folder, key, extra + raw


MAILBOX = [
    mail(
        "sent",
        "a1",
        "2026-11-02T10:00",
        ME,
        BOB,
        "Hi Bob,\n\nCould you review the Q3 deck by Friday?\n",
    ),
    mail(
        "inbox", "r1", "2026-11-02T11:00", BOB, ME, "Sure, I'll look at it tomorrow.\n", parent="a1"
    ),
    mail(
        "inbox",
        "r2",
        "2026-11-03T09:00",
        BOB,
        ME,
        "Here it is, attached: my comments.\n",
        parent="r1",
        attachment="comments.pdf",
    ),
    mail("sent", "u1", "2026-11-03T10:00", ME, BOB, "Thank you so much, Bob!\n", parent="r2"),
    mail(
        "sent",
        "a2",
        "2026-11-02T10:30",
        ME,
        CAROL,
        "Hi Carol,\n\nCould you send me the budget numbers by Thursday?\n",
        subject="Budget",
    ),
    mail(
        "inbox",
        "o2",
        "2026-11-02T10:31",
        CAROL,
        ME,
        "I am out of the office until Monday 9 November.\n",
        parent="a2",
        subject="Budget",
        extra=b"Auto-Submitted: auto-replied\n",
    ),
    mail(
        "inbox",
        "c2",
        "2026-11-03T08:00",
        CAROL,
        ("Team", "team@lists.example.org"),
        "Yes, I'll send them on Wednesday.\n",
        parent="a2",
        subject="Budget",
        extra=LIST,
    ),
    mail(
        "sent",
        "a3",
        "2026-11-02T12:00",
        ME,
        ERIN,
        "Hi Erin,\n\nCould you check the contract by Friday?\n",
        subject="Contract",
    ),
    mail(
        "inbox",
        "q3",
        "2026-11-02T13:00",
        ERIN,
        ME,
        # a request back that the detector tracks: read before the ask, it must not
        # stay a request made of the user
        "Which version do you mean? Could you send me the March draft first?\n",
        parent="a3",
        subject="Contract",
    ),
    mail(
        "inbox",
        "e3",
        "2026-11-02T15:00",
        ERIN,
        ME,
        "Never mind, found it. On it.\n",
        parent="q3",
        subject="Contract",
    ),
    mail(
        "inbox",
        "i4",
        "2026-11-02T09:00",
        DAVE,
        ME,
        "Hi Alex,\n\nCould you review my proposal by Friday?\n\nDave\n",
        subject="Proposal",
    ),
    mail(
        "sent",
        "u4",
        "2026-11-02T16:00",
        ME,
        DAVE,
        "Done, comments inline.\n",
        parent="i4",
        subject="Proposal",
    ),
    mail(
        "inbox",
        "n5",
        "2026-11-02T08:00",
        ("News", "news@shop.example.com"),
        ME,
        "Could you take our two-minute survey by Friday?\n",
        subject="Survey",
        extra=b"List-Unsubscribe: <https://shop.example.com/u>\n",
    ),
]


def envelope(raw: bytes) -> bytes:
    body = b"\n".join(
        b">" + line if line.startswith(b"From ") else line for line in raw.split(b"\n")
    )
    return b"From someone@example.org Mon Nov  2 10:00:00 2026\n" + body + b"\n"


def inbox_first(self: Pass) -> ScanSummary:
    """Pass.run with the inbox read before Sent."""
    with self.ledger.transaction():
        pass_id = self.ledger.record_pass_start(self.now)
    self.read_calendar()
    self.read_mail("inbox")
    self.read_mail("sent")
    self.track_drafts()
    self.draft_followups()
    with self.ledger.transaction():
        self.ledger.record_pass_end(pass_id, self.now, "ok", self.summary.as_dict())
    return self.summary


def run(order: list[int], split: int, reverse_folders: bool) -> dict[str, list[tuple[object, ...]]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = root / "config.toml"
        config.write_text(
            local_config("alex@example.org", "Alex Morgan", "Europe/Berlin", calendar=False)
            .replace('sent = "Mail/.Sent"', 'sent = "sent.mbox"')
            .replace('inbox = "Mail"', 'inbox = "inbox.mbox"')
        )
        (root / "Mail" / ".Drafts").mkdir(parents=True)
        for folder in ("sent", "inbox"):
            (root / f"{folder}.mbox").write_bytes(b"")
        batches = [order[:split], order[split:]] if 0 < split < len(order) else [order]
        for batch in batches:
            for index in batch:
                folder, _, raw = MAILBOX[index]
                with open(root / f"{folder}.mbox", "ab") as fh:
                    fh.write(envelope(raw))
            with ExitStack() as stack:
                if reverse_folders:
                    stack.enter_context(mock.patch.object(Pass, "run", inbox_first))
                out = io.StringIO()
                code = main(["--config", str(config), "--now", NOW, "scan"], out=out)
                assert code == 0, out.getvalue()
        db = sqlite3.connect(root / "state" / "ledger.sqlite3")
        try:
            return {
                "asks": sorted(db.execute("SELECT * FROM asks").fetchall()),
                "thread": sorted(
                    db.execute(  # the drafts' own ids: follow-ups, not compared
                        "SELECT * FROM thread WHERE message_id NOT IN "
                        "(SELECT message_id FROM followups WHERE message_id IS NOT NULL)"
                    ).fetchall()
                ),
                "incoming": sorted(db.execute("SELECT * FROM incoming").fetchall()),
                "events": sorted(
                    db.execute(
                        "SELECT ask_id, at, kind, detail, rule, evidence, source FROM ask_events "
                        "WHERE kind NOT LIKE 'state:%' AND kind NOT LIKE 'followup:%'"
                    ).fetchall()
                ),
            }
        finally:
            db.close()


REFERENCE: dict[str, list[tuple[object, ...]]] = {}


def reference() -> dict[str, list[tuple[object, ...]]]:
    if not REFERENCE:
        REFERENCE.update(run(list(range(len(MAILBOX))), 0, False))
    return REFERENCE


def test_the_reference_reading_is_what_a_careful_reader_concludes() -> None:
    ref = reference()
    states = {row[2]: row[9] for row in ref["asks"]}  # source_key -> state
    assert states == {
        "a1@example.org": "delivered",
        "a2@example.org": "acknowledged",  # the list reply is Carol's answer; the OOO is not
        "a3@example.org": "acknowledged",
    }
    incoming = {row[0]: row[8] for row in ref["incoming"]}  # message_id -> answered_at
    assert list(incoming) == ["i4@example.org"]  # the newsletter is no request of the user
    assert incoming["i4@example.org"] is not None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    order=st.permutations(range(len(MAILBOX))),
    split=st.integers(min_value=0, max_value=len(MAILBOX)),
    reverse_folders=st.booleans(),
)
def test_the_ledger_does_not_depend_on_reading_order(
    order: list[int], split: int, reverse_folders: bool
) -> None:
    assert run(list(order), split, reverse_folders) == reference()
