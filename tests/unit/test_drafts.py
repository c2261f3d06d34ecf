"""Every template in every state reads as a careful person would write it (issue #16)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followthrough.cli.main import main
from followthrough.config.voice import decide_locale, format_day
from followthrough.engine.compose import Composer, Rendered
from followthrough.engine.drafting import TEMPLATE_FOR, draft_context, reply_subject, says_you
from followthrough.engine.gallery import (
    EXAMPLES,
    NOW,
    TZ,
    Case,
    example_ask,
    example_settings,
    lint_draft,
    lint_gallery,
    render_gallery,
    render_gallery_markdown,
)
from followthrough.model import Address, AskPhrase

DOCS = Path(__file__).resolve().parents[2] / "docs" / "drafts.md"
ALL = [
    (example, case, ask, rendered)
    for example, case, ask, rendered in render_gallery(Composer(), example_settings())
]


def ids(item: tuple[object, ...]) -> str:
    example, case = item[0], item[1]
    return f"{example.title[:30]}/{case.label}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("locale", ["en_US", "en_GB"])
@pytest.mark.parametrize("tone", ["warm", "brief"])
def test_every_template_in_every_state_passes_the_lint(locale: str, tone: str) -> None:
    results = lint_gallery(Composer(), example_settings(locale=locale, tone=tone))
    assert len(results) >= 60
    templates = {case.template for _, case, _, _ in ALL}
    assert templates == set(TEMPLATE_FOR)
    failures = [(e, c, p) for e, c, p in results if p]
    assert failures == []


@pytest.mark.parametrize("item", ALL, ids=[ids(i) for i in ALL])
def test_no_agreement_is_assumed_before_the_helper_said_yes(item: tuple) -> None:  # type: ignore[type-arg]
    _, case, _ask, rendered = item
    body = rendered.body.lower()
    if not case.replied:
        for assumed in (
            "we agreed",
            "we'd said",
            "as we had agreed",
            "taking this on",
            "you'd planned",
        ):
            assert assumed not in body
    assert "…" not in body and "..." not in body
    assert rendered.subject.lower().count("re:") <= 1
    assert len(rendered.subject) <= 70


def test_after_a_yes_a_check_in_thanks_them_for_taking_it_on_or_for_the_time() -> None:
    for example, case, ask, rendered in ALL:
        if case.template == "checkin" and case.state == "acknowledged":
            # a question (of any kind: "can we share the draft?") is answered, not taken on
            question = ask.phrase.kind == "info" or ask.phrase.base.startswith("let me know ")
            said = "Thanks for taking this on." in rendered.body
            meeting = ask.phrase.kind == "meeting"  # time given, not a task taken on
            assert said is not (question or meeting), example.title
            if meeting and not question:
                assert "Thanks for making the time." in rendered.body, example.title


def test_a_question_is_thanked_with_letting_me_know() -> None:
    (body,) = [
        r.body
        for e, c, _, r in ALL
        if "question" in e.title and c.label == "thank-you, help arrived"
    ]
    assert "Thanks for letting me know who will assist at the workshop." in body
    assert "thank you for have you" not in body.lower()


def test_outcome_says_thank_you_again_only_after_a_thank_you() -> None:
    for _, case, _, rendered in ALL:
        if case.template == "outcome":
            assert ("Thank you again" in rendered.body) is case.thanked


def test_a_meeting_ask_is_never_nudged_and_is_thanked_for_the_time() -> None:
    meeting = [(c, r) for e, c, _, r in ALL if e.title.startswith("A meeting-shaped")]
    assert {c.template for c, _ in meeting} == {"thanks", "outcome", "praise"}
    (thanks,) = [r for c, r in meeting if c.label == "thank-you, after the meeting"]
    assert "Thank you for doing the mock interview with me on Friday, November 13." in thanks.body
    assert "haven't seen it come through" not in thanks.body
    assert thanks.subject == "Thank you for doing the mock interview with me"
    assert "Grace —" not in thanks.body and "Ask:" not in thanks.body


def test_calendar_asks_get_short_natural_fresh_subjects() -> None:
    subjects = {
        (e.title[:12], c.template): r.subject for e, c, _, r in ALL if e.source_kind == "calendar"
    }
    assert subjects[("An approval,", "checkin")] == "Checking in on the travel budget"
    assert subjects[("An approval,", "nudge")] == "Following up on the travel budget"
    assert subjects[("A calendar e", "outcome")] == "An update on the holiday staffing plan"


def test_reply_subject_gets_one_re() -> None:
    assert reply_subject("Q3 deck") == "Re: Q3 deck"
    assert reply_subject("Re: Q3 deck") == "Re: Q3 deck"
    assert reply_subject("AW: Angebot") == "Re: Angebot"  # one prefix, whatever the language
    assert reply_subject("Re: AW: Re: Angebot") == "Re: Angebot"
    assert reply_subject("") == ""


def test_sign_off_and_signature_are_the_users() -> None:
    settings = example_settings(signature="Pat Example\nHead of Ops, Example Ltd")
    example = EXAMPLES[0]
    ask = example_ask(example, Case("thanks", "thanks", "delivered", replied=True))
    context = draft_context(ask, "thanks", 1, settings=settings, tz=TZ, now=NOW, environ={})
    body = Composer().render("thanks.txt.j2", context).body
    assert body.endswith("\nPat\n\n-- \nPat Example\nHead of Ops, Example Ltd\n")


def test_brief_tone_is_shorter() -> None:
    warm = list(render_gallery(Composer(), example_settings(tone="warm")))
    brief = list(render_gallery(Composer(), example_settings(tone="brief")))
    assert sum(len(r.body) for *_, r in brief) < 0.85 * sum(len(r.body) for *_, r in warm)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en_US", "Friday, November 13"),
        ("en_GB", "Friday 13 November"),
        ("en_AU", "Friday 13 November"),
        ("en_CA", "Friday, November 13"),
        ("de_DE", "Freitag, 13. November"),
    ],
)
def test_dates_follow_the_locale(locale: str, expected: str) -> None:
    assert format_day(date(2026, 11, 13), locale, today=date(2026, 11, 2)) == expected


def test_a_date_in_another_year_says_the_year() -> None:
    assert format_day(date(2027, 1, 8), "en_US", today=date(2026, 11, 2)) == (
        "Friday, January 8, 2027"
    )


@pytest.mark.parametrize(
    ("configured", "zone", "environ", "expected"),
    [
        ("en_GB", "America/Chicago", {}, "en_GB"),
        ("", "America/Chicago", {}, "en_US"),
        ("", "Europe/London", {}, "en_GB"),
        ("", "Europe/Berlin", {"LANG": "en_GB.UTF-8"}, "en_GB"),
        ("", "America/Chicago", {"LANG": "de_DE.UTF-8"}, "en_US"),
        ("", "America/Chicago", {"LC_ALL": "C", "LANG": "en_IE.UTF-8"}, "en_IE"),
        ("", "UTC", {}, "en_US"),
    ],
)
def test_the_locale_comes_from_config_environment_or_zone(
    configured: str, zone: str, environ: dict[str, str], expected: str
) -> None:
    assert decide_locale(configured, ZoneInfo(zone), environ) == expected


def test_drafts_for_a_chicago_user_write_us_dates() -> None:
    settings = example_settings(locale="")
    example = EXAMPLES[0]
    ask = example_ask(example, Case("nudge", "nudge", "acknowledged", replied=True))
    context = draft_context(ask, "nudge", 1, settings=settings, tz=TZ, now=NOW, environ={})
    body = Composer().render("nudge.txt.j2", context).body
    assert "we'd said Friday, November 13," in body


def test_the_lint_catches_what_the_issue_found() -> None:
    def lint(subject: str, body: str) -> list[str]:
        return lint_draft(
            subject,
            body,
            phrase_words="Grace — mock interview",
            helper_names=("Grace",),
            dates=("Friday, November 13",),
        )

    assert lint("Re: Q3", "Thank you for send me the onboarding checklist.")
    assert lint("Re: Q3", "Following up on review the Q3 deck.")
    assert lint("Re: Re: Q3", "Hi.")
    assert lint("Q3", "A quick update on the the deck.")
    assert lint("Q3", "We cut it at 80 characters…")
    assert lint("Q3", "We had Friday 13 November in mind.")
    assert lint("Q3", "We had Fri 13 Nov in mind.")
    assert lint("Q3", "Hi")  # the helper's own name in the ask phrase
    clean = lint_draft(
        "Re: Q3",
        "Thank you for reviewing the Q3 deck by Friday, November 13.",
        phrase_words="reviewing the Q3 deck",
        helper_names=("Bob",),
        dates=("Friday, November 13",),
    )
    assert clean == []
    named = lint_draft(
        "Re: Q3",
        "Thank you for getting him into the Super Saturday, and by Friday, November 13 too.",
        phrase_words="getting him into the Super Saturday",
        helper_names=("Bob",),
        dates=("Friday, November 13",),
    )
    assert named == []  # a day in a name is no date; the real date is in the locale's format


def test_docs_drafts_md_is_current() -> None:
    """docs/drafts.md is the gallery of the shipped templates; regenerated when stale."""
    fresh = render_gallery_markdown(Composer(), example_settings())
    current = DOCS.read_text("utf-8") if DOCS.exists() else ""
    if current != fresh:
        DOCS.write_text(fresh, "utf-8")
        pytest.fail("docs/drafts.md was stale and has been regenerated: review and commit it")


def test_templates_preview_prints_the_gallery() -> None:
    out = io.StringIO()
    assert main(["templates", "--preview", "--shipped"], out=out) == 0
    assert out.getvalue() == DOCS.read_text("utf-8")
    out = io.StringIO()
    assert main(["templates", "--preview", "--shipped", "--locale", "en_GB"], out=out) == 0
    assert "Friday 13 November" in out.getvalue()


def test_templates_lists_where_each_template_comes_from(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["templates", "--shipped"], out=out) == 0
    assert "checkin.txt.j2" in out.getvalue() and "digest.txt.j2" in out.getvalue()


def test_an_unknown_preview_locale_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "--preview", "--shipped", "--locale", "xx_QQ"]) != 0
    assert "[user].locale: unknown locale 'xx_QQ'" in capsys.readouterr().err


def test_a_meeting_asked_by_mail_reads_as_time_asked_for() -> None:
    """Before any reply a meeting is asked for, never assumed ("is it still on?"); after a
    yes the check-in asks whether the time still suits; no draft calls it a task."""
    meetings = [
        (case, rendered.body)
        for example, case, ask, rendered in ALL
        if ask.phrase is not None and ask.phrase.kind == "meeting" and example.source_kind == "mail"
    ]
    assert len(meetings) >= 10
    for case, body in meetings:
        assert "taking this on" not in body and "Is it still doable" not in body, case.label
        if case.state == "open":
            assert "still on" not in body and "still good" not in body, case.label
        if case.template == "checkin" and case.state == "acknowledged":
            # the meeting as its words call it: "our meeting", "our call", "dinner"
            said = re.search(r"A quick note about ([\w' -]+): when would suit you\?", body)
            assert said is not None, case.label
            assert said.group(1) in ("our meeting", "our call", "dinner"), case.label


def drafted(title: str, label: str) -> tuple[str, str]:
    (found,) = [(r.subject, r.body) for e, c, _, r in ALL if e.title == title and c.label == label]
    return found


def test_again_only_after_an_earlier_thank_you() -> None:
    """No draft says "thanks again" / "thank you again" unless a thank-you went before."""
    for example, case, _, rendered in ALL:
        body = rendered.body.lower()
        if case.template == "outcome" and case.thanked:
            assert "thank you again." in body, (example.title, case.label)
        else:
            assert "thanks again" not in body, (example.title, case.label)
            assert "thank you again" not in body, (example.title, case.label)


MEETING = "A meeting (time together with the user), asked by mail, no date"
DATED_MEETING = "A meeting on a date, asked by mail"


def test_a_check_in_on_an_accepted_meeting_asks_when_never_how_it_is_going() -> None:
    _, body = drafted(MEETING, "check-in, after they said yes")
    # no time was set: none is assumed
    assert "A quick note about our meeting: when would suit you?" in body
    assert "still on" not in body and "the time still" not in body
    assert "Thanks for making the time." in body
    for example, case, ask, rendered in ALL:
        if ask.phrase is not None and ask.phrase.kind == "meeting":
            assert "How is it going" not in rendered.body, (example.title, case.label)
            assert "planned for" not in rendered.body or case.template == "nudge"
            assert "come through" not in rendered.body, (example.title, case.label)


def test_a_nudge_on_an_accepted_meeting_asks_for_a_time_not_whether_it_is_on() -> None:
    _, body = drafted(MEETING, "nudge, after they said yes")
    said = "I wanted to follow up about our meeting. Is there a time that would work for you?"
    assert said in body
    assert "still on" not in body


def test_a_meeting_on_a_date_asked_by_mail_is_asked_then_thanked_after_it() -> None:
    _, before = drafted(DATED_MEETING, "check-in, before any reply")
    assert "would you be able to meet to go over the hiring plan on Friday, November 13?" in before
    assert "still on" not in before
    _, nudge = drafted(DATED_MEETING, "nudge, no reply and the date passed")
    assert "has passed" not in nudge and "still on" not in nudge
    subject, thanks = drafted(DATED_MEETING, "thank-you, after the meeting")
    assert subject == "Re: Hiring plan"
    assert " on Friday, November 13. It was really helpful" in thanks


def test_a_declined_meeting_is_let_go_kindly() -> None:
    _, body = drafted(MEETING, "thank-you, they declined")
    assert "Thanks for letting me know, and no problem at all; I completely understand." in body
    assert "Perhaps another time." in body
    assert "find another way" not in body and "about our meeting" not in body


def test_an_outcome_after_a_meeting_says_since_we_met() -> None:
    _, body = drafted(MEETING, "outcome, no thank-you sent before")
    assert "A quick update since we met: I got the job." in body
    assert "Thank you so much for making time for me. It made a real difference." in body
    assert "which you helped me with" not in body


def test_praise_for_a_meeting_says_we_met_not_that_it_was_done() -> None:
    subject, body = drafted(MEETING, "praise, to their manager")
    assert subject == "How Ruth Okafor helped me"
    assert (
        "On Monday, November 9, I asked Ruth to make time for me, and we met on Thursday,"
        " November 19." in body
    )
    assert "it was done" not in body and "helped me with our meeting" not in body


def test_an_outcome_after_a_question_says_they_answered_it() -> None:
    title = "A question (a request for information), asked by mail"
    _, body = drafted(title, "outcome, no thank-you sent before")
    assert (
        "A quick update, since you answered my question about who will assist at the workshop:"
        " I got the job." in body
    )


def test_an_approval_or_intro_is_asked_for_news_not_how_it_is_going() -> None:
    _, approval = drafted("An approval, from a calendar entry", "check-in, after they said yes")
    assert (
        "Just a quick check-in on the travel budget, which you'd planned for Friday, November 13."
        " Is there any news?" in approval
    )
    _, intro = drafted("An introduction, asked by mail, no date", "check-in, after they said yes")
    assert "Just a quick check-in on the introduction to Acme's CTO. Is there any news?" in intro
    for body in (approval, intro):
        assert "How is it going" not in body


def test_a_check_in_before_an_accepted_meeting_on_a_date_confirms_the_date() -> None:
    """Should a check-in be drafted before a dated meeting the helper said yes to, it
    confirms the date: nothing is "going" yet and nothing is thanked "again"."""
    (example,) = [e for e in EXAMPLES if e.title == DATED_MEETING]
    ask = example_ask(example, Case("x", "checkin", "acknowledged", replied=True))
    context = draft_context(
        ask, "checkin", 1, settings=example_settings(), tz=TZ, now=NOW, environ={}
    )
    body = Composer().render(TEMPLATE_FOR["checkin"], context).body
    assert (
        "Just checking that we're still on for Friday, November 13 (the hiring plan)."
        " Does that still work for you?" in body
    )
    assert "How is it going" not in body and "planned for" not in body and "again" not in body


def test_the_gallery_digest_lists_only_dated_asks_by_due_date() -> None:
    """An undated ask is listed under "Asks without a date", never as "- -:" by due date."""
    text = render_gallery_markdown(Composer(), example_settings())
    digest = text[text.index("Open asks by due date:") :]
    assert "\n  - -:" not in digest
    assert "introduce me to Acme's CTO" in digest.split("Asks without a date")[1]


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Grace Hopper", "Grace"),
        ("Hopper, Grace", "Grace"),
        ("Dr. Kemi Adebayo", "Dr. Adebayo"),
        ("Prof Eva Lindqvist", "Prof Lindqvist"),
        ("Dr.", "Kemi"),  # a title alone is no name: the address says it
        ("", "Kemi"),
    ],
)
def test_a_greeting_names_a_titled_helper_by_title_and_family_name(
    name: str, greeting: str
) -> None:
    from followthrough.engine.wording import first_name
    from followthrough.model import Address

    assert first_name(Address("kemi.adebayo@example.org", name)) == greeting


def test_an_undated_check_in_asks_when_they_could_get_to_it_and_a_meeting_for_a_date() -> None:
    """With no date, an introduction or a task is asked roughly when; only a meeting,
    which needs a slot, is asked for a date (and only before they said yes)."""
    intro = "An introduction, asked by mail, no date"
    for label in ("check-in, before any reply", "check-in, after they said yes"):
        _, body = drafted(intro, label)
        assert "Do you have a rough idea of when you could get to it?" in body
        assert "date that would work" not in body
    _, body = drafted(MEETING, "check-in, before any reply")
    assert "Is there a date that would work for you?" in body
    _, body = drafted(MEETING, "check-in, after they said yes")
    assert "date that would work" not in body and "get to it" not in body


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (
            "A standing favour, asked by mail, no date",
            "I asked Nina to keep me posted on the hiring decision, and Nina has done just that.",
        ),
        (
            "An introduction, asked by mail, no date",
            "I asked Omar to introduce me to Acme's CTO, and by Thursday, November 19, the"
            " introduction was made.",
        ),
        (
            "An approval, from a calendar entry",
            "I asked Tom to approve the travel budget, and by Thursday, November 19, I had the"
            " go-ahead.",
        ),
    ],
)
def test_praise_says_what_came_of_the_ask_in_the_words_of_its_kind(title: str, said: str) -> None:
    """A standing favour is never "done"; an introduction is made, an approval given."""
    _, body = drafted(title, "praise, to their manager")
    assert said in body
    assert "it was done" not in body


def test_a_dinner_is_thanked_as_company_not_as_help() -> None:
    _, body = drafted(
        "An invitation (a meeting), asked by mail, no date", "thank-you, help arrived"
    )
    assert "Thank you for joining us for dinner after the launch. It was lovely to see you" in body
    assert "really helpful" not in body and "how it goes" not in body


def praise_for(phrase: AskPhrase) -> Rendered:
    """The praise to Nina Patel's manager for an ask said as ``phrase``."""
    _, case, ask, _ = next(
        item for item in ALL if item[1].template == "praise" and item[2].phrase is not None
    )
    helper = Address("nina@example.org", "Nina Patel")
    ask = replace(ask, helpers=(helper,), phrase=phrase, subject="Quick question")
    context = draft_context(
        ask,
        "praise",
        case.seq,
        settings=example_settings(),
        tz=TZ,
        now=NOW,
        thanked=case.thanked,
        managers=(Address("lee@example.org", "Lee Park"),),
        environ={},
    )
    return Composer().render(TEMPLATE_FOR["praise"], context)


