"""A question put in the words ``question`` reads: what a writer puts in front of it or
leaves out of it, and a question to a group said as one to the reader.

- what comes before the question goes: quote bars ("| Any hints?"), a lead-in up to a
  colon ("On that note: is there …"), a discourse word ("Or should …", "So is this …"),
  a word of address ("Well boyz, what's …"), "is it just me or …";
- a group is the reader: "has anybody on the list installed it" -> "have you installed
  it", "does anyone else let Berkeley use their computer" -> "… use your computer",
  "you UC folk know" -> "you know"; "anyone care to guess X" asks X guessed;
- the words left out are put back: "Anyone get this to work?" -> "did anyone get …",
  "Anyone got any suggestions?" and "suggestions anyone?" -> "any suggestions?",
  "Anyway to find out X?" -> "is there any way to find out X", "whats" -> "what's";
- a second question that only offers the other answer is said as that answer: "is this
  the same film or is that something else" -> "… or something else".

Pure: no I/O. ``followthrough.detect.sentence`` calls ``plain_question`` on a cleaned
sentence that ends with "?"; ``followthrough.detect.question`` asks ``group_aux``.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.sharing import MASS_SHARED, SHARED
from followthrough.detect.words import _AUX, _WH, _lemmas, _set, ing, is_verb
from followthrough.model import AskPhrase

# a group asked: its members are the readers
_GROUP_WORD: Final = r"(?:anyone|anybody|someone|somebody|everyone|everybody|any one)"
# words that only say which group: "anyone else on the list", "anybody out there"
_GROUP_TAIL: Final = re.compile(
    r"^((?:\w+ )?" + _GROUP_WORD + r")(?:\s+else\b)?(?:\s+(?:(?:here|out there|reading this)\b"
    r"|(?:on|in|from) (?:the|this|that|our) (?:list|forum|group|newsgroup|team)\b"
    r"|(?:on|in) here\b))*",
    re.I,
)
# "any list member", "any of you", "any of the readers": a group asked
_ANY_MEMBER: Final = re.compile(
    r"^((?:has|have|does|do|did|is|are|was|were|can|could|would|will) )"
    r"(?:any (?:list )?(?:member|reader|subscriber)s?(?: of (?:the|this) list)?"
    r"|any of you(?: guys| folks| all)?)\b",
    re.I,
)
# what a question opens with that is not the question: "Or", "So", "Well", "Anyway"
_DISCOURSE: Final = re.compile(
    r"^(?:(?:or|so|and|but|well|also|anyway|anyways|ok|okay|now|oh|hmm|plus|then|btw)\b"
    r"[,.]?\s+)+",
    re.I,
)
# the words that start a question proper
_ASKS: Final = re.compile(
    r"^(?:" + "|".join(sorted(_WH | _AUX)) + r"|" + _GROUP_WORD + r"|any|some|you|u|whats"
    r"|hows|wheres|whos|is it just me)\b",
    re.I,
)
# nouns of help asked from a group that may have none ("any hints?") and of opinion that
# everyone has ("your thoughts")
ADVICE: Final = (
    "hints suggestions ideas idea tips pointers clues clue advice thoughts comments help"
    " recommendations leads experiences feedback input views"
)
# verbs a group is asked about in the present ("anyone know X?", "anyone have X?"); any
# other is asked about what already happened ("anyone get this to work?": did anyone)
_STATIVE: Final = _set(
    "know have want need care think use run own mind like feel remember recall fancy prefer"
    " agree understand believe mean"
)


def advice(noun: str, sentence: str) -> AskPhrase:
    """ "Any hints?": sharing any hints (a group may have none), but "Any thoughts?":
    sharing your thoughts (everyone has some); "Any help?": helping me with this."""
    if noun == "help":
        return AskPhrase("info", "help me with this", "helping me with this", "this", sentence)
    mine = noun.split()[-1] in ("thoughts", "comments", "feedback", "views", "input")
    base = f"share {'your' if mine else 'any'} {noun}"
    return AskPhrase("info", base, ing(base), f"your {noun}", sentence)


def group_aux(verb: str) -> str:
    """The auxiliary a group question left out before ``verb`` ("anyone know X" -> does,
    "anyone get X" -> did, "anyone heard of X" -> has, "anyone seeing X" -> is); "" when
    ``verb`` is no verb."""
    low = verb.lower()
    if low in ("have", "need"):
        return "does"  # "anyone have a spare cable?": have is the verb
    if low in _AUX:
        return ""
    if is_verb(low):
        return "does" if low in _STATIVE else "did"
    forms = _lemmas(low)
    if low in ("got", "gotten"):
        return "has"  # "anyone got any ideas": has anyone got
    if "VERB" in forms and low.endswith(("ed", "en", "wn", "rd", "un", "ne")):
        return "has"
    if "VERB" in forms and low.endswith("ing"):
        return "is"
    return ""


def _lead_dropped(s: str) -> str:
    """The question without what stands before it: quote bars, a lead-in up to a colon,
    discourse words and a word of address."""
    s = rx.sub(r"^(?:[|>]+\s*)+|^\([^()]{1,40}\)\s*(?=\w)", "", s)  # "(Via X) Maybe …"
    s = rx.sub(r"^(?:any ?way|is there any ?way)\s+to\b", "is there any way to", s, flags=re.I)
    for _ in range(3):
        before = s
        colon = rx.match(r"^[^:?]{1,40}?:\s+(?=\S)", s)
        if colon is not None and _ASKS.match(s[colon.end() :]):
            s = s[colon.end() :]  # "On that note: is there any real benefit …"
        disc = _DISCOURSE.match(s)
        if disc is not None and _ASKS.match(s[disc.end() :]):
            s = s[disc.end() :]
        address = rx.match(r"^[A-Za-z]+,\s+", s)
        if address is not None and _ASKS.match(s[address.end() :]):
            word = address.group(0).rstrip(", ").lower()
            if word not in _WH | _AUX and not rx.fullmatch(_GROUP_WORD, word):
                s = s[address.end() :]  # "Well boyz, whats the story?"
        s = rx.sub(r"^is it (?:just|only) me,? or\s+", "", s, flags=re.I)
        if s == before:
            break
    return s


def _group_said(s: str) -> str:
    """A question to a group said as one to its readers: the words that only say which
    group dropped, "their" said "your", "anyone care to X" asked as "would you like to X"."""
    s = _ANY_MEMBER.sub(r"\1anyone", s)
    s = rx.sub(r"^(\w+) (?:other (?:people|folks|users)|others)\b", r"\1 people", s, flags=re.I)
    s = _GROUP_TAIL.sub(r"\1", s)
    s = rx.sub(r"^(?:maybe|perhaps)\s+(?=(?:you|u)\b)", "", s, flags=re.I)
    s = rx.sub(
        r"^((?:do |did |would |can |could )?(?:you|u)) (?:\w+ )?(?:folk|folks|guys|people)\b",
        r"\1",
        s,
        flags=re.I,
    )
    care = rx.match(
        r"^(?:(?:would|does|do) )?" + _GROUP_WORD + r" (?:care|want|wanna|fancy) to\s+", s, re.I
    )
    if care is not None:
        s = "would you like to " + s[care.end() :]  # "Anyone care to guess what's up?"
    lost = rx.match(r"^(" + _GROUP_WORD + r")\s+(\w+)\b", s, re.I)
    if lost is not None:
        aux = group_aux(lost.group(2))
        if aux:
            s = f"{aux} {s}"  # "Anyone get this to work?": did anyone get it to work
    if rx.match(r"^\w+ " + _GROUP_WORD + r"\b", s, re.I):
        s = rx.sub(r"\btheir\b", "your", s)  # "let Berkeley use their computer"
        s = rx.sub(r"\bthemselves\b", "yourselves", s)
    return s


def _ellipsis_filled(s: str) -> str:
    """The words a question left out, put back: "whats", "Anyway to X", "suggestions
    anyone?", "Anyone got any X?"."""
    s = rx.sub(r"^(what|how|where|who)s\b", r"\1's", s, flags=re.I)
    s = rx.sub(r"^(what)'s (?=(?:the|your|this|that)\b)", r"\1 is ", s, flags=re.I)
    nouns = "|".join(ADVICE.split())
    tail = rx.search(rf"(?:^|[,;:]\s*)((?:{nouns}))\s+(?:anyone|anybody)\s*\?\s*$", s, re.I)
    if tail is not None:
        return f"any {tail.group(1).lower()}?"  # "…, suggestions anyone?"
    shared = "|".join(SHARED.split())
    have = rx.match(
        rf"^(?:(?:do|does|has|have|did) )?(?:{_GROUP_WORD}|you|u) (?:have |has )?(?:got|have|has)"
        rf" ((?:any|some) (?:[\w-]+ ){{0,3}}?(?:{shared})\b.*|(?:{'|'.join(MASS_SHARED)}) \S.*)$",
        s,
        re.I,
    )
    if have is not None:  # "Anyone got any suggestions?": any suggestions
        return rx.sub(rf"^(?=(?:{'|'.join(MASS_SHARED)})\b)", "any ", have.group(1), flags=re.I)
    return s


