"""Plain text -> blocks: one block per line, with offsets.

A line ends at ``\\r\\n``, ``\\r`` or ``\\n``; U+2028, U+2029 and U+0085 stay inside their line (JSON
strings and scraped text carry them as ordinary characters). ``line_span`` gives the span that cuts a
whole line together with its line break.
"""

from __future__ import annotations

import re

from .model import Block

LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def lines(text: str) -> tuple[Block, ...]:
    """Every line of ``text`` as a block (empty lines included; no block after a final break).

    >>> [(b.start, b.end) for b in lines("ab\\r\\ncd\\n\\ne")]
    [(0, 2), (4, 6), (7, 7), (8, 9)]
    """
    if "\r" not in text:  # the common case: a plain split is several times faster than the regex
        out, pos = [], 0
        for piece in text.split("\n"):
            end = pos + len(piece)
            out.append(Block(pos, end))
            pos = end + 1
        if out and out[-1].start == len(text):
            out.pop()
        return tuple(out)
    out = []
    pos = 0
    for m in LINE_BREAK_RE.finditer(text):
        out.append(Block(pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append(Block(pos, len(text)))
    return tuple(out)


def line_end(text: str, end: int) -> int:
    """The offset after the line break that follows ``end`` (or ``end`` at the end of the text)."""
    if text.startswith("\r\n", end):
        return end + 2
    if end < len(text) and text[end] in "\r\n":
        return end + 1
    return end


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span that cuts the lines ``[start, end)`` whole: with the break after them, or, for the
    last line of a text without a final break, with the break before them.

    >>> line_span("a\\nb\\nc", 2, 3), line_span("a\\nb\\nc", 4, 5), line_span("a\\r\\nb", 3, 4)
    ((2, 4), (3, 5), (1, 4))
    """
    after = line_end(text, end)
    if after > end or start == 0:
        return start, after
    if text.startswith("\r\n", start - 2):
        return start - 2, end
    if text[start - 1] in "\r\n":
        return start - 1, end
    return start, end
