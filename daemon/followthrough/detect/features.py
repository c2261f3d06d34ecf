"""Features of one sentence for the intent model: words, word pairs and hand-written rules.

The same function feeds the trainer (``tools/train_intent.py``) and the scorer, so the
shipped weights always match what is computed at run time. Rules are regular
expressions a person can read; each one that fires is reported by its id and the words
it matched, so a user can see why a sentence was taken for an ask.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Final

# (possessive: nothing after a word can make it give back a letter, and so the search
# never tries to; the same tokens as "[a-z0-9$]+(?:'[a-z]+)?|[?!:]", found faster)
_TOKEN: Final = re.compile(r"[?!:]|[a-z0-9$]++(?:'[a-z]++)?+")

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
    (
        "indirect",
        re.compile(
            r"\b(?:any chance|is it possible|would it be possible|is there any way)\b"
            r"|\bif (?:you|u) (?:could|might|can|would)\b"
            r"|\b(?:you|u) (?:might|could|can) (?:have|find|spare) (?:the |some )?time\b"
            r"|^\W*(?:would|'d) (?:love|appreciate|welcome) (?:your|you|to hear|to get|it if)\b"
            r"|\b(?:gentle|friendly|quick|a) reminder to\b|^\W*mind \w+ing\b"
        ),
    ),
    ("wondering", re.compile(r"\b(?:wonder|wondering|was hoping|am hoping|hope you can)\b")),
    (
        "you-should",
        re.compile(
            r"\b(?:you|u)(?: and \w+)?(?: (?:really|probably|also|still|however))?"
            r" (?:should|might want to|may want to|ought to|will need to|need to|must)\b"
        ),
    ),
    (
        "wish-ask",
        re.compile(
            r"\b(?:i|we)(?: just| also| really)?(?: wanted| want| am writing| was writing"
            r"| would like| need)"
            r" to (?:ask|know|inquire|request|check|see|find out|confirm)\b"
        ),
    ),
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


# ``_TOKEN``'s characters kept as they are and every other byte a space, for ``tokens_of``.
_TOKEN_BYTES: Final = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789$?!:" else 0x20 for c in range(256)
)


def tokens_of(lower: str) -> list[str]:
    """``_TOKEN.findall(lower)``, without the pattern in ASCII text with no apostrophe (most
    sentences): every character no token has becomes a space, "?", "!" and ":" are set
    apart, and the text is split at its spaces. The pattern costs a match per token."""
    if "'" in lower or not lower.isascii():
        return _TOKEN.findall(lower)  # ("don't", "rock'n'roll": the pattern's own rule)
    text = lower.encode().translate(_TOKEN_BYTES)
    if b"?" in text or b"!" in text or b":" in text:
        text = text.replace(b"?", b" ? ").replace(b"!", b" ! ").replace(b":", b" : ")
    return text.decode().split()


def tokenize(sentence: str) -> list[str]:
    """Lower-cased words (with $ kept, for prices and $LINK), and ? ! : as their own tokens."""
    return _TOKEN.findall(sentence.lower())


# Necessary conditions: a rule's pattern is only run when the sentence has a token of each
# of its sets. Every match of a pattern implies them (tests/unit/test_request.py checks it).
def _any(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN_TRIGGERS: Final[dict[str, tuple[frozenset[str], ...]]] = {
    "modal-you": (_any("could can would will wouldn't couldn't can't won't might"),
                  _any("you u ya y'all someone somebody anyone")),
    "modal-we": (_any("could can should shall would may about don't"),),
    "please": (_any("please pls plz kindly"),),
    "let-me-know": (_any("know posted"),),
    "lets": (_any("let's lets let"),),
    "want-you": (_any("i'd we'd would need want"),),
    "appreciate-if": (_any("appreciate grateful"), _any("if")),
    "indirect": (_any("chance possible way if time love appreciate welcome reminder mind"),),
    "wondering": (_any("wonder wondering hoping hope"),),
    "you-should": (_any("you u"), _any("should might may ought need must")),
    "wish-ask": (_any("i we"), _any("ask know inquire request check see find confirm"),
                 _any("wanted want writing like need"), _any("to")),
    "do-you": (_any("do did are have is was were has does"),),
    "call-me": (_any("call email e mail ping text contact fax send forward back"), _any("me us")),
    "meet": (_any("meet meeting together discuss talk chat lunch dinner call"),),
    "you": (_any("you your u"),),
    "commit": (_any("i we"), _any("ll will shall going plan")),
    "when-day": (_any("today tonight tonite tomorrow monday tuesday wednesday thursday friday"
                      " saturday sunday week weekend asap eod end"),),
    "spam": (_any("click free offer save win newsletter coupon deal purchase preferences account"
                  " records inbox book"),),
    "thanks": (_any("thanks thank thx many"),),
    "if-you": (_any("if"),),
}  # fmt: skip
_SPAM_SUBSTRINGS: Final = ("$link", "http", "www.", "subscri")
# Narrower conditions for rules whose trigger words are common ("if", "about", "would"):
# one conjunction of token sets per branch of the pattern, any of which must hold. A word
# next to a "$" is no token of its own ("if you could$"), so with a "$" in the sentence
# only ``_TOKEN_TRIGGERS`` apply.
_BRANCH_TRIGGERS: Final[dict[str, tuple[tuple[frozenset[str], ...], ...]]] = {
    "indirect": (  # (one branch per word that only sometimes asks: "way", "love", "mind")
        (_any("chance"), _any("any")),
        (_any("possible"), _any("it")),
        (_any("way"), _any("there"), _any("any")),
        (_any("love appreciate welcome"), _any("your you to it"), _any("would d")),
        (_any("reminder"), _any("to")),
        (_any("mind"),),
        (_any("if"), _any("you u"), _any("could might can would")),
        (_any("time"), _any("you u"), _any("might could can"), _any("have find spare")),
    ),
    "modal-we": (
        (_any("could can should shall would may"), _any("we i")),
        (_any("how"), _any("about")),
        (_any("why"), _any("don't"), _any("we you")),
    ),
    "want-you": (
        (_any("i'd we'd would"), _any("like love appreciate want")),
        (_any("i we"), _any("need want would")),
        (_any("would"), _any("if great helpful nice")),
    ),
}  # fmt: skip


def _trigger_masks() -> tuple[dict[str, int], dict[str, tuple[int, tuple[int, ...]]]]:
    """Each token set of ``_TOKEN_TRIGGERS`` and ``_BRANCH_TRIGGERS`` as one bit: the bits of
    the sets each word is in, and per rule the bits its triggers need and each branch needs.
    A sentence's sets all meet its tokens exactly when their bits are all in the union of its
    words' bits (``_rule_hits``)."""
    word_bits: dict[str, int] = {}
    count = 0

    def need(sets: tuple[frozenset[str], ...]) -> int:
        nonlocal count
        bits = 0
        for words in sets:
            bit = 1 << count
            count += 1
            for w in words:
                word_bits[w] = word_bits.get(w, 0) | bit
            bits |= bit
        return bits

    rules = {
        rid: (need(_TOKEN_TRIGGERS[rid]), tuple(need(b) for b in _BRANCH_TRIGGERS.get(rid, ())))
        for rid, _ in RULES
    }
    return word_bits, rules


