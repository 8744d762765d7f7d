"""Gradient-boosted tree ensembles evaluated with numpy over all lines of a document at once.

The rule is the one of the generated Python of :func:`.linemodel.compile_stage`, bit for bit: a node
sends the line left when ``x <= threshold`` (a tie goes left, NaN goes right), and the log-odds are
the baseline plus each tree's leaf value added **in tree order** (``s = baseline; s += leaf_1;
s += leaf_2; ...``), one IEEE double addition at a time as in the Python code: the sum over the tree
axis is ``np.add.accumulate`` or a loop of in-place additions, never ``np.sum`` (its pairwise
summation rounds differently).

How (a "select" evaluation, no per-line walk): every tree is padded to a complete binary tree of the
stage's depth ``D`` in heap order (node ``k`` has children ``2k+1``, ``2k+2``; a leaf above depth
``D`` becomes a subtree whose leaves all hold its value, so its padding decisions do not matter).
The decisions ``x[f] <= t`` of each distinct (feature, threshold) pair of the stage are computed for
all lines at once and packed 8 lines a byte (``np.packbits``); level ``L``'s decision of every tree
is then chosen among its ``2**L`` candidate nodes by bitwise selections (``b ^ ((a ^ b) & g)``: ``a``
where the decision ``g`` of the level above went left, else ``b``), and the ``D`` decisions, unpacked,
give the leaf index (``0`` = all left). The baseline is a tree of its own (tree 0, every leaf holding
it), so one gather gives the (trees + 1, lines) leaf values to add up. About 25 numpy calls per
stage whatever the number of lines: on the shipped model (stage 1: 100 trees of depth 4, 491 distinct
decisions; stage 2: 60 trees of depth 3) stage 1 took 0.6 ms against 3.6 ms for the generated Python
on a 281-line dev document, and is slower on documents of a few lines (:data:`.linenp.NUMPY_MIN_LINES` is the measured
crossover of the whole numpy path).

Known limits: depth at most :data:`MAX_DEPTH` (deeper ensembles raise ``ValueError``; the Python
path has no limit).
"""

from __future__ import annotations

import numpy as np

MAX_DEPTH = 8  # the leaf index is a uint8; 2**D - 1 candidate rows per tree
# Below this many lines the sum over the trees is one np.add.accumulate (sequential by definition),
# above it a loop of in-place additions (accumulate writes every partial sum: slower on long documents).
ACCUMULATE_MAX_LINES = 64


def _depth(tree: dict, k: int = 0) -> int:
    if int(tree["feature"][k]) < 0:
        return 0
    return 1 + max(_depth(tree, int(tree["left"][k])), _depth(tree, int(tree["right"][k])))


class Forest:
    """One stage's ensemble (``baseline`` and ``trees`` of ``feature``, ``threshold``, ``left``,
    ``right``, ``value`` arrays; a leaf has feature -1) as numpy arrays; :meth:`evaluate` maps a
    (features x lines) array to the log-odds of each line."""

    def __init__(self, stage: dict, n_features: int) -> None:
        trees = stage["trees"]
        depth = max((_depth(t) for t in trees), default=0)
        if depth > MAX_DEPTH:
            raise ValueError(f"line model: trees deeper than {MAX_DEPTH} levels")
        inner = (1 << depth) - 1
        pairs: dict[tuple[int, float], int] = {(0, 0.0): 0}  # row 0 also serves the padding nodes
        rows = np.zeros((inner, len(trees)), dtype=np.intp)  # heap node -> decision row, per tree
        values = np.zeros((len(trees) + 1, 1 << depth), dtype=np.float64)
        values[0] = float(stage["baseline"])  # the sums start from the baseline: a tree of its own
        for ti, tree in enumerate(trees, 1):
            stack = [(0, 0)]  # (node of the tree, heap position)
            while stack:
                k, h = stack.pop()
                f = int(tree["feature"][k])
                if f < 0:
                    lo = hi = h
                    while lo < inner:
                        lo, hi = 2 * lo + 1, 2 * hi + 2
                    values[ti, lo - inner:hi - inner + 1] = float(tree["value"][k])
                    continue
                if f >= n_features:
                    raise ValueError("line model: a tree uses a feature the code does not compute")
                rows[h, ti - 1] = pairs.setdefault((f, float(tree["threshold"][k])), len(pairs))
                stack += [(int(tree["left"][k]), 2 * h + 1), (int(tree["right"][k]), 2 * h + 2)]
        self.depth = depth
        self.pair_feature = np.array([f for f, _ in pairs], dtype=np.intp)
        self.pair_threshold = np.array([t for _, t in pairs], dtype=np.float64)[:, None]
        self.rows = np.concatenate([np.zeros((inner, 1), dtype=np.intp), rows], axis=1)  # tree 0: baseline
        self.values = values.ravel() if depth else values[:, 0]
        self.offsets = (np.arange(len(trees) + 1, dtype=np.intp) << depth)[:, None]

    def evaluate(self, x: np.ndarray) -> np.ndarray:
        """The log-odds of each line; ``x``: float64 array (features x lines), at least one line."""
        n = x.shape[1]
        if self.depth:
            left = np.take(x, self.pair_feature, axis=0) <= self.pair_threshold  # (pairs, lines): True = left
            bits = np.packbits(left, axis=1)  # 8 lines a byte: the selections below work on bytes
            cand = np.take(bits, self.rows, axis=0)  # (heap node, tree, line bytes): each node's decision
            went: list[np.ndarray] = []  # each level's decision, (trees, line bytes)
            for level in range(self.depth):
                first = (1 << level) - 1
                c = cand[first:2 * first + 1]
                for g in reversed(went):  # the deepest decision picks between siblings first
                    a, b = c[0::2], c[1::2]
                    c = b ^ ((a ^ b) & g)  # a where g is set, else b
                went.append(c[0])
            right = np.unpackbits(~np.stack(went), axis=-1, count=n)  # (depth, trees, lines): 1 = right
            leaf = right[0]
            for r in right[1:]:
                leaf = (leaf << 1) | r
            leaves = self.values[self.offsets + leaf]  # (trees + 1, lines), the baseline first
        else:
            leaves = np.repeat(self.values[:, None], n, axis=1)
        if n < ACCUMULATE_MAX_LINES:  # in tree order, one addition at a time (see the module docstring)
            return np.add.accumulate(leaves, axis=0)[-1]
        s = leaves[0].copy()
        for row in leaves[1:]:
            s += row
        return s