@pytest.mark.parametrize(
    ("kind", "base", "topic", "asked", "subject"),
    [
        (
            "info",
            "let me know whether you're available on Friday",
            "your availability on Friday",
            "I asked Nina to answer a question, and",
            "How Nina Patel helped me",
        ),
        (
            "action",
            "review your draft of the grant report",
            "your draft of the grant report",
            "I asked Nina to help me, and",
            "How Nina Patel helped me",
        ),
        (
            "action",
            "review the grant report",
            "the grant report",
            "I asked Nina to review the grant report, and",
            "Nina Patel helped me with the grant report",
        ),
        (
            "action",
            "check your numbers in the grant report",
            "the grant report",
            "I asked Nina to help me with the grant report, and",
            "Nina Patel helped me with the grant report",
        ),
    ],
)
def test_praise_to_a_manager_never_repeats_a_you_said_to_the_helper(
    kind: str, base: str, topic: str, asked: str, subject: str
) -> None:
    """The praise goes to the helper's manager: "whether you're available" or "your draft"
    would read as the manager's, so a plainer clause is said instead."""
    rendered = praise_for(AskPhrase(kind, base, "", topic, base))
    assert asked in rendered.body
    assert rendered.subject == subject
    said = re.search(r"I asked Nina to ([^,]*),", rendered.body)
    assert said is not None and not says_you(said.group(1))


