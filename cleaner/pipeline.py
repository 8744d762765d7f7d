"""Document -> CleanResult: run the cleaners, merge their proposals, cut once, score.

Also the library entry point :func:`clean` for a string or bytes.
"""

from __future__ import annotations

from typing import Any

from . import encoding, segment
from .cleaners import REGISTRY, Cleaner, select_stages
from .config import Config
from .decode import decode_bytes
from .errors import DocumentError
from .formats.html import visible_blocks
from .model import Block, CleanResult, Document, EncodingInfo, Flag, Removal
from .quality import assess
from .spans import apply_removals, check_accounting, covered, merge_removals


class Pipeline:
    """The selected stages, built once per process and reused for every document."""

    def __init__(self, config: Config | None = None, corpus: Any = None) -> None:
        self.config = config or Config()
        self.stages = select_stages(self.config.only, self.config.skip)
        self.cleaners: list[Cleaner] = [REGISTRY[n](self.config, corpus) for n in self.stages if n in REGISTRY]
        self.fingerprint = self.config.fingerprint()

    # -- building documents -----------------------------------------------------------------
    def document(self, data: bytes | str, *, fmt: str = "text", path: str | None = None,
                 group: str | None = None) -> Document:
        """Decode and repair ``data``; for ``fmt="html"`` flatten the page to its visible blocks."""
        cfg = self.config.encoding
        if isinstance(data, bytes):
            text, info = decode_bytes(data, html=fmt == "html", force=cfg.force)
        else:
            text, info = data, EncodingInfo("str")
        repair = "encoding" in self.stages and cfg.repair
        if fmt == "html":
            text, blocks = visible_blocks(text)
            prior = encoding.source_level(info.fixes)  # offsets in the markup mean nothing here
            fixed, fixes = encoding.repair(text, prior, mojibake=repair)
            if fixed != text:
                text, blocks = fixed, _reflow(blocks, fixed)
            return Document(text, blocks, "html", EncodingInfo(info.detected, fixes), path, group)
        text, info = self._repair(text, info)
        return Document(text, segment.lines(text), "text", info, path, group)

    def source_text(self, data: bytes | str, *, fmt: str = "text") -> str:
        """``document(data, fmt=fmt).text`` without building the blocks of a text document: what
        corpus pass 1 counts."""
        if fmt == "html":
            return self.document(data, fmt=fmt).text
        if isinstance(data, bytes):
            text, info = decode_bytes(data, html=False, force=self.config.encoding.force)
        else:
            text, info = data, EncodingInfo("str")
        return self._repair(text, info)[0]

    def _repair(self, text: str, info: EncodingInfo) -> tuple[str, EncodingInfo]:
        if "encoding" not in self.stages:
            return text, info
        cfg = self.config.encoding
        text, fixes = encoding.repair(text, info.fixes, mojibake=cfg.repair, entities=cfg.html_entities)
        return text, EncodingInfo(info.detected, fixes)

    # -- cleaning ---------------------------------------------------------------------------
    def run(self, doc: Document) -> CleanResult:
        """Clean a document. :class:`DocumentError` when it has more than ``max_doc_lines`` lines."""
        limit = self.config.max_doc_lines
        if limit and len(doc.blocks) > limit:
            raise DocumentError(f"{len(doc.blocks):,} lines, over the {limit:,}-line limit per document "
                                "(this is no article: a log or a list?); raise --max-doc-lines to clean it")
        merged: tuple[Removal, ...] = ()
        flags: list[Flag] = []
        language: str | None = None
        for cleaner in self.cleaners:
            found = cleaner.find(doc, merged)
            if found.removals:  # the spans kept so far are disjoint: merging them again changes nothing
                merged = merge_removals(doc.text, (*merged, *found.removals))
            flags.extend(found.flags)
            language = found.language or language
        text = apply_removals(doc.text, merged)
        check_accounting(doc.text, text, merged)
        kept_flags = tuple(sorted((f for f in flags if not covered(merged, f.start, f.end)),
                                  key=lambda f: (f.start, f.end, f.kind)))
        quality = None
        if "quality" in self.stages:
            quality = assess(text, language, self.config.quality, self.fingerprint, len(doc.text))
        return CleanResult(text, doc.text, merged, kept_flags, language, quality, doc.encoding)


def clean(data: bytes | str, *, html: bool | None = None, config: Config | None = None,
          **options: Any) -> CleanResult:
    """Clean one document given as text or bytes.

    ``html`` says whether ``data`` is an HTML page (default: guess from a leading ``<``).
    ``options`` are :class:`Config` fields, ``section__knob`` for a section's knob, e.g.
    ``clean(text, skip=("language",), residue__max_symbol_line_chars=3)``.

    >>> clean("A real sentence of the article.\\n△\\n").text
    'A real sentence of the article.\\n'
    """
    cfg = (config or Config()).with_options(**options) if options else (config or Config())
    pipe = _pipeline_for(cfg)
    if html is None:
        html = looks_like_html(data)
    doc = pipe.document(data, fmt="html" if html else "text")
    return pipe.run(doc)


def looks_like_html(data: bytes | str) -> bool:
    """A document that starts with ``<`` and has an ``<html`` or ``<body`` tag near the top."""
    head = data[:4096] if isinstance(data, str) else data[:4096].decode("latin-1")
    low = head.lstrip().lower()
    return low.startswith("<") and ("<html" in low or "<body" in low)


def _reflow(blocks: tuple[Block, ...], text: str) -> tuple[Block, ...]:
    """Blocks re-positioned over ``text`` after a repair that kept every line but changed lengths."""
    lines = text.split("\n")
    if len(lines) != len(blocks):
        return segment.lines(text)
    out, pos = [], 0
    for b, line in zip(blocks, lines, strict=False):
        out.append(b._replace(start=pos, end=pos + len(line), link_chars=min(b.link_chars, len(line))))
        pos += len(line) + 1
    return tuple(out)


_PIPELINES: dict[Config, Pipeline] = {}


def _pipeline_for(cfg: Config) -> Pipeline:
    pipe = _PIPELINES.get(cfg)
    if pipe is None:
        if len(_PIPELINES) > 8:
            _PIPELINES.clear()
        pipe = _PIPELINES[cfg] = Pipeline(cfg)
    return pipe
