"""Questions said back: "Is the venue booked?" -> "letting me know whether the venue is
booked"; "let me know …" / "tell me …" asks; "What is the status of X?" -> "the status
of X".

Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.clause import subject_length
from followthrough.detect.forms import _trim
from followthrough.detect.nounphrase import _with_article
from followthrough.detect.questionform import (
    ADVICE,
    advice,
    copula_subject,
    group_aux,
    question_topic,
    tried_thing,
)
from followthrough.detect.questiontopic import _OPINION
from followthrough.detect.questiontopic import _info_topic as _info_topic
from followthrough.detect.sharing import shared_ask, shared_clause
from followthrough.detect.topic import _topic_for, meeting_topic
from followthrough.detect.words import (
    _AUX,
    _DETS,
    _PREPS,
    _SUBJECT_PRONOUN,
    _WH,
    _base_of,
    _inflect,
    _lemmas,
    _set,
    ing,
    is_verb,
)
from followthrough.model import AskPhrase


def _info(what: str, sentence: str) -> AskPhrase:
    """A request for information said back: "let me know <what>", its topic <what>; what
    the reader has to hand is asked shared ("whether you've got information on X")."""
    shared = shared_clause(what, sentence)
    if shared is not None:
        return shared
    return AskPhrase(
        "info", "let me know " + what, "letting me know " + what, _info_topic(what), sentence
    )


def _noun_like(word: str) -> bool:
    """A word of a noun phrase: a name, a noun, or a word the dictionary does not know
    ("standup"); not a preposition, an -ing or -ed form."""
    low = word.lower()
    if low in _PREPS or low.endswith(("ing", "ed")):
        return False
    return word[:1].isupper() or "NOUN" in _lemmas(low) or not _lemmas(low)


# a question to a group asks its reader: "has anyone seen this" -> "whether you have seen
# this", "what do people think of X" -> "what you think of X"
_GROUP: Final = _set("anyone anybody someone somebody everyone everybody people folks y'all")


def _adverb(word: str) -> bool:
    """An adverb that is never a verb ("actually", "really"; not "still" the verb too? it
    is one, but never in "did you still …"): read before the verb it goes with."""
    forms = _lemmas(word.lower())
    return "ADV" in forms and (word.lower().endswith("ly") or "VERB" not in forms)


_MODAL_AUX: Final = _set("would could will can should might may does did do")
# "you folks", "you guys", "you all": the reader, said to a group
_YOU_ALL: Final = _set("folks guys all two both people lot")


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
        if len(words) > 2 and low[0] in ("do", "does", "did") and low[1] in _GROUP:
            words, low = [words[0], "you", *words[2:]], [low[0], "you", *low[2:]]
        if words and low[0] not in _AUX:
            for k in range(1, min(len(words) - 1, 5)):
                if low[k] in _AUX and (
                    low[k + 1] in _SUBJECT_PRONOUN
                    or low[k + 1] in _DETS | {"there"}
                    or subject_length(low[k], words[k + 1 :]) > 0  # "did Pinecrest get"
                ):
                    # "what images did you serve" -> "what images you served"
                    embedded = _embedded_question(" ".join(words[k:]))
                    if embedded.startswith("whether "):
                        return f"{lead} {' '.join(words[:k])} {embedded[8:]}"
                    break
            for k in range(1, min(len(words) - 2, 5)):
                if (
                    low[k] in ("is", "are", "was", "were")
                    and low[-1] in ("on", "in", "at", "for", "from", "with", "about", "to")
                    and low[k + 1] not in _DETS | {"there"}
                ):
                    # "what irc server is #ilug on" -> "what irc server #ilug is on"
                    head, subj = " ".join(words[:k]), " ".join(words[k + 1 : -1])
                    return f"{lead} {head} {subj} {low[k]} {words[-1]}"
                if (
                    low[k] in ("is", "are", "was", "were")
                    and low[k + 1] in _DETS | {"your", "my", "our"}
                    and all(_noun_like(w) for w in words[k + 2 :])
                ):
                    # "what time is the dinner" -> "what time the dinner is"
                    head, subj = " ".join(words[:k]), " ".join(words[k + 1 :])
                    return f"{lead} {head} {subj} {low[k]}"
            # "who owns the billing service": the wh-phrase, whole
            return f"{lead} {' '.join(words)}".strip()
        if (
            len(words) > 1
            and low[1] not in _SUBJECT_PRONOUN
            and low[1] not in _DETS | {"there"}
            and not words[1][:1].isupper()
            and subject_length(low[0], words[1:]) == 0  # "when does new pricing go live"
        ):
            k = copula_subject(words)  # "why are dig camera displays better": before "better"
            if k:
                return f"{lead} {' '.join(words[1:k])} {low[0]} {' '.join(words[k:])}"
            return f"{lead} {' '.join(words)}".strip()  # "who will assist": the subject
    if not words or low[0] not in _AUX:
        return ""
    aux = low[0]
    rest = words[1:]
    asked_group = False
    if not rest:
        return ""
    if (
        rest[0].lower() in _SUBJECT_PRONOUN
        and len(rest) > 3
        and rest[1].lower() in ("and", "&")
        and (rest[2][:1].isupper() or rest[2].lower() in _SUBJECT_PRONOUN)
    ):
        # "are you and Bob planning to go": two people asked together
        k = 3
        while k < len(rest) - 1 and rest[k][:1].isupper():
            k += 1
        subject, tail = [_SUBJECT_PRONOUN[rest[0].lower()], "and", *rest[2:k]], rest[k:]
    elif rest[0].lower() == "there":
        subject, tail = ["there"], rest[1:]
    elif rest[0].lower() in ("you", "u") and len(rest) > 2 and rest[1].lower() in _YOU_ALL:
        subject, tail = ["you"], rest[2:]  # "do you folks have a copy": asked of the reader
    elif rest[0].lower() in _SUBJECT_PRONOUN:
        subject, tail = [_SUBJECT_PRONOUN[rest[0].lower()]], rest[1:]
        partner = rest[2] if len(rest) > 3 and rest[1].lower() == "and" else ""
        if partner[:1].isupper() or partner.lower() in _SUBJECT_PRONOUN:
            # "are you and Bob planning …": the subject is both of them
            k = 3
            while k < len(rest) - 1 and rest[k][:1].isupper():
                k += 1
            subject, tail = [subject[0], "and", *rest[2:k]], rest[k:]
    elif rest[0].lower() in _GROUP:
        asked_group = True  # the writer's words say no "you have": "you've" is said
        subject, tail = ["you"], rest[1:]  # "has anyone seen this": asked of the readers
        aux = {"has": "have", "does": "do", "is": "are", "was": "were"}.get(aux, aux)
    elif rest[0].lower() in ("this", "that", "these", "those") and (
        len(rest) <= 2
        or not _noun_like(rest[1])
        or rest[1].lower() in _DETS | {"your", "my", "our"}
        or "ADV" in _lemmas(rest[1].lower())
        or (
            aux in _MODAL_AUX
            and is_verb(rest[1].lower())
            and not (len(rest) > 2 and is_verb(rest[2].lower()))
        )  # "would that work given …": "that" is the subject, "work" its verb
    ):
        subject, tail = [rest[0].lower()], rest[1:]  # "is that illegal", "is this an old one"
    elif subject_length(aux, rest) > 0:
        # "does new pricing go live", "has the pump recall reached": the subject ends where
        # the verb form its auxiliary governs starts
        k = subject_length(aux, rest)
        subject, tail = rest[:k], rest[k:]
    elif rest[0].lower() in _DETS and len(rest) > 1:
        k = 2
        while k < len(rest) - 1:
            nxt = rest[k]
            if nxt.lower() in ("or", "and"):
                break  # "or" is a noun too (the gold of heraldry)
            if nxt.lower() == "of" and k + 1 < len(rest):
                k += 2
            elif (
                ("NOUN" in _lemmas(nxt) and not ({"VERB", "ADJ"} & _lemmas(nxt).keys()))
                or (nxt[:1].isupper() and (k == 1 or rest[k - 1][:1].isupper()))
                or (k == 2 and "NOUN" in _lemmas(nxt) and "ADJ" in _lemmas(rest[1].lower()))
            ):
                k += 1  # "the demo environment", "the Document Type", "the new hires"
            else:
                break
        subject, tail = rest[:k], rest[k:]
    elif rest[0][:1].isupper():
        k = 1
        while k < len(rest) - 1 and rest[k][:1].isupper():
            k += 1  # "BP Amoco", "Document Type Description": one name
        subject, tail = rest[:k], rest[k:]
    else:
        return ""
    if (
        lead
        and aux in ("is", "are", "was", "were")
        and 1 <= len(tail) <= 3
        and all(_noun_like(w) for w in tail)
        and not tail[-1].lower().endswith(("ing", "ed"))
    ):
        subject, tail = subject + tail, []  # "where is the Document Type Description"
    if len(subject) > 2 and tail[:1] and tail[0].lower() in ("or", "and"):
        # "is this mountain limestone or granite": the choice is what it is, not its name
        subject, tail = subject[:-1], [subject[-1], *tail]
    subj = " ".join(subject)
    if (
        lead in ("how", "where")
        and (
            (aux == "do" and subj in ("you", "I", "we"))
            or (aux == "should" and subj in ("I", "we"))
        )
        and tail
        and tail[0].lower() not in _OPINION
    ):
        return f"{lead} to {' '.join(tail)}"  # "how do you get on the agenda": how to get on it
    # an adverb stays before the verb: "did you actually try" -> "you actually tried"
    adv = 0
    while adv < len(tail) - 1 and _adverb(tail[adv]):
        adv += 1
    said = " ".join([subj, *tail[:adv]])
    if aux in ("do", "does"):
        clause = f"{subj} {' '.join(tail)}"
        if aux == "does" and tail:
            clause = f"{said} {_inflect(tail[adv], 'VBZ')} {' '.join(tail[adv + 1 :])}"
    elif aux == "did":
        if not tail:
            return ""
        clause = f"{said} {_inflect(tail[adv], 'VBD')} {' '.join(tail[adv + 1 :])}"
    else:
        if aux == "are" and subj == "I":
            aux = "am"
        clause = f"{subj} {aux} {' '.join(tail)}"
        if asked_group and aux in ("have", "are") and tail and "VERB" in _lemmas(tail[adv]):
            # "has anyone seen this": the writer said no "you have", so it is said as a
            # person says it ("whether you've seen this", "whether you're seeing it")
            clause = f"you{'’ve' if aux == 'have' else '’re'} {' '.join(tail)}".replace("’", "'")
    clause = rx.sub(r"\s+(?:yet|or not)$", "", clause.strip())
    # "have you decided who will assist" -> "who will assist": the question inside
    inner = rx.match(
        r"^you (?:have |had )?(?:decided|figured out|found out|heard|know|knew|checked|confirmed"
        r"|worked out|thought about|(?:have )?(?:any|an|some) idea) "
        r"((?:who|what|where|when|which|how|why|whether|if)\b.+)$",
        clause,
    )
    if inner is not None and not lead:
        return rx.sub(r"^if\b", "whether", inner.group(1))
    return f"{lead or 'whether'} {clause}".strip()


def _when_only(words: str) -> bool:
    """Whether the words after "are you available" only point back at a time named before
    ("that date", "then"): the question is then whether the reader is free. Not "this
    afternoon": a day relative to the mail goes from the form, which would then say less."""
    pattern = r"\s*(?:(?:on |at )?that (?:date|day|time|week|weekend)|then)\s*"
    return rx.fullmatch(pattern, words, re.I) is not None


