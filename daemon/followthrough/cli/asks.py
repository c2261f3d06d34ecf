"""The commands about asks: `asks`, `show`, `done`, `declined`, `cancel`, `state`,
`track`, `outcome`, `praise`. They parse, call the ledger and the engine, and render."""

from __future__ import annotations

import json

from followthrough.cli.context import Context
from followthrough.cli.relations import plan_b_lines
from followthrough.cli.render import ask_json, day_text, said
from followthrough.config.contacts import load_contacts
from followthrough.detect.kind import KIND_MEANING
from followthrough.engine import manual
from followthrough.engine.planner import Planner, managers_of
from followthrough.errors import UsageError
from followthrough.model import ACTIVE_STATES, AskState


def cmd_asks(ctx: Context) -> int:
    from followthrough.engine.digest import outcome_overdue

    with ctx.ledger() as ledger:
        status = "suggested" if ctx.args.suggested else "tracked"
        asks = ledger.asks(status=status)
        if not ctx.args.all:
            asks = [a for a in asks if a.state not in ("closed", "cancelled")]
    if ctx.args.json:
        rows = [
            {**ask_json(a), "outcome_due": outcome_overdue(a, ctx.settings, ctx.now)} for a in asks
        ]
        ctx.print(json.dumps(rows, indent=2))
        return 0
    if not asks:
        ctx.print("no suggested asks." if ctx.args.suggested else "no open asks.")
        return 0
    tz = ctx.settings.timezone
    prompts = 0
    for a in asks:
        helpers = ", ".join(h.email for h in a.helpers)
        mark = ""
        if outcome_overdue(a, ctx.settings, ctx.now):
            mark, prompts = "  [outcome?]", prompts + 1
        ctx.print(
            f"{a.id:<7} {a.state:<12} due {day_text(a.due, tz):<15} {helpers:<30} "
            f"{said(a)[:60]}{mark}"
        )
    if prompts:
        ctx.print(
            f"\n{prompts} delivered ask(s) have no outcome yet: tell them how it turned out "
            "with `followthrough outcome ID TEXT`."
        )
    return 0


def cmd_show(ctx: Context) -> int:
    settings = ctx.settings
    with ctx.ledger() as ledger:
        ask = ledger.find_ask(ctx.args.id)
        events = ledger.events(ask.id)
        followups = ledger.followups(ask.id)
        sentence = manual.detected_sentence(ledger, ask)
        adjustment = ledger.detect_adjustment()
    tz = settings.timezone
    ctx.print(f"ask {ask.id}: {ask.what}")
    ctx.print(f"  state:   {ask.state}" + (f" ({ask.status})" if ask.status != "tracked" else ""))
    ctx.print(f"  helpers: {', '.join(str(h) for h in ask.helpers)}")
    ctx.print(f"  asked:   {day_text(ask.asked_at, tz)}")
    due = day_text(ask.due, tz) + (f"  (from {ask.due_phrase!r})" if ask.due_phrase else "")
    ctx.print(f"  due:     {due if ask.due else 'no date agreed'}")
    ctx.print(f"  source:  {ask.source_kind} {ask.source_key}")
    if ask.phrase is not None:
        phrase = ask.phrase
        ctx.print(f"  asked:   {phrase.sentence[:200]!r}")
        ctx.print(f"  kind:    {phrase.kind} ({KIND_MEANING.get(phrase.kind, 'unknown')})")
        ctx.print(
            f"  said as: {phrase.kind}; {phrase.gerund or '(no -ing form)'}; "
            f"topic {phrase.topic or '(none)'}"
        )
    if ask.due is None and ask.state in ACTIVE_STATES:
        pol = settings.policy
        ctx.print(
            f"  cadence: no date, so a check-in after {pol.checkin_quiet_days} quiet business "
            f"days, then a nudge after every {pol.undated_nudge_days} more, at most "
            f"{pol.nudge_max}"
        )
    if sentence is not None and adjustment:
        from followthrough.detect.corrections import explain_adjustment

        used = explain_adjustment(sentence, adjustment)
        if used:
            shown = ", ".join(f"{f} {w:+.2f}" for f, w in used[:4])
            ctx.print(f"  your corrections: {sum(w for _, w in used):+.2f} log-odds ({shown})")
    if ask.outcome:
        ctx.print(f"  outcome: {ask.outcome}")
    ctx.print("timeline:")
    for e in events:
        line = f"  {e.at.astimezone(tz):%Y-%m-%d %H:%M}  {e.kind:<22} {e.detail}"
        ctx.print(line)
        if e.rule:
            ctx.print(f"{'':<20}rule: {e.rule}")
        if e.evidence:
            ctx.print(f"{'':<20}matched: {e.evidence[:160]!r}")
    for f in followups:
        where = f"  {f.draft_path}" if f.draft_path else ""
        state = "sent (edited)" if f.state == "edited" else f.state
        ctx.print(f"  follow-up {f.id}: {state}{where}")
    contacts = load_contacts(settings.contacts_path)
    managers = managers_of(ask, contacts, settings.user.email)
    if ask.praise:
        ctx.print(
            f"praise: on delivery, a note to {', '.join(str(m) for m in managers)}"
            if managers
            else f"praise: on, but no helper's manager is in {settings.contacts_path}"
        )
    with ctx.ledger() as ledger:
        for line in plan_b_lines(ask, followups, ledger, settings, ctx.now):
            ctx.print(line)
    with ctx.ledger() as ledger:  # the same answer the pass acts on
        step = Planner(ledger, settings, ctx.now, contacts).step_for(ask)
    ctx.print(step.line(tz))
    return 0


