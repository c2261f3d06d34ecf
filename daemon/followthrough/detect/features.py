"""Features of one sentence for the intent model: words, word pairs and hand-written rules.

The same function feeds the trainer (``tools/train_intent.py``) and the scorer, so the
shipped weights always match what is computed at run time. Rules are regular
expressions a person can read; each one that fires is reported by its id and the words
it matched, so a user can see why a sentence was taken for an ask.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

_TOKEN: Final = re.compile(r"[a-z0-9$]+(?:'[a-z]+)?|[?!:]")

# (rule id, pattern) over the lower-cased sentence. Ids are stable: weights refer to them.
RULES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "modal-you",
        re.compile(
            r"\b(?:could|can|would|will|wouldn't|couldn't|can't|won't|might)"
            r" (?:you|u|ya|y'all|you all|you guys|someone|somebody|anyone)\b"
        ),
    ),
    (
        "modal-we",
        re.compile(
            r"\b(?:could|can|should|shall|would|may) (?:we|i)\b|\bhow about\b"
            r"|\bwhy don't (?:we|you)\b"
        ),
    ),
    ("please", re.compile(r"\b(?:please|pls|plz|kindly)\b")),
    ("let-me-know", re.compile(r"\blet (?:me|us|him|her|them) know\b|\bkeep me posted\b")),
    ("lets", re.compile(r"\blet'?s\b|\blet us\b")),
    (
        "want-you",
        re.compile(
            r"\b(?:i|we)(?:'d| would) (?:like|love|appreciate|want)\b"
            r"|\b(?:i|we) (?:need|want|would like) (?:you|your|to get|a|the)\b"
            r"|\bwould (?:be great|be helpful|help|be nice) if\b"
            r"|\bit would be (?:great|helpful|nice)\b"
        ),
    ),
    ("appreciate-if", re.compile(r"\b(?:appreciate|grateful)(?: it)? if\b")),
    ("wondering", re.compile(r"\b(?:wonder|wondering|was hoping|am hoping|hope you can)\b")),
    (
        "do-you",
        re.compile(
            r"^(?:\w+[,:] )?(?:do|did|are|have|is|was|were|has|does)"
            r" (?:you|we|they|he|she|it|there|our|your)\b"
        ),
    ),
    (
        "call-me",
        re.compile(
            r"\b(?:call|email|e-mail|ping|text|contact|fax|send|forward|get back to) (?:me|us)\b"
        ),
    ),
    (
        "meet",
        re.compile(r"\b(?:meet|meeting|get together|discuss|talk|chat|lunch|dinner|call)\b"),
    ),
    ("you", re.compile(r"\b(?:you|your|u)\b")),
    (
        "commit",
        re.compile(r"\b(?:i|we)(?:'ll| will| shall| am going to| are going to| plan to)\b"),
    ),
    (
        "when-day",
        re.compile(
            r"\b(?:today|tonight|tonite|tomorrow|monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday|next week|this week|weekend|asap|eod|by the end)\b"
        ),
    ),
    (
        "spam",
        re.compile(
            r"\$link|https?:|www\.|\bclick\b|unsubscribe|\bfree\b|\boffer\b|\bsave \$|\bwin\b"
            r"|\bsubscri|\bnewsletter\b|\bcoupon\b|\bdeal\b|\bpurchase\b|\bpreferences\b"
            r"|\baccount\b|\bfor your records\b|\byour inbox\b|\baddress book\b"
        ),
    ),
    ("thanks", re.compile(r"^\W*(?:thanks|thank you|thx|many thanks)\b")),
    (
        "if-you",
        re.compile(r"^\W*if (?:you|u)\b|\bif you (?:have|need|want|would like|'d like)\b"),
    ),
)


def tokenize(sentence: str) -> list[str]:
    """Lower-cased words (with $ kept, for prices and $LINK), and ? ! : as their own tokens."""
    return _TOKEN.findall(sentence.lower())


# Cheap substring tests: a rule's pattern is only run when one of them is present.
_TRIGGERS: Final[dict[str, tuple[str, ...]]] = {
    "modal-you": ("you", " u", "ya", "y'", "some", "any"),
    "modal-we": ("we", "i", "how about"),
    "please": ("please", "pls", "plz", "kindly"),
    "let-me-know": ("know", "posted"),
    "lets": ("let",),
    "want-you": ("would", "'d", "need", "want"),
    "appreciate-if": (" if",),
    "wondering": ("wonder", "hoping", "hope you"),
    "do-you": ("do", "did", "are", "have", "is", "was", "were", "has"),
    "call-me": ("me", "us"),
    "meet": ("meet", "together", "discuss", "talk", "chat", "lunch", "dinner", "call"),
    "you": ("you", "u"),
    "commit": ("i", "we"),
    "when-day": ("day", "to", "week", "weekend", "asap", "eod", "end", "night", "nite"),
    "spam": ("$", "http", "www", "click", "subscri", "free", "offer", "win", "newsletter",
             "coupon", "deal", "purchase", "preferences", "account", "records", "inbox",
             "address book"),
    "thanks": ("th",),
    "if-you": ("if",),
}  # fmt: skip
_RULES_WITH_TRIGGERS: Final = tuple((rid, p, _TRIGGERS[rid]) for rid, p in RULES)


def rule_hits(lower: str) -> list[tuple[str, str]]:
    """(rule id, matched words) for every rule that fires on an already lower-cased sentence."""
    hits: list[tuple[str, str]] = []
    for rule_id, pattern, triggers in _RULES_WITH_TRIGGERS:
        for trigger in triggers:
            if trigger in lower:
                break
        else:
            continue
        m = pattern.search(lower)
        if m is not None:
            hits.append((rule_id, m.group(0)))
    return hits


def sentence_features(sentence: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The model's features for ``sentence`` and the rules that fired (id, matched words)."""
    lower = sentence.lower()
    toks = _TOKEN.findall(lower)
    feats = ["w:" + t for t in toks]
    feats.extend(["b:" + a + "_" + b for a, b in itertools.pairwise(toks)])
    if toks:
        feats.append("f:" + toks[0])
        if len(toks) > 1:
            feats.append("fb:" + toks[0] + "_" + toks[1])
        feats.append("l:" + toks[-1])
    n = len(toks)
    feats.append("len:" + ("s" if n < 6 else "m" if n < 16 else "l" if n < 30 else "xl"))
    hits = rule_hits(lower)
    feats.extend(["r:" + rule_id for rule_id, _ in hits])
    stripped = sentence.rstrip()
    if stripped.endswith("?"):
        feats.append("end:?")
    if sentence[:1].isupper() and sentence.upper() == sentence and n > 2:
        feats.append("shout")
    return feats, hits
