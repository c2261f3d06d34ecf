"""Say the ask back: the forms a draft needs, made once when an ask is recorded.

From the sentence that asked ("Could you review the Q3 deck by Friday?") or a tagged
calendar entry ("Ask: Grace — mock interview #ask"), ``decide_phrase`` and
``decide_calendar_phrase`` make an ``AskPhrase``: the kind of ask, its base-form verb
phrase ("review the Q3 deck"), the -ing form ("reviewing the Q3 deck"), a short topic
("the Q3 deck") and the original sentence. Templates pick the form their sentence needs;
an empty form means "no good phrase": the template says something plainer instead.

Pure: no I/O. Inflection is lemminflect's dictionary (no model, nothing downloaded),
imported on first use; only this module imports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from followthrough.model import Address, AskPhrase


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
            if len(words) > 1 and low[1] in _AUX and low[0] not in _SUBJECT_PRONOUN:
                # "which version of apt can I use": keep the wh-phrase whole
                pass
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


# ---- calendar entries ------------------------------------------------------------------

_CAL_PREFIX: Final = re.compile(
    r"^\s*(?:ask(?:ed)?|request|favou?r|follow[- ]?up|todo|to do|reminder)\b\s*[:\-–—|/]*\s*",
    re.IGNORECASE,
)
_SEPARATORS: Final = r"[\s:;,|/\\()\[\]–—-]"
_MEETING_TITLE: Final = re.compile(
    r"^(?:1:1|one[- ]on[- ]one|sync|catch[- ]?up|coffee|lunch|dinner|call|chat|meeting|check[- ]?in"
    r"|quarterly check-in|weekly|monthly|touch ?base)\b.*$",
    re.IGNORECASE,
)
# noun-phrase titles: head noun -> (kind, verb for the base form)
_NOUN_VERB: Final = (
    (r"(?:intro|introduction)s?\s+to\b", "intro", "introduce me to"),
    (r"referral\s+to\b", "intro", "refer me to"),
    (r"(?:feedback|advice|input|thoughts)\b", "action", "give me"),
    (r"(?:decision|call)\s+on\b", "approval", "decide on"),
    (r"(?:budget\s+)?approval\s+(?:for|of|on)\b", "approval", "approve"),
    (r"sign[- ]?off\s+on\b", "approval", "sign off on"),
    (
        r"(?:reference|recommendation)\s+letter|letter\s+of\s+(?:recommendation|reference)"
        r"|reference\b",
        "action",
        "write",
    ),
    (r"(?:code\s+)?review\s+(?:of|for)\b", "action", "do"),
    (
        r"(?:quote|estimate|numbers|figures|slides|notes|report|plan|list|data|invoice|draft)\b",
        "action",
        "send me",
    ),
    (
        r"(?:mock\s+interview|interview\s+prep|pairing\s+session|session|walkthrough|walk-through"
        r"|brainstorm|demo|workshop|panel|talk|mentoring)\b",
        "meeting",
        "do",
    ),
    (r"help\s+(?:with\s+)?", "favour", "help me with"),
)


def _strip_names(title: str, names: Iterable[str]) -> str:
    s = title
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        s = re.sub(
            rf"(?:^|(?<={_SEPARATORS}))(?:w/|with|for|from|to|and|&)?\s*{re.escape(name)}"
            rf"(?:'s)?(?={_SEPARATORS}|$)",
            " ",
            s,
            flags=re.IGNORECASE,
        )
    return s


def clean_calendar_title(title: str, *, helper_names: Iterable[str] = (), tag: str = "ask") -> str:
    """The title without "Ask:", "#ask" (and the other marks), the helper's own names and
    the separators left around them: "Ask: Grace — mock interview #ask" -> "mock interview"."""
    s = re.sub(rf"(?:^|\s)#(?:{re.escape(tag)}|done|declined|praise)\b", " ", title, flags=re.I)
    s = " ".join(s.split())
    prev = None
    while prev != s:
        prev = s
        s = _CAL_PREFIX.sub("", s)
        s = _strip_names(s, helper_names)
        s = re.sub(rf"^{_SEPARATORS}+|{_SEPARATORS}+$", "", " ".join(s.split()))
        s = re.sub(r"^(?:w/|with|and|&)\s+", "", s, flags=re.I)
        s = _CAL_PREFIX.sub("", s)
    s = re.sub(r"\s*([:;|/–—-])\s*(?:[:;|/–—-]\s*)+", r"\1 ", s)  # "Checking in: : x"
    first = s.split()[0] if s.split() else ""
    if first[1:].islower() and _lemmas(first.lower()):
        s = first.lower() + s[len(first) :]  # "Pairing session" -> "pairing session"
    s = re.sub(r"\s*(?:[,;]\s*)?\b(?:due|by)\s+\w+\.?$", "", s, flags=re.I)  # ", due Thu"
    s = re.sub(r"\s+(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$", "", s, flags=re.I)
    s = re.sub(r"\(\s*\)", " ", s)
    parts = [p.strip(" -–—:|,") for p in re.split(r"\s+-{1,2}\s+|\s*[–—|:]\s+", s)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and parts[-1].split() and is_verb(parts[-1].split()[0]):
        s = parts[-1]  # "team lead - approve my expense report": what comes after the role
    s = re.sub(r"\s+-{1,2}\s+|\s+[–—|]\s+", " ", " ".join(s.split()))
    return s.strip(" -–—:|,")


def _description_request(description: str, names: Iterable[str]) -> AskPhrase | None:
    """A request written in the entry's description ("Ask Sam to send the plan")."""
    lines = [" ".join(raw.split()) for raw in re.split(r"(?<=[.!?])\s+|\n+", description)]
    lines = [line for line in lines if line]
    explicit = [
        line
        for line in lines
        if re.match(
            r"^(?:ask|asked)\b|^\S+ (?:will|agreed to|offered to|promised to)\b", line, re.I
        )
    ]
    for line in explicit + [line for line in lines if line not in explicit]:
        line = _strip_names(line, names).strip()
        said = re.match(
            r"^(?:(?:he|she|they)\s+|[A-Z][\w'-]*\s+)?(?:will|'ll|agreed to|offered to|promised to"
            r"|is going to|said (?:she|he|they)(?:'d| would))\s+",
            line,
        )
        if said is not None:  # "Frank will send the Q4 numbers by Nov 29": what was agreed
            found = _from_vp(line[said.end() :], "base", " ".join(description.split()))
            if found is not None:
                return found
        m = re.match(r"^(?:ask|asked)\b\s*(?:(?:him|her|them)\b\s*)?(?:to\s+)?", line, re.I)
        if m is not None:
            rest = line[m.end() :]
            intro = re.match(r"^for\s+(?:an?\s+)?(?:intro|introduction)\s+to\s+", rest, re.I)
            if intro is not None:
                base = "introduce me to " + _trim(rest[intro.end() :])
                return AskPhrase(
                    "intro",
                    base,
                    ing(base),
                    _topic_for("intro", base, ing(base)),
                    " ".join(description.split()),
                )
            if re.match(r"^for\s+", rest, re.I):
                np = _trim(rest[4:])
                base = (
                    "give me " + np
                    if np.lower().startswith(("feedback", "advice", "input"))
                    else "send me " + np
                )
                return AskPhrase(
                    "action", base, ing(base), _with_article(np), " ".join(description.split())
                )
            m2 = re.match(
                r"^(?:whether|if)\s+(?:she|he|they)(?:'d| would| could| can)?\s+(?:be\s+)?",
                rest,
                re.I,
            )
            if m2 is not None:
                vp = "be " + _trim(rest[m2.end() :])
                return AskPhrase(
                    "action",
                    vp,
                    ing(vp),
                    _with_article(_trim(rest[m2.end() :])),
                    " ".join(description.split()),
                )
            found = _from_vp(rest, "base", " ".join(description.split()))
            if found is not None:
                return found
        found = decide_phrase(line)
        if found.base and (found.kind != "info" or "?" in line):
            return AskPhrase(
                found.kind, found.base, found.gerund, found.topic, " ".join(description.split())
            )
    return None


