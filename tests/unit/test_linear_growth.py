"""Every parser that reads mail or calendar text takes time linear in its length
(issue 13, item 2).

A 40 KB message ("Could you please review…?" and then "12/5 " again and again) took
78 s to scan and a 400 KB one about two hours: the deadline parser searched from the
start of the text for every date. A 24 MB HTML reply took 65 s: the standard library's
HTMLParser is quadratic over unclosed tags and comments.

No timing here: each parser runs on the same hostile text at 10 KB, 100 KB and 1 MB, and
its work is counted — every character a regular expression of the parser's modules is
asked to scan, plus every Python function call made — so the counts are the same on a
busy machine. Linear work grows ten-fold per step; quadratic work a hundred-fold. The
test allows up to 20-fold.
"""

from __future__ import annotations

import _markupbase
import html.parser
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType, ModuleType
from typing import Any

import pytest

from followthrough.backends.ics import parse as ics_parse
from followthrough.backends.ics import repair as ics_repair
from followthrough.backends.mail import auto as mail_auto
from followthrough.backends.mail import body as mail_body
from followthrough.backends.mail import headers as mail_headers
from followthrough.backends.mail import parse as mail_parse
from followthrough.detect import days, deadline, features, reply, request, segment

BASE = datetime(2026, 11, 2, 10, tzinfo=UTC)
SIZES = (10_000, 100_000, 1_000_000)
MAX_GROWTH = 20  # per ten-fold step; linear is 10, quadratic 100


class CountingPattern:
    """A compiled pattern that counts the characters it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self._p = pattern
        self._n = counter

    def _span(self, text: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(text) if endpos is None else min(endpos, len(text))
        self._n[0] += max(0, end - pos) + 1

    def search(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self._p.search(text, *args)

    def match(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self._p.match(text, *args)

    def fullmatch(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self._p.fullmatch(text, *args)

    def finditer(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self._p.finditer(text, *args)

    def findall(self, text: str, *args: int) -> Any:
        self._span(text, *args)
        return self._p.findall(text, *args)

    def sub(self, repl: Any, text: str, count: int = 0) -> Any:
        self._span(text)
        return self._p.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> Any:
        self._span(text)
        return self._p.split(text, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._p, name)


def _wrap(value: Any, counter: list[int]) -> Any:
    if isinstance(value, re.Pattern):
        return CountingPattern(value, counter)
    if isinstance(value, tuple) and any(isinstance(v, (re.Pattern, tuple)) for v in value):
        return tuple(_wrap(v, counter) for v in value)
    return value


@contextmanager
def counted(modules: tuple[ModuleType, ...]) -> Iterator[list[int]]:
    """Count regex characters scanned and Python calls made inside the block."""
    counter = [0]
    saved: list[tuple[ModuleType, str, Any]] = []
    for module in modules:
        for name, value in list(vars(module).items()):
            wrapped = _wrap(value, counter)
            if wrapped is not value:
                saved.append((module, name, value))
                setattr(module, name, wrapped)

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            counter[0] += 1

    sys.setprofile(profile)
    try:
        yield counter
    finally:
        sys.setprofile(None)
        for module, name, value in saved:
            setattr(module, name, value)


# html.parser and _markupbase: the standard library's HTML parser, whose regular
# expressions html_to_text relies on (their work is what grew with the square).
MODULES = (
    deadline,
    days,
    request,
    features,
    segment,
    reply,
    mail_headers,
    mail_auto,
    mail_body,
    mail_parse,
    ics_parse,
    ics_repair,
    html.parser,
    _markupbase,
)


def work(parse: Callable[[str], object], make: Callable[[int], str]) -> list[int]:
    """The work at each size; stops (failing) at the first step that grows too much."""
    counts: list[int] = []
    for size in SIZES:
        text = make(size)
        with counted(MODULES) as counter:
            parse(text)
        counts.append(counter[0])
        if len(counts) > 1:
            assert counts[-1] <= MAX_GROWTH * counts[-2], (size, counts)
    return counts


def repeat(head: str, unit: str) -> Callable[[int], str]:
    return lambda size: head + unit * ((size - len(head)) // len(unit))


REVIEW_DATES = repeat("Could you please review the Q3 deck? ", "12/5 ")
HTML_UNCLOSED = repeat("<html><body><p>Could you review it?</p>", "<a b='x ")
HTML_COMMENTS = repeat("<html><body><p>Could you review it?</p>", "<!--x")
EMAIL_RUN = repeat("Ask: Bob - intro #ask\n", "a")
TIMES_AND_DATES = repeat("Could you send it? ", "by 12/5 at 3pm, ")

CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "parse_deadline: 12/5 x N": (lambda t: deadline.parse_deadline(t, BASE), REVIEW_DATES),
    "parse_deadline: dates and times": (
        lambda t: deadline.parse_deadline(t, BASE),
        TIMES_AND_DATES,
    ),
    "detect_request: 12/5 x N": (lambda t: request.detect_request(t, BASE), REVIEW_DATES),
    "segment_text": (segment.segment_text, REVIEW_DATES),
    "classify_reply": (lambda t: reply.classify_reply(t, (), ""), REVIEW_DATES),
    "detect_thanks": (reply.detect_thanks, REVIEW_DATES),
    "detect_ooo_return": (lambda t: reply.detect_ooo_return(t, BASE), REVIEW_DATES),
    "html_to_text: unclosed tags": (mail_body.html_to_text, HTML_UNCLOSED),
    "html_to_text: unclosed comments": (mail_body.html_to_text, HTML_COMMENTS),
}


@pytest.mark.parametrize("case", list(CASES))
def test_parser_work_grows_linearly(case: str) -> None:
    parse, make = CASES[case]
    counts = work(parse, make)
    assert len(counts) == len(SIZES) and all(c > 0 for c in counts)


def test_the_measure_sees_quadratic_work() -> None:
    """The counter is not blind: a parser that searches from the start of the text for
    every date (as parse_deadline did) is caught."""
    pattern = re.compile(r"\bby\s+$")
    module = ModuleType("quadratic")
    module.PREFIX = pattern  # type: ignore[attr-defined]

    def parse(text: str) -> int:
        found = 0
        for m in re.finditer(r"12/5", text):
            found += module.PREFIX.search(text, 0, m.start()) is not None
        return found

    counts = []
    for size in (2_000, 20_000):  # quadratic work is slow to run at the larger sizes
        with counted((module,)) as counter:
            parse(REVIEW_DATES(size))
        counts.append(counter[0])
    assert counts[1] > MAX_GROWTH * counts[0]


def test_a_24_mb_html_reply_is_read_up_to_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 24 MB HTML reply took 65 s: only MAX_HTML_CHARS of it are turned into text."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Dave <dave@example.org>"
    msg["Subject"] = "Re: deck"
    msg.set_content("<html><body>" + "<p>Here it is, <b>attached</b>.</p>\n" * 700_000, "html")
    raw = msg.as_bytes()
    assert len(raw) > 24_000_000
    seen: list[int] = []
    real = mail_body.html_to_text

    def spy(html: str) -> str:
        seen.append(len(html))
        return real(html)

    monkeypatch.setattr(mail_body, "html_to_text", spy)
    text, _ = mail_body.read_body(raw)
    assert seen == [mail_body.MAX_HTML_CHARS]
    assert text.startswith("Here it is, attached.")
