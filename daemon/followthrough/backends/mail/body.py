"""A message's body: the first plain-text part (else the first HTML part as text) and
the attachment names, from one MIME walk, read only when a record's text is asked for."""

from __future__ import annotations

import logging
import re
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from html.parser import HTMLParser

from followthrough.backends.mail.headers import clean_line, decode_bytes, decode_words, raw_text

log = logging.getLogger(__name__)

MAX_DEPTH = 40  # MIME nesting we follow; torture tests nest deeper than any real mail
_PARSER = BytesParser(policy=compat32)
_SPACES = re.compile(r"\s+")


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
    return decode_bytes(payload, charset).replace("\r\n", "\n").replace("\x00", "")


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
            found = _PARAM.search(raw_text(value))
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


class LazyBody:
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
