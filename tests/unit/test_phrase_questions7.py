"""Questions said back (issue #16, seventh pass): a question to a group is one to its
reader ("has anybody on the list tried it" -> "whether you've tried it"), an elliptic
question is said whole ("Any hints?" -> "sharing any hints"), what stands before a
question goes ("Or", "So", "On that note:", "Well folks,", quote bars), a yes/no question's
choice is said in statement order, and an abbreviation's dot ("Mr.", "Dr.", "etc.") never
cuts a form.

Every sentence is written for these tests, in words of their own: none is taken from a
label file under bench/."""

from __future__ import annotations

import pytest

from followthrough.detect.phrase import decide_ask_phrase, is_sound
from followthrough.detect.questionform import group_aux, plain_question
from followthrough.detect.words import ends_in_abbreviation, masked, unmasked

# sentence, kind, the -ing form ("Thank you for …"), the topic ("Following up on …")
QUESTIONS = [
    # a question to a group asks its reader: the words that only say which group go, and "their" is
    # "your"
    (
        "Has anybody on this forum upgraded/migrated the wiki server?",
        "info",
        "letting me know whether you've upgraded or migrated the wiki server",
        "the wiki server",
    ),
    (
        "Has anyone here tried the new label printer?",
        "info",
        "letting me know whether you've tried the new label printer",
        "the new label printer",
    ),
    (
        "Does anyone else in the group keep their receipts in the shared folder?",
        "info",
        "letting me know whether you keep your receipts in the shared folder",
        "whether you keep your receipts in the shared folder",
    ),
    (
        "Maybe you lab folks know the supplier?",
        "info",
        "letting me know whether you know the supplier",
        "whether you know the supplier",
    ),
    (
        "Has any list member used the old importer?",
        "info",
        "letting me know whether you've used the old importer",
        "the old importer",
    ),
    (
        "Are other people getting the timeout error, or is it just my laptop?",
        "info",
        "letting me know whether you're getting the timeout error",
        "whether you're getting the timeout error",
    ),
    # the auxiliary a group question leaves out is put back, in the tense it asks ("Anyone find X?":
    # did)
    (
        "Anyone find the spare key?",
        "info",
        "letting me know whether you found the spare key",
        "the spare key",
    ),
    (
        "Anyone know where the projector remote went?",
        "info",
        "letting me know where the projector remote went",
        "where the projector remote went",
    ),
    (
        "> Anyone using the beta firmware?",
        "info",
        "letting me know whether you're using the beta firmware",
        "whether you're using the beta firmware",
    ),
    # elliptic questions: "any X?" shares any X (a group may have none), the reader's thoughts are
    # theirs
    (
        "Anybody have any ideas why the build is failing?",
        "info",
        "letting me know why the build is failing",
        "why the build is failing",
    ),
    (
        "Anyone got any tips?",
        "info",
        "sharing any tips",
        "your tips",
    ),
    (
        "Any tips?",
        "info",
        "sharing any tips",
        "your tips",
    ),
    (
        "Any pointers ?",
        "info",
        "sharing any pointers",
        "your pointers",
    ),
    (
        "Any thoughts?",
        "info",
        "sharing your thoughts",
        "your thoughts",
    ),
    (
        "Any clues?",
        "info",
        "sharing any clues",
        "your clues",
    ),
    (
        "ideas anyone?",
        "info",
        "sharing any ideas",
        "your ideas",
    ),
    (
        "We tried everything on the checklist, hints anybody?",
        "info",
        "sharing any hints",
        "your hints",
    ),
    (
        "Do you have any suggestions for a good hotel near the venue?",
        "info",
        "sharing any suggestions for a good hotel near the venue",
        "a good hotel near the venue",
    ),
    (
        "Any idea of the cost of the new chairs?",
        "info",
        "letting me know the cost of the new chairs",
        "the cost of the new chairs",
    ),
    (
        "Any rough guess how long the repair takes?",
        "info",
        "letting me know how long the repair takes",
        "how long the repair takes",
    ),
    (
        "Any idea when the parts will arrive?",
        "info",
        "letting me know when the parts will arrive",
        "when the parts will arrive",
    ),
    (
        "Anybody?",
        "info",
        "helping me with this",
        "this",
    ),
    # what stands before the question goes: discourse words, a lead-in up to a colon, a word of
    # address, quote bars
    (
        "Or should the invoices go to finance first?",
        "info",
        "letting me know whether the invoices should go to finance first",
        "whether the invoices should go to finance first",
    ),
    (
        "So is the venue indoors or outdoors?",
        "info",
        "letting me know whether the venue is indoors or outdoors",
        "whether the venue is indoors or outdoors",
    ),
    (
        "Also, is the parking free?",
        "info",
        "letting me know whether the parking is free",
        "whether the parking is free",
    ),
    (
        "On another note: is there a dress code for the gala?",
        "info",
        "letting me know whether there is a dress code for the gala",
        "the dress code for the gala",
    ),
    (
        "Well folks, what time is the kickoff?",
        "info",
        "letting me know what time the kickoff is",
        "what time the kickoff is",
    ),
    (
        "| Has anyone seen this warning before?",
        "info",
        "letting me know whether you've seen this warning before",
        "this warning",
    ),
    (
        "Is it just me or has the printer been slow all week?",
        "info",
        "letting me know whether the printer has been slow all week",
        "whether the printer has been slow all week",
    ),
    (
        "So whats the plan for the picnic?",
        "info",
        "letting me know the plan for the picnic",
        "the plan for the picnic",
    ),
    # a choice is what its subject is ("is the tent canvas or nylon"); a second question offering
    # the other answer is that answer
    (
        "Is the soup made with chicken, beef, or vegetable stock?",
        "info",
        "letting me know whether the soup is made with chicken, beef, or vegetable stock",
        "",  # too long for a topic, and a list is never cut in half ("… chicken, beef")
    ),
    (
        "Is this the final draft or is that an older copy?",
        "info",
        "letting me know whether this is the final draft or an older copy",
        "whether this is the final draft or an older copy",
    ),
    (
        "Is the tent canvas or nylon?",
        "info",
        "letting me know whether the tent is canvas or nylon",
        "whether the tent is canvas or nylon",
    ),
    # "any way to X?" asks how to X; "care to X" and "explain why X" ask X, and name the question
    # they ask
    (
        "Anyway to export the calendar as a CSV?",
        "info",
        "letting me know how to export the calendar as a CSV",
        "exporting the calendar as a CSV",
    ),
    (
        "Any way to get the logs to rotate daily?",
        "info",
        "letting me know how to get the logs to rotate daily",
        "getting the logs to rotate daily",
    ),
    (
        "Would anyone care to explain how the rota works?",
        "info",
        "explaining how the rota works",
        "how the rota works",
    ),
    (
        "Can you clarify what you meant by the second point?",
        "info",
        "clarifying what you meant by the second point",
        "what you meant by the second point",
    ),
    (
        "Could you explain why the totals differ?",
        "info",
        "explaining why the totals differ",
        "why the totals differ",
    ),
    # an abbreviation's dot ends no sentence: a form never stops inside "Mr." or "Mrs."
    (
        "Please ask Mr. Tan to sign the lease.",
        "action",
        "asking Mr. Tan to sign the lease",
        "asking Mr. Tan to sign the lease",
    ),
    (
        "Please let me know if you can review the contract with Mrs. Patel and me.",
        "info",
        "letting me know whether you can review the contract with Mrs. Patel and me",
        "whether you can review the contract",
    ),
    # a subject without a determiner ends before the adjective said of it; an adjective after
    # "the" is part of its noun phrase
    (
        "Why are glass cutting boards worse than wooden ones?",
        "info",
        "letting me know why glass cutting boards are worse than wooden ones",
        "why glass cutting boards are worse than wooden ones",
    ),
    (
        "Are the old files backed up?",
        "info",
        "letting me know whether the old files are backed up",
        "whether the old files are backed up",
    ),
    # a question names the doing or the claim it asks about
    (
        "Anyone get the scanner to work?",
        "info",
        "letting me know whether you got the scanner to work",
        "getting the scanner to work",
    ),
    (
        "Why do you say the ferry is faster than the bridge?",
        "info",
        "letting me know why you say the ferry is faster than the bridge",
        "why the ferry is faster than the bridge",
    ),
    (
        "Can anyone suggest a way to keep the cache warm?",
        "info",
        "suggesting a way to keep the cache warm",
        "keeping the cache warm",
    ),
    # a question's own verbs after its modal stay as they are
    (
        "Should we take the train or rent a car?",
        "info",
        "letting me know whether we should take the train or rent a car",
        "taking the train or renting a car",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "gerund", "topic"), QUESTIONS)
