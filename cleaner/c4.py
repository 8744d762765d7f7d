"""C4's sentence count and the case-insensitive phrase tests of the quality signals (see
:mod:`cleaner.quality`), each a C-level pass over the text or its lines.

Speed: :func:`sentence_ends` counts the matches of :data:`C4_SENTENCE_END_RE` by three regexes that
start with a literal character (the regex engine scans for those in C, ~3x faster than for a class);
:func:`ascii_lower` gives a bytes copy in which the ASCII phrases are found as in ``str.lower`` (~3x
faster on non-ASCII text). Both are tested equal to the plain forms (every code point; random strings).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, repeat
from operator import itemgetter, not_

from .words import UNSPACED_RE

# C4's line-end test (quotes included), after Wikipedia citation marks are removed.
C4_END_PUNCT = (".", "?", "!", '"', "'", "。", "！", "？", "”", "」")  # CJK ends: ours, not C4's
C4_CITATION_RE = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
# Same matches as ``[.!?]+["'”’)\]]*(?=\s|$)|[。！？]+``, written to start with one character class so
# that the regex engine scans for it in C (about 4x faster).
C4_SENTENCE_END_RE = re.compile(r"[.!?。！？](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s|$)|(?<=[。！？])[。！？]*)")


def c4_sentences(lines: list[str], is_end: bytes, unspaced: bool, brackets: bool, low_text: bytes) -> int:
    """C4's sentence count over ``lines`` (``is_end``: 1 for each line ending in :data:`C4_END_PUNCT`;
    see :data:`SIGNALS`).

    Kept lines: citation marks removed, ending in :data:`C4_END_PUNCT` but not ``...``, >= 3
    words (at least two spaces; or 3 Han/kana characters), without "javascript" or a policy phrase.
    Each counts ``max(1, sentence ends)``: the sentence ends of the kept lines joined
    (:func:`sentence_ends`), plus one for each kept line without a sentence end (only a line ending
    in a quote can have none). ``low_text``: :func:`ascii_lower` of the whole text; without
    "javascript" or a policy phrase in it, no line has one (unless removing a citation mark joins
    one: with ``brackets`` the kept lines are checked). ``brackets``: the text has a citation mark;
    the marks are removed from the lines joined by line breaks (a mark has no line break), then
    split again.
    """
    if brackets:
        lines = list(filter(None, C4_CITATION_RE.sub("", "\n".join(lines)).split("\n")))
        is_end = bytes(map(_C4_ENDS.__contains__, map(itemgetter(-1), lines)))
    ends = list(compress(lines, is_end))
    ends = list(compress(ends, map(not_, map(str.endswith, ends, repeat("...")))))
    if unspaced:
        kept = [ln for ln in ends if (ln.count(" ") >= 2 and len(ln.split()) >= 3)
                or len(UNSPACED_RE.findall(ln)) >= 3]
    else:
        kept = list(compress(ends, map((2).__le__, map(str.count, ends, repeat(" ")))))
        kept = list(compress(kept, map(_THREE_WORDS_RE.search, kept)))
    joined = "\n".join(kept)
    low = low_text if not brackets else ascii_lower(joined)  # a phrase in a kept line is in low_text
    if _has_c4_phrase(low):
        kept = list(compress(kept, map(not_, _lines_with_phrase(ascii_lower(joined), list(map(len, kept))))))
        joined = "\n".join(kept)
    quoted = compress(kept, map(str.endswith, kept, repeat(C4_QUOTES)))
    return sentence_ends(joined) + sum(not C4_SENTENCE_END_RE.search(ln) for ln in quoted)


def sentence_ends(text: str) -> int:
    """``len(C4_SENTENCE_END_RE.findall(text))``, about 3x faster (tested equal).

    The regex matches once per maximal run of ``.!?`` that is followed, after the closing quotes
    and brackets right after it, by white space or the end (a match starts at a run's first
    character: a later one fails the same way), and once per maximal run of ``。！？``. Each run
    of the first kind is counted by the regex for its first character, which starts with that
    literal character (the regex engine then scans for it in C, several times faster than for a
    character class); the second kind only when the text has one of them.
    """
    n = len(_RUN_FROM[0].findall(text))
    if "!" in text:
        n += len(_RUN_FROM[1].findall(text))
    if "?" in text:
        n += len(_RUN_FROM[2].findall(text))
    if "。" in text or "！" in text or "？" in text:
        n += len(_CJK_RUN_RE.findall(text))
    return n


_RUN_FROM = [re.compile(f"{re.escape(e)}(?<![.!?]{re.escape(e)})[.!?]*[\"'”’)\\]]*(?=\\s|$)") for e in ".!?"]
_CJK_RUN_RE = re.compile("[。！？]+")


def ascii_lower(text: str) -> bytes:
    """``text`` with every non-ASCII character as ``?`` (KELVIN SIGN as ``k``), ASCII lower-cased.

    An ASCII phrase not ending in 'i' is in ``text.lower()`` exactly when it is in this: the only
    non-ASCII characters whose lower case has an ASCII character are U+212A ('k') and U+0130
    ('i' + U+0307: its 'i' could only end a match; tested over every code point). About 3x faster
    than ``str.lower`` on non-ASCII text.
    """
    if text.isascii():
        return text.encode("ascii").lower()
    return text.replace("\u212a", "k").encode("ascii", "replace").lower()


def _has_c4_phrase(low: bytes) -> bool:
    """Whether ``low`` (:func:`ascii_lower`) has "javascript" or a :data:`C4_POLICY` phrase (the
    phrases with "cookie" are looked for only when "cookie" is there)."""
    return (any(map(low.__contains__, _C4_PHRASES)) or (b"cookie" in low
            and any(map(low.__contains__, _C4_COOKIE_PHRASES))))


def _lines_with_phrase(low: bytes, lengths: list[int]) -> bytearray:
    """1 for each line (``lengths``: their lengths; ``low``: :func:`ascii_lower` of the lines joined by
    line breaks, one byte per character) with "javascript" or a :data:`C4_POLICY` phrase: each
    phrase's occurrences are found by ``bytes.find``, their lines by bisection of the line starts."""
    starts = list(accumulate(map((1).__add__, lengths), initial=0))
    bad = bytearray(len(lengths))
    for phrase in (*_C4_PHRASES, *(_C4_COOKIE_PHRASES if b"cookie" in low else ())):
        at = low.find(phrase)
        while at >= 0:
            bad[bisect_right(starts, at) - 1] = 1
            at = low.find(phrase, at + 1)
    return bad


_C4_PHRASES = (b"javascript", *(p.encode("ascii") for p in C4_POLICY if "cookie" not in p))
_C4_COOKIE_PHRASES = tuple(p.encode("ascii") for p in C4_POLICY if "cookie" in p)
assert all(p.isascii() and not p.endswith("i") for p in (*C4_POLICY, "javascript", "lorem ipsum"))


# Three runs of non-space characters (``len(line.split()) >= 3``), found by the regex engine in C.
_THREE_WORDS_RE = re.compile(r"\S\s+\S+\s+\S")
C4_QUOTES = tuple(p for p in C4_END_PUNCT if not C4_SENTENCE_END_RE.match(p))  # ends that are no sentence end
# The line-end test is of one character: a set lookup of the last one.
_C4_ENDS = frozenset(C4_END_PUNCT)
assert all(len(p) == 1 for p in _C4_ENDS)