def decide_calendar_phrase(
    title: str, description: str = "", *, helper_names: Iterable[str] = (), tag: str = "ask"
) -> AskPhrase:
    """The phrase model of a tagged calendar entry. A request in the description wins over
    a title that only names the meeting ("1:1 with Sam" + "Ask Sam to send the plan")."""
    names = tuple(helper_names)
    title, description = title[:MAX_SENTENCE], description[:MAX_DESCRIPTION]
    sentence = " ".join(title.split()) + (
        f" — {' '.join(description.split())}" if description else ""
    )
    cleaned = clean_calendar_title(title, helper_names=names, tag=tag)
    from_description = _description_request(description, names) if description else None
    if from_description is not None:
        return AskPhrase(
            from_description.kind,
            from_description.base,
            from_description.gerund,
            from_description.topic,
            sentence,
        )
    if not cleaned or (
        _MEETING_TITLE.match(cleaned) and (len(cleaned.split()) <= 2 or not _verb_title(cleaned))
    ):
        topic = "our " + cleaned.lower() if cleaned and len(cleaned.split()) <= 3 else "our meeting"
        return AskPhrase(
            "meeting", "", "making time to meet", topic if cleaned else "our meeting", sentence
        )
    if cleaned.endswith("?"):
        found = decide_phrase(cleaned, helper_names=names)
        if found.base:
            return AskPhrase(found.kind, found.base, found.gerund, found.topic, sentence)
        np = _with_article(cleaned.rstrip("? "))
        return AskPhrase("info", "let me know " + np, "letting me know " + np, np, sentence)
    if _verb_title(cleaned):
        words = _trim(cleaned).split()
        base = " ".join([words[0].lower(), *_articled_object(words[1:])])
        kind = _kind_of_vp(base, "base")
        if (
            _MEETING_WORDS.search(base)
            and kind == "action"
            and base.split()[0] in ("walk", "run", "pair", "brainstorm", "speak", "present")
        ):
            kind = "meeting"
        gerund = ing(base)
        return AskPhrase(kind, base, gerund, _topic_for(kind, base, gerund), sentence)
    m = re.match(r"^help\s+(\w+ing)\b\s*(.*)$", cleaned, re.I)
    if m is not None:
        base = f"help me {_base_of(m.group(1))} {_trim(m.group(2))}".strip()
        return AskPhrase("favour", base, ing(base), "your help", sentence)
    tail = re.match(r"^(.+?)\s+(sign[- ]?off|approval|review)$", cleaned, re.I)
    if tail is not None and len(tail.group(1).split()) <= 3:
        thing = _with_article(tail.group(1))
        verb = {"review": "review"}.get(tail.group(2).lower(), "sign off on")
        kind = "action" if verb == "review" else "approval"
        base = f"{verb} {thing}"
        return AskPhrase(kind, base, ing(base), thing, sentence)
    for pattern, kind, verb in _NOUN_VERB:
        hit = re.search(pattern, cleaned, re.I)
        if hit is None:
            continue
        if kind == "intro":
            target = _with_article(cleaned[hit.end() :].strip())
            base = f"{verb} {target}"
            return AskPhrase(kind, base, ing(base), _topic_for(kind, base, ing(base)), sentence)
        if verb in ("approve", "decide on", "sign off on") and hit.start() == 0:
            obj = cleaned[hit.end() :].strip()
            if verb == "approve" and cleaned.lower().startswith("budget"):
                obj = "the budget for " + _with_article(obj)
            base = f"{verb} {_with_article(obj)}"
            topic = "the " + cleaned if not cleaned.lower().startswith("the ") else cleaned
            return AskPhrase(kind, base, ing(base), topic, sentence)
        np = _with_article(cleaned)
        if kind == "meeting":
            base = f"do {np} with me" if not np.endswith(("panel", "talk")) else f"join {np}"
            return AskPhrase(kind, base, ing(base), np, sentence)
        if verb == "give me":
            base = f"give me {cleaned}"
            return AskPhrase(kind, base, ing(base), _with_article(cleaned), sentence)
        if verb == "help me with":
            return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)
        base = f"{verb} {np}"
        return AskPhrase(kind, base, ing(base), np, sentence)
    np = _with_article(cleaned)
    kind = "meeting" if _MEETING_WORDS.search(cleaned) else "action"
    return AskPhrase(kind, f"help me with {np}", f"helping me with {np}", np, sentence)