def _question(s: str, sentence: str) -> AskPhrase | None:
    raw = rx.sub(r"\?.*$", "", s).strip()
    # a negative question asks the positive: "Didn't you get the card?" -> whether you got it
    raw = rx.sub(
        r"^(did|do|does|is|are|was|were|have|has|could|would|should)n't\b", r"\1", raw, flags=re.I
    )
    raw = rx.sub(r"^can't\b", "can", rx.sub(r"^won't\b", "will", raw, flags=re.I), flags=re.I)
    # a question with its auxiliary left out: "Anyone heard of this?", "Anyone know X?"
    lost = rx.match(r"^(?:anyone|anybody|someone|somebody)\s+(\w+)\b", raw, re.I)
    if lost is not None and group_aux(lost.group(1)):
        raw = f"{group_aux(lost.group(1))} {raw}"  # "Anyone seeing this?": is anyone
    raw = rx.sub(r"\b((?:can|could|may|should) (?:I|we)) at least\b", r"\1", raw, flags=re.I)
    q = _trim(raw)
    stranded = rx.search(r"\s(on|at|for|about|with|to|from|in|of|by)$", raw, re.I)
    if stranded and q.split()[:1] and q.split()[0].lower() in _WH and not q.endswith(stranded[0]):
        q += stranded[0]  # "what will you be focused on": the preposition belongs
    cut = rx.split(r",\s+(?=(?:the|a|an|or|and|such)\b)", q)[0]  # "…, the RH7.3 version or …"
    q = q if "," in cut and rx.search(r",\s+(?:or|and)(?:\s+\S+){1,3}$", q) else cut  # "X, Y, or Z"
    low = q.lower()
    m = rx.match(r"^what (is|are|was|were)\s+(.+)$", q, re.IGNORECASE)
    if m and not rx.match(r"^(?:you|it|this|that)\b", m.group(2), re.I):
        np = m.group(2).strip()
        like = rx.match(r"^((?:the|your|this|that) \S+(?: \S+)?) like\b(.*)$", np, re.I)
        if like is not None:  # "what is the weather like in Seattle": what it is like
            np = f"what {like.group(1)} {m.group(1).lower()} like{like.group(2)}"
        return _info(np, sentence)
    know = rx.match(
        r"^(?:(?:do|does) )?(?:you|anyone|anybody|someone) (?:by chance |happen to )?know (?:of )?"
        r"((?:who|what|where|when|which|how|why|if|whether)\b.+)$",
        q,
        re.IGNORECASE,
    )
    if know is not None:
        clause = rx.sub(r"^if\b", "whether", know.group(1))
        return _info(clause, sentence)
    known = rx.match(
        r"^(?:do|does) (?:you|anyone|anybody|someone) (?:happen to )?know of (?!(?:who|what|where"
        r"|when|which|how|why|if|whether)\b)(.+)$",
        q,
        re.IGNORECASE,
    )
    about = rx.match(
        r"^(?:(?:do|does) )?(?:you|anyone|anybody|someone) (?:happen to )?know (?:anything )?"
        r"about (.+)$",
        q,
        re.IGNORECASE,
    )
    if about is not None:  # "Does anyone know about the new badge policy?": tell me about it
        clause = "about " + about.group(1)
        return AskPhrase(
            "info",
            "let me know " + clause,
            "letting me know " + clause,
            _info_topic(clause),
            sentence,
        )
    if known is not None:  # "Does anyone know of any IMAP servers that can do this?"
        np = known.group(1)
        thing = rx.sub(r"^any\s+", "", np, flags=re.I)  # "any IMAP servers": IMAP servers
        return AskPhrase(
            "info", "let me know of " + np, "letting me know of " + np, thing, sentence
        )
    shared = shared_ask(q, sentence)
    if shared is not None:  # "Any hints on packaging tools?": sharing any hints on them
        return shared
    clues = rx.match(rf"^(?:any|some) ((?:\w+ )?(?:{'|'.join(ADVICE.split())}))\W*$", q, re.I)
    if clues is not None:
        return advice(clues.group(1).lower(), sentence)
    idea = rx.match(
        r"^(?:any|an) (?:idea|clue) (?:of|as to) (?!(?:how|what|where|whether|which"
        r"|who|when|why)\b)(.+)$",
        q,
        re.I,
    )
    if idea is not None:  # "Any idea of the date of X?": the date of X
        return _info(idea.group(1), sentence)
    going = rx.match(r"^(?:are |r )?(?:you|u) (?:going to|gonna) (?!be\b)(\S+ .+)$", q, re.I)
    if going is not None and is_verb(going.group(1).split()[0]):
        # "Are you going to send the figures?" asks them sent, as "will you …" does
        vp = _trim(going.group(1))
        return AskPhrase("action", vp, ing(vp), _topic_for("action", vp, ing(vp)), sentence)
    ing_q = rx.match(r"^(?:you|u) (\w+ing)\b(.*)$", q, re.I)
    if ing_q is not None and is_verb(_base_of(ing_q.group(1))):
        # "You using a serial cable?": whether you are using one
        clause = f"whether you are {ing_q.group(1)} {_trim(ing_q.group(2))}".strip()
        return _info(clause.replace("you are", "you're", 1), sentence)  # no "are" was said
    tips = rx.match(
        r"^(?:any|some) (?:[\w-]+ )?(?:suggestions|ideas?|advice|tips|pointers|clues?|estimate"
        r"|guess)(?: (?:on|about|for|as to|of))? "
        r"((?:how|what|where|whether|which|who|when|why)\b.+)$",
        q,
        re.I,
    )
    if tips is not None:  # "Any suggestions on how I can check in?"
        clause = tips.group(1)
        return AskPhrase(
            "info",
            "let me know " + clause,
            "letting me know " + clause,
            _info_topic(clause),
            sentence,
        )
    free = rx.match(r"^(?:are |were )?(?:you|u) (?:free|available)\b(.*?)\bto (\S+ .+)$", q, re.I)
    if free is not None and is_verb(free.group(2).split()[0]):
        # "Are you available to speak with me this week?": speaking with me
        vp = rx.sub(r"\bwith you\b", "with me", _trim(free.group(2)))
        return AskPhrase("meeting", vp, ing(vp), meeting_topic(vp), sentence)
    about = rx.match(
        r"^(?:are |were )?(?:you|u) (?:still )?(?:free|available)\b.*?\b(?:re:?|about) (.+)$",
        q,
        re.I,
    )
    if about is not None and _trim(about.group(1)):
        # "are you available on Monday re ABB?": our meeting about ABB
        said = _trim(about.group(1))
        thing = said if rx.fullmatch(r"[A-Z][\w&.-]*", said) else _with_article(said)
        return AskPhrase(
            "meeting",
            "make time for me",
            "making time for me",
            f"our meeting about {thing}",
            sentence,
        )
    slot = rx.match(
        r"^(?:are |were )?(?:you|u) (?:still )?(?:free|available) for ((?:a|an|the|some|our)"
        r" (?:quick |short |brief |little )?(?:call|chat|meeting|catch-up|coffee|lunch|dinner"
        r"|drink|conversation))$",
        q,
        re.I,
    )
    if slot is not None:  # "are you free for a quick call?": making time for a quick call
        vp = f"make time for {slot.group(1)}"
        return AskPhrase("meeting", vp, ing(vp), meeting_topic(q), sentence)
    bare = rx.match(r"^(?:are |were )?(?:you|u) (still )?(free|available)\b(.*)$", raw, re.I)
    if bare is not None and (not bare.group(3).strip() or _when_only(bare.group(3))):
        # "Are you available?", "are you still free that date?": the question, said whole
        clause = f"whether you're {bare.group(1) or ''}{bare.group(2)}{bare.group(3)}".strip()
        return AskPhrase(
            "meeting",
            "let me know " + clause,
            "letting me know " + clause,
            meeting_topic(q),
            sentence,
        )
    if rx.match(r"^(?:are |were )?(?:you|u) (?:still )?(?:free|available)\b", low):
        return AskPhrase(  # "are you free at 9 re ABB?": time asked for
            "meeting", "make time for me", "making time for me", meeting_topic(q), sentence
        )
    clause = _embedded_question(q)
    if not clause:
        return None
    way = rx.match(
        r"^whether there is (?:a|any|some) (?:way|means) (?:for (?:me|us) )?to (\S+ .+)$", clause
    )
    if way is not None and is_verb(way.group(1).split()[0]):
        clause = "how to " + way.group(1)  # "is there a way to export it": how to export it
        return AskPhrase(
            "info",
            "let me know " + clause,
            "letting me know " + clause,
            ing(way.group(1)),
            sentence,
        )
    kind = (
        "approval" if rx.match(r"^whether (?:I|we) (?:can|could|may|should)\b", clause) else "info"
    )
    shared = shared_clause(clause, sentence)
    if shared is not None:  # "has anyone got information on X": sharing any information on X
        return shared
    topic = question_topic(clause, _info_topic(clause))
    named = topic[4:] if topic.startswith("the ") and topic == tried_thing(clause) else ""
    if named and clause.endswith(" " + named) and not clause.endswith(" " + topic):
        clause = clause[: -len(named)] + topic  # "whether you've tried the upgrade from …"
    m = rx.match(r"^whether there (?:is|are) (.+)$", clause)
    if m:
        topic = _with_article(rx.sub(r"^(?:a|an|any)\s+", "", m.group(1)))
        way = rx.match(r"^(?:a|any|some) (?:way|means) to (\S+)(.*)$", m.group(1))
        if way is not None and is_verb(way.group(1)):
            topic = ing(way.group(1) + way.group(2))  # "is there a way to limit X": limiting X
    leave = rx.match(
        r"^whether (?:I|we) (?:can|could|may|should) (?:at least |still |just )?(.+)$", clause
    )
    if kind == "approval" and leave is not None and is_verb(leave.group(1).split()[0]):
        topic = ing(leave.group(1))  # "should I book the flights": booking the flights
    return AskPhrase(kind, "let me know " + clause, "letting me know " + clause, topic, sentence)


