"""Issue 17, fourth round: tracked precision without losing recall.

A tracked ask starts follow-up drafts, so what is not the writer's request of the reader
must never be tracked: a release announcement's or an advisory's call to action, a feed
or a tracker's notice, a request in an aside, an instruction that only says how to do
what the reader was merely allowed to do. Requests with a clear frame to the reader in a
person's message are tracked.

Every sentence here is written for these tests (none is taken from a labelled sample).
"""

from __future__ import annotations

import pytest

from detect_helpers import SUGGEST, TRACK, confidence
from followthrough.detect.gate import TRACK_CAP, is_mass_mail

# ---- mass mail: announcements, advisories, machine senders -------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "This is a bug-fix release of the indexer.  Please upgrade at your earliest"
        " convenience.\n\nhttp://example.org/indexer-3.2.1.tar.gz\n",
        "Version 4.0 of the mail filter has been released.  Please download it from the"
        " project page and report any problems to the tracker.\n",
        "Severity: High\nProduct: webmail\nAffected versions: 1.0 to 1.4\n\nA crafted"
        " attachment name can run commands.  Please install 1.4.1 as soon as you can.\n",
        "Security advisory for the image viewer.\n\nPlease update to the fixed package"
        " before Friday.\n",
    ],
)
def test_a_release_or_an_advisory_relayed_by_a_list_is_never_tracked(body: str) -> None:
    assert is_mass_mail(body, "list", "maintainer@example.org"), body
    assert confidence(body, kind="list", sender="maintainer@example.org") <= TRACK_CAP


def test_a_person_quoting_an_announcement_still_asks() -> None:
    body = (
        "> Version 4.0 of the mail filter has been released.\n\n"
        "Could you send me the build log from your machine?\n"
    )
    assert not is_mass_mail(body, "list", "ann@example.org")
    assert confidence(body, kind="list", sender="ann@example.org") >= TRACK


def test_a_person_mentioning_a_release_still_asks() -> None:
    body = "Could you check whether the release notes mention the new cache option?\n"
    assert not is_mass_mail(body, "list", "ann@example.org")
    assert confidence(body, kind="list", sender="ann@example.org") >= TRACK


@pytest.mark.parametrize(
    "sender", ["tracker-daemon@bugs.example.org", "docs-robot@example.edu", "newsfeeds@example.com"]
)
def test_a_machine_named_in_the_sender_is_mass_mail(sender: str) -> None:
    body = "Can you confirm the fix works on your system?\n"
    assert is_mass_mail(body, "", sender)
    assert confidence(body, sender=sender) <= TRACK_CAP
    assert confidence(body, sender=sender) >= SUGGEST  # still shown, for the user to judge


@pytest.mark.parametrize(
    "footer",
    [
        "To stop these offers, reply with the word REMOVE in the subject line.",
        "If you wish to receive no further mailings from us, write to the address below.",
        "We will remove you from our mailing list on request.",
        "This e-mail was sent to you because you bought a ticket last year.",
    ],
)
def test_an_advertiser_s_removal_notice_makes_the_message_mass_mail(footer: str) -> None:
    body = f"Please call us today to book your free consultation.\n\n{footer}\n"
    assert is_mass_mail(body, "", "sales.desk@example.com")
    assert confidence(body, sender="sales.desk@example.com") <= TRACK_CAP


def test_a_person_asking_to_be_taken_off_a_list_is_not_mass_mail() -> None:
    body = "Could you take me off the committee's reminder list before Friday?\n"
    assert not is_mass_mail(body, "", "ann@example.org")
    assert confidence(body, sender="ann@example.org") >= TRACK


# ---- asides and conditional instructions ---------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "You two argue like an old married couple... (anyone else want to referee?)",
        "The build finally went green last night (can you believe it took three weeks?)",
        "(Does anyone still run this on a 486?)",
    ],
)
def test_a_question_put_in_an_aside_is_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


def test_an_instruction_in_brackets_is_still_a_request() -> None:
    body = "Let's keep the Monday review at 9 (please put it on my calendar, Maria)."
    assert confidence(body) >= TRACK


def test_an_ask_outside_the_aside_is_still_tracked() -> None:
    body = "Could you send me the crash log (the one from last night, not the old one)?"
    assert confidence(body) >= TRACK


@pytest.mark.parametrize(
    "body",
    [
        "Feel free to share this note with your team. Please share it unedited.",
        "You are welcome to repost the schedule. Please repost it with the credits.",
    ],
)
def test_how_to_do_what_the_reader_may_do_is_no_ask(body: str) -> None:
    assert confidence(body) < SUGGEST, body


def test_a_permission_does_not_hide_the_real_request_after_it() -> None:
    body = "Feel free to forward the agenda. Please send me your slides by Friday."
    assert confidence(body) >= TRACK


# ---- recall: a question to the group put as a condition --------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "If anybody knows why the nightly backup stalls at 2am, give me a shout.",
        "Let me know if someone has a copy of the old installer.",
        "If anyone can make the scanner work under the new kernel, please tell me how.",
        "if somebody remembers the name of that plugin please post it.",
    ],
)
def test_a_question_to_the_group_put_as_a_condition_is_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Let me know if anyone has any questions.",
        "If anyone has trouble getting in, give me a call.",
        "If anybody needs a lift to the station, let me know.",
        "Feel free to ping me if anyone wants the slides.",
    ],
)
def test_an_offer_to_whoever_needs_it_stays_boilerplate(body: str) -> None:
    assert confidence(body) < SUGGEST, body


# ---- recall: a clear frame to the reader in a person's message -----------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Can I mount the share read-only from the laptop?",
        "Marta, could I borrow the projector for Thursday's demo?",
        "May I use your diagram in the handbook?",
        "Is there a quick, reliable way to tell which package owns the file?",
        "Is there an easy/safe way to move the spool to another disk?",
        "Anyway to speed this up?",  # "is there any way to …?" without its verb
        "Any way of getting the old menu back?",
    ],
)
def test_asking_the_reader_s_leave_or_a_way_to_do_it_is_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Can I just say how much I enjoyed the talk?",
        "May I suggest we move this thread to the other list?",
        "Can I be honest with you for a minute?",
        "Anyway, to be fair, it works most of the time.",
    ],
)
def test_the_writer_steering_their_own_words_is_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "I'm just wondering why the nightly job skips the archive folder.",
        "We were wondering whether the venue can take forty people.",
        "Telling me which driver you loaded would help a lot.",
        "Sending us the full crash report would be really helpful.",
    ],
)
def test_a_question_put_as_the_writer_s_wondering_or_as_its_use_is_suggested(body: str) -> None:
    assert confidence(body) >= SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "Adding more memory would help the build, I think.",
        "Restarting it twice would help nothing.",
    ],
)
def test_a_statement_about_what_would_help_is_no_ask(body: str) -> None:
    assert confidence(body) < SUGGEST, body
