"""The TSV is written without quoting, so fields may start and end with quotation marks; read
with quoting off (csv.QUOTE_NONE, pandas quoting=3) as the README says, every row comes back
as written."""

import csv

import zhen_align

from conftest import read_tsv, row_of
from documents import DIALOGUE_EN, DIALOGUE_ZH

# Every sentence starts and ends with a quotation mark, straight on the English side.
QUOTED_ZH = DIALOGUE_ZH + "\n“好的。”"
QUOTED_EN = DIALOGUE_EN + '\n"All right."\n"Tab\tand ""doubled"" quotes."'


def test_every_row_of_a_tsv_whose_fields_start_and_end_with_quotes(cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dialogue.txt").write_text(QUOTED_ZH + "\n\n" + QUOTED_EN, encoding="utf-8")
    cli("--quiet", "corpus", tmp_path / "in", "-o", tmp_path / "out")
    tsv = tmp_path / "out" / "corpus.tsv"
    lines = tsv.read_text(encoding="utf-8").splitlines()

    rows = read_tsv(tsv)
    assert len(rows) == len(lines) - 1 >= 4
    assert all(len(r) == 5 for r in rows)
    assert any(r[2].startswith('"') and r[2].endswith('"') for r in rows)
    assert any(r[1].startswith("“") and r[1].endswith("”") for r in rows)
    assert rows == [row_of(r.doc, r) for r in zhen_align.corpus(tmp_path / "in")]

    # Python's default reading takes the straight quotes for CSV quoting and changes the
    # fields: this is why the README tells how to turn quoting off.
    with open(tsv, newline="", encoding="utf-8") as f:
        default = [tuple(r) for r in csv.reader(f, delimiter="\t")][1:]
    assert default != rows
