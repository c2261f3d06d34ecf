"""Tagged calendar entries said back, sixth pass (issue #16): titles in capitals keep their
numbered names and brand names ("Level 3", "Procore"); shorthand said in words ("40ft",
"Y7", "Gr 4", "sat+sun", "Mon night"); a reason after a comma is not the ask (", I'm at the
offsite"); "deep clean" is one verb, verbs of doing again ("redo", "rerun") start asks;
articles where English puts them ("the Level 3 photos", "the W-9", "for the Nepal trek")
and not before a numbered name ("on build 4471"); "OK to X?" is letting us X; "X → caterer"
sends X there; a role before the helper's surname ("Alderman Kowalski's signature"); and
descriptions: "Name: do X" asks, "once the tests pass" is when, an introduction with no one
named is to the person the helper knows; "Pairing: X" is pairing with me on X, "X: second
marking" is second-marking X; a duration after a comma is not the ask ("…, 10 min").

Every entry is written for these tests, in words of their own: none is taken from a label
file under bench/."""

from __future__ import annotations

import pytest

from followthrough.detect.article import _in_title
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.detect.shorthand import expand_shorthand, indirect_question
from followthrough.detect.title import _capitals_lowered
from followthrough.model import Address

ENTRIES = [
    (
        "ASK – TOMAS: SEND FLOOR 2 PUNCH LIST PHOTOS TO BUILDERTREND",
        "",
        ("Tomas Novak",),
        "sending the Floor 2 punch list photos to Buildertrend",
        "the Floor 2 punch list photos",
    ),
    (
        "ask ingrid to water the tomatoes sat+sun",
        "",
        ("Ingrid Berg",),
        "watering the tomatoes",
        "the tomatoes",
    ),
    (
        "Inspection Tue → Kofi to deep clean the fryers Mon night",
        "",
        ("Kofi Mensah",),
        "deep-cleaning the fryers",
        "the fryers",
    ),
    (
        "(ask) Rhea - teach the Tue yoga class, I'm at the offsite",
        "",
        ("Rhea Kapoor",),
        "teaching the yoga class",
        "the yoga class",
    ),
    (
        "Sofia: redo load tests on build 4471",
        "",
        ("Sofia Conti",),
        "redoing the load tests on build 4471",
        "the load tests on build 4471",
    ),
    (
        "#ask Ibrahim — is the new travel policy live yet?",
        "",
        ("Ibrahim Saleh",),
        "letting me know whether the new travel policy is live",
        "the new travel policy",
    ),
    (
        "Yusuf – weight limit on 20ft trailers to Leeds?",
        "",
        ("Yusuf Demir",),
        "letting me know the weight limit on 20-foot trailers to Leeds",
        "the weight limit on 20-foot trailers to Leeds",
    ),
    (
        "Budget sign-off (Mina)",
        "Mina needs to approve the Q1 travel budget.",
        ("Mina Cho",),
        "approving the Q1 travel budget",
        "the Q1 travel budget",
    ),
    (
        "Budget sign-off (Mina)",
        "Everyone needs to bring a laptop.",
        ("Mina Cho",),
        "signing off on the budget",
        "the budget",
    ),
    (
        "Ravi – OK to expense the conference hotel?",
        "",
        ("Ravi Shah",),
        "letting us expense the conference hotel",
        "the conference hotel",
    ),
    (
        "Dean Okafor – OK to hold the bake sale in the main foyer?",
        "",
        ("Chinedu Okafor",),
        "letting us hold the bake sale in the main foyer",
        "the bake sale in the main foyer",
    ),
    (
        "ask Lena to connect me with her tax accountant",
        "",
        ("Lena Vogel",),
        "connecting me with your tax accountant",
        "the introduction to your tax accountant",
    ),
    (
        "Mock arbitration — Priya as opposing counsel",
        "",
        ("Priya Nair",),
        "doing the mock arbitration with me",
        "the mock arbitration",
    ),
    (
        "Intro → Harbourline Ferries CFO (via Tomasz)",
        "",
        ("Tomasz Wójcik",),
        "introducing me to the Harbourline Ferries CFO",
        "the introduction to the Harbourline Ferries CFO",
    ),
    (
        "Emergency contact for Kilimanjaro climb → Ruth?",
        "",
        ("Ruth Adler",),
        "being my emergency contact for the Kilimanjaro climb",
        "being my emergency contact for the Kilimanjaro climb",
    ),
    (
        "Q3 pricing exception — Marta to decide",
        "",
        ("Marta Silva",),
        "deciding on the Q3 pricing exception",
        "the Q3 pricing exception",
    ),
    (
        "Gr 5 zoo trip — need Mr. Baptiste's OK",
        "",
        ("Jean Baptiste",),
        "approving the Grade 5 zoo trip",
        "the Grade 5 zoo trip",
    ),
    (
        "Street fair banner — need Alderman Kowalski's signature",
        "",
        ("Piotr Kowalski",),
        "signing the street fair banner",
        "the street fair banner",
    ),
    (
        "Pablo: seating chart → caterer",
        "",
        ("Pablo Ortega",),
        "sending the seating chart to the caterer",
        "the seating chart",
    ),
    ("lunch w/ Dana re: referral", "", ("Dana Cole",), "referring me", "the referral"),
    (
        "ask Oren re: someone at the city permits office",
        "",
        ("Oren Katz",),
        "connecting me with someone at the city permits office",
        "the introduction to someone at the city permits office",
    ),
    (
        "Noor — be my backup on-call while I'm on parental leave",
        "",
        ("Noor Hadid",),
        "being my backup on-call while I'm on parental leave",
        "being my backup on-call",
    ),
    (
        "ask milo: borrow his ladder for sat gutter job",
        "",
        ("Milo Grant",),
        "lending me your ladder for the gutter job",
        "your ladder for the gutter job",
    ),
    (
        "Ops huddle",
        "Agenda • printer jams • Aiko: restock the label printers on floor 3",
        ("Aiko Sato",),
        "restocking the label printers on floor 3",
        "the label printers on floor 3",
    ),
    (
        "Release 2.3 sign-off",
        "Agenda: open bugs. Ask Tariq to tag the release once the smoke tests pass.",
        ("Tariq Aziz",),
        "tagging the release",
        "the release",
    ),
    (
        "Catch-up w/ Bea",
        "She knows the head of recruiting at Northwind — ask if she'd introduce me.",
        ("Bea Lund",),
        "introducing me to the head of recruiting at Northwind",
        "the introduction to the head of recruiting at Northwind",
    ),
    (
        "🎺 band tue — ask Joss to run sectionals (I'll be late)",
        "",
        ("Joss Reed",),
        "running the sectionals",
        "the sectionals",
    ),
    (
        "Month-end close (Ulla) – Fri",
        "",
        ("Ulla Virtanen",),
        "helping me with the month-end close",
        "the month-end close",
    ),
    (
        "Pairing: Omar + me — slow checkout query",
        "",
        ("Omar Haddad",),
        "pairing with me on the slow checkout query",
        "the slow checkout query",
    ),
    (
        "Sync with Ines re: Django 5 upgrade",
        "",
        ("Ines Duarte",),
        "talking through the Django 5 upgrade with me",
        "the Django 5 upgrade",
    ),
    (
        "Sync | Petra | copy",
        "Ask Petra for a copy-edit pass on the onboarding emails before launch",
        ("Petra Novak",),
        "doing a copy-edit pass on the onboarding emails",
        "the copy-edit pass on the onboarding emails",
    ),
    (
        "Catch-up w/ Lior",
        "He knows the editor at the Harbour Review — ask if he'd introduce me.",
        ("Lior Ben-David",),
        "introducing me to the editor at the Harbour Review",
        "the introduction to the editor at the Harbour Review",
    ),
    (
        "Onboarding guide: proofreading",
        "",
        ("Amy Lee",),
        "proofreading the onboarding guide",
        "the onboarding guide",
    ),
    (
        "Q3 essays: second marking (Noa)",
        "",
        ("Noa Levin",),
        "second-marking the Q3 essays",
        "the Q3 essays",
    ),
    (
        "🐈 Ask Ilse – feed Mochi Sat/Sun",
        "",
        ("Ilse Braun",),
        "feeding Mochi",
        "feeding Mochi",
    ),  # a pet: the doing
    (
        "Poster contest judging – Mr. Osei + me",
        "Kwame agreed to judge with me. Hall B, 2pm.",
        ("Kwame Osei",),
        "judging the poster contest with me",
        "the poster contest judging",
    ),
    (
        "Open day – robotics demo (Ravi presenting)",
        "Ravi said he'd show the sumo robots, 10 min + questions. Room 4.",
        ("Ravi Shah",),
        "showing the sumo robots",
        "the sumo robots",
    ),
]


