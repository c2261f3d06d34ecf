"""The ask phrase model: sentence -> kind, -ing form, topic (issue #16).

None of these sentences is in bench/drafts-heldout.tsv (the held-out benchmark set)."""

from __future__ import annotations

import pytest

from followthrough.detect.phrase import (
    clean_calendar_title,
    decide_ask_phrase,
    decide_calendar_phrase,
    decide_phrase,
    first_name_variants,
    ing,
    is_sound,
)

# sentence, kind, gerund ("Thank you for …"), topic ("Following up on …")
MAIL = [
    ("Could you review the Q3 deck by Friday?", "action", "reviewing the Q3 deck", "the Q3 deck"),
    (
        "Please send me the onboarding checklist.",
        "action",
        "sending me the onboarding checklist",
        "the onboarding checklist",
    ),
    (
        "Can you introduce me to Acme's CTO?",
        "intro",
        "introducing me to Acme's CTO",
        "the introduction to Acme's CTO",
    ),
    (
        "Have you decided who will assist at the workshop?",
        "info",
        "letting me know who will assist at the workshop",
        "who will assist at the workshop",
    ),
    (
        "Would you mind looking over my cover letter before Monday?",
        "action",
        "looking over my cover letter",
        "my cover letter",
    ),
    (
        "Bob, could you approve the travel request when you get a chance?",
        "approval",
        "approving the travel request",
        "the travel request",
    ),
    (
        "Can we meet Tuesday to go over the budget?",
        "meeting",
        "meeting to go over the budget",
        "the budget",
    ),
    (
        "I was wondering if you could forward the slides to Jane.",
        "action",
        "forwarding the slides to Jane",
        "the slides",
    ),
    ("Please give me a call tomorrow.", "meeting", "giving me a call", "our call"),
    (
        "Let me know what time works best for you.",
        "info",
        "letting me know what time works best for you",
        "what time works best for you",
    ),
    (
        "Is there a deadline for the grant application?",
        "info",
        "letting me know whether there is a deadline for the grant application",
        "the deadline for the grant application",
    ),
    (
        "Did you finish the migration plan?",
        "info",
        "letting me know whether you finished the migration plan",
        "whether you finished the migration plan",
    ),
    (
        "What is the status of the vendor contract?",
        "info",
        "letting me know the status of the vendor contract",
        "the status of the vendor contract",
    ),
    (
        "Would it be possible to get a copy of the lease?",
        "action",
        "getting a copy of the lease",
        "a copy of the lease",
    ),
    ("Any chance you could cover my shift on Saturday?", "favour", "covering my shift", "my shift"),
    (
        "Please keep me posted on the hiring decision.",
        "favour",
        "keeping me posted on the hiring decision",
        "the hiring decision",
    ),
    (
        "Just a reminder to send me your timesheet.",
        "action",
        "sending me your timesheet",
        "your timesheet",
    ),
    (
        "Let's get together next week to discuss the roadmap.",
        "meeting",
        "getting together to discuss the roadmap",
        "the roadmap",
    ),
    (
        "I would appreciate it if you could proofread the grant proposal so I can submit it.",
        "action",
        "proofreading the grant proposal",
        "the grant proposal",
    ),
    (
        "Could you put me in touch with someone in legal?",
        "intro",
        "putting me in touch with someone in legal",
        "the introduction to someone in legal",
    ),
    ("Send me the numbers asap.", "action", "sending me the numbers", "the numbers"),
    (
        "Where can I find the style guide?",
        "info",
        "letting me know where I can find the style guide",
        "where I can find the style guide",
    ),
    (
        "Please review the attached draft and send me your comments.",
        "action",
        "reviewing the attached draft and sending me your comments",
        "the attached draft",
    ),
    (
        "Do you know who owns the billing service?",
        "info",
        "letting me know who owns the billing service",
        "who owns the billing service",
    ),
    (
        "Could you please sign off on the launch plan?",
        "approval",
        "signing off on the launch plan",
        "the launch plan",
    ),
    (
        "Hi Maria, can you share the slides from yesterday's offsite?",
        "action",
        "sharing the slides from yesterday's offsite",
        "the slides from yesterday's offsite",
    ),
    (
        "Carol: would you please update the vendor list?",
        "action",
        "updating the vendor list",
        "the vendor list",
    ),
    (
        "In addition, can you check the invoice totals?",
        "action",
        "checking the invoice totals",
        "the invoice totals",
    ),
    (
        "Also, please book a room for the offsite.",
        "action",
        "booking a room for the offsite",
        "a room for the offsite",
    ),
    (
        "When you get a chance, please update the wiki page.",
        "action",
        "updating the wiki page",
        "the wiki page",
    ),
    (
        "Could you send me the contract by end of day?",
        "action",
        "sending me the contract",
        "the contract",
    ),
    (
        "Can you sign the NDA and send it back to me?",
        "action",
        "signing the NDA and sending it back to me",
        "the NDA",
    ),
    (
        "Would you be able to write a short bio for the program?",
        "action",
        "writing a short bio for the program",
        "a short bio for the program",
    ),
    (
        "I need you to approve the purchase order today.",
        "approval",
        "approving the purchase order",
        "the purchase order",
    ),
    (
        "Could you connect me with the recruiter at Initech?",
        "intro",
        "connecting me with the recruiter at Initech",
        "the introduction to the recruiter at Initech",
    ),
    (
        "Can you refer me to a good tax accountant?",
        "intro",
        "referring me to a good tax accountant",
        "the referral to a good tax accountant",
    ),
    (
        "Please confirm the delivery address.",
        "info",
        "confirming the delivery address",
        "the delivery address",
    ),
    (
        "Please tell me which room we are in.",
        "info",
        "letting me know which room we are in",
        "which room we are in",
    ),
    (
        "Do you have time for a quick call on Thursday?",
        "info",
        "letting me know whether you have time for a quick call",
        "whether you have time for a quick call",
    ),
    ("Are you free this afternoon?", "meeting", "making time for me", "our meeting"),
    (
        "Could you join the design review on Monday?",
        "meeting",
        "joining the design review",
        "the design review",
    ),
    (
        "Would you mind sending over the photos from the event?",
        "action",
        "sending over the photos from the event",
        "the photos from the event",
    ),
    (
        "Please forward this to the finance team.",
        "action",
        "forwarding this to the finance team",
        "forwarding this to the finance team",
    ),
    ("Could you re-send the invitation?", "action", "re-sending the invitation", "the invitation"),
    (
        "Can you e-mail the final version to the client?",
        "action",
        "e-mailing the final version to the client",
        "the final version",
    ),
    (
        "Any chance of getting the report before the board meeting?",
        "action",
        "getting the report",
        "the report",
    ),
    (
        "Please set up a call with the vendor.",
        "action",
        "setting up a call with the vendor",
        "a call with the vendor",
    ),
    (
        "Should I book the flights now?",
        "approval",
        "letting me know whether I should book the flights now",
        "booking the flights now",
    ),
    (
        "Can I use your slides in my talk?",
        "approval",
        "letting me know whether I can use your slides in my talk",
        "using your slides in my talk",
    ),
    (
        "Could you print the handouts for me?",
        "action",
        "printing the handouts for me",
        "the handouts",
    ),
]

