"""The local backend against real directories: Maildir, mbox, .ics files, a vdir."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the shared suite

from backend_conformance import (
    ASK,
    CALENDAR,
    LATER,
    REPLY,
    TZ,
    WINDOW,
    BackendConformance,
    read_all,
)
from followthrough.backends.local.account import LocalAccount
from followthrough.config.storage import LocalSettings
from followthrough.model import Folder, Skipped


def _message_id(raw: bytes) -> str:
    for line in raw.splitlines():
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().strip(b"<>").decode()
    raise AssertionError("test message without Message-ID")


class MaildirHarness:
    """Sent and inbox as Maildirs (inbox as the root, sent as a Maildir++ subfolder)."""

    def __init__(self, root: Path, *, vdir: bool = False) -> None:
        self.root = root
        self.paths: dict[str, Path] = {"inbox": root / "Mail", "sent": root / "Mail" / ".Sent"}
        for path in self.paths.values():
            for sub in ("cur", "new", "tmp"):
                (path / sub).mkdir(parents=True, exist_ok=True)
        self.calendar = root / ("calendars" if vdir else "calendar.ics")
        if vdir:
            self.calendar.mkdir()
        self.vdir = vdir
        self.files: dict[str, Path] = {}
        self.count = 0

    def settings(self) -> LocalSettings:
        return LocalSettings(
            sent=self.paths["sent"],
            inbox=self.paths["inbox"],
            drafts=self.root / "Mail" / ".Drafts",
            calendar=self.calendar,
        )

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.count += 1
        name = ":2," + "".join(sorted("S" + ("F" if flagged else "")))
        path = self.paths[folder] / "cur" / f"1700000000.M{self.count}P1.test{name}"
        path.write_bytes(raw)
        self.files[_message_id(raw)] = path

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        path = self.files[message_id]
        key, _, info = path.name.partition(":2,")
        flags = set(info) | {"F"} if flagged else set(info) - {"F"}
        new = path.with_name(f"{key}:2,{''.join(sorted(flags))}")
        path.rename(new)
        self.files[message_id] = new

    def add_calendar(self, name: str, ics: bytes) -> None:
        target = self.calendar / name if self.vdir else self.calendar
        before = target.stat().st_mtime_ns if target.exists() else 0
        target.write_bytes(ics)
        if target.stat().st_mtime_ns == before:  # coarse clocks: make the edit visible
            os.utime(target, ns=(before + 1_000_000, before + 1_000_000))

    def delete_draft(self, ref: str) -> None:
        path = LocalAccount(self.settings(), TZ).draft_path(ref)
        assert path is not None
        path.unlink()

    def account(self) -> LocalAccount:
        return LocalAccount(self.settings(), TZ)


class MboxHarness(MaildirHarness):
    """Sent and inbox as mbox files."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, vdir=True)
        self.paths = {"inbox": root / "inbox.mbox", "sent": root / "sent.mbox"}
        for path in self.paths.values():
            path.write_bytes(b"")
        self.messages: dict[str, list[tuple[bytes, bool]]] = {"inbox": [], "sent": []}

    def _write(self, folder: str) -> None:
        with open(self.paths[folder], "wb") as fh:
            for raw, flagged in self.messages[folder]:
                fh.write(_mbox_entry(raw, flagged))

    def add_message(self, folder: Folder, raw: bytes, *, flagged: bool = False) -> None:
        self.messages[folder].append((raw, flagged))
        with open(self.paths[folder], "ab") as fh:
            fh.write(_mbox_entry(raw, flagged))

    def set_flagged(self, folder: Folder, message_id: str, flagged: bool) -> None:
        self.messages[folder] = [
            (raw, flagged if _message_id(raw) == message_id else was)
            for raw, was in self.messages[folder]
        ]
        self._write(folder)  # mutt rewrites the mbox to change a flag


def _mbox_entry(raw: bytes, flagged: bool) -> bytes:
    header, _, body = raw.partition(b"\n\n")
    if flagged:
        header += b"\nX-Status: F"
    body = b"\n".join(
        b">" + line if line.startswith(b"From ") else line for line in body.split(b"\n")
    )
    return b"From ann@example.org Mon Mar  3 09:15:00 2025\n" + header + b"\n\n" + body + b"\n"


