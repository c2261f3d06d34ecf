"""Raw RFC 5322 bytes -> MailRecord, shared by every backend that sees raw mail.

Real mail is broken in every way imaginable, so everything here is defensive: the
``compat32`` parser (fast, and it never raises on odd headers), header decoding that
falls back instead of failing, and addresses kept only when they are plainly
``local@domain``. Nothing from a message may carry a newline into a draft header:
names, subjects and ids pass through :func:`clean_line`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from datetime import UTC, datetime, tzinfo
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from io import StringIO

from followthrough.errors import BackendError
from followthrough.model import Address, AutoKind, Folder, MailRecord

log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
MAX_DEPTH = 40  # MIME nesting we follow; torture tests nest deeper than any real mail
MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # defaults of [limits]; past them a message is skipped
MAX_HEADER_BYTES = 512 * 1024
_HEADER_END = re.compile(rb"\n\r?\n")  # the end is the match's end, less a \r before it

_PARSER = BytesParser(policy=compat32)
# C0/C1 controls, DEL, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]+")
_SPACES = re.compile(r"\s+")
_ADDR = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
_MSGID = re.compile(r"<([^<>\s]+)>")
_HEADER_LINE = re.compile(rb"^(?:From |[!-9;-~]+[ \t]*:)")
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


class MessageParseError(BackendError):
    """The bytes are not mail at all (empty, or no header). The caller reports a skip."""

    def __init__(self, why: str) -> None:
        super().__init__(why, transient=False)
        self.why = why


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
            out.append(_decode_bytes(chunk, charset))
    return "".join(out)


def _decode_bytes(data: bytes, charset: str | None) -> str:
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


def _raw_text(value: str) -> str:
    """A compat32 header value (8-bit bytes kept as surrogates) as proper text."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _decode_bytes(value.encode("ascii", "surrogateescape"), None)
    return value


# The standard parser's own test for a header line (email.feedparser.headerRE).
_FEED_HEADER = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
_EOL = re.compile(r"(\r\n|\r|\n)\Z")


def parse_head(head: bytes) -> Message:
    """The header block of a message, exactly as ``BytesParser(policy=compat32)`` reads
    it with ``headersonly=True``: the same fields, values and envelope line (no payload,
    no defects), at a fraction of the cost. Most messages are never read past it."""
    unixfrom, fields = _head_fields(head)
    msg = Message()
    if unixfrom is not None:
        msg.set_unixfrom(unixfrom)
    for name, value in fields:
        msg.set_raw(name, value)
    return msg


def _head_fields(head: bytes) -> tuple[str | None, list[tuple[str, str]]]:
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


def _headers(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in fields:
        if not value.isascii():
            value = _raw_text(value)
        key = name.lower()
        if key in headers:
            headers[key].append(value)
        else:
            headers[key] = [value]
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str:
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


def _addresses(values: list[str]) -> tuple[Address, ...]:
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


def _ids(value: str) -> list[str]:
    found = _MSGID.findall(value)
    if not found and value.strip():
        # No <id>: take the first word, without stray brackets ("<>" is no id at all).
        found = [value.split()[0].replace("<", "").replace(">", "")]
    return [clean_line(i)[:998] for i in found if clean_line(i)]


def _date(value: str, tz: tzinfo, default: datetime | None) -> datetime:
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


def _detect_auto(
    fields: list[tuple[str, str]], headers: dict[str, list[str]], sender: Address | None
) -> AutoKind:
    subject = _first(headers, "subject")
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
    ) or (not _first(headers, "from") and _BOUNCE_SUBJECT.search(subject)):
        return "bounce"
    if "x-autoreply" in headers or "x-autorespond" in headers or _OOO_SUBJECT.search(subject):
        return "out-of-office"
    auto_submitted = _first(headers, "auto-submitted").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return "auto-reply"
    if report == "disposition-notification" or ctype == "message/disposition-notification":
        return "auto-reply"
    if ctype == "multipart/report" or ctype.startswith("message/feedback-report"):
        return "auto-reply"  # abuse/feedback reports (ARF) and other machine reports
    precedence = _first(headers, "precedence").strip().lower()
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
    if _LIST_SENDER.match(_first(headers, "sender").strip().strip("<>")):
        return "list"
    if precedence in ("bulk", "junk") or "list-unsubscribe" in headers:
        return "bulk"
    return ""


_MAILTO = re.compile(r"<mailto:([^>?\s]+)", re.I)
_LIST_ID = re.compile(r"<([^<>\s]+)>\s*$")


