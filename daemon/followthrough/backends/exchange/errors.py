"""Errors talking to Exchange, as one actionable :class:`BackendError` each."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import requests.exceptions
from exchangelib.errors import (
    CASError,
    ErrorAccessDenied,
    ErrorNonExistentMailbox,
    ErrorTimeoutExpired,
    EWSError,
    MalformedResponseError,
    RateLimitError,
    TransportError,
    UnauthorizedError,
)

from followthrough.errors import BackendError

# An HTTP 403 as exchangelib reports it ("Unknown failure in response. Code: 403 …"): never
# any "403" in the text, which a connection error's object address ("at 0x7f4030…") or a
# port number can hold, making an unreachable server look like a permanent refusal.
_FORBIDDEN = re.compile(r"\bCode: 403\b|\bHTTP(?:/\d(?:\.\d)?)? 403\b|\b403 Forbidden\b", re.I)


def describe_error(exc: BaseException, where: str) -> BackendError:
    """One actionable sentence for what went wrong talking to Exchange (the server's own
    words whole, on one line)."""
    text = " ".join(str(exc).split())
    if isinstance(exc, UnauthorizedError):
        return BackendError(
            f"{where}: Exchange refused the login: wrong password or user name (or the "
            "account is locked). Run `followthrough login` to store the right password.",
            transient=False,
        )
    if isinstance(exc, TransportError) and (
        "CERTIFICATE" in text.upper() or "SSL" in text.upper() or "TLS" in text.upper()
    ):
        return BackendError(
            f"{where}: the server's TLS certificate was not accepted ({text}). If your "
            "company uses its own CA, point REQUESTS_CA_BUNDLE at its certificate file.",
            transient=False,
        )
    if isinstance(exc, ErrorAccessDenied | CASError) or _FORBIDDEN.search(text):
        return BackendError(
            f"{where}: access denied: EWS may be disabled for this mailbox or tenant "
            "(Exchange Online blocks EWS unless the app is allowed), or the account lacks "
            "permission on the mailbox.",
            transient=False,
        )
    if isinstance(exc, ErrorNonExistentMailbox):
        return BackendError(
            f"{where}: no such mailbox; check [exchange].email.",
            transient=False,
        )
    if isinstance(exc, RateLimitError):
        return BackendError(
            f"{where}: the server is throttling or busy and asked to wait longer than "
            "[exchange].max_wait; the next pass will try again.",
            transient=True,
        )
    if isinstance(
        exc,
        ErrorTimeoutExpired
        | TransportError
        | requests.exceptions.ConnectionError
        | requests.exceptions.Timeout
        | ConnectionError,
    ):
        return BackendError(
            f"{where}: the Exchange endpoint is unreachable ({text}); check the "
            "network or [exchange].ews_url. The next pass will try again.",
            transient=True,
        )
    if isinstance(exc, MalformedResponseError):
        return BackendError(
            f"{where}: the server's answer was not EWS ({text[:600]}); is [exchange].ews_url "
            "the EWS endpoint (…/EWS/Exchange.asmx)?",
            transient=True,
        )
    return BackendError(
        f"{where}: Exchange error: {type(exc).__name__}: {text[:600]}", transient=True
    )


EWS_ERRORS = (
    EWSError,
    TransportError,
    MalformedResponseError,
    requests.exceptions.RequestException,
    ConnectionError,
)


@contextlib.contextmanager
def ews_errors(where: str) -> Iterator[None]:
    try:
        yield
    except BackendError:
        raise
    except EWS_ERRORS as exc:
        raise describe_error(exc, where) from exc
