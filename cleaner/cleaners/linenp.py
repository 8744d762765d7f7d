"""The line model's columns and log-odds with numpy: the same numbers as the pure-Python path of
:mod:`.linemodel`, bit for bit, for documents of :data:`NUMPY_MIN_LINES` lines or more.

Exactness rules (each checked by ``tests/test_linemodel.py`` against the Python path):

* prefix sums are ``np.cumsum`` (sequential, like the Python ``acc += v`` loop; never ``np.sum``);
* window means use the same formula as :func:`.linemodel._window_mean`: ``(pre[hi] - pre[lo]) /
  (hi - lo)`` with the window clipped at the edges;
* ``log1p`` / ``log`` come from :mod:`math` (numpy's may differ in the last bit): of integers through
  a table, of other values through ``map``;
* a mean over a subset (``sum(pz) / len(pz)``) calls Python's ``sum`` (its rounding differs between
  Python versions, so the numpy path must use the same function).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from math import inf, log, log1p

import numpy as np

from . import linemodel as lm
from .treeeval import Forest

# Documents with at least this many lines take the numpy path (measured crossover: below it the
# ~100 numpy calls per document cost more than the Python loops over its few lines).
NUMPY_MIN_LINES = 32

_STAGE2_BASE = np.array([lm.FEATURES.index(k) for k in lm.STAGE2_BASE], dtype=np.intp)
_PROSE = lm.FEATURES.index("prose")
_TERM, _CJK, _DATE, _HEAD = (lm.STATIC.index(k) for k in ("terminal", "cjk", "date", "comment_head"))


def _prefix(values: np.ndarray) -> np.ndarray:
    pre = np.empty(len(values) + 1)
    pre[0] = 0.0
    np.cumsum(values, out=pre[1:])
    return pre


@lru_cache(maxsize=8)  # the radii of one document's two stages
def _window(n: int, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The clipped window ``[lo, hi)`` around each of ``n`` lines and its size."""
    i = np.arange(n)
    hi = np.minimum(i + radius + 1, n)
    lo = np.maximum(i - radius, 0)
    return hi, lo, hi - lo


def _window_mean(pre: np.ndarray, radius: int) -> np.ndarray:
    """Mean over ``[i - radius, i + radius]`` clipped at the edges (:func:`.linemodel._window_mean`),
    of each row of prefix sums ``pre`` (one more column than lines)."""
    hi, lo, size = _window(pre.shape[-1] - 1, radius)
    return (np.take(pre, hi, axis=-1) - np.take(pre, lo, axis=-1)) / size


def _static_bytes(s: str) -> bytes:
    """:func:`.linemodel._static_line` and ``log1p(len)`` of a line as float64 bytes (cached for lines
    up to 1,000 characters, like :func:`.linemodel._static`)."""
    return _static_bytes_cached(s) if len(s) <= 1000 else _static_record(s)


def _static_record(s: str) -> bytes:
    return array("d", (*lm._static_line(s), log1p(len(s)))).tobytes()


_static_bytes_cached = lru_cache(maxsize=1 << 16)(_static_record)
_LOGS: list[np.ndarray] = [np.zeros(0), np.zeros(0)]


def _log_ints(m: int) -> tuple[np.ndarray, np.ndarray]:
    """``math.log1p(k)`` and ``math.log(k)`` (``-inf`` for 0) for ``k`` in ``0..m`` (at least), kept and
    grown across documents."""
    if len(_LOGS[0]) <= m:
        size = max(m + 1, 2 * len(_LOGS[0]), 1024)
        _LOGS[0] = np.array([log1p(k) for k in range(size)])
        _LOGS[1] = np.array([-inf, *(log(k) for k in range(1, size))])
    return _LOGS[0], _LOGS[1]


def _main_run(v: np.ndarray) -> tuple[int, int, float]:
    """:func:`.linemodel._main_run` on the values ``v`` (``len`` or ``-penalty``, integers as floats,
    so every sum is exact): the run ending at ``i`` starts after the last minimum of the prefix sums up
    to ``i``; the best run is the first maximum, if positive."""
    pre = _prefix(v)
    low = np.minimum.accumulate(pre[:-1])
    cur = pre[1:] - low
    e = int(np.argmax(cur))
    best = float(cur[e])
    if not best > 0.0:
        return 0, -1, 0.0
    start = int(np.flatnonzero(pre[:e + 1] == low[e])[-1])
    return start, e, best


def _distance(start: int, end: int, i: np.ndarray, logs: np.ndarray) -> np.ndarray:
    """``log1p`` of each line's distance to the run ``[start, end]`` (:func:`.linemodel._distance`)."""
    return logs[np.maximum(np.maximum(start - i, i - end), 0)]


