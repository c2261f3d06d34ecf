"""Split a plain-text message body into new text, quoted text, signature and disclaimer.

Works line by line, the way talon does, on what mail clients actually write:

* quoted text starts at the first of: a ``>`` line (or a supercite "CW> " line); an
  attribution ("On <date>, Bob wrote:", possibly wrapped over three lines; "Le … a
  écrit :", "Am … schrieb …:");
  ``-----Original Message-----``; a forward marker ("---------- Forwarded message",
  "Begin forwarded message:", Lotus Notes' "----- Forwarded by …"); an Outlook header
  block ("From: …" followed by "Sent:"/"Date:" and "To:"/"Subject:" lines); a Lotus
  Notes header block ("To:" then "cc:" then "Subject:" within a few lines, with the
  sender and date lines just above). After a bare ``>`` block, unquoted lines are
  inline replies and stay new text.
* the disclaimer is the first paragraph that reads like one ("This email and any
  attachments are confidential…", "CONFIDENTIALITY NOTICE") to the end;
* the signature starts at a ``-- `` line, at "Sent from my iPhone"-style lines, or at a
  sign-off ("Thanks,", "Best regards") followed only by a few short lines (a name,
  a title, a phone number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from followthrough.detect.quotemark import split_marked
from followthrough.detect.words import may_contain


@dataclass(frozen=True, slots=True)
class Segments:
    """The parts of one message body. ``new`` is what its sender wrote this time."""

    new: str
    quoted: str
    signature: str
    disclaimer: str


_ATTRIBUTION_START: Final = re.compile(
    r"^\s*(?:on\b|le\b|am\b|el\b|il\b|op\b|em\b|den\b|w dniu\b|\d{4}[-/]\d{1,2}[-/]\d{1,2}\b"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)",
    re.IGNORECASE,
)
_ATTRIBUTION_END: Final = re.compile(
    r"(?=[waehsnн])"  # (its verbs' first letters: a class to fail on at once)
    r"(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|schreef|escreveu|skrev|napisał"
    r"|написал|написала)"
    r"(?:\s+[^:]{0,80})?\s*:\s*$",
    re.IGNORECASE,
)
_SEPARATOR_FIRST: Final = frozenset("-_bB")
# The ASCII verbs of ``_ATTRIBUTION_END`` (lower case): in ASCII text it can match only
# where one of them is (its other verbs have letters ASCII text cannot match).
_WROTE: Final = ("wrote", "writes", "schrieb", "ha scritto", "schreef", "escreveu", "skrev")


def _says_wrote(text: str) -> bool:
    """``_ATTRIBUTION_END.search(text)``, skipped in ASCII text without one of its verbs."""
    if text.isascii():
        lower = text.lower()
        if not any(map(lower.__contains__, _WROTE)):
            return False
    return _ATTRIBUTION_END.search(text) is not None


_SEPARATOR: Final = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine"
    r"|mensaje original|forwarded message|weitergeleitete nachricht)\s*-{2,}"
    r"|-{3,}\s*forwarded by\b.*"
    r"|begin forwarded message:?"
    r"|_{10,}\s*"
    r"|-{5,}\s*(?:reply|original|forwarded)\b.*)\s*$",
    re.IGNORECASE,
)
# Header labels of a quoted or forwarded message, as Outlook writes them in the
# languages it ships in (and Apple Mail, Gmail, Thunderbird, Windows Mail), by role.
_ROLES: Final = {
    "from": "from von de da van från fra od от lähettäjä feladó kimden 差出人 发件人 寄件者",
    "sent": "sent date gesendet datum envoyé enviado enviada inviato verzonden skickat sendt "
    "wysłano отправлено дата lähetetty elküldve odesláno gönderildi 送信日時 发送时间 日期",
    "to": "to an à a para aan till til do кому vastaanottaja címzett komu kime 宛先 收件人",
    "subject": "subject betreff objet asunto assunto oggetto onderwerp ämne emne temat тема "
    "aihe tárgy předmět konu 件名 主题 主旨",
    "cc": "cc kopie copie cópia",
}
_ROLE_OF: Final = {word: role for role, words in _ROLES.items() for word in words.split()}
_HEADER: Final = re.compile(
    r"^\s*(?:\*|<b>)?("
    + "|".join(sorted((re.escape(w) for w in _ROLE_OF), key=len, reverse=True))
    + r"|enviado el|enviada em|envoyé le)(?:\*|</b>)?\s*[:：]",
    re.IGNORECASE,
)
# A line introducing a ">" block: ends with ":" and names a date, a time or an address
# (mail.ru's "Thu, 26 Jun 2014 14:00:51 +0400 от Alexander L <a@b.c>:", Yandex's
# "26.06.2014, 14:41, "Alexander L" <a@b.c>:").
_INTRO: Final = re.compile(r"(?:@[\w-]+\.|\d{1,2}:\d{2}|\d{4}).*[:：]\s*$")
# "|" quoting (trn, some webmail and Usenet readers): "| text" or "  | text".
_PIPE: Final = re.compile(r"^\s{0,4}\|(?:\s|$)")
# Lotus Notes' column layout: the sender and date on the left, "To:", "cc:" and
# "Subject:" in a column to their right.
_LOTUS_COLUMN: Final = re.compile(r"^\s*\S.*?\s{2,}(to|cc|subject)\s*:", re.IGNORECASE)
_LOTUS_TO: Final = re.compile(r"^\s*to\s*:", re.IGNORECASE)
_LOTUS_CC: Final = re.compile(r"^\s*cc\s*:", re.IGNORECASE)
_LOTUS_SUBJECT: Final = re.compile(r"^\s*subject\s*:", re.IGNORECASE)
_LOTUS_DATE: Final = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}")
_SIG_DASHES: Final = re.compile(r"^(?:--|—|__)\s*$")
_SENT_FROM: Final = re.compile(
    r"^\s*(?:sent from (?:my|mail for|yahoo|outlook|samsung)\b.*|sent with \w+.*"
    r"|get outlook for \w+.*|sent via \w+.*|sent from \w+ (?:mobile|for \w+)\b.*"
    r"|enviado desde mi \w+.*|von meinem \w+ gesendet.*)$",
    re.IGNORECASE,
)
_SIGN_OFF: Final = re.compile(
    r"^\s*(?:thanks(?: again| so much| very much| a lot| in advance)?|thank you(?: very much)?"
    r"|many thanks|thx|cheers|best|best regards|best wishes|kind regards|warm regards"
    r"|warmest regards|regards|rgds|sincerely|yours|yours truly|yours sincerely"
    r"|all the best|all best|take care|talk soon|speak soon|br|mfg|viele grüße"
    r"|mit freundlichen grüßen|love|ciao)\s*[,.!-]*\s*$",
    re.IGNORECASE,
)
# A disclaimer's first line (no part of it runs past a "\n": see ``_DISCLAIMER_LINES``).
_DISCLAIMER_TEXT: Final = (
    r"[^\S\n]*(?:this (?:e-?mail|message|communication|transmission)\b[^.\n]{0,80}"
    r"\b(?:confidential|privileged|intended (?:solely |only )?for)"
    r"|(?:confidentiality|legal|privacy) (?:notice|disclaimer|note)\b"
    r"|disclaimer[^\S\n]*:|the information (?:contained )?in this (?:e-?mail|message"
    r"|communication)"
    r"|if you are not the (?:named |intended )?(?:addressee|recipient)"
    r"|e-?mail transmission cannot be guaranteed"
    r"|please consider the environment before printing)"
)
_DISCLAIMER: Final = re.compile("^" + _DISCLAIMER_TEXT, re.IGNORECASE)
# The same after a "\n", in lines joined with "\n": one search over the text (skipping
# from "\n" to "\n") instead of one match per line. A match stays within its line, so
# the first one starts just before the first line that ``_DISCLAIMER`` matches.
_DISCLAIMER_LINES: Final = re.compile("\n" + _DISCLAIMER_TEXT, re.IGNORECASE)
# Words without which ``_DISCLAIMER`` cannot match a line (one per branch; the lines are
# scanned only when the text has one of them, see ``may_contain``).
_DISCLAIMER_WORDS: Final = (
    "confidential",
    "privileged",
    "intended",
    "legal",
    "privacy",
    "disclaimer",
    "the information",
    "if you are not the",
    "transmission cannot be guaranteed",
    "please consider the environment",
)


# The first two characters (lower case) that an ``_ATTRIBUTION_START`` which does not start
# with a digit can start with, after the spaces.
_ATTRIBUTION_HEADS: Final = frozenset(("on", "le", "am", "el", "il", "op", "em", "de", "w "))


def _starts_attribution(line: str) -> bool:
    """``_ATTRIBUTION_START.match(line)``, skipped where its first characters cannot start it
    (a line that does not start with ASCII is always matched)."""
    head = line.lstrip()[:2]
    if head.isascii() and head.lower() not in _ATTRIBUTION_HEADS and not head[:1].isdigit():
        return False
    return _ATTRIBUTION_START.match(line) is not None


def _attribution_len(lines: list[str], i: int) -> int:
    """How many lines (1-3) the attribution starting at ``lines[i]`` spans; 0 if none."""
    if not lines[i].strip() or not _starts_attribution(lines[i]):
        return 0
    for n in (1, 2, 3):
        joined = " ".join(x.strip() for x in lines[i : i + n])
        # (the pattern ends with ":" and spaces)
        if joined.rstrip().endswith(":") and _says_wrote(joined):
            return n
    return 0


# The first word a ``_HEADER`` line can start with (lower case).
_HEADER_FIRST: Final = frozenset(_ROLE_OF) | {"enviado", "enviada", "envoyé"}


def _may_be_header(line: str) -> bool:
    """A necessary condition for ``_HEADER.match(line)`` on a line with a ":" or "：":
    before the first of them, one word (two in "enviado el"), a header label, perhaps in
    "*" or "<b>" (a word that does not start with ASCII is always matched)."""
    head = line.partition(":")[0]
    words = (head.partition("：")[0] if "：" in head else head).split()
    if not words or len(words) > 2:
        return False
    first = words[0]
    if not first.isascii():
        return True
    first = first.lower()
    first = first[3:] if first.startswith("<b>") else first[1:] if first.startswith("*") else first
    first = first[:-4] if first.endswith("</b>") else first[:-1] if first.endswith("*") else first
    return first in _HEADER_FIRST


def _role(line: str) -> str | None:
    head = line[:48]
    if ":" not in head and "：" not in head:
        return None
    if not _may_be_header(line):
        return None
    m = _HEADER.match(line)
    if m is None:
        return None
    word = m.group(1).lower()
    return "sent" if word.startswith(("enviad", "envoyé")) else _ROLE_OF.get(word)


def _is_quote_start(lines: list[str], i: int) -> bool:
    line = lines[i]
    if not line.strip():
        return False
    # (a separator starts with a dash, an underscore or "begin")
    if (line.lstrip()[:1] in _SEPARATOR_FIRST and _SEPARATOR.match(line)) or _attribution_len(
        lines, i
    ):
        return True
    role = _role(line)
    if role is not None and (i == 0 or _role(lines[i - 1]) is None):
        # A header block in any order (Outlook: From, Sent, To, Subject; Hotmail: Date,
        # Subject, From, To): a sender and two of date, recipient and subject.
        roles = {role}
        for x in lines[i + 1 : i + 6]:
            r = _role(x)
            if r is None:
                if x.strip():
                    break
                continue
            roles.add(r)
        if "from" in roles and len(roles & {"sent", "to", "subject"}) >= 2:
            return True
    if _is_lotus_column(lines, i):
        return True
    if ":" in line and _LOTUS_TO.match(line):
        rest = lines[i + 1 : i + 5]
        return any(_LOTUS_CC.match(x) for x in rest) and any(_LOTUS_SUBJECT.match(x) for x in rest)
    return False


def _is_lotus_column(lines: list[str], i: int) -> bool:
    """Lotus Notes' columns: "To:", "cc:", "Subject:" to the right of the sender."""
    line = lines[i]
    if ":" not in line or "  " not in line:
        return False
    first = _LOTUS_COLUMN.match(line)
    if first is None or first.group(1).lower() != "to":
        return False
    found = set()
    for x in lines[i + 1 : i + 4]:
        m = _LOTUS_COLUMN.match(x) if ":" in x else None
        if m is not None:
            found.add(m.group(1).lower())
    return "subject" in found


