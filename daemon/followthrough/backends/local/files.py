"""What every part of the local account reads: its settings, time zone and
[limits], and the size check against them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from followthrough.config.storage import LimitsSettings, LocalSettings


class LocalFiles:
    """The state a local account keeps (set by :class:`LocalAccount`)."""

    settings: LocalSettings
    tz: ZoneInfo
    limits: LimitsSettings

    def _too_big(self, size: int, limit: int, key: str) -> str | None:
        if size <= limit:
            return None
        return f"{size:,} bytes is larger than [limits].{key} ({limit:,}); not read"
