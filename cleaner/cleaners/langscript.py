"""Scripts of letters for the language stage: which script a letter is in, the document's script,
a view of the text without URLs and removed spans, sentence and line lookups.

Everything here is pure and cached per process (compiled regexes, a letter -> script table).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from .patterns import (
    LANG_EMAIL_RE,
    LANG_HASHTAG_RE,
    LANG_SCRIPT_RANGES,
    LANG_SCRIPT_TOKEN_RE,
    LANG_SENTENCE_END_RE,
    LANG_URL_RE,
    LANG_WORD_RE,
    lang_foreign_re,
)

__all__ = ["CJK", "LineIndex", "Token", "family_re", "foreign_re", "host_script", "host_script_and_head", "script_of",
           "sentences", "view"]

CJK = frozenset({"han", "kana", "hangul"})
WEIGHT = {"han": 2, "kana": 2, "hangul": 2}  # one CJK character carries about two letters' worth
SAMPLE_CHARS = 6000
LATIN = frozenset({"latin"})  # the host script is counted on this many leading characters

Token = tuple[int, int, str]  # start, end, script


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of one letter: ``"latin"``, ``"han"``, ... or ``"other"``."""
    m = LANG_SCRIPT_TOKEN_RE.match(ch)
    return (m.lastgroup or "other") if m else "other"


@functools.lru_cache(maxsize=64)
def foreign_re(family: frozenset[str]) -> re.Pattern[str]:
    return lang_foreign_re(family)


@functools.lru_cache(maxsize=64)
def family_re(family: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(LANG_SCRIPT_RANGES[s] for s in sorted(family)) + "]")


def view(text: str, skip: Sequence[tuple[int, int]]) -> str:
    """``text`` with the ``skip`` spans, URLs, e-mail addresses, handles and hashtags blanked out
    (same length, line breaks kept), so nothing there counts for any language."""
    cuts = list(skip)
    if "://" in text or "www." in text:
        cuts += [m.span() for m in LANG_URL_RE.finditer(text)]
    if "@" in text:
        cuts += _email_spans(text)
    if "#" in text:
        cuts += [m.span() for m in LANG_HASHTAG_RE.finditer(text)]
    if not cuts:
        return text
    parts, pos = [], 0
    for s, e in sorted(cuts):
        s = max(s, pos)
        if e <= s:
            continue
        parts.append(text[pos:s])
        cut = text[s:e]
        if "\r" in cut:
            parts.append(_NOT_BREAK_RE.sub(" ", cut))
        else:
            parts.append("\n".join([" " * len(piece) for piece in cut.split("\n")]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _email_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``LANG_EMAIL_RE.finditer(text)``, searched only around each ``@``: every match
    holds exactly one ``@``, at most :data:`EMAIL_BEFORE` characters after its start and
    :data:`EMAIL_AFTER` before its end (the pattern's bounded repeats), so a search from
    ``max(last end, @ - EMAIL_BEFORE)`` to ``@ + EMAIL_AFTER`` that starts a match at or before the
    ``@`` finds the same match as the scan of the whole text (which costs ~5 us per line)."""
    n = len(text)
    if text.count("@") * (EMAIL_BEFORE + EMAIL_AFTER) > n:
        return [m.span() for m in LANG_EMAIL_RE.finditer(text)]
    out: list[tuple[int, int]] = []
    last = 0
    at = text.find("@")
    while at >= 0:
        m = LANG_EMAIL_RE.search(text, max(last, at - EMAIL_BEFORE), min(n, at + EMAIL_AFTER))
        if m is not None and m.start() <= at:
            out.append(m.span())
            last = m.end()
        at = text.find("@", max(last, at + 1))
    return out


EMAIL_BEFORE = 64  # LANG_EMAIL_RE: [\w.+-]{1,64} before the @
EMAIL_AFTER = 577  # LANG_EMAIL_RE: @, [\w-]{1,63}, then up to 8 times \.[\w-]{1,63}; plus one


_SCRIPT_CACHE: dict[str, str] = {}
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))


def host_script(v: str) -> str | None:
    """The script with the most (weighted) letters in the first :data:`SAMPLE_CHARS` characters;
    Han counts as kana (Japanese) when kana is at least a fifth of Han. ``None``: no letters."""
    return host_script_and_head(v)[0]


def host_script_and_head(v: str) -> tuple[str | None, bool]:
    """:func:`host_script`, and whether the first :data:`SAMPLE_CHARS` characters hold no letter
    of another script than Latin (then a search for other scripts' letters can start after them)."""
    head = v[:SAMPLE_CHARS]
    if head.isascii():  # letters A-Z, a-z only: Latin, counted without a word scan
        raw = head.encode("ascii")
        return ("latin" if len(raw.translate(None, _ASCII_LETTERS)) < len(raw) else None), True
    runs = foreign_re(LATIN).findall(v, 0, SAMPLE_CHARS)  # few runs in Latin text
    if not runs:  # every letter is Latin: whether there is one is enough
        return ("latin" if LANG_WORD_RE.search(v, 0, SAMPLE_CHARS) else None), True
    counts: dict[str, int] = {}
    cache = _SCRIPT_CACHE
    rest = 0
    for w in runs:
        sc = cache.get(w[0])
        if sc is None:
            sc = cache[w[0]] = script_of(w[0])
        rest += len(w)
        if sc in CJK:  # Han and kana share runs: count each
            for m in LANG_SCRIPT_TOKEN_RE.finditer(w):
                sc = m.lastgroup or "other"
                counts[sc] = counts.get(sc, 0) + m.end() - m.start()
        else:
            counts[sc] = counts.get(sc, 0) + len(w)
    latin = sum(map(len, LANG_WORD_RE.findall(v, 0, SAMPLE_CHARS))) - rest
    if latin > 0:
        counts["latin"] = latin
    counts.pop("other", None)
    for sc in CJK & counts.keys():
        counts[sc] *= WEIGHT[sc]
    if not counts:
        return None, False
    if "kana" in counts and "han" in counts and counts["kana"] * 5 >= counts["han"]:
        counts["kana"] += counts.pop("han")
    return max(sorted(counts), key=counts.__getitem__), False


class LineIndex:
    """Line lookup by offset (bisect over the line breaks, found once): linear for many fragments."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in _NEWLINE_RE.finditer(text)]
        self.n = len(text)

    def of(self, pos: int) -> tuple[int, int]:
        """The line ``[start, end)`` holding ``pos`` (end at its ``\\n``)."""
        i = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i else 0
        return start, self.breaks[i] if i < len(self.breaks) else self.n


_NEWLINE_RE = re.compile("\n")
_NOT_BREAK_RE = re.compile("[^\r\n]")


def sentences(v: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (without surrounding white space) inside ``[start, end)``."""
    bounds, pos = [], start
    for m in LANG_SENTENCE_END_RE.finditer(v, start, end):
        bounds.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        bounds.append((pos, end))
    out = []
    for s, e in bounds:
        piece = v[s:e]
        kept = piece.strip()  # str.strip() drops exactly the str.isspace() characters
        if kept:
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(kept)))
    return out
