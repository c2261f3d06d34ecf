"""One idempotent pass: read → detect → record → decide → compose → draft.

Each step commits what it read together with the cursor it read it with, so a crash
at any point never skips or double-counts a message. Running a pass twice on
unchanged input changes nothing and writes no second draft.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from followthrough.config.contacts import Contact
from followthrough.config.settings import Settings
from followthrough.engine.compose import Composer
from followthrough.engine.drafting import DraftSteps
from followthrough.engine.reading import ReadSteps
from followthrough.engine.relating import RelationSteps
from followthrough.errors import FollowthroughError
from followthrough.ledger import Ledger
from followthrough.ledger.relations import Occurrence
from followthrough.model import Account, Skipped

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ScanSummary:
    """What one pass did, for the one-line summary and `status`."""

    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    new_skipped: list[Skipped] = field(default_factory=list)  # not reported by earlier passes
    errors: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # follow-up ids drafted this pass
    seconds: float = 0.0

    def line(self) -> str:
        c = self.counts
        parts = [
            f"read {c['sent']} sent, {c['inbox']} inbox, {c['calendar']} calendar entries",
            f"{c['asks_new']} new asks",
        ]
        if c["suggested_new"]:
            parts.append(f"{c['suggested_new']} suggested")
        parts += [
            f"{c['replies']} replies",
            f"{c['drafts']} drafts written",
            f"{len(self.skipped)} bad items skipped"
            + (
                f" ({len(self.new_skipped)} new; `followthrough status` lists them)"
                if len(self.new_skipped) < len(self.skipped)
                else ""
            ),
        ]
        if self.errors:
            parts.append(f"{len(self.errors)} errors")
        return "; ".join(parts) + f" ({self.seconds:.2f}s)"

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": dict(self.counts),
            "skipped": len(self.skipped),
            "errors": list(self.errors),
            "drafts": list(self.drafts),
            "seconds": round(self.seconds, 3),
        }


class PassInterruptedError(FollowthroughError):
    """The pass was asked to stop (the daemon is shutting down); raised between steps."""


class Pass(ReadSteps, DraftSteps, RelationSteps):
    """One pass over one account. Build it, call ``run()``."""

    summary: ScanSummary  # the drafting steps see it as a drafting.Tally

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        account: Account,
        composer: Composer,
        now: datetime,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings
        self._adjust: dict[str, float] | None = None
        self.should_stop = should_stop
        self.ledger = ledger
        self.account = account
        self.composer = composer
        self.now = now
        self.tz = settings.timezone
        self.me = settings.user.email
        self.summary = ScanSummary()
        self._contacts: dict[str, Contact] | None = None
        self._draft_ids: set[str] | None = None  # see DraftSteps.draft_ids
        self.sent_ids: set[str] = set()  # Message-IDs read from Sent in this pass
        self._reported: set[Skipped] = set()
        self._started = time.monotonic()  # when reading the current message began
        self._new_calendar_asks = 0
        self._subjects: tuple[int, dict[str, list[str]]] | None = None  # see subject_index
        self._checkins: list[Occurrence] = []  # standing check-ins read this pass

    # --- the pass ---------------------------------------------------------------------

    def run(self) -> ScanSummary:
        started = time.monotonic()
        with self.ledger.transaction():
            pass_id = self.ledger.record_pass_start(self.now)
        result = "ok"
        try:
            self.checkpoint()
            self.read_calendar()
            self.checkpoint()
            self.read_mail("sent")
            self.checkpoint()
            self.read_mail("inbox")
            self.checkpoint()
            self.track_drafts()
            self.settle_relations()
            # agendas first: a follow-up to the same person then waits for the cooldown
            # (the agenda already asks where their work stands)
            self.draft_relations()
            self.checkpoint()
            self.draft_followups()
        except PassInterruptedError:
            result = "interrupted"
            raise
        except Exception as exc:  # OSError, timeouts, bugs: the pass failed, say so
            result = "failed"
            self.summary.errors.append(str(exc))
            raise
        finally:
            self.summary.seconds = time.monotonic() - started
            with self.ledger.transaction():
                self.ledger.record_pass_end(pass_id, self.now, result, self.summary.as_dict())
        return self.summary

    def checkpoint(self) -> None:
        """Between two committed steps: stop here if the daemon is shutting down."""
        if self.should_stop is not None and self.should_stop():
            raise PassInterruptedError("the pass was stopped between two steps")

    def skip(self, item: Skipped) -> None:
        """Report a bad item once: once a pass (every occurrence of one recurring entry)
        and once ever (a calendar is read again each day, a problem is named the first
        time only; the ledger remembers, in the transaction of the step that saw it)."""
        if item in self._reported:
            return
        self._reported.add(item)
        self.summary.skipped.append(item)
        if self.ledger.in_transaction:
            new = self.ledger.record_skipped(item.where, item.why, self.now)
        else:
            with self.ledger.transaction():
                new = self.ledger.record_skipped(item.where, item.why, self.now)
        if new:  # warned once; `followthrough status` lists the known ones
            log.warning("skipped %s: %s", item.where, item.why)
            self.summary.new_skipped.append(item)
        else:
            log.debug("skipped again %s: %s", item.where, item.why)
