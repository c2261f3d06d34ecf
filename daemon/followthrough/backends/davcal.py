"""The calendar over CalDAV (the ``caldav`` library). The only module importing caldav.

(Named ``davcal`` so that it never shadows the library.)

Cursor (opaque JSON)::

    {"k": "caldav", "sel": the configured calendar (URL, name or ""), "url": the
     calendar collection found for it, "token": its RFC 6578 sync token, or "",
     "digest": sha256 of what was read, when the server has no sync tokens}

- With a token: one ``sync-collection`` REPORT (ETags only). No change: an empty
  batch and the same cursor. A change: a full read.
- A full read: one PROPFIND for the new sync token, then one ``calendar-query``
  REPORT with a time range for the window; recurring series are expanded here, by
  :func:`parse_calendar`, exactly as for local files. The token is taken *before*
  the query, so an edit made in between is seen by the next pass, never lost.
- An expired or unknown token (the server forgot it: 403/409/412) falls back to a
  full read. So does a server without sync tokens; then the cursor holds a digest
  of the payloads, and an unchanged calendar still yields an empty batch.
- The calendar: the configured URL, or discovered from the principal (by display
  name, else the first calendar that takes events) once, then kept in the cursor.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import ssl
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from caldav.davclient import DAVClient
from caldav.elements import dav
from caldav.lib import error as dav_error

from followthrough.backends import load_cursor
from followthrough.backends.ics.parse import CalendarParseError, parse_calendar
from followthrough.config.accounts import CaldavSettings, is_loopback, urlsplit_host
from followthrough.errors import BackendError, ConfigError
from followthrough.model import (
    Batch,
    CalendarRecord,
    Check,
    Skipped,
    SkipSink,
    Window,
    batch_of,
)

log = logging.getLogger(__name__)


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost ssl/socket error behind an HTTP library's wrapper, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (ssl.SSLError, ConnectionRefusedError, TimeoutError)):
            return current
        for arg in getattr(current, "args", ()):
            if isinstance(arg, BaseException):
                inner = _root_cause(arg)
                if inner is not arg or isinstance(inner, (ssl.SSLError, OSError)):
                    return inner
        current = current.__cause__ or current.__context__
    return exc


class DavCalendar:
    """One CalDAV calendar, read incrementally."""

    def __init__(self, settings: CaldavSettings, password: str, tz: ZoneInfo) -> None:
        host = urlsplit_host(settings.url)
        plain = settings.url.startswith("http://")
        if plain and not is_loopback(host):
            raise ConfigError(
                f"[account.caldav].url: http:// is only allowed for a server on this machine, "
                f"not {host!r}"
            )
        if plain:
            # said once by `doctor`, not at every command and every pass
            log.debug("CalDAV %s: plain http (allowed only because it is this machine)", host)
        self.settings = settings
        self.tz = tz
        verify: bool | str = str(settings.ca_file) if settings.ca_file else True
        self.client: Any = DAVClient(
            url=settings.url,
            username=settings.username,
            password=password,
            timeout=int(settings.timeout),
            ssl_verify_cert=verify,
            enable_rfc6764=False,
            require_tls=not plain,
        )
        self._calendar: Any = None

    # ---- errors -----------------------------------------------------------------------

    def _error(self, exc: BaseException) -> BackendError:
        s = self.settings
        if isinstance(exc, BackendError):
            return exc
        if isinstance(exc, dav_error.AuthorizationError):
            return BackendError(
                f"the CalDAV server {urlsplit_host(s.url)} refused the login for "
                f"{s.username!r} ({exc.reason})",
                [
                    "the user name or password is wrong, or this user may not read that "
                    "calendar: run `followthrough login` to store the right password"
                ],
                transient=False,
            )
        if isinstance(exc, dav_error.NotFoundError):
            return BackendError(
                f"no calendar at {s.calendar or s.url}",
                ["check [account.caldav].url and .calendar; `followthrough doctor` lists them"],
                transient=False,
            )
        cause = _root_cause(exc)
        if isinstance(cause, ssl.SSLCertVerificationError):
            return BackendError(
                f"the CalDAV server {urlsplit_host(s.url)} presented a certificate that cannot "
                f"be verified ({cause.verify_message})",
                [
                    "if it uses a private certificate authority, set [account.caldav].ca_file "
                    "to its certificate (PEM)"
                ],
                transient=False,
            )
        if isinstance(exc, dav_error.DAVError):
            return BackendError(
                f"the CalDAV server answered with an error: {exc}",
                ["the next scan tries again; if it persists, run `followthrough doctor`"],
                transient=True,
            )
        return BackendError(
            f"cannot reach the CalDAV server {urlsplit_host(s.url)}: {type(cause).__name__}: "
            f"{cause}",
            [
                "check [account.caldav].url and the network; nothing was lost, the next "
                "scan reads again"
            ],
            transient=True,
        )

    # ---- the calendar -----------------------------------------------------------------

    @property
    def selector(self) -> str:
        return self.settings.calendar or ""

    def calendars(self) -> list[Any]:
        """Every calendar of the principal (discovery: a few PROPFINDs)."""
        return list(self.client.principal().calendars())

    def _find(self, url: str | None) -> Any:
        if self._calendar is not None:
            return self._calendar
        wanted = self.settings.calendar
        if url is None and wanted and wanted.startswith(("https://", "http://")):
            url = wanted
        if url is not None:
            self._calendar = self.client.calendar(url=url)
            return self._calendar
        try:
            found = self.calendars()
        except dav_error.AuthorizationError:
            raise
        except dav_error.DAVError:
            found = []  # no principal there: the URL may be the calendar itself
        if not found:
            # The URL may be the calendar collection itself.
            self._calendar = self.client.calendar(url=self.settings.url)
            return self._calendar
        if wanted:
            for cal in found:
                if (cal.get_display_name() or "").strip().lower() == wanted.strip().lower():
                    self._calendar = cal
                    return cal
            names = ", ".join(repr(c.get_display_name()) for c in found)
            raise BackendError(
                f"no calendar named {wanted!r} on {urlsplit_host(self.settings.url)}",
                [f"set [account.caldav].calendar to one of: {names} (or to its URL)"],
                transient=False,
            )
        self._calendar = found[0]
        return self._calendar

    # ---- reading ----------------------------------------------------------------------

    def read_calendar(
        self, window: Window, cursor: str | None, skip: SkipSink
    ) -> Batch[CalendarRecord]:
        """Every occurrence in ``window`` when anything changed since ``cursor``; else none."""
        old = load_cursor(cursor, "caldav")
        if old is not None and old.get("sel") != self.selector:
            old = None
        try:
            cal = self._find(old.get("url") if old else None)
            url = str(cal.url)
            if old is not None and old.get("url") == url and old.get("token"):
                try:
                    changes = cal.get_objects_by_sync_token(
                        old["token"], load_objects=False, disable_fallback=True
                    )
                except dav_error.DAVError as exc:
                    if isinstance(exc, dav_error.AuthorizationError) and exc.reason in (
                        "Unauthorized",
                    ):
                        raise
                    log.info("CalDAV sync token of %s not accepted (%s); reading it all", url, exc)
                else:
                    if not list(changes) and not changes.deleted_urls:
                        return batch_of((), cursor or "")
            token = self._token(cal)
            objects = cal.search(start=window.start, end=window.end, event=True, expand=False)
            payloads = [(str(o.url), _data(o)) for o in objects]
        except BackendError:
            raise
        except Exception as exc:
            raise self._error(exc) from exc
        digest = ""
        if not token:
            h = hashlib.sha256(window.start.isoformat().encode())
            for where, data in sorted(payloads):
                h.update(f"{where}\0{len(data)}\0".encode() + data)
            digest = h.hexdigest()
            if old is not None and old.get("digest") == digest:
                return batch_of((), cursor or "")
        new_cursor = json.dumps(
            {"k": "caldav", "sel": self.selector, "url": url, "token": token, "digest": digest}
        )
        return batch_of(self._records(payloads, window, skip), new_cursor)

    def _token(self, cal: Any) -> str:
        try:
            token = cal.get_property(dav.SyncToken())
        except dav_error.DAVError:
            return ""
        return str(token or "")

    def _records(
        self, payloads: list[tuple[str, bytes]], window: Window, skip: SkipSink
    ) -> Iterator[CalendarRecord]:
        for where, data in payloads:
            try:
                yield from parse_calendar(data, window=window, tz=self.tz, source=where, skip=skip)
            except CalendarParseError as exc:
                skip(Skipped(where, exc.why))

    # ---- doctor -----------------------------------------------------------------------

    def diagnose(self, window: Window | None = None) -> list[Check]:
        s = self.settings
        where = f"CalDAV {s.username}@{urlsplit_host(s.url)}"
        checks: list[Check] = []
        if s.url.startswith("http://"):
            checks.append(Check(True, f"{where}: plain http (allowed: the server is this machine)"))
        try:
            found = self.calendars()
            names = [str(c.get_display_name() or c.url) for c in found]
            if names:
                checks.append(Check(True, f"{where}: logged in; calendars: {', '.join(names)}"))
            elif (s.calendar or "").startswith(("https://", "http://")):
                checks.append(Check(True, f"{where}: logged in; no calendar listed, using its URL"))
            else:
                checks.append(
                    Check(
                        False,
                        f"{where}: logged in, but the server lists no calendar for this user",
                        "create one, or set [account.caldav].calendar to the calendar's URL",
                    )
                )
        except Exception as exc:
            err = self._error(exc)
            if not err.transient or isinstance(exc, dav_error.AuthorizationError):
                return [Check(False, f"{where}: {err.message}", " ".join(err.problems))]
            checks.append(Check(True, f"{where}: no calendar list from the principal", ""))
        try:
            cal = self._find(None)
            token = self._token(cal)
            count = ""
            if window is not None:
                n = len(cal.search(start=window.start, end=window.end, event=True, expand=False))
                count = f", {n} entries in the scan window"
            sync = "sync tokens (incremental)" if token else "no sync tokens (full re-reads)"
            checks.append(Check(True, f"{where}: reading {cal.url}: {sync}{count}", ""))
        except Exception as exc:
            err = self._error(exc)
            checks.append(Check(False, f"{where}: {err.message}", " ".join(err.problems)))
        return checks

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()


def _data(obj: Any) -> bytes:
    data = obj.data
    if isinstance(data, bytes):
        return data
    return str(data or "").encode("utf-8")
