"""The `followthrough` command. Errors are caught in one place (``main``) and printed
without a traceback unless ``-v`` is given."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from followthrough import __version__
from followthrough.backends.registry import Needed, open_account
from followthrough.config.contacts import load_contacts
from followthrough.config.secrets import SecretRef
from followthrough.config.settings import (
    Settings,
    default_config_path,
    guess_state_dir,
    load_settings,
)
from followthrough.config.voice import decide_locale
from followthrough.engine.compose import Composer, shipped_templates_dir
from followthrough.engine.drafting import TEMPLATE_FOR
from followthrough.engine.planner import KIND_WORDS, Planner, managers_of
from followthrough.engine.policy import (
    Calendar,
)
from followthrough.engine.scan import ScanSummary
from followthrough.errors import ConfigError, FollowthroughError, LedgerError, UsageError
from followthrough.ledger.db import LEDGER_FAILURES, Ledger
from followthrough.model import ACTIVE_STATES, Ask, AskState, Followup
from followthrough.service.runner import (
    Daemon,
    OwnLogsOnly,
    collect_status,
    configure_logging,
    run_locked_pass,
)

log = logging.getLogger("followthrough")


@dataclass(slots=True)
class Context:
    """What every command gets: parsed options, the clock, and lazily the config."""

    args: argparse.Namespace
    now: datetime
    out: TextIO
    _settings: Settings | None = None

    @property
    def config_path(self) -> Path:
        # absolute: paths the ledger records (draft files) must not depend on the cwd
        return (
            Path(self.args.config).expanduser().absolute()
            if self.args.config
            else (default_config_path())
        )

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    @contextmanager
    def ledger(self) -> Any:
        ledger = Ledger(self.settings.ledger_path)
        try:
            yield ledger
        finally:
            ledger.close()


def parse_now(text: str | None, tz: Any = None) -> datetime:
    if not text:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--now: expected an ISO date-time like 2026-12-01T09:30, got {text!r}"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz or UTC)
    if not 1970 <= value.year <= 2999:  # lookbacks and due dates must fit in a datetime
        raise UsageError(f"--now: expected a date between 1970 and 2999, got {text!r}")
    return value


# --- commands ---------------------------------------------------------------------------


def run_scan(ctx: Context) -> ScanSummary:
    """One pass over the configured account; the same function the daemon calls.

    Takes the state directory's lock first, waiting a few seconds: one pass at a time.
    """
    return run_locked_pass(ctx.settings, ctx.now)


PREVIEW_SLACK = timedelta(minutes=1)
# commands that write to the mail account or the ledger (scan and `digest --draft`
# preview instead)
WRITES = {
    "run",
    "done",
    "declined",
    "cancel",
    "track",
    "praise",
    "state",
    "outcome",
    "review",
    "send",
}


def wall_clock() -> datetime:
    """The real time (a test pins it)."""
    return datetime.now(UTC)


def is_preview(ctx: Context) -> bool:
    """``--now`` in the future without ``--apply``: show what would happen, write nothing."""
    return bool(ctx.args.now) and not ctx.args.apply and ctx.now > wall_clock() + PREVIEW_SLACK


def cmd_scan(ctx: Context) -> int:
    if is_preview(ctx):
        return print_preview(ctx)
    summary = run_scan(ctx)
    ctx.print(summary.line())
    for item in summary.new_skipped:  # the known ones: `followthrough status`
        ctx.print(f"  skipped {item.where}: {item.why}")
    for error in summary.errors:
        ctx.print(f"  error: {error}")
    return 0


def cmd_run(ctx: Context) -> int:
    configure_logging(ctx.args.verbose, _local_zone(ctx))
    clock = (lambda: ctx.now) if ctx.args.now else None  # --now: a frozen clock, for tests
    daemon = Daemon(ctx.config_path, clock=clock, interval_seconds=ctx.args.interval_seconds)
    return daemon.run()


def _when(text: str | None, ctx: Context) -> str:
    if not text:
        return "-"
    moment = datetime.fromisoformat(text).astimezone(_local_zone(ctx))
    return f"{moment:%a %d %b %Y %H:%M:%S %Z}"


def _local_zone(ctx: Context) -> tzinfo | None:
    """The configured time zone; the system's when the config cannot be read."""
    try:
        return ctx.settings.timezone
    except ConfigError:
        return None


