"""Asks in hand-written sent messages: found or not, what, by when, and of whom."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.config.behaviour import DetectSettings
from followthrough.detect import decide_helpers, detect_request, score_sentence, split_sentences
from followthrough.model import Address
from shared_data import SHARED_DATA, needs_shared_data

BERLIN = ZoneInfo("Europe/Berlin")
SENT = datetime(2026, 11, 18, 10, 30, tzinfo=BERLIN)  # a Wednesday
# The thresholds the product ships with: from TRACK up an ask is tracked, from SUGGEST up it
# is only suggested (`followthrough asks --suggested`).
TRACK = DetectSettings().track_threshold
SUGGEST = DetectSettings().suggest_threshold
BOB = Address("bob.smith@example.com", "Bob Smith")
CAROL = Address("carol@example.com", "Carol Jones")
DAN = Address("dan@example.com", "")
ROOT = Path(__file__).resolve().parents[2]

FRI = datetime(2026, 11, 20, 17, 0, tzinfo=BERLIN)

# (body, expected what or None for "no ask", due or None, helpers)
ASKS: list[tuple[str, str | None, datetime | None, tuple[Address, ...]]] = [
    (
        "Hi Bob,\n\nCould you review the Q3 deck by Friday?\n\nThanks,\nAnna",
        "review the Q3 deck",
        FRI,
        (BOB,),
    ),
    ("Bob, can you send me the contract?", "send me the contract", None, (BOB,)),
    (
        "Carol, could you introduce me to the Acme CTO?",
        "introduce me to the Acme CTO",
        None,
        (CAROL,),
    ),
    ("Please fill in the attached form by Friday.", "fill in the attached form", FRI, (BOB,)),
    (
        "Would you be able to introduce me to the Acme CTO?",
        "introduce me to the Acme CTO",
        None,
        (BOB,),
    ),
    (
        "Can you send me the numbers by EOD tomorrow? Thanks!",
        "send me the numbers",
        datetime(2026, 11, 19, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "I was wondering if you could look over my CV before Friday.",
        "look over my CV",
        datetime(2026, 11, 19, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    ("Could you please send the signed NDA ASAP?", "send the signed NDA", None, (BOB,)),
    (
        "Let me know if the budget works for you.",
        "let me know if the budget works for you",
        None,
        (BOB,),
    ),
    (
        "Please review the draft by 12/5.",
        "review the draft",
        datetime(2026, 12, 5, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Dan, please book the room for Tuesday's offsite.",
        "book the room for Tuesday's offsite",
        datetime(2026, 11, 24, 17, 0, tzinfo=BERLIN),
        (DAN,),
    ),
    ("Would you mind reviewing the draft, Carol?", "reviewing the draft", None, (CAROL,)),
    (
        "Hi all,\n\nCan someone send me the latest figures?\n\nBest,\nAnna",
        "send me the latest figures",
        None,
        (BOB,),
    ),
    (
        "I'd appreciate it if you could check the invoice by the 5th.",
        "check the invoice",
        datetime(2026, 12, 5, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Great seeing you!\n\nCould you share the slides from today?\n\nCheers\nAnna",
        "share the slides from today",
        None,
        (BOB,),
    ),
    (
        "Quick one: can you approve the PO in two weeks at the latest?",
        "approve the PO",
        datetime(2026, 12, 2, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    # indirect requests: a person reads each as an ask
    ("Any chance you could send the invoice?", "send the invoice", None, (BOB,)),
    (
        "Lee, when you get a chance, would it be possible to look over the budget numbers"
        " before our meeting on Tuesday?",
        "look over the budget numbers",
        datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Is it possible for you to join the call on Thursday?",
        "join the call",
        datetime(2026, 11, 19, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    ("If you could send me the form that would be great.", "send me the form", None, (BOB,)),
    (
        "Hey — do you have 10 minutes tomorrow to walk me through the new deploy process?",
        "walk me through the new deploy process",
        datetime(2026, 11, 19, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Could you take a look at PR #412 when you have a sec?",
        "take a look at PR #412",
        None,
        (BOB,),
    ),
    (
        "Can we move our 1:1 to Wednesday?",  # the weekday is what is asked, so it stays
        "can we move our 1:1 to Wednesday",
        datetime(2026, 11, 25, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Can someone from your team join the vendor call on 12/3?",
        "join the vendor call",
        datetime(2026, 12, 3, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Could you forward this to the legal team? No rush.",
        "forward this to the legal team",
        None,
        (BOB,),
    ),
    (
        "I wanted to ask whether you could send me the slides.",
        "send me the slides",
        None,
        (BOB,),
    ),
    (
        "I'm out all next week, so just call Joann and she will enter the deals.",
        "I'm out all next week, so just call Joann and she will enter the deals",
        None,
        (BOB,),
    ),
    # not asks
    ("Thanks so much for the intro, it went really well!", None, None, ()),
    ("FYI: the office is closed on Friday.", None, None, ()),
    (
        "Thanks in advance!\n\nOn Mon, Nov 16, 2026 at 9:00 AM Bob wrote:\n> Could you review this?",  # noqa: E501
        None,
        None,
        (),
    ),
    ("Great news, the deal closed yesterday.", None, None, ()),
    ("I'll send you the numbers tomorrow.", None, None, ()),
    ("Click here to unsubscribe from this newsletter. $LINK", None, None, ()),
    (
        "Sounds good.\n\n-----Original Message-----\nFrom: Bob\nSent: Tuesday\nTo: Anna\nSubject: x\n\nPlease send the report by Friday.",  # noqa: E501
        None,
        None,
        (),
    ),
    ("I will be out of the office next week.", None, None, ()),
    ("Happy birthday!", None, None, ()),
    ("You could also try restarting it.", None, None, ()),  # advice
    ("For any questions, please send us an email at help@example.com.", None, None, ()),
    ("Can you believe it's already December?", None, None, ()),  # rhetorical
    ("Here is what you will need for the trip: a passport and a warm coat.", None, None, ()),
    ("As you may know, the audit starts in January.", None, None, ()),
    ("Attached is the final report.", None, None, ()),
    ("Congratulations on the launch, well deserved.", None, None, ()),
    ("Here are my notes from the meeting.\n\nAnna", None, None, ()),
    ("", None, None, ()),
]


# Requests a person reads as asks but the product only suggests (confidence from SUGGEST up
# to below TRACK): the user sees them with `asks --suggested` and tracks them with `track ID`.
SUGGESTED: list[tuple[str, str, datetime | None, tuple[Address, ...]]] = [
    (
        "Kim, I wonder if you might have time to share the slides from the offsite.",
        "share the slides from the offsite",
        None,
        (BOB,),
    ),
    (
        "Mind reviewing my slides before the demo?",
        "reviewing my slides before the demo",
        None,
        (BOB,),
    ),
    (
        "Gentle reminder to submit your expenses by the 30th.",
        "submit your expenses",
        datetime(2026, 11, 30, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
    (
        "Bob, you should talk to Maria about the budget before Friday.",
        "talk to Maria about the budget",
        datetime(2026, 11, 19, 17, 0, tzinfo=BERLIN),
        (BOB,),
    ),
]

# Not asks that the product still suggests today: a false suggestion, never tracked.
FALSE_SUGGESTIONS = [
    "If not clickable, please copy and paste the address to your browser:",
]


@pytest.mark.parametrize(("body", "what", "due", "helpers"), ASKS)
def test_sent_messages(
    body: str, what: str | None, due: datetime | None, helpers: tuple[Address, ...]
) -> None:
    hit = detect_request(body, SENT)
    if what is None and not helpers:
        # neither tracked nor suggested
        assert hit is None or hit.confidence < SUGGEST, hit
        return
    assert hit is not None and hit.confidence >= TRACK, hit
    assert hit.what == what
    assert (hit.deadline.due if hit.deadline else None) == due
    assert decide_helpers(hit, (BOB, DAN) if helpers == (DAN,) else (BOB,), (CAROL,)) == helpers


@pytest.mark.parametrize(("body", "what", "due", "helpers"), SUGGESTED)
def test_suggested_only(
    body: str, what: str, due: datetime | None, helpers: tuple[Address, ...]
) -> None:
    hit = detect_request(body, SENT)
    assert hit is not None and SUGGEST <= hit.confidence < TRACK, hit
    assert hit.what == what
    assert (hit.deadline.due if hit.deadline else None) == due
    assert decide_helpers(hit, (BOB,), (CAROL,)) == helpers


@pytest.mark.parametrize("body", FALSE_SUGGESTIONS)
def test_a_link_instruction_is_neither_tracked_nor_suggested(body: str) -> None:
    """It used to be suggested (a false suggestion); since issue 17 an instruction not
    addressed to the reader as a request is not even suggested."""
    hit = detect_request(body, SENT)
    assert hit is None or hit.confidence < SUGGEST, hit


def test_asap_and_no_rush_kinds() -> None:
    hit = detect_request("Could you please send the signed NDA ASAP?", SENT)
    assert hit is not None and hit.deadline is not None and hit.deadline.kind == "asap"
    hit = detect_request("Could you forward this to the legal team? No rush.", SENT)
    assert hit is not None and hit.deadline is not None and hit.deadline.kind == "none"


def test_rules_are_reported() -> None:
    hit = detect_request("Could you review the Q3 deck by Friday?", SENT)
    assert hit is not None
    assert "modal-you:could you" in hit.rules
    assert "deadline:by Friday" in hit.rules


def test_question_to_cc_person_goes_to_them_only() -> None:
    hit = detect_request("Carol, can you confirm the venue?", SENT)
    assert hit is not None
    assert decide_helpers(hit, (BOB, DAN), (CAROL,)) == (CAROL,)


@pytest.mark.parametrize(
    "text",
    [
        "Monday, October 8, 2001 Dear Ken: could you send me the signed lease?",
        "Friday - can you send me the signed lease?",
        "November, can you send me the signed lease?",
    ],
)
def test_a_day_or_month_in_front_is_no_addressee(text: str) -> None:
    hit = detect_request(text, SENT)
    assert hit is not None and hit.addressees == ()
    assert decide_helpers(hit, (BOB, DAN), (CAROL,)) == (BOB, DAN)


@pytest.mark.parametrize(
    "text",
    [
        "How's Thursday, or Friday, for the budget review?",
        "What's the status, if you have a minute?",
        "Where, exactly, should I send the signed lease?",
        "Could you send me the signed lease, please?",
    ],
)
def test_a_question_word_or_contraction_in_front_or_behind_is_no_addressee(text: str) -> None:
    hit = detect_request(text, SENT)
    assert hit is not None and hit.addressees == ()


def test_unknown_addressee_falls_back_to_to() -> None:
    hit = detect_request("Zoe, can you confirm the venue?", SENT)
    assert hit is not None and hit.addressees == ("Zoe",)
    assert decide_helpers(hit, (BOB, DAN), (CAROL,)) == (BOB, DAN)


def test_what_is_short() -> None:
    long = "Could you " + "review the very long document about many things " * 5 + "?"
    hit = detect_request(long, SENT)
    assert hit is not None and len(hit.what) <= 81 and hit.what.endswith("…")


def test_score_sentence_ranks() -> None:
    ask, rules = score_sentence("Could you send me the report?")
    fyi, _ = score_sentence("The report was published yesterday.")
    assert ask > 0.8 > 0.3 > fyi
    assert any(r.startswith("modal-you") for r in rules)


def test_split_sentences() -> None:
    text = "Hi Bob,\nthanks for the call. Mr. Lay asked\nfor the deck. Could you send it?\n\n- item one\n- item two"  # noqa: E501
    assert split_sentences(text) == [
        "Hi Bob,",
        "thanks for the call.",
        "Mr. Lay asked for the deck.",
        "Could you send it?",
        "item one",
        "item two",
    ]


@needs_shared_data
def test_mojibake_and_spam_lines_never_crash() -> None:
    path = SHARED_DATA / "asks" / "intent-train.tsv"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        sentence = line.partition("\t")[2]
        score, _ = score_sentence(sentence)
        assert 0.0 <= score <= 1.0
        detect_request(sentence, SENT)


@needs_shared_data
def test_bench_runs_on_a_slice(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_detect", ROOT / "bench" / "detect.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_detect"] = module
    spec.loader.exec_module(module)
    assert module.main(["--limit", "50", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "5-fold CV" in out and "sentences/second" in out


@needs_shared_data
def test_rule_triggers_never_hide_a_match() -> None:
    from followthrough.detect.features import RULES, rule_hits

    path = SHARED_DATA / "asks" / "intent-train.tsv"
    lines = [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]
    lines += [body for body, *_ in ASKS] + ["you're up, y'all can you? e-mail me", "I'll go"]
    for sentence in lines:
        lower = sentence.lower()
        every = [(rid, m.group(0)) for rid, p in RULES if (m := p.search(lower)) is not None]
        assert rule_hits(lower) == every, sentence


@needs_shared_data
def test_parts_from_the_gate_are_the_parts_of_the_sentence() -> None:
    """``detect_request`` completes the gate's parts (a speed shortcut) instead of reading
    the sentence again: the rule hits, in order, and the shape must be the same."""
    from followthrough.detect.features import gate_parts, sentence_parts

    path = SHARED_DATA / "asks" / "intent-train.tsv"
    lines = [ln.partition("\t")[2] for ln in path.read_text("utf-8", "replace").splitlines()]
    lines += [body for body, *_ in ASKS]
    lines += ["Thanks, call me; send it - or review it \u2013 tell Bob", "$if you could help"]
    for sentence in lines:
        assert sentence_parts(sentence, gate_parts(sentence)) == sentence_parts(sentence), sentence


@pytest.mark.parametrize(
    "body",
    [
        "Let's go out to lunch when you come back.",  # a proposal
        "I will call you tomorrow after I talk with Sheri.",  # the writer's commitment
        "Give me a buzz if you want to grab some dinner.",  # a conditional offer
        "If you have any questions, please let me know.",
        "Please find the attached file which was generated by ExcelContacts.",
        "Please visit $LINK to read this message in your browser.",  # marketing
    ],
)
def test_not_addressed_to_the_recipient_is_not_tracked(body: str) -> None:
    hit = detect_request(body, SENT)
    assert hit is None or hit.confidence < TRACK, hit


def test_plain_request_forms_are_at_least_suggested() -> None:
    from followthrough.detect.features import sentence_features
    from followthrough.detect.gate import PLAIN_ASK_FLOOR, _ask_confidence

    def gated(sentence: str, p: float) -> float:
        feats, hits = sentence_features(sentence)
        return _ask_confidence(sentence, p, feats, hits)

    # whatever the model says, a request form addressed to the reader is not ignored…
    assert gated("I wonder if you might have time to share the slides.", 0.1) == PLAIN_ASK_FLOOR
    assert gated("Any chance you could send the invoice?", 0.3) == PLAIN_ASK_FLOOR
    assert gated("Could you review it?", 0.9) == 0.9  # …and a higher score stays
    # a "will you" after a question word asks nothing; a conditional offer is no ask
    assert gated("There are many options, but which one will you pick?", 0.3) == 0.3
    assert gated("Call me if you need anything.", 0.3) < PLAIN_ASK_FLOOR


def test_a_vague_summary_gets_the_subject() -> None:
    from followthrough.engine.sent import _with_subject

    hit = detect_request("Can you send it over?", SENT)
    assert hit is not None and hit.what == "send it over"
    assert _with_subject(hit.what, "Board pack: hiring") == "send it over (Board pack: hiring)"
    assert _with_subject("send me the report", "Board pack") == "send me the report"
    assert _with_subject("", "Board pack") == "Board pack"


@pytest.mark.parametrize(
    ("body", "helpers"),
    [
        ("Bob and Carol, could you review the deck?", (BOB, CAROL)),
        ("Carol and Bob, could you both review the deck?", (CAROL, BOB)),
        ("Dan, Bob & Carol: can you send me your slides?", (DAN, BOB, CAROL)),
        ("@Carol can you confirm the venue?", (CAROL,)),
        ("Hi Carol, can you confirm the venue?", (CAROL,)),
        ("Thanks Bob! @Carol, could you book the room?", (CAROL,)),
        ("Hi all, could someone book the room?", (BOB, DAN)),  # nobody named: the To
    ],
)
def test_every_named_person_is_asked(body: str, helpers: tuple[Address, ...]) -> None:
    hit = detect_request(body, SENT)
    assert hit is not None and hit.confidence >= TRACK
    assert decide_helpers(hit, (BOB, DAN), (CAROL,)) == helpers
    assert not hit.what.startswith(("both", "two", "could", ","))