def columns_array(lines: Sequence[str]) -> np.ndarray:
    """The feature columns of :func:`.linemodel.columns` as a float64 array (features x lines), at
    least one line."""
    n = len(lines)
    st = np.frombuffer(b"".join([_static_bytes(s) for s in lines])).reshape(n, len(lm.STATIC) + 1).T
    x = np.empty((len(lm.FEATURES), n))
    x[:len(lm.STATIC) - 1] = st[1:len(lm.STATIC)]
    lengths, term, log_len = st[0], st[_TERM], st[len(lm.STATIC)]
    total = float(lengths.sum())  # integers: exact in any order
    i = np.arange(n)
    logs, ln_ints = _log_ints(n + 1)
    counts = Counter(lines)
    prose = (term != 0) & ((lengths >= 60) | ((st[_CJK] != 0) & (lengths >= 25)))
    comment = (st[_HEAD] != 0) | (st[_HEAD + 1] != 0) | (st[_HEAD + 2] != 0)
    short = lengths <= 20
    row = len(lm.STATIC) - 1
    for col in (log_len, lengths / lengths.max(), lengths / (total / n),
                ln_ints[np.fromiter(map(counts.__getitem__, lines), np.intp, n)], prose, short, comment):
        x[row] = col
        row += 1
    ext = np.zeros((4, n + 4))
    for k, col in enumerate((log_len, term, prose, comment)):
        ext[k, 2:n + 2] = col
    for off in (-2, -1, 1, 2):
        x[row:row + 4] = ext[:, 2 + off:2 + off + n]
        row += 4
    pre = np.zeros((6, n + 1))  # prefix sums of: lengths, prose, short, terminal, comment, date
    np.cumsum([lengths, prose, short, term, comment, st[_DATE]], axis=1, out=pre[:, 1:])
    for r in (1, 5, 10):
        means = _window_mean(pre[:4], r)
        x[row] = list(map(log1p, means[0].tolist()))
        x[row + 1:row + 4] = means[1:]
        row += 4
    pre_c, pre_d = pre[4], pre[5]
    x[row] = pre_c[:n] - pre_c[np.maximum(i - 10, 0)]
    x[row + 1] = pre_c[np.minimum(i + 11, n)] - pre_c[1:]
    x[row + 2] = (pre_c[n] - pre_c[:n]) / np.arange(n, 0, -1)
    x[row + 3] = pre_d[np.minimum(i + 4, n)] - pre_d[1:]
    v = np.where(prose, lengths, -40.0)
    ms, me, best = _main_run(v)
    v[~prose] = -10.0
    ms2, me2, _ = _main_run(v)
    x[row + 4] = (i >= ms) & (i <= me)
    x[row + 5] = _distance(ms, me, i, logs)
    x[row + 6] = i < ms
    x[row + 7] = i > me
    x[row + 8] = (i >= ms2) & (i <= me2)
    x[row + 9] = _distance(ms2, me2, i, logs)
    x[row + 10] = best / total
    x[row + 11] = i / n
    x[row + 12] = pre[0, :n] / total
    x[row + 13] = logs[n - 1 - i]
    last = np.maximum.accumulate(np.where(st[_HEAD] != 0, i, -1))  # the last comment heading so far
    x[row + 14] = np.where(last >= 0, logs[i - last], -1.0)
    x[row + 15] = last >= 0
    x[row + 16] = log1p(n)
    x[row + 17:row + 19] = lm._title_columns(lines, ms)
    return x


def stage2_array(z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The stage-2 columns of :func:`.linemodel.stage2_columns` as an array (STAGE2 x lines), from the
    stage-1 log-odds ``z`` and the stage-1 columns ``x``."""
    n = len(z)
    pre = _prefix(z)
    out = np.empty((len(lm.STAGE2), n))
    out[0] = z
    out[1] = _window_mean(pre, 1)
    out[2] = _window_mean(pre, 3)
    out[3] = _window_mean(pre, 10)
    ext = np.zeros(n + 4)
    ext[2:n + 2] = z
    for row, o in zip((4, 5, 6, 7), (-2, -1, 1, 2), strict=True):
        out[row] = ext[2 + o:2 + o + n]
    if n > 1:
        win = [ext[k:k + n] for k in range(5)]
        out[8] = np.minimum(np.minimum(np.minimum(np.minimum(win[0], win[1]), win[2]), win[3]), win[4])
        out[9] = np.maximum(np.maximum(np.maximum(np.maximum(win[0], win[1]), win[2]), win[3]), win[4])
    else:
        out[8] = out[9] = z
    out[10] = (pre[n] - pre[:n]) / np.arange(n, 0, -1)
    k = 11 + len(_STAGE2_BASE)
    out[11:k] = x[_STAGE2_BASE]
    srt = np.sort(z)
    out[k] = z - srt[int(0.9 * (n - 1))]
    out[k + 1] = np.searchsorted(srt, z, side="left") / n
    pz = z[x[_PROSE] != 0]
    ref = sum(pz.tolist()) / len(pz) if len(pz) else pre[n] / n
    out[k + 2] = z - ref
    out[k + 3] = pre[n] / n
    return out


def log_odds(lines: Sequence[str], stage1: Forest, stage2: Forest) -> list[float]:
    """The stage-2 log-odds of each stripped non-blank line (at least one line)."""
    x = columns_array(lines)
    z = stage1.evaluate(x)
    return stage2.evaluate(stage2_array(z, x)).tolist()
