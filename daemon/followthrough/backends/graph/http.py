"""HTTP to Microsoft Graph for the Microsoft 365 backend: httpx (the only importer of it),
the bearer token, the ``Prefer: IdType="ImmutableId"`` header on every request, 429/503
answered by waiting ``Retry-After`` (bounded by ``[microsoft].max_wait`` and
:data:`RETRIES`), and a 401 answered by refreshing the token once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from followthrough.backends.graph.auth import TokenProvider
from followthrough.errors import BackendError

log = logging.getLogger(__name__)

GRAPH = "https://graph.microsoft.com/v1.0"
RETRIES = 5  # attempts at one request when throttled or busy
_IMMUTABLE = 'IdType="ImmutableId"'


class GraphError(BackendError):
    """Graph answered with an error: its HTTP status and error code are kept."""

    def __init__(self, message: str, *, status: int, code: str, transient: bool) -> None:
        super().__init__(message, transient=transient)
        self.status = status
        self.code = code


def _error_code(response: httpx.Response) -> tuple[str, str]:
    try:
        data = response.json()
    except ValueError:
        return "", response.text[:200]
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return "", ""
    return str(error.get("code") or ""), str(error.get("message") or "")[:300]


def _retry_after(response: httpx.Response, attempt: int) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return float(min(2**attempt, 30))


class GraphClient:
    """Requests to Graph with the token, the Prefer headers, throttling and one refresh."""

    def __init__(
        self,
        tokens: TokenProvider,
        *,
        http: httpx.Client | None = None,
        base: str = GRAPH,
        max_wait: float = 120,
        sleep: Callable[[float], None] = time.sleep,
        where: str = "Microsoft 365",
    ) -> None:
        self.tokens = tokens
        self.http = http or httpx.Client(timeout=httpx.Timeout(60.0, connect=15.0))
        self.base = base.rstrip("/")
        self.max_wait = max_wait
        self.sleep = sleep
        self.where = where
        self._token: str | None = None

    def request(
        self,
        method: str,
        url: str,
        *,
        what: str,
        params: dict[str, str] | None = None,
        body: Any = None,
        content: bytes | None = None,
        prefer: tuple[str, ...] = (),
        ok_missing: bool = False,
    ) -> httpx.Response | None:
        """The answer of one request; None for a 404 when ``ok_missing``. Raises
        :class:`GraphError` (an HTTP error) or :class:`BackendError` (the network)."""
        if not url.startswith(("https://", "http://")):
            url = self.base + url
        headers = {"Prefer": ", ".join((_IMMUTABLE, *prefer)), "Accept": "application/json"}
        if content is not None:
            headers["Content-Type"] = "text/plain"
        refreshed = False
        waited = 0.0
        attempt = 0
        while True:
            if self._token is None:
                self._token = self.tokens.token()
            headers["Authorization"] = f"Bearer {self._token}"
            try:
                response = self.http.request(
                    method,
                    url,
                    params=params,
                    json=body if content is None else None,
                    content=content,
                    headers=headers,
                )
            except httpx.TimeoutException as exc:
                raise BackendError(
                    f"{self.where}: {what}: Microsoft Graph did not answer in time "
                    f"({type(exc).__name__}); the next pass will try again",
                    transient=True,
                ) from exc
            except httpx.TransportError as exc:
                raise BackendError(
                    f"{self.where}: {what}: the connection to Microsoft Graph failed "
                    f"({type(exc).__name__}: {str(exc)[:120]}); the next pass will try again",
                    transient=True,
                ) from exc
            status = response.status_code
            if status == 401 and not refreshed:
                refreshed = True
                log.info("%s: Graph refused the token; refreshing it once", self.where)
                self._token = self.tokens.token(refresh=True)
                continue
            if status in (429, 503, 504):
                attempt += 1
                delay = _retry_after(response, attempt)
                if attempt >= RETRIES or waited + delay > self.max_wait:
                    raise GraphError(
                        f"{self.where}: {what}: Microsoft Graph is throttling or busy (HTTP "
                        f"{status}) longer than [microsoft].max_wait ({self.max_wait:g} s); "
                        "the next pass will try again",
                        status=status,
                        code="throttled",
                        transient=True,
                    )
                log.info("%s: %s: HTTP %s, waiting %.0f s", self.where, what, status, delay)
                waited += delay
                self.sleep(delay)
                continue
            if status == 404 and ok_missing:
                return None
            if status < 400:
                return response
            raise self._error(response, what)

    def _error(self, response: httpx.Response, what: str) -> GraphError:
        status = response.status_code
        code, message = _error_code(response)
        where = f"{self.where}: {what}"
        if status == 401:
            text = (
                f"{where}: Microsoft Graph refused the sign-in even after a refresh ({code}); "
                "run `followthrough login` again"
            )
        elif status == 403:
            text = (
                f"{where}: access denied ({code or 'HTTP 403'}): the app needs the delegated "
                "permissions Mail.ReadWrite and Calendars.Read, granted for this mailbox"
            )
        elif status == 410:
            text = f"{where}: the sync state expired ({code or 'HTTP 410'})"
        else:
            text = f"{where}: HTTP {status} {code}: {message}".rstrip(": ")
        return GraphError(text, status=status, code=code, transient=status >= 500)

    def json(self, method: str, url: str, *, what: str, **kwargs: Any) -> dict[str, Any]:
        response = self.request(method, url, what=what, **kwargs)
        if response is None or not response.content:
            return {}
        try:
            data = response.json()
        except ValueError as exc:
            raise BackendError(
                f"{self.where}: {what}: the answer was not JSON (is this Microsoft Graph?)",
                transient=True,
            ) from exc
        return data if isinstance(data, dict) else {}

    def close(self) -> None:
        self.http.close()


def make_http() -> httpx.Client:
    """The HTTP client of a pass (tests replace this function with a fake Graph)."""
    return httpx.Client(timeout=httpx.Timeout(60.0, connect=15.0))
