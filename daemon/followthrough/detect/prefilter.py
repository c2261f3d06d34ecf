"""A stricter cheap necessary condition for ``gate._gate`` to find a sentence without "?"
addressed to the reader (a speed shortcut: no decision depends on it).

``gate.may_be_addressed`` lets through any sentence with a common request word ("if",
"would", "about", "need") or a possible imperative near its start; most of them are
statements. Without a "?" the gate cannot read a sentence as a question, so it is
addressed only by one of the gate's other grounds, each tested here the cheap way (its
words first, then its own pattern, as ``_gate`` runs it): a clear request without "you"
("more details will be appreciated") or to a group, a short noun ask ("Any ideas"), a
wish ("it'd be a great help", "somebody fix it", "it would be interesting if you tried
it"), a question form without its "?", an imperative (first or after a comma), a request
rule to the reader ("could you", "please", "let me know", ...) or "can we".
tests/unit/test_detect_shortcuts.py checks it on every sentence it has.
"""

from __future__ import annotations

from typing import Final

from followthrough.detect.features import (
    _IMPERATIVE,
    _RULES_WITH_TRIGGERS,
    _has_clause_imperative,
    _rule_hits,
    first_word,
)
from followthrough.detect.gate import (
    _GROUP_WORDS,
    _NO_YOU_ASK,
    _NO_YOU_WORDS,
    _QUESTION_FORM,
    _US_TOO,
    _YOU_ASK,
)
from followthrough.detect.group import (
    _GROUP_ASK,
    _NOUN_ASK,
    _group_ask,
    group_if_ask,
    thing_wished,
    yours_awaited,
)
from followthrough.detect.rhetoric import _IF_YOU_WISH

# The rules whose hit addresses a statement: a request to the reader, and "can we".
_ASK_RULES: Final = tuple(r for r in _RULES_WITH_TRIGGERS if r[0] in _YOU_ASK or r[0] == "modal-we")
# The word after "if" in ``group._GROUP_IF`` ("if anyone knows", "if any of you can").
_IF_GROUP: Final = frozenset(("anyone", "anybody", "someone", "somebody", "any", "people"))
# ``_gate``'s wish: "help" or "helpful" (``_HELP_WISH``), "someone" or "somebody" (``_SOMEONE_DO``).
_WISH_WORDS: Final = frozenset(("help", "helpful", "someone", "somebody"))


def may_ask_without_question_mark(
    lower: str, toks: list[str], tokens: set[str], mask: int | None = None
) -> bool:
    """False only when ``_gate`` would not find the sentence (lower-cased ``lower``, with
    no "?"; ``toks`` its tokens, ``tokens`` their set and ``mask`` its ``trigger_mask``,
    when already computed) addressed to the reader."""
    if not _NO_YOU_WORDS.isdisjoint(tokens) and _NO_YOU_ASK.search(lower) is not None:
        return True  # "your comments would be appreciated"
    if thing_wished(lower, tokens):
        return True  # "More details will be appreciated.": a thing wished for
    if yours_awaited(lower, tokens):
        return True  # "We still need your timesheet."
    if (
        not _GROUP_WORDS.isdisjoint(tokens)
        # (without these words ``_GROUP_ASK`` can match only at the start)
        and ("anyone" in lower or "anybody" in lower or _GROUP_ASK.match(lower) is not None)
        and _group_ask(lower, False)
    ):
        return True  # "does anyone know how to …"
    if "if" in tokens and not _IF_GROUP.isdisjoint(tokens) and group_if_ask(lower):
        return True  # "if anyone knows why, give me a shout"
    if len(lower) < 40 and _NOUN_ASK.match(lower) is not None:
        return True  # "Any ideas", "Is there a way to do this"
    if not _WISH_WORDS.isdisjoint(tokens) or _QUESTION_FORM.match(lower) is not None:
        return True  # "it'd be a great help", "How do I go about getting it removed."
    if (
        ("you" in tokens or "u" in tokens)
        and "be" in tokens
        and ("if" in tokens or "for" in tokens)
        and _IF_YOU_WISH.search(lower) is not None
    ):
        return True  # "it would be interesting if you tried it": a wish
    if not _IMPERATIVE.isdisjoint(tokens) and (
        first_word(lower, toks) in _IMPERATIVE or _has_clause_imperative(lower, tokens)
    ):
        return True  # "Send me the log.", "It fails here, so check the permissions."
    words = dict(_rule_hits(lower, tokens, _ASK_RULES, mask))
    if not words.keys().isdisjoint(_YOU_ASK):
        return True  # "could you", "please", "let me know", "I'd like you to"
    return "modal-we" in words and _US_TOO.match(words["modal-we"]) is not None  # "can we"
