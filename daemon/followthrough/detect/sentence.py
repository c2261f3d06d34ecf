"""The words of one ask sentence: its request frame, its verb phrase, the -ing form and
the thing asked for ("Could you review the Q3 deck by Friday?" -> "reviewing the Q3 deck",
"the Q3 deck"). Used by ``followthrough.detect.phrase``, which also reads calendar
entries and is what the rest of followthrough calls.

Pure: no I/O. Inflection is lemminflect's dictionary (no model, nothing downloaded),
imported on first use; only this module imports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from followthrough.model import AskPhrase


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MAX_SENTENCE: Final = 600  # longer text is not one sentence a person wrote
MAX_DESCRIPTION: Final = 4000  # a calendar description is read this far for a request
KINDS: Final = ("action", "info", "meeting", "intro", "approval", "favour")

_DETS: Final = _set(
    "the a an my your our his her their its this that these those some any all each "
    "every both one two three four five six seven eight nine ten another"
)
_OBJ_PRONOUNS: Final = _set("me us him her them it this that these those you")
_PARTICLES: Final = _set("off up out over in back down through around along")
_PREPS: Final = _set(
    "to for on about with from at in into of by before after until within during via per"
)
# Where an adjunct starts that a follow-up does not repeat ("so I can…", "when you can").
_ADJUNCT: Final = re.compile(
    r"\s*(?:,\s*)?\b(?:so that|so (?:i|we|you|that)|in order to|because|since|as i |as we "
    r"|as soon as possible|asap|if possible|if you can|if you could|when you (?:get|have|can)"
    r"|whenever you|at your (?:earliest )?convenience|once you|before\b"
    r"|thanks|thank you|if not|or not\b|pls|please)\b.*$",
    re.IGNORECASE,
)
_WHEN: Final = (
    r"(?:(?:the\s+)?end of (?:the )?(?:day|week|month)|eod|eow|cob|tomorrow"
    r"(?: morning| afternoon| evening)?|this (?:week|afternoon|morning|evening)|next week"
    r"|first thing(?: in the (?:am|morning))?|(?:mon|tues|tue|wednes|wed"
    r"|thurs|thu|fri|satur|sat|sun)"
    r"(?:day)?s?(?: (?:morning|afternoon|evening|night|a\.?m\.?|p\.?m\.?))?"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|the \d{1,2}(?:st|nd|rd|th))\b"
    r"(?:\s*\([^)]*\))?"
)
# A time phrase: after "by/on/before…" anywhere, bare at the end, or a word that is
# never anything else ("today", "tonight", "asap"). "the Friday package" keeps its Friday.
_TIME: Final = re.compile(
    r"\s*,?\s*\b(?:by|before|until|no later than|on|this|next|for|sometime|early|late)\s+"
    + _WHEN
    + r"|\s*,?\s*\b"
    + _WHEN
    + r"(?=\s+(?:to|and|so|at|in)\b|\s*[,.?!]|\s*$)"
    + r"|\s*,?\s*\b(?:today|tonight|asap|(?:next|this) (?:week|month|weekend))\b",
    re.IGNORECASE,
)
_PHONE: Final = re.compile(r"\s*(?:\bat\s+|\bon\s+)?\(?\+?\d[\d\s().x-]{6,}\d", re.IGNORECASE)
_LEAD_JUNK: Final = re.compile(
    r"^(?:(?:p\.?s\.?|fyi|note|nb|re|hi|hello|hey|ok|okay|oh|well|also|and|but|so|then|now"
    r"|anyway|finally|first|btw|by the way|just|in addition|additionally|however|alternatively"
    r"|otherwise|if so|if not|please note|one more thing|quick question|dumb question"
    r"|question)\b[\s,.:;!-]*)+",
    re.IGNORECASE,
)
_FRAMES: Final = (
    (r"would you be (?:able|willing) to", "base"),
    (r"(?:would|do) you (?:like|want|care) to", "base"),
    (r"(?:what|how) about", "ing"),
    (
        r"it (?:would|'d) be (?:great|good|helpful|nice|wonderful|ideal) if you "
        r"(?:could|would|can)(?: please| also)*",
        "base",
    ),
    (r"(?:i )?hope (?:that )?you (?:can|could|will|would)", "base"),
    (r"(?:can|could|may|should|shall) i\b", "i"),
    # (pattern, how the verb phrase after it is given: "base" or "ing")
    (r"would you mind(?: (?:please|also|just))*", "ing"),
    (r"any chance of", "ing"),
    (r"(?:is there )?any chance (?:that )?you (?:could|can|would|might)", "base"),
    (
        r"(?:i was |i'm |i am )?wondering (?:if|whether) you (?:could|would"
        r"|might|can|had a chance to)",
        "base",
    ),
    (
        r"i (?:would|'d) (?:really |greatly |very much "
        r"|so )?(?:appreciate(?: it)?|be (?:most |very "
        r"|eternally |so )?grateful|love it|like it) if you (?:could|would|can|might)",
        "base",
    ),
    (r"(?:would|could) it be possible (?:for you )?to", "base"),
    (r"is it possible (?:for you )?to", "base"),
    (
        r"(?:do you think )?(?:you )?(?:could|can|would|will|might) (?:you|u)(?: please| possibly"
        r"| also| kindly| just| maybe| perhaps| still)*",
        "base",
    ),
    (r"(?:are|were) you (?:able|willing) to", "base"),
    (r"(?:i|we) (?:need|want|would like|'d like) (?:you|u) to", "base"),
    (r"if you could(?: please| also| just)*", "base"),
    (r"(?:just )?a (?:quick |friendly |gentle )?reminder to", "base"),
    (r"(?:please )?(?:don't|do not) forget to", "base"),
    (r"(?:please )?remember to", "base"),
    (r"(?:please )?(?:try|be sure) (?:and|to)", "base"),
    (r"(?:can|could|shall|should) (?:we|i)(?: please| maybe| also)*", "we"),
    (r"(?:let's|lets|let us)", "we"),
    (
        r"(?:maybe |perhaps )?we (?:can|could|should|need to|have to|must"
        r"|might)(?: also| probably)*",
        "we",
    ),
    (r"(?:the (?:two|three|four) of us|we all) (?:probably |should |need to |must )*", "we"),
    (r"(?:please|pls|kindly)(?: (?:also|just|do))*", "base"),
)
_FRAME_RE: Final = [
    (
        re.compile(rf"(?:^|[,;:!(–—-]\s*|\b(?:so|but|and|then|also)\s+)(?:{p})\s+", re.IGNORECASE),
        how,
    )
    for p, how in _FRAMES
]
_LET_KNOW: Final = re.compile(
    r"(?:^|[,;:–—-]\s*|\b(?:and|so|please|pls|just)\s+)(?:please\s+)?"
    r"(?:let (?:me|us) know|tell me|advise(?: me)?|give me (?:your|some"
    r"|any) thoughts)\b\s*(?:of\s+)?",
    re.IGNORECASE,
)
_MEETING_VERB: Final = _set(
    "meet get together talk chat discuss call catch grab have join speak sit go come "
    "lunch pair walk visit phone set schedule arrange"
)
_MEETING_WORDS: Final = re.compile(
    r"\b(?:meet(?:ing)?|get together|call|chat|coffee|lunch|dinner|catch up|talk|speak|"
    r"session|interview|walk ?through|walkthrough|1:1|one-on-one|sync|pairing|brainstorm|panel"
    r"|conference|demo|workshop|visit)\b",
    re.IGNORECASE,
)
_INTRO_VERB: Final = _set("introduce connect refer intro")
_APPROVAL_VERB: Final = _set("approve authorize authorise decide okay ok")
_FAVOUR_WORDS: Final = re.compile(
    r"^(?:keep (?:me|us) (?:posted|updated|informed|in the loop)|cover|mentor|sponsor|water"
    r"|feed|babysit|look after|help me move|keep an eye)\b",
    re.IGNORECASE,
)
_SUBORDINATORS: Final = _set(
    "while when if as once since because though although unless whether after before until"
)
_WH: Final = _set("what where when who whom whose which how why")
_AUX: Final = _set(
    "is are was were do does did have has had can could will would should shall may might"
)
_SUBJECT_PRONOUN: Final = {
    "you": "you",
    "u": "you",
    "i": "I",
    "we": "we",
    "they": "they",
    "he": "he",
    "she": "she",
    "it": "it",
}
_ROLE: Final = _set("cto ceo cfo coo cmo vp head lead team manager director recruiter founder")


DETERMINERS: Final = _DETS
OBJECT_PRONOUNS: Final = _OBJ_PRONOUNS


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    result: dict[str, tuple[str, ...]] = getAllLemmas(word.lower())
    return result


def is_verb(word: str) -> bool:
    """A base-form verb in the dictionary ("send", "e-mail"; not "sent", not "the")."""
    lemmas = _lemmas(word).get("VERB", ())
    return word.lower() in lemmas


def only_verb(word: str) -> bool:
    """A base-form verb that is never a noun or an adjective ("send", "proofread")."""
    return _only_verb(word)


def _only_verb(word: str) -> bool:
    forms = _lemmas(word)
    return is_verb(word) and "NOUN" not in forms and "ADJ" not in forms


@lru_cache(maxsize=4096)
def _inflect(word: str, tag: str) -> str:
    from lemminflect import getInflection

    forms = getInflection(word.lower(), tag)
    if not forms:
        return word
    form: str = forms[0]
    return form


def _base_of(word: str) -> str:
    from lemminflect import getLemma

    lemmas = getLemma(word.lower(), "VERB")
    return lemmas[0] if lemmas else word


def ing(verb_phrase: str) -> str:
    """The -ing form of a base-form verb phrase, coordinated verbs included:
    "save these and print them" -> "saving these and printing them"."""
    words = verb_phrase.split()
    if not words:
        return ""
    words[0] = _ing_word(words[0])
    for i in range(1, len(words) - 1):
        if words[i].lower() in ("and", "or", "&") and _coordinated_verb(words, i + 1):
            words[i + 1] = _ing_word(words[i + 1])
    return " ".join(words)


def _ing_word(word: str) -> str:
    if not is_verb(word):
        return word if word.lower().endswith("ing") else _inflect(word, "VBG")
    return _inflect(word, "VBG")


def _coordinated_verb(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` (after "and") starts a second verb phrase: a base verb
    followed by an object or a particle ("and print them", "and get back to me")."""
    if not is_verb(words[i]) or words[i][:1].isupper():
        return False
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    return _only_verb(words[i]) or nxt in _DETS or nxt in _OBJ_PRONOUNS or nxt in _PARTICLES


