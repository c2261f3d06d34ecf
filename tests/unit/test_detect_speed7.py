"""The seventh round's speed shortcuts give exactly what the plain forms they replace give,
on the shared real-world mail and sentences and on generated edge cases."""

from __future__ import annotations

import random
import re

from followthrough.detect import boilerplate, direct, gate, group, mass, request, rhetoric
from followthrough.detect.dayforms import _DAY_PATTERNS, _MONTH_WORDS
from followthrough.detect.days import _ORDINAL_DIGIT, text_words
from followthrough.detect.features import (
    _CLAUSE_LEAD,
    _CLAUSE_SPLIT,
    _IMPERATIVE,
    _RULE_WORDS,
    _TOKEN,
    RULES,
    _has_clause_imperative,
    rule_hits,
    tokens_of,
)
from followthrough.detect.group import _GROUP_ASK
from followthrough.detect.segment import _DISCLAIMER, _disclaimer_start
from followthrough.detect.words import Needs, has_case_odd, may_contain
from shared_data import SHARED_DATA, mail_lines, needs_shared_data

# ---- the disclaimer's first line ------------------------------------------------------------


def _disclaimer_by_line(lines: list[str]) -> int | None:
    """What ``segment_text`` did before: ``_DISCLAIMER.match`` on each line after the first."""
    return next((i for i, line in enumerate(lines) if i > 0 and _DISCLAIMER.match(line)), None)


_DISCLAIMER_PIECES = [
    "This email is confidential", "this message and its attachments are privileged",
    "This e-mail is intended only for the addressee", "CONFIDENTIALITY NOTICE", "Legal note",
    "Disclaimer:", "disclaimer \u00a0:", "The information contained in this message",
    "If you are not the intended recipient", "email transmission cannot be guaranteed",
    "Please consider the environment before printing", "this message", "confidential", " ",
    "\t", "\u00a0", "\x0b", "\u2028", ".", "\u0130f you are not the recipient", "Hi Bob,", "",
    "this email\nis confidential", "intended for", "thanks", "-- ", "\u00e9",
]  # fmt: skip


def test_disclaimer_start_is_the_first_matching_line_after_the_first() -> None:
    rng = random.Random(7)
    for _ in range(30_000):
        text = "\n".join(
            "".join(rng.choice(_DISCLAIMER_PIECES) for _ in range(rng.randint(0, 4)))
            for _ in range(rng.randint(1, 6))
        )
        lines = text.split("\n")  # (as ``segment_text`` splits a body: no "\n" in a line)
        assert _disclaimer_start(lines) == _disclaimer_by_line(lines), lines


@needs_shared_data
def test_disclaimer_start_on_real_mail() -> None:
    lines = mail_lines()
    for start in range(0, len(lines), 40):
        chunk = lines[start : start + 60]
        assert _disclaimer_start(chunk) == _disclaimer_by_line(chunk)


# ---- patterns searched only where their words are ---------------------------------------------


def _intent_sentences() -> list[str]:
    path = SHARED_DATA / "asks" / "intent-train.tsv"
    return [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]


def _gated() -> list[tuple[str, Needs]]:
    """Every ``Needs`` of the gate's modules, once each, by name."""
    found: dict[int, tuple[str, Needs]] = {}
    for module in (boilerplate, direct, gate, group, rhetoric):
        for key, value in vars(module).items():
            if isinstance(value, Needs):
                found.setdefault(id(value), (key, value))
    return list(found.values())


def _phrases(seed: int, count: int) -> list[str]:
    """Random runs of the words and marks the gated patterns are written with."""
    vocab = sorted(
        {w for _, needs in _gated() for w in re.findall(r"[a-z']+", needs.pattern.pattern)}
        | {",", ":", ";", "?", "-", " - ", "(", "...", "!", "*", "'", "\u00e9", "$", "5"}
    )
    rng = random.Random(seed)
    return [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 9))) for _ in range(count)]


def test_the_gated_patterns_are_the_ones_meant() -> None:
    names = {name for name, _ in _gated()}
    assert {"_CONTACT", "_LINK_INTRO", "_OFFER_ME", "_TAIL_NOUN_ASK", "_NICE_WISH"} <= names
    assert {
        "_JUST_YOU",
        "_RHETORICAL",
        "_LET_ME_SAY",
        "_DIRECTION",
        "_DUE_WORDS",
        "_MODAL_DO",
    } <= names
    for _, needs in _gated():
        assert not needs.pattern.flags & re.IGNORECASE


# One sentence each gated pattern matches (so that each is seen to match at least once).
_GATED_EXAMPLES = [
    "let me know if you need anything", "feel free to call me", "see the link below:",
    "or you could let me write one for you?", "do you want me to send it?", "shall i call?",
    "the build fails again - ideas, folks?", "it would be nice if one could pick it",
    "couldn't you just restart it?", "can you believe it's december?", "let me guess, it broke",
    "don't you think so?", "but let me ask you this", "please see the faq", "review it by 5",
    "so could you check it", "can you send the log",
]  # fmt: skip