@pytest.mark.parametrize(
    ("base", "topic", "happened"),
    [
        ("give me a call about the offer", "our call", "and we spoke on"),
        ("have a quick chat with me", "our chat", "and we spoke on"),
        ("meet with me to go over the hiring plan", "the hiring plan", "and we met on"),
        ("join us for dinner", "dinner", "and we met on"),
    ],
)
def test_praise_for_a_call_says_we_spoke_and_a_meeting_we_met(
    base: str, topic: str, happened: str
) -> None:
    assert happened in praise_for(AskPhrase("meeting", base, "", topic, base)).body


def test_a_second_nudge_on_a_meeting_is_about_it_not_on_it() -> None:
    _, body = drafted(MEETING, "second nudge")
    assert "One more gentle nudge about our meeting." in body


def drafted_with(
    phrase: AskPhrase,
    template: str,
    state: str,
    subject: str,
    due_phrase: str = "by Friday",
    *,
    dated: bool = True,
) -> Rendered:
    """A mail ask said as ``phrase`` (replied to in its thread ``subject``; its due date
    from the words ``due_phrase``, or none when not ``dated``), drafted."""
    _, case, ask, _ = next(
        item
        for item in ALL
        if item[1].template == template and item[2].source_kind == "mail" and item[2].due
    )
    ask = replace(ask, phrase=phrase, subject=subject, state=state, due_phrase=due_phrase)
    if not dated:
        ask = replace(ask, due=None, due_phrase="")
    context = draft_context(
        ask,
        template,
        case.seq,
        settings=example_settings(),
        tz=TZ,
        now=NOW,
        thanked=case.thanked,
        managers=(),
        environ={},
    )
    return Composer().render(TEMPLATE_FOR[template], context)


