"""Corpus statistics: in how many documents of their group (site) the lines of a corpus occur.

Pass 1 of corpus mode feeds every document to a :class:`StatsBuilder`; pass 2 gives the finished
:class:`CorpusStats` to the ``corpus`` cleaner, which removes lines whose document frequency (df)
reaches a threshold that depends on the group's size (:func:`threshold`).

**Normalization** (:func:`normalize_lines`, version :data:`NORMALIZATION`): a line is case-folded;
punctuation, symbols, ``_`` and whitespace become single spaces; each number becomes ``0`` (a digit
run, with ``.``/``,`` between digits and an optional ``k``/``m`` suffix: ``2.8k``, ``1,234``,
``10.4`` are all ``0``; ``3:53`` is ``0 0``); English month and weekday names become ``1``. So
``"Posted May 3, 2021"`` and ``"posted  june 17 2020!"`` are the same line. A line that normalizes to
nothing (``"|"``, ``"»"``) is not counted. ASCII lines take a ``bytes.translate`` fast path (the
slow path gives the same result on them; tested). Known limit: accents are kept (``"café"`` and
``"cafe"`` are two lines), and month names are English only.

**Keys**: the 64-bit XXH3 hash of the normalized line (``xxhash``: 2-6x cheaper per line than
BLAKE2b, which pass 1 used before stats format 3) XOR a 64-bit salt of the group (BLAKE2b of its
name), so one table serves every group and two groups never share a count. Each document counts
once per distinct line (document frequency, not term frequency). Two different (group, line) pairs
collide with probability about ``N**2 / 2**65`` for N distinct pairs (10 million: about 3e-6 for the
whole corpus).

**Speed** (pass 1, ``benchmarks/corpus.py``): normalization works on the whole text at once
(``bytes.translate``, ``bytes.replace`` and a few regexes with a literal first character; the lines
holding non-ASCII characters are joined and go through the Unicode path together), and a bounded
cache, one table per group, maps a raw line to its key (:class:`_HashCache`): a site's template
lines recur verbatim in most of its pages, so they are normalized and hashed once.

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
import hashlib
import json
import math
import os
import posixpath
import re
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import numpy as np
import xxhash

NORMALIZATION = "v1"
"""Bumped whenever :func:`normalize_lines` changes: stats of another version are refused."""
MAGIC = b"cleaner-corpus-stats\n"
FORMAT = 3  # 3: XXH3 line hash XOR group salt (2: BLAKE2b line hash XOR salt; 1: hash of group + line)
MIN_KEPT_DF = 2  # keys seen in fewer documents are dropped by finish(): no threshold is below 2

# --- normalization ------------------------------------------------------------------------------
_BREAK_RE = re.compile(r"\r\n?")
_PUNCT_RE = re.compile(r"[^\w\s]+")
_DIGITS_RE = re.compile(r"\d+")
_MONTH_WORDS = frozenset(
    b"january february march april may june july august september october november december jan feb mar "
    b"apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split())
_NUMBER_WORDS = frozenset((b"0", b"0k", b"0m"))


def _ascii_table() -> bytes:
    table = bytearray(range(256))
    for b in range(128):
        c = chr(b)
        table[b] = (ord("0") if c.isdigit() else ord(c.lower()) if c.isalpha() else b if c == "\n"
                    else 1 if c in ".," else 32)
    return bytes(table)


_ASCII = _ascii_table()  # ASCII: lower-case letters, digits -> "0", "." and "," -> 1, others -> space
_SEP_TO_SPACE = bytes(range(256)).replace(b"\x01", b" ")
_NUMBER_B = re.compile(rb"0(?:\x01?0)*")  # a digit run, or runs joined by one "." or ",": 1,234 and 10.4 -> 0
_NUMSEP_RE = re.compile(r"(?<=\d)[.,](?=\d)")
# Frequent non-ASCII characters that both paths turn into a space: replaced in the text up front (one
# str.replace each, only when present), so most lines become ASCII and stay on the fast path.
_COMMON_NON_WORD = ("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a0\u00ab\u00bb"
                    "\u2022\u00b7\u00a9\u00ae\u2122\u200b\u00b4\u2032\u2033\u3000")


def _fix_words(words: list[bytes]) -> list[bytes]:
    """Month and weekday names -> ``1``; ``0k`` and ``0m`` (2.8k, 5m) -> ``0``."""
    return [b"1" if w in _MONTH_WORDS else b"0" if w in _NUMBER_WORDS else w for w in words]


def _join(words: list[bytes], line: bytes) -> bytes:
    if b"0" in line or not _MONTH_WORDS.isdisjoint(words):
        words = _fix_words(words)
    return b" ".join(words)


def _unicode_line(line: str) -> bytes:
    """Slow path, same result as the fast path on ASCII: case-fold, punctuation and ``_`` -> space,
    digit runs -> ``0``, split on Unicode whitespace."""
    t = _DIGITS_RE.sub("0", _PUNCT_RE.sub(" ", _NUMSEP_RE.sub("", line.casefold()).replace("_", " ")))
    words = [w.encode("utf-8", "surrogatepass") for w in t.split()]
    return _join(words, b"0" if "0" in t else b"")


def _trie(words: list[bytes]) -> bytes:
    """An alternation of ``words`` factored by first letters (``j(?:an(?:uary)?|u(?:ly|ne|l|n))``):
    the regex engine then scans for the first letters and rejects most positions at once."""
    first: dict[bytes, list[bytes]] = {}
    for w in words:
        first.setdefault(w[:1], []).append(w[1:])
    alts = []
    for c, rest in sorted(first.items()):
        tails = [r for r in rest if r]
        alts.append(re.escape(c) + (b"(?:" + _trie(tails) + b")" + (b"?" if b"" in rest else b"") if tails else b""))
    return b"|".join(alts)


# a month or weekday name, or a 0k/0m number, as a whole word after a space (or a line break): a
# literal first character lets the regex engine skip to the candidates
_MONTH_AFTER_SPACE_B = re.compile(rb" (?:" + _trie(sorted(_MONTH_WORDS)) + rb")(?![^ \n])")
_MONTH_AFTER_BREAK_B = re.compile(rb"\n(?:" + _trie(sorted(_MONTH_WORDS)) + rb")(?![^ \n])")
_NUMBER_AFTER_SPACE_B = re.compile(rb" 0[km](?![^ \n])")
_NUMBER_AFTER_BREAK_B = re.compile(rb"\n0[km](?![^ \n])")
_SPACES_B = re.compile(rb"  +")
_UNICODE_SPACE_RE = re.compile(r"[^\S\n]+")


def _fold_block(data: bytes) -> list[bytes]:
    """Lines of ``data`` (words separated by spaces, lines by ``\\n``) with runs of spaces folded,
    no space at either end, month/weekday names -> ``1`` and ``0k``/``0m`` -> ``0``: the per-line
    work of :func:`_unicode_line` done for a whole block at once."""
    if b"  " in data:
        data = _SPACES_B.sub(b" ", data)
    if b" \n" in data:
        data = data.replace(b" \n", b"\n")
    if b"\n " in data:
        data = data.replace(b"\n ", b"\n")
    data = _MONTH_AFTER_BREAK_B.sub(b"\n1", _MONTH_AFTER_SPACE_B.sub(b" 1", b"\n" + data.strip(b" ")))
    if b"0k" in data or b"0m" in data:
        data = _NUMBER_AFTER_BREAK_B.sub(b"\n0", _NUMBER_AFTER_SPACE_B.sub(b" 0", data))
    return data[1:].split(b"\n")


def normalized(text: str) -> list[bytes]:
    """The normalized UTF-8 form of every line of ``text`` (what is hashed), aligned with
    :func:`cleaner.segment.lines`. See :func:`normalize_lines`.

    Whole-text passes (``str.replace``, ``bytes.translate``, ``bytes.replace``, a few regexes); the
    lines still holding non-ASCII characters after frequent punctuation became spaces are joined and
    normalized together by the Unicode path. Equal, line by line, to :func:`_unicode_line`
    (tested)."""
    if not text:
        return []
    t = _BREAK_RE.sub("\n", text) if "\r" in text else text
    if not t.isascii():  # curly quotes, dashes, no-break space...: a space either way
        for c in _COMMON_NON_WORD:
            if c in t:
                t = t.replace(c, " ")
    raw = t.encode("utf-8", "surrogatepass")
    ascii_only = raw.isascii()
    data = raw.translate(_ASCII)  # right for every ASCII line; bytes >= 0x80 pass through
    if b"0" in data:  # a number (digit runs, "." or "," between digits) -> one 0
        data = _NUMBER_B.sub(b"0", data)
    if b"\x01" in data:
        data = data.translate(_SEP_TO_SPACE)
    out = _fold_block(data)
    if not ascii_only:
        raws = raw.split(b"\n")
        slow = [i for i, line in enumerate(raws) if not line.isascii()]
        u = b"\n".join([raws[i] for i in slow]).decode("utf-8", "surrogatepass").casefold()
        u = _DIGITS_RE.sub("0", _PUNCT_RE.sub(" ", _NUMSEP_RE.sub("", u).replace("_", " ")))
        fixed = _fold_block(_UNICODE_SPACE_RE.sub(" ", u).encode("utf-8", "surrogatepass"))
        for i, line in zip(slow, fixed, strict=True):
            out[i] = line
    if text.endswith(("\n", "\r")):
        out.pop()  # no line after a final break, as in segment.lines
    return out


def normalize_lines(text: str) -> list[str]:
    """The normalized form of every line of ``text``, aligned with :func:`cleaner.segment.lines`:
    case-folded; punctuation, symbols and whitespace folded to single spaces; each number (a digit
    run, with ``.``/``,`` between digits and a ``k``/``m`` suffix) -> ``0``; English month and weekday
    names -> ``1``. ASCII lines take a ``bytes.translate`` fast path with the same result.

    >>> normalize_lines("Posted May 3, 2021 -- by ADMIN\\r\\n\\n  » |\\nÉté_2 \\nShare 2.8k | Tweet 12")
    ['posted 1 0 0 by admin', '', '', 'été 0', 'share 0 tweet 0']
    """
    return [b.decode("utf-8", "surrogatepass") for b in normalized(text)]


@lru_cache(maxsize=4096)
def _salt(group: str) -> int:
    """The group's 64-bit salt: BLAKE2b of the group name (XORed into every line hash of the group)."""
    return int.from_bytes(hashlib.blake2b(group.encode("utf-8", "surrogatepass"), digest_size=8,
                                          person=b"cleaner-group").digest(), "little")


