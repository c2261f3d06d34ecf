"""The user's voice in drafts: which locale dates are written in, and how.

Dates come from Babel's CLDR data ("Friday, November 13" for en_US, "Friday 13 November"
for en_GB), never from a hand-written table. Only this module imports babel. Pure apart
from reading the environment it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from followthrough.errors import ConfigError

FALLBACK_LOCALE = "en_US"


def decide_locale(configured: str, tz: ZoneInfo, environ: Mapping[str, str]) -> str:
    """The locale drafts use: ``[user].locale`` when set; else LC_ALL / LC_TIME / LANG when
    they name an English locale ("en_GB.UTF-8"); else English as written in the country of
    the time zone (America/Chicago -> en_US, Europe/London -> en_GB, Europe/Berlin ->
    en_DE); else en_US. The shipped templates are English, so a German LANG does not make
    dates German inside English sentences (set ``locale`` for your own templates)."""
    if configured:
        _locale(configured)  # raises ConfigError when Babel does not know it
        return configured
    for var in ("LC_ALL", "LC_TIME", "LANG"):
        value = environ.get(var, "").split(".")[0].split("@")[0]
        if value.startswith("en_") and _known(value):
            return value
        if value and value not in ("C", "POSIX"):
            break  # the first one set decides, as in C
    territory = _zone_territory(tz.key)
    if territory and _known(f"en_{territory}"):
        return f"en_{territory}"
    return FALLBACK_LOCALE


@lru_cache(maxsize=64)
def _known(name: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=16)
def _locale(name: str) -> object:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"[user].locale: unknown locale {name!r} (try en_US or en_GB)") from None


def _zone_territory(zone: str) -> str:
    from babel.core import get_global

    territories = get_global("zone_territories")
    value = territories.get(zone, "")
    return value if isinstance(value, str) else ""


@lru_cache(maxsize=16)
def _day_pattern(name: str, with_year: bool) -> str:
    """The locale's weekday-day-month pattern: its own skeleton when it has one
    ("EEEE d MMMM" in en_GB), else its full date format with the year taken out
    ("EEEE, MMMM d" from en_US's "EEEE, MMMM d, y")."""
    from babel import Locale

    loc = Locale.parse(name)
    full = str(loc.date_formats["full"].pattern)
    if with_year:
        return full
    skeleton = loc.datetime_skeletons.get("MMMMEEEEd")
    if skeleton is not None:
        return str(skeleton.pattern)
    import re

    pattern = re.sub(r"[\s,.]*\by+\b[.\s]*|\by+\b[\s,.]*", "", full).strip(" ,")
    return pattern or full


def format_day(moment: datetime | date, locale: str, *, today: date | None = None) -> str:
    """A day as the locale writes it in a sentence: "Friday, November 13" (en_US),
    "Friday 13 November" (en_GB); the year only when it is not ``today``'s year."""
    from babel.dates import format_date

    day = moment.date() if isinstance(moment, datetime) else moment
    with_year = today is not None and day.year != today.year
    return str(format_date(day, _day_pattern(locale, with_year), locale=locale))