def test_a_question_is_said_back_as_a_careful_person_says_it(
    sentence: str, kind: str, gerund: str, topic: str
) -> None:
    phrase = decide_ask_phrase("mail", sentence, "", [])
    assert (phrase.kind, phrase.gerund, phrase.topic) == (kind, gerund, topic)
    assert is_sound(phrase.gerund) and is_sound(phrase.topic)


def test_there_are_at_least_thirty_rows() -> None:
    assert len(QUESTIONS) >= 30


@pytest.mark.parametrize(
    ("verb", "aux"),
    [
        ("know", "does"),
        ("have", "does"),
        ("get", "did"),
        ("try", "did"),
        ("heard", "has"),
        ("got", "has"),
        ("seeing", "is"),
        ("the", ""),
        ("is", ""),
    ],
)
def test_the_auxiliary_a_group_question_left_out(verb: str, aux: str) -> None:
    assert group_aux(verb) == aux


def test_a_statement_is_left_as_written() -> None:
    said = "So the venue is booked."
    assert plain_question(said) == said


@pytest.mark.parametrize(
    "form",
    [
        "discussing the lease with Mr",
        "the letter to Sr",
        "sending the forms, e.g",
        "meeting at 9 a.m",
    ],
)
def test_a_form_cut_inside_an_abbreviation_is_unsound(form: str) -> None:
    assert ends_in_abbreviation(form)
    assert not is_sound(form)


def test_abbreviations_are_masked_and_put_back() -> None:
    text = "Ask Dr. Obi to bring the forms, receipts, etc. to the desk. Thanks."
    assert "Dr. Obi" not in masked(text) and "etc. to" not in masked(text)
    assert masked(text).endswith("desk. Thanks.")  # a real full stop stays one
    assert unmasked(masked(text)) == text
