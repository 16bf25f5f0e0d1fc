"""The package gives exactly what the command line gives: the same sentences, links, scores
and rows, on the seeds and on documents written for these tests."""

import re
from pathlib import Path

import pytest
import zhen_align

from conftest import PRESPLIT, SEEDS, read_tsv, row_of
from documents import ARTICLE_BLOCKS, ARTICLE_INTERLEAVED, ARTICLE_QUOTES, PAIRS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
PRESPLIT_NAMES = sorted(p.stem for p in PRESPLIT.glob("*.zh"))


def test_there_are_seeds_to_compare_on():
    assert len(SEED_FILES) >= 5 and len(PRESPLIT_NAMES) >= 3


def test_version_is_the_command_lines(cli):
    assert cli("--version").split() == ["zhen-align", zhen_align.__version__]


def test_version_is_the_packages():
    from importlib.metadata import version

    assert version("zhen-align") == zhen_align.__version__


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_split_of_a_seed(cli, path, lang):
    expected = cli("split", "--lang", lang, path).splitlines()
    assert expected, "the command line split nothing"
    assert zhen_align.split(path.read_text(encoding="utf-8"), lang) == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("text", [ARTICLE_BLOCKS, ARTICLE_QUOTES, "", "\n\n  \n"])
def test_split_of_a_written_text(cli, tmp_path, text, lang):
    path = tmp_path / "text.txt"
    path.write_text(text, encoding="utf-8")
    assert zhen_align.split(text, lang) == cli("split", "--lang", lang, path).splitlines()


def write_pair(tmp_path, zh, en):
    """A list is written one item a line, each line ended, so that a last blank item is a last
    blank line."""
    zh_path, en_path = tmp_path / "doc.zh", tmp_path / "doc.en"
    lines = lambda items: "".join(f"{item}\n" for item in items)
    zh_path.write_text(zh if isinstance(zh, str) else lines(zh), encoding="utf-8")
    en_path.write_text(en if isinstance(en, str) else lines(en), encoding="utf-8")
    return zh_path, en_path


def assert_same_alignment(cli, zh_path, en_path, links, *options):
    """`links` are those of `zhen-align align` with the same options: every link, and the
    TSV rows of the pairs."""
    expected_links = cli("align", "--zh", zh_path, "--en", en_path, "--format", "links", *options)
    assert [str(l) for l in links] == expected_links.splitlines()
    rows = read_tsv(cli("align", "--zh", zh_path, "--en", en_path, *options), is_text=True)
    doc = str(zh_path)
    assert [row_of(doc, l) for l in links if l.zh_ids and l.en_ids] == rows


@pytest.mark.parametrize("name", PRESPLIT_NAMES)
def test_align_presplit_seed(cli, name):
    zh_path, en_path = PRESPLIT / f"{name}.zh", PRESPLIT / f"{name}.en"
    zh = zh_path.read_text(encoding="utf-8").splitlines()
    en = en_path.read_text(encoding="utf-8").splitlines()
    links = zhen_align.align(zh, en)
    assert len(links) > 10
    assert_same_alignment(cli, zh_path, en_path, links, "--presplit")