_WORD_BITS, _RULE_NEEDS = _trigger_masks()
_TRIGGER_WORDS: Final = frozenset(_WORD_BITS)
# Substrings one of which every match of a rule's pattern has, where its words must stand
# next to each other ("could you", not "could" and "you" anywhere): tested after the trigger
# bits, before the pattern (which is tried at every position of the sentence).
_RULE_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "modal-you": tuple(f"{m} {w}" for m in sorted(_any("could can would will wouldn't couldn't"
                       " can't won't might")) for w in ("y", "u", "some", "any")),
    "modal-we": (*(f"{m} {w}" for m in ("could", "can", "would", "should", "shall", "may")
                   for w in ("we", "i")), "how about", "why don't"),
    **{rid: tuple(words.split("|")) for rid, words in (
        ("let-me-know", "me know|us know|him know|her know|them know|me posted"),
        ("lets", "let's|lets|let us"),
        ("want-you", "'d like|'d love|'d appreciate|'d want|would like|would love|would appreciate"
                     "|would want|i need |we need |i want |we want |would be |would help"),
        ("appreciate-if", "appreciate if|appreciate it if|grateful if|grateful it if"),
        ("indirect", "any chance|possible|any way|if you |if u | time|love |appreciate "
                     "|welcome |reminder to|mind "),
        ("wondering", "wonder|was hoping|am hoping|hope you can"),
        ("you-should", " should| might want to| may want to| ought to| will need to| need to"
                       "| must"),
        ("wish-ask", " to ask| to know| to inquire| to request| to check| to see| to find out"
                     "| to confirm"),
        ("call-me", "call me|call us|mail me|mail us|ping me|ping us|text me|text us|contact me"
                    "|contact us|fax me|fax us|send me|send us|forward me|forward us|back to me"
                    "|back to us"),
        ("commit", "'ll| will| shall|am going to|are going to|plan to"),
        ("if-you", "if you|if u"),
    )},
}  # fmt: skip
_RULES_WITH_TRIGGERS: Final = tuple(
    (rid, p, *_RULE_NEEDS[rid], _RULE_WORDS.get(rid, ())) for rid, p in RULES
)


