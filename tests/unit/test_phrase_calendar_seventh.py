"""Tagged calendar entries said back, seventh pass (issue #16): a doing named by its noun
("Carpet cleaning" is cleaning the carpets, never "carpeting the cleaning"); questions
without a verb ("ETA on X?", "OK on X?", "which room for X?", "what's the X?", "intro to
X?") and "Can (Name) introduce me …?"; "Pair on X"; clipped words in full ("repro", "sec
2", "pw"); the user's own leave said as theirs ("my PTO"); a one-word label before a colon
("Capex:") is not the thing; a pet or a child looked after: the doing is the topic; the
helper's part in the event the title names ("(Mo coaching)", "Rev. Adeyemi leading X")
over a description's detail of it; a need the description states ("Need her sign-off on
X"); whom an asked-for introduction is to ("he knows X — ask for an intro"); a task a
description's list gives the helper by name ("- Ayo to book the interpreter"); advice
asked at a coffee chat; a doing after "re:" takes no article ("re: hiring a designer").

Every entry is written for these tests, in words of their own: none is taken from a label
file under bench/."""

from __future__ import annotations

import pytest

from followthrough.detect.phrase import decide_ask_phrase
from followthrough.detect.titlenoun import doing_of_title, noun_question, said_in_full
from followthrough.model import Address