# a time or day named as the subject of "… works for you"
_TIME_WORDS: Final = re.compile(
    r"\b(?:today|tonight|tomorrow|morning|afternoon|evening|week|weekend|\w+day|am|pm|noon"
    r"|\d{1,2}(?::\d\d)?)\b",
    re.I,
)

_PARTS_OF_DAY: Final = _set("am pm a.m. p.m. morning afternoon evening night")
_RELATIVE_DAY: Final = re.compile(
    r"\b(?:today|tonight|tomorrow|(?:this|next) (?:week|weekend|morning|afternoon|evening))\b",
    re.I,
)


def _let_know(rest: str, sentence: str) -> AskPhrase | None:
    when = rx.match(r"^(?:when|once|as soon as) (?:you|they) (?:have|get|receive)\s+(?=\S)", rest)
    # "let me know when you have the memory": the question is the thing, not an adjunct
    fits = rx.match(
        r"^(?:if|whether) ((?:[\w.]+ ){1,4}?)(works?|suits?|would work"
        r"|is (?:good|better|best|ok|okay|fine|convenient))\b(.*)$",
        rest,
        re.I,
    )
    if fits is not None and _TIME_WORDS.search(fits.group(1)):
        # "if Friday afternoon works for you": the time is what is asked, kept; a day said
        # from the day of writing ("tomorrow") is wrong days later: "the time" is said
        time = _RELATIVE_DAY.sub(" ", fits.group(1)).split()
        if not time or all(w.lower() in _PARTS_OF_DAY for w in time):
            time = ["the", "time"]
        said = f"whether {' '.join(time)} {fits.group(2)} {_trim(fits.group(3))}".strip()
        return AskPhrase("info", "let me know " + said, "letting me know " + said, said, sentence)
    rest = when.group(0) + _trim(rest[when.end() :]) if when is not None else _trim(rest)
    if when is not None and rest == when.group(0):
        return None
    offer = rx.match(r"^(?:if|whether) (?:you|there) (?:have|need|want)\b", rest, re.I)
    if not rest or (offer is not None and not rx.search(r"\bor (?:if|whether)\b", rest)):
        return None  # "let me know if you need anything" offers; "… or if I should" asks
    rest = rx.sub(r"^if\b", "whether", rest)
    if rx.match(r"^of\s+(?:who|what|where|when|which|how|why|whether)\b", rest, re.I):
        rest = rest[3:]  # "let me know of what you decide": what you decide
    what = rx.match(r"^what (?:is|are) (.+)$", rest, re.I)
    if what is not None and not rx.match(r"^(?:you|it|this|that)\b", what.group(1), re.I):
        rest = what.group(1)  # "advise me what is the best hotel": the best hotel
    base = "let me know " + rest
    gerund = ing(base)
    topic = _info_topic(rx.sub(r"^of\s+", "", rest))  # "of any revisions": any revisions
    m = rx.match(r"^(?:your|any|some) (?:thoughts|comments|feedback)", rest, re.I)
    if m:
        topic = "your " + rest.split(None, 1)[1]
    return AskPhrase("info", base, gerund, topic, sentence)