class TestLocalMaildir(BackendConformance):
    @pytest.fixture
    def harness(self, tmp_path: Path) -> MaildirHarness:
        return MaildirHarness(tmp_path)


class TestLocalVdir(BackendConformance):
    @pytest.fixture
    def harness(self, tmp_path: Path) -> MaildirHarness:
        return MaildirHarness(tmp_path, vdir=True)


class TestLocalMbox(BackendConformance):
    files_sent_copies = False  # the mbox belongs to the mail client

    @pytest.fixture
    def harness(self, tmp_path: Path) -> MboxHarness:
        return MboxHarness(tmp_path)

    def test_flag_added_later_is_seen(self, harness: MaildirHarness) -> None:
        # mbox has no stable per-message identity across a rewrite: the whole file is
        # read again (refs are byte offsets); the flag must still be seen.
        super().test_flag_added_later_is_seen(harness)


# ---- local-specific behaviour ---------------------------------------------------------


def test_maildir_plus_plus_subfolder_and_keys(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path)
    harness.add_message("sent", ASK)
    harness.add_message("inbox", REPLY)
    account = harness.account()
    [sent] = list(account.read_mail("sent", None, lambda s: None).records)
    assert sent.ref == "1700000000.M1P1.test"  # the Maildir key, without the flags
    assert sent.marks == frozenset({"seen"})
    # The inbox is the Maildir++ root: its .Sent subfolder is not read as inbox mail.
    inbox = list(account.read_mail("inbox", None, lambda s: None).records)
    assert [r.message_id for r in inbox] == ["reply-1@example.com"]


def test_maildir_new_dir_and_dovecot_keywords(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path)
    (harness.paths["inbox"] / "new" / "1700000001.M9P1.test").write_bytes(LATER)
    (harness.paths["inbox"] / "cur" / "1700000002.M9P1.test:2,RSa").write_bytes(REPLY)
    (harness.paths["inbox"] / "dovecot-keywords").write_text("0 $Important\n")
    records = {
        r.message_id: r.marks
        for r in harness.account().read_mail("inbox", None, lambda s: None).records
    }
    assert records == {
        "reply-2@example.com": frozenset(),
        "reply-1@example.com": frozenset({"replied", "seen", "$important"}),
    }


def test_no_change_read_opens_no_file_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = MaildirHarness(tmp_path)
    harness.add_message("sent", ASK)
    harness.add_message("sent", LATER)
    harness.add_calendar("calendar.ics", CALENDAR)
    account = harness.account()
    _, cursor = read_all(account.read_mail("sent", None, lambda s: None))
    cal = account.read_calendar(WINDOW, None, lambda s: None)
    list(cal.records)
    cal_cursor = cal.cursor()
    opened: list[str] = []
    import builtins

    real_open = builtins.open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(os, "scandir", lambda *a: pytest.fail("listed a directory"))
    records, _ = read_all(account.read_mail("sent", cursor, lambda s: None))
    assert records == []
    assert list(account.read_calendar(WINDOW, cal_cursor, lambda s: None).records) == []
    assert opened == []


def test_unreadable_message_is_skipped_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = MaildirHarness(tmp_path)
    harness.add_message("inbox", REPLY)
    harness.add_message("inbox", LATER)
    locked = harness.files["reply-1@example.com"]
    import builtins

    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    skips: list[Skipped] = []
    records = list(harness.account().read_mail("inbox", None, skips.append).records)
    assert [r.message_id for r in records] == ["reply-2@example.com"]
    assert [(s.where, s.why) for s in skips] == [(str(locked), "unreadable: Permission denied")]


def test_garbage_file_in_maildir_is_reported(tmp_path: Path) -> None:
    harness = MaildirHarness(tmp_path)
    harness.add_message("inbox", REPLY)
    bad = harness.paths["inbox"] / "cur" / "1700000009.M1P1.test:2,S"
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    skips: list[Skipped] = []
    records = list(harness.account().read_mail("inbox", None, skips.append).records)
    assert [r.message_id for r in records] == ["reply-1@example.com"]
    assert [s.where for s in skips] == [str(bad)]


