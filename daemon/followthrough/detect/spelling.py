"""A verb phrase's first words as a careful writer spells them: a compound noun written
where its verb belongs said as the verb and its particle ("could you setup the printer" ->
set up the printer, "how to backup huge data" -> back up; never "setuping"), and a manner
adverb between the request and its verb left out ("could you quickly review X", "you should
temporarly remove X": the ask is the verb's, and an "-ly" word that is no verb, before one
that is, is such an adverb even when misspelt).

Pure: no I/O. ``followthrough.detect.forms`` trims every verb phrase with it.
"""

from __future__ import annotations

import re
from typing import Final

from followthrough.detect import rx
from followthrough.detect.words import is_verb

# compound nouns that are phrasal verbs written shut ("setup" for "set up")
_COMPOUND_VERBS: Final = {
    "setup": "set up",
    "backup": "back up",
    "login": "log in",
    "logon": "log on",
    "logout": "log out",
    "signup": "sign up",
    "shutdown": "shut down",
    "startup": "start up",
    "checkout": "check out",
    "cleanup": "clean up",
    "lookup": "look up",
    "pickup": "pick up",
    "followup": "follow up",
    "writeup": "write up",
}
# the words after which a verb stands in its base form
_COMPOUND: Final = re.compile(
    rf"(^|\b(?:to|you|u|I|we|please|pls|can|could|should|will|would|do|does|did|must"
    rf"|might|may|'ll|'d) )({'|'.join(_COMPOUND_VERBS)})\b(?!-)",
    re.I,
)


def verb_spelled(vp: str) -> str:
    """The verb phrase with its verb spelled as one (see the module docstring)."""
    vp = _COMPOUND.sub(lambda m: m.group(1) + _COMPOUND_VERBS[m.group(2).lower()], vp)
    return rx.sub(
        r"^(?:[a-z]+ly),? (?=([\w-]+))",
        lambda m: "" if is_verb(m.group(1)) and not is_verb(m.group(0).strip(", ")) else m.group(0),
        vp,
    )