def _list_address(headers: dict[str, list[str]]) -> str | None:
    """The address one writes to the list at: List-Post, else Mailing-list's "list
    x@y", else the List-Id read as an address (Mailman's "team.lists.example.org")."""
    found = _MAILTO.search(_first(headers, "list-post"))
    if found:
        address = parse_address(found.group(1))
        if address is not None:
            return address.email
    mailing = re.search(r"\blist\s+([^\s;]+@[^\s;]+)", _first(headers, "mailing-list"), re.I)
    if mailing:
        address = parse_address(mailing.group(1))
        if address is not None:
            return address.email
    list_id = _LIST_ID.search(_first(headers, "list-id"))
    if list_id and "." in list_id.group(1):
        local, _, domain = list_id.group(1).partition(".")
        address = parse_address(f"{local}@{domain}")
        if address is not None:
            return address.email
    return None


_VIA = re.compile(r"\s+via\s+\S.*$", re.I)


def _list_author(headers: dict[str, list[str]], sender: Address | None) -> Address | None:
    """The person behind a list post whose From the list rewrote to its own address
    (Google Groups, Mailman's DMARC mitigation: "Bob via team <team@lists.x>")."""
    if sender is None or not _VIA.search(sender.name):
        return sender
    for name in ("x-original-from", "x-original-sender", "reply-to"):
        found = _addresses(headers.get(name, []))
        if found and found[0].email != sender.email:
            author = found[0]
            return author if author.name else Address(author.email, _VIA.sub("", sender.name))
    return sender


