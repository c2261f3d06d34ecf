"""Closers, conditional offers, social lines and sign-offs: sentences that ask nothing.

"Let me know if you have any questions", "should you need anything, please call me",
"talk to you Monday", "thanks in advance", "hope this helps": in a real message they sit
beside the ask and must never win over it (issue 17). ``is_boilerplate`` recognises them
in their common forms, unless the sentence also asks for something else.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect.group import group_if_ask
from followthrough.detect.words import Needs

# Conditional offers: a condition on the reader's needs, questions, problems or interest
# ("if you have any questions", "should you need anything", "in case there are problems",
# "if I can be of any help", "if you'd like a copy"); with a way to reach the writer
# ("let me know", "call me", "feel free", "don't hesitate") they offer, they do not ask.
_OFFER_IF: Final = re.compile(
    r"^\W*(?:anyone|anybody|those|whoever|everyone)(?: who(?:'s| is| are)| that(?:'s| is))?"
    r" (?:interested|keen|curious)\b"  # "Anyone interested, give me a shout"
    r"|\b(?:if|should|in case|whenever|when|once)\b[^.?!;]{0,30}?"
    r"(?:\b(?:anyone|anybody|someone|somebody|any of you|everyone|anyone else)(?:'d| would"
    r"| does| ever)? (?:likes?|wants?|wish(?:es)?|prefers?|cares?|is interested|needs?|requires?"
    r"|gets? stuck|runs? into|has (?:any )?(?:trouble|problems?|questions?))\b"
    r"|\b(?:you|u)(?:'d| would| do| should| ever)? (?:like|want|wish|prefer|rather|care"
    r"|be interested|are interested|'re interested|are ever|'re ever|get stuck|run into"
    r"|come across|hit|encounter|see any|find any|notice any|spot any|experience|require"
    r"|need|succeed|have (?:any )?luck|get (?:it|this|that) (?:working|to work)"
    r"|figure (?:it|this) out|find (?:it|this|them|these) (?:useful|helpful|interesting|handy)"
    r"|like (?:it|this|them)|are an?|'re an?)\b"
    r"|\b(?:i'm|i am|i've|i have|i was) (?:mistaken|wrong|missed|missing|misunderstood|off base"
    r"|misreading|confused)\b"
    r"|\b(?:questions?|concerns?|comments?|thoughts|feedback|suggestions?|problems?|issues?"
    r"|trouble|difficult\w*|anything"
    r"|something|assistance|further|clarification|interest(?:ed)?)\b"
    r"|\b(?:i|we) can (?:be of )?(?:any |some )?(?:help|assist|further|more)"
    r"|\b(?:i|we) can (?:\w+ )?(?:help|support|assist|improve|serve)\b"
    r"|\b(?:any|further|more|additional) (?:help|info|information|details|assistance)\b)"
    r"|\b(?:for|with) (?:any|more|further|additional) (?:questions|information|info|help|support"
    r"|details|assistance|comments|concerns)\b"
    r"|\b(?:any|questions or) (?:questions|comments|concerns)\b"
    # the condition as a bare noun: "Any problems, give me a call.", "Any issues - ping me"
    r"|^\W*(?:(?:and|but|so),? )?(?:if )?any (?:other |more |further )?(?:problems?|issues?|trouble"
    r"|difficult\w*|questions?|concerns?|queries|worries|hiccups?|snags?|bugs?|errors?|probs?"
    r"|doubts?)\s*(?:[,:;]|-+|\u2013|\u2014)"
)
_CONTACT: Final = Needs(
    "know| me| us|touch|reach|free|hesitate|happy|glad|available|around|pleased|ask|way"
    "|welcome|appreciated|contact|call|mail|talk|speak|phone|please",
    r"\blet (?:me|us|him|her|them) know\b|\b(?:give|gimme) (?:me|us) a (?:call|ring|shout|buzz"
    r"|holler|bell)\b"
    r"|\b(?:call|contact|e-?mail|mail|ping|phone|ring|text|reach|write|ask) (?:me|us)\b"
    r"|\bcorrect (?:me|us)\b"
    r"|\bdrop (?:me|us) a (?:line|note)\b|\bget in touch\b|\breach out\b|\bfeel free\b"
    r"|\b(?:don't|do not|dont) hesitate\b|\bi(?:'m| am| will be| would be|'d be|'ll be)"
    r" (?:happy|glad|available|around|pleased)\b|\bhappy to (?:help|discuss|answer|chat|talk)"
    r"|\bcome (?:see|find|talk to) (?:me|us)\b|\bjust ask\b|\bsend (?:them|it) (?:my|our) way\b"
    r"|\b(?:i|we) can be reached\b|\bsee (?:me|us)\b|\bgive (?:me|us) a (?:shout|yell)\b"
    r"|\b(?:questions|comments)\b[^.?!]{0,20}\b(?:welcome|appreciated)\b"
    r"|\bsend (?:me|us) (?:an? )?(?:e-?mail|note|message|line|word)\b"
    r"|\b(?:please )?(?:contact|call|e-?mail|ask|talk to|speak to|speak with|phone) (?:[a-z]+ )?"
    r"(?:at|on|via|directly)\b|\bplease (?:contact|call|e-?mail|ask|talk to|speak to|see)\b",
)
# A request of another kind beside the offer ("could you review it and let me know if you
# have questions"): then the sentence is an ask after all.
_OTHER_ASK: Final = re.compile(
    r"\b(?:could|can|would|will) (?:you|u|someone|anyone)(?: please| kindly| also| just)?"
    r" (?!(?:let|call|contact|give|feel|e-?mail|ping|reach|drop|ask|get back|write|text|also let)"
    r"\b)[a-z]+"
    r"|(?:^|[,;:] )(?:please |kindly )?(?:review|send(?! (?:me|us) (?:an? )?(?:e-?mail|note"
    r"|message|line|word)| (?:your |any |all )?(?:comments|suggestions|feedback|questions"
    r"|corrections|updates|ideas|bug reports)\b)|sign|approve|confirm|check|forward|update"
    r"|fill|complete|return|submit|book|schedule|read|look|print|fax|prepare|draft|reply|answer"
    r"|respond|decide|pick|choose|bring)\b"
)
# Hearing back how the writer's advice worked: "let me know if that helps", "… and let me
# know if it fixes it", "let me know how you get on". Not "if that works for you" (a slot
# or a plan offered for the reader's yes) and not "how the meeting went" (news asked for).
_OUTCOME: Final = re.compile(
    r"\blet (?:me|us) know (?:(?:if|whether) (?:it|that|this|these|those|the (?:patch|fix|change"
    r"|workaround|above|suggestion|tip|trick|setting|upgrade))(?: (?:still|really|also|then))?"
    r" (?:works|worked|helps|helped|fixes|fixed|solves|solved|cures|cured|does the trick"
    r"|did the trick|makes a difference|made a difference|sorts (?:it|things) out)\b(?! for\b)"
    r"|how (?:you get on|you got on|you go|it works out|that works out|it turns out|you make out))"
)
# Social lines and sign-offs, in their common forms: thanks, wishes, greetings, "talk to
# you Monday", "hope this helps", "how are you?", "see you there".
_SOCIAL: Final = re.compile(
    r"^\W*(?:(?:and |but |so |ok,? |p\.?s\.? )?(?:thanks|thank you|thx|ty|tia|many thanks|cheers"
    r"|regards|best|sincerely|yours|love|take care|all the best|best wishes|kind regards"
    r"|warm regards|have (?:a|an) (?:\w+ )?(?:day|weekend|week|trip|flight|time|holiday|vacation"
    r"|evening|night|one|christmas|thanksgiving|summer|break)|have fun|enjoy|good luck"
    r"|best of luck|congrat\w*|happy (?:birthday|holidays|new year|thanksgiving|easter"
    r"|friday|monday|hunting)|merry|welcome (?:back|aboard|to)|safe travels|get well"
    r"|(?:i |we )?hope (?:this|that|it|you|all|everything|your|things|the|u)\b"
    r"|hope (?:this|that) helps|(?:talk|speak|chat) (?:to|with) (?:you|u|ya)|ttyl"
    r"|see (?:you|ya|u)\b|(?:i |we )?look(?:ing)? forward to|(?:it was |it's )?(?:nice|good|great)"
    r" (?:to (?:see|meet|hear|talk|chat|catch)|seeing|meeting|talking|hearing|catching)"
    r"|glad (?:to hear|you|it)|sorry (?:for|about|to hear|i|we|it|that)|my apologies"
    r"|apologies for|keep up the good work|well done|nice work|great (?:job|work)"
    r"|say (?:hi|hello) to|give my (?:best|regards|love) to|how (?:are|r) (?:you|u|things"
    r"|ya)|how (?:have you been|was (?:your|the)|is (?:the family|everyone|life|your)"
    r"|are things|is it going|'s it going|did (?:it|the) go|goes it)|what's up|long time no"
    r"|let(?:'s| us) (?:keep|stay) in touch|(?:we|you) should (?:get together|catch up|grab)"
    r"|let me know how (?:it|things|the|your) (?:goes|went|go)|bye|later|ciao|xo))\b"
    r"|^\W*(?:(?:and|so|please|just),? )*(?=let (?:me|us) know)" + _OUTCOME.pattern
)
_SIGN_OFF_NAME: Final = re.compile(r"^\W*(?:thanks|regards|cheers|best)\W+[A-Z]?[a-z'.-]+\W*$")
# Contact details on their own: "call me anytime", "you can reach me at 713-555-0100".
_CONTACT_ONLY: Final = re.compile(
    r"^\W*(?:(?:please |just |feel free to )?(?:call|ring|phone|text|email|e-mail|ping) (?:me|us)"
    r" (?:anytime|any time|whenever|on|at)\b|(?:you|u) (?:can|may|could) (?:reach|call|contact"
    r"|email|e-mail|find) (?:me|us)\b|(?:i|we) (?:can|may) be (?:reached|contacted|found)\b"
    r"|(?:questions|any questions|comments|any comments)\W*$|(?:my|our) (?:cell|mobile|phone"
    r"|number|direct line|email) is\b|drop (?:me|us) a line (?:if|when|whenever)"
    r"|if (?:you're|you are) ever in\b"
    r"|(?:please )?send (?:your |any |all )?(?:comments|suggestions|feedback|questions|corrections"
    r"|updates|ideas|bug reports)(?:,? (?:and |or )?(?:comments|suggestions|feedback|questions"
    r"|corrections|updates|ideas|bug reports))* to\b)"
)
# How to post or where to reply, said to whoever reads a list or a thread: list etiquette
# and reply routing ("Please keep replies on the list", "please cc me as I'm not
# subscribed", "replies off-list please", "please trim your quotes", "please don't
# top-post", "please search the archives before posting"), and a disclaimer's "if you
# received this in error, please delete it". It tells how to answer, if anyone does; it is
# nothing to follow up, and must not win over the question it goes with.
_ETIQUETTE: Final = re.compile(
    r"\b(?:please |pls |kindly )?(?:(?:reply|respond|write back|answer|post|send (?:your )?"
    r"(?:replies|answers|responses|followups?))(?: only)? (?:to|on|via) (?:the|this|that) (?:list"
    r"|group|newsgroup|forum|mailing list|thread)\b"
    r"|(?:reply|respond|answer|write back|write)(?: to me)? (?:off[- ]?list|privately|in private"
    r"|personally|directly)\b|(?:reply|respond|write back|write|answer) (?:to )?me (?:off[- ]?list"
    r"|privately|in private|personally|directly)\b"
    r"|(?:keep|take|move) (?:(?:all |any |your )?(?:replies|responses|followups?|answers"
    r"|comments)|(?:the |this )?(?:thread|discussion|conversation)|it|this) (?:on|off)[- ]?"
    r"(?:the )?(?:list|topic)\b"
    r"|(?:cc|copy|cc:) me(?: (?:on|in) (?:any |all |your |the )?(?:replies|reply|answers?"
    r"|responses?|followups?))?(?=\W*$|\W+(?:as|since|because|i'm|i am|please|directly"
    r"|personally|thanks|off[- ]?list)\b)|trim (?:your |the )?(?:quot\w*|replies)"
    r"|(?:do not|don't|dont|never) top[- ]?post"
    r"|(?:post|write|send|reply) (?:\w+ ){0,2}in plain[- ]text"
    r"|(?:search|check|read) the (?:list )?(?:archives?|faq)\b[^.?!]{0,30}\bbefore (?:posting"
    r"|asking|you post|you ask)|use (?:a |an )?(?:meaningful|descriptive|proper|sensible|useful)"
    r" subject)"
    r"|^\W*(?:(?:all |any )?(?:followups?|follow-ups?|replies|responses|answers) (?:to|off|on)\b"
    r"(?:[^.?!]|\.(?=\w)){1,40}?,? please\b)"
    r"|\bif you (?:have )?received this (?:\w+ )?(?:e-?mail|message|communication|transmission)"
    r" (?:in error|by mistake)|\bif you are not the (?:intended|named|addressed) recipient"
)


# Words without which ``_ETIQUETTE`` cannot match (one of them in each branch).
_ETIQUETTE_HINTS: Final = (
    "list", "group", "forum", "thread", "topic", "privately", "private", "personally",
    "directly", "cc me", "cc: me", "copy me", "trim", "top-post", "top post", "toppost", "plain",
    "archive", "faq", "subject", "follow", "replies", "responses", "answers", "recipient",
    "received this",
)  # fmt: skip
# Another ask left beside the etiquette: a question to the group, a question word, news
# asked for ("does anyone know …, please cc me", "how do I …? reply off-list please").
_STILL_ASKS: Final = re.compile(
    r"\b(?:anyone|anybody|someone|somebody|let (?:me|us) know|tell (?:me|us)|send (?:me|us)"
    r"|any (?:ideas|help|suggestions|pointers|thoughts|advice|tips|hints)|how|what|where|why"
    r"|which|who|is there|are there|with|by)\b"
)
# A need or interest asked bare before a way to reach the writer ("Questions? Give me a
# call.", "Need a hand? Give me a shout.", "Interested? Drop me a line."): the offer.
_BARE_QUESTIONS: Final = re.compile(
    r"^\W*(?:(?:any )?(?:(?:other |more |further )?(?:questions|comments|problems|issues|concerns"
    r"|queries))|(?:need|want) (?:a |any |some |more )?(?:hand|help|copy|details|info|information"
    r"|more)|interested|curious|stuck)\W*$",
    re.IGNORECASE,
)


def is_boilerplate(sentence: str) -> bool:
    """A closer, conditional offer, social line or sign-off, in any common form: "let me
    know if you have any questions", "should you need anything, please call me", "talk to
    you Monday", "thanks in advance", "hope this helps" — unless it also asks for something
    else ("could you review it and let me know if you have questions")."""
    lower = sentence.lower()
    if _SIGN_OFF_NAME.match(sentence) and len(sentence) < 40:
        return True
    social = _SOCIAL.match(lower) is not None
    contact_only = _CONTACT_ONLY.match(lower) is not None
    # (the way to reach the writer first: it is the cheaper pattern and the rarer match)
    offer = _CONTACT.search(lower) is not None and _OFFER_IF.search(lower) is not None
    if not (social or contact_only or offer):
        return _etiquette_only(lower)
    if offer and "if" in lower and group_if_ask(lower):
        return False  # "if anyone knows what the problem is, give me a shout": a question
    if (
        social
        and not offer
        and "?" in lower
        and lower.lstrip(" \t-*>").startswith(_THANKS)
        and _asks_after_thanks(lower)
    ):
        return False  # "thanks for the help, any more idea what's going on?"
    return _OTHER_ASK.search(lower) is None


# A question put after a thank-you: "thanks for the help, any idea why it still fails?",
# "cheers - does the patch apply to 2.4 too?"; not after another social line ("Hope you had
# a great weekend, did you get to the coast?") and not a social question itself
# ("thanks, how are you?").
_TAIL_QUESTION: Final = re.compile(
    r"(?:[,;:]|\s-+)\s+((?:and |but |so )?(?:any|anyone|anybody|does|do|did|is|are|was|can|could"
    r"|would|will|what|how|why|where|when|who|which|has|have)\b[^,;:]*\?)\W*$"
)


_THANKS: Final = ("thanks", "thank you", "thx", "cheers", "many thanks")


def _asks_after_thanks(lower: str) -> bool:
    """A social line that goes on to ask a question in its last clause."""
    m = _TAIL_QUESTION.search(lower)
    return m is not None and _SOCIAL.match(m.group(1)) is None


def courtesy_after_advice(lower: str) -> bool:
    """Advice closed by asking to hear how it worked ("use the -F flag and let me know if
    that helps"), with no other request in the sentence: at most suggested."""
    return "know" in lower and _OUTCOME.search(lower) is not None and not _OTHER_ASK.search(lower)


def _etiquette_only(lower: str) -> bool:
    """List etiquette or reply routing with nothing else asked beside it ("please reply to
    the list", "please cc me as I'm not subscribed"); not "if anyone knows, please reply
    to me directly", nor "please review the draft and reply to the list"."""
    if not any(map(lower.__contains__, _ETIQUETTE_HINTS)):
        return False
    m = _ETIQUETTE.search(lower)
    if m is None:
        return False
    rest = lower[: m.start()] + " " + lower[m.end() :]
    if group_if_ask(lower) or _OTHER_ASK.search(rest) is not None:
        return False
    return _STILL_ASKS.search(rest) is None
