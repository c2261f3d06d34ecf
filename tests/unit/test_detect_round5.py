"""Issue 17, fifth round: more real asks tracked, and fewer wrong ones.

A request frame that is one in any context ("Kindly confirm …") is tracked. A direct
question to the reader about the reader's own situation ("Are you running the 2.6
kernel?") is suggested, for the user to confirm: a rule that tracked such questions was
built this round and taken out after the blind sample 5 scored it (it tracked 2 more wrong
asks there and no right one; bench/DETECT.md). A question that argues ("why would
anybody …?"), advice closed by a courtesy ("try it and let me know how you get on") and a
question the writer answers in the next sentence are not tracked.

Every sentence here is written for these tests (none is taken from a labelled sample).
"""

from __future__ import annotations

import pytest

from detect_helpers import SUGGEST, TRACK, confidence
from followthrough.detect.gate import TRACK_CAP, is_mass_mail

# ---- a direct question to the reader about the reader: suggested, not tracked -----------


@pytest.mark.parametrize(
    "body",
    [
        "Are you running the 2.6 kernel on that box?",
        "Do you keep the backups on the NAS or offsite?",
        "Were you logged in as root when it crashed?",
        "Have you got the spare charger with you?",
        "Which browser were you using when the page froze?",
        "It worked last week, so what did you change in the config?",
    ],
)
def test_a_direct_question_about_the_reader_s_situation_is_suggested(body: str) -> None:
    assert SUGGEST <= confidence(body) < TRACK, body


def test_a_question_to_a_named_reader_about_what_was_sent_is_tracked() -> None:
    assert confidence("Marek, did you get the invoice I sent on Monday?") >= TRACK


@pytest.mark.parametrize(
    "body",
    [
        "Do you really think the vendor will fix it?",  # a stance adverb: rhetoric
        "Did you actually test it before posting?",
        "Have you tried clearing the cache?",  # advice put as a question
        "Are you sure the cable is plugged in?",  # a challenge
        "Do you want me to send the slides?",  # an offer
        "Didn't you get my reminder?",  # a negative question leads
        "What would you change in the layout?",  # a hypothetical
        "Do you suppose the board will notice?",  # an opinion, argued
        "Are you saying the old release was better?",
        "What are you going to do about the leak?",
        "Do You Own A Home Or A Condo?",  # an advertisement's headline
        "Are you nuts?",
        "Do you know that the server is down?",  # tells, does not ask
    ],
)
def test_a_question_that_argues_advises_offers_or_leads_is_not_tracked(body: str) -> None:
    assert confidence(body) <= TRACK_CAP, body


@pytest.mark.parametrize(
    "body",
    [
        "How do you configure the proxy?",  # asked of anyone
        "What do you mean by a fresh profile?",  # asking back about the reader's words
        "Which version do you mean?",
    ],
)
def test_how_do_you_and_asking_back_stay_suggestions(body: str) -> None:
    assert SUGGEST <= confidence(body) < TRACK, body


# ---- recall: a request frame that is one in any context -----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Kindly confirm the delivery address.",
        "Please forward the signed copy to Lena.",
        "Please allow access to the share for Tom.",
        "If the job fails again, can you send me the output of dmesg",
    ],
)
def test_a_clear_request_frame_is_tracked_whatever_the_model_says(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Please allow two weeks for delivery.",  # how long something takes
        "Please allow 10 business days for processing.",
        "Please realize that the office is closed on Friday.",
        "Please add us to your safe senders list.",  # a mailing's deliverability line
        "Please join me in welcoming Ana to the team.",  # an announcement
        "PLEASE KEEP THIS OFFER CONFIDENTIAL.",  # a shout: advertising
    ],
)
def test_a_please_that_only_informs_is_not_an_ask(body: str) -> None:
    assert confidence(body) < SUGGEST, body


