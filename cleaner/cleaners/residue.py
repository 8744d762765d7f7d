"""Template residue lines: lone symbols, captions and credits, share bars, footers, demo text.

Reason ids:
- ``residue.symbol_line``: a short line holding no letter or digit (``△``, ``* * *``, ``|``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Finding, Removal
from ..segment import line_span
from . import Cleaner, register
from .patterns import NO_WORD_CHAR_RE


@register
class ResidueCleaner(Cleaner):
    name = "residue"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        cfg = self.config.residue
        text = doc.text
        out = []
        for b in doc.blocks:
            line = text[b.start:b.end]
            stripped = line.strip()
            if stripped and len(stripped) <= cfg.max_symbol_line_chars and not NO_WORD_CHAR_RE.search(stripped):
                s, e = line_span(text, b.start, b.end)
                out.append(Removal(s, e, "residue.symbol_line", text[s:e]))
        return Finding(removals=tuple(out))