MAIL += [
    ("Mark, go ahead and set up the meeting.", "action", "setting up the meeting", "the meeting"),
    (
        "If your kids will be able to attend, let me know.",
        "info",
        "letting me know whether your kids will be able to attend",
        "whether your kids will be able to attend",
    ),
    (
        "Please send me your resume or call me.",
        "action",
        "sending me your resume or calling me",
        "your resume",
    ),
    (
        "Please include Bill Bradford if possible.",
        "action",
        "including Bill Bradford",
        "Bill Bradford",
    ),
    ("Please take a look at the budget.", "action", "taking a look at the budget", "the budget"),
    (
        "Please fax the Friday package to the office.",
        "action",
        "faxing the Friday package to the office",
        "the Friday package",
    ),
    (
        "Call me at (713) 555-0199 to discuss the lease.",
        "meeting",
        "calling me to discuss the lease",
        "the lease",
    ),
    (
        "What about getting together next week for dinner?",
        "meeting",
        "getting together for dinner",
        "our meeting",
    ),
]

# title, description, helper, kind, gerund, topic
CALENDAR = [
    (
        "Ask: Grace — mock interview #ask",
        "",
        "Grace Hopper",
        "meeting",
        "doing the mock interview with me",
        "the mock interview",
    ),
    (
        "Ask: Bob — intro to Acme CTO",
        "",
        "Bob Stone",
        "intro",
        "introducing me to the Acme CTO",
        "the introduction to the Acme CTO",
    ),
    (
        "Jordan: mentor the two new hires #ask",
        "",
        "Jordan Lee",
        "favour",
        "mentoring the two new hires",
        "the two new hires",
    ),
    (
        "1:1 with Sam #ask",
        "Ask Sam to send the holiday staffing plan",
        "Sam Patel",
        "action",
        "sending the holiday staffing plan",
        "the holiday staffing plan",
    ),
    (
        "Ask: Priya - review Q3 budget",
        "",
        "Priya Nair",
        "action",
        "reviewing the Q3 budget",
        "the Q3 budget",
    ),
    (
        "Ask: Tom: approve travel budget #ask",
        "",
        "Tom Berg",
        "approval",
        "approving the travel budget",
        "the travel budget",
    ),
    (
        "Ask: Ethan — which date works for the board dinner?",
        "",
        "Ethan Clark",
        "info",
        "letting me know which date works for the board dinner",
        "which date works for the board dinner",
    ),
    (
        "Ask: Zoe — help moving on Saturday",
        "",
        "Zoe Martin",
        "favour",
        "helping me move",
        "your help",
    ),
    (
        "#ask Dev: proofread the annual report",
        "",
        "Dev Rao",
        "action",
        "proofreading the annual report",
        "the annual report",
    ),
    (
        "Ask: Kim | feedback on my resume",
        "",
        "Kim Lee",
        "action",
        "giving me feedback on my resume",
        "feedback on my resume",
    ),
    (
        "ASK: Hugo – translate the FAQ into French",
        "",
        "Hugo Blanc",
        "action",
        "translating the FAQ into French",
        "the FAQ",
    ),
    (
        "Ask: Lena: sign off on the hiring plan",
        "",
        "Lena Wolf",
        "approval",
        "signing off on the hiring plan",
        "the hiring plan",
    ),
    (
        "Coffee with Rui #ask",
        "Can you share the salary bands for the new role?",
        "Rui Costa",
        "action",
        "sharing the salary bands for the new role",
        "the salary bands for the new role",
    ),
    (
        "Ask: Ada — referral to the data team at Globex",
        "",
        "Ada King",
        "intro",
        "referring me to the data team at Globex",
        "the referral to the data team at Globex",
    ),
    (
        "Follow up: Ivan / send slides from the offsite",
        "",
        "Ivan Petrov",
        "action",
        "sending the slides from the offsite",
        "the slides from the offsite",
    ),
    (
        "Ask: Mei — water the plants while I'm away",
        "",
        "Mei Lin",
        "favour",
        "watering the plants while I'm away",
        "the plants",
    ),
    (
        "Pairing session with Kai #ask",
        "",
        "Kai Young",
        "meeting",
        "doing the pairing session with me",
        "the pairing session",
    ),
    (
        "Ask: Doe, Jane - code review for PR 91",
        "",
        "Doe, Jane",
        "action",
        "doing the code review for PR 91",
        "the code review for PR 91",
    ),
    ("Lunch w/ Olga #ask", "", "Olga Ivanova", "meeting", "making time to meet", "our lunch"),
    (
        "Ask: Tariq — quote for the kitchen",
        "",
        "Tariq Aziz",
        "action",
        "sending me the quote for the kitchen",
        "the quote for the kitchen",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "gerund", "topic"), MAIL)