# ---- precision: argued questions and courtesies after advice --------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Why would anybody still use telnet for this?",
        "What I'd like to know is why should we pay for the upgrade twice?",
        "Why on earth would you mount it read-write?",
    ],
)
def test_a_why_question_that_argues_is_never_tracked(body: str) -> None:
    assert confidence(body) <= TRACK_CAP, body


def test_a_why_question_that_asks_is_still_tracked() -> None:
    assert confidence("Could someone tell me why the cron job runs twice?") >= TRACK
    assert confidence("Does anyone know why the mirror is down?") >= TRACK


@pytest.mark.parametrize(
    "body",
    [
        "Give the new driver a try and let me know how you get on.",
        "Switch off the spam filter and let me know if it fixes it.",
        "Play with the timeout a bit and let me know what you see.",
    ],
)
def test_advice_closed_by_a_courtesy_is_at_most_suggested(body: str) -> None:
    assert confidence(body) <= TRACK_CAP, body


@pytest.mark.parametrize(
    "body",
    [
        "Let me know if that helps.",
        "Let me know whether the patch does the trick.",
        "Let me know how you get on with the new build.",
    ],
)
def test_a_courtesy_about_the_writer_s_advice_is_boilerplate(body: str) -> None:
    assert confidence(body) < SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "Let me know if that slot works for you.",  # a plan offered for the reader's yes
        "Please check the draft and let me know if it works.",  # another request beside it
        "Let me know how the meeting with the auditors went.",  # news asked for
    ],
)
def test_a_let_me_know_that_asks_stays_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


# ---- precision: a question the writer answers ----------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Is the server still up? Yes, I checked it this morning.",
        "Could the cache be the problem? Sure it could, but I doubt it.",
        "Why does it fail? Because the disk is full.",
        "Are we going to miss the deadline? Nope.",
    ],
)
def test_a_question_the_writer_answers_is_no_ask(body: str) -> None:
    assert confidence(body) < SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "Can you look at the ticket? No rush.",
        "Can you restart the build? Because it hangs again.",  # a reason, not an answer
        "Could you send me the logs?\n\nYes, the server logs are enough.",  # another paragraph
    ],
)
def test_a_request_followed_by_a_remark_is_still_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


# ---- mass mail: removal notices in more forms -----------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        'Please put "Remove" in subject line to stop these mails.',
        "REMOVAL INSTRUCTIONS: reply to this message and we will stop.",
        "You may remove yourself from any future mailings below.",
    ],
)
def test_more_forms_of_a_removal_notice_make_mass_mail(footer: str) -> None:
    body = f"Are you running out of ink every month?\n\n{footer}\n"
    assert is_mass_mail(body, "", "deals@example.com")
    assert confidence(body, sender="deals@example.com") <= TRACK_CAP


# ---- recall: whether something exists, asked of whoever knows --------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Is there a mirror of the old archive somewhere?",
        "So the question is, is there a flag to keep the temp files?",
        "Are there any mailing lists for people new to Perl?",
        "Is there, perhaps, a setting that turns the beep off?",
    ],
)
def test_asking_whether_something_exists_is_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Is there anything else I can do to help?",  # an offer
        "Is there no end to this thread?",  # rhetoric
        "Is there anything worse than a flaky test?",
        "Is there any doubt that it leaks?",
    ],
)
def test_an_existential_offer_or_rhetoric_is_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


# ---- precision: exasperation, idioms, and an article passed on ---------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "What are you talking about?",
        "Are you out of your mind???",
        "Did you even read the thread?!",
    ],
)
def test_exasperation_is_not_a_tracked_question(body: str) -> None:
    assert confidence(body) <= TRACK_CAP, body


def test_a_question_inside_an_article_after_its_byline_is_not_the_writer_s() -> None:
    body = (
        "Thought you'd enjoy this one.\n\nWhere Did the Bees Go?\n\nMarch 3, 2002\n"
        "By ANNA PETROVA\n\nBeekeepers are puzzled this spring. Is there a cure for the"
        " collapse of the hives?\n"
    )
    assert confidence(body) < SUGGEST
    assert confidence("Is there a cure for the collapse of the hives?") >= TRACK
