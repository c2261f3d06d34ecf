"""Drafts benchmark (issue #16): do the drafts for real asks read like a person wrote them?

    .venv/bin/python bench/drafts.py                      # the held-out set, en_US
    .venv/bin/python bench/drafts.py --locale en_GB       # dates as in the UK
    .venv/bin/python bench/drafts.py --labels FILE -v     # another label file, every miss
    .venv/bin/python bench/drafts.py --labels bench/drafts-heldout-2.tsv  # the second held-out set
    .venv/bin/python bench/drafts.py --kinds              # also the kind confusions
    .venv/bin/python bench/drafts.py --source calendar    # the calendar entries alone
    .venv/bin/python bench/drafts.py --ceiling            # what copying words can reach
    .venv/bin/python bench/drafts.py --render FILE --count 40   # drafts for a person to judge

For every labelled ask of ``bench/drafts-heldout.tsv`` (written by hand before the
drafting code changed; see ``bench/drafts_sample.py`` for how the sentences were drawn)
it makes the ask phrase the way a scan does, renders every follow-up template in every
state an ask of its kind is drafted in (``followthrough.engine.gallery.cases_for``: check-in
and nudge before and after a yes, second nudge, thank-you, decline, outcome with and
without an earlier thank-you, praise) with a due date for every other ask, and lints
each draft (``followthrough.engine.gallery.lint_draft``: no base-form verb after
for/on/about/with, no ellipsis, no helper's name in the ask phrase, no "Re: Re:", no
doubled word, every date in the locale's format).

It prints: the share of asks whose every draft passes the lint AND whose -ing form and
topic are among the labelled forms (target >= 90 %), the lint pass rate over all drafts
(target 100 %), and the kind, -ing form and topic agreement on their own. Lines labelled
``none`` (no ask of the reader) are counted and left out. Nothing is timed.

``--ceiling`` also prints how far a phrase model that only *copies* words can get on the
label file, read from the labels alone (no product code is run for it): the share of asks
with a labelled -ing form that is one -ing word (or "letting me know" / "telling me") followed
by words found in that order, side by side, in the sentence (title and description for a
calendar entry), and a labelled topic that is such a run of words, with or without a
leading "the", "a", "an", "your", "our" or "my". A labelled form that reorders, inflects or
replaces the writer's words ("where and when we should meet" from "Shall we meet at your
house or mine and at what time?") is out of a copying model's reach; so the -ing form and
topic of an ask can only both match for at most this share.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from followthrough.config.settings import Settings
from followthrough.detect.phrase import decide_ask_phrase
from followthrough.detect.request import detect_request
from followthrough.engine.compose import Composer, Rendered
from followthrough.engine.gallery import (
    ASKED,
    DUE,
    NOW,
    Case,
    Example,
    cases_for,
    dates_for,
    draft_of,
    example_ask,
    example_settings,
    lint_draft,
)
from followthrough.model import Address, AskPhrase

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "drafts-heldout.tsv"
# When neither the labels nor the detector name the helper, the helper is the first of
# these whose names do not occur in the ask ("give Sam a call" is not asked of Sam Lee):
# a scan knows the recipient, and only a name the ask itself uses can be said back.
NEUTRAL_HELPERS = (
    Address("sam.lee@example.org", "Sam Lee"),
    Address("robin.park@example.org", "Robin Park"),
    Address("alex.moreno@example.org", "Alex Moreno"),
)


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    source: str
    helpers: tuple[Address, ...]
    kind: str
    gerunds: tuple[str, ...]
    topics: tuple[str, ...]
    text: str
    description: str


def read_labels(path: Path) -> list[Item]:
    items = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            sys.exit(f"{path}, line {n}: expected 8 tab-separated columns, got {len(cols)}")
        ident, source, helpers, kind, gerund, topic, text, description = cols
        people = tuple(
            Address(m.group(2), m.group(1).strip())
            for m in re.finditer(r"\s*([^<]*?)\s*<([^>]+)>,?", helpers)
        )
        items.append(
            Item(
                ident,
                source,
                people,
                kind,
                tuple(g.strip() for g in gerund.split(" ; ") if g.strip()),
                tuple(t.strip() for t in topic.split(" ; ") if t.strip()),
                text,
                description,
            )
        )
    return items


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").lower()
    return " ".join(re.sub(r"[^\w'/$&-]+", " ", text).split())


_LEAD_WORDS = ("letting me know", "telling me", "letting us know")
_TOPIC_LEADS = ("the", "a", "an", "your", "our", "my")


def copyable(item: Item) -> tuple[bool, bool]:
    """Whether a labelled -ing form, and a labelled topic, could be made by copying a run of
    the ask's own words (see ``--ceiling`` in the module docstring)."""
    said = f" {norm(item.text)} {norm(item.description)} "

    def in_said(words: list[str]) -> bool:
        return not words or f" {' '.join(words)} " in said

    def gerund_ok(form: str) -> bool:
        words = norm(form).split()
        for lead in _LEAD_WORDS:
            if words[: len(lead.split())] == lead.split():
                return in_said(words[len(lead.split()) :])
        return bool(words) and words[0].endswith("ing") and in_said(words[1:])

    def topic_ok(form: str) -> bool:
        words = norm(form).split()
        if not words:
            return False
        return in_said(words) or (words[0] in _TOPIC_LEADS and in_said(words[1:]))

    return any(gerund_ok(g) for g in item.gerunds), any(topic_ok(t) for t in item.topics)


