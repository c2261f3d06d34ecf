"""What followthrough does, and when: [detect] (how asks are found), [policy] (when
follow-ups fall due), [relations] (check-ins, keeping in touch, Plan B) and [daemon]
(the schedule of `followthrough run`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from followthrough.config.reader import (
    fraction,
    key,
    minutes,
    non_negative,
    parse_cadence,
    positive,
    seconds,
)


def tag_word(v: object) -> str:
    """A tag as written ("ask", "#Ask"): compared lower-case without the "#"."""
    word = v.strip().lstrip("#") if isinstance(v, str) else ""
    if not word:
        raise ValueError(f"expected a word, got {v!r}")
    return word.lower()


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def day_numbers(v: object) -> tuple[int, ...]:
    """["mon", "tue"] (or "Monday", ...) -> (0, 1)."""
    if isinstance(v, list) and v and all(isinstance(x, str) and x[:3].lower() in _DAYS for x in v):
        return tuple(sorted({_DAYS.index(x[:3].lower()) for x in v}))
    raise ValueError(f'expected a list of day names like ["mon", "tue"], got {v!r}')


def holiday_region(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError(f"expected str, got {v!r}")
    code = v.strip().upper()
    if code and (why := _unknown_holidays(code)):
        raise ValueError(why)
    return code


def _unknown_holidays(code: str) -> str | None:
    """None if ``code`` ("DE", "GB-SCT") names a country the holidays package knows."""
    import holidays

    country, _, subdiv = code.partition("-")
    try:
        holidays.country_holidays(country, subdiv=subdiv or None)
    except NotImplementedError:
        return f"unknown country code {country!r} (use ISO 3166 codes like DE, US, GB)"
    except Exception as exc:  # the package raises various errors for bad subdivisions
        return f"unknown subdivision {subdiv!r} of {country}: {exc}"
    return None


def cadence_days(v: object) -> int | None:
    """ "6w" -> 42 days; "" -> None (off)."""
    if isinstance(v, str) and not v.strip():
        return None
    days = parse_cadence(v) if isinstance(v, str) else None
    if days is None:
        raise ValueError(f'expected a cadence like "6w", "30d", "3m" or "" (off), got {v!r}')
    return days


@dataclass(frozen=True, slots=True)
class DetectSettings:
    """[detect]: how asks are found."""

    tag: str = field(
        default="ask",
        metadata=key(
            'The tag that marks a calendar entry as an ask: a CATEGORIES value or "#ask" in '
            "its title.",
            parse=tag_word,
        ),
    )
    requests: bool = field(
        default=True,
        metadata=key(
            'Look for requests ("could you…", "please … by …") in sent mail that is not flagged.'
        ),
    )
    track_threshold: float = field(
        default=0.75,
        metadata=key("Confidence at or above which a detected request is tracked…", check=fraction),
    )
    suggest_threshold: float = field(
        default=0.45,
        metadata=key(
            "…and at or above which it is only suggested (`followthrough asks --suggested`).",
            check=fraction,
        ),
    )
    day_first: bool = field(
        default=False,
        metadata=key('Read "12/5" as 12 May (true) rather than 5 December (false).'),
    )
    default_due_days: int = field(
        default=5,
        metadata=key(
            'A tagged calendar entry in the past with no "by <date>" is due this many days '
            "after it.",
            check=positive,
        ),
    )
    lookback_days: int = field(
        default=60,
        metadata=key(
            "How far back the first scan and the calendar window reach, in days.",
            check=positive,
        ),
    )
    lookahead_days: int = field(
        default=90,
        metadata=key("How far ahead the calendar window reaches, in days.", check=positive),
    )


@dataclass(frozen=True, slots=True)
class PolicySettings:
    """[policy]: when follow-ups fall due. Counted in business days."""

    workdays: tuple[int, ...] = field(
        default=(0, 1, 2, 3, 4),  # Monday=0
        metadata=key(
            "Your working days; follow-ups only fall due on them.",
            parse=day_numbers,
            default_text='["mon", "tue", "wed", "thu", "fri"]',
        ),
    )
    draft_time: time = field(
        default=time(9, 0),
        metadata=key("Local time at which a follow-up falls due on its day."),
    )
    checkin_min_days: int = field(
        default=4,
        metadata=key(
            "A half-way check-in is drafted only if half-way lands at least this many "
            "business days after the ask.",
            check=non_negative,
        ),
    )
    checkin_quiet_days: int = field(
        default=5,
        metadata=key(
            "With no due date: check in after this many business days of quiet…",
            check=positive,
        ),
    )
    undated_nudge_days: int = field(
        default=10,
        metadata=key(
            "…then a gentle nudge after this many more business days of quiet, and again "
            "after as many, at most nudge_max times.",
            check=positive,
        ),
    )
    nudge_after_days: int = field(
        default=1,
        metadata=key(
            "Nudge this many business days after the due date passed without delivery…",
            check=non_negative,
        ),
    )
    nudge_every_days: int = field(
        default=5,
        metadata=key(
            "…then again this many business days after the previous nudge…", check=positive
        ),
    )
    nudge_max: int = field(default=2, metadata=key("…at most this many times.", check=non_negative))
    thank_declined: bool = field(
        default=True,
        metadata=key("Thank the helper for considering it when they declined."),
    )
    quiet_after: time = field(
        default=time(18, 0),
        metadata=key(
            "Quiet hours start: no follow-up falls due after this local time (nor before "
            "draft_time)."
        ),
    )
    holidays: str = field(
        default="",
        metadata=key(
            "Public holidays of this country (ISO code, optionally with a region: "
            '"DE", "US", "GB-SCT") are not business days. Empty: none.',
            parse=holiday_region,
        ),
    )
    cooldown_days: int = field(
        default=2,
        metadata=key(
            "At most one follow-up to the same person every this many business days, across asks.",
            check=non_negative,
        ),
    )
    daily_cap: int = field(
        default=5,
        metadata=key(
            "At most this many new drafts a day; the rest wait, the longest overdue first.",
            check=positive,
        ),
    )
    checkin_recent_days: int = field(
        default=2,
        metadata=key(
            "No check-in within this many business days of the helper writing in the thread.",
            check=non_negative,
        ),
    )
    outcome_prompt_days: int = field(
        default=14,
        metadata=key(
            "A delivered ask with no outcome recorded after this many days is listed for you.",
            check=positive,
        ),
    )
    busy_threshold: int = field(
        default=3,
        metadata=key(
            "A helper carrying this many of your open asks is flagged in the digest.",
            check=positive,
        ),
    )


@dataclass(frozen=True, slots=True)
class RelationSettings:
    """[relations]: standing check-ins, keeping in touch, Plan B, asks made of you."""

    checkin_tag: str = field(
        default="checkin",
        metadata=key(
            "A recurring calendar entry with this tag (a category, or #checkin in its title) "
            "and one other attendee is a standing check-in: before each occurrence an agenda "
            "is drafted.",
            parse=tag_word,
        ),
    )
    agenda_days_before: int = field(
        default=1,
        metadata=key(
            "The agenda falls due this many business days before each occurrence (0: that "
            "morning).",
            check=non_negative,
        ),
    )
    agenda_when_empty: bool = field(
        default=False,
        metadata=key(
            "Draft the agenda even when there is nothing to say (no asks either way, no notes)."
        ),
    )
    keep_in_touch: int | None = field(
        default=None,  # days
        metadata=key(
            'A default keep-in-touch cadence for everyone who helped you ("8w", "60d", "3m"; '
            "a contact's own keep_in_touch wins). Empty: only the contacts that set one.",
            parse=cadence_days,
            default_text='""',
        ),
    )
    decline_quiet_days: int = field(
        default=30,
        metadata=key(
            "No keep-in-touch note to someone who declined an ask of yours within this many days.",
            check=non_negative,
        ),
    )
    plan_b_max: int = field(
        default=3,
        metadata=key(
            "How many people Plan B names when an ask is declined or stalls after its last nudge.",
            check=non_negative,
        ),
    )
    recent_help_days: int = field(
        default=30,
        metadata=key(
            "Requests to you from people who helped you within this many days come first.",
            check=positive,
        ),
    )


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    """[daemon]: how `followthrough run` schedules passes and the digest."""

    interval_minutes: float = field(
        default=15.0,
        metadata=key("A pass every this many minutes (fractions allowed).", check=minutes),
    )
    jitter_seconds: float = field(
        default=30.0,
        metadata=key(
            "Each pass starts up to this many seconds later, at random, so many machines do "
            "not hit one mail server at the same moment.",
            check=seconds,
        ),
    )
    digest_time: time = field(
        default=time(8, 0),
        metadata=key(
            "Local time of the daily digest; a digest missed while the service was down runs "
            "at start."
        ),
    )
    backoff_max_minutes: float = field(
        default=60.0,
        metadata=key(
            "After a failed pass (server down, timeout, login refused) the next try comes "
            "sooner and then ever later, doubling from one minute up to this many minutes.",
            check=minutes,
        ),
    )
