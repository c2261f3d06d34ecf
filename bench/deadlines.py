"""Due dates of real request sentences against hand-written labels (issue 17, point 3).

    .venv/bin/python bench/deadlines.py                    # bench/deadlines-heldout.tsv
    .venv/bin/python bench/deadlines.py --labels FILE -v   # another label file, every miss

The SpamAssassin samples of ``bench/heldout.py`` hold almost no due dates, so the issue's
"due date exactly right among tracked asks with a date" could not be measured on them.
This set is sentence-level: real request sentences that mention a time, drawn from the
shared ``asks/intent-train.tsv`` (Apache-2.0) by ``bench/deadline_sample.py``, each with
the time it was sent and the due date a careful person would write down for the ask
(see the label file's header). Each sentence is read by ``detect_request`` as a whole
message body sent at that time, exactly as the pass reads a message.

Label columns, tab-separated: id, sent (``YYYY-MM-DDTHH:MM``, local), due (``-``,
``asap``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``), words (where the date came from),
kind (``ask`` or ``none``), text.

Printed: among the sentences the detector tracks (at the shipped threshold) and dates, the
share whose date is exactly right (the issue's target: >= 0.90); the same among tracked or
suggested ones; the share of labelled due dates found exactly (recall); and the share of
asks labelled with no due date that were given one anyway (false deadlines).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "daemon"))

from followthrough.config.behaviour import DetectSettings  # noqa: E402
from followthrough.detect.deadline import Deadline  # noqa: E402
from followthrough.detect.request import detect_request  # noqa: E402

LABELS = ROOT / "bench" / "deadlines-heldout.tsv"
TRACK = DetectSettings().track_threshold  # the shipped [detect] defaults
SUGGEST = DetectSettings().suggest_threshold
_DUE = re.compile(r"-|asap|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")
_SENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    sent: datetime
    due: str
    words: str
    ask: bool
    text: str


def read_labels(path: Path) -> list[Row]:
    out: list[Row] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = f"{path}:{n}"
        if len(cols) != 6:
            raise SystemExit(f"{where}: expected 6 tab-separated columns, got {len(cols)}")
        ident, sent, due, words, kind, text = (c.strip() for c in cols)
        if not _SENT.fullmatch(sent):
            raise SystemExit(f"{where}: sent must be YYYY-MM-DDTHH:MM, got {sent!r}")
        if not _DUE.fullmatch(due):
            raise SystemExit(f"{where}: due must be -, asap, YYYY-MM-DD[THH:MM], got {due!r}")
        if kind not in ("ask", "none"):
            raise SystemExit(f"{where}: kind must be ask or none, got {kind!r}")
        if not text:
            raise SystemExit(f"{where}: the text is empty")
        stamp = datetime.strptime(sent, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)
        out.append(Row(ident, stamp, due, words, kind == "ask", text))
    return out


def said(deadline: Deadline | None) -> str:
    """The detector's due date in the labels' notation."""
    if deadline is None or deadline.kind == "none":
        return "-"
    if deadline.kind == "asap":
        return "asap"
    if deadline.due is None:
        return "-"
    return deadline.due.strftime("%Y-%m-%dT%H:%M")


def right(label: str, got: str) -> bool:
    """A date-only label matches any time on that day; a label with a time needs it."""
    if label in ("-", "asap") or got in ("-", "asap"):
        return label == got
    return got == label if "T" in label else got[:10] == label


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    if not args.labels.exists():
        raise SystemExit(f"deadlines.py: {args.labels}: no such file")
    rows = read_labels(args.labels)
    tracked_dated = tracked_right = found_dated = found_right = 0
    labelled = labelled_found = undated = false_dates = 0
    for row in rows:
        hit = detect_request(row.text, row.sent)
        conf = hit.confidence if hit is not None else 0.0
        got = said(hit.deadline) if hit is not None else "-"
        ok = right(row.due, got)
        if row.ask and row.due != "-":
            labelled += 1
            labelled_found += conf >= SUGGEST and ok
        if row.ask and row.due == "-" and conf >= SUGGEST:
            undated += 1
            false_dates += got != "-"
        if got != "-" and conf >= SUGGEST:
            found_dated += 1
            found_right += ok and row.ask
            if conf >= TRACK:
                tracked_dated += 1
                tracked_right += ok and row.ask
        if args.verbose and (not ok or (got != "-" and not row.ask)):
            print(f"{row.id} conf {conf:.2f} label {row.due!r} ({row.words}) got {got!r}")
            print(f"    {row.text[:160]!r}")

    def share(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0 (none)"

    asks = sum(r.ask for r in rows)
    print(f"bench/deadlines.py on {args.labels.name}: {len(rows)} sentences, {asks} asks")
    print(
        f"  due date exactly right among tracked asks with a date: "
        f"{share(tracked_right, tracked_dated)}  (target >= 0.90)"
    )
    print(f"  the same among tracked or suggested: {share(found_right, found_dated)}")
    print(f"  labelled due dates found exactly (recall): {share(labelled_found, labelled)}")
    print(f"  asks with no due date given one anyway: {share(false_dates, undated)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
