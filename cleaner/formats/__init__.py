"""File formats: which suffixes we read, and where each one's output goes.

``.txt`` keeps its path; ``.jsonl`` and ``.jsonl.gz`` keep path and compression; an HTML page's
cleaned text goes to its path plus ``.txt`` (``news/a.html`` -> ``news/a.html.txt``); a WARC or WET
file's documents go to its path plus ``.jsonl.gz`` (``cc/a.warc.gz`` -> ``cc/a.warc.gz.jsonl.gz``,
see :mod:`cleaner.formats.warc`).
Suffixes match case-insensitively.
"""

from __future__ import annotations

SUFFIXES: tuple[tuple[str, str], ...] = (
    (".jsonl.gz", "jsonl.gz"),
    (".warc.gz", "warc"),
    (".wet.gz", "warc"),
    (".warc", "warc"),
    (".wet", "warc"),
    (".jsonl", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "txt"),
)


def kind_of(name: str) -> str | None:
    """The format of a file name, or ``None`` when we do not read it.

    >>> kind_of("a/b.JSONL.gz"), kind_of("x.htm"), kind_of("notes.md")
    ('jsonl.gz', 'html', None)
    """
    low = name.lower()
    for suffix, kind in SUFFIXES:
        if low.endswith(suffix):
            return kind
    return None


def output_rel(rel: str, kind: str) -> str:
    """The output path of an input, relative to OUT_DIR.

    >>> output_rel("news/a.html", "html"), output_rel("b.jsonl.gz", "jsonl.gz")
    ('news/a.html.txt', 'b.jsonl.gz')
    >>> output_rel("cc/x.warc.gz", "warc")
    'cc/x.warc.gz.jsonl.gz'
    """
    if kind == "warc":
        return rel + ".jsonl.gz"
    return rel + ".txt" if kind == "html" else rel
