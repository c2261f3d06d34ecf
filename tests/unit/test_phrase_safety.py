"""The phrase model never loses an ask: odd words cost the ask its forms, nothing more."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthrough.detect import phrase
from followthrough.detect.phrase import MAX_GERUND_WORDS, MAX_TOPIC_WORDS, shorten
from followthrough.model import Address

# words each shortening rule looks at, and the words around them
WORDS = [
    "the",
    "plan",
    "for",
    "Laine",
    "or",
    "and",
    "to",
    "that",
    "with",
    "Omar",
    "Zorblat",
    "reviewing",
    "budget",
    "numbers",
    "whether",
    "if",
    "be",
    "have",
    "which",
    "where",
    "sending",
    "it",
    "me",
    "Q3",
    "of",
    "from",
    "relative",
    "prior",
]


@pytest.mark.parametrize("limit", [MAX_GERUND_WORDS, MAX_TOPIC_WORDS, 5])
def test_a_form_one_word_too_long_whose_last_word_decides_the_cut(limit: int) -> None:
    # the rules look at the word after a cut; at the last word there is none
    # (this raised IndexError on a calendar title before)
    form = " ".join(["the", "meeting", "notes"] + ["budget"] * (limit - 4) + ["Zorblat", "to"])
    assert len(form.split()) == limit + 1
    assert isinstance(shorten(form, limit), str)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=18), st.integers(3, 14))
def test_shortening_any_form_gives_a_form_no_longer_than_the_limit(
    words: list[str], limit: int
) -> None:
    form = " ".join(words)
    out = shorten(form, limit)
    if len(words) <= limit:
        assert out == form
    else:
        assert len(out.split()) <= limit  # cut where a writer would end it, or "" (plainer)


def test_a_fault_in_the_rules_costs_the_ask_its_forms_not_the_ask(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise IndexError("list index out of range")

    monkeypatch.setattr(phrase, "decide_phrase", broken)
    with caplog.at_level(logging.WARNING, logger="followthrough.detect.phrase"):
        said = phrase.decide_ask_phrase(
            "mail", "Could you send me the deck?", "", [Address("sam@example.org", "Sam Lee")]
        )
    assert (said.base, said.gerund, said.topic) == ("", "", "")
    assert said.sentence == "Could you send me the deck?"
    assert "could not phrase an ask from its sentence (IndexError" in caplog.text
