"""Issue 17, seventh round: text the writer pasted, challenges and favours without a day.

An earlier message pasted under a rule below the writer's sign-off, a clipping between
scissors lines and lines quoted with a mark of the writer's own making ("--]", "&>") are
not the writer's asks (``detect/pasted.py``); a challenge in an argument ("I encourage you
to refute …", "prove me wrong"), a favour for the reader's next visit, a condition on what
the reader means to do ("if you intend to mirror the site, please …") and "has anyone
considered the fact that …" are at most suggested; a question reported after "asks
friend" and "Can you say X, boys and girls?" ask nothing. Recall: "Comments
appreciated.", "Any help gratefully received." and "would appreciate info on …" are clear
asks; so
is a question with "free" in its plain sense ("some other free utility"), and a traceback's
frame ('File "x.py", line 88, in ?') is no question; "offer some insight", "an account on
the box" and "per-user preferences" are no sales words, and a question after a thank-you
("thanks for the pointer, any idea why it still fails?") is no social line; "free" for a
person's time ("Are you free on Thursday for a call?") is no sales word either, nor are
office work's nouns in a request to do that work ("Could you approve the purchase order?",
"Can you review the deal memo?"); and what the writer still needs or waits for from the
reader ("We still need your timesheet", "Waiting on your sign-off …") is a clear ask. Nostalgia
("anyone remember the old …?") is at most suggested, a bare need before a way to reach
the writer ("Need a hand? Give me a shout.") is an offer, and an idiom after "please" or
"oh" ("Please, spare me the lecture.") asks nothing, nor do someone else's words after
a colon ("The vendor wrote back: Please confirm …") or a note to self; a request after a
short label ("One more thing: please review the budget.") is a request frame.

Every sentence here is written for these tests (none is taken from a labelled sample).
The table's rows are a message body and what the detector must make of its best ask:
``tracked``, ``suggested`` (found, not tracked) or ``not`` (nothing suggested); with a
sentence, the best ask must be that sentence.
"""

from __future__ import annotations

import pytest

from detect_helpers import SENT, TRACK, band_of
from followthrough.detect import detect_request
from followthrough.detect.pasted import pasted_sentences
from followthrough.detect.request import _candidates
from followthrough.detect.segment import segment_text

PASTED_UNDER_RULE = """Hi Dara,

Did you try the vendor's own driver, or the one the distro ships?

Niamh

----------------------------------
Hello all,

My scanner stopped working after the upgrade and I can't find out why.
If anybody has any ideas, please let me know.

Thanks
Tom
"""

OWN_NOTES_UNDER_RULE = """Hi all,

Notes from today are below.

----------------------------------
Action items:
Could you send me the revised budget by Friday?
"""

CLIPPING = """The vendor's answer is below; it doesn't say which firmware they mean.

----8<----
Dear customer,
Please send us the serial number of the unit and a copy of your receipt.
----8<----

Does anyone know which firmware they mean?
"""

OWN_MARK_QUOTE = """--] Has anybody here run the new kernel on a laptop?
--] Could you tell me how the battery holds up?

Mine runs fine, though suspend is still flaky. I'll post numbers next week.
"""

TRACEBACK = """The trainer fails on the second pass:

Traceback (most recent call last):
File "trainer.py", line 88, in ?
main()

It runs once I copy the file by hand, but shouldn't the loader fall back to a default?
"""

# (``segment`` reads a supercite name of at most six letters; a longer one is left here)
SUPERCITE_LEFT_OVER = """>>>>> On Tue, 3 Sep 2002, "Margaret" == Margaret Ngata wrote:

  Margaret> I'd like to read my maildir folders from the laptop over imap, and
  Margaret> keep the flags in step. Does anyone know of a server that can do
  Margaret> this?

No server I know of does it well; mounting the folders over sshfs is the usual way.
"""