# The rules that say whether a sentence is addressed to the reader at all (request.py's
# gate); the others only matter to the model, which runs on addressed sentences only.
GATE_RULES: Final = frozenset(
    ("modal-you", "please", "let-me-know", "want-you", "appreciate-if", "call-me", "wondering",
     "indirect", "you-should", "wish-ask", "modal-we", "you", "do-you", "spam")
)  # fmt: skip
_GATE_RULES_WITH_TRIGGERS: Final = tuple(r for r in _RULES_WITH_TRIGGERS if r[0] in GATE_RULES)
_OTHER_RULES_WITH_TRIGGERS: Final = tuple(r for r in _RULES_WITH_TRIGGERS if r[0] not in GATE_RULES)
_RULE_IDS: Final = tuple(rid for rid, _ in RULES)


# id, pattern, trigger and branch bits, words (``_RULE_WORDS``)
_Rule = tuple[str, re.Pattern[str], int, tuple[int, ...], tuple[str, ...]]


def trigger_mask(lower: str, tokens: set[str]) -> int:
    """The bits of every trigger set a token of the lower-cased sentence ``lower`` is in
    (``_trigger_masks``); ``tokens`` its tokens. What ``_rule_hits`` tests the rules with."""
    if "'" in lower:  # "you're", "i'll": a pattern's word boundary is also at the apostrophe
        tokens = tokens | {w for t in tokens if "'" in t for w in t.split("'")}
    mask = 0
    for w in _TRIGGER_WORDS.intersection(tokens):
        mask |= _WORD_BITS[w]
    return mask


def _rule_hits(
    lower: str,
    tokens: set[str],
    rules: tuple[_Rule, ...] = _RULES_WITH_TRIGGERS,
    mask: int | None = None,
) -> list[tuple[str, str]]:
    if mask is None:  # (or the sentence's ``trigger_mask``, already computed)
        mask = trigger_mask(lower, tokens)
    narrow = "$" not in lower
    hits: list[tuple[str, str]] = []
    for rule_id, pattern, need, branches, words in rules:
        if mask & need == need:  # a token of each of the rule's trigger sets
            if branches and narrow and not any(mask & b == b for b in branches):
                continue
            if words and not any(map(lower.__contains__, words)):
                continue  # (its words are not next to each other)
            m = pattern.search(lower)
            if m is not None:
                hits.append((rule_id, m.group(0)))
            continue
        if rule_id == "spam" and any(t in lower for t in _SPAM_SUBSTRINGS):
            m = pattern.search(lower)
            if m is not None:
                hits.append((rule_id, m.group(0)))
    return hits


def rule_hits(lower: str) -> list[tuple[str, str]]:
    """(rule id, matched words) for every rule that fires on an already lower-cased sentence."""
    return _rule_hits(lower, set(_TOKEN.findall(lower)))


# ---- shape features (format 2) ------------------------------------------------------
# The first word that carries meaning, after a vocative ("Bob, …", "Hi Ann: …") and filler
# ("also", "so", "please"…): a bare verb there is an imperative ("Send me…"), a question
# word a question, "I"/"we" the writer speaking of themselves, "if" a condition.