@pytest.mark.parametrize("name", PRESPLIT_NAMES)
def test_align_seed_as_text(cli, name):
    zh_path, en_path = PRESPLIT / f"{name}.zh", PRESPLIT / f"{name}.en"
    links = zhen_align.align(zh_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8"))
    assert_same_alignment(cli, zh_path, en_path, links)


@pytest.mark.parametrize("zh,en", PAIRS, ids=["news", "dialogue", "omission"])
@pytest.mark.parametrize(
    "passes,evidence", [(2, "all"), (1, "all"), (3, "length,anchors,dictionary")]
)
def test_align_written_documents(cli, tmp_path, zh, en, passes, evidence):
    zh_path, en_path = write_pair(tmp_path, zh, en)
    links = zhen_align.align(zh, en, passes=passes, evidence=evidence)
    assert_same_alignment(
        cli, zh_path, en_path, links, "--passes", passes, "--evidence", evidence
    )


def test_an_omission_is_a_link_with_an_empty_side():
    zh, en = PAIRS[2]
    links = zhen_align.align(zh, en)
    omissions = [l for l in links if not l.zh_ids or not l.en_ids]
    # Whether the extra sentence is an omission or joined to a neighbour is the aligner's
    # call; every English sentence is in exactly one link either way.
    assert [i for l in links for i in l.en_ids] == list(range(4))
    assert [i for l in links for i in l.zh_ids] == list(range(3))
    for l in omissions:
        assert l.shape in ("0-1", "1-0") and (l.zh == "" or l.en == "")


def test_link_fields():
    link = zhen_align.align(["你好。", "再见。"], ["Hello.", "Goodbye."])[1]
    assert (link.zh_ids, link.en_ids, link.zh, link.en, link.shape) == (
        [1],
        [1],
        "再见。",
        "Goodbye.",
        "1-1",
    )
    assert 0.0 <= link.score <= 1.0
    assert str(link) == "[1]:[1]"
    assert re.fullmatch(r"Link\(\[1\]:\[1\] 1-1 score=\d\.\d{4} zh=.再见。. en=.Goodbye..\)", repr(link))
    assert link.as_dict()["en"] == "Goodbye."


def test_a_side_may_be_any_iterable_of_str():
    zh, en = ["你好。", "再见。"], ["Hello.", "Goodbye."]
    assert zhen_align.align(tuple(zh), iter(en)) == zhen_align.align(zh, en)


def test_align_many_is_align_in_input_order():
    many = zhen_align.align_many(PAIRS)
    assert many == [zhen_align.align(zh, en) for zh, en in PAIRS]
    assert zhen_align.align_many([]) == []
    one = zhen_align.align_many([PAIRS[1]], passes=1, evidence="length")
    assert one == [zhen_align.align(*PAIRS[1], passes=1, evidence="length")]


def links_file(path):
    return Path(path).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def seed_corpus(cli, tmp_path_factory):
    """`zhen-align corpus seeds --format tsv,links` once for the module."""
    out = tmp_path_factory.mktemp("seed-corpus")
    cli("--quiet", "corpus", SEEDS, "-o", out, "--format", "tsv,links")
    return out


def test_corpus_rows_are_the_command_lines(seed_corpus):
    expected = read_tsv(seed_corpus / "corpus.tsv")
    assert len(expected) > 50
    assert [row_of(r.doc, r) for r in zhen_align.corpus(SEEDS)] == expected


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_article_is_what_corpus_does_with_a_file(seed_corpus, path):
    article = zhen_align.article(path.read_bytes())
    rows = [r for r in read_tsv(seed_corpus / "corpus.tsv") if r[0] == path.name]
    assert [row_of(path.name, l) for l in article.pairs] == rows
    links = seed_corpus / "links" / f"{path.name}.links"
    if article.bilingual:
        assert [str(l) for l in article.links] == links_file(links)
        assert len(article.zh) > 0 and len(article.en) > 0
    else:
        assert article.links == [] and article.summary.startswith("skipped (monolingual")
        assert not links.exists() or links_file(links) == []


@pytest.mark.parametrize(
    "text,layout",
    [(ARTICLE_BLOCKS, "zh-then-en"), (ARTICLE_INTERLEAVED, "interleaved"), (ARTICLE_QUOTES, "zh-then-en")],
)
def test_article_of_written_text_is_corpus_on_its_file(cli, tmp_path, text, layout):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    cli("--quiet", "corpus", tmp_path / "in", "-o", tmp_path / "out", "--format", "tsv,links")
    article = zhen_align.article(text)
    assert article.layout == layout
    assert [row_of("a.txt", l) for l in article.pairs] == read_tsv(tmp_path / "out" / "corpus.tsv")
    assert [str(l) for l in article.links] == links_file(tmp_path / "out" / "links" / "a.txt.links")


FILTERS = [
    ({"min_score": 0.9}, ["--min-score", "0.9"]),
    ({"min_doc_score": 0.6}, ["--min-doc-score", "0.6"]),
    ({"dedup": True, "drop_wrong_lang": True, "drop_identical": True}, ["--dedup", "--drop-wrong-lang", "--drop-identical"]),
    ({"min_len": 10, "max_len": 200, "min_ratio": 0.5, "max_ratio": 6}, ["--min-len", "10", "--max-len", "200", "--min-ratio", "0.5", "--max-ratio", "6"]),
    ({"shard": "2/3"}, ["--shard", "2/3"]),
    ({"shard": (1, 2), "passes": 1, "evidence": "length,anchors"}, ["--shard", "1/2", "--passes", "1", "--evidence", "length,anchors"]),
]


@pytest.mark.parametrize("options,flags", FILTERS, ids=lambda x: str(x))
def test_corpus_options_are_the_command_lines(cli, tmp_path, options, flags):
    cli("--quiet", "corpus", SEEDS, "-o", tmp_path, *flags)
    expected = read_tsv(tmp_path / "corpus.tsv")
    corpus = zhen_align.corpus(SEEDS, **options)
    assert [row_of(r.doc, r) for r in corpus] == expected


def test_corpus_reports_what_it_did(tmp_path):
    corpus = zhen_align.corpus([str(p) for p in SEED_FILES], min_score=0.95)
    rows = list(corpus)
    assert corpus.files == corpus.articles == len(SEED_FILES)
    assert corpus.failed == []
    assert {doc for doc, _ in corpus.skipped} == {
        "002_f8878bec3937b126.txt",
        "004_35ec17c2890a1578.txt",
    }
    assert corpus.dropped["score"] > 0
    assert corpus.filter_summary.startswith(f"filters kept {len(rows)} of ")


@pytest.mark.parametrize("name", PRESPLIT_NAMES)
def test_blank_items_are_presplit_blank_lines(cli, tmp_path, name):
    """A blank item is what a blank line is to `--presplit`: no sentence, never in a pair."""
    zh = (PRESPLIT / f"{name}.zh").read_text(encoding="utf-8").splitlines()
    en = (PRESPLIT / f"{name}.en").read_text(encoding="utf-8").splitlines()
    zh = zh[:3] + ["", "  "] + zh[3:] + [""]
    en = [""] + en
    zh_path, en_path = write_pair(tmp_path, zh, en)
    links = zhen_align.align(zh, en)
    assert_same_alignment(cli, zh_path, en_path, links, "--presplit")
    assert "[]:[0]" in [str(l) for l in links]
    assert all(l.zh and l.en for l in links if l.zh_ids and l.en_ids)


@pytest.mark.parametrize("name", PRESPLIT_NAMES)
def test_corpus_pairs_two_files_as_the_command_line(cli, tmp_path, name):
    folder = tmp_path / "in"
    folder.mkdir()
    for lang in ("zh", "en"):
        text = (PRESPLIT / f"{name}.{lang}").read_text(encoding="utf-8")
        (folder / f"doc.{lang}.txt").write_text(text, encoding="utf-8")
    cli("--quiet", "corpus", folder, "-o", tmp_path / "out")
    expected = read_tsv(tmp_path / "out" / "corpus.tsv")
    assert len(expected) > 10
    corpus = zhen_align.corpus(folder)
    assert [row_of(r.doc, r) for r in corpus] == expected
    assert corpus.files == corpus.articles == 1 and corpus.skipped == []


def test_article_carries_the_document_score_and_its_warning():
    data = PRESPLIT
    zh, en = (data / "001.zh").read_text(encoding="utf-8"), (data / "001.en").read_text(encoding="utf-8")
    good = zhen_align.article(zh + "\n\n" + en)
    assert good.bilingual and 0.4 <= good.doc_score <= 1.0 and good.warning is None
    assert f"document score {good.doc_score:.4f}" in good.summary
    other = (data / "003.en").read_text(encoding="utf-8")
    bad = zhen_align.article(zh + "\n\n" + other)
    assert bad.doc_score < 0.4 and bad.warning.startswith("the two sides look unrelated")
    assert zhen_align.article("只有中文。").doc_score is None
