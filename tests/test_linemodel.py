"""The line model: feature columns, the pure-Python and the numpy tree evaluation (equal floats), the
shipped model file."""

from __future__ import annotations

import math
from importlib import resources

import numpy as np
import pytest

from cleaner.cleaners import linemodel, treeeval

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


TITLED = ["Big storm hits the coast | The Daily", *NAV_BLOCK, "Big storm hits the coast", *ARTICLE_LINES]


def test_lines_above_the_headline_that_repeats_the_title():
    assert linemodel.title_end(TITLED, 9) == 8
    assert col(TITLED, "before_title") == [1.0] * 8 + [0.0] * 5
    assert col(TITLED, "title") == [0.0] * 8 + [1.0] + [0.0] * 4


@pytest.mark.parametrize(("lines", "main_start"), [
    (["Big storm hits the coast", *TITLED[1:]], 9),  # no site name in the title: a link repeats it too
    (["Big storm hits the coast | The Daily", *NAV_BLOCK, "Big storm hits the coast | The Daily", PROSE], 8),
    (TITLED, 7),  # the repeat comes after the start of the main prose run
    (["Big storm hits the coast | The Daily", "Big storm", PROSE], 2),  # under half of the title
    (["Storm | Daily", "Storm", PROSE], 2),  # a title under 12 characters
    (["A" * 301 + " | Site", "A" * 301, PROSE], 2),  # a title over 300 characters is no title
])
def test_no_headline_without_a_site_title_repeated_in_part_before_the_prose(lines: list[str], main_start: int):
    assert linemodel.title_end(lines, main_start) == 0


def test_title_columns_are_zero_without_a_headline_and_equal_on_the_numpy_path():
    from cleaner.cleaners import linenp

    untitled = [*NAV_BLOCK, *ARTICLE_LINES]
    assert col(untitled, "before_title") == col(untitled, "title") == [0.0] * len(untitled)
    x = linenp.columns_array(TITLED)
    assert [list(map(float, c)) for c in linemodel.columns(TITLED)] == x.tolist()


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


# --- the numpy path (linenp, treeeval) gives the floats of the Python path ----------------------------
def _both(lines: list[str]) -> tuple[list[float], list[float]]:
    model = linemodel._compiled()
    assert model is not None
    return linemodel.log_odds(lines, model, numpy_min=1), linemodel.log_odds(lines, model, numpy_min=10**9)


THREAD = ["3 Comments", "John says:", "Great article, thanks for sharing!", "Reply", "Mary says:",
          "I agree with John, well said.", "Reply"]
MIXED = [*NAV_BLOCK, "Posted on March 3, 2021 by Jane", *ARTICLE_LINES, "Share: Facebook | Twitter | Email",
         "北京是中国的首都，也是一座历史悠久的城市。", *ARTICLE_LINES, "Related articles:", *THREAD, *NAV_BLOCK]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 9, 31, 63, 64, 65, 150])
