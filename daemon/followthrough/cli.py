"""The `followthrough` command. Errors are caught in one place (``main``) and printed
without a traceback unless ``-v`` is given."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from followthrough import __version__
from followthrough.accounts import open_account
from followthrough.compose import Composer
from followthrough.config import Settings, default_config_path, load_settings
from followthrough.contacts import load_contacts
from followthrough.drafting import managers_of
from followthrough.errors import FollowthroughError, UsageError
from followthrough.ledger import Ledger
from followthrough.model import ACTIVE_STATES, Ask, AskState, Followup
from followthrough.policy import (
    Calendar,
    Candidate,
    Sent,
    decide_next_followup,
    decide_schedule,
    waiting_for_user,
)
from followthrough.scan import ScanSummary
from followthrough.service import Daemon, collect_status, configure_logging, run_locked_pass

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
        return Path(self.args.config) if self.args.config else default_config_path()

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
    return value


# --- commands ---------------------------------------------------------------------------


def run_scan(ctx: Context) -> ScanSummary:
    """One pass over the configured account; the same function the daemon calls.

    Takes the state directory's lock first, waiting a few seconds: one pass at a time.
    """
    return run_locked_pass(ctx.settings, ctx.now)


def cmd_scan(ctx: Context) -> int:
    summary = run_scan(ctx)
    ctx.print(summary.line())
    for item in summary.skipped:
        ctx.print(f"  skipped {item.where}: {item.why}")
    for error in summary.errors:
        ctx.print(f"  error: {error}")
    return 0


def cmd_run(ctx: Context) -> int:
    configure_logging(ctx.args.verbose)
    clock = (lambda: ctx.now) if ctx.args.now else None  # --now: a frozen clock, for tests
    daemon = Daemon(ctx.config_path, clock=clock, interval_seconds=ctx.args.interval_seconds)
    return daemon.run()


def _when(text: str | None, ctx: Context) -> str:
    if not text:
        return "-"
    moment = datetime.fromisoformat(text).astimezone(ctx.settings.timezone)
    return f"{moment:%a %d %b %Y %H:%M:%S %Z}"


def cmd_status(ctx: Context) -> int:
    info = collect_status(ctx.settings, ctx.now)
    if ctx.args.json:
        ctx.print(json.dumps(info, indent=2, sort_keys=True))
        return 0
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
    return 0


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


def cmd_asks(ctx: Context) -> int:
    from followthrough.digest import outcome_overdue

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
            f"{a.id:<7} {a.state:<12} due {_day(a.due, ctx):<15} {helpers:<30} {a.what[:60]}{mark}"
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


def cmd_digest(ctx: Context) -> int:
    from followthrough.digest import decide_digest, render_digest, write_digest_draft

    settings = ctx.settings
    composer = Composer(settings.templates_dir)
    with ctx.ledger() as ledger:
        if ctx.args.draft:
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
    from followthrough.digest import summarize_people

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
            f"{_day(p.last_thanked, ctx):<16} {len(p.their_asks) or ''}"
        )
        for i in p.their_asks:
            ctx.print(f"{'':<34}↳ they asked you: {i.what[:60]} ({_day(i.asked_at, ctx)})")
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
    if ctx.args.json:
        ctx.print(json.dumps([_followup_json(f) for f in drafts], indent=2))
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
        ctx.print(f"  follow-up {f.id}: {f.state}{where}")
    pending = [f for f in followups if f.state == "drafted"]
    contacts = load_contacts(settings.contacts_path)
    managers = managers_of(ask, contacts, settings.user.email)
    if ask.praise:
        ctx.print(
            f"praise: on delivery, a note to {', '.join(str(m) for m in managers)}"
            if managers
            else f"praise: on, but no helper's manager is in {settings.contacts_path}"
        )
    plan = decide_next_followup(
        ask, followups, ctx.now, settings.policy, tz, manager_known=bool(managers)
    )
    if pending:
        ctx.print(f"next: draft {pending[0].id} is waiting for you to send, edit or delete it")
    elif ask.status == "suggested":
        ctx.print(f"next: nothing until you track it (followthrough track {ask.id})")
    elif ask.state in ACTIVE_STATES and waiting_for_user(ask) and ask.question_at:
        ctx.print(
            f"next: nothing until you answer their question of {_day(ask.question_at, ctx)}"
            " (reply in the thread)"
        )
    elif plan is None:
        ctx.print("next: nothing more is planned")
    elif plan.skip:
        ctx.print(f"next: {plan.kind} will be skipped ({plan.skip})")
    else:
        when = plan.due_at.astimezone(tz).strftime("%a %d %b %Y %H:%M")
        ctx.print(f"next: {plan.kind} on {when}, because {plan.reason}")
        if plan.due_at <= ctx.now:
            with ctx.ledger() as ledger:
                history = [
                    Sent(f.created_at, frozenset(f.recipients))
                    for f in ledger.followups_since(ctx.now - timedelta(days=30))
                    if f.state != "skipped"
                ]
            to = managers if plan.kind == "praise" else ask.helpers
            who = frozenset(a.email for a in (*to, *ask.helpers))
            schedule = decide_schedule(
                [Candidate(ask.id, plan, who)], history, ctx.now, settings.policy, tz
            )
            for _, why in schedule.waiting:
                ctx.print(f"      it waits: {why}")
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
    from followthrough.demo import build_demo

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
    """Ask for each password the configured account needs; store it in the keyring."""
    import getpass

    from followthrough.accounts import secret_names
    from followthrough.secrets import record_secret

    names = secret_names(ctx.settings)
    if not names:
        ctx.print(f"the {ctx.settings.backend} account needs no password.")
        return 0
    for name, what in names:
        secret = getpass.getpass(f"{what} for {name}: ")
        if not secret:
            raise UsageError(f"no {what} given for {name}; nothing stored")
        stored = record_secret(name, secret)
        ctx.print(f"stored the {what} for {name} in the system keyring ({stored}).")
    return 0


def cmd_doctor(ctx: Context) -> int:
    """Connect with the configured account and say what was found and what is wrong."""
    from datetime import timedelta

    from followthrough.accounts import diagnose
    from followthrough.model import Window

    settings = ctx.settings
    d = settings.detect
    window = Window(
        ctx.now - timedelta(days=d.lookback_days), ctx.now + timedelta(days=d.lookahead_days)
    )
    ctx.print(f"config: {settings.path} (backend {settings.backend})")
    checks = diagnose(settings, window)
    for check in checks:
        ctx.print(f"  {'ok ' if check.ok else 'BAD'}  {check.what}")
        if not check.ok and check.advice:
            ctx.print(f"       → {check.advice}")
    bad = sum(not c.ok for c in checks)
    ctx.print("all good." if not bad else f"{bad} problem(s) found.")
    return 0 if not bad else 1


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
    from followthrough import outbox
    from followthrough.lock import PassLock
    from followthrough.review import Console, Review

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
            )
            review.run()
        finally:
            account.close()
    return 0


def cmd_send(ctx: Context) -> int:
    """Send one drafted follow-up, after confirmation (or --yes)."""
    from followthrough import outbox
    from followthrough.lock import PassLock
    from followthrough.review import describe

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
            for line in describe(ledger, followup, draft, settings.timezone):
                ctx.print(line)
            if not ctx.args.yes and _prompt(ctx)("send it? [y/N] ").lower() not in ("y", "yes"):
                ctx.print("nothing sent.")
                return 1
            message = outbox.ready_to_send(draft, ctx.now)
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
    add("login", cmd_login, "store the account's passwords in the system keyring")
    add("doctor", cmd_doctor, "check the account: what was found, what is wrong, what to do")
    add(
        "review",
        cmd_review,
        "go through the drafts: approve and send, edit then send, skip or delete each",
    )
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
    ctx = Context(args=args, now=datetime.now(UTC), out=out or sys.stdout)
    try:
        if args.now:
            tz = None
            if args.command != "demo":
                tz = ctx.settings.timezone
            ctx.now = parse_now(args.now, tz)
        handler: Handler = args.handler
        return handler(ctx)
    except FollowthroughError as exc:
        if args.verbose:
            log.exception("error")
        print(f"followthrough: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