def cmd_status(ctx: Context) -> int:
    settings: Settings | None
    try:
        settings = ctx.settings
        state_dir = settings.state_dir
        problem = None
    except ConfigError as exc:  # the service may well run on the config it started with
        settings, state_dir, problem = None, guess_state_dir(ctx.config_path), exc
    info = collect_status(state_dir, ctx.now, settings)
    info["config"] = {
        "path": str(ctx.config_path),
        "ok": problem is None,
        "problems": [] if problem is None else [problem.message, *problem.problems],
    }
    if ctx.args.json:
        ctx.print(json.dumps(info, indent=2, sort_keys=True))
        return 0
    if problem is not None:
        ctx.print(f"config:     {ctx.config_path} has errors (fix them, then restart the service):")
        for line in info["config"]["problems"]:
            ctx.print(f"              {line}")
        ctx.print(
            "            a running service keeps the config it started with; "
            f"state read from {state_dir}"
        )
    daemon = info["daemon"]
    if daemon["running"]:
        ctx.print(f"daemon:     running (pid {daemon['pid']}, since {_when(daemon['since'], ctx)})")
    else:
        ctx.print(
            "daemon:     not running (`systemctl --user start followthrough`, "
            "or `followthrough run`)"
        )
    if info["pass_running"] is not None and info["pass_running"] != daemon["pid"]:
        ctx.print(f"now:        process {info['pass_running']} is running a pass (scan, review)")
    last = info["last_pass"]
    if last is None:
        ctx.print("last pass:  none yet")
    else:
        ctx.print(f"last pass:  {_when(last['started'], ctx)}  {last['result']}")
        ctx.print(f"            {last['summary']}")
        for error in last["errors"]:
            ctx.print(f"            error: {error}")
    if daemon["running"]:
        ctx.print(f"next pass:  {_when(info['next_pass'], ctx)}")
        ctx.print(f"digest:     {_when(info['next_digest'], ctx)}")
        if info["failures"]:
            ctx.print(
                f"failing:    {info['failures']} pass(es) in a row failed: {info['last_error']}; "
                "retrying with back-off"
            )
    n = info["drafts_waiting"]
    hint = " (`followthrough drafts`)" if n else ""
    ctx.print(f"drafts:     {n} waiting for your approval{hint}")
    skipped = info.get("skipped", [])
    if skipped:
        ctx.print(f"skipped:    {len(skipped)} bad item(s) the passes leave out:")
        for item in skipped[:10]:
            seen = _when(item["last_seen"], ctx)
            ctx.print(f"              {item['source']}: {item['why']} (last seen {seen})")
        if len(skipped) > 10:
            ctx.print(f"              … and {len(skipped) - 10} more (`status --json`)")
    coming = info.get("coming")
    if coming is not None:
        ctx.print(
            f"follow-ups: {coming['due']} due now, {coming['waiting']} held back "
            "(cooldown, daily cap)"
        )
        if coming["next"]:
            nxt = coming["next"]
            kind = KIND_WORDS.get(nxt["kind"], nxt["kind"])
            ctx.print(f"            next: a {kind} for ask {nxt['ask']}, {_when(nxt['at'], ctx)}")
    return 0 if problem is None else problem.exit_code


def _ask_json(ask: Ask) -> dict[str, Any]:
    return {
        "id": ask.id,
        "state": ask.state,
        "status": ask.status,
        "helpers": [h.email for h in ask.helpers],
        "what": ask.what,
        "asked_at": ask.asked_at.isoformat(),
        "due": ask.due.isoformat() if ask.due else None,
        "source": {"kind": ask.source_kind, "key": ask.source_key},
        "outcome": ask.outcome,
    }


def _day(dt: datetime | None, ctx: Context) -> str:
    if dt is None:
        return "-"
    return dt.astimezone(ctx.settings.timezone).strftime("%a %d %b %Y")


def _said(ask: Ask) -> str:
    """The ask as drafts say it (the phrase model's verb phrase), else what was recorded."""
    return ask.phrase.base if ask.phrase is not None and ask.phrase.base else ask.what


def cmd_asks(ctx: Context) -> int:
    from followthrough.engine.digest import outcome_overdue

    with ctx.ledger() as ledger:
        status = "suggested" if ctx.args.suggested else "tracked"
        asks = ledger.asks(status=status)
        if not ctx.args.all:
            asks = [a for a in asks if a.state not in ("closed", "cancelled")]
    if ctx.args.json:
        rows = [
            {**_ask_json(a), "outcome_due": outcome_overdue(a, ctx.settings, ctx.now)} for a in asks
        ]
        ctx.print(json.dumps(rows, indent=2))
        return 0
    if not asks:
        ctx.print("no suggested asks." if ctx.args.suggested else "no open asks.")
        return 0
    prompts = 0
    for a in asks:
        helpers = ", ".join(h.email for h in a.helpers)
        mark = ""
        if outcome_overdue(a, ctx.settings, ctx.now):
            mark, prompts = "  [outcome?]", prompts + 1
        ctx.print(
            f"{a.id:<7} {a.state:<12} due {_day(a.due, ctx):<15} {helpers:<30} "
            f"{_said(a)[:60]}{mark}"
        )
    if prompts:
        ctx.print(
            f"\n{prompts} delivered ask(s) have no outcome yet: tell them how it turned out "
            "with `followthrough outcome ID TEXT`."
        )
    return 0


def cmd_praise(ctx: Context) -> int:
    settings = ctx.settings
    with ctx.ledger() as ledger, ledger.transaction():
        ask = ledger.find_ask(ctx.args.id)
        ledger.update_ask_details(ask.id, praise=not ctx.args.off)
        ledger.record_event(
            ask.id,
            ctx.now,
            "praise",
            "off" if ctx.args.off else "on",
            rule="cli praise",
            source=f"cli:{ctx.now.isoformat()}",
        )
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


def print_preview(ctx: Context) -> int:
    """The pass at a future ``--now``, with nothing written: the drafts it would write."""
    from followthrough.engine.preview import preview_pass
    from followthrough.outbox import send as outbox

    settings = ctx.settings
    result = preview_pass(settings, ctx.now)
    when = ctx.now.astimezone(settings.timezone).strftime("%a %d %b %Y %H:%M %Z")
    ctx.print(
        f"preview of a pass on {when}: nothing is written to Drafts, Sent or the ledger "
        "(add --apply to write it)"
    )
    ctx.print(result.summary.line().replace("drafts written", "drafts it would write"))
    for item in result.summary.skipped:
        ctx.print(f"  skipped {item.where}: {item.why}")
    for error in result.summary.errors:
        ctx.print(f"  error: {error}")
    for ref in result.removed:
        ctx.print(f"  it would remove the draft {ref} (a newer step replaces it)")
    for number, draft in enumerate(result.drafts, 1):
        ctx.print()
        label = draft.get("X-Followthrough-Followup") or f"{number} of {len(result.drafts)}"
        ctx.print(f"--- would draft {label} ---")
        for name in ("To", "Cc", "Subject"):
            if draft.get(name):
                ctx.print(f"{name + ':':<8} {draft[name]}")
        ctx.print()
        ctx.print(outbox.body_text(draft).rstrip("\n"))
    return 0


