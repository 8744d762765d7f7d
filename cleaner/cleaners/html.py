"""DOM-level removals for HTML documents: navigation, headers, footers, forms, comment sections.

Reason ids:
- ``html.boilerplate_tag``: a block inside ``nav``, ``header``, ``footer``, ``aside`` or ``form``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Finding, Removal
from ..segment import line_span
from . import Cleaner, register

BOILERPLATE_TAGS = frozenset({"nav", "footer", "aside", "form"})


@register
class HtmlCleaner(Cleaner):
    name = "html"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        if doc.format != "html":
            return Finding()
        out = []
        for b in doc.blocks:
            if any(d.split("#", 1)[0].split(".", 1)[0].split("[", 1)[0] in BOILERPLATE_TAGS for d in b.path):
                s, e = line_span(doc.text, b.start, b.end)
                out.append(Removal(s, e, "html.boilerplate_tag", doc.text[s:e]))
        return Finding(removals=tuple(out))
