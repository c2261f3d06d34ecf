"""Mail over IMAP (IMAPClient): incremental reads, drafts APPENDed to the Drafts folder.

The only module that imports imapclient. Folders are found through SPECIAL-USE
(``\\Sent``, ``\\Drafts``) unless the config names them.

Cursor per folder (opaque JSON, kept in the ledger by the pass)::

    {"k": "imap", "box": folder name, "v": UIDVALIDITY, "n": UIDNEXT,
     "m": HIGHESTMODSEQ (0 without CONDSTORE), "f": [flagged UIDs] (without CONDSTORE)}

- A pass with nothing new costs one STATUS per folder: same UIDVALIDITY, UIDNEXT and
  HIGHESTMODSEQ means nothing is listed or fetched.
- New messages: ``UID SEARCH UID n:*``, then ``UID FETCH (BODY.PEEK[] FLAGS)`` in
  batches. ``BODY.PEEK`` never sets ``\\Seen``.
- Flags added later (Sent only: a flag is how the user marks an ask): with CONDSTORE,
  ``UID SEARCH <flagged> MODSEQ m``; without it, ``UID SEARCH <flagged>`` compared with
  the flagged UIDs kept in the cursor. Those messages are read again (same ref).
- A UIDVALIDITY change (the folder was rebuilt) reads the whole folder again; the
  pass knows messages by Message-ID, so nothing is counted twice.
- A message deleted on the server is simply no longer there: nothing to read.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import ssl
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any
from zoneinfo import ZoneInfo

import imapclient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from followthrough.backends import load_cursor
from followthrough.backends.mailparse import MessageParseError, parse_message
from followthrough.config.settings import ImapSettings, is_loopback
from followthrough.errors import BackendError, ConfigError
from followthrough.model import (
    Batch,
    Check,
    DraftState,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    batch_of,
)

log = logging.getLogger(__name__)

FETCH_BATCH = 200
GREETING_WAIT = 10.0  # seconds for a plain server's greeting (see ImapMailbox.connect)
FLAG_MARKS = {
    b"\\flagged": "flagged",
    b"\\seen": "seen",
    b"\\answered": "replied",
    b"\\draft": "draft",
    b"\\deleted": "trashed",
}
SPECIAL_USE = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
FALLBACK_NAMES = {
    "sent": ("Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "[Gmail]/Sent Mail"),
    "drafts": ("Drafts", "INBOX.Drafts", "[Gmail]/Drafts"),
}


def tls_context(ca_file: object | None) -> ssl.SSLContext:
    """Certificate and host name verification on, plus ``ca_file`` when given."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


def _dump(box: str, validity: int, uidnext: int, modseq: int, flagged: list[int] | None) -> str:
    data: dict[str, Any] = {"k": "imap", "box": box, "v": validity, "n": uidnext, "m": modseq}
    if flagged is not None:
        data["f"] = flagged
    return json.dumps(data)


