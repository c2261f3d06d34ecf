"""The detector's speed shortcuts decide exactly what the plain forms they replace decide.

Each shortcut (a cheaper pattern, a word test run before a pattern) is checked against the
plain form on the shared real-world sentences and on hand-made edge cases.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from followthrough.detect import segment_text
from followthrough.detect.features import (
    _BRANCH_TRIGGERS,
    _SPAM_SUBSTRINGS,
    _TOKEN,
    _TOKEN_TRIGGERS,
    RULES,
    _rule_hits,
    gate_parts,
)
from followthrough.detect.gate import _gate
from followthrough.detect.junk import _TAIL_JUNK, _may_end_in_junk
from followthrough.detect.mass import _MASS_FOOTER, _MASS_FOOTER_WORDS, is_mass_mail
from followthrough.detect.prefilter import may_ask_without_question_mark
from followthrough.detect.request import (
    _split_at_boundaries,
    split_sentences,
)
from followthrough.detect.rhetoric import _QUOTE_MARK, _SPEECH_OPEN, _opens_speech, _quote_marks
from followthrough.detect.segment import (
    _ATTRIBUTION_END,
    _ATTRIBUTION_START,
    _DISCLAIMER,
    _DISCLAIMER_WORDS,
    _HEADER,
    _LOTUS_TO,
    _PIPE,
    _SENT_FROM,
    _SEPARATOR,
    _SEPARATOR_FIRST,
    _SIG_DASHES,
    _SIG_FIRST,
    _SIGN_OFF,
    _may_be_header,
    _piped,
    _says_wrote,
    _starts_attribution,
)
from followthrough.detect.words import may_contain
from shared_data import SHARED_DATA, mail_lines, needs_shared_data


def _intent_sentences() -> list[str]:
    path = SHARED_DATA / "asks" / "intent-train.tsv"
    return [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]


# ---- tokens ------------------------------------------------------------------------------

_PLAIN_TOKEN = re.compile(r"[a-z0-9$]+(?:'[a-z]+)?|[?!:]")
_ODD_TOKENS = [
    "it's what you'd've said: don't!",
    "rock'n'roll 'quoted' words'",
    "$5 or $link? 10:30, ok?!",
    "o'' ''a x'1 y'z' 'q",
]


@needs_shared_data
def test_the_tokens_are_those_of_the_plain_pattern() -> None:
    for sentence in _intent_sentences() + _ODD_TOKENS:
        lower = sentence.lower()
        assert _TOKEN.findall(lower) == _PLAIN_TOKEN.findall(lower), sentence


# ---- sentence boundaries ------------------------------------------------------------------

_PLAIN_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9@]|\*\w+\*)"
    r"|(?<=\?)(?:\.{2,}|\?+)?\s+(?=[a-z])"
)
_ODD_CHUNKS = [
    "Really?? what now",
    "Is it from the mix?... leaving the rest",
    'He said "go." Then he left.) (And then?) ok',
    "Done! *Really* done. 2 more. @Bob, see it? .  . ? ! A",
    "e.g. This. i.e. that? yes?\tNo!\u00a0Maybe.",
    "?? a ... B ?. c ?.. d",
]


@needs_shared_data
def test_sentences_split_where_the_lookbehind_pattern_splits() -> None:
    sentences = _intent_sentences()
    chunks = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 2)]
    for chunk in chunks + _ODD_CHUNKS:
        assert _split_at_boundaries(chunk) == _PLAIN_BOUNDARY.split(chunk), chunk


# ---- disclaimers -----------------------------------------------------------------------------

_DISCLAIMER_LINES = [
    "This e-mail and any attachments are confidential.",
    "THIS MESSAGE is intended only for the addressee",
    "Legal Notice: …",
    "  privacy note",
    "Disclaimer: nothing here binds us",
    "The information contained in this email is privileged",
    "If you are not the intended recipient, delete it.",
    "E-mail transmission cannot be guaranteed to be secure",
    "Please consider the environment before printing this e-mail.",
    "D\u0130SCLAIMER: a dotted capital I",  # a case-insensitive "i" that lower() keeps apart
    "disclaımer: a dotless i",
    "Legal noti\u0441e",  # a Cyrillic "с": no match, and none is needed
    "di\u017fclaimer: a long s",
]


@needs_shared_data
def test_a_disclaimer_line_always_has_one_of_the_disclaimer_words() -> None:
    lines = mail_lines() + _DISCLAIMER_LINES
    assert sum(_DISCLAIMER.match(line) is not None for line in lines) >= 12
    for line in lines:
        if _DISCLAIMER.match(line):
            assert may_contain(line, _DISCLAIMER_WORDS), line


@pytest.mark.parametrize("word", ["D\u0130SCLAIMER", "DISCLAIMER", "diſclaimer"])
def test_a_disclaimer_in_any_case_is_split_off(word: str) -> None:
    seg = segment_text(f"Could you review the plan?\n\n{word}: this mail binds nobody.\n")
    assert seg.new == "Could you review the plan?"
    assert seg.disclaimer == f"{word}: this mail binds nobody."


def test_a_message_without_disclaimer_words_keeps_its_text() -> None:
    body = "Could you review the plan?\n\nThe notes are attached.\nThis is all."
    assert segment_text(body).new == body
    assert not may_contain(body, _DISCLAIMER_WORDS)


# ---- quote and attribution lines --------------------------------------------------------------

_ODD_LINES = [
    "On Mon, Jan 7, 2002 at 10:45 AM, Bob wrote:",
    "  ON 2002-01-07 Bob wrote:",
    "\u00a0On Monday, Ann wrote:",
    "\u0130l 3 gen 2002, Bob ha scritto:",
    "Il 3 gen 2002, Bob ha scritto:",
    "w dniu 3.01.2002 Bob napisał:",
    "W\u00a0dniu 3.01.2002",
    "\u0661\u0662/\u0661\u0662/\u0662\u0660\u0660\u0662 Bob:",
    "07.01.2002 10:45, Bob:",
    "Den 7 jan 2002 skrev Bob:",
    "   | quoted",
    "    |",
    "     | not quoted",
    "|x",
    "\t|\tquoted",
    "-----Original Message-----",
    "  Begin forwarded message:",
    "BEGIN FORWARDED MESSAGE",
    "__________",
    "---------- Forwarded by Bob",
    "—— not a separator",
    "To: Ann",
    "  TO :",
    "tO:x",
    "Total: 5",
]


@needs_shared_data
def test_the_line_shortcuts_decide_as_the_patterns_do() -> None:
    for line in mail_lines() + _ODD_LINES:
        assert _starts_attribution(line) == bool(_ATTRIBUTION_START.match(line)), line
        assert _piped(line) == bool(_PIPE.match(line)), line
        if _SEPARATOR.match(line):
            assert line.lstrip()[:1] in _SEPARATOR_FIRST, line
        if _LOTUS_TO.match(line):
            assert ":" in line, line
        if _ATTRIBUTION_END.search(line):
            assert line.rstrip().endswith(":"), line


def test_a_dotted_capital_i_may_still_start_an_attribution() -> None:
    body = "Sounds good.\n\n\u0130l 3 gen 2002, Bob ha scritto:\n> Could you send it?\n"
    assert segment_text(body).new == "Sounds good."


# ---- mass-mail footers ---------------------------------------------------------------------

_FOOTERS = [
    "To unsubscribe, write to us.",
    "Unsubscribe here: $LINK",
    "UNSUBSCRIBE FROM THIS LIST",
    "Click here to claim it",
    "You are receiving this e-mail because you signed up.",
    "you were getting this alert because",
    "You received this message because",
    "You get this newsletter weekly",
    "to be removed from the list",
    "To stop receiving these",
    "to opt-out, reply",
    "To opt out",
    "Manage your subscriptions",
    "manage e-mail preferences",
    "Our newsletter is free",
    "Privacy Statement",
    "privacy policy",
    "Please do not attempt to reply to this message.",
    "To un\u017fub\u017fcribe, write to us.",  # a long s, matched as "s"
]


@needs_shared_data
def test_a_mass_mail_footer_always_has_one_of_the_footer_words() -> None:
    lines = mail_lines() + _FOOTERS
    assert all(_MASS_FOOTER.search(line) for line in _FOOTERS)
    for line in lines:
        if _MASS_FOOTER.search(line):
            assert may_contain(line, _MASS_FOOTER_WORDS), line


def test_a_footer_makes_mass_mail_and_plain_text_does_not() -> None:
    assert is_mass_mail("Could you send it?\n\nTo un\u017fub\u017fcribe, write to us.")
    assert not is_mass_mail("Could you send it?\n\nThanks, Ann")


_HEADER_LINES = [
    "From: Ann <ann@example.com>",
    "  *From:* Ann",
    "<b>Sent:</b> Monday",
    "Enviado el: lunes",
    "ENVIADA EM: segunda",
    "Envoyé le : lundi",
    "De : Ann",
    "Från: Ann",
    "发件人: Ann",
    "Subject\u00a0: hi",
    "\u00a0To: Bob",
    "**From:** Ann",
    "From *: Ann",
    "Toxic: no header",
    "Ann: an answer",
    "http://example.com/a:b",
]


@needs_shared_data
def test_the_header_shortcut_never_hides_a_header_line() -> None:
    lines = mail_lines() + _HEADER_LINES
    assert sum(_HEADER.match(line) is not None for line in lines) > 100
    for line in lines:
        if _HEADER.match(line):
            assert _may_be_header(line), line
    assert not _may_be_header("Toxic: no header")
    assert not _may_be_header("I did the following: nothing")


# ---- what is asked ---------------------------------------------------------------------------

_TAIL_PIECES = [
    "please", "thanks", " ", ",", "?", ".", "!", "-", ";", ":", "\n", "a", "it'd be great",
    "too", "x", "\u00a0", "thank you", "as well", "PLEASE", "\u017f", "plea\u017fe",
    "if you can", "Sec", "when you get a chance", "help", "\u212a", "send it",
]  # fmt: skip


@needs_shared_data
def test_the_tail_junk_shortcut_never_hides_a_match() -> None:
    rng = random.Random(17)
    texts = _intent_sentences() + [
        "".join(rng.choice(_TAIL_PIECES) for _ in range(rng.randint(0, 10))) for _ in range(50_000)
    ]
    assert sum(_TAIL_JUNK.search(t) is not None for t in texts) > 10_000
    for text in texts:
        if _TAIL_JUNK.search(text):
            assert _may_end_in_junk(text), text


# ---- quotations ------------------------------------------------------------------------------

_QUOTE_PIECES = [
    '"', "\u201c", "\u201d", " ", "(", "[", "a", "_", "'", "1", ":", ",", "\n", "\u00a0",
    "x y", ".", "\u00e9", "\t", "-", "\u0661", "\u2160", "\u00b2", "He said: ",
]  # fmt: skip


@needs_shared_data
def test_quote_marks_are_found_where_the_pattern_finds_them() -> None:
    rng = random.Random(11)
    texts = _intent_sentences() + [
        "".join(rng.choice(_QUOTE_PIECES) for _ in range(rng.randint(0, 9))) for _ in range(30_000)
    ]
    marks = 0
    for text in texts:
        want = [(m.group("open") is not None, m.start()) for m in _QUOTE_MARK.finditer(text)]
        assert _quote_marks(text) == want, text
        marks += len(want)
        for end in range(min(len(text), 12) + 1):
            want_open = _SPEECH_OPEN.search(text, 0, end) is not None
            assert _opens_speech(text, end) == want_open, (text, end)
    assert marks > 10_000


# ---- attributions and signatures ----------------------------------------------------------

_WROTE_LINES = [
    "On Mon, Bob wrote:",
    "Le lundi, Ann a \u00e9crit :",
    "Am Montag schrieb Bob:",
    "El lunes, Ana escribi\u00f3:",
    "Il giorno lun, Bob ha scritto:",
    "Op maandag schreef Bob:",
    "Em seg, Ana escreveu:",
    "Den m\u00e5n skrev Bob:",
    "W dniu pon Bob napisa\u0142:",
    "\u0412 \u043f\u043d \u0411\u043e\u0431 \u043d\u0430\u043f\u0438\u0441\u0430\u043b:",
    "\u0410\u043d\u043d\u0430 \u043d\u0430\u043f\u0438\u1c83\u0430\u043b\u0430:",  # a wide es
    "On Mon, Bob WROTE :  ",
    "On Mon, Bob wro\u0165e:",
]


@needs_shared_data
def test_the_signature_and_attribution_shortcuts_decide_as_the_patterns() -> None:
    lines = mail_lines() + _WROTE_LINES + ["-- ", "\u2014", "__", " --", "Thanks,", "Regards"]
    assert sum(_ATTRIBUTION_END.search(line) is not None for line in lines) >= 12
    for line in lines:
        assert _says_wrote(line) == bool(_ATTRIBUTION_END.search(line)), line
        if _SIG_DASHES.match(line):
            assert line.startswith(("--", "\u2014", "__")), line
        if _SENT_FROM.match(line):
            assert line.lstrip()[:1] in _SIG_FIRST, line
        if _SIGN_OFF.match(line):
            assert len(line.strip().rstrip(",.!-").rstrip()) <= 23, line


# ---- statements the gate cannot find addressed ---------------------------------------------

# One statement (no "?") per ground on which the gate finds one addressed, each of which the
# filter must let through, and statements it may drop.
_ADDRESSED_STATEMENTS = [
    "Your comments would be much appreciated.",
    "Does anyone know how to rebuild the index.",
    "It breaks on my box - anyone seen this before.",
    "If anyone knows why, give me a shout.",
    "Any ideas",
    "It'd be a great help.",
    "Somebody fix the posting setting.",
    "How do I go about getting it removed.",
    "Bob, send me the log.",
    "It fails on the second run, so check the permissions first.",
    "Could you review the deck by Friday.",
    "Please sign the form.",
    "Let me know when it is done.",
    "I'd like you to join the call.",
    "I was wondering if you could help.",
    "I'd appreciate it if you sent it today.",
    "Call me when you land.",
    "You should upgrade the kernel first.",
    "I wanted to ask whether the build is green.",
    "Can we move our 1:1 to Wednesday.",
    "Any chance you could cover for me.",
]
_PLAIN_STATEMENTS = [
    "The build failed again last night.",
    "I think it was about time we fixed it.",
    "If it works, we would ship it on Monday.",
    "People on the list said the same thing.",
]


def _gate_addressed(sentence: str) -> bool:
    p = gate_parts(sentence)
    return _gate(sentence, p.lower, p.shape, p.hits, p.tokens)[0] == "addressed"


def _may_ask(sentence: str) -> bool:
    lower = sentence.lower()
    toks = _TOKEN.findall(lower)
    return may_ask_without_question_mark(lower, toks, set(toks))


@pytest.mark.parametrize("sentence", _ADDRESSED_STATEMENTS)
def test_each_ground_of_an_addressed_statement_passes_the_filter(sentence: str) -> None:
    assert _gate_addressed(sentence), sentence
    assert _may_ask(sentence), sentence


@pytest.mark.parametrize("sentence", _PLAIN_STATEMENTS)
def test_a_plain_statement_is_dropped_by_the_filter(sentence: str) -> None:
    assert not _gate_addressed(sentence), sentence
    assert not _may_ask(sentence), sentence


@needs_shared_data
def test_the_statement_filter_never_hides_an_addressed_sentence() -> None:
    boilerplate = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"
    lines = boilerplate.read_text("utf-8").splitlines()
    sentences = _intent_sentences() + [ln for ln in lines if not ln.startswith("#")]
    sentences += split_sentences("\n".join(mail_lines()))
    dropped = 0
    for sentence in sentences:
        if "?" in sentence or _may_ask(sentence):
            continue
        dropped += 1
        assert not _gate_addressed(sentence), sentence
    assert dropped > len(sentences) // 2  # (the filter does drop most statements)


# ---- rule triggers as bits -------------------------------------------------------------------


def _plain_rule_hits(lower: str, tokens: set[str]) -> list[tuple[str, str]]:
    """``_rule_hits`` with each trigger set tested against the tokens one by one."""
    if "'" in lower:
        tokens = tokens | {w for t in tokens if "'" in t for w in t.split("'")}
    hits: list[tuple[str, str]] = []
    for rule_id, pattern in RULES:
        sets_met = all(not words.isdisjoint(tokens) for words in _TOKEN_TRIGGERS[rule_id])
        branches = _BRANCH_TRIGGERS.get(rule_id, ())
        if sets_met and branches and "$" not in lower:
            sets_met = any(all(not w.isdisjoint(tokens) for w in b) for b in branches)
        spam = rule_id == "spam" and any(t in lower for t in _SPAM_SUBSTRINGS)
        if sets_met or (
            spam and not all(not words.isdisjoint(tokens) for words in _TOKEN_TRIGGERS[rule_id])
        ):
            m = pattern.search(lower)
            if m is not None:
                hits.append((rule_id, m.group(0)))
    return hits


@needs_shared_data
def test_the_trigger_bits_decide_as_the_trigger_sets() -> None:
    sentences = _intent_sentences() + _ODD_TOKENS + _ADDRESSED_STATEMENTS + _PLAIN_STATEMENTS
    sentences += ["If you could$ send it", "$could you send it", "how about a $5 fee"]
    fired = 0
    for sentence in sentences:
        lower = sentence.lower()
        tokens = set(_TOKEN.findall(lower))
        hits = _rule_hits(lower, tokens)
        assert hits == _plain_rule_hits(lower, tokens), sentence
        fired += len(hits)
    assert fired > len(sentences)
