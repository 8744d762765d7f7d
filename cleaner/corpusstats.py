"""Corpus statistics, counted: document frequencies per line key with bounded memory, and files.

Pass 1 feeds every document to a :class:`StatsBuilder` (keys from :func:`cleaner.corpus.doc_keys`);
:meth:`StatsBuilder.finish` gives the :class:`CorpusStats` that pass 2's ``corpus`` cleaner reads.

**Memory**: a builder keeps exact counts in a dict of at most ``max_entries`` keys (about 100 bytes
per key in CPython); beyond it, the dict is written to a sorted run file in the spill directory
(16 bytes per key) and cleared. Each pass-1 worker and the process that merges their counts has its
own bound, so pass 1 holds at most ``(jobs + 1) x max_entries`` keys. :meth:`StatsBuilder.finish`
merges the runs and keeps only keys seen in 2 or more documents (a line seen once can never be
template) in two flat arrays: 12 bytes per kept key. Measured with ``benchmarks/corpus.py
--distinct 10000000`` (10 million distinct lines, one process): peak RSS +138 MB and 144 MB of
runs on disk with the default bound of 1,000,000 keys, against +1.2 GB in one unbounded dict. The
result does not depend on the spill bound, on the order of documents or on how they were split
between workers: the counts are sums, and the merge sorts by key.

**Stats files** (``--stats-out`` / ``--stats-in``): a magic line, one JSON header line (format,
normalization version, documents per group) and the two arrays, little-endian.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np

from .corpus import NORMALIZATION, doc_keys, line_keys, normalized

MAGIC = b"cleaner-corpus-stats\n"
FORMAT = 3  # 3: XXH3 line hash XOR group salt (2: BLAKE2b line hash XOR salt; 1: hash of group + line)
MIN_KEPT_DF = 2  # keys seen in fewer documents are dropped by finish(): no threshold is below 2


# --- the finished statistics --------------------------------------------------------------------
@dataclass
class CorpusStats:
    """Documents per group and the df of every line seen in 2 or more documents of its group.

    ``keys`` is sorted; ``counts[i]`` is the df of ``keys[i]``. Look-ups are binary searches.
    """

    groups: dict[str, int] = field(default_factory=dict)
    keys: array = field(default_factory=lambda: array("Q"))
    counts: array = field(default_factory=lambda: array("I"))

    def docs(self, group: str | None) -> int:
        """How many documents pass 1 counted in ``group`` (0 for an unknown group)."""
        return self.groups.get(group or "", 0)

    def df(self, key: int) -> int:
        """The document frequency of a key (0 or 1 when it was seen in fewer than 2 documents)."""
        keys = self.keys
        i = bisect_left(keys, key)  # C bisect over the array itself: no list copy
        return self.counts[i] if i < len(keys) and keys[i] == key else 0

    def line_dfs(self, group: str | None, text: str) -> tuple[list[bytes], list[int]]:
        """The normalized lines of ``text`` (:func:`normalized`) and the df of each in ``group``."""
        norms = normalized(text)
        if not self.keys:
            return norms, [0] * len(norms)
        return norms, [self.df(k) if s else 0 for s, k in zip(norms, line_keys(group or "", norms), strict=True)]

    @property
    def memory_bytes(self) -> int:
        return self.keys.itemsize * len(self.keys) + self.counts.itemsize * len(self.counts)

    # -- files ----------------------------------------------------------------------------------
    def save(self, path: str) -> None:
        """Write the stats atomically (temporary file beside ``path``, then rename)."""
        header = {"format": FORMAT, "normalization": NORMALIZATION, "entries": len(self.keys),
                  "groups": dict(sorted(self.groups.items()))}
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".cleaner-stats-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC)
                f.write(json.dumps(header, ensure_ascii=True, sort_keys=True).encode() + b"\n")
                _write_le(f, self.keys)
                _write_le(f, self.counts)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a stats file is ordinary data
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    @classmethod
    def load(cls, path: str) -> CorpusStats:
        """Read a file written by :meth:`save`; :class:`ValueError` says what is wrong with it."""
        with open(path, "rb") as f:
            if f.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path}: not a cleaner corpus stats file (written by --stats-out)")
            try:
                header = json.loads(f.readline(1 << 26))
            except ValueError as e:
                raise ValueError(f"{path}: corrupt header ({e})") from e
            if header.get("format") != FORMAT or header.get("normalization") != NORMALIZATION:
                raise ValueError(f"{path}: stats format {header.get('format')}/normalization "
                                 f"{header.get('normalization')}; this version reads {FORMAT}/"
                                 f"{NORMALIZATION}: run pass 1 again with --stats-out")
            n = int(header["entries"])
            keys, counts = _read_le(f, "Q", n, path), _read_le(f, "I", n, path)
            if f.read(1):
                raise ValueError(f"{path}: trailing bytes after {n} entries")
        return cls({str(k): int(v) for k, v in header["groups"].items()}, keys, counts)


def _write_le(f: BinaryIO, arr: array) -> None:
    if sys.byteorder == "big":
        arr = array(arr.typecode, arr)
        arr.byteswap()
    arr.tofile(f)


def _read_le(f: BinaryIO, typecode: str, n: int, path: str) -> array:
    arr = array(typecode)
    try:
        arr.fromfile(f, n)
    except (EOFError, ValueError) as e:
        raise ValueError(f"{path}: truncated (expected {n} entries)") from e
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


# --- counting -----------------------------------------------------------------------------------
@dataclass
class Partial:
    """What one worker counted: documents per group, key counts in memory, and spilled run files."""

    groups: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    runs: list[str] = field(default_factory=list)


class StatsBuilder:
    """Exact document frequencies with bounded memory: at most ``max_entries`` keys in a dict;
    beyond that the dict goes to a sorted run file in ``spill_dir`` (16 bytes per key).

    >>> b = StatsBuilder()
    >>> for text in ("Home\\nFirst story.", "HOME\\nSecond story.", "home!\\nThird."):
    ...     b.add_document("dir:site", text)
    >>> s = b.finish()
    >>> s.docs("dir:site"), s.line_dfs("dir:site", "Home\\nFirst story.")[1]
    (3, [3, 0])
    """

    def __init__(self, max_entries: int = 1_000_000, spill_dir: str | None = None) -> None:
        self.max_entries = max(1, max_entries)
        self.spill_dir = spill_dir
        self.part = Partial()

    def add_document(self, group: str, text: str) -> None:
        self.part.groups[group] += 1
        self._add_keys(doc_keys(group, text))

    def _add_keys(self, keys: Iterable[int]) -> None:
        counts = self.part.counts
        counts.update(keys)  # Counter: the counting loop runs in C
        if len(counts) > self.max_entries:
            self.spill()

    def merge(self, other: Partial) -> None:
        """Add a worker's partial counts (commutative: the order of merges does not matter)."""
        self.part.groups.update(other.groups)
        self.part.runs.extend(other.runs)
        counts = self.part.counts
        get = counts.get
        for k, c in other.counts.items():
            counts[k] = get(k, 0) + c
        if len(counts) > self.max_entries:
            self.spill()

    def spill(self) -> None:
        """Write the in-memory counts as a sorted run file and clear them."""
        counts = self.part.counts
        if not counts:
            return
        keys, values = _sorted_counts(counts)
        fd, path = tempfile.mkstemp(prefix="corpus-run-", suffix=".bin", dir=self.spill_dir)
        with os.fdopen(fd, "wb") as f:
            np.concatenate((keys, values)).tofile(f)  # n keys, then their n counts (native uint64)
        self.part.runs.append(path)
        counts.clear()

    def take(self) -> Partial:
        """Hand the counts over (to the process that merges them) and start empty."""
        part, self.part = self.part, Partial()
        return part

    def finish(self, min_df: int = MIN_KEPT_DF) -> CorpusStats:
        """Merge memory and runs; keep keys with df >= ``min_df``. Run files are deleted.

        The key space is cut into as many equal ranges as it takes to hold at most about
        ``max_entries`` keys in each (keys are uniform hashes); each range is read from every
        sorted run, summed with numpy and filtered."""
        part = self.take()
        try:
            keys, counts = _merge_counts(part, self.max_entries, min_df)
        finally:
            for p in part.runs:
                with contextlib.suppress(OSError):
                    os.unlink(p)
        return CorpusStats(dict(sorted(part.groups.items())), keys, counts)


