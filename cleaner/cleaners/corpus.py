"""Template lines proven by the corpus: lines that repeat across the documents of a group (site).

The cleaner gets the pass-1 :class:`cleaner.corpusstats.CorpusStats` through ``Cleaner(config, corpus)``
and the document's group through ``Document.group``. Without stats, or in a group of fewer than
``corpus.min_docs`` documents (2 with ``--corpus``), it proposes nothing.

Rule, for a group of ``n`` documents and a line held by ``df`` of them (see :mod:`cleaner.corpus`
for the normalization and :func:`cleaner.corpus.threshold` for the formula):

- a *short* line (not prose) is removed when ``df >= T`` (``T = max(2, ceil(min(0.6 n, 6 sqrt n)))``:
  2 of 3, 3 of 5, 6 of 10, 24 of 40, 60 of 100) **and** a neighbouring line (the nearest non-blank
  line above or below that no earlier cleaner removed) is also a short line with ``df >= T``:
  template comes in runs (nav, share bars, footers, demo comments);
- a *prose* line (10+ words with sentence punctuation) or an *isolated* short line (a title between
  article paragraphs) needs ``df >= W`` (``W = max(5, ceil(min(0.8 n, 8 sqrt n)))``, never below ``T``):
  no removal of them in groups of fewer than 5 documents.

Guard against copies: when more than half of the document's prose words (lines of 10+ words) are in
lines with ``df >= T``, or every word-bearing line has ``df >= T``, the document is a duplicate or a
syndicated copy, not template. Its text is kept and flagged ``corpus.near_duplicate`` (score: that
share); only lines held by more documents than the copy (``df >`` the median df of its prose lines)
can still go, so the template around a copy is removed and the copy is not.

Example: ten pages of one site ending with the theme's demo comments ("News magazine bootstrap
themes!", "Thank you Carlos!", ...): each comment line has df 10/10, sits in a run of such lines and
is removed with detail ``df=10/10``.

Known limits: a line repeated in most pages of a site because every page quotes it is removed as
template; a template line that varies by more than digits, month names, case and punctuation is not
counted as one line. Deduplicating whole documents is left to the user's dedup step.

Evidence for the other cleaners (:class:`LineEvidence`, :func:`line_evidence`; knob
``corpus.guard_single_doc``): the ``residue`` and ``comments`` stages run before this one and decide
per document; with the stats they also know which lines are template (df >= T) and which are unique
to the document (df <= 1). They use it to keep article text their single-document rules would cut:
template lines are not article prose before a comment thread, a related list under a template
heading ends at a line unique to the document, and the line model's ``residue.boilerplate`` runs that
are the document's own text are kept. On sites-hard (full pipeline) this cut body-loss from 2.6% to
0.9%.

Reason ids:
- ``corpus.repeated_line``: a line whose df reached the threshold; ``detail`` is ``df=<df>/<n>``.

Flag kinds:
- ``corpus.near_duplicate``: the kept repeated lines of a copied document (span from the first to
  the last of them), ``score`` = the share of its prose words in repeated lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import CorpusConfig
from ..corpus import threshold
from ..corpusstats import CorpusStats
from ..model import Block, Document, Finding, Flag, Removal
from ..segment import line_span, lines
from . import Cleaner, register
from .comments import EVIDENCE, HEADING, line_marks
from .lines import is_prose
from .patterns import PROSE_SENTENCE_END_RE

REPEATED_LINE = "corpus.repeated_line"
NEAR_DUPLICATE = "corpus.near_duplicate"


class LineEvidence:
    """What the corpus says about the lines of one document, for the single-document cleaners:
    ``dfs[i]`` is the document frequency of block ``i`` in the document's group of ``docs``
    documents, and a line is *template* when ``dfs[i] >= template_df`` (the short-line threshold of
    the ``corpus`` stage). Get one with :func:`line_evidence`."""

    __slots__ = ("dfs", "docs", "template_df")

    def __init__(self, docs: int, template_df: int, dfs: list[int]) -> None:
        self.docs, self.template_df, self.dfs = docs, template_df, dfs

    def template(self, idx: Sequence[int]) -> list[bool]:
        """For each block index in ``idx``: is the line template (df at the threshold or above)?"""
        dfs, t = self.dfs, self.template_df
        return [dfs[i] >= t for i in idx]

    def unique(self, idx: Sequence[int]) -> list[bool]:
        """For each block index in ``idx``: is the line in no other document of the group (df <= 1)?"""
        dfs = self.dfs
        return [dfs[i] <= 1 for i in idx]

    def keep_own_runs(self, idx: Sequence[int], stripped: Sequence[str], reasons: list[str | None],
                      reason: str, prose_min_chars: int = 60) -> None:
        """Un-mark (set to ``None``) the runs of lines marked ``reason`` that the corpus shows are
        this document's own text, in place. ``idx`` are block indices of the lines, ``stripped``
        their text, ``reasons`` their marks (``None``: kept).

        Rule: a run of consecutive lines all marked ``reason`` is kept when none of its lines is
        template, the nearest kept lines above and below it exist and are not template either (the
        run is a hole inside the document's own text, not the edge of the page's template), and no
        comment heading or comment evidence (:mod:`.comments`) occurs among the non-template lines
        from the top of the document to the end of the run (below that, unmarked lines may be an
        undetected comment thread). Also kept, above the first comment evidence: the stretches of
        non-template lines of a run that hold a prose line (:func:`.lines.is_prose`) when the
        marked non-template prose there is longer than all the non-template prose left unmarked
        (most of the page's own text would vanish). Used for
        ``residue.boilerplate``: the line model takes hard-wrapped paragraphs, lists, tables and
        short articles between template blocks for boilerplate.

        >>> ev = LineEvidence(10, 6, [10, 1, 1, 1, 1, 10])
        >>> r = [None, None, "x", "x", None, None]
        >>> ev.keep_own_runs(range(6), ["Home", "A", "b", "c", "D", "Footer"], r, "x"); r
        [None, None, None, None, None, None]
        """
        n = len(idx)
        tmpl = self.template(idx)
        first_comment = next((k for k in range(n)
                              if not tmpl[k] and line_marks(stripped[k]) & (EVIDENCE | HEADING)), n)
        prose = [not tmpl[k] and is_prose(stripped[k], prose_min_chars) for k in range(n)]
        kept = sum(len(stripped[k]) for k in range(n) if prose[k] and reasons[k] is None)
        marked = sum(len(stripped[k]) for k in range(first_comment) if prose[k] and reasons[k] == reason)
        vanish = marked > kept  # most of the page's own prose would go
        k = 0
        while k < first_comment:
            if reasons[k] != reason:
                k += 1
                continue
            j = k
            while j + 1 < n and reasons[j + 1] == reason:
                j += 1
            up, down = k - 1, j + 1
            while up >= 0 and reasons[up] is not None:
                up -= 1
            while down < n and reasons[down] is not None:
                down += 1
            if j >= first_comment:
                break
            if not any(tmpl[k:j + 1]) and up >= 0 and down < n and not tmpl[up] and not tmpl[down]:
                reasons[k:j + 1] = [None] * (j + 1 - k)
            elif vanish:  # the non-template stretches of the run that hold prose
                m = k
                while m <= j:
                    e = m
                    while e <= j and not tmpl[e]:
                        e += 1
                    if any(prose[m:e]):
                        reasons[m:e] = [None] * (e - m)
                    m = e + 1
            k = j + 1


_LAST_EVIDENCE: list[Any] = [None]  # (document, stats, config, evidence) of the last call


def line_evidence(corpus: Any, doc: Document, cfg: CorpusConfig) -> LineEvidence | None:
    """The corpus evidence on ``doc``'s lines (aligned with ``doc.blocks``), or ``None`` when there
    are no stats, corpus mode or :attr:`CorpusConfig.guard_single_doc` is off, or the group is too
    small for the ``corpus`` stage. The last
    answer is remembered (the residue passes and the comments stage ask again for one document)."""
    if not isinstance(corpus, CorpusStats) or cfg.enabled is False or not cfg.guard_single_doc:
        return None
    last = _LAST_EVIDENCE[0]
    if last is not None and last[0] is doc and last[1] is corpus and last[2] == cfg:
        return last[3]
    n = corpus.docs(doc.group)
    ev = None
    if n >= max(2, 2 if cfg.enabled else cfg.min_docs):
        _, dfs = corpus.line_dfs(doc.group, doc.text)
        line_list = lines(doc.text)
        if len(line_list) != len(doc.blocks) or any(
                a.start != b.start for a, b in zip(line_list, doc.blocks, strict=True)):
            at = {b.start: i for i, b in enumerate(line_list)}  # blocks that are not the text's lines
            dfs = [dfs[at[b.start]] if b.start in at else 0 for b in doc.blocks]
        ev = LineEvidence(n, threshold(n, cfg.fraction, cfg.min_df, cfg.sqrt_factor), dfs)
    _LAST_EVIDENCE[0] = (doc, corpus, cfg, ev)
    return ev


def _live(blocks: Sequence[Block], prior: Sequence[Removal]) -> list[bool]:
    """For each block: False when earlier cleaners already removed it whole (one sweep)."""
    out, j = [], 0
    for b in blocks:
        while j < len(prior) and prior[j].end <= b.start:
            j += 1
        pos, k = b.start, j
        while k < len(prior) and prior[k].start <= pos < b.end:
            pos = max(pos, prior[k].end)
            k += 1
        out.append(not (pos >= b.end and b.end > b.start))
    return out


def _gaps(blocks: Sequence[Block], norms: Sequence[str], live: Sequence[bool], chosen: set[int]) -> list[int]:
    """Lines without a word (blank, ``|``, ``△``) that removing ``chosen`` would leave as artifacts:
    next to a chosen line, with the word-bearing lines on both sides removed, or on one side all
    of them up to the document's edge."""
    n = len(blocks)
    gone = [not live[i] or i in chosen for i in range(n)]
    worded = [i < len(norms) and bool(norms[i]) for i in range(n)]

    def sweep(order: range) -> list[tuple[bool, bool, bool]]:
        state = [(True, True, False)] * n  # (nearest gone or none, all gone, nearest chosen)
        near, every, pick = True, True, False
        for i in order:
            state[i] = (near, every, pick)
            if worded[i]:
                near, every, pick = gone[i], every and gone[i], i in chosen
        return state

    up, down = sweep(range(n)), sweep(range(n - 1, -1, -1))
    return [i for i in range(n) if not worded[i] and live[i] and (up[i][2] or down[i][2])
            and ((up[i][0] and down[i][0]) or up[i][1] or down[i][1])]


@register
class CorpusCleaner(Cleaner):
    name = "corpus"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        cfg = self.config.corpus
        stats = self.corpus
        if not isinstance(stats, CorpusStats) or cfg.enabled is False:
            return Finding()
        n = stats.docs(doc.group)
        if n < max(2, 2 if cfg.enabled else cfg.min_docs):
            return Finding()
        text = doc.text
        blocks = lines(text)
        norms, dfs = stats.line_dfs(doc.group, text)
        t_short = threshold(n, cfg.fraction, cfg.min_df, cfg.sqrt_factor)
        t_weak = max(t_short, threshold(n, cfg.weak_fraction, cfg.weak_min_df,
                                                     cfg.weak_sqrt_factor))
        live = _live(blocks, prior)
        idx = [i for i, b in enumerate(blocks) if live[i] and i < len(norms) and norms[i]]
        words = {i: norms[i].count(b" ") + 1 for i in idx}
        prose = {i for i in idx if words[i] >= cfg.prose_min_words
                 and PROSE_SENTENCE_END_RE.search(text, blocks[i].start, blocks[i].end)}

        # Guard: is this document a copy (most of its prose repeated, below template evidence)?
        long_lines = [i for i in idx if words[i] >= cfg.prose_min_words and dfs[i] < t_weak]
        total = sum(words[i] for i in long_lines)
        repeated = [i for i in long_lines if dfs[i] >= t_short]
        share = sum(words[i] for i in repeated) / total if total else 0.0
        copy = share > cfg.near_duplicate_share
        need = t_short
        if copy:
            copy_dfs = sorted(dfs[i] for i in repeated)
            need = max(t_short, copy_dfs[len(copy_dfs) // 2] + 1)

        cand = {i for i in idx if dfs[i] >= need}
        short = {i for i in cand if i not in prose}
        chosen = []
        for pos, i in enumerate(idx):
            if i not in cand:
                continue
            if dfs[i] < t_weak:  # short lines in a run only
                if i in prose:
                    continue
                before = idx[pos - 1] if pos > 0 else -1
                after = idx[pos + 1] if pos + 1 < len(idx) else -1
                if before not in short and after not in short:
                    continue
            chosen.append(i)
        if chosen and len(chosen) == len(idx):  # never empty a document: all of it is repeated
            copy, share, chosen = True, 1.0, []
        removals = []
        for i in sorted(chosen + _gaps(blocks, norms, live, set(chosen))):
            b = blocks[i]
            s, e = line_span(text, b.start, b.end)
            detail = f"df={dfs[i]}/{n}" if norms[i] else "no words, inside or beside removed lines"
            removals.append(Removal(s, e, REPEATED_LINE, text[s:e], detail))

        flags: tuple[Flag, ...] = ()
        if copy:
            kept = [i for i in idx if dfs[i] >= t_short]
            if kept:
                s, e = blocks[kept[0]].start, blocks[kept[-1]].end
                flags = (Flag(s, e, NEAR_DUPLICATE, text[s:e], score=round(share, 3)),)
        return Finding(removals=tuple(removals), flags=flags)
