"""The line model: is this line article text? Context features + two stacked logistic models.

Pure Python, no numpy: the weights (``cleaner/data/linemodel.json``, written by
``scripts/train_lines.py``) are loaded once per process on first use. Cost is linear in the number
of lines (windows are running sums).

Features of a line (all computed from the stripped, non-blank lines of one document):

* the line itself: log length, length relative to the document's longest line, word count,
  terminal punctuation, a trailing ``:``, a leading bullet or digit, separators (``|``, ``»``),
  digits, commas, URL/e-mail marks, whether a residue or comment vocabulary rule fires, repeats
  of the same line in the document;
* context: characters and prose lines in windows of 3 and 11 lines, the previous and next line's
  length and punctuation, whether the line sits in the document's main run of prose (the
  maximum-sum run of ``+len`` for prose lines, ``-penalty`` for the rest: jusText's "short lines
  between good paragraphs are good" in one pass), the distance to that run, the relative position,
  lines since a comment heading.

Stage 1 is a logistic model over these features; stage 2 adds the stage-1 probabilities of the
neighbours (windows of 3, 7 and 21 lines) and the line's own, so a short line between article
lines is pulled up and a long line inside navigation is pulled down.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

from .patterns import (
    COMMENT_FORM_RE,
    COMMENT_HEADER_RE,
    COMMENT_META_RE,
    COMMENT_TURN_RE,
    COPYRIGHT_RE,
    NAV_LINE_RE,
    RELATED_HEADING_RE,
    SHARE_SPLIT_RE,
    SHARE_WORDS,
)

_TERMINAL = frozenset(".!?。！？…\"'”’»)）")
_BULLETS = frozenset("-–—•*·>»◦▪►")
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DATE_RE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}:\d\d|"
    r"\d{4}年\d{1,2}月|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_SHARE_SET = frozenset(SHARE_WORDS)

FEATURES: tuple[str, ...] = (
    "bias", "log_len", "rel_len", "log_words", "terminal", "colon_end", "bullet", "digit_start",
    "upper_start", "separators", "digit_ratio", "comma_ratio", "url", "date", "cjk", "nav_word",
    "share_word", "copyright", "comment_head", "comment_meta", "comment_turn", "related_head",
    "repeats", "prose", "short", "log_ctx3", "log_ctx11", "prose3", "prose11", "short11", "prev_len",
    "next_len", "prev_term", "next_term", "in_main", "dist_main", "before_main", "after_main", "pos",
    "char_pos", "since_comment", "after_comment", "doc_lines", "avg_len_ratio",
)


def _window_sum(values: Sequence[float], radius: int) -> list[float]:
    """Sum of ``values`` over ``[i - radius, i + radius]`` for each ``i`` (running sums)."""
    n = len(values)
    pre = [0.0] * (n + 1)
    for i, v in enumerate(values):
        pre[i + 1] = pre[i] + v
    return [pre[min(n, i + radius + 1)] - pre[max(0, i - radius)] for i in range(n)]


def _main_run(lengths: Sequence[int], prose: Sequence[int], penalty: float) -> tuple[int, int]:
    """The maximum-sum run of ``len`` (prose lines) / ``-penalty`` (others): Kadane, O(n)."""
    best, best_s, best_e = 0.0, 0, -1
    cur, cur_s = 0.0, 0
    for i, (ln, p) in enumerate(zip(lengths, prose, strict=True)):
        v = ln if p else -penalty
        if cur <= 0:
            cur, cur_s = v, i
        else:
            cur += v
        if cur > best:
            best, best_s, best_e = cur, cur_s, i
    return best_s, best_e


def _static(s: str) -> tuple[int, bool, bool, bool, tuple[float, ...]]:
    """:func:`_static_line`, cached for lines up to 1,000 characters (a huge line is not kept alive)."""
    return _static_cached(s) if len(s) <= 1000 else _static_line(s)


def _static_line(s: str) -> tuple[int, bool, bool, bool, tuple[float, ...]]:
    """The context-free part of a line's features (cached: nav lines repeat across pages and passes):
    (words, cjk, terminal, comment heading, the per-line feature values)."""
    ln = len(s)
    words = len(_WORD_RE.findall(s)) if ln < 400 else ln // 6
    cjk = bool(_CJK_RE.search(s[:400]))
    term = s[-1] in _TERMINAL
    head = ln <= 200 and bool(COMMENT_HEADER_RE.match(s) or COMMENT_FORM_RE.search(s))
    low = s.lower() if ln <= 200 else ""
    sw = [w for w in SHARE_SPLIT_RE.split(low) if w] if low else []
    vals = (
        float(s[-1] in ":："),
        float(s[0] in _BULLETS),
        float(s[0].isdigit()),
        float(s[0].isupper()),
        min(3.0, s.count("|") + s.count("»") + s.count("›") + s.count("·")),
        len(_DIGIT_RE.findall(s)) / ln if ln < 400 else 0.0,
        (s.count(",") + s.count("，") + s.count("、")) / ln * 10,
        float("http" in s or "www." in s or "@" in s),
        float(ln <= 200 and bool(_DATE_RE.search(s))),
        float(cjk),
        float(ln <= 60 and bool(NAV_LINE_RE.match(s))),
        float(bool(sw) and all(w in _SHARE_SET for w in sw)),
        float(ln <= 200 and bool(COPYRIGHT_RE.search(s))),
        float(head),
        float(ln <= 200 and bool(COMMENT_META_RE.match(s))),
        float(ln <= 120 and bool(COMMENT_TURN_RE.search(s))),
        float(ln <= 60 and bool(RELATED_HEADING_RE.match(s))),
    )
    return words, cjk, term, head, vals


_static_cached = lru_cache(maxsize=1 << 16)(_static_line)


def features(lines: Sequence[str]) -> list[list[float]]:
    """One feature vector (in :data:`FEATURES` order) per stripped non-blank line."""
    return list(iter_features(lines))


def iter_features(lines: Sequence[str]) -> Iterator[list[float]]:
    """The rows of :func:`features`, one at a time (memory stays linear in the lines, not 44x)."""
    n = len(lines)
    if not n:
        return
    lengths = [len(s) for s in lines]
    max_len = max(lengths)
    total = sum(lengths)
    counts = Counter(lines)
    static = [_static(s) for s in lines]
    term = [st[2] for st in static]
    prose = [int(st[2] and (lengths[i] >= 60 or (st[1] and lengths[i] >= 25))) for i, st in enumerate(static)]
    short = [int(ln <= 20) for ln in lengths]
    ctx3 = _window_sum(lengths, 1)
    ctx11 = _window_sum(lengths, 5)
    prose3 = _window_sum(prose, 1)
    prose11 = _window_sum(prose, 5)
    short11 = _window_sum(short, 5)
    ms, me = _main_run(lengths, prose, 40.0)
    log_n = math.log1p(n)
    avg = total / n
    cum = 0
    since = -1
    for i, s in enumerate(lines):
        ln = lengths[i]
        words, _cjk, t, head, vals = static[i]
        if head:
            since = 0
        elif since >= 0:
            since += 1
        dist = 0 if ms <= i <= me else (ms - i if i < ms else i - me)
        yield [
            1.0, math.log1p(ln), ln / max_len, math.log1p(words), float(t), *vals,
            math.log(counts[s]), float(prose[i]), float(short[i]),
            math.log1p(ctx3[i]), math.log1p(ctx11[i]), prose3[i] / 3, prose11[i] / 11, short11[i] / 11,
            math.log1p(lengths[i - 1]) if i else 0.0,
            math.log1p(lengths[i + 1]) if i + 1 < n else 0.0,
            float(term[i - 1]) if i else 0.0,
            float(term[i + 1]) if i + 1 < n else 0.0,
            float(ms <= i <= me), math.log1p(dist), float(i < ms), float(i > me),
            i / n, cum / total,
            math.log1p(since) if since >= 0 else -1.0, float(since >= 0), log_n, ln / avg,
        ]
        cum += ln


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def stage2_features(probs: Sequence[float]) -> list[list[float]]:
    """Stacked features: the line's stage-1 probability and its neighbours' means (3, 7, 21)."""
    n = len(probs)
    w1, w3, w10 = _window_sum(probs, 1), _window_sum(probs, 3), _window_sum(probs, 10)
    out = []
    for i, p in enumerate(probs):
        c1 = min(n, i + 2) - max(0, i - 1)
        c3 = min(n, i + 4) - max(0, i - 3)
        c10 = min(n, i + 11) - max(0, i - 10)
        out.append([p, (w1[i] - p) / max(1, c1 - 1), (w3[i] - p) / max(1, c3 - 1), (w10[i] - p) / max(1, c10 - 1),
                    probs[i - 1] if i else 0.5, probs[i + 1] if i + 1 < n else 0.5])
    return out


@lru_cache(maxsize=1)
def _weights() -> dict[str, list[float]] | None:
    try:
        data = resources.files("cleaner").joinpath("data/linemodel.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    model = json.loads(data)
    if tuple(model["features"]) != FEATURES:
        raise ValueError("cleaner/data/linemodel.json was trained on other features; rerun scripts/train_lines.py")
    return model


def _fold(mean: Sequence[float], scale: Sequence[float], coef: Sequence[float],
          intercept: float) -> tuple[list[float], float]:
    """Fold the standardisation into the weights: z = b + w . x."""
    w = [c / s for c, s in zip(coef, scale, strict=True)]
    b = intercept - sum(c * m / s for c, m, s in zip(coef, mean, scale, strict=True))
    return w, b


def _apply(rows: Iterable[list[float]], mean: Sequence[float], scale: Sequence[float], coef: Sequence[float],
           intercept: float) -> list[float]:
    w, b = _fold(mean, scale, coef, intercept)
    return [_sigmoid(b + sum(map(operator.mul, row, w))) for row in rows]


def article_probabilities(lines: Sequence[str]) -> list[float]:
    """P(article) for each stripped non-blank line; all 1.0 when no weights are shipped."""
    model = _weights()
    if model is None or not lines:
        return [1.0] * len(lines)
    p1 = _apply(iter_features(lines), model["mean1"], model["scale1"], model["coef1"], model["intercept1"][0])
    return _apply(stage2_features(p1), model["mean2"], model["scale2"], model["coef2"], model["intercept2"][0])
