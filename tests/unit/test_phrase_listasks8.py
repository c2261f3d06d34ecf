"""The eighth pass (branch c16p8): the asks of list mail, as the detector picks them in real
mail. What the reader has to hand is asked shared ("does anybody have some clear examples?"
-> sharing some clear examples), its thing is the topic, a bare plural kept bare; a question
whether the reader tried a thing names the thing; a bare "this" object is the topic.

Every sentence here is written for this file in the shapes list mail uses; none is copied
from a label file.
"""

from __future__ import annotations

import pytest

from followthrough.detect.phrase import PHRASE_MODEL, decide_ask_phrase
from followthrough.detect.sharing import generic, shared_ask

# sentence -> kind, -ing form, topic
ROWS = [
    # what the reader has to hand, asked with "do you have" / "has anyone got": shared
    (
        "Does anybody have some worked examples?",
        "info",
        "sharing some worked examples",
        "worked examples",
    ),
    (
        "Do you have any figures that show the slowdown on ext3?",
        "info",
        "sharing any figures that show the slowdown on ext3",
        "figures that show the slowdown on ext3",
    ),
    (
        "Has anyone got documentation on the new config format?",
        "info",
        "sharing any documentation on the new config format",
        "the new config format",
    ),
    (
        "has anybody got information on tuning postfix for a small office, the wiki is thin.",
        "info",
        "sharing any information on tuning postfix for a small office",
        "tuning postfix for a small office",
    ),
    (
        "Does anyone on the list have any statistics on bounce rates?",
        "info",
        "sharing any statistics on bounce rates",
        "bounce rates",
    ),
    (
        "Do you have any further details about the outage that would explain the delay?",
        "info",
        "sharing any further details about the outage that would explain the delay",
        "the outage",
    ),
    # "Any X on Y?": Y as written when it is a bare plural (any such things)
    (
        "Any hints on cheap backup drives?",
        "info",
        "sharing any hints on cheap backup drives",
        "cheap backup drives",
    ),
    (
        "Any pointers on Debian mirrors?",
        "info",
        "sharing any pointers on Debian mirrors",
        "Debian mirrors",
    ),
    (
        "Any tips on the installer?",
        "info",
        "sharing any tips on the installer",
        "the installer",
    ),
    (
        "Any recommendations for a quiet power supply?",
        "info",
        "sharing any recommendations for a quiet power supply",
        "a quiet power supply",
    ),
    (
        "Any suggestions of lighter window managers?",
        "info",
        "sharing any suggestions of lighter window managers",
        "suggestions of lighter window managers",
    ),
    # thanks in advance
    (
        "Any clever workarounds ideas would be welcome",
        "info",
        "sharing any clever workarounds ideas",
        "clever workarounds ideas",
    ),
    (
        "Any suggestions of other mail filters would be much appreciated.",
        "info",
        "sharing any suggestions of other mail filters",
        "suggestions of other mail filters",
    ),
    (
        "Any hints/examples much appreciated!",
        "info",
        "sharing any hints/examples",
        "hints/examples",
    ),
    (
        "Any spare ideas would be appreciated.",
        "info",
        "sharing any spare ideas",
        "spare ideas",
    ),
    (
        "Any info would be greatly appreciated.",
        "info",
        "sharing any info",
        "any info",
    ),
    (
        "Any help/pointers would be appreciated.",
        "info",
        "helping me with this",
        "this",
    ),
    # "if anybody has any X, let me know": the X shared
    (
        "If anybody has any tips, please let me know.",
        "info",
        "sharing any tips",
        "your tips",
    ),
    (
        "If anyone has any examples, let me know because the manual has none.",
        "info",
        "sharing any examples",
        "your examples",
    ),
    (
        "If somebody has some spare ideas, please let me know cos I'm stuck.",
        "info",
        "sharing some spare ideas",
        "spare ideas",
    ),
    # a question whether the reader tried a thing names the thing
    (
        "Has anyone successfully built Mozilla on Solaris 9?",
        "info",
        "letting me know whether you've successfully built Mozilla on Solaris 9",
        "Mozilla on Solaris 9",
    ),
    (
        "Did you try 2.4.20 with the ext3 patch first?",
        "info",
        "letting me know whether you tried 2.4.20 with the ext3 patch first",
        "2.4.20 with the ext3 patch",
    ),
    (
        "You haven't looked at spamd.c, have you?",
        "info",
        "letting me know whether you have looked at spamd.c",
        "spamd.c",
    ),
    (
        "Has anybody done work on Polish spam?",
        "info",
        "letting me know whether you've done work on Polish spam",
        "work on Polish spam",
    ),
    (
        "Has anyone ever installed Gentoo on a Mac Mini?",
        "info",
        "letting me know whether you've ever installed Gentoo on a Mac Mini",
        "Gentoo on a Mac Mini",
    ),
    (
        "Did you test the new build?",
        "info",
        "letting me know whether you tested the new build",
        "the new build",
    ),
    # ... but not a pronoun, "one", or a person told to do something
    (
        "Anyone tried one on a laptop?",
        "info",
        "letting me know whether you've tried one on a laptop",
        "whether you've tried one on a laptop",
    ),
    (
        "Have you tried both?",
        "info",
        "letting me know whether you have tried both",
        "whether you have tried both",
    ),
    # a bare "this": the thread says what it is
    (
        "Can somebody clear this up for me?",
        "action",
        "clearing this up for me",
        "this",
    ),
    (
        "Could you see to this?",
        "action",
        "seeing to this",
        "this",
    ),
    (
        "Could anyone explain this for me.",
        "info",
        "explaining this for me",
        "this",
    ),
    (
        "Please handle that.",
        "action",
        "handling that",
        "that",
    ),
    # a manner adverb between the frame and the verb says how; the ask is the verb's
    (
        "Could you quickly review the release notes?",
        "action",
        "reviewing the release notes",
        "the release notes",
    ),
    (
        "Please urgently send the signed lease.",
        "action",
        "sending the signed lease",
        "the signed lease",
    ),
    (
        "You should temporarly pull the broken build from the mirror.",
        "action",
        "pulling the broken build from the mirror",
        "the broken build",
    ),
    # a compound noun written where its verb belongs is the verb and its particle
    (
        "Could you setup the spare laptop for Dana?",
        "action",
        "setting up the spare laptop for Dana",
        "the spare laptop for Dana",
    ),
    (
        "Quick question: how to backup a whole Maildir?",
        "info",
        "letting me know how to back up a whole Maildir",
        "backing up a whole Maildir",
    ),
    (
        "Can you login to the router and restart it?",
        "action",
        "logging in to the router and restarting it",
        "the router",
    ),
    # what is taken away is the thing, not where it was
    (
        "Please remove my old address from the list.",
        "action",
        "removing my old address from the list",
        "my old address",
    ),
    # ... not when it goes somewhere: the action is the thing
    (
        "Can you forward this to the release team?",
        "action",
        "forwarding this to the release team",
        "forwarding this to the release team",
    ),
]


