"""The relationship commands and drafts on local files: errors a user meets, edited and
deleted agendas, empty agendas on request, group check-ins, the default cadence."""

from __future__ import annotations

import contextlib
import io
import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from followthrough.cli.main import main
from integration import test_relations_scenario as rs
from integration.scenario import LocalWorkspace, message
from workspace import Mail


def workspace(tmp_path: Path, extra: str = "") -> LocalWorkspace:
    w = LocalWorkspace(tmp_path, extra_config='\n[contacts]\nfile = "contacts.toml"\n' + extra)
    (tmp_path / "contacts.toml").write_text(rs.CONTACTS)
    sent, inbox = rs.history()
    w.deliver(w.sent, sent)
    w.deliver(w.inbox, inbox)
    (tmp_path / "calendar" / "bob.ics").write_text(rs.weekly_one_to_one())
    return w


def fails(ws: LocalWorkspace, *args: str, now: str = "2026-11-04T10:00") -> tuple[int, str]:
    """Run a command expected to fail: (exit code, the one-line error)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--config", str(ws.config), "--now", now, *args], out=io.StringIO())
    return code, err.getvalue().strip()


def test_a_note_for_someone_unknown_or_ambiguous_is_a_clear_error(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.cli("scan", now="2026-11-02T10:00")
    code, err = fails(ws, "note", "zed", "hello")
    assert code != 0
    assert err == "followthrough: note: no one called 'zed' is known; give their email address"
    with (tmp_path / "contacts.toml").open("a") as f:
        f.write('[[contact]]\nemail = "bob.stone@example.org"\nname = "Bob Stone"\n')
    code, err = fails(ws, "note", "bob", "hello")
    assert code != 0
    assert "'bob' could be bob.stone@example.org, bob@example.org; give the email" in err
    out = ws.cli("note", "Bob Chen", "the", "offsite", now="2026-11-02T10:00")
    assert "noted for your next check-in with bob@example.org" in out
    out = ws.cli("note", "zed@example.org", "hi", now="2026-11-02T10:00")
    assert "No standing check-in with zed@example.org" in out


def test_did_marks_a_request_done_and_undo_opens_it_again(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.deliver(ws.inbox, rs.tuesday_inbox())
    ws.cli("scan", now="2026-11-03T16:00")
    bob = json.loads(ws.cli("requests", "--json", now="2026-11-03T16:00"))[0]
    out = ws.cli("did", bob["id"], now="2026-11-03T17:00")
    assert "open → done" in out
    assert [r["from"] for r in json.loads(ws.cli("requests", "--json"))] == ["heidi@example.org"]
    people = ws.cli("people", now="2026-11-03T17:00")
    assert "review my conference talk proposal" not in people
    ws.cli("did", bob["id"], "--undo", now="2026-11-03T18:00")
    assert len(json.loads(ws.cli("requests", "--json"))) == 2
    code, err = fails(ws, "did", "zzzzz")
    assert code != 0 and "no request to you with id 'zzzzz'" in err


def test_planb_for_an_ask_still_under_way_or_a_wrong_choice_is_refused(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.cli("scan", now="2026-11-02T10:00")
    erin = ws.asks()["q-erin@example.org"]["id"]
    code, err = fails(ws, "planb", erin, now="2026-11-02T11:00")
    assert code != 0
    assert "is open: Plan B is for an ask that was declined" in err
    ws.cli("declined", erin, now="2026-11-02T12:00")
    code, err = fails(ws, "planb", erin, "7", now="2026-11-02T13:00")
    assert code != 0 and "'7' is not one of the 2 alternatives" in err
    assert ws.draft_files() == {}  # nothing drafted by a refused command


def test_an_empty_agenda_is_drafted_when_asked_for(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "\n[relations]\nagenda_when_empty = true\n")
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("cancel", ws.asks()["q-bob@example.org"]["id"], now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-11T09:30")  # the 12 Nov 1:1: nothing to say, but asked for
    agendas = {k: v for k, v in ws.draft_files().items() if k.startswith("agenda-")}
    assert list(agendas) == [next(k for k in agendas if k.endswith("2026-11-12"))]
    text = rs.body(next(iter(agendas.values())))
    assert "Nothing pressing from my side for our Bob / Alex 1:1 tomorrow" in text


def test_an_edited_agenda_sent_from_your_client_is_recognised(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.cli("note", "bob@example.org", "the", "offsite", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-04T09:30")
    ((tid, draft),) = ((k, v) for k, v in ws.draft_files().items() if k.startswith("agenda-"))
    # the user edits it: a new Message-ID, our X-Followthrough-Ask header kept
    raw = message(
        sender=rs.ME,
        to=rs.BOB,
        subject="Agenda for tomorrow",
        date="2026-11-04T10:00",
        message_id="edited-agenda@example.org",
        body="Hi Bob, could you bring the offsite numbers?\n",
    )
    msg = message_from_bytes(raw, policy=policy.default)
    msg["X-Followthrough-Ask"] = str(draft["X-Followthrough-Ask"])
    ws.deliver(ws.sent, [Mail("edited-agenda", msg.as_bytes())])
    drafts = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json"))}
    Path(drafts[tid]["path"]).unlink()
    ws.cli("scan", now="2026-11-04T10:30")
    states = {d["id"]: d["state"] for d in json.loads(ws.cli("drafts", "--all", "--json"))}
    assert states[tid] == "edited"
    assert "edited-agenda@example.org" not in ws.asks()  # our own agenda is no new ask


def test_a_deleted_agenda_gives_its_notes_to_the_next_one(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("note", "bob", "the", "offsite", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-04T09:30")
    drafts = {d["id"]: d for d in json.loads(ws.cli("drafts", "--json"))}
    (tid,) = (k for k in drafts if k.startswith("agenda-"))
    Path(drafts[tid]["path"]).unlink()
    ws.cli("scan", now="2026-11-04T10:00")
    ws.cli("scan", now="2026-11-11T09:30")
    (text,) = (rs.body(v) for k, v in ws.draft_files().items() if k.endswith("2026-11-12"))
    assert "Also on my mind:\n  - the offsite" in text


def test_a_group_meeting_tagged_checkin_gets_no_agenda(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    group = rs.weekly_one_to_one().replace(
        "ATTENDEE;CN=Bob", "ATTENDEE;CN=Carol Diaz:mailto:carol@example.org\r\nATTENDEE;CN=Bob"
    )
    (tmp_path / "calendar" / "bob.ics").write_text(group)
    ws.cli("note", "bob@example.org", "the", "offsite", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-04T09:30")
    assert not [k for k in ws.draft_files() if k.startswith("agenda-")]


@pytest.mark.parametrize("cadence", ["", "3w"])
def test_the_default_cadence_covers_past_helpers_only_when_turned_on(
    tmp_path: Path, cadence: str
) -> None:
    extra = f'\n[relations]\nkeep_in_touch = "{cadence}"\n'
    ws = workspace(tmp_path, extra)
    (tmp_path / "contacts.toml").write_text("")  # no per-person cadence at all
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-16T09:30")
    keep = [k for k in ws.draft_files() if k.startswith("keep-")]
    if not cadence:
        assert keep == []
    else:
        # Dave, Frank and Gina helped in October; three weeks on, one note a day at most
        assert len(keep) == 1 and keep[0].startswith("keep-dave")


@pytest.mark.parametrize("saved_first", [False, True])
def test_an_agenda_interrupted_around_its_save_is_written_once_with_its_note(
    tmp_path: Path, saved_first: bool
) -> None:
    """A pass killed just before (or just after) saving the agenda: the next pass writes
    it (or finds it) — one agenda, with the note, never two."""
    from email.message import EmailMessage

    from followthrough.backends.local.account import LocalAccount

    ws = workspace(tmp_path)
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("note", "bob", "the", "offsite", now="2026-11-02T10:00")
    real_save = LocalAccount.save_draft

    def die(self: LocalAccount, draft: EmailMessage, reply_to: None) -> str:
        if str(draft["X-Followthrough-Ask"]).startswith("agenda-"):
            if saved_first:
                real_save(self, draft, reply_to)
            raise KeyboardInterrupt  # stands in for SIGKILL
        return real_save(self, draft, reply_to)

    argv = ["--config", str(ws.config), "--now", "2026-11-04T09:30", "scan"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(LocalAccount, "save_draft", die)
        assert main(argv, out=io.StringIO()) == 130
    ws.cli("scan", now="2026-11-04T09:35")
    agendas = [v for k, v in ws.draft_files().items() if k.startswith("agenda-")]
    assert len(agendas) == 1 and len(list((ws.drafts / "cur").iterdir())) == 1
    assert "the offsite" in rs.body(agendas[0])
    rows = json.loads(ws.cli("drafts", "--all", "--json"))
    assert [d["state"] for d in rows if d["kind"] == "agenda"] == ["drafted"]


def test_two_check_ins_with_one_person_on_one_day_each_get_their_agenda(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    second = (
        rs.weekly_one_to_one()
        .replace("bob-1on1@tests", "bob-pm@tests")
        .replace("T100000", "T150000")
        .replace("T103000", "T153000")
        .replace("Bob / Alex 1:1", "Bob / Alex planning")
    )
    (tmp_path / "calendar" / "bob-pm.ics").write_text(second)
    ws.cli("scan", now="2026-11-02T10:00")
    ws.cli("scan", now="2026-11-04T09:30")
    subjects = sorted(
        str(v["Subject"]) for k, v in ws.draft_files().items() if k.startswith("agenda-")
    )
    assert subjects == [
        "For our Bob / Alex 1:1 tomorrow",
        "For our Bob / Alex planning tomorrow",
    ]
