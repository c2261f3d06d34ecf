"""Property: whatever happens, nothing reaches the SMTP server without the user's approval.

Hypothesis plays random stories on a real local Maildir account and a real SMTP server
(aiosmtpd on 127.0.0.1): asks sent (with or without a due date), replies that deliver,
acknowledge or decline, out-of-office replies and bounces, the user's `done`, `declined`,
`cancel` and `outcome`, drafts deleted in the mail client, the clock jumping forward,
scans, and review sessions answering approve / edit / skip / delete at random.

After every step:
- every message the server received has an approval row with the sha256 of its bytes,
  and goes only to helpers of the ask it follows up;
- no ask has two pending drafts;
- every drafted follow-up is addressed to helpers of its ask only;
- no check-in or nudge was drafted by a scan that found its ask delivered, declined or
  cancelled.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from followthrough.cli.main import main
from followthrough.config.settings import load_settings
from followthrough.ledger import Ledger
from followthrough.model import ACTIVE_STATES
from followthrough.outbox.review import Console, Review
from followthrough.outbox.send import SmtpTransport
from integration import scenario as sc
from integration.smtp_sink import PASSWORD, SmtpSink

pytestmark = [pytest.mark.external_service, pytest.mark.slow]

HELPERS = [sc.BOB, sc.CAROL, sc.DAVE]
START = sc.at("2026-11-02T09:30")
CONFIG = sc.MAIL_ONLY_CONFIG
REPLIES = {
    "ack": ("Sure, will do.", None, {}),
    "delivered": ("Here it is, attached.", "notes.pdf", {}),
    "declined": ("Sorry, I can't do this one, I'm travelling.", None, {}),
    "ooo": (
        "I am out of the office until next Monday with limited access to email.",
        None,
        {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    ),
    "bounce": (
        "This is the mail system. Your message could not be delivered to one or more recipients.",
        None,
        {"Auto-Submitted": "auto-replied"},
    ),
}


@dataclass
class World:
    root: Path
    sink: SmtpSink
    now: datetime = START
    asks: list[tuple[str, tuple[str, str]]] = field(default_factory=list)  # (msg id, helper)
    counter: int = 0

    def __post_init__(self) -> None:
        self.config = self.root / "config.toml"
        self.config.write_text(CONFIG + self.sink.config())
        for folder in ("Mail", "Mail/.Sent", "Mail/.Drafts"):
            for sub in ("cur", "new", "tmp"):
                (self.root / folder / sub).mkdir(parents=True, exist_ok=True)
        self.settings = load_settings(self.config)
        self.ledger = Ledger(self.settings.ledger_path)

    def name(self) -> str:
        self.counter += 1
        return f"m{self.counter}"

    def write(self, folder: str, msg: EmailMessage, flags: str = "S") -> None:
        key = self.name()
        (self.root / folder / "cur" / f"{key}:2,{flags}").write_bytes(msg.as_bytes())

    def cli(self, *args: str) -> int:
        return main(
            ["--config", str(self.config), "--now", self.now.isoformat(), *args], out=io.StringIO()
        )

    # --- the story's steps --------------------------------------------------------------

    def ask(self, helper: int, due_days: int | None) -> None:
        who = HELPERS[helper % len(HELPERS)]
        mid = f"ask{self.counter}.{helper}@example.org"
        msg = EmailMessage()
        msg["From"] = f"{sc.ME[0]} <{sc.ME[1]}>"
        msg["To"] = f"{who[0]} <{who[1]}>"
        msg["Subject"] = f"Help with item {self.counter}"
        msg["Date"] = format_datetime(self.now - timedelta(minutes=1))
        msg["Message-ID"] = f"<{mid}>"
        due = ""
        if due_days is not None:
            due = f" by {(self.now + timedelta(days=due_days)):%A %d %B %Y}"
        msg.set_content(f"Hi,\n\nCould you review item {self.counter}{due}?\n\nAlex\n")
        self.write("Mail/.Sent", msg, "FS")
        self.asks.append((mid, who))

    def reply(self, index: int, kind: str) -> None:
        if not self.asks:
            return
        mid, who = self.asks[index % len(self.asks)]
        text, attachment, headers = REPLIES[kind]
        msg = EmailMessage()
        sender = ("Mail Delivery System", "mailer-daemon@example.org") if kind == "bounce" else who
        msg["From"] = f"{sender[0]} <{sender[1]}>"
        msg["To"] = f"{sc.ME[0]} <{sc.ME[1]}>"
        subject = {"ooo": "Out of office", "bounce": "Undelivered Mail Returned to Sender"}
        msg["Subject"] = subject.get(kind, "Re: your ask")
        msg["Date"] = format_datetime(self.now - timedelta(minutes=1))
        msg["Message-ID"] = f"<{self.name()}.reply@example.org>"
        msg["In-Reply-To"] = f"<{mid}>"
        msg["References"] = f"<{mid}>"
        for name, value in headers.items():
            msg[name] = value
        msg.set_content(f"Hi Alex,\n\n{text}\n\n{sender[0]}\n")
        if attachment:
            msg.add_attachment(
                b"%PDF-1.4\n", maintype="application", subtype="pdf", filename=attachment
            )
        self.write("Mail", msg)

    def user_action(self, index: int, action: str) -> None:
        asks = self.ledger.asks()
        if not asks:
            return
        ask = asks[index % len(asks)]
        if action == "outcome":
            self.cli("outcome", ask.id, "it", "worked")
        else:
            self.cli(action, ask.id)

    def delete_draft(self, index: int) -> None:
        files = sorted((self.root / "Mail/.Drafts/cur").iterdir())
        if files:
            files[index % len(files)].unlink()

    def scan(self) -> None:
        before = {f.id for f in self.ledger.followups()}
        assert self.cli("scan") == 0
        for f in self.ledger.followups(states=("drafting", "drafted")):
            if f.id in before or f.kind not in ("checkin", "nudge"):
                continue
            ask = self.ledger.get_ask(f.ask_id)
            assert ask.state in ACTIVE_STATES, f"{f.id} drafted for a {ask.state} ask"

    def review(self, answers: list[str]) -> None:
        queue = iter(answers)

        def edit(text: str) -> str | None:
            head, _, _ = text.partition("\n\n")
            if "bcc" in answers:
                return "Bcc: eve@evil.example\n" + text
            return f"{head}\n\nEdited by hand.\n"

        console = Console(ask=lambda _: next(queue, "q"), say=lambda _: None, edit=edit)
        assert self.settings.smtp is not None
        transport = SmtpTransport(self.settings.smtp, PASSWORD)
        Review(
            self.ledger,
            _account(self.settings),
            console,
            self.now,
            self.settings.timezone,
            lambda: transport,
        ).run()

    # --- what must always hold ------------------------------------------------------------

    def check(self) -> None:
        approvals = {a.sha256: a for a in self.ledger.approvals()}
        for got in self.sink.received:
            digest = hashlib.sha256(got.data).hexdigest()
            assert digest in approvals, "a message reached the server without approval"
            fid = approvals[digest].followup_id
            ask = self.ledger.get_ask(self.ledger.get_followup(fid).ask_id)
            assert set(got.rcpt_tos) <= {h.email for h in ask.helpers}
        sent = [a for a in approvals.values() if a.sent_at is not None]
        assert len(sent) == len(self.sink.received)
        for ask in self.ledger.asks(status=None):
            followups = self.ledger.followups(ask.id)
            pending = [f for f in followups if f.state in ("drafting", "drafted")]
            assert len(pending) <= 1, f"two pending drafts for {ask.id}: {pending}"
            helpers = {h.email for h in ask.helpers}
            for f in followups:
                assert set(f.recipients) <= helpers, f"{f.id} to {f.recipients}"


def _account(settings: object) -> object:
    from followthrough.backends.registry import open_account

    return open_account(settings)  # type: ignore[arg-type]


steps = st.one_of(
    st.tuples(st.just("ask"), st.integers(0, 2), st.one_of(st.none(), st.integers(2, 15))),
    st.tuples(st.just("reply"), st.integers(0, 5), st.sampled_from(sorted(REPLIES))),
    st.tuples(
        st.just("user"),
        st.integers(0, 5),
        st.sampled_from(["done", "declined", "cancel", "outcome"]),
    ),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("advance"), st.integers(1, 6)),
    st.tuples(st.just("scan")),
    st.tuples(
        st.just("review"),
        st.lists(st.sampled_from(["a", "e", "s", "d", "bcc", "x"]), min_size=1, max_size=4),
    ),
)


# a story known to send: the property is not vacuously true
SENDS: list[tuple[object, ...]] = [("advance", 9), ("scan",), ("review", ["a"])]


@pytest.fixture(scope="module")
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(story=st.lists(steps, min_size=3, max_size=14))
@example(story=SENDS)
def test_nothing_is_sent_without_approval(sink: SmtpSink, story: list[tuple[object, ...]]) -> None:
    sink.received.clear()
    root = Path(tempfile.mkdtemp(prefix="never-send-"))
    world = World(root, sink)
    try:
        world.ask(0, 7)
        for step in [*story, ("advance", 3), ("scan",), ("review", ["a", "a", "a"])]:
            kind = step[0]
            if kind == "ask":
                world.ask(int(step[1]), step[2])  # type: ignore[arg-type]
            elif kind == "reply":
                world.reply(int(step[1]), str(step[2]))  # type: ignore[call-overload]
            elif kind == "user":
                world.user_action(int(step[1]), str(step[2]))  # type: ignore[call-overload]
            elif kind == "delete":
                world.delete_draft(int(step[1]))  # type: ignore[call-overload]
            elif kind == "advance":
                world.now += timedelta(days=int(step[1]))  # type: ignore[call-overload]
            elif kind == "scan":
                world.scan()
            elif kind == "review":
                world.review(list(step[1]))  # type: ignore[call-overload]
            world.check()
        event(f"messages sent: {min(len(sink.received), 3)}")
        states = sorted({a.state for a in world.ledger.asks(status=None)})
        event(f"ask states: {', '.join(states)}")
        followups = sorted({f.state for f in world.ledger.followups()})
        event(f"follow-up states: {', '.join(followups)}")
        if story is SENDS:
            assert sink.received, "the known story sent nothing: the test proves nothing"
    finally:
        world.ledger.close()
        shutil.rmtree(root, ignore_errors=True)
