"""Issue 17, third round: what still went wrong on real list mail, in general form.

Precision: someone else's words passed on in quotation marks, an old message pasted under
a rule, "anyone" as the yardstick of a statement, newsletters relayed by a list and list
advertising footers are not the writer's asks. Recall: a question is a question without
a question word ("So the old driver still works?", "Recommendations?"), after a lower-case
run-on, with a smiley after its "?", or with its tag ("right?") on the next line.

The sentences are written for these tests (none is taken from a labelled sample).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from detect_helpers import SENT, SUGGEST, TRACK, confidence
from followthrough.detect import detect_request, split_sentences
from followthrough.detect.gate import TRACK_CAP, is_mass_mail, reported_speech
from followthrough.detect.segment import segment_text

# ---- precision ---------------------------------------------------------------------------


def test_a_question_inside_a_passed_on_quotation_is_not_the_writer_s_ask() -> None:
    body = (
        'A producer wrote to the office: "We are filming at the conference next week. '
        'Will you or anyone from your group be there? Thanks for your time."\n\nFYI.\n'
    )
    assert confidence(body) < SUGGEST
    # the same question in the writer's own words is an ask
    assert confidence("Will you or anyone from your group be there next week?") >= SUGGEST


def test_a_title_in_quotes_inside_the_quotation_does_not_close_it() -> None:
    sentences = [
        ('In short, "they are making a show called "The Long Road" about the trip.', 0),
        ("Could you be in it?", 0),
        ("Thanks for the help.", 1),
    ]
    assert reported_speech(sentences) == frozenset({1})


def test_a_quoted_word_in_the_writer_s_own_sentence_hides_nothing() -> None:
    body = 'The "make test" step fails with the "inst_cfs:" rule. Could you send me your config?'
    assert confidence(body) >= TRACK


def test_an_old_message_pasted_under_a_rule_is_quoted_text() -> None:
    body = (
        "Ha, that is a good one.\n\nAnn\n\n--------------------\nbob\n"
        "> an rud a scriobh se\n> agus eile\n\n---->8\n\n"
        "Can someone translate this for me?\n"
    )
    seg = segment_text(body)
    assert "translate" not in seg.new and "translate" in seg.quoted
    assert detect_request(body, SENT) is None


@pytest.mark.parametrize(
    "body",
    [
        "The new spammers are hurting from the downturn as much as anyone else.",
        "He was arrested, for no reason that anyone has been able to give.",
        "Anybody buying one of these boxes will want to tie it into their network.",
        "Neither she nor anyone else has the authority to stop it.",
        "They offer cash for the bug as long as you promise not to tell anyone else.",
    ],
)
def test_anyone_as_the_yardstick_of_a_statement_is_not_a_question_to_the_group(
    body: str,
) -> None:
    assert confidence(body) < TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Does anyone know a mirror that carries the old kernels?",
        "Just a quick question.... does anyone know why the build breaks?",
        "The install fails at the last step - anyone seen this before?",
        "So, anyone who still has the 7.3 install CD?",
    ],
)
def test_a_question_to_the_group_still_counts(body: str) -> None:
    assert confidence(body) >= SUGGEST, body


def test_a_newsletter_names_itself_in_its_title_even_on_a_list() -> None:
    body = "WEEKLY MOVIE NEWSLETTER\n\nTell us your thoughts on the film and let us know.\n"
    assert is_mass_mail(body, "list", "movies@example.com")
    assert confidence(body, kind="list") <= TRACK_CAP
    # a person's list post that mentions a newsletter is not one
    assert not is_mass_mail("Has anyone read the newsletter they sent?\n", "list", "ann@x.org")


def test_a_list_advertising_footer_is_not_a_question() -> None:
    body = "This list is sponsored by: Acme - Tired of slow builds?\n"
    assert confidence(body) < SUGGEST


# ---- recall ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "So the old driver still works with the new kernel?",
        "Alternatives I have missed?",
        "Horror stories?",
        "the installer hangs when you pick the second disk, like it is already mounted?",
        "Did you ever get the printer working? ;)",
    ],
)
def test_a_question_without_a_question_word_is_at_least_suggested(body: str) -> None:
    assert confidence(body) >= SUGGEST, body


@pytest.mark.parametrize("body", ["Really?", "Huh?", "2.4?", "perl ?"])
def test_an_echo_or_a_fragment_is_not_a_question_to_answer(body: str) -> None:
    assert confidence(body) < SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "Recommendations?",
        "I have a friend with the problem below, suggestions anyone?",
        "The build is broken again - ideas, folks?",
    ],
)
def test_a_bare_request_for_ideas_is_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


def test_a_question_ends_its_sentence_before_a_lower_case_run_on() -> None:
    body = "funny. which do you think is worse - the red or the blue? i cannot decide at all."
    assert split_sentences(body)[-1] == "i cannot decide at all."
    hit = detect_request(body, SENT)
    assert hit is not None and hit.sentence.endswith("the red or the blue?")
    assert hit.confidence >= SUGGEST


def test_a_tag_question_on_its_own_line_belongs_to_the_statement_above() -> None:
    body = "So I think the lock should be taken before the allocation.\nright?\n"
    assert split_sentences(body) == [
        "So I think the lock should be taken before the allocation. right?"
    ]
    assert confidence(body) >= SUGGEST


@pytest.mark.parametrize(
    "body",
    [
        "If the error could be caught and logged to syslog, it'd be a great help.",
        "The mirror is down again, somebody restart it please.",
    ],
)
def test_a_request_without_you_is_at_least_suggested(body: str) -> None:
    assert confidence(body) >= SUGGEST, body


# ---- precision: what a careful reader does not take for an ask ---------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Let me guess, the config file was never copied?",
        "Let me get this straight; the key is written back by every client?",
        "Let me start with the history of the project before I get to the plan.",
        "Let me ask you: if you lived on an island, wouldn't you want fast internet?",
        "Would you really believe a vendor that never shipped on time?",
        "Give me a break.",
        "Give me uptime or give me death.",
        "Please.",
        "A stranger at the bar said 'Are you one of those Linux people?' and left.",
    ],
)
def test_discourse_rhetoric_idioms_and_reported_questions_are_not_asks(body: str) -> None:
    assert confidence(body) < SUGGEST, body


@pytest.mark.parametrize(
    "body",
    [
        "It would be nice if you could pick which account to use.",
        "Couldn't you just grep the logs for it?",
    ],
)
def test_a_wish_or_advice_put_as_a_request_is_at_most_suggested(body: str) -> None:
    assert confidence(body) <= TRACK_CAP, body


@pytest.mark.parametrize(
    "body",
    [
        "Some ideas:",
        "Some thoughts on the new layout...",
        "Let me know if you find it useful.",
        "Please mail me if you're interested.",
        "Please send comments, corrections and updates to the editor at news@example.org.",
    ],
)
def test_the_writer_s_own_ideas_and_open_invitations_are_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Let me know when the mirror is back.",
        "It would be great if you could send me the config by Friday.",
        "Any ideas?",
        "Please help.",
    ],
)
def test_the_plain_requests_next_to_them_stay_tracked(body: str) -> None:
    assert confidence(body) >= TRACK, body


@pytest.mark.parametrize(
    "body",
    [
        "Anyone interested, give me a shout and I'll put you in touch with him.",
        "Would people be interested in the script?",
        "Is anyone here interested in a spare copy of the book?",
    ],
)
def test_an_offer_to_whoever_is_interested_is_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


def test_a_request_to_do_nothing_does_not_hide_the_real_questions() -> None:
    body = (
        "what i'm wondering is the following:\n\n"
        "a) are there agencies you can hire to collect such debts? b) if not, can i "
        "write them off as a bad debt?\n\n"
        "He will probably take it badly, so *please* don't reply if you're one of them.\n"
    )
    hit = detect_request(body, SENT)
    assert hit is not None and "bad debt" in hit.sentence and hit.confidence >= SUGGEST
    assert confidence("PLEASE DO NOT ATTEMPT TO REPLY TO THIS EMAIL.") < SUGGEST


# ---- deadlines (issue 17 point 3) ----------------------------------------------------------


def _due(body: str) -> datetime | None:
    hit = detect_request(body, SENT)
    assert hit is not None and hit.confidence >= SUGGEST, body
    return hit.deadline.due if hit.deadline is not None else None


@pytest.mark.parametrize(
    ("body", "due"),
    [
        # the time next to the day is its time, not an earlier one in the sentence
        ("I'm booked at 2:30 already, so could we do 4:15 tomorrow?", (19, 16, 15)),
        ("The 9:00 call ran long; can you send the notes by 4:30 on Friday?", (20, 16, 30)),
        ("After the 11:00 review, could you call me at 3:45 tomorrow?", (19, 15, 45)),
        ("Could we meet tomorrow at 3:30?", (19, 15, 30)),
        # a day's thing ("today's reader", "Tuesday's numbers") is no due date
        ("Can you send me Tuesday's numbers by Friday?", (20, 17, 0)),
        ("Could you read today's digest and tell me what you think?", None),
        ("Will you take tomorrow's minutes for me?", None),
        ("Please send the slides before Friday's meeting.", (20, 9, 0)),  # that morning
        # a part of the day said of any day is no due time
        ("Do you also get these errors in the morning when cron runs?", None),
        ("Can you check why the build fails every evening?", None),
        ("Could you send it this afternoon?", (18, 17, 0)),
    ],
)
def test_the_due_date_is_the_one_that_belongs_to_the_ask(
    body: str, due: tuple[int, int, int] | None
) -> None:
    got = _due(body)
    if due is None:
        assert got is None, body
    else:
        assert got == SENT.replace(day=due[0], hour=due[1], minute=due[2]), body


def test_please_be_informed_is_news_not_an_ask() -> None:
    assert confidence("Please be informed that I will not attend tomorrow's review at 2pm.") < (
        SUGGEST
    )


@pytest.mark.parametrize(
    "body",
    [
        "Let me know if I'm mistaken.",
        "Correct me if I'm wrong, but the patch is already in.",
        'A reader writes: "Could you tell me where the phrase comes from?"',
    ],
)
def test_a_hedge_or_a_reader_s_quoted_question_is_not_tracked(body: str) -> None:
    assert confidence(body) < TRACK, body


def test_a_log_pasted_under_a_rule_keeps_the_question_after_it() -> None:
    body = (
        "The daemon dies at start-up, see below:\n\n--------------------\n"
        "> error: cannot bind port 25\n> exiting\n\nCan anyone tell me what binds it first?\n"
    )
    assert "Can anyone tell me" in segment_text(body).new
    assert confidence(body) >= TRACK
