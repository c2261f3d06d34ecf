"""Issue 17, eighth round: a reply written below a quote that opens the message, and an
argument's questions.

A message that opens with a quote header ("----- Original Message -----", an Outlook
header block, "On …, Bob wrote:") has nothing new above it, so when the quote under the
header is marked (">", or a mark of the client's own such as ")" or "=>"), the writer's
reply is below, in the lines the mark leaves out (``segment._reply_below``); a quote
whose lines are not marked is a forward, all of it quoted. A paragraph that challenges
("So, are you saying that …?") argues with every question in it: at most suggested
(``rhetoric.argued_questions``).

Every message here is written for these tests (none is taken from a labelled sample).
"""

from __future__ import annotations

import pytest

from detect_helpers import SENT, SUGGEST, TRACK
from followthrough.detect import detect_request, segment_text
from followthrough.detect.request import _candidates
from followthrough.detect.rhetoric import argued_questions

SEPARATOR_THEN_MARKED = """
----- Original Message -----
From: "Dana Ruiz" <dana@example.org>

> The nightly job failed again, the disk was full.
> I cleared the tmp directory by hand.

Which partition was full, /var or /home?
"""

HEADER_BLOCK_THEN_MARKED = """-----Original Message-----
From: Dana Ruiz [mailto:dana@example.org]
Sent: Monday, September 02, 2002 2:55 AM
To: ops@example.org
Subject: RE: nightly job

>The nightly job failed again.

Could you send me the cron log from last night?
"""

ATTRIBUTION_OWN_MARK = """On 09/08/02 20:49 -0400, Dana wrote:
) The nightly job failed again.
) What does "disk quota exceeded" mean?

  It means the job user ran out of its quota.
  How much space does the job user have now?
"""

ARROW_MARK = """On Mon, 2 Sep 2002, Dana Ruiz wrote:

=>the new build is up:
=>
=>  build-2.40.tar.gz

Thanks for this. Is there a source RPM too?
"""

FORWARD_UNMARKED = """
-----Original Message-----
From: Dana Ruiz [mailto:dana@example.org]
Sent: Monday, September 02, 2002 2:55 AM
To: ops@example.org
Subject: nightly job

Could you send me the cron log from last night?
"""

TOP_POSTED = """Which partition was full?

----- Original Message -----
From: "Dana Ruiz" <dana@example.org>

> The nightly job failed again.

Could you send me the cron log?
"""


@pytest.mark.parametrize(
    ("body", "new"),
    [
        (SEPARATOR_THEN_MARKED, "Which partition was full, /var or /home?"),
        (HEADER_BLOCK_THEN_MARKED, "Could you send me the cron log from last night?"),
        (
            ATTRIBUTION_OWN_MARK,
            "It means the job user ran out of its quota.\n  How much space does the job user"
            " have now?",
        ),
        (ARROW_MARK, "Thanks for this. Is there a source RPM too?"),
        (FORWARD_UNMARKED, ""),
        (TOP_POSTED, "Which partition was full?"),
    ],
)
def test_the_new_text_of_a_message_that_opens_with_a_quote(body: str, new: str) -> None:
    assert segment_text(body).new.strip() == new


def test_the_quote_keeps_its_header_and_its_marked_lines() -> None:
    seg = segment_text(ATTRIBUTION_OWN_MARK)
    assert seg.quoted.startswith("On 09/08/02")
    assert 'What does "disk quota exceeded" mean?' in seg.quoted
    assert "quota exceeded" not in seg.new


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        (SEPARATOR_THEN_MARKED, "Which partition was full"),
        (HEADER_BLOCK_THEN_MARKED, "Could you send me the cron log"),
        (ATTRIBUTION_OWN_MARK, "How much space"),
        (ARROW_MARK, "Is there a source RPM too?"),
    ],
)
def test_the_reply_below_the_quote_is_where_the_ask_is(body: str, sentence: str) -> None:
    hit = detect_request(body, SENT)
    assert hit is not None and hit.confidence >= SUGGEST and hit.sentence.startswith(sentence)


def test_a_forward_without_a_word_of_ones_own_asks_nothing() -> None:
    assert detect_request(FORWARD_UNMARKED, SENT) is None


ARGUMENT = """So, are you saying that there is one standard library for every platform?
Is there a standard way of doing persistence that rivals the JDBC drivers?

Could you send me the benchmark you mentioned?"""


def test_an_arguments_questions_are_at_most_suggested() -> None:
    sentences = _candidates(ARGUMENT)
    assert argued_questions(sentences) == frozenset({0, 1})
    hit = detect_request(ARGUMENT, SENT)
    assert hit is not None and hit.sentence.startswith("Could you send me the benchmark")
    assert hit.confidence >= TRACK


@pytest.mark.parametrize(
    "body",
    [
        "Are you saying the build is broken? Is there a way to make it work with 2.4?",
        "You're telling me it never leaked? Is there a standard tool that finds such leaks?",
        "Wow! So you're suggesting we drop C? Is there a framework that rivals it?",
    ],
)
def test_a_challenge_makes_its_paragraph_an_argument(body: str) -> None:
    hit = detect_request(body, SENT)
    assert hit is None or hit.confidence < TRACK, hit


@pytest.mark.parametrize(
    "body",
    [
        "Is there a way to make the build work with 2.4?",
        "What are you saying in the keynote? Is there a draft I could read?",
    ],
)
def test_a_question_without_a_challenge_is_not_an_argument(body: str) -> None:
    assert not argued_questions(_candidates(body))
