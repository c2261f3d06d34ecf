"""The Microsoft 365 backend against the fake Graph (tests/integration/fake_graph.py):
the conformance class every backend runs, and what is particular to Graph."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage

import pytest

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
from followthrough.backends.graph.drafts import ASK_PROP
from integration.fake_graph import FakeGraph
from integration.graph_support import GraphHarness, graph_account
from workspace import fixed_clock

NOW = datetime(2025, 3, 20, 12, tzinfo=TZ)


@pytest.fixture
def fake() -> Iterator[FakeGraph]:
    yield FakeGraph(user="ann@example.org")


@pytest.fixture
def harness(fake: FakeGraph) -> GraphHarness:
    return GraphHarness(fake, TZ, fixed_clock(NOW))


class TestGraphBackend(BackendConformance):
    # Exchange Online files its own copy of mail sent through its SMTP server
    files_sent_copies = False


def test_every_request_asks_for_immutable_ids_and_nothing_sends(
    harness: GraphHarness, fake: FakeGraph
) -> None:
    harness.add_message("sent", ASK)
    harness.add_message("inbox", REPLY)
    account = harness.account()
    read_all(account.read_mail("sent", None, lambda s: None))
    [reply], _ = read_all(account.read_mail("inbox", None, lambda s: None))
    draft = EmailMessage()
    draft["To"] = "bob@example.com"
    draft["Subject"] = "Re: Could you review the Q3 deck?"
    draft["Message-ID"] = "<d1@followthrough.invalid>"
    draft.set_content("Thanks!\n")
    account.save_draft(draft, reply)
    assert fake.log
    for request in fake.log:
        assert 'IdType="ImmutableId"' in request.headers["Prefer"]
        assert request.headers["Authorization"] == "Bearer token-1"
    deltas = [r for r in fake.log if r.url.path.endswith("/delta")]
    assert deltas and all('outlook.body-content-type="text"' in r.headers["Prefer"] for r in deltas)
    assert fake.refused == []


def test_first_delta_is_bounded_by_the_lookback_and_selects_fields(
    fake: FakeGraph,
) -> None:
    old = ASK.replace(b"Mon, 03 Mar 2025", b"Mon, 06 Jan 2025").replace(b"ask-1@", b"old-1@")
    fake.add_message("sentitems", old)
    fake.add_message("sentitems", ASK)
    account = graph_account(fake, TZ, fixed_clock(NOW), lookback_days=30)
    records, cursor = read_all(account.read_mail("sent", None, lambda s: None))
    assert [r.message_id for r in records] == ["ask-1@example.org"]
    [first] = fake.log
    assert first.url.params["$filter"] == "receivedDateTime ge 2025-02-18T11:00:00Z"
    assert first.url.params["$orderby"] == "receivedDateTime desc"  # the newest, if capped
    select = first.url.params["$select"].split(",")
    assert "body" in select and "internetMessageId" in select and "flag" in select
    assert "internetMessageHeaders" not in select  # sent items have no transport headers
    assert "String 0x1042" in first.url.params["$expand"]  # In-Reply-To, from MAPI instead
    assert json.loads(cursor)["d"].startswith("https://graph.microsoft.com/v1.0/me/mailFolders/")


def test_delta_pages_are_followed_to_the_delta_link(fake: FakeGraph) -> None:
    for n in range(250):
        raw = ASK.replace(b"ask-1@", f"ask-{n}@".encode())
        fake.add_message("sentitems", raw)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    records, cursor = read_all(account.read_mail("sent", None, lambda s: None))
    assert len({r.message_id for r in records}) == 250
    assert fake.calls["GET /v1.0/me/mailFolders/sentitems/messages/delta"] == 3  # 100 a page
    assert "$skiptoken" in str(fake.log[1].url) and "$deltatoken" in json.loads(cursor)["d"]
    again, _ = read_all(account.read_mail("sent", cursor, lambda s: None))
    assert again == []
    assert fake.calls["GET /v1.0/me/mailFolders/sentitems/messages/delta"] == 4


def test_removed_entries_drop_what_they_name(fake: FakeGraph) -> None:
    fake.add_message("inbox", REPLY)
    later = fake.add_message("inbox", LATER)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    _, cursor = read_all(account.read_mail("inbox", None, lambda s: None))
    fake.delete(later.id)
    fake.add_message("inbox", LATER.replace(b"reply-2@", b"reply-3@"))
    records, _ = read_all(account.read_mail("inbox", cursor, lambda s: None))
    assert [r.message_id for r in records] == ["reply-3@example.com"]
    page = fake.log[-1]
    assert "$deltatoken" in str(page.url)


def test_records_carry_conversation_headers_and_immutable_id(fake: FakeGraph) -> None:
    ask = fake.add_message("sentitems", ASK)
    reply = fake.add_message("inbox", REPLY)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    [a], _ = read_all(account.read_mail("sent", None, lambda s: None))
    [r], _ = read_all(account.read_mail("inbox", None, lambda s: None))
    assert a.ref == ask.id and r.ref == reply.id
    assert a.conversation and a.conversation == r.conversation
    # attachments are listed only when the pass reads them: one request then
    before = fake.total_calls()
    assert r.attachments == ("q3-review.pdf",)
    assert fake.total_calls() == before + 1


def test_reply_draft_is_created_as_a_reply_then_patched_and_readdressed(
    fake: FakeGraph,
) -> None:
    """A follow-up to your own Sent ask: createReply addresses it to you; the PATCH
    re-addresses it to the helper, puts our body, Message-ID and marks."""
    fake.add_message("sentitems", ASK)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    [ask], _ = read_all(account.read_mail("sent", None, lambda s: None))
    draft = EmailMessage()
    draft["From"] = "ann@example.org"
    draft["To"] = "Bob Helper <bob@example.com>"
    draft["Subject"] = "Re: Could you review the Q3 deck?"
    draft["Message-ID"] = "<f1-checkin.followthrough@example.org>"
    draft["X-Followthrough-Ask"] = "f1"
    draft.set_content("Hi Bob, how is the review going?\n")
    ref = account.save_draft(draft, ask)
    saved = fake.messages[ref]
    assert saved.folder == "drafts" and saved.is_draft
    assert saved.to == [("Bob Helper", "bob@example.com")]
    assert saved.in_reply_to == "<ask-1@example.org>"
    assert saved.conversation == fake.by_internet_id("ask-1@example.org").conversation
    assert saved.internet_id == "<f1-checkin.followthrough@example.org>"
    # our text first, Outlook's quote of the original below it, as in any Outlook reply
    ours, quote = saved.text.split("\n\n", 1)
    assert ours == "Hi Bob, how is the review going?"
    assert "From: ann@example.org" in quote and "review the Q3 deck by Friday" in quote
    assert saved.categories == ["followthrough"] and saved.ext[ASK_PROP] == "f1"
    assert [f"{r.method} {r.url.path.rsplit('/', 1)[-1]}" for r in fake.log[-3:]] == [
        "GET messages",
        "POST createReply",
        f"PATCH {ref}",
    ]
    assert account.find_draft("f1-checkin.followthrough@example.org") == ref
    assert account.find_marked_drafts("f1") == [ref]
    assert account.find_marked_drafts("other") == []
    assert fake.refused == []


def test_fresh_draft_is_posted_as_mime_with_its_threading_headers(fake: FakeGraph) -> None:
    account = graph_account(fake, TZ, fixed_clock(NOW))
    draft = EmailMessage()
    draft["To"] = "grace@example.org"
    draft["Subject"] = "Mock interview"
    draft["Message-ID"] = "<f2.followthrough@example.org>"
    draft["X-Followthrough-Ask"] = "f2"
    draft.set_content("Hi Grace, thank you!\n")
    ref = account.save_draft(draft, None)
    post = next(r for r in fake.log if r.method == "POST")
    assert post.url.path == "/v1.0/me/messages"
    assert post.headers["Content-Type"] == "text/plain"  # base64 MIME, as Graph wants
    saved = fake.messages[ref]
    assert saved.internet_id == "<f2.followthrough@example.org>"
    assert saved.ext[ASK_PROP] == "f2" and saved.categories == ["followthrough"]


def test_half_a_draft_is_taken_back_when_the_patch_fails(fake: FakeGraph) -> None:
    fake.add_message("sentitems", ASK)
    account = graph_account(fake, TZ, fixed_clock(NOW))
    [ask], _ = read_all(account.read_mail("sent", None, lambda s: None))
    draft = EmailMessage()
    draft["To"] = "bob@example.com"
    draft["Subject"] = "Re: deck"
    draft["Message-ID"] = "<f3.followthrough@example.org>"
    draft.set_content("Hi\n")
    from followthrough.errors import BackendError

    fake.fail_next(500, code="ErrorInternalServerError", method="PATCH")
    with pytest.raises(BackendError):
        account.save_draft(draft, ask)
    assert fake.in_folder("drafts") == []


def test_draft_states_through_outlook_send_and_delete(fake: FakeGraph) -> None:
    account = graph_account(fake, TZ, fixed_clock(NOW))
    refs = []
    for n in range(3):
        draft = EmailMessage()
        draft["To"] = "bob@example.com"
        draft["Subject"] = f"Checking in {n}"
        draft["Message-ID"] = f"<s{n}.followthrough@example.org>"
        draft.set_content("How is it going?\n")
        refs.append(account.save_draft(draft, None))
    fake.move(refs[0], "sentitems")  # sent from Outlook: same immutable id
    fake.move(refs[1], "deleteditems")  # deleted in Outlook
    assert [account.draft_state(r) for r in refs] == ["sent", "gone", "pending"]
    fake.delete(refs[1])  # emptied from Deleted Items
    assert account.draft_state(refs[1]) == "gone"
    mime = account.fetch_draft(refs[2])
    assert mime is not None and b"Message-ID: <s2.followthrough@example.org>" in mime
    assert account.fetch_draft(refs[0]) is None
    assert account.delete_draft(refs[2]) is True
    assert fake.messages[refs[2]].folder == "deleteditems"
    assert account.delete_draft(refs[2]) is False


def test_calendar_series_keep_the_series_uid_and_no_change_costs_one_request(
    harness: GraphHarness, fake: FakeGraph
) -> None:
    harness.add_calendar("calendar.ics", CALENDAR)
    account = harness.account()
    records, cursor = read_all(account.read_calendar(WINDOW, None, lambda s: None))
    standups = [r for r in records if r.uid == "weekly-1@example.org"]
    assert len(standups) == 5 and all(r.recurrence_id is not None for r in standups)
    assert fake.calls["GET /v1.0/me/events/{id}"] == 1  # the series' UID, once
    before = fake.total_calls()
    again, cursor2 = read_all(account.read_calendar(WINDOW, cursor, lambda s: None))
    assert again == [] and fake.total_calls() == before + 1
    [delta] = fake.log[-1:]
    assert delta.url.path == "/v1.0/me/calendarView/delta" and "$deltatoken" in str(delta.url)
    # the master's UID is remembered in the cursor: a change costs no second lookup
    [event] = [e for e in fake.events.values() if e.ical_uid == "ask-event-1@example.org"]
    event.subject = event.subject.replace("#ask", "#done")  # edited in Outlook
    fake._bump(event)
    changed, _ = read_all(account.read_calendar(WINDOW, cursor2, lambda s: None))
    assert any(r.summary.endswith("#done") for r in changed)
    assert fake.calls["GET /v1.0/me/events/{id}"] == 1


def test_sent_replies_are_threaded_without_transport_headers(fake: FakeGraph) -> None:
    """Sent Items carry no internet headers in Exchange Online: In-Reply-To and
    References come from the message's MAPI properties, expanded in the delta."""
    mine = REPLY.replace(b"From: Bob Helper <bob@example.com>", b"From: ann@example.org")
    mine = mine.replace(b"To: Ann Asker <ann@example.org>", b"To: bob@example.com")
    saved = fake.add_message("sentitems", mine)
    assert saved.headers == []
    account = graph_account(fake, TZ, fixed_clock(NOW))
    [record], _ = read_all(account.read_mail("sent", None, lambda s: None))
    assert record.in_reply_to == "ask-1@example.org"
    assert record.references == ("root-0@example.org", "ask-1@example.org")


