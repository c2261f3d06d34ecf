"""Property test: a whole local pass over mutated real mail and calendars.

The foundation scenario's messages and calendar entries plus real files from the shared
data, mutated (truncated, bytes flipped, boundaries and headers mangled), go into a
Maildir and a vdir; then `scan` runs twice. Nothing escapes the pass, every skip is
counted in the summary and names its item, work is bounded, and every draft written
is well-formed and goes only to helpers of its ask.
"""

from __future__ import annotations

import io
import json
import re
import signal
import tempfile
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draft_ids import followup_of
from followthrough.cli.main import main
from integration import scenario as sc
from shared_data import SHARED_DATA

REAL_MAIL = sorted(
    p for p in (SHARED_DATA / "mail").rglob("*.eml") if 0 < p.stat().st_size < 100_000
)[:60]
REAL_ICS = sorted(p for p in (SHARED_DATA / "ics").rglob("*.ics") if 0 < p.stat().st_size < 50_000)[
    :60
]
SCENARIO_MAIL = [m.raw for m in (*sc.sent_at_start(), *sc.inbox_by_wednesday())]
SCENARIO_ICS = [t.encode() for t in sc.calendar().values()]


@st.composite
def damaged(draw: st.DrawFn, sources: list[bytes]) -> bytes:
    raw = draw(st.sampled_from(sources))
    kind = draw(st.sampled_from(["none", "truncate", "flip", "header", "boundary", "junk"]))
    if kind == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif kind == "flip" and raw:
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(raw) - 1))
            raw = raw[:i] + bytes([draw(st.integers(0, 255))]) + raw[i + 1 :]
    elif kind == "header":
        value = draw(st.text(max_size=120)).encode("utf-8", "surrogatepass")
        name = draw(st.sampled_from([b"Subject", b"From", b"To", b"Message-ID", b"Date"]))
        line = name + b": " + value  # a function, so a backslash in the value is no escape
        raw = re.sub(rb"(?mi)^" + name + rb":[^\n]*", lambda _: line, raw, count=1)
    elif kind == "boundary":
        raw = re.sub(rb"(?m)^--[^\r\n]*", b"", raw)
    elif kind == "junk":
        raw = draw(st.binary(max_size=300)) + raw
    return raw


def cli(config: Path, *args: str, now: str) -> str:
    out = io.StringIO()
    code = main(["--config", str(config), "--now", now, *args], out=out)
    assert code == 0, out.getvalue()
    return out.getvalue()


def on_cpu_budget(seconds: float) -> None:
    def hang(signum: int, frame: object) -> None:
        raise AssertionError(f"a pass used more than {seconds}s of CPU")

    signal.signal(signal.SIGPROF, hang)
    signal.setitimer(signal.ITIMER_PROF, seconds)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    sent=st.lists(damaged(SCENARIO_MAIL + [p.read_bytes() for p in REAL_MAIL[:20]]), max_size=8),
    inbox=st.lists(damaged(SCENARIO_MAIL + [p.read_bytes() for p in REAL_MAIL]), max_size=8),
    calendars=st.lists(damaged(SCENARIO_ICS + [p.read_bytes() for p in REAL_ICS]), max_size=5),
)
def test_a_pass_over_damaged_input_keeps_working(
    sent: list[bytes], inbox: list[bytes], calendars: list[bytes]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = sc.LocalWorkspace(Path(tmp))
        for i, raw in enumerate(sent):
            (ws.sent / "cur" / f"s{i}:2,{'FS' if i % 2 else 'S'}").write_bytes(raw)
        for i, raw in enumerate(inbox):
            (ws.inbox / "cur" / f"i{i}:2,S").write_bytes(raw)
        for i, raw in enumerate(calendars):
            (ws.root / "calendar" / f"c{i}.ics").write_bytes(raw)
        previous = signal.getsignal(signal.SIGPROF)
        on_cpu_budget(60)
        try:
            outputs = [cli(ws.config, "scan", now=now) for now in (sc.T1, sc.T3)]
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
        for out in outputs:
            lines = out.splitlines()
            skipped = [line for line in lines if line.startswith("  skipped ")]
            # known bad items are counted but listed only once (then by `status`)
            m = re.search(r"; (\d+) bad items skipped(?: \((\d+) new;)?", lines[0])
            assert m is not None and int(m.group(2) or m.group(1)) == len(skipped), out
            assert not any(line.startswith("  error: ") for line in lines), out
            for line in skipped:
                assert re.search(r"/(s|i)\d+:2,|/c\d+\.ics|sent:|inbox:", line), line
        asks = {
            a["id"]: a for a in json.loads(cli(ws.config, "asks", "--json", "--all", now=sc.T3))
        }
        for path in (ws.drafts / "cur").iterdir():
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert msg.get_all("Bcc") is None
            known = followup_of(ws.root / "state" / "ledger.sqlite3", msg["Message-ID"])
            assert known is not None, f"{path.name} is no follow-up's draft"
            ask = asks[known[1]]
            helpers = set(ask["helpers"])
            rcpts = {a.lower() for _, a in getaddresses([str(msg["To"]), str(msg.get("Cc", ""))])}
            assert rcpts - {""} <= helpers, (rcpts, helpers)
            assert "\n" not in str(msg["Subject"])
