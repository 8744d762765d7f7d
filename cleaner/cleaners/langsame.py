"""Same-script fragments for the language stage: lines, then sentences, then inline phrases and
words whose words belong to another language than the document's (lexicon costs of
:mod:`cleaner.cleaners.langlex`).

The work is per line, and almost every line can yield nothing (on the 751 dev pages: 53 flags from
348,618 lines). :func:`candidate_lines` keeps the lines that can, by necessary conditions read off
the document's token list and per-token packed costs (no sentence split, no second word scan):

1. A line or sentence verdict needs at least ``max(1, min_sentence_words)`` words in the line, and
   another language beating the host by ``sentence_margin`` per word. Per word, the host's cost minus
   the least cost of any language (the packed value's last field) is ``>= 0`` and bounds the host's
   lead over any one language, so the line's sum of it, ``D``, bounds every sentence's lead: no
   verdict unless ``D > 0`` and ``D / (10 * max(1, min_sentence_words)) >= sentence_margin``.
2. Inline phrases and words need :meth:`~cleaner.cleaners.langlex.Table.worth_inline` on one of the
   line's sentences, which needs two suspicious words in a row in the line, or a suspicious word of
   ``min_word_letters``+ letters that the host's list lacks.

A line that meets neither is skipped; the others get the full treatment (:func:`same_script`), so
the flags are exactly those of :func:`same_script` over every line of :func:`prepare` (pinned in
tests/test_language_fast.py). Lower-case word counts are read only for a span that would be flagged.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from typing import Any

from ..model import Flag
from . import langlex
from .langscript import sentences
from .patterns import LANG_WORD_RE

FLAG_KIND = "mixed_language"
Line = tuple[list[tuple[int, int]], list[list[str]], list[int]]
"""A line's sentences, their case-folded words and their packed costs."""
MIN_LOWER_WORDS = 3
"""A line or sentence needs this many lower-case words of 2+ letters to be classified: names,
initials, dates and formulas (``Carlos Pena (L) 1B``, ``Mon Jan 14``, ``N1+N2*N3``) carry none."""


def prepare(v: str, table: Any) -> list[Line]:
    """Every line's sentences, their case-folded words and packed lexicon costs (the reference of
    :func:`candidate_lines`; also the document's total when it has too many words for one sum)."""
    out: list[Line] = []
    pos, n = 0, len(v)
    while pos < n:
        nl = v.find("\n", pos)
        end = n if nl < 0 else nl
        if end > pos:
            line = line_data(v, pos, end, table)
            if line is not None:
                out.append(line)
        pos = end + 1
    return out


def line_data(v: str, pos: int, end: int, table: Any, words: list[str] | None = None) -> Line | None:
    """The :data:`Line` of ``v[pos:end]`` (``None`` when blank). ``words``: the line's case-folded
    words when known (a line of one sentence then needs no word scan: sentences are cut at spaces
    or punctuation, and case folding maps each character on its own, so the words of the folded
    sentence are the words of the folded line)."""
    sents = sentences(v, pos, end)
    if not sents:
        return None
    if words is not None and len(sents) == 1:
        ws = [words]
    else:
        folded = v[pos:end].casefold()
        if len(folded) == end - pos:  # each character folds to one: the offsets hold
            ws = [LANG_WORD_RE.findall(folded, s - pos, e - pos) for s, e in sents]
        else:
            ws = [LANG_WORD_RE.findall(v[s:e].casefold()) for s, e in sents]
    return sents, ws, [table.pack(w) for w in ws]


