from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.detect.sentence import decide_phrase
from followthrough.engine.compose import (
    Composer,
    build_draft,
    clean_line,
    reply_subject,
    shipped_templates_dir,
    thread_key,
)
from followthrough.engine.drafting import draft_context
from followthrough.engine.gallery import example_settings
from followthrough.errors import TemplateError
from followthrough.model import Address, Ask

NOW = datetime(2026, 11, 16, 9, tzinfo=ZoneInfo("Europe/Berlin"))

TZ = ZoneInfo("Europe/London")
ASK = Ask(
    id="abcde",
    source_kind="mail",
    source_key="ask@example.org",
    what="review the Q3 deck",
    subject="Q3 deck",
    helpers=(Address("bob@example.org", "Bob Chen"),),
    asked_at=datetime(2026, 11, 2, 10, tzinfo=TZ),
    due=datetime(2026, 11, 13, 17, tzinfo=TZ),
    due_phrase="by Nov 13",
    state="open",
    status="tracked",
    outcome="the board approved it",
    thread_root="ask@example.org",
    conversation=None,
    praise=False,
    last_helper_at=None,
    last_user_at=None,
    thanked_at=None,
    state_at=datetime(2026, 11, 11, 10, tzinfo=TZ),
    phrase=decide_phrase("Could you review the Q3 deck by Friday?"),
)
SETTINGS = example_settings(locale="en_GB")
SETTINGS = replace(SETTINGS, voice=replace(SETTINGS.voice, signoff="Alex"))


def context_for(
    ask: Ask, kind: str = "nudge", managers: tuple[Address, ...] = (), **extra: object
) -> dict[str, object]:
    ctx = draft_context(
        ask, kind, 1, settings=SETTINGS, tz=TZ, now=NOW, environ={}, managers=managers
    )
    ctx.update(extra)
    return ctx


CONTEXT: dict[str, object] = context_for(ASK)


def test_praise_says_what_they_did_to_the_manager() -> None:
    ask = replace(ASK, state="delivered")
    ctx = context_for(
        ask,
        "praise",
        managers=(Address("dana.ruiz@example.org", "Dana Ruiz"),),
        delivered_on="Wednesday 11 November",
    )
    rendered = Composer().render("praise.txt.j2", ctx)
    assert rendered.subject == "Bob Chen helped me with the Q3 deck"
    body = rendered.body
    assert body.startswith("Hi Dana,")
    assert "On Monday 2 November, I asked Bob to review the Q3 deck, and" in body
    assert "by Wednesday 11 November, it was done" in body
    assert "the board approved it" in body


def test_digest_template_lists_every_section() -> None:
    line = {
        "id": "abcde",
        "what": "review the Q3 deck",
        "helpers": "Bob",
        "due": "Fri 13 Nov",
        "overdue": True,
        "state": "open",
        "since": "Mon 2 Nov",
        "next": "",
    }
    ctx = {
        "date": "Mon 16 Nov",
        "me": "Alex",
        "open_asks": [line],
        "undated": [line],
        "drafts": [{"id": "abcde-nudge", "to": "bob@example.org", "subject": "Re: Q3 deck"}],
        "outcomes": [line],
        "waiting": [line],
        "busy": [{"who": "Bob", "count": 4}],
        "favour": [{"who": "Carol", "asks": [{"what": "read my draft", "since": "Tue 3 Nov"}]}],
        "empty": False,
    }
    body = Composer().render("digest.txt.j2", ctx).body
    for needle in (
        "Drafts waiting",
        "abcde-nudge",
        "Open asks by due date",
        "Fri 13 Nov (overdue)",
        "without a date",
        "Outcomes to record",
        "They asked you something back",
        "Bob: 4 open asks",
        "Carol: read my draft",
    ):
        assert needle in body, needle


@pytest.mark.parametrize("name", ["checkin", "nudge", "thanks", "outcome"])
def test_every_shipped_template_names_the_ask_and_the_date(name: str) -> None:
    state = "delivered" if name in ("thanks", "outcome") else "open"
    rendered = Composer().render(f"{name}.txt.j2", context_for(replace(ASK, state=state), name))
    assert rendered.subject == "Re: Q3 deck"
    assert "the Q3 deck" in rendered.body
    assert rendered.body.startswith("Hi Bob,")
    assert rendered.body.rstrip().endswith("Alex")
    if name in ("checkin", "nudge"):
        assert "Friday 13 November" in rendered.body
    if name == "thanks":
        assert "Thank you for reviewing the Q3 deck." in rendered.body
    if name == "outcome":
        assert "the board approved it" in rendered.body


def test_thanks_after_a_decline_thanks_for_considering() -> None:
    body = Composer().render("thanks.txt.j2", context_for(replace(ASK, state="declined"))).body
    assert "considering" in body
    assert "how it turns out" not in body


def test_calendar_ask_without_subject_gets_its_own() -> None:
    rendered = Composer().render("checkin.txt.j2", context_for(replace(ASK, subject="")))
    assert rendered.subject == "Checking in on the Q3 deck"


def test_user_templates_override_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "nudge.txt.j2").write_text(
        "{% block subject %}Ping: {{ what }}{% endblock %}"
        "{% block body %}Yo {{ helper_name }}{% endblock %}"
    )
    composer = Composer(tmp_path)
    assert composer.render("nudge.txt.j2", CONTEXT).subject == "Ping: review the Q3 deck"
    assert composer.render("thanks.txt.j2", CONTEXT).subject == "Re: Q3 deck"