ENTRIES = [
    # a doing named by its noun: the verb again, things that come in sets in the plural
    (
        "Carpet cleaning – Jonah",
        "",
        ("Jonah Reyes",),
        "action",
        "cleaning the carpets",
        "the carpet cleaning",
    ),
    (
        "Gutter clearing – Bram (before the storm)",
        "",
        ("Bram Visser",),
        "action",
        "clearing the gutters",
        "the gutter clearing",
    ),
    (
        "Poster contest judging – Olu",
        "",
        ("Olu Bankole",),
        "action",
        "judging the poster contest",
        "the poster contest judging",
    ),
    # a question that names the ask
    (
        "Can Rosalind introduce me to the head of research at Vireo Labs?",
        "",
        ("Rosalind Hart",),
        "intro",
        "introducing me to the head of research at Vireo Labs",
        "the introduction to the head of research at Vireo Labs",
    ),
    (
        "Tariq – intro to the Arup sustainability lead?",
        "",
        ("Tariq Nasser",),
        "intro",
        "introducing me to the Arup sustainability lead",
        "the introduction to the Arup sustainability lead",
    ),
    (
        "Beatriz OK on the revised seating plan?",
        "",
        ("Beatriz Lima",),
        "approval",
        "approving the revised seating plan",
        "the revised seating plan",
    ),
    (
        "Hugo — legal OK on the partner logo use?",
        "",
        ("Hugo Laurent",),
        "approval",
        "approving the partner logo use",
        "the partner logo use",
    ),
    (
        "Ask: Mina — which room for the induction on 3/4?",
        "",
        ("Mina Cho",),
        "info",
        "letting me know the room for the induction on 3/4",
        "the room for the induction on 3/4",
    ),
    (
        "what's the door code for the studio? – ollie",
        "",
        ("Ollie Grant",),
        "info",
        "letting me know the door code for the studio",
        "the door code for the studio",
    ),
    (
        "what's the wifi pw for the annex? – ollie",
        "",
        ("Ollie Grant",),
        "info",
        "letting me know the wifi password for the annex",
        "the wifi password for the annex",
    ),
    (
        "Farah — ETA on the replacement laptop?",
        "",
        ("Farah Aziz",),
        "info",
        "letting me know the ETA on the replacement laptop",
        "the ETA on the replacement laptop",
    ),
    (
        "Status of the visa letter? – Emeka",
        "",
        ("Emeka Obi",),
        "info",
        "letting me know the status of the visa letter",
        "the status of the visa letter",
    ),
    (
        "#ask Ulla: which hall is the Y9 parents' evening in?",
        "",
        ("Ulla Berg",),
        "info",
        "letting me know which hall the Year 9 parents' evening is in",
        "which hall the Year 9 parents' evening is in",
    ),
    # a verb phrase asked as a question asks the doing, not an answer
    (
        "Kasia → drive the minibus to the away game?",
        "",
        ("Kasia Nowak",),
        "action",
        "driving the minibus to the away game",
        "the minibus",
    ),
    # an aside that names whose the thing is goes before it; one that is the helper goes
    (
        "Lease redlines (Marlow & Finch) — Odile",
        "",
        ("Odile Brun",),
        "action",
        "sending me the Marlow & Finch lease redlines",
        "the Marlow & Finch lease redlines",
    ),
    (
        "Ask Tove – host the visiting Danish students 3 nights in May?",
        "",
        ("Tove Lund",),
        "action",
        "hosting the visiting Danish students",
        "hosting the visiting Danish students",
    ),
    # a numbered name at the head of the thing takes "the"
    (
        "Robotics expo judging (Y8) – Mr. Hale + me",
        "Arun agreed to judge with me. Gym, 2pm.",
        ("Arun Hale",),
        "action",
        "judging the Year 8 robotics expo with me",
        "the Year 8 robotics expo judging",
    ),
    # an errand asked as a question is done, not told
    (
        "Imogen: nursery pickup for Theo on Thurs?",
        "",
        ("Imogen Ward",),
        "favour",
        "doing the nursery pickup for Theo",
        "the nursery pickup for Theo",
    ),
    # verb titles
    (
        "Pair on the flaky upload tests – Sven",
        "",
        ("Sven Dahl",),
        "meeting",
        "pairing with me on the flaky upload tests",
        "the flaky upload tests",
    ),
    (
        "Ask Noor: repro the crash on iOS 18",
        "",
        ("Noor Haddad",),
        "action",
        "reproducing the crash on iOS 18",
        "the crash on iOS 18",
    ),
    (
        "[ask] leo - edit grant budget justification sec 2",
        "",
        ("Leo Marsh",),
        "action",
        "editing the grant budget justification section 2",
        "the grant budget justification section 2",
    ),
    (
        "Ask: Idris — re-key the side gate lock",
        "",
        ("Idris Khan",),
        "action",
        "re-keying the side gate lock",
        "the side gate lock",
    ),
    # the user's own leave, with its dates after "for"
    (
        "Leave request 3/2–3/6 – Greta to approve",
        "",
        ("Greta Holm",),
        "approval",
        "approving my leave request for 3/2–3/6",
        "my leave request for 3/2–3/6",
    ),
    (
        "Ask: Ivo: approve PTO for Mar 2–6",
        "",
        ("Ivo Petrov",),
        "approval",
        "approving my PTO",
        "my PTO",
    ),
    # a label before a colon is not the thing approved
    (
        "Capex: two new label printers for the warehouse — Karin to approve",
        "",
        ("Karin Berg",),
        "approval",
        "approving two new label printers for the warehouse",
        "two new label printers",
    ),
    # someone looked after: the doing is the thing
    (
        "ask Dana if she can pick up the twins fri",
        "",
        ("Dana Wolfe",),
        "action",
        "picking up the twins",
        "picking up the twins",
    ),
    ("Ask Pete – walk Rolo Sat/Sun", "", ("Pete Moss",), "action", "walking Rolo", "walking Rolo"),
    # the helper's part in the event
    (
        "Spring fete (Aisha running the cake stall)",
        "",
        ("Aisha Khan",),
        "action",
        "running the cake stall at the spring fete",
        "the cake stall at the spring fete",
    ),
    (
        "Junior chess club (Mo coaching) Thu 4pm",
        "Mo'll take the beginners table; I'll do the pairings.",
        ("Mo Farouk",),
        "action",
        "coaching the junior chess club",
        "the junior chess club",
    ),
    (
        "Harvest supper – Rev. Adeyemi leading the blessing",
        "He agreed to say a few words.",
        ("Tunde Adeyemi",),
        "action",
        "leading the blessing at the harvest supper",
        "the blessing at the harvest supper",
    ),
    # presenting: what the description says is presented
    (
        "Book club – Nadia presenting",
        "She said she'd cover the first three chapters.",
        ("Nadia Aziz",),
        "favour",
        "covering the first three chapters",
        "the first three chapters",
    ),
    # the description under a title that names the thing
    (
        "Roof repair budget – Colette",
        "Need her sign-off on the roof repair quote before the insurer visits.",
        ("Colette Roy",),
        "approval",
        "signing off on the roof repair quote",
        "the roof repair quote",
    ),
    (
        "Design crit – Amara",
        "Need her feedback on the onboarding flow by Friday.",
        ("Amara Diallo",),
        "action",
        "giving me feedback on the onboarding flow",
        "the onboarding flow",
    ),
    (
        "Drinks w/ Callum",
        "he knows the events manager at the Barbican — ask for an intro before we pitch",
        ("Callum Reid",),
        "intro",
        "introducing me to the events manager at the Barbican",
        "the introduction to the events manager at the Barbican",
    ),
    (
        "Dinner w/ Rafa",
        "his sister works in admissions at King's College — ask for an intro",
        ("Rafa Gil",),
        "intro",
        "introducing me to your sister at King's College",
        "the introduction to your sister at King's College",
    ),
    (
        "Ward round prep",
        "- bay 3 meds - Ayo to book the interpreter for Mrs. Lin's family "
        "meeting - discharge letters",
        ("Ayo Bello",),
        "action",
        "booking the interpreter for Mrs. Lin's family meeting",
        "the interpreter for Mrs. Lin's family meeting",
    ),
    # meetings
    (
        "Coffee chat w/ Signe — career advice re: switching to UX",
        "",
        ("Signe Berg",),
        "meeting",
        "giving me career advice on switching to UX",
        "your advice on switching to UX",
    ),
    (
        "Lunch w/ Signe re: hiring a data engineer",
        "",
        ("Signe Berg",),
        "meeting",
        "talking through hiring a data engineer with me",
        "hiring a data engineer",
    ),
    (
        "Call with Signe re: pricing model #ask",
        "",
        ("Signe Berg",),
        "meeting",
        "talking through the pricing model with me",
        "the pricing model",
    ),
]


