"""The line model: feature columns, the pure-Python tree evaluation, the shipped model file."""

from __future__ import annotations

import math
from importlib import resources

import pytest

from cleaner.cleaners import linemodel

PROSE = "This is a full sentence of the article, long enough to read as a real paragraph of prose."
PROSE2 = "Another paragraph of the article follows here, and it also ends the way a sentence ends."
NAV_BLOCK = ["World", "Business", "Technology", "Science", "Health", "Entertainment", "Opinion"]
ARTICLE_LINES = [PROSE, PROSE2, PROSE + " It goes on.", PROSE2 + " And on."]


def col(lines: list[str], name: str) -> list[float]:
    return list(linemodel.columns(lines)[linemodel.FEATURES.index(name)])


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_columns_have_one_value_per_line_and_are_finite(n: int):
    cols = linemodel.columns([PROSE] * n)
    assert len(cols) == len(linemodel.FEATURES)
    assert {len(c) for c in cols} == {n}
    assert all(math.isfinite(x) for c in cols for x in c)
    assert linemodel.columns([]) == [[] for _ in linemodel.FEATURES]
    assert linemodel.features([]) == []


def test_neighbour_columns_hold_the_neighbours_values():
    lines = ["Home", PROSE, "Reply", "Thanks!"]
    own = col(lines, "log_len")
    assert col(lines, "log_len-1") == [0.0, *own[:3]]
    assert col(lines, "log_len+2") == [*own[2:], 0.0, 0.0]
    assert col(lines, "comment") == [0.0, 0.0, 1.0, 1.0]  # "Reply" is metadata, "Thanks!" a turn
    assert col(lines, "comment+1") == [0.0, 1.0, 1.0, 0.0]
    assert col(lines, "prose") == [0.0, 1.0, 0.0, 0.0]


def test_main_run_and_comment_heading_columns():
    lines = ["Home", "News", PROSE, "Menu", PROSE2, "2 Comments", "Great post!", "Reply"]
    assert col(lines, "in_main") == [0, 0, 1, 1, 1, 0, 0, 0]  # one short line between prose joins the run
    assert col(lines, "before_main") == [1, 1, 0, 0, 0, 0, 0, 0]
    assert col(lines, "after_comment") == [0, 0, 0, 0, 0, 1, 1, 1]
    assert col(lines, "since_comment")[4:] == [-1.0, 0.0, math.log1p(1), math.log1p(2)]
    assert col(lines, "comment_rest")[5] == pytest.approx(1.0)


def test_window_mean_clips_at_the_edges():
    pre = linemodel._prefix([1.0, 2.0, 3.0, 6.0])
    assert linemodel._window_mean(pre, 1) == [1.5, 2.0, 11 / 3, 4.5]


TREE = {"baseline": 0.25, "trees": [
    {"feature": [1, -1, 0, -1, -1], "threshold": [0.5, 0, 2.0, 0, 0], "left": [1, 0, 3, 0, 0],
     "right": [2, 0, 4, 0, 0], "value": [0, -1.0, 0, 0.5, 2.0]},
    {"feature": [-1], "threshold": [0], "left": [0], "right": [0], "value": [0.125]},
]}


def test_compiled_trees_follow_the_thresholds_exactly():
    f = linemodel.compile_stage(TREE, 2)
    # x1 <= 0.5 goes left (leaf -1); else x0 <= 2.0 (0.5) or > 2.0 (2.0); plus baseline and the stump
    assert f([[0.0, 2.0, 2.0000001], [0.5, 0.6, 0.6]]) == [0.25 - 1.0 + 0.125, 0.25 + 0.5 + 0.125, 0.25 + 2.0 + 0.125]


def test_compiled_trees_refuse_a_feature_the_code_does_not_compute():
    with pytest.raises(ValueError, match="feature"):
        linemodel.compile_stage(TREE, 1)


def test_shipped_model_matches_the_features_and_is_small():
    model = linemodel._weights()
    assert model is not None
    assert tuple(model["features"]) == linemodel.FEATURES and tuple(model["stage2_features"]) == linemodel.STAGE2
    size = len(resources.files("cleaner").joinpath("data/linemodel.json").read_bytes())
    assert size < 500_000
    assert model["stage1"]["trees"] and model["stage2"]["trees"]


def test_navigation_scores_below_article_paragraphs():
    lines = [*NAV_BLOCK, *ARTICLE_LINES, *NAV_BLOCK]
    probs = linemodel.article_probabilities(lines)
    assert len(probs) == len(lines)
    assert max(probs[:7]) < min(probs[7:11]) and max(probs[11:]) < min(probs[7:11])
    assert max(probs[:3]) < 0.5 < min(probs[7:11]) and max(probs[13:]) < 0.3  # lines away from the article
    assert linemodel.article_probabilities(lines) == probs  # deterministic
    assert linemodel.article_probabilities([]) == []


def test_a_comment_thread_scores_below_the_article():
    thread = ["3 Comments", "John says:", "Great article, thanks for sharing!", "Reply",
              "Mary says:", "I agree with John, well said.", "Reply"]
    probs = linemodel.article_probabilities([*ARTICLE_LINES, *thread])
    assert min(probs[:4]) > 0.8 > max(probs[4:])
    assert max(probs[6:]) < 0.3  # the comments themselves