ROWS: list[tuple[str, str, str | None]] = [
    # ---- pasted text: the writer's own question wins, the pasted one is not theirs
    (PASTED_UNDER_RULE, "suggested", "Did you try the vendor's own driver"),
    (CLIPPING, "tracked", "Does anyone know which firmware they mean?"),
    (OWN_MARK_QUOTE, "not", None),
    (SUPERCITE_LEFT_OVER, "not", None),
    # a rule under the writer's own notes, with no sign-off above it, is still theirs
    (OWN_NOTES_UNDER_RULE, "tracked", "Could you send me the revised budget by Friday?"),
    # ---- challenges and favours without a day: at most suggested
    ("I encourage you to refute any step of this argument.", "suggested", None),
    ("I challenge anyone to disprove the numbers in the table.", "not", None),
    ("Go ahead, prove me wrong.", "not", None),
    ("Could you debunk the claim that the cache is the culprit?", "suggested", None),
    (
        "Any chance you could bring the spare router next time you're in the office?",
        "suggested",
        None,
    ),
    ("Next time you're passing through Galway, could you drop off the manuals?", "suggested", None),
    ("If you're ever in Leeds, could you bring the old tapes along?", "suggested", None),
    ("If you intend to mirror the archive, please read the conditions first.", "suggested", None),
    ("If you plan to come to the workshop, please register on the wiki.", "suggested", None),
    ("Has anyone considered the fact that the outages follow the backups?", "suggested", None),
    # ---- the same requests with a day or without the condition stay tracked
    ("I encourage you to send your comments on the draft by Friday.", "tracked", None),
    ("Any chance you could bring the spare router to Monday's meeting?", "tracked", None),
    ("Could you drop off the manuals when you come by on Thursday?", "tracked", None),
    ("Could you send me the crash log next time it hangs?", "tracked", None),
    ("Can you name the supplier who shipped the faulty batch?", "tracked", None),
    ("Has anyone noticed that the nightly build is broken?", "tracked", None),
    ("If you decide to go ahead, please send me the signed order.", "tracked", None),
    # ---- reported speech and a word held up ask nothing
    ('Then the parrot asks the sailor "could you pass me a cracker?"', "not", None),
    ('My neighbour asked his landlord, "could you fix the boiler?"', "not", None),
    ('Can you say "vendor lock-in", boys and girls?', "not", None),
    ("Can you say that again, folks?", "tracked", None),
    ('Could you read what Priya said about "the migration"?', "tracked", None),
    # ---- recall: asks said without their verb or their subject
    ("Here is the patch for the import bug.\n\nComments appreciated.", "tracked", "Comments"),
    ("I rewrote the parser over the weekend.\n\nFeedback welcome!", "tracked", "Feedback"),
    ("Any help gratefully received.", "tracked", None),
    ("Help appreciated.", "tracked", None),
    (
        "I can't get fetchmail to talk to the server .... would appreciate info on any guide",
        "tracked",
        None,
    ),
    (
        "I was wondering whether there's a free utility to turn Word files into plain text?",
        "suggested",
        None,
    ),
    (TRACEBACK, "suggested", "It runs once I copy the file"),
    ("The default is too trusting and I encourage you to lower the score.", "tracked", None),
    ("Get your FREE gift card now, just reply with your address!", "not", None),
    ("Can anyone offer some insight into this linker error?", "tracked", None),
    ("Do you have an account on the build box?", "suggested", None),
    ("Want to save on your account? Click here for a free offer!", "not", None),
    ("Please update your preferences to keep receiving the newsletter.", "not", None),
    ("thanks for the pointer, any idea why it still segfaults?", "suggested", None),
    ("Thanks again - does the patch apply to 2.4 as well?", "suggested", None),
    ("Hope you're well, how was the trip?", "not", None),
    ("Thanks for your help, have a great weekend!", "not", None),
    ("Anyone remember the old dial-up chirp?", "suggested", None),
    ("Does anybody remember when modems made that noise?", "suggested", None),
    ("Anyone remember the URL for the archive?", "tracked", None),
    ("Need a hand? Give me a shout.", "suggested", "Need a hand?"),
    ("Interested? Drop me a line.", "not", None),
    ("Need the figures? Could you send me the budget first?", "tracked", "Could you send"),
    ("Please, spare me the lecture.", "not", None),
    ("Oh please, give me a break.", "not", None),
    ("Please give me a call tomorrow.", "tracked", None),
    ("The vendor wrote back: Please confirm your shipping address.", "not", None),
    ("Ann asked: could you resend the slides?", "not", None),
    ("Re what you asked: could you check the logs again?", "tracked", None),
    ("Quick question: could you resend the slides?", "tracked", None),
    ("One more thing: please review the budget.", "tracked", None),
    ("Last thing - please send me the slides.", "tracked", None),
    ("The bottom line: please note the office is closed Monday.", "not", None),
    ("Note to self: please remember the keys.", "not", None),
    ("Could you review my note to self about the keys?", "tracked", None),
    ("Let me know when you're free next week.", "tracked", None),
    ("Are you free on Thursday for a call?", "tracked", None),
    ("Is anyone free tomorrow to cover the desk?", "tracked", None),
    ("Try it free for 30 days, just reply YES.", "not", None),
    ("Hope you had a great weekend, did you get to the coast?", "not", None),
    ("Could you approve the purchase order for the new laptops?", "tracked", None),
    ("Could you check whether the offer letter went out to Priya?", "tracked", None),
    ("Can you review the deal memo before Friday?", "tracked", None),
    ("Could you draft this month's newsletter?", "tracked", None),
    ("Can you update the client's account details in the CRM?", "tracked", None),
    ("Please let me know your seating preferences for the dinner.", "tracked", None),
    ("Please take advantage of this special offer today!", "not", None),
    ("Please click here to claim your free offer.", "not", None),
    ("Could you use a better deal on your mortgage?", "not", None),
    ("Please confirm your account details to avoid suspension.", "not", None),
    ("Please confirm your social media account to keep your discount.", "not", None),
    ("Please send all questions regarding the Auctions Newsletter to our help desk.", "not", None),
    ("We still need your timesheet for October.", "tracked", None),
    ("Waiting on your sign-off for the Q3 forecast.", "tracked", None),
    ("I'm still waiting for your reply about the venue.", "tracked", None),
    ("Need your approval on the PO by EOD.", "tracked", None),
    ("Awaiting your confirmation.", "tracked", None),
    ("We don't need your approval for this.", "not", None),
    ("They need your approval before Friday.", "not", None),
    ("Comments received, thanks.", "not", None),
    ("Comments received.", "not", None),
    ("They would appreciate help with the move.", "not", None),
]


