"""Text in a message's new part that the writer pasted rather than wrote (issue 17).

``segment`` finds quoted text by its usual marks (">", "-----Original Message-----", a
header block, an attribution). Three kinds of pasted text carry none of them, and the asks
in them are someone else's:

* a clipping between scissors lines ("----8<----", "-- >8 --"), to the next such line or
  to the end;
* an earlier message pasted under a rule ("----------") below the writer's sign-off ("CW",
  "-tom", "Thanks"), when what follows the rule reads as a letter of its own: it opens
  with a greeting or closes with a sign-off of its own ("Hi, … If anybody has any ideas,
  please let me know. Thanks, Mark");
* a frame of a Python traceback ('File "timtest.py", line 294, in ?'), which ends in a
  question mark but asks nothing;
* lines quoted with a mark of the writer's own making ("--] Anyone heard of this law
  before?", "&> EL> …") or a supercite name that ``segment`` left in the new text
  ("  Stephen> Does anyone know …"): a short run of marks ending in ">", "]", "|" or "}",
  or a name and ">", that starts at least two lines (a sentence wrapped over such lines
  carries the mark inside it). Not an arrow ("->", "=>") or a check box ("[ ]").

``rhetoric.not_the_writers`` leaves these sentences out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

_SCISSORS: Final = re.compile(r"-{2,}\s*(?:8<|>8|%<|>%)|(?:8<|>8|%<|>%)\s*-{2,}")
_SCISSORS_HINTS: Final = ("8<", ">8", "%<", ">%")
_RULE: Final = re.compile(r"^\s*(?:-{10,}|_{10,}|={10,}|\*{10,})(?:\s+|$)")
_RULE_FIRST: Final = frozenset("-_=*")
_RULE_HINTS: Final = ("----------", "__________", "==========", "**********")
# A sign-off on its own paragraph: a name or initials ("CW", "-tom", "John Gay") or a
# closing word ("Thanks", "Cheers, Bob").
_SIGNED: Final = re.compile(
    r"^-{0,2}\s*[A-Za-z][A-Za-z.'-]*(?:,?\s+[A-Za-z][A-Za-z.'-]*){0,2}[,.!]?$"
)
_CLOSING: Final = re.compile(
    r"^(?:thanks|thank you|many thanks|thanks in advance|cheers|regards|best regards|kind"
    r" regards|best wishes|best|sincerely|yours|ta|later|ciao|bye)\b[\s,.!]*(?:[A-Za-z]+)?\W*$",
    re.IGNORECASE,
)
_GREETING: Final = re.compile(
    r"^(?:hi|hello|hey|dear|yo|greetings|good (?:morning|afternoon))\b", re.I
)
# A run of marks that quotes a line: "--]", "&>", ":|", "}}"; not an arrow or a check box.
# (each match starts at a line break: the search then skips from one to the next)
_MARK_LINE: Final = re.compile(
    r"\n[ \t]*([-!\"#$%&'*+,./:;=?@\\^_`~]{0,3}[>\]|}]|[A-Za-z][A-Za-z0-9_-]{0,11}>)(?=[ \t\n])"
)


# A frame of a Python traceback ('File "x.py", line 294, in ?'): output, not a question.
_FRAME: Final = re.compile(r'^File "[^"]*", line \d+, in ')


def _signed_off(sentences: Sequence[tuple[str, int]], end: int) -> bool:
    """A sign-off before sentence ``end``: a short paragraph of its own after the writer's
    first sentence ("Yo Mark," opens; "CW" closes)."""
    for k in range(1, end):
        s, para = sentences[k]
        alone = sentences[k - 1][1] != para and (
            k + 1 >= len(sentences) or sentences[k + 1][1] != para
        )
        if alone and len(s) <= 25 and _SIGNED.match(s) is not None:
            return True
    return False


def _reads_as_letter(after_rule: str, sentences: Sequence[tuple[str, int]]) -> bool:
    """What follows a rule (``after_rule`` on its line, then ``sentences``) opens with a
    greeting or closes with a sign-off of its own."""
    first = after_rule or (sentences[0][0] if sentences else "")
    if _GREETING.match(first):
        return True
    return any(len(s) <= 30 and _CLOSING.match(s) is not None for s, _ in sentences)


def _quote_marks(new: str) -> frozenset[str]:
    """The marks of the writer's own making that start at least two lines of ``new``."""
    seen: dict[str, int] = {}
    for mark in _MARK_LINE.findall("\n" + new + "\n"):
        if mark[-1] == ">" and mark[:-1] and mark[-2] in "-=~":
            continue  # an arrow: "->", "=>"
        if any(c in mark for c in "[({<"):
            continue  # a check box: "[]", "[ ]"
        seen[mark] = seen.get(mark, 0) + 1
    return frozenset(mark for mark, n in seen.items() if n >= 2)


def pasted_sentences(new: str, sentences: Sequence[tuple[str, int]]) -> frozenset[int]:
    """The sentences (by index) of ``new`` that the writer pasted: a clipping, a letter
    under a rule below the writer's sign-off, a traceback's frame, lines quoted with the
    writer's own mark."""
    out: set[int] = set()
    # (one-character tests first: they are the cheap ones)
    if (
        ("8" in new or "%" in new)
        and ("<" in new or ">" in new)
        and any(map(new.__contains__, _SCISSORS_HINTS))
    ):
        inside = False
        for i, (s, _) in enumerate(sentences):
            if _SCISSORS.search(s):
                inside = not inside
                out.add(i)
            elif inside:
                out.add(i)
    if any(map(new.__contains__, _RULE_HINTS)):
        for j, (s, _) in enumerate(sentences):
            rule = _RULE.match(s) if s[:1] in _RULE_FIRST else None
            if (
                rule is not None
                and _signed_off(sentences, j)
                and _reads_as_letter(s[rule.end() :], sentences[j + 1 :])
            ):
                out.update(range(j, len(sentences)))
                break
    if '"' in new and 'File "' in new:
        out.update(i for i, (s, _) in enumerate(sentences) if _FRAME.match(s))
    marks = (
        _quote_marks(new) if ">" in new or "]" in new or "|" in new or "}" in new else frozenset()
    )
    if marks:
        long_marks = [m for m in marks if len(m) > 1]
        for i, (s, _) in enumerate(sentences):
            head = s.split(None, 1)[0] if s.strip() else ""
            if head in marks or any(f" {m} " in s for m in long_marks):
                out.add(i)  # (a mark of two characters or more inside a wrapped line)
    return frozenset(out)
