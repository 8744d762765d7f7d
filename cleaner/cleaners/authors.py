"""The fourth way to a comment thread's start (:mod:`.comments`): a run of *author units*.

Threads with no heading, date or ``Reply`` still show who wrote each comment: a name line
(``Mike Merrill``, ``tdhurst``, ``@ckdozi``), maybe under the commenter's link line
(``http://tdhurst.com/``), then one to a few lines of text. :func:`author_run_start` finds the first
run of such units after the article and accepts it when the units talk, sign with a web identity
and come from many people; :func:`signed_unit` is the same evidence for one unit after a heading.
Only the comments stage asks (the residue stage's line model was trained without them).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import CommentsConfig
from .lines import TERMINAL
from .patterns import (
    COMMENT_AUTHOR_RE,
    COMMENT_BODY_START_RE,
    COMMENT_CUE_RE,
    COMMENT_HANDLE_RE,
    COMMENT_LINK_LINE_RE,
    EMOTICON_END_RE,
    NAME_FUNCTION_WORDS,
    NAME_PARTICLES,
)

AUTHOR, LINK, BODY = 1, 2, 0  # the kinds of lines in :func:`author_run_start`


def is_author_line(line: str, marks: int = 0) -> bool:
    """A line shaped like a commenter's name (``COMMENT_AUTHOR_RE``): at most 40 characters, no
    comment vocabulary (``marks``), not ALL CAPS (labels, speakers of a transcript), no function word
    (``NAME_FUNCTION_WORDS``), every word of a several-word name capitalised but particles.

    >>> [is_author_line(s) for s in ("Mike Merrill", "tdhurst", "@ckdozi", "The Problem", "SMITH", "Q:")]
    [True, True, True, False, False, False]
    """
    if len(line) > 40 or marks or not COMMENT_AUTHOR_RE.match(line):
        return False
    if line.isupper() and sum(c.isalpha() for c in line) >= 2:
        return False
    words = line.split()
    if any(w.lower().rstrip(".") in NAME_FUNCTION_WORDS for w in words):
        return False
    return len(words) == 1 or all(w[0].isupper() or w in NAME_PARTICLES for w in words)


def author_kinds(lines: Sequence[str], marks: Sequence[int]) -> list[int]:
    """``AUTHOR`` (:func:`is_author_line`), ``LINK`` (``COMMENT_LINK_LINE_RE``) or ``BODY`` per line."""
    return [AUTHOR if is_author_line(s, m) else LINK if COMMENT_LINK_LINE_RE.match(s) else BODY
            for s, m in zip(lines, marks, strict=True)]


def signed_unit(lines: Sequence[str], kinds: Sequence[int], marks: Sequence[int], p: int) -> bool:
    """Whether line ``p`` opens an author unit with a web identity: a link line, a name line and
    text ("http://www.bohnetlaw.com", "rightappeal", "Starve the beast."), or a handle
    (``COMMENT_HANDLE_RE``) after a sentence's end or a comment line ("2 Comments", "Reply"), then
    text ("@Illissius", "please re-read the blog entry."; not "p53" inside a sentence). Comment
    evidence after a heading (the comments stage only).

    >>> lines = ["Comments", "http://x.org", "Mike Merrill", "Great post.", "Lovely.", "wadew1", "Yes!"]
    >>> from cleaner.cleaners.comments import line_marks
    >>> kinds = author_kinds(lines, [line_marks(s) for s in lines])
    >>> [signed_unit(lines, kinds, [line_marks(s) for s in lines], p) for p in (1, 2, 5)]
    [True, False, True]
    """
    n = len(lines)
    if kinds[p] == LINK:
        p += 1
        if p >= n or kinds[p] != AUTHOR:
            return False
    elif (kinds[p] != AUTHOR or not COMMENT_HANDLE_RE.match(lines[p]) or p == 0
          or not (marks[p - 1] or lines[p - 1][-1] in TERMINAL or EMOTICON_END_RE.search(lines[p - 1]))):
        return False
    return p + 1 < n and kinds[p + 1] == BODY and bool(COMMENT_BODY_START_RE.match(lines[p + 1]))


def author_run_start(lines: Sequence[str], kinds: Sequence[int], prose_before: Sequence[int],
                     cfg: CommentsConfig) -> int | None:
    """The first line of a thread made of *author units*, or ``None`` (the fourth way, see the
    module docstring). A unit is a name line (:func:`is_author_line`) under a link line (the
    commenter's site) or after a line that ends like a sentence (not a link's text inside a
    sentence), whose next line starts like a sentence, followed by 1 to
    :attr:`CommentsConfig.max_unit_lines` lines of text up to the next unit. The first run of units
    after the article's first :attr:`CommentsConfig.min_article_chars` characters of prose is a
    thread when, leading units without a conversational cue dropped, it has at least
    :attr:`CommentsConfig.min_author_units` units, and of them at least
    :attr:`CommentsConfig.min_cue_share` have a cue (``COMMENT_CUE_RE``: "I", "my", thanks, "!",
    ":)"), at least :attr:`CommentsConfig.min_identity_share` a web identity (a link line or a
    handle, ``COMMENT_HANDLE_RE``) and at least :attr:`CommentsConfig.min_distinct_share` distinct
    names. When the first run fails, no later one counts: an article with subheadings, a forum or a
    review page shows its name-like lines before any comment thread would.

    >>> lines = ["A" * 300 + ".", "tdhurst", "I know how you feel.", "Alayna F", "You will do it!",
    ...          "http://x.org", "Mike Merrill", "Thanks Peter.", "Dana", "I wish you well."]
    >>> author_run_start(lines, author_kinds(lines, [0] * 10), [0] + [301] * 10, CommentsConfig())
    1
    """
    n = len(lines)
    heads: list[tuple[int, int]] = []  # (first line of the unit, its name line)
    for a, kind in enumerate(kinds):
        if kind != AUTHOR or a + 1 >= n or kinds[a + 1] != BODY or not COMMENT_BODY_START_RE.match(lines[a + 1]):
            continue
        s = a - 1 if a > 0 and kinds[a - 1] == LINK else a
        if s == 0 or prose_before[s] < cfg.min_article_chars:
            continue
        prev = lines[s - 1]
        if s < a or (kinds[s - 1] == BODY and (prev[-1] in TERMINAL or EMOTICON_END_RE.search(prev))):
            heads.append((s, a))
    if not heads:
        return None
    units: list[tuple[int, int, str]] = []  # (first line, name line, text)
    for j, (s, a) in enumerate(heads):
        end = heads[j + 1][0] if j + 1 < len(heads) else n
        if not 1 <= end - a - 1 <= cfg.max_unit_lines:
            break
        units.append((s, a, " ".join(lines[a + 1:end])))
    cues = [bool(COMMENT_CUE_RE.search(text)) for _, _, text in units]
    while units and not cues[0]:  # the thread starts at a comment that talks
        del units[0], cues[0]
    u = len(units)
    if u < cfg.min_author_units or sum(cues) < cfg.min_cue_share * u:
        return None
    identities = sum(kinds[s] == LINK or bool(COMMENT_HANDLE_RE.match(lines[a])) for s, a, _ in units)
    distinct = len({lines[a].lower() for _, a, _ in units})
    if identities < cfg.min_identity_share * u or distinct < cfg.min_distinct_share * u:
        return None
    return units[0][0]
