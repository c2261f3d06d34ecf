"""detect/rx.py: ``re``'s functions over a larger least-recently-used cache of patterns."""

from __future__ import annotations

import re

import pytest

from followthrough.detect import rx

TEXTS = ["Ask: Grace — mock interview #ask", "", "a,b;;c", "ſt. Kelvin K 3pm", "x" * 50]
PATTERNS = [r"\w+", r"(\w)(\w)?", r"[,;]", r"^ask\b", r"(?i)k", r"\s*", r"#(\w+)"]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.I | re.M])
def test_every_function_answers_as_re_does(pattern: str, text: str, flags: int) -> None:
    def spans(m: re.Match[str] | None) -> tuple[int, int, tuple[str | None, ...]] | None:
        return None if m is None else (m.start(), m.end(), m.groups())

    assert rx.sub(pattern, "<\\g<0>>", text, flags=flags) == re.sub(
        pattern, "<\\g<0>>", text, flags=flags
    )
    assert rx.sub(pattern, lambda m: m.group(0).upper(), text, 1, flags) == re.sub(
        pattern, lambda m: m.group(0).upper(), text, count=1, flags=flags
    )
    assert rx.subn(pattern, "-", text, flags=flags) == re.subn(pattern, "-", text, flags=flags)
    assert spans(rx.match(pattern, text, flags)) == spans(re.match(pattern, text, flags))
    assert spans(rx.search(pattern, text, flags)) == spans(re.search(pattern, text, flags))
    assert spans(rx.fullmatch(pattern, text, flags)) == spans(re.fullmatch(pattern, text, flags))
    assert rx.findall(pattern, text, flags) == re.findall(pattern, text, flags)
    assert [spans(m) for m in rx.finditer(pattern, text, flags)] == [
        spans(m) for m in re.finditer(pattern, text, flags)
    ]
    assert rx.split(pattern, text, 2, flags) == re.split(pattern, text, maxsplit=2, flags=flags)


def test_a_compiled_pattern_is_used_as_it_is() -> None:
    compiled = re.compile(r"b+")
    assert rx.compile(compiled) is compiled
    assert rx.sub(compiled, "B", "abba") == "aBa"
    with pytest.raises(ValueError, match="flags"):
        rx.compile(compiled, re.I)


def test_a_bad_pattern_raises_as_re_does() -> None:
    with pytest.raises(re.error):
        rx.search(r"(unclosed", "text")


def test_a_pattern_used_again_stays_compiled_past_res_own_cache() -> None:
    """``re`` keeps 512 patterns and drops the oldest first: a pattern used between 600
    one-off ones is compiled again each time. Here it is compiled once."""
    rx._compiled.cache_clear()
    for n in range(600):
        rx.search(r"\bkept\b", "kept")
        rx.search(rf"one-off {n}", "text")
    info = rx._compiled.cache_info()
    assert info.misses == 601  # the kept pattern once, and each one-off pattern
    assert info.hits == 599


@pytest.mark.parametrize(
    ("text", "literal", "may"),
    [
        ("Ask: Grace - mock interview", "grace", True),
        ("Ask: GRACE", "Grace", True),
        ("Ask: Theo - release notes", "Grace", False),
        ("Dr. Obi's sign-off", "Obi", True),
        ("", "Obi", False),
        # "ſ" matches "s" when case is ignored: a text with it is left to the pattern
        ("Ask: ſam", "Sam", True),
        ("Ask: Zoë", "Sam", False),  # other letters outside ASCII lower-case as themselves
        ("Ask: Sam", "Zoë", True),  # a name outside ASCII is left to the pattern
    ],
)
def test_may_hold_is_false_only_where_no_pattern_needing_the_literal_matches(
    text: str, literal: str, may: bool
) -> None:
    assert rx.may_hold(text, literal) is may
    if not may:
        assert re.search(re.escape(literal), text, re.IGNORECASE) is None


def test_may_hold_never_says_no_where_an_ignore_case_pattern_matches() -> None:
    names = ["Grace", "Dr. Obi", "van der Merwe", "Sam", "o'Neil", "K", "s"]
    texts = ["grace's call", "DR. OBI", "Mrs Van Der Merwe", "ſam", "O'NEIL", "K", "ſ", "x"]
    for name in names:
        for text in texts:
            if re.search(re.escape(name), text, re.IGNORECASE) is not None:
                assert rx.may_hold(text, name), (text, name)
