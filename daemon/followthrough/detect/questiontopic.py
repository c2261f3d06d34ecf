"""What a question names as its topic ("Following up on …"): the thing asked about when
the question is only whether it came or what it is ("whether you got the tickets" -> "the
tickets"), the doing asked about ("how can I get spell-checking back" -> "getting
spell-checking back"), the thing handled ("how do you want to handle the signing" -> "the
signing"); else the question itself ("whether the venue is booked").

Pure: no I/O. Used by ``followthrough.detect.question`` and ``followthrough.detect.calendar``.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.nounphrase import _thing, _with_article
from followthrough.detect.topic import _topic_for
from followthrough.detect.words import _WH, _base_of, _lemmas, ing, is_verb

_OPINION: Final = frozenset(["want", "like", "think", "feel", "say", "know", "mean", "see", "need"])


# "whether you got the tickets": what the question is about is the thing got
_HAVE_VERBS: Final = (
    r"(?:have received|have gotten|have got|have seen|have found|have had|are getting|were getting"
    r"|have read|have sent|have signed|have submitted|have filed|delivered|shipped|returned"
    r"|got"
    r"|responded to|replied to|answered|looked at|read|sent|submitted|booked|paid|filed|ordered"
    r"|get|received|receive|have|has|had|saw|see|found|find)"
)
# "whether you have time for a call", "… any idea why": the question is no thing to name
_NOT_A_THING: Final = (
    r"^(?:(?:a|any|some|the|enough|an)\s+)?(?:time|minutes?|moment|chance|sec|second|idea"
    r"|ideas|problem|problems|questions?|plans?|thoughts|trouble|luck|success|tried)\b"
)
_READY: Final = (
    r"(?:available|ready|done|finished|final|finalized|out|in|posted|up|live|signed|approved"
    r"|complete|completed|back|here|there|live)"
)


def _plain_clause(clause: str) -> str:
    """The question as a clause a topic is read from: the positive of a negative
    ("whether this is not feasible" -> "whether this is feasible": a follow-up asks the
    question, not the worry), without a last "given …" ("… given our scenario"); "" when
    it starts a clause of its own ("and then we can …" is no question)."""
    if rx.match(r"^(?:and|but|so|then|or)\b", clause, re.I):
        return ""
    clause = rx.sub(
        r"^(whether|if) ((?:this|that|it|they|we|you|he|she) (?:is|are|was|were|will|would"
        r"|can|could|should|does|do|did)) not\b",
        r"\1 \2",
        clause,
    )
    return rx.sub(r",?\s+given (?:that )?\S.*$", "", clause)


def _said_done(word: str) -> bool:
    """A past participle or an adverb, not the thing got: "heard", "successfully"."""
    if word.lower() in ("ever", "never", "already", "just", "also", "since"):
        return True  # "whether anyone has ever installed X": no thing "ever installed X"
    forms = _lemmas(word.lower())
    participle = "VERB" in forms and word.lower() not in forms["VERB"] and "NOUN" not in forms
    return participle or (word.lower().endswith("ly") and "ADV" in forms)


def _info_topic(clause: str) -> str:
    """What a follow-up about a question names: the thing asked about, when the question is
    only whether it came or what it is ("whether you got the tickets" -> "the tickets",
    "what the outcome of the meeting is" -> "the outcome of the meeting", "when the new
    index descriptions are available" -> "the new index descriptions", "about the fixes"
    -> "the fixes"); else the question itself ("whether the venue is booked")."""
    clause = _plain_clause(clause)
    if not clause:
        return ""
    m = rx.match(
        r"^whether (?:it|that|this) (?:would|will|is|might|could) be (?:\w+ )?\w+ "
        r"(?:at this point |now |then )?to (\S+ .+)$",
        clause,
    )
    if m is not None and is_verb(m.group(1).split()[0]):
        return ing(m.group(1))  # "would it be helpful to meet with X": meeting with X
    m = rx.match(
        r"^whether (?:it|that|this) (?:would|will|is|might) be worth (\w+ing) (.+)$", clause
    )
    if m is not None and is_verb(_base_of(m.group(1))):
        return f"{m.group(1)} {m.group(2)}"  # "would it be worth asking legal to X"
    m = rx.match(r"^whether (?:this|that|it) is to (\S+ .+)$", clause)
    if m is not None and is_verb(m.group(1).split()[0]):
        return ing(m.group(1))  # "is this to mount an OS-X partition": mounting one
    m = rx.match(
        r"^(?:whether|if) (?:you|they) (?:have |has )?(?:heard|gotten|got) (?:back )?(?:anything )?"
        r"(?:from (?:the |your )?[\w'-]+(?: [\w'-]+)?) (?:about|on|regarding) (.+)$",
        clause,
    )
    if m is not None:  # "whether you heard back from the landlord about the deposit"
        return _with_article(m.group(1))
    m = rx.match(
        rf"^(?:whether|if|when|once|after|as soon as) (?:you|we|they|someone|anyone|somebody"
        rf"|anybody|(?:the|our|your|my|their) (?:[\w'-]+ ){{0,2}}?[\w'-]+s(?<!\bis)(?<!\bwas)"
        rf"(?<!\bhas)(?<!\bdoes)) "
        rf"(?:still |already |actually |ever |really )?{_HAVE_VERBS}(?: and [a-z]+ed)? (.+)$",
        clause,
        re.I,
    )
    if (
        m is not None
        and m.group(1).split()[0].lower() not in _WH | {"that", "to", "it"}
        and not _said_done(m.group(1).split()[0])  # "whether you have heard of X": no thing
        and rx.match(_NOT_A_THING, m.group(1), re.I) is None
    ):
        if rx.match(r"^(?:a|an|any) ", m.group(1), re.I) and not rx.match(
            r"^(?:an? )?cop(?:y|ies) of ", m.group(1), re.I
        ):
            # "whether you have a better way to do this": a way, not a known one
            return rx.sub(r"^any\s+", "", m.group(1), flags=re.I)
        thing = rx.sub(r"\s+(?:before|yet|already|again)$", "", m.group(1))  # "seen this before"
        return _thing(thing, "have")
    m = rx.match(
        r"^(?:whether|if) you (?:have (?:a|any) problem|mind|are (?:ok|okay|fine)) (?:with )?"
        r"(?:me|us|my|our) (\w+ing\b.*)$",
        clause,
    )
    if m is not None:  # "whether you mind me taking this to X": taking this to X
        return m.group(1)
    m = rx.match(r"^(?:whether|if) (?:you|they) know (?:of )?(any(?:one|body|thing)? .+)$", clause)
    if m is not None:  # "whether you know anyone hiring": anyone hiring
        return m.group(1)
    m = rx.match(r"^what ((?:the|your|my|our|their|his|her|its) .+) (?:is|are|was|were)$", clause)
    if m is not None and not rx.match(r"^(?:you|it|this|that|there)\b", m.group(1), re.I):
        return _with_article(m.group(1))
    m = rx.match(
        rf"^(?:when|once|whether|if) (.+?) (?:is|are|will be|gets?|goes|go|will go) {_READY}"
        rf"((?: (?:in|at|on|for) (?!(?:time|me|us)\b)\S+(?: \S+)?)?)$",
        clause,
    )
    if m is not None and not rx.match(r"^(?:you|it|this|that|there|i|we|they)\b", m.group(1)):
        return _with_article(m.group(1)) + m.group(2)  # "when X goes live in EMEA": X in EMEA
    m = rx.match(r"^(?:about|of|on|regarding) (.+)$", clause, re.I)
    if m is not None:
        return _with_article(m.group(1))
    done = _done_topic(clause)
    if done:
        return done
    words = clause.split()
    if (
        len(words) > 1
        and words[0].lower() in ("you", "we", "they", "it", "i")
        and (is_verb(words[1]) or words[1].endswith("ed") or words[1] in ("got", "are", "is"))
    ):
        return "whether " + clause  # "let me know you got these"
    return clause


def _done_topic(clause: str) -> str:
    """What a question about doing something names: the doing ("how I can get spell-checking
    back" -> "getting spell-checking back", "whether you tried to order the DSL" -> "ordering
    the DSL"), the thing handled ("how you want to handle the signing" -> "the signing"), the
    thing asked after ("what images you served to the sunrays" -> "the images you served to
    the sunrays"); "" when the question names none of these."""
    m = rx.match(
        r"^how (?:(?:I|we|one) (?:can|could|should|might|would|do|best would|would best)"
        r"(?: best)?|to) (\S+ .+)$",
        clause,
    )
    if m is not None:
        inner = m.group(1)
        about = rx.match(r"^go about (\w+ing\b.*)$", inner)
        if about is not None:
            return about.group(1)  # "how one would go about getting X merged": getting it
        if is_verb(inner.split()[0]) and _base_of(inner.split()[0]) not in _OPINION:
            return ing(inner)
        return ""
    m = rx.match(
        r"^(how|when|where) (?:you|we) (?:want|would like|'d like) (?:me |us )?to (.+)$", clause
    )
    if m is not None and is_verb(m.group(2).split()[0]):
        if m.group(1) == "how":  # "how you want to handle the signing of documents"
            vp = m.group(2)
            thing = _topic_for("action", vp, ing(vp))
            return thing if thing and not thing.startswith(ing(vp.split()[0])) else ""
        return f"{m.group(1)} to {m.group(2)}"  # "when you want to discuss this": when to
    m = rx.match(
        r"^(?:whether|if) (?:you|they|we) (?:actually |ever |really )?(?:tried|attempted"
        r"|managed|remembered|had a chance|got a chance|had time) to (\S+ .+)$",
        clause,
    )
    if m is not None and is_verb(m.group(1).split()[0]):
        return ing(m.group(1))  # "whether you tried to order the DSL": ordering the DSL
    m = rx.match(
        r"^(?:what|which) ((?:[\w-]+ ){1,3}?)(you|we|they|he|she|I|[A-Z][\w-]+) ([a-z]+ed|sent"
        r"|made|bought|found|got|chose|wrote|took|gave|saw)\b(.*)$",
        clause,
    )
    if m is not None and all(
        "NOUN" in _lemmas(w) or not _lemmas(w) for w in m.group(1).split()
    ):  # "what images you served to the sunrays": the images you served to them
        rest = m.group(4)
        for purpose in rx.finditer(r"\s+(?:in order )?to ([a-z]+)\b", rest):
            if is_verb(purpose.group(1)):
                rest = rest[: purpose.start()]  # "… to boot them": why, not what
                break
        return f"the {m.group(1)}{m.group(2)} {m.group(3)}{rest}"
    return ""