# ---- cleaning ------------------------------------------------------------------------


def _clean(text: str, names: Iterable[str] = ()) -> str:
    s = " ".join(text.replace("\u2019", "'").split())
    s = re.sub(r"^[\W_]*(?=[A-Za-z])", "", s)  # "^^^^ Are you…", "------- Comments…"
    s = re.sub(r"\$LINK|https?://\S+|\S+@\S+\.\w+", "", s)
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        s = re.sub(
            rf"^(?:(?:hi|hello|hey|dear)\s+)?{re.escape(name)}\b\s*[,:;–—-]+\s*",
            "",
            s,
            flags=re.IGNORECASE,
        )
        s = re.sub(rf",\s*{re.escape(name)}\s*(?=[?.!]*$)", "", s, flags=re.IGNORECASE)
    # "Twanda, would you…", "CPage: Would you…", "Julie - Please…": an addressee first
    s = (
        re.sub(
            r"^(?:(?:hi|hello|hey|dear)\s+)?[A-Z][\w.'-]*(?:\s+(?:and|&)\s+[A-Z][\w'-]*)?\s*"
            r"(?:,|:|\s[–—-])\s+(?=\w)",
            "",
            s,
        )
        if not re.match(r"^(?:please|also|and|but|so|if|when|just|ok|okay|yes|no)\b", s, re.I)
        else s
    )
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_JUNK.sub("", s).strip()
        # a leading condition: "If you get a free minute, can you…"
        m = re.match(
            r"^(?:if|when|while|once|since|as|given|after|before)\b[^,]{0,80},\s*", s, re.I
        )
        if m and not re.match(r"^if you could\b", s, re.I):
            s = s[m.end() :]
    return s.strip()