def _verb_title(title: str) -> bool:
    """Whether a cleaned title starts with a verb phrase ("review Q3 budget") rather than a
    noun phrase ("mock interview", "review of the plan")."""
    words = title.split()
    if not words or not is_verb(words[0]) or (words[0][:1].isupper() and len(words) == 1):
        return False
    nxt = words[1] if len(words) > 1 else ""
    if _only_verb(words[0]):
        return True
    low = nxt.lower()
    if low in ("of", "for", "on", "session", "request"):
        return False
    return (
        low in _DETS
        or low in _OBJ_PRONOUNS
        or low in _PARTICLES
        or bool(re.match(r"^(?:[A-Z]{1,4}\d|[A-Z]{2,}|\d)", nxt))
        or (
            is_verb(words[0])
            and bool(_lemmas(nxt))
            and "NOUN" not in _lemmas(nxt)
            and not nxt[:1].isupper()
            and "ADJ" not in _lemmas(nxt)
        )
    )


def _articled_object(words: list[str]) -> list[str]:
    """ "Q3 budget" -> ["the", "Q3", "budget"] after a title's verb; "me the" stays."""
    i = 0
    while i < len(words) and words[i].lower() in _OBJ_PRONOUNS | _PARTICLES:
        if words[i].lower() in ("this", "that", "these", "those", "it"):
            return words
        i += 1
    if i >= len(words):
        return words
    head = words[i]
    if head.lower() in _DETS or head.lower() in _PREPS:
        return words
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if head[:1].isupper() and (not nxt or nxt.lower() in _PREPS):
        return words  # a name: "intro to Jane", "Jane at Initech"
    return [*words[:i], "the", *words[i:]]