def helpers_of(item: Item) -> tuple[Address, ...]:
    if item.helpers:
        return item.helpers
    hit = detect_request(item.text, ASKED)
    if hit is not None and hit.addressees:
        name = hit.addressees[0]
        return (Address(f"{name.lower()}@example.org", name),)
    said = set(re.findall(r"\w+", f"{item.text} {item.description}".lower()))
    for helper in NEUTRAL_HELPERS:
        if not said & {w.lower() for w in helper.name.split()}:
            return (helper,)
    sys.exit(f"{item.id}: every neutral helper's name occurs in the ask; add one")


def example_for(item: Item, n: int, helpers: tuple[Address, ...]) -> Example:
    """The gallery example of a labelled ask (every other one with a due date)."""
    source_kind = "calendar" if item.source == "calendar" else "mail"
    return Example(
        item.id,
        source_kind,
        item.text,
        item.description,
        helpers[0],
        "" if source_kind == "calendar" else "Quick question",
        dated=n % 2 == 0,
    )


def render_case(
    example: Example,
    case: Case,
    phrase: AskPhrase,
    helpers: tuple[Address, ...],
    settings: Settings,
    composer: Composer,
    args: argparse.Namespace,
    now: datetime = NOW,
) -> tuple[Rendered, list[str]]:
    """One draft of a labelled ask in one state, written at ``now``, and what the lint
    finds in it."""
    ask = replace(example_ask(example, case), helpers=helpers, phrase=phrase)
    if case.template == "praise":
        ask = replace(ask, state="delivered")
    rendered = draft_of(ask, case, composer, settings, now)
    found = lint_draft(
        rendered.subject,
        rendered.body,
        phrase_words=f"{phrase.base} | {phrase.gerund} | {phrase.topic}",
        helper_names=tuple(w for h in helpers for w in h.name.split()),
        dates=dates_for(ask, args.locale),
    )
    return rendered, found


# The two drafts a reader judges per ask with --render: the first follow-up and the thanks.
REVIEWED = ("checkin", "thanks")


def written_on(example: Example, case: Case) -> datetime:
    """When the policy would have this draft written: a check-in halfway to the due date
    (before it, never after), or a week after the ask when it has none; anything else on
    the gallery's day (after the due date)."""
    if case.template != "checkin":
        return NOW
    return ASKED + (DUE - ASKED) / 2 if example.dated else ASKED + timedelta(days=7)


def write_review(
    asks: list[Item],
    path: Path,
    count: int,
    seed: int,
    settings: Settings,
    composer: Composer,
    args: argparse.Namespace,
) -> None:
    """Write, for ``count`` asks drawn at random, the first check-in (or, where an ask gets
    none, the first draft) and the thank-you, each with the words the ask came from, for a
    person to judge whether the user would send it as it is."""
    taken = {n for other in args.not_seed for n in draw(len(asks), count, other)}
    chosen = [n for n in draw(len(asks), count + len(taken), seed) if n not in taken][:count]
    chosen.sort()
    out = [
        f"# Drafts to judge: {len(chosen)} asks of {args.labels.name} drawn with seed {seed}",
        "",
        "For each draft: would the user send it as it is (send), after a small edit (edit), or",
        "would they rewrite it (rewrite)? The ask is quoted as the user wrote it; each draft",
        "says the day it is written (the ask was made on Monday, November 9, 2026).",
        "",
    ]
    number = 0
    for n in chosen:
        item = asks[n]
        helpers = helpers_of(item)
        phrase = decide_ask_phrase(
            "calendar" if item.source == "calendar" else "mail",
            item.text,
            item.description,
            helpers,
        )
        example = example_for(item, n, helpers)
        cases = cases_for(example, phrase.kind)
        firsts = {c.template: c for c in reversed(cases)}  # the first case of each
        picked = [firsts[t] for t in REVIEWED if t in firsts] or cases[:1]
        for case in picked:
            number += 1
            when = written_on(example, case)
            rendered, _found = render_case(
                example, case, phrase, helpers, settings, composer, args, when
            )
            where = "calendar entry" if item.source == "calendar" else "sent mail"
            said = item.text + (f" / {item.description}" if item.description else "")
            out += [
                f"## Draft {number} ({item.id}, {case.label})",
                "",
                f"The ask ({where}, to {helpers[0].name}): {said}",
                "",
                f"Written on {when:%A, %B} {when.day}, {when.year}"
                + (f"; the ask was due {DUE:%A, %B} {DUE.day}." if example.dated else "."),
                "",
                f"    Subject: {rendered.subject}",
                "",
                *(f"    {line}" if line else "" for line in rendered.body.splitlines()),
                "",
            ]
    path.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {number} drafts of {len(chosen)} asks to {path}")


