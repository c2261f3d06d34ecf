"""One planner: `show` says what `scan` does (issue 15 item 9).

A story of several asks to the same helpers — a check-in left unsent until a nudge
replaces it, two asks to Bob competing for his cooldown, an undated ask to Carol, a
delivery — is played on local files. At each moment, `show` is asked about every ask
first, then `scan` runs at the same `--now`: every ask `show` said is drafted now is
drafted, and no other. (`show` answers from the ledger, as of the last pass: what the
user did in the mail client since is learnt by the next scan.)
"""

from __future__ import annotations

import json
from pathlib import Path

from integration.scenario import BOB, CAROL, ME, LocalWorkspace, message
from workspace import Mail

ASKS = [
    ("deck", BOB, "Could you review the Q3 deck by Friday 13 November?"),
    ("budget", BOB, "Could you send me the budget numbers by Wednesday 4 November?"),
    ("intro", CAROL, "Could you introduce me to the Acme CTO?"),
    ("slides", CAROL, "Could you send me your conference slides by Monday 9 November?"),
]
MOMENTS = [
    "2026-11-02T17:00",
    "2026-11-05T10:00",
    "2026-11-06T10:00",
    "2026-11-09T10:00",
    "2026-11-10T10:00",
    "2026-11-12T10:00",
    "2026-11-16T10:00",
    "2026-11-17T10:00",
    "2026-11-18T10:00",
    "2026-11-20T10:00",
    "2026-11-23T10:00",
    "2026-11-25T10:00",
    "2026-11-30T10:00",
]


def _asks_mail() -> list[Mail]:
    return [
        Mail(
            key,
            message(
                sender=ME,
                to=to,
                subject=f"About the {key}",
                date="2026-11-02T10:00",
                message_id=f"{key}@example.org",
                body=f"Hi,\n\n{text}\n\nAlex\n",
            ),
        )
        for key, to, text in ASKS
    ]


def _next_line(shown: str) -> str:
    [line] = [ln for ln in shown.splitlines() if ln.startswith("next: ")]
    return line


def _drafted_ids(ws: LocalWorkspace) -> dict[str, str]:
    rows = json.loads(ws.cli("drafts", "--json", "--all"))
    return {r["id"]: r["ask_id"] for r in rows if r["state"] != "skipped"}


def test_show_and_scan_give_the_same_answer(tmp_path: Path) -> None:
    ws = LocalWorkspace(tmp_path)
    ws.deliver(ws.sent, _asks_mail())
    ws.cli("scan", now=MOMENTS[0])
    ids = {key: row["id"] for key, row in ws.asks().items()}
    assert set(ids) == {f"{k}@example.org" for k, _, _ in ASKS}
    said: dict[str, list[str]] = {}
    for now in MOMENTS[1:]:
        if now == "2026-11-12T10:00":  # the user sends Bob's pending drafts as they are
            for path in sorted((ws.drafts / "cur").iterdir()):
                if BOB[1].encode() in path.read_bytes():
                    (ws.sent / "cur" / path.name.replace(":2,DS", ":2,S")).write_bytes(
                        path.read_bytes()
                    )
                    path.unlink()
            ws.cli("scan", now="2026-11-11T18:00")  # `show` answers from the last pass
        if now == "2026-11-18T10:00":  # Carol delivers the slides
            reply = message(
                sender=CAROL,
                to=ME,
                subject="Re: About the slides",
                date="2026-11-17T16:00",
                message_id="slides-done@example.org",
                in_reply_to="slides@example.org",
                body="Here they are, attached.\n\nCarol\n",
                attachment="slides.pdf",
            )
            ws.deliver(ws.inbox, [Mail("slides-done", reply)])
            ws.cli("scan", now="2026-11-17T16:30")
        lines = {key: _next_line(ws.cli("show", aid, now=now)) for key, aid in ids.items()}
        before = _drafted_ids(ws)
        ws.cli("scan", now=now)
        new = {fid: ask for fid, ask in _drafted_ids(ws).items() if fid not in before}
        drafted_for = sorted(new.values())
        announced = sorted(ids[k] for k, line in lines.items() if " now (due " in line)
        assert drafted_for == announced, (now, lines, new)
        for key, line in lines.items():
            said.setdefault(line, []).append(f"{now} {key}")
    # the story holds the cases that disagreed before: steps drafted now and later, a
    # step held back by the cooldown, drafts waiting, a stale check-in replaced
    kinds = {line.split(" ", 2)[1] for line in said}
    assert {"checkin", "nudge", "draft"} <= kinds, said
    assert any("it waits: cooldown" in line for line in said), said
    assert any(" on " in line for line in said), said
    assert (
        "2026-11-18T10:00 slides@example.org"
        in said[
            f"next: draft {ids['slides@example.org']}-thanks is waiting for you to send, edit or "
            "delete it"
        ]
    )
    states = {r["id"]: r["state"] for r in json.loads(ws.cli("drafts", "--json", "--all"))}
    assert states[f"{ids['slides@example.org']}-checkin"] == "replaced"
