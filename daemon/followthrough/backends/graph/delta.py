"""Delta queries: following the pages of a delta to its link (the cursor), and reading
again from the start, once, when the link expired."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.backends.graph.drafts import (
    TEXT_BODY,
)
from followthrough.backends.graph.http import (
    GraphClient,
    GraphError,
)
from followthrough.errors import BackendError

log = logging.getLogger(__name__)

PAGE = 100  # odata.maxpagesize of a delta page


@dataclass(slots=True)
class Delta:
    """What a delta read found: items created or changed (by id, in order), the ids
    removed, and the delta link to store."""

    items: dict[str, dict[str, Any]]
    removed: set[str]
    link: str


class GraphDelta:
    """The state a Graph account keeps (set by :class:`GraphAccount`), and the delta
    reads its mail and calendar parts share."""

    client: GraphClient
    email: str
    tz: ZoneInfo
    lookback: timedelta
    tag: str
    clock: Callable[[], datetime]
    where: str

    def _delta(
        self, first: str, params: dict[str, str] | None, link: str | None, what: str
    ) -> tuple[Delta, bool]:
        """Follow a delta from ``link`` (or ``first`` + ``params``) to its delta link, and
        whether it was read from the start. An expired link (410) is read again from the
        start, once, and logged."""
        prefer = (TEXT_BODY, f"odata.maxpagesize={PAGE}", 'outlook.timezone="UTC"')
        if link is None:
            return self._pages(first, params, prefer, what), True
        try:
            return self._pages(link, None, prefer, what), False
        except GraphError as exc:
            if not (
                exc.status == 410 or exc.code.lower() in ("syncstatenotfound", "resyncrequired")
            ):
                raise
            log.warning(
                "%s: %s: the delta link expired (%s); reading it again from the start",
                self.where,
                what,
                exc.code or "410",
            )
            return self._pages(first, params, prefer, what), True

    def _pages(
        self, url: str, params: dict[str, str] | None, prefer: tuple[str, ...], what: str
    ) -> Delta:
        items: dict[str, dict[str, Any]] = {}
        removed: set[str] = set()
        for _ in range(100_000):
            data = self.client.json("GET", url, what=what, params=params, prefer=prefer)
            for item in data.get("value") or ():
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    continue
                if "@removed" in item:
                    items.pop(item["id"], None)
                    removed.add(item["id"])
                else:
                    removed.discard(item["id"])
                    items.pop(item["id"], None)  # a later page has the newer version
                    items[item["id"]] = item
            params = None  # the links carry the query
            if isinstance(data.get("@odata.nextLink"), str):
                url = data["@odata.nextLink"]
                continue
            if isinstance(data.get("@odata.deltaLink"), str):
                return Delta(items, removed, data["@odata.deltaLink"])
            raise BackendError(
                f"{self.where}: {what}: a delta page had neither a next link nor a delta link",
                transient=True,
            )
        raise BackendError(f"{self.where}: {what}: too many delta pages", transient=True)
