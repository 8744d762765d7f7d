"""Corpus mode's line keys: how lines are normalized and hashed, how documents are grouped, and the
document frequency a line needs in its group.

Pass 1 of corpus mode counts the keys of every document (:func:`doc_keys`) in a
:class:`cleaner.corpusstats.StatsBuilder`; pass 2 gives the finished
:class:`cleaner.corpusstats.CorpusStats` to the ``corpus`` cleaner, which removes lines whose
document frequency (df) reaches a threshold that depends on the group's size (:func:`threshold`).

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

Counting, the finished statistics and their files are in :mod:`cleaner.corpusstats`.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import xxhash

NORMALIZATION = "v1"
"""Bumped whenever :func:`normalize_lines` changes: stats of another version are refused."""

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
            distinct = list(set(norms))  # each normalized form hashed once
            keys = dict(zip(distinct, line_keys(group, distinct), strict=True))
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
