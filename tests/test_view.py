"""The audit view without a browser: data, sampling, source rebuilding, escaping, CLI."""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from cleaner.errors import UsageError
from cleaner.report import REPORT_KEYS
from cleaner.view import data, default_out_dir, write_view

XSS = "<script>alert(1)</script>"


def rec(path: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {k: None for k in REPORT_KEYS}
    base.update(path=path, status="ok", output=path, encoding={"detected": "utf-8", "fixes": []},
                removed=[], flags=[], quality=None)
    base.update(kw)
    return base


def write_report(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def payload(page: str) -> dict[str, Any]:
    """The page's data: the rows (JSON) and the sampled documents (gzipped JSON in base64)."""
    m = re.search(r'<script type="application/json" id="cleaner-data">(.*?)</script>', page, re.S)
    d = re.search(r'<script type="application/octet-stream" id="cleaner-docs">([A-Za-z0-9+/=\n]*)</script>', page)
    assert m and d
    docs = [json.loads(gzip.decompress(base64.b64decode(line))) for line in d.group(1).split("\n") if line]
    return {**json.loads(m.group(1)), "docs": docs}


def doc_text(doc: dict[str, Any]) -> str:
    return doc["src"]


def removed_texts(doc: dict[str, Any]) -> dict[int, str]:
    return {i: doc["src"][s[0]:s[1]] for i, s in enumerate(doc["rm"])}


@pytest.fixture
def run(tmp_path: Path) -> tuple[Path, Path]:
    """A hand-made run: OUT_DIR ``x.cleaned`` and report ``x.cleaned.report.jsonl``."""
    out = tmp_path / "x.cleaned"
    (out / "news").mkdir(parents=True)
    source = "Title\nBody sentence one.\n△\nComments\nNice!\n"
    (out / "a.txt").write_text("Title\nBody sentence one.\n", "utf-8")
    (out / "x.txt").write_text(f"{XSS}\nA real line.\n", "utf-8")
    (out / "news" / "r.jsonl").write_text(
        json.dumps({"id": "r1", "text": "First record."}) + "\n" + json.dumps({"id": "r3", "text": "Third ok."}) + "\n",
        "utf-8")
    records = [
        rec("a.txt", language="en", chars_in=len(source), chars_out=25,
            removed=[{"start": 25, "end": 27, "reason": "residue.symbol_line", "text": "△\n"},
                     {"start": 27, "end": 42, "reason": "comments.thread", "text": "Comments\nNice!\n"}],
            flags=[{"start": 6, "end": 10, "kind": "mixed_language", "lang": "de", "score": 0.9, "text": "Body"}],
            encoding={"detected": "cp1252", "fixes": [{"start": 0, "end": 5, "kind": "mojibake", "detail": "x"}]},
            quality={"score": 0.1, "signals": {"words": 4.0}, "config": "abc"}),
        rec("news/r.jsonl", line=1, id="r1", chars_in=13, chars_out=13, language="fr",
            quality={"score": 0.95, "signals": {}, "config": "abc"}),
        rec("news/r.jsonl", line=2, status="error", output=None, error=f"invalid JSON {XSS}"),
        rec("news/r.jsonl", line=3, id="r3", chars_in=16, chars_out=9, language="fr",
            removed=[{"start": 0, "end": 7, "reason": "residue.symbol_line", "text": "* * *\n\n"}],
            quality={"score": 0.0999, "signals": {}, "config": "abc"}),
        rec("skip.png", status="skipped", output=None, error="unsupported file type"),
        rec("x.txt", chars_in=len(XSS) + 14, chars_out=len(XSS) + 14, language="en",
            quality={"score": 1.0, "signals": {}, "config": "abc"}),
    ]
    return out, write_report(tmp_path / "x.cleaned.report.jsonl", records)


def test_rebuild_source_puts_every_span_back() -> None:
    removed = [{"start": 0, "end": 2, "text": "ab"}, {"start": 4, "end": 5, "text": "e"}]
    assert data.rebuild_source("cdf", removed, 6) == "abcdef"
    assert data.rebuild_source("cdf", removed, None) == "abcdef"
    assert data.rebuild_source("cdf", removed, 7) is None  # chars_in disagrees
    assert data.rebuild_source("", removed, None) is None  # the span at 4 lies past the output
    assert data.rebuild_source("cdf", [{"start": 0, "end": 3, "text": "ab"}], None) is None  # bad text length


def test_summary_rows_and_full_documents(run: tuple[Path, Path], tmp_path: Path) -> None:
    out, report = run
    rep = data.load(str(report), str(out))
    s = rep.summary
    assert (s.docs, s.status["ok"], s.status["error"], s.status["skipped"]) == (6, 4, 1, 1)
    assert (s.chars_in, s.chars_out) == (42 + 13 + 16 + len(XSS) + 14, 25 + 13 + 9 + len(XSS) + 14)
    assert s.reason_chars == {"residue.symbol_line": 9, "comments.thread": 15}
    assert s.reason_spans == {"residue.symbol_line": 2, "comments.thread": 1}
    assert s.reason_docs == {"residue.symbol_line": 2, "comments.thread": 1}
    # bins: 0.0999 -> 0, 0.1 -> 1 (threshold), 0.95 and 1.0 -> 9
    assert s.quality_bins == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert s.languages == {"en": 2, "fr": 2}
    assert (s.mixed_flags, s.mixed_docs, s.fixed_docs, s.errors) == (1, 1, 1, [2])
    assert rep.reasons == ["residue.symbol_line", "comments.thread"]
    assert len(rep.docs) == 4 and rep.missing_outputs == 0  # every ok document is sampled
    a = rep.docs[rep.rows[0][data.R_DOC]]
    assert a["mode"] == "full" and doc_text(a) == "Title\nBody sentence one.\n△\nComments\nNice!\n"
    assert removed_texts(a) == {0: "△\n", 1: "Comments\nNice!\n"}
    assert a["fl"] == [[6, 10, "mixed_language", "de", 0.9, "Body"]] and a["src"][6:10] == "Body"
    assert a["fx"] == [[0, 5, "mojibake", "x"]] and a["src"][0:5] == "Title"
    r3 = rep.docs[rep.rows[3][data.R_DOC]]  # after an error line: the 2nd output line, not the 3rd
    assert doc_text(r3) == "* * *\n\nThird ok." and removed_texts(r3) == {0: "* * *\n\n"}
    assert rep.rows[2][data.R_DOC] == -1 and rep.rows[2][data.R_ERR] == f"invalid JSON {XSS}"


def test_missing_or_changed_output_shows_spans_only(run: tuple[Path, Path]) -> None:
    out, report = run
    (out / "a.txt").unlink()
    (out / "news" / "r.jsonl").write_text(json.dumps({"id": "other", "text": "First record."}) + "\n"
                                         + json.dumps({"id": "r3", "text": "Changed text!!"}) + "\n", "utf-8")
    rep = data.load(str(report), str(out))
    modes = {rep.rows[n][data.R_PATH] + str(rep.rows[n][data.R_LINE]): rep.docs[rep.rows[n][data.R_DOC]]
             for n in (0, 1, 3)}
    assert modes["a.txtNone"]["mode"] == "spans" and modes["a.txtNone"]["texts"] == ["△\n", "Comments\nNice!\n"]
    assert modes["news/r.jsonl1"]["mode"] == "spans"  # the id differs
    assert modes["news/r.jsonl3"]["mode"] == "spans"
    assert "does not match" in modes["news/r.jsonl3"]["why"]
    assert rep.missing_outputs == 2
    no_out = data.load(str(report), None)
    assert all(d["mode"] == "spans" for d in no_out.docs) and no_out.missing_outputs == 4


def test_sample_is_heaviest_plus_seeded_random(tmp_path: Path) -> None:
    records = [rec(f"d{i:02}.txt", chars_in=100, chars_out=100 - i % 7,
                   removed=[{"start": 0, "end": i % 7, "reason": "residue.symbol_line", "text": "x" * (i % 7)}]
                   if i % 7 else []) for i in range(30)]
    report = write_report(tmp_path / "r.jsonl", records)
    rep = data.load(str(report), None, top=3, random_docs=2, seed=1)
    sampled = sorted(d["row"] for d in rep.docs)
    assert {6, 13, 20} <= set(sampled) and len(sampled) == 5  # removed 6 chars: the 3 heaviest
    again = data.load(str(report), None, top=3, random_docs=2, seed=1)
    assert sorted(d["row"] for d in again.docs) == sampled
    others = {tuple(sorted(d["row"] for d in data.load(str(report), None, top=3, random_docs=2, seed=s).docs))
              for s in range(6)}
    assert len(others) > 1  # the seed changes the random part
    assert sorted(d["row"] for d in data.load(str(report), None, top=0, random_docs=0).docs) == []


def test_row_excerpts_share_a_budget() -> None:
    rows = [[None] * 18 for _ in range(2)]
    rows[0][data.R_SNIP] = [[0, 0, 5, "abcde"], [0, 9, 12, "fgh"]]
    rows[1][data.R_SNIP] = [[0, 0, 2, "ab"]]
    data._trim_snippets(rows, 6)
    assert rows[0][data.R_SNIP] == [[0, 0, 5, "abcde"], [0, 9, 12, "f"]]
    assert rows[1][data.R_SNIP] == [[0, 0, 2, "ab"]]


def test_page_escapes_text_and_allows_only_its_own_script(run: tuple[Path, Path], tmp_path: Path) -> None:
    out, report = run
    target = tmp_path / "view.html"
    stats = write_view(str(report), str(target), str(out))
    page = target.read_text("utf-8")
    assert (stats.documents, stats.sampled, stats.bytes) == (6, 4, len(page.encode()))
    assert XSS not in page and "alert(1)" in page
    assert page.count("<script") == 3  # two data blocks (rows, documents) and the page's own script
    assert html.escape(f"invalid JSON {XSS}") in page  # the error message, escaped in the summary
    assert "\\u003cscript>alert(1)\\u003c/script>" in page  # and inside the JSON data block
    body = re.search(r"<script>(.*?)</script>", page, re.S).group(1)  # type: ignore[union-attr]
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page  # CSP: no other script may run
    assert not re.search(r"(src|href)=\"?(https?:)?//|@import|url\(", page)  # nothing from the network
    x = payload(page)
    docs = {x["rows"][d["row"]][0]: d for d in x["docs"]}
    assert doc_text(docs["x.txt"]) == f"{XSS}\nA real line.\n"
    assert 'data-stat="error" data-value="1"' in page and 'data-stat="docs" data-value="6"' in page


def test_seconds_list_the_slowest(tmp_path: Path) -> None:
    records = [rec(f"d{i}.txt", chars_in=1, chars_out=1, seconds=i / 10) for i in range(12)]
    target = tmp_path / "v.html"
    write_view(str(write_report(tmp_path / "r.jsonl", records)), str(target))
    page = target.read_text("utf-8")
    slow = re.findall(r'data-row="(\d+)">d\d+\.txt</a> ([\d.]+) s', page)
    assert slow[:2] == [("11", "1.100"), ("10", "1.000")] and len(slow) == 10
    no_times = tmp_path / "n.html"
    write_view(str(write_report(tmp_path / "n.jsonl", [rec("a.txt", chars_in=1, chars_out=1)])), str(no_times))
    assert 'id="slowest"' not in no_times.read_text("utf-8")


def test_bad_report_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "a", "status": "ok", "removed": []}\n[1, 2]\n', "utf-8")
    with pytest.raises(UsageError, match="record 2 is not a cleaner report record"):
        data.load(str(bad), None)
    proc = run_cli("view", str(bad), "-o", str(tmp_path / "o.html"))
    assert proc.returncode == 2 and b"record 2" in proc.stderr and not (tmp_path / "o.html").exists()
    assert run_cli("view", str(tmp_path / "missing.jsonl")).returncode == 2


def test_default_out_dir_and_view_cli(run: tuple[Path, Path]) -> None:
    out, report = run
    assert default_out_dir(str(report)) == str(out)
    proc = run_cli("view", str(report))
    assert proc.returncode == 0, proc.stderr
    page = (report.parent / "x.cleaned.report.html").read_text("utf-8")
    assert all(d["mode"] == "full" for d in payload(page)["docs"])  # outputs found beside the report
    assert b"6 documents, 4 in full" in proc.stderr


def test_html_report_after_a_run_and_a_directory_named_view(make_tree, tmp_path: Path) -> None:
    root = make_tree({"a.txt": f"{XSS}\nA real sentence of the article.\n△\n", "b.jsonl": '{"id": 1, "text": "Hi."}\n'})
    view_dir = root.parent / "view"
    root.rename(view_dir)
    target = tmp_path / "audit.html"
    proc = run_cli("./view", "-o", "o", "--report", "r.jsonl", "--html-report", str(target), "-j", "1",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    x = payload(target.read_text("utf-8"))
    assert len(x["rows"]) == len(records) == 2
    a = next(d for d in x["docs"] if x["rows"][d["row"]][0] == "a.txt")
    assert a["mode"] == "full" and doc_text(a) == f"{XSS}\nA real sentence of the article.\n△\n"
    assert "".join(removed_texts(a).values()) == "".join(r["text"] for r in records[0]["removed"])
    dry = run_cli("./view", "-o", "o2", "--report", "r2.jsonl", "--html-report", "d.html", "--dry-run",
                  cwd=tmp_path)
    assert dry.returncode == 0 and all(d["mode"] == "spans" for d in payload((tmp_path / "d.html").read_text())["docs"])
    inside = run_cli("./view", "-o", "o3", "--html-report", "view/x.html", cwd=tmp_path)
    assert inside.returncode == 2 and b"inside IN_DIR" in inside.stderr


def test_empty_report_gives_an_empty_page(tmp_path: Path) -> None:
    report = tmp_path / "r.jsonl"
    report.write_text("", "utf-8")
    stats = write_view(str(report), str(tmp_path / "v.html"))
    page = (tmp_path / "v.html").read_text("utf-8")
    assert (stats.documents, stats.sampled) == (0, 0)
    assert payload(page)["rows"] == [] and payload(page)["docs"] == []
    assert 'data-stat="docs" data-value="0"' in page and "nothing was removed" in page


def test_gzipped_jsonl_and_undecodable_file_names(make_tree, tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"r{i}", "text": f"Record {i} has a real sentence.\n△\n"}) + "\n"
                    for i in range(3))
    root = make_tree({"a.jsonl.gz": gzip.compress(lines.encode(), mtime=0)})
    (root / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"A sentence in a file with a Latin-1 name.\n")
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.jsonl"),
                   "--html-report", str(tmp_path / "v.html"), "-j", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "v.html").read_bytes().decode("utf-8")  # valid UTF-8 whatever the names
    x = payload(page)
    assert [r[0] for r in x["rows"]] == ["a.jsonl.gz"] * 3 + ["caf\udce9.txt"]
    assert "caf\\udce9.txt" in page  # the name as the report writes it, in the summary's data
    texts = {x["rows"][d["row"]][2]: doc_text(d) for d in x["docs"] if d["mode"] == "full"}
    assert texts == {"r0": "Record 0 has a real sentence.\n△\n", "r1": "Record 1 has a real sentence.\n△\n",
                     "r2": "Record 2 has a real sentence.\n△\n", None: "A sentence in a file with a Latin-1 name.\n"}


