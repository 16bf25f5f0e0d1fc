"""Shared fixtures: the repository, and the command line the package must agree with.

The command line is the release binary that `.ci/run` builds before the Python tests
(`target/release/zhen-align`), or the one named by ZHEN_ALIGN_BIN.
"""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
PRESPLIT = REPO / "tests" / "data" / "seeds"


def binary() -> Path:
    return Path(os.environ.get("ZHEN_ALIGN_BIN", REPO / "target" / "release" / "zhen-align"))


@pytest.fixture(scope="session")
def cli():
    """Run the command line and return its standard output as text (failing on exit != 0)."""
    path = binary()
    if not path.is_file():
        pytest.fail(
            f"{path} not found: build it with `cargo build --release` "
            "or point ZHEN_ALIGN_BIN at a zhen-align binary"
        )

    def run(*args, stdin=None):
        done = subprocess.run(
            [str(path), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"zhen-align {' '.join(map(str, args))}: {done.stderr}"
        return done.stdout

    return run


def read_tsv(path_or_text, is_text=False):
    """The rows of a zhen-align TSV, read as the README says (no quoting), header checked."""
    import csv
    import io

    handle = io.StringIO(path_or_text) if is_text else open(path_or_text, newline="", encoding="utf-8")
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == ["doc", "zh", "en", "score", "link"]
        return [tuple(r) for r in reader]


def row_of(doc, link_or_row):
    """A Link or Row as the TSV writes it."""
    r = link_or_row
    return (doc, r.zh, r.en, f"{r.score:.4f}", r.shape)
