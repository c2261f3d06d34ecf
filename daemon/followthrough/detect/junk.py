"""The polite words and marks at the end of an ask that its summary leaves out ("…, if
you can, thanks!"): ``drop_tail_junk`` takes them off the way ``_TAIL_JUNK.sub`` does, but
searches the pattern only where its match can start (a speed shortcut: the same text
comes out; tests/unit/test_detect_shortcuts6.py checks it).
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.words import _set

_TAIL_JUNK: Final = re.compile(
    r"(?:[\s,;:-]+(?:please|pls|thanks|thank you|thx|for me|if possible|if you can"
    r"|when you (?:get|have) a (?:chance|moment|minute|sec|second)|as well|too|at the latest"
    r"|(?:that|it|this)(?: would|'d) be (?:great|helpful|wonderful|amazing|perfect|a big help)"
    r"|(?:that|it|this) would help))+[\s?.!]*$"
    r"|[\s?.!,;:]+$",
    re.IGNORECASE,
)


# The last word of each phrase ``_TAIL_JUNK`` takes off: a text that ends in a letter can
# only lose a phrase that ends it.
_JUNK_LAST_WORDS: Final = tuple(
    _set(
        "please pls thanks you thx me possible can chance moment minute sec second well too"
        " latest great helpful wonderful amazing perfect help"
    )
)


def _may_end_in_junk(s: str) -> bool:
    """A cheap necessary condition for ``_TAIL_JUNK`` to match ``s`` (a tail that is not
    ASCII always goes to the pattern)."""
    last = s[-1:]
    if not last or last in "?.!,;:" or last.isspace() or not s[-10:].isascii():
        return True
    return s[-10:].lower().endswith(_JUNK_LAST_WORDS)


# Every word ``_TAIL_JUNK`` can take off ("it'd" is one run of letters).
_JUNK_WORDS: Final = _set(
    "please pls thanks thank you thx for me if possible can when get have a chance moment"
    " minute sec second as well too at the latest that it this would that'd it'd this'd be"
    " great helpful wonderful amazing perfect big help"
)
# The longest tail of a lower-cased text, read backwards, made of marks, spaces and whole
# ``_JUNK_WORDS``: a match of ``_TAIL_JUNK`` runs to the end of the text and is made of
# nothing else, so it cannot start before this tail does.
_JUNK_TAIL_REVERSED: Final = re.compile(
    r"(?:[^a-z']|(?:"
    + "|".join(sorted((re.escape(w[::-1]) for w in _JUNK_WORDS), key=len, reverse=True))
    + r")(?![a-z']))*"
)


def drop_tail_junk(s: str) -> str:
    """``_TAIL_JUNK.sub("", s)``: the pattern is searched from where its match may start
    (in ASCII text on one line; other text is searched whole), and not at all when it
    cannot match."""
    if not _may_end_in_junk(s):
        return s
    if not s.isascii() or "\n" in s:
        return _TAIL_JUNK.sub("", s)
    tail = _JUNK_TAIL_REVERSED.match(s.lower()[::-1])
    start = len(s) - (tail.end() if tail is not None else 0)
    found = _TAIL_JUNK.search(s, start)
    return s if found is None else s[: found.start()] + s[found.end() :]