@pytest.mark.parametrize(("title", "description", "helpers", "kind", "gerund", "topic"), ENTRIES)
def test_seventh_pass_calendar_entries(
    title: str, description: str, helpers: tuple[str, ...], kind: str, gerund: str, topic: str
) -> None:
    people = [Address(f"h{n}@example.org", name) for n, name in enumerate(helpers)]
    phrase = decide_ask_phrase("calendar", title, description, people)
    assert (phrase.kind, phrase.gerund, phrase.topic) == (kind, gerund, topic)
    for name in helpers:
        for word in name.split():
            assert word not in phrase.gerund + phrase.topic, "the helper's own name is said"


@pytest.mark.parametrize(
    "title",
    [
        "update pricing",  # a request whose -ing word is a noun
        "party planning",  # "planning" is a noun of its own
        "SSO testing",  # a code, not a plain noun
        "book the venue",
    ],
)
def test_a_title_that_names_no_doing(title: str) -> None:
    assert doing_of_title(title) == ("", "")


@pytest.mark.parametrize(
    "question",
    ["is the venue booked?", "Deploy freeze?", "which room did you book?", "the lab results"],
)
def test_a_question_that_is_not_a_noun_phrase_question(question: str) -> None:
    assert noun_question(question) is None


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("repro the bug on Android", "reproduce the bug on Android"),
        ("the repro steps", "the repro steps"),  # a noun: said as written
        ("proofread sec 4", "proofread section 4"),
        ("the wifi pw for the hall", "the wifi password for the hall"),
    ],
)
def test_clipped_words_said_in_full(title: str, said: str) -> None:
    assert said_in_full(title) == said
