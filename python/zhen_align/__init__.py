"""Sentence-aligned Chinese–English parallel corpora from bilingual articles.

The zhen-align aligner as a Python package: the same sentence splitter, aligner and corpus
pipeline as the ``zhen-align`` command line, giving exactly its sentences, links and rows.

>>> import zhen_align
>>> links = zhen_align.align("你好。我很好。", "Hello. I am fine.")
>>> [(l.zh, l.en, l.shape) for l in links]
[('你好。', 'Hello.', '1-1'), ('我很好。', 'I am fine.', '1-1')]

Functions: :func:`split`, :func:`align`, :func:`align_many`, :func:`article`, :func:`corpus`.
Every function that aligns releases the GIL while it works.
"""

from ._native import (
    Article,
    Corpus,
    Link,
    Row,
    __version__,
    align,
    align_many,
    article,
    corpus,
    split,
)

__all__ = [
    "Article",
    "Corpus",
    "Link",
    "Row",
    "__version__",
    "align",
    "align_many",
    "article",
    "corpus",
    "split",
]