_VOCATIVE: Final = re.compile(
    r"\s*(?:(?:hi|hey|hello|dear)\s+)?[a-z][a-z'.-]+(?:\s+[a-z][a-z'.-]+)?\s*[,:–-]\s+"
)
_IMPERATIVE: Final = _any(
    "add answer apply arrange ask attach be book bring buy call cancel change check choose click"
    " come confirm consider contact copy coordinate create decide delete discuss do download drop"
    " e-mail email enter explain fax fill find fix follow forward get give go grab have help"
    " include inform join keep leave let look mail make mark note order pass pay pick place plan"
    " play post prepare print provide put read register remember remind reply report request"
    " reserve return review run schedule see select send set share sign start stop submit take"
    " talk tell try update upload use verify visit wait watch write"
)
_CLAUSE_SPLIT: Final = re.compile(r"[,;–]|\s-\s")
_SPACED_DASH: Final = re.compile(r"\s-\s")  # (starts with a class: skips to each space)
_CLAUSE_LEAD: Final = frozenset(("so", "then", "just", "please", "and"))


def _has_clause_imperative(lower: str, tokens: set[str]) -> bool:
    """A clause after a comma, semicolon or dash that starts with a bare verb."""
    if _IMPERATIVE.isdisjoint(tokens) or not ("," in lower or ";" in lower or "–" in lower
                                              or " - " in lower):  # fmt: skip
        return False
    if "-" in lower and _SPACED_DASH.search(lower) is not None:
        pieces = _CLAUSE_SPLIT.split(lower)
    else:  # the same pieces, without the regular expression (no " - " to split at)
        pieces = lower.replace(";", ",").replace("–", ",").split(",")
    for piece in pieces[1:]:
        for word in piece.split(None, 4):
            if word not in _CLAUSE_LEAD:
                if word in _IMPERATIVE:
                    return True
                break
    return False


_FILLER: Final = _any("also and so but then please pls kindly just ok okay hi yes now again")
_QUESTION_WORD: Final = _any("what when where who whom which why how")
_SELF_WORD: Final = frozenset(("i", "we", "i'll", "we'll", "i'm", "we're"))
_NEGATION: Final = frozenset(("don't", "not", "never", "no"))
_MOJIBAKE_CHARS: Final = frozenset("\u00c2\u00c3\u00e2\ufffd")  # UTF-8 read as Latin-1
_MOJIBAKE_QMARK: Final = re.compile(r"\?\w\?")  # "Jim?s": a character lost on the way
_CAPS3: Final = re.compile(r"[A-Z]{3}")
_EMAIL: Final = re.compile(r"\S+@\S+\.\w+")
_PHONE: Final = re.compile(r"\d{3}[-. )]\d{3}[-. ]\d{4}")


def _shape(sentence: str, lower: str, toks: list[str], tokens: set[str]) -> list[str]:
    out: list[str] = []
    head = lower[:40]
    m = None
    if "," in head or ":" in head or "-" in head or "–" in head:
        m = _VOCATIVE.match(lower)
    if m is not None:
        out.append("x:vocative")
        rest = _TOKEN.findall(lower, m.end())
    else:
        rest = toks
    for t in rest:
        if t not in _FILLER:
            out.append("x:first1:" + t)
            if t in _IMPERATIVE:
                out.append("x:imper")
            elif t in _QUESTION_WORD:
                out.append("x:qword")
            elif t in _SELF_WORD:
                out.append("x:selfstart")
            elif t == "if":
                out.append("x:ifstart")
            break
    if _has_clause_imperative(lower, tokens):
        out.append("x:imper2")  # "…, so check with Twanda", "…, just call Joann"
    if "$link" in tokens or "http" in lower or "www." in lower:
        out.append("x:url")
    if "@" in sentence and _EMAIL.search(sentence):
        out.append("x:email")
    if any(map(str.isdigit, toks)) and _PHONE.search(sentence):
        out.append("x:phone")
    if (not sentence.isascii() and not _MOJIBAKE_CHARS.isdisjoint(sentence)) or (
        sentence.count("?") > 1 and _MOJIBAKE_QMARK.search(sentence)
    ):
        out.append("x:moji")
    if not _NEGATION.isdisjoint(tokens) or "do not" in lower:
        out.append("x:neg")
    if (
        _CAPS3.search(sentence)
        and len([w for w in sentence.split() if len(w) > 2 and w.isupper()]) > 1
    ):
        out.append("x:caps")
    if "!" in sentence:
        out.append("x:excl")
    return out


