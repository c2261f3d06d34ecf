"""Benchmark: people vs machines in real threads (issue 18).

On the Apache SpamAssassin public corpus (fetched as ``bench/scan.py`` fetches it,
cached in ``bench/.cache``), every message that has in-corpus replies goes to Sent as
an ask of the user's, and every reply to it goes to the inbox. The question: is each
human reply recorded as the helper's answer, and is no automatic reply?

The mailbox, built afresh in a temporary directory:

* **Sent**: each message with in-corpus replies, From the user, To its original
  recipients (mostly a mailing list) plus the people who replied to it, flagged (so it
  is tracked whatever its wording: this measures replies, not ask detection), its own
  In-Reply-To/References removed (each is an ask of its own).
* **inbox**: each reply as delivered (list headers, Precedence, charsets and all),
  threaded to the one message it answers (In-Reply-To and References name that
  message only). A reply that is itself answered is in Sent too, under its own
  Message-ID; its inbox copy gets ``reply.<id>``.
* **automatic replies**: the corpus has none in its threads (every candidate was read:
  ``bench/threads-checked.tsv``), so to one ask in four an automatic reply is added
  From one of its helpers, in turn: the real bounces, delivery and read receipts and
  abuse reports of ``shared/data/mail/flanker``, re-addressed into the thread; an
  Exchange "Automatic reply" (Auto-Submitted), a Gmail vacation reply (Auto-Submitted
  and Precedence: bulk), a vacation(1) reply (Precedence: junk, no Auto-Submitted), an
  ``X-Autoreply`` reply, and a list autoresponder (List-Id and Auto-Submitted).

Reported: the share of human replies recorded as answers (a "reply" event; target
>= 0.95) and the share of automatic replies recorded as answers (target 0).

    .venv/bin/python bench/threads.py
    .venv/bin/python bench/threads.py --code /path/to/other/checkout/daemon   # compare
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scan import CACHE, ROOT, fetch_corpus

SHARED = Path(os.environ.get("FOLLOWTHROUGH_SHARED_DATA", "/work/shared/data"))
USER = "alex@example.org"
NOW = "2003-01-15T12:00"
_ID = re.compile(rb"<([^<>\s]+)>")
_PARSER = BytesHeaderParser(policy=compat32)


@dataclass
class Message:
    path: Path
    raw: bytes  # without the mbox "From " line
    message_id: str
    parent: str | None
    sender: str
    recipients: str
    subject: str
    date: str


def _ids(value: str) -> list[str]:
    return [m.decode() for m in _ID.findall(value.encode("utf-8", "surrogateescape"))]


def load(files: list[Path]) -> dict[str, Message]:
    messages: dict[str, Message] = {}
    for path in files:
        raw = path.read_bytes()
        if raw.startswith(b"From "):
            raw = raw.split(b"\n", 1)[1]
        head = _PARSER.parsebytes(raw)
        ids = _ids(str(head.get("Message-ID", "")))
        if not ids or ids[0] in messages:
            continue
        reply_to = _ids(str(head.get("In-Reply-To", "")))
        refs = _ids(str(head.get("References", "")))
        parent = reply_to[0] if reply_to else (refs[-1] if refs else None)
        messages[ids[0]] = Message(
            path,
            raw,
            ids[0],
            parent,
            str(head.get("From", "")),
            ", ".join(str(head.get(k, "")) for k in ("To", "Cc") if head.get(k)),
            str(head.get("Subject", "")),
            str(head.get("Date", "")),
        )
    return messages


def address(field: str) -> str:
    found = re.search(r"[\w.+=-]+@[\w-]+(?:\.[\w-]+)+", field)
    return found.group(0).lower() if found else ""


def split(raw: bytes) -> tuple[list[bytes], bytes]:
    head, _, body = raw.partition(b"\n\n")
    lines = re.split(rb"\n(?![ \t])", head)
    return lines, body


def rewrite(raw: bytes, drop: tuple[bytes, ...], add: list[bytes]) -> bytes:
    lines, body = split(raw.replace(b"\r\n", b"\n"))
    kept = [line for line in lines if not line.lower().startswith(drop)]
    return b"\n".join(add + kept) + b"\n\n" + body


def write(folder: Path, name: str, raw: bytes, flags: str = "S") -> None:
    (folder / "cur" / f"{name}:2,{flags}").write_bytes(raw)


def automatic_replies(parent: Message, helper: str, n: int) -> tuple[str, bytes]:
    """The n-th kind of automatic reply to ``parent``, From ``helper``."""
    subject = re.sub(r"\s+", " ", parent.subject).strip()
    mid = f"auto{n}.{parent.message_id}"
    thread = [
        f"In-Reply-To: <{parent.message_id}>".encode(),
        f"References: <{parent.message_id}>".encode(),
    ]
    date = parent.date
    with contextlib.suppress(TypeError, ValueError, IndexError):
        date = format_datetime(parsedate_to_datetime(parent.date))
    base = [
        f"From: {helper}".encode(),
        f"To: {USER}".encode(),
        f"Message-ID: <{mid}>".encode(),
        f"Date: {date}".encode(),
        *thread,
    ]
    flanker = SHARED / "mail" / "flanker"
    real = [
        *sorted((flanker / "bounce").glob("*.eml")),
        flanker / "disposition-notification.eml",
        *sorted((flanker / "complaints").glob("*.eml")),
    ]
    kinds = 6 + len(real)
    k = n % kinds
    text = b"Content-Type: text/plain; charset=utf-8\n"
    if k == 0:
        head = [
            b"Subject: Automatic reply: " + subject.encode(),
            b"Auto-Submitted: auto-replied",
            b"X-Auto-Response-Suppress: All",
            text,
        ]
        body = b"I am out of the office until Monday and will reply when I am back.\n"
    elif k == 1:
        head = [
            b"Subject: Re: " + subject.encode(),
            b"Auto-Submitted: auto-replied",
            b"Precedence: bulk",
            text,
        ]
        body = b"Thanks for your mail. I'm travelling with limited access to email.\n"
    elif k == 2:
        head = [b"Subject: away from my mail", b"Precedence: junk", text]
        body = (
            b'I will not be reading my mail for a while. Your mail concerning "'
            + subject.encode()
            + b"\" will be read when I'm back.\n"
        )
    elif k == 3:
        head = [b"Subject: Re: " + subject.encode(), b"X-Autoreply: yes", text]
        body = b"Your message has been received and will be answered shortly.\n"
    elif k == 4:
        head = [
            b"Subject: Re: " + subject.encode(),
            b"Auto-Submitted: auto-generated",
            b"List-Id: <team.lists.example.org>",
            b"Precedence: list",
            text,
        ]
        body = b"This is an automated response: your question has been logged as ticket 4711.\n"
    elif k == 5:
        head = [
            b"Subject: Out of Office: " + subject.encode(),
            b"Auto-Submitted: auto-replied",
            text,
        ]
        body = b"Ich bin bis 20.01. nicht im Buero. Ihre Nachricht wird nicht weitergeleitet.\n"
    else:
        raw = real[k - 6].read_bytes()
        return mid, rewrite(
            raw, (b"from:", b"to:", b"message-id:", b"in-reply-to:", b"references:", b"date:"), base
        )
    return mid, b"\n".join(base + head) + b"\n\n" + body


def build(root: Path, messages: dict[str, Message]) -> tuple[list[str], list[str], int]:
    """Write the mailbox; return (human reply ids, automatic reply ids, asks)."""
    for sub in ("Mail", "Mail/.Sent", "Mail/.Drafts"):
        for leaf in ("cur", "new", "tmp"):
            (root / sub / leaf).mkdir(parents=True, exist_ok=True)
    children: dict[str, list[Message]] = {}
    for m in messages.values():
        if m.parent and m.parent in messages and m.parent != m.message_id:
            children.setdefault(m.parent, []).append(m)
    humans: list[str] = []
    machines: list[str] = []
    for n, (pid, replies) in enumerate(sorted(children.items())):
        parent = messages[pid]
        helpers = list(dict.fromkeys(r.sender for r in replies if address(r.sender) != USER))
        to = ", ".join(x for x in [parent.recipients, *helpers] if x.strip())
        sent = rewrite(
            parent.raw,
            (b"from:", b"to:", b"cc:", b"in-reply-to:", b"references:"),
            [
                f"From: Alex Morgan <{USER}>".encode(),
                f"To: {to}".encode("utf-8", "surrogateescape"),
            ],
        )
        write(root / "Mail" / ".Sent", f"s{n}", sent, "FS")
        for i, reply in enumerate(replies):
            mid = f"reply.{reply.message_id}" if reply.message_id in children else reply.message_id
            raw = rewrite(
                reply.raw,
                (b"message-id:", b"in-reply-to:", b"references:"),
                [
                    f"Message-ID: <{mid}>".encode(),
                    f"In-Reply-To: <{pid}>".encode(),
                    f"References: <{pid}>".encode(),
                ],
            )
            write(root / "Mail", f"r{n}.{i}", raw)
            humans.append(mid)
        if n % 4 == 0 and helpers:
            mid, raw = automatic_replies(parent, helpers[0], n // 4)
            write(root / "Mail", f"a{n}", raw)
            machines.append(mid)
    return humans, machines, len(children)


CONFIG = f"""[user]
email = "{USER}"
name = "Alex Morgan"
timezone = "Europe/Berlin"

