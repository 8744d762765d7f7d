"""The line model: is this line article text? Context features + two stacked gradient-boosted models.

No scikit-learn at run time: the trees (``cleaner/data/linemodel.json``, written by
``scripts/train_lines.py``) are loaded once per process on first use and compiled twice per stage:
into one Python function (nested ``if``s over local variables; the source is generated from the
numbers of the JSON file only), which this module's :func:`columns` and :func:`stage2_columns`
feed, and into numpy arrays (:mod:`.treeeval`, fed by :mod:`.linenp`). :func:`log_odds` runs the
numpy path from :data:`.linenp.NUMPY_MIN_LINES` lines on (2-4x as fast on long documents, slower
on short ones) and this pure-Python one below; both give the same floats, bit for bit (the same
IEEE operations in the same order; tested). Cost is linear in the number of lines (windows are
prefix sums).

Features of a line (all computed from the stripped, non-blank lines of one document; see
:data:`FEATURES` for the exact list):

* the line itself: length (raw, log, relative to the document's longest and mean line), words,
  terminal punctuation, a trailing ``:``, a leading bullet, digit, capital or lower-case letter,
  separators (``|``, ``»``), digits, commas, capitalised words, inner sentence ends, URL/e-mail
  marks, dates, whether a residue or comment vocabulary rule of :mod:`.patterns` fires, repeats of
  the same line in the document;
* the neighbours: the previous and next two lines' length, terminal punctuation, prose-ness and
  comment evidence;
* context windows: characters, prose lines, short lines and terminal punctuation over windows of
  3, 11 and 21 lines, comment evidence in the 10 lines before and after, and from here to the end;
* the document: position (line and character), lines to the end, the main run of prose (the
  maximum-sum run of ``+len`` for prose lines, ``-penalty`` for the rest, at two penalties:
  jusText's "short lines between good paragraphs are good" in one pass) and the distance to it,
  lines since a comment heading, and whether the line comes before the article's headline
  (:func:`title_end`: a page dumped with its ``<title>`` first repeats the headline above its
  article; what comes between is the site's header and navigation).

Stage 1 is a gradient-boosted tree ensemble over these features; stage 2 (another, smaller one)
adds the stage-1 log-odds of the neighbours (windows of 3, 7 and 21 lines, the previous and next
two lines, the minimum and maximum around the line, the mean from here to the end) and of the
document (the line's rank, its distance to the 90th percentile and to the mean of the prose
lines) to a few stage-1 features, so a short line between article lines is pulled up and a long
line inside navigation or a comment thread is pulled down.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from math import log1p
from operator import sub
from typing import NamedTuple

from .comments import EVIDENCE, HEADING, META, line_marks
from .lines import TERMINAL
from .patterns import (
    LINE_CJK_RE,
    LINE_DATE_RE,
    LINE_SENTENCE_RE,
    NAV_LINE_RE,
    RELATED_HEADING_RE,
    SHARE_SPLIT_RE,
    SHARE_WORDS,
    TITLE_SEPARATOR_RE,
)
from .treeeval import Forest

_BULLETS = frozenset("-–—•*·>»◦▪►")
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"\w+")
_SHARE_SET = frozenset(SHARE_WORDS)

# the per-line (context-free) values, in this order, as returned by _static_line
STATIC: tuple[str, ...] = (
    "len", "words", "terminal", "colon_end", "bullet", "digit_start", "upper_start", "lower_start",
    "separators", "digit_ratio", "comma_ratio", "cap_words", "sentences", "url", "date", "cjk", "nav_word",
    "share_word", "comment_head", "comment_meta", "comment_evidence", "related_head",
)
_HEAD = STATIC.index("comment_head")  # then comment_meta, comment_evidence
_NEIGHBOUR = ("log_len", "terminal", "prose", "comment")
FEATURES: tuple[str, ...] = (
    *STATIC[1:], "log_len", "rel_len", "avg_len_ratio", "repeats", "prose", "short", "comment",
    *(f"{k}{o:+d}" for o in (-2, -1, 1, 2) for k in _NEIGHBOUR),
    *(f"{k}{w}" for w in (3, 11, 21) for k in ("log_ctx", "prose", "short", "term")),
    "comment_before10", "comment_after10", "comment_rest", "date_after3",
    "in_main", "dist_main", "before_main", "after_main", "in_main2", "dist_main2", "main_share",
    "pos", "char_pos", "to_end", "since_comment", "after_comment", "doc_lines", "before_title", "title",
)
# stage 2: the stage-1 log-odds around the line + these stage-1 features
STAGE2_BASE: tuple[str, ...] = ("log_len", "prose", "comment", "in_main", "dist_main", "pos", "since_comment")
STAGE2: tuple[str, ...] = (
    "z", "z_mean3", "z_mean7", "z_mean21", "z-2", "z-1", "z+1", "z+2", "z_min5", "z_max5", "z_rest",
    *STAGE2_BASE, "z_rel_top", "z_rank", "z_rel_prose", "z_doc",
)


def _prefix(values: Sequence[float]) -> list[float]:
    pre = [0.0] * (len(values) + 1)
    acc = 0.0
    for i, v in enumerate(values):
        acc += v
        pre[i + 1] = acc
    return pre


def _window_mean(pre: Sequence[float], radius: int) -> list[float]:
    """Mean of the values over ``[i - radius, i + radius]`` (clipped at the edges) from prefix sums."""
    n = len(pre) - 1
    w = 2 * radius + 1
    if n < w + 1:
        return [(pre[min(n, i + radius + 1)] - pre[max(0, i - radius)]) / (min(n, i + radius + 1) - max(0, i - radius))
                for i in range(n)]
    head = [(pre[i + radius + 1] - pre[0]) / (i + radius + 1) for i in range(radius)]
    mid = [x / w for x in map(sub, pre[w:], pre[:n + 1 - w])]
    tail = [(pre[n] - pre[i - radius]) / (n - i + radius) for i in range(n - radius, n)]
    return head + mid + tail


def _ahead(pre: Sequence[float], k: int) -> list[float]:
    """Sum of the values of the ``k`` lines after each line (clipped at the end)."""
    n = len(pre) - 1
    if n <= k:
        return [pre[n] - pre[i + 1] for i in range(n)]
    return [*map(sub, pre[k + 1:], pre[1:n + 1 - k]), *[pre[n] - pre[i + 1] for i in range(n - k, n)]]


def _behind(pre: Sequence[float], k: int) -> list[float]:
    """Sum of the values of the ``k`` lines before each line (clipped at the start)."""
    n = len(pre) - 1
    if n <= k:
        return [pre[i] - pre[0] for i in range(n)]
    return [*[pre[i] - pre[0] for i in range(k)], *map(sub, pre[k:n], pre[:n - k])]


def _main_run(lengths: Sequence[int], prose: Sequence[int], penalty: float) -> tuple[int, int, float]:
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
    return best_s, best_e, best


def _static(s: str) -> tuple[float, ...]:
    """:func:`_static_line`, cached for lines up to 1,000 characters (a huge line is not kept alive)."""
    return _static_cached(s) if len(s) <= 1000 else _static_line(s)


def _static_line(s: str) -> tuple[float, ...]:
    """The context-free values of a line, in :data:`STATIC` order (cached: nav lines repeat across
    pages and passes)."""
    ln = len(s)
    short = ln <= 200
    if ln < 400:
        words = _WORD_RE.findall(s)
        nw = len(words)
        caps = sum(1 for w in words if w[0].isupper()) / nw if nw else 0.0
        digits = len(_DIGIT_RE.findall(s)) / ln
    else:
        nw, caps, digits = ln // 6, 0.0, 0.0
    low = s.lower() if short else ""
    marks = line_marks(s)  # cached, shared with the comments stage
    sw = [w for w in SHARE_SPLIT_RE.split(low) if w] if low else []
    return (
        float(ln), float(nw), float(s[-1] in TERMINAL), float(s[-1] in ":："), float(s[0] in _BULLETS),
        float(s[0].isdigit()), float(s[0].isupper()), float(s[0].islower()),
        float(min(3, s.count("|") + s.count("»") + s.count("›") + s.count("·"))),
        digits, (s.count(",") + s.count("，") + s.count("、")) / ln * 10, caps,
        float(min(10, len(LINE_SENTENCE_RE.findall(s)))),
        float("http" in s or "www." in s or "@" in s),
        float(ln <= 80 and bool(LINE_DATE_RE.search(s))),
        float(bool(LINE_CJK_RE.search(s[:400]))),
        float(ln <= 60 and bool(NAV_LINE_RE.match(s))),
        float(bool(sw) and all(w in _SHARE_SET for w in sw)),
        float(bool(marks & HEADING)), float(bool(marks & META)), float(bool(marks & EVIDENCE)),
        float(ln <= 60 and bool(RELATED_HEADING_RE.match(s))),
    )


_static_cached = lru_cache(maxsize=1 << 16)(_static_line)


def columns(lines: Sequence[str]) -> list[list[float]]:
    """The feature columns (one list per name of :data:`FEATURES`, one value per line) of the
    stripped non-blank ``lines``."""
    n = len(lines)
    if not n:
        return [[] for _ in FEATURES]
    st = list(zip(*[_static(s) for s in lines], strict=True))
    lengths, term, cjk = st[0], st[2], st[STATIC.index("cjk")]
    max_len = max(lengths)
    total = sum(lengths)
    avg = total / n
    counts = Counter(lines)
    log_len = list(map(log1p, lengths))
    prose = [float(t and (ln >= 60 or (c and ln >= 25))) for ln, t, c in zip(lengths, term, cjk, strict=True)]
    short = [float(ln <= 20) for ln in lengths]
    comment = [float(a or b or c) for a, b, c in zip(*st[_HEAD:_HEAD + 3], strict=True)]
    nb = []  # shifted columns: nb[k][i] is the value of line i + off (0 past the edges)
    for off in (-2, -1, 1, 2):
        for col in (log_len, term, prose, comment):
            shifted = [*col[off:], *[0.0] * off] if off > 0 else [*[0.0] * -off, *col[:off]]
            nb.append(shifted[-n:] if off > 0 else shifted[:n])
    win = []
    pre_len, pre_prose, pre_short, pre_term = _prefix(lengths), _prefix(prose), _prefix(short), _prefix(term)
    for r in (1, 5, 10):
        win.append(list(map(log1p, _window_mean(pre_len, r))))
        win.append(_window_mean(pre_prose, r))
        win.append(_window_mean(pre_short, r))
        win.append(_window_mean(pre_term, r))
    pre_c = _prefix(comment)
    c_end = pre_c[n]
    c_rest = [(c_end - c) / k for c, k in zip(pre_c[:n], range(n, 0, -1), strict=True)]
    ms, me, best = _main_run(lengths, prose, 40.0)
    ms2, me2, _ = _main_run(lengths, prose, 10.0)
    since_col, after_col = [], []
    since = -1
    for h in st[_HEAD]:
        if h:
            since = 0
        elif since >= 0:
            since += 1
        since_col.append(log1p(since) if since >= 0 else -1.0)
        after_col.append(float(since >= 0))
    return [
        *st[1:], log_len, [x / max_len for x in lengths], [x / avg for x in lengths],
        [math.log(counts[s]) for s in lines], prose, short, comment, *nb, *win,
        _behind(pre_c, 10), _ahead(pre_c, 10), c_rest, _ahead(_prefix(st[STATIC.index("date")]), 3),
        [0.0] * ms + [1.0] * (me + 1 - ms) + [0.0] * (n - 1 - me), _distance(ms, me, n),
        [1.0] * ms + [0.0] * (n - ms), [0.0] * (me + 1) + [1.0] * (n - 1 - me),
        [0.0] * ms2 + [1.0] * (me2 + 1 - ms2) + [0.0] * (n - 1 - me2), _distance(ms2, me2, n),
        [best / total] * n, [i / n for i in range(n)], [c / total for c in _prefix(lengths)[:n]],
        list(map(log1p, range(n - 1, -1, -1))), since_col, after_col, [log1p(n)] * n,
        *_title_columns(lines, ms),
    ]


def title_end(lines: Sequence[str], main_start: int) -> int:
    """The index of the headline that repeats the page title, or 0 when there is none.

    A page dumped as text starts with its ``<title>``, which is the headline plus the site's name
    ("A visionary in the true meaning of the word… | 47 Hats"); the headline comes again above
    the article, after the site's header and navigation. The title must hold a separator
    (:data:`.patterns.TITLE_SEPARATOR_RE`: ``|``, dashes, ``»``, ``::`` ... with a space on each side,
    or a leading label and colon); the headline is the first line up to
    the start of the main prose run (``main_start``) whose word tokens, lower-cased, make at
    least :data:`TITLE_MIN_SHARE` of the title's (12 characters or more) and are a part of it, not
    all of it (a title without the site's name is ambiguous: a link to the article repeats it too).
    Recall-oriented extractors drop the ``<title>``: their output never has one.

    >>> title_end(["Big news today | The Daily", "Home", "News", "Big news today", "It happened. " * 9], 4)
    3
    >>> title_end(["Big news today", "Home", "News", "Big news today", "It happened. " * 9], 4)
    0
    """
    t0 = lines[0] if lines else ""
    if len(lines) < 3 or len(t0) > 300 or not TITLE_SEPARATOR_RE.search(t0):
        return 0
    title = " ".join(_WORD_RE.findall(t0.casefold()))
    least = max(12, TITLE_MIN_SHARE * len(title))
    for k in range(1, min(main_start, len(lines) - 1) + 1):
        s = lines[k]
        if len(s) > 300:
            continue
        head = " ".join(_WORD_RE.findall(s.casefold()))
        if least <= len(head) < len(title) and head in title:
            return k
    return 0


TITLE_MIN_SHARE = 0.5
"""A headline repeats at least this share of the title's characters (tokens joined by spaces)."""


def _title_columns(lines: Sequence[str], main_start: int) -> tuple[list[float], list[float]]:
    """``before_title`` and ``title``: 1.0 for the lines above the headline (:func:`title_end`), and
    for the headline itself; all 0.0 without one."""
    n = len(lines)
    k = title_end(lines, main_start)
    if not k:
        return [0.0] * n, [0.0] * n
    return [1.0] * k + [0.0] * (n - k), [0.0] * k + [1.0] + [0.0] * (n - k - 1)


def _distance(start: int, end: int, n: int) -> list[float]:
    """``log1p`` of each line's distance in lines to the run ``[start, end]`` (0 inside)."""
    return [*map(log1p, range(start, 0, -1)), *[0.0] * (end + 1 - start), *map(log1p, range(1, n - end))]


def features(lines: Sequence[str]) -> list[list[float]]:
    """One feature row (in :data:`FEATURES` order) per stripped non-blank line."""
    return [list(r) for r in zip(*columns(lines), strict=True)] if lines else []


_PROSE = FEATURES.index("prose")


def stage2_columns(z: Sequence[float], cols: Sequence[list[float]]) -> list[list[float]]:
    """The stage-2 columns (:data:`STAGE2` order) from the stage-1 log-odds ``z`` and the stage-1
    feature columns ``cols``."""
    n = len(z)
    pre = _prefix(z)
    zl = list(z)
    ext = [0.0, 0.0, *zl, 0.0, 0.0]
    if n > 1:
        lo = list(map(min, ext[:-4], ext[1:-3], ext[2:-2], ext[3:-1], ext[4:]))
        hi = list(map(max, ext[:-4], ext[1:-3], ext[2:-2], ext[3:-1], ext[4:]))
    else:
        lo = hi = zl
    shifted = [ext[2 + o:2 + o + n] for o in (-2, -1, 1, 2)]
    rest = [(pre[n] - p) / k for p, k in zip(pre[:n], range(n, 0, -1), strict=True)]
    base = [cols[FEATURES.index(k)] for k in STAGE2_BASE]
    # the line against its own document: a page whose furniture all looks like text to stage 1
    # (old forums, link lists) still has its article on top
    srt = sorted(zl)
    top = srt[int(0.9 * (n - 1))]
    pz = [a for a, p in zip(zl, cols[_PROSE], strict=True) if p]
    ref = sum(pz) / len(pz) if pz else pre[n] / n
    return [zl, _window_mean(pre, 1), _window_mean(pre, 3), _window_mean(pre, 10), *shifted, lo, hi, rest,
            *base, [a - top for a in zl], [bisect_left(srt, a) / n for a in zl], [a - ref for a in zl],
            [pre[n] / n] * n]


# --- the trees at run time ---------------------------------------------------------------------------
def _tree_source(tree: dict, depth: int) -> list[str]:
    """Nested ``if`` lines of one tree (``feature``, ``threshold``, ``left``, ``right``, ``value`` arrays;
    a leaf has feature -1). Only numbers from the file go into the source."""
    out: list[str] = []

    def node(k: int, d: int) -> None:
        pad = "    " * d
        f = int(tree["feature"][k])
        if f < 0:
            out.append(f"{pad}s += {float(tree['value'][k])!r}")
            return
        out.append(f"{pad}if x{f} <= {float(tree['threshold'][k])!r}:")
        node(int(tree["left"][k]), d + 1)
        out.append(f"{pad}else:")
        node(int(tree["right"][k]), d + 1)

    node(0, depth)
    return out


def compile_stage(stage: dict, n_features: int) -> Callable[[Sequence[list[float]]], list[float]]:
    """A function mapping feature columns to the log-odds of the stage's ensemble."""
    used = sorted({int(f) for t in stage["trees"] for f in t["feature"] if int(f) >= 0})
    if any(f >= n_features for f in used):
        raise ValueError("line model: a tree uses a feature the code does not compute")
    names = ", ".join(f"x{f}" for f in used) + ("," if len(used) == 1 else "")
    src = ["def _predict(cols):", "    out = []", "    append = out.append",
           f"    for ({names}) in zip({', '.join(f'cols[{f}]' for f in used)}):" if used else
           "    for _ in cols[0]:", f"        s = {float(stage['baseline'])!r}"]
    for t in stage["trees"]:
        src.extend(_tree_source(t, 2))
    src += ["        append(s)", "    return out"]
    scope: dict = {}
    exec(compile("\n".join(src), "<linemodel>", "exec"), scope)  # numbers only: see _tree_source
    return scope["_predict"]


@lru_cache(maxsize=1)
def _weights() -> dict | None:
    try:
        data = resources.files("cleaner").joinpath("data/linemodel.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    model = json.loads(data)
    if tuple(model["features"]) != FEATURES or tuple(model["stage2_features"]) != STAGE2:
        raise ValueError("cleaner/data/linemodel.json was trained on other features; rerun scripts/train_lines.py")
    return model


class Compiled(NamedTuple):
    """A line model ready to run: each stage as generated Python (:func:`compile_stage`) and as a
    numpy :class:`~.treeeval.Forest` (the same numbers; :func:`log_odds` picks one per document)."""

    stage1: Callable[[Sequence[Sequence[float]]], list[float]]
    stage2: Callable[[Sequence[Sequence[float]]], list[float]]
    forest1: Forest
    forest2: Forest


def compile_model(model: dict) -> Compiled:
    """Both run-time forms of the two stages of ``model`` (the JSON of ``linemodel.json``)."""
    return Compiled(compile_stage(model["stage1"], len(FEATURES)), compile_stage(model["stage2"], len(STAGE2)),
                    Forest(model["stage1"], len(FEATURES)), Forest(model["stage2"], len(STAGE2)))


@lru_cache(maxsize=1)
def _compiled() -> Compiled | None:
    model = _weights()
    return None if model is None else compile_model(model)


def log_odds(lines: Sequence[str], model: Compiled, numpy_min: int | None = None) -> list[float]:
    """The stage-2 log-odds of article for each stripped non-blank line under ``model``: with numpy
    (:mod:`.linenp`) from ``numpy_min`` lines on (default :data:`.linenp.NUMPY_MIN_LINES`), in pure
    Python below; both give the same floats."""
    from . import linenp  # imports this module

    if not lines:
        return []
    if len(lines) >= (linenp.NUMPY_MIN_LINES if numpy_min is None else numpy_min):
        return linenp.log_odds(lines, model.forest1, model.forest2)
    cols = columns(lines)
    z1 = model.stage1(cols)
    return model.stage2(stage2_columns(z1, cols))


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def article_probabilities(lines: Sequence[str]) -> list[float]:
    """P(article) for each stripped non-blank line; all 1.0 when no weights are shipped."""
    model = _compiled()
    if model is None or not lines:
        return [1.0] * len(lines)
    exp = math.exp  # _sigmoid inlined (a call per line costs more than the arithmetic)
    return [0.0 if z < -30 else 1.0 if z > 30 else 1.0 / (1.0 + exp(-z)) for z in log_odds(lines, model)]
