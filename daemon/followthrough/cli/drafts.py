"""The commands about drafts: `drafts` (the list), `review` (the walk), `send` (one)."""

from __future__ import annotations

import json

from followthrough.backends.registry import open_account
from followthrough.cli.context import Context, prompt
from followthrough.cli.render import followup_json, touch_json
from followthrough.errors import UsageError


def cmd_drafts(ctx: Context) -> int:
    with ctx.ledger() as ledger:
        states = None if ctx.args.all else ("drafted",)
        drafts = [
            f for f in ledger.followups(states=states) if f.state != "skipped" or ctx.args.all
        ]
        touches = [t for t in ledger.touches(states=states) if t.state != "skipped" or ctx.args.all]
    if ctx.args.json:
        rows = [followup_json(f) for f in drafts] + [touch_json(t) for t in touches]
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
                Console(ask=prompt(ctx), say=ctx.print),
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
    from followthrough.outbox import approval
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
            message = approval.ready_to_send(draft, ctx.now)
            seen: list[approval.Change] = []  # --yes: nobody saw a change, so none may pass
            if not ctx.args.yes:
                if prompt(ctx)("send it? [y/N] ").lower() not in ("y", "yes"):
                    ctx.print("nothing sent.")
                    return 1
                seen = approval.changes_since_written(message, settings.user.email)
                if not confirm_changes(prompt(ctx), seen):
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