@pytest.mark.parametrize("subject", ["Quick question", "Can you help?", "Re: Zanzibar"])
@pytest.mark.parametrize(
    ("template", "state"),
    [("checkin", "open"), ("nudge", "open"), ("thanks", "declined"), ("outcome", "closed")],
)
def test_an_ask_without_words_is_my_request_never_the_subject_line(
    subject: str, template: str, state: str
) -> None:
    """When the phrase model found no words for an ask, a mail draft (a reply in the ask's
    own thread) says "my request": a subject line is no noun phrase ("my note about Quick
    question", "my note about Can you help?")."""
    phrase = AskPhrase("action", "", "", "", "I would encourage folks to try it.")
    body = drafted_with(phrase, template, state, subject).body
    assert "my request" in body
    assert "note about" not in body and subject.removeprefix("Re: ") not in body


@pytest.mark.parametrize(
    ("gerund", "said"),
    [
        ("sharing any hints", "Thanks for sharing your hints."),
        ("sending me any comments on the draft", "Thanks for sending me your comments on the"),
        ("letting me know any problems", "Thanks for letting me know any problems."),
    ],
)
def test_what_was_asked_for_with_any_is_theirs_once_it_came(gerund: str, said: str) -> None:
    """ "Any hints?" is asked as "sharing any hints"; the thank-you after the hints came says
    "your hints" (a problem is not the helper's)."""
    phrase = AskPhrase("info", "", gerund, "", "Any hints?")
    body = drafted_with(phrase, "thanks", "delivered", "Quick question").body
    assert said in body
    checkin = drafted_with(phrase, "checkin", "open", "Quick question").body
    assert "your hints" not in checkin


