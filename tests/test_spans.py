from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.errors import DocumentError
from cleaner.model import Removal
from cleaner.spans import apply_removals, check_accounting, covered, merge_removals


def rem(src: str, s: int, e: int, reason: str = "t.x") -> Removal:
    return Removal(s, e, reason, src[s:e])


def test_overlap_earlier_proposal_wins_and_later_keeps_the_rest():
    src = "0123456789"
    merged = merge_removals(src, [rem(src, 2, 5, "a.first"), rem(src, 4, 8, "b.second")])
    assert [(r.start, r.end, r.reason, r.text) for r in merged] == [
        (2, 5, "a.first", "234"), (5, 8, "b.second", "567")]


def test_contained_proposal_vanishes_and_adjacent_spans_stay_separate():
    src = "0123456789"
    merged = merge_removals(src, [rem(src, 1, 6, "a.x"), rem(src, 2, 4, "b.y"), rem(src, 6, 7, "c.z")])
    assert [(r.start, r.end, r.reason) for r in merged] == [(1, 6, "a.x"), (6, 7, "c.z")]


def test_later_span_bridging_two_earlier_ones_is_split():
    src = "0123456789"
    merged = merge_removals(src, [rem(src, 1, 3), rem(src, 5, 7), rem(src, 0, 9, "w.w")])
    assert [(r.start, r.end, r.reason) for r in merged] == [
        (0, 1, "w.w"), (1, 3, "t.x"), (3, 5, "w.w"), (5, 7, "t.x"), (7, 9, "w.w")]


def test_span_outside_text_is_a_document_error():
    with pytest.raises(DocumentError, match="outside the text"):
        merge_removals("abc", [Removal(1, 9, "t.x", "bc")])


def test_accounting_rejects_text_mismatch():
    with pytest.raises(DocumentError, match="does not replay"):
        check_accounting("abcdef", "adef", [Removal(1, 3, "t.x", "XX")])


def test_covered():
    src = "0123456789"
    merged = merge_removals(src, [rem(src, 1, 3), rem(src, 3, 6)])
    assert covered(merged, 2, 5) is True
    assert covered(merged, 5, 7) is False


@settings(deadline=None)  # a loaded CI machine must not fail a correct property
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8))
def test_invariants_hold_for_any_proposals(src, pairs):
    props = [rem(src, min(a, b, len(src)), min(max(a, b), len(src))) for a, b in pairs]
    merged = merge_removals(src, props)
    out = apply_removals(src, merged)
    check_accounting(src, out, merged)
    for r in merged:
        assert r.text == src[r.start:r.end]
    union = set()
    for p in props:
        union.update(range(p.start, p.end))
    assert out == "".join(ch for i, ch in enumerate(src) if i not in union)
