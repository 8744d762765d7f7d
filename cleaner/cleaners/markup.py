"""Raw HTML in a text dump: a page saved as text with its markup (``residue.markup``).

Some scrapers dump a page's source instead of its text. A text document is a *markup dump* when at
least :attr:`ResidueConfig.markup_min_share` of its non-blank lines (and at least
:attr:`ResidueConfig.markup_min_lines`) hold an HTML tag (:data:`.patterns.MARKUP_TAG_RE`: known
element names, so ``<jefferai>`` in a chat log is no tag). In a dump:

lines of tags only (``<div class="nav">``, ``</td></tr>``, ``<!-- ad -->``) are removed, and so is
every line from a ``<script>`` or ``<style>`` opening tag to its closing tag (at most
:data:`MAX_BLOCK_LINES` lines; nothing but tags before the opening tag; the closing line only when
nothing but tags follows it), when the other rules and the line model keep them. Lines mixing tags
and text (``<a href="/">Home</a>``, ``<p>The minister said...</p>``) are left to those: in a dump
they hold the article too. The model judges the lines with their tags (it was trained on such dumps), and the
  tag-only lines stay in its context: removing them before the model made it keep more of the
  template around the article (three dumps among the dev pages: F1 -0.45 to +0.19; after it: +0.02
  to +0.15, none worse).

Known limits: HTML pages are never checked (their visible text shows tags only when the page quotes
them, as a tutorial does); an article about HTML saved as text, whose quoted tags are on a fifth of
its lines, loses its tag-only lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import ResidueConfig
from .patterns import MARKUP_LINE_RE, MARKUP_TAG_RE, SCRIPT_CLOSE_RE, SCRIPT_OPEN_RE

MARKUP = "residue.markup"
MAX_BLOCK_LINES = 200
"""A script or style block longer than this is not followed to its end (an unclosed tag)."""


def markup_lines(stripped: Sequence[str], cfg: ResidueConfig) -> list[int]:
    """The indices of the markup lines (tags only, or in a script or style block) among the
    stripped non-blank lines of a text document; ``[]`` unless it is a markup dump (at least
    :attr:`ResidueConfig.markup_min_share` of the lines, and :attr:`ResidueConfig.markup_min_lines`,
    hold an HTML tag).

    >>> cfg = ResidueConfig(markup_min_lines=2)
    >>> markup_lines(["<div>", "<script>", "var a = 1;", "</script>", "<p>Some <b>text</b>.</p>"], cfg)
    [0, 1, 2, 3]
    >>> markup_lines(["Use the tag:", "<div>", "in your page.", "It works.", "Really.", "Yes."], cfg)
    []
    """
    tagged = [k for k, s in enumerate(stripped) if "<" in s and MARKUP_TAG_RE.search(s)]
    if len(tagged) < cfg.markup_min_lines or len(tagged) < cfg.markup_min_share * len(stripped):
        return []
    marked = {k for k in tagged if stripped[k][-1] == ">" and MARKUP_LINE_RE.match(stripped[k])}
    k, n = 0, len(stripped)
    while k < n:
        line = stripped[k]
        m = SCRIPT_OPEN_RE.search(line) if "<" in line else None
        if m and _tags_only(line[:m.start()]) and not SCRIPT_CLOSE_RE.search(line, m.end()):
            for j in range(k + 1, min(n, k + 1 + MAX_BLOCK_LINES)):
                close = SCRIPT_CLOSE_RE.search(stripped[j])
                if close:
                    marked.update(range(k, j + 1 if _tags_only(stripped[j][close.end():]) else j))
                    k = j
                    break
        k += 1
    return sorted(marked)


def _tags_only(s: str) -> bool:
    """Nothing but tags and white space (or nothing at all)."""
    return not s.strip() or MARKUP_LINE_RE.match(s) is not None