def test_sandbox_stops_templates_reaching_for_internals(tmp_path: Path) -> None:
    (tmp_path / "nudge.txt.j2").write_text(
        "{% block subject %}x{% endblock %}\n{% block body %}\n"
        "{{ ''.__class__.__mro__[1].__subclasses__() }}\n{% endblock %}"
    )
    with pytest.raises(TemplateError) as info:
        Composer(tmp_path).render("nudge.txt.j2", CONTEXT)
    assert "nudge.txt.j2" in str(info.value)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "nudge.txt.j2").write_text(
        "{% block subject %}x{% endblock %}\n\n{% block body %}{{ oops( {% endblock %}"
    )
    with pytest.raises(TemplateError, match=r"nudge.txt.j2, line 3"):
        Composer(tmp_path).render("nudge.txt.j2", CONTEXT)


def test_shipped_templates_are_found() -> None:
    assert (shipped_templates_dir() / "nudge.txt.j2").is_file()


@pytest.mark.parametrize(
    "evil",
    [
        "Deck\r\nBcc: eve@evil.example",
        "Deck\nBcc: eve@evil.example",
        "Deck\u2028Bcc: eve@evil.example",
        "Deck\x00Bcc: eve@evil.example",
        "Deck\x85Bcc: eve@evil.example",
    ],
)
def test_nothing_from_mail_adds_a_header(evil: str) -> None:
    rendered = Composer().render("nudge.txt.j2", {**CONTEXT, "subject": evil})
    draft = build_draft(
        sender=Address("alex@example.org", "Alex\r\nCc: eve@evil.example"),
        to=[Address("bob@example.org", "Bob\nBcc: eve@evil.example")],
        rendered=rendered,
        ask_id="abcde",
        followup_id="abcde-nudge",
        now=NOW,
        in_reply_to="m1@x\r\nBcc: eve@evil.example",
    )
    raw = draft.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert "\n" not in parsed["To"].addresses[0].display_name
    assert [a.addr_spec for a in parsed["To"].addresses] == ["bob@example.org"]
    assert parsed["In-Reply-To"] is None  # an unsafe id is dropped, not passed on


def test_draft_is_a_complete_message() -> None:
    rendered = Composer().render("nudge.txt.j2", CONTEXT)
    draft = build_draft(
        sender=Address("alex@example.org", "Alex"),
        to=[Address("bob@example.org", "Bob Chen")],
        rendered=rendered,
        ask_id="abcde",
        followup_id="abcde-nudge",
        now=NOW,
        in_reply_to="m1@x",
        message_id="id1@example.org",
    )
    parsed = message_from_bytes(draft.as_bytes(), policy=policy.default)
    for header in ("Message-ID", "Date", "From", "To", "Subject", "In-Reply-To", "References"):
        assert parsed[header], header
    assert parsed["X-Followthrough-Ask"] == "abcde"
    assert parsed["Message-ID"] == "<id1@example.org>"
    assert parsed["References"] == "<m1@x>"


def test_invalid_address_refused() -> None:
    rendered = Composer().render("nudge.txt.j2", CONTEXT)
    with pytest.raises(TemplateError, match="invalid address"):
        build_draft(
            sender=Address("alex@example.org"),
            to=[Address("bob@example.org, eve@evil.example")],
            rendered=rendered,
            ask_id="a",
            followup_id="a-nudge",
            now=NOW,
        )


def test_clean_line() -> None:
    assert clean_line("a\r\n\tb\u2029c") == "a b c"


@pytest.mark.parametrize(
    ("thread_subject", "expected"),
    [
        ("Q3 deck", "Re: Q3 deck"),
        ("Re: Q3 deck", "Re: Q3 deck"),
        ("RE: Q3 deck", "Re: Q3 deck"),
        ("AW: Q3 deck", "Re: Q3 deck"),
        ("SV: Q3 deck", "Re: Q3 deck"),
        ("Antw: Q3 deck", "Re: Q3 deck"),
        ("Re: AW: SV: Antw: RE: Q3 deck", "Re: Q3 deck"),
        ("Re[2]: Q3 deck", "Re: Q3 deck"),
        ("Re: [team] Re: Q3 deck", "Re: [team] Q3 deck"),
        ("Fwd: Re: Fwd: Q3 deck", "Re: Fwd: Q3 deck"),
        ("Treffen: Q3 deck", "Re: Treffen: Q3 deck"),  # a word before a colon, not a prefix
    ],
)
def test_a_reply_draft_has_exactly_one_reply_prefix(thread_subject: str, expected: str) -> None:
    for name in ("checkin", "nudge", "thanks", "outcome"):
        ctx = context_for(replace(ASK, subject=thread_subject), name)  # as a pass builds it
        rendered = Composer().render(f"{name}.txt.j2", ctx)
        assert rendered.subject == expected, name


def test_a_fresh_mail_gets_no_reply_prefix() -> None:
    rendered = Composer().render(
        "praise.txt.j2",
        {
            **CONTEXT,
            "helper_full_names": "Bob Chen",
            "manager_name": "Dana",
            "delivered_on": "Wednesday 11 November",
        },
    )
    assert not rendered.subject.lower().startswith("re")
    fresh = context_for(replace(ASK, subject=""), "checkin")  # a calendar ask: no thread
    assert Composer().render("checkin.txt.j2", fresh).subject == "Checking in on the Q3 deck"


def test_reply_subject_filter_for_templates(tmp_path: Path) -> None:
    (tmp_path / "nudge.txt.j2").write_text(
        "{% block subject %}{{ subject | reply_subject }}{% endblock %}"
        "{% block body %}Hi{% endblock %}"
    )
    composer = Composer(tmp_path)
    assert composer.render("nudge.txt.j2", {**CONTEXT, "subject": "AW: Re: x"}).subject == "Re: x"
    assert reply_subject("") == ""
    assert thread_key("Re: [team] AW: Q3 Deck") == thread_key("q3 deck") == "q3 deck"