# Supercite and its imitators quote with the writer's initials: "CW> Can someone …",
# "J> You open sourced …" (Emacs' supercite, Gnus, some list digests).
_SUPERCITE: Final = re.compile(r"^\s{0,4}[A-Za-z][A-Za-z0-9_-]{0,5}>(?:\s|$)")


def _is_quote_line(lines: list[str], i: int) -> bool:
    """A ">" line, a supercite line ("CW> …"), or a "|" line in a run of them (one "|"
    line is more likely a table)."""
    line = lines[i]
    head = line.lstrip()
    if head.startswith(">"):
        return True
    if ">" in head[:8] and _SUPERCITE.match(line):
        return True
    if not _piped(line):
        return False
    before = lines[i - 1] if i > 0 else ""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    return _piped(before) or _piped(after)


def _piped(line: str) -> bool:
    """``_PIPE.match(line)``, skipped when no "|" is where it would be."""
    return "|" in line[:5] and _PIPE.match(line) is not None


def _intro_len(lines: list[str], i: int) -> int:
    """An attribution (1-3 lines), or a line that ends with ":" and names a date, a time
    or an address, when a quote block follows it; 0 if none."""
    n = _attribution_len(lines, i)
    line = lines[i].rstrip()
    if (
        not n
        and line.endswith((":", "："))
        and (
            _INTRO.search(line) or _says_wrote(line)  # "Bob wrote:"
        )
    ):
        n = 1
    return n