@pytest.mark.parametrize(
    ("kind", "base", "asked"),
    [
        ("meeting", "discuss it", "I asked Nina to make some time for me, and we met"),
        ("action", "forward it to Jeff", "I asked Nina to help me, and"),
        ("action", "send that back to me", "I asked Nina to help me, and"),
        ("action", "make sure that the numbers add up", "I asked Nina to make sure that the"),
    ],
)
def test_praise_never_repeats_an_it_only_the_thread_explains(
    kind: str, base: str, asked: str
) -> None:
    """The manager never saw the ask's thread: "I asked Nina to discuss it" points at
    nothing there, so a plainer clause is said; a "that" starting a clause stays."""
    phrase = AskPhrase(kind, base, "", "", "Let's discuss.")
    body = praise_for(phrase).body
    assert asked in body
    assert (base in body) == base.startswith("make sure that")


@pytest.mark.parametrize(
    ("kind", "base", "promised"),
    [
        ("action", "review the Q3 deck", True),
        ("action", "give me feedback on my cover letter", True),
        ("action", "look over my CV", True),
        ("action", "put in a good word for me with Dana", True),
        ("intro", "introduce me to Acme's CTO", True),
        ("approval", "approve my PTO for December", True),
        ("favour", "cover my shift on Saturday", False),
        ("favour", "water the plants while I'm away", False),
        ("action", "restock the crash cart", False),
        ("action", "send me the onboarding checklist", False),
        ("action", "forward the memo to Jeff", False),
        ("action", "book the big meeting room", False),
        ("action", "look at this", False),  # only the thread knows what "this" is
        ("action", "look at your school schedule", False),  # theirs: nothing of mine to report
        ("approval", "let us share the draft with the board", False),  # a permission
        ("action", "help me with the spare key", False),  # a title the model could not read
    ],
)
def test_a_thank_you_promises_news_only_of_help_with_a_result(
    kind: str, base: str, promised: bool
) -> None:
    """ "I'll let you know how it turns out" after a review, an introduction or an approval;
    after a favour, an errand or a hand-over there is nothing to report."""
    from followthrough.detect.words import ing

    phrase = AskPhrase(kind, base, ing(base), "", base)
    body = drafted_with(phrase, "thanks", "delivered", "Re: a favour").body
    assert f"Thank you for {ing(base)}." in body
    assert ("I'll let you know how it turns out." in body) is promised


