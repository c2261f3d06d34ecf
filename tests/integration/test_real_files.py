"""Every real-world mail and calendar file in /work/shared/data: no crash, no hang,
and every failure reported with the file's name."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.backends.ics.parse import CalendarParseError, parse_calendar
from followthrough.backends.local.account import LocalAccount
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.config.storage import LocalSettings
from followthrough.model import Skipped, Window
from shared_data import SHARED_DATA as DATA
from shared_data import needs_shared_data
from timebox import deadline

pytestmark = needs_shared_data

MAIL = sorted(p for p in (DATA / "mail").rglob("*") if p.is_file())
ICS = sorted(p for p in (DATA / "ics").rglob("*") if p.is_file())
TZ = ZoneInfo("Europe/Berlin")
WINDOW = Window(datetime(1995, 1, 1, tzinfo=TZ), datetime(2030, 1, 1, tzinfo=TZ))
PER_FILE_SECONDS = 20


def test_the_shared_data_is_there() -> None:
    assert MAIL and ICS, f"the shared real-world test material is missing under {DATA}"


def test_parse_message_over_every_mail_file() -> None:
    parsed, failed = 0, {}
    for path in MAIL:
        with deadline(PER_FILE_SECONDS, path):
            try:
                record = parse_message(
                    path.read_bytes(), ref=path.name, folder="inbox", marks=frozenset(), tz=TZ
                )
            except MessageParseError as exc:
                failed[path] = exc.why
                continue
        parsed += 1
        assert record.date.tzinfo is not None
        assert "\n" not in record.subject and "\r" not in record.subject
        for address in (*record.to, *record.cc, *([record.sender] if record.sender else [])):
            assert "\n" not in address.name and "@" in address.email
    # Only files that are not mail at all fail: licences, bare bodies, HTML fragments.
    assert all(why in ("no mail headers", "empty message") for why in failed.values())
    assert all(not p.name.endswith(".eml") for p in failed), failed
    assert parsed >= 100, (parsed, len(failed))


def test_parse_calendar_over_every_ics_file() -> None:
    events, unreadable = 0, {}
    skips: list[Skipped] = []
    for path in ICS:
        with deadline(PER_FILE_SECONDS, path):
            try:
                for record in parse_calendar(
                    path.read_bytes(), window=WINDOW, tz=TZ, source=str(path), skip=skips.append
                ):
                    assert record.start.tzinfo is not None and record.end >= record.start
                    events += 1
            except CalendarParseError as exc:
                unreadable[path] = exc.why
    assert all(s.where.startswith(str(DATA / "ics")) for s in skips)
    assert all(why for why in unreadable.values())
    # Licences and jCal (JSON) files are not iCalendar: refused with a reason.
    not_ics = {p for p in ICS if p.suffix in (".rst", ".jcal") or p.name == "LICENSE"}
    assert not_ics and not_ics <= set(unreadable)
    assert len(unreadable) < len(ICS) // 10, unreadable
    assert events > 1000


def test_local_account_over_all_real_files(tmp_path: Path) -> None:
    maildir = tmp_path / "Mail"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    names: dict[str, Path] = {}
    for index, path in enumerate(MAIL):
        name = f"1700000000.M{index}P1.real:2,S"
        shutil.copyfile(path, maildir / "cur" / name)
        names[name] = path
    vdir = tmp_path / "calendars"
    vdir.mkdir()
    for index, path in enumerate(p for p in ICS if p.suffix == ".ics"):
        shutil.copyfile(path, vdir / f"{index:03d}-{path.name}")
    account = LocalAccount(
        LocalSettings(sent=maildir, inbox=maildir, drafts=tmp_path / "Drafts", calendar=vdir), TZ
    )
    skips: list[Skipped] = []
    with deadline(120, maildir):
        mail = list(account.read_mail("inbox", None, skips.append).records)
    mail_skips = [s for s in skips if s.where.startswith(str(maildir))]
    assert len(mail) + len(mail_skips) == len(MAIL)
    skipped_files = {Path(s.where).name for s in mail_skips}
    assert skipped_files <= set(names)  # every skip names the message file
    assert all(not names[n].name.endswith(".eml") for n in skipped_files)

    skips.clear()
    with deadline(300, vdir):
        batch = account.read_calendar(WINDOW, None, skips.append)
        occurrences = list(batch.records)
    assert len(occurrences) > 1000
    files = {p.name for p in vdir.iterdir()}
    for skip in skips:  # a whole file ("<path>") or one event ("<path>: event <uid>")
        assert Path(skip.where.split(": event ", 1)[0]).name in files, skip
    # Nothing changed: the next read is empty.
    assert list(account.read_calendar(WINDOW, batch.cursor(), skips.append).records) == []