def test_mbox_append_reads_only_the_tail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    harness = MboxHarness(tmp_path)
    harness.add_message("inbox", REPLY)
    account = harness.account()
    [first], cursor = read_all(account.read_mail("inbox", None, lambda s: None))
    assert first.ref == "mbox:0"
    size = harness.paths["inbox"].stat().st_size
    harness.add_message("inbox", LATER)

    from followthrough.backends.local import mbox

    starts: list[int] = []
    real = mbox._mbox_messages

    def spy(fh, start, end, report=None):  # type: ignore[no-untyped-def]
        starts.append(start)
        return real(fh, start, end, report)

    monkeypatch.setattr(mbox, "_mbox_messages", spy)
    records, cursor2 = read_all(account.read_mail("inbox", cursor, lambda s: None))
    assert [(r.message_id, r.ref) for r in records] == [("reply-2@example.com", f"mbox:{size}")]
    assert starts == [size]
    # Rewritten (shrunk) mbox: everything is read again.
    harness.messages["inbox"] = harness.messages["inbox"][1:]
    harness._write("inbox")
    records, _ = read_all(account.read_mail("inbox", cursor2, lambda s: None))
    assert [(r.message_id, r.ref) for r in records] == [("reply-2@example.com", "mbox:0")]


def test_mbox_from_quoting_and_flags(tmp_path: Path) -> None:
    raw = ASK.replace(b"Thanks, Ann", b"From the team,\nThanks, Ann")
    harness = MboxHarness(tmp_path)
    harness.add_message("sent", raw, flagged=True)
    harness.add_message("sent", LATER)
    records = list(harness.account().read_mail("sent", None, lambda s: None).records)
    assert [r.message_id for r in records] == ["ask-1@example.org", "reply-2@example.com"]
    assert "\nFrom the team," in records[0].text
    assert "flagged" in records[0].marks


def test_draft_file_mode_and_flags(tmp_path: Path) -> None:
    from email.message import EmailMessage

    harness = MaildirHarness(tmp_path)
    account = harness.account()
    draft = EmailMessage()
    draft["To"] = "bob@example.com"
    draft["Subject"] = "Thanks"
    draft.set_content("Thanks!")
    ref = account.save_draft(draft, None)
    path = account.draft_path(ref)
    assert path is not None
    assert path.parent == tmp_path / "Mail" / ".Drafts" / "cur"
    assert path.name == f"{ref}:2,DS"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list((path.parent.parent / "tmp").iterdir()) == []
    assert b"Subject: Thanks" in path.read_bytes()
    # Trashed by the mail client (T flag) counts as gone.
    path.rename(path.with_name(f"{ref}:2,DST"))
    assert account.draft_state(ref) == "gone"
    assert account.draft_state("no-such-key") == "gone"


def test_calendar_none_and_vdir_broken_file(tmp_path: Path) -> None:
    settings = LocalSettings(sent=tmp_path, inbox=tmp_path, drafts=tmp_path / "d", calendar=None)
    batch = LocalAccount(settings, TZ).read_calendar(WINDOW, None, lambda s: None)
    assert list(batch.records) == []
    harness = MaildirHarness(tmp_path / "v", vdir=True)
    harness.add_calendar("good.ics", CALENDAR)
    harness.add_calendar("bad.ics", b"\x00\xff not a calendar")
    (harness.calendar / "notes.txt").write_text("ignored")
    skips: list[Skipped] = []
    records = list(harness.account().read_calendar(WINDOW, None, skips.append).records)
    assert {r.uid for r in records} == {"ask-event-1@example.org", "weekly-1@example.org"}
    assert [s.where for s in skips] == [str(harness.calendar / "bad.ics")]


def test_missing_mail_folder_is_a_backend_error(tmp_path: Path) -> None:
    from followthrough.errors import BackendError

    settings = LocalSettings(
        sent=tmp_path / "nope", inbox=tmp_path, drafts=tmp_path / "d", calendar=None
    )
    with pytest.raises(BackendError, match="nope"):
        LocalAccount(settings, TZ).read_mail("sent", None, lambda s: None)
