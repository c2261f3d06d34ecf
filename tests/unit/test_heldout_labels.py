"""The held-out label files of bench/heldout.py (issue 17) stay well-formed.

Only the committed label files are read here, never the SpamAssassin corpus they name
(it is fetched by bench/scan.py into a git-ignored cache), and nothing is scored.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from shared_data import needs_shared_data

ROOT = Path(__file__).resolve().parents[2]


def _heldout() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_heldout", ROOT / "bench" / "heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_heldout"] = module
    spec.loader.exec_module(module)
    return module


def _number(file: str) -> str:
    return file.split(".")[0]  # "easy-ham-1/00042"


def test_second_sample_is_complete_and_never_read_before() -> None:
    heldout = _heldout()
    first = heldout.load_labels(heldout.SAMPLES[1].labels)
    second = heldout.load_labels(heldout.SAMPLES[2].labels)
    assert len(first) == heldout.SIZE and len(second) == heldout.SIZE
    files = [lab.file for lab in second]
    assert len(set(files)) == len(files)
    assert all(f.split("/")[0] in heldout.HAM for f in files)
    # no message of sample 1, nor of another labelled set, is in sample 2
    assert not {_number(lab.file) for lab in first} & {_number(f) for f in files}
    bench = ROOT / "bench"
    elsewhere = heldout._named_in(
        [p for pat in heldout.USED_ELSEWHERE for p in sorted(bench.glob(pat))]
    )
    assert elsewhere, "drafts-heldout.tsv names SpamAssassin messages"
    assert not elsewhere & {_number(f) for f in files}
    # every message says who wrote it; every ask names its sentences and helpers
    assert {lab.origin for lab in second} == {"person", "bulk"}
    asks = [lab for lab in second if lab.ask]
    assert asks and all(lab.sentences and lab.helpers for lab in asks)
    assert all(not lab.sentences and not lab.helpers for lab in second if not lab.ask)
    assert heldout.SAMPLES[2].seed == 2031


@pytest.mark.parametrize(
    ("number", "seed"),
    [(3, 2037), (4, 2043), (5, 2053), (6, 2063), (7, 2069), (8, 2081), (9, 2087)],
)
def test_later_samples_are_complete_and_disjoint_from_every_other_labelled_set(
    number: int, seed: int
) -> None:
    heldout = _heldout()
    sample = heldout.load_labels(heldout.SAMPLES[number].labels)
    size = heldout.SAMPLES[number].size
    assert len(sample) == size and heldout.SAMPLES[number].seed == seed
    files = {_number(lab.file) for lab in sample}
    assert len(files) == size
    for earlier in range(1, number):
        assert not files & {
            _number(lab.file) for lab in heldout.load_labels(heldout.SAMPLES[earlier].labels)
        }
    bench = ROOT / "bench"
    elsewhere = heldout._named_in(
        [p for pat in heldout.SAMPLES[number].used_elsewhere for p in sorted(bench.glob(pat))]
    )
    assert any(n.startswith("easy-ham") for n in elsewhere)
    assert not elsewhere & files
    assert {lab.origin for lab in sample} == {"person", "bulk"}
    asks = [lab for lab in sample if lab.ask]
    assert asks and all(lab.sentences and lab.helpers for lab in asks)
    assert all(not lab.sentences and not lab.helpers for lab in sample if not lab.ask)


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("maybe\t-\t-\t-\tperson", "ask must be Yes or No"),
        ("Yes\t-\tto\t-\tperson", "a Yes needs sentence indices"),
        ("No\t3\t-\t-\tperson", "a Yes needs sentence indices and a No has none"),
        ("Yes\tthree\tto\t-\tperson", "sentences must be"),
        ("Yes\t3\tto\tnext Friday\tperson", "due must be"),
        ("No\t-\t-\t-\trobot", "origin must be person or bulk"),
        ("No\t-\t-", "expected 5 tab-separated columns"),
    ],
)
def test_a_bad_label_row_is_named_by_file_and_line(
    tmp_path: Path, row: str, complaint: str
) -> None:
    heldout = _heldout()
    path = tmp_path / "labels.tsv"
    path.write_text(
        "# header\neasy-ham-1/00001.x.txt\tNo\t-\t-\t-\tbulk\neasy-ham-1/00002.y.txt\t"
        + row
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as err:
        heldout.load_labels(path)
    message = str(err.value)
    assert message.startswith(f"{path}:3: ") and complaint in message


def test_good_rows_parse_with_and_without_origin(tmp_path: Path) -> None:
    heldout = _heldout()
    path = tmp_path / "labels.tsv"
    path.write_text(
        "easy-ham-1/00001.x.txt\tYes\t2,5\tto\t2002-08-30T15:00\tperson\n"
        "easy-ham-2/00002.y.txt\tNo\t-\t-\t-\n",
        encoding="utf-8",
    )
    first, second = heldout.load_labels(path)
    assert first.ask and first.sentences == (2, 5) and first.helpers == ("to",)
    assert first.due == "2002-08-30T15:00" and first.origin == "person"
    assert not second.ask and second.origin == ""


def test_the_deadline_sentences_are_well_formed_and_name_their_words() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_deadlines", ROOT / "bench" / "deadlines.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_deadlines"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    rows = module.read_labels(module.LABELS)
    assert len(rows) == 170 and len({r.id for r in rows}) == 170
    dated = [r for r in rows if r.ask and r.due != "-"]
    assert len(dated) >= 50
    assert all(r.words != "-" for r in dated if r.due != "asap")
    assert module.right("2001-03-16", "2001-03-16T17:00")
    assert not module.right("2001-03-16T15:00", "2001-03-16T03:00")
    assert not module.right("-", "2001-03-16T17:00")


@needs_shared_data
def test_the_deadline_draw_still_gives_the_labelled_sentences() -> None:
    """A file that copies a candidate sentence would silently change the draw."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "deadline_sample.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    labelled = [
        (cols[0], cols[5])
        for line in (ROOT / "bench" / "deadlines-heldout.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
        for cols in [line.split("\t")]
    ]
    assert [tuple(line.split("\t", 1)) for line in out] == labelled