def test_documents_left_out_by_min_quality(tmp_path: Path) -> None:
    why = "quality 0.2 < --min-quality 0.5; failed rules: none"
    records = [rec("a.txt", output=None, chars_in=30, chars_out=0,
                   removed=[{"start": 0, "end": 2, "reason": "residue.symbol_line", "text": "△\n"}],
                   quality={"score": 0.2, "signals": {}, "config": "abc", "filtered": why}),
               rec("b.txt", chars_in=5, chars_out=5, quality={"score": 0.9, "signals": {}, "config": "abc"})]
    report = write_report(tmp_path / "r.jsonl", records)
    rep = data.load(str(report), str(tmp_path))
    assert rep.summary.filtered == 1 and [r[data.R_FILTERED] for r in rep.rows] == [why, None]
    doc = rep.docs[rep.rows[0][data.R_DOC]]
    assert doc["mode"] == "spans" and doc["why"] == f"left out by --min-quality ({why})"
    write_view(str(report), str(tmp_path / "v.html"))
    page = (tmp_path / "v.html").read_text("utf-8")
    assert 'data-stat="filtered" data-value="1"' in page
    write_view(str(write_report(tmp_path / "n.jsonl", records[1:])), str(tmp_path / "n.html"))
    assert 'data-stat="filtered"' not in (tmp_path / "n.html").read_text("utf-8")