@pytest.mark.parametrize(("body", "band", "sentence"), ROWS)
def test_table(body: str, band: str, sentence: str | None) -> None:
    hit = detect_request(body, SENT)
    got = band_of(hit.confidence if hit is not None else 0.0)
    assert got == band, (body, hit)
    if sentence is not None:
        assert hit is not None and hit.sentence.startswith(sentence), hit


def test_the_table_has_thirty_rows_of_its_own() -> None:
    assert len(ROWS) >= 30


def _pasted(body: str) -> list[str]:
    sentences = _candidates(body)
    return [sentences[i][0] for i in sorted(pasted_sentences(body, sentences))]


def test_a_letter_under_a_rule_below_a_sign_off_is_pasted_to_the_end() -> None:
    pasted = _pasted(PASTED_UNDER_RULE)
    assert pasted[0].startswith("-----") and pasted[-1] == "Tom"
    assert not any("vendor's own driver" in s for s in pasted)


def test_a_rule_without_a_sign_off_above_it_pastes_nothing() -> None:
    assert _pasted(OWN_NOTES_UNDER_RULE) == []


def test_a_rule_below_a_sign_off_over_text_that_is_no_letter_pastes_nothing() -> None:
    body = "Try the second driver.\n\nNiamh\n\n--------------------\nSlides: on the wiki.\n"
    assert _pasted(body) == []


def test_a_clipping_ends_at_its_second_scissors_line() -> None:
    pasted = _pasted(CLIPPING)
    assert any("serial number" in s for s in pasted)
    assert not any("which firmware" in s for s in pasted)


@pytest.mark.parametrize(
    "body",
    [
        "-> Could you send me the log?\n-> Could you send me the config?\n",
        "=> Please review the plan.\n=> Please sign the form.\n",
        "[ ] Could you book the room?\n[ ] Could you order lunch?\n",
    ],
)
def test_arrows_and_check_boxes_are_not_quote_marks(body: str) -> None:
    assert _pasted(body) == []
    hit = detect_request(body, SENT)
    assert hit is not None and hit.confidence >= TRACK


def test_a_long_supercite_name_quotes_its_lines_even_inside_a_sentence() -> None:
    new = segment_text(SUPERCITE_LEFT_OVER).new
    assert "Margaret>" in new  # (what this test is about: segment left them)
    assert any("Does anyone know" in s for s in _pasted(new))


def test_a_mark_on_one_line_only_quotes_nothing() -> None:
    assert _pasted("--] a one-off aside\nCould you send me the log?\n") == []