def test_a_meeting_named_only_by_its_topic_is_thanked_for_the_time() -> None:
    """ "Thank you for making the time for our catch-up", never "for your help with our
    catch-up"."""
    phrase = AskPhrase("meeting", "", "", "our catch-up", "Can we have a catch-up?")
    body = drafted_with(phrase, "thanks", "delivered", "Re: catch-up").body
    assert "Thank you for making the time for our catch-up" in body
    assert "your help with" not in body


def test_a_late_approval_is_nudged_for_a_decision_never_as_work_that_did_not_come() -> None:
    """An approval is not "still doable", nor "too much": it is decided or not yet."""
    phrase = AskPhrase(
        "approval", "approve the floor plan", "approving the floor plan", "the floor plan", ""
    )
    body = drafted_with(phrase, "nudge", "acknowledged", "Re: floor plan").body
    assert "we'd said" in body and "I haven't heard a decision yet. Is there any news?" in body
    assert "If you need anything more from me to decide, just say." in body
    assert "doable" not in body and "too much" not in body and "come through" not in body


@pytest.mark.parametrize(
    ("kind", "due_phrase", "said"),
    [
        ("favour", "Saturday", "cover my shift on Friday, November 13?"),  # the day it happens
        ("favour", "Fri night", "cover my shift on Friday, November 13?"),
        ("favour", "the calendar entry", "cover my shift on Friday, November 13?"),
        ("favour", "by Friday", "cover my shift by Friday, November 13?"),  # the user's "by"
        ("favour", "before Thursday", "cover my shift by Friday, November 13?"),
        ("action", "Friday", "cover my shift by Friday, November 13?"),  # a deadline
    ],
)
def test_a_favour_is_asked_for_its_day_an_action_by_its_deadline(
    kind: str, due_phrase: str, said: str
) -> None:
    phrase = AskPhrase(kind, "cover my shift", "covering my shift", "my shift", "")
    body = drafted_with(phrase, "checkin", "open", "Shift", due_phrase=due_phrase).body
    assert f"would you be able to {said}" in body


@pytest.mark.parametrize(
    ("due_phrase", "dated", "said"),
    [
        # the day the favour happens: is it still on, not "any news"
        ("on Saturday", True, "Just checking that you're still able to cover my shift on Friday"),
        # a deadline the user gave: how it is going
        ("by Friday", True, "Just a quick check-in on my shift, which you'd planned for Friday"),
        # no date at all: never "on None"
        ("", False, "Just a quick check-in on my shift. Is there any news?"),
    ],
)
def test_a_favour_they_agreed_to_is_checked_on_for_its_day(
    due_phrase: str, dated: bool, said: str
) -> None:
    phrase = AskPhrase("favour", "cover my shift", "covering my shift", "my shift", "")
    body = drafted_with(
        phrase, "checkin", "acknowledged", "Shift", due_phrase=due_phrase, dated=dated
    ).body
    assert said in body
    assert "None" not in body