def test_calendar_passes_minutes_apart_share_one_delta_link(
    harness: GraphHarness, fake: FakeGraph
) -> None:
    """Each pass's window is "now - lookback … now + lookahead", a little later each
    time: the delta runs over whole days, so a pass with no change still costs one
    request, and only occurrences inside the asked window come back."""
    from datetime import timedelta

    from followthrough.model import Window

    harness.add_calendar("calendar.ics", CALENDAR)
    account = harness.account()
    early = Window(datetime(2025, 3, 3, 9, 5, tzinfo=TZ), datetime(2025, 3, 24, 9, 5, tzinfo=TZ))
    records, cursor = read_all(account.read_calendar(early, None, lambda s: None))
    # the delta covers 3-25 March; only occurrences overlapping the window come back:
    # the standups of 3 and 24 March (09:00-09:30) overlap its edges at 09:05
    assert sorted(r.start.day for r in records if r.uid == "weekly-1@example.org") == [
        3,
        10,
        17,
        24,
    ]
    later = Window(early.start + timedelta(minutes=5), early.end + timedelta(minutes=5))
    before = fake.total_calls()
    again, _ = read_all(account.read_calendar(later, cursor, lambda s: None))
    assert again == [] and fake.total_calls() == before + 1


def test_no_graph_path_in_the_backend_can_send() -> None:
    """Every Graph path the backend's code names is a read, a draft or a move: none is
    send, sendMail, reply, replyAll or forward (those would send at once)."""
    import ast
    from pathlib import Path

    import followthrough.backends as backends
    from integration.fake_graph import SENDING

    paths: list[str] = []
    modules = sorted((Path(backends.__file__).parent / "graph").glob("*.py"))
    assert len(modules) > 3
    for module in modules:
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    v.value if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if text.startswith("/me/"):
                paths.append(text)
    assert "/me/messages/{}/createReply" in paths and "/me/messages/{}/move" in paths
    assert [p for p in paths if SENDING.search(p)] == []


def test_a_deleted_event_comes_as_removed_and_the_window_is_read_again(
    harness: GraphHarness, fake: FakeGraph
) -> None:
    harness.add_calendar("calendar.ics", CALENDAR)
    account = harness.account()
    _, cursor = read_all(account.read_calendar(WINDOW, None, lambda s: None))
    [ask] = [e for e in fake.events.values() if e.ical_uid == "ask-event-1@example.org"]
    fake.delete_event(ask.id)
    seen = len(fake.log)
    records, _ = read_all(account.read_calendar(WINDOW, cursor, lambda s: None))
    assert {r.uid for r in records} == {"weekly-1@example.org"}
    # the delta link answered with the @removed entry, then the window was read afresh
    assert len(fake.log) - seen == 2 and "$deltatoken" in str(fake.log[seen].url)