def test_needs_searches_as_its_pattern_does() -> None:
    texts = [*_phrases(7, 60_000), *_GATED_EXAMPLES]
    for name, needs in _gated():
        hits = 0
        for text in texts:
            m, found = needs.pattern.search(text), needs.search(text)
            hits += m is not None
            assert (m is None and found is None) or (
                m is not None and found is not None and m.span() == found.span()
            ), (name, text)
        assert hits, name


@needs_shared_data
def test_needs_words_are_in_every_match_on_real_sentences() -> None:
    texts = [s.lower() for s in _intent_sentences()] + [ln.lower() for ln in mail_lines()]
    for name, needs in _gated():
        for text in texts:
            if needs.pattern.search(text) is not None:
                assert any(w in text for w in needs.words), (name, text)


# ---- the other words looked for first ----------------------------------------------------------


def test_tied_words_are_in_every_tied_sentence() -> None:
    texts = [
        *_phrases(11, 20_000),
        "By then: Friday", "the DEADLINE is Monday", "I need it back by noon", "ideally before 5",
        "please let me know by Friday", "due tomorrow", "not later than the 5th", "until then",
        "\u017fend it by Friday, pleaſe", "no later than \u0130t", "BY THEN",
    ]  # fmt: skip
    for text in texts:
        assert request._tied(text) == (request._TIED.search(text) is not None), text


def test_announcement_and_title_words() -> None:
    texts = [
        *_phrases(13, 20_000),
        "Version 2.1 has been released", "This is a stable beta release.", "SECURITY ADVISORY",
        "Severity: high", "CVE: 2002-1", "  affected versions: all", "ADVISORY ID: 7",
        "WEEKLY NEWS LETTER", "The Bulletin", "our newsletter", "DIGEST 5", "\u017fecurity update",
    ]  # fmt: skip
    for text in texts:
        if mass._ANNOUNCEMENT.search(text):
            assert may_contain(text, mass._ANNOUNCEMENT_WORDS), text
        if mass._MASS_TITLE.search(text):
            assert any(w in text for w in mass._MASS_TITLE_WORDS), text


def test_ask_lead_match_is_its_first_substitution() -> None:
    texts = [
        *_phrases(17, 20_000),
        "Could you please send it", "please review", "I was wondering if you could check",
        "Quick question: could you look", "and also, please", "Bob, could you", "",
    ]  # fmt: skip
    for text in texts:
        lead = request._ASK_LEAD.match(text)
        cut = text[lead.end() :] if lead is not None else text
        assert cut == request._ASK_LEAD.sub("", text, count=1), text


# ---- the tokens -------------------------------------------------------------------------------


def test_tokens_of_is_the_token_pattern_on_generated_text() -> None:
    rng = random.Random(3)
    alphabet = [*map(chr, range(128)), "ab", "cd", "'s", " you", "don't", "\u00e9", "\u0130", "$5"]
    for _ in range(60_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        for lower in (text, text.lower()):
            assert tokens_of(lower) == _TOKEN.findall(lower), lower


@needs_shared_data
def test_tokens_of_is_the_token_pattern_on_real_sentences() -> None:
    for text in [*_intent_sentences(), *mail_lines()]:
        lower = text.lower()
        assert tokens_of(lower) == _TOKEN.findall(lower), lower


# ---- the deadline's forms ---------------------------------------------------------------------

_DATE_PIECES = [
    "by", "Dec", "Dec.", "December", "dec", "SEPT", "\u017fept", "Apr\u0131l", "5", "5th", "21ST",
    "2nd", "3rd", "the", "Monday", "mon.", "of", "on", ",", " ", "2002", "12/5", "11/19/02",
    "10:45", "AM", "Sent:", "wrote:", "On Mon, Bob", "a \u00e9crit", "in a message dated",
    "t\u0127", "\u0661\u0662th", "May", "june", "4 July", "15,2002", "x", "-", "(", ")",
]  # fmt: skip


def _dates(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(
            rng.choice(_DATE_PIECES) + rng.choice(("", " ", " ")) for _ in range(rng.randint(1, 8))
        )
        for _ in range(count)
    ]


def test_the_day_forms_skipped_cannot_match() -> None:
    patterns = dict(_DAY_PATTERNS)
    for text in _dates(19, 40_000):
        words, digits = text_words(text)
        month = digits and (not _MONTH_WORDS.isdisjoint(words) or has_case_odd(text))
        for name in ("month-day", "day-month"):
            if patterns[name].search(text) is not None:
                assert month, (name, text)
        if patterns["nth"].search(text) is not None:
            assert _ORDINAL_DIGIT.search(text) is not None, text


def test_the_header_words_are_in_every_header_line() -> None:
    for text in [*_dates(23, 40_000), "Sent: Thursday, August 08, 2002 4:45 PM"]:
        if request._HEADERISH.search(text) is not None:
            assert may_contain(text, request._HEADERISH_WORDS), text


# ---- the rules' words next to each other ------------------------------------------------------


def _rule_phrases(seed: int, count: int) -> list[str]:
    """Random runs of the rules' own words (and marks), some with a "$" or an apostrophe."""
    vocab = sorted(
        {w for _, p in RULES for w in re.findall(r"[a-z']+", p.pattern)}
        | {",", "?", "$", "'", "-", "i'll", "you're", "can't", "\u00e9", "5", "u", "ya"}
    )
    rng = random.Random(seed)
    return [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 8))) for _ in range(count)]