def _pair_said(s: str) -> str:
    """Two verbs joined by a slash said as the choice they are ("installed/used" ->
    "installed or used"); not "and/or", nouns ("apt/rpm"), a path or a date."""

    def said(m: re.Match[str]) -> str:
        one, two = m.group(1), m.group(2)
        verbs = all(
            "VERB" in _lemmas(w) and "NOUN" not in _lemmas(w) and w not in ("and", "or")
            for w in (one, two)
        )
        return f"{one} or {two}" if verbs else m.group(0)

    return rx.sub(r"(?<![/\w.])([a-z]{2,})/([a-z]{2,})(?![/\w])", said, s)


def _second_question(s: str) -> str:
    """ "Is this the same film or is that something else?": the second question only says
    the other answer ("… or something else")."""
    # "…, or is this just a problem with my setup?": the writer's own doubt, not asked
    s = rx.sub(r",? or (?:is|am) (?:this|it|that|i) (?:just|only) [^?]+(?=\?)", "", s, flags=re.I)
    return rx.sub(
        r"\bor (?:is|are|was|were) (?:that|it|this|they|these|those)\s+(?=\S)", "or ", s, flags=re.I
    )


def copula_subject(words: list[str]) -> int:
    """Where the subject after "is"/"are" ends when it has no determiner: before the
    adjective said of it ("are dig camera displays better than …": 4); 0 when unsure."""
    if not words or words[0].lower() not in ("is", "are", "was", "were"):
        return 0
    for k in range(2, min(len(words), 7)):
        low, before = words[k].lower(), _lemmas(words[k - 1].lower())
        adj = _lemmas(low).get("ADJ", ())
        said_of = adj and (low not in adj or "NOUN" not in _lemmas(low))  # "better", "late"
        if said_of and ("NOUN" in before or words[k - 1][:1].isupper()):
            return k
    return 0