class ImapMailbox:
    """One IMAP login; reads folders incrementally and APPENDs drafts.

    Connects lazily; a dropped connection is reported as a transient BackendError and
    the next call connects again. A refused login is remembered: this object never
    tries the same wrong password twice (no retry storm, no account lockout).
    """

    def __init__(self, settings: ImapSettings, password: str, tz: ZoneInfo) -> None:
        if settings.tls == "none" and not is_loopback(settings.host):
            raise ConfigError(
                f'[account.imap].tls = "none" is only allowed for a server on this machine, '
                f"not {settings.host!r}"
            )
        if settings.tls == "none":
            log.debug(
                "IMAP %s:%s: no TLS (allowed only because it is this machine)",
                settings.host,
                settings.port,
            )
        self.settings = settings
        self._password = password
        self.tz = tz
        self._client: imapclient.IMAPClient | None = None
        self._refused: BackendError | None = None
        self._folders: dict[str, str] = {}
        self.capabilities: frozenset[bytes] = frozenset()

    # ---- connection -------------------------------------------------------------------

    @property
    def where(self) -> str:
        return f"{self.settings.username}@{self.settings.host}:{self.settings.port}"

    def connect(self) -> imapclient.IMAPClient:
        """The logged-in client, connecting (once) when needed."""
        if self._refused is not None:
            raise self._refused
        if self._client is not None:
            return self._client
        s = self.settings
        try:
            context = tls_context(s.ca_file)
            # A plain connection to a TLS port (993) gets no greeting: the server waits
            # for a TLS hello. Wait for the greeting briefly, then say so.
            greeting = s.timeout if s.tls == "implicit" else min(s.timeout, GREETING_WAIT)
            try:
                client = imapclient.IMAPClient(
                    s.host,
                    port=s.port,
                    ssl=s.tls == "implicit",
                    ssl_context=context,
                    timeout=imapclient.SocketTimeout(connect=s.timeout, read=greeting),
                )
            except TimeoutError as exc:
                if s.tls == "implicit":
                    raise
                raise BackendError(
                    f"the IMAP server {s.host}:{s.port} accepted the connection but sent no "
                    f"greeting within {greeting:g} s: the port speaks TLS from the first byte",
                    [
                        f'set [account.imap].tls = "implicit" for port {s.port} (IMAPS), or '
                        'keep tls = "starttls" with port = 143'
                    ],
                    transient=False,
                ) from exc
            client.socket().settimeout(s.timeout)
            if s.tls == "starttls":
                if b"STARTTLS" not in client.capabilities():
                    client.shutdown()
                    raise BackendError(
                        f"IMAP server {s.host}:{s.port} does not offer STARTTLS",
                        [
                            'set [account.imap].tls = "implicit" and port = 993 if it offers '
                            "IMAPS; followthrough never logs in without TLS"
                        ],
                        transient=False,
                    )
                client.starttls(context)
        except BackendError:
            raise
        except Exception as exc:
            raise connection_error("IMAP", s.host, s.port, exc, "[account.imap]") from exc
        try:
            client.login(s.username, self._password)
        except LoginError:
            client.shutdown()
            self._refused = BackendError(
                f"the IMAP server {s.host} refused the login for {s.username!r}",
                [
                    "the user name or password is wrong: run `followthrough login` to store "
                    "the right password (an app password, if your provider uses them)"
                ],
                transient=False,
            )
            raise self._refused from None
        except Exception as exc:
            raise connection_error("IMAP", s.host, s.port, exc, "[account.imap]") from exc
        self.capabilities = frozenset(client.capabilities())
        if b"CONDSTORE" in self.capabilities:
            try:
                client.enable("CONDSTORE")
            except IMAPClientError:  # pragma: no cover - advertised but refused
                self.capabilities -= {b"CONDSTORE"}
        self._client = client
        return client

    def _broken(self, exc: BaseException) -> BackendError:
        """Forget a connection that failed mid-command and describe the failure."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()
        if isinstance(exc, BackendError):
            return exc
        return BackendError(
            f"the IMAP connection to {self.settings.host} failed: {type(exc).__name__}: {exc}",
            ["nothing was lost: the next scan reads again from where this one started"],
            transient=True,
        )

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.logout()
            except Exception:
                with contextlib.suppress(Exception):
                    client.shutdown()

    # ---- folders ----------------------------------------------------------------------

    def folder_name(self, folder: Folder) -> str:
        """The server's name for ``folder``: configured, else SPECIAL-USE, else a usual name."""
        if folder in self._folders:
            return self._folders[folder]
        s = self.settings
        configured = {"inbox": s.inbox, "sent": s.sent, "drafts": s.drafts}[folder]
        if configured:
            self._folders[folder] = configured
            return configured
        client = self.connect()
        try:
            listing = client.list_folders()
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        for flags, _, name in listing:
            for key, use in SPECIAL_USE.items():
                if use in flags and key not in self._folders and not getattr(s, key):
                    self._folders[key] = str(name)
        if folder not in self._folders:
            names = {str(name) for _, _, name in listing}
            found = next((n for n in FALLBACK_NAMES[folder] if n in names), None)
            if found is None:
                raise BackendError(
                    f"no {folder.capitalize()} folder found on {s.host}",
                    [
                        f"the server marks no folder as {SPECIAL_USE[folder].decode()}: set "
                        f'[account.imap].{folder} = "<folder name>" (folders there: '
                        + ", ".join(sorted(names)[:20])
                        + ")"
                    ],
                    transient=False,
                )
            self._folders[folder] = found
        return self._folders[folder]

    def _unselect(self, client: imapclient.IMAPClient) -> None:
        """Leave the selected folder: a server may answer STATUS for the selected folder
        from the session's stale view, hiding new mail from the next read."""
        if b"UNSELECT" in self.capabilities:
            client.unselect_folder()
        else:
            client.close_folder()  # read-only (EXAMINE): CLOSE expunges nothing

    def _flag_criteria(self) -> list[Any]:
        keyword = self.settings.flag_keyword
        if keyword:
            return ["OR", "FLAGGED", "KEYWORD", keyword]
        return ["FLAGGED"]

    def _marks(self, flags: Sequence[bytes]) -> frozenset[str]:
        marks: set[str] = set()
        keyword = (self.settings.flag_keyword or "").lower()
        for flag in flags:
            low = flag.lower() if isinstance(flag, bytes) else str(flag).encode().lower()
            if low in FLAG_MARKS:
                marks.add(FLAG_MARKS[low])
            elif not low.startswith(b"\\"):
                word = low.decode("utf-8", "replace")
                marks.add(word)
                if keyword and word == keyword:
                    marks.add("flagged")
        return frozenset(marks)

    # ---- reading ----------------------------------------------------------------------

    def read_mail(self, folder: Folder, cursor: str | None, skip: SkipSink) -> Batch[MailRecord]:
        """Messages of ``folder`` new since ``cursor`` (all when None), and Sent messages
        flagged since."""
        old = load_cursor(cursor, "imap")
        if old is not None and folder not in self._folders and isinstance(old.get("box"), str):
            # The folder found last time (SPECIAL-USE): no LIST unless it is gone.
            configured = {"inbox": self.settings.inbox, "sent": self.settings.sent}
            if not configured.get(folder) and folder != "inbox":
                self._folders[folder] = old["box"]
        box = self.folder_name(folder)
        client = self.connect()
        condstore = b"CONDSTORE" in self.capabilities
        items = [b"UIDVALIDITY", b"UIDNEXT"] + ([b"HIGHESTMODSEQ"] if condstore else [])
        try:
            status = client.folder_status(box, items)
        except IMAPClientError as exc:
            if isinstance(exc, IMAPClientAbortError):
                raise self._broken(exc) from exc
            if old is not None and self._folders.pop(folder, None) == old.get("box"):
                return self.read_mail(folder, None, skip)  # renamed: find it again
            raise BackendError(
                f"cannot open IMAP folder {box!r} on {self.settings.host}: {exc}",
                [f"check [account.imap].{folder}, or remove it to use the server's own folder"],
                transient=False,
            ) from exc
        except OSError as exc:
            raise self._broken(exc) from exc
        validity = int(status[b"UIDVALIDITY"])
        uidnext = int(status[b"UIDNEXT"])
        modseq = int(status.get(b"HIGHESTMODSEQ", 0))
        if old is not None and (old.get("box") != box or old.get("v") != validity):
            log.info("IMAP folder %s: UIDVALIDITY changed; reading it again", box)
            old = None
        track_flags = folder == "sent"
        # Nothing new; and for Sent, no flag changed (only CONDSTORE can tell without a
        # SEARCH). Other folders' flags do not matter to the pass.
        if (
            old is not None
            and old.get("n") == uidnext
            and (not track_flags or (condstore and old.get("m") == modseq))
        ):
            return batch_of((), cursor or "")
        state: dict[str, str] = {}
        records = self._read(box, folder, old, track_flags, condstore, skip, state)
        return Batch(records, lambda: state.get("cursor", cursor or ""))

    def _read(
        self,
        box: str,
        folder: Folder,
        old: dict[str, Any] | None,
        track_flags: bool,
        condstore: bool,
        skip: SkipSink,
        state: dict[str, str],
    ) -> Iterator[MailRecord]:
        client = self.connect()
        try:
            selected = client.select_folder(box, readonly=True)
            validity = int(selected[b"UIDVALIDITY"])
            uidnext = int(selected.get(b"UIDNEXT", 0))
            modseq = int(selected.get(b"HIGHESTMODSEQ", 0)) if condstore else 0
            if old is not None and old.get("v") != validity:
                old = None
            start = int(old["n"]) if old is not None else 1
            new = [u for u in client.search(["UID", f"{start}:*"]) if u >= start]
            again: list[int] = []
            flagged_now: list[int] | None = None
            if old is not None and track_flags:
                if condstore:
                    if old.get("m") != modseq:
                        # MODSEQ n matches n and above: n itself was already seen.
                        since = int(old.get("m", 0)) + 1
                        criteria = [*self._flag_criteria(), "MODSEQ", since]
                        again = [u for u in client.search(criteria) if u < start]
                else:
                    flagged_now = sorted(client.search(self._flag_criteria()))
                    before = set(old.get("f", []))
                    again = [u for u in flagged_now if u < start and u not in before]
            elif track_flags and not condstore:
                flagged_now = sorted(client.search(self._flag_criteria()))
            wanted = sorted(set(again) | set(new))
            for i in range(0, len(wanted), FETCH_BATCH):
                chunk = wanted[i : i + FETCH_BATCH]
                fetched = client.fetch(chunk, [b"BODY.PEEK[]", b"FLAGS"])
                for uid in chunk:
                    data = fetched.get(uid)
                    if data is None:
                        continue  # deleted on the server since the search
                    record = self._record(uid, validity, box, folder, data, skip)
                    if record is not None:
                        yield record
            highest = max(new) + 1 if new else 0
            state["cursor"] = _dump(box, validity, max(uidnext, highest), modseq, flagged_now)
            self._unselect(client)
        except BackendError:
            raise
        except (IMAPClientError, OSError, ssl.SSLError) as exc:
            raise self._broken(exc) from exc

    def _record(
        self,
        uid: int,
        validity: int,
        box: str,
        folder: Folder,
        data: dict[bytes, Any],
        skip: SkipSink,
    ) -> MailRecord | None:
        raw = data.get(b"BODY[]")
        where = f"imap:{self.settings.host}/{box}/{validity}/{uid}"
        if not isinstance(raw, bytes):
            skip(Skipped(where, "the server returned no message body"))
            return None
        try:
            return parse_message(
                raw,
                ref=f"{validity}/{uid}",
                folder=folder,
                marks=self._marks(data.get(b"FLAGS", ())),
                tz=self.tz,
            )
        except MessageParseError as exc:
            skip(Skipped(where, exc.why))
        except Exception as exc:  # one bad message never stops a pass
            log.debug("parse failed for %s", where, exc_info=True)
            skip(Skipped(where, f"{type(exc).__name__}: {exc}"[:300]))
        return None

    # ---- drafts -----------------------------------------------------------------------

    def save_draft(self, draft: EmailMessage, reply_to: MailRecord | None) -> str:
        """APPEND ``draft`` to the Drafts folder with ``\\Draft \\Seen``; the ref is its
        Message-ID (without angle brackets)."""
        if not draft.get("Message-ID"):
            draft = _copy(draft)
            draft["Message-ID"] = make_msgid(domain="followthrough.invalid")
        message_id = str(draft["Message-ID"]).strip().strip("<>")
        box = self.folder_name("drafts")
        data = draft.as_bytes(policy=draft.policy.clone(linesep="\r\n"))
        client = self.connect()
        try:
            client.append(box, data, flags=(b"\\Draft", b"\\Seen"), msg_time=datetime.now(UTC))
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except IMAPClientError as exc:
            raise BackendError(
                f"the IMAP server refused the draft in {box!r}: {exc}",
                ["check that the Drafts folder exists and is not full (quota)"],
                transient=True,
            ) from exc
        except OSError as exc:
            raise self._broken(exc) from exc
        return message_id

    def draft_state(self, ref: str) -> DraftState:
        """ "pending" while a message with Message-ID ``ref`` is in Drafts and not
        deleted; else "gone" (a sent one was already matched in Sent by the pass)."""
        if not ref or any(c in ref for c in '\r\n"'):
            return "gone"
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box, readonly=True)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            self._unselect(client)
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        return "pending" if found else "gone"

    def find_draft(self, message_id: str) -> str | None:
        """The ref of the draft whose Message-ID is ``message_id``, or None."""
        ref = message_id.strip().strip("<>")
        return ref if self.draft_state(ref) == "pending" else None

    def delete_draft(self, ref: str) -> bool:
        """Remove our draft ``ref`` (its Message-ID) from Drafts: flag it \\Deleted and
        expunge only it where the server offers UIDPLUS. False if it was not there."""
        if not ref or any(c in ref for c in '\r\n"'):
            return False
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            if found:
                client.delete_messages(found)
                if b"UIDPLUS" in self.capabilities:
                    client.uid_expunge(found)
                else:
                    client.expunge()
            client.close_folder()
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except (IMAPClientError, OSError) as exc:
            raise BackendError(
                f"the IMAP server did not remove the draft from {box!r}: {exc}", transient=True
            ) from exc
        return bool(found)

    def fetch_draft(self, ref: str) -> bytes | None:
        """The bytes of our draft ``ref`` (its Message-ID) as it is in Drafts now, or None
        when it is no longer there. ``BODY.PEEK`` leaves its flags alone."""
        if not ref or any(c in ref for c in '\r\n"'):
            return None
        box = self.folder_name("drafts")
        client = self.connect()
        try:
            client.select_folder(box, readonly=True)
            found = client.search(["HEADER", "Message-ID", f"<{ref}>", "NOT", "DELETED"])
            data = client.fetch(found[-1:], [b"BODY.PEEK[]"]) if found else {}
            self._unselect(client)
        except (IMAPClientError, OSError) as exc:
            raise self._broken(exc) from exc
        for fields in data.values():
            raw = fields.get(b"BODY[]")
            if isinstance(raw, bytes):
                return raw
        return None

    def draft_path(self, ref: str) -> None:
        """Drafts live on the server, not in a file."""
        return None

    def save_sent(self, data: bytes) -> str | None:
        """APPEND a message followthrough just sent over SMTP to the Sent folder, seen, so
        the mail client shows it and the next pass sees the follow-up sent."""
        box = self.folder_name("sent")
        client = self.connect()
        try:
            client.append(box, data, flags=(b"\\Seen",), msg_time=datetime.now(UTC))
        except IMAPClientAbortError as exc:
            raise self._broken(exc) from exc
        except IMAPClientError as exc:
            raise BackendError(
                f"the IMAP server refused the sent copy in {box!r}: {exc}", transient=True
            ) from exc
        except OSError as exc:
            raise self._broken(exc) from exc
        return box

    # ---- doctor -----------------------------------------------------------------------

    def diagnose(self) -> list[Check]:
        """What the server offers and what is wrong, one actionable sentence each."""
        s = self.settings
        checks: list[Check] = []
        try:
            self.connect()
        except BackendError as exc:
            return [Check(False, f"IMAP {self.where}: {exc.message}", " ".join(exc.problems))]
        tls = {"implicit": "IMAPS", "starttls": "STARTTLS", "none": "no TLS (loopback)"}[s.tls]
        checks.append(Check(True, f"IMAP {self.where}: logged in ({tls})", ""))
        if b"CONDSTORE" not in self.capabilities:
            checks.append(
                Check(
                    True,
                    "IMAP: no CONDSTORE; flags on Sent are checked with one SEARCH per pass",
                    "",
                )
            )
        for folder in ("inbox", "sent", "drafts"):
            try:
                box = self.folder_name(folder)
                status = self.connect().folder_status(box, [b"MESSAGES"])
            except BackendError as exc:
                checks.append(Check(False, f"IMAP {folder}: {exc.message}", " ".join(exc.problems)))
                continue
            except IMAPClientError as exc:
                checks.append(
                    Check(
                        False,
                        f"IMAP {folder}: folder {box!r} cannot be opened ({exc})",
                        f"fix [account.imap].{folder} or remove it to use the server's folder",
                    )
                )
                continue
            count = int(status[b"MESSAGES"])
            checks.append(Check(True, f"IMAP {folder}: {box!r}, {count} messages", ""))
        return checks


