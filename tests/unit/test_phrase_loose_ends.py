"""Forms that end where a person would stop: a verb that needs a thing gets "it", a tag
question and a vague "some time" are dropped (issue 16)."""

from __future__ import annotations

import pytest

from followthrough.detect.phrase import decide_ask_phrase
from followthrough.model import Address

HELPER = (Address("sam@example.org", "Sam Lee"),)


@pytest.mark.parametrize(
    ("sentence", "gerund"),
    [
        ("Let's discuss.", "discussing it"),
        ("We should discuss further.", "discussing it"),
        ("lets discuss", "discussing it"),
        ("Please discuss with Jeff.", "discussing it with Jeff"),
        ("Could you discuss the plan with Jeff?", "discussing the plan with Jeff"),
        ("Let's discuss these comments, ok?", "discussing these comments"),
        ("Can you send it over, ok?", "sending it over"),
        ("Let's get together for lunch some time.", "getting together for lunch"),
        ("Can we grab a coffee sometime soon?", "grabbing a coffee"),
        ("Could we meet one of these days?", "meeting"),
        ("Can you review the memo at some point?", "reviewing the memo"),
    ],
)
def test_a_form_ends_where_a_person_would_stop(sentence: str, gerund: str) -> None:
    phrase = decide_ask_phrase("mail", sentence, "", HELPER)
    assert phrase.gerund == gerund
    assert not phrase.gerund.endswith(("discussing", ",", "?")), phrase