def cmd_digest(ctx: Context) -> int:
    from followthrough.engine.digest import decide_digest, render_digest, write_digest_draft

    settings = ctx.settings
    composer = Composer(settings.templates_dir)
    with ctx.ledger() as ledger:
        if ctx.args.draft and is_preview(ctx):
            ctx.print("preview (--now is in the future): the digest is not saved (add --apply)")
        elif ctx.args.draft:
            account = open_account(settings)
            try:
                ref = write_digest_draft(settings, ledger, account, composer, ctx.now)
            finally:
                account.close()
            ctx.print(
                "digest draft written."
                if ref
                else "no digest draft: one was already written today, or there is nothing to say."
            )
            return 0
        subject, body = render_digest(decide_digest(ledger, settings, ctx.now), settings, composer)
    ctx.print(subject)
    ctx.print()
    ctx.print(body.rstrip())
    return 0


def cmd_people(ctx: Context) -> int:
    from followthrough.engine.digest import summarize_people

    with ctx.ledger() as ledger:
        people = summarize_people(ledger)
    if ctx.args.json:
        ctx.print(json.dumps([p.as_json() for p in people], indent=2))
        return 0
    if not people:
        ctx.print("no one yet.")
        return 0
    ctx.print(f"{'who':<32} {'open':>4} {'done':>4} {'no':>3}  {'last thanked':<16} their asks")
    for p in people:
        who = f"{p.name} <{p.email}>" if p.name else p.email
        ctx.print(
            f"{who[:32]:<32} {len(p.open_asks):>4} {p.delivered:>4} {p.declined:>3}  "
            f"{_day(p.last_thanked, ctx):<16} {len(p.requests) or ''}"
        )
        for r in p.requests:
            ctx.print(
                f"{'':<34}↳ they asked you ({r.state}, {r.id}): {r.what[:60]} "
                f"({_day(r.asked_at, ctx)})"
            )
    return 0


def _followup_json(f: Followup) -> dict[str, Any]:
    return {
        "id": f.id,
        "ask_id": f.ask_id,
        "kind": f.kind,
        "state": f.state,
        "to": list(f.recipients),
        "subject": f.subject,
        "path": f.draft_path,
        "created_at": f.created_at.isoformat(),
    }


def cmd_drafts(ctx: Context) -> int:
    with ctx.ledger() as ledger:
        states = None if ctx.args.all else ("drafted",)
        drafts = [
            f for f in ledger.followups(states=states) if f.state != "skipped" or ctx.args.all
        ]
        touches = [t for t in ledger.touches(states=states) if t.state != "skipped" or ctx.args.all]
    if ctx.args.json:
        rows = [_followup_json(f) for f in drafts]
        rows += [
            {
                "id": t.id,
                "ask_id": None,
                "kind": t.kind,
                "state": t.state,
                "to": [t.person],
                "subject": t.subject,
                "path": t.draft_path,
                "created_at": t.created_at.isoformat(),
            }
            for t in touches
        ]
        ctx.print(json.dumps(rows, indent=2))
        return 0
    for t in touches:
        ctx.print(f"{t.id:<18} {t.state:<8} to {t.person}: {t.subject}")
        if t.draft_path:
            ctx.print(f"{'':<18} {t.draft_path}")
    if not drafts and touches:
        return 0
    if not drafts:
        ctx.print("no drafts waiting for you.")
        return 0
    for f in drafts:
        ctx.print(f"{f.id:<18} {f.state:<8} to {', '.join(f.recipients)}: {f.subject}")
        if f.draft_path:
            ctx.print(f"{'':<18} {f.draft_path}")
    return 0


def cmd_show(ctx: Context) -> int:
    settings = ctx.settings
    with ctx.ledger() as ledger:
        ask = ledger.find_ask(ctx.args.id)
        events = ledger.events(ask.id)
        followups = ledger.followups(ask.id)
        sentence = _detected_sentence(ledger, ask)
        adjustment = ledger.detect_adjustment()
    tz = settings.timezone
    ctx.print(f"ask {ask.id}: {ask.what}")
    ctx.print(f"  state:   {ask.state}" + (f" ({ask.status})" if ask.status != "tracked" else ""))
    ctx.print(f"  helpers: {', '.join(str(h) for h in ask.helpers)}")
    ctx.print(f"  asked:   {_day(ask.asked_at, ctx)}")
    due = _day(ask.due, ctx) + (f"  (from {ask.due_phrase!r})" if ask.due_phrase else "")
    ctx.print(f"  due:     {due if ask.due else 'no date agreed'}")
    ctx.print(f"  source:  {ask.source_kind} {ask.source_key}")
    if ask.phrase is not None:
        said = ask.phrase
        ctx.print(f"  asked:   {said.sentence[:200]!r}")
        ctx.print(
            f"  said as: {said.kind}; {said.gerund or '(no -ing form)'}; "
            f"topic {said.topic or '(none)'}"
        )
    if ask.due is None and ask.state in ACTIVE_STATES:
        pol = settings.policy
        ctx.print(
            f"  cadence: no date, so a check-in after {pol.checkin_quiet_days} quiet business "
            f"days, then a nudge after every {pol.undated_nudge_days} more, at most "
            f"{pol.nudge_max}"
        )
    if sentence is not None and adjustment:
        from followthrough.detect.request import explain_adjustment

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
    from followthrough.cli.relations import plan_b_lines

    with ctx.ledger() as ledger:
        for line in plan_b_lines(ask, followups, ledger, settings, ctx.now):
            ctx.print(line)
    with ctx.ledger() as ledger:  # the same answer the pass acts on
        step = Planner(ledger, settings, ctx.now, contacts).step_for(ask)
    ctx.print(step.line(tz))
    return 0


