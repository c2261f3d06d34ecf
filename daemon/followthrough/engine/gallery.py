"""Every follow-up template rendered for example asks of every kind and state, so a person
can read them all in one place (`followthrough templates --preview`, docs/drafts.md).

Pure: fixed example asks, a fixed "now", the shipped or the user's templates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from followthrough.config.settings import Settings
from followthrough.config.user import VoiceSettings
from followthrough.config.voice import format_day
from followthrough.detect import rx
from followthrough.detect.deadline import parse_deadline
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.engine.compose import Composer, Rendered
from followthrough.engine.digest import Digest, Person, render_digest
from followthrough.engine.drafting import TEMPLATE_FOR, draft_context
from followthrough.engine.wording import greeting
from followthrough.model import Address, Ask, AskState, Followup

TZ = ZoneInfo("America/Chicago")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=TZ)  # a Friday
ASKED = datetime(2026, 11, 9, 10, 30, tzinfo=TZ)
DUE = datetime(2026, 11, 13, 17, 0, tzinfo=TZ)


@dataclass(frozen=True, slots=True)
class Example:
    """One example ask: where it came from and the words it was made of."""

    title: str
    source_kind: str  # "mail" | "calendar"
    sentence: str  # the sent sentence, or the calendar title
    description: str
    helper: Address
    subject: str
    dated: bool = True


EXAMPLES: tuple[Example, ...] = (
    Example(
        "An action, asked by mail",
        "mail",
        "Could you review the Q3 deck by Friday?",
        "",
        Address("bob@example.org", "Bob Stone"),
        "Q3 deck",
    ),
    Example(
        "A question (a request for information), asked by mail",
        "mail",
        "Have you decided who will assist at the workshop?",
        "",
        Address("ana@example.org", "Ana Lima"),
        "Workshop helpers",
        dated=False,
    ),
    Example(
        "A long request for information, said back shorter, by mail",
        "mail",
        "What is the name of the hotel where the team stayed during the offsite in Lisbon?",
        "",
        Address("ines@example.org", "Ines Vidal"),
        "Lisbon offsite",
        dated=False,
    ),
    Example(
        "Asking leave (an approval), asked by mail",
        "mail",
        "Can we share the draft with the board?",
        "",
        Address("lin@example.org", "Lin Wu"),
        "Board draft",
    ),
    Example(
        "An introduction, asked by mail, no date",
        "mail",
        "Could you introduce me to Acme's CTO?",
        "",
        Address("omar@example.org", "Omar Haddad"),
        "",
        dated=False,
    ),
    Example(
        "A standing favour, asked by mail, no date",
        "mail",
        "Please keep me posted on the hiring decision.",
        "",
        Address("nina@example.org", "Nina Petrova"),
        "Re: Hiring",
        dated=False,
    ),
    Example(
        "A favour (an errand: nothing to report afterwards), asked by mail",
        "mail",
        "Could you cover my shift at the food bank on Saturday?",
        "",
        Address("jo.reyes@example.org", ""),  # no display name: the address names her
        "Food bank shift",
    ),
    Example(
        "An ask of a mailing list (a request for information), by mail, no date",
        "mail",
        "Has anyone got exmh working with the new nmh release?",
        "",
        Address("exmh-users@redhat.com", ""),  # a list: "Hi all", never "Hi Exmh-users"
        "exmh and nmh",
        dated=False,
    ),
    Example(
        "A meeting (time together with the user), asked by mail, no date",
        "mail",
        "Do you have half an hour next week to go over the budget with me?",
        "",
        Address("ruth@example.org", "Ruth Okafor"),
        "Budget",
        dated=False,
    ),
    Example(
        "A meeting on a date, asked by mail",
        "mail",
        "Can we meet on Friday to go over the hiring plan?",
        "",
        Address("kai@example.org", "Kai Moreno"),
        "Hiring plan",
    ),
    Example(
        "An invitation (a meeting), asked by mail, no date",
        "mail",
        "Would you like to join us for dinner after the launch?",
        "",
        Address("eli@example.org", "Eli Brandt"),
        "Launch dinner",
        dated=False,
    ),
    Example(
        "An approval, from a calendar entry",
        "calendar",
        "Ask: Tom: approve travel budget #ask",
        "",
        Address("tom@example.org", "Tom Berg"),
        "",
    ),
    Example(
        "An approval needed, from a calendar entry",
        "calendar",
        "Need Ravi's approval on the floor plan #ask",
        "",
        Address("ravi@example.org", "Ravi Kumar"),
        "",
    ),
    Example(
        "A calendar entry whose description says what was asked",
        "calendar",
        "1:1 with Sam #ask",
        "Ask Sam to send the holiday staffing plan.",
        Address("sam@example.org", "Sam Patel"),
        "",
    ),
    Example(
        "A call about a thing, from a calendar entry",
        "calendar",
        "Call with Mira re: launch checklist #ask",
        "",
        Address("mira@example.org", "Mira Sol"),
        "",
    ),
    Example(
        "A meeting-shaped calendar ask (the helper is invited to the slot)",
        "calendar",
        "Ask: Grace — mock interview #ask",
        "",
        Address("grace@example.org", "Grace Hopper"),
        "",
    ),
)


@dataclass(frozen=True, slots=True)
class Case:
    """One template in one state for one example ask."""

    label: str
    template: str
    state: AskState
    seq: int = 1
    thanked: bool = False
    outcome: str = ""
    replied: bool = False


def cases_for(example: Example, kind: str) -> list[Case]:
    """The states a template is drafted in for this kind of ask (as the policy plans
    them: a meeting-shaped calendar ask gets no check-in or nudge, only thanks after it; a
    meeting asked by mail for a date is asked about until a yes, then thanked once the date
    has passed)."""
    meeting = example.source_kind == "calendar" and kind == "meeting"
    out: list[Case] = []
    if kind == "meeting" and example.source_kind == "mail" and example.dated:
        return [
            Case("check-in, before any reply", "checkin", "open"),
            Case("nudge, no reply and the date passed", "nudge", "open"),
            Case("thank-you, after the meeting", "thanks", "acknowledged", replied=True),
            *cases_after(),
        ]
    if not meeting:
        out += [
            Case("check-in, before any reply", "checkin", "open"),
            Case("check-in, after they said yes", "checkin", "acknowledged", replied=True),
            Case("nudge, before any reply", "nudge", "open"),
            Case("nudge, after they said yes", "nudge", "acknowledged", replied=True),
            Case("second nudge", "nudge", "acknowledged", seq=2, replied=True),
        ]
    out += [
        Case(
            "thank-you, after the meeting" if meeting else "thank-you, help arrived",
            "thanks",
            "open" if meeting else "delivered",
            replied=not meeting,
        ),
        *cases_after(),
    ]
    return out


def cases_after() -> list[Case]:
    """A decline, the outcome (with and without an earlier thank-you) and the praise."""
    return [
        Case("thank-you, they declined", "thanks", "declined", replied=True),
        Case(
            "outcome, after a thank-you",
            "outcome",
            "closed",
            thanked=True,
            outcome="the board approved it",
            replied=True,
        ),
        Case(
            "outcome, no thank-you sent before",
            "outcome",
            "closed",
            outcome="I got the job",
            replied=True,
        ),
        Case("praise, to their manager", "praise", "closed", outcome="", replied=True),
    ]


def example_ask(example: Example, case: Case) -> Ask:
    description = example.description
    phrase = decide_ask_phrase(example.source_kind, example.sentence, description, [example.helper])
    # a mail ask's date is the one its sentence says ("on Saturday": a favour's day), or DUE
    due, due_phrase = (DUE, "by Friday") if example.dated else (None, "")
    mail = example.dated and example.source_kind == "mail"
    said = parse_deadline(example.sentence, ASKED) if mail else None
    if said is not None and said.due is not None:
        due, due_phrase = said.due, said.phrase
    return Ask(
        id="k3x7q",
        source_kind="calendar" if example.source_kind == "calendar" else "mail",
        source_key=example.title,
        what=phrase.base or example.sentence,
        subject=example.subject,
        helpers=(example.helper,),
        asked_at=ASKED,
        due=due,
        due_phrase=due_phrase,
        state=case.state,
        status="tracked",
        outcome=case.outcome or None,
        thread_root="ask@example.org" if example.source_kind == "mail" else None,
        conversation=None,
        praise=case.template == "praise",
        last_helper_at=ASKED + timedelta(days=1) if case.replied else None,
        last_user_at=None,
        thanked_at=None,
        state_at=NOW - timedelta(days=1),
        phrase=phrase,
    )


def example_settings(locale: str = "en_US", tone: str = "warm", signature: str = "") -> Settings:
    return Settings(
        path=Path("config.toml"),
        user=Address("pat@example.org", "Pat Example"),
        timezone=TZ,
        backend="local",
        local=None,
        state_dir=Path("state"),
        templates_dir=None,
        voice=VoiceSettings(signoff="Pat", signature=signature, locale=locale, tone=tone),
    )


def render_gallery(
    composer: Composer, settings: Settings
) -> Iterator[tuple[Example, Case, Ask, Rendered]]:
    """Every (example ask, template state) and its rendered draft."""
    for example in EXAMPLES:
        kind = decide_ask_phrase(
            example.source_kind, example.sentence, example.description, [example.helper]
        ).kind
        for case in cases_for(example, kind):
            if case.template == "praise" and greeting([example.helper]) == "Hi all":
                continue  # a list or a team has no manager to praise it to
            ask = example_ask(example, case)
            if case.template == "praise":
                ask = replace(ask, state="delivered")
            yield example, case, ask, draft_of(ask, case, composer, settings)


MANAGER = (Address("lee@example.org", "Lee Park"),)  # the helper's manager, for praise


def draft_of(
    ask: Ask, case: Case, composer: Composer, settings: Settings, now: datetime = NOW
) -> Rendered:
    """The draft of ``ask`` in ``case``'s state, written at ``now`` (praise goes to
    ``MANAGER``): the gallery's and the drafts benchmark's one way to render a case."""
    context = draft_context(
        ask,
        case.template,
        case.seq,
        settings=settings,
        tz=TZ,
        now=now,
        thanked=case.thanked,
        managers=MANAGER if case.template == "praise" else (),
        environ={},
    )
    return composer.render(TEMPLATE_FOR[case.template], context)


def render_gallery_markdown(composer: Composer, settings: Settings) -> str:
    """The gallery as Markdown: docs/drafts.md is exactly this for the shipped templates."""
    lines = [
        "# What the drafts look like",
        "",
        "Every follow-up template, rendered for example asks of every kind and state.",
        f"Written for Pat (locale {settings.voice.locale or 'auto'}, tone "
        f"{settings.voice.tone}); the ask was made on Monday, November 9, due Friday,",
        "November 13 where it has a date. Regenerate with",
        "`followthrough templates --preview > docs/drafts.md` (a test checks it is current).",
        "",
    ]
    current = None
    for example, case, ask, rendered in render_gallery(composer, settings):
        if example is not current:
            current = example
            phrase = ask.phrase
            assert phrase is not None
            lines += [
                f"## {example.title}",
                "",
                f"Asked: {phrase.sentence}",
                "",
                f"Kind: {phrase.kind}; -ing form: {phrase.gerund or '(none)'}; "
                f"topic: {phrase.topic or '(none)'}",
                "",
            ]
        lines += [
            f"### {case.label} ({rendered.template})",
            "",
            "```",
            f"Subject: {rendered.subject}",
            "",
            rendered.body.rstrip("\n"),
            "```",
            "",
        ]
    subject, body = render_digest(example_digest(), settings, composer)
    lines += [
        "## The daily digest (to you only)",
        "",
        "### digest (digest.txt.j2)",
        "",
        "```",
        f"Subject: {subject}",
        "",
        body.rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def example_digest() -> Digest:
    """A digest with something in every section, from the example asks."""
    open_case = Case("open", "checkin", "open")
    action = example_ask(EXAMPLES[0], open_case)
    approval = replace(example_ask(EXAMPLES[4], open_case), id="t8mbv")
    intro = replace(example_ask(EXAMPLES[2], open_case), id="p2rwa")
    question = replace(
        example_ask(EXAMPLES[1], open_case), id="w9cde", question_at=NOW - timedelta(days=2)
    )
    meeting = replace(
        example_ask(EXAMPLES[6], Case("done", "thanks", "delivered")),
        id="g4hjk",
        state_at=NOW - timedelta(days=15),
    )
    draft = Followup(
        id="k3x7q-nudge",
        ask_id="k3x7q",
        kind="nudge",
        seq=1,
        due_at=NOW,
        state="drafted",
        draft_ref="1",
        draft_path=None,
        message_id=None,
        recipients=("bob@example.org",),
        subject="Re: Q3 deck",
        created_at=NOW,
        updated_at=NOW,
    )
    busy = Person("bob@example.org", "Bob Stone", open_asks=[action, action, action])
    return Digest(
        now=NOW,
        # as ``engine.digest.build`` makes them: dated asks by due date, the rest undated
        open_asks=sorted((a for a in (action, approval) if a.due), key=lambda a: a.due or NOW),
        undated=[a for a in (action, approval, intro) if a.due is None],
        drafts=[draft],
        outcomes_to_record=[meeting],
        busy=[busy],
        return_favour=[],
        waiting=[question],
    )


# ---- the lint every rendered draft must pass (tests and bench/drafts.py) ---------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SHORT_DAY = re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?\s+\d")
_AFTER_PREP = re.compile(r"\b(?:for|on|about|with)\s+([A-Za-z][\w'-]*)\s+(\S+)", re.IGNORECASE)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_RE_RE = re.compile(r"^\s*(?:re|aw|sv|antw)\s*:\s*(?:re|aw|sv|antw)\s*:", re.IGNORECASE)


def lint_draft(
    subject: str,
    body: str,
    *,
    phrase_words: str,
    helper_names: tuple[str, ...],
    dates: tuple[str, ...],
) -> list[str]:
    """What a careful reader would trip over in one draft (empty: it passes).

    ``phrase_words``: the ask phrase as said in the draft (base, -ing form, topic);
    ``dates``: every date the draft may name, already written in the user's locale."""
    from followthrough.detect.words import DETERMINERS, OBJECT_PRONOUNS, is_verb, only_verb

    problems: list[str] = []
    text = f"{subject}\n{body}"
    for m in _AFTER_PREP.finditer(text):
        word, nxt = m.group(1), m.group(2).lower().strip(".,;:!?")
        if word[:1].isupper():
            continue
        if is_verb(word) and (only_verb(word) or nxt in DETERMINERS or nxt in OBJECT_PRONOUNS):
            problems.append(f"base-form verb after a preposition: {m.group(0)!r}")
    if "…" in text or "..." in text:
        problems.append("an ellipsis in the draft")
    for name in helper_names:
        if name and rx.search(rf"\b{re.escape(name)}\b", phrase_words):
            problems.append(f"the helper's own name in the ask phrase: {name!r}")
    if _RE_RE.match(subject):
        problems.append(f"a doubled reply prefix: {subject!r}")
    for m in _DOUBLED.finditer(text):
        if not m.group(1).isdigit():
            problems.append(f"a doubled word: {m.group(0)!r}")
    for m in rx.finditer(rf"\b(?:{'|'.join(_WEEKDAYS)})\b", text):
        before = rx.search(r"\b([A-Z][a-z]+) $", text[: m.start()])
        if before is not None and before.group(1) not in _DATE_LEADS:
            continue  # "the Super Saturday", "Black Friday": a name, not a date
        if not any(text.startswith(d, m.start()) for d in dates):
            problems.append(
                f"a date not in the locale's format: {text[m.start() : m.start() + 30]!r}"
            )
    if _SHORT_DAY.search(text):
        problems.append("an abbreviated date")
    return problems


_DATE_LEADS = frozenset(
    ["On", "By", "Before", "Until", "Till", "This", "Next", "Last", "Since", "From", "Every"]
)


def dates_for(ask: Ask, locale: str, now: datetime = NOW, tz: ZoneInfo = TZ) -> tuple[str, ...]:
    """Every date a draft for ``ask`` may name, as the locale writes it."""
    today = now.astimezone(tz).date()
    moments = (ask.asked_at, ask.due, ask.state_at, ask.question_at, now)
    return tuple(
        format_day(m.astimezone(tz), locale, today=today) for m in moments if m is not None
    )


def lint_gallery(composer: Composer, settings: Settings) -> list[tuple[str, str, list[str]]]:
    """(example, case, problems) for every rendered draft of the gallery."""
    out = []
    for example, case, ask, rendered in render_gallery(composer, settings):
        phrase = ask.phrase
        assert phrase is not None
        problems = lint_draft(
            rendered.subject,
            rendered.body,
            phrase_words=f"{phrase.base} | {phrase.gerund} | {phrase.topic}",
            helper_names=tuple(n for h in ask.helpers for n in h.name.split()),
            dates=dates_for(ask, settings.voice.locale),
        )
        out.append((example.title, case.label, problems))
    return out
