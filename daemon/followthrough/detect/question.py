"""Questions said back: "Is the venue booked?" -> "letting me know whether the venue is
booked"; "let me know …" / "tell me …" asks; "What is the status of X?" -> "the status
of X".

Pure: no I/O.
"""

from __future__ import annotations

import re

from followthrough.detect.forms import _trim, _with_article
from followthrough.detect.words import (
    _AUX,
    _DETS,
    _SUBJECT_PRONOUN,
    _WH,
    _inflect,
    _lemmas,
    ing,
)
from followthrough.model import AskPhrase


def _embedded_question(q: str) -> str:
    """ "Is the venue booked for the offsite" -> "whether the venue is booked for the
    offsite"; "Where did you get yours" -> "where you got yours"; "" when unsure."""
    words = q.split()
    if not words:
        return ""
    low = [w.lower() for w in words]
    lead = ""
    if low[0] in _WH:
        lead, words, low = words[0].lower(), words[1:], low[1:]
        if words and low[0] not in _AUX:
            # "who will assist", "which version of apt can I use": the wh-phrase, whole
            return f"{lead} {' '.join(words)}".strip()
    if not words or low[0] not in _AUX:
        return ""
    aux = low[0]
    rest = words[1:]
    if not rest:
        return ""
    if rest[0].lower() == "there":
        subject, tail = ["there"], rest[1:]
    elif rest[0].lower() in _SUBJECT_PRONOUN:
        subject, tail = [_SUBJECT_PRONOUN[rest[0].lower()]], rest[1:]
    elif rest[0].lower() in _DETS and len(rest) > 1:
        k = 2
        while k < len(rest) - 1:
            nxt = rest[k]
            if nxt.lower() == "of" and k + 1 < len(rest):
                k += 2
            elif "NOUN" in _lemmas(nxt) and not ({"VERB", "ADJ"} & _lemmas(nxt).keys()):
                k += 1  # "the demo environment", "the board dinner"
            else:
                break
        subject, tail = rest[:k], rest[k:]
    elif rest[0][:1].isupper():
        subject, tail = rest[:1], rest[1:]
    else:
        return ""
    subj = " ".join(subject)
    if aux in ("do", "does"):
        clause = f"{subj} {' '.join(tail)}"
        if aux == "does" and tail:
            clause = f"{subj} {_inflect(tail[0], 'VBZ')} {' '.join(tail[1:])}"
    elif aux == "did":
        if not tail:
            return ""
        clause = f"{subj} {_inflect(tail[0], 'VBD')} {' '.join(tail[1:])}"
    else:
        if aux == "are" and subj == "I":
            aux = "am"
        clause = f"{subj} {aux} {' '.join(tail)}"
    clause = re.sub(r"\s+(?:yet|or not)$", "", clause.strip())
    # "have you decided who will assist" -> "who will assist": the question inside
    inner = re.match(
        r"^you (?:have |had )?(?:decided|figured out|found out|heard|know|knew|checked|confirmed"
        r"|worked out|thought about) ((?:who|what|where|when|which|how|why|whether|if)\b.+)$",
        clause,
    )
    if inner is not None and not lead:
        return re.sub(r"^if\b", "whether", inner.group(1))
    return f"{lead or 'whether'} {clause}".strip()


def _question(s: str, sentence: str) -> AskPhrase | None:
    q = _trim(re.sub(r"\?.*$", "", s))
    low = q.lower()
    m = re.match(r"^what (?:is|are|was|were)\s+(.+)$", q, re.IGNORECASE)
    if m and not re.match(r"^(?:you|it|this|that)\b", m.group(1), re.I):
        np = m.group(1).strip()
        return AskPhrase("info", "let me know " + np, "letting me know " + np, np, sentence)
    know = re.match(
        r"^(?:do|does) (?:you|anyone|anybody|someone) (?:happen to )?know (?:of )?"
        r"((?:who|what|where|when|which|how|why|if|whether)\b.+)$",
        q,
        re.IGNORECASE,
    )
    if know is not None:
        clause = re.sub(r"^if\b", "whether", know.group(1))
        return AskPhrase(
            "info", "let me know " + clause, "letting me know " + clause, clause, sentence
        )
    if re.match(r"^(?:are|were) you (?:free|available)\b", low):
        return AskPhrase(
            "meeting", "make time for me", "making time for me", "our meeting", sentence
        )
    clause = _embedded_question(q)
    if not clause:
        return None
    kind = (
        "approval" if re.match(r"^whether (?:I|we) (?:can|could|may|should)\b", clause) else "info"
    )
    topic = clause
    m = re.match(r"^whether there (?:is|are) (.+)$", clause)
    if m:
        topic = _with_article(re.sub(r"^(?:a|an|any)\s+", "", m.group(1)))
    return AskPhrase(kind, "let me know " + clause, "letting me know " + clause, topic, sentence)


def _let_know(rest: str, sentence: str) -> AskPhrase | None:
    rest = _trim(rest)
    if not rest or re.match(r"^(?:if|whether) (?:you|there) (?:have|need|want)\b", rest, re.I):
        return None
    rest = re.sub(r"^if\b", "whether", rest)
    base = "let me know " + rest
    gerund = ing(base)
    topic = rest
    m = re.match(r"^(?:your|any|some) (?:thoughts|comments|feedback)", rest, re.I)
    if m:
        topic = "your " + rest.split(None, 1)[1]
    return AskPhrase("info", base, gerund, topic, sentence)