@dataclass(frozen=True, slots=True)
class Parts:
    """What the rules and the shape see of a sentence (cheap), before any word n-gram."""

    lower: str
    toks: list[str]
    tokens: set[str]
    hits: list[tuple[str, str]]
    shape: list[str]
    mask: int  # its ``trigger_mask``


def sentence_parts(sentence: str, gate: Parts | None = None) -> Parts:
    """The rule hits and shape features of ``sentence``: enough to decide whether it is
    addressed to the reader at all, without building the model's n-gram features. With
    ``gate`` (its ``gate_parts``), only the rules the gate did not run are run."""
    if gate is None:
        lower = sentence.lower()
        toks = _TOKEN.findall(lower)
        tokens = set(toks)
        mask = trigger_mask(lower, tokens)
        hits = _rule_hits(lower, tokens, _RULES_WITH_TRIGGERS, mask)
    else:
        lower, toks, tokens, mask = gate.lower, gate.toks, gate.tokens, gate.mask
        found = dict(gate.hits)
        found.update(_rule_hits(lower, tokens, _OTHER_RULES_WITH_TRIGGERS, mask))
        hits = [(rid, found[rid]) for rid in _RULE_IDS if rid in found]  # in RULES' order
    return Parts(lower, toks, tokens, hits, _shape(sentence, lower, toks, tokens), mask)


def gate_parts(
    sentence: str,
    lower: str | None = None,
    toks: list[str] | None = None,
    tokens: set[str] | None = None,
    mask: int | None = None,
) -> Parts:
    """The part of ``sentence_parts`` the gate reads: the ``GATE_RULES`` hits and the
    shape features x:imper, x:imper2, x:qword and x:url (cheaper; never for the model).
    ``lower``, ``toks``, ``tokens`` and ``mask`` may be given when already computed."""
    if lower is None or toks is None or tokens is None:
        lower = sentence.lower()
        toks = _TOKEN.findall(lower)
        tokens = set(toks)
        mask = None
    if mask is None:
        mask = trigger_mask(lower, tokens)
    shape: list[str] = []
    first = first_word(lower, toks)
    if first in _IMPERATIVE:
        shape.append("x:imper")
    elif first in _QUESTION_WORD:
        shape.append("x:qword")
    if _has_clause_imperative(lower, tokens):
        shape.append("x:imper2")
    if "$link" in tokens or "http" in lower or "www." in lower:
        shape.append("x:url")
    hits = _rule_hits(lower, tokens, _GATE_RULES_WITH_TRIGGERS, mask)
    return Parts(lower, toks, tokens, hits, shape, mask)


def first_word(lower: str, toks: list[str]) -> str | None:
    """The first word of a lower-cased sentence that carries meaning, after a vocative and
    filler (as ``_shape`` reads it; ``toks`` its tokens), or None."""
    head = lower[:40]
    m = None
    if "," in head or ":" in head or "-" in head or "–" in head:
        m = _VOCATIVE.match(lower)
    for t in _TOKEN.findall(lower, m.end()) if m is not None else toks:
        if t not in _FILLER:
            return t
    return None


def model_features(sentence: str, parts: Parts) -> list[str]:
    """The model's features for ``sentence`` (its ``parts`` already computed)."""
    toks = parts.toks
    feats = ["w:" + t for t in toks]
    feats.extend(["b:" + a + "_" + b for a, b in itertools.pairwise(toks)])
    if toks:
        feats.append("f:" + toks[0])
        if len(toks) > 1:
            feats.append("fb:" + toks[0] + "_" + toks[1])
        feats.append("l:" + toks[-1])
    n = len(toks)
    feats.append("len:" + ("s" if n < 6 else "m" if n < 16 else "l" if n < 30 else "xl"))
    feats.extend(["r:" + rule_id for rule_id, _ in parts.hits])
    stripped = sentence.rstrip()
    if stripped.endswith("?"):
        feats.append("end:?")
    if sentence[:1].isupper() and sentence.upper() == sentence and n > 2:
        feats.append("shout")
    feats.extend(parts.shape)
    return feats


def sentence_features(sentence: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The model's features for ``sentence`` and the rules that fired (id, matched words)."""
    parts = sentence_parts(sentence)
    return model_features(sentence, parts), parts.hits