def helper_names(helpers: Iterable[Address]) -> list[str]:
    """The helpers' names, or a name read from the address when there is none
    ("grace.hopper@example.org" -> "Grace Hopper")."""
    out = []
    for h in helpers:
        name = h.name.strip()
        if not name:
            local = h.email.partition("@")[0]
            name = " ".join(p.capitalize() for p in re.split(r"[._-]+", local) if p.isalpha())
        out.append(name)
    return out


def first_name_variants(names: Iterable[str]) -> tuple[str, ...]:
    """The ways a helper is named in a title: full name, first name ("Grace Hopper",
    "Grace"); "Doe, Jane" gives "Jane Doe" and "Jane"."""
    out: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        if "," in name:
            out.append(name)
            last, _, first = name.partition(",")
            out.append(last.strip())
            name = f"{first.strip()} {last.strip()}"
        out.append(name)
        out.append(name.split()[0])
    return tuple(dict.fromkeys(out))


_DANGLING: Final = _PREPS | _set(
    "the a an my your our his their its and or but if so as than because"
)


def is_sound(phrase: str) -> bool:
    """Whether a form reads as a phrase a person would write: not "the discuss", "the dinner
    and", "this information to: Joseph A", nor a run-on. Unsound forms are dropped, so
    the drafts fall back to plainer wording."""
    words = phrase.split()
    if not words:
        return True
    if len(words) > 16 or re.search(r"[:;]|\s-\s|\(\S*$|^\S*\)", phrase):
        return False
    if phrase.count("(") != phrase.count(")") or phrase.count('"') % 2:
        return False
    last = words[-1].lower().strip(".,!?")
    if last in _DANGLING and last not in ("in", "on", "up", "over", "out", "back", "down"):
        return False
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        second = words[1]
        low = second.lower()
        if low in _DANGLING or low in _SUBORDINATORS or low in _OBJ_PRONOUNS:
            return False
        forms = _lemmas(low)
        verb_only = bool(forms) and "NOUN" not in forms and "ADJ" not in forms
        if verb_only and not second[:1].isupper() and (is_verb(low) or len(words) == 2):
            return False  # "the discuss", "the scheduled"; not "the hiring decision"
    return True


def _sound(phrase: AskPhrase) -> AskPhrase:
    """The phrase with every unsound form dropped (an unsound -ing form drops the base too:
    they are the same words)."""
    base, gerund, topic = phrase.base, phrase.gerund, phrase.topic
    if not is_sound(gerund) or not is_sound(base):
        base = gerund = ""
    if not is_sound(topic):
        topic = ""
    return AskPhrase(phrase.kind, base, gerund, topic, phrase.sentence)


def decide_ask_phrase(
    source_kind: str, sentence: str, description: str, helpers: Iterable[Address]
) -> AskPhrase:
    """The phrase model of an ask from where it came from: a calendar entry (title and
    description) or a sentence of a sent message (or the CLI)."""
    names = first_name_variants(helper_names(helpers))
    if source_kind == "calendar":
        return _sound(decide_calendar_phrase(sentence, description, helper_names=names))
    return _sound(decide_phrase(sentence, helper_names=names))
