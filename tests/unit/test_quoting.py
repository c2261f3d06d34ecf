"""Issue 18, point 4: quoted and forwarded text as clients write it — Outlook header
blocks in many languages, Lotus Notes inline forms, "|" quoting, and the talon HTML
replies (Gmail, Hotmail, mail.ru, Outlook 2003-2010, Thunderbird, Windows Mail, Yandex)."""

from __future__ import annotations

from pathlib import Path

import pytest

from followthrough.backends.mail.body import html_to_text
from followthrough.detect import classify_reply, segment_text
from shared_data import SHARED_DATA

TALON = SHARED_DATA / "mail" / "talon"


@pytest.mark.parametrize(
    "path",
    [*sorted((TALON / "html_replies").glob("*.html"))],
    ids=lambda p: Path(p).stem,
)
def test_talon_html_replies_new_text(path: Path) -> None:
    seg = segment_text(html_to_text(path.read_text(errors="replace")))
    assert seg.new == "Hi. I am fine."
    assert "Hello! How are you?" in seg.quoted
    assert seg.signature.startswith("Thanks,")


def test_pipe_quoting_is_quoted_and_its_question_is_not_the_helpers() -> None:
    text = (
        "Done, the deck is attached.\n\n"
        "Alex Morgan wrote:\n"
        "  | Hi Bob,\n"
        "  | Could you review the Q3 deck by Friday?\n"
        "  | Thanks, Alex\n"
    )
    seg = segment_text(text)
    assert seg.new == "Done, the deck is attached."
    assert "Could you review" in seg.quoted
    reply = classify_reply("Thanks, will do.\n\n" + text.split("\n\n", 1)[1], (), "")
    assert reply.kind != "question"


def test_a_single_pipe_line_is_a_table_not_a_quote() -> None:
    text = "Here are the numbers:\n| Q3 | 12 |\nCan you check them?"
    assert segment_text(text).new == text


def test_lotus_notes_column_layout() -> None:
    text = (
        "Please handle this one.\n\n"
        "                      Bob Jones                                                   \n"
        "                      <bob@example.com>        To:       alex@example.com        \n"
        "                      03/10/2026 04:30         cc:                               \n"
        "                      PM                       Subject:  Q3 deck                 \n"
        "\n"
        "Could you review the Q3 deck by Friday?\n"
    )
    seg = segment_text(text)
    assert seg.new == "Please handle this one."
    assert "Could you review" in seg.quoted


def test_lotus_notes_inline_forward() -> None:
    text = (
        "FYI, see below.\n\n"
        "----- Forwarded by Alex Morgan/ACME on 03/11/2026 10:00 AM -----\n\n"
        "Bob Jones/ACME\n03/10/2026 04:30 PM\n"
        "To: Alex Morgan/ACME@ACME\ncc:\nSubject: Q3 deck\n\n"
        "Could you review the Q3 deck by Friday?\n"
    )
    seg = segment_text(text)
    assert seg.new == "FYI, see below."
    assert "Could you review" in seg.quoted


@pytest.mark.parametrize(
    "header",
    [
        "From: Bob\nSent: Monday, 2 November 2026 10:00\nTo: Alex\nSubject: Q3",
        "Von: Bob\nGesendet: Montag, 2. November 2026 10:00\nAn: Alex\nBetreff: Q3",
        "De : Bob\nEnvoyé : lundi 2 novembre 2026 10:00\nÀ : Alex\nObjet : Q3",
        "De: Bob\nEnviado el: lunes, 2 de noviembre de 2026 10:00\nPara: Alex\nAsunto: Q3",
        "Da: Bob\nInviato: lunedì 2 novembre 2026 10:00\nA: Alex\nOggetto: Q3",
        "Van: Bob\nVerzonden: maandag 2 november 2026 10:00\nAan: Alex\nOnderwerp: Q3",
        "Från: Bob\nSkickat: den 2 november 2026 10:00\nTill: Alex\nÄmne: Q3",
        "Od: Bob\nWysłano: poniedziałek, 2 listopada 2026 10:00\nDo: Alex\nTemat: Q3",
        "От: Bob\nОтправлено: 2 ноября 2026 г. 10:00\nКому: Alex\nТема: Q3",
        "差出人: Bob\n送信日時: 2026年11月2日 10:00\n宛先: Alex\n件名: Q3",
        "Date: Mon, 2 Nov 2026 10:00\nSubject: Q3\nFrom: Bob\nTo: Alex",
    ],
    ids=["en", "de", "fr", "es", "it", "nl", "sv", "pl", "ru", "ja", "hotmail-order"],
)
def test_outlook_header_blocks_in_many_languages(header: str) -> None:
    text = f"Sure, Friday works.\n\n{header}\n\nCould you review the Q3 deck by Friday?\n"
    seg = segment_text(text)
    assert seg.new == "Sure, Friday works."
    assert "Could you review" in seg.quoted
