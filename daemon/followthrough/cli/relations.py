"""The commands for relationships beyond single asks: `note`, `requests`, `did`,
`planb`, and the Plan B lines `show` prints. Registered by ``followthrough.cli.main``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from followthrough.cli.context import Context, Handler
from followthrough.config.settings import Settings
from followthrough.engine import people
from followthrough.engine.compose import Composer
from followthrough.engine.relations import last_helped
from followthrough.errors import UsageError
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Request, RequestState
from followthrough.model import Ask, Followup

Add = Callable[[str, Handler, str], argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add("note", cmd_note, "add a note to the agenda of your next check-in with someone")
    p.add_argument("person", help="their email, or a name followthrough knows")
    p.add_argument("text", nargs="+", help='e.g. "the offsite budget"')
    p = add("requests", cmd_requests, "what others asked of you, recent helpers first")
    p.add_argument("--all", action="store_true", help="include the ones you have done")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("did", cmd_did, "mark a request made of you done (`requests` lists them)")
    p.add_argument("id", help="request id (a unique prefix is enough)")
    p.add_argument("--undo", action="store_true", help="open it again")
    p = add(
        "planb",
        cmd_planb,
        "who else could help with a declined or stalled ask; with a choice, draft the request",
    )
    p.add_argument("id", help="ask id")
    p.add_argument(
        "choice", nargs="?", help="a number from the list, or an email: draft the request"
    )


# --- Plan B ------------------------------------------------------------------------------


def plan_b_lines(
    ask: Ask, followups: list[Followup], ledger: Ledger, settings: Settings, now: datetime
) -> list[str]:
    reason, found = people.alternatives_for(ask, followups, ledger, settings, now)
    if reason is None:
        return []
    lines = [f"plan B ({reason}):"]
    if not found:
        lines.append("  no one in your ledger has helped with something similar yet")
    for i, alt in enumerate(found, 1):
        lines.append(f"  {i}. {alt.person}: {'; '.join(alt.reasons)}")
    if found:
        lines.append(f"  draft the request: followthrough planb {ask.id} 1")
    return lines


def cmd_planb(ctx: Context) -> int:
    from followthrough.backends.registry import open_account
    from followthrough.engine.planb import draft_plan_b_request

    settings = ctx.settings
    with ctx.ledger() as ledger:
        ask = ledger.find_ask(ctx.args.id)
        followups = ledger.followups(ask.id)
        reason, found = people.alternatives_for(ask, followups, ledger, settings, ctx.now)
        if reason is None:
            done = [e for e in ledger.events(ask.id) if e.kind == "planb"]
            if done:
                raise UsageError(f"ask {ask.id}: Plan B already chosen ({done[-1].detail})")
            raise UsageError(
                f"ask {ask.id} is {ask.state}: Plan B is for an ask that was declined or "
                "got no delivery after its last nudge"
            )
        if not ctx.args.choice:
            for line in plan_b_lines(ask, followups, ledger, settings, ctx.now):
                ctx.print(line)
            return 0
        choice = ctx.args.choice.strip().lower()
        picked = [a for a in found if a.person.email == choice]
        if choice.isdigit() and 1 <= int(choice) <= len(found):
            picked = [found[int(choice) - 1]]
        if not picked:
            raise UsageError(
                f"planb: {ctx.args.choice!r} is not one of the {len(found)} alternatives "
                f"(`followthrough planb {ask.id}` lists them)"
            )
        account = open_account(settings, ctx.now)
        try:
            new, followup = draft_plan_b_request(
                settings,
                ledger,
                account,
                Composer(settings.templates_dir),
                ask,
                picked[0],
                ctx.now,
            )
        finally:
            account.close()
    ctx.print(
        f"new ask {new.id} of {picked[0].person}: the request is in your Drafts "
        f"({followup.id}), waiting for you to send it."
    )
    if followup.draft_path:
        ctx.print(f"  {followup.draft_path}")
    if ask.state in ("open", "acknowledged"):
        ctx.print(f"  ask {ask.id} stays open: `followthrough cancel {ask.id}` if it is over.")
    return 0


# --- notes for the next check-in -----------------------------------------------------------


def cmd_note(ctx: Context) -> int:
    text = " ".join(ctx.args.text).strip()
    if not text:
        raise UsageError("note: say what to bring up, e.g. `followthrough note bob the budget`")
    with ctx.ledger() as ledger:
        person = people.resolve_person(ledger, ctx.settings, ctx.args.person)
        with ledger.transaction():
            ledger.record_note(person, text, ctx.now)
        checkin = people.next_checkin(ledger, person, ctx.now)
    if checkin is not None:
        when = checkin.start.astimezone(ctx.settings.timezone)
        ctx.print(
            f"noted for your next check-in with {person} ({checkin.summary}, {when:%a %d %b})."
        )
    else:
        ctx.print(
            f"noted. No standing check-in with {person} is on your calendar yet: the note "
            f"goes into the first agenda once one is (a recurring entry tagged "
            f"#{ctx.settings.relations.checkin_tag})."
        )
    return 0


# --- asks made of you ---------------------------------------------------------------------------


def _request_json(r: Request, helped: datetime | None) -> dict[str, Any]:
    return {
        "id": r.id,
        "from": r.sender.email,
        "what": r.what,
        "subject": r.subject,
        "state": r.state,
        "asked_at": r.asked_at.isoformat(),
        "due": r.due.isoformat() if r.due else None,
        "they_last_helped": helped.isoformat() if helped else None,
    }


def cmd_requests(ctx: Context) -> int:
    settings = ctx.settings
    tz = settings.timezone
    with ctx.ledger() as ledger:
        requests = people.ordered_requests(ledger, settings, ctx.now, all_=ctx.args.all)
        helped = last_helped(ledger.asks())
    if ctx.args.json:
        ctx.print(
            json.dumps([_request_json(r, helped.get(r.sender.email)) for r in requests], indent=2)
        )
        return 0
    if not requests:
        ctx.print("nothing asked of you is waiting.")
        return 0
    for r in requests:
        who = r.sender.name or r.sender.email
        due = f", due {r.due.astimezone(tz):%a %d %b}" if r.due else ""
        ctx.print(f"{r.id:<7} {r.state:<9} {who[:24]:<24} {r.what[:60]}{due}")
        at = helped.get(r.sender.email)
        if at is not None:
            ctx.print(f"{'':<8}↳ they helped you on {at.astimezone(tz):%a %d %b}")
    ctx.print("\nwhen one is done: followthrough did ID")
    return 0


def cmd_did(ctx: Context) -> int:
    with ctx.ledger() as ledger, ledger.transaction():
        r = ledger.find_request(ctx.args.id)
        state: RequestState = "open" if ctx.args.undo else "done"
        moved = ledger.record_request_state(r.message_id, state, ctx.now, force=True)
    if not moved:
        ctx.print(f"request {r.id} is already {state}.")
    else:
        ctx.print(f"request {r.id} from {r.sender.email}: {r.state} → {state}.")
    return 0
