"""Calendar entries that ask for an approval, a sign-off or a decision (issue #16): said as
"approving the vendor contract" / "signing off on the Q3 budget", never as "helping me with
the green light" or "approving the need approval on the floor plan"."""

from __future__ import annotations

import pytest

from followthrough.detect.calendar import decide_calendar_phrase
from followthrough.detect.phrase import first_name_variants

APPROVALS = [
    # (title, description, helper, gerund, topic)
    (
        "Sign-off: Q3 budget – Priya",
        "",
        "Priya Nair",
        "signing off on the Q3 budget",
        "the Q3 budget",
    ),
    (
        "Approve PTO for Dec (Marcus)",
        "",
        "Marcus Bell",
        "approving my PTO for Dec",
        "my PTO for Dec",
    ),
    (
        "Priya to OK the vendor contract",
        "",
        "Priya Nair",
        "approving the vendor contract",
        "the vendor contract",
    ),
    (
        "Need Ravi's approval on the floor plan",
        "",
        "Ravi Kumar",
        "approving the floor plan",
        "the floor plan",
    ),
    (
        "Get Lena's sign-off on the launch checklist",
        "",
        "Lena Ortiz",
        "signing off on the launch checklist",
        "the launch checklist",
    ),
    (
        "Ask Ravi: green light for the pilot",
        "",
        "Ravi Kumar",
        "approving the pilot",
        "the approval for the pilot",
    ),
    (
        "Marcus — go-ahead for the team offsite",
        "",
        "Marcus Bell",
        "approving the team offsite",
        "the approval for the team offsite",
    ),
    (
        "Decision: which vendor – Priya",
        "",
        "Priya Nair",
        "deciding which vendor",
        "the decision on which vendor",
    ),
    (
        "Sign-off: Q3 budget – Priya",
        "She needs to approve it before the board meets.",
        "Priya Nair",
        "signing off on the Q3 budget",
        "the Q3 budget",
    ),
    (
        "Ask: Dana — OK on the holiday rota",
        "",
        "Dana Whitfield",
        "approving the holiday rota",
        "the approval for the holiday rota",
    ),
    (
        "FW: press release – need Lena's go-ahead",
        "",
        "Lena Ortiz",
        "approving the press release",
        "the press release",
    ),
    (
        "Hiring plan — Omar to sign off",
        "",
        "Omar Haddad",
        "signing off on the hiring plan",
        "the hiring plan",
    ),
    (
        "#ask Omar: okay the overtime for Saturday",
        "",
        "Omar Haddad",
        "approving the overtime",
        "the overtime",
    ),
    (
        "Need Marcus's OK on the new rota",
        "",
        "Marcus Bell",
        "approving the new rota",
        "the new rota",
    ),
    (
        "Q4 marketing spend – Priya's call",
        "",
        "Priya Nair",
        "deciding on the Q4 marketing spend",
        "the Q4 marketing spend",
    ),
    (
        "Travel request — needs Ravi's approval",
        "",
        "Ravi Kumar",
        "approving the travel request",
        "the travel request",
    ),
    (
        "Greenlight the mural project (Dana)",
        "",
        "Dana Whitfield",
        "approving the mural project",
        "the mural project",
    ),
    (
        "Vendor contract — Priya",
        "Need her OK before we sign on Friday.",
        "Priya Nair",
        "approving the vendor contract",
        "the vendor contract",
    ),
    (
        "Decision on whether to extend the pilot – Marcus",
        "",
        "Marcus Bell",
        "deciding whether to extend the pilot",
        "the decision on whether to extend the pilot",
    ),
    (
        "Sign off floor plan v3 – Ravi #ask",
        "",
        "Ravi Kumar",
        "signing off on the floor plan v3",
        "the floor plan v3",
    ),
    (
        "Budget — Omar",
        "Ask him to sign it off.",
        "Omar Haddad",
        "signing off on the budget",
        "the budget",
    ),
    (
        "Ask Dana for the green light on the new signage",
        "",
        "Dana Whitfield",
        "approving the new signage",
        "the approval for the new signage",
    ),
    ("Priya: thumbs up on the logo?", "", "Priya Nair", "approving the logo", "the logo"),
    (
        "Locum cover w/c 9 June — Dr. Saeed to approve",  # which week, not what
        "",
        "Amir Saeed",
        "approving the locum cover",
        "the locum cover",
    ),
    (
        "new hymnals order – Deacon Mulroney to OK",  # a deacon before the surname
        "",
        "Brendan Mulroney",
        "approving the new hymnals order",
        "the new hymnals order",
    ),
]


@pytest.mark.parametrize(("title", "description", "helper", "gerund", "topic"), APPROVALS)
def test_a_calendar_approval_is_said_as_approving_it(
    title: str, description: str, helper: str, gerund: str, topic: str
) -> None:
    phrase = decide_calendar_phrase(title, description, helper_names=first_name_variants([helper]))
    assert (phrase.kind, phrase.gerund, phrase.topic) == ("approval", gerund, topic)
    assert helper.split()[0] not in phrase.gerund + phrase.topic


def test_the_approval_table_has_fifteen_rows_or_more() -> None:
    assert len(APPROVALS) >= 15


@pytest.mark.parametrize(
    ("title", "description", "kind", "gerund"),
    [
        # a pronoun in the description stays with a title that names no thing
        ("1:1 with Sam", "Ask him to send it over before Friday.", "action", "sending it over"),
        # "OK to …" is a permission, not the verb "OK"
        ("#ask Omar: OK to hire a contractor?", "", "approval", "letting us hire a contractor"),
    ],
)
def test_what_the_approval_reading_leaves_alone(
    title: str, description: str, kind: str, gerund: str
) -> None:
    names = first_name_variants(["Sam Lee", "Omar Haddad"])
    phrase = decide_calendar_phrase(title, description, helper_names=names)
    assert (phrase.kind, phrase.gerund) == (kind, gerund)
