"""Exchange errors said as one actionable sentence, transient or not (backends.exchange.errors)."""

from __future__ import annotations

import pytest
import requests.exceptions
from exchangelib.errors import MalformedResponseError, TransportError

from followthrough.backends.exchange.errors import describe_error


@pytest.mark.parametrize(
    "text",
    [
        "Unknown failure in response. Code: 403 headers: {} content: Forbidden",
        "HTTP 403 Forbidden",
    ],
)
def test_an_http_403_is_access_denied_and_not_retried(text: str) -> None:
    err = describe_error(MalformedResponseError(text), "Exchange x")
    assert "access denied" in err.message and err.transient is False


@pytest.mark.parametrize(
    "exc",
    [
        # an object's address in the text ("at 0x7f1f4030cb10") once read as an HTTP 403
        requests.exceptions.ConnectionError(
            "HTTPConnectionPool(host='127.0.0.1', port=59095): Max retries exceeded "
            "(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at "
            "0x7f1f4030cb10>: Failed to establish a new connection: [Errno 111] "
            "Connection refused'))"
        ),
        TransportError("HTTPConnectionPool(host='127.0.0.1', port=40300): refused"),
    ],
)
def test_an_unreachable_server_is_transient_whatever_numbers_its_text_holds(
    exc: BaseException,
) -> None:
    err = describe_error(exc, "Exchange x")
    assert err.transient is True and "unreachable" in err.message