def candidate_lines(v: str, tokens: Sequence[str], table: Any, h: int, cfg: Any) -> list[Line]:
    """The lines of :func:`prepare` that can yield a flag for host ``h`` (see the module docstring).
    ``tokens``: the case-folded words and line breaks of ``v`` (``LANG_WORD_OR_BREAK_RE``)."""
    sus = table.suspicious(h)
    if "\n" in sus:  # never (no list holds a line break), but the line numbers below rely on it
        sus = sus - {"\n"}
    hits = list(itertools.compress(itertools.count(), map(sus.__contains__, tokens)))
    if not hits:
        return []
    nl = list(itertools.compress(itertools.count(), map("\n".__eq__, tokens)))
    words = list(map(tokens.__getitem__, hits))
    shift, last, mask = langlex.BITS * h, langlex.BITS * len(table.langs), langlex.MASK
    vals = list(map(table.packed.__getitem__, words))
    host = [(x >> shift) & mask for x in vals]
    lead = [c - ((x >> last) & mask) for c, x in zip(host, vals, strict=True)]
    # worth_inline's gate, per suspicious word: one right before it (so on its line), or long and unknown
    gate = [(j > 0 and hits[j - 1] == i - 1) or (c >= langlex.OOV_COST and len(w) >= cfg.min_word_letters)
            for j, (i, c, w) in enumerate(zip(hits, host, words, strict=True))]
    nmin, gap = max(1, cfg.min_sentence_words), langlex.SUSPICIOUS_GAP
    q = 10 * cfg.sentence_margin - 0.5 - gap  # see _may_verdict
    ends: list[int] = []
    out: list[Line] = []
    j1 = 0
    for k, group in itertools.groupby(map(bisect.bisect_left, itertools.repeat(nl), hits)):  # k: line number
        j0, j1 = j1, j1 + sum(1 for _ in group)  # the line's suspicious words: hits[j0:j1]
        a = nl[k - 1] + 1 if k else 0
        b = nl[k] if k < len(nl) else len(tokens)
        at, leads = hits[j0:j1], lead[j0:j1]
        # a window of nmin+ words leads by at most the sum of every suspicious word's excess
        verdict = b - a >= nmin and (q <= 0 or sum(leads) - gap * (j1 - j0) - q * nmin > 0) \
            and _may_verdict(at, leads, a, b, cfg)
        inline = cfg.inline_words and any(gate[j0:j1])
        if not verdict and not inline:
            continue
        if not ends:  # offset + 1 of each line's end, found once per document
            ends = list(itertools.accumulate(map((1).__add__, map(len, v.split("\n")))))
        ls, le = ends[k - 1] if k else 0, ends[k] - 1
        line = line_data(v, ls, le, table, list(tokens[a:b])) if verdict else None
        if line is not None and not _verdict_bound(line, h, table, cfg):
            line = None
        if line is None and inline and _may_inline(v, ls, le, tokens, a, b, at, leads, host[j0:j1], cfg):
            line = line_data(v, ls, le, table, list(tokens[a:b]))
        if line is not None:
            out.append(line)
    return out


def _verdict_bound(line: Line, h: int, table: Any, cfg: Any) -> bool:
    """Whether a sentence of ``line``, or the line, can get a verdict: the lead bound of
    :func:`_may_verdict`, exact per sentence (the host's cost minus the least cost field)."""
    shift, last, mask = langlex.BITS * h, langlex.BITS * len(table.langs), langlex.MASK
    nmin = max(1, cfg.min_sentence_words)

    def possible(total: int, n: int) -> bool:
        lead = ((total >> shift) & mask) - ((total >> last) & mask)
        return n >= nmin and lead > 0 and lead / (10 * n) >= cfg.sentence_margin

    _, words, packed = line
    n_line = sum(map(len, words))
    return (n_line <= langlex.MAX_WORDS and possible(sum(packed), n_line)) \
        or any(possible(p, len(ws)) for ws, p in zip(words, packed, strict=True))


def _may_inline(v: str, ls: int, le: int, tokens: Sequence[str], a: int, b: int, at: list[int], leads: list[int],
                host: list[int], cfg: Any) -> bool:
    """Whether :meth:`Table.inline` can flag something in the line ``v[ls:le]``, whose case-folded
    words are ``tokens[a:b]``, suspicious ones ``tokens[i] for i in at`` with these ``leads`` (host
    cost minus least cost) and ``host`` costs, once :meth:`Table.worth_inline`'s gate passed (two
    suspicious words in a row, or one of ``min_word_letters``+ letters that the host list lacks).

    When the line's words, each case-folded, are its tokens (always, except around the few letters
    whose case folding adds a combining mark, such as ``İ``), the words of an inline run are
    consecutive tokens, and a flag needs more: a single word with a lead of ``word_margin``, or two
    or three consecutive ones averaging ``phrase_margin`` (the best average of a run of 2+ is that
    of a run of 2 or 3). The 0.5 of float slack as in :func:`_may_verdict`."""
    if list(map(str.casefold, LANG_WORD_RE.findall(v, ls, le))) != list(tokens[a:b]):
        return True
    lead = dict(zip(at, leads, strict=True))
    word, phrase = 10 * cfg.word_margin - 0.5, 10 * cfg.phrase_margin - 0.5
    for i, c in zip(at, host, strict=True):
        d = lead[i]
        if (d > word and c >= langlex.OOV_COST and len(tokens[i]) >= cfg.min_word_letters) \
                or (i - 1 in lead and d + lead[i - 1] > 2 * phrase) \
                or (i - 2 in lead and i - 1 in lead and d + lead[i - 1] + lead[i - 2] > 3 * phrase):
            return True
    return False


