"""Wrong arguments raise TypeError or ValueError naming the argument; bad input files are
reported and the rest processed; nothing ever raises a PanicException."""

import warnings

import pytest
import zhen_align

from conftest import SEEDS


@pytest.mark.parametrize(
    "call,error,message",
    [
        (lambda: zhen_align.split("x", "fr"), ValueError, "lang must be 'zh' or 'en'"),
        (lambda: zhen_align.split(b"x", "zh"), TypeError, "text must be a str, not bytes"),
        (lambda: zhen_align.align(1, "x"), TypeError, "zh must be a str or a list of str, not int"),
        (lambda: zhen_align.align("x", b"y"), TypeError, "en must be a str or a list of str, not bytes"),
        (lambda: zhen_align.align(["a", 3], "b"), TypeError, "zh[1] must be a str, not int"),
        (lambda: zhen_align.align("a", "b", passes=0), ValueError, "passes must be from 1 to 4, not 0"),
        (lambda: zhen_align.align("a", "b", passes=-1), ValueError, "passes must be from 1 to 4"),
        (lambda: zhen_align.align("a", "b", evidence="words"), ValueError, "unknown evidence 'words'"),
        (lambda: zhen_align.align_many(3), TypeError, "pairs must be a list of (zh, en) pairs, not int"),
        (lambda: zhen_align.align_many([("a",)]), TypeError, "pairs[0] must be a (zh, en) pair, not a tuple of 1 item"),
        (lambda: zhen_align.align_many([("a", "b"), "ab"]), TypeError, "pairs[1] must be a (zh, en) pair, not str"),
        (lambda: zhen_align.align_many([("a", 5)]), TypeError, "pairs[0][1] must be a str or a list of str, not int"),
        (lambda: zhen_align.article(5), TypeError, "text must be a str or bytes, not int"),
        (lambda: zhen_align.article(b"\x00\x01\x02" * 100), ValueError, "text:"),
        (lambda: zhen_align.corpus(SEEDS / "nothing-here"), FileNotFoundError, "nothing-here: no such file or folder"),
        (lambda: zhen_align.corpus(5), TypeError, "paths must be a path"),
        (lambda: zhen_align.corpus([]), ValueError, "paths is empty"),
        (lambda: zhen_align.corpus(SEEDS, min_len=-1), ValueError, "min_len must be a number of at least 0, not -1"),
        (lambda: zhen_align.corpus(SEEDS, min_ratio=3, max_ratio=1), ValueError, "min_ratio 3 is above max_ratio 1"),
        (lambda: zhen_align.corpus(SEEDS, min_score=float("nan")), ValueError, "min_score must be a number"),
        (lambda: zhen_align.corpus(SEEDS, shard="5/4"), ValueError, "K must be between 1 and N"),
        (lambda: zhen_align.corpus(SEEDS, shard=[1]), TypeError, "shard must be 'K/N' or a (K, N) tuple"),
        (lambda: zhen_align.corpus(SEEDS, colour="red"), TypeError, "colour"),
    ],
)
def test_wrong_arguments_say_what_is_wrong(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)


def test_empty_and_odd_inputs_align_without_error():
    assert zhen_align.align("", "") == []
    assert zhen_align.align([], []) == []
    only_zh = zhen_align.align("你好。", "")
    assert [(l.zh_ids, l.en_ids, l.shape) for l in only_zh] == [([0], [], "1-0")]
    odd = zhen_align.align("\x00\t\u2028。" * 50, "\ufeff\r\n" * 50)
    assert all(0 <= l.score <= 1 for l in odd)
    assert zhen_align.split("", "zh") == []
    assert zhen_align.article("").layout == "empty"


def test_an_unreadable_file_is_a_warning_and_the_rest_is_processed(tmp_path):
    (tmp_path / "a.txt").write_bytes((SEEDS / "000_7e17bcff3271070b.txt").read_bytes())
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02\x03" * 1000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = zhen_align.corpus(tmp_path)
        rows = list(corpus)
    assert rows and {r.doc for r in rows} == {"a.txt"}
    assert [path for path, _ in corpus.failed] == [str(tmp_path / "b.bin")]
    assert any("b.bin" in str(w.message) and w.category is RuntimeWarning for w in caught)
