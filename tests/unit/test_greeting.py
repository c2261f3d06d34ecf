"""How a draft greets its reader (issue #16): a person by first name, a list or a team as
"Hi all", and "Hello" with no name when the address names no one a draft can trust."""

from __future__ import annotations

import pytest

from followthrough.engine.wording import first_name, greeting
from followthrough.model import Address

GREETINGS = [
    # (email, display name, greeting)
    ("grace.hopper@example.org", "Grace Hopper", "Hi Grace"),
    ("kemi.adebayo@example.org", "Dr. Kemi Adebayo", "Hi Dr. Adebayo"),
    ("jane.doe@example.org", "Doe, Jane", "Hi Jane"),
    ("john.smith@example.org", "", "Hi John"),
    ("mary_ann.lee@example.org", "", "Hi Mary"),
    ("grace@example.org", "Grace", "Hi Grace"),  # a name the sender set
    ("gh@example.org", "GRACE HOPPER", "Hi Grace"),  # capitals said as a name
    ("dev.patel@example.org", "Dev Patel", "Hi Dev"),  # a name that is a list word too
    ("exmh-users@redhat.com", "", "Hi all"),  # a mailing list
    ("team-eng@corp.com", "", "Hi all"),
    ("spamassassin-talk@lists.sf.net", "", "Hi all"),
    ("all-staff@school.org", "", "Hi all"),
    ("x@corp.com", "Sales Team", "Hi all"),  # a team by its display name
    ("fork@xent.com", "", "Hello"),  # one word: a list as much as a name
    ("fork@xent.com", "fork", "Hello"),  # a display name that only repeats the address
    ("jsmith@example.org", "", "Hello"),
    ("info@acme.com", "", "Hello"),  # a role mailbox
    ("support@acme.com", "", "Hello"),
    ("no-reply@acme.com", "", "Hello"),
    ("sales.office@acme.com", "", "Hello"),
    ("x@acme.com", "Acme Support", "Hello"),
    ("john.smith2@example.org", "", "Hello"),  # digits: a made-up address
    ("jsmith42@example.org", "", "Hello"),
    ("j.smith@example.org", "", "Hello"),  # an initial is no name
    ("kemi.adebayo@example.org", "Dr.", "Hi Kemi"),  # a title alone is no name
    ("someone@example.org", "exmh-users@redhat.com", "Hello"),  # an address for a name
]


@pytest.mark.parametrize(("email", "name", "expected"), GREETINGS)
def test_a_greeting_names_only_a_person_it_can_trust(email: str, name: str, expected: str) -> None:
    assert greeting([Address(email, name)]) == expected


def test_the_greeting_table_is_large_enough() -> None:
    assert len(GREETINGS) >= 20


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ([("grace@x.org", "Grace Hopper"), ("sam.lee@x.org", "")], "Hi Grace and Sam"),
        (
            [("a@x.org", "Ann Bo"), ("b@x.org", "Bea Cy"), ("c@x.org", "Cal Di")],
            "Hi Ann, Bea and Cal",
        ),
        ([(f"{n}@x.org", f"{n.title()} X") for n in ("ann", "bea", "cal", "dee")], "Hi all"),
        ([("grace@x.org", "Grace Hopper"), ("exmh-users@redhat.com", "")], "Hi all"),
        ([("grace@x.org", "Grace Hopper"), ("info@acme.com", "")], "Hi Grace"),
        ([("info@acme.com", ""), ("support@acme.com", "")], "Hello"),
        ([("info@acme.com", ""), ("fork@xent.com", "")], "Hello"),
        ([], "Hello"),
    ],
)
def test_several_helpers_are_greeted_together(people: list[tuple[str, str]], expected: str) -> None:
    assert greeting([Address(e, n) for e, n in people]) == expected


def test_a_draft_names_an_address_that_is_no_person_in_full() -> None:
    """In prose ("I asked … to"), a list is said as it is written, never "Exmh-users"."""
    assert first_name(Address("exmh-users@redhat.com", "")) == "exmh-users@redhat.com"
    assert first_name(Address("x@acme.com", "Acme Support")) == "Acme Support"
    assert first_name(Address("grace.hopper@example.org", "Grace Hopper")) == "Grace"


def test_a_note_to_someone_else_names_a_helper_in_full() -> None:
    from followthrough.engine.wording import full_name

    assert full_name(Address("jo.reyes@example.org", "")) == "Jo Reyes"
    assert full_name(Address("gh@example.org", "Grace Hopper")) == "Grace Hopper"
    assert full_name(Address("info@acme.com", "")) == "info@acme.com"


@pytest.mark.parametrize(
    ("email", "named_in", "expected"),
    [
        # the user wrote the one-word address as a name: that is who it is
        ("grace@example.org", "Ask: Grace — mock interview #done", "Hi Grace"),
        ("jo@example.org", "Jo, could you cover my shift on Saturday?", "Hi Jo"),
        ("ravi@acme.com", "Need Ravi's approval on the floor plan #ask", "Hi Ravi"),
        # not written as a name, or an address that is no person
        ("grace@example.org", "mock interview with grace@example.org", "Hello"),
        ("grace@example.org", "Graceful shutdown review", "Hello"),
        ("fork@xent.com", "Does anyone use the new fork?", "Hello"),
        ("info@acme.com", "Info: please send the invoice", "Hello"),
        ("sales@acme.com", "Sales deck review", "Hello"),
        ("user42@x.org", "User42 should reply", "Hello"),
    ],
)
def test_an_address_the_user_wrote_as_a_name_is_greeted_by_it(
    email: str, named_in: str, expected: str
) -> None:
    assert greeting([Address(email, "")], named_in=named_in) == expected
