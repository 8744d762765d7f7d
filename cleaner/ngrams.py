"""The repetition signals of :mod:`cleaner.words`'s numpy path: word 2-gram counts and repeated 5-grams
on an array of word ids, each step a sort or a vectorized pass (tested equal to the pure-Python
:func:`cleaner.words.repetition` on random word runs).
"""

from __future__ import annotations

import numpy as np


def numpy_repetition(ids: np.ndarray, lens: np.ndarray, counts: np.ndarray, packed: bool = True) -> tuple[int, int]:
    """:func:`cleaner.words.repetition` on word ids ``ids`` (``lens``, ``counts``: characters and count of each id).

    Only a 2-gram of two words that occur more than once can repeat (about half of them on the dev
    pages). Their codes ``id1 * k + id2`` are sorted with their positions, packed with them in one
    int64 by shifts when they fit (``packed``), else by :func:`sort_grams`:
    equal codes are neighbours, which gives each 2-gram's count, first position and dense id. A
    5-gram at i is (2-gram at i, 2-gram at i + 2, word i + 4); the candidates (starts of runs of
    four repeated 2-grams) are sorted by that triple, stably (:func:`repeats`), so in each group of
    equal 5-grams every candidate but the first is a repeat. A 2-gram repeats when its run of equal
    codes is not a single one (no run starts right after it).
    """
    n = len(ids)
    if n < 2:
        return 0, 0
    multi = counts.take(ids) > 1
    at = (multi[:-1] & multi[1:]).nonzero()[0]
    if not len(at):  # every 2-gram once: the first
        return int(lens[ids[0]]) + int(lens[ids[1]]) + 1, 0
    id_bits, pos_bits = (len(lens) - 1).bit_length(), n.bit_length()
    if packed and 2 * id_bits + pos_bits < 64:  # (id1, id2, position) in one int64
        grams = ids.take(at) << (id_bits + pos_bits) | ids.take(at + 1) << pos_bits | at
        grams.sort()
        codes, pos = grams >> pos_bits, grams & ((1 << pos_bits) - 1)
    else:
        codes, pos = sort_grams(ids[at] * len(lens) + ids[at + 1], at, n)
    new, starts, sizes = runs(codes)
    top = int(sizes.max())
    i = int(pos[starts[:-1][sizes == top]].min()) if top > 1 else 0  # top 1: every 2-gram; the first
    top_chars = (int(lens[ids[i]]) + int(lens[ids[i + 1]]) + 1) * top
    if top == 1 or n < 5:
        return top_chars, 0
    rep = np.zeros(n + 2, bool)  # rep[i]: the 2-gram at i occurs more than once (its run is no single)
    rep[pos.compress(~(new[:-1] & new[1:]))] = True
    cand = (rep[:-6] & rep[1:-5] & rep[2:-4] & rep[3:-3]).nonzero()[0]
    if not len(cand):
        return top_chars, 0
    gram = np.empty(n, np.int64)
    gram[pos] = new[:-1].cumsum() - 1
    dups = repeats(cand, gram.take(cand), gram.take(cand + 2), ids.take(cand + 4), len(sizes), len(lens))
    covered = np.zeros(n, bool)
    covered[(dups[:, None] + np.arange(5)).ravel()] = True
    return top_chars, int(lens.take(ids.compress(covered)).sum())


def repeats(cand: np.ndarray, first: np.ndarray, middle: np.ndarray, last: np.ndarray, n_grams: int,
             n_ids: int, packed: bool = True) -> np.ndarray:
    """The candidates ``cand`` whose 5-gram (``first`` and ``middle``: 2-gram ids < ``n_grams``,
    ``last``: a word id < ``n_ids``) is that of an earlier candidate. The triples are packed with the
    candidate's index (in the low bits) into one int64 when it fits (then one ``sort``), else sorted
    by ``np.lexsort``."""
    m = len(cand)
    bits = m.bit_length()
    if packed and n_grams * n_grams * n_ids << bits < 2 ** 63:
        keys = ((first * n_grams + middle) * n_ids + last) << bits | np.arange(m)
        keys.sort()
        codes = keys >> bits
        return cand[(keys & ((1 << bits) - 1))[1:][codes[1:] == codes[:-1]]]
    order = np.lexsort((last, middle, first))  # the last key is the primary one
    again = np.ones(m - 1, bool)
    for key in (first, middle, last):
        k = key[order]
        again &= k[1:] == k[:-1]
    return cand[order[1:][again]]


def runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The runs of equal values of the sorted array ``ordered``: ``new`` (``new[i]``: a run starts at
    ``i``; ``new[len]`` is True), the runs' starts (with ``len`` last) and their sizes."""
    new = np.empty(len(ordered) + 1, bool)
    new[0] = new[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:-1])
    starts = new.nonzero()[0]
    return new, starts, starts[1:] - starts[:-1]


def sort_grams(codes: np.ndarray, at: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``codes`` sorted, and their positions ``at`` in the same order (ascending among equal codes).

    ``code * n + position`` packs both in one int64 when it fits (then one ``np.sort``, about 4x
    faster than ``np.argsort``); else a stable argsort.
    """
    if len(codes) and int(codes.max()) * n + n < 2 ** 63:
        packed = codes * n + at
        packed.sort()
        codes = packed // n
        return codes, packed - codes * n
    order = np.argsort(codes, kind="stable")
    return codes[order], at[order]