def _may_verdict(at: list[int], leads: list[int], a: int, b: int, cfg: Any) -> bool:
    """Whether a run of ``n >= max(1, min_sentence_words)`` words of the line ``tokens[a:b]`` (a
    sentence or the line) can lead the host by ``sentence_margin`` per word, i.e. by
    ``10 * margin * n`` cost; ``at``: the suspicious words' indices, ``leads``: their leads.

    A word's *lead* (host cost minus least cost, >= 0) bounds what it adds to any language's lead;
    it is over :data:`~langlex.SUSPICIOUS_GAP` only for the suspicious words. So a run's lead is at
    most the sum of ``lead - gap`` over its suspicious words plus ``gap * n``, and the run needs
    that bound over ``c * n`` with ``c = 10 * margin - 0.5`` (the 0.5 per word covers float
    rounding of the margin's division). The best run either spans suspicious words ``t..s`` over
    ``nmin`` or more words (prefix sums, least start so far) or is exactly ``nmin`` words long (a
    sliding window); both are checked, in time linear in ``len(at)``."""
    nmin = max(1, cfg.min_sentence_words)
    if b - a < nmin:
        return False
    gap = langlex.SUSPICIOUS_GAP
    q = 10 * cfg.sentence_margin - 0.5 - gap  # what each word must bring beyond the gap
    if q <= 0:
        return True
    z = [d - gap for d in leads]
    sums = [0, *itertools.accumulate(z)]  # sums[t]: the z of at[:t]
    least, j = math.inf, 0
    for t, i in enumerate(at):  # spans of nmin+ words from at[j'] to at[t]: least of sums[j'] - q * at[j']
        while j <= t and at[j] <= i - nmin + 1:
            least = min(least, sums[j] - q * at[j])
            j += 1
        if sums[t + 1] - q * (i + 1) - least > 0:
            return True
    if nmin > 1:
        total, lo = 0, 0
        for hi, i in enumerate(at):  # windows [at[lo], at[lo] + nmin) ending after at[hi]
            total += z[hi]
            while at[lo] + nmin <= i:
                total -= z[lo]
                lo += 1
            if total - q * nmin > 0:
                return True
    return False


def _lower_words(v: str, s: int, e: int) -> int:
    return sum(1 for w in LANG_WORD_RE.findall(v, s, e) if len(w) > 1 and w.islower())


def same_script(v: str, text: str, lines: list[Line], table: Any, h: int, cfg: Any) -> list[Flag]:
    """Lines, then sentences, then inline phrases and words whose words belong to another language."""
    out: list[Flag] = []
    sus = table.suspicious(h)
    for sents, words, packed in lines:
        line_words = [w for ws in words for w in ws]
        if sus.isdisjoint(line_words):
            continue
        n_line = len(line_words)
        if n_line >= 2 * cfg.min_sentence_words:
            s, e = sents[0][0], sents[-1][1]
            verdict = table.verdict(sum(packed), n_line, h, v[s:e])
            if verdict and verdict[1] >= cfg.sentence_margin and _lower_words(v, s, e) >= MIN_LOWER_WORDS:
                out.append(Flag(s, e, FLAG_KIND, text[s:e], verdict[0], langlex.confidence(verdict[1])))
                continue
        line_out: list[Flag] = []
        for (s, e), ws, p in zip(sents, words, packed, strict=True):
            verdict = table.verdict(p, len(ws), h, v[s:e]) if len(ws) >= cfg.min_sentence_words else None
            if verdict and verdict[1] >= cfg.sentence_margin and _lower_words(v, s, e) >= MIN_LOWER_WORDS:
                if line_out and line_out[-1].lang == verdict[0] and not v[line_out[-1].end:s].strip():
                    s = line_out.pop().start
                line_out.append(Flag(s, e, FLAG_KIND, text[s:e], verdict[0], langlex.confidence(verdict[1])))
            elif cfg.inline_words and table.worth_inline(ws, h, cfg.min_word_letters):
                line_out += table.inline(v, text, s, e, h, cfg)
        out += line_out
    return out
