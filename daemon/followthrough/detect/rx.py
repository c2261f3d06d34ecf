"""``re``'s module-level functions (``rx.sub(pattern, …)`` for ``re.sub(pattern, …)``),
with a larger, least-recently-used cache of compiled patterns.

``re`` keeps the last 512 patterns its functions compiled and drops the oldest first. The
phrase and title code writes its patterns inline, more than 500 of them, and builds some
from names ("Dr. Okafor", a tag), so in a first scan ``re``'s cache turned over and about
6,100 patterns were compiled again in a 10,000-message mailbox: most of the time spent
on tagged calendar entries. Here a pattern used again stays compiled while newer
one-off ones (a name seen once) make way. Same arguments, same results as ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, Final

from followthrough.detect.words import may_contain

# Compiled patterns kept: every inline pattern of the package, and names and titles of
# the helpers a user asks most (a compiled pattern is a few kilobytes).
CACHE_SIZE: Final = 4096


@lru_cache(maxsize=CACHE_SIZE)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def may_hold(text: str, literal: str) -> bool:
    """False only when no pattern that needs ``literal`` (a name, escaped into the pattern
    as it is), even one that ignores case, can match ``text`` (``words.may_contain``; a
    literal outside ASCII is left to the pattern). Names are built into patterns one by
    one, and most texts hold none of them: this skips compiling the ones that cannot
    match."""
    return not literal.isascii() or may_contain(text, (literal.lower(),))


def compile(pattern: str | re.Pattern[str], flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile``, from the cache."""
    if isinstance(pattern, re.Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    return _compiled(pattern, int(flags))


def sub(
    pattern: str | re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int | re.RegexFlag = 0,
) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(
    pattern: str | re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int | re.RegexFlag = 0,
) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


def match(
    pattern: str | re.Pattern[str], string: str, flags: int | re.RegexFlag = 0
) -> re.Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(
    pattern: str | re.Pattern[str], string: str, flags: int | re.RegexFlag = 0
) -> re.Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def search(
    pattern: str | re.Pattern[str], string: str, flags: int | re.RegexFlag = 0
) -> re.Match[str] | None:
    return compile(pattern, flags).search(string)


def findall(
    pattern: str | re.Pattern[str], string: str, flags: int | re.RegexFlag = 0
) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(
    pattern: str | re.Pattern[str], string: str, flags: int | re.RegexFlag = 0
) -> Iterator[re.Match[str]]:
    return compile(pattern, flags).finditer(string)


def split(
    pattern: str | re.Pattern[str], string: str, maxsplit: int = 0, flags: int | re.RegexFlag = 0
) -> list[str | Any]:
    return compile(pattern, flags).split(string, maxsplit)
