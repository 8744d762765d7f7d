"""The audit view: one self-contained HTML page that shows what a run removed and why.

``python -m cleaner IN_DIR --html-report FILE`` writes it after the run; ``python -m cleaner view
REPORT.jsonl -o FILE`` writes it for an existing report. The page needs no network (inline CSS and a
little JS) and holds:

- a summary: documents ok/error/skipped, characters in and out, removed characters by reason id (bar
  chart), the quality histogram, languages, mixed-language flags, encoding fixes, the slowest documents
  when the report records ``seconds``, and every failed document with its message;
- a list of every document, sortable, filterable (reason, status, language, quality, path) and paged
  (100 rows a page), so 100,000 documents open at once;
- a sample shown in full: the ``top`` documents with the most removed characters plus ``random_docs``
  others drawn with a fixed ``seed`` (200 + 200 by default). Their source text is rebuilt from the
  output plus the removed spans (see :mod:`cleaner.view.data`) and shown with removed spans struck
  through and tinted by reason, flags underlined and encoding fixes marked; hovering or clicking a
  span names its reason id (``<cleaner>.<rule>``). Other rows show their removed-span excerpts.

Known limits: a sampled document longer than 100,000 characters is cut there; excerpts of unsampled
rows share a budget of 4 million characters (160 and 6 spans a row at most). Sampled documents are embedded
gzipped, one per line, and unpacked by the page only when shown (``DecompressionStream``: Chromium 80,
Firefox 113, Safari 16.4 or later; older browsers show excerpts only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..files import write_atomic
from . import data, render

__all__ = ["ViewStats", "default_out_dir", "write_view"]


@dataclass(frozen=True)
class ViewStats:
    documents: int
    sampled: int
    missing_outputs: int
    bytes: int


def default_out_dir(report_path: str) -> str | None:
    """OUT_DIR of a report named like the CLI's default: ``X.report.jsonl`` -> ``X``.

    >>> default_out_dir("/runs/scraped.cleaned.report.jsonl")
    '/runs/scraped.cleaned'
    >>> default_out_dir("run.jsonl") is None
    True
    """
    suffix = ".report.jsonl"
    return report_path[: -len(suffix)] if report_path.endswith(suffix) and len(report_path) > len(suffix) else None


def write_view(report_path: str, html_path: str, out_dir: str | None = None, *, top: int = 200,
               random_docs: int = 200, seed: int = 0, text_field: str = "text") -> ViewStats:
    """Read ``report_path`` (and sampled outputs under ``out_dir``); write the page atomically."""
    rep = data.load(report_path, out_dir if out_dir and os.path.isdir(out_dir) else None, top=top,
                    random_docs=random_docs, seed=seed, text_field=text_field)
    page = render.page(rep, f"cleaner audit: {os.path.basename(report_path)}")
    write_atomic(os.fsencode(os.path.abspath(html_path)), page)
    return ViewStats(len(rep.rows), len(rep.docs), rep.missing_outputs, len(page))