_line_hash: Callable[[bytes], int] = xxhash.xxh3_64_intdigest
"""The unsalted 64-bit hash of a non-empty normalized line: XXH3-64 (seed 0), stable across
platforms and versions of xxhash."""


def line_keys(group: str, norms: Iterable[bytes]) -> list[int]:
    """The 64-bit key of each normalized line (from :func:`normalized`) in ``group``: the line's
    XXH3 hash XOR the group's salt (0 for an empty line, which is never counted)."""
    salt = _salt(group)
    return [_line_hash(s) ^ salt if s else 0 for s in norms]


class _HashCache:
    """Raw line -> key of its normalized form in the line's group (0: the line normalizes to
    nothing), for pass 1: one table per group. A site's template lines recur verbatim in most of
    its pages, so most lines of a crawl are found here and are neither normalized nor hashed
    again. At most about ``size`` entries in all (about 150 bytes each: 65,536 entries ~ 10 MB per
    process; one document's lines may overshoot it); when full it is emptied. It only memoizes a
    pure function, so the keys never depend on it (nor on the order of the documents)."""

    def __init__(self, size: int = 1 << 16) -> None:
        self.size = size
        self.entries = 0
        self.tables: dict[str, dict[str, int]] = {}

    def clear(self) -> None:
        self.tables.clear()
        self.entries = 0

    def _table(self, group: str) -> dict[str, int]:
        table = self.tables.get(group)
        if table is None:
            if self.entries >= self.size:
                self.clear()
            table = self.tables[group] = {"": 0}
            self.entries += 1
        return table

    def doc_keys(self, group: str, text: str) -> set[int]:
        if not text:
            return set()
        t = _BREAK_RE.sub("\n", text) if "\r" in text else text
        uniq = set(t.split("\n"))
        table = self._table(group)
        missing = uniq.difference(table)  # C-level: the hashes of the lines are computed once
        if missing:
            if self.entries + len(missing) > self.size:
                self.clear()
                table = self._table(group)
                missing = uniq.difference(table)
            self.entries += len(missing)
            miss = list(missing)
            norms = normalized("\n".join(miss))
            salt, line_hash = _salt(group), _line_hash
            keys = {n: line_hash(n) ^ salt for n in set(norms)}
            keys[b""] = 0
            table.update(zip(miss, map(keys.__getitem__, norms), strict=True))
        found = set(map(table.__getitem__, uniq))
        found.discard(0)
        return found


