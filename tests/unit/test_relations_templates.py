"""The shipped agenda, keep-in-touch and Plan B templates say each state right."""

from __future__ import annotations

from followthrough.engine.compose import Composer


def item(what: str, gerund: str | None, **kw: object) -> dict[str, object]:
    base = {
        "what": what,
        "base": what if gerund else None,
        "gerund": gerund,
        "topic": what,
        "due": None,
        "overdue": False,
        "state": "open",
        "agreed": False,
        "outcome": "",
    }
    return {**base, **kw}


def agenda(**kw: object) -> dict[str, object]:
    ctx: dict[str, object] = {
        "name": "Bob",
        "greeting": "Hi Bob",
        "title": "Bob / Alex 1:1",
        "meeting_day": "Thursday 12 November",
        "meeting_when": "tomorrow",
        "meeting_time": "10:00",
        "mine": [],
        "thanks": [],
        "theirs": [],
        "delivered": [],
        "notes": [],
        "empty": False,
        "me": "Alex Morgan",
    }
    return {**ctx, **kw}


def test_the_agenda_never_says_as_agreed_before_they_said_yes() -> None:
    mine = [
        item(
            "review the deck",
            "reviewing the deck",
            agreed=True,
            due="Friday 6 November",
            overdue=True,
        ),
        item("share the numbers", "sharing the numbers", due="Friday 20 November"),
        item("Bob — intro to Acme CTO", None, agreed=True),
    ]
    body = Composer().render("agenda.txt.j2", agenda(mine=mine)).body
    assert "Where I need your help:\n" in body
    assert "  - reviewing the deck: we'd said Friday 6 November; where are we with it?\n" in body
    assert (
        "  - sharing the numbers: I asked about this for Friday 20 November; "
        "can we talk it through?\n" in body
    )
    assert "  - Bob — intro to Acme CTO: how is it going?\n" in body
    assert body.rstrip().endswith("Alex Morgan")


def test_an_agenda_for_an_empty_week_is_short_and_still_invites_theirs() -> None:
    rendered = Composer().render("agenda.txt.j2", agenda(empty=True))
    assert rendered.subject == "For our Bob / Alex 1:1 tomorrow"
    assert "Nothing pressing from my side" in rendered.body
    assert "What's on your side?" in rendered.body
    assert "Where I need your help" not in rendered.body


def test_the_keep_in_touch_note_asks_for_nothing_and_recalls_their_help() -> None:
    ctx = {
        "name": "Dave",
        "greeting": "Hi Dave",
        "last_help": item("review the Q2 deck", "reviewing the Q2 deck", outcome="approved"),
        "helped_count": 1,
        "me": "Alex Morgan",
        "me_first": "Alex",
    }
    rendered = Composer().render("keepintouch.txt.j2", ctx)
    assert rendered.subject == "Hello from Alex"
    assert "I still think of your help with reviewing the Q2 deck" in rendered.body
    assert "It led somewhere good: approved." in rendered.body
    assert "?" not in rendered.body
    assert "No need to reply" in rendered.body


def test_the_plan_b_request_with_short_notice_and_without_a_verb() -> None:
    ctx = {
        "name": "Carol",
        "greeting": "Hi Carol",
        **item("Bob — intro to Acme CTO", None),
        "subject": "",
        "similar": None,
        "similar_on": None,
        "hoped": "Friday 6 November",
        "me": "Alex Morgan",
    }
    rendered = Composer().render("planb.txt.j2", ctx)
    assert rendered.subject == "Could you help with Bob — intro to Acme CTO?"
    assert (
        "I'm hoping you can help me with something: Bob — intro to Acme CTO. Would you be "
        "able to take it on? I'd hoped to have it by Friday 6 November, but I know that's "
        "short notice" in rendered.body
    )
    assert "just tell me and I'll find another way" in rendered.body
