"""Graph JSON values as model values: times, addresses, extended properties."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import formataddr
from typing import Any
from zoneinfo import ZoneInfo

from followthrough.backends.mail.headers import clean_line, parse_address
from followthrough.model import (
    Address,
)


def utc_time(value: Any) -> datetime | None:
    """A Graph DateTimeOffset ("2025-03-03T08:15:00Z") as an aware UTC datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def zoned_time(value: Any) -> datetime | None:
    """A Graph dateTimeTimeZone asked for in UTC ({"dateTime": "…0000000", "timeZone":
    "UTC"}) as an aware UTC datetime."""
    if not isinstance(value, dict) or not isinstance(value.get("dateTime"), str):
        return None
    text = value["dateTime"]
    if "." in text:  # seven fractional digits: more than fromisoformat reads
        head, frac = text.split(".", 1)
        text = f"{head}.{frac[:6]}"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    zone = str(value.get("timeZone") or "UTC")
    if parsed.tzinfo is None:
        try:
            parsed = parsed.replace(tzinfo=ZoneInfo(zone))
        except (KeyError, ValueError):  # a Windows zone name: we asked for UTC
            parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def to_address(value: Any) -> Address | None:
    if not isinstance(value, dict):
        return None
    inner = value.get("emailAddress")
    if not isinstance(inner, dict) or not inner.get("address"):
        return None
    return parse_address(str(inner["address"]), str(inner.get("name") or ""))


def to_addresses(values: Any) -> tuple[Address, ...]:
    out: list[Address] = []
    for value in values or ():
        a = to_address(value)
        if a is not None and a not in out:
            out.append(a)
    return tuple(out)


def header_address(a: Address) -> str:
    return formataddr((clean_line(a.name), a.email))


def extended_props(item: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in item.get("singleValueExtendedProperties") or ():
        if isinstance(prop, dict) and isinstance(prop.get("id"), str):
            out[prop["id"].lower()] = str(prop.get("value") or "")
    return out


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
