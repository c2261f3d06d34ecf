"""Which machine sent a message, read from its headers: bounces, automatic replies
(out-of-office, read receipts, feedback reports), mailing-list posts and bulk mail, and
for a list post the list's address and the person behind it."""

from __future__ import annotations

import re
from email.message import Message

from followthrough.backends.mail.headers import addresses, first, parse_address
from followthrough.model import Address, AutoKind

_MAILER_DAEMON = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailer|bounces?)@", re.I)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery (status|failure|has failed|notification)|returned mail|"
    r"mail delivery (failed|subsystem)|failure notice|could not be delivered|"
    r"delivery failed|non[- ]?delivery|unzustellbar|delayed mail|warning: could not send",
    re.I,
)
# An automatic reply says so at the start of its subject ("Automatic reply: Q3 deck",
# "Out of Office: ...", vacation(1)'s "away from my mail"); a person's "Re: [team] Bob is
# out of the office" is a reply about one, not one.
_OOO_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]\s*)?(?:"
    r"out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|"
    r"auto[- ]?response|abwesenheit|i am out of the office|i'?m out of the office|"
    r"on vacation|vacation reply|away from (the |my )?(office|e-?mail|mail)|absence|"
    r"r[ée]ponse automatique|risposta automatica|respuesta autom[aá]tica|"
    r"automatisch antwoord|afwezig)",
    re.I,
)


def detect_auto(
    fields: list[tuple[str, str]], headers: dict[str, list[str]], sender: Address | None
) -> AutoKind:
    subject = first(headers, "subject")
    # The top-level Content-Type, read as the standard Message reads it (the first field
    # of that name, compat32 value handling): a header, so no body parse is needed.
    msg = Message()
    for name, value in fields:
        if name.lower() == "content-type":
            msg.set_raw(name, value)
            break
    ctype = msg.get_content_type()
    report = (msg.get_param("report-type") or "") if ctype == "multipart/report" else ""
    report = report.lower() if isinstance(report, str) else ""
    if report == "delivery-status" or ctype == "message/delivery-status":
        return "bounce"
    if (
        sender is not None
        and _MAILER_DAEMON.match(sender.email)
        and _BOUNCE_SUBJECT.search(subject)
    ) or (not first(headers, "from") and _BOUNCE_SUBJECT.search(subject)):
        return "bounce"
    if "x-autoreply" in headers or "x-autorespond" in headers or _OOO_SUBJECT.search(subject):
        return "out-of-office"
    auto_submitted = first(headers, "auto-submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return "auto-reply"
    if report == "disposition-notification" or ctype == "message/disposition-notification":
        return "auto-reply"
    if ctype == "multipart/report" or ctype.startswith("message/feedback-report"):
        return "auto-reply"  # abuse/feedback reports (ARF) and other machine reports
    precedence = first(headers, "precedence").strip().lower()
    if precedence == "auto_reply":
        return "auto-reply"
    kind = _detect_mass(headers, precedence)
    if kind == "bulk" and precedence == "junk":
        return "auto-reply"  # vacation(1) and autoresponders mark their replies "junk"
    return kind


# Headers a list server adds to every post it relays (RFC 2369/2919, Mailman, Sympa,
# Google Groups, ezmlm, LISTSERV): a person's post, sent to many.
LIST_HEADERS = (
    "list-id",
    "list-post",
    "mailing-list",
    "x-mailing-list",
    "x-mailman-version",
    "x-google-group-id",
    "x-google-loop",
    "x-sympa-to",
    "x-loop",
    "x-listserver",
    "x-list",
    "x-ml-name",
)
_LIST_SENDER = re.compile(r"^(owner-|.+-(bounces?|owner|request|admin)(\+.*)?@)", re.I)


def _detect_mass(headers: dict[str, list[str]], precedence: str) -> AutoKind:
    """ "list" for a post a list server relayed (a person wrote it: in an ask's thread it
    is an answer from its From); "bulk" for newsletters and other mass mail
    (List-Unsubscribe, Precedence: bulk or junk, with no list server behind it).
    Neither ever counts as someone asking the user for something."""
    if precedence == "list" or any(name in headers for name in LIST_HEADERS):
        return "list"
    if _LIST_SENDER.match(first(headers, "sender").strip().strip("<>")):
        return "list"
    if precedence in ("bulk", "junk") or "list-unsubscribe" in headers:
        return "bulk"
    return ""


_MAILTO = re.compile(r"<mailto:([^>?\s]+)", re.I)
_LIST_ID = re.compile(r"<([^<>\s]+)>\s*$")


def list_address(headers: dict[str, list[str]]) -> str | None:
    """The address one writes to the list at: List-Post, else Mailing-list's "list
    x@y", else the List-Id read as an address (Mailman's "team.lists.example.org")."""
    found = _MAILTO.search(first(headers, "list-post"))
    if found:
        address = parse_address(found.group(1))
        if address is not None:
            return address.email
    mailing = re.search(r"\blist\s+([^\s;]+@[^\s;]+)", first(headers, "mailing-list"), re.I)
    if mailing:
        address = parse_address(mailing.group(1))
        if address is not None:
            return address.email
    list_id = _LIST_ID.search(first(headers, "list-id"))
    if list_id and "." in list_id.group(1):
        local, _, domain = list_id.group(1).partition(".")
        address = parse_address(f"{local}@{domain}")
        if address is not None:
            return address.email
    return None


_VIA = re.compile(r"\s+via\s+\S.*$", re.I)


def list_author(headers: dict[str, list[str]], sender: Address | None) -> Address | None:
    """The person behind a list post whose From the list rewrote to its own address
    (Google Groups, Mailman's DMARC mitigation: "Bob via team <team@lists.x>")."""
    if sender is None or not _VIA.search(sender.name):
        return sender
    for name in ("x-original-from", "x-original-sender", "reply-to"):
        found = addresses(headers.get(name, []))
        if found and found[0].email != sender.email:
            author = found[0]
            return author if author.name else Address(author.email, _VIA.sub("", sender.name))
    return sender
