"""Issue 17, eighth round: the message's real ask wins (``detect/choice.py``).

A question to the reader beats the sentences around it that the model also scores as
asks: advice ("You need to rebuild the index.", "Make sure you …", "What you need to know
is: …"), the writer's own situation or plan ("Did I send you the wrong patch?", "…, I'll
probably rewrite the filter"), a line that introduces what follows ("Check the output
yourself:") and a fragment ("Bad luck?"). A confident ask (tracked) keeps its place, and
context with no question beside it is still suggested.

Every message here is written for these tests (none is taken from a labelled sample).
A row is a message body, the band of its best ask (``tracked``, ``suggested`` or
``not``) and the start of the sentence that must be its best ask (None: any).
"""

from __future__ import annotations

import pytest

from detect_helpers import SENT, band_of
from followthrough.detect import detect_request
from followthrough.detect.choice import is_context

ROWS: list[tuple[str, str, str | None]] = [
    # advice, then the question the writer wants answered
    (
        "You need to rebuild the index after the import. How big is the mailbox?",
        "suggested",
        "How big",
    ),
    (
        "Make sure you back up the config first. Which version did you install?",
        "suggested",
        "Which version",
    ),
    (
        "You need to restart the service after every change. What port is it listening on?",
        "suggested",
        "What port",
    ),
    ("You should really run fsck on that disk. How old is the drive?", "suggested", "How old"),
    (
        "You should go back and split the data into random sets. How did you pick the test set?",
        "suggested",
        "How did you pick",
    ),
    (
        "What you need to know about the mirror is this: it syncs hourly."
        " Where are you downloading from?",
        "suggested",
        "Where are you",
    ),
    (
        "Which version did you install? You should also run the tests twice.",
        "suggested",
        "Which version",
    ),
    (
        "If it keeps failing, you should file a bug. Is it the stock RPM?",
        "suggested",
        "Is it the stock",
    ),
    ("Don't forget to update the DNS records. Who hosts the domain?", "suggested", "Who hosts"),
    # the writer's own situation or plan
    (
        "Did I send you the wrong patch? What does line 40 say in your copy?",
        "suggested",
        "What does line 40",
    ),
    ("Have I got the dates wrong again? When is the review meeting?", "suggested", "When is"),
    (
        "Was I wrong about the patch level? What does uname say on your box?",
        "suggested",
        "What does uname",
    ),
    (
        "When I get back I'll probably rewrite the filter. Is there a list of the rules somewhere?",
        "tracked",
        "Is there a list",
    ),
    # a line that introduces what follows
    (
        "Check the output yourself:\nls -l /var/spool\n\nWhy is the queue so big?",
        "suggested",
        "Why is the queue",
    ),
    (
        "Try this on your end:\nmake clean && make\n\nDid the build finish last time?",
        "suggested",
        "Did the build",
    ),
    (
        "See for yourself:\nhttp://example.org/graph.png\n\nWhat changed on Tuesday?",
        "suggested",
        "What changed",
    ),
    # a fragment beside a formed question
    ("Bad luck? How many times did the upload fail?", "suggested", "How many times"),
    ("Fixed now? Which patch did you end up applying?", "suggested", "Which patch"),
    # a confident ask keeps its place
    (
        "You should upgrade first. Could you send me the full log by Friday?",
        "tracked",
        "Could you send",
    ),
    (
        "Could you send me the full log? You should also check the disk.",
        "tracked",
        "Could you send",
    ),
    (
        "Please send me the following:\n- the log\n- the config\n\nDid you get my fax?",
        "tracked",
        "Please send",
    ),
    (
        "Can I borrow the projector on Monday? Did I leave my charger in your office?",
        "tracked",
        "Can I borrow",
    ),
    # context alone, or beside no question, is still what the message offers
    ("You need to rebuild the index after the import.", "suggested", "You need to rebuild"),
    ("Did I send you the wrong patch?", "suggested", "Did I send"),
    ("You should upgrade first. It fixed the same crash here.", "suggested", "You should upgrade"),
    ("Should I upgrade first? Which version are you running?", "suggested", None),
]


@pytest.mark.parametrize(("body", "band", "sentence"), ROWS)
def test_table(body: str, band: str, sentence: str | None) -> None:
    hit = detect_request(body, SENT)
    assert band_of(hit.confidence if hit is not None else 0.0) == band, (body, hit)
    if sentence is not None:
        assert hit is not None and hit.sentence.startswith(sentence), hit


def test_the_table_has_twenty_rows_of_its_own() -> None:
    assert len(ROWS) >= 20


@pytest.mark.parametrize(
    "sentence",
    [
        "You should upgrade to the 2.4 kernel first.",
        "So you need to rebuild the index.",
        "If that fails, you might want to try the nightly build.",
        "Make sure you back up the config first.",
        "The trick is to mount it read-only.",
        "Here is what I get when I run it:",
        "Did I certify that one?",
        "Have I missed something obvious?",
        "Lesson learned?",
    ],
)
def test_context(sentence: str) -> None:
    assert is_context(sentence, sentence.lower(), [])


@pytest.mark.parametrize(
    "sentence",
    [
        "Which version are you running?",
        "Could you send me the full log?",
        "Should I upgrade first?",
        "Can I borrow the projector?",
        "Do I need to restart the daemon?",
        "Any takers?",
        "Why wireless?",
        "Please review the budget.",
    ],
)
def test_not_context(sentence: str) -> None:
    assert not is_context(sentence, sentence.lower(), [])


def test_a_plan_of_the_writers_own_is_context_by_its_rule_alone() -> None:
    sentence = "When the box is back I'll rerun it."
    assert is_context(sentence, sentence.lower(), [("commit", "i'll")])
    assert not is_context(sentence, sentence.lower(), [("commit", "i'll"), ("you", "you")])
