"""The commands that set followthrough up and check it: `init`, `login` (the secrets),
`doctor`, `unit` (the systemd user unit), `demo`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from followthrough.backends.registry import Needed
from followthrough.cli.asks import cmd_asks
from followthrough.cli.context import Context, prompt
from followthrough.cli.drafts import cmd_drafts
from followthrough.cli.running import cmd_scan
from followthrough.config.secrets import SecretRef
from followthrough.config.settings import Settings
from followthrough.engine.policy import Calendar
from followthrough.errors import FollowthroughError, UsageError

log = logging.getLogger("followthrough")


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
    from followthrough.config.secrets import check_store, find_secret, record_secret
    from followthrough.errors import BackendError
    from followthrough.service.checks import needed_secrets

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
    answers = wizard.collect(given, prompt(ctx) if interactive else None)
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
    from followthrough.model import Check, Window
    from followthrough.service.checks import diagnose

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