def _trim(vp: str) -> str:
    """The verb phrase without deadline words, adjuncts and closing punctuation."""
    vp = re.split(
        r"\s*(?:[?!]|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.(?:\s|$)|;|\s[–—]\s|\s-\s|\s--\s|\(\s*(?:ie|e\.g|eg|i\.e)\b)",
        vp,
    )[0]
    vp = _PHONE.sub("", vp)
    vp = re.sub(r"^(?:go ahead and|try and|try to|be sure to|make sure to)\s+", "", vp, flags=re.I)
    vp = re.sub(
        r"^take (?:a |some |the )?(?:few )?(?:moment|minute|second|time)s? to ", "", vp, flags=re.I
    )
    vp = re.sub(r"\s+in (?:further|more|greater) detail\b", "", vp, flags=re.I)
    prev = None
    while prev != vp:
        prev = vp
        vp = re.sub(r"[,\s]+(?:and|or|but|again|too)$", "", vp, flags=re.I)
        vp = re.sub(r"\s+(?:at|on|by|for)\s*(?=[,.?!]|$)", "", vp, flags=re.I)
        vp = _ADJUNCT.sub("", vp).strip(" ,.:;!")
        vp = _TIME.sub("", vp).strip(" ,.:;!")
        vp = re.sub(
            r"\s+(?:as well|too|also|again please|for now|directly|right away|soon"
            r"|sometime|at all|please|pls|as necessary|if necessary)$",
            "",
            vp,
            flags=re.I,
        )
        vp = re.sub(r"\s+(?:on|at|by|before|for)$", "", vp, flags=re.I)
    return vp.strip(" ,")


