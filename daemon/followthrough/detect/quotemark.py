"""A quote marked with a mark of the mail client's own (issue 17, eighth round).

Some clients quote with ")" or "=>" instead of ">" (``") What does it mean?"``,
``"=>the new build is up:"``). ``segment`` reads such a quote only under a quote header
that opens the message (``segment._reply_below``): there the mark, opening two lines
running, tells the quote from the writer's reply below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

_MARK: Final = re.compile(r"^\s{0,2}([)|:}\]=#%>]{1,2})")


def split_marked(
    lines: list[str], k: int, stop: Callable[[int], bool]
) -> tuple[list[str], list[str]] | None:
    """The unmarked lines (the reply) and the marked ones (the quote) from line ``k`` on,
    when lines ``k`` and ``k + 1`` open with the same mark; from the first line where
    ``stop`` holds (a further quote header), everything is quoted. None without a mark."""
    m = _MARK.match(lines[k])
    if m is None or k + 1 >= len(lines) or not lines[k + 1].lstrip().startswith(m.group(1)):
        return None
    mark = m.group(1)
    new: list[str] = []
    quoted: list[str] = []
    for j in range(k, len(lines)):
        if lines[j].lstrip().startswith(mark):
            quoted.append(lines[j])
        elif stop(j):
            return new, quoted + lines[j:]
        else:
            new.append(lines[j])
    return new, quoted