def _opens_angle_block(lines: list[str], i: int) -> bool:
    """An attribution directly followed by ">" lines (so text after them may be new), at
    a line that is not itself a quote line (``_is_quote_line``: the callers test it first)."""
    line = lines[i]
    if not line.strip():
        return False
    if not line.rstrip().endswith((":", "：")) and not _starts_attribution(line):
        return False  # every intro ends with ":" on its first line or starts like "On …"
    n = _intro_len(lines, i)
    if not n:
        return False
    between = 0  # "[yes, I know I'm replying to myself]" between the intro and its quote
    for j in range(i + n, len(lines)):
        if lines[j].strip():
            if _is_quote_line(lines, j):
                return True
            between += 1
            if between > 2 or not _attribution_len(lines, i):
                return False
    return False


def _lotus_back(lines: list[str], i: int) -> int:
    """Lotus Notes puts the sender and the date on the lines above "To:" (or, in its
    column layout, on the same lines and the one or two above)."""
    if _is_lotus_column(lines, i):
        k = i
        while k > 0 and lines[k - 1].strip() and k > i - 2:
            k -= 1
        return k
    if not _LOTUS_TO.match(lines[i]):
        return i
    for j in range(i - 1, max(-1, i - 4), -1):
        if _LOTUS_DATE.search(lines[j]):
            k = j
            while k > 0 and lines[k - 1].strip() and k > j - 2:
                k -= 1
            return k
    return i


