"""The words of a text for the quality signals: counts per distinct word and the repetition signals.

Words: runs of non-space characters with their leading and trailing :data:`PUNCT` stripped
(``"(CCP)"`` -> ``CCP``, ``"don't"`` stays one word); punctuation-only tokens are not words. In a
text with Han or kana characters, :data:`WORD_RE` finds the words and each such character is one.

:func:`word_stats` returns the word count, the words' characters, the distinct words that lower-case
into a word of ``keep`` (the stop words) with their counts, the words without a letter, and the two
Gopher repetition numbers. Two paths give the same numbers (tested on the dev texts, on random word
runs and on edge cases, and at the threshold): pure Python (``str.split`` or :data:`WORD_RE`,
``Counter``, :func:`repetition`) below :data:`NUMPY_MIN_CHARS` characters, numpy above
(:func:`_numpy_stats`: code points, word hashes and sorts instead of a Python object per word and
per 2-gram; Han/kana text too, each such character a word, except with an astral code point).

Speed (per text, on the dev pages, the two paths interleaved): the numpy path costs ~200 us at
least (~150 numpy calls of ~1 us each; so ndarray methods such as ``take`` and ``compress``, not
numpy's Python-level wrappers such as ``np.flatnonzero``), the same as the Python path at
1,500-2,000 characters, 1.3x faster at 2,500, 1.9x at 4,000-6,000. The code points are read into
the narrowest array (:func:`code_points`: uint8 for Latin-1 text, uint16 for the BMP, else
uint32), which made the path ~5% faster. Its largest costs: the repetition numbers (~20%; in
:mod:`cleaner.ngrams`), the check that equal hashes are equal words (~15%: a comparison per code
point; 8-byte windows instead were slower), the class table lookup, the prefix hashes and the sort.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, islice, repeat
from operator import ne, not_
from typing import NamedTuple

import numpy as np

from .ngrams import numpy_repetition, runs

# Han (with 々 〆 〇), hiragana, katakana: scripts written without spaces, one word per character.
_UNSPACED = "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
UNSPACED_RE = re.compile(f"[{_UNSPACED}]")
# Stripped from both ends of a token; a token made only of these is no word.
PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”„‟‘’‚‹›—–―‐…·•‣◦▪●■□►▶¡¿、。，．！？：；（）【】「」『』《》〈〉〔〕・～"
_P = re.escape(PUNCT)
# A word: a run of non-space characters that starts and ends with a non-punctuation character, or
# one Han/kana character. Linear: the inner run cannot overlap the single characters around it
# except at the end, where the match backtracks over the trailing punctuation only.
WORD_RE = re.compile(f"[^\\s{_P}{_UNSPACED}](?:[^\\s{_UNSPACED}]*[^\\s{_P}{_UNSPACED}])?|[{_UNSPACED}]")
# Texts of at least this many characters take the numpy path (measured crossover: see the docstring).
NUMPY_MIN_CHARS = 1500


# A word without a letter (of any script; digits and '_' are no letters): not a Gopher "alphabetic word".
NONALPHA_WORD_RE = re.compile(r"^(?:[^\w\n]|[\d_])+$", re.MULTILINE)


class WordStats(NamedTuple):
    """The words of a text, summed up (see :func:`word_stats`)."""

    words: int
    chars: int  # characters of all the words
    no_letter: int  # words without a letter (:data:`NONALPHA_WORD_RE`)
    kept: list[str]  # each distinct word whose lower case is in ``keep``, once (in no fixed order)
    kept_counts: list[int]  # how often each of them occurs
    top_2gram_chars: int
    dup_5gram_chars: int


def word_stats(text: str, unspaced: bool, keep: frozenset[str], numpy_min: int | None = None,
               cp: np.ndarray | None = None) -> WordStats:
    """The words of ``text`` summed up; ``unspaced``: the text has Han or kana (split by :data:`WORD_RE`).

    ``keep``: lower-case words (the stop words) whose occurrences are counted in
    :attr:`WordStats.kept`. ``numpy_min``: the length from which the numpy path runs (default
    :data:`NUMPY_MIN_CHARS`; both paths give equal results). ``cp``: the :func:`code_points` of
    ``text``, when the caller has them.

    >>> s = word_stats("the cat (The) the cat 2,000", False, frozenset({"the", "a"}))
    >>> s.words, s.chars, s.no_letter, sorted(zip(s.kept, s.kept_counts)), s.top_2gram_chars  # 'the cat' x 2
    (6, 20, 1, [('The', 1), ('the', 2)], 14)
    """
    if len(text) >= (NUMPY_MIN_CHARS if numpy_min is None else numpy_min):
        stats = _numpy_stats(text, keep, cp, unspaced)
        if stats is not None:
            return stats
    tokens = WORD_RE.findall(text) if unspaced else text.split()
    words = tokens if unspaced else list(filter(None, map(str.strip, tokens, repeat(PUNCT))))
    counts = Counter(words)
    short = bytes(map(_longest(keep).__ge__, map(len, counts)))
    return WordStats(len(words), sum(map(len, words)), _no_letter(counts),
                     *_in_keep(list(compress(counts, short)), list(compress(counts.values(), short)), keep),
                     *repetition(words))


def _longest(keep: frozenset[str]) -> int:
    """The length of the longest word of ``keep`` (cached per set): no longer word lower-cases into one
    of them (``str.lower`` never shortens a word)."""
    if keep not in _LONGEST:
        _LONGEST[keep] = max(map(len, keep), default=0)
    return _LONGEST[keep]


_LONGEST: dict[frozenset[str], int] = {}


def _in_keep(words: list[str], counts: list[int], keep: frozenset[str]) -> tuple[list[str], list[int]]:
    """The ``words`` whose lower case is in ``keep``, and their ``counts`` (all lower-cased at once)."""
    lower = "\n".join(words).lower().split("\n") if words else []
    hit = bytes(map(keep.__contains__, lower))
    return list(compress(words, hit)), list(compress(counts, hit))


def _no_letter(counts: Counter[str]) -> int:
    """How many words have no letter (``counts``: each distinct word's count). The regex runs once,
    on the words that are not all letters joined by line breaks."""
    odd = list(compress(counts, map(not_, map(str.isalpha, counts))))
    return sum(map(counts.__getitem__, NONALPHA_WORD_RE.findall("\n".join(odd))))


def repetition(words: list[str]) -> tuple[int, int]:
    """``(top 2-gram characters, duplicate 5-gram characters)`` of ``words``, in pure Python.

    Top 2-gram: the characters of the most frequent 2-gram ("w1 w2") times its count, the first to
    occur among equally frequent ones (datatrove's rule). Duplicate 5-grams: the characters of the
    words covered by a 5-gram occurrence that is not the 5-gram's first. A repeated 5-gram has all
    four of its 2-grams repeated, so only the starts of runs of >= 4 repeated 2-grams are candidates
    (about 8% of the words of the dev pages). Every per-word step runs in C (``zip``, ``Counter``,
    ``map``, one big-int AND for the runs); Python loops only over the candidates.
    """
    if len(words) < 2:
        return 0, 0
    counts = Counter(zip(words, islice(words, 1, None), strict=False))  # zip reuses its tuple: no copies
    top = max(counts.values())
    if top == 1:
        return len(words[0]) + len(words[1]) + 1, 0
    w1, w2 = next(islice(counts, list(counts.values()).index(top), None))  # the first to occur
    top_chars = (len(w1) + len(w2) + 1) * top
    # byte i is 1 when the 2-gram at i occurs more than once; then 1 when the four at i..i+3 do.
    pairs = zip(words, islice(words, 1, None), strict=False)
    rep = int.from_bytes(bytes(map((1).__lt__, map(counts.__getitem__, pairs))), "little")
    rep &= (rep >> 8) & (rep >> 16) & (rep >> 24)
    if not rep:
        return top_chars, 0
    at = list(compress(range(len(words)), rep.to_bytes(len(words), "little")))
    grams = [tuple(words[i:i + 5]) for i in at]
    first = dict(zip(reversed(grams), reversed(at), strict=True))  # each 5-gram -> its first candidate start
    covered = bytearray(len(words))
    for i in compress(at, map(ne, map(first.__getitem__, grams), at)):
        covered[i:i + 5] = _FIVE
    return top_chars, sum(map(len, compress(words, covered)))


_FIVE = b"\x01" * 5


# Each BMP code point's class for the numpy path (:func:`_tables`): white space (``str.isspace``, the
# split of ``str.split``; all below U+3001), :data:`PUNCT`, a word character without a letter, a
# letter (``\\w`` but not ``\\d`` or ``_``: see :data:`NONALPHA_WORD_RE`); an astral code point
# (``np.take`` clips it to the table's last entry) is a word character tested by the regex.
SPACE, PUNCTUATION, NO_LETTER, ASTRAL, LETTER = range(5)
_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: invertible modulo 2 ** 64
_BASE_INV = np.uint64(pow(int(_BASE), -1, 2 ** 64))
_MIX = np.uint64(0xBF58476D1CE4E5B9)


def _numpy_stats(text: str, keep: frozenset[str], cp: np.ndarray | None = None,
                 unspaced: bool = False) -> WordStats | None:
    """:func:`word_stats` of a text without Han or kana, on an array of its code points.

    Tokens are the runs of non-space code points; a token's word runs from its first to its last
    code point not in :data:`PUNCT` (none: no word), which is what ``str.strip(PUNCT)`` keeps: so
    the words are the runs of word code points among the non-punctuation ones (:data:`SPACE`,
    :func:`_tables`). Equal words are found by sorting a 64-bit polynomial hash of each word (from
    prefix sums: linear), with the word's index in the low bits; then each word is compared with its
    neighbour of equal hash (:func:`_same_words`). On a collision (none on the dev texts; a
    Thue-Morse word and its complement of 1,024 letters collide, tested) it returns ``None`` and the
    caller takes the pure-Python path, so the result is exact either way.

    ``unspaced`` (the text has Han or kana): each Han/kana code point is a word and splits the tokens
    as white space does (:data:`WORD_RE`); the Han/kana words are merged into the others by position
    (words do not overlap: their starts and their ends sort alike). A text with an astral code point
    then returns ``None`` (astral Han is not in the class table).
    """
    kinds = _tables()[0]
    n_cp = len(text)
    cp = code_points(text) if cp is None else cp
    kind = np.empty(n_cp + 1, np.uint8)  # with a space after the text
    kinds.take(cp, mode="clip", out=kind[:-1])
    kind[-1] = SPACE
    split = kind
    if unspaced:
        if cp.itemsize > 2:
            return None
        han = _unspaced_table().take(cp).nonzero()[0]
        split = kind.copy()
        split[han] = SPACE
    solid = (split != PUNCTUATION).nonzero()[0]  # white space and word code points
    word = np.empty(len(solid) + 1, bool)  # word[i + 1]: solid[i] is a word code point
    word[0] = False
    np.greater(split.take(solid), SPACE, out=word[1:])
    left = solid.take((word[1:] > word[:-1]).nonzero()[0])
    right = solid.take((word[1:-1] > word[2:]).nonzero()[0]) + 1
    if unspaced:
        left = np.concatenate((left, han))
        left.sort()
        right = np.concatenate((right, han + 1))
        right.sort()
    n = len(left)
    if not n:
        return WordStats(0, 0, 0, [], [], 0, 0)
    lens = right - left
    del solid, word
    power, inverse = _powers(n_cp)
    prefix = np.zeros(n_cp + 1, np.uint64)
    np.multiply(cp, power, out=prefix[1:])
    prefix[1:].cumsum(out=prefix[1:])
    # times an odd constant: the high bits, kept below, then depend on every bit of the hash
    hashes = (prefix.take(right) - prefix.take(left)) * inverse.take(left) * _MIX
    del power, inverse, prefix
    # sort the hashes with the word index in their low bits: equal hashes are neighbours, in order
    bits = n.bit_length()
    keys = hashes & np.uint64(2 ** 64 - (1 << bits)) | np.arange(n, dtype=np.uint64)
    keys.sort()
    order = (keys & np.uint64((1 << bits) - 1)).view(np.int64)
    keys >>= np.uint64(bits)
    new, group_starts, sizes = runs(keys)
    reps = order[group_starts[:-1]]  # each group's first word
    ids = np.empty(n, np.int64)
    ids[order] = new[:-1].cumsum() - 1
    same = ~new[1:-1]  # the word at order[i + 1] has the hash of the one at order[i]: check they are equal
    if not _same_words(cp, left, lens, order[1:][same], order[:-1][same]):
        return None
    group_lens = lens[reps]
    no_letter = _numpy_no_letter(text, kind, left[reps], right[reps], sizes)
    variants = _variant_hashes(keep)  # the distinct words that may lower-case into a word of keep
    if variants is None:
        kept = (group_lens <= _longest(keep)).nonzero()[0]
    else:
        h = hashes[reps]
        kept = (variants[variants[:-1].searchsorted(h)] == h).nonzero()[0] if len(variants) else reps[:0]
    return WordStats(n, int(lens.sum()), no_letter, *_kept(text, left[reps[kept]].tolist(), group_lens[kept].tolist(),
                                                           sizes[kept].tolist(), keep),
                     *numpy_repetition(ids, group_lens, sizes))


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` in the narrowest array that holds them: uint8
    (ASCII, Latin-1), uint16 (the BMP: UTF-16 of one unit per code point) or uint32; every later
    pass over them reads fewer bytes (Latin-1: found by trying, its error stops at the first
    character past U+00FF)."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), np.uint8)
    try:
        return np.frombuffer(text.encode("latin-1"), np.uint8)
    except UnicodeEncodeError:
        pass
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def _unspaced_table() -> np.ndarray:
    """True for each BMP code point of :data:`UNSPACED_RE` (Han, kana; the kana '・' too, though it is
    in :data:`PUNCT`), then False for the astral ones; built on first use."""
    if not _UNSPACED_TABLE:
        chars = "".join(map(chr, range(0x10000)))
        table = np.zeros(0x10001, bool)
        table[[m.start() for m in UNSPACED_RE.finditer(chars)]] = True
        _UNSPACED_TABLE.append(table)
    return _UNSPACED_TABLE[0]


_UNSPACED_TABLE: list[np.ndarray] = []


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """The class of each BMP code point (:data:`SPACE` ...) and its lower case (0 where ``str.lower``
    gives more than one character: U+0130 only), then one entry for the astral code points (ASTRAL;
    0); built on first use, once per process (65,536 ``str`` calls: about 20 ms)."""
    if not _TABLES:
        chars = list(map(chr, range(0x10000)))
        alnum, decimal = bytes(map(str.isalnum, chars)), bytes(map(str.isdecimal, chars))
        letter = np.frombuffer(alnum, np.uint8) > np.frombuffer(decimal, np.uint8)
        kinds = np.where(letter, np.uint8(LETTER), np.uint8(NO_LETTER))
        kinds[[c for c in range(0x3001) if chars[c].isspace()]] = SPACE
        kinds[list(map(ord, PUNCT))] = PUNCTUATION
        lowered = list(map(str.lower, chars))
        lower = np.array([ord(c) if len(c) == 1 else 0 for c in lowered], np.uint32)
        _TABLES[:] = [np.append(kinds, np.uint8(ASTRAL)), np.append(lower, np.uint32(0))]
    return _TABLES[0], _TABLES[1]


_TABLES: list[np.ndarray] = []


def _numpy_no_letter(text: str, kind: np.ndarray, left: np.ndarray, right: np.ndarray,
                     sizes: np.ndarray) -> int:
    """How many words have no letter, from the distinct words (``left``, ``right``: bounds of one of
    each; ``sizes``: their counts; ``kind``: the class of each code point). A word whose first or
    last code point is a :data:`LETTER` has one; of the others (a few percent: numbers, symbols)
    the highest class in each is found by one ``np.maximum.reduceat``: below :data:`ASTRAL`, no
    letter; :data:`ASTRAL` (and no BMP letter), :data:`NONALPHA_WORD_RE` tests the word."""
    odd = ((kind[left] != LETTER) & (kind[right - 1] != LETTER)).nonzero()[0]
    if not len(odd):
        return 0
    bounds = np.empty(2 * len(odd), np.int64)  # [left, right) of each odd word, one after the other
    bounds[0::2] = left[odd]
    bounds[1::2] = right[odd]
    top = np.maximum.reduceat(kind, bounds)[::2]
    found = int(sizes[odd[top < ASTRAL]].sum())
    astral = odd[top == ASTRAL]
    if not len(astral):
        return found
    words = map(text.__getitem__, map(slice, left[astral].tolist(), right[astral].tolist()))
    return found + sum(compress(sizes[astral].tolist(), map(NONALPHA_WORD_RE.match, words)))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_BASE ** i`` and ``_BASE_INV ** i`` modulo 2 ** 64 for i < n; the first 2 ** 18 are kept
    (4 MB per process), longer texts compute theirs."""
    if n > len(_POWERS[0]):
        power = np.full((2, max(n, _KEEP_POWERS)), [[_BASE], [_BASE_INV]], np.uint64)
        power[:, 0] = 1
        np.multiply.accumulate(power, axis=1, out=power)
        if n > _KEEP_POWERS:
            return power[0, :n], power[1, :n]
        _POWERS[:] = power
    return _POWERS[0][:n], _POWERS[1][:n]


_KEEP_POWERS = 1 << 18
_POWERS: list[np.ndarray] = [np.ones(0, np.uint64), np.ones(0, np.uint64)]


def _variant_hashes(keep: frozenset[str]) -> np.ndarray | None:
    """The sorted hashes (as :func:`_numpy_stats` hashes words) of every string whose ``str.lower`` is a
    word of ``keep`` (cached per set), or ``None`` when they cannot be listed from the BMP table.

    A string lower-cases into a word of ``keep`` only character by character (``str.lower`` maps
    one character to more only for U+0130, to 'i' + U+0307; the final sigma rule gives only 'ς'), so
    its characters are, one for one, those that lower-case into the word's: found in the BMP lower
    case table; no astral character lower-cases into a BMP one (tested). Words of ``keep`` with an
    astral character, U+0307 or 'ς' give ``None``.
    """
    if keep not in _VARIANTS:
        lower = _tables()[1]
        chars = set("".join(keep))
        if any(c > "\uffff" or c in "\u0307\u03c2" for c in chars):
            _VARIANTS[keep] = None
            return None
        sources = {c: [int(x) for x in np.flatnonzero(lower == ord(c))] for c in chars}
        base, mix = int(_BASE), int(_MIX)
        hashes = set()
        for w in keep:
            partial = [0]  # the hashes of the variants of w's first i characters, before the mix
            for i, c in enumerate(w):
                power = pow(base, i, 2 ** 64)
                partial = [(h + x * power) % 2 ** 64 for h in partial for x in sources[c]]
            hashes.update(h * mix % 2 ** 64 for h in partial)
        _VARIANTS[keep] = np.array(sorted(hashes), np.uint64)
    return _VARIANTS[keep]


_VARIANTS: dict[frozenset[str], np.ndarray | None] = {}


def _same_words(cp: np.ndarray, left: np.ndarray, lens: np.ndarray, word: np.ndarray, prior: np.ndarray) -> bool:
    """Whether each word ``word[i]`` equals the word ``prior[i]`` (``left``, ``lens``: their starts and
    lengths in ``cp``), compared code point by code point."""
    n_word = lens.take(word)
    if not (n_word == lens.take(prior)).all():
        return False
    ends = n_word.cumsum()
    if not len(ends) or not ends[-1]:
        return True
    start = left.take(word)
    at = np.arange(ends[-1]) + (start - (ends - n_word)).repeat(n_word)
    return bool((cp.take(at) == cp.take(at + (left.take(prior) - start).repeat(n_word))).all())


def _kept(text: str, left: list[int], lens: list[int], counts: list[int],
          keep: frozenset[str]) -> tuple[list[str], list[int]]:
    """The words (``left``, ``lens`` in ``text``) whose ``str.lower`` is in ``keep``, and their counts."""
    words = [text[i:i + k] for i, k in zip(left, lens, strict=True)]
    return _in_keep(words, counts, keep)