def asked_clause(base: str) -> str:
    """The question a verb phrase asks answered, as its topic ("explain more what you were
    doing" -> "what you were doing", "guess what's up" -> "what's up"); "" when none."""
    m = rx.match(
        r"^(?:explain|clarify|guess|describe|tell (?:me|us)|show (?:me|us)|figure out|work out"
        r"|find out)(?: to (?:me|us))?(?: more| again| exactly| briefly)?(?: about)? "
        r"((?:why|what|how|where|when|which|who|whether)\b.+)$",
        base,
        re.I,
    )
    if m is not None:
        return m.group(1)
    way = rx.match(
        r"^(?:suggest|recommend|tell me|show me) (?:a|any|some|the best) (?:way|means)"
        r" (?:for me )?to (\S+)(.*)$",
        base,
        re.I,
    )
    return ing(way.group(1) + way.group(2)) if way is not None and is_verb(way.group(1)) else ""


def question_topic(clause: str, topic: str) -> str:
    """The topic of a question said back, where its words name a doing or a claim:
    "whether you got this to work" -> getting this to work, "why you say Dell is cheaper"
    -> why Dell is cheaper; else ``topic``."""
    got = rx.match(r"^whether you(?:'ve| have)? (?:got|gotten|get) (.+? to (\w+)\b.*)$", clause)
    if got is not None and is_verb(got.group(2)):
        return ing("get " + got.group(1))
    done = rx.match(
        r"^whether you've (?:\w+ly )?(\w+)(?: or (\w+))?(?: of| with)? "
        r"((?:a|an|the|this|that|these|those|any) .+?)(?: before| yet| already| lately)?$",
        clause,
    )
    if (
        done is not None
        and all("VERB" in _lemmas(v) for v in done.groups()[:2] if v)
        and 2 <= len(done.group(3).split()) <= 8
        and done.group(3).split()[-1] not in ("before", "yet", "already", "lately")
        and not rx.search(r"\b(?:to|that|which|who|if|when)\b", done.group(3))
    ):
        return done.group(3)  # "has anyone used a fat undelete program": the program
    tried = tried_thing(clause)
    if tried:
        return tried
    claim = rx.match(r"^why you (?:say|think|believe|feel) (?:that )?(\S+ \S+ .+)$", clause)
    if claim is not None and not claim.group(1).startswith(("so ", "this ", "that ")):
        return "why " + claim.group(1)
    return topic