def _all_hits(lower: str) -> list[tuple[str, str]]:
    return [(rid, m.group(0)) for rid, p in RULES if (m := p.search(lower)) is not None]


# Sentences each rule with words matches (the random phrases seldom put them in order).
_RULE_EXAMPLES = [
    "could you send it", "can u check", "won't someone help", "would anyone know", "can we meet",
    "may i ask", "how about friday", "why don't we go", "let me know", "let them know",
    "keep me posted", "let's go", "lets see", "let us try", "i'd like that", "we would love it",
    "i need you to", "we want the list", "it would be great", "would help if", "would it be "
    "possible to update it", "is it possible", "is there any way", "any chance you could",
    "if you could", "if u can", "you might have the time", "would love your input",
    "'d appreciate it if you", "a reminder to pay", "mind checking", "i'd appreciate it if",
    "grateful if", "i wonder", "was hoping", "hope you can", "you should", "u must",
    "you and bob really need to", "i just wanted to ask", "we need to confirm",
    "i am writing to find out", "call me", "e-mail us", "get back to me", "i'll send it",
    "we will", "we are going to", "i plan to", "if you have", "if u want",
]  # fmt: skip


def test_rule_words_are_in_every_match_of_generated_phrases() -> None:
    for lower in [*_rule_phrases(29, 80_000), *_RULE_EXAMPLES]:
        for rid, pattern in RULES:
            if rid in _RULE_WORDS and pattern.search(lower) is not None:
                assert any(w in lower for w in _RULE_WORDS[rid]), (rid, lower)
        assert rule_hits(lower) == _all_hits(lower), lower
    for rid in _RULE_WORDS:
        assert any(dict(_all_hits(text)).get(rid) for text in _RULE_EXAMPLES), rid


@needs_shared_data
def test_rule_hits_are_every_match_on_real_sentences() -> None:
    for text in [*_intent_sentences(), *mail_lines()]:
        lower = text.lower()
        assert rule_hits(lower) == _all_hits(lower), lower


# ---- smaller shortcuts --------------------------------------------------------------------------


def _clause_imperative_by_pattern(lower: str, tokens: set[str]) -> bool:
    """``_has_clause_imperative`` as it was: the pattern's split whenever there is a "-"."""
    if _IMPERATIVE.isdisjoint(tokens) or not any(m in lower for m in (",", ";", "\u2013", " - ")):
        return False
    for piece in _CLAUSE_SPLIT.split(lower)[1:]:
        for word in piece.split(None, 4):
            if word not in _CLAUSE_LEAD:
                if word in _IMPERATIVE:
                    return True
                break
    return False


_CLAUSE_PIECES = [
    "send", "it", "-", " - ", "\t-\t", ",", ";", "\u2013", "e-mail", "so", "check", " ", "re-run",
    "just", "call", "and", "bob", "\u00a0-\u00a0", "please", "fix", "x",
]  # fmt: skip


def test_clause_imperative_without_the_pattern_when_no_dash_stands_alone() -> None:
    rng = random.Random(31)
    for _ in range(40_000):
        lower = "".join(rng.choice(_CLAUSE_PIECES) for _ in range(rng.randint(1, 10)))
        tokens = set(tokens_of(lower))
        assert _has_clause_imperative(lower, tokens) == _clause_imperative_by_pattern(
            lower, tokens
        ), lower


def test_group_ask_found_from_the_start_then_after_it() -> None:
    texts = [
        *_phrases(37, 30_000),
        "does anyone know", "anyone out there?", "anybody tried it", "so, can anyone help",
        "as much as anyone else", "anyone who knows", "ok, does everybody agree", "x anyone here",
    ]  # fmt: skip
    for lower in texts:
        m = _GROUP_ASK.match(lower)
        if m is None and ("anyone" in lower or "anybody" in lower):
            m = _GROUP_ASK.search(lower, 1)
        old = _GROUP_ASK.search(lower)
        assert (m is None and old is None) or (
            m is not None and old is not None and m.span() == old.span()
        ), lower


def test_abbreviation_searched_only_after_a_short_word() -> None:
    rng = random.Random(41)
    words = [
        "Mr", "mrs", "e.g", "i.e", "approx", "Inc", "A", "x", "abcdefg", "approxi", "\u00e9t\u00e9",
        "etc", "St", "fig", "no", "co", "(", " ", "\u0130nc", "re", "verylongword", "_co",
    ]  # fmt: skip
    for _ in range(40_000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) + "."
        old = request._ABBREV.search(text, max(0, len(text) - 12)) is not None
        if len(text) >= 8 and text[-8:-1].isalnum():
            assert not old, text


def test_spaces_collapse_as_before() -> None:
    rng = random.Random(43)
    pieces = ["a", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "b c", "x", ""]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert request._SPACES.sub(" ", text) == re.sub(r"\s{2,}", " ", text), text
