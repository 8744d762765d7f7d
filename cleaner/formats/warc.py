"""WARC and WET input (``.warc``, ``.warc.gz``, ``.wet``, ``.wet.gz``), streamed record by record with
warcio (the WARC library of the Webrecorder project, used by Common Crawl's own tools).

Which records are documents:

* ``response`` records with an HTTP payload (a crawl's pages): HTML (``text/html``,
  ``application/xhtml+xml``) is cleaned as a page, ``text/plain`` as text. The payload is read
  de-chunked and decompressed (``Content-Encoding``) by warcio, then decoded like any input file.
* ``conversion`` records (WET files: the extracted text of each page) and ``resource`` records of a
  text type: cleaned as text (or HTML, by content type).
* Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, ``dns:`` responses) is
  not a document and is passed over without a report line. A document record that is not a 2xx HTTP
  response or not of a text type is reported as ``skipped`` with the reason.

Each document's ``WARC-Target-URI`` is its ``id`` in the report and its ``url`` in the output, so the
corpus stage groups it by host (``host:example.com``). The report's ``line`` is the record's
1-based position in the file, counting every record, so ``line`` 7 is the 7th WARC record.

Output: ``crawl/a.warc.gz`` -> ``crawl/a.warc.gz.jsonl.gz`` (gzipped JSONL, one object per cleaned
document, in file order)::

    {"id": URI, "url": URI, "warc_record_id": "<urn:uuid:...>", "warc_date": "2024-...Z",
     "warc_type": "response", "content_type": "text/html", "text": "the cleaned text"}

(the text key follows ``--text-field``). Known limits: the HTTP ``Content-Type`` charset is not used to
decode (the bytes are sniffed like a file's: BOM, UTF-8, ``<meta charset>``, detection); ARC files are
not read; a record over ``--max-doc-mb`` is an error record and the file goes on; an uncompressed
``.warc`` cut inside a record's HTTP headers ends quietly at the record before (warcio reads that as
the end of the file; cuts anywhere else, and in any gzipped file, are reported).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

DOC_TYPES = frozenset({"response", "conversion", "resource"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})


@dataclass(frozen=True, slots=True)
class WarcDoc:
    """One document record, or a record that is reported as ``error`` / ``skipped``."""

    number: int  # 1-based position of the record in the file (every record counts)
    uri: str | None
    fmt: str = "text"  # "html" or "text"
    data: bytes | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # the output record without its text
    error: str | None = None
    skip: str | None = None


def _mime(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _document(number: int, rec: Any, cap: int) -> WarcDoc | None:
    headers = rec.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    if rec.rec_type == "response" and rec.http_headers is None:
        return None  # dns: and other non-HTTP responses
    if rec.http_headers is not None:
        ctype = rec.http_headers.get_header("Content-Type")
        status = rec.http_headers.get_statuscode()
    else:
        ctype, status = headers.get_header("Content-Type"), None
    mime = _mime(ctype)
    meta = {"id": uri, "url": uri, "warc_record_id": headers.get_header("WARC-Record-ID"),
            "warc_date": headers.get_header("WARC-Date"), "warc_type": rec.rec_type,
            "content_type": mime or None}
    if status is not None and not str(status).startswith("2"):
        return WarcDoc(number, uri, meta=meta, skip=f"HTTP status {status}: not a page to clean")
    if mime and mime not in HTML_TYPES and mime not in TEXT_TYPES:
        return WarcDoc(number, uri, meta=meta, skip=f"content type {mime}: not text or HTML")
    try:
        data = rec.content_stream().read(cap + 1)
    except (OSError, EOFError, zlib.error, ValueError) as e:
        return WarcDoc(number, uri, meta=meta, error=f"the record's payload cannot be read "
                       f"({type(e).__name__}: {e})"[:300])
    if len(data) > cap:
        return WarcDoc(number, uri, meta=meta, error=f"record payload is over {cap:,} bytes; raise "
                       "--max-doc-mb to clean it")
    if mime in HTML_TYPES:
        fmt = "html"
    elif mime in TEXT_TYPES:
        fmt = "text"
    else:  # no content type: sniff
        head = data[:4096].lstrip().lower()
        fmt = "html" if head.startswith(b"<") and (b"<html" in head or b"<body" in head) else "text"
    return WarcDoc(number, uri, fmt, data, meta)


class _Truncated(Exception):
    pass


def _archive_iterator(stream: BinaryIO) -> Any:
    from warcio.archiveiterator import ArchiveIterator

    class Checked(ArchiveIterator):  # type: ignore[misc]
        """warcio passes over a cut gzip member in silence: notice it before the reader goes."""

        def close(self) -> None:
            reader = self.reader
            if reader is not None and reader.decompressor is not None and not reader.decompressor.eof:
                self.cut = True
            super().close()

    it = Checked(stream)
    it.cut = False
    return it


def iter_documents(stream: BinaryIO, cap: int) -> Iterator[WarcDoc]:
    """Every document record of a WARC/WET stream (gzipped per record, whole, or plain), in order.
    A truncated or corrupt stream ends with one error item that says after which record it broke
    (warcio itself ends such a stream quietly: a record shorter than its ``Content-Length`` or a cut
    gzip member is detected here)."""
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        it = _archive_iterator(stream)
        for rec in it:
            doc = _document(number + 1, rec, cap) if rec.rec_type in DOC_TYPES else None
            while rec.raw_stream.read(1 << 16):
                pass
            if rec.length is None or getattr(rec.raw_stream, "limit", 0) > 0:
                raise _Truncated("the last record is shorter than its Content-Length")
            number += 1
            if doc is not None:
                yield doc
        if it.cut:
            raise _Truncated("the last gzip member is cut short")
    except (_Truncated, ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as e:
        yield WarcDoc(number + 1, None, error=f"the WARC stream is truncated or corrupt after record "
                      f"{number} ({type(e).__name__}: {str(e)[:200]}); the records before it were cleaned")


def _group(cfg: Any, rel: str, meta: dict[str, Any]) -> str | None:
    """The corpus group of a record: ``host:<target URI host>`` with the default ``--group-by``."""
    try:
        from ..corpus import group_of
    except ImportError:  # a build without the corpus stage
        return None
    return group_of(getattr(cfg.corpus, "group_by", "host"), rel, meta)


# -- cleaning one WARC/WET file (called by cleaner.runner.process_entry) --------------------------
def clean_file(entry: Any, out_rel: str, target: bytes, dry_run: bool, spill_dir: str) -> Any:
    """Clean every document of one WARC/WET file into ``target`` (gzipped JSONL, atomically); one
    report record per document in file order. Runs in a worker with the runner's pipeline set."""
    import os
    import tempfile

    from .. import report, runner
    from ..errors import SkipDocument
    from ..files import AtomicWriter, open_input
    from ..report import RunSummary
    from . import jsonl

    pipe = runner._PIPE
    assert pipe is not None, "worker not initialised"
    cfg = pipe.config
    summary = RunSummary()
    lines: list[str] = []
    spill: str | None = None
    writer: AtomicWriter | None = None

    def emit(rec: dict[str, Any]) -> None:
        nonlocal spill
        summary.add_record(rec)
        lines.append(report.dumps(rec))
        if len(lines) >= runner.SPILL_LINES:
            if spill is None:
                fd, spill = tempfile.mkstemp(dir=spill_dir, suffix=".jsonl")
                os.close(fd)
            with open(spill, "a", encoding="utf-8") as f:
                f.writelines(lines)
            lines.clear()

    rel = entry.rel
    try:
        raw = open_input(entry.abspath)
    except Exception as e:
        emit(report.record(rel, status="error", error=runner._describe(e)))
        return runner.FileResult(lines, spill, summary)
    try:
        if not dry_run:
            writer = AtomicWriter(target, gz=True)
        for wd in iter_documents(raw, cfg.max_doc_bytes):
            n, uri = wd.number, wd.uri
            if wd.error or wd.skip:
                emit(report.record(rel, line=n, rec_id=uri, status="error" if wd.error else "skipped",
                                   error=wd.error or wd.skip))
                continue
            assert wd.data is not None
            summary.bytes_in += len(wd.data)
            try:
                with runner._time_limit(cfg.max_doc_seconds):
                    doc = pipe.document(wd.data, fmt=wd.fmt, path=rel,
                                        group=_group(cfg, rel, wd.meta))
                    if not doc.text.strip():
                        raise SkipDocument("empty document: no visible text to clean")
                    result = pipe.run(doc)
                out = jsonl.dump_record({**wd.meta, cfg.text_field: result.text})
                if writer:
                    writer.write(out)
                summary.bytes_out += len(out)
                emit(report.record(rel, line=n, rec_id=uri, output=None if dry_run else out_rel,
                                   result=result))
            except SkipDocument as e:
                emit(report.record(rel, line=n, rec_id=uri, status="skipped", error=str(e)))
            except Exception as e:
                emit(report.record(rel, line=n, rec_id=uri, status="error", error=runner._describe(e)))
        if writer:
            writer.commit()
            writer = None
    except Exception as e:
        emit(report.record(rel, status="error", error=runner._describe(e)))
    finally:
        if writer:
            writer.abort()
        raw.close()
    return runner.FileResult(lines, spill, summary)


def count_file(entry: Any, builder: Any) -> None:
    """Corpus pass 1 over one WARC/WET file: add every document's source text to ``builder`` under
    its host group. Records that pass 2 reports as errors or skipped are left out."""
    from .. import runner
    from ..files import open_input

    pipe = runner._PIPE
    assert pipe is not None, "worker not initialised"
    cfg = pipe.config
    with open_input(entry.abspath) as raw:
        for wd in iter_documents(raw, cfg.max_doc_bytes):
            if wd.data is None:
                continue
            try:
                with runner._time_limit(cfg.max_doc_seconds):
                    source = pipe.source_text(wd.data, fmt=wd.fmt)
            except Exception:
                continue  # reported by pass 2
            if source.strip():
                builder.add_document(_group(cfg, entry.rel, wd.meta), source)
