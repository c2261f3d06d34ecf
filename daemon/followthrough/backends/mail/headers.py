"""Mail headers: decoding encoded words and 8-bit values, one line of display text,
validated addresses, message ids and dates, and the header block read as the standard
parser reads it.

Real mail is broken in every way imaginable, so everything here is defensive: header
decoding falls back instead of failing, and addresses are kept only when they are plainly
``local@domain``. Nothing from a message may carry a newline into a draft header: names,
subjects and ids pass through :func:`clean_line`.
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import UTC, datetime, tzinfo
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from io import StringIO

from followthrough.model import Address

log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
# C0/C1 controls, DEL, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+")
_SPACES = re.compile(r"\s+")
_ADDR = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_MSGID = re.compile(r"<([^<>\s]+)>")

# Bidirectional controls: U+202E in a display name shows "Bob\u202eevil" reversed.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def clean_line(text: str) -> str:
    """One line of display text: control chars and line separators become spaces, bidi
    controls go."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", _BIDI.sub("", text))).strip()


def parse_address(email: str, name: str = "") -> Address | None:
    """A validated Address, or None when ``email`` is not a plain ``local@domain``."""
    email = email.strip()
    if email[:7].lower() == "mailto:":
        email = email[7:]
    if len(email) > 254 or not _ADDR.fullmatch(email):
        return None
    return Address(email.lower(), clean_line(name)[:200])


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words, tolerating bad charsets and bad encodings."""
    if "=?" not in text:
        return text
    try:
        parts = decode_header(text)
    except Exception:  # malformed encoded words: keep the text as it came
        return text
    out: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
        else:
            out.append(decode_bytes(chunk, charset))
    return "".join(out)


def decode_bytes(data: bytes, charset: str | None) -> str:
    if charset and charset.lower() not in ("unknown-8bit", "x-unknown", "unknown"):
        try:
            codecs.lookup(charset)
            return data.decode(charset, errors="replace")
        except (LookupError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    decoded = sum(1 for c in text if c > "\x7f" and c != "\ufffd")
    if decoded > 2 * text.count("\ufffd"):
        return text  # mostly UTF-8 with a broken byte or two (a cut-off header, say)
    return data.decode("cp1252", errors="replace")


def raw_text(value: str) -> str:
    """A compat32 header value (8-bit bytes kept as surrogates) as proper text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return decode_bytes(value.encode("ascii", "surrogateescape"), None)
    return value


# The standard parser's own test for a header line (email.feedparser.headerRE).
_FEED_HEADER = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
_EOL = re.compile(r"(\r\n|\r|\n)\Z")


def parse_head(head: bytes) -> Message:
    """The header block of a message, exactly as ``BytesParser(policy=compat32)`` reads
    it with ``headersonly=True``: the same fields, values and envelope line (no payload,
    no defects), at a fraction of the cost. Most messages are never read past it."""
    unixfrom, fields = head_fields(head)
    msg = Message()
    if unixfrom is not None:
        msg.set_unixfrom(unixfrom)
    for name, value in fields:
        msg.set_raw(name, value)
    return msg


def head_fields(head: bytes) -> tuple[str | None, list[tuple[str, str]]]:
    """The envelope line and the (name, raw value) fields of a header block.

    Follows ``email.feedparser`` and compat32's ``header_source_parse``: universal-newline
    lines; the block ends at the first line that is neither a header nor a continuation;
    a continuation with no header before it and a header with no name are dropped; a
    "From " line is the envelope when first, and is skipped anywhere else (when last,
    the standard parser takes it as the body's start: the same fields either way).
    """
    unixfrom: str | None = None
    fields: list[tuple[str, str]] = []
    name = ""
    value: list[str] = []
    lines = StringIO(head.decode("ascii", "surrogateescape"), newline="").readlines()
    for lineno, line in enumerate(lines):
        if line[0] in " \t":
            if name:
                value.append(line)
            continue
        if not _FEED_HEADER.match(line):
            break
        if name:
            fields.append((name, "".join(value).rstrip("\r\n")))
            name = ""
        if line.startswith("From "):
            if lineno == 0:
                eol = _EOL.search(line)
                unixfrom = line[: eol.start()] if eol else line
            continue
        colon = line.find(":")
        if colon > 0:
            name = line[:colon]
            value = [line[colon + 1 :].lstrip(" \t")]
    if name:
        fields.append((name, "".join(value).rstrip("\r\n")))
    return unixfrom, fields


def header_map(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in fields:
        if not value.isascii():
            value = raw_text(value)
        key = name.lower()
        if key in headers:
            headers[key].append(value)
        else:
            headers[key] = [value]
    return headers


def first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


# A list of plain mailboxes: "a@b.c" or "Some Name <a@b.c>", comma-separated, with no
# quotes, comments, groups or routes. Most real headers are this; getaddresses (pure
# Python, character by character) is kept for everything else.
_SIMPLE_FIELD = re.compile(r'[^"()\\;:\[\]]*')
_SIMPLE_MAILBOX = re.compile(
    r"\s*(?:([^<>@,\s]+(?:\s+[^<>@,\s]+)*)\s*)?<([^<>\s]+)>\s*|\s*([^<>\s]+)\s*"
)


def _simple_addresses(fields: list[str]) -> list[tuple[str, str]] | None:
    """(name, address) pairs exactly as getaddresses gives them, or None when any field
    is not a list of plain mailboxes (then getaddresses must decide)."""
    pairs: list[tuple[str, str]] = []
    for field in fields:
        if not _SIMPLE_FIELD.fullmatch(field):
            return None
        for item in field.split(","):
            if not item.strip():
                continue
            m = _SIMPLE_MAILBOX.fullmatch(item)
            if m is None:
                return None
            email = m.group(2) or m.group(3)
            if not _ADDR.fullmatch(email):
                return None
            pairs.append((" ".join((m.group(1) or "").split()), email))
    return pairs


def addresses(values: list[str]) -> tuple[Address, ...]:
    """Parse the raw (still encoded) fields, then decode names: an encoded word can
    never smuggle a comma or an angle bracket into a second recipient."""
    out: list[Address] = []
    seen: set[str] = set()
    fields = [v.replace("\r", " ").replace("\n", " ") for v in values]
    pairs = _simple_addresses(fields)
    if pairs is None:
        try:
            pairs = getaddresses(fields)
        except Exception:  # getaddresses has raised on pathological input in past versions
            return ()
    for name, email in pairs:
        address = parse_address(email, decode_words(name))
        if address is not None and address.email not in seen:
            seen.add(address.email)
            out.append(address)
    return tuple(out)


def read_ids(value: str) -> list[str]:
    found = _MSGID.findall(value)
    if not found and value.strip():
        # No <id>: take the first word, without stray brackets ("<>" is no id at all).
        found = [value.split()[0].replace("<", "").replace(">", "")]
    return [clean_line(i)[:998] for i in found if clean_line(i)]


def header_date(value: str, tz: tzinfo, default: datetime | None) -> datetime:
    date: datetime | None = None
    if value:
        try:
            date = parsedate_to_datetime(clean_line(value))
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
    if date is None:
        log.debug("no usable Date header (%r); using the fallback", value[:80])
        return default if default is not None else EPOCH
    if date.tzinfo is None:
        date = date.replace(tzinfo=tz)
    try:
        if date < EPOCH:
            return EPOCH
        if date > LATEST:
            return LATEST
    except (OverflowError, ValueError):
        return default if default is not None else EPOCH
    return date