def _copy(draft: EmailMessage) -> EmailMessage:
    import copy

    return copy.deepcopy(draft)


def connection_error(
    protocol: str, host: str, port: int, exc: BaseException, table: str
) -> BackendError:
    """A connection failure as one sentence the user can act on."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return BackendError(
            f"the {protocol} server {host}:{port} presented a certificate that cannot be "
            f"verified ({exc.verify_message})",
            [
                f"if the server uses a private certificate authority, set {table}.ca_file to "
                "its certificate (PEM); check that the host name matches the certificate"
            ],
            transient=False,
        )
    if isinstance(exc, ssl.SSLError):
        return BackendError(
            f"TLS with {protocol} server {host}:{port} failed ({exc.reason or exc})",
            [
                f'check {table}.port and {table}.tls: "implicit" for a TLS port (993, 465), '
                '"starttls" for a plain port that upgrades (143, 587)'
            ],
            transient=False,
        )
    if isinstance(exc, socket.gaierror):
        return BackendError(
            f"the {protocol} server name {host!r} cannot be resolved",
            [f"check {table}.host and this machine's network"],
            transient=True,
        )
    if isinstance(exc, ConnectionRefusedError):
        return BackendError(
            f"the {protocol} server {host}:{port} refused the connection",
            [f"check {table}.port, or whether the server is running"],
            transient=True,
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return BackendError(
            f"the {protocol} server {host}:{port} did not answer in time",
            ["check the network, a firewall, or the port; the next scan tries again"],
            transient=True,
        )
    return BackendError(
        f"cannot reach the {protocol} server {host}:{port}: {type(exc).__name__}: {exc}",
        ["check the network and the server settings; the next scan tries again"],
        transient=True,
    )
