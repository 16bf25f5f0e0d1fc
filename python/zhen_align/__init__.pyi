"""Type stubs of zhen_align (the native module ``zhen_align._native``, re-exported)."""

import os
from typing import Iterable, Iterator, Optional, Sequence, Tuple, Union

__version__: str

Side = Union[str, Sequence[str]]
"""A document side: a text (cleaned and split as ``zhen-align align``) or its sentences."""

PathLike = Union[str, "os.PathLike[str]"]

class Link:
    """Consecutive Chinese sentences matched to consecutive English ones; a side may be empty."""

    @property
    def zh_ids(self) -> list[int]:
        """0-based ids of the Chinese sentences."""
    @property
    def en_ids(self) -> list[int]:
        """0-based ids of the English sentences."""
    @property
    def zh(self) -> str:
        """The Chinese sentences joined, as in the TSV's ``zh`` column."""
    @property
    def en(self) -> str:
        """The English sentences joined with spaces, as in the TSV's ``en`` column."""
    @property
    def score(self) -> float:
        """Confidence in [0, 1]."""
    @property
    def shape(self) -> str:
        """``"2-1"``: two Chinese sentences, one English sentence."""
    def as_dict(self) -> dict[str, object]:
        """The fields as a dict."""
    def __str__(self) -> str:
        """The link notation of links files: ``[0,1]:[0]``."""
    def __eq__(self, other: object) -> bool: ...

class Article:
    """One article through the pipeline, as ``zhen-align corpus`` processes each file."""

    @property
    def layout(self) -> str:
        """``"zh-then-en"``, ``"en-then-zh"``, ``"interleaved"``, ``"mixed"``,
        ``"monolingual-zh"``, ``"monolingual-en"`` or ``"empty"``."""
    @property
    def description(self) -> str:
        """The layout in words, as the command line prints it."""
    @property
    def bilingual(self) -> bool:
        """True when the article holds both languages (and so has links)."""
    @property
    def zh(self) -> list[str]:
        """The Chinese sentences."""
    @property
    def en(self) -> list[str]:
        """The English sentences."""
    @property
    def links(self) -> list[Link]:
        """Every link, in order, omissions included."""
    @property
    def pairs(self) -> list[Link]:
        """The links with both sides: the rows ``corpus`` writes for this article."""
    @property
    def summary(self) -> str:
        """The line ``zhen-align corpus`` prints for the article."""
    @property
    def doc_score(self) -> Optional[float]:
        """The document score (0 to 1, see the README's Score section); None unless bilingual."""
    @property
    def warning(self) -> Optional[str]:
        """What looks wrong with the document, as ``corpus`` warns, or None."""

class Row:
    """One row of the corpus: ``doc zh en score link`` with the sentence ids."""

    @property
    def doc(self) -> str:
        """The article's path relative to its input root."""
    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def score(self) -> float:
        """Confidence in [0, 1] (the TSV writes four decimals)."""
    @property
    def shape(self) -> str:
        """The TSV's ``link`` column, ``"1-2"``."""
    @property
    def zh_ids(self) -> list[int]: ...
    @property
    def en_ids(self) -> list[int]: ...
    def as_dict(self) -> dict[str, object]:
        """The fields as a dict."""
    def __eq__(self, other: object) -> bool: ...

class Corpus(Iterator[Row]):
    """The rows of a corpus, streamed in input order (see :func:`corpus`)."""

    def __iter__(self) -> "Corpus": ...
    def __next__(self) -> Row: ...
    @property
    def files(self) -> int:
        """Documents found: a file, or two paired by name as ``corpus`` pairs them (this shard's, when one was asked for)."""
    @property
    def articles(self) -> int:
        """Articles read and processed so far (skipped ones included, failed ones not)."""
    @property
    def failed(self) -> list[Tuple[str, str]]:
        """``(path, reason)`` of each file that could not be read or decoded so far."""
    @property
    def skipped(self) -> list[Tuple[str, str]]:
        """``(doc, reason)`` of each document skipped so far: not bilingual, or not text at all."""
    @property
    def dropped(self) -> dict[str, int]:
        """Pairs the filters dropped so far, by reason."""
    @property
    def filter_summary(self) -> str:
        """``filters kept 290 of 300 pairs; dropped: score 4, duplicate 6``."""

def split(text: str, lang: str) -> list[str]:
    """Split a text into sentences exactly as ``zhen-align split --lang LANG``.

    ``lang`` is ``"zh"`` or ``"en"``. Every non-empty line is a paragraph.
    """

def align(zh: Side, en: Side, *, passes: int = 2, evidence: str = "all") -> list[Link]:
    """Align a Chinese document with an English one; every link in order, omissions included.

    A ``str`` side is cleaned and split as ``zhen-align align`` does; a list of ``str`` is taken
    one sentence an item, as ``--presplit`` (a blank item is no sentence). ``passes`` (1 to 4) and ``evidence`` are those of
    the command line.
    """

def align_many(
    pairs: Iterable[Tuple[Side, Side]], *, passes: int = 2, evidence: str = "all"
) -> list[list[Link]]:
    """Align many ``(zh, en)`` pairs in parallel, the GIL released; results in input order."""

def article(text: Union[str, bytes], *, passes: int = 2, evidence: str = "all") -> Article:
    """One article (both languages in one text) through the pipeline, as ``corpus`` does.

    ``bytes`` are decoded as ``corpus`` decodes files (BOMs, UTF-16, GB18030, Big5, …).
    """

def corpus(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    passes: int = 2,
    evidence: str = "all",
    min_doc_score: Optional[float] = None,
    min_score: Optional[float] = None,
    min_ratio: Optional[float] = None,
    max_ratio: Optional[float] = None,
    min_len: Optional[int] = None,
    max_len: Optional[int] = None,
    drop_identical: bool = False,
    drop_wrong_lang: bool = False,
    dedup: bool = False,
    shard: Union[str, Tuple[int, int], None] = None,
) -> Corpus:
    """The rows of ``zhen-align corpus PATHS`` with the same filters, streamed.

    Files (or folders, walked recursively) are aligned a batch at a time in parallel; rows come
    in input order. A missing path raises ``FileNotFoundError``; a file that cannot be read is
    named in a ``RuntimeWarning`` and in ``Corpus.failed``, and the rest is processed.
    """