_CACHE = _HashCache()


def doc_keys(group: str, text: str) -> set[int]:
    """The distinct keys of a document's non-empty lines: what pass 1 counts once per document
    (the same keys as :func:`line_keys` over :func:`normalized`, through a bounded cache)."""
    return _CACHE.doc_keys(group, text)


# --- groups -------------------------------------------------------------------------------------
GROUP_BY_CHOICES = ("host", "dir", "none")  # plus "field:NAME"


def check_group_by(value: str) -> str:
    """``value`` if it is a valid ``--group-by``, else :class:`ValueError` saying what is valid."""
    if value in GROUP_BY_CHOICES or (value.startswith("field:") and len(value) > 6):
        return value
    raise ValueError(f"--group-by {value!r}: use host, dir, field:NAME or none")


def group_of(group_by: str, rel_path: str, record: Mapping[str, Any] | None = None) -> str:
    """The group of a document: ``host:<url host>`` for a JSONL record with a ``url`` (``www.``
    dropped), ``field:<value>`` for ``field:NAME``, else ``dir:<parent directory of the file>``;
    ``none`` puts everything in one group.

    >>> group_of("host", "a/b.jsonl", {"url": "https://WWW.Example.com/x"})
    'host:example.com'
    >>> group_of("host", "site-1/doc.txt"), group_of("field:site", "x.jsonl", {"site": 7})
    ('dir:site-1', 'field:7')
    """
    if group_by == "none":
        return ""
    if record is not None:
        if group_by.startswith("field:"):
            value = record.get(group_by[6:])
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                return f"field:{value}"
        elif group_by == "host":
            url = record.get("url")
            if isinstance(url, str):
                with contextlib.suppress(ValueError):
                    host = urlsplit(url.strip()).hostname or ""
                    if host:
                        return "host:" + host.removeprefix("www.")
    return "dir:" + posixpath.dirname(rel_path.replace(os.sep, "/"))


# --- thresholds ---------------------------------------------------------------------------------
def threshold(n_docs: int, fraction: float, min_df: int, sqrt_factor: float) -> int:
    """The document frequency a line needs in a group of ``n_docs`` documents:
    ``max(min_df, ceil(min(fraction * n, sqrt_factor * sqrt(n))))``.

    Small groups need a share of their documents (3 of 5 at 0.5); large ones need a count that grows
    like the square root (``sqrt_factor`` 5: 50 of 100, 224 of 2,000), so a template used by one
    section of a large site still counts, while a line in 40 of 2,000 pages does not.

    >>> [threshold(n, 0.5, 2, 5.0) for n in (2, 3, 5, 40, 100, 2000)]
    [2, 2, 3, 20, 50, 224]
    """
    need = min(fraction * n_docs, sqrt_factor * math.sqrt(n_docs))
    return max(min_df, math.ceil(need - 1e-9))


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
