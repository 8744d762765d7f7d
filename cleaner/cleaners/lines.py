"""Line helpers shared by the residue and comments cleaners."""

from __future__ import annotations

from collections.abc import Sequence

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
    text = doc.text
    out = []
    j = 0
    n = len(prior)
    for i, b in enumerate(doc.blocks):
        if b.end <= b.start or not text[b.start:b.end].strip():
            continue
        while j < n and prior[j].end <= b.start:
            j += 1
        if j < n and prior[j].start <= b.start and covered(prior[j:j + 64], b.start, b.end):
            continue
        out.append(i)
    return out
