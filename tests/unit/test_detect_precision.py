"""Issue 17, second round: only a clear request is tracked; what may not be one is at most
suggested, and mass mail, quoted lines and marketing questions are never tracked.

The sentences are written for these tests (none is taken from a labelled sample).
"""

from __future__ import annotations

import pytest

from detect_helpers import SENT, SUGGEST, TRACK, confidence
from followthrough.detect import detect_request
from followthrough.detect.gate import TRACK_CAP, is_mass_mail
from followthrough.detect.segment import segment_text


@pytest.mark.parametrize(
    "body",
    [
        "Could you send me the debug output?",
        "Can someone on the list explain how the bayes expiry works?",
        "Does anybody know a mirror that still carries the 2.4 kernels?",
        "Please review the attached contract and send it back signed.",
        "Send me the log by Friday.",
        "Do you have ten minutes tomorrow to walk me through the release?",
        "Can we move the review to Thursday?",
        "Any suggestions for a lighter window manager?",
    ],
)
def test_a_clear_request_is_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Have you tried rebooting the router?",  # a question about, not a request
        "What's wrong with a plain tarball?",
        "Am I the only one whose spool fills up every night?",
        "It looks like you are using procmail -- what does your recipe say?",
        "You did back up the database first, didn't you?",
        "Have a look at the fetchmail manual page.",  # advice
        "Please contact your vendor for a patch.",  # directions to someone else
        "Please see the FAQ for the details.",
        "You should upgrade to the new release.",
    ],
)
def test_what_may_not_be_meant_as_an_ask_is_suggested_never_tracked(body: str) -> None:
    c = confidence(body)
    assert c < TRACK, body
    assert c <= TRACK_CAP


@pytest.mark.parametrize(
    "body",
    [
        "Have you tried rebooting the router?",
        "What's wrong with a plain tarball?",
        "Anyway to speed this up?",
        "You did back up the database first, didn't you?",
    ],
)
def test_a_real_question_to_the_list_is_at_least_suggested(body: str) -> None:
    assert confidence(body) >= SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "Did you know that our premium plan saves you 20% on every order?",
        "Have you ever wanted to run your own online store?",
        "Are you tired of slow downloads?",
        "Perhaps you've been waiting for the right moment to upgrade?",
        '"Have you heard the news?" she asked me at lunch.',
        "Here is the script, in case anyone wants it later.",
        "Let me know if you succeed.",
        "If you are a reseller in Canada, please let us know at sales@example.com.",
        "Discuss this article at:",
    ],
)
def test_marketing_rhetoric_and_offers_are_not_even_suggested(body: str) -> None:
    assert confidence(body) < SUGGEST, body


def test_an_offer_to_do_it_for_the_reader_is_not_tracked() -> None:
    assert confidence("Or you could let me draft it for you?") < TRACK


def test_supercite_quoted_lines_are_quoted_text() -> None:
    body = (
        "Carl Winters wrote:\n\nCW> Could someone please tell me how to rotate the logs?\n"
        "CW> I have tried everything.\n\nlogrotate does this; see its manual page.\n"
    )
    seg = segment_text(body)
    assert "CW> Could someone" in seg.quoted
    assert "logrotate does this" in seg.new
    hit = detect_request(body, SENT)
    assert hit is None or "rotate the logs" not in hit.sentence


ASK = "Could you send me your comments on the draft by Friday?"


@pytest.mark.parametrize(
    ("extra", "kw"),
    [
        ("\n\nTo unsubscribe from this newsletter, click here.", {}),
        ("\n\nYou are receiving this e-mail because you signed up at our site.", {}),
        ("", {"kind": "bulk"}),
        ("", {"sender": "noreply@service.example.com"}),
        ("", {"sender": "news@newsletter.example.com"}),
    ],
)
def test_the_best_ask_of_mass_mail_is_at_most_suggested(extra: str, kw: dict[str, str]) -> None:
    assert confidence(ASK) >= TRACK  # the same words from a person are tracked
    c = confidence(ASK + extra, **kw)
    assert SUGGEST <= c <= TRACK_CAP


def test_a_list_post_is_a_person_s_message_whatever_its_footer() -> None:
    body = ASK + "\n\nTo unsubscribe, visit https://lists.example.org/listinfo/users"
    assert confidence(body, kind="list") >= TRACK
    assert not is_mass_mail(body, "list", "users@lists.example.org")


@pytest.mark.parametrize("kind", ["auto-reply", "out-of-office", "bounce"])
def test_a_machine_s_message_asks_nothing(kind: str) -> None:
    assert detect_request(ASK, SENT, kind=kind) is None


def test_the_mass_mail_cap_is_explained() -> None:
    hit = detect_request(ASK, SENT, kind="bulk")
    assert hit is not None and "mass-mail:at most suggested" in hit.rules


@pytest.mark.parametrize(
    "body",
    [
        "I would encourage everyone to try the new build and report what breaks.",
        "Your approval is required before we ship the release.",
        "As the owner of the list, your authorization is requested for this posting.",
    ],
)
def test_requests_to_the_group_without_a_question_are_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


def test_a_line_between_the_attribution_and_its_quote_does_not_hide_the_reply() -> None:
    body = (
        "On Mon, 22 Jul 2002 06:16:19 -0500, Ann Lee <ann@example.org> wrote:\n\n"
        "[replying to my own message]\n\n> The mirror is down again.\n> Since Friday.\n\n"
        "Could someone with access restart it?\n"
    )
    seg = segment_text(body)
    assert "Could someone with access restart it?" in seg.new
    assert "The mirror is down" in seg.quoted
    hit = detect_request(body, SENT)
    assert hit is not None and hit.sentence == "Could someone with access restart it?"


def test_an_aside_in_stars_starts_a_sentence() -> None:
    hit = detect_request("Bob, is that still waiting for review? *grin* I bet it is.", SENT)
    assert hit is not None and hit.sentence == "Bob, is that still waiting for review?"


def test_a_newsletter_relayed_by_a_list_is_still_mass_mail() -> None:
    assert is_mass_mail(ASK, "list", "noreply@news.example.com")
    assert SUGGEST <= confidence(ASK, kind="list", sender="newsletter@example.com") <= TRACK_CAP
