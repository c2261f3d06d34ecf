"""An ask sentence cleaned before it is read: greetings, openers and the helper's name
in front ("Hi Maureen: could you…", "In the meantime, can I…"), a leading condition ("When
you get a chance would you…"), asides in parentheses, typed-twice words and a few typos
("folllowing", "a meetin", "e:mail").

Pure: no I/O. Used by ``followthrough.detect.sentence``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from followthrough.detect import rx
from followthrough.detect.shorthand import _WORDS
from followthrough.detect.words import _lemmas

_LEAD_JUNK: Final = re.compile(
    r"^(?:(?:p\.?s\.?|fyi|note(?=\s*[:;,.!-]|\s+(?:that|to self)\b)|nb|re|hi|hello|hey|ok"
    r"|okay|oh|well|also|and|but|so|then|now"
    r"|or(?: rather| else| (?:more )?(?:specifically|precisely|simply|better))?"
    r"|(?:more )?specifically"
    r"|anyway|finally|first|btw|by the way|just|in addition|additionally|however|alternatively"
    r"|good (?:morning|afternoon|evening)|greetings|in the meantime|meanwhile|in the future"
    r"|otherwise|if so|if not|please note|one more thing|quick question|dumb question"
    r"|question|out of (?:interest|curiosity)|just (?:curious|wondering)|curious|(?:just )?a "
    r"(?:quick|short|simple|dumb) question)\b[\s,.:;!-]*)+",
    re.IGNORECASE,
)


def _dropped_g(m: re.Match[str]) -> str:
    """ "meetin" -> "meeting" when only the -g form is a word ("begin", "cabin" stay)."""
    word = m.group(0)
    return word if _lemmas(word) or not _lemmas(word + "g") else word + "g"


_ASKING: Final = re.compile(
    r"\b(?:please|pls|kindly|(?:can|could|would|will) you|you (?:can|could|would|might)"
    r"|let me know|wondering)\b",
    re.I,
)


def _after_the_ask(m: re.Match[str]) -> str:
    """A clause after the ask (", or chances are we …", ", and I will …") goes; not when
    the ask is in it ("Sorry to bother you, but I'm away, and if you could …")."""
    before = m.string[: m.start()]
    if _ASKING.search(m.group(0)) or not _ASKING.search(before):
        return m.group(0)
    return ""


# what makes a clause an ask, for choosing between two clauses a double hyphen joins
_ASKS: Final = re.compile(
    r"\b(?:please|pls|kindly|(?:can|could|would|will) you|(?:you|u) (?:need to|ought to|should"
    r"|must|have to|might want to)|let me know|give me|call me|send me"
    r"|(?:i|we) hope (?:that )?you (?:can|could|will|would))\b|\?$",
    re.I,
)


def _after_the_dashes(m: re.Match[str]) -> str:
    """What follows a double hyphen: an aside or a run-on that goes ("book it for 3
    nights--thurs/fri/sat"), unless the ask is there and not before it ("Looks good to
    me--I think you ought to file it": the clause after the hyphens is the one kept)."""
    before, after = m.string[: m.start()], m.group(0).lstrip(" -")
    if _ASKS.search(after) and not _ASKS.search(before):
        return "⟦ask⟧" + after
    return ""


def _after_the_dash(m: re.Match[str]) -> str:
    """Two clauses a spaced dash joins, the ask in the second: "We're going - want to join
    us?", "No rush – could you send it Monday?" -> the second. Otherwise both stay (the
    verb phrase ends at the dash: "send the agenda - the short one")."""
    before, after = m.string[: m.start()], m.string[m.end() :]
    if (
        len(before.split()) > 1
        and _ASKS.search(after)
        and not _ASKS.search(before)
        and _QUESTION_START.match(before) is None  # "Can we discuss this - I'm at …?"
        and rx.match(r"(?:or|and|but|nor|i|we)\b", after, re.I) is None  # "- or anything?"
    ):
        return "⟦ask⟧"
    return m.group(0)


# a clause that starts as a question does: its "?" may stand after an aside
_QUESTION_START: Final = re.compile(
    r"\W*(?:(?:can|could|would|will|shall|should|may|do|does|did|is|are|was|were|have|has)\s+"
    r"(?:i|we|you|u|they|he|she|it|there|anyone|anybody|someone|somebody)\b"
    r"|(?:how|what|when|where|who|which|why)\b)",
    re.I,
)


# the shorthand of a note said in words when it is said back ("the 10:00 AM mtg")
_SHORTHAND: Final = {k: v for k, v in _WORDS.items() if k.isalpha() and v[:1].isalpha()}
_SHORTHAND_RE: Final = re.compile(rf"(?<![\w./@-])(?:{'|'.join(_SHORTHAND)})(?![\w./@-])")


def _clean(text: str, names: Iterable[str] = ()) -> str:
    s = " ".join(text.replace("\u2019", "'").split())
    s = rx.sub(r"^[\W_]*(?=[A-Za-z])", "", s)  # "^^^^ Are you…", "------- Comments…"
    s = rx.sub(r"\$LINK|https?://\S+|(?:\s+at)?\s*<?\S+@\S+\.\w+>?", "", s)
    s = rx.sub(r"\s+'(d|ll|s|re|ve|m)\b", r"'\1", s)  # "you 'd like" (a tokenizer's space)
    s = rx.sub(r"\b(me|us) you (?=\w+s\b)", r"\1 your ", s)  # "give me you comments"
    s = rx.sub(r"\b(me|us|you) rest of\b", r"\1 the rest of", s)  # "email me rest of it"
    s = rx.sub(r"(?<=[a-z]),(?=[a-z])", ", ", s)  # "if possible,get it": a space lost
    # asides: "(Entergy)", "(X-36898)"; "(ie) …" and "(e.g. …)" stay, to end the ask there
    # ("tried (dist-)upgrade": a part of the next word goes, the space before it stays)
    s = rx.sub(
        r"(\s*)\((?!\s*(?:ie|eg|i\.e|e\.g)\b)(?=[^()]*[A-Za-z])[^()]*\)(?=(\w?))",
        lambda m: m.group(1)[:1] if m.group(2) else "",
        s,
    )
    s = rx.sub(r"([a-z])\1\1+", r"\1\1", s)  # "folllowing": no English word has a letter thrice
    s = rx.sub(r"\b([A-Za-z]+) \1\b", r"\1", s)  # "look a a calendar": a word typed twice
    s = rx.sub(r"\be:mail\b", "e-mail", s, flags=re.I)  # "e:mail a copy"
    # "send me an e-mail letting me know X": what is asked is to let me know X
    s = rx.sub(
        r"\b(?:send|drop|shoot) (?:me|us) (?:an? )?(?:quick )?(?:e-?mail|note|line|message)"
        r" (?:letting|telling|to let|to tell) (me|us)(?: know)?\b",
        r"let \1 know",
        s,
        flags=re.I,
    )
    s = rx.sub(r"\b(to)?nite\b", lambda m: f"{m.group(1) or ''}night", s, flags=re.I)  # "tonite"
    s = rx.sub(r"(?<=[A-Za-z])\?(?=(?:s|t|ll|re|ve|d|m)\b)", "'", s)  # "PP?s": an apostrophe lost
    # shorthand: "w/me & Tribolet re: the analysis" -> "with me and Tribolet about the analysis"
    s = rx.sub(r"\bw/o\b\s*", "without ", s, flags=re.I)
    s = rx.sub(r"\bw/\s*(?=\w)", "with ", s, flags=re.I)
    s = rx.sub(r"(?<=\w) re:?\s+(?=\w)", " about ", s)
    s = rx.sub(r"(?<=\w) & (?=\w)", " and ", s)
    s = rx.sub(r"\b(with|to|for) me and ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)\b", r"\1 \2 and me", s)
    s = rx.sub(r"\b(give|gimme) (me|us) (call|ring|buzz|shout)\b", r"\1 \2 a \3", s, flags=re.I)
    s = rx.sub(r"\b[a-z]{3,}in\b", _dropped_g, s)  # "a meetin": a word only with its g
    # a run-on or an aside after a double hyphen: "book it for 3 nights--thurs/fri/sat",
    # "talk to Bill lets get something set up", "book the van, or chances are we may not"
    s = rx.sub(r"^\W*[A-Za-z]+(?: [A-Za-z]+)?[!.,]?\s*--(?!-)\s*", "", s)  # "Great--please send"
    s = rx.sub(
        r"\s*(?<!-)--(?!-)[^-]{1,60}(?<!-)--(?!-)\s*", " ", s
    )  # "send the agenda -- the short one -- to …"
    s = rx.sub(r"\s*(?<!-)--(?!-).*?(?=[?.!]*$)", _after_the_dashes, s)
    s = s.partition("⟦ask⟧")[2] or s.partition("⟦ask⟧")[0]
    s = rx.sub(r"\s+[-–—]\s+(?=[A-Za-z])", _after_the_dash, s, count=1)
    s = s.partition("⟦ask⟧")[2] or s.partition("⟦ask⟧")[0]
    s = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(0)], s)
    # an ellipsis after an opener is no trailing-off: "Just a quick question.... does anyone
    # know of X?" asks after it
    parts = rx.split(r"\s*(?:…|\.{3,})\s*", s)
    if len(parts) > 1 and not _ASKS.search(parts[0]):
        asking = [k for k, p in enumerate(parts) if _ASKS.search(p) and len(p.split()) > 2]
        if asking:
            s = " ".join(parts[asking[0] :])
    s = rx.sub(r"(?<=\w) (?:lets|let's) (?=\w).*?(?=[?.!]*$)", "", s, flags=re.I)
    s = rx.sub(
        r"(?:,\s*(?:(?:or|and|but)\s+(?:chances are|otherwise|else|i|we|they|he|she|it|there)"
        r"|otherwise|or else)|\s+or\s+(?:chances are|else)\b)\b.*?(?=[?.!]*$)",
        _after_the_ask,
        s,
        flags=re.I,
    )
    s = rx.sub(r",?\s+(?:etc|and so on|and so forth)\b\.?(?=[?.!]*$)", "", s, flags=re.I)
    # "Is there any chance that Lisa could get a phone …?" asks "Could Lisa get a phone …?"
    s = rx.sub(
        r"\bis there (?:any|a|some) chance (?:that )?((?:[A-Z][\w'-]*\s+){1,2}|you\s+|we\s+)"
        r"(could|would|can|will|might)\s+",
        lambda m: f"{m.group(2)} {m.group(1)}",
        s,
        flags=re.I,
    )
    s = rx.sub(r",\s*(?:please|perhaps|maybe|possibly|kindly)\s*,", "", s, flags=re.I)
    s = rx.sub(r"^(please|pls|kindly)\s*,\s*", r"\1 ", s, flags=re.I)  # "Please, call me"
    if s.rstrip().endswith("?"):
        # the subject and auxiliary left out of a question: "Want to join us?", "Wanna come
        # eat?", "Make sense for me to attend?", "Sound good?"
        s = rx.sub(r"^(?:want to|wanna)\s+(?=[a-z])", "do you want to ", s, flags=re.I)
        s = rx.sub(r"^makes? sense\b", "does it make sense", s, flags=re.I)
        s = rx.sub(r"^possible to\b", "is it possible to", s, flags=re.I)  # "Possible to meet?"
        s = rx.sub(r"^(anyone|anybody|someone|somebody) else\b", r"\1", s, flags=re.I)
        # a tag question asks the positive: "You haven't seen the memo, have you?"
        s = rx.sub(
            r"^(you|we|they) (?:\w+n't|\w+ not) (.+?),\s*(have|has|did|do|does|are|is|were|was"
            r"|will|can|could|would) \1\W*$",
            lambda m: f"{m.group(3)} {m.group(1)} {m.group(2)}?",
            s,
            flags=re.I,
        )
        # "When do you think we'll be done?": the question is when we'll be done
        s = rx.sub(
            r"^((?:what|when|where|who|which|how|why)(?: [\w-]+){0,3}?) do you (?:think|suppose"
            r"|reckon|expect|guess|believe)(?: that)? (?=(?:we|i|you|they|he|she|it|there|the|this"
            r"|that|these|those|our|your|my)\b|(?:we|you|they|it)'\w+\b)",
            lambda m: f"let me know {m.group(1)[0].lower()}{m.group(1)[1:]} ",
            s,
            flags=re.I,
        )
        s = rx.sub(r"^(?:sounds?|works?) (?=good|ok|okay|fine|right|for you)", "", s, flags=re.I)
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        if not rx.may_hold(s, name):
            continue
        s = rx.sub(
            rf"^(?:(?:hi|hello|hey|dear)\s+)?{re.escape(name)}\b\s*[,:;–—-]+\s*",
            "",
            s,
            flags=re.IGNORECASE,
        )
        s = rx.sub(rf",\s*{re.escape(name)}\s*(?=[?.!]*$)", "", s, flags=re.IGNORECASE)
    # "Twanda, would you…", "CPage: Would you…", "Julie - Please…": an addressee first
    s = (
        rx.sub(
            r"^(?:(?:hi|hello|hey|dear)\s+)?[A-Z][\w.'-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w'-]*)?\s*"
            r"(?:,+|:|\s[–—-])\s+(?=\w)",
            "",
            s,
        )
        if not rx.match(r"^(?:please|also|and|but|so|if|when|just|ok|okay|yes|no)\b", s, re.I)
        else s
    )
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_JUNK.sub("", s).strip()
        # a hedge before the ask: "I think you need to call me", "I guess we should meet"
        s = rx.sub(
            r"^(?:i|we) (?:really |just )?(?:think|believe|guess|feel|suppose|reckon)(?: that)?"
            r"\s+(?=(?:you|u|we|it would|it'd|maybe|perhaps)\b)",
            "",
            s,
            flags=re.I,
        )
        # "When you get a chance would you…", "At your leisure, prepare…": when, not what
        s = rx.sub(
            r"^(?:(?:when|whenever|if|once) you (?:get|have|find) (?:a |the |some )?(?:free )?"
            r"(?:chance|minute|moment|sec|second|time)s?|at your (?:leisure|convenience|earliest"
            r"(?: convenience)?)|if (?:at all )?possible)\b(?: and [^,]{0,60})?[\s,]*",
            "",
            s,
            flags=re.I,
        )
        s = rx.sub(r"^[A-Z][a-z]+\s+(?=(?:please|pls|kindly)\b)", "", s)  # "Kay please …"
        # "Don can you …", "Norm would you mind …": a name before a question to its bearer
        s = rx.sub(
            r"^(?!(?:What|When|Where|Who|Whom|Whose|Which|How|Why|And|But|Or|So|Then|Also|Now"
            r"|Well|If|Once|Please|Yes|No|Ok|Okay)\b)"
            r"[A-Z][a-z]+\s+(?=(?:can|could|would|will|do|did|are|have)\s+(?:you|u)\b)",
            "",
            s,
        )
        # "Please, can you …": the request frame after "please" is what is read
        s = rx.sub(
            r"^(?:please|pls|kindly)\s+(?=(?:can|could|would|will)\s+(?:you|u)\b)",
            "",
            s,
            flags=re.I,
        )
        s = rx.sub(  # "Marylyn Do you have…": a name and no comma
            r"^[A-Z][a-z]+\s+(?=(?:Do|Does|Did|Can|Could|Would|Will|Are|Is|Have|Has|Please|Let"
            r"|What|When|Where|Who|How|Why)\b)",
            "",
            s,
        )
        # a condition without its comma ends where the question inverts its subject: "If
        # Cameron has to work are you available?"
        s = rx.sub(
            r"^(?:if|when|once|since|in case)\b[^,?]{3,80}?\s+(?=(?:are|is|do|does|did|can|could"
            r"|would|will|should|have|has) (?:you|we|they|u)\b)",
            "",
            s,
            flags=re.I,
        )
        # a leading condition: "If you get a free minute, can you…"
        m = rx.match(
            r"^(?:if|when|while|once|since|as|given|after|before)\b[^,]{0,80},\s*", s, re.I
        )
        if m and not rx.match(r"^if you (?:could|can|would)\b", s, re.I):
            s = s[m.end() :]
        # a leading topic: "On Garden State matters, how do you…", "Re the lease, can you…"
        m = rx.match(
            r"^(?:on|regarding|re|as for|as to|with respect to|about|by|via|for|per|from)\b"
            r"[^,]{0,60},\s*",
            s,
            re.I,
        )  # "By e-mail, is it …", "Per your note, could you …": a leading adjunct
        if m:
            s = s[m.end() :]
    return s.strip()
