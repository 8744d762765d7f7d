"""Appended comment threads: from where the article ends to the end of the document, as one span.

The thread start is the earliest of two candidates, both after the article has begun (at least
:attr:`CommentsConfig.min_article_chars` characters of prose lines before it):

1. **A comment heading** (``2 Comments``, ``Leave a Reply``, ``Kommentare``, ``评论``, ...) or a
   comment-form line (``Your email address will not be published``) followed, within
   :attr:`CommentsConfig.evidence_window` lines, by comment evidence (metadata such as ``Reply``,
   ``3 days ago``, ``John says:``, ``Posted by: omni | Mar 22, 2007 12:56:24 AM``, a date with its
   clock time alone, conversational turns, or the form) - a heading alone in a share bar above
   the article does not open a thread.
2. **A run of comment metadata**: at least three metadata lines (``[Reply]``, ``John says:``,
   ``3 days ago``, a name before a date and clock time) within ``3 * evidence_window`` lines; with
   one-line comments closed by a ``Reply`` trailer, the line before the first trailer is the first
   comment. A date and time alone is not metadata here (forum posts and blog-index posts carry
   them), nor is an article's byline or dateline with a time ("Posted by Menzie Chinn at October
   29, 2012 05:10 PM", "Updated: 20 August 2007 5:31 am"); one metadata line never opens a thread.
3. **A trailing run of short conversational turns**: walking back from the end over lines of at
   most :attr:`CommentsConfig.max_turn_chars` characters, at least
   :attr:`CommentsConfig.min_thread_lines` of them are turns ("Thank you Carlos!", "Yes Sure!"),
   comment metadata, form lines or theme demo text, and they are at least half of the run.

The span starts right after the last kept line before the thread (so the blank lines before it go
too) and ends at the end of the text. Lines already removed by earlier cleaners are skipped when
walking. After the cut, the residue rules run again on what is left (their edges moved), so a
second cleaning proposes nothing.

Reason ids:
- ``comments.thread``: the thread, from its first line to the end of the document, as one span.

Known limits: a thread placed *before* the article, or comments without any heading, metadata or
conversational turn (long essays by readers) are left to the line model of the residue stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import CommentsConfig
from ..model import Document, Finding, Removal
from ..segment import line_end
from ..spans import merge_removals
from . import Cleaner, register, select_stages
from .lines import TERMINAL, kept_lines
from .patterns import (
    COMMENT_DATE_LOW_RE,
    COMMENT_DATE_RE,
    COMMENT_FORM_LOW_RE,
    COMMENT_FORM_RE,
    COMMENT_HEADER_LOW_RE,
    COMMENT_HEADER_RE,
    COMMENT_META_LOW_RE,
    COMMENT_META_RE,
    COMMENT_TRAILER_LOW_RE,
    COMMENT_TRAILER_RE,
    COMMENT_TURN_LOW_RE,
    COMMENT_TURN_RE,
    THEME_DEMO_LOW_RE,
    THEME_DEMO_RE,
    lowered,
)

THREAD = "comments.thread"

# What the comment vocabulary says of one stripped line (bits of :func:`line_marks`).
HEADING = 1  # :func:`is_heading`
FORM = 2  # a comment-form line (``COMMENT_FORM_RE``), at most 200 characters
EVIDENCE = 4  # :func:`comment_evidence`
META = 8  # comment metadata (``COMMENT_META_RE``), at most 200 characters
TRAILER = 16  # a comment trailer (``COMMENT_TRAILER_RE``), at most 200 characters
_MARKS: dict[str, int] = {}
_MARKS_MAX = 1 << 16


def line_marks(line: str) -> int:
    """The comment-vocabulary bits of a stripped line, cached per process (the residue passes and
    the comments stage ask again for the same lines). Lines over 200 characters have none.

    >>> line_marks("Reply") == EVIDENCE | META | TRAILER, line_marks("The law passed.")
    (True, 0)
    """
    marks = _MARKS.get(line)
    if marks is None:
        marks = _line_marks(line)
        if len(_MARKS) >= _MARKS_MAX:
            _MARKS.clear()
        _MARKS[line] = marks
    return marks


# (heading, form, meta, trailer, turn, demo, date): the original patterns, and their lower-case twins
_PATTERNS = (COMMENT_HEADER_RE, COMMENT_FORM_RE, COMMENT_META_RE, COMMENT_TRAILER_RE, COMMENT_TURN_RE,
             THEME_DEMO_RE, COMMENT_DATE_RE)
_LOW_PATTERNS = (COMMENT_HEADER_LOW_RE, COMMENT_FORM_LOW_RE, COMMENT_META_LOW_RE, COMMENT_TRAILER_LOW_RE,
                 COMMENT_TURN_LOW_RE, THEME_DEMO_LOW_RE, COMMENT_DATE_LOW_RE)


def _line_marks(line: str) -> int:
    if len(line) > 200:
        return 0
    low = lowered(line)
    # a letter whose case folding the lower-case twins cannot mirror: the original patterns
    s, (header, form_re, meta_re, trailer_re, turn_re, demo_re, date_re) = (
        (line, _PATTERNS) if low is None else (low, _LOW_PATTERNS))
    head = bool(header.match(s))
    form = bool(form_re.search(s))
    meta = bool(meta_re.match(s))
    trailer = bool(trailer_re.match(s))
    turn = len(line) <= 120 and bool(turn_re.search(s) or demo_re.search(s) or date_re.match(s))
    return ((HEADING if head or form else 0) | (FORM if form else 0) | (EVIDENCE if meta or form or turn else 0)
            | (META if meta else 0) | (TRAILER if trailer else 0))


def comment_evidence(line: str) -> bool:
    """A line that only a comment section holds: metadata, form text, or a short conversational turn.

    >>> comment_evidence("Reply"), comment_evidence("Thank you Carlos!"), comment_evidence("The law passed.")
    (True, True, False)
    """
    return bool(line_marks(line) & EVIDENCE)


def is_heading(line: str) -> bool:
    """A comment-section heading or form line.

    >>> is_heading("2 Comments"), is_heading("Leave a Reply"), is_heading("Comments are important.")
    (True, True, False)
    """
    return bool(line_marks(line) & HEADING)


def thread_start(lines: Sequence[str], cfg: CommentsConfig, prose_min_chars: int,
                 template: Sequence[bool] | None = None) -> int | None:
    """Index into ``lines`` (stripped, non-blank) of the thread's first line, or ``None``. Lines the
    corpus shows are template (``template[k]``) do not count as article prose before it.

    >>> thread_start(["A" * 300 + ".", "Thanks!", "You're welcome!"], CommentsConfig(), 60)
    1
    """
    min_article_chars, evidence_window = cfg.min_article_chars, cfg.evidence_window
    max_turn_chars, min_thread_lines = cfg.max_turn_chars, cfg.min_thread_lines
    n = len(lines)
    get = _MARKS.get
    marks = [get(s) for s in lines]
    if None in marks:
        marks = [line_marks(s) for s in lines]
    prose_before = [0] * (n + 1)
    total = 0
    for k, s in enumerate(lines):
        if len(s) >= prose_min_chars and s[-1] in TERMINAL and not (template and template[k]):  # is_prose
            total += len(s)
        prose_before[k + 1] = total
    best: int | None = None
    for k, m in enumerate(marks):
        if not m & HEADING or prose_before[k] < min_article_chars:
            continue
        if m & FORM or any(w & (EVIDENCE | HEADING) for w in marks[k + 1:k + 1 + evidence_window]):
            best = k
            break
    # a run of comment metadata ("[Reply]", "John says:", "3 days ago"): at least 3 within
    # 3 * evidence_window lines; when the first is a trailer ("Reply") and the next one follows two
    # lines later (one-line comments), the line before it is the first comment
    metas = [k for k, m in enumerate(marks) if m & META]
    for j, m in enumerate(metas):
        if best is not None and m >= best:
            break
        if prose_before[m] < min_article_chars:
            continue
        if j + 2 < len(metas) and metas[j + 2] - m <= 3 * evidence_window:
            start = m
            if m > 0 and marks[m] & TRAILER and metas[j + 1] - m == 2:
                start = m - 1
            best = start if best is None else min(best, start)
            break
    # trailing run of short turns; it starts at its first evidence line
    k = n
    hits = 0
    first_hit = n
    while k > 0 and len(lines[k - 1]) <= max_turn_chars:
        k -= 1
        if marks[k] & (EVIDENCE | HEADING):
            hits += 1
            first_hit = k
    run = n - first_hit
    if run and hits >= min_thread_lines and 2 * hits >= run and prose_before[first_hit] >= min_article_chars:
        best = first_hit if best is None else min(best, first_hit)
    return best


@register
class CommentsCleaner(Cleaner):
    name = "comments"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        cfg = self.config.comments
        rcfg = self.config.residue
        text = doc.text
        kept = kept_lines(doc, prior)
        blocks = [doc.blocks[i] for i in kept]
        lines = [text[b.start:b.end].strip() for b in blocks]
        from .corpus import line_evidence  # the corpus cleaner imports this module
        from .residue import residue_removals  # residue imports this module

        evidence = line_evidence(self.corpus, doc, self.config.corpus)
        k = thread_start(lines, cfg, rcfg.prose_min_chars, evidence.template(kept) if evidence else None)

        with_residue = "residue" in select_stages(self.config.only, self.config.skip)
        if k is None:
            # the residue stage left the lines after a thread start it saw alone; with no thread
            # here (its heading was residue, say), they get the residue rules now
            return Finding(removals=residue_removals(doc, prior, rcfg, None, evidence) if with_residue else ())
        start = line_end(text, blocks[k - 1].end) if k > 0 else 0
        first = blocks[k].start
        for r in prior:  # a removal between the last kept line and the thread keeps its own reason
            if start <= r.start < first:
                start = max(start, r.end)
        thread = Removal(start, len(text), THREAD, text[start:])
        merged = merge_removals(text, [*prior, thread])
        extra = residue_removals(doc, merged, rcfg, None, evidence) if with_residue else ()
        return Finding(removals=(thread, *extra))
