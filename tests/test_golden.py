"""The founding article: exact output, exact removed spans, idempotence."""

from __future__ import annotations

import json

from conftest import FIXTURES, SEED

from cleaner import clean
from cleaner.spans import apply_removals

EXPECTED = FIXTURES / "expected" / "article-with-residue.txt"
EXPECTED_REPORT = FIXTURES / "expected" / "article-with-residue.report.json"


def test_seed_comes_out_as_exactly_its_body():
    result = clean(SEED.read_bytes())
    source = SEED.read_text(encoding="utf-8")
    body = source[source.index("[People News] Recently,"):source.index("(The Dajiyuan)")]
    assert body.rstrip().endswith("crimes against humanity.")
    assert result.text == body
    assert result.text == EXPECTED.read_text(encoding="utf-8")


def test_seed_removed_spans_match_the_report_exactly():
    result = clean(SEED.read_bytes())
    expected = json.loads(EXPECTED_REPORT.read_text(encoding="utf-8"))
    assert [r.to_json() for r in result.removed] == expected
    assert [(r["reason"], r["start"], r["end"]) for r in expected] == [
        ("residue.caption", 0, 179), ("residue.credit", 11782, 11797),
        ("residue.symbol_line", 11797, 11799), ("comments.thread", 11799, 11974)]
    thread = expected[-1]["text"]
    assert thread.startswith("\nNews magazine bootstrap themes!\n") and thread.endswith("Yes Sure!")
    assert thread.count("\n") == 6
    assert apply_removals(result.source, result.removed) == result.text


def test_seed_cleaning_is_idempotent():
    once = clean(SEED.read_bytes())
    twice = clean(once.text)
    assert twice.removed == ()
    assert twice.text == once.text