# verbs of trying a thing out: a question whether the reader did so is about the thing
_TRIED: Final = _set(
    "tried used run ran installed tested built compiled done made seen looked worked played"
)
# a thing named without an article: a name, a version, a file ("Sylpheed", "7.3",
# "mboxtest.py"), or a noun that is no verb form ("work on German spam")
_NAMED: Final = re.compile(r"^(?:[A-Z][\w.:+-]*|[\w-]*[\d._:][\w.:+-]*)$")


def tried_thing(clause: str) -> str:
    """What a question whether the reader tried a thing names: the thing ("whether you've
    successfully run Sylpheed in Gnome 2.0" -> Sylpheed in Gnome 2.0, "whether you tried
    7.3 with the compat-glibc first" -> 7.3 with the compat-glibc); "" when it names none
    (a pronoun, a clause, a person told to do something: "whether you let Berkeley use
    your computer")."""
    m = rx.match(
        r"^whether you(?:'ve| have)? (?:ever |already |also |\w+ly )?(\w+)(?: (?:at|on|with))?"
        r" (.+?)"
        r"(?: (?:before|yet|already|lately|first|too|again|successfully|recently))?$",
        clause,
    )
    if m is None or m.group(1).lower() not in _TRIED or not 1 <= len(m.group(2).split()) <= 8:
        return ""
    thing = m.group(2)
    words = thing.split()
    first = words[0]
    if first.lower() in _DETS_NAMED or rx.search(
        r"\b(?:to(?! v?\d)|that|which|who|if|when|whether|it|this|them|me|us|you|one|ones"
        r"|\w*thing)\b",  # ("from 6.x to 7": a range, no infinitive)
        thing,
        re.I,
    ):
        return ""
    if first.lower() in ("a", "an", "the") and len(words) > 1:
        return thing  # "whether you tried the new build": the new build
    named = _NAMED.match(first) is not None and first != "I"
    noun = "NOUN" in _lemmas(first.lower()) and not first.lower().endswith(("ing", "ed"))
    if noun and len(words) > 2 and words[1] == "from":
        return "the " + thing  # "whether you've tried upgrade from 6.x to 7": the upgrade
    if named or (noun and len(words) > 2 and words[1] in ("on", "with", "for", "in")):
        return thing
    return ""


_DETS_NAMED: Final = _set("this that these those any some my your our both all")


def plain_question(s: str) -> str:
    """The question as ``question`` reads it (see the module docstring); the text as it was
    when it is no question."""
    if not s.rstrip().endswith("?"):
        return s
    said = _lead_dropped(s.strip())
    said = _ellipsis_filled(_group_said(said))
    said = _pair_said(_second_question(said))
    if rx.fullmatch(r"(?:any(?:one|body)|some(?:one|body))\s*\?+", said, re.I):
        return "any help?"  # "Anybody?": help with what was just asked
    return said[:1].upper() + said[1:] if said != s else s