def _set_state(ctx: Context, state: AskState, rule: str, *, not_an_ask: bool = False) -> int:
    with ctx.ledger() as ledger:
        change = manual.set_state(
            ledger, ctx.args.id, state, ctx.now, rule=rule, not_an_ask=not_an_ask
        )
    if not change.changed:
        ctx.print(f"ask {change.ask.id} is already {state}.")
        return 0
    ctx.print(f"ask {change.ask.id}: {change.ask.state} → {state}.")
    if change.learned:
        ctx.print("  noted: similar sentences in later mail will not be taken for an ask.")
    return 0


def cmd_done(ctx: Context) -> int:
    return _set_state(ctx, "delivered", "you said: done")


def cmd_declined(ctx: Context) -> int:
    return _set_state(ctx, "declined", "you said: declined")


def cmd_cancel(ctx: Context) -> int:
    return _set_state(ctx, "cancelled", "you said: cancel")


def cmd_state(ctx: Context) -> int:
    if ctx.args.state == "not-an-ask":
        return _set_state(ctx, "cancelled", "you said: not an ask", not_an_ask=True)
    return _set_state(ctx, ctx.args.state, f"you corrected it to {ctx.args.state}")


def cmd_track(ctx: Context) -> int:
    with ctx.ledger() as ledger:
        ask = manual.track(ledger, ctx.args.id, ctx.now)
    ctx.print(f"ask {ask.id} is now tracked.")
    return 0


def cmd_outcome(ctx: Context) -> int:
    text = " ".join(ctx.args.text).strip()
    if not text:
        raise UsageError(
            "outcome: say how it turned out, e.g. `followthrough outcome ID got the job`"
        )
    with ctx.ledger() as ledger:
        ask = manual.record_outcome(ledger, ctx.args.id, text, ctx.now)
    ctx.print(f"ask {ask.id}: outcome recorded; an outcome note will be drafted on the next scan.")
    return 0


def cmd_praise(ctx: Context) -> int:
    settings = ctx.settings
    with ctx.ledger() as ledger:
        ask = manual.set_praise(ledger, ctx.args.id, not ctx.args.off, ctx.now)
    if ctx.args.off:
        ctx.print(f"ask {ask.id}: no praise note.")
        return 0
    managers = managers_of(ask, load_contacts(settings.contacts_path), settings.user.email)
    if managers:
        who = ", ".join(str(m) for m in managers)
        ctx.print(f"ask {ask.id}: on delivery, a praise note to {who} will be drafted.")
    else:
        ctx.print(
            f"ask {ask.id}: praise is on, but no helper's manager is known: add them to "
            f"{settings.contacts_path} ([[contact]] with email and manager)."
        )
    return 0