class _HtmlText(HTMLParser):
    """Just enough HTML -> text: tags out, entities unescaped, blockquotes as "> "."""

    _BLOCK = frozenset(
        (
            "p",
            "div",
            "br",
            "tr",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "pre",
            "table",
            "ul",
            "ol",
            "hr",
            "blockquote",
            "title",
            "dt",
            "dd",
        )
    )
    _SKIP = frozenset(("script", "style", "head"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.depth = 0
        self.skipping = 0

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.lines.append("> " * self.depth + text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self._flush()
            if tag == "blockquote":
                self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self._flush()
            if tag == "blockquote":
                self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.line.append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines).strip()


# An HTML body is read this far: past it is markup nobody writes by hand (a 24 MB
# newsletter), and the detectors look at far less new text than this anyway.
MAX_HTML_CHARS = 2_000_000

# A "<" that no ">" closes before the next "<": text, not a tag. The standard library's
# HTMLParser takes quadratic time (and worse) over unclosed tags and comments, so they
# are made harmless before it sees them. Each character is looked at a bounded number of
# times: this lookahead stops at the next "<".
_UNCLOSED_TAG = re.compile(r"<(?=[^<>]*(?:<|$))")


def _defuse_html(html: str) -> str:
    """``html`` without comments (an unclosed one hides the rest, as in a browser) and
    with every unclosed "<" escaped, in time linear in its length."""
    out: list[str] = []
    i = 0
    while True:
        start = html.find("<!--", i)
        if start == -1:
            out.append(html[i:])
            break
        out.append(html[i:start])
        end = html.find("-->", start + 4)
        if end == -1:
            break
        i = end + 3
    return _UNCLOSED_TAG.sub("&lt;", "".join(out))


def html_to_text(html: str) -> str:
    """Plain text of an HTML body; quoted parts keep a "> " prefix per level."""
    parser = _HtmlText()
    try:
        parser.feed(_defuse_html(html))
        parser.close()
    except Exception:  # HTMLParser is lenient, but never let a body stop a pass
        log.debug("HTML body could not be fully parsed; using what was read")
    return parser.text()


def _part_text(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return _decode_bytes(payload, charset).replace("\r\n", "\n").replace("\x00", "")


def _filename(part: Message) -> str | None:
    if (
        "content-disposition" not in part
        and "name" not in str(part.get("content-type", "")).lower()
    ):
        return None  # what get_filename() and get_content_disposition() would conclude
    try:
        name = part.get_filename()
    except Exception:
        name = None
    disposition = ""
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    if name is None and disposition != "attachment":
        return None
    if name is None:
        return f"unnamed.{part.get_content_subtype()}"
    name = str(name)
    if "\ufffd" in name:  # raw 8-bit parameter: compat32 mangles it, read the header
        name = _raw_param(part) or name
    name = clean_line(decode_words(name))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:255] or f"unnamed.{part.get_content_subtype()}"


_PARAM = re.compile(r"""\b(?:file)?name\s*=\s*(?:"([^"]*)"|([^;\s]+))""", re.I)


def _raw_param(part: Message) -> str | None:
    for header, value in part.raw_items():
        if header.lower() in ("content-disposition", "content-type") and isinstance(value, str):
            found = _PARAM.search(_raw_text(value))
            if found:
                return found.group(1) or found.group(2)
    return None


def _walk(
    part: Message, depth: int, plain: list[str], html: list[str], attachments: list[str]
) -> None:
    """Collect the first plain and HTML bodies and every attachment name.

    Does not descend into attached messages (message/rfc822): a forwarded mail's
    body is not this message's body."""
    if depth > MAX_DEPTH:
        return
    name = _filename(part)
    if name is not None:
        attachments.append(name)
        return
    ctype = part.get_content_type()
    if ctype.startswith("message/"):
        return
    if part.is_multipart():
        payload = part.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                if isinstance(sub, Message):
                    _walk(sub, depth + 1, plain, html, attachments)
        return
    if ctype == "text/plain" and not plain:
        plain.append(_part_text(part))
    elif ctype == "text/html" and not html:
        html.append(_part_text(part))


def parse_message(
    raw: bytes,
    *,
    ref: str,
    folder: Folder,
    marks: frozenset[str],
    tz: tzinfo,
    default_date: datetime | None = None,
    max_bytes: int = MAX_MESSAGE_BYTES,
    max_header_bytes: int = MAX_HEADER_BYTES,
) -> MailRecord:
    """Turn raw message bytes into a MailRecord.

    ``default_date`` is used when the Date header is missing or unreadable (a Maildir
    file's mtime, say); without it the epoch. Raises MessageParseError only when the
    bytes are not mail at all, or past ``max_bytes`` / ``max_header_bytes`` ([limits]).
    """
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark some tools write
        raw = raw[3:]
    if len(raw) > max_bytes:
        raise MessageParseError(
            f"message of {len(raw):,} bytes is larger than [limits].max_message_bytes "
            f"({max_bytes:,}); not read"
        )
    end = _HEADER_END.search(raw, 0, max_header_bytes + 4)
    if end is not None:
        header_bytes = end.start() - (end.start() > 0 and raw[end.start() - 1] == 13)
    else:
        header_bytes = len(raw)
    if header_bytes > max_header_bytes:
        raise MessageParseError(
            f"headers larger than [limits].max_header_bytes ({max_header_bytes:,} bytes); not read"
        )
    head = raw[:4096].lstrip(b"\r\n\t ")
    if not head:
        raise MessageParseError("empty message")
    if not _HEADER_LINE.match(head):
        raise MessageParseError("no mail headers")
    # Headers only: most messages are never read past them (the pass reads the body of
    # Sent mail, replies in an ask's thread and requests to the user), so the MIME walk,
    # charset decoding and HTML to text wait until the record's text is asked for.
    _, fields = _head_fields(raw[: end.end()] if end else raw)
    headers = _headers(fields)
    if not headers:
        raise MessageParseError("no mail headers")

    message_ids = _ids(_first(headers, "message-id"))
    message_id = message_ids[0] if message_ids else ""
    if not message_id:
        message_id = "synth-" + hashlib.sha256(raw).hexdigest()[:32] + "@followthrough.invalid"
    in_reply = _ids(_first(headers, "in-reply-to"))
    references = tuple(dict.fromkeys(_ids(" ".join(headers.get("references", [])))))

    senders = _addresses(headers.get("from", []))
    if not senders:
        senders = _addresses(headers.get("sender", []))
    # A From with several addresses ("Dave <dave@…>, mallory@…") speaks for nobody in
    # particular: it is never taken as one helper's answer (nor as the user's own mail).
    sender = senders[0] if len(senders) == 1 else None
    auto = _detect_auto(fields, headers, sender)
    mailing_list = None
    if auto == "list":
        mailing_list = _list_address(headers)
        sender = _list_author(headers, sender)

    body = _Body(raw)
    ask = headers.get("x-followthrough-ask")
    return MailRecord(
        ref=ref,
        folder=folder,
        message_id=message_id,
        in_reply_to=in_reply[0] if in_reply else None,
        references=references,
        conversation=None,
        sender=sender,
        to=_addresses(headers.get("to", [])),
        cc=_addresses(headers.get("cc", [])),
        date=_date(_first(headers, "date"), tz, default_date),
        subject=clean_line(decode_words(_first(headers, "subject")))[:998],
        text=body.text,
        attachments=body.attachments,
        marks=marks,
        auto=auto,
        mailing_list=mailing_list,
        ask_header=clean_line(decode_words(ask[0]))[:200] if ask else None,
    )


def read_body(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """The plain-text body (the first text/plain part, else the first HTML part as
    text) and the attachment names of a whole raw message."""
    plain: list[str] = []
    html: list[str] = []
    attachments: list[str] = []
    _walk(_PARSER.parsebytes(raw), 0, plain, html, attachments)
    if plain and plain[0].strip():
        text = plain[0]
    elif html:
        text = html_to_text(html[0][:MAX_HTML_CHARS])
    else:
        text = plain[0] if plain else ""
    return text, tuple(attachments)


class _Body:
    """A record's body, read from the raw bytes when first asked for (text and
    attachment names come from one MIME walk); the bytes are dropped once read."""

    __slots__ = ("_attachments", "_raw", "_text")

    def __init__(self, raw: bytes) -> None:
        self._raw: bytes | None = raw
        self._text = ""
        self._attachments: tuple[str, ...] = ()

    def _read(self) -> None:
        if self._raw is not None:
            self._text, self._attachments = read_body(self._raw)
            self._raw = None

    def text(self) -> str:
        self._read()
        return self._text

    def attachments(self) -> tuple[str, ...]:
        self._read()
        return self._attachments
