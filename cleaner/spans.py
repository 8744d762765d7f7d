"""Span arithmetic: the only place text is cut, and the invariants that make reports replayable.

``merge_removals`` turns the proposals of every cleaner into disjoint spans (an earlier proposal wins
an overlap; the later one keeps only what is left of it), ``apply_removals`` cuts them, and
``check_accounting`` proves ``output == source`` minus the spans, with ``span.text == source[s:e]``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from .errors import DocumentError
from .model import Removal


def merge_removals(source: str, proposals: Iterable[Removal]) -> tuple[Removal, ...]:
    """Disjoint, sorted removals covering the union of the proposals.

    Proposals are taken in order; where a later proposal overlaps kept ones, only its uncovered
    pieces survive, each with the later proposal's reason. O(n log n) in the number of proposals.

    >>> src = "abcdefgh"
    >>> [(r.start, r.end, r.reason) for r in merge_removals(src, [
    ...     Removal(2, 5, "a.x", "cde"), Removal(4, 7, "b.y", "efg")])]
    [(2, 5, 'a.x'), (5, 7, 'b.y')]
    """
    starts: list[int] = []  # claimed intervals, sorted and disjoint: starts[i] < ends[i] <= starts[i+1]
    ends: list[int] = []
    out: list[Removal] = []
    for prop in proposals:
        if prop.end <= prop.start:
            continue
        if prop.start < 0 or prop.end > len(source):
            raise DocumentError(f"internal: span {prop.start}-{prop.end} of {prop.reason} is outside "
                                f"the text (0-{len(source)})")
        for s, e in _subtract(prop.start, prop.end, starts, ends):
            out.append(Removal(s, e, prop.reason, source[s:e], prop.detail))
            i = bisect_left(starts, s)
            starts.insert(i, s)
            ends.insert(i, e)
    out.sort(key=lambda r: r.start)
    return tuple(out)


def _subtract(start: int, end: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """The pieces of ``[start, end)`` not covered by the claimed intervals."""
    pieces = []
    cur = start
    i = bisect_right(ends, start)  # first interval that ends after ``start``
    while i < len(starts) and starts[i] < end:
        if starts[i] > cur:
            pieces.append((cur, starts[i]))
        cur = max(cur, ends[i])
        i += 1
    if cur < end:
        pieces.append((cur, end))
    return pieces


def apply_removals(source: str, removed: Sequence[Removal]) -> str:
    """Cut disjoint sorted spans out of ``source``.

    >>> apply_removals("keep cut keep", [Removal(5, 9, "x.y", "cut ")])
    'keep keep'
    """
    parts = []
    pos = 0
    for r in removed:
        parts.append(source[pos:r.start])
        pos = r.end
    parts.append(source[pos:])
    return "".join(parts)


def check_accounting(source: str, output: str, removed: Sequence[Removal]) -> None:
    """Raise :class:`DocumentError` unless the removals replay exactly onto the output."""
    pos = 0
    for r in removed:
        if r.start < pos or r.end <= r.start or source[r.start:r.end] != r.text:
            raise DocumentError(f"internal: removal {r.start}-{r.end} ({r.reason}) does not replay")
        pos = r.end
    if len(source) - sum(r.end - r.start for r in removed) != len(output):
        raise DocumentError("internal: removed and kept text do not add up to the source")


def covered(removed: Sequence[Removal], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside the union of sorted disjoint ``removed`` spans."""
    pos = start
    for j in range(_first_ending_after(removed, start), len(removed)):
        r = removed[j]
        if r.end <= pos:
            continue
        if r.start > pos:
            return False
        pos = r.end
        if pos >= end:
            return True
    return pos >= end


def _first_ending_after(removed: Sequence[Removal], pos: int) -> int:
    lo, hi = 0, len(removed)
    while lo < hi:
        mid = (lo + hi) // 2
        if removed[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo
