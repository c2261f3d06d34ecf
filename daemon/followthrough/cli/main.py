"""The `followthrough` command: the parser and ``main``. Each group of commands lives in
a module of its own (``asks``, ``drafts``, ``running``, ``setup``, ``detection``,
``relations``); errors are caught in one place (``main``) and printed without a
traceback unless ``-v`` is given."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TextIO

from followthrough import __version__
from followthrough.cli import relations
from followthrough.cli.asks import (
    cmd_asks,
    cmd_cancel,
    cmd_declined,
    cmd_done,
    cmd_outcome,
    cmd_praise,
    cmd_show,
    cmd_state,
    cmd_track,
)
from followthrough.cli.context import Context, Handler, is_preview, local_zone, parse_now
from followthrough.cli.detection import cmd_corrections, cmd_templates
from followthrough.cli.drafts import cmd_drafts, cmd_review, cmd_send
from followthrough.cli.running import cmd_digest, cmd_people, cmd_run, cmd_scan, cmd_status
from followthrough.cli.setup import cmd_demo, cmd_doctor, cmd_init, cmd_login, cmd_unit
from followthrough.config.settings import default_config_path
from followthrough.errors import FollowthroughError, LedgerError, UsageError
from followthrough.ledger.db import LEDGER_FAILURES
from followthrough.service.logs import OwnLogsOnly

log = logging.getLogger("followthrough")

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

    relations.register(add)
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
                tz = local_zone(ctx)  # status works with a broken config
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
