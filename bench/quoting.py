"""Benchmark: which segmenter finds what the sender wrote this time (issue 18, point 4).

Compares followthrough's own segmenter (``detect.segment_text``) with two maintained
libraries, ``quotequail`` and ``mail-parser-reply``, on the same plain text: the talon
samples in ``shared/data/mail/talon`` (HTML turned into text as the backends do) and
the samples of GitHub's email_reply_parser (``test/emails`` of a checkout of
github/email_reply_parser, passed with ``--erp``; not stored here). The expected
result of each sample is in ``bench/quoting-labels.tsv``, written before scoring: the
phrases the reply must keep, and one of the quote it must not.

The libraries are not dependencies of followthrough; run this with an interpreter that
has them (a separate virtualenv) and followthrough's source on the path:

    python -m venv /tmp/q && /tmp/q/bin/pip install quotequail mail-parser-reply
    PYTHONPATH=daemon /tmp/q/bin/python bench/quoting.py --erp CHECKOUT/test/emails

A library that is not installed is reported as missing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from followthrough.backends.mail.body import html_to_text, read_body
from followthrough.detect import segment_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOLLOWTHROUGH_SHARED_DATA", "/work/shared/data"))
LABELS = ROOT / "bench" / "quoting-labels.tsv"


def squash(text: str) -> str:
    return " ".join(text.split())


def sample_text(path: Path) -> str:
    if path.suffix == ".html":
        return html_to_text(path.read_text(errors="replace"))
    if path.suffix == ".eml":
        return read_body(path.read_bytes())[0]
    return path.read_text(errors="replace").replace("\r\n", "\n")


def ours(text: str) -> str:
    return segment_text(text).new


def tools() -> dict[str, Callable[[str], str] | None]:
    found: dict[str, Callable[[str], str] | None] = {"followthrough": ours}
    try:
        import quotequail

        def qq(text: str) -> str:
            return "\n".join(t for expanded, t in quotequail.quote(text) if expanded)

        found["quotequail"] = qq
    except ImportError:
        found["quotequail"] = None
    try:
        from mailparser_reply import EmailReplyParser

        parser = EmailReplyParser(languages=["en", "de", "fr", "it", "es", "nl", "pl", "sv"])

        def mpr(text: str) -> str:
            return parser.parse_reply(text) or ""

        found["mail-parser-reply"] = mpr
    except ImportError:
        found["mail-parser-reply"] = None
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--erp", type=Path, help="email_reply_parser's test/emails directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every miss")
    args = ap.parse_args(argv)
    rows = []
    for line in LABELS.read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        source, name, keep, drop = [*line.split("\t"), "", "", ""][:4]
        if source == "erp":
            if args.erp is None:
                continue
            path = args.erp / name
        else:
            path = SHARED / "mail" / "talon" / name
        rows.append((source, name, sample_text(path), [k for k in keep.split("||") if k], drop))
    results = {}
    for tool, fn in tools().items():
        if fn is None:
            print(f"{tool:<18} not installed")
            continue
        score: dict[str, list[int]] = {}
        for source, name, text, keep, drop in rows:
            reply = squash(fn(text))
            kept = all(squash(k) in reply for k in keep)
            dropped = not drop or squash(drop) not in reply
            s = score.setdefault(source, [0, 0, 0, 0])
            s[0] += kept and dropped
            s[1] += 1
            s[2] += not kept
            s[3] += not dropped
            if args.verbose and not (kept and dropped):
                print(
                    f"  {tool}: {source}/{name}: {'lost new text' if not kept else ''}"
                    f"{' kept the quote' if not dropped else ''}: {reply[:100]!r}"
                )
        results[tool] = score
        parts = [
            f"{src}: {s[0]}/{s[1]} right ({s[2]} lost new text, {s[3]} kept quoted text)"
            for src, s in sorted(score.items())
        ]
        total = sum(s[0] for s in score.values()), sum(s[1] for s in score.values())
        print(f"{tool:<18} {total[0]}/{total[1]}   " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