[account]
backend = "local"

[local]
sent = "Mail/.Sent"
inbox = "Mail"
drafts = "Mail/.Drafts"

[detect]
lookback_days = 36500

[state]
dir = "state"
"""


def answered(ledger: Path, ids: list[str]) -> tuple[int, Counter[str]]:
    db = sqlite3.connect(ledger)
    try:
        rows = db.execute("SELECT kind, source FROM ask_events").fetchall()
    finally:
        db.close()
    replies = {src.removeprefix("inbox:") for kind, src in rows if kind == "reply"}
    autos = {src.removeprefix("inbox:") for kind, src in rows if kind == "auto-reply"}
    seen: Counter[str] = Counter()
    for mid in ids:
        seen["answer" if mid in replies else "automatic" if mid in autos else "not linked"] += 1
    return seen["answer"], seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, help="a daemon/ directory to measure instead of this one")
    ap.add_argument("--workdir", type=Path, help="build the mailbox here (kept)")
    args = ap.parse_args(argv)
    messages = load(fetch_corpus(CACHE))
    with tempfile.TemporaryDirectory() as tmp:
        root = args.workdir or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        humans, machines, asks = build(root, messages)
        (root / "config.toml").write_text(CONFIG)
        env = {**os.environ, "PYTHONPATH": str(args.code or ROOT / "daemon")}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "followthrough",
                "--config",
                str(root / "config.toml"),
                "--now",
                NOW,
                "scan",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stdout[-2000:], proc.stderr[-2000:], file=sys.stderr)
            return 1
        print(proc.stdout.splitlines()[0] if proc.stdout else "")
        ledger = root / "state" / "ledger.sqlite3"
        h, hseen = answered(ledger, humans)
        m, mseen = answered(ledger, machines)
    print(f"asks: {asks}; human replies: {len(humans)}; automatic replies: {len(machines)}")
    print(
        f"human replies recorded as answers:     {h}/{len(humans)} = {h / len(humans):.3f}"
        f"  (target >= 0.95)  {dict(hseen)}"
    )
    print(
        f"automatic replies recorded as answers: {m}/{len(machines)} = {m / len(machines):.3f}"
        f"  (target 0)  {dict(mseen)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