# ---- forms -----------------------------------------------------------------------------


def _object_np(vp: str) -> str:
    """The object noun phrase of a verb phrase ("send me the deck by Friday" -> "the deck")."""
    words = vp.split()[1:]
    i = 0
    while (
        i < len(words)
        and words[i].lower() in _PARTICLES | {"me", "us", "him", "her", "them"}
        and not (i + 1 < len(words) and words[i].lower() in ("her",))
    ):
        i += 1
    if (
        i < len(words)
        and words[i].lower() in ("with",)
        and words[i - 1 : i]
        and words[i - 1].lower() in ("me", "us")
    ):
        i += 1  # "provide me with the particulars"
    if i < len(words) and words[i].lower() in ("posted", "updated", "informed", "together"):
        i += 1  # "keep me posted on X", "get together"
    if i < len(words) and words[i].lower() in _PREPS:
        if i == 0 or words[i].lower() not in ("on", "to", "with", "about"):
            return ""  # "meet to go over the budget", "check with Vance": no object
        i += 1  # "sign off on the plan", "keep me posted on the decision"
        if words[i - 1].lower() == "to" and i < len(words) and _only_verb(words[i]):
            return ""  # "call me to discuss": an infinitive, no thing
    rest = words[i:]
    look = re.match(
        r"^(?:a |another )?(?:quick |closer )?(?:look|stab) (?:at|over) ", " ".join(rest)
    )
    if look is not None:
        rest = " ".join(rest)[look.end() :].split()
    if not rest or rest[0].lower() in ("sure", "certain", "that"):
        return ""  # "make sure that…": no thing to name
    out: list[str] = []
    for j, w in enumerate(rest):
        lw = w.lower().strip(",")
        if lw in ("and", "or") and j > 0 and _coordinated_verb(rest, j + 1):
            break
        if lw == "and" and j > 0 and j + 1 < len(rest):
            out.append(w)
            continue
        if j > 0 and lw in (
            "to",
            "so",
            "because",
            "and",
            "in",
            "into",
            "by",
            "before",
            "from",
            "when",
            "if",
            "until",
            "as",
            "with",
            "for",
            "at",
            "directly",
            "that",
            "while",
            "once",
            "on",
            "about",
            "over",
        ):
            if (
                lw in ("for", "at", "from", "in", "with", "on", "about")
                and len(out) <= 3
                and not _pronoun_head(out)
                and " ".join(w.lower() for w in rest[j : j + 2]) not in ("for me", "for us")
            ):
                # "a quote for the kitchen", "notes from the visit": part of the thing
                out.append(w)
                continue
            break
        out.append(w)
        if w.endswith(","):
            break
    if out and out[0].lower() in _OBJ_PRONOUNS and len(out) <= 3:
        out = out[:1]  # "test this out", "get it scheduled": the thing is "this"
    np = " ".join(out).strip(" ,")
    return np


