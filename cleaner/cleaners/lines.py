"""Line helpers shared by the residue and comments cleaners."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from ..model import Document, Removal
from ..spans import covered

TERMINAL = frozenset(".!?。！？…\"'”’»)）")
"""The last characters of a prose line (:func:`is_prose`)."""
_TERMINAL = TERMINAL


def is_prose(line: str, min_chars: int) -> bool:
    """A line that reads like an article sentence: long enough and ending like one.

    >>> is_prose("This is a sentence that is long enough to count as prose in a real article.", 40)
    True
    >>> is_prose("Related articles", 10)
    False
    """
    return len(line) >= min_chars and line[-1] in _TERMINAL


def kept_lines(doc: Document, prior: Sequence[Removal]) -> list[int]:
    """Indices of the non-blank blocks not covered by the sorted disjoint ``prior`` (one sweep)."""
    return kept(doc, prior)[1]


def kept(doc: Document, prior: Sequence[Removal]) -> tuple[list[int], list[int]]:
    """The non-blank lines not covered by the sorted disjoint ``prior``: their positions in
    :func:`nonblank`'s lists and their block indices (one sweep)."""
    idx = nonblank(doc)[0]
    if not prior:
        return list(range(len(idx))), list(idx)
    blocks = doc.blocks
    pos: list[int] = []
    out: list[int] = []
    j = 0
    n = len(prior)
    for p, i in enumerate(idx):
        b = blocks[i]
        start = b.start
        while j < n and prior[j].end <= start:
            j += 1
        if j < n and prior[j].start <= start and covered(prior[j:j + 64], start, b.end):
            continue
        pos.append(p)
        out.append(i)
    return pos, out


_NONBLANK: tuple[Document, list[int], list[str], dict[Hashable, Any]] | None = None


def nonblank(doc: Document) -> tuple[list[int], list[str], dict[Hashable, Any]]:
    """The block indices and stripped texts of the document's non-blank lines, and a scratch dict
    for context-free values of these lines (rule verdicts, prose flags), keyed by their settings.
    Computed once per document: the residue passes and the comments stage ask again for the same
    document (the last one is remembered; the lists must not be changed)."""
    global _NONBLANK
    last = _NONBLANK
    if last is not None and last[0] is doc:
        return last[1], last[2], last[3]
    text = doc.text
    idx: list[int] = []
    stripped: list[str] = []
    for i, b in enumerate(doc.blocks):
        if b.end > b.start:
            s = text[b.start:b.end].strip()
            if s:
                idx.append(i)
                stripped.append(s)
    scratch: dict[Hashable, Any] = {}
    _NONBLANK = (doc, idx, stripped, scratch)
    return idx, stripped, scratch
