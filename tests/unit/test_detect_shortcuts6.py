"""The sixth round's speed shortcuts give exactly what the plain forms they replace give,
on the shared real-world sentences and on hand-made edge cases."""

from __future__ import annotations

import random

from followthrough.detect.features import _TOKEN, RULES, rule_hits
from followthrough.detect.junk import _TAIL_JUNK, drop_tail_junk
from shared_data import SHARED_DATA, mail_lines, needs_shared_data


def _intent_sentences() -> list[str]:
    path = SHARED_DATA / "asks" / "intent-train.tsv"
    return [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]


# ---- the rules' trigger words -------------------------------------------------------------

_TRIGGER_PIECES = [
    "any chance", "is it possible", "would it be possible", "is there any way", "if you could",
    "you might have the time", "would love your", "'d appreciate it if", "would welcome to hear",
    "a reminder to", "gentle reminder to", "mind checking", "Mind sending", "any", "chance",
    "way", "there", "love", "to", "it", "you're", "it's", "mind", "reminder", "possible",
    "I just wanted to ask", "we need to see", "I would like to confirm", "i am writing to find out",
    "we want to know", "i was writing to check", "want", "need", "like", "know", "see", "ask",
    " ", " ", ", ", "...", "$", "'", "-", "\u00e9", "_", "5", "I", "we", "could", "time",
]  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The trigger sets and branches of "indirect" and "wish-ask" before this round: the narrower
# ones must find what they found.
_OLD_TRIGGERS = {
    "indirect": (
        (_words("chance possible way if time love appreciate welcome reminder mind"),),
        (
            (_words("chance possible way love appreciate welcome reminder mind"),),
            (_words("if"), _words("you u"), _words("could might can would")),
            (_words("time"), _words("you u"), _words("might could can"), _words("have find spare")),
        ),
    ),
    "wish-ask": ((_words("i we"), _words("ask know inquire request check see find confirm")), ()),
}


def _old_hit(rule_id: str, lower: str) -> bool:
    tokens = set(_TOKEN.findall(lower))
    if "'" in lower:
        tokens |= {w for t in tokens if "'" in t for w in t.split("'")}
    sets, branches = _OLD_TRIGGERS[rule_id]
    if all(not words.isdisjoint(tokens) for words in sets) and (
        "$" in lower
        or not branches
        or any(all(not w.isdisjoint(tokens) for w in b) for b in branches)
    ):
        return dict(RULES)[rule_id].search(lower) is not None
    return False


@needs_shared_data
def test_the_narrower_triggers_find_what_the_old_ones_found() -> None:
    rng = random.Random(66)
    texts = _intent_sentences() + mail_lines()
    texts += [
        "".join(rng.choice(_TRIGGER_PIECES) for _ in range(rng.randint(1, 8)))
        for _ in range(40_000)
    ]
    fired = dict.fromkeys(_OLD_TRIGGERS, 0)
    for text in texts:
        lower = text.lower()
        hits = dict(rule_hits(lower))
        for rule_id in _OLD_TRIGGERS:
            found = _old_hit(rule_id, lower)
            assert (rule_id in hits) == found, (rule_id, text)
            fired[rule_id] += found
    assert min(fired.values()) > 1_000, fired


@needs_shared_data
def test_the_rule_triggers_never_hide_a_match_in_real_sentences() -> None:
    for text in _intent_sentences():
        lower = text.lower()
        every = [(rid, m.group(0)) for rid, p in RULES if (m := p.search(lower)) is not None]
        assert rule_hits(lower) == every, text


# ---- what is asked: the polite tail -----------------------------------------------------

_TAIL_PIECES = [
    "please", "thanks", " ", ",", "?", ".", "!", "-", ";", ":", "\n", "a", "it'd be great",
    "too", "x", "\u00a0", "thank you", "as well", "PLEASE", "\u017f", "plea\u017fe",
    "if you can", "Sec", "when you get a chance", "help", "\u212a", "send it", "'", "that",
    "That'd be helpful", "would", "for me", "at the latest", "this would help", "it", "pls",
    "if possible", "xplease", "pleasex", "'d", "d'", "thank", "1", "_", "\t", "big help",
]  # fmt: skip


@needs_shared_data
def test_dropping_the_tail_junk_gives_what_the_pattern_gives() -> None:
    rng = random.Random(6)
    texts = _intent_sentences() + [
        "".join(rng.choice(_TAIL_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(50_000)
    ]
    texts += [t.rstrip(" ?.!") for t in texts[:5000]]  # the summary's second look
    assert sum(_TAIL_JUNK.search(t) is not None for t in texts) > 10_000
    for text in texts:
        assert drop_tail_junk(text) == _TAIL_JUNK.sub("", text), repr(text)


def test_dropping_the_tail_junk_keeps_the_ask() -> None:
    assert drop_tail_junk("Could you send it over, please?") == "Could you send it over"
    assert drop_tail_junk("Send the deck - that'd be great, thanks!!") == "Send the deck"
    assert drop_tail_junk("Review it too, if you can") == "Review it"
    assert drop_tail_junk("Can you help") == "Can you help"  # no mark or comma before it
    assert drop_tail_junk("Ping me, PLEASE.") == "Ping me"
    assert drop_tail_junk("Ping me, plea\u017fe.") == "Ping me"  # (not ASCII: the pattern)
    assert drop_tail_junk("") == ""
