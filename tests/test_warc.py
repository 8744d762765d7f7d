"""WARC / WET input: each response or conversion record is a document; target URI = id and host."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from conftest import run_cli

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from cleaner.formats import kind_of, output_rel  # noqa: E402
from cleaner.formats.warc import iter_documents  # noqa: E402

PAGE = (b"<html><body><nav>Home | News</nav><p>The river rose two metres overnight in the town.</p>"
        b"</body></html>")


def warc_bytes(gz: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    w.write_record(w.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test\r\n")))
    w.write_record(w.create_warc_record("http://www.example.com/a", "request",
                                        payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))

    def response(uri: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))

    response("http://www.example.com/a", PAGE, "text/html; charset=utf-8")       # record 3
    response("http://www.example.com/gone", b"Not here", "text/html", "404 Not Found")  # 4
    response("http://img.example.org/x.png", b"\x89PNG....", "image/png")          # 5
    response("http://other.example.org/t", "Plain café text.\n△\n".encode(), "text/plain")  # 6
    return buf.getvalue()


def wet_bytes() -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(w.create_warc_record("", "warcinfo", payload=io.BytesIO(b"x: y\r\n")))
    w.write_record(w.create_warc_record("https://news.example.net/1", "conversion",
                                        payload=io.BytesIO(b"A story in text.\n* * *\n"),
                                        warc_content_type="text/plain"))
    return buf.getvalue()


def test_suffixes_and_output_names():
    assert [kind_of(n) for n in ("a.warc", "a.WARC.gz", "b.wet.gz", "c.wet")] == ["warc"] * 4
    assert output_rel("cc/a.warc.gz", "warc") == "cc/a.warc.gz.jsonl.gz"


def test_iter_documents_picks_document_records():
    docs = list(iter_documents(io.BytesIO(warc_bytes(gz=True)), 10_000))
    assert [(d.number, d.uri, d.fmt, d.skip) for d in docs] == [
        (3, "http://www.example.com/a", "html", None),
        (4, "http://www.example.com/gone", "text", "HTTP status 404: not a page to clean"),
        (5, "http://img.example.org/x.png", "text", "content type image/png: not text or HTML"),
        (6, "http://other.example.org/t", "text", None)]
    assert docs[0].data == PAGE
    assert docs[0].meta["warc_type"] == "response" and docs[0].meta["content_type"] == "text/html"
    big = list(iter_documents(io.BytesIO(warc_bytes(gz=False)), 20))
    assert big[0].error == "record payload is over 20 bytes; raise --max-doc-mb to clean it"


def test_truncated_stream_ends_with_one_error():
    data = warc_bytes(gz=True)
    docs = list(iter_documents(io.BytesIO(data[: len(data) - 40]), 10_000))
    assert docs[-1].error is not None and docs[-1].error.startswith("the WARC stream is truncated or corrupt")
    assert [d.number for d in docs[:-1]] == [3, 4, 5]


def test_cli_cleans_warc_and_wet(make_tree, tmp_path):
    root = make_tree({"crawl/a.warc.gz": warc_bytes(gz=True), "crawl/b.warc": warc_bytes(gz=False),
                      "wet/c.wet.gz": wet_bytes()})
    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--jobs", "1", "-q",
                   "--skip", "language,quality")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in rep.read_text("utf-8").splitlines()]
    assert [(r["path"], r["line"], r["id"], r["status"]) for r in records] == [
        ("crawl/a.warc.gz", 3, "http://www.example.com/a", "ok"),
        ("crawl/a.warc.gz", 4, "http://www.example.com/gone", "skipped"),
        ("crawl/a.warc.gz", 5, "http://img.example.org/x.png", "skipped"),
        ("crawl/a.warc.gz", 6, "http://other.example.org/t", "ok"),
        ("crawl/b.warc", 3, "http://www.example.com/a", "ok"),
        ("crawl/b.warc", 4, "http://www.example.com/gone", "skipped"),
        ("crawl/b.warc", 5, "http://img.example.org/x.png", "skipped"),
        ("crawl/b.warc", 6, "http://other.example.org/t", "ok"),
        ("wet/c.wet.gz", 2, "https://news.example.net/1", "ok")]
    assert records[0]["output"] == "crawl/a.warc.gz.jsonl.gz"
    docs = [json.loads(x) for x in gzip.decompress((out / "crawl" / "a.warc.gz.jsonl.gz").read_bytes()).splitlines()]
    assert [d["id"] for d in docs] == ["http://www.example.com/a", "http://other.example.org/t"]
    assert docs[0]["url"] == "http://www.example.com/a" and docs[0]["warc_type"] == "response"
    assert "The river rose two metres overnight in the town." in docs[0]["text"]
    assert docs[1]["text"] == "Plain café text.\n"
    plain = [json.loads(x) for x in gzip.decompress((out / "crawl" / "b.warc.jsonl.gz").read_bytes()).splitlines()]
    assert [(d["id"], d["text"]) for d in plain] == [(d["id"], d["text"]) for d in docs]
    wet = [json.loads(x) for x in gzip.decompress((out / "wet" / "c.wet.gz.jsonl.gz").read_bytes()).splitlines()]
    assert wet == [{"id": "https://news.example.net/1", "url": "https://news.example.net/1",
                    "warc_record_id": wet[0]["warc_record_id"], "warc_date": wet[0]["warc_date"],
                    "warc_type": "conversion", "content_type": "text/plain", "text": "A story in text.\n"}]


def test_host_is_the_corpus_group():
    from cleaner.corpus import group_of

    doc = next(iter_documents(io.BytesIO(warc_bytes(gz=True)), 10_000))
    assert group_of("host", "crawl/a.warc.gz", doc.meta) == "host:example.com"


def test_truncated_file_keeps_cleaned_records(make_tree, tmp_path: Path):
    data = warc_bytes(gz=True)
    root = make_tree({"t.warc.gz": data[: len(data) - 40]})
    rep = tmp_path / "rep.jsonl"
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(rep), "--jobs", "1", "-q",
                   "--skip", "language,quality")
    assert proc.returncode == 1
    records = [json.loads(x) for x in rep.read_text("utf-8").splitlines()]
    assert [(r["line"], r["status"]) for r in records] == [(3, "ok"), (4, "skipped"), (5, "skipped"),
                                                          (6, "error")]
    out = gzip.decompress((tmp_path / "o" / "t.warc.gz.jsonl.gz").read_bytes()).splitlines()
    assert len(out) == 1
