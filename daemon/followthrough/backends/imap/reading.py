"""Reading IMAP folders incrementally: STATUS first, then new UIDs and (Sent) flags added
since, fetched with ``BODY.PEEK`` in batches."""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Iterator, Sequence
from typing import Any

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from followthrough.backends import load_cursor
from followthrough.backends.imap.connection import ImapConnection
from followthrough.backends.mail.parse import MessageParseError, parse_message
from followthrough.errors import BackendError
from followthrough.model import (
    Batch,
    Folder,
    MailRecord,
    Skipped,
    SkipSink,
    batch_of,
)

log = logging.getLogger(__name__)

FETCH_BATCH = 200
FLAG_MARKS = {
    b"\\flagged": "flagged",
    b"\\seen": "seen",
    b"\\answered": "replied",
    b"\\draft": "draft",
    b"\\deleted": "trashed",
}


def _dump(box: str, validity: int, uidnext: int, modseq: int, flagged: list[int] | None) -> str:
    data: dict[str, Any] = {"k": "imap", "box": box, "v": validity, "n": uidnext, "m": modseq}
    if flagged is not None:
        data["f"] = flagged
    return json.dumps(data)


class ImapReading(ImapConnection):
    """The reading part of :class:`ImapMailbox`."""

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