def _detected_sentence(ledger: Ledger, ask: Ask) -> str | None:
    """The sentence of sent mail the ask was detected from (None for a calendar entry,
    a flagged message, or an ask recorded before detection kept its sentence)."""
    if ask.source_kind != "mail":
        return None
    for e in ledger.events(ask.id):
        if e.kind == "asked" and e.rule.startswith("request wording") and e.evidence:
            return e.evidence
    return None


def _label(ledger: Ledger, ask: Ask, is_ask: bool, now: datetime, how: str) -> bool:
    """Record the user's correction of a detected ask as a label (issue 17)."""
    sentence = _detected_sentence(ledger, ask)
    if sentence is None:
        return False
    ledger.record_detect_label(ask.id, is_ask, sentence, now, how)
    return True


def _set_state(ctx: Context, state: AskState, rule: str, *, not_an_ask: bool = False) -> int:
    with ctx.ledger() as ledger, ledger.transaction():
        ask = ledger.find_ask(ctx.args.id)
        # A tracked mail ask dismissed before the helper ever answered was no ask: the
        # correction teaches detection (`followthrough corrections` lists and resets them)
        learned = (not_an_ask or (state == "cancelled" and ask.state == "open")) and _label(
            ledger, ask, False, ctx.now, "not-an-ask" if not_an_ask else "cancel"
        )
        if not ledger.record_state(
            ask.id, state, ctx.now, rule=rule, source=f"cli:{ctx.now.isoformat()}", force=True
        ):
            ctx.print(f"ask {ask.id} is already {state}.")
            return 0
    ctx.print(f"ask {ask.id}: {ask.state} → {state}.")
    if learned:
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


def cmd_corrections(ctx: Context) -> int:
    with ctx.ledger() as ledger, ledger.transaction():
        if ctx.args.reset:
            n = ledger.reset_detect_adjustment()
            ctx.print(f"forgot {n} correction(s); detection is the shipped model again.")
            return 0
        labels = ledger.detect_labels()
        weights = ledger.detect_adjustment()
    if not labels:
        ctx.print("no corrections yet: `track` a suggestion, or `state ID not-an-ask`.")
        return 0
    ctx.print(f"{len(labels)} correction(s), {len(weights)} adjusted feature(s):")
    for sentence, is_ask, how in labels:
        ctx.print(f"  {'ask    ' if is_ask else 'not ask'}  ({how})  {sentence[:90]!r}")
    ctx.print("`followthrough corrections --reset` forgets them all.")
    return 0


def cmd_outcome(ctx: Context) -> int:
    text = " ".join(ctx.args.text).strip()
    if not text:
        raise UsageError(
            "outcome: say how it turned out, e.g. `followthrough outcome ID got the job`"
        )
    with ctx.ledger() as ledger, ledger.transaction():
        ask = ledger.find_ask(ctx.args.id)
        ledger.record_outcome(ask.id, text, ctx.now, source=f"cli:{ctx.now.isoformat()}")
    ctx.print(f"ask {ask.id}: outcome recorded; an outcome note will be drafted on the next scan.")
    return 0


def cmd_track(ctx: Context) -> int:
    with ctx.ledger() as ledger, ledger.transaction():
        ask = ledger.find_ask(ctx.args.id)
        if ask.status == "suggested":  # a suggestion the user confirms: a label (issue 17)
            _label(ledger, ask, True, ctx.now, "track")
        ledger.update_ask_details(ask.id, status="tracked")
        ledger.record_event(
            ask.id,
            ctx.now,
            "tracked",
            "you chose to track it",
            rule="cli track",
            source=f"cli:{ctx.now.isoformat()}",
        )
    ctx.print(f"ask {ask.id} is now tracked.")
    return 0


