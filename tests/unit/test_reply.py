"""Classifying a helper's reply, the user's thanks, and out-of-office return dates."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.detect import classify_reply, detect_ooo_return, detect_thanks
from shared_data import SHARED_DATA, needs_shared_data

MAIL = SHARED_DATA / "mail"
BERLIN = ZoneInfo("Europe/Berlin")
BASE = datetime(2026, 11, 18, 10, 30, tzinfo=BERLIN)


def body(path: Path) -> str:
    with path.open("rb") as f:
        msg = email.message_from_binary_file(f, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    return content if isinstance(content, str) else ""


@needs_shared_data
@pytest.mark.parametrize(
    "name", ["bounce/gmail-invalid-address.eml", "bounce/mailbox-full.eml", "bounce/no-mx.eml"]
)
def test_bounces_are_auto_from_their_text(name: str) -> None:
    result = classify_reply(body(MAIL / "flanker" / name), (), "")
    assert result.kind == "auto"
    assert result.rule == "auto:wording"


def test_backend_auto_header_wins() -> None:
    result = classify_reply("Sure, will do!", (), "out-of-office")
    assert (result.kind, result.rule) == ("auto", "auto:header")


@needs_shared_data
def test_talon_reply_hello_is_other() -> None:
    text = body(MAIL / "talon/standard_replies/gmail.eml")
    assert classify_reply(text, (), "").kind == "other"


@needs_shared_data
def test_quoted_question_does_not_make_a_question() -> None:
    text = (MAIL / "talon/standard_replies/iphone.eml").read_text()
    assert classify_reply("Sure thing.\n\nOn Apr 3, bob wrote:\n> Could you?", (), "").kind == (
        "acknowledged"
    )
    assert "Hello" in text


@pytest.mark.parametrize(
    ("text", "attachments", "kind", "evidence"),
    [
        ("I am out of the office until Monday.", (), "auto", "I am out of the office"),
        ("Automatic reply: Q3 deck", (), "auto", "Automatic reply"),
        ("Sorry, I can't take this on right now.", (), "declined", "Sorry, I can't"),
        ("I won't be able to get to it this month.", (), "declined", "won't be able to"),
        ("I'm not the right person for this - try Carol.", (), "declined", "not the right person"),
        ("I have to pass on this one.", (), "declined", "I have to pass"),
        ("Unfortunately I can't, but here it is what I have.", ("notes.pdf",), "declined", ""),
        ("See the file.", ("deck.pptx",), "delivered", "deck.pptx"),
        ("Attached is the revised deck.", (), "delivered", "Attached"),
        ("Here you go!", (), "delivered", "Here you go"),
        ("Done.", (), "delivered", "Done"),
        ("I've sent the intro to Carol.", (), "delivered", "I've sent"),
        ("Please find the figures below.", (), "delivered", "Please find"),
        ("Which version do you mean, v2 or v3?", (), "question", ""),
        ("Sure, will do.", (), "acknowledged", "Sure"),
        ("Happy to help. I'll send it tomorrow.", (), "acknowledged", "Happy to"),
        ("On it!", (), "acknowledged", "On it"),
        ("Not done yet, I'll send it tomorrow.", (), "acknowledged", ""),
        ("Hope you're well? Sure, no problem.", (), "acknowledged", ""),
        ("Interesting, the weather is nice here.", (), "other", ""),
        ("Just sent it over.", (), "delivered", "Just sent it"),
        ("Got it, thanks.", (), "acknowledged", "Got it"),
        ("Let me check and get back to you.", (), "acknowledged", "Let me check"),
        ("Sorry, just seeing this now. Will send tomorrow.", (), "acknowledged", "Will send"),
        # later is not no
        (
            "Sorry, I won't be able to get to this until next month.",
            (),
            "acknowledged",
            "Sorry, I won't be able to get to this until next",
        ),
        ("I can't do it before Friday, is that OK?", (), "acknowledged", ""),
        ("Sorry, I can't make it until after the holidays.", (), "acknowledged", ""),
        ("Unfortunately I can't do it before the deadline.", (), "declined", ""),
    ],
)
def test_hand_written_replies(
    text: str, attachments: tuple[str, ...], kind: str, evidence: str
) -> None:
    result = classify_reply(text, attachments, "")
    assert result.kind == kind
    if evidence:
        assert result.evidence == evidence
    assert result.rule.startswith(kind)


@pytest.mark.parametrize(
    ("text", "thanks"),
    [
        ("Thanks so much for the intro, it went great!", "Thanks so much"),
        ("Thank you! The deck looks perfect.", "Thank you"),
        ("Much appreciated.", "Much appreciated"),
        ("Got it - thanks for the quick turnaround.\n\nAnna", "thanks for the quick turnaround"),
        ("Thanks again,\nAnna", "Thanks again"),
    ],
)
def test_thanks_found(text: str, thanks: str) -> None:
    assert detect_thanks(text) == thanks


@pytest.mark.parametrize(
    "text",
    [
        "Could you review the deck? Thanks in advance!",
        "Could you review the deck?\n\nThanks,\nAnna",
        "Could you send the figures?\n\nOn Mon, Bob wrote:\n> Thanks so much for asking!",
        "Let's meet on Friday.",
    ],
)
def test_no_thanks(text: str) -> None:
    assert detect_thanks(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I am out of the office. I will be back on Monday 7 December.", 7),
        ("Out of office, returning 12/7.", 7),
        ("I'm travelling and will be back on the 7th.", 7),
        ("I am on leave until Friday 4 December.", 7),
    ],
)
def test_ooo_return(text: str, day: int) -> None:
    assert detect_ooo_return(text, BASE) == datetime(2026, 12, day, 9, 0, tzinfo=BERLIN)


def test_ooo_without_date() -> None:
    assert detect_ooo_return("I am out of the office with limited access to email.", BASE) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sorry, I can't next week: I'm at the customer summit. Maybe next month?", "acknowledged"),
        ("Unfortunately I can't this week. How about the week after?", "acknowledged"),
        ("Sorry, I can't do Friday. Could we do it in two weeks?", "acknowledged"),
        ("I can't make it, sorry. Rain check?", "acknowledged"),
        ("Sorry, I can't help with this. Maybe ask Bob?", "declined"),
        ("Sorry, I can't. I'm swamped.", "declined"),
        ("I'm afraid I can't take this on. Next month is no better.", "declined"),
    ],
)
def test_a_no_to_the_date_with_another_offered_is_not_a_decline(text: str, kind: str) -> None:
    """The demo's Erin ("I can't next week … Maybe next month?") offered a later date: the
    thank-you must not say "I'll find another way"."""
    assert classify_reply(text, (), "").kind == kind
