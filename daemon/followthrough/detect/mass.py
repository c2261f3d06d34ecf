"""Mass mail: a newsletter, a web service's notice, an advertisement (issue 17).

Whatever its sentences say, mass mail is nobody's request to the reader: the best ask
of a message ``is_mass_mail`` finds is at most suggested (``request.detect_request``).
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.segment import segment_text
from followthrough.detect.words import may_contain

# ---- the whole message -----------------------------------------------------------------
# A newsletter, a notice from a web service or any other mass mail is nobody's request
# to the reader, however its sentences read: its best ask is at most suggested. The
# backends say "bulk" (Precedence: bulk, List-Unsubscribe without a list server); mass
# mail without those headers still shows it in its sender or its footer. A list post
# ("list") is a person's message, and its list footer says nothing about it.
_MASS_SENDER: Final = frozenset(
    (
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "mailer",
        "newsletter",
        "newsletters",
        "notification",
        "notifications",
        "notify",
        "alerts",
        "bounce",
        "bounces",
        "postmaster",
        "admin",
        "automated",
        "marketing",
        "promo",
        "promotions",
        "digest",
        "reminders",
        "updates",
        "update",
        "announce",
        "announcements",
        "news",
        "bot",
    )
)
# A machine named in the sender ("bugzilla-daemon", "pine-robot", "rssfeeds"): a feed or
# a tracker's notice, never a person asking.
_MACHINE_SUFFIX: Final = ("daemon", "robot", "feed", "feeds")
# A newsletter names itself in its title line ("LIFETIME MOVIE NEWSLETTER", "Weekly News
# Digest"), whoever relays it.
_MASS_TITLE: Final = re.compile(
    r"^[^a-z\n]{0,60}\b(?:NEWSLETTER|NEWS ?LETTER|BULLETIN|DIGEST|WEEKLY UPDATE)\b[^a-z\n]{0,60}$"
    r"|^[^\n]{0,60}\b(?:[Nn]ewsletter|[Bb]ulletin)\s*$",
    re.MULTILINE,
)
# An announcement: a release or a security advisory, however it reaches the reader (often
# through a list, and sent by its maintainer): "This is a stable beta release. Please
# upgrade.", "Severity: Security / Product: gaim", "version 2.1 has been released". Its
# calls to action ("please download 0.59.1") are addressed to every user, not the reader.
_ANNOUNCEMENT: Final = re.compile(
    r"\b(?:is|are|has been|have been) (?:now )?(?:officially )?released\b"
    r"|\bthis is an? (?:[\w-]+ ){0,2}release\b"
    r"|\bsecurity (?:advisory|announcement|bulletin|update|alert)\b"
    r"|^[ \t]*(?:severity|advisory(?: id)?|affected (?:versions|products)|cve)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_ANNOUNCEMENT_SPAN: Final = 600  # an announcement says so in its first lines
_MASS_FOOTER: Final = re.compile(
    r"\bto unsubscribe\b|\bunsubscribe (?:here|at|by|link|from (?:this|our|these|the))\b"
    r"|\bclick here to\b|\byou (?:are |were )?(?:receiving|received|getting|get) this"
    r" (?:e-?mail|message|newsletter|mailing|alert|because)\b|\bto (?:be removed|stop"
    r" receiving|opt[- ]out)\b|\bmanage (?:your )?(?:subscriptions?|preferences|e-?mail"
    r" (?:settings|preferences))\b|\b(?:this|our) newsletter\b|\bprivacy (?:policy|statement)\b"
    r"|\bplease do not (?:attempt to )?reply to this (?:e-?mail|message)\b",
    re.IGNORECASE,
)
# Words without which ``_MASS_FOOTER`` cannot match (one of them in each branch).
_MASS_FOOTER_WORDS: Final = (
    "unsubscribe",
    "click here to",
    "receiving this",
    "received this",
    "getting this",
    "get this",
    "to be removed",
    "to stop receiving",
    "to opt",
    "manage ",
    "newsletter",
    "privacy policy",
    "privacy statement",
    "please do not",
)


# An advertiser's removal notice: "reply with the word REMOVE in the subject", "to receive
# no further offers", "if you wish to be removed from our mailing list". Run on the
# lower-cased text, only when one of ``_REMOVAL_WORDS`` is in it.
_REMOVAL_NOTICE: Final = re.compile(
    r"\bthe word\W{1,3}remove\b|\bremove\W{0,3} in (?:the )?subject\b|\bremoval instructions\b"
    r"|\b(?:receive|get) no"
    r" (?:further|more) (?:e-?mails?|advertisements|offers|mailings|messages|notices|information"
    r"|promotions)\b|\bnever (?:to )?receive\b[^.]{0,30}\b(?:advertisements|offers|mailings"
    r"|e-?mails)\b|\bremoved? (?:you |yourself )?from (?:this|our|the|any|all|future)(?: future)?"
    r" (?:mailing |e-?mail |distribution |contact )?(?:list|database|mailings)\b"
    r"|\bwish to be removed\b"
    r"|\bopt[- ]?out (?:of (?:this|our|these|future|all) |link|here|below|at\b|by\b)"
    r"|\bthis (?:e-?mail|message|mailing|newsletter) (?:is|was|has been) sent to\b"
)
_REMOVAL_WORDS: Final = ("remov", "receive", "opt", "sent to")


def is_mass_mail(text: str, kind: str = "", sender: str = "", new: str | None = None) -> bool:
    """Whether a message is mass mail (a newsletter, a web service's notice, a release
    announcement or advisory), from the backend's ``kind`` ("bulk"), its sender
    ("noreply@…", "…@newsletter.example.com", "bugzilla-daemon@…"), its first lines (a
    newsletter's title, "This is a stable release", "Severity: high") or, unless a list
    relayed it, its footer ("to unsubscribe", "you are receiving this e-mail because") or
    an advertiser's removal notice ("reply with the word REMOVE"). ``new`` is the
    message's new text when the caller has already segmented it."""
    if kind == "bulk":
        return True
    local, _, domain = sender.lower().partition("@")
    parts = re.split(r"[.+_#-]+", local)
    if (
        not _MASS_SENDER.isdisjoint(parts)
        or any(p.endswith(_MACHINE_SUFFIX) for p in parts)
        or "newsletter" in domain
    ):
        return True  # also on a list: an announcement list relays a newsletter
    if _MASS_TITLE.search(text, 0, 600) is not None:
        return True  # a newsletter's title line, even on a list
    if new is None:
        new = segment_text(text).new
    if _ANNOUNCEMENT.search(new.lstrip(), 0, _ANNOUNCEMENT_SPAN):
        return True  # a release or an advisory (in its own words, not a quote), even on a list
    if kind == "list":
        return False  # a person's post; the list's own footer says nothing about it
    if may_contain(text, _MASS_FOOTER_WORDS) and _MASS_FOOTER.search(text) is not None:
        return True
    lower = text.lower()
    return any(w in lower for w in _REMOVAL_WORDS) and _REMOVAL_NOTICE.search(lower) is not None
