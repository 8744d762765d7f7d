"""Template residue lines: lone symbols, captions and credits, share bars, footers, demo text.

Two kinds of evidence, both per line and decided with the line's neighbours:

1. **Vocabulary rules** (:mod:`.patterns`), each with its own reason id. Whole-line patterns (share
   bars, breadcrumbs, "Advertisement", "Related: <title>") fire anywhere; credits and bylines only
   at the *edges*, i.e. before the first or after the last prose line of the document (a prose line
   has at least :attr:`ResidueConfig.prose_min_chars` characters and ends like a sentence).
   Search-type patterns (cookie notice, copyright, theme demo text) fire only on lines shorter than
   :attr:`ResidueConfig.max_notice_chars`, so an article sentence *about* cookies is kept.
2. **The line model** (:mod:`.linemodel`): two stacked gradient-boosted tree ensembles over context
   features (line lengths and prose-ness in windows of 3, 11 and 21 lines, the neighbours, the main
   prose block, the comment vocabulary around). A line whose article probability is below
   :attr:`ResidueConfig.model_threshold` is ``residue.boilerplate``. Blank lines between two removed
   lines go with them, so the output has no blank artifacts.

Reason ids:
- ``residue.symbol_line``: a short line holding no letter or digit (``△``, ``* * *``, ``|``).
- ``residue.caption``: an image caption or photo credit (``... (Provided by X)``, ``Photo: X``,
  ``Getty Images``).
- ``residue.credit``: a short bracketed source credit at the edges (``(The Dajiyuan)``, ``(Xinhua)``).
- ``residue.share``: a share bar (``Share | Tweet | Email``).
- ``residue.nav``: a navigation or breadcrumb line (``Home » News``, ``Skip to content``).
- ``residue.related``: a "Related articles" heading with its list of titles, or ``Read more: X``.
- ``residue.notice``: a newsletter or cookie notice.
- ``residue.copyright``: a copyright footer (``© 2024 Example. All rights reserved.``).
- ``residue.demo``: a theme's demo text (``News magazine bootstrap themes!``, lorem ipsum).
- ``residue.ad``: an advertisement label (``Advertisement``, ``Anzeige``, ``广告``).
- ``residue.boilerplate``: a line the line model scores as not article.
- ``residue.markup``: in a text document dumped with its HTML, a line of tags only or a script or
  style block (:mod:`.markup`).

Known limits: a caption without a credit ("A man walks his dog.") is indistinguishable from a short
paragraph and is kept unless the model removes it; a byline inside the article region is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from ..config import CommentsConfig, ResidueConfig
from ..model import Document, Finding, Removal
from ..segment import line_span
from ..spans import merge_removals
from . import Cleaner, comments, linemodel, register, select_stages
from .corpus import LineEvidence, line_evidence
from .lines import is_prose, kept, nonblank
from .markup import MARKUP, markup_lines
from .patterns import (
    ADVERTISEMENT_RE,
    BREADCRUMB_RE,
    CAPTION_CREDIT_RE,
    COPYRIGHT_LOW_RE,
    COPYRIGHT_RE,
    NAV_LINE_RE,
    NO_WORD_CHAR_RE,
    NOTICE_LOW_RE,
    NOTICE_RE,
    PHOTO_CREDIT_LINE_RE,
    RELATED_HEADING_RE,
    RELATED_PREFIX_RE,
    SHARE_LINE_RE,
    SHARE_SPLIT_RE,
    SHARE_WORDS,
    SOURCE_CREDIT_RE,
    THEME_DEMO_LOW_RE,
    THEME_DEMO_RE,
    lowered,
)

SYMBOL_LINE = "residue.symbol_line"
CAPTION = "residue.caption"
CREDIT = "residue.credit"
SHARE = "residue.share"
NAV = "residue.nav"
RELATED = "residue.related"
NOTICE = "residue.notice"
COPYRIGHT = "residue.copyright"
DEMO = "residue.demo"
AD = "residue.ad"
BOILERPLATE = "residue.boilerplate"

_SHARE_SET = frozenset(SHARE_WORDS)
TABLE_RULE_CHARS = "|-:+= \t\u00a0"
"""The characters of a table's empty rows and rules as extractors print them; a line of only these,
holding a ``|``, is a ``residue.symbol_line`` whatever its length."""


def is_share_bar(line: str) -> bool:
    """Every word of the line is a share-bar word (counts and separators allowed).

    >>> is_share_bar("Share | Tweet | Email 12"), is_share_bar("Share your thoughts")
    (True, False)
    """
    if len(line) > 120:
        return False
    words = [w for w in SHARE_SPLIT_RE.split(line.lower()) if w]
    return bool(words) and all(w in _SHARE_SET for w in words)


def rule_reason(line: str, max_symbol_chars: int, max_notice_chars: int) -> str | None:
    """:func:`line_rule`, cached for lines up to 1,000 characters."""
    if len(line) <= 1000:
        return _rule_cached(line, max_symbol_chars, max_notice_chars)
    return line_rule(line, max_symbol_chars, max_notice_chars)


def line_rule(line: str, max_symbol_chars: int, max_notice_chars: int) -> str | None:
    """The reason id of the context-free rule that fires on a stripped line, or ``None``.

    Credits and bylines are not decided here (they need the edges); see :func:`edge_reason`.

    >>> rule_reason("△", 12, 200), rule_reason("Advertisement", 12, 200), rule_reason("Hello there.", 12, 200)
    ('residue.symbol_line', 'residue.ad', None)
    """
    if not line:
        return None
    if len(line) <= max_symbol_chars and not NO_WORD_CHAR_RE.search(line):
        return SYMBOL_LINE
    if "|" in line and not line.strip(TABLE_RULE_CHARS):  # an empty table row: "|  |  |  |", "|---|---|"
        return SYMBOL_LINE
    if (line[-1] in ")）]" and CAPTION_CREDIT_RE.search(line[-200:])) or (
            len(line) <= 200 and PHOTO_CREDIT_LINE_RE.match(line)):
        return CAPTION
    if len(line) <= 40 and ADVERTISEMENT_RE.match(line):
        return AD
    if is_share_bar(line) or (len(line) <= 60 and SHARE_LINE_RE.match(line)):
        return SHARE
    if (len(line) <= 60 and NAV_LINE_RE.match(line)) or (len(line) <= 200 and BREADCRUMB_RE.match(line)):
        return NAV
    if len(line) <= 200 and RELATED_PREFIX_RE.match(line):
        return RELATED
    if len(line) <= max_notice_chars:
        low = lowered(line)
        if low is None:  # a letter whose case folding the lower-case twins cannot mirror
            notice, copyright, demo = NOTICE_RE.search, COPYRIGHT_RE.search, THEME_DEMO_RE.search
            low = line
        else:
            notice, copyright, demo = NOTICE_LOW_RE.search, COPYRIGHT_LOW_RE.search, THEME_DEMO_LOW_RE.search
        if notice(low):
            return NOTICE
        if copyright(low):
            return COPYRIGHT
        if demo(low):
            return DEMO
    return None


_rule_cached = lru_cache(maxsize=1 << 16)(line_rule)


def edge_reason(line: str) -> str | None:
    """``residue.credit`` for a short bracketed source credit (only applied at the edges).

    Bylines ("By John Smith") are left alone: most gold standards keep them as article text.

    >>> edge_reason("(The Dajiyuan)"), edge_reason("(Reporting by A; Editing by B)"), edge_reason("The end.")
    ('residue.credit', None, None)
    """
    if SOURCE_CREDIT_RE.match(line):
        return CREDIT
    return None


def residue_removals(doc: Document, prior: Sequence[Removal], cfg: ResidueConfig,
                     ccfg: CommentsConfig | None = None, evidence: LineEvidence | None = None) -> tuple[Removal, ...]:
    """The residue removals for the lines not covered by ``prior``, repeated until nothing new is
    found (removing a line moves the edges and the neighbours of the rest), so that cleaning the
    output again proposes nothing. At most :attr:`ResidueConfig.max_passes` passes. With ``ccfg``,
    the lines from the start of an appended comment thread on are left alone (they are one
    ``comments.thread`` span)."""
    found: list[Removal] = []
    taken = tuple(prior)
    cut = sum(r.end - r.start for r in taken)
    for _ in range(cfg.max_passes):
        new = _one_pass(doc, taken, cfg, ccfg, evidence)
        if not new:
            break
        merged = merge_removals(doc.text, [*taken, *new])
        now = sum(r.end - r.start for r in merged)
        if now == cut:  # nothing really new (a line partly cut by an earlier stage)
            break
        found.extend(new)
        taken, cut = merged, now
    return tuple(found)


_LAST: tuple[Document, tuple[Removal, ...], ResidueConfig, tuple[Removal, ...],
            LineEvidence | None] | None = None
"""The last pass without a comment thread: (document, prior, config, removals, corpus evidence). The comments stage
asks for the residue of the same lines again when it finds no thread; this answers it without a
second line model run. Pure memoisation: the same inputs give the same removals."""


def _one_pass(doc: Document, prior: Sequence[Removal], cfg: ResidueConfig,
              ccfg: CommentsConfig | None, evidence: LineEvidence | None = None) -> list[Removal]:
    global _LAST
    last = _LAST
    prior = tuple(prior)
    if (ccfg is None and last is not None and last[0] is doc and last[2] == cfg and last[1] == prior
            and last[4] is evidence):
        return list(last[3])
    out, threaded = _compute_pass(doc, prior, cfg, ccfg, evidence)
    if not threaded:  # a pass that found no thread is the same with or without ``ccfg``
        _LAST = (doc, prior, cfg, tuple(out), evidence)
    return out


def _compute_pass(doc: Document, prior: Sequence[Removal], cfg: ResidueConfig,
                  ccfg: CommentsConfig | None, evidence: LineEvidence | None) -> tuple[list[Removal], bool]:
    """One pass's removals, and whether a comment thread cut the lines short."""
    text = doc.text
    pos, idx = kept(doc, prior)
    every, rules, prosy = _line_values(doc, cfg)
    stripped = [every[p] for p in pos]
    reasons: list[str | None] = [rules[p] for p in pos]
    markup = markup_lines(stripped, cfg) if doc.format != "html" else []
    prose = [k for k, p in enumerate(pos) if prosy[p] and reasons[k] is None]
    if prose:
        first, last = prose[0], prose[-1]
        for k in (*range(first), *range(last + 1, len(stripped))):
            if reasons[k] is None:
                reasons[k] = edge_reason(stripped[k])
    template = evidence.template(idx) if evidence else None  # what the corpus proves is template
    _related_lists(stripped, reasons, cfg.max_related_title_chars, template, evidence and evidence.unique(idx))
    threaded = False
    if ccfg is not None:
        # the lines of an appended comment thread are left to the comments stage (one span)
        start = comments.thread_start(stripped, ccfg, cfg.prose_min_chars, template)
        if start is not None:
            del reasons[start:], stripped[start:], idx[start:]
            threaded = True
    threshold = cfg.html_model_threshold if doc.format == "html" else cfg.model_threshold
    if threshold > 0 and cfg.model_min_lines <= len(stripped) <= cfg.model_max_lines:
        probs = linemodel.article_probabilities(stripped)
        for k, p in enumerate(probs):
            if reasons[k] is None and p < threshold:
                reasons[k] = BOILERPLATE
        if evidence is not None:  # the corpus shows which of them are this document's own text
            evidence.keep_own_runs(idx, stripped, reasons, BOILERPLATE, cfg.prose_min_chars)
    for k in markup:  # a page dumped with its HTML: its tag-only lines and scripts go too
        if k < len(reasons) and reasons[k] is None:
            reasons[k] = MARKUP
    return _spans(text, doc, idx, reasons, prior), threaded