def _pronoun_head(words: list[str]) -> bool:
    return len(words) == 1 and words[0].lower() in _OBJ_PRONOUNS


def _with_article(np: str) -> str:
    """ "Q3 budget" -> "the Q3 budget"; "my portfolio", "Jane", "feedback" stay."""
    if not np:
        return np
    first = np.split()[0]
    low = first.lower()
    if low in _DETS or low in _OBJ_PRONOUNS or low.endswith("'s"):
        return np
    words = np.split()
    if first[:1].isupper() and len(words) == 1:
        return "the " + np if first.isupper() and len(first) > 1 else np  # "the PR"; "Jane"
    if first[:1].isupper() and words[1].lower() in _PREPS:
        return np  # "Jane at Initech"
    if (
        len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and words[-1].lower() not in _ROLE
        and not any(c.isdigit() for c in np)
    ):
        return np  # "Bill Bradford", "Acme Corp"
    if low in ("feedback", "help", "advice", "access", "information", "info", "input", "details"):
        return np
    return "the " + np


def _topic_for(kind: str, base: str, gerund: str) -> str:
    if not base:
        return ""
    verb = base.split()[0].lower()
    if kind == "intro":
        m = re.search(r"\b(?:to|with)\s+(.+)$", base)
        if m:
            noun = "referral" if verb == "refer" else "introduction"
            return f"the {noun} to {m.group(1)}"
    np = _object_np(base)
    if kind == "meeting":
        about = re.search(
            r"\b(?:to (?:discuss|go over|talk about|review|talk through|finalize)"
            r"|about|re:?)\s+(.+)$",
            base,
        )
        if about is not None and about.group(1).split()[0].lower() not in _PREPS:
            return _with_article(about.group(1))
    if kind == "meeting" and (
        not np or np.lower() in _OBJ_PRONOUNS or np.lower().startswith("a call")
    ):
        if verb in ("call", "phone", "ring") or "call" in base.lower():
            return "our call"
        if "lunch" in base.lower():
            return "lunch"
        return "our meeting"
    if not np or _pronoun_head(np.split()):
        return gerund
    if np.lower().startswith(("what ", "whether ", "which ", "how ", "who ", "where ", "when ")):
        return np
    return _with_article(np)