def draw(size: int, count: int, seed: int) -> list[int]:
    """``count`` positions of ``size`` drawn with ``seed`` (all of them when fewer)."""
    return random.Random(seed).sample(range(size), min(count, size))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--locale", default="en_US")
    parser.add_argument("--tone", default="warm", choices=["warm", "brief"])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument(
        "--kinds", action="store_true", help="print the kind confusions (labelled -> said)"
    )
    parser.add_argument(
        "--source",
        choices=["calendar", "intent", "sa"],
        help="only the asks of one source (e.g. the calendar entries)",
    )
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also print how many asks a phrase model that only copies words could match",
    )
    parser.add_argument(
        "--render",
        type=Path,
        metavar="FILE",
        help="write the check-in and thank-you of --count random asks to FILE for a person "
        "to judge (nothing is scored)",
    )
    parser.add_argument("--count", type=int, default=40, help="asks to render with --render")
    parser.add_argument("--seed", type=int, default=7, help="the draw of --render")
    parser.add_argument(
        "--not-seed",
        type=int,
        action="append",
        default=[],
        help="leave out the asks --render draws with this seed (repeatable)",
    )
    args = parser.parse_args(argv)

    items = read_labels(args.labels)
    asks = [i for i in items if i.kind != "none"]
    if args.source:
        asks = [i for i in asks if i.source.split(":")[0] == args.source]
        items = [i for i in items if i.source.split(":")[0] == args.source]
    settings = example_settings(locale=args.locale, tone=args.tone)
    composer = Composer()
    if args.render:
        write_review(asks, args.render, args.count, args.seed, settings, composer, args)
        return 0
    drafts = lint_ok = good = kind_ok = gerund_ok = topic_ok = 0
    by_source: dict[str, list[int]] = {}
    confusions: Counter[tuple[str, str]] = Counter()
    for n, item in enumerate(asks):
        helpers = helpers_of(item)
        source_kind = "calendar" if item.source == "calendar" else "mail"
        phrase = decide_ask_phrase(source_kind, item.text, item.description, helpers)
        forms_ok = norm(phrase.gerund) in {norm(g) for g in item.gerunds} and norm(
            phrase.topic
        ) in {norm(t) for t in item.topics}
        kind_ok += phrase.kind == item.kind
        confusions[(item.kind, phrase.kind)] += phrase.kind != item.kind
        gerund_ok += norm(phrase.gerund) in {norm(g) for g in item.gerunds}
        topic_ok += norm(phrase.topic) in {norm(t) for t in item.topics}
        example = example_for(item, n, helpers)
        problems: list[str] = []
        for case in cases_for(example, phrase.kind):
            _rendered, found = render_case(example, case, phrase, helpers, settings, composer, args)
            drafts += 1
            lint_ok += not found
            problems += [f"{case.label}: {p}" for p in found]
        passed = forms_ok and not problems
        good += passed
        tally = by_source.setdefault(item.source.split(":")[0], [0, 0])
        tally[0] += passed
        tally[1] += 1
        if args.verbose and not passed:
            print(f"{item.id} [{item.kind}->{phrase.kind}] {item.text[:90]!r}")
            if not forms_ok:
                print(f"    said:   {phrase.gerund!r} / {phrase.topic!r}")
                print(f"    labels: {' ; '.join(item.gerunds)!r} / {' ; '.join(item.topics)!r}")
            for p in dict.fromkeys(problems):
                print(f"    lint:   {p}")

    total = len(asks)
    print(
        f"bench/drafts.py on {args.labels.name}: {total} labelled asks "
        f"({len(items) - total} lines labelled 'none' left out), locale {args.locale}, "
        f"tone {args.tone}"
    )
    print(
        f"  asks whose every draft passes the lint and whose forms match the labels: "
        f"{good}/{total} = {100 * good / total:.1f} %  (target >= 90 %)"
    )
    print(
        f"  drafts passing the lint: {lint_ok}/{drafts} = {100 * lint_ok / drafts:.1f} %  "
        f"(target 100 %)"
    )
    print(
        f"  kind agrees: {kind_ok}/{total} = {100 * kind_ok / total:.1f} %; -ing form in the "
        f"labels: {gerund_ok}/{total} = {100 * gerund_ok / total:.1f} %; topic in the labels: "
        f"{topic_ok}/{total} = {100 * topic_ok / total:.1f} %"
    )
    if args.kinds:
        for (labelled, said), n in confusions.most_common():
            if n:
                print(f"  kind {labelled} said as {said}: {n}")
    for source, (ok, n) in sorted(by_source.items()):
        print(f"  {source}: {ok}/{n} = {100 * ok / n:.1f} % good")
    if args.ceiling:
        reach = [copyable(item) for item in asks]
        both = sum(g and t for g, t in reach)
        print(
            f"  ceiling of a copying phrase model (labels alone): -ing form "
            f"{sum(g for g, _ in reach)}/{total}, topic {sum(t for _, t in reach)}/{total}, "
            f"both {both}/{total} = {100 * both / total:.1f} %"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