def _line_values(doc: Document, cfg: ResidueConfig) -> tuple[list[str], list[str | None], list[bool]]:
    """The stripped non-blank lines of the document, their context-free rule verdicts
    (:func:`rule_reason`) and whether each is prose: computed once per document, not per pass."""
    every, scratch = nonblank(doc)[1:]
    key = ("residue", cfg.max_symbol_line_chars, cfg.max_notice_chars, cfg.prose_min_chars)
    values = scratch.get(key)
    if values is None:
        rules = [rule_reason(s, cfg.max_symbol_line_chars, cfg.max_notice_chars) for s in every]
        prosy = [is_prose(s, cfg.prose_min_chars) for s in every]
        values = scratch[key] = (rules, prosy)
    return every, values[0], values[1]


@register
class ResidueCleaner(Cleaner):
    name = "residue"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        ccfg = self.config.comments if "comments" in self.config_stages() else None
        evidence = line_evidence(self.corpus, doc, self.config.corpus)
        return Finding(removals=residue_removals(doc, prior, self.config.residue, ccfg, evidence))

    def config_stages(self) -> tuple[str, ...]:
        return select_stages(self.config.only, self.config.skip)


def _related_lists(stripped: list[str], reasons: list[str | None], max_title: int,
                   template: Sequence[bool] | None = None, unique: Sequence[bool] | None = None) -> None:
    """Mark a related-articles heading and the short title lines that follow it (up to 15). Under a
    heading the corpus proves is template, a line unique to this document ends the list."""
    k = 0
    n = len(stripped)
    while k < n:
        if reasons[k] is None and len(stripped[k]) <= 60 and RELATED_HEADING_RE.match(stripped[k]):
            j = k + 1
            own = unique if template and template[k] else None
            while (j < n and j - k <= 15 and len(stripped[j]) <= max_title and stripped[j][-1] not in ".!?。！？"
                   and not (own and own[j])):
                j += 1
            if j > k + 1:
                for m in range(k, j):
                    if reasons[m] is None:
                        reasons[m] = RELATED
            k = j
        else:
            k += 1


