"""The commands about the service and its passes: `scan` (and its preview with a future
``--now``), `run`, `status`, `digest`, `people`."""

from __future__ import annotations

import json

from followthrough.backends.registry import open_account
from followthrough.cli.context import Context, is_preview, local_zone
from followthrough.cli.render import day_text, moment_text
from followthrough.config.settings import Settings, guess_state_dir
from followthrough.engine.compose import Composer
from followthrough.engine.planner import KIND_WORDS
from followthrough.engine.scan import ScanSummary
from followthrough.errors import ConfigError
from followthrough.service.daemon import Daemon
from followthrough.service.logs import configure_logging
from followthrough.service.runner import run_locked_pass
from followthrough.service.status import collect_status


def run_scan(ctx: Context) -> ScanSummary:
    """One pass over the configured account; the same function the daemon calls.

    Takes the state directory's lock first, waiting a few seconds: one pass at a time.
    """
    return run_locked_pass(ctx.settings, ctx.now)


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
    configure_logging(ctx.args.verbose, local_zone(ctx))
    clock = (lambda: ctx.now) if ctx.args.now else None  # --now: a frozen clock, for tests
    daemon = Daemon(ctx.config_path, clock=clock, interval_seconds=ctx.args.interval_seconds)
    return daemon.run()


def cmd_status(ctx: Context) -> int:
    settings: Settings | None
    try:
        settings = ctx.settings
        state_dir = settings.state_dir
        problem = None
    except ConfigError as exc:  # the service may well run on the config it started with
        settings, state_dir, problem = None, guess_state_dir(ctx.config_path), exc
    info = collect_status(state_dir, ctx.now, settings)
    zone = local_zone(ctx)

    def when(text: str | None) -> str:
        return moment_text(text, zone)

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
        ctx.print(f"daemon:     running (pid {daemon['pid']}, since {when(daemon['since'])})")
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
        ctx.print(f"last pass:  {when(last['started'])}  {last['result']}")
        ctx.print(f"            {last['summary']}")
        for error in last["errors"]:
            ctx.print(f"            error: {error}")
    if daemon["running"]:
        ctx.print(f"next pass:  {when(info['next_pass'])}")
        ctx.print(f"digest:     {when(info['next_digest'])}")
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
            seen = when(item["last_seen"])
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
            ctx.print(f"            next: a {kind} for ask {nxt['ask']}, {when(nxt['at'])}")
    return 0 if problem is None else problem.exit_code


def print_preview(ctx: Context) -> int:
    """The pass at a future ``--now``, with nothing written: the drafts it would write."""
    from followthrough.engine.preview import preview_pass
    from followthrough.outbox import approval

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
        ctx.print(approval.body_text(draft).rstrip("\n"))
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
    tz = ctx.settings.timezone
    ctx.print(f"{'who':<32} {'open':>4} {'done':>4} {'no':>3}  {'last thanked':<16} their asks")
    for p in people:
        who = f"{p.name} <{p.email}>" if p.name else p.email
        ctx.print(
            f"{who[:32]:<32} {len(p.open_asks):>4} {p.delivered:>4} {p.declined:>3}  "
            f"{day_text(p.last_thanked, tz):<16} {len(p.requests) or ''}"
        )
        for r in p.requests:
            ctx.print(
                f"{'':<34}↳ they asked you ({r.state}, {r.id}): {r.what[:60]} "
                f"({day_text(r.asked_at, tz)})"
            )
    return 0
