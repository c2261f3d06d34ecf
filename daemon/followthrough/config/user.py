"""[user] and [templates] of the config file: who the user is and how drafts sound.

Read into file sections by ``reader.Reader``; `settings.settings_from_dict` makes
`Settings.user`, `.timezone`, `.voice`, `.templates_dir` and `.marker_headers` of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from followthrough.config.reader import key


def email_address(v: object) -> str:
    if not isinstance(v, str) or "@" not in v or any(c.isspace() for c in v):
        raise ValueError(f"expected an email address, got {v!r}")
    return v


def signoff_name(v: object) -> str:
    text = v.strip() if isinstance(v, str) else None
    if text is None or "\n" in text or len(text) > 80:
        raise ValueError(f"expected a short one-line name, got {text if text else v!r}")
    return text


def signature_lines(v: object) -> str:
    if not isinstance(v, str):
        raise ValueError(f"expected str, got {v!r}")
    return v.strip("\n")


_LOCALE_RE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|\d{3}))?$")


def locale_name(v: object) -> str:
    name = v.strip().replace("-", "_") if isinstance(v, str) else None
    if name is None or (name and not _LOCALE_RE.match(name)):
        raise ValueError(f"expected a locale like en_US or en_GB, got {name if name else v!r}")
    return name


@dataclass(frozen=True, slots=True)
class UserSection:
    """[user] as written: `Settings.user`, `.timezone` and `.voice` are made from it."""

    email: str = field(
        default="",
        metadata=key(
            "Your own address: mail from it is yours; follow-ups are drafted from it. Required.",
            parse=email_address,
            required="your own address, e.g. you@example.org",
            example='"you@example.org"',
        ),
    )
    name: str = field(
        default="", metadata=key("Your name, used to sign drafts.", example='"Your Name"')
    )
    timezone: ZoneInfo = field(
        default=ZoneInfo("UTC"),
        metadata=key(
            "Your IANA time zone: business days, quiet hours and due dates are counted in it.",
            example='"Europe/Berlin"',
        ),
    )
    signoff: str = field(
        default="",
        metadata=key(
            "The name drafts are signed with. Empty: your first name (from `name`).",
            parse=signoff_name,
        ),
    )
    signature: str = field(
        default="",
        metadata=key(
            "Lines below the sign-off in every draft (a plain-text signature). Empty: none.",
            parse=signature_lines,
        ),
    )
    locale: str = field(
        default="",
        metadata=key(
            'Your locale: how dates read in drafts ("en_US": "Friday, November 13"; "en_GB": '
            '"Friday 13 November"). Empty: from LC_ALL / LC_TIME / LANG when they name an '
            "English locale, else English as written in your time zone's country.",
            parse=locale_name,
        ),
    )


@dataclass(frozen=True, slots=True)
class TemplatesSection:
    """[templates] as written."""

    dir: Path | None = field(
        default=None,
        metadata=key(
            "Your own templates directory: a file there overrides the shipped one of the "
            "same name (checkin.txt.j2, nudge.txt.j2, thanks.txt.j2, outcome.txt.j2). "
            "Empty: shipped only.",
        ),
    )
    tone: Literal["warm", "brief"] = field(
        default="warm",
        metadata=key(
            'How the shipped templates sound: "warm" (a few friendly sentences) or "brief" (short).'
        ),
    )
    marker_headers: bool = field(
        default=False,
        metadata=key(
            "Add X-Followthrough-Ask / X-Followthrough-Followup headers to every draft. Off "
            "by default: those headers reach the recipient and tell them the mail was "
            "drafted by a tool. Without them a sent draft is still recognised (by its "
            "Message-ID, or by its thread, recipients and text when your mail client gave "
            "it a new Message-ID)."
        ),
    )


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """How drafts sound like the user: [user].signoff/.signature/.locale, [templates].tone."""

    signoff: str = ""  # the name drafts are signed with ("" before loading: the first name)
    signature: str = ""  # optional lines below the sign-off
    locale: str = ""  # "en_US", "en_GB"...: date formats; "" = from the environment / zone
    tone: str = "warm"  # "warm" | "brief"


def first_name(name: str) -> str:
    """ "Pat Example" -> "Pat"; "Doe, Jane" -> "Jane"."""
    name = name.strip()
    if "," in name:
        name = name.split(",", 1)[1].strip()
    return name.split()[0] if name else ""
