"""The fifth way to a comment thread's start (:mod:`.comments`): what a recall-oriented extractor
leaves of a thread.

Trafilatura with ``include_comments`` appends the thread after the article without the commenters'
names and dates, so a metadata run or author units do not remain, and a heading with nothing but
comment text after it is not followed by comment evidence. What remains is a counter over the
thread and the buttons each comment repeats; :func:`tail_thread_start` reads them. The comments
stage calls it from :func:`.comments.thread_start` (the residue stage does not: its line model was
trained without these lines).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import CommentsConfig
from .patterns import COUNTED_HEADING_RE, LINE_DATE_RE, THREAD_SAID_RE, THREAD_WIDGET_RE


def tail_thread_start(lines: Sequence[str], prose_before: Sequence[int], cfg: CommentsConfig,
                      prose_min_chars: int = 60) -> int | None:
    """The first line of a thread as a recall-oriented extractor leaves it, or ``None`` (the fifth
    way, comments stage only). Trafilatura (``include_comments``) appends the thread after the article
    without the commenters' names and dates, so neither a metadata run nor author units remain; what
    does remain, after the article's first :attr:`CommentsConfig.min_article_chars` characters of
    prose:

    * **a counted heading** (``COUNTED_HEADING_RE``: "74 Comments", "{ 4 comments… read them below
      or add one }", "One comment Add your comment"), the only one of the text with a count above 0,
      followed to the end by at most :attr:`CommentsConfig.max_lines_per_comment` lines per counted
      comment (counting at least two). The thread starts at the heading. A blog index repeats its
      counter under every post, a forum thread or an article below its counter has more lines than
      the count says. The article before it is counted in paragraphs of at least ``prose_min_chars``
      characters, ending like a sentence or not (a post of photos has captions, "... found on
      flickr:"); a counter right under a dateline (at most 80 characters with a date) with at most
      two prose lines above it is in the article's header ("Posted by X on Tuesday, November 12,
      2011", "Comments (28)"), not over a thread;
    * **a run of comment buttons** (``THREAD_WIDGET_RE``: Blogger's "ReplyDelete", WordPress.com's
      "Rate This: 0 0") or dated "said" lines (``THREAD_SAID_RE``: "On October 26, 2012 at 2:08am,
      Rosa said..."): three within ``3 * evidence_window`` lines. A said line opens a comment, so
      the thread starts there; a button closes one, so the thread starts at the line before the
      first button (the first comment's last line).

    >>> tail_thread_start(["A" * 300 + ".", "3 Comments", "Nice.", "Me too!", "Great shot."],
    ...                   [0] + [301] * 5, CommentsConfig())
    1
    """
    n = len(lines)
    min_chars = cfg.min_article_chars
    counted: list[tuple[int, int]] = []  # (line, count)
    widgets: list[int] = []  # buttons below a comment and, in ``above``, lines above one
    above: set[int] = set()
    for k, s in enumerate(lines):
        if len(s) > 200:
            continue
        m = COUNTED_HEADING_RE.match(s)
        if m:
            count = 1 if m.group("one") else int(m.group("n") or m.group("n2"))
            if count:
                counted.append((k, count))
        elif THREAD_WIDGET_RE.match(s):
            widgets.append(k)
        elif THREAD_SAID_RE.match(s):
            widgets.append(k)
            above.add(k)
    best: int | None = None
    if len(counted) == 1:
        k, count = counted[0]
        # under a dateline, after the title and a lede: a counter in the article's header
        header = (k > 0 and len(lines[k - 1]) <= 80 and bool(LINE_DATE_RE.search(lines[k - 1]))
                  and sum(prose_before[j + 1] > prose_before[j] for j in range(k)) <= 2)
        if (sum(len(s) for s in lines[:k] if len(s) >= prose_min_chars) >= min_chars and not header
                and 0 < n - k - 1 <= cfg.max_lines_per_comment * max(count, 2)):
            best = k
    for j, w in enumerate(widgets):
        if j + 2 >= len(widgets) or (best is not None and w > best):
            break
        if prose_before[w] >= min_chars and widgets[j + 2] - w <= 3 * cfg.evidence_window:
            # the comment the first button closes, unless the article has not begun before it
            start = (w - 1 if w not in above and prose_before[w - 1] >= min_chars
                     and (j == 0 or widgets[j - 1] != w - 1) else w)
            best = start if best is None else min(best, start)
            break
    return best