def _merge_counts(part: Partial, max_entries: int, min_df: int) -> tuple[array, array]:
    """The keys with df >= ``min_df`` (sorted) and their df, from memory and the run files (each
    holds n sorted keys, then their n counts). One key range at a time is in memory: the slices of
    the runs are found by binary search on a memory map and read with ``np.fromfile``, so a run's
    pages are not all mapped in at once."""
    mem_keys, mem_counts = _sorted_counts(part.counts)
    part.counts.clear()
    sizes = [os.path.getsize(p) // 16 for p in part.runs]
    ranges = max(1, -(-(len(mem_keys) + sum(sizes)) // max_entries))
    edges = np.array([(i << 64) // ranges for i in range(ranges)], dtype=np.uint64)
    mem_cut = [*mem_keys.searchsorted(edges).tolist(), len(mem_keys)]
    run_cuts = [[*np.memmap(p, dtype=np.uint64, mode="r", shape=(n,)).searchsorted(edges).tolist(), n]
                for p, n in zip(part.runs, sizes, strict=True)]
    kept_keys, kept_counts = [], []
    for r in range(ranges):
        keys, counts = [mem_keys[mem_cut[r]:mem_cut[r + 1]]], [mem_counts[mem_cut[r]:mem_cut[r + 1]]]
        for p, n, cut in zip(part.runs, sizes, run_cuts, strict=True):
            a, b = cut[r], cut[r + 1]
            keys.append(np.fromfile(p, dtype=np.uint64, count=b - a, offset=8 * a))
            counts.append(np.fromfile(p, dtype=np.uint64, count=b - a, offset=8 * (n + a)))
        uniq, dfs = _sum_by_key(np.concatenate(keys), np.concatenate(counts))
        keep = dfs >= min_df
        kept_keys.append(uniq[keep])
        kept_counts.append(np.minimum(dfs[keep], 0xFFFFFFFF).astype(np.uint32))
    out_keys, out_counts = array("Q"), array("I")
    out_keys.frombytes(np.concatenate(kept_keys).astype(np.uint64).tobytes())
    out_counts.frombytes(np.concatenate(kept_counts).tobytes())
    return out_keys, out_counts


def _sorted_counts(counts: Mapping[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The keys of ``counts`` sorted, and their counts, as two uint64 arrays."""
    n = len(counts)
    keys = np.fromiter(counts.keys(), dtype=np.uint64, count=n)
    values = np.fromiter(counts.values(), dtype=np.uint64, count=n)
    order = np.argsort(keys, kind="stable")
    return keys[order], values[order]


def _sum_by_key(keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``keys`` (sorted) and the sum of the ``counts`` of each."""
    if not len(keys):
        return keys, counts
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    return keys[starts], np.add.reduceat(counts, starts)