def test_numpy_log_odds_equal_the_python_log_odds(n: int):
    lines = (MIXED * (n // len(MIXED) + 1))[:n]  # repeated lines too (the "repeats" feature)
    fast, slow = _both(lines)
    assert len(fast) == n and fast == slow  # ==, not approx: the same IEEE operations in the same order
    assert isinstance(fast[0], float)


def test_numpy_columns_equal_the_python_columns():
    from cleaner.cleaners import linenp

    cols = linemodel.columns(MIXED)
    x = linenp.columns_array(MIXED)
    assert x.shape == (len(linemodel.FEATURES), len(MIXED))
    assert [list(map(float, c)) for c in cols] == x.tolist()
    model = linemodel._compiled()
    z = model.stage1(cols)
    assert model.forest1.evaluate(x).tolist() == z
    assert linenp.stage2_array(np.array(z), x).tolist() == linemodel.stage2_columns(z, cols)


def test_log_odds_of_an_empty_and_a_one_line_document():
    model = linemodel._compiled()
    assert linemodel.log_odds([], model, numpy_min=0) == [] == linemodel.log_odds([], model)
    fast, slow = _both([PROSE])
    assert fast == slow and len(fast) == 1


def test_log_odds_take_numpy_from_the_crossover(monkeypatch: pytest.MonkeyPatch):
    from cleaner.cleaners import linenp

    calls: list[int] = []
    real = linenp.log_odds
    monkeypatch.setattr(linenp, "log_odds", lambda lines, f1, f2: calls.append(len(lines)) or real(lines, f1, f2))
    model = linemodel._compiled()
    linemodel.log_odds(MIXED[:linenp.NUMPY_MIN_LINES - 1], model)
    linemodel.log_odds(MIXED[:linenp.NUMPY_MIN_LINES], model)
    assert calls == [linenp.NUMPY_MIN_LINES]


NAN, INF = float("nan"), float("inf")


def test_forest_follows_the_thresholds_like_the_compiled_trees():
    forest = treeeval.Forest(TREE, 2)
    # x1 <= 0.5 left (-1.0); else x0 <= 2.0 (0.5) or not (2.0); a tie goes left, NaN and inf right
    x0 = [0.0, 2.0, 2.0000001, NAN, INF, -INF, 9.0, 2.0, 0.0]
    x1 = [0.5, 0.6, 0.6, 0.6, 0.6, 0.6, NAN, -INF, INF]
    leaf = [-1.0, 0.5, 2.0, 2.0, 2.0, 0.5, 2.0, -1.0, 0.5]
    want = [0.25 + v + 0.125 for v in leaf]
    assert forest.evaluate(np.array([x0, x1])).tolist() == want == linemodel.compile_stage(TREE, 2)([x0, x1])


@pytest.mark.parametrize("n", [1, 5, 63, 64, 200])
def test_forest_adds_the_trees_in_order(n: int):
    # near 1e16 the doubles are 2.0 apart, so each + 1.0 rounds (half to even): added one at a time,
    # 2.0 and ten 1.0 leaves give 1e16 + 4.0, not the 1e16 + 12.0 of summing the leaves first
    stump = {"feature": [-1], "threshold": [0], "left": [0], "right": [0], "value": [1.0]}
    stage = {"baseline": 1e16, "trees": [TREE["trees"][0], *[stump] * 10]}
    x = [[3.0] * n, [1.0] * n]  # the first tree gives 2.0
    want = linemodel.compile_stage(stage, 2)(x)
    s = 1e16
    for v in (2.0, *[1.0] * 10):
        s += v
    assert want == [s] * n == [1e16 + 4.0] * n
    assert treeeval.Forest(stage, 2).evaluate(np.array(x)).tolist() == want
    stumps = {"baseline": 1e16, "trees": [stump] * 10}  # depth 0
    assert treeeval.Forest(stumps, 2).evaluate(np.array(x)).tolist() == linemodel.compile_stage(stumps, 2)(x)


def test_forest_refuses_a_feature_the_code_does_not_compute_and_too_deep_trees():
    with pytest.raises(ValueError, match="feature"):
        treeeval.Forest(TREE, 1)
    deep = treeeval.MAX_DEPTH + 1  # a chain of nodes, each with a leaf on its left
    tree = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}
    for d in range(deep):
        k = len(tree["feature"])
        tree["feature"] += [0, -1]
        tree["threshold"] += [float(d), 0.0]
        tree["left"] += [k + 1, 0]
        tree["right"] += [k + 2, 0]
        tree["value"] += [0.0, float(d)]
    for key, v in zip(("feature", "threshold", "left", "right", "value"), (-1, 0.0, 0, 0, 9.0), strict=True):
        tree[key].append(v)
    with pytest.raises(ValueError, match="deeper"):
        treeeval.Forest({"baseline": 0.0, "trees": [tree]}, 1)
    shallow = {"baseline": 0.0, "trees": [tree]}
    assert linemodel.compile_stage(shallow, 1)([[0.5, 99.0]]) == [1.0, 9.0]


def test_article_probabilities_are_the_sigmoid_of_the_log_odds():
    model = linemodel._compiled()
    assert linemodel.article_probabilities(MIXED) == [linemodel._sigmoid(z) for z in linemodel.log_odds(MIXED, model)]
    assert [linemodel._sigmoid(z) for z in (-30.5, -30.0, 0.0, 30.0, 30.5)] == [
        0.0, 1.0 / (1.0 + math.exp(30.0)), 0.5, 1.0 / (1.0 + math.exp(-30.0)), 1.0]


def test_shipped_model_matches_the_features_it_reads():
    """The trees in ``cleaner/data/linemodel.json`` were trained on the features of today's code.

    The features read the vocabulary of ``patterns.py`` (comment marks, navigation, share and related
    words): a change there changes what the model sees, and ``scripts/train_lines.py`` then no longer
    reproduces the shipped file. If this fails after a vocabulary or feature change, run
    ``python scripts/train_lines.py --no-eval`` (about 2 minutes), ship the new file, and pin both
    hashes below again."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    seed = (root / "fixtures" / "articles" / "article-with-residue.txt").read_text(encoding="utf-8")
    extra = ["Home", "Share | Tweet | Email", "Related articles", "Leave a Reply", "3 Comments", "John says:",
             "Privacy Policy", "Print this article", "March 3, 2012 at 4:05 pm", "Reply", "RSS Feed"]
    head = "A visionary in the true meaning of the word"
    title = [f"{head} | 47 Hats", "Home", head]
    lines = title + [s.strip() for s in seed.splitlines() if s.strip()] + extra
    assert linemodel.columns(lines)[linemodel.FEATURES.index("title")][:4] == [0.0, 0.0, 1.0, 0.0]  # read too
    features = hashlib.sha256(repr(linemodel.features(lines)).encode()).hexdigest()[:16]
    shipped = hashlib.sha256((root / "cleaner" / "data" / "linemodel.json").read_bytes()).hexdigest()[:16]
    assert (features, shipped) == ("062e55770a3b8478", "95bd0453b7108144")