def test_row_excerpts_stop_after_six_spans(tmp_path: Path) -> None:
    removed = [{"start": 2 * i, "end": 2 * i + 2, "reason": "residue.symbol_line", "text": "△\n"} for i in range(9)]
    report = write_report(tmp_path / "r.jsonl", [rec("a.txt", output=None, chars_in=18, chars_out=0, removed=removed)])
    row = data.load(str(report), None, top=0, random_docs=0).rows[0]
    assert [s[1] for s in row[data.R_SNIP]] == [0, 2, 4, 6, 8, 10]
    assert row[data.R_REASONS] == [[0, 18, 9]]


def test_long_documents_are_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "MAX_DOC_CHARS", 10)
    removed = [{"start": 0, "end": 8, "reason": "comments.thread", "text": "abcdefgh"},
               {"start": 8, "end": 16, "reason": "comments.thread", "text": "ijklmnop"}]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").write_text("qrst", "utf-8")
    report = write_report(tmp_path / "r.jsonl", [rec("a.txt", chars_in=20, chars_out=4, removed=removed)])
    full = data.load(str(report), str(tmp_path / "out")).docs[0]
    assert (full["mode"], full["src"], full["cut"]) == ("full", "abcdefghij", 10)
    spans = data.load(str(report), None).docs[0]
    assert (spans["mode"], spans["texts"], spans["cut"]) == ("spans", ["abcdefgh", "ij"], 10)


def test_html_report_with_stdin_shows_the_one_document(tmp_path: Path) -> None:
    source = "A real sentence of the article.\n△\n"
    proc = run_cli("-", "--html-report", "v.html", "-q", stdin=source.encode(), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"A real sentence of the article.\n"
    x = payload((tmp_path / "v.html").read_text("utf-8"))
    assert [row[0] for row in x["rows"]] == ["-"]
    (doc,) = x["docs"]
    assert doc["mode"] == "full" and doc_text(doc) == source
    assert list(removed_texts(doc).values()) == ["△\n"]
    assert sorted(os.listdir(tmp_path)) == ["v.html"]  # the report it was built from is not left behind
    directory = run_cli("-", "--html-report", ".", stdin=source.encode(), cwd=tmp_path)
    assert directory.returncode == 2 and b"is a directory" in directory.stderr