def _trim(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").rstrip()


# The start of a line that may open a quote whatever the lines around it: a ">", a "|", a
# dash or rule, "begin" (any case), or a supercite "CW>" (``_SUPERCITE``), after the "\n"
# that starts the line (searched in "\n" + the text: a literal first character lets the
# search skip from line to line instead of trying every position, as "^" would).
# (possessive: what follows each run cannot be in it, so giving back never helps)
_MAY_HEAD: Final = re.compile(
    r"\n(?:[^\S\n]*+(?:[>|\-_—]|[Bb][Ee][Gg][Ii][Nn])"
    r"|[^\S\n]{0,4}+[A-Za-z][A-Za-z0-9_-]{0,5}+>(?=\s|$))"
)


QUOTED: Final = 2  # (``_may_start_quote``: a ">" or supercite line)


def _may_start_quote(lines: list[str]) -> list[int]:
    """Per line, a cheap necessary condition for ``_is_quote_start`` and
    ``_opens_angle_block`` (true): a ":" (a header), an attribution ending in ":" within
    three lines (or a "：" line above a ":" one), a separator or a ">"; ``QUOTED`` for a
    line that ``_is_quote_line`` (a ">" or supercite line; not every one)."""
    colon: list[int] = [":" in ln for ln in lines]
    may = colon.copy()
    text = "\n" + "\n".join(lines)  # line k starts after the (k+1)th "\n"
    pos, line_no = 0, -1
    for m in _MAY_HEAD.finditer(text):
        line_no += text.count("\n", pos, m.start() + 1)
        pos = m.start() + 1
        # (a match that ends with ">" is a ">" or a supercite line)
        may[line_no] = QUOTED if text[m.end() - 1] == ">" else 1
    for c in [i for i, x in enumerate(colon) if x]:
        for i in (c - 1, c - 2):
            if i >= 0 and not may[i]:
                line = lines[i]
                may[i] = "：" in line or _starts_attribution(line)
    return may


# A bare rule ("-------------------") a line or two above a ">" block, below the writer's
# own text: the writer pasted an earlier message under it (its ">" lines and the lines
# after them alike), as a top-poster does without an "Original Message" line.
_RULE: Final = re.compile(r"^\s*(?:-{10,}|_{10,}|={10,}|\*{10,})\s*$")


def _rule_above(lines: list[str], i: int) -> int | None:
    """The line of a rule at most two short lines above line ``i``, below the writer's
    sign-off (a short last line of their own text)."""
    seen = 0
    for k in range(i - 1, max(-1, i - 6), -1):
        line = lines[k]
        if not line.strip():
            continue
        if _RULE.match(line):
            above = [x.strip() for x in lines[:k] if x.strip()]
            # the writer signed off just above it ("CW", "-- Ann"), not "See the log below:"
            signed = bool(above) and len(above[-1]) <= 25 and not above[-1].endswith((":", "?"))
            return k if signed else None
        seen += 1
        if seen > 2 or len(line.strip()) > 60:
            return None
    return None


def _split_quoted(lines: list[str]) -> tuple[list[str], list[str]]:
    may = _may_start_quote(lines)
    for i in range(len(lines)):
        if not may[i]:
            continue
        quote = may[i] == QUOTED or _is_quote_line(lines, i)
        if quote and (k := _rule_above(lines, i)) is not None:
            return lines[:k], lines[k:]
        if quote or _opens_angle_block(lines, i):
            # A ">" block (perhaps under its attribution): unquoted lines after it are
            # inline or bottom-posted replies, unless a header or separator starts the rest.
            new, quoted = list(lines[:i]), []
            j = i
            while j < len(lines):
                if not may[j]:
                    new.append(lines[j])  # (a necessary condition of each test below)
                    j += 1
                    continue
                if may[j] == QUOTED or _is_quote_line(lines, j):
                    quoted.append(lines[j])
                    j += 1
                    continue
                n = _attribution_len(lines, j) or (
                    _intro_len(lines, j) if _opens_angle_block(lines, j) else 0
                )
                if n:
                    quoted.extend(lines[j : j + n])
                    j += n
                    continue
                elif _is_quote_start(lines, j):
                    quoted.extend(lines[j:])
                    break
                else:
                    new.append(lines[j])
                j += 1
            return new, quoted
        if _is_quote_start(lines, i):
            start = _lotus_back(lines, i)
            below = _reply_below(lines, i) if not any(map(str.strip, lines[:start])) else None
            return below if below is not None else (lines[:start], lines[start:])
    return lines, []


def _reply_below(lines: list[str], i: int) -> tuple[list[str], list[str]] | None:
    """The new text and the quote of a message that opens with a quote header at line
    ``i`` (nothing written above it), when the quote under the header is marked (">", or a
    mark of the client's own: ``quotemark``): the writer's reply is below it, in the lines
    the mark leaves out. None when the quote under the header is not marked."""
    n = _attribution_len(lines, i)
    k = i + (n or 1)
    while (
        not n and k < min(len(lines), i + 9) and lines[k].strip() and not _is_quote_line(lines, k)
    ):
        k += 1  # the header's own lines (an attribution has none)
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k >= len(lines):
        return None
    if _is_quote_line(lines, k) or _opens_angle_block(lines, k):
        new, quoted = _split_quoted(lines[k:])
        return new, lines[i:k] + quoted
    found = split_marked(lines, k, lambda j: _is_quote_start(lines, j))
    return None if found is None else (found[0], lines[i:k] + found[1])


def _disclaimer_start(lines: list[str]) -> int | None:
    """The first line after the first one that ``_DISCLAIMER`` matches, if any."""
    text = "\n".join(lines)
    if not may_contain(text, _DISCLAIMER_WORDS):  # (only these lines are read)
        return None
    m = _DISCLAIMER_LINES.search(text, len(lines[0]))  # (the "\n" before the second line)
    return None if m is None else text.count("\n", 0, m.start()) + 1


_SIG_FIRST: Final = frozenset("-—_sSſgGeEvV")


def _signature_start(lines: list[str]) -> int | None:
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    for i in range(last):
        line = lines[i]
        # (the first character either pattern can start with, ignoring case)
        if line.lstrip()[:1] in _SIG_FIRST and (_SIG_DASHES.match(line) or _SENT_FROM.match(line)):
            return i
    for i in range(max(0, last - 8), last):
        # (a sign-off line is one of its phrases, 23 characters at most, and marks)
        if len(lines[i].strip().rstrip(",.!-").rstrip()) <= 23 and _SIGN_OFF.match(lines[i]):
            tail = [x.strip() for x in lines[i + 1 : last] if x.strip()]
            if 1 <= len(tail) <= 6 and all(len(x) <= 60 for x in tail) and i > 0:
                return i
    return None


def segment_text(text: str) -> Segments:
    """Split ``text`` (a plain-text body) into its new text, quoted text, signature and
    disclaimer. Never raises; any part may be empty."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    own, quoted = _split_quoted(lines)
    disclaimer: list[str] = []
    if own:
        i = _disclaimer_start(own)
        if i is not None:
            own, disclaimer = own[:i], own[i:]
    signature: list[str] = []
    sig = _signature_start(own)
    if sig is not None:
        own, signature = own[:sig], own[sig:]
    return Segments(_trim(own), _trim(quoted), _trim(signature), _trim(disclaimer))
