"""Mending iCalendar text before icalendar reads it: the bytes decoded, Windows and
vendor TZIDs mapped to IANA zones, repeated or impossible date properties left out (each
repair noted), and a payload with one broken component read one component at a time."""

from __future__ import annotations

import logging
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

log = logging.getLogger(__name__)


def read_text(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    # Lone CRs (old Mac exports) and blank lines confuse the line unfolder.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"


# One content line: NAME, ";PARAM=value" parameters (values may be quoted), ":", value.
_CONTENT_LINE = re.compile(
    r'^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:]*)'
    r'(?:,(?:"[^"]*"|[^";:]*))*)*):(?P<value>.*)$'
)
_PARAM = re.compile(
    r';(?P<key>[A-Za-z0-9-]+)=(?P<value>(?:"[^"]*"|[^";:]*)(?:,(?:"[^"]*"|[^";:]*))*)'
)
_DATE_ONLY = re.compile(r"^\d{8}$")
_DATE_VALUE = re.compile(r"^\d{8}(?:T\d{6}Z?)?(?:/\S+)?$")
_SINGLE = ("DTSTART", "DTEND", "DURATION", "UID", "RECURRENCE-ID")
_DATE_PROPS = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE", "DUE")


def known_zone(tzid: str) -> str | None:
    """The IANA name a TZID means: itself, the Windows name's zone from the CLDR
    table icalendar ships (``New Zealand Standard Time`` -> ``Pacific/Auckland``), or
    the Olson tail of a "globally unique" TZID (``/mozilla.org/x/Europe/Berlin``)."""
    name = tzid.strip().strip('"').strip()
    candidates = [name.strip("/"), WINDOWS_TO_OLSON.get(name.strip("/"), "")]
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
    for candidate in candidates:
        if not candidate or candidate.startswith((".", "/")) or ".." in candidate:
            continue
        try:
            ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
        return candidate
    return None


class _Block:
    """The raw lines of one top-level component of a calendar, unfolded."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []

    def field(self, key: str) -> str:
        depth = 0
        for line in self.lines[1:-1]:
            upper = line.upper()
            if upper.startswith("BEGIN:"):
                depth += 1
            elif upper.startswith("END:"):
                depth -= 1
            elif depth == 0 and upper.startswith(key + ":"):
                return line.partition(":")[2].strip()
        return ""


def _blocks(text: str) -> tuple[list[str], list[_Block], list[str]]:
    """(lines before the components, the top-level components, lines after them) of
    an unfolded calendar text: a text splitter, so that one component icalendar cannot
    read can be left out without losing the others."""
    head: list[str] = []
    blocks: list[_Block] = []
    tail: list[str] = []
    current: _Block | None = None
    depth = 0
    for line in text.split("\n"):
        if not line:
            continue
        upper = line.upper().rstrip()
        if current is None:
            if upper.startswith("BEGIN:") and upper != "BEGIN:VCALENDAR":
                current, depth = _Block(upper[6:].strip()), 0
            elif upper == "END:VCALENDAR" or tail:
                tail.append(line)
                continue
            else:
                head.append(line)
                continue
        current.lines.append(line)
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:"):
            depth -= 1
            if depth == 0:
                blocks.append(current)
                current = None
    if current is not None:  # a component never closed: close it
        current.lines.append(f"END:{current.name}")
        blocks.append(current)
    return head, blocks, tail


Note = tuple[str, str]  # (UID or "#index" of the event, what was wrong and what was done)


def _repair_event(block: _Block, index: int, zones: set[str], tz: ZoneInfo) -> list[Note]:
    """Mend what would make icalendar misread or drop one VEVENT, in place, and say
    what was done: Windows TZIDs become IANA names, an unknown TZID is dropped (the
    time is then read in the user's zone), an all-day date keeps no TZID, a repeated
    DTSTART/DTEND or an RDATE/EXDATE of a type no event can have is left out."""
    key = block.field("UID") or f"#{index}"
    notes: list[Note] = []
    seen: set[str] = set()
    out: list[str] = []
    depth = 0
    for line in block.lines:
        upper = line.upper()
        if upper.startswith(("BEGIN:", "END:")):
            depth += 1 if upper.startswith("BEGIN:") else -1
            out.append(line)
            continue
        m = _CONTENT_LINE.match(line)
        if m is None or depth != 1:
            out.append(line)
            continue
        name = m.group("name").upper()
        params = m.group("params")
        value = m.group("value").strip()
        if name in _SINGLE:
            if name in seen:
                notes.append((key, f"a second {name} ({value!r}) was ignored"))
                continue
            seen.add(name)
        if name in _DATE_PROPS:
            kept: list[str] = []
            for param in _PARAM.finditer(params):
                pkey, pvalue = param.group("key").upper(), param.group("value")
                if pkey == "TZID":
                    zone = pvalue.strip('"')
                    if _DATE_ONLY.match(value):
                        continue  # an all-day date has no time zone: stays all-day
                    if zone in zones:
                        kept.append(param.group(0))
                        continue
                    mapped = known_zone(zone)
                    if mapped is None:
                        notes.append(
                            (key, f"unknown time zone {zone!r} in {name}; read as {tz.key}")
                        )
                        continue
                    kept.append(f";TZID={mapped}")
                    continue
                if (
                    pkey == "VALUE"
                    and name in ("RDATE", "EXDATE")
                    and pvalue.upper() not in ("DATE", "DATE-TIME", "PERIOD")
                ):
                    break
                kept.append(param.group(0))
            else:
                if name in ("RDATE", "EXDATE") and not all(
                    _DATE_VALUE.match(v.strip()) for v in value.split(",") if v.strip()
                ):
                    notes.append((key, f"{name} {value!r:.60} is no date; ignored"))
                    continue
                if (
                    _DATE_ONLY.match(value)
                    and name in ("DTSTART", "DTEND")
                    and not any(k.upper().startswith(";VALUE=") for k in kept)
                ):
                    kept.append(";VALUE=DATE")
                out.append(f"{m.group('name')}{''.join(kept)}:{value}")
                continue
            notes.append((key, f"{name} with {params.lstrip(';')!r:.60} is no date; ignored"))
            continue
        out.append(line)
    block.lines = out
    return notes


def prepare(text: str, tz: ZoneInfo) -> tuple[str, list[Note]]:
    """The calendar text with every event mended (see ``_repair_event``), and what was
    done. Windows-named VTIMEZONEs are dropped for the maintained table's zone: an
    Outlook export's own definition of one is often wrong (12 hours off, once)."""
    head, blocks, tail = _blocks(re.sub(r"\n[ \t]", "", text))
    zones: set[str] = set()
    kept: list[_Block] = []
    for block in blocks:
        if block.name == "VTIMEZONE":
            tzid = block.field("TZID").strip('"')
            if known_zone(tzid) is not None and tzid not in _iana_names():
                continue  # a Windows or vendor name: the table's zone replaces it
            zones.add(tzid)
        kept.append(block)
    notes: list[Note] = []
    for index, block in enumerate(kept):
        if block.name == "VEVENT":
            notes += _repair_event(block, index, zones, tz)
    lines = head + [line for block in kept for line in block.lines] + tail
    return "\n".join(lines) + "\n", notes


def _iana_names() -> frozenset[str]:
    global _IANA
    if _IANA is None:
        from zoneinfo import available_timezones

        _IANA = frozenset(available_timezones())
    return _IANA


_IANA: frozenset[str] | None = None


def components_leniently(text: str) -> tuple[list[Component], list[Note]]:
    """Every component icalendar can read, each VEVENT on its own: one that fails is
    read again without its sub-components (a broken VALARM), else left out."""
    head, blocks, tail = _blocks(text)
    zones: list[str] = []
    for block in blocks:
        if block.name == "VTIMEZONE":
            try:
                Component.from_ical("\n".join(block.lines) + "\n")
            except Exception as exc:  # a broken zone: its events fall back (see prepare)
                log.debug("time zone %r not read: %s", block.field("TZID"), exc)
                continue
            zones += block.lines
    calendar = Calendar.from_ical("\n".join([*head, *zones, *tail]) + "\n")
    notes: list[Note] = []
    for index, block in enumerate(blocks):
        if block.name == "VTIMEZONE":
            continue
        key = block.field("UID") or f"#{index}"
        try:
            calendar.add_component(Component.from_ical("\n".join(block.lines) + "\n"))
            continue
        except Exception as exc:
            why = f"{type(exc).__name__}: {exc}"[:200]
        bare: list[str] = []
        depth = 0
        for line in block.lines:
            upper = line.upper()
            if upper.startswith("BEGIN:"):
                depth += 1
            if depth <= 1:
                bare.append(line)
            if upper.startswith("END:"):
                depth -= 1
        try:
            calendar.add_component(Component.from_ical("\n".join(bare) + "\n"))
            notes.append(
                (key, f"a part of it (VALARM or the like) could not be read ({why}); ignored")
            )
        except Exception:
            notes.append((key, f"could not be read ({why}); event skipped"))
    return [calendar], notes