@pytest.mark.parametrize(("title", "description", "helpers", "gerund", "topic"), ENTRIES)
def test_sixth_pass_calendar_entries(
    title: str, description: str, helpers: tuple[str, ...], gerund: str, topic: str
) -> None:
    people = [Address(f"h{n}@example.org", name) for n, name in enumerate(helpers)]
    phrase = decide_ask_phrase("calendar", title, description, people)
    assert (phrase.gerund, phrase.topic) == (gerund, topic)
    for name in helpers:
        for word in name.split():
            assert word not in phrase.gerund + phrase.topic, "the helper's own name is said"


@pytest.mark.parametrize(
    ("title", "lowered"),
    [
        ("SEND W-9 TO PAYROLL", "send W-9 to payroll"),
        # a word before a number is a name ("Level 3"); a long word the dictionary lacks
        # is a brand, said as one; a short one is a code
        ("UPLOAD LEVEL 3 PHOTOS TO PROCORE", "upload Level 3 photos to Procore"),
        ("FILE THE IEP FORMS", "file the IEP forms"),
        ("Send the deck", "Send the deck"),
    ],
)
def test_a_title_in_capitals(title: str, lowered: str) -> None:
    assert _capitals_lowered(title) == lowered


@pytest.mark.parametrize(
    ("question", "indirect"),
    [
        # a word after "the" belongs to the subject, even one that could say what it is
        ("is the new travel policy out?", "whether the new travel policy is out"),
        ("is the updated floor plan ready?", "whether the updated floor plan is ready"),
        # "yet" and "already" are the asker's hurry
        ("has the courier arrived yet?", "whether the courier has arrived"),
        ("is the venue booked already?", "whether the venue is booked"),
    ],
)
def test_a_title_question_said_as_an_indirect_one(question: str, indirect: str) -> None:
    assert indirect_question(question) == indirect


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("weight limit on 20ft trailers", "weight limit on 20-foot trailers"),
        ("a 5 lb bag of flour", "a 5-pound bag of flour"),
        ("the 12in screen", "the 12-inch screen"),
        ("Y8 assembly", "Year 8 assembly"),
        ("Gr 3 field trip", "Grade 3 field trip"),
        # a number and "in" before the words it is in stay as they are
        ("back at 2 in the morning", "back at 2 in the morning"),
        ("4 oz of saffron", "4 oz of saffron"),
        ("the Q3 deck", "the Q3 deck"),
    ],
)
def test_shorthand_said_in_words(text: str, said: str) -> None:
    assert expand_shorthand(text) == said


@pytest.mark.parametrize(
    ("np", "articled"),
    [
        ("results on build 4471", "results on build 4471"),
        ("gear for Everest climb", "gear for the Everest climb"),
        ("call on Monday morning", "call on Monday morning"),
        ("notes from offsite", "notes from the offsite"),
        # a quality named by an -ness noun takes none
        ("sign off on brand awareness", "sign off on brand awareness"),
    ],
)
def test_articles_a_title_leaves_out(np: str, articled: str) -> None:
    assert _in_title(np) == articled
