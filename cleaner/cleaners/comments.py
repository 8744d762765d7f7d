"""Appended comment threads: runs of short conversational lines after the article's end.

Reason ids:
- ``comments.thread``: the thread, from its first line to the end of the document, as one span.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Finding, Removal
from . import Cleaner, register


@register
class CommentsCleaner(Cleaner):
    name = "comments"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        return Finding()