def cmd_demo(ctx: Context) -> int:
    from followthrough.cli.demo import build_demo

    workspace = Path(ctx.args.dir).resolve()
    config = build_demo(workspace, ctx.now)
    ctx.args.config = str(config)
    ctx._settings = None
    settings = ctx.settings
    moment = Calendar.of(settings.policy, settings.timezone).working_moment(ctx.now)
    ctx.print(f"demo workspace: {workspace}")
    if moment != ctx.now:
        ctx.print(
            f"  (outside working hours: previewing {moment:%a %d %b %H:%M %Z}, "
            "when drafts fall due)"
        )
        ctx.now = moment
    ctx.print(f"  config:   {config}")
    ctx.print("running one scan…")
    cmd_scan(ctx)
    ctx.print("\nasks found (followthrough asks):")
    ctx.args.suggested = False
    ctx.args.all = True
    ctx.args.json = False
    cmd_asks(ctx)
    ctx.print("\ndrafts written, waiting for your approval (followthrough drafts):")
    ctx.args.all = False
    cmd_drafts(ctx)
    c = f"--config {config}"
    ahead = (ctx.now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    ctx.print(
        "\nnext steps:\n"
        f"  followthrough {c} show ID          the timeline of one ask and what comes next\n"
        f"  followthrough {c} scan             scan again: nothing new, no second draft\n"
        f"  followthrough {c} --now {ahead} scan   look ahead a week: what falls due\n"
        f"  edit {config} to point [local] at your own Maildir and calendar"
    )
    return 0


def cmd_login(ctx: Context) -> int:
    """Sign in (Microsoft 365: device code or browser), then ask for each secret the
    account needs that is missing or refused by its server,
    check it against the server, and store it (the keyring, or the file store)."""
    import getpass

    from followthrough.backends.registry import sign_in

    who = sign_in(ctx.settings, ctx.print)
    if who is not None:
        ctx.print(
            f"signed in to Microsoft 365 as {who}; `followthrough doctor` checks the mailbox."
        )
    failed = store_secrets(
        ctx.settings,
        lambda ref: getpass.getpass(f"{ref.what} for {ref.account}: "),
        ctx.print,
        verify=not ctx.args.no_verify,
        again=ctx.args.again,
    )
    if failed:
        return 1
    ctx.print("next: `followthrough doctor` checks the whole setup.")
    return 0


def store_secrets(
    settings: Settings,
    ask_secret: Callable[[SecretRef], str],
    say: Callable[[str], None],
    *,
    verify: bool = True,
    again: bool = False,
) -> int:
    """`login`: for each secret the account needs, keep a stored one the server accepts,
    else ask (up to three times), check it against the server, and store it. Returns
    how many could not be stored."""
    from followthrough.backends.registry import needed_secrets
    from followthrough.config.secrets import check_store, find_secret, record_secret
    from followthrough.errors import BackendError

    needed = needed_secrets(settings)
    if not needed:
        say(f"the {settings.backend} account needs no secret.")
        return 0
    store = settings.secret_store
    check_store(store, *(n.ref for n in needed))  # before asking: no keyring, no prompts
    failed = 0
    for need in needed:
        ref = need.ref
        current = None if again else find_secret(ref, store)
        if current is not None:
            problem = _check_secret(need, current) if verify else None
            if problem is None:
                ok = "accepted by the server" if verify and need.verify else "stored"
                say(f"{ref.what} for {ref.account}: already {ok} ({ref.name}).")
                continue
            say(f"{ref.what} for {ref.account}: the stored one fails: {problem}")
        for attempt in range(3):
            secret = ask_secret(ref)
            if not secret:
                raise UsageError(f"no {ref.what} given for {ref.account}; nothing stored")
            try:
                problem = _check_secret(need, secret) if verify else None
            except BackendError as exc:  # the server cannot be reached: say so, store it
                say(f"  could not check it ({exc.message}); storing it unchecked.")
                problem = None
            if problem is None:
                where = record_secret(ref, secret, store)
                checked = " (the server accepted it)" if verify and need.verify else ""
                say(f"stored the {ref.what} for {ref.account} in {where}{checked}.")
                break
            say(f"  refused: {problem}" + ("; try again." if attempt < 2 else ""))
        else:
            failed += 1
            say(f"nothing stored for {ref.account}: the server refused every attempt.")
    return failed


def _check_secret(need: Needed, secret: str) -> str | None:
    """None when the server accepts ``secret`` (or it cannot be checked); else why not.
    BackendError propagates when the server cannot be reached at all."""
    from followthrough.errors import BackendError

    if need.verify is None:
        return None
    try:
        need.verify(secret)
    except BackendError as exc:
        if exc.transient:
            raise
        return exc.message
    return None


def secret_env(ref: SecretRef) -> str:
    """The variable `init --non-interactive` reads a secret from (FOLLOWTHROUGH_IMAP_PASSWORD)."""
    return f"FOLLOWTHROUGH_{ref.service}_{ref.kind}".upper().replace("-", "_")


def cmd_init(ctx: Context) -> int:
    """Set up: ask (or take from flags) the account, write the config, store the secrets,
    run doctor, install the systemd user unit."""
    import getpass
    import os

    from followthrough.cli import init as wizard
    from followthrough.service.unit import install_unit, render_unit

    args = ctx.args
    path = ctx.config_path
    if path.exists() and not args.force:
        raise UsageError(
            f"{path} exists already; edit it, or run `followthrough init --force` to replace it"
        )
    interactive = not args.non_interactive
    given = {key: getattr(args, key) for key in INIT_FLAGS}
    answers = wizard.collect(given, _prompt(ctx) if interactive else None)
    settings = wizard.write_config(path, wizard.render_config(answers))
    ctx.print(f"wrote {path}")
    ctx._settings = settings
    missing: list[str] = []

    def ask_secret(ref: SecretRef) -> str:
        if interactive:
            return getpass.getpass(f"{ref.what} for {ref.account}: ")
        value = os.environ.get(secret_env(ref), "")
        if not value:
            missing.append(secret_env(ref))
            raise _NoSecretError
        return value

    if not args.no_login:
        try:
            store_secrets(settings, ask_secret, ctx.print)
        except _NoSecretError:
            ctx.print(
                f"secrets not stored: set {', '.join(missing)} for a scripted setup, or run "
                "`followthrough login`"
            )
    ctx.print("doctor:")
    bad = _print_checks(ctx, settings)
    if not args.no_unit:
        unit = install_unit(render_unit(settings))
        ctx.print(f"wrote the systemd user unit {unit}")
        ctx.print(
            "start it: systemctl --user daemon-reload && systemctl --user enable --now "
            "followthrough"
        )
    ctx.print("then: `followthrough status` shows what the service does.")
    return 0 if not bad else 1


class _NoSecretError(Exception):
    """`init --non-interactive` without the secret in the environment."""


INIT_FLAGS = (
    "backend",
    "email",
    "name",
    "timezone",
    "sent",
    "inbox",
    "drafts",
    "calendar",
    "imap_host",
    "imap_user",
    "imap_tls",
    "imap_port",
    "caldav_url",
    "caldav_user",
    "caldav_calendar",
    "exchange_server",
    "exchange_auth",
    "send",
    "smtp_host",
    "smtp_user",
    "smtp_tls",
    "smtp_port",
    "sendmail",
    "secrets",
)


def cmd_doctor(ctx: Context) -> int:
    """Connect with the configured account and say what was found and what is wrong."""
    settings = ctx.settings
    ctx.print(f"config: {settings.path} (backend {settings.backend})")
    return 0 if not _print_checks(ctx, settings) else 1


def _print_checks(ctx: Context, settings: Settings) -> int:
    """Run doctor's checks, print them; the number of problems (never a traceback)."""
    from datetime import timedelta

    from followthrough.backends.registry import diagnose
    from followthrough.model import Check, Window

    d = settings.detect
    window = Window(
        ctx.now - timedelta(days=d.lookback_days), ctx.now + timedelta(days=d.lookahead_days)
    )
    try:
        checks = diagnose(settings, window)
    except FollowthroughError as exc:
        checks = [Check(False, exc.message, " ".join(exc.problems))]
    except Exception as exc:  # doctor never shows a traceback (-v logs it)
        log.debug("doctor failed", exc_info=True)
        checks = [
            Check(
                False,
                f"the check itself failed: {type(exc).__name__}: {' '.join(str(exc).split())}",
                "this is a bug in followthrough: please report it with the output of "
                "`followthrough -v doctor`",
            )
        ]
    for check in checks:
        ctx.print(f"  {'ok ' if check.ok else 'BAD'}  {check.what}")
        if not check.ok and check.advice:
            ctx.print(f"       → {check.advice}")
    bad = sum(not c.ok for c in checks)
    ctx.print("all good." if not bad else f"{bad} problem(s) found.")
    return bad


def cmd_unit(ctx: Context) -> int:
    """Print (or install) the systemd user unit for this installation and config."""
    from followthrough.service.unit import install_unit, render_unit

    text = render_unit(ctx.settings)
    if not ctx.args.install:
        ctx.print(text.rstrip("\n"))
        return 0
    path = install_unit(text)
    ctx.print(f"wrote {path}")
    ctx.print("next: systemctl --user daemon-reload && systemctl --user enable --now followthrough")
    return 0


def _prompt(ctx: Context) -> Callable[[str], str]:
    """Ask on ctx.out, read a line from stdin ("" at the end of input)."""

    def ask(prompt: str) -> str:
        ctx.out.write(prompt)
        ctx.out.flush()
        line = sys.stdin.readline()
        if not line:
            ctx.print()
        return line.strip()

    return ask


def cmd_review(ctx: Context) -> int:
    """Walk the drafts waiting for approval: approve and send, edit, skip, delete, quit."""
    from followthrough.outbox import send as outbox
    from followthrough.outbox.review import Console, Review
    from followthrough.service.lock import PassLock

    settings = ctx.settings
    if settings.smtp is None:
        ctx.print(
            f"note: sending needs an SMTP server: add an [account.smtp] section to "
            f"{settings.path} and run `followthrough login`. You can still skip and delete."
        )

    def guard() -> PassLock:
        return PassLock(settings.state_dir).acquire(10, what="followthrough review")

    with ctx.ledger() as ledger:
        account = open_account(settings, ctx.now)
        try:
            review = Review(
                ledger,
                account,
                Console(ask=_prompt(ctx), say=ctx.print),
                ctx.now,
                settings.timezone,
                lambda: outbox.open_transport(settings),
                guard,
                settings.user.email,
            )
            review.run()
        finally:
            account.close()
    return 0


def cmd_send(ctx: Context) -> int:
    """Send one drafted follow-up, after confirmation (or --yes)."""
    from followthrough.outbox import send as outbox
    from followthrough.outbox.review import confirm_changes, describe
    from followthrough.service.lock import PassLock

    settings = ctx.settings
    with ctx.ledger() as ledger:
        followup = ledger.get_followup(ctx.args.id)
        if followup.state != "drafted":
            raise UsageError(
                f"{followup.id} is {followup.state}: only a draft waiting for approval can be "
                "sent (`followthrough drafts` lists them)"
            )
        transport = outbox.open_transport(settings)
        account = open_account(settings, ctx.now)
        try:
            draft = outbox.load_draft(account, followup)
            for line in describe(ledger, followup, draft, settings.timezone, settings.user.email):
                ctx.print(line)
            message = outbox.ready_to_send(draft, ctx.now)
            seen: list[outbox.Change] = []  # --yes: nobody saw a change, so none may pass
            if not ctx.args.yes:
                if _prompt(ctx)("send it? [y/N] ").lower() not in ("y", "yes"):
                    ctx.print("nothing sent.")
                    return 1
                seen = outbox.changes_since_written(message, settings.user.email)
                if not confirm_changes(_prompt(ctx), seen):
                    ctx.print("nothing sent: the changes were not confirmed.")
                    return 1
            with PassLock(settings.state_dir).acquire(10, what="followthrough send"):
                report = outbox.approve_and_send(
                    ledger,
                    account,
                    followup,
                    message,
                    how="send-command",
                    transport=transport,
                    now=ctx.now,
                    resend=ctx.args.resend,
                    user=settings.user.email,
                    seen=seen,
                )
        finally:
            account.close()
    for problem in report.problems:
        ctx.print(f"warning: {problem}")
    if report.already_sent:
        ctx.print(f"{followup.id} was already sent; nothing sent again.")
    else:
        ctx.print(f"sent {followup.id} to {', '.join(report.accepted) or 'its recipients'}.")
    return 0


# --- parser -----------------------------------------------------------------------------

Handler = Callable[[Context], int]


def cmd_templates(ctx: Context) -> int:
    from followthrough.engine.gallery import example_settings, render_gallery_markdown

    args = ctx.args
    if args.shipped:
        composer, user_dir = Composer(), None
        voice = example_settings().voice
    else:
        settings = ctx.settings
        user_dir = settings.templates_dir
        composer = Composer(user_dir)
        voice = settings.voice
    locale = args.locale or (voice.locale if not args.shipped else "en_US") or "en_US"
    if args.locale:
        decide_locale(args.locale, ZoneInfo("UTC"), {})  # an unknown locale is an error
    settings_for_preview = example_settings(
        locale=locale, tone=args.tone or voice.tone, signature=voice.signature
    )
    if not args.shipped:
        settings_for_preview = replace(
            settings_for_preview, voice=replace(settings_for_preview.voice, signoff=voice.signoff)
        )
    if args.preview:
        ctx.out.write(render_gallery_markdown(composer, settings_for_preview))
        return 0
    shipped = shipped_templates_dir()
    for name in (*TEMPLATE_FOR.values(), "digest.txt.j2"):
        mine = user_dir / name if user_dir is not None else None
        where = mine if mine is not None and mine.is_file() else shipped / name
        ctx.print(f"{name:<16} {where}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followthrough",
        description="Finds the asks in your calendar and sent mail and drafts the check-in, "
        "nudge, thank-you and outcome mail at the right moment. It never sends on its own.",
    )
    parser.add_argument("--version", action="version", version=f"followthrough {__version__}")
    parser.add_argument(
        "--config", metavar="PATH", help=f"config file (default: {default_config_path()})"
    )
    parser.add_argument(
        "--now",
        metavar="ISO-DATETIME",
        help="pretend the current time is this (for previews and tests); "
        "without a zone it is read in your configured time zone",
    )
    parser.add_argument(
        "--apply",
        action="store_true",
        help="with --now in the future, really write drafts and the ledger "
        "(otherwise such a run is a preview that writes nothing)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(handler=handler)
        return p

    p = add("demo", cmd_demo, "create a demo workspace (Maildir, calendar, config) and scan it")
    p.add_argument(
        "--dir", default="followthrough-demo", help="where to create it (default: %(default)s)"
    )
    add("scan", cmd_scan, "one pass: read mail and calendar, record asks, write due drafts")
    p = add("run", cmd_run, "run as a service: a pass every few minutes, the digest daily")
    p.add_argument("--interval-seconds", type=float, default=None, help=argparse.SUPPRESS)
    p = add("status", cmd_status, "is the service running, its last and next pass, drafts waiting")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("asks", cmd_asks, "list open asks")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="include closed and cancelled asks")
    p.add_argument(
        "--suggested", action="store_true", help="list likely asks found in mail but not tracked"
    )
    p = add("drafts", cmd_drafts, "list drafts waiting for your approval")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all", action="store_true", help="include sent, deleted and skipped ones")
    p = add("show", cmd_show, "an ask's timeline and its next planned follow-up")
    p.add_argument("id", help="ask id (a unique prefix is enough)")
    for name, handler, text in (
        ("done", cmd_done, "mark an ask delivered: help arrived"),
        ("declined", cmd_declined, "mark an ask declined: the helper said no"),
        ("cancel", cmd_cancel, "cancel an ask: no more follow-ups"),
        ("track", cmd_track, "track a suggested ask"),
    ):
        add(name, handler, text).add_argument("id", help="ask id")
    p = add("praise", cmd_praise, "on delivery, praise the helper to their manager")
    p.add_argument("id", help="ask id")
    p.add_argument("--off", action="store_true", help="no praise note for this ask")
    p = add("digest", cmd_digest, "print the digest: open asks, drafts, outcomes, people")
    p.add_argument("--draft", action="store_true", help="save it as a draft to yourself")
    p = add("people", cmd_people, "per person: open asks, help received and given, thanks")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("state", cmd_state, "correct an ask's state when a guess was wrong")
    p.add_argument("id", help="ask id")
    p.add_argument("state", choices=["open", "acknowledged", "delivered", "declined", "not-an-ask"])
    p = add(
        "corrections",
        cmd_corrections,
        "list what your `track` / `state … not-an-ask` corrections taught ask detection",
    )
    p.add_argument("--reset", action="store_true", help="forget them: back to the shipped model")
    p = add("outcome", cmd_outcome, "record how the help turned out (drafts an outcome note)")
    p.add_argument("id", help="ask id")
    p.add_argument("text", nargs="+", help='e.g. "got the job"')
    p = add(
        "login",
        cmd_login,
        "sign in (Microsoft 365), or store the account's passwords (checked against each "
        "server) in the keyring or the file store; asks only for missing or refused ones",
    )
    p.add_argument("--again", action="store_true", help="ask for every secret again")
    p.add_argument(
        "--no-verify", action="store_true", help="store without checking against the server"
    )
    add("doctor", cmd_doctor, "check the account: what was found, what is wrong, what to do")
    p = add(
        "init",
        cmd_init,
        "set up: write the config, store the passwords, run doctor, install the service unit",
    )
    p.add_argument("--non-interactive", action="store_true", help="ask nothing: flags only")
    p.add_argument("--force", action="store_true", help="replace an existing config")
    p.add_argument("--no-login", action="store_true", help="do not store secrets now")
    p.add_argument("--no-unit", action="store_true", help="do not install the systemd unit")
    for flag, text in (
        ("backend", "local, imap or exchange"),
        ("email", "your address"),
        ("name", "your name, for the drafts' sign-off"),
        ("timezone", "an IANA zone like Europe/Berlin"),
        ("sent", "local: the Sent Maildir or mbox"),
        ("inbox", "local: the inbox Maildir or mbox"),
        ("drafts", "local: the drafts Maildir"),
        ("calendar", "local: an .ics file or a vdir"),
        ("imap-host", "IMAP server"),
        ("imap-user", "IMAP user name (default: your address)"),
        ("imap-tls", "implicit, starttls or none"),
        ("imap-port", "IMAP port (default: 993, or 143 with starttls)"),
        ("caldav-url", "CalDAV server or calendar URL"),
        ("caldav-user", "CalDAV user name (default: the IMAP one)"),
        ("caldav-calendar", "calendar name or URL"),
        ("exchange-server", "Exchange server (default: autodiscover)"),
        ("exchange-auth", "ntlm, basic, oauth2-client or oauth2-code"),
        ("send", "smtp, sendmail or none"),
        ("smtp-host", "SMTP server"),
        ("smtp-user", "SMTP user name (empty: a relay without login)"),
        ("smtp-tls", "implicit, starttls or none"),
        ("smtp-port", "SMTP port (default: 465, or 587 with starttls)"),
        ("sendmail", 'a sendmail-compatible command, like "msmtp -t"'),
        ("secrets", "keyring or file (a 0600 file store)"),
    ):
        p.add_argument(f"--{flag}", default=None, help=text)
    p = add(
        "unit",
        cmd_unit,
        "print the systemd user unit for this installation (--install: write it)",
    )
    p.add_argument("--install", action="store_true", help="write it to ~/.config/systemd/user/")
    add(
        "review",
        cmd_review,
        "go through the drafts: approve and send, edit then send, skip or delete each",
    )
    p = add(
        "templates",
        cmd_templates,
        "list the follow-up templates in use; --preview renders every one for example asks",
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="render every template for example asks of every kind and state (Markdown)",
    )
    p.add_argument(
        "--shipped",
        action="store_true",
        help="the shipped templates and example settings, ignoring your config "
        "(this is docs/drafts.md)",
    )
    p.add_argument("--locale", help="date locale for the preview, e.g. en_GB")
    p.add_argument("--tone", choices=["warm", "brief"], help="tone for the preview")

    from followthrough.cli.relations import register

    register(add)
    p = add("send", cmd_send, "send one drafted follow-up (asks to confirm unless --yes)")
    p.add_argument("id", help="follow-up id, like abcde-nudge (`followthrough drafts`)")
    p.add_argument("--yes", action="store_true", help="send without asking to confirm")
    p.add_argument(
        "--resend",
        action="store_true",
        help="send even though an earlier attempt was interrupted and may have gone out",
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG
        if args.verbose > 1
        else logging.INFO
        if args.verbose
        else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for log_handler in logging.getLogger().handlers:
        log_handler.addFilter(OwnLogsOnly(args.verbose))
    ctx = Context(args=args, now=datetime.now(UTC), out=out or sys.stdout)
    try:
        if args.now:
            tz = None
            if args.command == "status":
                tz = _local_zone(ctx)  # status works with a broken config
            elif args.command != "demo":
                tz = ctx.settings.timezone
            ctx.now = parse_now(args.now, tz)
        if args.command in WRITES and is_preview(ctx):
            raise UsageError(
                f"--now {args.now} is in the future: `{args.command}` would write it into "
                "your mail and the ledger; add --apply to do that anyway, or leave out --now"
            )
        handler: Handler = args.handler
        return handler(ctx)
    except FollowthroughError as exc:
        if args.verbose:
            log.exception("error")
        print(f"followthrough: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except LEDGER_FAILURES as exc:  # damaged pages, a full disk: one line, no traceback
        if args.verbose:
            log.exception("error")
        print(f"followthrough: the ledger could not be read or written: {exc}", file=sys.stderr)
        return LedgerError.exit_code
    except BrokenPipeError:  # `followthrough asks | head`: the reader went away
        # point stdout at /dev/null so the interpreter's final flush does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        if args.verbose:
            log.exception("error")
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"followthrough: {where}{exc.strerror or exc}", file=sys.stderr)
        return 10