@pytest.mark.parametrize(("sentence", "kind", "gerund", "topic"), ROWS)
def test_a_list_ask_is_said_back_as_a_careful_person_says_it(
    sentence: str, kind: str, gerund: str, topic: str
) -> None:
    phrase = decide_ask_phrase("mail", sentence, "", [])
    assert (phrase.kind, phrase.gerund, phrase.topic) == (kind, gerund, topic)


@pytest.mark.parametrize(
    ("np", "said"),
    [
        ("UNIX cracking tools", "UNIX cracking tools"),
        ("packing fragile plants", "packing fragile plants"),
        ("a good hotel", "a good hotel"),
        ("the router", "the router"),
        ("router setup", "the router setup"),
    ],
)
def test_a_bare_plural_after_hints_on_is_kept_bare(np: str, said: str) -> None:
    """ "Any hints on UNIX cracking tools?" asks about any such tools, not known ones."""
    assert generic(np) == said


@pytest.mark.parametrize(
    "q",
    [
        "any idea of the date of the claim",
        "any idea why the build fails",
        "any suggestions on how I can check in",
        "any chance you could look",
    ],
)
def test_a_question_of_its_own_is_not_said_as_sharing(q: str) -> None:
    """ "Any idea why X" asks why X, "any suggestions on how …" asks how: not sharing."""
    assert shared_ask(q, q) is None


def test_the_phrase_model_was_bumped_for_the_list_asks() -> None:
    """Asks recorded before this pass said "whether you have some clear examples": the
    ledger says them again."""
    assert PHRASE_MODEL >= 10
