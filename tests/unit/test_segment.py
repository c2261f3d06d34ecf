"""Splitting real replies from many mail clients (talon's fixtures) into their parts."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from followthrough.detect import segment_text
from shared_data import SHARED_DATA, needs_shared_data

TALON = SHARED_DATA / "mail" / "talon"
REPLIES = TALON / "standard_replies"


def plain_body(path: Path) -> str:
    with path.open("rb") as f:
        msg = email.message_from_binary_file(f, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage)
    content = part.get_content()
    assert isinstance(content, str)
    return content


def squash(text: str) -> str:
    return " ".join(text.split())


@needs_shared_data
@pytest.mark.parametrize("name", ["iphone", "sparrow"])
def test_talon_expected_reply_text(name: str) -> None:
    """Talon ships the expected reply text (new text with its signature) for these two."""
    seg = segment_text(plain_body(REPLIES / f"{name}.eml"))
    expected = (REPLIES / f"{name}_reply_text").read_text(encoding="utf-8")
    assert squash(seg.new + "\n" + seg.signature) == squash(expected)
    assert seg.new.strip() == "Hello"
    assert "wrote:" in seg.quoted


@needs_shared_data
@pytest.mark.parametrize(
    "name",
    [
        "android",
        "aol",
        "apple_mail",
        "apple_mail_2",
        "comcast",
        "gmail",
        "hotmail",
        "iphone",
        "outlook",
        "sparrow",
        "thunderbird",
        "yahoo",
    ],
)
def test_talon_clients_new_text_is_hello(name: str) -> None:
    seg = segment_text(plain_body(REPLIES / f"{name}.eml"))
    assert seg.new == "Hello"
    assert seg.quoted  # the quoted original was found, whatever the client's style


@needs_shared_data
def test_outlook_quote_keeps_the_whole_original_out() -> None:
    seg = segment_text(plain_body(REPLIES / "outlook.eml"))
    assert seg.quoted.startswith("From: xxx@xxx.mailgun.org")
    assert "unsubscribe" not in seg.new.lower()


@needs_shared_data
def test_share_block_keeps_the_question_and_drops_the_quote() -> None:
    seg = segment_text(plain_body(TALON / "reply-quotations-share-block.eml"))
    assert "Let me know" in seg.new
    assert "You've got" not in seg.new


def test_sign_off_name_and_iphone_line_are_signature() -> None:
    text = "Could you send the slides?\n\nThanks,\nAnna Meyer\n+49 30 1234567\n"
    seg = segment_text(text)
    assert seg.new == "Could you send the slides?"
    assert seg.signature.startswith("Thanks,")


def test_dash_dash_signature() -> None:
    seg = segment_text("Sounds good.\n-- \nBob Smith\nAcme Inc.")
    assert (seg.new, seg.signature) == ("Sounds good.", "-- \nBob Smith\nAcme Inc.")


def test_disclaimer_is_split_off() -> None:
    text = (
        "Please review the contract by Friday.\n\nBob\n\n"
        "This email and any attachments are confidential and intended solely for the "
        "addressee. If you are not the intended recipient, please delete it."
    )
    seg = segment_text(text)
    assert seg.new.startswith("Please review the contract by Friday.")
    assert seg.disclaimer.startswith("This email and any attachments are confidential")
    assert "confidential" not in seg.new


def test_original_message_separator() -> None:
    text = "Done, see attached.\n\n-----Original Message-----\nFrom: Anna\nSent: Monday\nTo: Bob\nSubject: deck\n\nCould you review it?"  # noqa: E501
    seg = segment_text(text)
    assert seg.new == "Done, see attached."
    assert "Could you review it?" in seg.quoted


def test_outlook_header_block_without_separator() -> None:
    text = "Sure, will do.\n\nFrom: Anna Meyer <anna@example.com>\nSent: Wednesday, November 18, 2026 10:30 AM\nTo: Bob <bob@example.com>\nSubject: Deck\n\nCould you review it?"  # noqa: E501
    seg = segment_text(text)
    assert seg.new == "Sure, will do."
    assert seg.quoted.startswith("From: Anna Meyer")


def test_lotus_notes_header_block() -> None:
    text = (
        "I can't make it, sorry.\n\n\n"
        "Anna Meyer/HOU/ECT\n11/18/2000 10:30 AM\n"
        "To: Bob Smith/HOU/ECT@ECT\ncc: \nSubject: Friday meeting\n\n"
        "Could you present on Friday?"
    )
    seg = segment_text(text)
    assert seg.new == "I can't make it, sorry."
    assert seg.quoted.startswith("Anna Meyer/HOU/ECT")


def test_lotus_forwarded_by() -> None:
    text = "FYI\n---------------------- Forwarded by Anna Meyer/HOU/ECT on 11/18/2000 10:30 AM ---------------------------\n\nPlease send the report."  # noqa: E501
    seg = segment_text(text)
    assert seg.new == "FYI"
    assert "Please send the report." in seg.quoted


def test_gmail_forward() -> None:
    text = "See below.\n\n---------- Forwarded message ---------\nFrom: X\n\nCould you help?"
    seg = segment_text(text)
    assert seg.new == "See below."


def test_inline_reply_after_quote_is_new_text() -> None:
    text = "> Could you send the deck?\nAttached.\n> And the numbers?\nWill do tomorrow."
    seg = segment_text(text)
    assert seg.new == "Attached.\nWill do tomorrow."
    assert seg.quoted == "> Could you send the deck?\n> And the numbers?"


def test_wrapped_attribution() -> None:
    text = "Yes.\n\nOn Wed, Nov 18, 2026 at 10:30 AM Anna Meyer <anna@example.com>\nwrote:\n> Can you come?"  # noqa: E501
    seg = segment_text(text)
    assert seg.new == "Yes."


def test_empty_and_garbage_never_raise() -> None:
    assert segment_text("") == segment_text("\n\n")
    seg = segment_text("ï¿½ï¿½\r\n>\r\n\x00")
    assert isinstance(seg.new, str)
