"""Sending an approved draft over SMTP (implicit TLS or STARTTLS, certificates verified;
a login unless the relay takes mail without one) or through a sendmail-compatible
command (``sendmail -t -oi``, ``msmtp -t``).

``deliver`` must only be called by code holding the user's approval record for the
message: followthrough never sends on its own. It is a plain function with no caller
in the pass. Plain SMTP is allowed only when the config says ``tls = "none"`` for a
server on this machine.
"""

from __future__ import annotations

import logging
import shutil
import smtplib
import socket
import ssl
import subprocess
from email.message import EmailMessage
from email.utils import getaddresses

from followthrough.config.accounts import SendmailSettings, SmtpSettings, is_loopback
from followthrough.errors import BackendError, ConfigError
from followthrough.model import Check

log = logging.getLogger(__name__)


def _context(settings: SmtpSettings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.ca_file is not None:
        context.load_verify_locations(cafile=str(settings.ca_file))
    return context


def _connect(settings: SmtpSettings, password: str) -> smtplib.SMTP:
    """A logged-in SMTP session (over TLS unless plain loopback was configured)."""
    s = settings
    if s.tls == "none" and not is_loopback(s.host):
        raise ConfigError(
            f'[account.smtp].tls = "none" is only allowed for a server on this machine, '
            f"not {s.host!r}"
        )
    if s.tls == "none":
        log.debug("SMTP %s:%s: no TLS (allowed only because it is this machine)", s.host, s.port)
    try:
        smtp: smtplib.SMTP
        if s.tls == "implicit":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=_context(s))
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.tls == "starttls":
                if not smtp.has_extn("starttls"):
                    smtp.close()
                    raise BackendError(
                        f"the SMTP server {s.host}:{s.port} does not offer STARTTLS",
                        ['use tls = "implicit" (port 465); followthrough never sends in clear'],
                        transient=False,
                    )
                smtp.starttls(context=_context(s))
                smtp.ehlo()
    except BackendError:
        raise
    except (OSError, smtplib.SMTPException) as exc:
        raise _connection_error(s, exc) from exc
    if s.auth and s.username:
        try:
            _login_once(smtp, s.username, password)
        except smtplib.SMTPNotSupportedError:
            smtp.close()
            raise BackendError(
                f"the SMTP server {s.host}:{s.port} offers no login (no AUTH)",
                ["check [account.smtp].port (587 or 465 take logins; 25 usually does not)"],
                transient=False,
            ) from None
        except smtplib.SMTPAuthenticationError:
            smtp.close()
            raise BackendError(
                f"the SMTP server {s.host} refused the login for {s.username!r}",
                ["the user name or password is wrong: run `followthrough login`"],
                transient=False,
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            smtp.close()
            raise _connection_error(s, exc) from exc
    return smtp


class PartialDeliveryError(BackendError):
    """The server accepted the message for some recipients and refused others: it was
    sent (a retry would reach the accepted ones twice)."""


def _login_once(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """One login attempt with one mechanism (smtplib's ``login`` tries each mechanism
    in turn: a wrong password would count as several failures, towards a lockout)."""
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    mechanisms = smtp.esmtp_features["auth"].upper().split()
    smtp.user, smtp.password = username, password
    if "PLAIN" in mechanisms:
        smtp.auth("PLAIN", smtp.auth_plain)
    elif "LOGIN" in mechanisms:
        smtp.auth("LOGIN", smtp.auth_login, initial_response_ok=False)
    else:
        smtp.login(username, password)


def deliver(message: EmailMessage, settings: SmtpSettings, password: str) -> list[str]:
    """Send ``message`` (already approved by the user) to its To/Cc/Bcc recipients.

    Bcc is removed from the transmitted headers. Returns the accepted recipients;
    raises BackendError when the server refused the message or any recipient.
    """
    recipients = _recipients(message)
    if not recipients:
        raise BackendError("the message has no recipient", transient=False)
    sender = message.get("Sender") or message.get("From")
    from_addr = getaddresses([str(sender)])[0][1] if sender else settings.username
    outgoing = message
    if message.get("Bcc"):
        import copy

        outgoing = copy.deepcopy(message)
        del outgoing["Bcc"]
    smtp = _connect(settings, password)
    try:
        refused = smtp.send_message(outgoing, from_addr=from_addr, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as exc:
        raise BackendError(
            "the SMTP server refused every recipient",
            [f"{addr}: {code} {text!r}" for addr, (code, text) in exc.recipients.items()],
            transient=False,
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise BackendError(
            f"the SMTP server refused the message: {exc.smtp_code} {exc.smtp_error!r}",
            transient=400 <= exc.smtp_code < 500,
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise _connection_error(settings, exc) from exc
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    if refused:
        raise PartialDeliveryError(
            "the SMTP server refused some recipients (the others got the message)",
            [f"{addr}: {code} {text!r}" for addr, (code, text) in refused.items()],
            transient=False,
        )
    return recipients


def _recipients(message: EmailMessage) -> list[str]:
    return [
        addr
        for _, addr in getaddresses(
            [str(v) for key in ("To", "Cc", "Bcc") for v in message.get_all(key, [])]
        )
        if addr
    ]


def deliver_command(message: EmailMessage, settings: SendmailSettings) -> list[str]:
    """Hand ``message`` (already approved by the user) to a sendmail-compatible command
    on stdin. Without ``-t`` in the command, the recipients are given as arguments.
    Returns the recipients; raises BackendError when the command fails."""
    recipients = _recipients(message)
    if not recipients:
        raise BackendError("the message has no recipient", transient=False)
    argv = list(settings.command)
    if "-t" not in argv[1:]:
        argv += ["--", *recipients]
    data = message.as_bytes(policy=message.policy.clone(linesep="\n"))
    where = " ".join(settings.command)
    try:
        done = subprocess.run(
            argv, input=data, capture_output=True, timeout=settings.timeout, check=False
        )
    except FileNotFoundError:
        raise BackendError(
            f"[account.sendmail].command: {settings.command[0]!r} was not found",
            ["install it (sendmail, msmtp, Postfix) or give its full path"],
            transient=False,
        ) from None
    except subprocess.TimeoutExpired:
        raise BackendError(
            f"{where} did not finish within {settings.timeout:g} s; the message may have left",
            transient=False,
        ) from None
    except OSError as exc:
        raise BackendError(
            f"{where} could not be run: {exc.strerror or exc}", transient=False
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BackendError(
            f"{where} failed (exit status {done.returncode}); nothing was sent",
            said[-3:],
            transient=done.returncode == 75,  # EX_TEMPFAIL
        )
    return recipients


def diagnose_sendmail(settings: SendmailSettings) -> list[Check]:
    """The command exists and can be run (nothing is sent)."""
    program = settings.command[0]
    found = shutil.which(program)
    where = f"sendmail command {' '.join(settings.command)!r}"
    if found is None:
        return [
            Check(
                False,
                f"{where}: {program!r} was not found or is not executable",
                "install sendmail, msmtp or Postfix, or give the full path in "
                "[account.sendmail].command",
            )
        ]
    return [Check(True, f"{where}: {found} is there; nothing sent", "")]


def verify_smtp(settings: SmtpSettings, password: str) -> None:
    """Log in with ``password`` and leave (nothing sent); BackendError when refused."""
    smtp = _connect(settings, password)
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def diagnose_smtp(settings: SmtpSettings, password: str) -> list[Check]:
    """Connect and log in, without sending anything."""
    who = f"{settings.username}@" if settings.auth and settings.username else ""
    where = f"SMTP {who}{settings.host}:{settings.port}"
    try:
        smtp = _connect(settings, password)
    except (BackendError, ConfigError) as exc:
        return [Check(False, f"{where}: {exc.message}", " ".join(exc.problems))]
    try:
        smtp.noop()
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    did = "logged in" if settings.auth and settings.username else "connected, no login"
    tls = "no TLS" if settings.tls == "none" else f"{settings.tls} TLS"
    return [Check(True, f"{where}: {did} ({tls}); nothing sent", "")]


def _connection_error(s: SmtpSettings, exc: BaseException) -> BackendError:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return BackendError(
            f"the SMTP server {s.host}:{s.port} presented a certificate that cannot be "
            f"verified ({exc.verify_message})",
            ["if it uses a private certificate authority, set [account.smtp].ca_file"],
            transient=False,
        )
    if isinstance(exc, ssl.SSLError):
        return BackendError(
            f"TLS with the SMTP server {s.host}:{s.port} failed ({exc.reason or exc})",
            ['check [account.smtp].tls: "implicit" for port 465, "starttls" for 587'],
            transient=False,
        )
    if isinstance(exc, (ConnectionRefusedError, socket.gaierror, TimeoutError)):
        return BackendError(
            f"cannot reach the SMTP server {s.host}:{s.port} ({type(exc).__name__})",
            ["check [account.smtp].host and .port, and the network"],
            transient=True,
        )
    return BackendError(
        f"SMTP with {s.host}:{s.port} failed: {type(exc).__name__}: {exc}",
        transient=True,
    )