def test_mail_sentence(sentence: str, kind: str, gerund: str, topic: str) -> None:
    phrase = decide_phrase(sentence)
    assert (phrase.kind, phrase.gerund, phrase.topic) == (kind, gerund, topic)
    assert phrase.sentence == sentence
    assert "…" not in phrase.gerund + phrase.topic


@pytest.mark.parametrize(("title", "description", "helper", "kind", "gerund", "topic"), CALENDAR)
def test_calendar_entry(
    title: str, description: str, helper: str, kind: str, gerund: str, topic: str
) -> None:
    phrase = decide_calendar_phrase(title, description, helper_names=first_name_variants([helper]))
    assert (phrase.kind, phrase.gerund, phrase.topic) == (kind, gerund, topic)
    first = first_name_variants([helper])[-1]
    assert first not in phrase.gerund + phrase.topic, "the helper's own name is said back"


def test_table_has_at_least_sixty_rows() -> None:
    assert len(MAIL) + len(CALENDAR) >= 60


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Ask: Grace — mock interview #ask", "mock interview"),
        ("Checking in: Jordan: mentor the two new hires", "mentor the two new hires"),
        ("#ask Lee | reference letter", "reference letter"),
        ("ASK - Bob -- intro to Acme CTO #done", "intro to Acme CTO"),
        ("Ask: Henry (review contract redlines)", "review contract redlines"),
    ],
)
def test_calendar_title_cleaning(title: str, cleaned: str) -> None:
    names = first_name_variants(["Grace Hopper", "Jordan Lee", "Lee Chen", "Bob Stone", "Henry"])
    assert clean_calendar_title(title, helper_names=names) == cleaned