def _spans(text: str, doc: Document, idx: list[int], reasons: list[str | None],
           prior: Sequence[Removal]) -> list[Removal]:
    """Line spans of the marked lines; consecutive lines with the same reason form one span, and the
    blank lines between two marked lines go with them."""
    out: list[Removal] = []
    prior_ends = [r.end for r in prior]
    k = 0
    n = len(idx)
    while k < n:
        reason = reasons[k]
        if reason is None:
            k += 1
            continue
        j = k
        while j + 1 < n and reasons[j + 1] == reason:
            j += 1
        start = doc.blocks[idx[k]].start
        end = doc.blocks[idx[j]].end
        s, e = line_span(text, start, end)
        gap = _last_end_before(out, prior_ends, s)
        if gap < s and not text[gap:s].strip():
            # blank lines between two removals: attach them to this span
            s = gap
        out.append(Removal(s, e, reason, text[s:e]))
        k = j + 1
    return out


def _last_end_before(out: list[Removal], prior_ends: list[int], pos: int) -> int:
    """The end of the last removal (ours or prior) ending at or before ``pos``, else ``pos``."""
    best = out[-1].end if out else -1
    k = bisect_right(prior_ends, pos)
    if k:
        best = max(best, prior_ends[k - 1])
    return best if best >= 0 else pos
