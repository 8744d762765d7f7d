"""Appended comment threads: from where the article ends to the end of the document, as one span.

The thread start is the earliest of five candidates, all after the article has begun (at least
:attr:`CommentsConfig.min_article_chars` characters of prose lines before it):

1. **A comment heading** (``2 Comments``, ``Leave a Reply``, ``Kommentare``, ``评论``, ...) or a
   comment-form line (``Your email address will not be published``) followed, within
   :attr:`CommentsConfig.evidence_window` lines, by comment evidence (metadata such as ``Reply``,
   ``3 days ago``, ``John says:``, ``Posted by: omni | Mar 22, 2007 12:56:24 AM``, a date with its
   clock time alone, conversational turns, or the form) or by another comment heading (not the same
   one again: an outline lists "Discussion" above the section itself) - a heading alone in a share
   bar above the article does not open a thread. A form line opens one alone, unless more prose
   follows it than the article before it (``Read/Post Comments`` in a share bar mid-article).
2. **A run of comment metadata**: at least three metadata lines (``[Reply]``, ``John says:``,
   ``3 days ago``, a name before a date and clock time) within ``3 * evidence_window`` lines; with
   one-line comments closed by a ``Reply`` trailer, the line before the first trailer is the first
   comment. A date and time alone is not metadata here (forum posts and blog-index posts carry
   them), nor is an article's byline or dateline with a time ("Posted by Menzie Chinn at October
   29, 2012 05:10 PM", "Updated: 20 August 2007 5:31 am"), nor a trailer word that is a link's text
   inside a running sentence (:func:`inline_trailer`: "the judge's “" / "Report" / "”"); one
   metadata line never opens a thread.
3. **A trailing run of short conversational turns**: walking back from the end over lines of at
   most :attr:`CommentsConfig.max_turn_chars` characters, at least
   :attr:`CommentsConfig.min_thread_lines` of them are turns ("Thank you Carlos!", "Yes Sure!"),
   comment metadata, form lines or theme demo text, and they are at least half of the run.
4. **A run of author units** (:func:`.authors.author_run_start`), for threads with no heading, date or
   ``Reply``: units of a name line (``Mike Merrill``, ``tdhurst``, ``@ckdozi``; maybe under the
   commenter's link line ``http://tdhurst.com/``) followed by 1 to
   :attr:`CommentsConfig.max_unit_lines` lines of text. The first run of such units after the
   article is a thread when it has :attr:`CommentsConfig.min_author_units` units that talk (a share
   :attr:`CommentsConfig.min_cue_share` with "I", thanks, "!" or ":)"), sign with a web identity (a
   share :attr:`CommentsConfig.min_identity_share` with a link line or a handle) and come from many
   people (:attr:`CommentsConfig.min_distinct_share`). Subheadings, interview speakers, testimonials,
   FAQ questions and credits fail one of these; when that first run fails, no later run counts
   (a forum or review page shows its units before any thread would). In the same way a heading of
   rule 1 also counts as followed by evidence when a *signed unit* comes within the window (a link
   line and a name, or a handle after a sentence's end, then text: ``COMMENTS`` ...
   ``http://www.bohnetlaw.com``, ``rightappeal``, ``Starve the beast.``).

5. **What a recall-oriented extractor leaves of a thread** (:func:`tail_thread_start`): trafilatura
   with comments appends the thread without its names and dates, so ways 2 and 4 find nothing and
   a heading with nothing but comment text after it fails way 1. Left are a counted heading
   (``74 Comments``, ``{ 4 comments… read them below or add one }``), the only one of the text with
   a count above 0, followed to the end by at most :attr:`CommentsConfig.max_lines_per_comment`
   lines per counted comment (not a counter under a dateline after the title and at most two prose
   lines: the article's header), and a run of three per-comment buttons (``ReplyDelete``, ``Rate
   This: 0 0``), which starts at the comment the first button closes.

On a blog's index page every post ends with its own comment link (``Permalink | Comments (3)``):
a comment heading whose shape comes back, with article prose between, at least three times is a
post footer (:func:`post_footers`), and when the thread would open at the first footer (or up to
``FOOTER_LEAD_LINES`` lines before it) it is looked for again after the last one only.

The comments stage also counts a user line with the site's numeric user id (``by kidgenius
(704962) on Tuesday July 24, @09:13AM (#40748195)``, ``COMMENT_USER_LINE_RE``) and a comment's
buttons and permalink (``Reply to This``, ``Flag as Inappropriate``, ``#40753303``,
``COMMENT_WIDGET_RE``) as comment metadata for rules 1 and 2, and not a ``... says`` line without a
colon that the next line continues in lower case (``Gizmodo writer Adrian Covert says`` / ``it's
for your own good``: link texts inside a sentence). Only the comments stage looks for the fourth
and fifth ways, signed units and these lines; the residue stage, which keeps the lines of a thread it sees
away from its line model, asks for the first three ways with the vocabulary its line model was
trained with (a thread start it did not see before leaves its line model's verdicts as they were).

The span starts right after the last kept line before the thread (so the blank lines before it go
too) and ends at the end of the text. Lines already removed by earlier cleaners are skipped when
walking. The lines left before the thread can end in another thread (a trailing run of turns that
only ends the text once the thread below it is cut): the search runs again on them, at most
``MAX_THREAD_ROUNDS`` times, and the earliest start is kept. After the cut, the residue rules run
again on what is left (their edges moved), so a second cleaning proposes nothing.

Reason ids:
- ``comments.thread``: the thread, from its first line to the end of the document, as one span.

Known limits: a thread placed *before* the article, or comments without any heading, metadata or
conversational turn (long essays by readers) are left to the line model of the residue stage. The
fourth way needs names *above* the comments (a signature below each comment, as on testimonial
pages, is not read), and commenters with plain names and no link line (``Denise``, ``Karen
Reyburn`` only) give no web identity, so such a thread is left too. In an extractor's output, a
thread with neither a counted heading nor buttons (a third of the Dragnet threads trafilatura keeps)
is left: its paragraphs read like a first-person blog post's, and no line-level cue tells them apart
on the dev pages. A counter under the title and a lede of 200 characters with no dateline above it,
over an article of at most four lines per counted comment, would be read as a thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..config import CommentsConfig
from ..model import Document, Finding, Removal
from ..segment import line_end
from ..spans import merge_removals
from . import Cleaner, register, select_stages
from .authors import author_kinds, author_run_start, signed_unit
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
    COMMENT_USER_LINE_RE,
    COMMENT_WIDGET_RE,
    INLINE_CLOSERS,
    INLINE_OPENERS,
    SAYS_END_RE,
    THEME_DEMO_LOW_RE,
    THEME_DEMO_RE,
    lowered,
)
from .tailthread import tail_thread_start

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
                 template: Sequence[bool] | None = None, authors: bool = False) -> int | None:
    """Index into ``lines`` (stripped, non-blank) of the thread's first line, or ``None``. Lines the
    corpus shows are template (``template[k]``) do not count as article prose before it. With
    ``authors`` (the comments stage), a run of author units (:func:`.authors.author_run_start`) is a fourth
    candidate, an extractor's counted heading or run of buttons (:func:`tail_thread_start`) a fifth,
    a signed unit (:func:`.authors.signed_unit`) is evidence after a heading, and user lines
    and buttons (``COMMENT_USER_LINE_RE``, ``COMMENT_WIDGET_RE``) are metadata.

    >>> thread_start(["A" * 300 + ".", "Thanks!", "You're welcome!"], CommentsConfig(), 60)
    1
    """
    min_article_chars = cfg.min_article_chars
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
    for k in [k for k, m in enumerate(marks) if m & TRAILER]:
        if inline_trailer(lines, k):
            marks[k] &= ~(META | EVIDENCE | TRAILER)
    kinds = None
    if authors:
        kinds = author_kinds(lines, marks)
        # user lines with a numeric id ("by kidgenius (704962) on ...") and a comment's buttons
        # ("Reply to This", "Flag as Inappropriate", "#40753303") are metadata here
        marks = [m | META | EVIDENCE if len(s) <= 200 and (COMMENT_USER_LINE_RE.match(s) or COMMENT_WIDGET_RE.match(s))
                 else m for s, m in zip(lines, marks, strict=True)]
        # "Gizmodo writer Adrian Covert says" / "it's for your own good": a link's text inside a
        # sentence, not a commenter's "John says:"
        for k in range(n - 1):
            if marks[k] & META and lines[k + 1][0].islower() and SAYS_END_RE.search(lines[k]):
                marks[k] &= ~(META | EVIDENCE)
    best = _first_candidate(lines, marks, kinds, prose_before, cfg, -1)
    footers = post_footers(lines, marks, prose_before, min_article_chars) if best is not None else None
    if best is not None and footers is not None and best >= footers[0] - FOOTER_LEAD_LINES:
        # the thread would open at the first post's footer of a blog's index page: the posts go on
        best = _first_candidate(lines, marks, kinds, prose_before, cfg, footers[1])
    if authors:
        tail = tail_thread_start(lines, prose_before, cfg, prose_min_chars)
        if tail is not None and (best is None or tail < best):
            best = tail
    return best


FOOTER_LEAD_LINES = 2  # a post footer's lines before its comment link ("Permalink", "|")


def _first_candidate(lines: Sequence[str], marks: Sequence[int], kinds: Sequence[int] | None,
                     prose_before: Sequence[int], cfg: CommentsConfig, floor: int) -> int | None:
    """The earliest thread start of the four ways (see :func:`thread_start`) after line ``floor``."""
    min_article_chars, evidence_window = cfg.min_article_chars, cfg.evidence_window
    max_turn_chars, min_thread_lines = cfg.max_turn_chars, cfg.min_thread_lines
    n = len(lines)
    best: int | None = None
    for k, m in enumerate(marks):
        if not m & HEADING or prose_before[k] < min_article_chars or k <= floor:
            continue
        own = lines[k].casefold()
        if (any(w & EVIDENCE or (w & HEADING and lines[p].casefold() != own)
                for p, w in enumerate(marks[k + 1:k + 1 + evidence_window], k + 1))
                or (kinds is not None and any(signed_unit(lines, kinds, marks, p)
                                              for p in range(k + 1, min(n, k + 1 + evidence_window))))
                # a form line alone: not when more prose follows it than the article before it
                # ("Read/Post Comments" in a share bar above the rest of the article)
                or (m & FORM and prose_before[n] - prose_before[k + 1] <= prose_before[k])):
            best = k
            break
    # a run of comment metadata ("[Reply]", "John says:", "3 days ago"): at least 3 within
    # 3 * evidence_window lines; when the first is a trailer ("Reply") and the next one follows two
    # lines later (one-line comments), the line before it is the first comment
    metas = [k for k, m in enumerate(marks) if m & META]
    for j, m in enumerate(metas):
        if best is not None and m >= best:
            break
        if prose_before[m] < min_article_chars or m <= floor:
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
    while k > floor + 1 and len(lines[k - 1]) <= max_turn_chars:
        k -= 1
        if marks[k] & (EVIDENCE | HEADING):
            hits += 1
            first_hit = k
    run = n - first_hit
    if run and hits >= min_thread_lines and 2 * hits >= run and prose_before[first_hit] >= min_article_chars:
        best = first_hit if best is None else min(best, first_hit)
    if kinds is not None:
        first = author_run_start(lines, kinds, prose_before, cfg)
        if first is not None and first > floor and (best is None or first < best):
            best = first
    return best


def inline_trailer(lines: Sequence[str], k: int) -> bool:
    """Whether the trailer word ``lines[k]`` (``Reply``, ``Report``, ``Like``) is a link's text inside
    a running sentence rather than a comment's button: the line before ends with an opening quote or
    bracket (``INLINE_OPENERS``), the line after starts with a closing one or punctuation
    (``INLINE_CLOSERS``), or both are lower-case letters.

    >>> inline_trailer(["Please read the judge’s “", "Report", "” first."], 1)
    True
    >>> inline_trailer(["operators: the", "LIKE", "operator and the || operator."], 1)
    True
    >>> inline_trailer(["I agree with you.", "Reply", "Maria"], 1)
    False
    """
    if k == 0 or k + 1 >= len(lines):
        return False
    before, after = lines[k - 1][-1], lines[k + 1][0]
    return before in INLINE_OPENERS or after in INLINE_CLOSERS or (before.islower() and after.islower())


def post_footers(lines: Sequence[str], marks: Sequence[int], prose_before: Sequence[int],
                 min_article_chars: int) -> tuple[int, int] | None:
    """``(first, last)`` index of the *post footers* of a blog's index page, or ``None``. There every
    post ends with the same comment link (``Comments (3)``, ``Comments (0)``, ``Leave a comment``):
    a heading (:func:`is_heading`) whose shape (digit runs folded, case kept)
    occurs at least :data:`MIN_POST_FOOTERS` times after the article's first ``min_article_chars``
    characters of prose (``prose_before``: the prose characters before each line), with article
    prose between most consecutive occurrences (at least two, and more than half of the gaps). An
    article's own "3 Comments" above its text and its thread's "3 Comments" heading are two, not
    three; a sidebar's "most commented" list has no prose between its counts.

    >>> lines = ["A" * 300 + ".", "Comments (3)", "B" * 300 + ".", "Comments (0)", "C" * 90 + ".", "Comments (12)"]
    >>> post_footers(lines, [line_marks(s) for s in lines], [0, 301, 301, 602, 602, 693], 200)
    (1, 5)
    """
    seen: dict[str, list[int]] = {}
    for k, m in enumerate(marks):
        if m & HEADING and prose_before[k] >= min_article_chars:
            seen.setdefault(_DIGIT_RUN_RE.sub("0", lines[k]), []).append(k)
    spans = []
    for at in seen.values():
        if len(at) < MIN_POST_FOOTERS:
            continue
        prose_gaps = sum(prose_before[b] > prose_before[a] for a, b in pairwise(at))
        if prose_gaps >= 2 and 2 * prose_gaps > len(at) - 1:
            spans.append((at[0], at[-1]))
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None


MIN_POST_FOOTERS = 3
_DIGIT_RUN_RE = re.compile(r"\d+")
MAX_THREAD_ROUNDS = 4  # looks for a thread in the lines left before the last one found


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
        template = evidence.template(kept) if evidence else None
        k = thread_start(lines, cfg, rcfg.prose_min_chars, template, authors=True)
        # the lines left before a thread can end in another one (a trailing run of turns, a counted
        # heading over few lines): a second cleaning would cut it, so it is cut now (idempotence)
        for _ in range(MAX_THREAD_ROUNDS):
            if not k:
                break
            again = thread_start(lines[:k], cfg, rcfg.prose_min_chars, template[:k] if template else None,
                                 authors=True)
            if again is None:
                break
            k = again

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