def _kind_of_vp(base: str, frame: str) -> str:
    low = base.lower()
    verb = low.split()[0] if low else ""
    if verb in _INTRO_VERB or re.match(r"^(?:put|get) (?:me|us) in touch\b", low):
        return "intro"
    if verb in _APPROVAL_VERB or re.match(
        r"^(?:sign off|give (?:me|us) the go-ahead|okay|ok)\b", low
    ):
        return "approval"
    if _FAVOUR_WORDS.match(low):
        return "favour"
    if re.match(
        r"^(?:give (?:me|us) a (?:call|ring|buzz)|call (?:me|us)|phone me|ring me"
        r"|meet|get together|join\b|have (?:lunch|coffee|dinner)"
        r"|grab (?:lunch|coffee|dinner|a coffee)|catch up|chat|speak with|talk|sit down)\b",
        low,
    ):
        return "meeting"
    if frame == "we" and verb in _MEETING_VERB:
        return "meeting"
    if re.match(r"^(?:tell|let|advise|confirm|explain|suggest|recommend)\b", low):
        return "info"
    return "action"


def _from_vp(vp: str, how: str, sentence: str) -> AskPhrase | None:
    if how == "i":
        return None  # "can I use your slides?": a question for permission, read as one
    vp = _trim(vp)
    words = vp.split()
    if not words:
        return None
    first = words[0]
    if how == "ing":
        words[0] = _base_of(first)
    elif not is_verb(first):
        return None
    base = " ".join(words)
    if base.lower().startswith("you ") or re.fullmatch(r"let (?:me|us) know", base, re.I):
        return None  # "let me know" of nothing: no phrase is better than a broken one
    kind = _kind_of_vp(base, how)
    if how == "we" and kind != "meeting":
        if _MEETING_WORDS.search(base) is None:
            return None  # "we need to discuss X" is a meeting; "we should remain silent" no ask
        kind = "meeting"
    gerund = ing(base)
    if how == "we":
        gerund = gerund  # "getting together to finalize"
    topic = _topic_for(kind, base, gerund)
    return AskPhrase(kind, base, gerund, topic, sentence)


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


def decide_phrase(sentence: str, *, helper_names: Iterable[str] = ()) -> AskPhrase:
    """The phrase model of one ask sentence from a sent message."""
    original = " ".join(sentence[:MAX_SENTENCE].split())
    cond = re.match(
        r"^(?:\W*(?:and|also|so)\s+)?if\s+(.{3,200}?),\s*(?:please\s+|pls\s+|just\s+)?"
        r"(?:let (?:me|us) know|tell me)\W*$",
        original,
        re.IGNORECASE,
    )
    if cond is not None and not re.match(r"(?:you|u) (?:have|need|want)\b", cond.group(1), re.I):
        # "If your kids can come, let me know." -> "let me know whether your kids can come"
        clause = "whether " + cond.group(1)
        return AskPhrase(
            "info", "let me know " + clause, "letting me know " + clause, clause, original
        )
    s = _clean(original, helper_names)
    if not s:
        return AskPhrase("action", "", "", "", original)
    # "let me know …" / "tell me …" before any other frame: it is the question itself
    first_frame: tuple[int, str, str] | None = None
    for pattern, how in _FRAME_RE:
        m = pattern.search(s)
        if m is not None and (first_frame is None or m.start() < first_frame[0]):
            first_frame = (m.start(), how, s[m.end() :])
    lk = _LET_KNOW.search(s)
    if lk is not None and (first_frame is None or lk.start() <= first_frame[0] + 8):
        found = _let_know(s[lk.end() :], original)
        if found is not None:
            return found
    if first_frame is not None:
        _, how, rest = first_frame
        rest = re.sub(r"^(?:please|pls|kindly|also|just)\s+", "", rest, flags=re.I)
        lk2 = _LET_KNOW.match(rest)
        if lk2 is not None:
            found = _let_know(rest[lk2.end() :], original)
            if found is not None:
                return found
        found = _from_vp(rest, how, original)
        if found is not None:
            return found
    words = s.split()
    if (
        words
        and is_verb(words[0])
        and words[0].lower() not in _SUBORDINATORS
        and not s.rstrip().endswith("?")
    ):
        found = _from_vp(s, "base", original)  # an imperative: "Send me the deck."
        if found is not None:
            return found
    if "?" in s:
        found = _question(s, original)
        if found is not None:
            return found
    return AskPhrase("info" if "?" in s else "action", "", "", "", original)