def test_a_request_in_the_description_wins_over_the_title() -> None:
    phrase = decide_calendar_phrase(
        "1:1 with Sam",
        "Agenda: catch up.\nAsk Sam to send the holiday staffing plan.",
        helper_names=first_name_variants(["Sam Patel"]),
    )
    assert phrase.base == "send the holiday staffing plan"
    assert phrase.sentence.startswith("1:1 with Sam — Agenda")


def test_inflection_uses_the_dictionary_not_a_suffix_table() -> None:
    assert ing("set up the call") == "setting up the call"
    assert (
        ing("proofread the draft and e-mail it back")
        == "proofreading the draft and e-mailing it back"
    )
    assert ing("lie low") == "lying low"


def test_nothing_usable_gives_empty_forms_not_a_broken_phrase() -> None:
    phrase = decide_phrase("FYI.")
    assert (phrase.base, phrase.gerund, phrase.topic) == ("", "", "")


@pytest.mark.parametrize(
    ("form", "sound"),
    [
        ("the discuss", False),
        ("the dinner and", False),
        ("this information to: Joseph A", False),
        ("the and Twanda with the particulars", False),
        ("the if you have any comments", False),
        ("the Q3 deck", True),
        ("the hiring decision", True),
        ("sending me the onboarding checklist", True),
        ("whether you have time for a quick call", True),
    ],
)
def test_a_broken_form_is_dropped_for_plainer_wording(form: str, sound: bool) -> None:
    assert is_sound(form) is sound


def test_an_ask_made_of_broken_words_gets_no_topic() -> None:
    phrase = decide_ask_phrase("mail", "Please call me to discuss.", "", [])
    assert phrase.gerund == "calling me to discuss"
    assert phrase.topic == "our call"
    phrase = decide_ask_phrase("mail", "Let's keep sending back and forth.", "", [])
    assert "the sending" not in phrase.topic
