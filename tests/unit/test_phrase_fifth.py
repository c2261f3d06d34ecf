"""The ask phrase model's -ing form and kind, fifth pass (issue #16): mechanisms a grammar
book states, not one sentence each: a direct question said in statement order (the subject
ends where the verb form its auxiliary governs starts), the subject after its auxiliary
making a question with or without its "?", verbs that share one object, an "if" clause
that a verb of finding out takes as its question, and the frames people ask to meet in.

Every sentence is written for these tests, in words of their own: none is taken from a
label file under bench/."""

from __future__ import annotations

import pytest

from followthrough.detect.clause import subject_length
from followthrough.detect.phrase import PHRASE_MODEL, decide_ask_phrase

# sentence -> (kind, the -ing form: "Thank you for …")
QUESTIONS = [
    # do-support goes, the verb takes the subject's number; a gerund noun stays in the subject
    (
        "When does the new booking system go live?",
        ("info", "letting me know when the new booking system goes live"),
    ),
    ("When does online ordering open?", ("info", "letting me know when online ordering opens")),
    ("How does the loyalty scheme work?", ("info", "letting me know how the loyalty scheme works")),
    # a name as the subject of "did"
    (
        "What price did Northwind quote for the racks?",
        ("info", "letting me know what price Northwind quoted for the racks"),
    ),
    # "has" + subject + past participle: the noun that is a verb too stays in the subject
    (
        "Has the water test result come back?",
        ("info", "letting me know whether the water test result has come back"),
    ),
    (
        "Have the conference badges arrived?",
        ("info", "letting me know whether the conference badges have arrived"),
    ),
    # a subject of two people
    (
        "Are you and Priya presenting together?",
        ("info", "letting me know whether you and Priya are presenting together"),
    ),
    # the subject after its auxiliary is a question without its "?"
    (
        "Did you ever hear back from the landlord.",
        ("info", "letting me know whether you ever heard back from the landlord"),
    ),
    # a leading "Or" continues an earlier question; it is not the ask
    (
        "Or should I book the minibus myself?",
        ("info", "letting me know whether I should book the minibus myself"),
    ),
    (
        "Or would you prefer that we split the bill?",
        ("info", "letting me know whether you'd prefer that we split the bill"),
    ),
    # a question in the form of a wish to know
    (
        "I'm still wondering if the parcel got to you.",
        ("info", "letting me know whether the parcel got to you"),
    ),
    ("Any idea where the spare keys went?", ("info", "letting me know where the spare keys went")),
    # a negated condition stays a condition: not "whether the hall is not free"
    (
        "If the hall is not free that evening, please let me know.",
        ("info", "letting me know if the hall is not free that evening"),
    ),
    # a condition with no comma ends where the question inverts its subject
    (
        "If the train is late are you still free?",
        ("meeting", "letting me know whether you're still free"),
    ),
]

FRAMES = [
    # wishes to meet, said as what would be good, needed or liked
    (
        "It would be lovely to meet and talk through the plan.",
        ("meeting", "meeting and talking through the plan"),
    ),
    ("I'd like to see you before the board meets.", ("meeting", "seeing me")),
    (
        "I need to discuss the rota for December with you.",
        ("meeting", "discussing the rota for December with me"),
    ),
    (
        "I'm in Leeds next month and would like to go over the budget with you.",
        ("meeting", "going over the budget with me"),
    ),
    (
        "Would you be interested in joining our reading group?",
        ("meeting", "joining our reading group"),
    ),
    (
        "I was wondering if you might be interested in getting together for a coffee.",
        ("meeting", "getting together for a coffee"),
    ),
    # the talk a call is for stays when the "when you get a chance" goes
    (
        "Please ring me when you get a chance to discuss the lease.",
        ("meeting", "ringing me to discuss the lease"),
    ),
    # asked as a question of when to meet: a meeting, its question said whole
    (
        "When would you like to go over the draft contract?",
        ("meeting", "letting me know when you would like to go over the draft contract"),
    ),
    ("Are you free for a quick chat?", ("meeting", "making time for a quick chat")),
    # a fact the reader knows is information, not a thing they make
    ("Please send me your new postal address.", ("info", "sending me your new postal address")),
]

OBJECTS = [
    # two verbs share the object after the second one; without one, it is "it"
    (
        "Could you scan and then file the receipts?",
        ("action", "scanning and then filing the receipts"),
    ),
    ("Please print and sign.", ("action", "printing and signing it")),
    # a verb that needs a thing keeps it before its particle
    ("Please pass along to the night shift.", ("action", "passing it along to the night shift")),
    # "see if …" takes its question; the purpose after it goes
    (
        "See if you can get the van for Saturday so we can move the stock.",
        ("action", "seeing if you can get the van"),
    ),
    # a clause with its own subject after "and" is not part of the ask
    ("Please restart the router and it should be fine.", ("action", "restarting the router")),
    # the "you" left out after a modal
    ("Could forward me the minutes?", ("action", "forwarding me the minutes")),
    # a name before "could you" with no comma is the addressee, not a verb
    ("Bob could you water the seedlings?", ("favour", "watering the seedlings")),
    # a word the dictionary has only as a noun, where a request frame puts a verb
    ("Could you diary the review for next week?", ("action", "diarying the review")),
    # "and email Dana": a verb of reaching a person, before the person
    (
        "Please check the totals and email Dana.",
        ("action", "checking the totals and emailing Dana"),
    ),
    # "note" before its object is the imperative, not the opener "Note:"
    ("Anna, note the new door code.", ("action", "noting the new door code")),
    # "I assume you're going to …?" asks it done
    (
        "I assume you're going to tell the tenants about the outage?",
        ("action", "telling the tenants about the outage"),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), QUESTIONS + FRAMES + OBJECTS)
def test_fifth_pass(sentence: str, expected: tuple[str, str]) -> None:
    phrase = decide_ask_phrase("mail", sentence, "", [])
    assert (phrase.kind, phrase.gerund) == expected
    assert phrase.base.split()[-1:] == phrase.gerund.split()[-1:], "base and -ing say one thing"


@pytest.mark.parametrize(
    ("aux", "words", "length"),
    [
        ("does", "new pricing go live", 2),
        ("has", "the infusion pump recall reached the ward", 4),
        ("did", "our HR team get the flat", 3),
        ("does", "the pump work", 2),
        ("does", "this work", 0),  # a pronoun subject is the caller's
        ("has", "the shipment", 0),  # no participle: unsure, so no answer
        ("is", "the room booked", 0),  # "be" takes no verb form to find
    ],
)
def test_the_subject_ends_where_the_auxiliary_says(aux: str, words: str, length: int) -> None:
    assert subject_length(aux, words.split()) == length


def test_a_greeting_name_stays_when_the_word_asks() -> None:
    # "What", "How": a question word before "do you" is no name
    phrase = decide_ask_phrase("mail", "What do you want to do about the hire car?", "", [])
    assert phrase.gerund == "letting me know what you want to do about the hire car"


def test_the_phrase_model_was_bumped_for_the_fifth_pass() -> None:
    assert PHRASE_MODEL >= 7
